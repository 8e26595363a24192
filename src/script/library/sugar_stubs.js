// SugarJS 1.x, which Postman's sandbox loads for every script, extends the native
// prototypes (`'abc'.has('b')`, `[1, 2].sum()`, `(5).ordinalize()`). Here every Sugar name
// the engine does not define natively gets a non-enumerable accessor that loads the
// library `pmcheck:sugar` on first read (which replaces the accessors by the methods) and
// returns the method. Runs inside the prelude closure after loader.js.
(function () {
  var units = 'millisecond,second,minute,hour,day,week,month,year'.split(',');
  var unitNames = [];
  units.forEach(function (u) {
    ['', 's', 'Ago', 'FromNow', 'Before', 'After', 'sAgo', 'sFromNow', 'sBefore', 'sAfter']
      .forEach(function (suffix) { unitNames.push(u + suffix); });
  });
  var targets = [
    [String.prototype, 'add,assign,camelize,capitalize,chars,codes,compact,dasherize,decodeBase64,' +
      'each,encodeBase64,escapeHTML,escapeRegExp,escapeURL,first,from,has,insert,isBlank,last,' +
      'lines,pad,padLeft,padRight,paragraphs,remove,removeTags,reverse,shift,spacify,stripTags,' +
      'titleize,to,toNumber,truncate,underscore,unescapeHTML,unescapeURL,words,humanize,' +
      'parameterize,pluralize,singularize,hankaku,zenkaku,hiragana,katakana'],
    [Array.prototype, 'add,all,any,average,clone,compact,count,each,exclude,findAll,first,flatten,' +
      'from,groupBy,inGroups,inGroupsOf,include,insert,intersect,isEmpty,last,least,max,min,most,' +
      'none,randomize,remove,removeAt,sample,sortBy,subtract,sum,to,union,unique,zip'],
    [Number.prototype, 'abbr,abs,acos,asin,atan,bytes,ceil,chr,cos,downto,exp,floor,format,hex,' +
      'isEven,isInteger,isMultipleOf,isOdd,log,metric,ordinalize,pad,pow,round,sin,sqrt,tan,times,' +
      'toNumber,upto,duration,' + unitNames.join(',')],
    [Function.prototype, 'after,cancel,debounce,delay,fill,lazy,once,throttle'],
    [Date.prototype, 'addMilliseconds,addSeconds,addMinutes,addHours,addDays,addWeeks,addMonths,' +
      'addYears,advance,rewind,beginningOfDay,endOfDay,beginningOfMonth,endOfMonth,' +
      'beginningOfYear,endOfYear,beginningOfWeek,endOfWeek,clone,daysInMonth,format,full,long,' +
      'short,iso,isAfter,isBefore,isBetween,isFuture,isPast,isLeapYear,isValid,isToday,' +
      'isYesterday,isTomorrow,isWeekday,isWeekend,isUTC,getUTCOffset,relative,reset,set,utc,' +
      'millisecondsAgo,millisecondsFromNow,secondsAgo,secondsFromNow,minutesAgo,minutesFromNow,' +
      'hoursAgo,hoursFromNow,daysAgo,daysFromNow,weeksAgo,weeksFromNow,monthsAgo,monthsFromNow,' +
      'yearsAgo,yearsFromNow,getWeekday,setWeekday,getISOWeek,setISOWeek'],
    [Object, 'all,any,average,clone,count,each,equal,extended,find,findAll,fromQueryString,has,' +
      'isArguments,isBoolean,isDate,isEmpty,isFunction,isNaN,isNumber,isObject,isRegExp,isString,' +
      'least,map,max,merge,min,most,none,reduce,reject,select,size,sum,tap,toQueryString,watch'],
    [Array, 'create'],
    [Number, 'random'],
    [Date, 'create,future,past,range,addFormat,addLocale,getLocale,setLocale'],
    [RegExp, 'escape']
  ];
  var stubs = [];
  function install(stub) {
    sandboxRequire('pmcheck:sugar');
    // A name the library does not implement: a method that says so when called.
    stubs.forEach(function (other) {
      var d = Object.getOwnPropertyDescriptor(other[0], other[1]);
      if (d && d.get === other[3]) {
        Object.defineProperty(other[0], other[1], {
          value: function () { notSupported(other[2] + ' (SugarJS)'); },
          writable: true, configurable: true, enumerable: false
        });
      }
    });
    return stub[0][stub[1]];
  }
  targets.forEach(function (t) {
    var target = t[0];
    var prefix = target === Function.prototype || typeof target !== 'function' ?
      target.constructor.name + '#' : target.name + '.';
    t[1].split(',').forEach(function (name) {
      if (name in target) return;
      var stub = [target, name, prefix + name];
      stub[3] = function () { return install(stub); };
      stubs.push(stub);
      Object.defineProperty(target, name, {
        get: stub[3],
        set: function (value) {
          if (this === null || (typeof this !== 'object' && typeof this !== 'function')) return;
          Object.defineProperty(this, name, { value: value, writable: true, configurable: true, enumerable: true });
        },
        configurable: true,
        enumerable: false
      });
    });
  });
})();
