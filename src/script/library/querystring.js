// Node's `querystring`.
function unescape(s) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    // Node decodes what it can and keeps a malformed escape as written.
    return s.replace(/(%[0-9a-fA-F]{2})+/g, function (run) {
      try { return decodeURIComponent(run); } catch (e2) { return run; }
    });
  }
}

function escape(s) {
  if (typeof s !== 'string') s = typeof s === 'object' ? String(s) : s + '';
  return encodeURIComponent(s);
}

function primitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && isFinite(v)) return '' + v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return '' + v;
  return '';
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  var encode = (options && options.encodeURIComponent) || module.exports.escape;
  if (obj === null || typeof obj !== 'object') return '';
  return Object.keys(obj).map(function (k) {
    var ks = encode(primitive(k)) + eq;
    var v = obj[k];
    if (Array.isArray(v)) return v.map(function (x) { return ks + encode(primitive(x)); }).join(sep);
    return ks + encode(primitive(v));
  }).filter(function (s) { return s !== ''; }).join(sep);
}

function parse(qs, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  var obj = Object.create(null);
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  var maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
  var decode = (options && options.decodeURIComponent) || module.exports.unescape;
  var parts = qs.split(sep);
  if (maxKeys > 0 && parts.length > maxKeys) parts = parts.slice(0, maxKeys);
  parts.forEach(function (part) {
    if (part === '') return;
    var at = part.indexOf(eq);
    var k = at >= 0 ? part.slice(0, at) : part;
    var v = at >= 0 ? part.slice(at + eq.length) : '';
    k = decode(k.replace(/\+/g, ' '));
    v = decode(v.replace(/\+/g, ' '));
    if (!(k in obj)) obj[k] = v;
    else if (Array.isArray(obj[k])) obj[k].push(v);
    else obj[k] = [obj[k], v];
  });
  return obj;
}

module.exports = {
  parse: parse,
  decode: parse,
  stringify: stringify,
  encode: stringify,
  escape: escape,
  unescape: unescape
};
