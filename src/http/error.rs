//! Errors of client construction and of sending a request.

use std::error::Error as _;
use std::io;

use crate::request::DigestError;

/// Why the HTTP client could not be built.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// The configured user agent is not a valid header value.
    #[error("invalid user agent {value:?}: not a valid header value")]
    InvalidUserAgent {
        /// The rejected user agent.
        value: String,
    },
    /// A `--connect-to` entry names a host whose address cannot be looked up.
    #[error("{given}: {detail}")]
    Address {
        /// The entry as given (`--connect-to a:443:b:8443`).
        given: String,
        /// Why it cannot be used.
        detail: String,
    },
    /// The HTTP library refused the configuration (for example, TLS initialisation).
    #[error("cannot build the http client: {detail}")]
    Build {
        /// What the HTTP library reported.
        detail: String,
    },
}

/// Why a request could not be completed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The method is not a valid HTTP token.
    #[error("invalid http method {method:?}")]
    InvalidMethod {
        /// The rejected method.
        method: String,
    },
    /// The URL cannot be parsed or is not `http`/`https`.
    #[error("invalid url {url:?}: {reason}")]
    InvalidUrl {
        /// The rejected URL.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A header name is not a valid HTTP token.
    #[error("invalid header name {name:?}")]
    InvalidHeaderName {
        /// The rejected name.
        name: String,
    },
    /// A header value contains bytes HTTP does not allow (such as a line break).
    #[error(
        "invalid value for header {name:?} (control characters or line breaks are not allowed)"
    )]
    InvalidHeaderValue {
        /// Name of the header whose value was rejected.
        name: String,
    },
    /// Digest credentials could not be turned into an `Authorization` header.
    #[error("cannot compute digest authorization for {url}: {source}")]
    Digest {
        /// Request URL.
        url: String,
        /// What was not supported.
        source: DigestError,
    },
    /// Nothing listens on the target port.
    #[error("connection refused by {url}")]
    ConnectionRefused {
        /// Request URL.
        url: String,
    },
    /// The server reset or aborted the connection.
    #[error("connection reset by {url}")]
    ConnectionReset {
        /// Request URL.
        url: String,
    },
    /// The host name could not be resolved.
    #[error("cannot resolve the host of {url}: {detail}")]
    Dns {
        /// Request URL.
        url: String,
        /// What the resolver reported.
        detail: String,
    },
    /// TLS handshake or certificate verification failed.
    #[error("tls error with {url}: {detail}")]
    Tls {
        /// Request URL.
        url: String,
        /// What the TLS layer reported.
        detail: String,
    },
    /// Any other failure to connect.
    #[error("cannot connect to {url}: {detail}")]
    Connect {
        /// Request URL.
        url: String,
        /// What the connector reported.
        detail: String,
    },
    /// The exchange took longer than the per-request timeout.
    #[error("request to {url} timed out after {ms} ms")]
    Timeout {
        /// Request URL.
        url: String,
        /// The timeout, in milliseconds.
        ms: u128,
    },
    /// More redirects than the client follows.
    #[error("too many redirects (more than {max}) starting from {url}")]
    TooManyRedirects {
        /// Request URL.
        url: String,
        /// The redirect limit.
        max: usize,
    },
    /// The response body is larger than `--max-body`.
    #[error("response body from {url} exceeds the {limit}-byte limit (--max-body)")]
    BodyTooLarge {
        /// Request URL.
        url: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// The server answered something that is not HTTP, or closed the connection
    /// before a complete response.
    #[error("invalid or incomplete response from {url}: {detail}")]
    Protocol {
        /// Request URL.
        url: String,
        /// What the HTTP layer reported.
        detail: String,
    },
    /// Reading the response body failed.
    #[error("error reading the response body from {url}: {detail}")]
    Body {
        /// Request URL.
        url: String,
        /// What the HTTP layer reported.
        detail: String,
    },
    /// Any failure not covered above.
    #[error("request to {url} failed: {detail}")]
    Other {
        /// Request URL.
        url: String,
        /// What the HTTP library reported.
        detail: String,
    },
}

/// What kind of failure a [`SendError`] is, for reports and for programs that read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendErrorKind {
    /// Nothing listens on the target port.
    Refused,
    /// The server reset or aborted the connection.
    Reset,
    /// The exchange took longer than the per-request timeout.
    Timeout,
    /// TLS handshake or certificate verification failed.
    Tls,
    /// The response body is larger than `--max-body`.
    TooLarge,
    /// More redirects than the client follows.
    RedirectLoop,
    /// Anything else: an invalid request, name resolution, another connect failure, a
    /// response that is not HTTP.
    Other,
}

