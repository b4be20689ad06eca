//! Rendering: template context, Word, Excel and JSON outputs.
pub mod builtin;
pub mod context;
pub mod env;
pub mod filters;

pub use env::{environment, flatten};
