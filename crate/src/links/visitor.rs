//! Choosing the visitor's store for view-time localisation, from signals the browser or the
//! CDN already has. No geo-IP lookup, nothing stored.

use crate::support::prelude::*;

use crate::links::country::{known_nearest, language_country, timezone_country};
use crate::Marketplace;

/// The store to localise links to for this visitor, among the marketplaces the site has a tag
/// for (`available`).
///
/// Signals, strongest first; the first that names an available store wins:
/// 1. `country_header`: a CDN country header (`CF-IPCountry` and the like) passed through by an
///    uncached endpoint. `XX` (unknown) and `T1` (Tor) are ignored.
/// 2. `timezone`: the browser's IANA zone (`Europe/Vienna` → AT → amazon.de).
/// 3. `languages`: the browser's preferred languages in order (`de-CH` → CH → amazon.de).
///
/// Countries without a store go through [`nearest_marketplace`](crate::nearest_marketplace)'s
/// table; a country neither has nor lists gives no answer (no silent `.com` default here).
///
/// # Examples
/// ```
/// use shelf_core::{visitor_marketplace, Marketplace};
/// let de = Marketplace::by_country("DE").unwrap();
/// let us = Marketplace::by_country("US").unwrap();
/// let langs = vec!["de-CH".to_owned(), "en".to_owned()];
/// let chosen = visitor_marketplace(&langs, "UTC", None, &[us, de]);
/// assert_eq!(chosen.map(|m| m.country), Some("DE"));
/// ```
pub fn visitor_marketplace(
    languages: &[String],
    timezone: &str,
    country_header: Option<&str>,
    available: &[&'static Marketplace],
) -> Option<&'static Marketplace> {
    let eligible = |country: &str| -> Option<&'static Marketplace> {
        let market = known_nearest(country)?;
        available.iter().copied().find(|m| m.host == market.host)
    };
    let header = country_header
        .map(str::trim_ascii)
        .filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()))
        .filter(|c| !c.eq_ignore_ascii_case("XX") && !c.eq_ignore_ascii_case("T1"));
    header
        .and_then(eligible)
        .or_else(|| timezone_country(timezone).and_then(eligible))
        .or_else(|| {
            languages
                .iter()
                .find_map(|l| language_country(l).and_then(eligible))
        })
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn m(c: &str) -> &'static Marketplace {
        Marketplace::by_country(c).unwrap()
    }

    fn langs(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| (*s).to_owned()).collect()
    }

    fn pick(l: &[&str], tz: &str, header: Option<&str>, avail: &[&str]) -> Option<&'static str> {
        let avail: Vec<_> = avail.iter().map(|c| m(c)).collect();
        visitor_marketplace(&langs(l), tz, header, &avail).map(|m| m.country)
    }

    #[test]
    fn country_header_wins() {
        assert_eq!(
            pick(&["en-US"], "America/New_York", Some("at"), &["US", "DE"]),
            Some("DE")
        );
    }

    #[test]
    fn ignores_unknown_and_tor_headers() {
        assert_eq!(
            pick(&[], "Europe/Paris", Some("XX"), &["FR", "US"]),
            Some("FR")
        );
        assert_eq!(
            pick(&[], "Europe/Paris", Some("T1"), &["FR", "US"]),
            Some("FR")
        );
        assert_eq!(
            pick(&[], "Europe/Paris", Some("<b>"), &["FR", "US"]),
            Some("FR")
        );
    }

    #[test]
    fn timezone_beats_languages() {
        assert_eq!(
            pick(&["en-US"], "Europe/Berlin", None, &["US", "DE"]),
            Some("DE")
        );
    }

    #[test]
    fn languages_in_order_when_timezone_is_unknown() {
        assert_eq!(
            pick(&["fr-CH", "en-GB"], "UTC", None, &["GB", "DE"]),
            Some("DE")
        );
        assert_eq!(pick(&["ja", "en-US"], "", None, &["US", "JP"]), Some("JP"));
    }

    #[test]
    fn only_available_marketplaces_are_chosen() {
        assert_eq!(pick(&["en-GB"], "Europe/London", Some("GB"), &["US"]), None);
        assert_eq!(
            pick(&["en-GB", "en-US"], "Europe/London", None, &["US"]),
            Some("US")
        );
    }

    #[test]
    fn no_signal_gives_none() {
        assert_eq!(pick(&[], "", None, &["US"]), None);
        assert_eq!(pick(&["en"], "UTC", Some("ZZ"), &["US"]), None);
    }
}
