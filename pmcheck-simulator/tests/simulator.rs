//! The embedded IDCS simulator over real HTTP.

use std::time::Duration;

use base64::Engine;
use pmcheck_simulator::{Fixture, Simulator, SimulatorConfig};
use serde_json::{Value, json};

fn builtin_config() -> SimulatorConfig {
    SimulatorConfig::new(Fixture::builtin().unwrap())
}

struct Api {
    sim: Simulator,
    http: reqwest::Client,
}

struct Reply {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Value,
}

impl Api {
    async fn new() -> Api {
        Api::with(builtin_config()).await
    }

    async fn with(config: SimulatorConfig) -> Api {
        let sim = Simulator::start(config).await.unwrap();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Api { sim, http }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sim.base_url())
    }

    async fn token_with(&self, user: &str, pass: &str, body: &str) -> Reply {
        let r = self
            .http
            .post(self.url("/oauth2/v1/token"))
            .basic_auth(user, Some(pass))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        reply(r).await
    }

    async fn client_token(&self) -> String {
        let f = self.sim.fixture();
        let r = self
            .token_with(
                &f.client_id,
                &f.client_secret,
                "grant_type=client_credentials&scope=urn:opc:idm:__myscopes__",
            )
            .await;
        assert_eq!(r.status, 200);
        r.body["access_token"].as_str().unwrap().to_string()
    }

    async fn start(&self, token: &str) -> Reply {
        let r = self
            .http
            .get(self.url(&format!(
                "/sso/v1/sdk/authenticate?appName={}",
                self.sim.fixture().app_name
            )))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        reply(r).await
    }

    async fn post(&self, token: &str, body: Value) -> Reply {
        self.post_raw(token, body.to_string(), None).await
    }

    async fn post_raw(&self, token: &str, body: String, fault: Option<&str>) -> Reply {
        let mut req = self
            .http
            .post(self.url("/sso/v1/sdk/authenticate"))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(body);
        if let Some(f) = fault {
            req = req.header("X-Pmcheck-Fault", f);
        }
        reply(req.send().await.unwrap()).await
    }

    fn user(&self, state: &str) -> (String, String) {
        let u = self
            .sim
            .fixture()
            .users
            .iter()
            .find(|u| u.state == state)
            .unwrap();
        (u.username.clone(), u.password.clone())
    }

    /// Token, start, credSubmit for the user in `state`.
    async fn login(&self, state: &str) -> (String, Reply) {
        let token = self.client_token().await;
        let start = self.start(&token).await;
        let (u, p) = self.user(state);
        let r = self
            .post(
                &token,
                json!({"op": "credSubmit", "credentials": {"username": u, "password": p},
                       "requestState": rs(&start)}),
            )
            .await;
        (token, r)
    }
}

async fn reply(r: reqwest::Response) -> Reply {
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let text = r.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply {
        status,
        headers,
        body,
    }
}

fn rs(r: &Reply) -> String {
    r.body["requestState"].as_str().unwrap().to_string()
}

fn assert_api_headers(r: &Reply) {
    assert_eq!(r.headers["content-type"], "application/json;charset=utf-8");
    assert_eq!(
        r.headers["cache-control"],
        "no-cache, no-store, must-revalidate"
    );
    assert_eq!(r.headers["pragma"], "no-cache");
    let ecid = r.headers["x-oracle-dms-ecid"].to_str().unwrap();
    assert_eq!(ecid.len(), 17);
    if let Some(body_ecid) = r.body.get("ecid") {
        assert_eq!(body_ecid, ecid);
    }
}

fn assert_success(r: &Reply) {
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "success", "{}", r.body);
    assert_api_headers(r);
    let state = rs(r);
    assert!(state.len() >= 100);
}

fn assert_failed(r: &Reply, status: u16, code: &str) {
    assert_eq!(r.status, status, "{}", r.body);
    assert_eq!(r.body["status"], "failed");
    assert_eq!(r.body["cause"][0]["code"], code, "{}", r.body);
    assert!(r.body["cause"][0]["message"].is_string());
    assert!(r.body["ecid"].is_string());
    assert_api_headers(r);
}

fn assert_token(r: &Reply) -> String {
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "success");
    let t = r.body["authnToken"].as_str().unwrap();
    assert_eq!(t.split('.').count(), 3);
    t.to_string()
}

