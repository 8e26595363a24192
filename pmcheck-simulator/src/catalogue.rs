//! The catalogue of every coded answer the simulator gives: the `AUTH-…` causes of the
//! authentication and session endpoints and of fault injection (code, HTTP status,
//! message); the token endpoint's OAuth errors are in [`crate::oauth_error`].
//! Handlers name an entry; its wire form is decided here alone. A fixture's `messages`
//! reword a cause by its [`AuthError::message_key`], filling in its [`AuthError::params`].

use std::collections::BTreeMap;

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::fixture::Factor;
use super::op::Op;

/// An `AUTH-…` cause: a failure, or (AUTH-1108, AUTH-1109) the notice of a `pending` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AuthError {
    /// AUTH-1000: the `authnToken` could not be signed.
    SigningFailed,
    /// AUTH-1001: credentials missing from the request (comma-separated names).
    MissingCredentials(&'static str),
    /// AUTH-1001: the request has no `requestState`.
    MissingRequestState,
    /// AUTH-1001: a backup-factor submission without `authFactor`.
    MissingAuthFactor,
    /// AUTH-1001: the session endpoint got neither `authnToken` nor `requestState`.
    MissingSessionInput,
    /// AUTH-1003: reusing an account-recovery phone that was not enrolled.
    NoRecoveryPhone,
    /// AUTH-1007: the user denied the push notification (or the online-TOTP enrollment).
    PushDenied,
    /// AUTH-1007: a FIDO assertion that does not verify.
    FidoAssertionInvalid,
    /// AUTH-1010: too many wrong codes in one flow; the flow has ended.
    TooManyWrongCodes,
    /// AUTH-1014: the `deviceId` names no device of the user for this factor.
    UnknownDevice(Factor),
    /// AUTH-1016: `createToken` while account-recovery enrollment is required.
    RecoveryEnrollmentRequired,
    /// AUTH-1016: `createToken` while MFA enrollment is required.
    MfaEnrollmentRequired,
    /// AUTH-1021: a security answer shorter than the minimum length.
    AnswerTooShort(u32),
    /// AUTH-1022: fewer security questions than must be set up.
    TooFewQuestions(u32),
    /// AUTH-1024: the same security question twice.
    DuplicateQuestion,
    /// AUTH-1026: a wrong security answer.
    WrongAnswer,
    /// AUTH-1030: an SMS enrollment with an invalid phone number.
    InvalidPhoneNumber,
    /// AUTH-1033: the request body is JSON but not an object.
    PayloadNotObject,
    /// AUTH-1033: `credentials` is not an object.
    CredentialsNotObject,
    /// AUTH-1033: the request has no body (or only white space, or `null`).
    EmptyPayload,
    /// AUTH-1033 (HTTP 415): the body was sent with a content type other than JSON.
    UnsupportedMediaType(String),
    /// AUTH-1039: a security-question id outside the catalogue.
    UnknownQuestion(String),
    /// AUTH-1105: a wrong one-time passcode or bypass code.
    InvalidPasscode,
    /// AUTH-1106: the push notification was not answered in time; use another factor.
    PushTimedOut,
    /// AUTH-1108 (pending, HTTP 200): the push notification is not approved yet.
    PushPending,
    /// AUTH-1109 (pending, HTTP 200): the online passcode-app enrollment is not verified yet.
    EnrollmentPending,
    /// AUTH-1111: the request has no `op`.
    MissingOp,
    /// AUTH-1111: an `op` outside [`Op::ALL`] (the value as received).
    InvalidOp(String),
    /// AUTH-1111: an `authFactor` outside [`Factor::ALL`] (the value as received).
    InvalidAuthFactor(String),
    /// AUTH-1112: the injected internal error of the `500` fault.
    InjectedFault,
    /// AUTH-1115: a factor other than user name (and password) at the first step.
    FactorNotAtFirstStep(Factor),
    /// AUTH-1115: a factor the user has not enrolled.
    FactorUnavailable(Factor),
    /// AUTH-1115: a factor that cannot be enrolled in this menu.
    FactorNotEnrollable(Factor),
    /// AUTH-1116: an op the step's `nextOp` does not offer.
    OpNotOffered {
        /// The op received.
        op: Op,
        /// The step's `nextOp`.
        offered: Vec<Op>,
    },
    /// AUTH-1116: an offered op that cannot apply to the flow's current step.
    OpNotApplicable(Op),
    /// AUTH-1117: the `requestState` expired.
    RequestStateExpired,
    /// AUTH-1118: `appName` names another application.
    InvalidAppName(String),
    /// AUTH-1119: `createSession` posted to the authenticate endpoint.
    SessionElsewhere,
    /// AUTH-1120: a `requestState` never issued, tampered with, or of a completed flow.
    InvalidRequestState,
    /// AUTH-1120: the session endpoint got a `requestState` that allows no session.
    SessionNotAllowed,
    /// AUTH-1121: the request body is not JSON (the parser's message).
    InvalidJson(String),
    /// AUTH-3001: wrong user name or password.
    WrongPassword,
    /// AUTH-3002: the account is locked (by an administrator or after wrong passwords).
    AccountLocked,
    /// AUTH-3003: the account is deactivated.
    AccountDeactivated,
    /// AUTH-3004: the password has expired; a new one must be set.
    PasswordExpired,
    /// AUTH-3005: the new password equals the expired one.
    PasswordNotChanged,
    /// AUTH-3008: the session endpoint got an invalid or expired `authnToken`.
    InvalidAuthnToken,
    /// AUTH-3035: the terms of use were declined.
    TermsDeclined,
    /// AUTH-3036: no terms-of-use statement for the request's locale.
    NoTermsForLocale(String),
}

