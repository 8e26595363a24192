//! An endpoint's identity: the method and the URL path as the request builds it, the host
//! dropped, with path variables (`:id`) and run-time variables (`{{userId}}`) as template
//! parameters (`{id}`, `{userId}`).
//!
//! A `{{variable}}` whose value is known before the run (collection, folder, environment
//! or global variables, not secret) is rendered, as the request renders it; one that a
//! script sets, that comes from the iteration data, a dynamic variable (`{{$guid}}`) or a
//! secret becomes a parameter. The saved examples and the run's responses of one request
//! get the same endpoint.

use std::fmt;

use percent_encoding::{percent_decode_str, utf8_percent_encode};

use crate::collection::{Step, parse_url};
use crate::request::PATH;
use crate::vars::{DynamicVars, Resolver, Scope};

/// One segment of a path template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Segment {
    /// A literal segment, percent-encoded as the request sends it.
    Literal(String),
    /// A parameter: `{name}` matches any one segment.
    Param(String),
}

/// Method and path template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Endpoint {
    /// Upper-case method.
    pub method: String,
    /// The path's segments (none for `/`).
    pub segments: Vec<Segment>,
}

impl fmt::Display for Endpoint {
    /// The index key: `POST /sso/v1/sdk/authenticate`, `GET /pets/{id}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.method)?;
        if self.segments.is_empty() {
            return f.write_str("/");
        }
        for s in &self.segments {
            match s {
                Segment::Literal(l) => write!(f, "/{l}")?,
                Segment::Param(p) => write!(f, "/{{{p}}}")?,
            }
        }
        Ok(())
    }
}

impl Endpoint {
    /// The endpoint of a request actually sent: `method` and the path of `url`, every
    /// segment literal.
    pub fn sent(method: &str, url: &str) -> Option<Endpoint> {
        let parsed = url::Url::parse(url).ok()?;
        let path = parsed.path().strip_prefix('/').unwrap_or(parsed.path());
        let segments = if path.is_empty() {
            Vec::new()
        } else {
            path.split('/')
                .map(|s| Segment::Literal(s.to_string()))
                .collect()
        };
        Some(Endpoint {
            method: method.to_ascii_uppercase(),
            segments,
        })
    }

    /// True when `other` (a sent request's endpoint) is an instance of this template:
    /// the same method, and segment by segment the same literal (compared decoded) or any
    /// segment for a parameter.
    pub fn matches(&self, other: &Endpoint) -> bool {
        self.method == other.method
            && self.segments.len() == other.segments.len()
            && self
                .segments
                .iter()
                .zip(&other.segments)
                .all(|pair| match pair {
                    (Segment::Param(_), _) => true,
                    (Segment::Literal(a), Segment::Literal(b)) => decoded(a) == decoded(b),
                    (Segment::Literal(_), Segment::Param(_)) => false,
                })
    }

    /// A file-name stem: `post-sso-v1-sdk-authenticate`, `get-pets-id`.
    pub fn slug(&self) -> String {
        let mut words = vec![self.method.to_ascii_lowercase()];
        for s in &self.segments {
            let text = match s {
                Segment::Literal(l) => decoded(l),
                Segment::Param(p) => p.clone(),
            };
            words.push(text);
        }
        let mut out = String::new();
        for c in words.join("-").chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('-') {
                out.push('-');
            }
        }
        let out = out.trim_matches('-');
        match out {
            "" => "root".to_string(),
            _ if self.segments.is_empty() => format!("{out}-root"),
            _ => out.to_string(),
        }
    }
}

fn decoded(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// The names `{{…}}` references in `s`, in order.
fn references(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        out.push(after[..end].trim());
        rest = &after[end + 2..];
    }
    out
}

/// Why a request's endpoint cannot be known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Undetermined(pub String);

