//! `pmcheck run`'s options, grouped as Newman's help groups them.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{ColorChoice, CompareArg, Inputs, IterationArgs, ReporterKind, parse_size};

/// The HTML reporter's options.
#[derive(Debug, Args)]
pub struct HtmlArgs {
    /// Where the HTML reporter writes.
    #[arg(
        long = "reporter-html-export",
        help_heading = "Reporter options",
        value_name = "PATH",
        default_value = "pmcheck-report.html"
    )]
    pub html_export: PathBuf,
}

/// `pmcheck run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub iteration: IterationArgs,
    #[command(flatten)]
    pub rc: RcArgs,
    #[command(flatten)]
    pub state: StateArgs,
    /// Per-request timeout in milliseconds (0: none).
    #[arg(
        long = "timeout-request",
        help_heading = "Request options",
        value_name = "MS",
        default_value_t = 30_000
    )]
    pub timeout_request: u64,
    /// Time limit of each pre-request or test script, in milliseconds.
    #[arg(
        long = "timeout-script",
        help_heading = "Request options",
        value_name = "MS",
        default_value_t = 5_000
    )]
    pub timeout_script: u64,
    /// Pause between requests, in milliseconds.
    #[arg(
        long = "delay-request",
        help_heading = "Request options",
        value_name = "MS",
        default_value_t = 0
    )]
    pub delay_request: u64,
    #[command(flatten)]
    pub control: RunControlArgs,
    /// Reporters, comma-separated.
    #[arg(
        short = 'r',
        long = "reporters",
        help_heading = "Misc options",
        value_enum,
        value_delimiter = ',',
        default_value = "cli"
    )]
    pub reporters: Vec<ReporterKind>,
    /// Colour the output.
    #[arg(long = "color", help_heading = "Misc options", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Accept invalid TLS certificates.
    #[arg(short = 'k', long = "insecure", help_heading = "Misc options")]
    pub insecure: bool,
    /// Do not follow redirects (a request's protocolProfileBehavior still wins).
    #[arg(long = "ignore-redirects", help_heading = "Misc options")]
    pub ignore_redirects: bool,
    #[command(flatten)]
    pub tls: TlsArgs,
    /// Where the JUnit reporter writes.
    #[arg(
        long = "reporter-junit-export",
        help_heading = "Reporter options",
        value_name = "PATH",
        default_value = "pmcheck-report.xml"
    )]
    pub junit_export: PathBuf,
    /// Where the JSON reporter writes.
    #[arg(
        long = "reporter-json-export",
        help_heading = "Reporter options",
        value_name = "PATH",
        default_value = "pmcheck-report.json"
    )]
    pub json_export: PathBuf,
    #[command(flatten)]
    pub html: HtmlArgs,
    #[command(flatten)]
    pub cli_reporter: CliReporterArgs,
    /// Schema folder (with an index.json) for every collection.
    #[arg(
        long = "schemas",
        help_heading = "Conformance options",
        value_name = "DIR"
    )]
    pub schemas: Option<PathBuf>,
    /// OpenAPI 3.0 or 3.1 document (JSON or YAML) whose response schemas judge every
    /// collection, instead of a schema folder.
    #[arg(
        long = "openapi",
        help_heading = "Conformance options",
        value_name = "FILE",
        conflicts_with = "schemas"
    )]
    pub openapi: Option<PathBuf>,
    /// With an OpenAPI document: fail a request that matches no operation, and a status
    /// its operation documents neither exactly, by range nor by `default`.
    #[arg(long = "strict-openapi", help_heading = "Conformance options")]
    pub strict_openapi: bool,
    /// Write a schema folder inferred from this run's responses to DIR at the end (as
    /// `schemas infer` does from saved examples; a folder holding files is refused).
    #[arg(
        long = "record-schemas",
        help_heading = "Conformance options",
        value_name = "DIR"
    )]
    pub record_schemas: Option<PathBuf>,
    /// Compare bodies with the saved example of the same status.
    #[arg(long = "compare-examples", help_heading = "Conformance options", value_enum, default_value_t = CompareArg::Off)]
    pub compare_examples: CompareArg,
    /// Redact this variable's value everywhere; repeatable.
    #[arg(
        long = "secret",
        help_heading = "Conformance options",
        value_name = "NAME"
    )]
    pub secret: Vec<String>,
    /// Send every request to this origin instead (scheme, host and port replaced), or
    /// `embedded` for the built-in IDCS simulator (started for the run). Default: each
    /// collection's sidecar `target`, else each request's own URL.
    #[arg(
        long = "target",
        help_heading = "Target and network",
        env = "PMCHECK_TARGET",
        value_name = "URL|embedded"
    )]
    pub target: Option<String>,
    /// Tenant fixture (JSON) for the embedded simulator.
    #[arg(
        long = "fixture",
        help_heading = "Target and network",
        value_name = "FILE"
    )]
    pub fixture: Option<PathBuf>,
    #[command(flatten)]
    pub network: NetworkArgs,
    /// Flows (a folder's direct requests) run at once, each from the state after the
    /// root-level setup requests; iterations run concurrently too. 1 keeps Postman's
    /// strictly sequential order with shared state. Reports keep document order.
    #[arg(short = 'j', long = "jobs", help_heading = "Execution", value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: u16,
    /// With --jobs 1, how long to keep checking for an answer before sleeping, in
    /// microseconds: a target that answers within it (a fast local server) is run faster,
    /// for at most that much CPU per request. Once an answer takes longer, waits sleep at
    /// once (one in 16 checks again). 0 turns it off; so does a machine with one CPU.
    #[arg(
        long = "busy-poll",
        help_heading = "Execution",
        value_name = "MICROSECONDS",
        default_value_t = 200
    )]
    pub busy_poll: u32,
    /// Run only shard K of N: the flows whose name hashes to K (stable across machines).
    /// Setup requests run in every shard and are reported by shard 1 only.
    #[arg(long = "shard", help_heading = "Execution", value_name = "K/N")]
    pub shard: Option<pmcheck::session::Shard>,
    /// Seed for dynamic variables ({{$guid}}, {{$randomInt}}, ...), for reproducible runs.
    #[arg(long = "seed", help_heading = "Execution", value_name = "N")]
    pub seed: Option<u64>,
    /// Largest response body accepted, in bytes (suffixes K, M, G: KiB, MiB, GiB).
    #[arg(long = "max-body", help_heading = "Execution", value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_body: usize,
    /// Most text the variables of one part of a request (a header, a URL part, the body)
    /// or of one `replaceIn` may make when their {{references}} expand, in bytes (suffixes
    /// K, M, G). A value that holds references counts each time it is read, so the limit
    /// bounds the work too. Past it, the request is an error naming the variable, and
    /// `replaceIn` throws.
    #[arg(long = "max-expansion", help_heading = "Execution", value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_expansion: usize,
    /// Folder of npm packages (`node_modules`, or the folder `npm install` ran in) that
    /// scripts' `require(NAME)` and `pm.require('npm:NAME@VERSION')` load.
    #[arg(
        long = "script-modules",
        help_heading = "Execution",
        value_name = "DIR"
    )]
    pub script_modules: Option<PathBuf>,
}

