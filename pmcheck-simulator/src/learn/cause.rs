//! Which catalogue cause a recorded `AUTH-…` cause is, told from the recorded request
//! alone, and its recorded text as a `messages` template: the values the cause's message
//! names become `{name}` placeholders, found in the recorded text.

use serde_json::Value;

use super::example::Recorded;
use crate::catalogue::AuthError;
use crate::fixture::{Factor, Fixture};
use crate::oauth_error::OAuthError;
use crate::op::Op;
use crate::wording::Param;

/// What a recorded code is to the catalogue.
#[derive(Debug)]
pub(super) enum Recognized {
    /// The catalogue's cause the simulator raises for the recorded request.
    Cause(AuthError),
    /// A code the catalogue does not have: its text is kept under the bare code.
    Unknown,
    /// A code of the catalogue whose cause (or the value it names) the recording does not
    /// show.
    Undetermined(&'static str),
}

/// The catalogue cause of `code` for the recorded request `rec` in `fixture`'s tenant.
pub(super) fn recognize(code: &str, rec: &Recorded, fixture: &Fixture) -> Recognized {
    use AuthError::*;
    use Recognized::{Cause, Undetermined};
    let body = rec.json.as_ref().and_then(Value::as_object);
    let field = |name: &str| body.and_then(|b| b.get(name));
    let text_field = |name: &str| field(name).and_then(Value::as_str);
    let factor = text_field("authFactor").and_then(Factor::parse);
    match code {
        "AUTH-1000" => Cause(SigningFailed),
        "AUTH-1001" if rec.session => Cause(MissingSessionInput),
        "AUTH-1001" if body.is_some() && field("requestState").is_none() => {
            Cause(MissingRequestState)
        }
        "AUTH-1001" => Undetermined("which mandatory attribute is missing is not shown"),
        "AUTH-1003" => Cause(NoRecoveryPhone),
        "AUTH-1014" => match factor {
            Some(f) => Cause(UnknownDevice(f)),
            None => Undetermined("the request names no authFactor"),
        },
        "AUTH-1016" => Undetermined("which enrollment is required depends on the user"),
        "AUTH-1021" => Cause(AnswerTooShort(fixture.sec_ques_settings.min_answer_length)),
        "AUTH-1022" => Cause(TooFewQuestions(
            fixture.sec_ques_settings.num_questions_to_setup,
        )),
        "AUTH-1024" => Cause(DuplicateQuestion),
        "AUTH-1026" => Cause(WrongAnswer),
        "AUTH-1030" => Cause(InvalidPhoneNumber),
        "AUTH-1033" if rec.json.as_ref().is_some_and(|v| !v.is_object()) => Cause(PayloadNotObject),
        "AUTH-1033" if field("credentials").is_some_and(|c| !c.is_object()) => {
            Cause(CredentialsNotObject)
        }
        "AUTH-1033" => Undetermined("the request body is a JSON object"),
        "AUTH-1039" => unknown_question(field("credentials"), fixture),
        "AUTH-1105" => Cause(InvalidPasscode),
        "AUTH-1108" => Cause(PushPending),
        "AUTH-1109" => Cause(EnrollmentPending),
        "AUTH-1111" => match (text_field("op"), text_field("authFactor")) {
            _ if body.is_none() => Undetermined("the request body is not a JSON object"),
            (None, _) if field("op").is_none() => Cause(MissingOp),
            (Some(op), _) if Op::parse(op).is_none() => Cause(InvalidOp(op.to_string())),
            (_, Some(f)) if Factor::parse(f).is_none() => Cause(InvalidAuthFactor(f.to_string())),
            _ => Undetermined("the request's op and authFactor are valid names"),
        },
        "AUTH-1112" => Cause(InjectedFault),
        "AUTH-1115" | "AUTH-1116" => Undetermined("the cause depends on the flow's step"),
        "AUTH-1117" => Cause(RequestStateExpired),
        "AUTH-1118" => match &rec.app_name {
            Some(name) => Cause(InvalidAppName(name.clone())),
            None => Undetermined("the request has no appName"),
        },
        "AUTH-1119" => Cause(SessionElsewhere),
        "AUTH-1120" if rec.session => Cause(SessionNotAllowed),
        "AUTH-1120" => Cause(InvalidRequestState),
        "AUTH-1121" => match rec.raw.as_deref().map(serde_json::from_str::<Value>) {
            Some(Err(e)) => Cause(InvalidJson(e.to_string())),
            _ => Undetermined("the recorded request body is JSON"),
        },
        "AUTH-3001" => Cause(WrongPassword),
        "AUTH-3008" => Cause(InvalidAuthnToken),
        "AUTH-3035" => Cause(TermsDeclined),
        "AUTH-3036" => Cause(NoTermsForLocale(rec.locale())),
        _ => Recognized::Unknown,
    }
}

/// The `messages` key of the token endpoint's `error` for the recorded request: the
/// catalogue's key, the bare `error` for one the catalogue does not have, or why the
/// recording does not tell which cause it is.
pub(super) fn oauth_key(error: &str, rec: &Recorded) -> Result<String, &'static str> {
    let field = |name: &str| rec.form.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let known = match error {
        "invalid_client" => OAuthError::InvalidClient,
        "invalid_request" if field("grant_type").is_none() => OAuthError::MissingGrantType,
        "invalid_request" if field("assertion").is_none() => OAuthError::MissingAssertion,
        "invalid_request" => return Err("the request has grant_type and assertion"),
        "invalid_grant" => OAuthError::InvalidGrant,
        "unsupported_grant_type" => OAuthError::UnsupportedGrantType,
        "server_error" => OAuthError::SigningFailed,
        other => return Ok(other.to_string()),
    };
    Ok(known.message_key().to_string())
}

