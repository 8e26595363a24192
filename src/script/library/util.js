// Node's `util`: format, inspect (Node's layout for plain values), inherits, promisify,
// isDeepStrictEqual, types, and the old is* predicates.
var toString = Object.prototype.toString;

function quote(s) {
  var q = s.indexOf("'") === -1 ? "'" : (s.indexOf('"') === -1 ? '"' : (s.indexOf('`') === -1 ? '`' : "'"));
  var escaped = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
  if (q === "'") escaped = escaped.replace(/'/g, "\\'");
  return q + escaped + q;
}

function keyName(k) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : quote(k);
}

function isError(v) { return v instanceof Error || toString.call(v) === '[object Error]'; }

function inspect(value, opts) {
  var ctx = { depth: 2, seen: [], currentDepth: 0, indentationLvl: 0, breakLength: 80, compact: 3 };
  if (opts && typeof opts === 'object') {
    if ('depth' in opts) ctx.depth = opts.depth === null ? Infinity : opts.depth;
    if (opts.breakLength) ctx.breakLength = opts.breakLength;
  }
  return formatValue(ctx, value, 0, true);
}

function formatPrimitive(value, top) {
  switch (typeof value) {
    case 'string': return quote(value);
    case 'number': return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint': return value + 'n';
    case 'symbol': return value.toString();
    default: return String(value);
  }
}

function formatValue(ctx, value, recurseTimes) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return formatPrimitive(value);
  if (ctx.seen.indexOf(value) !== -1) return '[Circular *1]';
  return formatRaw(ctx, value, recurseTimes);
}

function formatRaw(ctx, value, recurseTimes) {
  var keys = Object.keys(value), base = '', braces, entries = [], output;
  var formatter = null;
  if (typeof value === 'function') {
    var src = Function.prototype.toString.call(value);
    base = /^class\b/.test(src) ? '[class ' + (value.name || '(anonymous)') + ']'
      : '[Function: ' + (value.name || '(anonymous)') + ']';
    if (value.name === '') base = base.replace(': (anonymous)', ' (anonymous)');
    if (keys.length === 0) return base;
    braces = ['{', '}'];
  } else if (Array.isArray(value)) {
    braces = ['[', ']'];
    formatter = function () {
      var out = [];
      for (var i = 0; i < value.length; i++) out.push(formatValue(ctx, value[i], recurseTimes + 1));
      return out;
    };
    keys = keys.filter(function (k) { return !/^\d+$/.test(k); });
    if (value.length === 0 && keys.length === 0) return '[]';
  } else if (value instanceof Date) {
    base = isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (keys.length === 0) return base;
    braces = ['{', '}'];
  } else if (value instanceof RegExp) {
    base = RegExp.prototype.toString.call(value);
    if (keys.length === 0) return base;
    braces = ['{', '}'];
  } else if (isError(value)) {
    base = value.stack ? String(value.name) + ': ' + value.message + '\n' + String(value.stack).replace(/\n$/, '') : '[' + Error.prototype.toString.call(value) + ']';
    if (!value.stack) base = '[' + Error.prototype.toString.call(value) + ']';
    keys = keys.filter(function (k) { return k !== 'stack' && k !== 'message'; });
    if (keys.length === 0) return base;
    braces = ['{', '}'];
  } else if (value instanceof Map) {
    braces = ['Map(' + value.size + ') {', '}'];
    formatter = function () {
      var out = [];
      value.forEach(function (v, k) {
        out.push(formatValue(ctx, k, recurseTimes + 1) + ' => ' + formatValue(ctx, v, recurseTimes + 1));
      });
      return out;
    };
    if (value.size === 0 && keys.length === 0) return 'Map(0) {}';
  } else if (value instanceof Set) {
    braces = ['Set(' + value.size + ') {', '}'];
    formatter = function () {
      var out = [];
      value.forEach(function (v) { out.push(formatValue(ctx, v, recurseTimes + 1)); });
      return out;
    };
    if (value.size === 0 && keys.length === 0) return 'Set(0) {}';
  } else if (value instanceof Promise) {
    return 'Promise { <pending> }';
  } else {
    var proto = Object.getPrototypeOf(value);
    var name = proto === null ? '[Object: null prototype]' : (proto.constructor && proto.constructor.name) || '';
    braces = [name && name !== 'Object' ? name + ' {' : '{', '}'];
    if (keys.length === 0) return name && name !== 'Object' ? name + ' {}' : '{}';
  }
  if (recurseTimes > ctx.depth) {
    return Array.isArray(value) ? '[Array]' : '[' + ((Object.getPrototypeOf(value) || {}).constructor || { name: 'Object' }).name + ']';
  }
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  ctx.indentationLvl += 2;
  if (formatter) entries = formatter();
  keys.forEach(function (k) {
    entries.push(keyName(k) + ': ' + formatValue(ctx, value[k], recurseTimes + 1));
  });
  ctx.indentationLvl -= 2;
  ctx.seen.pop();
  output = entries;
  if (ctx.currentDepth - recurseTimes < ctx.compact) {
    var start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    var total = output.length + start;
    output.forEach(function (e) { total += e.length; });
    if (total <= ctx.breakLength && base.indexOf('\n') === -1) {
      var joined = output.join(', ');
      if (joined.indexOf('\n') === -1) return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
    }
  }
  var indentation = '\n' + new Array(ctx.indentationLvl + 1).join(' ');
  return (base ? base + ' ' : '') + braces[0] + indentation + '  ' + output.join(',' + indentation + '  ') + indentation + braces[1];
}

