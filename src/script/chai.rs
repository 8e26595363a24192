//! chai's `expect` (BDD chains, inspect style and failure messages) as JavaScript, and the
//! native JSON-schema check behind `jsonSchema`.

/// JavaScript defining `expect`, `inspect`, `objDisplay`, `AssertionError` and `deepEqual`
/// inside the prelude closure.
pub(crate) const CHAI_JS: &str = include_str!("chai.js");

/// Validates `instance` against `schema` (both JSON text); returns the error messages as a
/// JSON array of strings (empty when valid).
pub(crate) fn schema_errors(instance: &str, schema: &str) -> String {
    let errors: Vec<String> = match (
        serde_json::from_str::<serde_json::Value>(instance),
        serde_json::from_str::<serde_json::Value>(schema),
    ) {
        (Ok(instance), Ok(schema)) => match jsonschema::validator_for(&schema) {
            Ok(validator) => validator
                .iter_errors(&instance)
                .map(|error| {
                    let path = error.instance_path().to_string();
                    if path.is_empty() {
                        error.to_string()
                    } else {
                        format!("{path}: {error}")
                    }
                })
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
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("/a: "), "{errors:?}");
    }

    #[test]
    fn invalid_schema_is_an_error() {
        let errors: Vec<String> =
            serde_json::from_str(&schema_errors("1", r#"{"type":12}"#)).unwrap();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("invalid schema"), "{errors:?}");
    }
}
