//! Reading ward workbooks into [`Submission`]s.
//!
//! A ward file may be xlsx, xlsm, xlsb, xls, ods (calamine) or csv (csv
//! crate). Every value keeps its [`Source`] so that each figure in the report
//! can be traced back to a ward cell.

use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a value came from (defined beside [`crate::check::Problem`],
/// which is located by it, so that problems do not depend on reading).
pub use crate::check::Source;

/// A cell's meaning once parsed. Empty cells are never represented: a
/// missing value is simply absent from [`Submission::values`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kieu", rename_all = "snake_case")]
pub enum CellValue {
    /// A plain number. For `%` indicators it is in percent (96.2, not 0.962).
    Number { so: Decimal },
    /// `26/27`: numerator and denominator as typed.
    Fraction { tu: Decimal, mau: Decimal },
    /// `Đạt`, `Có`, `x`, `✓` → true; `Chưa đạt`, `Không` → false.
    YesNo { dat: bool },
}

/// One value with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Value {
    pub value: CellValue,
    pub source: Source,
}

/// A year column of a ward sheet: `2020`, `Năm 2021`, `Ước 2023`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct YearColumn {
    pub year: i32,
    /// True when headed `Ước …` (an estimate).
    pub uoc: bool,
}

/// Who a workbook reports for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Reporter {
    /// Index into `Review::units`.
    Unit(usize),
    /// The district's own workbook (`so_lieu.ten_don_vi`).
    District,
}

/// What one file in `so-lieu/` says.
#[derive(Debug, Clone, Serialize)]
pub struct Submission {
    /// Path relative to the review folder (`so-lieu/buoi.xlsx`).
    pub file: String,
    /// The data sheet (the first sheet with a `Mã` header); `None` for csv.
    pub sheet: Option<String>,
    /// The name found on the `Đơn vị: …` line, if any.
    pub named_as: Option<String>,
    pub reporter: Reporter,
    /// Year columns in sheet order.
    pub years: Vec<YearColumn>,
    /// (indicator code as in the catalog, year) → value.
    pub values: BTreeMap<(String, i32), Value>,
    /// Where each code's row and each year's column are, so that a cell
    /// left empty can be named too.
    #[serde(skip)]
    pub layout: Layout,
    /// Month, quarter and cumulative columns, and plan columns.
    #[serde(skip)]
    pub ky: period::Cells,
}

/// Rows of the codes and columns of the years in a ward sheet (0-based).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub rows: BTreeMap<String, usize>,
    pub cols: BTreeMap<i32, usize>,
    /// A roll-up's child: values are named by their path in its
    /// `ket-qua.json` (`ct.GD01.nam.2022`), not by a cell.
    pub json_paths: bool,
}

impl Submission {
    pub fn get(&self, code: &str, year: i32) -> Option<&Value> {
        self.values.get(&(code.to_string(), year))
    }
    /// The cell of `code` in `year`, whether it holds a value or not; the
    /// file (and sheet) alone when the sheet has no row for the code.
    pub fn source_of(&self, code: &str, year: i32) -> Source {
        self.source_at(code, self.layout.cols.get(&year), || format!("nam.{year}"))
    }
    /// The source of `code` in column `col`, or in a json file at
    /// `ct.<code>.<path>`.
    fn source_at(&self, code: &str, col: Option<&usize>, path: impl FnOnce() -> String) -> Source {
        let cell = match (self.layout.rows.get(code), col) {
            _ if self.layout.json_paths => Some(format!("ct.{code}.{}", path())),
            (Some(&r), Some(&c)) => Some(crate::workbook::grid::cell_ref(r, c)),
            _ => None,
        };
        Source {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            cell,
        }
    }
    pub fn is_estimate(&self, year: i32) -> bool {
        self.years.iter().any(|y| y.year == year && y.uoc)
    }
    /// The value of `code` in a column: a whole year is a year column.
    pub fn cell(&self, code: &str, col: period::Col) -> Option<&Value> {
        match col {
            period::Col::Ky(p) if p.is_year() => self.get(code, p.year),
            period::Col::Ky(p) => self.ky.values.get(&(code.to_string(), p)),
            period::Col::KeHoach(y) => self.ky.plans.get(&(code.to_string(), y)),
        }
    }
    /// [`Submission::source_of`] for any column.
    pub fn source_of_col(&self, code: &str, col: period::Col) -> Source {
        let c = match col {
            period::Col::Ky(p) if p.is_year() => return self.source_of(code, p.year),
            period::Col::Ky(p) => self.ky.cols.get(&p),
            period::Col::KeHoach(y) => self.ky.plan_cols.get(&y),
        };
        self.source_at(code, c, || col.json_path())
    }
    /// Whether the column of `col` is headed as an estimate (`Ước`).
    pub fn is_estimate_col(&self, col: period::Col) -> bool {
        match col {
            period::Col::Ky(p) if p.is_year() => self.is_estimate(p.year),
            period::Col::Ky(p) => self.ky.columns.iter().any(|(q, uoc)| *q == p && *uoc),
            period::Col::KeHoach(_) => false,
        }
    }
}

pub mod period;
mod sheets;
pub mod template;
mod value;
pub mod ward;
