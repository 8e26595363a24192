//! Variable definitions of collections, folders, URL path variables and environment files.

use serde::Deserialize;
use serde::de::{self, Deserializer};

use super::scalar::{de_bool_lenient, de_opt_json_text, de_opt_scalar, de_opt_string};

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
