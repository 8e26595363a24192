//! The saved examples of a Postman collection (v2.0 / v2.1): the item tree walked depth
//! first, folders nested, each `response[]` entry with the request it was recorded for
//! (`originalRequest`, else the item's request).

use serde_json::{Map, Value};

/// The IDCS endpoints whose examples teach the tenant's decisions.
const ENDPOINTS: [&str; 3] = [
    "/sso/v1/sdk/authenticate",
    "/oauth2/v1/token",
    "/sso/v1/sdk/secure/session",
];

/// The session endpoint (its causes are variants of their own).
const SESSION: &str = "/sso/v1/sdk/secure/session";

/// The token endpoint (OAuth errors).
const TOKEN: &str = "/oauth2/v1/token";

/// One saved example of an IDCS endpoint.
#[derive(Debug)]
pub(super) struct Recorded {
    /// `collection › folder / … / request › example`, for the report.
    pub source: String,
    /// The recorded body, if it is JSON.
    pub answer: Option<Value>,
    /// The request body as recorded (`body.raw`).
    pub raw: Option<String>,
    /// The request body, if it is JSON.
    pub json: Option<Value>,
    /// The request's `Accept-Language` header.
    pub accept_language: Option<String>,
    /// The request URL's `appName` query value.
    pub app_name: Option<String>,
    /// The request went to the session endpoint.
    pub session: bool,
    /// The request went to the token endpoint.
    pub token: bool,
    /// The request's form fields (`urlencoded` body, else the raw body read as a form).
    pub form: Vec<(String, String)>,
}

impl Recorded {
    /// The primary language subtag of `Accept-Language`, as the simulator reads it
    /// (default `en`).
    pub fn locale(&self) -> String {
        self.accept_language
            .as_deref()
            .and_then(|v| v.split([',', ';', '-', '_']).next())
            .map(|v| v.trim().to_ascii_lowercase())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "en".to_string())
    }

    /// The request's `op`.
    pub fn op(&self) -> Option<&str> {
        self.json.as_ref()?.get("op")?.as_str()
    }

    /// Whether the request submits a password (the first factor).
    pub fn submits_password(&self) -> bool {
        self.json
            .as_ref()
            .and_then(|j| j.get("credentials"))
            .and_then(|c| c.get("password"))
            .is_some()
    }
}

/// Counts of what a walk met.
#[derive(Debug, Default)]
pub(super) struct Walk {
    /// Every saved example.
    pub examples: usize,
    /// The saved examples of the IDCS endpoints.
    pub recorded: Vec<Recorded>,
}

/// Walks `collection`'s items; an error says why it is not a v2 collection.
pub(super) fn walk(name: &str, collection: &Value, into: &mut Walk) -> Result<(), String> {
    let items = collection
        .get("item")
        .and_then(Value::as_array)
        .ok_or("no `item` list: not a Postman v2.0/v2.1 collection")?;
    walk_items(name, "", items, into);
    Ok(())
}

fn walk_items(collection: &str, folder: &str, items: &[Value], into: &mut Walk) {
    for item in items {
        let name = item.get("name").and_then(Value::as_str).unwrap_or("?");
        let path = if folder.is_empty() {
            name.to_string()
        } else {
            format!("{folder} / {name}")
        };
        if let Some(children) = item.get("item").and_then(Value::as_array) {
            walk_items(collection, &path, children, into);
            continue;
        }
        let responses = item.get("response").and_then(Value::as_array);
        for response in responses.into_iter().flatten() {
            into.examples += 1;
            let example = response.get("name").and_then(Value::as_str).unwrap_or("?");
            let request = response
                .get("originalRequest")
                .filter(|r| !r.is_null())
                .or_else(|| item.get("request"));
            let Some(endpoint) = request.and_then(endpoint) else {
                continue;
            };
            let body = |key| request.and_then(|r| r.get("body")).and_then(|b| b.get(key));
            let raw = body("raw").and_then(Value::as_str).map(str::to_string);
            into.recorded.push(Recorded {
                source: format!("{collection} › {path} › {example}"),
                answer: response
                    .get("body")
                    .and_then(Value::as_str)
                    .and_then(|b| serde_json::from_str(b).ok()),
                json: raw.as_deref().and_then(|r| serde_json::from_str(r).ok()),
                raw,
                accept_language: request.and_then(|r| header(r, "accept-language")),
                app_name: request.and_then(app_name),
                session: endpoint == SESSION,
                token: endpoint == TOKEN,
                form: request.map(form).unwrap_or_default(),
            });
        }
    }
}

