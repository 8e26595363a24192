// lodash 4 strings, numbers, functions and utilities (after lodash_object.js).

// Word splitting as lodash: ASCII words, or for mixed case, digits and non-ASCII the
// "unicode words" (camel humps, acronyms, ordinals, numbers, emoji).
var LOWER = 'a-z\\xdf-\\xf6\\xf8-\\xff', UPPER = 'A-Z\\xc0-\\xd6\\xd8-\\xde';
var BREAK = '\\xac\\xb1\\xd7\\xf7\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\xbf\\u2000-\\u206f \\t\\x0b\\f\\xa0\\ufeff\\n\\r\\u2028\\u2029\\u1680\\u180e\\u3000';
var MISC = '[^\\ud800-\\udfff' + BREAK + '\\d\\u2700-\\u27bf' + LOWER + UPPER + ']';
var LOWER_OR_MISC = '(?:[' + LOWER + ']|' + MISC + ')', UPPER_OR_MISC = '(?:[' + UPPER + ']|' + MISC + ')';
var CONTR_LOWER = "(?:['\u2019](?:d|ll|m|re|s|t|ve))?", CONTR_UPPER = "(?:['\u2019](?:D|LL|M|RE|S|T|VE))?";
var reUnicodeWord = new RegExp([
  '[' + UPPER + ']?[' + LOWER + ']+' + CONTR_LOWER + '(?=[' + BREAK + ']|[' + UPPER + ']|$)',
  UPPER_OR_MISC + '+' + CONTR_UPPER + '(?=[' + BREAK + ']|[' + UPPER + ']' + LOWER_OR_MISC + '|$)',
  '[' + UPPER + ']?' + LOWER_OR_MISC + '+' + CONTR_LOWER,
  '[' + UPPER + ']+' + CONTR_UPPER,
  '\\d*(?:1ST|2ND|3RD|(?![123])\\dTH)(?=\\b|[a-z_])',
  '\\d*(?:1st|2nd|3rd|(?![123])\\dth)(?=\\b|[A-Z_])',
  '\\d+',
  '(?:[\\u2700-\\u27bf]|[\\ud800-\\udbff][\\udc00-\\udfff])[\\ufe0e\\ufe0f]?'
].join('|'), 'g');
var reAsciiWord = /[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+/g;
var reHasUnicodeWord = /[a-z][A-Z]|[A-Z]{2}[a-z]|[0-9][a-zA-Z]|[a-zA-Z][0-9]|[^a-zA-Z0-9 ]/;
function words(s, pattern) {
  s = toStringValue(s);
  if (pattern === undefined) return s.match(reHasUnicodeWord.test(s) ? reUnicodeWord : reAsciiWord) || [];
  return s.match(pattern) || [];
}
var DEBURR = { 'Æ': 'Ae', 'æ': 'ae', 'Ø': 'O', 'ø': 'o', 'ß': 'ss', 'Þ': 'Th', 'þ': 'th', 'Ð': 'D', 'ð': 'd',
  'Œ': 'Oe', 'œ': 'oe', 'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'Ħ': 'H', 'ħ': 'h', 'ı': 'i', 'Ĳ': 'IJ', 'ĳ': 'ij',
  'ĸ': 'k', 'Ŀ': 'L', 'ŀ': 'l', 'ŉ': "'n", 'Ŋ': 'N', 'ŋ': 'n', 'Ŧ': 'T', 'ŧ': 't', 'ſ': 's', '×': '×', '÷': '÷' };
function deburr(s) {
  s = toStringValue(s);
  return s.replace(/[\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u017f]/g, function (c) {
    return DEBURR[c] || c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }).replace(/[\u0300-\u036f\ufe20-\ufe2f\u20d0-\u20ff]/g, '');
}
function compounder(fn) {
  return function (s) {
    return words(deburr(s).replace(/['\u2019]/g, '')).reduce(function (out, word, i) { return fn(out, word, i); }, '');
  };
}
function upperFirst(s) { s = toStringValue(s); return s ? s.charAt(0).toUpperCase() + s.slice(1) : ''; }
function lowerFirst(s) { s = toStringValue(s); return s ? s.charAt(0).toLowerCase() + s.slice(1) : ''; }
function padding(length, chars) {
  chars = chars === undefined ? ' ' : toStringValue(chars);
  if (!chars.length || length < 1) return '';
  var out = chars.repeat(Math.ceil(length / chars.length));
  return out.slice(0, length);
}
var WHITESPACE = ' \t\x0b\f\xa0\ufeff\n\r\u2028\u2029\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000';
function trimmer(start, end) {
  return function (s, chars) {
    s = toStringValue(s);
    var set = chars === undefined ? WHITESPACE : toStringValue(chars);
    var a = 0, b = s.length;
    if (start) while (a < b && set.indexOf(s.charAt(a)) > -1) a++;
    if (end) while (b > a && set.indexOf(s.charAt(b - 1)) > -1) b--;
    return s.slice(a, b);
  };
}
var HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
var HTML_UNESCAPES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
function escapeHtml(s) { return toStringValue(s).replace(/[&<>"']/g, function (c) { return HTML_ESCAPES[c]; }); }
function createRound(name) {
  return function (number, precision) {
    number = toNumber(number);
    precision = precision == null ? 0 : Math.min(toInteger(precision), 292);
    if (precision && isFinite(number)) {
      var pair = (toStringValue(number) + 'e').split('e');
      var value = Math[name](pair[0] + 'e' + (+pair[1] + precision));
      pair = (toStringValue(value) + 'e').split('e');
      return +(pair[0] + 'e' + (+pair[1] - precision));
    }
    return Math[name](number);
  };
}
function arithmetic(fn, defaultValue) {
  return function (a, b) {
    if (a === undefined && b === undefined) return defaultValue;
    if (a === undefined) return b;
    if (b === undefined) return a;
    if (typeof a === 'string' || typeof b === 'string') return fn(toStringValue(a), toStringValue(b));
    return fn(toNumber(a), toNumber(b));
  };
}
var idCounter = 0;

Object.assign(lodash, {
  words: words,
  deburr: deburr,
  camelCase: compounder(function (out, word, i) { word = word.toLowerCase(); return out + (i ? upperFirst(word) : word); }),
  kebabCase: compounder(function (out, word, i) { return out + (i ? '-' : '') + word.toLowerCase(); }),
  snakeCase: compounder(function (out, word, i) { return out + (i ? '_' : '') + word.toLowerCase(); }),
  lowerCase: compounder(function (out, word, i) { return out + (i ? ' ' : '') + word.toLowerCase(); }),
  upperCase: compounder(function (out, word, i) { return out + (i ? ' ' : '') + word.toUpperCase(); }),
  startCase: compounder(function (out, word, i) { return out + (i ? ' ' : '') + upperFirst(word); }),
  capitalize: function (s) { return upperFirst(toStringValue(s).toLowerCase()); },
  upperFirst: upperFirst,
  lowerFirst: lowerFirst,
  toLower: function (s) { return toStringValue(s).toLowerCase(); },
  toUpper: function (s) { return toStringValue(s).toUpperCase(); },
  trim: trimmer(true, true),
  trimStart: trimmer(true, false),
  trimEnd: trimmer(false, true),
  pad: function (s, length, chars) {
    s = toStringValue(s);
    length = toInteger(length);
    if (!length || s.length >= length) return s;
    var mid = (length - s.length) / 2;
    return padding(Math.floor(mid), chars) + s + padding(Math.ceil(mid), chars);
  },
  padStart: function (s, length, chars) {
    s = toStringValue(s);
    length = toInteger(length);
    return length && s.length < length ? padding(length - s.length, chars) + s : s;
  },
  padEnd: function (s, length, chars) {
    s = toStringValue(s);
    length = toInteger(length);
    return length && s.length < length ? s + padding(length - s.length, chars) : s;
  },
  repeat: function (s, n) {
    n = n === undefined ? 1 : toInteger(n);
    s = toStringValue(s);
    return n < 1 || !s ? '' : s.repeat(n);
  },
  escape: escapeHtml,
  unescape: function (s) { return toStringValue(s).replace(/&(?:amp|lt|gt|quot|#39);/g, function (e) { return HTML_UNESCAPES[e]; }); },
  escapeRegExp: function (s) { return toStringValue(s).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'); },
  split: function (s, separator, limit) {
    limit = limit === undefined ? 4294967295 : limit >>> 0;
    if (!limit) return [];
    return toStringValue(s).split(separator, limit);
  },
  startsWith: function (s, target, position) {
    s = toStringValue(s);
    position = position == null ? 0 : Math.min(Math.max(toInteger(position), 0), s.length);
    target = toStringValue(target);
    return s.slice(position, position + target.length) === target;
  },
  endsWith: function (s, target, position) {
    s = toStringValue(s);
    target = toStringValue(target);
    var length = s.length;
    position = position === undefined ? length : Math.min(Math.max(toInteger(position), 0), length);
    var end = position;
    position -= target.length;
    return position >= 0 && s.slice(position, end) === target;
  },
  replace: function () {
    var args = arguments, s = toStringValue(args[0]);
    return args.length < 3 ? s : s.replace(args[1], args[2]);
  },
  truncate: function (s, options) {
    var length = 30, omission = '...', separator;
    if (isObject(options)) {
      separator = 'separator' in options ? options.separator : separator;
      length = 'length' in options ? toInteger(options.length) : length;
      omission = 'omission' in options ? toStringValue(options.omission) : omission;
    }
    s = toStringValue(s);
    if (length >= s.length) return s;
    var end = length - omission.length;
    if (end < 1) return omission;
    var result = s.slice(0, end);
    if (separator === undefined) return result + omission;
    if (lodash.isRegExp(separator)) {
      if (s.slice(end).search(separator)) {
        var re = new RegExp(separator.source, separator.flags.indexOf('g') < 0 ? separator.flags + 'g' : separator.flags);
        var match, newEnd;
        while ((match = re.exec(result))) { newEnd = match.index; if (!match[0].length) re.lastIndex++; }
        result = result.slice(0, newEnd === undefined ? end : newEnd);
      }
    } else if (s.indexOf(toStringValue(separator), end) !== end) {
      var index = result.lastIndexOf(toStringValue(separator));
      if (index > -1) result = result.slice(0, index);
    }
    return result + omission;
  },
  template: function (s, options) {
    var settings = Object.assign({}, lodash.templateSettings, options || {});
    s = toStringValue(s);
    var pattern = new RegExp([
      (settings.escape || /($^)/).source,
      (settings.interpolate || /($^)/).source,
      (settings.interpolate === lodash.templateSettings.interpolate ? /\$\{([^\\}]*(?:\\.[^\\}]*)*)\}/ : /($^)/).source,
      (settings.evaluate || /($^)/).source
    ].join('|') + '|$', 'g');
    var index = 0, source = "__p += '";
    s.replace(pattern, function (match, escapeValue, interpolateValue, esTemplateValue, evaluateValue, offset) {
      interpolateValue = interpolateValue || esTemplateValue;
      source += s.slice(index, offset).replace(/['\n\r\u2028\u2029\\]/g, function (c) {
        return { "'": "\\'", '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029', '\\': '\\\\' }[c];
      });
      if (escapeValue) source += "' +\n__e(" + escapeValue + ") +\n'";
      if (evaluateValue) source += "';\n" + evaluateValue + ";\n__p += '";
      if (interpolateValue) source += "' +\n((__t = (" + interpolateValue + ")) == null ? '' : __t) +\n'";
      index = offset + match.length;
      return match;
    });
    source += "';\n";
    var variable = settings.variable;
    if (!variable) source = 'with (obj) {\n' + source + '\n}\n';
    source = 'function (' + (variable || 'obj') + ') {\nif (' + (variable || 'obj') + ' == null) ' + (variable || 'obj') +
      ' = {};\nvar __t, __p = \'\';\n' + source + 'return __p\n}';
    var compiled = Function('__e', '_', 'return ' + source)(escapeHtml, lodash);
    compiled.source = source;
    return compiled;
  },
  parseInt: function (s, radix) {
    radix = radix == null || radix === 0 ? 0 : +radix;
    return parseInt(toStringValue(s).replace(/^\s+/, ''), radix || 0);
  },
  random: function (lower, upper, floating) {
    if (floating === undefined) {
      if (typeof upper === 'boolean') { floating = upper; upper = undefined; }
      else if (typeof lower === 'boolean') { floating = lower; lower = undefined; }
    }
    if (lower === undefined && upper === undefined) { lower = 0; upper = 1; }
    else {
      lower = toFinite(lower);
      if (upper === undefined) { upper = lower; lower = 0; } else upper = toFinite(upper);
    }
    if (lower > upper) { var t = lower; lower = upper; upper = t; }
    if (floating || lower % 1 || upper % 1) {
      var rand = Math.random();
      return Math.min(lower + rand * (upper - lower + parseFloat('1e-' + ((rand + '').length - 1))), upper);
    }
    return baseRandom(lower, upper);
  },
  clamp: function (number, lower, upper) {
    if (upper === undefined) { upper = lower; lower = undefined; }
    number = toNumber(number);
    if (number === number) {
      if (upper !== undefined) { upper = toNumber(upper); upper = upper === upper ? upper : 0; number = number <= upper ? number : upper; }
      if (lower !== undefined) { lower = toNumber(lower); lower = lower === lower ? lower : 0; number = number >= lower ? number : lower; }
    }
    return number;
  },
  inRange: function (number, start, end) {
    start = toFinite(start);
    if (end === undefined) { end = start; start = 0; } else end = toFinite(end);
    number = toNumber(number);
    return number >= Math.min(start, end) && number < Math.max(start, end);
  },
  round: createRound('round'),
  floor: createRound('floor'),
  ceil: createRound('ceil'),
  add: arithmetic(function (a, b) { return a + b; }, 0),
  subtract: arithmetic(function (a, b) { return a - b; }, 0),
  multiply: arithmetic(function (a, b) { return a * b; }, 1),
  divide: arithmetic(function (a, b) { return a / b; }, 1),
  gt: function (a, b) { return a > b; },
  gte: function (a, b) { return a >= b; },
  lt: function (a, b) { return a < b; },
  lte: function (a, b) { return a <= b; },
  toSafeInteger: function (v) { return v ? lodash.clamp(toInteger(v), -MAX_SAFE_INTEGER, MAX_SAFE_INTEGER) : v === 0 ? v : 0; },
  toLength: function (v) { return v ? lodash.clamp(toInteger(v), 0, 4294967295) : 0; },
  once: function (fn) { return lodash.before(2, fn); },
  before: function (n, fn) {
    if (typeof fn !== 'function') throw new TypeError('Expected a function');
    var result;
    n = toInteger(n);
    return function () {
      if (--n > 0) result = fn.apply(this, arguments);
      if (n <= 1) fn = undefined;
      return result;
    };
  },
  after: function (n, fn) {
    if (typeof fn !== 'function') throw new TypeError('Expected a function');
    n = toInteger(n);
    return function () { if (--n < 1) return fn.apply(this, arguments); };
  },
  memoize: function (fn, resolver) {
    if (typeof fn !== 'function' || (resolver != null && typeof resolver !== 'function')) throw new TypeError('Expected a function');
    var memoized = function () {
      var key = resolver ? resolver.apply(this, arguments) : arguments[0], cache = memoized.cache;
      if (cache.has(key)) return cache.get(key);
      var result = fn.apply(this, arguments);
      memoized.cache = cache.set(key, result) || cache;
      return result;
    };
    memoized.cache = new Map();
    return memoized;
  },
  negate: function (fn) {
    if (typeof fn !== 'function') throw new TypeError('Expected a function');
    return function () { return !fn.apply(this, arguments); };
  },
  flow: function () {
    var fns = baseFlatten(arguments, 1);
    return function () {
      var result = fns.length ? fns[0].apply(this, arguments) : arguments[0];
      for (var i = 1; i < fns.length; i++) result = fns[i].call(this, result);
      return result;
    };
  },
  flowRight: function () { return lodash.flow.apply(null, baseFlatten(arguments, 1).reverse()); },
  unary: function (fn) { return function (a) { return fn.call(this, a); }; },
  nthArg: function (n) { n = toInteger(n); return function () { return lodash.nth(arguments, n); }; },
  noop: function () {},
  constant: function (v) { return function () { return v; }; },
  stubArray: function () { return []; },
  stubFalse: function () { return false; },
  stubObject: function () { return {}; },
  stubString: function () { return ''; },
  stubTrue: function () { return true; },
  attempt: function (fn) {
    try { return fn.apply(undefined, Array.prototype.slice.call(arguments, 1)); } catch (e) { return lodash.isError(e) ? e : new Error(e); }
  },
  defaultTo: function (v, d) { return v == null || v !== v ? d : v; },
  uniqueId: function (prefix) { return toStringValue(prefix) + ++idCounter; },
  now: function () { return Date.now(); },
  castArray: function () { if (!arguments.length) return []; var v = arguments[0]; return Array.isArray(v) ? v : [v]; },
  conforms: function (source) { return function (object) { return lodash.conformsTo(object, source); }; },
  tap: function (v, fn) { fn(v); return v; },
  thru: function (v, fn) { return fn(v); },
  noConflict: function () { return lodash; },
  chain: function (value) { var w = lodash(value); w.__chain__ = true; return w; }
});
