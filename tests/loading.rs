//! Every file Newman loads, pmcheck loads: v1 collections (converted on load), UTF-16 and
//! BOM-prefixed files, globals as a bare list, lenient collection shapes and ragged CSV
//! data, each run against a real server on 127.0.0.1.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestServer;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/loading")
        .join(name)
}

/// Runs pmcheck with `args` (plus a JSON report) and returns the report's cases.
fn run(server: &TestServer, args: &[&Path], flags: &[&str]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let base = format!("base={}", server.url(""));
    let mut command = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    command
        .arg("run")
        .args(args)
        .args(flags)
        .args(["--env-var", &base, "-r", "json", "--color", "off"])
        .arg("--reporter-json-export")
        .arg(&report)
        .env_remove("PMCHECK_TARGET");
    let out = command.output().expect("pmcheck runs");
    let text = std::fs::read_to_string(&report)
        .unwrap_or_else(|_| panic!("no report: {}", String::from_utf8_lossy(&out.stderr).trim()));
    let report: Value = serde_json::from_str(&text).unwrap();
    report["cases"].as_array().unwrap().clone()
}

/// `(request, assertion, result)` of every assertion of the cases.
fn assertions(cases: &[Value]) -> Vec<(String, String, String)> {
    cases
        .iter()
        .flat_map(|c| {
            let request = c["case"]["request"].as_str().unwrap().to_string();
            c["assertions"].as_array().unwrap().iter().map(move |a| {
                (
                    request.clone(),
                    a["name"].as_str().unwrap().to_string(),
                    a["result"].as_str().unwrap().to_string(),
                )
            })
        })
        .collect()
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

#[test]
fn a_v1_collection_runs_as_newman_converts_it() {
    let server = TestServer::start_blocking();
    let cases = run(&server, &[&fixture("v1.postman_collection.json")], &[]);
    let got = assertions(&cases);
    // As postman-collection-transformer orders them: a folder's subfolders before its
    // requests.
    let want = [
        ("", "form body"),
        ("Put urlencoded", "urlencoded body"),
        ("Basic auth helper", "basic auth header"),
        ("Post raw", "raw body"),
        ("Get with path variable", "path variable and headers"),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((request, name, result), (want_request, want_name)) in got.iter().zip(want) {
        assert_eq!((request.as_str(), name.as_str()), (want_request, want_name));
        assert_eq!(result, "passed", "{request} › {name}: {cases:#?}");
    }
    // The unnamed request is shown by its URL in its test name.
    assert_eq!(cases[0]["name"], "v1 fixture::Outer::Inner::{{base}}/echo");
}

#[test]
fn utf16_and_bom_files_and_a_globals_list() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let collection = dir.path().join("c.postman_collection.json");
    let script = "pm.test('vars', function () { pm.expect(pm.environment.get('e')).to.eql('é'); pm.expect(pm.globals.get('g')).to.eql('G'); pm.expect(pm.iterationData.get('d')).to.eql('D'); });";
    let json = serde_json::json!({
        "info": {"name": "enc", "schema": "http://schema.getpostman.com/collection/v2/collection.json"},
        "item": [{"name": "r", "request": "{{base}}/echo",
                  "event": {"listen": "test", "script": {"exec": script}}}]
    });
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(json.to_string().as_bytes());
    std::fs::write(&collection, bom).unwrap();
    let env = dir.path().join("e.json");
    std::fs::write(
        &env,
        utf16(r#"{"values": [{"key": "e", "value": "é"}]}"#, true),
    )
    .unwrap();
    let globals = dir.path().join("g.json");
    std::fs::write(
        &globals,
        utf16(
            r#"[{"key": "g", "value": "G", "type": "text", "enabled": true}]"#,
            false,
        ),
    )
    .unwrap();
    let data = dir.path().join("d.csv");
    std::fs::write(&data, b"\xEF\xBB\xBFd, x, y\n\"D\"\n").unwrap();
    let flags = [
        "-e",
        env.to_str().unwrap(),
        "-g",
        globals.to_str().unwrap(),
        "-d",
        data.to_str().unwrap(),
    ];
    let cases = run(&server, &[&collection], &flags);
    assert_eq!(
        assertions(&cases),
        [("r".into(), "vars".into(), "passed".into())],
        "{cases:#?}"
    );
}

#[test]
fn a_utf16_file_with_an_error_is_located_by_character() {
    let dir = tempfile::tempdir().unwrap();
    let env = dir.path().join("e.json");
    std::fs::write(
        &env,
        utf16(
            "{\"values\": [\n  {\"key\": \"é\", \"value\": 1, \"enabled\": \"no\"}]}",
            true,
        ),
    )
    .unwrap();
    let collection = fixture("v1.postman_collection.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(&collection)
        .arg("-e")
        .arg(&env)
        .output()
        .expect("pmcheck runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("e.json:2:42: at $.values[0].enabled: invalid type: string \"no\""),
        "{stderr}"
    );
}
