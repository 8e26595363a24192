//! The hashes, HMACs and private-key signatures the signing auths use, and the
//! encodings they share: RFC 3986 percent-encoding, base64, PEM keys, random nonces.

use ring::{digest, hmac, rand, signature};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// RFC 3986 unreserved characters stay; everything else is percent-encoded.
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes everything but `A-Z a-z 0-9 - . _ ~` (RFC 3986, RFC 5849 §3.6).
pub(crate) fn rfc3986(s: &str) -> String {
    utf8_percent_encode(s, RFC3986).collect()
}

/// Decodes a form component: `+` is a space, `%XX` a byte (invalid UTF-8 is replaced).
pub(crate) fn form_decode(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// A hash function by its lower-case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hash {
    /// SHA-1 (legacy: OAuth 1.0 and Hawk still use it).
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    /// `sha1`, `sha256`, `sha384` or `sha512` in any case.
    pub(crate) fn named(name: &str) -> Option<Hash> {
        match name.to_ascii_lowercase().as_str() {
            "sha1" => Some(Hash::Sha1),
            "sha256" => Some(Hash::Sha256),
            "sha384" => Some(Hash::Sha384),
            "sha512" => Some(Hash::Sha512),
            _ => None,
        }
    }

    fn digest(self) -> &'static digest::Algorithm {
        match self {
            Hash::Sha1 => &digest::SHA1_FOR_LEGACY_USE_ONLY,
            Hash::Sha256 => &digest::SHA256,
            Hash::Sha384 => &digest::SHA384,
            Hash::Sha512 => &digest::SHA512,
        }
    }

    fn hmac(self) -> hmac::Algorithm {
        match self {
            Hash::Sha1 => hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
            Hash::Sha256 => hmac::HMAC_SHA256,
            Hash::Sha384 => hmac::HMAC_SHA384,
            Hash::Sha512 => hmac::HMAC_SHA512,
        }
    }

    /// The digest of `data`.
    pub(crate) fn hash(self, data: &[u8]) -> Vec<u8> {
        digest::digest(self.digest(), data).as_ref().to_vec()
    }

    /// The HMAC of `data` under `key`.
    pub(crate) fn hmac_of(self, key: &[u8], data: &[u8]) -> Vec<u8> {
        hmac::sign(&hmac::Key::new(self.hmac(), key), data)
            .as_ref()
            .to_vec()
    }
}

