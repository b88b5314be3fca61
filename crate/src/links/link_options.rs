//! What [`process_href`](crate::process_href) may do to a link: the site's tags and policies.

use crate::support::prelude::*;

use crate::support::message::{display_via_message, push_all, Message};

#[cfg(feature = "rewrite")]
use crate::wire::read_value::KeyMap;
use crate::{Asin, Marketplace, Tag};

/// What to do with a store link that already carries a tag that is not the site's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ExistingTagPolicy {
    /// Leave the link untouched and report the foreign tag.
    Keep,
    /// Replace the foreign tag with the site's (an explicit admin choice).
    Replace,
    /// Leave the link untouched and report the foreign tag with the URL a replacement would
    /// produce, so an audit can offer the fix. JSON also accepts `"report"` (the PHP setting).
    #[default]
    ReportOnly,
}

/// Whether navigation noise is removed from store links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum NoisePolicy {
    /// Keep every parameter.
    #[default]
    Keep,
    /// Remove `ref`/`ref_` path segments and tracking parameters (`pd_rd_*`, `pf_rd_*`, `qid`,
    /// `sr`, `crid`, `sprefix`, `keywords`, `dib`, `dib_tag`, `_encoding`, `content-id`, `ref`,
    /// `ref_`, `utm_*`, `gclid`, `fbclid`). Attribution (`linkCode`, `linkId`, `th`, `psc`,
    /// `smid`, `creative`, `creativeASIN`, `camp`, `language`) and unknown parameters stay.
    Strip,
}

/// Whether product links keep their path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum PathPolicy {
    /// Keep the path (slug, `/gp/product/` …). Legacy `/exec/obidos/` and `/o/ASIN/` links are
    /// canonicalised anyway: their path may hold an old tag.
    #[default]
    Keep,
    /// Rewrite product paths to `/dp/ASIN`.
    Canonical,
}

/// How a product link becomes a link into the visitor's store.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LocaliseMode {
    /// The same ASIN on the target store (`/dp/ASIN`).
    Exact,
    /// A search on the target store (`/s?k=…`) for these keywords; empty keywords search for
    /// the ASIN, which finds the product where it is listed.
    Search {
        /// The search terms.
        keywords: String,
    },
}

/// A per-ASIN exception to the localisation mode.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LocaliseTarget {
    /// The product has another ASIN on the target store.
    Asin(Asin),
    /// Search the target store for these keywords.
    Search(String),
    /// Do not localise this product.
    Keep,
}

/// Localisation of store links to one target marketplace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localise {
    pub(crate) target: &'static Marketplace,
    pub(crate) mode: LocaliseMode,
    pub(crate) overrides: Vec<(Asin, LocaliseTarget)>,
}

impl Localise {
    /// Localises to `target` in [`LocaliseMode::Exact`] without overrides.
    pub fn to(target: &'static Marketplace) -> Localise {
        Localise {
            target,
            mode: LocaliseMode::Exact,
            overrides: Vec::new(),
        }
    }

    /// Sets the mode.
    pub fn mode(mut self, mode: LocaliseMode) -> Localise {
        self.mode = mode;
        self
    }

    /// Adds (or replaces) the exception for one ASIN.
    pub fn override_asin(mut self, asin: Asin, target: LocaliseTarget) -> Localise {
        self.set_override(asin, target);
        self
    }

    // In place: the builder's `self` by value would copy the whole struct per entry read.
    fn set_override(&mut self, asin: Asin, target: LocaliseTarget) {
        self.overrides.retain(|(a, _)| *a != asin);
        self.overrides.push((asin, target));
    }

    pub(crate) fn override_for(&self, asin: &Asin) -> Option<&LocaliseTarget> {
        self.overrides
            .iter()
            .find(|(a, _)| a == asin)
            .map(|(_, t)| t)
    }
}

/// The site's tags and link policies.
///
/// # Defaults
/// No tags (every store link is skipped with [`SkipReason::NoTagForMarketplace`](crate::SkipReason)),
/// [`ExistingTagPolicy::ReportOnly`], [`NoisePolicy::Keep`], [`PathPolicy::Keep`], no
/// localisation.
///
/// # Examples
/// ```
/// use shelf_core::{process_href, LinkOptions, LinkOutcome, Marketplace, NoisePolicy, Tag};
/// let options = LinkOptions::new()
///     .tag(Marketplace::by_country("DE").unwrap(), Tag::parse("shelftest-21").unwrap())
///     .noise(NoisePolicy::Strip);
/// let out = process_href("https://amazon.de/dp/B0SHLFD201/ref=sr_1_1?qid=1&th=1", &options);
/// assert_eq!(out.new_href(), Some("https://www.amazon.de/dp/B0SHLFD201?th=1&tag=shelftest-21"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkOptions {
    pub(crate) tags: Vec<(&'static Marketplace, Tag)>,
    pub(crate) own_tags: Vec<Tag>,
    pub(crate) existing_tag: ExistingTagPolicy,
    pub(crate) noise: NoisePolicy,
    pub(crate) path: PathPolicy,
    pub(crate) localise: Option<Localise>,
    /// Extra `rel` tokens for Amazon links (the allowlisted ones are kept).
    pub(crate) rel: String,
    /// Whether Amazon links open in a new tab.
    pub(crate) new_tab: bool,
    /// Short links the server resolved: short href → long URL.
    #[cfg(feature = "rewrite")]
    pub(crate) short_links: KeyMap<String>,
}

