//! What the owner decides in the table builder beyond the rows' content: hidden rows, hidden
//! products and highlighted rows.

mod render_support;

use render_support::render;

/// A table of two Amazon products and a manual one, with these options.
fn table(options: &str) -> shelf_core::Rendered {
    render(&format!(
        r#"{{"kind": "table", "marketplace": "www.amazon.com", "tag": "shelftest-20",
            "records": [{{"fixtureItem": "B0SHLFK001"}}, {{"fixtureItem": "B0SHLFP004"}},
                {{"manual": {{"id": "own", "title": "House brand kettle",
                    "buttonUrl": "https://shop.example.net/k"}}}}],
            "options": {options}}}"#
    ))
}

/// The opening `<tr …>` tags, in order.
fn row_tags(html: &str) -> Vec<&str> {
    html.match_indices("<tr ")
        .map(|(at, _)| {
            let rest = &html[at..];
            &rest[..=rest.find('>').unwrap_or(0)]
        })
        .collect()
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hidden_rows_are_left_out() {
    let r = table(
        r#"{"rows": [{"type": "title"}, {"type": "text", "label": "Capacity", "value": "1.2 L"},
            {"type": "text", "label": "Secret", "value": "draft note", "hidden": true},
            {"type": "button", "hidden": false}]}"#,
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(
        row_tags(&r.html),
        [
            r#"<tr class="shelf-row shelf-row--title">"#,
            r#"<tr class="shelf-row shelf-row--text">"#,
            r#"<tr class="shelf-row shelf-row--button">"#,
        ]
    );
    assert!(r.html.contains("Capacity") && r.html.contains("1.2 L"));
    assert!(
        !r.html.contains("Secret") && !r.html.contains("draft note"),
        "{}",
        r.html
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_hidden_title_row_is_still_rendered_as_the_column_headers() {
    let r = table(
        r#"{"rows": [{"type": "title", "label": "Model", "hidden": true},
            {"type": "price", "label": "Price"}]}"#,
    );
    assert_eq!(
        row_tags(&r.html),
        [
            r#"<tr class="shelf-row shelf-row--title">"#,
            r#"<tr class="shelf-row shelf-row--price">"#,
        ]
    );
    assert!(
        r.html
            .contains(r#"<th scope="row" class="shelf-label">Model</th>"#),
        "{}",
        r.html
    );
    assert_eq!(
        r.html.matches(r#"<th scope="col">"#).count(),
        3,
        "{}",
        r.html
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hidden_rows_do_not_report_problems_of_their_content() {
    let r = table(r#"{"rows": [{"type": "price", "value": "$5", "hidden": true}]}"#);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(!r.html.contains("shelf-row--price"), "{}", r.html);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn highlighted_rows_carry_the_highlight_class() {
    let r = table(
        r#"{"rows": [{"type": "title", "highlight": true},
            {"type": "yesNo", "label": "Induction", "value": "yes", "highlight": true},
            {"type": "button", "highlight": false}]}"#,
    );
    assert_eq!(
        row_tags(&r.html),
        [
            r#"<tr class="shelf-row shelf-row--title shelf-row--highlight">"#,
            r#"<tr class="shelf-row shelf-row--yesNo shelf-row--highlight">"#,
            r#"<tr class="shelf-row shelf-row--button">"#,
        ]
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hidden_products_lose_their_column_in_every_row() {
    let r = table(
        r#"{"hidden": ["B0SHLFP004", "own"], "highlight": "B0SHLFK001", "ribbon": "Pick",
            "rows": [{"type": "title"}, {"type": "text", "value": "x"}, {"type": "button"}]}"#,
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(r.html.contains("/dp/B0SHLFK001"), "{}", r.html);
    assert!(
        !r.html.contains("B0SHLFP004") && !r.html.contains("shop.example.net"),
        "{}",
        r.html
    );
    // One product cell per row: the title row's header and one cell in each other row.
    assert_eq!(
        r.html.matches(r#"<th scope="col""#).count(),
        1,
        "{}",
        r.html
    );
    assert_eq!(r.html.matches("<td").count(), 2, "{}", r.html);
    assert_eq!(r.html.matches("shelf-ribbon").count(), 1, "{}", r.html);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn an_unknown_hidden_id_hides_nothing() {
    let shown = table(r#"{"hidden": ["B0SHLFZ999", ""]}"#);
    let plain = table("{}");
    assert!(shown.errors.is_empty(), "{:?}", shown.errors);
    assert_eq!(shown.html, plain.html);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_table_whose_products_are_all_hidden_renders_nothing_and_says_why() {
    let r = table(r#"{"hidden": ["own", "B0SHLFK001", "B0SHLFP004"]}"#);
    assert_eq!(r.html, "");
    assert!(!r.amazon_links);
    let messages: Vec<&str> = r.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        ["every product of the table is hidden; the table was not shown"]
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn only_tables_hide_products() {
    for kind in ["box", "list"] {
        let r = render(&format!(
            r#"{{"kind": "{kind}", "marketplace": "www.amazon.com",
                "records": [{{"fixtureItem": "B0SHLFK001"}}, {{"fixtureItem": "B0SHLFP004"}}],
                "options": {{"hidden": ["B0SHLFP004"]}}}}"#
        ));
        assert!(r.html.contains("/dp/B0SHLFP004"), "{kind}: {}", r.html);
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_flag_that_is_not_a_boolean_makes_the_options_unreadable_like_any_wrong_kind() {
    let r = table(r#"{"caption": "Mine", "rows": [{"type": "text", "hidden": "yes"}]}"#);
    let messages: Vec<&str> = r.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        ["the options could not be read, defaults were used: hidden must be true or false"]
    );
    // The defaults: the default rows, the default caption.
    assert!(r.html.contains("shelf-row--image") && !r.html.contains("Mine"));
}
