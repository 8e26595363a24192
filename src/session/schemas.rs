//! Each collection's schema source, chosen and compiled once per run: a schema folder, an
//! OpenAPI document, or the built-in IDCS schemas, which document IDCS endpoints only.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::{CompiledSchema, Lookup, SchemaError, SchemaSet};
use crate::collection::{Plan, SchemaOverride};
use crate::openapi::{OpenApi, OpenApiError};

/// Where a collection's documented responses come from.
#[derive(Debug, Clone)]
pub enum SchemaSource {
    /// A schema folder (`index.json` and its schemas), or the built-in IDCS set.
    Map(Arc<SchemaSet>),
    /// An OpenAPI 3.0 or 3.1 document.
    OpenApi(Arc<OpenApi>),
}

impl SchemaSource {
    /// What the source documents for a `method` request to `path` (a URL path).
    pub fn lookup(&self, method: &str, path: &str) -> Lookup<'_> {
        match self {
            SchemaSource::Map(set) => set.lookup(method, path),
            SchemaSource::OpenApi(api) => api.lookup(method, path),
        }
    }

    /// What the run header says the collection's bodies are judged by.
    pub fn describe(&self) -> String {
        match self {
            SchemaSource::Map(set) => set.describe(),
            SchemaSource::OpenApi(api) => api.describe(),
        }
    }

    /// The OpenAPI document, when the source is one.
    pub fn openapi(&self) -> Option<&Arc<OpenApi>> {
        match self {
            SchemaSource::OpenApi(api) => Some(api),
            SchemaSource::Map(_) => None,
        }
    }
}

/// The schemas a run judges bodies with, compiled once.
#[derive(Debug, Clone, Default)]
pub struct Schemas {
    /// One source per collection of the plan, in plan order.
    pub per_collection: Vec<SchemaSource>,
    /// Sidecar schema overrides by file.
    pub files: HashMap<PathBuf, Arc<CompiledSchema>>,
}

/// Why a collection's schema source could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// A schema folder or file could not be used.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// An OpenAPI document could not be used.
    #[error(transparent)]
    OpenApi(#[from] OpenApiError),
    /// One place names both a schema folder and an OpenAPI document.
    #[error("{origin}: both `schemas` and `openapi` name a schema source; keep one")]
    Both {
        /// The sidecar file, or "the command line".
        origin: String,
    },
}

/// A schema source given by name: a folder or a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Named {
    Dir(PathBuf),
    OpenApi(PathBuf),
}

/// At most one of a folder and a document, else [`SourceError::Both`] naming `origin`.
fn one_of(
    dir: Option<&Path>,
    openapi: Option<&Path>,
    origin: impl FnOnce() -> String,
) -> Result<Option<Named>, SourceError> {
    match (dir, openapi) {
        (Some(_), Some(_)) => Err(SourceError::Both { origin: origin() }),
        (Some(d), None) => Ok(Some(Named::Dir(d.to_path_buf()))),
        (None, Some(f)) => Ok(Some(Named::OpenApi(f.to_path_buf()))),
        (None, None) => Ok(None),
    }
}

/// Picks and compiles each collection's schema source (`--schemas DIR` or `--openapi
/// FILE`, else the sidecar's `schemas` or `openapi`, else `schemas/` next to the
/// collection, else the built-in IDCS set, which judges IDCS endpoints only) and every
/// sidecar override, each file once.
pub fn compile_schemas(
    plan: &Plan,
    forced_dir: Option<&Path>,
    forced_openapi: Option<&Path>,
) -> Result<Schemas, SourceError> {
    let forced = one_of(forced_dir, forced_openapi, || "the command line".into())?;
    let mut by_name: HashMap<Named, SchemaSource> = HashMap::new();
    let mut builtin: Option<Arc<SchemaSet>> = None;
    let mut out = Schemas::default();
    for c in &plan.collections {
        let beside = c.path.parent().map(|d| d.join("schemas"));
        let sidecar = match (&forced, &c.sidecar) {
            (None, Some(s)) => one_of(s.schemas.as_deref(), s.openapi.as_deref(), || {
                s.path.display().to_string()
            })?,
            _ => None,
        };
        let named = forced.clone().or(sidecar).or_else(|| {
            beside
                .filter(|d| d.join("index.json").is_file())
                .map(Named::Dir)
        });
        let source = match named {
            Some(name) => match by_name.get(&name) {
                Some(s) => s.clone(),
                None => {
                    let s = match &name {
                        Named::Dir(dir) => SchemaSource::Map(Arc::new(SchemaSet::load(dir)?)),
                        Named::OpenApi(file) => {
                            SchemaSource::OpenApi(Arc::new(OpenApi::load(file)?))
                        }
                    };
                    by_name.insert(name, s.clone());
                    s
                }
            },
            None => SchemaSource::Map(match &builtin {
                Some(s) => Arc::clone(s),
                None => {
                    let mut s = SchemaSet::builtin_idcs()?;
                    s.origin = "built-in IDCS schemas (IDCS endpoints only)".into();
                    let s = Arc::new(s);
                    builtin = Some(Arc::clone(&s));
                    s
                }
            }),
        };
        out.per_collection.push(source);
        for step in &c.steps {
            for (_, o) in &step.config.schemas {
                if let SchemaOverride::File(path) = o
                    && !out.files.contains_key(path)
                {
                    let compiled = CompiledSchema::load(path)?;
                    out.files.insert(path.clone(), Arc::new(compiled));
                }
            }
        }
    }
    Ok(out)
}
