//! Fuzz target: `pmcheck::fuzzing::schema_map`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pmcheck::fuzzing::schema_map(data));
