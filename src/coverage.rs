//! Which documented cells of endpoint × op × status class the collections exercise,
//! derived without sending anything: the endpoint from the rendered URL (matched against
//! the documented endpoints, which may be path templates below base paths, as an OpenAPI
//! document's operations are), the op from the rendered JSON body, the classes from the
//! sidecar or the saved examples.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use crate::check::{PathTemplate, Router, StatusPattern};
use crate::collection::{Body, Step};
use crate::file_error::FileError;
use crate::openapi::OpenApi;
use crate::request::{BuildOptions, Target, build};
use crate::session::{Session, initial_scope};
use crate::vars::{DynamicVars, Resolver};

/// The built-in IDCS table (`schemas/idcs/coverage.json`).
const BUILTIN_IDCS: &str = include_str!("../schemas/idcs/coverage.json");

/// The documented cells of an API.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a coverage table with `classes` and `cells`"
)]
pub struct Documented {
    /// What the table covers and where it comes from.
    #[serde(default)]
    pub description: String,
    /// Column order.
    pub classes: Vec<String>,
    /// Documented rows.
    pub cells: Vec<DocumentedRow>,
}

/// One documented row: an endpoint and op with the classes it documents.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentedRow {
    /// `METHOD /path`; the path may be a template (`GET /pet/{petId}`).
    pub endpoint: String,
    /// The JSON body's `op`, `-`, `(missing)` or `(invalid)`.
    pub op: String,
    /// Documented classes.
    pub classes: Vec<String>,
    /// The base paths the endpoint's path is below (an OpenAPI document's servers); none:
    /// the path as written.
    #[serde(skip)]
    pub base_paths: Vec<String>,
}

impl Documented {
    /// The operations × documented status keys of OpenAPI documents (`GET /pet/{petId}`,
    /// op `-`, `200`, `4XX`, `default`), each document once.
    pub fn from_openapi<'a>(documents: impl IntoIterator<Item = &'a OpenApi>) -> Documented {
        let mut out = Documented {
            description: String::new(),
            classes: Vec::new(),
            cells: Vec::new(),
        };
        let mut described: Vec<String> = Vec::new();
        for api in documents {
            let name = api.path.display().to_string();
            if described.contains(&name) {
                continue;
            }
            described.push(name);
            for (endpoint, base_paths, keys) in api.operations() {
                out.cells.push(DocumentedRow {
                    endpoint: endpoint.to_string(),
                    op: "-".into(),
                    classes: keys,
                    base_paths: base_paths.to_vec(),
                });
            }
        }
        let mut classes: Vec<String> = out.cells.iter().flat_map(|c| c.classes.clone()).collect();
        classes.sort_by_key(|k| column_order(k));
        classes.dedup();
        out.classes = classes;
        out.description = format!("operations of {}", described.join(", "));
        out
    }

    /// The built-in IDCS table.
    pub fn builtin_idcs() -> Result<Documented, FileError> {
        Self::parse(Path::new("schemas/idcs/coverage.json"), BUILTIN_IDCS)
    }

    /// `dir/coverage.json`.
    pub fn load(dir: &Path) -> Result<Documented, FileError> {
        let path = dir.join("coverage.json");
        let text = FileError::read(&path)?;
        Self::parse(&path, &text)
    }

    fn parse(path: &Path, text: &str) -> Result<Documented, FileError> {
        serde_json::from_str(text).map_err(|e| FileError::json(path, &e))
    }

    fn ops_of(&self, endpoint: &str) -> impl Iterator<Item = &str> {
        self.cells
            .iter()
            .filter(move |c| c.endpoint == endpoint)
            .map(|c| c.op.as_str())
    }

    /// The documented endpoints by method and path template, below their base paths.
    fn router(&self) -> Router<usize> {
        let mut routes = Vec::new();
        for (i, cell) in self.cells.iter().enumerate() {
            let (method, path) = cell
                .endpoint
                .split_once(' ')
                .unwrap_or(("", cell.endpoint.as_str()));
            let method = (!method.is_empty()).then(|| method.to_ascii_uppercase());
            if cell.base_paths.is_empty() {
                routes.push((method.clone(), PathTemplate::parse(path), i));
            }
            for base in &cell.base_paths {
                routes.push((
                    method.clone(),
                    PathTemplate::parse(&format!("{base}{path}")),
                    i,
                ));
            }
        }
        Router::new(routes)
    }

    /// Every class documented for `endpoint` (any op).
    fn classes_of(&self, endpoint: &str) -> Vec<&str> {
        self.cells
            .iter()
            .filter(|c| c.endpoint == endpoint)
            .flat_map(|c| c.classes.iter().map(String::as_str))
            .collect()
    }
}

