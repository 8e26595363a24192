//! The HTML report of a run with passes, failures, an error, a skip and a request not run
//! over two iterations against the local test server: one self-contained page whose totals,
//! checks, violations, diff and exchanges are the run's; hostile names and bodies stay
//! text; secrets never reach it. Then the page in headless Chromium (filters, expansion,
//! iterations side by side), driven by `tests/html/check_report.py`.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use common::TestServer;
use scraper::{Html, Selector};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The secret of the fixture's environment (a `secret` variable the requests send).
const SECRET: &str = "html-s3cret-token-42";

struct Run {
    dir: tempfile::TempDir,
    html: String,
    json: Value,
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name)
}

/// The fixture's run (two iterations), its reports in a fresh folder.
fn run() -> Run {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("out/report.html");
    let json = dir.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(fixture("html-report.postman_collection.json"))
        .arg("-e")
        .arg(fixture("html-report.postman_environment.json"))
        .args(["--env-var", &format!("base={}", server.url(""))])
        .args(["-n", "2", "-r", "html,json", "--compare-examples", "shape"])
        .arg("--schemas")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nonconforming/schemas"))
        .arg("--reporter-html-export")
        .arg(&html)
        .arg("--reporter-json-export")
        .arg(&json)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "failures exit 1; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Run {
        html: std::fs::read_to_string(&html).unwrap(),
        json: serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap(),
        dir,
    }
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef<'_>) -> String {
    e.text().collect()
}

/// The page's case (a request over its iterations) whose name is `name`.
fn case<'a>(doc: &'a Html, name: &str) -> scraper::ElementRef<'a> {
    let name_sel = Selector::parse("summary .name").unwrap();
    select(doc, "details.case")
        .into_iter()
        .find(|c| c.select(&name_sel).next().is_some_and(|n| text(&n) == name))
        .unwrap_or_else(|| panic!("no case {name:?}"))
}

fn cases_named<'a>(json: &'a Value, request: &str) -> Vec<&'a Value> {
    json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["case"]["request"] == request)
        .collect()
}

#[test]
fn the_report_is_one_self_contained_page_that_loads_nothing() {
    let r = run();
    assert!(r.html.starts_with("<!DOCTYPE html>"), "{}", &r.html[..80]);
    let doc = Html::parse_document(&r.html);
    // Nothing that could load or link anything.
    for css in [
        "link", "img", "iframe", "object", "embed", "base", "[src]", "[href]",
    ] {
        assert!(select(&doc, css).is_empty(), "the page has {css}");
    }
    let csp = select(&doc, "meta[http-equiv=Content-Security-Policy]");
    let policy = csp[0].value().attr("content").unwrap();
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    // The policy allows exactly the page's own style and script.
    let hash = |t: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(t));
    let style = text(&select(&doc, "style")[0]);
    assert!(policy.contains(&format!("style-src 'sha256-{}'", hash(&style))));
    let scripts = select(&doc, "script");
    assert_eq!(scripts.len(), 2, "the summary's data and the page's script");
    assert_eq!(scripts[0].value().attr("type"), Some("application/json"));
    assert!(policy.contains(&format!("script-src 'sha256-{}'", hash(&text(&scripts[1])))));
    assert!(!policy.contains("unsafe"), "{policy}");
}

#[test]
fn totals_and_the_chart_are_the_runs() {
    let r = run();
    let doc = Html::parse_document(&r.html);
    let summary = &r.json["summary"];
    assert_eq!(summary["total"], 14, "7 requests, 2 iterations");
    assert_eq!(
        summary["not_run"], 2,
        "the last request, after setNextRequest(null)"
    );
    for key in ["total", "passed", "failed", "errors", "skipped", "not_run"] {
        let tile = select(&doc, &format!("[data-total={key}] .n"));
        assert_eq!(text(&tile[0]), summary[key].to_string(), "{key}");
    }
    assert!(summary["failed"].as_u64().unwrap() > 0 && summary["errors"] == 2);
    let embedded: Value =
        serde_json::from_str(&text(&select(&doc, "#pmcheck-summary")[0])).unwrap();
    assert_eq!(&embedded, summary);
    // One chart row per collection and folder, counting the cases in and below it.
    let rows = select(&doc, "table.chart tr");
    let names: Vec<String> = rows
        .iter()
        .map(|r| text(&select_in(r, "button")[0]))
        .collect();
    assert_eq!(names, ["html report", "auth", "bodies"]);
    let count = |row: &scraper::ElementRef<'_>, class: &str| -> u64 {
        select_in(row, &format!("rect.s-{class}"))
            .first()
            .map_or(0, |r| {
                r.value().attr("data-count").unwrap().parse().unwrap()
            })
    };
    assert_eq!(
        count(&rows[0], "passed"),
        summary["passed"].as_u64().unwrap()
    );
    assert_eq!(
        count(&rows[0], "failed"),
        summary["failed"].as_u64().unwrap()
    );
    assert_eq!(count(&rows[0], "error"), 2);
    assert_eq!(count(&rows[0], "skipped"), 2);
    assert_eq!(count(&rows[0], "not_run"), 2);
    // bodies: the schema violation and the diff fail twice, the hostile body errors twice,
    // and the last request is not run.
    let bodies = ["failed", "error", "not_run"].map(|v| count(&rows[2], v));
    assert_eq!(bodies, [4, 2, 2]);
    // The folder filter offers each of them.
    let options: Vec<String> = select(&doc, "#f-folder option").iter().map(text).collect();
    assert_eq!(
        options,
        [
            "all",
            "html report",
            "html report › auth",
            "html report › bodies"
        ]
    );
}

