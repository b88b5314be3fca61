//! Building and fixing Amazon links. Every URL the core emits is serialised by [`WebUrl`],
//! never concatenated from raw input.

use crate::support::prelude::*;

use crate::links::link_options::{
    ExistingTagPolicy, LocaliseMode, LocaliseTarget, NoisePolicy, PathPolicy,
};
use crate::links::recognize::{is_ref_segment, recognize, AmazonLink, StorePage};
use crate::links::url::{decode_query_value, UrlError, WebUrl, MAX_LEN};
use crate::support::message::concat;
use crate::{Asin, LinkOptions, Marketplace, Tag};
use core::fmt;

/// Parameters that are navigation noise when exactly named so.
const NOISE: [&str; 13] = [
    "qid",
    "sr",
    "crid",
    "sprefix",
    "keywords",
    "dib",
    "dib_tag",
    "_encoding",
    "content-id",
    "ref",
    "ref_",
    "gclid",
    "fbclid",
];

/// Prefixes of noise parameter families.
const NOISE_PREFIXES: [&str; 3] = ["pd_rd_", "pf_rd_", "utm_"];

/// The canonical product link `https://<host>/dp/<ASIN>?tag=<tag>`.
///
/// Safe to place in an attribute after attribute escaping: it is serialised by [`WebUrl`].
pub fn product_link(market: &Marketplace, asin: &Asin, tag: Option<&Tag>) -> String {
    product_url(market, asin, tag).serialize()
}

/// A search link `https://<host>/s?k=<keywords>&tag=<tag>`; the keywords are percent-encoded.
pub fn search_link(market: &Marketplace, keywords: &str, tag: Option<&Tag>) -> String {
    search_url(market, keywords, tag).serialize()
}

fn product_url(market: &Marketplace, asin: &Asin, tag: Option<&Tag>) -> WebUrl {
    let mut path = String::from("/dp/");
    path.push_str(asin.as_str());
    let mut url = WebUrl::https(market.host, &path);
    if let Some(tag) = tag {
        url.set_query("tag", tag.as_str(), true);
    }
    url
}

fn search_url(market: &Marketplace, keywords: &str, tag: Option<&Tag>) -> WebUrl {
    let mut url = WebUrl::https(market.host, "/s");
    url.set_query("k", keywords.trim_ascii(), false);
    if let Some(tag) = tag {
        url.set_query("tag", tag.as_str(), true);
    }
    url
}

fn is_tag_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("tag")
}

fn is_noise(name: &str) -> bool {
    NOISE.contains(&name) || NOISE_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// Why a link was left alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase", tag = "reason", content = "detail")]
#[non_exhaustive]
pub enum SkipReason {
    /// It mentions Amazon but fails the strict URL checks.
    Rejected(UrlError),
    /// `amazon.cn` or `amazon.co.za`: not served by the Creators API.
    UnsupportedMarketplace,
    /// The site has no tag for this store.
    NoTagForMarketplace,
    /// An Amazon sub-domain that is not a store (`aws.amazon.com`).
    OtherAmazonHost,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Rejected(e) => {
                f.write_str("not a safe Amazon link: ")?;
                fmt::Display::fmt(e, f)
            }
            SkipReason::UnsupportedMarketplace => {
                f.write_str("this Amazon store is not supported by the Creators API")
            }
            SkipReason::NoTagForMarketplace => {
                f.write_str("no tracking ID is set for this Amazon store")
            }
            SkipReason::OtherAmazonHost => f.write_str("an Amazon site that is not a store page"),
        }
    }
}