/// Sort key of a column: codes, then ranges, then `default`.
fn column_order(key: &str) -> (u8, String) {
    let rank = if key.eq_ignore_ascii_case("default") {
        2
    } else if key.bytes().all(|b| b.is_ascii_digit()) {
        0
    } else {
        1
    };
    (rank, key.to_ascii_lowercase())
}

/// Requests per (endpoint, op) row and class.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// `(endpoint, op)` → class → number of requests.
    pub cells: BTreeMap<(String, String), BTreeMap<String, usize>>,
    /// Documented cells no request reaches: `(endpoint, op, class)`.
    pub missing: Vec<(String, String, String)>,
    /// Column order (documented classes first, then any other seen).
    pub classes: Vec<String>,
    /// Requests whose endpoint the table documents.
    pub matched: usize,
}

/// The class column of a status: `2xx`, `3xx`, the exact 4xx code, `500` for 5xx.
fn class_of(pattern: StatusPattern) -> String {
    match pattern {
        StatusPattern::Code(c) if (400..500).contains(&c) => c.to_string(),
        StatusPattern::Code(c) if c >= 500 => "500".into(),
        StatusPattern::Code(c) => format!("{}xx", c / 100),
        StatusPattern::Class(5) => "500".into(),
        StatusPattern::Class(d) => format!("{d}xx"),
    }
}

/// The column of a status for an endpoint documenting `keys`: the exact code, else its
/// range (`4XX`, as written), else `default`, when documented; else [`class_of`].
fn column_of(pattern: StatusPattern, keys: &[&str]) -> String {
    let range = |d: u8| {
        keys.iter()
            .find(|k| k.eq_ignore_ascii_case(&format!("{d}xx")))
            .map(|k| (*k).to_string())
    };
    let documented = match pattern {
        StatusPattern::Code(c) => keys
            .iter()
            .find(|k| **k == c.to_string())
            .map(|k| (*k).to_string())
            .or_else(|| u8::try_from(c / 100).ok().and_then(range))
            .or_else(|| keys.contains(&"default").then(|| "default".to_string())),
        StatusPattern::Class(d) => range(d),
    };
    documented.unwrap_or_else(|| class_of(pattern))
}

fn op_of(
    step: &Step,
    endpoint: &str,
    resolver: &mut Resolver<'_>,
    documented: &Documented,
) -> String {
    let Some(Body::Raw { text, .. }) = &step.request.body else {
        return "-".into();
    };
    let rendered = resolver.render_str(text);
    let Ok(serde_json::Value::Object(json)) = serde_json::from_str::<serde_json::Value>(&rendered)
    else {
        return "-".into();
    };
    match json.get("op").and_then(|o| o.as_str()) {
        None => "(missing)".into(),
        Some(op) => {
            let known: BTreeSet<&str> = documented.ops_of(endpoint).collect();
            if known.len() == 1 && known.contains("-") {
                // An endpoint documented without ops (an OpenAPI operation).
                "-".into()
            } else if known.contains(op) || known.is_empty() {
                op.to_string()
            } else {
                "(invalid)".into()
            }
        }
    }
}

/// The method (upper case, `GET` when empty) and URL path a step would send, rendered
/// without sending (the raw path when the request cannot be built).
pub(crate) fn method_and_path(step: &Step, resolver: &mut Resolver<'_>) -> (String, String) {
    // Only the path counts: any origin will do, and a URL without one still has a path.
    let origin = Target::parse("http://coverage.invalid").ok();
    let path = build(
        step,
        resolver,
        &BuildOptions::default(),
        origin.as_ref(),
        None,
    )
    .ok()
    .and_then(|spec| url::Url::parse(&spec.url).ok())
    .map(|u| u.path().to_string())
    .unwrap_or_else(|| format!("/{}", step.request.url.path.join("/")));
    let method = resolver
        .render_str(&step.request.method)
        .to_ascii_uppercase();
    if method.is_empty() {
        ("GET".into(), path)
    } else {
        (method, path)
    }
}

