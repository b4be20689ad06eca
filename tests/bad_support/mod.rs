//! The bad-input corpus: review folders described in memory, written into
//! temporary directories by code, each with the exact problems soket must
//! report and the figures it must (or must not) produce.
//!
//! A [`Folder`] starts as a clean review (two wards, the district's own
//! workbook, a small catalog) that gives no problem at all; each [`Case`]
//! breaks one thing and states what must be said about it.
#![allow(dead_code)]

pub mod cases;
pub mod fuzz_checks;
pub mod integrity;

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use soket::check::{Problem, Severity};
use std::path::Path;

/// One cell of a generated sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum C {
    E,
    S(String),
    N(f64),
    /// A number shown with a percent format ("0.0%").
    P(f64),
    /// A formula with a cached error value ("#DIV/0!", "#REF!").
    Err(&'static str),
    /// A formula with a cached number.
    F(&'static str, f64),
    /// A date cell (y, m, d).
    D(u16, u8, u8),
    B(bool),
}

pub use C::*;

/// Text cell.
pub fn s(t: &str) -> C {
    S(t.to_string())
}

/// One file body.
#[derive(Clone, Debug)]
pub enum Body {
    /// Sheets (name, rows) written with rust_xlsxwriter.
    Xlsx(Vec<(String, Vec<Vec<C>>)>),
    /// Rows written as csv with this separator (cells as their text).
    Csv(u8, Vec<Vec<C>>),
    Bytes(Vec<u8>),
}

/// A review folder, in memory.
#[derive(Clone, Debug)]
pub struct Folder {
    /// `soket.toml`; `None` leaves it out.
    pub settings: Option<String>,
    /// (file name, body) at the top of the folder: `chi-tieu.csv`, `don-vi.csv` …
    pub top: Vec<(String, Body)>,
    /// (file name, body) inside `so-lieu/`.
    pub so_lieu: Vec<(String, Body)>,
    /// Leave out `so-lieu/` altogether.
    pub no_so_lieu: bool,
}

pub const SETTINGS: &str = r#"[bao_cao]
co_quan_cap_tren = "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
co_quan = "QUẬN ỦY TÂY HỒ"
the_thuc = "dang"
so_ky_hieu = "45-BC/QU"
dia_danh = "Tây Hồ"
ngay = 2023-04-07
tieu_de = "Sơ kết giữa nhiệm kỳ"

[so_lieu]
ten_don_vi = "quận Tây Hồ"
cap_don_vi = "phường"
nhiem_ky = [2020, 2025]
nam_goc = 2020
nam_bao_cao = 2022
lam_tron = "gan_nhat"
"#;

/// The catalog rows (after the header) of the clean folder.
pub const CATALOG: &[[&str; 7]] = &[
    [
        "KT01",
        "Thu ngân sách",
        "Kinh tế",
        "tỷ đồng",
        "tong",
        ">= 200",
        "",
    ],
    [
        "GD01",
        "Trường công lập đạt chuẩn quốc gia",
        "Văn hóa - Xã hội",
        "trường",
        "ty_le",
        ">= 90%",
        "",
    ],
    [
        "YT01",
        "Phường đạt chuẩn quốc gia về y tế",
        "Văn hóa - Xã hội",
        "phường",
        "so_don_vi_dat",
        "2/2",
        "",
    ],
    [
        "HN01",
        "Tỷ lệ hộ nghèo",
        "Văn hóa - Xã hội",
        "%",
        "trung_binh",
        "<= 2%",
        "",
    ],
    [
        "DV01",
        "Đảng viên hoàn thành tốt nhiệm vụ",
        "Xây dựng Đảng",
        "%",
        "cap_quan",
        ">= 90%",
        "",
    ],
    [
        "NV01",
        "Giao quân",
        "Quốc phòng",
        "thanh niên",
        "ty_le:NV01A/NV01B",
        "26/20",
        "",
    ],
    [
        "NV01A",
        "Số thanh niên nhập ngũ",
        "Quốc phòng",
        "thanh niên",
        "tong",
        "",
        "",
    ],
    [
        "NV01B",
        "Chỉ tiêu giao quân",
        "Quốc phòng",
        "thanh niên",
        "tong",
        "",
        "",
    ],
];

/// Row (1-based) of each code in a standard ward sheet: the header is row
/// 5, data from row 6 in catalog order.
pub fn ward_row(code: &str) -> usize {
    6 + WARD_CODES
        .iter()
        .position(|c| *c == code)
        .expect("code of a clean ward sheet")
}

/// Codes of a clean ward sheet, in row order.
pub const WARD_CODES: &[&str] = &["KT01", "GD01", "YT01", "HN01", "NV01A", "NV01B"];

/// Column letter of a year in a standard ward sheet (E = 2020 … H = 2023).
pub fn year_col(year: i32) -> char {
    (b'E' + (year - 2020) as u8) as char
}

/// `G6`-style reference of a code's cell in a standard ward sheet.
pub fn cell_of(code: &str, year: i32) -> String {
    format!("{}{}", year_col(year), ward_row(code))
}

/// Values of the clean wards, per code, 2020..=2023.
fn ward_values(ward: &str) -> Vec<(&'static str, [C; 4])> {
    match ward {
        "buoi" => vec![
            ("KT01", [N(100.0), N(110.0), N(120.0), N(130.0)]),
            ("GD01", [s("9/10"), s("9/10"), s("10/10"), s("10/10")]),
            ("YT01", [s("Đạt"), s("Đạt"), s("Đạt"), s("Đạt")]),
            ("HN01", [s("1,5"), s("1,2"), N(1.0), s("0,8")]),
            ("NV01A", [N(10.0), N(12.0), N(13.0), N(14.0)]),
            ("NV01B", [N(10.0), N(12.0), N(14.0), N(15.0)]),
        ],
        _ => vec![
            ("KT01", [s("200"), s("210"), s("220"), s("230")]),
            ("GD01", [s("18/20"), s("19/20"), s("19/20"), s("20/20")]),
            ("YT01", [s("Chưa đạt"), s("Đạt"), s("Đạt"), s("Đạt")]),
            ("HN01", [s("2"), s("1,8"), s("1,5"), s("1,2")]),
            ("NV01A", [s("8"), s("9"), s("9"), s("10")]),
            ("NV01B", [s("8"), s("10"), s("10"), s("10")]),
        ],
    }
}

/// The standard header row.
pub fn header() -> Vec<C> {
    [
        "STT",
        "Mã",
        "Tên chỉ tiêu",
        "Đơn vị tính",
        "2020",
        "Năm 2021",
        "Năm 2022",
        "Ước 2023",
        "Ghi chú",
    ]
    .iter()
    .map(|t| s(t))
    .collect()
}

/// A ward sheet as `soket init` lays it out, with the given unit line and
/// data rows (code, four year cells).
pub fn ward_sheet(unit_line: &str, data: Vec<(&str, [C; 4])>) -> Vec<Vec<C>> {
    let mut rows = vec![
        vec![s("ỦY BAN NHÂN DÂN")],
        vec![s("BIỂU SỐ LIỆU SƠ KẾT GIỮA NHIỆM KỲ")],
        vec![s(unit_line)],
        vec![],
        header(),
    ];
    for (i, (code, cells)) in data.into_iter().enumerate() {
        let mut r = vec![N((i + 1) as f64), s(code), s("…"), E];
        r.extend(cells);
        rows.push(r);
    }
    rows
}

/// The clean ward sheet of `buoi` or `bode`.
pub fn clean_ward(ward: &str) -> Vec<Vec<C>> {
    let line = if ward == "buoi" {
        "Đơn vị: Phường Bưởi"
    } else {
        "Đơn vị: Phường Bồ Đề"
    };
    ward_sheet(line, ward_values(ward))
}

/// The district's own sheet: DV01 only.
pub fn district_sheet() -> Vec<Vec<C>> {
    let mut rows = ward_sheet("Đơn vị: Quận Tây Hồ", vec![]);
    rows.push(vec![
        N(1.0),
        s("DV01"),
        s("…"),
        s("%"),
        s("91,5"),
        s("92"),
        s("93,5"),
        s("94"),
    ]);
    rows
}

fn table(header: &[&str], rows: &[Vec<&str>]) -> Vec<Vec<C>> {
    let mut out = vec![header.iter().map(|h| s(h)).collect::<Vec<_>>()];
    for r in rows {
        out.push(
            r.iter()
                .map(|c| if c.is_empty() { E } else { s(c) })
                .collect(),
        );
    }
    out
}

impl Folder {
    /// A clean review: no problem at all.
    pub fn clean() -> Folder {
        let catalog: Vec<Vec<&str>> = CATALOG.iter().map(|r| r.to_vec()).collect();
        Folder {
            settings: Some(SETTINGS.to_string()),
            top: vec![
                (
                    "chi-tieu.csv".into(),
                    Body::Csv(b',', table(&soket::init::CATALOG_HEADERS, &catalog)),
                ),
                (
                    "don-vi.csv".into(),
                    Body::Csv(
                        b',',
                        table(
                            &["Mã", "Tên", "DAN_SO"],
                            &[
                                vec!["BUOI", "Phường Bưởi", "20000"],
                                vec!["BODE", "Phường Bồ Đề", "30000"],
                            ],
                        ),
                    ),
                ),
            ],
            so_lieu: vec![
                (
                    "buoi.xlsx".into(),
                    Body::Xlsx(vec![("So lieu".into(), clean_ward("buoi"))]),
                ),
                ("bo-de.csv".into(), Body::Csv(b',', clean_ward("bode"))),
                (
                    "quan.xlsx".into(),
                    Body::Xlsx(vec![("So lieu".into(), district_sheet())]),
                ),
            ],
            no_so_lieu: false,
        }
    }

    fn body_mut<'a>(list: &'a mut [(String, Body)], name: &str) -> &'a mut Body {
        &mut list
            .iter_mut()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no file {name} in the folder"))
            .1
    }

    /// The rows of the first sheet of `so-lieu/<file>` (xlsx or csv).
    pub fn rows_mut(&mut self, file: &str) -> &mut Vec<Vec<C>> {
        match Self::body_mut(&mut self.so_lieu, file) {
            Body::Xlsx(sheets) => &mut sheets[0].1,
            Body::Csv(_, rows) => rows,
            Body::Bytes(_) => panic!("{file} is raw bytes"),
        }
    }

    /// The rows of a top-level table (`chi-tieu.csv`, `don-vi.csv`).
    pub fn top_rows_mut(&mut self, file: &str) -> &mut Vec<Vec<C>> {
        match Self::body_mut(&mut self.top, file) {
            Body::Xlsx(sheets) => &mut sheets[0].1,
            Body::Csv(_, rows) => rows,
            Body::Bytes(_) => panic!("{file} is raw bytes"),
        }
    }

    /// Set one cell ("G6") of `so-lieu/<file>`.
    pub fn set(&mut self, file: &str, cell: &str, value: C) {
        let (r, c) = parse_ref(cell);
        set_in(self.rows_mut(file), r, c, value);
    }

    /// Set one cell of a top-level table.
    pub fn set_top(&mut self, file: &str, cell: &str, value: C) {
        let (r, c) = parse_ref(cell);
        set_in(self.top_rows_mut(file), r, c, value);
    }

    /// Set the cell of `code` in `year` of a standard ward sheet.
    pub fn set_value(&mut self, file: &str, code: &str, year: i32, value: C) {
        self.set(file, &cell_of(code, year), value);
    }

    pub fn put(&mut self, file: &str, body: Body) {
        self.so_lieu.retain(|(n, _)| n != file);
        self.so_lieu.push((file.to_string(), body));
    }

    pub fn remove(&mut self, file: &str) {
        self.so_lieu.retain(|(n, _)| n != file);
    }

    pub fn put_top(&mut self, file: &str, body: Body) {
        self.top.retain(|(n, _)| n != file);
        self.top.push((file.to_string(), body));
    }

    pub fn remove_top(&mut self, file: &str) {
        self.top.retain(|(n, _)| n != file);
    }

    /// Rename a file of `so-lieu/`.
    pub fn rename(&mut self, from: &str, to: &str) {
        for (n, _) in &mut self.so_lieu {
            if n == from {
                *n = to.to_string();
            }
        }
    }

    /// Write the folder under `dir`.
    pub fn write(&self, dir: &Path) {
        std::fs::create_dir_all(dir).unwrap();
        if let Some(settings) = &self.settings {
            std::fs::write(dir.join("soket.toml"), settings).unwrap();
        }
        for (name, body) in &self.top {
            write_body(&dir.join(name), body);
        }
        if !self.no_so_lieu {
            let data = dir.join("so-lieu");
            std::fs::create_dir_all(&data).unwrap();
            for (name, body) in &self.so_lieu {
                let path = data.join(name);
                // "cu/buoi.xlsx": a file in a subfolder.
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                write_body(&path, body);
            }
        }
    }
}

