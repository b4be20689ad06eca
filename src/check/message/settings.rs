//! Problems of `soket.toml` and of the review folder itself.

use serde::{Deserialize, Serialize};

/// What a key's value must be.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Expected {
    Text,
    TextList,
    Date,
    Year,
    /// `[2020, 2025]`.
    Term,
    /// One of these words.
    OneOf(Vec<String>),
}

impl Expected {
    fn render(&self, vi: bool) -> String {
        match (self, vi) {
            (Expected::Text, true) => "chữ trong dấu ngoặc kép, ví dụ \"…\"".into(),
            (Expected::Text, false) => "text in double quotes, e.g. \"…\"".into(),
            (Expected::TextList, true) => "danh sách chữ, ví dụ [\"Lưu VP\"]".into(),
            (Expected::TextList, false) => "a list of texts, e.g. [\"Lưu VP\"]".into(),
            (Expected::Date, true) => "một ngày, ví dụ 2023-04-07".into(),
            (Expected::Date, false) => "a date, e.g. 2023-04-07".into(),
            (Expected::Year, true) => "một năm, ví dụ 2022".into(),
            (Expected::Year, false) => "a year, e.g. 2022".into(),
            (Expected::Term, true) => "hai năm, ví dụ [2020, 2025]".into(),
            (Expected::Term, false) => "two years, e.g. [2020, 2025]".into(),
            (Expected::OneOf(allowed), _) => {
                let list = allowed
                    .iter()
                    .map(|a| format!("\"{a}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                if vi {
                    format!("một trong {list}")
                } else {
                    format!("one of {list}")
                }
            }
        }
    }
}

/// A problem of the settings (`soket.toml`) or the review folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SettingsKind {
    /// The review folder does not exist.
    NoReviewFolder { path: String },
    /// No `soket.toml`.
    NoSettingsFile,
    /// `soket.toml` is not UTF-8.
    SettingsNotUtf8,
    /// Not TOML; `error` is the TOML reader's own (English) words.
    TomlSyntax { error: String },
    /// A value the settings reader refused, with its (English) words.
    Invalid { error: String },
    /// `so_lieu.ten_don_vi` is empty.
    NoDistrictName,
    /// `[section]` holds a value, not keys.
    NotASection { section: String },
    /// A key whose value has the wrong type (`value` as TOML).
    WrongType {
        key: String,
        value: String,
        expected: Expected,
    },
    /// A term key is missing (`nhiem_ky`, `nam_goc`, `nam_bao_cao`).
    MissingTermKey { key: String },
    /// The term's years outside the years soket reads.
    TermOutOfRange {
        from: i64,
        to: i64,
        lo: i64,
        hi: i64,
    },
    /// The term's first year not before its last.
    TermBackwards { from: i64, to: i64 },
    /// A term longer than `max` years.
    TermTooLong { from: i64, to: i64, max: i64 },
    /// A year key outside the years soket reads.
    YearOutOfRange {
        key: String,
        year: i64,
        lo: i64,
        hi: i64,
    },
    /// A year key outside the term.
    YearOutsideTerm {
        key: String,
        year: i64,
        from: i64,
        to: i64,
    },
    /// `nam_goc` after `nam_bao_cao`.
    BaseAfterReport { goc: i64, bao_cao: i64 },
    /// `so_lieu.ky_bao_cao` is not a period.
    NotAPeriod { text: String },
    /// An unknown key (or section), and the nearest known one.
    UnknownKey {
        key: String,
        nearest: Option<String>,
    },
    /// A key still holding `soket init`'s placeholder (`shown` is its
    /// text).
    Placeholder { key: String, shown: String },
}

