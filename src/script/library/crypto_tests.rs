//! `crypto-js` in the sandbox: published vectors (NIST, RFC 1321/3174/4231/6070, FIPS-197)
//! and values computed with crypto-js 3.3.0.

use super::test_support::{expect_outputs, outputs};

#[test]
fn digests_match_published_vectors() {
    expect_outputs(
        "out(CryptoJS.MD5('abc')); out(CryptoJS.SHA1('abc')); out(CryptoJS.SHA224('abc'));\
         out(CryptoJS.SHA256('abc')); out(CryptoJS.SHA384('abc').toString().slice(0, 16));\
         out(CryptoJS.SHA512('abc').toString().slice(0, 16)); out(CryptoJS.RIPEMD160('abc'));\
         out(CryptoJS.MD5('jasonpurse') == '288d14f08b5ad40da43dbe06467729c9');\
         out(require('crypto-js').MD5('samplePayload').toString());",
        &[
            "900150983cd24fb0d6963f7d28e17f72",
            "a9993e364706816aba3e25717850c26c9cd0d89d",
            "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "cb00753f45a35e8b",
            "ddaf35a193617aba",
            "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc",
            "true",
            "da9ebb087d8e926c503e4909d9203a04",
        ],
    );
}

#[test]
fn sha3_is_keccak_with_an_output_length() {
    expect_outputs(
        "out(CryptoJS.SHA3('abc').toString().slice(0, 32));\
         out(CryptoJS.SHA3('abc', { outputLength: 256 }));\
         out(CryptoJS.SHA3('', { outputLength: 224 }));",
        &[
            "18587dc2ea106b9a1563e32b3312421c",
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
            "f71837502ba8e10837bdd8d365adb85591895602fc552b48b7390abd",
        ],
    );
}

