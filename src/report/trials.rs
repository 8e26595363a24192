//! The plan as libtest-mimic trials: one trial per request, for `cargo test`.
//!
//! Flows keep their order and state whatever runs first: a trial runs the earlier steps of
//! its flow that have not run in this process (and the collection's root-level setup
//! requests before any other flow), so `cargo test -- NAME`, `--test-threads N` and
//! `cargo nextest run` (one process per test) all give the same verdicts.

use std::cell::RefCell;
use std::sync::{Arc, Mutex, OnceLock};

use libtest_mimic::{Completion, Failed, Trial};
use pmcheck_simulator::Simulator;

use super::detail::{detail_lines, summary_line};
use crate::http::HttpClient;
use crate::report::redact::RedactorCache;
use crate::run::{
    CaseContext, CaseId, CaseResult, Scripts, Session, SideClient, TokenCache, Verdict,
    initial_scope, run_case,
};
use crate::vars::{DynamicVars, Scope};

/// Progress of one flow in this process.
struct FlowState {
    scope: Option<Scope>,
    results: Vec<Option<CaseResult>>,
    dynamic: DynamicVars,
}

/// What every trial shares.
struct Shared {
    session: Session,
    /// Keeps the embedded simulator running as long as any trial may need it.
    _simulator: Option<Simulator>,
    runtime: tokio::runtime::Runtime,
    client: OnceLock<Result<HttpClient, String>>,
    tokens: TokenCache,
    redactors: RedactorCache,
    /// `[collection][flow]`.
    flows: Vec<Vec<Mutex<FlowState>>>,
}

impl Shared {
    fn client(&self) -> Result<&HttpClient, Failed> {
        self.client
            .get_or_init(|| HttpClient::new(&self.session.options.http).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Failed::from(e.as_str()))
    }

    /// Runs flow `flow` of collection `c` up to and including its step at `position`,
    /// returning that step's result.
    fn result(&self, c: usize, flow: usize, position: usize) -> Result<CaseResult, Failed> {
        let collection = &self.session.plan.collections[c];
        let mut state = self.lock(c, flow)?;
        if state.scope.is_none() {
            // Every flow but the root-level setup starts from the state after the setup.
            let scope = match collection.flows.iter().position(|f| f.name.is_empty()) {
                Some(setup) if setup != flow => {
                    let last = collection.flows[setup].steps.len().saturating_sub(1);
                    self.result(c, setup, last)?;
                    self.lock(c, setup)?.scope.clone()
                }
                _ => None,
            };
            state.scope =
                Some(scope.unwrap_or_else(|| initial_scope(collection, &self.session.options)));
        }
        let steps = &collection.flows[flow].steps;
        // The sandbox is not shared between threads: each call gets its own; variables,
        // which carry a flow's state, live in the scope.
        let scripts = RefCell::new(Scripts::new(self.session.options.script_limits));
        for k in 0..=position {
            if state.results[k].is_some() {
                continue;
            }
            let step = &collection.steps[steps[k]];
            let client = self.client()?;
            let FlowState {
                scope,
                results,
                dynamic,
            } = &mut *state;
            let Some(scope) = scope.as_mut() else {
                return Err("flow state lost".into());
            };
            let schemas = self
                .session
                .schemas
                .per_collection
                .get(c)
                .ok_or_else(|| Failed::from("no schemas for this collection"))?;
            let side = SideClient::new(client.clone(), self.runtime.handle().clone());
            let mut ctx = CaseContext {
                client,
                side: &side,
                options: &self.session.options,
                schemas,
                schema_files: &self.session.schemas.files,
                dynamic,
                sidecar: collection.sidecar.as_ref(),
                tokens: &self.tokens,
                redactors: &self.redactors,
                scripts: &scripts,
                idle: None,
                busy: None,
            };
            let id = CaseId {
                name: step.id.clone(),
                collection: &collection.name,
                file: &collection.path,
                iteration: 1,
                iterations: 1,
            };
            let result = self.runtime.block_on(run_case(step, id, scope, &mut ctx));
            results[k] = Some(result);
        }
        state.results[position]
            .clone()
            .ok_or_else(|| Failed::from("the step did not run"))
    }

    fn lock(&self, c: usize, flow: usize) -> Result<std::sync::MutexGuard<'_, FlowState>, Failed> {
        self.flows[c][flow]
            .lock()
            .map_err(|_| Failed::from("an earlier step of this flow panicked"))
    }
}

/// A trial's verdict: failures carry the same detail as the terminal report.
fn outcome(result: &CaseResult) -> Result<Completion, Failed> {
    match result.verdict {
        Verdict::Passed => Ok(Completion::Completed),
        Verdict::Skipped => Ok(Completion::ignored_with(
            result.skip_reason.clone().unwrap_or_default(),
        )),
        Verdict::Failed | Verdict::Error => {
            let mut lines = vec![summary_line(result).render(false)];
            lines.extend(detail_lines(result).iter().map(|l| l.render(false)));
            Err(lines.join("\n").into())
        }
    }
}

/// One trial per step of the session's plan, in plan order; `simulator` (the embedded
/// target, if any) lives as long as the trials. Skipped requests (sidecar
/// `skip`, or simulator-only against another target) are ignored trials.
pub fn trials(session: Session, simulator: Option<Simulator>) -> std::io::Result<Vec<Trial>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let flows = session
        .plan
        .collections
        .iter()
        .map(|c| {
            c.flows
                .iter()
                .map(|f| {
                    Mutex::new(FlowState {
                        scope: None,
                        results: vec![None; f.steps.len()],
                        dynamic: DynamicVars::new(session.options.seed),
                    })
                })
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    let embedded = session.options.embedded;
    let mut positions = Vec::new();
    for (c, collection) in session.plan.collections.iter().enumerate() {
        for (f, flow) in collection.flows.iter().enumerate() {
            for (k, &step) in flow.steps.iter().enumerate() {
                positions.push((c, f, k, step));
            }
        }
    }
    positions.sort_by_key(|&(c, _, _, step)| (c, step));
    let shared = Arc::new(Shared {
        session,
        _simulator: simulator,
        runtime,
        client: OnceLock::new(),
        tokens: TokenCache::default(),
        redactors: RedactorCache::default(),
        flows,
    });
    for (c, f, k, step_index) in positions {
        let step = &shared.session.plan.collections[c].steps[step_index];
        let ignored = step.config.skip.is_some() || (step.config.simulator_only && !embedded);
        let name = step.id.clone();
        let shared = Arc::clone(&shared);
        out.push(
            Trial::ignorable_test(name, move || outcome(&shared.result(c, f, k)?))
                .with_ignored_flag(ignored),
        );
    }
    Ok(out)
}
