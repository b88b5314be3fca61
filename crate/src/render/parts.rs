//! Pieces every renderer shares: links, images, the offer block with its stamp, buttons,
//! bullets and ratings. Text goes through `escape::push_text`, attribute values through
//! `escape::push_attr`, and URLs only come from the compliance checks.
//!
//! Every piece appends to the renderer's one output buffer: building pieces as `String`s that
//! callers copy again cost code size and time.

use crate::support::bytes::split_byte;
use crate::support::prelude::*;

use super::{Ctx, Entry, LinkTarget, Localised, ProductOverride};
use crate::html::escape::{push_attr, push_text};
use crate::product::compliance::{self, CheckedImage, Decision, PriceDecision, ShownPrice};
use crate::product::model::{ImageSize, ProductRecord};
use crate::product::utc_time::push_iso_utc;
use crate::support::digits::{push_int, push_uint};

/// A checked link target and whether it is Amazon's.
pub(crate) struct Href {
    pub url: String,
    pub amazon: bool,
}

pub(crate) fn product_override<'a>(ctx: &'a Ctx<'_>, entry: &Entry) -> Option<&'a ProductOverride> {
    ctx.options.overrides.get(entry.id())
}

/// The first candidate that is not blank, trimmed. A slice, not a generic iterator: one copy
/// of the code serves every caller.
fn first_non_empty<'a>(candidates: &[Option<&'a str>]) -> Option<&'a str> {
    candidates
        .iter()
        .flatten()
        .map(|s| s.trim_ascii())
        .find(|s| !s.is_empty())
}

/// The product's display title: per-product override, placement override, data, fallback.
pub(crate) fn title<'a>(ctx: &'a Ctx<'_>, entry: &'a Entry) -> &'a str {
    let data = match entry {
        Entry::Amazon(r) => r.product.title.as_deref(),
        Entry::Manual(m) => Some(m.title.as_str()),
        Entry::Fallback(_) => None,
    };
    first_non_empty(&[
        product_override(ctx, entry).map(|o| o.title.as_str()),
        Some(ctx.options.title.as_str()),
        data,
        Some(ctx.wording.view.as_str()),
    ])
    .unwrap_or(entry.id())
}

/// Where the product links to, if anywhere.
pub(crate) fn href(ctx: &Ctx<'_>, entry: &Entry) -> Option<Href> {
    let amazon = |url: String| Href { url, amazon: true };
    match entry {
        Entry::Amazon(r) => Some(amazon(compliance::product_href(
            &r.product,
            ctx.market,
            ctx.tag.as_ref(),
        ))),
        Entry::Fallback(asin) if ctx.localise == Some(Localised::Search) => Some(amazon(
            crate::search_link(ctx.market, asin.as_str(), ctx.tag.as_ref()),
        )),
        Entry::Fallback(asin) => Some(amazon(compliance::asin_href(
            asin,
            ctx.market,
            ctx.tag.as_ref(),
        ))),
        Entry::Manual(m) => match (&m.button_url, &m.asin) {
            (Some(raw), _) => store_or_shop(raw, ctx),
            (None, Some(asin)) => Some(amazon(compliance::asin_href(
                asin,
                ctx.market,
                ctx.tag.as_ref(),
            ))),
            (None, None) => None,
        },
    }
}

/// An owner's URL: an Amazon store URL with the placement's tag, else any http(s) shop URL.
pub(crate) fn store_or_shop(raw: &str, ctx: &Ctx<'_>) -> Option<Href> {
    match compliance::store_href(raw, ctx.tag.as_ref()) {
        Some(url) => Some(Href { url, amazon: true }),
        None => compliance::shop_url(raw).map(|url| Href { url, amazon: false }),
    }
}

/// `<a …>`; the caller appends the content and `</a>`.
pub(crate) fn open_anchor(out: &mut String, ctx: &Ctx<'_>, href: &Href, class: &str) {
    if href.amazon {
        ctx.amazon_links.set(true);
    }
    out.push_str("<a class=\"");
    out.push_str(class);
    out.push_str("\" href=\"");
    push_attr(out, &href.url);
    out.push_str("\" rel=\"");
    push_attr(out, &ctx.rel);
    out.push('"');
    if ctx.options.target == LinkTarget::NewTab {
        out.push_str(" target=\"_blank\"");
    }
    out.push('>');
}

