//! Fuzz target: `pmcheck::fuzzing::variables`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pmcheck::fuzzing::variables(data));
