//! From the collection's digest settings and the server's challenge to the input of one
//! digest response.

use super::algorithm::{DigestAlgorithm, DigestQop};
use super::challenge::DigestChallenge;
use super::response::DigestInput;
use crate::request::spec::DigestAuth;

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
