//! The security rules over HTTP: lockout, the wrong-code limit, account statuses, push
//! denial and timeout, sign-in scopes, content type, CORS preflight, empty and malformed
//! bodies.

use super::*;

/// `credSubmit {username, password}` at a fresh flow.
async fn password_attempt(api: &Api, token: &str, username: &str, password: &str) -> Reply {
    let start = api.start(token).await;
    api.post(
        token,
        json!({"op": "credSubmit", "credentials": {"username": username, "password": password},
               "requestState": rs(&start)}),
    )
    .await
}

#[tokio::test]
async fn wrong_passwords_lock_the_account_even_for_the_right_one() {
    let api = Api::new().await;
    let token = api.client_token().await;
    let (u, p) = api.user("NO_MFA");
    // A successful sign-in starts the count again.
    for _ in 0..4 {
        let r = password_attempt(&api, &token, &u, "wrong").await;
        assert_failed(&r, 401, "AUTH-3001");
    }
    assert_token(&password_attempt(&api, &token, &u, &p).await);
    for _ in 0..4 {
        assert_failed(
            &password_attempt(&api, &token, &u, "wrong").await,
            401,
            "AUTH-3001",
        );
    }
    // The fifth wrong password in a row locks the account; the flow is re-offered.
    let locked = password_attempt(&api, &token, &u, "wrong").await;
    assert_failed(&locked, 401, "AUTH-3002");
    // As at the start: the password again, or an identity provider.
    assert_eq!(locked.body["nextOp"], json!(["credSubmit", "chooseIDP"]));
    let right = password_attempt(&api, &token, &u, &p).await;
    assert_failed(&right, 401, "AUTH-3002");
    // Username first is locked too, and other users are not.
    let start = api.start(&token).await;
    let first = api
        .post(
            &token,
            json!({"op": "credSubmit", "credentials": {"username": u}, "requestState": rs(&start)}),
        )
        .await;
    let r = api
        .post(
            &token,
            json!({"op": "credSubmit", "credentials": {"password": p}, "requestState": rs(&first)}),
        )
        .await;
    assert_failed(&r, 401, "AUTH-3002");
    let (other, other_pass) = api.user("ENROLL");
    assert_success(&password_attempt(&api, &token, &other, &other_pass).await);
    api.sim.reset_security_state();
    assert_token(&password_attempt(&api, &token, &u, &p).await);
}

#[tokio::test]
async fn a_lockout_ends_after_its_duration() {
    let api = Api::with(config_with(|f| {
        f.security.max_failed_logins = 2;
        f.security.lockout_secs = 1;
    }))
    .await;
    let token = api.client_token().await;
    let (u, p) = api.user("NO_MFA");
    assert_failed(
        &password_attempt(&api, &token, &u, "x").await,
        401,
        "AUTH-3001",
    );
    assert_failed(
        &password_attempt(&api, &token, &u, "x").await,
        401,
        "AUTH-3002",
    );
    assert_failed(
        &password_attempt(&api, &token, &u, &p).await,
        401,
        "AUTH-3002",
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_token(&password_attempt(&api, &token, &u, &p).await);
}

#[tokio::test]
async fn too_many_wrong_codes_end_the_flow() {
    let api = Api::new().await;
    let (token, r) = api.login("SMS").await;
    let first = rs(&r);
    let mut state = first.clone();
    for _ in 0..4 {
        let bad = api
            .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": "000000"}, "requestState": state}))
            .await;
        assert_failed(&bad, 401, "AUTH-1105");
        state = rs(&bad);
    }
    let fifth = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"otpCode": "000000"}, "requestState": state}))
        .await;
    assert_failed(&fifth, 401, "AUTH-1010");
    assert!(fifth.body.get("requestState").is_none(), "{}", fifth.body);
    // Every state of the flow is dead, even with the right code.
    let code = api.sim.fixture().otp_codes.sms.clone();
    let late = api
        .post(
            &token,
            json!({"op": "credSubmit", "credentials": {"otpCode": code}, "requestState": first}),
        )
        .await;
    assert_failed(&late, 401, "AUTH-1120");
    // A new flow starts with a fresh count.
    let (token, r) = api.login("SMS").await;
    let ok = api
        .post(
            &token,
            json!({"op": "credSubmit", "credentials": {"otpCode": code}, "requestState": rs(&r)}),
        )
        .await;
    assert_token(&ok);
}