/// What [`process_href`] decided for one link.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[non_exhaustive]
pub enum LinkOutcome {
    /// The link now carries the site's tag (added, de-duplicated, or replacing a foreign one
    /// under [`ExistingTagPolicy::Replace`]), possibly cleaned.
    Tagged {
        /// The new href.
        url: String,
        /// The store's host (marketplace id).
        marketplace: &'static str,
        /// The product, for product links.
        asin: Option<String>,
        /// The foreign tag that was replaced.
        replaced: Option<String>,
    },
    /// The link now points to the target store of the localisation.
    Localised {
        /// The new href.
        url: String,
        /// The original store's host.
        from: &'static str,
        /// The target store's host.
        to: &'static str,
        /// The original product, for product links.
        asin: Option<String>,
    },
    /// Already carries the site's tag and needs no change.
    AlreadyFine {
        /// The store's host.
        marketplace: &'static str,
        /// The product, for product links.
        asin: Option<String>,
    },
    /// Carries someone else's tag; left untouched.
    ForeignTag {
        /// The foreign tag (the first one found).
        found: String,
        /// The href a replacement would produce ([`ExistingTagPolicy::ReportOnly`]).
        url_if_replaced: Option<String>,
        /// The store's host.
        marketplace: &'static str,
        /// The product, for product links.
        asin: Option<String>,
    },
    /// A short link; it needs server-side resolution at authoring time.
    Short {
        /// `amzn.to`, `a.co`, `amzn.eu` or `amzn.asia`.
        host: String,
    },
    /// Not an Amazon link.
    NotAmazon,
    /// An Amazon link left alone.
    Skipped {
        /// Why.
        reason: SkipReason,
    },
}

impl LinkOutcome {
    /// The href to write back, when the link changes.
    pub fn new_href(&self) -> Option<&str> {
        match self {
            LinkOutcome::Tagged { url, .. } | LinkOutcome::Localised { url, .. } => Some(url),
            _ => None,
        }
    }

    /// Whether the link is an affiliate link into a store (tagged by the site or someone else,
    /// or a short link), so its element carries `rel="sponsored noopener"`. Links left alone
    /// ([`LinkOutcome::Skipped`]) keep their attributes.
    pub fn is_affiliate(&self) -> bool {
        !matches!(self, LinkOutcome::NotAmazon | LinkOutcome::Skipped { .. })
    }
}

/// Decides what to do with one href (already decoded from its attribute) and builds the new URL.
///
/// Only strict store links of a marketplace the site has a tag for are changed; everything else
/// comes back as a report-only outcome. The result is idempotent: processing a returned URL
/// again gives [`LinkOutcome::AlreadyFine`] (or the same localisation).
pub fn process_href(href: &str, options: &LinkOptions) -> LinkOutcome {
    match recognize(href) {
        AmazonLink::Store {
            url,
            marketplace,
            page,
        } => {
            let outcome = process_store_link(url, marketplace, &page, options);
            // Percent-encoding lengthens a link: one whose new form the parser would refuse as
            // too long stays as it is rather than turn into an invalid URL.
            if outcome.new_href().is_some_and(|h| h.len() > MAX_LEN) {
                LinkOutcome::Skipped {
                    reason: SkipReason::Rejected(UrlError::TooLong),
                }
            } else {
                outcome
            }
        }
        AmazonLink::Short { url } => LinkOutcome::Short {
            host: url.host().to_owned(),
        },
        AmazonLink::UnsupportedStore { .. } => LinkOutcome::Skipped {
            reason: SkipReason::UnsupportedMarketplace,
        },
        AmazonLink::OtherAmazonHost { .. } => LinkOutcome::Skipped {
            reason: SkipReason::OtherAmazonHost,
        },
        AmazonLink::Invalid(e) if mentions_amazon(href) => LinkOutcome::Skipped {
            reason: SkipReason::Rejected(e),
        },
        AmazonLink::Invalid(_) | AmazonLink::NotAmazon => LinkOutcome::NotAmazon,
    }
}

