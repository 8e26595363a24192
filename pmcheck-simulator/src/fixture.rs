//! The tenant fixture: client, sign-in app, users, devices, codes and fault rules.
//!
//! The built-in fixture is deterministic; [`Fixture::load`] reads the same schema from JSON.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::errors::SimulatorError;
use super::faults::FaultSpec;
use super::token::SigningKey;

/// An authentication factor name as the API spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Factor {
    /// User name and password together.
    UsernamePassword,
    /// User name alone (username-first flows).
    Username,
    /// Password alone (second step of a username-first flow).
    Password,
    /// Time-based one-time passcode from an authenticator app.
    Totp,
    /// One-time passcode sent by text message.
    Sms,
    /// One-time passcode sent by e-mail.
    Email,
    /// Push notification approved in an authenticator app.
    Push,
    /// Single-use bypass code.
    Bypasscode,
    /// Security questions.
    SecurityQuestions,
    /// External identity provider.
    Idp,
}

impl Factor {
    /// Every factor name accepted in `authFactor`.
    pub const ALL: [Factor; 10] = [
        Factor::UsernamePassword,
        Factor::Username,
        Factor::Password,
        Factor::Totp,
        Factor::Sms,
        Factor::Email,
        Factor::Push,
        Factor::Bypasscode,
        Factor::SecurityQuestions,
        Factor::Idp,
    ];

    /// The API spelling, e.g. `SECURITY_QUESTIONS`.
    pub fn as_str(self) -> &'static str {
        match self {
            Factor::UsernamePassword => "USERNAME_PASSWORD",
            Factor::Username => "USERNAME",
            Factor::Password => "PASSWORD",
            Factor::Totp => "TOTP",
            Factor::Sms => "SMS",
            Factor::Email => "EMAIL",
            Factor::Push => "PUSH",
            Factor::Bypasscode => "BYPASSCODE",
            Factor::SecurityQuestions => "SECURITY_QUESTIONS",
            Factor::Idp => "IDP",
        }
    }

    /// Parses the API spelling.
    pub fn parse(name: &str) -> Option<Factor> {
        Factor::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// Whether the factor is a device factor delivering or checking an OTP code.
    pub fn is_otp(self) -> bool {
        matches!(self, Factor::Totp | Factor::Sms | Factor::Email)
    }
}

/// The multi-factor policy that applies to a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MfaPolicy {
    /// No second factor.
    Off,
    /// Second factor offered; enrollment may be skipped.
    Optional,
    /// Second factor mandatory; enrollment cannot be skipped.
    Required,
}

/// An enrolled device (or phone number / e-mail address) of a user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Device {
    /// 32 lowercase hex digits.
    pub device_id: String,
    /// `TOTP`, `SMS`, `EMAIL` or `PUSH`.
    pub factor: Factor,
    /// The label the API shows (masked phone number, e-mail, device name).
    pub display_name: String,
}

/// A security question of the tenant's catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The id used in `questionId`.
    pub id: String,
    /// The question text.
    pub text: String,
}

/// A user's answer to one security question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The question id.
    pub question_id: String,
    /// The accepted answer (compared case-insensitively, surrounding spaces ignored).
    pub answer: String,
    /// The hint shown with the challenge.
    pub hint: String,
}

/// A user of the simulated tenant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    /// Upper-case label naming the user's state; `environment()` exports `USER_<STATE>`.
    pub state: String,
    /// Login name.
    pub username: String,
    /// Password.
    pub password: String,
    /// SCIM id (32 hex digits).
    pub id: String,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Primary e-mail address.
    pub email: String,
    /// Multi-factor policy.
    pub mfa: MfaPolicy,
    /// The default (preferred) second factor, if enrolled.
    #[serde(default)]
    pub preferred: Option<Factor>,
    /// Enrolled devices.
    #[serde(default)]
    pub devices: Vec<Device>,
    /// Enrolled security-question answers.
    #[serde(default)]
    pub security_answers: Vec<Answer>,
    /// Valid bypass codes.
    #[serde(default)]
    pub bypass_codes: Vec<String>,
    /// Terms of use must be accepted at sign-in.
    #[serde(default)]
    pub terms_of_use_pending: bool,
    /// Account-recovery enrollment is required at sign-in.
    #[serde(default)]
    pub account_recovery_required: bool,
}

