// SugarJS 1.x Date helpers (`pmcheck:sugar`, last): `Date.create` of a date, a timestamp,
// `now`/`today`/`tomorrow`/`yesterday` or what `Date.parse` reads (Sugar's natural
// language parsing is not provided), Sugar's `format` tokens in English, date arithmetic
// and comparisons, and the Number unit methods (`(2).days()`, `(3).hoursAgo()`).

var UNITS = [
  ['year', 'FullYear', 365.25 * 864e5],
  ['month', 'Month', 30.4375 * 864e5],
  ['week', 'Week', 7 * 864e5],
  ['day', 'Date', 864e5],
  ['hour', 'Hours', 36e5],
  ['minute', 'Minutes', 6e4],
  ['second', 'Seconds', 1e3],
  ['millisecond', 'Milliseconds', 1]
];
var MONTHS = 'january,february,march,april,may,june,july,august,september,october,november,december'.split(',');
var WEEKDAYS = 'sunday,monday,tuesday,wednesday,thursday,friday,saturday'.split(',');
var NAMED = {
  short: '{Month} {d}, {yyyy}',
  long: '{Month} {d}, {yyyy} {h}:{mm}{tt}',
  full: '{Weekday} {Month} {d}, {yyyy} {h}:{mm}:{ss}{tt}'
};
var CONSTANTS = {
  ISO8601_DATE: '{yyyy}-{MM}-{dd}',
  ISO8601_DATETIME: '{yyyy}-{MM}-{dd}T{HH}:{mm}:{ss}.{fff}{isotz}',
  RFC1123: '{Dow}, {dd} {Mon} {yyyy} {HH}:{mm}:{ss} {tz}',
  RFC1036: '{Weekday}, {dd}-{Mon}-{yy} {HH}:{mm}:{ss} {tz}'
};

function createDate(value) {
  if (value === undefined || value === 'now') return new Date();
  if (isDate(value)) return new Date(value.getTime());
  if (isNumber(value)) return new Date(value);
  var s = String(value).trim().toLowerCase();
  var day = { today: 0, tomorrow: 1, yesterday: -1 }[s];
  if (day !== undefined) {
    var d = new Date();
    d.setHours(0, 0, 0, 0);
    d.setDate(d.getDate() + day);
    return d;
  }
  return new Date(Date.parse(String(value)));
}