/// Only for the report: a rejected href is worth listing when it looks like an Amazon link.
/// Never used to decide that a link is Amazon's.
fn mentions_amazon(href: &str) -> bool {
    let has = |word: &[u8]| {
        href.as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    has(b"amazon") || has(b"amzn")
}

fn process_store_link(
    url: WebUrl,
    market: &'static Marketplace,
    page: &StorePage,
    options: &LinkOptions,
) -> LinkOutcome {
    let asin = match page {
        StorePage::Product { asin, .. } => Some(asin.as_str().to_owned()),
        _ => None,
    };
    let path_tag = match page {
        StorePage::Product { path_tag, .. } => path_tag.clone(),
        _ => None,
    };
    let mut existing = Vec::new();
    for (name, value) in url.query_names() {
        if is_tag_name(&name) {
            let value = decode_query_value(value);
            if !value.is_empty() {
                existing.push(value.into_owned());
            }
        }
    }
    existing.extend(path_tag);
    let foreign = existing
        .iter()
        .find(|v| !options.is_own(market, v))
        .cloned();
    let may_change = foreign.is_none() || options.existing_tag == ExistingTagPolicy::Replace;

    let localised = localise(page, market, options);
    if let Some(localised) = &localised {
        if may_change {
            return LinkOutcome::Localised {
                url: localised.serialize(),
                from: market.host,
                to: options
                    .localise
                    .as_ref()
                    .map_or(market.host, |l| l.target.host),
                asin,
            };
        }
    }

    let Some(site_tag) = options.tag_for(market) else {
        return LinkOutcome::Skipped {
            reason: SkipReason::NoTagForMarketplace,
        };
    };
    // A link that already carries one of the site's own IDs keeps it.
    let tag = match existing.first() {
        Some(own) if foreign.is_none() => own.as_str(),
        _ => site_tag.as_str(),
    };
    let (fixed, changed) = retag(url, page, tag, options);
    let fixed = fixed.serialize();
    match foreign {
        Some(found) => match options.existing_tag {
            ExistingTagPolicy::Replace => LinkOutcome::Tagged {
                url: fixed,
                marketplace: market.host,
                asin,
                replaced: Some(found),
            },
            ExistingTagPolicy::Keep => LinkOutcome::ForeignTag {
                found,
                url_if_replaced: None,
                marketplace: market.host,
                asin,
            },
            ExistingTagPolicy::ReportOnly => LinkOutcome::ForeignTag {
                found,
                // What `Replace` would produce, localisation included.
                url_if_replaced: Some(localised.map_or(fixed, |l| l.serialize())),
                marketplace: market.host,
                asin,
            },
        },
        None if !changed => LinkOutcome::AlreadyFine {
            marketplace: market.host,
            asin,
        },
        None => LinkOutcome::Tagged {
            url: fixed,
            marketplace: market.host,
            asin,
            replaced: None,
        },
    }
}

/// The same store link with exactly one tag, the site's, cleaned as the options say; and whether
/// that changed it (what comparing its serialisations would tell, without writing them).
fn retag(mut url: WebUrl, page: &StorePage, tag: &str, options: &LinkOptions) -> (WebUrl, bool) {
    let mut changed = false;
    if options.noise == NoisePolicy::Strip {
        let is_search = matches!(page, StorePage::Search { .. });
        // On a search page `keywords` is the search itself, not noise.
        changed |= url.retain_query(|n| !is_noise(n) || (is_search && n == "keywords"));
        // One pass: the path is only replaced when a segment was dropped.
        let mut path = String::new();
        let mut dropped = false;
        for segment in url.segments() {
            if is_ref_segment(&segment) {
                dropped = true;
            } else {
                path.push('/');
                path.push_str(&segment);
            }
        }
        if dropped {
            url.set_path(if path.is_empty() { "/" } else { &path });
            changed = true;
        }
    }
    if let StorePage::Product { asin, path_tag } = page {
        let legacy = url
            .segments()
            .next()
            .is_some_and(|s| s == "exec" || s == "o");
        if options.path == PathPolicy::Canonical || legacy || path_tag.is_some() {
            let canonical = concat("/dp/", asin.as_str());
            changed |= url.path() != canonical;
            url.set_path(&canonical);
        }
    }
    changed |= url.set_query("tag", tag, true);
    (url, changed)
}

/// The localised URL, when localisation applies to this link.
fn localise(page: &StorePage, market: &Marketplace, options: &LinkOptions) -> Option<WebUrl> {
    let localise = options.localise.as_ref()?;
    let target = localise.target;
    if target.host == market.host {
        return None;
    }
    let tag = options.tag_for(target)?;
    match page {
        StorePage::Product { asin, .. } => match localise.override_for(asin) {
            Some(LocaliseTarget::Asin(other)) => Some(product_url(target, other, Some(tag))),
            Some(LocaliseTarget::Search(k)) => Some(search_url(target, k, Some(tag))),
            Some(LocaliseTarget::Keep) => None,
            None => match &localise.mode {
                LocaliseMode::Exact => Some(product_url(target, asin, Some(tag))),
                LocaliseMode::Search { keywords } if keywords.trim_ascii().is_empty() => {
                    Some(search_url(target, asin.as_str(), Some(tag)))
                }
                LocaliseMode::Search { keywords } => Some(search_url(target, keywords, Some(tag))),
            },
        },
        StorePage::Search { keywords } => Some(search_url(target, keywords, Some(tag))),
        StorePage::Other => None,
    }
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::links::link_options::Localise;

    fn de() -> &'static Marketplace {
        Marketplace::by_country("DE").unwrap()
    }

    fn us() -> &'static Marketplace {
        Marketplace::by_country("US").unwrap()
    }

    fn options() -> LinkOptions {
        LinkOptions::new()
            .tag(de(), Tag::parse("shelftest-21").unwrap())
            .tag(us(), Tag::parse("shelftest-20").unwrap())
    }

    fn href(h: &str, o: &LinkOptions) -> Option<String> {
        process_href(h, o).new_href().map(str::to_owned)
    }

    #[test]
    fn builds_tagged_product_link() {
        let a = Asin::parse("B0SHLFD201").unwrap();
        let t = Tag::parse("shelftest-21").unwrap();
        assert_eq!(
            product_link(de(), &a, Some(&t)),
            "https://www.amazon.de/dp/B0SHLFD201?tag=shelftest-21"
        );
        assert_eq!(
            product_link(de(), &a, None),
            "https://www.amazon.de/dp/B0SHLFD201"
        );
    }

    #[test]
    fn encodes_search_keywords() {
        assert_eq!(
            search_link(de(), " Wasserkocher & \"Tee\" ", None),
            "https://www.amazon.de/s?k=Wasserkocher%20%26%20%22Tee%22"
        );
    }

    #[test]
    fn adds_tag_and_keeps_attribution() {
        assert_eq!(
            href(
                "https://www.amazon.com/dp/B0SHLFK001?linkCode=ogi&th=1&psc=1",
                &options()
            )
            .as_deref(),
            Some("https://www.amazon.com/dp/B0SHLFK001?linkCode=ogi&th=1&psc=1&tag=shelftest-20")
        );
    }

    #[test]
    fn own_tag_is_already_fine() {
        let o = options();
        assert_eq!(
            process_href("https://www.amazon.de/dp/B0SHLFD201?tag=shelftest-21", &o),
            LinkOutcome::AlreadyFine {
                marketplace: "www.amazon.de",
                asin: Some("B0SHLFD201".into())
            }
        );
    }

    #[test]
    fn dedupes_uppercase_and_duplicate_tags() {
        assert_eq!(
            href(
                "https://www.amazon.de/dp/B0SHLFD201?TAG=shelftest-21&x=1&tag=shelftest-21",
                &options()
            )
            .as_deref(),
            Some("https://www.amazon.de/dp/B0SHLFD201?tag=shelftest-21&x=1")
        );
    }

    #[test]
    fn reports_foreign_tag_by_default() {
        let out = process_href(
            "https://www.amazon.de/dp/B0SHLFD201?tag=other-21",
            &options(),
        );
        assert_eq!(
            out,
            LinkOutcome::ForeignTag {
                found: "other-21".into(),
                url_if_replaced: Some(
                    "https://www.amazon.de/dp/B0SHLFD201?tag=shelftest-21".into()
                ),
                marketplace: "www.amazon.de",
                asin: Some("B0SHLFD201".into())
            }
        );
        assert_eq!(out.new_href(), None);
    }

    #[test]
    fn keeps_foreign_tag_without_suggestion() {
        let o = options().existing_tag(ExistingTagPolicy::Keep);
        assert!(matches!(
            process_href("https://www.amazon.de/dp/B0SHLFD201?tag=other-21", &o),
            LinkOutcome::ForeignTag {
                url_if_replaced: None,
                ..
            }
        ));
    }

    #[test]
    fn replaces_foreign_tag_when_asked() {
        let o = options().existing_tag(ExistingTagPolicy::Replace);
        assert_eq!(
            href(
                "https://www.amazon.de/dp/B0SHLFD201?tag=other-21&tag=shelftest-21",
                &o
            )
            .as_deref(),
            Some("https://www.amazon.de/dp/B0SHLFD201?tag=shelftest-21")
        );
    }

    #[test]
    fn declared_own_tags_are_not_foreign() {
        let o = options().own_tag(Tag::parse("shelftest-2-21").unwrap());
        assert!(matches!(
            process_href("https://www.amazon.de/dp/B0SHLFD201?tag=shelftest-2-21", &o),
            LinkOutcome::AlreadyFine { .. }
        ));
    }

    #[test]
    fn strips_noise_only_when_asked() {
        let h = "https://www.amazon.de/Slug/dp/B0SHLFD201/ref=sr_1_1?pd_rd_w=x&pf_rd_p=y&qid=1&sr=8-1&utm_source=z&th=1&smid=A1&unknown=1";
        assert_eq!(
            href(h, &options()).as_deref(),
            Some("https://www.amazon.de/Slug/dp/B0SHLFD201/ref=sr_1_1?pd_rd_w=x&pf_rd_p=y&qid=1&sr=8-1&utm_source=z&th=1&smid=A1&unknown=1&tag=shelftest-21")
        );
        assert_eq!(
            href(h, &options().noise(NoisePolicy::Strip)).as_deref(),
            Some(
                "https://www.amazon.de/Slug/dp/B0SHLFD201?th=1&smid=A1&unknown=1&tag=shelftest-21"
            )
        );
    }

    #[test]
    fn canonicalises_product_path() {
        let o = options().path(PathPolicy::Canonical);
        assert_eq!(
            href("https://smile.amazon.de/gp/product/B0SHLFD201?th=1", &o).as_deref(),
            Some("https://www.amazon.de/dp/B0SHLFD201?th=1&tag=shelftest-21")
        );
    }

    #[test]
    fn legacy_path_tag_is_foreign_and_dropped_on_replace() {
        let h = "https://www.amazon.com/exec/obidos/ASIN/B0SHLFK001/other-20";
        assert!(matches!(
            process_href(h, &options()),
            LinkOutcome::ForeignTag { .. }
        ));
        let o = options().existing_tag(ExistingTagPolicy::Replace);
        assert_eq!(
            href(h, &o).as_deref(),
            Some("https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20")
        );
    }

    #[test]
    fn localises_exact_and_search_and_overrides() {
        let o = options().localise(Localise::to(de()));
        assert_eq!(
            href(
                "https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20&th=1",
                &o
            )
            .as_deref(),
            Some("https://www.amazon.de/dp/B0SHLFK001?tag=shelftest-21")
        );
        let o = options().localise(Localise::to(de()).mode(LocaliseMode::Search {
            keywords: "Kettle steel".into(),
        }));
        assert_eq!(
            href("https://www.amazon.com/dp/B0SHLFK001", &o).as_deref(),
            Some("https://www.amazon.de/s?k=Kettle%20steel&tag=shelftest-21")
        );
        let asin = Asin::parse("B0SHLFK001").unwrap();
        let o = options().localise(Localise::to(de()).override_asin(
            asin,
            LocaliseTarget::Asin(Asin::parse("B0SHLFD201").unwrap()),
        ));
        assert_eq!(
            href("https://www.amazon.com/dp/B0SHLFK001", &o).as_deref(),
            Some("https://www.amazon.de/dp/B0SHLFD201?tag=shelftest-21")
        );
    }

    #[test]
    fn does_not_localise_foreign_tagged_links_unless_replacing() {
        let o = options().localise(Localise::to(de()));
        assert!(matches!(
            process_href("https://www.amazon.com/dp/B0SHLFK001?tag=other-20", &o),
            LinkOutcome::ForeignTag { .. }
        ));
    }

    #[test]
    fn skips_marketplace_without_tag() {
        assert_eq!(
            process_href("https://www.amazon.fr/dp/B0SHLFK001", &options()),
            LinkOutcome::Skipped {
                reason: SkipReason::NoTagForMarketplace
            }
        );
    }

    #[test]
    fn reports_rejected_amazon_looking_links() {
        assert_eq!(
            process_href("https://www.amazon.com:8080/dp/B0SHLFK001", &options()),
            LinkOutcome::Skipped {
                reason: SkipReason::Rejected(UrlError::NonDefaultPort)
            }
        );
        assert_eq!(
            process_href("javascript:alert(1)", &options()),
            LinkOutcome::NotAmazon
        );
        assert_eq!(
            process_href("/relative", &options()),
            LinkOutcome::NotAmazon
        );
    }

    #[test]
    fn short_links_are_reported_not_tagged() {
        assert_eq!(
            process_href("https://amzn.to/3xyz", &options()),
            LinkOutcome::Short {
                host: "amzn.to".into()
            }
        );
    }

    #[test]
    fn outcome_serialises_for_the_report() {
        let json = serde_json::to_string(&process_href(
            "https://www.amazon.de/dp/B0SHLFD201?tag=other-21",
            &options().existing_tag(ExistingTagPolicy::Keep),
        ))
        .unwrap();
        assert_eq!(
            json,
            r#"{"outcome":"foreignTag","found":"other-21","urlIfReplaced":null,"marketplace":"www.amazon.de","asin":"B0SHLFD201"}"#
        );
        let json = serde_json::to_string(&LinkOutcome::Skipped {
            reason: SkipReason::Rejected(UrlError::UserInfo),
        })
        .unwrap();
        assert_eq!(
            json,
            r#"{"outcome":"skipped","reason":{"reason":"rejected","detail":"userInfo"}}"#
        );
    }

    #[test]
    fn output_is_idempotent() {
        let o = options()
            .noise(NoisePolicy::Strip)
            .existing_tag(ExistingTagPolicy::Replace);
        let first = href(
            "https://m.amazon.com/x/dp/B0SHLFK001/ref=x?TAG=a&tag=&qid=3",
            &o,
        )
        .unwrap_or_default();
        assert_eq!(
            first,
            "https://www.amazon.com/x/dp/B0SHLFK001?tag=shelftest-20"
        );
        assert!(matches!(
            process_href(&first, &o),
            LinkOutcome::AlreadyFine { .. }
        ));
    }

    #[test]
    fn a_link_that_encoding_would_make_too_long_stays_as_it_is() {
        // The fuzzer's case: 6 KB of `<` become 18 KB of `%3C`, past what the parser accepts.
        let long = concat("https://www.amazon.com/dp/B0SHLFK001/", &"<".repeat(6000));
        assert_eq!(
            process_href(&long, &options()),
            LinkOutcome::Skipped {
                reason: SkipReason::Rejected(UrlError::TooLong)
            }
        );
        let fits = concat("https://www.amazon.com/dp/B0SHLFK001/", &"<".repeat(1000));
        assert!(href(&fits, &options()).is_some_and(|h| WebUrl::parse(&h).is_ok()));
    }
}
