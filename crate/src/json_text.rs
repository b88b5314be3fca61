//! JSON text into a `serde_json::Value`, without serde's deserialiser.
//!
//! serde_json's parser drives serde's visitor and error machinery (about 13 KB of wasm after
//! `wasm-opt`); this one builds the `Value` directly. It accepts exactly RFC 8259 JSON, keeps
//! the last of duplicate keys, and limits nesting to 128 levels, as serde_json does.

use crate::prelude::*;

use core::fmt;
use serde_json::{Map, Number, Value};

const MAX_DEPTH: u32 = 128;

/// Why a text is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonError {
    /// A syntax error at this byte offset.
    Syntax(usize),
    /// Arrays and objects nested more than 128 levels deep.
    TooDeep,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::Syntax(at) => write!(f, "the text is not valid JSON (at byte {at})"),
            JsonError::TooDeep => f.write_str("the JSON is nested too deeply"),
        }
    }
}

impl core::error::Error for JsonError {}

/// Parses one JSON value; only whitespace may follow it.
pub(crate) fn parse(text: &str) -> Result<Value, JsonError> {
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

    fn value(&mut self, depth: u32) -> Result<Value, JsonError> {
        self.skip_space();
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error()),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error())
        }
    }

    fn array(&mut self, depth: u32) -> Result<Value, JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.pos += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            if self.eat(b']') {
                return Ok(Value::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error());
            }
        }
    }

    fn object(&mut self, depth: u32) -> Result<Value, JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.pos += 1;
        let mut map = Map::new();
        if self.eat(b'}') {
            return Ok(Value::Object(map));
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
            map.insert(key, value);
            if self.eat(b'}') {
                return Ok(Value::Object(map));
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
                    if !self.text[self.pos..].starts_with("\\u") {
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

    fn number(&mut self) -> Result<Value, JsonError> {
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
            let magnitude = self.text[exp_start..self.pos]
                .bytes()
                .fold(0_i64, |acc, b| {
                    (acc * 10 + i64::from(b - b'0')).min(100_000)
                });
            exponent = if sign < 0 { -magnitude } else { magnitude };
        }
        let digits = self.text[int_start..self.pos]
            .bytes()
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
                    return Ok(Value::Number(n.into()));
                }
                if let Some(i) = 0_i64.checked_sub_unsigned(n) {
                    return Ok(Value::Number(i.into()));
                }
            }
        }
        // Decimal significand (up to 19 digits; later ones only shift the exponent) and
        // exponent. Exact when the significand is below 2^53 and the power of ten is at most
        // 10^22 (one correctly rounded operation); otherwise within a few units in the last
        // place, which is more than any field Shelf reads as a number needs.
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
        let value = if significand < (1 << 53) && (-22..=22).contains(&scale) {
            let pow = crate::float::powi(10.0, scale.unsigned_abs() as i32);
            if scale < 0 {
                m / pow
            } else {
                m * pow
            }
        } else {
            m * crate::float::powi(10.0, scale.clamp(-400, 400) as i32)
        };
        let value = if negative { -value } else { value };
        Number::from_f64(value)
            .map(Value::Number)
            .ok_or(JsonError::Syntax(start))
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
        ] {
            let ours = parse(text).unwrap();
            let theirs: Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text}");
        }
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
