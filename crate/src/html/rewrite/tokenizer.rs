//! A small HTML tokenizer that finds start tags and their attributes the way browsers do.
//!
//! It follows the WHATWG tokenization states that decide where a tag starts and ends (data,
//! tag open, attribute names and values in all three quoting styles, comments including bogus
//! ones, doctype, CDATA, RAWTEXT/RCDATA/script data with its escape states, PLAINTEXT), plus the
//! few tree-construction facts that switch those states: raw-text elements, `<template>`, SVG
//! and MathML (foreign) content with its integration points, and `<select>`. HTML elements are
//! not tracked: where their being open would decide the state (an end tag in foreign content
//! that no open SVG/MathML element matches, HTML content left open in an integration point),
//! it reports an [`Ambiguity`]. It never recurses and never allocates per byte: memory is the
//! attribute list of one tag and a stack of open foreign elements.

use crate::support::bytes::find_byte;
use crate::support::prelude::*;

use core::ops::Range;

/// How an attribute value was quoted in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Quote {
    Double,
    Single,
    Unquoted,
}

/// One attribute of a start tag, as byte ranges into the input.
#[derive(Clone, Debug)]
pub(crate) struct Attribute {
    pub name: Range<usize>,
    /// The raw value (between the quotes) and the whole value including its quotes.
    pub value: Option<(Range<usize>, Range<usize>, Quote)>,
}

/// Where a start tag sits, as far as links are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Ordinary HTML content: its `<a>` is a link in the document.
    Document,
    /// Inside `<template>`: inert content, not part of the document.
    Template,
    /// Inside `<svg>` or `<math>`.
    Foreign,
}

/// A start tag; its attributes are in [`Tokenizer::attributes`].
#[derive(Clone, Debug)]
pub(crate) struct StartTag {
    /// Offset of the `<`.
    pub start: usize,
    pub name: Range<usize>,
    /// Offset of the `>` that ends the tag, or of the `/` of its `/>`.
    pub close: usize,
    pub scope: Scope,
}

/// Markup whose tokenization depends on parser details we do not model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ambiguity {
    /// Offset of the tag that made the input ambiguous.
    pub offset: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Namespace {
    Svg,
    MathMl,
}

/// An open SVG or MathML element.
#[derive(Clone)]
struct Frame {
    namespace: Namespace,
    /// Its name in the input.
    name: Range<usize>,
    kind: Kind,
}

#[derive(Clone, PartialEq, Eq)]
enum Kind {
    /// Foreign content: its tags are SVG/MathML elements.
    Foreign,
    /// An integration point (`foreignObject`, `desc`, `title`, `mi`…): HTML rules inside.
    /// `html` holds the HTML elements open in it, innermost last, as long as each tag only
    /// opens or closes the innermost one; `None` once a tag may have done more (implied end
    /// tags, misnesting, tables…), which this model does not follow.
    Integration { html: Option<Vec<Range<usize>>> },
}

/// How an HTML start tag changes the HTML elements open in an integration point.
enum HtmlEffect {
    /// A void element: nothing stays open.
    Void,
    /// The element opens inside the innermost one.
    Opens,
    /// It may close or ignore elements, or switch the tree builder's mode: not followed.
    Unknown,
}

const INTEGRATION_SVG: [&str; 3] = ["foreignobject", "desc", "title"];
const INTEGRATION_MATHML: [&str; 5] = ["mi", "mo", "mn", "ms", "mtext"];
/// HTML start tags that end foreign content (the "breakout" list of the standard).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
    "font",
];
/// Every element name that changes tokenization in HTML content.
const SPECIAL: [&str; 14] = [
    "svg",
    "math",
    "template",
    "select",
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "textarea",
    "title",
    "plaintext",
];
/// Void HTML elements: never open (`hr` closes a `p` first, see [`CLOSES_P`]).
const VOID: [&str; 16] = [
    "area", "base", "basefont", "bgsound", "br", "embed", "image", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];
/// HTML start tags that the tree builder ignores in body, or that depend on state outside the
/// integration point (the form element pointer).
const UNFOLLOWED: [&str; 12] = [
    "body", "form", "frame", "head", "html", "optgroup", "option", "rb", "rp", "rt", "rtc",
    "template",
];
/// Tags that can close elements beyond an integration point: in a table's insertion modes (an
/// `<svg>` inside a table), table parts close the cell, row or table, whatever is open in
/// between; `<select>` and `<frameset>` reset the mode or the whole body. Tables are not
/// tracked, so these tags make the input ambiguous inside SVG/MathML.
const TABLE_PARTS: [&str; 12] = [
    "caption", "col", "colgroup", "frameset", "select", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr",
];
/// HTML start tags that first close an open `p`.
const CLOSES_P: [&str; 39] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "hr",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
    "xmp",
    "li",
    "dd",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];
