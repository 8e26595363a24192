//! How a fixture's `messages` reword the catalogue's causes: the key of each cause (its
//! code, or code and variant for a code the catalogue uses for several causes) and the
//! values its message names, which a `messages` text holds as `{name}` placeholders.

use crate::catalogue::{AuthError, names};
use crate::fixture::Factor;
use crate::op::Op;

/// A value a cause's message names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Param {
    /// Its `{name}` placeholder in a `messages` text.
    pub name: &'static str,
    /// The value.
    pub value: String,
    /// The value depends on the request (a received value, a locale); otherwise it is the
    /// tenant's (a policy number, an enumeration).
    pub per_request: bool,
}

impl AuthError {
    /// The variant's name in the `messages` key of a code the catalogue uses for several
    /// causes (every cause is listed: a new one decides here whether its code is shared).
    fn variant(&self) -> Option<&'static str> {
        use AuthError::*;
        Some(match self {
            MissingCredentials(_) => "credentials",
            MissingRequestState => "requestState",
            MissingAuthFactor => "authFactor",
            MissingSessionInput | SessionNotAllowed => "session",
            RecoveryEnrollmentRequired => "recovery",
            MfaEnrollmentRequired => "mfa",
            PayloadNotObject => "payload",
            CredentialsNotObject => "credentials",
            MissingOp => "missingOp",
            InvalidOp(_) => "op",
            InvalidAuthFactor(_) => "authFactor",
            FactorNotAtFirstStep(_) => "firstStep",
            FactorUnavailable(_) => "unavailable",
            FactorNotEnrollable(_) => "notEnrollable",
            OpNotOffered { .. } => "notOffered",
            OpNotApplicable(_) => "notApplicable",
            InvalidRequestState => "requestState",
            PushDenied => "push",
            FidoAssertionInvalid => "fido",
            EmptyPayload => "empty",
            UnsupportedMediaType(_) => "mediaType",
            TooManyWrongCodes | PushTimedOut | AccountLocked | AccountDeactivated
            | PasswordExpired | PasswordNotChanged | SigningFailed | NoRecoveryPhone
            | UnknownDevice(_) | AnswerTooShort(_) | TooFewQuestions(_) | DuplicateQuestion
            | WrongAnswer | InvalidPhoneNumber | UnknownQuestion(_) | InvalidPasscode
            | PushPending | EnrollmentPending | InjectedFault | RequestStateExpired
            | InvalidAppName(_) | SessionElsewhere | InvalidJson(_) | WrongPassword
            | InvalidAuthnToken | TermsDeclined | NoTermsForLocale(_) => {
                return None;
            }
        })
    }

    /// The `messages` key rewording this cause: its code (`AUTH-3001`), or code and
    /// variant (`AUTH-1120:session`) for a code the catalogue uses for several causes.
    pub(crate) fn message_key(&self) -> String {
        let code = self.code();
        match self.variant() {
            Some(variant) => format!("{code}:{variant}"),
            None => code.to_string(),
        }
    }

    /// The values the message names, each standing for a `{name}` placeholder of a
    /// `messages` text (every cause is listed: a new one names its values here).
    pub(crate) fn params(&self) -> Vec<Param> {
        use AuthError::*;
        let request = |name, value: &str| Param {
            name,
            value: value.to_string(),
            per_request: true,
        };
        let tenant = |name, value: String| Param {
            name,
            value,
            per_request: false,
        };
        match self {
            MissingCredentials(keys) => vec![request("credentials", keys)],
            UnknownDevice(factor)
            | FactorNotAtFirstStep(factor)
            | FactorUnavailable(factor)
            | FactorNotEnrollable(factor) => vec![request("factor", factor.as_str())],
            AnswerTooShort(min) => vec![tenant("min", min.to_string())],
            TooFewQuestions(n) => vec![tenant("count", n.to_string())],
            UnknownQuestion(id) => vec![request("questionId", id)],
            InvalidOp(shown) => vec![
                request("value", shown),
                tenant("allowed", names(Op::ALL.map(Op::as_str))),
            ],
            InvalidAuthFactor(shown) => vec![
                request("value", shown),
                tenant("allowed", names(Factor::ALL.map(Factor::as_str))),
            ],
            OpNotOffered { op, offered } => vec![
                request("op", op.as_str()),
                request("offered", &names(offered.iter().map(|op| op.as_str()))),
            ],
            OpNotApplicable(op) => vec![request("op", op.as_str())],
            InvalidAppName(name) => vec![request("appName", name)],
            InvalidJson(detail) => vec![request("detail", detail)],
            NoTermsForLocale(locale) => vec![request("locale", locale)],
            UnsupportedMediaType(sent) => vec![request("contentType", sent)],
            PushDenied
            | FidoAssertionInvalid
            | TooManyWrongCodes
            | EmptyPayload
            | PushTimedOut
            | AccountLocked
            | AccountDeactivated
            | PasswordExpired
            | PasswordNotChanged
            | SigningFailed
            | MissingRequestState
            | MissingAuthFactor
            | MissingSessionInput
            | NoRecoveryPhone
            | RecoveryEnrollmentRequired
            | MfaEnrollmentRequired
            | DuplicateQuestion
            | WrongAnswer
            | InvalidPhoneNumber
            | PayloadNotObject
            | CredentialsNotObject
            | InvalidPasscode
            | PushPending
            | EnrollmentPending
            | MissingOp
            | InjectedFault
            | RequestStateExpired
            | SessionElsewhere
            | InvalidRequestState
            | SessionNotAllowed
            | WrongPassword
            | InvalidAuthnToken
            | TermsDeclined => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// One of each cause.
    fn every_cause() -> Vec<AuthError> {
        use AuthError::*;
        vec![
            PushDenied,
            FidoAssertionInvalid,
            TooManyWrongCodes,
            EmptyPayload,
            UnsupportedMediaType("text/plain".into()),
            PushTimedOut,
            AccountLocked,
            AccountDeactivated,
            PasswordExpired,
            PasswordNotChanged,
            SigningFailed,
            MissingCredentials("otpCode"),
            MissingRequestState,
            MissingAuthFactor,
            MissingSessionInput,
            NoRecoveryPhone,
            UnknownDevice(Factor::Sms),
            RecoveryEnrollmentRequired,
            MfaEnrollmentRequired,
            AnswerTooShort(6),
            TooFewQuestions(3),
            DuplicateQuestion,
            WrongAnswer,
            InvalidPhoneNumber,
            PayloadNotObject,
            CredentialsNotObject,
            UnknownQuestion("Q".into()),
            InvalidPasscode,
            PushPending,
            EnrollmentPending,
            MissingOp,
            InvalidOp("x".into()),
            InvalidAuthFactor("x".into()),
            InjectedFault,
            FactorNotAtFirstStep(Factor::Totp),
            FactorUnavailable(Factor::Totp),
            FactorNotEnrollable(Factor::Totp),
            OpNotOffered {
                op: Op::CreateToken,
                offered: vec![Op::CredSubmit],
            },
            OpNotApplicable(Op::ResendCode),
            RequestStateExpired,
            InvalidAppName("A".into()),
            SessionElsewhere,
            InvalidRequestState,
            SessionNotAllowed,
            InvalidJson("eof".into()),
            WrongPassword,
            InvalidAuthnToken,
            TermsDeclined,
            NoTermsForLocale("fr".into()),
        ]
    }

    #[test]
    fn each_cause_has_its_own_message_key_naming_the_variant_of_a_shared_code() {
        let causes = every_cause();
        let mut keys = std::collections::BTreeSet::new();
        for cause in &causes {
            let key = cause.message_key();
            assert!(keys.insert(key.clone()), "{key} names two causes");
            let code = cause.code();
            let shared = causes.iter().filter(|c| c.code() == code).count() > 1;
            assert_eq!(key.contains(':'), shared, "{key}");
        }
    }

    #[test]
    fn our_messages_show_every_parameter_value() {
        for cause in every_cause() {
            let message = cause.envelope("e", &BTreeMap::new())["cause"][0]["message"].to_string();
            for param in cause.params() {
                assert!(message.contains(&param.value), "{cause:?}: {message}");
            }
        }
    }
}
