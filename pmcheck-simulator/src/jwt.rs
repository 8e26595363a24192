//! JSON Web Tokens: every token the simulator issues is an RS256 JWT with header
//! `{"kid":"SIGNING_KEY","typ":"JWT","alg":"RS256"}`, as Oracle's, signed with the
//! fixture's `signing_key` or the published development key `dev-signing-key.pem`;
//! verification refuses other algorithms and keys, bad signatures and expired tokens.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::SystemRandom;
use ring::signature::{
    KeyPair, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, RsaKeyPair, UnparsedPublicKey,
};
use rustls_pki_types::PrivatePkcs8KeyDer;
use rustls_pki_types::pem::PemObject;
use serde_json::Value;

/// What a token was issued for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Client-credentials access token.
    Client,
    /// User access token (jwt-bearer exchange).
    User,
    /// `authnToken` from the authenticate API.
    Authn,
}

impl TokenKind {
    /// The `tok` claim naming the kind.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TokenKind::Client => "client",
            TokenKind::User => "user",
            TokenKind::Authn => "authn",
        }
    }
}

/// The verified claims the simulator relies on.
#[derive(Debug, Clone)]
pub(crate) struct Claims {
    /// What the token was issued for (`tok`).
    pub kind: TokenKind,
    /// The client id or user name (`sub`).
    pub sub: String,
    /// The granted scopes (`scope`, space-separated; empty for an `authnToken`).
    pub scope: String,
}

/// Seconds since the Unix epoch (`iat`, `exp`).
pub(crate) fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The header of every JWT the simulator issues, as Oracle's service sends it.
const JWT_HEADER: &str = r#"{"kid":"SIGNING_KEY","typ":"JWT","alg":"RS256"}"#;

/// The published development key signing every JWT when the fixture brings none.
/// It signs nothing real.
const DEV_SIGNING_KEY_PEM: &str = include_str!("dev-signing-key.pem");

/// The RS256 key pair the simulator signs and verifies every JWT with, parsed once
/// when the simulator starts.
pub(crate) struct SigningKey {
    key_pair: RsaKeyPair,
    public_key: UnparsedPublicKey<Vec<u8>>,
    rng: SystemRandom,
}

impl SigningKey {
    /// The key of `pem`, or the development key when there is none.
    pub(crate) fn from_pem_or_development(pem: Option<&str>) -> Result<SigningKey, String> {
        SigningKey::from_pem(pem.unwrap_or(DEV_SIGNING_KEY_PEM))
    }

    /// Parses a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`) RSA private key.
    pub(crate) fn from_pem(pem: &str) -> Result<SigningKey, String> {
        let der = PrivatePkcs8KeyDer::from_pem_slice(pem.as_bytes()).map_err(|e| {
            format!("expected a PKCS#8 PEM RSA private key (-----BEGIN PRIVATE KEY-----): {e}")
        })?;
        let key_pair = RsaKeyPair::from_pkcs8(der.secret_pkcs8_der())
            .map_err(|e| format!("not a usable RSA private key for RS256: {e}"))?;
        if key_pair.public().modulus_len() < 256 {
            return Err("the RSA key is shorter than 2048 bits, too short for RS256".to_string());
        }
        let public_key = UnparsedPublicKey::new(
            &RSA_PKCS1_2048_8192_SHA256,
            key_pair.public_key().as_ref().to_vec(),
        );
        Ok(SigningKey {
            key_pair,
            public_key,
            rng: SystemRandom::new(),
        })
    }

