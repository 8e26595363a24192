//! The `pmcheck` binary: parses the command line, calls the library, maps outcomes to exit
//! codes (0 all good, 1 a request or check failed, 2 bad input or usage).

mod cli;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;

use cli::{Cli, ColorChoice, Command, Inputs, LintArgs, ListArgs, RunArgs};
use pmcheck::collection::{
    LoadError, LoadedCollection, Plan, Selection, collection_files, load_collection,
    load_data_file, load_variable_file, plan,
};
use pmcheck::http::HttpConfig;
use pmcheck::lint::{Severity, lint};
use pmcheck::report::HumanReport;
use pmcheck::request::{BuildOptions, Target};
use pmcheck::run::{RunOptions, run};

/// How a command ended, before it becomes an exit code.
enum Outcome {
    /// Everything passed.
    Ok,
    /// Some request or check failed.
    Failed,
}

/// An error caused by the user's input (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct BadInput(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => cmd_run(args),
        Command::List(args) => cmd_list(args),
        Command::Lint(args) => cmd_lint(args),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Loads every collection; collects all load errors instead of stopping at the first.
fn load_all(paths: &[PathBuf]) -> (Vec<LoadedCollection>, Vec<LoadError>) {
    let files = match collection_files(paths) {
        Ok(f) => f,
        Err(e) => return (Vec::new(), vec![e]),
    };
    let mut loaded = Vec::new();
    let mut errors = Vec::new();
    for path in files {
        match load_collection(&path) {
            Ok(collection) => loaded.push(LoadedCollection { path, collection }),
            Err(e) => errors.push(e),
        }
    }
    (loaded, errors)
}

/// Loads and plans, failing on the first bad file (every error is printed).
fn load_plan(inputs: &Inputs) -> anyhow::Result<Plan> {
    let (loaded, errors) = load_all(&inputs.paths);
    if !errors.is_empty() {
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        return Err(BadInput(text.join("\nerror: ")).into());
    }
    let selection = Selection {
        names: inputs.folder.clone(),
    };
    let plan = plan(loaded, &selection);
    if plan.is_empty() && !inputs.folder.is_empty() {
        return Err(BadInput(format!(
            "no folder or request named {} in the collections",
            inputs.folder.join(", ")
        ))
        .into());
    }
    Ok(plan)
}

/// Variables from files and `--env-var`/`--global-var`.
fn variable_options(inputs: &Inputs, options: &mut RunOptions) -> anyhow::Result<()> {
    if let Some(path) = &inputs.environment {
        options.environment = load_variable_file(path)
            .map_err(|e| BadInput(e.to_string()))?
            .values;
    }
    if let Some(path) = &inputs.globals {
        options.globals = load_variable_file(path)
            .map_err(|e| BadInput(e.to_string()))?
            .values;
    }
    options.env_overrides = inputs.env_var.clone();
    options.global_overrides = inputs.global_var.clone();
    Ok(())
}

/// `--working-dir`, or the current directory.
fn working_dir(inputs: &Inputs) -> anyhow::Result<PathBuf> {
    match &inputs.working_dir {
        Some(d) => Ok(d.clone()),
        None => std::env::current_dir().context("cannot read the current directory"),
    }
}

fn cmd_run(args: RunArgs) -> anyhow::Result<Outcome> {
    let plan = load_plan(&args.inputs)?;
    let mut options = RunOptions::default();
    variable_options(&args.inputs, &mut options)?;
    if let Some(path) = &args.data {
        options.data = load_data_file(path).map_err(|e| BadInput(e.to_string()))?;
    }
    let target = match args.target.as_deref().filter(|t| !t.is_empty()) {
        Some(t) => Some(Target::parse(t).map_err(|e| BadInput(e.to_string()))?),
        None => None,
    };
    options.iterations = args.iterations;
    options.seed = args.seed;
    options.delay = Duration::from_millis(args.delay_request);
    options.bail = args.bail;
    options.http = HttpConfig {
        timeout: (args.timeout_request > 0).then(|| Duration::from_millis(args.timeout_request)),
        insecure: args.insecure,
        max_body: args.max_body,
        ..HttpConfig::default()
    };
    options.build = BuildOptions {
        target: target.clone(),
        working_dir: working_dir(&args.inputs)?,
        ignore_redirects: args.ignore_redirects,
    };
    let color = match args.color {
        ColorChoice::On => true,
        ColorChoice::Off => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let mut report = HumanReport::new(std::io::stdout(), color);
    let origin = target.as_ref().map(Target::origin);
    report.header(plan.len(), plan.collections.len(), origin.as_deref());
    let summary = runtime.block_on(run(&plan, &options, &mut |event| report.event(&event)))?;
    report.summary(&summary);
    Ok(if summary.ok() {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}

fn cmd_list(args: ListArgs) -> anyhow::Result<Outcome> {
    let plan = load_plan(&args.inputs)?;
    let mut out = std::io::stdout().lock();
    for step in plan.steps() {
        use std::io::Write;
        if writeln!(out, "{}", step.id).is_err() {
            break;
        }
    }
    Ok(Outcome::Ok)
}

fn cmd_lint(args: LintArgs) -> anyhow::Result<Outcome> {
    let (loaded, errors) = load_all(&args.inputs.paths);
    for e in &errors {
        println!("error: {e}");
    }
    let mut options = RunOptions::default();
    variable_options(&args.inputs, &mut options)?;
    options.build.working_dir = working_dir(&args.inputs)?;
    let files = loaded.len();
    let plan = plan(
        loaded,
        &Selection {
            names: args.inputs.folder.clone(),
        },
    );
    let findings = lint(&plan, &options);
    for f in &findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        println!("{level}: {}: {}: {}", f.file.display(), f.case, f.message);
    }
    let errors_found = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    println!(
        "{} file(s), {} request(s): {} load error(s), {} error(s), {} warning(s)",
        files + errors.len(),
        plan.len(),
        errors.len(),
        errors_found,
        findings.len() - errors_found
    );
    if !errors.is_empty() {
        return Err(BadInput(format!("{} file(s) could not be loaded", errors.len())).into());
    }
    Ok(if errors_found > 0 {
        Outcome::Failed
    } else {
        Outcome::Ok
    })
}
