// Node's `stream`, small: Readable (push, read, pipe, `data`/`end` events), Writable
// (write, end, `finish`), Duplex, Transform and PassThrough, over events' EventEmitter.
// Chunks flow synchronously as they are pushed; no backpressure, no object-mode distinction.
var EventEmitter = require('events');
var util = require('util');

function Stream() { EventEmitter.call(this); }
util.inherits(Stream, EventEmitter);

function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  Stream.call(this);
  this._buffer = [];
  this._ended = false;
  this._flowing = false;
  this._endEmitted = false;
  this.readable = true;
  if (options && typeof options.read === 'function') this._read = options.read;
}
util.inherits(Readable, Stream);

Readable.prototype.on = Readable.prototype.addListener = function (type, listener) {
  EventEmitter.prototype.on.call(this, type, listener);
  if (type === 'data' && !this._paused) this.resume();
  return this;
};
Readable.prototype._read = function () {};
Readable.prototype.push = function (chunk) {
  if (chunk === null) { this._ended = true; this._flush(); return false; }
  this._buffer.push(chunk);
  this._flush();
  return true;
};
Readable.prototype._flush = function () {
  while (this._flowing && this._buffer.length) this.emit('data', this._buffer.shift());
  if (this._ended && !this._buffer.length && !this._endEmitted && this._flowing) {
    this._endEmitted = true;
    this.readable = false;
    this.emit('end');
  }
};
Readable.prototype.read = function () {
  if (!this._buffer.length) { this._read(); return null; }
  return this._buffer.shift();
};
Readable.prototype.resume = function () {
  this._paused = false;
  if (!this._flowing) { this._flowing = true; this._read(); }
  this._flush();
  return this;
};
Readable.prototype.pause = function () { this._flowing = false; this._paused = true; return this; };
Readable.prototype.setEncoding = function () { return this; };
Readable.prototype.pipe = function (dest) {
  this.on('end', function () { if (dest !== undefined && typeof dest.end === 'function') dest.end(); });
  this.on('data', function (chunk) { dest.write(chunk); });
  this.resume();
  return dest;
};
Readable.prototype.destroy = function (err) {
  this._ended = true;
  this._buffer = [];
  if (err) this.emit('error', err);
  this.emit('close');
  return this;
};
Readable.from = function (iterable) {
  var r = new Readable();
  Array.from(iterable).forEach(function (c) { r.push(c); });
  r.push(null);
  return r;
};

function Writable(options) {
  if (!(this instanceof Writable)) return new Writable(options);
  Stream.call(this);
  this.writable = true;
  this._finished = false;
  if (options && typeof options.write === 'function') this._write = options.write;
  if (options && typeof options.final === 'function') this._final = options.final;
}
util.inherits(Writable, Stream);

Writable.prototype._write = function (chunk, encoding, callback) { callback(); };
Writable.prototype.write = function (chunk, encoding, cb) {
  if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
  if (this._finished) {
    var err = new Error('write after end');
    err.code = 'ERR_STREAM_WRITE_AFTER_END';
    this.emit('error', err);
    return false;
  }
  var self = this;
  this._write(chunk, encoding || 'utf8', function (err) {
    if (err) self.emit('error', err);
    if (cb) cb(err);
  });
  return true;
};
Writable.prototype.end = function (chunk, encoding, cb) {
  if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
  if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
  if (this._finished) return this;
  this._finished = true;
  this.writable = false;
  var self = this;
  var done = function () { self.emit('finish'); if (cb) cb(); };
  if (this._final) this._final(done); else done();
  return this;
};
Writable.prototype.destroy = Readable.prototype.destroy;

function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  Readable.call(this, options);
  this.writable = true;
  this._finished = false;
  if (options && typeof options.write === 'function') this._write = options.write;
  if (options && typeof options.final === 'function') this._final = options.final;
}
util.inherits(Duplex, Readable);
['write', 'end', '_write'].forEach(function (m) { Duplex.prototype[m] = Writable.prototype[m]; });

function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);
  Duplex.call(this, options);
  if (options && typeof options.transform === 'function') this._transform = options.transform;
  if (options && typeof options.flush === 'function') this._flushTransform = options.flush;
  var self = this;
  this._final = function (done) {
    var finish = function (err, data) {
      if (data !== undefined && data !== null) self.push(data);
      self.push(null);
      done(err);
    };
    if (self._flushTransform) self._flushTransform(finish); else finish();
  };
}
util.inherits(Transform, Duplex);
Transform.prototype._transform = function (chunk, encoding, callback) { callback(null, chunk); };
Transform.prototype._write = function (chunk, encoding, callback) {
  var self = this;
  this._transform(chunk, encoding, function (err, data) {
    if (data !== undefined && data !== null) self.push(data);
    callback(err);
  });
};

function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
util.inherits(PassThrough, Transform);

Stream.Stream = Stream;
Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.pipeline = function () {
  var streams = Array.prototype.slice.call(arguments);
  var cb = typeof streams[streams.length - 1] === 'function' ? streams.pop() : null;
  for (var i = 0; i + 1 < streams.length; i++) streams[i].pipe(streams[i + 1]);
  var last = streams[streams.length - 1];
  if (cb) last.on('finish', function () { cb(); });
  return last;
};
module.exports = Stream;
