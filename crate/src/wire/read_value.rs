//! Reading the shell's JSON field by field, by hand.
//!
//! Derived `Deserialize` monomorphises serde_json's `&Value` deserialiser once per type, which
//! cost about 100 KB of wasm; these few readers of a [`Json`] value are shared by every type
//! instead. The rules are the same everywhere: a missing or `null` field takes its default,
//! unknown fields are ignored, and a field holding the wrong kind of value is a [`ShapeError`]
//! that names it.
//!
//! A reader builds its whole value without early returns: each accessor of [`Fields`] returns
//! a plain value (the default, or `None`, when the field is of the wrong kind) and records the
//! error in the sink all fields of one top-level read share, where the first error recorded
//! stays. [`read_object`] then turns the sink into the `Result`, so the error reported is the
//! first in reading order, as if every read had returned early. Early returns would make every
//! read drop all the fields read before it, code that grows with the square of the field count.

use crate::support::prelude::*;

use core::cell::Cell;

use crate::support::message::{display_via_message, push_all, Message};

use crate::wire::json_text::{member, Json};

/// The kind of value a field should hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Expected {
    /// A JSON object.
    Object,
    /// A JSON array.
    List,
    /// A string.
    Text,
    /// `true` or `false`.
    Boolean,
    /// A whole number in the field's range.
    WholeNumber,
    /// A number.
    Number,
    /// One of the listed words.
    OneOf(&'static str),
}

/// A field of the input JSON that does not have the expected shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShapeError {
    /// A required field is missing or `null`.
    Missing(&'static str),
    /// The field (or an entry of it, for lists and maps) holds another kind of value.
    Wrong {
        /// The field's JSON name.
        field: &'static str,
        /// What it should hold.
        expected: Expected,
    },
}

impl Message for ShapeError {
    fn write_message(&self, out: &mut String) {
        let (field, expected) = match *self {
            ShapeError::Missing(field) => return push_all(out, &[field, " is missing"]),
            ShapeError::Wrong { field, expected } => (field, expected),
        };
        out.push_str(field);
        out.push_str(match expected {
            Expected::Object => " must be an object",
            Expected::List => " must be a list",
            Expected::Text => " must be text",
            Expected::Boolean => " must be true or false",
            Expected::WholeNumber => " must be a whole number in range",
            Expected::Number => " must be a number",
            Expected::OneOf(_) => " must be one of: ",
        });
        if let Expected::OneOf(words) = expected {
            out.push_str(words);
        }
    }
}

display_via_message!(ShapeError);

impl core::error::Error for ShapeError {}

fn wrong(field: &'static str, expected: Expected) -> ShapeError {
    ShapeError::Wrong { field, expected }
}

/// The first error of one top-level read (see the module documentation).
type Sink = Cell<Option<ShapeError>>;

