//! Matching a request's method and path to a documented endpoint: path templates
//! (`/pet/{petId}`, `/report.{format}`) and a router that prefers concrete paths to
//! templated ones, as OpenAPI does.

use std::borrow::Cow;
use std::collections::HashMap;

use percent_encoding::percent_decode_str;

/// One piece of a template segment.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Param,
}

/// A path template: segments of literals and `{parameters}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    segments: Vec<Vec<Piece>>,
}

impl PathTemplate {
    /// Parses `/pet/{petId}` (a trailing `/` is ignored; an unclosed `{` is literal).
    pub fn parse(s: &str) -> PathTemplate {
        let segments = split(s)
            .map(|seg| {
                let mut pieces = Vec::new();
                let mut rest = seg;
                while let Some(open) = rest.find('{') {
                    let Some(close) = rest[open..].find('}') else {
                        break;
                    };
                    if open > 0 {
                        pieces.push(Piece::Literal(decode(&rest[..open]).into_owned()));
                    }
                    pieces.push(Piece::Param);
                    rest = &rest[open + close + 1..];
                }
                if !rest.is_empty() {
                    pieces.push(Piece::Literal(decode(rest).into_owned()));
                }
                pieces
            })
            .collect();
        PathTemplate { segments }
    }

    /// Whether the decoded path segments match.
    fn matches(&self, path: &[Cow<'_, str>]) -> bool {
        self.segments.len() == path.len()
            && self
                .segments
                .iter()
                .zip(path)
                .all(|(pieces, seg)| segment_matches(pieces, seg))
    }

    /// Per segment, 2 for a literal, 1 for a mixed segment, 0 for a parameter: the greater
    /// vector is the more concrete template.
    fn rank(&self) -> Vec<u8> {
        self.segments
            .iter()
            .map(|pieces| match pieces.as_slice() {
                [Piece::Param] => 0,
                p if p.iter().all(|x| matches!(x, Piece::Literal(_))) => 2,
                _ => 1,
            })
            .collect()
    }
}

/// The segments of a path, the empty ones (doubled or trailing `/`) dropped.
fn split(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

fn decode(s: &str) -> Cow<'_, str> {
    if s.contains('%') {
        percent_decode_str(s).decode_utf8_lossy()
    } else {
        Cow::Borrowed(s)
    }
}

/// Whether a segment matches its pieces; a parameter matches one or more characters.
fn segment_matches(pieces: &[Piece], seg: &str) -> bool {
    match pieces.split_first() {
        None => seg.is_empty(),
        Some((Piece::Literal(l), rest)) => seg
            .strip_prefix(l.as_str())
            .is_some_and(|s| segment_matches(rest, s)),
        Some((Piece::Param, rest)) => {
            if rest.is_empty() {
                return !seg.is_empty();
            }
            // The parameter takes 1..n characters; the rest must match what remains.
            seg.char_indices()
                .skip(1)
                .map(|(i, _)| i)
                .any(|i| segment_matches(rest, &seg[i..]))
        }
    }
}

struct Route<T> {
    method: Option<String>,
    template: PathTemplate,
    rank: Vec<u8>,
    value: T,
}

/// Endpoints by method and path template. Routes are bucketed by segment count; among
/// matches, a route with the method beats one without, then the more concrete template
/// (literal segments before parameters, from the left), then the first declared.
pub struct Router<T> {
    by_len: HashMap<usize, Vec<Route<T>>>,
}

impl<T> std::fmt::Debug for Router<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Router")
            .field("routes", &self.by_len.values().map(Vec::len).sum::<usize>())
            .finish()
    }
}

impl<T> Default for Router<T> {
    fn default() -> Self {
        Router {
            by_len: HashMap::new(),
        }
    }
}

impl<T> Router<T> {
    /// A router over `(method, template, value)`; a `None` method matches every method.
    pub fn new(routes: Vec<(Option<String>, PathTemplate, T)>) -> Router<T> {
        let mut by_len: HashMap<usize, Vec<Route<T>>> = HashMap::new();
        for (method, template, value) in routes {
            let rank = template.rank();
            by_len.entry(rank.len()).or_default().push(Route {
                method: method.map(|m| m.to_ascii_uppercase()),
                template,
                rank,
                value,
            });
        }
        for routes in by_len.values_mut() {
            // Stable: among equals, the first declared stays first.
            routes.sort_by(|a, b| {
                b.method
                    .is_some()
                    .cmp(&a.method.is_some())
                    .then_with(|| b.rank.cmp(&a.rank))
            });
        }
        Router { by_len }
    }

    /// The best route for `method` and `path` (a URL path, percent-encoded or not).
    pub fn find(&self, method: &str, path: &str) -> Option<&T> {
        let segments: Vec<Cow<'_, str>> = split(path).map(decode).collect();
        self.by_len
            .get(&segments.len())?
            .iter()
            .find(|r| {
                r.method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method))
                    && r.template.matches(&segments)
            })
            .map(|r| &r.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn router(routes: &[(&str, &str)]) -> Router<usize> {
        Router::new(
            routes
                .iter()
                .enumerate()
                .map(|(i, (m, t))| {
                    let m = (!m.is_empty()).then(|| (*m).to_string());
                    (m, PathTemplate::parse(t), i)
                })
                .collect(),
        )
    }

    #[test]
    fn concrete_paths_beat_templates_and_methods_must_match() {
        let r = router(&[
            ("GET", "/pet/{petId}"),
            ("GET", "/pet/findByStatus"),
            ("POST", "/pet/{petId}"),
            ("", "/pet/{petId}/uploadImage"),
        ]);
        assert_eq!(r.find("GET", "/pet/42").copied(), Some(0));
        assert_eq!(r.find("get", "/pet/findByStatus").copied(), Some(1));
        assert_eq!(r.find("POST", "/pet/42/").copied(), Some(2));
        assert_eq!(r.find("PUT", "/pet/42/uploadImage").copied(), Some(3));
        assert!(r.find("DELETE", "/pet/42").is_none());
        assert!(r.find("GET", "/pet").is_none());
        assert!(r.find("GET", "/pet/42/x/y").is_none());
    }

    #[test]
    fn mixed_segments_and_encoding() {
        let r = router(&[("GET", "/report.{format}"), ("GET", "/a b/{x}")]);
        assert_eq!(r.find("GET", "/report.json").copied(), Some(0));
        assert!(r.find("GET", "/report.").is_none());
        assert!(r.find("GET", "/reportjson").is_none());
        assert_eq!(r.find("GET", "/a%20b/1").copied(), Some(1));
        assert!(PathTemplate::parse("/a/{b}").rank() < PathTemplate::parse("/a/b").rank());
    }
}
