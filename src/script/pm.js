// The `pm` object of Postman's sandbox. Runs inside the prelude closure after chai.js;
// `N` holds the native functions (variables, assertions, console, sendRequest, schema).
var LAYERS = { globals: 0, collection: 1, environment: 2, data: 3, local: 4, variables: 5 };

function notSupported(what) {
  var e = new $Error('not supported: ' + what);
  e.name = 'UnsupportedError';
  throw e;
}

// The text `{{name}}` renders and reports show: JSON for objects and arrays.
function storeText(value) {
  if (value === null || typeof value !== 'object') return $String(value);
  try { return jsonStringify(value); } catch (e) { return $String(value); }
}
// A value that is not a string keeps its type for the run, as JSON (values JSON cannot
// hold keep only their text).
function storeJson(value) {
  if (typeof value === 'string' || typeof value === 'function' || typeof value === 'symbol') return null;
  if (typeof value === 'number' && !$isFinite(value)) return null;
  try { var json = jsonStringify(value); return json === undefined ? null : json; } catch (e) { return null; }
}

// Per-run values of the lazy properties of `pm` and of the legacy globals, by key: a
// fresh object at the start of every run.
var runValues = createObject(null);

// Accessors for an object that lives as long as the context (`pm`, `globalThis`): the
// value is built from the current run's state on first read in a run (`build()`) and
// kept for the rest of that run; an assignment replaces it for the rest of the run. The
// objects get their accessors once, so a run pays only for what its scripts touch.
function runDescriptors(prefix, builders, enumerable) {
  var descriptors = {};
  forEach(keysOf(builders), function (name) {
    var build = builders[name];
    var key = prefix + name;
    descriptors[name] = {
      get: function () { var v = runValues; return key in v ? v[key] : (v[key] = build()); },
      set: function (value) { runValues[key] = value; },
      enumerable: enumerable,
      configurable: false
    };
  });
  return descriptors;
}

// A data descriptor like an assignment's, for values shared by every run.
function dataDescriptor(value) {
  return { value: value, writable: true, enumerable: true, configurable: false };
}

function VariableScope(layer, readOnly) {
  var code = LAYERS[layer];
  this.get = function (key) { return N.varGet(code, $String(key)); };
  this.has = function (key) { return N.varHas(code, $String(key)); };
  this.toObject = function () {
    var obj = {};
    forEach(jsonParse(N.varAll(code)), function (pair) { obj[pair[0]] = pair[1]; });
    return obj;
  };
  this.replaceIn = function (template) {
    if (template === undefined || template === null) return template;
    return N.replaceIn(code, $String(template));
  };
  if (readOnly) return;
  this.set = function (key, value) {
    if (value === undefined) N.varUnset(code, $String(key));
    else N.varSet(code, $String(key), storeText(value), storeJson(value));
  };
  this.unset = function (key) { N.varUnset(code, $String(key)); };
  this.clear = function () { N.varClear(code); };
}

function lowerKeyFind(list, name) {
  var lower = toLowerCase($String(name));
  for (var i = 0; i < list.length; i++) if (toLowerCase($String(list[i].key)) === lower) return i;
  return -1;
}

