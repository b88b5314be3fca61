//! Countries without an Amazon store, and the visitor signals that name a country.
//!
//! Both tables are reviewed data: change a row, not code. The choices follow where Amazon
//! ships from and which store visitors of that country use in practice; none of them is
//! documented by Amazon.

use crate::prelude::*;

use crate::Marketplace;

/// Country → store for countries without their own marketplace, grouped by the reason.
const NEAREST: &[(&str, &str)] = &[
    // German-speaking neighbours and Benelux without a store: amazon.de serves them in their
    // language and ships there without customs.
    ("AT", "DE"),
    ("CH", "DE"),
    ("LI", "DE"),
    ("LU", "DE"),
    // Central and Eastern EU members and Nordic countries without a store: amazon.de has the
    // widest EU delivery coverage and is the usual choice there.
    ("CZ", "DE"),
    ("SK", "DE"),
    ("HU", "DE"),
    ("SI", "DE"),
    ("HR", "DE"),
    ("RO", "DE"),
    ("BG", "DE"),
    ("GR", "DE"),
    ("CY", "DE"),
    ("EE", "DE"),
    ("LV", "DE"),
    ("LT", "DE"),
    ("DK", "DE"),
    ("FI", "DE"),
    ("NO", "DE"),
    ("IS", "DE"),
    // Small states and territories inside a store's delivery area and language.
    ("MC", "FR"),
    ("AD", "ES"),
    ("PT", "ES"),
    ("SM", "IT"),
    ("VA", "IT"),
    ("MT", "GB"),
    ("GI", "GB"),
    ("IM", "GB"),
    ("JE", "GB"),
    ("GG", "GB"),
    // French-speaking North Africa: amazon.fr ships there.
    ("MA", "FR"),
    ("TN", "FR"),
    ("DZ", "FR"),
    // Gulf states next to the AE/SA stores.
    ("QA", "AE"),
    ("KW", "AE"),
    ("BH", "AE"),
    ("OM", "AE"),
    ("JO", "AE"),
    // South Asia: amazon.in is the nearest store.
    ("NP", "IN"),
    ("BD", "IN"),
    ("LK", "IN"),
    ("BT", "IN"),
    ("MV", "IN"),
    // Oceania: amazon.com.au.
    ("NZ", "AU"),
    ("FJ", "AU"),
    ("PG", "AU"),
    // South-East Asia: amazon.sg.
    ("MY", "SG"),
    ("ID", "SG"),
    ("TH", "SG"),
    ("PH", "SG"),
    ("VN", "SG"),
    ("BN", "SG"),
    // East Asia without a supported store: amazon.co.jp ships there.
    ("KR", "JP"),
    ("TW", "JP"),
    ("HK", "JP"),
    ("MO", "JP"),
    // Latin America and the Caribbean (except MX and BR, which have stores) and US territories:
    // amazon.com ships there and is the store visitors know.
    ("AR", "US"),
    ("CL", "US"),
    ("CO", "US"),
    ("PE", "US"),
    ("VE", "US"),
    ("EC", "US"),
    ("UY", "US"),
    ("PY", "US"),
    ("BO", "US"),
    ("CR", "US"),
    ("PA", "US"),
    ("GT", "US"),
    ("HN", "US"),
    ("SV", "US"),
    ("NI", "US"),
    ("DO", "US"),
    ("JM", "US"),
    ("TT", "US"),
    ("BS", "US"),
    ("BB", "US"),
    ("PR", "US"),
    ("VI", "US"),
    ("GU", "US"),
    ("AS", "US"),
    ("MP", "US"),
];

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
    let code = country.trim().to_ascii_uppercase();
    Marketplace::by_country(&code).or_else(|| {
        NEAREST
            .iter()
            .find(|(c, _)| *c == code)
            .and_then(|(_, store)| Marketplace::by_country(store))
    })
}

