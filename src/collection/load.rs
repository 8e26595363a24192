//! Reading collection files and folders, with errors that point at the bad node.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::fetch::{FetchError, MAX_INPUT, input_name, fetch, is_url};
use super::model::Collection;
use super::sidecar::Sidecar;
use super::{item_lines, text, v1};

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file or folder could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The path given.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is not valid JSON, or a node has the wrong type or value.
    #[error("{}:{line}:{column}: at {json_path}: {message}", file.display())]
    Parse {
        /// The file.
        file: PathBuf,
        /// 1-based line of the offending node.
        line: usize,
        /// 1-based column of the offending node.
        column: usize,
        /// JSON path of the offending node (`$.item[3].request.url`).
        json_path: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A sidecar next to a collection (or given with `--config`) is invalid.
    #[error(transparent)]
    Sidecar(#[from] super::sidecar::SidecarError),
    /// A folder holds no collection files.
    #[error("{}: no *.postman_collection.json file in this folder", path.display())]
    EmptyFolder {
        /// The folder.
        path: PathBuf,
    },
    /// An input given as a URL could not be fetched.
    #[error("{}: cannot fetch: {source}", url.display())]
    Fetch {
        /// The URL, without credentials, query or fragment.
        url: PathBuf,
        /// Why.
        source: FetchError,
    },
    /// A node of a well-formed file has a value that cannot be used.
    #[error("{}: {json_path}: {message}", file.display())]
    Invalid {
        /// The file.
        file: PathBuf,
        /// JSON path of the node (`$.cookies[2]`).
        json_path: String,
        /// What is wrong with it.
        message: String,
    },
}

/// A collection together with the file it came from and its sidecar.
#[derive(Debug, Clone)]
pub struct LoadedCollection {
    /// The file path as given (or found in a folder).
    pub path: PathBuf,
    /// The parsed collection.
    pub collection: Collection,
    /// Its sidecar (`NAME.pmcheck.toml` beside it, or `--config`), if any.
    pub sidecar: Option<Sidecar>,
}

/// Suffix of the collection files picked up from a folder.
pub const COLLECTION_SUFFIX: &str = ".postman_collection.json";

/// Expands the paths given on the command line: files as they are, folders into their
/// `*.postman_collection.json` files, sorted by name.
pub fn collection_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    for path in paths {
        if is_url(path) {
            out.push(path.clone());
            continue;
        }
        let meta = fs::metadata(path).map_err(|source| LoadError::Io {
            path: path.clone(),
            source,
        })?;
        if !meta.is_dir() {
            out.push(path.clone());
            continue;
        }
        let entries = fs::read_dir(path).map_err(|source| LoadError::Io {
            path: path.clone(),
            source,
        })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.ends_with(COLLECTION_SUFFIX))
            })
            .collect();
        if found.is_empty() {
            return Err(LoadError::EmptyFolder { path: path.clone() });
        }
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

/// Loads one collection file, or fetches it from an `http(s)` URL.
pub fn load_collection(path: &Path) -> Result<Collection, LoadError> {
    let (name, bytes) = read(path)?;
    parse_collection(&name, &bytes)
}

/// Parses collection bytes (v2.0, v2.1 or v1, UTF-8 or UTF-16); `path` only names the
/// file in errors.
pub fn parse_collection(path: &Path, bytes: &[u8]) -> Result<Collection, LoadError> {
    let text = text::utf8(bytes);
    // Serde reads a struct from a list too: a collection is an object, whatever else
    // Newman forgives (other values fail as serde reports them).
    if let Some(at) = text.iter().position(|b| !b.is_ascii_whitespace())
        && text[at] == b'['
    {
        let before = &text[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&text[line_start..at]).chars().count() + 2;
        return Err(LoadError::Parse {
            file: path.to_path_buf(),
            line,
            column,
            json_path: "$".into(),
            message: "invalid type: sequence, expected a Postman collection object".into(),
        });
    }
    // A v1 collection reads as an empty v2 one (no `info`, no `item`): only then, and on
    // an error, is the document looked at as a whole.
    match serde_json::from_slice::<Collection>(&text) {
        Ok(mut c) if !c.items.is_empty() || !c.info.name.is_empty() => {
            c.source = Some(Arc::from(&*text));
            return Ok(with_lines(c, &text));
        }
        _ => {}
    }
    if let Ok(doc) = serde_json::from_slice::<serde_json::Value>(&text)
        && v1::is_v1(&doc)
    {
        let converted = v1::convert(&doc);
        let mut c = from_v1(path, &converted)?;
        c.source = serde_json::to_vec(&converted).ok().map(Arc::from);
        return Ok(c);
    }
    let mut c: Collection = parse_text(path, &text)?;
    c.source = Some(Arc::from(&*text));
    Ok(with_lines(c, &text))
}

