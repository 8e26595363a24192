//! Everything a run needs, loaded and compiled once: collections and their sidecars, the
//! plan, variable files, data, schemas.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pmcheck_simulator::{Fixture, Simulator, SimulatorConfig};

use super::options::{RunOptions, add_sidecar_addresses, tls_files};
use super::schemas::{Schemas, SourceError, compile_schemas};
use super::target::{
    AS_WRITTEN, CollectionTarget, Destination, TargetError, TargetRequest, resolve_targets,
};
use crate::collection::{
    LoadError, LoadedCollection, Plan, Selection, Sidecar, Step, VariableDef, collection_files,
    input_name, is_url, load_collection, load_data_file, load_variable_file, plan,
};
use crate::http::{TlsError, TlsFiles};
use crate::request::Target;
use crate::script::{ModulesError, ScriptModules};

/// Reads the system's root certificates now (once per process), so that the first
/// request of a run does not wait for them.
pub fn preload_tls_roots() {
    crate::http::HttpClient::preload_roots();
}

/// Prefix of process variables that become (secret) environment variables.
pub const VAR_PREFIX: &str = "PMCHECK_VAR_";

/// What the user asked for, before anything is loaded.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Collection files or folders.
    pub paths: Vec<PathBuf>,
    /// Environment file.
    pub environment: Option<PathBuf>,
    /// Globals file.
    pub globals: Option<PathBuf>,
    /// Iteration data file.
    pub data: Option<PathBuf>,
    /// `--env-var K=V`.
    pub env_vars: Vec<(String, String)>,
    /// `--global-var K=V`.
    pub global_vars: Vec<(String, String)>,
    /// `--folder` names.
    pub folders: Vec<String>,
    /// `--config FILE`: one sidecar for every collection.
    pub config: Option<PathBuf>,
    /// `--cookie-jar FILE`: the cookies the run's jar starts with.
    pub cookie_jar: Option<PathBuf>,
    /// `--schemas DIR`: one schema folder for every collection.
    pub schemas: Option<PathBuf>,
    /// `--openapi FILE`: one OpenAPI document for every collection.
    pub openapi: Option<PathBuf>,
    /// `--script-modules DIR`: the packages `require` loads in every collection's scripts
    /// (over each sidecar's `script_modules`).
    pub script_modules: Option<PathBuf>,
    /// `--secret NAME`: variables whose values are redacted.
    pub secrets: Vec<String>,
    /// Read `PMCHECK_VAR_<NAME>` process variables.
    pub process_vars: bool,
    /// The target of every collection (`--target`, `PMCHECK_TARGET`, the builder's); none:
    /// each collection's sidecar `target`, else the URLs as written.
    pub target: Option<TargetRequest>,
    /// The command line's TLS files (`--ssl-*`), over each sidecar's `[tls]`.
    pub tls: TlsFiles,
}

