//! The two HTML escapers. Every string that reaches rendered HTML passes through one of them.

/// Escapes text for an HTML text node: `&`, `<` and `>` become character references.
///
/// # Warnings
/// Not safe inside attributes (quotes are kept) nor inside `<script>`/`<style>` (never used).
pub fn text(s: &str) -> String {
    escape(s, false)
}

/// Escapes a value for a double-quoted attribute: `&`, `<`, `>`, `"` and `'`.
///
/// # Warnings
/// Only for quoted attribute values. It does not make a URL safe: URLs come from the link module.
pub fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&#39;"),
            // NUL is a parse error in HTML; drop it rather than emit it.
            '\0' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_text_markup() {
        assert_eq!(super::text("<b>\"&'"), "&lt;b&gt;\"&amp;'");
    }

    #[test]
    fn escapes_attribute_quotes() {
        assert_eq!(super::attr("a\"b'c<&>"), "a&quot;b&#39;c&lt;&amp;&gt;");
    }
}
