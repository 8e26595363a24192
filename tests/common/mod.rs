//! A real HTTP/1.1 test server on 127.0.0.1 (raw tokio TCP, keep-alive) that records
//! every request byte for byte.
//!
//! Routes (by path, query ignored unless stated):
//! - `/echo` and any unknown path: 200 JSON `{"method","target","headers":[[k,v]…],"body"}`
//! - `/status/{code}`: that status, empty body
//! - `/redirect?to=/echo`: 302 to `to` (default `/echo`)
//! - `/redirect-loop`: 302 to itself, forever
//! - `/redirect-cookie`: 302 to `/echo` with `Set-Cookie: hop=1; Path=/`
//! - `/set-cookie?name=value&…`: 200 with one `Set-Cookie: name=value; Path=/` per pair
//! - `/slow/{ms}`: waits, then answers like `/echo`
//! - `/bytes/{n}`: 200 with `n` bytes (`x`) and a `Content-Length`
//! - `/stream/{n}`: 200 with `n` bytes chunked, without `Content-Length`
//! - `/digest/{user}/{pass}`: 401 Digest challenge (realm `pmcheck-test`, qop `auth`,
//!   MD5) unless the request carries a correct Digest `Authorization`, then 200 echo
//! - `/respond/{code}?type=…`: that status with the request's own body as the response body
//!   (Content-Type from `type`, default `application/json`)
//! - `/reset`: closes the connection without answering
//! - `/garbage`: answers bytes that are not HTTP, then closes
//! - `/bad-header`: 200 with an `X-Bad` header value that is not UTF-8 (`caf\xe9`)
//! - `/encoded/{coding}?size=N`: 200 with a body compressed with `gzip`, `deflate` or `br`
//!   (`Content-Encoding: {coding}`): a short text, or N zero bytes

// Each test binary uses a different subset of this module.
#![allow(dead_code)]

mod encode;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use md5::{Digest, Md5};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinSet;

/// The assertions Newman recorded for a script fixture (its `expected` object):
/// `(request, name, status, message)` in order.
pub fn recorded_assertions(
    expected: &serde_json::Value,
) -> Vec<(String, String, String, Option<String>)> {
    expected["assertions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["request"].as_str().unwrap().to_string(),
                a["name"].as_str().unwrap().to_string(),
                a["status"].as_str().unwrap().to_string(),
                a["message"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// The request name of a case of pmcheck's JSON report (the last element of its path).
pub fn request_name(case: &serde_json::Value) -> &str {
    case["path"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .as_str()
        .unwrap()
}

/// Runs `pmcheck run` (the binary `pmcheck`) on the collection `doc` (written to `dir`)
/// with `args`; the `(request, assertion, result)` of every assertion of its JSON report,
/// in order.
pub fn run_assertions(
    pmcheck: &str,
    dir: &std::path::Path,
    doc: &serde_json::Value,
    args: &[&str],
) -> Vec<(String, String, String)> {
    let collection = dir.join("run.postman_collection.json");
    std::fs::write(&collection, doc.to_string()).unwrap();
    let report = dir.join("report.json");
    let out = std::process::Command::new(pmcheck)
        .arg("run")
        .arg(&collection)
        .args(args)
        .args(["-r", "json", "--reporter-json-export"])
        .arg(&report)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&report)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut triples = Vec::new();
    for case in doc["cases"].as_array().unwrap() {
        for a in case["assertions"].as_array().unwrap() {
            triples.push((
                request_name(case).to_string(),
                a["name"].as_str().unwrap().to_string(),
                a["result"].as_str().unwrap().to_string(),
            ));
        }
    }
    triples
}

/// `../shared/reference/<sub>` next to the repository, where Oracle's samples and Postman's
/// format examples live. The tests that call this carry
/// `#[cfg_attr(not(shared_reference), ignore = "…")]`: `build.rs` sets `shared_reference`
/// where the folder is present or `CI` is set, so elsewhere they are ignored with that
/// reason and under `CI` its absence fails them here.
pub fn shared_reference(sub: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference")
        .join(sub);
    assert!(
        dir.is_dir(),
        "{} is not present (CI must provide it; elsewhere the tests that need it are ignored)",
        dir.display()
    );
    dir
}

/// Realm of the `/digest/...` challenge.
pub const DIGEST_REALM: &str = "pmcheck-test";

/// A running test server; it stops when dropped.
pub struct TestServer {
    /// Address the server listens on.
    pub addr: SocketAddr,
    state: Arc<State>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// Exact bytes of request line, headers and body (chunk framing included).
    pub raw: Vec<u8>,
    /// Method token.
    pub method: String,
    /// Request-target as sent.
    pub target: String,
    /// Headers in received order, decoded lossily.
    pub headers: Vec<(String, String)>,
    /// Body bytes (de-chunked).
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// First header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct State {
    requests: Mutex<Vec<RecordedRequest>>,
    /// Nonces and opaque values of the digest challenges handed out.
    challenges: Mutex<Vec<(String, String)>>,
}

impl TestServer {
    /// Starts the server on the current tokio runtime.
    pub async fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State::default());
        let (shutdown, stop) = oneshot::channel();
        tokio::spawn(serve(listener, Arc::clone(&state), stop));
        TestServer {
            addr,
            state,
            shutdown: Some(shutdown),
            thread: None,
        }
    }

    /// Starts the server on its own thread and runtime, for synchronous tests (for
    /// example, ones that run the pmcheck binary as a subprocess).
    pub fn start_blocking() -> TestServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State::default());
        let (shutdown, stop) = oneshot::channel();
        let thread_state = Arc::clone(&state);
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).unwrap();
                serve(listener, thread_state, stop).await;
            });
        });
        TestServer {
            addr,
            state,
            shutdown: Some(shutdown),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.requests.lock().unwrap().clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Accepts connections until told to stop; stopping also ends every connection.
async fn serve(listener: TcpListener, state: Arc<State>, mut stop: oneshot::Receiver<()>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    connections.spawn(connection(stream, Arc::clone(&state)));
                }
            }
        }
    }
    connections.abort_all();
}

