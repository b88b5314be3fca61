//! JSON text into a [`Json`] value, without serde.
//!
//! serde_json's parser drives serde's visitor and error machinery (about 13 KB of wasm after
//! `wasm-opt`), and its `Value` keeps objects in a `BTreeMap` and prints floats with its own
//! formatter; this parser builds a [`Json`] directly, whose objects are plain lists of pairs
//! (the shell's objects are small). It accepts exactly RFC 8259 JSON, counts the last of
//! duplicate keys, and limits nesting to 128 levels, as serde_json does.

use crate::support::prelude::*;

use crate::support::message::{display_via_message, Message};

const MAX_DEPTH: u32 = 128;

/// Why a text is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub(crate) enum JsonError {
    /// A syntax error at this byte offset.
    Syntax(usize),
    /// Arrays and objects nested more than 128 levels deep.
    TooDeep,
}

impl Message for JsonError {
    fn write_message(&self, out: &mut String) {
        match self {
            JsonError::Syntax(at) => {
                out.push_str("the text is not valid JSON (at byte ");
                crate::support::digits::push_uint(out, *at as u64);
                out.push(')');
            }
            JsonError::TooDeep => out.push_str("the JSON is nested too deeply"),
        }
    }
}

display_via_message!(JsonError);

impl core::error::Error for JsonError {}

/// A JSON value, as the crate reads JSON text (e.g. in [`render_json`](crate::render_json)).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(JsonNumber),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object's members in document order. Duplicate keys are all kept; the last one counts
    /// (see [`Json::get`]).
    Object(Vec<(String, Json)>),
}

/// A JSON number: an unsigned or negative integer when it fits 64 bits, else a finite float
/// (as serde_json keeps it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct JsonNumber(N);

#[derive(Debug, Clone, Copy, PartialEq)]
enum N {
    PosInt(u64),
    /// Always below zero.
    NegInt(i64),
    /// Always finite.
    Float(f64),
}

impl JsonNumber {
    /// The number if it is a whole number in `u64`'s range (written without fraction or
    /// exponent).
    pub fn as_u64(self) -> Option<u64> {
        match self.0 {
            N::PosInt(n) => Some(n),
            _ => None,
        }
    }

    /// The number if it is a whole number in `i64`'s range (written without fraction or
    /// exponent).
    pub fn as_i64(self) -> Option<i64> {
        match self.0 {
            N::PosInt(n) => i64::try_from(n).ok(),
            N::NegInt(n) => Some(n),
            N::Float(_) => None,
        }
    }

    /// The number as the nearest `f64`.
    pub fn as_f64(self) -> f64 {
        match self.0 {
            N::PosInt(n) => n as f64,
            N::NegInt(n) => n as f64,
            N::Float(f) => f,
        }
    }
}

/// The value of `key` among `members`: the last one when the key repeats.
pub(crate) fn member<'a>(members: &'a [(String, Json)], key: &str) -> Option<&'a Json> {
    members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

impl Json {
    /// An object's member (the last one of a repeated key); `None` for other values.
    pub fn get(&self, key: &str) -> Option<&Json> {
        member(self.as_object()?, key)
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The boolean, if the value is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The string, if the value is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// See [`JsonNumber::as_i64`]; `None` for other values.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// Any number as the nearest `f64`; `None` for other values.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }

    /// The items, if the value is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if the value is an object.
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }
}

/// For the unit tests, which build their input with `serde_json::json!`, and the fuzz target.
#[cfg(any(test, feature = "fuzzing"))]
impl From<serde_json::Value> for Json {
    fn from(value: serde_json::Value) -> Json {
        use serde_json::Value;
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => Json::Number(JsonNumber(N::PosInt(u))),
                (_, Some(i), _) => Json::Number(JsonNumber(N::NegInt(i))),
                (_, _, Some(f)) => Json::Number(JsonNumber(N::Float(f))),
                // Only with serde_json's `arbitrary_precision`, which Shelf does not enable.
                _ => Json::Null,
            },
            Value::String(s) => Json::String(s),
            Value::Array(items) => Json::Array(items.into_iter().map(Json::from).collect()),
            Value::Object(members) => Json::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (k, Json::from(v)))
                    .collect(),
            ),
        }
    }
}

