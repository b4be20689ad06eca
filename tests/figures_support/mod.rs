//! Building reviews and ward submissions in code, for the figures tests.
#![allow(dead_code)]

use rust_decimal::Decimal;
use soket::figures::{self, Figures, IndicatorFigures};
use soket::read::{CellValue, Layout, Reporter, Source, Submission, Value, YearColumn};
use soket::review::{Aggregate, Catalog, Indicator, Review, Settings, Target, Unit};
use soket::vn::Rounding;
use std::collections::BTreeMap;

pub fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}
pub fn n(s: &str) -> CellValue {
    CellValue::Number { so: d(s) }
}
pub fn fr(tu: &str, mau: &str) -> CellValue {
    CellValue::Fraction {
        tu: d(tu),
        mau: d(mau),
    }
}
pub fn yes(dat: bool) -> CellValue {
    CellValue::YesNo { dat }
}

/// A catalog row: `ind("GD01", "ty_le", "%", ">= 95%")`.
pub fn ind(ma: &str, tong_hop: &str, dvt: &str, muc_tieu: &str) -> Indicator {
    Indicator {
        ma: ma.into(),
        ten: format!("Chỉ tiêu {ma}"),
        nhom: "Văn hóa - Xã hội".into(),
        dvt: dvt.into(),
        tong_hop: Aggregate::parse(tong_hop).expect("aggregate"),
        muc_tieu: muc_tieu.into(),
        target: if muc_tieu.is_empty() {
            None
        } else {
            Some(Target::parse(muc_tieu).unwrap())
        },
        so_le: None,
        gioi_han: None,
        ke_hoach: None,
        row: 2,
    }
}

pub const UNITS: &[(&str, &str)] = &[
    ("BUOI", "Phường Bưởi"),
    ("NHAT_TAN", "Phường Nhật Tân"),
    ("QUANG_AN", "Phường Quảng An"),
];

/// A review of the first `n_units` of [`UNITS`], term 2020–2025,
/// baseline 2020, reporting 2022, rounding half away from zero.
pub fn review(indicators: Vec<Indicator>, n_units: usize) -> Review {
    let mut settings = Settings::default();
    settings.so_lieu.ten_don_vi = "quận Tây Hồ".into();
    settings.so_lieu.cap_don_vi = "phường".into();
    settings.so_lieu.nhiem_ky = [2020, 2025];
    settings.so_lieu.nam_goc = 2020;
    settings.so_lieu.nam_bao_cao = 2022;
    settings.so_lieu.lam_tron = Rounding::HalfAwayFromZero;
    settings.bao_cao.ngay = chrono::NaiveDate::from_ymd_opt(2023, 4, 7);
    let units = (0..n_units)
        .map(|i| {
            let (ma, ten) = if i < UNITS.len() {
                (UNITS[i].0.to_string(), UNITS[i].1.to_string())
            } else {
                (format!("P{i}"), format!("Phường {i}"))
            };
            Unit {
                ma,
                ten,
                weights: BTreeMap::new(),
                row: i + 2,
            }
        })
        .collect();
    Review {
        root: "/nonexistent".into(),
        name: "tay-ho".into(),
        settings,
        catalog: Catalog {
            file: "chi-tieu.csv".into(),
            indicators,
        },
        units,
    }
}

/// The column of a year in the sample layout: 2020 is E, 2021 F …
fn column(year: i32) -> char {
    (b'E' + (year - 2020).clamp(0, 20) as u8) as char
}

/// The same column, 0-based.
fn column_index(year: i32) -> usize {
    4 + (year - 2020).clamp(0, 20) as usize
}

/// A workbook of `reporter` holding `cells` (code, year, value); codes
/// get rows 7, 8, … in order of first appearance. Years listed in `uoc`
/// are headed `Ước`.
pub fn submission(
    review: &Review,
    reporter: Reporter,
    cells: &[(&str, i32, CellValue)],
    uoc: &[i32],
) -> Submission {
    let stem = match reporter {
        Reporter::Unit(u) => review.units[u].ma.to_lowercase(),
        Reporter::District => "quan".into(),
    };
    let file = format!("so-lieu/{stem}.xlsx");
    let mut codes: Vec<&str> = Vec::new();
    let mut years: Vec<YearColumn> = Vec::new();
    let mut values = BTreeMap::new();
    for (code, year, value) in cells {
        if !codes.contains(code) {
            codes.push(code);
        }
        if !years.iter().any(|y| y.year == *year) {
            years.push(YearColumn {
                year: *year,
                uoc: uoc.contains(year),
            });
        }
        let row = 7 + codes.iter().position(|c| c == code).unwrap();
        let source = Source {
            file: file.clone(),
            sheet: Some("So lieu".into()),
            cell: Some(format!("{}{row}", column(*year))),
        };
        values.insert(
            (code.to_string(), *year),
            Value {
                value: *value,
                source,
            },
        );
    }
    years.sort();
    let layout = Layout {
        rows: (codes.iter().enumerate())
            .map(|(i, c)| (c.to_string(), 6 + i))
            .collect(),
        cols: years
            .iter()
            .map(|y| (y.year, column_index(y.year)))
            .collect(),
        json_paths: false,
    };
    Submission {
        file,
        sheet: Some("So lieu".into()),
        named_as: None,
        reporter,
        years,
        values,
        layout,
        ky: Default::default(),
    }
}

/// One submission per unit: `per_unit[u]` holds unit u's cells (empty =
/// the unit sent nothing).
pub fn wards(review: &Review, per_unit: Vec<Vec<(&str, i32, CellValue)>>) -> Vec<Submission> {
    per_unit
        .iter()
        .enumerate()
        .filter(|(_, cells)| !cells.is_empty())
        .map(|(u, cells)| submission(review, Reporter::Unit(u), cells, &[]))
        .collect()
}

pub fn compute(review: &Review, subs: &[Submission]) -> (Figures, Vec<soket::check::Problem>) {
    figures::compute(review, subs)
}

/// The figures of the single indicator `ma`.
pub fn one<'a>(figs: &'a Figures, ma: &str) -> &'a IndicatorFigures {
    figs.get(ma).expect("indicator")
}
