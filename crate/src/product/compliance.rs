//! The Associates Program rules the renderers cannot switch off.
//!
//! - Price and availability only from API data at most 24 hours old ([`MAX_DATA_AGE_SECS`]) and
//!   never when any listing says `violatesMAP`; every shown price carries an "as of" stamp.
//! - Strike-through prices and savings only from `savingBasis`/`savings`, with Amazon's label.
//! - Images only from Amazon's image hosts ([`AMAZON_IMAGE_HOSTS`]) over https while the data is
//!   fresh, or for manual products from the site's own hosts; always with width and height. A
//!   local demo may add its own image origins (`site.imageOrigins`); production never sets any.
//! - Every Amazon link carries `rel="sponsored noopener"`; a site may add values, never remove.
//! - `detailPageURL` is used exactly as given when it is an Amazon store URL, else
//!   `https://<host>/dp/<ASIN>?tag=<tag>` is built.
//!
//! Their wording (button texts, "as of", the disclaimer) is editable; the rules are not.

use crate::support::bytes::split_byte;
use crate::support::prelude::*;

use crate::amazon_store_url;
use crate::product::model::{Availability, Image, ImageSize, Offer, Product, ProductRecord};
use crate::product::money::Money;
use crate::WebUrl;
use crate::{product_link, Asin, Marketplace, Tag};

/// The longest time price, availability and image URLs may be shown after they were fetched.
pub const MAX_DATA_AGE_SECS: i64 = 24 * 60 * 60;

/// How far in the future `fetchedAt` may lie (clock skew between server and visitor) before
/// the record is treated as stale rather than fresh forever.
const MAX_CLOCK_SKEW_SECS: i64 = 5 * 60;

/// Hosts that serve Amazon product images. Hotlinked, never proxied; kept as data so a new
/// host is a one-line change.
pub const AMAZON_IMAGE_HOSTS: &[&str] = &["m.media-amazon.com"];

/// The `rel` tokens every Amazon link carries.
pub const REQUIRED_REL: &str = "sponsored noopener";

/// Tokens a site may add to [`REQUIRED_REL`]; anything else is ignored.
const EXTRA_REL: &[&str] = &["nofollow", "noreferrer", "external", "ugc"];

/// Whether record data may still be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Freshness {
    /// At most 24 hours old.
    Fresh,
    /// Older, or stamped implausibly far in the future.
    Stale,
}

/// Classifies data fetched at `fetched_at` as seen at `now` (both Unix seconds).
pub fn freshness(fetched_at: i64, now: i64) -> Freshness {
    match now.checked_sub(fetched_at) {
        Some(age) if (-MAX_CLOCK_SKEW_SECS..=MAX_DATA_AGE_SECS).contains(&age) => Freshness::Fresh,
        _ => Freshness::Stale,
    }
}

/// What may be said about an Amazon product's price.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PriceDecision<'a> {
    /// Nothing: the data is stale, there is no offer or no price.
    Hidden,
    /// `violatesMAP`: no number, only a "see price on Amazon" call to action.
    SeeOnAmazon,
    /// The price, shown with its stamp.
    Shown(ShownPrice<'a>),
}

/// A price that may be shown, with everything that must stand next to it.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownPrice<'a> {
    /// The price.
    pub money: &'a Money,
    /// Price per unit, if Amazon gave one.
    pub per_unit: Option<&'a Money>,
    /// The strike-through price and its label, only when Amazon supplied both.
    pub basis: Option<(&'a Money, &'a str)>,
    /// The saving (amount text, percent), only from `savings`.
    pub savings: Option<(Option<&'a str>, Option<u32>)>,
    /// The time for the "as of" stamp: when the data was fetched.
    pub as_of: i64,
}

/// An image that passed the host and size checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedImage {
    /// The re-serialised URL.
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// What a renderer may show of one Amazon product.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision<'a> {
    /// Whether the data is within 24 hours.
    pub freshness: Freshness,
    /// The price decision.
    pub price: PriceDecision<'a>,
    /// Availability, only when fresh.
    pub availability: Option<&'a Availability>,
    /// The deal badge, only when fresh and not MAP.
    pub deal_badge: Option<&'a str>,
}

