//! Enrollment, for MFA and for account recovery: the menu of factors, enrolling each
//! factor (SMS and e-mail codes, offline TOTP, the authenticator app's online TOTP and
//! push, security questions), its verification or polls, and `createToken`.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::approval::Approval;
use super::first_factor::needs_mfa_enrollment;
use super::outcome::{Outcome, advance, fail, missing, obj, pending, success};
use super::request::Credentials;
use super::{Machine, done};
use crate::catalogue::AuthError;
use crate::fixture::{Device, Factor, MfaPolicy, User};
use crate::op::Op;
use crate::state::{Phase, Step, random_base64};

/// The MFA menu's order once a factor is enrolled in the flow (as recorded).
const MFA_FACTORS_AFTER_ENROLLMENT: [Factor; 5] = [
    Factor::Push,
    Factor::Totp,
    Factor::SecurityQuestions,
    Factor::Sms,
    Factor::Email,
];
/// The QR code image: a 1×1 PNG (nothing scans it).
const PNG_1X1: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/// The ops after an enrollment, or whenever enrollment may be skipped.
fn finish_ops() -> Vec<Op> {
    vec![Op::CreateToken, Op::CreateSession, Op::Enrollment]
}

impl Machine<'_> {
    /// Whether the flow may finish without (further) enrollment.
    fn can_skip(&self, step: &Step, user: &User) -> bool {
        if step.acc_rec_mode {
            !step.acc_rec.is_empty()
        } else {
            user.mfa != MfaPolicy::Required || !needs_mfa_enrollment(step, user)
        }
    }

    /// `mfaSettings` while nothing is enrolled for MFA in this flow (an account-recovery
    /// phone reused for MFA does not count); later answers omit it, as recorded.
    pub(super) fn mfa_settings(&self, step: &Step, user: &User) -> Option<Value> {
        let fresh = !step.acc_rec_mode
            && !step.questions_enrolled
            && step.enrolled.iter().all(|d| is_overlap(step, d));
        fresh.then(|| json!({"enrollmentRequired": !self.can_skip(step, user)}))
    }

    /// `mfaSettings` of an enrollment's start: as [`Machine::mfa_settings`] while the
    /// enrollment may be skipped; a required one's start omits it (as recorded for SMS and
    /// EMAIL).
    fn start_settings(&self, step: &Step, user: &User) -> Option<Value> {
        self.mfa_settings(step, user)
            .filter(|_| self.can_skip(step, user))
    }

    /// The enrollment menu: the fixture's menu factors not enrolled in this flow yet.
    pub(super) fn enroll_menu(&self, step: &Step, user: &User) -> Step {
        let ops = if self.can_skip(step, user) {
            finish_ops()
        } else {
            vec![Op::Enrollment]
        };
        if step.acc_rec_mode {
            let remaining: Vec<Factor> = (self.fixture.recovery_factors.iter().copied())
                .filter(|f| !step.acc_rec.iter().any(|(g, _)| g == f))
                .collect();
            let mut offer = obj(json!({
                "nextAuthFactors": remaining.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
            }));
            // Only the first menu says that a factor must be enrolled.
            if step.acc_rec.is_empty() {
                offer.insert("accRecEnrollmentRequired".into(), json!(true));
            }
            if remaining.contains(&Factor::Sms) {
                offer.insert(
                    "SMS".into(),
                    json!({"credentials": ["phoneNumber", "countryCode"]}),
                );
            }
            if remaining.contains(&Factor::Email) {
                offer.insert(
                    "EMAIL".into(),
                    json!({
                        "userAllowedToSetRecoveryEmail": "true",
                        "primaryEmailVerified": "true",
                        "primaryEmail": user.email,
                        "credentials": ["recoveryEmail"]
                    }),
                );
            }
            // Account recovery always lists createToken; it is refused until a factor is enrolled.
            return advance(step, Phase::Enroll, offer, finish_ops());
        }
        let menu = &self.fixture.enrollment_factors;
        let order: Vec<Factor> = if step.enrolled.is_empty() && !step.questions_enrolled {
            menu.clone()
        } else {
            (MFA_FACTORS_AFTER_ENROLLMENT.into_iter())
                .filter(|f| menu.contains(f))
                .collect()
        };
        let remaining: Vec<&str> = order
            .iter()
            .filter(|f| {
                let done = step
                    .enrolled
                    .iter()
                    .any(|d| d.factor == **f && !is_overlap(step, d))
                    || (**f == Factor::SecurityQuestions && step.questions_enrolled)
                    // After account recovery the verified primary e-mail is a factor already.
                    || (**f == Factor::Email && !step.acc_rec.is_empty());
                !done
            })
            .map(|f| f.as_str())
            .collect();
        // Menus after account recovery ask for the country code too (as recorded).
        let sms_creds = if step.acc_rec.is_empty() {
            json!(["phoneNumber"])
        } else {
            json!(["phoneNumber", "countryCode"])
        };
        let mut offer = obj(json!({
            "nextAuthFactors": remaining,
            "TOTP": {"credentials": ["offlineTotp"]},
            "SMS": {"credentials": sms_creds},
        }));
        if let Some(settings) = self.mfa_settings(step, user) {
            offer.insert("mfaSettings".into(), settings);
        }
        advance(step, Phase::Enroll, offer, ops)
    }

    /// `enrollment`: the menu without `authFactor`, else the enrollment of that factor.
    pub(super) fn enrollment(
        &self,
        step: &Step,
        user: &User,
        factor: Option<Factor>,
        creds: Credentials<'_>,
    ) -> Outcome {
        let Some(factor) = factor else {
            return success(self.enroll_menu(step, user));
        };
        let allowed = if step.acc_rec_mode {
            self.fixture.recovery_factors.contains(&factor)
        } else {
            self.fixture.enrollment_factors.contains(&factor)
        };
        if !allowed {
            return fail(AuthError::FactorNotEnrollable(factor), step);
        }
        let salt = step.enrolled.len() + step.acc_rec.len();
        let device_id = derived_device_id(&user.username, factor, salt);
        let mut ops = vec![Op::CredSubmit];
        if self.can_skip(step, user) {
            ops.extend([Op::CreateToken, Op::CreateSession]);
        }
        match factor {
            Factor::Sms => {
                if creds.bool("accountRecoveryFactor") == Some(true) && !step.acc_rec_mode {
                    let Some((_, Some(device))) =
                        step.acc_rec.iter().find(|(f, _)| *f == Factor::Sms)
                    else {
                        return fail(AuthError::NoRecoveryPhone, step);
                    };
                    let mut next = step.clone();
                    next.enrolled.push(device.clone());
                    return success(self.after_enrollment(&next, None));
                }
                let Some(number) = creds.str("phoneNumber") else {
                    return missing(step, "phoneNumber");
                };
                if number.len() < 6 || !number.bytes().all(|b| b.is_ascii_digit()) {
                    return fail(AuthError::InvalidPhoneNumber, step);
                }
                let device = Device {
                    device_id,
                    factor,
                    display_name: mask_phone(number, creds.str("countryCode")),
                };
                ops.extend([Op::ResendCode, Op::Enrollment]);
                success(self.enroll_otp_step(step, user, device, None, ops))
            }
            Factor::Email => {
                let address = creds.str("recoveryEmail").unwrap_or(&user.email);
                let device = Device {
                    device_id,
                    factor,
                    display_name: address.to_string(),
                };
                ops.extend([Op::ResendCode, Op::Enrollment]);
                success(self.enroll_otp_step(step, user, device, None, ops))
            }
            Factor::Totp | Factor::Push => {
                let offline = factor == Factor::Totp && creds.bool("offlineTotp") == Some(true);
                let device = Device {
                    device_id,
                    factor,
                    display_name: format!("{}'s Phone", user.given_name),
                };
                let qr = self.qr_code(user, &device, offline);
                ops.push(Op::Enrollment);
                if offline {
                    success(self.enroll_otp_step(step, user, device, Some(qr), ops))
                } else {
                    // The push app answers the request itself: no code to submit; an app
                    // that registers for push too is answered the same way.
                    let (key, factor_obj) = if factor == Factor::Push || user.app_enrolls_push {
                        (Factor::Push, json!({"qrCode": qr}))
                    } else {
                        (factor, json!({"credentials": ["otpCode"], "qrCode": qr}))
                    };
                    let mut offer = obj(json!({
                        "displayName": device.display_name,
                        key.as_str(): factor_obj,
                    }));
                    if let Some(settings) = self.start_settings(step, user) {
                        offer.insert("mfaSettings".into(), settings);
                    }
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
                let mut offer = obj(json!({
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
                if let Some(settings) = self.start_settings(step, user) {
                    offer.insert("mfaSettings".into(), settings);
                }
                ops.push(Op::Enrollment);
                success(advance(step, Phase::EnrollQuestions, offer, ops))
            }
            _ => fail(AuthError::FactorNotEnrollable(factor), step),
        }
    }

    /// The `qrCode` of a TOTP or PUSH enrollment: an `otpauth://` URI for an offline TOTP
    /// app, else an `oraclemobileauthenticator://` one for the online app.
    fn qr_code(&self, user: &User, device: &Device, offline: bool) -> Value {
        let device_id = &device.device_id;
        let secret = base32(&Sha256::digest(device_id.as_bytes())[..10]);
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
            let service = if device.factor == Factor::Push {
                "PUSH"
            } else {
                "TOTP"
            };
            format!(
                "oraclemobileauthenticator://totp/{common}&LoginURL={login}&ServiceType={service}"
            )
        };
        json!({"content": content, "imageType": "image/png", "imageData": PNG_1X1})
    }

    /// The step waiting for the OTP code of `device`.
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
        let mut offer = obj(json!({ device.factor.as_str(): factor_obj }));
        // A required e-mail enrollment does not repeat the address (as recorded).
        if device.factor != Factor::Email || self.can_skip(step, user) {
            offer.insert("displayName".into(), json!(device.display_name));
        }
        if let Some(settings) = self.start_settings(step, user) {
            offer.insert("mfaSettings".into(), settings);
        }
        advance(step, Phase::EnrollOtp { device }, offer, ops)
    }

    /// `credSubmit {otpCode}` for a device being enrolled.
    pub(super) fn enroll_otp(
        &self,
        step: &Step,
        device: &Device,
        creds: Credentials<'_>,
    ) -> Outcome {
        let Some(code) = creds.str("otpCode") else {
            return missing(step, "otpCode");
        };
        if self.otp_ok(device.factor, code) {
            self.enrolled(step, device.clone())
        } else {
            fail(AuthError::InvalidPasscode, step)
        }
    }

    /// `credSubmit` while the online app enrolls `device`: a poll (answered as
    /// [`Machine::approval`] says), or a TOTP code that completes it at once.
    pub(super) fn enroll_poll(
        &self,
        step: &Step,
        user: &User,
        device: &Device,
        polls: u32,
        creds: Credentials<'_>,
    ) -> Outcome {
        if let Some(code) = creds.str("otpCode") {
            return if self.otp_ok(Factor::Totp, code) {
                self.enrolled(step, device.clone())
            } else {
                fail(AuthError::InvalidPasscode, step)
            };
        }
        let polls = polls + 1;
        match self.approval(step, user, polls) {
            Approval::Approved => {
                let mut approved = self.enrolled_step(step, device.clone());
                if user.app_enrolls_push && device.factor == Factor::Totp {
                    approved.enrolled.push(Device {
                        factor: Factor::Push,
                        ..device.clone()
                    });
                    let required = !self.can_skip(&approved, user);
                    approved.offer.insert(
                        "mfaSettings".into(),
                        json!({"enrollmentRequired": required}),
                    );
                }
                approved.approved_by_poll = true;
                return success(approved);
            }
            Approval::Denied => return fail(AuthError::PushDenied, step),
            Approval::TimedOut => return fail(AuthError::PushTimedOut, step),
            Approval::Pending => {}
        }
        let notice = if device.factor == Factor::Push {
            AuthError::PushPending
        } else {
            AuthError::EnrollmentPending
        };
        let mut next = step.clone();
        next.phase = Phase::EnrollPoll {
            device: device.clone(),
            polls,
        };
        pending(next, notice)
    }

    /// `credSubmit {questions: [{questionId, answer, hint}]}` enrolling security questions.
    pub(super) fn enroll_questions(&self, step: &Step, creds: Credentials<'_>) -> Outcome {
        let Some(list) = creds.questions() else {
            return missing(step, "questions");
        };
        let s = &self.fixture.sec_ques_settings;
        if list.len() < s.num_questions_to_setup as usize {
            return fail(AuthError::TooFewQuestions(s.num_questions_to_setup), step);
        }
        let mut seen = Vec::new();
        for q in list {
            let id = q
                .get("questionId")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let answer = q.get("answer").and_then(Value::as_str);
            if !self.fixture.questions.iter().any(|c| c.id == id) {
                return fail(AuthError::UnknownQuestion(id.to_string()), step);
            }
            if seen.contains(&id) {
                return fail(AuthError::DuplicateQuestion, step);
            }
            seen.push(id);
            match answer {
                None => return missing(step, "answer"),
                Some(a) if a.chars().count() < s.min_answer_length as usize => {
                    return fail(AuthError::AnswerTooShort(s.min_answer_length), step);
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

    /// `device` is enrolled in this flow.
    fn enrolled(&self, step: &Step, device: Device) -> Outcome {
        success(self.enrolled_step(step, device))
    }

    /// The step after `device` is enrolled.
    fn enrolled_step(&self, step: &Step, device: Device) -> Step {
        let mut next = step.clone();
        if step.acc_rec_mode {
            next.acc_rec.push((device.factor, Some(device.clone())));
        } else {
            next.enrolled.push(device.clone());
        }
        self.after_enrollment(&next, Some(&device))
    }

    fn after_enrollment(&self, step: &Step, device: Option<&Device>) -> Step {
        let mut offer = Map::new();
        if let Some(d) = device {
            offer.insert("displayName".into(), json!(d.display_name));
        }
        if step.acc_rec_mode {
            offer.insert("accRecEnrollmentRequired".into(), json!(false));
        }
        advance(step, Phase::Enroll, offer, finish_ops())
    }

    /// `createToken`: finishes the flow unless enrollment is still required; after
    /// account recovery, a user who also needs MFA gets the MFA enrollment instead.
    pub(super) fn create_token(&self, step: &Step, user: &User) -> Outcome {
        if step.acc_rec_mode && step.acc_rec.is_empty() {
            return fail(AuthError::RecoveryEnrollmentRequired, step);
        }
        if !step.acc_rec_mode && !self.can_skip(step, user) {
            return fail(AuthError::MfaEnrollmentRequired, step);
        }
        if step.acc_rec_mode && user.mfa == MfaPolicy::Required && needs_mfa_enrollment(step, user)
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
            // The verified primary e-mail address recovers the account too.
            if !list.contains(&Factor::Email.as_str()) {
                list.push(Factor::Email.as_str());
                details.insert(
                    Factor::Email.as_str().into(),
                    json!({"credentials": ["accountRecoveryFactor"], "enrolledDevices": [{"displayName": user.email}]}),
                );
            }
            details.insert("enrolledAccRecFactorsList".into(), json!(list));
            let offer = obj(json!({
                "nextAuthFactors": ["TOTP", "SECURITY_QUESTIONS", "SMS", "EMAIL", "PUSH"],
                "EnrolledAccountRecoveryFactorsDetails": details,
                "mfaSettings": {"enrollmentRequired": true},
            }));
            return success(advance(&next, Phase::Enroll, offer, vec![Op::Enrollment]));
        }
        done(user, false)
    }
}

/// Whether `device` is an account-recovery phone of this flow reused for MFA.
fn is_overlap(step: &Step, device: &Device) -> bool {
    step.acc_rec
        .iter()
        .any(|(_, d)| d.as_ref().is_some_and(|d| d.device_id == device.device_id))
}

/// A stable device id for the `salt`-th enrollment of `factor` by `username`.
fn derived_device_id(username: &str, factor: Factor, salt: usize) -> String {
    let digest = Sha256::digest(format!("{username}/{}/{salt}", factor.as_str()).as_bytes());
    hex::encode(&digest[..16])
}

/// The `displayName` of a phone number (at least six ASCII digits): the last three digits
/// shown, behind the country code or the first three digits.
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

/// RFC 4648 base32 without padding (TOTP secrets).
fn base32(bytes: &[u8]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(base32(input.as_bytes()), expected, "{input}");
        }
    }

    #[test]
    fn phone_numbers_are_masked() {
        assert_eq!(mask_phone("15551234555", None), "155XXXXX555");
        assert_eq!(mask_phone("5551234", Some("+1")), "+1XXXX234");
    }
}
