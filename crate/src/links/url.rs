//! A strict parser for absolute `http`/`https` URLs, shaped after the WHATWG URL standard.
//!
//! It follows WHATWG wherever it accepts a URL (so the host it sees is the host a browser
//! visits; the differential test in `tests/tools/url-diff/` checks this against Node's `URL`)
//! and is deliberately stricter elsewhere: it rejects what a store link never needs and what
//! could make two parsers disagree (user info, ports, IP hosts, non-ASCII and punycode hosts,
//! scheme-relative forms whose meaning depends on the page's base URL).

use crate::support::bytes::{find_any, find_byte, split_byte, split_once_byte};
use crate::support::prelude::*;

use alloc::borrow::Cow;
use core::fmt;

/// Longer hrefs are refused: real Amazon links stay far below this.
pub(crate) const MAX_LEN: usize = 16 * 1024;

/// Longest DNS name.
const MAX_HOST_LEN: usize = 253;

/// An absolute `http`/`https` URL that passed the strict checks.
///
/// The host is lower-case ASCII (`[a-z0-9.-]`, no trailing dot); path, query and fragment are
/// kept percent-encoded. [`Display`](fmt::Display) serialises it safely: the output never
/// contains `"`, `'`, `<`, `>`, whitespace or control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUrl {
    scheme: Scheme,
    host: String,
    path: String,
    /// The `name[=value]` pieces after the `?`, percent-encoded and joined by `&` (encoding
    /// leaves no `&` in a piece and no `=` in a name); empty without a query. One string, not a
    /// list of pairs: the rewriter parses thousands of links per call.
    query: String,
    fragment: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scheme {
    Http,
    Https,
}

/// Why a string is not a strict absolute http(s) URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum UrlError {
    /// Nothing but whitespace.
    Empty,
    /// Longer than 16 KiB.
    TooLong,
    /// No scheme: a link relative to the page.
    Relative,
    /// A scheme other than `http` or `https` (`javascript:`, `ftp:` …).
    UnsupportedScheme,
    /// `https:` not followed by `//`; browsers resolve it against the page, so it is ambiguous.
    MissingSlashes,
    /// A user name or password (`https://amazon.com@evil.com/`).
    UserInfo,
    /// A port that is not a number up to 65535.
    InvalidPort,
    /// A port other than 80 for http or 443 for https.
    NonDefaultPort,
    /// An IPv4 or IPv6 address instead of a domain name.
    IpHost,
    /// A host with non-ASCII characters (possibly a homograph of a real domain).
    NonAsciiHost,
    /// A host with a punycode (`xn--`) label.
    PunycodeHost,
    /// An empty host, an empty label, or a character outside `a-z`, `0-9`, `-` and `.`.
    InvalidHost,
}

impl UrlError {
    /// A stable machine-readable code, e.g. `"userInfo"`.
    pub fn code(self) -> &'static str {
        match self {
            UrlError::Empty => "empty",
            UrlError::TooLong => "tooLong",
            UrlError::Relative => "relative",
            UrlError::UnsupportedScheme => "unsupportedScheme",
            UrlError::MissingSlashes => "missingSlashes",
            UrlError::UserInfo => "userInfo",
            UrlError::InvalidPort => "invalidPort",
            UrlError::NonDefaultPort => "nonDefaultPort",
            UrlError::IpHost => "ipHost",
            UrlError::NonAsciiHost => "nonAsciiHost",
            UrlError::PunycodeHost => "punycodeHost",
            UrlError::InvalidHost => "invalidHost",
        }
    }
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlError::Empty => "the link is empty",
            UrlError::TooLong => "the link is longer than 16 KiB",
            UrlError::Relative => "the link is relative to this site",
            UrlError::UnsupportedScheme => "only http and https links are handled",
            UrlError::MissingSlashes => "the link lacks the \u{201c}//\u{201d} after its scheme",
            UrlError::UserInfo => "the link contains a user name or password before the host",
            UrlError::InvalidPort => "the link has an invalid port",
            UrlError::NonDefaultPort => "the link uses an unusual port",
            UrlError::IpHost => "the link points to an IP address, not a domain",
            UrlError::NonAsciiHost => {
                "the link's domain contains non-ASCII characters that can imitate another domain"
            }
            UrlError::PunycodeHost => "the link's domain is an encoded international name",
            UrlError::InvalidHost => "the link's domain is malformed",
        })
    }
}

