//! The run's HTTP client: one cookie jar, redirects followed hop by hop (credentials stay
//! on their origin), hosts reached at the addresses `--resolve` and `--connect-to` give.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::cookie::CookieStore;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Version, redirect};
use url::Url;

use super::call::{Call, Response, SentRequest, Timings};
use super::decode::{BodyDecoder, DecodeError};
use super::error::{HttpError, SendError};
use super::jar::CookieJar;
use super::redirect::{Hop, next_hop};
use super::route::Route;
use super::tls::{ClientIdentity, TlsConfig};
use crate::collection::AddressOverride;
use crate::request::{DigestAuth, RequestSpec, digest_input, parse_digest_challenges};

/// Redirects followed by a request with `follow_redirects` set.
const MAX_REDIRECTS: usize = 10;

/// Settings of a run's HTTP client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpConfig {
    /// Per-request limit for the whole exchange, body included (`--timeout-request`);
    /// `None` means no limit.
    pub timeout: Option<Duration>,
    /// Accept invalid TLS certificates and host names (`-k`).
    pub insecure: bool,
    /// Largest response body accepted, in bytes.
    pub max_body: usize,
    /// `User-Agent` sent unless the request sets one.
    pub user_agent: String,
    /// Hosts reached at other addresses (`--resolve`, `--connect-to`, then the sidecars'
    /// `resolve` and `connect_to`); the first entry for a host and port wins.
    pub addresses: Vec<AddressOverride>,
    /// Extra CA certificates and client certificates (`--ssl-*`, the sidecars' `[tls]`).
    pub tls: TlsConfig,
}

impl Default for HttpConfig {
    /// No timeout, certificates verified, 16 MiB body cap, `pmcheck/<version>`.
    fn default() -> Self {
        Self {
            timeout: None,
            insecure: false,
            max_body: 16 * 1024 * 1024,
            user_agent: format!("pmcheck/{}", env!("CARGO_PKG_VERSION")),
            addresses: Vec::new(),
            tls: TlsConfig::default(),
        }
    }
}

/// One client per run.
///
/// Uses rustls, reuses connections, speaks HTTP/1.1 and HTTP/2 (negotiated by ALPN)
/// and keeps one cookie jar for every request of the run. A request with
/// [`RequestSpec::follow_redirects`] follows up to 10 redirects, one hop at a time. Each
/// `--resolve` or `--connect-to` entry has an underlying client of its own (sharing the
/// jar) that connects to the entry's address. Cheap to clone.
#[derive(Debug, Clone)]
pub struct HttpClient {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// The clients of each client certificate of `config.tls` (`TlsConfig::identities`).
    clients: Vec<Clients>,
    jar: Arc<CookieJar>,
    config: HttpConfig,
}

/// The clients that show one client certificate (or none).
#[derive(Debug)]
struct Clients {
    direct: reqwest::Client,
    /// The entries of `config.addresses`, each with its client, in order.
    routes: Vec<(Route, reqwest::Client)>,
}

/// A request ready for the wire: method, URL, headers in order, body.
struct Outgoing<'a> {
    method: Method,
    url: Url,
    headers: Vec<(String, String)>,
    body: Option<&'a [u8]>,
    follow_redirects: bool,
    /// Values whose headers do not follow a redirect to another origin.
    secrets: &'a [String],
}

impl HttpClient {
    /// Starts reading the system's root certificates on a background thread, so that a
    /// client built later finds them ready (reading them is most of a short run's start-up).
    pub fn preload_roots() {
        std::thread::spawn(super::tls::preload);
    }

    /// Builds the client (TLS set-up included).
    pub fn new(config: &HttpConfig) -> Result<Self, HttpError> {
        if HeaderValue::from_str(&config.user_agent).is_err() {
            return Err(HttpError::InvalidUserAgent {
                value: config.user_agent.clone(),
            });
        }
        Self::with_jar(config, Arc::default())
    }

    /// Another client with the same settings and cookie jar but its own connections, for a
    /// thread that drives its own runtime (connections belong to the runtime that opened
    /// them).
    pub fn fork(&self) -> Result<Self, HttpError> {
        Self::with_jar(&self.inner.config, Arc::clone(&self.inner.jar))
    }

