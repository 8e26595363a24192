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

/// One segment position of the routing tree: the templates whose segments so far lead here.
struct Node<T> {
    /// Children by a literal segment.
    literal: HashMap<String, Node<T>>,
    /// Children by a mixed segment (`report.{format}`), in declaration order.
    mixed: Vec<(Vec<Piece>, Node<T>)>,
    /// The child for a parameter segment.
    param: Option<Box<Node<T>>>,
    /// The routes whose template ends here, in declaration order.
    routes: Vec<(Option<String>, T)>,
}

impl<T> Default for Node<T> {
    fn default() -> Self {
        Node {
            literal: HashMap::new(),
            mixed: Vec::new(),
            param: None,
            routes: Vec::new(),
        }
    }
}

impl<T> Node<T> {
    /// The first route below this node for the remaining `path` segments, trying literal,
    /// then mixed, then parameter children (so the more concrete template, from the left,
    /// wins), among the routes with the method (`with_method`) or those without.
    fn find(&self, path: &[Cow<'_, str>], method: &str, with_method: bool) -> Option<&T> {
        let Some((segment, rest)) = path.split_first() else {
            return self
                .routes
                .iter()
                .find(|(m, _)| match m {
                    Some(m) => with_method && m.eq_ignore_ascii_case(method),
                    None => !with_method,
                })
                .map(|(_, v)| v);
        };
        if let Some(found) = self
            .literal
            .get(segment.as_ref())
            .and_then(|n| n.find(rest, method, with_method))
        {
            return Some(found);
        }
        for (pieces, node) in &self.mixed {
            if segment_matches(pieces, segment)
                && let Some(found) = node.find(rest, method, with_method)
            {
                return Some(found);
            }
        }
        self.param
            .as_ref()
            .and_then(|n| n.find(rest, method, with_method))
    }
}

/// Endpoints by method and path template, as a tree of segments (a lookup follows the
/// request's segments, not every route). Among matches, a route with the method beats
/// one without, then the more concrete template (literal segments before mixed ones
/// before parameters, from the left), then the first declared.
pub struct Router<T> {
    root: Node<T>,
    count: usize,
}

impl<T> std::fmt::Debug for Router<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Router")
            .field("routes", &self.count)
            .finish()
    }
}

impl<T> Default for Router<T> {
    fn default() -> Self {
        Router {
            root: Node::default(),
            count: 0,
        }
    }
}

impl<T> Router<T> {
    /// A router over `(method, template, value)`; a `None` method matches every method.
    pub fn new(routes: Vec<(Option<String>, PathTemplate, T)>) -> Router<T> {
        let mut router = Router::default();
        for (method, template, value) in routes {
            let mut node = &mut router.root;
            for pieces in template.segments {
                node = match pieces.as_slice() {
                    [Piece::Param] => node.param.get_or_insert_with(Box::default),
                    [Piece::Literal(l)] => node.literal.entry(l.clone()).or_default(),
                    _ => {
                        let at = match node.mixed.iter().position(|(p, _)| *p == pieces) {
                            Some(at) => at,
                            None => {
                                node.mixed.push((pieces, Node::default()));
                                node.mixed.len() - 1
                            }
                        };
                        &mut node.mixed[at].1
                    }
                };
            }
            node.routes
                .push((method.map(|m| m.to_ascii_uppercase()), value));
            router.count += 1;
        }
        router
    }

    /// The best route for `method` and `path` (a URL path, percent-encoded or not).
    pub fn find(&self, method: &str, path: &str) -> Option<&T> {
        let segments: Vec<Cow<'_, str>> = split(path).map(decode).collect();
        self.root
            .find(&segments, method, true)
            .or_else(|| self.root.find(&segments, method, false))
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
        // Literal before mixed before parameter, from the left; with the method first.
        let r = router(&[
            ("GET", "/{a}/x"),
            ("GET", "/v.{n}/{b}"),
            ("GET", "/v1/{b}"),
            ("", "/v1/x"),
        ]);
        assert_eq!(r.find("GET", "/v1/x").copied(), Some(2));
        assert_eq!(r.find("GET", "/v.2/x").copied(), Some(1));
        assert_eq!(r.find("GET", "/w/x").copied(), Some(0));
        assert_eq!(r.find("PUT", "/v1/x").copied(), Some(3));
        assert!(r.find("PUT", "/w/x").is_none());
    }
}
