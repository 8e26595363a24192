//! The limits of script runs: time, memory and stack ([`ScriptLimits`]), and what one run
//! may store on the Rust side ([`ScriptCaps`]): assertions, variables it sets and console
//! output are capped (the memory limit covers only the JavaScript heap). Past a cap the run
//! stores nothing more of that kind, counts what it dropped, and reports it as a failed
//! assertion naming the cap, so a hostile or runaway script never passes silently.

use std::time::{Duration, Instant};

use super::outcome::{Assertion, AssertionStatus, ConsoleLine};

/// Limits of every script run.
#[derive(Debug, Clone, Copy)]
pub struct ScriptLimits {
    /// Wall-clock limit of one script source (default 5 s).
    pub timeout: Duration,
    /// Memory limit of the runtime (default 64 MiB).
    pub memory: usize,
    /// Stack limit (default 1 MiB).
    pub stack: usize,
    /// What one script run may store: assertions, variables, console output.
    pub caps: ScriptCaps,
    /// `--max-expansion`: the most text the variables of one `replaceIn` may make, in
    /// bytes (default 16 MiB); past it, `replaceIn` throws.
    pub max_expansion: usize,
    /// The run's deadline (`--timeout`): no script runs past it, whatever `timeout` says.
    pub deadline: Option<Instant>,
}

impl ScriptLimits {
    /// The time a script source starting now may take: `timeout`, cut to what is left
    /// before the run's deadline.
    pub fn budget(&self) -> Duration {
        match self.deadline {
            Some(deadline) => self
                .timeout
                .min(deadline.saturating_duration_since(Instant::now())),
            None => self.timeout,
        }
    }
}

impl Default for ScriptLimits {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(5),
            memory: 64 * 1024 * 1024,
            stack: 1024 * 1024,
            caps: ScriptCaps::default(),
            max_expansion: crate::vars::DEFAULT_MAX_EXPANSION,
            deadline: None,
        }
    }
}


/// Characters kept of one assertion name, failure message, console line or error text
/// (longer ones are cut, with `…`).
pub const MAX_TEXT: usize = 16 * 1024;

/// The caps of one script run (the collection, folder and request scripts of one event
/// together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScriptCaps {
    /// Assertions recorded (`pm.test`, `tests[…]`); default 10,000.
    pub assertions: usize,
    /// Bytes of assertion names and messages; default 4 MiB.
    pub assertion_bytes: usize,
    /// Variables a run adds (new names, in every layer); default 10,000.
    pub variables: usize,
    /// Bytes the run's variable sets add (names, values and their typed form); default 16 MiB.
    pub variable_bytes: usize,
    /// Console lines; default 1,000.
    pub console_lines: usize,
    /// Bytes of console output; default 1 MiB.
    pub console_bytes: usize,
}

impl Default for ScriptCaps {
    fn default() -> Self {
        Self {
            assertions: 10_000,
            assertion_bytes: 4 << 20,
            variables: 10_000,
            variable_bytes: 16 << 20,
            console_lines: 1_000,
            console_bytes: 1 << 20,
        }
    }
}

/// What the current run stored and dropped, against its caps.
#[derive(Debug, Default)]
pub(crate) struct Usage {
    caps: ScriptCaps,
    assertions: usize,
    assertion_bytes: usize,
    /// Net change of the number of variables (removals count down).
    variables: i64,
    /// Net change of the bytes of variables.
    variable_bytes: i64,
    console_lines: usize,
    console_bytes: usize,
    dropped_assertions: usize,
    dropped_variables: usize,
    dropped_console: usize,
}

impl Usage {
    /// A fresh count for a run under `caps`.
    pub fn new(caps: ScriptCaps) -> Self {
        Usage {
            caps,
            ..Usage::default()
        }
    }

    /// Whether an assertion of `bytes` may be stored (counted if so, dropped if not).
    pub fn admit_assertion(&mut self, bytes: usize) -> bool {
        if self.assertions >= self.caps.assertions
            || self.assertion_bytes.saturating_add(bytes) > self.caps.assertion_bytes
        {
            self.dropped_assertions += 1;
            return false;
        }
        self.assertions += 1;
        self.assertion_bytes += bytes;
        true
    }