impl User {
    /// Devices enrolled for `factor`.
    pub fn devices_for(&self, factor: Factor) -> impl Iterator<Item = &Device> {
        self.devices.iter().filter(move |d| d.factor == factor)
    }

    /// Whether the user has any second factor enrolled.
    pub fn has_mfa_enrolled(&self) -> bool {
        !self.devices.is_empty() || !self.security_answers.is_empty()
    }
}

/// The fixed OTP code accepted for each OTP factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtpCodes {
    /// Code accepted for TOTP.
    pub totp: String,
    /// Code accepted for SMS.
    pub sms: String,
    /// Code accepted for EMAIL.
    pub email: String,
}

/// Security-question policy (emitted as strings, as the service records them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecQuesSettings {
    /// Questions to set up at enrollment.
    pub num_questions_to_setup: u32,
    /// Minimum answer length.
    pub min_answer_length: u32,
    /// Questions asked at a challenge.
    pub num_questions_to_ans: u32,
    /// Maximum answer / hint length.
    pub max_field_length: u32,
}

/// A fault applied to every request matching `path` (and `op`, when given).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// Exact request path, e.g. `/sso/v1/sdk/authenticate`.
    pub path: String,
    /// The JSON body's `op` the rule is limited to.
    #[serde(default)]
    pub op: Option<String>,
    /// Limits the rule's `drop=FIELD` items to answers with this status.
    #[serde(default)]
    pub status: Option<u16>,
    /// Fault list in the `X-Pmcheck-Fault` syntax, e.g. `delay=200,500`.
    pub fault: String,
}

/// The simulated tenant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// Tenant name (the `tenant` claim, the TOTP issuer).
    pub tenant: String,
    /// OAuth client id of the sign-in application.
    pub client_id: String,
    /// OAuth client secret.
    pub client_secret: String,
    /// The sign-in application's name (`appName`).
    pub app_name: String,
    /// PKCS#8 PEM RSA private key (`-----BEGIN PRIVATE KEY-----`) signing every JWT the
    /// simulator issues (RS256); `None` (absent) selects the published development key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_key: Option<String>,
    /// Username of the default user exported as `username`/`password`.
    pub default_user: String,
    /// Fixed OTP code per factor.
    pub otp_codes: OtpCodes,
    /// Further OTP codes accepted for every OTP factor (e.g. literals of a collection).
    #[serde(default)]
    pub accepted_otp_codes: Vec<String>,
    /// `trustedDeviceSettings.trustDurationInDays`.
    pub trust_duration_days: u32,
    /// The n-th poll after a push / online-TOTP request is approved; earlier polls are pending.
    pub approval_poll: u32,
    /// Lifetime of `authnToken`, in seconds.
    pub authn_token_ttl_secs: u64,
    /// Security-question policy.
    pub sec_ques_settings: SecQuesSettings,
    /// Security-question catalogue.
    pub questions: Vec<Question>,
    /// Terms-of-use statement per locale (primary language subtag).
    pub terms_of_use: BTreeMap<String, String>,
    /// Redirect target of `/sso/v1/sdk/secure/session`.
    pub session_redirect: String,
    /// Users.
    pub users: Vec<User>,
    /// Fault rules applied without a request header.
    #[serde(default)]
    pub faults: Vec<FaultRule>,
}

/// OTP codes, bypass code and answers hard-coded in the bodies of the reference
/// collection, accepted so it replays unedited.
const COLLECTION_OTP_CODES: [&str; 18] = [
    "660928", "290850", "091804", "404948", "659136", "496856", "815940", "416245", "411119",
    "837752", "336975", "376061", "331466", "108685", "452916", "974311", "695785", "611324",
];
const COLLECTION_BYPASS_CODE: &str = "717656357022";

fn device(id: &str, factor: Factor, name: &str) -> Device {
    Device {
        device_id: id.to_string(),
        factor,
        display_name: name.to_string(),
    }
}

fn answer(question_id: &str, answer: &str, hint: &str) -> Answer {
    Answer {
        question_id: question_id.to_string(),
        answer: answer.to_string(),
        hint: hint.to_string(),
    }
}

struct UserSpec<'a> {
    state: &'a str,
    username: &'a str,
    given: &'a str,
    family: &'a str,
    mfa: MfaPolicy,
    preferred: Option<Factor>,
    devices: Vec<Device>,
    answers: Vec<Answer>,
}