fn select_in<'a>(e: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    e.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn cases_show_checks_violations_diff_scripts_and_the_exchange() {
    let r = run();
    let doc = Html::parse_document(&r.html);
    assert_eq!(select(&doc, "details.case").len(), 7, "one per request");

    let violation = case(&doc, "schema violation");
    assert_eq!(violation.value().attr("data-verdict"), Some("failed"));
    let pointers: Vec<String> = select_in(&violation, "code.pointer")
        .iter()
        .map(text)
        .collect();
    let want: Vec<String> = cases_named(&r.json, "schema violation")
        .iter()
        .flat_map(|c| c["violations"].as_array().unwrap())
        .map(|v| v["pointer"].as_str().unwrap().to_string())
        .map(|p| if p.is_empty() { "(root)".into() } else { p })
        .collect();
    assert!(!want.is_empty());
    assert_eq!(pointers, want);
    let row = text(&select_in(&violation, ".violations tbody tr")[0]);
    let first = &cases_named(&r.json, "schema violation")[0]["violations"][0];
    for field in ["schema_path", "keyword", "message"] {
        assert!(
            row.contains(first[field].as_str().unwrap()),
            "{row} lacks {field}"
        );
    }

    let diff = case(&doc, "diff");
    let lines: Vec<String> = select_in(&diff, ".diff-lines span")
        .iter()
        .map(text)
        .collect();
    let want: Vec<String> = cases_named(&r.json, "diff")
        .iter()
        .flat_map(|c| c["diff"].as_array().unwrap())
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    assert!(!want.is_empty());
    assert_eq!(lines, want);
    assert!(!select_in(&diff, ".d-del").is_empty() && !select_in(&diff, ".d-add").is_empty());

    // Iterations side by side: the pm.test passes in the first and fails in the second.
    let token = case(&doc, "token check");
    let iters = select_in(&token, ".iters > section.iter");
    assert_eq!(iters.len(), 2);
    assert_eq!(iters[0].value().attr("data-iteration"), Some("1"));
    assert!(iters[0].value().classes().any(|c| c == "v-passed"));
    assert!(iters[1].value().classes().any(|c| c == "v-failed"));
    let failed = text(&select_in(&iters[1], ".assertions li.r-failed")[0]);
    assert!(
        failed.contains("first iteration only") && failed.contains("expected 1"),
        "{failed}"
    );
    let console = text(&select_in(&iters[1], ".console pre")[0]);
    assert!(
        console.contains("[log] iteration 1 answered 401"),
        "{console}"
    );
    let summary = text(&select_in(&token, "summary .reason")[0]);
    assert!(
        summary.starts_with("iteration 2: test scripts:"),
        "{summary}"
    );
    // The request as sent and the response, from the result.
    let request = text(&select_in(&iters[0], ".request summary")[0]);
    assert!(request.contains("POST http://127.0.0.1:"), "{request}");
    let response = text(&select_in(&iters[0], ".response summary")[0]);
    assert!(response.contains("401 Unauthorized"), "{response}");
    let headers = text(&select_in(&iters[0], ".response table.headers")[0]);
    assert!(headers.contains("content-type") && headers.contains("application/json"));
    let body = text(&select_in(&iters[0], ".response pre.body")[0]);
    assert!(body.contains("AUTH-3001"), "{body}");

    let skipped = case(&doc, "skipped by sidecar");
    assert_eq!(skipped.value().attr("data-verdict"), Some("skipped"));
    assert!(text(&skipped).contains("shows a skipped case in the report"));
    let not_run = case(&doc, "after the stop");
    assert_eq!(not_run.value().attr("data-verdict"), Some("not_run"));
    let why = cases_named(&r.json, "after the stop")[0]["skip_reason"]
        .as_str()
        .unwrap();
    assert!(
        text(&select_in(&not_run, ".iter p.skip")[0]).contains(why),
        "{why}"
    );
}