impl LinkOptions {
    /// The defaults (see `# Defaults`).
    pub fn new() -> LinkOptions {
        LinkOptions::default()
    }

    /// Sets the site's tag for a marketplace (replacing an earlier one).
    pub fn tag(mut self, market: &'static Marketplace, tag: Tag) -> LinkOptions {
        self.set_tag(market, tag);
        self
    }

    // In place, as `Localise::set_override`.
    fn set_tag(&mut self, market: &'static Marketplace, tag: Tag) {
        self.tags.retain(|(m, _)| m.host != market.host);
        self.tags.push((market, tag));
    }

    /// Declares another tracking ID of the site (`storeid-2-20`): links carrying it are left
    /// alone as already fine instead of being reported as foreign.
    pub fn own_tag(mut self, tag: Tag) -> LinkOptions {
        self.add_own_tag(tag);
        self
    }

    // In place, as `Localise::set_override`.
    fn add_own_tag(&mut self, tag: Tag) {
        if !self.own_tags.contains(&tag) {
            self.own_tags.push(tag);
        }
    }

    /// Sets the policy for links that carry another tag.
    pub fn existing_tag(mut self, policy: ExistingTagPolicy) -> LinkOptions {
        self.existing_tag = policy;
        self
    }

    /// Sets the navigation-noise policy.
    pub fn noise(mut self, policy: NoisePolicy) -> LinkOptions {
        self.noise = policy;
        self
    }

    /// Sets the product-path policy.
    pub fn path(mut self, policy: PathPolicy) -> LinkOptions {
        self.path = policy;
        self
    }

    /// Localises store links to another marketplace.
    pub fn localise(mut self, localise: Localise) -> LinkOptions {
        self.localise = Some(localise);
        self
    }

    /// Sets the site's extra `rel` tokens for Amazon links (see [`rel_value`](crate::rel_value)).
    pub fn rel(mut self, extra: &str) -> LinkOptions {
        extra.clone_into(&mut self.rel);
        self
    }

    /// Makes Amazon links open in a new tab.
    pub fn new_tab(mut self, new_tab: bool) -> LinkOptions {
        self.new_tab = new_tab;
        self
    }

    /// The `rel` an affiliate link's element needs instead of `existing`, or `None` when it has
    /// every required token already.
    pub fn rel_for(&self, existing: Option<&str>) -> Option<String> {
        crate::merged_rel(existing, &self.rel)
    }

    /// The `target` an affiliate link's element needs: `_blank` for a new tab when it has none.
    /// An author's own `target` stays.
    pub fn target_for(&self, existing: Option<&str>) -> Option<&'static str> {
        (self.new_tab && existing.is_none()).then_some("_blank")
    }

    /// Declares the long URL a short link (`https://amzn.to/…`, as its `href` reads decoded)
    /// redirects to, as the server resolved it: [`rewrite_links`](crate::rewrite_links) then
    /// decides the link as that URL and writes the result in its place.
    #[cfg(feature = "rewrite")]
    pub fn short_link(mut self, short: &str, long: &str) -> LinkOptions {
        self.short_links.insert(short.to_owned(), long.to_owned());
        self
    }

    /// The long URL of a resolved short link.
    #[cfg(feature = "rewrite")]
    pub(crate) fn resolved_short_link(&self, href: &str) -> Option<&str> {
        self.short_links.get(href).map(String::as_str)
    }

    /// The site's tag for a marketplace.
    pub fn tag_for(&self, market: &Marketplace) -> Option<&Tag> {
        self.tags
            .iter()
            .find(|(m, _)| m.host == market.host)
            .map(|(_, t)| t)
    }

    /// Whether `value` is the site's tag on `market`'s links.
    pub(crate) fn is_own(&self, market: &Marketplace, value: &str) -> bool {
        self.tag_for(market).is_some_and(|t| t.as_str() == value)
            || self.own_tags.iter().any(|t| t.as_str() == value)
    }
}

/// Why an options bag from JavaScript or PHP was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkOptionsError {
    /// A marketplace host that is not one of the 22.
    UnknownMarketplace(String),
    /// A tag that fails [`Tag::parse`].
    InvalidTag {
        /// The tag as given.
        tag: String,
        /// Why.
        error: crate::errors::TagError,
    },
    /// An override key that is not an ASIN.
    InvalidAsin(String),
}

impl Message for LinkOptionsError {
    fn write_message(&self, out: &mut String) {
        match self {
            LinkOptionsError::UnknownMarketplace(m) => {
                push_all(out, &["unknown marketplace \u{201c}", m, "\u{201d}"]);
            }
            LinkOptionsError::InvalidTag { tag, error } => {
                push_all(out, &["tracking ID \u{201c}", tag, "\u{201d}: "]);
                error.write_message(out);
            }
            LinkOptionsError::InvalidAsin(a) => {
                push_all(out, &["\u{201c}", a, "\u{201d} is not an ASIN"]);
            }
        }
    }
}

