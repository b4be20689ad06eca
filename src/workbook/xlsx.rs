//! xlsx / xlsm through calamine's streaming cell reader.
//!
//! `worksheet_range` allocates the whole claimed rectangle densely, so a
//! sheet whose last formatted cell sits on row 1,048,576 would ask for
//! gigabytes (calamine #428, #593). The streaming reader hands over one
//! cell at a time with its style id, which gives both a sparse grid and the
//! number format needed to know that 0.962 was shown as 96,2%.
//!
//! Before calamine sees the file, the package is verified part by part
//! (`ooxml::read::verify`); the same pass notes what calamine does not say:
//! formula cells saved without a result (calamine reads them as empty), and
//! formula cells whose saved result the workbook itself asks Excel to
//! recalculate on load (`fullCalcOnLoad`).

// `Problem` is the crate-wide error value and the contract of `grid::open`.
#![allow(clippy::result_large_err)]

use super::grid::{Raw, SheetBuilder, damaged, is_hidden, is_percent_format, raw_of};
use super::sniff::password_problem;
use crate::check::Problem;
use crate::workbook::grid::Sheet;
use calamine::{Reader, Xlsx, XlsxError};
use quick_xml::events::Event;
use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Cursor, Read};

/// Formula cells of one worksheet part, 0-based (row, column).
#[derive(Default)]
struct Formulas {
    /// No saved result: (row, column, formula text).
    uncached: Vec<(u32, u32, String)>,
    /// A saved result.
    cached: HashSet<(u32, u32)>,
}

/// What the verifying pass learnt about the workbook.
#[derive(Default)]
struct Meta {
    full_calc: bool,
    /// Sheet name → relationship id, from `xl/workbook.xml`.
    sheets: HashMap<String, String>,
    /// Relationship id → part name, from `xl/_rels/workbook.xml.rels`.
    targets: HashMap<String, String>,
    /// Part name → its formula cells.
    formulas: HashMap<String, Formulas>,
}

impl Meta {
    fn inspect(&mut self, name: &str, part: &mut dyn Read) {
        let lower = name.to_ascii_lowercase();
        if lower == "xl/workbook.xml" {
            self.workbook(part);
        } else if lower == "xl/_rels/workbook.xml.rels" {
            self.rels(part);
        } else if lower.starts_with("xl/worksheets/") && lower.ends_with(".xml") {
            self.formulas.insert(lower, formulas(part));
        }
    }

    fn workbook(&mut self, part: &mut dyn Read) {
        each_element(part, &mut |local, attr| match local {
            "calcPr" => {
                self.full_calc = matches!(attr("fullCalcOnLoad").as_deref(), Some("1" | "true"));
            }
            "sheet" => {
                if let (Some(n), Some(id)) = (attr("name"), attr("id")) {
                    self.sheets.insert(n, id);
                }
            }
            _ => {}
        });
    }

    fn rels(&mut self, part: &mut dyn Read) {
        each_element(part, &mut |local, attr| {
            if local == "Relationship"
                && let (Some(id), Some(t)) = (attr("Id"), attr("Target"))
            {
                // "worksheets/sheet1.xml" is relative to xl/; "/xl/…" is absolute.
                let part = match t.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("xl/{t}"),
                };
                self.targets.insert(id, part.to_ascii_lowercase());
            }
        });
    }

    fn of_sheet(&mut self, sheet: &str) -> Option<Formulas> {
        let part = self.targets.get(self.sheets.get(sheet)?)?;
        self.formulas.remove(part)
    }
}

/// Call `f` with the local name and an attribute getter (by local name) of
/// every start or empty element of an XML part.
/// An attribute's unescaped value, by local name.
type Attr<'a> = &'a dyn Fn(&str) -> Option<String>;

fn each_element(part: &mut dyn Read, f: &mut dyn FnMut(&str, Attr<'_>)) {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let attr = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .map(|a| {
                            quick_xml::escape::unescape(&a.value)
                                .map(|v| v.into_owned())
                                .unwrap_or_else(|_| a.value.to_string())
                        })
                };
                f(e.local_name().as_ref(), &attr);
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
}

