//! Money as the Creators API sends it: a decimal amount, a currency and Amazon's own formatted
//! `displayAmount`, which is shown as it is and never parsed.

use serde::{Deserialize, Deserializer};
use std::fmt;

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

    fn from_f64(v: f64) -> Option<Decimal> {
        if v.is_finite() {
            Decimal::parse(&v.to_string())
        } else {
            None
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.units.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        if self.units < 0 {
            f.write_str("-")?;
        }
        f.write_str(int)?;
        if !frac.is_empty() {
            write!(f, ".{frac}")?;
        }
        Ok(())
    }
}

/// Reads a JSON number or numeric string; anything unreadable becomes `None` rather than
/// failing the whole record.
pub(crate) fn lenient_decimal<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => Decimal::parse(&i.to_string()),
            (_, Some(u), _) => Decimal::parse(&u.to_string()),
            (_, _, Some(f)) => Decimal::from_f64(f),
            _ => None,
        },
        serde_json::Value::String(s) => Decimal::parse(s.trim()),
        _ => None,
    })
}

/// An amount of money from the API.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Money {
    /// The exact amount, for machine-readable markup (`<data value>`).
    #[serde(deserialize_with = "lenient_decimal")]
    pub amount: Option<Decimal>,
    /// ISO 4217 code.
    pub currency: Option<String>,
    /// Amazon's formatted price, shown exactly as given.
    pub display_amount: Option<String>,
}

impl Money {
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

    #[test]
    fn parses_and_prints_decimals_exactly() {
        for s in ["39.99", "0.07", "-1.50", "20", "0", "123456789012.345678"] {
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
        let m: Money =
            serde_json::from_str(r#"{"amount":20.00,"currency":"USD","displayAmount":"$20.00"}"#)
                .unwrap();
        assert_eq!(m.amount.unwrap().to_string(), "20");
        let m: Money = serde_json::from_str(r#"{"amount":0.07}"#).unwrap();
        assert_eq!(m.amount.unwrap().to_string(), "0.07");
    }

    #[test]
    fn tolerates_strings_nulls_and_junk() {
        let m: Money = serde_json::from_str(r#"{"amount":"49.99","displayAmount":null}"#).unwrap();
        assert_eq!(m.amount.unwrap().to_string(), "49.99");
        assert_eq!(m.display(), None);
        let m: Money = serde_json::from_str(r#"{"amount":{"x":1},"displayAmount":"  "}"#).unwrap();
        assert_eq!((m.amount, m.display()), (None, None));
    }
}
