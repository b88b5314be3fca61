//! The comparison table: products as columns, one row per [`TableRow`](super::TableRow).
//!
//! Markup: a `<table>` with a `<caption>`; every row starts with a `<th scope="row">` label;
//! the title row's cells are `<th scope="col">`, so each column is named by its product (a
//! title row is added at the top when the author configured none). On narrow screens the
//! wrapper scrolls horizontally while the label column stays put (see the table section of
//! `plugin/assets/shelf.css` for why); the wrapper is a focusable, labelled region so keyboard
//! users can scroll it.

use crate::prelude::*;

use super::{parts, Ctx, Entry, HtmlPermission, LabelColumn, RowKind, TableRow};
use crate::compliance::{self, PriceDecision};
use crate::digits::push_uint;
use crate::escape::{push_attr, push_text, text};
use crate::money::Decimal;
use crate::product::ImageSize;
use crate::sanitize::sanitize_html;

/// Renders the table, or nothing when there are no products.
pub(crate) fn render_table(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let default_rows;
    let configured: &[TableRow] = if ctx.options.rows.is_empty() {
        default_rows = [RowKind::Image, RowKind::Price, RowKind::Button].map(|kind| TableRow {
            kind,
            ..TableRow::default()
        });
        &default_rows
    } else {
        &ctx.options.rows
    };
    let title_row = TableRow {
        kind: RowKind::Title,
        ..TableRow::default()
    };
    let mut rows: Vec<&TableRow> = configured
        .iter()
        .filter(|r| r.kind == RowKind::Title)
        .take(1)
        .collect();
    if rows.is_empty() {
        rows.push(&title_row);
    }
    rows.extend(configured.iter().filter(|r| r.kind != RowKind::Title));

    let caption = match ctx.options.caption.trim() {
        "" => ctx.wording.table_caption.as_str(),
        c => c,
    };
    let labels = match ctx.options.labels {
        LabelColumn::Hidden => "shelf-labels-hidden",
        LabelColumn::HiddenMobile => "shelf-labels-hidden-mobile",
        LabelColumn::Shown => "shelf-labels-shown",
    };
    let mut out = String::with_capacity(4096 + 1536 * entries.len());
    out.push_str("<div class=\"");
    out.push_str(&parts::classes(ctx, "table", labels));
    out.push_str("\" role=\"region\" aria-label=\"");
    push_attr(&mut out, caption);
    out.push_str("\" tabindex=\"0\"><table class=\"shelf-compare\"><caption>");
    push_text(&mut out, caption);
    out.push_str("</caption><tbody>");
    for (n, row) in rows.iter().enumerate() {
        out.push_str("<tr class=\"shelf-row shelf-row--");
        out.push_str(row.kind.as_str());
        out.push_str("\"><th scope=\"row\" class=\"shelf-label\">");
        push_text(&mut out, label(ctx, row));
        out.push_str("</th>");
        report_row(ctx, row);
        for (_, entry) in entries {
            let highlighted = !ctx.options.highlight.trim().is_empty()
                && entry.id() == ctx.options.highlight.trim();
            let class = if highlighted {
                " class=\"shelf-highlight\""
            } else {
                ""
            };
            let title = row.kind == RowKind::Title;
            out.push_str(if title { "<th scope=\"col\"" } else { "<td" });
            out.push_str(class);
            out.push('>');
            match (highlighted && n == 0, ctx.options.ribbon.trim()) {
                (true, r) if !r.is_empty() => {
                    out.push_str("<span class=\"shelf-ribbon\">");
                    push_text(&mut out, r);
                    out.push_str("</span>");
                }
                _ => {}
            }
            out.push_str(&cell(ctx, row, entry));
            out.push_str(if title { "</th>" } else { "</td>" });
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

fn label<'a>(ctx: &'a Ctx<'_>, row: &'a TableRow) -> &'a str {
    match (row.label.trim(), row.kind) {
        ("", RowKind::Title) => &ctx.wording.product,
        (l, _) => l,
    }
}

/// Owner-facing problems with a row's configuration, reported once per row.
fn report_row(ctx: &Ctx<'_>, row: &TableRow) {
    let has_values = !row.value.trim().is_empty() || !row.values.is_empty();
    match row.kind {
        RowKind::Price if has_values => ctx.issue(
            None,
            "prices come only from Amazon data; the typed-in price values were ignored".into(),
        ),
        RowKind::Html if ctx.site.unfiltered_html != HtmlPermission::Allowed && has_values => ctx
            .issue(
                None,
                "custom HTML needs the unfiltered_html capability; the row was left empty".into(),
            ),
        _ => {}
    }
}

fn value<'a>(row: &'a TableRow, entry: &Entry) -> &'a str {
    row.values
        .get(entry.id())
        .map(String::as_str)
        .unwrap_or(&row.value)
        .trim()
}

