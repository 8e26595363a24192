//! The one pass that masks a finished case before it leaves the case module: the request,
//! the exchange, every check's findings, the scripts' assertions, errors and console
//! output, and the skip reason.
//!
//! Every type of a result is masked by naming each of its fields (no `..`), so a field
//! added to any of them does not compile until this file decides how it is masked.

use std::path::PathBuf;

use super::outcome::{CaseError, CheckOutcome, ScriptFailure};
use super::result::{BODY_EXCERPT, CaseResult};
use super::token::TokenError;
use crate::check::{
    DiffLine, ExampleMismatch, Expectation, FailedAssertion, FailedAssertions, Failure,
    MissingHeaders, NotJson, SchemaViolations, StatusMismatch, UndocumentedMediaType,
    UndocumentedStatus, UnmatchedOperation, Violation,
};
use crate::http::{Call, Response, SendError, SentRequest, Timings};
use crate::redact::{MASK, Redact, Redactor, is_sensitive_name, masked_fields, sensitive_values};
use crate::request::{BuildError, DigestAuth, RequestSpec};
use crate::script::{Assertion, AssertionStatus, ConsoleLine, ScriptError};

/// Masks every secret of a finished case and cuts the response body to [`BODY_EXCERPT`]
/// bytes, masking before cutting (a cut JSON body no longer parses, and its sensitive
/// fields would show).
///
/// Besides what `redactor` knows (every secret of the run so far, with what this case's
/// scripts set), the values of sensitive fields of the bodies (`"password": "…"`,
/// `password=…`), the passwords of the URLs and the values of their sensitive query
/// parameters are masked wherever the result quotes them: in schema violations, diffs,
/// assertion messages, errors and console lines.
pub(super) fn seal(mut result: CaseResult, redactor: &Redactor) -> CaseResult {
    let mut fields = Vec::new();
    let bodies = [
        result.request.as_ref().and_then(|r| r.body.as_deref()),
        result.call.as_ref().and_then(|c| c.sent.body.as_deref()),
        result.call.as_ref().map(|c| c.response.body.as_slice()),
    ];
    for body in bodies.into_iter().flatten() {
        if let Ok(text) = std::str::from_utf8(body) {
            fields.extend(sensitive_values(text));
        }
    }
    let urls = [
        result.request.as_ref().map(|r| r.url.as_str()),
        result.call.as_ref().map(|c| c.sent.url.as_str()),
        result.call.as_ref().map(|c| c.response.url.as_str()),
    ];
    for url in urls.into_iter().flatten() {
        url_secrets(url, &mut fields);
    }
    let extended = redactor.with(fields);
    let r = extended.as_ref().unwrap_or(redactor);
    result.redact(r);
    result
}

/// The password of a URL and the values of its query parameters named like credentials,
/// as written and decoded.
fn url_secrets(url: &str, out: &mut Vec<String>) {
    let Ok(parsed) = url::Url::parse(url) else {
        return;
    };
    let mut add = |raw: &str| {
        let decoded = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
        // An unresolved variable (`{{token}}`) is a name, not a value.
        if decoded.chars().count() >= MIN_URL_SECRET && !decoded.contains("{{") {
            out.push(decoded.into_owned());
            out.push(raw.to_string());
        }
    };
    if let Some(password) = parsed.password() {
        add(password);
    }
    for pair in parsed.query().unwrap_or_default().split('&') {
        if let Some((k, v)) = pair.split_once('=')
            && is_sensitive_name(&percent_encoding::percent_decode_str(k).decode_utf8_lossy())
        {
            add(&v.replace('+', " "));
            add(v);
        }
    }
}

/// URL passwords and credential parameters at least this long are masked wherever they
/// are quoted (shorter ones only in the URL).
const MIN_URL_SECRET: usize = 3;

