//! Hostile strings in every string field and option: the XSS vector lists in
//! `tests/corpora/xss/*.txt` and the Big List of Naughty Strings go into API items, manual
//! records, options, wording and clock settings, for every renderer. The output is tokenised
//! and must contain only the elements Shelf emits, no `on*` attribute, and only http(s) links
//! and images to allowed hosts.

mod render_support;

use render_support::{item, NOW};
use serde_json::{json, Value};

const XSS: &[&str] = &[
    include_str!("../../tests/corpora/xss/BRUTELOGIC-XSS-JS.txt"),
    include_str!("../../tests/corpora/xss/IntrudersXSS.txt"),
    include_str!("../../tests/corpora/xss/JHADDIX_XSS.txt"),
    include_str!("../../tests/corpora/xss/RSNAKE_XSS.txt"),
    include_str!("../../tests/corpora/xss/XSS_Polyglots.txt"),
    include_str!("../../tests/corpora/xss/xss_payloads_quick.txt"),
];
const BLNS: &str = include_str!("../../tests/corpora/blns/blns.json");

/// Elements Shelf itself writes; anything else in the output came from data.
const SHELF_ELEMENTS: &[&str] = &[
    "div", "article", "a", "img", "h3", "ul", "ol", "li", "span", "small", "time", "details",
    "summary", "p", "data", "s", "table", "caption", "tbody", "tr", "th", "td",
    // The custom-HTML allowlist.
    "b", "strong", "i", "em", "u", "sub", "sup", "mark", "code", "br",
];
const FORBIDDEN: &[&str] = &[
    "script", "iframe", "object", "embed", "svg", "math", "style", "base", "form",
];
const AMAZON_HOSTS: &[&str] = &["www.amazon.com", "www.amazon.de", "m.media-amazon.com"];
const SITE_HOST: &str = "example.com";

fn vectors() -> Vec<String> {
    let mut v: Vec<String> = XSS
        .iter()
        .flat_map(|f| f.lines())
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    v.extend(serde_json::from_str::<Vec<String>>(BLNS).expect("blns is a JSON list"));
    v.sort();
    v.dedup();
    v
}

/// A start tag as a browser would read it: name and attributes (values decoded).
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

fn decode(v: &str) -> String {
    v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A small test-only tokenizer: start tags with their attributes, in all quoting styles.
fn start_tags(html: &str) -> Result<Vec<Tag>, String> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        match b.get(i + 1) {
            Some(b'!' | b'?') => return Err(format!("markup declaration at {i}")),
            Some(b'/') => {
                i += html[i..].find('>').ok_or("unterminated end tag")? + 1;
                continue;
            }
            Some(c) if c.is_ascii_alphabetic() => {}
            _ => return Err(format!("bare < at {i}")),
        }
        i += 1;
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        let mut tag = Tag {
            name: html[start..i].to_ascii_lowercase(),
            attrs: Vec::new(),
        };
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            match b.get(i) {
                None => return Err("unterminated tag".into()),
                Some(b'>') => {
                    i += 1;
                    break;
                }
                _ => {}
            }
            let n0 = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let name = html[n0..i].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(i) == Some(&b'=') {
                i += 1;
                match b.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[i + 1..].find(q as char).ok_or("unterminated value")?;
                        value = decode(&html[i + 1..i + 1 + end]);
                        i += end + 2;
                    }
                    _ => {
                        let v0 = i;
                        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                            i += 1;
                        }
                        value = decode(&html[v0..i]);
                    }
                }
            }
            tag.attrs.push((name, value));
        }
        tags.push(tag);
    }
    Ok(tags)
}

fn host_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    Some(rest.split(['/', '?', '#']).next().unwrap_or_default())
}

