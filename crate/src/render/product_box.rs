//! The product box: one card per product, image beside (horizontal) or above (vertical) the
//! title, bullets, rating, offer and button.

use crate::prelude::*;

use super::{parts, Ctx, Entry};
use crate::product::ImageSize;

/// Renders every entry as a card inside one `shelf-box` container.
pub(crate) fn render_box(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let mut layout = String::from("shelf-box--");
    layout.push_str(ctx.options.layout.as_str());
    let mut out = String::with_capacity(1024 + 1536 * entries.len());
    out.push_str("<div class=\"");
    out.push_str(&parts::classes(ctx, "box", &layout));
    out.push_str("\">");
    let bullets = usize::from(ctx.options.bullets.min(10));
    for (_, entry) in entries {
        out.push_str("<article class=\"shelf-item\">");
        out.push_str(&parts::badge(ctx, entry));
        out.push_str(&parts::image_link(ctx, entry, ImageSize::Large));
        out.push_str("<div class=\"shelf-body\"><h3 class=\"shelf-title\">");
        out.push_str(&parts::title_link(ctx, entry));
        out.push_str("</h3>");
        out.push_str(&parts::features(ctx, entry, bullets));
        out.push_str(&parts::rating(ctx, entry));
        out.push_str(&parts::offer(ctx, entry));
        out.push_str(&parts::button(ctx, entry, ""));
        out.push_str("</div></article>");
    }
    out.push_str("</div>");
    out
}
