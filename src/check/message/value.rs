//! Problems of one value cell of a unit sheet: text that is not a number
//! (from the Vietnamese number reader), a value of the wrong shape for its
//! indicator, an implausible figure.

use serde::{Deserialize, Serialize};

/// Why a text cell is not a number, a fraction or a yes/no word, as the
/// Vietnamese number reader ([`crate::vn::parse_cell_text`]) finds it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CellTextError {
    /// Words or symbols, nothing number-like ("abc", "12-15").
    NotAValue { whole: String },
    /// "1/2/3".
    SeveralSlashes { whole: String },
    /// "3/0".
    ZeroDenominator { whole: String },
    /// A misplaced `%`.
    MisplacedPercent { whole: String },
    /// A word after the number ("12 tỷ"): the number alone is `num`.
    UnitAfterNumber {
        whole: String,
        num: String,
        suffix: String,
    },
    /// Too large or too many decimals.
    TooBig { whole: String },
    /// "1,234.5"; `swapped` is the Vietnamese writing when it reads.
    English {
        whole: String,
        swapped: Option<String>,
    },
    /// "12.5": a dot that does not group thousands; `as_comma` is the
    /// decimal reading when it reads.
    DotGrouping {
        whole: String,
        as_comma: Option<String>,
    },
    /// "12 99": a space that does not group thousands.
    SpaceGrouping { whole: String },
}

impl CellTextError {
    /// Plain words ("abc"), which need no explanation, rather than a
    /// number-like mistake.
    pub fn is_plain_words(&self) -> bool {
        matches!(self, CellTextError::NotAValue { .. })
    }

    /// The explanation in `lang`.
    pub fn message(&self, lang: super::Lang) -> String {
        self.render(lang == super::Lang::Vi)
    }

    pub(super) fn render(&self, vi: bool) -> String {
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            CellTextError::NotAValue { whole } => pick(
                format!("\"{whole}\" không phải là số, phân số hay Đạt/Chưa đạt"),
                format!("\"{whole}\" is not a number, a fraction or Đạt/Chưa đạt"),
            ),
            CellTextError::SeveralSlashes { whole } => pick(
                format!(
                    "\"{whole}\" có nhiều hơn một dấu \"/\": phân số chỉ ghi một tử số và một mẫu số, ví dụ 26/27"
                ),
                format!(
                    "\"{whole}\" has more than one \"/\": a fraction has one numerator and one denominator, e.g. 26/27"
                ),
            ),
            CellTextError::ZeroDenominator { whole } => pick(
                format!("\"{whole}\": mẫu số bằng 0, không tính được tỷ lệ"),
                format!("\"{whole}\": the denominator is 0, no rate can be computed"),
            ),
            CellTextError::MisplacedPercent { whole } => pick(
                format!("\"{whole}\": dấu \"%\" chỉ được đặt ngay sau một con số (ví dụ 96,2%)"),
                format!("\"{whole}\": the \"%\" sign goes right after a number (e.g. 96,2%)"),
            ),
            CellTextError::UnitAfterNumber { whole, num, suffix } => pick(
                format!(
                    "\"{whole}\" có chữ \"{suffix}\" sau con số: hãy chỉ ghi con số ({num}); đơn vị tính đã \
                     có trong danh mục chỉ tiêu, và một đơn vị như \"tỷ\" hay \"triệu\" ghi trong ô có thể \
                     làm số liệu lệch hàng nghìn lần"
                ),
                format!(
                    "\"{whole}\" has the word \"{suffix}\" after the number: write the number only ({num}); \
                     the unit is in the catalog, and a unit such as \"tỷ\" or \"triệu\" in the cell can put \
                     the figure off by a factor of thousands"
                ),
            ),
            CellTextError::TooBig { whole } => pick(
                format!("\"{whole}\": con số quá lớn hoặc có quá nhiều chữ số lẻ"),
                format!("\"{whole}\": the number is too large or has too many decimals"),
            ),
            CellTextError::English { whole, swapped } => {
                let (hint, hint_en) = match swapped {
                    Some(s) => (format!(" — hãy ghi {s}"), format!(" — write {s}")),
                    None => (String::new(), String::new()),
                };
                pick(
                    format!(
                        "\"{whole}\" viết theo kiểu tiếng Anh: số liệu phải viết kiểu Việt Nam, dấu \".\" \
                         phân cách hàng nghìn và dấu \",\" là dấu thập phân{hint}"
                    ),
                    format!(
                        "\"{whole}\" is written the English way: figures are written the Vietnamese way, \
                         \".\" grouping thousands and \",\" as the decimal mark{hint_en}"
                    ),
                )
            }
            CellTextError::DotGrouping { whole, as_comma } => {
                let (hint, hint_en) = match as_comma {
                    Some(c) => (
                        format!(" Nếu là số thập phân hãy ghi {c}."),
                        format!(" If it is a decimal, write {c}."),
                    ),
                    None => (String::new(), String::new()),
                };
                pick(
                    format!(
                        "\"{whole}\" không rõ nghĩa: dấu \".\" chỉ dùng để phân cách hàng nghìn (mỗi nhóm \
                         đủ 3 chữ số, ví dụ 12.993), còn dấu thập phân là dấu \",\".{hint}"
                    ),
                    format!(
                        "\"{whole}\" is ambiguous: \".\" only groups thousands (groups of exactly 3 \
                         digits, e.g. 12.993) and the decimal mark is \",\".{hint_en}"
                    ),
                )
            }
            CellTextError::SpaceGrouping { whole } => pick(
                format!(
                    "\"{whole}\" không rõ nghĩa: khoảng trắng giữa các chữ số chỉ dùng để phân cách hàng \
                     nghìn (mỗi nhóm đủ 3 chữ số, ví dụ 12 993)"
                ),
                format!(
                    "\"{whole}\" is ambiguous: a space between digits only groups thousands (groups \
                     of exactly 3 digits, e.g. 12 993)"
                ),
            ),
        }
    }
}

