//! The comparison table: products as columns, one row per [`TableRow`](super::TableRow).
//!
//! Markup: a `<table>` with a `<caption>`; every row starts with a `<th scope="row">` label;
//! the title row's cells are `<th scope="col">`, so each column is named by its product (a
//! title row is added at the top when the author configured none). Rows and products the owner
//! hid are left out; a highlighted row's `<tr>` has the class `shelf-row--highlight`. On
//! narrow screens the wrapper scrolls horizontally while the label column stays put (see the
//! table section of `plugin/assets/shelf.css` for why); the wrapper is a focusable, labelled
//! region so keyboard users can scroll it.

use crate::support::prelude::*;

use super::{parts, Ctx, Entry, HtmlPermission, LabelColumn, RowKind, TableRow};
use crate::html::escape::{push_attr, push_text};
use crate::html::sanitize::push_sanitized;
use crate::product::model::ImageSize;
use crate::product::money::Decimal;
use crate::support::digits::push_uint;

/// Renders the table, or nothing when there are no products or all are hidden.
pub(crate) fn render_table(ctx: &Ctx<'_>, entries: &[(usize, Entry)]) -> String {
    let hidden = &ctx.options.hidden;
    let shown = |e: &&(usize, Entry)| !hidden.iter().any(|h| h.trim_ascii() == e.1.id());
    let columns = entries.iter().filter(shown).count();
    if columns == 0 {
        if !entries.is_empty() {
            ctx.issue(
                None,
                "every product of the table is hidden; the table was not shown".into(),
            );
        }
        return String::new();
    }
    // Rows as (kind, row): the default rows and an added title row all borrow one blank row.
    // The title row stays even when the owner hid it: its cells are the column headers that
    // name each product for screen readers, so without it no cell would say which product it
    // is about.
    let blank = TableRow::default();
    let configured = &ctx.options.rows;
    let mut rows: Vec<(RowKind, &TableRow)> = Vec::with_capacity(configured.len() + 4);
    rows.push(match configured.iter().find(|r| r.kind == RowKind::Title) {
        Some(r) => (RowKind::Title, r),
        None => (RowKind::Title, &blank),
    });
    if configured.is_empty() {
        for kind in [RowKind::Image, RowKind::Price, RowKind::Button] {
            rows.push((kind, &blank));
        }
    }
    for r in configured
        .iter()
        .filter(|r| r.kind != RowKind::Title && !r.hidden)
    {
        rows.push((r.kind, r));
    }

    let caption = match ctx.options.caption.trim_ascii() {
        "" => ctx.wording.table_caption.as_str(),
        c => c,
    };
    let labels = match ctx.options.labels {
        LabelColumn::Hidden => "shelf-labels-hidden",
        LabelColumn::HiddenMobile => "shelf-labels-hidden-mobile",
        LabelColumn::Shown => "shelf-labels-shown",
    };
    let mut out = String::with_capacity(4096 + 1536 * columns);
    parts::open_placement(&mut out, ctx, "div", "table");
    out.push(' ');
    out.push_str(labels);
    out.push_str("\" role=\"region\" aria-label=\"");
    push_attr(&mut out, caption);
    out.push_str("\" tabindex=\"0\"><table class=\"shelf-compare\"><caption>");
    push_text(&mut out, caption);
    out.push_str("</caption><tbody>");
    let highlight = ctx.options.highlight.trim_ascii();
    let ribbon = ctx.options.ribbon.trim_ascii();
    for (n, &(kind, row)) in rows.iter().enumerate() {
        out.push_str("<tr class=\"shelf-row shelf-row--");
        out.push_str(kind.as_str());
        if row.highlight {
            out.push_str(" shelf-row--highlight");
        }
        out.push_str("\"><th scope=\"row\" class=\"shelf-label\">");
        push_text(&mut out, label(ctx, kind, row));
        out.push_str("</th>");
        report_row(ctx, kind, row);
        let title = kind == RowKind::Title;
        for (_, entry) in entries.iter().filter(shown) {
            let highlighted = !highlight.is_empty() && entry.id() == highlight;
            out.push_str(if title { "<th scope=\"col\"" } else { "<td" });
            if highlighted {
                out.push_str(" class=\"shelf-highlight\"");
            }
            out.push('>');
            if highlighted && n == 0 && !ribbon.is_empty() {
                parts::push_span(&mut out, "shelf-ribbon", ribbon);
            }
            cell(&mut out, ctx, kind, row, entry);
            out.push_str(if title { "</th>" } else { "</td>" });
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

fn label<'a>(ctx: &'a Ctx<'_>, kind: RowKind, row: &'a TableRow) -> &'a str {
    match (row.label.trim_ascii(), kind) {
        ("", RowKind::Title) => &ctx.wording.product,
        (l, _) => l,
    }
}

/// Owner-facing problems with a row's configuration, reported once per row.
fn report_row(ctx: &Ctx<'_>, kind: RowKind, row: &TableRow) {
    let has_values = !row.value.trim_ascii().is_empty() || !row.values.is_empty();
    match kind {
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
        .trim_ascii()
}

fn yes_no(out: &mut String, ctx: &Ctx<'_>, yes: bool) {
    if yes {
        parts::push_span(out, "shelf-yes", &ctx.wording.yes);
    } else {
        parts::push_span(out, "shelf-no", &ctx.wording.no);
    }
}

fn truthy(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "" => None,
        "yes" | "y" | "1" | "true" | "x" | "\u{2713}" => Some(true),
        _ => Some(false),
    }
}

fn cell(out: &mut String, ctx: &Ctx<'_>, kind: RowKind, row: &TableRow, entry: &Entry) {
    let v = value(row, entry);
    match kind {
        RowKind::Title if !v.is_empty() => {
            parts::push_link_text(out, ctx, parts::href(ctx, entry), "shelf-title-link", v)
        }
        RowKind::Title => parts::title_link(out, ctx, entry),
        RowKind::Image => parts::image_link(out, ctx, entry, ImageSize::Medium),
        RowKind::Price => parts::offer_or_button(out, ctx, entry),
        RowKind::Prime => match (truthy(v), entry) {
            (Some(yes), _) => yes_no(out, ctx, yes),
            (None, Entry::Manual(m)) => yes_no(out, ctx, m.prime),
            _ => {}
        },
        RowKind::Rating => match Decimal::parse(v.trim_ascii()).map(|d| d.to_f64() as f32) {
            Some(r) if (0.0..=5.0).contains(&r) => parts::stars(out, r, &ctx.wording.own_rating),
            _ => parts::rating(out, ctx, entry),
        },
        RowKind::Reviews => {
            let count = crate::support::digits::parse_u32(v).or(match entry {
                Entry::Manual(m) => m.reviews,
                _ => None,
            });
            if let Some(c) = count {
                out.push_str("<span class=\"shelf-reviews\">");
                push_uint(out, u64::from(c));
                out.push(' ');
                push_text(out, &ctx.wording.reviews);
                out.push_str("</span>");
            }
        }
        RowKind::Button => parts::button(out, ctx, entry, v),
        RowKind::YesNo => {
            if let Some(yes) = truthy(v) {
                yes_no(out, ctx, yes);
            }
        }
        RowKind::Html if ctx.site.unfiltered_html == HtmlPermission::Allowed => {
            push_sanitized(out, v)
        }
        RowKind::Html => {}
        RowKind::CustomButton => {
            let raw = row.urls.get(entry.id()).unwrap_or(&row.url).trim_ascii();
            if let Some(h) = parts::store_or_shop(raw, ctx) {
                let label = if v.is_empty() { &ctx.wording.shop } else { v };
                parts::push_link_text(out, ctx, Some(h), "shelf-button", label);
            }
        }
        RowKind::Text => push_text(out, v),
    }
}
