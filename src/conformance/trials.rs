//! The plan as libtest-mimic trials: one trial per request and iteration, for
//! `cargo test`, driving the same flow engine and units as `--jobs N`.
//!
//! Each flow of each iteration starts from the scope after that iteration's setup (the
//! collection's root-level requests), with its own seeded dynamic variables, and follows
//! `setNextRequest` jumps within the flow. A trial runs its flow, from where it stands in
//! this process, until its own step has run; the setup runs before any other flow of its
//! iteration. So `cargo test -- NAME`, `--test-threads N` and `cargo nextest run` (one
//! process per test) all give the same verdicts. What ran is kept, so that the report
//! files can be written in document order once every trial is done.
//!
//! A trial whose request jumps (`setNextRequest` to a named request) runs its flow to its
//! end first: when the cap on repeats stops a loop that request is part of, the trial
//! fails with the loop's error. A request the flow never reached is an ignored trial
//! saying why it did not run.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use libtest_mimic::{Completion, Failed, Trial};
use pmcheck_simulator::Simulator;

use crate::report::{Reporter, detail_lines, summary_line};
use crate::run::{
    CaseId, CaseResult, Engine, Finished, FlowRun, Kind, Lane, NextRequest, RunError, RunEvent,
    RunSummary, Selected, Tally, Unit, Verdict, units,
};
use crate::session::Session;
use crate::vars::Scope;

/// Where one unit (a setup or a flow of an iteration) stands in this process.
#[derive(Default)]
struct UnitState {
    /// The run, once started and until it is over.
    run: Option<FlowRun>,
    /// The cases run so far, in order.
    finished: Vec<Finished>,
    /// The unit is over: every step it runs has run.
    done: bool,
    /// The scope at the end (kept for a setup, which its iteration's flows start from).
    scope: Option<Scope>,
}

/// What every trial shares.
pub(crate) struct Suite {
    /// When the suite was made: a report's wall time counts from here.
    created: std::time::Instant,
    engine: Engine<'static>,
    selections: Vec<Selected>,
    /// Every unit of the run, in document order, with its state.
    units: Vec<(Unit, Mutex<UnitState>)>,
    /// Position of each unit in `units`.
    index: HashMap<Unit, usize>,
    runtime: tokio::runtime::Runtime,
    /// Keeps the embedded simulator running as long as any trial may need it (when some
    /// collection targets it); dropped
    /// after the runtime (fields drop in order).
    _simulator: Option<Simulator>,
}

