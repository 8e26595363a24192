//! Masking secrets before anything leaves the process: secret variable values, credentials
//! in URLs, sensitive headers and sensitive JSON fields.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::request::{COMPONENT, PATH, QUERY};

/// What replaces a secret.
pub const MASK: &str = "***";

/// Header names whose whole value is a credential.
const SECRET_HEADERS: [&str; 6] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "api-key",
];

/// What a sensitive name contains (lower case).
const SENSITIVE_WORDS: [&str; 11] = [
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "api_key",
    "api-key",
    "authorization",
    "credential",
    "cookie",
    "assertion",
];

/// True for names that hold credentials: passwords, secrets, tokens, API keys (but not
/// their descriptions, such as `token_type`).
pub fn is_sensitive_name(name: &str) -> bool {
    let n = name.as_bytes();
    if n.len() >= 4 && n[n.len() - 4..].eq_ignore_ascii_case(b"type") {
        return false;
    }
    SENSITIVE_WORDS
        .iter()
        .any(|word| contains_ignore_ascii_case(n, word.as_bytes()))
}

/// True when `haystack` holds `needle` (lower case ASCII) in any ASCII case.
fn contains_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// False when no JSON key of `body` can be a sensitive name: none of the sensitive words
/// appears in it (in any ASCII case) and it has no escape that could spell one.
fn may_have_sensitive_key(body: &str) -> bool {
    if body.contains('\\') {
        return true;
    }
    let lower = body.to_ascii_lowercase();
    SENSITIVE_WORDS.iter().any(|s| lower.contains(s))
}

/// Masks known secret values and credential-bearing fields.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    /// Secret values and the forms they travel in (URL-encoded, base64), longest first
    /// so that overlapping secrets mask fully; encoded once, when the redactor is made.
    values: Vec<String>,
}

/// Secrets at least this long are also masked in base64.
const MIN_BASE64_SECRET: usize = 6;

/// What ends a value a message cut short.
const ELLIPSIS: char = '…';

/// A secret cut short is masked when at least this many of its characters show.
const MIN_CUT_PREFIX: usize = 4;

/// String values of sensitive JSON fields at least this long are masked wherever they
/// are quoted (shorter ones are masked in their field only).
const MIN_FIELD_VALUE: usize = 3;

/// Numbers of sensitive JSON fields with at least this many characters are masked
/// wherever they are quoted (shorter ones, such as lifetimes, would mask too much).
const MIN_FIELD_NUMBER: usize = 6;

/// What `application/x-www-form-urlencoded` encodes (a space becomes `+`).
const FORM: AsciiSet = NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

/// The forms of a secret that are masked: itself, percent-encoded as URLs and forms do
/// and, when long enough, the base64 characters that only it determines at each of the
/// three byte alignments (so that it is masked inside a longer base64 text, such as
/// `Basic` credentials), in the standard and the URL-safe alphabet.
fn forms(value: &str, out: &mut Vec<String>) {
    use base64::Engine;
    let sets = [
        (NON_ALPHANUMERIC, false),
        (COMPONENT, false),
        (QUERY, false),
        (PATH, false),
        (&FORM, true),
    ];
    for (set, plus) in sets {
        let mut encoded: String = utf8_percent_encode(value, set).collect();
        if plus {
            encoded = encoded.replace("%20", "+");
        }
        if encoded != value {
            out.push(encoded);
        }
    }
    out.push(value.to_string());
    let len = value.len();
    if len < MIN_BASE64_SECRET {
        return;
    }
    for align in 0..3 {
        let mut bytes = vec![0u8; align];
        bytes.extend_from_slice(value.as_bytes());
        let text = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&bytes);
        // Character i holds bits 6i..6i+6 of the bytes; the secret's are 8·align.. .
        let first = (8 * align).div_ceil(6);
        let end = (8 * (align + len)) / 6;
        let Some(part) = text.get(first..end) else {
            continue;
        };
        let url_safe = part.replace('+', "-").replace('/', "_");
        if url_safe != part {
            out.push(url_safe);
        }
        out.push(part.to_string());
    }
}

impl Redactor {
    /// A redactor for these secret values (empty ones are ignored).
    pub fn new(values: impl IntoIterator<Item = String>) -> Self {
        let mut all: Vec<String> = Vec::new();
        for v in values.into_iter().filter(|v| !v.is_empty()) {
            forms(&v, &mut all);
        }
        Self::sorted(all)
    }

    fn sorted(mut all: Vec<String>) -> Self {
        all.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        all.dedup();
        Redactor { values: all }
    }

