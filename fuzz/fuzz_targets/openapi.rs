//! Fuzz target: `pmcheck::fuzzing::openapi`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pmcheck::fuzzing::openapi(data));
