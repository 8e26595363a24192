// xml2js 0.4 (parseString, Parser, Builder, processors) over the native XML parser: the
// document arrives as a tree (library/xml.rs) and is folded the way xml2js folds sax events.
var defaults = {
  explicitCharkey: false, trim: false, normalize: false, normalizeTags: false, attrkey: '$',
  charkey: '_', explicitArray: true, ignoreAttrs: false, mergeAttrs: false, explicitRoot: true,
  validator: null, xmlns: false, explicitChildren: false, childkey: '$$', charsAsChildren: false,
  includeWhiteChars: false, async: false, strict: true, attrNameProcessors: null,
  attrValueProcessors: null, tagNameProcessors: null, valueProcessors: null,
  emptyTag: '', rootName: 'root', xmldec: { version: '1.0', encoding: 'UTF-8', standalone: true },
  doctype: null, renderOpts: { pretty: true, indent: '  ', newline: '\n' }, headless: false,
  chunkSize: 10000, cdata: false
};

function merge(options) {
  var out = {};
  Object.keys(defaults).forEach(function (k) { out[k] = defaults[k]; });
  if (options) Object.keys(options).forEach(function (k) { out[k] = options[k]; });
  return out;
}

function processItem(processors, item, key) {
  for (var i = 0; i < processors.length; i++) item = processors[i](item, key);
  return item;
}

function isEmpty(thing) {
  return typeof thing === 'object' && thing !== null && Object.keys(thing).length === 0;
}

function Parser(options) {
  if (!(this instanceof Parser)) return new Parser(options);
  this.options = merge(options);
  if (this.options.normalizeTags) {
    this.options.tagNameProcessors = (this.options.tagNameProcessors || []).concat([function (n) { return n.toLowerCase(); }]);
  }
  this.listeners = {};
}

Parser.prototype.on = function (event, listener) {
  (this.listeners[event] = this.listeners[event] || []).push(listener);
  return this;
};

Parser.prototype.emit = function (event, value) {
  (this.listeners[event] || []).forEach(function (l) { l(value); });
};

Parser.prototype.reset = function () { this.listeners = {}; };

Parser.prototype.assignOrPush = function (obj, key, value) {
  if (!(key in obj)) obj[key] = this.options.explicitArray ? [value] : value;
  else {
    if (!Array.isArray(obj[key])) obj[key] = [obj[key]];
    obj[key].push(value);
  }
};

// Folds one element of the native tree into xml2js's object.
Parser.prototype.fold = function (node) {
  var o = this.options, attrkey = o.attrkey, charkey = o.charkey;
  var obj = {};
  obj[charkey] = '';
  var attributes = node[1];
  if (!o.ignoreAttrs) {
    for (var i = 0; i < attributes.length; i += 2) {
      if (!(attrkey in obj) && !o.mergeAttrs) obj[attrkey] = {};
      var value = o.attrValueProcessors ? processItem(o.attrValueProcessors, attributes[i + 1], attributes[i]) : attributes[i + 1];
      var key = o.attrNameProcessors ? processItem(o.attrNameProcessors, attributes[i]) : attributes[i];
      if (o.mergeAttrs) this.assignOrPush(obj, key, value);
      else obj[attrkey][key] = value;
    }
  }
  var cdata = false;
  var nodeName = o.tagNameProcessors ? processItem(o.tagNameProcessors, node[0]) : node[0];
  for (var c = 2; c < node.length; c++) {
    var child = node[c];
    if (typeof child === 'string') obj[charkey] += child;
    else if (child[0] === null) { obj[charkey] += child[1]; cdata = true; }
    else this.assignOrPush(obj, this.foldName(child), this.fold(child));
  }
  var emptyStr;
  if (/^\s*$/.test(obj[charkey]) && !cdata) {
    emptyStr = obj[charkey];
    delete obj[charkey];
  } else {
    if (o.trim) obj[charkey] = obj[charkey].trim();
    if (o.normalize) obj[charkey] = obj[charkey].replace(/\s{2,}/g, ' ').trim();
    if (o.valueProcessors) obj[charkey] = processItem(o.valueProcessors, obj[charkey], nodeName);
    if (Object.keys(obj).length === 1 && charkey in obj && !o.explicitCharkey) obj = obj[charkey];
  }
  if (isEmpty(obj)) obj = o.emptyTag !== '' ? o.emptyTag : emptyStr;
  if (o.validator) obj = o.validator('/' + nodeName, null, obj);
  return obj;
};

Parser.prototype.foldName = function (node) {
  return this.options.tagNameProcessors ? processItem(this.options.tagNameProcessors, node[0]) : node[0];
};

Parser.prototype.parseString = function (str, cb) {
  var self = this;
  if (typeof cb === 'function') {
    this.on('end', function (result) { self.reset(); cb(null, result); });
    this.on('error', function (err) { self.reset(); cb(err); });
  }
  str = String(str);
  if (str.charCodeAt(0) === 0xFEFF) str = str.slice(1);
  if (str.trim() === '') { this.emit('end', null); return true; }
  var result;
  try {
    var tree = JSON.parse(native.parse(str));
    result = this.fold(tree);
    if (this.options.explicitRoot) {
      var wrapped = {};
      wrapped[this.foldName(tree)] = result;
      result = wrapped;
    }
  } catch (err) {
    this.emit('error', err instanceof Error ? err : new Error(String(err)));
    return;
  }
  this.emit('end', result);
};

Parser.prototype.parseStringPromise = function (str) {
  var self = this;
  return new Promise(function (resolve, reject) {
    self.parseString(str, function (err, value) { if (err) reject(err); else resolve(value); });
  });
};

function parseString(str, a, b) {
  var cb, options = {};
  if (b != null) { if (typeof b === 'function') cb = b; if (typeof a === 'object') options = a; }
  else { if (typeof a === 'function') cb = a; }
  return new Parser(options).parseString(str, cb);
}

function parseStringPromise(str, options) {
  return new Parser(typeof options === 'object' ? options : {}).parseStringPromise(str);
}

module.exports = {
  defaults: { '0.1': merge({ explicitArray: false }), '0.2': merge() },
  Parser: Parser,
  parseString: parseString,
  parseStringPromise: parseStringPromise,
  Builder: Builder,
  ValidationError: function ValidationError(message) { this.message = message; },
  processors: {
    normalize: function (str) { return str.toLowerCase(); },
    firstCharLowerCase: function (str) { return str.charAt(0).toLowerCase() + str.slice(1); },
    stripPrefix: function (str) { return str.replace(/^(\w+):/, ''); },
    parseNumbers: function (str) { if (!isNaN(str)) str = str % 1 === 0 ? parseInt(str, 10) : parseFloat(str); return str; },
    parseBooleans: function (str) { if (/^(?:true|false)$/i.test(str)) str = str.toLowerCase() === 'true'; return str; }
  }
};
