//! Stable-toolchain randomized test of the rewrite invariants (the same as the fuzz targets'):
//! random HTML assembled from tricky pieces, mutated, for every option set. It runs for
//! `SHELF_RANDOMIZED_SECS` seconds (default 2) from `SHELF_RANDOMIZED_SEED` (default fixed),
//! and prints the seed and case count so a failure can be replayed. Under wasm, which has no
//! clock, it runs a fixed 2,000 cases instead.

#[path = "rewrite_support/invariants.rs"]
mod invariants;

/// Whether to keep generating: by time natively, by count under wasm (no clock there).
struct Budget {
    #[cfg(not(target_arch = "wasm32"))]
    until: std::time::Instant,
}

impl Budget {
    fn new(secs: u64) -> Budget {
        #[cfg(target_arch = "wasm32")]
        let _ = secs;
        Budget {
            #[cfg(not(target_arch = "wasm32"))]
            until: std::time::Instant::now() + std::time::Duration::from_secs(secs),
        }
    }

    fn more(&self, cases: u64) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        return cases < 100 || std::time::Instant::now() < self.until;
        #[cfg(target_arch = "wasm32")]
        return cases < 2_000;
    }
}

/// SplitMix64: tiny, seedable, good enough to pick pieces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items
            .get(self.below(items.len()))
            .copied()
            .unwrap_or_default()
    }
}

const URLS: &[&str] = &[
    "https://www.amazon.com/dp/B0SHLFK001",
    "https://amazon.de/x1/ref=Ab1/dp/B0SHLFD201",
    "https://amazon.com/Some-Kettle/dp/B0SHLFK001/ref=sr_1_1?qid=1&amp;sr=8-1&amp;th=1",
    "https://www.amazon.de/gp/product/B0SHLFD201?tag=otherblog-21",
    "https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20&amp;tag=x-20",
    "https://www.amazon.co.uk/s?k=kettle&amp;ref=nb",
    "http://smile.amazon.com/exec/obidos/ASIN/B0SHLFK001/old-20",
    "https://amzn.to/3abcdef",
    "//www.amazon.com/dp/B0SHLFK001",
    "https://www.amazon.com.evil.com/dp/B0SHLFK001",
    "https://amazon.com@evil.com/dp/B0SHLFK001",
    "https://evil.com\\@amazon.com/",
    "https&colon;//www.amazon.com/dp/B0SHLFK001",
    "https://www.amazon.com&#46;/dp/B0SHLFK001",
    "jav&#x61;script:alert(1)",
    "https://www.amazon.com:8080/dp/B0SHLFK001",
    "https://www.amazon.com/dp/B0SHLFK001?tag=shelfother-20",
    "https://www.amazon.com/dp/B0SHLFK001#frag",
    "/relative/path",
    "https://xn--amzon-5ve.com/dp/B0SHLFK001",
];

const PIECES: &[&str] = &[
    "<a href=\"",
    "<a href='",
    "<a href=",
    "<A HREF=\"",
    "<area href=\"",
    "<a title=x href=\"",
    "<a href=\"\" href=\"",
    " rel=\"",
    " rel='me NoOpener' ",
    " rel=nofollow",
    " rel",
    " REL=x rel=",
    " target=",
    " title=",
    "=>",
    " target=_self ",
    " Target",
    "&#x20;sponsored",
    "\">",
    "'>",
    ">",
    "/>",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\0",
    "</a>",
    "<p>",
    "</p>",
    "text",
    "&amp;",
    "&",
    "&#",
    "&#x61;",
    "&copy",
    "&copy=",
    "&noti;",
    "&lt;",
    "\"",
    "'",
    "=",
    "/",
    "<",
    "<!--",
    "-->",
    "--!>",
    "<!-->",
    "<!DOCTYPE html>",
    "<?php x ?>",
    "</",
    "</x y>",
    "<script>",
    "</script>",
    "<!--<script>",
    "</script >",
    "<style>",
    "</style>",
    "<textarea>",
    "</textarea>",
    "<title>",
    "</title>",
    "<xmp>",
    "</xmp>",
    "<noscript>",
    "</noscript>",
    "<iframe>",
    "</iframe>",
    "<template>",
    "</template>",
    "<svg>",
    "</svg>",
    "<svg/>",
    "<math>",
    "</math>",
    "<foreignObject>",
    "</foreignObject>",
    "<desc>",
    "<mi>",
    "<b>",
    "<font color=1>",
    "<![CDATA[",
    "]]>",
    "<select>",
    "</select>",
    "<plaintext>",
    "é",
    "\u{2028}",
    "\u{FFFD}",
    "🙂",
];

fn random_html(rng: &mut Rng) -> String {
    let mut html = String::new();
    for _ in 0..rng.below(40) {
        let choice = rng.below(4);
        if choice == 0 {
            html.push_str(rng.pick(URLS));
        } else if choice == 1 {
            // A well-formed link, so that many cases do change.
            let quote = rng.pick(&["\"", "'", ""]);
            let url = rng.pick(URLS);
            let rel = rng.pick(&[
                "",
                " rel=noopener",
                " rel='ugc sponsored'",
                " rel",
                " target=_top",
                " title=",
                " rel= ",
            ]);
            let end = rng.pick(&[">", "/>", " >", " />"]);
            html.push_str(&format!("<a class=x href={quote}{url}{quote}{rel}{end}"));
        } else {
            html.push_str(rng.pick(PIECES));
        }
    }
    html
}

/// Deletes, duplicates or swaps a random stretch of characters.
fn mutate(rng: &mut Rng, s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let a = rng.below(chars.len());
    let b = (a + rng.below(8)).min(chars.len());
    let (head, rest) = chars.split_at(a);
    let (middle, tail) = rest.split_at(b - a);
    let mut out: Vec<char> = head.to_vec();
    match rng.below(3) {
        0 => {}
        1 => {
            out.extend_from_slice(middle);
            out.extend_from_slice(middle);
        }
        _ => out.push(char::from(b"<>\"'&=/ ;#"[rng.below(10)])),
    }
    out.extend_from_slice(tail);
    out.into_iter().collect()
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn rewrite_keeps_its_invariants_on_random_html() {
    let secs: u64 = option_env_or("SHELF_RANDOMIZED_SECS", 2);
    let seed: u64 = option_env_or("SHELF_RANDOMIZED_SEED", 0x5EED_5E1F);
    let mut rng = Rng(seed);
    let sets = invariants::option_sets();
    let budget = Budget::new(secs);
    let mut cases = 0u64;
    let mut changed = 0;
    while budget.more(cases) {
        let mut html = random_html(&mut rng);
        for _ in 0..rng.below(3) {
            html = mutate(&mut rng, &html);
        }
        for options in &sets {
            match invariants::check_rewrite(&html, options) {
                Ok(n) => changed += n,
                Err(e) => panic!("seed {seed:#x}, case {cases}: {e}\ninput: {html:?}"),
            }
        }
        let url = rng.pick(URLS);
        let href = mutate(&mut rng, url);
        let href = shelf_core::decode_attribute(&href).into_owned();
        for options in &sets {
            if let Err(e) = invariants::check_href(&href, options) {
                panic!("seed {seed:#x}, case {cases}: {e}");
            }
        }
        cases += 1;
    }
    println!("{cases} random cases ({changed} links changed) from seed {seed:#x}");
    assert!(
        changed > 0,
        "the generator never produced a link that changes"
    );
}

/// A number from the environment (unset or unreadable → the default; wasm has no env).
fn option_env_or(name: &str, default: u64) -> u64 {
    if cfg!(target_arch = "wasm32") {
        return default;
    }
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
