//! The physical baseline of `bench/compare-newman.sh`: N sequential GET requests with one
//! reqwest client (connection reuse, body read), then the wall time.
//!
//! `cargo run --release --example reqwest_loop -- URL N [current|multi|busy]` prints
//! `requests=N wall_ms=… per_request_us=…`. The loop runs on a single-threaded tokio
//! runtime (`current`, the default: the fastest way to drive one sequential loop, the
//! connection living on the same thread), on the multi-threaded one that `#[tokio::main]`
//! gives (`multi`), or on the single-threaded one checking for each answer in a loop
//! instead of sleeping (`busy`), as `pmcheck run --busy-poll` waits.

use std::process::ExitCode;
use std::task::Poll;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(url), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: reqwest_loop URL N [current|multi|busy]");
        return ExitCode::from(2);
    };
    let mode = args.next();
    let busy = mode.as_deref() == Some("busy");
    let mut builder = match mode.as_deref() {
        None | Some("current" | "busy") => tokio::runtime::Builder::new_current_thread(),
        Some("multi") => tokio::runtime::Builder::new_multi_thread(),
        Some(other) => {
            eprintln!("the runtime is current, multi or busy, got {other:?}");
            return ExitCode::from(2);
        }
    };
    let Ok(count) = count.parse::<u32>() else {
        eprintln!("N must be a whole number, got {count:?}");
        return ExitCode::from(2);
    };
    let runtime = match builder.enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    // reqwest is built without a default crypto provider (pmcheck installs ring, its one
    // provider); the loop does the same, or building the client panics. Err only when one
    // is already installed.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let result = runtime.block_on(async {
        let client = reqwest::Client::builder().build()?;
        let started = Instant::now();
        for _ in 0..count {
            let mut sending = std::pin::pin!(client.get(&url).send());
            let response = if busy {
                loop {
                    let polled =
                        std::future::poll_fn(|cx| Poll::Ready(sending.as_mut().poll(cx))).await;
                    if let Poll::Ready(response) = polled {
                        break response?;
                    }
                    tokio::task::yield_now().await;
                }
            } else {
                sending.await?
            };
            let status = response.status();
            let body = response.bytes().await?;
            std::hint::black_box((status, body));
        }
        Ok::<_, reqwest::Error>(started.elapsed())
    });
    match result {
        Ok(wall) => {
            let per = wall.as_secs_f64() * 1e6 / f64::from(count.max(1));
            println!(
                "requests={count} wall_ms={:.1} per_request_us={per:.1}",
                wall.as_secs_f64() * 1e3
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("request failed: {e}");
            ExitCode::FAILURE
        }
    }
}
