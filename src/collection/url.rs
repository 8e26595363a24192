//! Postman's URL model: a URL string or object, split into protocol, host, port, path and
//! query the way Postman splits it, with `{{variables}}` left intact inside every part.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, de::value::MapAccessDeserializer};

use super::model::{KeyValue, VariableDef, de_opt_scalar, de_opt_string, de_variables};

/// A request URL as written in the collection, split into parts (not yet rendered).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawUrl {
    /// The URL as written (`raw`), for display.
    pub raw: String,
    /// `http`, `https` or a template; `None` when the URL has no scheme.
    pub protocol: Option<String>,
    /// `user:password` before `@`, if any.
    pub userinfo: Option<String>,
    /// Host (labels joined with `.`), possibly a `{{variable}}` holding a whole origin.
    pub host: Option<String>,
    /// Port as written.
    pub port: Option<String>,
    /// Path segments; a segment `:name` is a path variable.
    pub path: Vec<String>,
    /// Whether the URL had a path at all (`http://h` vs `http://h/`).
    pub has_path: bool,
    /// Query parameters in order (disabled ones kept, flagged).
    pub query: Vec<KeyValue>,
    /// Fragment after `#` (never sent).
    pub hash: Option<String>,
    /// Path variable values (`url.variable`).
    pub variables: Vec<VariableDef>,
}

impl RawUrl {
    /// True when the URL has nothing at all (no raw text, no host, no path).
    pub fn is_empty(&self) -> bool {
        self.raw.trim().is_empty() && self.host.is_none() && self.path.is_empty()
    }
}

/// Byte ranges of `{{...}}` references, in order and disjoint: a separator inside one is
/// not a separator. Matched as templates match them (`{{`, no brace, `}}`), in one pass.
fn protected(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'{' && b[i + 1] == b'{' {
            // The name runs to the next brace; the text up to it holds no `{{`, so a
            // reference that does not close here is not looked for in it again.
            let name_end = b[i + 2..]
                .iter()
                .position(|&c| c == b'{' || c == b'}')
                .map_or(b.len(), |offset| i + 2 + offset);
            if b[name_end..].starts_with(b"}}") {
                out.push((i, name_end + 2));
                i = name_end + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// True when byte `i` is inside one of the ranges `prot` (ordered and disjoint).
fn is_protected(prot: &[(usize, usize)], i: usize) -> bool {
    let after = prot.partition_point(|&(start, _)| start <= i);
    after > 0 && i < prot[after - 1].1
}

/// First index of any of `chars` in `s` from `from`, outside `{{...}}`.
fn find_outside(s: &str, from: usize, chars: &[u8], prot: &[(usize, usize)]) -> Option<usize> {
    s.as_bytes()
        .iter()
        .enumerate()
        .skip(from)
        .find(|(i, c)| chars.contains(c) && !is_protected(prot, *i))
        .map(|(i, _)| i)
}

/// Last index of `ch` in `s[start..end]`, outside `{{...}}`.
fn rfind_outside(
    s: &str,
    start: usize,
    end: usize,
    ch: u8,
    prot: &[(usize, usize)],
) -> Option<usize> {
    (start..end)
        .rev()
        .find(|&i| s.as_bytes()[i] == ch && !is_protected(prot, i))
}

/// Splits a query string (without `?`) into parameters; `a` (no `=`) has a `None` value.
pub(crate) fn parse_query(q: &str) -> Vec<KeyValue> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => KeyValue {
                key: Some(k.to_string()),
                value: Some(v.to_string()),
                disabled: false,
            },
            None => KeyValue {
                key: Some(p.to_string()),
                value: None,
                disabled: false,
            },
        })
        .collect()
}

/// Parses a URL string into Postman's parts, keeping `{{variables}}` whole.
pub fn parse_url(input: &str) -> RawUrl {
    let s = input.trim();
    let prot = protected(s);
    let mut url = RawUrl {
        raw: input.to_string(),
        ..RawUrl::default()
    };
    let mut end = s.len();
    if let Some(h) = find_outside(s, 0, b"#", &prot) {
        url.hash = Some(s[h + 1..].to_string());
        end = h;
    }
    let s = &s[..end];
    let mut pos = 0;
    if let Some(p) = s.find("://") {
        let scheme = &s[..p];
        if !scheme.is_empty() && !scheme.contains(['/', '?', '#']) {
            url.protocol = Some(scheme.to_string());
            pos = p + 3;
        }
    }
    if pos == 0 && s.starts_with("//") {
        // Protocol-relative URL (`//host/path`).
        pos = 2;
    }
    let auth_end = find_outside(s, pos, b"/?", &prot).unwrap_or(s.len());
    let mut host_start = pos;
    if let Some(at) = rfind_outside(s, pos, auth_end, b'@', &prot) {
        url.userinfo = Some(s[pos..at].to_string());
        host_start = at + 1;
    }
    let authority = &s[host_start..auth_end];
    if !authority.is_empty() {
        let aprot = protected(authority);
        let bracket_end = if authority.starts_with('[') {
            authority.find(']').map_or(0, |i| i + 1)
        } else {
            0
        };
        match rfind_outside(authority, bracket_end, authority.len(), b':', &aprot) {
            Some(c) => {
                url.host = Some(authority[..c].to_string());
                url.port = Some(authority[c + 1..].to_string());
            }
            None => url.host = Some(authority.to_string()),
        }
    }
    let query_start = find_outside(s, auth_end, b"?", &prot);
    let path_end = query_start.unwrap_or(s.len());
    if auth_end < path_end && s.as_bytes()[auth_end] == b'/' {
        url.has_path = true;
        url.path = s[auth_end + 1..path_end]
            .split('/')
            .map(str::to_string)
            .collect();
    }
    if let Some(q) = query_start {
        url.query = parse_query(&s[q + 1..]);
    }
    url
}

