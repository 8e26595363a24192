//! OpenAPI documents as the schema source, through the `pmcheck` binary: a loopback server
//! answers canned statuses, media types, headers and bodies per path, conforming and not,
//! and `run --openapi DOC` must pass the conforming answers and fail each non-conforming
//! one with a message naming the JSON pointer, the status and the operation. The public
//! documents are read from `../shared/reference/openapi` (see its SOURCE.md); CI always has
//! that folder, and there (`CI` set) its absence is a failure, elsewhere the tests that need
//! it say "skipped" and pass. The small documents of `tests/fixtures/openapi/` cover
//! `nullable`, boolean `exclusiveMinimum`, relative-file and recursive `$ref`s and
//! required headers.

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};

/// One canned answer.
#[derive(Clone)]
struct Canned {
    status: u16,
    content_type: Option<&'static str>,
    headers: Vec<(&'static str, &'static str)>,
    body: String,
}

fn answer(status: u16, content_type: &'static str, body: impl ToString) -> Canned {
    Canned {
        status,
        content_type: Some(content_type),
        headers: Vec::new(),
        body: body.to_string(),
    }
}

fn json_answer(status: u16, body: Value) -> Canned {
    answer(status, "application/json", body)
}

/// A loopback HTTP/1.1 server answering each `METHOD /path?query` with its canned answer, 599 for anything else; one request per connection. Stops when dropped.
struct CannedServer {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl CannedServer {
    fn start(routes: HashMap<String, Canned>) -> CannedServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    serve(stream, &routes);
                }
            }
        });
        CannedServer {
            port,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for CannedServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(mut stream: TcpStream, routes: &HashMap<String, Canned>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut words = head.split_whitespace();
    let method = words.next().unwrap_or("");
    let target = words.next().unwrap_or("");
    let length: usize = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    let _ = stream.read_exact(&mut body);
    let canned = routes
        .get(&format!("{method} {target}"))
        .cloned()
        .unwrap_or_else(|| answer(599, "text/plain", format!("no route {method} {target}")));
    let mut out = format!("HTTP/1.1 {} Canned\r\n", canned.status);
    if let Some(t) = canned.content_type {
        out.push_str(&format!("Content-Type: {t}\r\n"));
    }
    for (k, v) in &canned.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{}",
        canned.body.len(),
        canned.body
    ));
    let _ = stream.write_all(out.as_bytes());
}

/// One request of a test collection, the server's answer to it, and the statuses its saved
/// examples expect (so that the status check passes and the case is judged by its body).
struct Case {
    name: &'static str,
    method: &'static str,
    path: &'static str,
    answer: Canned,
}

fn case(name: &'static str, method: &'static str, path: &'static str, answer: Canned) -> Case {
    Case {
        name,
        method,
        path,
        answer,
    }
}

/// Writes a collection of `cases` (URLs `{{baseUrl}}/path`, one saved example with the
/// canned status each) into `dir`.
fn collection(dir: &Path, cases: &[Case]) -> PathBuf {
    let items: Vec<Value> = cases
        .iter()
        .map(|c| {
            json!({
                "name": c.name,
                "request": {"method": c.method, "url": format!("{{{{baseUrl}}}}{}", c.path)},
                "response": [{"name": "documented", "code": c.answer.status, "body": ""}],
            })
        })
        .collect();
    let file = dir.join("api.postman_collection.json");
    let body = json!({
        "info": {"name": "api", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
    });
    std::fs::write(&file, body.to_string()).unwrap();
    file
}

/// What a run printed and reported.
struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    report: Value,
}

