//! The top of a collection document: the `info` block with the collection's name, and the
//! collection-level items, auth, variables, scripts and behaviour.

use serde::Deserialize;

use super::auth::{Auth, de_auth};
use super::behavior::Behavior;
use super::event::{Event, de_events};
use super::item::Item;
use super::scalar::{de_opt_string, de_string_or_default};
use super::variable::{VariableDef, de_variables};

/// A whole collection file.
#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "a Postman collection object with `info` and `item`")]
pub struct Collection {
    /// Name (an absent `info` is an unnamed collection, as Newman reads it).
    #[serde(default)]
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
    /// The document's JSON text as loaded (a v1 collection's in its v2.1 form), which
    /// `--export-collection` writes back with the variables the run leaves.
    #[serde(skip)]
    pub source: Option<std::sync::Arc<[u8]>>,
}

/// The `info` block. Its `schema` URL, when given, must be a string; any v2 URL (or
/// none) is read alike, as Newman reads them: the model takes both v2.0 and v2.1 shapes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(expecting = "an info object with `name` and `schema`")]
pub struct Info {
    /// Collection name (used as the first segment of test names).
    #[serde(default, deserialize_with = "de_string_or_default")]
    pub name: String,
    #[serde(default, rename = "schema", deserialize_with = "de_opt_string")]
    _schema: Option<String>,
}
