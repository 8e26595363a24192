//! `csv-parse/lib/sync` against values computed with csv-parse 4.16 (the sandbox's).

use super::test_support::assert_json;

#[test]
fn parse_shapes_records_as_csv_parse() {
    assert_json(
        "var parse = require('csv-parse/lib/sync'); function t(i, o) { try { return parse(i, o); } \
         catch (e) { return [e.code, e.message]; } }",
        &[
            ("t('a,b\\n\\nc,d', {skip_empty_lines: true})", r#"[["a","b"],["c","d"]]"#),
            ("t('a,b\\nc,d\\n', {columns: true})", r#"[{"a":"c","b":"d"}]"#),
            ("t('a,b\\nc\\n', {columns: true})", r#"["CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH","Invalid Record Length: columns length is 2, got 1 on line 2"]"#),
            ("t('a,b\\nc\\n', {columns: true, relax_column_count: true})", r#"[{"a":"c"}]"#),
            ("t('a;b\\n1;2', {delimiter: ';', columns: true, cast: true})", r#"[{"a":1,"b":2}]"#),
            ("t(' a , b \\n1,\"x, y\"', {trim: true})", r#"[["a","b"],["1","x, y"]]"#),
            ("t('h\\na,b\\nc,d', {from_line: 2})", r#"[["a","b"],["c","d"]]"#),
            ("t('a,b\\n1,2', {columns: true, cast: function (v, c) { return c.header ? v.toUpperCase() : Number(v) + 1; }})", r#"[{"A":2,"B":3}]"#),
            ("t('a,b\\n1,2', {columns: ['x', 'y']})", r#"[{"x":"a","y":"b"},{"x":"1","y":"2"}]"#),
            ("t('a,\"b\\nc\"\\n1,2')", r#"[["a","b\nc"],["1","2"]]"#),
            ("t('a,b\\r\\n1,2\\r\\n')", r#"[["a","b"],["1","2"]]"#),
            ("t('\\ufeffa,b\\n1,2', {columns: true, bom: true})", r#"[{"a":"1","b":"2"}]"#),
            ("t('a,b\\n1,2,3')", r#"["CSV_INCONSISTENT_RECORD_LENGTH","Invalid Record Length: expect 2, got 3 on line 2"]"#),
        ],
    );
}
