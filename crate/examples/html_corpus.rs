//! Prints the random documents of the rewrite tests, one JSON object per line, each with the
//! links `rewrite_links` reports in document scope (not in `<template>`, SVG or MathML):
//! `{"html":"…","links":[["a","https://…"],["area",""]]}`, or `{"html":"…","ambiguous":8}`
//! when the rewriter refuses the markup. Used by the Chromium differential test in
//! `tests/tools/html-diff/`.
//!
//!   cargo run -p shelf-core --example html_corpus -- --count 1000 --seed 1

#[path = "../tests/rewrite_support/generator.rs"]
mod generator;

use shelf_core::{rewrite_links, LinkOptions, LinkResult, Unchanged};
use std::io::{self, BufWriter, Write};

fn option(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map_or(default, |v| v.parse().expect("a number"))
}

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let count = option(&args, "--count", 1000);
    let mut rng = generator::Rng(option(&args, "--seed", 1));
    // No tags configured: the rewriter only reports, so the links are the input's.
    let options = LinkOptions::new();
    let mut out = BufWriter::new(io::stdout().lock());
    for _ in 0..count {
        let html = generator::random_document(&mut rng);
        let report = rewrite_links(&html, &options).report;
        let line = match report.unchanged {
            Some(Unchanged::AmbiguousMarkup { offset }) => {
                serde_json::json!({ "html": html, "ambiguous": offset })
            }
            _ => {
                let links: Vec<_> = report
                    .links
                    .iter()
                    .filter(|l| matches!(l.result, LinkResult::Decided(_)))
                    .map(|l| (l.element, &l.href))
                    .collect();
                serde_json::json!({ "html": html, "links": links })
            }
        };
        writeln!(out, "{line}")?;
    }
    out.flush()
}
