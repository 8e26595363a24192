//! The builder users call from their own `tests/conformance.rs` (`harness = false`):
//!
//! ```no_run
//! fn main() -> std::process::ExitCode {
//!     pmcheck::Conformance::new()
//!         .collections("collections")
//!         .schemas("schemas/idcs")
//!         .run()
//! }
//! ```
//!
//! The target comes from `PMCHECK_TARGET` (an origin URL); unset or `embedded`, the suite
//! starts the embedded IDCS simulator and runs against it. Variables from `PMCHECK_VAR_<NAME>` process
//! variables (applied over the environment file and redacted), so secrets never sit in
//! files.

use std::path::PathBuf;
use std::process::ExitCode;

use libtest_mimic::{Arguments, Failed, Trial};

use crate::report::trials;
use crate::request::Target;
use crate::run::{EMBEDDED, Inputs, RunOptions, prepare, start_embedded};

/// Environment variable naming the target origin.
pub const TARGET_VAR: &str = "PMCHECK_TARGET";

/// A conformance suite: collections, schemas and variables, run as one trial per request.
#[derive(Debug, Clone)]
pub struct Conformance {
    inputs: Inputs,
    options: RunOptions,
}

impl Default for Conformance {
    fn default() -> Self {
        Self::new()
    }
}

impl Conformance {
    /// An empty suite reading `PMCHECK_VAR_<NAME>` process variables.
    pub fn new() -> Self {
        Conformance {
            inputs: Inputs {
                process_vars: true,
                ..Inputs::default()
            },
            options: RunOptions::default(),
        }
    }

    /// Adds a collection file or a folder of `*.postman_collection.json` files.
    pub fn collections(mut self, path: impl Into<PathBuf>) -> Self {
        self.inputs.paths.push(path.into());
        self
    }

    /// Uses this schema folder (with an `index.json`) for every collection.
    pub fn schemas(mut self, dir: impl Into<PathBuf>) -> Self {
        self.inputs.schemas = Some(dir.into());
        self
    }

    /// Uses this environment file.
    pub fn environment(mut self, file: impl Into<PathBuf>) -> Self {
        self.inputs.environment = Some(file.into());
        self
    }

    /// Uses this globals file.
    pub fn globals(mut self, file: impl Into<PathBuf>) -> Self {
        self.inputs.globals = Some(file.into());
        self
    }

    /// Uses this sidecar for every collection.
    pub fn config(mut self, file: impl Into<PathBuf>) -> Self {
        self.inputs.config = Some(file.into());
        self
    }

    /// Redacts this variable's value in every report.
    pub fn secret(mut self, name: impl Into<String>) -> Self {
        self.inputs.secrets.push(name.into());
        self
    }

    /// Builds the trials (one per request); a setup problem becomes one failing trial, so
    /// `cargo test` shows it.
    pub fn trials(self) -> Vec<Trial> {
        match self.try_trials() {
            Ok(t) => t,
            Err(message) => vec![Trial::test("pmcheck::setup", move || {
                Err(Failed::from(message))
            })],
        }
    }

    fn try_trials(self) -> Result<Vec<Trial>, String> {
        let mut options = self.options;
        options.build.working_dir = std::env::current_dir().map_err(|e| e.to_string())?;
        let target = std::env::var(TARGET_VAR)
            .ok()
            .filter(|t| !t.is_empty() && t != EMBEDDED);
        if let Some(t) = &target {
            options.build.target =
                Some(Target::parse(t).map_err(|e| format!("{TARGET_VAR}: {e}"))?);
        }
        let mut session = prepare(&self.inputs, options).map_err(|e| e.to_string())?;
        let simulator = match target {
            Some(_) => None,
            None => Some(start_embedded(&mut session, None).map_err(|e| e.to_string())?),
        };
        trials(session, simulator).map_err(|e| format!("cannot start the async runtime: {e}"))
    }

    /// Parses the libtest command line (`--list`, filters, `--exact`, `--ignored`,
    /// `--test-threads`, …), runs the trials and returns the exit code.
    pub fn run(self) -> ExitCode {
        let args = Arguments::from_args();
        libtest_mimic::run(&args, self.trials()).exit_code()
    }
}
