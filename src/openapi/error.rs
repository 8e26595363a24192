//! Why an OpenAPI document could not be used: the file, where in it, and what is wrong.

use std::path::PathBuf;

use crate::file_error::FileError;

/// Why an OpenAPI document could not be used.
#[derive(Debug, thiserror::Error)]
pub enum OpenApiError {
    /// A file could not be read or parsed.
    #[error(transparent)]
    File(#[from] FileError),
    /// A node of a document is not what OpenAPI allows there, or a `$ref` leads nowhere.
    #[error("{}:{line}:{column}: at {}: {message}", path.display(), if pointer.is_empty() { "the root" } else { pointer })]
    Document {
        /// The file.
        path: PathBuf,
        /// 1-based line (best effort).
        line: usize,
        /// 1-based column (best effort).
        column: usize,
        /// The JSON pointer of the node.
        pointer: String,
        /// What is wrong.
        message: String,
    },
}
