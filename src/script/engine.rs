//! The QuickJS runtime with its limits, and the per-flow context that runs scripts.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rquickjs::{Context, Ctx, Function, Module, Object, Persistent, Runtime, WriteOptions};

use super::clock::{Clock, settle};
use super::errors::{classify, describe_prelude, sloppy};
use super::event::{ScriptEvent, ScriptHost, ScriptKind};
use super::library::ScriptModules;
use super::limits::{ScriptLimits, Usage};
use super::outcome::{ScriptError, ScriptOutcome};
use super::pm::{Begin, RunState, begin, natives, prelude, request_from_json};

/// One QuickJS runtime with the limits applied; one per worker thread.
pub struct Sandbox {
    _anchor: Context,
    runtime: Runtime,
    limits: ScriptLimits,
    clock: Rc<Clock>,
}

impl Sandbox {
    /// A runtime with `limits`: memory and stack limits, and an interrupt handler that stops
    /// any script running past its deadline (uncatchable by `try`/`catch`).
    pub fn new(limits: ScriptLimits) -> Result<Sandbox, ScriptError> {
        let runtime = Runtime::new().map_err(|e| ScriptError::Engine(e.to_string()))?;
        runtime.set_memory_limit(limits.memory);
        runtime.set_max_stack_size(limits.stack);
        // rquickjs caches the prototype of Rust functions runtime-wide, taken from the first
        // context that creates one, which keeps that context alive until the runtime is
        // dropped. Let a small anchor context be that one, so flow contexts are freed.
        let anchor = Context::base(&runtime).map_err(|e| ScriptError::Engine(e.to_string()))?;
        anchor
            .with(|ctx| Function::new(ctx.clone(), || ()).map(drop))
            .map_err(|e| ScriptError::Engine(e.to_string()))?;
        let clock = Rc::new(Clock::default());
        let handler_clock = Rc::clone(&clock);
        runtime.set_interrupt_handler(Some(Box::new(move || match handler_clock.deadline.get() {
            Some(deadline) if Instant::now() >= deadline => {
                handler_clock.fired.set(true);
                true
            }
            _ => false,
        })));
        Ok(Sandbox {
            _anchor: anchor,
            runtime,
            limits,
            clock,
        })
    }

    /// A fresh context for one flow, with the prelude evaluated.
    #[cfg(any(test, feature = "internals"))]
    pub fn flow(&self) -> Result<FlowContext, ScriptError> {
        self.flow_with(None)
    }

    /// A fresh context for one flow whose `require` also loads the packages of `modules`.
    pub fn flow_with(
        &self,
        modules: Option<Arc<ScriptModules>>,
    ) -> Result<FlowContext, ScriptError> {
        let mut run_state = RunState::new();
        run_state.max_expansion = self.limits.max_expansion;
        let state = Rc::new(RefCell::new(run_state));
        let (api, context) = new_context(&self.runtime, &state, &self.clock, self.limits, modules.as_ref())?;
        Ok(FlowContext {
            modules,
            api: Some(api),
            compiled: RefCell::new(HashMap::new()),
            context: Some(context),
            runtime: self.runtime.clone(),
            clock: Rc::clone(&self.clock),
            limits: self.limits,
            state,
        })
    }
}

/// The prelude's entry points in one context.
#[derive(Clone)]
struct Entries {
    begin_run: Persistent<Function<'static>>,
    run_source: Persistent<Function<'static>>,
    end_source: Persistent<Function<'static>>,
    next_task: Persistent<Function<'static>>,
    end_run: Persistent<Function<'static>>,
    describe: Persistent<Function<'static>>,
}

/// The entry points restored in a context.
struct Restored<'js> {
    begin_run: Function<'js>,
    run_source: Function<'js>,
    end_source: Function<'js>,
    next_task: Function<'js>,
    end_run: Function<'js>,
    describe: Function<'js>,
}

