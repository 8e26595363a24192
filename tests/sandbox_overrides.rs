//! No false pass from a script's overrides: a script that replaces built-ins the sandbox
//! uses (`Object.keys`, `Array.prototype.push`, `JSON.stringify`,
//! `Function.prototype.call`, …), pollutes `Object.prototype`, or assigns `pm.expect`,
//! `pm.test`, chai's or the response's methods, still gets its failing assertions reported
//! as failed: in the same script, in a later request of the same flow, and elsewhere.

mod common;

use common::TestServer;
use serde_json::{Value, json};

/// Replaces what a naive sandbox would rely on; each in its own `try` (an assignment the
/// sandbox refuses may throw).
const OVERRIDES: &str = r#"
[
  function () { Object.keys = function () { return []; }; },
  function () { Array.prototype.push = function () { return 0; }; },
  function () { Array.prototype.indexOf = function () { return 0; }; },
  function () { Array.prototype.some = function () { return true; }; },
  function () { Array.prototype.every = function () { return true; }; },
  function () { Array.prototype.forEach = function () {}; },
  function () { Array.prototype.map = function () { return []; }; },
  function () { Array.prototype.join = function () { return ''; }; },
  function () { Array.prototype.slice = function () { return []; }; },
  function () { Array.prototype.concat = function () { return []; }; },
  function () { Array.prototype.sort = function () { return ['a']; }; },
  function () { Array.prototype.filter = function () { return []; }; },
  function () { Array.isArray = function () { return true; }; },
  function () { String.prototype.slice = function () { return ''; }; },
  function () { String.prototype.split = function () { return []; }; },
  function () { String.prototype.toUpperCase = function () { return 'OK'; }; },
  function () { Object.defineProperty = function (o) { return o; }; },
  function () { Object.getPrototypeOf = function () { return null; }; },
  function () { Object.prototype.hasOwnProperty = function () { return true; }; },
  function () { Reflect.get = function () {}; },
  function () { Math.floor = function () { return 2; }; },
  function () { Math.abs = function () { return 0; }; },
  function () { JSON.stringify = function () { return '{}'; }; },
  function () { JSON.parse = function () { return []; }; },
  function () { String.prototype.toLowerCase = function () { return 'x'; }; },
  function () { String.prototype.indexOf = function () { return 0; }; },
  function () { String.prototype.replace = function () { return ''; }; },
  function () { RegExp.prototype.exec = function () { return ['']; }; },
  function () { RegExp.prototype.test = function () { return true; }; },
  function () { Object.prototype.toString = function () { return '[object Array]'; }; },
  function () { Object.prototype.negate = true; },
  function () { Object.prototype.headerList = [{ key: 'X-Missing', value: '1' }]; },
  function () { var chai = Object.getPrototypeOf(pm.expect(1)); chai.assert = function () {}; },
  function () { Object.getPrototypeOf(pm.response).json = function () { return { method: 'POST' }; }; },
  function () { pm.response.constructor.prototype = {}; },
  function () { pm.expect = function () { return { to: { equal: function () {} } }; }; },
  function () { pm.test = function () {}; },
  function () { pm = { test: function () {}, expect: function () {} }; },
  function () { Function.prototype.apply = function () {}; },
  function () { Function.prototype.bind = function () { return function () {}; }; },
  function () { Function.prototype.call = function () {}; },
  function () { String = function () { return ''; }; },
  function () { Number = function () { return 0; }; },
  function () { Error = function () {}; },
  function () { JSON = { parse: function () { return {}; }, stringify: function () { return '{}'; } }; },
  function () { Object = function () {}; },
  function () { globalThis = {}; }
].forEach(function (f) { try { f(); } catch (e) {} });
"#;

/// Assertions that fail against `/echo` (a 200 JSON answer of a GET).
const FAILING: &str = r#"
pm.test('equal', function () { pm.expect(1).to.equal(2); });
pm.test('eql', function () { pm.expect({ a: 1 }).to.eql({ a: 2 }); });
pm.test('include', function () { pm.expect([1, 2]).to.include(3); });
pm.test('keys', function () { pm.expect({ a: 1 }).to.have.keys('b'); });
pm.test('type', function () { pm.expect({}).to.be.an('array'); });
pm.test('property', function () { pm.expect({ a: 1 }).to.have.property('b'); });
pm.test('nested', function () { pm.expect({ a: { b: 1 } }).to.have.nested.property('a.c'); });
pm.test('match', function () { pm.expect('abc').to.match(/z/); });
pm.test('truthy', function () { pm.expect(0).to.be.ok; });
pm.test('status', function () { pm.response.to.have.status(404); });
pm.test('header', function () { pm.response.to.have.header('X-Missing'); });
pm.test('json body', function () { pm.response.to.have.jsonBody('missing.path'); });
pm.test('json value', function () { pm.expect(pm.response.json().method).to.equal('POST'); });
pm.test('schema', function () { pm.response.to.have.jsonSchema({ type: 'array' }); });
pm.test('close to', function () { pm.expect(1.5).to.be.closeTo(3, 0.1); });
pm.test('members', function () { pm.expect([1, 2]).to.have.members([1, 3]); });
pm.test('status class', function () { pm.response.to.be.clientError; });
tests['legacy'] = false;
"#;

const NAMES: [&str; 18] = [
    "equal",
    "eql",
    "include",
    "keys",
    "type",
    "property",
    "nested",
    "match",
    "truthy",
    "status",
    "header",
    "json body",
    "json value",
    "schema",
    "close to",
    "members",
    "status class",
    "legacy",
];

fn request(name: &str, url: &str, test: &str) -> Value {
    json!({
        "name": name,
        "request": {"method": "GET", "url": url},
        "event": [{"listen": "test", "script": {"exec": [test]}}],
    })
}

#[test]
fn overrides_never_turn_a_failing_assertion_into_a_pass() {
    let server = TestServer::start_blocking();
    let url = server.url("/echo");
    let doc = json!({
        "info": {"name": "overrides", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {"name": "A", "item": [
                request("same script", &url, &format!("{OVERRIDES}\n{FAILING}")),
                request("later request", &url, FAILING),
            ]},
            {"name": "B", "item": [request("other folder", &url, FAILING)]},
        ],
    });
    let mut expected = Vec::new();
    for request in ["same script", "later request", "other folder"] {
        for name in NAMES {
            expected.push((request.to_string(), name.to_string(), "failed".to_string()));
        }
    }
    for jobs in ["1", "2"] {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            common::run_assertions(
                env!("CARGO_BIN_EXE_pmcheck"),
                dir.path(),
                &doc,
                &["--jobs", jobs]
            ),
            expected,
            "--jobs {jobs}"
        );
    }
}
