//! The shared tracking-tag vectors (`data/tags.json`); the PHP sanitiser's tests read the same
//! file and must agree with `ok` on every one.

use serde::Deserialize;
use shelf_core::{Marketplace, Tag};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    input: String,
    marketplace: String,
    ok: bool,
    error_kind: Option<String>,
    suggestion: Option<String>,
    warnings: Vec<String>,
}

fn vectors() -> Vec<Vector> {
    serde_json::from_str(include_str!("data/tags.json")).unwrap_or_default()
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn tag_vectors_match_rust_rules() {
    let all = vectors();
    assert!(all.len() >= 40, "only {} vectors", all.len());
    for v in &all {
        let market = Marketplace::by_id(&v.marketplace);
        assert!(market.is_some(), "unknown marketplace {}", v.marketplace);
        match (Tag::parse(&v.input), market) {
            (Ok(tag), Some(market)) => {
                assert!(v.ok, "{:?} accepted", v.input);
                let warnings: Vec<&str> = tag.warnings(market).iter().map(|w| w.kind()).collect();
                assert_eq!(warnings, v.warnings, "{:?}", v.input);
                assert!(v.error_kind.is_none() && v.suggestion.is_none());
            }
            (Err(e), _) => {
                assert!(!v.ok, "{:?} rejected: {e}", v.input);
                assert_eq!(Some(e.kind()), v.error_kind.as_deref(), "{:?}", v.input);
                let suggestion = match &e {
                    shelf_core::errors::TagError::Uppercase(lower) => Some(lower.as_str()),
                    _ => None,
                };
                assert_eq!(suggestion, v.suggestion.as_deref(), "{:?}", v.input);
                assert!(v.warnings.is_empty());
            }
            (Ok(_), None) => {}
        }
    }
}
