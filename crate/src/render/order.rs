//! Sorting a placement's products (`orderby`, `order`): by the displayed title, by the price
//! a visitor may see, or by the rating a visitor may see. A product without that key (no shown
//! price, no rating, no data) goes last in either direction; products with equal keys keep
//! their given order.

use crate::support::prelude::*;

use super::{parts, Ctx, Entry, OrderBy, SortOrder};
use crate::product::compliance::{self, PriceDecision};

/// A product's sort key.
enum Key {
    Number(f64),
    /// ASCII-lowercased, so "apple" and "Banana" sort as a reader expects; other letters
    /// compare by code point.
    Text(String),
}

/// Sorts `entries` by the placement's options; leaves them as given without `orderBy`.
pub(crate) fn sort(ctx: &Ctx<'_>, entries: &mut [(usize, Entry)]) {
    let by = ctx.options.order_by;
    if by == OrderBy::Given {
        return;
    }
    let desc = ctx.options.order == SortOrder::Desc;
    let mut keys: Vec<Option<Key>> = entries.iter().map(|(_, e)| key(ctx, by, e)).collect();
    // Insertion sort: stable, at most 25 products, and far less code than the library's sorts.
    for i in 1..entries.len() {
        let mut j = i;
        while j > 0 && before(&keys[j], &keys[j - 1], desc) {
            keys.swap(j, j - 1);
            entries.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// The key of one product, or `None` when it has none a visitor could see.
fn key(ctx: &Ctx<'_>, by: OrderBy, entry: &Entry) -> Option<Key> {
    match (by, entry) {
        (_, Entry::Fallback(_)) => None,
        (OrderBy::Title, _) => Some(Key::Text(parts::title(ctx, entry).to_ascii_lowercase())),
        (OrderBy::Price, Entry::Amazon(r)) => match compliance::decide(r, ctx.now).price {
            PriceDecision::Shown(p) => p.money.amount.map(|a| Key::Number(a.to_f64())),
            _ => None,
        },
        (OrderBy::Rating, _) => {
            parts::rating_value(ctx, entry).map(|(v, _)| Key::Number(f64::from(v)))
        }
        _ => None,
    }
}

/// Whether `a` goes strictly before `b`: a product with a key before one without, then by key.
fn before(a: &Option<Key>, b: &Option<Key>, desc: bool) -> bool {
    let (x, y) = match (a, b) {
        (Some(x), Some(y)) if desc => (y, x),
        (Some(x), Some(y)) => (x, y),
        (Some(_), None) => return true,
        _ => return false,
    };
    match (x, y) {
        (Key::Number(x), Key::Number(y)) => x < y,
        (Key::Text(x), Key::Text(y)) => x < y,
        _ => false,
    }
}
