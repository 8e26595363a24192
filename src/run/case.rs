//! One step run to completion in a fixed order: build → pre-request script → send → test
//! script → captures → checks. [`respond`] goes as far as the answer and its scripts;
//! [`Ran::finish`] does the checks, which the runner may leave until the next request is
//! on its way. The result is data, redacted before it leaves, never printed here.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::lane::Sender;
use super::scripts::{
    Host, Scripts, SideClient, apply_changes, script_request, script_response, sent_request,
};
use super::token::{TokenCache, TokenParams};
use crate::check::{
    Check, CheckOutcome, CompiledSchema, DiffLine, Expectation, SchemaSet, Violation, judge,
};
use crate::collection::{CaptureSource, PlannedCollection, SchemaOverride, Sidecar, Step};
use crate::http::{Call, HttpClient};
use crate::redact::{Redactor, RedactorCache, is_sensitive_name};
use crate::request::{RequestSpec, build_parsed};
use crate::script::{
    Assertion, AssertionStatus, ConsoleLine, NextRequest, ScriptInfo, ScriptKind, ScriptOutcome,
};
use crate::session::RunOptions;
use crate::vars::{DynamicVars, Resolver, Scope, Variable};

/// Bytes of a response body kept in a result for reports.
pub const BODY_EXCERPT: usize = 16 * 1024;

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every check held.
    Passed,
    /// The target answered but did not conform.
    Failed,
    /// The case could not be made or judged (bad request definition, network failure,
    /// non-JSON body where a schema applies).
    Error,
    /// Not run (sidecar `skip`, or simulator-only against another target).
    Skipped,
}

/// What happened to one step: plain data, already redacted.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// Test name (`collection::folder::request`, with ` [iter N]` when iterating).
    pub name: String,
    /// Collection, folders and request name, for display (`a › b › c`).
    pub path: Vec<String>,
    /// The collection file.
    pub file: PathBuf,
    /// 1-based iteration number.
    pub iteration: usize,
    /// The request as built (redacted), when it could be built.
    pub request: Option<RequestSpec>,
    /// What was really exchanged (redacted; body cut to [`BODY_EXCERPT`]).
    pub call: Option<Call>,
    /// True when `call`'s response body was cut.
    pub body_truncated: bool,
    /// Overall verdict.
    pub verdict: Verdict,
    /// The statuses that were allowed.
    pub expectation: Option<Expectation>,
    /// Each check made, in order.
    pub checks: Vec<(Check, CheckOutcome)>,
    /// Schema applied to the body, if any.
    pub schema: Option<String>,
    /// Schema violations (sorted, capped).
    pub violations: Vec<Violation>,
    /// Number of violations before the cap.
    pub violations_total: usize,
    /// Diff against the saved example of the same status.
    pub diff: Option<Vec<DiffLine>>,
    /// Why the case was skipped.
    pub skip_reason: Option<String>,
    /// Variables referenced but not defined (sent literally, as Postman does).
    pub unresolved: Vec<String>,
    /// Wall time of the exchange.
    pub duration: Duration,
    /// Assertions of the pre-request and test scripts (`pm.test`, `tests[…]`), in order.
    pub assertions: Vec<Assertion>,
    /// What the scripts logged (`console.*`).
    pub console: Vec<ConsoleLine>,
    /// `setNextRequest` from a script.
    pub next_request: Option<NextRequest>,
}

impl CaseResult {
    /// True unless the case failed or errored.
    pub fn ok(&self) -> bool {
        matches!(self.verdict, Verdict::Passed | Verdict::Skipped)
    }

    /// Messages of the checks that did not pass.
    pub fn problems(&self) -> impl Iterator<Item = (Check, &str)> {
        self.checks.iter().filter_map(|(c, o)| match o {
            CheckOutcome::Passed => None,
            CheckOutcome::Failed(m) | CheckOutcome::Errored(m) => Some((*c, m.as_str())),
        })
    }
}

