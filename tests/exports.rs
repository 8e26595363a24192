//! `--export-environment`, `--export-globals`, `--export-collection`, `--cookie-jar` and
//! `--export-cookie-jar`: the state a run leaves, in Newman's formats, secrets masked,
//! files for their owner only; an exported collection and jar load again and run.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::TestServer;
use serde_json::{Value, json};

const TOKEN: &str = "tok-3c1e9f0a-secret";
const PASSWORD: &str = "pw-77a1-hunter";

fn pmcheck(args: &[&str], paths: &[&Path]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    cmd.arg("run")
        .args(paths)
        .args(args)
        .env_remove("PMCHECK_TARGET")
        .env_remove("PMCHECK_RC")
        .env("NO_COLOR", "1");
    let out = cmd.output().unwrap();
    assert!(
        out.status.code().is_some(),
        "killed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn request(name: &str, url: &str, test: &str) -> Value {
    json!({
        "name": name,
        "request": {"method": "GET", "url": url},
        "event": [{"listen": "test", "script": {"exec": [test]}}]
    })
}

fn write(dir: &Path, name: &str, doc: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    path
}

/// The `{key: (value, type)}` of an exported file's `values` (or a collection's `variable`).
fn values(list: &Value) -> Vec<(String, Value, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["key"].as_str().unwrap().to_string(),
                v["value"].clone(),
                v["type"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn find<'a>(list: &'a [(String, Value, String)], key: &str) -> Option<&'a (String, Value, String)> {
    list.iter().find(|(k, _, _)| k == key)
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn environment_globals_and_collection_as_the_run_leaves_them() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    // The token is made by the script: the collection's text does not hold it.
    let script = "pm.test('counter', () => pm.expect(Number(pm.collectionVariables.get('counter'))).to.be.above(0));
         pm.collectionVariables.set('counter', Number(pm.collectionVariables.get('counter')) + 1);
         pm.environment.set('fromScript', 'v1');
         pm.environment.unset('toRemove');
         pm.environment.set('apiToken', ['tok', '3c1e9f0a', 'secret'].join('-'));
         pm.environment.set('count', 3);
         pm.globals.set('g2', 'x');
         pm.collectionVariables.set('c2', 'y');";
    let collection = write(
        dir.path(),
        "c.postman_collection.json",
        &json!({
            "info": {"name": "exports", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [request("one", &server.url("/echo?p={{password}}"), script)],
            "variable": [{"key": "counter", "value": "1", "description": "kept"}]
        }),
    );
    let env = write(
        dir.path(),
        "e.json",
        &json!({
            "id": "env-id-1", "name": "staging",
            "values": [
                {"key": "host", "value": "h.test", "enabled": true},
                {"key": "toRemove", "value": "bye", "enabled": true},
                {"key": "password", "value": PASSWORD, "type": "secret", "enabled": true}
            ]
        }),
    );
    let out_env = dir.path().join("out/env.json");
    let out_globals = dir.path().join("out/globals.json");
    let out_collection = dir.path().join("out/c.postman_collection.json");
    let out = pmcheck(
        &[
            "-e",
            env.to_str().unwrap(),
            "--global-var",
            "g1=one",
            "--export-environment",
            out_env.to_str().unwrap(),
            "--export-globals",
            out_globals.to_str().unwrap(),
            "--export-collection",
            out_collection.to_str().unwrap(),
        ],
        &[&collection],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let doc = read_json(&out_env);
    assert_eq!(doc["id"], "env-id-1");
    assert_eq!(doc["name"], "staging");
    assert_eq!(doc["_postman_variable_scope"], "environment");
    assert!(doc["_postman_exported_at"].as_str().unwrap().ends_with('Z'));
    assert!(
        doc["_postman_exported_using"]
            .as_str()
            .unwrap()
            .starts_with("pmcheck/")
    );
    let env = values(&doc["values"]);
    let keys: Vec<&str> = env.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        ["host", "password", "fromScript", "apiToken", "count"]
    );
    assert_eq!(find(&env, "host").unwrap().1, "h.test");
    assert_eq!(find(&env, "fromScript").unwrap().1, "v1");
    assert_eq!(find(&env, "count").unwrap().1, 3);
    for secret in ["password", "apiToken"] {
        let (_, value, kind) = find(&env, secret).unwrap();
        assert_eq!(
            (value.as_str(), kind.as_str()),
            (Some("***"), "secret"),
            "{secret}"
        );
    }
    assert!(doc["values"][0]["enabled"].as_bool().unwrap());

    let globals = read_json(&out_globals);
    assert_eq!(globals["_postman_variable_scope"], "globals");
    assert_eq!(globals["name"], "globals");
    let g = values(&globals["values"]);
    assert_eq!(find(&g, "g1").unwrap().1, "one");
    assert_eq!(find(&g, "g2").unwrap().1, "x");

    let exported = read_json(&out_collection);
    assert_eq!(exported["info"]["name"], "exports");
    let vars = values(&exported["variable"]);
    assert_eq!(find(&vars, "counter").unwrap().1, 2);
    assert_eq!(find(&vars, "c2").unwrap().1, "y");
    assert_eq!(exported["variable"][0]["description"], "kept");

    // No secret in any file, in any form the run knows.
    for path in [&out_env, &out_globals, &out_collection] {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(!text.contains(TOKEN) && !text.contains(PASSWORD), "{text}");
        #[cfg(unix)]
        assert_eq!(mode(path), 0o600, "{}", path.display());
    }

    // The exported collection loads again and runs, from the state it was left in.
    let again = dir.path().join("again.postman_collection.json");
    let out = pmcheck(
        &["--export-collection", again.to_str().unwrap()],
        &[&out_collection],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let vars = values(&read_json(&again)["variable"]);
    assert_eq!(find(&vars, "counter").unwrap().1, 3);
}

#[test]
fn export_collection_needs_one_collection() {
    let dir = tempfile::tempdir().unwrap();
    let doc = json!({"info": {"name": "n"}, "item": []});
    let a = write(dir.path(), "a.postman_collection.json", &doc);
    let b = write(dir.path(), "b.postman_collection.json", &doc);
    let out = pmcheck(&["--export-collection", "x.json"], &[&a, &b]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--export-collection needs exactly one collection"),
        "{stderr}"
    );
}

#[test]
fn with_jobs_each_flow_changes_apply_in_document_order() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/echo");
    let folder = |name: &str, script: &str| json!({"name": name, "item": [request(&format!("{name} request"), &url, script)]});
    let collection = write(
        dir.path(),
        "c.postman_collection.json",
        &json!({
            "info": {"name": "jobs"},
            "item": [
                request("setup", &url, "pm.environment.set('fromSetup', 's');"),
                folder("A", "pm.environment.set('a', '1'); pm.environment.set('shared', 'A');"),
                folder("B", "pm.environment.set('b', '2'); pm.environment.set('shared', 'B'); pm.environment.unset('gone');"),
            ]
        }),
    );
    let out_env = dir.path().join("env.json");
    let out = pmcheck(
        &[
            "--jobs",
            "2",
            "--env-var",
            "gone=x",
            "--export-environment",
            out_env.to_str().unwrap(),
        ],
        &[&collection],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let env = values(&read_json(&out_env)["values"]);
    let pairs: Vec<(&str, &str)> = env
        .iter()
        .map(|(k, v, _)| (k.as_str(), v.as_str().unwrap()))
        .collect();
    assert_eq!(
        pairs,
        [("fromSetup", "s"), ("a", "1"), ("shared", "B"), ("b", "2")]
    );
}

#[test]
fn a_cookie_jar_exported_by_one_run_is_sent_by_the_next() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let collection = write(
        dir.path(),
        "set.postman_collection.json",
        &json!({"info": {"name": "set"}, "item": [request("set", &server.url("/set-cookie?sid=abc123"), "")]}),
    );
    let jar = dir.path().join("jar.json");
    let out = pmcheck(
        &["--export-cookie-jar", jar.to_str().unwrap()],
        &[&collection],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let doc = read_json(&jar);
    assert_eq!(doc["storeType"], "MemoryCookieStore");
    assert_eq!(doc["rejectPublicSuffixes"], true);
    assert!(
        doc["version"]
            .as_str()
            .unwrap()
            .starts_with("tough-cookie@")
    );
    let cookie = &doc["cookies"][0];
    assert_eq!(cookie["key"], "sid");
    assert_eq!(cookie["value"], "abc123");
    assert_eq!(cookie["domain"], "127.0.0.1");
    assert_eq!(cookie["path"], "/");
    assert_eq!(cookie["hostOnly"], true);
    assert!(cookie["creation"].as_str().unwrap().ends_with('Z'));
    assert!(cookie["lastAccessed"].is_string());
    assert!(
        cookie.get("expires").is_none(),
        "a session cookie has no expiry"
    );
    #[cfg(unix)]
    assert_eq!(mode(&jar), 0o600);

    let echo = write(
        dir.path(),
        "echo.postman_collection.json",
        &json!({"info": {"name": "echo"}, "item": [request("echo", &server.url("/echo"), "")]}),
    );
    let before = server.requests().len();
    let out = pmcheck(&["--cookie-jar", jar.to_str().unwrap()], &[&echo]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let sent = &server.requests()[before];
    assert_eq!(sent.target, "/echo");
    assert_eq!(sent.header("cookie"), Some("sid=abc123"));

    // Without the jar, nothing is sent.
    let before = server.requests().len();
    pmcheck(&[], &[&echo]);
    assert_eq!(server.requests()[before].header("cookie"), None);
}

#[test]
fn a_jar_as_newman_writes_it_loads_and_a_bad_one_is_named() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    // tough-cookie 4's serialization, with the properties pmcheck does not use.
    let jar = write(
        dir.path(),
        "newman-jar.json",
        &json!({
            "version": "tough-cookie@4.1.3",
            "storeType": "MemoryCookieStore",
            "rejectPublicSuffixes": true,
            "enableLooseMode": false,
            "allowSpecialUseDomain": true,
            "prefixSecurity": "silent",
            "cookies": [
                {"key": "keep", "value": "1", "expires": "2999-01-01T00:00:00.000Z", "maxAge": 100,
                 "domain": "127.0.0.1", "path": "/", "hostOnly": true, "pathIsDefault": true,
                 "creation": "2024-01-01T00:00:00.000Z", "lastAccessed": "2024-01-01T00:00:00.000Z",
                 "extensions": [], "sameSite": "none"},
                {"key": "old", "value": "2", "expires": "2001-01-01T00:00:00.000Z",
                 "domain": "127.0.0.1", "path": "/", "hostOnly": true},
                {"key": "other", "value": "3", "domain": "elsewhere.test", "path": "/", "hostOnly": true}
            ]
        }),
    );
    let echo = write(
        dir.path(),
        "echo.postman_collection.json",
        &json!({"info": {"name": "echo"}, "item": [request("echo", &server.url("/echo"), "")]}),
    );
    let out = pmcheck(&["--cookie-jar", jar.to_str().unwrap()], &[&echo]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(server.requests()[0].header("cookie"), Some("keep=1"));

    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"cookies\": [\n    {\"key\": \"a\", \"path\": \"/\"}\n  ]\n}",
    )
    .unwrap();
    let out = pmcheck(&["--cookie-jar", bad.to_str().unwrap()], &[&echo]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: $.cookies[0]: the cookie has no `domain`",
            bad.display()
        )),
        "{stderr}"
    );
    std::fs::write(&bad, "{\"cookies\": [}").unwrap();
    let out = pmcheck(&["--cookie-jar", bad.to_str().unwrap()], &[&echo]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:1:", bad.display())),
        "{stderr}"
    );
}

#[test]
fn a_run_stopped_by_bail_exports_what_it_left() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/echo");
    let collection = write(
        dir.path(),
        "c.postman_collection.json",
        &json!({
            "info": {"name": "bail"},
            "item": [
                request("first", &url, "pm.environment.set('x', '1'); pm.test('fails', () => pm.expect(1).to.equal(2));"),
                request("second", &url, "pm.environment.set('y', '2');"),
            ]
        }),
    );
    let out_env = dir.path().join("env.json");
    let out = pmcheck(
        &["--bail", "--export-environment", out_env.to_str().unwrap()],
        &[&collection],
    );
    assert_eq!(out.status.code(), Some(1));
    let env = values(&read_json(&out_env)["values"]);
    let keys: Vec<&str> = env.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(keys, ["x"]);
}
