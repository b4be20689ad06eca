//! `soket.toml`: the review's settings. The keys are fixed by PRODUCT.md.

use crate::check::{Expected, Kind, Place, Problem, SettingsKind};
use crate::suggest::nearest;
use crate::vn::Rounding;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Document format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TheThuc {
    /// Party documents, Hướng dẫn 36-HD/VPTW.
    #[default]
    Dang,
    /// State documents, Decree 30/2020/NĐ-CP.
    NhaNuoc,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct BaoCao {
    pub co_quan_cap_tren: String,
    pub co_quan: String,
    pub the_thuc: TheThuc,
    pub so_ky_hieu: String,
    pub dia_danh: String,
    /// Serialized as "2023-04-07".
    #[serde(deserialize_with = "toml_date")]
    pub ngay: Option<NaiveDate>,
    pub tieu_de: String,
    pub quyen_han_ky: String,
    pub chuc_vu_ky: String,
    pub nguoi_ky: String,
    pub noi_nhan: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SoLieu {
    pub ten_don_vi: String,
    pub cap_don_vi: String,
    pub nhiem_ky: [i32; 2],
    pub nam_goc: i32,
    pub nam_bao_cao: i32,
    pub lam_tron: Rounding,
    /// The period of a periodic review ("9 tháng 2026", "Quý III/2026",
    /// "2026"), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ky_bao_cao: Option<String>,
    /// `ky_bao_cao` understood.
    #[serde(skip)]
    pub ky: Option<crate::vn::period::Period>,
    /// The review has a term (`nhiem_ky`): a term review, or a periodic
    /// one that also reports on the term. Without it, every year column is
    /// read and the catalog's target is the report period's.
    #[serde(skip)]
    pub co_nhiem_ky: bool,
    /// A roll-up only: the level word of the units under its units
    /// ("phường" under a city's districts), so that its figures say how
    /// many of those reported ("120/126 phường báo cáo"), not only how many
    /// districts did.
    #[serde(skip)]
    pub cap_duoi: Option<String>,
}

impl Default for SoLieu {
    fn default() -> Self {
        SoLieu {
            ten_don_vi: String::new(),
            cap_don_vi: "phường".into(),
            nhiem_ky: [2020, 2025],
            nam_goc: 2020,
            nam_bao_cao: 2022,
            lam_tron: Rounding::HalfAwayFromZero,
            ky_bao_cao: None,
            ky: None,
            co_nhiem_ky: true,
            cap_duoi: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Settings {
    #[serde(default)]
    pub bao_cao: BaoCao,
    #[serde(default)]
    pub so_lieu: SoLieu,
}

/// TOML has its own date type; accept it or a "2023-04-07" string.
fn toml_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    use serde::de::Error;
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let text = match Either::deserialize(d)? {
        Either::Toml(dt) => match dt.date {
            Some(date) if dt.time.is_none() => {
                format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
            }
            _ => return Err(D::Error::custom("ngay phải là một ngày, ví dụ 2023-04-07")),
        },
        Either::Text(t) => t,
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| D::Error::custom(format!("ngay \"{text}\" không phải ngày dạng 2023-04-07")))
}

const KNOWN: &[(&str, &[&str])] = &[
    (
        "bao_cao",
        &[
            "co_quan_cap_tren",
            "co_quan",
            "the_thuc",
            "so_ky_hieu",
            "dia_danh",
            "ngay",
            "tieu_de",
            "quyen_han_ky",
            "chuc_vu_ky",
            "nguoi_ky",
            "noi_nhan",
        ],
    ),
    (
        "so_lieu",
        &[
            "ten_don_vi",
            "cap_don_vi",
            "nhiem_ky",
            "nam_goc",
            "nam_bao_cao",
            "lam_tron",
            "ky_bao_cao",
        ],
    ),
];

/// Parse `soket.toml`. Unknown keys are warnings naming the nearest known
/// key; a wrong type or an impossible value is an error.
pub fn parse(text: &str, file: &str) -> (Option<Settings>, Vec<Problem>) {
    let mut problems = Vec::new();
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let msg = e.message().to_string();
            let mut p =
                Problem::error(Kind::Settings(SettingsKind::TomlSyntax { error: msg })).file(file);
            if let Some(span) = e.span() {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                p = p.cell(Place::Line(line));
            }
            return (None, vec![p]);
        }
    };
    for (section, value) in &table {
        let Some((_, keys)) = KNOWN.iter().find(|(s, _)| s == section) else {
            let hint = nearest(section, KNOWN.iter().map(|(s, _)| *s));
            problems.push(unknown_key(file, section, hint));
            continue;
        };
        if let toml::Value::Table(t) = value {
            for key in t.keys() {
                if !keys.contains(&key.as_str()) {
                    let hint = nearest(key, keys.iter().copied());
                    problems.push(unknown_key(file, &format!("{section}.{key}"), hint));
                }
            }
        }
    }
    let mut invalid = check_types(&table, file);
    if invalid.is_empty() {
        let empty = toml::Table::new();
        let so_lieu = table
            .get("so_lieu")
            .and_then(toml::Value::as_table)
            .unwrap_or(&empty);
        invalid = check_period(so_lieu, file);
    }
    if !invalid.is_empty() {
        problems.extend(invalid);
        return (None, problems);
    }
    let table_keys: Vec<String> = match table.get("so_lieu") {
        Some(toml::Value::Table(t)) => t.keys().cloned().collect(),
        _ => Vec::new(),
    };
    let settings: Settings = match toml::Value::Table(table).try_into() {
        Ok(s) => s,
        Err(e) => {
            let msg = e.message().to_string();
            problems.push(
                Problem::error(Kind::Settings(SettingsKind::Invalid { error: msg })).file(file),
            );
            return (None, problems);
        }
    };
    let mut settings = settings;
    if !periodic(&table_keys, &mut settings.so_lieu, file, &mut problems) {
        return (None, problems);
    }
    let s = &settings.so_lieu;
    if s.ten_don_vi.trim().is_empty() {
        problems.push(Problem::warning(Kind::Settings(SettingsKind::NoDistrictName)).file(file));
    }
    (Some(settings), problems)
}

/// What a key's value must be.
#[derive(Clone, Copy)]
enum Type {
    Text,
    TextList,
    Date,
    Year,
    /// `[2020, 2025]`.
    Term,
    OneOf(&'static [&'static str]),
}

/// The type of every key whose value is not free text.
const TYPES: &[(&str, &str, Type)] = &[
    ("bao_cao", "the_thuc", Type::OneOf(&["dang", "nha_nuoc"])),
    ("bao_cao", "ngay", Type::Date),
    ("bao_cao", "noi_nhan", Type::TextList),
    ("so_lieu", "nhiem_ky", Type::Term),
    ("so_lieu", "nam_goc", Type::Year),
    ("so_lieu", "nam_bao_cao", Type::Year),
    ("so_lieu", "lam_tron", Type::OneOf(&["gan_nhat", "cat_bo"])),
];

/// Every known key whose value has the wrong type: one error each, naming
/// the key, what it holds and what it may hold (`so_lieu.lam_tron = 2`).
fn check_types(table: &toml::Table, file: &str) -> Vec<Problem> {
    use toml::Value as V;
    let mut problems = Vec::new();
    for (section, keys) in KNOWN {
        let Some(t) = table.get(*section) else {
            continue;
        };
        let Some(t) = t.as_table() else {
            problems.push(
                Problem::error(Kind::Settings(SettingsKind::NotASection {
                    section: section.to_string(),
                }))
                .file(file),
            );
            continue;
        };
        for key in *keys {
            let Some(v) = t.get(*key) else { continue };
            let kind = TYPES
                .iter()
                .find(|(s, k, _)| s == section && k == key)
                .map_or(Type::Text, |t| t.2);
            let ok = match kind {
                Type::Text => v.is_str(),
                Type::TextList => v.as_array().is_some_and(|a| a.iter().all(V::is_str)),
                Type::Date => matches!(v, V::Datetime(_) | V::String(_)),
                Type::Year => v.is_integer(),
                Type::Term => v
                    .as_array()
                    .is_some_and(|a| a.len() == 2 && a.iter().all(V::is_integer)),
                Type::OneOf(allowed) => v.as_str().is_some_and(|s| allowed.contains(&s)),
            };
            if ok {
                continue;
            }
            let expected = match kind {
                Type::Text => Expected::Text,
                Type::TextList => Expected::TextList,
                Type::Date => Expected::Date,
                Type::Year => Expected::Year,
                Type::Term => Expected::Term,
                Type::OneOf(allowed) => {
                    Expected::OneOf(allowed.iter().map(|a| a.to_string()).collect())
                }
            };
            problems.push(
                Problem::error(Kind::Settings(SettingsKind::WrongType {
                    key: format!("{section}.{key}"),
                    value: v.to_string(),
                    expected,
                }))
                .file(file),
            );
        }
    }
    problems
}

/// Earliest and latest year accepted anywhere in the settings.
pub const YEARS: std::ops::RangeInclusive<i64> = 1900..=2100;

/// Longest term, in years (a Vietnamese term is five).
pub const MAX_TERM_YEARS: i64 = 10;

/// The review's period, never guessed: a term review names `nhiem_ky`,
/// `nam_goc` and `nam_bao_cao`. The first thing wrong is one error naming
/// its key (a wrong term would make every later check fail too). Types are
/// already checked.
fn check_period(so_lieu: &toml::Table, file: &str) -> Vec<Problem> {
    let err = |kind: SettingsKind| vec![Problem::error(Kind::Settings(kind)).file(file)];
    // A periodic review names `ky_bao_cao` (checked by `periodic`); its
    // term keys are optional, and checked when the term is given.
    let periodic = so_lieu.contains_key("ky_bao_cao");
    if periodic && !so_lieu.contains_key("nhiem_ky") {
        return Vec::new();
    }
    let missing: Vec<Problem> = ["nhiem_ky", "nam_goc", "nam_bao_cao"]
        .iter()
        .filter(|key| !so_lieu.contains_key(**key) && !periodic)
        .map(|key| {
            Problem::error(Kind::Settings(SettingsKind::MissingTermKey {
                key: key.to_string(),
            }))
            .file(file)
        })
        .collect();
    if !missing.is_empty() {
        return missing;
    }
    let int = |key: &str| {
        so_lieu
            .get(key)
            .and_then(toml::Value::as_integer)
            .unwrap_or(0)
    };
    let term: Vec<i64> = so_lieu["nhiem_ky"]
        .as_array()
        .map(|a| a.iter().filter_map(toml::Value::as_integer).collect())
        .unwrap_or_default();
    let (from, to) = (term[0], term[1]);
    let (goc, bao_cao) = (int("nam_goc"), int("nam_bao_cao"));
    let (lo, hi) = (YEARS.start(), YEARS.end());
    if !YEARS.contains(&from) || !YEARS.contains(&to) {
        return err(SettingsKind::TermOutOfRange {
            from,
            to,
            lo: *lo,
            hi: *hi,
        });
    }
    if from >= to {
        return err(SettingsKind::TermBackwards { from, to });
    }
    if to - from > MAX_TERM_YEARS {
        return err(SettingsKind::TermTooLong {
            from,
            to,
            max: MAX_TERM_YEARS,
        });
    }
    for (name, year) in [("nam_goc", goc), ("nam_bao_cao", bao_cao)] {
        if !so_lieu.contains_key(name) {
            continue;
        }
        if !YEARS.contains(&year) {
            return err(SettingsKind::YearOutOfRange {
                key: name.into(),
                year,
                lo: *lo,
                hi: *hi,
            });
        }
        if year < from || year > to {
            return err(SettingsKind::YearOutsideTerm {
                key: name.into(),
                year,
                from,
                to,
            });
        }
    }
    if goc > bao_cao && so_lieu.contains_key("nam_goc") && so_lieu.contains_key("nam_bao_cao") {
        return err(SettingsKind::BaseAfterReport { goc, bao_cao });
    }
    Vec::new()
}

/// `so_lieu.ky_bao_cao`: understood into `ky`; without `nhiem_ky` the
/// review has no term, and the report year and the year before stand in
/// for `nam_bao_cao` and `nam_goc` when those are not given (so that the
/// `nam` figures compare the report year with the one before). False when
/// the period cannot be understood (an error naming the key).
fn periodic(keys: &[String], s: &mut SoLieu, file: &str, problems: &mut Vec<Problem>) -> bool {
    let given = |k: &str| keys.iter().any(|x| x == k);
    let Some(text) = s.ky_bao_cao.clone() else {
        s.co_nhiem_ky = true;
        return true;
    };
    let Some(p) = crate::vn::period::Period::parse(&text) else {
        problems.push(Problem::error(Kind::Settings(SettingsKind::NotAPeriod { text })).file(file));
        return false;
    };
    s.ky = Some(p);
    s.co_nhiem_ky = given("nhiem_ky");
    if !given("nam_bao_cao") {
        s.nam_bao_cao = p.year;
    }
    if !given("nam_goc") {
        s.nam_goc = if s.co_nhiem_ky {
            s.nhiem_ky[0]
        } else {
            p.year - 1
        };
    }
    if !s.co_nhiem_ky {
        s.nhiem_ky = [s.nam_goc.min(p.year - 1), p.year];
    }
    true
}

fn unknown_key(file: &str, key: &str, hint: Option<&str>) -> Problem {
    Problem::warning(Kind::Settings(SettingsKind::UnknownKey {
        key: key.into(),
        nearest: hint.map(str::to_string),
    }))
    .file(file)
}

/// The placeholder `soket init` writes for what only the office knows.
pub const PLACEHOLDER: char = '…';

/// Every setting still holding the placeholder `…` is an error naming its
/// key and line: a report must not go out as "ỦY BAN NHÂN DÂN QUẬN …".
/// Comments are not values, so a `…` in a comment is no problem.
pub fn placeholders(text: &str, file: &str) -> Vec<Problem> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (section, value) in &table {
        let toml::Value::Table(t) = value else {
            continue;
        };
        for (key, v) in t {
            let texts: Vec<&str> = match v {
                toml::Value::String(s) => vec![s.as_str()],
                toml::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
                _ => vec![],
            };
            let Some(shown) = texts.into_iter().find(|s| s.contains(PLACEHOLDER)) else {
                continue;
            };
            let mut p = Problem::error(Kind::Settings(SettingsKind::Placeholder {
                key: format!("{section}.{key}"),
                shown: shown.to_string(),
            }))
            .file(file);
            let line = key_line(text, section, key);
            if let Some(line) = line {
                p = p.cell(Place::Line(line));
            }
            problems.push((line, p));
        }
    }
    // In the order of the file, as the clerk reads it.
    problems.sort_by_key(|(line, _)| *line);
    problems.into_iter().map(|(_, p)| p).collect()
}

