//! Rewriting the links of an HTML fragment: only the `href`, `rel` and `target` attributes of
//! `<a>`/`<area>` change, every other byte of the input is copied as it is.

use crate::support::prelude::*;

pub(crate) mod charref;
mod charref_table;
pub(crate) mod tokenizer;

use crate::html::escape;
use crate::html::rewrite::charref::decode_attribute;
use crate::html::rewrite::tokenizer::{Attribute, Quote, Scope, StartTag, Tokenizer};
use crate::links::link_report::{LinkResult, Untouched};
use crate::support::digits::push_uint;
use crate::support::message::{display_via_message, Message};
use crate::{process_href, LinkOptions, LinkOutcome};
use alloc::borrow::Cow;
use core::ops::Range;
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

impl Message for Unchanged {
    fn write_message(&self, out: &mut String) {
        match self {
            Unchanged::TooLarge { limit } => {
                out.push_str("the content is larger than ");
                push_uint(out, (limit / (1024 * 1024)) as u64);
                out.push_str(" MB, so its links were left unchanged");
            }
            Unchanged::AmbiguousMarkup { offset } => {
                out.push_str("the markup at byte ");
                push_uint(out, *offset as u64);
                out.push_str(
                    " can be read differently by different browsers, \
                     so the links were left unchanged",
                );
            }
        }
    }
}

display_via_message!(Unchanged);

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
    /// The element's `rel` as written, when it changed (absent in JSON otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_rel: Option<String>,
    /// The `target` added to the element, when one was (absent in JSON otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_target: Option<&'static str>,
    /// The long URL of a resolved short link ([`LinkOptions::short_link`]), which the decision
    /// was made on (absent in JSON otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
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
    /// The rewritten HTML (a copy of the input when nothing changed).
    pub html: String,
    /// What was found and decided.
    pub report: RewriteReport,
}

/// Tags, cleans or localises the Amazon links of an HTML fragment (a post's content).
///
/// Each `href` of an `<a>`/`<area>` in ordinary content is decoded as a browser decodes it and
/// decided by [`process_href`] (a short link the options resolve, [`LinkOptions::short_link`],
/// is decided as its long URL). When the decision gives a new URL, it is written back
/// attribute-escaped in the value's original quotes (an unquoted value gets double quotes). An
/// affiliate link's element ([`LinkOutcome::is_affiliate`]) also gets the `rel` tokens and the
/// `target` the options ask for ([`LinkOptions::rel_for`], [`LinkOptions::target_for`]): an
/// existing `rel` value is replaced where it stands, missing attributes are added before the
/// tag's `>` (or `/>`). As in browsers, only the first of duplicate attributes counts.
///
/// Every other byte is copied unchanged: comments, `<script>`, `<style>`, `<textarea>`,
/// `<title>`, CDATA, `<template>` content, SVG/MathML content, and a tag cut off by the end of
/// the input. The result is idempotent and costs one pass over the input.
///
/// # Warnings
/// Input larger than [`MAX_HTML_BYTES`], or markup that browsers may read differently, comes
/// back unchanged with [`RewriteReport::unchanged`] set. It never panics.
///
/// # Examples
/// ```
/// use shelf_core::{rewrite_links, LinkOptions, Marketplace, Tag};
/// let options = LinkOptions::new()
///     .tag(Marketplace::by_country("US").unwrap(), Tag::parse("shelftest-20").unwrap())
///     .new_tab(true);
/// let html = r#"<p><a class=buy href="https://amazon.com/dp/B0SHLFK001?th=1&amp;psc=1">Buy</a>"#;
/// let result = rewrite_links(html, &options);
/// assert_eq!(
///     result.html,
///     r#"<p><a class=buy href="https://www.amazon.com/dp/B0SHLFK001?th=1&amp;psc=1&amp;tag=shelftest-20" rel="sponsored noopener" target="_blank">Buy</a>"#
/// );
/// assert_eq!(result.report.links[0].offset, 3);
/// ```
pub fn rewrite_links(html: &str, options: &LinkOptions) -> Rewrite {
    let mut links = Vec::new();
    match find_edits(html, options, |link| links.push(link.into_report())) {
        Ok(edits) => Rewrite {
            html: edits.copy_with(html),
            report: RewriteReport {
                links,
                unchanged: None,
            },
        },
        Err(unchanged) => Rewrite {
            html: html.to_owned(),
            report: RewriteReport {
                links: Vec::new(),
                unchanged: Some(unchanged),
            },
        },
    }
}