    /// Whether a variable set may be stored: `added` is true for a new name, `growth` the
    /// bytes it adds (negative when it replaces a larger value).
    pub fn admit_variable(&mut self, added: bool, growth: i64) -> bool {
        let count = self.variables + i64::from(added);
        let bytes = self.variable_bytes + growth;
        let over_count = added && count > to_i64(self.caps.variables);
        let over_bytes = growth > 0 && bytes > to_i64(self.caps.variable_bytes);
        if over_count || over_bytes {
            self.dropped_variables += 1;
            return false;
        }
        self.variables = count;
        self.variable_bytes = bytes;
        true
    }

    /// Variables removed: `count` of them, `bytes` in all.
    pub fn removed_variables(&mut self, count: usize, bytes: usize) {
        self.variables -= to_i64(count);
        self.variable_bytes -= to_i64(bytes);
    }

    /// Whether a console line of `bytes` may be stored.
    pub fn admit_console(&mut self, bytes: usize) -> bool {
        if self.console_lines >= self.caps.console_lines
            || self.console_bytes.saturating_add(bytes) > self.caps.console_bytes
        {
            self.dropped_console += 1;
            return false;
        }
        self.console_lines += 1;
        self.console_bytes += bytes;
        true
    }

    /// The failed assertions that report each cap the run hit, and a console line saying
    /// how much console output was dropped.
    pub fn report(&self) -> (Vec<Assertion>, Option<ConsoleLine>) {
        let caps = &self.caps;
        let mut failed = Vec::new();
        let mut fail = |what: &str, text: String| {
            failed.push(Assertion {
                name: format!("script limit: {what}"),
                status: AssertionStatus::Failed(text),
            });
        };
        if self.dropped_assertions > 0 {
            fail(
                "assertions",
                format!(
                    "the script recorded more than {} assertions or {} of assertion text; {} more were dropped",
                    caps.assertions,
                    size(caps.assertion_bytes),
                    self.dropped_assertions
                ),
            );
        }
        if self.dropped_variables > 0 {
            fail(
                "variables",
                format!(
                    "the script set more than {} new variables or {} of variable values; {} more sets were dropped",
                    caps.variables,
                    size(caps.variable_bytes),
                    self.dropped_variables
                ),
            );
        }
        let console = (self.dropped_console > 0).then(|| {
            let text = format!(
                "the script wrote more than {} console lines or {} of console output; {} more lines were dropped",
                caps.console_lines,
                size(caps.console_bytes),
                self.dropped_console
            );
            fail("console", text.clone());
            ConsoleLine {
                level: "warn".into(),
                text,
            }
        });
        (failed, console)
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `4 MiB`, `512 KiB`, `100 bytes`.
fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// `text` cut to at most [`MAX_TEXT`] bytes (at a character boundary), with `…` when cut.
pub(crate) fn cut(mut text: String) -> String {
    if text.len() > MAX_TEXT {
        let mut end = MAX_TEXT;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_count_what_they_drop() {
        let caps = ScriptCaps {
            assertions: 2,
            assertion_bytes: 10,
            variables: 1,
            variable_bytes: 8,
            console_lines: 1,
            console_bytes: 100,
        };
        let mut usage = Usage::new(caps);
        assert!(usage.admit_assertion(4) && usage.admit_assertion(4));
        assert!(!usage.admit_assertion(1));
        assert!(usage.admit_variable(true, 5));
        assert!(!usage.admit_variable(true, 1), "a second new name");
        assert!(!usage.admit_variable(false, 4), "past the bytes");
        assert!(usage.admit_variable(false, -2), "a smaller value");
        usage.removed_variables(1, 3);
        assert!(usage.admit_variable(true, 8));
        assert!(usage.admit_console(10) && !usage.admit_console(10));
        let (failed, line) = usage.report();
        let names: Vec<&str> = failed.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "script limit: assertions",
                "script limit: variables",
                "script limit: console"
            ]
        );
        assert_eq!(
            failed[1].status,
            AssertionStatus::Failed(
                "the script set more than 1 new variables or 8 bytes of variable values; 2 more sets were dropped".into()
            )
        );
        assert!(line.is_some_and(|l| l.text.ends_with("1 more lines were dropped")));
    }

    #[test]
    fn long_texts_are_cut() {
        assert_eq!(cut("é".repeat(MAX_TEXT)).len(), MAX_TEXT + '…'.len_utf8());
        assert_eq!(cut("short".into()), "short");
    }
}
