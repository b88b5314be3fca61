//! Money as the Creators API sends it: a decimal amount, a currency and Amazon's own formatted
//! `displayAmount`, which is shown as it is and never parsed.

use crate::support::bytes::split_once_byte;
use crate::support::prelude::*;

use crate::wire::json_text::Json;
use crate::wire::read_value::Fields;
use core::fmt;

/// An exact decimal number, e.g. `39.99`, kept as digits and a scale instead of a float.
///
/// The digits are an `i64` (up to 18 digits always fit, 19 up to `i64::MAX`): ample for prices
/// and ratings.
///
/// The records reach the core through JavaScript, where every JSON number is an `f64`. A float
/// that came from a decimal literal with at most 15 significant digits prints back as that
/// literal (shortest round-trip form), so the decimal is recovered exactly from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    units: i64,
    scale: u8,
}

impl Decimal {
    /// Parses `-?digits[.digits]`; anything else (exponents, spaces, symbols) and digits beyond
    /// `i64`'s range are `None`.
    pub fn parse(s: &str) -> Option<Decimal> {
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = split_once_byte(body, b'.').unwrap_or((body, ""));
        let digits_only = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits_only(int) || !digits_only(frac) || s.ends_with('.') {
            return None;
        }
        let scale = u8::try_from(frac.len()).ok().filter(|&s| s <= 30)?;
        let mut units: i64 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            units = units.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        }
        Some(Decimal {
            units: if negative { -units } else { units },
            scale,
        })
    }

    /// The decimal with the fewest fraction digits that reads back as `v`: the literal the
    /// float came from. Up to 22 fraction digits, as far as powers of ten are exact; whole
    /// floats beyond 2^53 as their exact value, below 2^63. Found by arithmetic rather than by
    /// printing the float, which would link the float formatter into the wasm (about 20 KB).
    fn from_f64(v: f64) -> Option<Decimal> {
        // n / 10^scale is correctly rounded while n < 2^53 and 10^scale is exact (scale ≤ 22),
        // so it equals `v` exactly when n / 10^scale is the decimal `v` was read from.
        const EXACT_INT: f64 = 9_007_199_254_740_992.0; // 2^53
        const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0; // beyond `i64`
        if !v.is_finite() {
            return None;
        }
        let mut pow = 1.0_f64;
        for scale in 0..=22_u8 {
            let n = crate::support::float::round(v * pow);
            if n.abs() >= EXACT_INT {
                // Too many digits for an exact f64 round trip: only a whole number is exact.
                return (scale == 0 && v.abs() < TWO_POW_63).then_some(Decimal {
                    units: v as i64,
                    scale: 0,
                });
            }
            if n / pow == v {
                return Some(Decimal {
                    units: n as i64,
                    scale,
                });
            }
            pow *= 10.0;
        }
        None
    }

    /// The nearest `f64` (for star ratings, which are rounded to tenths anyway).
    pub fn to_f64(self) -> f64 {
        // Powers of ten up to 10^22 are exact in f64; scales beyond that only lose precision.
        self.units as f64 / crate::support::float::powi(10.0, i32::from(self.scale))
    }
}