/// One link as the scan decided it, handed to the report writer (the report of [`rewrite_links`]
/// or the wasm export's JSON).
pub(crate) struct Seen<'a> {
    pub offset: usize,
    pub element: LinkElement,
    /// The decoded `href`.
    pub href: Cow<'a, str>,
    pub value_span: Option<(usize, usize)>,
    /// Whether the outcome's new URL was written.
    href_changed: bool,
    pub new_rel: Option<String>,
    pub new_target: Option<&'static str>,
    pub resolved: Option<&'a str>,
    pub result: LinkResult,
}

impl Seen<'_> {
    /// The URL written in place of the old value, when the link changed.
    pub(crate) fn new_href(&self) -> Option<&str> {
        match &self.result {
            LinkResult::Decided(outcome) if self.href_changed => outcome.new_href(),
            _ => None,
        }
    }

    fn into_report(self) -> LinkReport {
        LinkReport {
            offset: self.offset,
            element: self.element,
            new_href: self.new_href().map(str::to_owned),
            href: self.href.into_owned(),
            value_span: self.value_span,
            new_rel: self.new_rel,
            new_target: self.new_target,
            resolved: self.resolved.map(str::to_owned),
            result: self.result,
        }
    }
}

/// Rewrites the links of `html` in its own buffer and hands each link to `each`, in document
/// order. With `Some` reason the input comes back as it was and the links `each` saw are void.
///
/// One pass to find and decide the links, then the edits are applied in place: the output needs
/// no second buffer of the input's size (the admin module's memory stays near the input's).
/// Natively, [`rewrite_links`] copies instead: one copy is faster than a copy then moves.
#[cfg(any(target_arch = "wasm32", test))]
pub(crate) fn rewrite_owned(
    html: String,
    options: &LinkOptions,
    each: impl FnMut(Seen<'_>),
) -> (String, Option<Unchanged>) {
    match find_edits(&html, options, each) {
        Ok(edits) => (edits.apply(html), None),
        Err(unchanged) => (html, Some(unchanged)),
    }
}

/// The edits of `html`'s links, each link handed to `each`; or why the input stays as it is.
fn find_edits(
    html: &str,
    options: &LinkOptions,
    mut each: impl FnMut(Seen<'_>),
) -> Result<Edits, Unchanged> {
    if html.len() > MAX_HTML_BYTES {
        let limit = MAX_HTML_BYTES;
        return Err(Unchanged::TooLarge { limit });
    }
    let mut edits = Edits::default();
    scan(html, options, &mut edits, &mut each)
        .map_err(|offset| Unchanged::AmbiguousMarkup { offset })?;
    Ok(edits)
}

/// Finds, decides and reports every link; records the edits. `Err` with the offset of the
/// markup that makes the input ambiguous.
fn scan(
    html: &str,
    options: &LinkOptions,
    edits: &mut Edits,
    each: &mut impl FnMut(Seen<'_>),
) -> Result<(), usize> {
    let mut tokenizer = Tokenizer::new(html);
    let mut rel = RelMemo::default();
    while let Some(tag) = tokenizer.next_start_tag() {
        let tag = tag.map_err(|ambiguity| ambiguity.offset)?;
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
        let mut seen = Seen {
            offset: tag.start,
            element,
            href: value_of(&tokenizer, href),
            value_span: href
                .value
                .as_ref()
                .map(|(_, whole, _)| (whole.start, whole.end)),
            href_changed: false,
            new_rel: None,
            new_target: None,
            resolved: None,
            result: LinkResult::Untouched(Untouched::InTemplate),
        };
        match tag.scope {
            Scope::Template => {}
            Scope::Foreign => seen.result = LinkResult::Untouched(Untouched::InForeignContent),
            Scope::Document => {
                decide_link(&tokenizer, &tag, href, options, &mut rel, edits, &mut seen);
            }
        }
        each(seen);
    }
    Ok(())
}

/// An attribute's value as the browser reads it (`""` for a bare name).
fn value_of<'a>(tokenizer: &Tokenizer<'a>, attribute: &Attribute) -> Cow<'a, str> {
    match &attribute.value {
        Some((raw, _, _)) => decode_attribute(tokenizer.text(raw)),
        None => Cow::Borrowed(""),
    }
}

/// The decision for a link in the document, and the edits of its tag.
fn decide_link<'a>(
    tokenizer: &Tokenizer<'a>,
    tag: &StartTag,
    href: &Attribute,
    options: &'a LinkOptions,
    rel_memo: &mut RelMemo,
    edits: &mut Edits,
    seen: &mut Seen<'a>,
) {
    let mut outcome = process_href(&seen.href, options);
    if matches!(outcome, LinkOutcome::Short { .. }) {
        if let Some(long) = options.resolved_short_link(&seen.href) {
            outcome = process_href(long, options);
            seen.resolved = Some(long);
        }
    }
    let first = edits.list.len();
    if let Some(url) = outcome.new_href().filter(|url| *url != seen.href) {
        edits.set_value(href, url);
        seen.href_changed = true;
    }
    if outcome.is_affiliate() {
        let rel = tokenizer.attribute("rel");
        seen.new_rel = rel_memo.rel_for(options, rel.map(|a| value_of(tokenizer, a)).as_deref());
        let target = tokenizer
            .attribute("target")
            .map(|a| value_of(tokenizer, a));
        seen.new_target = options.target_for(target.as_deref());
        let added_rel = match (rel, &seen.new_rel) {
            (Some(attribute), Some(value)) => {
                edits.set_value(attribute, value);
                None
            }
            (None, value) => value.as_deref(),
            (Some(_), None) => None,
        };
        let at = insertion_point(tokenizer, tag);
        edits.add_attributes(tokenizer, at, added_rel, seen.new_target);
    }
    // `href` and `rel` may come in either order; the edits of one tag must be in source order.
    if let Some(tag_edits) = edits.list.get_mut(first..) {
        tag_edits.sort_by_key(|edit| edit.at);
    }
    seen.result = LinkResult::Decided(outcome);
}

