//! The run's cookie jar: what every exchange (each redirect hop included) stores and
//! sends, and what scripts read and change through `pm.cookies` and `pm.cookies.jar()`.

use std::sync::{PoisonError, RwLock};

use cookie_store::{CookieDomain, CookieExpiration};
use reqwest::header::HeaderValue;
use url::Url;

/// Longest cookie text a script may set, so that a script cannot make the jar store
/// unbounded data.
const MAX_COOKIE_TEXT: usize = 8 * 1024;

/// One cookie of the jar, as Postman describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JarCookie {
    /// Cookie name.
    pub name: String,
    /// Cookie value, as stored.
    pub value: String,
    /// The domain it is sent to.
    pub domain: String,
    /// The path it is sent under.
    pub path: String,
    /// When it expires, in milliseconds since the Unix epoch; `None` for a session cookie.
    pub expires_ms: Option<i64>,
    /// Sent over HTTPS only.
    pub secure: bool,
    /// Hidden from browsers' scripts (`HttpOnly`).
    pub http_only: bool,
    /// Sent to its exact host only (no `Domain` attribute).
    pub host_only: bool,
}

/// Why a script's jar operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JarError {
    /// The URL cannot be parsed or has no host.
    #[error("invalid url {0:?}")]
    InvalidUrl(String),
    /// The cookie text cannot be parsed, is too long, or does not apply to the URL.
    #[error("{0}")]
    Rejected(String),
}

/// A cookie jar shared by every client of a run. Cheap to share behind an `Arc`.
#[derive(Debug, Default)]
pub struct CookieJar(RwLock<cookie_store::CookieStore>);

impl CookieJar {
    pub(super) fn read(&self) -> std::sync::RwLockReadGuard<'_, cookie_store::CookieStore> {
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn write(&self) -> std::sync::RwLockWriteGuard<'_, cookie_store::CookieStore> {
        self.0.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// The unexpired cookies a request to `url` carries, in the order they are sent.
    pub fn cookies_for(&self, url: &str) -> Result<Vec<JarCookie>, JarError> {
        let url = parse(url)?;
        Ok(matching(&self.read(), &url).into_iter().map(describe).collect())
    }

    /// Stores a cookie for `url` from `Set-Cookie` text (`name=value; Path=/; …`), as a
    /// response from `url` would; returns the stored cookie.
    pub fn set(&self, url: &str, set_cookie: &str) -> Result<JarCookie, JarError> {
        let url = parse(url)?;
        if set_cookie.len() > MAX_COOKIE_TEXT {
            return Err(JarError::Rejected(format!(
                "cookie is longer than {MAX_COOKIE_TEXT} bytes"
            )));
        }
        let mut store = self.write();
        let cookie = cookie_store::Cookie::parse(set_cookie.to_string(), &url)
            .map_err(|err| JarError::Rejected(err.to_string()))?;
        let stored = describe(&cookie);
        store
            .insert(cookie, &url)
            .map_err(|err| JarError::Rejected(err.to_string()))?;
        Ok(stored)
    }

    /// Removes the first cookie called `name` that a request to `url` would carry.
    pub fn unset(&self, url: &str, name: &str) -> Result<(), JarError> {
        let url = parse(url)?;
        let mut store = self.write();
        let found = store
            .matches(&url)
            .into_iter()
            .find(|c| c.name() == name)
            .map(key_of);
        if let Some((domain, path, name)) = found {
            store.remove(&domain, &path, &name);
        }
        Ok(())
    }

    /// Removes every cookie a request to `url` would carry.
    pub fn clear(&self, url: &str) -> Result<(), JarError> {
        let url = parse(url)?;
        let mut store = self.write();
        let keys: Vec<_> = store.matches(&url).into_iter().map(key_of).collect();
        for (domain, path, name) in keys {
            store.remove(&domain, &path, &name);
        }
        Ok(())
    }
}

impl reqwest::cookie::CookieStore for CookieJar {
    fn set_cookies(&self, headers: &mut dyn Iterator<Item = &HeaderValue>, url: &Url) {
        let cookies: Vec<_> = headers
            .filter_map(|value| std::str::from_utf8(value.as_bytes()).ok())
            .filter_map(|text| cookie::Cookie::parse(text.to_string()).ok())
            .collect();
        self.write().store_response_cookies(cookies.into_iter(), url);
    }

