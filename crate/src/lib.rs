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

extern crate alloc;

/// `serde_json::json!` as a [`Json`] value, for the unit tests.
#[cfg(test)]
macro_rules! json {
    ($($json:tt)+) => {
        $crate::Json::from(serde_json::json!($($json)+))
    };
}

#[cfg(all(feature = "lean", target_arch = "wasm32"))]
mod lean_runtime;
mod prelude;

mod asin;
#[cfg(feature = "rewrite")]
mod charref;
#[cfg(feature = "rewrite")]
mod charref_table;
mod digits;
mod escape;
mod float;
#[cfg(feature = "rewrite")]
mod html_tokenizer;
mod link;
mod link_report;
mod marketplace;
mod message;
#[cfg(feature = "rewrite")]
mod rewrite;
mod tag;
#[cfg(target_arch = "wasm32")]
mod wasm;
// --- links ---
mod country;
mod link_options;
mod recognize;
mod url;
mod visitor;
// --- products ---
mod compliance;
mod disclosure;
mod json_out;
mod json_text;
mod manual;
mod money;
mod php_date;
mod product;
mod read_value;
mod render;
mod sanitize;
mod substring;

pub use asin::Asin;
#[cfg(feature = "rewrite")]
pub use charref::decode_attribute;
pub use country::nearest_marketplace;
pub use link::{process_href, product_link, search_link, LinkOutcome, SkipReason};
pub use link_options::{
    ExistingTagPolicy, LinkOptions, LinkOptionsInput, Localise, LocaliseInput, LocaliseMode,
    LocaliseModeInput, LocaliseTarget, LocaliseTargetInput, NoisePolicy, PathPolicy,
};
pub use link_report::{LinkResult, Untouched};
pub use marketplace::{Marketplace, Region, MARKETPLACES, UNSUPPORTED_STORE_DOMAINS};
pub use recognize::{amazon_store_url, recognize, AmazonLink, StorePage, SHORT_LINK_HOSTS};
#[cfg(feature = "rewrite")]
pub use rewrite::{
    rewrite_links, LinkElement, LinkReport, Rewrite, RewriteReport, Unchanged, MAX_HTML_BYTES,
};
pub use tag::{Tag, TagWarning};
pub use url::WebUrl;
pub use visitor::visitor_marketplace;
// --- products ---
pub use compliance::{
    amazon_image, decide, freshness, rel_value, CheckedImage, Decision, Freshness, PriceDecision,
    ShownPrice, AMAZON_IMAGE_HOSTS, MAX_DATA_AGE_SECS, REQUIRED_REL,
};
pub use disclosure::{default_disclosure, disclosure_html};
pub use json_text::{Json, JsonNumber};
pub use manual::{ManualImage, ManualProduct};
pub use money::{Decimal, Money};
pub use php_date::{format_php_date, DateNames, TimeSettings};
pub use product::{
    parse_items_response, Availability, Image, ImageSet, ImageSize, ItemsResponse, Offer, Product,
    ProductRecord, Reviews, SavingBasis, Savings,
};
pub use read_value::KeyMap;
pub use render::{
    render, render_json, FieldKind, HtmlPermission, Kind, LabelColumn, Layout, LinkTarget, Options,
    ProductOverride, RenderInput, RenderIssue, Rendered, RowKind, Site, Style, TableRow, Wording,
};
pub use sanitize::sanitize_html;

/// Every error type of the crate.
pub mod errors {
    pub use crate::asin::AsinError;
    // --- products ---
    pub use crate::link_options::LinkOptionsError;
    pub use crate::product::RecordError;
    pub use crate::read_value::{Expected, ShapeError};
    pub use crate::render::RenderError;
    pub use crate::tag::TagError;
    pub use crate::url::UrlError;
}
