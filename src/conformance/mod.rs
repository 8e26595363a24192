//! The builder users call from their own `tests/conformance.rs` (`harness = false`):
//!
//! ```no_run
//! fn main() -> std::process::ExitCode {
//!     pmcheck::Conformance::new()
//!         .collections("collections")
//!         .run()
//! }
//! ```
//!
//! Where the requests go: to the origin of [`Conformance::target`] or `PMCHECK_TARGET`
//! (scheme, host and port replaced), or, with `embedded`, to the embedded IDCS simulator,
//! which the suite then starts and runs against; with neither, to each collection's
//! sidecar `target` (the same choice, per collection); with none of them, where the
//! requests' URLs point. The simulator is started only if some collection targets it.
//!
//! Settings also come from process variables, so a CI job can change them without
//! touching code: `PMCHECK_TARGET` (an origin URL, or `embedded`), `PMCHECK_VAR_<NAME>` (variables
//! applied over the environment file and redacted, so secrets never sit in files),
//! `PMCHECK_DATA` (an iteration data file), `PMCHECK_ITERATIONS`, `PMCHECK_SEED`, and
//! `PMCHECK_REPORT_JUNIT` / `PMCHECK_REPORT_JSON` / `PMCHECK_REPORT_HTML` (report files,
//! written once every trial has run). A process variable wins over the builder's setting.
//!
//! Trials are named as `pmcheck list` names the requests (with ` [iter N]` when there are
//! several iterations), one per request and iteration.

mod trials;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use libtest_mimic::{Arguments, Conclusion, Failed, Trial};

use crate::report::{HtmlReport, JsonReport, JunitReport};
use crate::session::{
    AddressOverride, HostPattern, Inputs, RunOptions, TargetRequest, prepare, start_embedded,
};
use trials::Suite;

/// Environment variable naming the target of every collection: an origin URL, or
/// `embedded` for the embedded simulator.
pub const TARGET_VAR: &str = "PMCHECK_TARGET";
/// Environment variable naming an iteration data file (CSV or JSON).
pub const DATA_VAR: &str = "PMCHECK_DATA";
/// Environment variable giving the number of iterations.
pub const ITERATIONS_VAR: &str = "PMCHECK_ITERATIONS";
/// Environment variable giving the seed of dynamic variables.
pub const SEED_VAR: &str = "PMCHECK_SEED";
/// Environment variable naming the JUnit report file.
pub const JUNIT_VAR: &str = "PMCHECK_REPORT_JUNIT";
/// Environment variable naming the JSON report file.
pub const JSON_VAR: &str = "PMCHECK_REPORT_JSON";
/// Environment variable naming the HTML report file.
pub const HTML_VAR: &str = "PMCHECK_REPORT_HTML";

