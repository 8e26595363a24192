// SugarJS 1.x Number, Function and Object methods (`pmcheck:sugar`, after sugar_array.js).

function padNumber(num, place, sign, base) {
  var s = Math.abs(num).toString(base || 10);
  s = repeatString(place - s.replace(/\.\d+/, '').length, '0') + s;
  if (sign || num < 0) s = (num < 0 ? '-' : '+') + s;
  return s;
}
function ordinal(n) {
  if (n >= 11 && n <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] || 'th';
}
function formatNumber(num, place, thousands, decimal) {
  if (thousands === undefined) thousands = ',';
  if (decimal === undefined) decimal = '.';
  var s = (isNumber(place) ? roundTo(num, place || 0).toFixed(Math.max(place, 0)) : num.toString()).replace(/^-/, '');
  var parts = s.split('.'), integer = parts[0], fraction = parts[1], out = '';
  for (var i = integer.length; i > 0; i -= 3) {
    if (i < integer.length) out = thousands + out;
    out = integer.slice(Math.max(0, i - 3), i) + out;
  }
  if (fraction) out += decimal + repeatString((place || 0) - fraction.length, '0') + fraction;
  return (num < 0 ? '-' : '') + out;
}
function abbreviate(num, precision, units, mid, limit, bytes) {
  var fixed = num.toFixed(20);
  var significant = fixed.search(/\./) - fixed.search(/[1-9]/);
  if (significant > 0) significant -= 1;
  var i = Math.max(Math.min(Math.floor(significant / 3), limit === false ? units.length : limit), -mid);
  var unit = units.charAt(i + mid - 1);
  if (significant < -9) {
    i = -3;
    precision = Math.abs(significant) - 9;
    unit = units.slice(0, 1);
  }
  var divisor = bytes ? Math.pow(2, 10 * i) : Math.pow(10, i * 3);
  return formatNumber(roundTo(num / divisor, precision || 0)) + unit.trim();
}
function range(from, to, fn, step) {
  var out = [], i = parseInt(from, 10), down = step < 0;
  while ((!down && i <= to) || (down && i >= to)) {
    out.push(i);
    if (fn) fn.call(this, i);
    i += step || 1;
  }
  return out;
}

var numberMethods = {
  format: function (place, thousands, decimal) { return formatNumber(this, place, thousands, decimal); },
  hex: function (pad) { return padNumber(this, pad || 1, false, 16); },
  pad: function (place, sign, base) { return padNumber(this, place, sign, base); },
  ordinalize: function () {
    return this + ordinal(parseInt(Math.abs(this).toString().slice(-2), 10));
  },
  isInteger: function () { return this % 1 == 0; },
  isMultipleOf: function (n) { return this % n === 0; },
  isEven: function () { return this % 2 === 0; },
  isOdd: function () { return !isNaN(this) && this % 2 !== 0; },
  times: function (fn) {
    if (fn) for (var i = 0; i < this; i++) fn.call(this, i);
    return parseFloat(this);
  },
  upto: function (n, fn, step) { return range(this, n, fn, step || 1); },
  downto: function (n, fn, step) { return range(this, n, fn, -(step || 1)); },
  chr: function () { return String.fromCharCode(this); },
  toNumber: function () { return parseFloat(this); },
  log: function (base) { return Math.log(this) / (base ? Math.log(base) : 1); },
  abbr: function (precision) { return abbreviate(this, precision, 'kmbt', 0, 4); },
  metric: function (precision, limit) {
    return abbreviate(this, precision, 'nμm kMGTPE', 4, limit === undefined ? 1 : limit);
  },
  bytes: function (precision, limit) {
    return abbreviate(this, precision, 'kMGTPE', 0, limit === undefined ? 4 : limit, true) + 'B';
  }
};
['round', 'floor', 'ceil'].forEach(function (name) {
  numberMethods[name] = function (precision) { return roundTo(this, precision, name); };
});
['abs', 'pow', 'sin', 'asin', 'cos', 'acos', 'tan', 'atan', 'exp', 'sqrt'].forEach(function (name) {
  numberMethods[name] = function (a, b) { return Math[name](this, a, b); };
});
define(Number.prototype, numberMethods);

define(Number, {
  random: function (n1, n2) {
    if (arguments.length === 1) { n2 = n1; n1 = 0; }
    var min = Math.min(n1 || 0, n2 === undefined ? 1 : n2);
    var max = Math.max(n1 || 0, n2 === undefined ? 1 : n2) + 1;
    return Math.floor(Math.random() * (max - min) + min);
  }
});

define(Function.prototype, {
  once: function () {
    var fn = this, called = false, result;
    return function () {
      if (!called) {
        called = true;
        result = fn.apply(this, arguments);
      }
      return result;
    };
  },
  after: function (num) {
    var fn = this, count = 0, stored = [];
    if (!isNumber(num)) num = 1;
    else if (num === 0) { fn.call(); return fn; }
    return function () {
      stored.push(Array.prototype.slice.call(arguments));
      count++;
      if (count == num) {
        var out = fn.call(this, stored);
        count = 0;
        stored = [];
        return out;
      }
    };
  },
  fill: function () {
    var fn = this, curried = Array.prototype.slice.call(arguments);
    return function () {
      var args = Array.prototype.slice.call(arguments);
      curried.forEach(function (arg, index) {
        if (arg != null || index >= args.length) args.splice(index, 0, arg);
      });
      return fn.apply(this, args);
    };
  }
});