fn set_in(rows: &mut Vec<Vec<C>>, r: usize, c: usize, value: C) {
    if rows.len() <= r {
        rows.resize_with(r + 1, Vec::new);
    }
    let row = &mut rows[r];
    if row.len() <= c {
        row.resize(c + 1, E);
    }
    row[c] = value;
}

/// "G6" → (5, 6), 0-based.
pub fn parse_ref(cell: &str) -> (usize, usize) {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let col = letters.bytes().fold(0usize, |acc, b| {
        acc * 26 + (b.to_ascii_uppercase() - b'A' + 1) as usize
    }) - 1;
    let row: usize = cell[letters.len()..].parse().unwrap();
    (row - 1, col)
}

pub fn write_body(path: &Path, body: &Body) {
    match body {
        Body::Bytes(b) => std::fs::write(path, b).unwrap(),
        Body::Csv(sep, rows) => std::fs::write(path, csv_text(*sep, rows)).unwrap(),
        Body::Xlsx(sheets) => std::fs::write(path, xlsx_bytes(sheets)).unwrap(),
    }
}

/// A cell as csv text.
fn cell_text(c: &C) -> String {
    match c {
        E => String::new(),
        S(t) => t.clone(),
        N(n) | P(n) | F(_, n) => n.to_string(),
        Err(e) => e.to_string(),
        D(y, m, d) => format!("{d:02}/{m:02}/{y}"),
        B(b) => if *b { "TRUE" } else { "FALSE" }.into(),
    }
}

