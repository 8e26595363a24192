//! TLS of the run's clients: ring as the one crypto provider, the roots they trust (the
//! system's, plus `--ssl-extra-ca-certs`) and the client certificate each request shows
//! (`--ssl-client-cert`, or the first entry of `--ssl-client-cert-list` whose patterns
//! match the request's URL).

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use url::Url;

use super::error::HttpError;
use super::url_match::UrlMatchPattern;

/// Installs ring as the process's rustls crypto provider (see `crypto_provider`).
pub fn install_provider() {
    crate::crypto_provider::install();
}

/// Installs the provider and reads the system's roots (for a thread started early).
pub(super) fn preload() {
    install_provider();
    system_roots();
}

/// The system's root certificates, read once per process: every client of a run (one per
/// thread that sends, each with two redirect policies) trusts the same roots, and reading
/// and decoding them is most of what building a client costs. `SSL_CERT_FILE` and
/// `SSL_CERT_DIR` replace the system's store (as with OpenSSL).
fn system_roots() -> &'static [reqwest::Certificate] {
    static ROOTS: OnceLock<Vec<reqwest::Certificate>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        rustls_native_certs::load_native_certs()
            .certs
            .iter()
            .filter_map(|der| reqwest::Certificate::from_der(der).ok())
            .collect()
    })
}

/// What a run's TLS connections trust and show, loaded from the files the command line
/// and the sidecars name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsConfig {
    /// The client certificate shown to every host no entry of `per_host` matches
    /// (`--ssl-client-cert`).
    pub identity: Option<ClientIdentity>,
    /// Client certificates by URL pattern, first match wins (`--ssl-client-cert-list`).
    pub per_host: Vec<HostIdentity>,
    /// CA certificates (DER) trusted besides the system's (`--ssl-extra-ca-certs`).
    pub extra_roots: Vec<Vec<u8>>,
}

/// An entry of a client certificate list: the certificate of the requests whose URL one
/// of `matches` matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostIdentity {
    /// The entry's `name`.
    pub name: String,
    /// Its URL match patterns.
    pub matches: Vec<UrlMatchPattern>,
    /// Its certificate and key.
    pub identity: ClientIdentity,
}

/// A client certificate chain and its private key (decrypted), as PEM; its `Debug` shows
/// only where it came from.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientIdentity {
    source: PathBuf,
    pem: Arc<[u8]>,
}

impl std::fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientIdentity")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl ClientIdentity {
    /// An identity of the certificates and the private key in `pem` (which has already
    /// been checked), read from `source`.
    pub(crate) fn new(source: PathBuf, pem: Vec<u8>) -> Self {
        Self {
            source,
            pem: pem.into(),
        }
    }

    /// The file the certificate came from.
    pub fn source(&self) -> &std::path::Path {
        &self.source
    }

    fn reqwest(&self) -> Result<reqwest::Identity, HttpError> {
        reqwest::Identity::from_pem(&self.pem).map_err(|err| HttpError::Build {
            detail: format!("client certificate {}: {err}", self.source.display()),
        })
    }
}

impl TlsConfig {
    /// The identities clients are built for: the default one (index 0, maybe none), then
    /// each list entry's.
    pub(super) fn identities(&self) -> impl Iterator<Item = Option<&ClientIdentity>> {
        std::iter::once(self.identity.as_ref())
            .chain(self.per_host.iter().map(|h| Some(&h.identity)))
    }

    /// Which of [`TlsConfig::identities`] a request to `url` uses.
    pub(super) fn identity_index(&self, url: &Url) -> usize {
        if url.scheme() != "https" {
            return 0;
        }
        self.per_host
            .iter()
            .position(|h| h.matches.iter().any(|m| m.matches(url)))
            .map_or(0, |i| i + 1)
    }

    /// The client builder trusting the system's and the extra roots (or, `insecure`,
    /// anything) and showing `identity`.
    pub(super) fn configure(
        &self,
        builder: reqwest::ClientBuilder,
        insecure: bool,
        identity: Option<&ClientIdentity>,
    ) -> Result<reqwest::ClientBuilder, HttpError> {
        install_provider();
        let extra = self
            .extra_roots
            .iter()
            .map(|der| {
                reqwest::Certificate::from_der(der).map_err(|err| HttpError::Build {
                    detail: format!("extra CA certificate: {err}"),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let builder = builder
            .tls_certs_only(system_roots().iter().cloned().chain(extra))
            .tls_danger_accept_invalid_certs(insecure)
            .tls_danger_accept_invalid_hostnames(insecure);
        Ok(match identity {
            Some(identity) => builder.identity(identity.reqwest()?),
            None => builder,
        })
    }
}