impl core::error::Error for UrlError {}

/// A URL read up to its host, the rest not yet parsed: recognition decides most links on the
/// host alone.
pub(crate) struct UrlHead<'a> {
    scheme: Scheme,
    host: String,
    /// The input without surrounding spaces, tabs and newlines, and where its path starts.
    cleaned: Cow<'a, str>,
    tail_at: usize,
}

impl<'a> UrlHead<'a> {
    /// Reads what [`WebUrl::parse`] reads up to the host, with the same errors: the rest of a URL
    /// never fails to parse.
    pub(crate) fn parse(input: &'a str) -> Result<UrlHead<'a>, UrlError> {
        // Bytes, not chars: every byte trimmed or removed is ASCII, so the cuts stay on char
        // boundaries (and no char pattern searcher is linked).
        let bytes = input.as_bytes();
        let start = bytes.iter().position(|&b| b > b' ').unwrap_or(bytes.len());
        let end = bytes
            .iter()
            .rposition(|&b| b > b' ')
            .map_or(start, |i| i + 1);
        let trimmed = input.get(start..end).unwrap_or_default();
        if trimmed.len() > MAX_LEN {
            return Err(UrlError::TooLong);
        }
        let cleaned = without_tabs_and_newlines(trimmed);
        if cleaned.is_empty() {
            return Err(UrlError::Empty);
        }
        let (scheme, rest) = split_scheme(&cleaned)?;
        let slashes = rest
            .bytes()
            .take_while(|&b| b == b'/' || b == b'\\')
            .count();
        if slashes < 2 {
            return Err(UrlError::MissingSlashes);
        }
        let after = rest.get(slashes..).unwrap_or_default();
        let end = find_any(after.as_bytes(), b"/\\?#").unwrap_or(after.len());
        let (authority, tail) = (
            after.get(..end).unwrap_or_default(),
            after.get(end..).unwrap_or_default(),
        );
        if find_byte(authority.as_bytes(), b'@').is_some() {
            return Err(UrlError::UserInfo);
        }
        if authority.starts_with('[') {
            return Err(UrlError::IpHost);
        }
        let (host_raw, port) = match split_once_byte(authority, b':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        if let Some(port) = port {
            check_port(scheme, port)?;
        }
        let host = parse_host(host_raw)?;
        let tail_at = cleaned.len() - tail.len();
        Ok(UrlHead {
            scheme,
            host,
            cleaned,
            tail_at,
        })
    }

    /// The host: lower-case ASCII, without a trailing dot.
    pub(crate) fn host(&self) -> &str {
        &self.host
    }

    /// The URL: the fragment, path and query parsed (which cannot fail).
    pub(crate) fn finish(self) -> WebUrl {
        let tail = self.cleaned.get(self.tail_at..).unwrap_or_default();
        let (scheme, host) = (self.scheme, self.host);

        let (before_fragment, fragment) = match split_once_byte(tail, b'#') {
            Some((b, f)) => {
                let mut fragment = String::with_capacity(f.len());
                encode_into(&mut fragment, f, keep_in_fragment);
                (b, Some(fragment))
            }
            None => (tail, None),
        };
        let (path_raw, query_raw) =
            split_once_byte(before_fragment, b'?').unwrap_or((before_fragment, ""));
        let mut query = String::with_capacity(query_raw.len());
        for piece in split_byte(Some(query_raw), b'&').filter(|piece| !piece.is_empty()) {
            if !query.is_empty() {
                query.push('&');
            }
            match split_once_byte(piece, b'=') {
                Some((name, value)) => {
                    encode_into(&mut query, name, keep_in_query);
                    query.push('=');
                    encode_into(&mut query, value, keep_in_query_value);
                }
                None => encode_into(&mut query, piece, keep_in_query),
            }
        }
        WebUrl {
            scheme,
            host,
            path: normalise_path(path_raw),
            query,
            fragment,
        }
    }
}

impl WebUrl {
    /// Parses an absolute http(s) URL. Leading and trailing spaces and control characters and
    /// every tab or newline are ignored, as browsers do. A protocol-relative `//host/…` is read
    /// as `https:`.
    ///
    /// # Examples
    /// ```
    /// use shelf_core::WebUrl;
    /// let url = WebUrl::parse("HTTPS://WWW.Amazon.DE./dp/B0SHLFD201?th=1").unwrap();
    /// assert_eq!(url.host(), "www.amazon.de");
    /// assert_eq!(url.to_string(), "https://www.amazon.de/dp/B0SHLFD201?th=1");
    /// assert!(WebUrl::parse("https://amazon.com@evil.com/").is_err());
    /// ```
    pub fn parse(input: &str) -> Result<WebUrl, UrlError> {
        UrlHead::parse(input).map(UrlHead::finish)
    }

