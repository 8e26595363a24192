//! Enrollment of every factor, terms of use and account recovery.

use super::*;

#[tokio::test]
async fn enrollment_flows() {
    let api = Api::new().await;
    let f = api.sim.fixture().clone();
    // Optional enrollment: skip with createToken.
    let (token, r) = api.login("ENROLL").await;
    assert_success(&r);
    assert_eq!(
        r.body["nextOp"],
        json!(["createToken", "createSession", "enrollment"])
    );
    assert_eq!(r.body["mfaSettings"]["enrollmentRequired"], false);
    let skip = api
        .post(&token, json!({"op": "createToken", "requestState": rs(&r)}))
        .await;
    assert_token(&skip);
    // Required: offline TOTP, SMS, EMAIL, security questions.
    let (token, r) = api.login("ENROLL_REQUIRED").await;
    assert_eq!(r.body["nextOp"], json!(["enrollment"]));
    let totp = api
        .post(&token, json!({"op": "enrollment", "authFactor": "TOTP", "credentials": {"offlineTotp": true}, "requestState": rs(&r)}))
        .await;
    assert_success(&totp);
    assert!(
        totp.body["TOTP"]["qrCode"]["content"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/")
    );
    let done = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": f.otp_codes.totp}, "requestState": rs(&totp)}))
        .await;
    assert_success(&done);
    assert_eq!(
        done.body["nextOp"],
        json!(["createToken", "createSession", "enrollment"])
    );
    let sms = api
        .post(&token, json!({"op": "enrollment", "authFactor": "SMS", "credentials": {"phoneNumber": "15555555555"}, "requestState": rs(&done)}))
        .await;
    assert_success(&sms);
    assert_eq!(sms.body["displayName"], "155XXXXX555");
    let resend = api
        .post(
            &token,
            json!({"op": "resendCode", "requestState": rs(&sms)}),
        )
        .await;
    assert_eq!(resend.body["nextAuthFactors"], json!(["SMS"]));
    let sms_done = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": f.otp_codes.sms}, "requestState": rs(&resend)}))
        .await;
    assert_success(&sms_done);
    let missing_phone = api
        .post(&token, json!({"op": "enrollment", "authFactor": "SMS", "credentials": {}, "requestState": rs(&sms_done)}))
        .await;
    assert_failed(&missing_phone, 422, "AUTH-1001");
    let sq = api
        .post(&token, json!({"op": "enrollment", "authFactor": "SECURITY_QUESTIONS", "requestState": rs(&sms_done)}))
        .await;
    assert_success(&sq);
    assert_eq!(
        sq.body["SECURITY_QUESTIONS"]["secQuesSettings"]["numQuestionsToSetup"],
        "3"
    );
    let ids: Vec<String> = sq.body["SECURITY_QUESTIONS"]["questions"]
        .as_array()
        .unwrap()[..3]
        .iter()
        .map(|q| q["questionId"].as_str().unwrap().to_string())
        .collect();
    let answers: Vec<Value> = ids
        .iter()
        .map(|id| json!({"questionId": id, "answer": "long enough", "hint": "h"}))
        .collect();
    let sq_done = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"questions": answers}, "requestState": rs(&sq)}))
        .await;
    assert_success(&sq_done);
    let email = api
        .post(
            &token,
            json!({"op": "enrollment", "authFactor": "EMAIL", "requestState": rs(&sq_done)}),
        )
        .await;
    assert_success(&email);
    let email_done = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": f.otp_codes.email}, "requestState": rs(&email)}))
        .await;
    assert_token(
        &api.post(
            &token,
            json!({"op": "createToken", "requestState": rs(&email_done)}),
        )
        .await,
    );

    // Online TOTP and PUSH: the app approves at the first poll; a later poll (one that
    // crossed the approval) gets the approval's answer again.
    for factor in ["TOTP", "PUSH"] {
        let (token, r) = api.login("ENROLL").await;
        let e = api
            .post(
                &token,
                json!({"op": "enrollment", "authFactor": factor, "requestState": rs(&r)}),
            )
            .await;
        assert_success(&e);
        assert!(
            e.body[factor]["qrCode"]["content"]
                .as_str()
                .unwrap()
                .starts_with("oraclemobileauthenticator://")
        );
        // Push is answered in the app: no code to submit.
        assert_eq!(
            e.body[factor].get("credentials").is_some(),
            factor == "TOTP",
            "{}",
            e.body
        );
        let ok = api
            .post(&token, json!({"op": "credSubmit", "requestState": rs(&e)}))
            .await;
        assert_success(&ok);
        assert_eq!(
            ok.body["nextOp"],
            json!(["createToken", "createSession", "enrollment"])
        );
        assert!(ok.body["displayName"].is_string());
        let late = api
            .post(&token, json!({"op": "credSubmit", "requestState": rs(&ok)}))
            .await;
        assert_success(&late);
        assert_eq!(late.body["nextOp"], ok.body["nextOp"]);
        assert_eq!(late.body["displayName"], ok.body["displayName"]);
        assert_token(
            &api.post(
                &token,
                json!({"op": "createToken", "requestState": rs(&late)}),
            )
            .await,
        );
    }
}

