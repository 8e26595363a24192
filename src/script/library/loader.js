// `require` and the library globals of Postman's sandbox (`_`, `CryptoJS`, …), loading a
// library on first use (see library/mod.rs), and the packages of the script modules folder
// (`--script-modules`) for `require` and `pm.require('npm:NAME@VERSION')`. Runs inside the
// prelude closure after chai.js.
var moduleCache = createObject(null);
moduleCache.chai = { exports: { expect: expect, Assertion: Assertion, AssertionError: AssertionError }, id: 'chai', loaded: true };
// Files of the script modules folder, by canonical path.
var fileCache = createObject(null);

function isRelative(name) {
  return strIndexOf(name, './') === 0 || strIndexOf(name, '../') === 0;
}

// The built-in library `name`: its exports, `null` when known but not supported, or
// `undefined` when there is none of that name.
function builtinModule(name) {
  var cached = moduleCache[name];
  if (cached) return cached.exports;
  var loaded = N.libLoad(name);
  if (!loaded) return loaded;
  var module = { exports: {}, id: name, loaded: false };
  moduleCache[name] = module;
  try {
    uncurry(loaded[0])(module.exports, module, module.exports, sandboxRequire, loaded[1]);
  } catch (e) {
    delete moduleCache[name];
    throw e;
  }
  module.loaded = true;
  return module.exports;
}

// A module file of the script modules folder, as `[exports]`, or undefined when none matches.
function fileModule(request, from, npm) {
  var found = N.modLoad(request, from === undefined ? null : from, !!npm);
  if (!found) return undefined;
  var path = found[0];
  var cached = fileCache[path];
  if (cached) return [cached.exports];
  var module = { exports: {}, id: path, filename: path, loaded: false };
  fileCache[path] = module;
  try {
    if (found[2]) {
      module.exports = jsonParse(found[1]);
    } else {
      var dir = strSlice(path, 0, strLastIndexOf(path, '/'));
      var localRequire = function (name) { return requireFrom($String(name), path); };
      uncurry(found[1])(module.exports, module.exports, localRequire, module, path, dir);
    }
  } catch (e) {
    delete fileCache[path];
    throw e;
  }
  module.loaded = true;
  return [module.exports];
}

function requireFrom(name, from) {
  if (strIndexOf(name, 'node:') === 0) name = strSlice(name, 5);
  if (!isRelative(name)) {
    var builtin = builtinModule(name);
    if (builtin !== undefined && builtin !== null) return builtin;
  }
  var file = fileModule(name, from, false);
  if (file) return file[0];
  notSupported("require('" + name + "')");
}

function sandboxRequire(name) { return requireFrom($String(name), undefined); }

// `pm.require`: packages from the npm registry (`npm:NAME@VERSION`) are read from the
// script modules folder; Postman's team package library needs its cloud.
function pmRequire(spec) {
  spec = $String(spec);
  if (strIndexOf(spec, 'npm:') === 0 && N.modules) {
    var file = fileModule(strSlice(spec, 4), undefined, true);
    if (file) return file[0];
    notSupported("pm.require('" + spec + "'): not in the script modules folder");
  }
  if (strIndexOf(spec, 'npm:') === 0) notSupported("pm.require('" + spec + "') without --script-modules");
  notSupported("pm.require('" + spec + "')");
}

function defineLibraryGlobal(global, library) {
  defineProperty(GLOBAL_OBJECT, global, {
    get: function () {
      var value = sandboxRequire(library);
      defineProperty(GLOBAL_OBJECT, global, { value: value, writable: true, configurable: true, enumerable: false });
      return value;
    },
    set: function (value) {
      defineProperty(GLOBAL_OBJECT, global, { value: value, writable: true, configurable: true, enumerable: false });
    },
    configurable: true,
    enumerable: false
  });
}

forEach(N.libGlobals, function (pair) { defineLibraryGlobal(pair[0], pair[1]); });
