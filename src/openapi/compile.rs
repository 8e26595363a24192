//! Compiling the schemas of a document's responses: every loaded document is a resource of
//! one registry under its `file://` URI, and each schema compiles as a `$ref` to its
//! place there, so `$ref`s within and across files (recursive ones too) resolve as JSON
//! Schema resolves them. Each place compiles once.

use std::collections::HashMap;

use jsonschema::{Draft, Registry, Validator};

use super::OpenApiError;
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
    for at in wanted {
        if out.contains_key(at) {
            continue;
        }
        let schema = serde_json::json!({ "$ref": at.uri(docs) });
        let validator = options
            .build(&schema)
            .map_err(|e| docs.error(at.doc, &at.pointer, format!("invalid schema: {e}")))?;
        out.insert(at.clone(), validator);
    }
    Ok(out)
}
