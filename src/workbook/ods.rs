//! OpenDocument spreadsheets (LibreOffice, WPS).
//!
//! calamine reads the values (and trims repeated empty rows itself, with a
//! cell cap) but drops the value type, so a 96,2% cell arrives as 0.962.
//! A second light pass over `content.xml` collects the positions of cells
//! whose `office:value-type` is `percentage`.

// `Problem` is the crate-wide error value and the contract of `grid::open`.
#![allow(clippy::result_large_err)]

use super::grid::{MAX_ODS_AREA, Raw, Sheet, damaged, from_range, is_hidden, too_spread};
use super::sniff::password_problem;
use crate::check::Problem;
use calamine::{Ods, OdsError, Reader};
use quick_xml::events::Event;
use std::io::{BufReader, Cursor};

pub(crate) fn read(bytes: &[u8], rel: &str) -> Result<Vec<Sheet>, Problem> {
    // One pass over the package verifies every part and measures the
    // tables in content.xml, before calamine expands a single repeat.
    let mut tables = None;
    crate::ooxml::read::verify(bytes, rel, &mut |name, part| {
        if name == "content.xml" {
            tables = scan(part);
        }
    })?;
    let tables = tables.unwrap_or_default();
    let mut total: u64 = 0;
    for t in &tables {
        total = total.saturating_add(t.area());
        if total > MAX_ODS_AREA {
            return Err(too_spread(rel, &t.name, t.area()));
        }
    }
    let mut wb: Ods<_> = match Ods::new(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(OdsError::Password) => return Err(password_problem(rel)),
        Err(e) => return Err(damaged(rel, "ODS", e)),
    };
    let visibility = wb.sheets_metadata().to_vec();
    let mut sheets = Vec::new();
    for (i, name) in wb.sheet_names().into_iter().enumerate() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| damaged(rel, "ODS", e))?;
        let table = tables.get(i);
        let hidden = is_hidden(&visibility, &name);
        let mut builder = from_range(rel, name, &range, &|r, c| {
            table.is_some_and(|t| t.is_percent(r, c))
        })?;
        builder.hidden(hidden);
        for &(r, c) in table.map(|t| t.uncached.as_slice()).unwrap_or_default() {
            builder.push(r, c, Raw::Uncalculated(String::new()))?;
        }
        let mut sheet = builder.finish();
        // ODS error cells come back as their displayed text.
        for row in &mut sheet.rows {
            for cell in row.iter_mut() {
                if let Raw::Text(t) = cell
                    && is_error_text(t)
                {
                    *cell = Raw::Error(t.trim().to_string());
                }
            }
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn is_error_text(t: &str) -> bool {
    let t = t.trim();
    matches!(
        t,
        "#DIV/0!" | "#N/A" | "#NAME?" | "#NULL!" | "#NUM!" | "#REF!" | "#VALUE!"
    ) || t
        .strip_prefix("Err:")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// What one `table:table` of content.xml holds, repeats counted.
#[derive(Debug, Default)]
struct Table {
    name: String,
    /// One past the last row and column holding a filled cell.
    rows: u64,
    cols: u64,
    /// Blocks of percentage cells: (first row, rows, first column, columns).
    percent: Vec<(u32, u32, u32, u32)>,
    /// Formula cells with no saved value (the first of a repeated block).
    uncached: Vec<(u32, u32)>,
}

impl Table {
    /// The cells calamine will allocate for this table.
    fn area(&self) -> u64 {
        self.rows.saturating_mul(self.cols)
    }
    fn is_percent(&self, r: u32, c: u32) -> bool {
        self.percent
            .iter()
            .any(|&(r0, nr, c0, nc)| r >= r0 && r - r0 < nr && c >= c0 && c - c0 < nc)
    }
}

/// Measure every table of content.xml without expanding any repeat: the
/// box around its filled cells, its percentage cells and its formulas
/// without a saved value. `None` when the part is not XML.
fn scan(part: &mut dyn std::io::Read) -> Option<Vec<Table>> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let (mut row, mut col, mut row_rep) = (0u64, 0u64, 1u64);
    let attr = |e: &quick_xml::events::BytesStart<'_>, key: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .map(|a| a.value.to_string())
    };
    let count = |v: Option<String>| -> u64 {
        v.and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    loop {
        let ev = reader.read_event_into(&mut buf).ok()?;
        let (e, empty) = match &ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                if e.name().as_ref() == "table:table-row" {
                    row = row.saturating_add(row_rep);
                }
                buf.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.name().as_ref() {
            "table:table" if !empty => {
                tables.push(Table {
                    name: attr(e, "table:name").unwrap_or_default(),
                    ..Table::default()
                });
                row = 0;
            }
            "table:table-row" => {
                col = 0;
                row_rep = count(attr(e, "table:number-rows-repeated"));
                if empty {
                    row = row.saturating_add(row_rep);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let rep = count(attr(e, "table:number-columns-repeated"));
                let kind = attr(e, "office:value-type");
                // A cell with a value or with content (text) is filled.
                if (kind.is_some() || !empty)
                    && let Some(t) = tables.last_mut()
                {
                    t.rows = t.rows.max(row.saturating_add(row_rep));
                    t.cols = t.cols.max(col.saturating_add(rep));
                    let at = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
                    if kind.as_deref() == Some("percentage") {
                        t.percent.push((at(row), at(row_rep), at(col), at(rep)));
                    }
                    if kind.is_none() && attr(e, "table:formula").is_some() {
                        t.uncached.push((at(row), at(col)));
                    }
                }
                col = col.saturating_add(rep);
            }
            _ => {}
        }
        buf.clear();
    }
    Some(tables)
}
