//! The Excel annex `tong-hop.xlsx`, written from the template context.
//!
//! The annex is built from `ket-qua.json` (the template context) and nothing
//! else, so it can never disagree with the Word report. Four sheets:
//!
//! - `Tổng hợp`: one row per indicator, grouped, with target, yearly values,
//!   result, percent of target, average growth and status.
//! - `Theo đơn vị`: ward-by-indicator values for `nam_bao_cao`; the district
//!   column holds *live formulas* over the ward cells (with the computed value
//!   as cached result), so the head of office can see how each figure is made.
//! - `Kiểm tra`: every problem found.
//! - `Nguồn`: every ward figure with the cell it came from.
//!
//! Rules: numbers stay numbers (number formats show the decimals); any text
//! that came from a ward or catalog cell is written with `write_string`, never
//! as a formula (a ward called `=HYPERLINK(…)` stays text); column widths are
//! explicit; the creation date is `bao_cao.ngay` so reruns are byte-identical.

use crate::check::Problem;
use crate::render::context::{Context, IndicatorEntry, Num, PeriodEntry, UnitEntry};
use crate::vn::text::capitalize;
use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, Url, Workbook, Worksheet, XlsxError,
};
use serde::Deserialize;
use serde_json::Value;

mod chart;
mod checks;
mod common;
mod summary;
mod units;

use chart::chart_sheet;
use checks::{checks_sheet, sources_sheet};
use common::*;
use summary::summary_sheet;
use units::units_sheet;

type Res<T> = Result<T, XlsxError>;

/// Sheet names of the annex.
pub const SHEET_SUMMARY: &str = "Tổng hợp";
pub const SHEET_UNITS: &str = "Theo đơn vị";
pub const SHEET_CHECKS: &str = "Kiểm tra";
pub const SHEET_SOURCES: &str = "Nguồn";
pub const SHEET_CHARTS: &str = "Biểu đồ";

/// Build `tong-hop.xlsx` from a template context as JSON (`ket-qua.json`)
/// and return its bytes (the caller writes them atomically).
#[allow(clippy::result_large_err)] // `Problem` is the crate-wide error value
pub fn write_annex(ctx: &Value) -> Result<Vec<u8>, Problem> {
    write_annex_linked(ctx, None)
}

/// [`write_annex`] with every ward value of "Theo đơn vị" linked to its
/// source cell. `review_dir` is the review folder as seen from the folder
/// the annex is written to ("../" for the default `DIR/ket-qua/`, see
/// [`relative_dir`]): `nguon` paths are relative to the review folder, and
/// Excel and LibreOffice resolve a relative link against the workbook's
/// own folder, so the links keep working when the review folder and its
/// outputs are moved or copied together.
#[allow(clippy::result_large_err)] // `Problem` is the crate-wide error value
pub fn write_annex_linked(ctx: &Value, review_dir: Option<&str>) -> Result<Vec<u8>, Problem> {
    let typed = Context::deserialize(ctx).map_err(|e| {
        Problem::error(crate::check::Kind::Template(
            crate::check::TemplateKind::Annex {
                error: e.to_string(),
            },
        ))
        .file("tong-hop.xlsx")
    })?;
    write_annex_typed(&typed, review_dir)
}

/// [`write_annex_linked`] from the typed context of a build.
#[allow(clippy::result_large_err)] // `Problem` is the crate-wide error value
pub fn write_annex_typed(ctx: &Context, review_dir: Option<&str>) -> Result<Vec<u8>, Problem> {
    build(ctx, review_dir).map_err(|e| {
        Problem::error(crate::check::Kind::Template(
            crate::check::TemplateKind::Annex {
                error: e.to_string(),
            },
        ))
        .file("tong-hop.xlsx")
    })
}

/// The path of `to` relative to `from` (both folders), with `/` separators
/// and a trailing `/`: "../" for `DIR/ket-qua` → `DIR`. When `-o` points
/// outside the review folder the path climbs out ("../../work/tay-ho/");
/// with no common ancestor (another drive), the absolute path. `None` when
/// either folder cannot be resolved.
pub fn relative_dir(from: &std::path::Path, to: &std::path::Path) -> Option<String> {
    use std::path::Component;
    let (from, to) = (resolved(from)?, to.canonicalize().ok()?);
    let (a, b): (Vec<Component>, Vec<Component>) =
        (from.components().collect(), to.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return Some(format!("{}/", to.display()));
    }
    let mut out = "../".repeat(a.len() - common);
    for c in &b[common..] {
        out.push_str(&c.as_os_str().to_string_lossy());
        out.push('/');
    }
    Some(out)
}

/// `dir` canonicalized, also when it does not exist yet (the output
/// folder of a first build): its nearest existing ancestor canonicalized,
/// then the rest of the path. So the first build into a fresh folder links
/// like the next ones.
fn resolved(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let dir = std::path::absolute(dir).ok()?;
    let mut rest = Vec::new();
    let mut at = dir.as_path();
    loop {
        if let Ok(real) = at.canonicalize() {
            return Some(rest.iter().rev().fold(real, |p, c| p.join(c)));
        }
        rest.push(at.file_name()?.to_os_string());
        at = at.parent()?;
    }
}

/// A source `so-lieu/buoi.xlsx!So lieu!G17` as a link into that workbook:
/// `file:///{base}so-lieu/buoi.xlsx#'So lieu'!G17` (a csv source has no
/// sheet: the link opens the file). Written into one string: the annex
/// makes one per ward value.
fn source_link(base: &str, nguon: &str) -> Option<String> {
    let mut parts = nguon.split('!');
    let file = parts.next()?;
    let mut link = String::with_capacity("file:///#''!".len() + base.len() + nguon.len());
    link.push_str("file:///");
    link.push_str(base);
    link.push_str(file);
    if let (Some(sheet), Some(cell), None) = (parts.next(), parts.next(), parts.next()) {
        link.push_str("#'");
        if sheet.contains('\'') {
            link.push_str(&sheet.replace('\'', "''"));
        } else {
            link.push_str(sheet);
        }
        link.push_str("'!");
        link.push_str(cell);
    }
    Some(link)
}

