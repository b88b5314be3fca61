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

/// Amazon store domains the Creators API does not serve: links to them are recognised as Amazon
/// links but never tagged or localised.
pub static UNSUPPORTED_STORE_DOMAINS: [&str; 2] = ["amazon.cn", "amazon.co.za"];

/// Sub-domains that are the same store as the bare domain: `smile.` ended in 2023 and `m.` is
/// the old mobile site; both are normalised to `www.`.
const STORE_PREFIXES: [&str; 3] = ["www.", "m.", "smile."];

impl Marketplace {
    /// The store domain without `www.` (`"amazon.de"`).
    pub fn domain(&self) -> &'static str {
        self.host.strip_prefix("www.").unwrap_or(self.host)
    }

    /// Looks a marketplace up by its store host; `www.`, `m.` and `smile.` variants, case and a
    /// trailing dot are accepted. Any other sub-domain (`aws.amazon.com`) is not a store.
    pub fn by_host(host: &str) -> Option<&'static Marketplace> {
        let bare = strip_store_prefix(host);
        MARKETPLACES
            .iter()
            .find(|m| m.domain().eq_ignore_ascii_case(bare))
    }

    /// Looks a marketplace up by its Creators API marketplace id, which is its exact host
    /// (`"www.amazon.de"`, case-insensitive).
    pub fn by_id(id: &str) -> Option<&'static Marketplace> {
        MARKETPLACES
            .iter()
            .find(|m| m.host.eq_ignore_ascii_case(id.trim_ascii()))
    }

    /// Looks a marketplace up by its country code (case-insensitive; `UK` means `GB`).
    pub fn by_country(code: &str) -> Option<&'static Marketplace> {
        let c = code.trim_ascii();
        let c = if c.eq_ignore_ascii_case("UK") {
            "GB"
        } else {
            c
        };
        MARKETPLACES
            .iter()
            .find(|m| m.country.eq_ignore_ascii_case(c))
    }
}

/// The unsupported store domain (`amazon.cn`, `amazon.co.za`) a host belongs to, with the same
/// prefix rules as [`Marketplace::by_host`].
pub fn unsupported_store_domain(host: &str) -> Option<&'static str> {
    let bare = strip_store_prefix(host);
    UNSUPPORTED_STORE_DOMAINS
        .iter()
        .copied()
        .find(|d| d.eq_ignore_ascii_case(bare))
}

/// Whether a host is a sub-domain of an Amazon store domain (`aws.amazon.com`,
/// `affiliate-program.amazon.de`). Store prefixes (`www.` …) match too, so ask
/// [`Marketplace::by_host`] first: what remains is Amazon's, but not a store.
pub fn is_other_amazon_host(host: &str) -> bool {
    let h = host.strip_suffix('.').unwrap_or(host).as_bytes();
    // `<sub>.<domain>` with a non-empty `<sub>`, compared without a lower-case copy.
    let under = |d: &str| {
        h.len() > d.len() + 1
            && h.get(h.len() - d.len()..)
                .is_some_and(|end| end.eq_ignore_ascii_case(d.as_bytes()))
            && h.get(h.len() - d.len() - 1) == Some(&b'.')
    };
    MARKETPLACES.iter().any(|m| under(m.domain()))
        || UNSUPPORTED_STORE_DOMAINS.iter().any(|d| under(d))
}

/// `host` without a trailing dot and a store prefix (any ASCII case).
fn strip_store_prefix(host: &str) -> &str {
    let host = host.strip_suffix('.').unwrap_or(host);
    for p in STORE_PREFIXES {
        if host
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
        {
            return host.get(p.len()..).unwrap_or_default();
        }
    }
    host
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

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
        assert!(Marketplace::by_host("aws.amazon.de").is_none());
        assert!(Marketplace::by_host("www.amazon.de.evil.com").is_none());
    }

    #[test]
    fn finds_by_marketplace_id() {
        assert_eq!(
            Marketplace::by_id("www.amazon.co.jp").unwrap().country,
            "JP"
        );
        assert_eq!(Marketplace::by_id("WWW.AMAZON.COM").unwrap().country, "US");
        assert!(Marketplace::by_id("amazon.com").is_none());
    }

    #[test]
    fn flags_unsupported_stores() {
        assert_eq!(
            unsupported_store_domain("www.amazon.cn."),
            Some("amazon.cn")
        );
        assert_eq!(
            unsupported_store_domain("m.amazon.co.za"),
            Some("amazon.co.za")
        );
        assert_eq!(unsupported_store_domain("www.amazon.com"), None);
    }

    #[test]
    fn tells_other_amazon_hosts() {
        assert!(is_other_amazon_host("aws.amazon.com"));
        assert!(is_other_amazon_host("affiliate-program.amazon.co.uk"));
        assert!(!is_other_amazon_host("evilamazon.com"));
        assert!(!is_other_amazon_host("amazon.com"));
        assert!(!is_other_amazon_host(".amazon.com"));
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
            assert!(!m.domain().starts_with("www."));
            assert!(MARKETPLACES[i + 1..].iter().all(|o| o.host != m.host));
        }
    }
}
