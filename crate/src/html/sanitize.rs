//! The strict allowlist for custom-HTML table cells.
//!
//! The output is rebuilt, never passed through: only the inline and list elements in
//! [`ALLOWED`] survive, always **without attributes** and written in canonical form; every other
//! tag, comment and doctype is dropped, and the content of `script`, `style` and the other
//! raw-text elements is dropped with it. Text is escaped, except well-formed character
//! references (`&amp;`, `&#39;`), which a browser turns into plain characters. Tags are balanced:
//! unmatched end tags are dropped and open ones are closed at the end.
//!
//! Only authors with WordPress's `unfiltered_html` capability may use custom HTML at all; the
//! renderer checks that before calling [`sanitize_html`].

use crate::support::bytes::find_byte;
use crate::support::prelude::*;
use crate::support::substring::find;

use crate::html::escape;

/// Elements kept (without attributes).
pub const ALLOWED: &[&str] = &[
    "b", "strong", "i", "em", "u", "s", "small", "sub", "sup", "mark", "code", "span", "br", "p",
    "ul", "ol", "li",
];

/// Elements whose content is dropped together with the element.
const DROP_CONTENT: &[&str] = &[
    "script",
    "style",
    "template",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "object",
    "svg",
    "math",
    "select",
];

/// Deeper nesting is flattened: the limit keeps the open-element stack small.
const MAX_DEPTH: usize = 16;

/// Rebuilds `input` keeping only allowlisted, attribute-free elements and escaped text.
///
/// # Examples
/// ```
/// use shelf_core::sanitize_html;
/// assert_eq!(
///     sanitize_html("<b onclick=x>Yes</b><script>alert(1)</script> &amp; <i>no"),
///     "<b>Yes</b> &amp; <i>no</i>"
/// );
/// ```
pub fn sanitize_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    push_sanitized(&mut out, input);
    out
}

/// Appends what [`sanitize_html`] returns.
pub(crate) fn push_sanitized(out: &mut String, input: &str) {
    let mut open: Vec<&'static str> = Vec::new();
    let mut rest = input;
    while let Some(lt) = find_byte(rest.as_bytes(), b'<') {
        push_text(out, rest.get(..lt).unwrap_or_default());
        let after = rest.get(lt..).unwrap_or_default();
        rest = match parse_markup(after) {
            Markup::Text => {
                out.push_str("&lt;");
                after.get(1..).unwrap_or_default()
            }
            Markup::Skip(len) => after.get(len..).unwrap_or_default(),
            Markup::Tag { name, end, len } => {
                let after_tag = after.get(len..).unwrap_or_default();
                let allowed = ALLOWED.iter().find(|a| a.eq_ignore_ascii_case(&name));
                match (allowed, end) {
                    (Some(&"br"), _) => {
                        out.push_str("<br>");
                        after_tag
                    }
                    (Some(tag), false) if open.len() < MAX_DEPTH => {
                        out.push('<');
                        out.push_str(tag);
                        out.push('>');
                        open.push(tag);
                        after_tag
                    }
                    (Some(tag), true) => {
                        if let Some(pos) = open.iter().rposition(|t| t == tag) {
                            close_from(out, &mut open, pos);
                        }
                        after_tag
                    }
                    _ if !end && DROP_CONTENT.iter().any(|d| d.eq_ignore_ascii_case(&name)) => {
                        skip_raw_text(after_tag, &name)
                    }
                    _ => after_tag,
                }
            }
        };
    }
    push_text(out, rest);
    close_from(out, &mut open, 0);
}

/// Closes the open elements from index `pos` on, innermost first.
fn close_from(out: &mut String, open: &mut Vec<&str>, pos: usize) {
    for tag in open.get(pos..).unwrap_or_default().iter().rev() {
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
    open.truncate(pos);
}

enum Markup {
    /// A `<` that starts no markup: literal text.
    Text,
    /// A comment, doctype or processing instruction of this many bytes.
    Skip(usize),
    /// A start or end tag of this many bytes.
    Tag { name: String, end: bool, len: usize },
}

fn parse_markup(s: &str) -> Markup {
    let b = s.as_bytes();
    match b.get(1) {
        Some(b'!') if s.starts_with("<!--") => Markup::Skip(
            s.get(4..)
                .and_then(|r| find(r, "-->"))
                .map_or(s.len(), |i| i + 7),
        ),
        Some(b'!' | b'?') => Markup::Skip(find_byte(b, b'>').map_or(s.len(), |i| i + 1)),
        Some(b'/') if b.get(2).is_some_and(u8::is_ascii_alphabetic) => tag(s, 2, true),
        Some(b'/') if b.get(2) == Some(&b'>') => Markup::Skip(3),
        Some(b'/') => Markup::Skip(find_byte(b, b'>').map_or(s.len(), |i| i + 1)),
        Some(c) if c.is_ascii_alphabetic() => tag(s, 1, false),
        _ => Markup::Text,
    }
}

/// Reads a tag name from `start`, then skips attributes (respecting quotes) to the closing `>`.
fn tag(s: &str, start: usize, end: bool) -> Markup {
    let b = s.as_bytes();
    let mut i = start;
    while b
        .get(i)
        .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'/' && *c != b'>')
    {
        i += 1;
    }
    let name = s.get(start..i).unwrap_or_default().to_ascii_lowercase();
    let mut quote: Option<u8> = None;
    while let Some(&c) = b.get(i) {
        i += 1;
        match (quote, c) {
            (None, b'"' | b'\'') if b.get(i.saturating_sub(2)) == Some(&b'=') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return Markup::Tag { name, end, len: i },
            _ => {}
        }
    }
    // An unterminated tag swallows the rest, as a browser would.
    Markup::Tag {
        name,
        end,
        len: s.len(),
    }
}

