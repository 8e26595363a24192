//! Oracle's IDCS sample collection through the `pmcheck` binary: `list` names its 159
//! requests in document order and `run` sends them all with the environment's variables
//! substituted. Read from `../shared/reference` next to the repository. CI always has that
//! folder; there (`CI` set) its absence is a failure, elsewhere the tests say so and pass.
//! (That every Postman format example and IDCS file loads is a unit test:
//! `src/collection/reference_tests.rs`.)

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use common::TestServer;

const ORACLE: &str =
    "idcs/Oracle_Identity_Cloud_Service_Authentication_API.postman_collection.json";
const ORACLE_ENV: &str =
    "idcs/Authentication_API_Example_Environment_with_Variables.postman_environment.json";

/// Test names computed independently from the raw JSON, depth first.
fn expected_names(v: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
    for item in v["item"].as_array().unwrap() {
        let name = format!("{prefix}::{}", item["name"].as_str().unwrap());
        if item.get("item").is_some() {
            expected_names(item, &name, out);
        } else {
            out.push(name);
        }
    }
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn oracle_collection_lists_159_unique_names_in_document_order() {
    let root = common::shared_reference("");
    let path = root.join(ORACLE);
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("list")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let listed: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(listed.len(), 159);
    assert_eq!(listed.iter().collect::<BTreeSet<_>>().len(), 159, "unique");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let mut expected = Vec::new();
    expected_names(&json, json["info"]["name"].as_str().unwrap(), &mut expected);
    assert_eq!(listed, expected);
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn oracle_collection_sends_159_requests_with_variables_substituted() {
    let root = common::shared_reference("");
    let server = TestServer::start_blocking();
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(root.join(ORACLE))
        .arg("-e")
        .arg(root.join(ORACLE_ENV))
        .args(["--target", &server.url(""), "--color", "off", "--schemas"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas"))
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("159 requests: 159 passed, 0 failed, 0 errors"),
        "{stdout}"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 159);

    let env: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join(ORACLE_ENV)).unwrap()).unwrap();
    let defined: Vec<String> = env["values"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["enabled"] != false)
        .map(|v| format!("{{{{{}}}}}", v["key"].as_str().unwrap()))
        .collect();
    let text = std::fs::read_to_string(root.join(ORACLE)).unwrap();
    let used: Vec<&String> = defined
        .iter()
        .filter(|d| text.contains(d.as_str()))
        .collect();
    assert!(
        used.len() >= 8,
        "the collection uses the environment: {used:?}"
    );
    for r in &requests {
        let raw = String::from_utf8_lossy(&r.raw);
        for d in &used {
            assert!(!raw.contains(d.as_str()), "{d} not substituted in\n{raw}");
        }
        assert!(
            r.target.starts_with("/sso/v1/sdk/")
                || r.target.starts_with("/oauth2/")
                || r.target.starts_with("/admin/"),
            "{}",
            r.target
        );
    }
    let bearer = requests
        .iter()
        .filter(|r| r.header("authorization") == Some("Bearer"))
        .count()
        + requests
            .iter()
            .filter(|r| r.header("authorization") == Some("Bearer "))
            .count();
    assert!(
        bearer > 100,
        "Authorization: Bearer {{{{access_token}}}} rendered with the empty token"
    );
}
