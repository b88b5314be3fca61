//! `rewrite_links` on arbitrary UTF-8: no panic; output = input except the first `href` and
//! `rel` and an added `target` of the affiliate links the report says changed, every changed
//! href an allowed store URL with one tag, every new rel with `sponsored noopener`; idempotent.
//! The first byte picks the options (some with extra rel tokens, new tabs, resolved short links).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/rewrite_support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let Some((pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(html) = std::str::from_utf8(rest) else {
        return;
    };
    let sets = invariants::option_sets();
    let options = &sets[usize::from(*pick) % sets.len()];
    if let Err(e) = invariants::check_rewrite(html, options) {
        panic!("{e}\ninput: {html:?}");
    }
});