/// Applies the rules to one record at `now`.
pub fn decide(record: &ProductRecord, now: i64) -> Decision<'_> {
    let fresh = freshness(record.fetched_at, now);
    let offer = match (fresh, record.product.offer.as_ref()) {
        (Freshness::Fresh, Some(o)) => o,
        _ => {
            return Decision {
                freshness: fresh,
                price: PriceDecision::Hidden,
                availability: None,
                deal_badge: None,
            }
        }
    };
    Decision {
        freshness: fresh,
        price: price_decision(offer, record.fetched_at),
        availability: offer.availability.as_ref().filter(|a| a.message.is_some()),
        deal_badge: offer.deal_badge.as_deref().filter(|_| !offer.violates_map),
    }
}

fn price_decision(offer: &Offer, fetched_at: i64) -> PriceDecision<'_> {
    if offer.violates_map {
        return PriceDecision::SeeOnAmazon;
    }
    let Some(money) = offer.price.as_ref().filter(|m| m.display().is_some()) else {
        return PriceDecision::Hidden;
    };
    let basis = offer.saving_basis.as_ref().and_then(|b| {
        let label = b.saving_basis_type_label.as_deref().map(str::trim_ascii)?;
        let basis_money = b.money.as_ref().filter(|m| m.display().is_some())?;
        (!label.is_empty()).then_some((basis_money, label))
    });
    let savings = offer.savings.as_ref().and_then(|s| {
        let amount = s.money.as_ref().and_then(Money::display);
        (amount.is_some() || s.percentage.is_some()).then_some((amount, s.percentage))
    });
    PriceDecision::Shown(ShownPrice {
        money,
        per_unit: offer
            .price_per_unit
            .as_ref()
            .filter(|m| m.display().is_some()),
        basis,
        // A saving without the basis it is measured against would be an unlabelled claim.
        savings: savings.filter(|_| basis.is_some()),
        as_of: fetched_at,
    })
}

fn https_on(raw: &str, hosts: &[impl AsRef<str>]) -> Option<String> {
    let url = WebUrl::parse(raw).ok()?;
    let allowed = url.scheme() == "https"
        && hosts
            .iter()
            .any(|h| url.host().eq_ignore_ascii_case(h.as_ref()));
    allowed.then(|| url.serialize())
}

/// `raw` when it is `<origin>/…` for one of `origins` (exact bytes, so no other host or port
/// passes) and the rest holds only URL characters that need no escaping.
// Not inlined: Amazon and manual images share one copy.
#[inline(never)]
fn on_dev_origin(raw: &str, origins: &[String]) -> Option<String> {
    let raw_bytes = raw.as_bytes();
    for origin in origins {
        let o = origin.as_bytes();
        // An empty origin would let a relative `/path` through.
        if !o.is_empty() && raw_bytes.starts_with(o) && raw_bytes.get(o.len()) == Some(&b'/') {
            for &b in raw_bytes.get(o.len()..).unwrap_or_default() {
                if !(0x21..0x7f).contains(&b) || matches!(b, b'"' | b'\'' | b'<' | b'>' | b'\\') {
                    return None;
                }
            }
            return Some(raw.to_owned());
        }
    }
    None
}

/// The product's image in the wanted size, if the data is fresh and the URL is an https URL on
/// an Amazon image host (or under one of the developer `dev_origins`, empty in production) with
/// known width and height.
pub fn amazon_image(
    record: &ProductRecord,
    now: i64,
    size: ImageSize,
    dev_origins: &[String],
) -> Option<CheckedImage> {
    if freshness(record.fetched_at, now) == Freshness::Stale {
        return None;
    }
    let image: &Image = record.product.primary_image.pick(size)?;
    let raw = image.url.as_deref()?;
    Some(CheckedImage {
        url: https_on(raw, AMAZON_IMAGE_HOSTS).or_else(|| on_dev_origin(raw, dev_origins))?,
        width: image.width.filter(|w| *w > 0)?,
        height: image.height.filter(|h| *h > 0)?,
    })
}

