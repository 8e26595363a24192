// The chain methods of `_(value)` and the export (last part of a lodash library; the names
// come from lodash_names.js or lodash3.js).
var KNOWN = Object.create(null);
CHAINABLE_NAMES.forEach(function (n) { KNOWN[n] = 'chain'; });
UNWRAPPED_NAMES.forEach(function (n) { KNOWN[n] = 'value'; });
function addChainMethod(name, chainable) {
  LodashWrapper.prototype[name] = function () {
    var fn = lodash[name];
    if (typeof fn !== 'function') unsupported(name);
    var result = fn.apply(lodash, [this.__wrapped__].concat(Array.prototype.slice.call(arguments)));
    return this.__chain__ || chainable ? new LodashWrapper(result, this.__chain__) : result;
  };
}
Object.keys(KNOWN).forEach(function (name) {
  if (name !== 'chain' && (name in lodash || !DROPPED[name])) addChainMethod(name, KNOWN[name] === 'chain');
});
Object.assign(LodashWrapper.prototype, {
  value: function () { return this.__wrapped__; },
  valueOf: function () { return this.__wrapped__; },
  toJSON: function () { return this.__wrapped__; },
  toString: function () { return toStringValue(this.__wrapped__); },
  chain: function () { this.__chain__ = true; return this; },
  commit: function () { return new LodashWrapper(this.__wrapped__, this.__chain__); }
});
['pop', 'push', 'shift', 'sort', 'splice', 'unshift'].forEach(function (name) {
  var native = Array.prototype[name];
  LodashWrapper.prototype[name] = function () {
    var value = this.__wrapped__, result = native.apply(Array.isArray(value) ? value : [], arguments);
    if (/^(?:pop|shift)$/.test(name) && !this.__chain__) return result;
    return new LodashWrapper(/^(?:push|sort|unshift)$/.test(name) ? value : result, this.__chain__);
  };
});
lodash.mixin = function (object, source, options) {
  if (source === undefined || (isObject(source) && !Object.keys(source).some(function (k) { return isFunction(source[k]); }) && options === undefined)) {
    options = source;
    source = object;
    object = lodash;
  }
  var chain = !(isObject(options) && 'chain' in options) || !!options.chain;
  Object.keys(source).forEach(function (name) {
    if (!isFunction(source[name])) return;
    object[name] = source[name];
    if (object === lodash) {
      KNOWN[name] = 'chain';
      LodashWrapper.prototype[name] = function () {
        var result = source[name].apply(lodash, [this.__wrapped__].concat(Array.prototype.slice.call(arguments)));
        return this.__chain__ || chain ? new LodashWrapper(result, this.__chain__) : result;
      };
    }
  });
  return object;
};
module.exports = new Proxy(lodash, {
  get: function (target, key) {
    // Own properties only: a Function.prototype method (Sugar's) is not lodash's.
    if (hasOwnProperty.call(target, key) || typeof key !== 'string' || !KNOWN[key] || DROPPED[key]) return target[key];
    unsupported(key);
  }
});
