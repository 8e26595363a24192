//! The `pm` API: the JavaScript prelude and the native functions behind it, which read and
//! write the run's variables and collect assertions, console lines and flow control.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use rquickjs::function::Args;
use rquickjs::{Ctx, Exception, Function, Object, Value};
use serde::Serialize;

use super::chai::{CHAI_INSPECT_JS, CHAI_JS, CHAI_POSTMAN_JS, schema_errors};
use super::clock::Clock;
use super::event::{ScriptHost, ScriptInfo, ScriptKind, ScriptRequest, ScriptResponse};
use super::cookie_natives::COOKIES_JS;
use super::legacy::{LEGACY_JS, PRIMORDIALS_JS};
use super::library::{self, LOADER_JS, ScriptModules};
use super::limits::{Usage, cut};
use super::outcome::{Assertion, AssertionStatus, ConsoleLine, NextRequest};
use crate::vars::{
    DEFAULT_MAX_EXPANSION, DynamicVars, ExpansionError, Layer, Resolver, Scope, VarMap, Variable,
};

/// JavaScript of the `pm` object.
const PM_JS: &str = include_str!("pm.js");

/// JavaScript of the timers and `pm.sendRequest`, whose callbacks run after the body.
const TASKS_JS: &str = include_str!("tasks.js");

/// The whole prelude: a module whose default export is a function of the natives object
/// returning the entry points.
pub(crate) fn prelude() -> String {
    format!(
        "export default (function (N) {{\n'use strict';\n{PRIMORDIALS_JS}\n{CHAI_JS}\n{CHAI_INSPECT_JS}\n{LOADER_JS}\n{PM_JS}\n{TASKS_JS}\n{COOKIES_JS}\n{CHAI_POSTMAN_JS}\n{LEGACY_JS}\n}})"
    )
}

#[cfg(test)]
/// Layer code used by the natives for `pm.variables` (Postman precedence).
const VARIABLES: i32 = 5;

/// What the natives read and write while one event's scripts run.
pub(crate) struct RunState {
    pub scope: Scope,
    pub folders: Arc<[VarMap]>,
    pub dynamic: DynamicVars,
    pub kind: ScriptKind,
    /// The host of the current run; set only while [`super::FlowContext::run`] runs.
    pub host: Option<&'static dyn ScriptHost>,
    pub assertions: Vec<Assertion>,
    pub console: Vec<ConsoleLine>,
    /// What the run stored against its caps.
    pub usage: Usage,
    pub next_request: Option<NextRequest>,
    pub skip_request: bool,
    /// The most text the variables of one `replaceIn` may make, in bytes.
    pub max_expansion: usize,
}

impl RunState {
    pub fn new() -> Self {
        Self {
            scope: Scope::default(),
            folders: Arc::default(),
            dynamic: DynamicVars::new(None),
            kind: ScriptKind::PreRequest,
            host: None,
            assertions: Vec::new(),
            console: Vec::new(),
            usage: Usage::default(),
            next_request: None,
            skip_request: false,
            max_expansion: DEFAULT_MAX_EXPANSION,
        }
    }

    fn layer(code: i32) -> Option<Layer> {
        match code {
            0 => Some(Layer::Globals),
            1 => Some(Layer::Collection),
            2 => Some(Layer::Environment),
            3 => Some(Layer::Data),
            4 => Some(Layer::Local),
            _ => None,
        }
    }

    /// The map of `scope` that `set`/`unset`/`clear` change for a layer code
    /// (`pm.variables`: local).
    fn writable_of(scope: &mut Scope, code: i32) -> Option<&mut VarMap> {
        match Self::layer(code) {
            Some(Layer::Data) => None,
            Some(layer) => Some(scope.layer_mut(layer)),
            None => Some(&mut scope.local),
        }
    }

    /// The variable `name` of a layer (for `pm.variables`: by precedence).
    pub fn variable(&self, code: i32, name: &str) -> Option<&Variable> {
        match Self::layer(code) {
            Some(layer) => self.scope.layer(layer).get(name),
            None => self.scope.lookup(&self.folders, name),
        }
    }