/// Everything a case needs from its run.
pub(crate) struct CaseContext<'a> {
    pub client: &'a HttpClient,
    /// The client `pm.sendRequest` uses.
    pub side: &'a SideClient,
    pub options: &'a RunOptions,
    pub dynamic: &'a mut DynamicVars,
    /// The collection's sidecar (captures, token).
    pub sidecar: Option<&'a Sidecar>,
    pub tokens: &'a TokenCache,
    /// The flow's script sandbox.
    pub scripts: &'a RefCell<Scripts>,
    /// The run's last redactor.
    pub redactors: &'a RedactorCache,
    /// How the request is sent and its answer waited for.
    pub sender: Sender<'a>,
}

/// Identity of a case within its run.
pub(crate) struct CaseId<'a> {
    pub name: String,
    pub collection: &'a str,
    pub file: &'a std::path::Path,
    pub iteration: usize,
    pub iterations: usize,
}

impl<'a> CaseId<'a> {
    /// The identity of `step` of `collection` in iteration `iteration` of `iterations`:
    /// its test name is the step's id, with ` [iter N]` when the run has several.
    pub fn new(
        step: &Step,
        collection: &'a PlannedCollection,
        iteration: usize,
        iterations: usize,
    ) -> Self {
        CaseId {
            name: step.test_name(iteration, iterations),
            collection: &collection.name,
            file: &collection.path,
            iteration,
            iterations,
        }
    }
}

/// What the checks of a case read from the run.
pub(crate) struct Judge<'a> {
    schemas: &'a SchemaSet,
    schema_files: &'a HashMap<PathBuf, Arc<CompiledSchema>>,
    compare: crate::check::CompareMode,
}

impl<'a> Judge<'a> {
    /// Checks against `schemas` (and the sidecar's `schema_files`), comparing bodies with
    /// saved examples as `compare` says.
    pub fn new(
        schemas: &'a SchemaSet,
        schema_files: &'a HashMap<PathBuf, Arc<CompiledSchema>>,
        compare: crate::check::CompareMode,
    ) -> Self {
        Judge {
            schemas,
            schema_files,
            compare,
        }
    }
}

/// A case up to its answer: finished, or answered and still to be judged.
pub(crate) enum Ran<'a> {
    /// Nothing left to do (skipped, or no answer to judge).
    Done(Box<CaseResult>),
    /// The exchange and the scripts are done; the checks and the redaction are not.
    Answered(Box<Answered<'a>>),
}

impl Ran<'_> {
    /// The `setNextRequest` of the case's scripts.
    pub fn next_request(&self) -> Option<&NextRequest> {
        match self {
            Ran::Done(result) => result.next_request.as_ref(),
            Ran::Answered(a) => a.result.next_request.as_ref(),
        }
    }

    /// The result, judged and redacted.
    pub fn finish(self, judge: &Judge<'_>) -> CaseResult {
        match self {
            Ran::Done(result) => *result,
            Ran::Answered(a) => a.judge(judge),
        }
    }
}

/// What judging an answered case needs: nothing of it changes the variables, so it may
/// wait until the next request is on its way.
pub(crate) struct Answered<'a> {
    result: CaseResult,
    step: &'a Step,
    spec: RequestSpec,
    /// The path of the URL, which picks the schemas.
    url_path: String,
    call: Call,
    redactor: Arc<Redactor>,
    script_errors: Vec<String>,
}

