// SugarJS 1.x Array methods (`pmcheck:sugar`, after sugar_core.js).

// Calls fn(el, i, arr) for the elements from `start` (negative: from the end), going round
// to the beginning when `loop`; holes are skipped; fn returning false stops.
function eachFrom(arr, fn, start, loop) {
  var n = arr.length;
  if (start < 0) start = n + start;
  var i = isNaN(start) || start === undefined ? 0 : start;
  var end = loop === true ? n + i : n;
  for (; i < end; i++) {
    var index = i % n;
    if (!(index in arr)) continue;
    if (fn.call(arr, arr[index], index, arr) === false) break;
  }
}

function uniqueBy(arr, map) {
  var out = [], seen = [];
  eachFrom(arr, function (el, i) {
    var key = map ? mapped(el, map, arr, [el, i, arr]) : el;
    for (var j = 0; j < seen.length; j++) if (equal(seen[j], key)) return;
    seen.push(key);
    out.push(el);
  });
  return out;
}

function flatten(arr, level, depth) {
  level = level || Infinity;
  depth = depth || 0;
  var out = [];
  eachFrom(arr, function (el) {
    if (isArray(el) && depth < level) out = out.concat(flatten(el, level, depth + 1));
    else out.push(el);
  });
  return out;
}

function flatArgs(args) {
  var out = [];
  for (var i = 0; i < args.length; i++) out = out.concat(args[i]);
  return out;
}

// Array#intersect (keep) and Array#subtract (drop): each element of `other` counts once.
function intersect(arr, other, subtract) {
  var pool = other.slice(), out = [];
  eachFrom(arr, function (el) {
    var found = -1;
    for (var j = 0; j < pool.length; j++) if (equal(pool[j], el)) { found = j; break; }
    if ((found !== -1) !== subtract) {
      if (found !== -1) pool.splice(found, 1);
      out.push(el);
    }
  });
  return out;
}

// The edge elements of a collection (an array or an object's values) by `map`.
function edge(obj, map, max, all) {
  var best, out = [], list = isArray(obj);
  Object.keys(obj).forEach(function (key) {
    var el = obj[key];
    var test = mapped(el, map, obj, list ? [el, parseInt(key, 10), obj] : []);
    if (test === undefined) throw new TypeError('Cannot compare with undefined');
    if (test === best) out.push(el);
    else if (best === undefined || (max ? test > best : test < best)) { out = [el]; best = test; }
  });
  if (!list) out = flatten(out, 1);
  return all ? out : out[0];
}

function groupBy(arr, map) {
  var out = {};
  eachFrom(arr, function (el, i) {
    var key = mapped(el, map, arr, [el, i, arr]);
    if (!out[key]) out[key] = [];
    out[key].push(el);
  });
  return out;
}

// Sugar's alphanumeric collation of strings: case and common accents ignored first.
var ORDER = 'AÁÀÂÃĄBCĆČÇDĎÐEÉÈĚÊËĘFGĞHıIÍÌİÎÏJKLŁMNŃŇÑOÓÒÔPQRŘSŚŠŞTŤUÚÙŮÛÜVWXYÝZŹŻŽÞÆŒØÕÅÄÖ'
  .split('').map(function (c) { return c + c.toLowerCase(); }).join('');
var EQUIVALENT = {};
'AÁÀÂÃÄ,CÇ,EÉÈÊË,IÍÌİÎÏ,OÓÒÔÕÖ,Sß,UÚÙÛÜ'.split(',').forEach(function (set) {
  set.slice(1).split('').forEach(function (c) {
    EQUIVALENT[c] = set.charAt(0);
    EQUIVALENT[c.toLowerCase()] = set.charAt(0).toLowerCase();
  });
});
function collate(a, b) {
  a = a.toLowerCase();
  b = b.toLowerCase();
  var i = 0, tie = 0, av, bv;
  do {
    var ac = a.charAt(i), bc = b.charAt(i);
    var ae = EQUIVALENT[ac] || ac, be = EQUIVALENT[bc] || bc;
    av = ae ? ORDER.indexOf(ae) : null;
    bv = be ? ORDER.indexOf(be) : null;
    if (av === -1 || bv === -1) {
      av = a.charCodeAt(i) || null;
      bv = b.charCodeAt(i) || null;
    }
    if ((ae !== ac) !== (be !== bc) && tie === 0) tie = (ae !== ac) - (be !== bc);
    i++;
  } while (av != null && bv != null && av === bv);
  if (av === bv) return tie;
  return av < bv ? -1 : 1;
}

