//! Text links and image links for the first record of a placement.

use crate::prelude::*;

use super::{parts, Ctx, Entry};
use crate::escape::text;
use crate::product::ImageSize;

/// `<a class="shelf-link">title</a>`.
pub(crate) fn render_link(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    entries
        .first()
        .map(|(_, entry)| text_link(ctx, entry))
        .unwrap_or_default()
}

/// One entry's text link; plain text when it has no link.
pub(crate) fn text_link(ctx: &Ctx<'_>, entry: &Entry) -> String {
    match parts::href(ctx, entry) {
        Some(h) => parts::anchor(ctx, &h, "shelf-link", &text(parts::title(ctx, entry))),
        None => text(parts::title(ctx, entry)),
    }
}

/// The product image as a link; a text link when no image may be shown.
pub(crate) fn render_image_link(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    let Some((_, entry)) = entries.first() else {
        return String::new();
    };
    let (Some(img), Some(h)) = (
        parts::image(ctx, entry, ImageSize::Medium),
        parts::href(ctx, entry),
    ) else {
        return text_link(ctx, entry);
    };
    let tag = parts::img_tag(&img, parts::title(ctx, entry));
    parts::anchor(ctx, &h, "shelf-image-link", &tag)
}
