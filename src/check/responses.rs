//! The documented responses of one endpoint, as OpenAPI's `responses` are: by status
//! (exact, class, `default`), then by media type, each with a body rule and the headers
//! it must carry.

use std::sync::Arc;

use super::compiled::CompiledSchema;
use super::expect::StatusPattern;
use super::media::{MediaRange, essence, is_json};

/// A key of a responses map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKey {
    /// One status (`401`).
    Code(u16),
    /// A class (`4xx`, `4XX`), by its first digit.
    Class(u8),
    /// Every status not otherwise documented.
    Default,
}

impl StatusKey {
    /// Parses `200`, `4xx`, `4XX` or `default`.
    pub fn parse(s: &str) -> Option<StatusKey> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("default") {
            return Some(StatusKey::Default);
        }
        match StatusPattern::parse(&s.to_ascii_lowercase())? {
            StatusPattern::Code(c) => Some(StatusKey::Code(c)),
            StatusPattern::Class(c) => Some(StatusKey::Class(c)),
        }
    }
}

impl std::fmt::Display for StatusKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatusKey::Code(c) => write!(f, "{c}"),
            StatusKey::Class(c) => write!(f, "{c}xx"),
            StatusKey::Default => f.write_str("default"),
        }
    }
}

/// How a body of one media type is judged.
#[derive(Debug, Clone)]
pub enum BodyRule {
    /// Any body (`none` in a schema map, a media type without a schema in OpenAPI).
    Any,
    /// A JSON body satisfying the schema.
    Schema(Arc<CompiledSchema>),
}

/// The bodies a documented response allows.
#[derive(Debug, Clone)]
pub enum Bodies {
    /// The legacy schema-map form (a file name for the status): whatever the media type,
    /// the body must be JSON satisfying the schema.
    Json(Arc<CompiledSchema>),
    /// By media range; an empty list documents no body, and any is accepted.
    ByMedia(Vec<(MediaRange, BodyRule)>),
}

/// One documented response.
#[derive(Debug, Clone)]
pub struct DocumentedResponse {
    /// The bodies it allows.
    pub bodies: Bodies,
    /// Names of the headers it must carry.
    pub headers: Vec<String>,
}

/// How the body of one response is to be judged.
#[derive(Debug, Clone)]
pub enum BodyVerdict<'a> {
    /// No body check.
    Unchecked,
    /// The body must be JSON satisfying the schema.
    Json(&'a Arc<CompiledSchema>),
    /// The response's media type is not documented for its status.
    Undocumented {
        /// The documented media ranges.
        documented: Vec<String>,
    },
}

impl DocumentedResponse {
    /// The rule for a body with `content_type` (`None`: the response had none). The most
    /// specific documented range that contains the media type wins; a schema applies
    /// only to a JSON media type (a wildcard range accepts other types unchecked); a
    /// response without `Content-Type` is judged by a JSON entry if there is one, else by
    /// `*/*`.
    pub fn body(&self, content_type: Option<&str>) -> BodyVerdict<'_> {
        let entries = match &self.bodies {
            Bodies::Json(schema) => return BodyVerdict::Json(schema),
            Bodies::ByMedia(entries) if entries.is_empty() => return BodyVerdict::Unchecked,
            Bodies::ByMedia(entries) => entries,
        };
        let media = content_type.map(essence);
        let found = match &media {
            Some(m) => entries
                .iter()
                .filter(|(range, _)| range.matches(m))
                .max_by_key(|(range, _)| range.specificity()),
            None => entries
                .iter()
                .filter(|(range, _)| range.is_json())
                .max_by_key(|(range, _)| range.specificity())
                .or_else(|| entries.iter().find(|(r, _)| *r == MediaRange::Any)),
        };
        match found {
            Some((_, BodyRule::Any)) => BodyVerdict::Unchecked,
            Some((_, BodyRule::Schema(schema))) => {
                if media.as_deref().is_none_or(is_json) {
                    BodyVerdict::Json(schema)
                } else {
                    BodyVerdict::Unchecked
                }
            }
            None => BodyVerdict::Undocumented {
                documented: entries.iter().map(|(r, _)| r.to_string()).collect(),
            },
        }
    }
}

/// The documented responses of one endpoint.
#[derive(Debug, Clone, Default)]
pub struct Responses {
    entries: Vec<(StatusKey, DocumentedResponse)>,
}

