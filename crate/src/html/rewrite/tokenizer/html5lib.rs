//! Every case of the vendored html5lib tokenizer suites (`tests/corpora/html5lib-tokenizer/`),
//! run against the tokenizer: the start tags it finds, each with its attributes as a browser
//! keeps them (names lower-cased, the first of duplicates, values decoded by
//! `decode_attribute`), must be the suite's `StartTag` tokens.
//!
//! The suites test a bare tokenizer; ours also models the few tree-construction facts that
//! switch tokenizer states. Two adaptations follow from that, each counted in the tally:
//! - After a start tag that switches the state in a document (`<script>`, `<textarea>`,
//!   `<svg>`…), the bare tokenizer reads on in the data state and ours does not; such a case
//!   is compared up to and including that tag.
//! - A case that starts in another state is run behind the start tag that enters that state
//!   in a document (`<textarea>`, `<xmp>`, `<script>`, `<plaintext>`, `<svg><![CDATA[`), when
//!   that is exact; otherwise it is skipped with its reason.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::{Tokenizer, RAWTEXT, RCDATA};
use crate::html::rewrite::charref::decode_attribute;
use serde_json::Value;
use std::collections::BTreeMap;

macro_rules! corpus {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!(
            "../../../../../tests/corpora/html5lib-tokenizer/", $name, ".test"
        )))),*]
    };
}

const FILES: [(&str, &str); 14] = corpus!(
    "contentModelFlags",
    "domjs",
    "entities",
    "escapeFlag",
    "namedEntities",
    "numericEntities",
    "pendingSpecChanges",
    "test1",
    "test2",
    "test3",
    "test4",
    "unicodeChars",
    "unicodeCharsProblematic",
    "xmlViolation",
);

/// Whether a start tag makes a document's tokenizer leave the data state (raw text, PLAINTEXT)
/// or start reading CDATA sections (foreign content), while a bare tokenizer does not: the
/// tokenizer's special elements but `template` and `select`, which change only the tree.
fn switches(name: &str) -> bool {
    super::SPECIAL.contains(&name) && !matches!(name, "template" | "select")
}

/// Why a case was not run.
const SURROGATE: &str = "lone surrogate in the input: not UTF-8, and a post is UTF-8";
const UNREACHABLE: &str =
    "lastStartTag is not the element that enters the state, and the input holds its end tag";
const SECOND_CDATA: &str = "second `<![CDATA[` after a CDATA section: a CDATA section in foreign content, a comment in a bare tokenizer";

/// A start tag as the DOM keeps it: lower-case name, attributes by name (first one wins).
#[derive(Debug, PartialEq)]
struct Tag {
    name: String,
    attributes: BTreeMap<String, String>,
}

