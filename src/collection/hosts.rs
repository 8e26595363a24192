//! Network settings a sidecar shares with the command line: the hosts scripts may reach
//! besides the target (`allow_hosts`, `--allow-host`) and the addresses some hosts are
//! reached at (`resolve`, `--resolve`; `connect_to`, `--connect-to`), as plain data.

use std::fmt;
use std::net::IpAddr;

/// A value of `--allow-host`, `--resolve` or `--connect-to` (or their sidecar keys) that
/// does not have the expected form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{option} {value:?}: {reason} (expected {expected})")]
pub struct HostsError {
    /// The option (`--allow-host`, `--resolve`, `--connect-to`).
    pub option: &'static str,
    /// The value as given.
    pub value: String,
    /// What is wrong with it.
    pub reason: String,
    /// The form the option takes.
    pub expected: &'static str,
}

/// A host `pm.sendRequest` may reach under a target: `api.example.com` (any port),
/// `api.example.com:8443` (that port only), `*.example.com` (any subdomain, not
/// `example.com` itself) or `*` (any host). Case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPattern {
    /// The host, lower case; a leading `*.` for subdomains, `*` for any host.
    host: String,
    /// The port, if the pattern names one.
    port: Option<u16>,
    /// As given.
    text: String,
}

const ALLOW_FORM: &str = "HOST, HOST:PORT, *.DOMAIN or *.DOMAIN:PORT";

impl HostPattern {
    /// Parses `--allow-host PATTERN`.
    pub fn parse(text: &str) -> Result<HostPattern, HostsError> {
        let error = |reason: &str| HostsError {
            option: "--allow-host",
            value: text.to_string(),
            reason: reason.to_string(),
            expected: ALLOW_FORM,
        };
        let (host, port) = split_port(text.trim()).map_err(|r| error(&r))?;
        let host = host.to_ascii_lowercase();
        let name = host.strip_prefix("*.").unwrap_or(&host);
        if host != "*" && !is_host(name) {
            return Err(error("not a host name or address"));
        }
        Ok(HostPattern {
            host,
            port,
            text: text.trim().to_string(),
        })
    }

    /// True when `host` (as a URL names it: lower case, IPv6 in brackets) on `port`
    /// matches.
    pub fn matches(&self, host: &str, port: u16) -> bool {
        if self.port.is_some_and(|p| p != port) {
            return false;
        }
        let host = host.to_ascii_lowercase();
        match self.host.strip_prefix('*') {
            Some("") => true,
            Some(suffix) => host.len() > suffix.len() && host.ends_with(suffix),
            None => host == self.host,
        }
    }
}

impl fmt::Display for HostPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Where connections to one host and port go instead of the address DNS gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reroute {
    /// These addresses, on the same port (`--resolve`).
    Addresses(Vec<IpAddr>),
    /// The address of this host, on this port (`--connect-to`).
    Host(String, u16),
}

/// An entry of `--resolve HOST:PORT:ADDR[,ADDR…]` or `--connect-to HOST1:PORT1:HOST2:PORT2`,
/// as in curl: connections to HOST on PORT go elsewhere, while the request's URL, its
/// `Host` header and the TLS server name stay HOST's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressOverride {
    /// The host, lower case (IPv6 in brackets, as URLs name it).
    pub host: String,
    /// The port.
    pub port: u16,
    /// Where its connections go.
    pub to: Reroute,
    /// The option and value as given (`--resolve tenant.example:443:10.0.0.5`).
    pub given: String,
}

const RESOLVE_FORM: &str = "HOST:PORT:ADDR[,ADDR...], e.g. tenant.example:443:10.0.0.5";
const CONNECT_FORM: &str = "HOST1:PORT1:HOST2:PORT2, e.g. tenant.example:443:10.0.0.5:8443";

