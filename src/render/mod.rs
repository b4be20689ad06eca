//! Rendering: template context, Word, Excel and JSON outputs.
pub mod annex;
pub mod entry;
pub mod xlsx_template;
