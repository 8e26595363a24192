//! Scripts (`event` entries) attached to a collection, folder or request, their source
//! given as one string or as a list of lines.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::scalar::{de_bool_lenient, de_string};

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

/// A list of scripts; `null` means none.
pub(super) fn de_events<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Event>, D::Error> {
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
