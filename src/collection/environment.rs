//! Environment and globals files (Postman exports) and iteration data files (JSON or CSV),
//! in UTF-8 (with or without BOM) or UTF-16.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::csv_rows::{Field, records};
use super::load::{LoadError, parse_text, read};
use super::model::{VariableDef, de_variables};
use super::text;
use crate::vars::Variable;

/// An environment or globals file.
#[derive(Debug, Clone, Default)]
pub struct VariableFile {
    /// Its variables (disabled entries included, flagged).
    pub values: Vec<VariableDef>,
    /// Its `id` and `name`, which an export of it keeps.
    pub info: ScopeInfo,
}

/// The `id` and `name` of an environment or globals file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeInfo {
    /// `id`, when it is a string.
    pub id: Option<String>,
    /// `name`, when it is a string.
    pub name: Option<String>,
}

/// The shapes Newman reads: `{values: [...]}`, a bare list of variables (old globals
/// exports), or either wrapped in `{environment: …}` / `{globals: …}` (API responses).
struct RawVariableFile {
    values: Vec<VariableDef>,
    info: ScopeInfo,
}

#[derive(Deserialize)]
#[serde(expecting = "an environment or globals object with `values`")]
struct RawObject {
    #[serde(default, deserialize_with = "de_variables")]
    values: Vec<VariableDef>,
    #[serde(default)]
    environment: Option<RawVariableFile>,
    #[serde(default)]
    globals: Option<RawVariableFile>,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    name: Option<serde_json::Value>,
}

impl<'de> Deserialize<'de> for RawVariableFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawVariableFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an environment or globals object with `values`, or a list of variables")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut values = Vec::new();
                while let Some(v) = seq.next_element()? {
                    values.push(v);
                }
                Ok(RawVariableFile {
                    values,
                    info: ScopeInfo::default(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let o = RawObject::deserialize(MapAccessDeserializer::new(map))?;
                let inner = o.environment.or(o.globals);
                Ok(match inner {
                    Some(inner) if o.values.is_empty() => inner,
                    _ => RawVariableFile {
                        values: o.values,
                        info: ScopeInfo {
                            id: o.id.and_then(|v| v.as_str().map(str::to_string)),
                            name: o.name.and_then(|v| v.as_str().map(str::to_string)),
                        },
                    },
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Loads an environment (`-e`) or globals (`-g`) file.
pub fn load_variable_file(path: &Path) -> Result<VariableFile, LoadError> {
    let (name, bytes) = read(path)?;
    let raw: RawVariableFile = parse_text(&name, &text::utf8(&bytes))?;
    Ok(VariableFile {
        values: raw.values,
        info: raw.info,
    })
}

/// One row of iteration data: variable name and value, in column order (a JSON file's
/// numbers, booleans, nulls, objects and arrays keep their type for scripts).
pub type DataRow = Vec<(String, Variable)>;

/// Loads iteration data (`-d`): a JSON array of objects, or CSV with a header row. As
/// Newman does, a file that is valid JSON is read as JSON whatever its name; a `.csv`
/// file, or one that is neither JSON nor starts like JSON (`[` or `{`), is read as CSV.
pub fn load_data_file(path: &Path) -> Result<Vec<DataRow>, LoadError> {
    let (name, bytes) = read(path)?;
    let path = name.as_path();
    let text = text::utf8(&bytes);
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let looks_json = text
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| matches!(b, b'[' | b'{'));
    let valid_json = looks_json && serde_json::from_slice::<IgnoredAny>(&text).is_ok();
    if valid_json || (looks_json && !is_csv) {
        let rows: Vec<JsonRow> = parse_text(path, &text)?;
        return Ok(rows.into_iter().map(|r| r.0).collect());
    }
    parse_csv(path, &text)
}

struct JsonRow(DataRow);

impl<'de> Deserialize<'de> for JsonRow {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = JsonRow;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of variable names to values")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<JsonRow, A::Error> {
                let mut row = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    let v: serde_json::Value = map.next_value()?;
                    row.push((k, typed(v)));
                }
                Ok(JsonRow(row))
            }
        }
        d.deserialize_map(V)
    }
}