/// A manual product's image URL, accepted only as https on one of the site's own hosts, or on
/// a developer origin (`SHELF_DEV_IMAGE_ORIGINS`: a local demo site served over http).
pub fn site_image_url(raw: &str, site_hosts: &[String], dev_origins: &[String]) -> Option<String> {
    https_on(raw, site_hosts).or_else(|| on_dev_origin(raw, dev_origins))
}

/// A non-Amazon shop URL from the owner: any http(s) URL, re-serialised.
pub fn shop_url(raw: &str) -> Option<String> {
    let url = WebUrl::parse(raw).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.serialize())
}

/// The link for an Amazon product: `detailPageURL` when it is an Amazon store URL, carrying the
/// placement's tag, else the built `/dp/ASIN?tag=` link.
pub fn product_href(product: &Product, market: &Marketplace, tag: Option<&Tag>) -> String {
    product
        .detail_page_url
        .as_deref()
        .and_then(|raw| store_href(raw, tag))
        .unwrap_or_else(|| product_link(market, &product.asin, tag))
}

/// An Amazon store URL with the placement's tag in place of any other (one `tag` pair, in any
/// case of its name), every other parameter as given: a placement's commission goes to the tag
/// it was given, wherever its link came from. Untagged placements keep the URL's own tag.
pub(crate) fn store_href(raw: &str, tag: Option<&Tag>) -> Option<String> {
    let mut url = amazon_store_url(raw)?;
    if let Some(tag) = tag {
        url.set_query("tag", tag.as_str(), true);
    }
    Some(url.serialize())
}

/// The link for an ASIN without API data.
pub fn asin_href(asin: &Asin, market: &Marketplace, tag: Option<&Tag>) -> String {
    product_link(market, asin, tag)
}

/// `sponsored noopener` plus the site's extra tokens that are on the allowlist, deduplicated.
pub fn rel_value(extra: &str) -> String {
    let mut rel = REQUIRED_REL.to_owned();
    let mut seen: Vec<&str> = Vec::new();
    for token in extra.split_ascii_whitespace() {
        let token = token.to_ascii_lowercase();
        if let Some(t) = EXTRA_REL.iter().find(|t| **t == token) {
            if !seen.contains(t) {
                seen.push(t);
                rel.push(' ');
                rel.push_str(t);
            }
        }
    }
    rel
}

