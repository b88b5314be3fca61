//! Prints the marketplace table as JSON. `build.sh` ships the output as `data/marketplaces.json`
//! so the PHP shell lists the same stores as the core without a second copy of the data.

fn main() {
    match serde_json::to_string_pretty(&shelf_core::MARKETPLACES) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("marketplaces_json: {e}");
            std::process::exit(1);
        }
    }
}
