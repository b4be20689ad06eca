//! The package layer: CRC-32, duplicate part names, truncated central
//! directories. Mutations of a valid xlsx (or any bytes) → `verify` refuses
//! or every part it accepts is a part of the original; never a panic.
#![no_main]

#[path = "../../tests/bad_support/fuzz_checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::package(data);
});