impl Suite {
    /// The suite of `session`'s plan; `simulator` (the embedded target, if any) lives as
    /// long as the suite.
    ///
    /// The session lives as long as the process: trials are `'static` closures, and a test
    /// binary builds its suite once and exits after running it.
    pub fn new(session: Session, simulator: Option<Simulator>) -> Result<Arc<Self>, RunError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?;
        let session: &'static Session = Box::leak(Box::new(session));
        let engine = Engine::new(session, runtime.handle().clone())?;
        let selections: Vec<Selected> = session
            .plan
            .collections
            .iter()
            .map(|c| Selected::of(c, session.options.shard))
            .collect();
        let units: Vec<(Unit, Mutex<UnitState>)> = units(&selections, engine.iterations)
            .map(|u| (u, Mutex::default()))
            .collect();
        let index = units
            .iter()
            .enumerate()
            .map(|(i, (u, _))| (*u, i))
            .collect();
        Ok(Arc::new(Suite {
            engine,
            selections,
            units,
            index,
            runtime,
            created: std::time::Instant::now(),
            _simulator: simulator,
        }))
    }

    /// One trial per step and iteration, in document order, named as `pmcheck list`
    /// names them. Skipped requests (sidecar `skip`, or simulator-only against another
    /// target) are ignored trials.
    pub fn trials(self: &Arc<Self>) -> Vec<Trial> {
        let session = self.engine.session;
        let mut out = Vec::new();
        for (unit, _) in &self.units {
            let collection = &session.plan.collections[unit.c];
            let embedded = session.target(unit.c).is_embedded();
            let selected = &self.selections[unit.c];
            let flow = match unit.kind {
                Kind::Setup => selected.setup,
                Kind::Flow(f) => Some(f),
            };
            let Some(flow) = flow.and_then(|f| collection.flows.get(f)) else {
                continue;
            };
            for &step_index in &flow.steps {
                let step = &collection.steps[step_index];
                let name = CaseId::new(step, collection, unit.iteration, self.engine.iterations)
                    .name
                    .to_string();
                let suite = Arc::clone(self);
                let unit = *unit;
                let trial = Trial::ignorable_test(name, move || suite.verdict(unit, step_index))
                    .with_ignored_flag(step.skip_reason(embedded).is_some());
                out.push(((unit.c, unit.iteration, step_index), trial));
            }
        }
        // Document order: by collection, iteration, then step.
        out.sort_by_key(|(key, _)| *key);
        out.into_iter().map(|(_, trial)| trial).collect()
    }

    /// The trial of `step` in `unit`.
    fn verdict(&self, unit: Unit, step: usize) -> Result<Completion, Failed> {
        match self.result(unit, Some(step))? {
            Some(result) => outcome(&result),
            None => Ok(Completion::ignored_with(
                "not run: a script's setNextRequest ended or jumped past it",
            )),
        }
    }

    fn lock(&self, unit: Unit) -> Result<MutexGuard<'_, UnitState>, Failed> {
        let i = self
            .index
            .get(&unit)
            .ok_or_else(|| Failed::from("no such unit in the plan"))?;
        self.units[*i]
            .1
            .lock()
            .map_err(|_| Failed::from("an earlier step of this flow panicked"))
    }

    /// Runs `unit` until `step` has run (or to its end with `None`) and returns that
    /// step's first result, if it ran.
    fn result(&self, unit: Unit, step: Option<usize>) -> Result<Option<CaseResult>, Failed> {
        let scope = match unit.kind {
            Kind::Flow(_) if !self.lock(unit)?.is_started() => Some(self.setup_scope(unit)?),
            _ => None,
        };
        let mut state = self.lock(unit)?;
        if !state.is_started() {
            let scope =
                scope.unwrap_or_else(|| Unit::setup_scope(&self.engine, unit.c, unit.iteration));
            match unit.flow_run(&self.engine, &self.selections[unit.c], scope) {
                Ok(run) => state.run = Some(run),
                Err(scope) => {
                    state.done = true;
                    state.scope = Some(scope);
                }
            }
        }
        let has = |state: &UnitState| {
            step.and_then(|s| state.finished.iter().find(|f| f.step == s))
                .map(|f| f.result.clone())
        };
        // A jump may close a loop, which only the flow's end shows.
        let jumps = |r: &CaseResult| matches!(r.next_request, Some(NextRequest::Name(_)));
        // The sandbox is not shared between threads: each call gets its own; variables,
        // which carry a flow's state, live in the scope.
        let scripts = self.engine.scripts();
        let client = self.engine.side.template().clone();
        let lane = Lane {
            client: &client,
            scripts: &scripts,
            busy: None,
        };
        while !state.done {
            if let Some(found) = has(&state)
                && !jumps(&found)
            {
                return Ok(Some(found));
            }
            let Some(run) = state.run.as_mut() else {
                break;
            };
            match self.runtime.block_on(run.step(&self.engine, lane)) {
                Some(finished) => state.finished.push(finished),
                None => {
                    state.done = true;
                    state.scope = state.run.take().map(|r| r.into_state().0);
                }
            }
        }
        let stopped_loop = step.and_then(|s| state.finished.iter().find(|f| f.looped.contains(&s)));
        if let Some(stopped) = stopped_loop {
            return Ok(Some(stopped.result.clone()));
        }
        Ok(has(&state))
    }

    /// The scope after the setup of `unit`'s iteration, running it first if need be.
    fn setup_scope(&self, unit: Unit) -> Result<Scope, Failed> {
        let setup = Unit {
            kind: Kind::Setup,
            ..unit
        };
        self.result(setup, None)?;
        self.lock(setup)?
            .scope
            .clone()
            .ok_or_else(|| Failed::from("the setup's state was lost"))
    }

    /// Hands what ran to `reporter` in document order, as a run does, and finishes it
    /// with the totals.
    pub fn report(&self, mut reporter: Box<dyn Reporter + Send>) -> std::io::Result<RunSummary> {
        let session = self.engine.session;
        let mut emit = |event: RunEvent| reporter.event(&event);
        let mut tally = Tally::new(&mut emit, false);
        let _ = tally.emit(RunEvent::started(session));
        // What each unit ran, taken out of the locks first.
        let ran: Vec<(Unit, Vec<CaseResult>, bool)> = self
            .units
            .iter()
            .filter_map(|(unit, state)| {
                let state = state.lock().ok()?;
                let results = state
                    .finished
                    .iter()
                    .filter(|f| f.reported)
                    .map(|f| f.result.clone())
                    .collect();
                let looped = state.run.as_ref().is_some_and(FlowRun::looped)
                    || state.finished.iter().any(|f| !f.looped.is_empty());
                Some((*unit, results, looped))
            })
            .collect();
        for (unit, results, looped) in &ran {
            let iteration_ran = ran
                .iter()
                .any(|(u, r, _)| u.c == unit.c && u.iteration == unit.iteration && !r.is_empty());
            if unit.kind == Kind::Setup && iteration_ran {
                let _ = tally.emit(RunEvent::IterationStarted {
                    collection: session.plan.collections[unit.c].name.clone(),
                    iteration: unit.iteration,
                    of: self.engine.iterations,
                });
            }
            for result in results {
                let _ = tally.emit(RunEvent::CaseFinished(Box::new(result.clone())));
            }
            tally.summary.loop_stopped |= looped;
        }
        let summary = tally.finish(self.created);
        reporter.finish(&summary)?;
        Ok(summary)
    }
}

impl UnitState {
    fn is_started(&self) -> bool {
        self.run.is_some() || self.done
    }
}

/// A trial's verdict: failures carry the same detail as the terminal report.
fn outcome(result: &CaseResult) -> Result<Completion, Failed> {
    match result.verdict {
        Verdict::Passed => Ok(Completion::Completed),
        Verdict::Skipped => Ok(Completion::ignored_with(
            result.skip_reason.clone().unwrap_or_default(),
        )),
        Verdict::NotRun => Ok(Completion::ignored_with(format!(
            "not run: {}",
            result.skip_reason.as_deref().unwrap_or_default()
        ))),
        Verdict::Failed | Verdict::Error => {
            let mut lines = vec![summary_line(result).render(false)];
            lines.extend(detail_lines(result).iter().map(|l| l.render(false)));
            Err(lines.join("\n").into())
        }
    }
}
