//! Searches for ASCII bytes, and splitting at one, without core's byte and char searchers
//! (`memchr` behind `<[u8]>::contains`, `str::find(char)`, `split(char)`, `lines()`), which the
//! visitors' modules would otherwise link. The rewriter (feature `rewrite`) searches eight bytes
//! at a time: its data state, attribute values and every link's URL are scanned this way, and a
//! byte-by-byte loop was a large share of `rewrite_links`' time.

/// The offset of the first `needle` in `haystack`.
pub(crate) fn find_byte(haystack: &[u8], needle: u8) -> Option<usize> {
    find_any(haystack, &[needle])
}

/// The offset of the first byte of `haystack` that is one of `needles`.
pub(crate) fn find_any(haystack: &[u8], needles: &[u8]) -> Option<usize> {
    #[cfg(feature = "rewrite")]
    return eight_at_a_time(haystack, needles);
    #[cfg(not(feature = "rewrite"))]
    one_at_a_time(haystack, needles)
}

/// The visitors' modules search short texts and are built for size: a plain loop (the other is
/// 113 B of brotli more). It also searches the last few bytes for the other.
fn one_at_a_time(haystack: &[u8], needles: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| needles.iter().any(|n| n == b))
}

/// SWAR: each needle's matches in a 64-bit word at once.
#[cfg(feature = "rewrite")]
fn eight_at_a_time(haystack: &[u8], needles: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = haystack.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let word = u64::from_le_bytes(bytes);
        let mut found = 0;
        for needle in needles {
            let x = word ^ (ONES * u64::from(*needle));
            // The lowest set bit marks the first zero byte of `x`, i.e. the first match (a
            // borrow can mark bytes after it, never before).
            found |= x.wrapping_sub(ONES) & !x & HIGHS;
        }
        if found != 0 {
            return Some(offset + (found.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    one_at_a_time(haystack.get(offset..)?, needles).map(|p| offset + p)
}

/// `s.split(sep)` for an ASCII `sep` (nothing for `None`): a byte search, cheaper than core's
/// char searcher on the short pieces of a URL.
pub(crate) fn split_byte(s: Option<&str>, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = s;
    core::iter::from_fn(move || {
        let s = rest?;
        let (piece, after) = split_once_byte(s, sep).map_or((s, None), |(p, a)| (p, Some(a)));
        rest = after;
        Some(piece)
    })
}

/// `s.split_once(sep)` for an ASCII `sep` (see [`split_byte`]).
pub(crate) fn split_once_byte(s: &str, sep: u8) -> Option<(&str, &str)> {
    let at = find_byte(s.as_bytes(), sep)?;
    let (before, after) = s.split_at_checked(at)?;
    Some((before, after.get(1..)?))
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::support::prelude::*;

    #[test]
    fn finds_bytes_at_every_position() {
        let hay: Vec<u8> = (0..40u8).collect();
        for (i, b) in hay.iter().enumerate() {
            assert_eq!(find_byte(&hay, *b), Some(i));
            assert_eq!(find_any(&hay, &[200, *b, 39]), Some(i));
        }
        assert_eq!(find_byte(&hay, 200), None);
        assert_eq!(find_any(&hay, &[200, 201]), None);
        assert_eq!(find_any(&hay, &[]), None);
        assert_eq!(find_byte(b"\x80\x3c<", b'<'), Some(1));
        // A match after a byte one above a needle (the borrow's false positive) is not earlier.
        assert_eq!(find_any(b"ab&\r\0xyz0123", b"&\r\0"), Some(2));
        assert_eq!(find_any(b"0123456789&", b"&\r"), Some(10));
    }

    #[test]
    fn both_searches_agree() {
        // Every length up to three words, needles at every position, bytes next to them.
        for len in 0..24usize {
            for at in 0..=len {
                let mut hay: Vec<u8> = (0..len).map(|i| b"a%&'(\x7f\x80\xff"[i % 8]).collect();
                if let Some(b) = hay.get_mut(at) {
                    *b = b'<';
                }
                for needles in [&b"<"[..], b"&<", b"'&\x80", b"\0", b""] {
                    let plain = one_at_a_time(&hay, needles);
                    assert_eq!(find_any(&hay, needles), plain, "{hay:?} {needles:?}");
                }
            }
        }
    }
}