/// The name a browser gives an element or attribute (ASCII lower case, NUL replaced).
fn browser_name(raw: &str) -> String {
    raw.chars()
        .map(|c| match c {
            '\0' => '\u{FFFD}',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The start tags our tokenizer finds, or `Err` at an ambiguity.
fn ours(html: &str) -> Result<Vec<Tag>, usize> {
    let mut tokenizer = Tokenizer::new(html);
    let mut tags = Vec::new();
    while let Some(tag) = tokenizer.next_start_tag() {
        let tag = tag.map_err(|a| a.offset)?;
        let mut attributes = BTreeMap::new();
        for a in tokenizer.attributes() {
            let value = a
                .value
                .as_ref()
                .map(|(raw, _, _)| decode_attribute(tokenizer.text(raw)).into_owned());
            attributes
                .entry(browser_name(tokenizer.text(&a.name)))
                .or_insert_with(|| value.unwrap_or_default());
        }
        tags.push(Tag {
            name: browser_name(tokenizer.text(&tag.name)),
            attributes,
        });
    }
    Ok(tags)
}

/// The `StartTag` tokens of a case's expected output.
fn expected(output: &[Value], unescape: bool) -> Option<Vec<Tag>> {
    let text = |v: &Value| -> Option<String> {
        let s = v.as_str()?;
        if unescape {
            unescape_u(s)
        } else {
            Some(s.to_string())
        }
    };
    let mut tags = Vec::new();
    for token in output.iter().filter(|t| t[0] == "StartTag") {
        let mut attributes = BTreeMap::new();
        for (name, value) in token[2].as_object()? {
            attributes.insert(text(&Value::from(name.as_str()))?, text(value)?);
        }
        tags.push(Tag {
            name: text(&token[1])?,
            attributes,
        });
    }
    Some(tags)
}

/// The suites' `doubleEscaped` form: `\uHHHH` sequences (UTF-16 units) stand for characters.
/// `None` when they leave a lone surrogate.
fn unescape_u(s: &str) -> Option<String> {
    let mut units: Vec<u16> = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find("\\u") {
        units.extend(rest[..at].encode_utf16());
        let hex = rest.get(at + 2..at + 6)?;
        units.push(u16::from_str_radix(hex, 16).ok()?);
        rest = &rest[at + 6..];
    }
    units.extend(rest.encode_utf16());
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// The markup that puts a document's tokenizer in `state`, and how many start tags it emits;
/// `Err` with the reason when no document reaches the state with this input.
fn entry(
    state: &str,
    last_start_tag: Option<&str>,
    input: &str,
) -> Result<(String, usize), &'static str> {
    let raw_text = |name: &str| RAWTEXT.contains(&name) || RCDATA.contains(&name);
    let element = match state {
        "Data state" => return Ok((String::new(), 0)),
        "PLAINTEXT state" => return Ok(("<plaintext>".into(), 1)),
        "CDATA section state" => {
            let after = input.find("]]>").map_or("", |at| &input[at..]);
            if after.contains("<![CDATA[") {
                return Err(SECOND_CDATA);
            }
            return Ok(("<svg><![CDATA[".into(), 1));
        }
        "Script data state" => "script",
        // RCDATA and RAWTEXT differ only in character references in text, never in where a
        // tag starts: either kind of element stands for both.
        _ => last_start_tag.filter(|l| raw_text(l)).unwrap_or("xmp"),
    };
    // A bare tokenizer's state ends at `</lastStartTag`, ours at `</element`: the same when
    // they are one name, or when the input holds neither end tag.
    let lower = input.to_ascii_lowercase();
    let ends = |name: &str| lower.contains(&format!("</{name}"));
    if last_start_tag != Some(element) && (ends(element) || last_start_tag.is_some_and(ends)) {
        return Err(UNREACHABLE);
    }
    Ok((format!("<{element}>"), 1))
}

/// Per file: runs (a case once per initial state), runs compared only up to a state-switching
/// tag, runs skipped, start tags compared. A file whose counts change must be looked at again.
const TALLIES: [(&str, usize, usize, usize, usize); 14] = [
    ("contentModelFlags", 24, 0, 0, 0),
    ("domjs", 58, 0, 1, 1),
    ("entities", 80, 0, 0, 9),
    ("escapeFlag", 9, 0, 0, 0),
    ("namedEntities", 4210, 0, 0, 0),
    ("numericEntities", 336, 0, 0, 0),
    ("pendingSpecChanges", 1, 0, 0, 0),
    ("test1", 64, 1, 5, 19),
    ("test2", 45, 0, 0, 12),
    ("test3", 1786, 0, 0, 364),
    ("test4", 85, 0, 0, 32),
    ("unicodeChars", 323, 0, 0, 0),
    ("unicodeCharsProblematic", 1, 0, 4, 0),
    ("xmlViolation", 4, 0, 0, 1),
];

#[derive(Default)]
struct Tally {
    run: usize,
    tags: usize,
    /// Runs compared only up to a start tag that switches a document's tokenizer state.
    cut_at_switch: usize,
    skipped: BTreeMap<&'static str, usize>,
}

#[test]
fn tokenizer_passes_every_html5lib_tokenizer_suite() {
    let mut failures = Vec::new();
    let mut tallies = Vec::new();
    for (file, json) in FILES {
        let parsed: Value = serde_json::from_str(json).expect("valid test file");
        let cases = parsed
            .get("tests")
            .or_else(|| parsed.get("xmlViolationTests"))
            .and_then(Value::as_array)
            .expect("a tests array");
        let mut tally = Tally::default();
        for case in cases {
            let double_escaped = case["doubleEscaped"] == true;
            let states = match case["initialStates"].as_array() {
                Some(states) => states.iter().filter_map(Value::as_str).collect(),
                None => vec!["Data state"],
            };
            for state in states {
                let raw = case["input"].as_str().expect("input");
                let (input, want) = if double_escaped {
                    match (
                        unescape_u(raw),
                        expected(case["output"].as_array().expect("output"), true),
                    ) {
                        (Some(input), Some(want)) => (input, want),
                        _ => {
                            *tally.skipped.entry(SURROGATE).or_default() += 1;
                            continue;
                        }
                    }
                } else {
                    let want = expected(case["output"].as_array().expect("output"), false);
                    (raw.to_string(), want.expect("well-formed StartTag tokens"))
                };
                let (prefix, prefix_tags) =
                    match entry(state, case["lastStartTag"].as_str(), &input) {
                        Ok(entry) => entry,
                        Err(reason) => {
                            *tally.skipped.entry(reason).or_default() += 1;
                            continue;
                        }
                    };
                tally.run += 1;
                let mut got = match ours(&format!("{prefix}{input}")) {
                    Ok(tags) => tags,
                    Err(offset) => {
                        failures.push(format!("{file}: {raw:?} ({state}): ambiguity at {offset}"));
                        continue;
                    }
                };
                got.drain(..prefix_tags.min(got.len()));
                let mut want = want;
                if let Some(switch) = want.iter().position(|t| switches(&t.name)) {
                    tally.cut_at_switch += 1;
                    want.truncate(switch + 1);
                    got.truncate(switch + 1);
                }
                tally.tags += want.len();
                if got != want {
                    failures.push(format!(
                        "{file}: {raw:?} ({state})\n  expected {want:?}\n  got      {got:?}"
                    ));
                }
            }
        }
        tallies.push((file, tally));
    }
    let mut counts = Vec::new();
    for (file, t) in &tallies {
        let skipped: Vec<String> = t
            .skipped
            .iter()
            .map(|(r, n)| format!("{n} × {r}"))
            .collect();
        let skipped_runs = t.skipped.values().sum::<usize>();
        println!(
            "html5lib {file}: {} run, {} start tags compared ({} runs up to a state-switching \
             tag), {skipped_runs} skipped{}{}",
            t.run,
            t.tags,
            t.cut_at_switch,
            if skipped.is_empty() { "" } else { ": " },
            skipped.join("; ")
        );
        counts.push((*file, t.run, t.cut_at_switch, skipped_runs, t.tags));
    }
    let total =
        |f: fn(&(&str, usize, usize, usize, usize)) -> usize| counts.iter().map(f).sum::<usize>();
    println!(
        "html5lib: {} files, {} runs, {} start tags compared, {} runs skipped",
        counts.len(),
        total(|c| c.1),
        total(|c| c.4),
        total(|c| c.3)
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(counts, TALLIES, "the tally changed");
}

/// Every `.test` file of the corpus is in [`FILES`] (no file system under wasm).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn runs_every_file_of_the_corpus() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/corpora/html5lib-tokenizer"
    );
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("the corpus directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".test").map(str::to_string))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = FILES.iter().map(|(name, _)| *name).collect();
    assert_eq!(on_disk, listed);
}
