//! Rendering: template context, Word, Excel and JSON outputs.
pub mod env;
pub mod filters;

pub use env::{environment, flatten};
pub mod context;
