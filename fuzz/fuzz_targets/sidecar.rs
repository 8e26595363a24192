//! Fuzz target: `pmcheck::fuzzing::sidecar`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pmcheck::fuzzing::sidecar(data));
