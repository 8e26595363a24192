//! HTTP Digest authentication (RFC 7616, RFC 2617): challenge parsing and the
//! `Authorization: Digest …` header computation.
//!
//! Everything here is pure: the sender in `http` decides when to call it.

use md5::{Digest, Md5};
use sha2::Sha256;

use super::DigestAuth;

/// Hash algorithm of a digest exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestAlgorithm {
    /// `MD5` (the default when none is named).
    Md5,
    /// `MD5-sess`: the session variant of MD5.
    Md5Sess,
    /// `SHA-256`.
    Sha256,
    /// `SHA-256-sess`: the session variant of SHA-256.
    Sha256Sess,
}

impl DigestAlgorithm {
    /// Parses an algorithm name case-insensitively; an empty name means `MD5`.
    /// Returns `None` for algorithms this crate cannot compute.
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim();
        if name.is_empty() || name.eq_ignore_ascii_case("MD5") {
            Some(Self::Md5)
        } else if name.eq_ignore_ascii_case("MD5-sess") {
            Some(Self::Md5Sess)
        } else if name.eq_ignore_ascii_case("SHA-256") {
            Some(Self::Sha256)
        } else if name.eq_ignore_ascii_case("SHA-256-sess") {
            Some(Self::Sha256Sess)
        } else {
            None
        }
    }

    /// The canonical name, as written in the `algorithm=` parameter.
    pub fn name(self) -> &'static str {
        match self {
            Self::Md5 => "MD5",
            Self::Md5Sess => "MD5-sess",
            Self::Sha256 => "SHA-256",
            Self::Sha256Sess => "SHA-256-sess",
        }
    }

    fn is_session(self) -> bool {
        matches!(self, Self::Md5Sess | Self::Sha256Sess)
    }

    /// Lower-case hex digest of `data` with this algorithm's hash function.
    fn hash(self, data: &[u8]) -> String {
        match self {
            Self::Md5 | Self::Md5Sess => hex::encode(Md5::digest(data)),
            Self::Sha256 | Self::Sha256Sess => hex::encode(Sha256::digest(data)),
        }
    }
}

/// Quality of protection of a digest exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestQop {
    /// `auth`: authentication only.
    Auth,
    /// `auth-int`: authentication with integrity protection of the request body.
    AuthInt,
}

impl DigestQop {
    /// Parses a qop value case-insensitively (`auth` or `auth-int`).
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        if value.eq_ignore_ascii_case("auth") {
            Some(Self::Auth)
        } else if value.eq_ignore_ascii_case("auth-int") {
            Some(Self::AuthInt)
        } else {
            None
        }
    }

    /// The value as written in the `qop=` parameter.
    pub fn name(self) -> &'static str {
        match self {
            Self::Auth => "auth",
            Self::AuthInt => "auth-int",
        }
    }
}

/// One `Digest` challenge from a `WWW-Authenticate` header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DigestChallenge {
    /// `realm` parameter (empty if absent).
    pub realm: String,
    /// `nonce` parameter (empty if absent).
    pub nonce: String,
    /// `opaque` parameter, if present.
    pub opaque: Option<String>,
    /// `algorithm` parameter exactly as sent, if present.
    pub algorithm: Option<String>,
    /// The qop values offered (`qop="auth,auth-int"` gives two entries); empty if absent.
    pub qop: Vec<String>,
}

/// Parses every `Digest` challenge in a `WWW-Authenticate` header value.
///
/// The value may hold several challenges of any scheme (`Basic realm="x", Digest …`);
/// only the `Digest` ones are returned, in order. Parameter names are
/// case-insensitive and values may be tokens or quoted strings.
pub fn parse_digest_challenges(header_value: &str) -> Vec<DigestChallenge> {
    // Each challenge: (scheme, params).
    let mut challenges: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for piece in split_outside_quotes(header_value) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        let first_break = piece.find(|c: char| c == '=' || c.is_ascii_whitespace());
        let starts_challenge = match first_break {
            None => true,
            Some(at) => !piece[at..].trim_start().starts_with('='),
        };
        let param_text = if starts_challenge {
            let (scheme, rest) = match first_break {
                None => (piece, ""),
                Some(at) => (&piece[..at], piece[at..].trim_start()),
            };
            challenges.push((scheme.to_string(), Vec::new()));
            rest
        } else {
            piece
        };
        if param_text.is_empty() {
            continue;
        }
        if let (Some(current), Some((name, value))) =
            (challenges.last_mut(), parse_param(param_text))
        {
            current.1.push((name, value));
        }
    }

    challenges
        .into_iter()
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("Digest"))
        .map(|(_, params)| {
            let mut challenge = DigestChallenge::default();
            for (name, value) in params {
                match name.to_ascii_lowercase().as_str() {
                    "realm" => challenge.realm = value,
                    "nonce" => challenge.nonce = value,
                    "opaque" => challenge.opaque = Some(value),
                    "algorithm" => challenge.algorithm = Some(value),
                    "qop" => {
                        challenge.qop = value
                            .split(',')
                            .map(str::trim)
                            .filter(|q| !q.is_empty())
                            .map(str::to_string)
                            .collect();
                    }
                    _ => {}
                }
            }
            challenge
        })
        .collect()
}

