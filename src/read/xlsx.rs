//! xlsx / xlsm through calamine's streaming cell reader.
//!
//! `worksheet_range` allocates the whole claimed rectangle densely, so a
//! sheet whose last formatted cell sits on row 1,048,576 would ask for
//! gigabytes (calamine #428, #593). The streaming reader hands over one
//! cell at a time with its style id, which gives both a sparse grid and the
//! number format needed to know that 0.962 was shown as 96,2%.

// `Problem` is the crate-wide error value and the contract of `grid::open`.
#![allow(clippy::result_large_err)]

use super::grid::{SheetBuilder, damaged, is_percent_format, raw_of};
use super::sniff::password_problem;
use crate::check::Problem;
use crate::read::grid::Sheet;
use calamine::{Reader, Xlsx, XlsxError};
use std::io::Cursor;

pub(crate) fn read(bytes: &[u8], rel: &str) -> Result<Vec<Sheet>, Problem> {
    let mut wb: Xlsx<_> = match Xlsx::new(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(XlsxError::Password) => return Err(password_problem(rel)),
        Err(e) => return Err(damaged(rel, "Excel", e)),
    };
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let mut cells = match wb.worksheet_cells_reader(&name) {
            Ok(c) => c,
            // Chart sheets and dialog sheets hold no cells.
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(damaged(rel, "Excel", e)),
        };
        let percent: Vec<bool> = cells
            .styles()
            .iter()
            .map(|s| {
                s.number_format
                    .as_ref()
                    .is_some_and(|f| is_percent_format(&f.format_code))
            })
            .collect();
        let mut builder = SheetBuilder::new(rel, Some(name.clone()));
        while let Some((cell, style)) = cells
            .next_cell_with_style_id()
            .map_err(|e| damaged(rel, "Excel", e))?
        {
            let (r, c) = cell.get_position();
            let pct = percent.get(style).copied().unwrap_or(false);
            builder.push(r, c, raw_of(cell.get_value(), pct))?;
        }
        sheets.push(builder.finish());
    }
    Ok(sheets)
}
