//! Command-line interface: Newman's option names where they exist.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod run;

pub use run::*;

/// Conformance test harness for Postman collections.
#[derive(Debug, Parser)]
// A single-valued option given twice takes its last value: the rc file's options come
// before the command line's (`rc.rs`).
#[command(name = "pmcheck", version, about, long_about = None, args_override_self = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run collections: send every request and report each as a test case.
    Run(Box<RunArgs>),
    /// Print the test names the collections yield, one per line, in run order.
    List(ListArgs),
    /// Load collections and report every problem found, without sending anything.
    Lint(LintArgs),
    /// Run the embedded IDCS simulator standalone.
    Serve(ServeArgs),
    /// Work with schema folders (`schemas infer`).
    Schemas(SchemasArgs),
}

/// `pmcheck schemas`.
#[derive(Debug, Args)]
pub struct SchemasArgs {
    /// What to do with schemas.
    #[command(subcommand)]
    pub command: SchemasCommand,
}

/// `pmcheck schemas` subcommands.
#[derive(Debug, Subcommand)]
pub enum SchemasCommand {
    /// Write a schema folder (index.json and one JSON Schema per endpoint, status and media
    /// type) inferred from the collections' saved examples, to review and commit, then use
    /// with `run --schemas DIR`.
    Infer(InferArgs),
}

/// `pmcheck schemas infer`.
#[derive(Debug, Args)]
pub struct InferArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// The schema folder to write (created if missing; a folder holding files is refused
    /// unless --force).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "DIR",
        default_value = "schemas/inferred"
    )]
    pub output: PathBuf,
    /// Write over a folder that holds files (its index.json and the files it names are
    /// replaced; other files are kept).
    #[arg(long = "force")]
    pub force: bool,
    /// Write `enum` for small closed sets of strings (at most 5 distinct values, each seen
    /// at least twice; never for secret-bearing fields).
    #[arg(long = "enums")]
    pub enums: bool,
}

/// `pmcheck serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long = "listen", value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// Tenant fixture (JSON) instead of the built-in one.
    #[arg(long = "fixture", value_name = "FILE")]
    pub fixture: Option<PathBuf>,
    /// Print a Postman environment with the simulator's variables for ADDR, and exit.
    #[arg(long = "print-env")]
    pub print_env: bool,
    /// Print the fixture (the built-in one, or FILE, after --learn) as JSON, a template for
    /// --fixture, and exit.
    #[arg(long = "print-fixture")]
    pub print_fixture: bool,
    /// Learn the tenant's message texts, identity providers and enrollment menus from the
    /// saved examples of these collections (files or folders) before serving.
    #[arg(long = "learn", value_name = "COLLECTION", num_args = 1..)]
    pub learn: Vec<PathBuf>,
    /// requestState lifetime in seconds.
    #[arg(
        long = "request-state-ttl",
        value_name = "SECONDS",
        default_value_t = 600
    )]
    pub request_state_ttl: u64,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    On,
    /// Never colour.
    Off,
}

