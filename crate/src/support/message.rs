//! Error messages and other text built with `push_str` (the lean build may not format:
//! clippy.toml). Each error type writes its message once here; its `Display` (for Rust callers)
//! prints the same text.

use crate::support::prelude::*;

/// An error that can describe itself for the site owner.
pub(crate) trait Message {
    /// Appends the message to `out`.
    fn write_message(&self, out: &mut String);

    /// The message as a new string.
    fn message(&self) -> String {
        let mut out = String::new();
        self.write_message(&mut out);
        out
    }
}

/// `Display` for types that implement [`Message`]: the same text.
macro_rules! display_via_message {
    ($($t:ty),+ $(,)?) => {$(
        impl core::fmt::Display for $t {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(&crate::support::message::Message::message(self))
            }
        }
    )+};
}
pub(crate) use display_via_message;

/// Appends each piece in turn.
pub(crate) fn push_all(out: &mut String, pieces: &[&str]) {
    for piece in pieces {
        out.push_str(piece);
    }
}

/// `a` followed by `b`, as a new string.
pub(crate) fn concat(a: &str, b: &str) -> String {
    let mut out = String::with_capacity(a.len() + b.len());
    push_all(&mut out, &[a, b]);
    out
}
