//! The TLS files of a run, loaded before anything is sent: client certificates (PEM with
//! a plain or encrypted key, or PKCS#12 `.p12`/`.pfx`), Newman's client certificate list
//! and extra CA certificates. Every error names its file; none shows a passphrase.

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use serde::Deserialize;

use super::pkcs12::Pkcs12Error;
use super::tls::{ClientIdentity, HostIdentity, TlsConfig};
use super::url_match::UrlMatchPattern;
use crate::collection::{LoadError, parse_text};

/// A passphrase: a secret, so its `Debug` shows none of it.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    /// Wraps `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

/// The TLS files a run names (`--ssl-*`, then each sidecar's `[tls]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsFiles {
    /// Client certificate: PEM (the chain, maybe with its key) or PKCS#12.
    pub client_cert: Option<PathBuf>,
    /// PEM private key of the client certificate, when not in its file.
    pub client_key: Option<PathBuf>,
    /// Passphrase of an encrypted key or of a PKCS#12 file.
    pub client_passphrase: Option<Passphrase>,
    /// Client certificate lists (Newman's JSON), their entries in order.
    pub client_cert_lists: Vec<PathBuf>,
    /// PEM bundles of CA certificates trusted besides the system's.
    pub extra_ca_certs: Vec<PathBuf>,
}

/// Why the TLS files could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A certificate, key or CA file that cannot be used.
    #[error("{}: {reason}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A client certificate list that is not valid JSON of Newman's format.
    #[error(transparent)]
    List(#[from] LoadError),
    /// An entry of a client certificate list that cannot be used.
    #[error("{}: entry {index} ({name:?}): {reason}", path.display())]
    Entry {
        /// The list.
        path: PathBuf,
        /// 0-based index of the entry.
        index: usize,
        /// The entry's name.
        name: String,
        /// What is wrong.
        reason: String,
    },
}

fn file_error(path: &Path, reason: impl Into<String>) -> TlsError {
    TlsError::File {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

impl TlsFiles {
    /// Reads, decrypts and checks every file.
    pub fn load(&self) -> Result<TlsConfig, TlsError> {
        let passphrase = self.client_passphrase.as_ref().map(Passphrase::expose);
        let identity = match (&self.client_cert, &self.client_key) {
            (Some(cert), key) => Some(load_identity(cert, key.as_deref(), passphrase)?),
            (None, Some(key)) => {
                return Err(file_error(
                    key,
                    "a client key needs its certificate (--ssl-client-cert)",
                ));
            }
            (None, None) => None,
        };
        let mut per_host = Vec::new();
        for list in &self.client_cert_lists {
            per_host.extend(load_list(list)?);
        }
        let mut extra_roots = Vec::new();
        for bundle in &self.extra_ca_certs {
            extra_roots.extend(load_ca_bundle(bundle)?);
        }
        Ok(TlsConfig {
            identity,
            per_host,
            extra_roots,
        })
    }
}

fn read(path: &Path) -> Result<Vec<u8>, TlsError> {
    std::fs::read(path).map_err(|e| file_error(path, format!("cannot read: {e}")))
}

/// The PEM blocks of `bytes` (label, DER), in order.
fn pem_blocks(path: &Path, bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, TlsError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| file_error(path, "not a PEM file (it is not text)"))?;
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let label_end = after
            .find("-----")
            .ok_or_else(|| file_error(path, "a PEM BEGIN line without its closing dashes"))?;
        let label = after[..label_end].to_string();
        let body = &after[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        let end = body
            .find(&end_marker)
            .ok_or_else(|| file_error(path, format!("the PEM block {label} has no END line")))?;
        if body[..end].contains("Proc-Type:") {
            return Err(file_error(
                path,
                format!(
                    "{label} is encrypted in OpenSSL's legacy format, which is not supported: \
                     convert it to PKCS#8 (openssl pkcs8 -topk8 -in KEY -out NEW)"
                ),
            ));
        }
        let b64: String = body[..end].chars().filter(|c| !c.is_whitespace()).collect();
        let der = STANDARD
            .decode(b64)
            .map_err(|e| file_error(path, format!("the PEM block {label} is not base64: {e}")))?;
        blocks.push((label, der));
        rest = &body[end + end_marker.len()..];
    }
    Ok(blocks)
}

/// The private key among `blocks`, decrypted with `passphrase` when encrypted.
fn private_key(
    path: &Path,
    blocks: &[(String, Vec<u8>)],
    passphrase: Option<&str>,
) -> Result<Option<PrivateKeyDer<'static>>, TlsError> {
    for (label, der) in blocks {
        let key = match label.as_str() {
            "PRIVATE KEY" => PrivateKeyDer::Pkcs8(der.clone().into()),
            "RSA PRIVATE KEY" => PrivateKeyDer::Pkcs1(der.clone().into()),
            "EC PRIVATE KEY" => PrivateKeyDer::Sec1(der.clone().into()),
            "ENCRYPTED PRIVATE KEY" => {
                let Some(passphrase) = passphrase else {
                    return Err(file_error(
                        path,
                        "the private key is encrypted: give its passphrase (--ssl-client-passphrase)",
                    ));
                };
                let info = pkcs8::EncryptedPrivateKeyInfoRef::try_from(der.as_slice())
                    .map_err(|e| file_error(path, format!("invalid encrypted private key: {e}")))?;
                let plain = info.decrypt(passphrase).map_err(|_| {
                    file_error(
                        path,
                        "cannot decrypt the private key: wrong passphrase, or an encryption \
                         scheme other than PBES2 (PBKDF2 or scrypt, AES)",
                    )
                })?;
                PrivateKeyDer::Pkcs8(plain.as_bytes().to_vec().into())
            }
            _ => continue,
        };
        return Ok(Some(key));
    }
    Ok(None)
}

