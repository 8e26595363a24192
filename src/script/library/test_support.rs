//! Runs scripts in a fresh sandbox flow for the libraries' tests.

use std::sync::Arc;

use crate::script::{
    FlowContext, Sandbox, ScriptEvent, ScriptHost, ScriptInfo, ScriptKind, ScriptLimits,
    ScriptOutcome, ScriptRequest, ScriptResponse,
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

/// Runs `source` in `flow` as a test script on a 200 response of `body` (with
/// `content_type`, if any) or, without one, as a pre-request script, with no network.
pub(crate) fn run_in_flow(
    flow: &mut FlowContext,
    source: &str,
    body: Option<&str>,
    content_type: Option<&str>,
) -> ScriptOutcome {
    let mut scope = Scope::default();
    let info = ScriptInfo::default();
    let response = body.map(|body| ScriptResponse {
        code: 200,
        reason: "OK".into(),
        headers: content_type
            .map(|t| ("Content-Type".to_string(), t.to_string()))
            .into_iter()
            .collect(),
        body: body.as_bytes().to_vec(),
        time_ms: 1,
    });
    let mut request = ScriptRequest {
        method: "GET".into(),
        url: "http://127.0.0.1/".into(),
        headers: Vec::new(),
        body: None,
    };
    flow.run(
        ScriptEvent {
            kind: if response.is_some() {
                ScriptKind::Test
            } else {
                ScriptKind::PreRequest
            },
            sources: &[source],
            scope: &mut scope,
            folders: Arc::default(),
            request: &mut request,
            response: response.as_ref(),
            info: &info,
        },
        &NoHost,
    )
}

/// [`run_in_flow`] in a fresh flow, on an `application/xml` response when there is a body.
fn run_event(source: &str, body: Option<&str>) -> ScriptOutcome {
    let sandbox = Sandbox::new(ScriptLimits::default()).unwrap();
    let mut flow = sandbox.flow().unwrap();
    run_in_flow(&mut flow, source, body, Some("application/xml"))
}

/// Runs `source` as a test script on a 200 response of `body`; each assertion as
/// `name Passed` or `name Failed("message")`, then `error: …` if the script threw.
pub(crate) fn run(source: &str, body: &str) -> Vec<String> {
    let outcome = run_event(source, Some(body));
    let mut lines: Vec<String> = outcome
        .assertions
        .iter()
        .map(|a| format!("{} {:?}", a.name, a.status))
        .collect();
    if let Some(error) = outcome.error {
        lines.push(format!("error: {error}"));
    }
    lines
}

/// Asserts that each `(name, expression)` pair evaluates to the JSON text `expected`:
/// `expression` is JavaScript whose `JSON.stringify` is compared.
pub(crate) fn assert_json(prelude: &str, cases: &[(&str, &str)]) {
    let mut script = String::from(prelude);
    for (expression, expected) in cases {
        script.push_str(&format!(
            "\ntry {{ var __v = JSON.stringify({expression}); tests[{name} + ' => ' + __v] = __v === {want}; }} \
             catch (e) {{ tests[{name} + ' threw ' + e] = false; }}",
            name = serde_json::to_string(expression).unwrap(),
            want = serde_json::to_string(expected).unwrap(),
        ));
    }
    let lines = run(&script, "");
    let failed: Vec<_> = lines.iter().filter(|l| !l.ends_with(" Passed")).collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(lines.len(), cases.len());
}

/// Runs `source` as a pre-request script with `out(value)` in scope; returns the values
/// given to `out` as strings, in order, or the script's error.
pub(crate) fn outputs(source: &str) -> Result<Vec<String>, String> {
    let source = format!(
        "var out = function (v) {{ pm.test(String(v), function () {{}}); }};\n{source}"
    );
    let outcome = run_event(&source, None);
    match outcome.error {
        Some(error) => Err(error.to_string()),
        None => Ok(outcome.assertions.into_iter().map(|a| a.name).collect()),
    }
}

/// [`outputs`], which must succeed.
pub(crate) fn expect_outputs(source: &str, expected: &[&str]) {
    match outputs(source) {
        Ok(values) => assert_eq!(values, expected, "{source}"),
        Err(error) => panic!("{source}\n{error}"),
    }
}