const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
const RAWTEXT: [&str; 6] = ["style", "xmp", "iframe", "noembed", "noframes", "noscript"];
const RCDATA: [&str; 2] = ["textarea", "title"];

/// Iterates over the start tags of an HTML string.
pub(crate) struct Tokenizer<'a> {
    html: &'a str,
    bytes: &'a [u8],
    pos: usize,
    attributes: Vec<Attribute>,
    frames: Vec<Frame>,
    templates: usize,
    in_select: bool,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(html: &'a str) -> Self {
        Tokenizer {
            html,
            bytes: html.as_bytes(),
            pos: 0,
            attributes: Vec::new(),
            frames: Vec::new(),
            templates: 0,
            in_select: false,
        }
    }

    /// The attributes of the start tag returned last, in source order (duplicates included).
    pub(crate) fn attributes(&self) -> &[Attribute] {
        &self.attributes
    }

    /// The text of a byte range of the input.
    pub(crate) fn text(&self, range: &Range<usize>) -> &'a str {
        self.html.get(range.clone()).unwrap_or_default()
    }

    /// Whether the byte at `at` is HTML whitespace.
    pub(crate) fn is_space_at(&self, at: usize) -> bool {
        self.bytes.get(at).is_some_and(|b| is_space(*b))
    }

    /// The first attribute with this (lower-case) name: browsers ignore later duplicates.
    pub(crate) fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes
            .iter()
            .find(|a| self.text(&a.name).eq_ignore_ascii_case(name))
    }

    /// The next start tag, `None` at the end, or the ambiguity that stops tokenization.
    pub(crate) fn next_start_tag(&mut self) -> Option<Result<StartTag, Ambiguity>> {
        loop {
            let at = self.pos + find_byte(self.bytes.get(self.pos..)?, b'<')?;
            let next = self.bytes.get(at + 1).copied();
            match next {
                Some(b) if b.is_ascii_alphabetic() => {
                    let (name, end, self_closing) = self.tag(at + 1)?;
                    self.pos = end;
                    let tag = StartTag {
                        start: at,
                        name,
                        close: end - 1 - usize::from(self_closing),
                        scope: self.scope(),
                    };
                    return match self.after_start_tag(&tag, end, self_closing) {
                        Ok(()) => Some(Ok(tag)),
                        Err(ambiguity) => self.stop(ambiguity),
                    };
                }
                Some(b'/') => match self.bytes.get(at + 2).copied() {
                    Some(b) if b.is_ascii_alphabetic() => {
                        let (name, end, _) = self.tag(at + 2)?;
                        self.pos = end;
                        if let Err(ambiguity) = self.after_end_tag(&name, at) {
                            return self.stop(ambiguity);
                        }
                    }
                    Some(b'>') => self.pos = at + 3,
                    Some(_) => self.pos = self.after(at + 2, b">")?,
                    None => return None,
                },
                Some(b'!') => {
                    let cdata = self.bytes.get(at + 2..)?.starts_with(b"[CDATA[");
                    // A CDATA section needs an SVG/MathML current node, else a bogus comment.
                    let Some(foreign) = self.current_is_foreign() else {
                        if cdata {
                            return self.stop(Ambiguity { offset: at });
                        }
                        self.pos = self.markup_declaration(at + 2, false)?;
                        continue;
                    };
                    self.pos = self.markup_declaration(at + 2, cdata && foreign)?;
                }
                Some(b'?') => self.pos = self.after(at + 2, b">")?,
                _ => self.pos = at + 1,
            }
        }
    }

    fn scope(&self) -> Scope {
        if !self.frames.is_empty() {
            Scope::Foreign
        } else if self.templates > 0 {
            Scope::Template
        } else {
            Scope::Document
        }
    }

    /// Nothing after an ambiguity can be trusted: stop there.
    fn stop(&mut self, ambiguity: Ambiguity) -> Option<Result<StartTag, Ambiguity>> {
        self.pos = self.bytes.len();
        Some(Err(ambiguity))
    }

    /// Whether the current node is an SVG or MathML element; `None` when it may be an HTML
    /// element open in an integration point.
    fn current_is_foreign(&self) -> Option<bool> {
        match self.frames.last().map(|f| &f.kind) {
            None => Some(false),
            Some(Kind::Foreign) => Some(true),
            Some(Kind::Integration { html: Some(open) }) => Some(open.is_empty()),
            Some(Kind::Integration { html: None }) => None,
        }
    }

    /// The offset just after the first `needle` at or after `from`; `None` when absent.
    fn after(&self, from: usize, needle: &[u8]) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        rest.windows(needle.len())
            .position(|w| w == needle)
            .map(|p| from + p + needle.len())
    }

    /// `<!` seen: a comment, doctype, CDATA section (when `cdata_section`, else a bogus
    /// comment) or bogus comment. Returns where it ends.
    fn markup_declaration(&self, from: usize, cdata_section: bool) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        if rest.starts_with(b"--") {
            let body = from + 2;
            let text = self.bytes.get(body..)?;
            if text.starts_with(b">") {
                return Some(body + 1);
            }
            if text.starts_with(b"->") {
                return Some(body + 2);
            }
            // A comment ends at the first `-->` or `--!>`, whichever comes first.
            let mut i = body;
            loop {
                i += find_byte(self.bytes.get(i..)?, b'-')?;
                let after = self.bytes.get(i..)?;
                if after.starts_with(b"-->") {
                    return Some(i + 3);
                }
                if after.starts_with(b"--!>") {
                    return Some(i + 4);
                }
                i += 1;
            }
        }
        if cdata_section {
            return self.after(from + 7, b"]]>");
        }
        // Doctype and bogus comments both end at the first `>`.
        self.after(from, b">")
    }

    /// Reads a tag from its name (at `from`) to its `>`; collects attributes. Returns the
    /// name range, the offset after `>` and the self-closing flag, or `None` at end of input
    /// (the tag is dropped).
    fn tag(&mut self, from: usize) -> Option<(Range<usize>, usize, bool)> {
        self.attributes.clear();
        let bytes = self.bytes;
        let name_len = bytes
            .get(from..)?
            .iter()
            .position(|b| is_space(*b) || *b == b'/' || *b == b'>')?;
        let name = from..from + name_len;
        let mut i = from + name_len;
        loop {
            // Before attribute name; a `/` not followed by `>` counts as whitespace.
            loop {
                match bytes.get(i)? {
                    b if is_space(*b) => i += 1,
                    b'/' if bytes.get(i + 1) != Some(&b'>') => i += 1,
                    b'/' => return Some((name, i + 2, true)),
                    b'>' => return Some((name, i + 1, false)),
                    _ => break,
                }
            }
            // Attribute name: the first character may be anything, even `=`.
            let start = i;
            i += 1;
            i += bytes
                .get(i..)?
                .iter()
                .position(|b| is_space(*b) || matches!(b, b'/' | b'>' | b'='))?;
            let attr_name = start..i;
            while is_space(*bytes.get(i)?) {
                i += 1;
            }
            if bytes.get(i) != Some(&b'=') {
                self.attributes.push(Attribute {
                    name: attr_name,
                    value: None,
                });
                continue;
            }
            i += 1;
            while is_space(*bytes.get(i)?) {
                i += 1;
            }
            let value = match bytes.get(i)? {
                quote @ (b'"' | b'\'') => {
                    let open = i;
                    let close = open + 1 + find_byte(bytes.get(open + 1..)?, *quote)?;
                    i = close + 1;
                    let style = match quote {
                        b'"' => Quote::Double,
                        _ => Quote::Single,
                    };
                    (open + 1..close, open..close + 1, style)
                }
                // `<a href=>`: an empty value, and the `>` ends the tag.
                b'>' => (i..i, i..i, Quote::Unquoted),
                _ => {
                    let open = i;
                    i += bytes
                        .get(i..)?
                        .iter()
                        .position(|b| is_space(*b) || *b == b'>')?;
                    (open..i, open..i, Quote::Unquoted)
                }
            };
            self.attributes.push(Attribute {
                name: attr_name,
                value: Some(value),
            });
        }
    }

    /// Whether a name may be one of [`SPECIAL`]: most tags (`p`, `a`, `li`, `div`…) are ruled
    /// out by their length and first letter without comparing names.
    fn may_be_special(&self, name: &Range<usize>) -> bool {
        (3..=9).contains(&name.len())
            && self
                .bytes
                .get(name.start)
                .is_some_and(|b| b"smtxinpSMTXINP".contains(b))
            && self.name_is(name, &SPECIAL).is_some()
    }

    fn name_is(&self, name: &Range<usize>, candidates: &[&'static str]) -> Option<&'static str> {
        let text = self.text(name);
        candidates
            .iter()
            .copied()
            .find(|c| text.eq_ignore_ascii_case(c))
    }

    /// Applies what the tree builder does after a start tag that changes tokenization.
    fn after_start_tag(
        &mut self,
        tag: &StartTag,
        end: usize,
        self_closing: bool,
    ) -> Result<(), Ambiguity> {
        if self.frames.is_empty() && !self.may_be_special(&tag.name) {
            // The common case (`p`, `a`, `li`…): nothing changes.
            return Ok(());
        }
        let ambiguous = Err(Ambiguity { offset: tag.start });
        let top = self
            .frames
            .last()
            .map(|f| (f.namespace, f.kind == Kind::Foreign));
        match top {
            Some((namespace, true)) => {
                if self.name_is(&tag.name, BREAKOUT).is_none() || !self.breaks_out(&tag.name) {
                    if self.name_is(&tag.name, &["annotation-xml"]).is_some() {
                        // Its content model depends on an `encoding` attribute; not modelled.
                        return ambiguous;
                    }
                    let integration = match namespace {
                        Namespace::Svg => self.name_is(&tag.name, &INTEGRATION_SVG),
                        Namespace::MathMl => self.name_is(&tag.name, &INTEGRATION_MATHML),
                    };
                    if !self_closing {
                        let kind = match integration {
                            Some(_) => Kind::Integration {
                                html: Some(Vec::new()),
                            },
                            None => Kind::Foreign,
                        };
                        self.push_frame(namespace, tag, kind);
                    }
                    // Inside foreign content no element switches the tokenizer to raw text.
                    return Ok(());
                }
                // A breakout tag closes the foreign elements, then is an HTML start tag.
                self.pop_foreign_frames();
            }
            // In a MathML text integration point these two stay MathML when the current node
            // is the integration point itself.
            Some((Namespace::MathMl, false))
                if self.name_is(&tag.name, &["mglyph", "malignmark"]).is_some() =>
            {
                match self.current_is_foreign() {
                    None => return ambiguous,
                    Some(true) => {
                        if !self_closing {
                            self.push_frame(Namespace::MathMl, tag, Kind::Foreign);
                        }
                        return Ok(());
                    }
                    Some(false) => {}
                }
            }
            _ => {}
        }
        let root = match self.name_is(&tag.name, &["svg", "math"]) {
            Some("svg") => Some(Namespace::Svg),
            Some(_) => Some(Namespace::MathMl),
            None => None,
        };
        if let Some(namespace) = root {
            if !self_closing {
                self.push_frame(namespace, tag, Kind::Foreign);
            }
        } else if !self.frames.is_empty() && self.name_is(&tag.name, &TABLE_PARTS).is_some() {
            return ambiguous;
        } else if let Some(Frame {
            kind: Kind::Integration { html: Some(open) },
            ..
        }) = self.frames.last()
        {
            // An HTML element in an integration point.
            let effect = self.html_start_effect(&tag.name, open);
            if let Some(Frame {
                kind: Kind::Integration { html },
                ..
            }) = self.frames.last_mut()
            {
                match (effect, html.as_mut()) {
                    (HtmlEffect::Opens, Some(open)) => open.push(tag.name.clone()),
                    (HtmlEffect::Unknown, _) => *html = None,
                    _ => {}
                }
            }
        }
        if self.name_is(&tag.name, &["template"]).is_some() {
            self.templates += 1;
            return Ok(());
        }
        if self.name_is(&tag.name, &["select"]).is_some() {
            self.in_select = true;
            return Ok(());
        }
        let script = self.name_is(&tag.name, &["script"]).is_some();
        let rawtext = self.name_is(&tag.name, &RAWTEXT).is_some();
        let textarea = self.name_is(&tag.name, &["textarea"]).is_some();
        let rcdata = self.name_is(&tag.name, &RCDATA).is_some();
        let plaintext = self.name_is(&tag.name, &["plaintext"]).is_some();
        if self.in_select {
            if textarea {
                // A textarea closes the select, then holds raw text as usual.
                self.in_select = false;
            } else if rawtext || rcdata || plaintext {
                // Browsers disagree on these inside <select> (the customizable-select change).
                return ambiguous;
            }
        }
        let name = self.text(&tag.name);
        self.pos = if script {
            self.end_of_script(end)
        } else if rawtext || rcdata {
            self.end_of_raw_text(end, name)
        } else if plaintext {
            self.bytes.len()
        } else {
            end
        };
        Ok(())
    }

    /// `<font>` ends foreign content only with a `color`, `face` or `size` attribute.
    fn breaks_out(&self, name: &Range<usize>) -> bool {
        self.name_is(name, &["font"]).is_none()
            || ["color", "face", "size"]
                .iter()
                .any(|a| self.attribute(a).is_some())
    }

    fn push_frame(&mut self, namespace: Namespace, tag: &StartTag, kind: Kind) {
        self.frames.push(Frame {
            namespace,
            name: tag.name.clone(),
            kind,
        });
    }

    /// Closes the foreign elements above the innermost integration point (or all of them).
    fn pop_foreign_frames(&mut self) {
        while self.frames.last().is_some_and(|f| f.kind == Kind::Foreign) {
            self.frames.pop();
        }
    }

    /// What an HTML start tag does to the HTML elements open in an integration point: the
    /// standard's rules for start tags "in body" that close elements first (`<p>` closes an
    /// open `p`, `<li>` an `li`, `<a>` an `a`…) are followed when nothing they could close is
    /// open; anything else is [`HtmlEffect::Unknown`].
    fn html_start_effect(&self, name: &Range<usize>, open: &[Range<usize>]) -> HtmlEffect {
        let is_open = |names: &[&str]| {
            open.iter()
                .any(|o| names.iter().any(|n| self.text(o).eq_ignore_ascii_case(n)))
        };
        let closes = |names: &[&'static str]| self.name_is(name, names).is_some();
        let may_close = (closes(&CLOSES_P) && is_open(&["p"]))
            || (closes(&["li"]) && is_open(&["li"]))
            || (closes(&["dd", "dt"]) && is_open(&["dd", "dt"]))
            || (closes(&HEADINGS) && is_open(&HEADINGS))
            || (closes(&["a", "nobr", "button"]) && is_open(&[self.text(name)]));
        if may_close || closes(&UNFOLLOWED) {
            HtmlEffect::Unknown
        } else if closes(&VOID) || closes(&["hr"]) {
            HtmlEffect::Void
        } else {
            HtmlEffect::Opens
        }
    }

    /// Applies an end tag (its `<` at `offset`) to the open SVG/MathML elements, as the tree
    /// builder would.
    fn after_end_tag(&mut self, name: &Range<usize>, offset: usize) -> Result<(), Ambiguity> {
        let ambiguous = Err(Ambiguity { offset });
        let text = self.text(name);
        // End tags that HTML rules may apply beyond an integration point.
        // A closure: most end tags close HTML elements outside foreign content and never ask.
        let escapes = || {
            (self.templates > 0 && text.eq_ignore_ascii_case("template"))
                || self.name_is(name, &TABLE_PARTS).is_some()
        };
        let matches = |range: &Range<usize>| self.text(range).eq_ignore_ascii_case(text);
        match self.frames.last().map(|f| &f.kind) {
            None => {
                if self.templates > 0 && text.eq_ignore_ascii_case("template") {
                    self.templates -= 1;
                } else if text.eq_ignore_ascii_case("select") {
                    self.in_select = false;
                }
                return Ok(());
            }
            // HTML elements are open in the integration point: HTML rules close the innermost
            // one or, for another name, either more of them (not followed) or none. They never
            // reach past the integration point, except the `escapes` tags.
            Some(Kind::Integration { html: Some(open) }) if !open.is_empty() => {
                if escapes() {
                    return ambiguous;
                }
                // `</h2>` closes an open `h1`: any heading end tag closes any heading.
                let heading = self.name_is(name, &HEADINGS).is_some();
                let closes = |o: &Range<usize>| {
                    matches(o) || (heading && self.name_is(o, &HEADINGS).is_some())
                };
                let innermost = open.last().is_some_and(closes);
                let inner = open.iter().any(closes);
                if let Some(Frame {
                    kind: Kind::Integration { html },
                    ..
                }) = self.frames.last_mut()
                {
                    match html {
                        Some(open) if innermost => {
                            open.pop();
                        }
                        _ if inner => *html = None,
                        _ => {}
                    }
                }
                return Ok(());
            }
            // The current node is the integration point or an HTML element in it: the tag
            // closes foreign elements only in the first case.
            Some(Kind::Integration { html: None }) => {
                let named = self.frames.iter().any(|f| matches(&f.name));
                return if named || escapes() {
                    ambiguous
                } else {
                    Ok(())
                };
            }
            _ => {}
        }
        // The current node is an SVG/MathML element.
        if text.eq_ignore_ascii_case("p") || text.eq_ignore_ascii_case("br") {
            // Foreign elements close; HTML rules then stop at the integration point.
            self.pop_foreign_frames();
            return Ok(());
        }
        let mut below_integration = false;
        let top = self.frames.len() - 1;
        for (i, frame) in self.frames.iter().enumerate().rev() {
            if let Kind::Integration { html } = &frame.kind {
                if i < top && html.as_ref().is_none_or(|open| !open.is_empty()) {
                    // HTML elements sit (or may) between this integration point and the
                    // element above, and HTML rules would apply from there.
                    return ambiguous;
                }
            }
            if matches(&frame.name) {
                self.frames.truncate(i);
                return Ok(());
            }
            below_integration |= frame.kind != Kind::Foreign;
        }
        // No open SVG/MathML element has this name: HTML rules apply. They stop at an
        // integration point, except for the `escapes` tags; without one, whether the tag closes
        // the foreign content depends on which HTML elements are open, which are not tracked.
        if below_integration && !escapes() {
            Ok(())
        } else {
            ambiguous
        }
    }

    /// Whether an appropriate end tag `</name` followed by whitespace, `/` or `>` starts at `at`.
    fn end_tag_at(&self, at: usize, name: &str) -> bool {
        let Some(rest) = self.bytes.get(at..) else {
            return false;
        };
        rest.starts_with(b"</")
            && rest
                .get(2..2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && rest
                .get(2 + name.len())
                .is_some_and(|b| is_space(*b) || matches!(b, b'/' | b'>'))
    }

    /// RAWTEXT and RCDATA end only at their own end tag; returns its `<` (or the input's end).
    fn end_of_raw_text(&self, from: usize, name: &str) -> usize {
        let mut i = from;
        while let Some(found) = self.bytes.get(i..).and_then(|r| find_byte(r, b'<')) {
            i += found;
            if self.end_tag_at(i, name) {
                return i;
            }
            i += 1;
        }
        self.bytes.len()
    }

    /// Script data, with its escaped (`<!--`) and double-escaped (`<!--<script>`) states:
    /// returns the `<` of the `</script>` that ends the element (or the input's end).
    fn end_of_script(&self, from: usize) -> usize {
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            Data,
            Escaped,
            DoubleEscaped,
        }
        let bytes = self.bytes;
        let mut state = State::Data;
        let mut i = from;
        while let Some(b) = bytes.get(i).copied() {
            match (state, b) {
                (State::Data, b'<') if bytes.get(i..).is_some_and(|r| r.starts_with(b"<!--")) => {
                    state = State::Escaped;
                    // The `--` of `<!--` may also start `-->`: `<!-->` returns to data.
                    i += 2;
                    continue;
                }
                (State::Data | State::Escaped, b'<') if self.end_tag_at(i, "script") => {
                    return i;
                }
                (State::Escaped | State::DoubleEscaped, b'-')
                    if bytes.get(i..).is_some_and(|r| r.starts_with(b"-->")) =>
                {
                    state = State::Data;
                    i += 3;
                    continue;
                }
                (State::Escaped, b'<') => {
                    if let Some(len) = self.script_word_at(i + 1) {
                        state = State::DoubleEscaped;
                        i += 1 + len;
                        continue;
                    }
                }
                (State::DoubleEscaped, b'<') if bytes.get(i + 1) == Some(&b'/') => {
                    if let Some(len) = self.script_word_at(i + 2) {
                        state = State::Escaped;
                        i += 2 + len;
                        continue;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        bytes.len()
    }

    /// `script` (any case) at `at`, followed by whitespace, `/` or `>`: its length plus one.
    fn script_word_at(&self, at: usize) -> Option<usize> {
        let word = self.bytes.get(at..at + 6)?;
        let next = self.bytes.get(at + 6)?;
        (word.eq_ignore_ascii_case(b"script") && (is_space(*next) || matches!(next, b'/' | b'>')))
            .then_some(7)
    }
}

#[cfg(test)]
mod html5lib;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every start tag as `name scope [attr=value]…`, or the ambiguity.
    fn tags(html: &str) -> Vec<String> {
        let mut t = Tokenizer::new(html);
        let mut out = vec![];
        while let Some(tag) = t.next_start_tag() {
            match tag {
                Ok(tag) => {
                    let mut s = format!("{} {:?}", t.text(&tag.name), tag.scope);
                    for a in t.attributes() {
                        s.push_str(&format!(" {}", t.text(&a.name)));
                        if let Some((v, _, q)) = &a.value {
                            s.push_str(&format!("={:?}{:?}", t.text(v), q));
                        }
                    }
                    out.push(s);
                }
                Err(e) => out.push(format!("ambiguous@{}", e.offset)),
            }
        }
        out
    }

    #[test]
    fn reads_all_three_quoting_styles() {
        assert_eq!(
            tags(r#"<a href="x y" title='z"' id=w data-x>"#),
            [r#"a Document href="x y"Double title="z\""Single id="w"Unquoted data-x"#]
        );
    }

    #[test]
    fn treats_slash_as_whitespace_and_reads_attributes_after_quotes() {
        assert_eq!(
            tags(r#"<a/href="x"title=y/>"#),
            [r#"a Document href="x"Double title="y/"Unquoted"#]
        );
    }

    #[test]
    fn reads_equals_sign_as_first_name_character() {
        assert_eq!(tags("<a =x=y>"), [r#"a Document =x="y"Unquoted"#]);
    }

    #[test]
    fn drops_tag_cut_off_by_end_of_input() {
        assert!(tags(r#"<a href="x"#).is_empty());
        assert!(tags(r#"<a href="x" "#).is_empty());
    }

    #[test]
    fn skips_comments_doctype_and_bogus_comments() {
        assert_eq!(
            tags("<!DOCTYPE html><!-- <a> --><!--><b><!---><i><?php <p> ?><!x <q>></x <s>><u>"),
            ["b Document", "i Document", "u Document"]
        );
        assert_eq!(
            tags("<!-- a --!><b><!-- --!-- <s> --><i>"),
            ["b Document", "i Document"]
        );
    }

    #[test]
    fn treats_cdata_as_bogus_comment_outside_foreign_content() {
        assert_eq!(tags("<![CDATA[ x ]]><b>"), ["b Document"]);
        assert_eq!(tags("<![CDATA[ > <b> ]]>"), ["b Document"]);
        assert_eq!(
            tags("<svg><![CDATA[ > <b> ]]></svg><i>"),
            ["svg Document", "i Document"]
        );
    }

    #[test]
    fn skips_raw_text_elements() {
        for name in [
            "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
            "noscript",
        ] {
            let html = format!("<{name}><a href=x></{name}x></{name} ><b>");
            assert_eq!(
                tags(&html),
                [format!("{name} Document"), "b Document".into()],
                "{name}"
            );
        }
    }

    #[test]
    fn keeps_script_open_through_double_escaped_end_tags() {
        assert_eq!(
            tags("<script><!-- <script> </script> <a> --></script><b>"),
            ["script Document", "b Document"]
        );
        assert_eq!(
            tags("<script><!-- </script><b>"),
            ["script Document", "b Document"]
        );
        assert_eq!(
            tags("<script><!--></script><b>"),
            ["script Document", "b Document"]
        );
    }

    #[test]
    fn treats_everything_after_plaintext_as_text() {
        assert_eq!(tags("<plaintext></plaintext><a>"), ["plaintext Document"]);
    }

    #[test]
    fn marks_template_and_foreign_scopes() {
        assert_eq!(
            tags("<template><a></template><svg><a><foreignObject><a>"),
            [
                "template Document",
                "a Template",
                "svg Document",
                "a Foreign",
                "foreignObject Foreign",
                "a Foreign",
            ]
        );
        assert_eq!(
            tags("<svg><a><foreignObject></foreignObject></a></svg><a>"),
            [
                "svg Document",
                "a Foreign",
                "foreignObject Foreign",
                "a Document"
            ]
        );
    }

    #[test]
    fn leaves_foreign_content_at_breakout_tags() {
        assert_eq!(
            tags("<svg><p><a>"),
            ["svg Document", "p Foreign", "a Document"]
        );
        assert_eq!(
            tags("<svg><font x=1><a>"),
            ["svg Document", "font Foreign x=\"1\"Unquoted", "a Foreign"]
        );
    }

    #[test]
    fn does_not_switch_to_raw_text_in_foreign_content() {
        assert_eq!(
            tags("<svg><style><a></style></svg>"),
            ["svg Document", "style Foreign", "a Foreign"]
        );
        assert_eq!(
            tags("<svg/><style><a></style>"),
            ["svg Document", "style Document"]
        );
    }

    #[test]
    fn closes_foreign_elements_by_name_through_the_foreign_stack() {
        // In SVG, `<math>` is an SVG element; `</svg>` closes both (Chromium: `a` in the page).
        assert_eq!(
            tags("<svg><math></svg><a><svg><g><svg></g><p></svg><b>"),
            [
                "svg Document",
                "math Foreign",
                "a Document",
                "svg Document",
                "g Foreign",
                "svg Foreign",
                "p Foreign",
                "b Document"
            ]
        );
    }

    #[test]
    fn reads_cdata_sections_in_integration_points_before_html_content() {
        // The current node is the SVG `desc`: `<![CDATA[` opens a CDATA section, as in Chromium.
        assert_eq!(
            tags("<svg><desc><![CDATA[></desc></svg><a href=x>]]></desc></svg><b>"),
            ["svg Document", "desc Foreign", "b Document"]
        );
        assert_eq!(
            tags("<math><mi><mglyph><![CDATA[ > <a> ]]></mglyph></mi></math><b>"),
            [
                "math Document",
                "mi Foreign",
                "mglyph Foreign",
                "b Document"
            ]
        );
    }

    #[test]
    fn reports_end_tags_that_depend_on_unmodelled_html_elements_as_ambiguous() {
        // `</a>` closes the `<svg>` only if an HTML `<a>` is open: then `<textarea>` holds text.
        assert_eq!(
            tags("<a><svg></a><textarea></svg><a href=x></textarea>"),
            ["a Document", "svg Document", "ambiguous@8"]
        );
        assert_eq!(
            tags("<template><math></template><a>"),
            ["template Document", "math Template", "ambiguous@16"]
        );
        // `<div>` closes the `<p>`, which this model does not follow: whether HTML elements
        // are still open in the `<foreignObject>`, which decides its end tag, is not known.
        assert_eq!(
            tags("<svg><foreignObject><p><div></foreignObject></svg><a>"),
            [
                "svg Document",
                "foreignObject Foreign",
                "p Foreign",
                "div Foreign",
                "ambiguous@28"
            ]
        );
        // In a table, `<table>` in the `<title>` closes the outer table, and the `<svg>` with it.
        assert_eq!(
            tags("<table><svg><title><table><a>"),
            [
                "table Document",
                "svg Document",
                "title Foreign",
                "ambiguous@19"
            ]
        );
        assert_eq!(
            tags("<table><td><svg><title></td><a>"),
            [
                "table Document",
                "td Document",
                "svg Document",
                "title Foreign",
                "ambiguous@23"
            ]
        );
        assert_eq!(
            tags("<svg><foreignObject><form><![CDATA[ > ]]>"),
            [
                "svg Document",
                "foreignObject Foreign",
                "form Foreign",
                "ambiguous@26"
            ]
        );
    }

    #[test]
    fn follows_html_elements_open_in_integration_points() {
        // An HTML element left open: `</foreignObject>` and `</svg>` are ignored (Chromium).
        assert_eq!(
            tags("<svg><foreignObject><b></foreignObject></svg><a>"),
            [
                "svg Document",
                "foreignObject Foreign",
                "b Foreign",
                "a Foreign"
            ]
        );
        // Closed again: the integration point is the current node, and closes.
        assert_eq!(
            tags(
                "<math><mi><a href=x>y</a></mi></math><svg><title><b><i></i></b></title></svg><a>"
            ),
            [
                "math Document",
                "mi Foreign",
                "a Foreign href=\"x\"Unquoted",
                "svg Document",
                "title Foreign",
                "b Foreign",
                "i Foreign",
                "a Document"
            ]
        );
        // `</h2>` closes the `<h1>`, so `</desc>` then closes the integration point.
        assert_eq!(
            tags("<svg><desc><h1></h2></desc></svg><a>"),
            ["svg Document", "desc Foreign", "h1 Foreign", "a Document"]
        );
        // With an HTML element as the current node, `<![CDATA[` is a bogus comment.
        assert_eq!(
            tags("<svg><desc><b><![CDATA[ > <i> ]]></i></b></desc></svg><a>"),
            [
                "svg Document",
                "desc Foreign",
                "b Foreign",
                "i Foreign",
                "a Document"
            ]
        );
    }

    #[test]
    fn reports_raw_text_inside_select_as_ambiguous() {
        assert_eq!(tags("<select><xmp><a>"), ["select Document", "ambiguous@8"]);
        assert_eq!(
            tags("<select><textarea><a></textarea>"),
            ["select Document", "textarea Document"]
        );
    }
}