/// Names joined by commas, as messages list them.
pub(crate) fn names(list: impl IntoIterator<Item = &'static str>) -> String {
    list.into_iter().collect::<Vec<_>>().join(",")
}

/// A catalogue entry as the wire shows it.
struct Entry {
    code: &'static str,
    status: StatusCode,
    message: String,
}

fn entry(code: &'static str, status: StatusCode, message: impl Into<String>) -> Entry {
    Entry {
        code,
        status,
        message: message.into(),
    }
}

impl AuthError {
    /// The catalogue: code, HTTP status and message of every cause.
    fn entry(&self) -> Entry {
        use AuthError::*;
        const BAD_REQUEST: StatusCode = StatusCode::BAD_REQUEST;
        const UNAUTHORIZED: StatusCode = StatusCode::UNAUTHORIZED;
        const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;
        match self {
            SigningFailed => entry(
                "AUTH-1000",
                StatusCode::INTERNAL_SERVER_ERROR,
                "The simulator could not sign the authentication token.",
            ),
            MissingCredentials(keys) => entry(
                "AUTH-1001",
                UNPROCESSABLE,
                format!("The request is missing the mandatory credentials [{keys}]."),
            ),
            MissingRequestState => entry(
                "AUTH-1001",
                UNPROCESSABLE,
                "Your input request is missing the requestState attribute, which is mandatory.",
            ),
            MissingAuthFactor => entry(
                "AUTH-1001",
                UNPROCESSABLE,
                "The request is missing the authFactor attribute, which is mandatory here.",
            ),
            MissingSessionInput => entry(
                "AUTH-1001",
                BAD_REQUEST,
                "Either authnToken or requestState is required.",
            ),
            NoRecoveryPhone => entry(
                "AUTH-1003",
                BAD_REQUEST,
                "No account-recovery SMS number is enrolled in this flow.",
            ),
            PushDenied => entry(
                "AUTH-1007",
                UNAUTHORIZED,
                "The request was denied on the authenticator app.",
            ),
            FidoAssertionInvalid => entry(
                "AUTH-1007",
                UNAUTHORIZED,
                "The security key's assertion could not be verified.",
            ),
            TooManyWrongCodes => entry(
                "AUTH-1010",
                UNAUTHORIZED,
                "Too many incorrect codes for this sign-in. Start the authentication again.",
            ),
            UnknownDevice(factor) => entry(
                "AUTH-1014",
                UNAUTHORIZED,
                format!(
                    "No {} device with the given deviceId is enrolled.",
                    factor.as_str()
                ),
            ),
            RecoveryEnrollmentRequired => entry(
                "AUTH-1016",
                UNAUTHORIZED,
                "Account-recovery enrollment is required and cannot be skipped.",
            ),
            MfaEnrollmentRequired => entry(
                "AUTH-1016",
                UNAUTHORIZED,
                "Enrollment in a second factor is required and cannot be skipped.",
            ),
            AnswerTooShort(min) => entry(
                "AUTH-1021",
                BAD_REQUEST,
                format!("Answers need at least {min} characters."),
            ),
            TooFewQuestions(n) => entry(
                "AUTH-1022",
                BAD_REQUEST,
                format!("Set up {n} security questions."),
            ),
            DuplicateQuestion => entry(
                "AUTH-1024",
                BAD_REQUEST,
                "A security question was chosen twice.",
            ),
            WrongAnswer => entry(
                "AUTH-1026",
                UNAUTHORIZED,
                "At least one security answer is wrong.",
            ),
            InvalidPhoneNumber => entry("AUTH-1030", BAD_REQUEST, "The phone number is not valid."),
            PayloadNotObject => entry(
                "AUTH-1033",
                BAD_REQUEST,
                "The request payload must be a JSON object.",
            ),
            CredentialsNotObject => entry(
                "AUTH-1033",
                BAD_REQUEST,
                "The credentials attribute must be a JSON object.",
            ),
            EmptyPayload => entry(
                "AUTH-1033",
                BAD_REQUEST,
                "The request payload is empty; send a JSON object.",
            ),
            UnsupportedMediaType(sent) => entry(
                "AUTH-1033",
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("The request payload must be sent as application/json, not [{sent}]."),
            ),
            UnknownQuestion(id) => entry(
                "AUTH-1039",
                BAD_REQUEST,
                format!("The question id [{id}] is not valid."),
            ),
            InvalidPasscode => entry("AUTH-1105", UNAUTHORIZED, "Invalid passcode."),
            PushTimedOut => entry(
                "AUTH-1106",
                UNAUTHORIZED,
                "The push notification was not answered in time. Try again or use another factor.",
            ),
            PushPending => entry(
                "AUTH-1108",
                StatusCode::OK,
                "Approval of the push notification is still pending.",
            ),
            EnrollmentPending => entry(
                "AUTH-1109",
                StatusCode::OK,
                "The passcode-app enrollment still waits for verification.",
            ),
            MissingOp => entry(
                "AUTH-1111",
                UNPROCESSABLE,
                "Your input request is missing the op attribute, which is mandatory.",
            ),
            InvalidOp(shown) => invalid_value("op", shown, Op::ALL.map(Op::as_str)),
            InvalidAuthFactor(shown) => {
                invalid_value("authFactor", shown, Factor::ALL.map(Factor::as_str))
            }
            InjectedFault => entry(
                "AUTH-1112",
                StatusCode::INTERNAL_SERVER_ERROR,
                "An unexpected error occurred while processing the request (injected fault).",
            ),
            FactorNotAtFirstStep(factor) => entry(
                "AUTH-1115",
                BAD_REQUEST,
                format!(
                    "The factor [{}] is not supported at this step. Supported: [USERNAME_PASSWORD,USERNAME].",
                    factor.as_str()
                ),
            ),
            FactorUnavailable(factor) => entry(
                "AUTH-1115",
                BAD_REQUEST,
                format!(
                    "The factor [{}] is not available for this user.",
                    factor.as_str()
                ),
            ),
            FactorNotEnrollable(factor) => entry(
                "AUTH-1115",
                BAD_REQUEST,
                format!("The factor [{}] cannot be enrolled here.", factor.as_str()),
            ),
            OpNotOffered { op, offered } => entry(
                "AUTH-1116",
                UNPROCESSABLE,
                format!(
                    "The op [{op}] is not supported at this step. Supported: [{}].",
                    names(offered.iter().map(|op| op.as_str()))
                ),
            ),
            OpNotApplicable(op) => entry(
                "AUTH-1116",
                UNPROCESSABLE,
                format!("The op [{op}] is not supported at this step."),
            ),
            RequestStateExpired => entry(
                "AUTH-1117",
                UNAUTHORIZED,
                "The requestState has expired. Start the authentication again.",
            ),
            InvalidAppName(name) => entry(
                "AUTH-1118",
                BAD_REQUEST,
                format!("The application name [{name}] is not valid."),
            ),
            SessionElsewhere => entry(
                "AUTH-1119",
                UNPROCESSABLE,
                "The op [createSession] is handled by /sso/v1/sdk/secure/session; post the requestState there.",
            ),
            InvalidRequestState => entry(
                "AUTH-1120",
                UNAUTHORIZED,
                "The requestState is invalid or expired. Send the requestState of the latest response.",
            ),
            SessionNotAllowed => entry(
                "AUTH-1120",
                UNAUTHORIZED,
                "The requestState is invalid, expired, or does not allow a session yet.",
            ),
            InvalidJson(detail) => entry(
                "AUTH-1121",
                BAD_REQUEST,
                format!("The request payload is not valid JSON ({detail})."),
            ),
            WrongPassword => entry(
                "AUTH-3001",
                UNAUTHORIZED,
                "The user name or the password is incorrect.",
            ),
            AccountLocked => entry(
                "AUTH-3002",
                UNAUTHORIZED,
                "This account is locked. Try again later or ask an administrator to unlock it.",
            ),
            AccountDeactivated => entry("AUTH-3003", UNAUTHORIZED, "This account is deactivated."),
            PasswordExpired => entry(
                "AUTH-3004",
                UNAUTHORIZED,
                "The password has expired. Choose a new password.",
            ),
            PasswordNotChanged => entry(
                "AUTH-3005",
                BAD_REQUEST,
                "The new password must differ from the expired one.",
            ),
            InvalidAuthnToken => entry(
                "AUTH-3008",
                UNAUTHORIZED,
                "The authentication token is invalid or expired.",
            ),
            TermsDeclined => entry(
                "AUTH-3035",
                UNAUTHORIZED,
                "The terms of use must be accepted to use this application.",
            ),
            NoTermsForLocale(locale) => entry(
                "AUTH-3036",
                UNAUTHORIZED,
                format!("No terms-of-use statement exists for locale {locale}."),
            ),
        }
    }

