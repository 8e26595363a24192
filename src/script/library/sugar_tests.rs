//! SugarJS 1.x's prototype methods, compared with what Sugar returns in Newman 6.2.2's
//! sandbox for the same expressions.

use super::script_eval::json;

#[test]
fn sugar_string_methods_match_sugar_1() {
    let expressions = r#"'diabetes'.has('betes'), 'abc'.has(/B/i), 'a.c'.has('.'), 'abc'.has('.'), 'a-beta'.camelize(), 'a-b_cD'.spacify(), 'abc'.shift(5), 'fooBar baz'.underscore(), 'fooBar baz'.dasherize(), 'hello WORLD'.capitalize(), 'hello WORLD'.capitalize(true), 'foo_bar'.camelize(false), '<a href="/">'.escapeHTML(), '&lt;p&gt;'.unescapeHTML(), 'abc'.first(), 'abc'.last(2), 'abcdef'.from(2), 'abcdef'.to(2), 'ab'.add('X', 1), 'abc'.reverse(), '  a   b  '.compact(), 'a b  c'.words(), 'ab'.codes(), 'hello'.encodeBase64(), 'aGVsbG8='.decodeBase64(), '1,234.5'.toNumber(), 'ff'.toNumber(16), 'x'.pad('-', 2), 'x'.padLeft('0', 3), '  '.isBlank(), 'just sittin on the dock'.truncate(10), 'just sittin on the dock'.truncate(10, false), 'just sittin'.truncate(6, true, 'left'), 'a<b>c</b>'.stripTags(), 'a<b>c</b>d'.removeTags(), 'Welcome, {name}'.assign({name: 'Bob'}), '{1} and {2}'.assign('a', 'b'), 'abc'.each(), 'abcb'.each('b'), 'has' in String.prototype, Object.keys(String.prototype).length, typeof ''.has"#;
    let expected = r#"[true,true,true,false,"ABeta","a b c d","fgh","foo_bar_baz","foo-bar-baz","Hello world","Hello World","fooBar","&lt;a href=&quot;&#x2f;&quot;&gt;","<p>","a","bc","cdef","ab","aXb","cba","a b",["a","b","c"],[97,98],"aGVsbG8=","hello",1234.5,255,"--x--","000x",true,"just sitti...","just...","...sittin","ac","ad","Welcome, Bob","a and b",["a","b","c"],["b","b"],true,0,"function"]"#;
    assert_eq!(json("", expressions), expected);
}

#[test]
fn sugar_array_methods_match_sugar_1() {
    let expressions = r#"['a','b','c'].none('d'), [[1,2],[2,3]].any([2,3]), [1,2,3,4,5].average(), [1,2,3].sum(), [{a:2},{a:5}].sum('a'), [3,1,2].min(), [3,1,2].max(), [{a:2},{a:5}].max('a'), [{a:2},{a:5},{a:5}].max('a', true), [1,2,2,3,1].unique(), [{a:1},{a:1},{a:2}].unique(), [{a:1,b:1},{a:1,b:2}].unique('a'), [1,[2,[3,[4]]]].flatten(), [1,[2,[3,[4]]]].flatten(1), [1,null,2,undefined,NaN,0,'',false].compact(), [1,null,0,'',false].compact(true), [1,2,3].first(), [1,2,3].first(2), [1,2,3].last(), [1,2,3].last(2), [1,2,3,1].count(1), [1,2,3].count(), [{a:1},{a:2},{a:1}].findAll({a:1}), [1,2,3].remove(2), [1,2,3].exclude(1,3), [1,2].include(3), [1,2].include([3,4], 0), [1,2,3].clone(), [].isEmpty(), [null].isEmpty(), [1,2,3].union([3,4]), [1,2,3].intersect([2,3,4]), [1,2,3].subtract([2]), [{n:'b'},{n:'a'},{n:'C'}].sortBy('n'), [3,1,2].sortBy(function(x){return x}, true), [1,2,3,4].groupBy(function(n){return n % 2 ? 'odd' : 'even'}), [1,2].zip([3,4],[5]), [1,2,3,4,5].inGroupsOf(2), [1,2,3,4,5].inGroups(2), [1,2].all(function(x){return x>0}), [1,1].all(1), ['one','two'].any(/w/), [1,2,3].each(function(){}).length, [1,2,3,4].removeAt(1,2), ['a','bb','bb','c'].most(), [1,2,3].from(1), [1,2,3].to(1), Array.create('a'), [1,2,3].add(4, 1), [1,2,3].least()"#;
    let expected = r#"[true,true,3,6,7,1,3,{"a":5},[{"a":5},{"a":5}],[1,2,3],[{"a":1},{"a":2}],[{"a":1,"b":1}],[1,2,3,4],[1,2,[3,[4]]],[1,2,0,"",false],[1],1,[1,2],3,[2,3],2,3,[{"a":1},{"a":1}],[1,3],[2],[1,2,3],[3,4,1,2],[1,2,3],true,true,[1,2,3,4],[2,3],[1,3],[{"n":"a"},{"n":"b"},{"n":"C"}],[3,2,1],{"odd":[1,3],"even":[2,4]},[[1,3,5],[2,4,null]],[[1,2],[3,4],[5,null]],[[1,2,3],[4,5]],true,true,true,3,[1,4],"bb",[2,3],[1],["a"],[1,4,2,3],1]"#;
    assert_eq!(json("", expressions), expected);
}

