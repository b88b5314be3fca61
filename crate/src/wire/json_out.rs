//! JSON text for the binding's results, written by hand: the same text `serde_json::to_string`
//! gives for the derived `Serialize` impls (tests below compare them), without linking serde's
//! serialiser into the shipped module.

use crate::support::prelude::*;

#[cfg(feature = "rewrite")]
use crate::html::rewrite::{Seen, Unchanged};
use crate::links::link::{LinkOutcome, SkipReason};
use crate::links::link_report::{LinkResult, Untouched};
use crate::render::Rendered;
use crate::LinkChange;

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
pub(crate) fn string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // Never fails (`start` and `i` are at ASCII bytes); `get` keeps str slicing's panic
        // formatter out of the wasm.
        out.push_str(s.get(start..i).unwrap_or_default());
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xf)] as char);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// `{"error":"<why>"}`: a visitors' export's answer to input it cannot use.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "links")), allow(dead_code))]
pub(crate) fn error(why: &str) -> String {
    let mut out = String::from("{\"error\":");
    string(&mut out, why);
    out.push('}');
    out
}

use crate::support::digits::push_uint as uint;

/// Appends `,"key":` (or `"key":` for the first member, when `out` ends with `{`).
fn key(out: &mut String, key: &str) {
    if !out.ends_with('{') {
        out.push(',');
    }
    out.push('"');
    out.push_str(key);
    out.push_str("\":");
}

fn text_member(out: &mut String, name: &str, value: &str) {
    key(out, name);
    string(out, value);
}

fn option_member(out: &mut String, name: &str, value: Option<&str>) {
    key(out, name);
    match value {
        Some(v) => string(out, v),
        None => out.push_str("null"),
    }
}

// `texts` and `tag_check` serve `validateTag`, which only the admin module exports.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "admin")), allow(dead_code))]
fn texts(out: &mut String, values: &[String]) {
    out.push('[');
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, v);
    }
    out.push(']');
}

#[cfg_attr(not(all(target_arch = "wasm32", feature = "render")), allow(dead_code))]
/// `{"html":…,"errors":[{"record":…,"message":…}],"amazonLinks":…}`.
pub(crate) fn rendered(r: &Rendered) -> String {
    let mut out = String::with_capacity(r.html.len() + r.html.len() / 8 + 64);
    out.push('{');
    text_member(&mut out, "html", &r.html);
    key(&mut out, "errors");
    out.push('[');
    for (i, issue) in r.errors.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        key(&mut out, "record");
        match issue.record {
            Some(n) => uint(&mut out, n as u64),
            None => out.push_str("null"),
        }
        text_member(&mut out, "message", &issue.message);
        out.push('}');
    }
    out.push(']');
    key(&mut out, "amazonLinks");
    out.push_str(if r.amazon_links { "true" } else { "false" });
    key(&mut out, "refetch");
    texts(&mut out, &r.refetch);
    out.push('}');
    out
}

/// `{"ok":…,"tag":…,"error":…,"warnings":[…]}` for `validateTag`.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "admin")), allow(dead_code))]
pub(crate) fn tag_check(
    ok: bool,
    tag: Option<&str>,
    error: Option<&str>,
    warnings: &[String],
) -> String {
    let mut out = String::from("{\"ok\":");
    out.push_str(if ok { "true" } else { "false" });
    option_member(&mut out, "tag", tag);
    option_member(&mut out, "error", error);
    key(&mut out, "warnings");
    texts(&mut out, warnings);
    out.push('}');
    out
}

/// The members of a [`LinkResult`] (as the derived, untagged `Serialize` flattens them), each
/// preceded by a comma or not as [`key`] decides.
// The link reports of `rewriteLinks` (the admin module).
#[cfg_attr(
    not(all(target_arch = "wasm32", feature = "rewrite")),
    allow(dead_code)
)]
fn link_result_members(out: &mut String, result: &LinkResult) {
    match result {
        LinkResult::Untouched(u) => text_member(
            out,
            "untouched",
            match u {
                Untouched::InTemplate => "inTemplate",
                Untouched::InForeignContent => "inForeignContent",
            },
        ),
        LinkResult::Decided(outcome) => link_outcome_members(out, outcome),
    }
}

