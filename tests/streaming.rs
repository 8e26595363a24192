//! Reports stream while the run goes on: a case is reported no later than while the next
//! request waits for its answer, and `--bail` never lets one more request out after a
//! failure (a case is judged before the next request only when `--bail` may stop there).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long the server holds the second request waiting for the first case's report.
const PATIENCE: Duration = Duration::from_secs(10);

/// A collection of GET requests named after their paths, each expecting a 200.
fn collection(dir: &std::path::Path, base: &str, paths: &[&str]) -> std::path::PathBuf {
    let items: Vec<serde_json::Value> = paths
        .iter()
        .map(|p| {
            serde_json::json!({
                "name": format!("request {p}"),
                "request": { "method": "GET", "url": format!("{base}/{p}") },
                "response": [{ "name": "ok", "code": 200, "status": "OK", "body": "{}" }]
            })
        })
        .collect();
    let file = dir.join("stream.postman_collection.json");
    let body = serde_json::json!({
        "info": {
            "name": "stream",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": items
    });
    std::fs::write(&file, body.to_string()).expect("write the collection");
    // No schemas: the bodies are not the simulated API's.
    std::fs::create_dir_all(dir.join("schemas")).expect("schema folder");
    std::fs::write(dir.join("schemas/index.json"), r#"{"statuses": {}}"#).expect("index");
    file
}

/// `pmcheck run FILE` against `base`, with the empty schema folder beside the file.
fn pmcheck(file: &std::path::Path, base: &str, extra: &[&str]) -> Command {
    let schemas = file.with_file_name("schemas");
    let mut command = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    command
        .arg("run")
        .arg(file)
        .args(["--target", base, "--color", "off", "--schemas"])
        .arg(schemas)
        .args(extra)
        .env_remove("PMCHECK_TARGET");
    command
}

/// Reads one request head; `None` when the client closed the connection.
fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return None,
        }
    }
    Some(String::from_utf8_lossy(&head).into_owned())
}

/// A keep-alive HTTP server: answers each request with `answer(path)`'s status, and
/// records the paths it was asked for.
fn serve(
    answer: impl Fn(&str) -> u16 + Send + Sync + 'static,
) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let answer = Arc::new(answer);
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let log = Arc::clone(&log);
            let answer = Arc::clone(&answer);
            thread::spawn(move || {
                while let Some(head) = read_head(&mut stream) {
                    let path = head
                        .split_whitespace()
                        .nth(1)
                        .unwrap_or("/")
                        .trim_start_matches('/')
                        .to_string();
                    if let Ok(mut l) = log.lock() {
                        l.push(path.clone());
                    }
                    let status = answer(&path);
                    let reply = format!(
                        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{{}}"
                    );
                    if stream.write_all(reply.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    (base, seen)
}

#[test]
fn a_case_is_reported_while_the_next_request_waits() {
    let reported = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&reported);
    // The second request is answered 200 only once the first case shows in the output.
    let (base, seen) = serve(move |path| {
        if path != "two" {
            return 200;
        }
        let until = Instant::now() + PATIENCE;
        while Instant::now() < until {
            if flag.load(Ordering::SeqCst) {
                return 200;
            }
            thread::sleep(Duration::from_millis(5));
        }
        503
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let file = collection(dir.path(), &base, &["one", "two", "three"]);
    let mut child = pmcheck(&file, &base, &[])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pmcheck starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        if line.contains("✓ stream › request one") {
            reported.store(true, Ordering::SeqCst);
        }
        lines.push(line);
    }
    let status = child.wait().expect("pmcheck ends");
    let out = lines.join("\n");
    assert_eq!(status.code(), Some(0), "{out}");
    assert!(out.contains("✓ stream › request two"), "{out}");
    assert!(out.contains("3 requests: 3 passed"), "{out}");
    let order: Vec<usize> = ["request one", "request two", "request three"]
        .iter()
        .map(|name| out.find(name).expect("every case is reported"))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert_eq!(
        *seen.lock().expect("log"),
        ["one", "two", "three"],
        "each request once, in order"
    );
}

#[test]
fn bail_sends_nothing_after_a_failed_case() {
    // The second request fails its status check; the third must never be sent.
    let (base, seen) = serve(|path| if path == "two" { 500 } else { 200 });
    let dir = tempfile::tempdir().expect("temp dir");
    let file = collection(dir.path(), &base, &["one", "two", "three"]);
    let out = pmcheck(&file, &base, &["--bail"])
        .output()
        .expect("pmcheck runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("stopped early (--bail)"), "{stdout}");
    assert_eq!(*seen.lock().expect("log"), ["one", "two"], "{stdout}");

    // Without --bail the run goes on, and the failure is still reported in its place.
    let (base, seen) = serve(|path| if path == "two" { 500 } else { 200 });
    let file = collection(dir.path(), &base, &["one", "two", "three"]);
    let out = pmcheck(&file, &base, &[]).output().expect("pmcheck runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("✗ stream › request two"), "{stdout}");
    assert!(
        stdout.contains("3 requests: 2 passed, 1 failed"),
        "{stdout}"
    );
    assert_eq!(*seen.lock().expect("log"), ["one", "two", "three"]);
}
