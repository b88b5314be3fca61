//! Prints data the PHP shell needs from the core, as JSON, so PHP never keeps a second copy:
//! `shell_data marketplaces` (the marketplace table) and `shell_data disclosures` (the default
//! disclosure statement per language of the marketplaces). `build.sh` ships both under `data/`.

use std::collections::BTreeMap;

fn main() {
    let what = std::env::args().nth(1).unwrap_or_default();
    let json = match what.as_str() {
        "marketplaces" => serde_json::to_string_pretty(&shelf_core::MARKETPLACES),
        "disclosures" => {
            let by_language: BTreeMap<&str, &str> = shelf_core::MARKETPLACES
                .iter()
                .map(|m| m.locale.split('_').next().unwrap_or("en"))
                .chain(["en"])
                .map(|lang| (lang, shelf_core::default_disclosure(lang)))
                .collect();
            serde_json::to_string_pretty(&by_language)
        }
        _ => {
            eprintln!("usage: shell_data marketplaces|disclosures");
            std::process::exit(2);
        }
    };
    match json {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("shell_data: {e}");
            std::process::exit(1);
        }
    }
}
