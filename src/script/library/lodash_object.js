// lodash 4 objects and type checks (after lodash_array.js).

function keysIn(object) {
  var out = [];
  if (object == null) return out;
  if (isArrayLike(object)) return keys(object);
  for (var k in Object(object)) if (!(k === 'constructor' && isPrototype(object))) out.push(k);
  return out;
}
function baseSet(object, path, value, customizer) {
  if (!isObject(object)) return object;
  path = castPath(path, object);
  var nested = object;
  for (var i = 0; nested != null && i < path.length; i++) {
    var key = toKey(path[i]), newValue = value;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return object;
    if (i !== path.length - 1) {
      var objValue = nested[key];
      newValue = customizer ? customizer(objValue, key, nested) : undefined;
      if (newValue === undefined) newValue = isObject(objValue) ? objValue : isIndex(path[i + 1]) ? [] : {};
    }
    nested[key] = newValue;
    nested = nested[key];
  }
  return object;
}
function baseUnset(object, path) {
  path = castPath(path, object);
  var parent = path.length < 2 ? object : baseGet(object, path.slice(0, -1));
  var key = toKey(path[path.length - 1]);
  return parent == null || delete parent[key];
}
function basePickBy(object, paths, predicate) {
  var out = {};
  paths.forEach(function (path) {
    var value = baseGet(object, path);
    if (predicate(value, path)) baseSet(out, castPath(path, object), value);
  });
  return out;
}
function assignWith(getKeys, skipDefined) {
  return function (object) {
    object = Object(object);
    for (var i = 1; i < arguments.length; i++) {
      var source = arguments[i];
      if (source == null) continue;
      getKeys(source).forEach(function (k) {
        var v = object[k];
        if (skipDefined) {
          if (v === undefined || (eq(v, Object.prototype[k]) && !hasOwnProperty.call(object, k))) object[k] = source[k];
        } else if (!(hasOwnProperty.call(object, k) && eq(v, source[k])) || (source[k] === undefined && !(k in object))) {
          object[k] = source[k];
        }
      });
    }
    return object;
  };
}
function baseMerge(object, source, stack) {
  if (object === source) return;
  keysIn(source).forEach(function (key) {
    var srcValue = source[key], objValue = object[key];
    if (isObject(srcValue)) {
      stack = stack || [];
      for (var s = 0; s < stack.length; s++) {
        if (stack[s][0] === srcValue) { assignMergeValue(object, key, stack[s][1]); return; }
      }
      var isArr = Array.isArray(srcValue), isTyped = isTypedArray(srcValue), newValue;
      if (isArr || isTyped) {
        if (Array.isArray(objValue)) newValue = objValue;
        else if (isArrayLike(objValue) && isObjectLike(objValue)) newValue = Array.prototype.slice.call(objValue);
        else newValue = isTyped ? baseClone(srcValue, false) : [];
      } else if (isPlainObject(srcValue) || isArguments(srcValue)) {
        newValue = objValue;
        if (isArguments(objValue)) newValue = Object.assign({}, objValue);
        else if (!isObject(objValue) || isFunction(objValue)) newValue = baseClone(srcValue, false);
        if (newValue === objValue && !isObject(newValue)) newValue = {};
      } else {
        assignMergeValue(object, key, srcValue);
        return;
      }
      stack.push([srcValue, newValue]);
      if (newValue !== srcValue || isArr || isPlainObject(srcValue)) baseMerge(newValue, srcValue, stack);
      stack.pop();
      assignMergeValue(object, key, newValue);
    } else {
      assignMergeValue(object, key, srcValue);
    }
  });
}
function assignMergeValue(object, key, value) {
  if ((value !== undefined && !eq(object[key], value)) || (value === undefined && !(key in object))) object[key] = value;
}
function defaultsDeep(object, source, stack) {
  keysIn(source).forEach(function (key) {
    var s = source[key], o = object[key];
    if (o === undefined) object[key] = isPlainObject(s) ? defaultsDeep({}, s) : s;
    else if (isPlainObject(o) && isPlainObject(s)) defaultsDeep(o, s, stack);
  });
  return object;
}
function pickBy(object, predicate) {
  if (object == null) return {};
  predicate = iteratee(predicate);
  var out = {};
  keysIn(object).forEach(function (k) { if (predicate(object[k], k)) out[k] = object[k]; });
  return out;
}
function pathsOf(args) { return baseFlatten(Array.prototype.slice.call(args, 1), 1); }

