//! Single values of the first record (`[amazon fields=… value=…]`), each in a
//! `<span class="shelf-field shelf-field--<name>">` so themes can style them.

use crate::prelude::*;

use super::{parts, Ctx, Entry, FieldKind};
use crate::escape::text;
use crate::product::ImageSize;

/// Renders the field named in `options.field`.
pub(crate) fn render_field(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    let Some((_, entry)) = entries.first() else {
        return String::new();
    };
    let field = ctx.options.field;
    let inner = match field {
        FieldKind::Title => text(parts::title(ctx, entry)),
        FieldKind::Price => price(ctx, entry),
        FieldKind::Image => parts::image(ctx, entry, ImageSize::Medium)
            .map(|img| parts::img_tag(&img, parts::title(ctx, entry)))
            .unwrap_or_default(),
        FieldKind::Button => parts::button(ctx, entry, ""),
        FieldKind::Url => parts::href(ctx, entry)
            .map(|h| {
                if h.amazon {
                    ctx.amazon_links.set(true);
                }
                text(&h.url)
            })
            .unwrap_or_default(),
        FieldKind::Link => super::links::text_link(ctx, entry),
        FieldKind::Features => {
            parts::features(ctx, entry, usize::from(ctx.options.bullets.min(10)))
        }
        FieldKind::Rating => parts::rating(ctx, entry),
        FieldKind::LastUpdate => last_update(ctx, entry),
    };
    if inner.is_empty() {
        return String::new();
    }
    let mut extra = String::from("shelf-field--");
    extra.push_str(field.as_str());
    let mut out = String::from("<span class=\"");
    out.push_str(&parts::classes(ctx, "field", &extra));
    out.push_str("\">");
    out.push_str(&inner);
    out.push_str("</span>");
    out
}

/// The offer block, or the MAP call to action, or nothing.
fn price(ctx: &Ctx<'_>, entry: &Entry) -> String {
    let offer = parts::offer(ctx, entry);
    let map = parts::decision(ctx, entry)
        .is_some_and(|d| d.price == crate::compliance::PriceDecision::SeeOnAmazon);
    if map {
        return offer + &parts::button(ctx, entry, "");
    }
    offer
}

fn last_update(ctx: &Ctx<'_>, entry: &Entry) -> String {
    let Entry::Amazon(r) = entry else {
        return String::new();
    };
    if r.fetched_at == i64::MIN {
        return String::new();
    }
    let mut out = String::new();
    parts::push_time(&mut out, ctx, &ctx.wording.last_update, r.fetched_at);
    out
}
