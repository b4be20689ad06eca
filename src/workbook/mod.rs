//! Any spreadsheet file into a grid of raw cells, whatever its format.
//!
//! xlsx, xlsm, xlsb, xls and ods through calamine, csv through the csv
//! crate, one file per format behind [`grid::open`]: the format is sniffed
//! from the bytes (not the extension), the file's size and its packages'
//! parts are bounded and verified, and each format's quirks (percent
//! formats calamine does not expose, hidden sheets, repeated ods cells)
//! are settled here, so that the layers above — the catalog and unit list
//! of [`crate::review`], the unit sheets of [`crate::read`] — see one
//! [`grid::Sheet`] of [`grid::Raw`] cells and never a file format.

mod csv;
pub mod grid;
mod ods;
pub mod sniff;
mod xls_percent;
mod xlsx;

/// The extensions of files that hold figures (in `so-lieu/`, and the
/// catalog and unit list).
pub const DATA_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv"];
