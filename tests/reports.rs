//! Reports of a run against a deliberately non-conforming server: status mismatch, schema
//! violation with its JSON pointer, non-JSON body, refused connection, timeout and diff, in
//! the terminal (plain and ANSI), JUnit and JSON reports; secrets never leak.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::TestServer;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/nonconforming")
        .join(name)
}

/// A port nothing listens on.
fn dead_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

struct Run {
    out: Output,
    stdout: String,
    stderr: String,
    junit: String,
    json: String,
    dead: u16,
    port: u16,
}

fn run(server: &TestServer, extra: &[&str], envs: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let junit = dir.path().join("out/report.xml");
    let json = dir.path().join("report.json");
    let dead = dead_port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    cmd.arg("run")
        .arg(fixture("nonconforming.postman_collection.json"))
        .arg("-e")
        .arg(fixture("nonconforming.postman_environment.json"))
        .args(["--env-var", &format!("base={}", server.url(""))])
        .args(["--env-var", &format!("dead=http://127.0.0.1:{dead}")])
        .args([
            "--timeout-request",
            "300",
            "-r",
            "cli,junit,json",
            "--compare-examples",
            "shape",
        ])
        .arg("--reporter-junit-export")
        .arg(&junit)
        .arg("--reporter-json-export")
        .arg(&json)
        .args(extra)
        .env_remove("PMCHECK_TARGET");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        junit: std::fs::read_to_string(&junit).unwrap_or_default(),
        json: std::fs::read_to_string(&json).unwrap_or_default(),
        out,
        dead,
        port: server.addr.port(),
    }
}

/// Replaces what changes between runs: ports, times, the repository folder.
fn normalise(text: &str, r: &Run) -> String {
    let mut s = text
        .replace(&format!("127.0.0.1:{}", r.port), "127.0.0.1:PORT")
        .replace(&format!("127.0.0.1:{}", r.dead), "127.0.0.1:DEAD")
        .replace(env!("CARGO_MANIFEST_DIR"), "[repo]");
    for (pattern, replacement) in [
        (r"\b\d+ ms\b", "N ms"),
        (r"in \d+\.\d+ s\b", "in N s"),
        (r#"time="[0-9.]+""#, r#"time="N""#),
        (r#"timestamp="[^"]+""#, r#"timestamp="T""#),
        (r#""duration_ms": [0-9.e-]+"#, r#""duration_ms": N"#),
    ] {
        s = regex::Regex::new(pattern)
            .unwrap()
            .replace_all(&s, replacement)
            .into_owned();
    }
    s
}

#[test]
fn terminal_junit_and_json_reports() {
    let server = TestServer::start_blocking();
    let r = run(
        &server,
        &["--color", "off"],
        &[("PMCHECK_VAR_APIPASS", "proc-s3cret-3")],
    );
    assert_eq!(
        r.out.status.code(),
        Some(1),
        "a check failed\n{}\n{}",
        r.stdout,
        r.stderr
    );
    insta::assert_snapshot!("terminal", normalise(&r.stdout, &r));
    insta::assert_snapshot!("junit", normalise(&r.junit, &r));
    let json: serde_json::Value = serde_json::from_str(&r.json).unwrap();
    assert_eq!(json["summary"]["total"], 10);
    assert_eq!(json["summary"]["failed"], 4);
    assert_eq!(json["summary"]["errors"], 3);
    assert_eq!(json["summary"]["skipped"], 2);
    assert_eq!(json["summary"]["passed"], 1);
    let violation = &json["cases"][2]["violations"];
    assert!(
        violation
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["pointer"] == "/cause/0/code" && v["keyword"] == "pattern"),
        "{violation}"
    );
    insta::assert_snapshot!(
        "json",
        normalise(&serde_json::to_string_pretty(&json).unwrap(), &r)
    );
}

#[test]
fn junit_reads_back_with_the_right_counts() {
    let server = TestServer::start_blocking();
    let r = run(&server, &["--color", "off"], &[]);
    let doc = roxmltree::Document::parse(&r.junit).unwrap();
    let suites = doc.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    assert_eq!(suites.attribute("tests"), Some("10"));
    assert_eq!(suites.attribute("failures"), Some("4"));
    assert_eq!(suites.attribute("errors"), Some("3"));
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 10);
    let count = |tag: &str| {
        cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name(tag)))
            .count()
    };
    assert_eq!(count("failure"), 4);
    assert_eq!(count("error"), 3);
    assert_eq!(count("skipped"), 2);
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("tests"), Some("10"));
    assert_eq!(suite.attribute("skipped"), Some("2"));
    let mismatch = cases
        .iter()
        .find(|c| c.attribute("name") == Some("status mismatch"))
        .unwrap();
    assert_eq!(
        mismatch.attribute("classname"),
        Some("nonconforming::target")
    );
    let failure = mismatch
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(
        failure.attribute("message"),
        Some("status: expected 200 (saved examples), got 500")
    );
}

#[test]
fn schema_failures_render_plain_and_ansi() {
    let server = TestServer::start_blocking();
    for color in ["off", "on"] {
        let r = run(
            &server,
            &["--color", color, "--folder", "schema violation"],
            &[],
        );
        let text = normalise(&r.stdout, &r);
        let plain = strip_ansi(&text);
        assert!(
            plain.contains("400.json in [repo]/tests/fixtures/nonconforming/nonconforming.postman_collection.json › target › schema violation:"),
            "{plain}"
        );
        assert!(
            plain.contains("/cause/0/code  [pattern]  \"1111\" does not match \"^AUTH-[0-9]{4}$\""),
            "{plain}"
        );
        assert!(
            plain.contains("(root)  [required]  \"requestState\" is a required property"),
            "{plain}"
        );
        assert_eq!(color == "on", text.contains("\x1b["), "{text}");
        insta::assert_snapshot!(format!("schema_violation_color_{color}"), text);
    }
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn secrets_never_leak() {
    let server = TestServer::start_blocking();
    let secrets = [
        "env-s3cret-1",
        "cli-s3cret-2",
        "proc-s3cret-3",
        "named-s3cret-4",
    ];
    let r = run(
        &server,
        &[
            "--color",
            "off",
            "--env-var",
            "token=cli-s3cret-2",
            "--env-var",
            "MYKEY=named-s3cret-4",
            "--secret",
            "MYKEY",
            "-r",
            "cli,junit,json,github",
        ],
        &[("PMCHECK_VAR_APIPASS", "proc-s3cret-3")],
    );
    // The secrets really were sent: the server saw them.
    let leaky = server
        .requests()
        .into_iter()
        .find(|q| q.target.starts_with("/respond/401?k="))
        .unwrap();
    let body = String::from_utf8_lossy(&leaky.body).into_owned();
    for s in secrets {
        assert!(body.contains(s), "{s} was sent: {body}");
    }
    assert!(r.stdout.contains("leaky"), "{}", r.stdout);
    assert!(r.stdout.contains("***"), "{}", r.stdout);
    for (what, text) in [
        ("stdout", &r.stdout),
        ("stderr", &r.stderr),
        ("junit", &r.junit),
        ("json", &r.json),
    ] {
        assert!(!text.is_empty() || what == "stderr", "{what} is empty");
        for s in secrets {
            assert!(!text.contains(s), "{s} leaked into {what}:\n{text}");
        }
    }
}
