//! Secrets quoted by what a case reports: assertion messages, script errors, test names,
//! schema violations, diffs, and values the case's own scripts set.

use serde_json::json;

use crate::common::TestServer;
use crate::harness::{get, item, json_escaped, post_json, run};

/// Quotes, a backslash, letters past ASCII, a space and `+&=`.
pub const QUOTED: &str = "O'Brien \"Sec\\ret\" äö +&=1";
/// Longer than chai quotes in full (it cuts it short with `…`).
pub const LONG: &str = "Long 'secret' value that chai cuts: \\ ä 1234567";

fn secrets() -> [(&'static str, &'static str, bool); 2] {
    [("s", QUOTED, true), ("l", LONG, true)]
}

#[test]
fn assertion_messages_hide_secrets() {
    let server = TestServer::start_blocking();
    let test = [
        "pm.test('equal', () => pm.expect(pm.environment.get('s')).to.eql('x'));",
        "pm.test('long', () => pm.expect(pm.environment.get('l')).to.eql('y'));",
        "pm.test('in object', () => pm.expect({k: pm.environment.get('s')}).to.eql({k: 1}));",
    ];
    let out = run(
        vec![item("asserts", get("{{base}}/status/200"), &test)],
        &secrets(),
        &server.url(""),
        &[],
    );
    assert_eq!(out.code, Some(1), "{}", out.stdout);
    out.shows("to deeply equal 'x'");
    out.shows("to deeply equal 'y'");
    out.hides(QUOTED);
    out.hides(LONG);
}

#[test]
fn script_errors_hide_secrets() {
    let server = TestServer::start_blocking();
    let items = vec![
        item(
            "thrown json",
            get("{{base}}/status/200"),
            &["throw new Error('boom ' + JSON.stringify({s: pm.environment.get('s')}));"],
        ),
        item(
            "thrown plain",
            get("{{base}}/status/200"),
            &["throw new Error('bang ' + pm.environment.get('l'));"],
        ),
    ];
    let out = run(items, &secrets(), &server.url(""), &[]);
    out.shows("Error: boom");
    out.shows("Error: bang");
    out.hides(QUOTED);
    out.hides(LONG);
}

#[test]
fn test_names_hide_secrets() {
    let server = TestServer::start_blocking();
    let test = [
        "pm.test('named ' + JSON.stringify(pm.environment.get('s')), () => {});",
        "pm.test('fails ' + pm.environment.get('l'), () => pm.expect(1).to.eql(2));",
    ];
    let out = run(
        vec![item("names", get("{{base}}/status/200"), &test)],
        &secrets(),
        &server.url(""),
        &[],
    );
    out.shows("named ");
    out.shows("fails ");
    out.hides(QUOTED);
    out.hides(LONG);
}

#[test]
fn schema_violations_hide_secrets() {
    let server = TestServer::start_blocking();
    // The echoed body quotes the secrets JSON-escaped (one of them as ASCII only); the
    // violations quote them again, escaped their own way.
    let raw = format!(
        r#"{{"status": "{}", "id": "{}", "code": 1}}"#,
        json_escaped(LONG, true),
        json_escaped(QUOTED, false)
    );
    let out = run(
        vec![item(
            "violates",
            post_json("{{base}}/respond/200", &raw),
            &[],
        )],
        &secrets(),
        &server.url(""),
        &[],
    );
    assert_eq!(out.code, Some(1), "{}", out.stdout);
    out.shows("is not of type");
    out.hides(QUOTED);
    out.hides(LONG);
}

#[test]
fn diffs_hide_sensitive_fields() {
    let server = TestServer::start_blocking();
    let raw = r#"{"access_token": "Diff-Token-0001", "refresh_tokens": ["Diff-Refresh-0002"], "auth": {"client_secret": "Diff-Secret-0003"}, "status": 1, "id": 1, "code": 2}"#;
    let mut echoed = item("differs", post_json("{{base}}/respond/200", raw), &[]);
    echoed["response"] = json!([{
        "name": "200", "code": 200, "status": "OK", "header": [],
        "body": r#"{"access_token": "Diff-Saved-0004", "refresh_tokens": ["Diff-Saved-0005"], "status": 1, "id": 1, "code": 1}"#
    }]);
    let out = run(
        vec![echoed],
        &[],
        &server.url(""),
        &["--compare-examples", "exact"],
    );
    assert_eq!(out.code, Some(1), "{}", out.stdout);
    out.shows("\"code\": 2");
    for secret in [
        "Diff-Token-0001",
        "Diff-Refresh-0002",
        "Diff-Secret-0003",
        "Diff-Saved-0004",
        "Diff-Saved-0005",
    ] {
        out.hides(secret);
    }
}

#[test]
fn secrets_set_by_scripts_hide_in_their_case() {
    let server = TestServer::start_blocking();
    let first = item(
        "sets",
        get("{{base}}/status/200"),
        &[
            "pm.environment.set('session_token', 'Script-Token-0001');",
            "pm.environment.set('mine', 'Script-Secret-0002');",
            "console.log('set', pm.environment.get('session_token'), pm.environment.get('mine'));",
            "pm.test('token ' + pm.environment.get('session_token'), () => \
             pm.expect(pm.environment.get('mine')).to.eql('x'));",
        ],
    );
    // The next case replaces the token; a target quoting the one before is masked still.
    let mut second = item(
        "replaces",
        post_json("{{base}}/respond/200", r#"{"old": "Script-Token-0001"}"#),
        &["console.log('old', pm.response.text());"],
    );
    second["event"].as_array_mut().unwrap().push(
        json!({"listen": "prerequest", "script": {"exec": [
            "pm.environment.set('session_token', 'Script-Token-0003');"
        ]}}),
    );
    let out = run(
        vec![first, second],
        &[("mine", "initial", true)],
        &server.url(""),
        &[],
    );
    out.shows("console.log: set *** ***");
    out.shows("console.log: old");
    for secret in [
        "Script-Token-0001",
        "Script-Secret-0002",
        "Script-Token-0003",
    ] {
        out.hides(secret);
    }
}