impl SendErrorKind {
    /// The kind's name in reports (`refused`, `too_large`, …).
    pub fn name(self) -> &'static str {
        match self {
            SendErrorKind::Refused => "refused",
            SendErrorKind::Reset => "reset",
            SendErrorKind::Timeout => "timeout",
            SendErrorKind::Tls => "tls",
            SendErrorKind::TooLarge => "too_large",
            SendErrorKind::RedirectLoop => "redirect_loop",
            SendErrorKind::Other => "other",
        }
    }
}

impl SendError {
    /// The kind of this failure.
    pub fn kind(&self) -> SendErrorKind {
        match self {
            SendError::ConnectionRefused { .. } => SendErrorKind::Refused,
            SendError::ConnectionReset { .. } => SendErrorKind::Reset,
            SendError::Timeout { .. } => SendErrorKind::Timeout,
            SendError::Tls { .. } => SendErrorKind::Tls,
            SendError::BodyTooLarge { .. } => SendErrorKind::TooLarge,
            SendError::TooManyRedirects { .. } => SendErrorKind::RedirectLoop,
            SendError::InvalidMethod { .. }
            | SendError::InvalidUrl { .. }
            | SendError::InvalidHeaderName { .. }
            | SendError::InvalidHeaderValue { .. }
            | SendError::Digest { .. }
            | SendError::Dns { .. }
            | SendError::Connect { .. }
            | SendError::Protocol { .. }
            | SendError::Body { .. }
            | SendError::Other { .. } => SendErrorKind::Other,
        }
    }

    /// Classifies a failure reported by reqwest for the request to `url`.
    pub(super) fn from_reqwest(err: &reqwest::Error, url: &str, max_redirects: usize) -> Self {
        let url = url.to_string();
        let detail = innermost_message(err);
        if err.is_redirect() {
            return Self::TooManyRedirects {
                url,
                max: max_redirects,
            };
        }
        if let Some(tls) = tls_failure(err) {
            return Self::Tls {
                url,
                detail: tls_detail(tls),
            };
        }
        let io_kind = io_error_kind(err);
        match io_kind {
            Some(io::ErrorKind::ConnectionRefused) => return Self::ConnectionRefused { url },
            Some(
                io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::BrokenPipe,
            ) => return Self::ConnectionReset { url },
            _ => {}
        }
        if err.is_dns() {
            Self::Dns { url, detail }
        } else if err.is_connect() {
            if url.starts_with("https:") && io_kind == Some(io::ErrorKind::InvalidData) {
                Self::Tls { url, detail }
            } else {
                Self::Connect { url, detail }
            }
        } else if err.is_body() || err.is_decode() {
            Self::Body { url, detail }
        } else if err.is_request() {
            Self::Protocol { url, detail }
        } else {
            Self::Other { url, detail }
        }
    }
}

/// The message of the deepest error in the source chain: the most specific one.
fn innermost_message(err: &reqwest::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        message = inner.to_string();
        source = inner.source();
    }
    message
}

/// The TLS error in the source chain, if any.
fn tls_failure(err: &reqwest::Error) -> Option<&rustls::Error> {
    let mut source = err.source();
    while let Some(inner) = source {
        if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        // An I/O error's source is its inner error's source: look at the inner one itself.
        if let Some(tls) = inner
            .downcast_ref::<io::Error>()
            .and_then(io::Error::get_ref)
            .and_then(|e| e.downcast_ref::<rustls::Error>())
        {
            return Some(tls);
        }
        source = inner.source();
    }
    None
}

/// A TLS failure in words, with what the server's alert usually means.
fn tls_detail(err: &rustls::Error) -> String {
    use rustls::AlertDescription as Alert;
    match err {
        rustls::Error::AlertReceived(Alert::CertificateRequired) => format!(
            "the handshake failed: the server requires a client certificate and none was sent \
             (--ssl-client-cert, --ssl-client-cert-list) ({err})"
        ),
        rustls::Error::AlertReceived(
            Alert::BadCertificate
            | Alert::UnknownCA
            | Alert::CertificateUnknown
            | Alert::UnsupportedCertificate
            | Alert::CertificateExpired
            | Alert::CertificateRevoked
            | Alert::AccessDenied,
        ) => format!("the handshake failed: the server rejected the client certificate ({err})"),
        rustls::Error::AlertReceived(_) => format!("the handshake failed: {err}"),
        rustls::Error::InvalidCertificate(_) => format!(
            "the server's certificate is not trusted: {err} (a private CA: --ssl-extra-ca-certs; \
             no verification: -k)"
        ),
        other => format!("the handshake failed: {other}"),
    }
}

/// The kind of the first I/O error in the source chain, if any.
fn io_error_kind(err: &reqwest::Error) -> Option<io::ErrorKind> {
    let mut source = err.source();
    while let Some(inner) = source {
        if let Some(io_err) = inner.downcast_ref::<io::Error>() {
            return Some(io_err.kind());
        }
        source = inner.source();
    }
    None
}
