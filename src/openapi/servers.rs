//! The base paths of `servers` URLs: what a request's path starts with before the path
//! template of an operation (`https://petstore3.swagger.io/api/v3` → `/api/v3`).

use serde_json::Value;

/// The base paths of a `servers` list (each `{variable}` replaced by its `default`; one
/// without a default stays a template segment, matching any value); `None` when the list
/// is missing or empty (the level above applies; at the top, the server `/`).
pub(crate) fn base_paths(servers: Option<&Value>) -> Option<Vec<String>> {
    let list = servers?.as_array().filter(|l| !l.is_empty())?;
    let mut out: Vec<String> = Vec::new();
    for server in list {
        let Some(url) = server.get("url").and_then(Value::as_str) else {
            continue;
        };
        let url = substitute(url, server.get("variables"));
        let path = base_path(&url);
        if !out.contains(&path) {
            out.push(path);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `url` with each `{name}` of `variables` replaced by its default.
fn substitute(url: &str, variables: Option<&Value>) -> String {
    let mut out = String::with_capacity(url.len());
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        match variables
            .and_then(|v| v.get(name))
            .and_then(|v| v.get("default"))
            .and_then(Value::as_str)
        {
            Some(default) => out.push_str(default),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The path of an absolute or relative server URL, without trailing `/` (`""` for the
/// root); `.` and `./` segments dropped.
fn base_path(url: &str) -> String {
    let url = url.split(['?', '#']).next().unwrap_or("");
    let path = match url.find("://") {
        Some(i) => url[i + 3..].find('/').map_or("", |p| &url[i + 3 + p..]),
        None if url.starts_with("//") => url[2..].find('/').map_or("", |p| &url[2 + p..]),
        None => url,
    };
    let mut out = String::new();
    for segment in path.split('/').filter(|s| !s.is_empty() && *s != ".") {
        out.push('/');
        out.push_str(segment);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absolute_relative_and_templated_urls() {
        let servers = json!([
            {"url": "https://petstore3.swagger.io/api/v3/"},
            {"url": "/api/v3"},
            {"url": "{scheme}://developer.uspto.gov/ds-api", "variables": {"scheme": {"default": "https"}}},
            {"url": "https://{host}/{version}/x", "variables": {"version": {"default": "v2", "enum": ["v1", "v2"]}}},
            {"url": "./v4"},
            {"url": "//cdn.example.com"},
            {"url": "{base}/y"},
        ]);
        assert_eq!(
            base_paths(Some(&servers)).unwrap(),
            ["/api/v3", "/ds-api", "/v2/x", "/v4", "", "/{base}/y"]
        );
        assert_eq!(base_paths(Some(&json!([]))), None);
        assert_eq!(base_paths(None), None);
        assert_eq!(base_paths(Some(&json!([{"url": "/"}]))).unwrap(), [""]);
    }
}
