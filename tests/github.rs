//! GitHub Actions output of a real run: annotations name the collection file relative to
//! the workspace and the line of the request's definition; skipped cases and undefined
//! variables are warnings; the job summary gets the totals and each failure with its
//! reason, escaped for Markdown and redacted.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestServer;

const SECRETS: [&str; 2] = ["cli-s3cret-2", "named-s3cret-4"];
const FIXTURE: &str = "tests/fixtures/nonconforming/nonconforming.postman_collection.json";

/// A port nothing listens on.
fn dead_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    l.local_addr().expect("its address").port()
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A collection (outside the workspace) whose request name is Markdown and HTML.
const MARKUP: &str = r#"{"info": {"name": "markup"}, "item": [
  {"name": "a|b <i>x</i> **y**", "request": "{{base}}/status/500"}]}"#;

struct Run {
    stdout: String,
    summary: String,
    markup: PathBuf,
}

/// Runs the fixture and the markup collection with `-r github` from `cwd`.
fn run(server: &TestServer, cwd: &Path, workspace: Option<&Path>) -> Run {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let markup = dir.path().join("markup.postman_collection.json");
    std::fs::write(&markup, MARKUP).expect("the collection is written");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("the summary is written");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    cmd.arg("run")
        .arg(repo().join(FIXTURE))
        .arg(&markup)
        .arg("-e")
        .arg(repo().join("tests/fixtures/nonconforming/nonconforming.postman_environment.json"))
        .args(["--env-var", &format!("base={}", server.url(""))])
        .args([
            "--env-var",
            &format!("dead=http://127.0.0.1:{}", dead_port()),
        ])
        .args(["--env-var", &format!("token={}", SECRETS[0])])
        .args([
            "--env-var",
            &format!("MYKEY={}", SECRETS[1]),
            "--secret",
            "MYKEY",
        ])
        .args(["--timeout-request", "300", "-r", "github"])
        .current_dir(cwd)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env_remove("PMCHECK_TARGET")
        .env_remove("GITHUB_WORKSPACE");
    if let Some(w) = workspace {
        cmd.env("GITHUB_WORKSPACE", w);
    }
    let out = cmd.output().expect("pmcheck runs");
    assert_eq!(out.status.code(), Some(1));
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        summary: std::fs::read_to_string(&summary).expect("the summary is readable"),
        markup,
    }
}

/// The line of the `{` that opens the item named `request` in the fixture, found in the
/// text independently of pmcheck's scanner: the line above its `"name"`.
fn item_line(request: &str) -> usize {
    let text = std::fs::read_to_string(repo().join(FIXTURE)).expect("the fixture is readable");
    let lines: Vec<&str> = text.lines().collect();
    let name = lines
        .iter()
        .position(|l| l.trim() == format!("\"name\": \"{request}\","))
        .unwrap_or_else(|| panic!("{request} is in the fixture"));
    assert_eq!(lines[name - 1].trim(), "{", "{request}");
    name
}

/// The annotation of `level` titled `nonconforming › target › request`.
fn annotation<'a>(stdout: &'a str, level: &str, request: &str) -> &'a str {
    let title = format!("title=nonconforming › target › {request}::");
    stdout
        .lines()
        .find(|l| l.starts_with(&format!("::{level} ")) && l.contains(&title))
        .unwrap_or_else(|| panic!("no ::{level} for {request}:\n{stdout}"))
}

#[test]
fn annotations_point_at_the_request_line_in_the_workspace() {
    let server = TestServer::start_blocking();
    let r = run(&server, &repo().join("tests"), Some(repo()));
    let file = format!("file={FIXTURE}");
    for (level, request) in [
        ("error", "status mismatch"),
        ("error", "schema violation"),
        ("error", "not json"),
        ("error", "refused"),
        ("error", "timeout"),
        ("error", "diff"),
        ("error", "leaky"),
        ("warning", "skipped by sidecar"),
        ("warning", "simulator only"),
    ] {
        let a = annotation(&r.stdout, level, request);
        let location = format!("::{level} {file},line={},", item_line(request));
        assert!(a.starts_with(&location), "{location}\n{a}");
    }
    assert!(
        annotation(&r.stdout, "error", "status mismatch")
            .ends_with("::status: expected 200 (saved examples), got 500"),
        "{}",
        r.stdout
    );
    assert!(
        annotation(&r.stdout, "warning", "skipped by sidecar")
            .ends_with("::skipped: exercises the skip rule"),
        "{}",
        r.stdout
    );
    // The leaky request sent an undefined variable (the others are given): a warning.
    let undefined: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.contains("::undefined variables, sent literally: {{APIPASS}}"))
        .collect();
    assert_eq!(undefined.len(), 1, "{}", r.stdout);
    assert!(
        undefined[0].starts_with(&format!("::warning {file},line={},", item_line("leaky"))),
        "{}",
        undefined[0]
    );
    // A collection outside the workspace keeps its path as given.
    let outside = format!(
        "::error file={},line=2,",
        r.markup
            .to_string_lossy()
            .replace(':', "%3A")
            .replace(',', "%2C")
    );
    assert!(r.stdout.contains(&outside), "{outside}\n{}", r.stdout);
}

#[test]
fn without_a_workspace_paths_are_relative_to_the_current_directory() {
    let server = TestServer::start_blocking();
    let r = run(&server, &repo().join("tests"), None);
    let a = annotation(&r.stdout, "error", "status mismatch");
    let location = format!(
        "::error file=fixtures/nonconforming/nonconforming.postman_collection.json,line={},",
        item_line("status mismatch")
    );
    assert!(a.starts_with(&location), "{a}");
}

#[test]
fn job_summary_has_totals_and_each_failure_with_its_reason() {
    let server = TestServer::start_blocking();
    let r = run(&server, repo(), Some(repo()));
    let s = &r.summary;
    assert!(
        s.starts_with("earlier step\n### pmcheck: 11 requests"),
        "{s}"
    );
    assert!(
        s.contains("| passed | failed | errors | skipped | not run | total | time |"),
        "{s}"
    );
    assert!(s.contains("\n| 1 | 5 | 3 | 2 | 0 | 11 | "), "{s}");
    assert!(
        s.contains(
            "| ✗ failed | nonconforming › target › status mismatch | status: expected 200 (saved examples), got 500 |"
        ),
        "{s}"
    );
    assert!(
        s.contains("| ! error | nonconforming › target › refused | send: connection refused"),
        "{s}"
    );
    // The request's name is text in the table, not markup.
    assert!(
        s.contains(r"| ✗ failed | markup › a\|b &lt;i&gt;x&lt;/i&gt; \*\*y\*\* | status: "),
        "{s}"
    );
    let rows = s
        .lines()
        .filter(|l| l.starts_with("| ✗ failed |") || l.starts_with("| ! error |"));
    assert_eq!(rows.count(), 8, "{s}");
    for secret in SECRETS {
        assert!(
            !s.contains(secret),
            "{secret} leaked into the summary:\n{s}"
        );
        assert!(
            !r.stdout.contains(secret),
            "{secret} leaked into stdout:\n{}",
            r.stdout
        );
    }
}
