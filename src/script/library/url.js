// Node's `url`: the legacy parse/format/resolve of Node's url module and the WHATWG
// `URL` and `URLSearchParams` classes (URL parsing by natives).
var querystring = require('querystring');

var hostless = { javascript: true, 'javascript:': true };
var slashed = {
  http: true, https: true, ftp: true, gopher: true, file: true,
  'http:': true, 'https:': true, 'ftp:': true, 'gopher:': true, 'file:': true
};
var autoEscape = /['{}|\\^`<>" \r\n\t]/g;

function Url() {
  this.protocol = null; this.slashes = null; this.auth = null; this.host = null;
  this.port = null; this.hostname = null; this.hash = null; this.search = null;
  this.query = null; this.pathname = null; this.path = null; this.href = null;
}

Url.prototype.parse = function (url, parseQueryString, slashesDenoteHost) {
  if (typeof url !== 'string') {
    throw new TypeError('The "url" argument must be of type string. Received type ' + typeof url);
  }
  var rest = url.trim().replace(/\\/g, '/');
  var hash = rest.indexOf('#');
  if (hash !== -1) { this.hash = rest.slice(hash).replace(autoEscape, encodeURIComponent); rest = rest.slice(0, hash); }
  var proto = /^([a-z0-9.+-]+:)/i.exec(rest);
  var lowerProto;
  if (proto) {
    lowerProto = proto[1].toLowerCase();
    this.protocol = lowerProto;
    rest = rest.slice(proto[1].length);
  }
  var slashes;
  if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
    slashes = rest.slice(0, 2) === '//';
    if (slashes && !(lowerProto && hostless[lowerProto])) { rest = rest.slice(2); this.slashes = true; }
  }
  if (!hostless[lowerProto] && (slashes || (lowerProto && !slashed[lowerProto]))) {
    var hostEnd = rest.search(/[/?#]/);
    if (hostEnd === -1) hostEnd = rest.length;
    var at = rest.lastIndexOf('@', hostEnd);
    if (at !== -1) {
      this.auth = decodeURIComponent(rest.slice(0, at));
      rest = rest.slice(at + 1);
      hostEnd = rest.search(/[/?#]/);
      if (hostEnd === -1) hostEnd = rest.length;
    }
    var nonHost = rest.slice(0, hostEnd).search(/[\s<>"`\r\n\t{}|\\^';]/);
    if (nonHost !== -1) hostEnd = nonHost;
    this.host = rest.slice(0, hostEnd);
    rest = rest.slice(hostEnd);
    var port = /:[0-9]*$/.exec(this.host);
    if (port) {
      if (port[0] !== ':') this.port = port[0].slice(1);
      this.hostname = this.host.slice(0, this.host.length - port[0].length);
    } else this.hostname = this.host;
    this.hostname = this.hostname.toLowerCase();
    if (this.hostname.charAt(0) === '[' && this.hostname.charAt(this.hostname.length - 1) === ']') {
      this.hostname = this.hostname.slice(1, -1);
    } else if (/[^\0-\x7E]/.test(this.hostname)) {
      this.hostname = require('punycode').toASCII(this.hostname);
    }
    this.host = (this.hostname.indexOf(':') !== -1 ? '[' + this.hostname + ']' : this.hostname) + (this.port ? ':' + this.port : '');
  }
  rest = rest.replace(autoEscape, function (c) { return c === ' ' ? '%20' : encodeURIComponent(c) === c ? escape(c) : encodeURIComponent(c); });
  var qm = rest.indexOf('?');
  if (qm !== -1) {
    this.search = rest.slice(qm);
    this.query = rest.slice(qm + 1);
    if (parseQueryString) this.query = querystring.parse(this.query);
    rest = rest.slice(0, qm);
  } else if (parseQueryString) {
    this.search = '';
    this.query = {};
  }
  if (rest) this.pathname = rest;
  if (slashed[lowerProto] && this.hostname && !this.pathname) this.pathname = '/';
  if (this.pathname || this.search) this.path = (this.pathname || '') + (this.search || '');
  this.href = this.format();
  return this;
};

Url.prototype.format = function () {
  var auth = this.auth || '';
  if (auth) auth = encodeURIComponent(auth).replace(/%3A/i, ':') + '@';
  var protocol = this.protocol || '', pathname = this.pathname || '', hash = this.hash || '';
  var host = false, query = '';
  if (this.host) host = auth + this.host;
  else if (this.hostname) {
    host = auth + (this.hostname.indexOf(':') === -1 ? this.hostname : '[' + this.hostname + ']');
    if (this.port) host += ':' + this.port;
  }
  if (this.query && typeof this.query === 'object' && Object.keys(this.query).length) {
    query = querystring.stringify(this.query);
  }
  var search = this.search || (query && '?' + query) || '';
  if (protocol && protocol.slice(-1) !== ':') protocol += ':';
  if (this.slashes || ((!protocol || slashed[protocol]) && host !== false)) {
    host = '//' + (host || '');
    if (pathname && pathname.charAt(0) !== '/') pathname = '/' + pathname;
  } else if (!host) host = '';
  if (hash && hash.charAt(0) !== '#') hash = '#' + hash;
  if (search && search.charAt(0) !== '?') search = '?' + search;
  pathname = pathname.replace(/[?#]/g, encodeURIComponent);
  search = search.replace('#', '%23');
  return protocol + host + pathname + search + hash;
};

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) return url;
  return new Url().parse(url, parseQueryString, slashesDenoteHost);
}

function urlFormat(obj) {
  if (typeof obj === 'string') obj = urlParse(obj);
  if (obj instanceof URL) return obj.href;
  return Url.prototype.format.call(obj);
}

// Resolves against an absolute base with WHATWG rules; a relative base against `/`.
function urlResolve(source, relative) {
  if (/^[a-z][a-z0-9.+-]*:/i.test(source)) {
    try { return native.urlParse(relative, source)[0]; } catch (e) { return relative; }
  }
  var origin = 'http://resolve.invalid';
  var out = native.urlParse(relative, origin + (source.charAt(0) === '/' ? '' : '/') + source)[0];
  return out.indexOf(origin) === 0 ? out.slice(origin.length) : out;
}

var FIELDS = ['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash', 'origin'];

function URL(input, base) {
  if (!(this instanceof URL)) throw new TypeError("Class constructor URL cannot be invoked without 'new'");
  var parts = base === undefined ? native.urlParse(String(input)) : native.urlParse(String(input), String(base));
  Object.defineProperty(this, '_parts', { value: parts, writable: true });
  Object.defineProperty(this, '_params', { value: new URLSearchParams(parts[8]), writable: true });
  this._params._url = this;
}

FIELDS.forEach(function (name, i) {
  Object.defineProperty(URL.prototype, name, {
    get: function () { return this._parts[i]; },
    set: name === 'origin' ? undefined : function (value) {
      this._parts = native.urlSet(this._parts[0], name, String(value));
      if (name === 'search' || name === 'href') {
        this._params._list = new URLSearchParams(this._parts[8])._list;
      }
    },
    enumerable: true,
    configurable: true
  });
});
Object.defineProperty(URL.prototype, 'searchParams', { get: function () { return this._params; } });
URL.prototype.toString = URL.prototype.toJSON = function () { return this.href; };

function formEncode(s) {
  return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, function (c) {
    return '%' + c.charCodeAt(0).toString(16).toUpperCase();
  });
}

function formDecode(s) {
  s = s.replace(/\+/g, ' ');
  try { return decodeURIComponent(s); } catch (e) { return s; }
}

function URLSearchParams(init) {
  if (!(this instanceof URLSearchParams)) throw new TypeError("Class constructor URLSearchParams cannot be invoked without 'new'");
  var list = [];
  Object.defineProperty(this, '_url', { value: null, writable: true });
  if (typeof init === 'string' || init === undefined || init === null) {
    String(init == null ? '' : init).replace(/^\?/, '').split('&').forEach(function (pair) {
      if (pair === '') return;
      var eq = pair.indexOf('=');
      list.push(eq === -1 ? [formDecode(pair), ''] : [formDecode(pair.slice(0, eq)), formDecode(pair.slice(eq + 1))]);
    });
  } else if (typeof init === 'object') {
    if (typeof init[Symbol.iterator] === 'function') {
      Array.from(init).forEach(function (pair) { list.push([String(pair[0]), String(pair[1])]); });
    } else Object.keys(init).forEach(function (k) { list.push([k, String(init[k])]); });
  }
  Object.defineProperty(this, '_list', { value: list, writable: true });
}

var sp = URLSearchParams.prototype;
sp._update = function () {
  if (this._url) {
    var s = this.toString();
    this._url._parts = native.urlSet(this._url._parts[0], 'search', s);
  }
};
sp.append = function (k, v) { this._list.push([String(k), String(v)]); this._update(); };
sp.delete = function (k) { k = String(k); this._list = this._list.filter(function (p) { return p[0] !== k; }); this._update(); };
sp.get = function (k) { k = String(k); for (var i = 0; i < this._list.length; i++) if (this._list[i][0] === k) return this._list[i][1]; return null; };
sp.getAll = function (k) { k = String(k); return this._list.filter(function (p) { return p[0] === k; }).map(function (p) { return p[1]; }); };
sp.has = function (k) { return this.get(k) !== null; };
sp.set = function (k, v) {
  k = String(k);
  var at = -1;
  this._list = this._list.filter(function (p, i) { if (p[0] !== k) return true; if (at === -1) { at = i; return true; } return false; });
  if (at === -1) this._list.push([k, String(v)]); else this._list[at][1] = String(v);
  this._update();
};
sp.sort = function () {
  this._list = this._list.map(function (p, i) { return [p, i]; }).sort(function (a, b) {
    return a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1];
  }).map(function (x) { return x[0]; });
  this._update();
};
sp.forEach = function (fn, thisArg) { var self = this; this._list.forEach(function (p) { fn.call(thisArg, p[1], p[0], self); }); };
sp.keys = function () { return this._list.map(function (p) { return p[0]; })[Symbol.iterator](); };
sp.values = function () { return this._list.map(function (p) { return p[1]; })[Symbol.iterator](); };
sp.entries = sp[Symbol.iterator] = function () { return this._list.map(function (p) { return [p[0], p[1]]; })[Symbol.iterator](); };
sp.toString = function () { return this._list.map(function (p) { return formEncode(p[0]) + '=' + formEncode(p[1]); }).join('&'); };
Object.defineProperty(sp, 'size', { get: function () { return this._list.length; } });

module.exports = {
  Url: Url,
  parse: urlParse,
  format: urlFormat,
  resolve: urlResolve,
  resolveObject: function (source, relative) { return urlParse(urlResolve(source, relative)); },
  URL: URL,
  URLSearchParams: URLSearchParams
};