fn yes_no(ctx: &Ctx<'_>, yes: bool) -> String {
    let (class, word) = if yes {
        ("shelf-yes", &ctx.wording.yes)
    } else {
        ("shelf-no", &ctx.wording.no)
    };
    let mut out = String::from("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    push_text(&mut out, word);
    out.push_str("</span>");
    out
}

fn truthy(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "" => None,
        "yes" | "y" | "1" | "true" | "x" | "\u{2713}" => Some(true),
        _ => Some(false),
    }
}

fn cell(ctx: &Ctx<'_>, row: &TableRow, entry: &Entry) -> String {
    let v = value(row, entry);
    match row.kind {
        RowKind::Title if !v.is_empty() => match parts::href(ctx, entry) {
            Some(h) => parts::anchor(ctx, &h, "shelf-title-link", &text(v)),
            None => text(v),
        },
        RowKind::Title => parts::title_link(ctx, entry),
        RowKind::Image => parts::image_link(ctx, entry, ImageSize::Medium),
        RowKind::Price => {
            let offer = parts::offer(ctx, entry);
            match parts::decision(ctx, entry).map(|d| d.price) {
                Some(PriceDecision::SeeOnAmazon) => offer + &parts::button(ctx, entry, ""),
                _ => offer,
            }
        }
        RowKind::Prime => match (truthy(v), entry) {
            (Some(yes), _) => yes_no(ctx, yes),
            (None, Entry::Manual(m)) => yes_no(ctx, m.prime),
            _ => String::new(),
        },
        RowKind::Rating => match Decimal::parse(v.trim()).map(|d| d.to_f64() as f32) {
            Some(r) if (0.0..=5.0).contains(&r) => parts::stars(r, &ctx.wording.own_rating),
            _ => parts::rating(ctx, entry),
        },
        RowKind::Reviews => {
            let count = v.parse::<u32>().ok().or(match entry {
                Entry::Manual(m) => m.reviews,
                _ => None,
            });
            count
                .map(|c| {
                    let mut out = String::from("<span class=\"shelf-reviews\">");
                    push_uint(&mut out, u64::from(c));
                    out.push(' ');
                    push_text(&mut out, &ctx.wording.reviews);
                    out.push_str("</span>");
                    out
                })
                .unwrap_or_default()
        }
        RowKind::Button => parts::button(ctx, entry, v),
        RowKind::YesNo => truthy(v).map(|yes| yes_no(ctx, yes)).unwrap_or_default(),
        RowKind::Html if ctx.site.unfiltered_html == HtmlPermission::Allowed => sanitize_html(v),
        RowKind::Html => String::new(),
        RowKind::CustomButton => custom_button(ctx, row, entry, v),
        RowKind::Text => text(v),
    }
}

fn custom_button(ctx: &Ctx<'_>, row: &TableRow, entry: &Entry, label: &str) -> String {
    let raw = row.urls.get(entry.id()).unwrap_or(&row.url).trim();
    let href = match crate::amazon_store_url(raw) {
        Some(u) => parts::Href {
            url: u.serialize(),
            amazon: true,
        },
        None => match compliance::shop_url(raw) {
            Some(url) => parts::Href { url, amazon: false },
            None => return String::new(),
        },
    };
    let label = if label.is_empty() {
        &ctx.wording.shop
    } else {
        label
    };
    parts::anchor(ctx, &href, "shelf-button", &text(label))
}
