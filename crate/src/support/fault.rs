//! Feature `fault`, for tests only: never in a shipped module (build.sh builds it apart, outside
//! dist/). An export whose input carries a marker fails the way a bug in the core would, so the
//! e2e suite (tests/e2e/specs/44-wasm-faults.spec.mjs) proves the loader and the editor survive
//! it: `shelf-fault:panic` panics (a trap under `lean`), `shelf-fault:trap` reads outside the
//! memory, `shelf-fault:oom` allocates until the memory cannot grow.
#![allow(unsafe_code)]

use crate::support::prelude::*;
use wasm_bindgen::JsValue;

/// Fails as the marker in `input` says; returns when there is none.
pub(crate) fn check(input: &str) {
    if input.contains("shelf-fault:panic") {
        panic!();
    }
    if input.contains("shelf-fault:trap") {
        // SAFETY: none wanted: the load is outside the wasm memory and traps.
        unsafe { core::ptr::read_volatile(core::hint::black_box(usize::MAX - 8) as *const u64) };
    }
    if input.contains("shelf-fault:oom") {
        // Blocks of 64 MiB, never written, so the test machine commits no memory for them.
        let mut held = Vec::new();
        loop {
            held.push(core::hint::black_box(Vec::<u8>::with_capacity(1 << 26)));
        }
    }
}

/// [`check`] on a JS value: a string, or anything else as its JSON text.
pub(crate) fn check_js(input: &JsValue) {
    let text = input
        .as_string()
        .or_else(|| js_sys::JSON::stringify(input).ok().map(String::from));
    check(&text.unwrap_or_default());
}
