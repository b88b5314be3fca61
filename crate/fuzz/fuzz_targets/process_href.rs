//! `process_href` on arbitrary strings: no panic, a changed href is an allowed store URL with
//! exactly one tag, and deciding it again changes nothing. The first byte picks the options.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/rewrite_support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let Some((pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(href) = std::str::from_utf8(rest) else {
        return;
    };
    let sets = invariants::option_sets();
    let options = &sets[usize::from(*pick) % sets.len()];
    if let Err(e) = invariants::check_href(href, options) {
        panic!("{e}\ninput: {href:?}");
    }
});
