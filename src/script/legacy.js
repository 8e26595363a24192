// Postman's legacy sandbox globals (`responseBody`, `tests[...]`, `postman.*`, …) and the
// per-run entry points. Runs last inside the prelude closure.
var legacyTests = null;

function setGlobal(name, value) {
  Object.defineProperty(globalThis, name, { value: value, writable: true, configurable: true, enumerable: false });
}

// A global computed on first use only: most scripts touch few of the legacy globals.
function setLazyGlobal(name, compute) {
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable: false,
    get: function () { var v = compute(); setGlobal(name, v); return v; },
    set: function (v) { setGlobal(name, v); }
  });
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

function beginRun(json) {
  var state = JSON.parse(json);
  run = state;
  pm = buildPm(state);
  setGlobal('pm', pm);
  setLazyGlobal('postman', function () { return legacyPostman(state); });
  setLazyGlobal('environment', function () { return pm.environment.toObject(); });
  setLazyGlobal('globals', function () { return pm.globals.toObject(); });
  setLazyGlobal('data', function () { return pm.iterationData.toObject(); });
  setGlobal('iteration', state.info.iteration);
  var req = state.request;
  setLazyGlobal('request', function () {
    var headerObj = {};
    req.headerList.forEach(function (h) {
      var k = String(h.key).toLowerCase();
      if (Object.prototype.hasOwnProperty.call(headerObj, k)) headerObj[k] = [].concat(headerObj[k], h.value);
      else headerObj[k] = h.value;
    });
    return { url: req.url, method: req.method, headers: headerObj, data: req.body === null ? {} : req.body, name: state.info.requestName, id: state.info.requestId };
  });
  if (state.response) {
    var r = state.response;
    setGlobal('responseBody', r.body);
    setLazyGlobal('responseCode', function () { return { code: r.code, name: pm.response.status, detail: pm.response.status }; });
    setLazyGlobal('responseHeaders', function () {
      var hdrs = {};
      r.headers.forEach(function (h) { hdrs[h[0]] = h[1]; });
      return hdrs;
    });
    setGlobal('responseTime', r.time);
    setLazyGlobal('responseCookies', function () {
      return (r.cookies || []).map(function (c) { return { name: c[0], value: c[1] }; });
    });
  } else {
    ['responseBody', 'responseCode', 'responseHeaders', 'responseTime', 'responseCookies'].forEach(function (n) { delete globalThis[n]; });
  }
}

function beginSource() {
  legacyTests = {};
  setGlobal('tests', legacyTests);
}

function endSource() {
  var t = globalThis.tests;
  if (t === null || typeof t !== 'object') return;
  Object.keys(t).forEach(function (name) {
    if (t[name]) recordAssertion(name, 0);
    else recordAssertion(name, 1, 'expected ' + String(t[name]) + ' to be truthy');
  });
}

function endRun() {
  var req = run.request;
  var out = JSON.stringify({
    method: req.method,
    url: req.url,
    headers: req.headerList.map(function (h) { return [String(h.key), String(h.value)]; }),
    body: req.body === undefined ? null : req.body
  });
  run = null;
  return out;
}

setGlobal('console', makeConsole());
setGlobal('require', function (name) { notSupported("require('" + String(name) + "')"); });
return { beginRun: beginRun, beginSource: beginSource, endSource: endSource, endRun: endRun };
