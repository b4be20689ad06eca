//! Opening any supported workbook as plain grids of raw cells.
//!
//! This is the only place that knows about calamine and the csv crate; the
//! catalog, the unit list and the ward sheets are all read through it.

// `Problem` is the crate-wide error value and the contract of `grid::open`.
#![allow(clippy::result_large_err)]

use super::sniff::{Format, MAX_FILE_BYTES, password_problem, sniff};
use super::{csv, ods, xls_percent, xlsx};
use crate::check::{Kind, Problem};
use calamine::{Data, DataRef, Reader, Xls, Xlsb};
use std::io::Cursor;
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
    /// A formula whose result was never saved (the file was written by a
    /// program that does not calculate): its value is unknown, never empty.
    Uncalculated(String),
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
            Raw::Uncalculated(f) => format!("={f}"),
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
    /// Hidden or very hidden in the workbook.
    pub hidden: bool,
    /// Formula cells (row, column) whose saved result the workbook itself
    /// calls stale: it asks for a full recalculation on load
    /// (`fullCalcOnLoad`), so the saved figure may not be what Excel shows.
    pub recalc: std::collections::HashSet<(u32, u32)>,
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
    // Sheets are capped at Excel's size (SheetBuilder::push), so the
    // narrowing casts are exact.
    rust_xlsxwriter::utility::row_col_to_cell(row as u32, col as u16)
}

/// Most non-empty cells accepted in one sheet. A ward sheet holds a few
/// thousand; past this the file is not a data-entry sheet (or is hostile)
/// and reading it would only exhaust memory.
pub const MAX_CELLS: usize = 2_000_000;

/// Largest box (rows × columns) around the values of an xls sheet, which
/// calamine allocates densely (about 32 bytes a cell).
const MAX_XLS_AREA: u64 = 4_000_000;

/// Largest box around the values of all the sheets of an ods file together,
/// repeats expanded. calamine expands `number-rows-repeated` and
/// `number-columns-repeated` into cells, then into a dense range (about 100
/// bytes a cell at the peak), so a 1 KB file repeating one row a thousand
/// times would cost gigabytes: one million cells keeps any ods file under
/// about 100 MB, while a real ward sheet holds a few thousand.
pub const MAX_ODS_AREA: u64 = 1_000_000;

/// Open a workbook or csv file and return all its sheets in order.
///
/// `rel` is the path relative to the review folder, used in problems.
/// The real format is sniffed from the first bytes, not the extension.
/// Warnings (such as the encoding guessed for a csv file) are dropped; use
/// [`open_with_warnings`] to get them.
pub fn open(path: &Path, rel: &str) -> Result<Vec<Sheet>, Problem> {
    open_with_warnings(path, rel).map(|(sheets, _)| sheets)
}

/// [`open`], plus warnings about how the file was read (a csv file that
/// was not UTF-8 and was decoded as Windows-1258, …).
///
/// A damaged file can still make a parsing library panic (fuzzing found
/// one in calamine's OLE reader); such a panic is caught here and becomes a
/// problem on that file, so one broken workbook never stops a build.
pub fn open_with_warnings(path: &Path, rel: &str) -> Result<(Vec<Sheet>, Vec<Problem>), Problem> {
    GUARDED.with(|g| g.set(true));
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| open_unguarded(path, rel)));
    GUARDED.with(|g| g.set(false));
    result.unwrap_or_else(|_| Err(Problem::error(Kind::FileDamaged).file(rel)))
}

