//! Auth settings of a collection, folder or request, with parameters in the v2.0 object
//! form or the v2.1 array form; `inherit` folds into "no auth of its own".

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::scalar::{JsonText, de_opt_json_text, de_string};

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
pub(super) fn de_auth<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Auth>, D::Error> {
    let a = Option::<Auth>::deserialize(d)?;
    Ok(a.filter(|a| a.kind != "inherit"))
}
