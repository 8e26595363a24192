// lodash 4 collections and arrays (after lodash_core.js).

function sameValueZeroIndex(array, value, from) {
  for (var i = from || 0; i < array.length; i++) if (eq(array[i], value)) return i;
  return -1;
}
function baseFlatten(array, depth, out) {
  out = out || [];
  if (array == null) return out;
  for (var i = 0; i < array.length; i++) {
    var v = array[i];
    if (depth > 0 && (Array.isArray(v) || isArguments(v))) {
      if (depth > 1) baseFlatten(v, depth - 1, out);
      else for (var j = 0; j < v.length; j++) out.push(v[j]);
    } else out.push(v);
  }
  return out;
}
function uniqBy(array, fn, comparator) {
  var out = [], seen = [];
  (array || []).forEach(function (v) {
    var c = fn ? fn(v) : v;
    var found = comparator ? seen.some(function (s) { return comparator(c, s); }) : sameValueZeroIndex(seen, c) !== -1;
    if (!found) { seen.push(c); out.push(v); }
  });
  return out;
}
function arrays(args) { return Array.prototype.filter.call(args, function (a) { return Array.isArray(a) || isArguments(a); }); }
// The trailing iteratee of differenceBy/unionBy/…: the last argument when it is not an array.
function splitIteratee(args) {
  var list = Array.prototype.slice.call(args), last = list[list.length - 1];
  var fn = list.length > 1 && !(Array.isArray(last) || isArguments(last)) ? iteratee(list.pop()) : null;
  return [list, fn];
}
function difference(array, others, fn) {
  if (!(Array.isArray(array) || isArguments(array))) return [];
  var excluded = baseFlatten(others, 1).map(function (v) { return fn ? fn(v) : v; });
  return Array.prototype.filter.call(array, function (v) { return sameValueZeroIndex(excluded, fn ? fn(v) : v) === -1; });
}
function intersection(lists, fn) {
  lists = arrays(lists);
  if (!lists.length) return [];
  return uniqBy(lists[0], fn).filter(function (v) {
    var c = fn ? fn(v) : v;
    return lists.slice(1).every(function (l) { return l.some(function (x) { return eq(fn ? fn(x) : x, c); }); });
  });
}
function compareAscending(value, other) {
  if (value !== other) {
    var vDef = value !== undefined, vNull = value === null, vRefl = value === value, vSym = isSymbol(value);
    var oDef = other !== undefined, oNull = other === null, oRefl = other === other, oSym = isSymbol(other);
    if ((!oNull && !oSym && !vSym && value > other) || (vSym && oDef && oRefl && !oNull && !oSym) ||
      (vNull && oDef && oRefl) || (!vDef && oRefl) || !vRefl) return 1;
    if ((!vNull && !vSym && !oSym && value < other) || (oSym && vDef && vRefl && !vNull && !vSym) ||
      (oNull && vDef && vRefl) || (!oDef && vRefl) || !oRefl) return -1;
  }
  return 0;
}
function orderBy(collection, iteratees, orders) {
  if (collection == null) return [];
  iteratees = (iteratees === undefined ? [identity] : Array.isArray(iteratees) ? iteratees : [iteratees]);
  if (!iteratees.length) iteratees = [identity];
  var fns = iteratees.map(function (it) {
    return Array.isArray(it) ? function (v) { return baseGet(v, it.length === 1 ? it[0] : it); } : iteratee(it);
  });
  orders = orders === undefined ? [] : Array.isArray(orders) ? orders : [orders];
  var index = -1;
  var rows = toArrayLike(collection).map(function (v) {
    return { criteria: fns.map(function (f) { return f(v); }), index: ++index, value: v };
  });
  rows.sort(function (a, b) {
    for (var i = 0; i < fns.length; i++) {
      var r = compareAscending(a.criteria[i], b.criteria[i]);
      if (r) return i >= orders.length ? r : r * (orders[i] === 'desc' ? -1 : 1);
    }
    return a.index - b.index;
  });
  return rows.map(function (r) { return r.value; });
}
function createAggregator(setter, initializer) {
  return function (collection, fn) {
    var out = initializer ? initializer() : {};
    fn = iteratee(fn);
    baseEach(collection, function (v) { setter(out, v, fn(v)); });
    return out;
  };
}
function pullAll(array, vals) {
  if (!array || !vals || !vals.length) return array;
  for (var i = array.length - 1; i >= 0; i--) if (sameValueZeroIndex(vals, array[i]) > -1) Array.prototype.splice.call(array, i, 1);
  return array;
}
function baseRandom(lower, upper) { return lower + Math.floor(Math.random() * (upper - lower + 1)); }
function shuffle(collection) {
  var out = toArrayLike(collection);
  for (var i = 0; i < out.length; i++) {
    var r = baseRandom(i, out.length - 1), v = out[r];
    out[r] = out[i];
    out[i] = v;
  }
  return out;
}
function baseRange(start, end, step, fromRight) {
  start = toFinite(start);
  if (end === undefined) { end = start; start = 0; } else end = toFinite(end);
  step = step === undefined ? (start < end ? 1 : -1) : toFinite(step);
  var length = Math.max(Math.ceil((end - start) / (step || 1)), 0), out = new Array(length), index = -1;
  while (length--) { out[fromRight ? length : ++index] = start; start += step; }
  return out;
}
function findIndexIn(array, predicate, fromIndex, right) {
  var length = array == null ? 0 : array.length;
  if (!length) return -1;
  predicate = iteratee(predicate);
  var index = fromIndex === undefined ? (right ? length - 1 : 0) : toInteger(fromIndex);
  if (index < 0) index = right ? Math.max(length + index, 0) : Math.max(length + index, 0);
  if (right) index = Math.min(index, length - 1);
  for (; right ? index >= 0 : index < length; right ? index-- : index++) if (predicate(array[index], index, array)) return index;
  return -1;
}
function sliceArray(array, start, end) {
  var length = array == null ? 0 : array.length;
  if (!length) return [];
  start = start == null ? 0 : toInteger(start);
  end = end === undefined ? length : toInteger(end);
  return Array.prototype.slice.call(array, start, end);
}
function baseExtremum(array, fn, better) {
  var result, computed;
  (array || []).forEach(function (v) {
    var c = fn(v);
    if (c != null && (computed === undefined ? c === c && !isSymbol(c) : better(c, computed))) { computed = c; result = v; }
  });
  return result;
}
function baseSum(array, fn) {
  var result;
  (array || []).forEach(function (v) { var c = fn(v); if (c !== undefined) result = result === undefined ? c : result + c; });
  return result;
}
function unzip(array) {
  if (!(array && array.length)) return [];
  var groups = Array.prototype.filter.call(array, function (g) { return Array.isArray(g) || isArguments(g); });
  var length = Math.max.apply(null, groups.map(function (g) { return g.length; }).concat(0));
  var out = [];
  for (var i = 0; i < length; i++) out.push(groups.map(function (g) { return g[i]; }));
  return out;
}