impl Entries {
    fn of<'js>(ctx: &Ctx<'js>, api: &Object<'js>) -> rquickjs::Result<Entries> {
        let entry = |name: &str| -> rquickjs::Result<Persistent<Function<'static>>> {
            Ok(Persistent::save(ctx, api.get::<_, Function>(name)?))
        };
        Ok(Entries {
            begin_run: entry("beginRun")?,
            run_source: entry("runSource")?,
            end_source: entry("endSource")?,
            next_task: entry("nextTask")?,
            end_run: entry("endRun")?,
            describe: entry("describeError")?,
        })
    }

    fn restore<'js>(self, ctx: &Ctx<'js>) -> rquickjs::Result<Restored<'js>> {
        Ok(Restored {
            begin_run: self.begin_run.restore(ctx)?,
            run_source: self.run_source.restore(ctx)?,
            end_source: self.end_source.restore(ctx)?,
            next_task: self.next_task.restore(ctx)?,
            end_run: self.end_run.restore(ctx)?,
            describe: self.describe.restore(ctx)?,
        })
    }
}

/// The prelude compiled to QuickJS bytecode, once per process: every flow context loads it
/// instead of parsing and compiling the prelude's source again.
static PRELUDE_BYTECODE: OnceLock<Vec<u8>> = OnceLock::new();

/// The module name the prelude is loaded under (it shows in its stack traces).
const PRELUDE_NAME: &str = "pmcheck:prelude";

/// The prelude's bytecode, compiled in a scratch context of `runtime` on first use.
fn prelude_bytecode(runtime: &Runtime) -> Result<&'static [u8], ScriptError> {
    if let Some(bytes) = PRELUDE_BYTECODE.get() {
        return Ok(bytes);
    }
    let engine = |e: rquickjs::Error| ScriptError::Engine(e.to_string());
    let scratch = Context::full(runtime).map_err(engine)?;
    let bytes = scratch.with(|ctx| {
        Module::declare(ctx.clone(), PRELUDE_NAME, prelude())
            .and_then(|module| module.write(WriteOptions::default()))
            .map_err(|e| ScriptError::Engine(describe_prelude(&ctx, e)))
    })?;
    // Another thread may have won the race; both compiled the same source.
    Ok(PRELUDE_BYTECODE.get_or_init(|| bytes))
}

/// Creates a context, registers the natives and evaluates the prelude; returns the
/// prelude's entry points.
fn new_context(
    runtime: &Runtime,
    state: &Rc<RefCell<RunState>>,
    clock: &Rc<Clock>,
    limits: ScriptLimits,
    modules: Option<&Arc<ScriptModules>>,
) -> Result<(Entries, Context), ScriptError> {
    let engine = |e: rquickjs::Error| ScriptError::Engine(e.to_string());
    let bytecode = prelude_bytecode(runtime)?;
    let context = Context::full(runtime).map_err(engine)?;
    clock.arm(limits.timeout.max(Duration::from_secs(5)));
    let api = context.with(|ctx| -> Result<_, ScriptError> {
        let prelude_error = |e| ScriptError::Engine(describe_prelude(&ctx, e));
        let n = natives(&ctx, state, clock, modules).map_err(engine)?;
        // SAFETY: the bytes are QuickJS bytecode of a module, written by `Module::write` of
        // this same engine in this process, and they live for the rest of the process
        // (QuickJS may keep pointers into them).
        let declared = unsafe { Module::load(ctx.clone(), bytecode) }.map_err(prelude_error)?;
        let (module, promise) = declared.eval().map_err(prelude_error)?;
        promise.finish::<()>().map_err(prelude_error)?;
        let factory: Function = module.namespace().and_then(|ns| ns.get("default")).map_err(prelude_error)?;
        let api: Object = factory.call((n,)).map_err(prelude_error)?;
        Entries::of(&ctx, &api).map_err(prelude_error)
    });
    clock.disarm();
    Ok((api?, context))
}

