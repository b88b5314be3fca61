//! Placements rendered for the visitor's store instead of the page's (`localise`): that store's
//! records, host and tag; a product the store has no record of shows no price, availability or
//! stamp, only "See price on Amazon", linking to the same ASIN or a search there.

mod render_support;

use render_support::render;

/// Every href of some HTML, unescaped.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|part| part[..part.find('"').unwrap_or(part.len())].replace("&amp;", "&"))
        .collect()
}

/// The `<article>` of a box that holds `needle`.
fn card<'a>(html: &'a str, needle: &str) -> &'a str {
    html.split("<article")
        .find(|c| c.contains(needle))
        .unwrap_or_else(|| panic!("no card with {needle}: {html}"))
}

const DE_BOX: &str = r#"{"kind": "box", "marketplace": "www.amazon.de", "tag": "shelftest-21",
    "localise": "exact",
    "records": [{"fixtureItem": "B0SHLFD201"},
                {"asin": "B0SHLFL002", "item": null, "status": "pending"}]}"#;

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_visitors_store_record_renders_with_its_price_and_link() {
    let html = render(DE_BOX).html;
    let priced = card(&html, "B0SHLFD201");
    assert!(priced.contains("49,99 €"), "{priced}");
    assert!(priced.contains("class=\"shelf-stamp\""), "{priced}");
    assert!(priced.contains("Buy on Amazon"), "{priced}");
    assert!(
        hrefs(priced).iter().all(|h| h
            == "https://www.amazon.de/dp/B0SHLFD201?tag=shelftest-21&linkCode=ogi&th=1&psc=1&language=de_DE"),
        "{priced}"
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_product_without_a_record_there_shows_no_price_and_says_see_price() {
    let r = render(DE_BOX);
    let unpriced = card(&r.html, "B0SHLFL002");
    for absent in [
        "shelf-amount",
        "shelf-stamp",
        "shelf-availability",
        "shelf-offer",
        "<img",
    ] {
        assert!(!unpriced.contains(absent), "{absent}: {unpriced}");
    }
    assert!(
        unpriced.contains("class=\"shelf-button\"")
            && unpriced.contains(">See price on Amazon</a>"),
        "{unpriced}"
    );
    let links = hrefs(unpriced);
    assert_eq!(links.len(), 2, "title and button: {unpriced}");
    assert!(
        links
            .iter()
            .all(|h| h == "https://www.amazon.de/dp/B0SHLFL002?tag=shelftest-21"),
        "{links:?}"
    );
    // Its problem is still reported to the people who may edit the post.
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_search_mode_links_a_product_without_a_record_to_a_search_there() {
    let html = render(&DE_BOX.replace("\"exact\"", "\"search\"")).html;
    assert!(
        hrefs(card(&html, "B0SHLFL002"))
            .iter()
            .all(|h| h == "https://www.amazon.de/s?k=B0SHLFL002&tag=shelftest-21"),
        "{html}"
    );
    // A product the store has a record of is on its own page there.
    assert!(
        hrefs(card(&html, "B0SHLFD201"))
            .iter()
            .all(|h| h.starts_with("https://www.amazon.de/dp/B0SHLFD201?")),
        "{html}"
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_family_says_see_price_where_the_price_would_be_and_links_only_there() {
    let unavailable = r#"[{"asin": "B0SHLFL002", "item": null, "status": "unavailable"},
                          {"asin": "B0SHLFM003", "item": null, "status": "pending"}]"#;
    for (kind, options, see_price) in [
        ("box", "{}", true),
        ("list", "{}", true),
        ("table", "{}", true),
        ("field", r#"{"field": "price"}"#, true),
        ("field", r#"{"field": "button"}"#, true),
        ("link", "{}", false),
        ("imageLink", "{}", false),
    ] {
        let input = format!(
            r#"{{"kind": "{kind}", "marketplace": "www.amazon.de", "tag": "shelftest-21",
                "localise": "exact", "records": {unavailable}, "options": {options}}}"#
        );
        let html = render(&input).html;
        assert!(!html.is_empty(), "{kind} {options}");
        assert!(
            !html.contains("shelf-amount") && !html.contains("shelf-stamp"),
            "{html}"
        );
        assert_eq!(
            html.contains("See price on Amazon"),
            see_price,
            "{kind}: {html}"
        );
        let links = hrefs(&html);
        assert!(!links.is_empty(), "{kind}: {html}");
        for href in links {
            assert!(
                href.starts_with("https://www.amazon.de/dp/B0SHLF")
                    && href.ends_with("?tag=shelftest-21"),
                "{kind}: {href}"
            );
        }
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn without_localise_a_product_without_data_stays_one_plain_link() {
    let html = render(&DE_BOX.replace(r#""localise": "exact","#, "")).html;
    let plain = card(&html, "B0SHLFL002");
    assert!(!plain.contains("See price on Amazon"), "{plain}");
    assert_eq!(hrefs(plain).len(), 1, "{plain}");
    let price = render(
        r#"{"kind": "field", "marketplace": "www.amazon.com", "options": {"field": "price"},
            "records": [{"asin": "B0SHLFL002", "item": null, "status": "pending"}]}"#,
    );
    assert_eq!(price.html, "", "no price and nothing in its place");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn an_unknown_localise_mode_makes_the_placement_unreadable() {
    let r = render(&DE_BOX.replace("\"exact\"", "\"nearest\""));
    assert_eq!(r.html, "");
    assert_eq!(
        r.errors[0].message,
        "the placement data could not be read: localise must be one of: exact, search"
    );
}