/// Where added attributes go: before the tag's `>` (or `/>`), or before its last attribute when
/// that is `name=` with nothing but whitespace up to the `>`: the empty value would otherwise
/// take what follows (`title= rel="…"` is `title` with the value `rel="…"`).
fn insertion_point(tokenizer: &Tokenizer<'_>, tag: &StartTag) -> usize {
    match tokenizer.attributes().last() {
        Some(Attribute {
            name,
            value: Some((_, whole, _)),
        }) if whole.is_empty() && whole.start == tag.close => name.start,
        _ => tag.close,
    }
}

/// [`LinkOptions::rel_for`] of the last `rel` value asked for: a post's links mostly have no
/// `rel` or the same one, and the merge allocates.
#[derive(Default)]
struct RelMemo {
    last: Option<(Option<String>, Option<String>)>,
}

impl RelMemo {
    fn rel_for(&mut self, options: &LinkOptions, existing: Option<&str>) -> Option<String> {
        match &self.last {
            Some((seen, merged)) if seen.as_deref() == existing => merged.clone(),
            _ => {
                let merged = options.rel_for(existing);
                self.last = Some((existing.map(str::to_owned), merged.clone()));
                merged
            }
        }
    }
}

/// Replacing `at..end` of the input with `text` of [`Edits::texts`].
struct Edit {
    at: usize,
    end: usize,
    text: Range<usize>,
}

/// The edits of one rewrite, in source order, and their new text in one buffer.
#[derive(Default)]
struct Edits {
    list: Vec<Edit>,
    texts: String,
}

impl Edits {
    fn push(&mut self, at: usize, end: usize, write: impl FnOnce(&mut String)) {
        let from = self.texts.len();
        write(&mut self.texts);
        let text = from..self.texts.len();
        self.list.push(Edit { at, end, text });
    }

