//! Rendering: template context, Word, Excel and JSON outputs.

pub mod docx;
