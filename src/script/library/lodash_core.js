// A lodash 4.17 compatible `_`, written for this project after lodash's documented
// behaviour: the wrapper and chain, type checks, paths, iteratee shorthands, equality and
// cloning. lodash_array.js, lodash_object.js and lodash_string.js add the functions;
// lodash_end.js installs the chain methods and exports `_`. A lodash function that is not
// implemented throws `not supported: _.NAME`.
'use strict';
var objectToString = Object.prototype.toString;
var hasOwnProperty = Object.prototype.hasOwnProperty;
var MAX_SAFE_INTEGER = 9007199254740991;

function LodashWrapper(value, chainAll) {
  this.__wrapped__ = value;
  this.__chain__ = !!chainAll;
}
function lodash(value) {
  if (value instanceof LodashWrapper) return value;
  return new LodashWrapper(value, false);
}
lodash.prototype = LodashWrapper.prototype;
LodashWrapper.prototype.constructor = LodashWrapper;
lodash.VERSION = '4.17.21';
lodash.templateSettings = {
  escape: /<%-([\s\S]+?)%>/g,
  evaluate: /<%([\s\S]+?)%>/g,
  interpolate: /<%=([\s\S]+?)%>/g,
  variable: ''
};

function tag(v) { return objectToString.call(v); }
function isObject(v) { var t = typeof v; return v != null && (t === 'object' || t === 'function'); }
function isObjectLike(v) { return v != null && typeof v === 'object'; }
function isFunction(v) { return typeof v === 'function'; }
function isLength(v) { return typeof v === 'number' && v > -1 && v % 1 === 0 && v <= MAX_SAFE_INTEGER; }
function isArrayLike(v) { return v != null && isLength(v.length) && !isFunction(v); }
function isString(v) { return typeof v === 'string' || (isObjectLike(v) && !Array.isArray(v) && tag(v) === '[object String]'); }
function isNumber(v) { return typeof v === 'number' || (isObjectLike(v) && tag(v) === '[object Number]'); }
function isBoolean(v) { return v === true || v === false || (isObjectLike(v) && tag(v) === '[object Boolean]'); }
function isSymbol(v) { return typeof v === 'symbol' || (isObjectLike(v) && tag(v) === '[object Symbol]'); }
function isArguments(v) { return isObjectLike(v) && tag(v) === '[object Arguments]'; }
function isTypedArray(v) { return isObjectLike(v) && /^\[object (?:Float(?:32|64)|(?:Int|Uint)(?:8|16|32)|Uint8Clamped)Array\]$/.test(tag(v)); }
function isPlainObject(v) {
  if (!isObjectLike(v) || tag(v) !== '[object Object]') return false;
  var proto = Object.getPrototypeOf(v);
  if (proto === null) return true;
  var Ctor = hasOwnProperty.call(proto, 'constructor') && proto.constructor;
  return typeof Ctor === 'function' && Ctor instanceof Ctor &&
    Function.prototype.toString.call(Ctor) === Function.prototype.toString.call(Object);
}
function isIndex(v, length) {
  length = length == null ? MAX_SAFE_INTEGER : length;
  var type = typeof v;
  return !!length && (type === 'number' || (type !== 'symbol' && /^(?:0|[1-9]\d*)$/.test(v))) &&
    v > -1 && v % 1 === 0 && v < length;
}
function eq(a, b) { return a === b || (a !== a && b !== b); }
function identity(v) { return v; }

function toStringValue(v) {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(function (x) { return x == null ? String(x) : toStringValue(x); }) + '';
  if (isSymbol(v)) return v.toString();
  var s = String(v);
  return s === '0' && 1 / v === -Infinity ? '-0' : s;
}
function toNumber(v) {
  if (typeof v === 'number') return v;
  if (isSymbol(v)) return NaN;
  if (isObject(v)) {
    var other = typeof v.valueOf === 'function' ? v.valueOf() : v;
    v = isObject(other) ? other + '' : other;
  }
  if (typeof v !== 'string') return v === 0 ? v : +v;
  v = v.replace(/^\s+|\s+$/g, '');
  if (/^0b[01]+$/i.test(v)) return parseInt(v.slice(2), 2);
  if (/^0o[0-7]+$/i.test(v)) return parseInt(v.slice(2), 8);
  if (/^[-+]0x[0-9a-f]+$/i.test(v)) return NaN;
  return +v;
}
function toFinite(v) {
  if (!v) return v === 0 ? v : 0;
  v = toNumber(v);
  if (v === Infinity || v === -Infinity) return (v < 0 ? -1 : 1) * 1.7976931348623157e308;
  return v === v ? v : 0;
}
function toInteger(v) { var r = toFinite(v), rem = r % 1; return r === r ? (rem ? r - rem : r) : 0; }
function toKey(v) {
  if (typeof v === 'string' || isSymbol(v)) return v;
  var s = v + '';
  return s === '0' && 1 / v === -Infinity ? '-0' : s;
}

