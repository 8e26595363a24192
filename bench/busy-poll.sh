#!/usr/bin/env bash
# Measures what --busy-poll does to the pmcheck process (voluntary context switches, CPU
# and wall time, from wait4) against a fast and a slow local target, and exits 1 when a
# figure is not as expected. The figures depend on the machine, so this is a benchmark
# run by hand, not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --quiet --bench busy_poll
