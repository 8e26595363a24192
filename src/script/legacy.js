// Postman's legacy sandbox globals (`responseBody`, `tests[...]`, `postman.*`, …) and the
// per-run entry points. Runs last inside the prelude closure.
function setGlobal(name, value) {
  defineProperty(GLOBAL_OBJECT, name, { value: value, writable: true, configurable: true, enumerable: false });
}

// The legacy setters store a value's text, as Postman's legacy interface does (numbers and
// booleans come back as strings; `null` and `undefined` as they are).
function legacyValue(value) {
  if ((value === false || value) && typeof (value && value.toString) === 'function') return value.toString();
  return value;
}

function legacyPostman() {
  var response = runResponse();
  var env = pm.environment;
  var glob = pm.globals;
  return {
    setEnvironmentVariable: function (k, v) { env.set(k, legacyValue(v)); },
    getEnvironmentVariable: function (k) { return env.get(k); },
    clearEnvironmentVariable: function (k) { env.unset(k); },
    clearEnvironmentVariables: function () { env.clear(); },
    setGlobalVariable: function (k, v) { glob.set(k, legacyValue(v)); },
    getGlobalVariable: function (k) { return glob.get(k); },
    clearGlobalVariable: function (k) { glob.unset(k); },
    clearGlobalVariables: function () { glob.clear(); },
    setNextRequest: function (name) { pm.execution.setNextRequest(name); },
    getResponseHeader: function (name) { return response ? pm.response.headers.get(name) : undefined; },
    getResponseCookie: function (name) { return pm.cookies.one($String(name)); }
  };
}

// Globals computed on first use in a run only (most scripts touch few of them), from the
// current run's state; the accessors are defined once per context.
var LEGACY_GLOBALS = runDescriptors('global.', {
  postman: function () { return legacyPostman(); },
  environment: function () { return pm.environment.toObject(); },
  globals: function () { return pm.globals.toObject(); },
  data: function () { return pm.iterationData.toObject(); },
  iteration: function () { return runInfo().iteration; },
  request: function () {
    var req = runRequest();
    var info = runInfo();
    var headerObj = {};
    forEach(requestHeaderList(req), function (h) {
      var k = toLowerCase($String(h.key));
      if (hasOwn(headerObj, k)) headerObj[k] = concat([], headerObj[k], h.value);
      else headerObj[k] = h.value;
    });
    return { url: req.url, method: req.method, headers: headerObj, data: req.body === null ? {} : req.body, name: info.requestName, id: info.requestId };
  }
}, false);
var RESPONSE_GLOBALS = runDescriptors('global.', {
  responseBody: function () { return runResponse().body; },
  responseCode: function () { return { code: runResponse().code, name: pm.response.status, detail: pm.response.status }; },
  responseHeaders: function () {
    var hdrs = {};
    forEach(pairsOf(runResponse(), 'headers'), function (h) { hdrs[h[0]] = h[1]; });
    return hdrs;
  },
  responseTime: function () { return runResponse().time; },
  responseCookies: function () {
    return map(cookiePairs(runResponse()), cookieObject);
  }
}, false);

defineProperties(GLOBAL_OBJECT, LEGACY_GLOBALS);

// The response globals live on one of two objects put between the global object and its
// prototype: one for runs with a response, and an empty one for runs without (where naming
// one is a ReferenceError). They are not own properties of the global object, so `delete
// responseBody` removes nothing, as in Postman (where they are the script's parameters);
// an assignment lasts for the run (they are run accessors). A run only switches the global
// object's prototype when its kind of run changes.
var GLOBAL = GLOBAL_OBJECT;
var GET_PROTO = Object.getPrototypeOf;
var SET_PROTO = Object.setPrototypeOf;
var WITH_RESPONSE = createObject(GET_PROTO(GLOBAL), RESPONSE_GLOBALS);
var WITHOUT_RESPONSE = createObject(GET_PROTO(GLOBAL));

// The arguments of the current run, and the parts of its state, each built from them on
// first use in the run.
var runArgs = [];
var runInfoData = null;
var runRequestData = null;
var runResponseData = null;
function runKind() { return runArgs[0]; }
function runInfo() {
  var a = runArgs;
  return runInfoData || (runInfoData = setPrototypeOf({ iteration: a[1], iterationCount: a[2], requestName: a[3], requestId: a[4], collection: a[5] }, null));
}
function runRequest() {
  var a = runArgs;
  return runRequestData || (runRequestData = setPrototypeOf({ method: a[6], url: a[7], body: a[8], headers: a[9] }, null));
}
// The response's data, or null in a run without response. Test scripts after a request
// that failed (`code` null) see an empty response, as in Newman.
function runResponse() {
  var a = runArgs;
  if (runResponseData !== null) return runResponseData;
  if (a[10] !== null) runResponseData = setPrototypeOf({ code: a[10], reason: a[11], time: a[12], size: a[13], body: a[14], headers: a[15], cookies: undefined }, null);
  else if (a[0] === 'test') runResponseData = emptyResponseData();
  return runResponseData;
}

