// chai 4 BDD `expect` subset with chai's failure messages (values shown by
// chai_inspect.js). Evaluated once per context inside the prelude closure; defines
// `expect`, `AssertionError`, `deepEqual`, `typeOf`.

function AssertionError(message) {
  this.message = message;
  this.name = 'AssertionError';
}
AssertionError.prototype = createObject(Error.prototype);
AssertionError.prototype.constructor = AssertionError;
AssertionError.prototype.toString = function () { return this.name + ': ' + this.message; };

function typeOf(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return toLowerCase(strSlice(objectTag(value), 8, -1));
}

function deepEqual(a, b, seen) {
  if (a === b) return a !== 0 || 1 / a === 1 / b;
  if (a !== a && b !== b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  var ta = objectTag(a);
  if (ta !== objectTag(b)) return false;
  if (ta === '[object Date]') return dateGetTime(a) === dateGetTime(b);
  if (ta === '[object RegExp]') return $String(a) === $String(b);
  if (ta === '[object String]' || ta === '[object Number]' || ta === '[object Boolean]') {
    return deepEqual(primitiveOf(a, ta), primitiveOf(b, ta));
  }
  seen = seen || [];
  for (var s = 0; s < seen.length; s++) if (seen[s][0] === a && seen[s][1] === b) return true;
  seen = concat(seen, [[a, b]]);
  if (isArray(a)) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i], seen)) return false;
    return true;
  }
  var ka = sort(keysOf(a));
  var kb = sort(keysOf(b));
  if (ka.length !== kb.length) return false;
  for (var j = 0; j < ka.length; j++) {
    if (ka[j] !== kb[j]) return false;
    if (!deepEqual(a[ka[j]], b[kb[j]], seen)) return false;
  }
  return true;
}

function Assertion(obj, message) {
  var flags = createObject(null);
  flags.object = obj;
  flags.message = message;
  this.__flags = flags;
}
function flag(a, name) {
  return a.__flags[name];
}
function setFlag(a, name, value) {
  a.__flags[name] = value;
  return a;
}
defineProperty(Assertion.prototype, '_obj', {
  get: function () { return this.__flags.object; },
  set: function (v) { this.__flags.object = v; }
});