/// A PKCS#12 file's first key and its certificate chain (the key's certificate first).
fn pkcs12(
    path: &Path,
    bytes: &[u8],
    passphrase: Option<&str>,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), TlsError> {
    let contents = super::pkcs12::read(bytes, passphrase.unwrap_or_default()).map_err(|e| match e {
        Pkcs12Error::WrongPassphrase => file_error(
            path,
            "cannot open the PKCS#12 file: wrong passphrase (--ssl-client-passphrase)",
        ),
        Pkcs12Error::Invalid(reason) => file_error(path, reason),
    })?;
    let key = PrivateKeyDer::Pkcs8(contents.key.into());
    let mut certs: Vec<CertificateDer<'static>> =
        contents.certs.into_iter().map(CertificateDer::from).collect();
    // The file may list the CA certificates first: the key's own goes first.
    let provider = rustls::crypto::ring::default_provider();
    if let Some(leaf) = (0..certs.len()).find(|&i| {
        rustls::sign::CertifiedKey::from_der(vec![certs[i].clone()], key.clone_key(), &provider)
            .is_ok_and(|c| c.keys_match().is_ok())
    }) {
        let own = certs.remove(leaf);
        certs.insert(0, own);
    }
    if certs.is_empty() {
        return Err(file_error(path, "the PKCS#12 file holds no certificate"));
    }
    Ok((certs, key))
}

/// The client certificate of `cert` (PEM or PKCS#12), with the key in `key` or in `cert`.
fn load_identity(
    cert: &Path,
    key: Option<&Path>,
    passphrase: Option<&str>,
) -> Result<ClientIdentity, TlsError> {
    let bytes = read(cert)?;
    let is_pem = bytes.windows(11).any(|w| w == b"-----BEGIN ");
    let (certs, private) = if is_pem {
        let blocks = pem_blocks(cert, &bytes)?;
        let certs: Vec<CertificateDer<'static>> = blocks
            .iter()
            .filter(|(label, _)| label == "CERTIFICATE")
            .map(|(_, der)| CertificateDer::from(der.clone()))
            .collect();
        if certs.is_empty() {
            return Err(file_error(cert, "no CERTIFICATE block in the PEM file"));
        }
        let private = match key {
            Some(key) => {
                let key_bytes = read(key)?;
                private_key(key, &pem_blocks(key, &key_bytes)?, passphrase)?
                    .ok_or_else(|| file_error(key, "no private key in the PEM file"))?
            }
            None => private_key(cert, &blocks, passphrase)?.ok_or_else(|| {
                file_error(
                    cert,
                    "no private key in the file: give it with --ssl-client-key",
                )
            })?,
        };
        (certs, private)
    } else {
        pkcs12(cert, &bytes, passphrase)?
    };
    let key_path = key.unwrap_or(cert);
    rustls::sign::CertifiedKey::from_der(
        certs.clone(),
        private.clone_key(),
        &rustls::crypto::ring::default_provider(),
    )
    .map_err(|e| file_error(key_path, format!("the key cannot sign for the certificate: {e}")))?;
    Ok(ClientIdentity::new(cert.to_path_buf(), to_pem(&certs, &private)))
}

/// The chain and key as the PEM the HTTP library reads.
fn to_pem(certs: &[CertificateDer<'_>], key: &PrivateKeyDer<'_>) -> Vec<u8> {
    let block = |label: &str, der: &[u8]| {
        let body = STANDARD.encode(der);
        let lines: Vec<&str> = body
            .as_bytes()
            .chunks(64)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect();
        format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
            lines.join("\n")
        )
    };
    let label = match key {
        PrivateKeyDer::Pkcs1(_) => "RSA PRIVATE KEY",
        PrivateKeyDer::Sec1(_) => "EC PRIVATE KEY",
        _ => "PRIVATE KEY",
    };
    let mut pem: String = certs.iter().map(|c| block("CERTIFICATE", c)).collect();
    pem.push_str(&block(label, key.secret_der()));
    pem.into_bytes()
}