/// IANA time zone → country, for zones a visitor of a store country (or a table country above)
/// reports. Links (`Asia/Calcutta`) kept by browsers are listed too. Zones shared by several
/// countries (`UTC`, `Etc/*`) are absent on purpose.
const TIMEZONES: &[(&str, &str)] = &[
    ("America/New_York", "US"),
    ("America/Chicago", "US"),
    ("America/Denver", "US"),
    ("America/Phoenix", "US"),
    ("America/Los_Angeles", "US"),
    ("America/Anchorage", "US"),
    ("America/Detroit", "US"),
    ("America/Boise", "US"),
    ("America/Indiana/Indianapolis", "US"),
    ("America/Kentucky/Louisville", "US"),
    ("Pacific/Honolulu", "US"),
    ("US/Eastern", "US"),
    ("US/Central", "US"),
    ("US/Mountain", "US"),
    ("US/Pacific", "US"),
    ("America/Toronto", "CA"),
    ("America/Vancouver", "CA"),
    ("America/Edmonton", "CA"),
    ("America/Winnipeg", "CA"),
    ("America/Halifax", "CA"),
    ("America/St_Johns", "CA"),
    ("America/Regina", "CA"),
    ("America/Montreal", "CA"),
    ("America/Mexico_City", "MX"),
    ("America/Monterrey", "MX"),
    ("America/Tijuana", "MX"),
    ("America/Cancun", "MX"),
    ("America/Merida", "MX"),
    ("America/Chihuahua", "MX"),
    ("America/Hermosillo", "MX"),
    ("America/Sao_Paulo", "BR"),
    ("America/Bahia", "BR"),
    ("America/Fortaleza", "BR"),
    ("America/Recife", "BR"),
    ("America/Manaus", "BR"),
    ("America/Belem", "BR"),
    ("America/Buenos_Aires", "AR"),
    ("America/Argentina/Buenos_Aires", "AR"),
    ("America/Santiago", "CL"),
    ("America/Bogota", "CO"),
    ("America/Lima", "PE"),
    ("America/Caracas", "VE"),
    ("America/Guayaquil", "EC"),
    ("America/Montevideo", "UY"),
    ("America/Asuncion", "PY"),
    ("America/La_Paz", "BO"),
    ("America/Costa_Rica", "CR"),
    ("America/Panama", "PA"),
    ("America/Guatemala", "GT"),
    ("America/Tegucigalpa", "HN"),
    ("America/El_Salvador", "SV"),
    ("America/Managua", "NI"),
    ("America/Santo_Domingo", "DO"),
    ("America/Jamaica", "JM"),
    ("America/Puerto_Rico", "PR"),
    ("Europe/London", "GB"),
    ("Europe/Belfast", "GB"),
    ("Europe/Dublin", "IE"),
    ("Europe/Berlin", "DE"),
    ("Europe/Busingen", "DE"),
    ("Europe/Vienna", "AT"),
    ("Europe/Zurich", "CH"),
    ("Europe/Vaduz", "LI"),
    ("Europe/Luxembourg", "LU"),
    ("Europe/Paris", "FR"),
    ("Europe/Monaco", "MC"),
    ("Europe/Brussels", "BE"),
    ("Europe/Amsterdam", "NL"),
    ("Europe/Rome", "IT"),
    ("Europe/San_Marino", "SM"),
    ("Europe/Vatican", "VA"),
    ("Europe/Malta", "MT"),
    ("Europe/Madrid", "ES"),
    ("Atlantic/Canary", "ES"),
    ("Africa/Ceuta", "ES"),
    ("Europe/Andorra", "AD"),
    ("Europe/Lisbon", "PT"),
    ("Atlantic/Madeira", "PT"),
    ("Atlantic/Azores", "PT"),
    ("Europe/Warsaw", "PL"),
    ("Europe/Stockholm", "SE"),
    ("Europe/Istanbul", "TR"),
    ("Asia/Istanbul", "TR"),
    ("Europe/Prague", "CZ"),
    ("Europe/Bratislava", "SK"),
    ("Europe/Budapest", "HU"),
    ("Europe/Ljubljana", "SI"),
    ("Europe/Zagreb", "HR"),
    ("Europe/Bucharest", "RO"),
    ("Europe/Sofia", "BG"),
    ("Europe/Athens", "GR"),
    ("Asia/Nicosia", "CY"),
    ("Europe/Tallinn", "EE"),
    ("Europe/Riga", "LV"),
    ("Europe/Vilnius", "LT"),
    ("Europe/Copenhagen", "DK"),
    ("Europe/Helsinki", "FI"),
    ("Europe/Oslo", "NO"),
    ("Atlantic/Reykjavik", "IS"),
    ("Europe/Gibraltar", "GI"),
    ("Europe/Isle_of_Man", "IM"),
    ("Europe/Jersey", "JE"),
    ("Europe/Guernsey", "GG"),
    ("Africa/Casablanca", "MA"),
    ("Africa/Tunis", "TN"),
    ("Africa/Algiers", "DZ"),
    ("Africa/Cairo", "EG"),
    ("Asia/Dubai", "AE"),
    ("Asia/Riyadh", "SA"),
    ("Asia/Qatar", "QA"),
    ("Asia/Kuwait", "KW"),
    ("Asia/Bahrain", "BH"),
    ("Asia/Muscat", "OM"),
    ("Asia/Amman", "JO"),
    ("Asia/Kolkata", "IN"),
    ("Asia/Calcutta", "IN"),
    ("Asia/Kathmandu", "NP"),
    ("Asia/Katmandu", "NP"),
    ("Asia/Dhaka", "BD"),
    ("Asia/Colombo", "LK"),
    ("Asia/Thimphu", "BT"),
    ("Indian/Maldives", "MV"),
    ("Asia/Tokyo", "JP"),
    ("Asia/Seoul", "KR"),
    ("Asia/Taipei", "TW"),
    ("Asia/Hong_Kong", "HK"),
    ("Asia/Macau", "MO"),
    ("Asia/Singapore", "SG"),
    ("Asia/Kuala_Lumpur", "MY"),
    ("Asia/Jakarta", "ID"),
    ("Asia/Bangkok", "TH"),
    ("Asia/Manila", "PH"),
    ("Asia/Ho_Chi_Minh", "VN"),
    ("Asia/Saigon", "VN"),
    ("Asia/Brunei", "BN"),
    ("Australia/Sydney", "AU"),
    ("Australia/Melbourne", "AU"),
    ("Australia/Brisbane", "AU"),
    ("Australia/Perth", "AU"),
    ("Australia/Adelaide", "AU"),
    ("Australia/Hobart", "AU"),
    ("Australia/Darwin", "AU"),
    ("Australia/Canberra", "AU"),
    ("Pacific/Auckland", "NZ"),
    ("Pacific/Fiji", "FJ"),
    ("Pacific/Port_Moresby", "PG"),
];