/// AUTH-1039 names the one submitted question id the tenant's catalogue lacks.
fn unknown_question(credentials: Option<&Value>, fixture: &Fixture) -> Recognized {
    let ids: Vec<&str> = credentials
        .and_then(|c| c.get("questions"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|q| q.get("questionId").and_then(Value::as_str))
        .filter(|id| !fixture.questions.iter().any(|q| q.id == *id))
        .collect();
    match ids.as_slice() {
        [id] => Recognized::Cause(AuthError::UnknownQuestion((*id).to_string())),
        _ => Recognized::Undetermined("the unknown question id is not one value"),
    }
}

/// `text` with each parameter's value replaced by its `{name}` placeholder; a value the
/// request decides must be found (as a whole word), else the text cannot serve other
/// values and the error says which value is missing.
pub(super) fn template(text: &str, params: &[Param]) -> Result<String, String> {
    let mut out = text.to_string();
    for param in params {
        let found = !param.value.is_empty()
            && word_at(&out, &param.value).is_some_and(|at| {
                out.replace_range(at..at + param.value.len(), &format!("{{{}}}", param.name));
                true
            });
        if !found && param.per_request {
            return Err(format!(
                "the recorded text does not show the {} ({:?})",
                param.name, param.value
            ));
        }
    }
    Ok(out)
}

/// Where `word` first occurs in `text` with no letter or digit right before or after it.
fn word_at(text: &str, word: &str) -> Option<usize> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        !is_word(text[..at].chars().next_back()) && !is_word(text[at + word.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(name: &'static str, value: &str, per_request: bool) -> Param {
        Param {
            name,
            value: value.into(),
            per_request,
        }
    }

    #[test]
    fn values_become_placeholders_only_as_whole_words() {
        let p = [param("locale", "en", true)];
        assert_eq!(
            template("Statement for en is not entered.", &p).unwrap(),
            "Statement for {locale} is not entered."
        );
        let err = template("Statement for fr is not added.", &p).unwrap_err();
        assert!(err.contains("locale"), "{err}");
    }

    #[test]
    fn a_tenant_value_may_be_absent() {
        let p = [param("min", "6", false)];
        assert_eq!(template("Too short.", &p).unwrap(), "Too short.");
        assert_eq!(template("At least 6.", &p).unwrap(), "At least {min}.");
    }
}
