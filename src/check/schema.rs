//! JSON Schemas per status or error class, compiled once per run.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::expect::StatusPattern;
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
    /// The validator's message (it may quote the offending value).
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

    /// Every violation of `instance`, sorted by pointer, at most `cap`; the second value is
    /// the total number found.
    pub fn validate(&self, instance: &serde_json::Value, cap: usize) -> (Vec<Violation>, usize) {
        let mut all: Vec<Violation> = self
            .validator
            .iter_errors(instance)
            .map(|e| Violation {
                pointer: e.instance_path().as_str().to_string(),
                keyword: e.kind().keyword().to_string(),
                message: e.to_string(),
                schema_path: e.schema_path().as_str().to_string(),
            })
            .collect();
        all.sort();
        // The same finding reached through two schema paths (branches of `anyOf`) is one.
        all.dedup_by(|a, b| {
            a.pointer == b.pointer && a.keyword == b.keyword && a.message == b.message
        });
        let total = all.len();
        all.truncate(cap);
        (all, total)
    }
}

type StatusFiles = std::collections::BTreeMap<String, String>;

#[derive(Deserialize)]
#[serde(expecting = "a schema index object with `statuses` (and optionally `paths`)")]
struct Index {
    statuses: StatusFiles,
    #[serde(default)]
    paths: std::collections::BTreeMap<String, StatusFiles>,
}

/// Schemas by status: exact code first, then its class, then `default`.
#[derive(Debug, Clone, Default)]
struct StatusMap {
    entries: Vec<(StatusPattern, Arc<CompiledSchema>)>,
    default: Option<Arc<CompiledSchema>>,
}

impl StatusMap {
    fn get(&self, status: u16) -> Option<&Arc<CompiledSchema>> {
        let exact = self
            .entries
            .iter()
            .find(|(p, _)| matches!(p, StatusPattern::Code(c) if *c == status));
        let class = || {
            self.entries
                .iter()
                .find(|(p, _)| matches!(p, StatusPattern::Class(_)) && p.matches(status))
        };
        exact
            .or_else(class)
            .map(|(_, s)| s)
            .or(self.default.as_ref())
    }
}

/// The schemas of one API, chosen by the request's URL path (the longest matching
/// `paths` prefix of the index, else its `statuses`) and the response status.
#[derive(Debug, Clone, Default)]
pub struct SchemaSet {
    general: StatusMap,
    /// Path prefixes with their own maps, longest first.
    paths: Vec<(String, StatusMap)>,
    /// Where the set came from (a folder, or "built-in IDCS").
    pub origin: String,
}

/// The built-in IDCS Authentication API schemas (the files of `schemas/idcs/`).
const BUILTIN_IDCS: [(&str, &str); 8] = [
    ("index.json", include_str!("../../schemas/idcs/index.json")),
    ("2xx.json", include_str!("../../schemas/idcs/2xx.json")),
    ("400.json", include_str!("../../schemas/idcs/400.json")),
    ("401.json", include_str!("../../schemas/idcs/401.json")),
    ("422.json", include_str!("../../schemas/idcs/422.json")),
    ("500.json", include_str!("../../schemas/idcs/500.json")),
    ("token.json", include_str!("../../schemas/idcs/token.json")),
    (
        "oauth-error.json",
        include_str!("../../schemas/idcs/oauth-error.json"),
    ),
];

impl SchemaSet {
    /// Loads `dir/index.json` and compiles every schema it names, once.
    pub fn load(dir: &Path) -> Result<SchemaSet, SchemaError> {
        let index_path = dir.join("index.json");
        let index = FileError::read(&index_path)?;
        Self::from_index(&index_path, &index, |name| {
            let path = dir.join(name);
            let text = FileError::read(&path)?;
            Ok((path, text))
        })
        .map(|mut s| {
            s.origin = dir.display().to_string();
            s
        })
    }

