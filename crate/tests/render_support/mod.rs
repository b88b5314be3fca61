//! Shared by the render tests: fixture items by ASIN and placement inputs that refer to them.
//!
//! A record `{"fixtureItem": "B0SHLFK001", "age": 3600}` in a test input stands for
//! `{"asin": …, "item": <that fixture item>, "fetchedAt": now - age, "asOf": …}` (`asOf` when
//! given, the server's text for the time), so the Creators API fixtures are not copied into
//! every input.
#![allow(dead_code)] // Each test binary uses a different part.

use serde_json::{json, Value};

/// 2026-11-24T08:00:00Z.
pub const NOW: i64 = 1_795_507_200;

/// The Creators API fixture files, by name.
pub const FIXTURES: &[(&str, &str)] = &[
    (
        "get-items-3-items.json",
        include_str!("../../../tests/fixtures/creators-api/get-items-3-items.json"),
    ),
    (
        "get-items-partial-errors.json",
        include_str!("../../../tests/fixtures/creators-api/get-items-partial-errors.json"),
    ),
    (
        "get-items-de.json",
        include_str!("../../../tests/fixtures/creators-api/get-items-de.json"),
    ),
    (
        "search-items.json",
        include_str!("../../../tests/fixtures/creators-api/search-items.json"),
    ),
];

/// The raw item with this ASIN from any fixture.
pub fn item(asin: &str) -> Value {
    FIXTURES
        .iter()
        .filter_map(|(_, text)| serde_json::from_str::<Value>(text).ok())
        .flat_map(|body| {
            ["itemsResult", "searchResult"]
                .iter()
                .filter_map(|k| body.get(k)?.get("items")?.as_array().cloned())
                .flatten()
                .collect::<Vec<_>>()
        })
        .find(|i| i.get("asin").and_then(Value::as_str) == Some(asin))
        .unwrap_or_else(|| panic!("no fixture item {asin}"))
}

/// Resolves `fixtureItem` records and a missing `now`.
pub fn expand(input: &str) -> Value {
    let mut v: Value = serde_json::from_str(input).expect("test input is JSON");
    let now = v.get("now").and_then(Value::as_i64).unwrap_or(NOW);
    v["now"] = json!(now);
    if let Some(records) = v.get_mut("records").and_then(Value::as_array_mut) {
        for r in records.iter_mut() {
            if let Some(asin) = r
                .get("fixtureItem")
                .and_then(Value::as_str)
                .map(str::to_owned)
            {
                let age = r.get("age").and_then(Value::as_i64).unwrap_or(0);
                let as_of = r.get("asOf").cloned().unwrap_or(Value::Null);
                *r = json!({"asin": asin, "item": item(&asin), "fetchedAt": now - age, "asOf": as_of});
            }
        }
    }
    v
}

/// Renders a test input.
pub fn render(input: &str) -> shelf_core::Rendered {
    shelf_core::render_json(&expand(input).to_string())
}

/// Breaks the HTML before block-level tags so snapshots can be reviewed line by line. Only
/// newlines between tags are added, so the comparison stays exact otherwise.
pub fn pretty(html: &str) -> String {
    const BREAK_BEFORE: &[&str] = &[
        "<article",
        "</article",
        "<div",
        "</div",
        "<h3",
        "<ul",
        "<li",
        "<tr",
        "</tr",
        "<td",
        "<th",
        "<table",
        "</table",
        "<caption",
        "<tbody",
        "</tbody",
        "<a class=\"shelf-button",
        "<details",
        "<ol",
        "</ol",
        "<span class=\"shelf-availability",
        "<small",
    ];
    let mut out = String::with_capacity(html.len() + html.len() / 10);
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        if i > 0 && BREAK_BEFORE.iter().any(|t| rest.starts_with(t)) {
            out.push('\n');
        }
        let ch = rest.chars().next().expect("not at end");
        out.push(ch);
        i += ch.len_utf8();
    }
    out.push('\n');
    out
}
