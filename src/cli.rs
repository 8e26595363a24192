//! Command-line interface: Newman's option names where they exist.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Conformance test harness for Postman collections.
#[derive(Debug, Parser)]
#[command(name = "pmcheck", version, about, long_about = None)]
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
    /// Print the fixture (the built-in one, or FILE) as JSON, a template for --fixture, and exit.
    #[arg(long = "print-fixture")]
    pub print_fixture: bool,
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
    #[arg(short = 'e', long = "environment", value_name = "FILE")]
    pub environment: Option<PathBuf>,
    /// Globals file (Postman export).
    #[arg(short = 'g', long = "globals", value_name = "FILE")]
    pub globals: Option<PathBuf>,
    /// Run only this folder or request (by name); repeatable.
    #[arg(long = "folder", value_name = "NAME")]
    pub folder: Vec<String>,
    /// Set an environment variable, over the environment file; repeatable.
    #[arg(long = "env-var", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub env_var: Vec<(String, String)>,
    /// Folder that relative file paths (file bodies, form files) start from.
    #[arg(long = "working-dir", value_name = "DIR")]
    pub working_dir: Option<PathBuf>,
    /// Set a global variable, over the globals file; repeatable.
    #[arg(long = "global-var", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub global_var: Vec<(String, String)>,
    /// Sidecar for every collection, instead of each `NAME.pmcheck.toml`.
    #[arg(long = "config", value_name = "FILE")]
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