#[test]
fn sugar_number_methods_match_sugar_1() {
    let expressions = r#"(56).hex(), (56).isEven(), (56).ordinalize(), (56789.10).format(), (255).hex(4), (5).pad(3), (-5).pad(3,true), (12.345).round(2), (12.345).floor(-1), (12.345).ceil(1), (3).upto(6), (6).downto(3), (56.5).ordinalize(), (111).ordinalize(), (22).ordinalize(), (-1234.567).format(2), (1234.5).format(2,' ',','), (1234567).abbr(), (1234567).abbr(2), (1234567).bytes(), (1234).metric(), (0.5).days(), (2).hours(), (1).month(), (1).year(), (3).isOdd(), (4).isMultipleOf(2), (2.5).isInteger(), (65).chr(), (9).sqrt(), (2).pow(3), (-3).abs(), (3).times(function(){}), (8).log(2), (1000).format(), (0.1).format(), (1e21).format()"#;
    let expected = r#"["38",true,"56th","56,789.1","00ff","005","-005",12.35,10,12.4,[3,4,5,6],[6,5,4,3],"56.5th","111th","22nd","-1,234.57","1 234,50","1m","1.23m","1MB","1k",43200000,7200000,2629800000,31557600000,true,true,false,"A",3,8,3,3,3,"1,000","0.1","1e,+21"]"#;
    assert_eq!(json("", expressions), expected);
}

#[test]
fn sugar_object_methods_match_sugar_1() {
    let expressions = r#"Object.has({a:1}, 'a'), Object.has({a:1}, 'b'), Object.isString('a'), Object.isNumber(1), Object.isArray([]), Object.isObject({}), Object.isObject([]), Object.isFunction(function(){}), Object.isDate(new Date()), Object.isRegExp(/a/), Object.isBoolean(false), Object.isNaN(NaN), Object.isNaN('a'), Object.equal({a:[1]}, {a:[1]}), Object.equal({a:1}, {a:2}), Object.merge({a:1, b:{c:1}}, {b:{d:2}}), Object.merge({a:1, b:{c:1}}, {b:{d:2}}, true), Object.merge({a:1}, {a:2}, false, false), Object.clone({a:[1]}), Object.size({a:1,b:2}), Object.map({a:1,b:2}, function(k,v){return v*2}), Object.select({a:1,b:2,c:3}, 'a', 'c'), Object.reject({a:1,b:2,c:3}, /[ab]/), Object.toQueryString({a:1, b:[1,2], c:'x y'}), Object.fromQueryString('a=1&b=two&c=true'), Object.any({a:1,b:2}, 2), Object.all({a:1,b:1}, 1), Object.none({a:1}, 3), Object.count({a:1,b:1,c:2}, 1), Object.findAll({a:1,b:2,c:1}, 1), Object.sum({a:1,b:2}), Object.max({a:1,b:5}), Object.min({a:1,b:5}, undefined, true), Object.isEmpty({}), Object.isEmpty({a:1}), Object.find({a:1,b:2}, 2), Object.reduce({a:1,b:2}, function(a,b){return a+b}), Object.average({a:1,b:2}), Object.values({a:1})"#;
    let expected = r#"[true,false,true,true,true,true,false,true,true,true,true,true,false,true,false,{"a":1,"b":{"d":2}},{"a":1,"b":{"c":1,"d":2}},{"a":1},{"a":[1]},2,{"a":2,"b":4},{"a":1,"c":3},{"c":3},"a=1&b%5B0%5D=1&b%5B1%5D=2&c=x+y",{"a":1,"b":"two","c":true},true,true,true,2,{"a":1,"c":1},3,"b",{"a":1},true,false,"b",3,1.5,[1]]"#;
    assert_eq!(json("", expressions), expected);
}