/// When a run stops, and what its exit code says (Newman's options).
#[derive(Debug, Args)]
pub struct RunControlArgs {
    /// Time limit of the whole run, in milliseconds: when it expires nothing more is sent,
    /// the request or script in flight is cut (an error), the requests left are reported
    /// as not run, and the exit code is 4.
    #[arg(long = "timeout", help_heading = "Request options", value_name = "MS")]
    pub timeout: Option<u64>,
    /// Stop the run: `failure` after a request fails or errors, `folder` before anything
    /// is sent when a --folder name selects nothing (exit 2); bare --bail is both.
    /// Modifiers are comma-separated (`--bail folder,failure`).
    #[arg(long = "bail", help_heading = "Misc options", value_name = "MODIFIERS", value_enum, num_args = 0..=1,
          value_delimiter = ',', default_missing_values = ["folder", "failure"])]
    pub bail: Option<Vec<BailModifier>>,
    /// Exit 0 whatever the requests' results and the run timeout say (bad input or usage
    /// still exits 2, a signal 130 or 143).
    #[arg(
        short = 'x',
        long = "suppress-exit-code",
        help_heading = "Misc options"
    )]
    pub suppress_exit_code: bool,
}

/// A modifier of `--bail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BailModifier {
    /// A --folder name that selects nothing ends the run before anything is sent.
    Folder,
    /// Stop once a request fails or errors, after it.
    Failure,
}

