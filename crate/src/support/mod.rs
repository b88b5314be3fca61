//! Small helpers written for size or speed (byte searches, digits, float rounding, substring search, messages without
//! `core::fmt`, lossy UTF-8), the crate's prelude, and the lean runtime of the shipped module.

pub(crate) mod bytes;
pub(crate) mod digits;
#[cfg(all(feature = "fault", target_arch = "wasm32"))]
pub(crate) mod fault;
pub(crate) mod float;
#[cfg(all(feature = "lean", target_arch = "wasm32"))]
mod lean_runtime;
pub(crate) mod message;
pub(crate) mod prelude;
#[cfg(any(test, all(feature = "lean", target_arch = "wasm32")))]
mod size_class;
pub(crate) mod substring;
pub(crate) mod utf8;
