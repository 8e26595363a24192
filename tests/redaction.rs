//! Secrets never leave pmcheck, whatever quotes them: a real server echoes a secret of the
//! environment file and one passed as `PMCHECK_VAR_…` into a JSON body that violates its
//! schema (whose messages quote the values), differs from the saved example, fails the
//! test script's assertions, is logged, thrown, put in a URL and in Basic credentials.
//! No reporter's output holds either secret, plain, percent-encoded or in base64.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;
use common::TestServer;
use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};

/// Marked secret in the environment file.
const ENV_SECRET: &str = "Top Secret-123";
/// Passed as `PMCHECK_VAR_procsecret`.
const PROC_SECRET: &str = "Proc/Secret+456";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/redaction")
        .join(name)
}

/// The forms a secret could leak in: itself, percent-encoded (every non-alphanumeric
/// byte, as a query string does, as a form does), in base64 (alone, and inside the Basic
/// credentials `u:SECRET`), and its first eight characters (a message cut short).
fn forms(secret: &str) -> Vec<String> {
    const QUERY: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'\'')
        .add(b'<')
        .add(b'>');
    let b64 = base64::engine::general_purpose::STANDARD;
    let url_safe = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    vec![
        secret.to_string(),
        utf8_percent_encode(secret, NON_ALPHANUMERIC).to_string(),
        utf8_percent_encode(secret, QUERY).to_string(),
        utf8_percent_encode(secret, NON_ALPHANUMERIC)
            .to_string()
            .replace("%20", "+"),
        b64.encode(secret),
        b64.encode(secret).trim_end_matches('=').to_string(),
        url_safe.encode(secret),
        b64.encode(format!("u:{secret}")),
        secret.chars().take(8).collect(),
    ]
}

#[test]
fn no_reporter_shows_a_secret_in_any_form() {
    let server = TestServer::start_blocking();
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let junit = dir.path().join("report.xml");
    let json = dir.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(fixture("redaction.postman_collection.json"))
        .arg("-e")
        .arg(fixture("redaction.postman_environment.json"))
        .args(["--env-var", &format!("base={}", server.url(""))])
        .args(["--env-var", &format!("dead=http://127.0.0.1:{dead}")])
        .args(["--compare-examples", "exact", "--color", "off"])
        .args(["-r", "cli,junit,json,github"])
        .arg("--reporter-junit-export")
        .arg(&junit)
        .arg("--reporter-json-export")
        .arg(&json)
        .env("PMCHECK_VAR_procsecret", PROC_SECRET)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let junit = std::fs::read_to_string(&junit).unwrap();
    let json = std::fs::read_to_string(&json).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");

    // The secrets really went out, in the body, the URL and the Basic credentials.
    let requests = server.requests();
    let echoed = requests
        .iter()
        .find(|q| q.target.starts_with("/respond/200"))
        .unwrap();
    let body = String::from_utf8_lossy(&echoed.body);
    assert!(
        body.contains(ENV_SECRET) && body.contains(PROC_SECRET),
        "{body}"
    );
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("u:{ENV_SECRET}"));
    assert_eq!(
        echoed.header("authorization"),
        Some(format!("Basic {basic}").as_str())
    );

    // Each place that quotes them is in the reports, masked.
    for shown in [
        "/id  [type]  \"***\" is not of type \"integer\"",
        "+  \"id\": \"***\",",
        "✗ id *** is a number: expected '***' to deeply equal 7",
        "console.log: echoed *** ***",
        "expected '/echo?k=***&p=***…' to deeply equal '/echo'",
        "test scripts: test script: script error: Error: boom *** ***",
        "send: connection refused by http://127.0.0.1:",
        "/***/***",
        "::error file=",
    ] {
        assert!(stdout.contains(shown), "{shown:?} not in\n{stdout}");
    }
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let kinds: Vec<&str> = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["checks"].as_array().unwrap())
        .filter_map(|c| c["detail"]["kind"].as_str())
        .collect();
    for kind in ["schema", "example_mismatch", "assertions", "script", "send"] {
        assert!(kinds.contains(&kind), "{kind} not in {kinds:?}");
    }
    let skipped = &report["cases"][4];
    assert_eq!(skipped["verdict"], "skipped");
    assert_eq!(skipped["console"][0]["text"], "about to skip *** ***");
    assert!(junit.contains("is not of type"), "{junit}");

    for (what, text) in [
        ("stdout", &stdout),
        ("stderr", &stderr),
        ("junit", &junit),
        ("json", &json),
    ] {
        for secret in [ENV_SECRET, PROC_SECRET] {
            for form in forms(secret) {
                assert!(
                    !text.contains(&form),
                    "{secret} leaked into {what} as {form:?}:\n{text}"
                );
            }
        }
    }
}