fn jwt_sub(token: &str) -> String {
    let payload = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    v["sub"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn token_endpoint_grants_and_errors() {
    let api = Api::new().await;
    let f = api.sim.fixture().clone();
    let ok = api
        .token_with(
            &f.client_id,
            &f.client_secret,
            "grant_type=client_credentials",
        )
        .await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.body["token_type"], "Bearer");
    assert_eq!(ok.body["expires_in"], 3600);
    let bad = api
        .token_with(&f.client_id, "wrong", "grant_type=client_credentials")
        .await;
    assert_eq!(bad.status, 401);
    assert_eq!(bad.body["error"], "invalid_client");
    assert!(bad.body["error_description"].is_string());
    let grant = api
        .token_with(&f.client_id, &f.client_secret, "grant_type=password")
        .await;
    assert_eq!(grant.status, 400);
    assert_eq!(grant.body["error"], "unsupported_grant_type");
    let assertion = api
        .token_with(
            &f.client_id,
            &f.client_secret,
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=abc.def.ghi",
        )
        .await;
    assert_eq!(assertion.status, 400);
    assert_eq!(assertion.body["error"], "invalid_grant");
}

#[tokio::test]
async fn no_mfa_login_session_and_me() {
    let api = Api::new().await;
    let token = api.client_token().await;
    let start = api.start(&token).await;
    assert_success(&start);
    assert_eq!(start.body["nextOp"], json!(["credSubmit"]));
    assert_eq!(
        start.body["USERNAME_PASSWORD"]["credentials"],
        json!(["username", "password"])
    );
    let state = rs(&start);
    assert!(state.contains('+') || state.contains('/'));
    let f = api.sim.fixture().clone();
    let default = f.user(&f.default_user).unwrap().clone();
    let done = api
        .post(
            &token,
            json!({"op": "credSubmit", "credentials": {"username": default.username, "password": default.password}, "requestState": state}),
        )
        .await;
    let authn = assert_token(&done);
    assert_eq!(jwt_sub(&authn), default.username);
    // A state of a completed flow is rejected.
    let replay = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"username": "x", "password": "y"}, "requestState": state}))
        .await;
    assert_failed(&replay, 401, "AUTH-1120");
    assert_eq!(replay.body["requestState"], json!(state));

    // Session: 302 with a cookie.
    let session = api
        .http
        .post(api.url("/sso/v1/sdk/secure/session"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("authnToken={authn}&authorization={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(session.status().as_u16(), 302);
    assert!(
        session.headers()["location"]
            .to_str()
            .unwrap()
            .contains("?code=")
    );
    assert!(
        session.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("ORA_OCIS_REQ_1=")
    );

    // jwt-bearer exchange then /admin/v1/Me.
    let user_token = api
        .token_with(
            &f.client_id,
            &f.client_secret,
            &format!("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&scope=urn:opc:idm:__myscopes__&assertion={authn}"),
        )
        .await;
    assert_eq!(user_token.status, 200, "{}", user_token.body);
    let me = api
        .http
        .get(api.url("/admin/v1/Me"))
        .bearer_auth(user_token.body["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(me.status().as_u16(), 200);
    let me: Value = serde_json::from_str(&me.text().await.unwrap()).unwrap();
    assert_eq!(me["userName"], json!(default.username));
    assert!(me["emails"][0]["value"].is_string());
}

#[tokio::test]
async fn bearer_missing_invalid_or_expired_is_html_401() {
    let api = Api::new().await;
    for token in ["", "not-a-token"] {
        let r = api.start(token).await;
        assert_eq!(r.status, 401);
        assert!(
            r.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
    }
    let f = api.sim.fixture().clone();
    let expired = api
        .token_with(
            &f.client_id,
            &f.client_secret,
            "grant_type=client_credentials&scope=urn:opc:resource:expiry=0",
        )
        .await;
    let r = api
        .start(expired.body["access_token"].as_str().unwrap())
        .await;
    assert_eq!(r.status, 401);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
}

#[tokio::test]
async fn validation_errors() {
    let api = Api::new().await;
    let token = api.client_token().await;
    let start = api.start(&token).await;
    let state = rs(&start);
    // 422 missing op, re-offering the step.
    let r = api.post(&token, json!({"requestState": state})).await;
    assert_failed(&r, 422, "AUTH-1111");
    assert_eq!(r.body["nextOp"], json!(["credSubmit"]));
    assert_eq!(r.body["nextAuthFactors"], json!(["USERNAME_PASSWORD"]));
    assert!(r.body["USERNAME_PASSWORD"]["credentials"].is_array());
    assert!(rs(&r).len() >= 100);
    // 422 missing credentials.
    let r = api
        .post(&token, json!({"op": "credSubmit", "requestState": state}))
        .await;
    assert_failed(&r, 422, "AUTH-1001");
    assert!(r.body["USERNAME_PASSWORD"].is_object());
    // 400 bad enums.
    let r = api
        .post(
            &token,
            json!({"op": "credSubmit", "authFactor": "EMAILS", "requestState": state}),
        )
        .await;
    assert_failed(&r, 400, "AUTH-1111");
    assert!(
        r.body["cause"][0]["message"]
            .as_str()
            .unwrap()
            .contains("EMAILS")
    );
    let r = api
        .post(&token, json!({"op": "fly", "requestState": state}))
        .await;
    assert_failed(&r, 400, "AUTH-1111");
    // 422 op not offered now.
    let r = api
        .post(&token, json!({"op": "createToken", "requestState": state}))
        .await;
    assert_failed(&r, 422, "AUTH-1116");
    // 422 missing requestState.
    let r = api.post(&token, json!({"op": "credSubmit"})).await;
    assert_failed(&r, 422, "AUTH-1001");
    // 401 unknown and tampered state.
    let r = api
        .post(
            &token,
            json!({"op": "credSubmit", "requestState": "bm9wZQ=="}),
        )
        .await;
    assert_failed(&r, 401, "AUTH-1120");
    let mut tampered = state.clone().into_bytes();
    tampered[10] = if tampered[10] == b'A' { b'B' } else { b'A' };
    let r = api
        .post(
            &token,
            json!({"op": "credSubmit", "requestState": String::from_utf8(tampered).unwrap()}),
        )
        .await;
    assert_failed(&r, 401, "AUTH-1120");
    // 401 wrong password re-offers with a fresh state; the older state is still usable.
    let r = api
        .post(&token, json!({"op": "credSubmit", "credentials": {"username": "alice.nomfa", "password": "nope"}, "requestState": state}))
        .await;
    assert_failed(&r, 401, "AUTH-3001");
    assert_eq!(r.body["nextOp"], json!(["credSubmit"]));
    assert_ne!(rs(&r), state);
    // Invalid JSON.
    let r = api.post_raw(&token, "{".to_string(), None).await;
    assert_failed(&r, 400, "AUTH-1121");
}

#[tokio::test]
async fn expired_request_state() {
    let config = SimulatorConfig {
        request_state_ttl: Duration::from_millis(50),
        ..builtin_config()
    };
    let api = Api::with(config).await;
    let token = api.client_token().await;
    let start = api.start(&token).await;
    tokio::time::sleep(Duration::from_millis(120)).await;
    let r = api
        .post(
            &token,
            json!({"op": "credSubmit", "requestState": rs(&start)}),
        )
        .await;
    assert_failed(&r, 401, "AUTH-1117");
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
    // Push: pending, pending, approved on the 2nd poll.
    let (token, r) = api.login("PUSH").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["status"], "pending");
    assert_eq!(r.body["cause"][0]["code"], "AUTH-1108");
    let poll1 = api
        .post(&token, json!({"op": "credSubmit", "requestState": rs(&r)}))
        .await;
    assert_eq!(poll1.body["status"], "pending");
    let poll2 = api
        .post(
            &token,
            json!({"op": "credSubmit", "requestState": rs(&poll1)}),
        )
        .await;
    assert_token(&poll2);
}

#[tokio::test]
async fn backup_factors_and_bypass_code() {
    let api = Api::new().await;
    let (token, r) = api.login("SMS").await;
    let b = api
        .post(
            &token,
            json!({"op": "getBackupFactors", "requestState": rs(&r)}),
        )
        .await;
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

    // Online TOTP and PUSH: pending (AUTH-1109 / AUTH-1108) then approved.
    for (factor, code) in [("TOTP", "AUTH-1109"), ("PUSH", "AUTH-1108")] {
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
        let p = api
            .post(&token, json!({"op": "credSubmit", "requestState": rs(&e)}))
            .await;
        assert_eq!(p.body["status"], "pending");
        assert_eq!(p.body["cause"][0]["code"], code);
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
async fn faults() {
    let api = Api::new().await;
    let token = api.client_token().await;
    let start = api.start(&token).await;
    let body = json!({"op": "credSubmit", "requestState": rs(&start)}).to_string();
    let r = api.post_raw(&token, body.clone(), Some("500")).await;
    assert_failed(&r, 500, "AUTH-1112");
    let t = std::time::Instant::now();
    let r = api
        .post_raw(&token, body.clone(), Some("delay=200,500"))
        .await;
    assert!(t.elapsed() >= Duration::from_millis(200));
    assert_eq!(r.status, 500);
    let r = api.post_raw(&token, body.clone(), Some("not-json")).await;
    assert_eq!(r.status, 200);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(r.body.is_string());
    let reset = api
        .http
        .post(api.url("/sso/v1/sdk/authenticate"))
        .bearer_auth(&token)
        .header("X-Pmcheck-Fault", "reset")
        .body(body.clone())
        .send()
        .await;
    assert!(reset.is_err());
    let truncated = api
        .http
        .post(api.url("/sso/v1/sdk/authenticate"))
        .bearer_auth(&token)
        .header("X-Pmcheck-Fault", "truncate")
        .body(body.clone())
        .send()
        .await;
    match truncated {
        Err(_) => {}
        Ok(resp) => assert!(resp.bytes().await.is_err()),
    }
    let bad = api.post_raw(&token, body, Some("explode")).await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn fixture_rules_and_file_roundtrip() {
    let mut fixture = Fixture::builtin().unwrap();
    fixture.faults.push(pmcheck_simulator::FaultRule {
        path: "/sso/v1/sdk/authenticate".into(),
        op: Some(pmcheck_simulator::Op::GetBackupFactors),
        status: None,
        fault: "500".into(),
    });
    let dir = std::env::temp_dir().join(format!("pmcheck-sim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("fixture.json");
    std::fs::write(&path, serde_json::to_string_pretty(&fixture).unwrap()).unwrap();
    assert_eq!(Fixture::load(&path).unwrap(), fixture);
    std::fs::write(&path, "{\n  \"tenant\": 5\n}").unwrap();
    let err = Fixture::load(&path).unwrap_err().to_string();
    assert!(err.contains("fixture.json:2:"), "{err}");
    let mut bad_key = serde_json::to_value(&fixture).unwrap();
    assert!(
        bad_key.get("signing_key").is_none(),
        "the built-in key is implicit"
    );
    bad_key["signing_key"] =
        json!("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
    std::fs::write(&path, bad_key.to_string()).unwrap();
    let err = Fixture::load(&path).unwrap_err().to_string();
    assert!(
        err.starts_with("invalid fixture ") && err.contains("fixture.json: signing_key: "),
        "{err}"
    );
    let mut bad = fixture.clone();
    bad.signing_key = Some("not a key".into());
    let err = Simulator::start(SimulatorConfig::new(bad))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("invalid fixture: signing_key: "), "{err}");
    let env = fixture.environment("http://127.0.0.1:1");
    let values = env["values"].as_array().unwrap();
    let get = |k: &str| values.iter().find(|v| v["key"] == k).unwrap().clone();
    assert_eq!(get("HOST")["value"], "http://127.0.0.1:1");
    assert_eq!(get("CLIENT_SECRET")["type"], "secret");
    assert_eq!(get("USER_SMS")["value"], "sam.sms");

    let api = Api::with(SimulatorConfig::new(fixture)).await;
    let (token, r) = api.login("SMS").await;
    let ok = api
        .post(&token, json!({"op": "resendCode", "requestState": rs(&r)}))
        .await;
    assert_eq!(ok.status, 200);
    let faulted = api
        .post(
            &token,
            json!({"op": "getBackupFactors", "requestState": rs(&r)}),
        )
        .await;
    assert_failed(&faulted, 500, "AUTH-1112");
}

#[test]
fn start_blocking_serves_requests() {
    let sim = Simulator::start_blocking(builtin_config()).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = rt.block_on(async {
        reqwest::Client::new()
            .get(format!("{}/sso/v1/sdk/authenticate", sim.base_url()))
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status.as_u16(), 401);
    assert_eq!(sim.addr().ip().to_string(), "127.0.0.1");
}