    /// An `https` URL from parts the core already trusts: a host from the marketplace table and a
    /// path made of validated segments (it is encoded anyway).
    pub(crate) fn https(host: &str, path: &str) -> WebUrl {
        WebUrl {
            scheme: Scheme::Https,
            host: host.to_owned(),
            path: normalise_path(path),
            query: String::new(),
            fragment: None,
        }
    }

    /// `"http"` or `"https"`.
    pub fn scheme(&self) -> &str {
        match self.scheme {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    /// The host: lower-case ASCII, without a trailing dot.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The path, percent-encoded, starting with `/`; dot segments are resolved.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path segments after the leading `/`, percent-decoded (invalid UTF-8 is replaced).
    pub fn path_segments(&self) -> impl Iterator<Item = String> + '_ {
        self.segments().map(Cow::into_owned)
    }

    /// [`WebUrl::path_segments`], borrowed where nothing was decoded.
    pub(crate) fn segments(&self) -> impl Iterator<Item = Cow<'_, str>> {
        let path = self.path.strip_prefix('/').unwrap_or(&self.path);
        split_byte(Some(path), b'/').map(|s| decode_lossy(s, false))
    }

    /// The query as decoded `(name, value)` pairs, `+` read as a space; a piece without `=` has
    /// an empty value.
    pub fn query_pairs(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.query_names()
            .map(|(name, value)| (name.into_owned(), decode_query_value(value).into_owned()))
    }

    /// The query's pairs with the name decoded (borrowed where nothing was decoded) and the
    /// value still encoded, for [`decode_query_value`]: most values are never read.
    pub(crate) fn query_names(&self) -> impl Iterator<Item = (Cow<'_, str>, &str)> {
        self.pieces().map(|piece| {
            let (name, value) = split_once_byte(piece, b'=').unwrap_or((piece, ""));
            (decode_lossy(name, true), value)
        })
    }

    /// The query's encoded `name[=value]` pieces.
    fn pieces(&self) -> impl Iterator<Item = &str> {
        // An empty query has no piece (not one empty piece).
        split_byte(Some(self.query.as_str()).filter(|q| !q.is_empty()), b'&')
    }

    /// The fragment after `#`, percent-encoded, if any.
    pub fn fragment(&self) -> Option<&str> {
        self.fragment.as_deref()
    }

    /// Replaces the host with one from the core's own tables.
    pub(crate) fn set_host(&mut self, host: &str) {
        host.clone_into(&mut self.host);
    }

    /// Replaces the path; it is normalised and encoded like a parsed one.
    pub(crate) fn set_path(&mut self, path: &str) {
        self.path = normalise_path(path);
    }

