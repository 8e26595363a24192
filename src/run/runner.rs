//! Scheduling a plan: collections in order, iterations, steps in document order with one
//! shared scope per collection run, as Postman does. Results stream out as events.

use std::time::{Duration, Instant};

use super::case::{CaseContext, CaseId, CaseResult, Verdict, run_case};
use super::scripts::Scripts;
use super::setup::Session;
use super::token::TokenCache;
use crate::check::CompareMode;
use crate::collection::{DataRow, PlannedCollection, VariableDef};
use crate::http::{HttpClient, HttpConfig, HttpError};
use crate::request::BuildOptions;
use crate::script::{NextRequest, ScriptLimits};
use crate::vars::{DynamicVars, Layer, Scope, VarMap, Variable};

/// A `setNextRequest` loop stops after this many executions per step of the collection.
const MAX_REPEATS: usize = 100;

/// Settings of a run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// HTTP client settings.
    pub http: HttpConfig,
    /// Request building settings (target, working dir, redirects).
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
    /// `--bail`: stop at the first failed or errored case.
    pub bail: bool,
    /// Variables whose values are redacted wherever they appear (`--secret`).
    pub secret_names: Vec<String>,
    /// `--compare-examples`.
    pub compare: CompareMode,
    /// The target is the embedded simulator (simulator-only requests run).
    pub embedded: bool,
    /// Limits of the script sandbox (`--timeout-script`).
    pub script_limits: ScriptLimits,
}

/// What a run reports as it goes.
#[derive(Debug, Clone)]
pub enum RunEvent {
    /// A collection's iteration begins.
    IterationStarted {
        /// Collection name.
        collection: String,
        /// 1-based iteration.
        iteration: usize,
        /// Total iterations.
        of: usize,
    },
    /// A case finished.
    CaseFinished(Box<CaseResult>),
}

/// Totals of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Cases run.
    pub total: usize,
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
    /// Cases that errored.
    pub errors: usize,
    /// Cases skipped.
    pub skipped: usize,
    /// Distinct unresolved variable names.
    pub unresolved: Vec<String>,
    /// True when `--bail` stopped the run early.
    pub bailed: bool,
    /// True when a `setNextRequest` loop hit the execution cap.
    pub loop_stopped: bool,
    /// Wall time.
    pub duration: Duration,
}

impl RunSummary {
    /// True when no case failed or errored.
    pub fn ok(&self) -> bool {
        self.failed == 0 && self.errors == 0
    }
}

fn to_map(defs: &[VariableDef], overrides: &[(String, String)]) -> VarMap {
    let mut map: VarMap = defs
        .iter()
        .filter(|v| !v.disabled)
        .map(|v| {
            (
                v.key.clone(),
                Variable {
                    value: v.value.clone(),
                    secret: v.secret,
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
/// (files first, then `--global-var` / `--env-var`).
pub fn initial_scope(collection: &PlannedCollection, options: &RunOptions) -> Scope {
    Scope {
        globals: to_map(&options.globals, &options.global_overrides),
        collection: to_map(&collection.variables, &[]),
        environment: to_map(&options.environment, &options.env_overrides),
        ..Scope::default()
    }
}

/// Runs the session's plan, calling `on_event` for every event, and returns the totals.
pub async fn run(
    session: &Session,
    on_event: &mut (dyn FnMut(RunEvent) + Send),
) -> Result<RunSummary, HttpError> {
    let started = Instant::now();
    let options = &session.options;
    let client = HttpClient::new(&options.http)?;
    let mut dynamic = DynamicVars::new(options.seed);
    let tokens = TokenCache::default();
    let mut scripts = Scripts::new(options.script_limits);
    let mut summary = RunSummary::default();
    let mut unresolved = std::collections::BTreeSet::new();
    let iterations = options.iterations.unwrap_or(options.data.len()).max(1);
    'collections: for (index, collection) in session.plan.collections.iter().enumerate() {
        let mut scope = initial_scope(collection, options);
        let Some(schemas) = session.schemas.per_collection.get(index) else {
            continue;
        };
        for iteration in 1..=iterations {
            on_event(RunEvent::IterationStarted {
                collection: collection.name.clone(),
                iteration,
                of: iterations,
            });
            let data = scope.layer_mut(Layer::Data);
            data.clear();
            if !options.data.is_empty() {
                for (k, v) in &options.data[(iteration - 1) % options.data.len()] {
                    data.set(k.clone(), v.clone(), false);
                }
            }
            scope.layer_mut(Layer::Local).clear();
            scripts.new_flow();
            // Steps in document order, unless a script's setNextRequest jumps; a cap on
            // executions keeps a script loop from running forever.
            let cap = collection.steps.len().saturating_mul(MAX_REPEATS).max(1);
            let mut next = Some(0);
            let mut executed = 0;
            while let Some(index) = next.filter(|i| *i < collection.steps.len()) {
                let step = &collection.steps[index];
                if executed == cap {
                    summary.loop_stopped = true;
                    break;
                }
                executed += 1;
                if summary.total > 0 && !options.delay.is_zero() {
                    tokio::time::sleep(options.delay).await;
                }
                let name = if iterations > 1 {
                    format!("{} [iter {iteration}]", step.id)
                } else {
                    step.id.clone()
                };
                let mut ctx = CaseContext {
                    client: &client,
                    options,
                    schemas,
                    schema_files: &session.schemas.files,
                    dynamic: &mut dynamic,
                    sidecar: collection.sidecar.as_ref(),
                    tokens: &tokens,
                    scripts: &mut scripts,
                };
                let id = CaseId {
                    name,
                    collection: &collection.name,
                    file: &collection.path,
                    iteration,
                    iterations,
                };
                let result = run_case(step, id, &mut scope, &mut ctx).await;
                next = match &result.next_request {
                    None => Some(index + 1),
                    Some(NextRequest::Stop) => None,
                    Some(NextRequest::Name(n)) => {
                        collection.steps.iter().position(|s| s.name == *n)
                    }
                };
                summary.total += 1;
                match result.verdict {
                    Verdict::Passed => summary.passed += 1,
                    Verdict::Failed => summary.failed += 1,
                    Verdict::Error => summary.errors += 1,
                    Verdict::Skipped => summary.skipped += 1,
                }
                unresolved.extend(result.unresolved.iter().cloned());
                let stop = options.bail && !result.ok();
                on_event(RunEvent::CaseFinished(Box::new(result)));
                if stop {
                    summary.bailed = true;
                    break 'collections;
                }
            }
        }
    }
    summary.unresolved = unresolved.into_iter().collect();
    summary.duration = started.elapsed();
    Ok(summary)
}
