//! The random HTML of the rewrite tests: tricky pieces and Amazon URL forms, assembled and
//! mutated from a seed. Shared by the randomized invariant test (`tests/rewrite_random.rs`)
//! and the corpus of the Chromium differential test (`examples/html_corpus.rs`).

/// SplitMix64: tiny, seedable, good enough to pick pieces.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items
            .get(self.below(items.len()))
            .copied()
            .unwrap_or_default()
    }
}

pub const URLS: &[&str] = &[
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

pub const PIECES: &[&str] = &[
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
    "</b>",
    "<i>",
    "<div>",
    "</div>",
    "<li>",
    "<h1>",
    "</h2>",
    "<table>",
    "<button>",
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

/// A random document: pieces, then up to two mutations.
pub fn random_document(rng: &mut Rng) -> String {
    let mut html = random_html(rng);
    for _ in 0..rng.below(3) {
        html = mutate(rng, &html);
    }
    html
}

/// Deletes, duplicates or swaps a random stretch of characters.
pub fn mutate(rng: &mut Rng, s: &str) -> String {
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
