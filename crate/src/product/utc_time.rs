//! The UTC date and time of a Unix time, for `<time datetime>`, without a date crate.
//!
//! The readable "as of" text is the server's (WordPress formats it with `wp_date()` in the
//! site's language, format and timezone, daylight saving included); the core only writes the
//! machine-readable form next to it.

use crate::support::prelude::*;

use crate::support::digits::{push_int, push_two};

/// Appends the UTC time as `YYYY-MM-DDTHH:MM:SSZ`: digits and ASCII punctuation only, so it
/// needs no escaping.
pub(crate) fn push_iso_utc(out: &mut String, unix: i64) {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400) as u32;
    // Days → proleptic Gregorian date, counting in 400-year eras from 0000-03-01.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u64;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u64;
    push_int(out, yoe + era * 400 + i64::from(month <= 2));
    for (separator, value) in [
        ('-', month),
        ('-', day),
        ('T', u64::from(secs / 3_600)),
        (':', u64::from(secs % 3_600 / 60)),
        (':', u64::from(secs % 60)),
    ] {
        out.push(separator);
        push_two(out, value);
    }
    out.push('Z');
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn iso(unix: i64) -> String {
        let mut out = String::new();
        push_iso_utc(&mut out, unix);
        out
    }

    #[test]
    fn writes_utc_in_iso_8601() {
        assert_eq!(iso(1_795_507_200), "2026-11-24T08:00:00Z");
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        // 2024-02-29 13:05:09 UTC, a leap day.
        assert_eq!(iso(1_709_211_909), "2024-02-29T13:05:09Z");
        assert_eq!(iso(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso(-1), "1969-12-31T23:59:59Z");
        assert_eq!(iso(4_107_542_399), "2100-02-28T23:59:59Z");
    }

    #[test]
    fn survives_extreme_times() {
        assert!(iso(i64::MAX).ends_with('Z'));
        assert!(iso(i64::MIN).ends_with('Z'));
    }
}
