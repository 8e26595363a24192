//! The natives behind `pm.cookies` and `pm.cookies.jar()` (JS side: `cookies.js`): the
//! run's cookie jar through [`ScriptHost`], as JSON text.

use rquickjs::{Ctx, Function, Object};
use serde_json::{Value, json};

use super::event::ScriptHost;
use crate::http::JarCookie;

/// The JS side: Postman's cookie objects and `pm.cookies.jar()`.
pub(crate) const COOKIES_JS: &str = include_str!("cookies.js");

/// Longest URL, cookie name or cookie text a script may hand the jar.
const MAX_ARGUMENT: usize = 16 * 1024;

/// Adds `N.cookies()` (the response's cookies) and `N.cookieJar(op, url, arg)`; `host`
/// gives the host of the script running at the time of a call.
pub(crate) fn register<'js>(
    ctx: &Ctx<'js>,
    n: &Object<'js>,
    host: impl Fn() -> Option<&'static dyn ScriptHost> + Clone + 'static,
) -> rquickjs::Result<()> {
    let current = host.clone();
    n.set(
        "cookies",
        Function::new(ctx.clone(), move || {
            let host = current();
            let cookies = host.map(|h| h.cookies()).unwrap_or_default();
            Value::Array(cookies.iter().map(cookie_json).collect()).to_string()
        })?,
    )?;
    n.set(
        "cookieJar",
        Function::new(ctx.clone(), move |op: String, url: String, arg: String| {
            let answer = match host() {
                Some(host) => jar_op(host, &op, &url, &arg),
                None => Err("no cookie jar in this context".to_string()),
            };
            match answer {
                Ok(value) => json!({ "ok": value }),
                Err(message) => json!({ "error": message }),
            }
            .to_string()
        })?,
    )?;
    Ok(())
}

/// One jar operation: `getAll`, `set` (`arg`: Set-Cookie text), `unset` (`arg`: name),
/// `clear`.
fn jar_op(host: &dyn ScriptHost, op: &str, url: &str, arg: &str) -> Result<Value, String> {
    if url.len() > MAX_ARGUMENT || arg.len() > MAX_ARGUMENT {
        return Err(format!(
            "CookieJar: argument longer than {MAX_ARGUMENT} bytes"
        ));
    }
    match op {
        "getAll" => host
            .jar_cookies(url)
            .map(|list| Value::Array(list.iter().map(cookie_json).collect())),
        "set" => host.jar_set(url, arg).map(|c| cookie_json(&c)),
        "unset" => host.jar_unset(url, arg).map(|()| Value::Null),
        "clear" => host.jar_clear(url).map(|()| Value::Null),
        other => Err(format!("CookieJar: unknown operation {other:?}")),
    }
}

/// A cookie as postman-collection's `Cookie` serialises it (`expires` in epoch
/// milliseconds; the JS side makes it a `Date`).
fn cookie_json(cookie: &JarCookie) -> Value {
    let mut value = json!({
        "domain": cookie.domain,
        "path": cookie.path,
        "secure": cookie.secure,
        "httpOnly": cookie.http_only,
        "hostOnly": cookie.host_only,
        "name": cookie.name,
        "value": cookie.value,
    });
    if let Some(ms) = cookie.expires_ms {
        value["expires"] = json!(ms);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::CookieJar;
    use crate::script::{ScriptRequest, ScriptResponse};

    struct Jarred(CookieJar);

    impl ScriptHost for Jarred {
        fn send_request(
            &self,
            _: ScriptRequest,
            _: Option<std::time::Instant>,
        ) -> Result<ScriptResponse, String> {
            Err("no network".into())
        }
        fn cookies(&self) -> Vec<JarCookie> {
            self.0.cookies_for("http://a.test/").unwrap_or_default()
        }
        fn jar_cookies(&self, url: &str) -> Result<Vec<JarCookie>, String> {
            self.0.cookies_for(url).map_err(|e| e.to_string())
        }
        fn jar_set(&self, url: &str, text: &str) -> Result<JarCookie, String> {
            self.0.set(url, text).map_err(|e| e.to_string())
        }
        fn jar_unset(&self, url: &str, name: &str) -> Result<(), String> {
            self.0.unset(url, name).map_err(|e| e.to_string())
        }
        fn jar_clear(&self, url: &str) -> Result<(), String> {
            self.0.clear(url).map_err(|e| e.to_string())
        }
    }

    #[test]
    fn operations_answer_json() {
        let host = Jarred(CookieJar::default());
        let set = jar_op(&host, "set", "http://a.test/", "k=v; Path=/").unwrap();
        assert_eq!(set["name"], "k");
        assert_eq!(set["hostOnly"], true);
        assert!(set.get("expires").is_none());
        let all = jar_op(&host, "getAll", "http://a.test/x", "").unwrap();
        assert_eq!(all[0]["value"], "v");
        assert_eq!(jar_op(&host, "unset", "http://a.test/", "k").unwrap(), Value::Null);
        assert_eq!(jar_op(&host, "getAll", "http://a.test/", "").unwrap(), json!([]));
        assert!(jar_op(&host, "nope", "http://a.test/", "").is_err());
        assert!(jar_op(&host, "getAll", &"x".repeat(MAX_ARGUMENT + 1), "").is_err());
        assert!(jar_op(&host, "clear", "http://", "").is_err());
    }
}
