//! Heights of a loop's generated rows: a wrapped cell's text measured
//! against its column's width and its font's size (LibreOffice does not
//! autofit rows on load, so long names would overlap the next row).

use super::xml::{Kind, Tok, attr, local, tokenize};
use crate::render::cell_height::wrapped_height;
use std::collections::BTreeMap;

/// The font size of every cell format (`cellXfs`) that wraps its text;
/// `None` for formats that do not wrap.
#[derive(Debug, Default)]
pub(super) struct Wraps(Vec<Option<f64>>);

impl Wraps {
    pub(super) fn parse(styles: &str) -> Wraps {
        let Ok(toks) = tokenize(styles) else {
            return Wraps::default();
        };
        let mut fonts: Vec<f64> = Vec::new();
        let mut xfs: Vec<Option<f64>> = Vec::new();
        let (mut in_fonts, mut in_xfs) = (false, false);
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let name = local(&t.name);
            match (t.kind, name) {
                (Kind::Start, "fonts") => in_fonts = true,
                (Kind::End, "fonts") => in_fonts = false,
                (Kind::Start, "cellXfs") => in_xfs = true,
                (Kind::End, "cellXfs") => in_xfs = false,
                (Kind::Start | Kind::Empty, "font") if in_fonts => fonts.push(11.0),
                (Kind::Start | Kind::Empty, "sz") if in_fonts => {
                    if let (Some(last), Some(v)) = (
                        fonts.last_mut(),
                        attr(&t.attrs, "val").and_then(|v| v.parse().ok()),
                    ) {
                        *last = v;
                    }
                }
                (Kind::Start | Kind::Empty, "xf") if in_xfs => {
                    let font = attr(&t.attrs, "fontId")
                        .and_then(|f| f.parse::<usize>().ok())
                        .unwrap_or(0);
                    let wraps = t.kind == Kind::Start && xf_wraps(&toks[i + 1..]);
                    xfs.push(wraps.then(|| fonts.get(font).copied().unwrap_or(11.0)));
                }
                _ => {}
            }
            i += 1;
        }
        Wraps(xfs)
    }

    /// The font size of style `s` if it wraps.
    pub(super) fn size(&self, s: Option<&str>) -> Option<f64> {
        let s: usize = s.and_then(|s| s.parse().ok()).unwrap_or(0);
        self.0.get(s).copied().flatten()
    }
}

/// Whether the `xf` whose children start at `toks[0]` has
/// `<alignment wrapText="1"/>`.
fn xf_wraps(toks: &[Tok]) -> bool {
    for t in toks {
        if t.kind == Kind::End && local(&t.name) == "xf" {
            return false;
        }
        if matches!(t.kind, Kind::Start | Kind::Empty) && local(&t.name) == "alignment" {
            return matches!(attr(&t.attrs, "wrapText"), Some("1" | "true"));
        }
    }
    false
}

/// A sheet's column widths (`<cols>`), in characters, and its default.
#[derive(Debug)]
pub(super) struct Widths {
    cols: BTreeMap<u32, f64>,
    default: f64,
}

impl Widths {
    /// Read from the tokens before `<sheetData>`.
    pub(super) fn parse(head: &[Tok]) -> Widths {
        let mut w = Widths {
            cols: BTreeMap::new(),
            default: 8.43,
        };
        for t in head {
            if !matches!(t.kind, Kind::Start | Kind::Empty) {
                continue;
            }
            match local(&t.name) {
                "sheetFormatPr" => {
                    if let Some(d) = attr(&t.attrs, "defaultColWidth").and_then(|v| v.parse().ok())
                    {
                        w.default = d;
                    }
                }
                "col" => {
                    let num = |k| attr(&t.attrs, k).and_then(|v| v.parse::<u32>().ok());
                    let (Some(min), Some(max)) = (num("min"), num("max")) else {
                        continue;
                    };
                    let Some(width) = attr(&t.attrs, "width").and_then(|v| v.parse().ok()) else {
                        continue;
                    };
                    for c in min..=max.min(min + 16_384) {
                        w.cols.insert(c, width);
                    }
                }
                _ => {}
            }
        }
        w
    }

    pub(super) fn of(&self, col: u32) -> f64 {
        self.cols.get(&col).copied().unwrap_or(self.default)
    }
}

/// The height a generated row needs for its wrapped texts (column, style,
/// text), or `None` when no wrapped cell holds text. Never lower than the
/// template row's own height `ht`.
pub(super) fn row_height(
    texts: &[(u32, Option<String>, String)],
    wraps: &Wraps,
    widths: &Widths,
    ht: Option<f64>,
) -> Option<f64> {
    let measured = texts
        .iter()
        .filter_map(|(col, s, text)| {
            let size = wraps.size(s.as_deref())?;
            let width = widths.of(*col);
            // Each line of a cell with line breaks wraps on its own.
            let h: f64 = text
                .split('\n')
                .map(|line| wrapped_height(line.chars().count(), width, size) - 3.0)
                .sum();
            Some(h + 3.0)
        })
        .fold(None, |acc: Option<f64>, h| {
            Some(acc.map_or(h, |a| a.max(h)))
        })?;
    Some(ht.map_or(measured, |ht| ht.max(measured)))
}

/// A height as Excel writes it: at most two decimals, no trailing zeros.
pub(super) fn format_height(h: f64) -> String {
    let s = format!("{:.2}", (h * 100.0).round() / 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
