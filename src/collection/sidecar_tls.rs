//! A sidecar's `[tls]` table: the client certificate, client certificate list and extra
//! CA certificates of its collection's requests (as `--ssl-client-cert`, `--ssl-client-key`,
//! `--ssl-client-passphrase`, `--ssl-client-cert-list` and `--ssl-extra-ca-certs`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::file_error::FileError;

/// The `[tls]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTls {
    #[serde(default)]
    client_cert: Option<String>,
    #[serde(default)]
    client_key: Option<String>,
    #[serde(default)]
    client_passphrase: Option<String>,
    #[serde(default)]
    client_passphrase_env: Option<toml::Spanned<String>>,
    #[serde(default)]
    client_cert_list: Option<String>,
    #[serde(default)]
    extra_ca_certs: Option<String>,
}

/// A sidecar's TLS files (resolved against its folder) and passphrase; `Debug` hides the
/// passphrase.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SidecarTls {
    /// Client certificate (PEM, or PKCS#12 `.p12`/`.pfx`).
    pub client_cert: Option<PathBuf>,
    /// PEM private key of the client certificate, when not in its file.
    pub client_key: Option<PathBuf>,
    /// Passphrase of the key or PKCS#12 file (`client_passphrase`, or the process
    /// variable `client_passphrase_env` names).
    pub client_passphrase: Option<String>,
    /// Client certificate list (Newman's JSON).
    pub client_cert_list: Option<PathBuf>,
    /// PEM bundle of CA certificates trusted besides the system's.
    pub extra_ca_certs: Option<PathBuf>,
}

impl std::fmt::Debug for SidecarTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SidecarTls")
            .field("client_cert", &self.client_cert)
            .field("client_key", &self.client_key)
            .field(
                "client_passphrase",
                &self.client_passphrase.as_ref().map(|_| "***"),
            )
            .field("client_cert_list", &self.client_cert_list)
            .field("extra_ca_certs", &self.extra_ca_certs)
            .finish()
    }
}

impl RawTls {
    /// The table with its paths resolved against `base`; `path` and `text` (the sidecar)
    /// place an error.
    pub(super) fn resolve(
        self,
        base: &Path,
        path: &Path,
        text: &str,
    ) -> Result<SidecarTls, FileError> {
        let client_passphrase = match (self.client_passphrase, self.client_passphrase_env) {
            (Some(literal), None) => Some(literal),
            (None, None) => None,
            (literal, Some(env)) => {
                let (line, column) = super::sidecar::line_column(text, env.span().start);
                let error = |message: String| FileError::Parse {
                    path: path.to_path_buf(),
                    line,
                    column,
                    message,
                };
                if literal.is_some() {
                    return Err(error(
                        "give client_passphrase or client_passphrase_env, not both".to_string(),
                    ));
                }
                let name = env.into_inner();
                Some(std::env::var(&name).map_err(|_| {
                    error(format!(
                        "client_passphrase_env: the process variable {name:?} is not set"
                    ))
                })?)
            }
        };
        Ok(SidecarTls {
            client_cert: self.client_cert.map(|p| base.join(p)),
            client_key: self.client_key.map(|p| base.join(p)),
            client_passphrase,
            client_cert_list: self.client_cert_list.map(|p| base.join(p)),
            extra_ca_certs: self.extra_ca_certs.map(|p| base.join(p)),
        })
    }
}
