//! The only binding file: deserialise → call the core → serialise. No logic lives here.
//!
//! The visitors' exports (`render`, `processLinks`, `visitorMarketplace`) take and return
//! strings only, JSON text where the value is structured, and report bad input in their result
//! instead of throwing: without a `JsValue` in their signatures the modules need no externref
//! table, no `JSON` imports and no exception glue (about 1.2 KB brotli).

use crate::support::prelude::*;

#[cfg(any(feature = "links", feature = "rewrite", feature = "admin"))]
use crate::support::message::Message;
use crate::wire::json_out;
#[cfg(any(feature = "localise", feature = "admin"))]
use crate::Marketplace;
use wasm_bindgen::prelude::*;

#[cfg(any(feature = "rewrite", feature = "admin"))]
fn into_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

// JSON text crosses the boundary in both directions (serde-wasm-bindgen would add its own
// (de)serialiser per type). The shipped exports write their results with `json_out`; serde's
// serialiser is only linked for the exports the front end does not load.
#[cfg(feature = "admin")]
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    use alloc::string::ToString;
    #[allow(clippy::disallowed_methods, reason = "admin and tooling exports only")]
    let text = serde_json::to_string(value).map_err(|e| into_error(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

#[cfg(any(feature = "rewrite", feature = "admin"))]
fn json_text(value: &JsValue) -> Result<String, JsValue> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| into_error("the value could not be read as JSON"))
}

/// Validates a tracking tag for a marketplace host: `{ ok, tag, error, warnings }`.
// `tag` is the normalised tag when valid.
#[cfg(feature = "admin")]
#[wasm_bindgen(js_name = validateTag)]
pub fn validate_tag(tag: &str, marketplace: &str) -> Result<JsValue, JsValue> {
    let text = match crate::Tag::parse(tag) {
        Ok(t) => {
            let warnings: Vec<String> = Marketplace::by_host(marketplace)
                .map(|m| t.warnings(m).iter().map(Message::message).collect())
                .unwrap_or_default();
            json_out::tag_check(true, Some(t.as_str()), None, &warnings)
        }
        Err(e) => json_out::tag_check(false, None, Some(&e.message()), &[]),
    };
    js_sys::JSON::parse(&text)
}

// --- links ---

/// The link options bag from its JSON text, or why it cannot be used.
#[cfg(any(feature = "links", feature = "rewrite", feature = "admin"))]
fn read_link_options(text: &str) -> Result<crate::LinkOptions, String> {
    let value = crate::wire::json_text::parse(text).map_err(|e| e.message())?;
    let input = crate::links::link_options::input::LinkOptionsInput::from_value(&value)
        .map_err(|e| e.message())?;
    crate::LinkOptions::try_from(input).map_err(|e| e.message())
}

#[cfg(any(feature = "rewrite", feature = "admin"))]
fn link_options(options: JsValue) -> Result<crate::LinkOptions, JsValue> {
    read_link_options(&json_text(&options)?).map_err(|e| into_error(&e))
}

/// Decides one decoded href: `{ outcome: "tagged" | "localised" | "alreadyFine" | "foreignTag" |
/// "short" | "notAmazon" | "skipped", url?, … }`. Throws on an invalid options bag.
#[cfg(feature = "admin")]
#[wasm_bindgen(js_name = processHref)]
pub fn process_href_js(href: &str, options: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::process_href(href, &link_options(options)?))
}

/// The visitor's store host, or `""` for none, from the JSON text of the signals
/// `{ "languages": [<the browser's language tags>], "timezone": "<IANA zone>",
/// "country": "<a CDN's country code>" | null, "hosts": [<the store hosts the site has a tag
/// for>] }`; a missing or unreadable signal counts as none.
#[cfg(feature = "localise")]
#[wasm_bindgen(js_name = visitorMarketplace)]
pub fn visitor_marketplace_js(signals: &str) -> String {
    let signals =
        crate::wire::json_text::parse(signals).unwrap_or(crate::wire::json_text::Json::Null);
    let (languages, timezone, country, hosts) =
        crate::wire::read_value::read_object(&signals, "signals", |f| {
            (
                f.texts("languages"),
                f.text_or("timezone", ""),
                f.text("country"),
                f.texts("hosts"),
            )
        })
        .unwrap_or_default();
    let available: Vec<&Marketplace> = hosts
        .iter()
        .filter_map(|h| Marketplace::by_host(h))
        .collect();
    crate::visitor_marketplace(&languages, &timezone, country.as_deref(), &available)
        .map_or_else(String::new, |m| m.host.to_owned())
}

