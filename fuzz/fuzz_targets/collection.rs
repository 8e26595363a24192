//! Fuzz target: `pmcheck::fuzzing::collection`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pmcheck::fuzzing::collection(data));
