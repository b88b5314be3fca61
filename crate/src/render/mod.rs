//! Rendering placements to HTML: product boxes, comparison tables, lists, links and fields.
//!
//! # Input
//!
//! The WordPress shell sends one JSON object per placement (camelCase keys; every key except
//! `kind` and `marketplace` may be left out):
//!
//! ```json
//! {
//!   "kind": "box",                      // box | table | list | link | imageLink | field
//!   "marketplace": "www.amazon.com",    // the placement's store host
//!   "tag": "shelftest-20",              // tracking tag; empty = untagged
//!   "localise": "exact",                // set when rendered for the visitor's store (below)
//!   "now": 1795507200,                  // the visitor's clock, Unix seconds
//!   "lifetime": 86400,                  // the site's data lifetime, seconds (≤ 24 h)
//!   "records": [
//!     { "asin": "B0SHLFK001", "item": { /* raw Creators API item */ }, "fetchedAt": 1795500000,
//!       "asOf": "November 24, 2026 6:00 am", "status": "ok" },  // asOf: the site's wp_date()
//!     { "asin": "B0SHLFX404", "item": null, "fetchedAt": 0, "status": "unavailable" },
//!     { "manual": { "title": "…", "imageUrl": "…", "imageWidth": 400, "imageHeight": 300,
//!                   "features": ["…"], "rating": 4.5, "prime": true, "buttonUrl": "…", "buttonText": "…",
//!                   "asin": "…" } }
//!   ],
//!   "options": { /* see Options */ },
//!   "wording": { /* see Wording: every visible fixed text, editable per locale */ },
//!   "site": { "hosts": ["example.com"], "unfilteredHtml": false,
//!             "imageOrigins": ["http://127.0.0.1:41234"] }   // local demos only, see Site
//! }
//! ```
//!
//! # Output
//!
//! [`Rendered`]: the HTML, a list of problems for the site owner (never shown to visitors),
//! whether the HTML holds Amazon links (then the page needs the disclosure, whose markup the
//! server provides), and the ASINs whose data is older than the
//! lifetime (`refetch`: a page cache served old HTML; the server may have fresher records).
//!
//! # Errors render as documented
//!
//! - A record whose item is `null`, whose `status` is `unavailable`, or that cannot be read
//!   renders as a plain tagged `/dp/ASIN` link whose text is the author's title override or the
//!   "view" wording; its problem is listed in `errors`. Without a valid ASIN it renders nothing.
//! - The placement's `tag` is on every Amazon link it renders, `detailPageURL` included (its
//!   other attribution parameters stay as Amazon sent them).
//! - A placement rendered for the visitor's store instead of the page's (`localise`: `exact` or
//!   `search`, the site's localisation mode) gets that store's records, host and tag. A product
//!   the store has no record of shows no price, availability or stamp, only the call to action
//!   "See price on Amazon" (like a `violatesMAP` price), linking to the same ASIN on that store
//!   (`exact`) or to a search for it there (`search`).
//! - A manual record that fails validation renders nothing; its problem is listed.
//! - Unreadable `options` fall back to the defaults, with a problem listed.
//! - An unknown marketplace, a bad tag or an unreadable input renders nothing (empty `html`),
//!   so the loader keeps the server's fallback links.

use crate::support::prelude::*;

use crate::support::message::{display_via_message, push_all, Message};

mod fields;
mod links;
mod list;
mod options;
mod order;
mod parts;
mod product_box;
mod table;

pub use options::{
    FieldKind, LabelColumn, Layout, LinkTarget, Options, OrderBy, ProductOverride, RowKind,
    SortOrder, Style, TableRow, Wording,
};

use crate::product::manual::ManualProduct;
use crate::product::model::{Product, ProductRecord, RecordError};
use crate::wire::json_text::Json;
use crate::wire::read_value::{read_object, Expected, ShapeError};
use crate::{Asin, Marketplace, Tag};
use serde::Serialize;

/// Which renderer a placement uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// Product box (`[amazon box=…]`).
    Box,
    /// Comparison table, products as columns.
    Table,
    /// Ranked list (bestsellers, new releases).
    List,
    /// Text link.
    Link,
    /// Image link.
    ImageLink,
    /// One field of one product.
    Field,
}