#[test]
fn hmac_and_progressive_hashing() {
    expect_outputs(
        "out(CryptoJS.HmacSHA256('what do ya want for nothing?', 'Jefe'));\
         out(CryptoJS.HmacMD5('a', 'b')); out(CryptoJS.HmacSHA1('a', 'b'));\
         out(CryptoJS.HmacSHA512('a', 'b').toString().slice(0, 20));\
         out(CryptoJS.HmacSHA224('a', 'b')); out(CryptoJS.HmacRIPEMD160('a', 'b'));\
         var h = CryptoJS.algo.HMAC.create(CryptoJS.algo.SHA256, 'key'); h.update('ms');\
         out(h.finalize('g'));\
         var s = CryptoJS.algo.SHA256.create(); s.update('a'); s.update('b');\
         out(s.finalize('c'));",
        &[
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            "5e69fae25f4b4f3e8cc5de09a8163520",
            "8abe0fd691e3da3035f7b7ac91be45d99e942b9e",
            "68c1687fa7cb5170ff80",
            "a04a3802594be5c1ccaa49445f7a1170671c7d7f7eba996f05e6ca19",
            "6418f3857d4af48e4fc707baaf83e6e439ce67bc",
            "2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ],
    );
}

#[test]
fn pbkdf2_and_evpkdf() {
    expect_outputs(
        "out(CryptoJS.PBKDF2('password', 'salt'));\
         out(CryptoJS.PBKDF2('password', 'salt', { keySize: 5 }));\
         out(CryptoJS.PBKDF2('password', 'salt', { keySize: 5, iterations: 4096 }));\
         out(CryptoJS.PBKDF2('password', 'salt', { keySize: 8, iterations: 2,\
           hasher: CryptoJS.algo.SHA256 }));\
         out(CryptoJS.EvpKDF('password', CryptoJS.enc.Hex.parse('0001020304050607'),\
           { keySize: 4 }));",
        &[
            "0c60c80f961f0e71f3a9b524af601206",
            "0c60c80f961f0e71f3a9b524af6012062fe037a6",
            "4b007901b765489abead49d926f721d065a429c1",
            "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43",
            "b03096345e805d3aa4392d2e72791dfb",
        ],
    );
    let error = outputs("CryptoJS.PBKDF2('p', 's', { iterations: 1e7 });").unwrap_err();
    assert!(error.contains("at most 100000 iterations"), "{error}");
}

#[test]
fn word_arrays_and_encoders() {
    expect_outputs(
        "var C = CryptoJS; out(C.MD5('a').words.join());\
         out(C.MD5('a').toString(C.enc.Base64)); out(C.enc.Hex.parse('abc').sigBytes);\
         out(C.enc.Base64.parse('YW*=').toString());\
         out(C.enc.Base64.stringify(C.enc.Utf8.parse('any carnal pleas')));\
         out(JSON.stringify(C.enc.Utf16.parse('h\\u00e9').words));\
         out(C.enc.Utf16LE.parse('h\\u00e9'));\
         out(C.enc.Utf16.stringify(C.enc.Hex.parse('00680065')));\
         out(C.enc.Utf16LE.stringify(C.enc.Hex.parse('68006500')));\
         out(C.lib.WordArray.create([0x61626364], 3).toString(C.enc.Latin1));\
         out(C.lib.WordArray.create(new Uint8Array([1, 2, 3])));\
         out(C.enc.Utf8.stringify(C.enc.Hex.parse('e282ac')));\
         try { C.enc.Utf8.stringify(C.enc.Hex.parse('ff')); } catch (e) { out(e.message); }\
         var a = C.enc.Hex.parse('0102'); a.concat(C.enc.Hex.parse('030405'));\
         out(a + ' ' + a.sigBytes + ' ' + a.words.join());\
         var w = C.lib.WordArray.create([0x01020304, 0x05060708], 6), c = w.clone();\
         c.words[0] = 0; out(w + ' ' + c + ' ' + C.lib.WordArray.random(16).sigBytes);\
         out(C.SHA256(C.enc.Latin1.parse('\\xff\\x00')).toString(C.enc.Base64));",
        &[
            "214005177,-1057900888,834902498,1769416289",
            "DMF1ucDxtqgxw5niaXcmYQ==",
            "1.5",
            "6160",
            "YW55IGNhcm5hbCBwbGVhcw==",
            "[6815977]",
            "6800e900",
            "he",
            "he",
            "abc",
            "010203",
            "\u{20ac}",
            "Malformed UTF-8 data",
            "0102030405 5 16909060,83886080",
            "010203040506 000000000506 16",
            "6l2/lZbRh+lQDyPppoAQlHU0HPToH34EP32XFSwQdy8=",
        ],
    );
}

#[test]
fn aes_with_keys_modes_and_paddings() {
    expect_outputs(
        "var C = CryptoJS, k = C.enc.Hex.parse('000102030405060708090a0b0c0d0e0f');\
         out(C.AES.encrypt(C.enc.Hex.parse('00112233445566778899aabbccddeeff'), k,\
           { mode: C.mode.ECB, padding: C.pad.NoPadding }).ciphertext);\
         out(C.AES.encrypt('hello', k, { iv: k }));\
         out(C.AES.encrypt('hello', k, { mode: C.mode.ECB }));\
         out(C.AES.encrypt('hello world!!', k, { iv: k, mode: C.mode.CTR,\
           padding: C.pad.NoPadding }));\
         out(C.AES.encrypt('hello world!!', k, { iv: k, mode: C.mode.CFB }));\
         out(C.AES.encrypt('hello world!!', k, { iv: k, mode: C.mode.OFB,\
           padding: C.pad.ZeroPadding }));\
         out(C.AES.encrypt('hello', C.enc.Hex.parse('000102030405060708090a0b0c0d0e0f1011121314151617'),\
           { iv: k, padding: C.pad.AnsiX923 }));\
         out(C.AES.encrypt('hello', C.enc.Hex.parse('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'),\
           { iv: k, padding: C.pad.Iso97971 }).toString(C.format.Hex));\
         out(C.AES.decrypt('Hf6DbfcOiTEKlwox+jNR/Q==', k, { iv: k }).toString(C.enc.Utf8));\
         try { C.AES.encrypt('hello', k); } catch (e) { out(e.name + ': ' + e.message); }",
        &[
            "69c4e0d86a7b0430d8cdb78070b4c55a",
            "Hf6DbfcOiTEKlwox+jNR/Q==",
            "XYdJ4q91MbK/ZmHp5drwEg==",
            "YvFn2S5OhyqDr/B55w==",
            "YvFn2S5OhyqDr/B551DpWQ==",
            "YvFn2S5OhyqDr/B551PqWg==",
            "wjeUgtEyVmqmGmU8GfP+FA==",
            "960262846c69fcc932c260427e0078bd",
            "hello",
            "TypeError: Cannot read properties of undefined (reading '0')",
        ],
    );
}

#[test]
fn aes_with_a_passphrase_is_openssl_compatible() {
    expect_outputs(
        "var C = CryptoJS, s = C.enc.Hex.parse('0001020304050607');\
         var p = C.kdf.OpenSSL.execute('passphrase', 8, 4, s); out(p.key + ' ' + p.iv);\
         var e = C.AES.encrypt('Message', p.key, { iv: p.iv });\
         out(C.format.OpenSSL.stringify(C.lib.CipherParams.create({ ciphertext: e.ciphertext, salt: s })));\
         out(C.AES.decrypt('U2FsdGVkX18AAQIDBAUGB8vHG90B8eTQ09uLKM+e1pA=', 'passphrase').toString(C.enc.Utf8));\
         var x = C.AES.encrypt('hi there', 'pass');\
         out([x.key.sigBytes, x.iv.sigBytes, x.salt.sigBytes, x.algorithm === C.algo.AES,\
           x.toString().indexOf('U2FsdGVkX1') === 0].join());\
         out(C.AES.decrypt(x.toString(), 'pass').toString(C.enc.Utf8));\
         out(C.AES.decrypt(x, 'pass').toString(C.enc.Utf8));",
        &[
            "c3c3a2446cd513849e5490c6b926670dad018029c68a9eccd95e855aae9779c5 fae634a874410beedd0fd00b8ee45165",
            "U2FsdGVkX18AAQIDBAUGB8vHG90B8eTQ09uLKM+e1pA=",
            "Message",
            "32,16,8,true,true",
            "hi there",
            "hi there",
        ],
    );
}

#[test]
fn des_and_triple_des_and_unsupported_ciphers() {
    expect_outputs(
        "var C = CryptoJS, iv = C.enc.Hex.parse('0001020304050607');\
         out(C.TripleDES.encrypt('hello', C.enc.Hex.parse('000102030405060708090a0b0c0d0e0f1011121314151617'), { iv: iv }));\
         out(C.DES.encrypt('hello', iv, { iv: iv }));\
         out(C.DES.decrypt('DchgtPi8ha4=', iv, { iv: iv }).toString(C.enc.Utf8));\
         out(C.TripleDES.decrypt(C.TripleDES.encrypt('round trip', 'pw'), 'pw').toString(C.enc.Utf8));\
         try { C.RC4.encrypt('a', 'b'); } catch (e) { out(e.message); }",
        &[
            "333ztkUGbxM=",
            "DchgtPi8ha4=",
            "hello",
            "round trip",
            "not supported: CryptoJS.RC4",
        ],
    );
}