function format(f) {
  var args = Array.prototype.slice.call(arguments, 1);
  var out = '';
  var rest = 0;
  if (typeof f === 'string') {
    out = f.replace(/%[sdifjoOc%]/g, function (m) {
      if (m === '%%') return '%';
      if (rest >= args.length) return m;
      var a = args[rest++];
      switch (m) {
        case '%s': return typeof a === 'string' ? a : (typeof a === 'object' && a !== null ? inspect(a, { depth: 0 }) : formatPrimitive(a).replace(/^'(.*)'$/, '$1'));
        case '%d': return typeof a === 'object' && a !== null ? 'NaN' : formatPrimitive(Number(a));
        case '%i': return String(parseInt(a, 10));
        case '%f': return String(parseFloat(a));
        case '%j': try { return JSON.stringify(a); } catch (e) { return '[Circular]'; }
        case '%c': return '';
        default: return inspect(a, { depth: m === '%o' ? 4 : 2 });
      }
    });
  } else {
    args.unshift(f);
  }
  for (; rest < args.length; rest++) {
    var a = args[rest];
    out += (out === '' && rest === 0 && typeof f !== 'string' ? '' : ' ') + (typeof a === 'string' ? a : inspect(a));
  }
  return out;
}

// Node's deep equality: `strict` compares prototypes and uses Object.is; loose uses ==.
function isDeepEqual(a, b, strict, memo) {
  if (strict ? Object.is(a, b) : (a == b || (a !== a && b !== b))) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (toString.call(a) !== toString.call(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Date && a.getTime() !== b.getTime()) return false;
  if (a instanceof RegExp && String(a) !== String(b)) return false;
  if (isError(a) && (a.message !== b.message || a.name !== b.name)) return false;
  if (typeof a.valueOf === 'function' && (a instanceof Number || a instanceof String || a instanceof Boolean) && !Object.is(a.valueOf(), b.valueOf())) return false;
  memo = memo || [];
  for (var m = 0; m < memo.length; m++) if (memo[m][0] === a && memo[m][1] === b) return true;
  memo.push([a, b]);
  if (a instanceof Map || a instanceof Set) {
    if (a.size !== b.size) return false;
    var ok = true;
    a.forEach(function (v, k) {
      if (!ok) return;
      if (a instanceof Set) ok = b.has(k) || Array.from(b).some(function (x) { return isDeepEqual(k, x, strict, memo); });
      else ok = b.has(k) && isDeepEqual(v, b.get(k), strict, memo);
    });
    if (!ok) return false;
  }
  var ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (var i = 0; i < ka.length; i++) {
    if (!Object.prototype.hasOwnProperty.call(b, ka[i])) return false;
    if (!isDeepEqual(a[ka[i]], b[ka[i]], strict, memo)) return false;
  }
  return true;
}

function promisify(original) {
  if (typeof original !== 'function') {
    throw new TypeError('The "original" argument must be of type function');
  }
  return function () {
    var self = this, args = Array.prototype.slice.call(arguments);
    return new Promise(function (resolve, reject) {
      args.push(function (err, value) { if (err) reject(err); else resolve(value); });
      original.apply(self, args);
    });
  };
}

function tag(name) { return function (v) { return toString.call(v) === '[object ' + name + ']'; }; }

var types = {
  isDate: tag('Date'), isRegExp: tag('RegExp'), isMap: tag('Map'), isSet: tag('Set'),
  isPromise: tag('Promise'), isNativeError: isError, isArrayBuffer: tag('ArrayBuffer'),
  isTypedArray: function (v) { return ArrayBuffer.isView(v) && !(v instanceof DataView); },
  isUint8Array: tag('Uint8Array'), isWeakMap: tag('WeakMap'), isWeakSet: tag('WeakSet'),
  isGeneratorFunction: function (v) { return typeof v === 'function' && /^function\s*\*/.test(Function.prototype.toString.call(v)); },
  isAsyncFunction: tag('AsyncFunction'), isBoxedPrimitive: function (v) {
    return v instanceof Number || v instanceof String || v instanceof Boolean;
  }
};

module.exports = {
  format: format,
  inspect: inspect,
  inherits: function (ctor, superCtor) {
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  },
  isDeepStrictEqual: function (a, b) { return isDeepEqual(a, b, true); },
  promisify: promisify,
  deprecate: function (fn) { return fn; },
  types: types,
  isArray: Array.isArray,
  isBoolean: function (v) { return typeof v === 'boolean'; },
  isNull: function (v) { return v === null; },
  isNullOrUndefined: function (v) { return v == null; },
  isNumber: function (v) { return typeof v === 'number'; },
  isString: function (v) { return typeof v === 'string'; },
  isUndefined: function (v) { return v === undefined; },
  isObject: function (v) { return v !== null && typeof v === 'object'; },
  isFunction: function (v) { return typeof v === 'function'; },
  isPrimitive: function (v) { return v === null || (typeof v !== 'object' && typeof v !== 'function'); },
  isRegExp: types.isRegExp,
  isDate: types.isDate,
  isError: isError,
  // The loose deep equality of `assert.deepEqual`, shared with the assert library.
  _isDeepEqual: isDeepEqual
};