/// The site facts a renderer needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Site {
    /// The site's own hosts: manual products' images must be https URLs on one of them.
    pub hosts: Vec<String>,
    /// Whether the author of the placement has WordPress's `unfiltered_html` capability.
    pub unfiltered_html: HtmlPermission,
    /// Origins (`http://127.0.0.1:41234`) whose image URLs pass besides Amazon's image host: a
    /// developer setting for local demos (`SHELF_DEV_IMAGE_ORIGINS`), empty in production.
    pub image_origins: Vec<String>,
}

/// Whether custom-HTML table rows are allowed for this placement's author.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum HtmlPermission {
    /// The author lacks `unfiltered_html`: custom HTML is rejected.
    #[default]
    Denied,
    /// The author has `unfiltered_html`: custom HTML passes the allowlist sanitiser.
    Allowed,
}

impl From<bool> for HtmlPermission {
    fn from(allowed: bool) -> Self {
        if allowed {
            HtmlPermission::Allowed
        } else {
            HtmlPermission::Denied
        }
    }
}

/// How a placement rendered for the visitor's store, not the page's, links the products that
/// store has no record of: the site's localisation mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Localised {
    /// The same ASIN on the visitor's store.
    Exact,
    /// A search for the ASIN on the visitor's store.
    Search,
}

/// One placement to render. See the module documentation for the JSON form.
#[derive(Debug, Clone)]
pub struct RenderInput {
    /// The renderer.
    pub kind: Kind,
    /// The store host, e.g. `www.amazon.de`.
    pub marketplace: String,
    /// The tracking tag; empty means untagged.
    pub tag: String,
    /// Set when the placement is rendered for the visitor's store instead of the page's.
    pub localise: Option<Localised>,
    /// The current time, Unix seconds.
    pub now: i64,
    /// How old data may be before the page should ask for fresher records, seconds; at most
    /// [`MAX_DATA_AGE_SECS`](crate::MAX_DATA_AGE_SECS), which is also the default.
    pub lifetime: i64,
    /// The records, read one by one so that one bad record does not spoil the others.
    pub(crate) records: Vec<Json>,
    /// The renderer's options (see [`Options`]), read leniently.
    pub(crate) options: Json,
    /// Visible fixed texts.
    pub wording: Wording,
    /// Site facts.
    pub site: Site,
}

impl RenderInput {
    /// Reads a placement object (see the module documentation). The records and options move
    /// out of `value`, so the items are not copied. Missing or `null` fields other than `kind`
    /// and `marketplace` take their defaults; a field of the wrong kind makes the placement
    /// unreadable.
    pub(crate) fn from_value(mut value: Json) -> Result<RenderInput, RenderError> {
        let (records, options) = match &mut value {
            Json::Object(members) => (take(members, "records"), take(members, "options")),
            _ => (None, None),
        };
        read_input(&value, records, options).map_err(|e| RenderError::Unreadable(e.message()))
    }

    /// Parses a placement from JSON text (see [`RenderInput::from_value`]).
    pub fn from_json(json: &str) -> Result<RenderInput, RenderError> {
        let value = crate::wire::json_text::parse(json)
            .map_err(|e| RenderError::Unreadable(e.message()))?;
        RenderInput::from_value(value)
    }
}

/// Moves out the member `get` would read (the last of a repeated key), leaving `null` in its
/// place (cheaper than removing it); nothing reads these members from the placement again.
fn take(members: &mut [(String, Json)], key: &str) -> Option<Json> {
    let (_, value) = members.iter_mut().rev().find(|(k, _)| k == key)?;
    Some(core::mem::replace(value, Json::Null))
}

