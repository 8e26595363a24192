// What a script leaves for after its body: pm.sendRequest callbacks and timers, run by
// `nextTask` (driven by the engine's event loop, with the promise jobs). Runs inside the
// prelude closure after pm.js.
// The response data of a request that failed: an empty response, as Newman gives it.
function emptyResponseData() {
  return { code: undefined, reason: undefined, time: undefined, size: undefined, body: undefined, headers: [], cookies: [] };
}

// The tasks a script leaves: pm.sendRequest callbacks and timers, run after the script's
// body (see `nextTask`). `order` breaks ties of `due` (milliseconds since the epoch).
var tasks = [];
var taskIds = 0;
var taskOrder = 0;
function addTask(task) {
  task.id = ++taskIds;
  task.order = ++taskOrder;
  push(tasks, task);
  return task.id;
}
function clearTask(id) {
  for (var i = 0; i < tasks.length; i++) if (tasks[i].id === id) { splice(tasks, i, 1); return; }
}
// A new script starts with no tasks (a script that ran out of time may leave some).
function resetTasks() { tasks.length = 0; }

// Runs the task due first, if it is due: returns 0 after running one, the milliseconds to
// wait for the next one, or -1 when none is left. An exception of a callback ends that
// callback only, and is dropped, as Newman does.
function nextTask() {
  if (tasks.length === 0) return -1;
  var best = 0;
  for (var i = 1; i < tasks.length; i++) {
    var t = tasks[i];
    if (t.due < tasks[best].due || (t.due === tasks[best].due && t.order < tasks[best].order)) best = i;
  }
  var task = tasks[best];
  var wait = task.due - monotonicNow();
  if (wait > 0) return wait;
  if (task.every > 0) {
    task.due = monotonicNow() + task.every;
    task.order = ++taskOrder;
  } else splice(tasks, best, 1);
  try { task.run(); } catch (e) { /* dropped */ }
  return 0;
}

function makeTimer(repeat) {
  return function (fn, ms) {
    if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
    var delay = mathMax(0, $Number(ms) || 0);
    var args = slice(arguments, 2);
    return addTask({ due: monotonicNow() + delay, every: repeat ? mathMax(delay, 1) : 0, run: function () { apply(fn, undefined, args); } });
  };
}
function setImmediate(fn) {
  if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
  var args = slice(arguments, 1);
  return addTask({ due: monotonicNow(), every: 0, run: function () { apply(fn, undefined, args); } });
}
setGlobal('setTimeout', makeTimer(false));
setGlobal('setInterval', makeTimer(true));
setGlobal('setImmediate', setImmediate);
forEach(['clearTimeout', 'clearInterval', 'clearImmediate'], function (name) { setGlobal(name, clearTask); });

// Postman's sandbox sends the request after the script's body and calls back with the
// error (if any) and the response (empty after an error), returning `pm` (as Newman
// 6.2.2's sandbox does); without a callback it returns a Promise of the response (as
// Postman's current sandbox does), so `await pm.sendRequest(…)` works.
function sendRequest(input, callback) {
  var self = pm;
  var promised = typeof callback !== 'function';
  var settle = { resolve: null, reject: null };
  var promise = promised ? new Promise(function (resolve, reject) { settle.resolve = resolve; settle.reject = reject; }) : null;
  if (!input) {
    var nothing = new Error('sendrequest: nothing to request');
    if (promised) settle.reject(nothing);
    else callback.call(self, nothing);
    return promised ? promise : self;
  }
  var request = JSON.stringify(toScriptRequest(input));
  addTask({
    due: monotonicNow(),
    every: 0,
    run: function () {
      var result = JSON.parse(N.send(request));
      var err = result.error === undefined ? null : new Error(result.error);
      if (promised) {
        if (err) settle.reject(err);
        else settle.resolve(makeResponse(result.response));
        return;
      }
      callback.call(self, err, makeResponse(err ? emptyResponseData() : result.response));
    }
  });
  return promised ? promise : self;
}
