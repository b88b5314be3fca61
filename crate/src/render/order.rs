//! Sorting a placement's products (`orderby`, `order`): by the displayed title, by the price
//! a visitor may see, or by the rating a visitor may see. A product without that key (no shown
//! price, no rating, no data) goes last in either direction; products with equal keys keep
//! their given order.

use super::{parts, Ctx, Entry, OrderBy, SortOrder};
use crate::product::compliance::PriceDecision;

/// Sorts `entries` by the placement's options; leaves them as given without `orderBy`.
pub(crate) fn sort(ctx: &Ctx<'_>, entries: &mut [(usize, Entry)]) {
    if ctx.options.order_by == OrderBy::Given {
        return;
    }
    // Insertion sort: stable, at most 25 products, and far less code than the library's sorts.
    // Keys are read again at each comparison rather than kept: cheaper in code than a list.
    for i in 1..entries.len() {
        let mut j = i;
        while j > 0 && before(ctx, &entries[j].1, &entries[j - 1].1) {
            entries.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// A product's key, a number (price, rating) or a title (the number then 0), or `None` when it
/// has none a visitor could see. One shape for both kinds keeps the comparison small.
fn key<'a>(ctx: &'a Ctx<'_>, entry: &'a Entry) -> Option<(f64, &'a str)> {
    let number = match (ctx.options.order_by, entry) {
        (_, Entry::Fallback(_)) => return None,
        (OrderBy::Title, _) => return Some((0.0, parts::title(ctx, entry))),
        (OrderBy::Price, _) => match parts::decision(ctx, entry)?.price {
            PriceDecision::Shown(p) => p.money.amount?.to_f64(),
            _ => return None,
        },
        _ => f64::from(parts::rating_value(ctx, entry)?.0),
    };
    Some((number, ""))
}

/// Whether `a` goes strictly before `b`: a product with a key before one without, then by key.
fn before(ctx: &Ctx<'_>, a: &Entry, b: &Entry) -> bool {
    match (key(ctx, a), key(ctx, b)) {
        (Some(x), Some(y)) => {
            let (x, y) = match ctx.options.order {
                SortOrder::Desc => (y, x),
                _ => (x, y),
            };
            x.0 < y.0 || (x.0 == y.0 && text_before(x.1, y.1))
        }
        (x, y) => x.is_some() && y.is_none(),
    }
}

/// Titles compared with ASCII letters case-folded ("apple" before "Banana"); other characters
/// compare by their UTF-8 bytes, which is code point order.
fn text_before(x: &str, y: &str) -> bool {
    for (p, q) in x.bytes().zip(y.bytes()) {
        let (p, q) = (p.to_ascii_lowercase(), q.to_ascii_lowercase());
        if p != q {
            return p < q;
        }
    }
    x.len() < y.len()
}
