//! HTML: escaping for text and attributes, the allowlist sanitiser for custom-HTML table rows,
//! and (feature `rewrite`, for the editor and the link audit, never visitors) rewriting the
//! links of an HTML fragment with its own tokenizer and character references.

pub(crate) mod escape;
#[cfg(feature = "rewrite")]
pub(crate) mod rewrite;
pub(crate) mod sanitize;
