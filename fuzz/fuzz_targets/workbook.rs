//! Ward workbooks: bytes (or one part of a valid xlsx/ods) → sheets or a
//! problem, never a panic, under every extension.
#![no_main]

#[path = "../../tests/bad_support/fuzz_checks.rs"]
mod checks;

use std::sync::OnceLock;

static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let dir = DIR.get_or_init(|| tempfile::tempdir().unwrap());
    checks::workbook(dir.path(), data);
});