impl Ran {
    /// The report's case named `name`.
    fn case(&self, name: &str) -> &Value {
        self.report["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| common::request_name(c) == name)
            .unwrap_or_else(|| panic!("no case {name}: {}", self.stdout))
    }

    fn verdict(&self, name: &str) -> &str {
        self.case(name)["verdict"].as_str().unwrap()
    }

    /// The failed checks of case `name`: `(check, message, detail)`.
    fn failures(&self, name: &str) -> Vec<(String, String, Value)> {
        self.case(name)["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["result"] == "failed")
            .map(|c| {
                (
                    c["check"].as_str().unwrap().to_string(),
                    c["message"].as_str().unwrap_or("").to_string(),
                    c["detail"].clone(),
                )
            })
            .collect()
    }

    /// The violations' pointers of case `name`, and the schema they are of.
    fn violations(&self, name: &str) -> (Vec<String>, String) {
        let c = self.case(name);
        let pointers = c["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["pointer"].as_str().unwrap().to_string())
            .collect();
        (pointers, c["schema"].as_str().unwrap_or("").to_string())
    }
}

/// `pmcheck run` of `cases` against a canned server, with `args` (`--openapi DOC`, …).
fn run(cases: &[Case], args: &[&str]) -> Ran {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), cases, args)
}

fn run_in(dir: &Path, cases: &[Case], args: &[&str]) -> Ran {
    let routes = cases
        .iter()
        .map(|c| (format!("{} {}", c.method, c.path), c.answer.clone()))
        .collect();
    let server = CannedServer::start(routes);
    let file = collection(dir, cases);
    let report = dir.join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(&file)
        .args([
            "--target",
            &server.url(),
            "--color",
            "off",
            "-r",
            "cli,json",
        ])
        .arg("--env-var")
        .arg(format!("baseUrl={}", server.url()))
        .arg("--reporter-json-export")
        .arg(&report)
        .args(args)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let report = std::fs::read(&report)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null);
    Ran {
        code: out.status.code(),
        stdout,
        stderr,
        report,
    }
}

/// A public document of `../shared/reference/openapi`.
fn reference(name: &str) -> String {
    common::shared_reference("openapi")
        .join(name)
        .display()
        .to_string()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/openapi")
        .join(name)
        .display()
        .to_string()
}

/// Asserts that `name` failed its schema check with exactly `pointers`, against the schema
/// named `schema` (operation, status key, media type), and that the terminal report
/// shows the same.
fn assert_violations(ran: &Ran, name: &str, pointers: &[&str], schema: &str) {
    assert_eq!(ran.verdict(name), "failed", "{name}: {}", ran.stdout);
    let (got, applied) = ran.violations(name);
    assert_eq!(got, pointers, "{name}");
    assert_eq!(applied, schema, "{name}");
    let failures = ran.failures(name);
    assert!(
        failures
            .iter()
            .any(|(check, message, detail)| check == "schema"
                && message.contains(schema)
                && detail["kind"] == "schema"),
        "{name}: {failures:?}"
    );
    assert!(ran.stdout.contains(schema), "{name}: {}", ran.stdout);
}

fn assert_passed(ran: &Ran, names: &[&str]) {
    for name in names {
        assert_eq!(
            ran.verdict(name),
            "passed",
            "{name}: {:?}\n{}",
            ran.failures(name),
            ran.stdout
        );
    }
}

