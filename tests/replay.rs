//! Oracle's sample IDCS collections replayed against the embedded simulator with
//! `collections/replay/oracle-idcs.pmcheck.toml`, read from `../shared/reference` (CI always
//! has it; where `CI` is set its absence is a failure).

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Runs one collection with its environment and the replay sidecar; returns the JSON report.
fn replay(collection: &Path, environment: &Path) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(collection)
        .arg("-e")
        .arg(environment)
        .arg("--config")
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("collections/replay/oracle-idcs.pmcheck.toml"),
        )
        .args([
            "--target",
            "embedded",
            "-r",
            "json",
            "--reporter-json-export",
        ])
        .arg(&report)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap()
}

fn not_passed(report: &Value) -> Vec<String> {
    report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["verdict"] != "passed")
        .map(|c| {
            format!(
                "{}: {}",
                c["verdict"].as_str().unwrap(),
                c["path"]
                    .as_array()
                    .unwrap()
                    .last()
                    .unwrap()
                    .as_str()
                    .unwrap()
            )
        })
        .collect()
}

fn statuses(report: &Value) -> Vec<Value> {
    report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["response"]["status"].clone())
        .collect()
}

/// Steps Oracle recorded as alternative branches after the step that completes the flow
/// ("resend the code" once signed in): the simulator refuses a finished flow's state.
const BRANCHES_AFTER_SUCCESS: [&str; 2] = [
    "failed: Step 6a: - Resend OTP",
    "failed: Step 3a: Email Factor Authentication - Resend OTP",
];

#[test]
fn main_collection_159_cases() {
    let Some(root) = common::shared_reference("idcs") else {
        return;
    };
    let report = replay(
        &root.join("Oracle_Identity_Cloud_Service_Authentication_API.postman_collection.json"),
        &root
            .join("Authentication_API_Example_Environment_with_Variables.postman_environment.json"),
    );
    assert_eq!(report["summary"]["total"], 159);
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(
        not_passed(&report),
        BRANCHES_AFTER_SUCCESS,
        "every other status within its saved examples, every body valid"
    );
}

#[test]
fn pr77_copy_160_cases() {
    let Some(root) = common::shared_reference("idcs") else {
        return;
    };
    let report = replay(
        &root.join("pr77/19.2.1 Oracle Identity Cloud Service Authentication API - Acc Rec + Terms of Use is new here.postman_collection.json"),
        &root.join("Authentication_API_Example_Environment_with_Variables.postman_environment.json"),
    );
    assert_eq!(report["summary"]["total"], 160);
    let mut expected = vec!["failed: Step 3: Obtain a Session and Redirect to App".to_string()];
    expected.extend(BRANCHES_AFTER_SUCCESS.iter().map(ToString::to_string));
    // The session step posts a truncated literal authnToken copied from a recording.
    assert_eq!(not_passed(&report), expected);
}

#[test]
fn small_collections_answer_as_documented() {
    let Some(root) = common::shared_reference("idcs") else {
        return;
    };
    let env = root.join("passwordless/IDCS-POSTMAN-COLLECTION-ENV.postman_environment.json");
    // Per collection: the status of each step. The passwordless samples leave their OTP
    // codes empty (a person types them in), so the code step is refused (401) and the
    // later token exchange finds no authnToken (400, then 401 at /admin/v1/Me).
    let cases: [(&str, &[u16]); 8] = [
        (
            "passwordless/IDCS-Authn-API-Username-Approve Notification In Mobile App",
            &[200, 200, 200, 200, 400, 401],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-Email OTP",
            &[200, 200, 200, 401, 400, 401],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-Password-Login-Using-Backup SMS",
            &[200, 200, 200, 200, 200, 401, 400, 401],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-Password",
            &[200, 200, 200, 401, 400, 401],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-SMS OTP",
            &[200, 200, 200, 401, 400, 401],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-SMS-MFA Push Notification",
            &[200, 200, 200, 200, 401, 400, 401],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-TOTP Code From Mobile App",
            &[200, 200, 200, 401, 400, 401],
        ),
        ("AUTHN-API Return Passcode", &[200, 200, 200, 422, 422, 401]),
    ];
    for (name, want) in cases {
        let report = replay(&root.join(format!("{name}.postman_collection.json")), &env);
        let got: Vec<Value> = statuses(&report)
            .into_iter()
            .filter(|s| !s.is_null())
            .collect();
        let want: Vec<Value> = want.iter().map(|s| Value::from(*s)).collect();
        assert_eq!(got, want, "{name}");
        let problems = not_passed(&report);
        if name.starts_with("AUTHN") {
            // Its last request has no URL at all.
            assert_eq!(problems, ["error: MyProfile"], "{name}");
        } else {
            assert!(problems.is_empty(), "{name}: {problems:?}");
        }
    }
}
