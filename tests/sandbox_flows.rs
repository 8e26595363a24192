//! One script context per flow, as documented, with `--jobs 1` too: what a folder's
//! scripts leave on `globalThis` (a value, a replaced built-in) is seen by the later
//! requests of that folder and by no other folder, while variables pass from folder to
//! folder in Postman's order.

mod common;

use common::TestServer;
use serde_json::{Value, json};

fn request(name: &str, url: &str, test: &str) -> Value {
    json!({
        "name": name,
        "request": {"method": "GET", "url": url},
        "event": [{"listen": "test", "script": {"exec": [test]}}],
    })
}

#[test]
fn an_override_in_one_folder_does_not_reach_another_with_one_job() {
    let server = TestServer::start_blocking();
    let url = server.url("/echo");
    let dir = tempfile::tempdir().unwrap();
    let doc = json!({
        "info": {"name": "flows", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            request("root", &url, "globalThis.fromRoot = 1;"),
            {"name": "A", "item": [
                request("a1", &url, "globalThis.leaked = 'A'; pm.environment.set('passed', 'A'); \
                    Object.keys = function () { return []; };"),
                request("a2", &url, "pm.test('same folder sees it', function () { \
                    pm.expect(leaked).to.equal('A'); });"),
            ]},
            {"name": "B", "item": [
                request("b1", &url, "pm.test('other folder does not', function () { \
                    pm.expect(typeof leaked).to.equal('undefined'); \
                    pm.expect(Object.keys({ k: 1 })).to.eql(['k']); });\n\
                    pm.test('variables pass on', function () { \
                    pm.expect(pm.environment.get('passed')).to.equal('A'); });"),
            ]},
            request("root again", &url, "pm.test('setup flow keeps its context', function () { \
                pm.expect(fromRoot).to.equal(1); pm.expect(typeof leaked).to.equal('undefined'); });"),
        ],
    });
    let passed =
        |request: &str, name: &str| (request.to_string(), name.to_string(), "passed".to_string());
    let expected = vec![
        passed("a2", "same folder sees it"),
        passed("b1", "other folder does not"),
        passed("b1", "variables pass on"),
        passed("root again", "setup flow keeps its context"),
    ];
    assert_eq!(
        common::run_assertions(
            env!("CARGO_BIN_EXE_pmcheck"),
            dir.path(),
            &doc,
            &["--jobs", "1"]
        ),
        expected,
        "--jobs 1"
    );
}
