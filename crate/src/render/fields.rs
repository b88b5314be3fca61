//! Single values of the first record (`[amazon fields=… value=…]`), each in a
//! `<span class="shelf-field shelf-field--<name>">` so themes can style them.

use crate::support::prelude::*;

use super::{parts, Ctx, Entry, FieldKind};
use crate::html::escape::push_text;
use crate::product::model::ImageSize;

/// Renders the field named in `options.field`.
pub(crate) fn render_field(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    let mut out = String::new();
    let Some((_, entry)) = entries.first() else {
        return out;
    };
    let field = ctx.options.field;
    parts::open_placement(&mut out, ctx, "span", "field");
    out.push_str(" shelf-field--");
    out.push_str(field.as_str());
    out.push_str("\">");
    let inner = out.len();
    match field {
        FieldKind::Title => push_text(&mut out, parts::title(ctx, entry)),
        FieldKind::Price => parts::offer_or_button(&mut out, ctx, entry),
        FieldKind::Image => {
            if let Some(img) = parts::image(ctx, entry, ImageSize::Medium) {
                parts::img_tag(&mut out, &img, parts::title(ctx, entry));
            }
        }
        FieldKind::Button => parts::button(&mut out, ctx, entry, ""),
        FieldKind::Url => {
            if let Some(h) = parts::href(ctx, entry) {
                if h.amazon {
                    ctx.amazon_links.set(true);
                }
                push_text(&mut out, &h.url);
            }
        }
        FieldKind::Link => super::links::text_link(&mut out, ctx, entry),
        FieldKind::Features => parts::features(
            &mut out,
            ctx,
            entry,
            usize::from(ctx.options.bullets.min(10)),
        ),
        FieldKind::Rating => parts::rating(&mut out, ctx, entry),
        FieldKind::LastUpdate => last_update(&mut out, ctx, entry),
    }
    // Nothing to show: no empty wrapper either.
    if out.len() == inner {
        out.clear();
    } else {
        out.push_str("</span>");
    }
    out
}

fn last_update(out: &mut String, ctx: &Ctx<'_>, entry: &Entry) {
    if let Entry::Amazon(r) = entry {
        if r.fetched_at != i64::MIN {
            parts::push_time(out, &ctx.wording.last_update, r);
        }
    }
}
