//! TLS as enterprises run it, against loopback servers this test starts with certificates
//! it generates: a server that requires a client certificate (`--ssl-client-cert`,
//! `--ssl-client-key`, `--ssl-client-passphrase`, PEM and PKCS#12), per-host certificates
//! (`--ssl-client-cert-list`, Newman's format), a privately signed server trusted through
//! `--ssl-extra-ca-certs`, and the sidecar's `[tls]` table.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A private CA, and a certificate and key it signed.
struct Pki {
    ca_pem: String,
    ca_der: CertificateDer<'static>,
    issuer: CertifiedIssuer<'static, KeyPair>,
}

/// A certificate and its PKCS#8 key.
struct Leaf {
    cert_pem: String,
    cert_der: CertificateDer<'static>,
    key_der: Vec<u8>,
    key_pem: String,
}

impl Pki {
    fn new(name: &str) -> Pki {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(DnType::CommonName, format!("pmcheck test CA {name}"));
        let issuer = CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
        Pki {
            ca_pem: issuer.pem(),
            ca_der: issuer.der().clone(),
            issuer,
        }
    }

    fn leaf(&self, name: &str, sans: &[&str], usage: ExtendedKeyUsagePurpose) -> Leaf {
        let mut params =
            CertificateParams::new(sans.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        params.distinguished_name.push(DnType::CommonName, name);
        params.extended_key_usages = vec![usage];
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        Leaf {
            cert_pem: cert.pem(),
            cert_der: cert.der().clone(),
            key_der: key.serialize_der(),
            key_pem: key.serialize_pem(),
        }
    }

    fn server(&self) -> Leaf {
        self.leaf(
            "localhost",
            &["localhost", "127.0.0.1"],
            ExtendedKeyUsagePurpose::ServerAuth,
        )
    }

    fn client(&self, name: &str) -> Leaf {
        self.leaf(name, &[], ExtendedKeyUsagePurpose::ClientAuth)
    }
}

/// Hex SHA-256 of a certificate: what the server answers for the client certificate it
/// was shown.
fn fingerprint(der: &[u8]) -> String {
    hex::encode(ring::digest::digest(&ring::digest::SHA256, der))
}

/// Starts an HTTPS server on 127.0.0.1 with `server`'s certificate; with `clients`, it
/// requires a client certificate signed by that CA. It answers every request with the
/// fingerprint of the client certificate (or `none`). Returns its port.
fn start_server(server: &Leaf, clients: Option<&Pki>) -> u16 {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ServerConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .unwrap();
    let builder = match clients {
        Some(pki) => {
            let mut roots = rustls::RootCertStore::empty();
            roots.add(pki.ca_der.clone()).unwrap();
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .unwrap();
            builder.with_client_cert_verifier(verifier)
        }
        None => builder.with_no_client_auth(),
    };
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server.key_der.clone()));
    let config = builder
        .with_single_cert(vec![server.cert_der.clone()], key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            while let Ok((tcp, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let mut head = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match tls.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    let body = tls
                        .get_ref()
                        .1
                        .peer_certificates()
                        .and_then(|certs| certs.first())
                        .map_or_else(|| "none".to_string(), |c| fingerprint(c));
                    let response = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = tls.write_all(response.as_bytes()).await;
                    let _ = tls.shutdown().await;
                });
            }
        });
    });
    port
}

