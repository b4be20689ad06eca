//! Which sheet of a workbook holds the figures, and what the others say.
//!
//! A clerk sees only the visible sheets. A hidden or very hidden sheet laid
//! out as a data sheet (last year's copy, a tampered copy) must never be
//! read in place of the one she filled in; and two data sheets that give
//! one cell two different values leave no way to know which is right.

use super::Submission;
use crate::check::Problem;
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
    let p = match (other.hidden, chosen.hidden) {
        (_, true) => Problem::canh_bao(
            format!(
                "trang \"{name}\" cũng có dòng tiêu đề có ô \"Mã\" nhưng bị bỏ qua: số liệu được đọc từ trang ẩn \"{first}\" (không trang hiện nào có cột \"Mã\"; hãy bỏ ẩn trang số liệu)"
            ),
            format!(
                "sheet \"{name}\" also has a \"Mã\" header row but is ignored: figures are read from the hidden sheet \"{first}\" (no visible sheet has a \"Mã\" column; unhide the data sheet)"
            ),
        ),
        (true, false) => Problem::canh_bao(
            format!(
                "trang ẩn \"{name}\" có dòng tiêu đề có ô \"Mã\" nhưng bị bỏ qua: số liệu được đọc từ trang \"{first}\" (trang hiện đầu tiên có cột \"Mã\")"
            ),
            format!(
                "the hidden sheet \"{name}\" has a \"Mã\" header row but is ignored: figures are read from sheet \"{first}\" (the first visible one with a \"Mã\" column)"
            ),
        ),
        (false, false) => Problem::canh_bao(
            format!(
                "trang \"{name}\" cũng có dòng tiêu đề có ô \"Mã\" nhưng bị bỏ qua: số liệu được đọc từ trang \"{first}\" (trang đầu tiên có cột \"Mã\")"
            ),
            format!(
                "sheet \"{name}\" also has a \"Mã\" header row but is ignored: figures are read from sheet \"{first}\" (the first with a \"Mã\" column)"
            ),
        ),
    };
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
            Problem::loi(
                format!(
                    "{} năm {}: trang \"{a}\" ô {here} ghi {x} nhưng trang \"{b}\" ô {there} ghi {y}; hai trang số liệu khác nhau, không biết trang nào đúng: hãy xóa trang thừa rồi gửi lại",
                    key.0, key.1
                ),
                format!(
                    "{} in {}: sheet \"{a}\" cell {here} says {x} but sheet \"{b}\" cell {there} says {y}; the two data sheets differ and there is no telling which is right: delete the extra sheet and send the file again",
                    key.0, key.1
                ),
            )
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
    Problem::canh_bao(
        format!("số liệu được đọc từ trang ẩn \"{name}\" (không trang hiện nào có cột \"Mã\"): hãy bỏ ẩn trang để kiểm tra"),
        format!("figures are read from the hidden sheet \"{name}\" (no visible sheet has a \"Mã\" column): unhide it to check them"),
    )
    .file(rel)
    .sheet(sheet.name.clone())
}

/// The warning for a value read from a formula cell whose saved result the
/// workbook itself asks Excel to recalculate on opening.
pub(super) fn stale(raw: &crate::workbook::grid::Raw) -> Problem {
    let v = raw.text();
    Problem::canh_bao(
        format!(
            "ô có công thức và tệp yêu cầu Excel tính lại mọi công thức khi mở (fullCalcOnLoad): kết quả đã lưu ({v}) có thể đã cũ; hãy mở tệp bằng Excel, lưu lại rồi gửi lại"
        ),
        format!(
            "the cell holds a formula and the workbook asks Excel to recalculate every formula on opening (fullCalcOnLoad): the saved result ({v}) may be stale; open the file in Excel, save it and send it again"
        ),
    )
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
    let hint = match known.find(|k| k.eq_ignore_ascii_case(&d.meant)) {
        Some(k) => (
            format!("; có lẽ là \"{k}\": hãy gõ lại mã"),
            format!("; probably \"{k}\": retype the code"),
        ),
        None => (String::new(), String::new()),
    };
    let odd = d.odd.join(", ");
    Some(Problem::canh_bao(
        format!(
            "mã \"{}\" không có trong danh mục chỉ tiêu, dòng này bị bỏ qua (mã có ký tự ẩn hoặc chữ của bảng chữ cái khác trông giống chữ La-tinh: {odd}{})",
            d.shown, hint.0
        ),
        format!(
            "code \"{}\" is not in the indicator catalog; the row is ignored (the code holds invisible characters or letters of another alphabet that look Latin: {odd}{})",
            d.shown, hint.1
        ),
    ))
}
