//! One step run to completion: build, send, and the result as data.

use std::time::Duration;

use crate::collection::Step;
use crate::http::{Call, HttpClient};
use crate::report::redact::Redactor;
use crate::request::{BuildOptions, RequestSpec, build};
use crate::vars::{DynamicVars, Resolver, Scope};

/// How a case ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Everything checked out.
    Passed,
    /// The target answered but did not conform.
    Failed,
    /// The case could not be made or judged (bad request definition, network failure).
    Error,
}

/// What happened to one step: plain data, already redacted, never printed by the runner.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// Test name (`collection::folder::request`, with ` [iter N]` when iterating).
    pub name: String,
    /// 1-based iteration number.
    pub iteration: usize,
    /// The request as built (redacted), when it could be built.
    pub request: Option<RequestSpec>,
    /// What was really exchanged (redacted), when the request was sent.
    pub call: Option<Call>,
    /// Overall verdict.
    pub verdict: Verdict,
    /// Why the case failed or errored, one line each.
    pub messages: Vec<String>,
    /// Variables referenced but not defined (sent literally, as Postman does).
    pub unresolved: Vec<String>,
    /// Wall time of the exchange.
    pub duration: Duration,
}

impl CaseResult {
    /// True unless the case failed or errored.
    pub fn ok(&self) -> bool {
        self.verdict == Verdict::Passed
    }
}

/// Everything a case needs from its run.
pub(crate) struct CaseContext<'a> {
    pub client: &'a HttpClient,
    pub build: &'a BuildOptions,
    pub dynamic: &'a mut DynamicVars,
}

/// Runs one step against the scope and returns its redacted result.
pub(crate) async fn run_case(
    step: &Step,
    name: String,
    iteration: usize,
    scope: &mut Scope,
    ctx: &mut CaseContext<'_>,
) -> CaseResult {
    let redactor = Redactor::new(
        scope
            .secret_values(&step.folder_vars)
            .into_iter()
            .chain(sensitive_values(scope)),
    );
    let mut resolver = Resolver::new(scope, &step.folder_vars, ctx.dynamic);
    let built = build(step, &mut resolver, ctx.build);
    let unresolved: Vec<String> = resolver.unresolved().iter().cloned().collect();
    let mut result = CaseResult {
        name,
        iteration,
        request: None,
        call: None,
        verdict: Verdict::Error,
        messages: Vec::new(),
        unresolved,
        duration: Duration::ZERO,
    };
    let spec = match built {
        Ok(spec) => spec,
        Err(e) => {
            result
                .messages
                .push(format!("request could not be built: {e}"));
            return result;
        }
    };
    match ctx.client.send(&spec).await {
        Ok(call) => {
            result.duration = call.timings.total;
            result.verdict = Verdict::Passed;
            result.call = Some(redact_call(call, &redactor));
        }
        Err(e) => result
            .messages
            .push(format!("request failed: {}", redactor.text(&e.to_string()))),
    }
    result.request = Some(redact_spec(spec, &redactor));
    result
}

/// Values of variables whose names say they hold credentials.
fn sensitive_values(scope: &Scope) -> Vec<String> {
    [
        &scope.globals,
        &scope.collection,
        &scope.environment,
        &scope.data,
        &scope.local,
    ]
    .into_iter()
    .flat_map(|m| m.iter())
    .filter(|(k, v)| crate::report::redact::is_sensitive_name(k) && v.value.len() >= 3)
    .map(|(_, v)| v.value.clone())
    .collect()
}

fn redact_headers(headers: Vec<(String, String)>, r: &Redactor) -> Vec<(String, String)> {
    headers
        .into_iter()
        .map(|(k, v)| {
            let v = r.header(&k, &v);
            (k, v)
        })
        .collect()
}

fn redact_body(body: Option<Vec<u8>>, r: &Redactor) -> Option<Vec<u8>> {
    body.map(|b| match std::str::from_utf8(&b) {
        Ok(s) => r.body(s).into_bytes(),
        Err(_) => b,
    })
}

fn redact_spec(spec: RequestSpec, r: &Redactor) -> RequestSpec {
    RequestSpec {
        url: r.url(&spec.url),
        headers: redact_headers(spec.headers, r),
        body: redact_body(spec.body, r),
        digest: spec.digest.map(|mut d| {
            d.password = crate::report::redact::MASK.into();
            d
        }),
        ..spec
    }
}

fn redact_call(mut call: Call, r: &Redactor) -> Call {
    call.sent.url = r.url(&call.sent.url);
    call.sent.headers = redact_headers(std::mem::take(&mut call.sent.headers), r);
    call.sent.body = redact_body(call.sent.body.take(), r);
    call.response.url = r.url(&call.response.url);
    call.response.headers = redact_headers(std::mem::take(&mut call.response.headers), r);
    call.response.body =
        redact_body(Some(std::mem::take(&mut call.response.body)), r).unwrap_or_default();
    call
}
