// chai's (loupe's) inspect style: `inspect` and `objDisplay`, which show values in
// failure messages. Evaluated inside the prelude closure after chai.js.
var TRUNCATE = 40;
var TRUNCATOR = '\u2026';

function truncate(string, length) {
  string = $String(string);
  if (TRUNCATOR.length > length && string.length > length) return TRUNCATOR;
  if (string.length > length && string.length > TRUNCATOR.length) {
    return strSlice(string, 0, length - TRUNCATOR.length) + TRUNCATOR;
  }
  return string;
}

var ESCAPES = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\v': '\\v', '\r': '\\r', "'": "\\'", '\\': '\\\\' };
function escapeString(string) {
  return strReplace(string, /[\b\t\n\f\v\r'\\\u0000-\u001f\u007f-\u009f]/g, function (c) {
    return ESCAPES[c] || '\\u' + strSlice('0000' + numberToString(charCodeAt(c, 0), 16), -4);
  });
}

function inspectList(list, options, inspectItem) {
  var separator = ', ';
  var size = list.length;
  if (size === 0) return '';
  var originalLength = options.truncate;
  var output = '';
  var peek = '';
  var truncated = '';
  for (var i = 0; i < size; i += 1) {
    var last = i + 1 === size;
    var secondToLast = i + 2 === size;
    truncated = TRUNCATOR + '(' + (size - i) + ')';
    options.truncate = originalLength - output.length - (last ? 0 : separator.length);
    var string = peek || inspectItem(list[i], options) + (last ? '' : separator);
    var nextLength = output.length + string.length;
    var truncatedLength = nextLength + truncated.length;
    if (last && nextLength > originalLength && output.length + truncated.length <= originalLength) break;
    if (!last && !secondToLast && truncatedLength > originalLength) break;
    peek = last ? '' : inspectItem(list[i + 1], options) + (secondToLast ? '' : separator);
    if (!last && secondToLast && truncatedLength > originalLength && nextLength + peek.length > originalLength) break;
    output += string;
    if (!last && !secondToLast && nextLength + peek.length >= originalLength) {
      truncated = TRUNCATOR + '(' + (size - i - 1) + ')';
      break;
    }
    truncated = '';
  }
  return output + truncated;
}

function quoteKey(key) {
  if (regExpExec(/^[a-zA-Z_][a-zA-Z_0-9]*$/, key) !== null) return key;
  return strReplace(strReplace(strReplace(jsonStringify(key), /'/g, "\\'"), /\\"/g, '"'), /(^"|"$)/g, "'");
}

function inspectProperty(entry, options) {
  options.truncate -= 2;
  var key = typeof entry[0] === 'string' ? quoteKey(entry[0]) : '[' + inspectWith(entry[0], options) + ']';
  options.truncate -= key.length;
  return key + ': ' + inspectWith(entry[1], options);
}

function inspectItem(value, options) { return inspectWith(value, options); }

function inspectWith(value, parent) {
  var options = { truncate: parent.truncate, seen: parent.seen };
  var type = value === null ? 'null' : typeof value;
  switch (type) {
    case 'null': return 'null';
    case 'undefined': return 'undefined';
    case 'boolean': return $String(value);
    case 'string': return "'" + truncate(escapeString(value), options.truncate - 2) + "'";
    case 'number':
      if (value !== value) return 'NaN';
      if (value === Infinity) return 'Infinity';
      if (value === -Infinity) return '-Infinity';
      if (value === 0) return 1 / value < 0 ? '-0' : '+0';
      return truncate($String(value), options.truncate);
    case 'bigint': return truncate($String(value) + 'n', options.truncate);
    case 'symbol': return symbolToString(value);
    case 'function': return value.name ? '[Function ' + value.name + ']' : '[Function]';
  }
  if (indexOf(options.seen, value) >= 0) return '[Circular]';
  var tag = strSlice(objectTag(value), 8, -1);
  if (tag === 'RegExp') return truncate($String(value), options.truncate);
  if (tag === 'Date') {
    if ($isNaN(dateGetTime(value))) return 'Invalid Date';
    var iso = splitText(dateToISOString(value), 'T');
    return iso[0] + 'T' + truncate(iso[1], options.truncate - iso[0].length - 1);
  }
  if (tag === 'Error' || value instanceof $Error) {
    var name = value.name || 'Error';
    return value.message ? name + ': ' + value.message : name;
  }
  options.seen = concat(options.seen, [value]);
  if (isArray(value)) {
    if (value.length === 0) return '[]';
    options.truncate -= 4;
    return '[ ' + inspectList(value, options, inspectItem) + ' ]';
  }
  var keys = keysOf(value);
  if (keys.length === 0) return '{}';
  options.truncate -= 4;
  var contents = inspectList(map(keys, function (k) { return [k, value[k]]; }), options, inspectProperty);
  return '{ ' + contents + ' }';
}

function inspect(value) { return inspectWith(value, { truncate: TRUNCATE, seen: [] }); }

function objDisplay(obj) {
  var str = inspect(obj);
  var type = objectTag(obj);
  if (str.length >= TRUNCATE) {
    if (type === '[object Function]') return !obj.name ? '[Function]' : '[Function: ' + obj.name + ']';
    if (type === '[object Array]') return '[ Array(' + obj.length + ') ]';
    if (type === '[object Object]') {
      var keys = keysOf(obj);
      var kstr = keys.length > 2 ? join(splice(keys, 0, 2), ', ') + ', ...' : join(keys, ', ');
      return '{ Object (' + kstr + ') }';
    }
  }
  return str;
}