pub fn csv_text(sep: u8, rows: &[Vec<C>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .from_writer(Vec::new());
    for r in rows {
        if r.is_empty() {
            w.write_record([""]).unwrap();
        } else {
            w.write_record(r.iter().map(cell_text)).unwrap();
        }
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

pub fn xlsx_bytes(sheets: &[(String, Vec<Vec<C>>)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let pct = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    E => {}
                    S(t) => {
                        ws.write_string(r, c, t).unwrap();
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
                    F(f, v) => {
                        ws.write_formula(r, c, Formula::new(*f).set_result(v.to_string()))
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
    wb.save_to_buffer().unwrap()
}

/// How a problem's message must read.
#[derive(Clone, Debug)]
pub enum Msg {
    Exact(String),
    Contains(String),
}

/// One problem a case must report.
#[derive(Clone, Debug)]
pub struct Expect {
    pub sev: Severity,
    /// `Problem::location()`: "so-lieu/buoi.xlsx!So lieu!G6".
    pub loc: String,
    pub msg: Msg,
}

impl Expect {
    pub fn matches(&self, p: &Problem) -> bool {
        p.severity == self.sev
            && p.where_text() == self.loc
            && match &self.msg {
                Msg::Exact(m) => &p.thong_diep() == m,
                Msg::Contains(m) => p.thong_diep().contains(m.as_str()),
            }
    }
}

pub fn loi(loc: &str, msg: &str) -> Expect {
    Expect {
        sev: Severity::Loi,
        loc: loc.into(),
        msg: Msg::Contains(msg.into()),
    }
}
pub fn canh_bao(loc: &str, msg: &str) -> Expect {
    Expect {
        sev: Severity::CanhBao,
        loc: loc.into(),
        msg: Msg::Contains(msg.into()),
    }
}
pub fn loi_exact(loc: &str, msg: &str) -> Expect {
    Expect {
        sev: Severity::Loi,
        loc: loc.into(),
        msg: Msg::Exact(msg.into()),
    }
}
pub fn canh_bao_exact(loc: &str, msg: &str) -> Expect {
    Expect {
        sev: Severity::CanhBao,
        loc: loc.into(),
        msg: Msg::Exact(msg.into()),
    }
}

/// A figure the case pins down: the district value (`unit` None) or one
/// unit's value of `code` in `year`; `value` None means it must be missing.
#[derive(Clone, Debug)]
pub struct FigExpect {
    pub code: String,
    pub year: i32,
    pub unit: Option<String>,
    pub value: Option<String>,
}

/// One corpus case.
pub struct Case {
    pub name: String,
    pub folder: Folder,
    pub expect: Vec<Expect>,
    pub figures: Vec<FigExpect>,
    /// Known to fail, with the reason; printed, not counted as a failure.
    pub known_bug: Option<String>,
    /// The review must not load (settings/catalog/units unusable).
    pub no_review: bool,
    /// Not run at all until its fix lands, because running it unfixed
    /// would exhaust memory; the reason is printed.
    pub not_run: Option<String>,
}

impl Case {
    /// A clean folder changed by `edit`.
    pub fn new(name: &str, edit: impl FnOnce(&mut Folder)) -> Case {
        let mut folder = Folder::clean();
        edit(&mut folder);
        Case {
            name: name.into(),
            folder,
            expect: Vec::new(),
            figures: Vec::new(),
            known_bug: None,
            no_review: false,
            not_run: None,
        }
    }
    pub fn expect(mut self, e: Expect) -> Case {
        self.expect.push(e);
        self
    }
    /// The district figure of `code` in `year` (`None`: missing).
    pub fn district(mut self, code: &str, year: i32, value: Option<&str>) -> Case {
        self.figures.push(FigExpect {
            code: code.into(),
            year,
            unit: None,
            value: value.map(Into::into),
        });
        self
    }
    /// One unit's figure (`None`: missing, never zero).
    pub fn unit(mut self, code: &str, year: i32, unit: &str, value: Option<&str>) -> Case {
        self.figures.push(FigExpect {
            code: code.into(),
            year,
            unit: Some(unit.into()),
            value: value.map(Into::into),
        });
        self
    }
    pub fn known_bug(mut self, why: &str) -> Case {
        self.known_bug = Some(why.into());
        self
    }
    pub fn not_run(mut self, why: &str) -> Case {
        self.not_run = Some(why.into());
        self
    }
    pub fn no_review(mut self) -> Case {
        self.no_review = true;
        self
    }
}

/// Warnings that follow from a unit's missing data (a file that could not
/// be read, a cell left out): allowed without being listed, since the case
/// already names the cause.
pub fn is_consequence(p: &Problem) -> bool {
    p.severity == Severity::CanhBao
        && (p.thong_diep().ends_with("chưa gửi số liệu")
            || p.thong_diep().contains(" báo cáo năm ")
            || p.thong_diep().contains(": chưa có số liệu của "))
}