    #[cfg(test)]
    pub fn get(&self, code: i32, name: &str) -> Option<String> {
        self.variable(code, name).map(|v| v.value.clone())
    }

    /// Sets `name` to `value` (rendered text), typed by `json` when it is not a string;
    /// dropped (and counted) past the run's variable caps.
    pub fn set(&mut self, code: i32, name: &str, value: String, json: Option<String>) {
        let Some(map) = Self::writable_of(&mut self.scope, code) else {
            return;
        };
        let old = map.get(name);
        let size = name.len() + value.len() + json.as_ref().map_or(0, String::len);
        let growth = to_i64(size) - old.map_or(0, |v| to_i64(variable_size(name, v)));
        if !self.usage.admit_variable(old.is_none(), growth) {
            return;
        }
        let secret = old.is_some_and(|v| v.secret);
        map.insert(
            name,
            Variable {
                value,
                secret,
                json,
            },
        );
    }

    pub fn unset(&mut self, code: i32, name: &str) {
        if let Some(map) = Self::writable_of(&mut self.scope, code)
            && let Some(old) = map.get(name)
        {
            self.usage.removed_variables(1, variable_size(name, old));
            map.remove(name);
        }
    }

    pub fn clear(&mut self, code: i32) {
        if let Some(map) = Self::writable_of(&mut self.scope, code) {
            let bytes = map.iter().map(|(name, v)| variable_size(name, v)).sum();
            self.usage.removed_variables(map.len(), bytes);
            map.clear();
        }
    }

    /// Name/value pairs of a layer as a JSON array; for `pm.variables` every layer merged,
    /// lowest precedence first (so later pairs win when turned into an object).
    pub fn all(&self, code: i32) -> String {
        let maps: Vec<&VarMap> = match Self::layer(code) {
            Some(layer) => vec![self.scope.layer(layer)],
            None => {
                let mut maps = vec![&self.scope.globals, &self.scope.collection];
                maps.extend(self.folders.iter());
                maps.extend([&self.scope.environment, &self.scope.data, &self.scope.local]);
                maps
            }
        };
        let pairs: Vec<(&str, serde_json::Value)> = maps
            .into_iter()
            .flat_map(VarMap::iter)
            .map(|(name, variable)| (name, typed_value(variable)))
            .collect();
        serde_json::to_string(&pairs).unwrap_or_else(|_| "[]".into())
    }

    /// Resolves `{{…}}` in `text`: with Postman precedence for `pm.variables`, else against
    /// the one layer; dynamic variables (`{{$guid}}`) in both cases. Variables that make
    /// more than the run's `--max-expansion` are an error (the work stops there).
    pub fn replace_in(&mut self, code: i32, text: &str) -> Result<String, ExpansionError> {
        let limit = self.max_expansion;
        let render = |mut resolver: Resolver<'_>| {
            resolver.set_limit(limit);
            let out = resolver.render_str(text);
            match resolver.exceeded() {
                Some(exceeded) => Err(exceeded.clone()),
                None => Ok(out),
            }
        };
        match Self::layer(code) {
            None => render(Resolver::new(&self.scope, &self.folders, &mut self.dynamic)),
            Some(layer) => {
                let mut only = Scope::default();
                *only.layer_mut(layer) = self.scope.layer(layer).clone();
                render(Resolver::new(&only, &[], &mut self.dynamic))
            }
        }
    }

    /// Records an assertion (its texts cut to [`super::limits::MAX_TEXT`]); dropped (and
    /// counted) past the run's assertion caps.
    pub fn assert(&mut self, name: String, status: i32, message: String) {
        let name = cut(name);
        let message = cut(message);
        let bytes = name.len() + if status == 1 { message.len() } else { 0 };
        if !self.usage.admit_assertion(bytes) {
            return;
        }
        let status = match status {
            0 => AssertionStatus::Passed,
            1 => AssertionStatus::Failed(message),
            _ => AssertionStatus::Skipped,
        };
        self.assertions.push(Assertion { name, status });
    }

    /// Records a console line (cut to [`super::limits::MAX_TEXT`]); dropped (and counted)
    /// past the run's console caps.
    pub fn console(&mut self, level: String, text: String) {
        let text = cut(text);
        if self.usage.admit_console(text.len()) {
            self.console.push(ConsoleLine { level, text });
        }
    }
}

