//! `pmcheck lint` on a collection whose requests use variables: one that a test script
//! sets (a warning), one that nothing defines (an error), over many requests.

use std::process::Command;

/// A collection of `count` requests; the first one's test script sets `token`; every
/// request sends `{{token}}` and `{{nowhere}}`.
fn collection(count: usize) -> String {
    let items: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            let mut item = serde_json::json!({
                "name": format!("request {i}"),
                "request": {
                    "method": "GET",
                    "url": "http://127.0.0.1:9/{{nowhere}}",
                    "header": [{"key": "Authorization", "value": "Bearer {{token}}"}],
                },
            });
            if i == 0 {
                item["event"] = serde_json::json!([{"listen": "test", "script": {
                    "exec": ["pm.environment.set('token', pm.response.json().token);"]
                }}]);
            }
            item
        })
        .collect();
    serde_json::json!({
        "info": {"name": "vars", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
    })
    .to_string()
}

#[test]
fn variables_set_by_scripts_warn_and_undefined_ones_fail() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vars.postman_collection.json");
    std::fs::write(&path, collection(3000)).unwrap();
    // An environment of its own, as a user's run would have (none of the simulator's
    // variables: the collection declares no target).
    let env = dir.path().join("empty.postman_environment.json");
    std::fs::write(&env, r#"{"name": "empty", "values": []}"#).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("lint")
        .arg(&path)
        .arg("-e")
        .arg(&env)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let warned = stdout
        .lines()
        .filter(|l| {
            l.contains("variable {{token}} is not defined before the run (a script sets it)")
        })
        .count();
    let failed = stdout
        .lines()
        .filter(|l| l.contains("variable {{nowhere}} is not defined: it would be sent literally"))
        .count();
    assert_eq!((warned, failed), (3000, 3000), "{stdout}");
    assert!(
        stdout.contains("1 file(s), 3000 request(s): 0 load error(s), 3000 error(s)"),
        "{stdout}"
    );
}

/// Runs `pmcheck lint` on a collection of `requests`, where `with_example[i]` says whether
/// request `i` has a saved example; returns stdout.
fn lint_examples(with_example: &[bool]) -> String {
    let items: Vec<serde_json::Value> = with_example
        .iter()
        .enumerate()
        .map(|(i, &example)| {
            let mut item = serde_json::json!({
                "name": format!("request {i}"),
                "request": {"method": "GET", "url": "http://127.0.0.1:9/ok"},
            });
            if example {
                item["response"] = serde_json::json!([{"name": "ok", "code": 200, "body": "{}"}]);
            }
            item
        })
        .collect();
    let doc = serde_json::json!({
        "info": {"name": "examples", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("examples.postman_collection.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    let env = dir.path().join("empty.postman_environment.json");
    std::fs::write(&env, r#"{"name": "empty", "values": []}"#).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .args(["lint", "-e"])
        .arg(&env)
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_collection_without_saved_examples_gets_one_note() {
    let none = lint_examples(&[false; 50]);
    let notes: Vec<&str> = none.lines().filter(|l| l.starts_with("note: ")).collect();
    assert_eq!(notes.len(), 1, "{none}");
    assert!(
        notes[0].contains(": examples: no request has a saved example"),
        "{none}"
    );
    assert!(!none.contains("warning: "), "{none}");
    assert!(none.contains("0 warning(s), 1 note(s)"), "{none}");

    // With examples on some requests, each request without one is worth a warning.
    let some = lint_examples(&[true, false, true, false]);
    let warnings = some
        .lines()
        .filter(|l| l.contains("no saved example"))
        .count();
    assert_eq!(warnings, 2, "{some}");
    assert!(!some.contains("note: "), "{some}");
}
