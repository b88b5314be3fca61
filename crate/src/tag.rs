//! Associates tracking tags (`storeid-20`).

use crate::support::prelude::*;

use crate::support::message::{display_via_message, push_all, Message};
use crate::support::substring::find;

use crate::marketplace::Marketplace;
use core::fmt;
use core::str::FromStr;

/// The longest tag Amazon's SDK accepts.
const MAX_LEN: usize = 64;

/// A tracking tag that passed the hard rules: 1–64 characters of `[a-z0-9-]`,
/// neither starting nor ending with a hyphen.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tag(String);

/// Why a string cannot be a tracking tag. These are hard errors: the tag is never "cleaned".
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TagError {
    /// Nothing was given.
    Empty,
    /// More than 64 characters.
    TooLong,
    /// Whitespace inside the tag.
    InnerWhitespace,
    /// Upper-case letters; the field holds the lower-case form to suggest.
    Uppercase(String),
    /// A character outside `a-z`, `0-9` and `-`.
    InvalidCharacter(char),
    /// Starts or ends with a hyphen.
    EdgeHyphen,
}

impl Message for TagError {
    fn write_message(&self, out: &mut String) {
        match self {
            TagError::Empty => out.push_str("the tracking ID is empty"),
            TagError::TooLong => {
                out.push_str("a tracking ID has at most ");
                crate::support::digits::push_uint(out, MAX_LEN as u64);
                out.push_str(" characters");
            }
            TagError::InnerWhitespace => out.push_str("a tracking ID cannot contain spaces"),
            TagError::Uppercase(lower) => {
                out.push_str("tracking IDs are lower-case: did you mean \u{201c}");
                out.push_str(lower);
                out.push_str("\u{201d}?");
            }
            TagError::InvalidCharacter(c) => {
                out.push('\u{201c}');
                out.push(*c);
                out.push_str(
                    "\u{201d} is not allowed: a tracking ID uses only a-z, 0-9 and hyphens",
                );
            }
            TagError::EdgeHyphen => out.push_str("a tracking ID cannot start or end with a hyphen"),
        }
    }
}

display_via_message!(TagError);

impl core::error::Error for TagError {}

impl TagError {
    /// A stable machine-readable code (`"tooLong"`), shared with the PHP tests' vectors.
    pub fn kind(&self) -> &'static str {
        match self {
            TagError::Empty => "empty",
            TagError::TooLong => "tooLong",
            TagError::InnerWhitespace => "innerWhitespace",
            TagError::Uppercase(_) => "uppercase",
            TagError::InvalidCharacter(_) => "invalidCharacter",
            TagError::EdgeHyphen => "edgeHyphen",
        }
    }
}

/// A tag that is valid but probably not what the owner meant. Shown, never blocking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TagWarning {
    /// The `-NN` suffix belongs to another region than the chosen marketplace's.
    SuffixMismatch {
        /// The suffix the marketplace's store IDs carry, e.g. `"-21"`.
        expected: &'static str,
    },
    /// No `-NN` suffix at all, unlike every store ID Amazon issues.
    NoSuffix,
    /// Two hyphens in a row, or no letter at all: Amazon does not issue such IDs.
    UnusualShape,
}

impl TagWarning {
    /// A stable machine-readable code (`"suffixMismatch"`).
    pub fn kind(&self) -> &'static str {
        match self {
            TagWarning::SuffixMismatch { .. } => "suffixMismatch",
            TagWarning::NoSuffix => "noSuffix",
            TagWarning::UnusualShape => "unusualShape",
        }
    }
}

impl Message for TagWarning {
    fn write_message(&self, out: &mut String) {
        match self {
            TagWarning::SuffixMismatch { expected } => push_all(
                out,
                &[
                    "tracking IDs of this store usually end in \u{201c}",
                    expected,
                    "\u{201d}: check that the ID belongs to this marketplace",
                ],
            ),
            TagWarning::NoSuffix => out.push_str(
                "tracking IDs usually end in a two-digit suffix such as \u{201c}-20\u{201d}",
            ),
            TagWarning::UnusualShape => out.push_str(
                "this does not look like a tracking ID from Associates Central: check for typos",
            ),
        }
    }
}

display_via_message!(TagWarning);

/// `str::trim`: Unicode's White_Space characters at either end (a tag pasted from a web page may
/// bring a no-break space; PHP's `Settings::sanitize_tag` trims the same set). A forward scan:
/// core's `trim` is about 700 B of wasm, and the core's other texts trim ASCII white space only.
fn trim_white_space(s: &str) -> &str {
    let mut kept: Option<(usize, usize)> = None;
    for (i, c) in s.char_indices() {
        if !c.is_whitespace() {
            let start = kept.map_or(i, |(start, _)| start);
            kept = Some((start, i + c.len_utf8()));
        }
    }
    kept.and_then(|(start, end)| s.get(start..end))
        .unwrap_or_default()
}

