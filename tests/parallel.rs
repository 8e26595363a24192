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

/// A collection for the `cargo test` path: a root-level setup request that sets `token`,
/// then two folders whose requests send it, one with a failing and one with a passing
/// test script, and a request the sidecar skips.
fn mixed_collection(dir: &Path) -> PathBuf {
    let test = |check: &str| json!([{"listen": "test", "script": {"exec": [check]}}]);
    let request = |name: &str, check: &str| {
        json!({
            "name": name,
            "event": test(check),
            "request": {
                "method": "GET",
                "header": [{"key": "X-Token", "value": "{{token}}"}],
                "url": "{{base}}/echo"
            }
        })
    };
    let doc = json!({
        "info": {
            "name": "mixed",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": [
            {
                "name": "login",
                "event": test("pm.environment.set('token', 'from-setup');"),
                "request": {"method": "GET", "url": "{{base}}/echo"}
            },
            {"name": "first", "item": [
                request("passes", "pm.test('token', () => pm.expect(pm.request.headers.get('X-Token')).to.equal('from-setup'));"),
                request("fails", "pm.test('never', () => pm.expect(1).to.equal(2));")
            ]},
            {"name": "second", "item": [
                request("skipped", ""),
                request("jumps", "postman.setNextRequest(null);"),
                request("after the jump", "")
            ]}
        ],
        "variable": [{"key": "base", "value": "http://unused.invalid"}]
    });
    let file = dir.join("mixed.postman_collection.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    std::fs::write(
        dir.join("mixed.pmcheck.toml"),
        "[[rule]]\npath = \"second::skipped\"\nskip = \"not today\"\n",
    )
    .unwrap();
    file
}

/// `(classname, name, verdict)` of every test case of a JUnit file, in order.
fn junit_cases(path: &Path) -> Vec<(String, String, &'static str)> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|n| {
            let verdict = if n.children().any(|c| c.has_tag_name("failure")) {
                "failure"
            } else if n.children().any(|c| c.has_tag_name("error")) {
                "error"
            } else if n.children().any(|c| c.has_tag_name("skipped")) {
                "skipped"
            } else {
                "passed"
            };
            let attr = |a: &str| n.attribute(a).unwrap_or_default().to_string();
            (attr("classname"), attr("name"), verdict)
        })
        .collect()
}

/// Arguments of an in-process libtest run, as `cargo test -- --test-threads 4 -q` gives,
/// logging into `dir` (its verdicts would read as this test's own on stdout).
fn libtest_args(dir: &Path) -> libtest_mimic::Arguments {
    libtest_mimic::Arguments {
        test_threads: Some(4),
        quiet: true,
        logfile: Some(dir.join("libtest.log").display().to_string()),
        ..libtest_mimic::Arguments::default()
    }
}

#[test]
fn cargo_test_path_reports_what_the_cli_reports() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = mixed_collection(dir.path());
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas");
    let cli_junit = dir.path().join("cli.xml");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(&file)
        .args(["--target", &server.url(""), "-r", "junit", "--schemas"])
        .arg(&schemas)
        .arg("--reporter-junit-export")
        .arg(&cli_junit)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "one request fails");

    let trials_junit = dir.path().join("trials.xml");
    let conclusion = pmcheck::Conformance::new()
        .collections(&file)
        .schemas(&schemas)
        .target(server.url(""))
        .junit(&trials_junit)
        .run_with(&libtest_args(dir.path()))
        .unwrap();
    assert_eq!(conclusion.num_failed, 1, "the request whose script fails");
    // The skipped request, and the one after setNextRequest(null), do not run.
    assert_eq!(conclusion.num_ignored, 2);
    assert_eq!(conclusion.num_passed, 3);

    let cli = junit_cases(&cli_junit);
    let trials = junit_cases(&trials_junit);
    // The request after setNextRequest(null) is reported, as not run.
    assert_eq!(cli.len(), 6, "{cli:?}");
    assert!(cli.iter().any(|c| c.2 == "failure") && cli.iter().any(|c| c.2 == "skipped"));
    assert_eq!(trials, cli);
}

#[test]
fn cargo_test_path_runs_one_iteration_per_data_row() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let doc = json!({
        "info": {
            "name": "rows",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": [{"name": "users", "item": [{
            "name": "get user",
            "event": [{"listen": "test", "script": {"exec": [
                "pm.test('row', () => pm.expect(pm.request.url.getQueryString()).to.equal('user=' + pm.iterationData.get('user')));"
            ]}}],
            "request": {"method": "GET", "url": "{{base}}/echo?user={{user}}"}
        }]}],
        "variable": [{"key": "base", "value": "http://unused.invalid"}]
    });
    let file = dir.path().join("rows.postman_collection.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let data = dir.path().join("users.csv");
    std::fs::write(&data, "user\nada\nbrian\ncarla\n").unwrap();
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas");

    let suite = || {
        pmcheck::Conformance::new()
            .collections(&file)
            .schemas(&schemas)
            .target(server.url(""))
            .data(&data)
    };
    let names: Vec<String> = suite()
        .trials()
        .iter()
        .map(|t| t.name().to_string())
        .collect();
    let listed = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("list")
        .arg(&file)
        .arg("-d")
        .arg(&data)
        .output()
        .unwrap();
    assert!(listed.status.success());
    let listed: Vec<String> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(
        names,
        [
            "rows::users::get user [iter 1]",
            "rows::users::get user [iter 2]",
            "rows::users::get user [iter 3]"
        ]
    );
    assert_eq!(names, listed);

    let conclusion = suite().run_with(&libtest_args(dir.path())).unwrap();
    assert_eq!((conclusion.num_passed, conclusion.num_failed), (3, 0));
    let mut sent: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    sent.sort();
    assert_eq!(
        sent,
        ["/echo?user=ada", "/echo?user=brian", "/echo?user=carla"]
    );
}
