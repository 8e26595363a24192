//! The schema dialect of a document: OpenAPI 3.0's schema objects translated to JSON
//! Schema 2020-12 in place (so that the validator reads what the author meant), or 3.1's
//! JSON Schema dialect (`jsonSchemaDialect`, else 2020-12) as it is.

use std::collections::HashSet;

use jsonschema::Draft;
use serde_json::{Map, Value, json};

use super::error::OpenApiError;
use super::load::Documents;
use super::refs::Location;

/// The JSON Schema draft a 3.1 document's `jsonSchemaDialect` names, or `None` when
/// pmcheck does not know it.
pub(crate) fn draft_of_dialect(uri: &str) -> Option<Draft> {
    let uri = uri.trim_end_matches('#');
    if uri.starts_with("https://spec.openapis.org/oas/3.1/dialect") {
        return Some(Draft::Draft202012);
    }
    match uri.replace("http://", "https://").as_str() {
        "https://json-schema.org/draft/2020-12/schema" => Some(Draft::Draft202012),
        "https://json-schema.org/draft/2019-09/schema" => Some(Draft::Draft201909),
        "https://json-schema.org/draft-07/schema" => Some(Draft::Draft7),
        "https://json-schema.org/draft-06/schema" => Some(Draft::Draft6),
        "https://json-schema.org/draft-04/schema" => Some(Draft::Draft4),
        _ => None,
    }
}

/// Keywords whose value is a schema.
const ONE_SCHEMA: [&str; 3] = ["not", "additionalProperties", "items"];
/// Keywords whose value is a list of schemas.
const SCHEMA_LISTS: [&str; 3] = ["allOf", "anyOf", "oneOf"];
/// Keywords whose value maps names to schemas.
const SCHEMA_MAPS: [&str; 2] = ["properties", "patternProperties"];

