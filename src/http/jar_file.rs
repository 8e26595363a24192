//! The cookie jar as a file: tough-cookie's JSON serialization (what Newman reads with
//! `--cookie-jar` and writes with `--export-cookie-jar`), to and from the run's jar.

use cookie_store::{CookieDomain, CookieExpiration};
use serde::{Deserialize, Serialize};
use url::Url;

use super::jar::CookieJar;

/// The serialization format's version, as tough-cookie 4 (Newman 6's) writes it.
const FORMAT_VERSION: &str = "tough-cookie@4.1.3";

/// A whole jar file: `{version, storeType, rejectPublicSuffixes, cookies: [...]}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(expecting = "a tough-cookie jar object with `cookies`")]
pub(crate) struct JarFile {
    /// The format's version (`tough-cookie@4.1.3`); not checked on reading.
    #[serde(default)]
    pub version: Option<String>,
    /// The kind of store it came from (`MemoryCookieStore`).
    #[serde(default)]
    pub store_type: Option<String>,
    /// Whether the jar refused cookies for public suffixes.
    #[serde(default = "yes")]
    pub reject_public_suffixes: bool,
    /// The cookies, in the order they were stored.
    #[serde(default)]
    pub cookies: Vec<StoredCookie>,
}

fn yes() -> bool {
    true
}

/// One cookie as tough-cookie's `Cookie.toJSON` writes it: a property is left out where
/// it has its default (no `expires` for a session cookie, no `secure: false`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(expecting = "a cookie object {key, value, domain, path, …}")]
pub(crate) struct StoredCookie {
    /// Name.
    pub key: String,
    /// Value.
    #[serde(default)]
    pub value: String,
    /// When it expires (ISO 8601, or `Infinity`); absent for a session cookie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// The domain it is sent to, without a leading dot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The path it is sent under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Sent over HTTPS only.
    #[serde(default, skip_serializing_if = "is_false")]
    pub secure: bool,
    /// Hidden from browsers' scripts.
    #[serde(default, skip_serializing_if = "is_false")]
    pub http_only: bool,
    /// Sent to its exact host only (it had no `Domain` attribute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_only: Option<bool>,
    /// When the jar first stored it (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation: Option<String>,
    /// When a request last carried it (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_accessed: Option<String>,
    /// `strict`, `lax` or `none`, when the cookie said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_site: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl JarFile {
    /// A file of `cookies`, as tough-cookie's `MemoryCookieStore` serializes.
    pub fn of(cookies: Vec<StoredCookie>) -> Self {
        JarFile {
            version: Some(FORMAT_VERSION.into()),
            store_type: Some("MemoryCookieStore".into()),
            reject_public_suffixes: true,
            cookies,
        }
    }
}

/// Why a cookie of a jar file cannot go into the jar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at $.cookies[{index}]: {reason}")]
pub(crate) struct CookieRejected {
    /// Its place in `cookies`.
    pub index: usize,
    /// What is wrong with it.
    pub reason: String,
}

impl CookieJar {
    /// Puts the unexpired cookies of `file` into the jar, as if their hosts had set them;
    /// expired ones are left out, as tough-cookie leaves them.
    pub(crate) fn restore(&self, file: &JarFile) -> Result<(), CookieRejected> {
        let now = cookie::time::OffsetDateTime::now_utc();
        let mut store = self.write();
        for (index, stored) in file.cookies.iter().enumerate() {
            let rejected = |reason: String| CookieRejected { index, reason };
            let expires = match stored.expires.as_deref() {
                None | Some("Infinity") => None,
                Some(text) => Some(parse_time(text).ok_or_else(|| {
                    rejected(format!("`expires` {text:?} is not an ISO 8601 date"))
                })?),
            };
            if expires.is_some_and(|at| at <= now) {
                continue;
            }
            let domain = stored
                .domain
                .as_deref()
                .map(|d| d.trim_start_matches('.'))
                .filter(|d| !d.is_empty())
                .ok_or_else(|| rejected("the cookie has no `domain`".into()))?;
            let path = stored.path.as_deref().unwrap_or("/");
            let scheme = if stored.secure { "https" } else { "http" };
            let host = if domain.contains(':') && !domain.starts_with('[') {
                format!("[{domain}]")
            } else {
                domain.to_string()
            };
            let url = Url::parse(&format!("{scheme}://{host}{path}"))
                .map_err(|e| rejected(format!("domain {domain:?} and path {path:?}: {e}")))?;
            let mut raw = cookie::Cookie::new(stored.key.clone(), stored.value.clone());
            raw.set_path(path.to_string());
            // An address takes no Domain attribute: its cookie is its host's only.
            let by_address = url.host().is_some_and(|h| !matches!(h, url::Host::Domain(_)));
            if stored.host_only == Some(false) && !by_address {
                raw.set_domain(domain.to_string());
            }
            if let Some(at) = expires {
                raw.set_expires(at);
            }
            raw.set_secure(stored.secure.then_some(true));
            raw.set_http_only(stored.http_only.then_some(true));
            raw.set_same_site(match stored.same_site.as_deref().map(str::to_ascii_lowercase) {
                Some(s) if s == "strict" => Some(cookie::SameSite::Strict),
                Some(s) if s == "lax" => Some(cookie::SameSite::Lax),
                Some(s) if s == "none" => Some(cookie::SameSite::None),
                _ => None,
            });
            store
                .insert_raw(&raw, &url)
                .map_err(|e| rejected(e.to_string()))?;
        }
        Ok(())
    }

