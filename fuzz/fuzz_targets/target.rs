//! Target expressions of the catalog (`>= 95%`, `8/8`): never panic; a
//! parsed target shows as text that parses to the same target.
#![no_main]

#[path = "../../tests/bad_support/fuzz_checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::target(data));