    /// Keeps only the query pairs whose decoded name passes `keep`; returns whether one was
    /// dropped.
    pub(crate) fn retain_query(&mut self, mut keep: impl FnMut(&str) -> bool) -> bool {
        let mut query = String::with_capacity(self.query.len());
        for piece in self.pieces() {
            if keep(&piece_name(piece)) {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(piece);
            }
        }
        // Pieces are only ever dropped, and none is empty.
        let dropped = query.len() != self.query.len();
        self.query = query;
        dropped
    }

    /// Sets `name=value` (both encoded here): the first pair whose decoded name is `name` (in
    /// any ASCII case with `any_case`) takes the value in place, the other matches are removed,
    /// and without a match the pair is appended. Returns whether the query changed.
    // A flag, not a predicate: a generic one is copied per caller, a `fn` pointer keeps every
    // same-typed table entry (core's formatters among them) alive in the wasm.
    pub(crate) fn set_query(&mut self, name: &str, value: &str, any_case: bool) -> bool {
        let same_name = |n: &str| n == name || (any_case && n.eq_ignore_ascii_case(name));
        let mut query = String::with_capacity(self.query.len() + name.len() + value.len() + 2);
        let mut set = false;
        for piece in self.pieces() {
            let same = same_name(&piece_name(piece));
            if same && set {
                continue;
            }
            if !query.is_empty() {
                query.push('&');
            }
            if same {
                push_pair(&mut query, name, value);
                set = true;
            } else {
                query.push_str(piece);
            }
        }
        if !set {
            if !query.is_empty() {
                query.push('&');
            }
            push_pair(&mut query, name, value);
        }
        let changed = query != self.query;
        self.query = query;
        changed
    }
}

impl WebUrl {
    /// The serialised URL (what `Display` writes), built without `core::fmt`.
    pub(crate) fn serialize(&self) -> String {
        let fragment_len = self.fragment.as_ref().map_or(0, |f| f.len() + 1);
        let mut out = String::with_capacity(
            self.host.len() + self.path.len() + self.query.len() + fragment_len + 9,
        );
        out.push_str(self.scheme());
        out.push_str("://");
        out.push_str(&self.host);
        out.push_str(&self.path);
        if !self.query.is_empty() {
            out.push('?');
            out.push_str(&self.query);
        }
        if let Some(frag) = &self.fragment {
            out.push('#');
            out.push_str(frag);
        }
        out
    }
}

impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.serialize())
    }
}

/// `s` without its tabs and newlines, which browsers remove anywhere in a URL.
fn without_tabs_and_newlines(s: &str) -> Cow<'_, str> {
    const REMOVED: &[u8] = b"\t\n\r";
    let Some(mut at) = find_any(s.as_bytes(), REMOVED) else {
        return Cow::Borrowed(s);
    };
    let mut cleaned = String::with_capacity(s.len());
    let mut from = 0;
    loop {
        cleaned.push_str(s.get(from..at).unwrap_or_default());
        from = at + 1;
        match s
            .as_bytes()
            .get(from..)
            .and_then(|rest| find_any(rest, REMOVED))
        {
            Some(next) => at = from + next,
            None => break,
        }
    }
    cleaned.push_str(s.get(from..).unwrap_or_default());
    Cow::Owned(cleaned)
}

/// A value of [`WebUrl::query_names`], decoded, `+` read as a space.
pub(crate) fn decode_query_value(value: &str) -> Cow<'_, str> {
    decode_lossy(value, true)
}

/// The decoded name of an encoded query piece.
fn piece_name(piece: &str) -> Cow<'_, str> {
    let name = split_once_byte(piece, b'=').map_or(piece, |(name, _)| name);
    decode_lossy(name, true)
}

/// Appends `name=value`, both encoded as values the core adds.
fn push_pair(out: &mut String, name: &str, value: &str) {
    encode_component(out, name);
    out.push('=');
    encode_component(out, value);
}