    /// Signs `claims` as an RS256 JWT; `None` only if the system random generator fails.
    pub(crate) fn sign(&self, claims: &Value) -> Option<String> {
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(JWT_HEADER),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut signature = vec![0u8; self.key_pair.public().modulus_len()];
        self.key_pair
            .sign(
                &RSA_PKCS1_SHA256,
                &self.rng,
                input.as_bytes(),
                &mut signature,
            )
            .ok()?;
        Some(format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature)))
    }

    /// Verifies header, signature and expiry of a JWT issued by this simulator.
    pub(crate) fn verify(&self, token: &str) -> Option<Claims> {
        let (input, signature) = token.rsplit_once('.')?;
        let (header, payload) = input.split_once('.')?;
        let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).ok()?).ok()?;
        if header.get("alg")?.as_str()? != "RS256" {
            return None;
        }
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        self.public_key.verify(input.as_bytes(), &signature).ok()?;
        let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        let exp = claims.get("exp")?.as_u64()?;
        if now_secs() >= exp {
            return None;
        }
        let kind = match claims.get("tok")?.as_str()? {
            "client" => TokenKind::Client,
            "user" => TokenKind::User,
            "authn" => TokenKind::Authn,
            _ => return None,
        };
        Some(Claims {
            kind,
            sub: claims.get("sub")?.as_str()?.to_string(),
            scope: claims
                .get("scope")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use sha2::{Digest, Sha256};

    use super::*;
    use crate::fixture::Fixture;

    /// A fixed key other than the development key (ring generates no RSA keys).
    const OTHER_KEY_PEM: &str = include_str!("other-signing-key.pem");

    fn key() -> SigningKey {
        SigningKey::from_pem_or_development(None).expect("the development key parses")
    }

    fn claims(kind: &str, exp: u64) -> Value {
        json!({"tok": kind, "sub": "alice.nomfa", "iat": now_secs(), "exp": exp})
    }

    fn parts(token: &str) -> (String, String, String) {
        let mut it = token.split('.').map(str::to_string);
        let parts = (it.next().unwrap(), it.next().unwrap(), it.next().unwrap());
        assert!(it.next().is_none(), "{token}");
        parts
    }

    fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
        let mut block = [0u8; 64];
        if key.len() > 64 {
            block[..32].copy_from_slice(&Sha256::digest(key));
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let mut inner = Sha256::new();
        inner.update(block.map(|b| b ^ 0x36));
        inner.update(message);
        let inner = inner.finalize();
        let mut outer = Sha256::new();
        outer.update(block.map(|b| b ^ 0x5c));
        outer.update(inner);
        outer.finalize().to_vec()
    }

    #[test]
    fn a_signed_token_verifies() {
        let key = key();
        let token = key.sign(&claims("user", now_secs() + 60)).unwrap();
        let verified = key.verify(&token).expect("verifies");
        assert_eq!(verified.kind, TokenKind::User);
        assert_eq!(verified.sub, "alice.nomfa");
        let (_, _, signature) = parts(&token);
        assert_eq!(URL_SAFE_NO_PAD.decode(signature).unwrap().len(), 256);
    }

    #[test]
    fn the_header_is_oracles() {
        let token = key().sign(&claims("authn", now_secs() + 60)).unwrap();
        let (header, _, _) = parts(&token);
        assert_eq!(
            String::from_utf8(URL_SAFE_NO_PAD.decode(header).unwrap()).unwrap(),
            r#"{"kid":"SIGNING_KEY","typ":"JWT","alg":"RS256"}"#
        );
    }

    #[test]
    fn a_flipped_signature_byte_is_refused() {
        let key = key();
        let token = key.sign(&claims("client", now_secs() + 60)).unwrap();
        let (header, payload, signature) = parts(&token);
        let mut signature = URL_SAFE_NO_PAD.decode(signature).unwrap();
        for i in [0, 100, 255] {
            signature[i] ^= 0x01;
            let forged = format!("{header}.{payload}.{}", URL_SAFE_NO_PAD.encode(&signature));
            assert!(key.verify(&forged).is_none(), "byte {i}");
            signature[i] ^= 0x01;
        }
        let restored = format!("{header}.{payload}.{}", URL_SAFE_NO_PAD.encode(&signature));
        assert!(key.verify(&restored).is_some());
        let forged_payload = URL_SAFE_NO_PAD.encode(
            claims("client", now_secs() + 60)
                .to_string()
                .replace("alice.nomfa", "admin"),
        );
        let forged = format!(
            "{header}.{forged_payload}.{}",
            URL_SAFE_NO_PAD.encode(&signature)
        );
        assert!(key.verify(&forged).is_none());
    }

    #[test]
    fn other_algorithms_and_keys_are_refused() {
        let key = key();
        let token = key.sign(&claims("user", now_secs() + 60)).unwrap();
        let (_, payload, signature) = parts(&token);
        let public = key.key_pair.public_key().as_ref().to_vec();
        for alg in ["HS256", "none", "RS384"] {
            let header = URL_SAFE_NO_PAD.encode(format!(
                r#"{{"kid":"SIGNING_KEY","typ":"JWT","alg":"{alg}"}}"#
            ));
            let input = format!("{header}.{payload}");
            // HS256 keyed with the public key (the classic algorithm confusion) and
            // with the old development secret.
            for secret in [&public[..], b"pmcheck-simulator-development-signing-key"] {
                let mac = URL_SAFE_NO_PAD.encode(hmac_sha256(secret, input.as_bytes()));
                assert!(key.verify(&format!("{input}.{mac}")).is_none(), "{alg}");
            }
            assert!(key.verify(&format!("{input}.")).is_none(), "{alg}");
            assert!(
                key.verify(&format!("{input}.{signature}")).is_none(),
                "{alg}"
            );
        }
        // A well-formed RS256 token from another key.
        let other = SigningKey::from_pem(OTHER_KEY_PEM).unwrap().key_pair;
        let input = format!("{}.{payload}", URL_SAFE_NO_PAD.encode(JWT_HEADER));
        let mut sig = vec![0u8; other.public().modulus_len()];
        other
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                input.as_bytes(),
                &mut sig,
            )
            .unwrap();
        assert!(
            key.verify(&format!("{input}.{}", URL_SAFE_NO_PAD.encode(&sig)))
                .is_none()
        );
    }

    #[test]
    fn malformed_wrong_kind_and_expired_tokens_are_refused() {
        let key = key();
        for junk in ["", ".", "..", "a.b.c", "not a token", "e30.e30.AAAA"] {
            assert!(key.verify(junk).is_none(), "{junk}");
        }
        let expired = key.sign(&claims("user", now_secs() - 1)).unwrap();
        assert!(key.verify(&expired).is_none());
        let now = key.sign(&claims("user", now_secs())).unwrap();
        assert!(key.verify(&now).is_none());
        let wrong_kind = key.sign(&claims("refresh", now_secs() + 60)).unwrap();
        assert!(key.verify(&wrong_kind).is_none());
        let no_exp = key
            .sign(&json!({"tok": "user", "sub": "alice.nomfa"}))
            .unwrap();
        assert!(key.verify(&no_exp).is_none());
    }

    #[test]
    fn a_fixture_can_bring_its_own_key() {
        let pem = OTHER_KEY_PEM.to_string();
        let mut fixture = Fixture::builtin().unwrap();
        fixture.signing_key = Some(pem);
        fixture.validate().unwrap();
        let own = fixture.signing_key().unwrap();
        let token = own.sign(&claims("user", now_secs() + 60)).unwrap();
        assert!(own.verify(&token).is_some());
        assert!(key().verify(&token).is_none());
    }

    #[test]
    fn a_malformed_signing_key_is_a_clear_error() {
        let cases = [
            "",
            "pmcheck-simulator-development-signing-key",
            "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n",
            "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n",
        ];
        for pem in cases {
            let mut fixture = Fixture::builtin().unwrap();
            fixture.signing_key = Some(pem.to_string());
            let err = fixture.validate().unwrap_err();
            assert!(err.starts_with("signing_key: "), "{pem:?}: {err}");
        }
    }

    #[test]
    fn the_development_key_is_a_comment_free_2048_bit_pkcs8_pem() {
        assert!(DEV_SIGNING_KEY_PEM.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert!(DEV_SIGNING_KEY_PEM.ends_with("-----END PRIVATE KEY-----\n"));
        assert_eq!(key().key_pair.public().modulus_len(), 256);
    }
}
