//! Running a step's pre-request and test scripts in the sandbox, and applying what they
//! did: request changes, skips, assertions, `setNextRequest`.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use super::script_reach::Reach;

use crate::collection::{Body, KeyValue, Step, parse_url};
use crate::http::{Call, HttpClient, JarCookie, SentRequest};
use crate::request::RequestSpec;
use crate::script::{
    FlowContext, Sandbox, ScriptError, ScriptEvent, ScriptHost, ScriptInfo, ScriptKind,
    ScriptLimits, ScriptModules, ScriptOutcome, ScriptRequest, ScriptResponse,
};
use crate::vars::Scope;

/// The sandbox of a flow, created on first use (collections without scripts never start
/// an engine): one context per flow (a folder's direct requests; the root-level requests
/// are the setup flow), also where one run goes through several flows (`--jobs 1` runs an
/// iteration's flows one after another).
pub(crate) struct Scripts {
    limits: ScriptLimits,
    sandbox: Option<Sandbox>,
    flow: Option<FlowContext>,
    /// The folders of the flow whose context `flow` is (`None`: no flow entered yet).
    folders: Option<Vec<String>>,
    /// The setup flow's context, kept while the run is in another flow.
    setup: Option<FlowContext>,
    /// The script modules folder of the current flow's collection.
    modules: Option<Arc<ScriptModules>>,
}

impl Scripts {
    /// No engine yet.
    pub fn new(limits: ScriptLimits) -> Self {
        Scripts {
            limits,
            sandbox: None,
            flow: None,
            folders: None,
            setup: None,
            modules: None,
        }
    }

    /// The next scripts run in a fresh context (a new flow begins) whose `require` also
    /// loads the packages of `modules` (the flow's collection's script modules folder).
    pub fn new_flow(&mut self, modules: Option<Arc<ScriptModules>>) {
        self.flow = None;
        self.folders = None;
        self.setup = None;
        self.modules = modules;
    }

    /// Moves to the context of the flow of a step in `folders`: a step of another flow than
    /// the last one's gets that flow's context, a fresh one (the setup flow's is kept while
    /// other flows run, and found again), so what a folder's scripts leave on `globalThis`
    /// (values, overridden built-ins) never reaches another folder's.
    fn enter(&mut self, folders: &[String]) {
        if self.folders.as_deref() == Some(folders) {
            return;
        }
        let leaving = self.flow.take();
        if self.folders.as_ref().is_some_and(Vec::is_empty) {
            self.setup = leaving;
        }
        if folders.is_empty() {
            self.flow = self.setup.take();
        }
        self.folders = Some(folders.to_vec());
    }

    fn context(&mut self) -> Result<&mut FlowContext, ScriptError> {
        if self.sandbox.is_none() {
            self.sandbox = Some(Sandbox::new(self.limits)?);
        }
        if self.flow.is_none()
            && let Some(sandbox) = &self.sandbox
        {
            self.flow = Some(sandbox.flow_with(self.modules.clone())?);
        }
        self.flow
            .as_mut()
            .ok_or_else(|| ScriptError::Engine("no script context".into()))
    }

    /// Runs the step's scripts listening on `kind`; nothing at all when it has none.
    pub fn run(
        &mut self,
        kind: ScriptKind,
        step: &Step,
        scope: &mut Scope,
        exchange: (&mut ScriptRequest, Option<&ScriptResponse>),
        env: (&ScriptInfo, &dyn ScriptHost),
    ) -> ScriptOutcome {
        let (request, response) = exchange;
        let (info, host) = env;
        let listen = kind.event_name();
        let sources: Vec<&str> = step.scripts(listen).collect();
        if sources.is_empty() {
            return ScriptOutcome::default();
        }
        self.enter(&step.folders);
        let context = match self.context() {
            Ok(c) => c,
            Err(e) => {
                return ScriptOutcome {
                    error: Some(e),
                    ..ScriptOutcome::default()
                };
            }
        };
        context.run(
            ScriptEvent {
                kind,
                sources: &sources,
                scope,
                folders: Arc::clone(&step.folder_vars),
                request,
                response,
                info,
            },
            host,
        )
    }
}