    fn with_jar(config: &HttpConfig, jar: Arc<CookieJar>) -> Result<Self, HttpError> {
        let proxied = proxies_in_env();
        let build = |route: Option<&Route>, identity: Option<&ClientIdentity>| {
            let builder = reqwest::Client::builder();
            let builder = match route {
                Some(route) => builder.resolve_to_addrs(route.host(), route.addrs()),
                None => builder,
            };
            // Without a proxy to use, no request asks whether it should (and matches its
            // host against NO_PROXY).
            let builder = if proxied { builder } else { builder.no_proxy() };
            config
                .tls
                .configure(builder, config.insecure, identity)?
                .cookie_provider(Arc::clone(&jar))
                .redirect(redirect::Policy::none())
                .referer(false)
                .http1_title_case_headers()
                .build()
                .map_err(|err| HttpError::Build {
                    detail: err.to_string(),
                })
        };
        let clients = config
            .tls
            .identities()
            .map(|identity| {
                let direct = build(None, identity)?;
                let routes = config
                    .addresses
                    .iter()
                    .map(|entry| {
                        let route = Route::new(entry)?;
                        let client = build(Some(&route), identity)?;
                        Ok((route, client))
                    })
                    .collect::<Result<Vec<_>, HttpError>>()?;
                Ok(Clients { direct, routes })
            })
            .collect::<Result<Vec<_>, HttpError>>()?;
        Ok(Self {
            inner: Arc::new(Inner {
                clients,
                jar,
                config: config.clone(),
            }),
        })
    }

    /// The run's cookie jar, shared by every client forked from this one.
    pub fn jar(&self) -> &CookieJar {
        &self.inner.jar
    }

    /// Sends the spec and records what was really sent and received.
    ///
    /// With digest credentials, the `Authorization` header is computed up front when
    /// the realm and nonce are known; otherwise a `401` Digest challenge is answered
    /// once (unless retries are disabled) and the [`Call`] records that second exchange.
    pub async fn send(&self, spec: &RequestSpec) -> Result<Call, SendError> {
        let url = parse_url(&spec.url)?;
        self.send_to(spec, url).await
    }

