// chai 4 BDD `expect` subset with chai's (loupe's) inspect style and failure messages.
// Evaluated once per context inside the prelude closure; defines `expect`, `inspect`,
// `objDisplay`, `AssertionError`, `deepEqual`, `typeOf`.
var TRUNCATE = 40;
var TRUNCATOR = '\u2026';

function AssertionError(message) {
  this.message = message;
  this.name = 'AssertionError';
}
AssertionError.prototype = Object.create(Error.prototype);
AssertionError.prototype.constructor = AssertionError;
AssertionError.prototype.toString = function () { return this.name + ': ' + this.message; };

function typeOf(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return Object.prototype.toString.call(value).slice(8, -1).toLowerCase();
}

function truncate(string, length) {
  string = String(string);
  if (TRUNCATOR.length > length && string.length > length) return TRUNCATOR;
  if (string.length > length && string.length > TRUNCATOR.length) {
    return string.slice(0, length - TRUNCATOR.length) + TRUNCATOR;
  }
  return string;
}

var ESCAPES = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\v': '\\v', '\r': '\\r', "'": "\\'", '\\': '\\\\' };
function escapeString(string) {
  return string.replace(/[\b\t\n\f\v\r'\\\u0000-\u001f\u007f-\u009f]/g, function (c) {
    return ESCAPES[c] || '\\u' + ('0000' + c.charCodeAt(0).toString(16)).slice(-4);
  });
}

function inspectList(list, options, inspectItem) {
  var separator = ', ';
  var size = list.length;
  if (size === 0) return '';
  var originalLength = options.truncate;
  var output = '';
  var peek = '';
  var truncated = '';
  for (var i = 0; i < size; i += 1) {
    var last = i + 1 === size;
    var secondToLast = i + 2 === size;
    truncated = TRUNCATOR + '(' + (size - i) + ')';
    options.truncate = originalLength - output.length - (last ? 0 : separator.length);
    var string = peek || inspectItem(list[i], options) + (last ? '' : separator);
    var nextLength = output.length + string.length;
    var truncatedLength = nextLength + truncated.length;
    if (last && nextLength > originalLength && output.length + truncated.length <= originalLength) break;
    if (!last && !secondToLast && truncatedLength > originalLength) break;
    peek = last ? '' : inspectItem(list[i + 1], options) + (secondToLast ? '' : separator);
    if (!last && secondToLast && truncatedLength > originalLength && nextLength + peek.length > originalLength) break;
    output += string;
    if (!last && !secondToLast && nextLength + peek.length >= originalLength) {
      truncated = TRUNCATOR + '(' + (size - i - 1) + ')';
      break;
    }
    truncated = '';
  }
  return output + truncated;
}

function quoteKey(key) {
  if (/^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key)) return key;
  return JSON.stringify(key).replace(/'/g, "\\'").replace(/\\"/g, '"').replace(/(^"|"$)/g, "'");
}

function inspectProperty(entry, options) {
  options.truncate -= 2;
  var key = typeof entry[0] === 'string' ? quoteKey(entry[0]) : '[' + inspectWith(entry[0], options) + ']';
  options.truncate -= key.length;
  return key + ': ' + inspectWith(entry[1], options);
}

function inspectItem(value, options) { return inspectWith(value, options); }

function inspectWith(value, parent) {
  var options = { truncate: parent.truncate, seen: parent.seen };
  var type = value === null ? 'null' : typeof value;
  switch (type) {
    case 'null': return 'null';
    case 'undefined': return 'undefined';
    case 'boolean': return String(value);
    case 'string': return "'" + truncate(escapeString(value), options.truncate - 2) + "'";
    case 'number':
      if (value !== value) return 'NaN';
      if (value === Infinity) return 'Infinity';
      if (value === -Infinity) return '-Infinity';
      if (value === 0) return 1 / value < 0 ? '-0' : '+0';
      return truncate(String(value), options.truncate);
    case 'bigint': return truncate(String(value) + 'n', options.truncate);
    case 'symbol': return value.toString();
    case 'function': return value.name ? '[Function ' + value.name + ']' : '[Function]';
  }
  if (options.seen.indexOf(value) >= 0) return '[Circular]';
  var tag = Object.prototype.toString.call(value).slice(8, -1);
  if (tag === 'RegExp') return truncate(String(value), options.truncate);
  if (tag === 'Date') {
    if (isNaN(value.getTime())) return 'Invalid Date';
    var iso = value.toJSON().split('T');
    return iso[0] + 'T' + truncate(iso[1], options.truncate - iso[0].length - 1);
  }
  if (tag === 'Error' || value instanceof Error) {
    var name = value.name || 'Error';
    return value.message ? name + ': ' + value.message : name;
  }
  options.seen = options.seen.concat([value]);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    options.truncate -= 4;
    return '[ ' + inspectList(value, options, inspectItem) + ' ]';
  }
  var keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  options.truncate -= 4;
  var contents = inspectList(keys.map(function (k) { return [k, value[k]]; }), options, inspectProperty);
  return '{ ' + contents + ' }';
}

