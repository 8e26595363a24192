//! The rc file: `.pmcheckrc.json` in the current directory, `PMCHECK_RC` or `--rc FILE`
//! hold `pmcheck run`'s options by their long names; the command line wins; unknown keys
//! and bad values are errors naming the file and the key.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::TestServer;
use serde_json::json;

fn pmcheck(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    cmd.current_dir(dir)
        .arg("run")
        .args(args)
        .env_remove("PMCHECK_TARGET")
        .env_remove("PMCHECK_RC")
        .env("NO_COLOR", "1");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// A collection of one request to `{{base}}/echo` in `dir`.
fn setup(dir: &Path) {
    let collection = json!({
        "info": {"name": "rc"},
        "item": [{"name": "r", "request": {"url": "{{base}}/echo"}}]
    });
    std::fs::write(
        dir.join("c.postman_collection.json"),
        collection.to_string(),
    )
    .unwrap();
}

fn write_rc(path: &Path, rc: &serde_json::Value) {
    std::fs::write(path, serde_json::to_string_pretty(rc).unwrap()).unwrap();
}

#[test]
fn the_default_rc_file_sets_options_and_the_command_line_wins() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    write_rc(
        &dir.path().join(".pmcheckrc.json"),
        &json!({
            "reporters": ["cli", "json"],
            "reporter-json-export": "from-rc.json",
            "env-var": [format!("base={}", server.url(""))],
            "timeout-request": 5000
        }),
    );
    let out = pmcheck(dir.path(), &["c.postman_collection.json"], &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("from-rc.json").is_file());
    assert_eq!(server.requests().len(), 1);

    // The command line's single value and list replace the file's.
    std::fs::remove_file(dir.path().join("from-rc.json")).unwrap();
    let out = pmcheck(
        dir.path(),
        &[
            "c.postman_collection.json",
            "--reporter-json-export",
            "from-cli.json",
            "-r",
            "junit",
            "--reporter-junit-export",
            "junit.xml",
        ],
        &[],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dir.path().join("from-rc.json").exists());
    assert!(
        !dir.path().join("from-cli.json").exists(),
        "json is not among -r junit"
    );
    assert!(dir.path().join("junit.xml").is_file());
    // The terminal report is not among `-r junit` either.
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("rc"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A list option of the file, not given on the command line, still applies.
    let out = pmcheck(
        dir.path(),
        &[
            "c.postman_collection.json",
            "--reporter-json-export",
            "from-cli.json",
        ],
        &[],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("from-cli.json").is_file());
}

#[test]
fn rc_option_and_variable_name_other_files() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let rc = |name: &str, export: &str| {
        write_rc(
            &dir.path().join(name),
            &json!({
                "reporters": "json",
                "reporter-json-export": export,
                "env-var": {"base": server.url("")}
            }),
        );
    };
    rc(".pmcheckrc.json", "default.json");
    rc("by-var.json", "var.json");
    rc("by-option.json", "option.json");
    let out = pmcheck(
        dir.path(),
        &["c.postman_collection.json"],
        &[("PMCHECK_RC", "by-var.json")],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("var.json").is_file());
    let out = pmcheck(
        dir.path(),
        &["c.postman_collection.json", "--rc", "by-option.json"],
        &[("PMCHECK_RC", "by-var.json")],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("option.json").is_file());
    assert!(!dir.path().join("default.json").exists());
    // An empty PMCHECK_RC reads none: `base` is then undefined and the request fails.
    let out = pmcheck(
        dir.path(),
        &["c.postman_collection.json"],
        &[("PMCHECK_RC", "")],
    );
    assert_ne!(out.status.code(), Some(0));
    assert!(!dir.path().join("default.json").exists());
}

#[test]
fn unknown_keys_and_bad_values_are_errors_naming_file_and_key() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let path = dir.path().join("bad.json");
    let cases = [
        (
            json!({"no-such-option": true}),
            "\"no-such-option\": `pmcheck run` has no option --no-such-option",
        ),
        (
            json!({"timeout-request": "soon"}),
            "\"timeout-request\": invalid value 'soon'",
        ),
        (
            json!({"insecure": "yes"}),
            "\"insecure\": expected true or false",
        ),
        (
            json!({"reporters": ["nope"]}),
            "\"reporters\": invalid value 'nope'",
        ),
        (
            json!({"jobs": [1, 2]}),
            "\"jobs\": --jobs takes one value, not a list",
        ),
    ];
    for (rc, expected) in cases {
        write_rc(&path, &rc);
        let out = pmcheck(
            dir.path(),
            &["c.postman_collection.json", "--rc", "bad.json"],
            &[],
        );
        assert_eq!(out.status.code(), Some(2), "{rc}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("bad.json: {expected}")),
            "{rc}: {stderr}"
        );
    }
    std::fs::write(&path, "{\n  \"jobs\": 2,\n  oops\n}").unwrap();
    let out = pmcheck(
        dir.path(),
        &["c.postman_collection.json", "--rc", "bad.json"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.json:3:3: "), "{stderr}");
    let out = pmcheck(
        dir.path(),
        &["c.postman_collection.json", "--rc", "missing.json"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("missing.json: cannot read the rc file"),
        "{stderr}"
    );
}
