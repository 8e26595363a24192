//! One case's judging never counts against the next request: after a large answer judged
//! against a schema, a fast request under a short `--timeout-request` passes, and its
//! response time is its own.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::thread;

use serde_json::{Value, json};

/// About 15 MiB of JSON (under the default 16 MiB `--max-body`): objects a schema checks
/// one by one.
fn big_body() -> Vec<u8> {
    let mut body = Vec::with_capacity(16 << 20);
    body.push(b'[');
    let mut index = 0u64;
    while body.len() < 15 << 20 {
        if index > 0 {
            body.push(b',');
        }
        body.extend_from_slice(format!(r#"{{"id":{index},"name":"item {index}"}}"#).as_bytes());
        index += 1;
    }
    body.push(b']');
    body
}

/// Reads one request head; `None` once the client closed the connection.
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

/// A keep-alive server on 127.0.0.1: `/big` answers the large body, anything else `{}`,
/// both at once.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let big = std::sync::Arc::new(big_body());
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let big = std::sync::Arc::clone(&big);
            thread::spawn(move || {
                while let Some(head) = read_head(&mut stream) {
                    let body: &[u8] = if head.starts_with("GET /big ") {
                        &big
                    } else {
                        b"{}"
                    };
                    let reply = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                        body.len()
                    );
                    if stream.write_all(reply.as_bytes()).is_err()
                        || stream.write_all(body).is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    base
}

/// The collection (`big` then `fast`) and its schema folder, in `dir`.
fn collection(dir: &Path, base: &str) -> std::path::PathBuf {
    let item = |name: &str| {
        json!({
            "name": name,
            "request": {"method": "GET", "url": format!("{base}/{name}")},
        })
    };
    let file = dir.join("isolation.postman_collection.json");
    let body = json!({
        "info": {
            "name": "isolation",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": [item("big"), item("fast")],
    });
    std::fs::write(&file, body.to_string()).expect("write the collection");
    let schemas = dir.join("schemas");
    std::fs::create_dir_all(&schemas).expect("schema folder");
    let index = json!({
        "paths": {
            "GET /big": {"200": {"application/json": "big.json"}},
            "GET /fast": {"200": {"application/json": "fast.json"}},
        }
    });
    std::fs::write(schemas.join("index.json"), index.to_string()).expect("index");
    let items = json!({
        "type": "array",
        "items": {
            "type": "object",
            "required": ["id", "name"],
            "properties": {"id": {"type": "integer"}, "name": {"type": "string", "pattern": "^item [0-9]+$"}}
        }
    });
    std::fs::write(schemas.join("big.json"), items.to_string()).expect("schema");
    std::fs::write(schemas.join("fast.json"), r#"{"type": "object"}"#).expect("schema");
    file
}

#[test]
fn judging_a_large_case_never_counts_against_the_next_request() {
    let base = serve();
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = collection(dir.path(), &base);
    let report = dir.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(&file)
        .args([
            "--timeout-request",
            "500",
            "--color",
            "off",
            "-r",
            "cli,json",
        ])
        .arg("--reporter-json-export")
        .arg(&report)
        .env_remove("PMCHECK_TARGET")
        .output()
        .expect("run pmcheck");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let text = std::fs::read_to_string(&report).expect("the JSON report");
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    let cases = doc["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 2, "{stdout}");
    for case in cases {
        assert_eq!(case["verdict"], "passed", "{case:#}");
    }
    // The fast request's response time is its own, not the judging of the case before.
    let ms = cases[1]["duration_ms"].as_f64().expect("duration_ms");
    assert!(ms < 250.0, "{:#}", cases[1]);
}
