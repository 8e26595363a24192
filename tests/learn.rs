//! `pmcheck serve --learn`: a fixture learned from Oracle's main IDCS collection makes the
//! embedded simulator word its causes as the recorded answers do, where the built-in
//! fixture keeps its own wording. Oracle's collection is read from `../shared/reference`
//! (CI always has it; where `CI` is set its absence is a failure).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

const MAIN: &str = "Oracle_Identity_Cloud_Service_Authentication_API.postman_collection.json";
const ENVIRONMENT: &str =
    "Authentication_API_Example_Environment_with_Variables.postman_environment.json";

fn pmcheck(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .args(args)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap()
}

/// `pmcheck serve --learn COLLECTION --print-fixture > learned.json`; with the summary.
fn learn(collection: &Path, dir: &Path) -> (PathBuf, String) {
    let out = pmcheck(&[
        "serve".as_ref(),
        "--learn".as_ref(),
        collection.as_os_str(),
        "--print-fixture".as_ref(),
    ]);
    let summary = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{summary}");
    let path = dir.join("learned.json");
    std::fs::write(&path, &out.stdout).unwrap();
    (path, summary)
}

/// Replays `collection` on the embedded simulator with the replay sidecar, comparing
/// bodies with the saved examples (`exact`); returns the JSON report.
fn replay(root: &Path, collection: &Path, fixture: Option<&Path>, dir: &Path) -> Value {
    let report = dir.join("report.json");
    let sidecar =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("collections/replay/oracle-idcs.pmcheck.toml");
    let environment = root.join(ENVIRONMENT);
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "run".as_ref(),
        collection.as_os_str(),
        "-e".as_ref(),
        environment.as_os_str(),
        "--config".as_ref(),
        sidecar.as_os_str(),
        "--target".as_ref(),
        "embedded".as_ref(),
        "--compare-examples".as_ref(),
        "exact".as_ref(),
        "-r".as_ref(),
        "json".as_ref(),
        "--reporter-json-export".as_ref(),
        report.as_os_str(),
    ];
    if let Some(fixture) = fixture {
        args.extend(["--fixture".as_ref(), fixture.as_os_str()]);
    }
    let out = pmcheck(&args);
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap()
}

/// The item at `path` (folder names, then the request name) of a collection.
fn item<'a>(items: &'a Value, path: &[Value]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    items.as_array()?.iter().find_map(|it| {
        if it["name"] != *first {
            return None;
        }
        if rest.is_empty() {
            Some(it)
        } else {
            item(&it["item"], rest)
        }
    })
}

/// The causes of a JSON body: (code, message).
fn causes(body: &Value) -> Vec<(String, String)> {
    body["cause"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c["code"].as_str()?.into(), c["message"].as_str()?.into())))
        .collect()
}

/// For every cause the simulator answered whose request has a saved example of the same
/// status with a cause of the same code: how many messages equal a recorded one, and the
/// ones that differ. `collection` is Oracle's (the cases' paths name its items).
fn compare_messages(report: &Value, collection: &Value) -> (usize, Vec<String>) {
    let (mut equal, mut differ) = (0, Vec::new());
    for case in report["cases"].as_array().unwrap() {
        let Some(body) = case["response"]["body"]
            .as_str()
            .and_then(|b| serde_json::from_str::<Value>(b).ok())
        else {
            continue;
        };
        let path = &case["path"].as_array().unwrap()[1..];
        let request = item(&collection["item"], path).unwrap();
        let status = &case["response"]["status"];
        let recorded: Vec<(String, String)> = request["response"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|example| example["code"] == *status)
            .filter_map(|example| serde_json::from_str(example["body"].as_str()?).ok())
            .flat_map(|b: Value| causes(&b))
            .collect();
        for (code, message) in causes(&body) {
            let texts: Vec<&String> = recorded
                .iter()
                .filter(|(c, _)| *c == code)
                .map(|(_, m)| m)
                .collect();
            if texts.is_empty() {
                continue;
            }
            if texts.contains(&&message) {
                equal += 1;
            } else {
                differ.push(format!("{}: {code} {message:?}", case["name"]));
            }
        }
    }
    (equal, differ)
}

