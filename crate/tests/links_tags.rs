//! The shared tracking-tag vectors (`data/tags.json`), also read by the PHP sanitiser's tests.

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
    php_valid: bool,
}

fn vectors() -> Vec<Vector> {
    serde_json::from_str(include_str!("data/tags.json")).unwrap_or_default()
}

/// PHP's `trim()` strips exactly these characters, unlike Rust's Unicode `trim()`.
fn php_trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\r', '\0', '\x0B'])
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

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn php_valid_flags_follow_the_php_rule() {
    for v in vectors() {
        let t = php_trim(&v.input);
        let php = !t.is_empty()
            && t.len() <= 64
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        assert_eq!(php, v.php_valid, "{:?}", v.input);
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_rust_valid_tag_is_php_valid_after_rust_trim() {
    // The server may be stricter about surrounding Unicode spaces, never laxer than the core.
    for v in vectors().iter().filter(|v| v.ok) {
        let t = v.input.trim();
        assert!(t.len() <= 64 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    }
}
