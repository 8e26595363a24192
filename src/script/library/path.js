// Node's `path` (POSIX); the working directory is `/`.
function assertPath(path) {
  if (typeof path !== 'string') {
    var e = new TypeError('The "path" argument must be of type string. Received ' +
      (path === null ? 'null' : 'type ' + typeof path));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
}

// Resolves `.` and `..` segments; `..` above the root of an absolute path is dropped.
function normalizeSegments(path, absolute) {
  var out = [];
  path.split('/').forEach(function (segment) {
    if (segment === '' || segment === '.') return;
    if (segment === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(segment);
  });
  return out.join('/');
}

function normalize(path) {
  assertPath(path);
  if (path === '') return '.';
  var absolute = path.charAt(0) === '/';
  var trailing = path.charAt(path.length - 1) === '/';
  var out = normalizeSegments(path, absolute);
  if (out === '' && !absolute) out = '.';
  if (out !== '' && trailing) out += '/';
  return (absolute ? '/' : '') + out;
}

function join() {
  var parts = [];
  for (var i = 0; i < arguments.length; i++) {
    assertPath(arguments[i]);
    if (arguments[i] !== '') parts.push(arguments[i]);
  }
  return parts.length ? normalize(parts.join('/')) : '.';
}

function resolve() {
  var resolved = '';
  for (var i = arguments.length - 1; i >= 0 && resolved.charAt(0) !== '/'; i--) {
    assertPath(arguments[i]);
    if (arguments[i] !== '') resolved = arguments[i] + (resolved ? '/' + resolved : '');
  }
  if (resolved.charAt(0) !== '/') resolved = '/' + resolved;
  return '/' + normalizeSegments(resolved, true);
}

function relative(from, to) {
  assertPath(from);
  assertPath(to);
  from = resolve(from);
  to = resolve(to);
  if (from === to) return '';
  var f = from === '/' ? [] : from.slice(1).split('/');
  var t = to === '/' ? [] : to.slice(1).split('/');
  var common = 0;
  while (common < f.length && common < t.length && f[common] === t[common]) common++;
  var up = f.slice(common).map(function () { return '..'; });
  return up.concat(t.slice(common)).join('/');
}

function dirname(path) {
  assertPath(path);
  if (path === '') return '.';
  var absolute = path.charAt(0) === '/';
  var end = path.length;
  while (end > 1 && path.charAt(end - 1) === '/') end--;
  var slash = path.lastIndexOf('/', end - 1);
  if (slash === -1) return absolute ? '/' : '.';
  while (slash > 0 && path.charAt(slash - 1) === '/') slash--;
  return slash === 0 ? (absolute ? '/' : '.') : path.slice(0, slash);
}

function basename(path, ext) {
  assertPath(path);
  var end = path.length;
  while (end > 0 && path.charAt(end - 1) === '/') end--;
  var base = path.slice(path.lastIndexOf('/', end - 1) + 1, end);
  if (typeof ext === 'string' && ext !== base && base.slice(-ext.length) === ext && ext.length) {
    base = base.slice(0, -ext.length);
  }
  return base;
}

function extname(path) {
  var base = basename(path);
  var dot = base.lastIndexOf('.');
  if (dot <= 0 || (dot === 1 && base === '..')) return '';
  return base.slice(dot);
}

function parse(path) {
  assertPath(path);
  var root = path.charAt(0) === '/' ? '/' : '';
  var base = basename(path);
  var ext = extname(path);
  var dir = dirname(path);
  if (dir === '.' && path.indexOf('/') === -1) dir = '';
  return { root: root, dir: dir, base: base, ext: ext, name: ext ? base.slice(0, -ext.length) : base };
}

function format(p) {
  if (p === null || typeof p !== 'object') {
    throw new TypeError('The "pathObject" argument must be of type object. Received ' +
      (p === null ? 'null' : 'type ' + typeof p));
  }
  var dir = p.dir || p.root;
  var base = p.base || ((p.name || '') + (p.ext || ''));
  if (!dir) return base;
  return dir === p.root ? dir + base : dir + '/' + base;
}

module.exports = {
  sep: '/',
  delimiter: ':',
  normalize: normalize,
  join: join,
  resolve: resolve,
  relative: relative,
  dirname: dirname,
  basename: basename,
  extname: extname,
  isAbsolute: function (path) { assertPath(path); return path.charAt(0) === '/'; },
  parse: parse,
  format: format,
  toNamespacedPath: function (path) { return path; }
};
module.exports.posix = module.exports;
