
// moment's methods (continues moment.js): getters and setters, formatting, arithmetic,
// comparison, relative time, and durations.
var proto = Moment.prototype;

proto.isValid = function () { return !isNaN(this._d.getTime()); };
proto.valueOf = function () { return this._d.getTime(); };
proto.unix = function () { return Math.floor(this.valueOf() / 1000); };
proto.toDate = function () { return new Date(this.valueOf()); };
proto.clone = function () { return new Moment(new Date(this.valueOf()), this._isUTC); };
proto.utc = function () { this._isUTC = true; return this; };
proto.local = function () { this._isUTC = false; return this; };
proto.isUTC = proto.isUtc = function () { return this._isUTC; };
proto.utcOffset = function () { return this._isUTC ? 0 : -this._d.getTimezoneOffset(); };
proto.locale = function () { return arguments.length ? this : 'en'; };
proto.toISOString = function () {
  if (!this.isValid()) return null;
  return moment.utc(this.valueOf()).format('YYYYYY-MM-DD[T]HH:mm:ss.SSS[Z]');
};
proto.toJSON = function () { return this.isValid() ? this.toISOString() : null; };
proto.toString = function () {
  return this.clone().locale('en').format('ddd MMM DD YYYY HH:mm:ss [GMT]ZZ');
};
proto.inspect = function () { return 'moment("' + this.format() + '")'; };
proto.toArray = function () { return this._fields().slice(0, 7); };
proto.toObject = function () {
  var f = this._fields();
  return { years: f[0], months: f[1], date: f[2], hours: f[3], minutes: f[4], seconds: f[5], milliseconds: f[6] };
};
proto.daysInMonth = function () { var f = this._fields(); return daysIn(f[0], f[1]); };
proto.isLeapYear = function () { var y = this.year(); return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; };

function accessor(index) {
  return function (value) {
    var f = this._fields();
    if (value === undefined) return f[index];
    f[index] = +value;
    if (index === 1) f[2] = Math.min(f[2], daysIn(f[0], f[1]));
    return this._setFields(f);
  };
}
['year', 'month', 'date', 'hour', 'minute', 'second', 'millisecond'].forEach(function (name, i) {
  proto[name] = proto[name + 's'] = accessor(i);
});
proto.day = proto.days = function (value) {
  var current = this._fields()[7];
  return value === undefined ? current : this.add(value - current, 'day');
};
proto.weekday = proto.day;
proto.isoWeekday = function (value) {
  var current = this._fields()[7] || 7;
  return value === undefined ? current : this.add(value - current, 'day');
};
proto.dayOfYear = function (value) {
  var f = this._fields(), start = Date.UTC(f[0], 0, 1), day = Math.round((Date.UTC(f[0], f[1], f[2]) - start) / 864e5) + 1;
  return value === undefined ? day : this.add(value - day, 'day');
};
proto.quarter = proto.quarters = function () { return Math.floor(this.month() / 3) + 1; };
proto.isoWeek = proto.isoWeeks = function () {
  var f = this._fields(), d = new Date(Date.UTC(f[0], f[1], f[2]));
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  return Math.ceil(((d - Date.UTC(d.getUTCFullYear(), 0, 1)) / 864e5 + 1) / 7);
};
proto.isoWeekYear = function () {
  var f = this._fields(), d = new Date(Date.UTC(f[0], f[1], f[2]));
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  return d.getUTCFullYear();
};
proto.week = proto.weeks = function () {
  // The English locale: weeks start on Sunday, week 1 holds January 1st.
  var f = this._fields(), jan1 = new Date(Date.UTC(f[0], 0, 1)).getUTCDay();
  if (f[1] === 11 && f[2] + (6 - f[7]) > 31) return 1;
  return Math.floor((this.dayOfYear() - 1 + jan1) / 7) + 1;
};
proto.get = function (name) { return this[unit(name)](); };
proto.set = function (name, value) {
  var m = this;
  if (typeof name === 'object') {
    Object.keys(name).forEach(function (k) { m[unit(k)](name[k]); });
    return m;
  }
  return m[unit(name)](value);
};

function zone(m, separator) {
  var offset = m.utcOffset(), sign = offset < 0 ? '-' : '+';
  offset = Math.abs(offset);
  return sign + pad(Math.floor(offset / 60), 2) + separator + pad(offset % 60, 2);
}