/// The 22 marketplaces as data.
#[cfg(feature = "admin")]
#[wasm_bindgen(js_name = marketplaces)]
pub fn marketplaces_js() -> Result<JsValue, JsValue> {
    to_js(&crate::MARKETPLACES)
}

/// The store host for a country code (own store, reviewed fallback, else `www.amazon.com`).
#[cfg(feature = "admin")]
#[wasm_bindgen(js_name = nearestMarketplace)]
pub fn nearest_marketplace_js(country: &str) -> String {
    crate::nearest_marketplace(country).host.to_owned()
}

// --- rewrite ---

/// Rewrites the links of an HTML fragment (the editor at save time, the link audit) with the
/// options bag (`tags`, `existingTag`, `noise`, `path`, `localise`, `rel`, `newTab`, and
/// `shortLinks`: `{ "<short href as in report.links[].href>": "<long URL the server resolved>" }`).
/// Throws on an invalid options bag or when `html` is not a string.
///
/// Returns `{ html, report: { links, unchanged } }`: `html` is the rewritten fragment (the input
/// when nothing changed); `unchanged` is `null`, or `{ reason: "tooLarge", limit }` /
/// `{ reason: "ambiguousMarkup", offset }` (a UTF-8 byte offset) when the whole input was kept,
/// `links` then empty. Each link, in document order:
/// `{ href, newHref, newRel?, newTarget?, resolved?, outcome, …outcome fields }` or
/// `{ href, newHref: null, untouched: "inTemplate" | "inForeignContent" }`. `href` is the
/// decoded attribute; `newHref` the URL written in its place or `null`; `newRel` (the whole
/// new `rel`) and `newTarget` (`"_blank"`) only when they changed; `resolved` only for a short
/// link decided as its long URL. The outcome fields are `processHref`'s: `tagged` {url,
/// marketplace, asin, replaced}, `localised` {url, from, to, asin}, `alreadyFine` {marketplace,
/// asin}, `foreignTag` {found, urlIfReplaced, marketplace, asin}, `short` {host}, `notAmazon`,
/// `skipped` {reason: {reason, detail?}}.
#[cfg(feature = "rewrite")]
#[wasm_bindgen(js_name = rewriteLinks)]
pub fn rewrite_links_js(html: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    use wasm_bindgen::JsCast;
    #[cfg(feature = "fault")]
    crate::support::fault::check_js(&html);
    let options = link_options(options)?;
    let html = html
        .dyn_into::<js_sys::JsString>()
        .map_err(|_| into_error("the html must be a string"))?;
    let units = html.length() as usize;
    // Room for longer URLs and added attributes: the links are rewritten in this buffer.
    let html = utf8(&html, units / 16 + 64);
    // The report's text is written link by link (no per-link structure is kept) and handed to
    // JS in pieces: the wasm memory holds one piece at a time, not the whole report.
    let pieces = js_sys::Array::new();
    let mut report = String::with_capacity(REPORT_PIECE);
    report.push_str("{\"links\":[");
    let mut first = true;
    let (html, unchanged) = crate::html::rewrite::rewrite_owned(html, &options, |link| {
        if report.len() >= REPORT_PIECE - 1024 {
            pieces.push(&JsValue::from_str(&report));
            report.clear();
        }
        if !first {
            report.push(',');
        }
        first = false;
        json_out::rewrite_link(&mut report, &link);
    });
    if unchanged.is_some() {
        // The input was kept: so are no links.
        pieces.set_length(0);
        report.clear();
        report.push_str("{\"links\":[");
    }
    json_out::end_rewrite_report(&mut report, unchanged);
    pieces.push(&JsValue::from_str(&report));
    let report = parse_json(&pieces.join(""))?;
    let result = js_sys::Object::new();
    js_sys::Reflect::set(&result, &"html".into(), &JsValue::from_str(&html))?;
    js_sys::Reflect::set(&result, &"report".into(), &report)?;
    Ok(result.into())
}

