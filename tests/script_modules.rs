//! `--script-modules DIR` and the sidecar's `script_modules`: scripts `require` the npm
//! packages of a local folder and `pm.require('npm:NAME@VERSION')` them, under the script
//! limits and without reaching outside the folder; `lint` names what no run could load.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::TestServer;

/// A folder as `npm install` leaves it: `node_modules/greet` (a package whose `main` is in
/// a subfolder, requiring a sibling file and a JSON file), `node_modules/spin` (loops
/// forever when loaded) and `node_modules/sneaky` (requires a file above the folder).
fn packages(dir: &Path) {
    let write = |p: &str, s: &str| {
        let p = dir.join("node_modules").join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, s).unwrap();
    };
    write(
        "greet/package.json",
        r#"{"name": "greet", "version": "1.2.3", "main": "./lib/index.js"}"#,
    );
    write(
        "greet/lib/index.js",
        "var words = require('./words'); var data = require('../data.json');\n\
         exports.hello = function (who) { return words.hi + ', ' + who + data.mark; };\n\
         exports.file = __filename.slice(-19); exports.same = require('greet') === exports;",
    );
    write("greet/lib/words.js", "module.exports = { hi: 'Hello' };");
    write("greet/data.json", r#"{"mark": "!"}"#);
    write("spin/index.js", "for (;;) {}");
    write(
        "sneaky/index.js",
        "module.exports = require('../../outside');",
    );
    std::fs::write(dir.join("outside.js"), "module.exports = 'escaped';").unwrap();
}

fn collection(dir: &Path, url: &str, test: &str) -> std::path::PathBuf {
    let path = dir.join("modules.postman_collection.json");
    let json = serde_json::json!({
        "info": {"name": "modules", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{
            "name": "uses packages",
            "request": {"method": "GET", "url": url},
            "event": [{"listen": "test", "script": {"exec": [test]}}],
        }],
    });
    std::fs::write(&path, json.to_string()).unwrap();
    path
}

/// Runs `pmcheck run COLLECTION ARGS…` with a JSON report; the output and the report's
/// only case.
fn run(collection: &Path, args: &[&str]) -> (Output, serde_json::Value) {
    let report = collection.with_extension("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(collection)
        .args(args)
        .args([
            "--timeout-script",
            "1000",
            "-r",
            "json",
            "--reporter-json-export",
        ])
        .arg(&report)
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&report).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    (out, doc["cases"][0].clone())
}

fn assertions(case: &serde_json::Value) -> Vec<(String, String)> {
    case["assertions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_string(),
                a["result"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn script_error(case: &serde_json::Value) -> String {
    case["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "test scripts")
        .and_then(|c| c["message"].as_str())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn packages_load_from_the_folder_by_require_and_pm_require() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    packages(dir.path());
    let test = "var greet = require('greet');\n\
        pm.test('require', function () { pm.expect(greet.hello('you')).to.equal('Hello, you!'); });\n\
        pm.test('module ids', function () { pm.expect(greet.file).to.equal('/greet/lib/index.js'); pm.expect(greet.same).to.equal(true); });\n\
        pm.test('pm.require', function () { pm.expect(pm.require('npm:greet@1.2.3')).to.equal(greet); });\n\
        pm.test('wrong version', function () { pm.require('npm:greet@2.0.0'); });\n\
        pm.test('no escape', function () { require('sneaky'); });\n\
        pm.test('no fs', function () { require('fs'); });";
    let path = collection(dir.path(), &server.url("/get"), test);
    let folder = dir.path().to_str().unwrap();
    let (out, case) = run(&path, &["--script-modules", folder]);
    let got = assertions(&case);
    let expected = [
        ("require", "passed"),
        ("module ids", "passed"),
        ("pm.require", "passed"),
        ("wrong version", "failed"),
        ("no escape", "failed"),
        ("no fs", "failed"),
    ];
    let names: Vec<(&str, &str)> = got.iter().map(|(n, r)| (n.as_str(), r.as_str())).collect();
    assert_eq!(names, expected, "{}", String::from_utf8_lossy(&out.stderr));
    let messages: Vec<&str> = case["assertions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["message"].as_str())
        .collect();
    assert!(
        messages.contains(&"npm:greet@2.0.0: the script modules folder has greet@1.2.3"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"not supported: require('../../outside')"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"not supported: require('fs')"),
        "{messages:?}"
    );

    // The same collection without the folder: the package is not supported.
    let (_, case) = run(&path, &[]);
    assert_eq!(
        script_error(&case),
        "test script: not supported: require('greet')"
    );
}

#[test]
fn a_package_that_never_returns_is_stopped_by_the_script_limit() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    packages(dir.path());
    let path = collection(dir.path(), &server.url("/get"), "require('spin');");
    let started = std::time::Instant::now();
    let (_, case) = run(&path, &["--script-modules", dir.path().to_str().unwrap()]);
    assert!(started.elapsed().as_secs() < 20);
    let error = script_error(&case);
    assert_eq!(error, "test script: script timed out after 1s");
}

#[test]
fn the_sidecar_names_the_folder_and_lint_names_what_cannot_load() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    packages(dir.path());
    let test = "var g = require('greet'); var m = require('missing-pkg'); pm.require('@team/x');";
    let path = collection(dir.path(), &server.url("/get"), test);
    let lint = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
            .arg("lint")
            .arg(&path)
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let without = lint(&[]);
    assert!(
        without.contains("modules::uses packages")
            && without.contains("a script requires 'greet': not supported (not built in; --script-modules DIR loads npm packages)")
            && without.contains("pm.require('@team/x'): not supported (Postman's package library needs its cloud)"),
        "{without}"
    );
    std::fs::write(
        dir.path().join("modules.pmcheck.toml"),
        "script_modules = \".\"\n",
    )
    .unwrap();
    let with = lint(&[]);
    assert!(!with.contains("'greet'"), "{with}");
    assert!(with.contains("a script requires 'missing-pkg': not supported (not built in; not in the script modules folder"), "{with}");
    // The sidecar's folder serves the run too.
    let (_, case) = run(&path, &[]);
    assert_eq!(
        script_error(&case),
        "test script: not supported: require('missing-pkg')"
    );
}
