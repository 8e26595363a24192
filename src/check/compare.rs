//! Comparing a response body with the saved example of the same status.

use serde_json::Value;
use similar::{ChangeTag, TextDiff};

/// How bodies are compared with saved examples (`--compare-examples`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CompareMode {
    /// Same keys and JSON types; values ignored.
    Shape,
    /// Same JSON value (key order and whitespace ignored).
    Exact,
    /// No comparison.
    #[default]
    Off,
}

/// One line of a diff between the example (`-`) and the response (`+`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// `' '`, `'-'` (only in the example) or `'+'` (only in the response).
    pub sign: char,
    /// The line, without its newline.
    pub text: String,
}

/// The shape of a JSON value: objects keep their keys, arrays the distinct shapes of their
/// items, scalars become their type name.
fn shape(v: &Value) -> Value {
    match v {
        Value::Null => Value::from("<null>"),
        Value::Bool(_) => Value::from("<boolean>"),
        Value::Number(_) => Value::from("<number>"),
        Value::String(_) => Value::from("<string>"),
        Value::Array(items) => {
            let mut shapes: Vec<Value> = Vec::new();
            for s in items.iter().map(shape) {
                if !shapes.contains(&s) {
                    shapes.push(s);
                }
            }
            Value::Array(shapes)
        }
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect())
        }
    }
}

/// Compares `actual` with the example body; `None` when they agree (or the example is not
/// JSON, or the mode is off), else a unified diff with three lines of context.
pub fn compare_with_example(
    actual: &Value,
    example_body: &str,
    mode: CompareMode,
) -> Option<Vec<DiffLine>> {
    if mode == CompareMode::Off {
        return None;
    }
    let example: Value = serde_json::from_str(example_body).ok()?;
    let (expected, got) = match mode {
        CompareMode::Shape => (shape(&example), shape(actual)),
        _ => (example, actual.clone()),
    };
    if expected == got {
        return None;
    }
    let left = serde_json::to_string_pretty(&expected).unwrap_or_default();
    let right = serde_json::to_string_pretty(&got).unwrap_or_default();
    let diff = TextDiff::from_lines(&left, &right);
    let mut out = Vec::new();
    for group in diff.grouped_ops(3) {
        for op in group {
            for change in diff.iter_changes(&op) {
                let sign = match change.tag() {
                    ChangeTag::Equal => ' ',
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                };
                out.push(DiffLine {
                    sign,
                    text: change.value().trim_end_matches('\n').to_string(),
                });
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shape_ignores_values_but_not_keys_or_types() {
        let ex = r#"{"status":"failed","cause":[{"code":"AUTH-1","message":"m"}],"n":1}"#;
        assert!(
            compare_with_example(
                &json!({"status":"x","cause":[{"code":"c","message":"y"}],"n":2}),
                ex,
                CompareMode::Shape
            )
            .is_none()
        );
        let d = compare_with_example(
            &json!({"status":"x","cause":[],"n":"2"}),
            ex,
            CompareMode::Shape,
        )
        .unwrap();
        assert!(
            d.iter()
                .any(|l| l.sign == '-' && l.text.contains("\"<number>\"")),
            "{d:?}"
        );
        assert!(
            d.iter()
                .any(|l| l.sign == '+' && l.text.contains("\"<string>\"")),
            "{d:?}"
        );
        assert!(compare_with_example(&json!({"status":"x"}), ex, CompareMode::Off).is_none());
    }

    #[test]
    fn exact_compares_values() {
        let ex = r#"{"a":1,"b":[1,2]}"#;
        assert!(compare_with_example(&json!({"b":[1,2],"a":1}), ex, CompareMode::Exact).is_none());
        let d = compare_with_example(&json!({"b":[1,3],"a":1}), ex, CompareMode::Exact).unwrap();
        assert_eq!(d.iter().filter(|l| l.sign != ' ').count(), 2);
    }
}
