//! Deciding whether an href is an Amazon store link, and what it points to.
//!
//! The decision is made on the host [`WebUrl`] parsed, matched exactly against the marketplace
//! table: never on substrings of the raw href.

use crate::support::prelude::*;

use crate::links::url::{decode_query_value, UrlError, UrlHead, WebUrl};
use crate::marketplace::{is_other_amazon_host, unsupported_store_domain};
use crate::{Asin, Marketplace};
use alloc::borrow::Cow;

/// Short-link hosts. They redirect server-side, so they are never tagged at render time.
pub static SHORT_LINK_HOSTS: [&str; 4] = ["amzn.to", "a.co", "amzn.eu", "amzn.asia"];

/// `amzn.com/dp/ASIN` is a US product URL under another name; it is rebuilt on the store host.
const AMZN_COM: [&str; 2] = ["amzn.com", "www.amzn.com"];

/// What an href is, as far as Amazon is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AmazonLink {
    /// A page of one of the 22 stores. The URL's host is normalised to `www.<domain>`.
    Store {
        /// The re-serialisable URL.
        url: WebUrl,
        /// The store.
        marketplace: &'static Marketplace,
        /// What the page is.
        page: StorePage,
    },
    /// `amazon.cn` or `amazon.co.za`: Amazon, but not served by the Creators API.
    UnsupportedStore {
        /// The re-serialisable URL.
        url: WebUrl,
        /// The store domain (`"amazon.cn"`).
        domain: &'static str,
    },
    /// A short link (`amzn.to`, `a.co`, `amzn.eu`, `amzn.asia`).
    Short {
        /// The re-serialisable URL.
        url: WebUrl,
    },
    /// Another sub-domain of a store domain (`aws.amazon.com`): not a store page.
    OtherAmazonHost {
        /// The re-serialisable URL.
        url: WebUrl,
    },
    /// A valid http(s) URL somewhere else.
    NotAmazon,
    /// Not a strict absolute http(s) URL.
    Invalid(UrlError),
}

/// The kind of store page a link opens.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StorePage {
    /// A product detail page.
    Product {
        /// The product.
        asin: Asin,
        /// The legacy form `/exec/obidos/ASIN/<asin>/<tag>` carries a tag in the path.
        path_tag: Option<String>,
    },
    /// A search result page (`/s?k=…`, `/s/?field-keywords=…`).
    Search {
        /// The decoded keywords (may be empty).
        keywords: String,
    },
    /// Any other store page (home, category, deals …).
    Other,
}

/// Classifies an href whose character references are already decoded.
///
/// # Examples
/// ```
/// use shelf_core::{recognize, AmazonLink, StorePage};
/// match recognize("https://smile.amazon.de/Some-Title/dp/b0shlfd201/ref=sr_1_1") {
///     AmazonLink::Store { url, marketplace, page: StorePage::Product { asin, .. } } => {
///         assert_eq!(url.host(), "www.amazon.de");
///         assert_eq!(marketplace.country, "DE");
///         assert_eq!(asin.as_str(), "B0SHLFD201");
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
pub fn recognize(href: &str) -> AmazonLink {
    let head = match UrlHead::parse(href) {
        Ok(head) => head,
        Err(e) => return AmazonLink::Invalid(e),
    };
    // Decided on the host: most links are not Amazon's, and their path and query are never
    // parsed.
    let Some(kind) = host_kind(head.host()) else {
        return AmazonLink::NotAmazon;
    };
    let mut url = head.finish();
    match kind {
        HostKind::Store(marketplace) => {
            url.set_host(marketplace.host);
            let page = store_page(&url);
            AmazonLink::Store {
                url,
                marketplace,
                page,
            }
        }
        HostKind::AmznCom(us) => {
            url.set_host(us.host);
            // The bare `amzn.com/<ASIN>` form no longer redirects: rebuild it as `/dp/<ASIN>`.
            let asin = {
                let mut bare = url.segments();
                match (bare.next(), bare.next()) {
                    (Some(only), None) if only.len() == 10 => asin_prefix(&only),
                    _ => None,
                }
            };
            if let Some(asin) = asin {
                url.set_path(&crate::support::message::concat("/dp/", asin.as_str()));
            }
            let page = store_page(&url);
            AmazonLink::Store {
                url,
                marketplace: us,
                page,
            }
        }
        HostKind::Short => AmazonLink::Short { url },
        HostKind::Unsupported(domain) => {
            url.set_host(&crate::support::message::concat("www.", domain));
            AmazonLink::UnsupportedStore { url, domain }
        }
        HostKind::OtherAmazon => AmazonLink::OtherAmazonHost { url },
    }
}

