//! Serde model of the Postman collection format v2.0.0 and v2.1.0.
//!
//! Fields that can take several shapes (request as string or object, url as string or
//! object, headers as list or string, auth parameters as v2.0 object or v2.1 array) have
//! hand-written visitors, so a wrong type is reported as "expected a URL string or object"
//! at the exact JSON path, never as serde's opaque "did not match any variant".
//! Unknown fields are ignored.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, de::value::MapAccessDeserializer};

use super::url::{RawUrl, parse_url};

/// Version of the collection format, read from `info.schema`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatVersion {
    /// `…/collection/v2.0.0/collection.json`
    V2_0,
    /// `…/collection/v2.1.0/collection.json`
    V2_1,
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.contains("/v2.1.0/") || s.contains("/v2.1/") {
            Ok(FormatVersion::V2_1)
        } else if s.contains("/v2.0.0/") || s.contains("/v2.0/") {
            Ok(FormatVersion::V2_0)
        } else if s.contains("/v1") {
            Err(de::Error::custom(format!(
                "collection format v1 is not supported (schema {s:?}); re-export the collection from Postman as v2.1"
            )))
        } else {
            Err(de::Error::invalid_value(
                de::Unexpected::Str(&s),
                &"a Postman collection schema URL for v2.0.0 or v2.1.0",
            ))
        }
    }
}

/// A whole collection file.
#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "a Postman collection object with `info` and `item`")]
pub struct Collection {
    /// Name, id and format version.
    pub info: Info,
    /// Top-level items (requests and folders) in document order.
    #[serde(default, rename = "item")]
    pub items: Vec<Item>,
    /// Collection-level auth, inherited by every item that does not set its own.
    #[serde(default, deserialize_with = "de_auth")]
    pub auth: Option<Auth>,
    /// Collection variables.
    #[serde(default, rename = "variable", deserialize_with = "de_variables")]
    pub variables: Vec<VariableDef>,
    /// Collection-level scripts.
    #[serde(default, rename = "event", deserialize_with = "de_events")]
    pub events: Vec<Event>,
    /// Collection-level `protocolProfileBehavior`.
    #[serde(default, rename = "protocolProfileBehavior")]
    pub behavior: Behavior,
}

/// The `info` block.
#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "an info object with `name` and `schema`")]
pub struct Info {
    /// Collection name (used as the first segment of test names).
    #[serde(default, deserialize_with = "de_string_or_default")]
    pub name: String,
    /// Format version from `info.schema`.
    pub schema: FormatVersion,
}

/// An entry of an `item` array: a folder or a request.
#[derive(Debug, Clone)]
pub enum Item {
    /// An item group (`item` key present).
    Folder(Folder),
    /// A request item.
    Request(Box<RequestItem>),
}

/// A folder (item group).
#[derive(Debug, Clone)]
pub struct Folder {
    /// Folder name.
    pub name: String,
    /// Children in document order.
    pub items: Vec<Item>,
    /// Folder auth (`None` inherits).
    pub auth: Option<Auth>,
    /// Folder variables.
    pub variables: Vec<VariableDef>,
    /// Folder scripts.
    pub events: Vec<Event>,
    /// Folder `protocolProfileBehavior`.
    pub behavior: Behavior,
}

/// A request item with its scripts and saved examples.
#[derive(Debug, Clone)]
pub struct RequestItem {
    /// Request name.
    pub name: String,
    /// The request itself.
    pub request: Request,
    /// Saved example responses.
    pub responses: Vec<SavedResponse>,
    /// Item scripts.
    pub events: Vec<Event>,
    /// Item `protocolProfileBehavior`.
    pub behavior: Behavior,
}

