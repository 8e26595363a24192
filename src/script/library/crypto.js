// crypto-js 3 for the sandbox: WordArray, the encoders, the hashers, HMAC, PBKDF2, EvpKDF
// and the AES/DES/TripleDES ciphers with crypto-js's modes, paddings and OpenSSL format.
// Digests and ciphers run in Rust (`native`, bytes as hex); this file keeps crypto-js's
// objects and their behaviour.
'use strict';

function notSupported(what) {
  var error = new Error('not supported: ' + what);
  error.name = 'NotSupportedError';
  throw error;
}

var Base = {
  extend: function (overrides) {
    var subtype = Object.create(this);
    if (overrides) subtype.mixIn(overrides);
    if (!subtype.hasOwnProperty('init') || this.init === subtype.init) {
      subtype.init = function () { subtype.$super.init.apply(this, arguments); };
    }
    subtype.init.prototype = subtype;
    subtype.$super = this;
    return subtype;
  },
  create: function () {
    var instance = this.extend();
    instance.init.apply(instance, arguments);
    return instance;
  },
  init: function () {},
  mixIn: function (properties) {
    for (var name in properties) {
      if (Object.prototype.hasOwnProperty.call(properties, name)) this[name] = properties[name];
    }
    return this;
  },
  clone: function () { return this.init.prototype.extend(this); }
};

