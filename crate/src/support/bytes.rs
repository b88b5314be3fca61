//! Byte searches eight bytes at a time (SWAR): the rewriter's data state, attribute values and
//! every link's URL are scanned for one of a few ASCII bytes, and a byte-by-byte loop was a
//! large share of `rewrite_links`' time.

/// The offset of the first `needle` in `haystack`.
pub(crate) fn find_byte(haystack: &[u8], needle: u8) -> Option<usize> {
    find_any(haystack, &[needle])
}

/// The offset of the first byte of `haystack` that is one of `needles`, eight bytes at a time.
#[cfg(not(feature = "rewrite"))]
pub(crate) fn find_any(haystack: &[u8], needles: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| needles.iter().any(|n| n == b))
}

#[cfg(feature = "rewrite")]
pub(crate) fn find_any(haystack: &[u8], needles: &[u8]) -> Option<usize> {
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
    let rest = haystack.get(offset..)?;
    rest.iter()
        .position(|b| needles.contains(b))
        .map(|p| offset + p)
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
}
