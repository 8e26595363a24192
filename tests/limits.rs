//! Hostile inputs end in bounded time with a clear error: variables that expand
//! exponentially (in a request and through `replaceIn`), body files that are named pipes
//! or devices, and a URL of 300 KB of `{{`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Runs `command`, killing it when it takes longer than `limit` (a regression fails
/// instead of hanging the suite).
fn run_within(mut command: Command, limit: Duration) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("PMCHECK_TARGET")
        .spawn()
        .expect("start pmcheck");
    let started = Instant::now();
    while child.try_wait().expect("wait for pmcheck").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pmcheck ran for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("pmcheck's output")
}

/// Writes a collection of `items` with collection `variables` into `dir`.
fn collection(dir: &Path, items: Value, variables: Value) -> PathBuf {
    let file = dir.join("limits.postman_collection.json");
    let body = json!({
        "info": {
            "name": "limits",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "variable": variables,
        "item": items,
    });
    std::fs::write(&file, body.to_string()).expect("write the collection");
    file
}

/// Twenty variables, each referring four times to the next (4^19 copies of the last one),
/// and a 2000-byte one.
fn exponential() -> Value {
    let mut variables: Vec<Value> = (1..20)
        .map(|index| json!({"key": format!("v{index}"), "value": format!("{{{{v{}}}}}", index + 1).repeat(4)}))
        .collect();
    variables.push(json!({"key": "v20", "value": "e"}));
    variables.push(json!({"key": "big", "value": "x".repeat(2000)}));
    Value::Array(variables)
}

/// `pmcheck run FILE` with the JSON report; returns the process output and the cases.
fn run(file: &Path, extra: &[&str]) -> (Output, Vec<Value>) {
    let report = file.with_file_name("report.json");
    let mut command = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    command
        .arg("run")
        .arg(file)
        .args(["--color", "off", "-r", "cli,json", "--reporter-json-export"])
        .arg(&report)
        .args(extra);
    let out = run_within(command, Duration::from_secs(20));
    let text = std::fs::read_to_string(&report).expect("the JSON report");
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    let cases = doc["cases"].as_array().cloned().unwrap_or_default();
    (out, cases)
}

/// A request nothing answers: 127.0.0.1's discard port (it is never sent in these tests
/// unless said).
const NOWHERE: &str = "http://127.0.0.1:9/";

#[test]
fn exponential_variables_in_a_request_are_an_error_naming_the_variable() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let items = json!([{
        "name": "exponential",
        "request": {"method": "GET", "url": format!("{NOWHERE}?q={{{{v1}}}}")},
    }]);
    let file = collection(dir.path(), items, exponential());
    let (out, cases) = run(&file, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Errors only.
    assert_eq!(out.status.code(), Some(3), "{stdout}");
    assert_eq!(cases.len(), 1, "{stdout}");
    assert_eq!(cases[0]["verdict"], "error", "{:#}", cases[0]);
    let text = cases[0].to_string();
    assert!(text.contains(r#""error":"expansion""#), "{text}");
    assert!(
        stdout.contains(
            "expanding variable \"v1\" exceeds the limit of 16777216 bytes per expansion (--max-expansion)"
        ),
        "{stdout}"
    );
}

#[test]
fn replace_in_throws_past_the_limit_and_the_limit_is_an_option() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let script = [
        "const thrown = (text) => { try { pm.variables.replaceIn(text); return ''; } catch (e) { return e.message; } };",
        "pm.test('exponential', () => pm.expect(thrown('{{v1}}')).to.include('\"v1\" exceeds the limit'));",
        "pm.test('big', () => pm.expect(thrown('{{big}}')).to.equal(''));",
    ];
    let items = json!([{
        "name": "replaceIn",
        "event": [{"listen": "prerequest", "script": {"exec": script}}],
        "request": {"method": "GET", "url": "{{nowhere}}"},
    }]);
    let file = collection(dir.path(), items, exponential());
    // The request has no URL (it is never sent): only the script's tests are looked at.
    let (out, cases) = run(&file, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let assertions = cases[0]["assertions"].to_string();
    assert!(
        !assertions.contains("\"failed\"") && assertions.contains("exponential"),
        "{stdout}"
    );
    // With a 1 KiB limit, the 2000-byte value is over it too.
    let (out, _) = run(&file, &["--max-expansion", "1K"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("big: expected 'expanding variable \"big\" exceeds the"),
        "{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_device_as_body_file_is_a_build_error() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let file_body = |name: &str, src: &str| {
        json!({
            "name": name,
            "request": {
                "method": "POST",
                "url": NOWHERE,
                "body": {"mode": "file", "file": {"src": src}},
            },
        })
    };
    let form_body = |name: &str, src: &str| {
        json!({
            "name": name,
            "request": {
                "method": "POST",
                "url": NOWHERE,
                "body": {"mode": "formdata", "formdata": [{"key": "f", "type": "file", "src": src}]},
            },
        })
    };
    let fifo = fifo.to_string_lossy().into_owned();
    let items = json!([
        file_body("pipe", &fifo),
        file_body("zero", "/dev/zero"),
        form_body("form pipe", &fifo),
        form_body("form zero", "/dev/zero"),
    ]);
    let file = collection(dir.path(), items, json!([]));
    let (out, cases) = run(&file, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(cases.len(), 4, "{stdout}");
    for case in &cases {
        assert_eq!(case["verdict"], "error", "{case:#}");
        assert!(case.to_string().contains(r#""error":"file""#), "{case:#}");
    }
    assert!(
        stdout.contains(&format!(
            "cannot read body file {fifo}: it is a named pipe, not a regular file"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("cannot read body file /dev/zero: it is a device, not a regular file"),
        "{stdout}"
    );
}

#[test]
fn a_body_file_over_the_limit_is_a_build_error() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let body = dir.path().join("body.bin");
    std::fs::write(&body, vec![b'x'; 4096]).expect("body file");
    let items = json!([{
        "name": "large",
        "request": {
            "method": "POST",
            "url": NOWHERE,
            "body": {"mode": "file", "file": {"src": body.to_string_lossy()}},
        },
    }]);
    let file = collection(dir.path(), items, json!([]));
    let (out, cases) = run(&file, &["--max-body", "1K"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(cases[0]["verdict"], "error", "{stdout}");
    assert!(
        stdout.contains("it is larger than the limit of 1024 bytes (--max-body)"),
        "{stdout}"
    );
}

#[test]
fn listing_a_url_of_300_kb_of_braces_is_quick() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let items = json!([
        {"name": "opens", "request": {"method": "GET", "url": format!("http://h/{}", "{{".repeat(150_000))}},
        {"name": "refs", "request": {"method": "GET", "url": format!("http://h/{}", "{{a}".repeat(75_000))}},
    ]);
    let file = collection(dir.path(), items, json!([]));
    let mut command = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    command.arg("list").arg(&file);
    let out = run_within(command, Duration::from_secs(10));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("opens") && stdout.contains("refs"),
        "{stdout}"
    );
}
