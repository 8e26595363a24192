//! One v1 request's method, URL (`url`, `queryParams`, `pathVariables`,
//! `pathVariableData`), headers (`headers` as a list or a `Key: value` block, and
//! `headerData`) and body (`dataMode` with `data` / `rawModeData`) in v2.1 form.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use super::js_values::{is_empty, truthy};

/// The v2.1 `request` object of the v1 request `r`, with its converted `auth`.
pub(super) fn request(r: &Value, auth: Option<Value>) -> Value {
    let mut out = Map::new();
    if let Some(auth) = auth {
        out.insert("auth".into(), auth);
    }
    if let Some(m) = r.get("method").filter(|m| !m.is_null()) {
        out.insert("method".into(), m.clone());
    }
    out.insert("header".into(), Value::Array(headers(r)));
    if let Some(body) = body(r) {
        out.insert("body".into(), body);
    }
    if let Some(url) = url(r) {
        out.insert("url".into(), url);
    }
    Value::Object(out)
}

/// The URL: the string as it is, or an object with `raw` and the `query` of
/// `queryParams` and the `variable` of `pathVariableData` then `pathVariables`.
fn url(r: &Value) -> Option<Value> {
    let raw = match r.get("url") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    let query: Vec<Value> = r
        .get("queryParams")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|q| {
            let mut q = q.as_object()?.clone();
            if q.remove("enabled") == Some(Value::Bool(false)) {
                q.insert("disabled".into(), true.into());
            }
            if let Some(equals) = q.remove("equals") {
                if truthy(&equals) {
                    q.entry("value").or_insert_with(|| "".into());
                    if q.get("value") == Some(&Value::Null) {
                        q.insert("value".into(), "".into());
                    }
                } else if !q.get("value").is_some_and(truthy) {
                    q.insert("value".into(), Value::Null);
                }
            }
            Some(Value::Object(q))
        })
        .collect();
    let mut seen = HashSet::new();
    let mut variables: Vec<Value> = Vec::new();
    for v in r
        .get("pathVariableData")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(key) = v.get("key").and_then(Value::as_str) {
            seen.insert(key.to_string());
        }
        variables.push(json!({"key": v.get("key"), "value": v.get("value")}));
    }
    if let Some(Value::Object(vars)) = r.get("pathVariables") {
        for (key, value) in vars {
            if !seen.contains(key) {
                variables.push(json!({"key": key, "value": value}));
            }
        }
    }
    if query.is_empty() && variables.is_empty() {
        return raw.map(Value::String);
    }
    let mut out = Map::new();
    out.insert("raw".into(), raw.unwrap_or_default().into());
    if !query.is_empty() {
        out.insert("query".into(), Value::Array(query));
    }
    if !variables.is_empty() {
        out.insert("variable".into(), Value::Array(variables));
    }
    Some(Value::Object(out))
}

/// Headers: a list as it is; otherwise `headerData` (`//`-commented or `enabled: false`
/// entries disabled), then the lines of the `headers` block whose keys it lacks.
fn headers(r: &Value) -> Vec<Value> {
    if let Some(list) = r.get("headers").and_then(Value::as_array) {
        return list.clone();
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for h in r
        .get("headerData")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(o) = h.as_object() else { continue };
        let mut o = o.clone();
        let key = o.get("key").and_then(Value::as_str).unwrap_or_default();
        let commented = key.starts_with("//");
        let key = key.replacen("//", "", 1).trim().to_string();
        if commented || o.remove("enabled") == Some(Value::Bool(false)) {
            o.insert("disabled".into(), true.into());
            o.insert("key".into(), key.clone().into());
        }
        seen.insert(key);
        out.push(Value::Object(o));
    }
    if let Some(block) = r.get("headers").and_then(Value::as_str) {
        for (key, value, disabled) in header_lines(block) {
            if seen.contains(&key) {
                continue;
            }
            let mut o = Map::new();
            o.insert("key".into(), key.into());
            o.insert("value".into(), value.into());
            if disabled {
                o.insert("disabled".into(), true.into());
            }
            out.push(Value::Object(o));
        }
    }
    out
}

