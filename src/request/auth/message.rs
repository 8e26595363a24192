//! The request as the signing auths see it: rendered method, URL, headers and body,
//! after variables and before Postman's automatic headers.

use super::crypto::form_decode;

/// What kind of body the request has, as the signers tell bodies apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyKind {
    /// No body (or a pruned one).
    None,
    /// Raw text, a file or GraphQL: hashed as they are.
    Bytes,
    /// `application/x-www-form-urlencoded` fields.
    UrlEncoded,
    /// `multipart/form-data`: never hashed.
    FormData,
}

/// A request being signed.
#[derive(Debug)]
pub(crate) struct Message<'a> {
    /// Upper-case method.
    pub method: &'a str,
    /// Absolute URL as it goes on the wire.
    pub url: &'a mut String,
    /// Headers set so far (the collection's, and other auths').
    pub headers: &'a mut Vec<(String, String)>,
    /// Body bytes.
    pub body: &'a mut Option<Vec<u8>>,
    /// The body's kind.
    pub kind: BodyKind,
}

impl Message<'_> {
    /// The first header `name` (any case).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Removes every header `name` (any case).
    pub(crate) fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
    }

    /// Sets header `name`, replacing any of the same name.
    pub(crate) fn set_header(&mut self, name: &str, value: String) {
        self.remove_header(name);
        self.headers.push((name.to_string(), value));
    }

    /// The body to hash: `None` when there is none, it is empty, or it is multipart.
    pub(crate) fn hashable_body(&self) -> Option<&[u8]> {
        match self.kind {
            BodyKind::None | BodyKind::FormData => None,
            BodyKind::Bytes | BodyKind::UrlEncoded => {
                self.body.as_deref().filter(|b| !b.is_empty())
            }
        }
    }

    /// The URL split into scheme, authority (host and port, no user info), path (at least
    /// `/`) and query (without `?`, `None` when absent).
    pub(crate) fn parts(&self) -> UrlParts {
        UrlParts::of(self.url)
    }

    /// Replaces the query (`None`: no `?`).
    pub(crate) fn set_query(&mut self, query: Option<&str>) {
        let base = self.url.split(['?', '#']).next().unwrap_or("").to_string();
        *self.url = match query {
            Some(q) => format!("{base}?{q}"),
            None => base,
        };
    }
}

/// An absolute URL in parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlParts {
    /// Scheme, lower case.
    pub scheme: String,
    /// `host` or `host:port`, no user info.
    pub authority: String,
    /// Path, `/` when empty.
    pub path: String,
    /// Query without `?`.
    pub query: Option<String>,
}

impl UrlParts {
    /// Splits `url`.
    pub(crate) fn of(url: &str) -> UrlParts {
        let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
        let rest = rest.split('#').next().unwrap_or("");
        let (before_query, query) = match rest.split_once('?') {
            Some((b, q)) => (b, Some(q.to_string())),
            None => (rest, None),
        };
        let (authority, path) = match before_query.find('/') {
            Some(i) => (&before_query[..i], &before_query[i..]),
            None => (before_query, "/"),
        };
        let authority = authority.rsplit('@').next().unwrap_or(authority);
        UrlParts {
            scheme: scheme.to_ascii_lowercase(),
            authority: authority.to_string(),
            path: path.to_string(),
            query,
        }
    }

    /// The host without the port.
    pub(crate) fn host(&self) -> &str {
        if self.authority.starts_with('[') {
            return match self.authority.find(']') {
                Some(i) => &self.authority[..=i],
                None => &self.authority,
            };
        }
        self.authority
            .rsplit_once(':')
            .map_or(self.authority.as_str(), |(h, _)| h)
    }

    /// The port as written, if any.
    pub(crate) fn port(&self) -> Option<&str> {
        let after_host = &self.authority[self.host().len()..];
        after_host.strip_prefix(':').filter(|p| !p.is_empty())
    }

    /// The port, or the scheme's default.
    pub(crate) fn port_or_default(&self) -> String {
        match self.port() {
            Some(p) => p.to_string(),
            None if self.scheme == "https" => "443".into(),
            None => "80".into(),
        }
    }
}

/// The pairs of a form-encoded string, decoded; a name without `=` has no value.
pub(crate) fn decode_form(form: &str) -> Vec<(String, Option<String>)> {
    form.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (form_decode(k), Some(form_decode(v))),
            None => (form_decode(p), None),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_parts_split_authority_path_and_query() {
        let p = UrlParts::of("HTTP://u:p@Example.com:8000/a/b?x=1&y#frag");
        assert_eq!(p.scheme, "http");
        assert_eq!(p.authority, "Example.com:8000");
        assert_eq!((p.host(), p.port()), ("Example.com", Some("8000")));
        assert_eq!(p.path, "/a/b");
        assert_eq!(p.query.as_deref(), Some("x=1&y"));
        let bare = UrlParts::of("https://[::1]");
        assert_eq!((bare.host(), bare.port_or_default()), ("[::1]", "443".into()));
        assert_eq!(bare.path, "/");
    }

    #[test]
    fn forms_decode_plus_and_bare_names() {
        assert_eq!(
            decode_form("a=1+2&b&&c=%3D"),
            [
                ("a".into(), Some("1 2".into())),
                ("b".into(), None),
                ("c".into(), Some("=".into()))
            ]
        );
    }
}