#[derive(Deserialize)]
#[serde(expecting = "a URL object")]
struct RawUrlObject {
    #[serde(default, deserialize_with = "de_opt_string")]
    raw: Option<String>,
    #[serde(default, deserialize_with = "de_opt_string")]
    protocol: Option<String>,
    #[serde(default, deserialize_with = "de_host")]
    host: Option<String>,
    #[serde(default, deserialize_with = "de_opt_scalar")]
    port: Option<String>,
    #[serde(default, deserialize_with = "de_path")]
    path: Option<Vec<String>>,
    #[serde(default, deserialize_with = "de_query")]
    query: Option<Vec<KeyValue>>,
    #[serde(default, deserialize_with = "de_opt_string")]
    hash: Option<String>,
    #[serde(default, rename = "variable", deserialize_with = "de_variables")]
    variables: Vec<VariableDef>,
}

impl<'de> Deserialize<'de> for RawUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawUrl;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a URL string or a URL object")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawUrl, E> {
                Ok(parse_url(s))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawUrl, E> {
                Ok(RawUrl::default())
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawUrl, A::Error> {
                let o = RawUrlObject::deserialize(MapAccessDeserializer::new(map))?;
                let raw = o.raw.unwrap_or_default();
                // An object with only `raw` (older exports) is split like a string.
                let mut url = if o.host.is_none() && o.path.is_none() {
                    parse_url(&raw)
                } else {
                    RawUrl {
                        raw: raw.clone(),
                        protocol: o.protocol,
                        host: o.host,
                        port: o.port,
                        has_path: o.path.as_ref().is_some_and(|p| !p.is_empty()),
                        path: o.path.unwrap_or_default(),
                        hash: o.hash,
                        ..RawUrl::default()
                    }
                };
                if let Some(q) = o.query {
                    url.query = q;
                }
                url.variables = o.variables;
                Ok(url)
            }
        }
        d.deserialize_any(V)
    }
}

fn de_host<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a host string or a list of host labels")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok(Some(s.to_string()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut labels: Vec<String> = Vec::new();
            while let Some(l) = seq.next_element::<String>()? {
                labels.push(l);
            }
            Ok(Some(labels.join(".")))
        }
    }
    d.deserialize_any(V)
}

/// A path segment in the v2.1 object form `{type, value}`.
#[derive(Deserialize)]
#[serde(expecting = "a path segment {type, value}")]
struct PathSegment {
    #[serde(default, deserialize_with = "de_opt_string")]
    value: Option<String>,
}

struct Segment(String);

impl<'de> Deserialize<'de> for Segment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Segment;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a path segment string or {type, value} object")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Segment, E> {
                Ok(Segment(s.to_string()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Segment, A::Error> {
                let p = PathSegment::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Segment(p.value.unwrap_or_default()))
            }
        }
        d.deserialize_any(V)
    }
}

fn de_path<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<Vec<String>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a path string or a list of path segments")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            let s = s.strip_prefix('/').unwrap_or(s);
            Ok(Some(s.split('/').map(str::to_string).collect()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut segs = Vec::new();
            while let Some(Segment(s)) = seq.next_element::<Segment>()? {
                segs.push(s);
            }
            Ok(Some(segs))
        }
    }
    d.deserialize_any(V)
}

