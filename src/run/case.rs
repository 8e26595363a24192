//! One step run to completion in a fixed order: build → pre-request script → send → test
//! script → captures → checks. [`respond`] goes as far as the answer and its scripts;
//! [`Ran::finish`] does the checks, which the runner may leave until the next request is
//! about to be sent. The result is data, redacted before it leaves, never printed here.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::lane::{Sender, bounded};
use super::outcome::scripts_check;
use super::outcome::{CaseError, CheckOutcome, ScriptFailure};
use super::redaction::seal;
use super::result::CaseName;
use super::script_reach::Reach;
use super::scripts::{
    Host, Scripts, SideClient, apply_changes, script_request, script_response, sent_request,
    unsent_request,
};
use super::stop::Stopped;
use super::token::{TokenCache, TokenParams};
use crate::check::{CaptureSource, Check, CompareMode, CompiledSchema};
use crate::collection::{PlannedCollection, Sidecar, Step};
use crate::http::{Call, HttpClient};
use crate::redact::{Redactor, RedactorCache, is_sensitive_name};
use crate::request::{RequestSpec, build_parsed};
use crate::script::{
    ConsoleLine, NextRequest, ScriptInfo, ScriptKind, ScriptOutcome, ScriptRequest, ScriptResponse,
};
use crate::session::{CollectionTarget, RunOptions, SchemaSource};
use crate::vars::{DynamicVars, Resolver, Scope, Variable};

pub(crate) use super::result::{CaseResult, Verdict};

/// Everything a case needs from its run.
pub(crate) struct CaseContext<'a> {
    pub client: &'a HttpClient,
    /// The client `pm.sendRequest` uses.
    pub side: &'a SideClient,
    pub options: &'a RunOptions,
    /// Where the collection's requests go.
    pub target: &'a CollectionTarget,
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
    /// The case's name (collection, folders, request, iteration).
    pub name: CaseName,
    /// The collection file.
    pub file: &'a std::path::Path,
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
            name: CaseName::of(step, &collection.name, iteration, iterations),
            file: &collection.path,
        }
    }
}

/// What the checks of a case read from the run.
pub(crate) struct Judge<'a> {
    pub(super) schemas: &'a SchemaSource,
    pub(super) schema_files: &'a HashMap<PathBuf, Arc<CompiledSchema>>,
    pub(super) compare: CompareMode,
    /// `--strict-openapi`: a request no operation documents, or a status its operation
    /// does not document, fails.
    pub(super) strict_openapi: bool,
}

