//! Hostile scripts are stopped by the sandbox limits (time, memory, stack, no host
//! objects or module loader), and the same flow context keeps working afterwards.

use std::time::{Duration, Instant};

use crate::script::{
    AssertionStatus, FlowContext, Sandbox, ScriptError, ScriptEvent, ScriptHost, ScriptInfo,
    ScriptKind, ScriptLimits, ScriptOutcome, ScriptRequest, ScriptResponse,
};
use crate::vars::Scope;

struct NoHost;

impl ScriptHost for NoHost {
    fn send_request(
        &self,
        _request: ScriptRequest,
        _deadline: Option<std::time::Instant>,
    ) -> Result<ScriptResponse, String> {
        Err("offline".into())
    }
    fn cookies(&self) -> Vec<crate::http::JarCookie> {
        Vec::new()
    }
}

pub(super) fn limits() -> ScriptLimits {
    ScriptLimits {
        timeout: Duration::from_millis(200),
        ..ScriptLimits::default()
    }
}

pub(super) fn run(flow: &mut FlowContext, source: &str) -> ScriptOutcome {
    let mut scope = Scope::default();
    let mut request = ScriptRequest {
        method: "GET".into(),
        url: "http://localhost/".into(),
        headers: Vec::new(),
        body: None,
    };
    let info = ScriptInfo::default();
    let sources = [source];
    flow.run(
        ScriptEvent {
            kind: ScriptKind::PreRequest,
            sources: &sources,
            scope: &mut scope,
            folders: std::sync::Arc::default(),
            request: &mut request,
            response: None,
            info: &info,
        },
        &NoHost,
    )
}

/// A normal script still runs in `flow` and records its assertion.
fn still_works(flow: &mut FlowContext) {
    let outcome = run(
        flow,
        "var big = []; for (var i = 0; i < 1000; i++) big.push(i); \
         pm.test('still works', function () { pm.expect(big.length).to.equal(1000); });",
    );
    assert_eq!(outcome.error, None);
    assert_eq!(outcome.assertions.len(), 1);
    assert_eq!(outcome.assertions[0].status, AssertionStatus::Passed);
}

pub(super) fn hostile(source: &str) -> ScriptOutcome {
    let sandbox = Sandbox::new(limits()).unwrap();
    let mut flow = sandbox.flow().unwrap();
    let started = Instant::now();
    let outcome = run(&mut flow, source);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    still_works(&mut flow);
    outcome
}

pub(super) fn is_timeout(outcome: &ScriptOutcome) -> bool {
    matches!(outcome.error, Some(ScriptError::Timeout { limit }) if limit == Duration::from_millis(200))
}

#[test]
fn endless_loop_is_stopped() {
    assert!(is_timeout(&hostile("while (true) {}")));
}

#[test]
fn endless_loop_in_try_catch_is_stopped() {
    let outcome = hostile("try { while (true) {} } catch (e) {} pm.test('after', function () {});");
    assert!(is_timeout(&outcome), "{outcome:?}");
    assert!(outcome.assertions.is_empty());
}

#[test]
fn catch_and_retry_loop_is_stopped() {
    let outcome =
        hostile("for (;;) { try { while (true) {} } catch (e) {} finally { continue; } }");
    assert!(is_timeout(&outcome), "{outcome:?}");
}

#[test]
fn huge_array_is_stopped_by_memory_limit() {
    let outcome = hostile("new Array(1 << 28).fill(1);");
    assert!(
        matches!(outcome.error, Some(ScriptError::OutOfMemory { .. })),
        "{outcome:?}"
    );
}

#[test]
fn string_doubling_is_stopped_by_memory_limit() {
    let outcome = hostile("var s = 'x'; while (true) { s = s.repeat(2); }");
    assert!(
        matches!(outcome.error, Some(ScriptError::OutOfMemory { .. })),
        "{outcome:?}"
    );
}

#[test]
fn memory_kept_on_globals_does_not_poison_the_flow() {
    let outcome =
        hostile("globalThis.keep = []; while (true) { keep.push(new Array(10000).fill(1)); }");
    assert!(
        matches!(outcome.error, Some(ScriptError::OutOfMemory { .. })),
        "{outcome:?}"
    );
}

#[test]
fn unbounded_recursion_is_stopped() {
    let outcome = hostile("function f(n) { return f(n + 1) + 1; } f(0);");
    assert_eq!(outcome.error, Some(ScriptError::StackOverflow));
}

#[test]
fn require_is_not_supported() {
    let outcome = hostile("require('fs').readFileSync('/etc/passwd');");
    assert_eq!(
        outcome.error,
        Some(ScriptError::Unsupported {
            what: "require('fs')".into()
        })
    );
    let outcome = hostile("require('left-pad');");
    assert_eq!(
        outcome.error,
        Some(ScriptError::Unsupported {
            what: "require('left-pad')".into()
        })
    );
}

#[test]
fn pm_vault_visualizer_require_are_not_supported() {
    for (source, what) in [
        ("pm.vault.get('x')", "pm.vault"),
        ("pm.visualizer.set('')", "pm.visualizer"),
        (
            "pm.require('npm:lodash')",
            "pm.require('npm:lodash') without --script-modules",
        ),
        ("pm.require('@team/pkg')", "pm.require('@team/pkg')"),
    ] {
        let outcome = hostile(source);
        assert_eq!(
            outcome.error,
            Some(ScriptError::Unsupported { what: what.into() }),
            "{source}"
        );
    }
}

#[test]
fn no_process_or_host_objects_are_reachable() {
    let outcome = hostile(
        "var g = Function('return this')();
         var found = [typeof process, typeof globalThis.process, typeof g.process,
                      typeof std, typeof os, typeof Deno, typeof Bun, typeof fetch,
                      typeof XMLHttpRequest, typeof module, typeof exports,
                      typeof __dirname, typeof g.require === 'function' ? 'stub' : 'undefined'];
         var leaked = Object.getOwnPropertyNames(g).filter(function (n) { return /^(N|natives|__.*)$/.test(n); });
         pm.test('nothing reachable', function () {
           pm.expect(found.slice(0, 12).every(function (t) { return t === 'undefined'; })).to.be.true;
           pm.expect(leaked).to.eql([]);
         });
         try { process.env.HOME; pm.test('process.env', function () { throw new Error('reached'); }); } catch (e) {}",
    );
    assert_eq!(outcome.error, None);
    assert_eq!(outcome.assertions.len(), 1, "{outcome:?}");
    assert_eq!(
        outcome.assertions[0].status,
        AssertionStatus::Passed,
        "{outcome:?}"
    );
}

#[test]
fn dynamic_import_fails() {
    let outcome = hostile(
        "var failed = 'pending';
         import('fs').then(function () { failed = false; }, function () { failed = true; });
         pm.test('import', function () { pm.expect(failed).to.not.equal(false); });",
    );
    assert_eq!(outcome.assertions[0].status, AssertionStatus::Passed);
    // A static import is a syntax error in a script.
    let outcome = hostile("import fs from 'fs';");
    assert!(
        matches!(outcome.error, Some(ScriptError::Exception { .. })),
        "{outcome:?}"
    );
}

#[test]
fn whitespace_sources_cost_nothing() {
    let sandbox = Sandbox::new(limits()).unwrap();
    let mut flow = sandbox.flow().unwrap();
    let outcome = run(&mut flow, "  \n\t ");
    assert!(outcome.assertions.is_empty() && outcome.error.is_none());
}