/// The coverage matrix of the session's plan against `documented`, with each collection's
/// variables (its target's too).
pub fn coverage(session: &Session, documented: &Documented) -> Coverage {
    let mut out = Coverage {
        classes: documented.classes.clone(),
        ..Coverage::default()
    };
    let mut dynamic = DynamicVars::new(Some(0));
    let router = documented.router();
    for (c, collection) in session.plan.collections.iter().enumerate() {
        let scope = initial_scope(collection, &session.options, session.target(c));
        for step in &collection.steps {
            let mut resolver = Resolver::new(&scope, &step.folder_vars, &mut dynamic);
            let (method, path) = method_and_path(step, &mut resolver);
            let endpoint = match router.find(&method, &path) {
                Some(i) => {
                    out.matched += 1;
                    documented.cells[*i].endpoint.clone()
                }
                None => format!("{method} {path}"),
            };
            let op = op_of(step, &endpoint, &mut resolver, documented);
            let keys = documented.classes_of(&endpoint);
            let statuses: Vec<StatusPattern> = match &step.config.expect {
                Some(list) => list.clone(),
                None => step
                    .examples
                    .iter()
                    .filter_map(|e| e.code)
                    .map(StatusPattern::Code)
                    .collect(),
            };
            let row = out.cells.entry((endpoint, op)).or_default();
            let classes: BTreeSet<String> =
                statuses.into_iter().map(|p| column_of(p, &keys)).collect();
            for class in classes {
                if !out.classes.contains(&class) {
                    out.classes.push(class.clone());
                }
                *row.entry(class).or_default() += 1;
            }
        }
    }
    for cell in &documented.cells {
        for class in &cell.classes {
            let reached = out
                .cells
                .get(&(cell.endpoint.clone(), cell.op.clone()))
                .is_some_and(|row| row.contains_key(class));
            if !reached {
                out.missing
                    .push((cell.endpoint.clone(), cell.op.clone(), class.clone()));
            }
        }
        out.cells
            .entry((cell.endpoint.clone(), cell.op.clone()))
            .or_default();
    }
    out
}

impl Coverage {
    /// The matrix as text: a count per reached cell, `MISSING` for a documented cell no
    /// request reaches, `.` elsewhere.
    pub fn render(&self) -> String {
        let rows: Vec<String> = self
            .cells
            .keys()
            .map(|(e, o)| format!("{e}  {o}"))
            .collect();
        let width = rows
            .iter()
            .map(|r| r.chars().count())
            .max()
            .unwrap_or(0)
            .max(16);
        let mut out = format!("{:width$}", "endpoint  op");
        for c in &self.classes {
            out.push_str(&format!("  {c:>7}"));
        }
        out.push('\n');
        for ((endpoint, op), counts) in &self.cells {
            out.push_str(&format!("{:width$}", format!("{endpoint}  {op}")));
            for c in &self.classes {
                let missing = self
                    .missing
                    .iter()
                    .any(|(e, o, k)| e == endpoint && o == op && k == c);
                let cell = match counts.get(c) {
                    Some(n) => n.to_string(),
                    None if missing => "MISSING".into(),
                    None => ".".into(),
                };
                out.push_str(&format!("  {cell:>7}"));
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_takes_the_documented_key_exact_then_range_then_default() {
        let openapi = ["200", "4XX", "default"];
        assert_eq!(column_of(StatusPattern::Code(200), &openapi), "200");
        assert_eq!(column_of(StatusPattern::Code(404), &openapi), "4XX");
        assert_eq!(column_of(StatusPattern::Class(4), &openapi), "4XX");
        assert_eq!(column_of(StatusPattern::Code(503), &openapi), "default");
        assert_eq!(column_of(StatusPattern::Class(5), &openapi), "500");
        // The IDCS table's columns are what `class_of` gives.
        let idcs = ["2xx", "400", "401", "500"];
        assert_eq!(column_of(StatusPattern::Code(201), &idcs), "2xx");
        assert_eq!(column_of(StatusPattern::Code(404), &idcs), "404");
        assert_eq!(column_of(StatusPattern::Code(503), &idcs), "500");
        assert_eq!(column_of(StatusPattern::Code(302), &[]), "3xx");
    }

    #[test]
    fn columns_sort_codes_then_ranges_then_default() {
        let mut keys = vec!["default", "4XX", "404", "200", "2xx"];
        keys.sort_by_key(|k| column_order(k));
        assert_eq!(keys, ["200", "404", "2xx", "4XX", "default"]);
    }
}
