//! The top of a collection document: the `info` block with the format version, and the
//! collection-level items, auth, variables, scripts and behaviour.

use serde::Deserialize;
use serde::de::{self, Deserializer};

use super::auth::{Auth, de_auth};
use super::behavior::Behavior;
use super::event::{Event, de_events};
use super::item::Item;
use super::scalar::de_string_or_default;
use super::variable::{VariableDef, de_variables};

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
