//! The options bag as JSON, read for the wasm binding and turned into [`LinkOptions`].

use crate::support::prelude::*;

use super::{
    ExistingTagPolicy, LinkOptions, LinkOptionsError, Localise, LocaliseMode, LocaliseTarget,
    NoisePolicy, PathPolicy,
};
use crate::wire::json_text::Json;
use crate::wire::read_value::{read_object, Fields, KeyMap, ShapeError};
use crate::{Asin, Marketplace, Tag};

/// Whether this build reads the whole bag. Visitors' modules (neither `admin` nor `rewrite`) read
/// only what the loader sends them: `tags`, `existingTag`, `noise`, `rel`, `newTab` and
/// `localise.to`/`mode`; `ownTags`, `path`, `localise.keywords` and `overrides` (the editor's
/// and the link audit's) are ignored there, which keeps their readers out of those modules.
const WHOLE_BAG: bool = cfg!(any(feature = "admin", feature = "rewrite"));

/// The options bag as JSON (camelCase), e.g. from the wasm binding:
/// `{"tags": {"www.amazon.de": "shelftest-21"}, "ownTags": [], "existingTag": "reportOnly",
/// "noise": "strip", "path": "canonical", "localise": {"to": "www.amazon.de", "mode": "exact",
/// "keywords": "", "overrides": {"B0…": {"asin": "B0…"} | {"search": "…"} | "keep"}},
/// "rel": "nofollow", "newTab": true, "shortLinks": {"https://amzn.to/…": "https://www.amazon.com/…"}}`
/// (`shortLinks` only with feature `rewrite`).
/// `mode` is `"exact"` or `"search"`; missing fields take the defaults.
#[derive(Debug, Clone, Default)]
pub(crate) struct LinkOptionsInput {
    /// Marketplace host → tag.
    pub tags: KeyMap<String>,
    /// Further tracking IDs of the site.
    pub own_tags: Vec<String>,
    /// Existing-tag policy.
    pub existing_tag: ExistingTagPolicy,
    /// Noise policy.
    pub noise: NoisePolicy,
    /// Path policy.
    pub path: PathPolicy,
    /// Localisation, if any.
    pub localise: Option<LocaliseInput>,
    /// Extra `rel` tokens.
    pub rel: String,
    /// Whether Amazon links open in a new tab.
    pub new_tab: bool,
    /// Resolved short links: short href → long URL.
    #[cfg(feature = "rewrite")]
    pub short_links: KeyMap<String>,
}

/// The `localise` member of [`LinkOptionsInput`].
#[derive(Debug, Clone)]
pub(crate) struct LocaliseInput {
    /// Target marketplace host.
    pub to: String,
    /// `"exact"` (default) or `"search"`.
    pub mode: LocaliseModeInput,
    /// Keywords for the search mode.
    pub keywords: String,
    /// ASIN → exception.
    pub overrides: KeyMap<LocaliseTargetInput>,
}

/// The localisation mode as JSON.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub(crate) enum LocaliseModeInput {
    /// [`LocaliseMode::Exact`].
    #[default]
    Exact,
    /// [`LocaliseMode::Search`].
    Search,
}

/// A per-ASIN exception as JSON.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub(crate) enum LocaliseTargetInput {
    /// Another ASIN on the target store.
    Asin(String),
    /// Search keywords.
    Search(String),
    /// Do not localise.
    Keep,
}

impl LinkOptionsInput {
    /// Reads the options bag; missing or `null` fields take the defaults, while an unknown
    /// policy word or a field of the wrong kind is an error.
    pub(crate) fn from_value(value: &Json) -> Result<LinkOptionsInput, ShapeError> {
        read_object(value, "the link options", |f| {
            let localise = f.opt_object("localise");
            LinkOptionsInput {
                tags: f.text_map("tags"),
                own_tags: if WHOLE_BAG {
                    f.texts("ownTags")
                } else {
                    Vec::new()
                },
                existing_tag: match f.choice(
                    "existingTag",
                    &["keep", "replace", "reportOnly", "report"],
                    "keep, replace, reportOnly",
                ) {
                    Some(0) => ExistingTagPolicy::Keep,
                    Some(1) => ExistingTagPolicy::Replace,
                    _ => ExistingTagPolicy::ReportOnly,
                },
                noise: match f.choice("noise", &["keep", "strip"], "keep, strip") {
                    Some(1) => NoisePolicy::Strip,
                    _ => NoisePolicy::Keep,
                },
                path: match WHOLE_BAG
                    .then(|| f.choice("path", &["keep", "canonical"], "keep, canonical"))
                {
                    Some(Some(1)) => PathPolicy::Canonical,
                    _ => PathPolicy::Keep,
                },
                localise: localise.map(LocaliseInput::read),
                rel: f.text_or("rel", ""),
                new_tab: f.boolean("newTab"),
                #[cfg(feature = "rewrite")]
                short_links: f.text_map("shortLinks"),
            }
        })
    }
}

