//! Newman's CLI reporter options against a real server: each option removes what it names
//! from the terminal report and nothing else; `--verbose` adds timings and headers (still
//! redacted); `--silent` leaves stdout empty; `--disable-unicode` leaves only ASCII; the
//! end of the run lists each failed case with its reason.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::TestServer;

const SECRET: &str = "v3rb0se-s3cret";

/// A collection with a failing and a passing request, both logging and asserting.
fn collection(dir: &Path) -> PathBuf {
    let text = r#"{
  "info": {"name": "cli"},
  "item": [{
    "name": "F",
    "item": [
      {
        "name": "logs and asserts",
        "request": {"url": "{{base}}/status/200", "header": [{"key": "X-Api-Key", "value": "{{apikey}}"}]},
        "event": [{"listen": "test", "script": {"exec": [
          "console.log('hello from', 'the failing case');",
          "pm.test('status is 200', () => pm.response.to.have.status(200));",
          "pm.test('wrong on purpose', () => pm.expect(1).to.equal(2));"
        ]}}]
      },
      {
        "name": "plain",
        "request": "{{base}}/status/200",
        "event": [{"listen": "test", "script": {"exec": [
          "console.info('the passing case logs too');",
          "pm.test('plain passes', () => pm.response.to.have.status(200));"
        ]}}]
      }
    ]
  }]
}"#;
    let path = dir.join("cli.postman_collection.json");
    std::fs::write(&path, text).expect("the collection is written");
    path
}

struct Run {
    out: Output,
    stdout: String,
}

fn run(server: &TestServer, extra: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(collection(dir.path()))
        .args(["--env-var", &format!("base={}", server.url(""))])
        .args([
            "--env-var",
            &format!("apikey={SECRET}"),
            "--secret",
            "apikey",
        ])
        .args(["--color", "off"])
        .args(extra)
        .current_dir(dir.path())
        .env_remove("PMCHECK_TARGET")
        .output()
        .expect("pmcheck runs");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        out,
    }
}

/// Parts of the default report, each removed by one option.
const BANNER: &str = "pmcheck: 2 requests in 1 collection(s)";
const SUMMARY: &str = "2 requests: 1 passed, 1 failed, 0 errors, 0 skipped";
const FAILURE_LIST: &str = "not conforming:";
const EVIDENCE: &str = "    request as sent:";
const PASSED_ASSERTION: &str = "      ✓ plain passes";
const FAILED_ASSERTION: &str = "      ✗ wrong on purpose: expected 1 to equal 2";
const CONSOLE_FAILING: &str = "    console.log: hello from the failing case";
const CONSOLE_PASSING: &str = "    console.info: the passing case logs too";

const ALL: [&str; 8] = [
    BANNER,
    SUMMARY,
    FAILURE_LIST,
    EVIDENCE,
    PASSED_ASSERTION,
    FAILED_ASSERTION,
    CONSOLE_FAILING,
    CONSOLE_PASSING,
];

#[test]
fn default_report_shows_assertions_console_and_failures_with_reasons() {
    let server = TestServer::start_blocking();
    let r = run(&server, &[]);
    assert_eq!(r.out.status.code(), Some(1), "{}", r.stdout);
    for part in ALL {
        assert!(r.stdout.contains(part), "missing {part:?}:\n{}", r.stdout);
    }
    // The end of the run lists the failure with its one-line reason.
    let listed = r
        .stdout
        .lines()
        .find(|l| l.starts_with("  ✗ failed: cli › F › logs and asserts"))
        .unwrap_or_else(|| panic!("no failure listed:\n{}", r.stdout));
    assert!(
        listed.contains(" — ") && listed.contains("wrong on purpose"),
        "{listed}"
    );
    assert!(!r.stdout.contains(SECRET), "{}", r.stdout);
}

