//! Collections, environments, globals, data files and cookie jars from `http(s)` URLs, as
//! Newman accepts them: fetched once before the run, redirects followed, within a size
//! limit; errors name the URL without its credentials or query, and a JSON syntax error
//! its line and column as for a file.

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use common::TestServer;
use serde_json::json;

/// A file server on 127.0.0.1: each path answers its body (200), `/moved` redirects to
/// `/c.json`, `/huge` announces a body larger than any input limit, any other path is 404.
/// It counts the requests of each path.
struct Files {
    port: u16,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Files {
    fn start(files: HashMap<&'static str, String>) -> Files {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let counted = Arc::clone(&hits);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head).to_string();
                let target = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                let path = target.split('?').next().unwrap_or("/").to_string();
                *counted.lock().unwrap().entry(path.clone()).or_insert(0) += 1;
                let reply = match path.as_str() {
                    "/moved" => "HTTP/1.1 302 Found\r\nLocation: /c.json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
                    "/huge" => "HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\nConnection: close\r\n\r\n{".to_string(),
                    p => match files.get(p) {
                        Some(body) => format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                            body.len()
                        ),
                        None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
                    },
                };
                let _ = stream.write_all(reply.as_bytes());
            }
        });
        Files { port, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

fn pmcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .args(args)
        .env_remove("PMCHECK_TARGET")
        .env_remove("PMCHECK_RC")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn served(target: &TestServer) -> Files {
    let collection = json!({
        "info": {"name": "remote"},
        "item": [{
            "name": "hello",
            "request": {"method": "GET", "url": "{{base}}/echo?user={{user}}&g={{g}}"},
            "event": [{"listen": "test", "script": {"exec": [
                "pm.test('vars', () => { pm.expect(pm.response.json().target).to.include('g=global'); });"
            ]}}]
        }]
    });
    let environment = json!({"name": "env", "values": [{"key": "base", "value": target.url(""), "enabled": true}]});
    let globals =
        json!({"name": "globals", "values": [{"key": "g", "value": "global", "enabled": true}]});
    Files::start(HashMap::from([
        ("/c.json", collection.to_string()),
        ("/env.json", environment.to_string()),
        ("/globals.json", globals.to_string()),
        ("/data.csv", "user\nalice\nbob\n".to_string()),
        (
            "/bad.json",
            "{\n  \"info\": {\"name\": \"x\"},\n  \"item\": [,]\n}".to_string(),
        ),
    ]))
}

#[test]
fn every_input_from_a_url_fetched_once() {
    let target = TestServer::start_blocking();
    let files = served(&target);
    let out = pmcheck(&[
        &files.url("/moved"),
        "-e",
        &files.url("/env.json"),
        "-g",
        &files.url("/globals.json"),
        "-d",
        &files.url("/data.csv"),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Two iterations, one per CSV row, each with its row's user.
    let targets: Vec<String> = target.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        ["/echo?user=alice&g=global", "/echo?user=bob&g=global"]
    );
    for path in [
        "/moved",
        "/c.json",
        "/env.json",
        "/globals.json",
        "/data.csv",
    ] {
        assert_eq!(files.hits(path), 1, "{path}");
    }
}

#[test]
fn a_syntax_error_names_the_url_line_and_column() {
    let target = TestServer::start_blocking();
    let files = served(&target);
    let url = files.url("/bad.json");
    let with_secrets = url.replace("http://", "http://user:hunter2@") + "?access_key=sekrit";
    let out = pmcheck(&[&with_secrets]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{url}:3:12: ")), "{stderr}");
    assert!(
        !stderr.contains("hunter2") && !stderr.contains("sekrit"),
        "{stderr}"
    );
}

#[test]
fn fetch_errors_are_clear_and_keep_secrets_out() {
    let target = TestServer::start_blocking();
    let files = served(&target);
    let collection = files.url("/c.json");
    let missing = files.url("/missing.json");
    let secret_env = missing.replace("http://", "http://user:hunter2@") + "?token=sekrit";
    let out = pmcheck(&[&collection, "-e", &secret_env]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{missing}: cannot fetch: the server answered 404 Not Found"
        )),
        "{stderr}"
    );
    assert!(
        !stderr.contains("hunter2") && !stderr.contains("sekrit"),
        "{stderr}"
    );

    let out = pmcheck(&[&files.url("/huge")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot fetch: the body is larger than"),
        "{stderr}"
    );

    // Nothing listens: a connection error, named by its URL.
    let dead = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{dead}/c.json");
    let out = pmcheck(&[&url]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{url}: cannot fetch: cannot connect")),
        "{stderr}"
    );
    // No request was sent to the target.
    assert!(target.requests().is_empty());
}

#[test]
fn a_cookie_jar_from_a_url() {
    let target = TestServer::start_blocking();
    let jar = json!({"cookies": [{"key": "sid", "value": "from-url", "domain": "127.0.0.1", "path": "/", "hostOnly": true}]});
    let collection = json!({"info": {"name": "c"}, "item": [{"name": "r", "request": {"url": target.url("/echo")}}]});
    let files = Files::start(HashMap::from([
        ("/jar.json", jar.to_string()),
        ("/c.json", collection.to_string()),
    ]));
    let out = pmcheck(&[
        &files.url("/c.json"),
        "--cookie-jar",
        &files.url("/jar.json"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(target.requests()[0].header("cookie"), Some("sid=from-url"));
}
