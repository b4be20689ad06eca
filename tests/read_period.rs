//! Period and plan columns of unit sheets (PRODUCT.md, "Periodic
//! reviews"), in every file format, on one or two header rows.

use crate::read_common;
use read_common::*;
use soket::read::period::{Col, Period};
use soket::read::ward;
use std::path::Path;

const PERIODIC_SETTINGS: &str = r#"
[bao_cao]
co_quan = "UBND PHƯỜNG LONG BIÊN"
ngay = 2026-10-05

[so_lieu]
ten_don_vi = "quận Long Biên"
cap_don_vi = "phường"
ky_bao_cao = "9 tháng 2026"
"#;

/// A periodic review folder (report period 9 months of 2026, no term).
fn periodic_dir() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = review_dir();
    std::fs::write(dir.join("soket.toml"), PERIODIC_SETTINGS).unwrap();
    (tmp, dir)
}

/// One header row: every form of the table and what offices write beside
/// them; an unreadable period heading (J) and a note column (M).
fn one_row_sheet() -> Vec<Vec<C>> {
    vec![
        vec![S("ỦY BAN NHÂN DÂN PHƯỜNG BỒ ĐỀ")],
        vec![S("Đơn vị: Phường Bồ Đề")],
        vec![],
        vec![
            S("STT"),
            S("Mã"),
            S("Tên chỉ tiêu"),
            S("Đơn vị tính"),
            S("Tháng 9/2026"),
            S("Quý III/2026"),
            S("Lũy kế 9 tháng 2025"),
            S("9 tháng đầu năm 2026"),
            S("Ước TH cả năm 2026"),
            S("6 tháng cuối năm 2026"),
            S("KH 2026"),
            N(2025.0),
            S("Ghi chú"),
        ],
        vec![
            N(1.0),
            S("KT01"),
            S("Thu ngân sách"),
            S("tỷ đồng"),
            N(120.0),
            S("350,5"),
            N(900.0),
            S("1.025,5"),
            N(1400.0),
            N(1.0),
            N(1300.0),
            N(1250.0),
            S("đã kiểm tra"),
        ],
        vec![
            N(2.0),
            S("GD01"),
            S("Trường đạt chuẩn"),
            S("trường"),
            E,
            E,
            S("25/27"),
            S("26/27"),
            E,
            E,
            S("27/27"),
            S("25/27"),
        ],
    ]
}

/// Two header rows: "Năm 2026" merged over "Kế hoạch" and "Ước TH",
/// "9 tháng" over "2025" and "2026", "Quý 3 năm" over "2026".
fn two_row_sheet() -> Vec<Vec<C>> {
    vec![
        vec![S("ỦY BAN NHÂN DÂN PHƯỜNG BỒ ĐỀ")],
        vec![S("Đơn vị: Phường Bồ Đề")],
        vec![],
        vec![
            S("STT"),
            S("Mã"),
            S("Tên chỉ tiêu"),
            S("Đơn vị tính"),
            S("Năm 2026"),
            E,
            S("9 tháng"),
            E,
            S("Quý 3 năm"),
            S("Ghi chú"),
        ],
        vec![
            E,
            E,
            E,
            E,
            S("Kế hoạch"),
            S("Ước TH"),
            N(2025.0),
            N(2026.0),
            N(2026.0),
        ],
        vec![
            N(1.0),
            S("KT01"),
            S("Thu ngân sách"),
            S("tỷ đồng"),
            N(1300.0),
            N(1400.0),
            N(900.0),
            S("1.025,5"),
            S("350,5"),
        ],
        vec![
            N(2.0),
            S("GD01"),
            S("Trường đạt chuẩn"),
            S("trường"),
            S("27/27"),
            E,
            S("25/27"),
            S("26/27"),
        ],
    ]
}

