//! Ranked lists (bestsellers, new releases): 1–25 items in their given order.

use crate::support::prelude::*;

use super::{parts, Ctx, Entry};
use crate::product::model::ImageSize;

/// Renders up to `options.items` (clamped to 1–25) entries as an ordered list.
pub(crate) fn render_list(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let count = usize::from(ctx.options.items.clamp(1, 25));
    let mut out = String::with_capacity(1024 + 1536 * entries.len().min(count));
    parts::open_placement(&mut out, ctx, "ol", "list");
    out.push_str("\">");
    for (rank, (_, entry)) in entries.iter().take(count).enumerate() {
        out.push_str("<li class=\"shelf-item\"><span class=\"shelf-rank\" aria-hidden=\"true\">");
        crate::support::digits::push_uint(&mut out, rank as u64 + 1);
        out.push_str("</span>");
        parts::image_link(&mut out, ctx, entry, ImageSize::Medium);
        out.push_str("<div class=\"shelf-body\"><p class=\"shelf-title\">");
        parts::title_link(&mut out, ctx, entry);
        out.push_str("</p>");
        parts::badge(&mut out, ctx, entry);
        parts::rating(&mut out, ctx, entry);
        parts::offer(&mut out, ctx, entry);
        out.push_str("</div>");
        parts::button(&mut out, ctx, entry, "");
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}