#[derive(Deserialize)]
#[serde(expecting = "an item object (a request with `request`, or a folder with `item`)")]
struct RawItem {
    #[serde(default, deserialize_with = "de_opt_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "de_opt_string")]
    id: Option<String>,
    #[serde(default)]
    item: Option<Vec<Item>>,
    #[serde(default)]
    request: Option<Request>,
    #[serde(default, rename = "response", deserialize_with = "de_responses")]
    responses: Vec<SavedResponse>,
    #[serde(default, rename = "event", deserialize_with = "de_events")]
    events: Vec<Event>,
    #[serde(default, rename = "variable", deserialize_with = "de_variables")]
    variables: Vec<VariableDef>,
    #[serde(default, deserialize_with = "de_auth")]
    auth: Option<Auth>,
    #[serde(default, rename = "protocolProfileBehavior")]
    behavior: Behavior,
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawItem::deserialize(d)?;
        if let Some(items) = raw.item {
            return Ok(Item::Folder(Folder {
                name: raw
                    .name
                    .or(raw.id)
                    .unwrap_or_else(|| "Untitled Folder".into()),
                items,
                auth: raw.auth,
                variables: raw.variables,
                events: raw.events,
                behavior: raw.behavior,
            }));
        }
        let Some(request) = raw.request else {
            return Err(de::Error::custom(
                "an item needs either `request` (a request item) or `item` (a folder)",
            ));
        };
        Ok(Item::Request(Box::new(RequestItem {
            name: raw
                .name
                .or(raw.id)
                .unwrap_or_else(|| "Untitled Request".into()),
            request,
            responses: raw.responses,
            events: raw.events,
            behavior: raw.behavior,
        })))
    }
}

/// `protocolProfileBehavior` switches pmcheck honours.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[serde(expecting = "a protocolProfileBehavior object")]
pub struct Behavior {
    /// Follow redirects (`None`: inherit, default on unless `--ignore-redirects`).
    #[serde(default, deserialize_with = "de_opt_bool_lenient")]
    pub follow_redirects: Option<bool>,
    /// Keep the body of GET/HEAD requests.
    #[serde(default, deserialize_with = "de_opt_bool_lenient")]
    pub disable_body_pruning: Option<bool>,
}

impl Behavior {
    /// `self` with unset switches taken from `parent`.
    pub fn inherit(self, parent: Behavior) -> Behavior {
        Behavior {
            follow_redirects: self.follow_redirects.or(parent.follow_redirects),
            disable_body_pruning: self.disable_body_pruning.or(parent.disable_body_pruning),
        }
    }
}

/// A request definition.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Method as written (may hold `{{variables}}`); defaults to `GET`.
    pub method: String,
    /// The URL, parsed into Postman's parts.
    pub url: RawUrl,
    /// Headers in order (disabled ones kept, flagged).
    pub headers: Vec<KeyValue>,
    /// The body, if any.
    pub body: Option<Body>,
    /// Request auth: `None` inherits from the parent folder or collection.
    pub auth: Option<Auth>,
}

#[derive(Deserialize)]
#[serde(expecting = "a request object")]
struct RawRequest {
    #[serde(default, deserialize_with = "de_opt_string")]
    method: Option<String>,
    #[serde(default)]
    url: Option<RawUrl>,
    #[serde(default, rename = "header", deserialize_with = "de_headers")]
    headers: Vec<KeyValue>,
    #[serde(default)]
    body: Option<Body>,
    #[serde(default, deserialize_with = "de_auth")]
    auth: Option<Auth>,
}

