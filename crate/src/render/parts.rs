//! Pieces every renderer shares: links, images, the offer block with its stamp, buttons,
//! bullets and ratings. Text goes through `escape::text`, attribute values through
//! `escape::attr`, and URLs only come from the compliance checks.

use crate::prelude::*;

use super::{Ctx, Entry, LinkTarget, ProductOverride};
use crate::compliance::{self, CheckedImage, Decision, PriceDecision, ShownPrice};
use crate::digits::{push_int, push_uint};
use crate::escape::{push_attr, push_text, text};
use crate::php_date::{format_php_date, iso_utc};
use crate::product::ImageSize;

/// A checked link target and whether it is Amazon's.
pub(crate) struct Href {
    pub url: String,
    pub amazon: bool,
}

pub(crate) fn product_override<'a>(ctx: &'a Ctx<'_>, entry: &Entry) -> Option<&'a ProductOverride> {
    ctx.options.overrides.get(entry.id())
}

fn first_non_empty<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Option<&'a str> {
    candidates
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|s| !s.is_empty())
}

/// The product's display title: per-product override, placement override, data, fallback.
pub(crate) fn title<'a>(ctx: &'a Ctx<'_>, entry: &'a Entry) -> &'a str {
    let data = match entry {
        Entry::Amazon(r) => r.product.title.as_deref(),
        Entry::Manual(m) => Some(m.title.as_str()),
        Entry::Fallback(_) => None,
    };
    first_non_empty([
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
        Entry::Fallback(asin) => Some(amazon(compliance::asin_href(
            asin,
            ctx.market,
            ctx.tag.as_ref(),
        ))),
        Entry::Manual(m) => match (&m.button_url, &m.asin) {
            (Some(raw), _) => match crate::amazon_store_url(raw) {
                Some(u) => Some(amazon(u.serialize())),
                None => compliance::shop_url(raw).map(|url| Href { url, amazon: false }),
            },
            (None, Some(asin)) => Some(amazon(compliance::asin_href(
                asin,
                ctx.market,
                ctx.tag.as_ref(),
            ))),
            (None, None) => None,
        },
    }
}

/// `<a …>inner</a>`; `inner` must already be HTML.
pub(crate) fn anchor(ctx: &Ctx<'_>, href: &Href, class: &str, inner: &str) -> String {
    if href.amazon {
        ctx.amazon_links.set(true);
    }
    let target = match ctx.options.target {
        LinkTarget::SameTab => "",
        LinkTarget::NewTab => " target=\"_blank\"",
    };
    let mut out = String::with_capacity(href.url.len() + inner.len() + 80);
    out.push_str("<a class=\"");
    out.push_str(class);
    out.push_str("\" href=\"");
    push_attr(&mut out, &href.url);
    out.push_str("\" rel=\"");
    push_attr(&mut out, &ctx.rel);
    out.push('"');
    out.push_str(target);
    out.push('>');
    out.push_str(inner);
    out.push_str("</a>");
    out
}

/// The title, linked when the product has a link.
pub(crate) fn title_link(ctx: &Ctx<'_>, entry: &Entry) -> String {
    let t = text(title(ctx, entry));
    match href(ctx, entry) {
        Some(h) => anchor(ctx, &h, "shelf-title-link", &t),
        None => t,
    }
}

/// The checked image, if any may be shown.
pub(crate) fn image(ctx: &Ctx<'_>, entry: &Entry, size: ImageSize) -> Option<CheckedImage> {
    match entry {
        Entry::Amazon(r) => compliance::amazon_image(r, ctx.now, size),
        Entry::Manual(m) => {
            let img = m.image.as_ref()?;
            Some(CheckedImage {
                url: compliance::site_image_url(&img.url, &ctx.site.hosts)?,
                width: img.width,
                height: img.height,
            })
        }
        Entry::Fallback(_) => None,
    }
}

pub(crate) fn img_tag(img: &CheckedImage, alt: &str) -> String {
    let mut out = String::with_capacity(img.url.len() + alt.len() + 90);
    out.push_str("<img src=\"");
    push_attr(&mut out, &img.url);
    out.push_str("\" width=\"");
    push_uint(&mut out, u64::from(img.width));
    out.push_str("\" height=\"");
    push_uint(&mut out, u64::from(img.height));
    out.push_str("\" alt=\"");
    push_attr(&mut out, alt);
    out.push_str("\" loading=\"lazy\" decoding=\"async\">");
    out
}

/// The image, linked when the product has a link; empty when no image may be shown.
pub(crate) fn image_link(ctx: &Ctx<'_>, entry: &Entry, size: ImageSize) -> String {
    let Some(img) = image(ctx, entry, size) else {
        return String::new();
    };
    let tag = img_tag(&img, title(ctx, entry));
    match href(ctx, entry) {
        Some(h) => anchor(ctx, &h, "shelf-image", &tag),
        None => {
            let mut out = String::from("<span class=\"shelf-image\">");
            out.push_str(&tag);
            out.push_str("</span>");
            out
        }
    }
}

