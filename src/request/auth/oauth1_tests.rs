use super::*;
use crate::request::auth::Params;
use crate::request::auth::message::BodyKind;

fn params(pairs: &[(&str, &str)]) -> Params {
    Params(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

#[test]
fn rfc_5849_photos_example() {
    // RFC 5849 §1.2: the signed request for the vacation photo.
    let url = UrlParts::of("http://photos.example.net/photos");
    let params: Vec<(String, Option<String>)> = [
        ("file", "vacation.jpg"),
        ("size", "original"),
        ("oauth_consumer_key", "dpf43f3p2l4k3l03"),
        ("oauth_token", "nnch734d00sl2jdk"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "137131202"),
        ("oauth_nonce", "chapoH"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), Some(v.to_string())))
    .collect();
    let base = base_string("GET", &url, &params);
    let sig = signature(
        "HMAC-SHA1",
        &base,
        ("kd94hf93k423kf44", "pfkkdhi9sl3r4s00"),
        "",
    )
    .unwrap();
    assert_eq!(sig, "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
}

#[test]
fn twitters_published_example_in_the_header() {
    // Twitter's "Creating a signature" example: a form body, the query and the header.
    let p = params(&[
        ("consumerKey", "xvz1evFS4wEEPTGEFPHBog"),
        ("consumerSecret", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"),
        ("token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"),
        ("tokenSecret", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"),
        ("signatureMethod", "HMAC-SHA1"),
        ("timestamp", "1318622958"),
        ("nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"),
        ("version", "1.0"),
        ("addParamsToHeader", "true"),
    ]);
    let mut url = "https://api.twitter.com/1.1/statuses/update.json?include_entities=true".to_string();
    let mut headers = Vec::new();
    let mut body =
        Some(b"status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request!".to_vec());
    sign(
        &p,
        &mut Message {
            method: "POST",
            url: &mut url,
            headers: &mut headers,
            body: &mut body,
            kind: BodyKind::UrlEncoded,
        },
    )
    .unwrap();
    let auth = &headers[0].1;
    assert!(auth.starts_with("OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\","), "{auth}");
    assert!(auth.ends_with(",oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\""), "{auth}");
    assert_eq!(url, "https://api.twitter.com/1.1/statuses/update.json?include_entities=true");
}

#[test]
fn oauth_core_1_0_appendix_a_in_the_query() {
    // OAuth Core 1.0 Appendix A.5: the signed photo request, parameters in the query.
    let p = params(&[
        ("consumerKey", "dpf43f3p2l4k3l03"),
        ("consumerSecret", "kd94hf93k423kf44"),
        ("token", "nnch734d00sl2jdk"),
        ("tokenSecret", "pfkkdhi9sl3r4s00"),
        ("signatureMethod", "HMAC-SHA1"),
        ("timestamp", "1191242096"),
        ("nonce", "kllo9940pd9333jh"),
        ("version", "1.0"),
    ]);
    let mut url = "http://photos.example.net/photos?file=vacation.jpg&size=original".to_string();
    let (mut headers, mut body) = (Vec::new(), None);
    sign(
        &p,
        &mut Message {
            method: "GET",
            url: &mut url,
            headers: &mut headers,
            body: &mut body,
            kind: BodyKind::None,
        },
    )
    .unwrap();
    assert!(url.ends_with("&oauth_signature=tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"), "{url}");
    assert!(headers.is_empty());
}

#[test]
fn query_placement_re_encodes_and_appends() {
    let p = params(&[
        ("consumerKey", "ck"),
        ("consumerSecret", "cs"),
        ("signatureMethod", "PLAINTEXT"),
        ("timestamp", "1"),
        ("nonce", "n"),
        ("realm", ""),
    ]);
    let mut url = "http://h/p?a=b!c&oauth_nonce=old&d".to_string();
    let (mut headers, mut body) = (Vec::new(), None);
    sign(
        &p,
        &mut Message {
            method: "GET",
            url: &mut url,
            headers: &mut headers,
            body: &mut body,
            kind: BodyKind::None,
        },
    )
    .unwrap();
    assert_eq!(
        url,
        "http://h/p?a=b%21c&d&oauth_consumer_key=ck&oauth_signature_method=PLAINTEXT\
         &oauth_timestamp=1&oauth_nonce=n&oauth_signature=cs%26"
    );
}

#[test]
fn nothing_is_signed_without_a_consumer_secret() {
    let p = params(&[("consumerKey", "ck"), ("signatureMethod", "HMAC-SHA1")]);
    let mut url = "http://h/".to_string();
    let (mut headers, mut body) = (Vec::new(), None);
    sign(
        &p,
        &mut Message {
            method: "GET",
            url: &mut url,
            headers: &mut headers,
            body: &mut body,
            kind: BodyKind::None,
        },
    )
    .unwrap();
    assert_eq!((url.as_str(), headers.len()), ("http://h/", 0));
}

#[test]
fn body_hash_and_rsa_sha256_verify() {
    use ring::signature::{KeyPair, RSA_PKCS1_2048_8192_SHA256, RsaKeyPair, UnparsedPublicKey};
    // A fixed test key: ring does not generate RSA keys.
    let pem = include_str!("testdata/rsa-2048.pem");
    let (_, der) = crate::request::auth::crypto::pem(pem).unwrap();
    let pair = RsaKeyPair::from_pkcs8(&der).unwrap();
    let base = "POST&http%3A%2F%2Fh%2F&a%3Db";
    let sig = signature("RSA-SHA256", base, ("", ""), pem).unwrap();
    let raw = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, sig).unwrap();
    UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, pair.public_key().as_ref())
        .verify(base.as_bytes(), &raw)
        .unwrap();
    assert!(signature("RSA-SHA1", base, ("", ""), pem).is_err());
    assert!(signature("HMAC-MD5", base, ("", ""), "").is_err());
    // includeBodyHash: the base64 SHA-1 of the raw body.
    let p = params(&[
        ("consumerKey", "ck"),
        ("consumerSecret", "cs"),
        ("signatureMethod", "HMAC-SHA1"),
        ("includeBodyHash", "true"),
        ("addParamsToHeader", "true"),
    ]);
    let mut url = "http://h/".to_string();
    let (mut headers, mut body) = (Vec::new(), Some(b"Hello World!".to_vec()));
    sign(
        &p,
        &mut Message {
            method: "POST",
            url: &mut url,
            headers: &mut headers,
            body: &mut body,
            kind: BodyKind::Bytes,
        },
    )
    .unwrap();
    // SHA-1("Hello World!") = Lve95gjOVATpfV8EL5X4nxwjKHE= (draft-eaton-oauth-bodyhash).
    assert!(headers[0].1.contains("oauth_body_hash=\"Lve95gjOVATpfV8EL5X4nxwjKHE%3D\""), "{}", headers[0].1);
}
