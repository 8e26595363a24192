//! A compiled JSON Schema, its violations, and why a schema could not be used.

use std::path::{Path, PathBuf};

use super::tape::Tape;
use super::tape_json::{TapeJson, TapeNode};
use super::violations::{EXCERPT_CHARS, Findings, Violation, excerpt, fill, template};
use crate::file_error::FileError;

/// Why a schema folder could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// A file could not be read or is not valid JSON.
    #[error(transparent)]
    File(#[from] FileError),
    /// A key of the index is neither a status, a class nor `default`.
    #[error("{}: index key {key:?} is not a status (401), a class (4xx) or \"default\"", path.display())]
    BadKey {
        /// The index file.
        path: PathBuf,
        /// The key.
        key: String,
    },
    /// An entry of the index is not usable.
    #[error("{}: {key}: {why}", path.display())]
    BadEntry {
        /// The index file.
        path: PathBuf,
        /// Where in the index (`paths` key, status, media type).
        key: String,
        /// What is wrong.
        why: String,
    },
    /// A schema does not compile.
    #[error("{}: invalid JSON Schema: {message}", path.display())]
    Invalid {
        /// The schema file.
        path: PathBuf,
        /// The compiler's message.
        message: String,
    },
}

/// A compiled schema and the file it came from.
#[derive(Debug)]
pub struct CompiledSchema {
    /// File name, for reports (`401.json`).
    pub name: String,
    validator: jsonschema::Validator,
    /// The same schema for bodies read in place ([`Tape`]); `None` for one compiled
    /// elsewhere.
    tape: Option<jsonschema::Validator<TapeJson>>,
}

impl CompiledSchema {
    /// A schema compiled elsewhere (an OpenAPI document's), named for reports.
    pub fn from_validator(name: String, validator: jsonschema::Validator) -> CompiledSchema {
        CompiledSchema {
            name,
            validator,
            tape: None,
        }
    }

    /// Compiles `text` (the contents of `path`).
    pub fn compile(path: &Path, text: &str) -> Result<CompiledSchema, SchemaError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| FileError::json(path, &e))?;
        let invalid = |e: jsonschema::ValidationError<'_>| SchemaError::Invalid {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let validator = jsonschema::validator_for(&value).map_err(invalid)?;
        let tape = jsonschema::options_for::<TapeJson>()
            .build(&value)
            .map_err(invalid)?;
        Ok(CompiledSchema {
            tape: Some(tape),
            name: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            validator,
        })
    }

    /// Reads and compiles a schema file.
    pub fn load(path: &Path) -> Result<CompiledSchema, SchemaError> {
        let text = FileError::read(path)?;
        Self::compile(path, &text)
    }

    /// The first `cap` violations of `instance` in pointer order, each quoting at most a
    /// short excerpt of the offending value; the second value is the number found.
    pub fn validate(&self, instance: &serde_json::Value, cap: usize) -> (Vec<Violation>, usize) {
        let mut found = Findings::new(cap);
        for e in self.validator.iter_errors(instance) {
            found.add(
                e.instance_path().as_str().to_string(),
                e.kind().keyword(),
                template(&e),
                e.schema_path().as_str().to_string(),
                |t| fill(t, &excerpt(e.instance())),
            );
        }
        found.finish()
    }

    /// As [`CompiledSchema::validate`], for a body that parsed as JSON, read in place: it
    /// costs about three times the body's size where a `serde_json::Value` costs fifteen.
    /// `None` when this schema reads only values (one compiled elsewhere) or the body
    /// cannot be read in place; the caller then parses it.
    pub fn validate_body(&self, body: &[u8], cap: usize) -> Option<(Vec<Violation>, usize)> {
        let validator = self.tape.as_ref()?;
        let tape = Tape::parse(body)?;
        let mut found = Findings::new(cap);
        for e in validator.iter_errors(TapeNode::root(&tape)) {
            let pointer = e.instance_path().as_str().to_string();
            let quote = |t: &str| {
                let at = tape.find(&pointer);
                fill(t, &at.map_or_else(String::new, |i| tape.excerpt(i, EXCERPT_CHARS)))
            };
            found.add(
                pointer.clone(),
                e.kind().keyword(),
                template(&e),
                e.schema_path().as_str().to_string(),
                quote,
            );
        }
        Some(found.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_read_in_place_are_judged_as_values_are() {
        let cases = [
            (
                r#"{"type": "object", "required": ["a", "z"], "additionalProperties": false,
                    "properties": {"a": {"type": "integer", "minimum": 2},
                                   "b": {"enum": [1, "x"]}, "c": {"const": {"k": [1, 2]}}}}"#,
                vec![
                    r#"{"a": 1, "b": "y", "c": {"k": [1, 2]}, "d": null}"#,
                    r#"{"a": 2.0, "b": 1, "c": {"k": [2, 1]}, "z": 0}"#,
                    r#"[1, 2]"#,
                    r#"{"a": "\u00e4", "b": "x", "a": 3}"#,
                ],
            ),
            (
                r#"{"type": "array", "minItems": 6, "uniqueItems": true,
                    "items": {"type": "string", "maxLength": 2, "pattern": "^a"}}"#,
                vec![r#"["a", "ab", "abc", "b", "a"]"#, r#"["\u0061x", 1e2]"#, "[]"],
            ),
            (
                r#"{"propertyNames": {"maxLength": 1},
                    "patternProperties": {"^x": {"type": "boolean"}},
                    "anyOf": [{"required": ["q"]}, {"required": ["q"]}]}"#,
                vec![r#"{"xx": true, "x": 1, "y": {"n": [null, false]}}"#],
            ),
        ];
        for (schema, bodies) in cases {
            let compiled = CompiledSchema::compile(Path::new("s.json"), schema).unwrap();
            for body in bodies {
                let value: serde_json::Value = serde_json::from_str(body).unwrap();
                // The same findings; the messages quote the body as written.
                let findings = |(v, total): (Vec<Violation>, usize)| {
                    let v: Vec<(String, String, String)> = v
                        .into_iter()
                        .map(|v| (v.pointer, v.keyword, v.schema_path))
                        .collect();
                    (v, total)
                };
                let by_value = findings(compiled.validate(&value, 20));
                assert!(by_value.1 > 0, "{body}");
                assert_eq!(
                    compiled.validate_body(body.as_bytes(), 20).map(findings),
                    Some(by_value),
                    "{schema} {body}"
                );
            }
        }
    }
}