function inspect(value) { return inspectWith(value, { truncate: TRUNCATE, seen: [] }); }

function objDisplay(obj) {
  var str = inspect(obj);
  var type = Object.prototype.toString.call(obj);
  if (str.length >= TRUNCATE) {
    if (type === '[object Function]') return !obj.name ? '[Function]' : '[Function: ' + obj.name + ']';
    if (type === '[object Array]') return '[ Array(' + obj.length + ') ]';
    if (type === '[object Object]') {
      var keys = Object.keys(obj);
      var kstr = keys.length > 2 ? keys.splice(0, 2).join(', ') + ', ...' : keys.join(', ');
      return '{ Object (' + kstr + ') }';
    }
  }
  return str;
}

function deepEqual(a, b, seen) {
  if (a === b) return a !== 0 || 1 / a === 1 / b;
  if (a !== a && b !== b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  var ta = Object.prototype.toString.call(a);
  if (ta !== Object.prototype.toString.call(b)) return false;
  if (ta === '[object Date]') return a.getTime() === b.getTime();
  if (ta === '[object RegExp]') return String(a) === String(b);
  if (ta === '[object String]' || ta === '[object Number]' || ta === '[object Boolean]') {
    return deepEqual(a.valueOf(), b.valueOf());
  }
  seen = seen || [];
  for (var s = 0; s < seen.length; s++) if (seen[s][0] === a && seen[s][1] === b) return true;
  seen = seen.concat([[a, b]]);
  if (Array.isArray(a)) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i], seen)) return false;
    return true;
  }
  var ka = Object.keys(a).sort();
  var kb = Object.keys(b).sort();
  if (ka.length !== kb.length) return false;
  for (var j = 0; j < ka.length; j++) {
    if (ka[j] !== kb[j]) return false;
    if (!deepEqual(a[ka[j]], b[kb[j]], seen)) return false;
  }
  return true;
}

function Assertion(obj, message) {
  this.__flags = { object: obj, message: message };
}
function flag(a, name) {
  return a.__flags[name];
}
function setFlag(a, name, value) {
  a.__flags[name] = value;
  return a;
}
Object.defineProperty(Assertion.prototype, '_obj', {
  get: function () { return this.__flags.object; },
  set: function (v) { this.__flags.object = v; }
});