impl SettingsKind {
    pub(super) fn render(&self, vi: bool) -> String {
        let pick = |v: String, e: String| if vi { v } else { e };
        const P: char = '…';
        match self {
            SettingsKind::NoReviewFolder { path } => pick(
                format!("không tìm thấy thư mục báo cáo \"{path}\""),
                format!("review folder \"{path}\" not found"),
            ),
            SettingsKind::NoSettingsFile => pick(
                "thiếu tệp cài đặt soket.toml (tạo bằng lệnh: soket init THƯ_MỤC)".into(),
                "missing settings file soket.toml (create one with: soket init DIR)".into(),
            ),
            SettingsKind::SettingsNotUtf8 => pick(
                "tệp cài đặt không phải UTF-8: hãy lưu lại với bảng mã UTF-8".into(),
                "settings file is not UTF-8: save it again as UTF-8".into(),
            ),
            SettingsKind::TomlSyntax { error } => pick(
                format!("tệp cài đặt không đúng cú pháp TOML: {error}"),
                format!("settings file is not valid TOML: {error}"),
            ),
            SettingsKind::Invalid { error } => pick(
                format!("cài đặt sai: {error}"),
                format!("invalid setting: {error}"),
            ),
            SettingsKind::NoDistrictName => pick(
                "so_lieu.ten_don_vi trống: không nhận ra được tệp số liệu của cấp quận".into(),
                "so_lieu.ten_don_vi is empty: the district's own workbook cannot be recognised"
                    .into(),
            ),
            SettingsKind::NotASection { section } => pick(
                format!("[{section}] phải là một mục (dòng \"[{section}]\" rồi các khóa bên dưới)"),
                format!(
                    "[{section}] must be a section (a \"[{section}]\" line with its keys below)"
                ),
            ),
            SettingsKind::WrongType {
                key,
                value,
                expected,
            } => pick(
                format!("{key} = {value}: phải là {}", expected.render(true)),
                format!("{key} = {value}: must be {}", expected.render(false)),
            ),
            SettingsKind::MissingTermKey { key } => {
                let (v, e) = match key.as_str() {
                    "nhiem_ky" => (
                        "nhiệm kỳ, ví dụ nhiem_ky = [2020, 2025]",
                        "the term, e.g. nhiem_ky = [2020, 2025]",
                    ),
                    "nam_goc" => (
                        "năm gốc, ví dụ nam_goc = 2020",
                        "the baseline year, e.g. nam_goc = 2020",
                    ),
                    _ => (
                        "năm báo cáo, ví dụ nam_bao_cao = 2022",
                        "the report year, e.g. nam_bao_cao = 2022",
                    ),
                };
                pick(
                    format!("thiếu so_lieu.{key} ({v}): soket không tự đoán kỳ báo cáo"),
                    format!("so_lieu.{key} is missing ({e}): soket never guesses the period"),
                )
            }
            SettingsKind::TermOutOfRange { from, to, lo, hi } => pick(
                format!("so_lieu.nhiem_ky = [{from}, {to}]: năm phải trong khoảng {lo}–{hi}"),
                format!("so_lieu.nhiem_ky = [{from}, {to}]: years must lie within {lo}–{hi}"),
            ),
            SettingsKind::TermBackwards { from, to } => pick(
                format!("so_lieu.nhiem_ky = [{from}, {to}]: năm đầu phải nhỏ hơn năm cuối"),
                format!(
                    "so_lieu.nhiem_ky = [{from}, {to}]: the first year must come before the last"
                ),
            ),
            SettingsKind::TermTooLong { from, to, max } => pick(
                format!(
                    "so_lieu.nhiem_ky = [{from}, {to}]: nhiệm kỳ dài {} năm, quá {max} năm",
                    to - from
                ),
                format!(
                    "so_lieu.nhiem_ky = [{from}, {to}]: a term of {} years, over {max}",
                    to - from
                ),
            ),
            SettingsKind::YearOutOfRange { key, year, lo, hi } => pick(
                format!("so_lieu.{key} = {year}: năm phải trong khoảng {lo}–{hi}"),
                format!("so_lieu.{key} = {year}: the year must lie within {lo}–{hi}"),
            ),
            SettingsKind::YearOutsideTerm {
                key,
                year,
                from,
                to,
            } => pick(
                format!("so_lieu.{key} = {year} nằm ngoài nhiệm kỳ {from} - {to}"),
                format!("so_lieu.{key} = {year} is outside the term {from} - {to}"),
            ),
            SettingsKind::BaseAfterReport { goc, bao_cao } => pick(
                format!("so_lieu.nam_goc ({goc}) phải trước nam_bao_cao ({bao_cao})"),
                format!("so_lieu.nam_goc ({goc}) must not come after nam_bao_cao ({bao_cao})"),
            ),
            SettingsKind::NotAPeriod { text } => pick(
                format!(
                    "so_lieu.ky_bao_cao = \"{text}\" không phải một kỳ báo cáo (ví dụ \"9 tháng 2026\", \"Quý III/2026\", \"Tháng 10/2026\", \"6 tháng 2026\", \"2026\")"
                ),
                format!(
                    "so_lieu.ky_bao_cao = \"{text}\" is not a reporting period (e.g. \"9 tháng 2026\", \"Quý III/2026\", \"Tháng 10/2026\", \"6 tháng 2026\", \"2026\")"
                ),
            ),
            SettingsKind::UnknownKey { key, nearest } => {
                let (v, e) = crate::suggest::hint(nearest.as_deref());
                pick(
                    format!("khóa \"{key}\" không được dùng, bị bỏ qua{v}"),
                    format!("unknown key \"{key}\" is ignored{e}"),
                )
            }
            SettingsKind::Placeholder { key, shown } => pick(
                format!("{key} còn chỗ trống \"{P}\" (\"{shown}\"): hãy điền thay cho dấu {P}"),
                format!("{key} still holds the placeholder \"{P}\" (\"{shown}\"): fill it in"),
            ),
        }
    }

    pub(super) fn code(&self) -> &'static str {
        match self {
            SettingsKind::NoReviewFolder { .. } => "khong_co_thu_muc_bao_cao",
            SettingsKind::NoSettingsFile => "thieu_tep_cai_dat",
            SettingsKind::SettingsNotUtf8 => "cai_dat_khong_utf8",
            SettingsKind::TomlSyntax { .. } => "cai_dat_sai_cu_phap",
            SettingsKind::Invalid { .. } => "cai_dat_sai",
            SettingsKind::NoDistrictName => "thieu_ten_don_vi",
            SettingsKind::NotASection { .. } => "khong_phai_muc",
            SettingsKind::WrongType { .. } => "sai_kieu_gia_tri",
            SettingsKind::MissingTermKey { .. } => "thieu_khoa_ky",
            SettingsKind::TermOutOfRange { .. } => "nhiem_ky_ngoai_khoang",
            SettingsKind::TermBackwards { .. } => "nhiem_ky_nguoc",
            SettingsKind::TermTooLong { .. } => "nhiem_ky_qua_dai",
            SettingsKind::YearOutOfRange { .. } => "nam_ngoai_khoang",
            SettingsKind::YearOutsideTerm { .. } => "nam_ngoai_nhiem_ky_cai_dat",
            SettingsKind::BaseAfterReport { .. } => "nam_goc_sau_nam_bao_cao",
            SettingsKind::NotAPeriod { .. } => "ky_bao_cao_sai",
            SettingsKind::UnknownKey { .. } => "khoa_khong_dung",
            SettingsKind::Placeholder { .. } => "con_cho_trong",
        }
    }
}
