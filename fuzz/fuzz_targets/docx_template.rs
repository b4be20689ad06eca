//! Word templates: a document body with Jinja tags → a rendered .docx whose
//! XML is well-formed (when the template's is), or located errors; never a
//! panic, never an endless loop (fuel).
#![no_main]

#[path = "../../tests/bad_support/fuzz_checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::docx_template(data));
