//! A request definition, written either as a bare URL string or as an object with method,
//! url, headers, body and auth.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, de::value::MapAccessDeserializer};

use super::auth::{Auth, de_auth};
use super::body::Body;
use super::key_value::{KeyValue, de_headers};
use super::scalar::de_opt_string;
use crate::collection::url::{RawUrl, parse_url};

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
