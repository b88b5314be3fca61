//! The crafted URL cases (`data/urls.json`): the link decision and the exact output URL, plus
//! invariants every rewritten URL must keep.

use serde_json::{Map, Value};
use shelf_core::{
    decode_attribute, process_href, recognize, AmazonLink, Asin, ExistingTagPolicy, LinkOptions,
    LinkOutcome, Localise, LocaliseMode, LocaliseTarget, Marketplace, NoisePolicy, PathPolicy, Tag,
    WebUrl, MARKETPLACES,
};

fn cases() -> Vec<Map<String, Value>> {
    serde_json::from_str(include_str!("data/urls.json")).unwrap_or_default()
}

fn market(country: &str) -> &'static Marketplace {
    Marketplace::by_country(country).unwrap_or(&MARKETPLACES[0])
}

fn tag(t: &str) -> Tag {
    Tag::parse(t).unwrap_or_else(|e| panic!("{t}: {e}"))
}

fn asin(a: &str) -> Asin {
    Asin::parse(a).unwrap_or_else(|e| panic!("{a}: {e}"))
}

/// `shelftest-20/21/22` on every marketplace but Singapore (which tests "no tag").
fn base() -> LinkOptions {
    MARKETPLACES
        .iter()
        .filter(|m| m.country != "SG")
        .fold(LinkOptions::new(), |o, m| {
            o.tag(m, tag(&format!("shelftest{}", m.tag_suffix)))
        })
}

fn preset(name: &str) -> LinkOptions {
    let de = || Localise::to(market("DE"));
    match name {
        "default" => base(),
        "strip" => base().noise(NoisePolicy::Strip),
        "strip_replace" => base()
            .noise(NoisePolicy::Strip)
            .existing_tag(ExistingTagPolicy::Replace),
        "canonical" => base().path(PathPolicy::Canonical),
        "clean" => base().noise(NoisePolicy::Strip).path(PathPolicy::Canonical),
        "replace" => base().existing_tag(ExistingTagPolicy::Replace),
        "keep" => base().existing_tag(ExistingTagPolicy::Keep),
        "own" => base().own_tag(tag("shelftest-2-20")),
        "de_exact" => base().localise(de()),
        "de_exact_replace" => base()
            .localise(de())
            .existing_tag(ExistingTagPolicy::Replace),
        "de_search" => base().localise(de().mode(LocaliseMode::Search {
            keywords: String::new(),
        })),
        "de_search_kw" => base().localise(de().mode(LocaliseMode::Search {
            keywords: "kettle steel".into(),
        })),
        "de_override" => base().localise(
            de().override_asin(asin("B0SHLFK001"), LocaliseTarget::Asin(asin("B0SHLFD201")))
                .override_asin(
                    asin("B0SHLFK002"),
                    LocaliseTarget::Search("tea pot & cups".into()),
                )
                .override_asin(asin("B0SHLFK003"), LocaliseTarget::Keep),
        ),
        "sg_exact" => base().localise(Localise::to(market("SG"))),
        other => panic!("unknown preset {other}"),
    }
}

fn href_of(case: &Map<String, Value>) -> String {
    match (case.get("href"), case.get("attr")) {
        (Some(Value::String(h)), _) => h.clone(),
        (_, Some(Value::String(a))) => decode_attribute(a).into_owned(),
        _ => panic!("case without href: {case:?}"),
    }
}

fn camel(key: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn crafted_cases_give_expected_decision_and_url() {
    let all = cases();
    assert!(all.len() >= 200, "only {} cases", all.len());
    let mut failures = Vec::new();
    for case in &all {
        let name = case.get("name").and_then(Value::as_str).unwrap_or("?");
        let options = preset(
            case.get("options")
                .and_then(Value::as_str)
                .unwrap_or("default"),
        );
        let outcome = process_href(&href_of(case), &options);
        let got = serde_json::to_value(&outcome).unwrap_or(Value::Null);
        for (key, want) in case {
            let actual = match key.as_str() {
                "name" | "href" | "attr" | "options" => continue,
                "reason" => got.pointer("/reason/reason"),
                "detail" => got.pointer("/reason/detail"),
                k => got.get(camel(k)),
            };
            if actual.unwrap_or(&Value::Null) != want {
                failures.push(format!("{name}: {key} = {actual:?}, want {want}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every changed href is a strict store URL with exactly one tag, safe in an attribute, and
/// processing it again changes nothing.
#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn rewritten_urls_are_safe_single_tag_and_idempotent() {
    for case in cases() {
        let options = preset(
            case.get("options")
                .and_then(Value::as_str)
                .unwrap_or("default"),
        );
        let outcome = process_href(&href_of(&case), &options);
        let candidates = match &outcome {
            LinkOutcome::ForeignTag {
                url_if_replaced: Some(u),
                ..
            } => vec![u.clone()],
            other => other.new_href().map(str::to_owned).into_iter().collect(),
        };
        for url in candidates {
            assert!(
                !url.contains(|c: char| c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '"' | '\'' | '<' | '>' | '\\')),
                "unsafe {url}"
            );
            assert!(
                matches!(recognize(&url), AmazonLink::Store { .. }),
                "not a store URL: {url}"
            );
            let parsed = WebUrl::parse(&url).unwrap_or_else(|e| panic!("{url}: {e}"));
            let tags = parsed
                .query_pairs()
                .filter(|(n, _)| n.eq_ignore_ascii_case("tag"))
                .count();
            assert_eq!(tags, 1, "{url}");
            assert_eq!(parsed.to_string(), url, "not a fixed point");
            let again = process_href(
                &url,
                &options.clone().existing_tag(ExistingTagPolicy::Replace),
            );
            assert!(
                matches!(again, LinkOutcome::AlreadyFine { .. }),
                "{url} → {again:?}"
            );
        }
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_marketplace_is_covered_by_a_case() {
    let all = cases();
    for m in MARKETPLACES.iter() {
        assert!(
            all.iter().any(|c| href_of(c).contains(&format!(
                "amazon.{}/",
                m.domain().trim_start_matches("amazon.")
            ))),
            "{}",
            m.host
        );
    }
}
