//! Rendering: template context, Word, Excel and JSON outputs.
pub mod annex;
#[cfg(feature = "dev")]
pub mod builtin;
pub mod builtin_xlsx;
mod cell_height;
pub mod context;
pub mod docx;
pub mod entry;
pub mod env;
pub mod filters;
pub mod view;
pub mod xlsx_template;

pub use env::{environment, flatten};
pub use view::view;
