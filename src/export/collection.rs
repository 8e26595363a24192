//! `--export-collection`: the collection's JSON text as loaded, every member kept as it
//! was written, with its `variable` array replaced by the variables the run leaves: an
//! entry that still exists keeps its place and other fields (`id`, `description`…) with
//! its new value and type, a variable the run unset is left out, and new ones follow.
//! Postman's collection export is v2.1: a v1 collection is written in its v2.1 form.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::value::variable_value;
use crate::collection::PlannedCollection;
use crate::vars::VarMap;

/// The members of a JSON object in the order they were written, their values as text.
struct Ordered(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut members = Vec::new();
                while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
                    members.push(entry);
                }
                Ok(Ordered(members))
            }
        }
        d.deserialize_map(V)
    }
}

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// The collection's text with `variables` for its `variable` array.
pub(super) fn with_variables(
    collection: &PlannedCollection,
    variables: &VarMap,
) -> Result<Vec<u8>, String> {
    let source = collection
        .source
        .as_deref()
        .ok_or("the collection's text was not kept")?;
    let mut document: Ordered = serde_json::from_slice(source).map_err(|e| e.to_string())?;
    let old: Vec<Value> = document
        .0
        .iter()
        .find(|(key, _)| key == "variable")
        .and_then(|(_, raw)| serde_json::from_str::<Vec<Value>>(raw.get()).ok())
        .unwrap_or_default();
    let array = variable_array(&old, variables);
    let raw = serde_json::value::to_raw_value(&array).map_err(|e| e.to_string())?;
    match document.0.iter_mut().find(|(key, _)| key == "variable") {
        Some((_, value)) => *value = raw,
        None => document.0.push(("variable".into(), raw)),
    }
    let mut bytes = serde_json::to_vec_pretty(&document).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The `variable` entries for `variables`, reusing the `old` entry of the same key.
fn variable_array(old: &[Value], variables: &VarMap) -> Vec<Value> {
    let key_of = |entry: &Value| {
        entry
            .get("key")
            .or_else(|| entry.get("id"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    variables
        .iter()
        .map(|(key, variable)| {
            let mut entry = old
                .iter()
                .find(|e| key_of(e).as_deref() == Some(key))
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_else(Map::new);
            let (value, kind) = variable_value(variable, "string");
            entry.insert("key".into(), Value::String(key.to_string()));
            entry.insert("value".into(), value);
            entry.insert("type".into(), Value::String(kind));
            entry.remove("disabled");
            Value::Object(entry)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::{LoadedCollection, Selection, parse_collection, plan};

    fn planned(text: &str) -> PlannedCollection {
        let path = std::path::Path::new("c.json");
        let collection = parse_collection(path, text.as_bytes()).unwrap();
        let loaded = LoadedCollection {
            path: path.into(),
            collection,
            sidecar: None,
        };
        let mut plan = plan(vec![loaded], &Selection::default()).unwrap();
        plan.collections.remove(0)
    }

    #[test]
    fn members_stay_as_written_and_variables_are_replaced() {
        let text = r#"{
  "info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [{"name": "r", "request": {"url": "http://h/{{a}}"}}],
  "variable": [
    {"key": "a", "value": "1", "description": "kept"},
    {"key": "gone", "value": "x"}
  ],
  "zz_last": {"b": 1, "a": 2}
}"#;
        let c = planned(text);
        let mut vars = VarMap::new();
        vars.set("a", "2", false);
        vars.set("secret", crate::redact::MASK, true);
        let out = String::from_utf8(with_variables(&c, &vars).unwrap()).unwrap();
        let doc: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            doc["variable"],
            serde_json::json!([
                {"key": "a", "value": "2", "type": "string", "description": "kept"},
                {"key": "secret", "value": "***", "type": "secret"},
            ])
        );
        // Members keep their order and their own text.
        let info = out.find("\"info\"").unwrap();
        let item = out.find("\"item\"").unwrap();
        let last = out.find("\"zz_last\"").unwrap();
        assert!(info < item && item < last, "{out}");
        assert!(out.contains(r#"{"b": 1, "a": 2}"#), "{out}");
        // And it loads again.
        let again = planned(&out);
        assert_eq!(again.variables.len(), 2);
        assert!(again.variables[1].secret);
    }

    #[test]
    fn a_collection_without_variables_gets_them() {
        let c = planned(r#"{"info": {"name": "c"}, "item": []}"#);
        let mut vars = VarMap::new();
        vars.set("n", "v", false);
        let doc: Value = serde_json::from_slice(&with_variables(&c, &vars).unwrap()).unwrap();
        assert_eq!(doc["variable"][0]["value"], "v");
        assert_eq!(doc["info"]["name"], "c");
    }
}