/// What to do with one request.
enum Reply {
    Bytes(Vec<u8>),
    /// A chunked body of this many bytes, written chunk by chunk.
    Stream(usize),
    Close,
}

async fn connection(mut stream: TcpStream, state: Arc<State>) {
    let mut buffer = Vec::new();
    while let Some(request) = read_request(&mut stream, &mut buffer).await {
        state.requests.lock().unwrap().push(request.clone());
        let close = request
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        match route(&request, &state).await {
            Reply::Close => return,
            Reply::Bytes(bytes) => {
                if stream.write_all(&bytes).await.is_err() || close {
                    return;
                }
            }
            Reply::Stream(total) => {
                if write_chunked(&mut stream, total).await.is_err() || close {
                    return;
                }
            }
        }
    }
}

async fn route(request: &RecordedRequest, state: &State) -> Reply {
    let (path, query) = match request.target.split_once('?') {
        Some((path, query)) => (path, query),
        None => (request.target.as_str(), ""),
    };
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let head = request.method == "HEAD";
    match segments.as_slice() {
        ["status", code] => match code.parse::<u16>() {
            Ok(code) if (100..1000).contains(&code) => Reply::Bytes(response(code, &[], b"", head)),
            _ => Reply::Bytes(response(400, &[], b"bad status", head)),
        },
        ["redirect"] => {
            let to = query_pairs(query)
                .into_iter()
                .find(|(name, _)| name == "to")
                .map_or_else(|| "/echo".to_string(), |(_, value)| value);
            Reply::Bytes(response(302, &[("Location", to)], b"", head))
        }
        ["redirect-loop"] => Reply::Bytes(response(
            302,
            &[("Location", "/redirect-loop".to_string())],
            b"",
            head,
        )),
        ["redirect-cookie"] => Reply::Bytes(response(
            302,
            &[
                ("Set-Cookie", "hop=1; Path=/".to_string()),
                ("Location", "/echo".to_string()),
            ],
            b"",
            head,
        )),
        ["set-cookie"] => {
            let headers: Vec<(&str, String)> = query_pairs(query)
                .into_iter()
                .map(|(name, value)| ("Set-Cookie", format!("{name}={value}; Path=/")))
                .collect();
            Reply::Bytes(response(200, &headers, b"", head))
        }
        ["slow", ms] => {
            tokio::time::sleep(Duration::from_millis(ms.parse().unwrap_or(0))).await;
            Reply::Bytes(echo(request))
        }
        ["bytes", n] => {
            let body = vec![b'x'; n.parse().unwrap_or(0)];
            Reply::Bytes(response(200, &[], &body, head))
        }
        ["stream", n] => Reply::Stream(n.parse().unwrap_or(0)),
        ["digest", user, pass] => {
            if digest_is_valid(request, user, pass, state) {
                Reply::Bytes(echo(request))
            } else {
                let nonce = hex::encode(rand::random::<[u8; 16]>());
                let opaque = hex::encode(rand::random::<[u8; 8]>());
                state
                    .challenges
                    .lock()
                    .unwrap()
                    .push((nonce.clone(), opaque.clone()));
                let challenge = format!(
                    "Digest realm=\"{DIGEST_REALM}\", qop=\"auth\", nonce=\"{nonce}\", \
                     opaque=\"{opaque}\", algorithm=MD5"
                );
                Reply::Bytes(response(
                    401,
                    &[("WWW-Authenticate", challenge)],
                    b"unauthorized",
                    head,
                ))
            }
        }
        ["respond", code] => {
            // Answers with the request's own body: lets a collection script a
            // non-conforming target. `?type=` sets the Content-Type (default JSON).
            let content_type = query_pairs(query)
                .into_iter()
                .find(|(name, _)| name == "type")
                .map_or_else(|| "application/json".to_string(), |(_, value)| value);
            let code = code.parse::<u16>().unwrap_or(200);
            Reply::Bytes(response(
                code,
                &[("Content-Type", content_type)],
                &request.body,
                head,
            ))
        }
        ["encoded", coding] => {
            // `?size=N`: N zero bytes instead of the text (a small body that inflates).
            let size = query_pairs(query)
                .into_iter()
                .find(|(name, _)| name == "size");
            let plain = size.map_or_else(
                || b"{\"encoded\":true}".repeat(64),
                |(_, n)| vec![0u8; n.parse().unwrap_or(0)],
            );
            let headers = [("Content-Encoding", coding.to_string())];
            Reply::Bytes(response(
                200,
                &headers,
                &encode::encode(coding, &plain),
                head,
            ))
        }
        ["reset"] => Reply::Close,
        ["garbage"] => Reply::Bytes(b"this is not http\r\n\r\n".to_vec()),
        ["bad-header"] => {
            let mut bytes =
                b"HTTP/1.1 200 OK\r\nX-Bad: caf\xe9\r\nContent-Length: 2\r\n\r\nok".to_vec();
            if head {
                bytes.truncate(bytes.len() - 2);
            }
            Reply::Bytes(bytes)
        }
        _ => Reply::Bytes(echo(request)),
    }
}