#[test]
fn each_option_removes_what_it_names_and_nothing_else() {
    let server = TestServer::start_blocking();
    let cases: [(&str, &[&str]); 6] = [
        ("--reporter-cli-no-banner", &[BANNER]),
        ("--reporter-cli-no-summary", &[SUMMARY]),
        ("--reporter-cli-no-failures", &[FAILURE_LIST, EVIDENCE]),
        (
            "--reporter-cli-no-assertions",
            &[PASSED_ASSERTION, FAILED_ASSERTION],
        ),
        ("--reporter-cli-no-success-assertions", &[PASSED_ASSERTION]),
        (
            "--reporter-cli-no-console",
            &[CONSOLE_FAILING, CONSOLE_PASSING],
        ),
    ];
    for (option, removed) in cases {
        let r = run(&server, &[option]);
        assert_eq!(r.out.status.code(), Some(1), "{option}: {}", r.stdout);
        for part in ALL {
            assert_eq!(
                r.stdout.contains(part),
                !removed.contains(&part),
                "{option} and {part:?}:\n{}",
                r.stdout
            );
        }
    }
}

#[test]
fn silent_writes_nothing_but_the_other_reports() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let junit = dir.path().join("r.xml");
    for option in ["--silent", "--reporter-cli-silent"] {
        let r = run(
            &server,
            &[
                option,
                "-r",
                "cli,junit",
                "--reporter-junit-export",
                &junit.to_string_lossy(),
            ],
        );
        assert_eq!(r.out.status.code(), Some(1), "{option}");
        assert_eq!(r.stdout, "", "{option}");
        let xml = std::fs::read_to_string(&junit).expect("the JUnit report is written");
        assert!(xml.contains("wrong on purpose"), "{xml}");
        std::fs::remove_file(&junit).expect("the report is removed");
    }
}

#[test]
fn disable_unicode_leaves_only_ascii() {
    let server = TestServer::start_blocking();
    let unicode = run(&server, &[]);
    assert!(!unicode.stdout.is_ascii(), "{}", unicode.stdout);
    let r = run(&server, &["--disable-unicode", "--verbose"]);
    assert!(r.stdout.is_ascii(), "{}", r.stdout);
    for part in [
        "ok cli > F > plain",
        "x cli > F > logs and asserts",
        "      ok plain passes",
        "      x wrong on purpose",
        "  x failed: cli > F > logs and asserts - ",
    ] {
        assert!(r.stdout.contains(part), "missing {part:?}:\n{}", r.stdout);
    }
}

#[test]
fn show_timestamps_starts_each_request_line_with_the_time() {
    let server = TestServer::start_blocking();
    let r = run(&server, &["--reporter-cli-show-timestamps"]);
    let stamped = regex::Regex::new(r"(?m)^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\] (✓|✗) cli › F › ")
        .expect("the pattern compiles");
    assert_eq!(stamped.find_iter(&r.stdout).count(), 2, "{}", r.stdout);
    let plain = run(&server, &[]);
    assert_eq!(
        stamped.find_iter(&plain.stdout).count(),
        0,
        "{}",
        plain.stdout
    );
}

#[test]
fn verbose_shows_timings_and_redacted_headers_of_every_request() {
    let server = TestServer::start_blocking();
    let r = run(&server, &["--verbose"]);
    let timings = regex::Regex::new(r"(?m)^    timings: headers after \d+ ms, body after \d+ ms")
        .expect("the pattern compiles");
    assert_eq!(timings.find_iter(&r.stdout).count(), 2, "{}", r.stdout);
    assert!(r.stdout.contains("    ↑ X-Api-Key: ***"), "{}", r.stdout);
    assert!(
        r.stdout.contains("    ↑ User-Agent: pmcheck/"),
        "{}",
        r.stdout
    );
    let received = r.stdout.lines().filter(|l| l.starts_with("    ↓ ")).count();
    assert!(received >= 2, "{}", r.stdout);
    assert!(!r.stdout.contains(SECRET), "{}", r.stdout);
    let plain = run(&server, &[]);
    assert!(!plain.stdout.contains("timings:"), "{}", plain.stdout);
    assert!(!plain.stdout.contains("    ↑ "), "{}", plain.stdout);
}