fn read_input(
    value: &Json,
    records: Option<Json>,
    options: Option<Json>,
) -> Result<RenderInput, ShapeError> {
    read_object(value, "the placement", |f| {
        let kind = match f.choice(
            "kind",
            &["box", "table", "list", "link", "imageLink", "field"],
            "box, table, list, link, imageLink, field",
        ) {
            Some(0) => Kind::Box,
            Some(1) => Kind::Table,
            Some(2) => Kind::List,
            Some(3) => Kind::Link,
            Some(4) => Kind::ImageLink,
            Some(_) => Kind::Field,
            None => {
                // Of the wrong kind, `choice` recorded that first.
                f.fail(ShapeError::Missing("kind"));
                Kind::Box
            }
        };
        let records = match records {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Array(records)) => records,
            Some(_) => {
                f.fail(ShapeError::Wrong {
                    field: "records",
                    expected: Expected::List,
                });
                Vec::new()
            }
        };
        let site = f.object("site");
        RenderInput {
            kind,
            marketplace: f.required_text("marketplace"),
            tag: f.text_or("tag", ""),
            localise: match f.choice("localise", &["exact", "search"], "exact, search") {
                Some(0) => Some(Localised::Exact),
                Some(_) => Some(Localised::Search),
                None => None,
            },
            now: f.integer("now").unwrap_or(0),
            lifetime: f
                .integer("lifetime")
                .filter(|l| (1..=crate::MAX_DATA_AGE_SECS).contains(l))
                .unwrap_or(crate::MAX_DATA_AGE_SECS),
            records,
            options: options.unwrap_or(Json::Null),
            wording: Wording::read(f.object("wording")),
            site: Site {
                hosts: site.texts("hosts"),
                unfiltered_html: site.boolean("unfilteredHtml").into(),
                image_origins: site.texts("imageOrigins"),
            },
        }
    })
}

/// A problem the site owner should know about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderIssue {
    /// The index of the record concerned, if any.
    pub record: Option<usize>,
    /// A readable message.
    pub message: String,
}

/// The result of a render.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rendered {
    /// The HTML; empty when nothing could be rendered.
    pub html: String,
    /// Problems, for the admin; never shown to visitors.
    pub errors: Vec<RenderIssue>,
    /// Whether the HTML links to Amazon (the page then needs the disclosure).
    pub amazon_links: bool,
    /// ASINs whose data is older than the lifetime: worth fetching again.
    pub refetch: Vec<String>,
}

/// Why a placement could not be rendered at all.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenderError {
    /// The input is not a placement object; the text says why.
    Unreadable(String),
    /// The marketplace host is not one of Amazon's stores.
    UnknownMarketplace,
    /// The tracking tag is not valid.
    InvalidTag(crate::errors::TagError),
}

impl Message for RenderError {
    fn write_message(&self, out: &mut String) {
        match self {
            RenderError::Unreadable(why) => {
                push_all(out, &["the placement data could not be read: ", why]);
            }
            RenderError::UnknownMarketplace => {
                out.push_str("the marketplace is not an Amazon store");
            }
            RenderError::InvalidTag(e) => {
                out.push_str("the tracking tag is not valid: ");
                e.write_message(out);
            }
        }
    }
}

display_via_message!(RenderError);

impl core::error::Error for RenderError {}

/// One record after reading.
pub(crate) enum Entry {
    Amazon(Box<ProductRecord>),
    Manual(ManualProduct),
    /// No usable data: a plain tagged link.
    Fallback(Asin),
}

impl Entry {
    /// The key for per-product overrides.
    pub(crate) fn id(&self) -> &str {
        match self {
            Entry::Amazon(r) => r.product.asin.as_str(),
            Entry::Manual(m) => &m.id,
            Entry::Fallback(a) => a.as_str(),
        }
    }
}

/// Everything the renderers share for one placement.
pub(crate) struct Ctx<'a> {
    pub market: &'static Marketplace,
    pub tag: Option<Tag>,
    pub localise: Option<Localised>,
    pub now: i64,
    pub wording: &'a Wording,
    pub site: &'a Site,
    pub options: Options,
    pub rel: String,
    pub amazon_links: core::cell::Cell<bool>,
    // A `Cell`, not a `RefCell`: nothing borrows the list, so no borrow flag or its panics.
    pub issues: core::cell::Cell<Vec<RenderIssue>>,
}

impl Ctx<'_> {
    pub(crate) fn issue(&self, record: Option<usize>, message: String) {
        let mut issues = self.issues.take();
        issues.push(RenderIssue { record, message });
        self.issues.set(issues);
    }
}

