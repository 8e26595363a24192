// moment 2 for the sandbox (English locale): parsing (ISO 8601, formats, numbers, Dates),
// formatting, arithmetic, comparison, relative time and basic durations, over the script's
// `Date`: local times are in the process's time zone (TZ), UTC times with `moment.utc`.
'use strict';

var MONTHS = 'January_February_March_April_May_June_July_August_September_October_November_December'.split('_');
var WEEKDAYS = 'Sunday_Monday_Tuesday_Wednesday_Thursday_Friday_Saturday'.split('_');
var LONG_FORMATS = {
  LTS: 'h:mm:ss A', LT: 'h:mm A', L: 'MM/DD/YYYY', LL: 'MMMM D, YYYY', LLL: 'MMMM D, YYYY h:mm A',
  LLLL: 'dddd, MMMM D, YYYY h:mm A', l: 'M/D/YYYY', ll: 'MMM D, YYYY', lll: 'MMM D, YYYY h:mm A',
  llll: 'ddd, MMM D, YYYY h:mm A'
};
var ALIASES = {
  y: 'year', years: 'year', year: 'year', Q: 'quarter', quarters: 'quarter', quarter: 'quarter',
  M: 'month', months: 'month', month: 'month', w: 'week', weeks: 'week', week: 'week',
  W: 'isoWeek', isoWeeks: 'isoWeek', isoWeek: 'isoWeek', d: 'day', days: 'day', day: 'day',
  D: 'date', dates: 'date', date: 'date', h: 'hour', hours: 'hour', hour: 'hour',
  m: 'minute', minutes: 'minute', minute: 'minute', s: 'second', seconds: 'second', second: 'second',
  ms: 'millisecond', milliseconds: 'millisecond', millisecond: 'millisecond'
};
var MS = { millisecond: 1, second: 1e3, minute: 6e4, hour: 36e5, day: 864e5, week: 6048e5 };

function unit(name) { return ALIASES[name] || ALIASES[String(name).toLowerCase()] || name; }
function pad(n, width) {
  var s = String(Math.abs(n));
  while (s.length < width) s = '0' + s;
  return (n < 0 ? '-' : '') + s;
}
function ordinal(n) {
  var b = n % 10, suffix = ~~((n % 100) / 10) === 1 ? 'th' : b === 1 ? 'st' : b === 2 ? 'nd' : b === 3 ? 'rd' : 'th';
  return n + suffix;
}
function daysIn(year, month) { return new Date(Date.UTC(year, month + 1, 0)).getUTCDate(); }
function absFloor(n) { return n < 0 ? Math.ceil(n) || 0 : Math.floor(n); }

function Moment(date, utc) {
  this._d = date;
  this._isUTC = !!utc;
  this._isAMomentObject = true;
}

function make(time, utc) { return new Moment(new Date(time), utc); }

// Fields in the moment's zone: [year, month, date, hour, minute, second, ms, weekday].
Moment.prototype._fields = function () {
  var d = this._d, u = this._isUTC;
  return u
    ? [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds(), d.getUTCDay()]
    : [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds(), d.getDay()];
};
Moment.prototype._setFields = function (f) {
  var time = this._isUTC ? Date.UTC(f[0], f[1], f[2], f[3], f[4], f[5], f[6]) : new Date(f[0], f[1], f[2], f[3], f[4], f[5], f[6]).getTime();
  if (this._isUTC && f[0] >= 0 && f[0] < 100) {
    var fix = new Date(time);
    fix.setUTCFullYear(f[0]);
    time = fix.getTime();
  }
  this._d = new Date(time);
  return this;
};

function fromFields(f, utc, offsetMinutes) {
  var m = new Moment(new Date(NaN), utc || offsetMinutes !== undefined);
  m._setFields(f);
  if (offsetMinutes !== undefined) {
    m._d = new Date(m._d.getTime() - offsetMinutes * 6e4);
    if (!utc) m._isUTC = false;
  }
  return m;
}

