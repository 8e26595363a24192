// Node's `events`: EventEmitter.
function EventEmitter() { EventEmitter.init.call(this); }

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.defaultMaxListeners = 10;
EventEmitter.init = function () {
  if (!this._events || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
  }
  this._maxListeners = this._maxListeners || undefined;
};

function checkListener(listener) {
  if (typeof listener !== 'function') {
    var e = new TypeError('The "listener" argument must be of type function. Received ' +
      (listener === null ? 'null' : 'type ' + typeof listener));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
}

function addListener(target, type, listener, prepend) {
  checkListener(listener);
  if (!target._events) target._events = Object.create(null);
  if (target._events.newListener !== undefined) {
    target.emit('newListener', type, listener.listener ? listener.listener : listener);
  }
  var list = target._events[type] || (target._events[type] = []);
  if (prepend) list.unshift(listener); else list.push(listener);
  return target;
}

function onceWrapper(target, type, listener) {
  var state = { fired: false };
  function wrapped() {
    if (state.fired) return undefined;
    state.fired = true;
    target.removeListener(type, wrapped);
    return listener.apply(target, arguments);
  }
  wrapped.listener = listener;
  return wrapped;
}

var proto = EventEmitter.prototype;
proto._events = undefined;
proto._maxListeners = undefined;
proto.setMaxListeners = function (n) {
  if (typeof n !== 'number' || n < 0 || n !== n) {
    throw new RangeError('The value of "n" is out of range. It must be a non-negative number. Received ' + n);
  }
  this._maxListeners = n;
  return this;
};
proto.getMaxListeners = function () {
  return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners;
};
proto.emit = function (type) {
  var args = Array.prototype.slice.call(arguments, 1);
  var list = this._events && this._events[type];
  if (type === 'error' && !list) {
    var er = args[0];
    if (er instanceof Error) throw er;
    var err = new Error('Unhandled error. (' + er + ')');
    err.context = er;
    throw err;
  }
  if (!list) return false;
  list = list.slice();
  for (var i = 0; i < list.length; i++) list[i].apply(this, args);
  return true;
};
proto.addListener = proto.on = function (type, listener) { return addListener(this, type, listener, false); };
proto.prependListener = function (type, listener) { return addListener(this, type, listener, true); };
proto.once = function (type, listener) {
  checkListener(listener);
  return this.on(type, onceWrapper(this, type, listener));
};
proto.prependOnceListener = function (type, listener) {
  checkListener(listener);
  return this.prependListener(type, onceWrapper(this, type, listener));
};
proto.removeListener = proto.off = function (type, listener) {
  checkListener(listener);
  var list = this._events && this._events[type];
  if (!list) return this;
  for (var i = list.length - 1; i >= 0; i--) {
    if (list[i] === listener || list[i].listener === listener) {
      list.splice(i, 1);
      if (list.length === 0) delete this._events[type];
      if (this._events.removeListener !== undefined) this.emit('removeListener', type, listener);
      break;
    }
  }
  return this;
};
proto.removeAllListeners = function (type) {
  if (!this._events) return this;
  if (arguments.length === 0) this._events = Object.create(null);
  else delete this._events[type];
  return this;
};
proto.listeners = function (type) {
  var list = (this._events && this._events[type]) || [];
  return list.map(function (l) { return l.listener || l; });
};
proto.rawListeners = function (type) { return ((this._events && this._events[type]) || []).slice(); };
proto.listenerCount = function (type) { return ((this._events && this._events[type]) || []).length; };
proto.eventNames = function () { return this._events ? Object.keys(this._events) : []; };
EventEmitter.listenerCount = function (emitter, type) { return emitter.listenerCount(type); };
EventEmitter.once = function (emitter, name) {
  return new Promise(function (resolve, reject) {
    function onError(err) { emitter.removeListener(name, onValue); reject(err); }
    function onValue() {
      if (name !== 'error') emitter.removeListener('error', onError);
      resolve(Array.prototype.slice.call(arguments));
    }
    emitter.once(name, onValue);
    if (name !== 'error') emitter.once('error', onError);
  });
};

module.exports = EventEmitter;
