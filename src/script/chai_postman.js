// chai-postman's assertions, inside the prelude closure after pm.js (they use its
// `N.schema` native and chai.js's Assertion helpers).
// chai-postman: request and response assertions on `pm.response.to…`, `pm.request.to…`.
function isResponse(obj) { return obj !== null && typeof obj === 'object' && obj.__isResponse === true; }
function isRequest(obj) { return obj !== null && typeof obj === 'object' && obj.__isRequest === true; }
addProperty('postmanRequest', function () {
  this.assert(isRequest(this._obj), 'expecting a postman request object but got #{this}', 'not expecting a postman request object');
});
addProperty('postmanResponse', function () {
  this.assert(isResponse(this._obj), 'expecting a postman response object but got #{this}', 'not expecting a postman response object');
});
addProperty('postmanRequestOrResponse', function () {
  this.assert(isResponse(this._obj) || isRequest(this._obj), 'expecting a postman request or response object but got #{this}', 'not expecting a postman request or response object');
});
// chai-postman checks its subject with fresh (never negated) assertions first; they are
// built only when the subject fails them (same messages, nothing to pay when it passes).
function hasProp(obj, name) { return obj !== null && obj !== undefined && name in Object(obj); }
function requireResponse(a) { if (!isResponse(a._obj)) void new Assertion(a._obj).to.be.postmanResponse; }
function requireCode(a) {
  requireResponse(a);
  if (!hasProp(a._obj, 'code')) new Assertion(a._obj).to.have.property('code');
  if (typeof a._obj.code !== 'number') new Assertion(a._obj.code).to.be.a('number');
}
function requireReason(a) {
  if (!hasProp(a._obj, 'reason')) new Assertion(a._obj).to.have.property('reason');
  if (typeof a._obj.reason !== 'function') new Assertion(a._obj.reason).to.be.a('function');
}
function assertCodeClass(a, cls) {
  requireCode(a);
  a.assert(mathFloor(a._obj.code / 100) === cls, 'expected response code to be #{exp}XX but found #{act}', 'expected response code to not be #{exp}XX', cls, a._obj.code);
}
addMethod('statusCodeClass', function (cls) { assertCodeClass(this, cls); });
var CLASSES = { info: 1, success: 2, redirection: 3, clientError: 4, serverError: 5 };
forEach(keysOf(CLASSES), function (name) {
  addProperty(name, function () { assertCodeClass(this, CLASSES[name]); });
});
addProperty('error', function () {
  requireCode(this);
  var cls = mathFloor(this._obj.code / 100);
  this.assert(cls === 4 || cls === 5, 'expected response code to be 4XX or 5XX but found #{act}', 'expected response code to not be 4XX or 5XX', null, this._obj.code);
});
addMethod('statusCode', function (expected) {
  requireCode(this);
  this.assert(this._obj.code === $Number(expected), 'expected response to have status code #{exp} but got #{act}', 'expected response to not have status code #{act}', $Number(expected), this._obj.code);
});
addMethod('statusReason', function (expected) {
  requireResponse(this);
  requireReason(this);
  expected = $String(expected);
  this.assert(this._obj.reason() === expected, 'expected response to have status reason #{exp} but got #{act}', 'expected response to not have status reason #{act}', expected, this._obj.reason());
});
// The reason phrases chai-postman compares (upper-cased), its own spellings included.
var REASONS = {
  accepted: [202, 'Accepted'], withoutContent: [204, 'No Content'], badRequest: [400, 'Bad Request'],
  unauthorised: [401, 'Unauthorised'], unauthorized: [401, 'Unauthorized'], forbidden: [403, 'Forbidden'],
  notFound: [404, 'Not Found'], notAcceptable: [406, 'Acceptable'], rateLimited: [429, 'Too Many Requests']
};
function assertReasonAndCode(a, reason, code) {
  requireReason(a);
  var actualReason = toUpperCase($String(a._obj.reason()));
  var actualCode = $Number(a._obj.code);
  a.assert(actualReason === reason, 'expected response to have status reason #{exp} but got #{act}', 'expected response to not have status reason #{act}', reason, actualReason);
  a.assert(actualCode === code, 'expected response to have status code #{exp} but got #{act}', 'expected response to not have status code #{act}', code, actualCode);
}
forEach(keysOf(REASONS), function (name) {
  addProperty(name, function () {
    requireResponse(this);
    assertReasonAndCode(this, toUpperCase(REASONS[name][1]), REASONS[name][0]);
  });
});
addProperty('ok', function () {
  if (!isResponse(this._obj)) {
    this.assert(flag(this, 'object'), 'expected #{this} to be truthy', 'expected #{this} to be falsy');
    return;
  }
  assertReasonAndCode(this, 'OK', 200);
});
addMethod('status', function (expected) {
  if (typeof expected === 'number') {
    requireCode(this);
    this.assert(this._obj.code === $Number(expected), 'expected response to have status code #{exp} but got #{act}', 'expected response to not have status code #{act}', $Number(expected), this._obj.code);
  } else {
    requireReason(this);
    this.assert(this._obj.reason() === expected, 'expected response to have status reason #{exp} but got #{act}', 'expected response to not have status reason #{act}', expected, this._obj.reason());
  }
});
addMethod('header', function (key, value) {
  void new Assertion(this._obj).to.be.postmanRequestOrResponse;
  new Assertion(this._obj).to.have.property('headers');
  var what = isRequest(this._obj) ? 'request' : 'response';
  var headers = this._obj.headers;
  this.assert(headers.has(key), 'expected ' + what + " to have header with key '" + $String(key) + "'", 'expected ' + what + " to not have header with key '" + $String(key) + "'", true, headers.has(key));
  if (arguments.length < 2) return;
  var one = headers.one ? headers.one(key) : { value: headers.get(key) };
  var actual = one ? one.value : undefined;
  this.assert(actual === value, "expected '" + $String(key) + "' " + what + ' header to be #{exp} but got #{act}', "expected '" + $String(key) + "' " + what + ' header to not be #{act}', value, actual);
});
function requireText(a) {
  requireResponse(a);
  new Assertion(a._obj).to.have.property('text');
  new Assertion(a._obj.text).to.be.a('function');
}
addProperty('withBody', function () {
  requireText(this);
  var text = this._obj.text();
  this.assert(typeof text === 'string' && text.length, 'expected response to have content in body', 'expected response to not have content in body');
});
// The error text chai-postman reports for a body that is not JSON (the first line of the
// parser's message), or undefined when it is JSON.
function jsonError(a) {
  try { a._obj.json(); } catch (e) {
    var message = $String(e.message);
    var m = strReplace(message, /^JSONError: /, '');
    var text = regExpExec(/JSONError/, message) !== null || e.name === 'JSONError' ? strReplace(m, /(.*?)\n.*/g, '$1') : e.name + ': ' + e.message;
    // Never empty: a failure stays one whatever its text.
    return text === '' ? 'JSONError' : text;
  }
  return undefined;
}
function requireJson(a) {
  requireResponse(a);
  new Assertion(a._obj).to.have.property('json');
  new Assertion(a._obj.json).to.be.a('function');
}
addProperty('json', function () {
  requireJson(this);
  var error = jsonError(this);
  this.assert(!error, 'expected response body to be a valid json but got error ' + error, 'expected response body not to be a valid json');
});
function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false;
  var proto = getPrototypeOf(v);
  return proto === null || proto === ObjectPrototype;
}
addMethod('body', function (expected) {
  requireResponse(this);
  var actual;
  if (isPlainObject(expected)) {
    requireJson(this);
    try { actual = this._obj.json(); } catch (e) { actual = undefined; }
    this.assert(deepEqual(actual, expected), 'expected response body json to equal #{exp} but got #{act}', 'expected response body json to not equal #{exp} but got #{act}', expected, actual);
    return;
  }
  requireText(this);
  actual = this._obj.text();
  if (arguments.length === 0) {
    this.assert(typeof actual === 'string' && actual.length, 'expected response to have content in body', 'expected response to not have content in body');
  } else if (expected instanceof $RegExp) {
    this.assert(regExpExec(expected, actual) !== null, 'expected response body text to match #{exp} but got #{act}', 'expected response body text #{act} to not match #{exp}', expected, actual);
  } else {
    this.assert(deepEqual(actual, expected), 'expected response body to equal #{exp} but got #{act}', 'expected response body to not equal #{exp}', expected, actual);
  }
});
function lodashPath(path) {
  return isArray(path) ? path : filter(splitText(strReplace($String(path), /\[(?:'([^']*)'|"([^"]*)"|([^\]]*))\]/g, function (m, a, b, c) {
    return '.' + (a !== undefined ? a : b !== undefined ? b : c);
  }), '.'), function (s) { return s !== ''; });
}
function lodashGet(obj, path) {
  var parts = lodashPath(path);
  var value = obj;
  for (var i = 0; i < parts.length; i++) {
    if (value === null || value === undefined || !hasOwn(Object(value), parts[i])) return { has: false, value: undefined };
    value = value[parts[i]];
  }
  return { has: parts.length > 0, value: value };
}
addMethod('jsonBody', function (path, value) {
  requireJson(this);
  var json;
  var error;
  try { json = this._obj.json(); } catch (e) { error = jsonError(this); }
  if (arguments.length === 0) {
    this.assert(!error, 'expected response body to be a valid json but got error ' + error, 'expected response body not to be a valid json');
    return;
  }
  // chai-postman checks only a string path; anything else passes.
  if (typeof path !== 'string') return;
  var found = lodashGet(json, path);
  this.assert(found.has, 'expected #{act} in response to contain property #{exp}', 'expected #{act} in response to not contain property #{exp}', path, json);
  if (arguments.length > 1) {
    this.assert(deepEqual(found.value, value), 'expected response body json at "' + path + '" to contain #{exp} but got #{act}', 'expected response body json at "' + path + '" to not contain #{exp} but got #{act}', value, found.value);
  }
});
addMethod('jsonSchema', function (schema) {
  void new Assertion(schema).to.be.an('object');
  var instance = isResponse(this._obj) || (isRequest(this._obj) && typeof this._obj.json === 'function') ? this._obj.json() : this._obj;
  var errors = jsonParse(N.schema(jsonStringify(instance === undefined ? null : instance), jsonStringify(schema)));
  var text = join(errors, ', ');
  this.assert(errors.length === 0, 'expected data to satisfy schema but found following errors: \n' + text, 'expected data to not satisfy schema', true, errors.length === 0);
});
addChainableMethod('responseTime', function (expected) {
  var t = flag(this, 'number');
  this.assert(typeof t === 'number', 'expected response to have a valid response time but got #{act}', 'expected response to not have a valid response time but got #{act}', null, t);
  if (arguments.length) this.assert(deepEqual(t, expected), 'expected response to have a valid response time but got #{act}', 'expected response to not have a valid response time but got #{act}', null, t);
}, function () {
  requireResponse(this);
  new Assertion(this._obj).to.have.property('responseTime');
  setFlag(this, 'number', this._obj.responseTime);
  setFlag(this, 'object', this._obj.responseTime);
});
addChainableMethod('responseSize', function (expected) {
  var n = flag(this, 'number');
  this.assert(typeof n === 'number', 'expected response to have a valid response size but got #{act}', 'expected response to not have a valid response size but got #{act}', null, n);
  if (arguments.length) this.assert(deepEqual(n, expected), 'expected response size to equal #{act} but got #{exp}', 'expected response size to not equal #{act} but got #{exp}', expected, n);
}, function () {
  requireResponse(this);
  new Assertion(this._obj).to.have.property('size');
  new Assertion(this._obj.size).to.be.a('function');
  var size = this._obj.size();
  var total = (size.header || 0) + (size.body || 0);
  setFlag(this, 'number', total);
  setFlag(this, 'object', total);
});