/// With `approval_poll` 2 the first poll of an online enrollment is pending.
#[tokio::test]
async fn online_enrollment_pending_until_the_approval_poll() {
    let mut fixture = Fixture::builtin().unwrap();
    fixture.approval_poll = 2;
    let api = Api::with(SimulatorConfig::new(fixture)).await;
    for (factor, code) in [("TOTP", "AUTH-1109"), ("PUSH", "AUTH-1108")] {
        let (token, r) = api.login("ENROLL").await;
        let e = api
            .post(
                &token,
                json!({"op": "enrollment", "authFactor": factor, "requestState": rs(&r)}),
            )
            .await;
        let p = api
            .post(&token, json!({"op": "credSubmit", "requestState": rs(&e)}))
            .await;
        assert_eq!(p.body["status"], "pending");
        assert_eq!(p.body["cause"][0]["code"], code);
        // As recorded: no QR code again; the push's pending answer names the device.
        assert!(p.body.get(factor).is_none(), "{}", p.body);
        assert_eq!(
            p.body.get("displayName").is_some(),
            factor == "PUSH",
            "{}",
            p.body
        );
        assert_eq!(p.body["mfaSettings"], json!({"enrollmentRequired": false}));
        let ok = api
            .post(&token, json!({"op": "credSubmit", "requestState": rs(&p)}))
            .await;
        assert_success(&ok);
        assert_token(
            &api.post(
                &token,
                json!({"op": "createToken", "requestState": rs(&ok)}),
            )
            .await,
        );
    }
}

#[tokio::test]
async fn terms_of_use_and_account_recovery() {
    let api = Api::new().await;
    let (token, r) = api.login("TERMS_OF_USE").await;
    assert_success(&r);
    assert_eq!(r.body["nextOp"], json!(["acceptTOU"]));
    assert_eq!(r.body["TOU"]["credentials"], json!(["consent"]));
    let refused = api
        .post(
            &token,
            json!({"op": "acceptTOU", "credentials": {"consent": false}, "requestState": rs(&r)}),
        )
        .await;
    assert_failed(&refused, 401, "AUTH-3035");
    let ok = api
        .post(
            &token,
            json!({"op": "acceptTOU", "credentials": {"consent": true}, "requestState": rs(&r)}),
        )
        .await;
    assert_token(&ok);

    let (token, r) = api.login("ACCOUNT_RECOVERY_MFA").await;
    assert_success(&r);
    assert_eq!(r.body["accRecEnrollmentRequired"], true);
    let early = api
        .post(&token, json!({"op": "createToken", "requestState": rs(&r)}))
        .await;
    assert_failed(&early, 401, "AUTH-1016");
    let sms = api
        .post(&token, json!({"op": "enrollment", "authFactor": "SMS", "credentials": {"phoneNumber": "1122334455", "countryCode": "+44"}, "requestState": rs(&r)}))
        .await;
    assert_success(&sms);
    let done = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": "974311"}, "requestState": rs(&sms)}))
        .await;
    assert_success(&done);
    assert_eq!(done.body["accRecEnrollmentRequired"], false);
    let mfa = api
        .post(
            &token,
            json!({"op": "createToken", "requestState": rs(&done)}),
        )
        .await;
    assert_success(&mfa);
    assert_eq!(mfa.body["nextOp"], json!(["enrollment"]));
    assert!(mfa.body["EnrolledAccountRecoveryFactorsDetails"]["SMS"]["enrolledDevices"].is_array());
    let reuse = api
        .post(&token, json!({"op": "enrollment", "authFactor": "SMS", "credentials": {"accountRecoveryFactor": true}, "requestState": rs(&mfa)}))
        .await;
    assert_success(&reuse);
    assert_token(
        &api.post(
            &token,
            json!({"op": "createToken", "requestState": rs(&reuse)}),
        )
        .await,
    );
}

