//! Laying out a schema folder: `index.json` and one schema file per endpoint × status ×
//! JSON media type, pretty-printed, keys sorted, file names stable.
//!
//! The index:
//!
//! ```json
//! {
//!   "description": "Inferred by pmcheck schemas infer from 42 samples of …; review before committing.",
//!   "statuses": {},
//!   "paths": {
//!     "POST /sso/v1/sdk/authenticate": {
//!       "401": { "application/json": "post-sso-v1-sdk-authenticate.401.json", "text/html": "none" }
//!     }
//!   }
//! }
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::shape::to_value;
use super::{Cell, InferError, Inference};

/// The `$schema` of every file.
const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// What the index says of a media type whose bodies are not checked.
const ANY_BODY: &str = "none";

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The folder.
    pub dir: PathBuf,
    /// Schema files written (besides `index.json`).
    pub files: usize,
    /// Endpoints in the index.
    pub endpoints: usize,
    /// Samples they were inferred from.
    pub samples: usize,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> InferError + '_ {
    move |source| InferError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// `a`, `a and b`, `a, b and c`.
fn names(set: &BTreeSet<String>) -> String {
    let v: Vec<&str> = set.iter().map(String::as_str).collect();
    match v.as_slice() {
        [] => "no collection".into(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A file-name part of a media type: `application/scim+json` → `scim-json`.
fn media_slug(media: &str) -> String {
    let sub = media.split_once('/').map_or(media, |(_, s)| s);
    let mut out = String::new();
    for c in sub.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

impl Inference {
    /// The index and the schema files (name, contents), in a stable order.
    pub(crate) fn render(&self) -> (Value, Vec<(String, Value)>) {
        let mut files: Vec<(String, Value)> = Vec::new();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let mut paths = serde_json::Map::new();
        for (key, (endpoint, statuses)) in &self.endpoints {
            // Two endpoints of the same slug (`/a-b`, `/a/b`) get `-2`, `-3`, … in key order.
            let base = endpoint.slug();
            let mut stem = base.clone();
            let mut n = 1;
            while taken.contains(&stem) {
                n += 1;
                stem = format!("{base}-{n}");
            }
            taken.insert(stem.clone());
            let mut by_status = serde_json::Map::new();
            for (status, media) in statuses {
                let schemas = media.values().filter(|c| !c.any_body).count();
                let mut by_media = serde_json::Map::new();
                for (media_type, cell) in media {
                    let entry = if cell.any_body {
                        ANY_BODY.to_string()
                    } else {
                        let name = if schemas == 1 {
                            format!("{stem}.{status}.json")
                        } else {
                            format!("{stem}.{status}.{}.json", media_slug(media_type))
                        };
                        let what = format!("{key}, status {status}, {media_type}");
                        files.push((name.clone(), self.schema(cell, &what)));
                        name
                    };
                    by_media.insert(media_type.clone(), Value::from(entry));
                }
                by_status.insert(status.to_string(), Value::Object(by_media));
            }
            paths.insert(key.clone(), Value::Object(by_status));
        }
        let mut index = BTreeMap::new();
        index.insert(
            "description".to_string(),
            Value::from(format!(
                "Inferred by {} from {} samples of {}; review before committing.",
                self.origin,
                self.samples,
                names(&self.collections)
            )),
        );
        index.insert(
            "statuses".to_string(),
            Value::Object(serde_json::Map::new()),
        );
        index.insert("paths".to_string(), Value::Object(paths));
        (to_value(index), files)
    }

    fn schema(&self, cell: &Cell, what: &str) -> Value {
        let mut schema = cell.shape.schema(self.options.enums);
        schema.insert("$schema".into(), Value::from(DRAFT));
        schema.insert(
            "description".into(),
            Value::from(format!(
                "Inferred by {} from {} samples of {} ({what}); review before committing.",
                self.origin,
                cell.samples,
                names(&cell.collections)
            )),
        );
        to_value(schema)
    }

    /// Writes the folder `dir`: refuses one that holds files unless `force`, which first
    /// removes the `index.json` there and the files it names.
    pub fn write(&self, dir: &Path, force: bool) -> Result<Written, InferError> {
        check_output(dir, force)?;
        if force {
            remove_previous(dir)?;
        }
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let (index, files) = self.render();
        for (name, schema) in &files {
            write_json(&dir.join(name), schema)?;
        }
        write_json(&dir.join("index.json"), &index)?;
        Ok(Written {
            dir: dir.to_path_buf(),
            files: files.len(),
            endpoints: self.endpoints.len(),
            samples: self.samples,
        })
    }
}

/// Fails unless `dir` is missing or empty, or `force`.
pub(crate) fn check_output(dir: &Path, force: bool) -> Result<(), InferError> {
    if force {
        return Ok(());
    }
    match std::fs::read_dir(dir) {
        Ok(mut entries) => match entries.next() {
            None => Ok(()),
            Some(_) => Err(InferError::NotEmpty(dir.to_path_buf())),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(dir)(e)),
    }
}

/// Removes `dir/index.json` and the plain file names it maps to (nothing else).
fn remove_previous(dir: &Path) -> Result<(), InferError> {
    let index_path = dir.join("index.json");
    let Ok(text) = std::fs::read_to_string(&index_path) else {
        return Ok(());
    };
    let mut names = Vec::new();
    if let Ok(index) = serde_json::from_str::<Value>(&text) {
        collect_names(&index["paths"], &mut names);
        collect_names(&index["statuses"], &mut names);
    }
    for name in names {
        let plain = Path::new(&name)
            .file_name()
            .is_some_and(|f| f == name.as_str());
        if plain && name.ends_with(".json") && name != "index.json" {
            let path = dir.join(&name);
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io(&path)(e)),
            }
        }
    }
    std::fs::remove_file(&index_path).map_err(io(&index_path))
}

fn collect_names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Object(m) => m.values().for_each(|v| collect_names(v, out)),
        _ => {}
    }
}

fn write_json(path: &Path, value: &Value) -> Result<(), InferError> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| io(path)(e.into()))?;
    text.push('\n');
    std::fs::write(path, text).map_err(io(path))
}
