//! The Node modules of the sandbox against values computed with Node 22 (path, events,
//! querystring, util) and the sandbox's packages (assert 2, punycode 1.4, url 0.11).

use super::test_support::assert_json;

#[test]
fn path_is_posix() {
    assert_json(
        "var path = require('path');",
        &[
            ("path.join('/a/b', '../c', './d')", r#""/a/c/d""#),
            ("path.join('a', '', 'b/')", r#""a/b/""#),
            ("path.normalize('/../a//b/./c/..')", r#""/a/b""#),
            ("path.normalize('../a/..')", r#""..""#),
            ("path.resolve('a', '/b', 'c')", r#""/b/c""#),
            ("path.relative('/data/a/b', '/data/c')", r#""../../c""#),
            ("[path.dirname('/a/b/'), path.dirname('a'), path.dirname('/a')]", r#"["/a",".","/"]"#),
            ("[path.basename('/a/b.txt'), path.basename('/a/b.txt', '.txt'), path.extname('x.tar.gz'), path.extname('.rc')]", r#"["b.txt","b",".gz",""]"#),
            ("path.parse('/home/u/f.txt')", r#"{"root":"/","dir":"/home/u","base":"f.txt","ext":".txt","name":"f"}"#),
            ("path.format({dir: '/x', name: 'f', ext: '.js'})", r#""/x/f.js""#),
            ("[path.isAbsolute('/a'), path.sep, path.delimiter, path.posix === path]", r#"[true,"/",":",true]"#),
        ],
    );
}

#[test]
fn events_emit_in_order() {
    assert_json(
        "var EE = require('events'); var e = new EE(); var log = []; \
         function a(x) { log.push('a' + x); } e.on('x', a); e.once('x', function (x) { log.push('once' + x); }); \
         e.prependListener('x', function (x) { log.push('first' + x); }); e.emit('x', 1); e.emit('x', 2); \
         e.off('x', a); var emitted = e.emit('x', 3); var err; try { e.emit('error', new Error('boom')); } catch (x) { err = x.message; }",
        &[
            ("log", r#"["first1","a1","once1","first2","a2","first3"]"#),
            ("[emitted, e.listenerCount('x'), EE.listenerCount(e, 'x'), e.eventNames(), err]", r#"[true,1,1,["x"],"boom"]"#),
            ("[e.getMaxListeners(), e.setMaxListeners(3) === e, e.getMaxListeners(), EE.EventEmitter === EE]", "[10,true,3,true]"),
        ],
    );
}

#[test]
fn querystring_parses_and_stringifies() {
    assert_json(
        "var qs = require('querystring');",
        &[
            ("qs.parse('a=1&b=x+y&a=2&c&d=%ZZ%41')", r#"{"a":["1","2"],"b":"x y","c":"","d":"%ZZA"}"#),
            ("qs.stringify({a: [1, 2], b: 'x y', c: true, d: null, e: {}})", r#""a=1&a=2&b=x%20y&c=true&d=&e=""#),
            ("qs.stringify({a: 1, b: 2}, ';', ':')", r#""a:1;b:2""#),
            ("[qs.escape('a b&c/é'), qs.unescape('%E2%82%AC%20')]", r#"["a%20b%26c%2F%C3%A9","€ "]"#),
        ],
    );
}

#[test]
fn util_formats_and_compares() {
    assert_json(
        "var util = require('util');",
        &[
            ("util.format('%s=%d %j %%', 'a', 42, {b: 1}, 'extra')", r#""a=42 {\"b\":1} % extra""#),
            ("util.format(1, 'x', {a: 1})", r#""1 x { a: 1 }""#),
            ("util.inspect({a: 1, 'b-c': 'x', d: [1, 2, {e: {f: {g: 1}}}], h: null, i: undefined})",
             r#""{\n  a: 1,\n  'b-c': 'x',\n  d: [ 1, 2, { e: [Object] } ],\n  h: null,\n  i: undefined\n}""#),
            ("util.inspect({a: {b: {c: {}}}})", r#""{ a: { b: { c: {} } } }""#),
            ("[util.inspect('it\\'s'), util.inspect([]), util.inspect(new Map([['k', 1]])), util.inspect(function f() {})]",
             r#"["\"it's\"","[]","Map(1) { 'k' => 1 }","[Function: f]"]"#),
            ("[util.isDeepStrictEqual({a: [1]}, {a: [1]}), util.isDeepStrictEqual({a: 1}, {a: '1'}), util.types.isDate(new Date()), util.isArray([])]", "[true,false,true,true]"),
            ("(function () { function A() {} function B() {} util.inherits(B, A); return [new B() instanceof A, B.super_ === A]; })()", "[true,true]"),
        ],
    );
}

#[test]
fn util_promisify_returns_a_promise() {
    let lines = super::test_support::run(
        "var util = require('util'); var f = util.promisify(function (x, cb) { cb(null, x * 2); }); \
         pm.test('promisified ' + (f(21) instanceof Promise), function () {});",
        "",
    );
    assert_eq!(lines, ["promisified true Passed"]);
}

#[test]
fn assert_messages_are_nodes() {
    assert_json(
        "var assert = require('assert'); function m(f) { try { f(); return 'no throw'; } \
         catch (e) { return [e.name, e.message, e.code, e.operator]; } }",
        &[
            ("m(function () { assert(false); })", r#"["AssertionError","false == true","ERR_ASSERTION","=="]"#),
            ("m(function () { assert.ok(0, 'mine'); })", r#"["AssertionError","mine","ERR_ASSERTION","=="]"#),
            ("m(function () { assert.equal(1, 2); })", r#"["AssertionError","1 == 2","ERR_ASSERTION","=="]"#),
            ("m(function () { assert.notEqual(1, 1); })", r#"["AssertionError","1 != 1","ERR_ASSERTION","!="]"#),
            ("m(function () { assert.strictEqual(1, '1'); })", r#"["AssertionError","Expected values to be strictly equal:\n\n1 !== '1'\n","ERR_ASSERTION","strictEqual"]"#),
            ("m(function () { assert.notStrictEqual(1, 1); })", r#"["AssertionError","Expected \"actual\" to be strictly unequal to: 1","ERR_ASSERTION","notStrictEqual"]"#),
            ("m(function () { assert.deepEqual({a: 1}, {a: 2}); })", r#"["AssertionError","Expected values to be loosely deep-equal:\n\n{ a: 1 }\n\nshould equal\n\n{ a: 2 }","ERR_ASSERTION","deepEqual"]"#),
            ("m(function () { assert.deepStrictEqual({a: 1}, {a: '1'}); })", r#"["AssertionError","Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { a: 1 }\n- { a: '1' }\n       ^","ERR_ASSERTION","deepStrictEqual"]"#),
            ("m(function () { assert.deepEqual({a: 1}, {a: '1'}); })", r#""no throw""#),
            ("m(function () { assert.throws(function () {}); })", r#"["AssertionError","Missing expected exception.","ERR_ASSERTION","throws"]"#),
            ("m(function () { assert.throws(function () { throw new Error('x'); }, /y/); })", r#"["Error","x",null,null]"#),
            ("m(function () { assert.throws(function () { throw new Error('x'); }, /x/); })", r#""no throw""#),
            ("m(function () { assert.fail(); })", r#"["AssertionError","Failed","ERR_ASSERTION","fail"]"#),
            ("m(function () { assert.notDeepStrictEqual({a: 1}, {a: 1}); })", r#"["AssertionError","Expected \"actual\" not to be strictly deep-equal to: { a: 1 }","ERR_ASSERTION","notDeepStrictEqual"]"#),
            ("m(function () { assert.doesNotThrow(function () { throw new Error('x'); }); })", r#"["AssertionError","Got unwanted exception.\nActual message: \"x\"","ERR_ASSERTION","doesNotThrow"]"#),
        ],
    );
}

#[test]
fn punycode_and_url() {
    assert_json(
        "var p = require('punycode'); var url = require('url');",
        &[
            ("[p.encode('mañana'), p.decode('maana-pta'), p.toASCII('mañana.com'), p.toUnicode('xn--maana-pta.com')]",
             r#"["maana-pta","mañana","xn--maana-pta.com","mañana.com"]"#),
            ("[p.toUnicode('xn--ls8h.la'), p.ucs2.decode('\\uD834\\uDF06'), p.encode('☃-⌘'), p.toASCII('Bücher.example')]",
             r#"["💩.la",[119558],"--dqo34k","xn--Bcher-kva.example"]"#),
            ("url.parse('http://user:pass@Host.com:8080/p/a/t/h?query=string#hash')",
             r##"{"protocol":"http:","slashes":true,"auth":"user:pass","host":"host.com:8080","port":"8080","hostname":"host.com","hash":"#hash","search":"?query=string","query":"query=string","pathname":"/p/a/t/h","path":"/p/a/t/h?query=string","href":"http://user:pass@host.com:8080/p/a/t/h?query=string#hash"}"##),
            ("url.parse('/a b?x=1&x=2', true).query", r#"{"x":["1","2"]}"#),
            ("url.parse('/a b?x=1').href", r#""/a%20b?x=1""#),
            ("url.format({protocol: 'https', hostname: 'h.io', pathname: 'x', query: {a: 1}})", r#""https://h.io/x?a=1""#),
            ("[url.resolve('http://a.com/b/c', '../d'), url.resolve('/one/two/three', 'four'), url.resolve('http://example.com/', '/one')]",
             r#"["http://a.com/d","/one/two/four","http://example.com/one"]"#),
            ("(function () { var u = new url.URL('/p?a=1#h', 'https://x.io:8443'); u.searchParams.append('b', 'c d'); \
              return [u.href, u.host, u.port, u.pathname, u.search, u.hash, u.origin, u.searchParams.get('a')]; })()",
             r##"["https://x.io:8443/p?a=1&b=c+d#h","x.io:8443","8443","/p","?a=1&b=c+d","#h","https://x.io:8443","1"]"##),
            ("(function () { try { new url.URL('nope'); } catch (e) { return e instanceof TypeError; } })()", "true"),
            ("new url.URLSearchParams({a: '1', b: 'x&y'}).toString()", r#""a=1&b=x%26y""#),
        ],
    );
}

#[test]
fn string_decoder_stream_and_timers() {
    assert_json(
        "var SD = require('string_decoder').StringDecoder; var d = new SD('utf8'); \
         var parts = [d.write([0xE2, 0x82]), d.write([0xAC, 0x41]), d.end([0xC3])]; \
         var stream = require('stream'); var timers = require('timers');",
        &[
            ("parts", r#"["","€A","�"]"#),
            ("[new SD('hex').write([1, 255]), new SD('base64').end([104, 105])]", r#"["01ff","aGk="]"#),
            ("[typeof stream.Readable, typeof stream.Transform, typeof timers.setTimeout]", r#"["function","function","function"]"#),
        ],
    );
}

#[test]
fn stream_pipes_through_a_transform() {
    let lines = super::test_support::run(
        "var s = require('stream'); var out = []; \
         var up = new s.Transform({ transform: function (c, e, cb) { cb(null, String(c).toUpperCase()); } }); \
         var sink = new s.Writable({ write: function (c, e, cb) { out.push(String(c)); cb(); } }); \
         sink.on('finish', function () { pm.test('piped ' + out.join(','), function () {}); }); \
         s.Readable.from(['a', 'b']).pipe(up).pipe(sink);",
        "",
    );
    assert_eq!(lines, ["piped A,B Passed"]);
}
