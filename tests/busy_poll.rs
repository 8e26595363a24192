//! `--busy-poll` changes how a sequential run waits for answers, never what it finds: the
//! same cases with the same verdicts and statuses, with checking waits and with sleeping
//! ones, against a fast and a slow target. (What it does to the process, its context
//! switches and CPU time, depends on the machine: `bench/busy-poll.sh` measures it.)

mod common;

use std::path::Path;
use std::process::Command;

use common::TestServer;
use serde_json::{Value, json};

/// Runs `file` against `server` with `extra` arguments; returns each case's name, verdict
/// and response status from the JSON report.
fn cases(file: &Path, server: &TestServer, extra: &[&str]) -> Vec<(String, String, Value)> {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(file)
        .args(["--target", &server.url(""), "-r", "json", "--schemas"])
        .arg(file.with_file_name("schemas"))
        .arg("--reporter-json-export")
        .arg(&report)
        .args(extra)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the 500s fail");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["verdict"].as_str().unwrap().to_string(),
                c["response"]["status"].clone(),
            )
        })
        .collect()
}

#[test]
fn busy_polling_changes_how_a_run_waits_not_what_it_finds() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let paths = ["/echo", "/slow/1", "/status/500", "/slow/5", "/echo"];
    let items: Vec<Value> = (0..30)
        .map(|i| {
            json!({
                "name": format!("request {i}"),
                "event": [{"listen": "test", "script": {"exec": [
                    "pm.test('answered', () => pm.expect(pm.response.code).to.be.above(199));"
                ]}}],
                "request": {"method": "GET", "url": server.url(paths[i % paths.len()])},
            })
        })
        .collect();
    let file = dir.path().join("busy.postman_collection.json");
    let body = json!({
        "info": {"name": "busy", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
    });
    std::fs::write(&file, body.to_string()).unwrap();
    std::fs::create_dir_all(dir.path().join("schemas")).unwrap();
    std::fs::write(dir.path().join("schemas/index.json"), r#"{"statuses": {}}"#).unwrap();

    let checking = cases(&file, &server, &["--busy-poll", "200000"]);
    let default = cases(&file, &server, &[]);
    let sleeping = cases(&file, &server, &["--busy-poll", "0"]);
    assert_eq!(checking.len(), 30);
    assert_eq!(
        checking.iter().filter(|c| c.1 == "failed").count(),
        6,
        "{checking:?}"
    );
    assert_eq!(checking, sleeping);
    assert_eq!(default, sleeping);
}
