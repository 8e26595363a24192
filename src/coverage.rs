//! Which documented cells of endpoint × op × status class the collections exercise,
//! derived without sending anything: the endpoint from the rendered URL, the op from the
//! rendered JSON body, the classes from the sidecar or the saved examples.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use crate::check::StatusPattern;
use crate::collection::{Body, Step};
use crate::file_error::FileError;
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
    /// `METHOD /path`.
    pub endpoint: String,
    /// The JSON body's `op`, `-`, `(missing)` or `(invalid)`.
    pub op: String,
    /// Documented classes.
    pub classes: Vec<String>,
}

impl Documented {
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
            if known.contains(op) || known.is_empty() {
                op.to_string()
            } else {
                "(invalid)".into()
            }
        }
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
    // Only the path counts: any origin will do, and a URL without one still has a path.
    let origin = Target::parse("http://coverage.invalid").ok();
    for (c, collection) in session.plan.collections.iter().enumerate() {
        let scope = initial_scope(collection, &session.options, session.target(c));
        for step in &collection.steps {
            let mut resolver = Resolver::new(&scope, &step.folder_vars, &mut dynamic);
            let build_options = BuildOptions::default();
            let path = build(step, &mut resolver, &build_options, origin.as_ref(), None)
                .ok()
                .and_then(|spec| url::Url::parse(&spec.url).ok())
                .map(|u| u.path().to_string())
                .unwrap_or_else(|| format!("/{}", step.request.url.path.join("/")));
            let method = resolver
                .render_str(&step.request.method)
                .to_ascii_uppercase();
            let method = if method.is_empty() {
                "GET".into()
            } else {
                method
            };
            let endpoint = format!("{method} {path}");
            let op = op_of(step, &endpoint, &mut resolver, documented);
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
            let classes: BTreeSet<String> = statuses.into_iter().map(class_of).collect();
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
