//! Problems of a unit sheet as a whole: which sheet is read, sheets that
//! disagree, stale formulas, disguised codes, period columns.

use crate::vn::period::Period;
use serde::{Deserialize, Serialize};

/// A period column of a unit sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PeriodColumn {
    /// The figures of a period.
    Ky(Period),
    /// The year's plan.
    KeHoach(i32),
}

impl PeriodColumn {
    pub(super) fn label(self, vi: bool) -> String {
        match (self, vi) {
            (PeriodColumn::Ky(p), true) => p.label(),
            (PeriodColumn::Ky(p), false) => p.label_en(),
            (PeriodColumn::KeHoach(y), true) => format!("kế hoạch năm {y}"),
            (PeriodColumn::KeHoach(y), false) => format!("the plan of {y}"),
        }
    }
}

/// A problem of a unit sheet as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SheetKind {
    /// Another sheet with a "Mã" header is ignored: figures are read from
    /// `first`. `read_hidden`: `first` is hidden (no visible sheet has
    /// the header); `ignored_hidden`: the ignored sheet is hidden.
    OtherSheetIgnored {
        name: String,
        first: String,
        read_hidden: bool,
        ignored_hidden: bool,
    },
    /// Figures read from a hidden sheet.
    ReadFromHidden { name: String },
    /// Two data sheets of one file disagree on a value.
    SheetsDiffer {
        code: String,
        year: i32,
        sheet: String,
        cell: String,
        value: String,
        other_sheet: String,
        other_cell: String,
        other_value: String,
    },
    /// A formula's saved result the workbook asks to recalculate.
    StaleFormula { value: String },
    /// A code disguised by invisible or look-alike characters (`odd` as
    /// shown, `U+200B` …), and the catalog code it probably is.
    DisguisedCode {
        shown: String,
        odd: Vec<String>,
        meant: Option<String>,
    },
    /// A "same period" column without `so_lieu.ky_bao_cao`.
    SamePeriodWithoutKy { text: String },
    /// A heading that looks like a period but cannot be read.
    UnclearPeriod { text: String },
    /// A period with two columns (cell references).
    PeriodTwice {
        column: PeriodColumn,
        first: String,
        second: String,
    },
}

