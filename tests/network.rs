//! Network safety: `pm.sendRequest` under the script's time limit and the run's target
//! (`--allow-host`), credentials kept on their origin across redirects, hosts reached at
//! other addresses (`--resolve`, `--connect-to`), and a sidecar that is not UTF-8.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::TestServer;
use serde_json::{Value, json};

/// The schema folder without body schemas (the test server's echo is no IDCS answer).
fn no_schemas() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas")
        .display()
        .to_string()
}

/// Writes a collection of `items` (Postman v2.1 items) into `dir`.
fn write_collection(dir: &Path, items: Value) -> PathBuf {
    let doc = json!({
        "info": {
            "name": "network",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": items,
    });
    let path = dir.join("network.postman_collection.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}

/// A GET of `url` whose pre-request script is `script`.
fn scripted(name: &str, url: &str, script: &str) -> Value {
    json!({
        "name": name,
        "event": [{"listen": "prerequest", "script": {"exec": script.lines().collect::<Vec<_>>()}}],
        "request": {"method": "GET", "url": url},
    })
}

/// `pmcheck run FILE --schemas … ARGS`.
fn run(file: &Path, args: &[&str]) -> Output {
    let schemas = no_schemas();
    let mut all = vec!["run", file.to_str().unwrap(), "--schemas", &schemas];
    all.extend_from_slice(args);
    Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .args(&all)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The request-targets `server` received that start with `prefix`.
fn received(server: &TestServer, prefix: &str) -> Vec<common::RecordedRequest> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.target.starts_with(prefix))
        .collect()
}

#[test]
fn send_request_ends_at_the_script_time_limit() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let slow = server.url("/slow/4000");
    let script = format!(
        "pm.sendRequest('{slow}', function (err) {{ console.log('callback', String(err)); }});"
    );
    let file = write_collection(
        dir.path(),
        json!([scripted("slow side request", &server.url("/echo"), &script)]),
    );
    for timeout_request in ["30000", "0"] {
        let started = Instant::now();
        let out = run(
            &file,
            &[
                "--timeout-script",
                "500",
                "--timeout-request",
                timeout_request,
            ],
        );
        let took = started.elapsed();
        let all = text(&out);
        assert!(
            took < Duration::from_millis(2500),
            "--timeout-request {timeout_request}: took {took:?}\n{all}"
        );
        assert_eq!(out.status.code(), Some(3), "an error case:\n{all}");
        assert!(all.contains("timed out after 500ms"), "{all}");
        assert!(
            all.contains("callback Error: pm.sendRequest to") && all.contains("time limit"),
            "the callback gets the error:\n{all}"
        );
    }
}

/// A collection whose requests go to `{{baseUrl}}` and whose script sends to its own
/// origin and to `other`, reporting each outcome as a test.
fn reach_collection(dir: &Path, other: &str) -> PathBuf {
    let script = format!(
        r#"pm.sendRequest(pm.variables.get('baseUrl') + '/echo?side=own', function (err, res) {{
  pm.test('own origin answered', function () {{ pm.expect(err).to.equal(null); pm.expect(res.code).to.equal(200); }});
}});
pm.sendRequest('{other}/echo?side=other', function (err, res) {{
  console.log('other: ' + (err ? err.message : 'none'));
}});"#
    );
    write_collection(
        dir,
        json!([scripted("reach", "{{baseUrl}}/echo?main=1", &script)]),
    )
}

