//! Test support: runs script expressions in a fresh sandbox and returns their JSON.

use super::test_support::run_in_flow;
use crate::script::{FlowContext, Sandbox, ScriptLimits};

/// Runs `source` as one test script in `flow` (response body `body`); returns the names of
/// its assertions joined by newlines, or the script's error.
pub(crate) fn run_in(flow: &mut FlowContext, source: &str, body: &str) -> String {
    let outcome = run_in_flow(flow, source, Some(body), None);
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
