// Node's `timers`: the sandbox's timer globals, where the sandbox has them.
function forward(name) {
  return function () {
    var f = globalThis[name];
    if (typeof f !== 'function') {
      var e = new Error('not supported: ' + name);
      e.name = 'UnsupportedError';
      throw e;
    }
    return f.apply(globalThis, arguments);
  };
}

['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate']
  .forEach(function (name) { exports[name] = forward(name); });