/// Skips to just after `</name …>` (case-insensitive), or to the end.
fn skip_raw_text<'a>(s: &'a str, name: &str) -> &'a str {
    let lower = s.to_ascii_lowercase();
    let needle = crate::support::message::concat("</", name);
    match find(&lower, &needle) {
        Some(i) => {
            let rest = s.get(i..).unwrap_or_default();
            find_byte(rest.as_bytes(), b'>')
                .and_then(|j| rest.get(j + 1..))
                .unwrap_or_default()
        }
        None => "",
    }
}

fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = find_byte(rest.as_bytes(), b'&') {
        escape::push_text_quot(out, rest.get(..amp).unwrap_or_default());
        let tail = rest.get(amp..).unwrap_or_default();
        let reference_len = tail
            .get(1..)
            .and_then(|t| find_byte(t.as_bytes(), b';'))
            .filter(|&n| {
                n > 0
                    && n <= 32
                    && tail.get(1..=n).is_some_and(|name| {
                        let name = name.strip_prefix('#').unwrap_or(name);
                        !name.is_empty() && name.bytes().all(|c| c.is_ascii_alphanumeric())
                    })
            });
        match reference_len {
            Some(n) => {
                out.push_str(tail.get(..n + 2).unwrap_or_default());
                rest = tail.get(n + 2..).unwrap_or_default();
            }
            None => {
                out.push_str("&amp;");
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    escape::push_text_quot(out, rest);
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::sanitize_html as s;

    #[test]
    fn keeps_allowed_elements_without_attributes() {
        assert_eq!(
            s("<B class=x>bold</B><br/><p style='x'>p</p>"),
            "<b>bold</b><br><p>p</p>"
        );
    }

    #[test]
    fn drops_scripts_styles_and_their_content() {
        assert_eq!(s("a<script>alert(1)</script >b<STYLE>*{}</style>c"), "abc");
        assert_eq!(s("<svg><script>alert(1)</script></svg>x"), "x");
        assert_eq!(s("<script>never closed"), "");
    }

    #[test]
    fn drops_unknown_tags_but_keeps_their_text() {
        assert_eq!(
            s("<a href=\"javascript:x\">link</a><img src=x onerror=alert(1)>"),
            "link"
        );
        assert_eq!(s("<div><font>t</font></div>"), "t");
    }

    #[test]
    fn drops_comments_and_doctypes() {
        assert_eq!(
            s("a<!-- <script> -->b<!DOCTYPE html><?php x ?>c<!--x"),
            "abc"
        );
    }

    #[test]
    fn balances_tags() {
        assert_eq!(s("</b><b><i>x</b>y"), "<b><i>x</i></b>y");
        assert_eq!(s("<ul><li>a<li>b"), "<ul><li>a<li>b</li></li></ul>");
    }

    #[test]
    fn escapes_stray_markup_characters() {
        assert_eq!(
            s("1 < 2 > 0 \"q\" & &amp; &#39; &bogus"),
            "1 &lt; 2 &gt; 0 &quot;q&quot; &amp; &amp; &#39; &amp;bogus"
        );
        assert_eq!(s("<"), "&lt;");
        assert_eq!(s("< b>"), "&lt; b&gt;");
    }

    #[test]
    fn quoted_gt_does_not_end_a_tag() {
        assert_eq!(s("<b title=\"a>b\">x</b>"), "<b>x</b>");
        assert_eq!(s("<img alt='>'<script>alert(1)</script>>"), "alert(1)&gt;");
    }

    #[test]
    fn limits_depth() {
        let deep = "<b>".repeat(100) + "x";
        assert_eq!(s(&deep).matches("<b>").count(), 16);
    }
}
