//! Following a redirect: the next hop's method, body and headers. A hop that leaves the
//! origin (scheme, host or port changes) goes without the request's credentials:
//! `Authorization`, `Cookie` (the jar adds the new origin's own), `Proxy-Authorization`,
//! headers named like credentials (`X-Api-Key`, …) and every header holding a secret of
//! the run (an API key under any name, a secret variable's value).

use reqwest::{Method, StatusCode};
use url::Url;

use crate::redact::is_sensitive_name;

/// Headers that never cross to another origin.
const CREDENTIAL_HEADERS: [&str; 5] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "cookie2",
    "www-authenticate",
];

/// Headers about the body, dropped with it when a redirect turns the request into a GET.
const BODY_HEADERS: [&str; 3] = ["content-type", "content-length", "transfer-encoding"];

/// One request of a redirect chain.
#[derive(Debug, Clone)]
pub(super) struct Hop {
    pub method: Method,
    pub url: Url,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

/// The request that follows `hop` answered by `status` with `location`, or `None` when the
/// answer is no redirect to follow (not a redirect status, no usable `Location`).
/// `secrets` are the values whose headers stay behind on another origin.
pub(super) fn next_hop(
    hop: &Hop,
    status: StatusCode,
    location: Option<&str>,
    secrets: &[String],
) -> Option<Hop> {
    let to = hop.url.join(location?).ok()?;
    if !matches!(to.scheme(), "http" | "https") {
        return None;
    }
    let mut next = Hop {
        method: hop.method.clone(),
        url: to,
        headers: hop.headers.clone(),
        body: hop.body.clone(),
    };
    match status {
        StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND | StatusCode::SEE_OTHER => {
            if next.method != Method::HEAD {
                next.method = Method::GET;
            }
            next.body = None;
            next.headers
                .retain(|(name, _)| !BODY_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h)));
        }
        StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT => {}
        _ => return None,
    }
    if !same_origin(&hop.url, &next.url) {
        next.headers.retain(|(name, value)| {
            !name.eq_ignore_ascii_case("host") && !is_credential(name, value, secrets)
        });
    }
    Some(next)
}

/// Same scheme, host and port.
fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str().map(str::to_ascii_lowercase) == b.host_str().map(str::to_ascii_lowercase)
        && a.port_or_known_default() == b.port_or_known_default()
}

/// True for a header that carries a credential: by name, or holding a secret value.
fn is_credential(name: &str, value: &str, secrets: &[String]) -> bool {
    CREDENTIAL_HEADERS
        .iter()
        .any(|h| name.eq_ignore_ascii_case(h))
        || is_sensitive_name(name)
        || secrets
            .iter()
            .any(|s| s.len() >= 3 && value.contains(s.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(method: Method, url: &str, headers: &[(&str, &str)]) -> Hop {
        Hop {
            method,
            url: Url::parse(url).unwrap(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: Some(b"{}".to_vec()),
        }
    }

    fn names(hop: &Hop) -> Vec<&str> {
        hop.headers.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn credentials_stay_on_their_origin() {
        let first = hop(
            Method::GET,
            "http://a.example:8080/x",
            &[
                ("Authorization", "Bearer t"),
                ("X-Api-Key", "k1"),
                ("Ocp-Apim-Subscription-Key", "the-secret-key"),
                ("X-Custom", "prefix the-secret-var suffix"),
                ("Accept", "*/*"),
            ],
        );
        let secrets = vec!["the-secret-key".to_string(), "the-secret-var".to_string()];
        let same = next_hop(&first, StatusCode::FOUND, Some("/y"), &secrets).unwrap();
        assert_eq!(names(&same).len(), 5);
        let other_port =
            next_hop(&first, StatusCode::FOUND, Some("http://a.example:9090/y"), &secrets).unwrap();
        assert_eq!(names(&other_port), ["Accept"]);
        let other_scheme =
            next_hop(&first, StatusCode::FOUND, Some("https://a.example:8080/"), &secrets).unwrap();
        assert_eq!(names(&other_scheme), ["Accept"]);
    }

    #[test]
    fn methods_and_bodies_as_browsers_follow() {
        let post = hop(Method::POST, "http://a/x", &[("Content-Type", "application/json")]);
        let see_other = next_hop(&post, StatusCode::SEE_OTHER, Some("/y"), &[]).unwrap();
        assert_eq!(see_other.method, Method::GET);
        assert!(see_other.body.is_none() && see_other.headers.is_empty());
        let temporary = next_hop(&post, StatusCode::TEMPORARY_REDIRECT, Some("/y"), &[]).unwrap();
        assert_eq!(temporary.method, Method::POST);
        assert!(temporary.body.is_some());
        assert!(next_hop(&post, StatusCode::OK, Some("/y"), &[]).is_none());
        assert!(next_hop(&post, StatusCode::FOUND, None, &[]).is_none());
        assert!(next_hop(&post, StatusCode::FOUND, Some("ftp://x/"), &[]).is_none());
    }
}
