//! chai's `expect` (BDD chains, inspect style and failure messages) as JavaScript, and the
//! native JSON-schema check behind `jsonSchema`, its errors worded as ajv 6 words them
//! (chai-postman prints ajv's `errorsText()`).

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use jsonschema::ValidationError;

/// JavaScript defining `expect`, `AssertionError` and `deepEqual` inside the prelude
/// closure.
pub(crate) const CHAI_JS: &str = include_str!("chai.js");

/// JavaScript defining `inspect` and `objDisplay` (how failure messages show values),
/// after [`CHAI_JS`] in the prelude.
pub(crate) const CHAI_INSPECT_JS: &str = include_str!("chai_inspect.js");

/// JavaScript of chai-postman's request and response assertions (`pm.response.to.have.status`,
/// `.postmanRequest`, `.jsonSchema`), after the `pm` API in the prelude.
pub(crate) const CHAI_POSTMAN_JS: &str = include_str!("chai_postman.js");

/// ajv's data path of an error: `data`, `.name`, `['odd key']`, `[0]`.
fn data_path(error: &ValidationError) -> String {
    let mut path = String::from("data");
    for segment in error.instance_path().iter() {
        match segment {
            LocationSegment::Index(i) => path.push_str(&format!("[{i}]")),
            LocationSegment::Property(name) => {
                let identifier = name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
                    && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$');
                if identifier {
                    path.push('.');
                    path.push_str(&name);
                } else {
                    path.push_str(&format!("['{}']", name.replace('\\', "\\\\").replace('\'', "\\'")));
                }
            }
        }
    }
    path
}

/// ajv 6's message for one error (`should be boolean`); the crate's own for a keyword ajv
/// words differently in a way not reproduced here.
fn ajv_message(error: &ValidationError) -> String {
    let number = |v: &serde_json::Value| v.to_string();
    match error.kind() {
        ValidationErrorKind::Type { kind } => match kind {
            TypeKind::Single(t) => format!("should be {t}"),
            TypeKind::Multiple(set) => {
                let names: Vec<String> = set.iter().map(|t| t.to_string()).collect();
                format!("should be {}", names.join(","))
            }
        },
        ValidationErrorKind::Required { property } => format!(
            "should have required property '{}'",
            property.as_str().map_or_else(|| property.to_string(), str::to_owned)
        ),
        ValidationErrorKind::Minimum { limit } => format!("should be >= {}", number(limit)),
        ValidationErrorKind::Maximum { limit } => format!("should be <= {}", number(limit)),
        ValidationErrorKind::ExclusiveMinimum { limit } => format!("should be > {}", number(limit)),
        ValidationErrorKind::ExclusiveMaximum { limit } => format!("should be < {}", number(limit)),
        ValidationErrorKind::MinLength { limit } => {
            format!("should NOT be shorter than {limit} characters")
        }
        ValidationErrorKind::MaxLength { limit } => {
            format!("should NOT be longer than {limit} characters")
        }
        ValidationErrorKind::MinItems { limit } => format!("should NOT have fewer than {limit} items"),
        ValidationErrorKind::MaxItems { limit } => format!("should NOT have more than {limit} items"),
        ValidationErrorKind::AdditionalItems { limit } => {
            format!("should NOT have more than {limit} items")
        }
        ValidationErrorKind::MinProperties { limit } => {
            format!("should NOT have fewer than {limit} properties")
        }
        ValidationErrorKind::MaxProperties { limit } => {
            format!("should NOT have more than {limit} properties")
        }
        ValidationErrorKind::Pattern { pattern } => format!("should match pattern \"{pattern}\""),
        ValidationErrorKind::Format { format } => format!("should match format \"{format}\""),
        ValidationErrorKind::Enum { .. } => "should be equal to one of the allowed values".into(),
        ValidationErrorKind::Constant { .. } => "should be equal to constant".into(),
        ValidationErrorKind::AdditionalProperties { .. } => {
            "should NOT have additional properties".into()
        }
        ValidationErrorKind::AnyOf { .. } => "should match some schema in anyOf".into(),
        ValidationErrorKind::OneOfMultipleValid { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            "should match exactly one schema in oneOf".into()
        }
        ValidationErrorKind::Not { .. } => "should NOT be valid".into(),
        ValidationErrorKind::FalseSchema => "boolean schema is false".into(),
        ValidationErrorKind::Contains => "should contain a valid item".into(),
        _ => error.to_string(),
    }
}

/// Validates `instance` against `schema` (both JSON text); returns the error messages as a
/// JSON array of strings (empty when valid), each `data.path message` as ajv 6 words it.
pub(crate) fn schema_errors(instance: &str, schema: &str) -> String {
    let errors: Vec<String> = match (
        serde_json::from_str::<serde_json::Value>(instance),
        serde_json::from_str::<serde_json::Value>(schema),
    ) {
        (Ok(instance), Ok(schema)) => match jsonschema::validator_for(&schema) {
            Ok(validator) => validator
                .iter_errors(&instance)
                .map(|error| format!("{} {}", data_path(&error), ajv_message(&error)))
                .collect(),
            Err(error) => vec![format!("invalid schema: {error}")],
        },
        (Err(error), _) => vec![format!("invalid instance: {error}")],
        (_, Err(error)) => vec![format!("invalid schema: {error}")],
    };
    serde_json::Value::from(errors).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_instance_has_no_errors() {
        let schema = r#"{"type":"object","required":["a"],"properties":{"a":{"type":"number"}}}"#;
        assert_eq!(schema_errors(r#"{"a":1}"#, schema), "[]");
    }

    #[test]
    fn invalid_instance_lists_errors() {
        let schema = r#"{"type":"object","properties":{"a":{"type":"string"}}}"#;
        let errors: Vec<String> =
            serde_json::from_str(&schema_errors(r#"{"a":1}"#, schema)).unwrap();
        assert_eq!(errors, ["data.a should be string"]);
        let schema = r#"{"required":["x"],"properties":{"l":{"items":{"minimum":2}},"odd key":{"maxLength":1}}}"#;
        let errors: Vec<String> =
            serde_json::from_str(&schema_errors(r#"{"l":[1],"odd key":"ab"}"#, schema)).unwrap();
        assert_eq!(
            errors,
            [
                "data should have required property 'x'",
                "data.l[0] should be >= 2",
                "data['odd key'] should NOT be longer than 1 characters"
            ]
        );
    }

    #[test]
    fn invalid_schema_is_an_error() {
        let errors: Vec<String> =
            serde_json::from_str(&schema_errors("1", r#"{"type":12}"#)).unwrap();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("invalid schema"), "{errors:?}");
    }
}