/// Oracle's flows reaching their recorded failures: for each step with a saved failure
/// example, a copy of its flow up to that step, which sends the example's request body
/// (its sample `requestState` replaced by the captured one). Names stay Oracle's, so the
/// replay sidecar assigns the same users.
fn failure_flows(items: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for folder in items.as_array().into_iter().flatten() {
        let Some(children) = folder["item"].as_array() else {
            continue;
        };
        let sub = failure_flows(&folder["item"]);
        if !sub.is_empty() {
            let mut copy = folder.clone();
            copy["item"] = Value::Array(sub);
            out.push(copy);
        }
        let steps: Vec<&Value> = children
            .iter()
            .filter(|c| c.get("item").is_none())
            .collect();
        for (at, step) in steps.iter().enumerate() {
            for example in step["response"].as_array().into_iter().flatten() {
                let failed = example["code"].as_u64().is_some_and(|c| c >= 400)
                    && example["body"]
                        .as_str()
                        .and_then(|b| serde_json::from_str::<Value>(b).ok())
                        .is_some_and(|b| !causes(&b).is_empty());
                let Some(raw) = example["originalRequest"]["body"]["raw"].as_str() else {
                    continue;
                };
                if !failed {
                    continue;
                }
                let raw = match serde_json::from_str::<Value>(raw) {
                    Ok(mut body)
                        if body["requestState"]
                            .as_str()
                            .is_some_and(|s| !s.starts_with("{{")) =>
                    {
                        body["requestState"] = json!("{{requestState}}");
                        body.to_string()
                    }
                    _ => raw.to_string(),
                };
                let mut failing = (*step).clone();
                failing["request"]["body"] = json!({"mode": "raw", "raw": raw});
                failing["response"] = json!([example]);
                let mut flow = folder.clone();
                let mut items: Vec<Value> = steps[..at].iter().map(|s| (*s).clone()).collect();
                items.push(failing);
                flow["item"] = Value::Array(items);
                out.push(flow);
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
fn learned_messages_equal_the_recorded_ones_and_the_built_in_ones_differ() {
    let root = common::shared_reference("idcs");
    let dir = tempfile::tempdir().unwrap();
    let main = root.join(MAIN);
    let (learned, summary) = learn(&main, dir.path());
    assert!(
        summary.contains("176 saved example(s), 176 of IDCS endpoints"),
        "{summary}"
    );
    assert!(summary.contains("messages: 8 ["), "{summary}");
    assert!(
        summary.contains("identity providers: 1 [Google]"),
        "{summary}"
    );
    assert!(summary.contains("not learned AUTH-3036"), "{summary}");
    let fixture: Value = serde_json::from_slice(&std::fs::read(&learned).unwrap()).unwrap();
    assert_eq!(
        fixture["messages"]["AUTH-3001"],
        "You entered an incorrect user name or password."
    );

    let oracle: Value = serde_json::from_slice(&std::fs::read(&main).unwrap()).unwrap();
    let mut failures = oracle.clone();
    failures["item"] = Value::Array(failure_flows(&oracle["item"]));
    let failures_path = dir.path().join("failures.postman_collection.json");
    std::fs::write(&failures_path, failures.to_string()).unwrap();

    // With the learned fixture every compared message is the recorded text. The exact
    // comparison normalises what varies per call (the sidecar's `[compare] vary`): the
    // requests passing it are those whose answer has the recorded shape and values.
    let report = replay(&root, &main, Some(&learned), dir.path());
    assert_eq!(report["summary"]["total"], 159);
    let learned_exact = report["summary"]["passed"].as_u64().unwrap();
    assert_eq!(learned_exact, 95, "exact with `vary`");
    let (equal, differ) = compare_messages(&report, &oracle);
    assert_eq!(differ, Vec::<String>::new());
    let report = replay(&root, &failures_path, Some(&learned), dir.path());
    assert_eq!(report["summary"]["total"], 37);
    let (failures_equal, differ) = compare_messages(&report, &oracle);
    assert_eq!(differ, Vec::<String>::new());
    assert_eq!((equal, failures_equal), (4, 8));

    // With the built-in fixture most of them differ (so the comparison can fail).
    let report = replay(&root, &main, None, dir.path());
    let built_in_exact = report["summary"]["passed"].as_u64().unwrap();
    assert_eq!(built_in_exact, 63, "exact with `vary`");
    assert!(learned_exact >= built_in_exact);
    let (equal, differ) = compare_messages(&report, &oracle);
    assert_eq!((equal, differ.len()), (0, 4), "{differ:?}");
    let report = replay(&root, &failures_path, None, dir.path());
    let (equal, differ) = compare_messages(&report, &oracle);
    assert_eq!((equal, differ.len()), (2, 6), "{differ:?}");
}

#[test]
fn a_malformed_collection_is_reported_where_it_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.postman_collection.json");
    std::fs::write(
        &bad,
        "{\"info\": {\"name\": \"x\"},\n \"item\": [ {\"name\": 5} ]}",
    )
    .unwrap();
    let out = pmcheck(&[
        "serve".as_ref(),
        "--learn".as_ref(),
        bad.as_os_str(),
        "--print-fixture".as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("bad.postman_collection.json:2:"),
        "{stderr}"
    );
    assert!(stderr.contains("$.item[0]"), "{stderr}");
    assert!(out.stdout.is_empty());
}
