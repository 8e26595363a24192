//! 500 concurrent complete flows against one simulator; no state leaks between flows.

use base64::Engine;
use pmcheck_simulator::{
    Device, Factor, Fixture, MfaPolicy, PushBehaviour, Simulator, SimulatorConfig, User, UserStatus,
};
use serde_json::{Value, json};

const FLOWS: usize = 500;

fn load_fixture() -> Fixture {
    let mut fixture = Fixture::builtin().unwrap();
    for i in 0..FLOWS {
        fixture.users.push(User {
            state: format!("LOAD_{i}"),
            username: format!("load{i}"),
            password: format!("Load-{i}-Pass"),
            id: format!("{i:032x}"),
            given_name: "Load".into(),
            family_name: format!("User{i}"),
            email: format!("load{i}@example.com"),
            mfa: MfaPolicy::Required,
            preferred: Some(Factor::Totp),
            devices: vec![Device {
                device_id: format!("{:032x}", i + 1_000_000),
                factor: Factor::Totp,
                display_name: format!("Load phone {i}"),
            }],
            security_answers: vec![],
            bypass_codes: vec![],
            terms_of_use_pending: false,
            account_recovery_required: false,
            status: UserStatus::Active,
            push: PushBehaviour::Approve,
            approval_poll: None,
            app_enrolls_push: false,
        });
    }
    fixture
}

async fn post(http: &reqwest::Client, url: &str, token: &str, body: Value) -> (u16, Value) {
    let r = http
        .post(url)
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (
        status,
        serde_json::from_slice(&r.bytes().await.unwrap()).unwrap(),
    )
}

fn sub(token: &str) -> String {
    let payload = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice::<Value>(&bytes).unwrap()["sub"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn five_hundred_concurrent_flows() {
    let sim = Simulator::start(SimulatorConfig::new(load_fixture()))
        .await
        .unwrap();
    let base = sim.base_url().to_string();
    let f = sim.fixture().clone();
    // reqwest is built without a default crypto provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let mut tasks = Vec::new();
    for i in 0..FLOWS {
        let http = http.clone();
        let base = base.clone();
        let f = f.clone();
        tasks.push(tokio::spawn(async move {
            let token: Value = serde_json::from_slice(
                &http
                    .post(format!("{base}/oauth2/v1/token"))
                    .basic_auth(&f.client_id, Some(&f.client_secret))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body("grant_type=client_credentials")
                    .send()
                    .await
                    .unwrap()
                    .bytes()
                    .await
                    .unwrap(),
            )
            .unwrap();
            let token = token["access_token"].as_str().unwrap().to_string();
            let start: Value = serde_json::from_slice(
                &http
                    .get(format!("{base}/sso/v1/sdk/authenticate?appName={}", f.app_name))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap()
                    .bytes()
                    .await
                    .unwrap(),
            )
            .unwrap();
            let url = format!("{base}/sso/v1/sdk/authenticate");
            let (s, cred) = post(&http, &url, &token, json!({"op": "credSubmit",
                "credentials": {"username": format!("load{i}"), "password": format!("Load-{i}-Pass")},
                "requestState": start["requestState"]})).await;
            assert_eq!(s, 200, "{cred}");
            assert_eq!(cred["nextAuthFactors"], json!(["TOTP"]));
            let challenge_state = cred["requestState"].as_str().unwrap().to_string();
            let (s, done) = post(&http, &url, &token, json!({"op": "credSubmit",
                "credentials": {"otpCode": f.otp_codes.totp}, "requestState": challenge_state})).await;
            assert_eq!(s, 200, "{done}");
            let authn = done["authnToken"].as_str().unwrap();
            assert_eq!(sub(authn), format!("load{i}"));
            (i, challenge_state)
        }));
    }
    let mut states = Vec::new();
    for t in tasks {
        states.push(t.await.unwrap());
    }
    // Completed flows' states never work again, for any user.
    let token: Value = serde_json::from_slice(
        &http
            .post(format!("{base}/oauth2/v1/token"))
            .basic_auth(&f.client_id, Some(&f.client_secret))
            .body("grant_type=client_credentials")
            .header("content-type", "application/x-www-form-urlencoded")
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap(),
    )
    .unwrap();
    let token = token["access_token"].as_str().unwrap();
    for (_, state) in states.iter().take(20) {
        let (s, body) = post(&http, &format!("{base}/sso/v1/sdk/authenticate"), token,
            json!({"op": "credSubmit", "credentials": {"otpCode": f.otp_codes.totp}, "requestState": state})).await;
        assert_eq!(s, 401);
        assert_eq!(body["cause"][0]["code"], "AUTH-1120");
    }
    let unique: std::collections::HashSet<_> = states.iter().map(|(_, s)| s.clone()).collect();
    assert_eq!(unique.len(), FLOWS);
}
