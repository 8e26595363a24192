//! The rc file: default options of `pmcheck run`, by their long names, in a JSON object
//! (`{"reporters": ["cli", "junit"], "timeout-request": 5000, "env-var": ["a=b"]}`).
//!
//! Which file: `--rc FILE`, else the `PMCHECK_RC` variable (empty: none), else
//! `.pmcheckrc.json` in the current directory if there is one. Its options become
//! arguments placed before the command line's, so clap checks them as it checks the
//! command line; an option the command line gives (or, for one with a variable such as
//! `PMCHECK_TARGET`, that variable) replaces the file's, a list included.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::{ArgAction, Command};
use serde_json::Value;

/// The rc file read when neither `--rc` nor `PMCHECK_RC` names one.
pub const DEFAULT_RC: &str = ".pmcheckrc.json";

/// The variable that names the rc file.
pub const RC_VAR: &str = "PMCHECK_RC";

/// The subcommand whose options the rc file holds.
const SUBCOMMAND: &str = "run";

/// Why the rc file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RcError {
    /// The file cannot be read.
    #[error("{}: cannot read the rc file: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is not JSON, or not an object.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A key names no option, or its value does not fit the option.
    #[error("{}: {key:?}: {message}", path.display())]
    Option {
        /// The file.
        path: PathBuf,
        /// The key.
        key: String,
        /// What is wrong.
        message: String,
    },
    /// `--rc` without a file.
    #[error("--rc needs a FILE")]
    MissingFile,
}

/// `args` with the rc file's options inserted after `pmcheck run`; `args` unchanged for
/// another subcommand or without an rc file.
pub fn with_rc(command: &Command, args: Vec<OsString>) -> Result<Vec<OsString>, RcError> {
    if args.get(1).and_then(|a| a.to_str()) != Some(SUBCOMMAND) {
        return Ok(args);
    }
    let Some(run) = command.find_subcommand(SUBCOMMAND) else {
        return Ok(args);
    };
    // Built, each argument knows how many values it takes.
    let mut run = run.clone();
    run.build();
    let given = &args[2..];
    // Help is shown whatever the rc file holds.
    if given.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(args);
    }
    let Some(path) = rc_path(given)? else {
        return Ok(args);
    };
    let text = std::fs::read_to_string(&path).map_err(|source| RcError::Io {
        path: path.clone(),
        source,
    })?;
    let rc = rc_arguments(&run, &path, &text, given)?;
    let mut out = args[..2].to_vec();
    out.extend(rc.into_iter().map(OsString::from));
    out.extend_from_slice(given);
    Ok(out)
}

/// The rc file to read: `--rc FILE` among the arguments, else `PMCHECK_RC`, else
/// [`DEFAULT_RC`] if it exists.
fn rc_path(given: &[OsString]) -> Result<Option<PathBuf>, RcError> {
    let mut tokens = given.iter().map(|t| t.to_string_lossy());
    while let Some(token) = tokens.next() {
        if token == "--" {
            break;
        }
        if let Some(file) = token.strip_prefix("--rc=") {
            return Ok(Some(PathBuf::from(file)));
        }
        if token == "--rc" {
            let file = tokens.next().ok_or(RcError::MissingFile)?;
            return Ok(Some(PathBuf::from(file.as_ref())));
        }
    }
    if let Some(value) = std::env::var_os(RC_VAR) {
        return Ok((!value.is_empty()).then(|| PathBuf::from(value)));
    }
    let default = PathBuf::from(DEFAULT_RC);
    Ok(default.is_file().then_some(default))
}

/// The arguments the rc file's `text` stands for, leaving out the options `given` on the
/// command line (or by their variable).
fn rc_arguments(
    run: &Command,
    path: &Path,
    text: &str,
    given: &[OsString],
) -> Result<Vec<String>, RcError> {
    let document: Value = serde_json::from_str(text).map_err(|e| RcError::Syntax {
        path: path.to_path_buf(),
        line: e.line().max(1),
        column: e.column().max(1),
        message: strip_position(&e),
    })?;
    let Value::Object(options) = document else {
        return Err(RcError::Syntax {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "the rc file must be a JSON object of option names to values".into(),
        });
    };
    let on_command_line = given_longs(run, given);
    let mut out = Vec::new();
    for (key, value) in &options {
        let bad = |message: String| RcError::Option {
            path: path.to_path_buf(),
            key: key.clone(),
            message,
        };
        let arg = run
            .get_arguments()
            .find(|a| a.get_long() == Some(key.as_str()) && key != "rc" && key != "help")
            .ok_or_else(|| bad(format!("`pmcheck run` has no option --{key}")))?;
        let by_variable = arg
            .get_env()
            .and_then(std::env::var_os)
            .is_some_and(|v| !v.is_empty());
        if on_command_line.iter().any(|l| l == key) || by_variable {
            continue;
        }
        let mut these = Vec::new();
        match (arg.get_action(), value) {
            (ArgAction::SetTrue, Value::Bool(on)) => {
                if *on {
                    these.push(format!("--{key}"));
                }
            }
            (ArgAction::SetTrue, _) => return Err(bad("expected true or false".into())),
            (ArgAction::Count, Value::Number(n)) => {
                let times = n.as_u64().ok_or_else(|| bad("expected a count".into()))?;
                these.extend((0..times.min(16)).map(|_| format!("--{key}")));
            }
            // An option whose value may be left out (`--bail` alone), as a flag.
            (_, Value::Bool(on)) if arg.get_num_args().is_some_and(|n| n.min_values() == 0) => {
                if *on {
                    these.push(format!("--{key}"));
                }
            }
            (ArgAction::Append, Value::Array(items)) => {
                for item in items {
                    these.push(format!(
                        "--{key}={}",
                        scalar(item).ok_or_else(|| {
                            bad("expected a list of strings or numbers".into())
                        })?
                    ));
                }
            }
            (ArgAction::Append, Value::Object(pairs)) => {
                for (k, v) in pairs {
                    let v = scalar(v).ok_or_else(|| {
                        bad("expected an object of names to strings or numbers".into())
                    })?;
                    these.push(format!("--{key}={k}={v}"));
                }
            }
            (_, Value::Array(_)) => {
                return Err(bad(format!("--{key} takes one value, not a list")));
            }
            (_, value) => {
                let v = scalar(value).ok_or_else(|| bad("expected a string or a number".into()))?;
                these.push(format!("--{key}={v}"));
            }
        }
        check(run, &these).map_err(bad)?;
        out.extend(these);
    }
    Ok(out)
}

