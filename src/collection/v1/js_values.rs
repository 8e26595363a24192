//! How JavaScript and lodash judge a JSON value, as the v1 converter asks.

use serde_json::Value;

/// JavaScript truthiness of a JSON value.
pub(super) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// lodash's `isEmpty`: nothing, an empty string, list or object (and any number or
/// boolean).
pub(super) fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null | Value::Bool(_) | Value::Number(_)) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
    }
}
