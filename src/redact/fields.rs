//! Fields with sensitive names in bodies: JSON members, `application/x-www-form-urlencoded`
//! pairs and `multipart/form-data` parts. Their values are masked in place, and learned so
//! that they are masked wherever else a result quotes them.

use super::mask::MASK;
use super::names::{is_secret_list_name, is_sensitive_name, may_have_sensitive_key};

/// String values of sensitive fields at least this long are masked wherever they are
/// quoted (shorter ones are masked in their field only).
const MIN_FIELD_VALUE: usize = 3;

/// Numbers of sensitive JSON fields with at least this many characters are masked
/// wherever they are quoted (shorter ones, such as lifetimes, would mask too much).
const MIN_FIELD_NUMBER: usize = 6;

/// A body with the values of its sensitive fields masked (JSON members, form pairs or
/// multipart parts); `None` when it has no such field.
pub(crate) fn masked_fields(body: &str) -> Option<String> {
    if !may_have_sensitive_key(body) {
        return None;
    }
    json_fields(body)
        .or_else(|| urlencoded(body, &mut Vec::new()))
        .or_else(|| multipart(body, &mut Vec::new()))
}

/// A JSON body with the values of its sensitive fields masked; `None` when it is not
/// JSON or has no such field.
fn json_fields(body: &str) -> Option<String> {
    // Parsing is skipped when no key can be sensitive (most bodies).
    if !may_have_sensitive_key(body) {
        return None;
    }
    let mut json = serde_json::from_str::<serde_json::Value>(body).ok()?;
    mask_json(&mut json).then(|| json.to_string())
}

/// The values of fields with sensitive names in a body (JSON strings and numbers long
/// enough not to be masked everywhere by mistake, form and multipart values), to mask
/// wherever a report quotes them.
pub(crate) fn sensitive_values(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !may_have_sensitive_key(body) {
        return out;
    }
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(body) {
        collect_json(&json, &mut out);
    } else if urlencoded(body, &mut out).is_none() {
        multipart(body, &mut out);
    }
    out.retain(|v| v.chars().count() >= MIN_FIELD_VALUE);
    out
}

/// The text of a scalar worth masking wherever it is quoted.
fn learnable(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if s.chars().count() >= MIN_FIELD_VALUE => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()).filter(|t| t.len() >= MIN_FIELD_NUMBER),
        _ => None,
    }
}

fn collect_json(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match v {
                    serde_json::Value::Array(items) if is_secret_list_name(k) => {
                        for item in items {
                            match learnable(item) {
                                Some(text) => out.push(text),
                                None => collect_json(item, out),
                            }
                        }
                    }
                    _ if is_sensitive_name(k) && learnable(v).is_some() => {
                        out.extend(learnable(v));
                    }
                    _ => collect_json(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_json(v, out)),
        _ => {}
    }
}

/// True for the scalars a sensitive field's value is masked in.
fn is_scalar(v: &serde_json::Value) -> bool {
    v.is_string() || v.is_number()
}