var ISO = /^\s*([+-]\d{6}|\d{4})-?(\d\d)(?:-?(\d\d))?(?:[T ](\d\d)(?::?(\d\d)(?::?(\d\d)(?:[.,](\d+))?)?)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?\s*$/i;

function offsetOf(text) {
  if (/^z$/i.test(text)) return 0;
  var m = /([+-])(\d\d):?(\d\d)?/.exec(text);
  return m ? (m[1] === '-' ? -1 : 1) * (parseInt(m[2], 10) * 60 + parseInt(m[3] || '0', 10)) : undefined;
}

function parseIso(text, utc) {
  var m = ISO.exec(text);
  if (!m) return null;
  var f = [parseInt(m[1], 10), parseInt(m[2], 10) - 1, m[3] ? parseInt(m[3], 10) : 1, +(m[4] || 0), +(m[5] || 0), +(m[6] || 0),
    m[7] ? Math.floor(parseFloat('0.' + m[7]) * 1000 + 1e-7) : 0];
  if (f[1] > 11 || f[2] < 1 || f[2] > daysIn(f[0], f[1]) || f[3] > 24 || f[4] > 59 || f[5] > 59) return invalid(utc);
  return fromFields(f, utc, m[8] ? offsetOf(m[8]) : undefined);
}

var TOKEN = /(\[[^\]]*\])|(Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?|Qo?|N{1,5}|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(ggg?)?|GG(GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|LTS|LT|LL?L?L?|l{1,4}|.)/g;

var PARSERS = {
  YYYY: [/\d{1,4}/, 0], YY: [/\d\d/, 0, function (v) { v = +v; return v + (v > 68 ? 1900 : 2000); }], Y: [/[+-]?\d+/, 0],
  MM: [/\d\d?/, 1, function (v) { return v - 1; }], M: [/\d\d?/, 1, function (v) { return v - 1; }],
  MMMM: [/[a-z]+/i, 1, monthIndex], MMM: [/[a-z]+/i, 1, monthIndex],
  DD: [/\d\d?/, 2], D: [/\d\d?/, 2], Do: [/\d\d?(st|nd|rd|th)?/i, 2, function (v) { return parseInt(v, 10); }],
  HH: [/\d\d?/, 3], H: [/\d\d?/, 3], hh: [/\d\d?/, 3], h: [/\d\d?/, 3], kk: [/\d\d?/, 3], k: [/\d\d?/, 3],
  mm: [/\d\d?/, 4], m: [/\d\d?/, 4], ss: [/\d\d?/, 5], s: [/\d\d?/, 5],
  SSS: [/\d+/, 6, fraction], SS: [/\d+/, 6, fraction], S: [/\d+/, 6, fraction],
  A: [/[ap]\.?m?\.?/i, 'meridiem'], a: [/[ap]\.?m?\.?/i, 'meridiem'],
  ZZ: [/Z|[+-]\d\d:?\d\d/i, 'offset'], Z: [/Z|[+-]\d\d:?\d\d/i, 'offset'],
  X: [/[+-]?\d+(\.\d{1,3})?/, 'unix'], x: [/[+-]?\d+/, 'ms'],
  dddd: [/[a-z]+/i, 'ignore'], ddd: [/[a-z]+/i, 'ignore']
};
function monthIndex(v) {
  v = v.toLowerCase();
  for (var i = 0; i < 12; i++) if (MONTHS[i].toLowerCase() === v || MONTHS[i].slice(0, 3).toLowerCase() === v) return i;
  return NaN;
}
function fraction(v) { return Math.floor(parseFloat('0.' + v) * 1000 + 1e-7); }

function expand(format) {
  return format.replace(/\[[^\]]*\]|LTS|LT|LL?L?L?|l{1,4}/g, function (t) { return LONG_FORMATS[t] || t; });
}