fn csv_of(rows: &[Vec<C>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                S(s) => format!("\"{s}\""),
                N(n) => n.to_string(),
                _ => String::new(),
            })
            .collect();
        // An empty line would be skipped: a blank row keeps its place.
        let line = if cells.is_empty() {
            "\"\"".into()
        } else {
            cells.join(",")
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A sheet "So lieu" of so-lieu/bo-de.xlsx with the columns `headings`
/// after "Mã" and KT01's `values` under them, read.
fn read_kt01(dir: &Path, headings: &[&'static str], values: &[f64]) -> (Vec<String>, Vec<String>) {
    let rows = vec![
        std::iter::once(S("Mã"))
            .chain(headings.iter().copied().map(S))
            .collect(),
        std::iter::once(S("KT01"))
            .chain(values.iter().map(|v| N(*v)))
            .collect(),
    ];
    write_xlsx(&dir.join("so-lieu/bo-de.xlsx"), &[("So lieu", rows)], false);
    read(dir, "so-lieu/bo-de.xlsx")
}

/// Every value read, as "column key: code = value @ cell".
fn read(dir: &Path, rel: &str) -> (Vec<String>, Vec<String>) {
    let review = load(dir);
    let (sub, problems) = ward::read_file(&review, &dir.join(rel), rel);
    let sub = sub.unwrap_or_else(|| panic!("{rel}: {:#?}", messages(&problems)));
    let mut out = Vec::new();
    let cols = sub
        .years
        .iter()
        .map(|y| (Col::year(y.year), y.uoc))
        .chain(sub.ky.columns.iter().map(|(p, uoc)| (Col::Ky(*p), *uoc)))
        .chain(sub.ky.plan_years.iter().map(|y| (Col::KeHoach(*y), false)));
    for (col, uoc) in cols {
        let name = match col {
            Col::Ky(p) => p.key(),
            Col::KeHoach(y) => format!("KH {y}"),
        };
        for code in ["KT01", "GD01"] {
            let cell = sub.source_of_col(code, col).cell.unwrap_or_default();
            let v = match sub.cell(code, col).map(|v| v.value) {
                Some(soket::read::CellValue::Number { so }) => so.to_string(),
                Some(soket::read::CellValue::Fraction { tu, mau }) => format!("{tu}/{mau}"),
                Some(other) => format!("{other:?}"),
                None => "-".into(),
            };
            let uoc = if uoc { " (ước)" } else { "" };
            out.push(format!("{name}{uoc}: {code} = {v} @ {cell}"));
        }
    }
    (out, messages(&problems))
}

const ONE_ROW: &[&str] = &[
    "2026 (ước): KT01 = 1400 @ I5",
    "2026 (ước): GD01 = - @ I6",
    "2025: KT01 = 1250 @ L5",
    "2025: GD01 = 25/27 @ L6",
    "T9/2026: KT01 = 120 @ E5",
    "T9/2026: GD01 = - @ E6",
    "Q3/2026: KT01 = 350.5 @ F5",
    "Q3/2026: GD01 = - @ F6",
    "9T/2025: KT01 = 900 @ G5",
    "9T/2025: GD01 = 25/27 @ G6",
    "9T/2026: KT01 = 1025.5 @ H5",
    "9T/2026: GD01 = 26/27 @ H6",
    "KH 2026: KT01 = 1300 @ K5",
    "KH 2026: GD01 = 27/27 @ K6",
];

const TWO_ROWS: &[&str] = &[
    "2026 (ước): KT01 = 1400 @ F6",
    "2026 (ước): GD01 = - @ F7",
    "9T/2025: KT01 = 900 @ G6",
    "9T/2025: GD01 = 25/27 @ G7",
    "9T/2026: KT01 = 1025.5 @ H6",
    "9T/2026: GD01 = 26/27 @ H7",
    "Q3/2026: KT01 = 350.5 @ I6",
    "Q3/2026: GD01 = - @ I7",
    "KH 2026: KT01 = 1300 @ E6",
    "KH 2026: GD01 = 27/27 @ E7",
];

const UNCLEAR: &str = "CanhBao so-lieu/bo-de.{ext}!J4: tiêu đề cột \"6 tháng cuối năm 2026\" có vẻ là một kỳ báo cáo nhưng không đọc được: cột bị bỏ qua (hãy ghi ví dụ \"Tháng 10/2026\", \"Quý III/2026\", \"9 tháng 2026\", \"Ước cả năm 2026\", \"Kế hoạch 2026\")";

#[test]
fn period_and_plan_columns_are_read_in_xlsx_and_csv_on_one_or_two_header_rows() {
    for (name, rows, want) in [
        ("one header row", one_row_sheet(), ONE_ROW),
        ("two header rows", two_row_sheet(), TWO_ROWS),
    ] {
        for ext in ["xlsx", "csv"] {
            let (_tmp, dir) = periodic_dir();
            let rel = format!("so-lieu/bo-de.{ext}");
            if ext == "csv" {
                std::fs::write(dir.join(&rel), csv_of(&rows)).unwrap();
            } else {
                write_xlsx(&dir.join(&rel), &[("So lieu", rows.clone())], false);
            }
            let (got, problems) = read(&dir, &rel);
            assert_eq!(got, want, "{name}, {ext}");
            let sheet = if ext == "csv" { "" } else { "!So lieu" };
            let unclear = UNCLEAR.replace("{ext}", &format!("{ext}{sheet}"));
            let want_problems: Vec<String> = if name == "one header row" {
                vec![unclear]
            } else {
                vec![]
            };
            assert_eq!(problems, want_problems, "{name}, {ext}");
        }
    }
}

/// The committed `.xls` and `.ods` fixtures are LibreOffice's conversions
/// of the sheets above (see `make_period_fixture_sources`).
#[test]
fn period_and_plan_columns_are_read_in_xls_and_ods() {
    for (stem, want, unclear) in [
        ("period-one-row", ONE_ROW, true),
        ("period-two-rows", TWO_ROWS, false),
    ] {
        for ext in ["xls", "ods"] {
            let (_tmp, dir) = periodic_dir();
            let rel = format!("so-lieu/bo-de.{ext}");
            std::fs::copy(format!("tests/data/{stem}.{ext}"), dir.join(&rel)).unwrap();
            let (got, problems) = read(&dir, &rel);
            assert_eq!(got, want, "{stem}.{ext}");
            let want_problems: Vec<String> = if unclear {
                vec![UNCLEAR.replace("{ext}", &format!("{ext}!So lieu"))]
            } else {
                vec![]
            };
            assert_eq!(problems, want_problems, "{stem}.{ext}");
        }
    }
}

/// Writes `tests/data/period-one-row.xlsx` and `period-two-rows.xlsx`,
/// the sources of the committed `.xls` and `.ods` files: `cargo test
/// --test suite read_period::make_period_fixture_sources -- --ignored`, then in
/// tests/data `soffice --headless --convert-to xls F.xlsx`, the same with
/// `ods`, and remove the `.xlsx` files.
#[test]
#[ignore]
fn make_period_fixture_sources() {
    for (stem, rows) in [
        ("period-one-row", one_row_sheet()),
        ("period-two-rows", two_row_sheet()),
    ] {
        let path = format!("tests/data/{stem}.xlsx");
        write_xlsx(Path::new(&path), &[("So lieu", rows)], false);
    }
}

#[test]
fn a_second_column_for_one_period_is_an_error_at_the_second() {
    let (_tmp, dir) = periodic_dir();
    let (_, problems) = read_kt01(
        &dir,
        &[
            "9 tháng 2026",
            "TH 9 tháng năm 2026",
            "KH 2026",
            "Kế hoạch năm 2026",
        ],
        &[1.0, 2.0, 3.0, 4.0],
    );
    assert_eq!(
        problems,
        [
            "Loi so-lieu/bo-de.xlsx!So lieu!C1: 9 tháng đầu năm 2026 có hai cột: B1 và C1; hãy giữ lại một cột",
            "Loi so-lieu/bo-de.xlsx!So lieu!E1: kế hoạch năm 2026 có hai cột: D1 và E1; hãy giữ lại một cột",
        ]
    );
}

#[test]
fn same_period_columns_take_the_report_periods_span() {
    let (_tmp, dir) = periodic_dir();
    let (got, problems) = read_kt01(
        &dir,
        &["Cùng kỳ năm 2025", "9 tháng 2026"],
        &[900.0, 1025.0],
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        got[..2],
        ["9T/2025: KT01 = 900 @ B2", "9T/2025: GD01 = - @ "]
    );
}

#[test]
fn a_term_review_reads_period_columns_beside_its_years() {
    let (_tmp, dir) = review_dir();
    let (got, problems) = read_kt01(
        &dir,
        &["2021", "Năm 2022", "6 tháng 2023", "Kế hoạch 2023"],
        &[10.0, 11.0, 6.0, 12.0],
    );
    assert!(problems.is_empty(), "{problems:?}");
    let kt: Vec<&String> = got.iter().filter(|l| l.contains("KT01")).collect();
    assert_eq!(
        kt,
        [
            "2021: KT01 = 10 @ B2",
            "2022: KT01 = 11 @ C2",
            "6T/2023: KT01 = 6 @ D2",
            "KH 2023: KT01 = 12 @ E2"
        ]
    );
    let p = Period::parse("6 tháng 2023").unwrap();
    assert_eq!(p.key(), "6T/2023");
}

#[test]
fn the_catalogs_plan_column_is_the_years_plan_for_the_whole_review() {
    for header in ["Kế hoạch năm", "plan", "KH năm", "Kế hoạch năm 2026"] {
        let (_tmp, dir) = periodic_dir();
        let catalog = format!(
            "Mã,Tên chỉ tiêu,Nhóm,Đơn vị tính,Tổng hợp,Mục tiêu,{header}\n\
             KT01,Thu ngân sách,Kinh tế,tỷ đồng,tong,,1.300\n\
             GD01,Trường đạt chuẩn,Văn hóa - Xã hội,trường,ty_le,,95%\n\
             HN01,Tỷ lệ hộ nghèo,Văn hóa - Xã hội,%,trung_binh,,\n"
        );
        std::fs::write(dir.join("chi-tieu.csv"), catalog).unwrap();
        let review = load(&dir);
        let plans: Vec<String> = review
            .catalog
            .indicators
            .iter()
            .map(|i| format!("{} {:?}", i.ma, i.ke_hoach.map(|d| d.to_string())))
            .collect();
        assert_eq!(
            plans,
            ["KT01 Some(\"1300\")", "GD01 Some(\"95\")", "HN01 None"],
            "{header}"
        );
    }
}

#[test]
fn a_plan_that_is_not_a_number_is_an_error_at_its_cell() {
    let (_tmp, dir) = periodic_dir();
    std::fs::write(
        dir.join("chi-tieu.csv"),
        "Mã,Tên chỉ tiêu,Nhóm,Đơn vị tính,Tổng hợp,Kế hoạch năm\nKT01,Thu,Kinh tế,tỷ đồng,tong,nhiều\n",
    )
    .unwrap();
    let (_, problems) = soket::review::load(&dir);
    assert_eq!(
        messages(&problems),
        [
            "Loi chi-tieu.csv!F2: chỉ tiêu KT01: kế hoạch năm phải là một con số, không phải \"nhiều\""
        ]
    );
}

#[test]
fn ky_bao_cao_alone_makes_a_periodic_review_without_a_term() {
    let (s, problems) = soket::review::settings::parse(PERIODIC_SETTINGS, "soket.toml");
    assert!(problems.is_empty(), "{problems:?}");
    let s = s.unwrap().so_lieu;
    assert_eq!(s.ky.map(|p| p.key()), Some("9T/2026".into()));
    assert!(!s.co_nhiem_ky);
    assert_eq!((s.nam_bao_cao, s.nam_goc), (2026, 2025));

    let both = PERIODIC_SETTINGS.replace(
        "ky_bao_cao",
        "nhiem_ky = [2025, 2030]\nnam_goc = 2025\nnam_bao_cao = 2026\nky_bao_cao",
    );
    let (s, problems) = soket::review::settings::parse(&both, "soket.toml");
    assert!(problems.is_empty(), "{problems:?}");
    let s = s.unwrap().so_lieu;
    assert!(s.co_nhiem_ky);
    assert_eq!(
        (s.nhiem_ky, s.nam_goc, s.nam_bao_cao),
        ([2025, 2030], 2025, 2026)
    );

    let bad = PERIODIC_SETTINGS.replace("9 tháng 2026", "Quý V/2026");
    let (s, problems) = soket::review::settings::parse(&bad, "soket.toml");
    assert!(s.is_none());
    assert_eq!(
        messages(&problems),
        [
            "Loi soket.toml: so_lieu.ky_bao_cao = \"Quý V/2026\" không phải một kỳ báo cáo (ví dụ \"9 tháng 2026\", \"Quý III/2026\", \"Tháng 10/2026\", \"6 tháng 2026\", \"2026\")"
        ]
    );
}
