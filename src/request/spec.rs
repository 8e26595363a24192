//! The fully rendered request, ready to send.

/// A request with every variable substituted and every auth applied, not yet sent.
///
/// This is plain data: building it never touches the network, so it can be shown,
/// redacted and compared before anything leaves the process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestSpec {
    /// Upper-case HTTP method (`GET`, `POST`, or any token the collection uses).
    pub method: String,
    /// Absolute URL, encoded as it goes on the wire.
    pub url: String,
    /// Headers in the order they are sent; names keep the collection's spelling.
    pub headers: Vec<(String, String)>,
    /// Request body bytes, if any (already pruned for GET/HEAD unless disabled).
    pub body: Option<Vec<u8>>,
    /// Whether redirects are followed for this request.
    pub follow_redirects: bool,
    /// Digest credentials: the sender answers a `401` Digest challenge with them.
    pub digest: Option<DigestAuth>,
    /// The auth's credentials and what was made from them (a PLAINTEXT signature, a
    /// generated token): masked wherever a result quotes them.
    pub secrets: Vec<String>,
}

/// Parameters of Postman's digest auth, already rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DigestAuth {
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
    /// Realm given in the collection (empty: taken from the server's challenge).
    pub realm: String,
    /// Nonce given in the collection (empty: taken from the server's challenge).
    pub nonce: String,
    /// `MD5`, `MD5-sess`, `SHA-256` or `SHA-256-sess` (empty means `MD5`).
    pub algorithm: String,
    /// Quality of protection, usually `auth` (empty: taken from the challenge).
    pub qop: String,
    /// Nonce count as 8 hex digits (empty means `00000001`).
    pub nonce_count: String,
    /// Client nonce (empty: generated).
    pub client_nonce: String,
    /// Opaque value (empty: taken from the challenge).
    pub opaque: String,
    /// Postman's `disableRetryRequest`: do not answer the challenge.
    pub disable_retry: bool,
}