impl<'de> Deserialize<'de> for Request {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Request;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a URL string or a request object")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Request, E> {
                Ok(Request {
                    method: "GET".into(),
                    url: parse_url(s),
                    ..Request::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Request, A::Error> {
                let raw = RawRequest::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Request {
                    method: raw.method.unwrap_or_else(|| "GET".into()),
                    url: raw.url.unwrap_or_default(),
                    headers: raw.headers,
                    body: raw.body,
                    auth: raw.auth,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A key/value pair as used by headers, query parameters and urlencoded bodies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyValue {
    /// Key (may be `None` for a query parameter written `?=x`).
    pub key: Option<String>,
    /// Value; `None` when the JSON has `null` or no value (`?flag` sends no `=`).
    pub value: Option<String>,
    /// Disabled entries are kept in the model but never sent.
    pub disabled: bool,
}

#[derive(Deserialize)]
#[serde(expecting = "a {key, value} object")]
struct RawKeyValue {
    #[serde(default, deserialize_with = "de_opt_scalar")]
    key: Option<String>,
    #[serde(default, deserialize_with = "de_opt_scalar")]
    value: Option<String>,
    #[serde(default, deserialize_with = "de_bool_lenient")]
    disabled: bool,
}

impl<'de> Deserialize<'de> for KeyValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawKeyValue::deserialize(d)?;
        Ok(KeyValue {
            key: raw.key,
            value: raw.value,
            disabled: raw.disabled,
        })
    }
}

/// Parses a header block written as a string (`"Key: value\nOther: x"`).
fn parse_header_string(s: &str) -> Vec<KeyValue> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let (disabled, line) = match line.trim_start().strip_prefix("//") {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let (k, v) = line.split_once(':').unwrap_or((line, ""));
            KeyValue {
                key: Some(k.trim().to_string()),
                value: Some(v.trim().to_string()),
                disabled,
            }
        })
        .collect()
}

fn de_headers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<KeyValue>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<KeyValue>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of headers or a header string")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok(parse_header_string(s))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(h) = seq.next_element::<KeyValue>()? {
                out.push(h);
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

/// Body of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// `mode: raw`, with `options.raw.language` when given.
    Raw {
        /// The text, `{{variables}}` substituted before anything parses it.
        text: String,
        /// `json`, `xml`, `text`, `html`, `javascript`, or `None`.
        language: Option<String>,
    },
    /// `mode: urlencoded`.
    UrlEncoded(Vec<KeyValue>),
    /// `mode: formdata`.
    FormData(Vec<FormPart>),
    /// `mode: file`: the body is a file's bytes (`None`: no file chosen).
    File(Option<String>),
    /// `mode: graphql`.
    GraphQl {
        /// The query text.
        query: String,
        /// Variables as JSON text.
        variables: String,
    },
    /// `disabled: true`, no mode, or an unknown mode: nothing is sent.
    Empty,
}

/// One part of a multipart form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormPart {
    /// Field name.
    pub key: String,
    /// Text value or file source.
    pub content: FormContent,
    /// Explicit `contentType` of the part.
    pub content_type: Option<String>,
    /// Disabled parts are not sent.
    pub disabled: bool,
}

/// Content of a form part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormContent {
    /// A text field.
    Text(String),
    /// File paths (relative to `--working-dir`); empty when none was chosen.
    Files(Vec<String>),
}

#[derive(Deserialize)]
#[serde(expecting = "a body object with a `mode`")]
struct RawBody {
    #[serde(default, deserialize_with = "de_opt_string")]
    mode: Option<String>,
    #[serde(default, deserialize_with = "de_opt_string")]
    raw: Option<String>,
    #[serde(default, deserialize_with = "de_opt_kv_list")]
    urlencoded: Vec<KeyValue>,
    #[serde(default, deserialize_with = "de_opt_form")]
    formdata: Vec<FormPart>,
    #[serde(default)]
    file: Option<RawFile>,
    #[serde(default)]
    graphql: Option<RawGraphQl>,
    #[serde(default)]
    options: Option<RawBodyOptions>,
    #[serde(default, deserialize_with = "de_bool_lenient")]
    disabled: bool,
}

#[derive(Deserialize)]
#[serde(expecting = "a {src} object")]
struct RawFile {
    #[serde(default, deserialize_with = "de_opt_string")]
    src: Option<String>,
}

#[derive(Deserialize)]
#[serde(expecting = "a {query, variables} object")]
struct RawGraphQl {
    #[serde(default, deserialize_with = "de_opt_string")]
    query: Option<String>,
    #[serde(default, deserialize_with = "de_opt_json_text")]
    variables: Option<String>,
}