/// The size of the report's pieces: a power of two fills its block of the lean allocator.
#[cfg(feature = "rewrite")]
const REPORT_PIECE: usize = 64 * 1024;

#[cfg(feature = "rewrite")]
#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JS string (js-sys's takes a `&str` from the wasm memory).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn parse_json(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(
        this: &TextEncoder,
        text: &js_sys::JsString,
        into: &js_sys::Uint8Array,
    ) -> Encoded;
    /// `encodeInto`'s `{ read, written }`.
    type Encoded;
    #[wasm_bindgen(method, getter)]
    fn read(this: &Encoded) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &Encoded) -> u32;
}

/// A JS string as UTF-8 in a buffer with `room` spare bytes, written by `encodeInto` straight
/// into the wasm memory: the `&str` glue would copy an ASCII string character by character in
/// JS, and its buffer has no room to rewrite in.
#[cfg(feature = "rewrite")]
fn utf8(text: &js_sys::JsString, room: usize) -> String {
    use wasm_bindgen::JsCast;
    let encoder = TextEncoder::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut rest = text.clone();
    let mut units = rest.length();
    // ASCII takes a byte per UTF-16 unit; what does not fit then takes at most three.
    let mut size = units as usize + room;
    loop {
        let from = bytes.len();
        bytes.resize(from + size, 0);
        // After the resize: growing the memory replaces its buffer.
        let memory = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>();
        let at = bytes.as_ptr() as usize + from;
        let view = js_sys::Uint8Array::new_with_byte_offset_and_length(
            &memory.buffer(),
            at as u32,
            size as u32,
        );
        let done = encoder.encode_into(&rest, &view);
        bytes.truncate(from + done.written() as usize);
        if done.read() >= units {
            break;
        }
        rest = rest.slice(done.read(), units);
        units = rest.length();
        size = units as usize * 3;
    }
    // `encodeInto` writes UTF-8 (lone surrogates as U+FFFD).
    crate::support::utf8::lossy_owned(bytes)
}

/// View-time handling of post content's links (DOM mode), in JSON text: for each
/// `[href, rel, target]` of `links` (the attribute values of one `<a>`/`<area>`, `null` when
/// absent), `[amazon, href, rel, target]`: `amazon` is 1 for an Amazon link (the disclosure), 0
/// otherwise, then the new attribute values, `null` to leave one as it is (`view_time_change`).
/// With an invalid options bag or unreadable links: `{"error": "<why>"}`.
// The loader walks the DOM and applies the changes: a walk in Rust needs web-sys's element
// bindings and their glue (about 450 B brotli more).
#[cfg(feature = "links")]
#[wasm_bindgen(js_name = processLinks)]
pub fn process_links_js(links: &str, options: &str) -> String {
    #[cfg(feature = "fault")]
    for input in [links, options] {
        crate::support::fault::check(input);
    }
    let read = read_link_options(options).and_then(|options| {
        let links = crate::wire::json_text::parse(links).map_err(|e| e.message())?;
        Ok((options, links))
    });
    let (options, links) = match read {
        Ok(read) => read,
        Err(why) => return json_out::error(&why),
    };
    let mut out = String::from("[");
    for link in links.as_array().unwrap_or_default() {
        let parts = link.as_array().unwrap_or_default();
        let part = |i: usize| parts.get(i).and_then(|p| p.as_str());
        let change =
            crate::view_time_change(part(0).unwrap_or_default(), part(1), part(2), &options);
        if out.len() > 1 {
            out.push(',');
        }
        json_out::link_change(&mut out, &change);
    }
    out.push(']');
    out
}

// --- products ---

/// Renders a placement from its JSON text (see the `render` module docs for the shape), as JSON
/// text: `{ html, errors: [{ record, message }], amazonLinks, refetch }`. Bad input never
/// throws: its problems come back in `errors`, with empty `html` when nothing renders.
#[cfg(feature = "render")]
#[wasm_bindgen(js_name = render)]
pub fn render_js(input: &str) -> String {
    #[cfg(feature = "fault")]
    crate::support::fault::check(input);
    json_out::rendered(&crate::render_json(input))
}

