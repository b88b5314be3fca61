//! Pieces every renderer shares: links, images, the offer block with its stamp, buttons,
//! bullets and ratings. Text goes through `escape::text`, attribute values through
//! `escape::attr`, and URLs only come from the compliance checks.

use super::{Ctx, Entry, LinkTarget, ProductOverride};
use crate::compliance::{self, CheckedImage, Decision, PriceDecision, ShownPrice};
use crate::escape::{attr, text};
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
                Some(u) => Some(amazon(u.to_string())),
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
    format!(
        "<a class=\"{class}\" href=\"{}\" rel=\"{}\"{target}>{inner}</a>",
        attr(&href.url),
        attr(&ctx.rel)
    )
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
    format!(
        "<img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
        attr(&img.url),
        img.width,
        img.height,
        attr(alt)
    )
}

/// The image, linked when the product has a link; empty when no image may be shown.
pub(crate) fn image_link(ctx: &Ctx<'_>, entry: &Entry, size: ImageSize) -> String {
    let Some(img) = image(ctx, entry, size) else {
        return String::new();
    };
    let tag = img_tag(&img, title(ctx, entry));
    match href(ctx, entry) {
        Some(h) => anchor(ctx, &h, "shelf-image", &tag),
        None => format!("<span class=\"shelf-image\">{tag}</span>"),
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
    let format = format!("{} {}", ctx.time.date_format, ctx.time.time_format);
    format!(
        "<small class=\"shelf-stamp\">{} <time datetime=\"{}\">{}</time></small>\
         <details class=\"shelf-disclaimer\"><summary>{}</summary><p>{}</p></details>",
        text(&ctx.wording.as_of),
        attr(&iso_utc(at)),
        text(format_php_date(format.trim(), at, ctx.time).as_str()),
        text(&ctx.wording.details),
        text(&ctx.wording.disclaimer)
    )
}

fn price_html(ctx: &Ctx<'_>, p: &ShownPrice<'_>) -> String {
    let mut out = String::new();
    if let Some((basis, label)) = p.basis {
        out.push_str(&format!(
            "<span class=\"shelf-basis\">{} <s>{}</s></span>",
            text(label),
            text(basis.display().unwrap_or_default())
        ));
    }
    if let Some((amount, percent)) = p.savings {
        let mut s = text(&ctx.wording.save);
        if let Some(a) = amount {
            s.push(' ');
            s.push_str(&text(a));
        }
        if let Some(pc) = percent {
            s.push_str(&format!(" ({pc}%)"));
        }
        out.push_str(&format!("<span class=\"shelf-savings\">{s}</span>"));
    }
    let shown = text(p.money.display().unwrap_or_default());
    match p.money.amount {
        Some(a) => out.push_str(&format!(
            "<data class=\"shelf-amount\" value=\"{}\">{shown}</data>",
            attr(&a.to_string())
        )),
        None => out.push_str(&format!("<span class=\"shelf-amount\">{shown}</span>")),
    }
    if let Some(unit) = p.per_unit.and_then(|u| u.display()) {
        out.push_str(&format!(
            "<span class=\"shelf-unit\">({})</span>",
            text(unit)
        ));
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
        inner.push_str(&format!(
            "<span class=\"shelf-deal\">{}</span>",
            text(badge)
        ));
    }
    if let PriceDecision::Shown(p) = &d.price {
        inner.push_str(&price_html(ctx, p));
    }
    if let Some(message) = d.availability.and_then(|a| a.message.as_deref()) {
        let class = match d.availability.is_some_and(|a| a.is_unavailable()) {
            true => "shelf-availability shelf-availability--out",
            false => "shelf-availability",
        };
        inner.push_str(&format!("<span class=\"{class}\">{}</span>", text(message)));
    }
    let Entry::Amazon(r) = entry else {
        return String::new();
    };
    if inner.is_empty() {
        return String::new();
    }
    format!(
        "<div class=\"shelf-offer\">{inner}{}</div>",
        stamp(ctx, r.fetched_at)
    )
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
    let lis: String = items
        .into_iter()
        .take(count)
        .map(|f| format!("<li>{}</li>", text(f)))
        .collect();
    format!("<ul class=\"shelf-features\">{lis}</ul>")
}

/// Stars out of five, as text for screen readers and symbols for the eye.
pub(crate) fn stars(value: f32, label: &str) -> String {
    // Tenths by arithmetic, not `{:.1}`, which would link the float formatter into the wasm.
    // The product is exact in f64 and ties go to even, so the text equals `{:.1}` of `value`.
    let tenths = (f64::from(value.clamp(0.0, 5.0)) * 10.0).round_ties_even() as u32;
    let full = (value.clamp(0.0, 5.0).round() as usize).min(5);
    let mut out = String::from(
        "<span class=\"shelf-rating\"><span class=\"shelf-stars\" aria-hidden=\"true\">",
    );
    out.push_str(&"\u{2605}".repeat(full));
    out.push_str(&"\u{2606}".repeat(5 - full));
    out.push_str("</span> <span class=\"shelf-rating-text\">");
    out.push_str(&text(label));
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
    .map(|b| format!("<span class=\"shelf-badge\">{}</span>", text(b)))
    .unwrap_or_default()
}

/// `shelf shelf-<kind> shelf-style-<style>` plus extra classes.
pub(crate) fn classes(ctx: &Ctx<'_>, kind: &str, extra: &str) -> String {
    let mut c = format!(
        "shelf shelf-{kind} shelf-style-{}",
        ctx.options.style.as_str()
    );
    if !extra.is_empty() {
        c.push(' ');
        c.push_str(extra);
    }
    c
}
