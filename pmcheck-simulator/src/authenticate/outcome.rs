//! What a step of the state machine produces and how it becomes an answer: the next step
//! under a fresh `requestState`, the finished flow with its `authnToken`, or a failure
//! from the catalogue (re-offering the step when there is one).

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::app::AppState;
use crate::catalogue::AuthError;
use crate::fixture::Factor;
use crate::op::Op;
use crate::response::{failure_response, json_response, new_ecid};
use crate::state::{FlowMeta, Phase, Step};
use crate::token::authn_token;

/// What a step of the machine produced.
pub(super) enum Outcome {
    /// The next step (with its offer); `pending` answers `status: "pending"` with that notice.
    Next {
        /// The step the fresh `requestState` maps to.
        step: Step,
        /// AUTH-1108 / AUTH-1109 while an approval is outstanding.
        pending: Option<AuthError>,
    },
    /// The flow completed for `user`; `trusted` adds a `trustToken`.
    Done {
        /// The user name the `authnToken` is issued for.
        user: String,
        /// The request asked to trust the device (`trustedDevice: true`).
        trusted: bool,
        /// The flow asked to keep the user signed in: adds a `kmsiToken`.
        kmsi: bool,
    },
    /// A failure; with `Some(step)` the step is re-offered with a fresh `requestState`.
    Fail(AuthError, Option<Step>),
}

/// Fails with `error`, offering `step` again.
pub(super) fn fail(error: AuthError, step: &Step) -> Outcome {
    Outcome::Fail(error, Some(step.clone()))
}

/// Fails with `error` and no `requestState`: the flow cannot go on.
pub(super) fn bare(error: AuthError) -> Outcome {
    Outcome::Fail(error, None)
}

/// 422 AUTH-1001 for missing credentials, offering `step` again.
pub(super) fn missing(step: &Step, keys: &'static str) -> Outcome {
    fail(AuthError::MissingCredentials(keys), step)
}

/// `status: "success"` with `step`.
pub(super) fn success(step: Step) -> Outcome {
    Outcome::Next {
        step,
        pending: None,
    }
}

/// `status: "pending"` with `step` and the `notice`'s cause.
pub(super) fn pending(step: Step, notice: AuthError) -> Outcome {
    Outcome::Next {
        step,
        pending: Some(notice),
    }
}

/// A JSON object literal as a map (anything else: empty).
pub(super) fn obj(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// Returns `step` moved to `phase`, offering `offer` and `next_op`.
pub(super) fn advance(
    step: &Step,
    phase: Phase,
    mut offer: Map<String, Value>,
    next_op: Vec<Op>,
) -> Step {
    let mut next = step.clone();
    next.phase = phase;
    next.approved_by_poll = false;
    offer.insert("nextOp".into(), json!(next_op));
    next.next_op = next_op;
    next.offer = offer;
    next
}

/// A pending answer re-offers the step's operations without its factor blocks (the QR
/// code, the device list), as recorded; an online-TOTP enrollment's (AUTH-1109) also
/// without `displayName`, a push's (AUTH-1108) with it.
fn trim_pending(body: &mut Map<String, Value>, notice: &AuthError) {
    for factor in Factor::ALL {
        body.remove(factor.as_str());
    }
    if *notice == AuthError::EnrollmentPending {
        body.remove("displayName");
    }
}

/// The answer for `outcome` of a step of `flow`.
pub(super) fn render(app: &AppState, flow: &Arc<FlowMeta>, outcome: Outcome) -> Response {
    let ecid = new_ecid();
    match outcome {
        Outcome::Next { step, pending } => {
            let mut body = Map::new();
            let status = if pending.is_some() {
                "pending"
            } else {
                "success"
            };
            body.insert("status".into(), json!(status));
            body.extend(step.offer.clone());
            if let Some(notice) = pending {
                trim_pending(&mut body, &notice);
                body.extend(notice.pending_cause(&app.fixture.messages));
            }
            let state = app.store.issue(Arc::new(step), flow);
            body.insert("requestState".into(), json!(state));
            body.insert("ecId".into(), json!(ecid));
            json_response(StatusCode::OK, &Value::Object(body), &ecid)
        }
        Outcome::Done {
            user,
            trusted,
            kmsi,
        } => {
            flow.complete();
            let Some(token) = authn_token(app, &user) else {
                return failure_response(&AuthError::SigningFailed, &app.fixture.messages);
            };
            let mut body = Map::new();
            body.insert("authnToken".into(), json!(token));
            let days = app.fixture.trust_duration_days;
            if trusted {
                let trust = app.users.issue_trust_token(&user, days);
                body.insert("trustToken".into(), json!(trust));
            }
            if kmsi {
                let kmsi = app
                    .users
                    .issue_kmsi_token(&user, app.fixture.security.kmsi_days);
                body.insert("kmsiToken".into(), json!(kmsi));
            }
            body.insert("status".into(), json!("success"));
            body.insert("ecId".into(), json!(ecid));
            json_response(StatusCode::OK, &Value::Object(body), &ecid)
        }
        Outcome::Fail(failure, step) => {
            let mut body = failure.envelope(&ecid, &app.fixture.messages);
            if let Some(step) = step {
                body.extend(step.offer.clone());
                let state = app.store.issue(Arc::new(step), flow);
                body.insert("requestState".into(), json!(state));
            }
            json_response(failure.status(), &Value::Object(body), &ecid)
        }
    }
}
