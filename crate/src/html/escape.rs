//! The two HTML escapers. Every string that reaches rendered HTML passes through one of them.

use crate::support::bytes::find_any;
use crate::support::prelude::*;

/// Escapes text for an HTML text node: `&`, `<` and `>` become character references.
///
/// # Warnings
/// Not safe inside attributes (quotes are kept) nor inside `<script>`/`<style>` (never used).
/// The renderers append with [`push_text`]; this form serves the tests.
#[cfg(test)]
pub fn text(s: &str) -> String {
    escape(s, false, false)
}

/// Escapes a value for a double-quoted attribute: `&`, `<`, `>`, `"` and `'`, and a carriage
/// return, which the parser would read back as a line feed (a `rel` the rewriter keeps may
/// hold one from `&#13;`).
///
/// # Warnings
/// Only for quoted attribute values. It does not make a URL safe: URLs come from the link module.
/// The renderers append with [`push_attr`]; this form serves the tests.
#[cfg(test)]
pub fn attr(s: &str) -> String {
    escape(s, true, true)
}

/// Appends `s` escaped as [`text`] escapes it.
pub(crate) fn push_text(out: &mut String, s: &str) {
    escape_into(out, s, false, false);
}

/// Appends `s` escaped as [`attr`] escapes it.
pub(crate) fn push_attr(out: &mut String, s: &str) {
    escape_into(out, s, true, true);
}

/// Appends `s` escaped as [`text`] escapes it and with `"` as `&quot;`: the sanitiser's text.
pub(crate) fn push_text_quot(out: &mut String, s: &str) {
    escape_into(out, s, true, false);
}

#[cfg(test)]
fn escape(s: &str, double: bool, single: bool) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s, double, single);
    out
}

fn escape_into(out: &mut String, s: &str, double: bool, single: bool) {
    let needles: &[u8] = match (double, single) {
        (true, true) => b"&<>\0\"'\r",
        (true, false) => b"&<>\0\"",
        (false, true) => b"&<>\0'",
        (false, false) => b"&<>\0",
    };
    // Copy runs of plain text in one go: all replaced characters are ASCII, so byte
    // positions are always character boundaries.
    let bytes = s.as_bytes();
    let mut plain = 0;
    while let Some(found) = bytes.get(plain..).and_then(|rest| find_any(rest, needles)) {
        let i = plain + found;
        out.push_str(s.get(plain..i).unwrap_or_default());
        out.push_str(match bytes.get(i) {
            Some(b'&') => "&amp;",
            Some(b'<') => "&lt;",
            Some(b'>') => "&gt;",
            Some(b'"') => "&quot;",
            Some(b'\'') => "&#39;",
            Some(b'\r') => "&#13;",
            // NUL is a parse error in HTML; drop it rather than emit it.
            _ => "",
        });
        plain = i + 1;
    }
    out.push_str(s.get(plain..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn escapes_text_markup() {
        assert_eq!(super::text("<b>\"&'"), "&lt;b&gt;\"&amp;'");
    }

    #[test]
    fn drops_nul_and_keeps_multibyte_text() {
        assert_eq!(super::text("a\0ü<€"), "aü&lt;€");
    }

    #[test]
    fn escapes_attribute_quotes() {
        assert_eq!(super::attr("a\"b'c<&>"), "a&quot;b&#39;c&lt;&amp;&gt;");
    }

    #[test]
    fn the_sanitisers_text_escapes_double_quotes_only() {
        let mut out = String::new();
        super::push_text_quot(&mut out, "a\"b'c\r<");
        assert_eq!(out, "a&quot;b'c\r&lt;");
    }

    #[test]
    fn keeps_a_carriage_return_in_an_attribute_as_a_reference() {
        assert_eq!(super::attr("no\razon\r\n"), "no&#13;azon&#13;\n");
        assert_eq!(super::text("a\rb"), "a\rb");
    }
}
