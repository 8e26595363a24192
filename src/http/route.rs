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
