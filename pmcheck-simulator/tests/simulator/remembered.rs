//! What sign-ins leave behind and the further factors, over HTTP: remembered preferred
//! factors, trust tokens, keep-me-signed-in sessions and FIDO.

use super::*;
use pmcheck_simulator::Factor;

#[tokio::test]
async fn a_preferred_factor_is_remembered_for_later_sign_ins() {
    let api = Api::new().await;
    let (token, r) = api.login("SMS").await;
    assert_eq!(r.body["nextAuthFactors"], json!(["SMS"]));
    let b = api.backup_factors(&token, &r).await;
    let device = b.body["EMAIL"]["enrolledDevices"][0]["deviceId"]
        .as_str()
        .unwrap()
        .to_string();
    let sent = api
        .post(
            &token,
            json!({"op": "credSubmit", "authFactor": "EMAIL",
            "credentials": {"deviceId": device, "preferred": true}, "requestState": rs(&b)}),
        )
        .await;
    assert_success(&sent);
    let code = api.sim.fixture().otp_codes.email.clone();
    let ok = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": code}, "requestState": rs(&sent)}))
        .await;
    assert_token(&ok);
    let (_, again) = api.login("SMS").await;
    assert_eq!(
        again.body["nextAuthFactors"],
        json!(["EMAIL"]),
        "{}",
        again.body
    );
    assert_eq!(again.body["displayName"], "samXXXXXXX@example.com");
    // Security questions with preferred: true, as Oracle's collection sets the default.
    let (token, r) = api.login("SMS").await;
    let b = api.backup_factors(&token, &r).await;
    let ok = api
        .post(&token, json!({"op": "credSubmit", "authFactor": "SECURITY_QUESTIONS",
            "credentials": {"questions": [{"questionId": "FirstPet", "answer": "dogTessy"}], "preferred": true},
            "requestState": rs(&b)}))
        .await;
    assert_token(&ok);
    let (_, again) = api.login("SMS").await;
    assert_eq!(again.body["nextAuthFactors"], json!(["SECURITY_QUESTIONS"]));
    api.sim.reset_security_state();
    let (_, again) = api.login("SMS").await;
    assert_eq!(again.body["nextAuthFactors"], json!(["SMS"]));
}

/// Signs `user` in with `trust` as the `trustToken` of the first factor.
async fn with_trust(api: &Api, token: &str, user: &str, pass: &str, trust: &str) -> Reply {
    let start = api.start(token).await;
    api.post(
        token,
        json!({"op": "credSubmit", "credentials": {"username": user, "password": pass},
               "trustToken": trust, "requestState": rs(&start)}),
    )
    .await
}

#[tokio::test]
async fn a_trust_token_skips_the_second_factor_until_it_expires() {
    let api = Api::new().await;
    let (token, r) = api.login("TOTP").await;
    let code = api.sim.fixture().otp_codes.totp.clone();
    let ok = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": code},
            "trustedDevice": true, "trustedDeviceDisplayName": "Test browser", "requestState": rs(&r)}))
        .await;
    assert_token(&ok);
    let trust = ok.body["trustToken"].as_str().unwrap().to_string();
    let (u, p) = api.user("TOTP");
    let skipped = with_trust(&api, &token, &u, &p, &trust).await;
    assert_eq!(jwt_sub(&assert_token(&skipped)), u);
    // Another user's token, or a made-up one, does not skip the challenge.
    let (other, other_pass) = api.user("EMAIL");
    let r = with_trust(&api, &token, &other, &other_pass, &trust).await;
    assert_eq!(r.body["nextAuthFactors"], json!(["EMAIL"]));
    let r = with_trust(&api, &token, &u, &p, "bm9wZQ==").await;
    assert_eq!(r.body["nextAuthFactors"], json!(["TOTP"]));
    // A trust duration of 0 days issues tokens that have already expired.
    let api = Api::with(config_with(|f| f.trust_duration_days = 0)).await;
    let (token, r) = api.login("TOTP").await;
    let ok = api
        .post(
            &token,
            json!({"op": "credSubmit", "credentials": {"otpCode": code},
            "trustedDevice": true, "requestState": rs(&r)}),
        )
        .await;
    let trust = ok.body["trustToken"].as_str().unwrap().to_string();
    let r = with_trust(&api, &token, &u, &p, &trust).await;
    assert_eq!(r.body["nextAuthFactors"], json!(["TOTP"]));
}

