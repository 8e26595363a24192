//! OpenAPI 3.0 and 3.1 documents as a schema source: operations matched by method and
//! path template (below the servers' base paths), responses by status and media type,
//! schemas compiled once with `$ref`s resolved within the document and to relative files,
//! 3.0's schema dialect translated to JSON Schema.

mod compile;
mod dialect;
mod error;
mod load;
mod operations;
mod refs;
mod servers;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jsonschema::Draft;
use serde_json::Value;

use crate::check::{
    Bodies, BodyRule, CompiledSchema, DocumentedResponse, Lookup, MediaRange, PathTemplate,
    Responses, Router,
};
pub use error::OpenApiError;
use load::Documents;
use refs::Location;

/// One operation as judged: its name and documented responses.
#[derive(Debug)]
struct Entry {
    /// `GET /pet/{petId}`.
    name: String,
    /// The base paths its requests are below (`""`: `/`).
    base_paths: Vec<String>,
    responses: Responses,
}

/// A loaded OpenAPI document, its schemas compiled.
#[derive(Debug)]
pub struct OpenApi {
    /// The document's file.
    pub path: PathBuf,
    /// Its `openapi` version (`3.0.4`).
    pub version: String,
    entries: Vec<Entry>,
    router: Router<usize>,
}

/// The JSON Schema draft of a document's schemas: 3.0's translated schemas and 3.1's
/// default are 2020-12; 3.1 may name another with `jsonSchemaDialect`.
fn draft_of(docs: &Documents, version: &str) -> Result<Draft, OpenApiError> {
    let root = &docs.doc(0).value;
    if version.starts_with("3.0") {
        return Ok(Draft::Draft202012);
    }
    if !version.starts_with("3.1") {
        return Err(docs.error(
            0,
            "/openapi",
            format!("OpenAPI {version} is not supported (3.0 and 3.1 are)"),
        ));
    }
    match root.get("jsonSchemaDialect").and_then(Value::as_str) {
        None => Ok(Draft::Draft202012),
        Some(uri) => dialect::draft_of_dialect(uri).ok_or_else(|| {
            docs.error(
                0,
                "/jsonSchemaDialect",
                format!("jsonSchemaDialect {uri:?} is not a JSON Schema dialect pmcheck knows"),
            )
        }),
    }
}

impl OpenApi {
    /// Loads `path` (JSON or YAML) and the files its `$ref`s name, and compiles every
    /// response schema once.
    pub fn load(path: &Path) -> Result<OpenApi, OpenApiError> {
        let mut docs = Documents::load(path)?;
        let root = &docs.doc(0).value;
        let version = match root.get("openapi") {
            Some(Value::String(v)) => v.clone(),
            Some(_) => return Err(docs.error(0, "/openapi", "expected a version string".into())),
            None if root.get("swagger").is_some() => {
                return Err(docs.error(
                    0,
                    "/swagger",
                    "Swagger 2.0 is not supported: convert the document to OpenAPI 3".into(),
                ));
            }
            None => {
                return Err(docs.error(
                    0,
                    "",
                    "no `openapi` version: not an OpenAPI document".into(),
                ));
            }
        };
        let draft = draft_of(&docs, &version)?;
        let operations = operations::collect(&docs)?;
        let schemas: Vec<Location> = operations
            .iter()
            .flat_map(|o| &o.responses)
            .flat_map(|r| &r.media)
            .filter_map(|(_, at)| at.clone())
            .collect();
        if version.starts_with("3.0") {
            dialect::translate_30(&mut docs, schemas.clone())?;
        } else {
            dialect::responses_of_31(&mut docs, schemas.clone());
        }
        let validators = compile::compile(&docs, draft, &schemas)?;
        let mut entries = Vec::new();
        let mut routes = Vec::new();
        for op in operations {
            let name = op.name();
            let mut responses = Responses::new();
            for r in &op.responses {
                let mut bodies = Vec::new();
                for (range, schema) in &r.media {
                    let media = MediaRange::parse(range).ok_or_else(|| {
                        docs.error(
                            r.at.doc,
                            &r.at.pointer,
                            format!("{range:?} is not a media type or range"),
                        )
                    })?;
                    let rule = match schema.as_ref().and_then(|at| validators.get(at)) {
                        Some(v) => BodyRule::Schema(Arc::new(CompiledSchema::from_validator(
                            format!("{name} {} {range}", r.key),
                            v.clone(),
                        ))),
                        None => BodyRule::Any,
                    };
                    bodies.push((media, rule));
                }
                responses.insert(
                    r.status,
                    DocumentedResponse {
                        bodies: Bodies::ByMedia(bodies),
                        headers: r.required_headers.clone(),
                    },
                );
            }
            for base in &op.base_paths {
                let template = PathTemplate::parse(&format!("{base}{}", op.path));
                routes.push((Some(op.method.clone()), template, entries.len()));
            }
            entries.push(Entry {
                name,
                base_paths: op.base_paths,
                responses,
            });
        }
        Ok(OpenApi {
            path: path.to_path_buf(),
            version,
            entries,
            router: Router::new(routes),
        })
    }

