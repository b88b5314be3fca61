//! Randomised invariants of the URL parser and the link decision, on mutated Amazon URLs
//! (deterministic seeds; stable toolchain; fast enough for every `cargo test`).

use shelf_core::{
    process_href, recognize, AmazonLink, ExistingTagPolicy, LinkOptions, LinkOutcome, Localise,
    Marketplace, NoisePolicy, PathPolicy, Tag, WebUrl, MARKETPLACES,
};

/// xorshift64*: enough randomness for input generation, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

const HOSTS: &[&str] = &[
    "www.amazon.com",
    "amazon.de",
    "m.amazon.co.uk",
    "smile.amazon.co.jp",
    "WWW.AMAZON.FR.",
    "amazon.com.au",
    "amzn.to",
    "a.co",
    "amzn.com",
    "www.amazon.cn",
    "aws.amazon.com",
    "amazon.com.evil.com",
    "evil.com",
    "www.amazon%2Ecom",
    "127.0.0.1",
    "[::1]",
];
const PATHS: &[&str] = &[
    "/dp/B0SHLFK001",
    "/Slug/dp/b0shlfk001/ref=sr_1_1",
    "/gp/product/B0SHLFK001",
    "/gp/aw/d/B0SHLFK001",
    "/exec/obidos/ASIN/B0SHLFK001/other-20",
    "/o/ASIN/B0SHLFK001",
    "/s",
    "/s/",
    "/",
    "",
    "/-/de/dp/B0SHLFK001",
    "/x/../dp/./B0SHLFK001",
];
const QUERIES: &[&str] = &[
    "",
    "?tag=shelftest-20",
    "?TAG=other-20&tag=shelftest-20",
    "?k=tea+pot",
    "?th=1&psc=1",
    "?qid=1&sr=8-1&pd_rd_w=x&utm_source=y",
    "?tag=&tag",
    "?a=%zz&b=%41",
    "?x=\"'<>",
];
const INSERTS: &[&str] = &[
    "\t",
    "\n",
    " ",
    "@",
    ":",
    ":443",
    ":8080",
    "\\",
    "/",
    "//",
    "?",
    "#",
    "%",
    "%2E",
    "%00",
    ".",
    "..",
    "&",
    "=",
    "tag=",
    "&tag=x-20",
    "\u{430}",
    "\u{3002}",
    "\u{ad}",
    "\u{fffd}",
    "\"",
    "'",
    "<",
    ">",
    "\0",
    "\u{7f}",
    "xn--",
    "&amp;",
    "é",
];

fn input(rng: &mut Rng) -> String {
    let scheme = rng.pick(&[
        "https://",
        "http://",
        "//",
        "HTTPS:\\\\",
        "https:",
        "javascript:",
        "",
    ]);
    let mut s = format!(
        "{scheme}{}{}{}",
        rng.pick(HOSTS),
        rng.pick(PATHS),
        rng.pick(QUERIES)
    );
    for _ in 0..rng.below(4) {
        let mut at = rng.below(s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        if rng.below(4) == 0 {
            s.truncate(at);
        } else {
            s.insert_str(at, rng.pick(INSERTS));
        }
    }
    s
}

fn options(rng: &mut Rng) -> LinkOptions {
    let mut o =
        MARKETPLACES
            .iter()
            .filter(|_| rng.below(5) != 0)
            .fold(LinkOptions::new(), |o, m| {
                match Tag::parse(&format!("shelftest{}", m.tag_suffix)) {
                    Ok(t) => o.tag(m, t),
                    Err(_) => o,
                }
            });
    o = o.existing_tag(match rng.below(3) {
        0 => ExistingTagPolicy::Keep,
        1 => ExistingTagPolicy::Replace,
        _ => ExistingTagPolicy::ReportOnly,
    });
    if rng.below(2) == 0 {
        o = o.noise(NoisePolicy::Strip);
    }
    if rng.below(2) == 0 {
        o = o.path(PathPolicy::Canonical);
    }
    if rng.below(3) == 0 {
        if let Some(m) = Marketplace::by_country(rng.pick(&["DE", "US", "JP"])) {
            o = o.localise(Localise::to(m));
        }
    }
    o
}

fn safe(url: &str) -> bool {
    url.bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'<' | b'>' | b'\\'))
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn parsed_urls_serialise_safely_and_stably() {
    let mut rng = Rng(0x5EED_0001);
    for _ in 0..50_000 {
        let s = input(&mut rng);
        if let Ok(url) = WebUrl::parse(&s) {
            let out = url.to_string();
            assert!(safe(&out), "{s:?} → {out}");
            assert!(url
                .host()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'));
            let again = WebUrl::parse(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
            assert_eq!(again.to_string(), out, "{s:?}");
            assert_eq!(again, url, "{s:?}");
        }
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn link_decisions_only_emit_single_tag_store_urls_and_are_idempotent() {
    let mut rng = Rng(0x5EED_0002);
    let mut changed = 0;
    for _ in 0..30_000 {
        let o = options(&mut rng);
        let s = input(&mut rng);
        let outcome = process_href(&s, &o);
        let Some(url) = outcome.new_href() else {
            continue;
        };
        changed += 1;
        assert!(safe(url), "{s:?} → {url}");
        let AmazonLink::Store { url: parsed, .. } = recognize(url) else {
            panic!("{s:?} → {url} is not a store URL");
        };
        let tags = parsed
            .query_pairs()
            .filter(|(n, _)| n.eq_ignore_ascii_case("tag"))
            .count();
        assert_eq!(tags, 1, "{url}");
        let again = process_href(url, &o);
        assert!(
            matches!(again, LinkOutcome::AlreadyFine { .. }),
            "{s:?} → {url} → {again:?}"
        );
    }
    assert!(
        changed > 2_000,
        "only {changed} links changed: generator too weak"
    );
}
