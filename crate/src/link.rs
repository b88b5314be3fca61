//! Building Amazon links. Every URL the core emits is serialised here, never concatenated
//! from raw input: the pieces are validated types.

use crate::{Asin, Marketplace, Tag};

/// The canonical product link `https://<host>/dp/<ASIN>?tag=<tag>`.
///
/// Safe to place in an attribute after attribute escaping: host, ASIN and tag are validated
/// types whose characters need no percent-encoding.
pub fn product_link(market: &Marketplace, asin: &Asin, tag: Option<&Tag>) -> String {
    let mut url = format!("https://{}/dp/{}", market.host, asin);
    if let Some(tag) = tag {
        url.push_str("?tag=");
        url.push_str(tag.as_str());
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_tagged_product_link() {
        let m = Marketplace::by_country("DE").unwrap();
        let a = Asin::parse("B0SHLFD201").unwrap();
        let t = Tag::parse("shelftest-21").unwrap();
        assert_eq!(
            product_link(m, &a, Some(&t)),
            "https://www.amazon.de/dp/B0SHLFD201?tag=shelftest-21"
        );
        assert_eq!(
            product_link(m, &a, None),
            "https://www.amazon.de/dp/B0SHLFD201"
        );
    }
}
