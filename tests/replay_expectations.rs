//! The replay sidecar's expectations for Oracle's samples without saved examples (the
//! passwordless collections and the return-passcode one): a broken chain fails instead of
//! passing. Each run uses a copy of `collections/replay/oracle-idcs.pmcheck.toml` with one
//! rule added that breaks a step, against the embedded simulator.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::request_name;
use serde_json::Value;

/// The shipped replay sidecar with `extra` appended, with its schema folder, in `dir`.
fn sidecar_with(dir: &Path, extra: &str) -> PathBuf {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("collections/replay");
    let text = std::fs::read_to_string(shipped.join("oracle-idcs.pmcheck.toml")).unwrap();
    std::fs::create_dir(dir.join("schemas")).unwrap();
    for entry in std::fs::read_dir(shipped.join("schemas")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("schemas").join(entry.file_name())).unwrap();
    }
    let path = dir.join("replay.pmcheck.toml");
    std::fs::write(&path, format!("{text}\n{extra}")).unwrap();
    path
}

/// Runs one passwordless sample with `sidecar`; returns the JSON report.
fn replay(root: &Path, name: &str, sidecar: &Path) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(root.join(format!("passwordless/{name}.postman_collection.json")))
        .arg("-e")
        .arg(root.join("passwordless/IDCS-POSTMAN-COLLECTION-ENV.postman_environment.json"))
        .arg("--config")
        .arg(sidecar)
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
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap()
}

/// `request: check` for each failed check of each case, in run order.
fn failed_checks(report: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for case in report["cases"].as_array().unwrap() {
        for check in case["checks"].as_array().unwrap() {
            if check["result"] == "failed" {
                out.push(format!(
                    "{}: {}",
                    request_name(case),
                    check["check"].as_str().unwrap()
                ));
            }
        }
    }
    out
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn a_step_refused_fails_with_the_steps_after_it() {
    let root = common::shared_reference("idcs");
    let dir = tempfile::tempdir().unwrap();
    // The code is submitted on a requestState the simulator never issued: 401, which
    // without the sidecar's expectations passed (no saved examples: anything but 5xx).
    let sidecar = sidecar_with(
        dir.path(),
        r#"[[rule]]
collection = "IDCS-Authn-API-Username-Email OTP"
path = "Submit - Email OTP"
variables = { requestState = "bogus" }
"#,
    );
    let report = replay(&root, "IDCS-Authn-API-Username-Email OTP", &sidecar);
    assert_eq!(
        failed_checks(&report),
        [
            "Submit - Email OTP: status",
            "Get access token using ID Token: status",
            "Access IDCS API: status",
        ]
    );
    let otp = &report["cases"][3];
    assert_eq!(otp["response"]["status"], 401);
    assert_eq!(otp["expectation"]["source"], "sidecar");
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn a_step_that_answers_200_without_signing_in_fails_on_its_schema() {
    let root = common::shared_reference("idcs");
    let dir = tempfile::tempdir().unwrap();
    // The last factor step asks for the backup factors again instead of submitting the
    // code: a 200 that signs nobody in.
    let sidecar = sidecar_with(
        dir.path(),
        r#"[[rule]]
collection = "IDCS-Authn-API-Username-Password-Login-Using-Backup SMS"
path = "Submit - SMS OTP Code to complete Login and Make SMS As default"
body = '{"op": "getBackupFactors", "requestState": "{{requestState}}"}'
"#,
    );
    let report = replay(
        &root,
        "IDCS-Authn-API-Username-Password-Login-Using-Backup SMS",
        &sidecar,
    );
    let last = "Submit - SMS OTP Code to complete Login and Make SMS As default";
    assert_eq!(
        failed_checks(&report),
        [
            format!("{last}: schema"),
            "Get access token using ID Token: status".into(),
            "Access IDCS API: status".into(),
        ]
    );
    let case = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| request_name(c) == last)
        .unwrap();
    assert_eq!(case["response"]["status"], 200);
    assert_eq!(case["schema"], "signed-in.json");
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn exact_comparison_of_oracle_recordings_leaves_out_what_varies_per_call() {
    let root = common::shared_reference("idcs");
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(root.join("Oracle_Identity_Cloud_Service_Authentication_API.postman_collection.json"))
        .arg("-e")
        .arg(
            root.join(
                "Authentication_API_Example_Environment_with_Variables.postman_environment.json",
            ),
        )
        .arg("--config")
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("collections/replay/oracle-idcs.pmcheck.toml"),
        )
        .args(["--target", "embedded", "--compare-examples", "exact"])
        .args(["-r", "json", "--reporter-json-export"])
        .arg(&report)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let mut compared = 0;
    for case in report["cases"].as_array().unwrap() {
        for check in case["checks"].as_array().unwrap() {
            if check["check"] != "saved example" {
                continue;
            }
            compared += 1;
            if check["result"] == "passed" {
                continue;
            }
            for line in check["detail"]["diff"].as_array().unwrap() {
                let line = line.as_str().unwrap();
                if line.starts_with(' ') {
                    continue;
                }
                // `ecId` is optional: never a difference of its own.
                assert!(!line.contains("\"ecId\""), "{}: {line}", request_name(case));
                // Varying values are compared by type: their text never shows.
                for key in [
                    "requestState",
                    "authnToken",
                    "trustToken",
                    "content",
                    "imageData",
                ] {
                    if line.contains(&format!("\"{key}\": \"")) {
                        assert!(
                            line.contains("\"<string>\""),
                            "{}: {line}",
                            request_name(case)
                        );
                    }
                }
            }
        }
    }
    assert!(compared >= 150, "{compared} comparisons");
}
