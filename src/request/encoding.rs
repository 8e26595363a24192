//! The percent-encode sets of the requests pmcheck builds, as Postman encodes each part:
//! what request building encodes with (redaction undoes any percent-encoding instead).

use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC};

/// Characters Postman percent-encodes in a path segment (besides non-ASCII).
pub(crate) const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');
/// Characters Postman percent-encodes in a query string (besides non-ASCII).
pub(crate) const QUERY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'\'')
    .add(b'<')
    .add(b'>');
/// Characters Postman percent-encodes in a query parameter's key or value added after
/// variables are resolved (auth parameters): `&`, `#` and, in a key, `=`, besides the
/// query set.
pub(crate) const PARAM_KEY: &AsciiSet = &QUERY.add(b'&').add(b'=');
/// See [`PARAM_KEY`]: a value's set.
pub(crate) const PARAM_VALUE: &AsciiSet = &QUERY.add(b'&');

/// A collection's query parameter key (`key` true) or value as postman-collection
/// normalises it before variables are resolved: `&` and `#` (and `=` in a key) written in
/// the text become `%26`, `%23` (`%3D`), but not inside a `{{variable}}` whose name holds a
/// reserved character (`{{foo&bar}}` stays a reference); what a variable resolves to is not
/// touched.
pub(crate) fn normalize_param(text: &str, key: bool) -> String {
    let reserved = |c: char| matches!(c, '&' | '#') || (key && c == '=');
    if !text.contains(reserved) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while !rest.is_empty() {
        // The next `{{name}}` (no braces inside) whose name holds `. : / ? # @ & ]`.
        let protected = rest.match_indices("{{").find_map(|(at, _)| {
            let name_end = rest[at + 2..].find(['{', '}'])? + at + 2;
            let name = &rest[at + 2..name_end];
            (rest[name_end..].starts_with("}}")
                && name.contains(['.', ':', '/', '?', '#', '@', '&', ']']))
            .then_some((at, name_end + 2))
        });
        let (plain, reference, after) = match protected {
            Some((start, end)) => (&rest[..start], &rest[start..end], &rest[end..]),
            None => (rest, "", ""),
        };
        for c in plain.chars() {
            match c {
                '&' => out.push_str("%26"),
                '#' => out.push_str("%23"),
                '=' if key => out.push_str("%3D"),
                c => out.push(c),
            }
        }
        out.push_str(reference);
        rest = after;
    }
    out
}

/// `encodeURIComponent`: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
pub(crate) const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

#[cfg(test)]
mod tests {
    use super::normalize_param;

    #[test]
    fn reserved_chars_are_encoded_outside_reserved_references() {
        assert_eq!(normalize_param("b#a&r", true), "b%23a%26r");
        assert_eq!(normalize_param("k=1", true), "k%3D1");
        assert_eq!(normalize_param("k=1", false), "k=1");
        assert_eq!(normalize_param("a&b#c", false), "a%26b%23c");
        assert_eq!(normalize_param("%23{{foo&bar}}%23", false), "%23{{foo&bar}}%23");
        assert_eq!(normalize_param("#{{#x#}}&{{y}}", false), "%23{{#x#}}%26{{y}}");
        assert_eq!(normalize_param("{{a}}&", false), "{{a}}%26");
        assert_eq!(normalize_param("plain", true), "plain");
        assert_eq!(normalize_param("{{&", false), "{{%26");
    }
}
