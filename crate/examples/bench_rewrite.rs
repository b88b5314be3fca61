//! Native benchmark of `rewrite_links` on a post file (see `tests/tools/bench/rewrite.sh`).
//!
//! Usage: `cargo run --release -p shelf-core --example bench_rewrite -- POST.html [SECONDS]`.
//! Prints one JSON line: MB/s (best and median of repeated runs) and the peak resident memory
//! the first run added (from /proc/self/status, Linux only; 0 elsewhere).

use shelf_core::{rewrite_links, LinkOptions, Marketplace, Tag};
use std::time::{Duration, Instant};

/// Peak resident set size in bytes (`VmHWM`), or 0 when unknown.
fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: bench_rewrite POST.html [SECONDS]")?;
    let seconds: f64 = args.next().map_or(Ok(3.0), |s| s.parse())?;
    let html = std::fs::read_to_string(&path)?;
    let options = LinkOptions::new()
        .tag(
            Marketplace::by_country("US").ok_or("no US store")?,
            Tag::parse("shelfbench-20")?,
        )
        .tag(
            Marketplace::by_country("DE").ok_or("no DE store")?,
            Tag::parse("shelfbench-21")?,
        )
        .tag(
            Marketplace::by_country("GB").ok_or("no GB store")?,
            Tag::parse("shelfbench-21")?,
        );

    // The first run alone measures memory: everything it allocates is on top of the input.
    let before = peak_rss();
    let first = rewrite_links(&html, &options);
    let peak_added = peak_rss().saturating_sub(before);
    let changed = first
        .report
        .links
        .iter()
        .filter(|l| l.new_href.is_some())
        .count();
    let links = first.report.links.len();
    drop(first);

    let mut times = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs_f64(seconds) {
        let t0 = Instant::now();
        let result = rewrite_links(&html, &options);
        times.push(t0.elapsed().as_secs_f64());
        std::hint::black_box(result);
    }
    times.sort_by(f64::total_cmp);
    let mb = html.len() as f64 / 1e6;
    let best = times.first().copied().unwrap_or(f64::NAN);
    let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
    println!(
        "{{\"impl\":\"rust-native\",\"bytes\":{},\"links\":{links},\"changed\":{changed},\"runs\":{},\
         \"best_mbs\":{:.1},\"median_mbs\":{:.1},\"peak_added_bytes\":{peak_added},\
         \"peak_added_x_input\":{:.2}}}",
        html.len(),
        times.len(),
        mb / best,
        mb / median,
        peak_added as f64 / html.len() as f64
    );
    Ok(())
}
