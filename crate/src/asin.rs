//! Amazon Standard Identification Numbers.

use crate::support::prelude::*;

use crate::support::message::{display_via_message, Message};

use core::fmt;
use core::str::FromStr;

/// A syntactically valid ASIN: ten ASCII letters or digits, stored upper-case.
///
/// Books use their ISBN-10 as ASIN, so a leading digit (and a final `X`) is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Asin(String);

/// Why a string is not an ASIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AsinError {
    /// Nothing was given.
    Empty,
    /// Not exactly ten characters.
    WrongLength,
    /// A character other than a letter or digit.
    InvalidCharacter,
}

impl Message for AsinError {
    fn write_message(&self, out: &mut String) {
        out.push_str(match self {
            AsinError::Empty => "the ASIN is empty",
            AsinError::WrongLength => "an ASIN has exactly 10 letters or digits",
            AsinError::InvalidCharacter => "an ASIN contains only letters A-Z and digits 0-9",
        });
    }
}

display_via_message!(AsinError);

impl core::error::Error for AsinError {}

impl Asin {
    /// Parses an ASIN, trimming surrounding whitespace and upper-casing it.
    pub fn parse(input: &str) -> Result<Asin, AsinError> {
        let s = input.trim_ascii();
        if s.is_empty() {
            return Err(AsinError::Empty);
        }
        if !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(AsinError::InvalidCharacter);
        }
        if s.len() != 10 {
            return Err(AsinError::WrongLength);
        }
        Ok(Asin(s.to_ascii_uppercase()))
    }

    /// The ASIN as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Asin {
    type Err = AsinError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Asin::parse(s)
    }
}

impl fmt::Display for Asin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Asin {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn accepts_and_uppercases() {
        assert_eq!(Asin::parse(" b0shlfk001 ").unwrap().as_str(), "B0SHLFK001");
    }

    #[test]
    fn accepts_isbn10() {
        assert_eq!(Asin::parse("030640615X").unwrap().as_str(), "030640615X");
    }

    #[test]
    fn rejects_bad_input() {
        assert_eq!(Asin::parse(""), Err(AsinError::Empty));
        assert_eq!(Asin::parse("B0SHLF"), Err(AsinError::WrongLength));
        assert_eq!(Asin::parse("B0SHLF<001"), Err(AsinError::InvalidCharacter));
        assert_eq!(Asin::parse("B0SHLFK0011"), Err(AsinError::WrongLength));
    }
}
