//! Validation of authenticate requests (bearer, JSON, `requestState`, `op`, `authFactor`)
//! and expired states.

use super::*;

#[tokio::test]
async fn validation_errors() {
    let api = Api::new().await;
    let token = api.client_token().await;
    let start = api.start(&token).await;
    let state = rs(&start);
    // 422 missing op, re-offering the step.
    let r = api.post(&token, json!({"requestState": state})).await;
    assert_failed(&r, 422, "AUTH-1111");
    assert_eq!(r.body["nextOp"], json!(["credSubmit", "chooseIDP"]));
    assert_eq!(
        r.body["nextAuthFactors"],
        json!(["USERNAME_PASSWORD", "IDP"])
    );
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
    assert_eq!(r.body["nextOp"], json!(["credSubmit", "chooseIDP"]));
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
