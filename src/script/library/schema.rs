//! The JSON Schema natives behind `tv4` and `ajv`: schemas compiled by the `jsonschema`
//! crate into a per-context table of bounded size, and their errors as JSON for the
//! JavaScript side to dress as tv4's or ajv's.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Draft, Registry, ValidationError, Validator};
use rquickjs::{Ctx, Exception, Function, Object};
use serde_json::{Value, json};

/// How many compiled schemas one context keeps; the oldest is dropped past that (the
/// JavaScript side compiles it again when it is used after that).
const CAPACITY: usize = 64;
/// The most errors one validation reports.
const MAX_ERRORS: usize = 1000;

/// The compiled schemas of one context, by id.
#[derive(Default)]
struct Table {
    next: u32,
    entries: VecDeque<(u32, Validator)>,
}

/// Sets `schemaCompile(schema, draft, resources)` (the id of the compiled schema; throws
/// on an invalid schema) and `schemaValidate(id, data, all)` (the errors as JSON text, or
/// `null` for an id no longer kept) on `n`.
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, n: &Object<'js>) -> rquickjs::Result<()> {
    let table = Rc::new(RefCell::new(Table::default()));
    let compile_table = Rc::clone(&table);
    n.set(
        "schemaCompile",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, schema: String, draft: String, resources: String| -> rquickjs::Result<u32> {
                let validator = compile(&schema, &draft, &resources)
                    .map_err(|message| Exception::throw_message(&ctx, &message))?;
                let mut table = compile_table.borrow_mut();
                let id = table.next;
                table.next = table.next.wrapping_add(1);
                if table.entries.len() >= CAPACITY {
                    table.entries.pop_front();
                }
                table.entries.push_back((id, validator));
                Ok(id)
            },
        )?,
    )?;
    n.set(
        "schemaValidate",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, id: u32, data: String, all: bool| -> rquickjs::Result<Option<String>> {
                let data: Value = serde_json::from_str(&data)
                    .map_err(|e| Exception::throw_type(&ctx, &format!("invalid data: {e}")))?;
                let table = table.borrow();
                let Some((_, validator)) = table.entries.iter().find(|(key, _)| *key == id) else {
                    return Ok(None);
                };
                Ok(Some(errors(validator, &data, all).to_string()))
            },
        )?,
    )?;
    Ok(())
}

/// Compiles `schema` (JSON) for `draft` (`4` for tv4, `7` for ajv: the draft a schema
/// without `$schema` follows), with `resources` (`{uri: schema}`) to resolve `$ref`s.
fn compile(schema: &str, draft: &str, resources: &str) -> Result<Validator, String> {
    let schema: Value =
        serde_json::from_str(schema).map_err(|e| format!("invalid schema: {e}"))?;
    let resources: serde_json::Map<String, Value> =
        serde_json::from_str(resources).map_err(|e| format!("invalid schema: {e}"))?;
    let draft = if draft == "4" { Draft::Draft4 } else { Draft::Draft7 };
    let registry = Registry::new()
        .draft(draft)
        .extend(
            resources
                .into_iter()
                .map(|(uri, value)| (uri, draft.create_resource(value))),
        )
        .and_then(|b| b.prepare())
        .map_err(|e| format!("invalid schema: {e}"))?;
    let mut options = jsonschema::options().with_registry(&registry);
    // tv4 follows draft-04 whatever `$schema` says; ajv follows `$schema` when present.
    if draft == Draft::Draft4 || schema.get("$schema").is_none() {
        options = options.with_draft(draft);
    }
    if draft == Draft::Draft4 {
        // tv4 checks no formats of its own.
        options = options.should_validate_formats(false);
    }
    options.build(&schema).map_err(|e| e.to_string())
}

/// The errors of `data` against `validator` (the first only unless `all`) as
/// `[{keyword, instancePath, schemaPath, params, message}]`.
fn errors(validator: &Validator, data: &Value, all: bool) -> Value {
    let limit = if all { MAX_ERRORS } else { 1 };
    let mut out = Vec::new();
    for error in validator.iter_errors(data).take(limit) {
        describe(&error, &mut out);
    }
    Value::Array(out)
}

