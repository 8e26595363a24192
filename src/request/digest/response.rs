//! Computing a digest response and the `Authorization: Digest …` header that carries it.

use super::algorithm::{DigestAlgorithm, DigestQop};

/// Everything needed to compute one digest response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestInput {
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
    /// Realm.
    pub realm: String,
    /// Server nonce.
    pub nonce: String,
    /// Request method (`GET`, …).
    pub method: String,
    /// The `digest-uri`: the request-target (path and query) of the request.
    pub uri: String,
    /// Hash algorithm.
    pub algorithm: DigestAlgorithm,
    /// Quality of protection; `None` is the legacy RFC 2069 form without nc/cnonce.
    pub qop: Option<DigestQop>,
    /// Nonce count, 8 hex digits.
    pub nonce_count: String,
    /// Client nonce.
    pub client_nonce: String,
    /// Opaque value to echo back, if any.
    pub opaque: Option<String>,
    /// Request body, hashed into `A2` for `auth-int`.
    pub body: Vec<u8>,
}

impl DigestInput {
    /// The `response` value: lower-case hex of the request digest.
    pub fn response(&self) -> String {
        let algorithm = self.algorithm;
        let mut ha1 = algorithm
            .hash(format!("{}:{}:{}", self.username, self.realm, self.password).as_bytes());
        if algorithm.is_session() {
            ha1 = algorithm.hash(format!("{ha1}:{}:{}", self.nonce, self.client_nonce).as_bytes());
        }
        let a2 = match self.qop {
            Some(DigestQop::AuthInt) => {
                format!(
                    "{}:{}:{}",
                    self.method,
                    self.uri,
                    algorithm.hash(&self.body)
                )
            }
            Some(DigestQop::Auth) | None => format!("{}:{}", self.method, self.uri),
        };
        let ha2 = algorithm.hash(a2.as_bytes());
        let data = match self.qop {
            Some(qop) => format!(
                "{ha1}:{}:{}:{}:{}:{ha2}",
                self.nonce,
                self.nonce_count,
                self.client_nonce,
                qop.name()
            ),
            None => format!("{ha1}:{}:{ha2}", self.nonce),
        };
        algorithm.hash(data.as_bytes())
    }

    /// The full `Authorization` header value: `Digest username="…", realm="…", …`.
    pub fn authorization(&self) -> String {
        let mut parts = vec![
            format!("username=\"{}\"", quote(&self.username)),
            format!("realm=\"{}\"", quote(&self.realm)),
            format!("nonce=\"{}\"", quote(&self.nonce)),
            format!("uri=\"{}\"", quote(&self.uri)),
            format!("algorithm={}", self.algorithm.name()),
        ];
        if let Some(qop) = self.qop {
            parts.push(format!("qop={}", qop.name()));
            parts.push(format!("nc={}", self.nonce_count));
            parts.push(format!("cnonce=\"{}\"", quote(&self.client_nonce)));
        } else if self.algorithm.is_session() {
            parts.push(format!("cnonce=\"{}\"", quote(&self.client_nonce)));
        }
        parts.push(format!("response=\"{}\"", self.response()));
        if let Some(opaque) = &self.opaque {
            parts.push(format!("opaque=\"{}\"", quote(opaque)));
        }
        format!("Digest {}", parts.join(", "))
    }
}

