//! Snapshot tests for every renderer and layout.
//!
//! Inputs: `data/products/<name>.json` (placements; `fixtureItem` records refer to the Creators
//! API fixtures). Expected output: `data/snapshots/<name>.html`, the HTML broken into lines
//! before block tags, then the flag and the owner-facing problems. Rewrite the snapshots with
//! `SHELF_UPDATE_SNAPSHOTS=1 cargo test -p shelf-core --test render_snapshots` and review the diff.

mod render_support;

use render_support::{pretty, render};

fn snapshot_text(input: &str) -> String {
    let r = render(input);
    let mut out = pretty(&r.html);
    out.push_str(&format!("---- amazonLinks: {}\n", r.amazon_links));
    for e in &r.errors {
        out.push_str(&format!(
            "---- error (record {:?}): {}\n",
            e.record, e.message
        ));
    }
    out
}

fn check(name: &str, input: &str, expected: &str) {
    let actual = snapshot_text(input);
    if actual == expected {
        return;
    }
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("SHELF_UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        let path = format!(
            "{}/tests/data/snapshots/{name}.html",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::write(&path, actual).expect("snapshot written");
        return;
    }
    panic!("snapshot {name} differs.\n--- expected\n{expected}\n--- actual\n{actual}");
}

macro_rules! snapshots {
    ($($name:ident),+ $(,)?) => {$(
        #[test]
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        fn $name() {
            check(
                stringify!($name),
                include_str!(concat!("data/products/", stringify!($name), ".json")),
                include_str!(concat!("data/snapshots/", stringify!($name), ".html")),
            );
        }
    )+};
}

snapshots!(
    box_horizontal,
    box_vertical_three,
    box_partial_errors,
    box_manual,
    box_de,
    box_stale,
    table_default,
    table_all_rows,
    table_html_denied,
    table_hidden_highlight,
    list_bestsellers,
    link_text,
    link_image,
    link_image_stale,
    field_title,
    field_price,
    field_price_map,
    field_image,
    field_button,
    field_url,
    field_link,
    field_features,
    field_rating,
    field_last_update,
);
