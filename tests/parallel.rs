//! `--jobs N` and `--shard K/N` of `pmcheck run`, against a real local server with a
//! generated collection: a root-level setup request that sets a variable, then folders of
//! requests that use it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::TestServer;
use serde_json::{Value, json};

/// A collection with one root-level setup request (its test script sets `token`) and
/// `folders` folders of `per_folder` requests to `path`, each sending `X-Token: {{token}}`.
fn collection(dir: &Path, folders: usize, per_folder: usize, path: &str) -> PathBuf {
    let request = |name: String, path: &str| {
        json!({
            "name": name,
            "request": {
                "method": "GET",
                "header": [{"key": "X-Token", "value": "{{token}}"}],
                "url": format!("{{{{base}}}}{path}")
            }
        })
    };
    let mut items = vec![json!({
        "name": "login",
        "event": [{"listen": "test", "script": {"exec": [
            "pm.environment.set('token', 'from-setup');"
        ]}}],
        "request": {"method": "GET", "url": "{{base}}/echo"}
    })];
    for f in 0..folders {
        items.push(json!({
            "name": format!("folder {f:02}"),
            "item": (0..per_folder)
                .map(|r| request(format!("request {r}"), path))
                .collect::<Vec<_>>()
        }));
    }
    let doc = json!({
        "info": {
            "name": "parallel",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": items,
        "variable": [{"key": "base", "value": "http://unused.invalid"}]
    });
    let file = dir.join("parallel.postman_collection.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    file
}

/// Runs pmcheck with a JSON report; returns the report's cases and the wall time.
fn run(server: &TestServer, collection: &Path, extra: &[&str]) -> (Vec<Value>, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas");
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(collection)
        .args(["--target", &server.url(""), "-r", "json", "--schemas"])
        .arg(&schemas)
        .arg("--reporter-json-export")
        .arg(&report)
        .args(extra)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    assert!(
        out.status.success(),
        "pmcheck {extra:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    (doc["cases"].as_array().unwrap().clone(), elapsed)
}

fn names(cases: &[Value]) -> Vec<String> {
    cases
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn jobs_run_flows_concurrently_in_document_order() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = collection(dir.path(), 16, 2, "/slow/100");
    let (sequential, one) = run(&server, &file, &["--jobs", "1"]);
    let (parallel, eight) = run(&server, &file, &["--jobs", "8"]);
    assert_eq!(sequential.len(), 33);
    assert_eq!(names(&sequential), names(&parallel));
    let mut expected = vec!["parallel::login".to_string()];
    for f in 0..16 {
        for r in 0..2 {
            expected.push(format!("parallel::folder {f:02}::request {r}"));
        }
    }
    assert_eq!(names(&parallel), expected);
    assert!(
        parallel.iter().all(|c| c["verdict"] == "passed"),
        "{parallel:#?}"
    );
    assert!(
        one >= eight * 4,
        "--jobs 8 took {eight:?}, --jobs 1 took {one:?}: less than 4× faster"
    );
    // Every flow started from the state after setup.
    let tokens: Vec<_> = server
        .requests()
        .iter()
        .filter(|r| r.target.starts_with("/slow/"))
        .map(|r| r.header("x-token").unwrap_or_default().to_string())
        .collect();
    assert_eq!(tokens.len(), 64);
    assert!(tokens.iter().all(|t| t == "from-setup"), "{tokens:?}");
}

#[test]
fn jobs_run_iterations_concurrently_in_order() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = collection(dir.path(), 3, 2, "/slow/50");
    let (sequential, _) = run(&server, &file, &["-n", "4"]);
    let (parallel, _) = run(&server, &file, &["-n", "4", "--jobs", "6"]);
    assert_eq!(sequential.len(), 4 * 7);
    assert_eq!(names(&sequential), names(&parallel));
    assert_eq!(
        names(&parallel)[7],
        "parallel::login [iter 2]",
        "{parallel:#?}"
    );
}

#[test]
fn shards_cover_every_case_exactly_once() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = collection(dir.path(), 12, 2, "/echo");
    let (all, _) = run(&server, &file, &[]);
    for jobs in ["1", "4"] {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut shards_with_flows = 0;
        for k in 1..=3 {
            let shard = format!("{k}/3");
            let (cases, _) = run(&server, &file, &["--shard", &shard, "--jobs", jobs]);
            let names = names(&cases);
            assert_eq!(
                names.contains(&"parallel::login".to_string()),
                k == 1,
                "setup is reported by shard 1 only: {shard} {names:?}"
            );
            shards_with_flows += usize::from(names.iter().any(|n| n.contains("folder")));
            for name in names {
                *seen.entry(name).or_default() += 1;
            }
            assert!(cases.iter().all(|c| c["verdict"] == "passed"), "{cases:#?}");
        }
        // The hash spreads 12 folders over more than one shard.
        assert!(shards_with_flows > 1);
        let mut expected = names(&all);
        expected.sort();
        assert_eq!(seen.keys().cloned().collect::<Vec<_>>(), expected);
        assert!(seen.values().all(|&n| n == 1), "{seen:?}");
    }
    // Setup ran in every shard: every flow request carried the token it set.
    assert!(
        server
            .requests()
            .iter()
            .filter(|r| r.target == "/echo" && r.header("x-token").is_some())
            .all(|r| r.header("x-token") == Some("from-setup"))
    );
}

/// `pm.sendRequest` from flows running on several worker threads at once: each send goes
/// through the run's side client while the worker's own thread waits in the script.
#[test]
fn jobs_send_requests_from_scripts() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let folders: Vec<Value> = (0..8)
        .map(|f| {
            json!({
                "name": format!("folder {f}"),
                "item": (0..2).map(|r| json!({
                    "name": format!("request {r}"),
                    "event": [{"listen": "test", "script": {"exec": [
                        format!("pm.sendRequest(pm.variables.get('base') + '/echo?flow={f}&step={r}', (err, res) => {{"),
                        format!("  pm.test('sent', () => pm.expect(res.json().target).to.equal('/echo?flow={f}&step={r}'));"),
                        "});"
                    ]}}],
                    "request": {"method": "GET", "url": "{{base}}/echo"}
                })).collect::<Vec<_>>()
            })
        })
        .collect();
    let doc = json!({
        "info": {"name": "send", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": folders,
        "variable": [{"key": "base", "value": server.url("")}]
    });
    let file = dir.path().join("send.postman_collection.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let (cases, _) = run(&server, &file, &["--jobs", "4"]);
    assert_eq!(cases.len(), 16);
    for case in &cases {
        assert_eq!(case["verdict"], "passed", "{case:#}");
        assert_eq!(case["assertions"][0]["result"], "passed", "{case:#}");
    }
    let sent = server
        .requests()
        .iter()
        .filter(|r| r.target.contains("flow="))
        .count();
    assert_eq!(sent, 16);
}
