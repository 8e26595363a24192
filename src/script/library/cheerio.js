// cheerio 0.22's `load(html)` and the selection methods Postman scripts use. The document
// is parsed by natives into a node table; selectors are matched by natives (each call
// parses the document again: the natives keep no state).
var VOID = /^(area|base|br|col|embed|hr|img|input|keygen|link|meta|param|source|track|wbr)$/;

function escapeText(s) { return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }
function escapeAttr(s) { return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;'); }

function Document(html) {
  this.source = html;
  var rows = JSON.parse(native.parse(html));
  var nodes = rows.map(function (r, i) {
    var node = { index: i, parent: r[1], children: [] };
    if (r[0] === 0) node.type = 'root';
    else if (r[0] === 1) {
      node.type = 'tag';
      node.name = r[2];
      node.attribs = {};
      for (var a = 0; a < r[3].length; a += 2) node.attribs[r[3][a]] = r[3][a + 1];
    } else if (r[0] === 2) { node.type = 'text'; node.data = r[2]; }
    else if (r[0] === 3) { node.type = 'comment'; node.data = r[2]; }
    else if (r[0] === 4) { node.type = 'directive'; node.data = '!DOCTYPE ' + r[2]; }
    else node.type = 'skip';
    return node;
  });
  nodes.forEach(function (node) {
    if (node.type !== 'skip' && node.parent >= 0) nodes[node.parent].children.push(node);
  });
  nodes.forEach(function (node) {
    node.parentNode = node.parent >= 0 && node.type !== 'skip' ? nodes[node.parent] : null;
  });
  this.nodes = nodes;
  this.root = nodes[0];
}

function textOf(node) {
  if (node.type === 'text') return node.data;
  if (node.type === 'comment' || node.type === 'directive') return '';
  return node.children.map(textOf).join('');
}

function outer(node) {
  switch (node.type) {
    case 'text': return node.parentNode && /^(script|style)$/.test(node.parentNode.name) ? node.data : escapeText(node.data);
    case 'comment': return '<!--' + node.data + '-->';
    case 'directive': return '<' + node.data + '>';
    case 'root': return inner(node);
    default:
      var out = '<' + node.name;
      Object.keys(node.attribs).forEach(function (k) { out += ' ' + k + '="' + escapeAttr(node.attribs[k]) + '"'; });
      if (VOID.test(node.name)) return out + '>';
      return out + '>' + inner(node) + '</' + node.name + '>';
  }
}

function inner(node) { return node.children.map(outer).join(''); }

function elementsOf(list) { return list.filter(function (n) { return n.type === 'tag'; }); }

function load(html) {
  var doc = new Document(html == null ? '' : String(html));

  function Cheerio(nodes) {
    var seen = [];
    nodes = nodes.filter(function (n) { if (n == null || seen.indexOf(n) !== -1) return false; seen.push(n); return true; });
    for (var i = 0; i < nodes.length; i++) this[i] = nodes[i];
    this.length = nodes.length;
  }

  function wrap(nodes) { return new Cheerio(nodes); }
  function list(sel) { return Array.prototype.slice.call(sel, 0, sel.length); }
  function byIndex(indices) { return indices.map(function (i) { return doc.nodes[i]; }); }
  function filterBy(nodes, selector) {
    if (selector === undefined) return nodes;
    if (typeof selector === 'function') return nodes.filter(function (n, i) { return selector.call(n, i, n); });
    var tags = elementsOf(nodes);
    var ok = native.matches(doc.source, String(selector), tags.map(function (n) { return n.index; }));
    return tags.filter(function (n, i) { return ok[i]; });
  }

  function $(selector, context) {
    if (selector === undefined || selector === null || selector === '') return wrap([]);
    if (selector instanceof Cheerio) return selector;
    if (typeof selector === 'object' && selector.type) return wrap([selector]);
    if (Array.isArray(selector)) return wrap(selector);
    if (typeof selector !== 'string') return wrap([]);
    if (context !== undefined) return $(context).find(selector);
    return wrap(byIndex(native.select(doc.source, selector, [])));
  }

  var fn = Cheerio.prototype;
  fn.cheerio = '[cheerio object]';
  fn.toArray = function () { return list(this); };
  fn.get = function (i) { return i === undefined ? list(this) : this[i < 0 ? this.length + i : i]; };
  fn.eq = function (i) { var n = this.get(i); return wrap(n ? [n] : []); };
  fn.first = function () { return this.eq(0); };
  fn.last = function () { return this.eq(this.length - 1); };
  fn.slice = function (a, b) { return wrap(list(this).slice(a, b)); };
  fn.each = function (f) {
    for (var i = 0; i < this.length; i++) if (f.call(this[i], i, this[i]) === false) break;
    return this;
  };
  fn.map = function (f) {
    var out = [];
    for (var i = 0; i < this.length; i++) {
      var v = f.call(this[i], i, this[i]);
      if (v !== null && v !== undefined) out = out.concat(v);
    }
    var result = wrap([]);
    out.forEach(function (v, i) { result[i] = v; });
    result.length = out.length;
    return result;
  };
  fn.filter = function (selector) { return wrap(filterBy(list(this), selector)); };
  fn.not = function (selector) { var keep = filterBy(list(this), selector); return wrap(list(this).filter(function (n) { return keep.indexOf(n) === -1; })); };
  fn.is = function (selector) { return filterBy(list(this), selector).length > 0; };
  fn.find = function (selector) {
    var scopes = elementsOf(list(this)).map(function (n) { return n.index; });
    if (this.length === 1 && this[0].type === 'root') return $(selector);
    return scopes.length ? wrap(byIndex(native.select(doc.source, String(selector), scopes))) : wrap([]);
  };
  fn.children = function (selector) {
    var out = [];
    list(this).forEach(function (n) { out = out.concat(elementsOf(n.children || [])); });
    return wrap(filterBy(out, selector));
  };
  fn.contents = function () {
    var out = [];
    list(this).forEach(function (n) { out = out.concat(n.children || []); });
    return wrap(out);
  };
  fn.parent = function (selector) {
    var out = list(this).map(function (n) { return n.parentNode; }).filter(function (p) { return p && p.type === 'tag'; });
    return wrap(filterBy(out, selector));
  };
  fn.parents = function (selector) {
    var out = [];
    list(this).forEach(function (n) { for (var p = n.parentNode; p && p.type === 'tag'; p = p.parentNode) out.push(p); });
    return wrap(filterBy(out, selector));
  };
  fn.closest = function (selector) {
    var out = [];
    list(this).forEach(function (n) {
      for (var p = n; p && p.type === 'tag'; p = p.parentNode) if (filterBy([p], selector).length) { out.push(p); break; }
    });
    return wrap(out);
  };
  function siblings(n) { return n.parentNode ? elementsOf(n.parentNode.children) : [n]; }
  fn.next = function (selector) {
    return wrap(filterBy(list(this).map(function (n) { var s = siblings(n); return s[s.indexOf(n) + 1]; }), selector));
  };
  fn.prev = function (selector) {
    return wrap(filterBy(list(this).map(function (n) { var s = siblings(n); return s[s.indexOf(n) - 1]; }), selector));
  };
  fn.siblings = function (selector) {
    var out = [];
    list(this).forEach(function (n) { out = out.concat(siblings(n).filter(function (s) { return s !== n; })); });
    return wrap(filterBy(out, selector));
  };
  fn.index = function () { var n = this[0]; return n ? siblings(n).indexOf(n) : -1; };
  fn.text = function () { return list(this).map(textOf).join(''); };
  fn.html = function () { return this.length ? inner(this[0]) : null; };
  fn.toString = function () { return list(this).map(outer).join(''); };
  fn.attr = function (name) {
    var n = this[0];
    if (!n || n.type !== 'tag') return undefined;
    if (name === undefined) return n.attribs;
    return Object.prototype.hasOwnProperty.call(n.attribs, name) ? n.attribs[name] : undefined;
  };
  fn.prop = function (name) {
    var n = this[0];
    if (!n || n.type !== 'tag') return undefined;
    if (name === 'tagName' || name === 'nodeName') return n.name.toUpperCase();
    if (name === 'checked' || name === 'selected' || name === 'disabled') return name in n.attribs;
    return n.attribs[name];
  };
  fn.data = function (name) {
    var n = this[0];
    if (!n || n.type !== 'tag') return undefined;
    var data = {};
    Object.keys(n.attribs).forEach(function (k) {
      if (k.indexOf('data-') !== 0) return;
      var key = k.slice(5).replace(/-([a-z])/g, function (m, c) { return c.toUpperCase(); });
      var v = n.attribs[k];
      try { v = v === 'true' ? true : v === 'false' ? false : v === 'null' ? null : /^-?\d+(\.\d+)?$/.test(v) || /^[[{]/.test(v) ? JSON.parse(v) : v; } catch (e) { /* kept as text */ }
      data[key] = v;
    });
    return name === undefined ? data : data[name];
  };
  fn.val = function () {
    var n = this[0];
    if (!n || n.type !== 'tag') return undefined;
    if (n.name === 'textarea') return textOf(n);
    if (n.name === 'select') {
      var selected = $(n).find('option[selected]');
      if (!selected.length) selected = $(n).find('option').first();
      return 'multiple' in n.attribs ? selected.map(function () { return $(this).val(); }).get() : selected.val();
    }
    if (n.name === 'option') return 'value' in n.attribs ? n.attribs.value : textOf(n);
    return n.attribs.value;
  };
  fn.hasClass = function (name) {
    return list(this).some(function (n) { return n.type === 'tag' && (' ' + (n.attribs['class'] || '') + ' ').replace(/\s+/g, ' ').indexOf(' ' + name + ' ') !== -1; });
  };
  fn.serializeArray = function () {
    return elementsOf(list(this.find('input[name], select[name], textarea[name]'))).filter(function (n) {
      return !('disabled' in n.attribs) && (!/^(checkbox|radio)$/.test(n.attribs.type || '') || 'checked' in n.attribs) && !/^(submit|button|reset|file|image)$/.test(n.attribs.type || '');
    }).map(function (n) { return { name: n.attribs.name, value: $(n).val() }; });
  };

  $.root = function () { return wrap([doc.root]); };
  $.html = function (sel) { return sel === undefined ? outer(doc.root) : $(sel).toString(); };
  $.text = function (sel) { return sel === undefined ? textOf(doc.root) : $(sel).text(); };
  $.contains = function (container, contained) {
    for (var p = contained.parentNode; p; p = p.parentNode) if (p === container) return true;
    return false;
  };
  $.fn = fn;
  return $;
}

module.exports = { load: load, version: '0.22.0' };