impl Decimal {
    /// The decimal as text, `-?digits[.digits]` (what `Display` writes), built by hand so the
    /// render path needs no `core::fmt`.
    pub(crate) fn to_text(self) -> String {
        // Digits from the last, at least `scale + 1` of them (leading zeros as padding).
        let mut digits = [0u8; 64];
        let mut i = digits.len();
        let mut n = self.units.unsigned_abs();
        let scale = usize::from(self.scale);
        while n > 0 || digits.len() - i <= scale {
            // `get_mut`, not indexing: no bounds-check panic (and its message) in the wasm.
            let Some(digit) = i.checked_sub(1).and_then(|at| digits.get_mut(at)) else {
                break;
            };
            *digit = b'0' + (n % 10) as u8;
            i -= 1;
            n /= 10;
        }
        let digits = digits.get(i..).unwrap_or_default();
        // The loop wrote more than `scale` digits.
        let (int, frac) = digits
            .split_at_checked(digits.len() - scale)
            .unwrap_or_default();
        let mut out = String::with_capacity(digits.len() + 2);
        if self.units < 0 {
            out.push('-');
        }
        out.extend(int.iter().map(|&d| char::from(d)));
        if !frac.is_empty() {
            out.push('.');
            out.extend(frac.iter().map(|&d| char::from(d)));
        }
        out
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

/// Reads a JSON number or numeric string; anything unreadable (or beyond `i64`'s digits)
/// becomes `None` rather than failing the whole record.
pub(crate) fn lenient_decimal(value: Option<&Json>) -> Option<Decimal> {
    match value? {
        Json::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Some(Decimal { units: i, scale: 0 }),
            (_, Some(u)) => Some(Decimal {
                units: i64::try_from(u).ok()?,
                scale: 0,
            }),
            _ => Decimal::from_f64(n.as_f64()),
        },
        Json::String(s) => Decimal::parse(s.trim_ascii()),
        _ => None,
    }
}

/// A float as serde_json's `Number::to_string` writes it: the shortest digits that read back as
/// `v`, plainly (with `.0` when whole) while its decimal exponent is within -5..=15, else as
/// `1.5e+16` or `1e-7`. `None` where [`Decimal::from_f64`] finds no such decimal (more than
/// 15 significant digits, below 10^-22, from 2^63), and for whole floats from 10^16 with more
/// than 15 significant digits (their exact value, all `from_f64` gives there, is not the
/// shortest).
pub(crate) fn float_text(v: f64) -> Option<String> {
    let d = Decimal::from_f64(v)?;
    // The significant digits (trailing zeros dropped) and the power of ten of the last one.
    let mut significand = d.units.unsigned_abs();
    let mut last_power = -i32::from(d.scale);
    while significand % 10 == 0 && significand != 0 {
        significand /= 10;
        last_power += 1;
    }
    let digits = Decimal {
        units: significand as i64,
        scale: 0,
    }
    .to_text();
    let exponent = last_power + digits.len() as i32 - 1;
    let mut out = String::new();
    if v.is_sign_negative() {
        out.push('-');
    }
    if (-5..=15).contains(&exponent) {
        out.push_str(
            &Decimal {
                units: d.units.abs(),
                ..d
            }
            .to_text(),
        );
        if d.scale == 0 {
            out.push_str(".0");
        }
        return Some(out);
    }
    if exponent > 15 && digits.len() > 15 {
        return None;
    }
    // `get`, not `split_at`: str slicing's panic path links core's char formatter.
    let (first, rest) = (
        digits.get(..1).unwrap_or_default(),
        digits.get(1..).unwrap_or_default(),
    );
    out.push_str(first);
    if !rest.is_empty() {
        out.push('.');
        out.push_str(rest);
    }
    out.push_str(if exponent < 0 { "e" } else { "e+" });
    crate::support::digits::push_int(&mut out, i64::from(exponent));
    Some(out)
}

/// An amount of money from the API.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Money {
    /// The exact amount, for machine-readable markup (`<data value>`).
    pub amount: Option<Decimal>,
    /// ISO 4217 code.
    pub currency: Option<String>,
    /// Amazon's formatted price, shown exactly as given.
    pub display_amount: Option<String>,
}

impl Money {
    /// Reads a money object; `amount` is lenient, the texts must be strings.
    pub(crate) fn read(f: Fields<'_>) -> Money {
        Money {
            amount: lenient_decimal(f.get("amount")),
            currency: f.text("currency"),
            display_amount: f.text("displayAmount"),
        }
    }

    /// The text to show, when Amazon supplied one.
    pub fn display(&self) -> Option<&str> {
        self.display_amount
            .as_deref()
            .map(str::trim_ascii)
            .filter(|s| !s.is_empty())
    }
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn money(json: &str) -> Money {
        let v = crate::wire::json_text::parse(json).unwrap();
        crate::wire::read_value::read_object(&v, "money", Money::read).unwrap()
    }