/// An element's `rel` (absent: `None`) with [`rel_value`]'s tokens added where missing, in that
/// order; `None` when none is missing. The author's own tokens stay as written.
pub fn merged_rel(existing: Option<&str>, extra: &str) -> Option<String> {
    let existing = existing.unwrap_or_default().trim_ascii();
    let mut rel = existing.to_owned();
    for token in split_byte(Some(&rel_value(extra)), b' ') {
        let present = existing
            .split_ascii_whitespace()
            .any(|t| t.eq_ignore_ascii_case(token));
        if !present {
            if !rel.is_empty() {
                rel.push(' ');
            }
            rel.push_str(token);
        }
    }
    (rel.len() != existing.len()).then_some(rel)
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    // serde_json's own macro: these tests edit the item in place before reading it.
    use serde_json::json as value;

    const NOW: i64 = 1_795_507_200;

    fn record(item: serde_json::Value, age: i64) -> ProductRecord {
        ProductRecord {
            product: Product::from_item(&item.into()).unwrap(),
            fetched_at: NOW - age,
            as_of: String::new(),
        }
    }

    fn priced(map: bool) -> serde_json::Value {
        value!({"asin": "B0SHLFK001", "offersV2": {"listings": [{"violatesMAP": map,
            "availability": {"type": "IN_STOCK", "message": "In Stock"},
            "price": {"money": {"amount": 9.5, "displayAmount": "$9.50"},
                "savingBasis": {"money": {"displayAmount": "$12.00"}, "savingBasisTypeLabel": "List Price:"},
                "savings": {"money": {"displayAmount": "$2.50"}, "percentage": 21}}}]},
            "images": {"primary": {"large": {"url": "https://m.media-amazon.com/images/I/x.jpg",
                "width": 500, "height": 400}}}})
    }

    #[test]
    fn shows_price_up_to_24_hours() {
        for age in [0, 59 * 60, 23 * 3600 + 59 * 60, MAX_DATA_AGE_SECS] {
            let r = record(priced(false), age);
            assert!(
                matches!(decide(&r, NOW).price, PriceDecision::Shown(_)),
                "{age}"
            );
            assert!(decide(&r, NOW).availability.is_some());
        }
    }

    #[test]
    fn hides_price_availability_and_image_after_24_hours() {
        let r = record(priced(false), 24 * 3600 + 60);
        let d = decide(&r, NOW);
        assert_eq!((d.price, d.availability), (PriceDecision::Hidden, None));
        assert_eq!(amazon_image(&r, NOW, ImageSize::Large, &[]), None);
    }

    #[test]
    fn treats_far_future_fetch_time_as_stale() {
        assert_eq!(freshness(NOW + 3600, NOW), Freshness::Stale);
        assert_eq!(freshness(NOW + 60, NOW), Freshness::Fresh);
        assert_eq!(freshness(i64::MIN, i64::MAX), Freshness::Stale);
    }

    #[test]
    fn never_prices_a_map_item() {
        let r = record(priced(true), 0);
        assert_eq!(decide(&r, NOW).price, PriceDecision::SeeOnAmazon);
    }

    #[test]
    fn shows_savings_only_with_a_labelled_basis() {
        let r = record(priced(false), 0);
        let PriceDecision::Shown(p) = decide(&r, NOW).price else {
            panic!("price expected")
        };
        assert_eq!(p.basis.map(|b| b.1), Some("List Price:"));
        assert_eq!(p.savings, Some((Some("$2.50"), Some(21))));
        let mut item = priced(false);
        item["offersV2"]["listings"][0]["price"]["savingBasis"]["savingBasisTypeLabel"] =
            value!(null);
        let r = record(item, 0);
        let PriceDecision::Shown(p) = decide(&r, NOW).price else {
            panic!("price expected")
        };
        assert_eq!((p.basis, p.savings), (None, None));
    }

    #[test]
    fn hides_price_when_offer_is_missing() {
        let r = record(value!({"asin": "B0SHLFK001", "offersV2": null}), 0);
        assert_eq!(decide(&r, NOW).price, PriceDecision::Hidden);
    }

    #[test]
    fn accepts_only_amazon_https_images_with_dimensions() {
        let r = record(priced(false), 0);
        assert_eq!(
            amazon_image(&r, NOW, ImageSize::Small, &[]).map(|i| (i.width, i.height)),
            Some((500, 400))
        );
        for url in [
            "http://m.media-amazon.com/i.jpg",
            "https://evil.example/i.jpg",
            "https://m.media-amazon.com.evil.example/i.jpg",
            "javascript:alert(1)",
        ] {
            let mut item = priced(false);
            item["images"]["primary"]["large"]["url"] = value!(url);
            assert_eq!(
                amazon_image(&record(item, 0), NOW, ImageSize::Large, &[]),
                None,
                "{url}"
            );
        }
        let mut item = priced(false);
        item["images"]["primary"]["large"]["height"] = value!(null);
        assert_eq!(
            amazon_image(&record(item, 0), NOW, ImageSize::Large, &[]),
            None
        );
    }

    #[test]
    fn accepts_dev_origin_images_only_under_the_exact_configured_origin() {
        let origins = vec!["http://127.0.0.1:41234".to_string()];
        let with = |url: &str, origins: &[String]| {
            let mut item = priced(false);
            item["images"]["primary"]["large"]["url"] = value!(url);
            amazon_image(&record(item, 0), NOW, ImageSize::Large, origins).map(|i| i.url)
        };
        let ok = "http://127.0.0.1:41234/images/I/41ShfKtl01L._SL500_.jpg";
        assert_eq!(with(ok, &origins).as_deref(), Some(ok));
        assert_eq!(with(ok, &[]), None, "not without the config");
        for url in [
            "http://127.0.0.1:41234.evil.example/i.jpg",
            "http://127.0.0.1:41235/images/I/x.jpg",
            "http://127.0.0.1:412345/images/I/x.jpg",
            "http://127.0.0.1:4123/images/I/x.jpg",
            "http://127.0.0.1:41234",
            "http://127.0.0.1:41234@evil.example/x.jpg",
            "https://127.0.0.1:41234/x.jpg",
            "HTTP://127.0.0.1:41234/x.jpg",
            "http://127.0.0.1:41234/x.jpg\" onerror=\"alert(1)",
            "http://127.0.0.1:41234/a b.jpg",
            "/images/I/x.jpg",
        ] {
            assert_eq!(with(url, &origins), None, "{url}");
        }
        assert_eq!(
            with("/images/I/x.jpg", &[String::new()]),
            None,
            "an empty origin admits nothing"
        );
        // Stale data hides dev-origin images as it hides Amazon's.
        let mut item = priced(false);
        item["images"]["primary"]["large"]["url"] = value!(ok);
        let stale = record(item, MAX_DATA_AGE_SECS + 60);
        assert_eq!(amazon_image(&stale, NOW, ImageSize::Large, &origins), None);
        // Amazon's host still passes with origins configured.
        assert!(amazon_image(&record(priced(false), 0), NOW, ImageSize::Large, &origins).is_some());
    }

    #[test]
    fn checks_site_images_against_site_hosts() {
        let hosts = vec!["example.com".to_string()];
        assert!(site_image_url("https://example.com/a.png", &hosts, &[]).is_some());
        assert!(site_image_url("https://evil.example/a.png", &hosts, &[]).is_none());
        assert!(site_image_url("data:image/png;base64,AA", &hosts, &[]).is_none());
        assert!(site_image_url("http://example.com/a.png", &hosts, &[]).is_none());
        let dev = ["http://127.0.0.1:8080".to_string()];
        assert!(site_image_url("http://127.0.0.1:8080/a.png", &hosts, &dev).is_some());
        assert!(site_image_url("http://127.0.0.1:8081/a.png", &hosts, &dev).is_none());
    }

    #[test]
    fn uses_detail_page_url_as_given_or_builds_one() {
        let market = Marketplace::by_host("www.amazon.com").unwrap();
        let tag = Tag::parse("shelftest-20").unwrap();
        let given = "https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20&linkCode=ogi&th=1&psc=1";
        let p = Product::from_item(&json!({"asin": "B0SHLFK001", "detailPageURL": given})).unwrap();
        assert_eq!(product_href(&p, market, Some(&tag)), given);
        // Another placement tag replaces the API's, every other parameter kept in place.
        let other = Tag::parse("placement-21").unwrap();
        let url = "https://www.amazon.com/dp/B0SHLFK001?TAG=a-20&linkCode=ogi&tag=b-20&th=1";
        let p = Product::from_item(&json!({"asin": "B0SHLFK001", "detailPageURL": url})).unwrap();
        assert_eq!(
            product_href(&p, market, Some(&other)),
            "https://www.amazon.com/dp/B0SHLFK001?tag=placement-21&linkCode=ogi&th=1"
        );
        assert_eq!(product_href(&p, market, None), url, "untagged: as given");
        let p = Product::from_item(&json!({"asin": "B0SHLFK001",
            "detailPageURL": "https://evil.example/dp/B0SHLFK001"}))
        .unwrap();
        assert_eq!(
            product_href(&p, market, Some(&tag)),
            "https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20"
        );
    }

    #[test]
    fn keeps_required_rel_and_adds_only_known_tokens() {
        assert_eq!(rel_value(""), "sponsored noopener");
        assert_eq!(
            rel_value("NOFOLLOW nofollow opener \" onclick=x ugc"),
            "sponsored noopener nofollow ugc"
        );
    }

    #[test]
    fn merges_required_rel_into_the_authors_tokens() {
        assert_eq!(merged_rel(None, "").as_deref(), Some("sponsored noopener"));
        assert_eq!(
            merged_rel(Some("  "), "nofollow").as_deref(),
            Some("sponsored noopener nofollow")
        );
        assert_eq!(
            merged_rel(Some("me NoOpener"), "").as_deref(),
            Some("me NoOpener sponsored")
        );
        assert_eq!(merged_rel(Some("\tnoopener\nsponsored "), "bogus"), None);
        assert_eq!(
            merged_rel(Some("sponsored noopener ugc"), "ugc nofollow").as_deref(),
            Some("sponsored noopener ugc nofollow")
        );
    }
}