/// Splits `scheme:rest`; a protocol-relative `//…` is taken as `https`.
fn split_scheme(s: &str) -> Result<(Scheme, &str), UrlError> {
    let name_len = s
        .bytes()
        .enumerate()
        .take_while(|&(i, b)| {
            if i == 0 {
                b.is_ascii_alphabetic()
            } else {
                b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
            }
        })
        .count();
    match (s.get(..name_len), s.get(name_len..)) {
        (Some(name), Some(rest)) if name_len > 0 && rest.starts_with(':') => {
            let rest = rest.get(1..).unwrap_or_default();
            if name.eq_ignore_ascii_case("https") {
                Ok((Scheme::Https, rest))
            } else if name.eq_ignore_ascii_case("http") {
                Ok((Scheme::Http, rest))
            } else {
                Err(UrlError::UnsupportedScheme)
            }
        }
        // Protocol-relative: browsers use the page's scheme; we deliberately choose https.
        _ if s.starts_with("//")
            || s.starts_with("\\\\")
            || s.starts_with("/\\")
            || s.starts_with("\\/") =>
        {
            Ok((Scheme::Https, s))
        }
        _ => Err(UrlError::Relative),
    }
}

/// WHATWG port rules (digits only, at most 65535, empty allowed), then only the default port.
fn check_port(scheme: Scheme, port: &str) -> Result<(), UrlError> {
    if port.is_empty() {
        return Ok(());
    }
    if !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(UrlError::InvalidPort);
    }
    let zeros = port.bytes().take_while(|&b| b == b'0').count();
    let digits = port.get(zeros..).unwrap_or_default();
    let value: u32 = if digits.is_empty() {
        0
    } else if digits.len() > 5 {
        return Err(UrlError::InvalidPort);
    } else {
        crate::support::digits::parse_u32(digits).ok_or(UrlError::InvalidPort)?
    };
    let default = match scheme {
        Scheme::Http => 80,
        Scheme::Https => 443,
    };
    match value {
        v if v > 65535 => Err(UrlError::InvalidPort),
        v if v == default => Ok(()),
        _ => Err(UrlError::NonDefaultPort),
    }
}

/// WHATWG percent-decodes a special URL's host before IDNA; ASCII-only results then only get
/// lower-cased. Everything non-ASCII is refused here instead of running IDNA.
fn parse_host(raw: &str) -> Result<String, UrlError> {
    let decoded;
    let bytes = if find_byte(raw.as_bytes(), b'%').is_some() {
        decoded = percent_decode(raw.as_bytes(), false);
        &decoded[..]
    } else {
        raw.as_bytes()
    };
    if !bytes.is_ascii() {
        return Err(UrlError::NonAsciiHost);
    }
    let bytes = bytes.strip_suffix(b".").unwrap_or(bytes);
    let mut host = String::with_capacity(bytes.len());
    // One pass, as every link's host passes here: the lower-case copy, its characters, empty
    // labels, `xn--` labels and where the last label starts.
    let is_punycode = |label: usize| {
        bytes
            .get(label..label + 4)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"xn--"))
    };
    let (mut valid, mut punycode, mut label) = (true, is_punycode(0), 0);
    for (i, &b) in bytes.iter().enumerate() {
        let b = b.to_ascii_lowercase();
        if b == b'.' {
            valid &= i > label;
            label = i + 1;
            punycode |= is_punycode(label);
        } else {
            valid &= b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
        }
        host.push(char::from(b));
    }
    if !valid || bytes.len() <= label || bytes.len() > MAX_HOST_LEN {
        return Err(UrlError::InvalidHost);
    }
    if punycode {
        return Err(UrlError::PunycodeHost);
    }
    // WHATWG's "ends in a number": such a host is parsed as IPv4 (or fails).
    let last = host.as_bytes().get(label..).unwrap_or_default();
    let hex = last.strip_prefix(b"0x");
    if last.iter().all(u8::is_ascii_digit)
        || hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    {
        return Err(UrlError::IpHost);
    }
    Ok(host)
}

