//! What a script leaves for after its body (pm.sendRequest callbacks, timers, promise
//! jobs), test scripts after a failed request, and variables that keep their type.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use crate::script::{
    AssertionStatus, FlowContext, Sandbox, ScriptError, ScriptEvent, ScriptHost, ScriptInfo,
    ScriptKind, ScriptLimits, ScriptOutcome, ScriptRequest, ScriptResponse,
};
use crate::vars::Scope;

/// Answers every request with its URL as the body, except port 1 (refused); keeps the URLs.
#[derive(Default)]
struct EchoHost {
    sent: RefCell<Vec<String>>,
}

impl ScriptHost for EchoHost {
    fn send_request(
        &self,
        request: ScriptRequest,
        _deadline: Option<std::time::Instant>,
    ) -> Result<ScriptResponse, String> {
        self.sent.borrow_mut().push(request.url.clone());
        if request.url.contains(":1/") {
            return Err("connect ECONNREFUSED".into());
        }
        Ok(ScriptResponse {
            code: 200,
            reason: "OK".into(),
            headers: Vec::new(),
            body: request.url.into_bytes(),
            time_ms: 1,
        })
    }

    fn cookies(&self) -> Vec<crate::http::JarCookie> {
        Vec::new()
    }
}

fn flow(timeout: Duration) -> (Sandbox, ScriptLimits) {
    let limits = ScriptLimits {
        timeout,
        ..ScriptLimits::default()
    };
    (Sandbox::new(limits).unwrap(), limits)
}

/// Runs `source` as a test script, with a response unless `failed`.
fn run(
    flow: &mut FlowContext,
    scope: &mut Scope,
    host: &EchoHost,
    source: &str,
    failed: bool,
) -> ScriptOutcome {
    let response = ScriptResponse {
        code: 200,
        reason: "OK".into(),
        headers: Vec::new(),
        body: b"{}".to_vec(),
        time_ms: 1,
    };
    let mut request = ScriptRequest {
        method: "GET".into(),
        url: "http://127.0.0.1/".into(),
        headers: Vec::new(),
        body: None,
    };
    let info = ScriptInfo::default();
    flow.run(
        ScriptEvent {
            kind: ScriptKind::Test,
            sources: &[source],
            scope,
            folders: std::sync::Arc::default(),
            request: &mut request,
            response: (!failed).then_some(&response),
            info: &info,
        },
        host,
    )
}

fn names(outcome: &ScriptOutcome) -> Vec<String> {
    outcome
        .assertions
        .iter()
        .map(|a| match &a.status {
            AssertionStatus::Passed => a.name.clone(),
            other => format!("{} {other:?}", a.name),
        })
        .collect()
}

#[test]
fn callbacks_timers_and_jobs_run_after_the_body_in_order() {
    let (sandbox, _) = flow(Duration::from_secs(5));
    let mut flow = sandbox.flow().unwrap();
    let host = EchoHost::default();
    let source = "var order = [];\n\
        var r = pm.sendRequest('http://h/a', function (err, res) { order.push('cb ' + res.text()); });\n\
        order.push('returns pm ' + (r === pm));\n\
        pm.sendRequest('http://h:1/', function (err, res) {\n\
          order.push('refused ' + err.message + ' ' + res.code);\n\
          throw new Error('dropped');\n\
        });\n\
        setTimeout(function (x) { order.push('t30 ' + x); pm.test(order.join(), function () {}); }, 30, 'arg');\n\
        setTimeout(function () { order.push('t0'); }, 0);\n\
        setImmediate(function () { order.push('immediate'); });\n\
        var cleared = setTimeout(function () { order.push('cleared'); }, 0); clearTimeout(cleared);\n\
        Promise.resolve().then(function () { order.push('job'); });\n\
        (async function () { await null; order.push('await'); })();\n\
        order.push('end');";
    let started = Instant::now();
    let outcome = run(&mut flow, &mut Scope::default(), &host, source, false);
    assert_eq!(outcome.error, None);
    assert_eq!(
        names(&outcome),
        ["returns pm true,end,job,await,cb http://h/a,\
          refused connect ECONNREFUSED undefined,t0,immediate,t30 arg"]
    );
    // The timer really waited, and the requests went out after the body.
    assert!(started.elapsed() >= Duration::from_millis(30));
    assert_eq!(*host.sent.borrow(), ["http://h/a", "http://h:1/"]);
}

#[test]
fn a_request_without_callback_is_sent_and_promised() {
    let (sandbox, _) = flow(Duration::from_secs(5));
    let mut flow = sandbox.flow().unwrap();
    let host = EchoHost::default();
    let outcome = run(
        &mut flow,
        &mut Scope::default(),
        &host,
        "pm.test('returns pm', function () { pm.expect(pm.sendRequest('http://h/x', function () {})).to.equal(pm); });\n\
         var p = pm.sendRequest('http://h/y');\n\
         pm.test('else a promise', function () { pm.expect(p).to.be.an.instanceof(Promise); });\n\
         (async function () {\n\
           var res = await pm.sendRequest('http://h/z');\n\
           pm.test('awaited ' + res.text(), function () {});\n\
           try { await pm.sendRequest('http://h:1/'); } catch (e) { pm.test('rejected ' + e.message, function () {}); }\n\
         })();",
        false,
    );
    assert_eq!(
        names(&outcome),
        [
            "returns pm",
            "else a promise",
            "awaited http://h/z",
            "rejected connect ECONNREFUSED"
        ]
    );
    assert_eq!(
        *host.sent.borrow(),
        ["http://h/x", "http://h/y", "http://h/z", "http://h:1/"]
    );
}

