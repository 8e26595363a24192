//! OpenAPI 3.0 and 3.1 documents as a schema source: operations matched by method and
//! path template (below the servers' base paths), responses by status and media type,
//! schemas compiled once with `$ref`s resolved within the document and to relative files,
//! 3.0's schema dialect translated to JSON Schema.

mod compile;
mod dialect;
mod load;
mod operations;
mod refs;
mod servers;

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
