//! `--busy-poll`, measured: a sequential run checks for a fast target's answers instead of
//! sleeping for them, and sleeps for a slow target's (checking again only now and then).
//! Measured on the pmcheck process itself: its voluntary context switches (each a sleep)
//! and its CPU time, from `wait4`. These figures depend on the machine (its load, its
//! scheduler), so they are a benchmark, not a test: `bench/busy-poll.sh` (or
//! `cargo bench --bench busy_poll`) prints them and exits 1 when one is not as expected.

#[cfg(target_os = "linux")]
#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[cfg(target_os = "linux")]
use common::TestServer;

#[cfg(target_os = "linux")]
/// A collection of `count` GETs of `path` on `server`, without scripts.
fn collection(dir: &Path, server: &TestServer, path: &str, count: usize) -> std::path::PathBuf {
    let items: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            serde_json::json!({
                "name": format!("request {i}"),
                "request": {"method": "GET", "url": server.url(path)},
            })
        })
        .collect();
    let file = dir.join("busy.postman_collection.json");
    let body = serde_json::json!({
        "info": {"name": "busy", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
    });
    std::fs::write(&file, body.to_string()).unwrap();
    std::fs::create_dir_all(dir.join("schemas")).unwrap();
    std::fs::write(dir.join("schemas/index.json"), r#"{"statuses": {}}"#).unwrap();
    file
}

/// What a finished run of pmcheck cost.
#[cfg(target_os = "linux")]
#[derive(Debug)]
struct Usage {
    wall: Duration,
    cpu: Duration,
    /// Voluntary context switches: the times the process went to sleep.
    sleeps: i64,
}

#[cfg(target_os = "linux")]
/// Runs `pmcheck run FILE` against `server` with `extra` arguments; asserts that it passed.
fn run(file: &Path, server: &TestServer, extra: &[&str]) -> Usage {
    let started = Instant::now();
    #[expect(
        clippy::zombie_processes,
        reason = "reaped by wait4 below, which also gives its resource usage"
    )]
    let child = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(file)
        .args(["--target", &server.url(""), "--color", "off", "--schemas"])
        .arg(file.with_file_name("schemas"))
        .args(extra)
        .env_remove("PMCHECK_TARGET")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = i32::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 writes into it and the status.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not waited for elsewhere (`child` is not used again).
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(waited, pid);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{status}"
    );
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Usage {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        sleeps: usage.ru_nvcsw,
    }
}

/// Waiting for a fast target, with and without busy polling.
#[cfg(target_os = "linux")]
fn a_fast_target_is_waited_for_without_sleeping() -> bool {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    // Each answer takes a millisecond or two: far longer than pmcheck's own work after a
    // request is sent, so a wait always finds it not there yet.
    let file = collection(dir.path(), &server, "/slow/1", 200);
    let busy = run(&file, &server, &["--busy-poll", "200000"]);
    let asleep = run(&file, &server, &["--busy-poll", "0"]);
    println!("fast target, 200 requests: busy {busy:?}; asleep {asleep:?}");
    // Sleeping, each of the 200 waits is a sleep (but for a stall of the machine);
    // checking, nearly none is.
    expect(
        asleep.sleeps >= 150,
        "sleeping, nearly every wait is a sleep",
    ) & expect(busy.sleeps < 50, "checking, nearly no wait is a sleep")
}

/// Waiting for a slow target with the default limit.
#[cfg(target_os = "linux")]
fn a_slow_target_is_waited_for_asleep() -> bool {
    let server = TestServer::start_blocking();
    let dir = tempfile::tempdir().unwrap();
    // Each answer takes 20 ms, far over the default limit (200 µs).
    let file = collection(dir.path(), &server, "/slow/20", 40);
    let usage = run(&file, &server, &[]);
    println!("slow target, 40 requests: {usage:?}");
    // Checking for every answer until it came would cost about the wall time in CPU.
    expect(
        usage.wall >= Duration::from_millis(800),
        "each answer took 20 ms",
    ) & expect(usage.cpu < usage.wall / 4, "CPU well under the wall time")
        & expect(usage.sleeps >= 35, "nearly every wait is a sleep")
}

/// Prints whether `held` held.
#[cfg(target_os = "linux")]
fn expect(held: bool, what: &str) -> bool {
    println!("  {} {what}", if held { "ok  " } else { "FAIL" });
    held
}

#[cfg(target_os = "linux")]
fn main() -> std::process::ExitCode {
    // `cargo bench` passes `--bench`; nothing else is read.
    let fast = a_fast_target_is_waited_for_without_sleeping();
    let slow = a_slow_target_is_waited_for_asleep();
    if fast && slow {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}

#[cfg(not(target_os = "linux"))]
fn main() {
    eprintln!("busy_poll: measured through wait4, on Linux only");
}