fn build(ctx: &Context, review_dir: Option<&str>) -> Res<Vec<u8>> {
    let mut wb = Workbook::new();
    // Times New Roman 12 for every cell, also those written without a
    // format (21 px rows and 72 px columns are its Excel metrics).
    wb.set_default_format(&Styles::base(), 21, 72)?;
    // Level 1 deflate: the annex is written once per review and read rarely;
    // default compression costs a third of its time for a few kilobytes.
    wb.set_zip_compression_level(1);
    let mut props = DocProperties::new()
        .set_title(&ctx.bao_cao.tieu_de)
        .set_author(&ctx.bao_cao.co_quan);
    props = props.set_creation_datetime(&creation_date(ctx));
    wb.set_properties(&props);
    for ws in sheets(ctx, review_dir)? {
        wb.push_worksheet(ws);
    }
    let bytes = wb.save_to_buffer();
    // Freeing every cell of the workbook is no part of the annex: another
    // thread does it while the caller writes the bytes (2 M instructions
    // for a district, 5 M for the city's roll-up, which runs alone).
    rayon::spawn(move || drop(wb));
    bytes
}

/// The five sheets in workbook order, written side by side: the roll-up's
/// annex, the longest of its outputs, runs alone at the end of a batch.
///
/// The bytes are those of sheets added one after the other with
/// `Workbook::add_worksheet`: each sheet numbers its formats and keeps its
/// strings by itself, and `save_to_buffer` merges them into the workbook's
/// styles and shared strings in the order the sheets were pushed.
/// The chart sheet reads where the summary put each group, so it follows
/// the summary.
fn sheets(ctx: &Context, review_dir: Option<&str>) -> Res<[Worksheet; 5]> {
    let indicators = indicators(ctx);
    let styles = Styles::new();
    let (inds, st) = (&indicators, &styles);
    let (front, (units, (checks, sources))) = rayon::join(
        || -> Res<_> {
            let mut summary = new_sheet()?;
            let rows = summary_sheet(&mut summary, ctx, inds, st)?;
            let mut charts = new_sheet()?;
            chart_sheet(&mut charts, &rows)?;
            Ok((summary, charts))
        },
        || {
            rayon::join(
                || sheet_with(|ws| units_sheet(ws, ctx, inds, st, review_dir)),
                || {
                    rayon::join(
                        || sheet_with(|ws| checks_sheet(ws, ctx, st)),
                        || sheet_with(|ws| sources_sheet(ws, ctx, inds, st)),
                    )
                },
            )
        },
    );
    let (summary, charts) = front?;
    let (units, checks, sources) = (units?, checks?, sources?);
    Ok([summary, units, checks, sources, charts])
}

/// A sheet as `Workbook::add_worksheet` makes it after the workbook's
/// `set_default_format` in [`build`]: the same default format and metrics.
fn new_sheet() -> Res<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_default_format(&Styles::base(), 21, 72)?;
    Ok(ws)
}

/// A [`new_sheet`] written by `write`.
fn sheet_with(write: impl FnOnce(&mut Worksheet) -> Res<()>) -> Res<Worksheet> {
    let mut ws = new_sheet()?;
    write(&mut ws)?;
    Ok(ws)
}

/// `bao_cao.ngay` ("2023-04-07"), else a fixed date: never "now", so that
/// two builds of the same input are byte-identical.
fn creation_date(ctx: &Context) -> ExcelDateTime {
    use chrono::Datelike;
    let fixed = || ExcelDateTime::from_ymd(2000, 1, 1).expect("valid date");
    match ctx.bao_cao.ngay {
        Some(d) if (1900..=9999).contains(&d.year()) => {
            ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                .unwrap_or_else(|_| fixed())
        }
        _ => fixed(),
    }
}

// ---------------------------------------------------------------------------
// Reading the context

fn units_count(ctx: &Context) -> usize {
    ctx.don_vi.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_come_from_the_formatted_twin() {
        assert_eq!(decimals_of("96,2%"), 1);
        assert_eq!(decimals_of("12.993"), 0);
        assert_eq!(decimals_of("95,09"), 2);
        assert_eq!(number_format(0), "#,##0");
        assert_eq!(number_format(2), "#,##0.00");
    }

    #[test]
    fn a_source_links_to_its_file_and_to_its_cell_when_it_names_a_sheet() {
        let cases = [
            (
                "so-lieu/buoi.xlsx!So lieu!G17",
                "file:///../so-lieu/buoi.xlsx#'So lieu'!G17",
            ),
            (
                "so-lieu/a.xlsx!Bà's sheet!B2",
                "file:///../so-lieu/a.xlsx#'Bà''s sheet'!B2",
            ),
            ("so-lieu/thuy khue.csv", "file:///../so-lieu/thuy khue.csv"),
            ("so-lieu/a.csv!G24", "file:///../so-lieu/a.csv"),
            ("so-lieu/a.xlsx!S!B2!x", "file:///../so-lieu/a.xlsx"),
            ("", "file:///../"),
        ];
        for (nguon, link) in cases {
            assert_eq!(source_link("../", nguon).as_deref(), Some(link), "{nguon}");
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(capitalize("quận Tây Hồ"), "Quận Tây Hồ");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(row_range(4, 3, 10), "D5:K5");
    }
}
