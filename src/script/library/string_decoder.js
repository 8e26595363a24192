// Node's `string_decoder`: bytes (a Buffer, Uint8Array or array of numbers) to text, with
// a multi-byte UTF-8 or UTF-16 character split across writes kept for the next write.
function normalizeEncoding(enc) {
  var e = String(enc === undefined || enc === null ? 'utf8' : enc).toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': case 'ascii': case 'hex': return e;
    default: throw new TypeError('Unknown encoding: ' + enc);
  }
}

function bytesOf(buf) {
  if (typeof buf === 'string') return null;
  var out = [];
  for (var i = 0; i < (buf ? buf.length : 0); i++) out.push(buf[i] & 0xFF);
  return out;
}

// Complete UTF-8 characters of `bytes`, and how many trailing bytes start an incomplete one.
function utf8Split(bytes) {
  var end = bytes.length;
  for (var back = 1; back <= 3 && back <= bytes.length; back++) {
    var b = bytes[bytes.length - back];
    if ((b & 0xC0) === 0x80) continue;
    var need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (need > back) end = bytes.length - back;
    break;
  }
  return end;
}

function utf8Decode(bytes) {
  var out = '';
  for (var i = 0; i < bytes.length;) {
    var b = bytes[i], need = b >= 0xF0 && b < 0xF8 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 && b < 0xE0 ? 1 : 0;
    if (b < 0x80) { out += String.fromCharCode(b); i++; continue; }
    var cp = need === 3 ? b & 0x07 : need === 2 ? b & 0x0F : b & 0x1F, ok = need > 0;
    for (var k = 1; ok && k <= need; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xC0) !== 0x80) ok = false;
      else cp = (cp << 6) | (bytes[i + k] & 0x3F);
    }
    if (!ok) { out += '\uFFFD'; i++; continue; }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeWhole(enc, bytes) {
  var out = '', i;
  switch (enc) {
    case 'utf8': return utf8Decode(bytes);
    case 'latin1': for (i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]); return out;
    case 'ascii': for (i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i] & 0x7F); return out;
    case 'hex': for (i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16); return out;
    case 'utf16le': for (i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8)); return out;
    default:
      for (i = 0; i < bytes.length; i += 3) {
        var n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
        out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
      }
      return out;
  }
}

function StringDecoder(encoding) {
  this.encoding = normalizeEncoding(encoding);
  this.pending = [];
}

StringDecoder.prototype.write = function (buf) {
  var bytes = bytesOf(buf);
  if (bytes === null) return buf;
  bytes = this.pending.concat(bytes);
  var end = bytes.length;
  if (this.encoding === 'utf8') end = utf8Split(bytes);
  else if (this.encoding === 'utf16le') {
    end = bytes.length - (bytes.length % 2);
    if (end >= 2) {
      var last = bytes[end - 2] | (bytes[end - 1] << 8);
      if (last >= 0xD800 && last <= 0xDBFF) end -= 2;
    }
  } else if (this.encoding === 'base64') end = bytes.length - (bytes.length % 3);
  this.pending = bytes.slice(end);
  return decodeWhole(this.encoding, bytes.slice(0, end));
};

StringDecoder.prototype.end = function (buf) {
  var out = buf === undefined ? '' : this.write(buf);
  if (this.pending.length) {
    out += this.encoding === 'utf8' ? '\uFFFD' : decodeWhole(this.encoding, this.pending);
    this.pending = [];
  }
  return out;
};

StringDecoder.prototype.text = function (buf, offset) {
  return this.write(Array.prototype.slice.call(buf, offset || 0));
};

exports.StringDecoder = StringDecoder;
