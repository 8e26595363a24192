//! Sign-in: username-first flows, the challenge of each preferred factor, resent codes,
//! trusted devices, backup factors and bypass codes.

use super::*;

#[tokio::test]
async fn username_first_flow() {
    let api = Api::new().await;
    let token = api.client_token().await;
    let start = api.start(&token).await;
    let (u, p) = api.user("NO_MFA");
    let r = api
        .post(
            &token,
            json!({"op": "credSubmit", "credentials": {"username": u}, "requestState": rs(&start)}),
        )
        .await;
    assert_success(&r);
    assert_eq!(r.body["nextAuthFactors"], json!(["PASSWORD"]));
    let ok = api
        .post(
            &token,
            json!({"op": "credSubmit", "credentials": {"password": p}, "requestState": rs(&r)}),
        )
        .await;
    assert_token(&ok);
}

#[tokio::test]
async fn sms_challenge_resend_wrong_otp_and_trusted_device() {
    let api = Api::new().await;
    let (token, r) = api.login("SMS").await;
    assert_success(&r);
    assert_eq!(r.body["nextAuthFactors"], json!(["SMS"]));
    assert_eq!(
        r.body["nextOp"],
        json!(["credSubmit", "getBackupFactors", "resendCode"])
    );
    assert_eq!(r.body["trustedDeviceSettings"]["trustDurationInDays"], 15);
    let r = api
        .post(&token, json!({"op": "resendCode", "requestState": rs(&r)}))
        .await;
    assert_success(&r);
    assert_eq!(r.body["SMS"]["credentials"], json!(["otpCode"]));
    let bad = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": "000000"}, "requestState": rs(&r)}))
        .await;
    assert_failed(&bad, 401, "AUTH-1105");
    assert_eq!(bad.body["nextAuthFactors"], json!(["SMS"]));
    let code = api.sim.fixture().otp_codes.sms.clone();
    let ok = api
        .post(
            &token,
            json!({"op": "credSubmit", "credentials": {"otpCode": code}, "trustedDevice": true,
            "trustedDeviceDisplayName": "Test browser", "requestState": rs(&bad)}),
        )
        .await;
    assert_token(&ok);
    assert!(ok.body["trustToken"].as_str().unwrap().len() > 100);
}

#[tokio::test]
async fn challenges_for_each_preferred_factor() {
    let api = Api::new().await;
    let f = api.sim.fixture().clone();
    for (state, code) in [
        ("TOTP", f.otp_codes.totp.clone()),
        ("EMAIL", f.otp_codes.email.clone()),
    ] {
        let (token, r) = api.login(state).await;
        assert_success(&r);
        assert_eq!(r.body["nextAuthFactors"], json!([state]));
        let ok = api
            .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": code}, "requestState": rs(&r)}))
            .await;
        assert_eq!(jwt_sub(&assert_token(&ok)), api.user(state).0);
    }
    // Security questions: wrong then right answer.
    let (token, r) = api.login("SECURITY_QUESTIONS").await;
    assert_success(&r);
    let q = r.body["SECURITY_QUESTIONS"]["questions"][0]["questionId"]
        .as_str()
        .unwrap()
        .to_string();
    let bad = api
        .post(&token, json!({"op": "credSubmit", "authFactor": "SECURITY_QUESTIONS",
            "credentials": {"questions": [{"questionId": q, "answer": "wrong answer"}]}, "requestState": rs(&r)}))
        .await;
    assert_failed(&bad, 401, "AUTH-1026");
    let ok = api
        .post(&token, json!({"op": "credSubmit", "authFactor": "SECURITY_QUESTIONS",
            "credentials": {"questions": [{"questionId": q, "answer": "Mexican"}]}, "requestState": rs(&bad)}))
        .await;
    assert_token(&ok);
    // Push: pending, then approved on the first poll (the built-in `approval_poll`).
    let (token, r) = api.login("PUSH").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["status"], "pending");
    assert_eq!(r.body["cause"][0]["code"], "AUTH-1108");
    let poll = api
        .post(&token, json!({"op": "credSubmit", "requestState": rs(&r)}))
        .await;
    assert_token(&poll);
}

#[tokio::test]
async fn backup_factors_and_bypass_code() {
    let api = Api::new().await;
    let (token, r) = api.login("SMS").await;
    let b = api.backup_factors(&token, &r).await;
    assert_success(&b);
    let names = b.body["nextAuthFactors"].as_array().unwrap();
    assert!(names.contains(&json!("BYPASSCODE")));
    assert!(b.body["EMAIL"]["enrolledDevices"][0]["deviceId"].is_string());
    let device = b.body["EMAIL"]["enrolledDevices"][0]["deviceId"]
        .as_str()
        .unwrap()
        .to_string();
    let wrong_device = api
        .post(&token, json!({"op": "credSubmit", "authFactor": "EMAIL", "credentials": {"deviceId": "00"}, "requestState": rs(&b)}))
        .await;
    assert_failed(&wrong_device, 401, "AUTH-1014");
    let sent = api
        .post(&token, json!({"op": "credSubmit", "authFactor": "EMAIL", "credentials": {"deviceId": device}, "requestState": rs(&b)}))
        .await;
    assert_success(&sent);
    assert_eq!(sent.body["EMAIL"]["credentials"], json!(["otpCode"]));
    let bad_bypass = api
        .post(&token, json!({"op": "credSubmit", "authFactor": "BYPASSCODE", "credentials": {"bypassCode": "1"}, "requestState": rs(&b)}))
        .await;
    assert_failed(&bad_bypass, 401, "AUTH-1105");
    let ok = api
        .post(&token, json!({"op": "credSubmit", "authFactor": "BYPASSCODE", "credentials": {"bypassCode": "717656357022"}, "requestState": rs(&bad_bypass)}))
        .await;
    assert_token(&ok);
}
