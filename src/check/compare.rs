//! Comparing a response body with a saved example of the same status, under the
//! sidecar's `[compare]` rules.

use serde_json::Value;
use similar::{ChangeTag, TextDiff};

use super::select::CaptureSource;

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

/// What a sidecar's `[compare]` section changes in the comparison with saved examples.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareRules {
    /// Key names (at any depth) whose presence may differ between example and response:
    /// where only one side has the key, it is left out of the comparison.
    pub optional: Vec<String>,
    /// Values compared only by their JSON type (as in shape mode) in exact mode.
    pub vary: Vec<CaptureSource>,
}

impl CompareRules {
    /// Whether the rules change nothing.
    pub fn is_empty(&self) -> bool {
        self.optional.is_empty() && self.vary.is_empty()
    }
}

/// A saved example a response is compared with: its name and its parsed body.
#[derive(Debug, Clone, Copy)]
pub struct Example<'a> {
    /// The example's name in the collection.
    pub name: &'a str,
    /// Its body, parsed as JSON.
    pub body: &'a Value,
}

/// Removes from `side` the `optional` keys that `other` lacks at the same place, at any
/// depth: objects pair by key, arrays by index (an item beyond the other side's last is
/// paired with that last item).
fn drop_unmatched(side: &mut Value, other: &Value, optional: &[String]) {
    match (side, other) {
        (Value::Object(map), Value::Object(theirs)) => {
            map.retain(|k, _| theirs.contains_key(k) || !optional.contains(k));
            for (k, v) in map.iter_mut() {
                if let Some(o) = theirs.get(k) {
                    drop_unmatched(v, o, optional);
                }
            }
        }
        (Value::Array(items), Value::Array(theirs)) => {
            if let Some(last) = theirs.last() {
                for (i, v) in items.iter_mut().enumerate() {
                    drop_unmatched(v, theirs.get(i).unwrap_or(last), optional);
                }
            }
        }
        _ => {}
    }
}

/// Compares `actual` with a saved example's body under `rules`; `None` when they agree (or
/// the mode is off), else a unified diff with three lines of context.
pub fn compare_with_example(
    actual: &Value,
    example: &Value,
    mode: CompareMode,
    rules: &CompareRules,
) -> Option<Vec<DiffLine>> {
    if mode == CompareMode::Off {
        return None;
    }
    let (mut expected, mut got) = (example.clone(), actual.clone());
    if !rules.optional.is_empty() {
        drop_unmatched(&mut expected, actual, &rules.optional);
        drop_unmatched(&mut got, example, &rules.optional);
    }
    let (expected, got) = match mode {
        CompareMode::Shape => (shape(&expected), shape(&got)),
        _ => {
            for selector in &rules.vary {
                for side in [&mut expected, &mut got] {
                    selector.for_each_mut(side, &mut |v| *v = shape(v));
                }
            }
            (expected, got)
        }
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

    fn cmp(actual: Value, example: Value, mode: CompareMode) -> Option<Vec<DiffLine>> {
        compare_with_example(&actual, &example, mode, &CompareRules::default())
    }

    fn rules(optional: &[&str], vary: &[&str]) -> CompareRules {
        CompareRules {
            optional: optional.iter().map(|s| s.to_string()).collect(),
            vary: vary
                .iter()
                .map(|s| CaptureSource::parse(s).unwrap())
                .collect(),
        }
    }

    #[test]
    fn shape_ignores_values_but_not_keys_or_types() {
        let ex = json!({"status":"failed","cause":[{"code":"AUTH-1","message":"m"}],"n":1});
        assert!(
            cmp(
                json!({"status":"x","cause":[{"code":"c","message":"y"}],"n":2}),
                ex.clone(),
                CompareMode::Shape
            )
            .is_none()
        );
        let d = cmp(
            json!({"status":"x","cause":[],"n":"2"}),
            ex.clone(),
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
        assert!(cmp(json!({"status":"x"}), ex, CompareMode::Off).is_none());
    }

    #[test]
    fn exact_compares_values() {
        let ex = json!({"a":1,"b":[1,2]});
        assert!(cmp(json!({"b":[1,2],"a":1}), ex.clone(), CompareMode::Exact).is_none());
        let d = cmp(json!({"b":[1,3],"a":1}), ex, CompareMode::Exact).unwrap();
        assert_eq!(d.iter().filter(|l| l.sign != ' ').count(), 2);
    }

    #[test]
    fn optional_keys_may_be_missing_on_either_side_at_any_depth() {
        let r = rules(&["ecId"], &[]);
        let ex = json!({"ecId": "a", "status": "failed", "cause": [{"code": "X", "ecId": "b"}]});
        let got = json!({"status": "failed", "cause": [{"code": "X"}, {"code": "Y", "ecId": 1}]});
        for mode in [CompareMode::Shape, CompareMode::Exact] {
            assert!(compare_with_example(&got, &ex, mode, &r).is_some(), "{mode:?}");
        }
        let got = json!({"status": "failed", "cause": [{"code": "X"}]});
        for mode in [CompareMode::Shape, CompareMode::Exact] {
            assert!(compare_with_example(&got, &ex, mode, &r).is_none(), "{mode:?}");
            assert!(compare_with_example(&ex, &got, mode, &r).is_none(), "{mode:?}");
            assert!(cmp(got.clone(), ex.clone(), mode).is_some(), "{mode:?}");
        }
        // Present on both sides: still compared.
        let got = json!({"ecId": 7, "status": "failed", "cause": [{"code": "X"}]});
        let d = compare_with_example(&got, &ex, CompareMode::Shape, &r).unwrap();
        assert!(d.iter().any(|l| l.sign == '+' && l.text.contains("<number>")), "{d:?}");
        let got = json!({"ecId": "other", "status": "failed", "cause": [{"code": "X"}]});
        assert!(compare_with_example(&got, &ex, CompareMode::Exact, &r).is_some());
    }

    #[test]
    fn varying_values_are_compared_by_type_in_exact_mode() {
        let ex = json!({"requestState": "r1", "authnToken": "t1", "n": 1,
            "dev": [{"requestState": "r2"}]});
        let got = json!({"requestState": "zz", "authnToken": "t2", "n": 1,
            "dev": [{"requestState": "r3"}]});
        let r = rules(&[], &["..requestState", "/authnToken"]);
        assert!(compare_with_example(&got, &ex, CompareMode::Exact, &r).is_none());
        assert!(cmp(got.clone(), ex.clone(), CompareMode::Exact).is_some());
        // Only the named values vary, and their type still counts.
        let r = rules(&[], &["..requestState#1", "/authnToken"]);
        assert!(compare_with_example(&got, &ex, CompareMode::Exact, &r).is_some());
        let typed = json!({"requestState": 5, "authnToken": "t2", "n": 1,
            "dev": [{"requestState": "r2"}]});
        let r = rules(&[], &["..requestState", "/authnToken"]);
        let d = compare_with_example(&typed, &ex, CompareMode::Exact, &r).unwrap();
        assert!(d.iter().any(|l| l.sign == '+' && l.text.contains("<number>")), "{d:?}");
        let other = json!({"requestState": "zz", "authnToken": "t2", "n": 2,
            "dev": [{"requestState": "r3"}]});
        assert!(compare_with_example(&other, &ex, CompareMode::Exact, &r).is_some());
    }
}
