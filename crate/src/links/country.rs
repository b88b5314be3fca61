//! Countries without an Amazon store, and the visitor signals that name a country.
//!
//! Both tables are reviewed data: change a row, not code. The choices follow where Amazon
//! ships from and which store visitors of that country use in practice; none of them is
//! documented by Amazon.

use crate::support::bytes::{split_byte, split_once_byte};
use crate::Marketplace;

// The tables are text, one `key value` row per line: a slice of string pairs would add 16 bytes
// of pointers per row to the shipped wasm.

/// The value of the first row of `table` whose key is `key` in any ASCII case.
fn lookup(table: &'static str, key: &str) -> Option<&'static str> {
    split_byte(Some(table), b'\n')
        .filter_map(|row| split_once_byte(row, b' '))
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, value)| value)
}

/// Country → store for countries without their own marketplace, grouped by the reason.
const NEAREST: &str = concat!(
    // German-speaking neighbours and Benelux without a store: amazon.de serves them in their
    // language and ships there without customs.
    "AT DE\n", "CH DE\n", "LI DE\n", "LU DE\n",
    // Central and Eastern EU members and Nordic countries without a store: amazon.de has the
    // widest EU delivery coverage and is the usual choice there.
    "CZ DE\n", "SK DE\n", "HU DE\n", "SI DE\n", "HR DE\n", "RO DE\n", "BG DE\n", "GR DE\n",
    "CY DE\n", "EE DE\n", "LV DE\n", "LT DE\n", "DK DE\n", "FI DE\n", "NO DE\n", "IS DE\n",
    // Small states and territories inside a store's delivery area and language.
    "MC FR\n", "AD ES\n", "PT ES\n", "SM IT\n", "VA IT\n", "MT GB\n", "GI GB\n", "IM GB\n",
    "JE GB\n", "GG GB\n", // French-speaking North Africa: amazon.fr ships there.
    "MA FR\n", "TN FR\n", "DZ FR\n", // Gulf states next to the AE/SA stores.
    "QA AE\n", "KW AE\n", "BH AE\n", "OM AE\n", "JO AE\n",
    // South Asia: amazon.in is the nearest store.
    "NP IN\n", "BD IN\n", "LK IN\n", "BT IN\n", "MV IN\n",
    // Oceania: amazon.com.au.
    "NZ AU\n", "FJ AU\n", "PG AU\n", // South-East Asia: amazon.sg.
    "MY SG\n", "ID SG\n", "TH SG\n", "PH SG\n", "VN SG\n", "BN SG\n",
    // East Asia without a supported store: amazon.co.jp ships there.
    "KR JP\n", "TW JP\n", "HK JP\n", "MO JP\n",
    // Latin America and the Caribbean (except MX and BR, which have stores) and US territories:
    // amazon.com ships there and is the store visitors know.
    "AR US\n", "CL US\n", "CO US\n", "PE US\n", "VE US\n", "EC US\n", "UY US\n", "PY US\n",
    "BO US\n", "CR US\n", "PA US\n", "GT US\n", "HN US\n", "SV US\n", "NI US\n", "DO US\n",
    "JM US\n", "TT US\n", "BS US\n", "BB US\n", "PR US\n", "VI US\n", "GU US\n", "AS US\n",
    "MP US\n",
);

/// The store for a country: its own marketplace, else the reviewed fallback, else
/// `www.amazon.com` (it ships world-wide).
///
/// # Examples
/// ```
/// use shelf_core::nearest_marketplace;
/// assert_eq!(nearest_marketplace("at").host, "www.amazon.de");
/// assert_eq!(nearest_marketplace("NZ").host, "www.amazon.com.au");
/// ```
pub fn nearest_marketplace(country: &str) -> &'static Marketplace {
    known_nearest(country).unwrap_or(&crate::MARKETPLACES[0])
}

/// Like [`nearest_marketplace`] but `None` for a country without a store or table row.
pub(crate) fn known_nearest(country: &str) -> Option<&'static Marketplace> {
    let code = country.trim_ascii();
    Marketplace::by_country(code)
        .or_else(|| lookup(NEAREST, code).and_then(Marketplace::by_country))
}