/// What a value cell of an indicator must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Need {
    /// A ratio `ty_le` without parts: numerator/denominator.
    Fraction,
    /// `so_don_vi_dat`: Đạt/Chưa đạt, or a number.
    YesNo,
    /// Anything else: a number.
    Number,
}

impl Need {
    fn render(self, vi: bool) -> &'static str {
        match (self, vi) {
            (Need::Fraction, true) => "cần ghi dạng tử/mẫu, ví dụ 26/27",
            (Need::Fraction, false) => "write it as numerator/denominator, e.g. 26/27",
            (Need::YesNo, true) => "cần ghi Đạt/Chưa đạt (hoặc Có/Không, hoặc một con số)",
            (Need::YesNo, false) => "write Đạt/Chưa đạt (or Có/Không, or a number)",
            (Need::Number, true) => "cần một con số",
            (Need::Number, false) => "a number is expected",
        }
    }
}

/// A figure that reads but cannot be right for its indicator.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Implausible {
    /// Outside the catalog's range (`range` as the catalog shows it).
    OutsideRange {
        code: String,
        shown: String,
        range: String,
    },
    /// A negative value where none is expected.
    Negative {
        code: String,
        shown: String,
        dvt: String,
    },
    /// A percentage outside 0–100%.
    OutsidePercent { code: String, shown: String },
    /// A count with decimals: `vi_shown`/`en_shown` the value as each
    /// language writes it; `meant` the whole number most likely meant
    /// (sign, digits, the number in Vietnamese words).
    FractionalCount {
        code: String,
        vi_shown: String,
        en_shown: String,
        dvt: String,
        meant: Option<(String, u64, String)>,
    },
}

impl Implausible {
    /// The message in `lang`.
    pub fn message(&self, lang: super::Lang) -> String {
        self.render(lang == super::Lang::Vi)
    }

