// postman-collection's classes as scripts use them: Url, QueryParam, Header, Variable,
// VariableScope, PropertyList (HeaderList), Request, Response, Cookie.
function PropertyList(Type, parent, populate) {
  if (!(this instanceof PropertyList)) return new PropertyList(Type, parent, populate);
  this.Type = Type;
  this.members = [];
  if (populate) this.populate(populate);
}
var pl = PropertyList.prototype;
function keyOf(item) { return item && (item.key !== undefined ? item.key : item.name); }
pl.make = function (item) { return item instanceof this.Type || !this.Type ? item : new this.Type(item); };
pl.populate = function (items) {
  var self = this;
  (Array.isArray(items) ? items : [items]).forEach(function (i) { if (i !== undefined && i !== null) self.add(i); });
};
pl.add = pl.append = function (item) { this.members.push(this.make(item)); };
pl.prepend = function (item) { this.members.unshift(this.make(item)); };
pl.insert = function (item, before) {
  var at = this.members.indexOf(before);
  if (at < 0) this.add(item); else this.members.splice(at, 0, this.make(item));
};
pl.idx = function (i) { return this.members[i]; };
pl.indexOf = function (item) { return this.members.indexOf(item); };
pl.find = function (fn) { return this.members.find(fn); };
pl.one = function (key) {
  var k = String(key).toLowerCase(), found;
  this.members.forEach(function (m) { if (String(keyOf(m)).toLowerCase() === k && !found) found = m; });
  return found;
};
pl.get = function (key) { var m = this.one(key); return m === undefined ? undefined : (typeof m.valueOf === 'function' ? m.valueOf() : m); };
pl.has = function (key, value) {
  if (typeof key === 'object' && key !== null) return this.members.indexOf(key) !== -1;
  var k = String(key).toLowerCase();
  return this.members.some(function (m) {
    return String(keyOf(m)).toLowerCase() === k && (value === undefined || m.value === value);
  });
};
pl.upsert = function (item) {
  var m = this.one(keyOf(item));
  if (!m) { this.add(item); return true; }
  Object.keys(item).forEach(function (k) { if (k !== 'key') m[k] = item[k]; });
  return false;
};
pl.remove = function (predicate) {
  var self = this;
  var test = typeof predicate === 'function' ? predicate : function (m) {
    return typeof predicate === 'object' ? m === predicate : String(keyOf(m)).toLowerCase() === String(predicate).toLowerCase();
  };
  this.members = this.members.filter(function (m) { return !test.call(self, m); });
};
pl.clear = function () { this.members = []; };
pl.all = function () { return this.members.slice(); };
pl.count = function () { return this.members.length; };
pl.each = function (fn, ctx) { this.members.forEach(fn, ctx); };
pl.filter = function (fn, ctx) { return this.members.filter(fn, ctx); };
pl.map = function (fn, ctx) { return this.members.map(fn, ctx); };
pl.reduce = function (fn, acc) { return this.members.reduce(fn, acc); };
pl.toObject = function (excludeDisabled) {
  var o = {};
  this.members.forEach(function (m) { if (!(excludeDisabled && m.disabled)) o[keyOf(m)] = m.valueOf ? m.valueOf() : m.value; });
  return o;
};
pl.toJSON = function () { return this.members.map(function (m) { return m.toJSON ? m.toJSON() : m; }); };
pl.toString = function () {
  if (this.Type === Header) return this.members.map(function (h) { return h.toString() + '\n'; }).join('');
  if (this.Type === QueryParam) return QueryParam.unparse(this.members);
  return this.members.map(String).join('');
};
PropertyList.isPropertyList = function (o) { return o instanceof PropertyList; };