// A postman-collection-like HeaderList over an array of { key, value }.
function HeaderList(list, mutable) {
  var self = this;
  this.__list = list;
  this.get = function (name) { var i = lowerKeyFind(list, name); return i < 0 ? undefined : list[i].value; };
  this.one = function (name) { var i = lowerKeyFind(list, name); return i < 0 ? undefined : { key: list[i].key, value: list[i].value }; };
  this.has = function (name, value) {
    var i = lowerKeyFind(list, name);
    if (i < 0) return false;
    return arguments.length < 2 || list[i].value === value;
  };
  this.toObject = function () {
    var obj = {};
    forEach(list, function (h) {
      var k = toLowerCase($String(h.key));
      if (hasOwn(obj, k)) {
        if (!isArray(obj[k])) obj[k] = [obj[k]];
        push(obj[k], h.value);
      } else obj[k] = h.value;
    });
    return obj;
  };
  this.all = function () { return map(list, function (h) { return { key: h.key, value: h.value }; }); };
  this.each = function (fn) { forEach(list, function (h) { fn({ key: h.key, value: h.value }); }); };
  this.count = function () { return list.length; };
  this.toJSON = function () { return self.all(); };
  this.toString = function () { return join(map(list, function (h) { return h.key + ': ' + h.value + '\n'; }), ''); };
  if (!mutable) return;
  function parse(header, value) {
    if (typeof header === 'string') {
      if (arguments.length > 1) return { key: header, value: $String(value) };
      var at = strIndexOf(header, ':');
      return at < 0 ? { key: strTrim(header), value: '' } : { key: strTrim(strSlice(header, 0, at)), value: strTrim(strSlice(header, at + 1)) };
    }
    return { key: $String(header.key), value: header.value === undefined ? '' : $String(header.value) };
  }
  this.add = function (header, value) { push(list, apply(parse, null, arguments)); };
  this.append = this.add;
  this.upsert = function (header, value) {
    var h = apply(parse, null, arguments);
    var i = lowerKeyFind(list, h.key);
    if (i < 0) push(list, h); else list[i].value = h.value;
  };
  this.remove = function (name) {
    var key = typeof name === 'object' && name !== null ? name.key : name;
    for (var i = list.length - 1; i >= 0; i--) {
      if (toLowerCase($String(list[i].key)) === toLowerCase($String(key))) splice(list, i, 1);
    }
  };
  this.clear = function () { splice(list, 0, list.length); };
}

function parseJson(text, what) {
  try {
    return jsonParse(text);
  } catch (e) {
    throw new $SyntaxError('JSONError: ' + what + ' is not valid JSON: ' + e.message);
  }
}

// `[name, value]` pairs (headers, cookies) that come as JSON text, parsed on first use.
function pairsOf(data, name) {
  var value = data[name];
  if (typeof value === 'string') {
    value = jsonParse(value);
    data[name] = value;
  }
  return value || [];
}

// The response's cookie pairs: those given with it, or the run's (asked for on first use).
function cookiePairs(data) {
  if (data.cookies === undefined) data.cookies = N.cookies();
  return pairsOf(data, 'cookies');
}

// The response's header pairs as a `{ key, value }` list, made once.
function responseHeaderList(data) {
  if (!data.headerList) data.headerList = map(pairsOf(data, 'headers'), function (h) { return { key: h[0], value: h[1] }; });
  return data.headerList;
}

// A response as scripts see it (`pm.response`, `pm.sendRequest`'s): own data properties
// and lazily built `headers` and `cookies`; the methods live on the prototype, as on
// postman-collection's Response.
var RESPONSE_DATA = $Symbol('response data');
function PmResponse(data) {
  // What the sandbox reads of the data is its own, never Object.prototype's.
  setPrototypeOf(data, null);
  this.code = data.code;
  // Newman: `status` is the wire reason phrase, `reason()` (chai-postman) is upper case.
  this.status = data.reason;
  this.responseTime = data.time;
  this.responseSize = data.size;
  this[RESPONSE_DATA] = data;
}
function responseData(response) {
  var data = response[RESPONSE_DATA];
  if (data === undefined) throw new $TypeError('not a response');
  return data;
}
// A method of the (frozen) response prototype that a response may still replace for
// itself: an assignment makes an own property, as it would on a writable method.
function method(name, fn) {
  return {
    get: function () { return fn; },
    set: function (value) { ownValue(this, name, value); }
  };
}
// An own enumerable data property from now on, as an assignment makes.
function ownValue(obj, name, value) {
  defineProperty(obj, name, { value: value, writable: true, enumerable: true, configurable: true });
  return value;
}
PmResponse.prototype = createObject(ObjectPrototype, {
  constructor: { value: PmResponse },
  __isResponse: { value: true },
  // chai-postman's entry points.
  to: { get: function () { return expect(this).to; } },
  be: { get: function () { return expect(this).to.be; } },
  have: { get: function () { return expect(this).to.have; } },
  headers: {
    get: function () { return ownValue(this, 'headers', new HeaderList(responseHeaderList(responseData(this)), false)); },
    set: function (v) { ownValue(this, 'headers', v); }
  },
  cookies: {
    get: function () { var data = responseData(this); return ownValue(this, 'cookies', cookieList(function () { return cookiePairs(data); })); },
    set: function (v) { ownValue(this, 'cookies', v); }
  },
  text: method('text', function () { return responseData(this).body; }),
  json: method('json', function () { return parseJson(responseData(this).body, 'response body'); }),
  reason: method('reason', function () { return toUpperCase($String(responseData(this).reason)); }),
  size: method('size', function () { var data = responseData(this); return { body: data.size, header: 0, total: data.size }; }),
  toJSON: method('toJSON', function () {
    var data = responseData(this);
    return { code: data.code, status: data.reason, header: responseHeaderList(data), body: data.body, responseTime: data.time };
  })
});
// The prototype is shared by every response of the context: a script cannot change what
// later responses' methods (and chai-postman's checks) answer.
freeze(PmResponse.prototype);
freeze(PmResponse);

