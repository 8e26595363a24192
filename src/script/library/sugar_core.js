// SugarJS 1.x helpers (`pmcheck:sugar`), written for this project after Sugar's documented
// behaviour: the shared helpers and the String methods. The prototype accessors of the
// prelude (sugar_stubs.js) load this on first use; every method is defined
// non-enumerable, and a method the engine has natively is never replaced.
'use strict';
var toStr = Object.prototype.toString;
function klass(o) { return toStr.call(o); }
function isString(o) { return klass(o) === '[object String]'; }
function isNumber(o) { return klass(o) === '[object Number]'; }
function isBoolean(o) { return klass(o) === '[object Boolean]'; }
function isArray(o) { return Array.isArray(o); }
function isDate(o) { return klass(o) === '[object Date]'; }
function isRegExp(o) { return klass(o) === '[object RegExp]'; }
function isFunction(o) { return typeof o === 'function'; }
function isObjectLike(o) { return !!o && typeof o === 'object'; }
// Sugar's "plain object" test.
function isPlain(o) { return !!o && klass(o) === '[object Object]' && 'hasOwnProperty' in o; }
function hasOwn(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

function define(target, methods) {
  Object.keys(methods).forEach(function (name) {
    var d = Object.getOwnPropertyDescriptor(target, name);
    // Keep what the engine defines natively (only the prelude's accessors are replaced).
    if (d ? !d.get : name in target) return;
    Object.defineProperty(target, name, { value: methods[name], writable: true, configurable: true, enumerable: false });
  });
}

function escapeRegExp(s) {
  return String(s).replace(/([\\/'*+?|()\[\]{}.^$])/g, '\\$1');
}

// Sugar's value identity for Array#unique/intersect and Object.equal: a string that is
// equal for structurally equal arrays, plain objects, dates, regexps and primitives.
function identity(value, stack) {
  var type = typeof value;
  if (type === 'string') return value;
  var k = klass(value);
  var out;
  if (value != null && (isPlain(value) || isArray(value))) {
    stack = stack || [];
    if (stack.length > 1 && stack.indexOf(value) !== -1) return 'CYC';
    stack.push(value);
    out = String(value.constructor);
    var keys = isArray(value) ? null : Object.keys(value).sort();
    var n = keys ? keys.length : value.length;
    for (var i = 0; i < n; i++) {
      var key = keys ? keys[i] : i;
      out += key + identity(value[key], stack);
    }
    stack.pop();
  } else if (1 / value === -Infinity) {
    out = '-0';
  } else {
    out = String(value && value.valueOf ? value.valueOf() : value);
  }
  return type + k + out;
}
function byValue(o) {
  return /^\[object (Date|Array|String|Number|RegExp|Boolean|Arguments)\]$/.test(klass(o)) || isPlain(o);
}
function equal(a, b) {
  return byValue(a) && byValue(b) ? identity(a) === identity(b) : a === b;
}

// Sugar's matcher: the value itself, a RegExp for strings, a predicate, an object whose
// properties must match, or a structurally equal value.
function matches(el, match, scope, args) {
  if (el === match) return true;
  if (isRegExp(match) && isString(el)) return new RegExp(match).test(el);
  if (isFunction(match)) return match.apply(scope, args);
  if (isPlain(match) && isObjectLike(el)) {
    var ok = true;
    Object.keys(match).forEach(function (key) {
      if (!matches(el[key], match[key], scope, [el[key], el])) ok = false;
    });
    return ok;
  }
  return equal(el, match);
}

// A mapping argument: a function, a method name or a property name.
function mapped(el, map, scope, args) {
  if (map === undefined) return el;
  if (isFunction(map)) return map.apply(scope, args || []);
  if (isFunction(el[map])) return el[map]();
  return el[map];
}

function repeatString(times, s) {
  times = Math.max(0, times === undefined ? 1 : times);
  return new Array(times + 1).join(s || '');
}

function roundTo(value, precision, method) {
  var fn = Math[method || 'round'];
  var m = Math.pow(10, Math.abs(precision || 0));
  if (precision < 0) m = 1 / m;
  return fn(value * m) / m;
}

function atIndexes(list, args, chars) {
  var out = [];
  var loop = args[args.length - 1] !== false;
  for (var i = 0; i < args.length; i++) {
    var index = args[i];
    if (isBoolean(index)) break;
    if (loop) {
      index = index % list.length;
      if (index < 0) index = list.length + index;
    }
    out.push(chars ? list.charAt(index) || '' : list[index]);
  }
  return out.length < 2 ? out[0] : out;
}

var BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
function encode64(s) {
  var out = '';
  for (var i = 0; i < s.length; i += 3) {
    var a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2);
    var e3 = ((b & 15) << 2) | (c >> 6), e4 = c & 63;
    if (isNaN(b)) e3 = e4 = 64; else if (isNaN(c)) e4 = 64;
    out += BASE64.charAt(a >> 2) + BASE64.charAt(((a & 3) << 4) | (b >> 4)) + BASE64.charAt(e3) + BASE64.charAt(e4);
  }
  return out;
}
function decode64(s) {
  if (/[^A-Za-z0-9+/=]/.test(s)) throw new Error('String contains invalid base64 characters');
  var out = '';
  for (var i = 0; i < s.length; i += 4) {
    var e1 = BASE64.indexOf(s.charAt(i)), e2 = BASE64.indexOf(s.charAt(i + 1));
    var e3 = BASE64.indexOf(s.charAt(i + 2)), e4 = BASE64.indexOf(s.charAt(i + 3));
    out += String.fromCharCode((e1 << 2) | (e2 >> 4));
    if (e3 !== 64) out += String.fromCharCode(((e2 & 15) << 4) | (e3 >> 2));
    if (e4 !== 64) out += String.fromCharCode(((e3 & 3) << 6) | e4);
  }
  return out;
}

function matchAll(str, search, fn) {
  if (isFunction(search)) {
    fn = search;
    search = /[\s\S]/g;
  } else if (!search) {
    search = /[\s\S]/g;
  } else if (isString(search)) {
    search = new RegExp(escapeRegExp(search), 'gi');
  } else if (isRegExp(search)) {
    search = new RegExp(search.source, search.flags.indexOf('g') < 0 ? search.flags + 'g' : search.flags);
  }
  var found = str.match(search) || [];
  if (fn) {
    for (var i = 0; i < found.length; i++) found[i] = fn.call(str, found[i], i, found) || found[i];
  }
  return found;
}

var SPACES = '\t\n\u000B\f\r \u00A0\u1680\u180E\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007' +
  '\u2008\u2009\u200A\u202F\u205F\u2028\u2029\u3000\uFEFF';

function underscore(s) {
  return s.replace(/[-\s]+/g, '_')
    .replace(/([A-Z\d]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
function capitalize(s, all) {
  var previousWasLetter = false;
  return s.toLowerCase().replace(all ? /[\s\S]/g : /^\S/, function (lower) {
    var upper = lower.toUpperCase();
    var out = previousWasLetter ? lower : upper;
    previousWasLetter = upper !== lower;
    return out;
  });
}

define(String.prototype, {
  has: function (find) { return this.search(isRegExp(find) ? find : escapeRegExp(find)) !== -1; },
  add: function (s, index) {
    index = index === undefined ? this.length : index;
    return this.slice(0, index) + s + this.slice(index);
  },
  insert: function (s, index) { return String.prototype.add.call(this, s, index); },
  remove: function (f) { return this.replace(f, ''); },
  reverse: function () { return this.split('').reverse().join(''); },
  compact: function () {
    return this.trim().replace(/([\r\n\s\u3000])+/g, function (m, space) { return space === '\u3000' ? space : ' '; });
  },
  from: function (n) { return this.slice(n); },
  to: function (n) { return this.slice(0, n === undefined ? this.length : n); },
  first: function (n) { return this.substr(0, n === undefined ? 1 : n); },
  last: function (n) {
    if (n === undefined) n = 1;
    return this.substr(this.length - n < 0 ? 0 : this.length - n);
  },
  each: function (search, fn) { return matchAll(String(this), search, fn); },
  chars: function (fn) { return matchAll(String(this), fn); },
  words: function (fn) { return matchAll(this.trim(), /\S+/g, fn); },
  lines: function (fn) { return matchAll(this.trim(), /^.*$/gm, fn); },
  paragraphs: function (fn) {
    return this.trim().split(/[\r\n]{2,}/).map(function (p) {
      var s = fn ? fn.call(p) : undefined;
      return s ? s : p;
    });
  },
  codes: function (fn) {
    var out = [];
    for (var i = 0; i < this.length; i++) {
      out.push(this.charCodeAt(i));
      if (fn) fn.call(this, this.charCodeAt(i), i);
    }
    return out;
  },
  shift: function (n) {
    n = n || 0;
    var out = '';
    for (var i = 0; i < this.length; i++) out += String.fromCharCode(this.charCodeAt(i) + n);
    return out;
  },
  isBlank: function () { return this.trim().length === 0; },
  escapeRegExp: function () { return escapeRegExp(this); },
  escapeURL: function (param) { return param ? encodeURIComponent(this) : encodeURI(this); },
  unescapeURL: function (param) { return param ? decodeURI(this) : decodeURIComponent(this); },
  escapeHTML: function () {
    return this.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\//g, '&#x2f;');
  },
  unescapeHTML: function () {
    return this.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'").replace(/&#x2f;/g, '/').replace(/&amp;/g, '&');
  },
  encodeBase64: function () { return encode64(String(this)); },
  decodeBase64: function () { return decode64(String(this)); },
  underscore: function () { return underscore(String(this)); },
  dasherize: function () { return underscore(String(this)).replace(/_/g, '-'); },
  spacify: function () { return underscore(String(this)).replace(/_/g, ' '); },
  camelize: function (first) {
    return underscore(String(this)).replace(/(^|_)([^_]+)/g, function (m, pre, word, index) {
      return first !== false || index > 0 ? capitalize(word) : word;
    });
  },
  capitalize: function (all) { return capitalize(String(this), all); },
  stripTags: function () {
    var s = String(this);
    var tags = arguments.length ? [].concat.apply([], arguments) : [''];
    tags.forEach(function (tag) { s = s.replace(new RegExp('</?' + escapeRegExp(tag) + '[^<>]*>', 'gi'), ''); });
    return s;
  },
  removeTags: function () {
    var s = String(this);
    var tags = arguments.length ? [].concat.apply([], arguments) : ['\\S+'];
    tags.forEach(function (tag) {
      s = s.replace(new RegExp('<(' + tag + ')[^<>]*(?:\\/>|>.*?<\\/\\1>)', 'gi'), '');
    });
    return s;
  },
  truncate: function (length, split, from, ellipsis) {
    var s = String(this), pre = '', post = '', pos;
    var chars = '[' + SPACES + ']+', space = '[^' + SPACES + ']*';
    var re = new RegExp(chars + space + '$');
    ellipsis = ellipsis === undefined ? '...' : String(ellipsis);
    if (s.length <= length) return s;
    if (from === 'left') {
      pos = s.length - length;
      pre = ellipsis;
      s = s.slice(pos);
      re = new RegExp('^' + space + chars);
    } else if (from === 'middle') {
      pos = Math.floor(length / 2);
      post = ellipsis + s.slice(s.length - pos).replace(/^\s+/, '');
      s = s.slice(0, pos);
    } else {
      pos = length;
      post = ellipsis;
      s = s.slice(0, pos);
    }
    if (split === false && /\S/.test(this.slice(pos, pos + 1))) s = s.replace(re, '');
    return pre + s + post;
  },
  pad: function (padding, n) { return repeatString(n, padding) + this + repeatString(n, padding); },
  padLeft: function (padding, n) { return repeatString(n, padding) + this; },
  padRight: function (padding, n) { return this + repeatString(n, padding); },
  toNumber: function (base) {
    var s = this.replace(/,/g, '');
    return /\./.test(s) ? parseFloat(s) : parseInt(s, base || 10);
  },
  assign: function () {
    var values = {};
    for (var i = 0; i < arguments.length; i++) {
      var a = arguments[i];
      if (isPlain(a)) Object.keys(a).forEach(function (k) { values[k] = a[k]; });
      else values[i + 1] = a;
    }
    return this.replace(/\{([^{]+?)\}/g, function (m, key) { return hasOwn(values, key) ? values[key] : m; });
  }
});
