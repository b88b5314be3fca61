//! Every Creators API fixture parses and renders; API errors render as documented (a plain
//! tagged link plus an owner-facing problem).

mod render_support;

use render_support::{render, FIXTURES, NOW};
use serde_json::{json, Value};
use shelf_core::parse_items_response_json;

const ERRORS: &[&str] = &[
    include_str!("../../tests/fixtures/creators-api/errors/429.json"),
    include_str!("../../tests/fixtures/creators-api/errors/401-token-expired.json"),
    include_str!("../../tests/fixtures/creators-api/errors/403-not-eligible.json"),
];

fn marketplace(file: &str) -> &'static str {
    if file.contains("-de") {
        "www.amazon.de"
    } else {
        "www.amazon.com"
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_fixture_item_parses() {
    let mut total = 0;
    for (name, text) in FIXTURES {
        let response = parse_items_response_json(text).unwrap();
        assert!(!response.items.is_empty(), "{name}");
        for item in &response.items {
            assert!(item.is_ok(), "{name}: {item:?}");
        }
        total += response.items.len();
    }
    assert_eq!(total, 3 + 2 + 2 + 5);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn keeps_per_item_errors_of_a_partial_response() {
    let response = parse_items_response_json(FIXTURES[1].1).unwrap();
    assert_eq!(response.errors.len(), 1);
    assert_eq!(response.errors[0].0, "ItemNotAccessible");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn item_results_spelling_gives_the_same_result() {
    for (name, text) in FIXTURES.iter().filter(|(n, _)| n.starts_with("get-items")) {
        let renamed = text.replacen("\"itemsResult\"", "\"itemResults\"", 1);
        assert_ne!(&renamed, text, "{name}");
        let a = parse_items_response_json(text).unwrap();
        let b = parse_items_response_json(&renamed).unwrap();
        assert_eq!(a, b, "{name}");
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_fixture_item_renders_in_every_kind() {
    for (name, text) in FIXTURES {
        let body: Value = serde_json::from_str(text).unwrap();
        let envelope = body
            .get("itemsResult")
            .or_else(|| body.get("searchResult"))
            .unwrap();
        for item in envelope["items"].as_array().unwrap() {
            let asin = item["asin"].as_str().unwrap();
            for kind in ["box", "table", "list", "link", "imageLink", "field"] {
                let input = json!({"kind": kind, "marketplace": marketplace(name),
                    "records": [{"fixtureItem": asin}], "options": {"field": "price"}});
                let r = render(&input.to_string());
                assert!(r.errors.is_empty(), "{name} {asin} {kind}: {:?}", r.errors);
                if kind != "field" {
                    assert!(r.html.contains(asin), "{name} {asin} {kind}: {}", r.html);
                }
            }
        }
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn api_error_bodies_render_as_plain_tagged_links() {
    for text in ERRORS {
        assert!(parse_items_response_json(text).unwrap().items.is_empty());
        let input = json!({"kind": "box", "marketplace": "www.amazon.com", "tag": "shelftest-20",
            "now": NOW, "records": [{"asin": "B0SHLFK001", "item": null, "status": "error"}]});
        let r = shelf_core::render_json(&input.to_string());
        assert!(
            r.html
                .contains("href=\"https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20\""),
            "{}",
            r.html
        );
        assert_eq!(r.errors.len(), 1);
        assert!(r.errors[0]
            .message
            .starts_with("the last fetch of B0SHLFK001 failed"));
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unusable_placements_render_nothing_with_a_reason() {
    for input in [
        r#"{"kind": "box", "marketplace": "www.amazon.evil"}"#,
        r#"{"kind": "box", "marketplace": "www.amazon.com", "tag": "Bad Tag"}"#,
        r#"{"kind": "carousel", "marketplace": "www.amazon.com"}"#,
        r#"not json"#,
    ] {
        let r = shelf_core::render_json(input);
        assert_eq!(r.html, "", "{input}");
        assert_eq!(r.errors.len(), 1, "{input}");
    }
}
