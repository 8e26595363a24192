//! Compiling the schemas of a document's responses: every loaded document is a resource of
//! one registry under its `file://` URI, and each schema compiles as a `$ref` to its
//! place there, so `$ref`s within and across files (recursive ones too) resolve as JSON
//! Schema resolves them. Each place compiles once.

use std::collections::HashMap;

use jsonschema::{Draft, Registry, Validator};

use super::error::OpenApiError;
use super::load::Documents;
use super::refs::Location;

/// The compiled validator of each schema location in `wanted`, under `draft`.
pub(crate) fn compile(
    docs: &Documents,
    draft: Draft,
    wanted: &[Location],
) -> Result<HashMap<Location, Validator>, OpenApiError> {
    let mut out: HashMap<Location, Validator> = HashMap::new();
    if wanted.is_empty() {
        return Ok(out);
    }
    let resources = docs
        .iter()
        .map(|d| (d.url.to_string(), draft.create_resource(d.value.clone())));
    let registry = Registry::new()
        .draft(draft)
        .extend(resources)
        .and_then(|b| b.prepare())
        .map_err(|e| docs.error(0, "", format!("cannot index the document: {e}")))?;
    let options = jsonschema::options()
        .with_draft(draft)
        .with_registry(&registry);
    // A schema that is only a `$ref` compiles as its target, once for every such schema.
    let mut by_target: HashMap<Location, Validator> = HashMap::new();
    for at in wanted {
        if out.contains_key(at) {
            continue;
        }
        let target = bare_ref_target(docs, at);
        let validator = match by_target.get(&target) {
            Some(v) => v.clone(),
            None => {
                let schema = serde_json::json!({ "$ref": target.uri(docs) });
                let v = options
                    .build(&schema)
                    .map_err(|e| docs.error(at.doc, &at.pointer, format!("invalid schema: {e}")))?;
                by_target.insert(target, v.clone());
                v
            }
        };
        out.insert(at.clone(), validator);
    }
    Ok(out)
}

/// Where a chain of schemas that are only a `$ref` (`{"$ref": "#/components/schemas/Pet"}`)
/// ends; `at` itself when it is not one.
fn bare_ref_target(docs: &Documents, at: &Location) -> Location {
    let mut at = at.clone();
    // A cycle of bare `$ref`s is the validator's to report: stop after a few steps.
    for _ in 0..16 {
        let reference = match docs.get(&at) {
            Some(serde_json::Value::Object(map)) if map.len() == 1 => {
                map.get("$ref").and_then(serde_json::Value::as_str)
            }
            _ => None,
        };
        match reference.and_then(|r| docs.target(&at, r).ok()) {
            Some(next) => at = next,
            None => break,
        }
    }
    at
}