function parseFormat(text, format, utc) {
  if (format === moment.ISO_8601) return parseIso(text, utc) || invalid(utc);
  if (Array.isArray(format)) {
    for (var i = 0; i < format.length; i++) {
      var candidate = parseFormat(text, format[i], utc);
      if (candidate.isValid()) return candidate;
    }
    return invalid(utc);
  }
  var f = [null, 0, 1, 0, 0, 0, 0], offset, pm = null, at = 0, matched = 0, special = null;
  var tokens = expand(String(format)).match(TOKEN) || [];
  for (var t = 0; t < tokens.length; t++) {
    var token = tokens[t], rest = text.slice(at), parser = PARSERS[token];
    if (token.charAt(0) === '[') token = token.slice(1, -1);
    if (!parser) {
      var skip = rest.indexOf(token);
      if (skip === 0 || (skip > 0 && /^[^0-9a-z]*$/i.test(rest.slice(0, skip)))) at += skip + token.length;
      continue;
    }
    var m = new RegExp('^[^0-9a-z+-]*(' + parser[0].source + ')', 'i').exec(rest);
    if (!m) continue;
    at += m[0].length;
    matched++;
    var value = parser[2] ? parser[2](m[1]) : parseInt(m[1], 10);
    if (typeof parser[1] === 'number') f[parser[1]] = value;
    else if (parser[1] === 'meridiem') pm = /^p/i.test(m[1]);
    else if (parser[1] === 'offset') offset = offsetOf(m[1]);
    else if (parser[1] === 'unix') special = parseFloat(m[1]) * 1000;
    else if (parser[1] === 'ms') special = parseInt(m[1], 10);
  }
  if (special !== null) return make(special, utc);
  if (!matched) return invalid(utc);
  if (pm !== null) f[3] = pm ? (f[3] % 12) + 12 : f[3] % 12;
  if (f[0] === null) f[0] = now(utc).year();
  if (isNaN(f[1]) || f[1] > 11 || f[2] < 1 || f[2] > daysIn(f[0], f[1]) || f[3] > 24 || f[4] > 59 || f[5] > 59) return invalid(utc);
  return fromFields(f, utc, offset);
}

function invalid(utc) { return new Moment(new Date(NaN), utc); }
function now(utc) { return make(Date.now(), utc); }

function create(input, format, utc) {
  if (input === undefined) return now(utc);
  if (input === null || input === '') return invalid(utc);
  if (moment.isMoment(input)) {
    var copy = new Moment(new Date(input.valueOf()), utc || input._isUTC);
    return copy;
  }
  if (input instanceof Date) return new Moment(new Date(input.getTime()), utc);
  if (typeof input === 'number') return make(input, utc);
  if (Array.isArray(input)) {
    var f = [input[0], input[1] || 0, input.length > 2 ? input[2] : 1, input[3] || 0, input[4] || 0, input[5] || 0, input[6] || 0];
    return fromFields(f, utc);
  }
  if (typeof input === 'object') {
    var fields = {};
    Object.keys(input).forEach(function (k) { fields[unit(k)] = input[k]; });
    return fromFields([fields.year === undefined ? now(utc).year() : fields.year, fields.month || 0,
      fields.date === undefined ? (fields.day === undefined ? 1 : fields.day) : fields.date,
      fields.hour || 0, fields.minute || 0, fields.second || 0, fields.millisecond || 0], utc);
  }
  var text = String(input);
  if (format !== undefined) return parseFormat(text, format, utc);
  var iso = parseIso(text, utc);
  if (iso) return iso;
  return make(Date.parse(text), utc);
}

function moment(input, format) { return create(input, format, false); }
moment.utc = function (input, format) { return create(input, format, true); };
moment.unix = function (seconds) { return make(seconds * 1000, false); };
moment.ISO_8601 = function () {};
moment.isMoment = function (value) { return value instanceof Moment || !!(value && value._isAMomentObject); };
moment.isDate = function (value) { return value instanceof Date; };
moment.now = function () { return Date.now(); };
moment.invalid = function () { return invalid(false); };
moment.locale = function () { return 'en'; };
moment.months = function () { return MONTHS.slice(); };
moment.monthsShort = function () { return MONTHS.map(function (m) { return m.slice(0, 3); }); };
moment.weekdays = function () { return WEEKDAYS.slice(); };
moment.weekdaysShort = function () { return WEEKDAYS.map(function (d) { return d.slice(0, 3); }); };
moment.min = function () {
  var list = Array.isArray(arguments[0]) ? arguments[0] : Array.prototype.slice.call(arguments);
  return list.reduce(function (a, b) { return b.isBefore(a) ? b : a; });
};
moment.max = function () {
  var list = Array.isArray(arguments[0]) ? arguments[0] : Array.prototype.slice.call(arguments);
  return list.reduce(function (a, b) { return b.isAfter(a) ? b : a; });
};
moment.fn = Moment.prototype;
moment.version = '2.30.1';
moment.defaultFormat = 'YYYY-MM-DDTHH:mm:ssZ';
moment.defaultFormatUtc = 'YYYY-MM-DDTHH:mm:ss[Z]';

module.exports = moment;
// Formatting, manipulation and durations follow, in moment_ops.js.