    /// The operation a `method` request to `path` (a URL path) is, and its documented
    /// responses; `matched` is false when the document has no such operation.
    pub fn lookup(&self, method: &str, path: &str) -> Lookup<'_> {
        match self
            .router
            .find(method, path)
            .and_then(|i| self.entries.get(*i))
        {
            Some(e) => Lookup {
                operation: Some(&e.name),
                responses: Some(&e.responses),
                matched: true,
            },
            None => Lookup {
                operation: None,
                responses: None,
                matched: false,
            },
        }
    }

    /// The methods the document has an operation for at `path` (for a request whose own
    /// method has none).
    pub fn methods_at(&self, path: &str) -> Vec<String> {
        operations::METHODS
            .into_iter()
            .map(str::to_ascii_uppercase)
            .filter(|m| self.router.find(m, path).is_some())
            .collect()
    }

    /// What the run header says bodies are judged by.
    pub fn describe(&self) -> String {
        format!(
            "OpenAPI {} document {} ({} operation(s))",
            self.version,
            self.path.display(),
            self.entries.len()
        )
    }

    /// Each operation (`GET /pet/{petId}`), the base paths of its servers and its
    /// documented status keys (`200`, `4XX`, `default`), in document order.
    pub fn operations(&self) -> impl Iterator<Item = (&str, &[String], Vec<String>)> {
        self.entries.iter().map(|e| {
            (
                e.name.as_str(),
                e.base_paths.as_slice(),
                e.responses.keys().collect(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::BodyVerdict;
    use serde_json::json;

    fn fixture(name: &str) -> OpenApi {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/openapi")
            .join(name);
        OpenApi::load(&path).unwrap()
    }

    /// The violations' pointers of `body` for a `status` answer of `media` to `method path`.
    fn violations(
        api: &OpenApi,
        method: &str,
        path: &str,
        status: u16,
        body: Value,
    ) -> Vec<String> {
        let lookup = api.lookup(method, path);
        let (_, response) = lookup.responses.unwrap().for_status(status).unwrap();
        let BodyVerdict::Json(schema) = response.body(Some("application/json")) else {
            panic!("no schema for {status}");
        };
        schema
            .validate(&body, 20)
            .0
            .into_iter()
            .map(|v| v.pointer)
            .collect()
    }

    #[test]
    fn nullable_and_exclusive_minimum_mean_what_30_says() {
        let api = fixture("nullable.yaml");
        let path = "/api/v1/things/7";
        let lookup = api.lookup("GET", path);
        assert_eq!(lookup.operation, Some("GET /things/{id}"));
        let ok = json!({"id": 1, "price": 0.5, "note": null, "kind": null, "owner": null});
        assert!(violations(&api, "GET", path, 200, ok).is_empty());
        let ok = json!({"id": 1, "price": 2, "note": "n", "kind": "a", "owner": {"name": "x"}});
        assert!(violations(&api, "GET", path, 200, ok).is_empty());
        let bad = json!({"id": null, "price": 0, "note": 3, "kind": "c", "owner": {}});
        assert_eq!(
            violations(&api, "GET", path, 200, bad),
            ["/id", "/kind", "/note", "/owner", "/price"]
        );
        let (_, r) = lookup.responses.unwrap().for_status(200).unwrap();
        assert_eq!(r.headers, ["X-Request-Id"]);
        let BodyVerdict::Json(s) = r.body(Some("application/json")) else {
            panic!()
        };
        assert_eq!(s.name, "GET /things/{id} 200 application/json");
        // Another method on the path matches nothing; lint names the ones documented.
        assert!(!api.lookup("DELETE", path).matched);
        assert_eq!(api.methods_at(path), ["GET"]);
        assert!(api.methods_at("/api/v1/nothing").is_empty());
        // `default` documents every other status.
        let (key, r) = lookup.responses.unwrap().for_status(503).unwrap();
        assert_eq!(key.to_string(), "default");
        assert!(matches!(
            r.body(Some("application/problem+json")),
            BodyVerdict::Json(_)
        ));
        assert_eq!(
            api.lookup("GET", "/api/v1/things/special").operation,
            Some("GET /things/special")
        );
        assert!(
            !api.lookup("GET", "/things/7").matched,
            "below the server's base path only"
        );
        assert!(!api.lookup("POST", path).matched);
    }

    #[test]
    fn relative_files_and_recursive_schemas() {
        let api = fixture("tree/api.yaml");
        let path = "/trees/1";
        let ok = json!({"name": "root", "size": 1, "children": [{"name": "a", "children": [{"name": "b"}]}], "parent": null});
        assert!(violations(&api, "GET", path, 200, ok).is_empty());
        let bad = json!({"name": "root", "children": [{"name": "a", "children": [{"size": 0}]}], "parent": {"name": 1}});
        assert_eq!(
            violations(&api, "GET", path, 200, bad),
            [
                "/children/0/children/0",
                "/children/0/children/0/size",
                "/parent"
            ]
        );
        assert_eq!(violations(&api, "GET", path, 404, json!({})), [""]);
        assert!(violations(&api, "GET", path, 404, json!({"message": "m"})).is_empty());
    }

    #[test]
    fn documents_that_are_not_openapi_3_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for (name, text, expect) in [
            ("s.yaml", "swagger: '2.0'\n", "Swagger 2.0 is not supported"),
            ("n.yaml", "info: {}\n", "not an OpenAPI document"),
            (
                "v.yaml",
                "openapi: 4.0.0\n",
                "OpenAPI 4.0.0 is not supported",
            ),
            (
                "d.yaml",
                "openapi: 3.1.0\njsonSchemaDialect: https://example.com/d\n",
                "d.yaml:2:1: at /jsonSchemaDialect: jsonSchemaDialect",
            ),
            (
                "m.yaml",
                "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          content: {json: {}}\n",
                "\"json\" is not a media type",
            ),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            let e = OpenApi::load(&path).unwrap_err().to_string();
            assert!(e.contains(expect), "{name}: {e}");
        }
    }
}
