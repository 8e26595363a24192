//! No false pass from `setNextRequest`: a loop the cap on repeats stops is an error case
//! naming the requests it went between and their counts, and every request a flow did not
//! run is reported as not run, in every reporter, with `--jobs 1`, `--jobs N` and the
//! `cargo test` trials, against a real local server.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestServer;
use serde_json::{Value, json};

/// Folder `poll` (`again` jumps to itself for ever, `after` follows it), folder `other`
/// (`fine`), and folder `stop` (`halt` ends its flow with `setNextRequest(null)`, so
/// `unreached` never runs).
fn collection(dir: &Path) -> PathBuf {
    let request = |name: &str, test: &str| {
        json!({
            "name": name,
            "event": [{"listen": "test", "script": {"exec": [test]}}],
            "request": {"method": "GET", "url": "{{base}}/echo"}
        })
    };
    let doc = json!({
        "info": {
            "name": "loops",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": [
            {"name": "poll", "item": [
                request("again", "pm.test('ok', () => {}); postman.setNextRequest('again');"),
                request("after", "")
            ]},
            {"name": "other", "item": [request("fine", "")]},
            {"name": "stop", "item": [
                request("halt", "postman.setNextRequest(null);"),
                request("unreached", "")
            ]}
        ],
        "variable": [{"key": "base", "value": "http://unused.invalid"}]
    });
    let file = dir.join("loops.postman_collection.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    file
}

fn schemas() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas")
}

/// What one run of the binary wrote.
struct Reports {
    code: Option<i32>,
    stdout: String,
    json: Value,
    junit: String,
    github: String,
}

fn run(server: &TestServer, file: &Path, jobs: &str) -> Reports {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("report.json");
    let junit = dir.path().join("report.xml");
    let pmcheck = |reporters: &str| {
        Command::new(env!("CARGO_BIN_EXE_pmcheck"))
            .arg("run")
            .arg(file)
            .args([
                "--target",
                &server.url(""),
                "--jobs",
                jobs,
                "--color",
                "off",
            ])
            .arg("--schemas")
            .arg(schemas())
            .args(["-r", reporters, "--reporter-json-export"])
            .arg(&json)
            .arg("--reporter-junit-export")
            .arg(&junit)
            .env_remove("PMCHECK_TARGET")
            .output()
            .unwrap()
    };
    let out = pmcheck("cli,json,junit");
    let github = pmcheck("github");
    assert_eq!(out.status.code(), github.status.code());
    Reports {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        json: serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap(),
        junit: std::fs::read_to_string(&junit).unwrap(),
        github: String::from_utf8_lossy(&github.stdout).into_owned(),
    }
}

/// `(name, verdict)` of every case but the runs of the looping request.
fn verdicts(report: &Value) -> Vec<(String, String)> {
    report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["verdict"].as_str().unwrap().to_string(),
            )
        })
        .filter(|(name, verdict)| !(name == "loops::poll::again" && verdict == "passed"))
        .collect()
}

/// The loop's error case: the `flow` check's detail.
fn loop_detail(report: &Value) -> Value {
    let case = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["verdict"] == "error")
        .expect("an error case for the loop");
    assert_eq!(case["name"], "loops::poll::again");
    let check = &case["checks"][0];
    assert_eq!(check["check"], "flow");
    check["detail"].clone()
}

fn strs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// What every reporter says of the requests not run.
fn assert_not_run_everywhere(r: &Reports, not_run: &[&str]) {
    for name in not_run {
        let request = name.rsplit("::").next().unwrap();
        assert!(
            r.junit.contains(&format!("<testcase name=\"{request}\"")),
            "{}",
            r.junit
        );
        let path = name.replace("::", " › ");
        assert!(
            r.stdout.contains(&format!("- {path}  (not run: ")),
            "{}",
            r.stdout
        );
        assert!(
            r.github.lines().any(|l| l.starts_with("::warning")
                && l.contains(&format!("title={}", path.replace(':', "%3A")))),
            "{}",
            r.github
        );
    }
    assert_eq!(
        r.junit.matches("<skipped message=\"not run: ").count(),
        not_run.len(),
        "{}",
        r.junit
    );
    assert_eq!(r.json["summary"]["not_run"], not_run.len());
    assert!(
        r.github.contains("setNextRequest loop stopped after"),
        "{}",
        r.github
    );
}