    /// Replaces an attribute's value, in its own quotes (double quotes for an unquoted one); a
    /// bare name gets `="…"`.
    fn set_value(&mut self, attribute: &Attribute, value: &str) {
        let (span, quote) = match &attribute.value {
            Some((_, whole, quote)) => (whole.clone(), *quote),
            None => (attribute.name.end..attribute.name.end, Quote::Unquoted),
        };
        let bare = attribute.value.is_none();
        self.push(span.start, span.end, |out| {
            if bare {
                out.push('=');
            }
            let quote = if quote == Quote::Single { '\'' } else { '"' };
            out.push(quote);
            escape::push_attr(out, value);
            out.push(quote);
        });
    }

    /// Adds ` rel="…"` and ` target="…"` at `close`, the tag's `>` or `/>`. After whitespace
    /// the attributes take the space after them instead, keeping the author's spacing.
    fn add_attributes(
        &mut self,
        tokenizer: &Tokenizer<'_>,
        close: usize,
        rel: Option<&str>,
        target: Option<&str>,
    ) {
        if rel.is_none() && target.is_none() {
            return;
        }
        let spaced = tokenizer.is_space_at(close.wrapping_sub(1));
        self.push(close, close, |out| {
            for (name, value) in [("rel", rel), ("target", target)] {
                let Some(value) = value else { continue };
                if !spaced {
                    out.push(' ');
                }
                out.push_str(name);
                out.push_str("=\"");
                escape::push_attr(out, value);
                out.push('"');
                if spaced {
                    out.push(' ');
                }
            }
        });
    }

    /// A copy of the input with every edit applied: one pass, exactly the output's size.
    fn copy_with(&self, html: &str) -> String {
        let grown: usize = self.list.iter().map(|e| e.text.len()).sum();
        let cut: usize = self.list.iter().map(|e| e.end - e.at).sum();
        let mut out = String::with_capacity((html.len() + grown).saturating_sub(cut));
        let mut from = 0;
        for edit in &self.list {
            // Edits start and end at characters' boundaries; `get` keeps that unchecked
            // assumption from ever panicking.
            out.push_str(html.get(from..edit.at).unwrap_or_default());
            out.push_str(self.texts.get(edit.text.clone()).unwrap_or_default());
            from = edit.end;
        }
        out.push_str(html.get(from..).unwrap_or_default());
        out
    }

    /// The input with every edit applied, in the input's own buffer.
    #[cfg(any(target_arch = "wasm32", test))]
    fn apply(self, html: String) -> String {
        if self.list.is_empty() {
            return html;
        }
        let mut bytes = html.into_bytes();
        let old_len = bytes.len();
        // Stretch k runs from the end of edit k-1 to the start of edit k (the last one to the
        // end of the input) and moves by what the edits before it added or removed.
        let mut stretches = Vec::with_capacity(self.list.len() + 1);
        let (mut from, mut shift) = (0, 0isize);
        for edit in &self.list {
            stretches.push((from..edit.at, shift));
            shift += edit.text.len() as isize - (edit.end - edit.at) as isize;
            from = edit.end;
        }
        stretches.push((from..old_len, shift));
        let new_len = old_len.wrapping_add_signed(shift);
        if new_len > old_len {
            // Exact: an amortised doubling could double the memory the rewrite takes.
            bytes.reserve_exact(new_len - old_len);
            bytes.resize(new_len, 0);
        }
        let mut move_stretch = |(range, by): &(Range<usize>, isize)| {
            let to = range.start.wrapping_add_signed(*by);
            if range.end <= bytes.len() && to + range.len() <= bytes.len() {
                bytes.copy_within(range.clone(), to);
            }
        };
        // Leftward moves in source order, then rightward ones from the end: no stretch is
        // overwritten before it moved.
        stretches
            .iter()
            .filter(|(_, by)| *by < 0)
            .for_each(&mut move_stretch);
        stretches
            .iter()
            .rev()
            .filter(|(_, by)| *by > 0)
            .for_each(&mut move_stretch);
        // Each new text goes where the moved stretch before it ends.
        for (edit, (_, by)) in self.list.iter().zip(&stretches) {
            let at = edit.at.wrapping_add_signed(*by);
            let text = self
                .texts
                .as_bytes()
                .get(edit.text.clone())
                .unwrap_or_default();
            if let Some(place) = bytes.get_mut(at..at + text.len()) {
                place.copy_from_slice(text);
            }
        }
        bytes.truncate(new_len);
        // Edits replace whole characters with text, so the bytes stay UTF-8.
        crate::support::utf8::lossy_owned(bytes)
    }
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::{Marketplace, Tag};

