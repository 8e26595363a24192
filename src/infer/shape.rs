//! Merging JSON samples into one JSON Schema: the types seen at each position (with
//! `null` unions and integer only when every number is integral), nested objects whose
//! `required` keys are those present in every sample, arrays by one item schema for all
//! their items, string formats every sample has, and (on request) `enum` for small closed
//! sets of strings. A masked value (`***`, what redaction leaves of a secret-bearing
//! field's string or number) may be a string or a number.

use std::collections::BTreeMap;

use serde_json::Value;

use super::format::Format;
use crate::redact::{MASK, is_sensitive_name};

/// The most distinct strings an `enum` lists.
const ENUM_MAX: usize = 5;
/// How often each value of an `enum` must have been seen.
const ENUM_MIN_SEEN: usize = 2;

/// What the samples at one position of a body looked like.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shape {
    /// Values seen here (a key's presence count, for an object's property).
    seen: usize,
    nulls: usize,
    booleans: usize,
    integers: usize,
    /// Numbers with a fraction or an exponent.
    floats: usize,
    /// Masked values (`***`): redaction masks strings and numbers of secret-bearing
    /// names alike, so such a value may have been either.
    masked: usize,
    strings: Option<Strings>,
    object: Option<Object>,
    array: Option<Array>,
}

#[derive(Debug, Clone)]
struct Strings {
    count: usize,
    /// The formats every string so far had.
    formats: Vec<Format>,
    /// Each distinct value and how often it was seen, while there are few enough for an
    /// `enum`.
    values: BTreeMap<String, usize>,
    /// Too many distinct values for an `enum`.
    open: bool,
    /// A value was masked or sits under a secret-bearing name: never list values.
    secret: bool,
}

#[derive(Debug, Clone, Default)]
struct Object {
    count: usize,
    properties: BTreeMap<String, Shape>,
}

#[derive(Debug, Clone, Default)]
struct Array {
    items: Box<Shape>,
}

impl Shape {
    /// Adds one sample.
    pub fn add(&mut self, value: &Value) {
        self.add_in(value, false);
    }

    /// Adds `value`; `secret` when it sits under a secret-bearing name.
    fn add_in(&mut self, value: &Value, secret: bool) {
        self.seen += 1;
        match value {
            Value::Null => self.nulls += 1,
            Value::Bool(_) => self.booleans += 1,
            Value::Number(n) if n.is_i64() || n.is_u64() => self.integers += 1,
            Value::Number(_) => self.floats += 1,
            Value::String(s) => {
                if s == MASK {
                    self.masked += 1;
                }
                let strings = self.strings.get_or_insert_with(|| Strings {
                    count: 0,
                    formats: Format::ALL.to_vec(),
                    values: BTreeMap::new(),
                    open: false,
                    secret: false,
                });
                strings.add(s, secret);
            }
            Value::Array(items) => {
                let array = self.array.get_or_insert_with(Array::default);
                for item in items {
                    array.items.add_in(item, secret);
                }
            }
            Value::Object(map) => {
                let object = self.object.get_or_insert_with(Object::default);
                object.count += 1;
                for (key, v) in map {
                    object
                        .properties
                        .entry(key.clone())
                        .or_default()
                        .add_in(v, secret || is_sensitive_name(key));
                }
            }
        }
    }

    /// The JSON types seen, in a fixed order (`null` last).
    fn types(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.object.is_some() {
            out.push("object");
        }
        if self.array.is_some() {
            out.push("array");
        }
        if self.strings.is_some() {
            out.push("string");
        }
        if self.floats > 0 || self.masked > 0 {
            out.push("number");
        } else if self.integers > 0 {
            out.push("integer");
        }
        if self.booleans > 0 {
            out.push("boolean");
        }
        if self.nulls > 0 {
            out.push("null");
        }
        out
    }

    /// The schema of this position: keys in sorted order. `enums` lists small closed sets
    /// of strings.
    pub fn schema(&self, enums: bool) -> BTreeMap<String, Value> {
        let mut out = BTreeMap::new();
        let types = self.types();
        match types.as_slice() {
            [] => {}
            [one] => {
                out.insert("type".into(), Value::from(*one));
            }
            many => {
                out.insert("type".into(), Value::from(many.to_vec()));
            }
        }
        if let Some(object) = &self.object {
            let properties: serde_json::Map<String, Value> = object
                .properties
                .iter()
                .map(|(k, s)| (k.clone(), to_value(s.schema(enums))))
                .collect();
            out.insert("properties".into(), Value::Object(properties));
            let required: Vec<Value> = object
                .properties
                .iter()
                .filter(|(_, s)| s.seen == object.count)
                .map(|(k, _)| Value::from(k.as_str()))
                .collect();
            if !required.is_empty() {
                out.insert("required".into(), Value::Array(required));
            }
        }
        if let Some(array) = &self.array
            && array.items.seen > 0
        {
            out.insert("items".into(), to_value(array.items.schema(enums)));
        }
        if let Some(strings) = &self.strings {
            if let Some(format) = strings.formats.first() {
                out.insert("format".into(), Value::from(format.name()));
            }
            let only_strings = types.iter().all(|t| matches!(*t, "string" | "null"));
            if enums
                && only_strings
                && let Some(mut values) = strings.closed_set()
            {
                if self.nulls > 0 {
                    values.push(Value::Null);
                }
                out.insert("enum".into(), Value::Array(values));
            }
        }
        out
    }
}