/// A string or number as its text.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Whether clap accepts `these` arguments of `pmcheck run` (with a stand-in collection);
/// its message if not.
fn check(run: &Command, these: &[String]) -> Result<(), String> {
    let mut argv = vec!["run".to_string()];
    argv.extend(these.iter().cloned());
    argv.push("collection.json".into());
    match run.clone().try_get_matches_from(argv) {
        Ok(_) => Ok(()),
        Err(e) => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or_default();
            Err(first.strip_prefix("error: ").unwrap_or(first).to_string())
        }
    }
}

/// The long names of the options among `given` (short ones too, by their long name), up
/// to `--`.
fn given_longs(run: &Command, given: &[OsString]) -> Vec<String> {
    let mut longs = Vec::new();
    for token in given.iter().map(|t| t.to_string_lossy()) {
        if token == "--" {
            break;
        }
        if let Some(long) = token.strip_prefix("--") {
            longs.push(long.split('=').next().unwrap_or(long).to_string());
        } else if let Some(shorts) = token.strip_prefix('-') {
            for c in shorts.chars() {
                let Some(arg) = run.get_arguments().find(|a| a.get_short() == Some(c)) else {
                    break;
                };
                if let Some(long) = arg.get_long() {
                    longs.push(long.to_string());
                }
                // The rest of the token is this option's value.
                if !matches!(arg.get_action(), ArgAction::SetTrue | ArgAction::Count) {
                    break;
                }
            }
        }
    }
    longs
}

/// serde_json's message without its ` at line L column C`.
fn strip_position(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    fn run_command() -> Command {
        let cli = Cli::command();
        let mut run = cli.find_subcommand(SUBCOMMAND).unwrap().clone();
        run.build();
        run
    }

    fn args(rc: &str, given: &[&str]) -> Result<Vec<String>, RcError> {
        let given: Vec<OsString> = given.iter().map(OsString::from).collect();
        rc_arguments(&run_command(), Path::new("rc.json"), rc, &given)
    }

    #[test]
    fn options_become_arguments_and_the_command_line_wins() {
        let rc = r#"{"reporters": ["cli", "junit"], "timeout-request": 5000,
                     "env-var": ["a=b"], "insecure": true, "bail": false,
                     "global-var": {"g": "1"}}"#;
        assert_eq!(
            args(rc, &[]).unwrap(),
            [
                "--env-var=a=b",
                "--global-var=g=1",
                "--insecure",
                "--reporters=cli",
                "--reporters=junit",
                "--timeout-request=5000",
            ]
        );
        // Given on the command line, by long or short name: the file's value is left out.
        let out = args(rc, &["-r", "json", "--timeout-request=1", "-k", "c.json"]).unwrap();
        assert_eq!(out, ["--env-var=a=b", "--global-var=g=1"]);
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_file_and_key() {
        let err = |rc: &str| args(rc, &[]).unwrap_err().to_string();
        assert_eq!(
            err(r#"{"no-such": 1}"#),
            "rc.json: \"no-such\": `pmcheck run` has no option --no-such"
        );
        assert!(
            err(r#"{"timeout-request": "soon"}"#)
                .starts_with("rc.json: \"timeout-request\": invalid value 'soon'")
        );
        assert_eq!(
            err(r#"{"insecure": "yes"}"#),
            "rc.json: \"insecure\": expected true or false"
        );
        assert_eq!(
            err(r#"{"jobs": [1, 2]}"#),
            "rc.json: \"jobs\": --jobs takes one value, not a list"
        );
        assert!(err(r#"{"reporters": ["nope"]}"#).contains("invalid value 'nope'"));
        // `true` for an option that needs a value.
        assert_eq!(
            err(r#"{"timeout-request": true}"#),
            "rc.json: \"timeout-request\": expected a string or a number"
        );
        assert!(err("{\n  \"jobs\": 2,,\n}").starts_with("rc.json:2:"));
        assert!(err("[1]").starts_with("rc.json:1:1: the rc file must be a JSON object"));
    }

    #[test]
    fn the_rc_option_names_the_file() {
        let given = |t: &[&str]| t.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            rc_path(&given(&["c.json", "--rc", "x.json"])).unwrap(),
            Some(PathBuf::from("x.json"))
        );
        assert_eq!(
            rc_path(&given(&["--rc=y.json"])).unwrap(),
            Some(PathBuf::from("y.json"))
        );
        assert!(matches!(
            rc_path(&given(&["--rc"])),
            Err(RcError::MissingFile)
        ));
    }
}