// Paths: 'a.b[0]["c"]' or ['a', 'b', 0].
var rePropName = /[^.[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g;
function stringToPath(s) {
  var out = [];
  if (s.charCodeAt(0) === 46) out.push('');
  s.replace(rePropName, function (match, number, quote, subString) {
    out.push(quote ? subString.replace(/\\(\\)?/g, '$1') : (number || match));
  });
  return out;
}
function isKey(value, object) {
  if (Array.isArray(value)) return false;
  var type = typeof value;
  if (type === 'number' || type === 'symbol' || type === 'boolean' || value == null || isSymbol(value)) return true;
  return /^\w*$/.test(value) || !/\.|\[(?:[^[\]]*|(["'])(?:(?!\1)[^\\]|\\.)*?\1)\]/.test(value) ||
    (object != null && value in Object(object));
}
function castPath(value, object) {
  if (Array.isArray(value)) return value;
  return isKey(value, object) ? [value] : stringToPath(toStringValue(value));
}
function baseGet(object, path) {
  path = castPath(path, object);
  var index = 0, length = path.length;
  while (object != null && index < length) object = object[toKey(path[index++])];
  return index && index === length ? object : undefined;
}
function hasPath(object, path, own) {
  path = castPath(path, object);
  var index = -1, length = path.length, result = false, key;
  while (++index < length) {
    key = toKey(path[index]);
    if (!(result = object != null && (own ? hasOwnProperty.call(object, key) : key in Object(object)))) break;
    object = object[key];
  }
  if (result || ++index != length) return result;
  length = object == null ? 0 : object.length;
  return !!length && isLength(length) && isIndex(key, length) && (Array.isArray(object) || isArguments(object));
}

// Deep equality (lodash's isEqual), with `partial` for isMatch: the source's properties only.
function baseIsEqual(a, b, partial, stack) {
  if (a === b) return true;
  if (a == null || b == null || (!isObjectLike(a) && !isObjectLike(b))) return a !== a && b !== b;
  var ta = tag(a), tb = tag(b);
  if (ta === '[object Arguments]') ta = '[object Object]';
  if (tb === '[object Arguments]') tb = '[object Object]';
  if (ta !== tb) return false;
  switch (ta) {
    case '[object Boolean]': case '[object Date]': case '[object Number]': return eq(+a, +b);
    case '[object RegExp]': case '[object String]': return a == String(b);
    case '[object Error]': return a.name == b.name && a.message == b.message;
    case '[object Symbol]': return Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
  }
  stack = stack || [];
  for (var s = 0; s < stack.length; s++) if (stack[s][0] === a) return stack[s][1] === b;
  stack.push([a, b]);
  var result = true, i;
  if (ta === '[object Map]' || ta === '[object Set]') {
    var ea = Array.from(a), eb = Array.from(b);
    result = ea.length === eb.length && baseIsEqual(ea, eb, partial, stack);
  } else if (Array.isArray(a) || isTypedArray(a)) {
    if (a.length !== b.length && !(partial && b.length > a.length)) result = false;
    for (i = 0; result && i < a.length; i++) {
      if (partial) {
        var x = a[i];
        result = b.some(function (y) { return baseIsEqual(x, y, partial, stack); });
      } else {
        result = baseIsEqual(a[i], b[i], partial, stack);
      }
    }
  } else {
    var ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length && !partial) result = false;
    for (i = 0; result && i < ka.length; i++) {
      var k = ka[i];
      result = (partial ? k in b : hasOwnProperty.call(b, k)) && baseIsEqual(a[k], b[k], partial, stack);
    }
    if (result && !partial) {
      var ca = a.constructor, cb = b.constructor;
      if (ca !== cb && 'constructor' in a && 'constructor' in b &&
        !(typeof ca === 'function' && ca instanceof ca && typeof cb === 'function' && cb instanceof cb)) result = false;
    }
  }
  stack.pop();
  return result;
}
// Whether `object` has every property of `source` (deeply, arrays partially).
function isMatch(object, source) {
  var keys = Object.keys(source);
  if (object == null) return !keys.length;
  object = Object(object);
  for (var i = 0; i < keys.length; i++) {
    var k = keys[i], sv = source[k];
    if (!(k in object)) return false;
    if (!(isObject(sv) ? baseIsEqual(sv, object[k], true) : eq(sv, object[k]))) return false;
  }
  return true;
}
function matches(source) {
  source = baseClone(source, true);
  return function (object) { return isMatch(object, source); };
}
function matchesProperty(path, srcValue) {
  srcValue = baseClone(srcValue, true);
  return function (object) {
    var value = baseGet(object, path);
    return value === undefined && value === srcValue ? hasPath(object, path, false) :
      isObject(srcValue) ? baseIsEqual(srcValue, value, true) : eq(srcValue, value);
  };
}
function property(path) { return function (object) { return baseGet(object, path); }; }
function iteratee(value) {
  if (typeof value === 'function') return value;
  if (value == null) return identity;
  if (typeof value === 'object') return Array.isArray(value) ? matchesProperty(value[0], value[1]) : matches(value);
  return property(value);
}

// Cloning: shallow or deep, of plain values, arrays, plain objects, dates, regexps, maps,
// sets, typed arrays; functions and other unclonable objects become {} (or stay, nested).
function baseClone(value, deep, stack, nested) {
  if (!isObject(value)) return value;
  var t = tag(value), result;
  if (isFunction(value) || t === '[object Error]' || t === '[object WeakMap]') return nested ? value : {};
  stack = stack || [];
  for (var s = 0; s < stack.length; s++) if (stack[s][0] === value) return stack[s][1];
  if (Array.isArray(value)) result = new value.constructor(value.length);
  else if (t === '[object Date]') return new Date(+value);
  else if (t === '[object RegExp]') { result = new RegExp(value.source, value.flags); result.lastIndex = value.lastIndex; return result; }
  else if (t === '[object Map]') result = new Map();
  else if (t === '[object Set]') result = new Set();
  else if (isTypedArray(value)) return new value.constructor(value);
  else if (t === '[object Number]' || t === '[object String]' || t === '[object Boolean]') return Object(value.valueOf());
  else result = typeof value.constructor === 'function' && !isPrototype(value) ? Object.create(Object.getPrototypeOf(value)) : {};
  stack.push([value, result]);
  if (t === '[object Map]') value.forEach(function (v, k) { result.set(k, deep ? baseClone(v, deep, stack, true) : v); });
  else if (t === '[object Set]') value.forEach(function (v) { result.add(deep ? baseClone(v, deep, stack, true) : v); });
  else Object.keys(value).forEach(function (k) { result[k] = deep ? baseClone(value[k], deep, stack, true) : value[k]; });
  return result;
}
function isPrototype(v) { var C = v && v.constructor; return v === ((typeof C === 'function' && C.prototype) || Object.prototype); }

// Iteration over arrays (array-likes) and objects (own enumerable keys).
function keys(object) {
  if (object == null) return [];
  if (isArrayLike(object)) {
    var out = [];
    for (var i = 0; i < object.length; i++) out.push(String(i));
    Object.keys(Object(object)).forEach(function (k) { if (!isIndex(k, object.length) && !(Array.isArray(object) && k === 'length')) out.push(k); });
    return out;
  }
  return Object.keys(Object(object)).filter(function (k) { return !(isPrototype(object) && k === 'constructor'); });
}
function baseEach(collection, fn) {
  if (collection == null) return collection;
  if (isArrayLike(collection)) {
    var iterable = Object(collection);
    for (var i = 0; i < collection.length; i++) if (fn(iterable[i], i, collection) === false) break;
    return collection;
  }
  var ks = keys(collection);
  for (var j = 0; j < ks.length; j++) if (fn(collection[ks[j]], ks[j], collection) === false) break;
  return collection;
}
function values(object) { return object == null ? [] : keys(object).map(function (k) { return object[k]; }); }
function toArrayLike(collection) { return isArrayLike(collection) ? Array.prototype.slice.call(Object(collection)) : values(collection); }

// Functions of lodash 4.17 that the sections add to `lodash`; a name left out throws.
function unsupported(name) {
  var e = new Error('not supported: _.' + name);
  e.name = 'UnsupportedError';
  throw e;
}
Object.assign(lodash, {
  identity: identity, eq: eq, isObject: isObject, isObjectLike: isObjectLike, isFunction: isFunction,
  isLength: isLength, isArrayLike: isArrayLike, isString: isString, isNumber: isNumber, isBoolean: isBoolean,
  isSymbol: isSymbol, isArguments: isArguments, isTypedArray: isTypedArray, isPlainObject: isPlainObject,
  isArray: Array.isArray, toNumber: toNumber, toFinite: toFinite, toInteger: toInteger, toString: toStringValue,
  toPath: function (v) { return Array.isArray(v) ? v.map(toKey) : isSymbol(v) ? [v] : stringToPath(toStringValue(v)); },
  get: function (object, path, defaultValue) {
    var result = object == null ? undefined : baseGet(object, path);
    return result === undefined ? defaultValue : result;
  },
  has: function (object, path) { return object != null && hasPath(object, path, true); },
  hasIn: function (object, path) { return object != null && hasPath(object, path, false); },
  isEqual: function (a, b) { return baseIsEqual(a, b, false); },
  isMatch: isMatch, matches: matches, matchesProperty: matchesProperty, property: property,
  propertyOf: function (object) { return function (path) { return object == null ? undefined : baseGet(object, path); }; },
  iteratee: iteratee,
  clone: function (v) { return baseClone(v, false); },
  cloneDeep: function (v) { return baseClone(v, true); },
  keys: keys, values: values
});
