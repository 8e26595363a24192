//! Inputs given as `http(s)` URLs (collections, environments, globals, data files, cookie
//! jars), as Newman accepts them: each fetched once, before the run, redirects followed,
//! within a time and a size limit. Errors and reports name the URL without its user
//! name, password, query or fragment, which may hold credentials.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The whole exchange of one input, redirects and body included.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest input accepted, in bytes.
pub const MAX_INPUT: usize = 64 * 1024 * 1024;

/// Most redirects followed for one input.
const MAX_REDIRECTS: usize = 10;

/// True when `path`, as given on the command line, is an `http://` or `https://` URL.
pub fn is_url(path: &Path) -> bool {
    path.to_str().is_some_and(|p| {
        let lower = p.get(..8).unwrap_or(p).to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    })
}

/// How an input is named in errors and reports: a file as given; a URL without its
/// credentials, query and fragment.
pub fn input_name(path: &Path) -> PathBuf {
    if !is_url(path) {
        return path.to_path_buf();
    }
    let text = path.to_string_lossy();
    match url::Url::parse(&text) {
        Ok(mut url) => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.set_query(None);
            url.set_fragment(None);
            PathBuf::from(url.to_string())
        }
        // Unparseable: without what comes before an `@` or after a `?` or `#`.
        Err(_) => {
            let base = text.split(['?', '#']).next().unwrap_or_default();
            let (scheme, rest) = base.split_once("://").unwrap_or(("http", base));
            let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
            PathBuf::from(format!("{scheme}://{rest}"))
        }
    }
}

/// Why an input could not be fetched (the URL is named by the caller).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The URL cannot be parsed.
    #[error("not a valid URL: {0}")]
    InvalidUrl(String),
    /// The server answered with a status other than 2xx.
    #[error("the server answered {status}{}", reason.as_deref().map(|r| format!(" {r}")).unwrap_or_default())]
    Status {
        /// The status code.
        status: u16,
        /// Its reason phrase.
        reason: Option<String>,
    },
    /// The body is larger than the limit.
    #[error("the body is larger than {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// No answer within the time limit.
    #[error("no complete answer within {} s", .0.as_secs())]
    Timeout(Duration),
    /// The connection failed, or a redirect could not be followed.
    #[error("{0}")]
    Network(String),
}

/// Fetches `url` with a GET, following redirects, within [`FETCH_TIMEOUT`] and `limit`
/// bytes. Runs on a thread of its own, so it may be called from anywhere (inside an
/// async runtime too).
pub fn fetch(url: &str, limit: usize) -> Result<Vec<u8>, FetchError> {
    let parsed = url::Url::parse(url).map_err(|e| FetchError::InvalidUrl(e.to_string()))?;
    std::thread::scope(|s| {
        s.spawn(|| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| FetchError::Network(format!("cannot start a runtime: {e}")))?;
            runtime.block_on(get(parsed, limit))
        })
        .join()
        .unwrap_or_else(|_| Err(FetchError::Network("the fetching thread failed".into())))
    })
}

async fn get(url: url::Url, limit: usize) -> Result<Vec<u8>, FetchError> {
    crate::crypto_provider::install();
    let client = reqwest::Client::builder()
        .timeout(FETCH_TIMEOUT)
        .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
        .user_agent(format!("pmcheck/{}", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| network(&e))?;
    let mut response = client.get(url).send().await.map_err(|e| network(&e))?;
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::Status {
            status: status.as_u16(),
            reason: status.canonical_reason().map(str::to_string),
        });
    }
    if response
        .content_length()
        .is_some_and(|n| n > limit as u64)
    {
        return Err(FetchError::TooLarge { limit });
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| network(&e))? {
        if body.len() + chunk.len() > limit {
            return Err(FetchError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A client error without its URL (which may hold credentials), with its causes.
fn network(err: &reqwest::Error) -> FetchError {
    if err.is_timeout() {
        return FetchError::Timeout(FETCH_TIMEOUT);
    }
    let mut text = if err.is_redirect() {
        "too many redirects, or a redirect that cannot be followed".to_string()
    } else if err.is_connect() {
        "cannot connect".to_string()
    } else {
        "the request failed".to_string()
    };
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !cause_text.contains("://") && !text.ends_with(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    FetchError::Network(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_server::TestServer;

    #[test]
    fn urls_are_told_from_files_and_named_without_secrets() {
        assert!(is_url(Path::new("https://h.test/c.json")));
        assert!(is_url(Path::new("HTTP://h.test/c.json")));
        assert!(!is_url(Path::new("http.json")));
        assert!(!is_url(Path::new("./https:/x")));
        assert_eq!(
            input_name(Path::new("https://user:pw@h.test/c.json?access_key=k#f")),
            PathBuf::from("https://h.test/c.json")
        );
        assert_eq!(input_name(Path::new("c.json")), PathBuf::from("c.json"));
    }

    #[test]
    fn bodies_statuses_and_limits() {
        let server = TestServer::start_blocking();
        let body = fetch(&server.url("/bytes/100"), 1000).unwrap();
        assert_eq!(body.len(), 100);
        // Without a Content-Length, the limit stops the body as it comes.
        assert_eq!(
            fetch(&server.url("/stream/5000"), 1000),
            Err(FetchError::TooLarge { limit: 1000 })
        );
        assert_eq!(
            fetch(&server.url("/bytes/5000"), 1000),
            Err(FetchError::TooLarge { limit: 1000 })
        );
        let err = fetch(&server.url("/status/404"), 1000).unwrap_err();
        assert_eq!(err.to_string(), "the server answered 404 Not Found");
        // Redirects are followed.
        assert!(fetch(&server.url("/redirect?to=/bytes/3"), 1000).is_ok_and(|b| b.len() == 3));
        assert!(matches!(
            fetch(&server.url("/redirect-loop"), 1000),
            Err(FetchError::Network(_))
        ));
    }
}