/// A conformance suite: collections, schemas and variables, run as one trial per request.
#[derive(Debug, Clone)]
pub struct Conformance {
    inputs: Inputs,
    options: RunOptions,
    target: Option<String>,
    junit: Option<PathBuf>,
    json: Option<PathBuf>,
    html: Option<PathBuf>,
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
            target: None,
            junit: None,
            json: None,
            html: None,
        }
    }

    /// Adds a collection file or a folder of `*.postman_collection.json` files.
    pub fn collections(mut self, path: impl Into<PathBuf>) -> Self {
        self.inputs.paths.push(path.into());
        self
    }

    /// Lets every collection's scripts `require` the npm packages of this folder (a
    /// `node_modules` folder, or the folder `npm install` ran in).
    pub fn script_modules(mut self, dir: impl Into<PathBuf>) -> Self {
        self.inputs.script_modules = Some(dir.into());
        self
    }

    /// Uses this schema folder (with an `index.json`) for every collection.
    pub fn schemas(mut self, dir: impl Into<PathBuf>) -> Self {
        self.inputs.schemas = Some(dir.into());
        self
    }

    /// Takes every collection's response schemas from this OpenAPI 3.0 or 3.1 document
    /// (JSON or YAML) instead of a schema folder.
    pub fn openapi(mut self, file: impl Into<PathBuf>) -> Self {
        self.inputs.openapi = Some(file.into());
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

    /// With a target, lets `pm.sendRequest` reach hosts matching `pattern` too, as
    /// `--allow-host` does (`HostPattern::parse("*.example.com")`); repeatable.
    pub fn allow_host(mut self, pattern: HostPattern) -> Self {
        self.options.allow_hosts.push(pattern);
        self
    }

    /// Reaches a host at another address, as `--resolve` or `--connect-to` does
    /// (`AddressOverride::resolve("tenant.example:443:10.0.0.5")`); repeatable.
    pub fn address(mut self, entry: AddressOverride) -> Self {
        self.options.http.addresses.push(entry);
        self
    }

    /// Sends the requests of every collection to this origin (`https://tenant.example.com`),
    /// or to the embedded simulator with `embedded`. Without it (and without
    /// `PMCHECK_TARGET`), each collection's sidecar `target` decides, else the requests go
    /// where their URLs point.
    pub fn target(mut self, origin: impl Into<String>) -> Self {
        self.target = Some(origin.into());
        self
    }

    /// Runs every request `n` times (default: once per data row, at least once).
    pub fn iterations(mut self, n: usize) -> Self {
        self.options.iterations = Some(n);
        self
    }

    /// Uses this iteration data file (CSV or JSON): one iteration per row.
    pub fn data(mut self, file: impl Into<PathBuf>) -> Self {
        self.inputs.data = Some(file.into());
        self
    }

    /// Seeds the dynamic variables (`{{$randomInt}}`, …) for reproducible runs.
    pub fn seed(mut self, seed: u64) -> Self {
        self.options.seed = Some(seed);
        self
    }

    /// Writes a JUnit report here once every trial has run.
    pub fn junit(mut self, file: impl Into<PathBuf>) -> Self {
        self.junit = Some(file.into());
        self
    }

    /// Writes a JSON report here once every trial has run.
    pub fn json(mut self, file: impl Into<PathBuf>) -> Self {
        self.json = Some(file.into());
        self
    }

    /// Writes an HTML report here once every trial has run.
    pub fn html(mut self, file: impl Into<PathBuf>) -> Self {
        self.html = Some(file.into());
        self
    }

    /// Builds the trials (one per request and iteration); a setup problem becomes one
    /// failing trial, so `cargo test` shows it. Report files are written by
    /// [`Conformance::run`] only.
    pub fn trials(self) -> Vec<Trial> {
        match self.suite() {
            Ok((suite, _)) => suite.trials(),
            Err(message) => vec![setup_failure(message)],
        }
    }

    /// The suite, and the report files to write after it.
    fn suite(mut self) -> Result<(Arc<Suite>, Reports), String> {
        self.apply_process_vars()?;
        let reports = Reports {
            junit: self.junit,
            json: self.json,
            html: self.html,
        };
        let mut options = self.options;
        options.build.working_dir = std::env::current_dir().map_err(|e| e.to_string())?;
        let from_process = std::env::var(TARGET_VAR).ok().filter(|t| !t.is_empty());
        self.inputs.target = match from_process {
            Some(value) => Some(TargetRequest {
                value,
                given_by: TARGET_VAR.into(),
            }),
            None => self
                .target
                .filter(|t| !t.is_empty())
                .map(|value| TargetRequest {
                    value,
                    given_by: "Conformance::target".into(),
                }),
        };
        let mut session = prepare(&self.inputs, options).map_err(|e| e.to_string())?;
        let simulator = start_embedded(&mut session, None).map_err(|e| e.to_string())?;
        let suite = Suite::new(session, simulator).map_err(|e| e.to_string())?;
        Ok((suite, reports))
    }

    /// Applies the `PMCHECK_*` settings over the builder's.
    fn apply_process_vars(&mut self) -> Result<(), String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        if let Some(n) = var(ITERATIONS_VAR) {
            let n: usize =
                n.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
                    format!("{ITERATIONS_VAR}={n:?}: not a positive whole number")
                })?;
            self.options.iterations = Some(n);
        }
        if let Some(seed) = var(SEED_VAR) {
            self.options.seed = Some(
                seed.parse()
                    .map_err(|_| format!("{SEED_VAR}={seed:?}: not a whole number"))?,
            );
        }
        if let Some(data) = var(DATA_VAR) {
            self.inputs.data = Some(data.into());
        }
        if let Some(file) = var(JUNIT_VAR) {
            self.junit = Some(file.into());
        }
        if let Some(file) = var(JSON_VAR) {
            self.json = Some(file.into());
        }
        if let Some(file) = var(HTML_VAR) {
            self.html = Some(file.into());
        }
        Ok(())
    }

    /// Parses the libtest command line (`--list`, filters, `--exact`, `--ignored`,
    /// `--test-threads`, …), runs the trials, writes the report files and returns the exit
    /// code (2 when a report file cannot be written).
    pub fn run(self) -> ExitCode {
        match self.run_with(&Arguments::from_args()) {
            Ok(conclusion) => conclusion.exit_code(),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        }
    }

    /// Runs the trials as `args` say (no report is written with `--list`), then writes
    /// the report files. A setup problem is one failing trial, as in [`Conformance::trials`].
    pub fn run_with(self, args: &Arguments) -> Result<Conclusion, ReportError> {
        let (suite, reports) = match self.suite() {
            Ok(s) => s,
            Err(message) => return Ok(libtest_mimic::run(args, vec![setup_failure(message)])),
        };
        let conclusion = libtest_mimic::run(args, suite.trials());
        if !args.list {
            reports.write(&suite)?;
        }
        Ok(conclusion)
    }
}

/// A report file of a conformance suite that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the report {}: {source}", path.display())]
pub struct ReportError {
    /// The report file.
    pub path: PathBuf,
    /// What went wrong.
    #[source]
    pub source: std::io::Error,
}

/// The one trial that shows why the suite could not be set up.
fn setup_failure(message: String) -> Trial {
    Trial::test("pmcheck::setup", move || Err(Failed::from(message)))
}

/// The report files a suite writes once its trials are done.
struct Reports {
    junit: Option<PathBuf>,
    json: Option<PathBuf>,
    html: Option<PathBuf>,
}

impl Reports {
    /// Writes each report file from what the suite ran.
    fn write(&self, suite: &Suite) -> Result<(), ReportError> {
        let error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ReportError { path, source }
        };
        if let Some(path) = &self.junit {
            let report = create(path)
                .and_then(JunitReport::new)
                .map_err(error(path))?;
            suite.report(Box::new(report)).map_err(error(path))?;
        }
        if let Some(path) = &self.json {
            let report = create(path).map(JsonReport::new).map_err(error(path))?;
            suite.report(Box::new(report)).map_err(error(path))?;
        }
        if let Some(path) = &self.html {
            let report = create(path)
                .and_then(HtmlReport::new)
                .map_err(error(path))?;
            suite.report(Box::new(report)).map_err(error(path))?;
        }
        Ok(())
    }
}

/// Creates `path` (and its folder) for writing.
fn create(path: &Path) -> std::io::Result<std::io::BufWriter<std::fs::File>> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::File::create(path).map(std::io::BufWriter::new)
}
