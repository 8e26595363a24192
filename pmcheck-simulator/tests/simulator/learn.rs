//! A fixture learned from a collection's saved examples answers with the recorded texts,
//! menus and identity providers; what was never recorded keeps the catalogue's wording.

use super::*;
use pmcheck_simulator::Factor;

/// A saved example of `POST /sso/v1/sdk/authenticate` (or `path`) answering `answer`.
fn example(path: &str, headers: Value, request: Value, code: u16, answer: Value) -> Value {
    json!({
        "name": format!("Example {code}"),
        "code": code,
        "body": answer.to_string(),
        "originalRequest": {
            "method": "POST",
            "header": headers,
            "url": {"raw": format!("{{{{HOST}}}}{path}"), "host": ["{{HOST}}"]},
            "body": {"mode": "raw", "raw": request.to_string()}
        }
    })
}

const AUTHENTICATE: &str = "/sso/v1/sdk/authenticate";

fn failed(code: &str, message: &str) -> Value {
    json!({"status": "failed", "cause": [{"code": code, "message": message}]})
}

/// A collection whose examples word AUTH-3001 twice one way and once another, AUTH-3036
/// with the request's locale, AUTH-1120 on the authenticate endpoint only, and show an
/// identity provider and a two-factor enrollment menu.
fn recorded_collection() -> Value {
    let password = json!({"op": "credSubmit", "credentials": {"username": "u", "password": "p"},
                          "requestState": "{{requestState}}"});
    let wrong = |text: &str| {
        example(
            AUTHENTICATE,
            json!([]),
            password.clone(),
            401,
            failed("AUTH-3001", text),
        )
    };
    json!({
        "info": {"name": "Recorded", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {"name": "Folder", "item": [{"name": "Nested", "item": [{
                "name": "Password",
                "request": {"method": "POST", "url": "{{HOST}}/sso/v1/sdk/authenticate"},
                "response": [
                    wrong("Tenant: bad name or password."),
                    wrong("Tenant: bad name or password."),
                    wrong("Tenant, older wording."),
                    example(AUTHENTICATE, json!([{"key": "Accept-Language", "value": "de-CH"}]),
                        password.clone(), 401,
                        failed("AUTH-3036", "Tenant has no statement in de, sorry.")),
                    example(AUTHENTICATE, json!([]), password.clone(), 401,
                        failed("AUTH-1120", "Tenant: that requestState is gone.")),
                    example(AUTHENTICATE, json!([]), password.clone(), 200, json!({
                        "status": "success",
                        "nextAuthFactors": ["SMS", "EMAIL"],
                        "nextOp": ["enrollment"],
                        "mfaSettings": {"enrollmentRequired": true}
                    })),
                ]
            }]}]},
            {"name": "Start", "request": {"method": "GET", "url": "{{HOST}}/sso/v1/sdk/authenticate"},
             "response": [{
                "name": "Start", "code": 200,
                "originalRequest": {"method": "GET", "url": "{{HOST}}/sso/v1/sdk/authenticate?appName=App"},
                "body": json!({"status": "success", "nextAuthFactors": ["USERNAME_PASSWORD", "IDP"],
                    "IDP": {"configuredIDPs": [{"idpId": "f00d", "idpName": "Google", "idpType": "Social"}],
                            "credentials": ["idpId", "idpType"]}}).to_string()
             }]}
        ]
    })
}

fn learned() -> (Fixture, pmcheck_simulator::LearnReport) {
    let mut fixture = Fixture::builtin().unwrap();
    let report = fixture
        .learn(&[("Recorded".to_string(), recorded_collection())])
        .unwrap();
    (fixture, report)
}

