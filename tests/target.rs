//! Where requests go: where their URLs point unless a target is asked for (`--target`,
//! `PMCHECK_TARGET`, `Conformance::target`, or a collection's sidecar `target`, per
//! collection); the embedded simulator only when one of them says `embedded`. A URL left
//! without a host fails its case with the undefined variable named. The run header names
//! each collection's target and schema source.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::TestServer;
use serde_json::{Value, json};

/// The schema folder without body schemas (the test server's echo is no IDCS answer).
fn no_schemas() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas")
}

/// Writes a collection named `name` of `(request name, URL)` GET requests into `dir`.
fn write_collection(dir: &Path, name: &str, requests: &[(&str, &str)]) -> PathBuf {
    let items: Vec<Value> = requests
        .iter()
        .map(|(request, url)| json!({"name": request, "request": {"method": "GET", "url": url}}))
        .collect();
    let doc = json!({
        "info": {
            "name": name,
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": items,
    });
    let path = dir.join(format!("{name}.postman_collection.json"));
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}

/// The generic collection: two requests to `{{baseUrl}}`, which nothing in it defines.
fn generic(dir: &Path) -> PathBuf {
    write_collection(
        dir,
        "generic",
        &[
            ("list users", "{{baseUrl}}/echo?c=generic"),
            ("one user", "{{baseUrl}}/echo/users/1?c=generic"),
        ],
    )
}

/// `pmcheck ARGS` with `PMCHECK_TARGET` unset unless `target_var` sets it.
fn pmcheck(args: &[&str], target_var: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    cmd.args(args).env_remove("PMCHECK_TARGET");
    if let Some(t) = target_var {
        cmd.env("PMCHECK_TARGET", t);
    }
    cmd.output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The targets (request-targets) the test server received whose query names `c`.
fn received(server: &TestServer, c: &str) -> Vec<String> {
    server
        .requests()
        .into_iter()
        .map(|r| r.target)
        .filter(|t| t.ends_with(&format!("c={c}")))
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn without_a_target_requests_go_where_their_urls_point() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = generic(dir.path());
    let schemas = no_schemas();
    let base = format!("baseUrl={}", server.url(""));

    // --env-var, no environment file.
    let out = pmcheck(
        &[
            "run",
            s(&file),
            "--env-var",
            &base,
            "--schemas",
            s(&schemas),
        ],
        None,
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(
        received(&server, "generic"),
        ["/echo?c=generic", "/echo/users/1?c=generic"],
        "{text}"
    );
    // The header names the target and the schema source of the collection.
    let header = format!(
        "  generic: target URLs as written; schemas {}",
        schemas.display()
    );
    assert!(text.lines().any(|l| l == header), "{header:?} in\n{text}");

    // --global-var.
    let out = pmcheck(
        &[
            "run",
            s(&file),
            "--global-var",
            &base,
            "--schemas",
            s(&schemas),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(received(&server, "generic").len(), 4);

    // A globals file (-g).
    let globals = dir.path().join("globals.json");
    let values = json!({"values": [{"key": "baseUrl", "value": server.url("")}]});
    std::fs::write(&globals, values.to_string()).unwrap();
    let out = pmcheck(
        &["run", s(&file), "-g", s(&globals), "--schemas", s(&schemas)],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(received(&server, "generic").len(), 6);
}

#[test]
fn target_embedded_and_pmcheck_target_embedded_send_to_the_simulator() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = generic(dir.path());
    let base = format!("baseUrl={}", server.url(""));
    let schemas = no_schemas();
    for (args, var, by) in [
        (vec!["--target", "embedded"], None, "--target"),
        (vec![], Some("embedded"), "PMCHECK_TARGET"),
    ] {
        let mut argv = vec![
            "run",
            s(&file),
            "--env-var",
            &base,
            "--schemas",
            s(&schemas),
        ];
        argv.extend(args);
        let out = pmcheck(&argv, var);
        let text = stdout(&out);
        assert_ne!(out.status.code(), Some(2), "{text}");
        assert!(received(&server, "generic").is_empty(), "{text}");
        let header = text
            .lines()
            .find(|l| l.starts_with("  generic: target embedded simulator at http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("no simulator in the header of\n{text}"));
        assert!(header.contains(&format!("({by}); schemas ")), "{header}");
        // Both requests were answered, by the simulator.
        assert!(text.contains("2 requests: "), "{text}");
        assert!(!text.contains("refused"), "{text}");
    }
}

/// The JSON report's cases of collection `name`.
fn cases<'r>(report: &'r Value, name: &str) -> Vec<&'r Value> {
    report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["case"]["collection"] == name)
        .collect()
}

#[test]
fn a_sidecar_target_holds_for_its_own_collection() {
    // Sequentially, and with the flows on worker threads.
    for jobs in ["1", "4"] {
        sidecar_targets(jobs);
    }
}

/// Two collections in `dir`: "sim", whose sidecar declares the embedded simulator, and
/// "api", whose sidecar says nothing of a target; each has a simulator-only request, and
/// each sends a request to `{{HOST}}`, a variable of the simulator's. Returns the schema
/// folder beside them (no body schemas).
fn two_collections(dir: &Path) -> PathBuf {
    write_collection(
        dir,
        "sim",
        &[
            ("with the simulator's HOST", "{{HOST}}/echo?c=sim"),
            ("simulator only", "{{baseUrl}}/echo?c=sim"),
        ],
    );
    std::fs::write(
        dir.join("sim.pmcheck.toml"),
        "target = \"embedded\"\n\n[[rule]]\npath = \"simulator only\"\nsimulator_only = true\n",
    )
    .unwrap();
    write_collection(
        dir,
        "api",
        &[
            ("to the test server", "{{baseUrl}}/echo?c=api"),
            ("simulator only", "{{baseUrl}}/echo/only?c=api"),
            ("with HOST", "{{HOST}}/echo?c=api"),
        ],
    );
    std::fs::write(
        dir.join("api.pmcheck.toml"),
        "[[rule]]\npath = \"simulator only\"\nsimulator_only = true\n",
    )
    .unwrap();
    let schemas = dir.join("schemas");
    std::fs::create_dir(&schemas).unwrap();
    std::fs::write(schemas.join("index.json"), r#"{"statuses": {}}"#).unwrap();
    schemas
}

/// A run of two collections with `--jobs JOBS`: one whose sidecar says `embedded`, one
/// whose sidecar says nothing of a target.
fn sidecar_targets(jobs: &str) {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let schemas = two_collections(dir.path());
    let report = dir.path().join("report.json");
    let base = format!("baseUrl={}", server.url(""));
    let out = pmcheck(
        &[
            "run",
            s(dir.path()),
            "--env-var",
            &base,
            "--jobs",
            jobs,
            "--color",
            "off",
            "-r",
            "cli,json",
            "--reporter-json-export",
            s(&report),
        ],
        None,
    );
    let text = stdout(&out);
    assert_ne!(out.status.code(), Some(2), "{text}");

    // Only the collection without a target reached the test server.
    assert!(received(&server, "sim").is_empty(), "{text}");
    assert_eq!(received(&server, "api"), ["/echo?c=api"], "{text}");

    // The header: one simulator, for "sim" only; each collection's schema folder.
    let simulator = text
        .lines()
        .find_map(|l| {
            l.strip_prefix("  sim: target embedded simulator at ")?
                .strip_suffix(&format!(
                    " (sidecar sim.pmcheck.toml); schemas {}",
                    schemas.display()
                ))
        })
        .unwrap_or_else(|| panic!("no simulator header for sim in\n{text}"))
        .to_string();
    let api = format!(
        "  api: target URLs as written; schemas {}",
        schemas.display()
    );
    assert!(text.lines().any(|l| l == api), "{api:?} in\n{text}");
    assert!(
        text.starts_with("pmcheck: 5 requests in 2 collection(s)\n"),
        "{text}"
    );

    let report: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    // The JSON report says the same per collection.
    let headers = report["collections"].as_array().unwrap();
    assert_eq!(headers.len(), 2, "{report}");
    let sim_header = headers.iter().find(|h| h["name"] == "sim").unwrap();
    assert_eq!(
        sim_header["target"],
        format!("embedded simulator at {simulator} (sidecar sim.pmcheck.toml)")
    );
    assert_eq!(sim_header["schemas"], schemas.display().to_string());
    let api_header = headers.iter().find(|h| h["name"] == "api").unwrap();
    assert_eq!(api_header["target"], "URLs as written");
    let sim = cases(&report, "sim");
    assert_eq!(sim.len(), 2);
    for case in &sim {
        // Sent to the simulator, the simulator-only request too.
        assert_ne!(case["verdict"], "skipped", "{case}");
        let url = case["request"]["url"].as_str().unwrap();
        assert!(url.starts_with(&format!("{simulator}/echo")), "{url}");
    }
    let api = cases(&report, "api");
    assert_eq!(
        api.iter()
            .map(|c| c["verdict"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["passed", "skipped", "error"],
        "{text}"
    );
    assert_eq!(
        api[1]["skip_reason"],
        "simulator only: runs against --target embedded"
    );
    // The simulator's variables are the simulator's collection's only.
    let message = api[2]["checks"][0]["message"].as_str().unwrap();
    assert!(
        message.contains(r#"URL "{{HOST}}/echo?c=api" has no host: variable HOST is not defined"#),
        "{message}"
    );
}

#[test]
fn an_undefined_base_url_fails_its_own_case_only() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let literal = server.url("/echo?c=literal");
    let file = write_collection(
        dir.path(),
        "undefined",
        &[("users", "{{baseUrl}}/users"), ("literal", &literal)],
    );
    let report = dir.path().join("report.json");
    let out = pmcheck(
        &[
            "run",
            s(&file),
            "--schemas",
            s(&no_schemas()),
            "--color",
            "off",
            "-r",
            "cli,json",
            "--reporter-json-export",
            s(&report),
        ],
        None,
    );
    let text = stdout(&out);
    // Errors only: exit 3.
    assert_eq!(out.status.code(), Some(3), "{text}");
    assert!(
        text.contains(r#"URL "{{baseUrl}}/users" has no host: variable baseUrl is not defined"#),
        "{text}"
    );
    // It was not sent, literally or otherwise.
    assert!(text.contains("warning: undefined: {{baseUrl}}"), "{text}");
    assert!(!text.contains("sent literally: {{baseUrl}}"), "{text}");
    assert_eq!(received(&server, "literal"), ["/echo?c=literal"]);
    let report: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let cases = cases(&report, "undefined");
    assert_eq!(cases[0]["verdict"], "error");
    assert_eq!(
        cases[0]["checks"][0]["detail"],
        json!({"kind": "build", "error": "no_host", "undefined": ["baseUrl"]})
    );
    assert_eq!(cases[1]["verdict"], "passed");
}

#[test]
fn lint_takes_the_simulators_variables_only_where_the_target_is_embedded() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_collection(dir.path(), "host", &[("with HOST", "{{HOST}}/echo")]);
    let out = pmcheck(&["lint", s(&file)], None);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("variable {{HOST}} is not defined: it would be sent literally"),
        "{text}"
    );
    for (args, var) in [
        (vec!["--target", "embedded"], None),
        (vec![], Some("embedded")),
    ] {
        let mut argv = vec!["lint", s(&file)];
        argv.extend(args);
        let out = pmcheck(&argv, var);
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    }
    std::fs::write(
        dir.path().join("host.pmcheck.toml"),
        "target = \"embedded\"\n",
    )
    .unwrap();
    let out = pmcheck(&["lint", s(&file)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

/// Arguments of an in-process libtest run, logging into `dir`.
fn libtest_args(dir: &Path) -> libtest_mimic::Arguments {
    libtest_mimic::Arguments {
        test_threads: Some(2),
        quiet: true,
        logfile: Some(dir.join("libtest.log").display().to_string()),
        ..libtest_mimic::Arguments::default()
    }
}

#[test]
fn the_builder_without_a_target_sends_to_the_urls() {
    if std::env::var_os("PMCHECK_TARGET").is_some() {
        eprintln!("skipped: PMCHECK_TARGET is set, and would be the target");
        return;
    }
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = generic(dir.path());
    let env = dir.path().join("env.json");
    let values = json!({"values": [{"key": "baseUrl", "value": server.url("")}]});
    std::fs::write(&env, values.to_string()).unwrap();
    let suite = || {
        pmcheck::Conformance::new()
            .collections(&file)
            .schemas(no_schemas())
            .environment(&env)
    };
    assert_eq!(suite().trials().len(), 2);
    let report = dir.path().join("report.json");
    let conclusion = suite()
        .json(&report)
        .run_with(&libtest_args(dir.path()))
        .unwrap();
    assert_eq!((conclusion.num_passed, conclusion.num_failed), (2, 0));
    assert_eq!(
        received(&server, "generic"),
        ["/echo?c=generic", "/echo/users/1?c=generic"]
    );
    let report: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    for case in cases(&report, "generic") {
        let url = case["request"]["url"].as_str().unwrap();
        assert!(url.starts_with(&server.url("/echo")), "{url}");
    }

    // `.target("embedded")` sends them to the simulator instead.
    let conclusion = suite()
        .target("embedded")
        .run_with(&libtest_args(dir.path()))
        .unwrap();
    assert_eq!(conclusion.num_passed + conclusion.num_failed, 2);
    assert_eq!(received(&server, "generic").len(), 2, "nothing more here");
}

#[test]
fn the_builder_follows_each_collections_sidecar_target() {
    if std::env::var_os("PMCHECK_TARGET").is_some() {
        eprintln!("skipped: PMCHECK_TARGET is set, and would be the target");
        return;
    }
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    two_collections(dir.path());
    let globals = dir.path().join("globals.json");
    let values = json!({"values": [{"key": "baseUrl", "value": server.url("")}]});
    std::fs::write(&globals, values.to_string()).unwrap();
    let logs = tempfile::tempdir().unwrap();
    let conclusion = pmcheck::Conformance::new()
        .collections(dir.path())
        .globals(&globals)
        .run_with(&libtest_args(logs.path()))
        .unwrap();
    // api's simulator-only request is ignored, sim's runs; api's `{{HOST}}` request errors.
    assert_eq!(conclusion.num_ignored, 1);
    assert_eq!(conclusion.num_failed, 1);
    assert!(received(&server, "sim").is_empty());
    assert_eq!(received(&server, "api"), ["/echo?c=api"]);
}

#[test]
fn an_environment_file_says_where_a_sidecars_embedded_collection_goes() {
    if std::env::var_os("PMCHECK_TARGET").is_some() {
        eprintln!("skipped: PMCHECK_TARGET is set, and would be the target");
        return;
    }
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let schemas = two_collections(dir.path());
    // A tenant's environment file: its HOST is where the collections' URLs point.
    let env = dir.path().join("tenant.postman_environment.json");
    let values = json!({"values": [
        {"key": "baseUrl", "value": server.url("")},
        {"key": "HOST", "value": server.url("")},
    ]});
    std::fs::write(&env, values.to_string()).unwrap();
    let out = pmcheck(
        &["run", s(dir.path()), "-e", s(&env), "--color", "off"],
        None,
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    // sim's HOST request went to the tenant (the test server); its simulator-only one did
    // not run.
    assert_eq!(received(&server, "sim"), ["/echo?c=sim"], "{text}");
    assert_eq!(
        received(&server, "api"),
        ["/echo?c=api", "/echo?c=api"],
        "{text}"
    );
    let header = format!(
        "  sim: target URLs as written; schemas {}",
        schemas.display()
    );
    assert!(text.lines().any(|l| l == header), "{header:?} in\n{text}");
    // `--target embedded` still sends both to the simulator, over the file's variables.
    let out = pmcheck(
        &["run", s(dir.path()), "-e", s(&env), "--target", "embedded"],
        None,
    );
    assert_ne!(out.status.code(), Some(2), "{}", stdout(&out));
    assert_eq!(received(&server, "sim").len(), 1, "nothing more here");
}

#[test]
fn a_target_that_is_no_origin_is_bad_input_naming_where_it_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let file = generic(dir.path());
    let out = pmcheck(&["run", s(&file), "--target", "nope"], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(r#"--target: invalid target "nope""#),
        "{stderr}"
    );
    std::fs::write(
        dir.path().join("generic.pmcheck.toml"),
        "target = \"nope\"\n",
    )
    .unwrap();
    let out = pmcheck(&["run", s(&file)], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(r#"sidecar generic.pmcheck.toml: invalid target "nope""#),
        "{stderr}"
    );
}