/// A user whose authenticator app registers for push too: the online TOTP enrollment is
/// answered under `PUSH`, and its approval carries `mfaSettings`.
#[tokio::test]
async fn an_app_that_registers_for_push_too() {
    let mut fixture = Fixture::builtin().unwrap();
    for user in &mut fixture.users {
        if user.state == "ENROLL" {
            user.app_enrolls_push = true;
        }
    }
    let api = Api::with(SimulatorConfig::new(fixture)).await;
    let (token, r) = api.login("ENROLL").await;
    let e = api
        .post(
            &token,
            json!({"op": "enrollment", "authFactor": "TOTP", "requestState": rs(&r)}),
        )
        .await;
    assert_success(&e);
    assert!(e.body.get("TOTP").is_none(), "{}", e.body);
    assert!(
        e.body["PUSH"]["qrCode"]["content"].is_string(),
        "{}",
        e.body
    );
    assert!(e.body["PUSH"].get("credentials").is_none(), "{}", e.body);
    let ok = api
        .post(&token, json!({"op": "credSubmit", "requestState": rs(&e)}))
        .await;
    assert_success(&ok);
    assert_eq!(ok.body["mfaSettings"], json!({"enrollmentRequired": false}));
    // Both TOTP and PUSH are enrolled now: the menu offers neither.
    let more = api
        .post(&token, json!({"op": "enrollment", "requestState": rs(&ok)}))
        .await;
    let menu = more.body["nextAuthFactors"].as_array().unwrap();
    assert!(
        !menu.contains(&json!("TOTP")) && !menu.contains(&json!("PUSH")),
        "{}",
        more.body
    );
}

/// A required enrollment's start omits `mfaSettings` (and an e-mail one the address);
/// its resend carries `mfaSettings`, as recorded.
#[tokio::test]
async fn a_required_enrollment_start_and_its_resend() {
    let api = Api::new().await;
    let (token, menu) = api.login("ENROLL_REQUIRED").await;
    assert_eq!(
        menu.body["mfaSettings"],
        json!({"enrollmentRequired": true})
    );
    let email = api
        .post(
            &token,
            json!({"op": "enrollment", "authFactor": "EMAIL", "requestState": rs(&menu)}),
        )
        .await;
    assert_success(&email);
    assert_eq!(
        email.body["nextOp"],
        json!(["credSubmit", "resendCode", "enrollment"])
    );
    assert!(email.body.get("mfaSettings").is_none(), "{}", email.body);
    assert!(email.body.get("displayName").is_none(), "{}", email.body);
    let resent = api
        .post(
            &token,
            json!({"op": "resendCode", "requestState": rs(&email)}),
        )
        .await;
    assert_success(&resent);
    assert_eq!(
        resent.body["mfaSettings"],
        json!({"enrollmentRequired": true})
    );
    assert_eq!(resent.body["nextAuthFactors"], json!(["EMAIL"]));
    let sms = api
        .post(
            &token,
            json!({"op": "enrollment", "authFactor": "SMS", "credentials": {"phoneNumber": "15555555555"}, "requestState": rs(&menu)}),
        )
        .await;
    assert_success(&sms);
    assert!(sms.body.get("mfaSettings").is_none(), "{}", sms.body);
    assert!(sms.body["displayName"].is_string(), "{}", sms.body);
}