/// Asserts that `name` failed only its media-type check, naming the operation, the status
/// and the documented media types.
fn assert_media_type(ran: &Ran, name: &str, operation: &str, status: u16, documented: &[&str]) {
    assert_eq!(ran.verdict(name), "failed", "{name}");
    let failures = ran.failures(name);
    let [(check, message, detail)] = failures.as_slice() else {
        panic!("{name}: {failures:?}");
    };
    assert_eq!(check, "media type");
    assert_eq!(detail["kind"], "media_type");
    assert_eq!(detail["operation"], operation);
    assert_eq!(detail["status"], status);
    assert_eq!(detail["documented"], json!(documented));
    assert!(
        message.contains(operation) && message.contains(&status.to_string()),
        "{message}"
    );
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn swagger_petstore_bodies_media_types_and_concrete_paths() {
    let doc = reference("swagger-petstore.openapi.yaml");
    let pet = json!({"id": 10, "name": "doggie", "category": {"id": 1, "name": "Dogs"},
                     "photoUrls": ["u"], "tags": [{"id": 1, "name": "t"}], "status": "available"});
    let cases = [
        case(
            "pet",
            "GET",
            "/api/v3/pet/10",
            json_answer(200, pet.clone()),
        ),
        case(
            "pet as xml",
            "GET",
            "/api/v3/pet/11",
            answer(200, "application/xml", "<pet><name>doggie</name></pet>"),
        ),
        case(
            "pet with a charset",
            "GET",
            "/api/v3/pet/15",
            answer(200, "application/json; charset=utf-8", pet.clone()),
        ),
        case(
            "bad pet",
            "GET",
            "/api/v3/pet/12",
            json_answer(
                200,
                json!({"id": "x", "photoUrls": [], "status": "eaten", "tags": [{"id": "t"}], "category": {"id": 1.5}}),
            ),
        ),
        case(
            "pet as html",
            "GET",
            "/api/v3/pet/13",
            answer(200, "text/html", "<p>doggie</p>"),
        ),
        case(
            "no pet",
            "GET",
            "/api/v3/pet/14",
            answer(404, "text/plain", "not found"),
        ),
        case(
            "inventory",
            "GET",
            "/api/v3/store/inventory",
            json_answer(200, json!({"available": 3, "sold": 1})),
        ),
        case(
            "bad inventory",
            "GET",
            "/api/v3/store/inventory/",
            json_answer(200, json!({"available": "many"})),
        ),
        case(
            "by status",
            "GET",
            "/api/v3/pet/findByStatus",
            json_answer(200, json!([{"name": "a", "photoUrls": []}])),
        ),
        case(
            "login",
            "GET",
            "/api/v3/user/login",
            json_answer(200, json!("token")),
        ),
        case(
            "bad login",
            "GET",
            "/api/v3/user/login?username=u",
            json_answer(200, json!({"token": 1})),
        ),
    ];
    let ran = run(&cases, &["--openapi", &doc]);
    assert_eq!(ran.code, Some(1), "{}\n{}", ran.stdout, ran.stderr);
    assert_passed(
        &ran,
        &[
            "pet",
            "pet as xml",
            "pet with a charset",
            "no pet",
            "inventory",
            "by status",
            "login",
        ],
    );
    assert_violations(
        &ran,
        "bad pet",
        &["", "/category/id", "/id", "/status", "/tags/0/id"],
        "GET /pet/{petId} 200 application/json",
    );
    assert_media_type(
        &ran,
        "pet as html",
        "GET /pet/{petId}",
        200,
        &["application/json", "application/xml"],
    );
    assert_violations(
        &ran,
        "bad inventory",
        &["/available"],
        "GET /store/inventory 200 application/json",
    );
    // `/pet/findByStatus` is concrete: it wins over `/pet/{petId}` (whose Pet schema an
    // array would violate).
    assert_eq!(
        ran.case("by status")["schema"],
        "GET /pet/findByStatus 200 application/json"
    );
    assert_violations(
        &ran,
        "bad login",
        &[""],
        "GET /user/login 200 application/json",
    );
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn petstore_expanded_all_of_and_default_responses() {
    let doc = reference("oai-v3.0-petstore-expanded.yaml");
    let cases = [
        case(
            "pets",
            "GET",
            "/v2/pets",
            json_answer(200, json!([{"id": 1, "name": "a", "tag": "t"}])),
        ),
        case(
            "pet without id",
            "GET",
            "/v2/pets/1",
            json_answer(200, json!({"name": "a"})),
        ),
        case(
            "error",
            "GET",
            "/v2/pets/2",
            json_answer(500, json!({"code": 500, "message": "down"})),
        ),
        case(
            "bad error",
            "GET",
            "/v2/pets/3",
            json_answer(503, json!({"code": "x"})),
        ),
        case(
            "error as text",
            "DELETE",
            "/v2/pets/4",
            answer(409, "text/plain", "conflict"),
        ),
    ];
    let ran = run(&cases, &["--openapi", &doc]);
    assert_eq!(ran.code, Some(1), "{}\n{}", ran.stdout, ran.stderr);
    assert_passed(&ran, &["pets", "error"]);
    assert_violations(
        &ran,
        "pet without id",
        &[""],
        "GET /pets/{id} 200 application/json",
    );
    assert_violations(
        &ran,
        "bad error",
        &["", "/code"],
        "GET /pets/{id} default application/json",
    );
    assert_media_type(
        &ran,
        "error as text",
        "DELETE /pets/{id}",
        409,
        &["application/json"],
    );
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn uspto_templated_server_and_path_parameters() {
    let doc = reference("oai-v3.0-uspto.yaml");
    let cases = [
        case(
            "data sets",
            "GET",
            "/ds-api/",
            json_answer(
                200,
                json!({"total": 1, "apis": [{"apiKey": "oa_citations", "apiVersionNumber": "v1"}]}),
            ),
        ),
        case(
            "bad data sets",
            "GET",
            "/ds-api",
            json_answer(200, json!({"total": "1", "apis": [{"apiKey": 2}]})),
        ),
        case(
            "fields",
            "GET",
            "/ds-api/oa_citations/v1/fields",
            json_answer(200, json!("{\"fields\": []}")),
        ),
        case(
            "fields not found",
            "GET",
            "/ds-api/nope/v9/fields",
            json_answer(404, json!({"error": "no such data set"})),
        ),
    ];
    let ran = run(&cases, &["--openapi", &doc]);
    assert_eq!(ran.code, Some(1), "{}\n{}", ran.stdout, ran.stderr);
    assert_passed(&ran, &["data sets", "fields"]);
    assert_violations(
        &ran,
        "bad data sets",
        &["/apis/0/apiKey", "/total"],
        "GET / 200 application/json",
    );
    assert_violations(
        &ran,
        "fields not found",
        &[""],
        "GET /{dataset}/{version}/fields 404 application/json",
    );
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn api_with_examples_media_types_without_schema_accept_any_body() {
    let doc = reference("oai-v3.0-api-with-examples.yaml");
    let cases = [
        case(
            "versions",
            "GET",
            "/",
            json_answer(200, json!({"anything": ["goes"]})),
        ),
        case(
            "versions as text",
            "GET",
            "/v2",
            answer(200, "text/plain", "v2"),
        ),
    ];
    let ran = run(&cases, &["--openapi", &doc]);
    assert_eq!(ran.code, Some(1), "{}\n{}", ran.stdout, ran.stderr);
    assert_passed(&ran, &["versions"]);
    assert_media_type(
        &ran,
        "versions as text",
        "GET /v2",
        200,
        &["application/json"],
    );
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn tictactoe_31_schemas_as_json_schema_2020_12() {
    let doc = reference("oai-v3.1-tictactoe.yaml");
    let row = json!([".", "X", "O"]);
    let cases = [
        case(
            "board",
            "GET",
            "/board",
            json_answer(200, json!({"winner": ".", "board": [row, row, row]})),
        ),
        case(
            "bad board",
            "PUT",
            "/board/1/1",
            json_answer(200, json!({"winner": "Z", "board": [row, [".", "?", "."]]})),
        ),
        case("square", "GET", "/board/1/2", json_answer(200, json!("X"))),
        case(
            "bad square",
            "GET",
            "/board/2/2",
            json_answer(200, json!("x")),
        ),
        case(
            "illegal square",
            "GET",
            "/board/4/1",
            answer(400, "text/html", "Illegal coordinates"),
        ),
    ];
    let ran = run(&cases, &["--openapi", &doc]);
    assert_eq!(ran.code, Some(1), "{}\n{}", ran.stdout, ran.stderr);
    assert_passed(&ran, &["board", "square", "illegal square"]);
    assert_violations(
        &ran,
        "bad board",
        &["/board", "/board/1/1", "/winner"],
        "PUT /board/{row}/{column} 200 application/json",
    );
    assert_violations(
        &ran,
        "bad square",
        &[""],
        "GET /board/{row}/{column} 200 application/json",
    );
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn unmatched_requests_pass_unless_strict_and_lint_warns() {
    let doc = reference("oai-v3.1-webhook-example.yaml");
    // The document has webhooks and no paths: no request matches an operation.
    let cases = [case(
        "anything",
        "GET",
        "/pets",
        json_answer(200, json!({"not": "checked"})),
    )];
    let ran = run(&cases, &["--openapi", &doc]);
    assert_eq!(ran.code, Some(0), "{}\n{}", ran.stdout, ran.stderr);
    assert_passed(&ran, &["anything"]);
    let strict = run(&cases, &["--openapi", &doc, "--strict-openapi"]);
    assert_eq!(strict.code, Some(1), "{}", strict.stdout);
    let failures = strict.failures("anything");
    let [(check, message, detail)] = failures.as_slice() else {
        panic!("{failures:?}");
    };
    assert_eq!(check, "operation");
    assert_eq!(
        detail,
        &json!({"kind": "unmatched_operation", "method": "GET", "path": "/pets"})
    );
    assert_eq!(
        message,
        "GET /pets matches no operation of the OpenAPI document"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = collection(dir.path(), &cases);
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("lint")
        .arg(&file)
        .args(["--env-var", "baseUrl=http://127.0.0.1:9", "--openapi", &doc])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "warnings only: {stdout}");
    assert!(
        stdout.contains("warning: ")
            && stdout.contains("api::anything: GET /pets matches no operation of")
            && stdout.contains("1 warning(s)"),
        "{stdout}"
    );
}

#[test]
fn nullable_exclusive_minimum_required_headers_and_server_variables() {
    let doc = fixture("nullable.yaml");
    let with_id = |status, body: Value| Canned {
        headers: vec![("X-Request-Id", "r1")],
        ..json_answer(status, body)
    };
    let cases = [
        case(
            "nulls",
            "GET",
            "/api/v1/things/1",
            with_id(
                200,
                json!({"id": 1, "price": 0.01, "note": null, "kind": null, "owner": null}),
            ),
        ),
        case(
            "values",
            "GET",
            "/api/v1/things/2",
            with_id(
                200,
                json!({"id": 2, "price": 3, "note": "n", "kind": "a", "owner": {"name": "o"}}),
            ),
        ),
        case(
            "bad values",
            "GET",
            "/api/v1/things/3",
            with_id(
                200,
                json!({"id": null, "price": 0, "note": 1, "kind": "c", "owner": {}}),
            ),
        ),
        case(
            "no request id",
            "GET",
            "/api/v1/things/4",
            json_answer(200, json!({"id": 4, "price": 1, "note": null})),
        ),
        case(
            "special",
            "GET",
            "/api/v1/things/special",
            answer(200, "text/plain", "concrete"),
        ),
        case(
            "problem",
            "GET",
            "/api/v1/things/5",
            answer(418, "application/problem+json", json!({"title": "teapot"})),
        ),
    ];
    let ran = run(&cases, &["--openapi", &doc, "--strict-openapi"]);
    assert_eq!(ran.code, Some(1), "{}\n{}", ran.stdout, ran.stderr);
    assert_passed(&ran, &["nulls", "values", "special", "problem"]);
    assert_violations(
        &ran,
        "bad values",
        &["/id", "/kind", "/note", "/owner", "/price"],
        "GET /things/{id} 200 application/json",
    );
    let failures = ran.failures("no request id");
    let [(check, message, detail)] = failures.as_slice() else {
        panic!("{failures:?}");
    };
    assert_eq!(check, "headers");
    assert_eq!(detail["kind"], "missing_headers");
    assert_eq!(detail["missing"], json!(["X-Request-Id"]));
    assert!(
        message.contains("X-Request-Id") && message.contains("GET /things/{id}"),
        "{message}"
    );
}

#[test]
fn relative_file_refs_recursive_schemas_and_strict_statuses() {
    let doc = fixture("tree/api.yaml");
    let cases = [
        case(
            "tree",
            "GET",
            "/trees/1",
            json_answer(
                200,
                json!({"name": "r", "size": 1, "parent": null,
                       "children": [{"name": "a", "children": [{"name": "b", "parent": {"name": "a"}}]}]}),
            ),
        ),
        case(
            "bad tree",
            "GET",
            "/trees/2",
            json_answer(
                200,
                json!({"name": "r", "children": [{"name": "a", "children": [{"name": 2, "size": 0}]}]}),
            ),
        ),
        case(
            "gone",
            "GET",
            "/trees/3",
            json_answer(404, json!({"message": "gone"})),
        ),
        case(
            "bad gone",
            "GET",
            "/trees/4",
            json_answer(404, json!({"reason": "gone"})),
        ),
        case(
            "crash",
            "GET",
            "/trees/5",
            answer(500, "text/plain", "boom"),
        ),
    ];
    let ran = run(&cases, &["--openapi", &doc]);
    assert_eq!(ran.code, Some(1), "{}\n{}", ran.stdout, ran.stderr);
    assert_passed(&ran, &["tree", "gone", "crash"]);
    assert_violations(
        &ran,
        "bad tree",
        &["/children/0/children/0/name", "/children/0/children/0/size"],
        "GET /trees/{treeId} 200 application/json",
    );
    assert_violations(
        &ran,
        "bad gone",
        &[""],
        "GET /trees/{treeId} 404 application/json",
    );
    // Strict: a status the operation documents neither exactly, by range nor by default.
    let strict = run(&cases, &["--openapi", &doc, "--strict-openapi"]);
    let failures = strict.failures("crash");
    let [(check, message, detail)] = failures.as_slice() else {
        panic!("{failures:?}");
    };
    assert_eq!(check, "operation");
    assert_eq!(
        detail,
        &json!({"kind": "undocumented_status", "status": 500,
                "operation": "GET /trees/{treeId}", "documented": ["200", "404"]})
    );
    assert_eq!(
        message,
        "status 500 is not documented for GET /trees/{treeId}; documented: 200, 404"
    );
    assert_passed(&strict, &["tree", "gone"]);
}

#[test]
fn sidecar_openapi_and_the_precedence_of_sources() {
    let dir = tempfile::tempdir().unwrap();
    let doc = fixture("tree/api.yaml");
    let cases = [case(
        "bad gone",
        "GET",
        "/trees/4",
        json_answer(404, json!({"reason": "gone"})),
    )];
    // A `schemas/` folder next to the collection that documents nothing: the sidecar's
    // document wins over it.
    std::fs::create_dir(dir.path().join("schemas")).unwrap();
    std::fs::write(dir.path().join("schemas/index.json"), r#"{"statuses": {}}"#).unwrap();
    // The sidecar's path is relative to its folder.
    std::fs::create_dir(dir.path().join("spec")).unwrap();
    std::fs::write(
        dir.path().join("spec/doc.yaml"),
        "openapi: 3.0.3\npaths:\n  /trees/{id}:\n    get:\n      responses:\n        '404':\n          description: gone\n          content:\n            application/json:\n              schema: {type: object, required: [message]}\n",
    )
    .unwrap();
    let sidecar = dir.path().join("api.pmcheck.toml");
    std::fs::write(&sidecar, "openapi = \"spec/doc.yaml\"\n").unwrap();
    let ran = run_in(dir.path(), &cases, &[]);
    assert_violations(
        &ran,
        "bad gone",
        &[""],
        "GET /trees/{id} 404 application/json",
    );
    // `--openapi` on the command line wins over the sidecar's.
    let ran = run_in(dir.path(), &cases, &["--openapi", &doc]);
    assert_violations(
        &ran,
        "bad gone",
        &[""],
        "GET /trees/{treeId} 404 application/json",
    );
    std::fs::write(&sidecar, format!("openapi = {:?}\n", doc)).unwrap();
    let ran = run_in(dir.path(), &cases, &[]);
    assert_violations(
        &ran,
        "bad gone",
        &[""],
        "GET /trees/{treeId} 404 application/json",
    );
    // `--schemas DIR` on the command line wins over the sidecar's document.
    let schemas = dir.path().join("none");
    std::fs::create_dir(&schemas).unwrap();
    std::fs::write(schemas.join("index.json"), r#"{"statuses": {}}"#).unwrap();
    let ran = run_in(
        dir.path(),
        &cases,
        &["--schemas", &schemas.display().to_string()],
    );
    assert_passed(&ran, &["bad gone"]);
    // Both in one sidecar: a clear error.
    std::fs::write(
        &sidecar,
        format!("openapi = {:?}\nschemas = \"none\"\n", doc),
    )
    .unwrap();
    let ran = run_in(dir.path(), &cases, &[]);
    assert_eq!(ran.code, Some(2), "{}", ran.stdout);
    assert!(
        ran.stderr
            .contains("api.pmcheck.toml: both `schemas` and `openapi` name a schema source"),
        "{}",
        ran.stderr
    );
    // No sidecar: the folder next to the collection.
    std::fs::remove_file(&sidecar).unwrap();
    let ran = run_in(dir.path(), &cases, &[]);
    assert_passed(&ran, &["bad gone"]);
    // Both on the command line: refused by the parser.
    let ran = run_in(dir.path(), &cases, &["--openapi", &doc, "--schemas", "x"]);
    assert_eq!(ran.code, Some(2));
    assert!(ran.stderr.contains("cannot be used with"), "{}", ran.stderr);
}

#[test]
fn document_errors_name_file_line_and_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("bad.yaml");
    std::fs::write(
        &doc,
        "openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/Nope'\n",
    )
    .unwrap();
    let cases = [case("a", "GET", "/a", json_answer(200, json!({})))];
    let ran = run(&cases, &["--openapi", &doc.display().to_string()]);
    assert_eq!(ran.code, Some(2));
    assert!(
        ran.stderr
            .contains("bad.yaml:6:9: at /paths/~1a/get/responses/200: $ref \"#/components/responses/Nope\": nothing there"),
        "{}",
        ran.stderr
    );
    std::fs::write(&doc, "openapi: 3.0.0\npaths: [\n").unwrap();
    let ran = run(&cases, &["--openapi", &doc.display().to_string()]);
    assert_eq!(ran.code, Some(2));
    assert!(ran.stderr.contains("bad.yaml:"), "{}", ran.stderr);
}

#[test]
#[cfg_attr(
    not(shared_reference),
    ignore = "needs ../shared/reference, which is not present"
)]
fn coverage_lists_operations_by_documented_status() {
    let doc = reference("swagger-petstore.openapi.yaml");
    let dir = tempfile::tempdir().unwrap();
    let ok = json_answer(200, json!({}));
    let cases = [
        case("pet", "GET", "/api/v3/pet/1", ok.clone()),
        case(
            "no pet",
            "GET",
            "/api/v3/pet/2",
            answer(404, "text/plain", ""),
        ),
        case(
            "crash",
            "GET",
            "/api/v3/pet/3",
            answer(503, "text/plain", ""),
        ),
        case("inventory", "GET", "/api/v3/store/inventory", ok.clone()),
        case("elsewhere", "GET", "/other", ok),
    ];
    let file = collection(dir.path(), &cases);
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("lint")
        .arg(&file)
        .args([
            "--coverage",
            "--env-var",
            "baseUrl=http://127.0.0.1:9",
            "--openapi",
            &doc,
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "unreached cells: {stdout}");
    let row = |endpoint: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(&format!("{endpoint}  -")))
            .unwrap_or_else(|| panic!("no row {endpoint}: {stdout}"))
            .split_whitespace()
            .skip(3)
            .collect::<Vec<_>>()
    };
    let header: Vec<&str> = stdout.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        [
            "endpoint", "op", "200", "400", "404", "422", "default", "2xx"
        ],
        "{stdout}"
    );
    // GET /pet/{petId} documents 200, 400, 404 and default: 503 reaches default.
    assert_eq!(
        row("GET /pet/{petId}"),
        ["1", "MISSING", "1", ".", "1", "."],
        "{stdout}"
    );
    assert_eq!(
        row("GET /store/inventory"),
        ["1", ".", ".", ".", "MISSING", "."],
        "{stdout}"
    );
    assert!(
        stdout.contains("missing: GET /pet/{petId} - 400: documented, but no request expects it"),
        "{stdout}"
    );
    assert!(
        stdout.contains("missing: DELETE /pet/{petId} - 400:"),
        "{stdout}"
    );
    // A request no operation documents keeps its own row, by status class.
    assert_eq!(
        row("GET /other"),
        [".", ".", ".", ".", ".", "1"],
        "{stdout}"
    );
}
