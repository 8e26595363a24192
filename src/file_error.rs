//! The error of a configuration file (schema, sidecar, coverage table, fixture) that could
//! not be read or parsed: always the file, and where it can be told, line and column.

use std::path::{Path, PathBuf};

/// A file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is malformed, or a value has the wrong type or is not allowed.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong and what was expected.
        message: String,
    },
}

impl FileError {
    /// Reads a whole file as text.
    pub fn read(path: &Path) -> Result<String, FileError> {
        std::fs::read_to_string(path).map_err(|source| FileError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// A JSON error of `path`, at its line and column.
    pub fn json(path: &Path, e: &serde_json::Error) -> FileError {
        FileError::Parse {
            path: path.to_path_buf(),
            line: e.line().max(1),
            column: e.column().max(1),
            message: e.to_string(),
        }
    }
}