fn user(n: u8, spec: UserSpec<'_>) -> User {
    let has_bypass = !spec.devices.is_empty() || !spec.answers.is_empty();
    User {
        state: spec.state.to_string(),
        username: spec.username.to_string(),
        password: format!("Sim-{}-Pass1", spec.given),
        id: format!("{n:02x}{}", "5e1f0000000000000000000000000000")[..32].to_string(),
        given_name: spec.given.to_string(),
        family_name: spec.family.to_string(),
        email: format!("{}@example.com", spec.username),
        mfa: spec.mfa,
        preferred: spec.preferred,
        devices: spec.devices,
        security_answers: spec.answers,
        bypass_codes: if has_bypass {
            vec![
                COLLECTION_BYPASS_CODE.to_string(),
                "100200300400".to_string(),
            ]
        } else {
            Vec::new()
        },
        terms_of_use_pending: false,
        account_recovery_required: false,
    }
}

impl Fixture {
    /// The deterministic built-in tenant (documented in `docs/simulator.md`).
    pub fn builtin() -> Fixture {
        use Factor::*;
        let full_devices = |prefix: &str| {
            vec![
                device("430dcf8c72244ad98e2db0e9e12f2f38", Sms, "155XXXXX555"),
                device(
                    "1b28303ed6bc4d68aea2499175c2b38e",
                    Email,
                    &format!("{prefix}XXXXX@example.com"),
                ),
                device("784b08bccbfc4ad6bb898109548afbc6", Totp, "Sim Phone"),
                device("1c853ca561364cf6902979ae8d492c11", Push, "Sim iPhone"),
            ]
        };
        let backup_answers = vec![
            answer("FirstPet", "dogTessy", "dog and name"),
            answer("DreamJob", "Novelist", "writer"),
        ];
        let specs = vec![
            UserSpec {
                state: "NO_MFA",
                username: "alice.nomfa",
                given: "Alice",
                family: "Plain",
                mfa: MfaPolicy::Off,
                preferred: None,
                devices: vec![],
                answers: vec![],
            },
            UserSpec {
                state: "ENROLL",
                username: "erin.enroll",
                given: "Erin",
                family: "Optional",
                mfa: MfaPolicy::Optional,
                preferred: None,
                devices: vec![],
                answers: vec![],
            },
            UserSpec {
                state: "ENROLL_REQUIRED",
                username: "rory.required",
                given: "Rory",
                family: "Required",
                mfa: MfaPolicy::Required,
                preferred: None,
                devices: vec![],
                answers: vec![],
            },
            UserSpec {
                state: "TOTP",
                username: "tara.totp",
                given: "Tara",
                family: "Totp",
                mfa: MfaPolicy::Required,
                preferred: Some(Totp),
                devices: vec![device(
                    "6212c45ff1be400aa11f90d6dbcd8a4f",
                    Totp,
                    "Tara's Phone",
                )],
                answers: vec![],
            },
            UserSpec {
                state: "SMS",
                username: "sam.sms",
                given: "Sam",
                family: "Sms",
                mfa: MfaPolicy::Required,
                preferred: Some(Sms),
                devices: full_devices("samXX"),
                answers: backup_answers.clone(),
            },
            UserSpec {
                state: "EMAIL",
                username: "emma.email",
                given: "Emma",
                family: "Email",
                mfa: MfaPolicy::Required,
                preferred: Some(Email),
                devices: full_devices("emmaX"),
                answers: backup_answers.clone(),
            },
            UserSpec {
                state: "PUSH",
                username: "pia.push",
                given: "Pia",
                family: "Push",
                mfa: MfaPolicy::Required,
                preferred: Some(Push),
                devices: vec![
                    device("57555b4bf9eb46d6bbd48e4f5df93403", Push, "Pia's iPhone"),
                    device("22f38324e67f4e2bb8e9e24583924a31", Totp, "Pia's iPhone"),
                ],
                answers: vec![],
            },
            UserSpec {
                state: "SECURITY_QUESTIONS",
                username: "quinn.questions",
                given: "Quinn",
                family: "Questions",
                mfa: MfaPolicy::Required,
                preferred: Some(SecurityQuestions),
                devices: vec![device(
                    "3ed9b2ed366441fb91c9277abd694348",
                    Sms,
                    "155XXXXX555",
                )],
                answers: vec![
                    answer("FavoriteFood", "Mexican", "Cinco"),
                    answer("FirstPet", "dogTessy", "dog and name"),
                    answer("FavoriteMovie", "When Harry Met Sally", "Meg Ryan"),
                ],
            },
            UserSpec {
                state: "TERMS_OF_USE",
                username: "toby.terms",
                given: "Toby",
                family: "Terms",
                mfa: MfaPolicy::Off,
                preferred: None,
                devices: vec![],
                answers: vec![],
            },
            UserSpec {
                state: "ACCOUNT_RECOVERY",
                username: "rita.recovery",
                given: "Rita",
                family: "Recovery",
                mfa: MfaPolicy::Off,
                preferred: None,
                devices: vec![],
                answers: vec![],
            },
            UserSpec {
                state: "ACCOUNT_RECOVERY_MFA",
                username: "max.recovery",
                given: "Max",
                family: "Recovery",
                mfa: MfaPolicy::Required,
                preferred: None,
                devices: vec![],
                answers: vec![],
            },
        ];
        let mut users: Vec<User> = specs
            .into_iter()
            .enumerate()
            .map(|(i, s)| user(i as u8 + 1, s))
            .collect();
        for u in &mut users {
            u.terms_of_use_pending = u.state == "TERMS_OF_USE";
            u.account_recovery_required = u.state.starts_with("ACCOUNT_RECOVERY");
        }
        let questions = [
            (
                "FavoriteMovie",
                "Which film could you watch again and again?",
            ),
            ("FavoriteTeam", "Which sports team do you support?"),
            ("DreamJob", "What job did you dream of as a child?"),
            ("FavoriteFood", "Which cuisine do you like best?"),
            ("FirstPet", "What was the name of your first pet?"),
            ("FavoriteBook", "Which book would you take to an island?"),
            ("BirthCity", "In which city were you born?"),
            ("FirstCar", "What was the make of your first car?"),
        ]
        .into_iter()
        .map(|(id, text)| Question {
            id: id.to_string(),
            text: text.to_string(),
        })
        .collect();
        let mut terms_of_use = BTreeMap::new();
        terms_of_use.insert(
            "en".to_string(),
            "Simulated tenant terms: this account is for automated testing only.".to_string(),
        );
        Fixture {
            tenant: "pmchecksim".to_string(),
            client_id: "pmcheck-sim-client".to_string(),
            client_secret: "pmcheck-sim-secret-0001".to_string(),
            app_name: "PmcheckSignIn".to_string(),
            signing_key: None,
            default_user: "alice.nomfa".to_string(),
            otp_codes: OtpCodes {
                totp: "123456".to_string(),
                sms: "234567".to_string(),
                email: "345678".to_string(),
            },
            accepted_otp_codes: COLLECTION_OTP_CODES.iter().map(|c| c.to_string()).collect(),
            trust_duration_days: 15,
            approval_poll: 2,
            authn_token_ttl_secs: 120,
            sec_ques_settings: SecQuesSettings {
                num_questions_to_setup: 3,
                min_answer_length: 6,
                num_questions_to_ans: 1,
                max_field_length: 100,
            },
            questions,
            terms_of_use,
            session_redirect: "https://app.example.com/callback".to_string(),
            users,
            faults: Vec::new(),
        }
    }

