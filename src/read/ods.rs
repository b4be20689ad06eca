//! OpenDocument spreadsheets (LibreOffice, WPS).
//!
//! calamine reads the values (and trims repeated empty rows itself, with a
//! cell cap) but drops the value type, so a 96,2% cell arrives as 0.962.
//! A second light pass over `content.xml` collects the positions of cells
//! whose `office:value-type` is `percentage`.

// `Problem` is the crate-wide error value and the contract of `grid::open`.
#![allow(clippy::result_large_err)]

use super::grid::{Raw, Sheet, damaged, from_range};
use super::sniff::password_problem;
use crate::check::Problem;
use calamine::{Ods, OdsError, Reader};
use quick_xml::events::Event;
use std::collections::HashSet;
use std::io::{BufReader, Cursor};

pub(crate) fn read(bytes: &[u8], rel: &str) -> Result<Vec<Sheet>, Problem> {
    let mut wb: Ods<_> = match Ods::new(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(OdsError::Password) => return Err(password_problem(rel)),
        Err(e) => return Err(damaged(rel, "ODS", e)),
    };
    let percent = percent_cells(bytes).unwrap_or_default();
    let mut sheets = Vec::new();
    for (i, name) in wb.sheet_names().into_iter().enumerate() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| damaged(rel, "ODS", e))?;
        let mut sheet = from_range(rel, name, &range, percent.get(i))?;
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

/// Positions (absolute row, column) of percentage cells, one set per table.
fn percent_cells(bytes: &[u8]) -> Option<Vec<HashSet<(u32, u32)>>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let file = zip.by_name("content.xml").ok()?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(file));
    let mut buf = Vec::new();
    let mut tables: Vec<HashSet<(u32, u32)>> = Vec::new();
    let (mut row, mut col, mut row_rep) = (0u32, 0u32, 1u32);
    let attr = |e: &quick_xml::events::BytesStart<'_>, key: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .map(|a| a.value.to_string())
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
                tables.push(HashSet::new());
                row = 0;
            }
            "table:table-row" => {
                col = 0;
                row_rep = attr(e, "table:number-rows-repeated")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1);
                if empty {
                    row = row.saturating_add(row_rep);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let rep: u32 = attr(e, "table:number-columns-repeated")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1);
                if attr(e, "office:value-type").as_deref() == Some("percentage")
                    && let Some(set) = tables.last_mut()
                {
                    for dr in 0..row_rep.min(1000) {
                        for dc in 0..rep.min(1000) {
                            set.insert((row + dr, col + dc));
                        }
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
