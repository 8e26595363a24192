//! Entries of an `item` array: folders (item groups) and request items, told apart by
//! whether the entry has `item` or `request`.

use serde::Deserialize;
use serde::de::{self, Deserializer};

use super::auth::{Auth, de_auth};
use super::behavior::Behavior;
use super::event::{Event, de_events};
use super::request::Request;
use super::response::{SavedResponse, de_responses};
use super::scalar::de_opt_string;
use super::variable::{VariableDef, de_variables};

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
    /// Request name ("" when the item has none).
    pub name: String,
    /// The request itself.
    pub request: Request,
    /// Saved example responses.
    pub responses: Vec<SavedResponse>,
    /// Item scripts.
    pub events: Vec<Event>,
    /// Item `protocolProfileBehavior`.
    pub behavior: Behavior,
    /// 1-based line of the item in its collection file (`None` for a converted v1
    /// collection, or text the line scanner could not follow).
    pub line: Option<usize>,
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
            // Newman leaves an unnamed request unnamed (its id is not its name).
            name: raw.name.unwrap_or_default(),
            request,
            responses: raw.responses,
            events: raw.events,
            behavior: raw.behavior,
            line: None,
        })))
    }
}