/// Splits on commas that are not inside a quoted string.
fn split_outside_quotes(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut in_quotes = false;
    let mut escaped = false;
    for (index, c) in text.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if in_quotes => escaped = true,
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => {
                pieces.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    pieces.push(&text[start..]);
    pieces
}

/// Parses `name=value` or `name="quoted \" value"`.
fn parse_param(text: &str) -> Option<(String, String)> {
    let (name, value) = text.split_once('=')?;
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let value = value.trim();
    let value = match value.strip_prefix('"') {
        Some(quoted) => {
            let mut out = String::new();
            let mut chars = quoted.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        if let Some(next) = chars.next() {
                            out.push(next);
                        }
                    }
                    '"' => break,
                    _ => out.push(c),
                }
            }
            out
        }
        None => value.to_string(),
    };
    Some((name.to_string(), value))
}

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

/// Why digest credentials could not be turned into a header.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DigestError {
    /// The collection or the server named an algorithm this crate does not implement.
    #[error("unsupported digest algorithm {0:?} (supported: MD5, MD5-sess, SHA-256, SHA-256-sess)")]
    UnsupportedAlgorithm(String),
    /// The collection or the server named a qop this crate does not implement.
    #[error("unsupported digest qop {0:?} (supported: auth, auth-int)")]
    UnsupportedQop(String),
}

