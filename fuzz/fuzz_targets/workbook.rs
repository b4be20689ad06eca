//! Ward workbooks: bytes (or one part of a valid xlsx/ods) → sheets or a
//! problem, never a panic, under every extension.
#![no_main]

#[path = "../../tests/bad_support/fuzz_checks.rs"]
mod checks;

use std::sync::OnceLock;

static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let dir = DIR.get_or_init(|| {
        // `workbook::grid` catches panics of the parsing libraries (calamine
        // panics on some damaged xls files) and reports the file as
        // damaged. libfuzzer-sys's hook would abort on those caught panics
        // too; a quiet hook lets them be handled, while a panic that
        // escapes `grid::open` still aborts (libfuzzer-sys checks for it).
        std::panic::set_hook(Box::new(|_| {}));
        tempfile::tempdir().unwrap()
    });
    checks::workbook(dir.path(), data);
});