#[test]
fn done_records_the_test_when_called() {
    let (sandbox, _) = flow(Duration::from_secs(5));
    let mut flow = sandbox.flow().unwrap();
    let host = EchoHost::default();
    let source = "pm.test('later', function (done) { setTimeout(function () { done(); }, 5); });\n\
        pm.test('never', function (done) {});\n\
        pm.test('fails', function (done) { pm.sendRequest('http://h/', function () { done(new Error('no')); }); });\n\
        pm.test('sync', function () {});";
    let outcome = run(&mut flow, &mut Scope::default(), &host, source, false);
    assert_eq!(outcome.error, None);
    assert_eq!(
        names(&outcome),
        ["sync", "fails Failed(\"no\")", "later"],
        "the request's callback is due before the timer"
    );
}

#[test]
fn an_endless_interval_ends_with_the_time_limit() {
    let (sandbox, limits) = flow(Duration::from_millis(300));
    let mut flow = sandbox.flow().unwrap();
    let host = EchoHost::default();
    let started = Instant::now();
    let outcome = run(
        &mut flow,
        &mut Scope::default(),
        &host,
        "tests['sync part'] = true; setInterval(function () {}, 10);",
        false,
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(
        outcome.error,
        Some(ScriptError::Timeout {
            limit: limits.timeout
        })
    );
    // What the body recorded is kept once.
    assert_eq!(names(&outcome), ["sync part"]);
    // A timer far past the limit ends the same way, without waiting for it.
    let started = Instant::now();
    let outcome = run(
        &mut flow,
        &mut Scope::default(),
        &host,
        "setTimeout(function () { pm.test('never', function () {}); }, 60000);",
        false,
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(matches!(outcome.error, Some(ScriptError::Timeout { .. })));
    // The next script starts with no leftover timer.
    let outcome = run(
        &mut flow,
        &mut Scope::default(),
        &host,
        "var n = 0; var i = setInterval(function () { if (++n === 3) { clearInterval(i); pm.test('three', function () {}); } }, 1);",
        false,
    );
    assert_eq!((names(&outcome), outcome.error), (vec!["three".into()], None));
}

#[test]
fn test_scripts_after_a_failed_request_see_an_empty_response() {
    let (sandbox, _) = flow(Duration::from_secs(5));
    let mut flow = sandbox.flow().unwrap();
    let host = EchoHost::default();
    let source = "pm.test('code ' + pm.response.code, function () { pm.response.to.have.status(200); });\n\
        tests['body ' + typeof responseBody + ' ' + JSON.stringify(responseCode)] = true;\n\
        pm.test('text ' + pm.response.text() + ' ' + pm.response.headers.count(), function () {});";
    let outcome = run(&mut flow, &mut Scope::default(), &host, source, true);
    assert_eq!(outcome.error, None);
    let names = names(&outcome);
    assert!(names[0].starts_with("code undefined Failed("), "{names:?}");
    assert_eq!(names[1..], ["text undefined 0", "body undefined {}"]);
}

#[test]
fn variables_keep_their_type_within_the_run() {
    let (sandbox, _) = flow(Duration::from_secs(5));
    let mut flow = sandbox.flow().unwrap();
    let host = EchoHost::default();
    let mut scope = Scope::default();
    let outcome = run(
        &mut flow,
        &mut scope,
        &host,
        "pm.environment.set('n', 1); pm.globals.set('b', true); pm.collectionVariables.set('o', {a: [1]});\n\
         pm.variables.set('z', null); pm.environment.set('s', '1'); pm.environment.set('l', [1, 2]);",
        false,
    );
    assert_eq!(outcome.error, None);
    let env = &scope.environment;
    assert_eq!(env.get("n").unwrap().value, "1");
    assert_eq!(env.get("n").unwrap().json.as_deref(), Some("1"));
    assert_eq!(env.get("s").unwrap().json, None);
    assert_eq!(env.get("l").unwrap().value, "[1,2]");
    assert_eq!(scope.collection.get("o").unwrap().value, r#"{"a":[1]}"#);
    let outcome = run(
        &mut flow,
        &mut scope,
        &host,
        "tests['number'] = pm.environment.get('n') === 1;\n\
         tests['string'] = pm.environment.get('s') === '1';\n\
         tests['boolean'] = pm.variables.get('b') === true;\n\
         tests['object'] = pm.collectionVariables.get('o').a[0] === 1;\n\
         tests['null'] = pm.variables.get('z') === null;\n\
         tests['toObject'] = pm.environment.toObject().n === 1;\n\
         tests[pm.variables.replaceIn('{{n}} {{b}} {{o}} {{z}} {{l}}')] = true;",
        false,
    );
    assert_eq!(
        names(&outcome),
        [
            "number",
            "string",
            "boolean",
            "object",
            "null",
            "toObject",
            r#"1 true {"a":[1]} null [1,2]"#
        ]
    );
}

#[test]
fn legacy_setters_store_text_as_postman_does() {
    let (sandbox, _) = flow(Duration::from_secs(5));
    let mut flow = sandbox.flow().unwrap();
    let host = EchoHost::default();
    let outcome = run(
        &mut flow,
        &mut Scope::default(),
        &host,
        "postman.setEnvironmentVariable('m', 2); postman.setGlobalVariable('g', true);\n\
         pm.environment.set('n', 3);\n\
         pm.test([typeof pm.environment.get('m'), typeof pm.globals.get('g'),\n\
           typeof pm.environment.get('n'), postman.getEnvironmentVariable('m')].join(), function () {});",
        false,
    );
    assert_eq!(names(&outcome), ["string,string,number,2"]);
}
