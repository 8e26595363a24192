//! `tv4` and `ajv` in the sandbox; expected values from tv4 1.3.0 and ajv 6.12.5.

use super::test_support::expect_outputs;

#[test]
fn tv4_validates_with_its_error_objects() {
    expect_outputs(
        "function e(x) { var r = tv4.validateResult(x[0], x[1]).error;\
           return r ? [r.code, r.message, r.dataPath, r.schemaPath, JSON.stringify(r.params)].join('|') : 'valid'; }\
         out(tv4.validate([true, false], { items: { type: 'boolean' } }));\
         out(tv4.validate([true, 123], { items: { type: 'boolean' } }) + ' ' + tv4.error.message);\
         out(e([{ a: 1 }, { properties: { a: { type: 'string' } } }]));\
         out(e([{}, { required: ['x', 'y'] }]));\
         out(e([5, { minimum: 6 }]));\
         out(e(['ab', { minLength: 3 }]));\
         out(e([3, { enum: [1, 2] }]));\
         out(e([null, { type: ['string', 'number'] }]));\
         out(e([{ a: 1, b: 2 }, { properties: { a: {} }, additionalProperties: false }]));\
         out(e([4, { not: { type: 'number' } }]));\
         out(e(['x', { format: 'email' }]));\
         out(typeof tv4.validate === 'function' && require('tv4') === tv4);",
        &[
            "true",
            "false Invalid type: number (expected boolean)",
            "0|Invalid type: number (expected string)|/a|/properties/a/type|{\"type\":\"number\",\"expected\":\"string\"}",
            "302|Missing required property: x||/required/0|{\"key\":\"x\"}",
            "101|Value 5 is less than minimum 6||/minimum|{\"value\":5,\"minimum\":6}",
            "200|String is too short (2 chars), minimum 3||/minLength|{\"length\":2,\"minimum\":3}",
            "1|No enum match for: 3||/type|{\"value\":\"3\"}",
            "0|Invalid type: null (expected string/number)||/type|{\"type\":\"null\",\"expected\":\"string/number\"}",
            "303|Additional properties not allowed|/b|/additionalProperties|{\"key\":\"b\"}",
            "13|Data matches schema from \"not\"||/not|{}",
            "valid",
            "true",
        ],
    );
}

#[test]
fn tv4_multiple_errors_and_added_schemas() {
    expect_outputs(
        "var r = tv4.validateMultiple({}, { required: ['x', 'y'] });\
         out(r.valid + ' ' + r.errors.length + ' ' + r.errors[1].schemaPath);\
         tv4.addSchema('http://example.com/s', { type: 'string' });\
         out(tv4.getSchema('http://example.com/s').type);\
         out(tv4.validate(1, { $ref: 'http://example.com/s' }) + ' ' + tv4.validate('a', { $ref: 'http://example.com/s' }));\
         var draft7 = { $schema: 'http://json-schema.org/draft-07/schema#', minimum: 5, exclusiveMinimum: true };\
         out([tv4.validate(5, draft7), tv4.error.code, tv4.error.message, tv4.error.schemaPath].join('|'));",
        &[
            "false 2 /required/1",
            "string",
            "false true",
            "false|102|Value 5 is equal to exclusive minimum 5|/exclusiveMinimum",
        ],
    );
}

#[test]
fn ajv_validates_and_compiles_with_ajv_6_errors() {
    expect_outputs(
        "var Ajv = require('ajv'), ajv = new Ajv({ logger: false });\
         var schema = { properties: { alpha: { type: 'boolean' } } };\
         out(ajv.validate(schema, { alpha: true }) + ' ' + ajv.errors);\
         out(ajv.validate(schema, { alpha: 123 }) + ' ' + JSON.stringify(ajv.errors));\
         out(ajv.errorsText());\
         var validate = ajv.compile({ type: 'number' });\
         out(validate('x') + ' ' + JSON.stringify(validate.errors) + ' ' + validate(1) + ' ' + validate.errors);\
         var all = new Ajv({ allErrors: true });\
         out(all.validate({ properties: { n: { required: ['x', 'y z'] } } }, { n: {} }) + ' ' + all.errorsText());\
         out(all.validate({ items: { type: 'string' } }, [1]) + ' ' + all.errorsText(null, { separator: '; ', dataVar: 'x' }));\
         out(all.validate({ minimum: 6 }, 5) + ' ' + JSON.stringify(all.errors[0].params) + ' ' + all.errors[0].message);\
         out(ajv.validate({ type: 'string' }, 'x') + ' ' + ajv.errors + ' ' + ajv.errorsText());",
        &[
            "true null",
            "false [{\"keyword\":\"type\",\"dataPath\":\".alpha\",\"schemaPath\":\"#/properties/alpha/type\",\"params\":{\"type\":\"boolean\"},\"message\":\"should be boolean\"}]",
            "data.alpha should be boolean",
            "false [{\"keyword\":\"type\",\"dataPath\":\"\",\"schemaPath\":\"#/type\",\"params\":{\"type\":\"number\"},\"message\":\"should be number\"}] true null",
            "false data.n should have required property 'x', data.n should have required property 'y z'",
            "false x[0] should be string",
            "false {\"comparison\":\">=\",\"limit\":6,\"exclusive\":false} should be >= 6",
            "true null No errors",
        ],
    );
}

#[test]
fn ajv_keeps_a_bounded_table_of_compiled_schemas() {
    expect_outputs(
        "var ajv = new (require('ajv'))(), first = ajv.compile({ type: 'string' });\
         for (var i = 0; i < 200; i++) ajv.compile({ minimum: i });\
         out(first('a') + ' ' + first(1));",
        &["true false"],
    );
}
