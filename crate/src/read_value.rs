//! Reading the shell's JSON field by field, by hand.
//!
//! Derived `Deserialize` monomorphises serde_json's `&Value` deserialiser once per type, which
//! cost about 100 KB of wasm; these few readers of a [`Json`] value are shared by every type
//! instead. The rules are
//! the same everywhere: a missing or `null` field takes its default, unknown fields are ignored,
//! and a field holding the wrong kind of value is a [`ShapeError`] that names it.

use crate::prelude::*;

use crate::message::{display_via_message, push_all, Message};

use crate::json_text::{member, Json};

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

/// The fields of one JSON object; a missing or `null` object reads as one without fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields<'a>(Option<&'a [(String, Json)]>);

impl<'a> Fields<'a> {
    /// `value` as an object named `field` in errors.
    pub(crate) fn of(value: Option<&'a Json>, field: &'static str) -> Result<Self, ShapeError> {
        match value {
            None | Some(Json::Null) => Ok(Fields(None)),
            Some(Json::Object(members)) => Ok(Fields(Some(members))),
            Some(_) => Err(wrong(field, Expected::Object)),
        }
    }

    /// A field's value (the last of a repeated key); `null` counts as missing.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Json> {
        member(self.0?, key).filter(|v| !v.is_null())
    }

    /// A nested object (empty when missing).
    pub(crate) fn object(&self, key: &'static str) -> Result<Fields<'a>, ShapeError> {
        Fields::of(self.get(key), key)
    }

    /// A nested object, `None` when missing.
    pub(crate) fn opt_object(&self, key: &'static str) -> Result<Option<Fields<'a>>, ShapeError> {
        self.get(key).map(|v| Fields::of(Some(v), key)).transpose()
    }

    /// A nested object read by `read`, `None` when missing.
    pub(crate) fn read<T>(
        &self,
        key: &'static str,
        read: fn(Fields<'a>) -> Result<T, ShapeError>,
    ) -> Result<Option<T>, ShapeError> {
        self.opt_object(key)?.map(read).transpose()
    }

    /// The objects of an array field read by `read`, skipping `null` entries.
    pub(crate) fn objects<T>(
        &self,
        key: &'static str,
        read: fn(Fields<'a>) -> Result<T, ShapeError>,
    ) -> Result<Vec<T>, ShapeError> {
        // Loops, not `collect::<Result<…>>`: each of those is its own adapter in the wasm.
        let mut out = Vec::new();
        for v in self.list(key)?.iter().filter(|v| !v.is_null()) {
            out.push(read(Fields::of(Some(v), key)?)?);
        }
        Ok(out)
    }

    /// A string field.
    pub(crate) fn text(&self, key: &'static str) -> Result<Option<String>, ShapeError> {
        self.get(key).map(|v| text(v, key)).transpose()
    }

    /// A string field, or `default` when missing.
    pub(crate) fn text_or(&self, key: &'static str, default: &str) -> Result<String, ShapeError> {
        Ok(self.text(key)?.unwrap_or_else(|| default.to_owned()))
    }

    /// A boolean field.
    pub(crate) fn boolean(&self, key: &'static str) -> Result<Option<bool>, ShapeError> {
        self.get(key)
            .map(|v| v.as_bool().ok_or(wrong(key, Expected::Boolean)))
            .transpose()
    }

    /// A whole-number field that must fit `T`.
    pub(crate) fn integer<T: TryFrom<i64>>(
        &self,
        key: &'static str,
    ) -> Result<Option<T>, ShapeError> {
        self.get(key)
            .map(|v| {
                v.as_i64()
                    .and_then(|n| T::try_from(n).ok())
                    .ok_or(wrong(key, Expected::WholeNumber))
            })
            .transpose()
    }

    /// A number field.
    pub(crate) fn number(&self, key: &'static str) -> Result<Option<f64>, ShapeError> {
        self.get(key)
            .map(|v| v.as_f64().ok_or(wrong(key, Expected::Number)))
            .transpose()
    }

    /// An array field (empty when missing).
    pub(crate) fn list(&self, key: &'static str) -> Result<&'a [Json], ShapeError> {
        match self.get(key) {
            None => Ok(&[]),
            Some(Json::Array(items)) => Ok(items),
            Some(_) => Err(wrong(key, Expected::List)),
        }
    }

    /// An array of strings (empty when missing).
    pub(crate) fn texts(&self, key: &'static str) -> Result<Vec<String>, ShapeError> {
        let mut out = Vec::new();
        for v in self.list(key)? {
            out.push(text(v, key)?);
        }
        Ok(out)
    }

    /// The members of an object field in document order, repeated keys included (none when
    /// missing).
    pub(crate) fn entries(&self, key: &'static str) -> Result<&'a [(String, Json)], ShapeError> {
        Ok(self.object(key)?.0.unwrap_or_default())
    }

    /// An object of strings (empty when missing).
    pub(crate) fn text_map(&self, key: &'static str) -> Result<KeyMap<String>, ShapeError> {
        let mut map = KeyMap::new();
        for (k, v) in self.entries(key)? {
            map.insert(k.clone(), text(v, key)?);
        }
        Ok(map)
    }

    /// A field that must be one of `choices` (its JSON word and value), `default` when missing.
    pub(crate) fn choice<T: Copy>(
        &self,
        key: &'static str,
        choices: &[(&str, T)],
        default: T,
        words: &'static str,
    ) -> Result<T, ShapeError> {
        let Some(value) = self.get(key) else {
            return Ok(default);
        };
        value
            .as_str()
            .and_then(|s| choices.iter().find(|(word, _)| *word == s))
            .map(|(_, choice)| *choice)
            .ok_or(wrong(key, Expected::OneOf(words)))
    }
}

/// Values by text key: what the options' JSON objects (per-product values and overrides,
/// tags by marketplace) become.
///
/// A `Vec` kept sorted by key, so lookups, replacement of an earlier value (the last of a
/// repeated JSON key wins) and the order of iteration are those of a `BTreeMap`, without the
/// tree code (about 11 KB of wasm). The maps hold a few entries each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap<T>(Vec<(String, T)>);

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

    /// Where `key` is, or where it would go.
    fn position(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value for `key`.
    pub fn get(&self, key: &str) -> Option<&T> {
        let at = self.position(key).ok()?;
        self.0.get(at).map(|(_, v)| v)
    }

    /// Sets the value for `key`, replacing an earlier one.
    pub fn insert(&mut self, key: String, value: T) {
        match self.position(&key) {
            Ok(at) => self.0[at].1 = value,
            Err(at) => self.0.insert(at, (key, value)),
        }
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// The entries in key order.
impl<T> IntoIterator for KeyMap<T> {
    type Item = (String, T);
    type IntoIter = alloc::vec::IntoIter<(String, T)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// `value` as a string, named `field` in errors.
pub(crate) fn text(value: &Json, field: &'static str) -> Result<String, ShapeError> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or(wrong(field, Expected::Text))
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn missing_and_null_fields_read_as_absent() {
        let v = json!({"a": null});
        let f = Fields::of(Some(&v), "x").unwrap();
        assert_eq!(f.text("a"), Ok(None));
        assert_eq!(f.integer::<u8>("b"), Ok(None));
        assert!(f.list("a").unwrap().is_empty());
        assert!(f.object("a").unwrap().get("z").is_none());
        assert!(Fields::of(None, "x").unwrap().get("a").is_none());
    }

    #[test]
    fn wrong_kinds_name_the_field() {
        let v = json!({"a": 3, "b": "x", "c": [1], "d": 300, "e": 1.5, "f": "maybe"});
        let f = Fields::of(Some(&v), "x").unwrap();
        assert_eq!(f.text("a").unwrap_err().to_string(), "a must be text");
        assert_eq!(
            f.object("b").unwrap_err().to_string(),
            "b must be an object"
        );
        assert_eq!(f.texts("c").unwrap_err().to_string(), "c must be text");
        assert_eq!(
            f.integer::<u8>("d").unwrap_err().to_string(),
            "d must be a whole number in range"
        );
        assert!(f.integer::<u32>("e").is_err());
        assert_eq!(
            f.choice("f", &[("yes", true)], false, "yes").unwrap_err(),
            ShapeError::Wrong {
                field: "f",
                expected: Expected::OneOf("yes")
            }
        );
        assert_eq!(
            Fields::of(Some(&json!([])), "x")
                .err()
                .map(|e| e.to_string()),
            Some("x must be an object".into())
        );
    }

    #[test]
    fn reads_maps_lists_and_choices() {
        let v = json!({"m": {"k": "v"}, "l": ["a", "b"], "c": "no", "n": -2});
        let f = Fields::of(Some(&v), "x").unwrap();
        assert_eq!(
            f.text_map("m").unwrap().get("k").map(String::as_str),
            Some("v")
        );
        assert_eq!(f.texts("l").unwrap(), vec!["a".to_string(), "b".into()]);
        assert_eq!(f.choice("c", &[("yes", 1), ("no", 2)], 0, "yes, no"), Ok(2));
        assert_eq!(f.choice("z", &[("yes", 1)], 0, "yes"), Ok(0));
        assert_eq!(f.integer::<i32>("n"), Ok(Some(-2)));
        assert_eq!(f.number("n"), Ok(Some(-2.0)));
    }

    #[test]
    fn key_maps_keep_keys_sorted_and_the_last_value() {
        let v =
            crate::json_text::parse(r#"{"m": {"b": "1", "a": "2", "B": "3", "b": "4"}}"#).unwrap();
        let map = Fields::of(Some(&v), "x").unwrap().text_map("m").unwrap();
        let entries: Vec<(&str, &str)> = map.iter().map(|(k, v)| (k, v.as_str())).collect();
        assert_eq!(entries, [("B", "3"), ("a", "2"), ("b", "4")]);
        assert_eq!(map.get("b").map(String::as_str), Some("4"));
        assert_eq!(map.get("c"), None);
        assert!(KeyMap::<u8>::new().is_empty() && !map.is_empty());
    }
}