/// `pmcheck run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Reporters, comma-separated.
    #[arg(
        short = 'r',
        long = "reporters",
        value_enum,
        value_delimiter = ',',
        default_value = "cli"
    )]
    pub reporters: Vec<ReporterKind>,
    /// Where the JUnit reporter writes.
    #[arg(
        long = "reporter-junit-export",
        value_name = "PATH",
        default_value = "pmcheck-report.xml"
    )]
    pub junit_export: PathBuf,
    /// Where the JSON reporter writes.
    #[arg(
        long = "reporter-json-export",
        value_name = "PATH",
        default_value = "pmcheck-report.json"
    )]
    pub json_export: PathBuf,
    /// Schema folder (with an index.json) for every collection.
    #[arg(long = "schemas", value_name = "DIR")]
    pub schemas: Option<PathBuf>,
    /// OpenAPI 3.0 or 3.1 document (JSON or YAML) whose response schemas judge every
    /// collection, instead of a schema folder.
    #[arg(long = "openapi", value_name = "FILE", conflicts_with = "schemas")]
    pub openapi: Option<PathBuf>,
    /// With an OpenAPI document: fail a request that matches no operation, and a status
    /// its operation documents neither exactly, by range nor by `default`.
    #[arg(long = "strict-openapi")]
    pub strict_openapi: bool,
    /// Write a schema folder inferred from this run's responses to DIR at the end (as
    /// `schemas infer` does from saved examples; a folder holding files is refused).
    #[arg(long = "record-schemas", value_name = "DIR")]
    pub record_schemas: Option<PathBuf>,
    /// Compare bodies with the saved example of the same status.
    #[arg(long = "compare-examples", value_enum, default_value_t = CompareArg::Off)]
    pub compare_examples: CompareArg,
    /// Redact this variable's value everywhere; repeatable.
    #[arg(long = "secret", value_name = "NAME")]
    pub secret: Vec<String>,
    #[command(flatten)]
    pub iteration: IterationArgs,
    /// Folder of npm packages (`node_modules`, or the folder `npm install` ran in) that
    /// scripts' `require(NAME)` and `pm.require('npm:NAME@VERSION')` load.
    #[arg(long = "script-modules", value_name = "DIR")]
    pub script_modules: Option<PathBuf>,
    /// Per-request timeout in milliseconds (0: none).
    #[arg(long = "timeout-request", value_name = "MS", default_value_t = 30_000)]
    pub timeout_request: u64,
    /// Time limit of each pre-request or test script, in milliseconds.
    #[arg(long = "timeout-script", value_name = "MS", default_value_t = 5_000)]
    pub timeout_script: u64,
    /// Pause between requests, in milliseconds.
    #[arg(long = "delay-request", value_name = "MS", default_value_t = 0)]
    pub delay_request: u64,
    /// Do not follow redirects (a request's protocolProfileBehavior still wins).
    #[arg(long = "ignore-redirects")]
    pub ignore_redirects: bool,
    /// Accept invalid TLS certificates.
    #[arg(short = 'k', long = "insecure")]
    pub insecure: bool,
    /// Stop at the first failed request.
    #[arg(long = "bail")]
    pub bail: bool,
    /// Colour the output.
    #[arg(long = "color", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Send every request to this origin instead (scheme, host and port replaced), or
    /// `embedded` for the built-in IDCS simulator (started for the run). Default: each
    /// collection's sidecar `target`, else each request's own URL.
    #[arg(long = "target", env = "PMCHECK_TARGET", value_name = "URL|embedded")]
    pub target: Option<String>,
    /// Tenant fixture (JSON) for the embedded simulator.
    #[arg(long = "fixture", value_name = "FILE")]
    pub fixture: Option<PathBuf>,
    /// Seed for dynamic variables ({{$guid}}, {{$randomInt}}, ...), for reproducible runs.
    #[arg(long = "seed", value_name = "N")]
    pub seed: Option<u64>,
    /// Largest response body accepted, in bytes (suffixes K, M, G: KiB, MiB, GiB).
    #[arg(long = "max-body", value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_body: usize,
    /// Most text the variables of one part of a request (a header, a URL part, the body)
    /// or of one `replaceIn` may make when their {{references}} expand, in bytes (suffixes
    /// K, M, G). A value that holds references counts each time it is read, so the limit
    /// bounds the work too. Past it, the request is an error naming the variable, and
    /// `replaceIn` throws.
    #[arg(long = "max-expansion", value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_expansion: usize,
    /// Flows (a folder's direct requests) run at once, each from the state after the
    /// root-level setup requests; iterations run concurrently too. 1 keeps Postman's
    /// strictly sequential order with shared state. Reports keep document order.
    #[arg(short = 'j', long = "jobs", value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: u16,
    /// With --jobs 1, how long to keep checking for an answer before sleeping, in
    /// microseconds: a target that answers within it (a fast local server) is run faster,
    /// for at most that much CPU per request. Once an answer takes longer, waits sleep at
    /// once (one in 16 checks again). 0 turns it off; so does a machine with one CPU.
    #[arg(long = "busy-poll", value_name = "MICROSECONDS", default_value_t = 200)]
    pub busy_poll: u32,
    /// Run only shard K of N: the flows whose name hashes to K (stable across machines).
    /// Setup requests run in every shard and are reported by shard 1 only.
    #[arg(long = "shard", value_name = "K/N")]
    pub shard: Option<pmcheck::session::Shard>,
    #[command(flatten)]
    pub network: NetworkArgs,
    #[command(flatten)]
    pub tls: TlsArgs,
}

/// Client certificates and extra CA certificates, as Newman's SSL options.
#[derive(Debug, Args)]
#[command(next_help_heading = "SSL")]
pub struct TlsArgs {
    /// Client certificate configurations (Newman's JSON list: name, matches, cert, key,
    /// pfx, passphrase); an entry whose URL pattern matches a request wins over
    /// --ssl-client-cert.
    #[arg(long = "ssl-client-cert-list", value_name = "PATH")]
    pub client_cert_list: Option<PathBuf>,
    /// Client certificate: PEM (the chain, and its key unless --ssl-client-key gives it)
    /// or PKCS#12 (.p12, .pfx).
    #[arg(long = "ssl-client-cert", value_name = "PATH")]
    pub client_cert: Option<PathBuf>,
    /// PEM private key of the client certificate (PKCS#8, encrypted or not, PKCS#1, SEC 1).
    #[arg(long = "ssl-client-key", value_name = "PATH", requires = "client_cert")]
    pub client_key: Option<PathBuf>,
    /// Passphrase of the client key or PKCS#12 file.
    #[arg(
        long = "ssl-client-passphrase",
        value_name = "PASSPHRASE",
        env = "PMCHECK_SSL_CLIENT_PASSPHRASE",
        hide_env_values = true
    )]
    pub client_passphrase: Option<String>,
    /// PEM file of CA certificates trusted besides the system's.
    #[arg(long = "ssl-extra-ca-certs", value_name = "PATH")]
    pub extra_ca_certs: Option<PathBuf>,
}