/// A collection of one GET per `(name, url, expected body)`, each testing the body.
fn write_collection(dir: &Path, requests: &[(&str, String, String)]) -> PathBuf {
    let items: Vec<Value> = requests
        .iter()
        .map(|(name, url, expected)| {
            json!({
                "name": name,
                "event": [{"listen": "test", "script": {"exec": [
                    format!("pm.test('client certificate', () => pm.expect(pm.response.text()).to.eql('{expected}'));")
                ]}}],
                "request": {"method": "GET", "url": url},
            })
        })
        .collect();
    let doc = json!({
        "info": {
            "name": "tls",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": items,
    });
    let path = dir.join("tls.postman_collection.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}

fn write(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.join(name);
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(contents).unwrap();
    path
}

/// `pmcheck run FILE` (no body schemas, JSON report into `dir`) with `args`, in `dir`.
fn run(dir: &Path, collection: &Path, args: &[&str]) -> (Output, String, Value) {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas");
    let report = dir.join("report.json");
    let _ = std::fs::remove_file(&report);
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .current_dir(dir)
        .arg("run")
        .arg(collection)
        .arg("--schemas")
        .arg(&schemas)
        .args(["--color", "off", "-r", "cli,json", "--reporter-json-export"])
        .arg(&report)
        .args(args)
        .env_remove("PMCHECK_TARGET")
        .env_remove("PMCHECK_SSL_CLIENT_PASSPHRASE")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let report = std::fs::read(&report)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null);
    (out, text, report)
}

/// Verdict of each case of the report, by request name.
fn verdicts(report: &Value) -> Vec<(String, String)> {
    report["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|case| {
            (
                case["case"]["request"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                case["verdict"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn verdict<'a>(all: &'a [(String, String)], name: &str) -> &'a str {
    all.iter()
        .find(|(n, _)| n == name)
        .map_or("missing", |(_, v)| v.as_str())
}

/// PKCS#12 of `leaf`'s key and certificate (and the CA's) under `passphrase`: PBES2
/// with AES-256 and an HMAC-SHA-256 MAC, or (`legacy`) the PKCS#12 scheme `legacy` with
/// HMAC-SHA-1 and the CA's certificate first, as OpenSSL before 3.0 and Windows write them.
fn pkcs12_with(
    leaf: &Leaf,
    ca: &Pki,
    passphrase: &str,
    legacy: Option<p12_keystore::EncryptionAlgorithm>,
) -> Vec<u8> {
    use p12_keystore::{
        Certificate, KeyStore, KeyStoreEntry, MacAlgorithm, PrivateKey, PrivateKeyChain,
    };
    let chain = PrivateKeyChain::new(
        b"pmcheck-test".to_vec(),
        PrivateKey::from_der(&leaf.key_der).unwrap(),
        if legacy.is_some() {
            // The CA's certificate first: the reader puts the key's own first.
            vec![
                Certificate::from_der(&ca.ca_der).unwrap(),
                Certificate::from_der(&leaf.cert_der).unwrap(),
            ]
        } else {
            vec![
                Certificate::from_der(&leaf.cert_der).unwrap(),
                Certificate::from_der(&ca.ca_der).unwrap(),
            ]
        },
    );
    let mut store = KeyStore::new();
    store.add_entry("client", KeyStoreEntry::PrivateKeyChain(chain));
    let writer = store.writer(passphrase);
    let writer = match legacy {
        Some(algorithm) => writer
            .encryption_algorithm(algorithm)
            .mac_algorithm(MacAlgorithm::HmacSha1),
        None => writer,
    };
    writer.write().unwrap()
}

fn pkcs12(leaf: &Leaf, ca: &Pki, passphrase: &str) -> Vec<u8> {
    pkcs12_with(leaf, ca, passphrase, None)
}

/// `leaf`'s key as an encrypted PKCS#8 PEM (PBES2: PBKDF2-SHA256, AES-256-CBC).
fn encrypted_key_pem(leaf: &Leaf, passphrase: &str) -> String {
    use base64::Engine as _;
    use pkcs8::pkcs5::pbes2;
    let params =
        pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(2048, &[7; 16], [9; 16]).unwrap();
    let info = pkcs8::PrivateKeyInfoRef::try_from(leaf.key_der.as_slice()).unwrap();
    let encrypted = info.encrypt_with_params(params, passphrase).unwrap();
    let body = base64::engine::general_purpose::STANDARD.encode(encrypted.as_bytes());
    let lines: Vec<String> = body
        .as_bytes()
        .chunks(64)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    format!(
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n{}\n-----END ENCRYPTED PRIVATE KEY-----\n",
        lines.join("\n")
    )
}

#[test]
fn a_server_that_requires_a_client_certificate() {
    let pki = Pki::new("mtls");
    let client = pki.client("client-a");
    let port = start_server(&pki.server(), Some(&pki));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ca = write(d, "ca.pem", pki.ca_pem.as_bytes());
    let cert = write(d, "client.crt", client.cert_pem.as_bytes());
    let key = write(d, "client.key", client.key_pem.as_bytes());
    let collection = write_collection(
        d,
        &[(
            "mtls",
            format!("https://localhost:{port}/hello"),
            fingerprint(&client.cert_der),
        )],
    );
    let ca_arg = ca.to_str().unwrap();

    // Without a certificate: the case errors, and says why.
    let (out, text, report) = run(d, &collection, &["--ssl-extra-ca-certs", ca_arg]);
    assert_eq!(out.status.code(), Some(3), "{text}");
    assert_eq!(verdict(&verdicts(&report), "mtls"), "error", "{text}");
    assert!(
        text.contains("the server requires a client certificate and none was sent"),
        "{text}"
    );
    assert!(!text.contains("panicked"), "{text}");

    // With it (PEM certificate and key): the case passes.
    let (out, text, report) = run(
        d,
        &collection,
        &[
            "--ssl-extra-ca-certs",
            ca_arg,
            "--ssl-client-cert",
            cert.to_str().unwrap(),
            "--ssl-client-key",
            key.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(verdict(&verdicts(&report), "mtls"), "passed", "{text}");

    // One PEM file holding certificate and key.
    let both = write(
        d,
        "client-both.pem",
        format!("{}{}", client.cert_pem, client.key_pem).as_bytes(),
    );
    let (out, text, _) = run(
        d,
        &collection,
        &[
            "--ssl-extra-ca-certs",
            ca_arg,
            "--ssl-client-cert",
            both.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{text}");

    // An encrypted PKCS#8 key with its passphrase; a wrong one is a setup error.
    let encrypted = write(
        d,
        "client-enc.key",
        encrypted_key_pem(&client, "open sesame").as_bytes(),
    );
    let with_key = |pass: &str| {
        run(
            d,
            &collection,
            &[
                "--ssl-extra-ca-certs",
                ca_arg,
                "--ssl-client-cert",
                cert.to_str().unwrap(),
                "--ssl-client-key",
                encrypted.to_str().unwrap(),
                "--ssl-client-passphrase",
                pass,
            ],
        )
    };
    let (out, text, _) = with_key("open sesame");
    assert_eq!(out.status.code(), Some(0), "{text}");
    let (out, text, _) = with_key("not it");
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("client-enc.key"), "{text}");
    assert!(text.contains("wrong passphrase"), "{text}");
    assert!(!text.contains("not it"), "{text}");
}

#[test]
fn pkcs12_with_its_passphrase() {
    let pki = Pki::new("p12");
    let client = pki.client("client-p12");
    let port = start_server(&pki.server(), Some(&pki));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ca = write(d, "ca.pem", pki.ca_pem.as_bytes());
    let pfx = write(d, "client.p12", &pkcs12(&client, &pki, "p12-Secret-9f"));
    let collection = write_collection(
        d,
        &[(
            "p12",
            format!("https://127.0.0.1:{port}/"),
            fingerprint(&client.cert_der),
        )],
    );
    let with_pass = |pass: &str| {
        run(
            d,
            &collection,
            &[
                "--ssl-extra-ca-certs",
                ca.to_str().unwrap(),
                "--ssl-client-cert",
                pfx.to_str().unwrap(),
                "--ssl-client-passphrase",
                pass,
            ],
        )
    };
    let (out, text, report) = with_pass("p12-Secret-9f");
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(verdict(&verdicts(&report), "p12"), "passed", "{text}");
    let report_text = report.to_string();
    assert!(!report_text.contains("p12-Secret-9f"), "{report_text}");
    assert!(!text.contains("p12-Secret-9f"), "{text}");

    // A wrong passphrase: a setup error (exit 2) naming the file, without the passphrase.
    let (out, text, _) = with_pass("Wrong-Guess-77");
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains(&pfx.display().to_string()), "{text}");
    assert!(text.contains("wrong passphrase"), "{text}");
    assert!(!text.contains("Wrong-Guess-77"), "{text}");

    // RC2-40 (the certificates' scheme of OpenSSL before 3.0) reads too.
    let rc2 = write(
        d,
        "client-rc2.pfx",
        &pkcs12_with(
            &client,
            &pki,
            "p12-Secret-9f",
            Some(p12_keystore::EncryptionAlgorithm::PbeWithShaAnd40BitRc4Cbc),
        ),
    );
    let (out, text, _) = run(
        d,
        &collection,
        &[
            "--ssl-extra-ca-certs",
            ca.to_str().unwrap(),
            "--ssl-client-cert",
            rc2.to_str().unwrap(),
            "--ssl-client-passphrase",
            "p12-Secret-9f",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{text}");

    // The passphrase from the environment.
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .current_dir(d)
        .arg("run")
        .arg(&collection)
        .arg("--schemas")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas"))
        .args(["--color", "off", "--ssl-extra-ca-certs"])
        .arg(&ca)
        .arg("--ssl-client-cert")
        .arg(&pfx)
        .env("PMCHECK_SSL_CLIENT_PASSPHRASE", "p12-Secret-9f")
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_cert_list_entry_is_used_for_the_hosts_it_matches_only() {
    let pki = Pki::new("list");
    let listed = pki.client("client-listed");
    let fallback = pki.client("client-fallback");
    let port_a = start_server(&pki.server(), Some(&pki));
    let port_b = start_server(&pki.server(), None);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ca = write(d, "ca.pem", pki.ca_pem.as_bytes());
    write(d, "listed.crt", listed.cert_pem.as_bytes());
    write(d, "listed.key", listed.key_pem.as_bytes());
    write(
        d,
        "listed.p12",
        &pkcs12_with(
            &listed,
            &pki,
            "entry-pass",
            Some(p12_keystore::EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc),
        ),
    );
    let fallback_cert = write(d, "fallback.crt", fallback.cert_pem.as_bytes());
    let fallback_key = write(d, "fallback.key", fallback.key_pem.as_bytes());
    // Relative paths: from the working directory, as with Newman.
    let list = json!([
        {"name": "a", "matches": [format!("https://localhost:{port_a}/*")],
         "cert": {"src": "listed.crt"}, "key": {"src": "listed.key"}},
        {"name": "a-pfx", "matches": format!("https://127.0.0.1:{port_a}/pfx/*"),
         "pfx": {"src": "listed.p12"}, "passphrase": "entry-pass"}
    ]);
    let list = write(d, "certs.json", list.to_string().as_bytes());
    let listed_fp = fingerprint(&listed.cert_der);
    let collection = write_collection(
        d,
        &[
            (
                "matching",
                format!("https://localhost:{port_a}/x"),
                listed_fp.clone(),
            ),
            (
                "matching pfx",
                format!("https://127.0.0.1:{port_a}/pfx/y"),
                listed_fp.clone(),
            ),
            // Not matched (host 127.0.0.1 and a path outside /pfx/): the fallback.
            (
                "fallback",
                format!("https://127.0.0.1:{port_a}/other"),
                fingerprint(&fallback.cert_der),
            ),
            // Another port: not matched; that server asks for no certificate.
            (
                "other port",
                format!("https://localhost:{port_b}/x"),
                "none".to_string(),
            ),
        ],
    );
    let (out, text, report) = run(
        d,
        &collection,
        &[
            "--ssl-extra-ca-certs",
            ca.to_str().unwrap(),
            "--ssl-client-cert-list",
            "certs.json",
            "--ssl-client-cert",
            fallback_cert.to_str().unwrap(),
            "--ssl-client-key",
            fallback_key.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{text}");
    let all = verdicts(&report);
    for name in ["matching", "matching pfx", "fallback", "other port"] {
        assert_eq!(verdict(&all, name), "passed", "{name}: {text}");
    }
    assert!(!text.contains("entry-pass"), "{text}");

    // Without the fallback, the request the list does not match shows no certificate.
    let (out, text, report) = run(
        d,
        &collection,
        &[
            "--ssl-extra-ca-certs",
            ca.to_str().unwrap(),
            "--ssl-client-cert-list",
            list.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(3), "{text}");
    let all = verdicts(&report);
    assert_eq!(verdict(&all, "matching"), "passed", "{text}");
    assert_eq!(verdict(&all, "fallback"), "error", "{text}");

    // A malformed list names the file, line, column and JSON path.
    let bad = write(
        d,
        "bad.json",
        b"[\n  {\"name\": \"x\", \"matches\": 5, \"cert\": {\"src\": \"a\"}}\n]",
    );
    let (out, text, _) = run(
        d,
        &collection,
        &["--ssl-client-cert-list", bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("bad.json:2:"), "{text}");
    assert!(text.contains("$[0].matches"), "{text}");
}

#[test]
fn extra_ca_certs_add_to_the_system_roots() {
    let pki = Pki::new("private");
    let port = start_server(&pki.server(), None);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ca = write(d, "corp-ca.pem", pki.ca_pem.as_bytes());
    let collection = write_collection(
        d,
        &[(
            "private",
            format!("https://localhost:{port}/"),
            "none".to_string(),
        )],
    );
    // Untrusted without it: the case errors with a certificate message.
    let (out, text, report) = run(d, &collection, &[]);
    assert_eq!(out.status.code(), Some(3), "{text}");
    assert_eq!(verdict(&verdicts(&report), "private"), "error", "{text}");
    assert!(text.contains("certificate"), "{text}");
    assert!(text.contains("UnknownIssuer"), "{text}");

    // Trusted with it, without -k.
    let (out, text, _) = run(
        d,
        &collection,
        &["--ssl-extra-ca-certs", ca.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{text}");

    // SSL_CERT_FILE replaces the system's store (as with OpenSSL): the private CA alone.
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .current_dir(d)
        .arg("run")
        .arg(&collection)
        .arg("--schemas")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas"))
        .args(["--color", "off"])
        .env("SSL_CERT_FILE", &ca)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A file with no certificate is a setup error naming it.
    let empty = write(d, "empty.pem", b"nothing here\n");
    let (out, text, _) = run(
        d,
        &collection,
        &["--ssl-extra-ca-certs", empty.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("empty.pem: no CERTIFICATE"), "{text}");
}

#[test]
fn the_sidecar_tls_table() {
    let pki = Pki::new("sidecar");
    let client = pki.client("client-sidecar");
    let port = start_server(&pki.server(), Some(&pki));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("certs")).unwrap();
    write(d, "certs/ca.pem", pki.ca_pem.as_bytes());
    write(d, "certs/client.p12", &pkcs12(&client, &pki, "side-pass-3"));
    let collection = write_collection(
        d,
        &[(
            "sidecar",
            format!("https://localhost:{port}/"),
            fingerprint(&client.cert_der),
        )],
    );
    let sidecar = "[tls]\nclient_cert = \"certs/client.p12\"\nclient_passphrase_env = \"TLS_TEST_PASS\"\nextra_ca_certs = \"certs/ca.pem\"\n";
    write(d, "tls.pmcheck.toml", sidecar.as_bytes());
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas");
    let run_with = |pass: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
        command
            .arg("run")
            .arg(&collection)
            .arg("--schemas")
            .arg(&schemas)
            .args(["--color", "off"])
            .env_remove("PMCHECK_TARGET");
        match pass {
            Some(p) => command.env("TLS_TEST_PASS", p),
            None => command.env_remove("TLS_TEST_PASS"),
        };
        let out = command.output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code(), text)
    };
    let (code, text) = run_with(Some("side-pass-3"));
    assert_eq!(code, Some(0), "{text}");
    let (code, text) = run_with(None);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("tls.pmcheck.toml:3:"), "{text}");
    assert!(text.contains("TLS_TEST_PASS"), "{text}");
}