/// Masks a response body and cuts it to [`BODY_EXCERPT`] bytes; true if it was cut.
/// Sensitive fields are masked in the whole body, secret values in the part kept (and as
/// far past it as the longest secret reaches in any form, so none is cut in two).
fn excerpt(body: &mut Vec<u8>, r: &Redactor) -> bool {
    if let Ok(text) = std::str::from_utf8(body)
        && let Some(masked) = masked_fields(text)
    {
        *body = masked.into_bytes();
    }
    let cut = body.len() > BODY_EXCERPT;
    truncate(body, BODY_EXCERPT.saturating_add(r.reach()));
    *body = match std::str::from_utf8(body) {
        Ok(text) => r.text(text).into_bytes(),
        Err(_) => r.bytes(body),
    };
    truncate(body, BODY_EXCERPT);
    cut
}

/// Cuts `body` to at most `limit` bytes, at a character boundary.
fn truncate(body: &mut Vec<u8>, limit: usize) {
    if body.len() <= limit {
        return;
    }
    // Step back over at most three continuation bytes.
    let mut end = limit;
    while end + 3 > limit && end > 0 && body[end] & 0b1100_0000 == 0b1000_0000 {
        end -= 1;
    }
    body.truncate(end);
}

impl Redact for CaseResult {
    fn redact(&mut self, r: &Redactor) {
        let CaseResult {
            // Names come from the collection file; runs and reports key on them.
            name: _,
            file: _,
            // A number.
            line: _,
            request,
            call,
            // Set below, with the cut.
            body_truncated,
            verdict: _,
            expectation,
            checks,
            schema,
            skip_reason,
            // Names of variables, not their values.
            unresolved: _,
            duration: _,
            assertions,
            console,
            // The name of the request the run goes to next.
            next_request: _,
        } = self;
        request.redact(r);
        if let Some(call) = call {
            // First the excerpt, masked as it is cut; then the rest.
            *body_truncated = excerpt(&mut call.response.body, r);
            call.redact(r);
        }
        expectation.redact(r);
        for (_, outcome) in checks {
            outcome.redact(r);
        }
        schema.redact(r);
        skip_reason.redact(r);
        assertions.redact(r);
        console.redact(r);
    }
}

/// Masks header values: credential headers keep only their scheme.
fn headers(headers: &mut [(String, String)], r: &Redactor) {
    for (name, value) in headers {
        *value = r.header(name, value);
        name.redact(r);
    }
}

/// Masks a body: sensitive fields of JSON and forms, and secrets anywhere.
fn body(body: &mut Vec<u8>, r: &Redactor) {
    *body = match std::str::from_utf8(body) {
        Ok(text) => r.body(text).into_bytes(),
        Err(_) => r.bytes(body),
    };
}

impl Redact for RequestSpec {
    fn redact(&mut self, r: &Redactor) {
        let RequestSpec {
            method,
            url,
            headers: h,
            body: b,
            follow_redirects: _,
            digest,
            secrets,
        } = self;
        secrets.iter_mut().for_each(|s| *s = MASK.into());
        method.redact(r);
        *url = r.url(url);
        headers(h, r);
        if let Some(b) = b {
            body(b, r);
        }
        digest.redact(r);
    }
}

impl Redact for DigestAuth {
    fn redact(&mut self, r: &Redactor) {
        let DigestAuth {
            username,
            password,
            realm,
            nonce,
            algorithm,
            qop,
            nonce_count,
            client_nonce,
            opaque,
            disable_retry: _,
        } = self;
        *password = MASK.into();
        for text in [
            username,
            realm,
            nonce,
            algorithm,
            qop,
            nonce_count,
            client_nonce,
            opaque,
        ] {
            text.redact(r);
        }
    }
}

impl Redact for Call {
    fn redact(&mut self, r: &Redactor) {
        let Call {
            sent,
            response,
            timings,
        } = self;
        sent.redact(r);
        response.redact(r);
        let Timings {
            total: _,
            headers: _,
        } = timings;
    }
}