#[test]
fn the_report_counts_what_was_learned_and_what_conflicted() {
    let (fixture, report) = learned();
    assert_eq!(report.collections, 1);
    assert_eq!(report.examples, 7);
    assert_eq!(report.idcs_examples, 7);
    let keys: Vec<&str> = report.messages.keys().map(String::as_str).collect();
    assert_eq!(keys, ["AUTH-1120:requestState", "AUTH-3001", "AUTH-3036"]);
    assert_eq!(report.messages["AUTH-3001"].count, 2);
    assert_eq!(
        fixture.messages["AUTH-3036"],
        "Tenant has no statement in {locale}, sorry."
    );
    let [conflict] = report.conflicts.as_slice() else {
        panic!("{:?}", report.conflicts)
    };
    assert_eq!(conflict.what, "AUTH-3001");
    assert_eq!(conflict.kept.value, "Tenant: bad name or password.");
    assert_eq!(conflict.other.value, "Tenant, older wording.");
    assert_eq!(conflict.other.count, 1);
    assert!(
        conflict
            .other
            .source
            .starts_with("Recorded › Folder / Nested / Password › "),
        "{}",
        conflict.other.source
    );
    assert_eq!(fixture.identity_providers.len(), 1);
    assert_eq!(fixture.identity_providers[0].id, "f00d");
    assert_eq!(fixture.identity_providers[0].name, "Google");
    assert_eq!(fixture.enrollment_factors, [Factor::Sms, Factor::Email]);
    assert_eq!(report.enrollment_required, (1, 0));
    let summary = report.to_string();
    assert!(summary.contains("messages: 3"), "{summary}");
    assert!(summary.contains("conflict AUTH-3001"), "{summary}");
    // The learned fixture is a fixture file like any other.
    let text = serde_json::to_string(&fixture).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("learned.json");
    std::fs::write(&path, text).unwrap();
    assert_eq!(Fixture::load(&path).unwrap(), fixture);
}

#[test]
fn an_unknown_parameter_value_is_not_learned() {
    let mut fixture = Fixture::builtin().unwrap();
    let request = json!({"op": "credSubmit", "requestState": "x"});
    let collection = json!({"item": [{"name": "R", "response": [
        example(AUTHENTICATE, json!([]), request, 401,
            failed("AUTH-3036", "Statement for locale fr is not added."))
    ]}]});
    let report = fixture.learn(&[("C".into(), collection)]).unwrap();
    assert!(fixture.messages.is_empty(), "{:?}", fixture.messages);
    let [skipped] = report.skipped.as_slice() else {
        panic!("{:?}", report.skipped)
    };
    assert_eq!(skipped.what, "AUTH-3036");
    assert!(skipped.reason.contains("locale"), "{}", skipped.reason);
}

#[test]
fn a_document_that_is_no_collection_is_refused() {
    let err = Fixture::builtin()
        .unwrap()
        .learn(&[("list.json".into(), json!([1, 2]))])
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("cannot learn from list.json: "), "{err}");
}