fn describe(error: &ValidationError<'_>, out: &mut Vec<Value>) {
    let schema_path = error.schema_path().to_string();
    let instance_path = error.instance_path().to_string();
    let keyword = keyword_of(error.kind())
        .unwrap_or_else(|| schema_path.rsplit('/').next().unwrap_or_default())
        .to_string();
    let message = error.to_string();
    let mut push = |keyword: &str, params: Value, instance_path: String| {
        out.push(json!({
            "keyword": keyword,
            "instancePath": instance_path,
            "schemaPath": schema_path,
            "params": params,
            "message": message,
            "instance": error.instance(),
        }));
    };
    let params = match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for name in unexpected {
                push(
                    "additionalProperties",
                    json!({ "additionalProperty": name }),
                    instance_path.clone(),
                );
            }
            return;
        }
        ValidationErrorKind::Type { kind } => json!({ "type": match kind {
            TypeKind::Single(t) => Value::from(t.to_string()),
            TypeKind::Multiple(set) => Value::from(
                set.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(","),
            ),
        }}),
        ValidationErrorKind::Required { property } => json!({ "missingProperty": property }),
        ValidationErrorKind::Enum { options } => json!({ "allowedValues": options.as_ref() }),
        ValidationErrorKind::Constant { expected_value } => {
            json!({ "allowedValue": expected_value.as_ref() })
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => json!({ "limit": limit }),
        ValidationErrorKind::MinLength { limit }
        | ValidationErrorKind::MaxLength { limit }
        | ValidationErrorKind::MinItems { limit }
        | ValidationErrorKind::MaxItems { limit }
        | ValidationErrorKind::MinProperties { limit }
        | ValidationErrorKind::MaxProperties { limit } => json!({ "limit": limit }),
        ValidationErrorKind::AdditionalItems { limit } => json!({ "limit": limit }),
        ValidationErrorKind::Pattern { pattern } => json!({ "pattern": pattern }),
        ValidationErrorKind::Format { format } => json!({ "format": format }),
        ValidationErrorKind::MultipleOf { multiple_of } => json!({ "multipleOf": multiple_of }),
        ValidationErrorKind::OneOfMultipleValid { .. } => json!({ "passingSchemas": true }),
        _ => json!({}),
    };
    push(&keyword, params, instance_path);
}

/// The keyword an error is about, as ajv names it.
fn keyword_of(kind: &ValidationErrorKind) -> Option<&'static str> {
    use ValidationErrorKind as K;
    Some(match kind {
        K::AdditionalItems { .. } => "additionalItems",
        K::AnyOf { .. } => "anyOf",
        K::Constant { .. } => "const",
        K::Contains => "contains",
        K::Enum { .. } => "enum",
        K::ExclusiveMaximum { .. } => "exclusiveMaximum",
        K::ExclusiveMinimum { .. } => "exclusiveMinimum",
        K::FalseSchema => "false schema",
        K::Format { .. } => "format",
        K::MaxItems { .. } => "maxItems",
        K::Maximum { .. } => "maximum",
        K::MaxLength { .. } => "maxLength",
        K::MaxProperties { .. } => "maxProperties",
        K::MinItems { .. } => "minItems",
        K::Minimum { .. } => "minimum",
        K::MinLength { .. } => "minLength",
        K::MinProperties { .. } => "minProperties",
        K::MultipleOf { .. } => "multipleOf",
        K::Not { .. } => "not",
        K::OneOfMultipleValid { .. } => "oneOf",
        K::OneOfNotValid { .. } => "oneOf",
        K::Pattern { .. } => "pattern",
        K::PropertyNames { .. } => "propertyNames",
        K::Required { .. } => "required",
        K::Type { .. } => "type",
        K::UniqueItems => "uniqueItems",
        _ => return None,
    })
}
