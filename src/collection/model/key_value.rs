//! Key/value pairs as used by headers, query parameters and urlencoded bodies, and header
//! blocks written either as a list or as a `Key: value` string.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::scalar::{de_bool_lenient, de_opt_scalar};

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

/// Headers as a list of `{key, value}` objects or as a header string; `null` → none.
pub(super) fn de_headers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<KeyValue>, D::Error> {
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

/// A list of key/value pairs; `null` means none.
pub(super) fn de_opt_kv_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<KeyValue>, D::Error> {
    Ok(Option::<Vec<KeyValue>>::deserialize(d)?.unwrap_or_default())
}
