//! xml2js and `xml2Json` against values computed with xml2js 0.4.23 (the sandbox's).

use super::test_support::{assert_json, run};

#[test]
fn parse_string_folds_as_xml2js() {
    assert_json(
        "var xml2js = require('xml2js');",
        &[
        (
            r#"(function () { var r; xml2js.parseString("<?xml version='1.0' encoding='us-ascii'?>\n<!--  A SAMPLE set of slides  -->\n<slideshow title=\"Sample Slide Show\" author=\"Yours Truly\">\n  <slide type=\"all\">\n    <title>Wake up to WonderWidgets!</title>\n  </slide>\n  <slide type=\"all\">\n    <title>Overview</title>\n    <item>Why <em>WonderWidgets</em> are great</item>\n    <item/>\n  </slide>\n</slideshow>", {"explicitArray": false, "async": false, "trim": true, "mergeAttrs": false}, function (e, v) { r = e ? String(e) : v; }); return r; })()"#,
            r#"{"slideshow":{"$":{"title":"Sample Slide Show","author":"Yours Truly"},"slide":[{"$":{"type":"all"},"title":"Wake up to WonderWidgets!"},{"$":{"type":"all"},"title":"Overview","item":[{"_":"Why  are great","em":"WonderWidgets"},""]}]}}"#,
        ),
        (
            r#"(function () { var r; xml2js.parseString("<?xml version='1.0' encoding='us-ascii'?>\n<!--  A SAMPLE set of slides  -->\n<slideshow title=\"Sample Slide Show\" author=\"Yours Truly\">\n  <slide type=\"all\">\n    <title>Wake up to WonderWidgets!</title>\n  </slide>\n  <slide type=\"all\">\n    <title>Overview</title>\n    <item>Why <em>WonderWidgets</em> are great</item>\n    <item/>\n  </slide>\n</slideshow>",  function (e, v) { r = e ? String(e) : v; }); return r; })()"#,
            r#"{"slideshow":{"$":{"title":"Sample Slide Show","author":"Yours Truly"},"slide":[{"$":{"type":"all"},"title":["Wake up to WonderWidgets!"]},{"$":{"type":"all"},"title":["Overview"],"item":[{"_":"Why  are great","em":["WonderWidgets"]},""]}]}}"#,
        ),
        (
            r#"(function () { var r; xml2js.parseString("<a x=\"1\"><b>1</b><b>2</b><c/></a>", {"explicitRoot": false, "mergeAttrs": true, "explicitArray": false}, function (e, v) { r = e ? String(e) : v; }); return r; })()"#,
            r#"{"x":"1","b":["1","2"],"c":""}"#,
        ),
        (
            r#"(function () { var r; xml2js.parseString("<a x=\"1\"><b y=\"2\">t</b></a>", {"ignoreAttrs": true}, function (e, v) { r = e ? String(e) : v; }); return r; })()"#,
            r#"{"a":{"b":["t"]}}"#,
        ),
        (
            r#"(function () { var r; xml2js.parseString("<a>  hello    big \n world  </a>", {"normalize": true, "trim": true}, function (e, v) { r = e ? String(e) : v; }); return r; })()"#,
            r#"{"a":"hello big world"}"#,
        ),
        (
            r#"(function () { var r; xml2js.parseString("<a k=\"v\">t<b>u</b></a>", {"explicitCharkey": true, "attrkey": "A", "charkey": "C"}, function (e, v) { r = e ? String(e) : v; }); return r; })()"#,
            r#"{"a":{"C":"t","A":{"k":"v"},"b":[{"C":"u"}]}}"#,
        ),
        (
            r#"(function () { var r; xml2js.parseString("<s:Envelope xmlns:s=\"urn:s\"><s:Body a=\"&lt;&amp;\">x &amp; <![CDATA[<y>]]></s:Body></s:Envelope>", {"explicitArray": false}, function (e, v) { r = e ? String(e) : v; }); return r; })()"#,
            r#"{"s:Envelope":{"$":{"xmlns:s":"urn:s"},"s:Body":{"_":"x & <y>","$":{"a":"<&"}}}}"#,
        ),
        (
            r#"(function () { var r; xml2js.parseString("<a x=\"1\"><![CDATA[ ]]></a>",  function (e, v) { r = e ? String(e) : v; }); return r; })()"#,
            r#"{"a":{"_":" ","$":{"x":"1"}}}"#,
        ),
        (
            r#"(function () { var r; xml2js.parseString("<a><b/></a>", {"emptyTag": null, "explicitArray": false}, function (e, v) { r = e ? String(e) : v; }); return r; })()"#,
            r#"{"a":{"b":null}}"#,
        ),
        ],
    );
}

#[test]
fn errors_empty_documents_parser_and_builder() {
    assert_json(
        "var xml2js = require('xml2js'); function parse(x, o) { var r = 'no callback'; \
         xml2js.parseString(x, o || {}, function (e, v) { r = e ? 'error' : v; }); return r; }",
        &[
            ("parse('<a>x</b>')", r#""error""#),
            ("parse('')", "null"),
            ("parse('\\ufeff<a>1</a>')", r#"{"a":"1"}"#),
            (
                "(function () { var r; new xml2js.Parser({explicitArray: false}).parseString('<a><b>1</b></a>', function (e, v) { r = v; }); return r; })()",
                r#"{"a":{"b":"1"}}"#,
            ),
            (
                "new xml2js.Builder().buildObject({root: {$: {id: '1'}, a: 'x & y', b: [1, 2], c: {_: 't', $: {k: 'v'}}, d: {}, e: {f: {g: 'h'}}}})",
                r#""<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<root id=\"1\">\n  <a>x &amp; y</a>\n  <b>1</b>\n  <b>2</b>\n  <c k=\"v\">t</c>\n  <d/>\n  <e>\n    <f>\n      <g>h</g>\n    </f>\n  </e>\n</root>""#,
            ),
            (
                "new xml2js.Builder({headless: true, renderOpts: {pretty: false}}).buildObject({a: 1, b: 2})",
                r#""<root><a>1</a><b>2</b></root>""#,
            ),
            (
                "new xml2js.Builder({cdata: true}).buildObject({a: '<x>'})",
                r#""<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a><![CDATA[<x>]]></a>""#,
            ),
        ],
    );
}

#[test]
fn xml2json_global_uses_the_sandbox_options() {
    let body = "<?xml version='1.0'?>\n<slideshow title=\"S\">\n  <slide type=\"all\">\n    \
                <title> Wake up </title>\n  </slide>\n</slideshow>";
    let lines = run(
        "var j = xml2Json(responseBody); tests[JSON.stringify(j)] = true; \
         tests['bad ' + xml2Json('<a>')] = true; var p; \
         require('xml2js').parseStringPromise('<a>1</a>').then(function (v) { p = v; }); \
         tests['typeof ' + typeof xml2Json] = true;",
        body,
    );
    assert_eq!(
        lines,
        [
            r#"{"slideshow":{"$":{"title":"S"},"slide":{"$":{"type":"all"},"title":"Wake up"}}} Passed"#,
            "bad undefined Passed",
            "typeof function Passed",
        ]
    );
}
