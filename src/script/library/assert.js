// Node's `assert` (as the sandbox's assert package words its messages).
var util = require('util');
var inspect = util.inspect;

function AssertionError(options) {
  var message = options.message;
  var generated = message === undefined;
  if (message instanceof Error) throw message;
  if (generated) message = options.generated;
  var e = new Error(String(message));
  Object.setPrototypeOf(e, AssertionError.prototype);
  e.generatedMessage = options.generatedFlag !== undefined ? options.generatedFlag : generated;
  e.code = 'ERR_ASSERTION';
  e.actual = options.actual;
  e.expected = options.expected;
  e.operator = options.operator;
  return e;
}
AssertionError.prototype = Object.create(Error.prototype, {
  constructor: { value: AssertionError, writable: true, configurable: true },
  name: { value: 'AssertionError', writable: true, configurable: true }
});

function fail(actual, expected, message, operator, generated, generatedFlag) {
  throw new AssertionError({
    actual: actual, expected: expected, message: message, operator: operator,
    generated: generated, generatedFlag: generatedFlag
  });
}

function ok(value, message) {
  if (arguments.length === 0) {
    fail(undefined, true, undefined, '==', 'No value argument passed to `assert.ok()`');
  }
  if (!value) fail(value, true, message, '==', inspect(value) + ' == true', false);
}

// The `+ actual - expected` diff of two single-line values, with a caret under the
// first difference.
function diff(header, actual, expected) {
  var a = inspect(actual), b = inspect(expected);
  if (a.indexOf('\n') === -1 && b.indexOf('\n') === -1) {
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return header + '\n+ actual - expected\n\n+ ' + a + '\n- ' + b + '\n' + new Array(i + 3).join(' ') + '^';
  }
  return header + '\n+ actual - expected\n\n' + a.split('\n').map(function (l) { return '+ ' + l; }).join('\n') +
    '\n' + b.split('\n').map(function (l) { return '- ' + l; }).join('\n');
}

function unequal(header, expected) {
  var e = inspect(expected);
  return header + (e.indexOf('\n') === -1 ? ' ' + e : '\n\n' + e + '\n');
}

var assert = function (value, message) {
  if (arguments.length === 0) return ok();
  return ok(value, message);
};

assert.AssertionError = AssertionError;
assert.ok = assert;
assert.fail = function (message) {
  if (arguments.length === 0) fail(undefined, undefined, undefined, 'fail', 'Failed');
  fail(undefined, undefined, message, 'fail');
};
assert.equal = function (actual, expected, message) {
  if (!(actual == expected || (actual !== actual && expected !== expected))) {
    fail(actual, expected, message, '==', inspect(actual) + ' == ' + inspect(expected));
  }
};
assert.notEqual = function (actual, expected, message) {
  if (actual == expected || (actual !== actual && expected !== expected)) {
    fail(actual, expected, message, '!=', inspect(actual) + ' != ' + inspect(expected));
  }
};
assert.strictEqual = function (actual, expected, message) {
  if (!Object.is(actual, expected)) {
    var simple = (typeof actual !== 'object' || actual === null) && (typeof expected !== 'object' || expected === null);
    fail(actual, expected, message, 'strictEqual', simple
      ? 'Expected values to be strictly equal:\n\n' + inspect(actual) + ' !== ' + inspect(expected) + '\n'
      : diff('Expected values to be strictly equal:', actual, expected));
  }
};
assert.notStrictEqual = function (actual, expected, message) {
  if (Object.is(actual, expected)) {
    fail(actual, expected, message, 'notStrictEqual', unequal('Expected "actual" to be strictly unequal to:', expected));
  }
};
assert.deepEqual = function (actual, expected, message) {
  if (!util._isDeepEqual(actual, expected, false)) {
    fail(actual, expected, message, 'deepEqual', 'Expected values to be loosely deep-equal:\n\n' +
      inspect(actual) + '\n\nshould equal\n\n' + inspect(expected));
  }
};
assert.notDeepEqual = function (actual, expected, message) {
  if (util._isDeepEqual(actual, expected, false)) {
    fail(actual, expected, message, 'notDeepEqual', unequal('Expected "actual" not to be loosely deep-equal to:', expected));
  }
};
assert.deepStrictEqual = function (actual, expected, message) {
  if (!util._isDeepEqual(actual, expected, true)) {
    fail(actual, expected, message, 'deepStrictEqual', diff('Expected values to be strictly deep-equal:', actual, expected));
  }
};
assert.notDeepStrictEqual = function (actual, expected, message) {
  if (util._isDeepEqual(actual, expected, true)) {
    fail(actual, expected, message, 'notDeepStrictEqual', unequal('Expected "actual" not to be strictly deep-equal to:', expected));
  }
};