function Header(options, name) {
  if (!(this instanceof Header)) return new Header(options, name);
  if (typeof options === 'string') options = name !== undefined ? { key: name, value: options } : Header.parseSingle(options);
  options = options || {};
  this.key = options.key === undefined ? '' : String(options.key);
  this.value = options.value === undefined || options.value === null ? '' : String(options.value);
  if (options.disabled) this.disabled = true;
}
Header.prototype.toString = function () { return this.key + ': ' + this.value; };
Header.prototype.valueOf = function () { return this.value; };
Header.prototype.update = function (o) { if (o.key !== undefined) this.key = o.key; if (o.value !== undefined) this.value = o.value; };
Header.prototype.toJSON = function () { var o = { key: this.key, value: this.value }; if (this.disabled) o.disabled = true; return o; };
Header.parseSingle = function (text) {
  text = String(text);
  var at = text.indexOf(':');
  return at < 0 ? { key: text.trim(), value: '' } : { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
};
Header.parse = function (text) {
  return String(text).split(/\r?\n/).filter(function (l) { return l.trim() !== ''; }).map(Header.parseSingle);
};
Header.unparseSingle = function (h) { return h.key + ': ' + h.value; };
Header.unparse = function (list, separator) {
  var items = list instanceof PropertyList ? list.members : list;
  return items.filter(function (h) { return !h.disabled; }).map(Header.unparseSingle).join(separator || '\r\n');
};
Header.isHeader = function (o) { return o instanceof Header; };

function QueryParam(options) {
  if (!(this instanceof QueryParam)) return new QueryParam(options);
  if (typeof options === 'string') options = QueryParam.parseSingle(options);
  options = options || {};
  this.key = options.key === undefined || options.key === null ? null : String(options.key);
  this.value = options.value === undefined || options.value === null ? null : String(options.value);
  if (options.disabled) this.disabled = true;
}
QueryParam.prototype.toString = function () { return QueryParam.unparseSingle(this); };
QueryParam.prototype.valueOf = function () { return this.value; };
QueryParam.prototype.toJSON = function () { var o = { key: this.key, value: this.value }; if (this.disabled) o.disabled = true; return o; };
QueryParam.parseSingle = function (pair) {
  var at = pair.indexOf('=');
  return at < 0 ? { key: pair, value: null } : { key: pair.slice(0, at), value: pair.slice(at + 1) };
};
QueryParam.parse = function (query) {
  query = String(query || '').replace(/^\?/, '');
  return query === '' ? [] : query.split('&').map(QueryParam.parseSingle);
};
QueryParam.unparseSingle = function (p) {
  return (p.key === null ? '' : p.key) + (p.value === null || p.value === undefined ? '' : '=' + p.value);
};
QueryParam.unparse = function (list) {
  var items = list instanceof PropertyList ? list.members : list;
  return items.filter(function (p) { return !p.disabled; }).map(QueryParam.unparseSingle).join('&');
};

function Url(options) {
  if (!(this instanceof Url)) return new Url(options);
  if (typeof options === 'string') options = Url.parse(options);
  options = options || {};
  this.protocol = options.protocol;
  this.auth = options.auth;
  this.host = typeof options.host === 'string' ? options.host.split('.') : options.host;
  this.port = options.port;
  this.path = typeof options.path === 'string' ? options.path.replace(/^\//, '').split('/') : options.path;
  this.hash = options.hash;
  this.query = new PropertyList(QueryParam, this, typeof options.query === 'string' ? QueryParam.parse(options.query) : options.query || []);
  this.variables = new PropertyList(Variable, this, options.variable || []);
}
Url.parse = function (raw) {
  raw = String(raw).trim();
  var parts = { raw: raw }, out = {};
  var m = /^([^:/?#]+):\/\//.exec(raw);
  if (m) { out.protocol = m[1]; raw = raw.slice(m[0].length); }
  var hash = raw.indexOf('#');
  if (hash >= 0) { out.hash = raw.slice(hash + 1); raw = raw.slice(0, hash); }
  var q = raw.indexOf('?');
  if (q >= 0) { out.query = QueryParam.parse(raw.slice(q + 1)); raw = raw.slice(0, q); }
  var slash = raw.indexOf('/');
  var authority = slash < 0 ? raw : raw.slice(0, slash);
  var path = slash < 0 ? '' : raw.slice(slash + 1);
  var at = authority.lastIndexOf('@');
  if (at >= 0) {
    var cred = authority.slice(0, at), colon = cred.indexOf(':');
    out.auth = colon < 0 ? { user: cred } : { user: cred.slice(0, colon), password: cred.slice(colon + 1) };
    authority = authority.slice(at + 1);
  }
  var port = /:([^:\]]*)$/.exec(authority);
  if (port) { out.port = port[1]; authority = authority.slice(0, port.index); }
  out.host = authority === '' ? undefined : authority.split('.');
  if (slash >= 0) out.path = path.split('/');
  ['protocol', 'auth', 'host', 'port', 'path', 'query', 'hash'].forEach(function (k) { if (out[k] !== undefined) parts[k] = out[k]; });
  return parts;
};
Url.prototype.getHost = function () { return this.host ? this.host.join('.') : ''; };
Url.prototype.getRemote = function () { return this.getHost() + (this.port ? ':' + this.port : ''); };
Url.prototype.getPath = function () { return '/' + (this.path ? this.path.join('/') : ''); };
Url.prototype.getQueryString = function () { return QueryParam.unparse(this.query); };
Url.prototype.getPathWithQuery = function () { var q = this.getQueryString(); return this.getPath() + (q ? '?' + q : ''); };
Url.prototype.addQueryParams = function (params) {
  var self = this;
  (typeof params === 'string' ? QueryParam.parse(params) : params).forEach(function (p) { self.query.add(p); });
};
Url.prototype.removeQueryParams = function (keys) {
  var self = this;
  (Array.isArray(keys) ? keys : [keys]).forEach(function (k) { self.query.remove(function (p) { return p.key === (typeof k === 'object' ? k.key : k); }); });
};
Url.prototype.update = function (raw) { Url.call(this, raw); };
Url.prototype.toString = function () {
  var out = this.protocol ? this.protocol + '://' : '';
  if (this.auth && this.auth.user !== undefined) out += this.auth.user + (this.auth.password !== undefined ? ':' + this.auth.password : '') + '@';
  out += this.getHost();
  if (this.port !== undefined && this.port !== null) out += ':' + this.port;
  if (this.path) out += '/' + this.path.join('/');
  var q = this.getQueryString();
  if (this.query.count()) out += '?' + q;
  if (this.hash !== undefined) out += '#' + this.hash;
  return out;
};
Url.prototype.toJSON = function () {
  var o = { raw: this.toString() };
  ['protocol', 'auth', 'host', 'port', 'path', 'hash'].forEach(function (k) { if (this[k] !== undefined) o[k] = this[k]; }, this);
  if (this.query.count()) o.query = this.query.toJSON();
  return o;
};
Url.isUrl = function (o) { return o instanceof Url; };

function Variable(options) {
  if (!(this instanceof Variable)) return new Variable(options);
  options = options || {};
  this.key = options.key;
  this.type = options.type || (options.value === undefined ? 'any' : typeof options.value === 'object' ? 'any' : typeof options.value);
  this.value = options.value;
  if (options.disabled) this.disabled = true;
}
Variable.types = { string: String, boolean: Boolean, number: Number, json: Object, any: Object };
Variable.prototype.get = Variable.prototype.valueOf = function () { return this.value; };
Variable.prototype.set = function (value) { this.value = value; };
Variable.prototype.toString = function () { return this.value === undefined || this.value === null ? '' : String(this.value); };
Variable.prototype.toJSON = function () { return { key: this.key, value: this.value, type: this.type }; };
Variable.isVariable = function (o) { return o instanceof Variable; };

function VariableScope(definition) {
  if (!(this instanceof VariableScope)) return new VariableScope(definition);
  var values = Array.isArray(definition) ? definition : (definition && definition.values) || [];
  if (definition && !Array.isArray(definition)) { this.id = definition.id; this.name = definition.name; }
  this.values = new PropertyList(Variable, this, values);
}
var vs = VariableScope.prototype;
vs.get = function (key) { var v = this.values.one(key); return v && !v.disabled ? v.get() : undefined; };
vs.has = function (key) { return this.values.has(key); };
vs.set = function (key, value, type) {
  var v = this.values.one(key);
  if (v) { v.set(value); if (type) v.type = type; } else this.values.add({ key: key, value: value, type: type });
};
vs.unset = function (key) { this.values.remove(function (v) { return v.key === key; }); };
vs.clear = function () { this.values.clear(); };
vs.toObject = function () { var o = {}; this.values.each(function (v) { if (!v.disabled) o[v.key] = v.get(); }); return o; };
vs.replaceIn = function (template) {
  var self = this;
  return String(template).replace(/\{\{([^{}]+)\}\}/g, function (m, k) { var v = self.get(k); return v === undefined ? m : String(v); });
};
vs.toJSON = function () { return { id: this.id, name: this.name, values: this.values.toJSON() }; };
VariableScope.isVariableScope = function (o) { return o instanceof VariableScope; };

function Request(options) {
  if (!(this instanceof Request)) return new Request(options);
  if (typeof options === 'string') options = { url: options };
  options = options || {};
  this.url = options.url instanceof Url ? options.url : new Url(options.url && typeof options.url === 'object' && options.url.raw !== undefined ? options.url.raw : options.url || '');
  this.method = String(options.method || 'GET').toUpperCase();
  var header = options.header || options.headers || [];
  if (typeof header === 'string') header = Header.parse(header);
  this.headers = new PropertyList(Header, this, header);
  this.body = options.body === undefined ? undefined : typeof options.body === 'string' ? { mode: 'raw', raw: options.body } : options.body;
  if (this.body) this.body.toString = function () { return this.raw !== undefined ? String(this.raw) : ''; };
}
Object.defineProperty(Request.prototype, '__isRequest', { value: true });
Request.prototype.getHeaders = function (options) {
  var o = {};
  this.headers.each(function (h) { if (!(options && options.enabled && h.disabled)) o[h.key] = h.value; });
  return o;
};
Request.prototype.addHeader = function (h) { this.headers.add(h); };
Request.prototype.removeHeader = function (key) { this.headers.remove(key); };
Request.prototype.upsertHeader = function (h) { this.headers.upsert(h); };
Request.prototype.addQueryParams = function (p) { this.url.addQueryParams(p); };
Request.prototype.removeQueryParams = function (p) { this.url.removeQueryParams(p); };
Request.prototype.toJSON = function () {
  var o = { url: this.url.toJSON(), method: this.method, header: this.headers.toJSON() };
  if (this.body) o.body = { mode: this.body.mode, raw: this.body.raw };
  return o;
};
Request.isRequest = function (o) { return o !== null && typeof o === 'object' && o.__isRequest === true; };

function Response(options) {
  if (!(this instanceof Response)) return new Response(options);
  options = options || {};
  this.code = options.code;
  this.status = options.status;
  this.headers = new PropertyList(Header, this, typeof options.header === 'string' ? Header.parse(options.header) : options.header || []);
  this.body = options.body !== undefined ? String(options.body) : options.stream !== undefined ? String(options.stream) : '';
  this.responseTime = options.responseTime;
  this.cookies = new PropertyList(Cookie, this, options.cookie || []);
}
Object.defineProperty(Response.prototype, '__isResponse', { value: true });
Response.prototype.text = function () { return this.body; };
Response.prototype.json = function () { return JSON.parse(this.body); };
Response.prototype.reason = function () { return String(this.status || ''); };
Response.prototype.size = function () { return { body: this.body.length, header: 0, total: this.body.length }; };
Response.prototype.toJSON = function () {
  return { code: this.code, status: this.status, header: this.headers.toJSON(), body: this.body, responseTime: this.responseTime };
};
Response.isResponse = function (o) { return o !== null && typeof o === 'object' && o.__isResponse === true; };

function Cookie(options) {
  if (!(this instanceof Cookie)) return new Cookie(options);
  if (typeof options === 'string') options = Cookie.parse(options);
  options = options || {};
  this.name = options.name !== undefined ? options.name : options.key;
  this.value = options.value;
  ['domain', 'path', 'expires', 'maxAge', 'httpOnly', 'secure', 'hostOnly', 'session'].forEach(function (k) {
    if (options[k] !== undefined) this[k] = options[k];
  }, this);
}
Cookie.prototype.valueOf = function () { return this.value; };
Cookie.prototype.toString = function () {
  var out = this.name + '=' + this.value;
  if (this.expires) out += '; Expires=' + (this.expires instanceof Date ? this.expires.toUTCString() : this.expires);
  if (this.maxAge !== undefined) out += '; Max-Age=' + this.maxAge;
  if (this.domain) out += '; Domain=' + this.domain;
  if (this.path) out += '; Path=' + this.path;
  if (this.secure) out += '; Secure';
  if (this.httpOnly) out += '; HttpOnly';
  return out;
};
Cookie.parse = function (text) {
  var parts = String(text).split(';').map(function (s) { return s.trim(); }).filter(Boolean);
  var first = parts.shift() || '', eq = first.indexOf('=');
  var out = { key: eq < 0 ? first : first.slice(0, eq), value: eq < 0 ? '' : first.slice(eq + 1) };
  parts.forEach(function (p) {
    var at = p.indexOf('='), k = (at < 0 ? p : p.slice(0, at)).toLowerCase(), v = at < 0 ? true : p.slice(at + 1);
    var names = { domain: 'domain', path: 'path', expires: 'expires', 'max-age': 'maxAge', httponly: 'httpOnly', secure: 'secure' };
    if (names[k]) out[names[k]] = v;
  });
  if (out.domain === undefined) out.hostOnly = true;
  return out;
};
Cookie.isCookie = function (o) { return o instanceof Cookie; };

module.exports = {
  PropertyList: PropertyList, HeaderList: function (parent, headers) { return new PropertyList(Header, parent, headers); },
  Header: Header, QueryParam: QueryParam, Url: Url, Variable: Variable, VariableScope: VariableScope,
  Request: Request, Response: Response, Cookie: Cookie
};
