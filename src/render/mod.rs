//! Rendering: template context, Word, Excel and JSON outputs.
pub mod filters;
pub mod env;

pub use env::{environment, flatten};
