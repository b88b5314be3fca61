//! Ranked lists (bestsellers, new releases): 1–25 items in their given order.

use crate::prelude::*;

use super::{parts, Ctx, Entry};
use crate::product::ImageSize;

/// Renders up to `options.items` (clamped to 1–25) entries as an ordered list.
pub(crate) fn render_list(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let count = usize::from(ctx.options.items.clamp(1, 25));
    let mut out = String::from("<ol class=\"");
    out.push_str(&parts::classes(ctx, "list", ""));
    out.push_str("\">");
    for (rank, (_, entry)) in entries.iter().take(count).enumerate() {
        out.push_str("<li class=\"shelf-item\"><span class=\"shelf-rank\" aria-hidden=\"true\">");
        crate::digits::push_uint(&mut out, rank as u64 + 1);
        out.push_str("</span>");
        out.push_str(&parts::image_link(ctx, entry, ImageSize::Medium));
        out.push_str("<div class=\"shelf-body\"><p class=\"shelf-title\">");
        out.push_str(&parts::title_link(ctx, entry));
        out.push_str("</p>");
        out.push_str(&parts::badge(ctx, entry));
        out.push_str(&parts::rating(ctx, entry));
        out.push_str(&parts::offer(ctx, entry));
        out.push_str("</div>");
        out.push_str(&parts::button(ctx, entry, ""));
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}
