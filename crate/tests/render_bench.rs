//! Native render timings for BENCHMARKS.md. Ignored by default; run with
//! `cargo test -p shelf-core --release --test render_bench -- --ignored --nocapture`.

mod render_support;

use render_support::{expand, NOW};
use serde_json::json;

fn placement(kind: &str, count: usize) -> String {
    let asins = [
        "B0SHLFK001",
        "B0SHLFP004",
        "B0SHLFQ005",
        "B0SHLFS101",
        "B0SHLFS103",
    ];
    let records: Vec<_> = (0..count)
        .map(|i| json!({"fixtureItem": asins[i % asins.len()], "age": 600}))
        .collect();
    let rows = json!([{"type": "title"}, {"type": "image"}, {"type": "price"},
        {"type": "yesNo", "label": "Induction", "value": "yes"},
        {"type": "text", "label": "Capacity", "value": "1 L"}, {"type": "button"}]);
    let input = json!({"kind": kind, "marketplace": "www.amazon.com", "tag": "shelftest-20",
        "now": NOW, "records": records, "options": {"rows": rows, "highlight": "B0SHLFK001",
        "ribbon": "Best"}});
    expand(&input.to_string()).to_string()
}

fn time(label: &str, json: &str) {
    let runs = 2_000;
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..runs {
        bytes += shelf_core::render_json(json).html.len();
    }
    let per = start.elapsed() / runs;
    println!(
        "{label}: {per:?} per render (JSON parse included), {} bytes of HTML",
        bytes / runs as usize
    );
}

#[test]
#[ignore = "benchmark"]
fn bench_table_and_box() {
    time("table, 10 products", &placement("table", 10));
    time("box, 5 products", &placement("box", 5));
}

#[test]
#[ignore = "benchmark"]
fn bench_parts() {
    let json = placement("table", 10);
    let runs = 500;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        let _ = shelf_core::RenderInput::from_json(&json).unwrap();
    }
    println!("parse only: {:?}", start.elapsed() / runs);
    let input = shelf_core::RenderInput::from_json(&json).unwrap();
    let start = std::time::Instant::now();
    for _ in 0..runs {
        shelf_core::render(&input);
    }
    println!("render only: {:?}", start.elapsed() / runs);
    let start = std::time::Instant::now();
    for _ in 0..runs * 10 {
        shelf_core::amazon_store_url("https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20&linkCode=ogi&th=1&psc=1&language=en_US");
    }
    println!("amazon_store_url: {:?}", start.elapsed() / (runs * 10));
}

#[test]
#[ignore = "benchmark"]
fn bench_item() {
    let item = render_support::item("B0SHLFK001").to_string();
    let runs = 5_000;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        shelf_core::Product::from_item_json(&item).unwrap();
    }
    println!(
        "from_item_json (parse and read): {:?}",
        start.elapsed() / runs
    );
}