/// `text` escaped, inside `<a class="class" …>` when there is a link.
pub(crate) fn push_link_text(
    out: &mut String,
    ctx: &Ctx<'_>,
    href: Option<Href>,
    class: &str,
    text: &str,
) {
    match href {
        Some(h) => {
            open_anchor(out, ctx, &h, class);
            push_text(out, text);
            out.push_str("</a>");
        }
        None => push_text(out, text),
    }
}

/// `<span class="class">text</span>`, the text escaped.
pub(crate) fn push_span(out: &mut String, class: &str, text: &str) {
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    push_text(out, text);
    out.push_str("</span>");
}

/// The title, linked when the product has a link.
pub(crate) fn title_link(out: &mut String, ctx: &Ctx<'_>, entry: &Entry) {
    push_link_text(
        out,
        ctx,
        href(ctx, entry),
        "shelf-title-link",
        title(ctx, entry),
    );
}

/// The checked image, if any may be shown.
pub(crate) fn image(ctx: &Ctx<'_>, entry: &Entry, size: ImageSize) -> Option<CheckedImage> {
    match entry {
        Entry::Amazon(r) => compliance::amazon_image(r, ctx.now, size, &ctx.site.image_origins),
        Entry::Manual(m) => {
            let img = m.image.as_ref()?;
            Some(CheckedImage {
                url: compliance::site_image_url(
                    &img.url,
                    &ctx.site.hosts,
                    &ctx.site.image_origins,
                )?,
                width: img.width,
                height: img.height,
            })
        }
        Entry::Fallback(_) => None,
    }
}

pub(crate) fn img_tag(out: &mut String, img: &CheckedImage, alt: &str) {
    out.push_str("<img src=\"");
    push_attr(out, &img.url);
    out.push_str("\" width=\"");
    push_uint(out, u64::from(img.width));
    out.push_str("\" height=\"");
    push_uint(out, u64::from(img.height));
    out.push_str("\" alt=\"");
    push_attr(out, alt);
    out.push_str("\" loading=\"lazy\" decoding=\"async\">");
}

/// The image, linked when the product has a link; nothing when no image may be shown.
pub(crate) fn image_link(out: &mut String, ctx: &Ctx<'_>, entry: &Entry, size: ImageSize) {
    let Some(img) = image(ctx, entry, size) else {
        return;
    };
    let close = match href(ctx, entry) {
        Some(h) => {
            open_anchor(out, ctx, &h, "shelf-image");
            "</a>"
        }
        None => {
            out.push_str("<span class=\"shelf-image\">");
            "</span>"
        }
    };
    img_tag(out, &img, title(ctx, entry));
    out.push_str(close);
}

pub(crate) fn decision<'a>(ctx: &Ctx<'_>, entry: &'a Entry) -> Option<Decision<'a>> {
    match entry {
        Entry::Amazon(r) => Some(compliance::decide(r, ctx.now)),
        _ => None,
    }
}

/// `<label> <time datetime="<UTC, ISO 8601>"><the server's text for it></time>`; without that
/// text, the UTC time again.
pub(crate) fn push_time(out: &mut String, label: &str, record: &ProductRecord) {
    // Digits and ASCII punctuation: nothing to escape.
    let mut iso = String::new();
    push_iso_utc(&mut iso, record.fetched_at);
    push_text(out, label);
    out.push_str(" <time datetime=\"");
    out.push_str(&iso);
    out.push_str("\">");
    match record.as_of.as_str() {
        "" => out.push_str(&iso),
        text => push_text(out, text),
    }
    out.push_str("</time>");
}