/// The collection with each request's line in `text` (see [`item_lines`]).
fn with_lines(mut c: Collection, text: &[u8]) -> Collection {
    if let Some(lines) = item_lines::item_lines(text) {
        item_lines::assign(&mut c.items, &lines);
    }
    c
}

/// Reads the v2.1 form of a v1 collection; an error names the node of that form.
fn from_v1(path: &Path, converted: &serde_json::Value) -> Result<Collection, LoadError> {
    serde_path_to_error::deserialize(converted).map_err(|err| LoadError::Parse {
        file: path.to_path_buf(),
        line: 1,
        column: 1,
        json_path: json_path(err.path()),
        message: format!("{} (in the v2.1 form of this v1 collection)", err.inner()),
    })
}

/// Reads a file into memory, or fetches a URL; with the name errors give it (a URL
/// without its credentials and query).
pub(crate) fn read(path: &Path) -> Result<(PathBuf, Vec<u8>), LoadError> {
    let name = input_name(path);
    if is_url(path) {
        let bytes = fetch(&path.to_string_lossy(), MAX_INPUT)
            .map_err(|source| LoadError::Fetch {
                url: name.clone(),
                source,
            })?;
        return Ok((name, bytes));
    }
    let bytes = fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok((name, bytes))
}

/// Deserializes JSON text (decoded to UTF-8 by [`text::utf8`]) into `T`, mapping errors
/// to [`LoadError::Parse`] with line, character column and JSON path.
pub(crate) fn parse_text<T: DeserializeOwned>(path: &Path, text: &[u8]) -> Result<T, LoadError> {
    // The path of an error costs a wrapper around every value: parse without it, and
    // again with it only when the file has an error.
    if let Ok(value) = serde_json::from_slice(text) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let json_path = json_path(err.path());
        parse_error(path, text, err.inner(), json_path)
    })?;
    de.end()
        .map_err(|e| parse_error(path, text, &e, "$".into()))?;
    Ok(value)
}

/// A [`LoadError::Parse`] from a serde_json error in `text`, at the character column.
fn parse_error(path: &Path, text: &[u8], err: &serde_json::Error, json_path: String) -> LoadError {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let mut message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    if err.is_eof() {
        message = format!("{message} (the file is empty or truncated)");
    }
    let line = err.line().max(1);
    LoadError::Parse {
        file: path.to_path_buf(),
        line,
        column: text::char_column(text, line, err.column()),
        json_path,
        message,
    }
}

/// Formats a serde path as a JSONPath expression (`$.item[0].request`).
fn json_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::from("$");
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    out.push('.');
                    out.push_str(key);
                } else {
                    out.push_str(&format!("[{}]", serde_json::Value::from(key.as_str())));
                }
            }
            Segment::Enum { variant } => {
                out.push('.');
                out.push_str(variant);
            }
            Segment::Unknown => out.push_str(".?"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        parse_collection(Path::new("c.json"), json.as_bytes())
            .map(|_| ())
            .unwrap_err()
            .to_string()
    }

    const HEAD: &str = r#"{"info":{"name":"n","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":"#;

    #[test]
    fn wrong_type_names_path_and_position() {
        let e = err(&format!(
            "{HEAD}[{{\"name\":\"a\",\"request\":{{\"url\":5}}}}]}}"
        ));
        assert!(e.starts_with("c.json:1:"), "{e}");
        assert!(e.contains("at $.item[0].request.url:"), "{e}");
        assert!(e.contains("expected a URL string or a URL object"), "{e}");
    }

    #[test]
    fn v1_is_converted() {
        let c = parse_collection(
            Path::new("c.json"),
            br#"{"id":"x","name":"old","order":["r"],"requests":[{"id":"r","url":"http://h/"}]}"#,
        )
        .unwrap();
        assert_eq!(c.info.name, "old");
        assert_eq!(c.items.len(), 1);
    }

    #[test]
    fn a_bad_v1_node_is_named_in_the_converted_form() {
        let e = err(r#"{"name":"old","order":["r"],"requests":[{"id":"r","url":"u","method":5}]}"#);
        assert!(e.starts_with("c.json:1:1: at $.item[0].request.method:"), "{e}");
        assert!(e.contains("in the v2.1 form of this v1 collection"), "{e}");
    }

    #[test]
    fn bom_is_accepted() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(format!("{HEAD}[]}}").as_bytes());
        assert!(parse_collection(Path::new("c.json"), &bytes).is_ok());
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        let e = err(&format!("{HEAD}[]}} x"));
        assert!(e.contains("trailing characters"), "{e}");
    }
}
