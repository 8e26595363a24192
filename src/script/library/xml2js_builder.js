
// xml2js's Builder: an object to XML text, rendered as xmlbuilder renders it (pretty by
// default, `<a/>` for an empty element, a lone text child on the element's line).
function Builder(options) {
  if (!(this instanceof Builder)) return new Builder(options);
  this.options = merge(options);
}

function escapeText(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

function escapeAttr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');
}

function requiresCDATA(entry) {
  return typeof entry === 'string' && (entry.indexOf('&') >= 0 || entry.indexOf('>') >= 0 || entry.indexOf('<') >= 0);
}

function wrapCDATA(entry) {
  return '<![CDATA[' + String(entry).replace(/]]>/g, ']]]]><![CDATA[>') + ']]>';
}

function element(name) { return { name: String(name), attrs: [], children: [] }; }

Builder.prototype.text = function (el, value) {
  if (this.options.cdata && requiresCDATA(value)) el.children.push({ raw: wrapCDATA(value) });
  else el.children.push({ raw: escapeText(value) });
};

Builder.prototype.render = function (el, obj) {
  var o = this.options, self = this;
  if (typeof obj !== 'object' || obj === null) {
    this.text(el, obj == null ? '' : obj);
  } else if (Array.isArray(obj)) {
    obj.forEach(function (child) {
      Object.keys(child).forEach(function (key) { el.children.push(self.render(element(key), child[key])); });
    });
  } else {
    Object.keys(obj).forEach(function (key) {
      var child = obj[key];
      if (key === o.attrkey) {
        if (typeof child === 'object' && child) Object.keys(child).forEach(function (a) { el.attrs.push([a, child[a]]); });
      } else if (key === o.charkey) {
        self.text(el, child);
      } else if (Array.isArray(child)) {
        child.forEach(function (entry) { el.children.push(self.render(element(key), entry)); });
      } else {
        el.children.push(self.render(element(key), child));
      }
    });
  }
  return el;
};

Builder.prototype.serialize = function (el, level) {
  var r = this.options.renderOpts || {};
  var pretty = !!r.pretty;
  var indent = pretty ? new Array(level + 1).join(r.indent == null ? '  ' : r.indent) : '';
  var newline = pretty ? (r.newline == null ? '\n' : r.newline) : '';
  var out = indent + '<' + el.name;
  el.attrs.forEach(function (a) { out += ' ' + a[0] + '="' + escapeAttr(a[1]) + '"'; });
  var children = el.children;
  if (children.length === 0 || children.every(function (c) { return c.raw === ''; })) return out + '/>' + newline;
  if (!pretty || (children.length === 1 && children[0].raw !== undefined)) {
    var self = this;
    return out + '>' + children.map(function (c) { return c.raw !== undefined ? c.raw : self.serialize(c, 0); }).join('') + '</' + el.name + '>' + newline;
  }
  out += '>' + newline;
  for (var i = 0; i < children.length; i++) {
    var c = children[i];
    out += c.raw !== undefined ? indent + (r.indent == null ? '  ' : r.indent) + c.raw + newline : this.serialize(c, level + 1);
  }
  return out + indent + '</' + el.name + '>' + newline;
};

Builder.prototype.buildObject = function (rootObj) {
  var o = this.options, rootName;
  if (rootObj && typeof rootObj === 'object' && Object.keys(rootObj).length === 1 && o.rootName === defaults.rootName) {
    rootName = Object.keys(rootObj)[0];
    rootObj = rootObj[rootName];
  } else rootName = o.rootName;
  var root = this.render(element(rootName), rootObj);
  var r = o.renderOpts || {};
  var newline = r.pretty ? (r.newline == null ? '\n' : r.newline) : '';
  var out = '';
  if (!o.headless) {
    var d = o.xmldec || {};
    out = '<?xml version="' + (d.version || '1.0') + '"';
    if (d.encoding) out += ' encoding="' + d.encoding + '"';
    if (d.standalone != null) out += ' standalone="' + (d.standalone ? 'yes' : 'no') + '"';
    out += '?>' + newline;
  }
  out += this.serialize(root, 0);
  return newline && out.slice(-newline.length) === newline ? out.slice(0, -newline.length) : out;
};