fn price_html(out: &mut String, ctx: &Ctx<'_>, p: &ShownPrice<'_>) {
    if let Some((basis, label)) = p.basis {
        out.push_str("<span class=\"shelf-basis\">");
        push_text(out, label);
        out.push_str(" <s>");
        push_text(out, basis.display().unwrap_or_default());
        out.push_str("</s></span>");
    }
    if let Some((amount, percent)) = p.savings {
        out.push_str("<span class=\"shelf-savings\">");
        push_text(out, &ctx.wording.save);
        if let Some(a) = amount {
            out.push(' ');
            push_text(out, a);
        }
        if let Some(pc) = percent {
            out.push_str(" (");
            push_int(out, i64::from(pc));
            out.push_str("%)");
        }
        out.push_str("</span>");
    }
    let shown = p.money.display().unwrap_or_default();
    match p.money.amount {
        Some(a) => {
            out.push_str("<data class=\"shelf-amount\" value=\"");
            push_attr(out, &a.to_text());
            out.push_str("\">");
            push_text(out, shown);
            out.push_str("</data>");
        }
        None => push_span(out, "shelf-amount", shown),
    }
    if let Some(unit) = p.per_unit.and_then(|u| u.display()) {
        out.push_str("<span class=\"shelf-unit\">(");
        push_text(out, unit);
        out.push_str(")</span>");
    }
}

/// Whether the product stands for a price the page may not show: one the visitor's store has
/// no record of (the placement is localised).
fn unpriced(ctx: &Ctx<'_>, entry: &Entry) -> bool {
    ctx.localise.is_some() && matches!(entry, Entry::Fallback(_))
}

/// Price, savings, availability and deal badge with their stamp; nothing when none may be
/// shown. Returns whether "See price on Amazon" stands in for the price (the MAP case, or a
/// product the visitor's store has no record of): the caller may add the button.
pub(crate) fn offer(out: &mut String, ctx: &Ctx<'_>, entry: &Entry) -> bool {
    let Entry::Amazon(r) = entry else {
        return unpriced(ctx, entry);
    };
    let d = compliance::decide(r, ctx.now);
    let start = out.len();
    out.push_str("<div class=\"shelf-offer\">");
    let inner = out.len();
    if let Some(badge) = d.deal_badge {
        push_span(out, "shelf-deal", badge);
    }
    if let PriceDecision::Shown(p) = &d.price {
        price_html(out, ctx, p);
    }
    if let Some(a) = d.availability {
        if let Some(message) = a.message.as_deref() {
            let class = match a.is_unavailable() {
                true => "shelf-availability shelf-availability--out",
                false => "shelf-availability",
            };
            push_span(out, class, message);
        }
    }
    if out.len() == inner {
        out.truncate(start);
    } else {
        // `as of <time>…</time>` followed by the disclaimer behind a "Details" toggle.
        out.push_str("<small class=\"shelf-stamp\">");
        push_time(out, &ctx.wording.as_of, r);
        out.push_str("</small><details class=\"shelf-disclaimer\"><summary>");
        push_text(out, &ctx.wording.details);
        out.push_str("</summary><p>");
        push_text(out, &ctx.wording.disclaimer);
        out.push_str("</p></details></div>");
    }
    d.price == PriceDecision::SeeOnAmazon
}

/// The offer block, followed by the MAP call to action when the price may not be shown.
pub(crate) fn offer_or_button(out: &mut String, ctx: &Ctx<'_>, entry: &Entry) {
    if offer(out, ctx, entry) {
        button(out, ctx, entry, "");
    }
}

/// The call-to-action button, with the MAP wording when the price may not be shown.
pub(crate) fn button(out: &mut String, ctx: &Ctx<'_>, entry: &Entry, text_override: &str) {
    // A product without data is already one plain link (its title); a second one adds nothing,
    // unless the visitor's store has the price: then the button says so.
    let unpriced = unpriced(ctx, entry);
    let Some(h) = href(ctx, entry).filter(|_| unpriced || !matches!(entry, Entry::Fallback(_)))
    else {
        return;
    };
    let map =
        unpriced || decision(ctx, entry).is_some_and(|d| d.price == PriceDecision::SeeOnAmazon);
    // A manual product has no price to show: on Amazon its button points to the price there,
    // unless its owner worded the button.
    let (own, see_price) = match entry {
        Entry::Manual(m) => (m.button_text.as_str(), h.amazon),
        _ => ("", map),
    };
    let default = match (see_price, h.amazon) {
        (true, _) => &ctx.wording.see_price,
        (false, true) => &ctx.wording.buy,
        (false, false) => &ctx.wording.shop,
    };
    let label = first_non_empty(&[
        Some(text_override),
        product_override(ctx, entry).map(|o| o.button_text.as_str()),
        Some(own),
        Some(ctx.options.button_text.as_str()),
    ])
    // MAP wording wins over custom texts: it is the one hint that a price exists.
    .filter(|_| !map)
    .unwrap_or(default);
    push_link_text(out, ctx, Some(h), "shelf-button", label);
}

