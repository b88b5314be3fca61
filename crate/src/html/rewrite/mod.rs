//! Rewriting the links of an HTML fragment: only `href` values of `<a>`/`<area>` change,
//! every other byte of the input is copied as it is.

use crate::support::prelude::*;

pub(crate) mod charref;
mod charref_table;
pub(crate) mod tokenizer;

use crate::html::escape;
use crate::html::rewrite::charref::decode_attribute;
use crate::html::rewrite::tokenizer::{Quote, Scope, Tokenizer};
use crate::links::link_report::{LinkResult, Untouched};
use crate::{process_href, LinkOptions};
use core::fmt;
use serde::Serialize;

/// Larger inputs are returned unchanged: a post is far smaller, and the work stays bounded.
pub const MAX_HTML_BYTES: usize = 8 * 1024 * 1024;

/// The element that carries a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum LinkElement {
    /// `<a href>`.
    A,
    /// `<area href>`.
    Area,
}

/// Why the whole input was returned unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "reason")]
#[non_exhaustive]
pub enum Unchanged {
    /// The input is larger than [`MAX_HTML_BYTES`].
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// Markup that browsers may read differently (raw-text elements inside `<select>`,
    /// MathML `<annotation-xml>`); rewriting it could change something else than a link.
    AmbiguousMarkup {
        /// Byte offset of the tag.
        offset: usize,
    },
}

impl fmt::Display for Unchanged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unchanged::TooLarge { limit } => write!(
                f,
                "the content is larger than {} MB, so its links were left unchanged",
                limit / (1024 * 1024)
            ),
            Unchanged::AmbiguousMarkup { offset } => write!(
                f,
                "the markup at byte {offset} can be read differently by different browsers, \
                 so the links were left unchanged"
            ),
        }
    }
}

/// One `<a href>` or `<area href>` found in the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LinkReport {
    /// Byte offset of the tag's `<` in the input.
    pub offset: usize,
    /// The element.
    pub element: LinkElement,
    /// The `href` as the browser reads it (character references decoded).
    pub href: String,
    /// Byte range of the attribute value in the input, quotes included; `None` for a bare
    /// `href` without `=`.
    pub value_span: Option<(usize, usize)>,
    /// The URL written in place of the old value, when the link changed.
    pub new_href: Option<String>,
    /// The decision, or why there was none.
    #[serde(flatten)]
    pub result: LinkResult,
}

/// Everything [`rewrite_links`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RewriteReport {
    /// Every link, in document order.
    pub links: Vec<LinkReport>,
    /// Set when the whole input was returned unchanged; `links` is then empty.
    pub unchanged: Option<Unchanged>,
}

/// The result of [`rewrite_links`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Rewrite {
    /// The rewritten HTML (the input itself when nothing changed).
    pub html: String,
    /// What was found and decided.
    pub report: RewriteReport,
}

/// Tags, cleans or localises the Amazon links of an HTML fragment (a post's content).
///
/// Each `href` of an `<a>`/`<area>` in ordinary content is decoded as a browser decodes it,
/// decided by [`process_href`], and — when the decision gives a new URL — written back
/// attribute-escaped in its original quotes (an unquoted value gets double quotes). Every other
/// byte is copied unchanged: comments, `<script>`, `<style>`, `<textarea>`, `<title>`, CDATA,
/// `<template>` content, SVG/MathML content, later duplicate `href`s, and a tag cut off by the
/// end of the input. The result is idempotent and costs one pass over the input.
///
/// # Warnings
/// Input larger than [`MAX_HTML_BYTES`], or markup that browsers may read differently, comes
/// back unchanged with [`RewriteReport::unchanged`] set. It never panics.
///
/// # Examples
/// ```
/// use shelf_core::{rewrite_links, LinkOptions, Marketplace, Tag};
/// let options = LinkOptions::new()
///     .tag(Marketplace::by_country("US").unwrap(), Tag::parse("shelftest-20").unwrap());
/// let html = r#"<p><a class=buy href="https://amazon.com/dp/B0SHLFK001?th=1&amp;psc=1">Buy</a>"#;
/// let result = rewrite_links(html, &options);
/// assert_eq!(
///     result.html,
///     r#"<p><a class=buy href="https://www.amazon.com/dp/B0SHLFK001?th=1&amp;psc=1&amp;tag=shelftest-20">Buy</a>"#
/// );
/// assert_eq!(result.report.links[0].offset, 3);
/// ```
pub fn rewrite_links(html: &str, options: &LinkOptions) -> Rewrite {
    let rewritten = rewrite_with(html, |href| {
        let outcome = process_href(href, options);
        HrefDecision {
            replacement: outcome.new_href().map(str::to_owned),
            outcome,
        }
    });
    let links = rewritten
        .links
        .into_iter()
        .map(|found| LinkReport {
            offset: found.offset,
            element: found.element,
            href: found.href,
            value_span: found.value_span,
            new_href: found.new_href,
            result: match found.outcome {
                Ok(outcome) => LinkResult::Decided(outcome),
                Err(untouched) => LinkResult::Untouched(untouched),
            },
        })
        .collect();
    Rewrite {
        html: rewritten.html,
        report: RewriteReport {
            links,
            unchanged: rewritten.unchanged,
        },
    }
}

