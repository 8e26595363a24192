
// The ciphers of crypto-js (continues crypto.js): CipherParams, the OpenSSL and Hex formats,
// OpenSSL's passphrase key derivation, the paddings, and AES/DES/TripleDES, whose blocks
// and modes run in Rust.
var CipherParams = C.lib.CipherParams = Base.extend({
  init: function (cipherParams) { if (cipherParams) this.mixIn(cipherParams); },
  toString: function (formatter) { return (formatter || this.formatter).stringify(this); }
});

var SALTED = [0x53616c74, 0x65645f5f];
C.format.OpenSSL = {
  stringify: function (cipherParams) {
    var ciphertext = cipherParams.ciphertext, salt = cipherParams.salt;
    var all = salt ? WordArray.create(SALTED.slice(0)).concat(salt).concat(ciphertext) : ciphertext;
    return all.toString(Base64);
  },
  parse: function (openSSLStr) {
    var ciphertext = Base64.parse(openSSLStr), words = ciphertext.words, salt;
    if (words[0] === SALTED[0] && words[1] === SALTED[1]) {
      salt = WordArray.create(words.slice(2, 4));
      words.splice(0, 4);
      ciphertext.sigBytes -= 16;
    }
    return CipherParams.create({ ciphertext: ciphertext, salt: salt });
  }
};
C.format.Hex = {
  stringify: function (cipherParams) { return cipherParams.ciphertext.toString(Hex); },
  parse: function (input) { return CipherParams.create({ ciphertext: Hex.parse(input) }); }
};

C.kdf.OpenSSL = {
  execute: function (password, keySize, ivSize, salt) {
    if (!salt) salt = WordArray.random(64 / 8);
    var key = C.algo.EvpKDF.create({ keySize: keySize + ivSize }).compute(password, salt);
    var iv = WordArray.create(key.words.slice(keySize), ivSize * 4);
    key.sigBytes = keySize * 4;
    return CipherParams.create({ key: key, iv: iv, salt: salt });
  }
};