var WordArray = Base.extend({
  init: function (words, sigBytes) {
    if (words instanceof ArrayBuffer) words = new Uint8Array(words);
    if (ArrayBuffer.isView(words) && !(words instanceof Uint8Array)) {
      words = new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
    }
    if (words instanceof Uint8Array) {
      var packed = [];
      for (var i = 0; i < words.length; i++) packed[i >>> 2] |= words[i] << (24 - (i % 4) * 8);
      this.words = packed;
      this.sigBytes = words.length;
      return;
    }
    words = this.words = words || [];
    this.sigBytes = sigBytes !== undefined ? sigBytes : words.length * 4;
  },
  toString: function (encoder) { return (encoder || Hex).stringify(this); },
  concat: function (wordArray) {
    var thisWords = this.words, thatWords = wordArray.words;
    var thisSigBytes = this.sigBytes, thatSigBytes = wordArray.sigBytes;
    this.clamp();
    for (var i = 0; i < thatSigBytes; i++) {
      var byte = (thatWords[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff;
      var at = thisSigBytes + i;
      thisWords[at >>> 2] |= byte << (24 - (at % 4) * 8);
    }
    this.sigBytes += thatSigBytes;
    return this;
  },
  clamp: function () {
    var words = this.words, sigBytes = this.sigBytes;
    words[sigBytes >>> 2] &= 0xffffffff << (32 - (sigBytes % 4) * 8);
    words.length = Math.ceil(sigBytes / 4);
  },
  clone: function () {
    var clone = Base.clone.call(this);
    clone.words = this.words.slice(0);
    return clone;
  }
});
WordArray.random = function (nBytes) { return Hex.parse(native.random(nBytes)); };

function hexOf(wordArray) {
  var words = wordArray.words, out = [];
  for (var i = 0; i < wordArray.sigBytes; i++) {
    var byte = (words[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff;
    out.push((byte >>> 4).toString(16), (byte & 0x0f).toString(16));
  }
  return out.join('');
}

var Hex = {
  stringify: hexOf,
  parse: function (hexStr) {
    var length = hexStr.length, words = [];
    for (var i = 0; i < length; i += 2) {
      words[i >>> 3] |= parseInt(hexStr.substr(i, 2), 16) << (24 - (i % 8) * 4);
    }
    return new WordArray.init(words, length / 2);
  }
};

var Latin1 = {
  stringify: function (wordArray) {
    var words = wordArray.words, chars = [];
    for (var i = 0; i < wordArray.sigBytes; i++) {
      chars.push(String.fromCharCode((words[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff));
    }
    return chars.join('');
  },
  parse: function (latin1Str) {
    var length = latin1Str.length, words = [];
    for (var i = 0; i < length; i++) {
      words[i >>> 2] |= (latin1Str.charCodeAt(i) & 0xff) << (24 - (i % 4) * 8);
    }
    return new WordArray.init(words, length);
  }
};

var Utf8 = {
  stringify: function (wordArray) {
    try {
      return decodeURIComponent(escape(Latin1.stringify(wordArray)));
    } catch (e) {
      throw new Error('Malformed UTF-8 data');
    }
  },
  parse: function (utf8Str) { return Latin1.parse(unescape(encodeURIComponent(utf8Str))); }
};

function utf16(littleEndian) {
  function swap(word) { return ((word << 8) & 0xff00ff00) | ((word >>> 8) & 0x00ff00ff); }
  return {
    stringify: function (wordArray) {
      var words = wordArray.words, chars = [];
      for (var i = 0; i < wordArray.sigBytes; i += 2) {
        var word = words[i >>> 2];
        if (littleEndian) word = swap(word);
        chars.push(String.fromCharCode((word >>> (16 - (i % 4) * 8)) & 0xffff));
      }
      return chars.join('');
    },
    parse: function (str) {
      var length = str.length, words = [];
      for (var i = 0; i < length; i++) {
        words[i >>> 1] |= str.charCodeAt(i) << (16 - (i % 2) * 16);
      }
      if (littleEndian) for (var j = 0; j < words.length; j++) words[j] = swap(words[j]);
      return WordArray.create(words, length * 2);
    }
  };
}

var BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
var Base64 = {
  stringify: function (wordArray) {
    var words = wordArray.words, sigBytes = wordArray.sigBytes, out = [];
    wordArray.clamp();
    for (var i = 0; i < sigBytes; i += 3) {
      var triplet = 0;
      for (var k = 0; k < 3; k++) {
        triplet = (triplet << 8) | ((words[(i + k) >>> 2] >>> (24 - ((i + k) % 4) * 8)) & 0xff);
      }
      for (var j = 0; j < 4; j++) {
        out.push(i + j * 0.75 < sigBytes ? BASE64.charAt((triplet >>> (6 * (3 - j))) & 0x3f) : '=');
      }
    }
    return out.join('');
  },
  parse: function (base64Str) {
    var length = base64Str.length, pad = base64Str.indexOf('=');
    if (pad !== -1) length = pad;
    var words = [], nBytes = 0;
    for (var i = 0; i < length; i++) {
      if (i % 4) {
        var high = BASE64.indexOf(base64Str.charAt(i - 1)), low = BASE64.indexOf(base64Str.charAt(i));
        high = high < 0 ? 0 : high;
        low = low < 0 ? 0 : low;
        var byte = ((high << ((i % 4) * 2)) | (low >>> (6 - (i % 4) * 2))) & 0xff;
        words[nBytes >>> 2] |= byte << (24 - (nBytes % 4) * 8);
        nBytes++;
      }
    }
    return WordArray.create(words, nBytes);
  }
};

function toWordArray(data) {
  return typeof data === 'string' ? Utf8.parse(data) : data;
}

// Hashers: `algo.NAME.create().update(m).finalize(m)`; the message is kept and digested at
// finalize, in Rust.
var Hasher = Base.extend({
  cfg: Base.extend(),
  init: function (cfg) {
    this.cfg = this.cfg.extend(cfg);
    this.reset();
  },
  reset: function () { this._data = WordArray.create(); },
  update: function (messageUpdate) {
    this._data.concat(toWordArray(messageUpdate));
    return this;
  },
  finalize: function (messageUpdate) {
    if (messageUpdate) this.update(messageUpdate);
    var name = this._name;
    if (name === 'SHA3') name = 'SHA3-' + (this.cfg.outputLength || 512);
    var hash = Hex.parse(native.digest(name, hexOf(this._data)));
    this.reset();
    return hash;
  },
  clone: function () {
    var clone = Base.clone.call(this);
    clone._data = this._data.clone();
    return clone;
  },
  blockSize: 512 / 32
});

var C = { lib: {}, enc: {}, algo: {}, mode: {}, pad: {}, format: {}, kdf: {} };
C.lib.Base = Base;
C.lib.WordArray = WordArray;
C.lib.Hasher = Hasher;
C.enc.Hex = Hex;
C.enc.Latin1 = Latin1;
C.enc.Utf8 = Utf8;
C.enc.Utf16 = C.enc.Utf16BE = utf16(false);
C.enc.Utf16LE = utf16(true);
C.enc.Base64 = Base64;

['MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3', 'RIPEMD160'].forEach(function (name) {
  var algo = C.algo[name] = Hasher.extend({ _name: name });
  if (name === 'SHA384' || name === 'SHA512' || name === 'SHA3') algo.blockSize = 1024 / 32;
  C[name] = function (message, cfg) { return algo.create(cfg).finalize(message); };
  if (name !== 'SHA3') {
    C['Hmac' + name] = function (message, key) { return C.algo.HMAC.create(algo, key).finalize(message); };
  }
});
C.algo.SHA3.cfg = Hasher.cfg.extend({ outputLength: 512 });

function hasherName(hasher) {
  var name = hasher && hasher._name;
  if (!name || name === 'SHA3') notSupported('CryptoJS hasher');
  return name;
}

C.algo.HMAC = Base.extend({
  init: function (hasher, key) {
    this._hasher = hasherName(hasher);
    this._key = toWordArray(key);
    this.reset();
  },
  reset: function () { this._data = WordArray.create(); },
  update: function (messageUpdate) {
    this._data.concat(toWordArray(messageUpdate));
    return this;
  },
  finalize: function (messageUpdate) {
    if (messageUpdate) this.update(messageUpdate);
    var mac = Hex.parse(native.hmac(this._hasher, hexOf(this._key), hexOf(this._data)));
    this.reset();
    return mac;
  }
});

function kdf(nativeName, defaults) {
  var algo = Base.extend({
    cfg: Base.extend(defaults),
    init: function (cfg) { this.cfg = this.cfg.extend(cfg); },
    compute: function (password, salt) {
      var cfg = this.cfg;
      var bytes = native[nativeName](hasherName(cfg.hasher), hexOf(toWordArray(password)),
        hexOf(toWordArray(salt)), cfg.iterations, cfg.keySize * 4);
      return Hex.parse(bytes);
    }
  });
  return algo;
}
C.algo.PBKDF2 = kdf('pbkdf2', { keySize: 128 / 32, hasher: C.algo.SHA1, iterations: 1 });
C.algo.EvpKDF = kdf('evpkdf', { keySize: 128 / 32, hasher: C.algo.MD5, iterations: 1 });
C.PBKDF2 = function (password, salt, cfg) { return C.algo.PBKDF2.create(cfg).compute(password, salt); };
C.EvpKDF = function (password, salt, cfg) { return C.algo.EvpKDF.create(cfg).compute(password, salt); };

module.exports = C;
// The ciphers follow, in cipher.js.
