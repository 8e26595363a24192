//! The physical baseline of `bench/compare-newman.sh`: N sequential GET requests with one
//! reqwest client (connection reuse, body read), then the wall time.
//!
//! `cargo run --release --example reqwest_loop -- URL N` prints
//! `requests=N wall_ms=… per_request_us=…`.

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(url), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: reqwest_loop URL N");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<u32>() else {
        eprintln!("N must be a whole number, got {count:?}");
        return ExitCode::from(2);
    };
    // The fastest way to drive one sequential loop: a single-threaded runtime, on which
    // the connection lives too.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        let client = reqwest::Client::builder().build()?;
        let started = Instant::now();
        for _ in 0..count {
            let response = client.get(&url).send().await?;
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
