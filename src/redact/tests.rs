//! The redactor on each form a secret travels in.

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
    assert_eq!(r.header("Ocp-Apim-Subscription-Key", "k"), "***");
    assert!(!is_sensitive_name("token_type") && is_sensitive_name("access_token"));
    assert_eq!(r.header("Accept", "s3cr3t value"), "***");
    let b = r.body(r#"{"credentials":{"username":"u","password":"p"},"client_secret":"c"}"#);
    assert!(!b.contains("\"p\"") && !b.contains("\"c\""), "{b}");
    assert!(b.contains("\"username\":\"u\""), "{b}");
    // Escaped and upper-case keys are masked too; bodies without such keys are kept.
    let b = r.body(r#"{"Pass\u0077ord":"p","API_KEY":"k","status":"ok"}"#);
    assert!(!b.contains("\"p\"") && !b.contains("\"k\""), "{b}");
    assert_eq!(r.body(r#"{"status": "ok"}"#), r#"{"status": "ok"}"#);
    assert_eq!(r.body("user=u&password=p"), "user=u&password=***");
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
    assert_eq!(r.text("Proc%2FSecret%2B456 Proc%2fSecret+456"), "*** ***");
}

#[test]
fn masks_escaped_forms() {
    let secret = "O'Brien \"Sec\\ret\" ä +&=1";
    let r = Redactor::new([secret.to_string()]);
    for text in [
        // JSON, also as ASCII only and with upper-case hex.
        r#"{"a":"O'Brien \"Sec\\ret\" ä +&=1"}"#,
        r#"{"a":"O'Brien \"Sec\\ret\" \u00e4 +&=1"}"#,
        r#"{"a":"O\u0027Brien \u0022Sec\u005Cret\u0022 \u00E4 +\u0026=1"}"#,
        // chai's quoting, and cut short.
        r#"expected 'O\'Brien "Sec\\ret" ä +&=1' to equal"#,
        r#"expected 'O\'Brien x' or 'O\'Brien "Se…' to equal"#,
        // XML.
        "<a>O&apos;Brien &quot;Sec\\ret&quot; &#228; +&amp;=1</a>",
        // A URL's query, a form, and a URL's query quoted in JSON.
        "/echo?q=O%27Brien%20%22Sec\\ret%22%20%C3%A4%20+&=1",
        "q=O%27Brien+%22Sec%5Cret%22+%C3%A4+%2B%26%3D1",
        r#"{"target":"/echo?q=O'Brien%20%22Sec\\ret%22%20%C3%A4%20+&=1"}"#,
    ] {
        let masked = r.text(text);
        assert!(masked.contains(MASK), "{text} → {masked}");
        assert!(!masked.contains("Brien \"Sec") && !masked.contains("Sec\\\\ret"), "{masked}");
        assert!(!masked.contains("Sec%5Cret"), "{text} → {masked}");
    }
    assert_eq!(
        r.text(r#"{"a":"O'Brien \"Sec\\ret\" \u00e4 +&=1","b":1}"#),
        r#"{"a":"***","b":1}"#
    );
}

#[test]
fn masks_url_passwords_in_any_text() {
    let r = Redactor::default();
    assert_eq!(
        r.text("GET http://user:p%40ss@h:1/x and 'https://u:pw@h' but http://h:80/a@b"),
        "GET http://user:***@h:1/x and 'https://u:***@h' but http://h:80/a@b"
    );
}

#[test]
fn masks_overlapping_secrets_wholly() {
    let r = Redactor::new(["abcd1234".to_string(), "1234wxyz".to_string()]);
    assert_eq!(r.text("<abcd1234wxyz>"), "<***>");
}

#[test]
fn masks_bytes_lines_and_learns_field_values() {
    let r = Redactor::new(["s3cr3t".to_string()]);
    assert_eq!(r.bytes(b"\xff s3cr3t \xfe"), b"\xff *** \xfe");
    assert_eq!(r.bytes(b"\xff s3%63r3t"), b"\xff ***");
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

#[test]
fn masks_encoded_secrets_across_the_windows_of_long_texts() {
    let r = Redactor::new(["Sec ret".to_string()]);
    for at in [WINDOW - 5, WINDOW - 1, WINDOW, 3 * WINDOW - 8] {
        let text = format!("{}\"Sec%20ret\"{}", "x".repeat(at), "y".repeat(10));
        let masked = r.text(&text);
        assert!(!masked.contains("Sec%20ret") && masked.contains("\"***\""), "at {at}");
    }
}

#[test]
fn masks_the_items_of_credential_arrays_in_diffs() {
    let r = Redactor::default();
    let mut lines: Vec<String> = [
        "{",
        "  \"refresh_tokens\": [",
        "    \"old-token\",",
        "    {",
        "      \"id\": \"kept\"",
        "    },",
        "    \"<string>\"",
        "  ],",
        "  \"credentials\": [",
        "    \"password\"",
        "  ]",
        "}",
    ]
    .map(String::from)
    .into();
    r.json_lines(lines.iter_mut());
    assert_eq!(lines[2], "    \"***\",");
    assert_eq!(lines[4], "      \"id\": \"kept\"");
    assert_eq!(lines[6], "    \"<string>\"");
    assert_eq!(lines[9], "    \"password\"");
}
