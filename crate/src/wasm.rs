//! The only binding file: deserialise → call the core → serialise. No logic lives here.

use crate::text_link::{render_text_link, TextLinkInput};
use crate::{Marketplace, Tag};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn into_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(into_error)
}

#[derive(Serialize)]
struct TagCheck {
    ok: bool,
    /// The normalised tag when valid.
    tag: Option<String>,
    error: Option<String>,
    warnings: Vec<String>,
}

/// Validates a tracking tag for a marketplace host: `{ ok, tag, error, warnings }`.
#[wasm_bindgen(js_name = validateTag)]
pub fn validate_tag(tag: &str, marketplace: &str) -> Result<JsValue, JsValue> {
    let check = match Tag::parse(tag) {
        Ok(t) => TagCheck {
            ok: true,
            warnings: Marketplace::by_host(marketplace)
                .map(|m| t.warnings(m).iter().map(ToString::to_string).collect())
                .unwrap_or_default(),
            tag: Some(t.to_string()),
            error: None,
        },
        Err(e) => TagCheck {
            ok: false,
            tag: None,
            error: Some(e.to_string()),
            warnings: vec![],
        },
    };
    to_js(&check)
}

/// Renders a text-link placement; throws an `Error` with a readable message on bad input.
#[wasm_bindgen(js_name = renderTextLink)]
pub fn render_text_link_js(input: JsValue) -> Result<String, JsValue> {
    let input: TextLinkInput = serde_wasm_bindgen::from_value(input).map_err(into_error)?;
    render_text_link(&input).map_err(into_error)
}
