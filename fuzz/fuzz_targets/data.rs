//! Fuzz target: `pmcheck::fuzzing::data`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pmcheck::fuzzing::data(data));