impl AddressOverride {
    /// Parses `--resolve HOST:PORT:ADDR[,ADDR…]` (IPv6 addresses in brackets or bare).
    pub fn resolve(text: &str) -> Result<AddressOverride, HostsError> {
        let error = |reason: &str| HostsError {
            option: "--resolve",
            value: text.to_string(),
            reason: reason.to_string(),
            expected: RESOLVE_FORM,
        };
        let (host, rest) = take_host(text.trim()).ok_or_else(|| error("no HOST:PORT:"))?;
        let (port, addrs) = rest.split_once(':').ok_or_else(|| error("no :ADDR"))?;
        let port = parse_port(port).map_err(|r| error(&r))?;
        let addrs = addrs
            .split(',')
            .map(|a| {
                let bare = a.trim().trim_start_matches('[').trim_end_matches(']');
                bare.parse::<IpAddr>()
                    .map_err(|_| error(&format!("{a:?} is not an IP address")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(AddressOverride {
            host,
            port,
            to: Reroute::Addresses(addrs),
            given: format!("--resolve {}", text.trim()),
        })
    }

    /// Parses `--connect-to HOST1:PORT1:HOST2:PORT2`.
    pub fn connect_to(text: &str) -> Result<AddressOverride, HostsError> {
        let error = |reason: &str| HostsError {
            option: "--connect-to",
            value: text.to_string(),
            reason: reason.to_string(),
            expected: CONNECT_FORM,
        };
        let (host, rest) = take_host(text.trim()).ok_or_else(|| error("no HOST1:PORT1:"))?;
        let (port, rest) = rest.split_once(':').ok_or_else(|| error("no :HOST2:PORT2"))?;
        let port = parse_port(port).map_err(|r| error(&r))?;
        let (to_host, to_port) = take_host(rest).ok_or_else(|| error("no HOST2:PORT2"))?;
        let to_port = parse_port(to_port).map_err(|r| error(&r))?;
        let to_host = to_host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        Ok(AddressOverride {
            host,
            port,
            to: Reroute::Host(to_host, to_port),
            given: format!("--connect-to {}", text.trim()),
        })
    }

    /// The same entry, as a sidecar names it (`resolve` or `connect_to` of `FILE`).
    pub fn given_by(mut self, given: String) -> AddressOverride {
        self.given = given;
        self
    }
}

/// Splits `HOST` (a name, an IPv4 address or a bracketed IPv6 one) from `:REST`; the host
/// must be a host name.
fn take_host(text: &str) -> Option<(String, &str)> {
    let (host, rest) = if text.starts_with('[') {
        let end = text.find(']')?;
        (&text[..=end], text[end + 1..].strip_prefix(':')?)
    } else {
        text.split_once(':')?
    };
    let lower = host.to_ascii_lowercase();
    is_host(&lower).then_some((lower, rest))
}

/// `HOST` and `PORT` of `HOST[:PORT]`.
fn split_port(text: &str) -> Result<(&str, Option<u16>), String> {
    let bracketed = text.starts_with('[');
    let colon = if bracketed {
        text.find(']').map(|end| end + 1).filter(|&i| i < text.len())
    } else {
        text.rfind(':')
    };
    match colon {
        Some(i) if text[i..].starts_with(':') => Ok((&text[..i], Some(parse_port(&text[i + 1..])?))),
        Some(_) => Err("unexpected text after the address".to_string()),
        None => Ok((text, None)),
    }
}

fn parse_port(text: &str) -> Result<u16, String> {
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|&p| p > 0)
        .ok_or_else(|| format!("{text:?} is not a port (1-65535)"))
}

/// A host name, IPv4 address or bracketed IPv6 address, lower case.
fn is_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.parse::<std::net::Ipv6Addr>().is_ok();
    }
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_host_patterns() {
        let p = |s: &str| HostPattern::parse(s).unwrap();
        assert!(p("api.example.com").matches("api.example.com", 443));
        assert!(p("API.example.com").matches("api.example.com", 80));
        assert!(!p("api.example.com").matches("example.com", 443));
        assert!(p("api.example.com:8443").matches("api.example.com", 8443));
        assert!(!p("api.example.com:8443").matches("api.example.com", 443));
        assert!(p("*.example.com").matches("a.b.example.com", 443));
        assert!(!p("*.example.com").matches("example.com", 443));
        assert!(!p("*.example.com").matches("badexample.com", 443));
        assert!(p("*").matches("anything", 1));
        assert!(p("[::1]:80").matches("[::1]", 80));
        for bad in ["", "http://x", "a b", "x:0", "x:http", "*.", "a/b"] {
            let err = HostPattern::parse(bad).unwrap_err().to_string();
            assert!(err.contains("expected HOST, HOST:PORT"), "{bad}: {err}");
        }
    }

    #[test]
    fn resolve_and_connect_to_entries() {
        let r = AddressOverride::resolve("Tenant.invalid:8080:127.0.0.1,[::1]").unwrap();
        assert_eq!(r.host, "tenant.invalid");
        assert_eq!(r.port, 8080);
        assert_eq!(
            r.to,
            Reroute::Addresses(vec!["127.0.0.1".parse().unwrap(), "::1".parse().unwrap()])
        );
        let c = AddressOverride::connect_to("a.example:443:127.0.0.1:8443").unwrap();
        assert_eq!(c.to, Reroute::Host("127.0.0.1".into(), 8443));
        for bad in ["foo", "foo:80", "foo:80:notip", "foo:x:1.2.3.4", ":80:1.2.3.4"] {
            let err = AddressOverride::resolve(bad).unwrap_err().to_string();
            assert!(err.contains("expected HOST:PORT:ADDR"), "{bad}: {err}");
        }
        let err = AddressOverride::connect_to("foo").unwrap_err().to_string();
        assert!(err.contains("expected HOST1:PORT1:HOST2:PORT2"), "{err}");
    }
}