/// The bytes a variable holds, as the caps count them.
fn variable_size(name: &str, variable: &Variable) -> usize {
    name.len() + variable.value.len() + variable.json.as_ref().map_or(0, String::len)
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A variable's value with its type (a string unless it holds JSON).
fn typed_value(variable: &Variable) -> serde_json::Value {
    variable
        .json
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_else(|| serde_json::Value::String(variable.value.clone()))
}

/// The arguments of the prelude's `beginRun` for one event: its kind, names, request and
/// response, with the header lists as JSON (parsed in the sandbox only when a script uses
/// them).
pub(crate) struct Begin<'a> {
    kind: ScriptKind,
    info: &'a ScriptInfo,
    request: &'a ScriptRequest,
    response: Option<&'a ScriptResponse>,
    /// The response body, decoded as UTF-8 (lossily); empty without response.
    body: std::borrow::Cow<'a, str>,
    request_headers: String,
    response_headers: String,
}

/// The arguments of the prelude's `beginRun` for `event`.
pub(crate) fn begin<'a>(
    kind: ScriptKind,
    info: &'a ScriptInfo,
    request: &'a ScriptRequest,
    response: Option<&'a ScriptResponse>,
) -> Begin<'a> {
    Begin {
        kind,
        info,
        request,
        response,
        body: response
            .map(|r| String::from_utf8_lossy(&r.body))
            .unwrap_or_default(),
        request_headers: to_json(&request.headers),
        response_headers: response.map_or_else(|| "null".to_string(), |r| to_json(&r.headers)),
    }
}

impl Begin<'_> {
    /// The arguments, in the order of `beginRun`'s parameters.
    pub(crate) fn args<'js>(&self, ctx: &Ctx<'js>) -> rquickjs::Result<Args<'js>> {
        let info = self.info;
        let request = self.request;
        let mut args = Args::new(ctx.clone(), 16);
        args.push_arg(self.kind.event_name())?;
        args.push_arg(info.iteration)?;
        args.push_arg(info.iteration_count)?;
        args.push_arg(info.request_name.as_str())?;
        args.push_arg(info.request_id.as_str())?;
        args.push_arg(info.collection.as_str())?;
        args.push_arg(request.method.as_str())?;
        args.push_arg(request.url.as_str())?;
        args.push_arg(request.body.as_deref())?;
        args.push_arg(self.request_headers.as_str())?;
        match self.response {
            Some(r) => {
                args.push_arg(r.code)?;
                args.push_arg(r.reason.as_str())?;
                args.push_arg(r.time_ms as f64)?;
                args.push_arg(r.body.len())?;
            }
            None => {
                args.push_arg(rquickjs::Null)?;
                args.push_arg("")?;
                args.push_arg(0)?;
                args.push_arg(0)?;
            }
        }
        args.push_arg(&*self.body)?;
        args.push_arg(self.response_headers.as_str())?;
        Ok(args)
    }
}

/// JSON text of `value` (`null` if it cannot be written).
fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// Reads the request that the prelude's `endRun` returns (after scripts changed it).
pub(crate) fn request_from_json(text: &str) -> Option<ScriptRequest> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let headers = value
        .get("headers")?
        .as_array()?
        .iter()
        .filter_map(|pair| {
            let pair = pair.as_array()?;
            Some((
                pair.first()?.as_str()?.to_string(),
                pair.get(1)?.as_str()?.to_string(),
            ))
        })
        .collect();
    Some(ScriptRequest {
        method: value.get("method")?.as_str()?.to_string(),
        url: value.get("url")?.as_str()?.to_string(),
        headers,
        body: value
            .get("body")
            .and_then(|b| b.as_str())
            .map(str::to_string),
    })
}

