//! Masking secrets before anything leaves the process: secret variable values, credentials
//! in URLs, sensitive headers and sensitive JSON fields.

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
    /// Secret values and their URL-encoded forms (when different), longest first so that
    /// overlapping secrets mask fully; encoded once, when the redactor is made.
    values: Vec<String>,
}

impl Redactor {
    /// A redactor for these secret values (empty ones are ignored).
    pub fn new(values: impl IntoIterator<Item = String>) -> Self {
        let mut all: Vec<String> = Vec::new();
        for v in values.into_iter().filter(|v| !v.is_empty()) {
            let encoded: String =
                percent_encoding::utf8_percent_encode(&v, percent_encoding::NON_ALPHANUMERIC)
                    .collect();
            if encoded != v {
                all.push(encoded);
            }
            all.push(v);
        }
        all.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        all.dedup();
        Redactor { values: all }
    }

    /// Replaces every occurrence of a secret value (also in its URL-encoded form).
    pub fn text(&self, s: &str) -> String {
        let mut out = s.to_string();
        for v in &self.values {
            if out.contains(v.as_str()) {
                out = out.replace(v.as_str(), MASK);
            }
        }
        out
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

    /// Masks a body: JSON fields with sensitive names, form fields with sensitive
    /// names, and secret values anywhere.
    pub fn body(&self, body: &str) -> String {
        // Parsing is skipped when no key can be sensitive (most bodies).
        if may_have_sensitive_key(body)
            && let Ok(mut json) = serde_json::from_str::<serde_json::Value>(body)
            && mask_json(&mut json)
        {
            return self.text(&json.to_string());
        }
        self.text(body)
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
}