    const DP: &str = "https://www.amazon.com/dp/B0SHLFK001";
    const TAGGED: &str = "https://www.amazon.com/dp/B0SHLFK001?tag=shelf-20";
    const REL: &str = r#" rel="sponsored noopener""#;

    fn options() -> LinkOptions {
        let us = Marketplace::by_country("US").unwrap();
        LinkOptions::new().tag(us, Tag::parse("shelf-20").unwrap())
    }

    fn rewrite(html: &str) -> String {
        rewrite_with(html, &options())
    }

    fn rewrite_with(html: &str, options: &LinkOptions) -> String {
        let copied = rewrite_links(html, options).html;
        // The wasm export edits its own buffer in place instead: the same text either way.
        let (in_place, _) = rewrite_owned(html.to_owned(), options, |_| {});
        assert_eq!(in_place, copied, "in place vs copied: {html}");
        copied
    }

    #[test]
    fn rewrites_only_the_href_value_and_adds_rel() {
        assert_eq!(
            rewrite(&format!(r#"<p>x<A class=b HREF="{DP}" id='c'>y</A>"#)),
            format!(r#"<p>x<A class=b HREF="{TAGGED}" id='c'{REL}>y</A>"#)
        );
    }

    #[test]
    fn keeps_single_quotes_and_quotes_unquoted_values() {
        assert_eq!(
            rewrite(&format!("<a href='{DP}' rel=''><area href={DP} rel=me>")),
            format!(
                "<a href='{TAGGED}' rel='sponsored noopener'>\
                 <area href=\"{TAGGED}\" rel=\"me sponsored noopener\">"
            )
        );
    }

    #[test]
    fn decides_on_the_decoded_value() {
        let html = "<a href=\"https&colon;//www.amazon.com/dp/B0SHLFK001?x=1\">";
        assert_eq!(
            rewrite(html),
            format!(
                "<a href=\"{}\"{REL}>",
                escape::attr(&format!("{DP}?x=1&tag=shelf-20"))
            )
        );
    }

    #[test]
    fn lets_the_first_duplicate_attribute_win() {
        let html = format!(r#"<a href="https://evil.example/" href="{DP}">"#);
        assert_eq!(rewrite(&html), html);
        let html = format!(
            r#"<a href="{DP}" href="https://evil.example/" rel="sponsored noopener" rel=x>"#
        );
        assert_eq!(
            rewrite(&html),
            format!(
                r#"<a href="{TAGGED}" href="https://evil.example/" rel="sponsored noopener" rel=x>"#
            )
        );
        let html =
            format!(r#"<a rel=me href="{TAGGED}" rel="sponsored noopener" target=_self target=x>"#);
        let new_tab = options().new_tab(true);
        assert_eq!(
            rewrite_with(&html, &new_tab),
            format!(
                r#"<a rel="me sponsored noopener" href="{TAGGED}" rel="sponsored noopener" target=_self target=x>"#
            )
        );
    }

    #[test]
    fn merges_rel_read_as_the_browser_reads_it_and_writes_it_escaped() {
        let html = format!("<a href={TAGGED} rel='nofollow&#x20;noopener &quot;x'>");
        let options = options().rel("nofollow ugc");
        assert_eq!(
            rewrite_with(&html, &options),
            format!("<a href={TAGGED} rel='nofollow noopener &quot;x sponsored ugc'>")
        );
        let html = format!("<a href={TAGGED} rel>");
        assert_eq!(
            rewrite(&html),
            format!(r#"<a href={TAGGED} rel="sponsored noopener">"#)
        );
    }

    #[test]
    fn adds_attributes_before_the_end_of_the_tag() {
        let new_tab = options().new_tab(true);
        let added = r#"rel="sponsored noopener" target="_blank""#;
        for (html, expected) in [
            (
                format!("<a href={TAGGED}>"),
                format!("<a href={TAGGED} {added}>"),
            ),
            (
                format!("<a href={TAGGED}/>"),
                format!("<a href={TAGGED}/ {added}>"),
            ),
            (
                format!("<a href=\"{TAGGED}\"/>"),
                format!("<a href=\"{TAGGED}\" {added}/>"),
            ),
            (
                format!("<a href={TAGGED} />"),
                format!("<a href={TAGGED} {added} />"),
            ),
            (
                format!("<a href={TAGGED}\n>"),
                format!("<a href={TAGGED}\n{added} >"),
            ),
            (
                format!("<a href={TAGGED} download>"),
                format!("<a href={TAGGED} download {added}>"),
            ),
            // An empty value up to the `>` would take added attributes as its value.
            (
                format!("<a href=\"{TAGGED}\"title=>"),
                format!("<a href=\"{TAGGED}\" {added}title=>"),
            ),
            (
                format!("<a href={TAGGED} title= >"),
                format!("<a href={TAGGED} {added} title= >"),
            ),
            (
                format!("<a href={TAGGED} rel=>"),
                format!("<a href={TAGGED} target=\"_blank\" rel=\"sponsored noopener\">"),
            ),
            (
                format!("<a href={TAGGED} target>"),
                format!("<a href={TAGGED} target {}>", &REL[1..]),
            ),
        ] {
            assert_eq!(rewrite_with(&html, &new_tab), expected, "{html}");
        }
    }

    #[test]
    fn adds_nothing_to_links_that_are_not_affiliate_links() {
        let new_tab = options().new_tab(true);
        for href in [
            "https://example.com/",
            "/relative",
            "https://aws.amazon.com/",
            "https://www.amazon.de/dp/B0SHLFD201",
        ] {
            let html = format!("<a href=\"{href}\">");
            assert_eq!(rewrite_with(&html, &new_tab), html, "{href}");
        }
        let html = "<a href=\"https://www.amazon.com/dp/B0SHLFK001?tag=other-20\">";
        assert_eq!(
            rewrite(html),
            format!("<a href=\"https://www.amazon.com/dp/B0SHLFK001?tag=other-20\"{REL}>")
        );
    }

    #[test]
    fn leaves_links_in_raw_text_comments_and_templates_alone() {
        let html = format!(
            "<!-- <a href={DP}> --><script>'<a href={DP}>'</script><style>/*<a href={DP}>*/</style>\
             <textarea><a href={DP}></textarea><template><a href={DP}></template>\
             <svg><a href={DP}></a></svg><![CDATA[<a href={DP}>]]>"
        );
        let result = rewrite_links(&html, &options());
        assert_eq!(result.html, html);
        let outcomes: Vec<_> = result
            .report
            .links
            .iter()
            .map(|l| l.result.clone())
            .collect();
        assert_eq!(
            outcomes,
            [
                LinkResult::Untouched(Untouched::InTemplate),
                LinkResult::Untouched(Untouched::InForeignContent)
            ]
        );
    }

    #[test]
    fn is_idempotent() {
        let options = options().new_tab(true).rel("nofollow");
        let once = rewrite_with(
            &format!("<a href={DP}>a</a><a rel=me href=\"{DP}\"/>b</a>"),
            &options,
        );
        assert_eq!(rewrite_with(&once, &options), once);
    }

    #[test]
    fn reports_every_link_with_offset_span_and_changes() {
        let html = format!("<p><a href=\"{DP}\">x</a> <area href=/local> <a name=x>");
        let links = rewrite_links(&html, &options().new_tab(true)).report.links;
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].offset, 3);
        assert_eq!(links[0].value_span, Some((11, 11 + DP.len() + 2)));
        assert_eq!(links[0].new_href.as_deref(), Some(TAGGED));
        assert_eq!(links[0].new_rel.as_deref(), Some("sponsored noopener"));
        assert_eq!(links[0].new_target, Some("_blank"));
        assert_eq!(links[1].element, LinkElement::Area);
        assert_eq!(links[1].result, LinkResult::Decided(LinkOutcome::NotAmazon));
        assert_eq!(
            (links[1].new_href.as_ref(), links[1].new_rel.as_ref()),
            (None, None)
        );
    }

    #[test]
    fn decides_a_resolved_short_link_as_its_long_url() {
        let short = "https://amzn.to/3abcdef";
        let options = options()
            .short_link(short, "https://amazon.com/gp/product/B0SHLFK001?psc=1")
            .short_link("https://a.co/d/x", "https://example.com/");
        let html = format!(
            "<a href=\"{short}\"><a href=\"https://a.co/d/x\"><a href=\"https://amzn.to/other\">"
        );
        let result = rewrite_links(&html, &options);
        assert_eq!(
            result.html,
            format!(
                "<a href=\"https://www.amazon.com/gp/product/B0SHLFK001?psc=1&amp;tag=shelf-20\"{REL}>\
                 <a href=\"https://a.co/d/x\"><a href=\"https://amzn.to/other\"{REL}>"
            )
        );
        let links = &result.report.links;
        assert_eq!(links[0].href, short);
        assert_eq!(
            links[0].resolved.as_deref(),
            Some("https://amazon.com/gp/product/B0SHLFK001?psc=1")
        );
        assert!(matches!(
            links[0].result,
            LinkResult::Decided(LinkOutcome::Tagged { .. })
        ));
        assert_eq!(links[1].result, LinkResult::Decided(LinkOutcome::NotAmazon));
        assert_eq!(links[1].new_href, None);
        assert!(matches!(
            links[2].result,
            LinkResult::Decided(LinkOutcome::Short { .. })
        ));
        assert_eq!(links[2].resolved, None);
        assert_eq!(rewrite_links(&result.html, &options).html, result.html);
    }

    #[test]
    fn applies_edits_that_shorten_and_lengthen_in_place() {
        let noisy = "https://www.amazon.com/dp/B0SHLFK001/ref=sr_1_1?qid=123456789&amp;sr=8-1&amp;keywords=a+long+search+phrase";
        let options = options().noise(crate::NoisePolicy::Strip);
        let html = format!(
            "é<a href=\"{noisy}\" rel=x>1</a><a href={DP}>2</a>🙂<a href=\"{noisy}\">3</a><a href='{DP}'>"
        );
        let lean = escape::attr(TAGGED);
        assert_eq!(
            rewrite_with(&html, &options),
            format!(
                "é<a href=\"{lean}\" rel=\"x sponsored noopener\">1</a><a href=\"{lean}\"{REL}>2</a>🙂\
                 <a href=\"{lean}\"{REL}>3</a><a href='{lean}'{REL}>"
            )
        );
    }

    #[test]
    fn returns_ambiguous_input_unchanged() {
        let html = format!("<a href={DP}><select><xmp><a href={DP}>");
        let result = rewrite_links(&html, &options());
        assert_eq!(result.html, html);
        assert!(result.report.links.is_empty());
        assert_eq!(
            result.report.unchanged,
            Some(Unchanged::AmbiguousMarkup {
                offset: DP.len() + 17
            })
        );
    }

    #[test]
    fn returns_oversized_input_unchanged() {
        let html = " ".repeat(MAX_HTML_BYTES + 1);
        let result = rewrite_links(&html, &options());
        assert_eq!(result.html.len(), html.len());
        assert!(matches!(
            result.report.unchanged,
            Some(Unchanged::TooLarge { .. })
        ));
    }

    #[test]
    fn explains_why_the_input_was_kept() {
        use alloc::string::ToString;
        let too_large = Unchanged::TooLarge {
            limit: MAX_HTML_BYTES,
        };
        assert_eq!(
            too_large.to_string(),
            "the content is larger than 8 MB, so its links were left unchanged"
        );
        assert_eq!(
            Unchanged::AmbiguousMarkup { offset: 8 }.to_string(),
            "the markup at byte 8 can be read differently by different browsers, \
             so the links were left unchanged"
        );
    }

    #[test]
    fn ignores_links_cut_off_by_end_of_input() {
        let html = format!("<a href=\"{DP}\"");
        assert_eq!(rewrite(&html), html);
    }
}