// Whether the thrown `error` satisfies `expected` (a class, a RegExp, a function or an
// object of properties); a mismatch rethrows the error as Node does.
function check(error, expected) {
  if (expected === undefined) return;
  if (expected instanceof RegExp) {
    if (expected.test(String(error))) return;
  } else if (typeof expected === 'function') {
    if (expected.prototype !== undefined && error instanceof expected) return;
    if (Error.isPrototypeOf(expected) || expected === Error) throw error;
    if (expected.call({}, error) === true) return;
  } else if (typeof expected === 'object' && expected !== null) {
    var keys = Object.keys(expected);
    var all = keys.every(function (k) {
      var want = expected[k];
      return want instanceof RegExp && typeof error[k] === 'string' ? want.test(error[k]) : util.isDeepStrictEqual(error[k], want);
    });
    if (all) return;
    fail(error, expected, undefined, 'throws', diff('Expected values to be strictly deep-equal:', error, expected));
  }
  throw error;
}

assert.throws = function (fn, expected, message) {
  if (typeof expected === 'string') { message = expected; expected = undefined; }
  try {
    fn();
  } catch (e) {
    check(e, expected);
    return;
  }
  fail(undefined, expected, message ? 'Missing expected exception: ' + message : undefined, 'throws', 'Missing expected exception.', false);
};
assert.doesNotThrow = function (fn, expected, message) {
  if (typeof expected === 'string') { message = expected; expected = undefined; }
  try {
    fn();
  } catch (e) {
    fail(e, expected, undefined, 'doesNotThrow', 'Got unwanted exception' + (message ? ': ' + message : '.') +
      '\nActual message: "' + (e && e.message) + '"', false);
  }
};
assert.rejects = function (promise, expected, message) {
  var p = typeof promise === 'function' ? promise() : promise;
  return Promise.resolve(p).then(function () {
    fail(undefined, expected, message ? 'Missing expected rejection: ' + message : undefined, 'rejects', 'Missing expected rejection.', false);
  }, function (e) { check(e, expected); });
};
assert.doesNotReject = function (promise, expected, message) {
  var p = typeof promise === 'function' ? promise() : promise;
  return Promise.resolve(p).then(function () {}, function (e) {
    fail(e, expected, undefined, 'doesNotReject', 'Got unwanted rejection.\nActual message: "' + (e && e.message) + '"', false);
  });
};
assert.ifError = function (value) {
  if (value !== null && value !== undefined) {
    var m = 'ifError got unwanted exception: ' + (value && value.message !== undefined ? value.message : inspect(value));
    fail(value, null, undefined, 'ifError', m);
  }
};
assert.match = function (string, regexp, message) {
  if (typeof string !== 'string' || !regexp.test(string)) {
    fail(string, regexp, message, 'match', 'The input did not match the regular expression ' + regexp + '. Input:\n\n' + inspect(string) + '\n');
  }
};
assert.doesNotMatch = function (string, regexp, message) {
  if (typeof string === 'string' && regexp.test(string)) {
    fail(string, regexp, message, 'doesNotMatch', 'The input was expected to not match the regular expression ' + regexp + '. Input:\n\n' + inspect(string) + '\n');
  }
};
assert.strict = assert;

module.exports = assert;
