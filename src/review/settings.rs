//! `soket.toml`: the review's settings. The keys are fixed by PRODUCT.md.

use crate::check::Problem;
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
            let mut p = Problem::loi(
                format!("tệp cài đặt không đúng cú pháp TOML: {msg}"),
                format!("settings file is not valid TOML: {msg}"),
            )
            .file(file);
            if let Some(span) = e.span() {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                p = p.cell(format!("dòng {line}"));
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
    let settings: Settings = match toml::Value::Table(table).try_into() {
        Ok(s) => s,
        Err(e) => {
            let msg = e.message().to_string();
            problems.push(
                Problem::loi(
                    format!("cài đặt sai: {msg}"),
                    format!("invalid setting: {msg}"),
                )
                .file(file),
            );
            return (None, problems);
        }
    };
    let s = &settings.so_lieu;
    let [from, to] = s.nhiem_ky;
    if from >= to {
        problems.push(
            Problem::loi(
                format!("so_lieu.nhiem_ky = [{from}, {to}]: năm đầu phải nhỏ hơn năm cuối"),
                format!(
                    "so_lieu.nhiem_ky = [{from}, {to}]: the first year must come before the last"
                ),
            )
            .file(file),
        );
        // Every year check below (and every year column of every ward
        // file) would fail against a reversed term: one error is enough.
        return (None, problems);
    }
    for (name, year) in [("nam_goc", s.nam_goc), ("nam_bao_cao", s.nam_bao_cao)] {
        if year < from || year > to {
            problems.push(
                Problem::loi(
                    format!("so_lieu.{name} = {year} nằm ngoài nhiệm kỳ {from} - {to}"),
                    format!("so_lieu.{name} = {year} is outside the term {from} - {to}"),
                )
                .file(file),
            );
        }
    }
    if s.nam_goc > s.nam_bao_cao {
        problems.push(
            Problem::loi(
                format!(
                    "so_lieu.nam_goc ({}) phải trước nam_bao_cao ({})",
                    s.nam_goc, s.nam_bao_cao
                ),
                format!(
                    "so_lieu.nam_goc ({}) must not come after nam_bao_cao ({})",
                    s.nam_goc, s.nam_bao_cao
                ),
            )
            .file(file),
        );
    }
    if s.ten_don_vi.trim().is_empty() {
        problems.push(
            Problem::canh_bao(
                "so_lieu.ten_don_vi trống: không nhận ra được tệp số liệu của cấp quận",
                "so_lieu.ten_don_vi is empty: the district's own workbook cannot be recognised",
            )
            .file(file),
        );
    }
    (Some(settings), problems)
}

fn unknown_key(file: &str, key: &str, hint: Option<&str>) -> Problem {
    let (vi, en) = crate::suggest::hint(hint);
    Problem::canh_bao(
        format!("khóa \"{key}\" không được dùng, bị bỏ qua{vi}"),
        format!("unknown key \"{key}\" is ignored{en}"),
    )
    .file(file)
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
        let text = SAMPLE.replace("nam_goc", "nam_gocc");
        let (s, problems) = parse(&text, "soket.toml");
        assert!(s.is_some());
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].thong_diep,
            "khóa \"so_lieu.nam_gocc\" không được dùng, bị bỏ qua (ý bạn là \"nam_goc\"?)"
        );
        assert!(!problems[0].is_error());
    }

    #[test]
    fn bad_values_are_errors() {
        let text = SAMPLE.replace("\"cat_bo\"", "\"tron\"");
        let (s, problems) = parse(&text, "soket.toml");
        assert!(s.is_none());
        assert!(problems[0].is_error());
        assert!(
            problems[0].thong_diep.starts_with("cài đặt sai:"),
            "{}",
            problems[0].thong_diep
        );
        let text = SAMPLE.replace("nam_bao_cao = 2022", "nam_bao_cao = 2027");
        let (_, problems) = parse(&text, "soket.toml");
        assert_eq!(
            problems[0].thong_diep,
            "so_lieu.nam_bao_cao = 2027 nằm ngoài nhiệm kỳ 2020 - 2025"
        );
    }
}