/// Standard base64 with padding.
pub(crate) fn b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Why a private key cannot sign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum KeyError {
    /// Not a PEM private key.
    #[error("the private key is not a PEM private key")]
    NotPem,
    /// A PEM block the algorithm cannot use.
    #[error("the private key is not a valid {0} key")]
    Rejected(&'static str),
    /// The algorithm has no signer here.
    #[error("signing with {0} is not supported")]
    Unsupported(&'static str),
    /// The signer failed.
    #[error("signing failed")]
    Failed,
}

/// A PEM block's label and DER bytes; the PEM may have lost its line breaks.
pub(crate) fn pem(text: &str) -> Result<(String, Vec<u8>), KeyError> {
    let start = text.find("-----BEGIN ").ok_or(KeyError::NotPem)?;
    let rest = &text[start + 11..];
    let label_end = rest.find("-----").ok_or(KeyError::NotPem)?;
    let label = rest[..label_end].to_string();
    let body = &rest[label_end + 5..];
    let end = body
        .find(&format!("-----END {label}-----"))
        .ok_or(KeyError::NotPem)?;
    let b64: String = body[..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let der = STANDARD.decode(b64).map_err(|_| KeyError::NotPem)?;
    Ok((label, der))
}

/// A private-key signature algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeySign {
    /// RSASSA-PKCS1-v1_5.
    Pkcs1(Hash),
    /// RSASSA-PSS (salt as long as the hash).
    Pss(Hash),
    /// ECDSA, the signature as the fixed-width `r || s` of JWS.
    Ecdsa(Hash),
}

/// ECDSA on the curve of crate `$curve` (`p256`, `p384`, `p521`) with the key's DER
/// (`EC PRIVATE KEY`: SEC 1, else PKCS#8): the fixed-width `r || s` of JWS, deterministic
/// (RFC 6979).
macro_rules! ecdsa_sign {
    ($curve:ident, $label:expr, $der:expr, $message:expr) => {{
        use $curve::ecdsa::signature::Signer as _;
        use pkcs8::DecodePrivateKey as _;
        let secret = if $label == "EC PRIVATE KEY" {
            $curve::SecretKey::from_sec1_der($der).ok()
        } else {
            $curve::SecretKey::from_pkcs8_der($der).ok()
        }
        .ok_or(KeyError::Rejected("EC"))?;
        let signature: $curve::ecdsa::Signature = $curve::ecdsa::SigningKey::from(&secret)
            .try_sign($message)
            .map_err(|_| KeyError::Failed)?;
        Ok(signature.to_vec())
    }};
}

/// Signs `message` with the PEM private key `key` (PKCS#8, or PKCS#1 for RSA, or SEC 1
/// for EC).
pub(crate) fn sign_with_key(alg: KeySign, key: &str, message: &[u8]) -> Result<Vec<u8>, KeyError> {
    let (label, der) = pem(key)?;
    let rng = rand::SystemRandom::new();
    match alg {
        KeySign::Pkcs1(h) | KeySign::Pss(h) => {
            let encoding: &'static dyn signature::RsaEncoding = match (alg, h) {
                (KeySign::Pkcs1(_), Hash::Sha256) => &signature::RSA_PKCS1_SHA256,
                (KeySign::Pkcs1(_), Hash::Sha384) => &signature::RSA_PKCS1_SHA384,
                (KeySign::Pkcs1(_), Hash::Sha512) => &signature::RSA_PKCS1_SHA512,
                (_, Hash::Sha256) => &signature::RSA_PSS_SHA256,
                (_, Hash::Sha384) => &signature::RSA_PSS_SHA384,
                (_, Hash::Sha512) => &signature::RSA_PSS_SHA512,
                (_, Hash::Sha1) => return Err(KeyError::Unsupported("RSA with SHA-1")),
            };
            let pair = if label == "RSA PRIVATE KEY" {
                signature::RsaKeyPair::from_der(&der)
            } else {
                signature::RsaKeyPair::from_pkcs8(&der)
            }
            .map_err(|_| KeyError::Rejected("RSA"))?;
            let mut out = vec![0; pair.public().modulus_len()];
            pair.sign(encoding, &rng, message, &mut out)
                .map_err(|_| KeyError::Failed)?;
            Ok(out)
        }
        KeySign::Ecdsa(Hash::Sha256) => ecdsa_sign!(p256, &label, &der, message),
        KeySign::Ecdsa(Hash::Sha384) => ecdsa_sign!(p384, &label, &der, message),
        KeySign::Ecdsa(Hash::Sha512) => ecdsa_sign!(p521, &label, &der, message),
        KeySign::Ecdsa(Hash::Sha1) => Err(KeyError::Unsupported("ECDSA with SHA-1")),
    }
}

/// `len` characters drawn at random from `alphabet` (ASCII).
pub(crate) fn random_string(alphabet: &[u8], len: usize) -> String {
    (0..len)
        .map(|_| char::from(alphabet[::rand::random_range(0..alphabet.len())]))
        .collect()
}

/// A random (version 4) UUID in its hyphenated lower-case form.
pub(crate) fn uuid_v4() -> String {
    let mut b: [u8; 16] = ::rand::random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// Seconds since the Unix epoch, now.
pub(crate) fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_sha1_matches_rfc_2202() {
        // RFC 2202 test case 2.
        let mac = Hash::Sha1.hmac_of(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(hex::encode(mac), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    }

    #[test]
    fn rfc3986_keeps_only_unreserved() {
        assert_eq!(rfc3986("a b!*'()~-._/+"), "a%20b%21%2A%27%28%29~-._%2F%2B");
        assert_eq!(form_decode("a+b%2Bc%zz"), "a b+c%zz");
    }

    #[test]
    fn pem_without_line_breaks_still_parses() {
        let (label, der) = pem("-----BEGIN PRIVATE KEY-----AAEC-----END PRIVATE KEY-----").unwrap();
        assert_eq!((label.as_str(), der), ("PRIVATE KEY", vec![0, 1, 2]));
        assert_eq!(pem("nope"), Err(KeyError::NotPem));
    }

    #[test]
    fn uuids_are_version_4() {
        let u = uuid_v4();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
    }
}
