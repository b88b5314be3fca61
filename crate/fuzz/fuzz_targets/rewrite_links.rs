//! `rewrite_links` on arbitrary UTF-8: no panic, output = input except changed hrefs, every
//! changed href an allowed store URL with one tag, idempotent. The first byte picks the options.
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
