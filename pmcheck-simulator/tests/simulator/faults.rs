//! Fault injection by header and by fixture rule, and fixture files.

use super::*;

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
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixture.json");
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
    let faulted = api.backup_factors(&token, &r).await;
    assert_failed(&faulted, 500, "AUTH-1112");
}