#[cfg_attr(
    not(all(target_arch = "wasm32", feature = "rewrite")),
    allow(dead_code)
)]
fn link_outcome_members(out: &mut String, outcome: &LinkOutcome) {
    match outcome {
        LinkOutcome::Tagged {
            url,
            marketplace,
            asin,
            replaced,
        } => {
            text_member(out, "outcome", "tagged");
            text_member(out, "url", url);
            text_member(out, "marketplace", marketplace);
            option_member(out, "asin", asin.as_deref());
            option_member(out, "replaced", replaced.as_deref());
        }
        LinkOutcome::Localised {
            url,
            from,
            to,
            asin,
        } => {
            text_member(out, "outcome", "localised");
            text_member(out, "url", url);
            text_member(out, "from", from);
            text_member(out, "to", to);
            option_member(out, "asin", asin.as_deref());
        }
        LinkOutcome::AlreadyFine { marketplace, asin } => {
            text_member(out, "outcome", "alreadyFine");
            text_member(out, "marketplace", marketplace);
            option_member(out, "asin", asin.as_deref());
        }
        LinkOutcome::ForeignTag {
            found,
            url_if_replaced,
            marketplace,
            asin,
        } => {
            text_member(out, "outcome", "foreignTag");
            text_member(out, "found", found);
            option_member(out, "urlIfReplaced", url_if_replaced.as_deref());
            text_member(out, "marketplace", marketplace);
            option_member(out, "asin", asin.as_deref());
        }
        LinkOutcome::Short { host } => {
            text_member(out, "outcome", "short");
            text_member(out, "host", host);
        }
        LinkOutcome::NotAmazon => text_member(out, "outcome", "notAmazon"),
        LinkOutcome::Skipped { reason } => {
            text_member(out, "outcome", "skipped");
            key(out, "reason");
            out.push('{');
            match reason {
                SkipReason::Rejected(e) => {
                    text_member(out, "reason", "rejected");
                    text_member(out, "detail", e.code());
                }
                SkipReason::UnsupportedMarketplace => {
                    text_member(out, "reason", "unsupportedMarketplace")
                }
                SkipReason::NoTagForMarketplace => {
                    text_member(out, "reason", "noTagForMarketplace")
                }
                SkipReason::OtherAmazonHost => text_member(out, "reason", "otherAmazonHost"),
            }
            out.push('}');
        }
    }
}

/// `[amazon, href, rel, target]` for `processLinks`: 1 or 0, then each new value or `null`.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "links")), allow(dead_code))]
pub(crate) fn link_change(out: &mut String, change: &LinkChange) {
    out.push('[');
    out.push(if change.amazon { '1' } else { '0' });
    for value in [change.href.as_deref(), change.rel.as_deref(), change.target] {
        out.push(',');
        match value {
            Some(v) => string(out, v),
            None => out.push_str("null"),
        }
    }
    out.push(']');
}

/// One `rewriteLinks` link: `{"href":…,"newHref":…,` then `"newRel"`, `"newTarget"` and
/// `"resolved"` when set, then the result's members `}` (the native [`LinkReport`]'s JSON
/// without its byte offsets and element).
///
/// [`LinkReport`]: crate::LinkReport
#[cfg(feature = "rewrite")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn rewrite_link(out: &mut String, link: &Seen<'_>) {
    out.push('{');
    text_member(out, "href", &link.href);
    option_member(out, "newHref", link.new_href());
    if let Some(rel) = &link.new_rel {
        text_member(out, "newRel", rel);
    }
    if let Some(target) = link.new_target {
        text_member(out, "newTarget", target);
    }
    if let Some(long) = link.resolved {
        text_member(out, "resolved", long);
    }
    link_result_members(out, &link.result);
    out.push('}');
}

