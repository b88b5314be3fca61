//! The disclosure vectors shared with the PHP shell (tests/php/test-disclosure.php), which
//! resolves the statement (the owner's wording, else the locale's default from the core's table,
//! shipped as `data/disclosures.php`) and prints its markup. Here: the defaults the vectors'
//! markup holds are the core's.

#[derive(serde::Deserialize)]
struct Case {
    name: String,
    locale: String,
    wording: String,
    html: String,
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn default_statements_match_shared_vectors() {
    let cases: Vec<Case> =
        serde_json::from_str(include_str!("data/disclosures.json")).expect("valid vector file");
    let defaults: Vec<Case> = cases.into_iter().filter(|c| c.wording.is_empty()).collect();
    assert!(defaults.len() >= 4);
    for case in defaults {
        let statement = shelf_core::default_disclosure(&case.locale);
        // The defaults need no escaping, so the markup holds them as they are.
        assert!(!statement.contains(['<', '>', '&', '"', '\'']));
        assert_eq!(
            format!("<p class=\"shelf shelf-disclosure\">{statement}</p>"),
            case.html,
            "{}",
            case.name
        );
    }
}
