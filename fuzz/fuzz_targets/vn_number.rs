//! Vietnamese number parsing: never panics; what parses prints back.
#![no_main]

#[path = "../../tests/bad_support/fuzz_checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::vn_number(data));