/// Escapes a value for a quoted-string.
fn quote(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use md5::{Digest, Md5};
    use sha2::Sha256;

    use super::*;

    fn rfc2617_input() -> DigestInput {
        DigestInput {
            username: "Mufasa".into(),
            password: "Circle Of Life".into(),
            realm: "testrealm@host.com".into(),
            nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093".into(),
            method: "GET".into(),
            uri: "/dir/index.html".into(),
            algorithm: DigestAlgorithm::Md5,
            qop: Some(DigestQop::Auth),
            nonce_count: "00000001".into(),
            client_nonce: "0a4f113b".into(),
            opaque: Some("5ccc069c403ebaf9f0171e9517f40e41".into()),
            body: Vec::new(),
        }
    }

    #[test]
    fn rfc2617_section_3_5_example() {
        assert_eq!(
            rfc2617_input().response(),
            "6629fae49393a05397450978507c4ef1"
        );
    }

    #[test]
    fn rfc7616_section_3_9_1_examples() {
        // RFC 7616 3.9.1: same request with SHA-256 and with MD5.
        let mut input = DigestInput {
            username: "Mufasa".into(),
            password: "Circle of Life".into(),
            realm: "http-auth@example.org".into(),
            nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v".into(),
            method: "GET".into(),
            uri: "/dir/index.html".into(),
            algorithm: DigestAlgorithm::Sha256,
            qop: Some(DigestQop::Auth),
            nonce_count: "00000001".into(),
            client_nonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ".into(),
            opaque: None,
            body: Vec::new(),
        };
        assert_eq!(
            input.response(),
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
        );
        input.algorithm = DigestAlgorithm::Md5;
        assert_eq!(input.response(), "8ca523f5e9506fed4657c9700eebdbec");
    }

    #[test]
    fn legacy_form_without_qop() {
        // RFC 2069: response = H(H(A1):nonce:H(A2)).
        let mut input = rfc2617_input();
        input.qop = None;
        let ha1 = hex::encode(Md5::digest(b"Mufasa:testrealm@host.com:Circle Of Life"));
        let ha2 = hex::encode(Md5::digest(b"GET:/dir/index.html"));
        let expected = hex::encode(Md5::digest(
            format!("{ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:{ha2}").as_bytes(),
        ));
        assert_eq!(input.response(), expected);
        let header = input.authorization();
        assert!(!header.contains("nc="), "{header}");
        assert!(!header.contains("cnonce="), "{header}");
        assert!(!header.contains("qop="), "{header}");
    }

    #[test]
    fn session_variants_hash_a1_with_nonces() {
        let mut input = rfc2617_input();
        input.algorithm = DigestAlgorithm::Md5Sess;
        let ha1 = hex::encode(Md5::digest(b"Mufasa:testrealm@host.com:Circle Of Life"));
        let ha1 = hex::encode(Md5::digest(
            format!("{ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:0a4f113b").as_bytes(),
        ));
        let ha2 = hex::encode(Md5::digest(b"GET:/dir/index.html"));
        let expected = hex::encode(Md5::digest(
            format!("{ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:{ha2}")
                .as_bytes(),
        ));
        assert_eq!(input.response(), expected);

        input.algorithm = DigestAlgorithm::Sha256Sess;
        let ha1 = hex::encode(Sha256::digest(b"Mufasa:testrealm@host.com:Circle Of Life"));
        let ha1 = hex::encode(Sha256::digest(
            format!("{ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:0a4f113b").as_bytes(),
        ));
        let ha2 = hex::encode(Sha256::digest(b"GET:/dir/index.html"));
        let expected = hex::encode(Sha256::digest(
            format!("{ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:{ha2}")
                .as_bytes(),
        ));
        assert_eq!(input.response(), expected);
        assert!(input.authorization().contains("algorithm=SHA-256-sess"));
    }

    #[test]
    fn auth_int_hashes_the_body() {
        let mut input = rfc2617_input();
        input.qop = Some(DigestQop::AuthInt);
        input.body = b"hello".to_vec();
        let with_body = input.response();
        input.body = b"other".to_vec();
        assert_ne!(with_body, input.response());
        let ha1 = hex::encode(Md5::digest(b"Mufasa:testrealm@host.com:Circle Of Life"));
        let body_hash = hex::encode(Md5::digest(b"other"));
        let ha2 = hex::encode(Md5::digest(
            format!("GET:/dir/index.html:{body_hash}").as_bytes(),
        ));
        let expected = hex::encode(Md5::digest(
            format!("{ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth-int:{ha2}")
                .as_bytes(),
        ));
        assert_eq!(input.response(), expected);
    }

    #[test]
    fn authorization_header_has_all_parameters() {
        let header = rfc2617_input().authorization();
        assert_eq!(
            header,
            "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", \
             nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", \
             algorithm=MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\", \
             response=\"6629fae49393a05397450978507c4ef1\", \
             opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""
        );
    }

    #[test]
    fn quoted_values_are_escaped() {
        let mut input = rfc2617_input();
        input.username = "a\"b\\c".into();
        assert!(input.authorization().contains("username=\"a\\\"b\\\\c\""));
    }
}