/// One JavaScript context per flow: the prelude is evaluated once and every script of the
/// flow runs in it, so values a script leaves on `globalThis` are seen by later scripts of
/// the same flow (as in Postman's sandbox within one run).
pub struct FlowContext {
    // Dropped before the context (persistent values must not outlive it).
    api: Option<Entries>,
    /// Each distinct source compiled once, as a function, for every later run.
    compiled: RefCell<HashMap<String, Persistent<Function<'static>>>>,
    context: Option<Context>,
    runtime: Runtime,
    clock: Rc<Clock>,
    limits: ScriptLimits,
    state: Rc<RefCell<RunState>>,
    /// The packages `require` loads besides the built-in libraries.
    modules: Option<Arc<ScriptModules>>,
}

/// Clears the host pointer of the run state however `run` ends.
struct HostGuard<'a>(&'a RefCell<RunState>);

impl Drop for HostGuard<'_> {
    fn drop(&mut self) {
        self.0.borrow_mut().host = None;
    }
}

impl FlowContext {
    /// Runs `sources` (collection → folder → request scripts of one event, in order) and returns what they did.
    /// Variables are read from and written to `scope` (pm.environment → scope.environment, pm.globals → globals, pm.collectionVariables → collection, pm.variables.set → local, pm.iterationData → data (read-only), pm.variables.get with Postman precedence incl. `folders`).
    ///
    /// Each source runs to its end even when an earlier one threw (like Postman); the
    /// first error is reported. Whitespace-only sources are skipped without touching the
    /// engine. After an out-of-memory error the context is recreated transparently.
    pub fn run(&mut self, event: ScriptEvent<'_>, host: &dyn ScriptHost) -> ScriptOutcome {
        let sources: Vec<&str> = event
            .sources
            .iter()
            .copied()
            .filter(|s| !s.trim().is_empty())
            .collect();
        if sources.is_empty() {
            return ScriptOutcome::default();
        }
        let begin = begin(event.kind, event.info, &*event.request, event.response);
        {
            let mut state = self.state.borrow_mut();
            state.scope = std::mem::take(event.scope);
            state.folders = event.folders;
            state.kind = event.kind;
            state.usage = Usage::new(self.limits.caps);
            // SAFETY: the reference is only used by natives called while this function
            // runs scripts, and HostGuard clears it before `host`'s borrow ends.
            state.host = Some(unsafe {
                std::mem::transmute::<&dyn ScriptHost, &'static dyn ScriptHost>(host)
            });
        }
        let guard = HostGuard(&self.state);
        let (error, request) = self.run_sources(&begin, &sources);
        drop(guard);

        let mut state = self.state.borrow_mut();
        *event.scope = std::mem::take(&mut state.scope);
        state.folders = Arc::default();
        if event.kind == ScriptKind::PreRequest
            && let Some(request) = request.as_deref().and_then(request_from_json)
        {
            *event.request = request;
        }
        // A cap the run hit is a failed assertion (never a silent pass).
        let (over, dropped) = std::mem::take(&mut state.usage).report();
        let mut outcome = ScriptOutcome {
            assertions: std::mem::take(&mut state.assertions),
            console: std::mem::take(&mut state.console),
            next_request: state.next_request.take(),
            skip_request: std::mem::take(&mut state.skip_request),
            error,
        };
        drop(state);
        outcome.assertions.extend(over);
        outcome.console.extend(dropped);
        if matches!(outcome.error, Some(ScriptError::OutOfMemory { .. })) {
            self.recreate();
        }
        outcome
    }