var FORMATTERS = {
  M: function (f) { return f[1] + 1; }, Mo: function (f) { return ordinal(f[1] + 1); },
  MM: function (f) { return pad(f[1] + 1, 2); }, MMM: function (f) { return MONTHS[f[1]].slice(0, 3); },
  MMMM: function (f) { return MONTHS[f[1]]; }, Q: function (f) { return Math.floor(f[1] / 3) + 1; },
  Qo: function (f) { return ordinal(Math.floor(f[1] / 3) + 1); },
  D: function (f) { return f[2]; }, Do: function (f) { return ordinal(f[2]); }, DD: function (f) { return pad(f[2], 2); },
  DDD: function (f, m) { return m.dayOfYear(); }, DDDo: function (f, m) { return ordinal(m.dayOfYear()); },
  DDDD: function (f, m) { return pad(m.dayOfYear(), 3); },
  d: function (f) { return f[7]; }, do: function (f) { return ordinal(f[7]); },
  dd: function (f) { return WEEKDAYS[f[7]].slice(0, 2); }, ddd: function (f) { return WEEKDAYS[f[7]].slice(0, 3); },
  dddd: function (f) { return WEEKDAYS[f[7]]; }, e: function (f) { return f[7]; }, E: function (f) { return f[7] || 7; },
  w: function (f, m) { return m.week(); }, wo: function (f, m) { return ordinal(m.week()); }, ww: function (f, m) { return pad(m.week(), 2); },
  W: function (f, m) { return m.isoWeek(); }, Wo: function (f, m) { return ordinal(m.isoWeek()); }, WW: function (f, m) { return pad(m.isoWeek(), 2); },
  YY: function (f) { return pad(((f[0] % 100) + 100) % 100, 2); },
  YYYY: function (f) { return f[0] <= 9999 ? pad(f[0], 4) : '+' + f[0]; },
  YYYYY: function (f) { return pad(f[0], 5); },
  YYYYYY: function (f) { return (f[0] < 0 ? '-' : f[0] > 9999 ? '+' : '') + pad(Math.abs(f[0]), f[0] >= 0 && f[0] <= 9999 ? 4 : 6); },
  Y: function (f) { return f[0] <= 9999 ? String(f[0]) : '+' + f[0]; },
  GGGG: function (f, m) { return pad(m.isoWeekYear(), 4); }, gggg: function (f) { return pad(f[0], 4); },
  a: function (f) { return f[3] < 12 ? 'am' : 'pm'; }, A: function (f) { return f[3] < 12 ? 'AM' : 'PM'; },
  H: function (f) { return f[3]; }, HH: function (f) { return pad(f[3], 2); },
  h: function (f) { return f[3] % 12 || 12; }, hh: function (f) { return pad(f[3] % 12 || 12, 2); },
  k: function (f) { return f[3] || 24; }, kk: function (f) { return pad(f[3] || 24, 2); },
  m: function (f) { return f[4]; }, mm: function (f) { return pad(f[4], 2); },
  s: function (f) { return f[5]; }, ss: function (f) { return pad(f[5], 2); },
  Z: function (f, m) { return zone(m, ':'); }, ZZ: function (f, m) { return zone(m, ''); },
  z: function (f, m) { return m._isUTC ? 'UTC' : ''; }, zz: function (f, m) { return m._isUTC ? 'UTC' : ''; },
  X: function (f, m) { return String(m.unix()); }, x: function (f, m) { return String(m.valueOf()); }
};

proto.format = function (format) {
  if (!this.isValid()) return 'Invalid date';
  if (format === undefined) format = this._isUTC ? moment.defaultFormatUtc : moment.defaultFormat;
  var f = this._fields(), m = this;
  return expand(String(format)).replace(TOKEN, function (token) {
    if (token.charAt(0) === '[') return token.slice(1, -1);
    if (/^S+$/.test(token)) return (pad(f[6], 3) + '000000').slice(0, token.length);
    var formatter = FORMATTERS[token];
    return formatter ? String(formatter(f, m)) : token;
  });
};

function durationParts(amount, name) {
  if (moment.isDuration(amount)) return amount._parts();
  if (typeof amount === 'object' && amount !== null) {
    var parts = {};
    Object.keys(amount).forEach(function (k) { parts[unit(k)] = (parts[unit(k)] || 0) + +amount[k]; });
    return parts;
  }
  if (typeof amount === 'string' && isNaN(+amount)) {
    var swap = amount;
    amount = name;
    name = swap;
  }
  var out = {};
  out[unit(name || 'millisecond')] = +amount || 0;
  return out;
}

