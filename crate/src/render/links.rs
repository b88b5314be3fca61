//! Text links and image links for the first record of a placement.

use crate::support::prelude::*;

use super::{parts, Ctx, Entry, LinkIcon};
use crate::product::model::ImageSize;

/// `<a class="shelf-link">title</a>`; with a link icon, the class `shelf-icon-<icon>` too, whose
/// stylesheet rule draws the icon after the text.
pub(crate) fn render_link(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    let mut out = String::new();
    if let Some((_, entry)) = entries.first() {
        let mut class = String::from("shelf-link");
        if ctx.options.link_icon != LinkIcon::None {
            class.push_str(" shelf-icon-");
            class.push_str(ctx.options.link_icon.as_str());
        }
        link_with_class(&mut out, ctx, entry, &class);
    }
    out
}

/// One entry's text link; plain text when it has no link.
pub(crate) fn text_link(out: &mut String, ctx: &Ctx<'_>, entry: &Entry) {
    link_with_class(out, ctx, entry, "shelf-link");
}

fn link_with_class(out: &mut String, ctx: &Ctx<'_>, entry: &Entry, class: &str) {
    parts::push_link_text(
        out,
        ctx,
        parts::href(ctx, entry),
        class,
        parts::title(ctx, entry),
    );
}

/// The product image as a link; a text link when no image may be shown.
pub(crate) fn render_image_link(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    let mut out = String::new();
    let Some((_, entry)) = entries.first() else {
        return out;
    };
    match (
        parts::image(ctx, entry, ImageSize::Medium),
        parts::href(ctx, entry),
    ) {
        (Some(img), Some(h)) => {
            parts::open_anchor(&mut out, ctx, &h, "shelf-image-link");
            parts::img_tag(&mut out, &img, parts::title(ctx, entry));
            out.push_str("</a>");
        }
        _ => text_link(&mut out, ctx, entry),
    }
    out
}