impl Responses {
    /// No documented response.
    pub fn new() -> Self {
        Responses::default()
    }

    /// Documents `response` for `key` (a later entry for the same key replaces it).
    pub fn insert(&mut self, key: StatusKey, response: DocumentedResponse) {
        self.entries.retain(|(k, _)| *k != key);
        self.entries.push((key, response));
    }

    /// The response documented for `status`: exact, then class, then `default`, with the
    /// key that matched.
    pub fn for_status(&self, status: u16) -> Option<(StatusKey, &DocumentedResponse)> {
        let find = |want: StatusKey| {
            self.entries
                .iter()
                .find(|(k, _)| *k == want)
                .map(|(k, r)| (*k, r))
        };
        find(StatusKey::Code(status))
            .or_else(|| {
                u8::try_from(status / 100)
                    .ok()
                    .and_then(|c| find(StatusKey::Class(c)))
            })
            .or_else(|| find(StatusKey::Default))
    }

    /// The documented keys, in the order they were given (`200`, `4xx`, `default`).
    pub fn keys(&self) -> impl Iterator<Item = String> + '_ {
        self.entries.iter().map(|(k, _)| k.to_string())
    }

    /// Whether nothing is documented.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// What a schema source documents for one request.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lookup<'a> {
    /// The operation or endpoint matched (`GET /pet/{petId}`), for reports.
    pub operation: Option<&'a str>,
    /// Its documented responses.
    pub responses: Option<&'a Responses>,
    /// Whether the source documents the request at all (a source that only knows some
    /// endpoints, such as a schema map, answers `true` with no responses for the rest).
    pub matched: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn schema(name: &str) -> Arc<CompiledSchema> {
        Arc::new(CompiledSchema::compile(Path::new(name), r#"{"type":"object"}"#).unwrap())
    }

    #[test]
    fn status_then_media_type() {
        let mut r = Responses::new();
        r.insert(
            StatusKey::Code(401),
            DocumentedResponse {
                bodies: Bodies::ByMedia(vec![
                    (
                        MediaRange::parse("application/json").unwrap(),
                        BodyRule::Schema(schema("401.json")),
                    ),
                    (MediaRange::parse("text/html").unwrap(), BodyRule::Any),
                ]),
                headers: Vec::new(),
            },
        );
        r.insert(
            StatusKey::Class(4),
            DocumentedResponse {
                bodies: Bodies::Json(schema("4xx.json")),
                headers: Vec::new(),
            },
        );
        r.insert(
            StatusKey::Default,
            DocumentedResponse {
                bodies: Bodies::ByMedia(vec![(MediaRange::Any, BodyRule::Schema(schema("d")))]),
                headers: Vec::new(),
            },
        );
        let (key, doc) = r.for_status(401).unwrap();
        assert_eq!(key, StatusKey::Code(401));
        assert!(
            matches!(doc.body(Some("application/json; charset=utf-8")), BodyVerdict::Json(s) if s.name == "401.json")
        );
        assert!(matches!(
            doc.body(Some("text/html")),
            BodyVerdict::Unchecked
        ));
        assert!(matches!(doc.body(None), BodyVerdict::Json(_)));
        match doc.body(Some("text/plain")) {
            BodyVerdict::Undocumented { documented } => {
                assert_eq!(documented, ["application/json", "text/html"]);
            }
            other => panic!("{other:?}"),
        }
        let (key, doc) = r.for_status(404).unwrap();
        assert_eq!(key, StatusKey::Class(4));
        assert!(matches!(doc.body(Some("text/html")), BodyVerdict::Json(_)));
        let (key, doc) = r.for_status(200).unwrap();
        assert_eq!(key, StatusKey::Default);
        assert!(matches!(
            doc.body(Some("application/xml")),
            BodyVerdict::Unchecked
        ));
        assert!(matches!(
            doc.body(Some("application/problem+json")),
            BodyVerdict::Json(_)
        ));
        assert_eq!(r.keys().collect::<Vec<_>>(), ["401", "4xx", "default"]);
        assert_eq!(StatusKey::parse("4XX"), Some(StatusKey::Class(4)));
        assert_eq!(StatusKey::parse("Default"), Some(StatusKey::Default));
        assert_eq!(StatusKey::parse("4x"), None);
    }
}
