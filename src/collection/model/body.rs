//! Request bodies: raw text with its language, urlencoded fields, multipart form parts,
//! a file, GraphQL, or nothing.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::key_value::{KeyValue, de_opt_kv_list};
use super::scalar::{de_bool_lenient, de_opt_json_text, de_opt_scalar, de_opt_string};

/// Body of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// `mode: raw`, with `options.raw.language` when given.
    Raw {
        /// The text, `{{variables}}` substituted before anything parses it.
        text: String,
        /// `json`, `xml`, `text`, `html`, `javascript`, or `None`.
        language: Option<String>,
    },
    /// `mode: urlencoded`.
    UrlEncoded(Vec<KeyValue>),
    /// `mode: formdata`.
    FormData(Vec<FormPart>),
    /// `mode: file`: the body is a file's bytes (`None`: no file chosen).
    File(Option<String>),
    /// `mode: graphql`.
    GraphQl {
        /// The query text.
        query: String,
        /// Variables as JSON text.
        variables: String,
    },
    /// `disabled: true`, no mode, or an unknown mode: nothing is sent.
    Empty,
}

/// One part of a multipart form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormPart {
    /// Field name.
    pub key: String,
    /// Text value or file source.
    pub content: FormContent,
    /// Explicit `contentType` of the part.
    pub content_type: Option<String>,
    /// Disabled parts are not sent.
    pub disabled: bool,
}

/// Content of a form part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormContent {
    /// A text field.
    Text(String),
    /// File paths (relative to `--working-dir`); empty when none was chosen.
    Files(Vec<String>),
}

#[derive(Deserialize)]
#[serde(expecting = "a body object with a `mode`")]
struct RawBody {
    #[serde(default, deserialize_with = "de_opt_string")]
    mode: Option<String>,
    #[serde(default, deserialize_with = "de_opt_string")]
    raw: Option<String>,
    #[serde(default, deserialize_with = "de_opt_kv_list")]
    urlencoded: Vec<KeyValue>,
    #[serde(default, deserialize_with = "de_opt_form")]
    formdata: Vec<FormPart>,
    #[serde(default)]
    file: Option<RawFile>,
    #[serde(default)]
    graphql: Option<RawGraphQl>,
    #[serde(default)]
    options: Option<RawBodyOptions>,
    #[serde(default, deserialize_with = "de_bool_lenient")]
    disabled: bool,
}

#[derive(Deserialize)]
#[serde(expecting = "a {src} object")]
struct RawFile {
    #[serde(default, deserialize_with = "de_opt_string")]
    src: Option<String>,
}

#[derive(Deserialize)]
#[serde(expecting = "a {query, variables} object")]
struct RawGraphQl {
    #[serde(default, deserialize_with = "de_opt_string")]
    query: Option<String>,
    #[serde(default, deserialize_with = "de_opt_json_text")]
    variables: Option<String>,
}

#[derive(Deserialize)]
#[serde(expecting = "a body options object")]
struct RawBodyOptions {
    #[serde(default)]
    raw: Option<RawLanguage>,
}

#[derive(Deserialize)]
#[serde(expecting = "a {language} object")]
struct RawLanguage {
    #[serde(default, deserialize_with = "de_opt_string")]
    language: Option<String>,
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawBody::deserialize(d)?;
        if raw.disabled {
            return Ok(Body::Empty);
        }
        Ok(match raw.mode.as_deref() {
            Some("raw") => Body::Raw {
                text: raw.raw.unwrap_or_default(),
                language: raw.options.and_then(|o| o.raw).and_then(|r| r.language),
            },
            Some("urlencoded") => Body::UrlEncoded(raw.urlencoded),
            Some("formdata") => Body::FormData(raw.formdata),
            Some("file") => Body::File(raw.file.and_then(|f| f.src)),
            Some("graphql") => {
                let g = raw.graphql.unwrap_or(RawGraphQl {
                    query: None,
                    variables: None,
                });
                Body::GraphQl {
                    query: g.query.unwrap_or_default(),
                    variables: g.variables.unwrap_or_default(),
                }
            }
            _ => Body::Empty,
        })
    }
}

#[derive(Deserialize)]
#[serde(expecting = "a form field object {key, value|src, type}")]
struct RawFormPart {
    #[serde(default, deserialize_with = "de_opt_scalar")]
    key: Option<String>,
    #[serde(default, deserialize_with = "de_opt_scalar")]
    value: Option<String>,
    #[serde(default, deserialize_with = "de_opt_string")]
    r#type: Option<String>,
    #[serde(default, deserialize_with = "de_file_src")]
    src: Vec<String>,
    #[serde(default, rename = "contentType", deserialize_with = "de_opt_string")]
    content_type: Option<String>,
    #[serde(default, deserialize_with = "de_bool_lenient")]
    disabled: bool,
}

impl<'de> Deserialize<'de> for FormPart {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawFormPart::deserialize(d)?;
        let content = if raw.r#type.as_deref() == Some("file") {
            FormContent::Files(raw.src)
        } else {
            FormContent::Text(raw.value.unwrap_or_default())
        };
        Ok(FormPart {
            key: raw.key.unwrap_or_default(),
            content,
            content_type: raw.content_type,
            disabled: raw.disabled,
        })
    }
}

fn de_file_src<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a file path, a list of file paths or null")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok(vec![s.to_string()])
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(s) = seq.next_element::<String>()? {
                out.push(s);
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

fn de_opt_form<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<FormPart>, D::Error> {
    Ok(Option::<Vec<FormPart>>::deserialize(d)?.unwrap_or_default())
}
