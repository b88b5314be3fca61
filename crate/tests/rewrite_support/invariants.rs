//! The invariants of `rewrite_links` and `process_href`, shared by the stable randomized test
//! (`tests/rewrite_random.rs`) and the cargo-fuzz targets (`fuzz/`), which include this file.
#![allow(dead_code)] // Each includer (test, fuzz target) uses only some of the checks.

use shelf_core::{
    decode_attribute, process_href, rewrite_links, ExistingTagPolicy, LinkOptions, LinkReport,
    LinkResult, Localise, LocaliseMode, Marketplace, NoisePolicy, PathPolicy, Tag, WebUrl,
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
            .path(PathPolicy::Canonical)
            .new_tab(true)
            .short_link(
                "https://amzn.to/3abcdef",
                "https://amazon.com/x/dp/B0SHLFK001?qid=1",
            ),
        base.clone()
            .localise(Localise::to(market("DE")))
            .rel("nofollow ugc")
            .short_link("https://amzn.to/3abcdef", "https://example.com/"),
        base.existing_tag(ExistingTagPolicy::Keep)
            .localise(Localise::to(market("GB")).mode(LocaliseMode::Search {
                keywords: "kettle".into(),
            }))
            .new_tab(true)
            .rel("nofollow"),
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

/// One attribute of a start tag, read independently of the crate's tokenizer (the HTML
/// standard's attribute states): the lower-case name, the value as written and its quote.
struct Attr {
    name: String,
    /// From the name's start to the value's end (to the name's end when bare).
    span: core::ops::Range<usize>,
    /// Raw value and its quote (`None` when bare; `Some('\0')` unquoted).
    value: Option<(String, char)>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// The attributes of the start tag at `at`, the offset after its `>` and whether it ends with
/// `/>` (a `/` in an unquoted value does not count), or `None` when the input ends inside it.
fn read_tag(html: &str, at: usize) -> Option<(Vec<Attr>, usize, bool)> {
    let b = html.as_bytes();
    let mut i = at + 1;
    while !matches!(*b.get(i)?, b'/' | b'>') && !is_space(b[i]) {
        i += 1;
    }
    let mut attrs = Vec::new();
    loop {
        match *b.get(i)? {
            c if is_space(c) => i += 1,
            b'/' if b.get(i + 1) == Some(&b'>') => return Some((attrs, i + 2, true)),
            b'/' => i += 1,
            b'>' => return Some((attrs, i + 1, false)),
            _ => {
                let start = i;
                i += 1;
                while !matches!(*b.get(i)?, b'/' | b'>' | b'=') && !is_space(b[i]) {
                    i += 1;
                }
                let name = html.get(start..i)?.to_ascii_lowercase();
                let name_end = i;
                while is_space(*b.get(i)?) {
                    i += 1;
                }
                if b[i] != b'=' {
                    attrs.push(Attr {
                        name,
                        span: start..name_end,
                        value: None,
                    });
                    continue;
                }
                i += 1;
                while is_space(*b.get(i)?) {
                    i += 1;
                }
                let value = match b[i] {
                    q @ (b'"' | b'\'') => {
                        let close = i + 1 + html.get(i + 1..)?.find(q as char)?;
                        let raw = html.get(i + 1..close)?.to_owned();
                        i = close + 1;
                        (raw, q as char)
                    }
                    b'>' => (String::new(), '\0'),
                    _ => {
                        let from = i;
                        while *b.get(i)? != b'>' && !is_space(b[i]) {
                            i += 1;
                        }
                        (html.get(from..i)?.to_owned(), '\0')
                    }
                };
                attrs.push(Attr {
                    name,
                    span: start..i,
                    value: Some(value),
                });
            }
        }
    }
}

/// The first attribute named `name`: browsers ignore later duplicates.
fn first<'a>(attrs: &'a [Attr], name: &str) -> Option<&'a Attr> {
    attrs.iter().find(|a| a.name == name)
}

fn decoded(attr: Option<&Attr>) -> Option<String> {
    attr.map(|a| decode_attribute(a.value.as_ref().map_or("", |(raw, _)| raw)).into_owned())
}