// A run begins: its kind, names, request and response come as arguments (the header lists
// as JSON, parsed only when a script uses them; the response's cookies are asked for on
// first use). `code` is null for a run without response. Nothing is built until a script
// asks for it.
function beginRun(kind, iteration, iterationCount, requestName, requestId, collection, method, url, requestBody, requestHeaders, code, reason, time, size, body, responseHeaders) {
  var a = runArgs;
  a[0] = kind; a[1] = iteration; a[2] = iterationCount; a[3] = requestName; a[4] = requestId; a[5] = collection;
  a[6] = method; a[7] = url; a[8] = requestBody; a[9] = requestHeaders;
  a[10] = code; a[11] = reason; a[12] = time; a[13] = size; a[14] = body; a[15] = responseHeaders;
  runInfoData = runRequestData = runResponseData = null;
  runValues = createObject(null);
  var withResponse = code !== null || kind === 'test';
  pm = withResponse ? PM_WITH_RESPONSE : PM_WITHOUT_RESPONSE;
  var proto = withResponse ? WITH_RESPONSE : WITHOUT_RESPONSE;
  if (GET_PROTO(GLOBAL) !== proto) SET_PROTO(GLOBAL, proto);
}

// A fresh `tests` object for a source.
function beginSource() {
  resetTasks();
  var t = {};
  try { GLOBAL_OBJECT.tests = t; } catch (e) { /* a script made it read-only */ }
  if (GLOBAL_OBJECT.tests !== t) setGlobal('tests', t);
}

// Records the source's `tests[name] = …` results.
function endSource() {
  var t = GLOBAL_OBJECT.tests;
  if (t === null || typeof t !== 'object') return;
  var names = keysOf(t);
  for (var i = 0; i < names.length; i++) {
    var name = names[i];
    if (t[name]) recordAssertion(name, 0);
    else recordAssertion(name, 1, 'expected ' + $String(t[name]) + ' to be truthy');
  }
}

// Runs one source (compiled as a function) between beginSource and endSource. The
// source's exception is thrown again after endSource, and wins over one of endSource's.
// An uncatchable one (the time limit) leaves endSource to the caller. Returns whether the
// source left tasks (callbacks, timers) for `nextTask`.
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
  return tasks.length > 0;
}

// The request as the pre-request scripts left it, as JSON; null after test scripts (the
// request was sent already).
function endRun() {
  var req = runRequestData;
  runInfoData = runRequestData = runResponseData = null;
  // Unchanged when no script looked at the request (null: the request as it was).
  if (req === null || runKind() !== 'prerequest') return null;
  var headers = req.headerList ? map(req.headerList, function (h) { return [$String(h.key), $String(h.value)]; }) : pairsOf(req, 'headers');
  return jsonStringify({ method: req.method, url: req.url, headers: headers, body: req.body === undefined ? null : req.body });
}

// What the engine reports of a thrown value, `[text, stack, name]`: read here, under the
// script's clock, as its getters, a Proxy's traps, `toJSON` and `toString` are script code.
function describeError(e) {
  var name = null;
  var message = null;
  var stack = null;
  if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
    try { name = e.name; } catch (x) { name = null; }
    try { message = e.message; } catch (x) { message = null; }
    if (typeof name !== 'string') name = null;
    if (typeof message === 'string') {
      try { stack = e.stack; } catch (x) { stack = null; }
      return [name ? name + ': ' + message : message, typeof stack === 'string' && stack !== '' ? stack : null, name];
    }
  }
  if (typeof e === 'string') return [e, null, null];
  var text;
  try { text = jsonStringify(e); } catch (x) { text = undefined; }
  if (typeof text !== 'string') {
    try { text = typeof e === 'symbol' ? symbolToString(e) : $String(e); } catch (x) { text = objectTag(e); }
  }
  return [text, null, name];
}

// The global `pm` is the current run's `pm`: a script can neither replace nor delete it.
defineProperty(GLOBAL, 'pm', { get: function () { return pm; }, enumerable: false, configurable: false });

// What decides an assertion cannot be changed by a script: chai's assertion prototype and
// its methods, `expect`, the assertion error, and `require('chai')`.
freeze(Assertion.prototype);
freeze(Assertion);
freeze(AssertionError.prototype);
freeze(AssertionError);
freeze(expect);
freeze(moduleCache.chai.exports);

setGlobal('console', makeConsole());
setGlobal('require', sandboxRequire);
setGlobal('tests', {});
return { beginRun: beginRun, runSource: runSource, endSource: endSource, nextTask: nextTask, endRun: endRun, describeError: describeError };