impl LocaliseInput {
    fn read(f: Fields<'_>) -> LocaliseInput {
        let mut overrides = KeyMap::new();
        if WHOLE_BAG {
            for (asin, target) in f.entries("overrides") {
                overrides.insert(asin.clone(), LocaliseTargetInput::read(f, target));
            }
        }
        LocaliseInput {
            to: f.required_text("to"),
            mode: match f.choice("mode", &["exact", "search"], "exact, search") {
                Some(1) => LocaliseModeInput::Search,
                _ => LocaliseModeInput::Exact,
            },
            keywords: if WHOLE_BAG {
                f.text_or("keywords", "")
            } else {
                String::new()
            },
            overrides,
        }
    }
}

impl LocaliseTargetInput {
    /// `{"asin": "…"}`, `{"search": "…"}` or `"keep"`, an entry of `f`'s `overrides`.
    fn read(f: Fields<'_>, value: &Json) -> LocaliseTargetInput {
        let wrong = ShapeError::Wrong {
            field: "overrides",
            expected: crate::wire::read_value::Expected::OneOf(
                "{\"asin\": …}, {\"search\": …}, \"keep\"",
            ),
        };
        if value.as_str() == Some("keep") {
            return LocaliseTargetInput::Keep;
        }
        let target = f
            .within(Some(value))
            .map(|t| (t.text("asin"), t.text("search")));
        match target {
            Some((Some(asin), None)) => LocaliseTargetInput::Asin(asin),
            Some((None, Some(keywords))) => LocaliseTargetInput::Search(keywords),
            _ => {
                f.fail(wrong);
                LocaliseTargetInput::Keep
            }
        }
    }
}

fn market(host: &str) -> Result<&'static Marketplace, LinkOptionsError> {
    Marketplace::by_host(host).ok_or_else(|| LinkOptionsError::UnknownMarketplace(host.to_owned()))
}

fn tag(t: &str) -> Result<Tag, LinkOptionsError> {
    Tag::parse(t).map_err(|error| LinkOptionsError::InvalidTag {
        tag: t.to_owned(),
        error,
    })
}

fn asin(a: &str) -> Result<Asin, LinkOptionsError> {
    Asin::parse(a).map_err(|_| LinkOptionsError::InvalidAsin(a.to_owned()))
}

impl TryFrom<LinkOptionsInput> for LinkOptions {
    type Error = LinkOptionsError;

    fn try_from(input: LinkOptionsInput) -> Result<LinkOptions, LinkOptionsError> {
        let mut options = LinkOptions {
            existing_tag: input.existing_tag,
            noise: input.noise,
            path: input.path,
            rel: input.rel,
            new_tab: input.new_tab,
            #[cfg(feature = "rewrite")]
            short_links: input.short_links,
            ..LinkOptions::default()
        };
        for (host, t) in input.tags.iter() {
            options.set_tag(market(host)?, tag(t)?);
        }
        for t in &input.own_tags {
            options.add_own_tag(tag(t)?);
        }
        if let Some(l) = input.localise {
            let mode = match l.mode {
                LocaliseModeInput::Exact => LocaliseMode::Exact,
                LocaliseModeInput::Search => LocaliseMode::Search {
                    keywords: l.keywords,
                },
            };
            let mut localise = Localise::to(market(&l.to)?).mode(mode);
            for (a, target) in l.overrides {
                let target = match target {
                    LocaliseTargetInput::Asin(b) => LocaliseTarget::Asin(asin(&b)?),
                    LocaliseTargetInput::Search(k) => LocaliseTarget::Search(k),
                    LocaliseTargetInput::Keep => LocaliseTarget::Keep,
                };
                localise.set_override(asin(&a)?, target);
            }
            options.localise = Some(localise);
        }
        Ok(options)
    }
}