/// The request as written, for pre-request scripts (`pm.request`).
pub(crate) fn script_request(step: &Step) -> ScriptRequest {
    let r = &step.request;
    ScriptRequest {
        method: r.method.clone(),
        url: raw_url(step),
        headers: r
            .headers
            .iter()
            .filter(|h| !h.disabled)
            .filter_map(|h| Some((h.key.clone()?, h.value.clone().unwrap_or_default())))
            .collect(),
        body: match &r.body {
            Some(Body::Raw { text, .. }) => Some(text.clone()),
            _ => None,
        },
    }
}

fn raw_url(step: &Step) -> String {
    let u = &step.request.url;
    if !u.raw.trim().is_empty() {
        return u.raw.clone();
    }
    let mut s = String::new();
    if let Some(p) = &u.protocol {
        s.push_str(p);
        s.push_str("://");
    }
    if let Some(h) = &u.host {
        s.push_str(h);
    }
    if let Some(p) = &u.port {
        s.push(':');
        s.push_str(p);
    }
    for seg in &u.path {
        s.push('/');
        s.push_str(seg);
    }
    s
}

/// The step with a pre-request script's changes applied, or `None` if it changed nothing.
pub(crate) fn apply_changes(
    step: &Step,
    before: &ScriptRequest,
    after: &ScriptRequest,
) -> Option<Step> {
    if before == after {
        return None;
    }
    let mut request = (*step.request).clone();
    request.method.clone_from(&after.method);
    if after.url != before.url {
        let variables = std::mem::take(&mut request.url.variables);
        request.url = parse_url(&after.url);
        request.url.variables = variables;
    }
    if after.headers != before.headers {
        request.headers = after
            .headers
            .iter()
            .map(|(k, v)| KeyValue {
                key: Some(k.clone()),
                value: Some(v.clone()),
                disabled: false,
            })
            .collect();
    }
    if after.body != before.body {
        request.body = after.body.as_ref().map(|text| Body::Raw {
            text: text.clone(),
            language: match &request.body {
                Some(Body::Raw { language, .. }) => language.clone(),
                _ => None,
            },
        });
    }
    let mut changed = step.clone();
    changed.request = Arc::new(request);
    Some(changed)
}

/// The request as it was to go out, for test scripts after it could not be sent: the
/// built request (no wire headers were written).
pub(crate) fn unsent_request(spec: &RequestSpec) -> ScriptRequest {
    ScriptRequest {
        method: spec.method.clone(),
        url: spec.url.clone(),
        headers: spec.headers.clone(),
        body: spec
            .body
            .as_ref()
            .map(|b| String::from_utf8_lossy(b).into_owned()),
    }
}

/// The request as it went out, for test scripts: the headers really sent (the HTTP
/// layer's `Host` and `Content-Length` included, as Newman lists them), and the URL as
/// built from the collection (variables resolved).
pub(crate) fn sent_request(spec: &RequestSpec, sent: &SentRequest) -> ScriptRequest {
    let mut headers = sent.headers.clone();
    let has = |headers: &[(String, String)], name: &str| {
        headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    if !has(&headers, "host")
        && let Ok(url) = url::Url::parse(&sent.url)
        && let Some(host) = url.host_str()
    {
        let host = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        };
        let at = headers
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case("accept-encoding"))
            .unwrap_or(headers.len());
        headers.insert(at, ("Host".to_string(), host));
    }
    if let Some(body) = &sent.body
        && !has(&headers, "content-length")
    {
        headers.push(("Content-Length".to_string(), body.len().to_string()));
    }
    ScriptRequest {
        method: sent.method.clone(),
        url: spec.url.clone(),
        headers,
        body: sent
            .body
            .as_ref()
            .map(|b| String::from_utf8_lossy(b).into_owned()),
    }
}

/// The response, for test scripts.
pub(crate) fn script_response(call: &Call) -> ScriptResponse {
    ScriptResponse {
        code: call.response.status,
        reason: call.response.reason.clone(),
        headers: call.response.headers.clone(),
        body: call.response.body.clone(),
        time_ms: u64::try_from(call.timings.total.as_millis()).unwrap_or(u64::MAX),
    }
}