    #[test]
    fn parses_and_prints_decimals_exactly() {
        for s in [
            "39.99",
            "0.07",
            "-1.50",
            "20",
            "0",
            "0.000",
            "-0.05",
            "123456789012.345678",
        ] {
            assert_eq!(Decimal::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn rejects_non_decimals() {
        for s in [
            "", "-", ".5", "5.", "1e3", "1,5", " 1", "NaN", "--1", "1.2.3",
        ] {
            assert_eq!(Decimal::parse(s), None, "{s}");
        }
        // Digits are an i64.
        let max = "-922337203685477.5807";
        assert_eq!(
            Decimal::parse(max).map(|d| d.to_string()).as_deref(),
            Some(max)
        );
        assert_eq!(Decimal::parse("922337203685477.5808"), None);
        let tiny = "0.000000000000000000000000000001";
        assert_eq!(
            Decimal::parse(tiny).map(|d| d.to_string()).as_deref(),
            Some(tiny)
        );
    }

    #[test]
    fn recovers_decimal_from_json_float() {
        let m = money(r#"{"amount":20.00,"currency":"USD","displayAmount":"$20.00"}"#);
        assert_eq!(m.amount.unwrap().to_string(), "20");
        let m = money(r#"{"amount":0.07}"#);
        assert_eq!(m.amount.unwrap().to_string(), "0.07");
    }

    #[test]
    fn recovers_the_shortest_literal_of_any_float() {
        for s in [
            "0.1",
            "39.99",
            "-1.5",
            "1234567.891",
            "0.000000000000001",
            "0.00000000000000000001",
            "9007199254740993",
        ] {
            let f: f64 = s.parse().unwrap();
            assert_eq!(
                Decimal::from_f64(f).unwrap().to_string(),
                f.to_string(),
                "{s}"
            );
        }
        // Beyond 2^53 only whole numbers exist; they come back as the float's exact value,
        // as far as `i64` reaches.
        let big = Decimal::from_f64(4611686018427387904.0).unwrap();
        assert_eq!(big.to_string(), "4611686018427387904");
        assert_eq!(Decimal::from_f64(18446744073709551616.0), None);
        assert_eq!(Decimal::from_f64(f64::NAN), None);
    }

    #[test]
    fn prints_floats_as_serde_json_does() {
        let serde = |v: f64| serde_json::Number::from_f64(v).unwrap().to_string();
        for v in [
            0.0,
            -0.0,
            1.0,
            42.0,
            -42.5,
            0.1,
            39.99,
            1e15,
            1e16,
            -1.5e16,
            1e18,
            1e-5,
            1e-6,
            2.5e-7,
            1e-22,
            123456789012345.0,
            1234567890123456.0,
            9007199254740993.0,
        ] {
            assert_eq!(float_text(v), Some(serde(v)), "{v:e}");
        }
        // Mantissas of 1 to 15 digits with at most 22 fraction digits, below 10^16: all printed,
        // as serde_json prints them. Larger ones and 16- and 17-digit mantissas: when printed at
        // all, printed the same.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut printed = 0;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let digits = 1 + (state % 17) as i32;
            let mantissa = state % 10_u64.pow(digits as u32);
            let power = (state >> 40) as i32 % 60 - 30;
            let v: f64 = format!("{mantissa}e{power}").parse().unwrap();
            let fraction_digits = -power.min(0);
            match float_text(v) {
                Some(text) => {
                    assert_eq!(text, serde(v), "{mantissa}e{power}");
                    printed += 1;
                }
                None => assert!(
                    digits > 15 || fraction_digits > 22 || v.abs() >= 1e16,
                    "{mantissa}e{power}"
                ),
            }
        }
        assert!(printed > 10_000, "{printed}");
        assert_eq!(float_text(1e21), None);
        assert_eq!(float_text(1e23), None);
        assert_eq!(float_text(0.1 + 0.2), None);
    }

    #[test]
    fn converts_to_f64() {
        assert_eq!(Decimal::parse("4.4").unwrap().to_f64(), 4.4);
        assert_eq!(Decimal::parse("-0.07").unwrap().to_f64(), -0.07);
    }

    #[test]
    fn tolerates_strings_nulls_and_junk() {
        let m = money(r#"{"amount":"49.99","displayAmount":null}"#);
        assert_eq!(m.amount.unwrap().to_string(), "49.99");
        assert_eq!(m.display(), None);
        let m = money(r#"{"amount":{"x":1},"displayAmount":"  "}"#);
        assert_eq!((m.amount, m.display()), (None, None));
    }
}
