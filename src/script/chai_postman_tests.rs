//! chai-postman's assertions and their failure messages, as chai-postman 2 words them.

use super::library::test_support::run;

#[test]
fn failures_read_as_chai_postman_words_them() {
    let script = "var schema = {properties: {alpha: {type: 'boolean'}}};\n\
        function m(f) { try { f(); return 'passed'; } catch (e) { return e.message; } }\n\
        [\n\
         function () { pm.expect({alpha: 123}).to.be.jsonSchema(schema); },\n\
         function () { pm.expect({alpha: true}).to.not.be.jsonSchema(schema); },\n\
         function () { pm.expect(1).to.be.postmanRequest; },\n\
         function () { pm.expect('x').to.be.postmanResponse; },\n\
         function () { pm.response.to.have.status(404); },\n\
         function () { pm.response.to.be.notFound; },\n\
         function () { pm.response.to.be.clientError; },\n\
         function () { pm.response.to.have.jsonBody('a.b'); },\n\
         function () { pm.response.to.have.jsonBody({x: 1}); },\n\
         function () { pm.response.to.have.responseTime.below(0); },\n\
         function () { pm.response.to.have.header('X-None'); },\n\
         function () { pm.request.to.have.header('X-None'); },\n\
         function () { pm.expect(0).to.be.ok; },\n\
         function () { pm.response.to.have.statusCodeClass(4); },\n\
         function () { pm.expect({}).to.be.statusCode(200); }\n\
        ].forEach(function (f, i) { tests[i + ': ' + m(f)] = true; });\n\
        pm.test('pre-assert', function () {\n\
          pm.request.to.be.ok; pm.request.to.not.be.a.postmanResponse; pm.request.to.be.a.postmanRequestOrResponse;\n\
          pm.response.to.be.ok; pm.response.to.not.be.a.postmanRequest; pm.response.to.not.be.serverError;\n\
          pm.response.to.have.statusCode(200); pm.response.to.have.statusReason('OK');\n\
          pm.response.to.have.jsonBody('a.c', 1); pm.response.to.have.body({a: {c: 1}}); pm.response.to.be.json;\n\
          pm.expect(pm.request).to.be.postmanRequest; pm.expect(pm.response).to.be.postmanResponse;\n\
        });";
    let lines = run(script, r#"{"a":{"c":1}}"#);
    // `pm.test` records before the legacy `tests` object does.
    let expected = [
        "pre-assert Passed",
        "0: expected data to satisfy schema but found following errors: \ndata.alpha should be boolean Passed",
        "1: expected data to not satisfy schema Passed",
        "2: expecting a postman request object but got 1 Passed",
        "3: expecting a postman response object but got 'x' Passed",
        "4: expected response to have status code 404 but got 200 Passed",
        "5: expected response to have status reason 'NOT FOUND' but got 'OK' Passed",
        "6: expected response code to be 4XX but found 200 Passed",
        "7: expected { a: { c: 1 } } in response to contain property 'a.b' Passed",
        "8: passed Passed",
        "9: expected 1 to be below +0 Passed",
        "10: expected response to have header with key 'X-None' Passed",
        "11: expected request to have header with key 'X-None' Passed",
        "12: expected +0 to be truthy Passed",
        "13: expected response code to be 4XX but found 200 Passed",
        "14: expecting a postman response object but got {} Passed",
    ];
    assert_eq!(lines, expected);
}