/// The response as JSON for the prelude; the body decoded as UTF-8 (lossily).
pub(crate) fn response_json(
    response: &ScriptResponse,
    cookies: &[(String, String)],
) -> serde_json::Value {
    serde_json::json!({
        "code": response.code,
        "reason": response.reason,
        "headers": response.headers,
        "body": String::from_utf8_lossy(&response.body),
        "time": response.time_ms,
        "size": response.body.len(),
        "cookies": cookies,
    })
}

fn send(state: &Rc<RefCell<RunState>>, clock: &Clock, text: &str) -> String {
    let host = state.borrow().host;
    let deadline = clock.deadline.get();
    let result = match (host, request_from_json(text)) {
        (None, _) => Err("pm.sendRequest is not available here".to_string()),
        (_, None) => Err("pm.sendRequest: invalid request".to_string()),
        (Some(host), Some(request)) => host.send_request(request, deadline),
    };
    // A send the time limit cut short ends the script, its callback once run.
    if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
        clock.fired.set(true);
    }
    match result {
        Ok(response) => {
            serde_json::json!({ "response": response_json(&response, &[]) }).to_string()
        }
        Err(error) => serde_json::json!({ "error": error }).to_string(),
    }
}

/// Defines the natives object `N` that the prelude closes over.
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    state: &Rc<RefCell<RunState>>,
    clock: &Rc<Clock>,
    modules: Option<&Arc<ScriptModules>>,
) -> rquickjs::Result<Object<'js>> {
    let n = Object::new(ctx.clone())?;
    library::natives(ctx, &n, modules)?;
    let s = state.clone();
    n.set(
        "varGet",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, code: i32, name: String| -> rquickjs::Result<Value<'js>> {
                let state = s.borrow();
                match state.variable(code, &name) {
                    None => Ok(Value::new_undefined(ctx)),
                    Some(Variable {
                        json: Some(json), ..
                    }) => ctx.json_parse(json.as_str()),
                    Some(v) => rquickjs::String::from_str(ctx, &v.value).map(Value::from),
                }
            },
        )?,
    )?;
    let s = state.clone();
    n.set(
        "varHas",
        Function::new(ctx.clone(), move |code: i32, name: String| {
            s.borrow().variable(code, &name).is_some()
        })?,
    )?;
    let s = state.clone();
    n.set(
        "varSet",
        Function::new(
            ctx.clone(),
            move |code: i32, name: String, value: String, json: Option<String>| {
                s.borrow_mut().set(code, &name, value, json)
            },
        )?,
    )?;
    let s = state.clone();
    n.set(
        "varUnset",
        Function::new(ctx.clone(), move |code: i32, name: String| {
            s.borrow_mut().unset(code, &name)
        })?,
    )?;
    let s = state.clone();
    n.set(
        "varClear",
        Function::new(ctx.clone(), move |code: i32| s.borrow_mut().clear(code))?,
    )?;
    let s = state.clone();
    n.set(
        "varAll",
        Function::new(ctx.clone(), move |code: i32| s.borrow().all(code))?,
    )?;
    let s = state.clone();
    n.set(
        "replaceIn",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'_>, code: i32, text: String| -> rquickjs::Result<String> {
                let replaced = s.borrow_mut().replace_in(code, &text);
                replaced.map_err(|e| Exception::throw_message(&ctx, &e.to_string()))
            },
        )?,
    )?;
    let s = state.clone();
    n.set(
        "assert",
        Function::new(
            ctx.clone(),
            move |name: String, status: i32, message: String| {
                s.borrow_mut().assert(name, status, message)
            },
        )?,
    )?;
    let s = state.clone();
    n.set(
        "assertCount",
        Function::new(ctx.clone(), move || s.borrow().assertions.len() as i32)?,
    )?;
    let s = state.clone();
    n.set(
        "console",
        Function::new(ctx.clone(), move |level: String, text: String| {
            s.borrow_mut().console(level, text)
        })?,
    )?;
    let s = state.clone();
    n.set(
        "next",
        Function::new(ctx.clone(), move |kind: i32, name: String| {
            s.borrow_mut().next_request = Some(if kind == 0 {
                NextRequest::Stop
            } else {
                NextRequest::Name(name)
            });
        })?,
    )?;
    let s = state.clone();
    n.set(
        "skip",
        Function::new(ctx.clone(), move || {
            let mut state = s.borrow_mut();
            if state.kind == ScriptKind::PreRequest {
                state.skip_request = true;
            }
        })?,
    )?;
    let s = state.clone();
    n.set(
        "send",
        {
            let clock = Rc::clone(clock);
            Function::new(ctx.clone(), move |text: String| send(&s, &clock, &text))?
        },
    )?;
    let s = state.clone();
    super::cookie_natives::register(ctx, &n, move || s.borrow().host)?;
    n.set(
        "schema",
        Function::new(ctx.clone(), |instance: String, schema: String| {
            schema_errors(&instance, &schema)
        })?,
    )?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_follow_postman_precedence() {
        let mut state = RunState::new();
        state.scope.globals.set("a", "g", false);
        state.scope.collection.set("a", "c", false);
        let mut folder = VarMap::new();
        folder.set("a", "f", false);
        state.folders = Arc::from(vec![folder]);
        assert_eq!(state.get(VARIABLES, "a").as_deref(), Some("f"));
        state.scope.environment.set("a", "e", true);
        assert_eq!(state.get(VARIABLES, "a").as_deref(), Some("e"));
        state.set(VARIABLES, "a", "l".into(), None);
        assert_eq!(state.get(VARIABLES, "a").as_deref(), Some("l"));
        assert_eq!(state.scope.local.get("a").unwrap().value, "l");
        // Setting keeps the secret flag.
        state.set(2, "a", "e2".into(), None);
        assert!(state.scope.environment.get("a").unwrap().secret);
        // Data is read only.
        state.set(3, "d", "x".into(), None);
        assert!(state.scope.data.is_empty());
        assert_eq!(
            state.all(VARIABLES),
            r#"[["a","g"],["a","c"],["a","f"],["a","e2"],["a","l"]]"#
        );
    }

    #[test]
    fn replace_in_resolves_with_precedence_and_dynamic() {
        let mut state = RunState::new();
        state.scope.environment.set("host", "example.com", false);
        state.scope.globals.set("only_global", "g", false);
        assert_eq!(
            state.replace_in(VARIABLES, "http://{{host}}/{{missing}}"),
            Ok("http://example.com/{{missing}}".into())
        );
        assert_eq!(
            state.replace_in(2, "{{host}}-{{only_global}}"),
            Ok("example.com-{{only_global}}".into())
        );
        let guid = state.replace_in(VARIABLES, "{{$guid}}");
        assert_eq!(guid.map(|g| g.len()), Ok(36));
        state.max_expansion = 10;
        assert_eq!(
            state.replace_in(VARIABLES, "{{host}}").map_err(|e| e.name),
            Err("host".into())
        );
    }

    #[test]
    fn request_round_trips_through_json() {
        let request = ScriptRequest {
            method: "POST".into(),
            url: "http://h/x?a=1".into(),
            headers: vec![("A".into(), "1".into())],
            body: Some("{}".into()),
        };
        let text = serde_json::json!({
            "method": request.method,
            "url": request.url,
            "headers": request.headers,
            "body": request.body,
        })
        .to_string();
        assert_eq!(request_from_json(&text), Some(request));
    }

    #[test]
    fn console_is_capped() {
        let mut state = RunState::new();
        state.usage = Usage::new(super::super::limits::ScriptCaps::default());
        for i in 0..1005 {
            state.console("log".into(), i.to_string());
        }
        assert_eq!(state.console.len(), 1000);
        state.console.clear();
        state.usage = Usage::new(super::super::limits::ScriptCaps::default());
        state.console("log".into(), "é".repeat(20_000));
        assert!(state.console[0].text.len() <= super::super::limits::MAX_TEXT + 3);
    }
}