    /// [`HttpClient::send`] with `spec.url` already parsed as `url`.
    pub async fn send_to(&self, spec: &RequestSpec, url: Url) -> Result<Call, SendError> {
        let method =
            Method::from_bytes(spec.method.as_bytes()).map_err(|_| SendError::InvalidMethod {
                method: spec.method.clone(),
            })?;
        let url = check_url(&spec.url, url)?;
        let mut outgoing = Outgoing {
            method,
            url,
            headers: self.with_default_headers(&spec.headers),
            body: spec.body.as_deref(),
            follow_redirects: spec.follow_redirects,
            secrets: &spec.secrets,
        };
        let Some(auth) = &spec.digest else {
            return self.exchange(&outgoing).await;
        };
        if !auth.realm.is_empty() && !auth.nonce.is_empty() {
            add_digest_header(&mut outgoing, auth, None)?;
            return self.exchange(&outgoing).await;
        }
        let first = self.exchange(&outgoing).await?;
        if first.response.status != 401 || auth.disable_retry {
            return Ok(first);
        }
        let challenges: Vec<_> = first
            .response
            .headers
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("www-authenticate"))
            .flat_map(|(_, value)| parse_digest_challenges(value))
            .collect();
        let mut first_error = None;
        for challenge in &challenges {
            match add_digest_header(&mut outgoing, auth, Some(challenge)) {
                Ok(()) => return self.exchange(&outgoing).await,
                Err(err) => {
                    first_error.get_or_insert(err);
                }
            }
        }
        match first_error {
            Some(err) => Err(err),
            None => Ok(first),
        }
    }

    /// One hop's request, on the client of the client certificate for its URL and of the
    /// first address entry for its host and port (else the direct one).
    fn request(&self, hop: &Hop) -> Result<reqwest::RequestBuilder, SendError> {
        let clients = &self.inner.clients[self.inner.config.tls.identity_index(&hop.url)];
        let mut client = &clients.direct;
        if let Some((route, routed)) = clients.routes.iter().find(|(r, _)| r.applies(&hop.url))
        {
            route.check_port(&hop.url)?;
            client = routed;
        }
        let mut request = client
            .request(hop.method.clone(), hop.url.clone())
            .headers(header_map(&hop.headers)?);
        if let Some(body) = &hop.body {
            request = request.body(body.clone());
        }
        Ok(request)
    }

    /// The spec's headers followed by Newman's defaults where the spec has no header of
    /// that name: `User-Agent`, `Accept: */*`, `Accept-Encoding: gzip, deflate, br` and
    /// `Connection: keep-alive`.
    fn with_default_headers(&self, headers: &[(String, String)]) -> Vec<(String, String)> {
        let mut all = headers.to_vec();
        let defaults = [
            ("User-Agent", self.inner.config.user_agent.as_str()),
            ("Accept", "*/*"),
            ("Accept-Encoding", "gzip, deflate, br"),
            ("Connection", "keep-alive"),
        ];
        for (name, value) in defaults {
            if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                all.push((name.to_string(), value.to_string()));
            }
        }
        all
    }

    /// One request/response exchange, body read under the cap, all under the timeout.
    async fn exchange(&self, outgoing: &Outgoing<'_>) -> Result<Call, SendError> {
        let header_map = header_map(&outgoing.headers)?;
        let mut sent_headers = wire_order(&outgoing.headers);
        if !header_map.contains_key(reqwest::header::COOKIE)
            && let Some(cookie) = self.inner.jar.cookies(&outgoing.url)
        {
            sent_headers.push((
                "Cookie".to_string(),
                String::from_utf8_lossy(cookie.as_bytes()).into_owned(),
            ));
        }
        let sent = SentRequest {
            method: outgoing.method.as_str().to_string(),
            url: outgoing.url.as_str().to_string(),
            headers: sent_headers,
            body: outgoing.body.map(<[u8]>::to_vec),
        };

        let url = sent.url.as_str();
        let max_body = self.inner.config.max_body;
        let started = Instant::now();
        let receive = async {
            let mut hop = Hop {
                method: outgoing.method.clone(),
                url: outgoing.url.clone(),
                headers: outgoing.headers.clone(),
                body: outgoing.body.map(<[u8]>::to_vec),
            };
            let mut redirects = 0;
            let mut response = loop {
                let response = self
                    .request(&hop)?
                    .send()
                    .await
                    .map_err(|err| SendError::from_reqwest(&err, url, MAX_REDIRECTS))?;
                let location = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|v| v.to_str().ok());
                let next = outgoing
                    .follow_redirects
                    .then(|| next_hop(&hop, response.status(), location, outgoing.secrets))
                    .flatten();
                let Some(next) = next else {
                    break response;
                };
                redirects += 1;
                if redirects > MAX_REDIRECTS {
                    return Err(SendError::TooManyRedirects {
                        url: url.to_string(),
                        max: MAX_REDIRECTS,
                    });
                }
                hop = next;
            };
            let headers_at = started.elapsed();
            let too_large = || SendError::BodyTooLarge {
                url: url.to_string(),
                limit: max_body,
            };
            if response
                .content_length()
                .is_some_and(|length| length > max_body as u64)
            {
                return Err(too_large());
            }
            let mut received = Response {
                status: response.status().as_u16(),
                reason: response
                    .status()
                    .canonical_reason()
                    .unwrap_or_default()
                    .to_string(),
                http_version: version_name(response.version()),
                headers: response
                    .headers()
                    .iter()
                    .map(|(name, value)| {
                        (
                            name.as_str().to_string(),
                            String::from_utf8_lossy(value.as_bytes()).into_owned(),
                        )
                    })
                    .collect(),
                body: Vec::new(),
                url: response.url().as_str().to_string(),
            };
            let mut decoder = BodyDecoder::new(received.header("content-encoding"), max_body);
            let decoded = |err: DecodeError| match err {
                DecodeError::TooLarge => too_large(),
                DecodeError::Corrupt { coding, detail } => SendError::Body {
                    url: url.to_string(),
                    detail: format!("cannot decode the {coding} body: {detail}"),
                },
            };
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|err| SendError::from_reqwest(&err, url, MAX_REDIRECTS))?
            {
                decoder.push(&chunk).map_err(decoded)?;
            }
            received.body = decoder.finish().map_err(decoded)?;
            Ok((received, headers_at))
        };
        let (response, headers_at) =
            match self.inner.config.timeout {
                Some(limit) => tokio::time::timeout(limit, receive).await.map_err(|_| {
                    SendError::Timeout {
                        url: url.to_string(),
                        ms: limit.as_millis(),
                    }
                })??,
                None => receive.await?,
            };
        Ok(Call {
            sent,
            response,
            timings: Timings {
                total: started.elapsed(),
                headers: headers_at,
            },
        })
    }
}

/// True when the environment names a proxy (`HTTP_PROXY`, `HTTPS_PROXY` or `ALL_PROXY`, in
/// upper or lower case), which requests then go through, but for the hosts `NO_PROXY`
/// lists, as with Newman and curl.
fn proxies_in_env() -> bool {
    [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ]
    .iter()
    .any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty()))
}

/// Parses an absolute `http`/`https` URL with a host.
fn parse_url(text: &str) -> Result<Url, SendError> {
    let url = Url::parse(text).map_err(|err| SendError::InvalidUrl {
        url: text.to_string(),
        reason: err.to_string(),
    })?;
    check_url(text, url)
}