    fn cookies(&self, url: &Url) -> Option<HeaderValue> {
        let store = self.read();
        let line = matching(&store, url)
            .into_iter()
            .map(|c| format!("{}={}", c.name(), c.value()))
            .collect::<Vec<_>>()
            .join("; ");
        if line.is_empty() {
            return None;
        }
        HeaderValue::from_str(&line).ok()
    }
}

/// The cookies a request to `url` carries, longer paths first, then in the order they were
/// stored (as RFC 6265 and tough-cookie order them).
fn matching<'s>(
    store: &'s cookie_store::CookieStore,
    url: &Url,
) -> Vec<&'s cookie_store::Cookie<'static>> {
    let mut cookies = store.matches(url);
    cookies.sort_by_key(|c| std::cmp::Reverse(c.path.as_ref().len()));
    cookies
}

fn parse(text: &str) -> Result<Url, JarError> {
    let invalid = || JarError::InvalidUrl(text.to_string());
    // Postman's jar takes URLs without a scheme too.
    let url = if text.contains("://") {
        Url::parse(text)
    } else {
        Url::parse(&format!("http://{text}"))
    }
    .map_err(|_| invalid())?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid());
    }
    Ok(url)
}

/// The store's key of a cookie: domain, path, name.
fn key_of(cookie: &cookie_store::Cookie<'_>) -> (String, String, String) {
    (
        String::from(&cookie.domain),
        String::from(&cookie.path),
        cookie.name().to_string(),
    )
}

fn describe(cookie: &cookie_store::Cookie<'_>) -> JarCookie {
    JarCookie {
        name: cookie.name().to_string(),
        value: cookie.value().to_string(),
        domain: cookie
            .domain
            .as_cow()
            .map(|d| d.into_owned())
            .unwrap_or_default(),
        path: String::from(&cookie.path),
        expires_ms: match &cookie.expires {
            CookieExpiration::AtUtc(at) => {
                i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()
            }
            CookieExpiration::SessionEnd => None,
        },
        secure: cookie.secure().unwrap_or(false),
        http_only: cookie.http_only().unwrap_or(false),
        host_only: matches!(cookie.domain, CookieDomain::HostOnly(_)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::cookie::CookieStore as _;

    #[test]
    fn set_get_unset_clear_per_url() {
        let jar = CookieJar::default();
        let a = jar.set("http://a.test/x", "one=1; Path=/").unwrap();
        assert_eq!(a.name, "one");
        assert_eq!(a.domain, "a.test");
        assert!(a.host_only);
        jar.set("http://a.test/", "two=2; Path=/deep; Secure; HttpOnly; Max-Age=60")
            .unwrap();
        jar.set("a.test", "three=3").unwrap();
        jar.set("http://b.test/", "other=9").unwrap();

        let names = |url: &str| -> Vec<String> {
            jar.cookies_for(url).unwrap().into_iter().map(|c| c.name).collect()
        };
        assert_eq!(names("http://a.test/"), ["one", "three"]);
        // Secure cookies go over https only; the longer path first.
        let deep = jar.cookies_for("https://a.test/deep/er").unwrap();
        assert_eq!(deep[0].name, "two");
        assert!(deep[0].secure && deep[0].http_only && deep[0].expires_ms.is_some());
        assert_eq!(names("http://b.test/"), ["other"]);

        jar.unset("http://a.test/", "one").unwrap();
        jar.unset("http://a.test/", "missing").unwrap();
        assert_eq!(names("http://a.test/"), ["three"]);
        jar.clear("https://a.test/deep").unwrap();
        assert!(names("https://a.test/deep").is_empty());
        assert_eq!(names("http://b.test/"), ["other"]);
        assert_eq!(
            jar.cookies(&Url::parse("http://b.test/").unwrap()).unwrap(),
            "other=9"
        );
    }

    #[test]
    fn bad_input_is_an_error() {
        let jar = CookieJar::default();
        assert!(matches!(jar.cookies_for("http://"), Err(JarError::InvalidUrl(_))));
        assert!(matches!(jar.set("http://a.test/", ""), Err(JarError::Rejected(_))));
        let long = format!("a={}", "x".repeat(MAX_COOKIE_TEXT));
        assert!(matches!(jar.set("http://a.test/", &long), Err(JarError::Rejected(_))));
        // A cookie for another domain is refused, as tough-cookie refuses it.
        assert!(jar.set("http://a.test/", "c=1; Domain=b.test").is_err());
    }
}
