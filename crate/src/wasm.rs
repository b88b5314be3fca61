//! The only binding file: deserialise → call the core → serialise. No logic lives here.

use crate::support::prelude::*;

#[cfg(any(feature = "links", feature = "rewrite", feature = "admin"))]
use crate::support::message::Message;
use crate::wire::json_out;
#[cfg(any(feature = "localise", feature = "admin"))]
use crate::Marketplace;
use wasm_bindgen::prelude::*;

fn into_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

// JSON text crosses the boundary in both directions (serde-wasm-bindgen would add its own
// (de)serialiser per type). The shipped exports write their results with `json_out`; serde's
// serialiser is only linked for the exports the front end does not load.
#[cfg(any(feature = "rewrite", feature = "admin"))]
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    use alloc::string::ToString;
    #[allow(clippy::disallowed_methods, reason = "admin and tooling exports only")]
    let text = serde_json::to_string(value).map_err(|e| into_error(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

#[cfg(any(feature = "links", feature = "rewrite", feature = "admin"))]
fn from_js(value: &JsValue) -> Result<crate::wire::json_text::Json, JsValue> {
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| into_error("the value could not be read as JSON"))?;
    crate::wire::json_text::parse(&text).map_err(|e| into_error(&e.message()))
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

#[cfg(any(feature = "links", feature = "rewrite", feature = "admin"))]
fn link_options(options: JsValue) -> Result<crate::LinkOptions, JsValue> {
    let input =
        crate::links::link_options::input::LinkOptionsInput::from_value(&from_js(&options)?)
            .map_err(|e| into_error(&e.message()))?;
    crate::LinkOptions::try_from(input).map_err(|e| into_error(&e.message()))
}

/// Decides one decoded href: `{ outcome: "tagged" | "localised" | "alreadyFine" | "foreignTag" |
/// "short" | "notAmazon" | "skipped", url?, … }`. Throws on an invalid options bag.
#[cfg(feature = "admin")]
#[wasm_bindgen(js_name = processHref)]
pub fn process_href_js(href: &str, options: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::process_href(href, &link_options(options)?))
}

/// The visitor's store host among `hosts` (an array of hosts), or `undefined`. `languages` is
/// the browser's array of language tags.
// Arrays arrive as JSON like every other input: `Vec<String>` parameters would add
// wasm-bindgen's array conversion (about 1 KB) for these two.
#[cfg(feature = "localise")]
#[wasm_bindgen(js_name = visitorMarketplace)]
pub fn visitor_marketplace_js(
    languages: JsValue,
    timezone: JsValue,
    country_header: JsValue,
    hosts: JsValue,
) -> Result<Option<String>, JsValue> {
    // Strings read as values (`undefined`/`null` header: none), not `&str`/`Option<String>`
    // parameters: their glue would copy each into the wasm in a try block of its own.
    let timezone = timezone.as_string().unwrap_or_default();
    let country_header = country_header.as_string();
    let languages_json = from_js(&languages)?;
    let hosts = from_js(&hosts)?;
    // Loops, not iterator chains: each chain is its own monomorphised code.
    let mut languages = Vec::new();
    for language in items(&languages_json) {
        languages.extend(language.as_str().map(str::to_owned));
    }
    let mut available = Vec::new();
    for host in items(&hosts) {
        available.extend(host.as_str().and_then(Marketplace::by_host));
    }
    Ok(
        crate::visitor_marketplace(&languages, &timezone, country_header.as_deref(), &available)
            .map(|m| m.host.to_owned()),
    )
}

/// The items of a JSON array (callers keep its strings); anything else has no items.
#[cfg(feature = "localise")]
fn items(value: &crate::wire::json_text::Json) -> &[crate::wire::json_text::Json] {
    value.as_array().unwrap_or_default()
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

/// Rewrites the links of an HTML fragment: `{ html, report: { links: [...], unchanged? } }`.
/// Throws on an invalid options bag.
#[cfg(feature = "rewrite")]
#[wasm_bindgen(js_name = rewriteLinks)]
pub fn rewrite_links_js(html: &str, options: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::rewrite_links(html, &link_options(options)?))
}

/// View-time handling of post content's links (DOM mode): for each `[href, rel, target]` (the
/// attribute values of one `<a>`/`<area>`, `null` when absent), `[amazon, href, rel, target]`:
/// `amazon` is 1 for an Amazon link (the disclosure), 0 otherwise, then the new attribute
/// values, `null` to leave one as it is (`view_time_change`). Throws on an invalid options bag.
// The loader walks the DOM and applies the changes: a walk in Rust needs web-sys's element
// bindings and their glue (about 450 B brotli more).
#[cfg(feature = "links")]
#[wasm_bindgen(js_name = processLinks)]
pub fn process_links_js(links: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = link_options(options)?;
    let links = from_js(&links)?;
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
    js_sys::JSON::parse(&out)
}

// --- products ---

/// Renders a placement: `{ html, errors: [{ record, message }], amazonLinks }`. Takes the
/// placement object or its JSON text (see the `render` module docs for the shape). Data
/// problems never throw: they come back in `errors`, with empty `html` when nothing renders.
#[cfg(feature = "render")]
#[wasm_bindgen(js_name = render)]
pub fn render_js(input: JsValue) -> Result<JsValue, JsValue> {
    // One path for both forms: `json_text` reads the text, so decimals and lenient fields are
    // handled identically in Node, the browser and native tests.
    let json = match input.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(&input)
            .map(String::from)
            .map_err(|_| into_error("the placement could not be read as JSON"))?,
    };
    js_sys::JSON::parse(&json_out::rendered(&crate::render_json(&json)))
}

/// The disclosure paragraph for the statement the server resolved (the owner's wording or the
/// locale's default, as PHP prints it).
#[wasm_bindgen(js_name = renderDisclosure)]
pub fn render_disclosure_js(statement: &str) -> String {
    crate::disclosure_html(statement)
}