function shift(m, parts, sign) {
  var months = ((parts.year || 0) * 12 + (parts.quarter || 0) * 3 + (parts.month || 0)) * sign;
  var days = ((parts.week || 0) * 7 + (parts.day || 0) + (parts.date || 0)) * sign;
  var ms = ((parts.hour || 0) * 36e5 + (parts.minute || 0) * 6e4 + (parts.second || 0) * 1e3 + (parts.millisecond || 0)) * sign;
  if (months) m.month(m.month() + months);
  if (days) {
    var f = m._fields();
    f[2] += days;
    m._setFields(f);
  }
  if (ms) m._d = new Date(m.valueOf() + ms);
  return m;
}
proto.add = function (amount, name) { return shift(this, durationParts(amount, name), 1); };
proto.subtract = function (amount, name) { return shift(this, durationParts(amount, name), -1); };

proto.startOf = function (name) {
  name = unit(name);
  var f = this._fields();
  switch (name) {
    case 'year': f[1] = 0; /* falls through */
    case 'quarter': if (name === 'quarter') f[1] -= f[1] % 3; /* falls through */
    case 'month': f[2] = 1; /* falls through */
    case 'week': case 'isoWeek': case 'day': case 'date':
      if (name === 'week') f[2] -= f[7];
      if (name === 'isoWeek') f[2] -= (f[7] + 6) % 7;
      f[3] = 0; /* falls through */
    case 'hour': f[4] = 0; /* falls through */
    case 'minute': f[5] = 0; /* falls through */
    case 'second': f[6] = 0; break;
    default: return this;
  }
  return this._setFields(f);
};
proto.endOf = function (name) {
  name = unit(name);
  if (name === undefined || name === 'millisecond') return this;
  var step = name === 'isoWeek' ? 'week' : name === 'date' ? 'day' : name;
  return this.startOf(name).add(1, step).subtract(1, 'ms');
};

function monthDiff(a, b) {
  // As moment 2.30: the calculation runs from the later day of the month.
  if (a.date() < b.date()) return -monthDiff(b, a);
  var whole = (b.year() - a.year()) * 12 + (b.month() - a.month());
  var anchor = a.clone().add(whole, 'months'), anchor2, adjust;
  if (b - anchor < 0) {
    anchor2 = a.clone().add(whole - 1, 'months');
    adjust = (b - anchor) / (anchor - anchor2);
  } else {
    anchor2 = a.clone().add(whole + 1, 'months');
    adjust = (b - anchor) / (anchor2 - anchor);
  }
  return -(whole + adjust) || 0;
}

proto.diff = function (input, name, asFloat) {
  var that = moment.isMoment(input) ? input : moment(input), out;
  if (!this.isValid() || !that.isValid()) return NaN;
  name = unit(name || 'millisecond');
  var zoneDelta = (that.utcOffset() - this.utcOffset()) * 6e4;
  if (name === 'year' || name === 'month' || name === 'quarter') {
    out = monthDiff(this, that);
    if (name === 'quarter') out /= 3;
    if (name === 'year') out /= 12;
  } else if (name === 'day' || name === 'week') {
    out = (this - that - zoneDelta) / MS[name];
  } else {
    out = (this - that) / (MS[name] || 1);
  }
  return asFloat ? out : absFloor(out);
};

function other(input) { return moment.isMoment(input) ? input : moment(input); }
proto.isBefore = function (input, name) {
  var that = other(input);
  if (!name) return this.valueOf() < that.valueOf();
  return this.clone().endOf(name).valueOf() < that.valueOf();
};
proto.isAfter = function (input, name) {
  var that = other(input);
  if (!name) return this.valueOf() > that.valueOf();
  return that.valueOf() < this.clone().startOf(name).valueOf();
};
proto.isSame = function (input, name) {
  var that = other(input), value = that.valueOf();
  if (!name) return this.valueOf() === value;
  return this.clone().startOf(name).valueOf() <= value && value <= this.clone().endOf(name).valueOf();
};
proto.isSameOrBefore = function (input, name) { return this.isSame(input, name) || this.isBefore(input, name); };
proto.isSameOrAfter = function (input, name) { return this.isSame(input, name) || this.isAfter(input, name); };
proto.isBetween = function (from, to, name, inclusivity) {
  inclusivity = inclusivity || '()';
  var afterFrom = inclusivity[0] === '(' ? this.isAfter(from, name) : !this.isBefore(from, name);
  var beforeTo = inclusivity[1] === ')' ? this.isBefore(to, name) : !this.isAfter(to, name);
  return afterFrom && beforeTo;
};

