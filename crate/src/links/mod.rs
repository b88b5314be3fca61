//! Amazon links: parsing URLs as browsers do, recognising Amazon's link forms, tagging,
//! cleaning and localising them, and the visitor's store.

pub(crate) mod country;
pub(crate) mod link;
pub(crate) mod link_options;
pub(crate) mod link_report;
pub(crate) mod recognize;
pub(crate) mod url;
pub(crate) mod view_time;
pub(crate) mod visitor;
