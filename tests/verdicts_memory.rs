//! A 16 MiB JSON body judged by a schema costs the `pmcheck` binary a bounded amount of
//! memory, and its violations quote short excerpts: peak RSS (from `wait4`) under 200 MB,
//! and reports of a few KB beside the body's own 16 KiB excerpt, against a real server on
//! 127.0.0.1 that serves the body.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

/// Bodies a little under the 16 MiB of `--max-body`'s default.
const BODY_BYTES: usize = 16 * 1024 * 1024 - 4096;

/// Peak RSS a hostile run may reach.
const RSS_LIMIT: u64 = 200 * 1000 * 1000;

/// `[{"id":0,"name":"item-0","tags":["a","b"]}, …]` of about [`BODY_BYTES`]; with
/// `strings`, every `strings`th item's id is a string (`"0"`).
fn items_with(strings: Option<usize>) -> String {
    let mut out = String::with_capacity(BODY_BYTES + 64);
    out.push('[');
    let mut n = 0usize;
    while out.len() < BODY_BYTES - 64 {
        if n > 0 {
            out.push(',');
        }
        let id = match strings {
            Some(k) if n.is_multiple_of(k) => format!("\"{n}\""),
            _ => n.to_string(),
        };
        out.push_str(&format!(
            "{{\"id\":{id},\"name\":\"item-{n}\",\"tags\":[\"a\",\"b\"]}}"
        ));
        n += 1;
    }
    out.push(']');
    out
}

fn items() -> String {
    items_with(None)
}

/// A server on 127.0.0.1 answering every request with `body` as `application/json`, one
/// request per connection; it runs until the test process ends.
fn serve(body: Arc<String>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let body = Arc::clone(&body);
            std::thread::spawn(move || {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    match stream.read(&mut byte) {
                        Ok(1) => head.push(byte[0]),
                        _ => return,
                    }
                }
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(body.as_bytes());
            });
        }
    });
    format!("http://{addr}")
}

/// A collection of one request to `{{base}}/big`.
fn collection(dir: &Path) -> PathBuf {
    let doc = serde_json::json!({
        "info": {
            "name": "big",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": [{"name": "big body", "request": {"method": "GET", "url": "{{base}}/big"}}],
        "variable": [{"key": "base", "value": "http://unused.invalid"}]
    });
    let file = dir.join("big.postman_collection.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    file
}

/// A schema folder judging every 200 with `schema`.
fn schemas(dir: &Path, schema: &serde_json::Value) -> PathBuf {
    let folder = dir.join("schemas");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("index.json"),
        r#"{"statuses": {"200": "body.json"}}"#,
    )
    .unwrap();
    std::fs::write(folder.join("body.json"), schema.to_string()).unwrap();
    folder
}

/// What one run of the binary cost and wrote.
struct Measured {
    code: Option<i32>,
    /// Peak resident set, in bytes.
    peak_rss: u64,
    terminal: u64,
    json: u64,
    junit: u64,
    stdout: PathBuf,
    _dir: tempfile::TempDir,
}

/// Runs `pmcheck run` on one request answered with `body`, judged by `schema` (none: no
/// schema folder), and measures its peak RSS with `wait4`.
// wait4 reaps the child, with its resource usage.
#[allow(clippy::zombie_processes)]
fn measure(body: &Arc<String>, schema: Option<serde_json::Value>) -> Measured {
    let base = serve(Arc::clone(body));
    let dir = tempfile::tempdir().unwrap();
    let file = collection(dir.path());
    let json = dir.path().join("report.json");
    let junit = dir.path().join("report.xml");
    let stdout = dir.path().join("stdout.txt");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    cmd.arg("run")
        .arg(&file)
        .args(["--target", &base, "--color", "off", "-r", "cli,json,junit"])
        .arg("--reporter-json-export")
        .arg(&json)
        .arg("--reporter-junit-export")
        .arg(&junit)
        .env_remove("PMCHECK_TARGET")
        .stdout(Stdio::from(std::fs::File::create(&stdout).unwrap()))
        .stderr(Stdio::null());
    if let Some(schema) = &schema {
        cmd.arg("--schemas").arg(schemas(dir.path(), schema));
    }
    let child = cmd.spawn().unwrap();
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills; the child is ours and not yet reaped.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4 failed");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    Measured {
        code,
        // Linux reports ru_maxrss in KiB.
        peak_rss: u64::try_from(usage.ru_maxrss).unwrap() * 1024,
        terminal: size(&stdout),
        json: size(&json),
        junit: size(&junit),
        stdout,
        _dir: dir,
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

#[test]
fn a_16_mib_body_judged_item_by_item_by_its_schema_stays_under_200_mb() {
    let schema = serde_json::json!({
        "type": "array",
        "items": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}
    });
    let body = Arc::new(items_with(Some(1000)));
    let plain = measure(&body, None);
    let judged = measure(&body, Some(schema.clone()));
    // Every item violating: the validator holds all its errors (one per item) at once.
    let everywhere = measure(&Arc::new(items_with(Some(1))), Some(schema));
    eprintln!(
        "peak RSS: no schema {}, one item in 1000 violating its schema {}, every item {}",
        mb(plain.peak_rss),
        mb(judged.peak_rss),
        mb(everywhere.peak_rss)
    );
    assert_eq!(plain.code, Some(0));
    assert_eq!(judged.code, Some(1));
    assert!(
        judged.peak_rss < RSS_LIMIT,
        "peak RSS {} with the schema (limit {})",
        mb(judged.peak_rss),
        mb(RSS_LIMIT)
    );
    let terminal = std::fs::read_to_string(&judged.stdout).unwrap();
    assert!(
        terminal.contains("/0/id  [type]  \"0\" is not of type \"integer\""),
        "{}",
        &terminal[..terminal.len().min(3000)]
    );
    assert!(terminal.contains("… and "), "the violations are capped");
    assert_eq!(everywhere.code, Some(1));
    assert!(
        everywhere.peak_rss < 300 * 1000 * 1000,
        "peak RSS {}",
        mb(everywhere.peak_rss)
    );
}

#[test]
fn a_16_mib_body_violating_its_schema_at_the_root_gives_reports_of_a_few_kb() {
    let body = Arc::new(items());
    let m = measure(&body, Some(serde_json::json!({"type": "object"})));
    eprintln!(
        "reports: terminal {} B, JSON {} B, JUnit {} B; peak RSS {}",
        m.terminal,
        m.json,
        m.junit,
        mb(m.peak_rss)
    );
    assert_eq!(m.code, Some(1));
    let terminal = std::fs::read_to_string(&m.stdout).unwrap();
    assert!(
        terminal.contains(
            "(root)  [type]  [{\"id\":0,\"name\":\"item-0\",\"tags\":[\"a\",\"b\"]},{\"id\":1,"
        ),
        "{}",
        &terminal[..terminal.len().min(4000)]
    );
    assert!(terminal.contains("… is not of type \"object\""));
    // A few KB besides the body's own 16 KiB excerpt, which JSON escapes and JUnit quotes
    // twice (the failure's detail and `<system-out>`), XML-escaped.
    for (what, size, limit) in [
        ("terminal", m.terminal, 16 + 8),
        ("JSON", m.json, 24 + 8),
        ("JUnit", m.junit, 2 * 40 + 8),
    ] {
        assert!(size < limit * 1024, "{what} report of {size} bytes");
    }
    assert!(m.peak_rss < RSS_LIMIT, "peak RSS {}", mb(m.peak_rss));
}