/// Up to `count` bullets (override lines first, else the data's features).
pub(crate) fn features(out: &mut String, ctx: &Ctx<'_>, entry: &Entry, count: usize) {
    let override_lines = first_non_empty(&[
        product_override(ctx, entry).map(|o| o.description.as_str()),
        Some(ctx.options.description.as_str()),
    ]);
    let start = out.len();
    out.push_str("<ul class=\"shelf-features\">");
    let mut shown = 0;
    let mut item = |out: &mut String, f: &str| {
        if shown < count {
            shown += 1;
            out.push_str("<li>");
            push_text(out, f);
            out.push_str("</li>");
        }
    };
    match (override_lines, entry) {
        (Some(lines), _) => {
            for line in split_byte(Some(lines), b'\n')
                .map(str::trim_ascii)
                .filter(|l| !l.is_empty())
            {
                item(out, line);
            }
        }
        (None, Entry::Amazon(r)) => r.product.features.iter().for_each(|f| item(out, f)),
        (None, Entry::Manual(m)) => m.features.iter().for_each(|f| item(out, f)),
        (None, Entry::Fallback(_)) => {}
    }
    if shown == 0 {
        out.truncate(start);
    } else {
        out.push_str("</ul>");
    }
}

/// Stars out of five, as text for screen readers and symbols for the eye.
pub(crate) fn stars(out: &mut String, value: f32, label: &str) {
    // Tenths by arithmetic: the product is exact in f64 and ties go to even, so the text equals
    // `{:.1}` of `value`.
    let tenths =
        crate::support::float::round_ties_even(f64::from(value.clamp(0.0, 5.0)) * 10.0) as u32;
    let full = (crate::support::float::round(f64::from(value.clamp(0.0, 5.0))) as usize).min(5);
    out.push_str("<span class=\"shelf-rating\"><span class=\"shelf-stars\" aria-hidden=\"true\">");
    for star in 0..5 {
        out.push(if star < full { '\u{2605}' } else { '\u{2606}' });
    }
    out.push_str("</span> <span class=\"shelf-rating-text\">");
    push_text(out, label);
    out.push_str(": ");
    out.push(char::from(b'0' + (tenths / 10) as u8));
    out.push('.');
    out.push(char::from(b'0' + (tenths % 10) as u8));
    out.push_str("/5</span></span>");
}

/// The rating a product may show and its label: the owner's for manual products; Amazon's
/// only while fresh.
pub(crate) fn rating_value<'a>(ctx: &'a Ctx<'_>, entry: &Entry) -> Option<(f32, &'a str)> {
    match entry {
        Entry::Manual(m) => m.rating.map(|v| (v, ctx.wording.own_rating.as_str())),
        Entry::Amazon(r)
            if compliance::freshness(r.fetched_at, ctx.now) == compliance::Freshness::Fresh =>
        {
            let stars = r.product.reviews.as_ref().and_then(|rv| rv.stars)?;
            Some((stars.to_f64() as f32, ctx.wording.customer_rating.as_str()))
        }
        _ => None,
    }
}

/// The rating, when the product may show one.
pub(crate) fn rating(out: &mut String, ctx: &Ctx<'_>, entry: &Entry) {
    if let Some((value, label)) = rating_value(ctx, entry) {
        stars(out, value, label);
    }
}

/// The badge for a product, if any.
pub(crate) fn badge(out: &mut String, ctx: &Ctx<'_>, entry: &Entry) {
    if let Some(b) = first_non_empty(&[
        product_override(ctx, entry).map(|o| o.badge.as_str()),
        Some(ctx.options.badge.as_str()),
    ]) {
        push_span(out, "shelf-badge", b);
    }
}

/// `<tag class="shelf shelf-<kind> shelf-style-<style>`; the caller adds classes and `">`.
pub(crate) fn open_placement(out: &mut String, ctx: &Ctx<'_>, tag: &str, kind: &str) {
    out.push('<');
    out.push_str(tag);
    out.push_str(" class=\"shelf shelf-");
    out.push_str(kind);
    out.push_str(" shelf-style-");
    out.push_str(ctx.options.style.as_str());
}
