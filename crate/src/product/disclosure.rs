//! The Associates disclosure statement's default wordings. build.sh writes them into the
//! plugin's `data/disclosures.php`, from which PHP resolves the statement and prints its markup
//! (`tests/data/disclosures.json` holds that markup to the defaults): above the content, and
//! for the loader, which inserts it where the core finds Amazon links on a page the server
//! printed none on. Whether a page needs it is the core's call (`Rendered::amazon_links`,
//! `processLinks`).

/// The English statement: the default for languages without a verified wording.
const ENGLISH: &str = "As an Amazon Associate I earn from qualifying purchases.";

/// Default statements by language (amazon.md: EN and DE from Amazon's help pages, the others
/// in wide use; the owner may replace any of them in the settings).
const DEFAULTS: &[(&str, &str)] = &[
    ("en", ENGLISH),
    ("de", "Als Amazon-Partner verdiene ich an qualifizierten Verk\u{e4}ufen."),
    ("fr", "En tant que Partenaire Amazon, je r\u{e9}alise un b\u{e9}n\u{e9}fice sur les achats remplissant les conditions requises."),
    ("it", "In qualit\u{e0} di Affiliato Amazon io ricevo un guadagno dagli acquisti idonei."),
    ("es", "En calidad de Afiliado de Amazon, obtengo ingresos por las compras adscritas que cumplen los requisitos aplicables."),
    ("nl", "Als Amazon Associate verdien ik aan in aanmerking komende aankopen."),
    ("pt", "Como Associado da Amazon, ganho com compras qualificadas."),
];

/// The default statement for a WordPress locale such as `de_DE` or `pt-BR`; English when no
/// verified wording exists.
pub fn default_disclosure(locale: &str) -> &'static str {
    let lang = locale
        .split(['_', '-'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    DEFAULTS
        .iter()
        .find(|(l, _)| *l == lang)
        .or(DEFAULTS.first())
        .map_or("", |(_, s)| s)
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn picks_locale_default_and_falls_back_to_english() {
        assert!(default_disclosure("de_DE").starts_with("Als Amazon-Partner"));
        assert!(default_disclosure("pt-BR").starts_with("Como Associado"));
        assert!(default_disclosure("sv_SE").starts_with("As an Amazon Associate"));
        assert!(default_disclosure("").starts_with("As an Amazon Associate"));
    }
}