/// Reads `value`, an object named `name` in errors, with `read`; `Err` with the first error
/// any field read recorded.
pub(crate) fn read_object<T>(
    value: &Json,
    name: &'static str,
    read: impl FnOnce(Fields<'_>) -> T,
) -> Result<T, ShapeError> {
    let sink = Sink::new(None);
    let none = Fields {
        members: &[],
        sink: &sink,
    };
    let out = read(none.nested(Some(value), name));
    match sink.into_inner() {
        None => Ok(out),
        Some(e) => Err(e),
    }
}

/// What `read` makes of an empty object: its defaults.
pub(crate) fn read_empty<T>(read: impl FnOnce(Fields<'_>) -> T) -> T {
    read(Fields {
        members: &[],
        sink: &Sink::new(None),
    })
}

/// The fields of one JSON object (none for a missing or `null` object), with the error sink
/// of the read they belong to.
#[derive(Clone, Copy)]
pub(crate) struct Fields<'a> {
    members: &'a [(String, Json)],
    sink: &'a Sink,
}

impl<'a> Fields<'a> {
    /// Records `error` unless an earlier one was recorded.
    #[inline(never)]
    pub(crate) fn fail(&self, error: ShapeError) {
        if self.sink.get().is_none() {
            self.sink.set(Some(error));
        }
    }

    fn wrong(&self, field: &'static str, expected: Expected) {
        self.fail(wrong(field, expected));
    }

    /// `value` as an object of the same read; `None` when it is neither an object nor
    /// missing or `null`.
    pub(crate) fn within(&self, value: Option<&'a Json>) -> Option<Fields<'a>> {
        let members = match value {
            None | Some(Json::Null) => &[][..],
            Some(Json::Object(members)) => members,
            Some(_) => return None,
        };
        Some(Fields {
            members,
            sink: self.sink,
        })
    }

    /// `value` as an object named `field` in errors (none when of another kind).
    #[inline(never)]
    pub(crate) fn nested(&self, value: Option<&'a Json>, field: &'static str) -> Fields<'a> {
        self.within(value).unwrap_or_else(|| {
            self.wrong(field, Expected::Object);
            Fields {
                members: &[],
                sink: self.sink,
            }
        })
    }

    /// A field's value (the last of a repeated key); `null` counts as missing.
    #[inline(never)]
    pub(crate) fn get(&self, key: &str) -> Option<&'a Json> {
        member(self.members, key).filter(|v| !v.is_null())
    }

    /// A nested object (none when missing).
    pub(crate) fn object(&self, key: &'static str) -> Fields<'a> {
        self.nested(self.get(key), key)
    }

    /// A nested object, `None` when missing (one without fields when of another kind).
    #[inline(never)]
    pub(crate) fn opt_object(&self, key: &'static str) -> Option<Fields<'a>> {
        self.get(key).map(|v| self.nested(Some(v), key))
    }

    /// A nested object read by `read`, `None` when missing.
    pub(crate) fn read<T>(&self, key: &'static str, read: fn(Fields<'a>) -> T) -> Option<T> {
        self.opt_object(key).map(read)
    }

    /// The objects of an array field read by `read`, skipping `null` entries.
    pub(crate) fn objects<T>(&self, key: &'static str, read: fn(Fields<'a>) -> T) -> Vec<T> {
        let mut out = Vec::new();
        for v in self.list(key).iter().filter(|v| !v.is_null()) {
            out.push(read(self.nested(Some(v), key)));
        }
        out
    }

    /// `value` as a string, named `field` in errors.
    #[inline(never)]
    fn text_of(&self, value: &Json, field: &'static str) -> Option<String> {
        let text = value.as_str().map(str::to_owned);
        if text.is_none() {
            self.wrong(field, Expected::Text);
        }
        text
    }

    /// A string field.
    #[inline(never)]
    pub(crate) fn text(&self, key: &'static str) -> Option<String> {
        self.text_of(self.get(key)?, key)
    }

    /// A string field, or `default` when missing.
    #[inline(never)]
    pub(crate) fn text_or(&self, key: &'static str, default: &str) -> String {
        self.text(key).unwrap_or_else(|| default.to_owned())
    }

    /// A string field that must be given. (Of another kind, its error comes first and the
    /// `Missing` is not kept.)
    pub(crate) fn required_text(&self, key: &'static str) -> String {
        self.text(key).unwrap_or_else(|| {
            self.fail(ShapeError::Missing(key));
            String::new()
        })
    }

    /// A boolean field, `false` when missing.
    pub(crate) fn boolean(&self, key: &'static str) -> bool {
        let Some(value) = self.get(key) else {
            return false;
        };
        value.as_bool().unwrap_or_else(|| {
            self.wrong(key, Expected::Boolean);
            false
        })
    }

    /// A whole-number field that must fit `T`.
    pub(crate) fn integer<T: TryFrom<i64>>(&self, key: &'static str) -> Option<T> {
        let n = self.get(key)?.as_i64().and_then(|n| T::try_from(n).ok());
        if n.is_none() {
            self.wrong(key, Expected::WholeNumber);
        }
        n
    }

    /// A number field.
    pub(crate) fn number(&self, key: &'static str) -> Option<f64> {
        let n = self.get(key)?.as_f64();
        if n.is_none() {
            self.wrong(key, Expected::Number);
        }
        n
    }

    /// An array field (empty when missing or of another kind).
    #[inline(never)]
    pub(crate) fn list(&self, key: &'static str) -> &'a [Json] {
        match self.get(key) {
            None => &[],
            Some(Json::Array(items)) => items,
            Some(_) => {
                self.wrong(key, Expected::List);
                &[]
            }
        }
    }

    /// An array of strings (empty when missing).
    #[inline(never)]
    pub(crate) fn texts(&self, key: &'static str) -> Vec<String> {
        let mut out = Vec::new();
        for v in self.list(key) {
            out.extend(self.text_of(v, key));
        }
        out
    }

    /// The members of an object field in document order, repeated keys included (none when
    /// missing).
    pub(crate) fn entries(&self, key: &'static str) -> &'a [(String, Json)] {
        self.object(key).members
    }

    /// An object of strings (empty when missing).
    #[inline(never)]
    pub(crate) fn text_map(&self, key: &'static str) -> KeyMap<String> {
        let mut map = KeyMap::new();
        for (k, v) in self.entries(key) {
            if let Some(text) = self.text_of(v, key) {
                map.insert(k.clone(), text);
            }
        }
        map
    }

    /// The index in `words` of a field that must be one of them (`all` in errors), `None` when
    /// missing.
    #[inline(never)]
    pub(crate) fn choice(
        &self,
        key: &'static str,
        words: &[&str],
        all: &'static str,
    ) -> Option<usize> {
        let value = self.get(key)?;
        let at = value
            .as_str()
            .and_then(|s| words.iter().position(|word| *word == s));
        if at.is_none() {
            self.wrong(key, Expected::OneOf(all));
        }
        at
    }
}

/// Values by text key: what the options' JSON objects (per-product values and overrides,
/// tags by marketplace) become.
///
/// A `Vec` of pairs in the order the keys first appear, searched from the start: the maps hold
/// a few entries each, and neither a `BTreeMap` (about 11 KB of wasm) nor a sorted `Vec` (its
/// binary searches and `Vec::insert`, about 0.3 KB brotli) pays for itself. A repeated JSON key
/// replaces the value of the first, so the last one wins, as in serde_json's maps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyMap<T>(Vec<(String, T)>);

impl<T> Default for KeyMap<T> {
    fn default() -> Self {
        KeyMap(Vec::new())
    }
}

impl<T> KeyMap<T> {
    /// An empty map.
    pub fn new() -> Self {
        KeyMap::default()
    }

    /// The value for `key`.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets the value for `key`, replacing an earlier one.
    pub fn insert(&mut self, key: String, value: T) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries in the order their keys first appeared (for the link options' reader).
    #[cfg(any(
        test,
        all(
            target_arch = "wasm32",
            any(feature = "links", feature = "rewrite", feature = "admin")
        )
    ))]
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// The entries in the order their keys first appeared.
impl<T> IntoIterator for KeyMap<T> {
    type Item = (String, T);
    type IntoIter = alloc::vec::IntoIter<(String, T)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// One accessor's result, as a read of `v` with only that accessor would give it.
    fn read<T>(v: &Json, read: impl FnOnce(Fields<'_>) -> T) -> Result<T, ShapeError> {
        read_object(v, "x", read)
    }

    fn message<T>(v: &Json, r: impl FnOnce(Fields<'_>) -> T) -> String {
        read(v, r).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn missing_and_null_fields_read_as_absent() {
        let v = json!({"a": null});
        assert_eq!(read(&v, |f| f.text("a")), Ok(None));
        assert_eq!(read(&v, |f| f.integer::<u8>("b")), Ok(None));
        assert_eq!(read(&v, |f| f.list("a").is_empty()), Ok(true));
        assert_eq!(read(&v, |f| f.object("a").get("z").is_none()), Ok(true));
        assert_eq!(read(&Json::Null, |f| f.get("a").is_none()), Ok(true));
    }

    #[test]
    fn wrong_kinds_name_the_field() {
        let v = json!({"a": 3, "b": "x", "c": [1], "d": 300, "e": 1.5, "f": "maybe"});
        assert_eq!(message(&v, |f| f.text("a")), "a must be text");
        assert_eq!(
            message(&v, |f| f.object("b").get("z").is_none()),
            "b must be an object"
        );
        assert_eq!(message(&v, |f| f.texts("c")), "c must be text");
        assert_eq!(
            message(&v, |f| f.integer::<u8>("d")),
            "d must be a whole number in range"
        );
        assert!(read(&v, |f| f.integer::<u32>("e")).is_err());
        assert_eq!(
            read(&v, |f| f.choice("f", &["yes"], "yes")).unwrap_err(),
            ShapeError::Wrong {
                field: "f",
                expected: Expected::OneOf("yes")
            }
        );
        assert_eq!(message(&json!([]), |_| ()), "x must be an object");
    }

    #[test]
    fn the_first_error_in_reading_order_is_kept() {
        let v = json!({"a": 3, "b": "x"});
        let e = read(&v, |f| {
            (
                f.object("b").get("z").is_none(),
                f.required_text("z"),
                f.text("a"),
            )
        });
        assert_eq!(
            e.err().map(|e| e.to_string()).as_deref(),
            Some("b must be an object")
        );
        let e = read(&v, |f| {
            (f.required_text("a"), f.object("b").get("z").is_none())
        });
        assert_eq!(
            e.err().map(|e| e.to_string()).as_deref(),
            Some("a must be text")
        );
        assert_eq!(
            read(&v, |f| f.required_text("z")),
            Err(ShapeError::Missing("z"))
        );
    }

    #[test]
    fn reads_maps_lists_and_choices() {
        let v = json!({"m": {"k": "v"}, "l": ["a", "b"], "c": "no", "n": -2});
        assert_eq!(
            read(&v, |f| f.text_map("m").get("k").cloned()),
            Ok(Some("v".to_string()))
        );
        assert_eq!(
            read(&v, |f| f.texts("l")),
            Ok(vec!["a".to_string(), "b".into()])
        );
        assert_eq!(
            read(&v, |f| f.choice("c", &["yes", "no"], "yes, no")),
            Ok(Some(1))
        );
        assert_eq!(read(&v, |f| f.choice("z", &["yes"], "yes")), Ok(None));
        assert_eq!(read(&v, |f| f.integer::<i32>("n")), Ok(Some(-2)));
        assert_eq!(read(&v, |f| f.number("n")), Ok(Some(-2.0)));
    }

    #[test]
    fn key_maps_keep_keys_in_first_seen_order_and_the_last_value() {
        let v = crate::wire::json_text::parse(r#"{"m": {"b": "1", "a": "2", "B": "3", "b": "4"}}"#)
            .unwrap();
        let map = read(&v, |f| f.text_map("m")).unwrap();
        assert_eq!(map.get("b").map(String::as_str), Some("4"));
        assert_eq!(map.get("c"), None);
        assert!(KeyMap::<u8>::new().is_empty() && !map.is_empty());
        let entries: Vec<(String, String)> = map.into_iter().collect();
        let entries: Vec<(&str, &str)> = entries.iter().map(|(k, v)| (&**k, &**v)).collect();
        assert_eq!(entries, [("b", "4"), ("a", "2"), ("B", "3")]);
    }
}
