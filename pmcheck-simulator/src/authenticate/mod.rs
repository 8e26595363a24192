//! The authentication state machine behind `GET`/`POST /sso/v1/sdk/authenticate`: the
//! handlers, and the routing of a submission by its op and by the phase of its step to
//! the handlers of the first factor ([`first_factor`]), of challenges ([`challenge`]) and
//! of enrollment ([`enroll`]).

mod approval;
mod challenge;
mod enroll;
mod fido;
mod first_factor;
mod outcome;
mod request;
mod rules;

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use serde_json::{Value, json};

use self::outcome::{Outcome, advance, bare, fail, obj, render, success};
use self::request::{Submission, check_content_type, parse_body, request_state};
use crate::app::AppState;
use crate::catalogue::AuthError;
use crate::fault_spec::PushFault;
use crate::fixture::{Factor, Fixture, User};
use crate::lockout::Lockouts;
use crate::op::Op;
use crate::response::{json_response, new_ecid};
use crate::state::{FlowMeta, Lookup, Phase, Step};
use crate::token::signin_refusal;
use crate::user_state::UserStates;

/// `GET /sso/v1/sdk/authenticate[?appName=…]`: starts a flow.
pub(crate) async fn start(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    if let Some(refused) = signin_refusal(&app, &headers) {
        return refused;
    }
    let app_name = query.as_deref().and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "appName")
            .map(|(_, v)| v.into_owned())
    });
    let flow = Arc::new(FlowMeta::default());
    let fixture = &app.fixture;
    let mut password_only = false;
    if let Some(name) = app_name
        && name != fixture.app_name
    {
        if !fixture.password_only_apps.contains(&name) {
            return render(&app, &flow, bare(AuthError::InvalidAppName(name)));
        }
        password_only = true;
    }
    let mut offer = obj(json!({
        "nextAuthFactors": ["USERNAME_PASSWORD"],
        "USERNAME_PASSWORD": {"credentials": ["username", "password"]},
    }));
    let mut ops = vec![Op::CredSubmit];
    let providers = &fixture.identity_providers;
    if !providers.is_empty() && !password_only {
        let configured: Vec<Value> = providers
            .iter()
            .map(|p| json!({"idpId": p.id, "idpName": p.name, "idpType": p.kind}))
            .collect();
        offer.insert(
            "nextAuthFactors".into(),
            json!(["USERNAME_PASSWORD", "IDP"]),
        );
        offer.insert(
            "IDP".into(),
            json!({"configuredIDPs": configured, "credentials": ["idpId", "idpType"]}),
        );
        ops.push(Op::ChooseIdp);
    }
    let step = advance(&Step::start(), Phase::Init, offer, ops);
    render(&app, &flow, success(step))
}

/// `POST /sso/v1/sdk/authenticate`: every further step.
pub(crate) async fn step(
    State(app): State<Arc<AppState>>,
    push_fault: Option<Extension<PushFault>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(refused) = signin_refusal(&app, &headers) {
        return refused;
    }
    let detached = Arc::new(FlowMeta::default());
    if let Err(error) = check_content_type(&headers) {
        return render(&app, &detached, bare(error));
    }
    let request = match parse_body(&body) {
        Ok(request) => request,
        Err(error) => return render(&app, &detached, bare(error)),
    };
    let state = match request_state(&request) {
        Ok(state) => state,
        Err(error) => return render(&app, &detached, bare(error)),
    };
    let (step, flow) = match app.store.lookup(state) {
        Lookup::Found(step, flow) => (step, flow),
        Lookup::Expired => return unusable_state(&app, AuthError::RequestStateExpired, state),
        Lookup::Unknown => return unusable_state(&app, AuthError::InvalidRequestState, state),
    };
    let locale = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([',', ';', '-', '_']).next())
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "en".to_string());
    let machine = Machine {
        fixture: &app.fixture,
        base_url: &app.base_url,
        locale,
        lockouts: &app.lockouts,
        users: &app.users,
        push_fault: push_fault.map(|Extension(fault)| fault),
    };
    let outcome = match Submission::parse(&request) {
        Ok(submission) => machine.submit(&step, &flow, &submission),
        Err(error) => fail(error, &step),
    };
    render(&app, &flow, outcome)
}

/// The failure for an expired or unknown `requestState`, echoing it (if not huge).
fn unusable_state(app: &AppState, failure: AuthError, state: &str) -> Response {
    let ecid = new_ecid();
    let mut body = failure.envelope(&ecid, &app.fixture.messages);
    if state.len() <= 8192 {
        body.insert("requestState".into(), json!(state));
    }
    json_response(failure.status(), &Value::Object(body), &ecid)
}

/// One request's view of the tenant.
struct Machine<'a> {
    fixture: &'a Fixture,
    base_url: &'a str,
    /// Primary language subtag of `Accept-Language` (default `en`).
    locale: String,
    /// Wrong-password counts and lockouts.
    lockouts: &'a Lockouts,
    /// What earlier sign-ins changed about users.
    users: &'a UserStates,
    /// The `push=…` fault of the request, if any.
    push_fault: Option<PushFault>,
}

