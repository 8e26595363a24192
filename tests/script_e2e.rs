//! The Newman-recorded script corpus replayed end to end through `pmcheck run`: the
//! requests run in the recorded order (setNextRequest included) and every assertion has
//! the recorded name, result and message, as the JSON report shows them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestServer, request_name};
use serde_json::{Value, json};

/// Fixtures whose difference from Newman is known and documented in `src/script/corpus_tests.rs`.
const KNOWN_DIFFERENCES: [&str; 2] = ["09-", "54-"];

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
}

/// A Postman variable file from a `{name: value}` object.
fn variable_file(values: &Value) -> Value {
    let values: Vec<Value> = values
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| json!({"key": k, "value": v, "enabled": true}))
                .collect()
        })
        .unwrap_or_default();
    json!({"name": "fixture", "values": values})
}

#[test]
fn newman_corpus_through_pmcheck_run() {
    let server = TestServer::start_blocking();
    let mut compared = 0;
    for path in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if KNOWN_DIFFERENCES.iter().any(|k| name.starts_with(k)) {
            continue;
        }
        let fixture: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let collection = dir.path().join("c.postman_collection.json");
        std::fs::write(&collection, fixture["collection"].to_string()).unwrap();
        let env = dir.path().join("env.json");
        std::fs::write(
            &env,
            variable_file(fixture.get("environment").unwrap_or(&json!({}))).to_string(),
        )
        .unwrap();
        let report = dir.path().join("report.json");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
        cmd.arg("run")
            .arg(&collection)
            .arg("-e")
            .arg(&env)
            .args(["--env-var", &format!("base={}", server.url(""))])
            .args(["-r", "json", "--reporter-json-export"])
            .arg(&report)
            .env_remove("PMCHECK_TARGET");
        if let Some(globals) = fixture.get("globals") {
            let g = dir.path().join("globals.json");
            std::fs::write(&g, variable_file(globals).to_string()).unwrap();
            cmd.arg("-g").arg(g);
        }
        if let Some(data) = fixture.get("data") {
            let d = dir.path().join("data.json");
            std::fs::write(&d, data.to_string()).unwrap();
            cmd.arg("-d").arg(d);
        }
        let out = cmd.output().unwrap();
        assert_ne!(
            out.status.code(),
            Some(2),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
        // A request skipped by pm.execution.skipRequest() is a skipped case, one that
        // setNextRequest kept from running a not-run case; Newman lists neither among the
        // executed requests.
        let cases: Vec<&Value> = report["cases"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["verdict"] != "skipped" && c["verdict"] != "not_run")
            .collect();
        let requests: Vec<&str> = cases.iter().map(|c| request_name(c)).collect();
        let expected = &fixture["expected"];
        let want_requests: Vec<&str> = expected["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert_eq!(requests, want_requests, "{name}: request order");
        let got: Vec<(String, String, String, Option<String>)> = cases
            .iter()
            .flat_map(|c| {
                let request = request_name(c).to_string();
                c["assertions"].as_array().unwrap().iter().map(move |a| {
                    (
                        request.clone(),
                        a["name"].as_str().unwrap().to_string(),
                        a["result"].as_str().unwrap().to_string(),
                        a["message"].as_str().map(str::to_string),
                    )
                })
            })
            .collect();
        assert_eq!(
            got,
            common::recorded_assertions(expected),
            "{name}: assertions"
        );
        compared += 1;
    }
    assert!(compared >= 70, "{compared} fixtures compared");
}

/// Newman's script semantics through `pmcheck run` against a real server: callbacks and
/// timers run after the script's body, test scripts run after a request that failed (the
/// case stays an error), and variables and JSON data keep their type.
#[test]
fn async_scripts_failed_requests_and_typed_variables() {
    let server = TestServer::start_blocking();
    let test = |lines: &[&str]| json!([{"listen": "test", "script": {"exec": lines}}]);
    let collection = json!({
        "info": {"name": "semantics", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {"name": "async", "request": {"method": "GET", "url": "{{base}}/echo"}, "event": test(&[
                "var order = [];",
                "pm.sendRequest(pm.variables.get('base') + '/echo?side=1', function (err, res) {",
                "  order.push('callback ' + res.code); pm.environment.set('n', res.code - 198);",
                "});",
                "setTimeout(function () { pm.test(order.concat('timer').join(), function () {}); }, 20);",
                "order.push('end');",
                "pm.test('data is a number', function () { pm.expect(pm.iterationData.get('k')).to.equal(5); });"
            ])},
            {"name": "refused", "request": {"method": "GET", "url": "http://127.0.0.1:1/"}, "event": test(&[
                "pm.test('runs after the error', function () { pm.expect(pm.response.code).to.equal(undefined); });",
                "pm.test('no status', function () { pm.response.to.have.status(200); });"
            ])},
            {"name": "typed", "request": {"method": "GET", "url": "{{base}}/echo?n={{n}}"}, "event": test(&[
                "pm.test('n is the number 2', function () { pm.expect(pm.environment.get('n')).to.equal(2); });",
                "pm.test('rendered', function () { pm.expect(pm.request.url.toString()).to.include('n=2'); });"
            ])}
        ]
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.postman_collection.json");
    std::fs::write(&path, collection.to_string()).unwrap();
    let data = dir.path().join("data.json");
    std::fs::write(&data, r#"[{"k": 5}]"#).unwrap();
    let report = dir.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(&path)
        .arg("-d")
        .arg(&data)
        .args(["--env-var", &format!("base={}", server.url(""))])
        .args(["-r", "json", "--reporter-json-export"])
        .arg(&report)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let cases = report["cases"].as_array().unwrap();
    let assertions = |i: usize| -> Vec<(String, String)> {
        cases[i]["assertions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["name"].as_str().unwrap().to_string(),
                    a["result"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let pair = |n: &str, r: &str| (n.to_string(), r.to_string());
    assert_eq!(
        assertions(0),
        [
            pair("data is a number", "passed"),
            pair("end,callback 200,timer", "passed")
        ]
    );
    assert_eq!(cases[1]["verdict"], "error");
    assert_eq!(
        assertions(1),
        [
            pair("runs after the error", "passed"),
            pair("no status", "failed")
        ]
    );
    assert_eq!(
        assertions(2),
        [
            pair("n is the number 2", "passed"),
            pair("rendered", "passed")
        ]
    );
    // The script's own request reached the server, between the collection's.
    let targets: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(targets, ["/echo", "/echo?side=1", "/echo?n=2"]);
}
