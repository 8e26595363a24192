//! The authentication state machine behind `GET`/`POST /sso/v1/sdk/authenticate`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::errors::{ApiFailure, gateway_unauthorized, json_response, new_ecid};
use super::fixture::{Device, Factor, Fixture, MfaPolicy, User};
use super::op::Op;
use super::server::AppState;
use super::state::{FlowMeta, Lookup, Phase, Step, random_base64};
use super::token::{TokenKind, authn_token, bearer};

const MFA_FACTORS: [Factor; 5] = [
    Factor::Push,
    Factor::Totp,
    Factor::Sms,
    Factor::Email,
    Factor::SecurityQuestions,
];
const ACC_REC_FACTORS: [Factor; 3] = [Factor::Sms, Factor::SecurityQuestions, Factor::Email];
const PNG_1X1: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/// What a step of the machine produced.
enum Outcome {
    /// Next step: `status` (`success`/`pending`), the step (with its offer) and extra body keys.
    Next {
        status: &'static str,
        step: Step,
        extra: Map<String, Value>,
    },
    /// Flow completed for `user`; `extra` may carry a `trustToken`.
    Done {
        user: String,
        extra: Map<String, Value>,
    },
    /// Failure; with `Some(step)` the step is re-offered with a fresh `requestState`.
    Fail(ApiFailure, Option<Step>),
}

fn fail(
    status: StatusCode,
    code: &'static str,
    message: impl Into<String>,
    step: &Step,
) -> Outcome {
    Outcome::Fail(ApiFailure::new(status, code, message), Some(step.clone()))
}

fn bare(status: StatusCode, code: &'static str, message: impl Into<String>) -> Outcome {
    Outcome::Fail(ApiFailure::new(status, code, message), None)
}

fn missing(step: &Step, keys: &str) -> Outcome {
    fail(
        StatusCode::UNPROCESSABLE_ENTITY,
        "AUTH-1001",
        format!("The request is missing the mandatory credentials [{keys}]."),
        step,
    )
}

/// 401 AUTH-1105: a wrong one-time passcode; the step is offered again.
fn invalid_passcode(step: &Step) -> Outcome {
    fail(
        StatusCode::UNAUTHORIZED,
        "AUTH-1105",
        "Invalid passcode.",
        step,
    )
}

/// 400 AUTH-1111 for an attribute whose value is outside its enumeration.
fn invalid_value(attribute: &str, value: &Value, allowed: &[&str], step: &Step) -> Outcome {
    let shown = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string);
    fail(
        StatusCode::BAD_REQUEST,
        "AUTH-1111",
        format!(
            "Invalid value [{shown}] for attribute {attribute}. One of [{}] was expected.",
            allowed.join(",")
        ),
        step,
    )
}

fn obj(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// Returns `step` moved to `phase`, offering `offer` and `next_op`.
fn advance(step: &Step, phase: Phase, mut offer: Map<String, Value>, next_op: Vec<Op>) -> Step {
    let mut next = step.clone();
    next.phase = phase;
    offer.insert("nextOp".into(), json!(next_op));
    next.next_op = next_op;
    next.offer = offer;
    next
}

fn success(step: Step) -> Outcome {
    Outcome::Next {
        status: "success",
        step,
        extra: Map::new(),
    }
}

struct Machine<'a> {
    fixture: &'a Fixture,
    base_url: &'a str,
    locale: String,
}

/// `GET /sso/v1/sdk/authenticate[?appName=…]`: starts a flow.
pub(crate) async fn start(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    if !bearer(&app.signing_key, &headers).is_some_and(|c| c.kind == TokenKind::Client) {
        return gateway_unauthorized();
    }
    let app_name = query.as_deref().and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "appName")
            .map(|(_, v)| v.into_owned())
    });
    if let Some(name) = app_name
        && name != app.fixture.app_name
    {
        return render(
            &app,
            &Arc::new(FlowMeta::default()),
            bare(
                StatusCode::BAD_REQUEST,
                "AUTH-1118",
                format!("The application name [{name}] is not valid."),
            ),
        );
    }
    let step = init_step(&Step::start());
    render(&app, &Arc::new(FlowMeta::default()), success(step))
}

fn init_step(step: &Step) -> Step {
    let offer = obj(json!({
        "nextAuthFactors": ["USERNAME_PASSWORD"],
        "USERNAME_PASSWORD": {"credentials": ["username", "password"]},
    }));
    let mut s = advance(step, Phase::Init, offer, vec![Op::CredSubmit]);
    s.username = None;
    s
}

