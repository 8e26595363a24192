//! Which connection a URL gets: hosts of `--resolve` and `--connect-to` entries are
//! reached at the entry's address (the URL, `Host` header and TLS server name unchanged),
//! every other host at the address DNS gives.

use std::net::{SocketAddr, ToSocketAddrs};

use url::Url;

use super::error::{HttpError, SendError};
use crate::collection::{AddressOverride, Reroute};

/// One entry, its addresses known.
#[derive(Debug)]
pub(super) struct Route {
    host: String,
    port: u16,
    addrs: Vec<SocketAddr>,
    given: String,
}

impl Route {
    /// The entry's addresses: `--resolve`'s on its port, the address of `--connect-to`'s
    /// second host (looked up now) on its port.
    pub fn new(entry: &AddressOverride) -> Result<Route, HttpError> {
        let addrs = match &entry.to {
            Reroute::Addresses(ips) => ips
                .iter()
                .map(|ip| SocketAddr::new(*ip, entry.port))
                .collect(),
            Reroute::Host(host, port) => (host.as_str(), *port)
                .to_socket_addrs()
                .map_err(|err| HttpError::Address {
                    given: entry.given.clone(),
                    detail: format!("cannot resolve {host}: {err}"),
                })?
                .collect(),
        };
        Ok(Route {
            host: entry.host.clone(),
            port: entry.port,
            addrs,
            given: entry.given.clone(),
        })
    }

    /// The host whose address the client overrides.
    pub fn host(&self) -> &str {
        self.host.trim_start_matches('[').trim_end_matches(']')
    }

    /// The addresses connections go to.
    pub fn addrs(&self) -> &[SocketAddr] {
        &self.addrs
    }

    /// True when the entry is for `url`'s host and port.
    pub fn applies(&self, url: &Url) -> bool {
        url.host_str()
            .is_some_and(|h| h.eq_ignore_ascii_case(&self.host))
            && url.port_or_known_default() == Some(self.port)
    }

    /// An error if `url` names its port and the entry goes to another one: the HTTP stack
    /// connects to a URL's explicit port whatever address it resolves to.
    pub fn check_port(&self, url: &Url) -> Result<(), SendError> {
        match (url.port(), self.addrs.first()) {
            (Some(port), Some(addr)) if addr.port() != port => Err(SendError::Connect {
                url: url.as_str().to_string(),
                detail: format!(
                    "{}: a URL that names its port ({port}) cannot be connected to another \
                     port ({}); only a URL on its scheme's default port can",
                    self.given,
                    addr.port()
                ),
            }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn entries_apply_to_their_host_and_port_only() {
        let entry = AddressOverride::resolve("tenant.example:443:10.0.0.5").unwrap();
        let route = Route::new(&entry).unwrap();
        assert_eq!(route.addrs(), ["10.0.0.5:443".parse().unwrap()]);
        assert!(route.applies(&url("https://TENANT.example/a")));
        assert!(route.applies(&url("http://tenant.example:443/a")));
        assert!(!route.applies(&url("https://tenant.example:8443/a")));
        assert!(!route.applies(&url("https://other.example/a")));
    }

    #[test]
    fn another_port_only_for_a_url_on_its_default_port() {
        let entry = AddressOverride::connect_to("tenant.example:443:127.0.0.1:8443").unwrap();
        let route = Route::new(&entry).unwrap();
        assert_eq!(route.addrs(), ["127.0.0.1:8443".parse().unwrap()]);
        assert!(route.check_port(&url("https://tenant.example/")).is_ok());
        let explicit = route
            .check_port(&url("http://tenant.example:443/"))
            .unwrap_err()
            .to_string();
        assert!(
            explicit.contains("--connect-to tenant.example:443:127.0.0.1:8443"),
            "{explicit}"
        );
    }
}
