//! Turning a planned step and a variable scope into a fully rendered [`RequestSpec`].

use std::path::PathBuf;

use percent_encoding::{AsciiSet, utf8_percent_encode};
use sha2::{Digest, Sha256};

use super::auth::{self, BodyKind, Message};
use super::body_file::{self, Unread};
use super::encoding::{COMPONENT, PARAM_KEY, PARAM_VALUE, PATH, QUERY, normalize_param};
use super::error::BuildError;
use super::spec::RequestSpec;
use crate::collection::{Body, FormContent, FormPart, KeyValue, RawUrl, Step, parse_url};
use crate::vars::{DEFAULT_MAX_EXPANSION, Resolver, references};

/// Methods whose body Postman drops unless `disableBodyPruning` is set.
const PRUNED_METHODS: [&str; 5] = ["GET", "HEAD", "COPY", "PURGE", "UNLOCK"];

/// Where every request goes instead of its own origin (`--target`, `PMCHECK_TARGET`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    scheme: String,
    authority: String,
}

impl Target {
    /// Parses an origin URL (`http://127.0.0.1:8080`; a path, if any, is ignored).
    pub fn parse(s: &str) -> Result<Target, BuildError> {
        let url = url::Url::parse(s).map_err(|_| BuildError::InvalidTarget(s.to_string()))?;
        let host = url
            .host_str()
            .ok_or_else(|| BuildError::InvalidTarget(s.to_string()))?;
        let authority = match url.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.to_string(),
        };
        Ok(Target {
            scheme: url.scheme().to_string(),
            authority,
        })
    }

    /// The origin as a URL prefix (`http://127.0.0.1:8080`).
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.authority)
    }
}

/// Run-wide settings that shape every request (the origin that replaces a request's own,
/// if any, is its collection's and given to [`build`] apart).
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Folder that relative body and form file paths start from.
    pub working_dir: PathBuf,
    /// `--ignore-redirects`: default for requests that do not say.
    pub ignore_redirects: bool,
    /// `--max-expansion`: the most text the variables of one part of a request (a header,
    /// a URL part, the body) may make, in bytes.
    pub max_expansion: usize,
    /// `--max-body`: the largest body file or form-data file read, in bytes.
    pub max_file: usize,
}

impl Default for BuildOptions {
    /// The current folder, redirects followed, expansions and files up to 16 MiB.
    fn default() -> Self {
        BuildOptions {
            working_dir: PathBuf::new(),
            ignore_redirects: false,
            max_expansion: DEFAULT_MAX_EXPANSION,
            max_file: 16 * 1024 * 1024,
        }
    }
}

/// Renders `step` with `resolver` into a request ready to send, to `target` instead of
/// its own origin if given; `oauth2_token` is a token pmcheck fetched for an oauth2 auth
/// with the client-credentials grant.
pub fn build(
    step: &Step,
    resolver: &mut Resolver<'_>,
    options: &BuildOptions,
    target: Option<&Target>,
    oauth2_token: Option<&str>,
) -> Result<RequestSpec, BuildError> {
    build_parsed(
        step,
        resolver,
        options,
        target,
        oauth2_token,
        &mut Vec::new(),
    )
    .map(|(spec, _)| spec)
}