/// The country an IANA time zone name belongs to, when it names exactly one.
pub(crate) fn timezone_country(zone: &str) -> Option<&'static str> {
    let zone = zone.trim();
    TIMEZONES
        .iter()
        .find(|(z, _)| z.eq_ignore_ascii_case(zone))
        .map(|(_, c)| *c)
}

/// Languages whose bare tag (`ja`, without a region) points to one store country. `en`, `es`,
/// `pt`, `ar` and `fr` are spoken in several store countries and are absent on purpose.
const LANGUAGES: &[(&str, &str)] = &[
    ("ja", "JP"),
    ("de", "DE"),
    ("it", "IT"),
    ("nl", "NL"),
    ("pl", "PL"),
    ("sv", "SE"),
    ("tr", "TR"),
];

/// The country a BCP 47 language tag names: its region subtag (`de-AT` → `AT`), else the table
/// of single-country languages.
pub(crate) fn language_country(tag: &str) -> Option<String> {
    let mut parts = tag.trim().split(['-', '_']);
    let language = parts.next()?.to_ascii_lowercase();
    // The region is the first two-letter subtag after the language (a script such as `Hant`
    // has four letters).
    let region = parts.find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()));
    match region {
        Some(r) => Some(r.to_ascii_uppercase()),
        None => LANGUAGES
            .iter()
            .find(|(l, _)| *l == language)
            .map(|(_, c)| (*c).to_owned()),
    }
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

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
        for (i, (country, store)) in NEAREST.iter().enumerate() {
            assert!(
                Marketplace::by_country(country).is_none(),
                "{country} has a store"
            );
            assert!(Marketplace::by_country(store).is_some(), "{store}");
            assert!(NEAREST.iter().skip(i + 1).all(|(c, _)| c != country));
        }
    }

    #[test]
    fn every_timezone_country_has_a_store_or_fallback() {
        for (zone, country) in TIMEZONES {
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
        assert_eq!(language_country("de-AT").as_deref(), Some("AT"));
        assert_eq!(language_country("zh-Hant-TW").as_deref(), Some("TW"));
        assert_eq!(language_country("ja").as_deref(), Some("JP"));
        assert_eq!(language_country("en"), None);
        assert_eq!(language_country(""), None);
    }
}
