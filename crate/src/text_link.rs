//! The `[amazon link]` placement: a tagged text link.

use crate::read_value::{Fields, ShapeError};
use crate::{escape, product_link, Asin, Marketplace, Tag};
use serde_json::Value;

/// What a text link needs. The shell passes it in; nothing here is trusted.
#[derive(Debug, Clone)]
pub struct TextLinkInput {
    /// Store host, e.g. `www.amazon.com`.
    pub marketplace: String,
    /// The product's ASIN.
    pub asin: String,
    /// The site's tracking tag; empty means untagged.
    pub tag: String,
    /// The anchor text; empty falls back to the ASIN.
    pub title: String,
}

impl TextLinkInput {
    /// Reads `{marketplace, asin, tag?, title?}`.
    pub fn from_value(value: &Value) -> Result<TextLinkInput, ShapeError> {
        let f = Fields::of(Some(value), "the link")?;
        Ok(TextLinkInput {
            marketplace: f
                .text("marketplace")?
                .ok_or(ShapeError::Missing("marketplace"))?,
            asin: f.text("asin")?.ok_or(ShapeError::Missing("asin"))?,
            tag: f.text_or("tag", "")?,
            title: f.text_or("title", "")?,
        })
    }
}

/// Why a text link could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLinkError(pub String);

impl std::fmt::Display for TextLinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TextLinkError {}

/// Renders `<a class="shelf-link" href=… rel="sponsored noopener" target="_blank">title</a>`.
pub fn render_text_link(input: &TextLinkInput) -> Result<String, TextLinkError> {
    let market = Marketplace::by_host(&input.marketplace).ok_or_else(|| {
        TextLinkError(format!(
            "unknown marketplace \u{201c}{}\u{201d}",
            input.marketplace
        ))
    })?;
    let asin = Asin::parse(&input.asin).map_err(|e| TextLinkError(e.to_string()))?;
    let tag = match input.tag.trim() {
        "" => None,
        t => Some(Tag::parse(t).map_err(|e| TextLinkError(e.to_string()))?),
    };
    let title = match input.title.trim() {
        "" => asin.as_str(),
        t => t,
    };
    Ok(format!(
        "<a class=\"shelf-link\" href=\"{}\" rel=\"sponsored noopener\" target=\"_blank\">{}</a>",
        escape::attr(&product_link(market, &asin, tag.as_ref())),
        escape::text(title)
    ))
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn input(tag: &str, title: &str) -> TextLinkInput {
        TextLinkInput {
            marketplace: "www.amazon.com".into(),
            asin: "B0SHLFK001".into(),
            tag: tag.into(),
            title: title.into(),
        }
    }

    #[test]
    fn renders_tagged_sponsored_link() {
        assert_eq!(
            render_text_link(&input("shelftest-20", "Kettle <b>")).unwrap(),
            "<a class=\"shelf-link\" href=\"https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20\" \
             rel=\"sponsored noopener\" target=\"_blank\">Kettle &lt;b&gt;</a>"
        );
    }

    #[test]
    fn rejects_invalid_tag() {
        assert!(render_text_link(&input("Bad Tag", "x")).is_err());
    }
}
