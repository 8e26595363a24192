//! Media types and the ranges a schema map keys them by (`application/json`,
//! `application/*+json`, `text/*`, `*/*`), matched the way OpenAPI's `content` is.

use std::fmt;

/// A media range of a schema map, most specific first when sorted by
/// [`MediaRange::specificity`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaRange {
    /// One media type (`application/json`).
    Exact(String),
    /// Any subtype with this structured suffix (`application/*+json`: `+json`).
    Suffix {
        /// The top-level type (`application`).
        kind: String,
        /// The suffix with its `+` (`+json`).
        suffix: String,
    },
    /// Any subtype of a type (`text/*`).
    Type(String),
    /// Anything (`*/*`).
    Any,
}

impl MediaRange {
    /// Parses a media range (parameters after `;` are ignored, case-insensitive).
    pub fn parse(s: &str) -> Option<MediaRange> {
        let essence = essence(s);
        let (kind, sub) = essence.split_once('/')?;
        if kind.is_empty() || sub.is_empty() {
            return None;
        }
        Some(match (kind, sub) {
            ("*", "*") => MediaRange::Any,
            ("*", _) => return None,
            (_, "*") => MediaRange::Type(kind.to_string()),
            (_, s) if s.starts_with("*+") => MediaRange::Suffix {
                kind: kind.to_string(),
                suffix: s[1..].to_string(),
            },
            (_, s) if s.contains('*') => return None,
            _ => MediaRange::Exact(essence.clone()),
        })
    }

    /// Whether `media_type` (an essence, as [`essence`] gives it) is in the range.
    pub fn matches(&self, media_type: &str) -> bool {
        match self {
            MediaRange::Exact(t) => t == media_type,
            MediaRange::Suffix { kind, suffix } => media_type
                .split_once('/')
                .is_some_and(|(k, s)| k == kind && s.ends_with(suffix.as_str())),
            MediaRange::Type(kind) => media_type.split_once('/').is_some_and(|(k, _)| k == kind),
            MediaRange::Any => true,
        }
    }

    /// Higher is more specific: exact, suffix, type, anything.
    pub fn specificity(&self) -> u8 {
        match self {
            MediaRange::Exact(_) => 3,
            MediaRange::Suffix { .. } => 2,
            MediaRange::Type(_) => 1,
            MediaRange::Any => 0,
        }
    }

    /// Whether every media type in the range is JSON, so that a JSON Schema can judge it.
    pub fn is_json(&self) -> bool {
        match self {
            MediaRange::Exact(t) => is_json(t),
            MediaRange::Suffix { suffix, .. } => suffix == "+json",
            MediaRange::Type(_) | MediaRange::Any => false,
        }
    }
}

impl fmt::Display for MediaRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MediaRange::Exact(t) => f.write_str(t),
            MediaRange::Suffix { kind, suffix } => write!(f, "{kind}/*{suffix}"),
            MediaRange::Type(kind) => write!(f, "{kind}/*"),
            MediaRange::Any => f.write_str("*/*"),
        }
    }
}

/// The essence of a `Content-Type` value: `type/subtype`, lowercased, parameters dropped.
pub fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a media type essence is JSON: `application/json`, `text/json`, or any `+json`
/// subtype (`application/problem+json`).
pub fn is_json(essence: &str) -> bool {
    match essence.split_once('/') {
        Some((_, sub)) => sub == "json" || sub.ends_with("+json"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_match_and_rank() {
        let json = MediaRange::parse("Application/JSON; charset=utf-8").unwrap();
        assert_eq!(json, MediaRange::Exact("application/json".into()));
        assert!(json.matches("application/json"));
        assert!(!json.matches("application/problem+json"));
        let suffix = MediaRange::parse("application/*+json").unwrap();
        assert!(suffix.matches("application/problem+json"));
        assert!(!suffix.matches("text/html"));
        assert!(suffix.is_json());
        let text = MediaRange::parse("text/*").unwrap();
        assert!(text.matches("text/html") && !text.is_json());
        assert_eq!(MediaRange::parse("*/*"), Some(MediaRange::Any));
        assert!(MediaRange::parse("json").is_none());
        assert!(MediaRange::parse("*/json").is_none());
        assert!(MediaRange::parse("application/j*n").is_none());
        assert!(json.specificity() > suffix.specificity());
        assert!(suffix.specificity() > text.specificity());
        assert_eq!(suffix.to_string(), "application/*+json");
    }

    #[test]
    fn json_media_types() {
        assert!(is_json("application/json"));
        assert!(is_json("application/scim+json"));
        assert!(is_json("text/json"));
        assert!(!is_json("text/html"));
        assert!(!is_json("application/jsonl"));
        assert_eq!(essence(" text/HTML ;charset=x"), "text/html");
    }
}
