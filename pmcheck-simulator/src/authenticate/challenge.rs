//! Second-factor challenges: the challenge of each factor (OTP codes, push, security
//! questions), the backup factors (`getBackupFactors`) and the factor submissions that
//! finish the flow (including bypass codes and trusted devices).

use serde_json::{Map, Value, json};

use super::Machine;
use super::approval::Approval;
use super::outcome::{Outcome, advance, fail, missing, pending, success};
use super::request::{Credentials, Submission};
use crate::catalogue::AuthError;
use crate::fixture::{Device, Factor, User};
use crate::op::Op;
use crate::state::{Phase, Step};

impl Machine<'_> {
    fn trust_settings(&self) -> Value {
        json!({"trustDurationInDays": self.fixture.trust_duration_days})
    }

    /// The first `numQuestionsToAns` security questions of `user`, with their hints.
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

    /// The challenge of `factor` (on `device`, or the user's first device for it). A
    /// challenge the client `chose` (naming the factor after the backup list) names no
    /// `nextAuthFactors`, as recorded.
    pub(super) fn challenge(
        &self,
        step: &Step,
        user: &User,
        factor: Factor,
        device: Option<&Device>,
        chosen: bool,
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
        if !chosen {
            offer.insert("nextAuthFactors".into(), json!([factor.as_str()]));
        }
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
            Factor::FidoAuthenticator => {
                offer.insert(factor.as_str().into(), self.fido_offer(user));
                success(advance(
                    step,
                    phase,
                    offer,
                    vec![Op::CredSubmit, Op::GetBackupFactors],
                ))
            }
            Factor::Push => pending(
                advance(
                    step,
                    phase,
                    offer,
                    vec![Op::CredSubmit, Op::GetBackupFactors],
                ),
                AuthError::PushPending,
            ),
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

    /// `credSubmit` at a challenge: a poll of a pending push, the answer to the challenge,
    /// or (with another `authFactor`) a switch to that factor.
    pub(super) fn answer_challenge(
        &self,
        step: &Step,
        user: &User,
        current: Factor,
        device_id: Option<&str>,
        polls: u32,
        submission: &Submission<'_>,
    ) -> Outcome {
        let creds = submission.creds;
        let trusted = submission.trusted_device;
        let chosen = submission.factor.unwrap_or(current);
        if chosen != current {
            return self.submit_factor(step, user, chosen, creds, trusted);
        }
        if chosen == Factor::Push {
            let polls = polls + 1;
            match self.approval(step, user, polls) {
                Approval::Approved => return self.done_with(user, Factor::Push, trusted),
                Approval::Denied => return fail(AuthError::PushDenied, step),
                Approval::TimedOut => return fail(AuthError::PushTimedOut, step),
                Approval::Pending => {}
            }
            let mut next = step.clone();
            next.phase = Phase::Challenge {
                factor: Factor::Push,
                device_id: device_id.map(str::to_string),
                polls,
            };
            return pending(next, AuthError::PushPending);
        }
        // A code for the challenged device need not name it.
        match device_id {
            Some(id) if !creds.has("deviceId") && creds.has("otpCode") => {
                let with_device = creds.with_device(id);
                self.submit_factor(step, user, chosen, Credentials::of(&with_device), trusted)
            }
            _ => self.submit_factor(step, user, chosen, creds, trusted),
        }
    }

    /// `getBackupFactors`: every factor of the user with its devices. The preferred factor
    /// marks its first device (security questions: the factor) `preferred: true`; every
    /// other factor lists `preferred` among its credentials (it may become the default).
    pub(super) fn backup_factors(&self, step: &Step, user: &User) -> Outcome {
        let mut offer = Map::new();
        let mut names = Vec::new();
        for factor in [
            Factor::Push,
            Factor::Totp,
            Factor::Sms,
            Factor::Email,
            Factor::FidoAuthenticator,
        ] {
            let is_preferred = user.preferred == Some(factor);
            let devices: Vec<Value> = user
                .devices_for(factor)
                .enumerate()
                .map(|(i, d)| {
                    let mut v = json!({"deviceId": d.device_id, "displayName": d.display_name});
                    if i == 0 && is_preferred {
                        v["preferred"] = json!(true);
                    }
                    v
                })
                .collect();
            if devices.is_empty() {
                continue;
            }
            let mut creds = Vec::new();
            if factor == Factor::Totp {
                creds.push("otpCode");
            }
            if !is_preferred {
                creds.push("preferred");
            }
            creds.push("deviceId");
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
            let questions = self.asked_questions(user);
            let entry = if user.preferred == Some(Factor::SecurityQuestions) {
                json!({"credentials": ["questionId", "answer"], "questions": questions, "preferred": true})
            } else {
                json!({"credentials": ["questionId", "answer", "preferred"], "questions": questions})
            };
            offer.insert("SECURITY_QUESTIONS".into(), entry);
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

    /// A submission for `factor`: verifies its code or answers (finishing the flow), or
    /// starts its challenge when only the device is named.
    pub(super) fn submit_factor(
        &self,
        step: &Step,
        user: &User,
        factor: Factor,
        creds: Credentials<'_>,
        trusted: bool,
    ) -> Outcome {
        let device = match creds.str("deviceId") {
            Some(id) => match user.devices_for(factor).find(|d| d.device_id == id) {
                Some(d) => Some(d),
                None => return fail(AuthError::UnknownDevice(factor), step),
            },
            None => user.devices_for(factor).next(),
        };
        match factor {
            Factor::Totp | Factor::Sms | Factor::Email if device.is_some() => {
                match creds.str("otpCode") {
                    Some(code) => match self.code_factor(user, factor, code) {
                        Some(used) => self.done_with(user, used, trusted),
                        None => fail(AuthError::InvalidPasscode, step),
                    },
                    None if factor == Factor::Totp => missing(step, "otpCode"),
                    None => self.challenge(step, user, factor, device, true),
                }
            }
            Factor::Push if device.is_some() => self.challenge(step, user, factor, device, true),
            Factor::FidoAuthenticator if device.is_some() => {
                if creds.has("signature") {
                    self.fido_verify(step, user, creds, trusted)
                } else {
                    self.challenge(step, user, factor, device, true)
                }
            }
            Factor::Bypasscode if !user.bypass_codes.is_empty() => match creds.str("bypassCode") {
                None => missing(step, "bypassCode"),
                Some(code) if user.bypass_codes.iter().any(|c| c == code) => {
                    self.done_with(user, Factor::Bypasscode, trusted)
                }
                Some(_) => fail(AuthError::InvalidPasscode, step),
            },
            Factor::SecurityQuestions if !user.security_answers.is_empty() => {
                let Some(list) = creds.questions() else {
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
                    self.done_with(user, Factor::SecurityQuestions, trusted)
                } else {
                    fail(AuthError::WrongAnswer, step)
                }
            }
            other => fail(AuthError::FactorUnavailable(other), step),
        }
    }
}