/// [`run_case`] up to the answer: the checks of an answered case are left to
/// [`Ran::finish`].
pub(crate) async fn respond<'s>(
    step: &'s Step,
    id: CaseId<'_>,
    scope: &mut Scope,
    ctx: &mut CaseContext<'_>,
) -> Ran<'s> {
    // Scripts may change the request, never what the checks read (config, examples).
    let judged = step;
    let mut path = vec![id.collection.to_string()];
    path.extend(step.folders.iter().cloned());
    path.push(step.name.clone());
    let mut result = CaseResult {
        name: id.name,
        path,
        file: id.file.to_path_buf(),
        iteration: id.iteration,
        request: None,
        call: None,
        body_truncated: false,
        verdict: Verdict::Error,
        expectation: None,
        checks: Vec::new(),
        schema: None,
        violations: Vec::new(),
        violations_total: 0,
        diff: None,
        skip_reason: None,
        unresolved: Vec::new(),
        duration: Duration::ZERO,
        assertions: Vec::new(),
        console: Vec::new(),
        next_request: None,
    };
    if let Some(reason) = step.skip_reason(ctx.options.embedded) {
        result.verdict = Verdict::Skipped;
        result.skip_reason = Some(reason);
        return Ran::Done(Box::new(result));
    }

    // Sidecar variable overrides hold for this request only.
    let saved: Vec<(String, Option<Variable>)> = step
        .config
        .variables
        .iter()
        .map(|(k, v)| {
            let old = scope.local.get(k).cloned();
            scope.local.set(k.clone(), v.clone(), false);
            (k.clone(), old)
        })
        .collect();
    let info = ScriptInfo {
        collection: id.collection.to_string(),
        request_name: step.name.clone(),
        request_id: step.id.clone(),
        iteration: id.iteration.saturating_sub(1),
        iteration_count: id.iterations,
    };
    let mut host = Host {
        side: ctx.side.clone(),
        cookies: Vec::new(),
    };
    let mut script_errors: Vec<String> = Vec::new();
    let mut changed = None;
    if step
        .scripts(ScriptKind::PreRequest.event_name())
        .next()
        .is_some()
    {
        let original = script_request(step);
        let mut edited = original.clone();
        let pre = ctx.scripts.borrow_mut().run(
            ScriptKind::PreRequest,
            step,
            scope,
            (&mut edited, None),
            (&info, &host),
        );
        let skip_request = pre.skip_request;
        record_scripts(&mut result, pre, "pre-request", &mut script_errors);
        if skip_request {
            result.verdict = Verdict::Skipped;
            result.skip_reason = Some("skipped by pm.execution.skipRequest()".into());
            return Ran::Done(Box::new(result));
        }
        changed = apply_changes(step, &original, &edited);
    }
    let step = changed.as_ref().unwrap_or(step);
    let token = tokens(step, scope, ctx).await;
    let redactor = redactor_for(scope, step, &ctx.options.secret_names, ctx.redactors);
    let built = match token {
        Ok(token) => {
            let mut resolver = Resolver::new(scope, &step.folder_vars, ctx.dynamic);
            let built = build_parsed(step, &mut resolver, &ctx.options.build, token.as_deref());
            result.unresolved = resolver.unresolved().iter().cloned().collect();
            built.map_err(|e| e.to_string())
        }
        Err(e) => Err(e),
    };
    for (k, old) in saved {
        match old {
            Some(v) => scope.local.set(k, v.value, v.secret),
            None => {
                scope.local.remove(&k);
            }
        }
    }
    let (spec, url) = match built {
        Ok(built) => {
            result.checks.push((Check::Built, CheckOutcome::Passed));
            built
        }
        Err(e) => {
            result.checks.push((
                Check::Built,
                CheckOutcome::Errored(redactor.text(&e.to_string())),
            ));
            return Ran::Done(Box::new(result));
        }
    };
    let url_path = url.path().to_string();
    let sent = ctx.sender.send(&spec, url).await;
    let mut as_sent = sent_request(&spec);
    let call = match sent {
        Ok(call) => {
            result.checks.push((Check::Sent, CheckOutcome::Passed));
            call
        }
        Err(e) => {
            result.request = Some(redact_spec(spec, &redactor));
            result.checks.push((
                Check::Sent,
                CheckOutcome::Errored(redactor.text(&e.to_string())),
            ));
            return Ran::Done(Box::new(result));
        }
    };
    result.duration = call.timings.total;
    capture(&step.config.captures, &call.response.body, scope);
    host.cookies = Host::cookies_of(Some(&call));
    let response = script_response(&call);
    let test = ctx.scripts.borrow_mut().run(
        ScriptKind::Test,
        step,
        scope,
        (&mut as_sent, Some(&response)),
        (&info, &host),
    );
    record_scripts(&mut result, test, "test", &mut script_errors);
    Ran::Answered(Box::new(Answered {
        result,
        step: judged,
        spec,
        url_path,
        call,
        redactor,
        script_errors,
    }))
}