/// Ends a `rewriteLinks` report that began with `{"links":[` and its links: `],"unchanged":…}`.
#[cfg(feature = "rewrite")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn end_rewrite_report(out: &mut String, unchanged: Option<Unchanged>) {
    out.push_str("],\"unchanged\":");
    let (reason, name, value) = match unchanged {
        None => return out.push_str("null}"),
        Some(Unchanged::TooLarge { limit }) => ("tooLarge", "limit", limit),
        Some(Unchanged::AmbiguousMarkup { offset }) => ("ambiguousMarkup", "offset", offset),
    };
    out.push('{');
    text_member(out, "reason", reason);
    key(out, name);
    uint(out, value as u64);
    out.push_str("}}");
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::render::RenderIssue;
    use crate::{LinkOptions, Marketplace, Tag};
    use serde::Serialize;

    const ODD: &str = "a\"b\\c\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}é€😀</script>";

    #[test]
    fn strings_and_integers_match_serde_json() {
        for s in ["", "plain", ODD, "\u{1}x\u{2}"] {
            let mut out = String::new();
            string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
        for n in [0u64, 7, 10, 99, 12345, u64::MAX] {
            let mut out = String::new();
            uint(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn link_changes_are_json_arrays() {
        let mut out = String::new();
        link_change(&mut out, &LinkChange::default());
        out.push(' ');
        link_change(
            &mut out,
            &LinkChange {
                amazon: true,
                href: Some(ODD.into()),
                rel: Some("sponsored noopener".into()),
                target: Some("_blank"),
            },
        );
        let expected = format!(
            "[0,null,null,null] [1,{},\"sponsored noopener\",\"_blank\"]",
            serde_json::to_string(ODD).unwrap()
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn rendered_matches_serde_json() {
        for r in [
            Rendered::default(),
            Rendered {
                html: format!("<p class=\"x\">{ODD}</p>"),
                errors: vec![
                    RenderIssue {
                        record: None,
                        message: "one".into(),
                    },
                    RenderIssue {
                        record: Some(12),
                        message: ODD.into(),
                    },
                ],
                amazon_links: true,
                refetch: vec!["B0SHLFK001".into(), ODD.into()],
            },
        ] {
            assert_eq!(rendered(&r), serde_json::to_string(&r).unwrap());
        }
    }

    #[test]
    fn error_matches_serde_json() {
        assert_eq!(
            error(ODD),
            serde_json::to_string(&serde_json::json!({ "error": ODD })).unwrap()
        );
    }

    #[derive(Serialize)]
    struct TagCheck<'a> {
        ok: bool,
        tag: Option<&'a str>,
        error: Option<&'a str>,
        warnings: &'a [String],
    }

    #[test]
    fn tag_check_matches_serde_json() {
        let warnings = ["w1".to_string(), ODD.to_string()];
        for (ok, tag, error, warnings) in [
            (true, Some("me-20"), None, &warnings[..]),
            (false, None, Some("bad \"tag\""), &[][..]),
        ] {
            assert_eq!(
                tag_check(ok, tag, error, warnings),
                serde_json::to_string(&TagCheck {
                    ok,
                    tag,
                    error,
                    warnings
                })
                .unwrap()
            );
        }
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct RewriteLink<'a> {
        href: &'a str,
        new_href: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        new_rel: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        new_target: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        resolved: Option<&'a str>,
        #[serde(flatten)]
        result: &'a LinkResult,
    }

    #[test]
    fn rewrite_reports_match_serde_json() {
        use crate::html::rewrite::rewrite_owned;
        let market = |h| Marketplace::by_host(h).unwrap();
        let options = LinkOptions::new()
            .tag(
                market("www.amazon.com"),
                Tag::parse("shelftest-20").unwrap(),
            )
            .new_tab(true)
            .short_link("https://amzn.to/x", "https://www.amazon.com/dp/B0SHLFK002");
        let html = format!(
            "<a href='https://www.amazon.com/dp/B0SHLFK001' rel=me>\
             <a href=\"https://amzn.to/x\" target=_self><a href='{}'><a href=/x>\
             <template><a href=https://amzn.to/y></template><svg><a href=x></svg>",
            crate::html::escape::attr(ODD)
        );
        for (html, unchanged) in [
            (html, None),
            (
                "<a href=x><select><xmp>".into(),
                Some(crate::Unchanged::AmbiguousMarkup { offset: 18 }),
            ),
            (
                " ".repeat(crate::MAX_HTML_BYTES + 1),
                Some(crate::Unchanged::TooLarge {
                    limit: crate::MAX_HTML_BYTES,
                }),
            ),
        ] {
            let mut out = String::from("{\"links\":[");
            let links_at = out.len();
            let mut expected = Vec::new();
            let (_, reason) = rewrite_owned(html, &options, |link| {
                if out.len() > links_at {
                    out.push(',');
                }
                rewrite_link(&mut out, &link);
                let new_href = link.new_href();
                expected.push(
                    serde_json::to_string(&RewriteLink {
                        href: &link.href,
                        new_href,
                        new_rel: link.new_rel.as_deref(),
                        new_target: link.new_target,
                        resolved: link.resolved,
                        result: &link.result,
                    })
                    .unwrap(),
                );
            });
            assert_eq!(reason, unchanged);
            if reason.is_some() {
                expected.clear();
                out.truncate(links_at);
            }
            end_rewrite_report(&mut out, reason);
            // The derived report's text, links in document order.
            let expected = format!(
                "{{\"links\":[{}],\"unchanged\":{}}}",
                expected.join(","),
                serde_json::to_string(&unchanged).unwrap()
            );
            assert_eq!(out, expected);
        }
    }
}