Object.assign(lodash, {
  keysIn: keysIn,
  valuesIn: function (object) { return keysIn(object).map(function (k) { return object[k]; }); },
  set: function (object, path, value) { return object == null ? object : baseSet(object, path, value); },
  setWith: function (object, path, value, customizer) { return object == null ? object : baseSet(object, path, value, customizer); },
  unset: function (object, path) { return object == null ? true : baseUnset(object, path); },
  update: function (object, path, updater) {
    return object == null ? object : baseSet(object, path, (typeof updater === 'function' ? updater : identity)(baseGet(object, path)));
  },
  at: function (object) { return pathsOf(arguments).map(function (p) { return object == null ? undefined : baseGet(object, p); }); },
  pick: function (object) {
    var paths = pathsOf(arguments);
    return object == null ? {} : basePickBy(object, paths, function (v, path) { return hasPath(object, path, false); });
  },
  pickBy: pickBy,
  omit: function (object) {
    if (object == null) return {};
    var paths = pathsOf(arguments).map(function (p) { return castPath(p, object); });
    var out = {};
    keysIn(object).forEach(function (k) { out[k] = object[k]; });
    if (paths.some(function (p) { return p.length > 1; })) out = baseClone(out, true);
    paths.forEach(function (p) { baseUnset(out, p); });
    return out;
  },
  omitBy: function (object, predicate) {
    predicate = iteratee(predicate);
    return pickBy(object, function (v, k) { return !predicate(v, k); });
  },
  assign: assignWith(keys, false),
  assignIn: assignWith(keysIn, false),
  defaults: assignWith(keysIn, true),
  defaultsDeep: function (object) {
    object = Object(object);
    for (var i = 1; i < arguments.length; i++) if (arguments[i] != null) defaultsDeep(object, arguments[i]);
    return object;
  },
  merge: function (object) {
    object = Object(object);
    for (var i = 1; i < arguments.length; i++) if (arguments[i] != null) baseMerge(object, Object(arguments[i]));
    return object;
  },
  isEmpty: function (value) {
    if (value == null) return true;
    if (isArrayLike(value) && (Array.isArray(value) || typeof value === 'string' || typeof value.splice === 'function' ||
      isTypedArray(value) || isArguments(value))) return !value.length;
    var t = tag(value);
    if (t === '[object Map]' || t === '[object Set]') return !value.size;
    if (isPrototype(value)) return !keys(value).length;
    for (var k in value) if (hasOwnProperty.call(value, k)) return false;
    return true;
  },
  isNil: function (v) { return v == null; },
  isNull: function (v) { return v === null; },
  isUndefined: function (v) { return v === undefined; },
  isInteger: function (v) { return typeof v === 'number' && v === toInteger(v); },
  isSafeInteger: function (v) { return lodash.isInteger(v) && v >= -MAX_SAFE_INTEGER && v <= MAX_SAFE_INTEGER; },
  isFinite: function (v) { return typeof v === 'number' && isFinite(v); },
  isNaN: function (v) { return isNumber(v) && v != +v; },
  isDate: function (v) { return isObjectLike(v) && tag(v) === '[object Date]'; },
  isRegExp: function (v) { return isObjectLike(v) && tag(v) === '[object RegExp]'; },
  isError: function (v) { return isObjectLike(v) && (tag(v) === '[object Error]' || (typeof v.message === 'string' && typeof v.name === 'string' && !isPlainObject(v))); },
  isMap: function (v) { return isObjectLike(v) && tag(v) === '[object Map]'; },
  isSet: function (v) { return isObjectLike(v) && tag(v) === '[object Set]'; },
  isArrayLikeObject: function (v) { return isObjectLike(v) && isArrayLike(v); },
  isElement: function () { return false; },
  isBuffer: function () { return false; },
  mapValues: function (object, fn) {
    fn = iteratee(fn);
    var out = {};
    baseEach(object == null ? {} : Object(object), function (v, k, o) { out[k] = fn(v, k, o); });
    return out;
  },
  mapKeys: function (object, fn) {
    fn = iteratee(fn);
    var out = {};
    keys(object).forEach(function (k) { out[fn(object[k], k, object)] = object[k]; });
    return out;
  },
  invert: function (object) {
    var out = {};
    keys(object).forEach(function (k) {
      var v = object[k];
      if (v != null && typeof v.toString !== 'function') v = objectToString.call(v);
      out[v] = k;
    });
    return out;
  },
  invertBy: function (object, fn) {
    fn = iteratee(fn);
    var out = {};
    keys(object).forEach(function (k) {
      var v = fn(object[k]);
      if (hasOwnProperty.call(out, v)) out[v].push(k); else out[v] = [k];
    });
    return out;
  },
  toPairs: function (object) {
    var t = tag(object);
    if (t === '[object Map]') return Array.from(object.entries());
    if (t === '[object Set]') return Array.from(object.values()).map(function (v) { return [v, v]; });
    return keys(object).map(function (k) { return [k, object[k]]; });
  },
  toPairsIn: function (object) { return keysIn(object).map(function (k) { return [k, object[k]]; }); },
  forOwn: function (object, fn) {
    fn = typeof fn === 'function' ? fn : identity;
    var ks = keys(object);
    for (var i = 0; i < ks.length; i++) if (fn(object[ks[i]], ks[i], object) === false) break;
    return object;
  },
  forIn: function (object, fn) {
    fn = typeof fn === 'function' ? fn : identity;
    var ks = keysIn(object);
    for (var i = 0; i < ks.length; i++) if (fn(object[ks[i]], ks[i], object) === false) break;
    return object;
  },
  findKey: function (object, predicate) {
    predicate = iteratee(predicate);
    var ks = keys(object);
    for (var i = 0; i < ks.length; i++) if (predicate(object[ks[i]], ks[i], object)) return ks[i];
    return undefined;
  },
  findLastKey: function (object, predicate) {
    predicate = iteratee(predicate);
    var ks = keys(object);
    for (var i = ks.length - 1; i >= 0; i--) if (predicate(object[ks[i]], ks[i], object)) return ks[i];
    return undefined;
  },
  transform: function (object, fn, accumulator) {
    var isArr = Array.isArray(object) || isTypedArray(object);
    fn = iteratee(fn);
    if (accumulator == null) {
      var Ctor = object && object.constructor;
      if (isArr) accumulator = Array.isArray(object) ? new Ctor() : [];
      else if (isObject(object)) accumulator = isFunction(Ctor) ? Object.create(Object.getPrototypeOf(object)) : {};
      else accumulator = {};
    }
    (isArr ? baseEach : lodash.forOwn)(object, function (v, k, o) { return fn(accumulator, v, k, o); });
    return accumulator;
  },
  result: function (object, path, defaultValue) {
    path = castPath(path, object);
    var length = path.length, index = -1;
    if (!length) { length = 1; object = undefined; }
    while (++index < length) {
      var value = object == null ? undefined : object[toKey(path[index])];
      if (value === undefined) { index = length; value = defaultValue; }
      object = isFunction(value) ? value.call(object) : value;
    }
    return object;
  },
  invoke: function (object, path) {
    path = castPath(path, object);
    var parent = path.length < 2 ? object : baseGet(object, path.slice(0, -1));
    var fn = parent == null ? undefined : parent[toKey(path[path.length - 1])];
    return fn == null ? undefined : fn.apply(parent, Array.prototype.slice.call(arguments, 2));
  },
  create: function (prototype, properties) { return Object.assign(Object.create(prototype == null ? null : Object(prototype)), properties); },
  functions: function (object) { return keys(object).filter(function (k) { return isFunction(object[k]); }); },
  conformsTo: function (object, source) {
    return keys(source).every(function (k) { return object != null && k in Object(object) && source[k](object[k]); });
  },
  isEqualWith: function (a, b, customizer) {
    var r = customizer ? customizer(a, b) : undefined;
    return r === undefined ? baseIsEqual(a, b, false) : !!r;
  },
  cloneWith: function (value, customizer) { var r = customizer ? customizer(value) : undefined; return r === undefined ? baseClone(value, false) : r; },
  cloneDeepWith: function (value, customizer) { var r = customizer ? customizer(value) : undefined; return r === undefined ? baseClone(value, true) : r; },
  toPlainObject: function (value) { var out = {}; keysIn(value).forEach(function (k) { out[k] = value[k]; }); return out; }
});
lodash.extend = lodash.assignIn;
lodash.entries = lodash.toPairs;
lodash.entriesIn = lodash.toPairsIn;
