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
    /// The table with its paths resolved against `base`; an error names `path` (the
    /// sidecar) and the line and column `locate` gives for a byte offset.
    pub(super) fn resolve(
        self,
        base: &Path,
        path: &Path,
        locate: impl Fn(usize) -> (usize, usize),
    ) -> Result<SidecarTls, FileError> {
        let client_passphrase = match (self.client_passphrase, self.client_passphrase_env) {
            (Some(literal), None) => Some(literal),
            (None, None) => None,
            (literal, Some(env)) => {
                let (line, column) = locate(env.span().start);
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

#[cfg(test)]
mod tests {
    use crate::collection::Sidecar;
    use std::path::{Path, PathBuf};

    #[test]
    fn paths_are_relative_to_the_sidecar_and_the_passphrase_stays_hidden() {
        let text = "[tls]\nclient_cert = \"c.p12\"\nclient_passphrase = \"s3cret\"\nextra_ca_certs = \"ca.pem\"\n";
        let s = Sidecar::parse(Path::new("dir/x.pmcheck.toml"), text).unwrap();
        assert_eq!(s.tls.client_cert, Some(PathBuf::from("dir/c.p12")));
        assert_eq!(s.tls.extra_ca_certs, Some(PathBuf::from("dir/ca.pem")));
        assert_eq!(s.tls.client_passphrase.as_deref(), Some("s3cret"));
        assert!(!format!("{s:?}").contains("s3cret"));
    }

    #[test]
    fn errors_have_positions() {
        let both = "[tls]\nclient_passphrase = \"a\"\nclient_passphrase_env = \"B\"\n";
        let e = Sidecar::parse(Path::new("x.toml"), both)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.toml:3:") && e.contains("not both"), "{e}");
        let unknown = "[tls]\nclient_crt = \"a\"\n";
        let e = Sidecar::parse(Path::new("x.toml"), unknown)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.toml:2:") && e.contains("client_crt"), "{e}");
    }
}