#[derive(Deserialize)]
#[serde(expecting = "a body options object")]
struct RawBodyOptions {
    #[serde(default)]
    raw: Option<RawLanguage>,
}

#[derive(Deserialize)]
#[serde(expecting = "a {language} object")]
struct RawLanguage {
    #[serde(default, deserialize_with = "de_opt_string")]
    language: Option<String>,
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawBody::deserialize(d)?;
        if raw.disabled {
            return Ok(Body::Empty);
        }
        Ok(match raw.mode.as_deref() {
            Some("raw") => Body::Raw {
                text: raw.raw.unwrap_or_default(),
                language: raw.options.and_then(|o| o.raw).and_then(|r| r.language),
            },
            Some("urlencoded") => Body::UrlEncoded(raw.urlencoded),
            Some("formdata") => Body::FormData(raw.formdata),
            Some("file") => Body::File(raw.file.and_then(|f| f.src)),
            Some("graphql") => {
                let g = raw.graphql.unwrap_or(RawGraphQl {
                    query: None,
                    variables: None,
                });
                Body::GraphQl {
                    query: g.query.unwrap_or_default(),
                    variables: g.variables.unwrap_or_default(),
                }
            }
            _ => Body::Empty,
        })
    }
}

#[derive(Deserialize)]
#[serde(expecting = "a form field object {key, value|src, type}")]
struct RawFormPart {
    #[serde(default, deserialize_with = "de_opt_scalar")]
    key: Option<String>,
    #[serde(default, deserialize_with = "de_opt_scalar")]
    value: Option<String>,
    #[serde(default, deserialize_with = "de_opt_string")]
    r#type: Option<String>,
    #[serde(default, deserialize_with = "de_file_src")]
    src: Vec<String>,
    #[serde(default, rename = "contentType", deserialize_with = "de_opt_string")]
    content_type: Option<String>,
    #[serde(default, deserialize_with = "de_bool_lenient")]
    disabled: bool,
}

impl<'de> Deserialize<'de> for FormPart {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawFormPart::deserialize(d)?;
        let content = if raw.r#type.as_deref() == Some("file") {
            FormContent::Files(raw.src)
        } else {
            FormContent::Text(raw.value.unwrap_or_default())
        };
        Ok(FormPart {
            key: raw.key.unwrap_or_default(),
            content,
            content_type: raw.content_type,
            disabled: raw.disabled,
        })
    }
}

fn de_file_src<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a file path, a list of file paths or null")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok(vec![s.to_string()])
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(s) = seq.next_element::<String>()? {
                out.push(s);
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

/// Auth settings of a collection, folder or request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Auth {
    /// `noauth`, `basic`, `bearer`, `apikey`, `digest`, `oauth2`, … (`inherit` is folded into `None`).
    pub kind: String,
    /// Parameters as strings, in document order (v2.0 object and v2.1 array forms alike).
    pub params: Vec<(String, String)>,
}