impl Machine<'_> {
    /// The user named `username`, with what earlier sign-ins changed.
    fn user(&self, username: &str) -> Option<User> {
        self.fixture.user(username).map(|u| self.users.effective(u))
    }

    /// Answers a submission at `step`: refused unless the step offers its op, then
    /// handled by op.
    fn dispatch(&self, step: &Step, submission: &Submission<'_>) -> Outcome {
        let op = submission.op;
        if op == Op::CredSubmit
            && step.approved_by_poll
            && submission.factor.is_none()
            && submission.creds.is_empty()
        {
            // A poll that crossed the app's approval: the approval's answer again.
            return success(step.clone());
        }
        if !step.next_op.contains(&op) {
            return fail(
                AuthError::OpNotOffered {
                    op,
                    offered: step.next_op.clone(),
                },
                step,
            );
        }
        let user = step.username.as_deref().and_then(|u| self.user(u));
        let user = user.as_ref();
        match (op, user) {
            (Op::CredSubmit, _) => self.cred_submit(step, user, submission),
            (Op::Enrollment, Some(user)) => {
                self.enrollment(step, user, submission.factor, submission.creds)
            }
            (Op::GetBackupFactors, Some(user)) => self.backup_factors(step, user),
            (Op::ResendCode, Some(user)) => success(self.resent(step, user)),
            (Op::CreateToken, Some(user)) => self.create_token(step, user),
            (Op::AcceptTou, Some(user)) => self.accept_tou(step, user, submission.creds),
            (Op::CreateSession, _) => fail(AuthError::SessionElsewhere, step),
            _ => fail(AuthError::OpNotApplicable(op), step),
        }
    }

    /// `credSubmit`: what it submits depends on the phase of the step.
    fn cred_submit(
        &self,
        step: &Step,
        user: Option<&User>,
        submission: &Submission<'_>,
    ) -> Outcome {
        let creds = submission.creds;
        match (&step.phase, user) {
            (Phase::Init, _) => self.first_factor(step, submission.factor, creds),
            (Phase::Password, _) => self.password(step, user, creds),
            (Phase::EnrollOtp { device }, Some(_)) => self.enroll_otp(step, device, creds),
            (Phase::EnrollPoll { device, polls }, Some(user)) => {
                self.enroll_poll(step, user, device, *polls, creds)
            }
            (Phase::EnrollQuestions, Some(_)) => self.enroll_questions(step, creds),
            (
                Phase::Challenge {
                    factor,
                    device_id,
                    polls,
                },
                Some(user),
            ) => self.answer_challenge(
                step,
                user,
                *factor,
                device_id.as_deref(),
                *polls,
                submission,
            ),
            (Phase::PasswordChange, Some(user)) => self.change_password(step, user, creds),
            (Phase::Backup, Some(user)) => match submission.factor {
                Some(f) => self.submit_factor(step, user, f, creds, submission.trusted_device),
                None => fail(AuthError::MissingAuthFactor, step),
            },
            _ => fail(AuthError::OpNotApplicable(Op::CredSubmit), step),
        }
    }

    /// Whether `code` is accepted for the OTP `factor`.
    fn otp_ok(&self, factor: Factor, code: &str) -> bool {
        let fixed = match factor {
            Factor::Totp => &self.fixture.otp_codes.totp,
            Factor::Sms => &self.fixture.otp_codes.sms,
            Factor::Email => &self.fixture.otp_codes.email,
            _ => return false,
        };
        code == fixed
            || self.fixture.accepted_otp_codes.iter().any(|c| c == code)
            || (factor == Factor::Totp && self.is_app_passcode(code))
    }

    /// Whether `code` is a passcode of the users' authenticator apps (offline TOTP).
    fn is_app_passcode(&self, code: &str) -> bool {
        code == self.fixture.otp_codes.totp || self.fixture.app_passcodes.iter().any(|c| c == code)
    }

    /// The factor a code submitted for the OTP `factor` verifies: TOTP when it is an
    /// authenticator app's passcode and `user` has a TOTP device (the app's offline passcode
    /// answers any code challenge), else `factor` when the code is right for it.
    fn code_factor(&self, user: &User, factor: Factor, code: &str) -> Option<Factor> {
        if self.is_app_passcode(code) && user.devices_for(Factor::Totp).next().is_some() {
            Some(Factor::Totp)
        } else if self.otp_ok(factor, code) {
            Some(factor)
        } else {
            None
        }
    }

    /// The flow completed for `user` with `factor`; `trusted` (the submission's
    /// `trustedDevice`) takes effect when the tenant trusts devices after that factor.
    fn done_with(&self, user: &User, factor: Factor, trusted: bool) -> Outcome {
        done(
            user,
            trusted && self.fixture.trust_factors.contains(&factor),
        )
    }
}

/// The factor the step delivers or checks a code for.
fn current_factor(step: &Step) -> Option<Factor> {
    match &step.phase {
        Phase::EnrollOtp { device } | Phase::EnrollPoll { device, .. } => Some(device.factor),
        Phase::Challenge { factor, .. } => Some(*factor),
        _ => None,
    }
}

impl Machine<'_> {
    /// The step after `resendCode`: the same step naming its factor in `nextAuthFactors`,
    /// without the device's `displayName` and the `trustedDeviceSettings`; an enrollment's
    /// resend carries `mfaSettings` even where its start omitted them (as recorded).
    fn resent(&self, step: &Step, user: &User) -> Step {
        let mut next = step.clone();
        next.offer.remove("displayName");
        next.offer.remove("trustedDeviceSettings");
        if let Some(f) = current_factor(step) {
            next.offer
                .insert("nextAuthFactors".into(), json!([f.as_str()]));
        }
        if matches!(step.phase, Phase::EnrollOtp { .. })
            && let Some(settings) = self.mfa_settings(step, user)
        {
            next.offer.insert("mfaSettings".into(), settings);
        }
        next
    }
}

/// The flow completed for `user`.
fn done(user: &User, trusted: bool) -> Outcome {
    Outcome::Done {
        user: user.username.clone(),
        trusted,
        kmsi: false,
    }
}
