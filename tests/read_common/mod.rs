//! Fixtures for the reader tests: review folders and workbooks written
//! from code into temporary directories.
#![allow(dead_code)]

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::path::{Path, PathBuf};

/// One cell of a fixture sheet.
#[derive(Clone, Debug)]
pub enum C {
    E,
    S(&'static str),
    N(f64),
    /// A number with a percent format ("0.0%").
    P(f64),
    /// A formula whose cached result is an error, e.g. "#DIV/0!".
    Err(&'static str),
    D(u16, u8, u8),
    B(bool),
}

pub use C::*;

/// Write an xlsx with the given sheets; `merge_title` merges A1:I1 of
/// every sheet whose A1 is text (a title).
pub fn write_xlsx(path: &Path, sheets: &[(&str, Vec<Vec<C>>)], merge_title: bool) {
    let mut wb = Workbook::new();
    let pct = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    E => {}
                    S(s) if r == 0 && c == 0 && merge_title => {
                        ws.merge_range(0, 0, 0, 8, s, &Format::new()).unwrap();
                    }
                    S(s) => {
                        ws.write_string(r, c, *s).unwrap();
                    }
                    N(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    P(n) => {
                        ws.write_number_with_format(r, c, *n, &pct).unwrap();
                    }
                    Err(e) => {
                        ws.write_formula(r, c, Formula::new("=1/0").set_result(*e))
                            .unwrap();
                    }
                    D(y, m, d) => {
                        ws.write_datetime_with_format(
                            r,
                            c,
                            ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                            &date,
                        )
                        .unwrap();
                    }
                    B(b) => {
                        ws.write_boolean(r, c, *b).unwrap();
                    }
                }
            }
        }
    }
    wb.save(path).unwrap();
}

pub const CATALOG: &str = "\
Mã,Tên chỉ tiêu,Nhóm,Đơn vị tính,Tổng hợp,Mục tiêu,Số lẻ
GD01,Trường công lập đạt chuẩn quốc gia,Văn hóa - Xã hội,trường,ty_le,>= 95%,
YT01,Phường đạt chuẩn quốc gia về y tế,Văn hóa - Xã hội,phường,so_don_vi_dat,8/8,
KT01,Thu ngân sách,Kinh tế,tỷ đồng,tong,,
HN01,Tỷ lệ hộ nghèo,Văn hóa - Xã hội,%,trung_binh,= 0,
DV01,Đảng viên hoàn thành tốt nhiệm vụ,Xây dựng Đảng,%,cap_quan,,
NV01,Giao quân,Quốc phòng,thanh niên,ty_le:NV01A/NV01B,26/20,
NV01A,Số thanh niên nhập ngũ,Quốc phòng,thanh niên,tong,,
NV01B,Chỉ tiêu giao quân,Quốc phòng,thanh niên,tong,,
";

pub const UNITS: &str = "\
Mã,Tên,DAN_SO
BUOI,Phường Bưởi,20000
BODE,Phường Bồ Đề,30000
YENPHU,Phường Yên Phụ,10000
LONGBIEN,Phường Long Biên,15000
";

pub const SETTINGS: &str = r#"
[bao_cao]
co_quan = "QUẬN ỦY LONG BIÊN"
ngay = 2023-04-07

[so_lieu]
ten_don_vi = "quận Long Biên"
cap_don_vi = "phường"
nhiem_ky = [2020, 2025]
nam_goc = 2020
nam_bao_cao = 2022
"#;

/// A review folder with the sample catalog and units and an empty
/// `so-lieu/`.
pub fn review_dir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("long-bien");
    std::fs::create_dir_all(dir.join("so-lieu")).unwrap();
    std::fs::write(dir.join("soket.toml"), SETTINGS).unwrap();
    std::fs::write(dir.join("chi-tieu.csv"), CATALOG).unwrap();
    std::fs::write(dir.join("don-vi.csv"), UNITS).unwrap();
    (tmp, dir)
}

pub fn load(dir: &Path) -> soket::review::Review {
    let (review, problems) = soket::review::load(dir);
    assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
    review.unwrap()
}

/// The header row of the standard ward sheet.
pub fn header() -> Vec<C> {
    vec![
        S("STT"),
        S("Mã"),
        S("Tên chỉ tiêu"),
        S("Đơn vị tính"),
        S("2020"),
        S("Năm 2021"),
        N(2022.0),
        S("Ước 2023"),
        S("Ghi chú"),
    ]
}

/// A ward sheet as `soket init` lays it out: title rows, the unit line, a
/// blank row, the header (row 5), then `data` rows from row 6.
pub fn ward_sheet(unit_line: Option<&'static str>, data: Vec<Vec<C>>) -> Vec<Vec<C>> {
    let mut rows = vec![
        vec![S("ỦY BAN NHÂN DÂN PHƯỜNG")],
        vec![S("BIỂU SỐ LIỆU SƠ KẾT GIỮA NHIỆM KỲ")],
        vec![unit_line.map(S).unwrap_or(E)],
        vec![],
        header(),
    ];
    rows.extend(data);
    rows
}

/// A data row: STT, code, name, unit, then the year cells.
pub fn row(stt: f64, code: &'static str, cells: Vec<C>) -> Vec<C> {
    let mut r = vec![N(stt), S(code), S("…"), S("")];
    r.extend(cells);
    r
}

pub fn messages(problems: &[soket::check::Problem]) -> Vec<String> {
    problems
        .iter()
        .map(|p| format!("{:?} {}: {}", p.severity, p.where_text(), p.thong_diep()))
        .collect()
}
