//! Proxies from the environment: `HTTP_PROXY` sends requests through the proxy, `NO_PROXY`
//! exempts hosts, and without either requests go straight to their host.

mod common;

use std::process::Command;

use common::TestServer;

/// Runs a one-request collection for `url` with the environment `vars`.
fn run(dir: &std::path::Path, url: &str, vars: &[(&str, &str)]) {
    let file = dir.join("proxy.postman_collection.json");
    let body = serde_json::json!({
        "info": {"name": "proxy", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "one", "request": {"method": "GET", "url": url}}],
    });
    std::fs::write(&file, body.to_string()).unwrap();
    let env = dir.join("empty.postman_environment.json");
    std::fs::write(&env, r#"{"name": "empty", "values": []}"#).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    command
        .arg("run")
        .arg(&file)
        .arg("-e")
        .arg(&env)
        .arg("--color")
        .arg("off");
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
        "PMCHECK_TARGET",
    ] {
        command.env_remove(name);
    }
    command.envs(vars.iter().copied());
    // The verdict does not matter here (the proxy answers what it likes), only the route.
    command.output().unwrap();
}

#[test]
fn http_proxy_from_the_environment_is_used_unless_no_proxy_exempts_the_host() {
    let proxy = TestServer::start_blocking();
    let origin = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let proxy_url = proxy.url("");

    // Through the proxy: it gets the request in absolute form.
    run(
        dir.path(),
        "http://origin.invalid/through",
        &[("HTTP_PROXY", &proxy_url)],
    );
    let seen: Vec<String> = proxy.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(seen, ["http://origin.invalid/through"]);

    // NO_PROXY exempts the origin's host: straight to it.
    let direct = origin.url("/direct");
    run(
        dir.path(),
        &direct,
        &[("http_proxy", &proxy_url), ("NO_PROXY", "127.0.0.1")],
    );
    // And with no proxy named at all.
    run(dir.path(), &origin.url("/plain"), &[]);
    assert_eq!(proxy.requests().len(), 1);
    let seen: Vec<String> = origin.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(seen, ["/direct", "/plain"]);
}
