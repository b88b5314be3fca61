//! Integers as decimal text, appended by hand: `core::fmt`'s integer formatting and padding
//! stay out of the render path (and out of the wasm module where nothing else needs them).

use crate::support::prelude::*;

/// Appends `n` in decimal.
pub(crate) fn push_uint(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    // `get_mut`, not indexing: no bounds-check panic (and its message) in the wasm.
    while let Some(digit) = i.checked_sub(1).and_then(|at| digits.get_mut(at)) {
        *digit = b'0' + (n % 10) as u8;
        i -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in digits.get(i..).unwrap_or_default() {
        out.push(char::from(d));
    }
}

/// `s` read as `str::parse::<u32>` reads it (an optional `+`, then ASCII digits), `None` where
/// that fails: without core's generic integer parser in the wasm.
pub(crate) fn parse_u32(s: &str) -> Option<u32> {
    let digits = s.strip_prefix('+').unwrap_or(s);
    if digits.is_empty() {
        return None;
    }
    let mut value: u32 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
    }
    Some(value)
}

/// Appends `n` in decimal, with `-` when negative.
pub(crate) fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_uint(out, n.unsigned_abs());
}

/// Appends `n` with at least two digits, as `{:02}` does.
pub(crate) fn push_two(out: &mut String, n: u64) {
    if n < 10 {
        out.push('0');
    }
    push_uint(out, n);
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn parses_as_core_parses() {
        for s in [
            "",
            "+",
            "-",
            "0",
            "+0",
            "-0",
            "007",
            "42",
            " 42",
            "42 ",
            "4a",
            "4294967295",
            "4294967296",
            "99999999999",
            "+4294967295",
            "++1",
            "١",
        ] {
            assert_eq!(parse_u32(s), s.parse::<u32>().ok(), "{s:?}");
        }
    }

    #[test]
    fn matches_core_fmt() {
        for n in [0i64, 1, 9, 10, 99, 100, 12345, -1, -10, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_int(&mut out, n);
            assert_eq!(out, n.to_string());
        }
        for n in [0u64, 5, 9, 10, 59, 100, 2026, u64::MAX] {
            let mut out = String::new();
            push_two(&mut out, n);
            assert_eq!(out, format!("{n:02}"));
        }
    }
}
