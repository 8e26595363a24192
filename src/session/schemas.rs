//! Each collection's schema source, chosen and compiled once per run: a schema folder, or
//! the built-in IDCS schemas, which document IDCS endpoints only.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::{CompiledSchema, Lookup, SchemaError, SchemaSet};
use crate::collection::{Plan, SchemaOverride};

/// Where a collection's documented responses come from.
#[derive(Debug, Clone)]
pub enum SchemaSource {
    /// A schema folder (`index.json` and its schemas), or the built-in IDCS set.
    Map(Arc<SchemaSet>),
}

impl SchemaSource {
    /// What the source documents for a `method` request to `path` (a URL path).
    pub fn lookup(&self, method: &str, path: &str) -> Lookup<'_> {
        match self {
            SchemaSource::Map(set) => set.lookup(method, path),
        }
    }

    /// What the run header says the collection's bodies are judged by.
    pub fn describe(&self) -> String {
        match self {
            SchemaSource::Map(set) => set.describe(),
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

/// Picks and compiles each collection's schema source (`--schemas`, else the sidecar's
/// `schemas`, else `schemas/` next to the collection, else the built-in IDCS set, which
/// judges IDCS endpoints only) and every sidecar override, each file once.
pub(super) fn compile_schemas(plan: &Plan, forced: Option<&Path>) -> Result<Schemas, SchemaError> {
    let mut by_dir: HashMap<PathBuf, Arc<SchemaSet>> = HashMap::new();
    let mut builtin: Option<Arc<SchemaSet>> = None;
    let mut out = Schemas::default();
    for c in &plan.collections {
        let beside = c.path.parent().map(|d| d.join("schemas"));
        let dir = forced
            .map(Path::to_path_buf)
            .or_else(|| c.sidecar.as_ref().and_then(|s| s.schemas.clone()))
            .or_else(|| beside.filter(|d| d.join("index.json").is_file()));
        let set = match dir {
            Some(dir) => match by_dir.get(&dir) {
                Some(s) => Arc::clone(s),
                None => {
                    let s = Arc::new(SchemaSet::load(&dir)?);
                    by_dir.insert(dir, Arc::clone(&s));
                    s
                }
            },
            None => match &builtin {
                Some(s) => Arc::clone(s),
                None => {
                    let mut s = SchemaSet::builtin_idcs()?;
                    s.origin = "built-in IDCS schemas (IDCS endpoints only)".into();
                    let s = Arc::new(s);
                    builtin = Some(Arc::clone(&s));
                    s
                }
            },
        };
        out.per_collection.push(SchemaSource::Map(set));
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