pub(crate) fn decision<'a>(ctx: &Ctx<'_>, entry: &'a Entry) -> Option<Decision<'a>> {
    match entry {
        Entry::Amazon(r) => Some(compliance::decide(r, ctx.now)),
        _ => None,
    }
}

/// `as of <time>…</time>` followed by the disclaimer behind a "Details" toggle.
pub(crate) fn stamp(ctx: &Ctx<'_>, at: i64) -> String {
    let mut out = String::from("<small class=\"shelf-stamp\">");
    push_time(&mut out, ctx, &ctx.wording.as_of, at);
    out.push_str("</small><details class=\"shelf-disclaimer\"><summary>");
    push_text(&mut out, &ctx.wording.details);
    out.push_str("</summary><p>");
    push_text(&mut out, &ctx.wording.disclaimer);
    out.push_str("</p></details>");
    out
}

/// `<label> <time datetime="<ISO>"><site's date and time format></time>`.
pub(crate) fn push_time(out: &mut String, ctx: &Ctx<'_>, label: &str, at: i64) {
    let mut format =
        String::with_capacity(ctx.time.date_format.len() + ctx.time.time_format.len() + 1);
    format.push_str(&ctx.time.date_format);
    format.push(' ');
    format.push_str(&ctx.time.time_format);
    push_text(out, label);
    out.push_str(" <time datetime=\"");
    push_attr(out, &iso_utc(at));
    out.push_str("\">");
    push_text(out, &format_php_date(format.trim(), at, ctx.time));
    out.push_str("</time>");
}

fn price_html(ctx: &Ctx<'_>, p: &ShownPrice<'_>) -> String {
    let mut out = String::new();
    if let Some((basis, label)) = p.basis {
        out.push_str("<span class=\"shelf-basis\">");
        push_text(&mut out, label);
        out.push_str(" <s>");
        push_text(&mut out, basis.display().unwrap_or_default());
        out.push_str("</s></span>");
    }
    if let Some((amount, percent)) = p.savings {
        out.push_str("<span class=\"shelf-savings\">");
        push_text(&mut out, &ctx.wording.save);
        if let Some(a) = amount {
            out.push(' ');
            push_text(&mut out, a);
        }
        if let Some(pc) = percent {
            out.push_str(" (");
            push_int(&mut out, i64::from(pc));
            out.push_str("%)");
        }
        out.push_str("</span>");
    }
    let shown = p.money.display().unwrap_or_default();
    match p.money.amount {
        Some(a) => {
            out.push_str("<data class=\"shelf-amount\" value=\"");
            push_attr(&mut out, &a.to_text());
            out.push_str("\">");
            push_text(&mut out, shown);
            out.push_str("</data>");
        }
        None => {
            out.push_str("<span class=\"shelf-amount\">");
            push_text(&mut out, shown);
            out.push_str("</span>");
        }
    }
    if let Some(unit) = p.per_unit.and_then(|u| u.display()) {
        out.push_str("<span class=\"shelf-unit\">(");
        push_text(&mut out, unit);
        out.push_str(")</span>");
    }
    out
}

/// Price, savings, availability and deal badge with their stamp; empty when none may be shown.
pub(crate) fn offer(ctx: &Ctx<'_>, entry: &Entry) -> String {
    let Some(d) = decision(ctx, entry) else {
        return String::new();
    };
    let mut inner = String::new();
    if let Some(badge) = d.deal_badge {
        inner.push_str("<span class=\"shelf-deal\">");
        push_text(&mut inner, badge);
        inner.push_str("</span>");
    }
    if let PriceDecision::Shown(p) = &d.price {
        inner.push_str(&price_html(ctx, p));
    }
    if let Some(message) = d.availability.and_then(|a| a.message.as_deref()) {
        let class = match d.availability.is_some_and(|a| a.is_unavailable()) {
            true => "shelf-availability shelf-availability--out",
            false => "shelf-availability",
        };
        inner.push_str("<span class=\"");
        inner.push_str(class);
        inner.push_str("\">");
        push_text(&mut inner, message);
        inner.push_str("</span>");
    }
    let Entry::Amazon(r) = entry else {
        return String::new();
    };
    if inner.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(inner.len() + 600);
    out.push_str("<div class=\"shelf-offer\">");
    out.push_str(&inner);
    out.push_str(&stamp(ctx, r.fetched_at));
    out.push_str("</div>");
    out
}