    /// The HTTP status of an answer failing with this cause.
    pub(crate) fn status(&self) -> StatusCode {
        self.entry().status
    }

    /// The cause's code, e.g. `AUTH-3001`.
    pub(crate) fn code(&self) -> &'static str {
        self.entry().code
    }

    /// The code and the message: the `messages` text of [`AuthError::message_key`] with
    /// its placeholders filled in, or the catalogue's wording.
    fn worded(&self, messages: &BTreeMap<String, String>) -> (&'static str, String) {
        let Entry { code, message, .. } = self.entry();
        let Some(text) = messages.get(&self.message_key()) else {
            return (code, message);
        };
        let mut text = text.clone();
        for param in self.params() {
            text = text.replace(&format!("{{{}}}", param.name), &param.value);
        }
        (code, text)
    }

    /// The failure envelope `{status: "failed", ecId, cause: [{message, code}]}`, worded
    /// by `messages` where they have the cause.
    pub(crate) fn envelope(
        &self,
        ecid: &str,
        messages: &BTreeMap<String, String>,
    ) -> Map<String, Value> {
        let (code, message) = self.worded(messages);
        let mut body = Map::new();
        body.insert("status".into(), json!("failed"));
        body.insert("ecId".into(), json!(ecid));
        body.insert(
            "cause".into(),
            json!([{ "message": message, "code": code }]),
        );
        body
    }

    /// `{cause: [{code, message}]}`, the part a `pending` answer adds (worded by `messages`).
    pub(crate) fn pending_cause(&self, messages: &BTreeMap<String, String>) -> Map<String, Value> {
        let (code, message) = self.worded(messages);
        let mut body = Map::new();
        body.insert(
            "cause".into(),
            json!([{ "code": code, "message": message }]),
        );
        body
    }
}