#[tokio::test]
async fn locked_deactivated_and_expired_users() {
    let api = Api::new().await;
    let (_, r) = api.login("LOCKED").await;
    assert_failed(&r, 401, "AUTH-3002");
    let (_, r) = api.login("DEACTIVATED").await;
    assert_failed(&r, 401, "AUTH-3003");
    // A wrong password of a deactivated user is just a wrong password.
    let token = api.client_token().await;
    let (u, _) = api.user("DEACTIVATED");
    assert_failed(
        &password_attempt(&api, &token, &u, "x").await,
        401,
        "AUTH-3001",
    );
    // Expired: the flow asks for a new password, which is remembered.
    let (token, r) = api.login("PASSWORD_EXPIRED").await;
    assert_failed(&r, 401, "AUTH-3004");
    assert_eq!(r.body["nextOp"], json!(["credSubmit"]));
    assert_eq!(r.body["PASSWORD"]["credentials"], json!(["newPassword"]));
    let (u, old) = api.user("PASSWORD_EXPIRED");
    let same = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"newPassword": old}, "requestState": rs(&r)}))
        .await;
    assert_failed(&same, 400, "AUTH-3005");
    let changed = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"newPassword": "Sim-Pat-Pass2"}, "requestState": rs(&same)}))
        .await;
    assert_eq!(jwt_sub(&assert_token(&changed)), u);
    assert_failed(
        &password_attempt(&api, &token, &u, &old).await,
        401,
        "AUTH-3001",
    );
    assert_token(&password_attempt(&api, &token, &u, "Sim-Pat-Pass2").await);
}

#[tokio::test]
async fn push_denied_timed_out_and_delayed() {
    let api = Api::with(config_with(|f| {
        f.security.push_timeout_secs = 1;
        let user = f.users.iter_mut().find(|u| u.state == "PUSH").unwrap();
        user.approval_poll = Some(2);
    }))
    .await;
    // Denied by the user's app: 401 AUTH-1007 re-offering the push challenge.
    let (token, r) = api.login("PUSH_DENY").await;
    assert_eq!(r.body["status"], "pending");
    let denied = api
        .post(&token, json!({"op": "credSubmit", "requestState": rs(&r)}))
        .await;
    assert_failed(&denied, 401, "AUTH-1007");
    assert_eq!(denied.body["nextAuthFactors"], json!(["PUSH"]));
    assert_eq!(
        denied.body["nextOp"],
        json!(["credSubmit", "getBackupFactors"])
    );
    // The user's own delay: pending at the first poll, approved at the second.
    let (token, r) = api.login("PUSH").await;
    let poll = json!({"op": "credSubmit", "requestState": rs(&r)}).to_string();
    let p1 = api.post_raw(&token, poll.clone(), None).await;
    assert_eq!(p1.body["status"], "pending", "{}", p1.body);
    // Faults deny or time out one poll.
    let deny = api.post_raw(&token, poll.clone(), Some("push=deny")).await;
    assert_failed(&deny, 401, "AUTH-1007");
    let late = api.post_raw(&token, poll, Some("push=timeout")).await;
    assert_failed(&late, 401, "AUTH-1106");
    let p2 = api
        .post(&token, json!({"op": "credSubmit", "requestState": rs(&p1)}))
        .await;
    assert_token(&p2);
    // Never answered: pending until the timeout, then 401 AUTH-1106.
    let (token, r) = api.login("PUSH_TIMEOUT").await;
    let p = api
        .post(&token, json!({"op": "credSubmit", "requestState": rs(&r)}))
        .await;
    assert_eq!(p.body["status"], "pending");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let expired = api
        .post(&token, json!({"op": "credSubmit", "requestState": rs(&p)}))
        .await;
    assert_failed(&expired, 401, "AUTH-1106");
    assert!(
        expired.body["nextOp"]
            .as_array()
            .unwrap()
            .contains(&json!("getBackupFactors"))
    );
}

