//! A compiled JSON Schema, its violations, and why a schema could not be used.

use std::path::{Path, PathBuf};

use super::violations::{Findings, excerpt, fill, template};
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

/// One schema violation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// JSON pointer of the offending node in the body, the instance path (`""` is the
    /// root).
    pub pointer: String,
    /// The schema keyword that failed (`required`, `type`, `pattern`, …).
    pub keyword: String,
    /// The validator's message, quoting at most a short excerpt of the offending value
    /// (80 characters, then `…`).
    pub message: String,
    /// JSON pointer of the failing keyword in the schema (`/properties/cause/items/required`).
    pub schema_path: String,
}

/// A compiled schema and the file it came from.
#[derive(Debug)]
pub struct CompiledSchema {
    /// File name, for reports (`401.json`).
    pub name: String,
    validator: jsonschema::Validator,
}

impl CompiledSchema {
    /// A schema compiled elsewhere (an OpenAPI document's), named for reports.
    pub fn from_validator(name: String, validator: jsonschema::Validator) -> CompiledSchema {
        CompiledSchema { name, validator }
    }

    /// Compiles `text` (the contents of `path`).
    pub fn compile(path: &Path, text: &str) -> Result<CompiledSchema, SchemaError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| FileError::json(path, &e))?;
        let validator = jsonschema::validator_for(&value).map_err(|e| SchemaError::Invalid {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Ok(CompiledSchema {
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
}