    /// This redactor and also `values`; `None` when it knows them all already.
    pub fn with(&self, values: impl IntoIterator<Item = String>) -> Option<Self> {
        let mut new = Vec::new();
        for v in values.into_iter().filter(|v| !v.is_empty()) {
            forms(&v, &mut new);
        }
        new.retain(|v| !self.values.contains(v));
        if new.is_empty() {
            return None;
        }
        new.extend(self.values.iter().cloned());
        Some(Self::sorted(new))
    }

    /// Replaces every occurrence of a secret value (also in its URL-encoded form).
    pub fn text(&self, s: &str) -> String {
        let mut out = s.to_string();
        for v in &self.values {
            if out.contains(v.as_str()) {
                out = out.replace(v.as_str(), MASK);
            }
        }
        if out.contains(ELLIPSIS) {
            self.mask_cut(&mut out);
        }
        out
    }

    /// Masks secrets that a message cut short (chai shortens long values: `'Proc/Secre…'`),
    /// when at least [`MIN_CUT_PREFIX`] of their characters show.
    fn mask_cut(&self, out: &mut String) {
        for v in &self.values {
            let ends: Vec<usize> = v
                .char_indices()
                .map(|(i, _)| i)
                .skip(MIN_CUT_PREFIX)
                .collect();
            for &end in ends.iter().rev() {
                let cut = format!("{}{ELLIPSIS}", &v[..end]);
                if out.contains(&cut) {
                    *out = out.replace(&cut, &format!("{MASK}{ELLIPSIS}"));
                }
            }
        }
    }

    /// Masks a URL: the password of its user info, query parameters with sensitive
    /// names, and secret values anywhere.
    pub fn url(&self, url: &str) -> String {
        let mut u = url.to_string();
        if let Some(scheme_end) = u.find("://") {
            let rest = scheme_end + 3;
            let auth_end = u[rest..]
                .find(['/', '?', '#'])
                .map_or(u.len(), |i| rest + i);
            if let Some(at) = u[rest..auth_end].rfind('@') {
                let userinfo = &u[rest..rest + at];
                if let Some(colon) = userinfo.find(':') {
                    u.replace_range(rest + colon + 1..rest + at, MASK);
                }
            }
        }
        if let Some(q) = u.find('?') {
            let (head, query) = u.split_at(q + 1);
            let (query, frag) = match query.find('#') {
                Some(h) => query.split_at(h),
                None => (query, ""),
            };
            let masked: Vec<String> = query
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some((k, v)) if is_sensitive_name(k) && !v.is_empty() => format!("{k}={MASK}"),
                    _ => p.to_string(),
                })
                .collect();
            u = format!("{head}{}{frag}", masked.join("&"));
        }
        self.text(&u)
    }

    /// Masks a header value: credentials headers keep only their scheme (`Bearer ***`).
    pub fn header(&self, name: &str, value: &str) -> String {
        let lower = name.to_ascii_lowercase();
        if SECRET_HEADERS.contains(&lower.as_str()) || is_sensitive_name(&lower) {
            return match value.split_once(' ') {
                Some((scheme, _)) if lower.ends_with("authorization") => format!("{scheme} {MASK}"),
                _ => MASK.to_string(),
            };
        }
        self.text(value)
    }

    /// Masks secret values in bytes that are not text.
    pub fn bytes(&self, bytes: &[u8]) -> Vec<u8> {
        let mut out = bytes.to_vec();
        for v in &self.values {
            let needle = v.as_bytes();
            if out.windows(needle.len()).all(|w| w != needle) {
                continue;
            }
            let mut masked = Vec::with_capacity(out.len());
            let mut rest = out.as_slice();
            while !rest.is_empty() {
                if rest.starts_with(needle) {
                    masked.extend_from_slice(MASK.as_bytes());
                    rest = &rest[needle.len()..];
                } else {
                    masked.push(rest[0]);
                    rest = &rest[1..];
                }
            }
            out = masked;
        }
        out
    }

    /// Masks a line of pretty-printed JSON: the value of a member with a sensitive name
    /// (`"password": "p",` → `"password": "***",`), and secret values anywhere.
    pub fn json_line(&self, line: &str) -> String {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if let Some((key, value)) = split_member(trimmed)
            && is_sensitive_name(&key)
            && !value.starts_with(['{', '['])
            && !is_shape_marker(value.trim_end_matches(','))
        {
            let comma = if value.ends_with(',') { "," } else { "" };
            let quoted = &trimmed[..trimmed.len() - value.len()];
            return self.text(&format!("{indent}{quoted}\"{MASK}\"{comma}"));
        }
        self.text(line)
    }

    /// Masks a body: JSON fields with sensitive names, and secret values anywhere.
    pub fn body(&self, body: &str) -> String {
        match json_fields(body) {
            Some(masked) => self.text(&masked),
            None => self.text(body),
        }
    }

    /// The length in bytes of the longest form of a secret this redactor masks.
    pub fn longest(&self) -> usize {
        self.values.first().map_or(0, String::len)
    }
}

