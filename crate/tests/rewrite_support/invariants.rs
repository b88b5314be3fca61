//! The invariants of `rewrite_links` and `process_href`, shared by the stable randomized test
//! (`tests/rewrite_random.rs`) and the cargo-fuzz targets (`fuzz/`), which include this file.
#![allow(dead_code)] // Each includer (test, fuzz target) uses only some of the checks.

use shelf_core::{
    decode_attribute, process_href, rewrite_links, ExistingTagPolicy, LinkOptions, Localise,
    LocaliseMode, Marketplace, NoisePolicy, PathPolicy, Tag, WebUrl,
};

/// A few option sets that together reach every branch of the decision.
pub fn option_sets() -> Vec<LinkOptions> {
    let market = |c| Marketplace::by_country(c).expect("known country");
    let tag = |t| Tag::parse(t).expect("valid tag");
    let base = LinkOptions::new()
        .tag(market("US"), tag("shelftest-20"))
        .tag(market("DE"), tag("shelftest-21"))
        .own_tag(tag("shelfother-20"));
    vec![
        LinkOptions::new(),
        base.clone(),
        base.clone()
            .existing_tag(ExistingTagPolicy::Replace)
            .noise(NoisePolicy::Strip)
            .path(PathPolicy::Canonical),
        base.clone().localise(Localise::to(market("DE"))),
        base.existing_tag(ExistingTagPolicy::Keep)
            .localise(Localise::to(market("GB")).mode(LocaliseMode::Search {
                keywords: "kettle".into(),
            })),
    ]
}

/// A changed href must be an https/http URL on a store host with exactly one `tag`.
pub fn check_new_url(url: &str) -> Result<(), String> {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>'))
    {
        return Err(format!("unsafe character in {url:?}"));
    }
    let parsed = WebUrl::parse(url).map_err(|e| format!("{url:?} does not parse: {e}"))?;
    if Marketplace::by_host(parsed.host()).is_none() {
        return Err(format!("{url:?} is not on a store host"));
    }
    let tags = parsed
        .query_pairs()
        .filter(|(name, _)| name.eq_ignore_ascii_case("tag"))
        .count();
    if tags != 1 {
        return Err(format!("{url:?} has {tags} tags"));
    }
    Ok(())
}

/// `process_href`: no panic, a changed href is an allowed URL, and deciding it again changes
/// nothing more.
pub fn check_href(href: &str, options: &LinkOptions) -> Result<(), String> {
    let outcome = process_href(href, options);
    let Some(url) = outcome.new_href() else {
        return Ok(());
    };
    check_new_url(url)?;
    let again = process_href(url, options);
    match again.new_href() {
        Some(next) if next != url => Err(format!("not idempotent: {href:?} → {url:?} → {next:?}")),
        _ => Ok(()),
    }
}

/// `rewrite_links`: no panic; the output equals the input except for the changed `href`
/// values, each written quoted, decoding to an allowed URL; rewriting again changes nothing and
/// finds the same links. Returns how many links changed.
pub fn check_rewrite(html: &str, options: &LinkOptions) -> Result<usize, String> {
    let once = rewrite_links(html, options);
    let mut at_in = 0;
    let mut at_out = 0;
    let mut changed = 0;
    for link in once.report.links.iter().filter(|l| l.new_href.is_some()) {
        let new = link.new_href.as_deref().unwrap_or_default();
        check_new_url(new)?;
        let (start, end) = link
            .value_span
            .ok_or("a changed link without a value span")?;
        let tag = html
            .get(link.offset..)
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !(tag.starts_with("<a") || tag.starts_with("<area")) {
            return Err(format!(
                "changed a span of a non-link tag at {}",
                link.offset
            ));
        }
        let same = html.get(at_in..start).ok_or("span out of order")?;
        if once.html.get(at_out..at_out + same.len()) != Some(same) {
            return Err(format!("bytes before offset {start} changed"));
        }
        at_out += same.len();
        let rest = once.html.get(at_out..).unwrap_or_default();
        let quote = rest.chars().next().filter(|q| matches!(q, '"' | '\''));
        let quote = quote.ok_or("a new value is not quoted")?;
        let close = rest
            .get(1..)
            .and_then(|r| r.find(quote))
            .ok_or("unterminated new value")?;
        let raw = rest.get(1..1 + close).unwrap_or_default();
        if decode_attribute(raw) != new {
            return Err(format!("written value {raw:?} does not decode to {new:?}"));
        }
        at_out += close + 2;
        at_in = end;
        changed += 1;
    }
    if once.html.get(at_out..) != html.get(at_in..) {
        return Err("bytes after the last changed link differ".into());
    }
    let twice = rewrite_links(&once.html, options);
    if twice.html != once.html {
        return Err("rewriting twice changed the output again".into());
    }
    if twice.report.links.len() != once.report.links.len() {
        return Err(format!(
            "re-tokenising found {} links instead of {}",
            twice.report.links.len(),
            once.report.links.len()
        ));
    }
    Ok(changed)
}