/// `value` as serde_json's `Value` holds it: objects sorted by key, the last of a repeated key
/// kept.
#[cfg(any(test, feature = "fuzzing"))]
fn canonical(value: Json) -> Json {
    match value {
        Json::Array(items) => Json::Array(items.into_iter().map(canonical).collect()),
        Json::Object(members) => {
            let mut kept: Vec<(String, Json)> = Vec::new();
            for (k, v) in members {
                kept.retain(|(seen, _)| *seen != k);
                kept.push((k, canonical(v)));
            }
            kept.sort_by(|a, b| a.0.cmp(&b.0));
            Json::Object(kept)
        }
        other => other,
    }
}

/// The `json_text` fuzz target's check (crate/fuzz): this parser and serde_json agree on
/// whether `text` is JSON and, when it is, on its value.
#[cfg(feature = "fuzzing")]
pub fn agrees_with_serde_json(text: &str) -> Result<(), String> {
    let ours = parse(text).map(canonical);
    let theirs = serde_json::from_str::<serde_json::Value>(text).map(Json::from);
    match (ours, theirs) {
        (Ok(a), Ok(b)) if same(&a, &b) => Ok(()),
        (Err(_), Err(_)) => Ok(()),
        (a, b) => Err(alloc::format!("ours: {a:?}\nserde_json: {b:?}")),
    }
}

/// Equal, but floats only within 64 units in the last place (a relative 1.4e-14): past 19
/// significant digits or 10^22 neither parser rounds correctly every time (serde_json without
/// `float_roundtrip` neither), and no field Shelf reads needs that precision.
#[cfg(feature = "fuzzing")]
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(JsonNumber(N::Float(x))), Json::Number(JsonNumber(N::Float(y)))) => {
            x.is_sign_negative() == y.is_sign_negative() && x.to_bits().abs_diff(y.to_bits()) <= 64
        }
        (Json::Array(xs), Json::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same(x, y))
        }
        (Json::Object(xs), Json::Object(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .zip(ys)
                    .all(|((kx, x), (ky, y))| kx == ky && same(x, y))
        }
        _ => a == b,
    }
}