#[test]
fn send_request_follows_the_target_and_the_allowed_hosts() {
    let target = TestServer::start_blocking();
    let production = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let file = reach_collection(dir.path(), &production.url(""));
    let json_path = dir.path().join("report.json");
    let json_arg = json_path.to_str().unwrap();
    let target_url = target.url("");

    // Under --target: the own origin (staging, unreachable) goes to the target; the other
    // host is refused, with the host and the option named.
    let out = run(
        &file,
        &[
            "--env-var",
            "baseUrl=http://staging.invalid",
            "--target",
            &target_url,
            "-r",
            "json",
            "--reporter-json-export",
            json_arg,
        ],
    );
    let all = text(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert_eq!(received(&target, "/echo?side=own").len(), 1, "{all}");
    assert_eq!(received(&target, "/echo?main=1").len(), 1, "{all}");
    assert!(production.requests().is_empty(), "production was reached");
    let report = std::fs::read_to_string(&json_path).unwrap();
    let host = format!("127.0.0.1:{}", production.addr.port());
    assert!(
        report.contains("refused") && report.contains(&format!("--allow-host {host}")),
        "{report}"
    );

    // --allow-host lets it through, as written.
    let out = run(
        &file,
        &[
            "--env-var",
            "baseUrl=http://staging.invalid",
            "--target",
            &target_url,
            "--allow-host",
            &host,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(received(&production, "/echo?side=other").len(), 1);

    // So does the sidecar's allow_hosts.
    let sidecar = dir.path().join("network.pmcheck.toml");
    std::fs::write(&sidecar, format!("allow_hosts = [\"{host}\"]\n")).unwrap();
    let out = run(
        &file,
        &[
            "--env-var",
            "baseUrl=http://staging.invalid",
            "--target",
            &target_url,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(received(&production, "/echo?side=other").len(), 2);
    std::fs::remove_file(&sidecar).unwrap();

    // Without a target, as in Postman: scripts reach any host.
    let before = production.requests().len();
    let out = run(&file, &["--env-var", &format!("baseUrl={target_url}")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(production.requests().len(), before + 1);
}

#[test]
fn allow_host_and_address_values_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_collection(dir.path(), json!([]));
    for (option, value, expected) in [
        ("--resolve", "foo", "HOST:PORT:ADDR"),
        ("--resolve", "foo:80:not-an-ip", "HOST:PORT:ADDR"),
        ("--connect-to", "foo:80", "HOST1:PORT1:HOST2:PORT2"),
        ("--allow-host", "http://x/", "HOST, HOST:PORT"),
    ] {
        let out = run(&file, &[option, value]);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(2), "{option} {value}: {all}");
        assert!(all.contains(expected), "{option} {value}: {all}");
    }
}

#[test]
fn credential_headers_stay_on_their_origin_across_redirects() {
    let first = TestServer::start_blocking();
    let other = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let request = |name: &str, to: &str| {
        json!({
            "name": name,
            "request": {
                "method": "GET",
                "url": first.url(&format!("/redirect?to={to}")),
                "header": [
                    {"key": "Authorization", "value": "Bearer tok-123"},
                    {"key": "X-Api-Key", "value": "key-123"},
                    {"key": "X-Tenant-Pass", "value": "{{tenantPass}}"},
                    {"key": "X-Plain", "value": "plain"}
                ],
                "auth": {"type": "apikey", "apikey": [
                    {"key": "key", "value": "Ocp-Apim-Subscription-Key"},
                    {"key": "value", "value": "sub-key-123"},
                    {"key": "in", "value": "header"}
                ]}
            }
        })
    };
    let away = other.url("/echo?hop=away");
    let mut scripted_away = request("away", &away);
    // A script's request keeps its secret headers on their origin too.
    let side = first.url(&format!("/redirect?to={}", other.url("/echo?hop=side")));
    scripted_away["event"] = json!([{"listen": "prerequest", "script": {"exec": [format!(
        "pm.sendRequest({{url: '{side}', header: [{{key: 'X-Tenant-Pass', value: pm.environment.get('tenantPass')}}, {{key: 'X-Plain', value: 'plain'}}]}}, function () {{}});"
    )]}}]);
    let file = write_collection(
        dir.path(),
        json!([scripted_away, request("same origin", "/echo?hop=same")]),
    );
    let out = run(
        &file,
        &["--env-var", "tenantPass=pass-123", "--secret", "tenantPass"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let credentials = [
        "authorization",
        "x-api-key",
        "x-tenant-pass",
        "ocp-apim-subscription-key",
    ];
    let landed = received(&other, "/echo?hop=away");
    assert_eq!(landed.len(), 1);
    for name in credentials {
        assert_eq!(
            landed[0].header(name),
            None,
            "{name} crossed to another origin"
        );
    }
    assert_eq!(landed[0].header("x-plain"), Some("plain"));
    let side = received(&other, "/echo?hop=side");
    assert_eq!(side.len(), 1);
    assert_eq!(
        side[0].header("x-tenant-pass"),
        None,
        "a script's secret header crossed"
    );
    assert_eq!(side[0].header("x-plain"), Some("plain"));
    let stayed = received(&first, "/echo?hop=same");
    assert_eq!(stayed.len(), 1);
    for name in credentials {
        assert!(
            stayed[0].header(name).is_some(),
            "{name} lost on the same origin"
        );
    }
}

#[test]
fn resolve_and_connect_to_reach_a_host_by_address() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let port = server.addr.port();
    let tenant = format!("tenant.invalid:{port}");
    let script = format!("pm.sendRequest('http://{tenant}/echo?side=1', function () {{}});");
    let file = write_collection(
        dir.path(),
        json!([scripted(
            "by address",
            &format!("http://{tenant}/echo?main=1"),
            &script
        )]),
    );
    let out = run(&file, &["--resolve", &format!("{tenant}:127.0.0.1")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    for prefix in ["/echo?main=1", "/echo?side=1"] {
        let got = received(&server, prefix);
        assert_eq!(got.len(), 1, "{prefix}");
        assert_eq!(got[0].header("host"), Some(tenant.as_str()), "{prefix}");
    }

    // --connect-to: a URL on the scheme's default port, connected to another port.
    let file = write_collection(
        dir.path(),
        json!([{"name": "default port", "request": {"method": "GET", "url": "http://tenant.invalid/echo?connect=1"}}]),
    );
    let out = run(
        &file,
        &[
            "--connect-to",
            &format!("tenant.invalid:80:127.0.0.1:{port}"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let got = received(&server, "/echo?connect=1");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].header("host"), Some("tenant.invalid"));
}

#[test]
fn sidecar_network_keys() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let port = server.addr.port();
    let file = write_collection(
        dir.path(),
        json!([{"name": "sidecar", "request": {"method": "GET", "url": format!("http://tenant.invalid:{port}/echo?sidecar=1")}}]),
    );
    let sidecar = dir.path().join("network.pmcheck.toml");
    std::fs::write(
        &sidecar,
        format!(
            "resolve = [\"tenant.invalid:{port}:127.0.0.1\"]\nallow_hosts = [\"*.example.com\"]\n"
        ),
    )
    .unwrap();
    let out = run(&file, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(received(&server, "/echo?sidecar=1").len(), 1);

    std::fs::write(
        &sidecar,
        "target = \"http://127.0.0.1:1\"\nresolve = [\"x:80:1.2.3.4\", \"bad\"]\n",
    )
    .unwrap();
    let out = run(&file, &[]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(all.contains("network.pmcheck.toml:2:"), "{all}");
    assert!(all.contains("expected HOST:PORT:ADDR"), "{all}");
}

#[test]
fn a_sidecar_that_is_not_utf8_names_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_collection(dir.path(), json!([]));
    let sidecar = dir.path().join("network.pmcheck.toml");
    std::fs::write(&sidecar, b"target = \"embedded\"\n# caf\xe9 \xff\n").unwrap();
    let out = run(&file, &[]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(
        all.contains(&format!("{}:2:6", sidecar.display())),
        "file, line and column named:\n{all}"
    );
}

#[test]
fn the_conformance_builder_takes_allowed_hosts_and_addresses() {
    use pmcheck::session::{AddressOverride, HostPattern};

    let target = TestServer::start_blocking();
    let production = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let script = format!(
        "pm.sendRequest('http://staging.invalid/echo?side=own', function () {{}});\n\
         pm.sendRequest('{}', function () {{}});",
        production.url("/echo?side=other")
    );
    write_collection(
        dir.path(),
        json!([scripted(
            "builder",
            "http://staging.invalid/echo?main=1",
            &script
        )]),
    );
    // The target by name, reached at its address.
    let tenant = format!("tenant.invalid:{}", target.addr.port());
    let conclusion = pmcheck::Conformance::new()
        .collections(dir.path())
        .schemas(no_schemas())
        .target(format!("http://{tenant}"))
        .allow_host(HostPattern::parse(&format!("127.0.0.1:{}", production.addr.port())).unwrap())
        .address(AddressOverride::resolve(&format!("{tenant}:127.0.0.1")).unwrap())
        .run_with(&libtest_mimic::Arguments {
            test_threads: Some(1),
            ..libtest_mimic::Arguments::default()
        })
        .unwrap();
    assert_eq!(conclusion.num_failed, 0);
    for prefix in ["/echo?main=1", "/echo?side=own"] {
        let got = received(&target, prefix);
        assert_eq!(got.len(), 1, "{prefix}");
        assert_eq!(got[0].header("host"), Some(tenant.as_str()));
    }
    assert_eq!(received(&production, "/echo?side=other").len(), 1);
}
