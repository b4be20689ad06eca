//! soket: the mid-term review (sơ kết) report compiler.
//!
//! Data flows one way: the review folder is [`review::load`]ed, ward files
//! are [`read`] into submissions, [`figures`] aggregates and evaluates them,
//! and [`render`] fills the Word report, the Excel annex and `ket-qua.json`
//! from one template context.

// Problems carry both languages and their location; they are large by design
// and rare, so returning them by value is fine.
#![allow(clippy::result_large_err)]

pub mod batch;
pub mod check;
pub mod cli;
pub mod cli_text;
pub mod figures;
pub mod init;
pub mod manifest;
pub mod ooxml;
pub mod output;
pub mod pipeline;
pub mod read;
pub mod render;
pub mod review;
pub mod rollup;
pub mod status;
pub mod suggest;
#[doc(hidden)]
#[cfg(feature = "dev")]
pub mod synth;
pub mod units2025;
pub mod vars;
pub mod vn;
pub mod watch;
pub mod workbook;
