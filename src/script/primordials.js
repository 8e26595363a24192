// Private references to the built-ins the sandbox's own code uses, taken before any script
// runs. A script may replace `Object.keys`, `Array.prototype.push`, `JSON.stringify`,
// `Function.prototype.call` or any other built-in (Postman allows it, and scripts add
// helpers to prototypes); the sandbox's own code (chai, `pm`, the legacy globals, the
// loader) calls the originals through these, so no override changes what an assertion
// decides. Evaluated first inside the prelude closure.
// `uncurry(f)(self, a, b)` is `f.call(self, a, b)`, without reading `call` at call time.
var uncurry = Function.prototype.bind.bind(Function.prototype.call);
var apply = uncurry(Function.prototype.apply);
var bindTo = uncurry(Function.prototype.bind);
var $Object = Object;
var $String = String;
var $Number = Number;
var $Error = Error;
var $TypeError = TypeError;
var $SyntaxError = SyntaxError;
var $RangeError = RangeError;
var $Symbol = Symbol;
var $Proxy = Proxy;
var $Promise = Promise;
var $RegExp = RegExp;
var $Date = Date;
var $isNaN = isNaN;
var $isFinite = isFinite;
var $encodeURIComponent = encodeURIComponent;
var $decodeURIComponent = decodeURIComponent;
var ObjectPrototype = Object.prototype;
var FunctionPrototype = Function.prototype;
var ErrorPrototype = Error.prototype;
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
var strRepeat = uncurry(String.prototype.repeat);
var strSplit = uncurry(String.prototype.split);
var regExpExec = uncurry(RegExp.prototype.exec);
var numberToString = uncurry(Number.prototype.toString);
var symbolToString = uncurry(Symbol.prototype.toString);
var dateGetTime = uncurry(Date.prototype.getTime);
var dateToISOString = uncurry(Date.prototype.toISOString);
var dateToUTCString = uncurry(Date.prototype.toUTCString);
var dateNow = Date.now;
var mapHas = uncurry(Map.prototype.has);
var mapKeys = uncurry(Map.prototype.keys);
var mapSize = uncurry(Object.getOwnPropertyDescriptor(Map.prototype, 'size').get);
var setHas = uncurry(Set.prototype.has);
var setKeys = uncurry(Set.prototype.keys);
var setSize = uncurry(Object.getOwnPropertyDescriptor(Set.prototype, 'size').get);
var promiseThen = uncurry(Promise.prototype.then);
var reflectGet = Reflect.get;
var mathAbs = Math.abs;
var mathFloor = Math.floor;
var mathMin = Math.min;
var mathMax = Math.max;
var jsonStringify = JSON.stringify;
var jsonParse = JSON.parse;
// The own regular expression methods, read at call time by `String.prototype.replace`
// and friends, are kept as they were too: `replaceAll(s, re, f)` and `matchAll`-free
// helpers below use the original algorithms whatever a script does to RegExp.prototype.
var regExpReplace = uncurry(RegExp.prototype[Symbol.replace]);
var regExpMatch = uncurry(RegExp.prototype[Symbol.match]);
var regExpSplit = uncurry(RegExp.prototype[Symbol.split]);
var regExpTest = uncurry(RegExp.prototype.test);
// `text.replace(pattern, replacement)` with the original algorithm: a string pattern, or
// a regular expression made by the sandbox.
function strReplace(text, pattern, replacement) {
  if (typeof pattern === 'string') return uncurry(String.prototype.replace)(text, pattern, replacement);
  return regExpReplace(pattern, $String(text), replacement);
}