#[test]
fn hostile_names_and_bodies_stay_text() {
    let r = run();
    let doc = Html::parse_document(&r.html);
    let hostile_name = r#"<img id="pwn-name" src=x onerror="window.pwned='name'">"#;
    let hostile = case(&doc, hostile_name);
    assert_eq!(hostile.value().attr("data-verdict"), Some("error"));
    for id in ["pwn-name", "pwn-body", "pwn-test"] {
        assert!(select(&doc, &format!("#{id}")).is_empty(), "#{id} was made");
    }
    assert!(select(&doc, "[onerror]").is_empty());
    assert_eq!(select(&doc, "script").len(), 2);
    let body = text(&select_in(&hostile, ".response pre.body")[0]);
    assert!(body.starts_with("</pre></td></script><script>window.pwned='body'</script>"));
    let assertion = text(&select_in(&hostile, ".assertions li")[0]);
    assert!(
        assertion.contains("<b id='pwn-test'>bold</b>"),
        "{assertion}"
    );
}

#[test]
fn secrets_never_reach_the_page() {
    let r = run();
    let b64 = base64::engine::general_purpose::STANDARD.encode(SECRET);
    for form in [SECRET, b64.as_str()] {
        assert!(
            !r.html.contains(form),
            "the page holds the secret as {form}"
        );
    }
    // The secret was sent: the JSON report shows it masked where the page does.
    let doc = Html::parse_document(&r.html);
    let token = case(&doc, "token check");
    let headers = text(&select_in(&token, ".request table.headers")[0]);
    assert!(
        headers.contains("Authorization") && !headers.contains(SECRET),
        "{headers}"
    );
}

#[test]
fn the_cargo_test_path_writes_the_page_too() {
    if std::env::var_os("PMCHECK_TARGET").is_some() {
        eprintln!("skipped: PMCHECK_TARGET is set, and would be the target");
        return;
    }
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let env = dir.path().join("env.json");
    let values = serde_json::json!({"values": [
        {"key": "base", "value": server.url("")},
        {"key": "apitoken", "value": SECRET, "type": "secret"},
    ]});
    std::fs::write(&env, values.to_string()).unwrap();
    let (html, json) = (
        dir.path().join("r/report.html"),
        dir.path().join("report.json"),
    );
    let args = libtest_mimic::Arguments {
        test_threads: Some(2),
        quiet: true,
        logfile: Some(dir.path().join("libtest.log").display().to_string()),
        ..libtest_mimic::Arguments::default()
    };
    let conclusion = pmcheck::Conformance::new()
        .collections(fixture("html-report.postman_collection.json"))
        .environment(&env)
        .schemas(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nonconforming/schemas"))
        .iterations(2)
        .html(&html)
        .json(&json)
        .run_with(&args)
        .unwrap();
    assert!(conclusion.num_failed > 0);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains(SECRET));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let doc = Html::parse_document(&page);
    assert_eq!(select(&doc, "details.case").len(), 7);
    assert_eq!(select(&doc, "section.iter").len(), 14);
    for key in ["total", "passed", "failed", "errors", "skipped", "not_run"] {
        let tile = select(&doc, &format!("[data-total={key}] .n"));
        assert_eq!(text(&tile[0]), json["summary"][key].to_string(), "{key}");
    }
}

/// What the browser test needs and lacks, if anything.
fn browser_missing() -> Option<String> {
    let mut missing = Vec::new();
    for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
        if !Path::new(tool).exists() {
            missing.push(tool.to_string());
        }
    }
    let selenium = Command::new("python3")
        .args(["-c", "import selenium"])
        .stderr(Stdio::null())
        .status();
    if !selenium.is_ok_and(|s| s.success()) {
        missing.push("python3's selenium".into());
    }
    (!missing.is_empty()).then(|| missing.join(", "))
}

#[test]
fn the_report_works_in_headless_chromium() {
    if let Some(missing) = browser_missing() {
        let why = format!(
            "the browser test needs {missing} (apt-get install chromium chromium-driver; \
             pip install selenium, as .ci/run does)"
        );
        assert!(std::env::var_os("CI").is_none(), "{why}");
        // Straight to the process's stderr: libtest would hide `eprintln!` of a passing test.
        writeln!(
            std::io::stderr(),
            "IGNORED the_report_works_in_headless_chromium: {why}"
        )
        .unwrap();
        return;
    }
    let r = run();
    let page = r.dir.path().join("out/report.html");
    let json = r.dir.path().join("report.json");
    let screenshot = r.dir.path().join("report.png");
    let mut child = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/html/check_report.py"))
        .args([&page, &json, &screenshot])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the browser test did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let png = std::fs::read(&screenshot).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "no screenshot");
}