/// The 1-based line of `key = …` inside `[section]`.
fn key_line(text: &str, section: &str, key: &str) -> Option<usize> {
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.starts_with('[') {
            inside = l.trim_start_matches('[').split(']').next().map(str::trim) == Some(section);
            continue;
        }
        if inside
            && l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[bao_cao]
co_quan_cap_tren = "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
co_quan = "QUẬN ỦY TÂY HỒ"
the_thuc = "dang"
so_ky_hieu = "45-BC/QU"
dia_danh = "Tây Hồ"
ngay = 2023-04-07
tieu_de = "Sơ kết"
quyen_han_ky = "T/M BAN THƯỜNG VỤ"
chuc_vu_ky = "BÍ THƯ"
nguoi_ky = "Lê Thị Thu Hằng"
noi_nhan = ["Thường trực Thành ủy", "Lưu VPQU"]

[so_lieu]
ten_don_vi = "quận Tây Hồ"
cap_don_vi = "phường"
nhiem_ky = [2020, 2025]
nam_goc = 2020
nam_bao_cao = 2022
lam_tron = "cat_bo"
"#;

    #[test]
    fn reads_every_key() {
        let (s, problems) = parse(SAMPLE, "soket.toml");
        assert!(problems.is_empty(), "{problems:?}");
        let s = s.unwrap();
        assert_eq!(s.bao_cao.ngay, NaiveDate::from_ymd_opt(2023, 4, 7));
        assert_eq!(s.bao_cao.the_thuc, TheThuc::Dang);
        assert_eq!(s.so_lieu.lam_tron, Rounding::Truncate);
        assert_eq!(s.so_lieu.nhiem_ky, [2020, 2025]);
        assert_eq!(s.bao_cao.noi_nhan.len(), 2);
    }

    #[test]
    fn unknown_keys_name_the_nearest_known_key() {
        // (nam_goc misspelt would also be missing: cap_don_vi is optional.)
        let text = SAMPLE.replace("cap_don_vi", "cap_don_vii");
        let (s, problems) = parse(&text, "soket.toml");
        assert!(s.is_some());
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].thong_diep(),
            "khóa \"so_lieu.cap_don_vii\" không được dùng, bị bỏ qua (ý bạn là \"cap_don_vi\"?)"
        );
        assert!(!problems[0].is_error());
    }

    #[test]
    fn bad_values_are_errors() {
        let text = SAMPLE.replace("nam_bao_cao = 2022", "nam_bao_cao = 2027");
        let (_, problems) = parse(&text, "soket.toml");
        assert_eq!(
            problems[0].thong_diep(),
            "so_lieu.nam_bao_cao = 2027 nằm ngoài nhiệm kỳ 2020 - 2025"
        );
    }

    /// Each broken setting is one error naming its key (vi, en), and the
    /// settings are not used.
    #[test]
    fn a_missing_impossible_or_mistyped_period_is_one_error_naming_its_key() {
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "a missing report year",
                "nam_bao_cao = 2022\n",
                "thiếu so_lieu.nam_bao_cao (năm báo cáo, ví dụ nam_bao_cao = 2022): soket không tự đoán kỳ báo cáo",
                "so_lieu.nam_bao_cao is missing (the report year, e.g. nam_bao_cao = 2022): soket never guesses the period",
            ),
            (
                "a missing baseline year",
                "nam_goc = 2020\n",
                "thiếu so_lieu.nam_goc (năm gốc, ví dụ nam_goc = 2020): soket không tự đoán kỳ báo cáo",
                "so_lieu.nam_goc is missing (the baseline year, e.g. nam_goc = 2020): soket never guesses the period",
            ),
            (
                "a missing term",
                "nhiem_ky = [2020, 2025]\n",
                "thiếu so_lieu.nhiem_ky (nhiệm kỳ, ví dụ nhiem_ky = [2020, 2025]): soket không tự đoán kỳ báo cáo",
                "so_lieu.nhiem_ky is missing (the term, e.g. nhiem_ky = [2020, 2025]): soket never guesses the period",
            ),
        ];
        for (name, line, vi, en) in cases {
            let (s, problems) = parse(&SAMPLE.replace(line, ""), "soket.toml");
            assert!(s.is_none(), "{name}");
            assert_eq!(problems.len(), 1, "{name}: {problems:?}");
            assert!(problems[0].is_error(), "{name}");
            assert_eq!(problems[0].thong_diep(), *vi, "{name}");
            assert_eq!(problems[0].message_en(), *en, "{name}");
        }
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "a year before 1900",
                "nhiem_ky = [2020, 2025]",
                "nhiem_ky = [1825, 1830]",
                "so_lieu.nhiem_ky = [1825, 1830]: năm phải trong khoảng 1900–2100",
            ),
            (
                "a term of 2^31 years",
                "nhiem_ky = [2020, 2025]",
                "nhiem_ky = [-2147483648, 2147483647]",
                "so_lieu.nhiem_ky = [-2147483648, 2147483647]: năm phải trong khoảng 1900–2100",
            ),
            (
                "a term longer than ten years",
                "nhiem_ky = [2020, 2025]",
                "nhiem_ky = [1920, 2025]",
                "so_lieu.nhiem_ky = [1920, 2025]: nhiệm kỳ dài 105 năm, quá 10 năm",
            ),
            (
                "a baseline year a century before the term",
                "nam_goc = 2020",
                "nam_goc = 1925",
                "so_lieu.nam_goc = 1925 nằm ngoài nhiệm kỳ 2020 - 2025",
            ),
            (
                "a report year past 2100",
                "nam_bao_cao = 2022",
                "nam_bao_cao = 99999",
                "so_lieu.nam_bao_cao = 99999: năm phải trong khoảng 1900–2100",
            ),
            (
                "a baseline year after the report year",
                "nam_goc = 2020",
                "nam_goc = 2024",
                "so_lieu.nam_goc (2024) phải trước nam_bao_cao (2022)",
            ),
            (
                "a reversed term",
                "nhiem_ky = [2020, 2025]",
                "nhiem_ky = [2025, 2020]",
                "so_lieu.nhiem_ky = [2025, 2020]: năm đầu phải nhỏ hơn năm cuối",
            ),
            (
                "a rounding given as a number",
                "lam_tron = \"cat_bo\"",
                "lam_tron = 2",
                "so_lieu.lam_tron = 2: phải là một trong \"gan_nhat\", \"cat_bo\"",
            ),
            (
                "a rounding that does not exist",
                "lam_tron = \"cat_bo\"",
                "lam_tron = \"tron\"",
                "so_lieu.lam_tron = \"tron\": phải là một trong \"gan_nhat\", \"cat_bo\"",
            ),
            (
                "a year written as text",
                "nam_goc = 2020",
                "nam_goc = \"2020\"",
                "so_lieu.nam_goc = \"2020\": phải là một năm, ví dụ 2022",
            ),
            (
                "a term of one year",
                "nhiem_ky = [2020, 2025]",
                "nhiem_ky = 2020",
                "so_lieu.nhiem_ky = 2020: phải là hai năm, ví dụ [2020, 2025]",
            ),
            (
                "a format that does not exist",
                "the_thuc = \"dang\"",
                "the_thuc = \"dảng\"",
                "bao_cao.the_thuc = \"dảng\": phải là một trong \"dang\", \"nha_nuoc\"",
            ),
            (
                "a title given as a number",
                "tieu_de = \"Sơ kết\"",
                "tieu_de = 5",
                "bao_cao.tieu_de = 5: phải là chữ trong dấu ngoặc kép, ví dụ \"…\"",
            ),
        ];
        for (name, from, to, vi) in cases {
            let text = SAMPLE.replace(from, to);
            assert_ne!(text, SAMPLE, "{name}");
            let (s, problems) = parse(&text, "soket.toml");
            assert!(s.is_none(), "{name}");
            assert_eq!(problems.len(), 1, "{name}: {problems:?}");
            assert!(problems[0].is_error(), "{name}");
            assert_eq!(problems[0].thong_diep(), *vi, "{name}");
        }
        let (_, p) = parse(
            &SAMPLE.replace("lam_tron = \"cat_bo\"", "lam_tron = 2"),
            "x",
        );
        assert_eq!(
            p[0].message_en(),
            "so_lieu.lam_tron = 2: must be one of \"gan_nhat\", \"cat_bo\""
        );
    }
}
