//! Runs a small collection with the pmcheck binary against a 127.0.0.1 server, with every
//! reporter on (cli, JUnit file, JSON file, GitHub annotations), and looks for a secret in
//! every form it could leak in.

use std::path::Path;
use std::process::Command;

use base64::Engine;
use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

/// What one run printed and wrote.
pub struct Outputs {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub junit: String,
    pub json: String,
}

impl Outputs {
    /// Every output, named.
    fn all(&self) -> [(&str, &String); 4] {
        [
            ("stdout", &self.stdout),
            ("stderr", &self.stderr),
            ("junit", &self.junit),
            ("json", &self.json),
        ]
    }

    /// Panics when no output shows `text` (a check that the run reached the place).
    pub fn shows(&self, text: &str) {
        assert!(
            self.all().iter().any(|(_, t)| t.contains(text)),
            "{text:?} in no output:\n{}\n{}",
            self.stdout,
            self.stderr
        );
    }

    /// Panics when any output holds `secret` in any of its forms.
    pub fn hides(&self, secret: &str) {
        for (what, text) in self.all() {
            for form in forms(secret) {
                assert!(
                    !text.contains(&form),
                    "{secret:?} leaked into {what} as {form:?}:\n{text}"
                );
            }
        }
    }
}

/// A request item: `name`, its `request` object and the lines of its test script, which
/// also fails an assertion (so that the terminal report shows the whole case).
pub fn item(name: &str, request: Value, test: &[&str]) -> Value {
    let mut exec: Vec<&str> = test.to_vec();
    exec.push("pm.test('shown', () => pm.expect(0).to.eql(1));");
    json!({
        "name": name,
        "event": [{"listen": "test", "script": {"type": "text/javascript", "exec": exec}}],
        "request": request,
    })
}

/// A GET of `url` with no headers.
pub fn get(url: &str) -> Value {
    json!({"method": "GET", "url": url, "header": []})
}

/// A POST of a raw JSON body to `url`.
pub fn post_json(url: &str, raw: &str) -> Value {
    json!({
        "method": "POST",
        "url": url,
        "header": [{"key": "Content-Type", "value": "application/json"}],
        "body": {"mode": "raw", "raw": raw},
    })
}

/// Runs `items` as one collection with the environment variables `env` (name, value,
/// marked secret) and `base` set to the server's URL, every reporter on.
pub fn run(items: Vec<Value>, env: &[(&str, &str, bool)], base: &str, args: &[&str]) -> Outputs {
    let dir = tempfile::tempdir().unwrap();
    let collection = json!({
        "info": {
            "name": "secrets",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": items,
    });
    let path = dir.path().join("secrets.postman_collection.json");
    std::fs::write(&path, collection.to_string()).unwrap();
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/redaction/schemas");
    let sidecar = format!("schemas = {:?}\n", schemas.display().to_string());
    std::fs::write(dir.path().join("secrets.pmcheck.toml"), sidecar).unwrap();
    let mut values: Vec<Value> = env
        .iter()
        .map(|(k, v, secret)| {
            json!({"key": k, "value": v, "type": if *secret { "secret" } else { "default" },
                   "enabled": true})
        })
        .collect();
    values.push(json!({"key": "base", "value": base, "enabled": true}));
    let env_path = dir.path().join("secrets.postman_environment.json");
    std::fs::write(
        &env_path,
        json!({"name": "e", "values": values}).to_string(),
    )
    .unwrap();
    let junit = dir.path().join("report.xml");
    let report = dir.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(&path)
        .arg("-e")
        .arg(&env_path)
        .args(["--color", "off", "-r", "cli,junit,json,github"])
        .arg("--reporter-junit-export")
        .arg(&junit)
        .arg("--reporter-json-export")
        .arg(&report)
        .args(args)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    Outputs {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        junit: std::fs::read_to_string(&junit).unwrap_or_default(),
        json: std::fs::read_to_string(&report).unwrap_or_default(),
    }
}

/// A port nothing listens on.
pub fn dead_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// JSON string escaping as `serde_json` and `JSON.stringify` do it, without the quotes;
/// with `ascii`, every character past ASCII as `\uXXXX` too (as Python's `json` does).
pub fn json_escaped(s: &str, ascii: bool) -> String {
    let quoted = serde_json::to_string(s).unwrap();
    let inner = &quoted[1..quoted.len() - 1];
    if !ascii {
        return inner.to_string();
    }
    let mut out = String::new();
    for c in inner.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// The forms a secret could leak in: itself; percent-encoded (every non-alphanumeric
/// byte, as a URL's query does, as a form does with `+`), also inside a JSON string;
/// JSON-escaped (also as ASCII); as chai quotes it (`\'`); XML-escaped; in base64 (alone,
/// unpadded, URL-safe, inside `u:SECRET`); and as the GitHub annotations escape each of
/// these.
pub fn forms(secret: &str) -> Vec<String> {
    const QUERY: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'\'')
        .add(b'<')
        .add(b'>');
    let b64 = base64::engine::general_purpose::STANDARD;
    let url_safe = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let percent = utf8_percent_encode(secret, NON_ALPHANUMERIC).to_string();
    let query = utf8_percent_encode(secret, QUERY).to_string();
    let xml = secret
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;");
    let mut out = vec![
        secret.to_string(),
        percent.clone(),
        percent.replace("%20", "+"),
        query.clone(),
        json_escaped(&query, false),
        json_escaped(secret, false),
        json_escaped(secret, true),
        secret.replace('\\', "\\\\").replace('\'', "\\'"),
        xml.clone(),
        xml.replace("&apos;", "&#39;"),
    ];
    if secret.len() >= 6 {
        out.extend([
            b64.encode(secret),
            b64.encode(secret).trim_end_matches('=').to_string(),
            url_safe.encode(secret),
            b64.encode(format!("u:{secret}")),
        ]);
    }
    let github: Vec<String> = out
        .iter()
        .map(|f| {
            f.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        })
        .collect();
    out.extend(github);
    out.sort();
    out.dedup();
    out
}