/// Parses one JSON value; only whitespace may follow it.
pub(crate) fn parse(text: &str) -> Result<Json, JsonError> {
    let mut p = Parser { text, pos: 0 };
    let value = p.value(0)?;
    p.skip_space();
    if p.pos == text.len() {
        Ok(value)
    } else {
        Err(p.error())
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self) -> JsonError {
        JsonError::Syntax(self.pos)
    }

    // Called for every byte of whitespace and structure; `opt-level = "z"` would not inline it.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    #[inline(always)]
    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Consumes `byte` after optional whitespace.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn value(&mut self, depth: u32) -> Result<Json, JsonError> {
        self.skip_space();
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error()),
        }
    }

    /// The bytes not read yet. Bytes, not `&self.text[..]`: str slicing's panic path links
    /// core's char formatter into the wasm.
    fn rest(&self) -> &[u8] {
        self.text.as_bytes().get(self.pos..).unwrap_or_default()
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.rest().starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error())
        }
    }

    fn array(&mut self, depth: u32) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.pos += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            if self.eat(b']') {
                return Ok(Json::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error());
            }
        }
    }

    fn object(&mut self, depth: u32) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.pos += 1;
        let mut members = Vec::new();
        if self.eat(b'}') {
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error());
            }
            let key = self.string()?;
            if !self.eat(b':') {
                return Err(self.error());
            }
            let value = self.value(depth)?;
            // Kept even when the key repeats: lookups search from the end, so the last counts.
            members.push((key, value));
            if self.eat(b'}') {
                return Ok(Json::Object(members));
            }
            if !self.eat(b',') {
                return Err(self.error());
            }
        }
    }

    /// A string starting at the opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character at once; those
            // are ASCII, so the run ends on a character boundary.
            let start = self.pos;
            let bytes = self.text.as_bytes();
            let mut end = start;
            while let Some(&b) = bytes.get(end) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                end += 1;
            }
            self.pos = end;
            let run = self.text.get(start..end).unwrap_or_default();
            match bytes.get(end) {
                Some(b'"') if out.is_empty() => {
                    self.pos += 1;
                    return Ok(run.to_owned());
                }
                Some(b'"') => {
                    out.push_str(run);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(run);
                    self.pos += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                _ => return Err(self.error()),
            }
        }
    }

    /// The character of an escape, after its backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        let byte = self.peek().ok_or(self.error())?;
        self.pos += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    // A leading surrogate must be followed by an escaped trailing one.
                    if !self.rest().starts_with(b"\\u") {
                        return Err(self.error());
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error());
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                char::from_u32(code).ok_or(self.error())?
            }
            _ => return Err(JsonError::Syntax(self.pos - 1)),
        })
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.text.get(self.pos..self.pos + 4).ok_or(self.error())?;
        let value = digits
            .bytes()
            .try_fold(0_u32, |acc, b| Some(acc * 16 + char::from(b).to_digit(16)?))
            .ok_or(self.error())?;
        self.pos += 4;
        Ok(value)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        let int_len = self.digits();
        if int_len == 0 || (int_len > 1 && self.text.as_bytes().get(int_start) == Some(&b'0')) {
            return Err(JsonError::Syntax(int_start));
        }
        let mut frac_len = 0;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            frac_len = self.digits();
            if frac_len == 0 {
                return Err(self.error());
            }
        }
        let mut exponent: i64 = 0;
        let has_exponent = matches!(self.peek(), Some(b'e' | b'E'));
        if has_exponent {
            self.pos += 1;
            let sign = match self.peek() {
                Some(b'-') => -1,
                Some(b'+') => 1,
                _ => 0,
            };
            if sign != 0 {
                self.pos += 1;
            }
            let exp_start = self.pos;
            if self.digits() == 0 {
                return Err(self.error());
            }
            // Saturate: anything this large is out of range either way.
            let magnitude = self
                .text
                .as_bytes()
                .get(exp_start..self.pos)
                .unwrap_or_default()
                .iter()
                .fold(0_i64, |acc, &b| {
                    (acc * 10 + i64::from(b - b'0')).min(100_000)
                });
            exponent = if sign < 0 { -magnitude } else { magnitude };
        }
        let digits = self
            .text
            .as_bytes()
            .get(int_start..self.pos)
            .unwrap_or_default()
            .iter()
            .copied()
            .take_while(|b| *b != b'e' && *b != b'E')
            .filter(u8::is_ascii_digit);
        if frac_len == 0 && !has_exponent {
            // An integer: u64 or i64 when it fits, as serde_json keeps it.
            let mut n: u64 = 0;
            let fits = digits.clone().try_for_each(|b| {
                n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                Some(())
            });
            if fits.is_some() {
                if !negative {
                    return Ok(Json::Number(JsonNumber(N::PosInt(n))));
                }
                // `-0` is the float -0.0, as serde_json reads it (its fuzz target found this).
                if n == 0 {
                    return Ok(Json::Number(JsonNumber(N::Float(-0.0))));
                }
                if let Some(i) = 0_i64.checked_sub_unsigned(n) {
                    return Ok(Json::Number(JsonNumber(N::NegInt(i))));
                }
            }
        }
        // Decimal significand (up to 19 digits; later ones only shift the exponent) and
        // exponent. Exact when the significand is below 2^53 and the power of ten is at most
        // 10^22 (one correctly rounded operation); otherwise within 64 units in the last place
        // (the fuzz target `json_text` checks it against serde_json), more than any field Shelf
        // reads as a number needs.
        let mut significand: u64 = 0;
        let mut scale = exponent - i64::try_from(frac_len).unwrap_or(i64::MAX);
        for b in digits {
            match significand
                .checked_mul(10)
                .and_then(|s| s.checked_add(u64::from(b - b'0')))
            {
                Some(s) if s < 10_000_000_000_000_000_000 => significand = s,
                _ => scale += 1,
            }
        }
        let m = significand as f64;
        let value = if significand == 0 {
            // Zero whatever the exponent (`0e999` is 0.0, as serde_json reads it).
            0.0
        } else if significand < (1 << 53) && (-22..=22).contains(&scale) {
            let pow = crate::support::float::powi(10.0, scale.unsigned_abs() as i32);
            if scale < 0 {
                m / pow
            } else {
                m * pow
            }
        } else {
            // Powers of ten in steps of at most 10^200, so that none of them overflows to
            // infinity or underflows to zero before the value itself does.
            let mut value = m;
            let mut rest = scale.clamp(-800, 800);
            while rest != 0 {
                let step = rest.clamp(-200, 200);
                let pow = crate::support::float::powi(10.0, step.unsigned_abs() as i32);
                value = if step < 0 { value / pow } else { value * pow };
                rest -= step;
            }
            value
        };
        let value = if negative { -value } else { value };
        if value.is_finite() {
            Ok(Json::Number(JsonNumber(N::Float(value))))
        } else {
            Err(JsonError::Syntax(start))
        }
    }
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#"{"a": [1, -2, 3.5, true, false, null, "x"], "b": {}, "c": []}"#,
            r#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00 é""#,
            "18446744073709551615",
            "-9223372036854775808",
            "18446744073709551616",
            "39.99",
            "0.07",
            "-1.5e3",
            "1E-2",
            "  [ ]  ",
            r#"{"k": 1, "k": 2}"#,
            r#"{"z": {"b": 1, "a": [2]}, "a": 0, "k": 1, "k": null}"#,
            // Found by the `json_text` fuzz target: -0 is a float; zero stays zero.
            "-0",
            "0e999999999999",
            "-0.0e-999",
        ] {
            let ours = canonical(parse(text).unwrap());
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours, Json::from(theirs), "{text}");
        }
    }

    #[test]
    fn reads_the_last_of_repeated_keys() {
        let v = parse(r#"{"k": 1, "j": true, "k": "last"}"#).unwrap();
        assert_eq!(v.get("k").and_then(Json::as_str), Some("last"));
        assert_eq!(v.get("j").and_then(Json::as_bool), Some(true));
        assert_eq!(v.get("x"), None);
        assert_eq!(parse("[1]").unwrap().get("k"), None);
    }

    #[test]
    fn keeps_integers_and_floats_apart() {
        let n = |text| match parse(text).unwrap() {
            Json::Number(n) => (n.as_u64(), n.as_i64(), n.as_f64()),
            other => panic!("{other:?}"),
        };
        assert_eq!(n("7"), (Some(7), Some(7), 7.0));
        assert_eq!(n("-0"), (None, None, -0.0));
        assert_eq!(n("-7"), (None, Some(-7), -7.0));
        assert_eq!(
            n("18446744073709551615"),
            (Some(u64::MAX), None, 1.8446744073709552e19)
        );
        assert_eq!(n("7.0"), (None, None, 7.0));
        assert_eq!(n("1e2"), (None, None, 100.0));
    }

    #[test]
    fn rejects_what_is_not_json() {
        for text in [
            "",
            "not json",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "tru",
            "\"\u{1}\"",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\ud800\\u0041\"",
            "{1: 2}",
            "[1] 2",
            "1e999",
            "\"abc",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn limits_nesting() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(parse(&deep), Err(JsonError::TooDeep));
        let ok = "[".repeat(128) + &"]".repeat(128);
        assert!(parse(&ok).is_ok());
    }
}