    /// The built-in IDCS set.
    pub fn builtin_idcs() -> Result<SchemaSet, SchemaError> {
        let file = |name: &str| -> Result<(PathBuf, String), SchemaError> {
            let path = PathBuf::from("schemas/idcs").join(name);
            BUILTIN_IDCS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, text)| (path.clone(), (*text).to_string()))
                .ok_or_else(|| {
                    SchemaError::File(FileError::Io {
                        path,
                        source: std::io::Error::from(std::io::ErrorKind::NotFound),
                    })
                })
        };
        let (index_path, index) = file("index.json")?;
        let mut set = Self::from_index(&index_path, &index, file)?;
        set.origin = "built-in IDCS schemas".into();
        Ok(set)
    }

    fn from_index(
        index_path: &Path,
        index: &str,
        mut read: impl FnMut(&str) -> Result<(PathBuf, String), SchemaError>,
    ) -> Result<SchemaSet, SchemaError> {
        let index: Index =
            serde_json::from_str(index).map_err(|e| FileError::json(index_path, &e))?;
        let mut compiled: Vec<(String, Arc<CompiledSchema>)> = Vec::new();
        let mut map = |files: StatusFiles| -> Result<StatusMap, SchemaError> {
            let mut out = StatusMap::default();
            for (key, file) in files {
                let schema = match compiled.iter().find(|(f, _)| *f == file) {
                    Some((_, s)) => Arc::clone(s),
                    None => {
                        let (path, text) = read(&file)?;
                        let s = Arc::new(CompiledSchema::compile(&path, &text)?);
                        compiled.push((file, Arc::clone(&s)));
                        s
                    }
                };
                if key == "default" {
                    out.default = Some(schema);
                } else {
                    let pattern =
                        StatusPattern::parse(&key).ok_or_else(|| SchemaError::BadKey {
                            path: index_path.to_path_buf(),
                            key: key.clone(),
                        })?;
                    out.entries.push((pattern, schema));
                }
            }
            Ok(out)
        };
        let general = map(index.statuses)?;
        let mut paths = Vec::new();
        for (prefix, files) in index.paths {
            paths.push((prefix, map(files)?));
        }
        paths.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
        Ok(SchemaSet {
            general,
            paths,
            origin: String::new(),
        })
    }

    /// What the run header says the collection's bodies are judged by.
    pub fn describe(&self) -> String {
        self.origin.clone()
    }

    /// The schema for a response with `status` to a request for `path`, if any.
    pub fn for_response(&self, path: &str, status: u16) -> Option<&Arc<CompiledSchema>> {
        self.paths
            .iter()
            .find(|(prefix, _)| path.starts_with(prefix.as_str()))
            .map_or(&self.general, |(_, m)| m)
            .get(status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_set_resolves_codes_and_classes() {
        let set = SchemaSet::builtin_idcs().unwrap();
        let authn = "/sso/v1/sdk/authenticate";
        assert_eq!(set.for_response(authn, 401).unwrap().name, "401.json");
        assert_eq!(set.for_response(authn, 201).unwrap().name, "2xx.json");
        assert_eq!(set.for_response(authn, 503).unwrap().name, "500.json");
        assert!(set.for_response(authn, 404).is_none());
        assert_eq!(
            set.for_response("/oauth2/v1/token", 200).unwrap().name,
            "token.json"
        );
        assert_eq!(
            set.for_response("/oauth2/v1/token", 401).unwrap().name,
            "oauth-error.json"
        );
        assert!(set.for_response("/admin/v1/Me", 200).is_none());
    }

    #[test]
    fn violations_are_sorted_and_capped() {
        let set = SchemaSet::builtin_idcs().unwrap();
        let body = serde_json::json!({"status": "ok", "cause": [{"code": "X"}]});
        let (v, total) = set
            .for_response("/sso/v1/sdk/authenticate", 400)
            .unwrap()
            .validate(&body, 2);
        assert_eq!(total, 4, "{v:?}");
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].pointer, "");
        assert_eq!(v[0].keyword, "required");
    }
}
