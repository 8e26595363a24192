//! The settings of a run, and the scope a collection run starts from.

use std::sync::Arc;
use std::time::Duration;

use super::shard::Shard;
use super::stop::StopSignal;
use super::target::CollectionTarget;
use crate::check::CompareMode;
use crate::collection::{DataRow, HostPattern, Plan, PlannedCollection, ScopeInfo, VariableDef};
use crate::http::{HttpConfig, JarFile, Passphrase, TlsFiles};
use crate::request::BuildOptions;
use crate::script::ScriptLimits;
use crate::vars::{Layer, Scope, VarMap, Variable};

/// Settings of a run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// HTTP client settings.
    pub http: HttpConfig,
    /// Request building settings (working dir, redirects; each collection's target is the
    /// session's).
    pub build: BuildOptions,
    /// Globals file entries (`-g`).
    pub globals: Vec<VariableDef>,
    /// Environment file entries (`-e`).
    pub environment: Vec<VariableDef>,
    /// `--global-var K=V`, applied over the globals file.
    pub global_overrides: Vec<(String, String)>,
    /// `--env-var K=V`, applied over the environment file.
    pub env_overrides: Vec<(String, String)>,
    /// Iteration data rows (`-d`).
    pub data: Vec<DataRow>,
    /// `-n`: number of iterations (default: one per data row, at least one).
    pub iterations: Option<usize>,
    /// `--seed` for dynamic variables.
    pub seed: Option<u64>,
    /// `--delay-request`: pause between requests.
    pub delay: Duration,
    /// `--bail [folder,failure]`.
    pub bail: Bail,
    /// `--timeout`: the whole run's time limit. When it passes, nothing more is sent, the
    /// request or script in flight is cut, and every step left is reported as not run.
    pub timeout: Option<Duration>,
    /// Raised from outside (a signal) to stop the run after the case in flight.
    pub stop: StopSignal,
    /// Variables whose values are redacted wherever they appear (`--secret`).
    pub secret_names: Vec<String>,
    /// `--compare-examples`.
    pub compare: CompareMode,
    /// `--strict-openapi`: with an OpenAPI document, a request that matches no operation
    /// fails, and so does a status its operation does not document.
    pub strict_openapi: bool,
    /// Limits of the script sandbox (`--timeout-script`).
    pub script_limits: ScriptLimits,
    /// `--jobs`: flows run at once. 0 and 1 both mean strictly sequential, with one scope
    /// shared by every step of a collection run.
    pub jobs: usize,
    /// `--shard K/N`: run only the flows of this shard. Setup (root-level) requests run in
    /// every shard that runs a flow of their collection, and are reported by shard 1 only.
    pub shard: Option<Shard>,
    /// `--busy-poll`: how long a sequential run checks for an answer before it sleeps,
    /// while the target answers within that time (zero, the default here: never).
    pub busy_poll: Duration,
    /// `--allow-host`: with a target, the hosts `pm.sendRequest` may reach besides the
    /// collection's own origins (each sidecar's `allow_hosts` adds its own).
    pub allow_hosts: Vec<HostPattern>,
    /// The `id` and `name` of the environment file, which its export keeps.
    pub environment_info: ScopeInfo,
    /// The `id` and `name` of the globals file, which its export keeps.
    pub globals_info: ScopeInfo,
    /// `--cookie-jar`: the cookies the run's jar starts with.
    pub cookie_jar: CookieFile,
}

/// Newman's `--bail` and its modifiers: bare `--bail` is both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bail {
    /// `failure`: stop the run once a case fails or errors (after that case).
    pub failure: bool,
    /// `folder`: a `--folder` name that selects nothing ends the run before anything is
    /// sent.
    pub folder: bool,
}

/// Cookies a run's jar starts with (`--cookie-jar`, a tough-cookie JSON file), checked
/// when loaded. The default is none.
#[derive(Debug, Clone, Default)]
pub struct CookieFile(pub(crate) Option<Arc<JarFile>>);

impl RunOptions {
    /// Iterations of every collection: `-n`, else one per data row, at least one.
    pub fn iteration_count(&self) -> usize {
        self.iterations.unwrap_or(self.data.len()).max(1)
    }
}

/// Adds the sidecars' `resolve` and `connect_to` entries after the command line's (which
/// win for the same host and port): one client serves every collection of the run.
pub(crate) fn add_sidecar_addresses(options: &mut RunOptions, plan: &Plan) {
    for sidecar in plan.collections.iter().filter_map(|c| c.sidecar.as_ref()) {
        for entry in &sidecar.addresses {
            if !options.http.addresses.contains(entry) {
                options.http.addresses.push(entry.clone());
            }
        }
    }
}

/// The run's TLS files: the command line's, then for what it leaves unset, the sidecars'
/// (the first sidecar that names a client certificate gives it; every sidecar's
/// certificate list and extra CA certificates are added after the command line's).
pub(crate) fn tls_files(given: &TlsFiles, plan: &Plan) -> TlsFiles {
    let mut files = given.clone();
    for tls in plan
        .collections
        .iter()
        .filter_map(|c| c.sidecar.as_ref())
        .map(|s| &s.tls)
    {
        if files.client_cert.is_none() && tls.client_cert.is_some() {
            files.client_cert.clone_from(&tls.client_cert);
            files.client_key.clone_from(&tls.client_key);
            files.client_passphrase = tls.client_passphrase.clone().map(Passphrase::new);
        }
        for (list, to) in [
            (&tls.client_cert_list, &mut files.client_cert_lists),
            (&tls.extra_ca_certs, &mut files.extra_ca_certs),
        ] {
            if let Some(path) = list
                && !to.contains(path)
            {
                to.push(path.clone());
            }
        }
    }
    files
}

/// The variables of `defs` that are enabled, with `overrides` over them (an override
/// keeps the secrecy of what it replaces).
pub(crate) fn to_map<'d>(
    defs: impl IntoIterator<Item = &'d VariableDef>,
    overrides: &[(String, String)],
) -> VarMap {
    let mut map: VarMap = defs
        .into_iter()
        .filter(|v| !v.disabled)
        .map(|v| {
            (
                v.key.clone(),
                Variable {
                    value: v.value.clone(),
                    secret: v.secret,
                    json: None,
                },
            )
        })
        .collect();
    for (k, v) in overrides {
        let secret = map.get(k).is_some_and(|old| old.secret);
        map.set(k.clone(), v.clone(), secret);
    }
    map
}

/// The scope a collection run starts from: globals, collection variables and environment
/// (files first, then the variables of the collection's `target` (the simulator's), then
/// `--global-var` / `--env-var`).
pub fn initial_scope(
    collection: &PlannedCollection,
    options: &RunOptions,
    target: &CollectionTarget,
) -> Scope {
    Scope {
        globals: to_map(&options.globals, &options.global_overrides),
        collection: to_map(&collection.variables, &[]),
        environment: to_map(
            options.environment.iter().chain(&target.variables),
            &options.env_overrides,
        ),
        ..Scope::default()
    }
}

/// Sets the data layer to iteration `iteration`'s row (1-based; rows repeat when there are
/// more iterations than rows) and clears the local layer.
pub fn enter_iteration(scope: &mut Scope, options: &RunOptions, iteration: usize) {
    let data = scope.layer_mut(Layer::Data);
    data.clear();
    if !options.data.is_empty() {
        for (k, v) in &options.data[(iteration - 1) % options.data.len()] {
            data.insert(k.clone(), v.clone());
        }
    }
    scope.layer_mut(Layer::Local).clear();
}
