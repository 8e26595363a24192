//! Newman fidelity on real collections: every collection of the Postman corpus
//! (`../shared/reference/postman-corpus`, 70 public collections written outside this
//! project) is replayed by the `pmcheck` binary against httpbin on 127.0.0.1:18090 (started
//! here; `.ci/run` installs it from `tests/corpus/requirements.txt`), and compared with the
//! outcome Newman 6.2.2 recorded on the same server (`tests/corpus/newman.json`, written by
//! `tests/corpus/record.sh`): request by request and assertion by assertion. Every
//! remaining difference must be listed, with its reason, in
//! `tests/corpus/known-differences.toml`; a listed difference that no longer occurs fails
//! too, so the list stays true.
//!
//! Without the corpus or httpbin the test is ignored, saying why (under `CI` it fails).
//! `PMCHECK_CORPUS_ONLY=name,name` limits the run to some collections (for working on them;
//! the totals are then not checked).

use std::collections::{BTreeMap, BTreeSet};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};
use serde::Deserialize;
use serde_json::Value;

/// The corpus's hosts were all rewritten to this origin.
const PORT: u16 = 18090;

fn main() {
    let args = Arguments::from_args();
    let trial = match prerequisites() {
        Ok(corpus) => Trial::test("corpus_agrees_with_newman", move || compare(&corpus)),
        Err(reason) if std::env::var_os("CI").is_some() => {
            Trial::test("corpus_agrees_with_newman", move || {
                Err(format!("CI must provide the corpus and httpbin: {reason}").into())
            })
        }
        Err(reason) => {
            eprintln!("corpus_agrees_with_newman ignored: {reason}");
            Trial::test("corpus_agrees_with_newman", || Ok(())).with_ignored_flag(true)
        }
    };
    libtest_mimic::run(&args, vec![trial]).exit();
}

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The corpus folder, once httpbin is known to be installed.
fn prerequisites() -> Result<PathBuf, String> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/postman-corpus");
    if !corpus.join("manifest.json").is_file() {
        return Err(format!("{} is not present", corpus.display()));
    }
    let probe = Command::new("python3")
        .args(["-c", "import httpbin, gunicorn"])
        .stderr(Stdio::null())
        .status();
    if !matches!(probe, Ok(s) if s.success()) {
        return Err(
            "httpbin is not installed (pip install -r tests/corpus/requirements.txt)".into(),
        );
    }
    Ok(corpus)
}

/// httpbin under gunicorn, stopped when dropped; holds the port's lock (the corpus names
/// one fixed port, so concurrent runs of this test on one machine take turns).
struct Httpbin {
    server: Child,
    _lock: std::fs::File,
}