/// The decision about one decoded `href`: what to report and, maybe, the new URL.
pub(crate) struct HrefDecision<O> {
    pub outcome: O,
    /// The new, serialised URL; `None` keeps the link as it is.
    pub replacement: Option<String>,
}

/// One link found by [`rewrite_with`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found<O> {
    pub offset: usize,
    pub element: LinkElement,
    pub href: String,
    pub value_span: Option<(usize, usize)>,
    pub new_href: Option<String>,
    /// `Ok` with the decision's outcome, or why the decision was not asked.
    pub outcome: Result<O, Untouched>,
}

/// The rewritten HTML and the links found, or the reason the input was kept as it is.
pub(crate) struct Rewritten<O> {
    pub html: String,
    pub links: Vec<Found<O>>,
    pub unchanged: Option<Unchanged>,
}

/// Rewrites the `href` of every `<a>`/`<area>` in ordinary HTML content with `decide`.
///
/// The decision sees the decoded value; a replacement is written back escaped, in the original
/// quotes (unquoted values get double quotes). Linear in the input: one pass, the output is
/// built once, and each link costs one decision.
pub(crate) fn rewrite_with<O>(
    html: &str,
    mut decide: impl FnMut(&str) -> HrefDecision<O>,
) -> Rewritten<O> {
    let unchanged = |reason| Rewritten {
        html: html.to_owned(),
        links: Vec::new(),
        unchanged: Some(reason),
    };
    if html.len() > MAX_HTML_BYTES {
        return unchanged(Unchanged::TooLarge {
            limit: MAX_HTML_BYTES,
        });
    }
    let mut tokenizer = Tokenizer::new(html);
    let mut out = String::new();
    let mut copied = 0;
    let mut links = Vec::new();
    while let Some(tag) = tokenizer.next_start_tag() {
        let tag = match tag {
            Ok(tag) => tag,
            Err(ambiguity) => {
                return unchanged(Unchanged::AmbiguousMarkup {
                    offset: ambiguity.offset,
                })
            }
        };
        let name = tokenizer.text(&tag.name);
        let element = if name.eq_ignore_ascii_case("a") {
            LinkElement::A
        } else if name.eq_ignore_ascii_case("area") {
            LinkElement::Area
        } else {
            continue;
        };
        let Some(href) = tokenizer.attribute("href") else {
            continue;
        };
        let value = href.value.clone();
        let decoded = value
            .as_ref()
            .map(|(raw, _, _)| decode_attribute(tokenizer.text(raw)))
            .unwrap_or_default();
        let mut found = Found {
            offset: tag.start,
            element,
            href: decoded.clone().into_owned(),
            value_span: value.as_ref().map(|(_, whole, _)| (whole.start, whole.end)),
            new_href: None,
            outcome: Err(Untouched::InTemplate),
        };
        match tag.scope {
            Scope::Template => {}
            Scope::Foreign => found.outcome = Err(Untouched::InForeignContent),
            Scope::Document => {
                let decision = decide(&decoded);
                found.outcome = Ok(decision.outcome);
                if let (Some(url), Some((_, whole, quote))) = (decision.replacement, value) {
                    if url != decoded {
                        if out.is_empty() {
                            out.reserve(html.len() + html.len() / 16);
                        }
                        out.push_str(html.get(copied..whole.start).unwrap_or_default());
                        let quote = if quote == Quote::Single { '\'' } else { '"' };
                        out.push(quote);
                        escape::push_attr(&mut out, &url);
                        out.push(quote);
                        copied = whole.end;
                        found.new_href = Some(url);
                    }
                }
            }
        }
        links.push(found);
    }
    let html = if copied == 0 {
        html.to_owned()
    } else {
        out.push_str(html.get(copied..).unwrap_or_default());
        out
    };
    Rewritten {
        html,
        links,
        unchanged: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DP: &str = "https://www.amazon.com/dp/B0SHLFK001";
    const TAGGED: &str = "https://www.amazon.com/dp/B0SHLFK001?tag=shelf-20&x=1";

    /// Tags the one product URL; reports every href.
    fn tag_dp(href: &str) -> HrefDecision<String> {
        HrefDecision {
            outcome: href.to_owned(),
            replacement: (href == DP).then(|| TAGGED.to_owned()),
        }
    }

    fn rewrite(html: &str) -> String {
        rewrite_with(html, tag_dp).html
    }

    #[test]
    fn rewrites_only_the_href_value() {
        assert_eq!(
            rewrite(&format!(r#"<p>x<A class=b HREF="{DP}" id='c'>y</A>"#)),
            r#"<p>x<A class=b HREF="https://www.amazon.com/dp/B0SHLFK001?tag=shelf-20&amp;x=1" id='c'>y</A>"#
        );
    }

    #[test]
    fn keeps_single_quotes_and_quotes_unquoted_values() {
        assert_eq!(
            rewrite(&format!("<a href='{DP}'><area href={DP}>")),
            "<a href='https://www.amazon.com/dp/B0SHLFK001?tag=shelf-20&amp;x=1'>\
             <area href=\"https://www.amazon.com/dp/B0SHLFK001?tag=shelf-20&amp;x=1\">"
        );
    }

    #[test]
    fn decides_on_the_decoded_value() {
        let html = "<a href=\"https&colon;//www.amazon.com/dp/B0SHLFK001\">";
        assert_eq!(
            rewrite(html),
            format!("<a href=\"{}\">", escape::attr(TAGGED))
        );
    }

    #[test]
    fn lets_the_first_duplicate_href_win() {
        let html = format!(r#"<a href="https://evil.example/" href="{DP}">"#);
        assert_eq!(rewrite(&html), html);
        let html = format!(r#"<a href="{DP}" href="https://evil.example/">"#);
        assert_eq!(
            rewrite(&html),
            format!(
                r#"<a href="{}" href="https://evil.example/">"#,
                escape::attr(TAGGED)
            )
        );
    }

    #[test]
    fn leaves_links_in_raw_text_comments_and_templates_alone() {
        let html = format!(
            "<!-- <a href={DP}> --><script>'<a href={DP}>'</script><style>/*<a href={DP}>*/</style>\
             <textarea><a href={DP}></textarea><template><a href={DP}></template>\
             <svg><a href={DP}></a></svg><![CDATA[<a href={DP}>]]>"
        );
        let result = rewrite_with(&html, tag_dp);
        assert_eq!(result.html, html);
        let outcomes: Vec<_> = result.links.iter().map(|l| l.outcome.clone()).collect();
        assert_eq!(
            outcomes,
            [Err(Untouched::InTemplate), Err(Untouched::InForeignContent)]
        );
    }

    #[test]
    fn is_idempotent() {
        let once = rewrite(&format!("<a href={DP}>a</a><a href=\"{DP}\">b</a>"));
        assert_eq!(rewrite(&once), once);
    }

    #[test]
    fn reports_every_link_with_offset_and_span() {
        let html = format!("<p><a href=\"{DP}\">x</a> <area href=/local> <a name=x>");
        let links = rewrite_with(&html, tag_dp).links;
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].offset, 3);
        assert_eq!(links[0].value_span, Some((11, 11 + DP.len() + 2)));
        assert_eq!(links[0].new_href.as_deref(), Some(TAGGED));
        assert_eq!(links[1].element, LinkElement::Area);
        assert_eq!(links[1].outcome, Ok("/local".to_owned()));
        assert_eq!(links[1].new_href, None);
    }

    #[test]
    fn returns_ambiguous_input_unchanged() {
        let html = format!("<select><xmp><a href={DP}>");
        let result = rewrite_with(&html, tag_dp);
        assert_eq!(result.html, html);
        assert_eq!(
            result.unchanged,
            Some(Unchanged::AmbiguousMarkup { offset: 8 })
        );
    }

    #[test]
    fn returns_oversized_input_unchanged() {
        let html = " ".repeat(MAX_HTML_BYTES + 1);
        let result = rewrite_with(&html, tag_dp);
        assert_eq!(result.html.len(), html.len());
        assert!(matches!(result.unchanged, Some(Unchanged::TooLarge { .. })));
    }

    #[test]
    fn ignores_links_cut_off_by_end_of_input() {
        let html = format!("<a href=\"{DP}\"");
        assert_eq!(rewrite(&html), html);
    }
}