/// Resolves `.`/`..` segments (also `%2e` forms) the WHATWG way and encodes the result.
fn normalise_path(raw: &str) -> String {
    // Built as `/segment` pieces; `..` cuts the last one off (encoded segments hold no `/`).
    let mut path = String::with_capacity(raw.len() + 1);
    // Nearly every path: without dots, backslashes and escapes there is nothing to resolve.
    if find_any(raw.as_bytes(), b".\\%").is_none() {
        if !raw.starts_with('/') {
            path.push('/');
        }
        encode_into(&mut path, raw, keep_in_path);
        return path;
    }
    if !raw.is_empty() {
        let bytes = raw.as_bytes();
        let mut start = usize::from(matches!(bytes.first(), Some(b'/' | b'\\')));
        loop {
            let end = bytes
                .get(start..)
                .and_then(|rest| find_any(rest, b"/\\"))
                .map_or(bytes.len(), |n| start + n);
            let seg = raw.get(start..end).unwrap_or_default();
            let last = end == bytes.len();
            let dots = dot_segment(seg.as_bytes());
            if dots == 2 {
                path.truncate(path.bytes().rposition(|b| b == b'/').unwrap_or(0));
            }
            if dots == 0 {
                path.push('/');
                encode_into(&mut path, seg, keep_in_path);
            } else if last {
                path.push('/');
            }
            if last {
                break;
            }
            start = end + 1;
        }
    }
    if path.is_empty() {
        path.push('/');
    }
    path
}

/// 1 for a `.` segment, 2 for `..` (each dot possibly written `%2e`), else 0.
fn dot_segment(mut seg: &[u8]) -> u8 {
    let mut dots = 0;
    while !seg.is_empty() {
        seg = if let Some(rest) = seg.strip_prefix(b".") {
            rest
        } else if seg.get(..3).is_some_and(|e| e.eq_ignore_ascii_case(b"%2e")) {
            seg.get(3..).unwrap_or_default()
        } else {
            return 0;
        };
        dots += 1;
    }
    if dots > 2 {
        0
    } else {
        dots
    }
}

// Byte sets as patterns, not `b"…".contains(&b)`: a slice search links a byte searcher into
// the wasm.
#[rustfmt::skip]
fn keep_in_path(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(b, b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'(' | b')' | b'*' | b'+'
            | b',' | b';' | b'=' | b':' | b'@' | b'/')
}

#[rustfmt::skip]
fn keep_in_query(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(b, b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'(' | b')' | b'*' | b'+' | b','
            | b';' | b':' | b'@' | b'/' | b'?')
}

fn keep_in_query_value(b: u8) -> bool {
    keep_in_query(b) || b == b'='
}

#[rustfmt::skip]
fn keep_in_fragment(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(b, b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'(' | b')' | b'*' | b'+'
            | b',' | b';' | b'=' | b':' | b'@' | b'/' | b'?')
}

/// Appends `s` with every byte `keep` refuses percent-encoded. An existing valid `%XX` escape
/// stays as written, so encoding is idempotent; a stray `%` becomes `%25`.
fn encode_into(out: &mut String, s: &str, keep: fn(u8) -> bool) {
    push_encoded(out, s, keep, true);
}

/// Appends a value the core adds (a tag, search keywords), encoding everything but
/// `A-Za-z0-9-._~`.
fn encode_component(out: &mut String, s: &str) {
    push_encoded(out, s, |b| matches!(b, b'-' | b'.' | b'_' | b'~'), false);
}

