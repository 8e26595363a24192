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
    replay_with(collection, environment, &[])
}

/// [`replay`] with further `pmcheck run` arguments.
fn replay_with(collection: &Path, environment: &Path, extra: &[&str]) -> Value {
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
        .args(extra)
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
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn main_collection_159_cases() {
    let root = common::shared_reference("idcs");
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

/// Oracle's requests whose answer differs in shape from every saved example of its status,
/// as `folder::request`, each with why: mistakes in Oracle's recordings, or answers of the
/// 2019 tenant release that contradict the 2018 one the simulator follows.
const SHAPES_THAT_DIFFER: [(&str, &str); 5] = [
    (
        "Online Time-Based One-Time Passcode (TOTP) Enrollment::Step 2: Username/Password Submisstion",
        "its menu lacks PUSH, which the eight other first menus of the same tenant offer",
    ),
    (
        "SMS Enrollment::Step 3a: SMS Enrollment Request - Resend SMS",
        "recorded for a required enrollment (no createToken) while steps 2 and 3 show an optional one",
    ),
    (
        "EMAIL Enrollment::Step 3a: EMAIL Enrollment Request - Resend OTP",
        "recorded for an optional enrollment (createToken) while step 2 requires it",
    ),
    (
        "Switch to Another Factor During Enrollment::Step 6a: - Resend OTP",
        "a copy of the SMS flow's resend (same requestState) in a flow enrolling EMAIL",
    ),
    (
        "Authenticating Using SMS When It Isn't the Default Method::Step 5: Provide Device ID and OTP Code to Authenticate",
        "a fresh SMS challenge where every other device-and-code submission answers the authnToken",
    ),
];

/// The keys whose string lists are compared by value, not only by type.
const VALUE_LISTS: [&str; 3] = ["nextOp", "nextAuthFactors", "credentials"];

/// A JSON value's shape: objects by key (without the diagnostic id, which only the 2019
/// recordings carry), `nextOp`/`nextAuthFactors`/`credentials` string lists by value, other
/// arrays as the set of their items' shapes, scalars by type.
fn shape(value: &Value, key: Option<&str>) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "ecId" | "ecid"))
                .map(|(k, v)| (k.clone(), shape(v, Some(k))))
                .collect(),
        ),
        Value::Array(items)
            if key.is_some_and(|k| VALUE_LISTS.contains(&k))
                && items.iter().all(Value::is_string) =>
        {
            value.clone()
        }
        Value::Array(items) => {
            let mut shapes: Vec<Value> = Vec::new();
            for s in items.iter().map(|v| shape(v, None)) {
                if !shapes.contains(&s) {
                    shapes.push(s);
                }
            }
            Value::Array(shapes)
        }
        Value::String(_) => "<string>".into(),
        Value::Number(n) if n.is_f64() => "<float>".into(),
        Value::Number(_) => "<int>".into(),
        Value::Bool(_) => "<bool>".into(),
        Value::Null => "<null>".into(),
    }
}

/// The saved examples of every request of `collection`, by its folder path and name.
fn saved_examples(collection: &Value) -> Vec<(Vec<String>, Vec<Value>)> {
    fn walk(items: &Value, path: &[String], out: &mut Vec<(Vec<String>, Vec<Value>)>) {
        for item in items.as_array().into_iter().flatten() {
            let mut here = path.to_vec();
            here.push(item["name"].as_str().unwrap_or_default().to_string());
            if item.get("item").is_some() {
                walk(&item["item"], &here, out);
            } else {
                let examples = item["response"].as_array().cloned().unwrap_or_default();
                out.push((here, examples));
            }
        }
    }
    let mut out = Vec::new();
    walk(&collection["item"], &[], &mut out);
    out
}

/// Whether `case`'s answer has the shape of one of `examples` with its status (a request
/// without examples matches).
fn shape_matches(case: &Value, examples: &[Value]) -> bool {
    if examples.is_empty() {
        return true;
    }
    let status = &case["response"]["status"];
    let Some(got) = case["response"]["body"]
        .as_str()
        .and_then(|b| serde_json::from_str::<Value>(b).ok())
    else {
        return false;
    };
    let got = shape(&got, None);
    examples
        .iter()
        .filter(|e| &e["code"] == status)
        .filter_map(|e| e["body"].as_str())
        .filter_map(|b| serde_json::from_str::<Value>(b).ok())
        .any(|want| shape(&want, None) == got)
}

/// Replayed with `--compare-examples shape`, the simulator's answers have the keys,
/// nesting, types and `nextOp`/`nextAuthFactors`/`credentials` values of a saved example of
/// their status, but for the listed requests.
#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn main_collection_shapes_as_recorded() {
    let root = common::shared_reference("idcs");
    let path =
        root.join("Oracle_Identity_Cloud_Service_Authentication_API.postman_collection.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let collection: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
    let examples = saved_examples(&collection);
    let report = replay_with(
        &path,
        &root
            .join("Authentication_API_Example_Environment_with_Variables.postman_environment.json"),
        &["--compare-examples", "shape"],
    );
    let cases = report["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 159);
    // pmcheck's own verdict (list values compared as the comparison's rules say).
    assert_eq!(
        report["summary"]["passed"], 157,
        "requests passing the shape comparison"
    );
    let mut differ = Vec::new();
    for case in cases {
        let key: Vec<String> = case["path"].as_array().unwrap()[1..]
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        let (_, saved) = examples.iter().find(|(p, _)| *p == key).unwrap();
        if !shape_matches(case, saved) {
            differ.push(key[key.len() - 2..].join("::"));
        }
    }
    let expected: Vec<&str> = SHAPES_THAT_DIFFER.iter().map(|(name, _)| *name).collect();
    let reasons: Vec<String> = SHAPES_THAT_DIFFER
        .iter()
        .map(|(name, why)| format!("{name}: {why}"))
        .collect();
    assert_eq!(
        differ,
        expected,
        "the requests whose shape differs; listed as expected:\n{}",
        reasons.join("\n")
    );
    assert_eq!(
        cases.len() - differ.len(),
        154,
        "requests matching in shape"
    );
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn pr77_copy_160_cases() {
    let root = common::shared_reference("idcs");
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
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn small_collections_answer_as_documented() {
    let root = common::shared_reference("idcs");
    let env = root.join("passwordless/IDCS-POSTMAN-COLLECTION-ENV.postman_environment.json");
    // Per collection: the status of each step, as the sidecar expects them. With the
    // sidecar's one-time codes every flow signs in and reads /admin/v1/Me with the user
    // token; the push sample's first poll finds the push approved. The SMS-then-push one
    // is signed in by its SMS code already: the sidecar skips its poll. The return-passcode
    // one signs in with the code, then its last step is refused the spent requestState.
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
            &[200, 200, 200, 200, 200, 200],
        ),
        (
            "passwordless/IDCS-Authn-API-Username-TOTP Code From Mobile App",
            &[200, 200, 200, 200, 200, 200],
        ),
        ("AUTHN-API Return Passcode", &[200, 200, 200, 200, 200, 401]),
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
        } else if name.contains("SMS-MFA Push") {
            assert_eq!(
                problems,
                ["skipped: Submit - Repeat this Poll Request Repeatedly Until Success."],
                "{name}"
            );
        } else {
            assert!(problems.is_empty(), "{name}: {problems:?}");
        }
    }
}
