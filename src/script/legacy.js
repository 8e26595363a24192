// Postman's legacy sandbox globals (`responseBody`, `tests[...]`, `postman.*`, …) and the
// per-run entry points. Runs last inside the prelude closure.
function setGlobal(name, value) {
  Object.defineProperty(globalThis, name, { value: value, writable: true, configurable: true, enumerable: false });
}

function legacyPostman(state) {
  var env = pm.environment;
  var glob = pm.globals;
  return {
    setEnvironmentVariable: function (k, v) { env.set(k, v); },
    getEnvironmentVariable: function (k) { return env.get(k); },
    clearEnvironmentVariable: function (k) { env.unset(k); },
    clearEnvironmentVariables: function () { env.clear(); },
    setGlobalVariable: function (k, v) { glob.set(k, v); },
    getGlobalVariable: function (k) { return glob.get(k); },
    clearGlobalVariable: function (k) { glob.unset(k); },
    clearGlobalVariables: function () { glob.clear(); },
    setNextRequest: function (name) { pm.execution.setNextRequest(name); },
    getResponseHeader: function (name) { return state.response ? pm.response.headers.get(name) : undefined; },
    getResponseCookie: function (name) {
      var c = pm.cookies.all().filter(function (x) { return x.name === name; })[0];
      return c ? { name: c.name, value: c.value } : undefined;
    }
  };
}

// Globals computed on first use in a run only (most scripts touch few of them), from the
// current run's state; the accessors are defined once per context.
var LEGACY_GLOBALS = runDescriptors('global.', {
  postman: function (state) { return legacyPostman(state); },
  environment: function () { return pm.environment.toObject(); },
  globals: function () { return pm.globals.toObject(); },
  data: function () { return pm.iterationData.toObject(); },
  iteration: function (state) { return state.info.iteration; },
  request: function (state) {
    var req = state.request;
    var headerObj = {};
    requestHeaderList(req).forEach(function (h) {
      var k = String(h.key).toLowerCase();
      if (Object.prototype.hasOwnProperty.call(headerObj, k)) headerObj[k] = [].concat(headerObj[k], h.value);
      else headerObj[k] = h.value;
    });
    return { url: req.url, method: req.method, headers: headerObj, data: req.body === null ? {} : req.body, name: state.info.requestName, id: state.info.requestId };
  }
}, false);
var RESPONSE_GLOBALS = runDescriptors('global.', {
  responseBody: function (state) { return state.response.body; },
  responseCode: function (state) { return { code: state.response.code, name: pm.response.status, detail: pm.response.status }; },
  responseHeaders: function (state) {
    var hdrs = {};
    pairsOf(state.response, 'headers').forEach(function (h) { hdrs[h[0]] = h[1]; });
    return hdrs;
  },
  responseTime: function (state) { return state.response.time; },
  responseCookies: function (state) {
    return cookiePairs(state.response).map(function (c) { return { name: c[0], value: c[1] }; });
  }
}, false);
var RESPONSE_NAMES = Object.keys(RESPONSE_GLOBALS);
// Runs without a response have none of these (a script naming one gets a ReferenceError).
RESPONSE_NAMES.forEach(function (name) { RESPONSE_GLOBALS[name].configurable = true; });

Object.defineProperties(globalThis, LEGACY_GLOBALS);
var responseGlobals = false;

// True while every response global is still defined (a script may delete one).
function responseGlobalsIntact() {
  for (var i = 0; i < RESPONSE_NAMES.length; i++) {
    if (!Object.prototype.hasOwnProperty.call(globalThis, RESPONSE_NAMES[i])) return false;
  }
  return true;
}

// A run begins: its kind, names, request and response come as arguments (the header lists
// as JSON, parsed only when a script uses them; the response's cookies are asked for on
// first use). `code` is null for a run without response.
function beginRun(kind, iteration, iterationCount, requestName, requestId, collection, method, url, requestBody, requestHeaders, code, reason, time, size, body, responseHeaders) {
  var state = {
    kind: kind,
    info: { iteration: iteration, iterationCount: iterationCount, requestName: requestName, requestId: requestId, collection: collection },
    request: { method: method, url: url, body: requestBody, headers: requestHeaders },
    response: code === null ? null : { code: code, reason: reason, time: time, size: size, body: body, headers: responseHeaders, cookies: undefined }
  };
  run = state;
  runValues = Object.create(null);
  pm = state.response ? PM_WITH_RESPONSE : PM_WITHOUT_RESPONSE;
  if (globalThis.pm !== pm) setGlobal('pm', pm);
  if (state.response) {
    // Defined again when a run without response (or a script) removed them.
    if (!responseGlobals || !responseGlobalsIntact()) Object.defineProperties(globalThis, RESPONSE_GLOBALS);
  } else if (responseGlobals) {
    for (var i = 0; i < RESPONSE_NAMES.length; i++) delete globalThis[RESPONSE_NAMES[i]];
  }
  responseGlobals = !!state.response;
}

// A fresh `tests` object for a source.
function beginSource() {
  var t = {};
  try { globalThis.tests = t; } catch (e) { /* a script made it read-only */ }
  if (globalThis.tests !== t) setGlobal('tests', t);
}

// Records the source's `tests[name] = …` results.
function endSource() {
  var t = globalThis.tests;
  if (t === null || typeof t !== 'object') return;
  var names = Object.keys(t);
  for (var i = 0; i < names.length; i++) {
    var name = names[i];
    if (t[name]) recordAssertion(name, 0);
    else recordAssertion(name, 1, 'expected ' + String(t[name]) + ' to be truthy');
  }
}

// Runs one source (compiled as a function) between beginSource and endSource. The
// source's exception is thrown again after endSource, and wins over one of endSource's.
// An uncatchable one (the time limit) leaves endSource to the caller.
function runSource(source) {
  beginSource();
  var failed = false;
  var error;
  try {
    source();
  } catch (e) {
    failed = true;
    error = e;
  }
  try {
    endSource();
  } finally {
    if (failed) throw error;
  }
}

// The request as the pre-request scripts left it, as JSON; null after test scripts (the
// request was sent already).
function endRun() {
  var req = run.request;
  var kind = run.kind;
  run = null;
  if (kind !== 'prerequest') return null;
  var headers = req.headerList ? req.headerList.map(function (h) { return [String(h.key), String(h.value)]; }) : pairsOf(req, 'headers');
  return JSON.stringify({ method: req.method, url: req.url, headers: headers, body: req.body === undefined ? null : req.body });
}

setGlobal('console', makeConsole());
setGlobal('require', function (name) { notSupported("require('" + String(name) + "')"); });
setGlobal('tests', {});
return { beginRun: beginRun, runSource: runSource, endSource: endSource, endRun: endRun };