/// The CA certificates of a PEM bundle.
fn load_ca_bundle(path: &Path) -> Result<Vec<Vec<u8>>, TlsError> {
    let bytes = read(path)?;
    let certs: Vec<Vec<u8>> = pem_blocks(path, &bytes)?
        .into_iter()
        .filter(|(label, _)| label == "CERTIFICATE")
        .map(|(_, der)| der)
        .collect();
    if certs.is_empty() {
        return Err(file_error(path, "no CERTIFICATE block in the PEM file"));
    }
    for der in &certs {
        reqwest::Certificate::from_der(der)
            .map_err(|e| file_error(path, format!("not a usable CA certificate: {e}")))?;
    }
    Ok(certs)
}

/// A `{"src": PATH}` file reference of a client certificate list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Src {
    src: PathBuf,
}

/// One string or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "a URL match pattern or a list of them")]
enum Patterns {
    One(String),
    Many(Vec<String>),
}

/// An entry of Newman's client certificate list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(default)]
    name: Option<String>,
    matches: Patterns,
    #[serde(default)]
    key: Option<Src>,
    #[serde(default)]
    cert: Option<Src>,
    #[serde(default)]
    pfx: Option<Src>,
    #[serde(default)]
    passphrase: Option<String>,
}

/// The entries of a client certificate list; their files are relative to the working
/// directory, as with Newman.
fn load_list(path: &Path) -> Result<Vec<HostIdentity>, TlsError> {
    let bytes = read(path)?;
    let entries: Vec<RawEntry> = parse_text(path, &bytes)?;
    entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            let name = entry.name.unwrap_or_else(|| format!("#{index}"));
            let bad = |reason: String| TlsError::Entry {
                path: path.to_path_buf(),
                index,
                name: name.clone(),
                reason,
            };
            let patterns = match entry.matches {
                Patterns::One(p) => vec![p],
                Patterns::Many(p) => p,
            };
            if patterns.is_empty() {
                return Err(bad("\"matches\" lists no URL pattern".to_string()));
            }
            let matches = patterns
                .iter()
                .map(|p| UrlMatchPattern::parse(p).map_err(|e| bad(format!("matches {p:?}: {e}"))))
                .collect::<Result<Vec<_>, _>>()?;
            let passphrase = entry.passphrase.as_deref();
            let identity = match (entry.pfx, entry.cert) {
                (Some(pfx), None) => load_identity(&pfx.src, None, passphrase)?,
                (None, Some(cert)) => load_identity(
                    &cert.src,
                    entry.key.as_ref().map(|k| k.src.as_path()),
                    passphrase,
                )?,
                (Some(_), Some(_)) => {
                    return Err(bad("give either \"pfx\" or \"cert\" (and \"key\"), not both".into()));
                }
                (None, None) => return Err(bad("no \"cert\" or \"pfx\"".to_string())),
            };
            Ok(HostIdentity {
                name,
                matches,
                identity,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(files: TlsFiles) -> String {
        files.load().map(|_| ()).unwrap_err().to_string()
    }

    #[test]
    fn bad_files_are_named_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let legacy = dir.path().join("legacy.key");
        std::fs::write(
            &legacy,
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n\
             -----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n",
        )
        .unwrap();
        let e = load(TlsFiles {
            client_cert: Some(legacy.clone()),
            ..TlsFiles::default()
        });
        assert!(e.starts_with(&legacy.display().to_string()), "{e}");
        assert!(e.contains("openssl pkcs8 -topk8"), "{e}");

        let e = load(TlsFiles {
            client_key: Some(legacy.clone()),
            ..TlsFiles::default()
        });
        assert!(e.contains("needs its certificate"), "{e}");

        let missing = dir.path().join("missing.pem");
        let e = load(TlsFiles {
            extra_ca_certs: vec![missing.clone()],
            ..TlsFiles::default()
        });
        assert!(e.starts_with(&format!("{}: cannot read", missing.display())), "{e}");
    }

    #[test]
    fn list_entries_are_checked_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("list.json");
        let entries = [
            (
                r#"[{"name": "both", "matches": ["https://h/*"], "cert": {"src": "a"}, "pfx": {"src": "b"}}]"#,
                "entry 0 (\"both\"): give either",
            ),
            (
                r#"[{"name": "pattern", "matches": "h/*", "cert": {"src": "a"}}]"#,
                "entry 0 (\"pattern\"): matches \"h/*\": expected <scheme>://",
            ),
            (
                r#"[{"matches": [], "cert": {"src": "a"}}]"#,
                "entry 0 (\"#0\"): \"matches\" lists no URL pattern",
            ),
            (
                r#"[{"name": "typo", "matches": "https://h/*", "crt": {"src": "a"}}]"#,
                "unknown field `crt`",
            ),
        ];
        for (text, expected) in entries {
            std::fs::write(&list, text).unwrap();
            let e = load(TlsFiles {
                client_cert_lists: vec![list.clone()],
                ..TlsFiles::default()
            });
            assert!(e.contains(expected), "{text}: {e}");
            assert!(e.contains("list.json"), "{e}");
        }
    }

    #[test]
    fn a_passphrase_does_not_show_in_debug() {
        let files = TlsFiles {
            client_passphrase: Some(Passphrase::new("hunter2")),
            ..TlsFiles::default()
        };
        assert!(!format!("{files:?}").contains("hunter2"));
    }
}
