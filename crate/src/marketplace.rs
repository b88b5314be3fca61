//! The 22 Creators API marketplaces, as data.

/// A credential region: it decides the token endpoint and the credential version family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub enum Region {
    /// North America (versions 2.1 / 3.1).
    #[serde(rename = "NA")]
    NorthAmerica,
    /// Europe, Middle East and India (versions 2.2 / 3.2).
    #[serde(rename = "EU")]
    Europe,
    /// Far East and Australia (versions 2.3 / 3.3).
    #[serde(rename = "FE")]
    FarEast,
}

/// One Amazon store the Creators API serves.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Marketplace {
    /// ISO 3166-1 alpha-2 country code, upper-case (`"DE"`).
    pub country: &'static str,
    /// The store host, which is also the `x-marketplace` header value (`"www.amazon.de"`).
    pub host: &'static str,
    /// ISO 4217 currency code.
    pub currency: &'static str,
    /// Default locale for `languagesOfPreference`.
    pub locale: &'static str,
    /// Credential region.
    pub region: Region,
    /// The suffix store IDs of this marketplace carry (`"-21"`).
    pub tag_suffix: &'static str,
    /// Whether Amazon documents that suffix (false: extrapolated from the region rule).
    pub suffix_documented: bool,
}

macro_rules! market {
    ($c:literal, $h:literal, $cur:literal, $loc:literal, $r:ident, $suf:literal, $doc:literal) => {
        Marketplace {
            country: $c,
            host: $h,
            currency: $cur,
            locale: $loc,
            region: Region::$r,
            tag_suffix: $suf,
            suffix_documented: $doc,
        }
    };
}

/// Every marketplace, in the order of Amazon's documentation.
pub static MARKETPLACES: [Marketplace; 22] = [
    market!(
        "US",
        "www.amazon.com",
        "USD",
        "en_US",
        NorthAmerica,
        "-20",
        true
    ),
    market!(
        "CA",
        "www.amazon.ca",
        "CAD",
        "en_CA",
        NorthAmerica,
        "-20",
        true
    ),
    market!(
        "MX",
        "www.amazon.com.mx",
        "MXN",
        "es_MX",
        NorthAmerica,
        "-20",
        false
    ),
    market!(
        "BR",
        "www.amazon.com.br",
        "BRL",
        "pt_BR",
        NorthAmerica,
        "-20",
        false
    ),
    market!(
        "GB",
        "www.amazon.co.uk",
        "GBP",
        "en_GB",
        Europe,
        "-21",
        true
    ),
    market!("DE", "www.amazon.de", "EUR", "de_DE", Europe, "-21", true),
    market!("FR", "www.amazon.fr", "EUR", "fr_FR", Europe, "-21", true),
    market!("IT", "www.amazon.it", "EUR", "it_IT", Europe, "-21", true),
    market!("ES", "www.amazon.es", "EUR", "es_ES", Europe, "-21", true),
    market!("NL", "www.amazon.nl", "EUR", "nl_NL", Europe, "-21", false),
    market!(
        "BE",
        "www.amazon.com.be",
        "EUR",
        "fr_BE",
        Europe,
        "-21",
        false
    ),
    market!("IE", "www.amazon.ie", "EUR", "en_IE", Europe, "-21", false),
    market!("PL", "www.amazon.pl", "PLN", "pl_PL", Europe, "-21", false),
    market!("SE", "www.amazon.se", "SEK", "sv_SE", Europe, "-21", false),
    market!(
        "TR",
        "www.amazon.com.tr",
        "TRY",
        "tr_TR",
        Europe,
        "-21",
        false
    ),
    market!("AE", "www.amazon.ae", "AED", "en_AE", Europe, "-21", false),
    market!("SA", "www.amazon.sa", "SAR", "en_AE", Europe, "-21", false),
    market!("EG", "www.amazon.eg", "EGP", "en_AE", Europe, "-21", false),
    market!("IN", "www.amazon.in", "INR", "en_IN", Europe, "-21", false),
    market!(
        "JP",
        "www.amazon.co.jp",
        "JPY",
        "ja_JP",
        FarEast,
        "-22",
        true
    ),
    market!("SG", "www.amazon.sg", "SGD", "en_SG", FarEast, "-22", false),
    market!(
        "AU",
        "www.amazon.com.au",
        "AUD",
        "en_AU",
        FarEast,
        "-22",
        false
    ),
];

impl Marketplace {
    /// Looks a marketplace up by its store host; `www.`, `m.` and `smile.` variants, case and a
    /// trailing dot are accepted.
    pub fn by_host(host: &str) -> Option<&'static Marketplace> {
        let h = host.trim_end_matches('.').to_ascii_lowercase();
        let bare = ["www.", "m.", "smile."]
            .iter()
            .find_map(|p| h.strip_prefix(p))
            .unwrap_or(&h);
        MARKETPLACES.iter().find(|m| &m.host[4..] == bare)
    }

    /// Looks a marketplace up by its country code (case-insensitive; `UK` means `GB`).
    pub fn by_country(code: &str) -> Option<&'static Marketplace> {
        let c = code.trim().to_ascii_uppercase();
        let c = if c == "UK" { "GB".to_owned() } else { c };
        MARKETPLACES.iter().find(|m| m.country == c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_host_variants() {
        for h in [
            "www.amazon.de",
            "amazon.de",
            "smile.amazon.de",
            "M.AMAZON.DE.",
            "amazon.de.",
        ] {
            assert_eq!(
                Marketplace::by_host(h).map(|m| m.country),
                Some("DE"),
                "{h}"
            );
        }
        assert!(Marketplace::by_host("amazon.cn").is_none());
        assert!(Marketplace::by_host("evilamazon.de").is_none());
    }

    #[test]
    fn finds_by_country() {
        assert_eq!(
            Marketplace::by_country("uk").unwrap().host,
            "www.amazon.co.uk"
        );
        assert_eq!(
            Marketplace::by_country("jp").unwrap().region,
            Region::FarEast
        );
        assert!(Marketplace::by_country("AT").is_none());
    }

    #[test]
    fn hosts_are_unique_and_www() {
        for (i, m) in MARKETPLACES.iter().enumerate() {
            assert!(m.host.starts_with("www.amazon."));
            assert!(MARKETPLACES[i + 1..].iter().all(|o| o.host != m.host));
        }
    }
}