function matcherCall(native, sugar) {
  return function (f) {
    if (arguments.length > 0 && !isFunction(f)) return sugar.apply(this, arguments);
    return native.apply(this, arguments);
  };
}
var anyOf = matcherCall(Array.prototype.some, function (f) {
  var arr = this;
  return Array.prototype.some.call(arr, function (el, i) { return matches(el, f, arr, [el, i, arr]); });
});
var allOf = matcherCall(Array.prototype.every, function (f) {
  var arr = this;
  return Array.prototype.every.call(arr, function (el, i) { return matches(el, f, arr, [el, i, arr]); });
});
function findAll(arr, f, index, loop) {
  var out = [];
  eachFrom(arr, function (el, i) { if (matches(el, f, arr, [el, i, arr])) out.push(el); }, index, loop);
  return out;
}
function addAt(arr, el, index) {
  if (typeof index !== 'number' || isNaN(index)) index = arr.length;
  Array.prototype.splice.apply(arr, [index, 0].concat(el));
  return arr;
}
function removeMatching(arr, args) {
  for (var a = 0; a < args.length; a++) {
    var i = 0;
    while (i < arr.length) {
      if (matches(arr[i], args[a], arr, [arr[i], i, arr])) arr.splice(i, 1);
      else i++;
    }
  }
  return arr;
}
function shuffled(arr) {
  var out = arr.concat();
  for (var i = out.length; i;) {
    var j = (Math.random() * i) | 0;
    var x = out[--i];
    out[i] = out[j];
    out[j] = x;
  }
  return out;
}
function sum(arr, map) {
  var values = map ? arr.map(function (el, i) { return mapped(el, map, arr, [el, i, arr]); }) : arr;
  return values.length > 0 ? values.reduce(function (a, b) { return a + b; }) : 0;
}
function compact(arr, all) {
  var out = [];
  eachFrom(arr, function (el) {
    if (isArray(el)) out.push(compact(el));
    else if (all ? el : el != null && el.valueOf() === el.valueOf()) out.push(el);
  });
  return out;
}

define(Array, {
  create: function () {
    var out = [];
    for (var i = 0; i < arguments.length; i++) {
      var a = arguments[i];
      if (isObjectLike(a)) {
        try {
          var copy = Array.prototype.slice.call(a, 0);
          if (copy.length > 0) a = copy;
        } catch (e) { /* not array-like */ }
      }
      out = out.concat(a);
    }
    return out;
  }
});

define(Array.prototype, {
  any: anyOf,
  all: allOf,
  none: function () { return !anyOf.apply(this, arguments); },
  findAll: function (f, index, loop) { return findAll(this, f, index, loop); },
  count: function (f) { return f === undefined ? this.length : findAll(this, f).length; },
  each: function (fn, index, loop) {
    if (!isFunction(fn)) throw new TypeError('Callback is not callable');
    eachFrom(this, fn, index, loop);
    return this;
  },
  add: function (el, index) { return addAt(this, el, index); },
  insert: function (el, index) { return addAt(this, el, index); },
  include: function (el, index) { return addAt(this.slice(), el, index); },
  remove: function () { return removeMatching(this, arguments); },
  exclude: function () { return removeMatching(this.slice(), arguments); },
  removeAt: function (start, end) {
    if (start === undefined) return this;
    if (end === undefined) end = start;
    for (var i = 0; i <= end - start; i++) this.splice(start, 1);
    return this;
  },
  clone: function () { return this.slice(); },
  unique: function (map) { return uniqueBy(this, map); },
  union: function () { return uniqueBy(this.concat(flatArgs(arguments))); },
  intersect: function () { return intersect(this, flatArgs(arguments), false); },
  subtract: function () { return intersect(this, flatArgs(arguments), true); },
  flatten: function (limit) { return flatten(this, limit); },
  compact: function (all) { return compact(this, all); },
  isEmpty: function () { return compact(this).length === 0; },
  first: function (n) { return n === undefined ? this[0] : this.slice(0, n < 0 ? 0 : n); },
  last: function (n) {
    if (n === undefined) return this[this.length - 1];
    return this.slice(this.length - n < 0 ? 0 : this.length - n);
  },
  from: function (n) { return this.slice(n); },
  to: function (n) { return this.slice(0, n === undefined ? this.length : n); },
  min: function (map, all) { return edge(this, map, false, all); },
  max: function (map, all) { return edge(this, map, true, all); },
  least: function (map, all) { return edge(groupBy(this, map), 'length', false, all); },
  most: function (map, all) { return edge(groupBy(this, map), 'length', true, all); },
  sum: function (map) { return sum(this, map); },
  average: function (map) { return this.length > 0 ? sum(this, map) / this.length : 0; },
  groupBy: function (map, fn) {
    var out = groupBy(this, map);
    if (fn) Object.keys(out).forEach(function (k) { fn.call(out, k, out[k], out); });
    return out;
  },
  sortBy: function (map, desc) {
    var arr = this.slice();
    return arr.sort(function (a, b) {
      var x = mapped(a, map, arr, [a]), y = mapped(b, map, arr, [b]);
      var c = isString(x) && isString(y) ? collate(x, y) : x < y ? -1 : x > y ? 1 : 0;
      return c * (desc ? -1 : 1);
    });
  },
  randomize: function () { return shuffled(this); },
  sample: function (n) {
    var arr = shuffled(this);
    return arguments.length > 0 ? arr.slice(0, n) : arr[0];
  },
  zip: function () {
    var others = Array.prototype.slice.call(arguments);
    return this.map(function (el, i) {
      return [el].concat(others.map(function (o) { return i in o ? o[i] : null; }));
    });
  },
  inGroups: function (num, padding) {
    var pad = arguments.length > 1, arr = this, out = [];
    var size = Math.ceil(this.length / num);
    for (var i = 0; i < num; i++) {
      var group = arr.slice(i * size, i * size + size);
      while (pad && group.length < size) group.push(padding);
      out.push(group);
    }
    return out;
  },
  inGroupsOf: function (num, padding) {
    var n = this.length, out = [];
    if (n === 0 || num === 0) return this;
    if (num === undefined) num = 1;
    if (padding === undefined) padding = null;
    for (var i = 0; i < Math.ceil(n / num); i++) {
      var group = this.slice(num * i, num * i + num);
      while (group.length < num) group.push(padding);
      out.push(group);
    }
    return out;
  }
});
