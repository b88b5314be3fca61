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

pub use asin::Asin;
pub use charref::decode_attribute;
pub use link::product_link;
pub use marketplace::{Marketplace, Region, MARKETPLACES};
pub use tag::{Tag, TagWarning};
pub use text_link::{render_text_link, TextLinkInput};

/// Every error type of the crate.
pub mod errors {
    pub use crate::asin::AsinError;
    pub use crate::tag::TagError;
    pub use crate::text_link::TextLinkError;
}