impl<'a> Judge<'a> {
    /// Checks against `schemas` (and the sidecar's `schema_files`), comparing bodies with
    /// saved examples as `compare` says, strict about the OpenAPI operation and status
    /// when `strict_openapi` is set.
    pub fn new(
        schemas: &'a SchemaSource,
        schema_files: &'a HashMap<PathBuf, Arc<CompiledSchema>>,
        compare: CompareMode,
        strict_openapi: bool,
    ) -> Self {
        Judge {
            schemas,
            schema_files,
            compare,
            strict_openapi,
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

    /// Marks a case the run's deadline passed during as an error saying so (its request or
    /// a script was cut), unless it was skipped or already says so.
    pub fn cut(&mut self, why: Stopped) {
        let result = match self {
            Ran::Done(result) => result.as_mut(),
            Ran::Answered(a) => &mut a.result,
        };
        let said = result
            .checks
            .iter()
            .any(|(_, o)| matches!(o, CheckOutcome::Errored(CaseError::Stopped(_))));
        if result.verdict == Verdict::Skipped || said {
            return;
        }
        result
            .checks
            .push((Check::Flow, CheckOutcome::Errored(CaseError::Stopped(why))));
        result.verdict = Verdict::Error;
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
/// wait until the next request is about to be sent.
pub(crate) struct Answered<'a> {
    /// The result so far, not yet redacted.
    pub(super) result: CaseResult,
    /// The step as planned (scripts may change the request, never what the checks read).
    pub(super) step: &'a Step,
    /// The request as built.
    pub(super) spec: RequestSpec,
    /// The path of the URL, which picks the schemas.
    pub(super) url_path: String,
    /// What was exchanged.
    pub(super) call: Call,
    /// Every secret the case knew of, before the request and after its scripts.
    pub(super) redactor: Arc<Redactor>,
    /// The scripts that did not finish.
    pub(super) script_errors: Vec<ScriptFailure>,
}

/// A finished case, redacted.
fn done<'s>(result: CaseResult, redactor: &Redactor) -> Ran<'s> {
    Ran::Done(Box::new(seal(result, redactor)))
}

/// Runs the step up to its answer and its test script; the checks of an answered case
/// are left to [`Ran::finish`]. Whatever it returns finished is already redacted.
pub(crate) async fn respond<'s>(
    step: &'s Step,
    id: CaseId<'_>,
    scope: &mut Scope,
    ctx: &mut CaseContext<'_>,
) -> Ran<'s> {
    // Scripts may change the request, never what the checks read (config, examples).
    let judged = step;
    let secret_names = &ctx.options.secret_names;
    let info = ScriptInfo {
        collection: id.name.collection.clone(),
        request_name: step.name.clone(),
        request_id: step.id.clone(),
        iteration: id.name.iteration.saturating_sub(1),
        iteration_count: id.name.iterations,
    };
    let mut result = CaseResult::new(id.name, id.file.to_path_buf());
    result.line = step.line;
    if let Some(reason) = step.skip_reason(ctx.target.is_embedded()) {
        result.verdict = Verdict::Skipped;
        result.skip_reason = Some(reason);
        let redactor = ctx.redactors.get(secrets(scope, step, secret_names));
        return done(result, &redactor);
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
    let mut host = Host {
        side: ctx.side.clone(),
        cookies: Vec::new(),
        reach: script_reach(step, scope, ctx),
        secrets: if has_scripts(step) {
            secrets(scope, step, secret_names)
        } else {
            Vec::new()
        },
    };
    let mut script_errors = Vec::new();
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
        record_scripts(&mut result, pre, ScriptKind::PreRequest, &mut script_errors);
        if skip_request {
            result.verdict = Verdict::Skipped;
            result.skip_reason = Some("skipped by pm.execution.skipRequest()".into());
            restore(scope, saved);
            let redactor = ctx.redactors.get(secrets(scope, step, secret_names));
            return done(result, &redactor);
        }
        changed = apply_changes(step, &original, &edited);
    }
    let step = changed.as_ref().unwrap_or(step);
    let stop = ctx.sender.stop();
    let token = bounded(stop, tokens(step, scope, ctx)).await;
    let mut known = secrets(scope, step, secret_names);
    let built = match token {
        Ok(token) => {
            let mut resolver = Resolver::new(scope, &step.folder_vars, ctx.dynamic);
            let mut warnings = Vec::new();
            let built = build_parsed(
                step,
                &mut resolver,
                &ctx.options.build,
                ctx.target.origin(),
                token.as_deref(),
                &mut warnings,
            );
            result
                .console
                .extend(warnings.into_iter().map(|text| ConsoleLine {
                    level: "warn".into(),
                    text,
                }));
            result.unresolved = resolver.unresolved().iter().cloned().collect();
            built.map_err(CaseError::Build)
        }
        Err(e) => Err(e),
    };
    restore(scope, saved);
    let (mut spec, url) = match built {
        Ok(built) => {
            result.checks.push((Check::Built, CheckOutcome::Passed));
            built
        }
        Err(e) => {
            result.checks.push((Check::Built, CheckOutcome::Errored(e)));
            let mut request = script_request(step);
            let exchange = (&mut request, None);
            tests(
                ctx,
                step,
                scope,
                exchange,
                (&info, &host),
                &mut result,
                script_errors,
            );
            known.extend(secrets(scope, step, secret_names));
            return done(result, &ctx.redactors.get(known));
        }
    };
    known.extend(spec.secrets.iter().cloned());
    // A redirect to another origin drops every header holding one of them.
    spec.secrets.clone_from(&known);
    let url_path = url.path().to_string();
    let sent = ctx.sender.send(&spec, url).await;
    let call = match sent {
        Ok(call) => {
            result.checks.push((Check::Sent, CheckOutcome::Passed));
            call
        }
        Err(unsent) => {
            // The real time spent: a timeout or a refused connection took it too.
            result.duration = unsent.elapsed;
            result
                .checks
                .push((Check::Sent, CheckOutcome::Errored(unsent.error)));
            let mut unsent = unsent_request(&spec);
            let exchange = (&mut unsent, None);
            tests(
                ctx,
                step,
                scope,
                exchange,
                (&info, &host),
                &mut result,
                script_errors,
            );
            result.request = Some(spec);
            known.extend(secrets(scope, step, secret_names));
            return done(result, &ctx.redactors.get(known));
        }
    };
    result.duration = call.timings.total;
    capture(&step.config.captures, &call.response.body, scope);
    host.cookies = Host::cookies_of(ctx.client, &call);
    let response = script_response(&call);
    let mut as_sent = sent_request(&spec, &call.sent);
    let test = ctx.scripts.borrow_mut().run(
        ScriptKind::Test,
        step,
        scope,
        (&mut as_sent, Some(&response)),
        (&info, &host),
    );
    record_scripts(&mut result, test, ScriptKind::Test, &mut script_errors);
    // What the test script and the captures set is masked too; what they unset still is.
    known.extend(secrets(scope, step, secret_names));
    Ran::Answered(Box::new(Answered {
        result,
        step: judged,
        spec,
        url_path,
        call,
        redactor: ctx.redactors.get(known),
        script_errors,
    }))
}

/// Runs the test scripts after the request could not be built or sent, as Newman does:
/// they see an empty `pm.response`. Their assertions are reported and their outcome is a
/// check of its own; the case stays an error.
fn tests(
    ctx: &CaseContext<'_>,
    step: &Step,
    scope: &mut Scope,
    exchange: (&mut ScriptRequest, Option<&ScriptResponse>),
    env: (&ScriptInfo, &Host),
    result: &mut CaseResult,
    mut errors: Vec<ScriptFailure>,
) {
    let (info, host) = env;
    let outcome =
        ctx.scripts
            .borrow_mut()
            .run(ScriptKind::Test, step, scope, exchange, (info, host));
    record_scripts(result, outcome, ScriptKind::Test, &mut errors);
    if let Some(check) = scripts_check(&result.assertions, &errors) {
        result.checks.push(check);
    }
}

/// Puts back the variables a sidecar overrode for one request.
fn restore(scope: &mut Scope, saved: Vec<(String, Option<Variable>)>) {
    for (k, old) in saved {
        match old {
            Some(v) => scope.local.set(k, v.value, v.secret),
            None => {
                scope.local.remove(&k);
            }
        }
    }
}

/// Fetches the tokens the step needs: the sidecar's `[token]` (stored in its environment
/// variable) and, for an oauth2 auth with the client-credentials grant and no stored token,
/// the auth's own (returned for the build).
async fn tokens(
    step: &Step,
    scope: &mut Scope,
    ctx: &mut CaseContext<'_>,
) -> Result<Option<String>, CaseError> {
    let target = ctx.target.origin();
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
        let token = ctx
            .tokens
            .get(&params, ctx.client, target)
            .await
            .map_err(CaseError::Token)?;
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
    ctx.tokens
        .get(&params, ctx.client, target)
        .await
        .map(Some)
        .map_err(CaseError::Token)
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
    event: ScriptKind,
    errors: &mut Vec<ScriptFailure>,
) {
    result.assertions.extend(outcome.assertions);
    result.console.extend(outcome.console);
    if outcome.next_request.is_some() {
        result.next_request = outcome.next_request;
    }
    if let Some(error) = outcome.error {
        errors.push(ScriptFailure { event, error });
    }
}

/// Where the step's scripts may send (`pm.sendRequest`): anywhere without a target; under
/// one, the collection's origins as the scope renders them (sent to the target) and the
/// allowed hosts.
fn script_reach(step: &Step, scope: &Scope, ctx: &mut CaseContext<'_>) -> Reach {
    if !has_scripts(step) || ctx.target.origin().is_none() {
        return Reach::default();
    }
    let mut resolver = Resolver::new(scope, &step.folder_vars, ctx.dynamic);
    Reach::new(ctx.target, &ctx.options.allow_hosts, |template| {
        resolver.render_str(template).to_string()
    })
}

/// True when the step has a pre-request or test script.
fn has_scripts(step: &Step) -> bool {
    [ScriptKind::PreRequest, ScriptKind::Test]
        .iter()
        .any(|kind| step.scripts(kind.event_name()).next().is_some())
}

/// Every secret the scope knows: values of variables marked secret, named with
/// `--secret` (or passed as `PMCHECK_VAR_…`), or named like credentials.
fn secrets(scope: &Scope, step: &Step, secret_names: &[String]) -> Vec<String> {
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
    let mut values = scope.secret_values(&step.folder_vars);
    values.extend(named);
    values
}
