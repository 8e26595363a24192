//! Schema folders: an `index.json` mapping endpoints, statuses and media types to JSON
//! Schemas, compiled once per run; and the built-in IDCS folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::compiled::{CompiledSchema, SchemaError};
use super::media::MediaRange;
use super::responses::{Bodies, BodyRule, DocumentedResponse, Lookup, Responses, StatusKey};
use super::route::{PathTemplate, Router};
use crate::file_error::FileError;

/// A status entry of an index: a schema file (the legacy form: the body must be JSON
/// whatever its media type), or media ranges to a schema file or `none`.
#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "a schema file name, or an object of media types to schema files or \"none\""
)]
enum StatusEntry {
    File(String),
    ByMedia(std::collections::BTreeMap<String, String>),
}

type StatusFiles = std::collections::BTreeMap<String, StatusEntry>;

#[derive(Deserialize)]
#[serde(expecting = "a schema index object with `statuses` and/or `paths`")]
struct Index {
    #[serde(default)]
    statuses: StatusFiles,
    #[serde(default)]
    paths: std::collections::BTreeMap<String, StatusFiles>,
}

/// HTTP methods a `paths` key may start with.
const METHODS: [&str; 9] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT",
];

/// The schemas of one API, chosen by the request (an exact `METHOD /template` or
/// `/template/{param}` key of the index's `paths`, else the longest matching path prefix,
/// else its `statuses`), then by the response's status and media type.
#[derive(Debug, Default)]
pub struct SchemaSet {
    general: Responses,
    /// Path prefixes with their own maps, longest first.
    prefixes: Vec<(String, Responses)>,
    /// Exact templates (`POST /sso/v1/sdk/authenticate`, `/pets/{id}`).
    templates: Router<(String, Responses)>,
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