/// The `Key: value` lines of a v1 header block: folded lines (a line break then a space
/// or tab) are joined; the key is the run of non-space characters up to its last colon;
/// a key starting with `//` is a disabled header. Lines without such a key are skipped.
fn header_lines(block: &str) -> Vec<(String, String, bool)> {
    let unfolded = block.replace("\r\n ", " ").replace("\r\n\t", "\t");
    unfolded
        .split(['\n', '\r'])
        .filter_map(|line| {
            let (disabled, rest) = match line.strip_prefix("//") {
                Some(rest) => (true, rest.trim_start()),
                None => (false, line),
            };
            let run_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let colon = rest[..run_end].rfind(':').filter(|c| *c > 0)?;
            let value = rest[colon + 1..].trim();
            Some((rest[..colon].to_string(), value.to_string(), disabled))
        })
        .collect()
}

/// The body: `dataMode` `raw` (`rawModeData`, else a string `data`), `params` (form
/// data), `urlencoded`, `binary` (a file) or `graphql`; without `dataMode`, inferred from
/// which of `data` / `rawModeData` is set. No body when all are empty or `dataMode` is
/// `null`.
fn body(r: &Value) -> Option<Value> {
    let mode = match r.get("dataMode").and_then(Value::as_str) {
        Some("binary") => Some("file"),
        Some("graphql") => Some("graphql"),
        Some("params") => Some("formdata"),
        Some("raw") => Some("raw"),
        Some("urlencoded") => Some("urlencoded"),
        _ => None,
    };
    let data = r.get("data");
    let raw_data = r.get("rawModeData");
    let graphql_data = r.get("graphqlModeData");
    let empty = is_empty(data) && is_empty(raw_data) && is_empty(graphql_data);
    if (mode.is_none() && empty) || r.get("dataMode") == Some(&Value::Null) {
        return None;
    }
    let raw_text = match raw_data {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Array(a)) if a.len() == 1 => a[0].as_str().map(str::to_string),
        _ => None,
    };
    let graphql = if !is_empty(graphql_data) {
        graphql_data.cloned()
    } else if r
        .get("dataOptions")
        .and_then(|o| o.get("graphql"))
        .is_some()
        && !is_empty(data)
    {
        data.cloned()
    } else {
        None
    };
    let form_source = data.filter(|d| truthy(d)).or(raw_data);
    let mode = mode.unwrap_or_else(|| {
        if raw_text.is_none() && form_source.is_some_and(Value::is_array) {
            "formdata"
        } else if raw_text.is_none() && graphql.is_some() {
            "graphql"
        } else {
            "raw"
        }
    });
    let content = match mode {
        "raw" => Value::String(
            raw_text
                .filter(|t| !t.is_empty())
                .or_else(|| data.and_then(Value::as_str).map(str::to_string))
                .unwrap_or_default(),
        ),
        "graphql" => graphql.unwrap_or(Value::Null),
        "file" => json!({ "src": raw_text }),
        _ => Value::Array(form_params(form_source)),
    };
    let mut out = Map::new();
    out.insert("mode".into(), mode.into());
    out.insert(mode.into(), content);
    if let Some(Value::Object(options)) = r.get("dataOptions") {
        let renamed: Map<String, Value> = options
            .iter()
            .filter(|(_, v)| !is_empty(Some(v)))
            .filter_map(|(k, v)| {
                let v2 = match k.as_str() {
                    "binary" => "file",
                    "params" => "formdata",
                    "raw" | "urlencoded" | "graphql" => k.as_str(),
                    _ => return None,
                };
                Some((v2.to_string(), v.clone()))
            })
            .collect();
        if !renamed.is_empty() {
            out.insert("options".into(), Value::Object(renamed));
        }
    }
    if r.get("dataDisabled").is_some_and(truthy) {
        out.insert("disabled".into(), true.into());
    }
    Some(Value::Object(out))
}

/// Form or urlencoded fields: entries without a key dropped, `enabled: false` read as
/// disabled, a file field's `value` read as its `src`.
fn form_params(source: Option<&Value>) -> Vec<Value> {
    source
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let mut p = p.as_object()?.clone();
            if p.get("key").is_none_or(Value::is_null) {
                return None;
            }
            let is_file = p.get("type").and_then(Value::as_str) == Some("file");
            if is_file && !p.get("src").is_some_and(truthy) && p.get("value").is_some_and(truthy)
            {
                let value = p.remove("value").unwrap_or(Value::Null);
                let src = if value.is_string() || value.is_array() {
                    value
                } else {
                    Value::Null
                };
                p.insert("src".into(), src);
            }
            if p.remove("enabled") == Some(Value::Bool(false)) {
                p.insert("disabled".into(), true.into());
            }
            Some(Value::Object(p))
        })
        .collect()
}

#[cfg(test)]
mod tests;