function padTo(byte) {
  return {
    pad: function (data, blockSize) {
      var blockBytes = blockSize * 4, nPad = blockBytes - (data.sigBytes % blockBytes), bytes = [];
      for (var i = 0; i < nPad; i++) bytes.push(byte(i, nPad));
      data.concat(Latin1.parse(String.fromCharCode.apply(null, bytes)));
    },
    unpad: function (data) { data.sigBytes -= data.words[(data.sigBytes - 1) >>> 2] & 0xff; }
  };
}
C.pad.Pkcs7 = padTo(function (i, nPad) { return nPad; });
C.pad.AnsiX923 = padTo(function (i, nPad) { return i === nPad - 1 ? nPad : 0; });
C.pad.Iso10126 = padTo(function (i, nPad) {
  return i === nPad - 1 ? nPad : parseInt(native.random(1), 16);
});
C.pad.ZeroPadding = {
  pad: function (data, blockSize) {
    var blockBytes = blockSize * 4;
    data.clamp();
    data.sigBytes += blockBytes - ((data.sigBytes % blockBytes) || blockBytes);
  },
  unpad: function (data) {
    var words = data.words, i = data.sigBytes - 1;
    while (i >= 0 && !((words[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff)) i--;
    data.sigBytes = i + 1;
  }
};
C.pad.Iso97971 = {
  pad: function (data, blockSize) {
    data.concat(WordArray.create([0x80000000], 1));
    C.pad.ZeroPadding.pad(data, blockSize);
  },
  unpad: function (data) {
    C.pad.ZeroPadding.unpad(data);
    data.sigBytes--;
  }
};
C.pad.NoPadding = { pad: function () {}, unpad: function () {} };

['CBC', 'ECB', 'CFB', 'OFB', 'CTR'].forEach(function (name) {
  C.mode[name] = Base.extend({ _name: name });
});
C.mode.CTRGladman = Base.extend({ _name: 'CTRGladman' });

function wordArrayOf(value, what) {
  if (!value || !Array.isArray(value.words)) {
    throw new TypeError("Cannot read properties of " + value + " (reading '" + what + "')");
  }
  return value;
}

// One encryption or decryption: data gathered by process(), the work done at finalize().
var Cipher = C.lib.Cipher = Base.extend({
  cfg: Base.extend({ iv: undefined, mode: C.mode.CBC, padding: C.pad.Pkcs7 }),
  init: function (xformMode, key, cfg) {
    this.cfg = this.cfg.extend(cfg);
    this._xformMode = xformMode;
    this._key = wordArrayOf(key, 'sigBytes');
    this.reset();
  },
  reset: function () { this._data = WordArray.create(); },
  process: function (dataUpdate) {
    this._data.concat(toWordArray(dataUpdate));
    return WordArray.create();
  },
  finalize: function (dataUpdate) {
    if (dataUpdate) this.process(dataUpdate);
    var cfg = this.cfg, mode = cfg.mode, padding = cfg.padding, data = this._data;
    var encrypt = this._xformMode === 1;
    if (!mode || !C.mode[mode._name] || mode._name === 'CTRGladman') notSupported('CryptoJS mode');
    var iv = '';
    if (mode._name !== 'ECB') iv = hexOf(wordArrayOf(cfg.iv, '0'));
    if (encrypt) padding.pad(data, this.blockSize);
    var out = Hex.parse(native.cipher(this._name, encrypt, mode._name, hexOf(this._key), iv, hexOf(data)));
    if (!encrypt) padding.unpad(out);
    this.reset();
    return out;
  }
});

var SerializableCipher = C.lib.SerializableCipher = Base.extend({
  cfg: Base.extend({ format: C.format.OpenSSL }),
  encrypt: function (cipher, message, key, cfg) {
    cfg = this.cfg.extend(cfg);
    var encryptor = cipher.createEncryptor(key, cfg);
    var ciphertext = encryptor.finalize(message);
    var cipherCfg = encryptor.cfg;
    return CipherParams.create({
      ciphertext: ciphertext, key: key, iv: cipherCfg.iv, algorithm: cipher, mode: cipherCfg.mode,
      padding: cipherCfg.padding, blockSize: cipher.blockSize, formatter: cfg.format
    });
  },
  decrypt: function (cipher, ciphertext, key, cfg) {
    cfg = this.cfg.extend(cfg);
    ciphertext = this._parse(ciphertext, cfg.format);
    return cipher.createDecryptor(key, cfg).finalize(ciphertext.ciphertext);
  },
  _parse: function (ciphertext, format) {
    return typeof ciphertext === 'string' ? format.parse(ciphertext, this) : ciphertext;
  }
});

var PasswordBasedCipher = C.lib.PasswordBasedCipher = SerializableCipher.extend({
  cfg: SerializableCipher.cfg.extend({ kdf: C.kdf.OpenSSL }),
  encrypt: function (cipher, message, password, cfg) {
    cfg = this.cfg.extend(cfg);
    var derived = cfg.kdf.execute(password, cipher.keySize, cipher.ivSize);
    cfg.iv = derived.iv;
    var ciphertext = SerializableCipher.encrypt.call(this, cipher, message, derived.key, cfg);
    ciphertext.mixIn(derived);
    return ciphertext;
  },
  decrypt: function (cipher, ciphertext, password, cfg) {
    cfg = this.cfg.extend(cfg);
    ciphertext = this._parse(ciphertext, cfg.format);
    var derived = cfg.kdf.execute(password, cipher.keySize, cipher.ivSize, ciphertext.salt);
    cfg.iv = derived.iv;
    return SerializableCipher.decrypt.call(this, cipher, ciphertext, derived.key, cfg);
  }
});

function blockCipher(name, keySize, blockSize) {
  var algo = C.algo[name] = Cipher.extend({ _name: name, keySize: keySize, ivSize: blockSize, blockSize: blockSize });
  algo.createEncryptor = function (key, cfg) { return this.create(1, key, cfg); };
  algo.createDecryptor = function (key, cfg) { return this.create(2, key, cfg); };
  C[name] = {
    encrypt: function (message, key, cfg) {
      var how = typeof key === 'string' ? PasswordBasedCipher : SerializableCipher;
      return how.encrypt(algo, message, key, cfg);
    },
    decrypt: function (ciphertext, key, cfg) {
      var how = typeof key === 'string' ? PasswordBasedCipher : SerializableCipher;
      return how.decrypt(algo, ciphertext, key, cfg);
    }
  };
}
blockCipher('AES', 256 / 32, 128 / 32);
blockCipher('DES', 64 / 32, 64 / 32);
blockCipher('TripleDES', 192 / 32, 64 / 32);

['RC4', 'RC4Drop', 'Rabbit', 'RabbitLegacy'].forEach(function (name) {
  var fail = function () { notSupported('CryptoJS.' + name); };
  C[name] = { encrypt: fail, decrypt: fail };
});
C.HmacSHA3 = function () { notSupported('CryptoJS.HmacSHA3'); };