    fn render(&self, vi: bool) -> String {
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            Implausible::OutsideRange { code, shown, range } => pick(
                format!("{code}: {shown} nằm ngoài giới hạn {range} ghi ở danh mục chỉ tiêu"),
                format!("{code}: {shown} is outside the range {range} given in the catalog"),
            ),
            Implausible::Negative { code, shown, dvt } => pick(
                format!(
                    "{code}: số âm ({shown}) ở chỉ tiêu tính bằng \"{dvt}\"; nếu số âm là đúng, hãy ghi giới hạn ở cột \"Giới hạn\" của danh mục chỉ tiêu (ví dụ -100..1000)"
                ),
                format!(
                    "{code}: negative value ({shown}) for an indicator in \"{dvt}\"; if it is right, give the indicator a range in the catalog's \"range\" column (e.g. -100..1000)"
                ),
            ),
            Implausible::OutsidePercent { code, shown } => pick(
                format!(
                    "{code}: {shown} nằm ngoài 0–100%; nếu giá trị này là đúng, hãy ghi giới hạn ở cột \"Giới hạn\" của danh mục chỉ tiêu (ví dụ 0..)"
                ),
                format!(
                    "{code}: {shown} is outside 0–100%; if it is right, give the indicator a range in the catalog's \"range\" column (e.g. 0..)"
                ),
            ),
            Implausible::FractionalCount {
                code,
                vi_shown,
                en_shown,
                dvt,
                meant: Some((sign, m, words)),
            } => pick(
                format!(
                    "{code}: {vi_shown} — nếu là {}{words}, hãy ghi {sign}{m} (chỉ tiêu tính bằng \"{dvt}\" phải là số nguyên)",
                    if sign.is_empty() { "" } else { "âm " },
                ),
                format!(
                    "{code}: {en_shown} — if {sign}{m} was meant, write {sign}{m} (a count of \"{dvt}\" must be a whole number)"
                ),
            ),
            Implausible::FractionalCount {
                code,
                vi_shown,
                en_shown,
                dvt,
                meant: None,
            } => pick(
                format!(
                    "{code}: {vi_shown} không phải số nguyên (chỉ tiêu tính bằng \"{dvt}\" phải là số nguyên)"
                ),
                format!(
                    "{code}: {en_shown} is not a whole number (a count of \"{dvt}\" must be one)"
                ),
            ),
        }
    }
}

/// A value cell that cannot be read for its indicator.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ValueKind {
    /// A plain number for a ratio written as parts.
    NumberForRatio { code: String, shown: String },
    /// A percentage for an indicator measured in something else.
    PercentForUnit {
        code: String,
        shown: String,
        dvt: String,
    },
    /// A figure that cannot be right.
    Implausible(Implausible),
    /// A formula error (`#DIV/0!`).
    FormulaError { error: String, need: Need },
    /// A formula without a saved result (`formula` without `=`, may be
    /// empty).
    Uncalculated { formula: String },
    /// A date.
    Date { date: String, need: Need },
    /// TRUE/FALSE where a number is needed.
    Bool { value: bool, need: Need },
    /// A number the reader cannot hold.
    InvalidNumber { need: Need },
    /// Text; `why` explains a number-like mistake.
    Text {
        text: String,
        need: Need,
        why: Option<CellTextError>,
    },
    /// A fraction whose denominator is 0 or less.
    FractionZeroDenominator { text: String },
    /// A fraction for an indicator that is not a ratio.
    FractionNotRatio {
        text: String,
        code: String,
        need: Need,
    },
    /// A fraction with its numerator above its denominator (a warning).
    NumeratorAbove { text: String },
}