impl Redact for SentRequest {
    fn redact(&mut self, r: &Redactor) {
        let SentRequest {
            method,
            url,
            headers: h,
            body: b,
        } = self;
        method.redact(r);
        *url = r.url(url);
        headers(h, r);
        if let Some(b) = b {
            body(b, r);
        }
    }
}

impl Redact for Response {
    fn redact(&mut self, r: &Redactor) {
        let Response {
            status: _,
            reason,
            http_version: _,
            headers: h,
            body: b,
            url,
        } = self;
        reason.redact(r);
        headers(h, r);
        body(b, r);
        *url = r.url(url);
    }
}

impl Redact for Expectation {
    fn redact(&mut self, _: &Redactor) {
        // Status patterns and where they came from: no text.
        let Expectation {
            allowed: _,
            source: _,
        } = self;
    }
}

impl Redact for CheckOutcome {
    fn redact(&mut self, r: &Redactor) {
        match self {
            CheckOutcome::Passed => {}
            CheckOutcome::Failed(failure) => failure.redact(r),
            CheckOutcome::Errored(error) => error.redact(r),
        }
    }
}

impl Redact for Failure {
    fn redact(&mut self, r: &Redactor) {
        match self {
            Failure::Status(StatusMismatch {
                expected: _,
                source: _,
                actual: _,
            }) => {}
            Failure::Schema(v) => v.redact(r),
            Failure::Example(m) => m.redact(r),
            Failure::Assertions(a) => a.redact(r),
            Failure::MediaType(m) => m.redact(r),
            Failure::Headers(h) => h.redact(r),
            Failure::UnmatchedOperation(u) => u.redact(r),
            Failure::UndocumentedStatus(u) => u.redact(r),
        }
    }
}

impl Redact for UndocumentedMediaType {
    fn redact(&mut self, r: &Redactor) {
        let UndocumentedMediaType {
            status: _,
            documented_for: _,
            // From the schema source, as the URL path it matched may hold a value.
            operation,
            media_type,
            documented: _,
        } = self;
        operation.redact(r);
        media_type.redact(r);
    }
}

impl Redact for UnmatchedOperation {
    fn redact(&mut self, r: &Redactor) {
        let UnmatchedOperation { method, path } = self;
        method.redact(r);
        // The URL path may hold a secret (a token in a path segment).
        path.redact(r);
    }
}

impl Redact for UndocumentedStatus {
    fn redact(&mut self, r: &Redactor) {
        let UndocumentedStatus {
            status: _,
            operation,
            documented: _,
        } = self;
        operation.redact(r);
    }
}

impl Redact for MissingHeaders {
    fn redact(&mut self, r: &Redactor) {
        let MissingHeaders {
            status: _,
            operation,
            missing: _,
        } = self;
        operation.redact(r);
    }
}

impl Redact for SchemaViolations {
    fn redact(&mut self, r: &Redactor) {
        let SchemaViolations {
            schema,
            violations,
            total: _,
        } = self;
        schema.redact(r);
        violations.redact(r);
    }
}

impl Redact for Violation {
    fn redact(&mut self, r: &Redactor) {
        let Violation {
            pointer,
            // One of the schema keywords.
            keyword: _,
            message,
            schema_path,
        } = self;
        pointer.redact(r);
        message.redact(r);
        schema_path.redact(r);
    }
}

impl Redact for ExampleMismatch {
    fn redact(&mut self, r: &Redactor) {
        // The example's name is the collection's text, not the exchange's.
        let ExampleMismatch {
            mode: _,
            example: _,
            compared: _,
            diff,
        } = self;
        // The lines are masked together: an array named like a credential opens on one.
        r.json_lines(diff.iter_mut().map(|line| {
            let DiffLine { sign: _, text } = line;
            text
        }));
    }
}

impl Redact for FailedAssertions {
    fn redact(&mut self, r: &Redactor) {
        let FailedAssertions { failed, total: _ } = self;
        failed.redact(r);
    }
}

impl Redact for FailedAssertion {
    fn redact(&mut self, r: &Redactor) {
        let FailedAssertion { name, message } = self;
        name.redact(r);
        message.redact(r);
    }
}

