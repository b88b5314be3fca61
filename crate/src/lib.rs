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
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod asin;
mod charref;
mod charref_table;
mod escape;
#[allow(dead_code)] // Until rewrite_links is wired to the link decision (same issue).
mod html_tokenizer;
mod link;
mod marketplace;
#[allow(dead_code)] // Until rewrite_links is wired to the link decision (same issue).
mod rewrite;
mod tag;
mod text_link;
#[cfg(target_arch = "wasm32")]
mod wasm;
// --- links ---
mod country;
mod link_options;
mod recognize;
mod url;
mod visitor;

pub use asin::Asin;
pub use charref::decode_attribute;
pub use country::nearest_marketplace;
pub use link::{process_href, product_link, search_link, LinkOutcome, SkipReason};
pub use link_options::{
    ExistingTagPolicy, LinkOptions, LinkOptionsInput, Localise, LocaliseInput, LocaliseMode,
    LocaliseModeInput, LocaliseTarget, LocaliseTargetInput, NoisePolicy, PathPolicy,
};
pub use marketplace::{Marketplace, Region, MARKETPLACES, UNSUPPORTED_STORE_DOMAINS};
pub use recognize::{amazon_store_url, recognize, AmazonLink, StorePage, SHORT_LINK_HOSTS};
pub use tag::{Tag, TagWarning};
pub use text_link::{render_text_link, TextLinkInput};
pub use url::WebUrl;
pub use visitor::visitor_marketplace;

/// Every error type of the crate.
pub mod errors {
    pub use crate::asin::AsinError;
    pub use crate::link_options::LinkOptionsError;
    pub use crate::tag::TagError;
    pub use crate::text_link::TextLinkError;
    pub use crate::url::UrlError;
}