/// IANA time zone → country, for zones a visitor of a store country (or a table country above)
/// reports. Links (`Asia/Calcutta`) kept by browsers are listed too. Zones shared by several
/// countries (`UTC`, `Etc/*`) are absent on purpose.
const TIMEZONES: &str = concat!(
    "America/New_York US\n",
    "America/Chicago US\n",
    "America/Denver US\n",
    "America/Phoenix US\n",
    "America/Los_Angeles US\n",
    "America/Anchorage US\n",
    "America/Detroit US\n",
    "America/Boise US\n",
    "America/Indiana/Indianapolis US\n",
    "America/Kentucky/Louisville US\n",
    "Pacific/Honolulu US\n",
    "US/Eastern US\n",
    "US/Central US\n",
    "US/Mountain US\n",
    "US/Pacific US\n",
    "America/Toronto CA\n",
    "America/Vancouver CA\n",
    "America/Edmonton CA\n",
    "America/Winnipeg CA\n",
    "America/Halifax CA\n",
    "America/St_Johns CA\n",
    "America/Regina CA\n",
    "America/Montreal CA\n",
    "America/Mexico_City MX\n",
    "America/Monterrey MX\n",
    "America/Tijuana MX\n",
    "America/Cancun MX\n",
    "America/Merida MX\n",
    "America/Chihuahua MX\n",
    "America/Hermosillo MX\n",
    "America/Sao_Paulo BR\n",
    "America/Bahia BR\n",
    "America/Fortaleza BR\n",
    "America/Recife BR\n",
    "America/Manaus BR\n",
    "America/Belem BR\n",
    "America/Buenos_Aires AR\n",
    "America/Argentina/Buenos_Aires AR\n",
    "America/Santiago CL\n",
    "America/Bogota CO\n",
    "America/Lima PE\n",
    "America/Caracas VE\n",
    "America/Guayaquil EC\n",
    "America/Montevideo UY\n",
    "America/Asuncion PY\n",
    "America/La_Paz BO\n",
    "America/Costa_Rica CR\n",
    "America/Panama PA\n",
    "America/Guatemala GT\n",
    "America/Tegucigalpa HN\n",
    "America/El_Salvador SV\n",
    "America/Managua NI\n",
    "America/Santo_Domingo DO\n",
    "America/Jamaica JM\n",
    "America/Puerto_Rico PR\n",
    "Europe/London GB\n",
    "Europe/Belfast GB\n",
    "Europe/Dublin IE\n",
    "Europe/Berlin DE\n",
    "Europe/Busingen DE\n",
    "Europe/Vienna AT\n",
    "Europe/Zurich CH\n",
    "Europe/Vaduz LI\n",
    "Europe/Luxembourg LU\n",
    "Europe/Paris FR\n",
    "Europe/Monaco MC\n",
    "Europe/Brussels BE\n",
    "Europe/Amsterdam NL\n",
    "Europe/Rome IT\n",
    "Europe/San_Marino SM\n",
    "Europe/Vatican VA\n",
    "Europe/Malta MT\n",
    "Europe/Madrid ES\n",
    "Atlantic/Canary ES\n",
    "Africa/Ceuta ES\n",
    "Europe/Andorra AD\n",
    "Europe/Lisbon PT\n",
    "Atlantic/Madeira PT\n",
    "Atlantic/Azores PT\n",
    "Europe/Warsaw PL\n",
    "Europe/Stockholm SE\n",
    "Europe/Istanbul TR\n",
    "Asia/Istanbul TR\n",
    "Europe/Prague CZ\n",
    "Europe/Bratislava SK\n",
    "Europe/Budapest HU\n",
    "Europe/Ljubljana SI\n",
    "Europe/Zagreb HR\n",
    "Europe/Bucharest RO\n",
    "Europe/Sofia BG\n",
    "Europe/Athens GR\n",
    "Asia/Nicosia CY\n",
    "Europe/Tallinn EE\n",
    "Europe/Riga LV\n",
    "Europe/Vilnius LT\n",
    "Europe/Copenhagen DK\n",
    "Europe/Helsinki FI\n",
    "Europe/Oslo NO\n",
    "Atlantic/Reykjavik IS\n",
    "Europe/Gibraltar GI\n",
    "Europe/Isle_of_Man IM\n",
    "Europe/Jersey JE\n",
    "Europe/Guernsey GG\n",
    "Africa/Casablanca MA\n",
    "Africa/Tunis TN\n",
    "Africa/Algiers DZ\n",
    "Africa/Cairo EG\n",
    "Asia/Dubai AE\n",
    "Asia/Riyadh SA\n",
    "Asia/Qatar QA\n",
    "Asia/Kuwait KW\n",
    "Asia/Bahrain BH\n",
    "Asia/Muscat OM\n",
    "Asia/Amman JO\n",
    "Asia/Kolkata IN\n",
    "Asia/Calcutta IN\n",
    "Asia/Kathmandu NP\n",
    "Asia/Katmandu NP\n",
    "Asia/Dhaka BD\n",
    "Asia/Colombo LK\n",
    "Asia/Thimphu BT\n",
    "Indian/Maldives MV\n",
    "Asia/Tokyo JP\n",
    "Asia/Seoul KR\n",
    "Asia/Taipei TW\n",
    "Asia/Hong_Kong HK\n",
    "Asia/Macau MO\n",
    "Asia/Singapore SG\n",
    "Asia/Kuala_Lumpur MY\n",
    "Asia/Jakarta ID\n",
    "Asia/Bangkok TH\n",
    "Asia/Manila PH\n",
    "Asia/Ho_Chi_Minh VN\n",
    "Asia/Saigon VN\n",
    "Asia/Brunei BN\n",
    "Australia/Sydney AU\n",
    "Australia/Melbourne AU\n",
    "Australia/Brisbane AU\n",
    "Australia/Perth AU\n",
    "Australia/Adelaide AU\n",
    "Australia/Hobart AU\n",
    "Australia/Darwin AU\n",
    "Australia/Canberra AU\n",
    "Pacific/Auckland NZ\n",
    "Pacific/Fiji FJ\n",
    "Pacific/Port_Moresby PG\n",
);

