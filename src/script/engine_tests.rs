//! The engine's own tests: contexts, per-run globals, sloppy mode, chai's strictness.

use std::time::Duration;

use crate::script::{FlowContext, Sandbox, ScriptLimits};

/// Runs `source` as a test script (with a response whose body is `body`) or, without
/// body, as a pre-request script; returns the assertions' names and statuses, and the
/// error.
fn run(flow: &mut FlowContext, source: &str, body: Option<&str>) -> (Vec<String>, String) {
    let outcome = super::library::test_support::run_in_flow(flow, source, body, None);
    let names = outcome
        .assertions
        .iter()
        .map(|a| format!("{} {:?}", a.name, a.status))
        .collect();
    (
        names,
        outcome.error.map(|e| e.to_string()).unwrap_or_default(),
    )
}

#[test]
fn pm_and_legacy_globals_are_per_run() {
    let sandbox = Sandbox::new(ScriptLimits::default()).unwrap();
    let mut flow = sandbox.flow().unwrap();
    // Assignments last for their run; deleting a response global removes nothing.
    let (names, error) = run(
        &mut flow,
        "pm.response = 1; responseBody = 'mine'; delete globalThis.responseCode; \
         delete responseTime; tests[pm.response + responseBody + responseCode.code] = \
         typeof responseTime === 'number';",
        Some("first"),
    );
    assert_eq!(names, ["1mine200 Passed"], "{error}");
    let (names, error) = run(
        &mut flow,
        "tests[pm.response.text() + responseBody + responseCode.code] = true;",
        Some("second"),
    );
    assert_eq!(names, ["secondsecond200 Passed"], "{error}");
    // A run without response has no response globals.
    let (names, error) = run(&mut flow, "tests[typeof responseBody] = true;", None);
    assert_eq!(names, ["undefined Passed"], "{error}");
    let (_, error) = run(&mut flow, "responseBody;", None);
    assert!(error.contains("ReferenceError"), "{error}");
    let (names, error) = run(&mut flow, "tests[responseBody] = true;", Some("third"));
    assert_eq!(names, ["third Passed"], "{error}");
    // A pre-request script that looks at the request leaves it as it was.
    let (names, error) = run(&mut flow, "tests[pm.request.url.toString()] = true;", None);
    assert_eq!(names, ["http://127.0.0.1/ Passed"], "{error}");
}

#[test]
fn scripts_run_in_sloppy_mode_unless_they_ask() {
    let sandbox = Sandbox::new(ScriptLimits::default()).unwrap();
    let mut flow = sandbox.flow().unwrap();
    // Postman's old snippets assign without `var`: a global of the flow.
    let (names, error) = run(
        &mut flow,
        "jsonData = JSON.parse(responseBody); tests['status ' + jsonData.status] = true;",
        Some(r#"{"status": "ok"}"#),
    );
    assert_eq!(names, ["status ok Passed"], "{error}");
    let (names, error) = run(&mut flow, "tests[typeof jsonData] = true;", Some("{}"));
    assert_eq!(names, ["object Passed"], "{error}");
    let (_, error) = run(&mut flow, "'use strict'; undeclared = 1;", Some("{}"));
    assert!(error.contains("ReferenceError"), "{error}");
}

#[test]
fn unknown_chai_properties_throw_as_chai_4_does() {
    let sandbox = Sandbox::new(ScriptLimits::default()).unwrap();
    let script = "pm.test('array', () => pm.expect([]).to.be.an.array);\n\
         pm.test('typo', () => pm.expect(1).to.equl(1));\n\
         pm.test('method', () => pm.expect(1).to.equal.foo);\n\
         pm.test('known', () => { pm.expect([]).to.be.an('array').that.is.empty; \
           pm.expect({a: 1}).to.have.property('a'); pm.response.to.have.status(200); \
           pm.expect('x').to.be.a('string').and.have.lengthOf(1); pm.response.to.be.ok; \
           pm.expect(1).to.not.be.undefined; if (pm.expect(1).then) throw 1; });";
    let (names, error) = run(&mut sandbox.flow().unwrap(), script, Some("{}"));
    let invalid = "Failed(\"Invalid Chai property: ";
    let expected = [
        format!("array {invalid}array. Did you mean \\\"any\\\"?\")"),
        format!("typo {invalid}equl. Did you mean \\\"equal\\\"?\")"),
        format!("method {invalid}equal.foo. See docs for proper usage of \\\"equal\\\".\")"),
        "known Passed".into(),
    ];
    assert_eq!((names, error.as_str()), (expected.to_vec(), ""));
}

#[test]
fn default_limits() {
    let limits = ScriptLimits::default();
    assert_eq!(limits.timeout, Duration::from_secs(5));
    assert_eq!(limits.memory, 64 << 20);
    assert_eq!(limits.stack, 1 << 20);
}

#[test]
fn what_decides_assertions_cannot_be_replaced_but_a_response_method_can() {
    let sandbox = Sandbox::new(ScriptLimits::default()).unwrap();
    let mut flow = sandbox.flow().unwrap();
    // One response may replace its own method, as with a writable one.
    let (names, error) = run(
        &mut flow,
        "pm.response.json = function () { return 1; }; tests['own ' + pm.response.json()] = true;",
        Some("{}"),
    );
    assert_eq!(names, ["own 1 Passed"], "{error}");
    let (names, error) = run(
        &mut flow,
        "tests[typeof pm.response.json()] = true;",
        Some("{}"),
    );
    assert_eq!(names, ["object Passed"], "{error}");
    // In sloppy mode an assignment is ignored; in strict mode it throws.
    let (names, error) = run(
        &mut flow,
        "pm.test = 1; pm.expect = 1; pm = 1; delete pm; pm.test('kept', function () { pm.expect(1).to.equal(1); });",
        Some("{}"),
    );
    assert_eq!(names, ["kept Passed"], "{error}");
    let (_, error) = run(&mut flow, "'use strict'; pm.test = 1;", Some("{}"));
    assert!(error.contains("TypeError"), "{error}");
}
