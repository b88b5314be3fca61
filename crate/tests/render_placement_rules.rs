//! Placement-wide rules of the renderer: the placement's tag on every Amazon link, the record
//! status the server sends, and which records the page should fetch again.

mod render_support;

use render_support::render;

/// Every `tag` value of every Amazon link in some HTML.
fn amazon_tags(html: &str) -> Vec<String> {
    let mut tags = Vec::new();
    for part in html.split("href=\"").skip(1) {
        let href = &part[..part.find('"').unwrap_or(part.len())];
        if !href.contains("amazon.") {
            continue;
        }
        let query = href.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let values: Vec<&str> = query
            .split("&amp;")
            .filter_map(|pair| pair.strip_prefix("tag="))
            .collect();
        tags.push(values.join("+"));
    }
    tags
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_placement_tag_is_on_every_amazon_link_of_every_family() {
    for kind in ["box", "table", "list", "link", "imageLink"] {
        let r = render(&format!(
            r#"{{"kind": "{kind}", "marketplace": "www.amazon.com", "tag": "placement-21",
                "records": [{{"fixtureItem": "B0SHLFK001"}}, {{"fixtureItem": "B0SHLFL002"}},
                            {{"asin": "B0SHLFN000", "item": null, "status": "pending"}}],
                "options": {{"rows": [{{"type": "title"}}, {{"type": "button"}},
                    {{"type": "customButton", "url": "https://www.amazon.com/dp/B0SHLFK001?tag=owner-20&linkCode=ll1"}}]}}}}"#
        ));
        let tags = amazon_tags(&r.html);
        assert!(!tags.is_empty(), "{kind}: {}", r.html);
        assert!(tags.iter().all(|t| t == "placement-21"), "{kind}: {tags:?}");
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn amazon_attribution_parameters_stay_beside_the_placement_tag() {
    let r = render(
        r#"{"kind": "table", "marketplace": "www.amazon.com", "tag": "placement-21",
            "records": [{"fixtureItem": "B0SHLFK001"}],
            "options": {"rows": [{"type": "customButton",
                "url": "https://www.amazon.com/dp/B0SHLFK001?linkCode=ll1&tag=owner-20&linkId=abc"}]}}"#,
    );
    assert!(
        r.html.contains(
            "https://www.amazon.com/dp/B0SHLFK001?linkCode=ll1&amp;tag=placement-21&amp;linkId=abc"
        ),
        "{}",
        r.html
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unavailable_status_wins_over_an_item_and_names_the_reason() {
    let r = render(
        r#"{"kind": "box", "marketplace": "www.amazon.com", "tag": "shelftest-20",
            "records": [{"fixtureItem": "B0SHLFK001"}]}"#,
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let mut input = render_support::expand(
        r#"{"kind": "box", "marketplace": "www.amazon.com", "tag": "shelftest-20",
            "records": [{"fixtureItem": "B0SHLFK001"}]}"#,
    );
    input["records"][0]["status"] = "unavailable".into();
    let r = shelf_core::render_json(&input.to_string());
    assert!(
        r.html.contains("/dp/B0SHLFK001?tag=shelftest-20"),
        "{}",
        r.html
    );
    assert!(
        !r.html.contains("shelf-amount"),
        "no price for an unavailable product"
    );
    assert_eq!(r.errors.len(), 1);
    assert_eq!(
        r.errors[0].message,
        "Amazon reports B0SHLFK001 as not available"
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn records_older_than_the_lifetime_are_named_for_refetching() {
    let input = |lifetime: &str| {
        format!(
            r#"{{"kind": "box", "marketplace": "www.amazon.com", {lifetime}
                "records": [{{"fixtureItem": "B0SHLFK001", "age": 7200}},
                            {{"fixtureItem": "B0SHLFL002", "age": 60}},
                            {{"fixtureItem": "B0SHLFM003", "age": 90000}},
                            {{"asin": "B0SHLFN000", "item": null, "status": "pending"}}]}}"#
        )
    };
    assert_eq!(
        render(&input(r#""lifetime": 3600,"#)).refetch,
        ["B0SHLFK001", "B0SHLFM003"]
    );
    // Without a lifetime (or with one past Amazon's limit) the limit is 24 hours.
    assert_eq!(render(&input("")).refetch, ["B0SHLFM003"]);
    assert_eq!(
        render(&input(r#""lifetime": 999999,"#)).refetch,
        ["B0SHLFM003"]
    );
}