/// The request's URL: a string, or the object form's `raw` (else its `path`).
fn url(request: &Value) -> Option<String> {
    match request {
        Value::String(url) => Some(url.clone()),
        Value::Object(r) => match r.get("url")? {
            Value::String(url) => Some(url.clone()),
            Value::Object(u) => u
                .get("raw")
                .and_then(Value::as_str)
                .map(str::to_string)
                .or_else(|| path_of(u)),
            _ => None,
        },
        _ => None,
    }
}

/// `/a/b` of a URL object's `path` list.
fn path_of(url: &Map<String, Value>) -> Option<String> {
    let parts = url.get("path")?.as_array()?;
    Some(
        parts
            .iter()
            .filter_map(Value::as_str)
            .fold(String::new(), |p, s| p + "/" + s),
    )
}

/// Which IDCS endpoint the request went to.
fn endpoint(request: &Value) -> Option<&'static str> {
    let url = url(request)?;
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let path = path.trim_end_matches('/');
    ENDPOINTS.into_iter().find(|e| path.ends_with(e))
}

/// The enabled fields of an `urlencoded` body, else the raw body read as a form.
fn form(request: &Value) -> Vec<(String, String)> {
    let body = &request["body"];
    match body["urlencoded"].as_array() {
        Some(fields) => fields
            .iter()
            .filter(|f| f["disabled"].as_bool() != Some(true))
            .filter_map(|f| Some((f["key"].as_str()?.into(), f["value"].as_str()?.into())))
            .collect(),
        None => body["raw"]
            .as_str()
            .map(|raw| {
                url::form_urlencoded::parse(raw.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The value of the enabled header `name` (lower case).
fn header(request: &Value, name: &str) -> Option<String> {
    request
        .get("header")?
        .as_array()?
        .iter()
        .filter(|h| h.get("disabled").and_then(Value::as_bool) != Some(true))
        .find(|h| {
            h.get("key")
                .and_then(Value::as_str)
                .is_some_and(|k| k.eq_ignore_ascii_case(name))
        })
        .and_then(|h| h.get("value")?.as_str().map(str::to_string))
}

/// The `appName` query value (the object form's `query`, else the raw URL's).
fn app_name(request: &Value) -> Option<String> {
    let listed = request
        .get("url")
        .and_then(|u| u.get("query"))
        .and_then(Value::as_array)
        .and_then(|q| {
            q.iter()
                .find(|p| p.get("key").and_then(Value::as_str) == Some("appName"))
                .and_then(|p| p.get("value")?.as_str().map(str::to_string))
        });
    listed.or_else(|| {
        let url = url(request)?;
        let query = url.split_once('?')?.1;
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("appName="))
            .map(str::to_string)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn folders_nest_and_examples_keep_their_request() {
        let collection = json!({"item": [{"name": "F", "item": [{"name": "G", "item": [{
            "name": "R",
            "request": {"method": "POST", "url": "{{HOST}}/sso/v1/sdk/authenticate"},
            "response": [
                {"name": "E", "code": 401, "body": "{\"status\":\"failed\"}",
                 "originalRequest": {"url": {"raw": "{{HOST}}/sso/v1/sdk/authenticate?appName=App"},
                    "header": [{"key": "Accept-Language", "value": "fr-CH"}],
                    "body": {"mode": "raw", "raw": "{\"op\":\"credSubmit\"}"}}},
                {"name": "Other", "code": 200, "body": "x",
                 "originalRequest": {"url": "https://h/admin/v1/Me"}}
            ]
        }]}]}]});
        let mut walk = Walk::default();
        super::walk("C", &collection, &mut walk).unwrap();
        assert_eq!(walk.examples, 2);
        let [rec] = walk.recorded.as_slice() else {
            panic!("{:?}", walk.recorded)
        };
        assert_eq!(rec.source, "C › F / G / R › E");
        assert_eq!(rec.locale(), "fr");
        assert_eq!(rec.app_name.as_deref(), Some("App"));
        assert_eq!(rec.op(), Some("credSubmit"));
        assert!(!rec.session);
    }

    #[test]
    fn a_document_without_items_is_refused() {
        let err = walk("C", &json!({"info": {}}), &mut Walk::default()).unwrap_err();
        assert!(err.contains("item"), "{err}");
    }
}
