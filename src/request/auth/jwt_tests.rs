use super::*;
use crate::request::auth::Params;

fn params(pairs: &[(&str, &str)]) -> Params {
    Params(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

#[test]
fn rfc_7515_hs256_example_signature() {
    // RFC 7515 §A.1: the HS256 JWS example (its exact header and payload bytes).
    let key = URL_SAFE_NO_PAD
        .decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
        .unwrap();
    let input = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    let sig = URL_SAFE_NO_PAD.encode(Hash::Sha256.hmac_of(&key, input.as_bytes()));
    assert_eq!(sig, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

#[test]
fn jwt_hs256_in_the_header_and_query() {
    let p = params(&[
        ("algorithm", "HS256"),
        ("secret", "c2VjcmV0"),
        ("isSecretBase64Encoded", "true"),
        ("payload", "{\"sub\":\"1\"}"),
        ("headerPrefix", ""),
    ]);
    let (placement, token) = jwt(&p).unwrap();
    assert_eq!(placement, Placement::Header(token.clone()));
    let (input, sig) = token.rsplit_once('.').unwrap();
    assert_eq!(input, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0");
    assert_eq!(
        URL_SAFE_NO_PAD.decode(sig).unwrap(),
        Hash::Sha256.hmac_of(b"secret", input.as_bytes())
    );
    let q = params(&[("algorithm", "HS384"), ("secret", "s"), ("addTokenTo", "queryParam")]);
    assert!(matches!(jwt(&q).unwrap().0, Placement::Query(k, _) if k == "token"));
    assert!(jwt(&params(&[("algorithm", "HS256")])).is_err());
    assert!(jwt(&params(&[("algorithm", "XX1"), ("secret", "s")])).is_err());
    let bad = params(&[("algorithm", "HS256"), ("secret", "s"), ("payload", "[1")]);
    assert!(jwt(&bad).is_err());
}

fn ec_pem() -> (ring::signature::EcdsaKeyPair, String) {
    use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair};
    let rng = ring::rand::SystemRandom::new();
    let der = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
    let pair =
        EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der.as_ref(), &rng).unwrap();
    let pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----",
        STANDARD.encode(der.as_ref())
    );
    (pair, pem)
}

#[test]
fn es256_jwt_and_asap_verify() {
    use ring::signature::{ECDSA_P256_SHA256_FIXED, KeyPair, UnparsedPublicKey};
    let (pair, pem) = ec_pem();
    let verify = |token: &str| {
        let (input, sig) = token.rsplit_once('.').unwrap();
        UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, pair.public_key().as_ref())
            .verify(input.as_bytes(), &URL_SAFE_NO_PAD.decode(sig).unwrap())
            .unwrap();
        let payload = input.split('.').nth(1).unwrap();
        serde_json::from_slice::<Value>(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
    };
    let p = params(&[("algorithm", "ES256"), ("privateKey", &pem)]);
    let (_, token) = jwt(&p).unwrap();
    verify(&token);
    let a = params(&[
        ("alg", "ES256"),
        ("privateKey", &pem),
        ("kid", "k1"),
        ("iss", "svc"),
        ("aud", "other"),
        ("exp", "60"),
    ]);
    let value = asap(&a).unwrap();
    let claims = verify(value.strip_prefix("Bearer ").unwrap());
    assert_eq!(claims["iss"], "svc");
    assert_eq!(claims["sub"], "svc");
    assert_eq!(claims["aud"], "other");
    let (iat, exp) = (claims["iat"].as_u64().unwrap(), claims["exp"].as_u64().unwrap());
    assert_eq!(exp - iat, 60);
    assert_eq!(claims["jti"].as_str().unwrap().len(), 36);
    assert!(asap(&params(&[("privateKey", &pem), ("kid", "k")])).is_err());
}

/// The `r || s` signature of an ES* token, checked with the curve's verifying key.
fn es_signature(alg: &str, pem: &str) -> (String, Vec<u8>) {
    let p = params(&[("algorithm", alg), ("privateKey", pem)]);
    let (_, token) = jwt(&p).unwrap();
    let (input, sig) = token.rsplit_once('.').unwrap();
    (input.to_string(), URL_SAFE_NO_PAD.decode(sig).unwrap())
}

#[test]
fn es384_es512_and_sec1_keys_sign_verifiably() {
    use crate::request::auth::crypto::pem;
    use p256::ecdsa::signature::Verifier as _;
    use pkcs8::DecodePrivateKey as _;
    let p384_pem = include_str!("testdata/ec-p384.pem");
    let (input, sig) = es_signature("ES384", p384_pem);
    assert_eq!(sig.len(), 96);
    let key = p384::SecretKey::from_pkcs8_der(&pem(p384_pem).unwrap().1).unwrap();
    p384::ecdsa::VerifyingKey::from(&p384::ecdsa::SigningKey::from(&key))
        .verify(
            input.as_bytes(),
            &p384::ecdsa::Signature::from_slice(&sig).unwrap(),
        )
        .unwrap();
    let p521_pem = include_str!("testdata/ec-p521.pem");
    let (input, sig) = es_signature("ES512", p521_pem);
    assert_eq!(sig.len(), 132);
    let key = p521::SecretKey::from_pkcs8_der(&pem(p521_pem).unwrap().1).unwrap();
    p521::ecdsa::VerifyingKey::from(&p521::ecdsa::SigningKey::from(&key))
        .verify(
            input.as_bytes(),
            &p521::ecdsa::Signature::from_slice(&sig).unwrap(),
        )
        .unwrap();
    // A SEC 1 key (`EC PRIVATE KEY`, as `openssl ecparam -genkey` writes it).
    let sec1_pem = include_str!("testdata/ec-p256-sec1.pem");
    let (input, sig) = es_signature("ES256", sec1_pem);
    let key = p256::SecretKey::from_sec1_der(&pem(sec1_pem).unwrap().1).unwrap();
    p256::ecdsa::VerifyingKey::from(&p256::ecdsa::SigningKey::from(&key))
        .verify(
            input.as_bytes(),
            &p256::ecdsa::Signature::from_slice(&sig).unwrap(),
        )
        .unwrap();
    // A key of another curve than the algorithm's is refused.
    let p = params(&[("algorithm", "ES512"), ("privateKey", p384_pem)]);
    assert!(jwt(&p).is_err());
}