function relative(ms, withoutSuffix) {
  var s = Math.round(Math.abs(ms) / 1000), min = Math.round(s / 60), h = Math.round(min / 60), d = Math.round(h / 24);
  var mo = Math.round(Math.abs(ms) / (864e5 * 30.436875)), y = Math.round(mo / 12), text;
  if (s < 45) text = 'a few seconds';
  else if (min < 2) text = 'a minute';
  else if (min < 45) text = min + ' minutes';
  else if (h < 2) text = 'an hour';
  else if (h < 22) text = h + ' hours';
  else if (d < 2) text = 'a day';
  else if (d < 26) text = d + ' days';
  else if (mo < 2) text = 'a month';
  else if (mo < 11) text = mo + ' months';
  else if (y < 2) text = 'a year';
  else text = y + ' years';
  if (withoutSuffix) return text;
  return ms > 0 ? 'in ' + text : text + ' ago';
}
proto.from = function (input, withoutSuffix) {
  if (!this.isValid()) return 'Invalid date';
  return relative(this.valueOf() - other(input).valueOf(), withoutSuffix);
};
proto.to = function (input, withoutSuffix) { return other(input).from(this, withoutSuffix); };
proto.fromNow = function (withoutSuffix) { return this.from(moment(), withoutSuffix); };
proto.toNow = function (withoutSuffix) { return this.to(moment(), withoutSuffix); };
proto.calendar = function () { return this.format('L'); };

function Duration(parts) {
  var ms = 0;
  Object.keys(parts).forEach(function (k) {
    var per = { year: 31536e6, quarter: 7884e6, month: 2592e6 }[k] || MS[k === 'date' ? 'day' : k] || 0;
    ms += parts[k] * per;
  });
  this._ms = ms;
  this._isDuration = true;
}
moment.duration = function (amount, name) {
  if (typeof amount === 'string' && /^-?P/.test(amount)) {
    var m = /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(amount);
    if (!m) return new Duration({});
    var sign = m[1] ? -1 : 1, parts = {};
    ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'].forEach(function (k, i) { parts[k] = sign * (+m[i + 2] || 0); });
    return new Duration(parts);
  }
  return new Duration(durationParts(amount === undefined ? 0 : amount, name));
};
moment.isDuration = function (value) { return value instanceof Duration; };
var dproto = Duration.prototype;
dproto._parts = function () { return { millisecond: this._ms }; };
dproto.valueOf = dproto.asMilliseconds = function () { return this._ms; };
[['Seconds', 1e3], ['Minutes', 6e4], ['Hours', 36e5], ['Days', 864e5], ['Weeks', 6048e5], ['Months', 2592e6], ['Years', 31536e6]]
  .forEach(function (pair) { dproto['as' + pair[0]] = function () { return this._ms / pair[1]; }; });
dproto.as = function (name) { name = unit(name); return this['as' + name.charAt(0).toUpperCase() + name.slice(1) + 's'](); };
function part(divisor, modulo) {
  return function () { return absFloor(this._ms / divisor) % modulo; };
}
dproto.milliseconds = part(1, 1000);
dproto.seconds = part(1e3, 60);
dproto.minutes = part(6e4, 60);
dproto.hours = part(36e5, 24);
dproto.days = function () { return absFloor((this._ms % 2592e6) / 864e5); };
dproto.months = function () { return absFloor((this._ms % 31536e6) / 2592e6); };
dproto.years = function () { return absFloor(this._ms / 31536e6); };
dproto.get = function (name) { return this[unit(name) + 's'](); };
dproto.humanize = function (withSuffix) { return relative(this._ms, !withSuffix); };
dproto.add = function (amount, name) { this._ms += moment.duration(amount, name)._ms; return this; };
dproto.subtract = function (amount, name) { this._ms -= moment.duration(amount, name)._ms; return this; };
dproto.clone = function () { return moment.duration(this._ms); };
dproto.isValid = function () { return !isNaN(this._ms); };
dproto.toISOString = dproto.toJSON = function () {
  var ms = Math.abs(this._ms), sign = this._ms < 0 ? '-' : '';
  if (!ms) return 'P0D';
  var d = Math.floor(ms / 864e5), h = Math.floor(ms / 36e5) % 24, m = Math.floor(ms / 6e4) % 60, s = (ms % 6e4) / 1000;
  return sign + 'P' + (d ? d + 'D' : '') + (h || m || s ? 'T' + (h ? h + 'H' : '') + (m ? m + 'M' : '') + (s ? s + 'S' : '') : '');
};