/// Masks the scalars under sensitive keys (also the scalar items of lists of secrets, such
/// as `refresh_tokens`); true if anything changed.
fn mask_json(v: &mut serde_json::Value) -> bool {
    match v {
        serde_json::Value::Object(map) => {
            let mut changed = false;
            for (k, v) in map.iter_mut() {
                if is_sensitive_name(k) && is_scalar(v) {
                    *v = serde_json::Value::String(MASK.into());
                    changed = true;
                } else if let serde_json::Value::Array(items) = v
                    && is_secret_list_name(k)
                {
                    for item in items.iter_mut() {
                        if is_scalar(item) {
                            *item = serde_json::Value::String(MASK.into());
                            changed = true;
                        } else {
                            changed |= mask_json(item);
                        }
                    }
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

/// Decodes a form component (`+` and `%XX`).
fn form_decode(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

/// A form body (`a=1&password=p`) with the values of its sensitive pairs masked, their
/// decoded values added to `learned`; `None` when it is not a form or has no such pair.
fn urlencoded(body: &str, learned: &mut Vec<String>) -> Option<String> {
    let trimmed = body.trim_end_matches(['\r', '\n']);
    if !trimmed.contains('=') || trimmed.contains(char::is_whitespace) || trimmed.starts_with(['{', '[', '<'])
    {
        return None;
    }
    let mut changed = false;
    let pairs: Vec<String> = trimmed
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) if !v.is_empty() && is_sensitive_name(&form_decode(k)) => {
                learned.push(form_decode(v));
                changed = true;
                format!("{k}={MASK}")
            }
            _ => pair.to_string(),
        })
        .collect();
    changed.then(|| format!("{}{}", pairs.join("&"), &body[trimmed.len()..]))
}

/// The field name of a multipart part's `Content-Disposition` line, unless it is a file.
fn part_name(line: &str) -> Option<String> {
    let (header, value) = line.split_once(':')?;
    if !header.trim().eq_ignore_ascii_case("content-disposition") || value.contains("filename=")
    {
        return None;
    }
    let start = value.find("name=\"")? + "name=\"".len();
    let end = value[start..].find('"')?;
    Some(value[start..start + end].to_string())
}

/// A multipart body with the values of its sensitive parts masked, the values added to
/// `learned`; `None` when it has no such part.
fn multipart(body: &str, learned: &mut Vec<String>) -> Option<String> {
    if !body.starts_with("--") {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    let mut changed = false;
    // The part's name while in its headers; then whether its content is masked.
    let mut name: Option<String> = None;
    let mut masking: Option<String> = None;
    let mut in_headers = false;
    for line in body.split_inclusive('\n') {
        let text = line.trim_end_matches(['\r', '\n']);
        if text.starts_with("--") {
            if let Some(value) = masking.take() {
                learned.push(value.trim_end_matches(['\r', '\n']).to_string());
                out.push_str(MASK);
                out.push_str("\r\n");
                changed = true;
            }
            in_headers = true;
            name = None;
            out.push_str(line);
        } else if in_headers {
            if text.is_empty() {
                in_headers = false;
                masking = name.take().filter(|n| is_sensitive_name(n)).map(|_| String::new());
            } else if let Some(n) = part_name(text) {
                name = Some(n);
            }
            out.push_str(line);
        } else if let Some(value) = masking.as_mut() {
            value.push_str(line);
        } else {
            out.push_str(line);
        }
    }
    if let Some(value) = masking {
        learned.push(value);
        out.push_str(MASK);
        changed = true;
    }
    changed.then_some(out)
}

/// The placeholders of a shape comparison (`"<string>"`), which hold no value.
pub(super) fn is_shape_marker(value: &str) -> bool {
    matches!(
        value,
        "\"<string>\"" | "\"<number>\"" | "\"<boolean>\"" | "\"<null>\""
    )
}

/// `"key": value` of a pretty-printed JSON line: the key (unescaped) and the value text.
pub(super) fn split_member(line: &str) -> Option<(String, &str)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_form_and_multipart_fields() {
        let form = "user=u&pass%77ord=p+w&client_secret=&x=1\r\n";
        let masked = masked_fields(form).unwrap();
        assert_eq!(masked, "user=u&pass%77ord=***&client_secret=&x=1\r\n");
        assert_eq!(sensitive_values("a=1&api_key=k%2Bey"), ["k+ey"]);
        assert!(masked_fields("password is not a form = no").is_none());
        let multipart = "--b\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nu\r\n\
            --b\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nline1\r\nline2\r\n\
            --b\r\nContent-Disposition: form-data; name=\"token\"; filename=\"t.txt\"\r\n\r\nfile\r\n\
            --b--\r\n";
        let masked = masked_fields(multipart).unwrap();
        assert!(masked.contains("\r\n\r\nu\r\n"), "{masked}");
        assert!(masked.contains("\"password\"\r\n\r\n***\r\n--b"), "{masked}");
        assert!(masked.contains("file"), "{masked}");
        assert!(!masked.contains("line"), "{masked}");
        assert_eq!(sensitive_values(multipart), ["line1\r\nline2"]);
    }

    #[test]
    fn masks_arrays_under_sensitive_keys() {
        let body = r#"{"tokens":["abc1",7,{"password":"p"}],"scopes":["read"],"credentials":["username","password"]}"#;
        let masked = json_fields(body).unwrap();
        assert!(masked.contains(r#""tokens":["***","***",{"password":"***"}]"#), "{masked}");
        assert!(masked.contains(r#""scopes":["read"]"#), "{masked}");
        // IDCS lists the names of the fields it wants under `credentials`.
        assert!(masked.contains(r#""credentials":["username","password"]"#), "{masked}");
        assert_eq!(sensitive_values(body), ["abc1"]);
    }
}
