// `require` and the library globals of Postman's sandbox (`_`, `CryptoJS`, …), loading a
// library on first use (see library/mod.rs). Runs inside the prelude closure after chai.js.
var moduleCache = Object.create(null);
moduleCache.chai = { exports: { expect: expect, Assertion: Assertion, AssertionError: AssertionError }, id: 'chai', loaded: true };

function sandboxRequire(name) {
  name = String(name);
  if (name.indexOf('node:') === 0) name = name.slice(5);
  var cached = moduleCache[name];
  if (cached) return cached.exports;
  var loaded = N.libLoad(name);
  if (!loaded) notSupported("require('" + name + "')");
  var module = { exports: {}, id: name, loaded: false };
  moduleCache[name] = module;
  try {
    loaded[0].call(module.exports, module, module.exports, sandboxRequire, loaded[1]);
  } catch (e) {
    delete moduleCache[name];
    throw e;
  }
  module.loaded = true;
  return module.exports;
}

function defineLibraryGlobal(global, library) {
  Object.defineProperty(globalThis, global, {
    get: function () {
      var value = sandboxRequire(library);
      Object.defineProperty(globalThis, global, { value: value, writable: true, configurable: true, enumerable: false });
      return value;
    },
    set: function (value) {
      Object.defineProperty(globalThis, global, { value: value, writable: true, configurable: true, enumerable: false });
    },
    configurable: true,
    enumerable: false
  });
}

N.libGlobals.forEach(function (pair) { defineLibraryGlobal(pair[0], pair[1]); });