    /// Runs every source; returns the first error and the request as the scripts left it.
    fn run_sources(
        &self,
        begin: &Begin<'_>,
        sources: &[&str],
    ) -> (Option<ScriptError>, Option<String>) {
        let clock = &self.clock;
        let limits = self.limits;
        let (Some(api), Some(context)) = (self.api.clone(), self.context.as_ref()) else {
            return (Some(ScriptError::Engine("no script context".into())), None);
        };
        context.with(|ctx| {
            let api = match api.restore(&ctx) {
                Ok(api) => api,
                Err(e) => return (Some(ScriptError::Engine(e.to_string())), None),
            };
            let mut first: Option<ScriptError> = None;
            // What a script can see is read under its clock, errors included.
            let classified = |e| classify(&ctx, e, clock, limits, &api.describe);
            let guarded = |f: &dyn Fn() -> rquickjs::Result<Option<String>>| {
                clock.arm(limits.budget());
                let result = f().map_err(classified);
                clock.disarm();
                result
            };
            if let Err(e) = guarded(&|| api.begin_run.call_arg(begin.args(&ctx)?)) {
                return (Some(e), None);
            }
            for source in sources {
                clock.arm(limits.budget());
                let cached = self.compiled.borrow().get(*source).cloned();
                let function = match cached {
                    Some(f) => f.restore(&ctx),
                    None => {
                        let compiled = ctx.eval_with_options::<Function, _>(
                            format!("(function () {{{source}\n}})"),
                            sloppy(),
                        );
                        if let Ok(f) = &compiled {
                            self.compiled
                                .borrow_mut()
                                .insert((*source).to_string(), Persistent::save(&ctx, f.clone()));
                        }
                        compiled
                    }
                };
                let function = match function {
                    Ok(f) => f,
                    Err(e) => {
                        first.get_or_insert(classified(e));
                        clock.disarm();
                        continue;
                    }
                };
                // runSource: a fresh `tests`, the source, its `tests` results; then what
                // the source left (callbacks, timers, promise jobs), all under one clock.
                let body = api.run_source.call::<_, bool>((function.clone(),));
                // The time limit is uncatchable: runSource did not get to endSource.
                let body_timed_out = body.is_err() && clock.fired.get();
                let body = body.map_err(classified);
                let settled = if body_timed_out {
                    Ok(())
                } else {
                    let tasks = body.as_ref().map_or(true, |tasks| *tasks);
                    settle(&ctx, &api.next_task, tasks, clock).map_err(classified)
                };
                clock.disarm();
                for error in [body.err(), settled.err()].into_iter().flatten() {
                    first.get_or_insert(error);
                }
                if body_timed_out && let Err(e) = guarded(&|| api.end_source.call(())) {
                    first.get_or_insert(e);
                }
            }
            let request = match guarded(&|| api.end_run.call(())) {
                Ok(request) => request,
                Err(e) => {
                    first.get_or_insert(e);
                    None
                }
            };
            (first, request)
        })
    }

    /// Replaces the context with a fresh one (after running out of memory, values kept
    /// on `globalThis` may still hold the memory).
    fn recreate(&mut self) {
        self.compiled.borrow_mut().clear();
        self.api = None;
        self.context = None;
        self.runtime.run_gc();
        // On failure the flow has no context and later runs report an engine error.
        let fresh = new_context(
            &self.runtime,
            &self.state,
            &self.clock,
            self.limits,
            self.modules.as_ref(),
        );
        if let Ok((api, context)) = fresh {
            self.api = Some(api);
            self.context = Some(context);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_flow_contexts_free_their_memory() {
        let sandbox = Sandbox::new(ScriptLimits::default()).unwrap();
        let baseline = sandbox.runtime.memory_usage().memory_used_size;
        for _ in 0..3 {
            let flow = sandbox.flow().unwrap();
            flow.context.as_ref().unwrap().with(|ctx| {
                let _: rquickjs::Result<()> =
                    ctx.eval("globalThis.keep = new Array(1000000).fill(1);");
            });
            drop(flow);
            sandbox.runtime.run_gc();
            let used = sandbox.runtime.memory_usage().memory_used_size;
            assert!(used < baseline + 1_000_000, "{used} vs {baseline}");
        }
    }
}
