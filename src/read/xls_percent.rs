//! Percent-formatted cells of a legacy .xls workbook.
//!
//! calamine does not expose xls number formats. Placeholder until the BIFF
//! pass lands: no cell is known to be a percent.

use std::collections::HashSet;

/// Positions of percent-formatted number cells, one set per worksheet in
/// workbook order; `None` when the file could not be analysed.
pub(crate) fn percent_cells(bytes: &[u8]) -> Option<Vec<HashSet<(u32, u32)>>> {
    let _ = bytes;
    None
}