/// Where `pm.sendRequest` sends: a client whose connections live on a multi-threaded
/// runtime, which keeps them going while the flow's own thread runs the script. The client
/// is made from `template` (same settings and cookie jar) on first use.
#[derive(Debug, Clone)]
pub(crate) struct SideClient {
    template: HttpClient,
    client: Arc<OnceLock<Result<HttpClient, String>>>,
    runtime: tokio::runtime::Handle,
}

impl SideClient {
    /// A side client like `template`, sending on `runtime` (multi-threaded).
    pub fn new(template: HttpClient, runtime: tokio::runtime::Handle) -> Self {
        SideClient {
            template,
            client: Arc::default(),
            runtime,
        }
    }

    /// The client lanes fork theirs from.
    pub fn template(&self) -> &HttpClient {
        &self.template
    }

    /// Sends `spec` from a helper thread (the calling thread is busy in a script) and
    /// waits, until `deadline` at the latest (the script's time limit).
    fn send(&self, spec: &RequestSpec, deadline: Option<Instant>) -> Result<Call, String> {
        let out_of_time = || {
            format!(
                "pm.sendRequest to {} stopped: the script's time limit (--timeout-script) passed",
                spec.url
            )
        };
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(out_of_time());
        }
        let client = self
            .client
            .get_or_init(|| self.template.fork().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(Clone::clone)?;
        let send = async {
            match deadline {
                Some(d) => tokio::time::timeout_at(d.into(), client.send(spec))
                    .await
                    .map_err(|_| out_of_time())?
                    .map_err(|e| e.to_string()),
                None => client.send(spec).await.map_err(|e| e.to_string()),
            }
        };
        let result = std::thread::scope(|s| s.spawn(|| self.runtime.block_on(send)).join());
        match result {
            Ok(sent) => sent,
            Err(_) => Err("pm.sendRequest: the request thread failed".into()),
        }
    }
}

/// What scripts may ask of the run: `pm.sendRequest` through the run's side client (where
/// `reach` lets it go), the response's cookies and the run's cookie jar.
pub(crate) struct Host {
    pub side: SideClient,
    pub cookies: Vec<JarCookie>,
    pub reach: Reach,
    /// The secrets known when the case began: a header holding one does not follow a
    /// script request's redirect to another origin.
    pub secrets: Vec<String>,
}

impl Host {
    /// The cookies of the run's jar for the exchange's final URL, after every redirect hop
    /// stored its own (what Newman's `pm.cookies` holds).
    pub fn cookies_of(client: &HttpClient, call: &Call) -> Vec<JarCookie> {
        client
            .jar()
            .cookies_for(&call.response.url)
            .unwrap_or_default()
    }
}

impl ScriptHost for Host {
    fn send_request(
        &self,
        request: ScriptRequest,
        deadline: Option<Instant>,
    ) -> Result<ScriptResponse, String> {
        let spec = RequestSpec {
            method: request.method,
            url: self.reach.route(&request.url)?,
            headers: request.headers,
            body: request.body.map(String::into_bytes),
            follow_redirects: true,
            digest: None,
            secrets: self.secrets.clone(),
        };
        self.side
            .send(&spec, deadline)
            .map(|call| script_response(&call))
    }

    fn cookies(&self) -> Vec<JarCookie> {
        self.cookies.clone()
    }

    fn jar_cookies(&self, url: &str) -> Result<Vec<JarCookie>, String> {
        let jar = self.side.template().jar();
        jar.cookies_for(url).map_err(|e| e.to_string())
    }

    fn jar_set(&self, url: &str, set_cookie: &str) -> Result<JarCookie, String> {
        let jar = self.side.template().jar();
        jar.set(url, set_cookie).map_err(|e| e.to_string())
    }

    fn jar_unset(&self, url: &str, name: &str) -> Result<(), String> {
        let jar = self.side.template().jar();
        jar.unset(url, name).map_err(|e| e.to_string())
    }

    fn jar_clear(&self, url: &str) -> Result<(), String> {
        let jar = self.side.template().jar();
        jar.clear(url).map_err(|e| e.to_string())
    }
}