#[tokio::test]
async fn client_tokens_without_the_sign_in_scope_are_refused() {
    let api = Api::new().await;
    let f = api.sim.fixture().clone();
    let narrow = api
        .token_with(
            &f.client_id,
            &f.client_secret,
            "grant_type=client_credentials&scope=urn:opc:idm:t.groups.members",
        )
        .await;
    let narrow = narrow.body["access_token"].as_str().unwrap().to_string();
    let r = api.start(&narrow).await;
    assert_eq!(r.status, 401);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        r.headers["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("insufficient_scope")
    );
    let r = api
        .post(&narrow, json!({"op": "credSubmit", "requestState": "x"}))
        .await;
    assert_eq!(r.status, 401);
    assert!(r.body.is_string(), "HTML, not JSON");
    let signin = api
        .token_with(&f.client_id, &f.client_secret, "grant_type=client_credentials&scope=urn:opc:idm:t.user.signin urn:opc:idm:t.groups.members")
        .await;
    assert_success(
        &api.start(signin.body["access_token"].as_str().unwrap())
            .await,
    );
    // Without a scope the token endpoint grants __myscopes__.
    let default = api
        .token_with(
            &f.client_id,
            &f.client_secret,
            "grant_type=client_credentials",
        )
        .await;
    assert_success(
        &api.start(default.body["access_token"].as_str().unwrap())
            .await,
    );
}

#[tokio::test]
async fn content_type_empty_and_malformed_bodies() {
    let api = Api::new().await;
    let token = api.client_token().await;
    let start = api.start(&token).await;
    let body = json!({"op": "credSubmit", "credentials": {"username": "alice.nomfa", "password": "Sim-Alice-Pass1"}, "requestState": rs(&start)}).to_string();
    let send = |content_type: Option<&'static str>, body: String| {
        let mut req = api
            .http
            .post(api.url("/sso/v1/sdk/authenticate"))
            .bearer_auth(&token)
            .body(body);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        async move { reply(req.send().await.unwrap()).await }
    };
    let plain = send(Some("text/plain"), body.clone()).await;
    assert_failed(&plain, 415, "AUTH-1033");
    assert!(
        plain.body["cause"][0]["message"]
            .as_str()
            .unwrap()
            .contains("text/plain")
    );
    let form = send(Some("application/x-www-form-urlencoded"), body.clone()).await;
    assert_failed(&form, 415, "AUTH-1033");
    assert_failed(
        &send(Some("application/json"), String::new()).await,
        400,
        "AUTH-1033",
    );
    assert_failed(
        &send(Some("application/json"), " \r\n".into()).await,
        400,
        "AUTH-1033",
    );
    assert_failed(
        &send(Some("application/json"), "null".into()).await,
        400,
        "AUTH-1033",
    );
    assert_failed(
        &send(Some("application/json"), "{\"op\":".into()).await,
        400,
        "AUTH-1121",
    );
    assert_failed(
        &send(Some("application/json"), "[1]".into()).await,
        400,
        "AUTH-1033",
    );
    assert_token(&send(Some("application/json;charset=UTF-8"), body.clone()).await);
    let start = api.start(&token).await;
    let body = body.replace(&rs_of(&body), &rs(&start));
    assert_token(&send(None, body).await);
}

/// The `requestState` inside a request body.
fn rs_of(body: &str) -> String {
    let v: Value = serde_json::from_str(body).unwrap();
    v["requestState"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn options_preflight_and_allowed_origins() {
    let api = Api::with(config_with(|f| {
        f.security.cors_origins = vec!["https://app.example.com".into()];
    }))
    .await;
    for path in [
        "/sso/v1/sdk/authenticate",
        "/oauth2/v1/token",
        "/sso/v1/sdk/secure/session",
        "/admin/v1/Me",
    ] {
        let r = api
            .http
            .request(reqwest::Method::OPTIONS, api.url(path))
            .header("origin", "https://app.example.com")
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,content-type",
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
        let h = r.headers();
        assert_eq!(h["access-control-allow-origin"], "https://app.example.com");
        assert!(
            h["access-control-allow-methods"]
                .to_str()
                .unwrap()
                .contains("POST")
        );
        assert_eq!(
            h["access-control-allow-headers"],
            "authorization,content-type"
        );
    }
    let other = api
        .http
        .request(
            reqwest::Method::OPTIONS,
            api.url("/sso/v1/sdk/authenticate"),
        )
        .header("origin", "https://evil.example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 403);
    assert!(other.headers().get("access-control-allow-origin").is_none());
    // Answers to an allowed origin name it.
    let token = api.client_token().await;
    let r = api
        .http
        .get(api.url("/sso/v1/sdk/authenticate"))
        .bearer_auth(&token)
        .header("origin", "https://app.example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["access-control-allow-origin"],
        "https://app.example.com"
    );
}