Assertion.prototype.assert = function (expr, msg, negateMsg, expected, _actual) {
  var negate = flag(this, 'negate');
  var ok = negate ? !expr : expr;
  if (ok) return;
  var actual = arguments.length > 4 ? _actual : this._obj;
  var text = (negate ? negateMsg : msg)
    .replace(/#\{this\}/g, function () { return objDisplay(flag(this, 'object')); }.bind(this))
    .replace(/#\{act\}/g, function () { return objDisplay(actual); })
    .replace(/#\{exp\}/g, function () { return objDisplay(expected); });
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
  if (Math.abs(a.length - b.length) >= cap) return cap;
  var row = [];
  for (var j = 0; j <= b.length; j++) row.push(j);
  for (var i = 1; i <= a.length; i++) {
    var diagonal = row[0];
    row[0] = i;
    var best = row[0];
    for (var k = 1; k <= b.length; k++) {
      var above = row[k];
      row[k] = Math.min(row[k] + 1, row[k - 1] + 1, diagonal + (a[i - 1] === b[k - 1] ? 0 : 1));
      diagonal = above;
      if (row[k] < best) best = row[k];
    }
    if (best >= cap) return cap;
  }
  return Math.min(row[b.length], cap);
}

// The closest assertion name to `name` (fewer than 4 edits away), if any.
function suggestion(name) {
  var best = null;
  var bestDistance = 4;
  Object.getOwnPropertyNames(Assertion.prototype).forEach(function (candidate) {
    if (INTERNAL_NAMES.indexOf(candidate) !== -1) return;
    var d = distance(name, candidate, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  });
  return best;
}

// A prototype over `base` (Object.prototype, or Function.prototype for methods) that
// throws on string names neither it nor Function.prototype (for a function) has;
// `method` names the method whose properties these are.
function unknownNames(base, method) {
  return new Proxy(base, {
    get: function (t, property, receiver) {
      if (property in t) return Reflect.get(t, property, receiver);
      if (typeof receiver === 'function' && property in Function.prototype) {
        return Reflect.get(Function.prototype, property, receiver);
      }
      if (typeof property !== 'string' || UNCHECKED_NAMES.indexOf(property) !== -1) return undefined;
      if (method) {
        throw Error('Invalid Chai property: ' + method + '.' + property + '. See docs for proper usage of "' + method + '".');
      }
      var close = suggestion(property);
      throw Error('Invalid Chai property: ' + property + (close === null ? '' : '. Did you mean "' + close + '"?'));
    }
  });
}
Object.setPrototypeOf(Assertion.prototype, unknownNames(Object.prototype, null));

function addProperty(name, getter) {
  Object.defineProperty(Assertion.prototype, name, {
    get: function () {
      var result = getter.call(this);
      return result === undefined ? this : result;
    },
    configurable: true
  });
}
function addMethod(name, method) {
  var fn = function () {
    var result = method.apply(this, arguments);
    return result === undefined ? this : result;
  };
  Object.setPrototypeOf(fn, unknownNames(Function.prototype, name));
  Assertion.prototype[name] = fn;
}
function addChainableMethod(name, method, chaining) {
  Object.defineProperty(Assertion.prototype, name, {
    get: function () {
      if (chaining) chaining.call(this);
      var self = this;
      var fn = function () {
        var result = method.apply(self, arguments);
        return result === undefined ? self : result;
      };
      Object.setPrototypeOf(fn, Assertion.prototype);
      Object.defineProperty(fn, '__flags', { value: this.__flags });
      return fn;
    },
    configurable: true
  });
}

['to', 'be', 'been', 'is', 'and', 'has', 'have', 'with', 'that', 'which', 'at', 'of', 'same', 'but', 'does', 'still', 'also'].forEach(function (chain) {
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
  type = String(type).toLowerCase();
  var article = /^[aeiou]/.test(type) ? 'an ' : 'a ';
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
    included = obj.indexOf(val) !== -1;
  } else if (type === 'array') {
    included = obj.some(function (item) { return deep ? deepEqual(item, val) : item === val || (item !== item && val !== val); });
  } else if (type === 'map' || type === 'set') {
    included = obj.has(val);
  } else if (obj !== null && typeof obj === 'object' && val !== null && typeof val === 'object') {
    var props = Object.keys(val);
    var firstErr = null;
    var numErrs = 0;
    var self = this;
    props.forEach(function (prop) {
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
['include', 'includes', 'contain', 'contains'].forEach(function (name) { addChainableMethod(name, include, includeChain); });

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
  else if (val !== null && typeof val === 'object') count = Object.keys(val).length;
  else throw new AssertionError('.empty was passed non-string primitive ' + inspect(val));
  this.assert(count === 0, 'expected #{this} to be empty', 'expected #{this} not to be empty');
});

function assertEqual(val, msg) {
  if (msg) setFlag(this, 'message', msg);
  if (flag(this, 'deep')) return assertEql.call(this, val);
  this.assert(val === this._obj, 'expected #{this} to equal #{exp}', 'expected #{this} to not equal #{exp}', val, this._obj);
}
['equal', 'equals', 'eq'].forEach(function (name) { addMethod(name, assertEqual); });
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
['above', 'gt', 'greaterThan'].forEach(function (n) { addMethod(n, above); });
['least', 'gte', 'greaterThanOrEqual'].forEach(function (n) { addMethod(n, least); });
['below', 'lt', 'lessThan'].forEach(function (n) { addMethod(n, below); });
['most', 'lte', 'lessThanOrEqual'].forEach(function (n) { addMethod(n, most); });
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
  this.assert(re.exec(this._obj), 'expected #{this} to match ' + re, 'expected #{this} not to match ' + re);
});
addMethod('matches', Assertion.prototype.match);
addMethod('string', function (str, msg) {
  if (msg) setFlag(this, 'message', msg);
  this.assert(String(this._obj).indexOf(str) !== -1, 'expected #{this} to contain ' + inspect(str), 'expected #{this} to not contain ' + inspect(str));
});

addMethod('oneOf', function (list, msg) {
  if (msg) setFlag(this, 'message', msg);
  var expected = this._obj;
  var deep = flag(this, 'deep');
  var found = list.some(function (item) { return deep ? deepEqual(item, expected) : item === expected; });
  this.assert(found, 'expected #{this} to ' + (deep ? 'deeply equal' : 'be') + ' one of #{exp}', 'expected #{this} to not ' + (deep ? 'deeply equal' : 'be') + ' one of #{exp}', list, expected);
});

function getPathValue(obj, path) {
  var parts = String(path).replace(/\[/g, '.[').match(/(\\\.|[^.]+?)+/g) || [];
  var value = obj;
  var exists = true;
  for (var i = 0; i < parts.length; i++) {
    var part = parts[i].replace(/\\([.[\]])/g, '$1');
    var m = /^\[(\d+)\]$/.exec(part);
    var key = m ? Number(m[1]) : part;
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
  if (isOwn) hasProperty = obj !== null && obj !== undefined && Object.prototype.hasOwnProperty.call(obj, name);
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
addMethod('haveOwnProperty', function (name, val) { setFlag(this, 'own', true); return Assertion.prototype.property.apply(this, arguments); });
addMethod('ownProperty', Assertion.prototype.haveOwnProperty);

addMethod('keys', function (keys) {
  var obj = this._obj;
  var type = typeOf(obj);
  var actual = type === 'map' || type === 'set' ? Array.from(obj.keys()) : Object.keys(obj);
  if (arguments.length > 1 || typeOf(keys) !== 'array' && typeOf(keys) !== 'object') keys = Array.prototype.slice.call(arguments);
  else if (typeOf(keys) === 'object') keys = Object.keys(keys);
  keys = keys.map(String);
  if (!keys.length) throw new AssertionError('keys required');
  var len = keys.length;
  var any = flag(this, 'any');
  var all = flag(this, 'all');
  var expected = keys;
  if (!any && !all) all = true;
  var ok;
  if (any) ok = expected.some(function (k) { return actual.indexOf(k) !== -1; });
  if (all) {
    ok = expected.every(function (k) { return actual.indexOf(k) !== -1; });
    if (!flag(this, 'negate') && !flag(this, 'contains')) ok = ok && keys.length === actual.length;
  }
  var str;
  if (len > 1) {
    var shown = keys.map(function (k) { return inspect(k); });
    var last = shown.pop();
    if (all) str = shown.join(', ') + ', and ' + last;
    if (any) str = shown.join(', ') + ', or ' + last;
  } else {
    str = inspect(keys[0]);
  }
  str = (len > 1 ? 'keys ' : 'key ') + str;
  str = (flag(this, 'contains') ? 'contain ' : 'have ') + str;
  this.assert(ok, 'expected #{this} to ' + str, 'expected #{this} to not ' + str, expected.slice(0).sort(), actual.sort());
});
addMethod('key', Assertion.prototype.keys);

function isSubsetOf(subset, superset, deep, contains, ordered) {
  if (!contains) {
    if (subset.length !== superset.length) return false;
    superset = superset.slice();
  }
  return subset.every(function (elem, idx) {
    if (ordered) return deep ? deepEqual(elem, superset[idx]) : elem === superset[idx];
    if (!deep) {
      var matchIdx = superset.indexOf(elem);
      if (matchIdx === -1) return false;
      if (!contains) superset.splice(matchIdx, 1);
      return true;
    }
    return superset.some(function (elem2, matchIdx) {
      if (!deepEqual(elem, elem2)) return false;
      if (!contains) superset.splice(matchIdx, 1);
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
  var name = constructor && constructor.name ? constructor.name : String(constructor);
  this.assert(this._obj instanceof constructor, 'expected #{this} to be an instance of ' + name, 'expected #{this} to not be an instance of ' + name);
});
addMethod('instanceOf', Assertion.prototype['instanceof']);
addMethod('closeTo', function (expected, delta, msg) {
  if (msg) setFlag(this, 'message', msg);
  this.assert(Math.abs(this._obj - expected) <= delta, 'expected #{this} to be close to ' + expected + ' +/- ' + delta, 'expected #{this} not to be close to ' + expected + ' +/- ' + delta);
});
addMethod('approximately', Assertion.prototype.closeTo);
addMethod('throw', function (errLike, msg) {
  var thrown = false;
  var caught;
  try { this._obj(); } catch (e) { thrown = true; caught = e; }
  if (typeof errLike === 'string') {
    this.assert(thrown && caught && String(caught.message).indexOf(errLike) !== -1, 'expected #{this} to throw error including ' + inspect(errLike), 'expected #{this} to throw error not including ' + inspect(errLike));
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