fn read_record(value: &Json) -> Result<Entry, (Option<Asin>, RecordError)> {
    // Read by hand rather than through a derived struct: the item is borrowed, not copied.
    if value.as_object().is_none() {
        return Err((
            None,
            RecordError::Unreadable("a record must be an object".into()),
        ));
    }
    let field = |k: &str| value.get(k).filter(|v| !v.is_null());
    if let Some(manual) = field("manual") {
        return ManualProduct::from_value(manual)
            .map(Entry::Manual)
            .map_err(|e| (None, e));
    }
    let asin_text = field("asin").and_then(Json::as_str).unwrap_or_default();
    let asin = match Asin::parse(asin_text) {
        Ok(a) => Some(a),
        Err(e) => return Err((None, RecordError::InvalidAsin(e.message()))),
    };
    let unavailable = |asin: Option<Asin>, code: String| {
        let a = asin
            .as_ref()
            .map(|a| a.as_str().to_owned())
            .unwrap_or_default();
        (asin, RecordError::Unavailable { asin: a, code })
    };
    // The server's status word; keep only its letters so nothing odd is echoed.
    let status: String = field("status")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect();
    match field("item") {
        Some(_) if status == "unavailable" => Err(unavailable(asin, status)),
        None => Err(unavailable(asin, status)),
        Some(item) => {
            let product = Product::from_item(item).map_err(|e| (asin.clone(), e))?;
            if asin.as_ref().is_some_and(|a| *a != product.asin) {
                return Err((
                    asin,
                    RecordError::Unreadable("the item belongs to another ASIN".into()),
                ));
            }
            Ok(Entry::Amazon(Box::new(ProductRecord {
                product,
                fetched_at: field("fetchedAt")
                    .and_then(Json::as_i64)
                    .unwrap_or(i64::MIN),
                as_of: field("asOf")
                    .and_then(Json::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            })))
        }
    }
}

/// Renders one placement.
pub fn render(input: &RenderInput) -> Rendered {
    try_render(input).unwrap_or_else(failed)
}

/// Parses a placement from JSON text and renders it.
pub fn render_json(json: &str) -> Rendered {
    RenderInput::from_json(json).map_or_else(failed, |input| render(&input))
}

/// Nothing rendered, with why; one function for both ways of failing.
fn failed(e: RenderError) -> Rendered {
    Rendered {
        errors: vec![RenderIssue {
            record: None,
            message: e.message(),
        }],
        ..Rendered::default()
    }
}

fn try_render(input: &RenderInput) -> Result<Rendered, RenderError> {
    let market = Marketplace::by_host(&input.marketplace).ok_or(RenderError::UnknownMarketplace)?;
    let tag = match input.tag.trim_ascii() {
        "" => None,
        t => Some(Tag::parse(t).map_err(RenderError::InvalidTag)?),
    };
    let mut issues = Vec::new();
    // Missing (`null`) options read as the defaults.
    let options = Options::from_value(&input.options).unwrap_or_else(|e| {
        issues.push(RenderIssue {
            record: None,
            message: {
                let mut m = String::from("the options could not be read, defaults were used: ");
                e.write_message(&mut m);
                m
            },
        });
        Options::default()
    });
    let ctx = Ctx {
        market,
        tag,
        localise: input.localise,
        now: input.now,
        wording: &input.wording,
        site: &input.site,
        rel: crate::product::compliance::rel_value(&options.rel),
        options,
        amazon_links: core::cell::Cell::new(false),
        issues: core::cell::Cell::new(issues),
    };
    let mut entries = Vec::with_capacity(input.records.len());
    let mut refetch = Vec::new();
    for (i, value) in input.records.iter().enumerate() {
        match read_record(value) {
            Ok(Entry::Amazon(r)) => {
                if input.now.saturating_sub(r.fetched_at) > input.lifetime {
                    refetch.push(r.product.asin.as_str().to_owned());
                }
                entries.push((i, Entry::Amazon(r)));
            }
            Ok(Entry::Manual(mut m)) => {
                let off_site = m.image.as_ref().is_some_and(|img| {
                    crate::product::compliance::site_image_url(
                        &img.url,
                        &ctx.site.hosts,
                        &ctx.site.image_origins,
                    )
                    .is_none()
                });
                if off_site {
                    ctx.issue(
                        Some(i),
                        "the manual image was skipped: it must be an https URL on this site".into(),
                    );
                    m.image = None;
                }
                entries.push((i, Entry::Manual(m)));
            }
            Ok(entry) => entries.push((i, entry)),
            Err((asin, e)) => {
                ctx.issue(Some(i), e.message());
                if let Some(asin) = asin {
                    entries.push((i, Entry::Fallback(asin)));
                }
            }
        }
    }
    order::sort(&ctx, &mut entries);
    let html = match input.kind {
        Kind::Box => product_box::render_box(&ctx, &entries),
        Kind::Table => table::render_table(&ctx, &entries),
        Kind::List => list::render_list(&ctx, &entries),
        Kind::Link => links::render_link(&ctx, &entries),
        Kind::ImageLink => links::render_image_link(&ctx, &entries),
        Kind::Field => fields::render_field(&ctx, &entries),
    };
    Ok(Rendered {
        html,
        amazon_links: ctx.amazon_links.get(),
        errors: ctx.issues.into_inner(),
        refetch,
    })
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn reads_a_placement_with_null_fields_as_defaults() {
        let input = RenderInput::from_value(json!({"kind": "imageLink",
            "marketplace": "www.amazon.de", "tag": null, "now": 5, "records": [{"asin": "x"}],
            "wording": {"buy": "Kaufen", "view": null},
            "site": {"hosts": ["example.com"], "unfilteredHtml": true}}))
        .unwrap();
        assert_eq!(input.kind, Kind::ImageLink);
        assert_eq!(
            (input.tag.as_str(), input.now, input.records.len()),
            ("", 5, 1)
        );
        assert_eq!(
            (input.wording.buy.as_str(), input.wording.view.as_str()),
            ("Kaufen", "View on Amazon")
        );
        assert_eq!(input.site.unfiltered_html, HtmlPermission::Allowed);
    }

    #[test]
    fn names_the_field_of_an_unreadable_placement() {
        let message = |v: Json| RenderInput::from_value(v).unwrap_err().to_string();
        assert_eq!(
            message(json!({"marketplace": "www.amazon.com"})),
            "the placement data could not be read: kind is missing"
        );
        assert_eq!(
            message(json!({"kind": "carousel", "marketplace": "www.amazon.com"})),
            "the placement data could not be read: kind must be one of: \
             box, table, list, link, imageLink, field"
        );
        assert_eq!(
            message(json!({"kind": "box", "marketplace": "www.amazon.com", "records": {}})),
            "the placement data could not be read: records must be a list"
        );
        assert_eq!(
            message(json!({"kind": "box", "marketplace": "www.amazon.com", "now": "1h"})),
            "the placement data could not be read: now must be a whole number in range"
        );
        assert_eq!(
            message(json!([])),
            "the placement data could not be read: the placement must be an object"
        );
    }

    #[test]
    fn renders_dev_origin_images_only_when_site_image_origins_names_the_origin() {
        let url = "http://127.0.0.1:41234/images/I/41ShfKtl01L._SL500_.jpg";
        let render = |site: serde_json::Value| {
            render_json(
                &serde_json::json!({"kind": "box", "marketplace": "www.amazon.com",
                    "now": 1_795_507_200, "site": site,
                    "records": [{"asin": "B0SHLFK001", "fetchedAt": 1_795_500_000, "status": "ok",
                        "item": {"asin": "B0SHLFK001", "itemInfo": {"title": {"displayValue": "K"}},
                            "images": {"primary": {"large": {"url": url, "width": 400, "height": 500}}}}}]})
                .to_string(),
            )
            .html
        };
        let src = "src=\"http://127.0.0.1:41234/images/I/41ShfKtl01L._SL500_.jpg\"";
        let shown = render(serde_json::json!({"imageOrigins": ["http://127.0.0.1:41234"]}));
        assert!(shown.contains(src), "{shown}");
        for site in [
            serde_json::json!({}),
            serde_json::json!({"hosts": ["127.0.0.1"]}),
            serde_json::json!({"imageOrigins": ["http://127.0.0.1:4123"]}),
        ] {
            let html = render(site.clone());
            assert!(!html.contains("<img"), "{site}: {html}");
        }
    }

    #[test]
    fn unreadable_options_fall_back_to_defaults_with_a_problem() {
        let r = render_json(
            &serde_json::json!({"kind": "box", "marketplace": "www.amazon.com",
                "records": [{"asin": "B0SHLFK001"}], "options": {"bullets": "3"}})
            .to_string(),
        );
        assert!(r.html.contains("/dp/B0SHLFK001"), "{}", r.html);
        assert!(r.errors.iter().any(|e| e.message
            == "the options could not be read, defaults were used: bullets must be a whole number in range"));
    }
}