/// Options that select and prepare requests (shared by run, list and lint).
#[derive(Debug, Args)]
pub struct Inputs {
    /// Collection files, or folders of `*.postman_collection.json` files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Environment file (Postman export).
    #[arg(
        short = 'e',
        long = "environment",
        help_heading = "Setup options",
        value_name = "FILE"
    )]
    pub environment: Option<PathBuf>,
    /// Globals file (Postman export).
    #[arg(
        short = 'g',
        long = "globals",
        help_heading = "Setup options",
        value_name = "FILE"
    )]
    pub globals: Option<PathBuf>,
    /// Run only this folder or request (by name); repeatable.
    #[arg(long = "folder", help_heading = "Setup options", value_name = "NAME")]
    pub folder: Vec<String>,
    /// Set an environment variable, over the environment file; repeatable.
    #[arg(long = "env-var", help_heading = "Setup options", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub env_var: Vec<(String, String)>,
    /// Folder that relative file paths (file bodies, form files) start from.
    #[arg(
        long = "working-dir",
        help_heading = "Setup options",
        value_name = "DIR"
    )]
    pub working_dir: Option<PathBuf>,
    /// Set a global variable, over the globals file; repeatable.
    #[arg(long = "global-var", help_heading = "Setup options", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub global_var: Vec<(String, String)>,
    /// Sidecar for every collection, instead of each `NAME.pmcheck.toml`.
    #[arg(long = "config", help_heading = "Setup options", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReporterKind {
    /// The terminal report.
    Cli,
    /// JUnit XML (`--reporter-junit-export`).
    Junit,
    /// JSON (`--reporter-json-export`).
    Json,
    /// GitHub Actions annotations on stdout.
    Github,
    /// One self-contained HTML page (`--reporter-html-export`).
    Html,
}

/// How bodies are compared with the saved example of the same status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareArg {
    /// Same keys and JSON types.
    Shape,
    /// Same JSON value.
    Exact,
    /// No comparison.
    Off,
}

/// `pmcheck list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Names per iteration, as `run` and the `cargo test` trials name the cases.
    #[command(flatten)]
    pub iteration: IterationArgs,
}

/// How many times the requests run.
#[derive(Debug, Args)]
pub struct IterationArgs {
    /// Iteration data file (JSON array of objects, or CSV with a header row).
    #[arg(
        short = 'd',
        long = "iteration-data",
        help_heading = "Setup options",
        value_name = "FILE"
    )]
    pub data: Option<PathBuf>,
    /// Number of iterations (default: one per data row, or one).
    #[arg(
        short = 'n',
        long = "iteration-count",
        help_heading = "Setup options",
        value_name = "N"
    )]
    pub iterations: Option<usize>,
}

/// `pmcheck lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Print the endpoint × op × status-class matrix the collections exercise and mark the
    /// documented cells no request reaches (exit 1 if any).
    #[arg(long = "coverage")]
    pub coverage: bool,
    /// Schema folder whose coverage.json lists the documented cells (default: built-in IDCS).
    #[arg(long = "schemas", value_name = "DIR")]
    pub schemas: Option<PathBuf>,
    /// The target `run` would use (an origin URL, or `embedded`: then the simulator's
    /// variables are defined). Default: each collection's sidecar `target`.
    #[arg(long = "target", env = "PMCHECK_TARGET", value_name = "URL|embedded")]
    pub target: Option<String>,
    /// OpenAPI document for every collection: requests that match none of its operations
    /// are warned about, and `--coverage` lists its operations × documented statuses.
    #[arg(long = "openapi", value_name = "FILE", conflicts_with = "schemas")]
    pub openapi: Option<PathBuf>,
    /// Folder of npm packages scripts may `require` (as `run --script-modules`): what it
    /// holds is not reported as unloadable.
    #[arg(long = "script-modules", value_name = "DIR")]
    pub script_modules: Option<PathBuf>,
}

fn parse_key_value(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("expected KEY=VALUE, got {s:?}")),
    }
}

pub(crate) fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => {
            let unit = t[i..].trim().to_ascii_uppercase();
            let mult: usize = match unit.as_str() {
                "B" => 1,
                "K" | "KB" | "KIB" => 1 << 10,
                "M" | "MB" | "MIB" => 1 << 20,
                "G" | "GB" | "GIB" => 1 << 30,
                _ => return Err(format!("unknown size unit in {s:?} (use K, M or G)")),
            };
            (&t[..i], mult)
        }
        None => (t, 1),
    };
    let n: usize = num
        .parse()
        .map_err(|_| format!("expected a size such as 16M, got {s:?}"))?;
    n.checked_mul(mult)
        .ok_or_else(|| format!("size {s:?} is too large"))
}

#[cfg(test)]
mod tests;
