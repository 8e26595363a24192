//! Turning what a script threw into a [`ScriptError`]. A thrown value is script-visible
//! code (its `name`, `message` and `stack` may be getters, it may be a Proxy, its `toJSON`
//! may loop): it is read by the prelude's `describeError`, while the script's clock still
//! runs, so reading it is bounded by the script's time limit like the script itself.

use rquickjs::context::EvalOptions;
use rquickjs::{Array, Ctx, Function, Value};

use super::limits::cut;
use super::clock::Clock;
use super::limits::ScriptLimits;
use super::outcome::ScriptError;

/// Options for compiling a script: sloppy mode, as Postman's sandbox (Node's `vm`) runs
/// scripts, so that `jsonData = JSON.parse(responseBody)` without `var` makes a global
/// instead of throwing; a script opts into strict mode with its own `'use strict'`.
pub(crate) fn sloppy() -> EvalOptions {
    let mut options = EvalOptions::default();
    options.strict = false;
    options
}

/// The text of an error of the prelude itself (no script code has run: nothing to bound).
pub(crate) fn describe_prelude(ctx: &Ctx<'_>, error: rquickjs::Error) -> String {
    if !error.is_exception() {
        return error.to_string();
    }
    let value = ctx.catch();
    let Some(object) = value.as_object() else {
        return format!("{value:?}");
    };
    let mut message: String = object.get("message").unwrap_or_default();
    if let Ok(name) = object.get::<_, String>("name") {
        message = format!("{name}: {message}");
    }
    match object.get::<_, String>("stack") {
        Ok(stack) if !stack.is_empty() => format!("{message}\n{stack}"),
        _ => message,
    }
}

/// What `describeError` tells of a thrown value: `Name: message` (or the value's text),
/// the stack when it has one, and the name.
fn described(value: rquickjs::Result<Array<'_>>) -> rquickjs::Result<(String, Option<String>, Option<String>)> {
    let array = value?;
    Ok((array.get(0)?, array.get(1)?, array.get(2)?))
}

/// Turns an engine error of a script run into a [`ScriptError`]. Called while the clock
/// of the run is still armed: a thrown value whose getters loop ends in the script's
/// timeout error, never in a hang.
pub(crate) fn classify<'js>(
    ctx: &Ctx<'js>,
    error: rquickjs::Error,
    clock: &Clock,
    limits: ScriptLimits,
    describe: &Function<'js>,
) -> ScriptError {
    let timeout = || {
        // Clear the pending uncatchable exception.
        let _ = ctx.catch();
        ScriptError::Timeout {
            limit: limits.timeout,
        }
    };
    let out_of_memory = || ScriptError::OutOfMemory {
        limit: limits.memory,
    };
    if clock.fired.get() {
        return timeout();
    }
    if matches!(error, rquickjs::Error::Allocation) {
        let _ = ctx.catch();
        return out_of_memory();
    }
    if !error.is_exception() {
        return ScriptError::Engine(error.to_string());
    }
    let value: Value<'js> = ctx.catch();
    if value.is_null() {
        return out_of_memory();
    }
    let described = described(describe.call((value,)));
    if clock.fired.get() {
        return timeout();
    }
    let (message, stack, name) = match described {
        Ok(described) => described,
        Err(rquickjs::Error::Allocation) => {
            let _ = ctx.catch();
            return out_of_memory();
        }
        Err(_) => {
            let _ = ctx.catch();
            ("uncaught exception (its description failed)".to_string(), None, None)
        }
    };
    if message.contains("out of memory") {
        return out_of_memory();
    }
    if message.contains("Maximum call stack size exceeded") || message.contains("stack overflow") {
        return ScriptError::StackOverflow;
    }
    if name.as_deref() == Some("UnsupportedError") {
        let what = message
            .strip_prefix("UnsupportedError: not supported: ")
            .unwrap_or(&message)
            .to_string();
        return ScriptError::Unsupported { what };
    }
    ScriptError::Exception {
        message: cut(message),
        stack: stack.map(cut),
    }
}
