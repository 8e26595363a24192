//! `pmcheck schemas infer` and `pmcheck run --record-schemas`, end to end: folders inferred
//! from the shipped collection's saved examples and from a run against the embedded
//! simulator check a later run with `--schemas`, and catch a body that changed.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

const COLLECTION: &str = "collections/idcs-authentication.postman_collection.json";

fn pmcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `run` against the embedded simulator with `extra` arguments; the JSON report's cases.
fn run_embedded(dir: &Path, extra: &[&str]) -> (Output, Vec<Value>) {
    let report = dir.join(format!("report-{}.json", extra.len()));
    let _ = std::fs::remove_file(&report);
    let mut args = vec![
        "run",
        COLLECTION,
        "--target",
        "embedded",
        "-r",
        "json",
        "--reporter-json-export",
        s(&report),
    ];
    args.extend(extra);
    let out = pmcheck(&args);
    let cases = match std::fs::read_to_string(&report) {
        Ok(t) => serde_json::from_str::<Value>(&t).unwrap()["cases"]
            .as_array()
            .unwrap()
            .clone(),
        Err(_) => Vec::new(),
    };
    (out, cases)
}

/// Names of the schema files a run applied, and how many cases had none.
fn schemas_used(cases: &[Value]) -> (Vec<String>, usize) {
    let mut used: Vec<String> = cases
        .iter()
        .filter_map(|c| c["schema"].as_str().map(str::to_string))
        .collect();
    let none = cases.len() - used.len();
    used.sort();
    used.dedup();
    (used, none)
}

fn infer(out_dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["schemas", "infer", COLLECTION, "-o", s(out_dir)];
    args.extend(extra);
    pmcheck(&args)
}