fn de_query<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<KeyValue>>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<Vec<KeyValue>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of query parameters or a query string")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok(Some(parse_query(s)))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(kv) = seq.next_element::<KeyValue>()? {
                out.push(kv);
            }
            Ok(Some(out))
        }
    }
    d.deserialize_any(V)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_full_url() {
        let u = parse_url("https://user:pw@example.com:8443/a/:id/c?x=1&flag&y=#frag");
        assert_eq!(u.protocol.as_deref(), Some("https"));
        assert_eq!(u.userinfo.as_deref(), Some("user:pw"));
        assert_eq!(u.host.as_deref(), Some("example.com"));
        assert_eq!(u.port.as_deref(), Some("8443"));
        assert_eq!(u.path, vec!["a", ":id", "c"]);
        assert_eq!(u.query.len(), 3);
        assert_eq!(u.query[1].value, None);
        assert_eq!(u.query[2].value.as_deref(), Some(""));
        assert_eq!(u.hash.as_deref(), Some("frag"));
    }

    #[test]
    fn keeps_variables_whole() {
        let u = parse_url("{{HOST}}/sso/v1?x={{a/b?c}}");
        assert_eq!(u.protocol, None);
        assert_eq!(u.host.as_deref(), Some("{{HOST}}"));
        assert_eq!(u.path, vec!["sso", "v1"]);
        assert_eq!(u.query[0].value.as_deref(), Some("{{a/b?c}}"));
        let u = parse_url(
            "https://ani{{yo}}ket:{{asd}}@{{hellohost}}:2002/crazyvar/{{yo}}/:awesome?a=b&c=d#/x",
        );
        assert_eq!(u.userinfo.as_deref(), Some("ani{{yo}}ket:{{asd}}"));
        assert_eq!(u.host.as_deref(), Some("{{hellohost}}"));
        assert_eq!(u.port.as_deref(), Some("2002"));
        assert_eq!(u.path, vec!["crazyvar", "{{yo}}", ":awesome"]);
    }

    /// Parses `input` on a thread; fails when that takes longer than two seconds (a
    /// regression to quadratic time fails instead of keeping the suite busy).
    fn parse_within_two_seconds(input: String) -> RawUrl {
        let (done, parsed) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(parse_url(&input));
        });
        match parsed.recv_timeout(std::time::Duration::from_secs(2)) {
            Ok(url) => url,
            Err(_) => panic!("parsing took more than two seconds"),
        }
    }

    #[test]
    fn parsing_is_linear_in_hostile_input() {
        // 300 KB of `{{` (no reference closes), of references, and of unclosed names.
        let opens = parse_within_two_seconds("{{".repeat(150_000));
        assert_eq!(opens.host.as_deref().map(str::len), Some(300_000));
        let references = parse_within_two_seconds(format!(
            "http://h/{}?q={}#f",
            "{{a/b}}".repeat(25_000),
            "{{c?d}}".repeat(25_000)
        ));
        // Path segments split at every `/`, as Postman splits them.
        assert_eq!(references.path.len(), 25_001);
        assert_eq!(references.query.len(), 1);
        assert_eq!(references.hash.as_deref(), Some("f"));
        let unclosed = parse_within_two_seconds(format!("http://{}@h:1/x", "{{a:".repeat(75_000)));
        assert_eq!(unclosed.host.as_deref(), Some("h"));
        assert_eq!(unclosed.port.as_deref(), Some("1"));
        let names = parse_within_two_seconds(format!("h/{}", "{{a}".repeat(75_000)));
        assert_eq!(names.path.len(), 1);
    }

    #[test]
    fn separators_inside_references_are_not_separators() {
        let u = parse_url("{{a#b}}{{c}}/p{{d/e}}q/r?{{x&y}}=1#h{{i}}");
        assert_eq!(u.host.as_deref(), Some("{{a#b}}{{c}}"));
        assert_eq!(u.path, vec!["p{{d", "e}}q", "r"]);
        assert_eq!(u.hash.as_deref(), Some("h{{i}}"));
        let u = parse_url("http://{{user@x}}@{{h:1}}:{{port}}/");
        assert_eq!(u.userinfo.as_deref(), Some("{{user@x}}"));
        assert_eq!(u.host.as_deref(), Some("{{h:1}}"));
        assert_eq!(u.port.as_deref(), Some("{{port}}"));
        // A `{{` that closes no reference protects nothing.
        let u = parse_url("h{{a/b{c}}/d");
        assert_eq!(u.host.as_deref(), Some("h{{a"));
        assert_eq!(u.path, vec!["b{c}}", "d"]);
    }

    #[test]
    fn protocol_relative() {
        let u = parse_url("//httpbin.org/post?random=yo");
        assert_eq!(u.protocol, None);
        assert_eq!(u.host.as_deref(), Some("httpbin.org"));
        assert_eq!(u.path, vec!["post"]);
    }

    #[test]
    fn ipv6_host_and_no_path() {
        let u = parse_url("http://[::1]:8080");
        assert_eq!(u.host.as_deref(), Some("[::1]"));
        assert_eq!(u.port.as_deref(), Some("8080"));
        assert!(!u.has_path);
    }
}
