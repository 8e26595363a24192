//! Every malformed input gives exit code 2 and an error naming the file, line:column, the
//! JSON path of the offending node and what was expected. Never a panic.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pmcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .args(args)
        .output()
        .expect("pmcheck runs")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/malformed")
        .join(name)
}

/// (file, line, column, JSON path, part of the message)
const CORPUS: &[(&str, usize, usize, &str, &str)] = &[
    (
        "empty",
        1,
        1,
        "$",
        "EOF while parsing a value (the file is empty or truncated)",
    ),
    (
        "truncated",
        7,
        47,
        "$.item[0].request.url",
        "EOF while parsing a string",
    ),
    ("binary-junk", 1, 1, "$", "expected value"),
    (
        "invalid-utf8",
        7,
        18,
        "$.item[0].name",
        "invalid unicode code point",
    ),
    (
        "v1",
        1,
        1,
        "$.item[0].request.method",
        "(in the v2.1 form of this v1 collection)",
    ),
    (
        "top-level-array",
        1,
        2,
        "$",
        "expected a Postman collection object",
    ),
    (
        "schema-number",
        2,
        35,
        "$.info.schema",
        "invalid type: integer `5`, expected a string",
    ),
    (
        "event-entry-string",
        7,
        30,
        "$.item[0].event[0]",
        "expected an event object",
    ),
    (
        "item-not-array",
        6,
        10,
        "$.item",
        "invalid type: map, expected a sequence",
    ),
    (
        "item-is-string",
        6,
        24,
        "$.item[0]",
        "expected an item object",
    ),
    (
        "item-neither",
        8,
        3,
        "$.item[0]",
        "an item needs either `request`",
    ),
    (
        "url-number",
        7,
        56,
        "$.item[0].request.url",
        "expected a URL string or a URL object",
    ),
    (
        "header-entry-number",
        7,
        61,
        "$.item[0].request.header[0]",
        "expected a {key, value} object",
    ),
    (
        "body-mode-number",
        7,
        67,
        "$.item[0].request.body.mode",
        "expected a string",
    ),
    (
        "auth-without-type",
        7,
        70,
        "$.item[0].request.auth",
        "missing field `type`",
    ),
    (
        "auth-params-number",
        7,
        85,
        "$.item[0].request.auth.basic",
        "expected auth parameters",
    ),
    (
        "exec-number",
        8,
        54,
        "$.item[0].event[0].script.exec",
        "expected script source",
    ),
    (
        "response-code-string",
        8,
        46,
        "$.item[0].response[0].code",
        "invalid type: string \"200\"",
    ),
    (
        "deep-method-number",
        10,
        64,
        "$.item[0].item[1].item[0].request.method",
        "expected a string",
    ),
    (
        "variable-without-key",
        4,
        28,
        "$.variable[0]",
        "missing field `key`",
    ),
    (
        "disabled-word",
        7,
        104,
        "$.item[0].request.header[0].disabled",
        "expected a boolean",
    ),
    (
        "query-number",
        7,
        82,
        "$.item[0].request.url.query",
        "expected a list of query parameters",
    ),
    (
        "folder-items-string",
        7,
        29,
        "$.item[0].item",
        "expected a sequence",
    ),
    (
        "name-object",
        7,
        13,
        "$.item[0].name",
        "invalid type: map, expected a string",
    ),
    ("trailing-garbage", 8, 1, "$", "trailing characters"),
    (
        "deep-nesting",
        6,
        1460,
        "$.item[0].item[0].item[0]",
        "recursion limit exceeded",
    ),
];

fn assert_reports(
    path: &Path,
    line: usize,
    column: usize,
    json_path: &str,
    message: &str,
    args: &[&str],
) {
    let p = path.to_str().expect("utf-8 path");
    let mut all = args.to_vec();
    all.push(p);
    let out = pmcheck(&all);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{p}: {stderr}");
    let expected_head = format!("error: {p}:{line}:{column}: at {json_path}");
    assert!(
        stderr.starts_with(&expected_head),
        "{p}:\n  got:  {stderr}\n  want: {expected_head}…"
    );
    assert!(stderr.contains(message), "{p}: {stderr} lacks {message:?}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn every_malformed_collection_is_reported_precisely() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed");
    let on_disk = std::fs::read_dir(&dir).expect("corpus folder").count();
    assert_eq!(
        on_disk,
        CORPUS.len(),
        "every corpus file has an expectation"
    );
    for (name, line, column, json_path, message) in CORPUS {
        let path = fixture(&format!("{name}.postman_collection.json"));
        assert_reports(&path, *line, *column, json_path, message, &["run"]);
    }
}

#[test]
fn lint_and_list_report_the_same_errors() {
    for (name, line, column, json_path, message) in &CORPUS[..6] {
        let path = fixture(&format!("{name}.postman_collection.json"));
        assert_reports(&path, *line, *column, json_path, message, &["list"]);
        let out = pmcheck(&["lint", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains(&format!(":{line}:{column}: at {json_path}")),
            "{stdout}"
        );
    }
}

#[test]
fn a_50_mb_file_with_an_error_at_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.postman_collection.json");
    let mut f = std::fs::File::create(&path).unwrap();
    write!(
        f,
        "{{\"info\":{{\"name\":\"huge\",\"schema\":\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\",\"description\":\""
    )
    .unwrap();
    let chunk = "x".repeat(1 << 20);
    for _ in 0..50 {
        f.write_all(chunk.as_bytes()).unwrap();
    }
    write!(
        f,
        "\"}},\n\"item\": [{{\"name\": \"a\", \"request\": {{\"url\": true}}}}]}}\n"
    )
    .unwrap();
    drop(f);
    assert!(std::fs::metadata(&path).unwrap().len() > 50_000_000);
    assert_reports(
        &path,
        2,
        46,
        "$.item[0].request.url",
        "expected a URL string or a URL object",
        &["run"],
    );
}

#[test]
fn bad_environment_globals_and_data_files() {
    let dir = tempfile::tempdir().unwrap();
    let good =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wire.postman_collection.json");
    let env = dir.path().join("env.json");
    std::fs::write(&env, "{\"values\": [{\"key\": \"a\", \"value\": \"1\"},\n  {\"key\": 5, \"value\": {}}, {\"value\": 1}]}").unwrap();
    let out = pmcheck(&["run", good.to_str().unwrap(), "-e", env.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("env.json:2:40: at $.values[2]: missing field `key`"),
        "{stderr}"
    );

    let globals = dir.path().join("globals.json");
    std::fs::write(&globals, "{\"values\": 3}").unwrap();
    let out = pmcheck(&[
        "run",
        good.to_str().unwrap(),
        "-g",
        globals.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("globals.json:1:12: at $.values: invalid type: integer `3`"),
        "{stderr}"
    );

    let data = dir.path().join("data.csv");
    std::fs::write(&data, "a,b\n1,2\n3,\"open\n").unwrap();
    let out = pmcheck(&["run", good.to_str().unwrap(), "-d", data.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("data.csv:3:3: at row 2: the quote opening this field is never closed"),
        "{stderr}"
    );

    let data = dir.path().join("data.json");
    std::fs::write(&data, "[{\"a\": 1}, 2]").unwrap();
    let out = pmcheck(&["run", good.to_str().unwrap(), "-d", data.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("data.json:1:12: at $[1]: invalid type: integer `2`, expected an object"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = pmcheck(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    let out = pmcheck(&["run", "/nonexistent/x.postman_collection.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    let out = pmcheck(&["run", "x.json", "--env-var", "novalue"]);
    assert_eq!(out.status.code(), Some(2));
}