Assertion.prototype.assert = function (expr, msg, negateMsg, expected, _actual) {
  var negate = flag(this, 'negate');
  var ok = negate ? !expr : expr;
  if (ok) return;
  var actual = arguments.length > 4 ? _actual : this._obj;
  var self = this;
  var text = negate ? negateMsg : msg;
  text = strReplace(text, /#\{this\}/g, function () { return objDisplay(flag(self, 'object')); });
  text = strReplace(text, /#\{act\}/g, function () { return objDisplay(actual); });
  text = strReplace(text, /#\{exp\}/g, function () { return objDisplay(expected); });
  var custom = flag(this, 'message');
  throw new AssertionError(custom ? custom + ': ' + text : text);
};

// As chai 4 does (its `useProxy` default): reading a property that no assertion defines
// throws, so that a misspelt or unknown assertion (`to.be.an.array`) fails instead of
// passing silently. Names chai leaves to other code (promises, inspection) pass through.
// The check sits at the end of the prototype chain, behind every assertion name, so a
// known name costs nothing: only a name found nowhere reaches it.
var UNCHECKED_NAMES = ['then', 'catch', 'inspect', 'toJSON'];
var INTERNAL_NAMES = ['__flags', '__methods', '_obj', 'assert', 'constructor'];

// Levenshtein distance of `a` and `b`, or `cap` when it is `cap` or more.
function distance(a, b, cap) {
  if (mathAbs(a.length - b.length) >= cap) return cap;
  var row = [];
  for (var j = 0; j <= b.length; j++) push(row, j);
  for (var i = 1; i <= a.length; i++) {
    var diagonal = row[0];
    row[0] = i;
    var best = row[0];
    for (var k = 1; k <= b.length; k++) {
      var above = row[k];
      row[k] = mathMin(row[k] + 1, row[k - 1] + 1, diagonal + (a[i - 1] === b[k - 1] ? 0 : 1));
      diagonal = above;
      if (row[k] < best) best = row[k];
    }
    if (best >= cap) return cap;
  }
  return mathMin(row[b.length], cap);
}

// The closest assertion name to `name` (fewer than 4 edits away), if any.
function suggestion(name) {
  var best = null;
  var bestDistance = 4;
  forEach(ownNames(Assertion.prototype), function (candidate) {
    if (indexOf(INTERNAL_NAMES, candidate) !== -1) return;
    var d = distance(name, candidate, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  });
  return best;
}

// A prototype over `base` (ObjectPrototype, or FunctionPrototype for methods) that
// throws on string names neither it nor FunctionPrototype (for a function) has;
// `method` names the method whose properties these are.
function unknownNames(base, method) {
  return new $Proxy(base, {
    get: function (t, property, receiver) {
      if (property in t) return reflectGet(t, property, receiver);
      if (typeof receiver === 'function' && property in FunctionPrototype) {
        return reflectGet(FunctionPrototype, property, receiver);
      }
      if (typeof property !== 'string' || indexOf(UNCHECKED_NAMES, property) !== -1) return undefined;
      if (method) {
        throw $Error('Invalid Chai property: ' + method + '.' + property + '. See docs for proper usage of "' + method + '".');
      }
      var close = suggestion(property);
      throw $Error('Invalid Chai property: ' + property + (close === null ? '' : '. Did you mean "' + close + '"?'));
    }
  });
}
setPrototypeOf(Assertion.prototype, unknownNames(ObjectPrototype, null));

function addProperty(name, getter) {
  defineProperty(Assertion.prototype, name, {
    get: function () {
      var result = uncurry(getter)(this);
      return result === undefined ? this : result;
    },
    configurable: true
  });
}
function addMethod(name, method) {
  var fn = function () {
    var result = apply(method, this, arguments);
    return result === undefined ? this : result;
  };
  setPrototypeOf(fn, unknownNames(FunctionPrototype, name));
  Assertion.prototype[name] = fn;
}
function addChainableMethod(name, method, chaining) {
  defineProperty(Assertion.prototype, name, {
    get: function () {
      if (chaining) uncurry(chaining)(this);
      var self = this;
      var fn = function () {
        var result = apply(method, self, arguments);
        return result === undefined ? self : result;
      };
      setPrototypeOf(fn, Assertion.prototype);
      defineProperty(fn, '__flags', { value: this.__flags });
      return fn;
    },
    configurable: true
  });
}

forEach(['to', 'be', 'been', 'is', 'and', 'has', 'have', 'with', 'that', 'which', 'at', 'of', 'same', 'but', 'does', 'still', 'also'], function (chain) {
  addProperty(chain, function () {});
});
addProperty('not', function () { setFlag(this, 'negate', true); });
addProperty('deep', function () { setFlag(this, 'deep', true); });
addProperty('nested', function () { setFlag(this, 'nested', true); });
addProperty('own', function () { setFlag(this, 'own', true); });
addProperty('ordered', function () { setFlag(this, 'ordered', true); });
addProperty('any', function () { setFlag(this, 'any', true); setFlag(this, 'all', false); });
addProperty('all', function () { setFlag(this, 'all', true); setFlag(this, 'any', false); });

function an(type, msg) {
  if (msg) setFlag(this, 'message', msg);
  type = toLowerCase($String(type));
  var article = regExpExec(/^[aeiou]/, type) !== null ? 'an ' : 'a ';
  this.assert(type === typeOf(this._obj), 'expected #{this} to be ' + article + type, 'expected #{this} not to be ' + article + type);
}
addChainableMethod('an', an);
addChainableMethod('a', an);

function include(val, msg) {
  if (msg) setFlag(this, 'message', msg);
  var obj = this._obj;
  var type = typeOf(obj);
  var negate = flag(this, 'negate');
  var deep = flag(this, 'deep');
  var descriptor = deep ? 'deep ' : '';
  var included = false;
  if (type === 'string') {
    included = strIndexOf(obj, val) !== -1;
  } else if (type === 'array') {
    included = some(obj, function (item) { return deep ? deepEqual(item, val) : item === val || (item !== item && val !== val); });
  } else if (type === 'map' || type === 'set') {
    included = type === 'map' ? mapHas(obj, val) : setHas(obj, val);
  } else if (obj !== null && typeof obj === 'object' && val !== null && typeof val === 'object') {
    var props = keysOf(val);
    var firstErr = null;
    var numErrs = 0;
    var self = this;
    forEach(props, function (prop) {
      var propAssertion = new Assertion(obj);
      propAssertion.__flags.deep = deep;
      propAssertion.__flags.own = flag(self, 'own');
      propAssertion.__flags.nested = flag(self, 'nested');
      if (!negate || props.length === 1) {
        propAssertion.__flags.negate = negate;
        propAssertion.property(prop, val[prop]);
        return;
      }
      try {
        propAssertion.property(prop, val[prop]);
      } catch (err) {
        if (!(err instanceof AssertionError)) throw err;
        if (firstErr === null) firstErr = err;
        numErrs++;
      }
    });
    if (negate && props.length > 1 && numErrs === props.length) throw firstErr;
    return;
  } else {
    throw new AssertionError((flag(this, 'message') ? flag(this, 'message') + ': ' : '') + 'object tested must be an array, a map, an object, a set, a string, or a weakset, but ' + type + ' given');
  }
  this.assert(included, 'expected #{this} to ' + descriptor + 'include ' + inspect(val), 'expected #{this} to not ' + descriptor + 'include ' + inspect(val));
}
function includeChain() { setFlag(this, 'contains', true); }
forEach(['include', 'includes', 'contain', 'contains'], function (name) { addChainableMethod(name, include, includeChain); });

addProperty('ok', function () { this.assert(this._obj, 'expected #{this} to be truthy', 'expected #{this} to be falsy'); });
addProperty('true', function () { this.assert(true === this._obj, 'expected #{this} to be true', 'expected #{this} to be false', !flag(this, 'negate')); });
addProperty('false', function () { this.assert(false === this._obj, 'expected #{this} to be false', 'expected #{this} to be true', !!flag(this, 'negate')); });
addProperty('null', function () { this.assert(null === this._obj, 'expected #{this} to be null', 'expected #{this} not to be null'); });
addProperty('undefined', function () { this.assert(undefined === this._obj, 'expected #{this} to be undefined', 'expected #{this} not to be undefined'); });
addProperty('NaN', function () { this.assert(typeof this._obj === 'number' && this._obj !== this._obj, 'expected #{this} to be NaN', 'expected #{this} not to be NaN'); });
addProperty('exist', function () { this.assert(this._obj !== null && this._obj !== undefined, 'expected #{this} to exist', 'expected #{this} to not exist'); });
addProperty('empty', function () {
  var val = this._obj;
  var count;
  var type = typeOf(val);
  if (type === 'string' || type === 'array') count = val.length;
  else if (type === 'map' || type === 'set') count = val.size;
  else if (val !== null && typeof val === 'object') count = keysOf(val).length;
  else throw new AssertionError('.empty was passed non-string primitive ' + inspect(val));
  this.assert(count === 0, 'expected #{this} to be empty', 'expected #{this} not to be empty');
});

function assertEqual(val, msg) {
  if (msg) setFlag(this, 'message', msg);
  if (flag(this, 'deep')) return uncurry(assertEql)(this, val);
  this.assert(val === this._obj, 'expected #{this} to equal #{exp}', 'expected #{this} to not equal #{exp}', val, this._obj);
}
forEach(['equal', 'equals', 'eq'], function (name) { addMethod(name, assertEqual); });
function assertEql(val, msg) {
  if (msg) setFlag(this, 'message', msg);
  this.assert(deepEqual(val, this._obj), 'expected #{this} to deeply equal #{exp}', 'expected #{this} to not deeply equal #{exp}', val, this._obj);
}
addMethod('eql', assertEql);
addMethod('eqls', assertEql);

function sizeOf(obj) {
  var type = typeOf(obj);
  return type === 'map' || type === 'set' ? obj.size : obj.length;
}
function compare(name, test, msg, negMsg, lengthWord) {
  return function (n, m) {
    if (m) setFlag(this, 'message', m);
    if (flag(this, 'doLength')) {
      var len = sizeOf(this._obj);
      this.assert(test(len, n), 'expected #{this} to have a length ' + lengthWord + ' #{exp} but got #{act}', 'expected #{this} to not have a length ' + lengthWord + ' #{exp}', n, len);
    } else {
      this.assert(test(this._obj, n), msg, negMsg, n);
    }
  };
}
var above = compare('above', function (a, b) { return a > b; }, 'expected #{this} to be above #{exp}', 'expected #{this} to be at most #{exp}', 'above');
var least = compare('least', function (a, b) { return a >= b; }, 'expected #{this} to be at least #{exp}', 'expected #{this} to be below #{exp}', 'at least');
var below = compare('below', function (a, b) { return a < b; }, 'expected #{this} to be below #{exp}', 'expected #{this} to be at least #{exp}', 'below');
var most = compare('most', function (a, b) { return a <= b; }, 'expected #{this} to be at most #{exp}', 'expected #{this} to be above #{exp}', 'at most');
forEach(['above', 'gt', 'greaterThan'], function (n) { addMethod(n, above); });
forEach(['least', 'gte', 'greaterThanOrEqual'], function (n) { addMethod(n, least); });
forEach(['below', 'lt', 'lessThan'], function (n) { addMethod(n, below); });
forEach(['most', 'lte', 'lessThanOrEqual'], function (n) { addMethod(n, most); });
addMethod('within', function (start, finish, msg) {
  if (msg) setFlag(this, 'message', msg);
  var range = start + '..' + finish;
  if (flag(this, 'doLength')) {
    var len = sizeOf(this._obj);
    this.assert(len >= start && len <= finish, 'expected #{this} to have a length within ' + range, 'expected #{this} to not have a length within ' + range);
  } else {
    this.assert(this._obj >= start && this._obj <= finish, 'expected #{this} to be within ' + range, 'expected #{this} to not be within ' + range);
  }
});

function assertLength(n, msg) {
  if (msg) setFlag(this, 'message', msg);
  var type = typeOf(this._obj);
  var descriptor = type === 'map' || type === 'set' ? 'size' : 'length';
  var count = sizeOf(this._obj);
  this.assert(count == n, 'expected #{this} to have a ' + descriptor + ' of #{exp} but got #{act}', 'expected #{this} to not have a ' + descriptor + ' of #{act}', n, count);
}
addChainableMethod('length', assertLength, function () { setFlag(this, 'doLength', true); });
addMethod('lengthOf', assertLength);

addMethod('match', function (re, msg) {
  if (msg) setFlag(this, 'message', msg);
  this.assert(regExpExec(re, this._obj), 'expected #{this} to match ' + re, 'expected #{this} not to match ' + re);
});
addMethod('matches', Assertion.prototype.match);
addMethod('string', function (str, msg) {
  if (msg) setFlag(this, 'message', msg);
  this.assert(strIndexOf($String(this._obj), str) !== -1, 'expected #{this} to contain ' + inspect(str), 'expected #{this} to not contain ' + inspect(str));
});

addMethod('oneOf', function (list, msg) {
  if (msg) setFlag(this, 'message', msg);
  var expected = this._obj;
  var deep = flag(this, 'deep');
  var found = some(list, function (item) { return deep ? deepEqual(item, expected) : item === expected; });
  this.assert(found, 'expected #{this} to ' + (deep ? 'deeply equal' : 'be') + ' one of #{exp}', 'expected #{this} to not ' + (deep ? 'deeply equal' : 'be') + ' one of #{exp}', list, expected);
});

function getPathValue(obj, path) {
  var parts = matchAll(strReplace($String(path), /\[/g, '.['), /(\\\.|[^.]+?)+/g);
  var value = obj;
  var exists = true;
  for (var i = 0; i < parts.length; i++) {
    var part = strReplace(parts[i], /\\([.[\]])/g, '$1');
    var m = regExpExec(/^\[(\d+)\]$/, part);
    var key = m ? $Number(m[1]) : part;
    if (value === null || value === undefined || !(Object(value) && key in Object(value))) {
      exists = false;
      value = undefined;
      break;
    }
    value = value[key];
  }
  return { exists: exists, value: value };
}

addMethod('property', function (name, val, msg) {
  if (msg) setFlag(this, 'message', msg);
  var isNested = flag(this, 'nested');
  var isOwn = flag(this, 'own');
  var isDeep = flag(this, 'deep');
  var negate = flag(this, 'negate');
  var obj = this._obj;
  var pathInfo = isNested ? getPathValue(obj, name) : null;
  var value = isNested ? pathInfo.value : obj === null || obj === undefined ? undefined : obj[name];
  var descriptor = '';
  if (isDeep) descriptor += 'deep ';
  if (isOwn) descriptor += 'own ';
  if (isNested) descriptor += 'nested ';
  descriptor += 'property ';
  var hasProperty;
  if (isOwn) hasProperty = obj !== null && obj !== undefined && hasOwn(obj, name);
  else if (isNested) hasProperty = pathInfo.exists;
  else hasProperty = obj !== null && obj !== undefined && name in Object(obj);
  if (!negate || arguments.length === 1) {
    this.assert(hasProperty, 'expected #{this} to have ' + descriptor + inspect(name), 'expected #{this} to not have ' + descriptor + inspect(name));
  }
  if (arguments.length > 1) {
    this.assert(hasProperty && (isDeep ? deepEqual(val, value) : val === value), 'expected #{this} to have ' + descriptor + inspect(name) + ' of #{exp}, but got #{act}', 'expected #{this} to not have ' + descriptor + inspect(name) + ' of #{act}', val, value);
  }
  setFlag(this, 'object', value);
});
addMethod('haveOwnProperty', function (name, val) { setFlag(this, 'own', true); return apply(Assertion.prototype.property, this, arguments); });
addMethod('ownProperty', Assertion.prototype.haveOwnProperty);

addMethod('keys', function (keys) {
  var obj = this._obj;
  var type = typeOf(obj);
  var actual = type === 'map' ? arrayFrom(mapKeys(obj)) : type === 'set' ? arrayFrom(setKeys(obj)) : keysOf(obj);
  if (arguments.length > 1 || typeOf(keys) !== 'array' && typeOf(keys) !== 'object') keys = slice(arguments);
  else if (typeOf(keys) === 'object') keys = keysOf(keys);
  keys = map(keys, function (k) { return $String(k); });
  if (!keys.length) throw new AssertionError('keys required');
  var len = keys.length;
  var any = flag(this, 'any');
  var all = flag(this, 'all');
  var expected = keys;
  if (!any && !all) all = true;
  var ok;
  if (any) ok = some(expected, function (k) { return indexOf(actual, k) !== -1; });
  if (all) {
    ok = every(expected, function (k) { return indexOf(actual, k) !== -1; });
    if (!flag(this, 'negate') && !flag(this, 'contains')) ok = ok && keys.length === actual.length;
  }
  var str;
  if (len > 1) {
    var shown = map(keys, function (k) { return inspect(k); });
    var last = pop(shown);
    if (all) str = join(shown, ', ') + ', and ' + last;
    if (any) str = join(shown, ', ') + ', or ' + last;
  } else {
    str = inspect(keys[0]);
  }
  str = (len > 1 ? 'keys ' : 'key ') + str;
  str = (flag(this, 'contains') ? 'contain ' : 'have ') + str;
  this.assert(ok, 'expected #{this} to ' + str, 'expected #{this} to not ' + str, sort(slice(expected, 0)), sort(actual));
});
addMethod('key', Assertion.prototype.keys);

function isSubsetOf(subset, superset, deep, contains, ordered) {
  if (!contains) {
    if (subset.length !== superset.length) return false;
    superset = slice(superset);
  }
  return every(subset, function (elem, idx) {
    if (ordered) return deep ? deepEqual(elem, superset[idx]) : elem === superset[idx];
    if (!deep) {
      var matchIdx = indexOf(superset, elem);
      if (matchIdx === -1) return false;
      if (!contains) splice(superset, matchIdx, 1);
      return true;
    }
    return some(superset, function (elem2, matchIdx) {
      if (!deepEqual(elem, elem2)) return false;
      if (!contains) splice(superset, matchIdx, 1);
      return true;
    });
  });
}
addMethod('members', function (subset, msg) {
  if (msg) setFlag(this, 'message', msg);
  var obj = this._obj;
  var contains = flag(this, 'contains');
  var ordered = flag(this, 'ordered');
  var deep = flag(this, 'deep');
  var subject, failMsg, failNegateMsg;
  if (contains) {
    subject = ordered ? 'an ordered superset' : 'a superset';
    failMsg = 'expected #{this} to be ' + subject + ' of #{exp}';
    failNegateMsg = 'expected #{this} to not be ' + subject + ' of #{exp}';
  } else {
    subject = ordered ? 'ordered members' : 'members';
    failMsg = 'expected #{this} to have the same ' + subject + ' as #{exp}';
    failNegateMsg = 'expected #{this} to not have the same ' + subject + ' as #{exp}';
  }
  this.assert(isSubsetOf(subset, obj, deep, contains, ordered), failMsg, failNegateMsg, subset, obj);
});

addMethod('satisfy', function (matcher, msg) {
  if (msg) setFlag(this, 'message', msg);
  var result = matcher(this._obj);
  this.assert(result, 'expected #{this} to satisfy ' + objDisplay(matcher), 'expected #{this} to not satisfy' + objDisplay(matcher), !flag(this, 'negate'), result);
});
addMethod('instanceof', function (constructor, msg) {
  if (msg) setFlag(this, 'message', msg);
  var name = constructor && constructor.name ? constructor.name : $String(constructor);
  this.assert(this._obj instanceof constructor, 'expected #{this} to be an instance of ' + name, 'expected #{this} to not be an instance of ' + name);
});
addMethod('instanceOf', Assertion.prototype['instanceof']);
addMethod('closeTo', function (expected, delta, msg) {
  if (msg) setFlag(this, 'message', msg);
  this.assert(mathAbs(this._obj - expected) <= delta, 'expected #{this} to be close to ' + expected + ' +/- ' + delta, 'expected #{this} not to be close to ' + expected + ' +/- ' + delta);
});
addMethod('approximately', Assertion.prototype.closeTo);
addMethod('throw', function (errLike, msg) {
  var thrown = false;
  var caught;
  try { this._obj(); } catch (e) { thrown = true; caught = e; }
  if (typeof errLike === 'string') {
    this.assert(thrown && caught && strIndexOf($String(caught.message), errLike) !== -1, 'expected #{this} to throw error including ' + inspect(errLike), 'expected #{this} to throw error not including ' + inspect(errLike));
  } else {
    this.assert(thrown, 'expected #{this} to throw an error', 'expected #{this} to not throw an error but #{act} was thrown', undefined, caught);
  }
});
addMethod('throws', Assertion.prototype['throw']);
addMethod('Throw', Assertion.prototype['throw']);

function expect(value, message) { return new Assertion(value, message); }
expect.fail = function (actual, expected, message) {
  if (arguments.length < 2) { message = actual; actual = undefined; }
  throw new AssertionError(message || 'expect.fail()');
};
