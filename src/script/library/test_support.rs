//! Runs a script in the sandbox for the libraries' tests: `out(value)` records values.

use std::sync::Arc;

use crate::script::{
    Sandbox, ScriptEvent, ScriptHost, ScriptInfo, ScriptKind, ScriptLimits, ScriptRequest,
    ScriptResponse,
};

struct NoHost;

impl ScriptHost for NoHost {
    fn send_request(&self, _: ScriptRequest) -> Result<ScriptResponse, String> {
        Err("no network here".into())
    }

    fn cookies(&self) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// Runs `source` as a pre-request script with `out(value)` in scope; returns the values
/// given to `out` as strings, in order, or the script's error.
pub(crate) fn outputs(source: &str) -> Result<Vec<String>, String> {
    let sandbox = Sandbox::new(ScriptLimits::default()).map_err(|e| e.to_string())?;
    let mut flow = sandbox.flow().map_err(|e| e.to_string())?;
    let source = format!(
        "var out = function (v) {{ pm.test(String(v), function () {{}}); }};\n{source}"
    );
    let mut scope = crate::vars::Scope::default();
    let info = ScriptInfo::default();
    let mut request = ScriptRequest {
        method: "GET".into(),
        url: "http://127.0.0.1/".into(),
        headers: Vec::new(),
        body: None,
    };
    let outcome = flow.run(
        ScriptEvent {
            kind: ScriptKind::PreRequest,
            sources: &[&source],
            scope: &mut scope,
            folders: Arc::default(),
            request: &mut request,
            response: None,
            info: &info,
        },
        &NoHost,
    );
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