/// Translates every OpenAPI 3.0 schema reachable from `roots` (following `$ref`s, each
/// schema once, so recursive schemas end) to JSON Schema 2020-12:
/// - `$ref` siblings are dropped (3.0 ignores them), but for `nullable`;
/// - `nullable: true` adds `null` to `type` and `enum`, or, beside `allOf`/`anyOf`/
///   `oneOf`/`not`/`$ref`, wraps the schema in `anyOf: [{type: null}, schema]`;
/// - boolean `exclusiveMinimum`/`exclusiveMaximum` take the value of `minimum`/`maximum`;
/// - `example` moves to `examples`; `format` stays (an annotation);
/// - a property whose own schema says `writeOnly: true` leaves `required`: it is sent in
///   requests only, and pmcheck validates responses (OpenAPI 3.0: "required will take
///   effect on the request only").
pub(crate) fn translate_30(docs: &mut Documents, roots: Vec<Location>) -> Result<(), OpenApiError> {
    let mut seen: HashSet<Location> = HashSet::new();
    let mut stack = roots;
    while let Some(at) = stack.pop() {
        if !seen.insert(at.clone()) {
            continue;
        }
        let reference = docs
            .get(&at)
            .and_then(|n| n.get("$ref"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let target = match &reference {
            Some(r) => Some(docs.target(&at, r)?),
            None => None,
        };
        let Some(Value::Object(node)) = docs.value_mut(at.doc).pointer_mut(&at.pointer) else {
            continue;
        };
        let nullable = node.remove("nullable") == Some(Value::Bool(true));
        if let (Some(reference), Some(target)) = (reference, target) {
            let only_ref = json!({ "$ref": reference });
            *node = into_map(if nullable {
                json!({"anyOf": [{"type": "null"}, only_ref]})
            } else {
                only_ref
            });
            stack.push(target);
            continue;
        }
        translate_keywords(node);
        let composite = ["allOf", "anyOf", "oneOf", "not"]
            .iter()
            .any(|k| node.contains_key(*k));
        if nullable && composite {
            let inner = std::mem::take(node);
            *node = into_map(json!({"anyOf": [{"type": "null"}, Value::Object(inner)]}));
            stack.push(Location {
                doc: at.doc,
                pointer: format!("{}/anyOf/1", at.pointer),
            });
            continue;
        }
        if nullable {
            add_null(node);
        }
        stack.extend(children(node).into_iter().map(|suffix| Location {
            doc: at.doc,
            pointer: format!("{}{suffix}", at.pointer),
        }));
    }
    Ok(())
}

fn into_map(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// The 3.0 keywords of one schema object that mean something else in 2020-12.
fn translate_keywords(node: &mut Map<String, Value>) {
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Bool(flag)) = node.get(exclusive) {
            let flag = *flag;
            node.remove(exclusive);
            if flag && let Some(limit) = node.remove(bound) {
                node.insert(exclusive.to_string(), limit);
            }
        }
    }
    if let Some(example) = node.remove("example")
        && !node.contains_key("examples")
    {
        node.insert("examples".into(), Value::Array(vec![example]));
    }
    unrequire_write_only(node);
}

/// A property whose own schema says `writeOnly: true` leaves `required`: it is sent in
/// requests only, and pmcheck validates responses.
fn unrequire_write_only(node: &mut Map<String, Value>) {
    let write_only: Vec<String> = match node.get("properties") {
        Some(Value::Object(props)) => props
            .iter()
            .filter(|(_, p)| p.get("writeOnly") == Some(&Value::Bool(true)))
            .map(|(name, _)| name.clone())
            .collect(),
        _ => Vec::new(),
    };
    if !write_only.is_empty()
        && let Some(Value::Array(required)) = node.get_mut("required")
    {
        required.retain(|r| {
            r.as_str()
                .is_none_or(|r| !write_only.iter().any(|w| w == r))
        });
    }
}

/// For a 3.1 document, whose schemas are JSON Schema as they are: only the response rule
/// of `writeOnly` (see [`unrequire_write_only`]), on every schema reachable from `roots`
/// through the keywords and the `$ref`s pmcheck resolves (others are left to the
/// validator).
pub(crate) fn responses_of_31(docs: &mut Documents, roots: Vec<Location>) {
    let mut seen: HashSet<Location> = HashSet::new();
    let mut stack = roots;
    while let Some(at) = stack.pop() {
        if !seen.insert(at.clone()) {
            continue;
        }
        let target = docs
            .get(&at)
            .and_then(|n| n.get("$ref"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .and_then(|r| docs.target(&at, &r).ok());
        stack.extend(target);
        let Some(Value::Object(node)) = docs.value_mut(at.doc).pointer_mut(&at.pointer) else {
            continue;
        };
        unrequire_write_only(node);
        stack.extend(children(node).into_iter().map(|suffix| Location {
            doc: at.doc,
            pointer: format!("{}{suffix}", at.pointer),
        }));
    }
}

/// `nullable: true` on a schema without composition: `null` joins `type` and `enum`.
fn add_null(node: &mut Map<String, Value>) {
    match node.get_mut("type") {
        Some(Value::String(t)) => {
            let t = std::mem::take(t);
            node.insert("type".into(), json!([t, "null"]));
        }
        Some(Value::Array(types)) if !types.contains(&json!("null")) => types.push(json!("null")),
        _ => {}
    }
    if let Some(Value::Array(values)) = node.get_mut("enum")
        && !values.contains(&Value::Null)
    {
        values.push(Value::Null);
    }
}

/// The JSON pointer suffixes of a schema's subschemas.
fn children(node: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    for k in ONE_SCHEMA {
        match node.get(k) {
            Some(Value::Object(_)) => out.push(format!("/{k}")),
            Some(Value::Array(items)) => out.extend((0..items.len()).map(|i| format!("/{k}/{i}"))),
            _ => {}
        }
    }
    for k in SCHEMA_LISTS {
        if let Some(Value::Array(items)) = node.get(k) {
            out.extend((0..items.len()).map(|i| format!("/{k}/{i}")));
        }
    }
    for k in SCHEMA_MAPS {
        if let Some(Value::Object(map)) = node.get(k) {
            out.extend(
                map.keys()
                    .map(|name| format!("/{k}/{}", super::load::escape(name))),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translated(doc: &str, roots: &[&str]) -> Value {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.yaml");
        std::fs::write(&path, doc).unwrap();
        let mut docs = Documents::load(&path).unwrap();
        let roots = roots
            .iter()
            .map(|p| Location {
                doc: 0,
                pointer: (*p).to_string(),
            })
            .collect();
        translate_30(&mut docs, roots).unwrap();
        docs.doc(0).value.clone()
    }

    #[test]
    fn nullable_adds_null_to_type_and_enum_or_wraps() {
        let v = translated(
            "s:\n  type: object\n  properties:\n    a: {type: string, nullable: true}\n    b: {type: string, enum: [x, y], nullable: true}\n    c: {$ref: '#/C', nullable: true, description: ignored}\n    d: {allOf: [{$ref: '#/C'}], nullable: true}\n    e: {type: integer, nullable: false}\nC: {type: object, example: {k: 1}}\n",
            &["/s"],
        );
        let p = &v["s"]["properties"];
        assert_eq!(p["a"], json!({"type": ["string", "null"]}));
        assert_eq!(p["b"]["enum"], json!(["x", "y", null]));
        assert_eq!(
            p["c"],
            json!({"anyOf": [{"type": "null"}, {"$ref": "#/C"}]})
        );
        assert_eq!(
            p["d"],
            json!({"anyOf": [{"type": "null"}, {"allOf": [{"$ref": "#/C"}]}]})
        );
        assert_eq!(p["e"], json!({"type": "integer"}));
        // Reached through the $refs: `example` moved.
        assert_eq!(v["C"], json!({"type": "object", "examples": [{"k": 1}]}));
    }

    #[test]
    fn write_only_properties_are_not_required_in_responses() {
        let v = translated(
            "s:\n  type: object\n  required: [name, password]\n  properties:\n    name: {type: string}\n    password: {type: string, writeOnly: true}\n",
            &["/s"],
        );
        assert_eq!(v["s"]["required"], json!(["name"]));
    }

    #[test]
    fn write_only_properties_are_not_required_in_31_responses_either() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.yaml");
        std::fs::write(
            &path,
            "s: {$ref: '#/U'}\nU:\n  type: object\n  required: [name, password]\n  properties:\n    name: {type: [string, 'null']}\n    password: {type: string, writeOnly: true}\n",
        )
        .unwrap();
        let mut docs = Documents::load(&path).unwrap();
        let roots = vec![Location {
            doc: 0,
            pointer: "/s".into(),
        }];
        responses_of_31(&mut docs, roots);
        let v = &docs.doc(0).value;
        assert_eq!(v["U"]["required"], json!(["name"]));
        assert_eq!(
            v["U"]["properties"]["name"]["type"],
            json!(["string", "null"])
        );
    }

    #[test]
    fn boolean_exclusive_bounds_become_numbers_and_ref_siblings_go() {
        let v = translated(
            "s:\n  type: array\n  items:\n    type: number\n    minimum: 0\n    exclusiveMinimum: true\n    maximum: 10\n    exclusiveMaximum: false\n    format: double\nr: {$ref: '#/s', type: string}\n",
            &["/r"],
        );
        assert_eq!(
            v["s"]["items"],
            json!({"type": "number", "exclusiveMinimum": 0, "maximum": 10, "format": "double"})
        );
        assert_eq!(v["r"], json!({"$ref": "#/s"}));
    }

    #[test]
    fn recursive_schemas_are_translated_once() {
        let v = translated(
            "Node:\n  type: object\n  nullable: true\n  properties:\n    next: {$ref: '#/Node'}\n",
            &["/Node"],
        );
        assert_eq!(
            v["Node"],
            json!({"type": ["object", "null"], "properties": {"next": {"$ref": "#/Node"}}})
        );
    }

    #[test]
    fn dialects() {
        assert_eq!(
            draft_of_dialect("https://spec.openapis.org/oas/3.1/dialect/base"),
            Some(Draft::Draft202012)
        );
        assert_eq!(
            draft_of_dialect("http://json-schema.org/draft-07/schema#"),
            Some(Draft::Draft7)
        );
        assert_eq!(draft_of_dialect("https://example.com/mine"), None);
    }
}
