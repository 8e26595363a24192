//! The `pmcheck` binary: parses the command line, calls the library, maps outcomes to exit
//! codes (0 all passed, 1 a check failed, 2 bad input or usage, 3 errors only, 4 the run
//! timeout expired, 130 or 143 SIGINT or SIGTERM stopped the run; see `pmcheck::exit`).

mod cli;
mod rc;
mod report_file;
mod signals;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};

use cli::{
    BailModifier, Cli, CliReporterArgs, ColorChoice, Command, CompareArg, InferArgs, Inputs,
    LintArgs, ListArgs, ReporterKind, RunArgs, RunControlArgs, SchemasArgs, SchemasCommand,
    ServeArgs, StateArgs,
};
use pmcheck::coverage::{Documented, coverage};
use pmcheck::exit::Exit;
use pmcheck::export;
use pmcheck::lint::{Severity, lint, unmatched_operations};
use pmcheck::report::{
    CliOptions, GithubContext, GithubReport, HtmlReport, HumanReport, JsonReport, JunitReport,
    Reporter, SchemaRecorder,
};
use pmcheck::run::{self, RunSummary};
use pmcheck::session::{
    self, Bail, BuildOptions, CompareMode, HttpConfig, RunOptions, ScriptLimits, Selection,
    SetupError, TargetRequest, load_all, load_data_file, load_each, plan, prepare, resolve_targets,
};
use pmcheck::{InferOptions, Inference};
use report_file::ReportFile;

/// mimalloc: a run makes many short-lived allocations per request, which glibc's malloc
/// serves markedly slower.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let command = Cli::command();
    let argv = match rc::with_rc(&command, std::env::args_os().collect()) {
        Ok(argv) => argv,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::BadInput.into();
        }
    };
    let matches = command.get_matches_from(argv);
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    // Whether `--target` was given on the command line or read from `PMCHECK_TARGET`.
    let target_source = matches
        .subcommand()
        .and_then(|(_, m)| m.try_get_raw("target").ok().flatten().map(|_| m))
        .and_then(|m| m.value_source("target"));
    let target_by = if target_source == Some(ValueSource::EnvVariable) {
        pmcheck::TARGET_VAR
    } else {
        "--target"
    };
    let result = match cli.command {
        Command::Run(args) => cmd_run(*args, target_by),
        Command::List(args) => cmd_list(args),
        Command::Lint(args) => cmd_lint(args, target_by),
        Command::Serve(args) => cmd_serve(args),
        Command::Schemas(args) => cmd_schemas(args),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(e) => {
            eprintln!("error: {e:#}");
            Exit::BadInput.into()
        }
    }
}

/// The library's view of the shared options.
fn run_inputs(inputs: &Inputs) -> session::Inputs {
    session::Inputs {
        paths: inputs.paths.clone(),
        environment: inputs.environment.clone(),
        globals: inputs.globals.clone(),
        env_vars: inputs.env_var.clone(),
        global_vars: inputs.global_var.clone(),
        folders: inputs.folder.clone(),
        config: inputs.config.clone(),
        process_vars: true,
        ..session::Inputs::default()
    }
}

/// The TLS files of `--ssl-*`.
fn tls_files(args: &cli::TlsArgs) -> pmcheck::session::TlsFiles {
    pmcheck::session::TlsFiles {
        client_cert: args.client_cert.clone(),
        client_key: args.client_key.clone(),
        client_passphrase: args
            .client_passphrase
            .clone()
            .map(pmcheck::session::Passphrase::new),
        client_cert_lists: args.client_cert_list.iter().cloned().collect(),
        extra_ca_certs: args.extra_ca_certs.iter().cloned().collect(),
    }
}

/// `--working-dir`, or the current directory.
fn working_dir(inputs: &Inputs) -> anyhow::Result<PathBuf> {
    match &inputs.working_dir {
        Some(d) => Ok(d.clone()),
        None => std::env::current_dir().context("cannot read the current directory"),
    }
}

/// The target the command line asks for (`value`: `--target`, else `PMCHECK_TARGET`, as
/// `given_by` says); an empty value asks for none.
fn requested_target(value: Option<&str>, given_by: &str) -> Option<TargetRequest> {
    let value = value.filter(|t| !t.is_empty())?;
    Some(TargetRequest {
        value: value.to_string(),
        given_by: given_by.to_string(),
    })
}