/// Why a run could not be set up (all bad input: exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// Collection, sidecar, environment, globals or data files that could not be loaded
    /// (every one of them is listed).
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\nerror: "))]
    Load(Vec<LoadError>),
    /// A collection's schema source (a folder or an OpenAPI document) could not be used.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// A sidecar's `before` names no sibling request.
    #[error(transparent)]
    Plan(#[from] crate::collection::PlanError),
    /// A target that is neither `embedded` nor an origin URL.
    #[error(transparent)]
    Target(#[from] TargetError),
    /// A script modules folder that cannot be used.
    #[error(transparent)]
    Modules(#[from] ModulesError),
    /// `--folder` selected nothing.
    #[error("no folder or request named {0} in the collections")]
    EmptySelection(String),
    /// With `--bail folder`, a `--folder` name that selects nothing (the others may).
    #[error("no folder or request named {0} in the collections (--bail folder: nothing was run)")]
    UnknownFolder(String),
    /// A client certificate, certificate list or CA file that cannot be used.
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The embedded simulator could not start or its fixture is invalid.
    #[error("embedded simulator: {0}")]
    Simulator(#[from] pmcheck_simulator::SimulatorError),
}

/// Starts the embedded simulator (with `fixture`, or the built-in one) if some collection
/// targets it, points those collections at it and applies its variables to them over the
/// environment file's (a file written for a real tenant names that tenant's host and
/// credentials, which the simulator would refuse); `--env-var` and `PMCHECK_VAR_` still
/// win. `None` when no collection targets it: nothing is started.
pub fn start_embedded(
    session: &mut Session,
    fixture: Option<&Path>,
) -> Result<Option<Simulator>, SetupError> {
    if !session.targets.iter().any(CollectionTarget::is_embedded) {
        return Ok(None);
    }
    let fixture = match fixture {
        Some(p) => Fixture::load(p)?,
        None => Fixture::builtin()?,
    };
    let simulator = Simulator::start_blocking(SimulatorConfig::new(fixture))?;
    session.add_simulator_variables(simulator.fixture(), simulator.base_url());
    Ok(Some(simulator))
}

/// A loaded, planned, ready-to-run session.
#[derive(Debug, Clone)]
pub struct Session {
    /// The plan.
    pub plan: Plan,
    /// Run settings with the variables filled in (HTTP and build settings are the caller's).
    pub options: RunOptions,
    /// Compiled schemas.
    pub schemas: Schemas,
    /// Where each collection's requests go, in plan order.
    pub targets: Vec<CollectionTarget>,
    /// Each collection's script modules folder, in plan order.
    pub script_modules: Vec<Option<Arc<ScriptModules>>>,
}

impl Session {
    /// Points the collections whose target is the embedded simulator at `fixture`'s
    /// tenant at `base_url`, and gives them the variables they need there (host, client,
    /// users) over the environment file's. Other collections are left as they are.
    pub fn add_simulator_variables(&mut self, fixture: &Fixture, base_url: &str) {
        let origin = Target::parse(base_url).ok();
        let vars: Vec<VariableDef> = fixture
            .variables(base_url)
            .into_iter()
            .map(|v| VariableDef {
                key: v.key,
                value: v.value,
                secret: v.secret,
                disabled: false,
            })
            .collect();
        for target in self.targets.iter_mut().filter(|t| t.is_embedded()) {
            target.destination = Destination::Embedded(origin.clone());
            target.variables.clone_from(&vars);
        }
    }

    /// Where collection `c` of the plan sends its requests (the URLs as written when the
    /// session names no target for it).
    pub fn target(&self, c: usize) -> &CollectionTarget {
        self.targets.get(c).unwrap_or(&AS_WRITTEN)
    }

    /// The packages `require` loads in collection `c`'s scripts, if it has a folder.
    pub fn script_modules(&self, c: usize) -> Option<Arc<ScriptModules>> {
        self.script_modules.get(c).cloned().flatten()
    }
}

/// Loads every collection and its sidecar; returns what loaded and every error.
pub fn load_each(
    paths: &[PathBuf],
    config: Option<&Path>,
) -> (Vec<LoadedCollection>, Vec<LoadError>) {
    let files = match collection_files(paths) {
        Ok(f) => f,
        Err(e) => return (Vec::new(), vec![e]),
    };
    let shared = match config.map(Sidecar::load).transpose() {
        Ok(s) => s,
        Err(e) => return (Vec::new(), vec![e.into()]),
    };
    let mut loaded = Vec::new();
    let mut errors = Vec::new();
    for path in files {
        let collection = match load_collection(&path) {
            Ok(c) => c,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let sidecar = match &shared {
            Some(s) => Some(s.clone()),
            // A fetched collection has no folder to hold a sidecar.
            None if is_url(&path) => None,
            None => match Sidecar::beside(&path)
                .map(|p| Sidecar::load(&p))
                .transpose()
            {
                Ok(s) => s,
                Err(e) => {
                    errors.push(e.into());
                    continue;
                }
            },
        };
        loaded.push(LoadedCollection {
            path: input_name(&path),
            collection,
            sidecar,
        });
    }
    (loaded, errors)
}

/// Loads every collection and its sidecar, failing with every error if any.
pub fn load_all(
    paths: &[PathBuf],
    config: Option<&Path>,
) -> Result<Vec<LoadedCollection>, Vec<LoadError>> {
    let (loaded, errors) = load_each(paths, config);
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(errors)
    }
}

/// Loads and plans everything `inputs` names, fills `options`' variables and data, and
/// picks each collection's target (an embedded one gets its origin from
/// [`start_embedded`]).
pub fn prepare(inputs: &Inputs, mut options: RunOptions) -> Result<Session, SetupError> {
    let loaded = load_all(&inputs.paths, inputs.config.as_deref()).map_err(SetupError::Load)?;
    let mut errors = Vec::new();
    if let Some(path) = &inputs.environment {
        match load_variable_file(path) {
            Ok(f) => (options.environment, options.environment_info) = (f.values, f.info),
            Err(e) => errors.push(e),
        }
    }
    if let Some(path) = &inputs.globals {
        match load_variable_file(path) {
            Ok(f) => (options.globals, options.globals_info) = (f.values, f.info),
            Err(e) => errors.push(e),
        }
    }
    if let Some(path) = &inputs.cookie_jar {
        match super::cookies::load_cookie_jar(path) {
            Ok(jar) => options.cookie_jar = jar,
            Err(e) => errors.push(e),
        }
    }
    if let Some(path) = &inputs.data {
        match load_data_file(path) {
            Ok(rows) => options.data = rows,
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(SetupError::Load(errors));
    }
    options
        .env_overrides
        .extend(inputs.env_vars.iter().cloned());
    options
        .global_overrides
        .extend(inputs.global_vars.iter().cloned());
    options.secret_names.extend(inputs.secrets.iter().cloned());
    if inputs.process_vars {
        let mut vars: Vec<(String, String)> = std::env::vars()
            .filter_map(|(k, v)| k.strip_prefix(VAR_PREFIX).map(|n| (n.to_string(), v)))
            .filter(|(k, _)| !k.is_empty())
            .collect();
        vars.sort();
        for (k, v) in vars {
            options.secret_names.push(k.clone());
            options.env_overrides.push((k, v));
        }
    }
    let plan = plan(
        loaded,
        &Selection {
            names: inputs.folders.clone(),
        },
    )?;
    if plan.is_empty() && !inputs.folders.is_empty() {
        return Err(SetupError::EmptySelection(inputs.folders.join(", ")));
    }
    if options.bail.folder {
        let unknown: Vec<&str> = inputs
            .folders
            .iter()
            .filter(|n| !plan.collections.iter().any(|c| selects(&c.steps, n)))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            return Err(SetupError::UnknownFolder(unknown.join(", ")));
        }
    }
    let targets = resolve_targets(&plan, inputs.target.as_ref(), inputs.environment.is_some())?;
    add_sidecar_addresses(&mut options, &plan);
    options.http.tls = tls_files(&inputs.tls, &plan).load()?;
    let schemas = compile_schemas(&plan, inputs.schemas.as_deref(), inputs.openapi.as_deref())?;
    let script_modules = open_script_modules(&plan, inputs.script_modules.as_deref())?;
    Ok(Session {
        plan,
        options,
        schemas,
        targets,
        script_modules,
    })
}

/// Each collection's script modules folder: `given` (`--script-modules`), else its
/// sidecar's `script_modules`; a folder named by several collections is opened once.
pub fn open_script_modules(
    plan: &Plan,
    given: Option<&Path>,
) -> Result<Vec<Option<Arc<ScriptModules>>>, ModulesError> {
    let given = given.map(ScriptModules::open).transpose()?.map(Arc::new);
    let mut opened: Vec<(PathBuf, Arc<ScriptModules>)> = Vec::new();
    plan.collections
        .iter()
        .map(|collection| {
            if let Some(given) = &given {
                return Ok(Some(Arc::clone(given)));
            }
            let Some(dir) = collection
                .sidecar
                .as_ref()
                .and_then(|s| s.script_modules.as_ref())
            else {
                return Ok(None);
            };
            if let Some((_, m)) = opened.iter().find(|(d, _)| d == dir) {
                return Ok(Some(Arc::clone(m)));
            }
            let modules = Arc::new(ScriptModules::open(dir)?);
            opened.push((dir.clone(), Arc::clone(&modules)));
            Ok(Some(modules))
        })
        .collect()
}

/// Whether `--folder NAME` selected one of `steps`: a request of that name, or one in a
/// folder of that name (the plan keeps only the steps some name selects).
fn selects(steps: &[Step], name: &str) -> bool {
    steps
        .iter()
        .any(|s| s.name == name || s.folders.iter().any(|f| f == name))
}
