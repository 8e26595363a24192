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
    /// Reads a whole file as text; bytes that are not UTF-8 are a parse error at their
    /// line and column (in characters).
    pub fn read(path: &Path) -> Result<String, FileError> {
        let bytes = std::fs::read(path).map_err(|source| FileError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            // The prefix before the first invalid byte is valid UTF-8.
            let before = String::from_utf8_lossy(valid);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            FileError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: "invalid UTF-8: the file must be UTF-8 text".to_string(),
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pmcheck.toml");
        std::fs::write(&path, b"a = 1\nb = \"\xc3\xa9t\xff\"\n").unwrap();
        let err = FileError::read(&path).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("{}:2:8: invalid UTF-8", path.display())),
            "{text}"
        );
    }
}