display_via_message!(LinkOptionsError);

impl core::error::Error for LinkOptionsError {}

// Only the binding's link exports read the bag from JSON.
#[cfg(any(
    test,
    all(
        target_arch = "wasm32",
        any(feature = "links", feature = "rewrite", feature = "admin")
    )
))]
pub(crate) mod input;

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::input::LinkOptionsInput;
    use super::*;
    use crate::wire::read_value::ShapeError;

    #[test]
    fn defaults_report_foreign_tags_and_keep_links() {
        let o = LinkOptions::new();
        assert_eq!(o.existing_tag, ExistingTagPolicy::ReportOnly);
        assert_eq!(o.noise, NoisePolicy::Keep);
        assert_eq!(o.path, PathPolicy::Keep);
        assert!(o.localise.is_none() && o.tags.is_empty());
    }

    #[test]
    fn later_tag_for_same_marketplace_wins() {
        let de = Marketplace::by_country("DE").unwrap();
        let o = LinkOptions::new()
            .tag(de, Tag::parse("a-21").unwrap())
            .tag(de, Tag::parse("b-21").unwrap());
        assert_eq!(o.tag_for(de).unwrap().as_str(), "b-21");
        assert!(o.is_own(de, "b-21") && !o.is_own(de, "a-21"));
    }

    #[test]
    fn reads_options_bag_from_json() {
        let json = r#"{"tags":{"www.amazon.de":"shelftest-21"},"existingTag":"replace",
            "noise":"strip","localise":{"to":"amazon.de","mode":"search","keywords":"kettle",
            "overrides":{"b0shlfk001":{"asin":"B0SHLFD201"},"B0SHLFK002":"keep"}}}"#;
        let input =
            LinkOptionsInput::from_value(&crate::wire::json_text::parse(json).unwrap()).unwrap();
        let o = LinkOptions::try_from(input).unwrap();
        assert_eq!(o.existing_tag, ExistingTagPolicy::Replace);
        let l = o.localise.unwrap();
        assert_eq!(l.target.country, "DE");
        assert_eq!(
            l.mode,
            LocaliseMode::Search {
                keywords: "kettle".into()
            }
        );
        assert_eq!(
            l.override_for(&Asin::parse("B0SHLFK001").unwrap()),
            Some(&LocaliseTarget::Asin(Asin::parse("B0SHLFD201").unwrap()))
        );
    }

    #[test]
    fn reads_policy_words_strictly() {
        let read = |v| LinkOptionsInput::from_value(&v).map(|i| i.existing_tag);
        assert_eq!(
            read(json!({"existingTag": "report"})),
            Ok(ExistingTagPolicy::ReportOnly)
        );
        assert_eq!(
            read(json!({"existingTag": null})),
            Ok(ExistingTagPolicy::ReportOnly)
        );
        assert_eq!(
            read(json!({"existingTag": "drop"}))
                .unwrap_err()
                .to_string(),
            "existingTag must be one of: keep, replace, reportOnly"
        );
        let e = LinkOptionsInput::from_value(&json!({"localise": {"to": "amazon.de",
            "overrides": {"B0SHLFK001": "skip"}}}))
        .unwrap_err();
        assert!(
            e.to_string().starts_with("overrides must be one of: "),
            "{e}"
        );
        let e = LinkOptionsInput::from_value(&json!({"localise": {}})).unwrap_err();
        assert_eq!(e, ShapeError::Missing("to"));
    }

    #[test]
    fn refuses_bad_options_bag_with_readable_message() {
        let input =
            LinkOptionsInput::from_value(&json!({"tags": {"www.amazon.de": "Bad Tag"}})).unwrap();
        let err = LinkOptions::try_from(input).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("tracking ID \u{201c}Bad Tag\u{201d}"));
        let input =
            LinkOptionsInput::from_value(&json!({"tags": {"www.amazon.xx": "a-20"}})).unwrap();
        assert_eq!(
            LinkOptions::try_from(input).unwrap_err(),
            LinkOptionsError::UnknownMarketplace("www.amazon.xx".into())
        );
    }

    #[test]
    fn reads_link_attributes_and_applies_them_to_existing_ones() {
        let json = r#"{"rel": "nofollow", "newTab": true}"#;
        let input = LinkOptionsInput::from_value(&crate::wire::json_text::parse(json).unwrap());
        let options = LinkOptions::try_from(input.unwrap()).unwrap();
        assert_eq!(
            options.rel_for(Some("me")).as_deref(),
            Some("me sponsored noopener nofollow")
        );
        assert_eq!(options.rel_for(Some("nofollow noopener sponsored")), None);
        assert_eq!(options.target_for(None), Some("_blank"));
        assert_eq!(options.target_for(Some("_self")), None);
        assert_eq!(LinkOptions::new().target_for(None), None);
    }
}
