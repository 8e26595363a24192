//! postman-collection's classes against values computed with postman-collection 4 (the
//! sandbox's).

use super::test_support::assert_json;

#[test]
fn sdk_classes_parse_and_print() {
    assert_json(
        "var sdk = require('postman-collection'); \
         var u = new sdk.Url('https://user:pw@api.example.com:8443/v1/items?x=1&y#top');",
        &[
            ("[u.getHost(), u.getPath(), u.getQueryString(), u.getRemote(), u.port, u.hash, u.protocol]",
             r#"["api.example.com","/v1/items","x=1&y","api.example.com:8443","8443","top","https"]"#),
            ("[u.toString(), u.query.get('x'), u.query.count(), u.auth.user]",
             r##"["https://user:pw@api.example.com:8443/v1/items?x=1&y#top","1",2,"user"]"##),
            ("sdk.Url.parse('http://h.io/a/b?q=2')", r#"{"raw":"http://h.io/a/b?q=2","protocol":"http","host":["h","io"],"path":["a","b"],"query":[{"key":"q","value":"2"}]}"#),
            ("[sdk.Header.parse('A: 1\\nB: two'), new sdk.Header({key: 'K', value: 'v'}).toString()]", r#"[[{"key":"A","value":"1"},{"key":"B","value":"two"}],"K: v"]"#),
            ("[sdk.QueryParam.parse('a=1&b'), sdk.QueryParam.unparse([{key: 'a', value: '1'}, {key: 'b', value: null}])]", r#"[[{"key":"a","value":"1"},{"key":"b","value":null}],"a=1&b"]"#),
            ("(function () { var r = new sdk.Request({url: 'http://h.io/p?z=9', method: 'post', header: [{key: 'Content-Type', value: 'text/plain'}], body: {mode: 'raw', raw: 'hi'}}); \
              return [r.method, r.url.toString(), r.headers.get('content-type'), r.getHeaders(), r.body.toString(), sdk.Request.isRequest(r)]; })()",
             r#"["POST","http://h.io/p?z=9","text/plain",{"Content-Type":"text/plain"},"hi",true]"#),
            ("(function () { var r = new sdk.Response({code: 404, status: 'Not Found', header: [{key: 'X', value: '1'}], body: '{\"a\":1}'}); \
              return [r.code, r.reason(), r.json(), r.text(), r.headers.has('x'), sdk.Response.isResponse(r)]; })()",
             r#"[404,"Not Found",{"a":1},"{\"a\":1}",true,true]"#),
            ("(function () { var s = new sdk.VariableScope({values: [{key: 'a', value: '1'}]}); s.set('b', 2); \
              return [s.get('a'), s.get('b'), s.has('c'), s.toObject(), s.replaceIn('{{a}}-{{b}}-{{c}}')]; })()",
             r#"["1",2,false,{"a":"1","b":2},"1-2-{{c}}"]"#),
            ("[new sdk.Cookie({name: 'c', value: 'v', path: '/', httpOnly: true}).toString(), sdk.Cookie.parse('a=b; Path=/x; HttpOnly')]",
             r#"["c=v; Path=/; HttpOnly",{"key":"a","value":"b","path":"/x","httpOnly":true,"hostOnly":true}]"#),
            ("(function () { var r = new sdk.Response({code: 200, status: 'OK', body: ''}); try { pm.expect(r).to.be.postmanResponse; pm.expect(r).to.have.status(200); return 'ok'; } catch (e) { return e.message; } })()",
             r#""ok""#),
        ],
    );
}