#[test]
fn sugar_function_methods_match_sugar_1() {
    let expressions = r#"(function(){ var c = 0; var f = (function(){ return ++c; }).once(); f(); f(); return [f(), c]; })(), (function(){ var r; var f = (function(a){ r = a; return 'done'; }).after(2); var x = f(1); var y = f(2); return [x, y, r]; })(), (function(a, b, c){ return [a, b, c]; }).fill(1, null, 3)(2)"#;
    let expected = r#"[[1,1],["<undefined>","done",[[1],[2]]],[1,2,3]]"#;
    assert_eq!(json("", expressions), expected);
}

#[test]
fn sugar_date_methods_match_sugar_1() {
    let expressions = r#"new Date(2020,0,5,13,4,5,7).format(), new Date(2020,0,5,13,4,5,7).format('short'), new Date(2020,0,5,13,4,5,7).format('full'), new Date(2020,0,5,13,4,5,7).format('{yyyy}-{MM}-{dd} {HH}:{mm}:{ss}.{fff} {h} {hh} {tt} {TT} {Mon} {mon} {Month} {Dow} {dow} {Weekday} {ord}'), new Date(2020,0,5,13,4,5,7).format('{Weekday} {d}/{M}/{yy} {hh}{TT}'), new Date(2020,0,5,13,4,5,7).format('{month} {year} {12hr}'), new Date(2020,0,5).format(Date.ISO8601_DATE), new Date(2020,1,5).isLeapYear(), new Date(2021,1,5).daysInMonth(), new Date(2020,0,31).addMonths(1).getDate(), new Date(2020,0,5).addDays(3).getDate(), new Date(2020,0,5).isBefore(new Date(2021,0,1)), new Date(2020,0,5).isAfter(new Date(2021,0,1)), new Date(2020,0,5).isValid(), new Date('x').isValid(), new Date('x').format(), Date.create(0).getTime(), new Date(2020,0,5).isBetween(new Date(2019,0,1), new Date(2021,0,1)), new Date(2020,0,5,10).beginningOfDay().getHours(), new Date(2020,0,5,10).endOfMonth().getDate(), new Date(2020,0,5).isWeekend(), (1).dayAfter(new Date(2020,0,5)).getDate(), (2).daysBefore(new Date(2020,0,5)).getDate(), new Date(2020,0,5).clone().getFullYear()"#;
    let expected = r#"["January 5, 2020 1:04pm","January 5, 2020","Sunday January 5, 2020 1:04:05pm","2020-01-05 13:04:05.007 1 {hh} pm {TT} Jan {mon} {Month} Sun {dow} {Weekday} 5th","Sunday 5/1/20 01PM","january 2020 1","2020-01-05",true,28,29,8,true,false,true,false,"Invalid Date",0,true,0,31,true,6,3,2020]"#;
    assert_eq!(json("", expressions), expected);
}

#[test]
fn sugar_methods_are_lazy_non_enumerable_and_replaceable() {
    let setup = "var seen = []; for (var k in [1]) seen.push(k); \
                 var enumerable = Object.getOwnPropertyDescriptor(String.prototype, 'has').enumerable; \
                 String.prototype.has = function () { return 'mine'; }";
    let expressions = "enumerable, 'has' in String.prototype, 'sum' in [], typeof [].sum, seen, \
                       'x'.has('y'), 'jumpy'.endsWith('MPY'), typeof Object.merge, typeof Date.create";
    let expected = r#"[false,true,true,"function",["0"],"mine",false,"function","function"]"#;
    assert_eq!(json(setup, expressions), expected);
}

#[test]
fn sugar_names_not_implemented_throw_not_supported() {
    let setup = "var kind = typeof 'x'.titleize; \
                 try { 'x'.titleize(); } catch (e) { var message = e.message; }";
    assert_eq!(
        json(setup, "kind, message"),
        r#"["function","not supported: String#titleize (SugarJS)"]"#
    );
    let setup = "try { (function () {}).debounce(1); } catch (e) { var message = e.message; }";
    assert_eq!(
        json(setup, "message"),
        r#"["not supported: Function#debounce (SugarJS)"]"#
    );
}

#[test]
fn sugar_stays_in_its_flow() {
    // Loading Sugar in one flow leaves the prototypes of another flow's context as they were.
    use crate::script::{Sandbox, ScriptLimits};
    let sandbox = Sandbox::new(ScriptLimits::default()).unwrap();
    let mut first = sandbox.flow().unwrap();
    let mut second = sandbox.flow().unwrap();
    let source = "tests[String(Object.getOwnPropertyDescriptor(Array.prototype, 'sum').get)] = true;";
    let lazy = super::script_eval::run_in(&mut second, source, "{}");
    assert_eq!(
        super::script_eval::run_in(&mut first, "tests[[1, 2].sum()] = true;", "{}"),
        "3"
    );
    assert_eq!(super::script_eval::run_in(&mut second, source, "{}"), lazy);
    assert_ne!(lazy, "undefined");
}
