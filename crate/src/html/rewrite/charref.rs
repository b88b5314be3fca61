//! Character references inside attribute values, decoded exactly as a browser's HTML tokenizer
//! decodes them, so that the link decision sees the URL the browser will follow.

use crate::support::prelude::*;

use crate::html::rewrite::charref_table::{ENDS, NAMES, SECOND, VALUES};
use crate::support::bytes::find_any;
use alloc::borrow::Cow;

/// The longest reference name (`CounterClockwiseContourIntegral`) has 31 characters.
const LONGEST_NAME: usize = 31;

/// Decodes the raw text of an attribute value as the WHATWG HTML tokenizer does.
///
/// Named references (all 2,231 of the HTML standard), decimal and hexadecimal references,
/// the attribute-only rule for legacy names without `;` (`&copy=` and `&copyx` stay literal),
/// NUL → U+FFFD and CR/CRLF → LF (input preprocessing).
///
/// # Examples
/// ```
/// use shelf_core::decode_attribute;
/// assert_eq!(decode_attribute("a=1&amp;tag=x-20"), "a=1&tag=x-20");
/// assert_eq!(decode_attribute("jav&#x61;script&colon;"), "javascript:");
/// assert_eq!(decode_attribute("?a&copy=1"), "?a&copy=1");
/// ```
pub fn decode_attribute(raw: &str) -> Cow<'_, str> {
    const SPECIAL: &[u8] = b"&\r\0";
    let bytes = raw.as_bytes();
    let Some(first) = find_any(bytes, SPECIAL) else {
        return Cow::Borrowed(raw);
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(raw.get(..first).unwrap_or_default());
    let mut pos = first;
    while let Some(found) = bytes.get(pos..).and_then(|rest| find_any(rest, SPECIAL)) {
        let at = pos + found;
        out.push_str(raw.get(pos..at).unwrap_or_default());
        pos = at + 1;
        match bytes.get(at) {
            Some(b'\0') => out.push('\u{FFFD}'),
            Some(b'\r') => {
                out.push('\n');
                if bytes.get(pos) == Some(&b'\n') {
                    pos += 1;
                }
            }
            _ => match reference(bytes.get(pos..).unwrap_or_default()) {
                Some((consumed, first, second)) => {
                    out.push(first);
                    out.extend(second);
                    pos += consumed;
                }
                None => out.push('&'),
            },
        }
    }
    out.push_str(raw.get(pos..).unwrap_or_default());
    Cow::Owned(out)
}

/// Decodes the reference that follows an `&`: bytes consumed and the one or two characters.
fn reference(after: &[u8]) -> Option<(usize, char, Option<char>)> {
    match after.first() {
        Some(b'#') => numeric(after.get(1..)?).map(|(len, c)| (len + 1, c, None)),
        // The reference of nearly every query string in a post, without the table search.
        _ if after.starts_with(b"amp;") => Some((4, '&', None)),
        _ => named(after),
    }
}

fn numeric(after: &[u8]) -> Option<(usize, char)> {
    let (radix, skip) = match after.first() {
        Some(b'x' | b'X') => (16, 1),
        _ => (10, 0),
    };
    let digits = after
        .get(skip..)?
        .iter()
        .take_while(|b| (**b as char).is_digit(radix))
        .count();
    if digits == 0 {
        // `&#` or `&#x` without digits is not a reference: it stays literal text.
        return None;
    }
    let value = after
        .get(skip..skip + digits)?
        .iter()
        .filter_map(|b| (*b as char).to_digit(radix))
        // Saturate just above the Unicode range: the exact size of a huge number is irrelevant.
        .fold(0u32, |acc, d| {
            acc.saturating_mul(radix).saturating_add(d).min(0x11_0000)
        });
    let mut consumed = skip + digits;
    if after.get(consumed) == Some(&b';') {
        consumed += 1;
    }
    Some((consumed, numeric_char(value)))
}