#[tokio::test]
async fn keep_me_signed_in_gives_a_long_session() {
    let api = Api::new().await;
    let token = api.client_token().await;
    let start = api.start(&token).await;
    let (u, p) = api.user("NO_MFA");
    let ok = api
        .post(
            &token,
            json!({"op": "credSubmit", "credentials": {"username": u, "password": p},
            "keepMeSignedIn": true, "requestState": rs(&start)}),
        )
        .await;
    assert_token(&ok);
    let kmsi = ok.body["kmsiToken"].as_str().unwrap().to_string();
    let session = |field: &'static str, value: String| {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair(field, &value)
            .append_pair("authorization", &token)
            .finish();
        let req = api
            .http
            .post(api.url("/sso/v1/sdk/secure/session"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        async move { req.send().await.unwrap() }
    };
    let r = session("kmsiToken", kmsi).await;
    assert_eq!(r.status(), 302);
    let cookie = r.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains(";Max-Age=2592000"), "{cookie}");
    assert_eq!(session("kmsiToken", "bm9wZQ==".into()).await.status(), 401);
    // Without keepMeSignedIn there is no kmsiToken.
    let (_, r) = api.login("NO_MFA").await;
    assert!(r.body.get("kmsiToken").is_none());
}

#[tokio::test]
async fn fido_is_offered_and_verified() {
    let api = Api::new().await;
    let (token, r) = api.login("FIDO").await;
    assert_success(&r);
    assert_eq!(r.body["nextAuthFactors"], json!(["FIDO_AUTHENTICATOR"]));
    let fido = &r.body["FIDO_AUTHENTICATOR"];
    assert_eq!(
        fido["credentials"],
        json!([
            "credentialId",
            "clientDataJSON",
            "authenticatorData",
            "signature",
            "userHandle"
        ])
    );
    assert!(fido["fidoChallenge"].as_str().unwrap().len() >= 40);
    let id = fido["fidoCredentialIds"][0].as_str().unwrap().to_string();
    let assertion = |signature: &str| {
        json!({"credentialId": id, "clientDataJSON": "e30", "authenticatorData": "AA",
               "signature": signature, "userHandle": "dQ"})
    };
    let bad = api
        .post(
            &token,
            json!({"op": "credSubmit", "credentials": assertion("forged"), "requestState": rs(&r)}),
        )
        .await;
    assert_failed(&bad, 401, "AUTH-1007");
    let expected = api.sim.fixture().security.fido_assertion.clone();
    let ok = api
        .post(
            &token,
            json!({"op": "credSubmit", "authFactor": "FIDO_AUTHENTICATOR",
            "credentials": assertion(&expected), "requestState": rs(&bad)}),
        )
        .await;
    assert_eq!(jwt_sub(&assert_token(&ok)), api.user("FIDO").0);
    // FIDO is listed among the backup factors of its user.
    let (token, r) = api.login("FIDO").await;
    let b = api.backup_factors(&token, &r).await;
    assert_eq!(
        b.body["FIDO_AUTHENTICATOR"]["enrolledDevices"][0]["deviceId"],
        id
    );
}

/// Signs the e-mail user in with `code` at its e-mail challenge, asking to trust the device.
async fn email_sign_in_trusting(api: &Api, code: &str) -> Reply {
    let (token, r) = api.login("EMAIL").await;
    assert_eq!(r.body["nextAuthFactors"], json!(["EMAIL"]));
    api.post(
        &token,
        json!({"op": "credSubmit", "credentials": {"otpCode": code}, "trustedDevice": true,
            "trustedDeviceDisplayName": "Test browser", "requestState": rs(&r)}),
    )
    .await
}

#[tokio::test]
async fn trust_follows_the_factor_that_completed_the_flow() {
    let api = Api::new().await;
    // The built-in tenant trusts no device after an e-mail code…
    let email_code = api.sim.fixture().otp_codes.email.clone();
    let ok = email_sign_in_trusting(&api, &email_code).await;
    assert_token(&ok);
    assert!(ok.body.get("trustToken").is_none(), "{}", ok.body);
    // …but the authenticator app's passcode, accepted at the same challenge, is TOTP.
    let app_code = api.sim.fixture().otp_codes.totp.clone();
    let ok = email_sign_in_trusting(&api, &app_code).await;
    assert_token(&ok);
    assert!(ok.body["trustToken"].is_string(), "{}", ok.body);
    // A tenant that trusts devices after every factor answers one for the e-mail code.
    let api = Api::with(config_with(|f| f.trust_factors.push(Factor::Email))).await;
    let ok = email_sign_in_trusting(&api, &email_code).await;
    assert!(ok.body["trustToken"].is_string(), "{}", ok.body);
}

#[tokio::test]
async fn an_app_passcode_needs_a_totp_device() {
    // Without its TOTP device the SMS user's challenge takes the app passcode as wrong.
    let api = Api::with(config_with(|f| {
        for user in f.users.iter_mut().filter(|u| u.state == "SMS") {
            user.devices.retain(|d| d.factor != Factor::Totp);
        }
    }))
    .await;
    let (token, r) = api.login("SMS").await;
    let app_code = api.sim.fixture().otp_codes.totp.clone();
    let bad = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": app_code}, "requestState": rs(&r)}))
        .await;
    assert_failed(&bad, 401, "AUTH-1105");
}
