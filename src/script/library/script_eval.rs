//! Test support: runs script expressions in a fresh sandbox and returns their JSON.

use std::sync::Arc;

use crate::script::{
    FlowContext, Sandbox, ScriptEvent, ScriptHost, ScriptInfo, ScriptKind, ScriptLimits,
    ScriptRequest, ScriptResponse,
};

struct NoHost;

impl ScriptHost for NoHost {
    fn send_request(&self, _: ScriptRequest) -> Result<ScriptResponse, String> {
        Err("no network here".into())
    }

    fn cookies(&self) -> Vec<crate::http::JarCookie> {
        Vec::new()
    }
}

/// Runs `source` as one test script in `flow` (response body `body`); returns the names of
/// its assertions joined by newlines, or the script's error.
pub(crate) fn run_in(flow: &mut FlowContext, source: &str, body: &str) -> String {
    let mut scope = crate::vars::Scope::default();
    let info = ScriptInfo::default();
    let response = ScriptResponse {
        code: 200,
        reason: "OK".into(),
        headers: Vec::new(),
        body: body.as_bytes().to_vec(),
        time_ms: 1,
    };
    let mut request = ScriptRequest {
        method: "GET".into(),
        url: "http://127.0.0.1/".into(),
        headers: Vec::new(),
        body: None,
    };
    let outcome = flow.run(
        ScriptEvent {
            kind: ScriptKind::Test,
            sources: &[source],
            scope: &mut scope,
            folders: Arc::default(),
            request: &mut request,
            response: Some(&response),
            info: &info,
        },
        &NoHost,
    );
    if let Some(error) = outcome.error {
        return format!("error: {error}");
    }
    let names: Vec<_> = outcome.assertions.iter().map(|a| a.name.clone()).collect();
    names.join("\n")
}

/// The JSON of the array of `expressions` (JavaScript, comma-separated) evaluated in a
/// fresh flow after `setup`.
pub(crate) fn json(setup: &str, expressions: &str) -> String {
    let sandbox = Sandbox::new(ScriptLimits::default()).unwrap();
    let mut flow = sandbox.flow().unwrap();
    let source = format!(
        "{setup};\ntests[JSON.stringify([{expressions}], function (k, v) {{ \
         return v === undefined ? '<undefined>' : v; }})] = true;"
    );
    run_in(&mut flow, &source, "{}")
}
