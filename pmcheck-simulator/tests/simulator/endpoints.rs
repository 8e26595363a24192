//! The token endpoint, the session endpoint, `/admin/v1/Me`, their bearer checks, and a
//! simulator on its own runtime.

use super::*;

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
    // The built-in tenant offers its identity provider next to the password.
    assert_eq!(start.body["nextOp"], json!(["credSubmit", "chooseIDP"]));
    assert_eq!(
        start.body["nextAuthFactors"],
        json!(["USERNAME_PASSWORD", "IDP"])
    );
    assert_eq!(
        start.body["USERNAME_PASSWORD"]["credentials"],
        json!(["username", "password"])
    );
    let idp = &api.sim.fixture().identity_providers[0];
    assert_eq!(
        start.body["IDP"],
        json!({
            "configuredIDPs": [{"idpId": idp.id, "idpName": idp.name, "idpType": idp.kind}],
            "credentials": ["idpId", "idpType"]
        })
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

#[test]
fn start_blocking_serves_requests() {
    let sim = Simulator::start_blocking(builtin_config()).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    crate::install_crypto_provider();
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
