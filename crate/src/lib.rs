//! Shelf's core: everything the WordPress plugin decides about Amazon, as pure functions.
//!
//! No I/O, no clock, no global state: the current time and the site's settings are inputs.
//! The same code runs in the browser, in Node and (later) at a CDN edge.
//!
//! ```
//! use shelf_core::{product_link, Asin, Marketplace, Tag};
//! let market = Marketplace::by_host("www.amazon.com").unwrap();
//! let asin = Asin::parse("B0SHLFK001").unwrap();
//! let tag = Tag::parse("shelftest-20").unwrap();
//! assert_eq!(
//!     product_link(market, &asin, Some(&tag)),
//!     "https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20"
//! );
//! ```
#![cfg_attr(feature = "lean", no_std)]
// `deny`, not `forbid`: the lean runtime's allocator is the one module allowed `unsafe`.
#![deny(unsafe_code)]
#![deny(missing_docs)]
// The size dialect of the shipped module (clippy.toml), and no `str` slicing: its panic path
// links core's char formatter (about 5 KB); `str::get` instead.
#![cfg_attr(
    feature = "lean",
    deny(
        clippy::disallowed_macros,
        clippy::disallowed_methods,
        clippy::disallowed_types,
        clippy::string_slice
    )
)]

extern crate alloc;

/// `serde_json::json!` as a [`Json`] value, for the unit tests.
#[cfg(test)]
macro_rules! json {
    ($($json:tt)+) => {
        $crate::wire::json_text::Json::from(serde_json::json!($($json)+))
    };
}

// Identity types every part shares.
mod asin;
mod marketplace;
mod tag;
// Amazon links: URLs, recognition, tagging, localisation.
mod links;
// HTML: escaping, the custom-HTML sanitiser, and (feature `rewrite`) link rewriting.
mod html;
// Products: the model, manual data, money, dates, the compliance rules, the disclosure.
mod product;
// Rendering placements.
mod render;
// JSON in and out: the wire formats of the wasm boundary.
mod wire;
// Small helpers and the lean runtime.
mod support;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use asin::Asin;
#[cfg(feature = "rewrite")]
pub use html::rewrite::charref::decode_attribute;
#[cfg(feature = "rewrite")]
pub use html::rewrite::{
    rewrite_links, LinkElement, LinkReport, Rewrite, RewriteReport, Unchanged, MAX_HTML_BYTES,
};
pub use links::country::nearest_marketplace;
pub use links::link::{process_href, product_link, search_link, LinkOutcome, SkipReason};
pub use links::link_options::{
    ExistingTagPolicy, LinkOptions, Localise, LocaliseMode, LocaliseTarget, NoisePolicy, PathPolicy,
};
pub use links::link_report::{LinkResult, Untouched};
pub use links::recognize::{amazon_store_url, recognize, AmazonLink, StorePage, SHORT_LINK_HOSTS};
pub use links::url::WebUrl;
pub use links::view_time::{view_time_change, LinkChange};
pub use links::visitor::visitor_marketplace;
pub use marketplace::{Marketplace, Region, MARKETPLACES, UNSUPPORTED_STORE_DOMAINS};
pub use tag::{Tag, TagWarning};
// --- products ---
pub use html::sanitize::sanitize_html;
pub use product::compliance::{
    amazon_image, decide, freshness, merged_rel, rel_value, CheckedImage, Decision, Freshness,
    PriceDecision, ShownPrice, AMAZON_IMAGE_HOSTS, MAX_DATA_AGE_SECS, REQUIRED_REL,
};
pub use product::disclosure::default_disclosure;
pub use product::manual::{ManualImage, ManualProduct};
pub use product::model::{
    parse_items_response_json, Availability, Image, ImageSet, ImageSize, ItemsResponse, Offer,
    Product, ProductRecord, Reviews, SavingBasis, Savings,
};
pub use product::money::{Decimal, Money};
pub use render::{
    render, render_json, FieldKind, HtmlPermission, Kind, LabelColumn, Layout, LinkTarget,
    Localised, Options, OrderBy, ProductOverride, RenderInput, RenderIssue, Rendered, RowKind,
    Site, SortOrder, Style, TableRow, Wording,
};

/// Checks the cargo-fuzz targets (crate/fuzz) run on crate internals.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::wire::json_text::agrees_with_serde_json;
}

/// Every error type of the crate.
pub mod errors {
    pub use crate::asin::AsinError;
    // --- products ---
    pub use crate::links::link_options::LinkOptionsError;
    pub use crate::links::url::UrlError;
    pub use crate::product::model::RecordError;
    pub use crate::render::RenderError;
    pub use crate::tag::TagError;
    pub use crate::wire::read_value::{Expected, ShapeError};
}