// Object: type checks and the enumerable methods over an object's values.
function matchKey(key, match) {
  if (isRegExp(match)) return match.test(key);
  if (isObjectLike(match)) return hasOwn(match, key);
  return key === String(match);
}
function selectKeys(obj, args, keep) {
  var out = {}, keys = flatArgs(Array.prototype.slice.call(args, 1));
  Object.keys(obj).forEach(function (key) {
    var hit = keys.some(function (k) { return matchKey(key, k); });
    if (hit === keep) out[key] = obj[key];
  });
  return out;
}
function coercedKeys(obj) { return Object.keys(obj && obj.valueOf ? obj.valueOf() : obj); }
function overValues(method, mapping) {
  return function (obj, arg1, arg2) {
    var keys = coercedKeys(obj);
    var out = Array.prototype[method].call(keys, function (key) {
      return mapping ? mapped(obj[key], arg1, obj, [key, obj[key], obj]) : matches(obj[key], arg1, obj, [key, obj[key], obj]);
    }, arg2);
    if (isArray(out)) out = out.reduce(function (o, key) { o[key] = obj[key]; return o; }, {});
    return out;
  };
}
function merge(target, source, deep, resolve) {
  if (!target || typeof source === 'string') return target;
  for (var key in source) {
    if (!hasOwn(source, key)) continue;
    var val = source[key];
    if (target[key] !== undefined) {
      if (resolve === false) continue;
      if (isFunction(resolve)) val = resolve.call(source, key, target[key], source[key]);
    }
    if (deep === true && val && isObjectLike(val)) {
      if (isDate(val)) val = new Date(val.getTime());
      else if (isRegExp(val)) val = new RegExp(val.source, val.flags);
      else {
        if (!target[key]) target[key] = isArray(val) ? [] : {};
        merge(target[key], source[key], deep, resolve);
        continue;
      }
    }
    target[key] = val;
  }
  return target;
}
function toQuery(base, obj) {
  if (isArray(obj) || (isPlain(obj) && obj.toString === Object.prototype.toString)) {
    return Object.keys(obj).map(function (key) { return toQuery(base ? base + '[' + key + ']' : key, obj[key]); }).join('&');
  }
  if (!base) return '';
  return component(base) + '=' + (isDate(obj) ? obj.getTime() : component(obj));
}
function component(v) { return !v && v !== false && v !== 0 ? '' : encodeURIComponent(v).replace(/%20/g, '+'); }

var objectMethods = {
  isArray: isArray,
  isBoolean: isBoolean,
  isDate: isDate,
  isFunction: isFunction,
  isNumber: isNumber,
  isRegExp: isRegExp,
  isString: isString,
  isArguments: function (o) { return klass(o) === '[object Arguments]'; },
  isObject: isPlain,
  isNaN: function (o) { return isNumber(o) && o.valueOf() !== o.valueOf(); },
  equal: equal,
  has: function (obj, key) { return hasOwn(obj, key); },
  merge: merge,
  clone: function (obj, deep) {
    if (isDate(obj)) return new Date(obj.getTime());
    if (!isObjectLike(obj)) return obj;
    return merge(new obj.constructor(), obj, deep);
  },
  extended: function (obj) { return merge({}, obj); },
  each: function (obj, fn) {
    if (!isFunction(fn)) throw new TypeError('Callback is not callable');
    for (var key in obj) if (hasOwn(obj, key) && fn.call(obj, key, obj[key], obj) === false) break;
    return obj;
  },
  map: function (obj, map) {
    return coercedKeys(obj).reduce(function (out, key) {
      out[key] = mapped(obj[key], map, obj, [key, obj[key], obj]);
      return out;
    }, {});
  },
  reduce: function (obj) {
    var values = coercedKeys(obj).map(function (k) { return obj[k]; });
    return values.reduce.apply(values, Array.prototype.slice.call(arguments, 1));
  },
  size: function (obj) { return coercedKeys(obj).length; },
  select: function (obj) { return selectKeys(obj, arguments, true); },
  reject: function (obj) { return selectKeys(obj, arguments, false); },
  tap: function (obj, arg) {
    var fn = isFunction(arg) ? arg : function () { if (arg) obj[arg](); };
    fn.call(obj, obj);
    return obj;
  },
  toQueryString: function (obj, namespace) { return toQuery(namespace, obj); },
  fromQueryString: function (str) {
    var out = {};
    String(str || '').replace(/^.*?\?/, '').split('&').forEach(function (p) {
      var kv = p.split('=');
      if (kv.length !== 2) return;
      var v = decodeURIComponent(kv[1]);
      out[kv[0]] = /^[+-]?\d+(\.\d+)?$/.test(v) ? parseFloat(v) : v === 'true' ? true : v === 'false' ? false : v;
    });
    return out;
  },
  watch: function (obj, prop, fn) {
    var value = obj[prop];
    Object.defineProperty(obj, prop, {
      enumerable: true, configurable: true,
      get: function () { return value; },
      set: function (to) { value = fn.call(obj, prop, value, to); }
    });
  }
};
// As Sugar: the Array method of the same name over the keys, matching (or mapping) the
// values; a list of keys comes back as an object of those keys.
'any,all,none,count,find,findAll,isEmpty'.split(',').forEach(function (name) {
  objectMethods[name] = overValues(name, false);
});
'sum,average,min,max,least,most'.split(',').forEach(function (name) {
  objectMethods[name] = overValues(name, true);
});
define(Object, objectMethods);
