// `buffer` for the sandbox: Node's Buffer as a Uint8Array subclass, with the utf8, hex,
// base64, latin1/binary, ascii and utf16le encodings.
'use strict';

var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
var B64_VALUES = {};
for (var k = 0; k < 64; k++) B64_VALUES[B64.charAt(k)] = k;
B64_VALUES['-'] = 62;
B64_VALUES._ = 63;

function normalize(encoding) {
  var name = String(encoding === undefined ? 'utf8' : encoding).toLowerCase();
  switch (name) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'hex': case 'base64': case 'ascii': return name;
    case 'base64url': return 'base64url';
    case 'latin1': case 'binary': return 'latin1';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    default: throw new TypeError('Unknown encoding: ' + encoding);
  }
}

function utf8Bytes(string) {
  var out = [];
  for (var i = 0; i < string.length; i++) {
    var c = string.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < string.length) {
      var d = string.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function utf8Text(bytes) {
  var out = '', i = 0;
  while (i < bytes.length) {
    var b = bytes[i], need = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : 0;
    if (b < 0x80) { out += String.fromCharCode(b); i++; continue; }
    if (!need || b > 0xf4) { out += '\ufffd'; i++; continue; }
    var c = b & (0x3f >> need), j = 1;
    for (; j <= need && i + j < bytes.length; j++) {
      var next = bytes[i + j];
      var low = j === 1 && b === 0xe0 ? 0xa0 : j === 1 && b === 0xf0 ? 0x90 : 0x80;
      var high = j === 1 && b === 0xed ? 0x9f : j === 1 && b === 0xf4 ? 0x8f : 0xbf;
      if (next < low || next > high) break;
      c = (c << 6) | (next & 0x3f);
    }
    if (j <= need) { out += '\ufffd'; i += j; continue; }
    out += String.fromCodePoint(c);
    i += need + 1;
  }
  return out;
}

function base64Bytes(string) {
  var out = [], bits = 0, value = 0;
  for (var i = 0; i < string.length; i++) {
    var ch = string.charAt(i);
    if (ch === '=') break;
    var v = B64_VALUES[ch];
    if (v === undefined) continue;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return out;
}

function base64Text(bytes, url) {
  var out = '';
  for (var i = 0; i < bytes.length; i += 3) {
    var n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
    out += B64.charAt((n >> 18) & 63) + B64.charAt((n >> 12) & 63);
    out += i + 1 < bytes.length ? B64.charAt((n >> 6) & 63) : url ? '' : '=';
    out += i + 2 < bytes.length ? B64.charAt(n & 63) : url ? '' : '=';
  }
  return url ? out.replace(/\+/g, '-').replace(/\//g, '_') : out;
}

function bytesOf(string, encoding) {
  var out = [], i;
  switch (normalize(encoding)) {
    case 'utf8': return utf8Bytes(string);
    case 'hex':
      for (i = 0; i + 1 < string.length; i += 2) {
        var byte = parseInt(string.substr(i, 2), 16);
        if (isNaN(byte) || !/^[0-9a-fA-F]{2}$/.test(string.substr(i, 2))) break;
        out.push(byte);
      }
      return out;
    case 'base64': case 'base64url': return base64Bytes(string);
    case 'latin1': case 'ascii':
      for (i = 0; i < string.length; i++) out.push(string.charCodeAt(i) & 0xff);
      return out;
    default:
      for (i = 0; i < string.length; i++) {
        var c = string.charCodeAt(i);
        out.push(c & 0xff, c >> 8);
      }
      return out;
  }
}

function textOf(bytes, encoding) {
  var out = '', i;
  switch (normalize(encoding)) {
    case 'utf8': return utf8Text(bytes);
    case 'hex':
      for (i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
      return out;
    case 'base64': return base64Text(bytes, false);
    case 'base64url': return base64Text(bytes, true);
    case 'latin1':
      for (i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
      return out;
    case 'ascii':
      for (i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i] & 0x7f);
      return out;
    default:
      for (i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
      return out;
  }
}

class Buffer extends Uint8Array {
  static from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return Buffer._of(bytesOf(value, encodingOrOffset));
    if (value instanceof ArrayBuffer) {
      var offset = encodingOrOffset === undefined ? 0 : encodingOrOffset;
      return new Buffer(value, offset, length === undefined ? value.byteLength - offset : length);
    }
    if (value && typeof value === 'object' && value.type === 'Buffer' && Array.isArray(value.data)) {
      return Buffer._of(value.data);
    }
    if (value && typeof value === 'object' && typeof value.length === 'number') return Buffer._of(value);
    throw new TypeError('The first argument must be of type string or an instance of Buffer, ' +
      'ArrayBuffer, or Array or an Array-like Object. Received ' + (value === null ? 'null' : typeof value));
  }
  static _of(bytes) {
    var buffer = new Buffer(bytes.length);
    for (var i = 0; i < bytes.length; i++) buffer[i] = bytes[i];
    return buffer;
  }
  static alloc(size, fill, encoding) {
    var buffer = new Buffer(size);
    if (fill !== undefined) buffer.fill(fill, 0, size, encoding);
    return buffer;
  }
  static allocUnsafe(size) { return new Buffer(size); }
  static isBuffer(value) { return value instanceof Buffer; }
  static isEncoding(encoding) {
    try { normalize(encoding); return typeof encoding === 'string'; } catch (e) { return false; }
  }
  static byteLength(value, encoding) {
    return typeof value === 'string' ? bytesOf(value, encoding).length : value.byteLength;
  }
  static concat(list, totalLength) {
    var total = 0, i;
    for (i = 0; i < list.length; i++) total += list[i].length;
    var out = Buffer.alloc(totalLength === undefined ? total : totalLength), at = 0;
    for (i = 0; i < list.length && at < out.length; i++) {
      var part = list[i].subarray(0, out.length - at);
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
  static compare(a, b) { return a.compare(b); }
  toString(encoding, start, end) {
    start = start === undefined ? 0 : Math.max(0, start | 0);
    end = end === undefined ? this.length : Math.min(this.length, end | 0);
    if (end <= start) return '';
    return textOf(this.subarray(start, end), encoding);
  }
  toJSON() { return { type: 'Buffer', data: Array.prototype.slice.call(this) }; }
  equals(other) { return this.compare(other) === 0; }
  compare(other) {
    for (var i = 0; i < Math.min(this.length, other.length); i++) {
      if (this[i] !== other[i]) return this[i] < other[i] ? -1 : 1;
    }
    return this.length === other.length ? 0 : this.length < other.length ? -1 : 1;
  }
  slice(start, end) { return this.subarray(start, end); }
  write(string, offset, length, encoding) {
    if (typeof offset === 'string') { encoding = offset; offset = 0; }
    var bytes = bytesOf(string, encoding);
    offset = offset || 0;
    var n = Math.min(bytes.length, this.length - offset, length === undefined ? Infinity : length);
    for (var i = 0; i < n; i++) this[offset + i] = bytes[i];
    return n;
  }
  fill(value, start, end, encoding) {
    start = start || 0;
    end = end === undefined ? this.length : end;
    var bytes = typeof value === 'string' ? bytesOf(value, encoding) : [value & 0xff];
    if (!bytes.length) bytes = [0];
    for (var i = start; i < end; i++) this[i] = bytes[(i - start) % bytes.length];
    return this;
  }
  indexOf(value, from) {
    if (typeof value === 'number') return Uint8Array.prototype.indexOf.call(this, value, from);
    var needle = typeof value === 'string' ? bytesOf(value) : value;
    outer: for (var i = from || 0; i + needle.length <= this.length; i++) {
      for (var j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  }
  includes(value, from) { return this.indexOf(value, from) !== -1; }
  readUInt8(offset) { return this[offset || 0]; }
  inspect() { return '<Buffer ' + textOf(this.subarray(0, 50), 'hex').replace(/(..)(?!$)/g, '$1 ') + '>'; }
}

module.exports = { Buffer: Buffer, kMaxLength: 0x7fffffff, constants: { MAX_LENGTH: 0x7fffffff } };