Object.assign(lodash, {
  forEach: function (collection, fn) { return baseEach(collection, typeof fn === 'function' ? fn : identity); },
  forEachRight: function (collection, fn) {
    var ks = isArrayLike(collection) ? null : keys(collection), n = ks ? ks.length : collection == null ? 0 : collection.length;
    fn = typeof fn === 'function' ? fn : identity;
    for (var i = n - 1; i >= 0; i--) { var k = ks ? ks[i] : i; if (fn(collection[k], k, collection) === false) break; }
    return collection;
  },
  map: function (collection, fn) {
    fn = iteratee(fn);
    var out = [];
    baseEach(collection, function (v, k, c) { out.push(fn(v, k, c)); });
    return out;
  },
  filter: function (collection, fn) {
    fn = iteratee(fn);
    var out = [];
    baseEach(collection, function (v, k, c) { if (fn(v, k, c)) out.push(v); });
    return out;
  },
  reject: function (collection, fn) {
    fn = iteratee(fn);
    return lodash.filter(collection, function (v, k, c) { return !fn(v, k, c); });
  },
  find: function (collection, predicate, fromIndex) {
    if (isArrayLike(collection)) {
      var i = findIndexIn(collection, predicate, fromIndex);
      return i > -1 ? collection[i] : undefined;
    }
    var ks = keys(collection), fn = iteratee(predicate);
    var j = findIndexIn(ks, function (k) { return fn(collection[k], k, collection); }, fromIndex);
    return j > -1 ? collection[ks[j]] : undefined;
  },
  findLast: function (collection, predicate, fromIndex) {
    var list = toArrayLike(collection), i = findIndexIn(list, predicate, fromIndex, true);
    return i > -1 ? list[i] : undefined;
  },
  findIndex: function (array, predicate, fromIndex) { return findIndexIn(array, predicate, fromIndex, false); },
  findLastIndex: function (array, predicate, fromIndex) { return findIndexIn(array, predicate, fromIndex, true); },
  reduce: function (collection, fn, accumulator) {
    var init = arguments.length < 3;
    fn = iteratee(fn);
    baseEach(collection, function (v, k, c) {
      if (init) { accumulator = v; init = false; } else accumulator = fn(accumulator, v, k, c);
    });
    return accumulator;
  },
  reduceRight: function (collection, fn, accumulator) {
    var init = arguments.length < 3;
    fn = iteratee(fn);
    lodash.forEachRight(collection, function (v, k, c) {
      if (init) { accumulator = v; init = false; } else accumulator = fn(accumulator, v, k, c);
    });
    return accumulator;
  },
  some: function (collection, fn) {
    fn = iteratee(fn);
    var found = false;
    baseEach(collection, function (v, k, c) { if (fn(v, k, c)) { found = true; return false; } });
    return found;
  },
  every: function (collection, fn) {
    fn = iteratee(fn);
    var ok = true;
    baseEach(collection, function (v, k, c) { if (!fn(v, k, c)) { ok = false; return false; } });
    return ok;
  },
  includes: function (collection, value, fromIndex) {
    collection = isArrayLike(collection) ? collection : values(collection);
    fromIndex = fromIndex ? toInteger(fromIndex) : 0;
    var length = collection.length;
    if (fromIndex < 0) fromIndex = Math.max(length + fromIndex, 0);
    if (isString(collection)) return fromIndex <= length && collection.indexOf(value, fromIndex) > -1;
    return !!length && sameValueZeroIndex(collection, value, fromIndex) > -1;
  },
  groupBy: createAggregator(function (o, v, k) { if (hasOwnProperty.call(o, k)) o[k].push(v); else o[k] = [v]; }),
  keyBy: createAggregator(function (o, v, k) { o[k] = v; }),
  countBy: createAggregator(function (o, v, k) { if (hasOwnProperty.call(o, k)) ++o[k]; else o[k] = 1; }),
  partition: createAggregator(function (o, v, k) { o[k ? 0 : 1].push(v); }, function () { return [[], []]; }),
  sortBy: function (collection) {
    var its = baseFlatten(Array.prototype.slice.call(arguments, 1), 1);
    return orderBy(collection, its.length ? its : [identity]);
  },
  orderBy: orderBy,
  sample: function (collection) { var list = toArrayLike(collection); return list.length ? list[baseRandom(0, list.length - 1)] : undefined; },
  sampleSize: function (collection, n) {
    n = n === undefined ? 1 : toInteger(n);
    return shuffle(collection).slice(0, Math.max(n, 0));
  },
  shuffle: shuffle,
  size: function (collection) {
    if (collection == null) return 0;
    if (isArrayLike(collection)) return collection.length;
    var t = tag(collection);
    if (t === '[object Map]' || t === '[object Set]') return collection.size;
    return keys(collection).length;
  },
  times: function (n, fn) {
    n = toInteger(n);
    if (n < 1 || n > MAX_SAFE_INTEGER) return [];
    fn = typeof fn === 'function' ? fn : identity;
    var out = [];
    for (var i = 0; i < Math.min(n, 4294967295); i++) out.push(fn(i));
    return out;
  },
  range: function (start, end, step) { return baseRange(start, end, step, false); },
  rangeRight: function (start, end, step) { return baseRange(start, end, step, true); },
  uniq: function (array) { return uniqBy(array); },
  uniqBy: function (array, fn) { return uniqBy(array, iteratee(fn)); },
  uniqWith: function (array, comparator) { return uniqBy(array, null, comparator); },
  flatten: function (array) { return baseFlatten(array, 1); },
  flattenDeep: function (array) { return baseFlatten(array, Infinity); },
  flattenDepth: function (array, depth) { return baseFlatten(array, depth === undefined ? 1 : toInteger(depth)); },
  flatMap: function (collection, fn) { return baseFlatten(lodash.map(collection, fn), 1); },
  flatMapDeep: function (collection, fn) { return baseFlatten(lodash.map(collection, fn), Infinity); },
  chunk: function (array, size) {
    size = size === undefined ? 1 : Math.max(toInteger(size), 0);
    var length = array == null ? 0 : array.length, out = [];
    if (!length || size < 1) return [];
    for (var i = 0; i < length; i += size) out.push(Array.prototype.slice.call(array, i, i + size));
    return out;
  },
  compact: function (array) { return Array.prototype.filter.call(array || [], Boolean); },
  concat: function () {
    if (!arguments.length) return [];
    var first = arguments[0], out = Array.isArray(first) ? first.slice() : [first];
    baseFlatten(Array.prototype.slice.call(arguments, 1), 1).forEach(function (v) { out.push(v); });
    return out;
  },
  difference: function (array) { return difference(array, arrays(Array.prototype.slice.call(arguments, 1))); },
  differenceBy: function (array) {
    var split = splitIteratee(Array.prototype.slice.call(arguments, 1));
    return difference(array, arrays(split[0]), split[1]);
  },
  without: function (array) { return difference(array, [Array.prototype.slice.call(arguments, 1)]); },
  intersection: function () { return intersection(arguments); },
  intersectionBy: function () { var split = splitIteratee(arguments); return intersection(split[0], split[1]); },
  union: function () { return uniqBy(baseFlatten(arrays(arguments), 1)); },
  unionBy: function () { var split = splitIteratee(arguments); return uniqBy(baseFlatten(arrays(split[0]), 1), split[1]); },
  xor: function () {
    var lists = arrays(arguments).map(function (l) { return uniqBy(l); }), all = baseFlatten(lists, 1);
    return uniqBy(all.filter(function (v) { return lists.filter(function (l) { return sameValueZeroIndex(l, v) > -1; }).length === 1; }));
  },
  zip: function () { return unzip(arguments); },
  unzip: unzip,
  zipObject: function (props, vals) {
    var out = {};
    (props || []).forEach(function (k, i) { out[k] = vals ? vals[i] : undefined; });
    return out;
  },
  fromPairs: function (pairs) {
    var out = {};
    (pairs || []).forEach(function (p) { out[p[0]] = p[1]; });
    return out;
  },
  head: function (array) { return array && array.length ? array[0] : undefined; },
  last: function (array) { var n = array == null ? 0 : array.length; return n ? array[n - 1] : undefined; },
  nth: function (array, n) {
    var length = array == null ? 0 : array.length;
    if (!length) return undefined;
    n = toInteger(n);
    n += n < 0 ? length : 0;
    return isIndex(n, length) ? array[n] : undefined;
  },
  tail: function (array) { return sliceArray(array, 1); },
  initial: function (array) { return sliceArray(array, 0, -1); },
  slice: sliceArray,
  take: function (array, n) { n = n === undefined ? 1 : toInteger(n); return sliceArray(array, 0, n < 0 ? 0 : n); },
  takeRight: function (array, n) {
    var length = array == null ? 0 : array.length;
    n = n === undefined ? 1 : toInteger(n);
    n = length - n;
    return sliceArray(array, n < 0 ? 0 : n, length);
  },
  drop: function (array, n) { n = n === undefined ? 1 : toInteger(n); return sliceArray(array, n < 0 ? 0 : n); },
  dropRight: function (array, n) {
    var length = array == null ? 0 : array.length;
    n = n === undefined ? 1 : toInteger(n);
    n = length - n;
    return sliceArray(array, 0, n < 0 ? 0 : n);
  },
  indexOf: function (array, value, fromIndex) {
    var length = array == null ? 0 : array.length;
    if (!length) return -1;
    var index = fromIndex == null ? 0 : toInteger(fromIndex);
    if (index < 0) index = Math.max(length + index, 0);
    return sameValueZeroIndex(array, value, index);
  },
  lastIndexOf: function (array, value) {
    for (var i = (array ? array.length : 0) - 1; i >= 0; i--) if (eq(array[i], value)) return i;
    return -1;
  },
  join: function (array, separator) { return array == null ? '' : Array.prototype.join.call(array, separator); },
  reverse: function (array) { return array == null ? array : Array.prototype.reverse.call(array); },
  pull: function (array) {
    var vals = Array.prototype.slice.call(arguments, 1);
    return pullAll(array, vals);
  },
  pullAll: pullAll,
  remove: function (array, predicate) {
    var out = [], indexes = [];
    if (!(array && array.length)) return out;
    predicate = iteratee(predicate);
    for (var i = 0; i < array.length; i++) if (predicate(array[i], i, array)) { out.push(array[i]); indexes.push(i); }
    for (var j = indexes.length - 1; j >= 0; j--) Array.prototype.splice.call(array, indexes[j], 1);
    return out;
  },
  fill: function (array, value, start, end) {
    var length = array == null ? 0 : array.length;
    if (!length) return [];
    start = start === undefined ? 0 : toInteger(start);
    end = end === undefined ? length : toInteger(end);
    if (start < 0) start = -start > length ? 0 : length + start;
    if (end < 0) end += length;
    for (; start < end && start < length; start++) array[start] = value;
    return array;
  },
  max: function (array) { return baseExtremum(array, identity, function (a, b) { return a > b; }); },
  maxBy: function (array, fn) { return baseExtremum(array, iteratee(fn), function (a, b) { return a > b; }); },
  min: function (array) { return baseExtremum(array, identity, function (a, b) { return a < b; }); },
  minBy: function (array, fn) { return baseExtremum(array, iteratee(fn), function (a, b) { return a < b; }); },
  sum: function (array) { return array && array.length ? baseSum(array, identity) : 0; },
  sumBy: function (array, fn) { return array && array.length ? baseSum(array, iteratee(fn)) : 0; },
  mean: function (array) { return lodash.meanBy(array, identity); },
  meanBy: function (array, fn) {
    var length = array == null ? 0 : array.length;
    return length ? baseSum(array, iteratee(fn)) / length : NaN;
  },
  toArray: function (value) {
    if (!value) return [];
    if (isArrayLike(value)) return isString(value) ? Array.from(value) : Array.prototype.slice.call(value);
    var t = tag(value);
    if (t === '[object Map]' || t === '[object Set]') return Array.from(value.values ? (t === '[object Map]' ? value.entries() : value.values()) : value);
    return values(value);
  }
});
lodash.each = lodash.forEach;
lodash.eachRight = lodash.forEachRight;
lodash.first = lodash.head;