fn check(html: &str, shop_hosts_allowed: bool, context: &str) {
    let tags = start_tags(html).unwrap_or_else(|e| panic!("{context}: {e}\n{html}"));
    for tag in tags {
        assert!(
            !FORBIDDEN.contains(&tag.name.as_str()),
            "{context}: <{}>\n{html}",
            tag.name
        );
        assert!(
            SHELF_ELEMENTS.contains(&tag.name.as_str()),
            "{context}: <{}>\n{html}",
            tag.name
        );
        for (name, value) in &tag.attrs {
            assert!(!name.starts_with("on"), "{context}: {name}=\n{html}");
            assert!(
                !matches!(
                    name.as_str(),
                    "style" | "srcset" | "formaction" | "xlink:href"
                ),
                "{context}: {name}"
            );
            if name == "href" || name == "src" {
                let host = host_of(value).unwrap_or_else(|| panic!("{context}: {name}={value}"));
                let ok = AMAZON_HOSTS.contains(&host)
                    || host == SITE_HOST
                    || (shop_hosts_allowed
                        && !host.is_empty()
                        && host
                            .bytes()
                            .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-'));
                assert!(ok, "{context}: {name}={value}\n{html}");
            }
        }
    }
}

/// A placement whose every string is `s`, grouped by where the string sits.
fn placements(kind: &str, s: &str) -> Vec<(&'static str, Value, bool)> {
    let mut api = item("B0SHLFK001");
    for path in [
        "/itemInfo/title/displayValue",
        "/itemInfo/features/displayValues/0",
        "/itemInfo/byLineInfo/brand/displayValue",
        "/offersV2/listings/0/price/money/displayAmount",
        "/offersV2/listings/0/price/money/amount",
        "/offersV2/listings/0/price/savingBasis/money/displayAmount",
        "/offersV2/listings/0/price/savingBasis/savingBasisTypeLabel",
        "/offersV2/listings/0/price/savings/money/displayAmount",
        "/offersV2/listings/0/availability/message",
        "/offersV2/listings/0/availability/type",
        "/offersV2/listings/0/dealDetails/badge",
    ] {
        *api.pointer_mut(path).expect(path) = json!(s);
    }
    let mut detail = item("B0SHLFK001");
    detail["detailPageURL"] = json!(s);
    let mut image = item("B0SHLFK001");
    for size in ["small", "medium", "large"] {
        image["images"]["primary"][size]["url"] = json!(s);
    }
    let mut reviews = item("B0SHLFK001");
    reviews["customerReviews"]["starRating"]["value"] = json!(s);
    let record = |item: Value| json!([{"asin": "B0SHLFK001", "item": item, "fetchedAt": NOW}]);
    let manual = json!([{"manual": {"id": s, "title": s, "features": [s], "imageUrl": s,
        "imageWidth": 10, "imageHeight": 10, "buttonUrl": s}},
        {"manual": {"title": "t", "asin": s}}]);
    let rows: Vec<Value> = [
        "title",
        "image",
        "price",
        "prime",
        "rating",
        "reviews",
        "button",
        "yesNo",
        "text",
        "html",
        "customButton",
        s,
    ]
    .iter()
    .map(|t| {
        json!({"type": t, "label": s, "value": s, "values": {"B0SHLFK001": s, s: s},
            "url": s, "urls": {"B0SHLFK001": s}})
    })
    .collect();
    let options = json!({"layout": s, "style": s, "title": s, "description": s, "buttonText": s,
        "badge": s, "overrides": {"B0SHLFK001": {"title": s, "description": s, "badge": s,
        "buttonText": s}}, "field": s, "rows": rows, "highlight": "B0SHLFK001", "ribbon": s,
        "labels": s, "caption": s, "rel": s, "target": s});
    let wording: serde_json::Map<String, Value> = [
        "buy",
        "seePrice",
        "view",
        "shop",
        "asOf",
        "details",
        "disclaimer",
        "save",
        "ownRating",
        "customerRating",
        "reviews",
        "yes",
        "no",
        "lastUpdate",
        "tableCaption",
        "product",
    ]
    .iter()
    .map(|k| (k.to_string(), json!(s)))
    .collect();
    let base = |records: Value| {
        json!({"kind": kind, "marketplace": "www.amazon.com", "tag": "shelftest-20", "now": NOW,
            "records": records, "site": {"hosts": [SITE_HOST], "unfilteredHtml": true},
            "options": {"field": "price", "rows": [{"type": "html", "value": "<b>ok</b>"}]}})
    };
    let with = |mut v: Value, key: &str, value: Value| {
        v[key] = value;
        v
    };
    let fixture = record(item("B0SHLFK001"));
    let field_options = |field: &str| {
        let mut o = options.clone();
        o["field"] = json!(field);
        o
    };
    let mut out = vec![
        ("api fields", base(record(api)), false),
        ("detailPageURL", base(record(detail)), false),
        ("image url", base(record(image)), false),
        ("star rating", base(record(reviews)), false),
        ("manual record", base(manual.clone()), true),
        (
            "options",
            with(base(fixture.clone()), "options", options.clone()),
            true,
        ),
        (
            "options manual",
            with(base(manual), "options", options.clone()),
            true,
        ),
        (
            "wording",
            with(base(fixture.clone()), "wording", Value::Object(wording)),
            false,
        ),
        (
            "as of",
            base(
                json!([{"asin": "B0SHLFK001", "item": item("B0SHLFK001"), "fetchedAt": NOW,
                "asOf": s}]),
            ),
            false,
        ),
        (
            "marketplace",
            with(base(fixture.clone()), "marketplace", json!(s)),
            false,
        ),
        ("tag", with(base(fixture.clone()), "tag", json!(s)), false),
        ("asin", base(json!([{"asin": s, "item": null}])), false),
    ];
    if kind == "field" {
        for f in [
            "title",
            "image",
            "button",
            "url",
            "link",
            "features",
            "rating",
            "lastUpdate",
        ] {
            out.push((
                "field options",
                with(base(fixture.clone()), "options", field_options(f)),
                true,
            ));
        }
    }
    out
}

fn run(kind: &str) {
    let vectors = vectors();
    assert!(vectors.len() > 800, "{}", vectors.len());
    for s in &vectors {
        for (group, input, shop_hosts) in placements(kind, s) {
            let input = shelf_core::RenderInput::from_json(&input.to_string()).expect("input");
            let r = shelf_core::render(&input);
            check(&r.html, shop_hosts, &format!("{kind} / {group} / {s:?}"));
            for e in &r.errors {
                // Problems are for the admin and are escaped by the shell; still, no markup.
                assert!(!e.message.contains('\u{0}'), "{group}: NUL in message");
            }
        }
    }
}

macro_rules! kinds {
    ($($name:ident => $kind:literal),+ $(,)?) => {$(
        #[test]
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        fn $name() {
            run($kind);
        }
    )+};
}

kinds!(
    hostile_strings_in_boxes => "box",
    hostile_strings_in_tables => "table",
    hostile_strings_in_lists => "list",
    hostile_strings_in_text_links => "link",
    hostile_strings_in_image_links => "imageLink",
    hostile_strings_in_fields => "field",
);

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn tokenizer_catches_what_it_must() {
    assert!(start_tags("<p>x</p><!-- c -->").is_err());
    let tags = start_tags("<a href=\"https://x/?a=1&amp;b\" onclick='y' data-x=z>").unwrap();
    assert_eq!(tags[0].attrs[0].1, "https://x/?a=1&b");
    assert_eq!(tags[0].attrs[1].0, "onclick");
}