impl Auth {
    /// The parameter `key`, if set.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Deserialize)]
#[serde(expecting = "an auth parameter {key, value}")]
struct AuthParam {
    #[serde(deserialize_with = "de_string")]
    key: String,
    #[serde(default, deserialize_with = "de_opt_json_text")]
    value: Option<String>,
}

/// Auth parameters in the v2.1 array form or the v2.0 object form.
struct AuthParams(Vec<(String, String)>);

impl<'de> Deserialize<'de> for AuthParams {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AuthParams;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("auth parameters as a list of {key, value} or an object")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(AuthParams(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element::<AuthParam>()? {
                    out.push((p.key, p.value.unwrap_or_default()));
                }
                Ok(AuthParams(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    let v: JsonText = map.next_value()?;
                    out.push((k, v.0.unwrap_or_default()));
                }
                Ok(AuthParams(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Auth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Auth;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an auth object with a `type`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Auth, A::Error> {
                let mut kind: Option<String> = None;
                let mut by_type: Vec<(String, Vec<(String, String)>)> = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    if k == "type" {
                        kind = Some(map.next_value::<String>()?);
                    } else {
                        let p: AuthParams = map.next_value()?;
                        by_type.push((k, p.0));
                    }
                }
                let Some(kind) = kind else {
                    return Err(de::Error::missing_field("type"));
                };
                let params = by_type
                    .into_iter()
                    .find(|(k, _)| *k == kind)
                    .map(|(_, p)| p)
                    .unwrap_or_default();
                Ok(Auth { kind, params })
            }
        }
        d.deserialize_map(V)
    }
}

/// `auth` that may be `null` or `{type: "inherit"}` (both inherit).
fn de_auth<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Auth>, D::Error> {
    let a = Option::<Auth>::deserialize(d)?;
    Ok(a.filter(|a| a.kind != "inherit"))
}

/// A variable definition (collection, folder, url path variable or environment entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableDef {
    /// Variable name.
    pub key: String,
    /// Value as text (numbers and booleans in their JSON spelling).
    pub value: String,
    /// `type: secret`.
    pub secret: bool,
    /// `disabled: true` (v2 variables) or `enabled: false` (environment files).
    pub disabled: bool,
}

#[derive(Deserialize)]
#[serde(expecting = "a variable object {key, value}")]
struct RawVariable {
    #[serde(default, deserialize_with = "de_opt_scalar")]
    key: Option<String>,
    #[serde(default, deserialize_with = "de_opt_scalar")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_opt_json_text")]
    value: Option<String>,
    #[serde(default, deserialize_with = "de_opt_string")]
    r#type: Option<String>,
    #[serde(default, deserialize_with = "de_bool_lenient")]
    disabled: bool,
    #[serde(default)]
    enabled: Option<bool>,
}

impl<'de> Deserialize<'de> for VariableDef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawVariable::deserialize(d)?;
        let Some(key) = raw.key.or(raw.id) else {
            return Err(de::Error::missing_field("key"));
        };
        Ok(VariableDef {
            key,
            value: raw.value.unwrap_or_default(),
            secret: raw.r#type.as_deref() == Some("secret"),
            disabled: raw.disabled || raw.enabled == Some(false),
        })
    }
}

/// A list of variables; `null` means none.
pub(crate) fn de_variables<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<VariableDef>, D::Error> {
    Ok(Option::<Vec<VariableDef>>::deserialize(d)?.unwrap_or_default())
}

/// A script attached to a collection, folder or request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// `prerequest` or `test`.
    pub listen: String,
    /// Script source (`exec` lines joined with `\n`).
    pub source: String,
    /// Disabled scripts never run.
    pub disabled: bool,
}

#[derive(Deserialize)]
#[serde(expecting = "an event object {listen, script}")]
struct RawEvent {
    #[serde(deserialize_with = "de_string")]
    listen: String,
    #[serde(default)]
    script: Option<RawScript>,
    #[serde(default, deserialize_with = "de_bool_lenient")]
    disabled: bool,
}

#[derive(Deserialize)]
#[serde(expecting = "a script object {exec}")]
struct RawScript {
    #[serde(default, deserialize_with = "de_exec")]
    exec: String,
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawEvent::deserialize(d)?;
        Ok(Event {
            listen: raw.listen,
            source: raw.script.map(|s| s.exec).unwrap_or_default(),
            disabled: raw.disabled,
        })
    }
}

fn de_events<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Event>, D::Error> {
    Ok(Option::<Vec<Event>>::deserialize(d)?.unwrap_or_default())
}

fn de_exec<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("script source as a string or a list of lines")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
            Ok(s.to_string())
        }
        fn visit_unit<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
            let mut lines: Vec<String> = Vec::new();
            while let Some(l) = seq.next_element::<String>()? {
                lines.push(l);
            }
            Ok(lines.join("\n"))
        }
    }
    d.deserialize_any(V)
}

