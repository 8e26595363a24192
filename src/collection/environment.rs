//! Environment and globals files (Postman exports) and iteration data files (JSON or CSV).

use std::path::Path;

use serde::Deserialize;

use super::load::{LoadError, parse_json, read};
use super::model::{VariableDef, de_variables};
use crate::vars::Variable;

/// An environment or globals file.
#[derive(Debug, Clone, Default)]
pub struct VariableFile {
    /// Its variables (disabled entries included, flagged).
    pub values: Vec<VariableDef>,
}

#[derive(Deserialize)]
#[serde(expecting = "an environment or globals object with `values`")]
struct RawVariableFile {
    #[serde(default, deserialize_with = "de_variables")]
    values: Vec<VariableDef>,
}

/// Loads an environment (`-e`) or globals (`-g`) file.
pub fn load_variable_file(path: &Path) -> Result<VariableFile, LoadError> {
    let bytes = read(path)?;
    let raw: RawVariableFile = parse_json(path, &bytes)?;
    Ok(VariableFile { values: raw.values })
}

/// One row of iteration data: variable name and value, in column order (a JSON file's
/// numbers, booleans, nulls, objects and arrays keep their type for scripts).
pub type DataRow = Vec<(String, Variable)>;

/// Loads iteration data (`-d`): a JSON array of objects, or a CSV file with a header row.
pub fn load_data_file(path: &Path) -> Result<Vec<DataRow>, LoadError> {
    let bytes = read(path)?;
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        parse_csv(path, &bytes)
    } else {
        let rows: Vec<JsonRow> = parse_json(path, &bytes)?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }
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

/// A string value.
fn plain(value: String) -> Variable {
    Variable {
        value,
        ..Variable::default()
    }
}

fn parse_csv(path: &Path, bytes: &[u8]) -> Result<Vec<DataRow>, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let csv_error = |e: csv::Error| {
        let (line, column) = e.position().map_or((1, 1), |p| (p.line() as usize, 1));
        LoadError::Parse {
            file: path.to_path_buf(),
            line,
            column,
            json_path: format!("row {}", line.saturating_sub(1)),
            message: e.to_string(),
        }
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        rows.push(
            headers
                .iter()
                .cloned()
                .zip(record.iter().map(|v| plain(v.to_string())))
                .collect(),
        );
    }
    Ok(rows)
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
            vec![("a".into(), plain("3".into())), ("b".into(), plain("4".into()))]
        );
        let e = parse_csv(Path::new("d.csv"), b"a,b\n1,2\n3\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("d.csv:3:1"), "{e}");
    }
}
