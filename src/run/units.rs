//! What a run executes, as flows: which flows of a collection a shard runs and reports
//! ([`Selected`]), and the units of a run in document order ([`Unit`]): for each
//! collection and iteration, its setup (the root-level requests, from the initial scope
//! with that iteration's data row), then each selected flow (from the scope after that
//! setup, with dynamic variables of its own). `--jobs N` and the `cargo test` trials run
//! these units; the sequential run runs a collection's iteration as one flow.

use super::flow::{Engine, FlowRun};
use crate::collection::PlannedCollection;
use crate::session::{Shard, enter_iteration, initial_scope};
use crate::vars::Scope;

/// Which steps of a collection a run executes and which of them it reports.
pub(crate) struct Selected {
    /// Index of the root-level setup flow in [`PlannedCollection::flows`], if any.
    pub setup: Option<usize>,
    /// Indexes of the other flows this shard runs, in document order.
    pub flows: Vec<usize>,
    /// True when the setup requests' cases are reported (no sharding, or shard 1).
    pub report_setup: bool,
}

impl Selected {
    /// The selection of `collection` under `shard`.
    pub fn of(collection: &PlannedCollection, shard: Option<Shard>) -> Self {
        let setup = collection.flows.iter().position(|f| f.name.is_empty());
        let flows = (0..collection.flows.len())
            .filter(|&f| Some(f) != setup)
            .filter(|&f| shard.is_none_or(|s| s.owns(&collection.name, &collection.flows[f].name)))
            .collect();
        Selected {
            setup,
            flows,
            report_setup: shard.is_none_or(|s| s.reports_setup()),
        }
    }

    /// True when nothing of the collection needs to run.
    pub fn is_idle(&self) -> bool {
        self.flows.is_empty() && !(self.report_setup && self.setup.is_some())
    }

    /// The steps of the setup flow (none when there is none).
    pub fn setup_steps<'c>(&self, collection: &'c PlannedCollection) -> &'c [usize] {
        self.setup
            .map_or(&[], |s| collection.flows[s].steps.as_slice())
    }
}

/// What a unit runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// The root-level requests of an iteration (possibly none).
    Setup,
    /// One flow, by index in the collection's flows.
    Flow(usize),
}

/// One schedulable piece of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Unit {
    /// The collection's index in the plan.
    pub c: usize,
    /// 1-based iteration.
    pub iteration: usize,
    /// Setup or flow.
    pub kind: Kind,
}

/// The units of a run in document order.
pub(crate) fn units(selections: &[Selected], iterations: usize) -> impl Iterator<Item = Unit> {
    selections
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_idle())
        .flat_map(move |(c, s)| {
            (1..=iterations).flat_map(move |iteration| {
                std::iter::once(Kind::Setup)
                    .chain(s.flows.iter().map(|&f| Kind::Flow(f)))
                    .map(move |kind| Unit { c, iteration, kind })
            })
        })
}

impl Unit {
    /// The scope the setup of collection `c`'s iteration `iteration` starts from.
    pub fn setup_scope(engine: &Engine<'_>, c: usize, iteration: usize) -> Scope {
        let session = engine.session;
        let options = &session.options;
        let mut scope = initial_scope(&session.plan.collections[c], options, session.target(c));
        enter_iteration(&mut scope, options, iteration);
        scope
    }

    /// The run of this unit from `scope` (a setup's from [`Unit::setup_scope`], a flow's
    /// from the scope after its iteration's setup); `Err(scope)` when the unit has no
    /// requests (a collection without root-level ones).
    pub fn flow_run(
        &self,
        engine: &Engine<'_>,
        selected: &Selected,
        scope: Scope,
    ) -> Result<FlowRun, Scope> {
        let collection = &engine.session.plan.collections[self.c];
        let (flow, reported) = match self.kind {
            Kind::Setup => (selected.setup, selected.report_setup),
            Kind::Flow(f) => (Some(f), true),
        };
        let Some(flow) = flow.and_then(|f| collection.flows.get(f)) else {
            return Err(scope);
        };
        let dynamic = engine.flow_dynamic(self.c, &flow.name, self.iteration);
        Ok(FlowRun::new(
            self.c,
            self.iteration,
            flow.steps.clone(),
            |_| reported,
            scope,
            dynamic,
        ))
    }
}
