//! Escaping for the HTML report: text and attribute values, and JSON placed inside a
//! `<script>` element.

use std::fmt;

/// Text escaped for HTML, both as element content and as a quoted attribute value.
///
/// `&`, `<`, `>`, `"` and `'` become character references, so neither markup nor an
/// attribute's end can come out of it.
pub struct Html<'a>(pub &'a str);

impl fmt::Display for Html<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

/// JSON text made safe inside a `<script>` element: `<`, `>` and `&` are written as
/// `\u` escapes (so `</script>` and `<!--` cannot appear), as are U+2028 and U+2029. The
/// value parses to the same JSON.
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_cannot_carry_markup() {
        let hostile = r#"</td><script>alert('x')</script>" onmouseover="x" &amp;"#;
        let escaped = Html(hostile).to_string();
        assert_eq!(
            escaped,
            "&lt;/td&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; \
             onmouseover=&quot;x&quot; &amp;amp;"
        );
        assert!(!escaped.contains(['<', '>', '"', '\'']));
        assert_eq!(Html("plain ✓ text").to_string(), "plain ✓ text");
    }

    #[test]
    fn json_in_a_script_cannot_close_it_and_parses_the_same() {
        let value = serde_json::json!({"name": "</script><!-- & \u{2028}"});
        let text = script_json(&value.to_string());
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(!text.contains('\u{2028}'));
        let back: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, value);
    }
}