/// A data file's value: a string as it is; anything else rendered as its JSON text (null
/// as empty) and kept typed.
fn typed(value: serde_json::Value) -> Variable {
    match value {
        serde_json::Value::String(value) => plain(value),
        serde_json::Value::Null => Variable {
            json: Some("null".into()),
            ..Variable::default()
        },
        other => {
            let text = other.to_string();
            Variable {
                value: text.clone(),
                secret: false,
                json: Some(text),
            }
        }
    }
}

/// A CSV field as Newman's `csvAutoParse` casts it: an unquoted integer (`-12`, no leading
/// zero) or decimal number (`0.5`, `1e3`, `007`) becomes a number; anything else, and
/// every quoted field, stays text.
fn cast(field: Field) -> Variable {
    let text = field.text;
    if field.quoted || text.is_empty() {
        return plain(text);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(&text);
    let integer = digits.starts_with(|c: char| ('1'..='9').contains(&c))
        && digits.chars().all(|c| c.is_ascii_digit());
    let decimal = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && text.chars().any(|c| c.is_ascii_digit());
    let number = match text.parse::<f64>() {
        Ok(n) if (integer || decimal) && n.is_finite() => n,
        _ => return plain(text),
    };
    let shown = if number.fract() == 0.0 && number.abs() < 1e21 {
        format!("{number:.0}")
    } else {
        number.to_string()
    };
    Variable {
        value: shown.clone(),
        secret: false,
        json: Some(shown),
    }
}

/// A string value.
fn plain(value: String) -> Variable {
    Variable {
        value,
        ..Variable::default()
    }
}

/// CSV rows as Newman makes them: a record shorter than the header leaves the other
/// columns unset, a longer one has its extra fields dropped.
fn parse_csv(path: &Path, text: &[u8]) -> Result<Vec<DataRow>, LoadError> {
    let text = String::from_utf8_lossy(text);
    let mut records = records(&text).map_err(|e| LoadError::Parse {
        file: path.to_path_buf(),
        line: e.line,
        column: e.column,
        json_path: format!("row {}", e.record),
        message: e.message,
    })?;
    if records.is_empty() {
        return Ok(Vec::new());
    }
    let headers: Vec<String> = records.remove(0).into_iter().map(|f| f.text).collect();
    Ok(records
        .into_iter()
        .map(|record| headers.iter().cloned().zip(record.into_iter().map(cast)).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_keeps_flags() {
        let f: RawVariableFile = serde_json::from_str(
            r#"{"name":"e","values":[{"key":"a","value":"1","enabled":true},
               {"key":"b","value":"2","enabled":false},{"key":"s","value":"x","type":"secret"},
               {"key":"n","value":42}]}"#,
        )
        .unwrap();
        assert!(!f.values[0].disabled);
        assert!(f.values[1].disabled);
        assert!(f.values[2].secret);
        assert_eq!(f.values[3].value, "42");
    }

    #[test]
    fn json_data_keeps_types() {
        let rows: Vec<JsonRow> =
            serde_json::from_str(r#"[{"s":"1","n":1.5,"b":true,"z":null,"o":{"a":[1]}}]"#)
                .unwrap();
        let row = &rows[0].0;
        let typed: Vec<(&str, &str, Option<&str>)> = row
            .iter()
            .map(|(k, v)| (k.as_str(), v.value.as_str(), v.json.as_deref()))
            .collect();
        assert_eq!(
            typed,
            [
                ("s", "1", None),
                ("n", "1.5", Some("1.5")),
                ("b", "true", Some("true")),
                ("z", "", Some("null")),
                ("o", r#"{"a":[1]}"#, Some(r#"{"a":[1]}"#)),
            ]
        );
    }

    #[test]
    fn csv_rows_and_errors() {
        let rows = parse_csv(Path::new("d.csv"), b"a,b\n1,2\n3,4\n").unwrap();
        assert_eq!(
            rows[1],
            vec![("a".into(), number("3")), ("b".into(), number("4"))]
        );
        let e = parse_csv(Path::new("d.csv"), b"a,b\n1,2\n3,\"x\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("d.csv:3:3: at row 2:"), "{e}");
    }

    fn number(text: &str) -> Variable {
        Variable {
            value: text.into(),
            secret: false,
            json: Some(text.into()),
        }
    }

    #[test]
    fn csv_numbers_are_cast_as_newman_casts_them() {
        let rows = parse_csv(
            Path::new("d.csv"),
            b"a,b,c,d,e,f,g,h\n7890,\"7890\",-12,007,1.50,0x10,abc,1e3\n",
        )
        .unwrap();
        let values: Vec<(&str, Option<&str>)> = rows[0]
            .iter()
            .map(|(_, v)| (v.value.as_str(), v.json.as_deref()))
            .collect();
        assert_eq!(
            values,
            [
                ("7890", Some("7890")),
                ("7890", None),
                ("-12", Some("-12")),
                ("7", Some("7")),
                ("1.5", Some("1.5")),
                ("0x10", None),
                ("abc", None),
                ("1000", Some("1000")),
            ]
        );
    }

    #[test]
    fn ragged_csv_rows_as_newman_reads_them() {
        let rows = parse_csv(Path::new("d.csv"), b"a,b,c\n1\n1,2,3,4\n").unwrap();
        assert_eq!(rows[0], vec![("a".into(), number("1"))]);
        assert_eq!(rows[1].len(), 3);
        assert!(parse_csv(Path::new("d.csv"), b"").unwrap().is_empty());
    }

    fn variable_file(json: &str) -> Vec<VariableDef> {
        parse_text::<RawVariableFile>(Path::new("g.json"), json.as_bytes())
            .unwrap()
            .values
    }

    #[test]
    fn variable_files_in_every_shape_newman_reads() {
        let list = r#"[{"key":"a","value":"1","type":"text","enabled":true},{"key":"b","value":"2","enabled":false}]"#;
        for json in [
            list.to_string(),
            format!(r#"{{"values":{list}}}"#),
            format!(r#"{{"environment":{{"values":{list}}}}}"#),
            format!(r#"{{"globals":{list}}}"#),
        ] {
            let values = variable_file(&json);
            assert_eq!(values.len(), 2, "{json}");
            assert_eq!(values[0].key, "a");
            assert!(values[1].disabled);
        }
        assert!(variable_file("{}").is_empty());
        let e = parse_text::<RawVariableFile>(Path::new("g.json"), b"[1]")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("g.json:1:2: at $[0]:"), "{e}");
    }

    fn write(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    #[test]
    fn data_files_in_utf16_and_with_bom() {
        let csv = "\u{FEFF}c1, c2\n\"1\", é\n";
        let mut le = Vec::new();
        let mut be = Vec::new();
        for unit in csv.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let utf8 = csv.as_bytes().to_vec();
        for bytes in [le, be, utf8] {
            let (_dir, path) = write("d.csv", &bytes);
            let rows = load_data_file(&path).unwrap();
            assert_eq!(
                rows,
                vec![vec![("c1".into(), plain("1".into())), ("c2".into(), plain("é".into()))]]
            );
        }
    }

    #[test]
    fn data_file_content_decides_json_or_csv() {
        let (_d, path) = write("d.txt", b"a,b\n1,2\n");
        assert_eq!(load_data_file(&path).unwrap()[0][1], ("b".into(), number("2")));
        let (_d, path) = write("d.csv", b"[{\"a\": 1}]");
        let typed = &load_data_file(&path).unwrap()[0][0];
        assert_eq!((typed.0.as_str(), typed.1.json.as_deref()), ("a", Some("1")));
        let (_d, path) = write("d.json", b"[{\"a\": 1},");
        let e = load_data_file(&path).unwrap_err().to_string();
        assert!(e.contains("d.json:1:"), "{e}");
    }
}
