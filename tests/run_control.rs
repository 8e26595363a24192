//! How a run stops and what it exits with, through the `pmcheck` binary against a real
//! 127.0.0.1 server: `--timeout` (the whole run), `--bail [folder,failure]`,
//! `-x/--suppress-exit-code`, SIGINT and SIGTERM mid-request (the case in flight finishes,
//! the rest is not run, every report is complete), and `duration_ms` of requests that got
//! no answer.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::TestServer;
use serde_json::{Value, json};

/// A request named `name` to `{{base}}PATH`, with a test script `test`.
fn request(name: &str, path: &str, test: &str) -> Value {
    json!({
        "name": name,
        "event": [{"listen": "test", "script": {"exec": [test]}}],
        "request": {"method": "GET", "url": format!("{{{{base}}}}{path}")}
    })
}

/// A collection `control` of `items` whose `base` is `server`, written to `dir`.
fn collection(dir: &Path, server: &TestServer, items: Vec<Value>) -> PathBuf {
    let doc = json!({
        "info": {
            "name": "control",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": items,
        "variable": [{"key": "base", "value": server.url("")}]
    });
    let file = dir.join("control.postman_collection.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    file
}

/// `pmcheck run FILE ARGS… -r cli,junit,json` with both report files in `dir`.
fn pmcheck(dir: &Path, file: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    command
        .arg("run")
        .arg(file)
        .args(args)
        .args(["--color", "off", "-r", "cli,junit,json"])
        .arg("--reporter-json-export")
        .arg(dir.join("report.json"))
        .arg("--reporter-junit-export")
        .arg(dir.join("report.xml"))
        .env_remove("PMCHECK_TARGET");
    command
}

/// Runs `pmcheck run FILE ARGS…` to its end.
fn run(dir: &Path, file: &Path, args: &[&str]) -> Output {
    pmcheck(dir, file, args).output().unwrap()
}

/// The JSON report the run wrote, parsed.
fn json_report(dir: &Path, out: &Output) -> Value {
    let text = std::fs::read_to_string(dir.join("report.json")).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("invalid JSON report ({e}): {text}"))
}

/// `(request, verdict)` of every case of a JSON report, in order.
fn verdicts(report: &Value) -> Vec<(String, String)> {
    report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                common::request_name(c).to_string(),
                c["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The case of request `name`.
fn case<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| common::request_name(c) == name)
        .unwrap_or_else(|| panic!("no case {name}: {report}"))
}

/// `(tests, skipped)` of the JUnit file's `<testsuites>`, after checking that it parses and
/// that its counts agree with its `<testcase>` elements.
fn junit_counts(dir: &Path) -> (usize, usize) {
    let text = std::fs::read_to_string(dir.join("report.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("the JUnit report is not well-formed XML ({e}): {text}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let count = |name: &str| -> usize { root.attribute(name).unwrap().parse().unwrap() };
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let skipped = cases
        .iter()
        .filter(|n| n.children().any(|c| c.has_tag_name("skipped")))
        .count();
    // junit-10.xsd has `skipped` on each `<testsuite>`, not on `<testsuites>`.
    let suites_skipped: usize = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .map(|n| n.attribute("skipped").unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!((count("tests"), suites_skipped), (cases.len(), skipped));
    (cases.len(), skipped)
}

/// The names of the files in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// No file but the two reports and the collection is left in `dir` (no partial report).
fn assert_only_reports(dir: &Path) {
    let expected = [
        "control.postman_collection.json",
        "report.json",
        "report.xml",
    ];
    assert_eq!(files_in(dir), expected);
}

/// Waits until `server` has received `n` requests.
fn wait_for_requests(server: &TestServer, n: usize) {
    let started = Instant::now();
    while server.requests().len() < n {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server got {} request(s), not {n}",
            server.requests().len()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Starts the run, sends `signals` (a moment apart) once `in_flight` requests are at
/// `server`, and returns how the process ended and how long it took.
fn interrupted(
    server: &TestServer,
    (dir, file): (&Path, &Path),
    args: &[&str],
    in_flight: usize,
    signals: &[i32],
) -> (Output, Duration) {
    let child = pmcheck(dir, file, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    wait_for_requests(server, in_flight);
    let pid = i32::try_from(child.id()).unwrap();
    for &signal in signals {
        // SAFETY: signals the child this test started and has not yet waited for.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        std::thread::sleep(Duration::from_millis(300));
    }
    (child.wait_with_output().unwrap(), started.elapsed())
}

/// [`interrupted`] by one `signal` while requests that answer after 1.5 s are in flight,
/// which finish first.
fn finished_then_stopped(
    server: &TestServer,
    run: (&Path, &Path),
    args: &[&str],
    in_flight: usize,
    signal: i32,
) -> Output {
    let (out, took) = interrupted(server, run, args, in_flight, &[signal]);
    let in_flight = Duration::from_millis(1500);
    assert!(took >= in_flight, "the request in flight was not finished");
    out
}

/// Folder `a` (`slow` answers after 1.5 s, then `next`, `last`).
fn one_flow(dir: &Path, server: &TestServer) -> PathBuf {
    collection(
        dir,
        server,
        vec![json!({"name": "a", "item": [
            request("slow", "/slow/1500", "pm.test('answered', () => pm.response.to.have.status(200));"),
            request("next", "/echo", ""),
            request("last", "/echo", ""),
        ]})],
    )
}

/// What every report says after a handled signal with the one-flow collection.
fn assert_stopped_by(dir: &Path, out: &Output, code: i32, name: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    let report = json_report(dir, out);
    assert_eq!(
        verdicts(&report),
        pairs(&[("slow", "passed"), ("next", "not_run"), ("last", "not_run")])
    );
    assert_eq!(report["summary"]["not_run"], 2);
    assert_eq!(report["summary"]["stopped"], name);
    let reason = case(&report, "next")["skip_reason"].as_str().unwrap();
    assert_eq!(
        reason,
        format!("the run was interrupted ({name}) before it ran")
    );
    assert_eq!(junit_counts(dir), (3, 2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("stopped early: the run was interrupted ({name})")),
        "{stdout}"
    );
    assert!(stderr.contains(name), "{stderr}");
    assert_only_reports(dir);
}

#[test]
fn sigterm_mid_request_finishes_it_reports_the_rest_as_not_run_and_exits_143() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = one_flow(dir.path(), &server);
    let out = finished_then_stopped(&server, (dir.path(), &file), &[], 1, libc::SIGTERM);
    assert_stopped_by(dir.path(), &out, 143, "SIGTERM");
    // Nothing more was sent after the signal.
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn sigint_mid_request_does_the_same_and_exits_130() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = one_flow(dir.path(), &server);
    let out = finished_then_stopped(&server, (dir.path(), &file), &[], 1, libc::SIGINT);
    assert_stopped_by(dir.path(), &out, 130, "SIGINT");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_second_signal_exits_at_once_and_leaves_no_report_cut_off() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = collection(
        dir.path(),
        &server,
        vec![
            request("hang", "/slow/10000", ""),
            request("next", "/echo", ""),
        ],
    );
    let twice = [libc::SIGTERM, libc::SIGTERM];
    let (out, took) = interrupted(&server, (dir.path(), &file), &[], 1, &twice);
    assert_eq!(out.status.code(), Some(143));
    assert!(took < Duration::from_secs(8), "it waited for the answer");
    // No report at all rather than an empty or cut-off one, and no temporary file left.
    assert_eq!(files_in(dir.path()), ["control.postman_collection.json"]);
}

#[test]
fn a_signal_with_jobs_finishes_every_flow_in_flight_and_runs_nothing_more() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let folder = |name: &str| {
        json!({"name": name, "item": [
            request("slow", "/slow/1500", ""),
            request("next", "/echo", ""),
        ]})
    };
    let file = collection(
        dir.path(),
        &server,
        vec![folder("a"), folder("b"), folder("c")],
    );
    let jobs = ["--jobs", "2"];
    let out = finished_then_stopped(&server, (dir.path(), &file), &jobs, 2, libc::SIGTERM);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    let report = json_report(dir.path(), &out);
    let names: Vec<String> = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                c["name"].as_str().unwrap(),
                c["verdict"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            "control::a::slow passed",
            "control::a::next not_run",
            "control::b::slow passed",
            "control::b::next not_run",
            "control::c::slow not_run",
            "control::c::next not_run",
        ]
    );
    assert_eq!(junit_counts(dir.path()), (6, 4));
    assert_eq!(server.requests().len(), 2);
    assert_only_reports(dir.path());
}

/// The run timeout's checks on a run with `args` of `fast`, `hang` (answers after 10 s),
/// then `later`.
fn assert_timed_out(args: &[&str]) {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let hang = request("hang", "/slow/10000", "");
    let items = vec![
        request("fast", "/echo", ""),
        hang,
        request("later", "/echo", ""),
    ];
    let file = collection(dir.path(), &server, items);
    let mut all = vec!["--timeout", "2000"];
    all.extend(args);
    let started = Instant::now();
    let out = run(dir.path(), &file, &all);
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(elapsed < Duration::from_secs(8), "the run took {elapsed:?}");
    let report = json_report(dir.path(), &out);
    assert_eq!(
        verdicts(&report),
        pairs(&[("fast", "passed"), ("hang", "error"), ("later", "not_run")])
    );
    let hang = case(&report, "hang");
    let sent = &hang["checks"][1];
    assert_eq!(sent["check"], "send");
    assert_eq!(
        sent["message"],
        "the run timeout (--timeout 2000 ms) expired"
    );
    assert_eq!(
        sent["detail"],
        json!({"kind": "stopped", "by": "timeout", "timeout_ms": 2000})
    );
    // Cut at the deadline: it ran from after `fast` until then.
    let ms = hang["duration_ms"].as_f64().unwrap();
    assert!(ms > 500.0 && ms < 2500.0, "{ms} ms");
    assert_eq!(
        case(&report, "later")["skip_reason"],
        "the run timeout (--timeout 2000 ms) expired before it ran"
    );
    assert_eq!(report["summary"]["stopped"], "timeout");
    assert_eq!(junit_counts(dir.path()), (3, 1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("stopped early: the run timeout (--timeout 2000 ms) expired"),
        "{stdout}"
    );
    assert_eq!(
        server.requests().len(),
        2,
        "nothing is sent after the deadline"
    );
    // -x: exit 0 whatever the run says.
    let mut suppressed = all.clone();
    suppressed.push("-x");
    let out = run(dir.path(), &file, &suppressed);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_run_timeout_cuts_the_request_in_flight_and_nothing_more_is_sent() {
    assert_timed_out(&[]);
}

#[test]
fn the_run_timeout_holds_with_jobs() {
    assert_timed_out(&["--jobs", "3"]);
    // Flows in flight are cut, flows not started yet are not run.
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let folder = |name: &str, items: Vec<Value>| json!({"name": name, "item": items});
    let file = collection(
        dir.path(),
        &server,
        vec![
            folder(
                "a",
                vec![
                    request("fast", "/echo", ""),
                    request("hang", "/slow/10000", ""),
                    request("later", "/echo", ""),
                ],
            ),
            folder("b", vec![request("stuck", "/slow/10000", "")]),
            folder("c", vec![request("queued", "/echo", "")]),
            folder("d", vec![request("waiting", "/echo", "")]),
        ],
    );
    let started = Instant::now();
    let out = run(dir.path(), &file, &["--timeout", "2000", "--jobs", "2"]);
    assert!(started.elapsed() < Duration::from_secs(8));
    assert_eq!(out.status.code(), Some(4));
    let report = json_report(dir.path(), &out);
    assert_eq!(
        verdicts(&report),
        pairs(&[
            ("fast", "passed"),
            ("hang", "error"),
            ("later", "not_run"),
            ("stuck", "error"),
            ("queued", "not_run"),
            ("waiting", "not_run"),
        ])
    );
    assert_eq!(junit_counts(dir.path()), (6, 3));
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn the_run_timeout_cuts_a_script_in_flight() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let busy = "const t = Date.now(); while (Date.now() - t < 20000) {}";
    let file = collection(
        dir.path(),
        &server,
        vec![
            request("busy", "/echo", busy),
            request("after", "/echo", ""),
        ],
    );
    let started = Instant::now();
    let out = run(
        dir.path(),
        &file,
        &["--timeout", "2000", "--timeout-script", "30000"],
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(4));
    let report = json_report(dir.path(), &out);
    assert_eq!(
        verdicts(&report),
        pairs(&[("busy", "error"), ("after", "not_run")])
    );
    let checks = case(&report, "busy")["checks"].as_array().unwrap().clone();
    assert!(
        checks.iter().any(|c| c["check"] == "flow"
            && c["message"] == "the run timeout (--timeout 2000 ms) expired"),
        "{checks:?}"
    );
}

#[test]
fn suppress_exit_code_turns_results_into_0_but_not_bad_input() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = collection(
        dir.path(),
        &server,
        vec![request(
            "fails",
            "/echo",
            "pm.test('never', () => { throw new Error('no'); });",
        )],
    );
    assert_eq!(run(dir.path(), &file, &[]).status.code(), Some(1));
    assert_eq!(run(dir.path(), &file, &["-x"]).status.code(), Some(0));
    assert_eq!(
        run(dir.path(), &file, &["--suppress-exit-code"])
            .status
            .code(),
        Some(0)
    );
    let missing = dir.path().join("missing.postman_collection.json");
    let out = run(dir.path(), &missing, &["-x"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Folder `a` (`broken` fails, then `after`), folder `b` (`other`).
fn failing(dir: &Path, server: &TestServer) -> PathBuf {
    collection(
        dir,
        server,
        vec![
            json!({"name": "a", "item": [
                request("broken", "/echo", "pm.test('never', () => { throw new Error('no'); });"),
                request("after", "/echo", ""),
            ]}),
            json!({"name": "b", "item": [request("other", "/echo", "")]}),
        ],
    )
}

#[test]
fn bail_folder_ends_the_run_on_an_unknown_folder_before_anything_is_sent() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = failing(dir.path(), &server);
    // Newman's order: `--bail folder` before the collection path.
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .args(["run", "--bail", "folder"])
        .arg(&file)
        .args(["--folder", "b", "--folder", "nope", "-r", "json"])
        .arg("--reporter-json-export")
        .arg(dir.path().join("report.json"))
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no folder or request named nope") && stderr.contains("--bail folder"),
        "{stderr}"
    );
    assert!(server.requests().is_empty());
    // Without the modifier the folder that exists runs.
    let out = run(dir.path(), &file, &["--folder", "b", "--folder", "nope"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        verdicts(&json_report(dir.path(), &out)),
        pairs(&[("other", "passed")])
    );
    // `folder` alone does not stop at a failure.
    let out = run(dir.path(), &file, &["--bail", "folder"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_report(dir.path(), &out)["summary"]["total"], 3);
}

#[test]
fn bail_and_bail_failure_stop_after_the_first_failed_case() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = failing(dir.path(), &server);
    for (args, jobs) in [
        (vec!["--bail"], "1"),
        (vec!["--bail", "failure"], "1"),
        (vec!["--bail=folder,failure"], "1"),
        (vec!["--bail"], "2"),
    ] {
        let mut all = args.clone();
        all.extend(["--jobs", jobs]);
        let out = run(dir.path(), &file, &all);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let report = json_report(dir.path(), &out);
        assert_eq!(
            verdicts(&report),
            pairs(&[("broken", "failed")]),
            "{args:?} --jobs {jobs}"
        );
        assert_eq!(report["summary"]["bailed"], true);
    }
    // `failure` does not check folder names.
    let out = run(
        dir.path(),
        &file,
        &["--bail", "failure", "--folder", "b", "--folder", "nope"],
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_timed_out_or_refused_request_records_the_time_it_took() {
    let server = TestServer::start_blocking();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let refused = format!("http://{}/echo", closed.local_addr().unwrap());
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    let mut items = vec![request("hang", "/slow/10000", "")];
    items.push(json!({"name": "refused", "request": {"method": "GET", "url": refused}}));
    let file = collection(dir.path(), &server, items);
    let out = run(dir.path(), &file, &["--timeout-request", "300"]);
    assert_eq!(out.status.code(), Some(3));
    let report = json_report(dir.path(), &out);
    let hang = case(&report, "hang");
    assert_eq!(hang["checks"][1]["detail"]["error"], "timeout");
    let ms = hang["duration_ms"].as_f64().unwrap();
    assert!((300.0..5000.0).contains(&ms), "{ms} ms");
    let refused = case(&report, "refused");
    assert_eq!(refused["checks"][1]["detail"]["error"], "refused");
    assert!(refused["duration_ms"].as_f64().unwrap() > 0.0);
}