/// `POST /sso/v1/sdk/authenticate`: every further step.
pub(crate) async fn step(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !bearer(&app.signing_key, &headers).is_some_and(|c| c.kind == TokenKind::Client) {
        return gateway_unauthorized();
    }
    let detached = Arc::new(FlowMeta::default());
    let request: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return render(
                &app,
                &detached,
                bare(
                    StatusCode::BAD_REQUEST,
                    "AUTH-1121",
                    format!("The request payload is not valid JSON ({e})."),
                ),
            );
        }
    };
    let Some(request) = request.as_object() else {
        return render(
            &app,
            &detached,
            bare(
                StatusCode::BAD_REQUEST,
                "AUTH-1033",
                "The request payload must be a JSON object.",
            ),
        );
    };
    let Some(state) = request.get("requestState").and_then(Value::as_str) else {
        return render(
            &app,
            &detached,
            bare(
                StatusCode::UNPROCESSABLE_ENTITY,
                "AUTH-1001",
                "Your input request is missing the requestState attribute, which is mandatory.",
            ),
        );
    };
    let (step, flow) = match app.store.lookup(state) {
        Lookup::Found(step, flow) => (step, flow),
        lookup => {
            let (code, message) = match lookup {
                Lookup::Expired => (
                    "AUTH-1117",
                    "The requestState has expired. Start the authentication again.",
                ),
                _ => (
                    "AUTH-1120",
                    "The requestState is invalid or expired. Send the requestState of the latest response.",
                ),
            };
            let ecid = new_ecid();
            let mut body = ApiFailure::new(StatusCode::UNAUTHORIZED, code, message).envelope(&ecid);
            if state.len() <= 8192 {
                body.insert("requestState".into(), json!(state));
            }
            return json_response(StatusCode::UNAUTHORIZED, &Value::Object(body), &ecid);
        }
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
    };
    let outcome = machine.dispatch(&step, request);
    render(&app, &flow, outcome)
}

fn render(app: &AppState, flow: &Arc<FlowMeta>, outcome: Outcome) -> Response {
    let ecid = new_ecid();
    match outcome {
        Outcome::Next {
            status,
            step,
            extra,
        } => {
            let mut body = Map::new();
            body.insert("status".into(), json!(status));
            body.extend(step.offer.clone());
            body.extend(extra);
            let state = app.store.issue(Arc::new(step), flow);
            body.insert("requestState".into(), json!(state));
            json_response(StatusCode::OK, &Value::Object(body), &ecid)
        }
        Outcome::Done { user, extra } => {
            flow.complete();
            let mut body = Map::new();
            let Some(token) = authn_token(app, &user) else {
                let failure = ApiFailure::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "AUTH-1000",
                    "The simulator could not sign the authentication token.",
                );
                return json_response(
                    failure.status,
                    &Value::Object(failure.envelope(&ecid)),
                    &ecid,
                );
            };
            body.insert("authnToken".into(), json!(token));
            body.extend(extra);
            body.insert("status".into(), json!("success"));
            json_response(StatusCode::OK, &Value::Object(body), &ecid)
        }
        Outcome::Fail(failure, step) => {
            let mut body = failure.envelope(&ecid);
            if let Some(step) = step {
                body.extend(step.offer.clone());
                let state = app.store.issue(Arc::new(step), flow);
                body.insert("requestState".into(), json!(state));
            }
            json_response(failure.status, &Value::Object(body), &ecid)
        }
    }
}

fn str_field<'a>(map: Option<&'a Map<String, Value>>, key: &str) -> Option<&'a str> {
    map?.get(key)?.as_str()
}

fn bool_field(map: Option<&Map<String, Value>>, key: &str) -> Option<bool> {
    map?.get(key)?.as_bool()
}

fn derived_device_id(username: &str, factor: Factor, salt: usize) -> String {
    let digest = Sha256::digest(format!("{username}/{}/{salt}", factor.as_str()).as_bytes());
    hex::encode(&digest[..16])
}

fn mask_phone(number: &str, country: Option<&str>) -> String {
    let tail = &number[number.len().saturating_sub(3)..];
    match country {
        Some(cc) => format!("{cc}{}{tail}", "X".repeat(number.len().saturating_sub(3))),
        None => {
            let head = &number[..number.len().min(3)];
            let hidden = number.len().saturating_sub(6);
            format!("{head}{}{tail}", "X".repeat(hidden))
        }
    }
}

