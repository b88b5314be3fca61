//! Data-driven `rewrite_links` cases: `data/rewrite/<case>.src.html` is rewritten with the options
//! below and must equal `<case>.expected.html` byte for byte; `<case>.report.txt` holds the
//! report, one JSON line per link (a first `unchanged` line when the input was kept).
//! After a deliberate change, `SHELF_BLESS=1 cargo test -p shelf-core --test rewrite` rewrites
//! the expected files; review their diff before committing.

use shelf_core::{rewrite_links, LinkOptions, Marketplace, Tag};

macro_rules! cases {
    ($($name:literal),* $(,)?) => {
        [$((
            $name,
            include_str!(concat!("data/rewrite/", $name, ".src.html")),
            include_str!(concat!("data/rewrite/", $name, ".expected.html")),
            include_str!(concat!("data/rewrite/", $name, ".report.txt")),
        )),*]
    };
}

const CASES: [(&str, &str, &str, &str); 9] = cases!(
    "post",
    "quoting",
    "untouched",
    "duplicates",
    "hostile",
    "malformed",
    "ambiguous",
    "attributes",
    "short",
);

/// US and DE tags, `nofollow` as the site's extra rel token, new tabs, and four resolved short
/// links (`short.src.html`).
fn options() -> LinkOptions {
    let market = |c| Marketplace::by_country(c).expect("known country");
    LinkOptions::new()
        .tag(market("US"), Tag::parse("shelftest-20").expect("valid tag"))
        .tag(market("DE"), Tag::parse("shelftest-21").expect("valid tag"))
        .rel("nofollow")
        .new_tab(true)
        .short_link(
            "https://amzn.to/3AbCdEf",
            "https://www.amazon.com/Shelf-Kettle/dp/B0SHLFK001?th=1",
        )
        .short_link(
            "https://a.co/d/1xYz",
            "https://www.amazon.de/dp/B0SHLFD201?tag=otherblog-21",
        )
        .short_link(
            "https://amzn.eu/d/8Qq",
            "https://www.amazon.de/dp/B0SHLFD201?tag=shelftest-21",
        )
        .short_link("https://amzn.asia/d/0zz", "https://example.com/landing")
}

fn report_text(result: &shelf_core::Rewrite) -> String {
    let mut lines = Vec::new();
    if let Some(unchanged) = &result.report.unchanged {
        let json = serde_json::to_string(unchanged).expect("serialisable");
        lines.push(format!("unchanged {json}"));
    }
    for link in &result.report.links {
        lines.push(serde_json::to_string(link).expect("serialisable"));
    }
    lines.join("\n") + "\n"
}

/// Writes the expected files instead of comparing (native only, `SHELF_BLESS=1`).
fn bless(name: &str, html: &str, report: &str) -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("SHELF_BLESS").is_some() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/rewrite/");
        std::fs::write(format!("{dir}{name}.expected.html"), html).expect("writable");
        std::fs::write(format!("{dir}{name}.report.txt"), report).expect("writable");
        return true;
    }
    let _ = (name, html, report);
    false
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn rewrites_every_case_to_its_expected_html_and_report() {
    let options = options();
    for (name, src, expected, expected_report) in CASES {
        let result = rewrite_links(src, &options);
        let report = report_text(&result);
        if bless(name, &result.html, &report) {
            continue;
        }
        assert_eq!(result.html, expected, "{name}: html");
        assert_eq!(report, expected_report, "{name}: report");
        let again = rewrite_links(&result.html, &options);
        assert_eq!(again.html, result.html, "{name}: not idempotent");
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn reports_untouched_links_and_ambiguous_input_in_json() {
    let html = "<template><a href=\"https://www.amazon.com/dp/B0SHLFK001\"></template>";
    let json = serde_json::to_value(rewrite_links(html, &options()).report).expect("json");
    assert_eq!(json["links"][0]["untouched"], "inTemplate");
    assert_eq!(json["links"][0]["offset"], 10);
    let html = "<select><xmp>";
    let json = serde_json::to_value(rewrite_links(html, &options()).report).expect("json");
    assert_eq!(json["unchanged"]["reason"], "ambiguousMarkup");
    assert_eq!(json["unchanged"]["offset"], 8);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn rewrites_a_large_post_in_linear_time() {
    let link =
        "<p>Text <a href=\"https://www.amazon.com/dp/B0SHLFK001?th=1&amp;psc=1\">x</a></p>\n";
    let small = link.repeat(1_000);
    let large = link.repeat(10_000);
    let changed = |html: &str| {
        rewrite_links(html, &options())
            .report
            .links
            .iter()
            .filter(|l| l.new_href.is_some())
            .count()
    };
    assert_eq!(changed(&small), 1_000);
    assert_eq!(changed(&large), 10_000);
}
