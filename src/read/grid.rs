//! Opening any supported workbook as plain grids of raw cells.
//!
//! This is the only place that knows about calamine and the csv crate; the
//! catalog, the unit list and the ward sheets are all read through it.

use crate::check::Problem;
use std::path::Path;

/// A cell as stored in the file, before any Vietnamese interpretation.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Empty,
    Text(String),
    /// A stored number; `percent` is true when its number format shows it
    /// as a percent (Excel stores 96,2% as 0.962).
    Number {
        value: f64,
        percent: bool,
    },
    Bool(bool),
    /// A date or time cell, as ISO text ("2023-04-07").
    Date(String),
    /// An error value such as `#DIV/0!` or `#REF!`.
    Error(String),
}

impl Raw {
    pub fn is_empty(&self) -> bool {
        match self {
            Raw::Empty => true,
            Raw::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
    /// The cell as text, for headers and names ("" when empty).
    pub fn text(&self) -> String {
        match self {
            Raw::Empty => String::new(),
            Raw::Text(t) => t.trim().to_string(),
            Raw::Number { value, .. } => {
                if value.fract() == 0.0 && value.abs() < 1e15 {
                    format!("{}", *value as i64)
                } else {
                    format!("{value}")
                }
            }
            Raw::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Raw::Date(d) => d.clone(),
            Raw::Error(e) => e.clone(),
        }
    }
}

/// One sheet. `rows[r][c]` is the cell at absolute 0-based row `r`, column
/// `c` (so `rows[6][3]` is D7); rows may be shorter than others.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// `None` for csv files.
    pub name: Option<String>,
    pub rows: Vec<Vec<Raw>>,
}

impl Sheet {
    pub fn get(&self, row: usize, col: usize) -> &Raw {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Raw::Empty)
    }
}

/// A1-style reference of a 0-based cell: (6, 3) → "D7".
pub fn cell_ref(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(b'A' + rem as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8(letters).unwrap_or_default(),
        row + 1
    )
}

/// Open a workbook or csv file and return all its sheets in order.
///
/// `rel` is the path relative to the review folder, used in problems.
/// The real format is sniffed from the first bytes, not the extension.
pub fn open(path: &Path, rel: &str) -> Result<Vec<Sheet>, Problem> {
    let _ = (path, rel);
    todo!("read::grid::open")
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(6, 3), "D7");
        assert_eq!(cell_ref(0, 25), "Z1");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(9, 701), "ZZ10");
        assert_eq!(cell_ref(0, 702), "AAA1");
    }
}
