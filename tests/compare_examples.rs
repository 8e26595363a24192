//! `--compare-examples` against a test server on 127.0.0.1 that answers each request with
//! its own body: a response agrees with any saved example of its status, a mismatch names
//! the closest example, and the sidecar's `[compare]` keys (`optional`, `vary`) change
//! verdicts.

mod common;

use std::process::Command;

use common::TestServer;
use serde_json::{Value, json};

/// A request that POSTs `answer` to `/respond/200`, with saved 200 examples `(name, body)`.
fn item(name: &str, answer: Value, examples: &[(&str, Value)]) -> Value {
    json!({
        "name": name,
        "request": {
            "method": "POST",
            "url": "{{base}}/respond/200",
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "body": {"mode": "raw", "raw": answer.to_string()}
        },
        "response": examples.iter().map(|(n, b)| json!({
            "name": n, "code": 200, "status": "OK",
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "body": b.to_string()
        })).collect::<Vec<_>>()
    })
}

fn collection() -> Value {
    let pending = json!({"status": "pending", "requestState": "r1"});
    let success = json!({"status": "success", "authnToken": "t1", "ecId": "e1"});
    json!({
        "info": {"name": "compare", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            item("second example agrees", json!({"status": "success", "authnToken": "t9", "ecId": "e9"}),
                &[("pending", pending.clone()), ("success", success.clone())]),
            item("none agrees", json!({"status": "success", "authnToken": "t9", "ecId": "e9", "extra": 1}),
                &[("pending", pending.clone()), ("success", success)]),
            item("without ecId", json!({"status": "pending", "requestState": "r1"}),
                &[("recorded with ecId", json!({"status": "pending", "requestState": "r1", "ecId": "e1"}))]),
            item("another token", json!({"status": "pending", "requestState": "r2"}),
                &[("pending", pending)]),
        ]
    })
}

/// Runs the collection with `--compare-examples MODE` and the sidecar text; returns the
/// exit code, stderr and the JSON report.
fn run(server: &TestServer, mode: &str, sidecar: &str) -> (Option<i32>, String, Value) {
    let dir = tempfile::tempdir().unwrap();
    let coll = dir.path().join("compare.postman_collection.json");
    std::fs::write(&coll, collection().to_string()).unwrap();
    let config = dir.path().join("compare.pmcheck.toml");
    std::fs::write(&config, sidecar).unwrap();
    let report = dir.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(&coll)
        .arg("--config")
        .arg(&config)
        .args(["--env-var", &format!("base={}", server.url(""))])
        .args([
            "--compare-examples",
            mode,
            "-r",
            "json",
            "--reporter-json-export",
        ])
        .arg(&report)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    let json = std::fs::read_to_string(&report)
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or(Value::Null);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        json,
    )
}

/// Each case's request name and verdict, in order.
fn verdicts(report: &Value) -> Vec<(String, String)> {
    report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["case"]["request"].as_str().unwrap().to_string(),
                c["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn verdict_of(report: &Value, request: &str) -> String {
    verdicts(report)
        .into_iter()
        .find(|(r, _)| r == request)
        .map(|(_, v)| v)
        .unwrap()
}

/// The `saved example` check's detail of a request's case.
fn example_detail<'a>(report: &'a Value, request: &str) -> &'a Value {
    let case = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["case"]["request"] == request)
        .unwrap();
    let check = case["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "saved example")
        .unwrap();
    &check["detail"]
}

#[test]
fn any_example_of_the_status_may_agree_and_a_mismatch_names_the_closest() {
    let server = TestServer::start_blocking();
    let (_, stderr, report) = run(&server, "shape", "");
    assert_eq!(
        verdicts(&report),
        [
            ("second example agrees".into(), "passed".into()),
            ("none agrees".into(), "failed".into()),
            ("without ecId".into(), "failed".into()),
            ("another token".into(), "passed".into()),
        ],
        "{stderr}"
    );
    let detail = example_detail(&report, "none agrees");
    assert_eq!(detail["kind"], "example_mismatch");
    assert_eq!(detail["example"], "success", "{detail}");
    assert_eq!(detail["compared"], 2);
    let diff: Vec<&str> = detail["diff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(diff.contains(&"+  \"extra\": \"<number>\","), "{diff:?}");
    assert!(!diff.iter().any(|l| l.contains("requestState")), "{diff:?}");
    let case = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["case"]["request"] == "none agrees")
        .unwrap();
    let message = case["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "saved example")
        .unwrap()["message"]
        .as_str()
        .unwrap();
    assert!(
        message.contains("all 2 saved examples") && message.contains("closest: \"success\""),
        "{message}"
    );
    assert_eq!(
        example_detail(&report, "without ecId")["example"],
        "recorded with ecId"
    );
}

#[test]
fn optional_keys_and_varying_values_change_verdicts() {
    let server = TestServer::start_blocking();
    let optional = "[compare]\noptional = [\"ecId\"]\n";
    let (_, stderr, report) = run(&server, "shape", optional);
    assert_eq!(verdict_of(&report, "without ecId"), "passed", "{stderr}");
    assert_eq!(verdict_of(&report, "none agrees"), "failed");

    // Exact: another requestState (or token) differs, unless the sidecar says it varies.
    let (_, _, report) = run(&server, "exact", optional);
    assert_eq!(verdict_of(&report, "another token"), "failed");
    assert_eq!(verdict_of(&report, "second example agrees"), "failed");
    assert_eq!(verdict_of(&report, "without ecId"), "passed");
    let vary = "[compare]\noptional = [\"ecId\"]\nvary = [\"..requestState\", \"/authnToken\", \"/ecId\"]\n";
    let (_, stderr, report) = run(&server, "exact", vary);
    assert_eq!(
        verdicts(&report),
        [
            ("second example agrees".into(), "passed".into()),
            ("none agrees".into(), "failed".into()),
            ("without ecId".into(), "passed".into()),
            ("another token".into(), "passed".into()),
        ],
        "{stderr}"
    );
    // A rule's own `compare` table adds to the section's, for its requests only.
    let per_rule = "[compare]\noptional = [\"ecId\"]\n\n[[rule]]\npath = \"another token\"\ncompare = { vary = [\"..requestState\"] }\n";
    let (_, _, report) = run(&server, "exact", per_rule);
    assert_eq!(verdict_of(&report, "another token"), "passed");
    assert_eq!(verdict_of(&report, "second example agrees"), "failed");
}

#[test]
fn a_bad_selector_is_an_error_naming_the_file_and_key() {
    let server = TestServer::start_blocking();
    let (code, stderr, _) = run(&server, "exact", "[compare]\nvary = [\"requestState\"]\n");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("compare.pmcheck.toml:2:9")
            && stderr.contains("compare vary \"requestState\""),
        "{stderr}"
    );
}
