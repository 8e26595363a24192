// Private references to the built-ins the sandbox's own code uses, taken before any script
// runs. A script may replace `Object.keys`, `Array.prototype.push`, `JSON.stringify`,
// `Function.prototype.call` or any other built-in (Postman allows it, and scripts add
// functions to prototypes); the sandbox's own code (chai, `pm`, the legacy globals, the
// loader) calls the originals through these, so no override changes what an assertion
// decides. Evaluated first inside the prelude closure.
// `uncurry(f)(self, a, b)` is `f.call(self, a, b)`, without reading `call` at call time.
var uncurry = Function.prototype.bind.bind(Function.prototype.call);
var GLOBAL_OBJECT = globalThis;
var apply = uncurry(Function.prototype.apply);
var $String = String;
var $Number = Number;
var $Error = Error;
var $TypeError = TypeError;
var $SyntaxError = SyntaxError;
var $Symbol = Symbol;
var $Proxy = Proxy;
var $RegExp = RegExp;
var $Date = Date;
var $isNaN = isNaN;
var $isFinite = isFinite;
var $encodeURIComponent = encodeURIComponent;
var $decodeURIComponent = decodeURIComponent;
var ObjectPrototype = Object.prototype;
var FunctionPrototype = Function.prototype;
var keysOf = Object.keys;
var defineProperty = Object.defineProperty;
var defineProperties = Object.defineProperties;
var createObject = Object.create;
var getPrototypeOf = Object.getPrototypeOf;
var setPrototypeOf = Object.setPrototypeOf;
var ownNames = Object.getOwnPropertyNames;
var freeze = Object.freeze;
var hasOwn = uncurry(Object.prototype.hasOwnProperty);
var objectTag = uncurry(Object.prototype.toString);
var isArray = Array.isArray;
var arrayFrom = Array.from;
var push = uncurry(Array.prototype.push);
var pop = uncurry(Array.prototype.pop);
var forEach = uncurry(Array.prototype.forEach);
var map = uncurry(Array.prototype.map);
var filter = uncurry(Array.prototype.filter);
var some = uncurry(Array.prototype.some);
var every = uncurry(Array.prototype.every);
var indexOf = uncurry(Array.prototype.indexOf);
var join = uncurry(Array.prototype.join);
var slice = uncurry(Array.prototype.slice);
var splice = uncurry(Array.prototype.splice);
var concat = uncurry(Array.prototype.concat);
var sort = uncurry(Array.prototype.sort);
var strSlice = uncurry(String.prototype.slice);
var strIndexOf = uncurry(String.prototype.indexOf);
var strLastIndexOf = uncurry(String.prototype.lastIndexOf);
var toLowerCase = uncurry(String.prototype.toLowerCase);
var toUpperCase = uncurry(String.prototype.toUpperCase);
var strTrim = uncurry(String.prototype.trim);
var charCodeAt = uncurry(String.prototype.charCodeAt);
var regExpExec = uncurry(RegExp.prototype.exec);
var numberToString = uncurry(Number.prototype.toString);
var symbolToString = uncurry(Symbol.prototype.toString);
var dateGetTime = uncurry(Date.prototype.getTime);
var dateToISOString = uncurry(Date.prototype.toISOString);
var dateNow = Date.now;
// Milliseconds of a monotonic clock, with their fraction (timers are due by it: a wall
// clock in whole milliseconds let a 30 ms timer fire after 29).
var monotonicNow = typeof performance === 'object' && performance !== null && typeof performance.now === 'function'
  ? Function.prototype.bind.call(performance.now, performance)
  : dateNow;
var mapHas = uncurry(Map.prototype.has);
var mapKeys = uncurry(Map.prototype.keys);
var setHas = uncurry(Set.prototype.has);
var setKeys = uncurry(Set.prototype.keys);
var reflectGet = Reflect.get;
var mathAbs = Math.abs;
var mathFloor = Math.floor;
var mathMin = Math.min;
var mathMax = Math.max;
var jsonStringify = JSON.stringify;
var jsonParse = JSON.parse;
var stringValueOf = uncurry(String.prototype.valueOf);
var numberValueOf = uncurry(Number.prototype.valueOf);
var booleanValueOf = uncurry(Boolean.prototype.valueOf);
var regExpGlobal = uncurry(Object.getOwnPropertyDescriptor(RegExp.prototype, 'global').get);

// The primitive inside a String, Number or Boolean object (by its tag); a fresh object,
// equal to nothing, when it is not one.
function primitiveOf(value, tag) {
  try {
    if (tag === '[object String]') return stringValueOf(value);
    if (tag === '[object Number]') return numberValueOf(value);
    return booleanValueOf(value);
  } catch (e) {
    return {};
  }
}

// The matches of `re` in `text`, each as the original `exec` gives it (`String.prototype`'s
// `replace`, `match` and `split` call a `RegExp.prototype.exec` a script may replace).
function execAll(re, text) {
  var found = [];
  var global = regExpGlobal(re);
  re.lastIndex = 0;
  for (;;) {
    var m = regExpExec(re, text);
    if (m === null) break;
    push(found, m);
    if (!global) break;
    if (m[0] === '') re.lastIndex = re.lastIndex + 1;
  }
  re.lastIndex = 0;
  return found;
}

// `text.match(re)` for a global `re`: the matched texts (empty when none).
function matchAll(text, re) {
  return map(execAll(re, $String(text)), function (m) { return m[0]; });
}

// `text.replace(pattern, replacement)`: a string pattern (first occurrence) or a regular
// expression; the replacement a function or a text with `$&` and `$1`…`$9`.
function strReplace(text, pattern, replacement) {
  text = $String(text);
  var matches;
  if (typeof pattern === 'string') {
    var at = strIndexOf(text, pattern);
    if (at < 0) return text;
    var m = [pattern];
    m.index = at;
    matches = [m];
  } else {
    matches = execAll(pattern, text);
  }
  var out = '';
  var last = 0;
  for (var i = 0; i < matches.length; i++) {
    var match = matches[i];
    out += strSlice(text, last, match.index) + substitute(replacement, match, text);
    last = match.index + match[0].length;
  }
  return out + strSlice(text, last);
}

function substitute(replacement, match, text) {
  if (typeof replacement === 'function') {
    var args = slice(match);
    push(args, match.index, text);
    return $String(apply(replacement, undefined, args));
  }
  replacement = $String(replacement);
  var out = '';
  for (var i = 0; i < replacement.length; i++) {
    var c = replacement[i];
    var d = replacement[i + 1];
    if (c === '$' && d === '&') {
      out += match[0];
      i++;
    } else if (c === '$' && d >= '1' && d <= '9') {
      var group = match[$Number(d)];
      out += group === undefined ? '' : group;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

// `text.split(separator)` for a string separator.
function splitText(text, separator) {
  text = $String(text);
  var parts = [];
  if (separator === '') {
    for (var i = 0; i < text.length; i++) push(parts, text[i]);
    return parts;
  }
  var from = 0;
  for (;;) {
    var at = strIndexOf(text, separator, from);
    if (at < 0) break;
    push(parts, strSlice(text, from, at));
    from = at + separator.length;
  }
  push(parts, strSlice(text, from));
  return parts;
}