impl Strings {
    fn add(&mut self, s: &str, secret: bool) {
        self.count += 1;
        self.formats.retain(|f| f.matches(s));
        if secret || s.contains(MASK) {
            self.secret = true;
        }
        if self.secret || self.open {
            self.values.clear();
            return;
        }
        *self.values.entry(s.to_string()).or_default() += 1;
        if self.values.len() > ENUM_MAX {
            self.open = true;
            self.values.clear();
        }
    }

    /// The values of an `enum`, sorted, when the set looks closed: few distinct values,
    /// each seen at least twice, none secret.
    fn closed_set(&self) -> Option<Vec<Value>> {
        (!self.secret
            && !self.open
            && !self.values.is_empty()
            && self.values.values().all(|&n| n >= ENUM_MIN_SEEN))
        .then(|| {
            self.values
                .keys()
                .map(|k| Value::from(k.as_str()))
                .collect()
        })
    }
}

/// A JSON object of `map`, its keys in sorted order.
pub(crate) fn to_value(map: BTreeMap<String, Value>) -> Value {
    Value::Object(map.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn infer(samples: &[Value], enums: bool) -> Value {
        let mut shape = Shape::default();
        for s in samples {
            shape.add(s);
        }
        to_value(shape.schema(enums))
    }

    #[test]
    fn types_and_nested_objects() {
        let schema = infer(
            &[json!({"a": "x", "b": true, "c": {"d": 1}, "e": [1, 2]})],
            false,
        );
        assert_eq!(
            schema,
            json!({
                "type": "object",
                "properties": {
                    "a": {"type": "string"},
                    "b": {"type": "boolean"},
                    "c": {"type": "object", "properties": {"d": {"type": "integer"}}, "required": ["d"]},
                    "e": {"type": "array", "items": {"type": "integer"}},
                },
                "required": ["a", "b", "c", "e"],
            })
        );
    }

    #[test]
    fn null_unions() {
        let schema = infer(&[json!({"name": "x"}), json!({"name": null})], false);
        assert_eq!(
            schema["properties"]["name"]["type"],
            json!(["string", "null"])
        );
        assert_eq!(schema["required"], json!(["name"]));
        let all_null = infer(&[json!({"n": null})], false);
        assert_eq!(all_null["properties"]["n"], json!({"type": "null"}));
    }

    #[test]
    fn integer_only_when_every_number_is_integral() {
        let int = infer(&[json!({"n": 1}), json!({"n": -3})], false);
        assert_eq!(int["properties"]["n"]["type"], "integer");
        let mixed = infer(&[json!({"n": 1}), json!({"n": 2.5})], false);
        assert_eq!(mixed["properties"]["n"]["type"], "number");
        let float_first = infer(&[json!(0.5), json!(7)], false);
        assert_eq!(float_first["type"], "number");
        let big = infer(&[json!(u64::MAX)], false);
        assert_eq!(big["type"], "integer");
    }

    #[test]
    fn required_only_when_always_present() {
        let schema = infer(
            &[
                json!({"always": 1, "sometimes": 1, "nested": {"x": 1, "y": 2}}),
                json!({"always": 2, "nested": {"x": 3}}),
            ],
            false,
        );
        assert_eq!(schema["required"], json!(["always", "nested"]));
        assert_eq!(schema["properties"]["nested"]["required"], json!(["x"]));
        assert!(schema["properties"]["sometimes"].is_object());
        // Unknown keys stay allowed.
        assert!(schema.get("additionalProperties").is_none());
        // An object position reached only in some samples counts its own samples.
        let optional = infer(&[json!({"o": {"k": 1}}), json!({})], false);
        assert_eq!(optional["properties"]["o"]["required"], json!(["k"]));
        assert!(optional.get("required").is_none());
    }

    #[test]
    fn formats_when_every_sample_has_them() {
        let schema = infer(
            &[
                json!({
                    "at": "2024-02-29T12:30:00Z",
                    "id": "123e4567-e89b-12d3-a456-426614174000",
                    "home": "https://example.com/a?b=c",
                    "mail": "a.b@example.com",
                    "mixed": "2024-01-01T00:00:00+01:00",
                }),
                json!({
                    "at": "2023-12-31T23:59:59.123+05:30",
                    "id": "00000000-0000-0000-0000-000000000000",
                    "home": "http://127.0.0.1:8080/",
                    "mail": "x@y.org",
                    "mixed": "yesterday",
                }),
            ],
            false,
        );
        let p = &schema["properties"];
        assert_eq!(p["at"]["format"], "date-time");
        assert_eq!(p["id"]["format"], "uuid");
        assert_eq!(p["home"]["format"], "uri");
        assert_eq!(p["mail"]["format"], "email");
        assert!(p["mixed"].get("format").is_none(), "{schema}");
        for not_formatted in [
            "",
            "2024-13-01T00:00:00Z",
            "mailto:x@y.org",
            "/relative/path",
        ] {
            let s = infer(&[json!(not_formatted)], false);
            assert!(s.get("format").is_none(), "{not_formatted:?}: {s}");
        }
    }

    #[test]
    fn a_masked_value_may_have_been_a_string_or_a_number() {
        let schema = infer(
            &[
                json!({"otpCode": "***", "authnToken": "***"}),
                json!({"otpCode": null}),
            ],
            true,
        );
        let p = &schema["properties"];
        assert_eq!(p["otpCode"]["type"], json!(["string", "number", "null"]));
        assert_eq!(p["authnToken"], json!({"type": ["string", "number"]}));
    }

    #[test]
    fn arrays_merge_all_items_of_all_samples() {
        let schema = infer(
            &[
                json!({"list": [{"a": 1}, {"a": 2, "b": "x"}]}),
                json!({"list": [{"a": 3, "c": null}]}),
                json!({"list": []}),
            ],
            false,
        );
        let items = &schema["properties"]["list"]["items"];
        assert_eq!(items["required"], json!(["a"]));
        assert_eq!(items["properties"]["b"]["type"], "string");
        assert_eq!(items["properties"]["c"]["type"], "null");
        let empty = infer(&[json!([])], false);
        assert_eq!(empty, json!({"type": "array"}));
        let mixed = infer(&[json!([1, "a", null])], false);
        assert_eq!(mixed["items"]["type"], json!(["string", "integer", "null"]));
    }

    #[test]
    fn enums_only_when_asked_and_only_for_small_closed_sets() {
        let samples = [
            json!({"status": "success", "op": "a", "note": "x", "authnToken": "t1", "many": "1"}),
            json!({"status": "pending", "op": "a", "note": "x", "authnToken": "t1", "many": "2"}),
            json!({"status": "success", "op": null, "note": "y", "authnToken": "t1", "many": "3"}),
            json!({"status": "pending", "op": "a", "note": "x", "authnToken": "t1", "many": "4"}),
            json!({"status": "success", "many": "5"}),
            json!({"status": "success", "many": "6"}),
            json!({"many": "1"}),
        ];
        let off = infer(&samples, false);
        assert!(!off.to_string().contains("enum"), "{off}");
        let on = infer(&samples, true);
        let p = &on["properties"];
        assert_eq!(p["status"]["enum"], json!(["pending", "success"]));
        assert_eq!(p["op"]["enum"], json!(["a", null]));
        // "y" was seen once: not a closed set.
        assert!(p["note"].get("enum").is_none());
        // A secret-bearing name never lists its values.
        assert!(p["authnToken"].get("enum").is_none());
        // Six distinct values: too many.
        assert!(p["many"].get("enum").is_none());
        // Masked values are never listed.
        let masked = infer(&[json!({"v": "***"}), json!({"v": "***"})], true);
        assert!(masked["properties"]["v"].get("enum").is_none());
        // Below a secret-bearing name, nothing is listed either.
        let nested = infer(
            &[
                json!({"credentials": {"kind": "a"}}),
                json!({"credentials": {"kind": "a"}}),
            ],
            true,
        );
        assert!(!nested.to_string().contains("enum"), "{nested}");
        // A string that is sometimes a number is no enum.
        let mixed = infer(&[json!("a"), json!("a"), json!(1)], true);
        assert!(mixed.get("enum").is_none());
    }

    #[test]
    fn output_is_deterministic() {
        let a = [
            json!({"z": 1, "a": {"y": [1], "b": null}}),
            json!({"m": "x"}),
        ];
        let b = [
            json!({"m": "x"}),
            json!({"a": {"b": null, "y": [1]}, "z": 1}),
        ];
        let one = serde_json::to_string_pretty(&infer(&a, true)).unwrap();
        let two = serde_json::to_string_pretty(&infer(&b, true)).unwrap();
        assert_eq!(one, two);
        // Keys in sorted order, whatever order the samples had them in.
        let at = |k: &str| one.find(&format!("\"{k}\": {{")).unwrap();
        assert!(at("a") < at("m") && at("m") < at("z"), "{one}");
    }
}
