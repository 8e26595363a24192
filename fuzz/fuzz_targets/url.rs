//! Fuzz target: `pmcheck::fuzzing::url`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pmcheck::fuzzing::url(data));