/// The rc file (read before the command line is parsed: `rc.rs`).
#[derive(Debug, Args)]
pub struct RcArgs {
    /// Read default options from FILE (a JSON object of long option names to values;
    /// default: PMCHECK_RC, else .pmcheckrc.json in the current directory if present).
    /// The command line's options win.
    #[arg(long = "rc", help_heading = "Setup options", value_name = "FILE")]
    pub rc: Option<PathBuf>,
}

/// What a run starts from and leaves behind: cookie jars and exports (Newman's options).
#[derive(Debug, Args)]
pub struct StateArgs {
    /// Write the environment as the run leaves it to FILE (Postman's format; secrets
    /// marked `"type": "secret"` and masked).
    #[arg(
        long = "export-environment",
        help_heading = "Setup options",
        value_name = "FILE"
    )]
    pub export_environment: Option<PathBuf>,
    /// Write the globals as the run leaves them to FILE (as --export-environment).
    #[arg(
        long = "export-globals",
        help_heading = "Setup options",
        value_name = "FILE"
    )]
    pub export_globals: Option<PathBuf>,
    /// Write the collection with its variables as the run leaves them to FILE (one
    /// collection only; secrets masked).
    #[arg(
        long = "export-collection",
        help_heading = "Setup options",
        value_name = "FILE"
    )]
    pub export_collection: Option<PathBuf>,
    /// Start with the cookies of FILE (a tough-cookie JSON jar, as Newman reads and
    /// --export-cookie-jar writes; a file or an http(s) URL).
    #[arg(
        long = "cookie-jar",
        help_heading = "Request options",
        value_name = "FILE"
    )]
    pub cookie_jar: Option<PathBuf>,
    /// Write the cookie jar as the run leaves it to FILE (tough-cookie's JSON).
    #[arg(
        long = "export-cookie-jar",
        help_heading = "Request options",
        value_name = "FILE"
    )]
    pub export_cookie_jar: Option<PathBuf>,
}

/// What the terminal report shows: Newman's CLI reporter options.
#[derive(Debug, Args)]
pub struct CliReporterArgs {
    /// Show each request's timings and its request and response headers.
    #[arg(long = "verbose", help_heading = "Misc options")]
    pub verbose: bool,
    /// No output from the terminal report at all.
    #[arg(
        long = "silent",
        help_heading = "Misc options",
        visible_alias = "reporter-cli-silent"
    )]
    pub silent: bool,
    /// ASCII in place of the terminal report's symbols (✓ ✗ › → …).
    #[arg(long = "disable-unicode", help_heading = "Misc options")]
    pub disable_unicode: bool,
    /// No totals at the end of the run.
    #[arg(
        long = "reporter-cli-no-summary",
        help_heading = "CLI reporter options"
    )]
    pub no_summary: bool,
    /// Neither the failures' details (violations, diff, request, body) nor the list of
    /// failed requests at the end.
    #[arg(
        long = "reporter-cli-no-failures",
        help_heading = "CLI reporter options"
    )]
    pub no_failures: bool,
    /// No script assertions (pm.test) as they run.
    #[arg(
        long = "reporter-cli-no-assertions",
        help_heading = "CLI reporter options"
    )]
    pub no_assertions: bool,
    /// Only the failed script assertions.
    #[arg(
        long = "reporter-cli-no-success-assertions",
        help_heading = "CLI reporter options"
    )]
    pub no_success_assertions: bool,
    /// No console.log (and other console calls) output of scripts.
    #[arg(
        long = "reporter-cli-no-console",
        help_heading = "CLI reporter options"
    )]
    pub no_console: bool,
    /// No header before the run (requests, collections, their targets and schemas).
    #[arg(long = "reporter-cli-no-banner", help_heading = "CLI reporter options")]
    pub no_banner: bool,
    /// Start each request's line with the UTC time it finished.
    #[arg(
        long = "reporter-cli-show-timestamps",
        help_heading = "CLI reporter options"
    )]
    pub show_timestamps: bool,
}