fn files_of(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn saved_examples_give_a_folder_the_simulator_passes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("inferred");
    let out = infer(&dir, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("from 72 sample(s)"), "{}", text(&out));
    // The one example without a Content-Type (the 302 of the session redirect) is said
    // to be skipped.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Create a session") && stderr.contains("without a Content-Type"),
        "{stderr}"
    );

    let index = read_json(&dir.join("index.json"));
    assert_eq!(index["statuses"], json!({}));
    assert_eq!(
        index["description"],
        "Inferred by pmcheck schemas infer from 72 samples of IDCS Authentication API; review before committing."
    );
    let paths = index["paths"].as_object().unwrap();
    let keys: Vec<&str> = paths.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "GET /admin/v1/Me",
            "GET /sso/v1/sdk/authenticate",
            "POST /oauth2/v1/token",
            "POST /sso/v1/sdk/authenticate",
        ]
    );
    let authn = &paths["POST /sso/v1/sdk/authenticate"];
    assert_eq!(
        authn["200"],
        json!({"application/json": "post-sso-v1-sdk-authenticate.200.json"})
    );
    assert_eq!(
        paths["GET /sso/v1/sdk/authenticate"]["401"],
        json!({"text/html": "none"})
    );
    assert_eq!(
        paths["GET /admin/v1/Me"]["200"],
        json!({"application/scim+json": "get-admin-v1-me.200.json"})
    );
    let token = read_json(&dir.join("post-oauth2-v1-token.200.json"));
    assert_eq!(
        token["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(token["properties"]["expires_in"]["type"], "integer");
    assert_eq!(
        token["required"],
        json!(["access_token", "expires_in", "token_type"])
    );
    assert!(!token.to_string().contains("enum"));

    // A second infer into the same folder is refused, --force writes over it, and the
    // output is the same byte for byte.
    let before: Vec<(PathBuf, String)> = files_of(&dir)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    let again = infer(&dir, &[]);
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    assert!(text(&again).contains("is not empty"), "{}", text(&again));
    let forced = infer(&dir, &["--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced));
    let after: Vec<(PathBuf, String)> = files_of(&dir)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    assert_eq!(before, after);

    // The simulator's answers conform to what the examples show: every case passes, and
    // every JSON answer was checked by an inferred schema.
    let (run, cases) = run_embedded(tmp.path(), &["--schemas", s(&dir)]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    assert_eq!(cases.len(), 73);
    let (used, unchecked) = schemas_used(&cases);
    assert_eq!(used.len(), 9, "{used:?}");
    assert!(used.iter().all(|f| dir.join(f).is_file()), "{used:?}");
    // The HTML 401 ("none") and the 302 without a body.
    assert_eq!(unchecked, 2);
}

#[test]
fn enums_only_when_asked_and_never_for_secrets() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("enums");
    let out = infer(&dir, &["--enums"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let ok = read_json(&dir.join("post-sso-v1-sdk-authenticate.200.json"));
    // `pending` is seen once (the push challenge, approved at the first poll): a value
    // seen once makes no enum.
    assert_eq!(ok["properties"]["status"], json!({"type": "string"}));
    // Masked in every example, and a secret-bearing name: no values.
    assert_eq!(
        ok["properties"]["authnToken"],
        json!({"type": ["string", "number"]})
    );
    let token = read_json(&dir.join("post-oauth2-v1-token.200.json"));
    assert_eq!(token["properties"]["token_type"]["enum"], json!(["Bearer"]));
    assert!(token["properties"]["access_token"].get("enum").is_none());
    let (run, _) = run_embedded(tmp.path(), &["--schemas", s(&dir)]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
}

#[test]
fn a_field_the_fixture_retypes_or_drops_fails_the_cases_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("inferred");
    let out = infer(&dir, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // A test-only fixture: its fault rules flip the type of `expires_in` (a number in every
    // example) in the token answers, or take it out of them.
    let fixture = pmcheck(&["serve", "--print-fixture"]);
    let fixture: Value = serde_json::from_slice(&fixture.stdout).unwrap();
    for (fault, keyword, pointer) in [
        ("retype=expires_in", "type", "/expires_in"),
        ("drop=expires_in", "required", ""),
    ] {
        let mut fixture = fixture.clone();
        fixture["faults"] = json!([{"path": "/oauth2/v1/token", "status": 200, "fault": fault}]);
        let fixture_path = tmp.path().join("fixture.json");
        std::fs::write(&fixture_path, fixture.to_string()).unwrap();

        let (run, cases) = run_embedded(
            tmp.path(),
            &["--schemas", s(&dir), "--fixture", s(&fixture_path)],
        );
        assert_eq!(run.status.code(), Some(1), "{fault}: {}", text(&run));
        let failed: Vec<&Value> = cases.iter().filter(|c| c["verdict"] != "passed").collect();
        let names: Vec<&str> = failed.iter().map(|c| common::request_name(c)).collect();
        assert_eq!(
            names,
            [
                "Get a client token",
                "Exchange the authnToken for a user token"
            ],
            "{fault}: {}",
            text(&run)
        );
        for case in failed {
            assert_eq!(case["schema"], "post-oauth2-v1-token.200.json");
            let v = &case["violations"][0];
            assert_eq!(v["keyword"], keyword, "{case}");
            assert_eq!(v["pointer"], pointer, "{case}");
            assert!(
                v["message"].as_str().unwrap().contains("expires_in")
                    || v["pointer"] == "/expires_in",
                "{case}"
            );
        }
    }
}

#[test]
fn a_flipped_type_fails_and_names_its_pointer() {
    // A server that answers with the request's own body: the same collection sends
    // `"name": "Rex"` (as its examples show), then `"name": 7`.
    let server = common::TestServer::start_blocking();
    let tmp = tempfile::tempdir().unwrap();
    let example = |body: &str| {
        json!({"name": "ok", "code": 200, "body": body,
               "header": [{"key": "Content-Type", "value": "application/json"}]})
    };
    let collection = json!({
        "info": {"name": "pets", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{
            "name": "Echo a pet",
            "request": {
                "method": "POST",
                "url": {"raw": "{{HOST}}/respond/:code", "host": ["{{HOST}}"], "path": ["respond", ":code"],
                        "variable": [{"key": "code", "value": "200"}]},
                "body": {"mode": "raw", "raw": "{\"id\": 1, \"name\": {{name}}, \"tags\": [\"a\"]}"},
            },
            "response": [
                example(r#"{"id": 1, "name": "Rex", "tags": ["a"]}"#),
                example(r#"{"id": 2, "name": null, "tags": []}"#),
            ],
        }],
    });
    let path = tmp.path().join("pets.postman_collection.json");
    std::fs::write(&path, collection.to_string()).unwrap();
    let dir = tmp.path().join("schemas");
    let out = pmcheck(&["schemas", "infer", s(&path), "-o", s(&dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let index = read_json(&dir.join("index.json"));
    assert_eq!(
        index["paths"],
        json!({"POST /respond/{code}": {"200": {"application/json": "post-respond-code.200.json"}}})
    );
    let schema = read_json(&dir.join("post-respond-code.200.json"));
    assert_eq!(
        schema["properties"]["name"]["type"],
        json!(["string", "null"])
    );

    let host = server.url("");
    let host_var = format!("HOST={host}");
    let run = |name: &str| {
        let report = tmp.path().join("report.json");
        let name_var = format!("name={name}");
        let out = pmcheck(&[
            "run",
            s(&path),
            "--target",
            &host,
            "--env-var",
            &host_var,
            "--env-var",
            &name_var,
            "--schemas",
            s(&dir),
            "-r",
            "cli,json",
            "--color",
            "off",
            "--reporter-json-export",
            s(&report),
        ]);
        let cases = read_json(&report)["cases"].clone();
        (out, cases[0].clone())
    };
    let (ok, case) = run("\"Rex\"");
    assert_eq!(ok.status.code(), Some(0), "{}\n{case:#}", text(&ok));
    assert_eq!(case["schema"], "post-respond-code.200.json");
    let (bad, case) = run("7");
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    let v = &case["violations"][0];
    assert_eq!(
        (&v["pointer"], &v["keyword"]),
        (&json!("/name"), &json!("type")),
        "{case}"
    );
    assert!(
        String::from_utf8_lossy(&bad.stdout).contains("/name"),
        "{}",
        text(&bad)
    );
}

#[test]
fn a_recorded_run_checks_the_next_one_and_keeps_no_secret() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("recorded");
    let (first, _) = run_embedded(tmp.path(), &["--record-schemas", s(&dir)]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first));
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(
        stderr.contains("recorded schemas: 9 file(s) for 4 endpoint(s) from 72 response(s)"),
        "{}",
        text(&first)
    );
    let index = read_json(&dir.join("index.json"));
    assert_eq!(
        index["description"],
        "Inferred by pmcheck run --record-schemas from 72 samples of IDCS Authentication API; review before committing."
    );
    assert_eq!(
        index["paths"]["POST /sso/v1/sdk/authenticate"]["401"],
        json!({"application/json": "post-sso-v1-sdk-authenticate.401.json"})
    );

    // Nothing secret of the tenant reaches a file: not the client secret, no password,
    // no OTP or bypass code.
    let fixture = pmcheck(&["serve", "--print-fixture"]);
    let fixture: Value = serde_json::from_slice(&fixture.stdout).unwrap();
    let mut secrets = vec![fixture["client_secret"].as_str().unwrap().to_string()];
    for user in fixture["users"].as_array().unwrap() {
        secrets.push(user["password"].as_str().unwrap().to_string());
        for code in user["bypass_codes"].as_array().unwrap() {
            secrets.push(code.as_str().unwrap().to_string());
        }
    }
    for file in files_of(&dir) {
        let t = std::fs::read_to_string(&file).unwrap();
        for secret in &secrets {
            assert!(
                !t.contains(secret.as_str()),
                "{} holds {secret}",
                file.display()
            );
        }
    }

    let (second, cases) = run_embedded(tmp.path(), &["--schemas", s(&dir)]);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second));
    let (used, unchecked) = schemas_used(&cases);
    assert_eq!((used.len(), unchecked), (9, 2), "{used:?}");

    // Recording into a folder that holds files is refused before anything runs.
    let (again, cases) = run_embedded(tmp.path(), &["--record-schemas", s(&dir)]);
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    assert!(text(&again).contains("is not empty"));
    assert!(cases.is_empty());
}

#[test]
fn a_malformed_collection_is_named_with_its_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bad.postman_collection.json");
    std::fs::write(&path, "{\"info\": {\"name\": \"x\", \"schema\": \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n \"item\": [}\n").unwrap();
    let out = pmcheck(&["schemas", "infer", s(&path), "-o", s(&tmp.path().join("o"))]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.postman_collection.json:2:"),
        "{stderr}"
    );
    assert!(!tmp.path().join("o").exists());
}
