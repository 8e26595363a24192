//! Everything a script can make the sandbox do is bounded: a thrown value is read under
//! the script's clock (its getters, a Proxy's traps, `toJSON` and `toString` are script
//! code), and what a run stores on the Rust side (assertions, variables, console lines) is
//! capped, the overflow counted and reported as a failed assertion.

use std::time::Duration;

use super::hostile_tests::{hostile, is_timeout, limits, run};
use crate::script::{AssertionStatus, Sandbox, ScriptCaps, ScriptLimits};

#[test]
fn thrown_values_are_read_under_the_script_clock() {
    let sources = [
        "throw { get message() { for (;;) {} } };",
        "throw { message: 'm', get name() { for (;;) {} } };",
        "throw { message: 'm', get stack() { for (;;) {} } };",
        "throw { toJSON: function () { for (;;) {} } };",
        "throw Object.assign(function () {}, { toString: function () { for (;;) {} } });",
        "throw new Proxy({}, { get: function () { for (;;) {} } });",
        "pm.test('t', function () { throw { get message() { for (;;) {} } }; });",
        // Read by the sandbox after the body: the request's headers as the script left them.
        "pm.request.headers.__list.push({ key: { toString: function () { \
           throw { get message() { for (;;) {} } }; } }, value: 'v' });",
    ];
    for source in sources {
        let outcome = hostile(source);
        assert!(is_timeout(&outcome), "{source}: {outcome:?}");
        let error = outcome.error.map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(error, "script timed out after 200ms", "{source}");
    }
}

#[test]
fn thrown_values_are_described_as_before() {
    let cases = [
        ("throw new TypeError('bad');", "script error: TypeError: bad"),
        ("throw 'text';", "script error: text"),
        ("throw { code: 1 };", "script error: {\"code\":1}"),
        ("throw undefined;", "script error: undefined"),
        ("throw { message: 'm', get name() { throw 1; } };", "script error: m"),
    ];
    for (source, expected) in cases {
        let outcome = hostile(source);
        let error = outcome.error.map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(error, expected, "{source}");
    }
}

fn small_caps() -> ScriptLimits {
    ScriptLimits {
        caps: ScriptCaps {
            assertions: 5,
            assertion_bytes: 1 << 20,
            variables: 3,
            variable_bytes: 1 << 10,
            console_lines: 4,
            console_bytes: 1 << 10,
        },
        ..limits()
    }
}

/// The names and statuses of a run's assertions, and its console lines.
fn stored(source: &str, limits: ScriptLimits) -> (Vec<String>, Vec<String>) {
    let sandbox = Sandbox::new(limits).unwrap();
    let mut flow = sandbox.flow().unwrap();
    let outcome = run(&mut flow, source);
    let assertions = outcome
        .assertions
        .iter()
        .map(|a| match &a.status {
            AssertionStatus::Failed(message) => format!("{} failed: {message}", a.name),
            status => format!("{} {status:?}", a.name),
        })
        .collect();
    (assertions, outcome.console.into_iter().map(|l| l.text).collect())
}

#[test]
fn assertions_past_the_cap_are_counted_and_fail_the_run() {
    let (assertions, _) = stored(
        "for (var i = 0; i < 8; i++) pm.test('t' + i, function () {}); tests['legacy'] = true;",
        small_caps(),
    );
    assert_eq!(assertions.len(), 6, "{assertions:#?}");
    assert_eq!(assertions[4], "t4 Passed");
    assert_eq!(
        assertions[5],
        "script limit: assertions failed: the script recorded more than 5 assertions or 1 MiB \
         of assertion text; 4 more were dropped"
    );
}

#[test]
fn variables_past_the_cap_are_counted_and_fail_the_run() {
    let (assertions, _) = stored(
        "for (var i = 0; i < 6; i++) pm.environment.set('v' + i, i);\n\
         for (var j = 0; j < 100; j++) pm.environment.set('v0', j);\n\
         pm.globals.set('big', 'x'.repeat(2000));\n\
         pm.test('kept', function () { pm.expect(pm.environment.get('v2')).to.equal(2); \
           pm.expect(pm.environment.has('v3')).to.be.false; });",
        small_caps(),
    );
    assert_eq!(
        assertions,
        [
            "kept Passed",
            "script limit: variables failed: the script set more than 3 new variables or 1 KiB \
             of variable values; 4 more sets were dropped"
        ]
    );
}

#[test]
fn console_past_the_cap_is_counted_and_fails_the_run() {
    let (assertions, console) = stored(
        "for (var i = 0; i < 10; i++) console.log('line', i);",
        small_caps(),
    );
    let limit = "the script wrote more than 4 console lines or 1 KiB of console output; 6 more \
                 lines were dropped";
    assert_eq!(console, ["line 0", "line 1", "line 2", "line 3", limit]);
    assert_eq!(assertions, [format!("script limit: console failed: {limit}")]);
}

#[test]
fn runaway_loops_store_no_more_than_the_default_caps() {
    let limits = ScriptLimits {
        timeout: Duration::from_secs(1),
        ..ScriptLimits::default()
    };
    let caps = limits.caps;
    for (source, name) in [
        ("for (var i = 0; ; i++) pm.test('t'.repeat(10000) + i, function () {});", "assertions"),
        ("for (var i = 0; ; i++) pm.environment.set('v' + i, 'x'.repeat(100000));", "variables"),
        ("for (var i = 0; ; i++) console.log('x'.repeat(10000), i);", "console"),
    ] {
        let sandbox = Sandbox::new(limits).unwrap();
        let outcome = run(&mut sandbox.flow().unwrap(), source);
        assert!(outcome.error.is_some(), "{source}");
        assert!(outcome.assertions.len() <= caps.assertions + 1, "{source}");
        assert!(outcome.console.len() <= caps.console_lines + 1, "{source}");
        let last = outcome.assertions.last().map(|a| a.name.as_str());
        assert_eq!(last, Some(format!("script limit: {name}").as_str()), "{source}");
    }
}

#[test]
fn long_texts_are_cut() {
    let (assertions, console) = stored(
        "pm.test('n'.repeat(100000), function () { throw new Error('m'.repeat(100000)); });\n\
         console.log('c'.repeat(100000));",
        ScriptLimits {
            timeout: Duration::from_secs(5),
            ..ScriptLimits::default()
        },
    );
    assert_eq!(assertions.len(), 1);
    assert!(assertions[0].len() < 2 * super::limits::MAX_TEXT + 100);
    assert!(console[0].len() <= super::limits::MAX_TEXT + 3);
}
