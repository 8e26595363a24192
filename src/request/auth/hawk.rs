//! Hawk request authentication as Postman applies it: the `Authorization: Hawk …`
//! header's MAC over the request, with the optional payload hash.

use super::params::Params;
use super::crypto::{Hash, b64, random_string, unix_now};
use super::message::Message;

/// Postman's nonce alphabet.
const NONCE_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// What the MAC covers besides the credentials.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Artifacts {
    /// Timestamp, as given.
    pub ts: String,
    /// Nonce.
    pub nonce: String,
    /// Method.
    pub method: String,
    /// Path and query.
    pub resource: String,
    /// Host name.
    pub host: String,
    /// Port (the scheme's default when absent).
    pub port: String,
    /// Payload hash (base64), if any.
    pub hash: Option<String>,
    /// `ext` data.
    pub ext: String,
    /// `app` id.
    pub app: String,
    /// `dlg` (delegated by) id.
    pub dlg: String,
}

/// Signs `msg`; nothing without an id and a key, as Postman.
pub(crate) fn sign(p: &Params, msg: &mut Message<'_>) {
    let (id, key) = (p.get("authId"), p.get("authKey"));
    if id.is_empty() || key.is_empty() {
        return;
    }
    msg.remove_header("Authorization");
    let Some(hash) = Hash::named(p.get("algorithm")).filter(|h| matches!(h, Hash::Sha1 | Hash::Sha256))
    else {
        // Postman's Hawk library gives an empty header for other algorithms.
        msg.set_header("Authorization", String::new());
        return;
    };
    let ts = p.get("timestamp");
    let leading_digits = ts.trim_start().trim_start_matches(['-', '+']);
    let ts = if leading_digits.starts_with(|c: char| c.is_ascii_digit() && c != '0') {
        ts.to_string()
    } else {
        unix_now().to_string()
    };
    let nonce = match p.get("nonce") {
        "" => random_string(NONCE_CHARS, 6),
        n => n.to_string(),
    };
    let payload_hash = if p.flag("includePayloadHash") {
        msg.hashable_body()
            .map(|body| payload_hash(hash, msg.header("content-type").unwrap_or(""), body))
    } else {
        None
    };
    let parts = msg.parts();
    let resource = match &parts.query {
        Some(q) => format!("{}?{q}", parts.path),
        None => parts.path.clone(),
    };
    let artifacts = Artifacts {
        ts,
        nonce,
        method: msg.method.to_string(),
        resource,
        host: parts.host().to_string(),
        port: parts.port_or_default(),
        hash: payload_hash,
        ext: p.get("extraData").to_string(),
        app: p.get("app").to_string(),
        dlg: p.get("delegation").to_string(),
    };
    msg.set_header("Authorization", header(id, key, hash, &artifacts));
}

/// The payload hash: `hawk.1.payload`, the media type and the body, one a line.
pub(crate) fn payload_hash(hash: Hash, content_type: &str, body: &[u8]) -> String {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let mut data = format!("hawk.1.payload\n{media}\n").into_bytes();
    data.extend_from_slice(body);
    data.push(b'\n');
    b64(&hash.hash(&data))
}

/// The request MAC over the normalized string `hawk.1.header`.
pub(crate) fn mac(key: &str, hash: Hash, a: &Artifacts) -> String {
    let mut normalized = format!(
        "hawk.1.header\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n",
        a.ts,
        a.nonce,
        a.method.to_ascii_uppercase(),
        a.resource,
        a.host.to_ascii_lowercase(),
        a.port,
        a.hash.as_deref().unwrap_or("")
    );
    // As Postman's library: only the first backslash and line break are escaped.
    normalized.push_str(&a.ext.replacen('\\', "\\\\", 1).replacen('\n', "\\n", 1));
    normalized.push('\n');
    if !a.app.is_empty() {
        normalized.push_str(&format!("{}\n{}\n", a.app, a.dlg));
    }
    b64(&hash.hmac_of(key.as_bytes(), normalized.as_bytes()))
}

/// The `Authorization` header value.
pub(crate) fn header(id: &str, key: &str, hash: Hash, a: &Artifacts) -> String {
    let mac = mac(key, hash, a);
    let mut h = format!("Hawk id=\"{id}\", ts=\"{}\", nonce=\"{}", a.ts, a.nonce);
    if let Some(payload) = &a.hash {
        h.push_str(&format!("\", hash=\"{payload}"));
    }
    if !a.ext.is_empty() {
        let ext = a.ext.replace('\\', "\\\\").replace('"', "\\\"");
        h.push_str(&format!("\", ext=\"{ext}"));
    }
    h.push_str(&format!("\", mac=\"{mac}\""));
    if !a.app.is_empty() {
        h.push_str(&format!(", app=\"{}", a.app));
        if !a.dlg.is_empty() {
            h.push_str(&format!("\", dlg=\"{}", a.dlg));
        }
        h.push('"');
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec_example() -> Artifacts {
        Artifacts {
            ts: "1353832234".into(),
            nonce: "j4h3g2".into(),
            method: "GET".into(),
            resource: "/resource/1?b=1&a=2".into(),
            host: "example.com".into(),
            port: "8000".into(),
            ext: "some-app-ext-data".into(),
            ..Artifacts::default()
        }
    }

    const KEY: &str = "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn";

    #[test]
    fn the_hawk_readme_get_example() {
        // Hawk's README: id dh37fgj492je, sha256, GET http://example.com:8000/resource/1?b=1&a=2.
        assert_eq!(
            header("dh37fgj492je", KEY, Hash::Sha256, &spec_example()),
            "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", \
             ext=\"some-app-ext-data\", mac=\"6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=\""
        );
    }

    #[test]
    fn the_hawk_readme_payload_example() {
        let hash = payload_hash(Hash::Sha256, "text/plain", b"Thank you for flying Hawk");
        assert_eq!(hash, "Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=");
        let a = Artifacts {
            method: "POST".into(),
            hash: Some(hash),
            ..spec_example()
        };
        assert_eq!(
            mac(KEY, Hash::Sha256, &a),
            "aSe1DERmZuRl3pI36/9BdZmnErTw3sNzOOAUlfeKjVw="
        );
    }
}
