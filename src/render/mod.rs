//! Rendering: template context, Word, Excel and JSON outputs.
<<<<<<< HEAD
pub mod env;
pub mod filters;

pub use env::{environment, flatten};
pub mod context;
=======
pub mod builtin;
>>>>>>> h/builtin
