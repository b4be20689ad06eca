//! Problems found while computing the figures from the units' values.

use super::PeriodColumn;
use crate::vn::period::Period;
use serde::{Deserialize, Serialize};

/// The arithmetic step that overflowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    Adding,
    Averaging,
    DividingByWeights,
    Weighting,
    AddingParts,
    ComputingRatio,
}

impl Step {
    /// The step's words in `lang` ("cộng", "adding").
    pub fn words(self, lang: super::Lang) -> &'static str {
        let vi = lang == super::Lang::Vi;
        match (self, vi) {
            (Step::Adding, true) => "cộng",
            (Step::Adding, false) => "adding",
            (Step::Averaging, true) => "tính trung bình",
            (Step::Averaging, false) => "averaging",
            (Step::DividingByWeights, true) => "chia cho tổng trọng số",
            (Step::DividingByWeights, false) => "dividing by the weights",
            (Step::Weighting, true) => "nhân với trọng số",
            (Step::Weighting, false) => "weighting",
            (Step::AddingParts, true) => "cộng tử số và mẫu số",
            (Step::AddingParts, false) => "adding numerators and denominators",
            (Step::ComputingRatio, true) => "tính tỷ lệ",
            (Step::ComputingRatio, false) => "computing the ratio",
        }
    }
}

/// What overflowed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Overflow {
    /// A step of combining one year's unit values.
    Combining { step: Step, year: i32 },
    /// A derived figure (`field`) computed over the years.
    Deriving { field: String, from: i32, to: i32 },
}

/// Where a unit's weight is missing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WeightPlace {
    /// A column of the unit list, at the unit's row.
    UnitList { row: usize },
    /// A weight indicator with no value of that column.
    NoValue { column: PeriodColumn },
}

/// What a number cell held instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NotNumber {
    Fraction,
    YesNo,
}

/// A problem of the figures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FiguresKind {
    /// An arithmetic overflow; `cells` the cells involved.
    Overflow {
        code: String,
        what: Overflow,
        cells: String,
    },
    /// A unit's value without its weight (`weight` the weight's code).
    Unweighted {
        code: String,
        unit: String,
        column: PeriodColumn,
        weight: String,
        place: WeightPlace,
    },
    /// A ratio's cell that is not a fraction.
    RatioNeedsFraction { code: String },
    /// A unit count's number without a comparison target (`level` the
    /// units' level, "phường").
    UnitCountNeedsYesNo { code: String, level: String },
    /// A number cell holding something else.
    NotANumber { code: String, found: NotNumber },
    /// The district's own figure missing (`district` its name).
    DistrictMissing {
        code: String,
        district: String,
        column: PeriodColumn,
    },
    /// A unit's figure missing: `reported` of `total` reported.
    UnitMissing {
        code: String,
        reported: usize,
        total: usize,
        level: String,
        unit: String,
        column: PeriodColumn,
    },
    /// No file has a column for the report period.
    NoPeriodColumn { period: Period, ky_bao_cao: String },
}

