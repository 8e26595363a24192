//! Answers shaped as the tenant's recorded ones: identity providers at the start, where
//! `preferred` sits in the backup list, what a resend and a chosen challenge leave out,
//! `mfaSettings` and the menu order around enrollments, account-recovery details.

use super::*;

/// An application of `password_only_apps` offers no identity provider; nor does a tenant
/// without providers.
#[tokio::test]
async fn identity_providers_per_application() {
    let api = Api::new().await;
    let token = api.client_token().await;
    let app = &api.sim.fixture().password_only_apps[0];
    let r = api
        .http
        .get(api.url(&format!("/sso/v1/sdk/authenticate?appName={app}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let start = reply(r).await;
    assert_success(&start);
    assert_eq!(start.body["nextOp"], json!(["credSubmit"]));
    assert_eq!(start.body["nextAuthFactors"], json!(["USERNAME_PASSWORD"]));
    assert!(start.body.get("IDP").is_none(), "{}", start.body);
    // chooseIDP is offered by the default application, and refused: nothing federates.
    let start = api.start(&token).await;
    let r = api
        .post(
            &token,
            json!({"op": "chooseIDP", "credentials": {"idpId": "x", "idpType": "Social"}, "requestState": rs(&start)}),
        )
        .await;
    assert_failed(&r, 422, "AUTH-1116");

    let mut fixture = Fixture::builtin().unwrap();
    fixture.identity_providers.clear();
    let api = Api::with(SimulatorConfig::new(fixture)).await;
    let token = api.client_token().await;
    let start = api.start(&token).await;
    assert_success(&start);
    assert_eq!(start.body["nextOp"], json!(["credSubmit"]));
    assert!(start.body.get("IDP").is_none(), "{}", start.body);
}

/// The preferred factor marks its device (or itself) `preferred` and cannot be made the
/// default again; every other factor lists `preferred` among its credentials.
#[tokio::test]
async fn backup_factors_place_preferred_as_recorded() {
    let api = Api::new().await;
    let (token, r) = api.login("SMS").await;
    let b = api.backup_factors(&token, &r).await;
    assert_success(&b);
    assert_eq!(
        b.body["nextAuthFactors"],
        json!(["TOTP", "SMS", "EMAIL", "BYPASSCODE", "SECURITY_QUESTIONS"])
    );
    assert_eq!(b.body["SMS"]["credentials"], json!(["deviceId"]));
    assert_eq!(b.body["SMS"]["enrolledDevices"][0]["preferred"], true);
    assert_eq!(
        b.body["EMAIL"]["credentials"],
        json!(["preferred", "deviceId"])
    );
    assert!(
        b.body["EMAIL"]["enrolledDevices"][0]
            .get("preferred")
            .is_none()
    );
    assert_eq!(
        b.body["TOTP"]["credentials"],
        json!(["otpCode", "preferred", "deviceId"])
    );
    assert_eq!(
        b.body["SECURITY_QUESTIONS"]["credentials"],
        json!(["questionId", "answer", "preferred"])
    );
    assert!(b.body["SECURITY_QUESTIONS"].get("preferred").is_none());

    let (token, r) = api.login("SECURITY_QUESTIONS").await;
    let b = api.backup_factors(&token, &r).await;
    assert_eq!(b.body["SECURITY_QUESTIONS"]["preferred"], true);
    assert_eq!(
        b.body["SECURITY_QUESTIONS"]["credentials"],
        json!(["questionId", "answer"])
    );
    assert!(
        b.body["SMS"]["enrolledDevices"][0]
            .get("preferred")
            .is_none()
    );
}

/// A resend names the factor but not the device or the trust settings; a challenge the
/// client chose from the backup list names no `nextAuthFactors`.
#[tokio::test]
async fn resend_and_chosen_challenge_shapes() {
    let api = Api::new().await;
    let (token, r) = api.login("EMAIL").await;
    assert!(r.body["displayName"].is_string());
    assert!(r.body["trustedDeviceSettings"].is_object());
    let again = api
        .post(&token, json!({"op": "resendCode", "requestState": rs(&r)}))
        .await;
    assert_success(&again);
    assert_eq!(again.body["nextAuthFactors"], json!(["EMAIL"]));
    assert_eq!(again.body["EMAIL"]["credentials"], json!(["otpCode"]));
    assert!(again.body.get("displayName").is_none(), "{}", again.body);
    assert!(
        again.body.get("trustedDeviceSettings").is_none(),
        "{}",
        again.body
    );

    let b = api.backup_factors(&token, &again).await;
    let device = b.body["SMS"]["enrolledDevices"][0]["deviceId"].clone();
    let chosen = api
        .post(
            &token,
            json!({"op": "credSubmit", "authFactor": "SMS", "credentials": {"deviceId": device}, "requestState": rs(&b)}),
        )
        .await;
    assert_success(&chosen);
    assert_eq!(chosen.body["SMS"]["credentials"], json!(["otpCode"]));
    assert!(chosen.body["displayName"].is_string());
    assert!(
        chosen.body.get("nextAuthFactors").is_none(),
        "{}",
        chosen.body
    );
}

/// `mfaSettings` accompanies the enrollment answers until a factor is enrolled; then the
/// menu lists the remaining factors in the recorded order, without it.
#[tokio::test]
async fn mfa_settings_and_menu_order_around_enrollments() {
    let api = Api::new().await;
    let f = api.sim.fixture().clone();
    let (token, menu) = api.login("ENROLL").await;
    assert_eq!(
        menu.body["mfaSettings"],
        json!({"enrollmentRequired": false})
    );
    assert_eq!(
        menu.body["nextOp"],
        json!(["createToken", "createSession", "enrollment"])
    );
    let sq = api
        .post(
            &token,
            json!({"op": "enrollment", "authFactor": "SECURITY_QUESTIONS", "requestState": rs(&menu)}),
        )
        .await;
    assert_eq!(sq.body["mfaSettings"], json!({"enrollmentRequired": false}));
    let email = api
        .post(
            &token,
            json!({"op": "enrollment", "authFactor": "EMAIL", "requestState": rs(&menu)}),
        )
        .await;
    assert!(email.body["mfaSettings"].is_object());
    assert_eq!(
        email.body["nextOp"],
        json!([
            "credSubmit",
            "createToken",
            "createSession",
            "resendCode",
            "enrollment"
        ])
    );
    let done = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": f.otp_codes.email}, "requestState": rs(&email)}))
        .await;
    assert_success(&done);
    assert!(done.body.get("mfaSettings").is_none(), "{}", done.body);
    let more = api
        .post(
            &token,
            json!({"op": "enrollment", "requestState": rs(&done)}),
        )
        .await;
    assert_eq!(
        more.body["nextAuthFactors"],
        json!(["PUSH", "TOTP", "SECURITY_QUESTIONS", "SMS"])
    );
    assert!(more.body.get("mfaSettings").is_none(), "{}", more.body);
    let sms = api
        .post(
            &token,
            json!({"op": "enrollment", "authFactor": "SMS", "credentials": {"phoneNumber": "15555555555"}, "requestState": rs(&more)}),
        )
        .await;
    assert_success(&sms);
    assert!(sms.body.get("mfaSettings").is_none(), "{}", sms.body);
}

/// After account recovery the MFA enrollment lists the verified primary e-mail among the
/// recovery factors, and the later menu asks for the country code and offers no EMAIL.
#[tokio::test]
async fn account_recovery_details_and_the_menu_after_it() {
    let api = Api::new().await;
    let f = api.sim.fixture().clone();
    let (token, r) = api.login("ACCOUNT_RECOVERY_MFA").await;
    assert_eq!(r.body["accRecEnrollmentRequired"], true);
    let sms = api
        .post(
            &token,
            json!({"op": "enrollment", "authFactor": "SMS", "credentials": {"phoneNumber": "1122334455", "countryCode": "+44"}, "requestState": rs(&r)}),
        )
        .await;
    let done = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": f.otp_codes.sms}, "requestState": rs(&sms)}))
        .await;
    let mfa = api
        .post(
            &token,
            json!({"op": "createToken", "requestState": rs(&done)}),
        )
        .await;
    assert_success(&mfa);
    let details = &mfa.body["EnrolledAccountRecoveryFactorsDetails"];
    assert_eq!(
        details["enrolledAccRecFactorsList"],
        json!(["SMS", "EMAIL"])
    );
    let (user, _) = api.user("ACCOUNT_RECOVERY_MFA");
    assert_eq!(
        details["EMAIL"],
        json!({"credentials": ["accountRecoveryFactor"], "enrolledDevices": [{"displayName": format!("{user}@example.com")}]})
    );
    let overlap = api
        .post(
            &token,
            json!({"op": "enrollment", "authFactor": "SMS", "credentials": {"accountRecoveryFactor": true}, "requestState": rs(&mfa)}),
        )
        .await;
    assert_success(&overlap);
    assert!(
        overlap.body.get("displayName").is_none(),
        "{}",
        overlap.body
    );
    let menu = api
        .post(
            &token,
            json!({"op": "enrollment", "requestState": rs(&overlap)}),
        )
        .await;
    assert_eq!(
        menu.body["nextAuthFactors"],
        json!(["PUSH", "TOTP", "SECURITY_QUESTIONS", "SMS"])
    );
    assert_eq!(
        menu.body["SMS"]["credentials"],
        json!(["phoneNumber", "countryCode"])
    );
    assert_eq!(
        menu.body["mfaSettings"],
        json!({"enrollmentRequired": false})
    );
}
