//! Fuzz target: `pmcheck::fuzzing::template`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pmcheck::fuzzing::template(data));
