//! A fixture fault rule that strips `cause` from every 401 answer of the authenticate
//! endpoint fails exactly the cases that receive such an answer, with readable violations.

use std::process::Command;

fn pmcheck(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap()
}

#[test]
fn dropping_cause_from_401_answers_fails_exactly_those_cases() {
    let out = pmcheck(&["serve", "--print-fixture"]);
    assert_eq!(out.status.code(), Some(0));
    let mut fixture: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    fixture["faults"] = serde_json::json!([
        {"path": "/sso/v1/sdk/authenticate", "status": 401, "fault": "drop=cause"}
    ]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixture.json");
    std::fs::write(&path, fixture.to_string()).unwrap();

    let report = dir.path().join("report.json");
    let out = pmcheck(&[
        "run",
        "collections",
        "--fixture",
        path.to_str().unwrap(),
        "--color",
        "off",
        "-r",
        "cli,json",
        "--reporter-json-export",
        report.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let failed: Vec<&str> = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["verdict"] != "passed")
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        failed,
        [
            "IDCS Authentication API::Errors: 401 unauthorized::Wrong password",
            "IDCS Authentication API::Errors: 401 unauthorized::Replay a requestState of the finished flow",
            "IDCS Authentication API::Errors: 401 unauthorized::Invalid requestState",
            "IDCS Authentication API::Errors: 401 wrong one-time passcode::Wrong TOTP code",
        ]
    );
    assert_eq!(
        stdout
            .matches("(root)  [required]  \"cause\" is a required property")
            .count(),
        4,
        "{stdout}"
    );
}