    /// Reads a fixture from a JSON file; errors name the file, line:column and what was expected.
    pub fn load(path: &Path) -> Result<Fixture, SimulatorError> {
        let text = std::fs::read_to_string(path).map_err(|source| SimulatorError::FixtureRead {
            path: path.to_path_buf(),
            source,
        })?;
        let mut de = serde_json::Deserializer::from_str(&text);
        let fixture: Fixture = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let inner = e.inner();
            SimulatorError::FixtureParse {
                path: path.to_path_buf(),
                line: inner.line(),
                column: inner.column(),
                message: format!("at `{}`: {inner}", e.path()),
            }
        })?;
        fixture
            .validate()
            .map_err(|message| SimulatorError::FixtureInvalid {
                path: path.to_path_buf(),
                message,
            })?;
        Ok(fixture)
    }

    /// Checks cross-references (default user, preferred factors, fault syntax) and that
    /// `signing_key`, if given, is a usable RSA key.
    pub fn validate(&self) -> Result<(), String> {
        self.check_references()?;
        SigningKey::from_fixture(self).map(drop)
    }

    /// [`Fixture::validate`] without parsing the signing key.
    pub(crate) fn check_references(&self) -> Result<(), String> {
        if self.user(&self.default_user).is_none() {
            return Err(format!(
                "default_user `{}` is not one of the users",
                self.default_user
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for u in &self.users {
            if !seen.insert(u.username.as_str()) {
                return Err(format!("user `{}` is listed twice", u.username));
            }
            match u.preferred {
                Some(Factor::SecurityQuestions) if u.security_answers.is_empty() => {
                    return Err(format!(
                        "user `{}` prefers SECURITY_QUESTIONS but has no answers",
                        u.username
                    ));
                }
                Some(f @ (Factor::Totp | Factor::Sms | Factor::Email | Factor::Push))
                    if u.devices_for(f).next().is_none() =>
                {
                    return Err(format!(
                        "user `{}` prefers {} but has no such device",
                        u.username,
                        f.as_str()
                    ));
                }
                Some(Factor::SecurityQuestions)
                | Some(Factor::Totp | Factor::Sms | Factor::Email | Factor::Push)
                | None => {}
                Some(other) => {
                    return Err(format!(
                        "user `{}`: {} cannot be a preferred factor",
                        u.username,
                        other.as_str()
                    ));
                }
            }
            if let Some(d) = u.devices.iter().find(|d| {
                !matches!(
                    d.factor,
                    Factor::Totp | Factor::Sms | Factor::Email | Factor::Push
                )
            }) {
                return Err(format!(
                    "user `{}`: device `{}` has factor {}, expected TOTP, SMS, EMAIL or PUSH",
                    u.username,
                    d.device_id,
                    d.factor.as_str()
                ));
            }
        }
        if self.approval_poll == 0 {
            return Err("approval_poll must be at least 1".to_string());
        }
        for rule in &self.faults {
            FaultSpec::parse(&rule.fault)
                .map_err(|e| format!("fault rule for `{}`: {e}", rule.path))?;
        }
        Ok(())
    }

    /// The user named `username`.
    pub fn user(&self, username: &str) -> Option<&User> {
        self.users.iter().find(|u| u.username == username)
    }

    /// A Postman environment export (JSON) with everything a collection needs to run
    /// against a simulator listening at `base_url`.
    pub fn environment(&self, base_url: &str) -> Value {
        let mut values: Vec<Value> = Vec::new();
        let mut push = |key: &str, value: &str, secret: bool| {
            values.push(json!({
                "key": key,
                "value": value,
                "type": if secret { "secret" } else { "default" },
                "enabled": true
            }));
        };
        let default = self.user(&self.default_user);
        let (user, pass) = default
            .map(|u| (u.username.as_str(), u.password.as_str()))
            .unwrap_or(("", ""));
        push("HOST", base_url, false);
        push("tenant_url", base_url, false);
        push("CLIENT_ID", &self.client_id, false);
        push("CLIENT_SECRET", &self.client_secret, true);
        push("client_id", &self.client_id, false);
        push("client_secret", &self.client_secret, true);
        push("app_name", &self.app_name, false);
        push("appName", &self.app_name, false);
        push("username", user, false);
        push("password", pass, true);
        push("userName", user, false);
        push("USER_LOGIN", user, false);
        push("USER_PW", pass, true);
        for u in &self.users {
            push(&format!("USER_{}", u.state), &u.username, false);
            push(&format!("USER_{}_PASSWORD", u.state), &u.password, true);
        }
        push("OTP_TOTP", &self.otp_codes.totp, true);
        push("OTP_SMS", &self.otp_codes.sms, true);
        push("OTP_EMAIL", &self.otp_codes.email, true);
        let bypass = self
            .users
            .iter()
            .find_map(|u| u.bypass_codes.first())
            .map(String::as_str)
            .unwrap_or("");
        push("BYPASS_CODE", bypass, true);
        let mut answers: BTreeMap<&str, &str> = BTreeMap::new();
        for u in &self.users {
            for a in &u.security_answers {
                answers
                    .entry(a.question_id.as_str())
                    .or_insert(a.answer.as_str());
            }
        }
        for (question, answer) in answers {
            push(&format!("ANSWER_{question}"), answer, true);
        }
        for key in [
            "access_token",
            "token",
            "user_access_token",
            "requestState",
            "authnToken",
            "deviceId",
            "questionId1",
            "questionId2",
            "questionId3",
            "userGUID",
        ] {
            push(key, "", false);
        }
        json!({
            "name": format!("pmcheck simulator ({})", self.tenant),
            "values": values,
            "_postman_variable_scope": "environment"
        })
    }
}