/// Checks a Digest `Authorization` (MD5, qop auth) against a challenge this server
/// issued, computed here independently of pmcheck.
fn digest_is_valid(request: &RecordedRequest, user: &str, pass: &str, state: &State) -> bool {
    let Some(value) = request.header("authorization") else {
        return false;
    };
    let Some(params) = value.strip_prefix("Digest ") else {
        return false;
    };
    let params = auth_params(params);
    let get = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    let issued = state
        .challenges
        .lock()
        .unwrap()
        .iter()
        .any(|(nonce, opaque)| nonce == get("nonce") && opaque == get("opaque"));
    if !issued
        || get("username") != user
        || get("realm") != DIGEST_REALM
        || get("uri") != request.target
        || get("qop") != "auth"
        || !get("algorithm").eq_ignore_ascii_case("MD5")
    {
        return false;
    }
    let md5_hex = |text: String| hex::encode(Md5::digest(text.as_bytes()));
    let ha1 = md5_hex(format!("{user}:{DIGEST_REALM}:{pass}"));
    let ha2 = md5_hex(format!("{}:{}", request.method, request.target));
    let expected = md5_hex(format!(
        "{ha1}:{}:{}:{}:auth:{ha2}",
        get("nonce"),
        get("nc"),
        get("cnonce")
    ));
    get("response") == expected
}