/// AUTH-1111 for an attribute whose value is outside its enumeration.
fn invalid_value<const N: usize>(
    attribute: &str,
    shown: &str,
    allowed: [&'static str; N],
) -> Entry {
    entry(
        "AUTH-1111",
        StatusCode::BAD_REQUEST,
        format!(
            "Invalid value [{shown}] for attribute {attribute}. One of [{}] was expected.",
            names(allowed)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_carry_the_envelope_and_a_client_or_server_status() {
        let failures = [
            AuthError::MissingCredentials("otpCode"),
            AuthError::InvalidOp("nope".into()),
            AuthError::OpNotOffered {
                op: Op::CreateToken,
                offered: vec![Op::CredSubmit, Op::GetBackupFactors],
            },
            AuthError::InjectedFault,
        ];
        for failure in failures {
            assert!(!failure.status().is_success(), "{failure:?}");
            let body = failure.envelope("ecid", &BTreeMap::new());
            assert_eq!(body["status"], "failed");
            assert_eq!(body["ecId"], "ecid");
            assert!(
                body["cause"][0]["code"]
                    .as_str()
                    .unwrap()
                    .starts_with("AUTH-")
            );
        }
    }

    #[test]
    fn messages_name_the_values_and_the_allowed_ones() {
        let body = AuthError::InvalidOp("nope".into()).envelope("e", &BTreeMap::new());
        assert_eq!(
            body["cause"][0]["message"],
            "Invalid value [nope] for attribute op. One of [credSubmit,enrollment,\
             getBackupFactors,createToken,createSession,resendCode,acceptTOU,chooseIDP] was expected."
        );
        let body = AuthError::OpNotOffered {
            op: Op::CreateToken,
            offered: vec![Op::CredSubmit, Op::GetBackupFactors],
        }
        .envelope("e", &BTreeMap::new());
        assert_eq!(
            body["cause"][0]["message"],
            "The op [createToken] is not supported at this step. Supported: [credSubmit,getBackupFactors]."
        );
        let body = AuthError::InvalidAuthFactor("5".into()).envelope("e", &BTreeMap::new());
        let message = body["cause"][0]["message"].as_str().unwrap();
        assert!(message.contains("[USERNAME_PASSWORD,USERNAME,PASSWORD,TOTP,SMS,EMAIL,PUSH,BYPASSCODE,SECURITY_QUESTIONS,IDP,FIDO_AUTHENTICATOR]"));
    }

    #[test]
    fn pending_notices_are_answered_with_200() {
        for notice in [AuthError::PushPending, AuthError::EnrollmentPending] {
            assert_eq!(notice.status(), StatusCode::OK);
            assert!(notice.pending_cause(&BTreeMap::new())["cause"][0]["code"].is_string());
        }
    }

    #[test]
    fn messages_reword_their_cause_alone_and_fill_in_the_placeholders() {
        let messages = BTreeMap::from([
            (
                "AUTH-3036".to_string(),
                "No statement for {locale}.".to_string(),
            ),
            ("AUTH-1120:session".to_string(), "No session.".to_string()),
        ]);
        let body = AuthError::NoTermsForLocale("de".into()).envelope("e", &messages);
        assert_eq!(body["cause"][0]["message"], "No statement for de.");
        let body = AuthError::SessionNotAllowed.envelope("e", &messages);
        assert_eq!(body["cause"][0]["message"], "No session.");
        let ours = AuthError::InvalidRequestState.envelope("e", &BTreeMap::new());
        let body = AuthError::InvalidRequestState.envelope("e", &messages);
        assert_eq!(body["cause"], ours["cause"]);
    }
}