/// The country an IANA time zone name belongs to, when it names exactly one.
pub(crate) fn timezone_country(zone: &str) -> Option<&'static str> {
    lookup(TIMEZONES, zone.trim_ascii())
}

/// Languages whose bare tag (`ja`, without a region) points to one store country. `en`, `es`,
/// `pt`, `ar` and `fr` are spoken in several store countries and are absent on purpose.
const LANGUAGES: &str =
    concat!("ja JP\n", "de DE\n", "it IT\n", "nl NL\n", "pl PL\n", "sv SE\n", "tr TR\n",);

/// The country a BCP 47 language tag names: its region subtag (`de-AT` → `AT`, in the tag's
/// case), else the table of single-country languages.
pub(crate) fn language_country(tag: &str) -> Option<&str> {
    let tag = tag.trim_ascii();
    // Subtags cut by bytes, not `split(['-', '_'])`: its searcher would be linked for this alone.
    let mut language = None;
    let mut start = 0;
    for end in 0..=tag.len() {
        if !matches!(tag.as_bytes().get(end), Some(b'-' | b'_') | None) {
            continue;
        }
        // The cuts sit at ASCII separators, so `get` always succeeds.
        let part = tag.get(start..end).unwrap_or_default();
        start = end + 1;
        if language.is_none() {
            language = Some(part);
        } else if part.len() == 2 && part.bytes().all(|b| b.is_ascii_alphabetic()) {
            // The region is the first two-letter subtag after the language (a script such as
            // `Hant` has four letters).
            return Some(part);
        }
    }
    lookup(LANGUAGES, language.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// The `(key, value)` rows of a table.
    fn rows(table: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
        table.lines().filter_map(|row| row.split_once(' '))
    }

    fn host(country: &str) -> &'static str {
        nearest_marketplace(country).host
    }

    #[test]
    fn store_countries_map_to_themselves() {
        for m in crate::MARKETPLACES.iter() {
            assert_eq!(nearest_marketplace(m.country).host, m.host);
        }
        assert_eq!(host("uk"), "www.amazon.co.uk");
    }

    #[test]
    fn german_speaking_neighbours_use_de() {
        for c in ["AT", "CH", "LI", "LU"] {
            assert_eq!(host(c), "www.amazon.de", "{c}");
        }
    }

    #[test]
    fn oceania_uses_australia() {
        assert_eq!(host("NZ"), "www.amazon.com.au");
    }

    #[test]
    fn latin_america_uses_com_except_stores() {
        for c in ["AR", "CL", "CO", "PE", "UY", "CR"] {
            assert_eq!(host(c), "www.amazon.com", "{c}");
        }
        assert_eq!(host("MX"), "www.amazon.com.mx");
        assert_eq!(host("BR"), "www.amazon.com.br");
    }

    #[test]
    fn unknown_country_falls_back_to_com() {
        assert_eq!(host("ZZ"), "www.amazon.com");
        assert_eq!(host(""), "www.amazon.com");
        assert!(known_nearest("ZZ").is_none());
    }

    #[test]
    fn fallback_rows_are_unique_and_point_to_stores() {
        for (i, (country, store)) in rows(NEAREST).enumerate() {
            assert!(
                Marketplace::by_country(country).is_none(),
                "{country} has a store"
            );
            assert!(Marketplace::by_country(store).is_some(), "{store}");
            assert!(rows(NEAREST).skip(i + 1).all(|(c, _)| c != country));
        }
    }

    #[test]
    fn every_timezone_country_has_a_store_or_fallback() {
        for (zone, country) in rows(TIMEZONES) {
            assert!(known_nearest(country).is_some(), "{zone} → {country}");
        }
    }

    #[test]
    fn reads_timezones() {
        assert_eq!(timezone_country("Europe/Vienna"), Some("AT"));
        assert_eq!(timezone_country("asia/calcutta"), Some("IN"));
        assert_eq!(timezone_country("UTC"), None);
    }

    #[test]
    fn reads_language_regions() {
        assert_eq!(language_country("de-AT"), Some("AT"));
        assert_eq!(language_country("zh-Hant-TW"), Some("TW"));
        assert_eq!(language_country("ja"), Some("JP"));
        assert_eq!(language_country("en"), None);
        assert_eq!(language_country(""), None);
    }
}