impl SheetKind {
    pub(super) fn render(&self, vi: bool) -> String {
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            SheetKind::OtherSheetIgnored {
                name,
                first,
                read_hidden: true,
                ..
            } => pick(
                format!(
                    "trang \"{name}\" cũng có dòng tiêu đề có ô \"Mã\" nhưng bị bỏ qua: số liệu được đọc từ trang ẩn \"{first}\" (không trang hiện nào có cột \"Mã\"; hãy bỏ ẩn trang số liệu)"
                ),
                format!(
                    "sheet \"{name}\" also has a \"Mã\" header row but is ignored: figures are read from the hidden sheet \"{first}\" (no visible sheet has a \"Mã\" column; unhide the data sheet)"
                ),
            ),
            SheetKind::OtherSheetIgnored {
                name,
                first,
                ignored_hidden: true,
                ..
            } => pick(
                format!(
                    "trang ẩn \"{name}\" có dòng tiêu đề có ô \"Mã\" nhưng bị bỏ qua: số liệu được đọc từ trang \"{first}\" (trang hiện đầu tiên có cột \"Mã\")"
                ),
                format!(
                    "the hidden sheet \"{name}\" has a \"Mã\" header row but is ignored: figures are read from sheet \"{first}\" (the first visible one with a \"Mã\" column)"
                ),
            ),
            SheetKind::OtherSheetIgnored { name, first, .. } => pick(
                format!(
                    "trang \"{name}\" cũng có dòng tiêu đề có ô \"Mã\" nhưng bị bỏ qua: số liệu được đọc từ trang \"{first}\" (trang đầu tiên có cột \"Mã\")"
                ),
                format!(
                    "sheet \"{name}\" also has a \"Mã\" header row but is ignored: figures are read from sheet \"{first}\" (the first with a \"Mã\" column)"
                ),
            ),
            SheetKind::ReadFromHidden { name } => pick(
                format!(
                    "số liệu được đọc từ trang ẩn \"{name}\" (không trang hiện nào có cột \"Mã\"): hãy bỏ ẩn trang để kiểm tra"
                ),
                format!(
                    "figures are read from the hidden sheet \"{name}\" (no visible sheet has a \"Mã\" column): unhide it to check them"
                ),
            ),
            SheetKind::SheetsDiffer {
                code,
                year,
                sheet: a,
                cell: here,
                value: x,
                other_sheet: b,
                other_cell: there,
                other_value: y,
            } => pick(
                format!(
                    "{code} năm {year}: trang \"{a}\" ô {here} ghi {x} nhưng trang \"{b}\" ô {there} ghi {y}; hai trang số liệu khác nhau, không biết trang nào đúng: hãy xóa trang thừa rồi gửi lại"
                ),
                format!(
                    "{code} in {year}: sheet \"{a}\" cell {here} says {x} but sheet \"{b}\" cell {there} says {y}; the two data sheets differ and there is no telling which is right: delete the extra sheet and send the file again"
                ),
            ),
            SheetKind::StaleFormula { value: v } => pick(
                format!(
                    "ô có công thức và tệp yêu cầu Excel tính lại mọi công thức khi mở (fullCalcOnLoad): kết quả đã lưu ({v}) có thể đã cũ; hãy mở tệp bằng Excel, lưu lại rồi gửi lại"
                ),
                format!(
                    "the cell holds a formula and the workbook asks Excel to recalculate every formula on opening (fullCalcOnLoad): the saved result ({v}) may be stale; open the file in Excel, save it and send it again"
                ),
            ),
            SheetKind::DisguisedCode { shown, odd, meant } => {
                let odd = odd.join(", ");
                let (hint, hint_en) = match meant {
                    Some(k) => (
                        format!("; có lẽ là \"{k}\": hãy gõ lại mã"),
                        format!("; probably \"{k}\": retype the code"),
                    ),
                    None => (String::new(), String::new()),
                };
                pick(
                    format!(
                        "mã \"{shown}\" không có trong danh mục chỉ tiêu, dòng này bị bỏ qua (mã có ký tự ẩn hoặc chữ của bảng chữ cái khác trông giống chữ La-tinh: {odd}{hint})"
                    ),
                    format!(
                        "code \"{shown}\" is not in the indicator catalog; the row is ignored (the code holds invisible characters or letters of another alphabet that look Latin: {odd}{hint_en})"
                    ),
                )
            }
            SheetKind::SamePeriodWithoutKy { text } => pick(
                format!(
                    "cột \"{text}\" là số liệu cùng kỳ nhưng soket.toml không có so_lieu.ky_bao_cao để biết là kỳ nào: cột bị bỏ qua (hãy ghi ví dụ \"9 tháng 2025\")"
                ),
                format!(
                    "column \"{text}\" holds the same period of an earlier year, but soket.toml has no so_lieu.ky_bao_cao to tell which period: the column is ignored (write e.g. \"9 tháng 2025\")"
                ),
            ),
            SheetKind::UnclearPeriod { text } => pick(
                format!(
                    "tiêu đề cột \"{text}\" có vẻ là một kỳ báo cáo nhưng không đọc được: cột bị bỏ qua (hãy ghi ví dụ \"Tháng 10/2026\", \"Quý III/2026\", \"9 tháng 2026\", \"Ước cả năm 2026\", \"Kế hoạch 2026\")"
                ),
                format!(
                    "column heading \"{text}\" looks like a reporting period but cannot be read: the column is ignored (write e.g. \"Tháng 10/2026\", \"Quý III/2026\", \"9 tháng 2026\", \"Ước cả năm 2026\", \"Kế hoạch 2026\")"
                ),
            ),
            SheetKind::PeriodTwice {
                column,
                first: a,
                second: b,
            } => pick(
                format!(
                    "{} có hai cột: {a} và {b}; hãy giữ lại một cột",
                    column.label(true)
                ),
                format!(
                    "{} has two columns: {a} and {b}; keep only one",
                    column.label(false)
                ),
            ),
        }
    }

    pub(super) fn code(&self) -> &'static str {
        match self {
            SheetKind::OtherSheetIgnored { .. } => "trang_khac_bi_bo_qua",
            SheetKind::ReadFromHidden { .. } => "doc_tu_trang_an",
            SheetKind::SheetsDiffer { .. } => "hai_trang_khac_nhau",
            SheetKind::StaleFormula { .. } => "cong_thuc_co_the_cu",
            SheetKind::DisguisedCode { .. } => "ma_co_ky_tu_an",
            SheetKind::SamePeriodWithoutKy { .. } => "cung_ky_khong_ro_ky",
            SheetKind::UnclearPeriod { .. } => "ky_khong_doc_duoc",
            SheetKind::PeriodTwice { .. } => "ky_hai_cot",
        }
    }
}