/// [`build`], with the URL also as parsed when it was checked (so that sending it needs
/// no second parse). What Newman only warns about (an upload file that cannot be read:
/// the form field is left out, a file body is sent empty) is added to `warnings`.
///
/// Variables expand under `options.max_expansion`: a text whose variables make more is
/// [`BuildError::Expansion`], whatever else went wrong after it.
pub fn build_parsed(
    step: &Step,
    resolver: &mut Resolver<'_>,
    options: &BuildOptions,
    target: Option<&Target>,
    oauth2_token: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<(RequestSpec, url::Url), BuildError> {
    resolver.set_limit(options.max_expansion);
    let built = build_limited(step, resolver, options, target, oauth2_token, warnings);
    match resolver.exceeded() {
        Some(exceeded) => Err(BuildError::Expansion(exceeded.clone())),
        None => built,
    }
}

/// [`build_parsed`] once the resolver's limit is set.
fn build_limited(
    step: &Step,
    resolver: &mut Resolver<'_>,
    options: &BuildOptions,
    target: Option<&Target>,
    oauth2_token: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<(RequestSpec, url::Url), BuildError> {
    let req = &step.request;
    let method = resolver.render_str(&req.method).trim().to_ascii_uppercase();
    let method = if method.is_empty() {
        "GET".into()
    } else {
        method
    };

    let mut headers: Vec<(String, String)> = req
        .headers
        .iter()
        .filter(|h| !h.disabled)
        .filter_map(|h| {
            let key = resolver.render_str(h.key.as_deref()?);
            let key = key.trim();
            (!key.is_empty()).then(|| {
                let value = resolver.render_str(h.value.as_deref().unwrap_or(""));
                (key.to_string(), value)
            })
        })
        .collect();

    let mut extra_query = Vec::new();
    let mut digest = None;
    let mut signer = None;
    let mut secrets = Vec::new();
    if let Some(a) = &step.auth {
        let parts = auth::apply(a, resolver, oauth2_token)?;
        for (name, value) in parts.headers {
            headers.retain(|(k, _)| !k.eq_ignore_ascii_case(&name));
            headers.push((name, value));
        }
        extra_query = parts.query;
        digest = parts.digest;
        signer = parts.signer;
        secrets = parts.secrets;
    }

    let (mut url, mut parsed) = render_url(&req.url, resolver, &extra_query, target)?;

    let prune = PRUNED_METHODS.contains(&method.as_str())
        && step.behavior.disable_body_pruning != Some(true);
    let body = match (&req.body, prune) {
        (Some(body), false) => render_body(body, resolver, options, warnings)?,
        _ => None,
    };
    let (mut body, content_type) = match body {
        Some((bytes, ct)) => (Some(bytes), ct),
        None => (None, None),
    };
    // Signers see the request before Postman's automatic Content-Type, as in Postman.
    if let Some(signer) = signer {
        let kind = match (&req.body, &body) {
            (_, None) => BodyKind::None,
            (Some(Body::UrlEncoded(_)), _) => BodyKind::UrlEncoded,
            (Some(Body::FormData(_)), _) => BodyKind::FormData,
            _ => BodyKind::Bytes,
        };
        let before = url.clone();
        signer.sign(&mut Message {
            method: &method,
            url: &mut url,
            headers: &mut headers,
            body: &mut body,
            kind,
        })?;
        if url != before {
            parsed = url::Url::parse(&url).map_err(|e| BuildError::InvalidUrl {
                url: url.clone(),
                reason: e.to_string(),
            })?;
        }
    }
    if let Some(ct) = content_type
        && body.is_some()
        && !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
    {
        headers.push(("Content-Type".into(), ct));
    }

    let spec = RequestSpec {
        method,
        url,
        headers,
        body,
        follow_redirects: step
            .behavior
            .follow_redirects
            .unwrap_or(!options.ignore_redirects),
        digest,
        secrets,
    };
    Ok((spec, parsed))
}

/// Renders the URL parts, joins them as Postman does, re-splits the result (a variable
/// may hold a whole origin), applies the target and encodes.
fn render_url(
    url: &RawUrl,
    resolver: &mut Resolver<'_>,
    extra_query: &[(String, String)],
    target: Option<&Target>,
) -> Result<(String, url::Url), BuildError> {
    if url.is_empty() {
        return Err(BuildError::EmptyUrl);
    }
    let mut s = String::new();
    if let Some(p) = &url.protocol {
        s.push_str(&resolver.render_str(p));
        s.push_str("://");
    }
    if let Some(u) = &url.userinfo {
        s.push_str(&resolver.render_str(u));
        s.push('@');
    }
    if let Some(h) = &url.host {
        s.push_str(resolver.render_str(h).trim());
    }
    if let Some(p) = &url.port {
        s.push(':');
        s.push_str(&resolver.render_str(p));
    }
    if url.has_path {
        for seg in &url.path {
            s.push('/');
            let value = seg.strip_prefix(':').and_then(|name| {
                url.variables
                    .iter()
                    .find(|v| v.key == name && !v.disabled)
                    .map(|v| resolver.render_str(&v.value))
            });
            match value {
                Some(v) => s.push_str(&v),
                None => s.push_str(&resolver.render_str(seg)),
            }
        }
    }
    let rendered = parse_url(&s);

    let mut out = String::new();
    match target {
        Some(t) => out.push_str(&t.origin()),
        None => {
            let host = rendered.host.as_deref().unwrap_or("");
            let undefined = undefined_in_origin(url, resolver);
            if host.is_empty() || !undefined.is_empty() {
                return Err(BuildError::NoHost {
                    url: url.raw.clone(),
                    undefined,
                });
            }
            out.push_str(rendered.protocol.as_deref().unwrap_or("http"));
            out.push_str("://");
            if let Some(u) = &rendered.userinfo {
                out.extend(utf8_percent_encode(u, PATH));
                out.push('@');
            }
            out.push_str(host);
            if let Some(p) = &rendered.port {
                out.push(':');
                out.push_str(p);
            }
        }
    }
    if rendered.has_path {
        for seg in &rendered.path {
            out.push('/');
            out.extend(utf8_percent_encode(seg, PATH));
        }
    }
    let mut pairs: Vec<String> = Vec::new();
    let mut push = |k: &str, v: Option<&str>, sets: (&'static AsciiSet, &'static AsciiSet)| {
        let mut p: String = utf8_percent_encode(k, sets.0).collect();
        if let Some(v) = v {
            p.push('=');
            p.extend(utf8_percent_encode(v, sets.1));
        }
        pairs.push(p);
    };
    // The query of the rendered string holds the URL's own query if it was written
    // inline (already split at `&` and `=`); the structured query list is rendered param
    // by param, a `&`, `#` (or `=` in a key) written in a param encoded as Postman does;
    // auth parameters, added after variables are resolved, have theirs encoded.
    for q in &rendered.query {
        push(
            q.key.as_deref().unwrap_or(""),
            q.value.as_deref(),
            (QUERY, QUERY),
        );
    }
    for q in url.query.iter().filter(|q| !q.disabled) {
        let k = resolver.render_str(&normalize_param(q.key.as_deref().unwrap_or(""), true));
        let v = q
            .value
            .as_deref()
            .map(|v| resolver.render_str(&normalize_param(v, false)));
        push(&k, v.as_deref(), (QUERY, QUERY));
    }
    for (k, v) in extra_query {
        push(k, Some(v), (PARAM_KEY, PARAM_VALUE));
    }
    if !pairs.is_empty() {
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    let parsed = url::Url::parse(&out).map_err(|e| BuildError::InvalidUrl {
        url: out.clone(),
        reason: e.to_string(),
    })?;
    Ok((out, parsed))
}

/// The variables the URL's scheme, credentials, host or port name that `resolver` found
/// undefined, in the order written: without a target, the URL has no origin then.
fn undefined_in_origin(url: &RawUrl, resolver: &Resolver<'_>) -> Vec<String> {
    let unresolved = resolver.unresolved();
    if unresolved.is_empty() {
        return Vec::new();
    }
    let mut names: Vec<String> = Vec::new();
    for part in [&url.protocol, &url.userinfo, &url.host, &url.port]
        .into_iter()
        .flatten()
    {
        for name in references(part) {
            if unresolved.contains(name) && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// A body's bytes and the Content-Type Postman would add for it.
type RenderedBody = (Vec<u8>, Option<String>);

/// Renders a body; returns its bytes and the Content-Type Postman would add. Files are
/// read from `options.working_dir`, regular files only, up to `options.max_file` bytes.
fn render_body(
    body: &Body,
    resolver: &mut Resolver<'_>,
    options: &BuildOptions,
    warnings: &mut Vec<String>,
) -> Result<Option<RenderedBody>, BuildError> {
    Ok(match body {
        Body::Empty => None,
        Body::Raw { text, language } => {
            let ct = match language.as_deref() {
                Some("json") => "application/json",
                Some("javascript") => "application/javascript",
                Some("xml") => "application/xml",
                Some("html") => "text/html",
                _ => "text/plain",
            };
            Some((resolver.render_str(text).into_bytes(), Some(ct.into())))
        }
        Body::UrlEncoded(fields) => {
            let pairs: Vec<String> = fields
                .iter()
                .filter(|f| !f.disabled)
                .map(|KeyValue { key, value, .. }| {
                    let k = resolver.render_str(key.as_deref().unwrap_or(""));
                    let v = resolver.render_str(value.as_deref().unwrap_or(""));
                    format!(
                        "{}={}",
                        utf8_percent_encode(&k, COMPONENT),
                        utf8_percent_encode(&v, COMPONENT)
                    )
                })
                .collect();
            Some((
                pairs.join("&").into_bytes(),
                Some("application/x-www-form-urlencoded".into()),
            ))
        }
        Body::FormData(parts) => {
            let (bytes, boundary) = multipart(parts, resolver, options, warnings)?;
            Some((
                bytes,
                Some(format!("multipart/form-data; boundary={boundary}")),
            ))
        }
        Body::File(src) => match src {
            Some(src) => {
                let path = options.working_dir.join(resolver.render_str(src));
                match body_file::read(&path, options.max_file) {
                    Ok(bytes) => Some((bytes, None)),
                    Err(Unread::Unreadable(err)) => {
                        warnings.push(format!(
                            "Binary file load error: {err}, open '{}'",
                            path.display()
                        ));
                        None
                    }
                    Err(Unread::Refused(error)) => return Err(error),
                }
            }
            None => None,
        },
        Body::GraphQl { query, variables } => {
            let query = resolver.render_str(query);
            let vars_text = resolver.render_str(variables);
            let vars: serde_json::Value = if vars_text.trim().is_empty() {
                serde_json::Value::Object(serde_json::Map::new())
            } else {
                serde_json::from_str(&vars_text)
                    .map_err(|e| BuildError::GraphQlVariables(e.to_string()))?
            };
            let body = serde_json::json!({ "query": query, "variables": vars });
            Some((
                body.to_string().into_bytes(),
                Some("application/json".into()),
            ))
        }
    })
}

/// Builds a `multipart/form-data` body; the boundary is derived from the content, so the
/// same form always gives the same bytes. A file that is not a regular file or is over
/// `options.max_file` is an error.
fn multipart(
    parts: &[FormPart],
    resolver: &mut Resolver<'_>,
    options: &BuildOptions,
    warnings: &mut Vec<String>,
) -> Result<(Vec<u8>, String), BuildError> {
    struct Part {
        name: String,
        filename: Option<String>,
        content_type: Option<String>,
        data: Vec<u8>,
    }
    let mut rendered = Vec::new();
    for part in parts.iter().filter(|p| !p.disabled) {
        let name = resolver.render_str(&part.key);
        let content_type = part.content_type.as_deref().map(|c| resolver.render_str(c));
        match &part.content {
            FormContent::Text(v) => rendered.push(Part {
                name,
                filename: None,
                content_type,
                data: resolver.render_str(v).into_bytes(),
            }),
            FormContent::Files(files) => {
                for src in files {
                    let path = options.working_dir.join(resolver.render_str(src));
                    let data = match body_file::read(&path, options.max_file) {
                        Ok(data) => data,
                        Err(Unread::Refused(error)) => return Err(error),
                        Err(Unread::Unreadable(err)) => {
                            warnings.push(format!(
                                "Form param `{name}`, file load error: {err}, open '{}'",
                                path.display()
                            ));
                            continue;
                        }
                    };
                    let filename = path
                        .file_name()
                        .map(|f| f.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    rendered.push(Part {
                        name: name.clone(),
                        filename: Some(filename),
                        content_type: content_type
                            .clone()
                            .or_else(|| Some("application/octet-stream".into())),
                        data,
                    });
                }
            }
        }
    }
    let mut hasher = Sha256::new();
    for p in &rendered {
        hasher.update(p.name.as_bytes());
        hasher.update(&p.data);
    }
    let digest = hex::encode(hasher.finalize());
    let boundary = format!("--------------------------{}", &digest[..24]);
    let mut out = Vec::new();
    for p in &rendered {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let name = p.name.replace('"', "%22");
        match &p.filename {
            Some(f) => out.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{}\"\r\n",
                    f.replace('"', "%22")
                )
                .as_bytes(),
            ),
            None => out.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n").as_bytes(),
            ),
        }
        if let Some(ct) = &p.content_type {
            out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&p.data);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok((out, boundary))
}