/// `a="x", b=y` into pairs (no escapes needed for what pmcheck sends here).
fn auth_params(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut rest = text.trim();
    while let Some((name, after)) = rest.split_once('=') {
        let name = name.trim().trim_start_matches(',').trim().to_string();
        let (value, remaining) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            (&quoted[..end], quoted.get(end + 1..).unwrap_or(""))
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        pairs.push((name, value.to_string()));
        rest = remaining.trim_start().trim_start_matches(',').trim_start();
    }
    pairs
}

fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name.to_string(), value.to_string()),
            None => (pair.to_string(), String::new()),
        })
        .collect()
}

fn echo(request: &RecordedRequest) -> Vec<u8> {
    let body = serde_json::json!({
        "method": request.method,
        "target": request.target,
        "headers": request.headers.iter().map(|(k, v)| [k, v]).collect::<Vec<_>>(),
        "body": String::from_utf8_lossy(&request.body),
    });
    response(
        200,
        &[("Content-Type", "application/json".to_string())],
        body.to_string().as_bytes(),
        request.method == "HEAD",
    )
}

/// The reason phrase this server sends for `status`.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        _ => "Status",
    }
}

fn response(status: u16, headers: &[(&str, String)], body: &[u8], head: bool) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut bytes = out.into_bytes();
    if !head {
        bytes.extend_from_slice(body);
    }
    bytes
}

async fn write_chunked(stream: &mut TcpStream, total: usize) -> std::io::Result<()> {
    stream
        .write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        .await?;
    let mut left = total;
    while left > 0 {
        let size = left.min(1024);
        let mut chunk = format!("{size:x}\r\n").into_bytes();
        chunk.extend(std::iter::repeat_n(b'x', size));
        chunk.extend_from_slice(b"\r\n");
        stream.write_all(&chunk).await?;
        left -= size;
    }
    stream.write_all(b"0\r\n\r\n").await
}

/// Reads more bytes into `buffer`; false at end of stream or on error.
async fn fill(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> bool {
    let mut chunk = [0u8; 8192];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            true
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Index of the next CRLF at or after `from`, reading more as needed.
async fn line_end(stream: &mut TcpStream, buffer: &mut Vec<u8>, from: usize) -> Option<usize> {
    loop {
        if let Some(at) = find(&buffer[from..], b"\r\n") {
            return Some(from + at);
        }
        if !fill(stream, buffer).await {
            return None;
        }
    }
}

/// Reads one request (Content-Length or chunked body); `None` when the peer is gone or
/// sent something unparsable.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<RecordedRequest> {
    let head_end = loop {
        if let Some(at) = find(buffer, b"\r\n\r\n") {
            break at + 4;
        }
        if !fill(stream, buffer).await {
            return None;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end - 4]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_string();
    let target = request_line.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.to_string(), value.trim().to_string()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };

    let mut body = Vec::new();
    let mut end = head_end;
    if header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        loop {
            let size_end = line_end(stream, buffer, end).await?;
            let size_text = String::from_utf8_lossy(&buffer[end..size_end]).into_owned();
            let size_text = size_text.split(';').next().unwrap_or_default().trim();
            let size = usize::from_str_radix(size_text, 16).ok()?;
            end = size_end + 2;
            if size == 0 {
                // Trailers, up to an empty line.
                loop {
                    let trailer_end = line_end(stream, buffer, end).await?;
                    let empty = trailer_end == end;
                    end = trailer_end + 2;
                    if empty {
                        break;
                    }
                }
                break;
            }
            while buffer.len() < end + size + 2 {
                if !fill(stream, buffer).await {
                    return None;
                }
            }
            body.extend_from_slice(&buffer[end..end + size]);
            end += size + 2;
        }
    } else {
        let length: usize = header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        while buffer.len() < head_end + length {
            if !fill(stream, buffer).await {
                return None;
            }
        }
        body.extend_from_slice(&buffer[head_end..head_end + length]);
        end = head_end + length;
    }
    let raw: Vec<u8> = buffer.drain(..end).collect();
    Some(RecordedRequest {
        raw,
        method,
        target,
        headers,
        body,
    })
}