/// A changed link's tag: the output tag equals the input tag except for the first `href`'s and
/// `rel`'s values, now decoding to what the report says in the same quotes (double for an
/// unquoted one), and a `rel`/`target` added at the end; everything between the attributes
/// and the tag's ending (`>` or `/>`) stays.
fn check_tag(input: &str, output: &str, link: &LinkReport) -> Result<(), String> {
    let at = link.offset;
    let (before, _, closed) = read_tag(input, at).ok_or("changed a tag cut off by the end")?;
    let (after, _, still_closed) = read_tag(output, at).ok_or("the output tag is cut off")?;
    let changed_attr = |name: &str, new: Option<&str>| -> Result<(), String> {
        let (old, new_attr) = (first(&before, name), first(&after, name));
        match new {
            None if decoded(old) != decoded(new_attr) => Err(format!("{name} changed unreported")),
            None => Ok(()),
            Some(value) => {
                if decoded(new_attr).as_deref() != Some(value) {
                    return Err(format!("{name} does not decode to {value:?}"));
                }
                let quote = |a: Option<&Attr>| a.and_then(|a| a.value.as_ref()).map(|v| v.1);
                match (quote(old), quote(new_attr)) {
                    (Some('\''), Some('\'')) | (None | Some('"' | '\0'), Some('"')) => Ok(()),
                    quotes => Err(format!("{name} changed quotes: {quotes:?}")),
                }
            }
        }
    };
    changed_attr("href", link.new_href.as_deref())?;
    changed_attr("rel", link.new_rel.as_deref())?;
    changed_attr("target", link.new_target)?;
    // The added attributes: the output's first `rel` when the input had none, its `target`.
    // They stand together, at the end or (after an empty `name=` value, which would take them
    // as its value) before the last attribute.
    let adds_rel = link.new_rel.is_some() && first(&before, "rel").is_none();
    if link.new_target.is_some() && first(&before, "target").is_some() {
        return Err("a target was added to an element that has one".into());
    }
    let is_added = |a: &Attr| {
        let is_first = |name: &str| first(&after, name).is_some_and(|f| f.span == a.span);
        (adds_rel && a.name == "rel" && is_first("rel"))
            || (link.new_target.is_some() && a.name == "target" && is_first("target"))
    };
    let added: Vec<usize> = (0..after.len()).filter(|&i| is_added(&after[i])).collect();
    let count = usize::from(adds_rel) + usize::from(link.new_target.is_some());
    let together = added.windows(2).all(|w| w[1] == w[0] + 1);
    let place_ok = added.first().is_none_or(|&i| {
        let end_tag = i + added.len() == after.len();
        let before_last = i + added.len() + 1 == after.len()
            && before.last().is_some_and(|a| {
                a.value
                    .as_ref()
                    .is_some_and(|v| v.0.is_empty() && v.1 == '\0')
            });
        end_tag || before_last
    });
    if added.len() != count || !together || !place_ok {
        return Err(format!(
            "added attributes misplaced: {added:?} of {}",
            after.len()
        ));
    }
    let kept: Vec<&Attr> = (0..after.len())
        .filter(|i| !added.contains(i))
        .map(|i| &after[i])
        .collect();
    let names: Vec<&str> = kept.iter().map(|a| a.name.as_str()).collect();
    let expected: Vec<&str> = before.iter().map(|a| a.name.as_str()).collect();
    if names != expected {
        return Err(format!("attributes {names:?} instead of {expected:?}"));
    }
    let changed = |a: &Attr| {
        let is_first = |name: &str| first(&before, name).is_some_and(|f| f.span == a.span);
        (a.name == "href" && link.new_href.is_some() && is_first("href"))
            || (a.name == "rel" && link.new_rel.is_some() && is_first("rel"))
    };
    // Between the attributes: the same text (the name, whitespace, slashes), except where the
    // added attributes went; changed values are compared above.
    let insert_at = added.first().copied().unwrap_or(after.len());
    let (mut gap_in, mut gap_out) = (at, at);
    for (k, (old, new)) in before.iter().zip(&kept).enumerate() {
        let gap_same = input.get(gap_in..old.span.start) == output.get(gap_out..new.span.start);
        if !gap_same && k != insert_at {
            return Err(format!("text before attribute {} changed", old.name));
        }
        let same = changed(old) || input.get(old.span.clone()) == output.get(new.span.clone());
        if !same {
            return Err(format!("attribute {} changed", old.name));
        }
        (gap_in, gap_out) = (old.span.end, new.span.end);
    }
    if closed != still_closed {
        return Err("the tag's ending changed".into());
    }
    Ok(())
}

/// `rewrite_links`: no panic; the output equals the input except in the start tags of the
/// links the report says changed, where only the first `href` (an allowed URL), the first `rel`
/// (with `sponsored noopener`) and an added `target` differ, only for affiliate links in the
/// document; rewriting again changes nothing and finds the same links. Returns how many links
/// changed.
pub fn check_rewrite(html: &str, options: &LinkOptions) -> Result<usize, String> {
    let once = rewrite_links(html, options);
    let mut at_in = 0;
    let mut at_out = 0;
    let mut changed = 0;
    for link in &once.report.links {
        if link.new_href.is_none() && link.new_rel.is_none() && link.new_target.is_none() {
            continue;
        }
        let LinkResult::Decided(outcome) = &link.result else {
            return Err(format!("changed an untouched link at {}", link.offset));
        };
        if let Some(url) = &link.new_href {
            check_new_url(url)?;
        }
        let affiliate = outcome.is_affiliate();
        if (link.new_rel.is_some() || link.new_target.is_some()) && !affiliate {
            return Err(format!(
                "rel or target on a link that is not an affiliate link: {outcome:?}"
            ));
        }
        if let Some(rel) = &link.new_rel {
            let has = |t: &str| {
                rel.split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case(t))
            };
            if !(has("sponsored") && has("noopener")) {
                return Err(format!("rel {rel:?} lacks sponsored noopener"));
            }
        }
        if link.new_target.is_some_and(|t| t != "_blank") {
            return Err(format!("target {:?}", link.new_target));
        }
        let tag = html
            .get(link.offset..)
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !(tag.starts_with("<a") || tag.starts_with("<area")) {
            return Err(format!("changed a non-link tag at {}", link.offset));
        }
        let same = html.get(at_in..link.offset).ok_or("links out of order")?;
        if once.html.get(at_out..at_out + same.len()) != Some(same) {
            return Err(format!("bytes before offset {} changed", link.offset));
        }
        at_out += same.len();
        let input_tag = html.get(link.offset..).unwrap_or_default();
        let output_tag = once.html.get(at_out..).unwrap_or_default();
        check_tag(input_tag, output_tag, &shifted(link))?;
        at_in = link.offset + read_tag(input_tag, 0).map_or(0, |t| t.1);
        at_out += read_tag(output_tag, 0).map_or(0, |t| t.1);
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

/// The link with its offset made relative to its own tag.
fn shifted(link: &LinkReport) -> LinkReport {
    let mut link = link.clone();
    link.offset = 0;
    link
}