/// Appends `s`, percent-encoding each byte that is neither alphanumeric nor passes `keep`, and
/// each `%` unless `escapes` keeps the valid `%XX` ones. Runs of bytes that stay are copied
/// whole: most of a URL is such a run.
fn push_encoded(out: &mut String, s: &str, keep: fn(u8) -> bool, escapes: bool) {
    let bytes = s.as_bytes();
    // Start of the run not yet copied; a run holds ASCII only, so its ends are char boundaries.
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let stays = if b == b'%' {
            escapes
                && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
        } else {
            // Unreserved characters stay in every part; the rest is the part's call.
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || keep(b)
        };
        if !stays {
            out.push_str(s.get(from..i).unwrap_or_default());
            push_escape(out, b);
            from = i + 1;
        }
    }
    out.push_str(s.get(from..).unwrap_or_default());
}

fn push_escape(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    for nibble in [b >> 4, b & 0x0f] {
        out.push(HEX.get(usize::from(nibble)).map_or('0', |&h| h as char));
    }
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes; with `plus_is_space`, a literal `+` (not `%2B`) becomes a space.
fn percent_decode(bytes: &[u8], plus_is_space: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // The two hex digits are only read after a `%`.
        let pair = if b == b'%' {
            (
                bytes.get(i + 1).copied().and_then(hex_value),
                bytes.get(i + 2).copied().and_then(hex_value),
            )
        } else {
            (None, None)
        };
        match pair {
            (Some(hi), Some(lo)) => {
                out.push(hi << 4 | lo);
                i += 3;
            }
            _ => {
                out.push(if b == b'+' && plus_is_space { b' ' } else { b });
                i += 1;
            }
        }
    }
    out
}

