//! The product-link vectors shared with the PHP fallback (tests/php/test-shortcode.php).

use shelf_core::{product_link, Asin, Marketplace, Tag};

#[derive(serde::Deserialize)]
struct Case {
    name: String,
    marketplace: String,
    asin: String,
    tag: String,
    url: String,
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn product_links_match_shared_vectors() {
    let cases: Vec<Case> =
        serde_json::from_str(include_str!("data/product_links.json")).expect("valid vector file");
    assert!(cases.len() >= 5);
    for case in cases {
        let market = Marketplace::by_host(&case.marketplace).expect("known marketplace");
        let asin = Asin::parse(&case.asin).expect("valid ASIN");
        let tag = (!case.tag.is_empty()).then(|| Tag::parse(&case.tag).expect("valid tag"));
        assert_eq!(
            product_link(market, &asin, tag.as_ref()),
            case.url,
            "{}",
            case.name
        );
    }
}
