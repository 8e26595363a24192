// Every function of lodash 4.17: those returning wrapped values in an implicit chain, then
// those returning plain values (lodash_end.js; a name not implemented throws).
var CHAINABLE_NAMES = ('after ary assign assignIn assignInWith assignWith at before bind bindAll bindKey ' +
  'castArray chain chunk compact concat cond conforms constant countBy create curry curryRight debounce ' +
  'defaults defaultsDeep defer delay difference differenceBy differenceWith drop dropRight dropRightWhile ' +
  'dropWhile fill filter flatMap flatMapDeep flatMapDepth flatten flattenDeep flattenDepth flip flow ' +
  'flowRight fromPairs functions functionsIn groupBy initial intersection intersectionBy intersectionWith ' +
  'invert invertBy invokeMap iteratee keyBy keys keysIn map mapKeys mapValues matches matchesProperty ' +
  'memoize merge mergeWith method methodOf mixin negate nthArg omit omitBy once orderBy over overArgs ' +
  'overEvery overSome partial partialRight partition pick pickBy property propertyOf pull pullAll pullAllBy ' +
  'pullAllWith pullAt range rangeRight rearg reject remove rest reverse sampleSize set setWith shuffle slice ' +
  'sortBy sortedUniq sortedUniqBy split spread tail take takeRight takeRightWhile takeWhile tap throttle thru ' +
  'toArray toPairs toPairsIn toPath toPlainObject transform unary union unionBy unionWith uniq uniqBy uniqWith ' +
  'unset update updateWith values valuesIn without words wrap xor xorBy xorWith zip zipObject zipObjectDeep ' +
  'zipWith entries entriesIn extend extendWith').split(' ');
var UNWRAPPED_NAMES = ('add attempt camelCase capitalize ceil clamp clone cloneDeep cloneDeepWith cloneWith ' +
  'conformsTo deburr defaultTo divide endsWith eq escape escapeRegExp every find findIndex findKey findLast ' +
  'findLastIndex findLastKey floor forEach forEachRight forIn forInRight forOwn forOwnRight get gt gte has ' +
  'hasIn head identity includes indexOf inRange invoke isArguments isArray isArrayBuffer isArrayLike ' +
  'isArrayLikeObject isBoolean isBuffer isDate isElement isEmpty isEqual isEqualWith isError isFinite ' +
  'isFunction isInteger isLength isMap isMatch isMatchWith isNaN isNative isNil isNull isNumber isObject ' +
  'isObjectLike isPlainObject isRegExp isSafeInteger isSet isString isSymbol isTypedArray isUndefined ' +
  'isWeakMap isWeakSet join kebabCase last lastIndexOf lowerCase lowerFirst lt lte max maxBy mean meanBy min ' +
  'minBy stubArray stubFalse stubObject stubString stubTrue multiply nth noConflict noop now pad padEnd ' +
  'padStart parseInt random reduce reduceRight repeat replace result round runInContext sample size snakeCase ' +
  'some sortedIndex sortedIndexBy sortedIndexOf sortedLastIndex sortedLastIndexBy sortedLastIndexOf startCase ' +
  'startsWith subtract sum sumBy template times toFinite toInteger toLength toLower toNumber toSafeInteger ' +
  'toString toUpper trim trimEnd trimStart truncate unescape uniqueId upperCase upperFirst each eachRight ' +
  'first').split(' ');
// Names of lodash 4 that the library at hand does not have at all (lodash3.js fills it).
var DROPPED = Object.create(null);
