//! What happened to one link found in HTML: the link decision's outcome, or why the link was
//! not given to the decision. Shared by the HTML rewriter and the DOM mode of the binding.

use crate::LinkOutcome;
use core::fmt;
use serde::Serialize;

/// Why a link was found but not given to the link decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "untouched")]
#[non_exhaustive]
pub enum Untouched {
    /// Inside `<template>`: inert markup that scripts clone; it is not a link on the page.
    InTemplate,
    /// Inside `<svg>` or `<math>`, where `<a>` is not an HTML link.
    InForeignContent,
}

impl fmt::Display for Untouched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Untouched::InTemplate => "inside a <template>, which is not shown as it is",
            Untouched::InForeignContent => "inside an <svg> or <math> drawing",
        })
    }
}

/// What happened to one link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum LinkResult {
    /// The link decision ran ([`process_href`](crate::process_href)); in JSON its fields sit in the link's object.
    Decided(LinkOutcome),
    /// The link was not given to the decision; in JSON `{"untouched": "inTemplate"}`.
    Untouched(Untouched),
}
