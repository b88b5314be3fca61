//! Reads one JSON string per line on stdin and prints, per line, what `WebUrl::parse` sees:
//! `{"ok":true,"scheme":"https","host":"www.amazon.com"}` or `{"ok":false,"error":"userInfo"}`.
//! Used by the differential test in `tests/tools/url-diff/`.

use shelf_core::WebUrl;
use std::io::{self, BufRead, BufWriter, Write};

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let answer = match serde_json::from_str::<String>(&line) {
            Err(e) => {
                serde_json::json!({ "ok": false, "error": "badInputLine", "detail": e.to_string() })
            }
            Ok(input) => match WebUrl::parse(&input) {
                Ok(url) => {
                    serde_json::json!({ "ok": true, "scheme": url.scheme(), "host": url.host() })
                }
                Err(e) => serde_json::json!({ "ok": false, "error": e.code() }),
            },
        };
        writeln!(out, "{answer}")?;
    }
    out.flush()
}
