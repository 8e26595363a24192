//! Scripts (`event` entries) attached to a collection, folder or request, their source
//! given as one string or as a list of lines. As Newman reads them, `event` may be one
//! object instead of a list, `script` may be the source itself (a string or a list of
//! lines), and a script without `exec` (only an `id` or a `src`) has no source.

use std::fmt;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::scalar::{de_bool_lenient, de_string_or_default};

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
    #[serde(default, deserialize_with = "de_string_or_default")]
    listen: String,
    #[serde(default, deserialize_with = "de_script")]
    script: String,
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
            source: raw.script,
            disabled: raw.disabled,
        })
    }
}

/// A list of scripts, or one script object; `null` means none.
pub(super) fn de_events<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Event>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<Event>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of event objects")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Vec<Event>, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Event>, A::Error> {
            let mut out = Vec::new();
            while let Some(e) = seq.next_element()? {
                out.push(e);
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<Event>, A::Error> {
            Ok(vec![Event::deserialize(MapAccessDeserializer::new(map))?])
        }
    }
    d.deserialize_any(V)
}

/// A `script`: an object with `exec`, or the source itself as a string or lines.
fn de_script<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a script object {exec}, or script source")
        }
        fn visit_unit<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
            Ok(s.to_string())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<String, A::Error> {
            lines(seq)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<String, A::Error> {
            Ok(RawScript::deserialize(MapAccessDeserializer::new(map))?.exec)
        }
    }
    d.deserialize_any(V)
}

fn lines<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<String, A::Error> {
    let mut lines: Vec<String> = Vec::new();
    while let Some(l) = seq.next_element::<String>()? {
        lines.push(l);
    }
    Ok(lines.join("\n"))
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
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<String, A::Error> {
            lines(seq)
        }
    }
    d.deserialize_any(V)
}
