//! A hostile run's memory stays bounded: scripts that loop over `pm.test`,
//! `pm.environment.set` and `console.log` until their time limit are capped per script
//! (the overflow reported as a failed assertion), and the `pmcheck` process's peak RSS
//! stays under 200 MB.

mod common;

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use common::TestServer;

/// Test scripts that store as much as they can until the script's time limit stops them.
const HOSTILE: [(&str, &str); 3] = [
    (
        "assertions",
        "for (var i = 0; ; i++) pm.test('t'.repeat(1000) + i, function () { pm.expect(i).to.be.a('number'); });",
    ),
    (
        "variables",
        "for (var i = 0; ; i++) pm.environment.set('v' + i, 'x'.repeat(10000) + i);",
    ),
    (
        "console",
        "for (var i = 0; ; i++) console.log('x'.repeat(10000), i, { i: i });",
    ),
];

/// Peak RSS of the child `pid` in bytes, once it exits, and its wait status.
fn wait_peak_rss(pid: u32) -> (u64, i32) {
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills; `pid` is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = libc::pid_t::try_from(pid).unwrap();
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    // Linux reports ru_maxrss in KiB.
    (u64::try_from(usage.ru_maxrss).unwrap() * 1024, status)
}

#[test]
fn hostile_scripts_stay_under_200_mb() {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<serde_json::Value> = HOSTILE
        .iter()
        .map(|(name, script)| {
            serde_json::json!({
                "name": name,
                "request": {"method": "GET", "url": server.url("/echo")},
                "event": [{"listen": "test", "script": {"exec": [script]}}],
            })
        })
        .collect();
    let collection = dir.path().join("hostile.postman_collection.json");
    let doc = serde_json::json!({
        "info": {"name": "hostile", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
    });
    std::fs::write(&collection, doc.to_string()).unwrap();
    let report = dir.path().join("report.json");
    let mut command = Command::new(env!("CARGO_BIN_EXE_pmcheck"));
    command
        .arg("run")
        .arg(&collection)
        .args([
            "--timeout-script",
            "2000",
            "-r",
            "json",
            "--reporter-json-export",
        ])
        .arg(&report)
        .env_remove("PMCHECK_TARGET")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // A regression must not take the machine's memory with it: past 4 GiB of address
    // space the child fails to allocate and the test fails.
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 4 << 30,
                rlim_max: 4 << 30,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    // Reaped by wait4, which also gives its resource usage.
    #[allow(clippy::zombie_processes)]
    let child = command.spawn().unwrap();
    let (peak, status) = wait_peak_rss(child.id());
    let exited = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    println!("peak RSS {} MB, exit {exited:?}", peak >> 20);
    assert!(
        peak < 200 << 20,
        "peak RSS {} MB (exit {exited:?})",
        peak >> 20
    );
    // Every cap that was hit is a failed assertion (and the time limit an error): the run
    // does not pass.
    assert!(matches!(exited, Some(1 | 3)), "exit {exited:?}");
    let text = std::fs::read_to_string(&report).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    for (case, (name, _)) in doc["cases"].as_array().unwrap().iter().zip(HOSTILE) {
        let limit = format!("script limit: {name}");
        let found = case["assertions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == limit.as_str());
        assert_eq!(
            found.map(|a| a["result"].clone()),
            Some("failed".into()),
            "{name}"
        );
    }
}