thread_local! {
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True while this thread is inside a guarded parse: a panic there is
/// caught and reported as a problem, so the panic hook need not print it.
pub fn in_guarded_parse() -> bool {
    GUARDED.with(|g| g.get())
}

fn open_unguarded(path: &Path, rel: &str) -> Result<(Vec<Sheet>, Vec<Problem>), Problem> {
    let too_big = || {
        Problem::error(Kind::FileTooLarge {
            mib: MAX_FILE_BYTES >> 20,
        })
        .file(rel)
    };
    let io = |e: std::io::Error| {
        Problem::error(Kind::CannotOpen {
            error: e.to_string(),
        })
        .file(rel)
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match sniff(&bytes, &ext, rel)? {
        Format::Xlsx => Ok((xlsx::read(&bytes, rel)?, Vec::new())),
        Format::Xlsb => {
            crate::ooxml::read::verify(&bytes, rel, &mut |_, _| {})?;
            Ok((xlsb_read(&bytes, rel)?, Vec::new()))
        }
        Format::Xls => Ok((xls_read(&bytes, rel)?, Vec::new())),
        Format::Ods => Ok((ods::read(&bytes, rel)?, Vec::new())),
        Format::Csv => csv::read(&bytes, rel),
    }
}

/// Builds a sheet from cells given in any order, keeping only non-empty
/// ones: the grid is as large as its last used cell, never as the
/// dimension a file claims, and trailing empty rows cost nothing.
pub(crate) struct SheetBuilder<'a> {
    rel: &'a str,
    sheet: Sheet,
    count: usize,
}

impl<'a> SheetBuilder<'a> {
    pub(crate) fn new(rel: &'a str, name: Option<String>) -> Self {
        SheetBuilder {
            rel,
            sheet: Sheet {
                name,
                ..Sheet::default()
            },
            count: 0,
        }
    }

    pub(crate) fn push(&mut self, row: u32, col: u32, raw: Raw) -> Result<(), Problem> {
        if raw.is_empty() {
            return Ok(());
        }
        self.count += 1;
        if self.count > MAX_CELLS || row >= 1_048_576 || col >= 16_384 {
            return Err(Problem::error(Kind::TooManyCells { max: MAX_CELLS })
                .file(self.rel)
                .sheet(self.sheet.name.clone()));
        }
        let (r, c) = (row as usize, col as usize);
        if self.sheet.rows.len() <= r {
            self.sheet.rows.resize_with(r + 1, Vec::new);
        }
        let cells = &mut self.sheet.rows[r];
        if cells.len() <= c {
            cells.resize(c + 1, Raw::Empty);
        }
        cells[c] = raw;
        Ok(())
    }

    pub(crate) fn finish(self) -> Sheet {
        self.sheet
    }

    /// Mark the sheet hidden (it is still read, and named in a warning).
    pub(crate) fn hidden(&mut self, hidden: bool) {
        self.sheet.hidden = hidden;
    }

    pub(crate) fn recalc(&mut self, cells: std::collections::HashSet<(u32, u32)>) {
        self.sheet.recalc = cells;
    }
}

/// True when an Excel number format shows the number as a percent: a `%`
/// outside quoted text, `[...]` sections and `\`-escaped characters.
pub fn is_percent_format(code: &str) -> bool {
    let mut chars = code.chars();
    let mut in_quote = false;
    let mut in_bracket = false;
    while let Some(ch) = chars.next() {
        match ch {
            '"' => in_quote = !in_quote,
            _ if in_quote => {}
            '[' => in_bracket = true,
            ']' => in_bracket = false,
            _ if in_bracket => {}
            '\\' | '_' | '*' => {
                chars.next();
            }
            '%' => return true,
            _ => {}
        }
    }
    false
}

/// Convert a calamine value. Dates become ISO text; text that is only
/// spaces counts as empty.
pub(crate) fn raw_of(data: &DataRef<'_>, percent: bool) -> Raw {
    match data {
        DataRef::Empty => Raw::Empty,
        DataRef::Int(i) => Raw::Number {
            value: *i as f64,
            percent,
        },
        DataRef::Float(f) => Raw::Number { value: *f, percent },
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Bool(b) => Raw::Bool(*b),
        DataRef::DateTime(dt) => {
            let (y, m, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if dt.is_duration() {
                Raw::Date(format!(
                    "{:02}:{:02}:{:02}",
                    dt.as_f64().trunc() as i64 * 24 + h as i64,
                    mi,
                    s
                ))
            } else if (h, mi, s) == (0, 0, 0) {
                Raw::Date(format!("{y:04}-{m:02}-{d:02}"))
            } else {
                Raw::Date(format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}"))
            }
        }
        DataRef::DateTimeIso(s) => Raw::Date(s.strip_suffix("T00:00:00").unwrap_or(s).to_string()),
        DataRef::DurationIso(s) => Raw::Date(s.clone()),
        DataRef::Error(e) => Raw::Error(e.to_string()),
    }
}

fn text(s: &str) -> Raw {
    if s.trim().is_empty() {
        Raw::Empty
    } else {
        Raw::Text(s.to_string())
    }
}

pub(crate) fn raw_of_data(data: &Data, percent: bool) -> Raw {
    match data {
        Data::Empty => Raw::Empty,
        Data::Int(i) => Raw::Number {
            value: *i as f64,
            percent,
        },
        Data::Float(f) => Raw::Number { value: *f, percent },
        Data::String(s) => text(s),
        Data::Bool(b) => Raw::Bool(*b),
        Data::DateTime(dt) => raw_of(&DataRef::DateTime(*dt), percent),
        Data::DateTimeIso(s) => raw_of(&DataRef::DateTimeIso(s.clone()), percent),
        Data::DurationIso(s) => Raw::Date(s.clone()),
        Data::Error(e) => Raw::Error(e.to_string()),
    }
}

/// A calamine error as a problem: password protection is named as such,
/// anything else is a damaged file, with calamine's words in English.
pub(crate) fn damaged(rel: &str, what: &str, err: impl std::fmt::Display) -> Problem {
    let err = err.to_string();
    if err.contains("password") {
        return password_problem(rel);
    }
    Problem::error(Kind::FormatDamaged {
        format: what.to_string(),
        error: err,
    })
    .file(rel)
}

fn xlsb_read(bytes: &[u8], rel: &str) -> Result<Vec<Sheet>, Problem> {
    let mut wb: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(|e| damaged(rel, "xlsb", e))?;
    let mut sheets = Vec::new();
    let meta = wb.sheets_metadata().to_vec();
    for name in wb.sheet_names() {
        let mut builder = SheetBuilder::new(rel, Some(name.clone()));
        builder.hidden(is_hidden(&meta, &name));
        let mut cells = wb
            .worksheet_cells_reader(&name)
            .map_err(|e| damaged(rel, "xlsb", e))?;
        // Number formats are not exposed for xlsb: percent cells read as
        // fractions (0.962) with `percent` false.
        while let Some(cell) = cells.next_cell().map_err(|e| damaged(rel, "xlsb", e))? {
            let (r, c) = cell.get_position();
            builder.push(r, c, raw_of(cell.get_value(), false))?;
        }
        sheets.push(builder.finish());
    }
    Ok(sheets)
}

/// A sheet whose box around its values is too large to allocate.
pub(crate) fn too_spread(rel: &str, sheet: &str, area: u64) -> Problem {
    Problem::error(Kind::TooSpread { area })
        .file(rel)
        .sheet(Some(sheet))
}

fn xls_read(bytes: &[u8], rel: &str) -> Result<Vec<Sheet>, Problem> {
    // calamine allocates the box around each sheet's values densely, and
    // does so for every sheet inside `Xls::new` (a 7 KB file found by the
    // `workbook` fuzzer asked for 2.1 GB): refuse a sheet whose box is
    // absurd before calamine sees the file.
    let info = xls_percent::analyse(bytes);
    if let Some((name, area)) = info.as_ref().and_then(|i| {
        i.area
            .iter()
            .filter(|(_, a)| **a > MAX_XLS_AREA)
            .min_by(|a, b| a.0.cmp(b.0))
    }) {
        return Err(too_spread(rel, name, *area));
    }
    let mut wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| damaged(rel, "xls", e))?;
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| damaged(rel, "xls", e))?;
        let marks = info.as_ref().and_then(|i| i.percent.get(&name));
        let hidden = is_hidden(wb.sheets_metadata(), &name);
        let mut b = from_range(rel, name, &range, &|r, c| {
            marks.is_some_and(|m| m.contains(&(r, c)))
        })?;
        b.hidden(hidden);
        sheets.push(b.finish());
    }
    Ok(sheets)
}

/// A calamine range (relative coordinates) as an absolute sheet; `percent`
/// lists absolute cells shown as percents.
pub(crate) fn from_range<'a>(
    rel: &'a str,
    name: String,
    range: &calamine::Range<Data>,
    percent: &dyn Fn(u32, u32) -> bool,
) -> Result<SheetBuilder<'a>, Problem> {
    let mut builder = SheetBuilder::new(rel, Some(name));
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, data) in range.used_cells() {
        let (r, c) = (r0 + r as u32, c0 + c as u32);
        builder.push(r, c, raw_of_data(data, percent(r, c)))?;
    }
    Ok(builder)
}

/// True when calamine's sheet metadata calls `name` hidden or very hidden.
pub(crate) fn is_hidden(meta: &[calamine::Sheet], name: &str) -> bool {
    meta.iter()
        .any(|s| s.name == name && s.visible != calamine::SheetVisible::Visible)
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