impl FiguresKind {
    pub(super) fn render(&self, vi: bool) -> String {
        let pick = |v: String, e: String| if vi { v } else { e };
        let label = |c: &PeriodColumn| c.label(vi);
        match self {
            FiguresKind::Overflow { code, what, cells } => {
                let (w_vi, w_en) = match what {
                    Overflow::Combining { step, year } => (
                        format!("{} số liệu năm {year}", step.words(super::Lang::Vi)),
                        format!("{} the {year} figures", step.words(super::Lang::En)),
                    ),
                    Overflow::Deriving { field, from, to } => (
                        format!("tính {field} từ năm {from} đến năm {to}"),
                        format!("computing {field} from {from} to {to}"),
                    ),
                };
                pick(
                    format!("{code}: tràn số khi {w_vi} (số quá lớn, hãy kiểm tra các ô: {cells})"),
                    format!(
                        "{code}: overflow when {w_en} (numbers too large; check the cells: {cells})"
                    ),
                )
            }
            FiguresKind::Unweighted {
                code,
                unit,
                column,
                weight,
                place,
            } => {
                let (p_vi, p_en) = match place {
                    WeightPlace::UnitList { row } => (
                        format!("cột {weight} của danh sách đơn vị, dòng {row}"),
                        format!("column {weight} of the unit list, row {row}"),
                    ),
                    WeightPlace::NoValue { column } => (
                        format!("chỉ tiêu {weight} {} chưa có số liệu", column.label(true)),
                        format!("indicator {weight} has no {} value", column.label(false)),
                    ),
                };
                pick(
                    format!(
                        "{code}: {unit} có số liệu {} nhưng thiếu trọng số {weight} ({p_vi}): đơn vị này không được tính vào bình quân gia quyền",
                        label(column)
                    ),
                    format!(
                        "{code}: {unit} has a {} value but no weight {weight} ({p_en}): the unit is left out of the weighted mean",
                        label(column)
                    ),
                )
            }
            FiguresKind::RatioNeedsFraction { code } => pick(
                format!(
                    "{code}: chỉ tiêu tỷ lệ phải ghi dạng phân số, ví dụ 26/27; ô này bị bỏ qua"
                ),
                format!(
                    "{code}: a ratio indicator needs a fraction such as 26/27; this cell is left out"
                ),
            ),
            FiguresKind::UnitCountNeedsYesNo { code, level } => pick(
                format!(
                    "{code}: chỉ tiêu đếm số {level} đạt cần ô ghi Đạt/Chưa đạt, hoặc một mục tiêu so sánh (ví dụ >= 95%) để xét con số; ô này bị bỏ qua"
                ),
                format!(
                    "{code}: a unit-count indicator needs Đạt/Chưa đạt, or a comparison target (e.g. >= 95%) to judge a number; this cell is left out"
                ),
            ),
            FiguresKind::NotANumber { code, found } => {
                let (f_vi, f_en) = match found {
                    NotNumber::Fraction => ("một phân số", "a fraction"),
                    NotNumber::YesNo => ("Đạt/Chưa đạt", "a yes/no word"),
                };
                pick(
                    format!("{code}: ô này phải là một con số, không phải {f_vi}; ô bị bỏ qua"),
                    format!("{code}: this cell must be a number, not {f_en}; it is left out"),
                )
            }
            FiguresKind::DistrictMissing {
                code,
                district,
                column,
            } => pick(
                format!("{code}: chưa có số liệu của {district} {}", label(column)),
                format!("{code}: no figure from {district} for {}", label(column)),
            ),
            FiguresKind::UnitMissing {
                code,
                reported,
                total,
                level,
                unit,
                column,
            } => pick(
                format!(
                    "{code}: {reported}/{total} {level} báo cáo {}, thiếu: {unit}",
                    label(column)
                ),
                format!(
                    "{code}: {reported}/{total} units reported for {}, missing: {unit}",
                    label(column)
                ),
            ),
            FiguresKind::NoPeriodColumn { period, ky_bao_cao } => pick(
                format!(
                    "không tệp số liệu nào có cột cho kỳ báo cáo {} (so_lieu.ky_bao_cao = \"{ky_bao_cao}\")",
                    period.label()
                ),
                format!(
                    "no data file has a column for the report period {} (so_lieu.ky_bao_cao = \"{ky_bao_cao}\")",
                    period.label_en()
                ),
            ),
        }
    }

    pub(super) fn code(&self) -> &'static str {
        match self {
            FiguresKind::Overflow { .. } => "tran_so",
            FiguresKind::Unweighted { .. } => "thieu_trong_so",
            FiguresKind::RatioNeedsFraction { .. } => "ty_le_can_phan_so",
            FiguresKind::UnitCountNeedsYesNo { .. } => "dem_don_vi_can_dat",
            FiguresKind::NotANumber { .. } => "o_khong_phai_so",
            FiguresKind::DistrictMissing { .. } => "thieu_so_lieu_cap_quan",
            FiguresKind::UnitMissing { .. } => "thieu_don_vi_bao_cao",
            FiguresKind::NoPeriodColumn { .. } => "khong_co_cot_ky",
        }
    }
}