fn cmd_run(args: RunArgs, target_by: &str) -> anyhow::Result<Exit> {
    session::preload_tls_roots();
    let mut inputs = run_inputs(&args.inputs);
    inputs.target = requested_target(args.target.as_deref(), target_by);
    inputs.data = args.iteration.data.clone();
    inputs.schemas = args.schemas.clone();
    inputs.openapi = args.openapi.clone();
    inputs.script_modules = args.script_modules.clone();
    inputs.secrets = args.secret.clone();
    inputs.cookie_jar = args.state.cookie_jar.clone();
    inputs.tls = tls_files(&args.tls);
    let options = RunOptions {
        iterations: args.iteration.iterations,
        seed: args.seed,
        delay: Duration::from_millis(args.delay_request),
        bail: bail(&args.control),
        timeout: args
            .control
            .timeout
            .filter(|&ms| ms > 0)
            .map(Duration::from_millis),
        http: HttpConfig {
            timeout: (args.timeout_request > 0)
                .then(|| Duration::from_millis(args.timeout_request)),
            insecure: args.insecure,
            max_body: args.max_body,
            addresses: args
                .network
                .resolve
                .iter()
                .chain(&args.network.connect_to)
                .cloned()
                .collect(),
            ..HttpConfig::default()
        },
        allow_hosts: args.network.allow_host.clone(),
        build: BuildOptions {
            working_dir: working_dir(&args.inputs)?,
            ignore_redirects: args.ignore_redirects,
            max_expansion: args.max_expansion,
            max_file: args.max_body,
        },
        script_limits: ScriptLimits {
            timeout: Duration::from_millis(args.timeout_script.max(1)),
            max_expansion: args.max_expansion,
            ..ScriptLimits::default()
        },
        compare: match args.compare_examples {
            CompareArg::Shape => CompareMode::Shape,
            CompareArg::Exact => CompareMode::Exact,
            CompareArg::Off => CompareMode::Off,
        },
        jobs: usize::from(args.jobs),
        shard: args.shard,
        busy_poll: Duration::from_micros(u64::from(args.busy_poll)),
        strict_openapi: args.strict_openapi,
        ..RunOptions::default()
    };
    let mut session = prepare(&inputs, options)?;
    if args.state.export_collection.is_some() && session.plan.collections.len() != 1 {
        return Err(export::ExportError::Collections(session.plan.collections.len()).into());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    // From here on a signal stops the run (before it starts: every request is not run),
    // and the reports are still written.
    signals::stop_on_signals(&runtime, session.options.stop.clone())?;
    // Only if some collection targets it.
    let simulator = session::start_embedded(&mut session, args.fixture.as_deref())?;
    if simulator.is_none() && args.fixture.is_some() {
        eprintln!("warning: --fixture is unused: no collection targets the embedded simulator");
    }
    let color = match args.color {
        ColorChoice::On => true,
        ColorChoice::Off => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let mut recorder = schema_recorder(&args, &session)?;
    let mut reporters: Vec<Box<dyn Reporter + Send>> = Vec::new();
    let mut files = Vec::new();
    let mut create = |path: &PathBuf| {
        let (file, writer) = ReportFile::create(path)?;
        files.push(file);
        anyhow::Ok(writer)
    };
    let mut reporters_seen = Vec::new();
    for kind in &args.reporters {
        if reporters_seen.contains(kind) {
            continue;
        }
        reporters_seen.push(*kind);
        reporters.push(match kind {
            ReporterKind::Cli => match cli_options(&args.cli_reporter, color) {
                Some(options) => Box::new(HumanReport::new(
                    std::io::stdout(),
                    options,
                    session.plan.len(),
                )),
                None => continue,
            },
            ReporterKind::Junit => Box::new(
                JunitReport::new(create(&args.junit_export)?)
                    .context("cannot create a temporary file for the JUnit report")?,
            ),
            ReporterKind::Json => Box::new(JsonReport::new(create(&args.json_export)?)),
            ReporterKind::Github => Box::new(GithubReport::new(
                std::io::stdout(),
                GithubContext::from_env(),
            )),
            ReporterKind::Html => Box::new(
                HtmlReport::new(create(&args.html.html_export)?)
                    .context("cannot create a temporary file for the HTML report")?,
            ),
        });
    }
    let summary: RunSummary = run::run(&session, runtime.handle(), &mut |event| {
        for r in reporters.iter_mut() {
            r.event(&event);
        }
        if let Some(r) = recorder.as_mut() {
            r.event(&event);
        }
    })?;
    for r in reporters.iter_mut() {
        r.finish(&summary).context("cannot write a report")?;
    }
    drop(reporters);
    for file in files {
        file.commit()?;
    }
    if let Some(r) = recorder.as_mut() {
        finish_recording(r, &summary)?;
    }
    write_exports(&args.state, &session, &summary)?;
    drop(simulator);
    let exit = Exit::from(&summary);
    Ok(if args.control.suppress_exit_code {
        exit.suppressed()
    } else {
        exit
    })
}

/// `--bail` and its modifiers (bare: both).
fn bail(control: &RunControlArgs) -> Bail {
    let modifiers = control.bail.as_deref().unwrap_or_default();
    Bail {
        failure: modifiers.contains(&BailModifier::Failure),
        folder: modifiers.contains(&BailModifier::Folder),
    }
}

/// Writes the `--export-*` files the run asked for.
fn write_exports(
    state: &StateArgs,
    session: &session::Session,
    summary: &RunSummary,
) -> anyhow::Result<()> {
    use export::Scope;
    if let Some(path) = &state.export_environment {
        export::write_variables(path, Scope::Environment, session, summary)?;
    }
    if let Some(path) = &state.export_globals {
        export::write_variables(path, Scope::Globals, session, summary)?;
    }
    if let Some(path) = &state.export_collection {
        export::write_collection(path, session, summary)?;
    }
    if let Some(path) = &state.export_cookie_jar {
        export::write_cookie_jar(path, summary)?;
    }
    Ok(())
}

/// What the terminal report shows; `None` with `--silent`.
fn cli_options(args: &CliReporterArgs, color: bool) -> Option<CliOptions> {
    (!args.silent).then(|| CliOptions {
        color,
        progress: std::io::stderr().is_terminal(),
        verbose: args.verbose,
        no_summary: args.no_summary,
        no_failures: args.no_failures,
        no_assertions: args.no_assertions,
        no_success_assertions: args.no_success_assertions,
        no_console: args.no_console,
        no_banner: args.no_banner,
        show_timestamps: args.show_timestamps,
        ascii: args.disable_unicode,
    })
}

/// The `--record-schemas` recorder, if asked for (refusing a folder that holds files
/// before anything runs).
fn schema_recorder(
    args: &RunArgs,
    session: &session::Session,
) -> anyhow::Result<Option<SchemaRecorder>> {
    let Some(dir) = &args.record_schemas else {
        return Ok(None);
    };
    Ok(Some(SchemaRecorder::new(
        session,
        dir,
        false,
        InferOptions::default(),
    )?))
}

/// Writes the recorded schema folder and says what it holds on stderr.
fn finish_recording(recorder: &mut SchemaRecorder, summary: &RunSummary) -> anyhow::Result<()> {
    recorder
        .finish(summary)
        .context("cannot write the recorded schemas")?;
    for note in recorder.notes() {
        eprintln!("note: {note}");
    }
    if let Some(w) = recorder.written() {
        eprintln!(
            "recorded schemas: {} file(s) for {} endpoint(s) from {} response(s) in {}",
            w.files,
            w.endpoints,
            w.samples,
            w.dir.display()
        );
    }
    Ok(())
}

fn cmd_schemas(args: SchemasArgs) -> anyhow::Result<Exit> {
    match args.command {
        SchemasCommand::Infer(args) => cmd_schemas_infer(args),
    }
}

fn cmd_schemas_infer(args: InferArgs) -> anyhow::Result<Exit> {
    let inputs = run_inputs(&args.inputs);
    let mut options = RunOptions::default();
    options.build.working_dir = working_dir(&args.inputs)?;
    let session = prepare(&inputs, options)?;
    let inference = Inference::from_examples(&session, InferOptions { enums: args.enums });
    for note in inference.notes() {
        eprintln!("note: {note}");
    }
    if inference.samples() == 0 {
        anyhow::bail!(
            "no saved example with a status and a Content-Type in {} request(s): nothing to infer",
            session.plan.len()
        );
    }
    let written = inference.write(&args.output, args.force)?;
    println!(
        "wrote {} schema file(s) and index.json for {} endpoint(s) from {} sample(s) to {}; review before committing",
        written.files,
        written.endpoints,
        written.samples,
        written.dir.display()
    );
    Ok(Exit::Passed)
}

fn cmd_list(args: ListArgs) -> anyhow::Result<Exit> {
    let loaded =
        load_all(&args.inputs.paths, args.inputs.config.as_deref()).map_err(SetupError::Load)?;
    let plan = plan(
        loaded,
        &Selection {
            names: args.inputs.folder.clone(),
        },
    )
    .map_err(SetupError::Plan)?;
    let rows = match &args.iteration.data {
        Some(path) => load_data_file(path)
            .map_err(|e| SetupError::Load(vec![e]))?
            .len(),
        None => 0,
    };
    let iterations = args.iteration.iterations.unwrap_or(rows).max(1);
    let mut out = std::io::stdout().lock();
    // As a run goes: each collection's iterations in turn, its steps in document order.
    for collection in &plan.collections {
        for iteration in 1..=iterations {
            for step in &collection.steps {
                use std::io::Write;
                if writeln!(out, "{}", step.test_name(iteration, iterations)).is_err() {
                    return Ok(Exit::Passed);
                }
            }
        }
    }
    Ok(Exit::Passed)
}

fn cmd_lint(args: LintArgs, target_by: &str) -> anyhow::Result<Exit> {
    let (loaded, errors) = load_each(&args.inputs.paths, args.inputs.config.as_deref());
    for e in &errors {
        println!("error: {e}");
    }
    let mut inputs = run_inputs(&args.inputs);
    inputs.paths.clear();
    inputs.folders.clear();
    let mut options = RunOptions::default();
    options.build.working_dir = working_dir(&args.inputs)?;
    let files = loaded.len();
    let plan = plan(
        loaded,
        &Selection {
            names: args.inputs.folder.clone(),
        },
    )
    .map_err(SetupError::Plan)?;
    // The variables `prepare` reads (it loads no collection here), with the plan loaded
    // above despite load errors, and its targets (no schemas: lint judges no answer).
    let mut session = prepare(&inputs, options)?;
    session.targets = resolve_targets(
        &plan,
        requested_target(args.target.as_deref(), target_by).as_ref(),
        args.inputs.environment.is_some(),
    )
    .map_err(SetupError::Target)?;
    session.plan = plan;
    session.script_modules =
        session::open_script_modules(&session.plan, args.script_modules.as_deref())
            .map_err(SetupError::Modules)?;
    // As `run` does for the collections whose target is the embedded simulator: its
    // variables.
    let fixture = pmcheck_simulator::Fixture::builtin()?;
    session.add_simulator_variables(&fixture, "http://127.0.0.1:8080");
    let plan = &session.plan;
    // Each collection's schema source, as `run` picks it (`--openapi` over the sidecar's).
    let sources = session::compile_schemas(plan, None, args.openapi.as_deref())?;
    let documents: Vec<_> = sources
        .per_collection
        .iter()
        .filter_map(|s| s.openapi())
        .map(AsRef::as_ref)
        .collect();
    if args.coverage {
        let (documented, builtin) = match &args.schemas {
            Some(dir) => (Documented::load(dir)?, false),
            None if !documents.is_empty() => (Documented::from_openapi(documents), false),
            None => (Documented::builtin_idcs()?, true),
        };
        let cov = coverage(&session, &documented);
        if builtin && cov.matched == 0 {
            // The built-in table documents IDCS: of another API it knows nothing.
            println!(
                "note: no request reaches an endpoint of the built-in IDCS table; give --openapi FILE, \
                 or --schemas DIR with a coverage.json, for the documented cells of this API"
            );
            println!("{} request(s), nothing documented to cover", plan.len());
            return Ok(Exit::Passed);
        }
        print!("{}", cov.render());
        for (endpoint, op, class) in &cov.missing {
            println!("missing: {endpoint} {op} {class}: documented, but no request expects it");
        }
        println!(
            "{} request(s), {} documented cell(s) not reached",
            plan.len(),
            cov.missing.len()
        );
        return Ok(if cov.missing.is_empty() {
            Exit::Passed
        } else {
            Exit::Failed
        });
    }
    let mut findings = lint(&session);
    findings.extend(unmatched_operations(&session, &sources.per_collection));
    for f in &findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        println!("{level}: {}: {}: {}", f.file.display(), f.case, f.message);
    }
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let errors_found = count(Severity::Error);
    let notes = match count(Severity::Note) {
        0 => String::new(),
        n => format!(", {n} note(s)"),
    };
    println!(
        "{} file(s), {} request(s): {} load error(s), {} error(s), {} warning(s){notes}",
        files + errors.len(),
        plan.len(),
        errors.len(),
        errors_found,
        count(Severity::Warning),
    );
    if !errors.is_empty() {
        anyhow::bail!("{} file(s) could not be loaded", errors.len());
    }
    Ok(if errors_found > 0 {
        Exit::Failed
    } else {
        Exit::Passed
    })
}

fn cmd_serve(args: ServeArgs) -> anyhow::Result<Exit> {
    use pmcheck_simulator::{Fixture, Simulator, SimulatorConfig};
    let mut fixture = match &args.fixture {
        Some(p) => Fixture::load(p)?,
        None => Fixture::builtin()?,
    };
    if !args.learn.is_empty() {
        eprint!("{}", pmcheck::learn::learn(&mut fixture, &args.learn)?);
    }
    if args.print_fixture {
        println!("{}", serde_json::to_string_pretty(&fixture)?);
        return Ok(Exit::Passed);
    }
    if args.print_env {
        let env = fixture.environment(&format!("http://{}", args.listen));
        println!("{}", serde_json::to_string_pretty(&env)?);
        return Ok(Exit::Passed);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let simulator = Simulator::start(SimulatorConfig {
            fixture,
            listen: args.listen,
            request_state_ttl: Duration::from_secs(args.request_state_ttl),
        })
        .await?;
        eprintln!(
            "pmcheck simulator listening on {} (Ctrl-C stops it)",
            simulator.base_url()
        );
        tokio::signal::ctrl_c()
            .await
            .context("cannot wait for Ctrl-C")?;
        drop(simulator);
        Ok(Exit::Passed)
    })
}