impl Answered<'_> {
    /// Checks the answer (status, schema, example, scripts' assertions) and redacts the
    /// result.
    fn judge(self, run: &Judge<'_>) -> CaseResult {
        let Answered {
            mut result,
            step,
            spec,
            url_path,
            call,
            redactor,
            script_errors,
        } = self;
        let Judge {
            schemas,
            schema_files,
            compare,
        } = *run;
        result.request = Some(redact_spec(spec, &redactor));

        let status = call.response.status;
        let expectation = Expectation::derive(
            step.config.expect.as_deref(),
            step.examples.iter().filter_map(|e| e.code),
        );
        let schema = match step.config.schema_override(status) {
            Some(SchemaOverride::None) => None,
            Some(SchemaOverride::File(p)) => schema_files.get(p),
            None => schemas.for_response(&url_path, status),
        };
        let example = step
            .examples
            .iter()
            .find(|e| e.code == Some(status))
            .and_then(|e| e.body.as_deref());
        let judgement = judge(
            status,
            &call.response.body,
            &expectation,
            schema,
            example,
            compare,
        );
        result.checks.extend(judgement.checks);
        if let Some(check) = scripts_check(&result.assertions, &script_errors) {
            result.checks.push(check);
        }
        result.schema = judgement.schema;
        result.violations = judgement.violations;
        result.violations_total = judgement.violations_total;
        result.diff = judgement.diff.map(|d| {
            d.into_iter()
                .map(|l| DiffLine {
                    text: redactor.text(&l.text),
                    ..l
                })
                .collect()
        });
        result.expectation = Some(expectation);
        result.verdict = verdict(&result.checks);
        for a in &mut result.assertions {
            if let AssertionStatus::Failed(m) = &mut a.status {
                *m = redactor.text(m);
            }
        }
        for line in &mut result.console {
            line.text = redactor.text(&line.text);
        }
        let (call, truncated) = redact_call(call, &redactor);
        result.call = Some(call);
        result.body_truncated = truncated;
        result
    }
}

/// Fetches the tokens the step needs: the sidecar's `[token]` (stored in its environment
/// variable) and, for an oauth2 auth with the client-credentials grant and no stored token,
/// the auth's own (returned for the build).
async fn tokens(
    step: &Step,
    scope: &mut Scope,
    ctx: &mut CaseContext<'_>,
) -> Result<Option<String>, String> {
    let target = ctx.options.build.target.as_ref();
    if let Some(t) = ctx.sidecar.and_then(|s| s.token.as_ref()) {
        let params = {
            let mut r = Resolver::new(scope, &step.folder_vars, ctx.dynamic);
            TokenParams {
                url: r.render_str(&t.url),
                client_id: r.render_str(&t.client_id),
                client_secret: r.render_str(&t.client_secret),
                scope: t
                    .scope
                    .as_deref()
                    .map(|s| r.render_str(s))
                    .unwrap_or_default(),
            }
        };
        let token = ctx.tokens.get(&params, ctx.client, target).await?;
        scope.environment.set(t.variable.clone(), token, true);
    }
    let Some(auth) = step.auth.as_ref().filter(|a| a.kind == "oauth2") else {
        return Ok(None);
    };
    let mut r = Resolver::new(scope, &step.folder_vars, ctx.dynamic);
    let mut p = |k: &str| auth.param(k).map(|v| r.render_str(v)).unwrap_or_default();
    if !p("accessToken").is_empty()
        || p("grant_type") != "client_credentials"
        || p("accessTokenUrl").is_empty()
    {
        return Ok(None);
    }
    let params = TokenParams {
        url: p("accessTokenUrl"),
        client_id: p("clientId"),
        client_secret: p("clientSecret"),
        scope: p("scope"),
    };
    ctx.tokens.get(&params, ctx.client, target).await.map(Some)
}

