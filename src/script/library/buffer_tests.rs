//! `Buffer`, `atob`, `btoa` and `uuid` in the sandbox; expected values from Node's `buffer`
//! 6.0.3 and the npm `atob`/`btoa` packages Postman's sandbox uses.

use super::test_support::{expect_outputs, outputs};

#[test]
fn buffer_encodings() {
    expect_outputs(
        "out(Buffer.from('us@r:p@ssword').toString('base64'));\
         out(Buffer.from('h\\u00e9llo \\u20ac\\ud83d\\ude00').toString('hex'));\
         out(Buffer.from('h\\u00e9llo').length + ' ' + Buffer.byteLength('\\u20ac'));\
         out(Buffer.from('aGk=', 'base64') + ' ' + Buffer.from('aGk', 'base64') + ' ' +\
           Buffer.from('a-_b', 'base64').toString('hex'));\
         out(Buffer.from('zz12', 'hex').length + ' ' + Buffer.from('12zz', 'hex').toString('hex') +\
           ' ' + Buffer.from('abc', 'hex').toString('hex'));\
         out(Buffer.from([1, 2, 256, -1]).toString('hex') + ' ' +\
           Buffer.from('h\\u00e9', 'latin1').toString('hex') + ' ' +\
           Buffer.from('h\\u00e9', 'utf16le').toString('hex'));\
         out(Buffer.from('ff80e282', 'hex').toString('utf8').split('')\
           .map(function (c) { return c.charCodeAt(0).toString(16); }).join(' '));\
         out(Buffer.from('h\\u00e9llo', 'ascii').toString('ascii') + ' ' +\
           Buffer.from('ab').toString('ucs2').charCodeAt(0));",
        &[
            "dXNAcjpwQHNzd29yZA==",
            "68c3a96c6c6f20e282acf09f9880",
            "6 3",
            "hi hi 6befdb",
            "0 12 ab",
            "010200ff 68e9 6800e900",
            "fffd fffd fffd",
            "hillo 25185",
        ],
    );
    let error = outputs("Buffer.from('a', 'klingon');").unwrap_err();
    assert!(error.contains("TypeError: Unknown encoding: klingon"), "{error}");
}

#[test]
fn buffer_methods() {
    expect_outputs(
        "out(Buffer.concat([Buffer.from('ab'), Buffer.from('cd')]) + ' ' +\
           Buffer.alloc(3, 'ab') + ' ' + Buffer.isBuffer(Buffer.alloc(1)) + ' ' +\
           Buffer.isBuffer(new Uint8Array(1)));\
         var b = Buffer.from('hello');\
         out([b.slice(1, 3), b.subarray(2), b[0], b instanceof Uint8Array,\
           b.equals(Buffer.from('hello')), Buffer.compare(Buffer.from('a'), Buffer.from('b')),\
           JSON.stringify(Buffer.from('hi')), Buffer.isBuffer(b.slice(1))].join());\
         out(require('buffer').Buffer === Buffer);",
        &[
            "abcd aba true false",
            "el,llo,104,true,true,-1,{\"type\":\"Buffer\",\"data\":[104,105]},true",
            "true",
        ],
    );
}

#[test]
fn atob_and_btoa_are_the_lenient_npm_packages() {
    expect_outputs(
        "out(btoa('hello') + ' ' + atob('aGVsbG8=') + ' ' + btoa('\\u00e9') + ' ' +\
           atob('w6k=').length + ' ' + atob('!!aGk'));\
         out(require('atob') === atob && require('btoa') === btoa);",
        &["aGVsbG8= hello 6Q== 2 hi", "true"],
    );
}

#[test]
fn uuid_is_a_random_v4() {
    expect_outputs(
        "var uuid = require('uuid'), re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;\
         out(re.test(uuid()) && re.test(uuid.v4()) && uuid() !== uuid());",
        &["true"],
    );
}
