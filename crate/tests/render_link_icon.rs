//! `linkIcon`: a text link gets the class that draws its icon; nothing else changes.

mod render_support;

use render_support::render;

fn link(options: &str) -> String {
    render(&format!(
        r#"{{"kind": "link", "marketplace": "www.amazon.com", "tag": "shelftest-20",
            "records": [{{"fixtureItem": "B0SHLFK001"}}], "options": {options}}}"#
    ))
    .html
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn each_icon_is_a_class_on_the_text_link() {
    for (icon, class) in [
        ("amazon", "shelf-link shelf-icon-amazon"),
        ("amazonLogo", "shelf-link shelf-icon-amazonLogo"),
        ("cart", "shelf-link shelf-icon-cart"),
    ] {
        let html = link(&format!(r#"{{"linkIcon": "{icon}"}}"#));
        assert!(
            html.starts_with(&format!("<a class=\"{class}\" href=")),
            "{icon}: {html}"
        );
    }
    let plain = link("{}");
    assert!(
        plain.starts_with("<a class=\"shelf-link\" href="),
        "{plain}"
    );
    assert_eq!(link(r#"{"linkIcon": "none"}"#), plain);
    // Unknown words are the default, never echoed.
    assert_eq!(link(r#"{"linkIcon": "\"><script>"}"#), plain);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn image_links_and_fields_get_no_icon() {
    for kind in ["imageLink", "field"] {
        let html = render(&format!(
            r#"{{"kind": "{kind}", "marketplace": "www.amazon.com",
                "records": [{{"fixtureItem": "B0SHLFK001"}}],
                "options": {{"linkIcon": "cart", "field": "link"}}}}"#
        ))
        .html;
        assert!(!html.contains("shelf-icon"), "{kind}: {html}");
    }
}