function utcOffset(d, iso) {
  var offset = -d.getTimezoneOffset();
  return (offset < 0 ? '-' : '+') + padNumber(Math.floor(Math.abs(offset) / 60), 2) + (iso ? ':' : '') +
    padNumber(Math.abs(offset % 60), 2);
}
function capitalWord(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

// Sugar's output tokens, in its order; each replaces only its first occurrence.
var TOKENS = [
  ['f{1,4}|ms|milliseconds', function (d) { return d.getMilliseconds(); }],
  ['ss?|seconds', function (d) { return d.getSeconds(); }],
  ['mm?|minutes', function (d) { return d.getMinutes(); }],
  ['hh?|hours|12hr', function (d) { var h = d.getHours(); return h === 0 ? 12 : h - Math.floor(h / 13) * 12; }],
  ['HH?|24hr', function (d) { return d.getHours(); }],
  ['dd?|date|day', function (d) { return d.getDate(); }],
  ['dow|weekday', function (d) { return WEEKDAYS[d.getDay()]; }, 'word'],
  ['MM?', function (d) { return d.getMonth() + 1; }],
  ['mon|month', function (d) { return MONTHS[d.getMonth()]; }, 'word'],
  ['y{2,4}|year', function (d) { return d.getFullYear(); }],
  ['[Tt]{1,2}', function (d, t) {
    var s = d.getHours() < 12 ? 'am' : 'pm';
    if (t.length === 1) s = s.slice(0, 1);
    return t.charAt(0) === 'T' ? s.toUpperCase() : s;
  }],
  ['z{1,4}|tz|timezone', function (d, t) {
    var tz = utcOffset(d);
    if (t === 'z' || t === 'zz') tz = tz.replace(/(\d{2})(\d{2})/, function (m, h) { return padNumber(+h, t.length); });
    return tz;
  }, 'text'],
  ['iso(tz|timezone)', function (d) { return utcOffset(d, true); }],
  ['ord', function (d) { return d.getDate() + ordinal(d.getDate()); }]
];
function formatDate(d, format) {
  if (isNaN(d.getTime())) return 'Invalid Date';
  if (CONSTANTS[format]) format = CONSTANTS[format];
  format = NAMED[format || 'long'] || String(format);
  TOKENS.forEach(function (token) {
    var kind = token[2];
    format = format.replace(new RegExp('\\{(' + token[0] + ')(\\d)?\\}', kind === 'word' ? 'i' : ''), function (m, t) {
      var val = token[1](d, t), one = /^(.)\1+$/.test(t);
      if (kind === 'word') {
        if (t.length === 3) val = val.slice(0, 3);
        if (one || /^[A-Z]/.test(t)) val = capitalWord(val);
      } else if (one && kind !== 'text') {
        val = (isNumber(val) ? padNumber(val, t.length) : val.toString()).slice(-t.length);
      }
      return val;
    });
  });
  return format;
}

function addUnit(d, unit, n) {
  if (unit === 'Week') { d.setDate(d.getDate() + n * 7); return d; }
  if (unit === 'Month' || unit === 'FullYear') {
    var day = d.getDate();
    d['set' + unit](d['get' + unit]() + n);
    // Sugar keeps the end of the month rather than overflowing into the next one.
    if (d.getDate() !== day) d.setDate(0);
    return d;
  }
  d['set' + unit](d['get' + unit]() + n);
  return d;
}

var dateMethods = {
  format: function (f) { return formatDate(this, f); },
  short: function () { return formatDate(this, 'short'); },
  long: function () { return formatDate(this, 'long'); },
  full: function () { return formatDate(this, 'full'); },
  iso: function () { return this.toISOString(); },
  getUTCOffset: function (iso) { return utcOffset(this, iso); },
  isValid: function () { return !isNaN(this.getTime()); },
  clone: function () { return new Date(this.getTime()); },
  isLeapYear: function () { var y = this.getFullYear(); return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; },
  daysInMonth: function () { return 32 - new Date(this.getFullYear(), this.getMonth(), 32).getDate(); },
  isBefore: function (d, margin) { return this.getTime() < createDate(d).getTime() - (margin || 0); },
  isAfter: function (d, margin) { return this.getTime() > createDate(d).getTime() + (margin || 0); },
  isBetween: function (a, b, margin) {
    var t = this.getTime(), x = createDate(a).getTime(), y = createDate(b).getTime();
    margin = margin || 0;
    return t >= Math.min(x, y) - margin && t <= Math.max(x, y) + margin;
  },
  isFuture: function () { return this.getTime() > Date.now(); },
  isPast: function () { return this.getTime() < Date.now(); },
  isWeekday: function () { var day = this.getDay(); return day > 0 && day < 6; },
  isWeekend: function () { var day = this.getDay(); return day === 0 || day === 6; },
  beginningOfDay: function () { this.setHours(0, 0, 0, 0); return this; },
  endOfDay: function () { this.setHours(23, 59, 59, 999); return this; },
  beginningOfMonth: function () { this.setDate(1); this.setHours(0, 0, 0, 0); return this; },
  endOfMonth: function () { this.setMonth(this.getMonth() + 1, 0); this.setHours(23, 59, 59, 999); return this; },
  beginningOfYear: function () { this.setMonth(0, 1); this.setHours(0, 0, 0, 0); return this; },
  endOfYear: function () { this.setMonth(11, 31); this.setHours(23, 59, 59, 999); return this; },
  reset: function () { this.setHours(0, 0, 0, 0); return this; }
};
[['isToday', 0], ['isYesterday', -1], ['isTomorrow', 1]].forEach(function (pair) {
  dateMethods[pair[0]] = function () {
    var d = new Date();
    d.setDate(d.getDate() + pair[1]);
    return d.toDateString() === this.toDateString();
  };
});
var numberUnits = {};
UNITS.forEach(function (u) {
  var name = u[0], caps = capitalWord(name), method = u[1], ms = u[2];
  dateMethods['add' + caps + 's'] = function (n) { return addUnit(this, method, n); };
  dateMethods[name + 'sAgo'] = function () { return Math.floor((Date.now() - this.getTime()) / ms); };
  dateMethods[name + 'sFromNow'] = function () { return Math.floor((this.getTime() - Date.now()) / ms); };
  var base = function () { return Math.round(this * ms); };
  var after = function (d) { return addUnit(createDate(d), method, +this); };
  var before = function (d) { return addUnit(createDate(d), method, -this); };
  numberUnits[name] = numberUnits[name + 's'] = base;
  ['Before', 'sBefore', 'Ago', 'sAgo'].forEach(function (s) { numberUnits[name + s] = before; });
  ['After', 'sAfter', 'FromNow', 'sFromNow'].forEach(function (s) { numberUnits[name + s] = after; });
});
define(Date.prototype, dateMethods);
define(Number.prototype, numberUnits);
define(Date, { create: createDate });
Object.keys(CONSTANTS).forEach(function (k) { if (!(k in Date)) Date[k] = CONSTANTS[k]; });
