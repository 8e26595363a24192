//! The JUnit report validates against Jenkins' junit-10.xsd, with passes, failures, errors,
//! skipped and not-run cases over several suites, and keeps the conventions GitLab's and
//! Jenkins' JUnit parsers read (a `classname` and `name` on every case, the counts on every
//! suite, the collection file on its suite).
//!
//! The schema comes from `PMCHECK_JUNIT_XSD` (`.ci/run` sets it with
//! `tests/junit/fetch_xsd.py`) and the validator is Python's `xmlschema`
//! (`tests/junit/requirements.txt`). Without either the test is ignored, saying why; under
//! `CI` it fails instead.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestServer;
use libtest_mimic::{Arguments, Failed, Trial};

const NAME: &str = "junit_validates_against_junit_10_xsd";

fn main() {
    let args = Arguments::from_args();
    let trial = match validator() {
        Ok(xsd) => Trial::test(NAME, move || validates(&xsd)),
        Err(reason) if std::env::var_os("CI").is_some() => Trial::test(NAME, move || {
            Err(format!("CI must provide the JUnit XSD and its validator: {reason}").into())
        }),
        Err(reason) => {
            eprintln!("{NAME} ignored: {reason}");
            Trial::test(NAME, || Ok(())).with_ignored_flag(true)
        }
    };
    libtest_mimic::run(&args, vec![trial]).exit();
}

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/junit")
        .join(name)
}

/// The XSD's path, once the validator is known to be installed.
fn validator() -> Result<PathBuf, String> {
    let xsd = std::env::var_os("PMCHECK_JUNIT_XSD")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .ok_or("PMCHECK_JUNIT_XSD is not set (python3 tests/junit/fetch_xsd.py prints a path)")?;
    if !xsd.is_file() {
        return Err(format!(
            "PMCHECK_JUNIT_XSD: {} is not a file",
            xsd.display()
        ));
    }
    let probe = Command::new("python3")
        .args(["-c", "import xmlschema"])
        .output()
        .map_err(|e| format!("python3 cannot be run: {e}"))?;
    if !probe.status.success() {
        return Err("the Python package xmlschema is not installed \
                    (pip install -r tests/junit/requirements.txt)"
            .into());
    }
    Ok(xsd)
}

/// A collection whose first request ends the flow: the second is not run.
const ENDS_EARLY: &str = r#"{
  "info": {"name": "ends early"},
  "item": [{
    "name": "flow",
    "item": [
      {"name": "stops", "request": "{{base}}/status/200",
       "event": [{"listen": "test", "script": {"exec": [
         "pm.test('fails & <escapes>', () => pm.expect('a\u0001').to.equal('b'));",
         "pm.execution.setNextRequest(null);"]}}]},
      {"name": "never reached", "request": "{{base}}/status/200"}
    ]
  }]
}"#;

fn validates(xsd: &Path) -> Result<(), Failed> {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir()?;
    let extra = dir.path().join("ends-early.postman_collection.json");
    std::fs::write(&extra, ENDS_EARLY)?;
    let junit = dir.path().join("report.xml");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nonconforming");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(fixtures.join("nonconforming.postman_collection.json"))
        .arg(&extra)
        .arg("-e")
        .arg(fixtures.join("nonconforming.postman_environment.json"))
        .args(["--env-var", &format!("base={}", server.url(""))])
        .args(["--env-var", "dead=http://127.0.0.1:9"])
        .args(["--timeout-request", "300", "-n", "2", "-r", "junit"])
        .arg("--reporter-junit-export")
        .arg(&junit)
        .env_remove("PMCHECK_TARGET")
        .output()?;
    if out.status.code() != Some(1) {
        return Err(format!(
            "exit {:?}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let xml = std::fs::read_to_string(&junit)?;
    conventions(&xml)?;
    let check = Command::new("python3")
        .arg(script("validate.py"))
        .arg(xsd)
        .arg(&junit)
        .output()?;
    if !check.status.success() {
        return Err(format!(
            "the JUnit report does not validate against {}:\n{}\n{xml}",
            xsd.display(),
            String::from_utf8_lossy(&check.stderr)
        )
        .into());
    }
    Ok(())
}

/// What GitLab and Jenkins read, and that the run really has every kind of case.
fn conventions(xml: &str) -> Result<(), Failed> {
    let doc = roxmltree::Document::parse(xml)?;
    let root = doc.root_element();
    let ensure = |ok: bool, what: &str| -> Result<(), Failed> {
        if ok {
            Ok(())
        } else {
            Err(format!("{what}:\n{xml}").into())
        }
    };
    ensure(root.has_tag_name("testsuites"), "the root is <testsuites>")?;
    ensure(
        root.attribute("skipped").is_none(),
        "<testsuites> has no skipped",
    )?;
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    ensure(
        suites.len() == 4,
        "two suites per collection, one per iteration",
    )?;
    for suite in &suites {
        for attr in [
            "name", "tests", "failures", "errors", "skipped", "time", "file",
        ] {
            ensure(
                suite.attribute(attr).is_some(),
                &format!("every suite has {attr}"),
            )?;
        }
    }
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    for case in &cases {
        ensure(
            case.attribute("name").is_some() && case.attribute("classname").is_some(),
            "every case has a name and a classname",
        )?;
    }
    let with = |tag: &str| {
        cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name(tag)))
            .count()
    };
    ensure(
        with("failure") >= 2 && with("error") >= 2,
        "failures and errors",
    )?;
    let not_run = cases.iter().any(|c| {
        c.attribute("name")
            .is_some_and(|n| n.starts_with("never reached"))
            && c.children().any(|n| {
                n.has_tag_name("skipped")
                    && n.attribute("message")
                        .is_some_and(|m| m.starts_with("not run"))
            })
    });
    ensure(not_run, "a case not run is <skipped> with its reason")?;
    ensure(
        cases.iter().any(|c| {
            c.attribute("name")
                .is_some_and(|n| n.starts_with("skipped by sidecar"))
                && c.children().any(|n| {
                    n.has_tag_name("skipped")
                        && n.attribute("message") == Some("exercises the skip rule")
                })
        }),
        "a skipped case is <skipped> with its reason",
    )?;
    Ok(())
}
