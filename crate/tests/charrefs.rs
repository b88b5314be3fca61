//! The character-reference cases of the html5lib tokenizer tests, run against the attribute-value
//! decoder: every named and numeric reference, and every attribute value with an `&`.

use serde_json::Value;
use shelf_core::decode_attribute;

const FILES: [(&str, &str); 7] = [
    (
        "namedEntities",
        include_str!("../../tests/corpora/html5lib-tokenizer/namedEntities.test"),
    ),
    (
        "numericEntities",
        include_str!("../../tests/corpora/html5lib-tokenizer/numericEntities.test"),
    ),
    (
        "entities",
        include_str!("../../tests/corpora/html5lib-tokenizer/entities.test"),
    ),
    (
        "test1",
        include_str!("../../tests/corpora/html5lib-tokenizer/test1.test"),
    ),
    (
        "test2",
        include_str!("../../tests/corpora/html5lib-tokenizer/test2.test"),
    ),
    (
        "test3",
        include_str!("../../tests/corpora/html5lib-tokenizer/test3.test"),
    ),
    (
        "test4",
        include_str!("../../tests/corpora/html5lib-tokenizer/test4.test"),
    ),
];

/// Text-content cases whose answer differs inside an attribute: in text, a legacy name without
/// `;` is decoded even when letters follow (`&notit` → `¬it`); in an attribute it is not. The
/// attribute form of the same inputs (`<h a='&notx'>`, `<h a="&noti;">`) runs below.
const TEXT_ONLY: [&str; 3] = ["I'm &notit", "I'm &notin", "&noti;"];

/// The attributes of a one-tag input such as `<h a='&amp;' b=x>`, as raw (undecoded) values.
fn raw_attributes(input: &str) -> Option<Vec<(String, String)>> {
    let rest = input.strip_prefix('<')?.strip_suffix('>')?;
    let (_, mut rest) = rest.split_once(' ')?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (name, after) = rest.split_once('=').unwrap_or((rest, ""));
        let (value, after) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &after[1..];
                let end = inner.find(q)?;
                (&inner[..end], inner[end + 1..].trim_start())
            }
            _ => after.split_once(' ').unwrap_or((after, "")),
        };
        let (name, value) = match name.split_once(' ') {
            // `o=& t`: an attribute without a value follows.
            Some((n, _)) => (n, ""),
            None => (name, value),
        };
        out.push((name.to_owned(), value.to_owned()));
        rest = after;
    }
    Some(out)
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decoder_passes_html5lib_character_reference_cases() {
    let (mut text_cases, mut attribute_cases, mut failures) = (0, 0, Vec::new());
    for (file, json) in FILES {
        let parsed: Value = serde_json::from_str(json).expect("valid test file");
        for case in parsed["tests"].as_array().expect("tests array") {
            let input = case["input"].as_str().expect("input");
            let output = case["output"].as_array().expect("output");
            let default_state = case.get("initialStates").is_none();
            if !input.contains('&') || !default_state || case.get("doubleEscaped").is_some() {
                continue;
            }
            let kinds: Vec<_> = output.iter().map(|t| t[0].as_str().unwrap_or("")).collect();
            if kinds.iter().all(|k| *k == "Character") && !input.contains('<') {
                if TEXT_ONLY.contains(&input) {
                    continue;
                }
                text_cases += 1;
                let expected: String = output.iter().filter_map(|t| t[1].as_str()).collect();
                if decode_attribute(input) != expected {
                    failures.push(format!("{file}: {input:?} → {:?}", decode_attribute(input)));
                }
            } else if kinds == ["StartTag"] {
                let Some(attributes) = raw_attributes(input) else {
                    continue;
                };
                for (name, raw) in attributes {
                    attribute_cases += 1;
                    let expected = output[0][2][&name].as_str().unwrap_or("");
                    if decode_attribute(&raw) != expected {
                        failures.push(format!(
                            "{file}: {input:?} [{name}] → {:?}",
                            decode_attribute(&raw)
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Guards against a silently shrinking corpus.
    assert!(text_cases >= 4_600, "only {text_cases} text cases ran");
    assert!(
        attribute_cases >= 20,
        "only {attribute_cases} attribute cases ran"
    );
}
