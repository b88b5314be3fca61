//! The crate's JSON reader (`json_text`, used for every input from the shell) against
//! serde_json on arbitrary text: both accept the same texts and read the same values.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = shelf_core::fuzzing::agrees_with_serde_json(text) {
        panic!("{e}\ninput: {text:?}");
    }
});