#[tokio::test]
async fn the_learned_texts_and_menu_are_answered_and_unrecorded_variants_keep_ours() {
    let ours = Api::new().await;
    let (fixture, _) = learned();
    let api = Api::with(SimulatorConfig::new(fixture)).await;

    let (_, r) = api.login("NO_MFA").await;
    assert_token(&r);
    let token = api.client_token().await;
    let start = api.start(&token).await;
    let wrong = json!({"op": "credSubmit", "credentials": {"username": "alice.nomfa", "password": "no"},
                       "requestState": rs(&start)});
    let r = api.post(&token, wrong).await;
    assert_failed(&r, 401, "AUTH-3001");
    assert_eq!(
        r.body["cause"][0]["message"],
        "Tenant: bad name or password."
    );

    // AUTH-3036 speaks of the locale this request asked for.
    let start = api.start(&token).await;
    let (u, p) = api.user("TERMS_OF_USE");
    let r = api
        .http
        .post(api.url("/sso/v1/sdk/authenticate"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .header("accept-language", "fr-FR")
        .body(
            json!({"op": "credSubmit", "credentials": {"username": u, "password": p},
                   "requestState": rs(&start)})
            .to_string(),
        )
        .send()
        .await
        .unwrap();
    let r = reply(r).await;
    assert_failed(&r, 401, "AUTH-3036");
    assert_eq!(
        r.body["cause"][0]["message"],
        "Tenant has no statement in fr, sorry."
    );

    // AUTH-1120 was recorded for an unknown requestState, not for the session endpoint.
    let r = api
        .post(
            &token,
            json!({"op": "credSubmit", "requestState": "unknown"}),
        )
        .await;
    assert_failed(&r, 401, "AUTH-1120");
    assert_eq!(
        r.body["cause"][0]["message"],
        "Tenant: that requestState is gone."
    );
    let session = |api: &Api, token: &str| {
        let request = api
            .http
            .post(api.url("/sso/v1/sdk/secure/session"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("requestState=unknown&authorization={token}"));
        async move { reply(request.send().await.unwrap()).await }
    };
    let learned_answer = session(&api, &token).await;
    let our_answer = session(&ours, &ours.client_token().await).await;
    assert_failed(&learned_answer, 401, "AUTH-1120");
    assert_eq!(
        learned_answer.body["cause"][0]["message"],
        our_answer.body["cause"][0]["message"]
    );

    // Never recorded: the catalogue's wording.
    let start = api.start(&token).await;
    let r = api.post(&token, json!({"requestState": rs(&start)})).await;
    let our_token = ours.client_token().await;
    let start = ours.start(&our_token).await;
    let o = ours
        .post(&our_token, json!({"requestState": rs(&start)}))
        .await;
    assert_eq!(r.body["cause"][0]["code"], "AUTH-1111");
    assert_eq!(r.body["cause"][0]["message"], o.body["cause"][0]["message"]);

    // The enrollment menu is the recorded one.
    let (_, r) = api.login("ENROLL_REQUIRED").await;
    assert_success(&r);
    assert_eq!(r.body["nextAuthFactors"], json!(["SMS", "EMAIL"]));
    let (_, r) = ours.login("ENROLL_REQUIRED").await;
    assert_eq!(
        r.body["nextAuthFactors"],
        json!(["PUSH", "TOTP", "SMS", "EMAIL", "SECURITY_QUESTIONS"])
    );
}

#[tokio::test]
async fn the_token_endpoint_learns_its_error_descriptions_by_cause() {
    let token_example = |form: &str, error: &str, text: &str| {
        json!({
            "name": error, "code": 400,
            "body": json!({"error": error, "error_description": text}).to_string(),
            "originalRequest": {"method": "POST", "url": "{{HOST}}/oauth2/v1/token",
                "body": {"mode": "raw", "raw": form}}
        })
    };
    let collection = json!({"item": [{"name": "Token", "response": [
        token_example("grant_type=client_credentials", "invalid_client", "Tenant: who are you?"),
        token_example("scope=x", "invalid_request", "Tenant: grant_type, please."),
    ]}]});
    let mut fixture = Fixture::builtin().unwrap();
    let report = fixture.learn(&[("C".into(), collection)]).unwrap();
    let keys: Vec<&str> = report.messages.keys().map(String::as_str).collect();
    assert_eq!(keys, ["invalid_client", "invalid_request:grant_type"]);
    let api = Api::with(SimulatorConfig::new(fixture)).await;
    let ours = Api::new().await;

    let r = api
        .token_with("nobody", "wrong", "grant_type=client_credentials")
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(r.body["error_description"], "Tenant: who are you?");
    let f = api.sim.fixture();
    let r = api
        .token_with(&f.client_id, &f.client_secret, "scope=x")
        .await;
    assert_eq!(r.body["error"], "invalid_request");
    assert_eq!(r.body["error_description"], "Tenant: grant_type, please.");
    // The other invalid_request was not recorded: our wording.
    let form = "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer";
    let r = api.token_with(&f.client_id, &f.client_secret, form).await;
    let o = ours.token_with(&f.client_id, &f.client_secret, form).await;
    assert_eq!(r.body["error"], "invalid_request");
    assert_eq!(r.body["error_description"], o.body["error_description"]);
}