/// What a host is, as far as Amazon is concerned; `None` for every other host.
enum HostKind {
    Store(&'static Marketplace),
    /// `amzn.com`, the US store's old short domain.
    AmznCom(&'static Marketplace),
    Short,
    Unsupported(&'static str),
    OtherAmazon,
}

fn host_kind(host: &str) -> Option<HostKind> {
    if let Some(marketplace) = Marketplace::by_host(host) {
        return Some(HostKind::Store(marketplace));
    }
    if AMZN_COM.contains(&host) {
        if let Some(us) = Marketplace::by_country("US") {
            return Some(HostKind::AmznCom(us));
        }
    }
    if SHORT_LINK_HOSTS.contains(&host) {
        return Some(HostKind::Short);
    }
    if let Some(domain) = unsupported_store_domain(host) {
        return Some(HostKind::Unsupported(domain));
    }
    is_other_amazon_host(host).then_some(HostKind::OtherAmazon)
}

/// The strict Amazon store URL behind an href, re-serialisable, or `None`. The 22 marketplaces
/// and the unsupported `amazon.cn`/`amazon.co.za` (see [`recognize`] to tell them apart) count;
/// short links, other Amazon sub-domains and everything else do not.
pub fn amazon_store_url(href: &str) -> Option<WebUrl> {
    match recognize(href) {
        AmazonLink::Store { url, .. } | AmazonLink::UnsupportedStore { url, .. } => Some(url),
        _ => None,
    }
}

/// What a store URL's path and query say about the page.
fn store_page(url: &WebUrl) -> StorePage {
    // `ref=` segments are navigation noise wherever they sit: skipping them here keeps the
    // decision the same before and after noise stripping (idempotence).
    let mut segments = Vec::new();
    for segment in url.segments() {
        if !is_ref_segment(&segment) {
            segments.push(segment);
        }
    }
    if let Some(page) = product(&segments) {
        return page;
    }
    let search_path = match segments.as_slice() {
        [s] => s == "s",
        [s, end] => s == "s" && end.is_empty(),
        _ => false,
    };
    if search_path {
        // A loop, not `find`: the adapter would be one more copy of the query iterator.
        for (name, keywords) in url.query_names() {
            if name == "k" || name == "field-keywords" || name == "keywords" {
                return StorePage::Search {
                    keywords: decode_query_value(keywords).into_owned(),
                };
            }
        }
        return StorePage::Search {
            keywords: String::new(),
        };
    }
    StorePage::Other
}

/// The ASIN of the known product path forms; `/-/<lang>/` prefixes are skipped.
fn product(all: &[Cow<'_, str>]) -> Option<StorePage> {
    let seg = |i: usize| all.get(i).map(AsRef::as_ref).unwrap_or_default();
    let is = |i: usize, word: &str| seg(i).eq_ignore_ascii_case(word);
    let start = if seg(0) == "-" && (2..=5).contains(&seg(1).len()) {
        2
    } else {
        0
    };
    let at = |i: usize| seg(start + i);
    let word = |i: usize, w: &str| is(start + i, w);
    let product = |asin_seg: &str, path_tag: Option<String>| {
        asin_prefix(asin_seg).map(|asin| StorePage::Product { asin, path_tag })
    };

    // `/dp/ASIN`, `/<slug>/dp/ASIN`, `/dp/product/ASIN`.
    for dp in [0, 1] {
        if word(dp, "dp") {
            let next = if word(dp + 1, "product") {
                dp + 2
            } else {
                dp + 1
            };
            return product(at(next), None);
        }
    }
    if word(0, "gp") {
        return match () {
            _ if word(1, "product") => product(at(2), None),
            _ if word(1, "aw") && word(2, "d") => product(at(3), None),
            _ if word(1, "offer-listing") => product(at(2), None),
            _ => None,
        };
    }
    if word(0, "exec") && word(1, "obidos") {
        return match () {
            // `/exec/obidos/ASIN/<asin>/<tag>`: the last segment is an old-style tag.
            _ if word(2, "ASIN") => {
                let tag = Some(at(4))
                    .filter(|t| !t.is_empty() && !is_ref_segment(t))
                    .map(str::to_owned);
                product(at(3), tag)
            }
            _ if word(2, "tg") && word(3, "detail") && at(4) == "-" => product(at(5), None),
            _ => at(2)
                .get(..5)
                .filter(|p| p.eq_ignore_ascii_case("ISBN="))
                .and_then(|_| at(2).get(5..))
                .and_then(|isbn| product(isbn, None)),
        };
    }
    if word(0, "o") && word(1, "ASIN") {
        return product(at(2), None);
    }
    None
}

/// Ten letters or digits at the start of a segment, not followed by another one.
fn asin_prefix(segment: &str) -> Option<Asin> {
    let bytes = segment.as_bytes();
    let ten = bytes.get(..10)?;
    let followed = bytes.get(10).is_some_and(u8::is_ascii_alphanumeric);
    if followed || !ten.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    Asin::parse(segment.get(..10)?).ok()
}

/// `ref=…` and `ref_=…` path segments are navigation noise.
pub(crate) fn is_ref_segment(segment: &str) -> bool {
    segment.starts_with("ref=") || segment.starts_with("ref_=")
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn asin_of(href: &str) -> Option<String> {
        match recognize(href) {
            AmazonLink::Store {
                page: StorePage::Product { asin, .. },
                ..
            } => Some(asin.to_string()),
            _ => None,
        }
    }

    #[test]
    fn extracts_asin_from_every_product_form() {
        for path in [
            "/dp/B0SHLFK001",
            "/Some-Slug/dp/B0SHLFK001/ref=sr_1_1",
            "/dp/product/B0SHLFK001",
            "/gp/product/B0SHLFK001?th=1",
            "/gp/aw/d/B0SHLFK001",
            "/gp/offer-listing/B0SHLFK001/",
            "/exec/obidos/ASIN/B0SHLFK001/shelftest-20",
            "/exec/obidos/tg/detail/-/B0SHLFK001",
            "/o/ASIN/B0SHLFK001/",
            "/-/de/dp/B0SHLFK001",
            "/-/en/Slug/dp/b0shlfk001",
        ] {
            let href = format!("https://www.amazon.com{path}");
            assert_eq!(asin_of(&href).as_deref(), Some("B0SHLFK001"), "{path}");
        }
        assert_eq!(
            asin_of("https://www.amazon.com/exec/obidos/ISBN=030640615X/").as_deref(),
            Some("030640615X")
        );
    }

    #[test]
    fn refuses_asin_followed_by_more_alphanumerics() {
        assert_eq!(asin_of("https://www.amazon.com/dp/B0SHLFK0011"), None);
        assert_eq!(asin_of("https://www.amazon.com/dp/B0SHLF"), None);
        assert_eq!(
            asin_of("https://www.amazon.com/dp/B0SHLFK001.html").as_deref(),
            Some("B0SHLFK001")
        );
    }

    #[test]
    fn reads_legacy_path_tag() {
        match recognize("https://www.amazon.com/exec/obidos/ASIN/B0SHLFK001/other-20") {
            AmazonLink::Store {
                page: StorePage::Product { path_tag, .. },
                ..
            } => assert_eq!(path_tag.as_deref(), Some("other-20")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn recognises_search_pages() {
        for href in [
            "https://www.amazon.de/s?k=wasserkocher+edelstahl",
            "https://www.amazon.de/s/?field-keywords=wasserkocher%20edelstahl",
        ] {
            match recognize(href) {
                AmazonLink::Store {
                    page: StorePage::Search { keywords },
                    ..
                } => assert_eq!(keywords, "wasserkocher edelstahl"),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn normalises_store_prefixes_to_www() {
        for host in [
            "amazon.co.uk",
            "m.amazon.co.uk",
            "smile.amazon.co.uk",
            "WWW.AMAZON.CO.UK.",
        ] {
            let url = amazon_store_url(&format!("https://{host}/")).unwrap();
            assert_eq!(url.host(), "www.amazon.co.uk");
        }
    }

    #[test]
    fn rejects_lookalike_hosts() {
        for href in [
            "https://amazon.com.evil.com/dp/B0SHLFK001",
            "https://evilamazon.com/dp/B0SHLFK001",
            "https://amazon-com.evil/dp/B0SHLFK001",
            "https://evil.com\\@amazon.com/dp/B0SHLFK001",
            "https://evil.com/www.amazon.com/dp/B0SHLFK001",
        ] {
            assert_eq!(recognize(href), AmazonLink::NotAmazon, "{href}");
        }
        assert_eq!(
            recognize("https://www.amazon.com@evil.com/"),
            AmazonLink::Invalid(UrlError::UserInfo)
        );
    }

    #[test]
    fn recognises_short_links_without_store() {
        for host in SHORT_LINK_HOSTS {
            assert!(matches!(
                recognize(&format!("https://{host}/xyz")),
                AmazonLink::Short { .. }
            ));
        }
        assert!(amazon_store_url("https://amzn.to/3abc").is_none());
    }

    #[test]
    fn treats_amzn_com_as_us_store() {
        assert_eq!(
            asin_of("https://amzn.com/dp/B0SHLFK001").as_deref(),
            Some("B0SHLFK001")
        );
        assert_eq!(
            amazon_store_url("https://amzn.com/dp/B0SHLFK001").map(|u| u.to_string()),
            Some("https://www.amazon.com/dp/B0SHLFK001".to_owned())
        );
        assert_eq!(
            amazon_store_url("https://www.amzn.com/B0SHLFK001?x=1").map(|u| u.to_string()),
            Some("https://www.amazon.com/dp/B0SHLFK001?x=1".to_owned())
        );
    }

    #[test]
    fn flags_unsupported_and_other_amazon_hosts() {
        assert!(matches!(
            recognize("https://www.amazon.cn/dp/B0SHLFK001"),
            AmazonLink::UnsupportedStore {
                domain: "amazon.cn",
                ..
            }
        ));
        assert!(amazon_store_url("https://amazon.co.za/").is_some());
        assert!(matches!(
            recognize("https://aws.amazon.com/"),
            AmazonLink::OtherAmazonHost { .. }
        ));
    }

    #[test]
    fn finds_product_behind_a_ref_segment() {
        let AmazonLink::Store { page, .. } =
            recognize("https://amazon.de/x1/ref=Ab1/dp/B0SHLFD201")
        else {
            panic!("not a store link");
        };
        assert!(matches!(page, StorePage::Product { .. }));
    }
}
