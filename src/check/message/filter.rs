//! Problems of the Vietnamese template filters (`so`, `pt`, `tien`,
//! `ngay`, `bang_chu`, `la_ma`, `phan_so`, `danh_gia`): the value a filter
//! was given, or its arguments.

use super::CellTextError;
use serde::{Deserialize, Serialize};

/// Why a template filter refused its value or its arguments. `value` is
/// the value as the template engine shows it (`"abc"` with quotes for
/// text, `5` for a number).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FilterError {
    /// None (`undefined` false) or an undefined name: the figure is
    /// missing.
    Missing { filter: String, undefined: bool },
    /// A value that is not a number.
    NotANumber { filter: String, value: String },
    /// Empty text where a number is printed.
    EmptyText { filter: String },
    /// Text that reads as something else than one number (a fraction,
    /// Đạt/Chưa đạt).
    NotOneNumber { filter: String, text: String },
    /// Text that does not read as a value (its reading's words).
    BadText {
        filter: String,
        error: CellTextError,
    },
    /// Text that reads one number the Vietnamese way and another the
    /// machine way ("1.250").
    Ambiguous {
        filter: String,
        text: String,
        vietnamese: String,
        machine: String,
    },
    /// `ngay` given what is not a date.
    NotADate { value: String },
    /// `ngay` given a date pattern that is not valid.
    BadDatePattern { pattern: String },
    /// `bang_chu` given a number too large to read in words.
    TooLargeForWords { value: String },
    /// `la_ma` given what is not a whole number from 1 to 3999.
    NotRoman { value: String },
    /// `danh_gia` given what is not a rating code.
    NotARating { value: String },
    /// An argument given twice (positionally and by name, or under two
    /// names); `filter` empty where the argument is shared by filters.
    Twice { filter: String, arg: String },
}

impl FilterError {
    /// The explanation in `lang`.
    pub fn message(&self, lang: super::Lang) -> String {
        self.render(lang == super::Lang::Vi)
    }

    pub(super) fn render(&self, vi: bool) -> String {
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            FilterError::Missing { filter, undefined } => {
                let what = if *undefined { "undefined" } else { "none" };
                pick(
                    format!(
                        "bộ lọc \"{filter}\": giá trị bị thiếu ({what}) — số liệu này không có, không thể in \
                         thành khoảng trống; hãy kiểm tra tên biến hoặc dùng {{% if … %}}"
                    ),
                    format!(
                        "filter \"{filter}\": the value is missing ({what}) — this figure does not exist \
                         and cannot be printed as a blank; check the variable's name or use {{% if … %}}"
                    ),
                )
            }
            FilterError::NotANumber { filter, value } => pick(
                format!("bộ lọc \"{filter}\": {value} không phải là số"),
                format!("filter \"{filter}\": {value} is not a number"),
            ),
            FilterError::EmptyText { filter } => pick(
                format!("bộ lọc \"{filter}\": giá trị trống, không có số để in"),
                format!("filter \"{filter}\": the value is empty, there is no number to print"),
            ),
            FilterError::NotOneNumber { filter, text } => pick(
                format!("bộ lọc \"{filter}\": \"{text}\" không phải là một số"),
                format!("filter \"{filter}\": \"{text}\" is not a single number"),
            ),
            FilterError::BadText { filter, error } => pick(
                format!("bộ lọc \"{filter}\": {}", error.render(true)),
                format!("filter \"{filter}\": {}", error.render(false)),
            ),
            FilterError::Ambiguous {
                filter,
                text,
                vietnamese,
                machine,
            } => pick(
                format!(
                    "bộ lọc \"{filter}\": chuỗi \"{text}\" có thể là {vietnamese} (kiểu Việt Nam) hoặc \
                     {machine} (kiểu máy); hãy truyền vào một số, không phải chuỗi"
                ),
                format!(
                    "filter \"{filter}\": the text \"{text}\" could be {vietnamese} (the Vietnamese way) \
                     or {machine} (the machine way); pass a number, not text"
                ),
            ),
            FilterError::NotADate { value } => pick(
                format!("bộ lọc \"ngay\": {value} không phải là ngày (ví dụ đúng: \"2023-04-07\")"),
                format!("filter \"ngay\": {value} is not a date (a correct one: \"2023-04-07\")"),
            ),
            FilterError::BadDatePattern { pattern } => pick(
                format!(
                    "bộ lọc \"ngay\": mẫu \"{pattern}\" không hợp lệ (ví dụ đúng: \"%d/%m/%Y\")"
                ),
                format!(
                    "filter \"ngay\": the pattern \"{pattern}\" is not valid (a correct one: \"%d/%m/%Y\")"
                ),
            ),
            FilterError::TooLargeForWords { value } => pick(
                format!("bộ lọc \"bang_chu\": {value} quá lớn để đọc thành chữ"),
                format!("filter \"bang_chu\": {value} is too large to read in words"),
            ),
            FilterError::NotRoman { value } => pick(
                format!(
                    "bộ lọc \"la_ma\": {value} không viết được bằng số La Mã (chỉ số nguyên từ 1 đến 3999)"
                ),
                format!(
                    "filter \"la_ma\": {value} cannot be written in Roman numerals (only whole numbers from 1 to 3999)"
                ),
            ),
            FilterError::NotARating { value } => pick(
                format!(
                    "bộ lọc \"danh_gia\": {value} không phải là mã đánh giá (vuot, dat, \
                     du_kien_dat, chua_dat, khong_danh_gia)"
                ),
                format!(
                    "filter \"danh_gia\": {value} is not a rating code (vuot, dat, \
                     du_kien_dat, chua_dat, khong_danh_gia)"
                ),
            ),
            FilterError::Twice { filter, arg } => {
                let (n_vi, n_en) = if filter.is_empty() {
                    (String::new(), String::new())
                } else {
                    (
                        format!("bộ lọc \"{filter}\": "),
                        format!("filter \"{filter}\": "),
                    )
                };
                pick(
                    format!("{n_vi}\"{arg}\" được truyền hai lần"),
                    format!("{n_en}\"{arg}\" is given twice"),
                )
            }
        }
    }
}

impl std::fmt::Display for FilterError {
    /// The Vietnamese words: the template engine's own message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(true))
    }
}

/// Carried as the source of the template engine's error, so that whoever
/// reports it can say it in either language.
impl std::error::Error for FilterError {}
