//! `orderBy` and `order`: boxes, lists and tables sort their products by the title, price or
//! rating a visitor sees; products without that key go last, ties keep their given order.

mod render_support;

use render_support::{render, NOW};
use serde_json::{json, Value};

/// A fresh record with a title, and a price and star rating when given.
fn record(asin: &str, title: &str, price: Option<f64>, stars: Option<f64>) -> Value {
    let mut item = json!({"asin": asin, "itemInfo": {"title": {"displayValue": title}}});
    if let Some(amount) = price {
        item["offersV2"] = json!({"listings": [{"price": {"money": {"amount": amount,
            "currency": "USD", "displayAmount": format!("${amount:.2}")}}}]});
    }
    if let Some(value) = stars {
        item["customerReviews"] = json!({"count": 10, "starRating": {"value": value}});
    }
    json!({"asin": asin, "item": item, "fetchedAt": NOW - 60, "status": "ok"})
}

/// The ASINs in the order the HTML shows them (first `/dp/` link of each).
fn shown(kind: &str, records: &[Value], options: Value) -> Vec<String> {
    let input = json!({"kind": kind, "marketplace": "www.amazon.com", "records": records,
        "options": options});
    let html = render(&input.to_string()).html;
    let mut asins: Vec<String> = Vec::new();
    for part in html.split("/dp/").skip(1) {
        let asin = part[..10].to_owned();
        if asins.last() != Some(&asin) && !asins.contains(&asin) {
            asins.push(asin);
        }
    }
    asins
}

fn products() -> Vec<Value> {
    vec![
        record("B0SHLFA001", "banana stand", Some(20.0), Some(4.0)),
        record("B0SHLFA002", "Apple crate", None, Some(4.5)),
        record("B0SHLFA003", "cherry box", Some(5.5), None),
        json!({"asin": "B0SHLFA004", "item": null, "status": "pending"}),
        record("B0SHLFA005", "Date tin", Some(20.0), Some(4.0)),
    ]
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn price_orders_shown_prices_and_puts_products_without_one_last() {
    for kind in ["box", "list", "table"] {
        let desc = shown(
            kind,
            &products(),
            json!({"orderBy": "price", "order": "desc",
            "rows": [{"type": "title"}]}),
        );
        // 20 and 20 keep their given order; no price (A002) and no data (A004) go last, as given.
        assert_eq!(
            desc,
            [
                "B0SHLFA001",
                "B0SHLFA005",
                "B0SHLFA003",
                "B0SHLFA002",
                "B0SHLFA004"
            ],
            "{kind}"
        );
        let asc = shown(
            kind,
            &products(),
            json!({"orderBy": "price", "rows": [{"type": "title"}]}),
        );
        assert_eq!(
            asc,
            [
                "B0SHLFA003",
                "B0SHLFA001",
                "B0SHLFA005",
                "B0SHLFA002",
                "B0SHLFA004"
            ],
            "{kind}"
        );
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn title_orders_case_insensitively_and_rating_by_stars() {
    assert_eq!(
        shown(
            "box",
            &products(),
            json!({"orderBy": "title", "order": "asc"})
        ),
        [
            "B0SHLFA002",
            "B0SHLFA001",
            "B0SHLFA003",
            "B0SHLFA005",
            "B0SHLFA004"
        ]
    );
    assert_eq!(
        shown(
            "box",
            &products(),
            json!({"orderBy": "title", "order": "desc"})
        ),
        [
            "B0SHLFA005",
            "B0SHLFA003",
            "B0SHLFA001",
            "B0SHLFA002",
            "B0SHLFA004"
        ]
    );
    assert_eq!(
        shown(
            "list",
            &products(),
            json!({"orderBy": "rating", "order": "desc"})
        ),
        [
            "B0SHLFA002",
            "B0SHLFA001",
            "B0SHLFA005",
            "B0SHLFA003",
            "B0SHLFA004"
        ]
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_price_or_rating_the_visitor_may_not_see_does_not_sort() {
    // Stale data (over 24 h) shows no price and no rating, so it cannot rank by them.
    let mut stale = record("B0SHLFA006", "stale", Some(1.0), Some(5.0));
    stale["fetchedAt"] = json!(NOW - 90_000);
    let mut records = vec![stale];
    records.extend(products().into_iter().take(1));
    for by in ["price", "rating"] {
        assert_eq!(
            shown("box", &records, json!({"orderBy": by, "order": "asc"})),
            ["B0SHLFA001", "B0SHLFA006"],
            "{by}"
        );
    }
    // A manual product has the owner's rating but never a price.
    let manual = json!({"manual": {"title": "own", "asin": "B0SHLFA007", "rating": 5}});
    let records = vec![manual, products().remove(0)];
    assert_eq!(
        shown("box", &records, json!({"orderBy": "price"})),
        ["B0SHLFA001", "B0SHLFA007"]
    );
    assert_eq!(
        shown(
            "box",
            &records,
            json!({"orderBy": "rating", "order": "desc"})
        ),
        ["B0SHLFA007", "B0SHLFA001"]
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn without_order_by_or_with_an_unknown_one_products_keep_their_given_order() {
    let given = [
        "B0SHLFA001",
        "B0SHLFA002",
        "B0SHLFA003",
        "B0SHLFA004",
        "B0SHLFA005",
    ];
    assert_eq!(shown("box", &products(), json!({"order": "desc"})), given);
    assert_eq!(
        shown(
            "box",
            &products(),
            json!({"orderBy": "reviews", "order": "desc"})
        ),
        given
    );
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_list_ranks_in_sorted_order() {
    let input = json!({"kind": "list", "marketplace": "www.amazon.com", "records": products(),
        "options": {"orderBy": "price", "order": "asc"}});
    let html = render(&input.to_string()).html;
    let first = html.find("aria-hidden=\"true\">1</span>").unwrap();
    assert!(
        html[first..].find("B0SHLFA003") < html[first..].find("B0SHLFA001"),
        "{html}"
    );
}