/// The code point a numeric reference stands for, after the standard's replacements.
fn numeric_char(value: u32) -> char {
    const WINDOWS_1252: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let value = match value {
        0x80..=0x9F => WINDOWS_1252
            .get((value - 0x80) as usize)
            .map_or(value, |v| u32::from(*v)),
        v => v,
    };
    match value {
        0 => '\u{FFFD}',
        // from_u32 rejects surrogates and values above U+10FFFF, both replaced by U+FFFD.
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

fn named(after: &[u8]) -> Option<(usize, char, Option<char>)> {
    let run = after
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if run == 0 || run > LONGEST_NAME {
        return None;
    }
    let name = after.get(..run)?;
    let packed = VALUES.get(lookup(name)?).copied()?;
    let legacy = packed & (1 << 25) != 0;
    let consumed = match after.get(run) {
        Some(b';') => run + 1,
        // In attributes a legacy name without `;` counts only when not followed by `=`
        // (a longer alphanumeric run was already excluded by taking the whole run).
        Some(b'=') => return None,
        _ if legacy => run,
        _ => return None,
    };
    let first = char::from_u32(packed & 0x1F_FFFF)?;
    let second = match (packed >> 21) & 0xF {
        0 => None,
        index => SECOND.get(index as usize - 1).copied(),
    };
    Some((consumed, first, second))
}

/// Index of `name` in the generated table, by binary search over the concatenated names.
fn lookup(name: &[u8]) -> Option<usize> {
    let name_at = |i: usize| -> &[u8] {
        let start = match i {
            0 => 0,
            _ => ENDS.get(i - 1).map_or(0, |e| usize::from(*e)),
        };
        let end = ENDS.get(i).map_or(0, |e| usize::from(*e));
        NAMES.as_bytes().get(start..end).unwrap_or_default()
    };
    let (mut low, mut high) = (0, ENDS.len());
    while low < high {
        let mid = low + (high - low) / 2;
        match name_at(mid).cmp(name) {
            core::cmp::Ordering::Less => low = mid + 1,
            core::cmp::Ordering::Greater => high = mid,
            core::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::decode_attribute;

    #[test]
    fn borrows_values_without_references() {
        assert!(matches!(
            decode_attribute("https://www.amazon.com/dp/B0SHLFK001"),
            alloc::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn decodes_named_and_numeric_references() {
        assert_eq!(decode_attribute("a&amp;b&#38;c&#x26;d&AMP;e"), "a&b&c&d&e");
        assert_eq!(decode_attribute("&NotEqualTilde;"), "\u{2242}\u{338}");
    }

    #[test]
    fn keeps_legacy_names_followed_by_equals_or_alphanumerics() {
        assert_eq!(decode_attribute("?x=1&copy=2"), "?x=1&copy=2");
        assert_eq!(decode_attribute("?x=1&copyx"), "?x=1&copyx");
        assert_eq!(decode_attribute("?x=1&copy&"), "?x=1\u{a9}&");
    }

    #[test]
    fn keeps_unknown_names_and_bare_ampersands() {
        assert_eq!(
            decode_attribute("&tag=x&noti;&;&#;&#x;&"),
            "&tag=x&noti;&;&#;&#x;&"
        );
    }

    #[test]
    fn replaces_invalid_numeric_references() {
        assert_eq!(
            decode_attribute("&#0;&#xD800;&#x110000;&#99999999999;"),
            "\u{FFFD}".repeat(4)
        );
        assert_eq!(
            decode_attribute("&#x80;&#x81;&#150"),
            "\u{20AC}\u{81}\u{2013}"
        );
    }

    #[test]
    fn normalises_newlines_and_nul() {
        assert_eq!(decode_attribute("a\r\nb\rc\0"), "a\nb\nc\u{FFFD}");
    }

    #[test]
    fn decodes_entity_obfuscated_schemes() {
        assert_eq!(
            decode_attribute("jav&#x61;script&colon;alert(1)"),
            "javascript:alert(1)"
        );
        assert_eq!(
            decode_attribute("https://amazon.com&#64;evil.com/"),
            "https://amazon.com@evil.com/"
        );
    }
}
