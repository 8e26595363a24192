//! Postman's URL match patterns (`https://*.example.com:8443/api/*`), which the entries of
//! a client certificate list (`--ssl-client-cert-list`) name the requests they serve by.

use url::Url;

/// A parsed pattern: `<all_urls>`, or scheme (`http`, `https` or `*`), host (exact,
/// `*`, or `*.` and a suffix) with an optional port, and a path glob (`*` any run of
/// characters, `?` one character).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlMatchPattern {
    text: String,
    /// `None`: `<all_urls>`.
    parts: Option<Parts>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Parts {
    /// `None`: any scheme.
    scheme: Option<String>,
    host: HostMatch,
    /// `None`: the scheme's default port (as the URL would leave it out).
    port: Option<PortMatch>,
    path: Vec<Glob>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum HostMatch {
    Any,
    Exact(String),
    /// The host itself or any sub-domain of it.
    Suffix(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PortMatch {
    Any,
    Port(u16),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Glob {
    Star,
    One,
    Char(char),
}

impl UrlMatchPattern {
    /// Parses a pattern; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        if trimmed == "<all_urls>" {
            return Ok(Self {
                text: trimmed.to_string(),
                parts: None,
            });
        }
        let (scheme, rest) = trimmed
            .split_once("://")
            .ok_or("expected <scheme>://<host>/<path>, e.g. https://api.example.com/*")?;
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "*" => None,
            s @ ("http" | "https") => Some(s.to_string()),
            other => return Err(format!("scheme {other:?} is not http, https or *")),
        };
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let path = if path.is_empty() { "/" } else { path };
        let (host, port) = split_port(authority)?;
        let host = host.to_ascii_lowercase();
        let host = if host == "*" {
            HostMatch::Any
        } else if let Some(suffix) = host.strip_prefix("*.") {
            HostMatch::Suffix(suffix.to_string())
        } else if host.is_empty() || host.contains('*') {
            return Err(format!(
                "host {host:?} is not a host name, * or *.<domain>"
            ));
        } else {
            HostMatch::Exact(host)
        };
        let path = path
            .chars()
            .map(|c| match c {
                '*' => Glob::Star,
                '?' => Glob::One,
                c => Glob::Char(c),
            })
            .collect();
        Ok(Self {
            text: trimmed.to_string(),
            parts: Some(Parts {
                scheme,
                host,
                port,
                path,
            }),
        })
    }

    /// True when `url` is one of the pattern's: scheme, host and port, and path (without
    /// the query).
    pub fn matches(&self, url: &Url) -> bool {
        let Some(parts) = &self.parts else {
            return matches!(url.scheme(), "http" | "https");
        };
        if parts.scheme.as_deref().is_some_and(|s| s != url.scheme()) {
            return false;
        }
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let host_ok = match &parts.host {
            HostMatch::Any => true,
            HostMatch::Exact(h) => host == *h,
            HostMatch::Suffix(s) => host == *s || host.ends_with(&format!(".{s}")),
        };
        let port_ok = match parts.port {
            Some(PortMatch::Any) => true,
            Some(PortMatch::Port(p)) => url.port_or_known_default() == Some(p),
            None => url.port().is_none(),
        };
        host_ok && port_ok && glob(&parts.path, &url.path().chars().collect::<Vec<_>>())
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Host and port of an authority (`[::1]:8443`, `h:*`, `h`).
fn split_port(authority: &str) -> Result<(&str, Option<PortMatch>), String> {
    let colon = if authority.starts_with('[') {
        authority.find("]:").map(|i| i + 1)
    } else {
        authority.rfind(':')
    };
    let Some(colon) = colon else {
        return Ok((authority, None));
    };
    let (host, port) = (&authority[..colon], &authority[colon + 1..]);
    let port = match port {
        "*" => PortMatch::Any,
        p => PortMatch::Port(
            p.parse()
                .map_err(|_| format!("port {p:?} is not a number (1-65535) or *"))?,
        ),
    };
    Ok((host, Some(port)))
}

/// Whether the whole of `text` matches `pattern`.
fn glob(pattern: &[Glob], text: &[char]) -> bool {
    // Iterative matching with one backtrack point (the last `*`): linear in practice.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(Glob::Star) => {
                star = Some((p, t));
                p += 1;
            }
            Some(Glob::One) => {
                p += 1;
                t += 1;
            }
            Some(Glob::Char(c)) if *c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|g| *g == Glob::Star)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, url: &str) -> bool {
        UrlMatchPattern::parse(pattern)
            .unwrap()
            .matches(&Url::parse(url).unwrap())
    }

    #[test]
    fn scheme_host_port_and_path() {
        assert!(m("https://api.example.com/*", "https://api.example.com/a/b?c=d"));
        assert!(!m("https://api.example.com/*", "http://api.example.com/a"));
        assert!(m("*://api.example.com/*", "http://api.example.com/"));
        assert!(!m("https://api.example.com/*", "https://other.example.com/"));
        assert!(m("https://*.example.com/*", "https://a.b.example.com/x"));
        assert!(m("https://*.example.com/*", "https://example.com/x"));
        assert!(!m("https://*.example.com/*", "https://badexample.com/x"));
        assert!(m("https://*/v1/*", "https://any.host/v1/users"));
        assert!(!m("https://*/v1/*", "https://any.host/v2/users"));
        assert!(m("https://h/v?/x", "https://h/v2/x"));
        assert!(m("<all_urls>", "http://h:1/"));
    }

    #[test]
    fn ports_are_part_of_the_host() {
        assert!(m("https://127.0.0.1:8443/*", "https://127.0.0.1:8443/a"));
        assert!(!m("https://127.0.0.1:8443/*", "https://127.0.0.1:9443/a"));
        assert!(!m("https://127.0.0.1/*", "https://127.0.0.1:8443/a"));
        assert!(m("https://h:443/*", "https://h/a"));
        assert!(m("https://h:*/*", "https://h:1234/a"));
        assert!(m("https://[::1]:8443/*", "https://[::1]:8443/"));
    }

    #[test]
    fn bad_patterns_say_why() {
        for (bad, why) in [
            ("example.com/*", "expected <scheme>://"),
            ("ftp://h/*", "not http, https or *"),
            ("https://h:x/*", "not a number"),
            ("https://a*b/*", "not a host name"),
        ] {
            let e = UrlMatchPattern::parse(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}
