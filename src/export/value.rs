//! How a variable is written in an export: its value (typed where a script gave it a
//! type) and its `type`.

use serde_json::Value;

/// A variable's exported value and type: `secret` (its value is the mask), `any` for a
/// value a script set with a type of its own (a number, an object…), else `plain`.
pub(super) fn variable_value(variable: &crate::vars::Variable, plain: &str) -> (Value, String) {
    if variable.secret {
        return (Value::String(variable.value.clone()), "secret".into());
    }
    if let Some(typed) = variable
        .json
        .as_deref()
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
    {
        return (typed, "any".into());
    }
    (Value::String(variable.value.clone()), plain.into())
}
