// Postman's cookie objects and `pm.cookies.jar()` (postman-sandbox's PostmanCookieJar) over
// the run's cookie jar (natives: N.cookies, N.cookieJar). Runs inside the prelude closure.

// A cookie as postman-collection's Cookie has it; `[name, value]` pairs (cookies given with
// a response) become `{ name, value }`.
function cookieObject(c) {
  if (isArray(c)) return { name: c[0], value: c[1] };
  var o = { domain: c.domain, path: c.path, secure: c.secure, httpOnly: c.httpOnly, hostOnly: c.hostOnly, name: c.name, value: c.value };
  if (c.expires !== undefined && c.expires !== null) o.expires = new Date(c.expires);
  return o;
}

// Postman's cookie value (`Cookie.valueOf()`): URI-decoded where it can be.
function cookieValue(c) {
  try { return $decodeURIComponent(c.value); } catch (e) { return c.value; }
}

function jarCall(op, url, arg) {
  var answer = jsonParse(N.cookieJar(op, url, arg === undefined || arg === null ? '' : $String(arg)));
  if (answer.error !== undefined) throw new $Error(answer.error);
  return answer.ok;
}

function jarUrl(url, method) {
  if (url && typeof url === 'object' && typeof url.toString === 'function') url = url.toString();
  if (!url || typeof url !== 'string') throw new $TypeError('CookieJar.' + method + '() requires a valid url');
  return url;
}

// Runs `work` and hands its result or error to `callback`, as Postman's jar does.
function jarDone(callback, work) {
  var result;
  try {
    result = work();
  } catch (e) {
    if (typeof callback === 'function') callback(e instanceof $Error ? e : new $Error(e));
    return;
  }
  if (typeof callback === 'function') callback(null, result);
}

// Set-Cookie text of a cookie object (postman-collection's `Cookie.toString()`).
function setCookieText(c) {
  var name = c.name !== undefined ? c.name : c.key;
  var text = $String(name) + '=' + (c.value === undefined || c.value === null ? '' : $String(c.value));
  if (c.expires) text += '; Expires=' + (c.expires instanceof $Date ? c.expires.toUTCString() : $String(c.expires));
  if (c.maxAge && c.maxAge !== Infinity) text += '; Max-Age=' + c.maxAge;
  if (c.domain && !c.hostOnly) text += '; Domain=' + c.domain;
  if (c.path) text += '; Path=' + c.path;
  if (c.secure) text += '; Secure';
  if (c.httpOnly) text += '; HttpOnly';
  return text;
}

function cookieJar() {
  return {
    get: function (url, name, callback) {
      url = jarUrl(url, 'get');
      if (typeof callback !== 'function') throw new $TypeError('CookieJar.get() requires a callback function');
      if (typeof name !== 'string') throw new $TypeError('CookieJar.get() requires cookie name to be a string');
      jarDone(callback, function () {
        var found = filter(jarCall('getAll', url), function (c) { return c.name === name; })[0];
        return found ? cookieValue(found) : null;
      });
    },
    getAll: function (url, options, callback) {
      url = jarUrl(url, 'getAll');
      if (typeof options === 'function' && !callback) { callback = options; options = {}; }
      if (typeof callback !== 'function') throw new $TypeError('CookieJar.getAll() requires a callback function');
      if (typeof options !== 'object') throw new $TypeError('CookieJar.getAll() requires options to be an object');
      jarDone(callback, function () {
        var list = jarCall('getAll', url);
        return cookieList(function () { return list; });
      });
    },
    set: function (url, name, value, callback) {
      url = jarUrl(url, 'set');
      if (typeof value === 'function' && !callback) { callback = value; value = null; }
      var text;
      if (name && value) text = setCookieText({ name: name, value: value });
      else if (name && typeof name === 'object') text = setCookieText(name);
      else if (typeof name === 'string') text = name;
      else throw new $TypeError('CookieJar.set() requires a valid set cookie arguments');
      jarDone(callback, function () { return cookieObject(jarCall('set', url, text)); });
    },
    unset: function (url, name, callback) {
      url = jarUrl(url, 'unset');
      if (typeof name !== 'string') throw new $TypeError('CookieJar.unset() requires cookie name to be a string');
      jarDone(callback, function () { jarCall('unset', url, name); });
    },
    clear: function (url, callback) {
      url = jarUrl(url, 'clear');
      jarDone(callback, function () { jarCall('clear', url); });
    }
  };
}