impl Httpbin {
    fn start() -> Result<Httpbin, String> {
        let lock = std::env::temp_dir().join(format!("pmcheck-corpus-{PORT}.lock"));
        let lock = std::fs::File::create(&lock).map_err(|e| format!("{}: {e}", lock.display()))?;
        // SAFETY: flock on a file descriptor this function owns; released when it closes.
        if unsafe { libc::flock(std::os::fd::AsRawFd::as_raw_fd(&lock), libc::LOCK_EX) } != 0 {
            return Err("cannot lock the corpus port".into());
        }
        if TcpStream::connect(("127.0.0.1", PORT)).is_ok() {
            return Err(format!("127.0.0.1:{PORT} is already in use"));
        }
        let child = Command::new("python3")
            .args(["-m", "gunicorn", "-b", &format!("127.0.0.1:{PORT}")])
            .args(["-w", "4", "httpbin:app"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start httpbin: {e}"))?;
        let server = Httpbin {
            server: child,
            _lock: lock,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", PORT)).is_err() {
            if Instant::now() > deadline {
                return Err("httpbin did not start within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(server)
    }
}

impl Drop for Httpbin {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    collection: String,
    environment: Option<String>,
    globals: Option<String>,
    data: Option<String>,
    #[serde(default)]
    options: Options,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Options {
    #[serde(default)]
    ignore_redirects: bool,
    #[serde(default)]
    insecure: bool,
    timeout_request: Option<u64>,
    timeout_script: Option<u64>,
}

/// What one run did, per request execution, in the recording's terms.
#[derive(Deserialize, Debug, Clone)]
struct Execution {
    request: String,
    /// The folders above the request.
    #[serde(default)]
    folders: Vec<String>,
    /// 2, 3, … on the second, third, … same-named request of a folder.
    duplicate: Option<u64>,
    iteration: u64,
    status: Option<u64>,
    error: Option<String>,
    assertions: Vec<Assertion>,
}

impl Execution {
    /// What pairs Newman's execution with pmcheck's (with the occurrence).
    fn key(&self) -> (u64, Vec<String>, String, Option<u64>) {
        (
            self.iteration,
            self.folders.clone(),
            self.request.clone(),
            self.duplicate,
        )
    }

    /// The request as the known-differences list names it: its name, ` #N` on the Nth
    /// same-named request of a folder.
    fn label(&self) -> String {
        match self.duplicate {
            Some(n) => format!("{} #{n}", self.request),
            None => self.request.clone(),
        }
    }
}

#[derive(Deserialize, Debug, Clone)]
struct Assertion {
    name: String,
    result: String,
}

#[derive(Deserialize)]
struct Recording {
    collections: Vec<RecordedCollection>,
}

#[derive(Deserialize)]
struct RecordedCollection {
    name: String,
    executions: Vec<Execution>,
}

#[derive(Deserialize)]
struct KnownDifferences {
    #[serde(default)]
    difference: Vec<Known>,
}

/// One accepted difference: a request (no `assertion`) or one assertion of it; an
/// `assertion` ending in `*` covers every assertion whose name starts with the rest (for
/// names a script makes from random values).
#[derive(Deserialize)]
struct Known {
    collection: String,
    request: String,
    assertion: Option<String>,
    reason: String,
}

impl Known {
    fn covers(&self, d: &Difference) -> bool {
        let assertion = match (&self.assertion, &d.assertion) {
            (None, None) => true,
            (Some(pattern), Some(name)) => match pattern.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => pattern == name,
            },
            _ => false,
        };
        assertion && self.collection == d.collection && self.request == d.request
    }
}

/// One disagreement, keyed as the known-differences list keys it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Difference {
    collection: String,
    request: String,
    assertion: Option<String>,
    what: String,
}

fn compare(corpus: &Path) -> Result<(), Failed> {
    let read = |path: PathBuf| {
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let manifest: Vec<Entry> = serde_json::from_str(&read(corpus.join("manifest.json"))?)
        .map_err(|e| format!("manifest.json: {e}"))?;
    let recording: Recording = serde_json::from_str(&read(here().join("newman.json"))?)
        .map_err(|e| format!("newman.json: {e}"))?;
    let known: KnownDifferences = toml::from_str(&read(here().join("known-differences.toml"))?)
        .map_err(|e| format!("known-differences.toml: {e}"))?;
    let only: Option<BTreeSet<String>> = std::env::var("PMCHECK_CORPUS_ONLY")
        .ok()
        .map(|s| s.split(',').map(str::to_string).collect());
    let recorded: BTreeMap<&str, &[Execution]> = recording
        .collections
        .iter()
        .map(|c| (c.name.as_str(), c.executions.as_slice()))
        .collect();

    let _server = Httpbin::start()?;
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut tally = Tally::default();
    let mut differences = Vec::new();
    for entry in &manifest {
        if only.as_ref().is_some_and(|o| !o.contains(&entry.name)) {
            continue;
        }
        let newman = recorded
            .get(entry.name.as_str())
            .ok_or_else(|| format!("newman.json has no recording of {}", entry.name))?;
        let ours = run_pmcheck(corpus, entry, work.path());
        tally.compare(&entry.name, newman, &ours, &mut differences);
    }

    let listed = |d: &Difference| known.difference.iter().find(|k| k.covers(d));
    let unlisted: Vec<&Difference> = differences.iter().filter(|d| listed(d).is_none()).collect();
    let stale: Vec<&Known> = known
        .difference
        .iter()
        .filter(|k| {
            !differences.iter().any(|d| k.covers(d))
                && only.as_ref().is_none_or(|o| o.contains(&k.collection))
        })
        .collect();
    println!("{}", tally.summary(known.difference.len()));
    let mut problems = Vec::new();
    for d in &unlisted {
        let assertion = d
            .assertion
            .as_deref()
            .map(|a| format!(" › {a}"))
            .unwrap_or_default();
        problems.push(format!(
            "unlisted difference: {} › {}{assertion}: {}",
            d.collection, d.request, d.what
        ));
    }
    for k in &stale {
        problems.push(format!(
            "listed difference no longer occurs ({}): {} › {} › {}",
            k.reason,
            k.collection,
            k.request,
            k.assertion.as_deref().unwrap_or("(request)")
        ));
    }
    if only.is_none() {
        if tally.agreeing * 100 < tally.assertions * 99 {
            problems.push(format!(
                "fewer than 99 % of Newman's assertions agree ({} of {})",
                tally.agreeing, tally.assertions
            ));
        }
        if tally.alike != tally.requests {
            problems.push(format!(
                "{} of {} requests do not run alike",
                tally.requests - tally.alike,
                tally.requests
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n{}",
            problems.join("\n"),
            tally.summary(known.difference.len())
        )
        .into())
    }
}

/// Runs one corpus entry with the `pmcheck` binary; its JSON report as executions, or the
/// reason it produced none.
fn run_pmcheck(corpus: &Path, entry: &Entry, work: &Path) -> Result<Vec<Execution>, String> {
    let report = work.join(format!("{}.json", entry.name));
    let mut command = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    command
        .current_dir(corpus)
        .arg("run")
        .arg(&entry.collection)
        .args(["--working-dir", "."])
        .args(["-r", "json", "--color", "off", "--reporter-json-export"])
        .arg(&report)
        .env_remove("PMCHECK_TARGET")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (flag, file) in [
        ("-e", &entry.environment),
        ("-g", &entry.globals),
        ("-d", &entry.data),
    ] {
        if let Some(file) = file {
            command.args([flag, file]);
        }
    }
    let o = &entry.options;
    if o.ignore_redirects {
        command.arg("--ignore-redirects");
    }
    if o.insecure {
        command.arg("-k");
    }
    if let Some(ms) = o.timeout_request {
        command.args(["--timeout-request", &ms.to_string()]);
    }
    if let Some(ms) = o.timeout_script {
        command.args(["--timeout-script", &ms.to_string()]);
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot run pmcheck: {e}"))?;
    let text = std::fs::read_to_string(&report).map_err(|_| {
        format!(
            "no report (exit {:?}): {}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).trim()
        )
    })?;
    let report: Value = serde_json::from_str(&text).map_err(|e| format!("report: {e}"))?;
    let cases = report["cases"].as_array().cloned().unwrap_or_default();
    Ok(cases.iter().filter_map(execution_of).collect())
}

/// A JSON report case as an execution; skipped cases were not sent (Newman does not list
/// them).
fn execution_of(case: &Value) -> Option<Execution> {
    if case["verdict"] == "skipped" {
        return None;
    }
    let error = case["checks"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| (c["check"] == "build" || c["check"] == "send") && c["result"] == "error")
        .map(|c| c["message"].as_str().unwrap_or("error").to_string());
    let assertions = case["assertions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| Assertion {
            name: a["name"].as_str().unwrap_or_default().to_string(),
            result: a["result"].as_str().unwrap_or_default().to_string(),
        })
        .collect();
    let folders = case["case"]["folders"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f.as_str().unwrap_or_default().to_string())
        .collect();
    Some(Execution {
        request: case["case"]["request"].as_str()?.to_string(),
        folders,
        duplicate: case["case"]["duplicate"].as_u64(),
        iteration: case["case"]["iteration"].as_u64().unwrap_or(1),
        status: case["response"]["status"].as_u64(),
        error,
        assertions,
    })
}

#[derive(Default)]
struct Tally {
    assertions: usize,
    agreeing: usize,
    requests: usize,
    alike: usize,
}

impl Tally {
    fn summary(&self, known: usize) -> String {
        format!(
            "corpus: {} of {} Newman assertions agree ({:.1} %), {} of {} requests run alike; {} known differences",
            self.agreeing,
            self.assertions,
            100.0 * self.agreeing as f64 / self.assertions.max(1) as f64,
            self.alike,
            self.requests,
            known
        )
    }

    /// Pairs Newman's executions with ours by (iteration, request, occurrence) and their
    /// assertions by (name, occurrence); records each disagreement.
    fn compare(
        &mut self,
        collection: &str,
        newman: &[Execution],
        ours: &Result<Vec<Execution>, String>,
        differences: &mut Vec<Difference>,
    ) {
        let diff = |request: &str, assertion: Option<&str>, what: String| Difference {
            collection: collection.to_string(),
            request: request.to_string(),
            assertion: assertion.map(str::to_string),
            what,
        };
        let ours = match ours {
            Ok(ours) => ours,
            Err(reason) => {
                for e in newman {
                    self.requests += 1;
                    self.assertions += e.assertions.len();
                }
                if let Some(first) = newman.first() {
                    differences.push(diff(&first.request, None, format!("not run: {reason}")));
                }
                return;
            }
        };
        let mut pending: BTreeMap<_, Vec<&Execution>> = BTreeMap::new();
        for e in ours.iter().rev() {
            pending.entry(e.key()).or_default().push(e);
        }
        for n in newman {
            self.requests += 1;
            self.assertions += n.assertions.len();
            let label = n.label();
            let Some(o) = pending.get_mut(&n.key()).and_then(Vec::pop) else {
                differences.push(diff(&label, None, "Newman ran it, pmcheck did not".into()));
                continue;
            };
            if n.error.is_some() == o.error.is_some() && n.status == o.status {
                self.alike += 1;
            } else {
                differences.push(diff(
                    &label,
                    None,
                    format!(
                        "Newman: {}; pmcheck: {}",
                        exchange(n.status, &n.error),
                        exchange(o.status, &o.error)
                    ),
                ));
            }
            let mut theirs: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for a in o.assertions.iter().rev() {
                theirs.entry(&a.name).or_default().push(&a.result);
            }
            for a in &n.assertions {
                match theirs.get_mut(a.name.as_str()).and_then(Vec::pop) {
                    Some(result) if result == a.result => self.agreeing += 1,
                    Some(result) => differences.push(diff(
                        &label,
                        Some(&a.name),
                        format!("Newman {}, pmcheck {result}", a.result),
                    )),
                    None => differences.push(diff(
                        &label,
                        Some(&a.name),
                        format!("Newman {}, pmcheck has no such assertion", a.result),
                    )),
                }
            }
        }
        for e in pending.values().flatten() {
            differences.push(diff(
                &e.request,
                None,
                "pmcheck ran it, Newman did not".into(),
            ));
        }
    }
}

fn exchange(status: Option<u64>, error: &Option<String>) -> String {
    match (status, error) {
        (_, Some(error)) => format!("error {error}"),
        (Some(status), None) => format!("status {status}"),
        (None, None) => "no response".into(),
    }
}
