//! The Associates rules, end to end through `render`: data ages 0, 59 min, 23 h 59 min and
//! 24 h 1 min, MAP, missing offers and missing images.

mod render_support;

use render_support::render;

fn box_at_age(asin: &str, age: i64) -> shelf_core::Rendered {
    render(&format!(
        r#"{{"kind": "box", "marketplace": "www.amazon.com", "tag": "shelftest-20",
            "records": [{{"fixtureItem": "{asin}", "age": {age}}}]}}"#
    ))
}

const MIN: i64 = 60;
const HOUR: i64 = 60 * MIN;

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn shows_price_stamp_and_image_while_fresh() {
    for age in [0, 59 * MIN, 23 * HOUR + 59 * MIN] {
        let html = box_at_age("B0SHLFK001", age).html;
        assert!(html.contains("$39.99"), "price at age {age}");
        assert!(html.contains("In Stock"), "availability at age {age}");
        assert!(html.contains("class=\"shelf-stamp\""), "stamp at age {age}");
        assert!(
            html.contains("<details class=\"shelf-disclaimer\">"),
            "disclaimer at age {age}"
        );
        assert!(html.contains("m.media-amazon.com"), "image at age {age}");
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hides_price_availability_and_image_after_24_hours() {
    let r = box_at_age("B0SHLFK001", 24 * HOUR + MIN);
    for gone in [
        "$39.99",
        "$59.99",
        "In Stock",
        "shelf-stamp",
        "<img",
        "Limited time deal",
        "rating",
    ] {
        assert!(!r.html.contains(gone), "{gone} shown after 24 h");
    }
    assert!(
        r.html.contains("Fixturo Pour-Over Kettle"),
        "title and link stay"
    );
    assert!(r.html.contains("rel=\"sponsored noopener\""));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn stamp_is_next_to_every_price() {
    let r = render(
        r#"{"kind": "list", "marketplace": "www.amazon.com", "tag": "shelftest-20",
            "records": [{"fixtureItem": "B0SHLFS101"}, {"fixtureItem": "B0SHLFS103"}, {"fixtureItem": "B0SHLFS104"}]}"#,
    );
    assert_eq!(r.html.matches("shelf-amount").count(), 3);
    assert_eq!(r.html.matches("shelf-stamp").count(), 3);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn never_prices_a_map_item() {
    let html = box_at_age("B0SHLFM003", 0).html;
    assert!(!html.contains("149"), "MAP price leaked");
    assert!(html.contains("See price on Amazon"));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn missing_offers_leave_no_empty_price_markup() {
    let html = box_at_age("B0SHLFL002", 0).html;
    assert!(!html.contains("shelf-offer"));
    assert!(!html.contains("shelf-stamp"));
    assert!(html.contains("<img"), "the image still shows");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn missing_images_render_without_img() {
    let html = box_at_age("B0SHLFS104", 0).html;
    assert!(!html.contains("<img"));
    assert!(html.contains("$11.20"));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_image_has_width_and_height() {
    let html = render(
        r#"{"kind": "table", "marketplace": "www.amazon.com", "tag": "shelftest-20",
            "records": [{"fixtureItem": "B0SHLFK001"}, {"fixtureItem": "B0SHLFL002"}, {"fixtureItem": "B0SHLFS101"}]}"#,
    )
    .html;
    let imgs: Vec<&str> = html.split("<img").skip(1).collect();
    assert_eq!(imgs.len(), 3);
    for img in imgs {
        assert!(
            img.contains(" width=\"") && img.contains(" height=\""),
            "{img}"
        );
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn manual_products_never_show_a_price() {
    let r = render(
        r#"{"kind": "box", "marketplace": "www.amazon.com", "tag": "shelftest-20",
            "records": [{"manual": {"title": "Own kettle", "asin": "B0SHLFK001", "price": "$5.00", "amount": 5}}],
            "options": {"rows": []}}"#,
    );
    assert!(!r.html.contains("$5.00"));
    assert!(!r.html.contains("shelf-amount"));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn manual_products_point_to_the_price_on_amazon_unless_the_owner_words_the_button() {
    let button = |manual: &str| {
        let r = render(&format!(
            r#"{{"kind": "box", "marketplace": "www.amazon.com", "tag": "shelftest-20",
                "records": [{{"manual": {manual}}}], "wording": {{"buy": "Buy now"}}}}"#
        ));
        let start = r.html.find("class=\"shelf-button\"").expect("a button");
        let text = &r.html[start..];
        text[text.find('>').unwrap() + 1..text.find("</a>").unwrap()].to_owned()
    };
    assert_eq!(
        button(r#"{"title": "Kettle", "asin": "B0SHLFK001"}"#),
        "See price on Amazon"
    );
    assert_eq!(
        button(r#"{"title": "Kettle", "asin": "B0SHLFK001", "buttonText": " Check <it> "}"#),
        "Check &lt;it&gt;"
    );
    assert_eq!(
        button(r#"{"title": "Kettle", "buttonUrl": "https://shop.example.net/k"}"#),
        "View offer"
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn sites_may_add_rel_values_but_not_remove_required_ones() {
    let r = render(
        r#"{"kind": "link", "marketplace": "www.amazon.com", "tag": "shelftest-20",
            "records": [{"fixtureItem": "B0SHLFK001"}], "options": {"rel": "nofollow", "target": "sameTab"}}"#,
    );
    assert!(
        r.html.contains("rel=\"sponsored noopener nofollow\""),
        "{}",
        r.html
    );
    assert!(!r.html.contains("target="));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn reports_amazon_links_for_the_disclosure() {
    assert!(box_at_age("B0SHLFK001", 0).amazon_links);
    let manual_only = render(
        r#"{"kind": "box", "marketplace": "www.amazon.com",
            "records": [{"manual": {"title": "Own", "buttonUrl": "https://shop.example.net/x"}}]}"#,
    );
    assert!(!manual_only.amazon_links);
}