impl Machine<'_> {
    fn dispatch(&self, step: &Step, request: &Map<String, Value>) -> Outcome {
        let op = match request.get("op") {
            None => {
                return fail(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "AUTH-1111",
                    "Your input request is missing the op attribute, which is mandatory.",
                    step,
                );
            }
            Some(value) => match value.as_str().and_then(Op::parse) {
                Some(op) => op,
                None => {
                    let names: Vec<&str> = Op::ALL.iter().map(|op| op.as_str()).collect();
                    return invalid_value("op", value, &names, step);
                }
            },
        };
        let factor = match request.get("authFactor") {
            None => None,
            Some(value) => match value.as_str().and_then(Factor::parse) {
                Some(f) => Some(f),
                None => {
                    let names: Vec<&str> = Factor::ALL.iter().map(|f| f.as_str()).collect();
                    return invalid_value("authFactor", value, &names, step);
                }
            },
        };
        let creds = match request.get("credentials") {
            None => None,
            Some(Value::Object(m)) => Some(m),
            Some(_) => {
                return fail(
                    StatusCode::BAD_REQUEST,
                    "AUTH-1033",
                    "The credentials attribute must be a JSON object.",
                    step,
                );
            }
        };
        if !step.next_op.contains(&op) {
            return fail(
                StatusCode::UNPROCESSABLE_ENTITY,
                "AUTH-1116",
                format!(
                    "The op [{op}] is not supported at this step. Supported: [{}].",
                    step.next_op
                        .iter()
                        .map(|op| op.as_str())
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                step,
            );
        }
        let user = step.username.as_deref().and_then(|u| self.fixture.user(u));
        match (op, user) {
            (Op::CredSubmit, _) => self.cred_submit(step, user, factor, creds, request),
            (Op::Enrollment, Some(user)) => self.enrollment(step, user, factor, creds),
            (Op::GetBackupFactors, Some(user)) => self.backup_factors(step, user),
            (Op::ResendCode, Some(_)) => {
                let mut next = step.clone();
                if let Some(f) = self.current_factor(step) {
                    next.offer
                        .insert("nextAuthFactors".into(), json!([f.as_str()]));
                }
                success(next)
            }
            (Op::CreateToken, Some(user)) => self.create_token(step, user),
            (Op::AcceptTou, Some(user)) => self.accept_tou(step, user, creds),
            (Op::CreateSession, _) => fail(
                StatusCode::UNPROCESSABLE_ENTITY,
                "AUTH-1119",
                "The op [createSession] is handled by /sso/v1/sdk/secure/session; post the requestState there.",
                step,
            ),
            _ => fail(
                StatusCode::UNPROCESSABLE_ENTITY,
                "AUTH-1116",
                format!("The op [{op}] is not supported at this step."),
                step,
            ),
        }
    }

    fn current_factor(&self, step: &Step) -> Option<Factor> {
        match &step.phase {
            Phase::EnrollOtp { device } | Phase::EnrollPoll { device, .. } => Some(device.factor),
            Phase::Challenge { factor, .. } => Some(*factor),
            _ => None,
        }
    }

    fn otp_ok(&self, factor: Factor, code: &str) -> bool {
        let fixed = match factor {
            Factor::Totp => &self.fixture.otp_codes.totp,
            Factor::Sms => &self.fixture.otp_codes.sms,
            Factor::Email => &self.fixture.otp_codes.email,
            _ => return false,
        };
        code == fixed || self.fixture.accepted_otp_codes.iter().any(|c| c == code)
    }

    fn trusted(&self, request: &Map<String, Value>) -> Map<String, Value> {
        let mut extra = Map::new();
        if request.get("trustedDevice").and_then(Value::as_bool) == Some(true) {
            extra.insert("trustToken".into(), json!(random_base64(177)));
        }
        extra
    }

    fn done(&self, user: &User, request: &Map<String, Value>) -> Outcome {
        Outcome::Done {
            user: user.username.clone(),
            extra: self.trusted(request),
        }
    }

    fn trust_settings(&self) -> Value {
        json!({"trustDurationInDays": self.fixture.trust_duration_days})
    }

    // ---- first factor -------------------------------------------------------

    fn cred_submit(
        &self,
        step: &Step,
        user: Option<&User>,
        factor: Option<Factor>,
        creds: Option<&Map<String, Value>>,
        request: &Map<String, Value>,
    ) -> Outcome {
        match (&step.phase, user) {
            (Phase::Init, _) => self.first_factor(step, factor, creds),
            (Phase::Password, _) => {
                let Some(password) = str_field(creds, "password") else {
                    return missing(step, "password");
                };
                let username = step.username.as_deref().unwrap_or_default();
                if str_field(creds, "username").is_some_and(|u| u != username) {
                    return self.wrong_password(step);
                }
                match user {
                    Some(u) if u.password == password => {
                        let mut next = step.clone();
                        next.username = Some(u.username.clone());
                        self.after_first_factor(&next, u)
                    }
                    _ => self.wrong_password(step),
                }
            }
            (Phase::EnrollOtp { device }, Some(_)) => {
                let Some(code) = str_field(creds, "otpCode") else {
                    return missing(step, "otpCode");
                };
                if self.otp_ok(device.factor, code) {
                    self.enrolled(step, device.clone())
                } else {
                    invalid_passcode(step)
                }
            }
            (Phase::EnrollPoll { device, polls }, Some(_)) => {
                if let Some(code) = str_field(creds, "otpCode") {
                    return if self.otp_ok(Factor::Totp, code) {
                        self.enrolled(step, device.clone())
                    } else {
                        invalid_passcode(step)
                    };
                }
                let polls = polls + 1;
                if polls >= self.fixture.approval_poll {
                    return self.enrolled(step, device.clone());
                }
                let (code, message) = if device.factor == Factor::Push {
                    (
                        "AUTH-1108",
                        "Approval of the push notification is still pending.",
                    )
                } else {
                    (
                        "AUTH-1109",
                        "The passcode-app enrollment still waits for verification.",
                    )
                };
                let mut next = step.clone();
                next.phase = Phase::EnrollPoll {
                    device: device.clone(),
                    polls,
                };
                Outcome::Next {
                    status: "pending",
                    step: next,
                    extra: obj(json!({"cause": [{"code": code, "message": message}]})),
                }
            }
            (Phase::EnrollQuestions, Some(_)) => self.enroll_questions(step, creds),
            (
                Phase::Challenge {
                    factor: current,
                    device_id,
                    polls,
                },
                Some(user),
            ) => {
                let chosen = factor.unwrap_or(*current);
                if chosen != *current {
                    return self.submit_factor(step, user, chosen, creds, request);
                }
                if chosen == Factor::Push {
                    let polls = polls + 1;
                    if polls >= self.fixture.approval_poll {
                        return self.done(user, request);
                    }
                    let mut next = step.clone();
                    next.phase = Phase::Challenge {
                        factor: Factor::Push,
                        device_id: device_id.clone(),
                        polls,
                    };
                    return Outcome::Next {
                        status: "pending",
                        step: next,
                        extra: push_pending_cause(),
                    };
                }
                let mut creds = creds.cloned().unwrap_or_default();
                if let Some(id) = device_id
                    && !creds.contains_key("deviceId")
                    && creds.contains_key("otpCode")
                {
                    creds.insert("deviceId".into(), json!(id));
                }
                self.submit_factor(step, user, chosen, Some(&creds), request)
            }
            (Phase::Backup, Some(user)) => match factor {
                Some(f) => self.submit_factor(step, user, f, creds, request),
                None => fail(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "AUTH-1001",
                    "The request is missing the authFactor attribute, which is mandatory here.",
                    step,
                ),
            },
            _ => fail(
                StatusCode::UNPROCESSABLE_ENTITY,
                "AUTH-1116",
                "The op [credSubmit] is not supported at this step.",
                step,
            ),
        }
    }

    fn wrong_password(&self, step: &Step) -> Outcome {
        fail(
            StatusCode::UNAUTHORIZED,
            "AUTH-3001",
            "The user name or the password is incorrect.",
            step,
        )
    }

    fn first_factor(
        &self,
        step: &Step,
        factor: Option<Factor>,
        creds: Option<&Map<String, Value>>,
    ) -> Outcome {
        match factor {
            None | Some(Factor::UsernamePassword | Factor::Username) => {}
            Some(other) => {
                return fail(
                    StatusCode::BAD_REQUEST,
                    "AUTH-1115",
                    format!(
                        "The factor [{}] is not supported at this step. Supported: [USERNAME_PASSWORD,USERNAME].",
                        other.as_str()
                    ),
                    step,
                );
            }
        }
        let Some(username) = str_field(creds, "username") else {
            return missing(step, "username,password");
        };
        let user = self.fixture.user(username);
        match str_field(creds, "password") {
            Some(password) => match user {
                Some(u) if u.password == password => {
                    let mut next = step.clone();
                    next.username = Some(u.username.clone());
                    self.after_first_factor(&next, u)
                }
                _ => self.wrong_password(step),
            },
            None if factor == Some(Factor::UsernamePassword) => missing(step, "password"),
            None => {
                let mut next = step.clone();
                next.username = Some(username.to_string());
                match user {
                    Some(u) if u.mfa != MfaPolicy::Off && u.preferred.is_some() => {
                        self.challenge(&next, u, u.preferred.unwrap_or(Factor::Totp), None)
                    }
                    _ => success(advance(
                        &next,
                        Phase::Password,
                        obj(json!({
                            "nextAuthFactors": ["PASSWORD"],
                            "PASSWORD": {"credentials": ["password"]},
                        })),
                        vec![Op::CredSubmit],
                    )),
                }
            }
        }
    }

    fn after_first_factor(&self, step: &Step, user: &User) -> Outcome {
        if user.terms_of_use_pending && !step.tou_accepted {
            let Some(statement) = self.fixture.terms_of_use.get(&self.locale) else {
                return bare(
                    StatusCode::UNAUTHORIZED,
                    "AUTH-3036",
                    format!(
                        "No terms-of-use statement exists for locale {}.",
                        self.locale
                    ),
                );
            };
            let offer = obj(json!({
                "TOU": {"statement": statement, "credentials": ["consent"], "locale": self.locale}
            }));
            return success(advance(step, Phase::Tou, offer, vec![Op::AcceptTou]));
        }
        if user.account_recovery_required && step.acc_rec.is_empty() {
            let mut next = step.clone();
            next.acc_rec_mode = true;
            return success(self.enroll_menu(&next, user));
        }
        if self.needs_mfa_enrollment(step, user) {
            let mut next = step.clone();
            next.acc_rec_mode = false;
            return success(self.enroll_menu(&next, user));
        }
        match user.preferred {
            Some(f) if user.mfa != MfaPolicy::Off => self.challenge(step, user, f, None),
            _ => Outcome::Done {
                user: user.username.clone(),
                extra: Map::new(),
            },
        }
    }

    fn needs_mfa_enrollment(&self, step: &Step, user: &User) -> bool {
        user.mfa != MfaPolicy::Off
            && !user.has_mfa_enrolled()
            && step.enrolled.is_empty()
            && !step.questions_enrolled
    }

    fn accept_tou(&self, step: &Step, user: &User, creds: Option<&Map<String, Value>>) -> Outcome {
        match bool_field(creds, "consent") {
            None => missing(step, "consent"),
            Some(false) => bare(
                StatusCode::UNAUTHORIZED,
                "AUTH-3035",
                "The terms of use must be accepted to use this application.",
            ),
            Some(true) => {
                let mut next = step.clone();
                next.tou_accepted = true;
                self.after_first_factor(&next, user)
            }
        }
    }

    // ---- challenges ---------------------------------------------------------

    fn asked_questions(&self, user: &User) -> Value {
        let n = self.fixture.sec_ques_settings.num_questions_to_ans.max(1) as usize;
        let list: Vec<Value> = user
            .security_answers
            .iter()
            .take(n)
            .map(|a| {
                let text = self
                    .fixture
                    .questions
                    .iter()
                    .find(|q| q.id == a.question_id)
                    .map_or(a.question_id.as_str(), |q| q.text.as_str());
                json!({"questionId": a.question_id, "text": text, "hint": a.hint})
            })
            .collect();
        json!(list)
    }

    fn challenge(
        &self,
        step: &Step,
        user: &User,
        factor: Factor,
        device: Option<&Device>,
    ) -> Outcome {
        let device = device.or_else(|| user.devices_for(factor).next());
        let phase = Phase::Challenge {
            factor,
            device_id: device.map(|d| d.device_id.clone()),
            polls: 0,
        };
        let mut offer = Map::new();
        if let Some(d) = device {
            offer.insert("displayName".into(), json!(d.display_name));
        }
        offer.insert("nextAuthFactors".into(), json!([factor.as_str()]));
        offer.insert("trustedDeviceSettings".into(), self.trust_settings());
        match factor {
            Factor::SecurityQuestions => {
                offer.insert(
                    factor.as_str().into(),
                    json!({"credentials": ["questionId", "answer"], "questions": self.asked_questions(user)}),
                );
                success(advance(
                    step,
                    phase,
                    offer,
                    vec![Op::CredSubmit, Op::GetBackupFactors],
                ))
            }
            Factor::Push => Outcome::Next {
                status: "pending",
                step: advance(
                    step,
                    phase,
                    offer,
                    vec![Op::CredSubmit, Op::GetBackupFactors],
                ),
                extra: push_pending_cause(),
            },
            _ => {
                offer.insert(factor.as_str().into(), json!({"credentials": ["otpCode"]}));
                let mut ops = vec![Op::CredSubmit, Op::GetBackupFactors];
                if matches!(factor, Factor::Sms | Factor::Email) {
                    ops.push(Op::ResendCode);
                }
                success(advance(step, phase, offer, ops))
            }
        }
    }

    fn backup_factors(&self, step: &Step, user: &User) -> Outcome {
        let mut offer = Map::new();
        let mut names = Vec::new();
        for factor in [Factor::Push, Factor::Totp, Factor::Sms, Factor::Email] {
            let devices: Vec<Value> = user
                .devices_for(factor)
                .enumerate()
                .map(|(i, d)| {
                    let mut v = json!({"deviceId": d.device_id, "displayName": d.display_name});
                    if i == 0 && user.preferred == Some(factor) {
                        v["preferred"] = json!(true);
                    }
                    v
                })
                .collect();
            if devices.is_empty() {
                continue;
            }
            let creds = if factor == Factor::Totp {
                json!(["otpCode", "preferred", "deviceId"])
            } else {
                json!(["preferred", "deviceId"])
            };
            names.push(factor.as_str());
            offer.insert(
                factor.as_str().into(),
                json!({"credentials": creds, "enrolledDevices": devices}),
            );
        }
        if !user.bypass_codes.is_empty() {
            names.push(Factor::Bypasscode.as_str());
            offer.insert("BYPASSCODE".into(), json!({"credentials": ["bypassCode"]}));
        }
        if !user.security_answers.is_empty() {
            names.push(Factor::SecurityQuestions.as_str());
            offer.insert(
                "SECURITY_QUESTIONS".into(),
                json!({"credentials": ["questionId", "answer"], "questions": self.asked_questions(user)}),
            );
        }
        offer.insert("nextAuthFactors".into(), json!(names));
        offer.insert("trustedDeviceSettings".into(), self.trust_settings());
        success(advance(
            step,
            Phase::Backup,
            offer,
            vec![Op::CredSubmit, Op::GetBackupFactors],
        ))
    }

    fn submit_factor(
        &self,
        step: &Step,
        user: &User,
        factor: Factor,
        creds: Option<&Map<String, Value>>,
        request: &Map<String, Value>,
    ) -> Outcome {
        let device = match str_field(creds, "deviceId") {
            Some(id) => match user.devices_for(factor).find(|d| d.device_id == id) {
                Some(d) => Some(d),
                None => {
                    return fail(
                        StatusCode::UNAUTHORIZED,
                        "AUTH-1014",
                        format!(
                            "No {} device with the given deviceId is enrolled.",
                            factor.as_str()
                        ),
                        step,
                    );
                }
            },
            None => user.devices_for(factor).next(),
        };
        match factor {
            Factor::Totp | Factor::Sms | Factor::Email if device.is_some() => {
                match str_field(creds, "otpCode") {
                    Some(code) if self.otp_ok(factor, code) => self.done(user, request),
                    Some(_) => invalid_passcode(step),
                    None if factor == Factor::Totp => missing(step, "otpCode"),
                    None => self.challenge(step, user, factor, device),
                }
            }
            Factor::Push if device.is_some() => self.challenge(step, user, factor, device),
            Factor::Bypasscode if !user.bypass_codes.is_empty() => {
                match str_field(creds, "bypassCode") {
                    None => missing(step, "bypassCode"),
                    Some(code) if user.bypass_codes.iter().any(|c| c == code) => {
                        self.done(user, request)
                    }
                    Some(_) => invalid_passcode(step),
                }
            }
            Factor::SecurityQuestions if !user.security_answers.is_empty() => {
                let Some(list) = creds
                    .and_then(|c| c.get("questions"))
                    .and_then(Value::as_array)
                else {
                    return missing(step, "questions");
                };
                let needed = self.fixture.sec_ques_settings.num_questions_to_ans.max(1) as usize;
                let all_right = list.len() >= needed
                    && list.iter().all(|q| {
                        let id = q.get("questionId").and_then(Value::as_str);
                        let given = q.get("answer").and_then(Value::as_str);
                        user.security_answers.iter().any(|a| {
                            Some(a.question_id.as_str()) == id
                                && given
                                    .is_some_and(|g| g.trim().eq_ignore_ascii_case(a.answer.trim()))
                        })
                    });
                if all_right {
                    self.done(user, request)
                } else {
                    fail(
                        StatusCode::UNAUTHORIZED,
                        "AUTH-1026",
                        "At least one security answer is wrong.",
                        step,
                    )
                }
            }
            other => fail(
                StatusCode::BAD_REQUEST,
                "AUTH-1115",
                format!(
                    "The factor [{}] is not available for this user.",
                    other.as_str()
                ),
                step,
            ),
        }
    }

    // ---- enrollment ---------------------------------------------------------

    fn can_skip(&self, step: &Step, user: &User) -> bool {
        if step.acc_rec_mode {
            !step.acc_rec.is_empty()
        } else {
            user.mfa != MfaPolicy::Required || !self.needs_mfa_enrollment(step, user)
        }
    }

    fn enroll_menu(&self, step: &Step, user: &User) -> Step {
        let skip = self.can_skip(step, user);
        let ops = if skip {
            vec![Op::CreateToken, Op::CreateSession, Op::Enrollment]
        } else {
            vec![Op::Enrollment]
        };
        if step.acc_rec_mode {
            let remaining: Vec<&str> = ACC_REC_FACTORS
                .iter()
                .filter(|f| !step.acc_rec.iter().any(|(g, _)| g == *f))
                .map(|f| f.as_str())
                .collect();
            let offer = obj(json!({
                "accRecEnrollmentRequired": step.acc_rec.is_empty(),
                "nextAuthFactors": remaining,
                "SMS": {"credentials": ["phoneNumber", "countryCode"]},
                "EMAIL": {
                    "userAllowedToSetRecoveryEmail": "true",
                    "primaryEmailVerified": "true",
                    "primaryEmail": user.email,
                    "credentials": ["recoveryEmail"]
                },
            }));
            // Account recovery always lists createToken; it is refused until a factor is enrolled.
            return advance(
                step,
                Phase::Enroll,
                offer,
                vec![Op::CreateToken, Op::CreateSession, Op::Enrollment],
            );
        }
        let remaining: Vec<&str> = MFA_FACTORS
            .iter()
            .filter(|f| {
                let done = step.enrolled.iter().any(|d| d.factor == **f)
                    || (**f == Factor::SecurityQuestions && step.questions_enrolled);
                !done
            })
            .map(|f| f.as_str())
            .collect();
        let offer = obj(json!({
            "nextAuthFactors": remaining,
            "TOTP": {"credentials": ["offlineTotp"]},
            "SMS": {"credentials": ["phoneNumber"]},
            "mfaSettings": {"enrollmentRequired": user.mfa == MfaPolicy::Required},
        }));
        advance(step, Phase::Enroll, offer, ops)
    }

    fn enrollment(
        &self,
        step: &Step,
        user: &User,
        factor: Option<Factor>,
        creds: Option<&Map<String, Value>>,
    ) -> Outcome {
        let Some(factor) = factor else {
            return success(self.enroll_menu(step, user));
        };
        let allowed = if step.acc_rec_mode {
            ACC_REC_FACTORS.contains(&factor)
        } else {
            MFA_FACTORS.contains(&factor)
        };
        if !allowed {
            return fail(
                StatusCode::BAD_REQUEST,
                "AUTH-1115",
                format!("The factor [{}] cannot be enrolled here.", factor.as_str()),
                step,
            );
        }
        let salt = step.enrolled.len() + step.acc_rec.len();
        let device_id = derived_device_id(&user.username, factor, salt);
        let skip = self.can_skip(step, user);
        let mut ops = vec![Op::CredSubmit];
        if skip {
            ops.extend([Op::CreateToken, Op::CreateSession]);
        }
        match factor {
            Factor::Sms => {
                if bool_field(creds, "accountRecoveryFactor") == Some(true) && !step.acc_rec_mode {
                    let Some((_, Some(device))) =
                        step.acc_rec.iter().find(|(f, _)| *f == Factor::Sms)
                    else {
                        return fail(
                            StatusCode::BAD_REQUEST,
                            "AUTH-1003",
                            "No account-recovery SMS number is enrolled in this flow.",
                            step,
                        );
                    };
                    return self.enrolled(step, device.clone());
                }
                let Some(number) = str_field(creds, "phoneNumber") else {
                    return missing(step, "phoneNumber");
                };
                if number.len() < 6 || !number.bytes().all(|b| b.is_ascii_digit()) {
                    return fail(
                        StatusCode::BAD_REQUEST,
                        "AUTH-1030",
                        "The phone number is not valid.",
                        step,
                    );
                }
                let device = Device {
                    device_id,
                    factor,
                    display_name: mask_phone(number, str_field(creds, "countryCode")),
                };
                ops.extend([Op::ResendCode, Op::Enrollment]);
                success(self.enroll_otp_step(step, user, device, None, ops))
            }
            Factor::Email => {
                let address = str_field(creds, "recoveryEmail").unwrap_or(&user.email);
                let device = Device {
                    device_id,
                    factor,
                    display_name: address.to_string(),
                };
                ops.extend([Op::ResendCode, Op::Enrollment]);
                success(self.enroll_otp_step(step, user, device, None, ops))
            }
            Factor::Totp | Factor::Push => {
                let offline =
                    factor == Factor::Totp && bool_field(creds, "offlineTotp") == Some(true);
                let device = Device {
                    device_id: device_id.clone(),
                    factor,
                    display_name: format!("{}'s Phone", user.given_name),
                };
                let secret = data_encoding_base32(&Sha256::digest(device_id.as_bytes())[..10]);
                let common = format!(
                    "{}?issuer={}&period=30&algorithm=SHA1&digits=6&Deviceid={device_id}&RequestId={}",
                    percent_encoding::utf8_percent_encode(
                        &user.username,
                        percent_encoding::NON_ALPHANUMERIC
                    ),
                    self.fixture.tenant,
                    hex::encode(&Sha256::digest(random_base64(8).as_bytes())[..8]),
                );
                let content = if offline {
                    format!("otpauth://totp/{common}&secret={secret}&ServiceType=TOTP")
                } else {
                    let login = percent_encoding::utf8_percent_encode(
                        &format!("{}/sso/v1/", self.base_url),
                        percent_encoding::NON_ALPHANUMERIC,
                    )
                    .to_string();
                    let service = if factor == Factor::Push {
                        "PUSH"
                    } else {
                        "TOTP"
                    };
                    format!(
                        "oraclemobileauthenticator://totp/{common}&LoginURL={login}&ServiceType={service}"
                    )
                };
                let qr =
                    json!({"content": content, "imageType": "image/png", "imageData": PNG_1X1});
                ops.push(Op::Enrollment);
                if offline {
                    success(self.enroll_otp_step(step, user, device, Some(qr), ops))
                } else {
                    let offer = obj(json!({
                        "displayName": device.display_name,
                        factor.as_str(): {"credentials": ["otpCode"], "qrCode": qr},
                        "mfaSettings": {"enrollmentRequired": user.mfa == MfaPolicy::Required},
                    }));
                    success(advance(
                        step,
                        Phase::EnrollPoll { device, polls: 0 },
                        offer,
                        ops,
                    ))
                }
            }
            Factor::SecurityQuestions => {
                let s = &self.fixture.sec_ques_settings;
                let questions: Vec<Value> = self
                    .fixture
                    .questions
                    .iter()
                    .map(|q| json!({"questionId": q.id, "text": q.text}))
                    .collect();
                let offer = obj(json!({
                    "SECURITY_QUESTIONS": {
                        "credentials": ["questionId", "answer", "hint"],
                        "secQuesSettings": {
                            "numQuestionsToSetup": s.num_questions_to_setup.to_string(),
                            "minAnswerLength": s.min_answer_length.to_string(),
                            "numQuestionsToAns": s.num_questions_to_ans.to_string(),
                            "maxFieldLength": s.max_field_length.to_string(),
                        },
                        "questions": questions,
                    }
                }));
                ops.push(Op::Enrollment);
                success(advance(step, Phase::EnrollQuestions, offer, ops))
            }
            _ => fail(
                StatusCode::BAD_REQUEST,
                "AUTH-1115",
                format!("The factor [{}] cannot be enrolled here.", factor.as_str()),
                step,
            ),
        }
    }

    fn enroll_otp_step(
        &self,
        step: &Step,
        user: &User,
        device: Device,
        qr: Option<Value>,
        ops: Vec<Op>,
    ) -> Step {
        let mut factor_obj = json!({"credentials": ["otpCode"]});
        if let Some(qr) = qr {
            factor_obj["qrCode"] = qr;
        }
        let mut offer = obj(json!({
            "displayName": device.display_name,
            device.factor.as_str(): factor_obj,
        }));
        if !step.acc_rec_mode {
            offer.insert(
                "mfaSettings".into(),
                json!({"enrollmentRequired": user.mfa == MfaPolicy::Required}),
            );
        }
        advance(step, Phase::EnrollOtp { device }, offer, ops)
    }

    fn enroll_questions(&self, step: &Step, creds: Option<&Map<String, Value>>) -> Outcome {
        let Some(list) = creds
            .and_then(|c| c.get("questions"))
            .and_then(Value::as_array)
        else {
            return missing(step, "questions");
        };
        let s = &self.fixture.sec_ques_settings;
        if list.len() < s.num_questions_to_setup as usize {
            return fail(
                StatusCode::BAD_REQUEST,
                "AUTH-1022",
                format!("Set up {} security questions.", s.num_questions_to_setup),
                step,
            );
        }
        let mut seen = Vec::new();
        for q in list {
            let id = q
                .get("questionId")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let answer = q.get("answer").and_then(Value::as_str);
            if !self.fixture.questions.iter().any(|c| c.id == id) {
                return fail(
                    StatusCode::BAD_REQUEST,
                    "AUTH-1039",
                    format!("The question id [{id}] is not valid."),
                    step,
                );
            }
            if seen.contains(&id) {
                return fail(
                    StatusCode::BAD_REQUEST,
                    "AUTH-1024",
                    "A security question was chosen twice.",
                    step,
                );
            }
            seen.push(id);
            match answer {
                None => return missing(step, "answer"),
                Some(a) if a.chars().count() < s.min_answer_length as usize => {
                    return fail(
                        StatusCode::BAD_REQUEST,
                        "AUTH-1021",
                        format!("Answers need at least {} characters.", s.min_answer_length),
                        step,
                    );
                }
                Some(_) => {}
            }
        }
        let mut next = step.clone();
        if step.acc_rec_mode {
            next.acc_rec.push((Factor::SecurityQuestions, None));
        } else {
            next.questions_enrolled = true;
        }
        success(self.after_enrollment(&next, None))
    }

    fn enrolled(&self, step: &Step, device: Device) -> Outcome {
        let mut next = step.clone();
        if step.acc_rec_mode {
            next.acc_rec.push((device.factor, Some(device.clone())));
        } else {
            next.enrolled.push(device.clone());
        }
        success(self.after_enrollment(&next, Some(&device)))
    }

    fn after_enrollment(&self, step: &Step, device: Option<&Device>) -> Step {
        let mut offer = Map::new();
        if let Some(d) = device {
            offer.insert("displayName".into(), json!(d.display_name));
        }
        if step.acc_rec_mode {
            offer.insert("accRecEnrollmentRequired".into(), json!(false));
        }
        advance(
            step,
            Phase::Enroll,
            offer,
            vec![Op::CreateToken, Op::CreateSession, Op::Enrollment],
        )
    }

    fn create_token(&self, step: &Step, user: &User) -> Outcome {
        if step.acc_rec_mode && step.acc_rec.is_empty() {
            return fail(
                StatusCode::UNAUTHORIZED,
                "AUTH-1016",
                "Account-recovery enrollment is required and cannot be skipped.",
                step,
            );
        }
        if !step.acc_rec_mode && !self.can_skip(step, user) {
            return fail(
                StatusCode::UNAUTHORIZED,
                "AUTH-1016",
                "Enrollment in a second factor is required and cannot be skipped.",
                step,
            );
        }
        if step.acc_rec_mode
            && user.mfa == MfaPolicy::Required
            && self.needs_mfa_enrollment(step, user)
        {
            let mut next = step.clone();
            next.acc_rec_mode = false;
            let mut details = Map::new();
            let mut list = Vec::new();
            for (factor, device) in &step.acc_rec {
                list.push(factor.as_str());
                let mut entry = json!({"credentials": ["accountRecoveryFactor"]});
                if let Some(d) = device {
                    entry["enrolledDevices"] =
                        json!([{"deviceId": d.device_id, "displayName": d.display_name}]);
                }
                details.insert(factor.as_str().into(), entry);
            }
            details.insert("enrolledAccRecFactorsList".into(), json!(list));
            let offer = obj(json!({
                "nextAuthFactors": ["TOTP", "SECURITY_QUESTIONS", "SMS", "EMAIL", "PUSH"],
                "EnrolledAccountRecoveryFactorsDetails": details,
                "mfaSettings": {"enrollmentRequired": true},
            }));
            return success(advance(&next, Phase::Enroll, offer, vec![Op::Enrollment]));
        }
        Outcome::Done {
            user: user.username.clone(),
            extra: Map::new(),
        }
    }
}

fn push_pending_cause() -> Map<String, Value> {
    obj(json!({"cause": [{
        "code": "AUTH-1108",
        "message": "Approval of the push notification is still pending."
    }]}))
}

/// RFC 4648 base32 without padding (TOTP secrets).
fn data_encoding_base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}