/// Sets the sidecar's capture variables from a JSON response body.
fn capture(captures: &[(String, CaptureSource)], body: &[u8], scope: &mut Scope) {
    if captures.is_empty() {
        return;
    }
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) else {
        return;
    };
    for (var, source) in captures {
        if let Some(value) = source.extract(&json) {
            scope.environment.set(var.clone(), value, false);
        }
    }
}

/// Adds a script run's assertions, console lines, next request and error to the result.
fn record_scripts(
    result: &mut CaseResult,
    outcome: ScriptOutcome,
    event: &str,
    errors: &mut Vec<String>,
) {
    result.assertions.extend(outcome.assertions);
    result.console.extend(outcome.console);
    if outcome.next_request.is_some() {
        result.next_request = outcome.next_request;
    }
    if let Some(e) = outcome.error {
        errors.push(format!("{event} script: {e}"));
    }
}

/// The outcome of the collection's own scripts, if it has any.
fn scripts_check(assertions: &[Assertion], errors: &[String]) -> Option<(Check, CheckOutcome)> {
    if let Some(e) = errors.first() {
        return Some((Check::Scripts, CheckOutcome::Errored(e.clone())));
    }
    if assertions.is_empty() {
        return None;
    }
    let failed: Vec<String> = assertions
        .iter()
        .filter_map(|a| match &a.status {
            AssertionStatus::Failed(m) => Some(format!("\"{}\": {m}", a.name)),
            _ => None,
        })
        .collect();
    Some((
        Check::Scripts,
        if failed.is_empty() {
            CheckOutcome::Passed
        } else {
            CheckOutcome::Failed(format!(
                "{} of {} assertion(s) failed: {}",
                failed.len(),
                assertions.len(),
                failed.join("; ")
            ))
        },
    ))
}

/// Error beats failure beats pass.
fn verdict(checks: &[(Check, CheckOutcome)]) -> Verdict {
    if checks
        .iter()
        .any(|(_, o)| matches!(o, CheckOutcome::Errored(_)))
    {
        Verdict::Error
    } else if checks
        .iter()
        .any(|(_, o)| matches!(o, CheckOutcome::Failed(_)))
    {
        Verdict::Failed
    } else {
        Verdict::Passed
    }
}

/// A redactor for every secret the scope knows: variables marked secret, named with
/// `--secret`, or named like credentials.
fn redactor_for(
    scope: &Scope,
    step: &Step,
    secret_names: &[String],
    cache: &RedactorCache,
) -> Arc<Redactor> {
    let layers = [
        &scope.globals,
        &scope.collection,
        &scope.environment,
        &scope.data,
        &scope.local,
    ];
    let named = layers
        .into_iter()
        .chain(step.folder_vars.iter())
        .flat_map(|m| m.iter())
        .filter(|(k, v)| {
            (is_sensitive_name(k) || secret_names.iter().any(|n| n == k)) && v.value.len() >= 3
        })
        .map(|(_, v)| v.value.clone());
    cache.get(
        scope
            .secret_values(&step.folder_vars)
            .into_iter()
            .chain(named)
            .collect(),
    )
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
            d.password = crate::redact::MASK.into();
            d
        }),
        ..spec
    }
}

/// Redacts the exchange and cuts the response body to [`BODY_EXCERPT`] bytes.
fn redact_call(mut call: Call, r: &Redactor) -> (Call, bool) {
    call.sent.url = r.url(&call.sent.url);
    call.sent.headers = redact_headers(std::mem::take(&mut call.sent.headers), r);
    call.sent.body = redact_body(call.sent.body.take(), r);
    call.response.url = r.url(&call.response.url);
    call.response.headers = redact_headers(std::mem::take(&mut call.response.headers), r);
    let mut body = std::mem::take(&mut call.response.body);
    let truncated = body.len() > BODY_EXCERPT;
    if truncated {
        // Cut at a character boundary: step back over at most three continuation bytes.
        let mut cut = BODY_EXCERPT;
        while cut > BODY_EXCERPT - 3 && body[cut] & 0b1100_0000 == 0b1000_0000 {
            cut -= 1;
        }
        body.truncate(cut);
    }
    call.response.body = redact_body(Some(body), r).unwrap_or_default();
    (call, truncated)
}