/// The formula cells of a worksheet part. A part without `<f` is not
/// parsed at all (most ward sheets hold typed values only).
fn formulas(part: &mut dyn Read) -> Formulas {
    let mut out = Formulas::default();
    let mut bytes = Vec::new();
    if part.read_to_end(&mut bytes).is_err() {
        return out;
    }
    // std's substring search (optimised even in a debug build).
    let has_formula = match std::str::from_utf8(&bytes) {
        Ok(t) => t.contains("<f"),
        Err(_) => String::from_utf8_lossy(&bytes).contains("<f"),
    };
    if !has_formula {
        return out;
    }
    let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
    let mut buf = Vec::new();
    let (mut row, mut col) = (0u32, 0u32);
    // The cell being read: position, formula text, whether a value was seen.
    let mut cell: Option<((u32, u32), Option<String>, bool)> = None;
    let mut in_f = false;
    loop {
        let ev = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let attr = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .map(|a| a.value.into_owned())
                };
                match e.local_name().as_ref() {
                    "row" => {
                        if let Some(r) = attr("r").and_then(|r| parse_u32(r.as_bytes())) {
                            row = r.saturating_sub(1);
                        }
                        col = 0;
                    }
                    "c" => {
                        if let Some((r, c)) = attr("r").and_then(|r| parse_ref(r.as_bytes())) {
                            (row, col) = (r, c);
                        }
                        // An empty `<c/>` holds neither formula nor value.
                        cell = (!empty).then_some(((row, col), None, false));
                        col = col.saturating_add(1);
                    }
                    "f" => {
                        if let Some(c) = cell.as_mut() {
                            c.1 = Some(String::new());
                        }
                        in_f = !empty;
                    }
                    "v" | "is" => {
                        if let Some(c) = cell.as_mut() {
                            c.2 = true;
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_f => {
                if let Some((_, Some(f), _)) = cell.as_mut()
                    && f.len() < 200
                {
                    f.push_str(&t);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "f" => in_f = false,
                "c" => {
                    if let Some((pos, Some(f), has_value)) = cell.take() {
                        if has_value {
                            out.cached.insert(pos);
                        } else {
                            out.uncached.push((pos.0, pos.1, f));
                        }
                    }
                }
                "row" => row = row.saturating_add(1),
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    out
}

fn parse_u32(s: &[u8]) -> Option<u32> {
    std::str::from_utf8(s).ok()?.parse().ok()
}

/// "E6" → (5, 4), 0-based.
fn parse_ref(s: &[u8]) -> Option<(u32, u32)> {
    let letters = s.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = s[..letters].iter().fold(0u32, |acc, b| {
        acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row = parse_u32(&s[letters..])?;
    Some((row.checked_sub(1)?, col - 1))
}

pub(crate) fn read(bytes: &[u8], rel: &str) -> Result<Vec<Sheet>, Problem> {
    let mut meta = Meta::default();
    crate::ooxml::read::verify(bytes, rel, &mut |name, part| meta.inspect(name, part))?;
    let mut wb: Xlsx<_> = match Xlsx::new(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(XlsxError::Password) => return Err(password_problem(rel)),
        Err(e) => return Err(damaged(rel, "Excel", e)),
    };
    let visibility = wb.sheets_metadata().to_vec();
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
        builder.hidden(is_hidden(&visibility, &name));
        while let Some((cell, style)) = cells
            .next_cell_with_style_id()
            .map_err(|e| damaged(rel, "Excel", e))?
        {
            let (r, c) = cell.get_position();
            let pct = percent.get(style).copied().unwrap_or(false);
            builder.push(r, c, raw_of(cell.get_value(), pct))?;
        }
        if let Some(f) = meta.of_sheet(&name) {
            for (r, c, formula) in f.uncached {
                builder.push(r, c, Raw::Uncalculated(formula))?;
            }
            if meta.full_calc {
                builder.recalc(f.cached);
            }
        }
        sheets.push(builder.finish());
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_with_and_without_a_saved_result() {
        let xml = br#"<worksheet><sheetData><row r="6"><c r="E6"><f>SUM(A1:A2)</f></c><c r="F6"><f>1+1</f><v>2</v></c><c r="G6"><v>3</v></c><c><f t="shared" si="0"/></c></row></sheetData></worksheet>"#;
        let f = formulas(&mut &xml[..]);
        assert_eq!(
            f.uncached,
            [(5, 4, "SUM(A1:A2)".to_string()), (5, 7, String::new())]
        );
        assert_eq!(f.cached, HashSet::from([(5, 5)]));
    }

    #[test]
    fn cell_references() {
        assert_eq!(parse_ref(b"A1"), Some((0, 0)));
        assert_eq!(parse_ref(b"E6"), Some((5, 4)));
        assert_eq!(parse_ref(b"AA10"), Some((9, 26)));
        assert_eq!(parse_ref(b"A0"), None);
        assert_eq!(parse_ref(b"6"), None);
    }
}