function makeResponse(data) {
  return new PmResponse(data);
}

function cookieList(source) {
  function all() { return map(source(), cookieObject); }
  function one(name) { return filter(all(), function (c) { return c.name === name; })[0]; }
  return {
    one: one,
    get: function (name) { var c = one(name); return c ? cookieValue(c) : undefined; },
    has: function (name) { return some(all(), function (c) { return c.name === name; }); },
    toObject: function () { var o = {}; forEach(all(), function (c) { o[c.name] = c.value; }); return o; },
    all: all,
    count: function () { return all().length; },
    jar: cookieJar
  };
}

function makeUrl(request) {
  function parts() {
    var raw = request.url;
    var hashAt = strIndexOf(raw, '#');
    if (hashAt >= 0) raw = strSlice(raw, 0, hashAt);
    var q = strIndexOf(raw, '?');
    return { base: q < 0 ? raw : strSlice(raw, 0, q), query: q < 0 ? null : strSlice(raw, q + 1) };
  }
  function queryList() {
    var p = parts();
    if (p.query === null || p.query === '') return [];
    return map(splitText(p.query, '&'), function (pair) {
      var at = strIndexOf(pair, '=');
      return at < 0 ? { key: pair, value: null } : { key: strSlice(pair, 0, at), value: strSlice(pair, at + 1) };
    });
  }
  function writeQuery(list) {
    var p = parts();
    var text = join(map(list, function (x) { return x.value === null || x.value === undefined ? x.key : x.key + '=' + x.value; }), '&');
    request.url = p.base + (list.length ? '?' + text : '');
  }
  var query = {
    get: function (key) { var f = filter(queryList(), function (x) { return x.key === key; }); return f.length ? f[0].value : undefined; },
    has: function (key) { return some(queryList(), function (x) { return x.key === key; }); },
    all: function () { return queryList(); },
    count: function () { return queryList().length; },
    toObject: function () { var o = {}; forEach(queryList(), function (x) { o[x.key] = x.value; }); return o; },
    add: function (param) {
      var list = queryList();
      push(list, typeof param === 'string' ? (function () { var at = strIndexOf(param, '='); return at < 0 ? { key: param, value: null } : { key: strSlice(param, 0, at), value: strSlice(param, at + 1) }; })() : { key: param.key, value: param.value });
      writeQuery(list);
    },
    upsert: function (param) {
      var list = queryList();
      var i = -1;
      for (var j = 0; j < list.length; j++) if (list[j].key === param.key) { i = j; break; }
      if (i < 0) push(list, { key: param.key, value: param.value }); else list[i].value = param.value;
      writeQuery(list);
    },
    remove: function (key) { writeQuery(filter(queryList(), function (x) { return x.key !== (typeof key === 'object' ? key.key : key); })); }
  };
  var url = {
    toString: function () { return request.url; },
    getHost: function () { var m = regExpExec(/^[a-z]+:\/\/([^/:?#]*)/i, request.url); return m ? m[1] : ''; },
    getPath: function () { var m = regExpExec(/^[a-z]+:\/\/[^/?#]*([^?#]*)/i, request.url); return m && m[1] ? m[1] : '/'; },
    getQueryString: function () { var p = parts(); return p.query || ''; },
    update: function (value) { request.url = $String(value); },
    query: query
  };
  defineProperty(url, 'host', { get: function () { return splitText(url.getHost(), '.'); } });
  defineProperty(url, 'path', { get: function () { return filter(splitText(url.getPath(), '/'), function (s) { return s !== ''; }); } });
  return url;
}

// The request's headers as the `{ key, value }` list that pm.request changes, made once.
function requestHeaderList(request) {
  if (!request.headerList) request.headerList = map(pairsOf(request, 'headers'), function (h) { return { key: h[0], value: h[1] }; });
  return request.headerList;
}

function makeRequest(request, mutable) {
  var headerList = requestHeaderList(request);
  var body = {
    mode: request.body === null ? undefined : 'raw',
    toString: function () { return request.body === null ? '' : request.body; },
    update: function (value) { request.body = typeof value === 'string' ? value : value && value.raw !== undefined ? $String(value.raw) : $String(value); }
  };
  defineProperty(body, 'raw', {
    get: function () { return request.body === null ? undefined : request.body; },
    set: function (v) { request.body = v === undefined || v === null ? null : $String(v); }
  });
  var pmRequest = {
    headers: new HeaderList(headerList, mutable),
    body: body,
    addHeader: function (h) { pmRequest.headers.add(h); },
    removeHeader: function (name) { pmRequest.headers.remove(name); },
    upsertHeader: function (h) { pmRequest.headers.upsert(h); },
    toJSON: function () { return { url: request.url, method: request.method, header: headerList, body: request.body }; }
  };
  var url = makeUrl(request);
  defineProperty(pmRequest, 'url', {
    get: function () { return url; },
    set: function (v) { request.url = $String(v); },
    enumerable: true
  });
  defineProperty(pmRequest, 'method', {
    get: function () { return request.method; },
    set: function (v) { request.method = toUpperCase($String(v)); },
    enumerable: true
  });
  defineProperty(pmRequest, 'to', { get: function () { return expect(pmRequest).to; } });
  defineProperty(pmRequest, '__isRequest', { value: true });
  return pmRequest;
}

function toScriptRequest(input) {
  if (typeof input === 'string') return { method: 'GET', url: input, headers: [], body: null };
  var url = input.url;
  if (url && typeof url === 'object') url = url.raw !== undefined ? url.raw : $String(url);
  var headers = [];
  var h = input.header || input.headers;
  if (isArray(h)) forEach(h, function (x) { if (!x.disabled) push(headers, [$String(x.key), $String(x.value)]); });
  else if (h && typeof h === 'object') forEach(keysOf(h), function (k) { push(headers, [k, $String(h[k])]); });
  var body = null;
  if (input.body !== undefined && input.body !== null) {
    if (typeof input.body === 'string') body = input.body;
    else if (input.body.mode === 'raw' || input.body.raw !== undefined) body = $String(input.body.raw);
    else if (input.body.mode === 'urlencoded' && isArray(input.body.urlencoded)) {
      body = join(map(input.body.urlencoded, function (p) { return $encodeURIComponent(p.key) + '=' + $encodeURIComponent(p.value); }), '&');
      push(headers, ['Content-Type', 'application/x-www-form-urlencoded']);
    } else notSupported('pm.sendRequest body mode ' + input.body.mode);
  }
  return { method: toUpperCase($String(input.method || 'GET')), url: $String(url), headers: headers, body: body };
}

function stringify(value) {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (typeof value === 'object' && value !== null && !(value instanceof $Error)) {
    try { return jsonStringify(value); } catch (e) { return $String(value); }
  }
  return $String(value);
}

function makeConsole() {
  var c = {};
  forEach(['log', 'info', 'warn', 'error', 'debug'], function (level) {
    c[level] = function () {
      N.console(level, join(map(arguments, function (value) { return stringify(value); }), ' '));
    };
  });
  c.trace = c.debug;
  c.clear = function () {};
  c.time = c.timeEnd = c.count = c.group = c.groupEnd = c.dir = c.table = function () {};
  return c;
}

// Postman keeps the thrown value; a value without a message is reported by the test name.
function failureMessage(name, e) {
  if (e !== null && typeof e === 'object' && e.message) return $String(e.message);
  return $String(name);
}

function recordAssertion(name, status, message) {
  N.assert($String(name), status, message === undefined ? '' : $String(message));
}

function makeTest() {
  function test(name, fn) {
    if (typeof fn !== 'function') {
      recordAssertion(name, 0);
      return pm;
    }
    // With a `done` parameter the test is recorded when it calls `done` (from a callback
    // or timer too; never if it does not), or when it throws.
    if (fn.length > 0) {
      var threw = false;
      try {
        fn(function (err) {
          if (threw) return;
          if (err) recordAssertion(name, 1, failureMessage(name, err));
          else recordAssertion(name, 0);
        });
      } catch (e) {
        threw = true;
        recordAssertion(name, 1, failureMessage(name, e));
      }
      return pm;
    }
    var failure = null;
    try {
      fn();
    } catch (e) {
      failure = failureMessage(name, e);
    }
    if (failure === null) recordAssertion(name, 0);
    else recordAssertion(name, 1, failure);
    return pm;
  }
  test.skip = function (name) { recordAssertion(name, 2); return pm; };
  test.index = function () { return N.assertCount(); };
  return freeze(test);
}
// `pm.test`: one function for every run (it keeps no state of its own).
var TEST = makeTest();

var pm = {};

function notSupportedGetter(name) {
  return { get: function () { notSupported('pm.' + name); }, enumerable: false, configurable: false };
}

// The properties of `pm`, in Postman's order; everything but the shared `expect` and
// `sendRequest` is built from the run's state on first use in a run.
function pmDescriptors(withResponse) {
  var scope = function (layer, readOnly) {
    return function () { return new VariableScope(layer, readOnly); };
  };
  var builders = {
    environment: function () {
      var environment = new VariableScope('environment');
      environment.name = runInfo().environmentName;
      return environment;
    },
    globals: scope('globals'),
    collectionVariables: scope('collection'),
    iterationData: scope('data', true),
    variables: scope('variables'),
    info: function () {
      var info = runInfo();
      return {
        eventName: runKind(),
        iteration: info.iteration,
        iterationCount: info.iterationCount,
        requestName: info.requestName,
        requestId: info.requestId
      };
    },
    request: function () { return makeRequest(runRequest(), runKind() === 'prerequest'); }
  };
  if (withResponse) builders.response = function () { return makeResponse(runResponse()); };
  builders.cookies = function () { return cookieList(function () { return jsonParse(N.cookies()); }); };
  var descriptors = runDescriptors('pm.', builders, true);
  // What records and decides assertions cannot be replaced.
  descriptors.test = { value: TEST, writable: false, enumerable: true, configurable: false };
  descriptors.expect = { value: expect, writable: false, enumerable: true, configurable: false };
  descriptors.sendRequest = dataDescriptor(sendRequest);
  descriptors.execution = runDescriptors('pm.', {
    execution: function () {
      var execution = {
        setNextRequest: function (name) { if (name === null) N.next(0, ''); else N.next(1, $String(name)); },
        skipRequest: function () { N.skip(); },
        location: ['collection']
      };
      defineProperty(execution.location, 'current', { value: runInfo().requestName });
      return execution;
    }
  }, true).execution;
  forEach(['vault', 'visualizer'], function (name) { descriptors[name] = notSupportedGetter(name); });
  descriptors.require = dataDescriptor(pmRequire);
  return descriptors;
}
// The two `pm` objects of a context, for runs with and without a response.
var PM_WITH_RESPONSE = defineProperties({}, pmDescriptors(true));
var PM_WITHOUT_RESPONSE = defineProperties({}, pmDescriptors(false));