    /// The unexpired cookies of the jar, in the order they were stored, as tough-cookie
    /// serializes them; `creation` and `lastAccessed` are the time of the call.
    pub(crate) fn snapshot(&self) -> Vec<StoredCookie> {
        let now = format_time(cookie::time::OffsetDateTime::now_utc());
        let store = self.read();
        store
            .iter_unexpired()
            .map(|c| StoredCookie {
                key: c.name().to_string(),
                value: c.value().to_string(),
                expires: match &c.expires {
                    CookieExpiration::AtUtc(at) => Some(format_time(*at)),
                    CookieExpiration::SessionEnd => None,
                },
                domain: c.domain.as_cow().map(|d| d.into_owned()),
                path: Some(String::from(&c.path)),
                secure: c.secure().unwrap_or(false),
                http_only: c.http_only().unwrap_or(false),
                host_only: Some(matches!(c.domain, CookieDomain::HostOnly(_))),
                creation: Some(now.clone()),
                last_accessed: Some(now.clone()),
                same_site: c.same_site().map(|s| s.to_string().to_ascii_lowercase()),
            })
            .collect()
    }
}

/// JavaScript's `Date.toISOString`: `2030-01-02T03:04:05.678Z`.
fn format_time(at: cookie::time::OffsetDateTime) -> String {
    let at = at.to_offset(cookie::time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.millisecond()
    )
}

fn parse_time(text: &str) -> Option<cookie::time::OffsetDateTime> {
    use cookie::time::format_description::well_known::{Rfc2822, Rfc3339};
    cookie::time::OffsetDateTime::parse(text, &Rfc3339)
        .or_else(|_| cookie::time::OffsetDateTime::parse(text, &Rfc2822))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jar_round_trips_through_its_file() {
        let jar = CookieJar::default();
        jar.set("http://127.0.0.1:9/a", "sid=abc; Path=/; HttpOnly")
            .unwrap();
        jar.set(
            "https://api.example.com/",
            "pref=dark; Domain=example.com; Path=/app; Secure; SameSite=Lax; Max-Age=3600",
        )
        .unwrap();
        let cookies = jar.snapshot();
        assert_eq!(cookies.len(), 2);
        let sid = &cookies[0];
        assert_eq!(
            (sid.key.as_str(), sid.value.as_str(), sid.domain.as_deref()),
            ("sid", "abc", Some("127.0.0.1"))
        );
        assert_eq!((sid.host_only, sid.http_only, &sid.expires), (Some(true), true, &None));
        let pref = &cookies[1];
        assert_eq!(pref.domain.as_deref(), Some("example.com"));
        assert_eq!(pref.host_only, Some(false));
        assert_eq!(pref.same_site.as_deref(), Some("lax"));
        assert!(pref.expires.as_deref().is_some_and(|e| e.ends_with('Z')));

        let text = serde_json::to_string(&JarFile::of(cookies.clone())).unwrap();
        let file: JarFile = serde_json::from_str(&text).unwrap();
        let again = CookieJar::default();
        again.restore(&file).unwrap();
        let names = |url: &str| -> Vec<String> {
            again.cookies_for(url).unwrap().into_iter().map(|c| c.name).collect()
        };
        assert_eq!(names("http://127.0.0.1:9/"), ["sid"]);
        assert_eq!(names("https://www.example.com/app/x"), ["pref"]);
        assert!(names("http://www.example.com/app/x").is_empty());
        let restored = again.snapshot();
        assert_eq!(restored[1].expires, cookies[1].expires);
    }

    #[test]
    fn expired_cookies_are_left_out_and_bad_ones_named() {
        let file: JarFile = serde_json::from_str(
            r#"{"cookies":[
                {"key":"old","value":"1","domain":"h.test","path":"/","expires":"2001-01-01T00:00:00.000Z","hostOnly":true},
                {"key":"new","value":"2","domain":"h.test","path":"/","expires":"2999-01-01T00:00:00.000Z","hostOnly":true}
            ]}"#,
        )
        .unwrap();
        let jar = CookieJar::default();
        jar.restore(&file).unwrap();
        let names: Vec<_> = jar
            .cookies_for("http://h.test/")
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(names, ["new"]);
        let bad: JarFile =
            serde_json::from_str(r#"{"cookies":[{"key":"a","value":"1","path":"/"}]}"#).unwrap();
        let err = CookieJar::default().restore(&bad).unwrap_err();
        assert_eq!(err.to_string(), "at $.cookies[0]: the cookie has no `domain`");
        let bad: JarFile = serde_json::from_str(
            r#"{"cookies":[{"key":"a","domain":"h.test","expires":"soon"}]}"#,
        )
        .unwrap();
        assert!(CookieJar::default().restore(&bad).is_err());
    }
}