fn decode_lossy(s: &str, plus_is_space: bool) -> Cow<'_, str> {
    // Most names and segments have nothing to decode: a shortcut for the rewriter, which decides
    // thousands of links per call; the visitors' modules, deciding a few, keep the smaller code.
    #[cfg(feature = "rewrite")]
    if find_any(s.as_bytes(), if plus_is_space { b"%+" } else { b"%" }).is_none() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(crate::support::utf8::lossy(&percent_decode(
        s.as_bytes(),
        plus_is_space,
    )))
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn host(s: &str) -> Result<String, UrlError> {
        WebUrl::parse(s).map(|u| u.host().to_owned())
    }

    #[test]
    fn lowercases_host_and_drops_trailing_dot() {
        assert_eq!(host("HTTPS://WWW.AMAZON.COM./").unwrap(), "www.amazon.com");
    }

    #[test]
    fn percent_decodes_host_like_whatwg() {
        assert_eq!(host("https://amazon%2Ecom/").unwrap(), "amazon.com");
        assert_eq!(host("https://amazon%2ecom%zz/"), Err(UrlError::InvalidHost));
    }

    #[test]
    fn rejects_userinfo_host() {
        assert_eq!(
            host("https://amazon.com@evil.com/"),
            Err(UrlError::UserInfo)
        );
        assert_eq!(host("https://@www.amazon.com/"), Err(UrlError::UserInfo));
    }

    #[test]
    fn backslash_ends_authority_like_browsers() {
        assert_eq!(host("https://evil.com\\@amazon.com/").unwrap(), "evil.com");
        assert_eq!(host("https:\\\\evil.com/amazon.com").unwrap(), "evil.com");
    }

    #[test]
    fn fragment_and_query_at_signs_do_not_move_host() {
        assert_eq!(host("https://evil.com#@amazon.com/").unwrap(), "evil.com");
        assert_eq!(host("https://evil.com?@amazon.com/").unwrap(), "evil.com");
    }

    #[test]
    fn rejects_ports_except_default() {
        assert!(host("https://www.amazon.com:443/").is_ok());
        assert!(host("http://www.amazon.com:80/").is_ok());
        assert!(host("https://www.amazon.com:/").is_ok());
        assert_eq!(
            host("https://www.amazon.com:8080/"),
            Err(UrlError::NonDefaultPort)
        );
        assert_eq!(
            host("http://www.amazon.com:443/"),
            Err(UrlError::NonDefaultPort)
        );
        assert_eq!(
            host("https://www.amazon.com:99999/"),
            Err(UrlError::InvalidPort)
        );
        assert_eq!(
            host("https://www.amazon.com:4a/"),
            Err(UrlError::InvalidPort)
        );
    }

    #[test]
    fn rejects_ip_hosts() {
        for s in [
            "http://127.0.0.1/",
            "http://0x7f.1/",
            "http://[::1]/",
            "http://1.2.3.4./",
        ] {
            assert_eq!(host(s), Err(UrlError::IpHost), "{s}");
        }
    }

    #[test]
    fn rejects_homograph_and_punycode_hosts() {
        assert_eq!(
            host("https://www.am\u{430}zon.com/"),
            Err(UrlError::NonAsciiHost)
        );
        assert_eq!(
            host("https://amazon%E3%80%82com/"),
            Err(UrlError::NonAsciiHost)
        );
        assert_eq!(
            host("https://www.xn--amzon-5ve.com/"),
            Err(UrlError::PunycodeHost)
        );
    }

    #[test]
    fn rejects_other_schemes_and_relative_links() {
        assert_eq!(
            host("javascript:alert(1)"),
            Err(UrlError::UnsupportedScheme)
        );
        assert_eq!(
            host("java\tscript:alert(1)"),
            Err(UrlError::UnsupportedScheme)
        );
        assert_eq!(
            host("www.amazon.com/dp/B0SHLFK001"),
            Err(UrlError::Relative)
        );
        assert_eq!(host("/dp/B0SHLFK001"), Err(UrlError::Relative));
        assert_eq!(host("https:www.amazon.com"), Err(UrlError::MissingSlashes));
        assert_eq!(host("  "), Err(UrlError::Empty));
    }

    #[test]
    fn reads_protocol_relative_as_https() {
        let url = WebUrl::parse("//www.amazon.com/dp/B0SHLFK001").unwrap();
        assert_eq!(url.scheme(), "https");
        assert_eq!(url.to_string(), "https://www.amazon.com/dp/B0SHLFK001");
    }

    #[test]
    fn removes_tabs_and_newlines_anywhere() {
        assert_eq!(
            host(" https://www.ama\tzon.c\nom/ ").unwrap(),
            "www.amazon.com"
        );
    }

    #[test]
    fn resolves_dot_segments() {
        let url = WebUrl::parse("https://a.com/x/../dp/./B0SHLFK001/%2e%2E/y/.").unwrap();
        assert_eq!(url.path(), "/dp/y/");
    }

    #[test]
    fn serialises_without_markup_characters() {
        let url = WebUrl::parse("https://a.com/p\"a'th<>{}?q=\"'<> x&y#f\"'<>").unwrap();
        let s = url.to_string();
        assert_eq!(
            s,
            "https://a.com/p%22a%27th%3C%3E%7B%7D?q=%22%27%3C%3E%20x&y#f%22%27%3C%3E"
        );
    }

    #[test]
    fn keeps_existing_escapes_and_encodes_stray_percent() {
        let url = WebUrl::parse("https://a.com/%41%zz?k=a%2Bb%").unwrap();
        assert_eq!(url.to_string(), "https://a.com/%41%25zz?k=a%2Bb%25");
        assert_eq!(
            url.query_pairs().collect::<Vec<_>>(),
            vec![("k".to_owned(), "a+b%".to_owned())]
        );
    }

    #[test]
    fn serialisation_is_a_fixed_point() {
        for s in [
            "https://a.com/a b/%zz/é?x=1&&y&z=a=b#frag ment",
            "//A.com\\x\\..\\y?%",
        ] {
            let once = WebUrl::parse(s).unwrap().to_string();
            assert_eq!(WebUrl::parse(&once).unwrap().to_string(), once);
        }
    }

    #[test]
    fn sets_query_in_place_and_dedupes() {
        let mut url = WebUrl::parse("https://a.com/?a=1&TAG=x&b=2&tag=y").unwrap();
        url.set_query("tag", "me-20", true);
        assert_eq!(url.to_string(), "https://a.com/?a=1&tag=me-20&b=2");
    }
}