/// `url` (parsed from `text`) if it is `http`/`https` with a host.
fn check_url(text: &str, url: Url) -> Result<Url, SendError> {
    let invalid = |reason: String| SendError::InvalidUrl {
        url: text.to_string(),
        reason,
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(format!(
            "unsupported scheme {:?} (only http and https)",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("missing host".to_string()));
    }
    Ok(url)
}

/// Replaces any `Authorization` header with a digest one for this request.
fn add_digest_header(
    outgoing: &mut Outgoing<'_>,
    auth: &DigestAuth,
    challenge: Option<&crate::request::DigestChallenge>,
) -> Result<(), SendError> {
    let mut target = outgoing.url.path().to_string();
    if let Some(query) = outgoing.url.query() {
        target.push('?');
        target.push_str(query);
    }
    let input = digest_input(
        auth,
        challenge,
        outgoing.method.as_str(),
        &target,
        outgoing.body.unwrap_or_default(),
    )
    .map_err(|source| SendError::Digest {
        url: outgoing.url.as_str().to_string(),
        source,
    })?;
    outgoing
        .headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case("authorization"));
    outgoing
        .headers
        .push(("Authorization".to_string(), input.authorization()));
    Ok(())
}

/// Validates the headers into a map; repeated names keep every value.
fn header_map(headers: &[(String, String)]) -> Result<HeaderMap, SendError> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| SendError::InvalidHeaderName { name: name.clone() })?;
        let header_value = HeaderValue::from_bytes(value.as_bytes())
            .map_err(|_| SendError::InvalidHeaderValue { name: name.clone() })?;
        map.append(header_name, header_value);
    }
    Ok(map)
}

/// The order in which the HTTP layer writes headers: by first occurrence of each
/// name (case-insensitive), repeated names right after one another.
fn wire_order(headers: &[(String, String)]) -> Vec<(String, String)> {
    let mut ordered: Vec<(String, String)> = Vec::with_capacity(headers.len());
    for (index, (name, _)) in headers.iter().enumerate() {
        let seen_before = headers[..index]
            .iter()
            .any(|(earlier, _)| earlier.eq_ignore_ascii_case(name));
        if !seen_before {
            ordered.extend(
                headers[index..]
                    .iter()
                    .filter(|(other, _)| other.eq_ignore_ascii_case(name))
                    .cloned(),
            );
        }
    }
    ordered
}

/// `HTTP/1.1`, `HTTP/2`, …
fn version_name(version: Version) -> String {
    match version {
        Version::HTTP_09 => "HTTP/0.9".to_string(),
        Version::HTTP_10 => "HTTP/1.0".to_string(),
        Version::HTTP_11 => "HTTP/1.1".to_string(),
        Version::HTTP_2 => "HTTP/2".to_string(),
        Version::HTTP_3 => "HTTP/3".to_string(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn wire_order_groups_repeated_names_at_first_position() {
        let headers = pairs(&[("X-A", "1"), ("X-B", "2"), ("x-a", "3"), ("X-C", "4")]);
        assert_eq!(
            wire_order(&headers),
            pairs(&[("X-A", "1"), ("x-a", "3"), ("X-B", "2"), ("X-C", "4")])
        );
    }

    #[test]
    fn default_headers_only_when_absent() {
        let client = HttpClient::new(&HttpConfig::default()).unwrap();
        let with = client.with_default_headers(&pairs(&[("accept", "text/plain")]));
        assert_eq!(
            with,
            pairs(&[
                ("accept", "text/plain"),
                (
                    "User-Agent",
                    &format!("pmcheck/{}", env!("CARGO_PKG_VERSION"))
                ),
                ("Accept-Encoding", "gzip, deflate, br"),
                ("Connection", "keep-alive"),
            ])
        );
    }

    #[test]
    fn rejects_bad_urls_and_user_agents() {
        assert!(matches!(
            parse_url("ftp://x/"),
            Err(SendError::InvalidUrl { .. })
        ));
        assert!(matches!(
            parse_url("not a url"),
            Err(SendError::InvalidUrl { .. })
        ));
        assert!(parse_url("https://example.com/a?b").is_ok());
        let config = HttpConfig {
            user_agent: "bad\nagent".into(),
            ..HttpConfig::default()
        };
        assert!(matches!(
            HttpClient::new(&config),
            Err(HttpError::InvalidUserAgent { .. })
        ));
    }

    #[test]
    fn version_names() {
        assert_eq!(version_name(Version::HTTP_11), "HTTP/1.1");
        assert_eq!(version_name(Version::HTTP_2), "HTTP/2");
    }
}
