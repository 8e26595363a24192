//! Which names (of headers, query parameters, JSON and form fields, variables) hold
//! credentials.

/// Header names whose whole value is a credential.
pub(super) const SECRET_HEADERS: [&str; 7] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "api-key",
    "ocp-apim-subscription-key",
];

/// What a sensitive name contains (lower case).
pub(super) const SENSITIVE_WORDS: [&str; 11] = [
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

/// What the name of a list of secret values contains (`refresh_tokens`, `api_keys`):
/// other sensitive names also name lists of field names (`"credentials": ["password"]`).
const VALUE_WORDS: [&str; 7] = [
    "password", "passwd", "secret", "token", "apikey", "api_key", "api-key",
];

/// True for names of lists whose items are credentials (`refresh_tokens`), not their
/// descriptions (`token_types`) nor names of fields (`credentials`).
pub(super) fn is_secret_list_name(name: &str) -> bool {
    let n = name.as_bytes();
    let singular = n.strip_suffix(b"s").unwrap_or(n);
    if singular.len() >= 4 && singular[singular.len() - 4..].eq_ignore_ascii_case(b"type") {
        return false;
    }
    VALUE_WORDS
        .iter()
        .any(|word| contains_ignore_ascii_case(n, word.as_bytes()))
}

/// True when `haystack` holds `needle` (lower case ASCII) in any ASCII case.
fn contains_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// False when no key of `body` can be a sensitive name: none of the sensitive words
/// appears in it (in any ASCII case) and it has no escape that could spell one.
pub(super) fn may_have_sensitive_key(body: &str) -> bool {
    if body.contains(['\\', '%']) {
        return true;
    }
    let lower = body.to_ascii_lowercase();
    SENSITIVE_WORDS.iter().any(|s| lower.contains(s))
}