/// The call-to-action button, with the MAP wording when the price may not be shown.
pub(crate) fn button(ctx: &Ctx<'_>, entry: &Entry, text_override: &str) -> String {
    // A product without data is already one plain link (its title); a second one adds nothing.
    let Some(h) = href(ctx, entry).filter(|_| !matches!(entry, Entry::Fallback(_))) else {
        return String::new();
    };
    let map = decision(ctx, entry).is_some_and(|d| d.price == PriceDecision::SeeOnAmazon);
    let default = match (map, h.amazon) {
        (true, _) => &ctx.wording.see_price,
        (false, true) => &ctx.wording.buy,
        (false, false) => &ctx.wording.shop,
    };
    let label = first_non_empty([
        Some(text_override),
        product_override(ctx, entry).map(|o| o.button_text.as_str()),
        Some(ctx.options.button_text.as_str()),
    ])
    // MAP wording wins over custom texts: it is the one hint that a price exists.
    .filter(|_| !map)
    .unwrap_or(default);
    anchor(ctx, &h, "shelf-button", &text(label))
}

/// Up to `count` bullets (override lines first, else the data's features).
pub(crate) fn features(ctx: &Ctx<'_>, entry: &Entry, count: usize) -> String {
    let override_lines = first_non_empty([
        product_override(ctx, entry).map(|o| o.description.as_str()),
        Some(ctx.options.description.as_str()),
    ]);
    let items: Vec<&str> = match (override_lines, entry) {
        (Some(lines), _) => lines
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect(),
        (None, Entry::Amazon(r)) => r.product.features.iter().map(String::as_str).collect(),
        (None, Entry::Manual(m)) => m.features.iter().map(String::as_str).collect(),
        (None, Entry::Fallback(_)) => Vec::new(),
    };
    if items.is_empty() || count == 0 {
        return String::new();
    }
    let mut out = String::from("<ul class=\"shelf-features\">");
    for f in items.into_iter().take(count) {
        out.push_str("<li>");
        push_text(&mut out, f);
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// Stars out of five, as text for screen readers and symbols for the eye.
pub(crate) fn stars(value: f32, label: &str) -> String {
    // Tenths by arithmetic, not `{:.1}`, which would link the float formatter into the wasm.
    // The product is exact in f64 and ties go to even, so the text equals `{:.1}` of `value`.
    let tenths = crate::float::round_ties_even(f64::from(value.clamp(0.0, 5.0)) * 10.0) as u32;
    let full = (crate::float::round(f64::from(value.clamp(0.0, 5.0))) as usize).min(5);
    let mut out = String::from(
        "<span class=\"shelf-rating\"><span class=\"shelf-stars\" aria-hidden=\"true\">",
    );
    for star in 0..5 {
        out.push(if star < full { '\u{2605}' } else { '\u{2606}' });
    }
    out.push_str("</span> <span class=\"shelf-rating-text\">");
    push_text(&mut out, label);
    out.push_str(": ");
    out.push(char::from(b'0' + (tenths / 10) as u8));
    out.push('.');
    out.push(char::from(b'0' + (tenths % 10) as u8));
    out.push_str("/5</span></span>");
    out
}

/// The owner's rating for manual products; Amazon's only while fresh.
pub(crate) fn rating(ctx: &Ctx<'_>, entry: &Entry) -> String {
    match entry {
        Entry::Manual(m) => m
            .rating
            .map(|r| stars(r, &ctx.wording.own_rating))
            .unwrap_or_default(),
        Entry::Amazon(r)
            if compliance::freshness(r.fetched_at, ctx.now) == compliance::Freshness::Fresh =>
        {
            r.product
                .reviews
                .as_ref()
                .and_then(|rv| rv.stars)
                .map(|s| stars(s.to_f64() as f32, &ctx.wording.customer_rating))
                .unwrap_or_default()
        }
        _ => String::new(),
    }
}

/// The badge text for a product, if any.
pub(crate) fn badge(ctx: &Ctx<'_>, entry: &Entry) -> String {
    first_non_empty([
        product_override(ctx, entry).map(|o| o.badge.as_str()),
        Some(ctx.options.badge.as_str()),
    ])
    .map(|b| {
        let mut out = String::from("<span class=\"shelf-badge\">");
        push_text(&mut out, b);
        out.push_str("</span>");
        out
    })
    .unwrap_or_default()
}

/// `shelf shelf-<kind> shelf-style-<style>` plus extra classes.
pub(crate) fn classes(ctx: &Ctx<'_>, kind: &str, extra: &str) -> String {
    let mut c = String::from("shelf shelf-");
    c.push_str(kind);
    c.push_str(" shelf-style-");
    c.push_str(ctx.options.style.as_str());
    if !extra.is_empty() {
        c.push(' ');
        c.push_str(extra);
    }
    c
}
