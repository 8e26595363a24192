//! The simulator over real HTTP, by topic: the endpoints and their bearer checks, request
//! validation, sign-in and challenges, enrollment, the recorded shapes of answers, fault
//! injection, a learned fixture, the security rules and what sign-ins leave behind. This
//! file holds the client and the assertions every topic uses.

mod endpoints;
mod enrollment;
mod faults;
mod learn;
mod remembered;
mod security;
mod shapes;
mod sign_in;
mod validation;

use std::time::Duration;

use base64::Engine;
use pmcheck_simulator::{Fixture, Simulator, SimulatorConfig};
use serde_json::{Value, json};

fn builtin_config() -> SimulatorConfig {
    SimulatorConfig::new(Fixture::builtin().unwrap())
}

/// The built-in fixture as `edit` changes it.
fn config_with(edit: impl FnOnce(&mut Fixture)) -> SimulatorConfig {
    let mut fixture = Fixture::builtin().unwrap();
    edit(&mut fixture);
    SimulatorConfig::new(fixture)
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

/// Installs ring as rustls's provider (reqwest is built without a default one).
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl Api {
    async fn new() -> Api {
        Api::with(builtin_config()).await
    }

    async fn with(config: SimulatorConfig) -> Api {
        let sim = Simulator::start(config).await.unwrap();
        install_crypto_provider();
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

    /// `getBackupFactors` at the step `r` answered.
    async fn backup_factors(&self, token: &str, r: &Reply) -> Reply {
        self.post(
            token,
            json!({"op": "getBackupFactors", "requestState": rs(r)}),
        )
        .await
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
    // Every answer of the authenticate endpoints names it in the body too, as `ecId`.
    assert_eq!(r.body["ecId"], ecid, "{}", r.body);
    assert!(r.body.get("ecid").is_none(), "{}", r.body);
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
    assert_api_headers(r);
}

fn assert_token(r: &Reply) -> String {
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "success");
    assert_api_headers(r);
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
