//! Oracle's sample IDCS collections replayed against the embedded simulator with
//! `collections/replay/oracle-idcs.pmcheck.toml`, read from `../shared/reference` (CI always
//! has it; where `CI` is set its absence is a failure).

mod common;

use std::path::Path;
use std::process::Command;

use common::request_name;
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
        .map(|c| format!("{}: {}", c["verdict"].as_str().unwrap(), request_name(c)))
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

/// Request names of the cases in run order.
fn names(report: &Value) -> Vec<String> {
    report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| request_name(c).to_string())
        .collect()
}

/// The sidecar runs the "resend the code" alternatives just before the step that submits
/// the code (Oracle lists them after it, when the flow has already ended).
fn assert_resend_before_submit(report: &Value) {
    let names = names(report);
    for (resend, submit) in [
        ("Step 6a: - Resend OTP", "Step 6: Submit Factor Credentials"),
        (
            "Step 3a: Email Factor Authentication - Resend OTP",
            "Step 3: Email Factor Authentication",
        ),
    ] {
        let at = names.iter().position(|n| n == resend).unwrap();
        assert_eq!(names[at + 1], submit, "{resend} runs just before {submit}");
    }
}

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
    assert_eq!(
        not_passed(&report),
        Vec::<String>::new(),
        "every status within its saved examples, every body valid"
    );
    assert_eq!(report["summary"]["passed"], 159);
    assert_resend_before_submit(&report);
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
    assert_eq!(not_passed(&report), Vec::<String>::new());
    assert_eq!(report["summary"]["passed"], 160);
    assert_resend_before_submit(&report);
    // The session step posts the token the previous step issued and reports its 302.
    let session = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| request_name(c) == "Step 3: Obtain a Session and Redirect to App")
        .unwrap();
    assert_eq!(session["response"]["status"], 302);
}

#[test]
fn small_collections_answer_as_documented() {
    let Some(root) = common::shared_reference("idcs") else {
        return;
    };
    let env = root.join("passwordless/IDCS-POSTMAN-COLLECTION-ENV.postman_environment.json");
    // Per collection: the status of each step. With the sidecar's one-time codes six
    // flows sign in and read /admin/v1/Me with the user token; the push sample's single
    // poll is approved (the simulator's app answers the first poll, as the recordings do).
    // The SMS-then-push one is signed in by its SMS code already, so the poll finds the
    // flow finished (401) and its token exchange finds no authnToken (400, then 401).
    let cases: [(&str, &[u16]); 8] = [
        (
            "passwordless/IDCS-Authn-API-Username-Approve Notification In Mobile App",
            &[200, 200, 200, 200, 200, 200],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-Email OTP",
            &[200, 200, 200, 200, 200, 200],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-Password-Login-Using-Backup SMS",
            &[200, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-Password",
            &[200, 200, 200, 200, 200, 200],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-SMS OTP",
            &[200, 200, 200, 200, 200, 200],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-SMS-MFA Push Notification",
            &[200, 200, 200, 200, 401, 400, 401],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-TOTP Code From Mobile App",
            &[200, 200, 200, 200, 200, 200],
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
            // Its last request has no URL at all: the sidecar skips it, with the reason.
            assert_eq!(problems, ["skipped: MyProfile"], "{name}");
        } else {
            assert!(problems.is_empty(), "{name}: {problems:?}");
        }
    }
}
