//! The product box: one card per product, image beside (horizontal) or above (vertical) the
//! title, bullets, rating, offer and button.

use crate::support::prelude::*;

use super::{parts, Ctx, Entry};
use crate::product::model::ImageSize;

/// Renders every entry as a card inside one `shelf-box` container.
pub(crate) fn render_box(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(1024 + 1536 * entries.len());
    parts::open_placement(&mut out, ctx, "div", "box");
    out.push_str(" shelf-box--");
    out.push_str(ctx.options.layout.as_str());
    out.push_str("\">");
    let bullets = usize::from(ctx.options.bullets.min(10));
    for (_, entry) in entries {
        out.push_str("<article class=\"shelf-item\">");
        parts::badge(&mut out, ctx, entry);
        parts::image_link(&mut out, ctx, entry, ImageSize::Large);
        out.push_str("<div class=\"shelf-body\"><h3 class=\"shelf-title\">");
        parts::title_link(&mut out, ctx, entry);
        out.push_str("</h3>");
        parts::features(&mut out, ctx, entry, bullets);
        parts::rating(&mut out, ctx, entry);
        parts::offer(&mut out, ctx, entry);
        parts::button(&mut out, ctx, entry, "");
        out.push_str("</div></article>");
    }
    out.push_str("</div>");
    out
}