#[cfg(all(test, feature = "rewrite"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn rewrite(html: &JsValue, options: &str) -> (String, String) {
        let options = js_sys::JSON::parse(options).unwrap();
        let result = rewrite_links_js(html.clone(), options).unwrap();
        let get = |key: &str| js_sys::Reflect::get(&result, &key.into()).unwrap();
        let report = js_sys::JSON::stringify(&get("report")).unwrap();
        (get("html").as_string().unwrap(), report.into())
    }

    #[test]
    fn rewrites_in_the_wasm_memory_as_natively_and_reports_in_json() {
        let options = r#"{"tags": {"www.amazon.com": "shelftest-20"}, "newTab": true,
            "shortLinks": {"https://amzn.to/x": "https://amazon.com/dp/B0SHLFK002"}}"#;
        // Non-ASCII text past the first buffer's room: the copy takes a second round.
        let html = format!(
            "<p>{}<a href=\"https://www.amazon.com/dp/B0SHLFK001\" rel=me>é</a>\
             <a href='https://amzn.to/x'>🙂</a><a href=/x>x</a>",
            "Wasserkocher für Tee: ü".repeat(200)
        );
        let (out, report) = rewrite(&JsValue::from_str(&html), options);
        let native = crate::rewrite_links(
            &html,
            &crate::LinkOptions::new()
                .tag(
                    Marketplace::by_host("www.amazon.com").unwrap(),
                    crate::Tag::parse("shelftest-20").unwrap(),
                )
                .new_tab(true)
                .short_link("https://amzn.to/x", "https://amazon.com/dp/B0SHLFK002"),
        );
        assert_eq!(out, native.html);
        assert!(report.starts_with(r#"{"links":[{"href":"https://www.amazon.com/dp/B0SHLFK001","newHref":"https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20","newRel":"me sponsored noopener","newTarget":"_blank","outcome":"tagged","#), "{report}");
        assert!(report.contains(r#"{"href":"https://amzn.to/x","newHref":"https://www.amazon.com/dp/B0SHLFK002?tag=shelftest-20","newRel":"sponsored noopener","newTarget":"_blank","resolved":"https://amazon.com/dp/B0SHLFK002","outcome":"tagged","#), "{report}");
        assert!(
            report.ends_with(
                r#"{"href":"/x","newHref":null,"outcome":"notAmazon"}],"unchanged":null}"#
            ),
            "{report}"
        );
    }

    #[test]
    fn hands_a_long_report_over_in_pieces() {
        let many = "<a href=https://www.amazon.com/dp/B0SHLFK001>x</a>".repeat(3000);
        let options = r#"{"tags": {"www.amazon.com": "shelftest-20"}}"#;
        let (out, report) = rewrite(&JsValue::from_str(&many), options);
        assert!(report.len() > 4 * REPORT_PIECE, "{}", report.len());
        let links = js_sys::JSON::parse(&report).unwrap();
        let links = js_sys::Reflect::get(&links, &"links".into()).unwrap();
        assert_eq!(js_sys::Array::from(&links).length(), 3000);
        assert_eq!(out.matches("?tag=shelftest-20\" rel=").count(), 3000);
        // Links reported before an ambiguity are dropped with the pieces that hold them.
        let (_, report) = rewrite(&JsValue::from_str(&(many + "<select><xmp>")), options);
        assert!(report.starts_with(r#"{"links":[],"unchanged":{"reason":"ambiguousMarkup""#));
    }

    #[test]
    fn reports_unchanged_input_and_refuses_what_is_not_a_string() {
        let (out, report) = rewrite(&JsValue::from_str("<a href=x><select><xmp>"), "{}");
        assert_eq!(out, "<a href=x><select><xmp>");
        assert_eq!(
            report,
            r#"{"links":[],"unchanged":{"reason":"ambiguousMarkup","offset":18}}"#
        );
        let options = js_sys::JSON::parse("{}").unwrap();
        assert!(rewrite_links_js(JsValue::from(3), options).is_err());
        // A lone surrogate reads as U+FFFD, as the browser's encoder reads it.
        let lone = js_sys::JsString::from_char_code1(0xD800).concat(&"<a href=/y>".into());
        assert_eq!(rewrite(&lone.into(), "{}").0, "\u{FFFD}<a href=/y>");
    }
}