impl Redact for CaseError {
    fn redact(&mut self, r: &Redactor) {
        match self {
            CaseError::Build(e) => e.redact(r),
            CaseError::Token(e) => match e {
                TokenError::Send(e) => e.redact(r),
                TokenError::Refused { status: _, error } => error.redact(r),
                TokenError::NotJson { status: _ } | TokenError::NoToken { status: _ } => {}
            },
            CaseError::Send(e) => e.redact(r),
            CaseError::NotJson(NotJson {
                media_type,
                parse_error,
            }) => {
                media_type.redact(r);
                parse_error.redact(r);
            }
            CaseError::Script(ScriptFailure { event: _, error }) => error.redact(r),
            // Names of requests and counts; a limit or a signal.
            CaseError::Loop(_) | CaseError::Stopped(_) => {}
        }
    }
}

impl Redact for BuildError {
    fn redact(&mut self, r: &Redactor) {
        match self {
            BuildError::InvalidUrl { url, reason } => {
                *url = r.url(url);
                reason.redact(r);
            }
            // Variable names are not masked; the URL as written may hold credentials.
            BuildError::NoHost { url, undefined: _ } => *url = r.url(url),
            BuildError::EmptyUrl => {}
            BuildError::UnsupportedAuth { kind } => kind.redact(r),
            BuildError::AuthFailed { kind, reason } => {
                kind.redact(r);
                reason.redact(r);
            }
            // The operating system's reason names no file.
            BuildError::File { path, source: _ } => {
                *path = PathBuf::from(r.text(&path.to_string_lossy()));
            }
            // It names a variable and a limit, never a value.
            BuildError::Expansion(_) => {}
            BuildError::GraphQlVariables(reason) => reason.redact(r),
            BuildError::InvalidTarget(url) => *url = r.url(url),
        }
    }
}

impl Redact for SendError {
    fn redact(&mut self, r: &Redactor) {
        match self {
            SendError::InvalidMethod { method } => method.redact(r),
            SendError::InvalidUrl { url, reason } => {
                *url = r.url(url);
                reason.redact(r);
            }
            SendError::InvalidHeaderName { name } | SendError::InvalidHeaderValue { name } => {
                name.redact(r);
            }
            // The digest error names an algorithm or a qop.
            SendError::Digest { url, source: _ }
            | SendError::ConnectionRefused { url }
            | SendError::ConnectionReset { url }
            | SendError::Timeout { url, ms: _ }
            | SendError::TooManyRedirects { url, max: _ }
            | SendError::BodyTooLarge { url, limit: _ } => *url = r.url(url),
            SendError::Dns { url, detail }
            | SendError::Tls { url, detail }
            | SendError::Connect { url, detail }
            | SendError::Protocol { url, detail }
            | SendError::Body { url, detail }
            | SendError::Other { url, detail } => {
                *url = r.url(url);
                detail.redact(r);
            }
        }
    }
}

impl Redact for ScriptError {
    fn redact(&mut self, r: &Redactor) {
        match self {
            ScriptError::Exception { message, stack } => {
                message.redact(r);
                stack.redact(r);
            }
            ScriptError::Timeout { limit: _ }
            | ScriptError::OutOfMemory { limit: _ }
            | ScriptError::StackOverflow => {}
            ScriptError::Unsupported { what } => what.redact(r),
            ScriptError::Engine(message) => message.redact(r),
        }
    }
}

impl Redact for Assertion {
    fn redact(&mut self, r: &Redactor) {
        let Assertion { name, status } = self;
        name.redact(r);
        match status {
            AssertionStatus::Passed | AssertionStatus::Skipped => {}
            AssertionStatus::Failed(message) => message.redact(r),
        }
    }
}

impl Redact for ConsoleLine {
    fn redact(&mut self, r: &Redactor) {
        let ConsoleLine { level: _, text } = self;
        text.redact(r);
    }
}

#[cfg(test)]
mod tests;
