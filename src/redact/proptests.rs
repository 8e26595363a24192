//! Property tests of the redactor: for any secret (any Unicode, quotes, backslashes,
//! spaces, `+&=`) in any of the encodings it travels in, within other text, the masked
//! text holds neither the encoded secret nor the secret itself.

use base64::Engine;
use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};
use proptest::prelude::*;

use super::Redactor;

/// The query set of URLs (as the `url` crate encodes a query it parses).
const QUERY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'\'')
    .add(b'<')
    .add(b'>');

/// `\uXXXX` of each UTF-16 unit of `c`, in lower or upper case hexadecimal.
fn unicode_escape(c: char, upper: bool) -> String {
    let mut units = [0u16; 2];
    c.encode_utf16(&mut units)
        .iter()
        .map(|u| {
            if upper {
                format!("\\u{u:04X}")
            } else {
                format!("\\u{u:04x}")
            }
        })
        .collect()
}

/// JSON string escaping without the quotes; with `ascii`, every character past ASCII as
/// `\uXXXX` too.
fn json(s: &str, ascii: bool, upper: bool) -> String {
    let quoted = serde_json::to_string(s).unwrap_or_default();
    let inner = &quoted[1..quoted.len() - 1];
    inner
        .chars()
        .map(|c| {
            if ascii && !c.is_ascii() {
                unicode_escape(c, upper)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// chai's quoting of a string (loupe's `escapeString`).
fn chai(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{8}' => "\\b".to_string(),
            '\t' => "\\t".to_string(),
            '\n' => "\\n".to_string(),
            '\u{c}' => "\\f".to_string(),
            '\u{b}' => "\\v".to_string(),
            '\r' => "\\r".to_string(),
            '\'' => "\\'".to_string(),
            '\\' => "\\\\".to_string(),
            '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => unicode_escape(c, false),
            c => c.to_string(),
        })
        .collect()
}

/// XML escaping; with `numeric`, characters past ASCII as `&#N;` too.
fn xml(s: &str, numeric: bool) -> String {
    s.chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&apos;".to_string(),
            c if numeric && !c.is_ascii() => format!("&#{};", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

/// The encodings looked at.
const ENCODINGS: usize = 14;

/// `secret` in encoding `n`.
fn encode(secret: &str, n: usize) -> String {
    let percent = || utf8_percent_encode(secret, NON_ALPHANUMERIC).to_string();
    let b64 = base64::engine::general_purpose::STANDARD;
    match n {
        0 => secret.to_string(),
        1 => json(secret, false, false),
        2 => json(secret, true, false),
        3 => json(secret, true, true),
        4 => chai(secret),
        5 => xml(secret, false),
        6 => xml(secret, true),
        7 => percent(),
        8 => percent().replace("%20", "+"),
        9 => url::form_urlencoded::byte_serialize(secret.as_bytes()).collect(),
        10 => utf8_percent_encode(secret, QUERY).to_string(),
        11 => json(&utf8_percent_encode(secret, QUERY).to_string(), false, false),
        12 => utf8_percent_encode(&json(secret, false, false), NON_ALPHANUMERIC).to_string(),
        _ => b64.encode(format!("u:{secret}")),
    }
}

/// Any string of up to 24 characters without `*` (which the mask is made of), with the
/// characters encodings treat specially often.
fn secret() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '"', '\'', '\\', ' ', '+', '&', '=', '%', '/', '<', '>', '#', '?', 'ä', '€', '😀', '\n',
        '\t', '\u{1}', '\u{85}',
    ]);
    let any = any::<char>().prop_filter("not the mask", |c| *c != '*');
    prop::collection::vec(prop_oneof![special, any], 1..24)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Plain text around the secret.
fn context() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,.:;=\"'/?-]{0,12}"
}

proptest! {
    #[test]
    fn no_encoding_of_a_secret_survives(
        secret in secret(),
        n in 0..ENCODINGS,
        before in context(),
        after in context(),
    ) {
        // Base64 is looked for only for secrets of 6 bytes or more.
        prop_assume!(n < ENCODINGS - 1 || secret.len() >= super::forms::MIN_BASE64_SECRET);
        let encoded = encode(&secret, n);
        let r = Redactor::new([secret.clone()]);
        let masked = r.text(&format!("{before}{encoded}{after}"));
        prop_assert!(!masked.contains(&encoded), "{:?} in {:?}", encoded, masked);
        prop_assert!(!masked.contains(&secret), "{:?} in {:?}", secret, masked);
    }

    #[test]
    fn bytes_and_text_mask_alike(secret in secret(), n in 0..ENCODINGS - 1, before in context()) {
        let encoded = encode(&secret, n);
        let r = Redactor::new([secret]);
        let text = format!("{before}{encoded}");
        prop_assert_eq!(r.bytes(text.as_bytes()), r.text(&text).into_bytes());
    }
}
