//! Money as the Creators API sends it: a decimal amount, a currency and Amazon's own formatted
//! `displayAmount`, which is shown as it is and never parsed.

use crate::prelude::*;

use crate::read_value::{Fields, ShapeError};
use core::fmt;
use serde_json::Value;

/// An exact decimal number, e.g. `39.99`, kept as digits and a scale instead of a float.
///
/// The records reach the core through JavaScript, where every JSON number is an `f64`. A float
/// that came from a decimal literal with at most 15 significant digits prints back as that
/// literal (shortest round-trip form), so the decimal is recovered exactly from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    units: i128,
    scale: u8,
}

impl Decimal {
    /// Parses `-?digits[.digits]`; anything else (exponents, spaces, symbols) is `None`.
    pub fn parse(s: &str) -> Option<Decimal> {
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits_only = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits_only(int) || !digits_only(frac) || s.ends_with('.') {
            return None;
        }
        let scale = u8::try_from(frac.len()).ok().filter(|&s| s <= 30)?;
        let mut units: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            units = units.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        Some(Decimal {
            units: if negative { -units } else { units },
            scale,
        })
    }

    /// The decimal with the fewest fraction digits that reads back as `v`: the
    /// literal the float came from. Up to 22 fraction digits, as far as powers of ten are exact. Found by arithmetic rather than by printing the float, which
    /// would link the float formatter into the wasm (about 20 KB).
    fn from_f64(v: f64) -> Option<Decimal> {
        // n / 10^scale is correctly rounded while n < 2^53 and 10^scale is exact (scale ≤ 22),
        // so it equals `v` exactly when n / 10^scale is the decimal `v` was read from.
        const EXACT_INT: f64 = 9_007_199_254_740_992.0; // 2^53
        if !v.is_finite() {
            return None;
        }
        let mut pow = 1.0_f64;
        for scale in 0..=22_u8 {
            let n = crate::float::round(v * pow);
            if n.abs() >= EXACT_INT {
                // Too many digits for an exact f64 round trip: only a whole number is exact.
                return (scale == 0 && v.abs() < 1e30).then_some(Decimal {
                    units: v as i128,
                    scale: 0,
                });
            }
            if n / pow == v {
                return Some(Decimal {
                    units: n as i128,
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
        self.units as f64 / crate::float::powi(10.0, i32::from(self.scale))
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
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        let digits = &digits[i..];
        let (int, frac) = digits.split_at(digits.len() - scale);
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

/// Reads a JSON number or numeric string; anything unreadable becomes `None` rather than
/// failing the whole record.
pub(crate) fn lenient_decimal(value: Option<&Value>) -> Option<Decimal> {
    match value? {
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => Some(Decimal {
                units: i128::from(i),
                scale: 0,
            }),
            (_, Some(u), _) => Some(Decimal {
                units: i128::from(u),
                scale: 0,
            }),
            (_, _, Some(f)) => Decimal::from_f64(f),
            _ => None,
        },
        Value::String(s) => Decimal::parse(s.trim()),
        _ => None,
    }
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
    pub(crate) fn read(f: Fields<'_>) -> Result<Money, ShapeError> {
        Ok(Money {
            amount: lenient_decimal(f.get("amount")),
            currency: f.text("currency")?,
            display_amount: f.text("displayAmount")?,
        })
    }

    /// The text to show, when Amazon supplied one.
    pub fn display(&self) -> Option<&str> {
        self.display_amount
            .as_deref()
            .map(str::trim)
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
        let v: Value = serde_json::from_str(json).unwrap();
        Money::read(Fields::of(Some(&v), "money").unwrap()).unwrap()
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
        // Beyond 2^53 only whole numbers exist; they come back as the float's exact value.
        let big = Decimal::from_f64(18446744073709551616.0).unwrap();
        assert_eq!(big.to_string(), "18446744073709551616");
        assert_eq!(Decimal::from_f64(f64::NAN), None);
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