impl Tag {
    /// Parses a tag, trimming surrounding whitespace.
    pub fn parse(input: &str) -> Result<Tag, TagError> {
        let s = trim_white_space(input);
        if s.is_empty() {
            return Err(TagError::Empty);
        }
        // Characters, counted as UTF-8 lead bytes (`chars().count()` links a 0.8 KB counter).
        if s.bytes().filter(|b| b & 0xC0 != 0x80).count() > MAX_LEN {
            return Err(TagError::TooLong);
        }
        if s.chars().any(char::is_whitespace) {
            return Err(TagError::InnerWhitespace);
        }
        if s.chars().any(|c| c.is_ascii_uppercase()) {
            let lower = s.to_ascii_lowercase();
            if Tag::parse(&lower).is_ok() {
                return Err(TagError::Uppercase(lower));
            }
        }
        if let Some(c) = s
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(TagError::InvalidCharacter(c));
        }
        if s.starts_with('-') || s.ends_with('-') {
            return Err(TagError::EdgeHyphen);
        }
        Ok(Tag(s.to_owned()))
    }

    /// Soft checks against the marketplace the tag is meant for.
    pub fn warnings(&self, market: &Marketplace) -> Vec<TagWarning> {
        let mut warnings = Vec::new();
        let suffix = (self.0.bytes().rposition(|b| b == b'-')).and_then(|i| self.0.get(i + 1..));
        match suffix {
            Some(s) if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) => {
                if market.tag_suffix.trim_start_matches('-') != s {
                    warnings.push(TagWarning::SuffixMismatch {
                        expected: market.tag_suffix,
                    });
                }
            }
            _ => warnings.push(TagWarning::NoSuffix),
        }
        if find(&self.0, "--").is_some() || !self.0.bytes().any(|b| b.is_ascii_lowercase()) {
            warnings.push(TagWarning::UnusualShape);
        }
        warnings
    }

    /// The tag as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Tag {
    type Err = TagError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Tag::parse(s)
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Tag {
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

    fn de() -> &'static Marketplace {
        Marketplace::by_host("www.amazon.de").unwrap()
    }

    #[test]
    fn accepts_store_id_and_trims() {
        assert_eq!(
            Tag::parse("  shelftest-21\n").unwrap().as_str(),
            "shelftest-21"
        );
    }

    #[test]
    fn trims_unicode_white_space_as_str_trim_does() {
        for input in [
            "\u{a0}shelftest-21\u{3000}",
            "\u{2028}\u{85}shelftest-21\u{202f}\t",
        ] {
            assert_eq!(trim_white_space(input), input.trim(), "{input:?}");
            assert_eq!(Tag::parse(input).unwrap().as_str(), "shelftest-21");
        }
        for input in ["", " ", "\u{a0}\u{2000}", "a", "é b\u{a0}"] {
            assert_eq!(trim_white_space(input), input.trim(), "{input:?}");
        }
    }

    #[test]
    fn suggests_lowercase_form() {
        assert_eq!(
            Tag::parse("ShelfTest-20"),
            Err(TagError::Uppercase("shelftest-20".into()))
        );
        assert!(Tag::parse("ShelfTest-20")
            .unwrap_err()
            .to_string()
            .contains("shelftest-20"));
    }

    #[test]
    fn rejects_hard_errors() {
        assert_eq!(Tag::parse(" "), Err(TagError::Empty));
        assert_eq!(Tag::parse(&"a".repeat(65)), Err(TagError::TooLong));
        assert_eq!(Tag::parse("shelf test-20"), Err(TagError::InnerWhitespace));
        assert_eq!(
            Tag::parse("shelf&x=1"),
            Err(TagError::InvalidCharacter('&'))
        );
        assert_eq!(Tag::parse("-shelf-20"), Err(TagError::EdgeHyphen));
    }

    #[test]
    fn warns_on_foreign_suffix() {
        let tag = Tag::parse("shelftest-20").unwrap();
        assert_eq!(
            tag.warnings(de()),
            vec![TagWarning::SuffixMismatch { expected: "-21" }]
        );
        assert!(Tag::parse("shelftest-21")
            .unwrap()
            .warnings(de())
            .is_empty());
        assert_eq!(
            Tag::parse("shelftest").unwrap().warnings(de()),
            vec![TagWarning::NoSuffix]
        );
    }

    #[test]
    fn warns_on_unusual_shape() {
        assert_eq!(
            Tag::parse("shelf--test-21").unwrap().warnings(de()),
            vec![TagWarning::UnusualShape]
        );
        assert_eq!(
            Tag::parse("1234-21").unwrap().warnings(de()),
            vec![TagWarning::UnusualShape]
        );
    }

    #[test]
    fn error_kinds_are_stable() {
        assert_eq!(Tag::parse(&"a".repeat(65)).unwrap_err().kind(), "tooLong");
        assert_eq!(Tag::parse("A-20").unwrap_err().kind(), "uppercase");
    }
}
