//! JSON across the wasm boundary: Shelf's own reader (`json_text`, no serde in the shipped
//! module), typed reads with first-error reporting (`read_value`) and the writers of the
//! exports' results (`json_out`).

pub(crate) mod json_out;
pub(crate) mod json_text;
pub(crate) mod read_value;
