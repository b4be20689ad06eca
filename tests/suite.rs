//! The integration tests, built as one binary: one link of the library
//! instead of one per file keeps a clean build small and quick (forty
//! binaries of the whole crate filled the CI machine's disk). Each file is
//! a module; run one with `cargo test --all-features --test suite NAME::`.
//! tests/bad_inputs.rs and tests/ods_bomb.rs are binaries of their own:
//! they measure their process's peak memory, which must be theirs alone.

// Helpers the test modules share.
mod docx_support;
mod figures_support;
mod fs_support;
mod init_support;
mod parity;
mod read_common;
mod xlsx_support;

// The tests, one module per file. The dev-feature ones drive the sample
// generators (`--features dev`).
mod build_summary;
#[cfg(feature = "dev")]
mod builtin_template;
mod check_json;
mod clerk_first_hour;
mod cli_help;
mod cli_render;
mod context_parts;
mod docx_docxtpl_forms;
mod docx_errors;
mod docx_parity;
mod docx_prepared;
mod docx_render;
#[cfg(feature = "dev")]
mod e2e_batch;
mod e2e_build;
mod figures_aggregate;
mod figures_context;
mod figures_evaluate;
mod figures_period;
mod figures_rounding;
mod figures_trust;
mod filter_errors;
#[cfg(feature = "dev")]
mod incremental;
mod init_periodic;
mod layers;
mod outputs;
mod read_grid;
mod read_period;
mod read_ward;
mod report_look;
#[cfg(feature = "dev")]
mod report_periodic;
#[cfg(feature = "dev")]
mod report_yearly;
mod rollup;
mod sample_init;
mod sample_seeds;
mod sample_tay_ho;
mod suggest_everywhere;
mod units_2025;
mod xlsx_annex;
mod xlsx_entry;
mod xlsx_libreoffice;
mod xlsx_template;
