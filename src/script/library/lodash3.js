// The `_` global of Postman's sandbox is lodash 3.10.2 (`require('lodash')` is lodash 4):
// lodash 4 made into lodash 3 where they differ for the functions provided (after
// lodash_names.js, before lodash_end.js): lodash 3's own names and aliases, its
// `capitalize`, `max`/`min`/`sum` with an iteratee, `flatten(array, isDeep)`,
// `uniq(array, isSorted, iteratee)`, `pick`/`omit` with a predicate; the functions lodash 3
// does not have are absent.
('assignIn assignInWith assignWith castArray clamp cloneDeepWith cloneWith concat cond conforms conformsTo ' +
  'defaultTo differenceBy differenceWith divide entries entriesIn extendWith flatMap flatMapDeep flatMapDepth ' +
  'flattenDepth flip fromPairs functionsIn hasIn intersectionBy intersectionWith invertBy invokeMap ' +
  'isArrayBuffer isArrayLike isArrayLikeObject isBuffer isEqualWith isInteger isLength isMap isMatchWith isNil ' +
  'isObjectLike isSafeInteger isSet isSymbol isWeakMap isWeakSet join keyBy lowerCase lowerFirst maxBy mean ' +
  'meanBy mergeWith minBy multiply nth nthArg omitBy orderBy over overArgs overEvery overSome padEnd padStart ' +
  'pickBy pullAll pullAllBy pullAllWith rangeRight replace reverse sampleSize setWith sortedIndexBy ' +
  'sortedIndexOf sortedLastIndexBy sortedLastIndexOf sortedUniq sortedUniqBy split stubArray stubFalse ' +
  'stubObject stubString stubTrue subtract sumBy toFinite toInteger toLength toLower toNumber toPairs toPairsIn ' +
  'toPath toSafeInteger toString toUpper trimEnd trimStart truncate unary unionBy unionWith uniqBy uniqWith ' +
  'unset update updateWith upperCase upperFirst xorBy xorWith zipObjectDeep').split(' ').forEach(function (n) {
  DROPPED[n] = true;
});
(function (l4) {
  var v4 = Object.assign({}, l4);
  var lodash3 = {
    capitalize: function (s) { s = toStringValue(s); return s && s.charAt(0).toUpperCase() + s.slice(1); },
    flatten: function (array, isDeep) { return baseFlatten(array, isDeep ? Infinity : 1); },
    uniq: function (array, isSorted, fn) {
      if (typeof isSorted !== 'boolean' && isSorted != null) { fn = isSorted; }
      return fn == null ? v4.uniq(array) : v4.uniqBy(array, fn);
    },
    max: function (collection, fn) { var r = extremum3(collection, fn, function (a, b) { return a > b; }); return r === undefined ? -Infinity : r; },
    min: function (collection, fn) { var r = extremum3(collection, fn, function (a, b) { return a < b; }); return r === undefined ? Infinity : r; },
    sum: function (collection, fn) {
      fn = fn == null ? identity : iteratee(fn);
      var total = 0;
      baseEach(collection, function (v) { total += +fn(v) || 0; });
      return total;
    },
    pick: function (object, predicate) {
      return typeof predicate === 'function' ? v4.pickBy(object, predicate) : v4.pick.apply(null, arguments);
    },
    omit: function (object, predicate) {
      return typeof predicate === 'function' ? v4.omitBy(object, predicate) : v4.omit.apply(null, arguments);
    },
    zipObject: function (props, vals) {
      if (vals === undefined && props && Array.isArray(props[0])) return v4.fromPairs(props);
      return v4.zipObject(props, vals);
    },
    pluck: function (collection, path) { return v4.map(collection, property(path)); },
    where: function (collection, source) { return v4.filter(collection, matches(source)); },
    findWhere: function (collection, source) { return v4.find(collection, matches(source)); },
    pairs: v4.toPairs, indexBy: v4.keyBy, sortByOrder: v4.orderBy, sortByAll: v4.sortBy,
    padLeft: v4.padStart, padRight: v4.padEnd, trimLeft: v4.trimStart, trimRight: v4.trimEnd,
    trunc: v4.truncate, all: v4.every, any: v4.some, collect: v4.map, contains: v4.includes,
    include: v4.includes, detect: v4.find, foldl: v4.reduce, foldr: v4.reduceRight, inject: v4.reduce,
    select: v4.filter, unique: null, methods: v4.functions, backflow: v4.flowRight, compose: v4.flowRight,
    callback: iteratee, object: null
  };
  lodash3.unique = lodash3.uniq;
  lodash3.object = lodash3.zipObject;
  Object.keys(DROPPED).forEach(function (n) { delete l4[n]; });
  Object.assign(l4, lodash3);
  l4.VERSION = '3.10.2';
  'pluck where findWhere pairs indexBy sortByOrder sortByAll trimLeft trimRight unique collect select object methods'
    .split(' ').forEach(function (n) { CHAINABLE_NAMES.push(n); });
  'padLeft padRight trunc all any contains include detect foldl foldr inject backflow compose callback'
    .split(' ').forEach(function (n) { UNWRAPPED_NAMES.push(n); });
  function extremum3(collection, fn, better) {
    fn = fn == null ? identity : iteratee(fn);
    var result, computed;
    baseEach(collection, function (v) {
      var c = fn(v);
      if (computed === undefined ? c !== undefined && c === c : better(c, computed)) { computed = c; result = v; }
    });
    return result;
  }
})(lodash);