/// The last redactor made, reused as long as the secrets stay the same (they change only
/// when a script or a capture sets a variable).
#[derive(Debug, Default)]
pub(crate) struct RedactorCache(std::sync::Mutex<Option<(Vec<String>, std::sync::Arc<Redactor>)>>);

impl RedactorCache {
    /// A redactor for `values`, the cached one when they are unchanged.
    pub(crate) fn get(&self, mut values: Vec<String>) -> std::sync::Arc<Redactor> {
        values.sort();
        values.dedup();
        let Ok(mut last) = self.0.lock() else {
            return std::sync::Arc::new(Redactor::new(values));
        };
        if let Some((known, redactor)) = last.as_ref()
            && *known == values
        {
            return std::sync::Arc::clone(redactor);
        }
        let redactor = std::sync::Arc::new(Redactor::new(values.iter().cloned()));
        *last = Some((values, std::sync::Arc::clone(&redactor)));
        redactor
    }
}

/// A JSON body with the values of its sensitive fields masked; `None` when it is not
/// JSON or has no such field.
pub fn json_fields(body: &str) -> Option<String> {
    // Parsing is skipped when no key can be sensitive (most bodies).
    if !may_have_sensitive_key(body) {
        return None;
    }
    let mut json = serde_json::from_str::<serde_json::Value>(body).ok()?;
    mask_json(&mut json).then(|| json.to_string())
}

/// The placeholders of a shape comparison (`"<string>"`), which hold no value.
fn is_shape_marker(value: &str) -> bool {
    matches!(
        value,
        "\"<string>\"" | "\"<number>\"" | "\"<boolean>\"" | "\"<null>\""
    )
}

/// `"key": value` of a pretty-printed JSON line: the key (unescaped) and the value text.
fn split_member(line: &str) -> Option<(String, &str)> {
    let rest = line.strip_prefix('"')?;
    let mut escaped = false;
    let end = rest.char_indices().find_map(|(i, c)| {
        let close = c == '"' && !escaped;
        escaped = c == '\\' && !escaped;
        close.then_some(i)
    })?;
    let key: String = serde_json::from_str(&line[..end + 2]).ok()?;
    let value = rest[end + 1..].strip_prefix(": ")?;
    Some((key, value))
}

/// The values of fields with sensitive names in a JSON body (strings, and numbers, long
/// enough not to be masked everywhere by mistake), to mask wherever a report quotes them.
pub(crate) fn sensitive_values(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    if may_have_sensitive_key(body)
        && let Ok(json) = serde_json::from_str::<serde_json::Value>(body)
    {
        collect_sensitive(&json, &mut out);
    }
    out
}

fn collect_sensitive(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let text = match v {
                    serde_json::Value::String(s) if s.chars().count() >= MIN_FIELD_VALUE => {
                        Some(s.clone())
                    }
                    serde_json::Value::Number(n) => {
                        Some(n.to_string()).filter(|t| t.len() >= MIN_FIELD_NUMBER)
                    }
                    _ => None,
                };
                match text {
                    Some(t) if is_sensitive_name(k) => out.push(t),
                    _ => collect_sensitive(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_sensitive(v, out)),
        _ => {}
    }
}

/// A part of a case result that may quote a secret. Every type of a result implements
/// it by naming each of its fields (no `..`), so a field added later does not compile
/// until its masking is decided.
pub(crate) trait Redact {
    /// Masks every secret `r` knows in `self`.
    fn redact(&mut self, r: &Redactor);
}

impl Redact for String {
    fn redact(&mut self, r: &Redactor) {
        *self = r.text(self);
    }
}

impl<T: Redact> Redact for Option<T> {
    fn redact(&mut self, r: &Redactor) {
        if let Some(v) = self {
            v.redact(r);
        }
    }
}

impl<T: Redact> Redact for Vec<T> {
    fn redact(&mut self, r: &Redactor) {
        for v in self {
            v.redact(r);
        }
    }
}

