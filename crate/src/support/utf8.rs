//! Bytes to text with U+FFFD for each invalid sequence, as `String::from_utf8_lossy` does, in a
//! plain decoding loop: std's function (core's `Utf8Chunks`) or a loop over `str::from_utf8`
//! would each add several hundred bytes to the visitors' modules.

use crate::support::prelude::*;

/// `bytes` as text; each maximal subpart of an ill-formed sequence becomes one U+FFFD (the
/// Unicode and WHATWG rule, as `from_utf8_lossy`).
pub(crate) fn lossy(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        i += 1;
        // Continuation bytes after the lead, the range of the first of them (Unicode table 3-7:
        // it excludes overlong forms, surrogates and code points beyond U+10FFFF), and the
        // lead's payload bits.
        let (more, first, bits) = match lead {
            0x00..=0x7F => {
                out.push(char::from(lead));
                continue;
            }
            0xC2..=0xDF => (1, 0x80..=0xBF, lead & 0x1F),
            0xE0 => (2, 0xA0..=0xBF, lead & 0x0F),
            0xED => (2, 0x80..=0x9F, lead & 0x0F),
            0xE1..=0xEF => (2, 0x80..=0xBF, lead & 0x0F),
            0xF0 => (3, 0x90..=0xBF, lead & 0x07),
            0xF1..=0xF3 => (3, 0x80..=0xBF, lead & 0x07),
            0xF4 => (3, 0x80..=0x8F, lead & 0x07),
            _ => {
                out.push('\u{FFFD}');
                continue;
            }
        };
        let mut code = u32::from(bits);
        let mut range = first;
        let mut whole = true;
        for _ in 0..more {
            match bytes.get(i) {
                Some(&b) if range.contains(&b) => {
                    code = code << 6 | u32::from(b & 0x3F);
                    i += 1;
                    range = 0x80..=0xBF;
                }
                // The sequence breaks here: one replacement, and this byte starts afresh.
                _ => {
                    whole = false;
                    break;
                }
            }
        }
        out.push(match whole {
            true => char::from_u32(code).unwrap_or('\u{FFFD}'),
            false => '\u{FFFD}',
        });
    }
    out
}

/// `bytes` as text, taken as they are when they are UTF-8 (no copy), else as [`lossy`] reads them.
/// Only the rewriter's wasm entry and its edits hand over buffers.
#[cfg(any(test, all(feature = "rewrite", target_arch = "wasm32")))]
pub(crate) fn lossy_owned(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| lossy(e.as_bytes()))
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn agrees(bytes: &[u8]) {
        assert_eq!(lossy(bytes), String::from_utf8_lossy(bytes), "{bytes:x?}");
        assert_eq!(
            lossy_owned(bytes.to_vec()),
            String::from_utf8_lossy(bytes),
            "{bytes:x?}"
        );
    }

    #[test]
    fn replaces_each_maximal_invalid_subsequence_as_std_does() {
        for case in [
            &b""[..],
            b"plain",
            "caf\u{e9} \u{1f600}".as_bytes(),
            b"\xff",
            b"a\xffb\xfe",
            b"\xe2\x82",         // truncated at the end
            b"\xe2\x82x",        // truncated inside
            b"\xf0\x9f\x98",     // truncated four-byte sequence
            b"\xed\xa0\x80",     // a surrogate
            b"\xc0\xaf",         // overlong
            b"\xf4\x90\x80\x80", // beyond U+10FFFF
            b"\x80\x80\x80",
        ] {
            agrees(case);
        }
    }

    #[test]
    fn agrees_with_std_on_random_bytes() {
        // Bytes drawn mostly from the interesting range: continuation and lead bytes.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut bytes = Vec::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for i in 0..(state % 12) {
                let r = (state >> (i * 5)) as u8;
                bytes.push(match r % 4 {
                    0 => b'a',
                    1 => 0x80 | (r & 0x3f),
                    2 => 0xc0 | (r & 0x3f),
                    _ => 0xe0 | (r & 0x1f),
                });
            }
            agrees(&bytes);
        }
    }
}
