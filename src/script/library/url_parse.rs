//! Natives of `url`: WHATWG URL parsing and setters by the `url` crate, for the library's
//! `URL` class and `url.resolve`.

use rquickjs::{Ctx, Exception, Function, Object};
use url::Url;

/// The longest URL parsed (bytes).
const MAX_URL: usize = 1 << 16;

/// The components `URL` reads, in this order: href, protocol, username, password, host,
/// hostname, port, pathname, search, hash, origin.
fn components(url: &Url) -> Vec<String> {
    let search = url.query().map(|q| format!("?{q}")).filter(|q| q != "?");
    let hash = url.fragment().map(|f| format!("#{f}")).filter(|f| f != "#");
    let host = match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => String::new(),
    };
    vec![
        url.as_str().to_owned(),
        format!("{}:", url.scheme()),
        url.username().to_owned(),
        url.password().unwrap_or("").to_owned(),
        host,
        url.host_str().unwrap_or("").to_owned(),
        url.port().map(|p| p.to_string()).unwrap_or_default(),
        url.path().to_owned(),
        search.unwrap_or_default(),
        hash.unwrap_or_default(),
        url.origin().ascii_serialization(),
    ]
}

fn parse(input: &str, base: Option<&str>) -> Option<Url> {
    if input.len() > MAX_URL || base.is_some_and(|b| b.len() > MAX_URL) {
        return None;
    }
    match base {
        Some(base) => Url::parse(base).ok()?.join(input).ok(),
        None => Url::parse(input).ok(),
    }
}

fn invalid(ctx: &Ctx<'_>, input: &str) -> rquickjs::Error {
    Exception::throw_type(ctx, &format!("Invalid URL: {input}"))
}

/// Sets `urlParse(input, base)` (the components, or throws `TypeError: Invalid URL`) and
/// `urlSet(href, component, value)` (the components after a setter) on `n`.
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, n: &Object<'js>) -> rquickjs::Result<()> {
    n.set(
        "urlParse",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, input: String, base: Option<String>| -> rquickjs::Result<Vec<String>> {
                let url = parse(&input, base.as_deref()).ok_or_else(|| invalid(&ctx, &input))?;
                Ok(components(&url))
            },
        )?,
    )?;
    n.set(
        "urlSet",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, href: String, name: String, value: String| -> rquickjs::Result<Vec<String>> {
                let mut url = parse(&href, None).ok_or_else(|| invalid(&ctx, &href))?;
                // A setter given a value it cannot take leaves the URL as it was.
                let _ignored = match name.as_str() {
                    "href" => {
                        url = parse(&value, None).ok_or_else(|| invalid(&ctx, &value))?;
                        Ok(())
                    }
                    "protocol" => url.set_scheme(value.trim_end_matches(':')),
                    "username" => url.set_username(&value),
                    "password" => url.set_password(Some(&value).filter(|v| !v.is_empty()).map(|v| v.as_str())),
                    "host" => url.set_host(Some(&value)).map_err(|_| ()),
                    "hostname" => url.set_host(Some(&value)).map_err(|_| ()),
                    "port" => url.set_port(value.parse().ok()),
                    "pathname" => {
                        url.set_path(&value);
                        Ok(())
                    }
                    "search" => {
                        let q = value.trim_start_matches('?');
                        url.set_query(Some(q).filter(|q| !q.is_empty()));
                        Ok(())
                    }
                    "hash" => {
                        let f = value.trim_start_matches('#');
                        url.set_fragment(Some(f).filter(|f| !f.is_empty()));
                        Ok(())
                    }
                    _ => Err(()),
                };
                Ok(components(&url))
            },
        )?,
    )?;
    Ok(())
}