/// Masks string values under sensitive keys; true if anything changed.
fn mask_json(v: &mut serde_json::Value) -> bool {
    match v {
        serde_json::Value::Object(map) => {
            let mut changed = false;
            for (k, v) in map.iter_mut() {
                if is_sensitive_name(k) && (v.is_string() || v.is_number()) {
                    *v = serde_json::Value::String(MASK.into());
                    changed = true;
                } else {
                    changed |= mask_json(v);
                }
            }
            changed
        }
        serde_json::Value::Array(items) => items.iter_mut().fold(false, |c, v| mask_json(v) | c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_values_urls_headers_and_bodies() {
        let r = Redactor::new(["s3cr3t value".to_string(), String::new()]);
        assert_eq!(r.text("a s3cr3t value b"), "a *** b");
        assert_eq!(
            r.url("https://u:pw@h/p?access_token=abc&x=1&q=s3cr3t%20value"),
            "https://u:***@h/p?access_token=***&x=1&q=***"
        );
        assert_eq!(r.header("Authorization", "Bearer abc.def"), "Bearer ***");
        assert_eq!(r.header("Cookie", "a=b"), "***");
        assert!(!is_sensitive_name("token_type") && is_sensitive_name("access_token"));
        assert_eq!(r.header("Accept", "s3cr3t value"), "***");
        let b = r.body(r#"{"credentials":{"username":"u","password":"p"},"client_secret":"c"}"#);
        assert!(!b.contains("\"p\"") && !b.contains("\"c\""), "{b}");
        assert!(b.contains("\"username\":\"u\""), "{b}");
        // Escaped and upper-case keys are masked too; bodies without such keys are kept.
        let b = r.body(r#"{"Pass\u0077ord":"p","API_KEY":"k","status":"ok"}"#);
        assert!(!b.contains("\"p\"") && !b.contains("\"k\""), "{b}");
        assert_eq!(r.body(r#"{"status": "ok"}"#), r#"{"status": "ok"}"#);
    }

    #[test]
    fn masks_base64_forms_inside_longer_base64() {
        use base64::Engine;
        let secret = "TopSecret-123";
        let r = Redactor::new([secret.to_string()]);
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        for text in [
            b64(secret),
            b64(&format!("user:{secret}")),
            b64(&format!("ab{secret}xyz")),
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("?{secret}")),
        ] {
            let masked = r.text(&format!("Basic {text}"));
            assert!(masked.contains(MASK), "{text} → {masked}");
            for align in ["", "a", "ab"] {
                let alone = b64(&format!("{align}{secret}"));
                let core = &alone[alone.len() / 3..alone.len() * 2 / 3];
                assert!(!masked.contains(core), "{text} → {masked}");
            }
        }
        // Short secrets are not looked for in base64 (too many false matches).
        let short = Redactor::new(["abc".to_string()]);
        assert_eq!(short.text("YWJj"), "YWJj");
        // Secrets cut short in a message, and percent-encoded as queries and forms are.
        let r = Redactor::new(["Proc/Secret+456".to_string(), "Top Secret".to_string()]);
        assert_eq!(r.text("'x=Proc/Secre…' 'Pro…'"), "'x=***…' 'Pro…'");
        assert_eq!(r.text("?a=Top%20Secret&b=Top+Secret"), "?a=***&b=***");
        assert_eq!(r.text("Proc%2FSecret%2B456"), "***");
    }

    #[test]
    fn masks_bytes_lines_and_learns_field_values() {
        let r = Redactor::new(["s3cr3t".to_string()]);
        assert_eq!(r.bytes(b"\xff s3cr3t \xfe"), b"\xff *** \xfe");
        assert_eq!(
            r.json_line(r#"  "password": "p","#),
            r#"  "password": "***","#
        );
        assert_eq!(r.json_line(r#"  "api_key": 12"#), r#"  "api_key": "***""#);
        assert_eq!(r.json_line(r#"  "token": {"#), r#"  "token": {"#);
        assert_eq!(
            r.json_line(r#"  "token": "<string>","#),
            r#"  "token": "<string>","#
        );
        assert_eq!(r.json_line(r#"  "user": "s3cr3t""#), r#"  "user": "***""#);
        assert_eq!(
            sensitive_values(
                r#"{"a":[{"client_secret":"xyz1","n":{"pin":1}}],"token":123456,"token_ttl":300,"password":"p"}"#
            ),
            ["xyz1", "123456"]
        );
        assert!(sensitive_values("not json, no password").is_empty());
        let more = r.with(["xyz1".to_string()]).expect("a new value");
        assert_eq!(more.text("xyz1 s3cr3t"), "*** ***");
        assert!(r.with(["s3cr3t".to_string()]).is_none());
    }
}