    /// The built-in IDCS set: its index documents only IDCS endpoints (authentication,
    /// token, session, admin), so it judges nothing of another API.
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
        let bad = |key: String, why: &str| SchemaError::BadEntry {
            path: index_path.to_path_buf(),
            key,
            why: why.to_string(),
        };
        let mut compiled: Vec<(String, Arc<CompiledSchema>)> = Vec::new();
        let mut schema = |file: &str| -> Result<Arc<CompiledSchema>, SchemaError> {
            if let Some((_, s)) = compiled.iter().find(|(f, _)| f == file) {
                return Ok(Arc::clone(s));
            }
            let (path, text) = read(file)?;
            let s = Arc::new(CompiledSchema::compile(&path, &text)?);
            compiled.push((file.to_string(), Arc::clone(&s)));
            Ok(s)
        };
        let mut map = |scope: &str, files: StatusFiles| -> Result<Responses, SchemaError> {
            let mut out = Responses::new();
            for (key, entry) in files {
                let status = StatusKey::parse(&key).ok_or_else(|| SchemaError::BadKey {
                    path: index_path.to_path_buf(),
                    key: format!("{scope}{key}"),
                })?;
                let bodies = match entry {
                    StatusEntry::File(file) if file == "none" => {
                        Bodies::ByMedia(vec![(MediaRange::Any, BodyRule::Any)])
                    }
                    StatusEntry::File(file) => Bodies::Json(schema(&file)?),
                    StatusEntry::ByMedia(media) => {
                        let mut entries = Vec::new();
                        for (range, file) in media {
                            let at = format!("{scope}{key}: {range}");
                            let parsed = MediaRange::parse(&range)
                                .ok_or_else(|| bad(at.clone(), "not a media type or range"))?;
                            let rule = if file == "none" {
                                BodyRule::Any
                            } else if parsed.is_json() || parsed == MediaRange::Any {
                                BodyRule::Schema(schema(&file)?)
                            } else {
                                return Err(bad(
                                    at,
                                    "a JSON Schema applies only to a JSON media type \
                                     (application/json, application/*+json) or */*; use \"none\"",
                                ));
                            };
                            entries.push((parsed, rule));
                        }
                        Bodies::ByMedia(entries)
                    }
                };
                out.insert(
                    status,
                    DocumentedResponse {
                        bodies,
                        headers: Vec::new(),
                    },
                );
            }
            Ok(out)
        };
        let general = map("", index.statuses)?;
        let mut prefixes = Vec::new();
        let mut templates = Vec::new();
        for (key, files) in index.paths {
            let responses = map(&format!("{key}: "), files)?;
            let (method, path) = match key.split_once(' ') {
                Some((m, p)) if METHODS.contains(&m) => (Some(m.to_string()), p.trim()),
                Some(_) => {
                    return Err(bad(
                        key,
                        "a path key is `/prefix`, `/template/{param}` or `METHOD /template`",
                    ));
                }
                None => (None, key.as_str()),
            };
            if !path.starts_with('/') {
                return Err(bad(key.clone(), "a path key's path starts with `/`"));
            }
            if method.is_some() || path.contains('{') {
                templates.push((method, PathTemplate::parse(path), (key.clone(), responses)));
            } else {
                prefixes.push((key, responses));
            }
        }
        prefixes.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
        Ok(SchemaSet {
            general,
            prefixes,
            templates: Router::new(templates),
            origin: String::new(),
        })
    }

    /// What the set documents for a `method` request to `path`: an exact template, else
    /// the longest matching prefix, else the general statuses.
    pub fn lookup(&self, method: &str, path: &str) -> Lookup<'_> {
        if let Some((key, responses)) = self.templates.find(method, path) {
            return Lookup {
                operation: Some(key),
                responses: Some(responses),
                matched: true,
            };
        }
        let (operation, responses) = self
            .prefixes
            .iter()
            .find(|(prefix, _)| path.starts_with(prefix.as_str()))
            .map_or((None, &self.general), |(p, r)| (Some(p.as_str()), r));
        Lookup {
            operation,
            responses: (!responses.is_empty()).then_some(responses),
            matched: true,
        }
    }

    /// What the run header says the collection's bodies are judged by.
    pub fn describe(&self) -> String {
        self.origin.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::BodyVerdict;

    const AUTHN: &str = "/sso/v1/sdk/authenticate";

    /// The schema judging a JSON answer, if any.
    fn schema_name(set: &SchemaSet, path: &str, status: u16) -> Option<String> {
        let (_, doc) = set.lookup("POST", path).responses?.for_status(status)?;
        match doc.body(Some("application/json")) {
            BodyVerdict::Json(s) => Some(s.name.clone()),
            _ => None,
        }
    }

    #[test]
    fn builtin_set_resolves_codes_and_classes_on_idcs_paths_only() {
        let set = SchemaSet::builtin_idcs().unwrap();
        assert_eq!(schema_name(&set, AUTHN, 401).as_deref(), Some("401.json"));
        assert_eq!(schema_name(&set, AUTHN, 201).as_deref(), Some("2xx.json"));
        assert_eq!(schema_name(&set, AUTHN, 503).as_deref(), Some("500.json"));
        assert_eq!(schema_name(&set, AUTHN, 404), None);
        assert_eq!(
            schema_name(&set, "/oauth2/v1/token", 200).as_deref(),
            Some("token.json")
        );
        assert_eq!(
            schema_name(&set, "/oauth2/v1/token", 401).as_deref(),
            Some("oauth-error.json")
        );
        assert_eq!(schema_name(&set, "/admin/v1/Me", 200), None);
        for foreign in ["/", "/users/1", "/api/v1/sso", "/status/500"] {
            for status in [200, 400, 401, 422, 500] {
                assert_eq!(
                    schema_name(&set, foreign, status),
                    None,
                    "{foreign} {status}"
                );
            }
        }
    }

    #[test]
    fn the_gateway_html_401_is_documented() {
        let set = SchemaSet::builtin_idcs().unwrap();
        let (_, doc) = set
            .lookup("POST", AUTHN)
            .responses
            .unwrap()
            .for_status(401)
            .unwrap();
        assert!(matches!(
            doc.body(Some("text/html; charset=utf-8")),
            BodyVerdict::Unchecked
        ));
        match doc.body(Some("text/plain")) {
            BodyVerdict::Undocumented { documented } => {
                assert_eq!(documented, ["application/json", "text/html"]);
            }
            other => panic!("{other:?}"),
        }
    }

    fn index(text: &str) -> Result<SchemaSet, SchemaError> {
        SchemaSet::from_index(Path::new("index.json"), text, |name| {
            Ok((
                PathBuf::from(name),
                r#"{"type":"object","required":["id"]}"#.to_string(),
            ))
        })
    }

    #[test]
    fn templates_beat_prefixes_and_legacy_entries_need_json() {
        let set = index(
            r#"{"statuses": {"default": "d.json"},
                "paths": {"GET /pets/{id}": {"200": {"application/json": "pet.json"}},
                          "/pets": {"2xx": "list.json"}}}"#,
        )
        .unwrap();
        let pet = set.lookup("GET", "/pets/7");
        assert_eq!(pet.operation, Some("GET /pets/{id}"));
        assert_eq!(
            schema_name(&set, "/pets", 200).as_deref(),
            Some("list.json")
        );
        assert_eq!(schema_name(&set, "/other", 404).as_deref(), Some("d.json"));
        // POST /pets/7 is not the GET template: the /pets prefix applies.
        let (_, doc) = set
            .lookup("POST", "/pets/7")
            .responses
            .unwrap()
            .for_status(201)
            .unwrap();
        assert!(
            matches!(doc.body(Some("text/html")), BodyVerdict::Json(s) if s.name == "list.json")
        );
    }

    #[test]
    fn bad_entries_name_the_key() {
        let err = index(r#"{"statuses": {"401": {"text/html": "x.json"}}}"#).unwrap_err();
        assert!(
            err.to_string()
                .contains("401: text/html: a JSON Schema applies only"),
            "{err}"
        );
        let err = index(r#"{"statuses": {"401": {"html": "none"}}}"#).unwrap_err();
        assert!(err.to_string().contains("not a media type"), "{err}");
        let err = index(r#"{"paths": {"FETCH /x": {}}}"#).unwrap_err();
        assert!(err.to_string().contains("FETCH /x"), "{err}");
        let err = index(r#"{"statuses": {"4x": "a.json"}}"#).unwrap_err();
        assert!(err.to_string().contains("\"4x\""), "{err}");
    }

    #[test]
    fn violations_are_sorted_and_capped() {
        let set = SchemaSet::builtin_idcs().unwrap();
        let body = serde_json::json!({"status": "ok", "cause": [{"code": "X"}]});
        let (_, doc) = set
            .lookup("POST", AUTHN)
            .responses
            .unwrap()
            .for_status(400)
            .unwrap();
        let BodyVerdict::Json(schema) = doc.body(Some("application/json")) else {
            panic!("no schema for 400");
        };
        let (v, total) = schema.validate(&body, 2);
        assert_eq!(total, 4, "{v:?}");
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].pointer, "");
        assert_eq!(v[0].keyword, "required");
    }
}