/// Where requests may go, and at which addresses.
#[derive(Debug, Args)]
pub struct NetworkArgs {
    /// With a target, also let pm.sendRequest reach hosts matching PATTERN (`host`,
    /// `host:port`, `*.example.com`, `*` for any); repeatable. Under a target, scripts
    /// reach the collection's own origins (sent to the target instead) and these only.
    #[arg(long = "allow-host", help_heading = "Target and network", value_name = "PATTERN",
          value_parser = pmcheck::session::HostPattern::parse)]
    pub allow_host: Vec<pmcheck::session::HostPattern>,
    /// Connect to HOST on PORT at ADDR (comma-separated addresses allowed) instead of the
    /// address DNS gives, keeping the URL, Host header and TLS server name, as curl does;
    /// repeatable. pm.sendRequest uses it too.
    #[arg(long = "resolve", help_heading = "Target and network", value_name = "HOST:PORT:ADDR",
          value_parser = pmcheck::session::AddressOverride::resolve)]
    pub resolve: Vec<pmcheck::session::AddressOverride>,
    /// Connect to HOST1 on PORT1 at the address of HOST2 on PORT2 instead, keeping the
    /// URL, Host header and TLS server name, as curl does; repeatable. A URL that names a
    /// port other than its scheme's default keeps that port.
    #[arg(long = "connect-to", help_heading = "Target and network", value_name = "HOST1:PORT1:HOST2:PORT2",
          value_parser = pmcheck::session::AddressOverride::connect_to)]
    pub connect_to: Vec<pmcheck::session::AddressOverride>,
}

/// Client certificates and extra CA certificates, as Newman's SSL options.
#[derive(Debug, Args)]
pub struct TlsArgs {
    /// Client certificate configurations (Newman's JSON list: name, matches, cert, key,
    /// pfx, passphrase); an entry whose URL pattern matches a request wins over
    /// --ssl-client-cert.
    #[arg(
        long = "ssl-client-cert-list",
        help_heading = "SSL options",
        value_name = "PATH"
    )]
    pub client_cert_list: Option<PathBuf>,
    /// Client certificate: PEM (the chain, and its key unless --ssl-client-key gives it)
    /// or PKCS#12 (.p12, .pfx).
    #[arg(
        long = "ssl-client-cert",
        help_heading = "SSL options",
        value_name = "PATH"
    )]
    pub client_cert: Option<PathBuf>,
    /// PEM private key of the client certificate (PKCS#8, encrypted or not, PKCS#1, SEC 1).
    #[arg(
        long = "ssl-client-key",
        help_heading = "SSL options",
        value_name = "PATH",
        requires = "client_cert"
    )]
    pub client_key: Option<PathBuf>,
    /// Passphrase of the client key or PKCS#12 file.
    #[arg(
        long = "ssl-client-passphrase",
        help_heading = "SSL options",
        value_name = "PASSPHRASE",
        env = "PMCHECK_SSL_CLIENT_PASSPHRASE",
        hide_env_values = true
    )]
    pub client_passphrase: Option<String>,
    /// PEM file of CA certificates trusted besides the system's.
    #[arg(
        long = "ssl-extra-ca-certs",
        help_heading = "SSL options",
        value_name = "PATH"
    )]
    pub extra_ca_certs: Option<PathBuf>,
}