impl ValueKind {
    pub(super) fn render(&self, vi: bool) -> String {
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            ValueKind::NumberForRatio { code, shown } => pick(
                format!(
                    "ô có số {shown} nhưng chỉ tiêu {code} là tỷ lệ: {}",
                    Need::Fraction.render(true)
                ),
                format!(
                    "the cell holds the number {shown} but {code} is a ratio: {}",
                    Need::Fraction.render(false)
                ),
            ),
            ValueKind::PercentForUnit { code, shown, dvt } => pick(
                format!("ô ghi phần trăm ({shown}) nhưng chỉ tiêu {code} tính bằng \"{dvt}\""),
                format!("the cell is a percentage ({shown}) but {code} is measured in \"{dvt}\""),
            ),
            ValueKind::Implausible(i) => i.render(vi),
            ValueKind::FormulaError { error, need } => pick(
                format!("ô có lỗi công thức {error}: {}", need.render(true)),
                format!("the cell holds the error {error}: {}", need.render(false)),
            ),
            ValueKind::Uncalculated { formula } => {
                let shown = if formula.is_empty() {
                    String::new()
                } else {
                    format!(" (={formula})")
                };
                pick(
                    format!(
                        "ô có công thức{shown} nhưng tệp không lưu kết quả đã tính (tệp được tạo bằng chương trình không tính công thức): hãy mở tệp bằng Excel, lưu lại rồi gửi lại"
                    ),
                    format!(
                        "the cell holds a formula{shown} but the file has no saved result for it (written by a program that does not calculate): open the file in Excel, save it and send it again"
                    ),
                )
            }
            ValueKind::Date { date, need } => pick(
                format!(
                    "ô có ngày tháng ({date}) nhưng {}; có thể ô bị định dạng kiểu ngày",
                    need.render(true)
                ),
                format!(
                    "the cell holds a date ({date}) but {}; the cell may be formatted as a date",
                    need.render(false)
                ),
            ),
            ValueKind::Bool { value, need } => {
                let b = if *value { "TRUE" } else { "FALSE" };
                pick(
                    format!("ô có giá trị đúng/sai ({b}) nhưng {}", need.render(true)),
                    format!(
                        "the cell holds a true/false value ({b}) but {}",
                        need.render(false)
                    ),
                )
            }
            ValueKind::InvalidNumber { need } => pick(
                format!("ô có số không hợp lệ: {}", need.render(true)),
                format!("invalid number: {}", need.render(false)),
            ),
            ValueKind::Text { text, need, why } => {
                let why = why
                    .as_ref()
                    .map(|w| format!(": {}", w.render(vi)))
                    .unwrap_or_default();
                pick(
                    format!("ô có chữ \"{text}\" nhưng {}{why}", need.render(true)),
                    format!(
                        "the cell has the text \"{text}\" but {}{why}",
                        need.render(false)
                    ),
                )
            }
            ValueKind::FractionZeroDenominator { text } => pick(
                format!("ô ghi \"{text}\": mẫu số phải lớn hơn 0"),
                format!("the cell says \"{text}\": the denominator must be above 0"),
            ),
            ValueKind::FractionNotRatio { text, code, need } => pick(
                format!(
                    "ô ghi phân số \"{text}\" nhưng chỉ tiêu {code} {}",
                    need.render(true)
                ),
                format!(
                    "the cell holds the fraction \"{text}\" but for {code} {}",
                    need.render(false)
                ),
            ),
            ValueKind::NumeratorAbove { text } => pick(
                format!("tử số lớn hơn mẫu số ({text}): hãy kiểm tra lại"),
                format!("the numerator exceeds the denominator ({text}): please check"),
            ),
        }
    }

    pub(super) fn code(&self) -> &'static str {
        match self {
            ValueKind::NumberForRatio { .. } => "so_cho_ty_le",
            ValueKind::PercentForUnit { .. } => "phan_tram_sai_don_vi",
            ValueKind::Implausible(Implausible::OutsideRange { .. }) => "ngoai_gioi_han",
            ValueKind::Implausible(Implausible::Negative { .. }) => "so_am",
            ValueKind::Implausible(Implausible::OutsidePercent { .. }) => "ngoai_0_100",
            ValueKind::Implausible(Implausible::FractionalCount { .. }) => "so_dem_le",
            ValueKind::FormulaError { .. } => "loi_cong_thuc",
            ValueKind::Uncalculated { .. } => "cong_thuc_chua_tinh",
            ValueKind::Date { .. } => "o_ngay_thang",
            ValueKind::Bool { .. } => "o_dung_sai",
            ValueKind::InvalidNumber { .. } => "so_khong_hop_le",
            ValueKind::Text { .. } => "o_co_chu",
            ValueKind::FractionZeroDenominator { .. } => "mau_so_bang_0",
            ValueKind::FractionNotRatio { .. } => "phan_so_khong_phai_ty_le",
            ValueKind::NumeratorAbove { .. } => "tu_so_lon_hon_mau_so_o",
        }
    }
}