#[test]
fn a_loop_is_an_error_and_what_it_kept_from_running_is_not_run_with_one_job() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = collection(dir.path());
    let r = run(&server, &file, "1");
    assert_eq!(r.code, Some(3), "{}", r.stdout);
    // One flow runs the whole iteration: the loop keeps every later request from running.
    assert_eq!(
        verdicts(&r.json),
        strs(&[
            ("loops::poll::again", "error"),
            ("loops::poll::after", "not_run"),
            ("loops::other::fine", "not_run"),
            ("loops::stop::halt", "not_run"),
            ("loops::stop::unreached", "not_run"),
        ])
    );
    let detail = loop_detail(&r.json);
    assert_eq!(detail["kind"], "loop");
    assert_eq!(detail["runs"], 500);
    assert_eq!(
        detail["requests"],
        json!([{"name": "poll › again", "runs": 500}])
    );
    assert!(
        r.stdout.contains(
            "flow: setNextRequest loop stopped after 500 runs (the cap: 100 per request of the flow): 'poll › again' ran 500 times"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("4 not run"), "{}", r.stdout);
    assert_not_run_everywhere(
        &r,
        &[
            "loops::poll::after",
            "loops::other::fine",
            "loops::stop::halt",
            "loops::stop::unreached",
        ],
    );
}

#[test]
fn a_loop_is_an_error_and_what_it_kept_from_running_is_not_run_with_jobs() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = collection(dir.path());
    let r = run(&server, &file, "3");
    assert_eq!(r.code, Some(3), "{}", r.stdout);
    // Each folder is its own flow: the loop stops its own.
    assert_eq!(
        verdicts(&r.json),
        strs(&[
            ("loops::poll::again", "error"),
            ("loops::poll::after", "not_run"),
            ("loops::other::fine", "passed"),
            ("loops::stop::halt", "passed"),
            ("loops::stop::unreached", "not_run"),
        ])
    );
    let detail = loop_detail(&r.json);
    assert_eq!(detail["runs"], 200);
    assert_eq!(
        detail["requests"],
        json!([{"name": "poll › again", "runs": 200}])
    );
    let reasons: Vec<&str> = r.json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["verdict"] == "not_run")
        .map(|c| c["skip_reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "the flow ended at a stopped setNextRequest loop",
            "setNextRequest(null) in 'stop › halt' ended the flow"
        ]
    );
    assert_not_run_everywhere(&r, &["loops::poll::after", "loops::stop::unreached"]);
}

/// `(name, verdict)` of every test case of a JUnit file, in order.
fn junit_cases(text: &str) -> Vec<(String, &'static str)> {
    let doc = roxmltree::Document::parse(text).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter_map(|n| {
            let has = |tag: &str| n.children().any(|c| c.has_tag_name(tag));
            let verdict = if has("error") {
                "error"
            } else if has("skipped") {
                "skipped"
            } else if has("failure") {
                "failure"
            } else {
                return None;
            };
            Some((n.attribute("name").unwrap_or_default().to_string(), verdict))
        })
        .collect()
}

#[test]
fn a_loop_fails_a_trial_of_the_cargo_test_path() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = collection(dir.path());
    let junit = dir.path().join("trials.xml");
    let args = libtest_mimic::Arguments {
        test_threads: Some(2),
        quiet: true,
        logfile: Some(dir.path().join("libtest.log").display().to_string()),
        ..libtest_mimic::Arguments::default()
    };
    let conclusion = pmcheck::Conformance::new()
        .collections(&file)
        .schemas(schemas())
        .target(server.url(""))
        .junit(&junit)
        .run_with(&args)
        .unwrap();
    let log = std::fs::read_to_string(dir.path().join("libtest.log")).unwrap_or_default();
    assert_eq!(conclusion.num_failed, 1, "the looping request: {log}");
    assert_eq!(conclusion.num_ignored, 2, "after and unreached: {log}");
    assert_eq!(conclusion.num_passed, 2, "fine and halt: {log}");
    let text = std::fs::read_to_string(&junit).unwrap();
    assert_eq!(
        junit_cases(&text),
        [
            ("again".to_string(), "error"),
            ("after".to_string(), "skipped"),
            ("unreached".to_string(), "skipped"),
        ],
        "{text}"
    );
    assert!(text.contains("not run: the flow ended at a stopped setNextRequest loop"));
}
