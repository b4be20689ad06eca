//! Which sheet of a workbook holds the figures, and what the others say.
//!
//! A clerk sees only the visible sheets. A hidden or very hidden sheet laid
//! out as a data sheet (last year's copy, a tampered copy) must never be
//! read in place of the one she filled in; and two data sheets that give
//! one cell two different values leave no way to know which is right.

use super::Submission;
use crate::check::{Kind, Problem, SheetKind};
use crate::workbook::grid::Sheet;

/// The sheet to read: the first visible sheet with a code header, else
/// (every such sheet hidden) the first hidden one.
pub(super) fn choose(sheets: &[Sheet], headers: &[Option<(usize, usize)>]) -> Option<usize> {
    let with_header = |hidden: bool| {
        sheets
            .iter()
            .zip(headers)
            .position(|(s, h)| h.is_some() && s.hidden == hidden)
    };
    with_header(false).or_else(|| with_header(true))
}

/// The warning for a data sheet (`other`) that is not read, `chosen` being
/// the one that is.
pub(super) fn not_read(rel: &str, chosen: &Sheet, other: &Sheet) -> Problem {
    let first = chosen.name.clone().unwrap_or_default();
    let name = other.name.clone().unwrap_or_default();
    let p = Problem::warning(Kind::Sheet(SheetKind::OtherSheetIgnored {
        name,
        first,
        read_hidden: chosen.hidden,
        ignored_hidden: other.hidden,
    }));
    p.file(rel).sheet(other.name.clone())
}

/// Cells where `other` (another data sheet of the same file, for the same
/// unit) gives a different value than `sub`: one error at each cell of
/// `sub`, naming the other cell, and the value is dropped (neither copy can
/// be trusted over the other).
pub(super) fn conflicts(sub: &mut Submission, other: &Submission) -> Vec<Problem> {
    if other.reporter != sub.reporter {
        return Vec::new();
    }
    let mut problems = Vec::new();
    sub.values.retain(|key, v| {
        let Some(o) = other.values.get(key).filter(|o| o.value != v.value) else {
            return true;
        };
        let here = v.source.cell.clone().unwrap_or_default();
        let there = o.source.cell.clone().unwrap_or_default();
        let (a, b) = (
            v.source.sheet.clone().unwrap_or_default(),
            o.source.sheet.clone().unwrap_or_default(),
        );
        let (x, y) = (shown(&v.value), shown(&o.value));
        problems.push(
            Problem::error(Kind::Sheet(SheetKind::SheetsDiffer {
                code: key.0.clone(),
                year: key.1,
                sheet: a,
                cell: here,
                value: x,
                other_sheet: b,
                other_cell: there,
                other_value: y,
            }))
            .at(&v.source),
        );
        false
    });
    problems
}

/// A value as a clerk would have typed it (Vietnamese decimal comma).
fn shown(v: &super::CellValue) -> String {
    use super::CellValue::*;
    let num = |d: &rust_decimal::Decimal| d.normalize().to_string().replace('.', ",");
    match v {
        Number { so } => num(so),
        Fraction { tu, mau } => format!("{}/{}", num(tu), num(mau)),
        YesNo { dat } => if *dat { "Đạt" } else { "Chưa đạt" }.to_string(),
    }
}

/// The warning for a data sheet that is read although it is hidden (no
/// visible sheet has a code header).
pub(super) fn hidden(rel: &str, sheet: &Sheet) -> Problem {
    let name = sheet.name.clone().unwrap_or_default();
    Problem::warning(Kind::Sheet(SheetKind::ReadFromHidden { name }))
        .file(rel)
        .sheet(sheet.name.clone())
}

/// The warning for a value read from a formula cell whose saved result the
/// workbook itself asks Excel to recalculate on opening.
pub(super) fn stale(raw: &crate::workbook::grid::Raw) -> Problem {
    Problem::warning(Kind::Sheet(SheetKind::StaleFormula { value: raw.text() }))
}

/// A code that matches no catalog code only because of invisible
/// characters or look-alike letters of another script ("GD\u{200B}01",
/// Cyrillic "КТ05"): the warning shows them (`U+200B`) and names the code
/// it most likely is, instead of a suggestion that looks just like it.
pub(super) fn disguised_code<'a>(
    mut known: impl Iterator<Item = &'a str>,
    code: &str,
) -> Option<Problem> {
    let d = crate::vn::text::disguised(code)?;
    let meant = known
        .find(|k| k.eq_ignore_ascii_case(&d.meant))
        .map(str::to_string);
    Some(Problem::warning(Kind::Sheet(SheetKind::DisguisedCode {
        shown: d.shown,
        odd: d.odd,
        meant,
    })))
}
