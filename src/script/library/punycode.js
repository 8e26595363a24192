// Node's `punycode` (punycode.js 1.4): RFC 3492 by natives, labels split as punycode.js
// splits them (`.`, `。`, `．`, `｡`; an e-mail's local part is kept).
var separators = /[\x2E\u3002\uFF0E\uFF61]/g;

function mapDomain(string, fn) {
  var parts = String(string).split('@');
  var result = '';
  if (parts.length > 1) {
    result = parts[0] + '@';
    string = parts[1];
  }
  string = String(string).replace(separators, '.');
  return result + string.split('.').map(fn).join('.');
}

function ucs2decode(string) {
  var output = [];
  for (var i = 0; i < string.length; i++) {
    var value = string.charCodeAt(i);
    if (value >= 0xD800 && value <= 0xDBFF && i + 1 < string.length) {
      var extra = string.charCodeAt(i + 1);
      if ((extra & 0xFC00) === 0xDC00) {
        output.push(((value & 0x3FF) << 10) + (extra & 0x3FF) + 0x10000);
        i++;
        continue;
      }
    }
    output.push(value);
  }
  return output;
}

function ucs2encode(codePoints) {
  return codePoints.map(function (c) { return String.fromCodePoint(c); }).join('');
}

module.exports = {
  version: '1.4.1',
  ucs2: { decode: ucs2decode, encode: ucs2encode },
  encode: function (input) { return native.encode(String(input)); },
  decode: function (input) { return native.decode(String(input)); },
  toASCII: function (input) {
    return mapDomain(input, function (label) {
      return /[^\0-\x7E]/.test(label) ? 'xn--' + native.encode(label) : label;
    });
  },
  toUnicode: function (input) {
    return mapDomain(input, function (label) {
      return /^xn--/.test(label) ? native.decode(label.slice(4).toLowerCase()) : label;
    });
  }
};
