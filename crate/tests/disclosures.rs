//! The disclosure vectors shared with the PHP shell (tests/php/test-disclosure.php), which
//! resolves the statement (the owner's wording, else the locale's default) and prints the same
//! HTML server-side. The resolution below is the test's stand-in for PHP's.

#[derive(serde::Deserialize)]
struct Case {
    name: String,
    locale: String,
    wording: String,
    html: String,
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn disclosures_match_shared_vectors() {
    let cases: Vec<Case> =
        serde_json::from_str(include_str!("data/disclosures.json")).expect("valid vector file");
    assert!(cases.len() >= 5);
    for case in cases {
        assert_eq!(
            shelf_core::disclosure_html(match case.wording.trim() {
                "" => shelf_core::default_disclosure(&case.locale),
                own => own,
            }),
            case.html,
            "{}",
            case.name
        );
    }
}
