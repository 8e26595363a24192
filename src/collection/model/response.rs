//! Saved example responses of a request item.

use serde::Deserialize;
use serde::de::Deserializer;

use super::key_value::{KeyValue, de_headers};
use super::scalar::de_opt_string;

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

/// A list of saved responses; `null` means none.
pub(super) fn de_responses<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<SavedResponse>, D::Error> {
    Ok(Option::<Vec<SavedResponse>>::deserialize(d)?.unwrap_or_default())
}
