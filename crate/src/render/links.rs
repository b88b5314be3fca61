//! Text links and image links for the first record of a placement.

use crate::support::prelude::*;

use super::{parts, Ctx, Entry};
use crate::product::model::ImageSize;

/// `<a class="shelf-link">title</a>`.
pub(crate) fn render_link(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    let mut out = String::new();
    if let Some((_, entry)) = entries.first() {
        text_link(&mut out, ctx, entry);
    }
    out
}

/// One entry's text link; plain text when it has no link.
pub(crate) fn text_link(out: &mut String, ctx: &Ctx<'_>, entry: &Entry) {
    parts::push_link_text(
        out,
        ctx,
        parts::href(ctx, entry),
        "shelf-link",
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
