//! Substring search without core's Two-Way searcher (`str::find(&str)`), which is about 2.5 KB
//! of wasm; the core only ever looks for short needles in short texts.

/// The byte offset of the first `needle` in `haystack`.
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::find;

    #[test]
    fn agrees_with_str_find() {
        let texts = [
            "",
            "a",
            "--",
            "a--b--",
            "<!-- x -->",
            "amzn.to",
            "ä-->ö",
            "shelf",
        ];
        for haystack in texts {
            for needle in texts {
                assert_eq!(
                    find(haystack, needle),
                    haystack.find(needle),
                    "{haystack:?} {needle:?}"
                );
            }
        }
    }
}