/// Where requests may go, and at which addresses.
#[derive(Debug, Args)]
pub struct NetworkArgs {
    /// With a target, also let pm.sendRequest reach hosts matching PATTERN (`host`,
    /// `host:port`, `*.example.com`, `*` for any); repeatable. Under a target, scripts
    /// reach the collection's own origins (sent to the target instead) and these only.
    #[arg(long = "allow-host", value_name = "PATTERN",
          value_parser = pmcheck::session::HostPattern::parse)]
    pub allow_host: Vec<pmcheck::session::HostPattern>,
    /// Connect to HOST on PORT at ADDR (comma-separated addresses allowed) instead of the
    /// address DNS gives, keeping the URL, Host header and TLS server name, as curl does;
    /// repeatable. pm.sendRequest uses it too.
    #[arg(long = "resolve", value_name = "HOST:PORT:ADDR",
          value_parser = pmcheck::session::AddressOverride::resolve)]
    pub resolve: Vec<pmcheck::session::AddressOverride>,
    /// Connect to HOST1 on PORT1 at the address of HOST2 on PORT2 instead, keeping the
    /// URL, Host header and TLS server name, as curl does; repeatable. A URL that names a
    /// port other than its scheme's default keeps that port.
    #[arg(long = "connect-to", value_name = "HOST1:PORT1:HOST2:PORT2",
          value_parser = pmcheck::session::AddressOverride::connect_to)]
    pub connect_to: Vec<pmcheck::session::AddressOverride>,
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
    #[arg(short = 'd', long = "iteration-data", value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Number of iterations (default: one per data row, or one).
    #[arg(short = 'n', long = "iteration-count", value_name = "N")]
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

fn parse_size(s: &str) -> Result<usize, String> {
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
mod tests {
    use super::*;

    #[test]
    fn sizes_and_pairs() {
        assert_eq!(parse_size("16M"), Ok(16 << 20));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("3X").is_err());
        assert_eq!(parse_key_value("a=b=c"), Ok(("a".into(), "b=c".into())));
        assert!(parse_key_value("=x").is_err());
    }

    #[test]
    fn jobs_and_shard() {
        let cli =
            Cli::try_parse_from(["pmcheck", "run", "c.json", "--jobs", "8", "--shard", "2/3"]);
        let Ok(Cli {
            command: Command::Run(args),
        }) = cli
        else {
            panic!("run arguments refused: {cli:?}");
        };
        assert_eq!(args.jobs, 8);
        assert_eq!(args.shard.map(|s| (s.index, s.count)), Some((2, 3)));
        for bad in [["--jobs", "0"], ["--shard", "4/3"], ["--shard", "x"]] {
            let mut argv = vec!["pmcheck", "run", "c.json"];
            argv.extend(bad);
            assert!(Cli::try_parse_from(argv).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn schemas_infer_and_record_schemas() {
        let cli = Cli::try_parse_from(["pmcheck", "schemas", "infer", "a.json", "b/", "--enums"]);
        let Ok(Cli {
            command:
                Command::Schemas(SchemasArgs {
                    command: SchemasCommand::Infer(args),
                }),
        }) = cli
        else {
            panic!("schemas infer refused: {cli:?}");
        };
        assert_eq!(args.inputs.paths.len(), 2);
        assert_eq!(args.output, PathBuf::from("schemas/inferred"));
        assert!(args.enums && !args.force);
        assert!(Cli::try_parse_from(["pmcheck", "schemas", "infer"]).is_err());
        let cli = Cli::try_parse_from(["pmcheck", "run", "c.json", "--record-schemas", "out"]);
        let Ok(Cli {
            command: Command::Run(args),
        }) = cli
        else {
            panic!("run --record-schemas refused: {cli:?}");
        };
        assert_eq!(args.record_schemas, Some(PathBuf::from("out")));
    }
}