/// Combines the collection's digest settings with the server's challenge, if any.
///
/// Fields set in `auth` win; empty ones are taken from `challenge`. The qop is
/// `auth` when offered, else `auth-int` when offered, else the legacy form. An
/// empty nonce count becomes `00000001` and an empty client nonce is generated.
/// `uri` is the request-target (path and query) and `body` the request body.
pub fn digest_input(
    auth: &DigestAuth,
    challenge: Option<&DigestChallenge>,
    method: &str,
    uri: &str,
    body: &[u8],
) -> Result<DigestInput, DigestError> {
    let pick = |mine: &str, theirs: Option<&str>| -> String {
        if mine.is_empty() {
            theirs.unwrap_or_default().to_string()
        } else {
            mine.to_string()
        }
    };
    let algorithm_name = pick(
        &auth.algorithm,
        challenge.and_then(|c| c.algorithm.as_deref()),
    );
    let algorithm = DigestAlgorithm::parse(&algorithm_name)
        .ok_or_else(|| DigestError::UnsupportedAlgorithm(algorithm_name.clone()))?;
    let qop = if auth.qop.is_empty() {
        let offered = challenge.map(|c| c.qop.as_slice()).unwrap_or_default();
        let offers = |qop: DigestQop| offered.iter().any(|q| DigestQop::parse(q) == Some(qop));
        match offered.first() {
            None => None,
            Some(_) if offers(DigestQop::Auth) => Some(DigestQop::Auth),
            Some(_) if offers(DigestQop::AuthInt) => Some(DigestQop::AuthInt),
            Some(other) => return Err(DigestError::UnsupportedQop(other.clone())),
        }
    } else {
        Some(
            DigestQop::parse(&auth.qop)
                .ok_or_else(|| DigestError::UnsupportedQop(auth.qop.clone()))?,
        )
    };
    let opaque = pick(&auth.opaque, challenge.and_then(|c| c.opaque.as_deref()));
    Ok(DigestInput {
        username: auth.username.clone(),
        password: auth.password.clone(),
        realm: pick(&auth.realm, challenge.map(|c| c.realm.as_str())),
        nonce: pick(&auth.nonce, challenge.map(|c| c.nonce.as_str())),
        method: method.to_string(),
        uri: uri.to_string(),
        algorithm,
        qop,
        nonce_count: if auth.nonce_count.is_empty() {
            "00000001".to_string()
        } else {
            auth.nonce_count.clone()
        },
        client_nonce: if auth.client_nonce.is_empty() {
            hex::encode(rand::random::<[u8; 8]>())
        } else {
            auth.client_nonce.clone()
        },
        opaque: (!opaque.is_empty()).then_some(opaque),
        body: body.to_vec(),
    })
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn parses_rfc2617_challenge() {
        let challenges = parse_digest_challenges(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", \
             nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", \
             opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
        );
        assert_eq!(
            challenges,
            vec![DigestChallenge {
                realm: "testrealm@host.com".into(),
                nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093".into(),
                opaque: Some("5ccc069c403ebaf9f0171e9517f40e41".into()),
                algorithm: None,
                qop: vec!["auth".into(), "auth-int".into()],
            }]
        );
    }

    #[test]
    fn parses_several_challenges_and_skips_other_schemes() {
        let challenges = parse_digest_challenges(
            "Basic realm=\"a, b\", DIGEST REALM=\"r\\\"x\", NONCE=n1, algorithm=SHA-256, \
             Digest realm=\"r\", nonce=\"n2\", algorithm=MD5, Bearer",
        );
        assert_eq!(challenges.len(), 2);
        assert_eq!(challenges[0].realm, "r\"x");
        assert_eq!(challenges[0].nonce, "n1");
        assert_eq!(challenges[0].algorithm.as_deref(), Some("SHA-256"));
        assert!(challenges[0].qop.is_empty());
        assert_eq!(challenges[1].nonce, "n2");
        assert_eq!(challenges[1].algorithm.as_deref(), Some("MD5"));
    }

    #[test]
    fn garbage_challenge_does_not_panic() {
        for text in [
            "",
            ",,,",
            "Digest",
            "Digest =",
            "\"",
            "Digest realm=\"unterminated",
            "é=ü, Dîgest x",
        ] {
            let _ = parse_digest_challenges(text);
        }
        assert_eq!(parse_digest_challenges("Digest").len(), 1);
    }

    #[test]
    fn input_takes_missing_fields_from_challenge() {
        let auth = DigestAuth {
            username: "u".into(),
            password: "p".into(),
            ..DigestAuth::default()
        };
        let challenge = DigestChallenge {
            realm: "r".into(),
            nonce: "n".into(),
            opaque: Some("o".into()),
            algorithm: Some("sha-256".into()),
            qop: vec!["auth-int".into(), "auth".into()],
        };
        let input = digest_input(&auth, Some(&challenge), "POST", "/x?y=1", b"b").unwrap();
        assert_eq!(input.realm, "r");
        assert_eq!(input.nonce, "n");
        assert_eq!(input.opaque.as_deref(), Some("o"));
        assert_eq!(input.algorithm, DigestAlgorithm::Sha256);
        assert_eq!(input.qop, Some(DigestQop::Auth));
        assert_eq!(input.nonce_count, "00000001");
        assert_eq!(input.client_nonce.len(), 16);
        assert_eq!(input.uri, "/x?y=1");

        let only_int = DigestChallenge {
            qop: vec!["auth-int".into()],
            ..challenge.clone()
        };
        let input = digest_input(&auth, Some(&only_int), "POST", "/", b"").unwrap();
        assert_eq!(input.qop, Some(DigestQop::AuthInt));

        let no_qop = DigestChallenge {
            qop: Vec::new(),
            ..challenge.clone()
        };
        let input = digest_input(&auth, Some(&no_qop), "GET", "/", b"").unwrap();
        assert_eq!(input.qop, None);
    }

    #[test]
    fn input_prefers_collection_values_and_rejects_unknown_ones() {
        let auth = DigestAuth {
            username: "u".into(),
            password: "p".into(),
            realm: "mine".into(),
            nonce: "mynonce".into(),
            algorithm: "MD5-sess".into(),
            qop: "auth".into(),
            nonce_count: "0000000a".into(),
            client_nonce: "c".into(),
            opaque: String::new(),
            disable_retry: false,
        };
        let input = digest_input(&auth, None, "GET", "/", b"").unwrap();
        assert_eq!(input.realm, "mine");
        assert_eq!(input.nonce, "mynonce");
        assert_eq!(input.algorithm, DigestAlgorithm::Md5Sess);
        assert_eq!(input.nonce_count, "0000000a");
        assert_eq!(input.client_nonce, "c");
        assert_eq!(input.opaque, None);

        let bad = DigestAuth {
            algorithm: "SHA-512-256".into(),
            ..auth.clone()
        };
        assert_eq!(
            digest_input(&bad, None, "GET", "/", b""),
            Err(DigestError::UnsupportedAlgorithm("SHA-512-256".into()))
        );
        let bad_qop = DigestChallenge {
            qop: vec!["weird".into()],
            ..DigestChallenge::default()
        };
        let no_qop = DigestAuth {
            qop: String::new(),
            ..auth
        };
        assert_eq!(
            digest_input(&no_qop, Some(&bad_qop), "GET", "/", b""),
            Err(DigestError::UnsupportedQop("weird".into()))
        );
    }
}