/// A saved example response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedResponse {
    /// Example name.
    pub name: String,
    /// Status code, if recorded.
    pub code: Option<u16>,
    /// Status text (`"OK"`), if recorded.
    pub status: Option<String>,
    /// Response headers.
    pub headers: Vec<KeyValue>,
    /// Body text.
    pub body: Option<String>,
}

#[derive(Deserialize)]
#[serde(expecting = "a saved response object")]
struct RawResponse {
    #[serde(default, deserialize_with = "de_opt_string")]
    name: Option<String>,
    #[serde(default)]
    code: Option<u16>,
    #[serde(default, deserialize_with = "de_opt_string")]
    status: Option<String>,
    #[serde(default, rename = "header", deserialize_with = "de_headers")]
    headers: Vec<KeyValue>,
    #[serde(default, deserialize_with = "de_opt_string")]
    body: Option<String>,
}

impl<'de> Deserialize<'de> for SavedResponse {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawResponse::deserialize(d)?;
        Ok(SavedResponse {
            name: raw.name.unwrap_or_default(),
            code: raw.code,
            status: raw.status,
            headers: raw.headers,
            body: raw.body,
        })
    }
}

fn de_responses<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<SavedResponse>, D::Error> {
    Ok(Option::<Vec<SavedResponse>>::deserialize(d)?.unwrap_or_default())
}

fn de_opt_kv_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<KeyValue>, D::Error> {
    Ok(Option::<Vec<KeyValue>>::deserialize(d)?.unwrap_or_default())
}

fn de_opt_form<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<FormPart>, D::Error> {
    Ok(Option::<Vec<FormPart>>::deserialize(d)?.unwrap_or_default())
}

/// A required string.
pub(crate) fn de_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    String::deserialize(d)
}

fn de_string_or_default<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// An optional string (`null` or absent → `None`).
pub(crate) fn de_opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d)
}

/// A string, number or boolean as text; `null` → `None`.
pub(crate) fn de_opt_scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string, a number, a boolean or null")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok(Some(s.to_string()))
        }
        fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
            Ok(Some(s))
        }
        fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
            Ok(Some(b.to_string()))
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
            Ok(Some(n.to_string()))
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
            Ok(Some(n.to_string()))
        }
        fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
            Ok(Some(
                serde_json::Number::from_f64(n).map_or_else(|| n.to_string(), |n| n.to_string()),
            ))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// Any JSON value as text: strings verbatim, other values in their JSON spelling.
struct JsonText(Option<String>);

impl<'de> Deserialize<'de> for JsonText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Ok(JsonText(match v {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s),
            other => Some(other.to_string()),
        }))
    }
}

/// Any JSON value as text (see [`JsonText`]).
pub(crate) fn de_opt_json_text<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    Ok(JsonText::deserialize(d)?.0)
}

/// An optional boolean, lenient as [`de_bool_lenient`].
fn de_opt_bool_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    de_bool_lenient(d).map(Some)
}

/// A boolean, also accepting `null` (false), `0`/`1` and the strings `"true"`/`"false"`.
pub(crate) fn de_bool_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a boolean (or 0/1)")
        }
        fn visit_bool<E: de::Error>(self, b: bool) -> Result<bool, E> {
            Ok(b)
        }
        fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<bool, E> {
            match n {
                0 => Ok(false),
                1 => Ok(true),
                _ => Err(E::invalid_value(de::Unexpected::Unsigned(n), &self)),
            }
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<bool, E> {
            match n {
                0 => Ok(false),
                1 => Ok(true),
                _ => Err(E::invalid_value(de::Unexpected::Signed(n), &self)),
            }
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<bool, E> {
            match s {
                "true" => Ok(true),
                "false" | "" => Ok(false),
                _ => Err(E::invalid_value(de::Unexpected::Str(s), &self)),
            }
        }
    }
    d.deserialize_any(V)
}