/// The endpoint of `step`, with `scope` the variables known before the run (the data and
/// local layers are ignored: they change while it runs) and `secrets` the names of
/// variables whose values are secret.
pub(crate) fn endpoint(
    step: &Step,
    scope: &Scope,
    secrets: &[String],
) -> Result<Endpoint, Undetermined> {
    let folders = &step.folder_vars;
    let known = |name: &str| {
        !name.starts_with('$')
            && !secrets.iter().any(|s| s == name)
            && scope.lookup(folders, name).is_some_and(|v| !v.secret)
    };
    let mut dynamic = DynamicVars::new(Some(0));
    let mut render = |s: &str| -> Option<String> {
        if !references(s).into_iter().all(known) {
            return None;
        }
        let mut resolver = Resolver::new(scope, folders, &mut dynamic);
        let out = resolver.render_str(s);
        (resolver.unresolved().is_empty() && !out.contains("{{")).then_some(out)
    };
    let req = &step.request;
    let method = match req.method.trim() {
        "" => "GET".to_string(),
        m => render(m)
            .ok_or_else(|| {
                Undetermined(format!(
                    "its method {m:?} comes from a variable set at run time"
                ))
            })?
            .trim()
            .to_ascii_uppercase(),
    };
    let url = &req.url;
    if url.is_empty() {
        return Err(Undetermined("it has no URL".into()));
    }
    // A variable holding the origin may hold a path prefix too (`https://host/api`).
    let mut segments = Vec::new();
    let mut origin = String::new();
    if let Some(p) = &url.protocol {
        origin.push_str(p);
        origin.push_str("://");
    }
    if let Some(h) = &url.host {
        origin.push_str(h.trim());
    }
    if let Some(p) = &url.port {
        origin.push(':');
        origin.push_str(p);
    }
    let origin_known = url.host.is_none() || render(&origin).is_some();
    if let Some(rendered) = render(&origin) {
        let prefix = parse_url(&rendered);
        if prefix.has_path {
            segments.extend(literals(&prefix.path.join("/")));
        }
    }
    if !url.has_path || url.path.iter().all(String::is_empty) {
        if !origin_known {
            return Err(Undetermined(format!(
                "its URL {:?} is a variable not known before the run, so its path is unknown",
                url.raw
            )));
        }
        return Ok(Endpoint { method, segments });
    }
    for seg in &url.path {
        if let Some(name) = seg.strip_prefix(':').filter(|n| !n.is_empty()) {
            segments.push(Segment::Param(name.to_string()));
            continue;
        }
        if !seg.contains("{{") {
            segments.push(Segment::Literal(utf8_percent_encode(seg, PATH).to_string()));
            continue;
        }
        match render(seg) {
            Some(value) => segments.extend(literals(&value)),
            None => {
                let refs = references(seg);
                let name = refs
                    .iter()
                    .find(|r| !known(r))
                    .or(refs.first())
                    .map_or("param", |r| r.trim_start_matches('$'));
                segments.push(Segment::Param(name.to_string()));
            }
        }
    }
    Ok(Endpoint { method, segments })
}

/// The literal segments of a rendered path (a value may hold several).
fn literals(path: &str) -> impl Iterator<Item = Segment> + '_ {
    path.split('/')
        .map(|s| Segment::Literal(utf8_percent_encode(s, PATH).to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Segment {
        Segment::Literal(s.into())
    }

    #[test]
    fn keys_slugs_and_matching() {
        let e = Endpoint {
            method: "GET".into(),
            segments: vec![lit("pets"), Segment::Param("id".into()), lit("a%20b")],
        };
        assert_eq!(e.to_string(), "GET /pets/{id}/a%20b");
        assert_eq!(e.slug(), "get-pets-id-a-b");
        let sent = Endpoint::sent("get", "http://h:1/pets/42/a%20b?x=1").unwrap();
        assert!(e.matches(&sent));
        assert!(!e.matches(&Endpoint::sent("POST", "http://h/pets/42/a%20b").unwrap()));
        assert!(!e.matches(&Endpoint::sent("GET", "http://h/pets/42").unwrap()));
        let root = Endpoint {
            method: "GET".into(),
            segments: Vec::new(),
        };
        assert_eq!(root.to_string(), "GET /");
        assert_eq!(root.slug(), "get-root");
        assert!(root.matches(&Endpoint::sent("GET", "http://h").unwrap()));
    }

    #[test]
    fn references_are_listed() {
        assert_eq!(references("a{{b}}c{{ $d }}"), ["b", "$d"]);
        assert!(references("{{open").is_empty());
    }
}
