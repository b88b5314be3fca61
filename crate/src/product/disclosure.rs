//! The Associates disclosure statement: the default wordings (build.sh writes them into the
//! plugin's `data/disclosures.php`, from which PHP resolves and prints the statement) and its
//! HTML for the loader, which inserts it only where the server printed none (a page whose
//! Amazon links the core found without a placement). PHP prints the same HTML (the shared
//! vectors in `tests/data/disclosures.json` hold both to it).

use crate::support::prelude::*;

use crate::html::escape::push_text;

/// The English statement: the default for languages without a verified wording, and what
/// [`disclosure_html`] falls back to.
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

/// `<p class="shelf shelf-disclosure">…</p>` for a statement the shell already resolved (the
/// owner's wording or the locale's default: PHP sends the same text it prints); English when it
/// is empty, since the statement cannot be switched off.
pub fn disclosure_html(statement: &str) -> String {
    let statement = match statement.trim_ascii() {
        "" => ENGLISH,
        s => s,
    };
    let mut out = String::from("<p class=\"shelf shelf-disclosure\">");
    push_text(&mut out, statement);
    out.push_str("</p>");
    out
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

    #[test]
    fn escapes_the_statement_and_never_renders_empty() {
        assert_eq!(
            disclosure_html("<b>Ads</b>"),
            "<p class=\"shelf shelf-disclosure\">&lt;b&gt;Ads&lt;/b&gt;</p>"
        );
        assert!(disclosure_html("  ").contains("Amazon Associate"));
    }
}
