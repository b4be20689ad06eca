//! `soket init DIR`: a new review folder to start from.
//!
//! The folder holds everything `soket check` needs to run at once: the
//! settings with Vietnamese comments, a sample catalog of typical
//! indicators, a short unit list, and the empty `so-lieu/` and `mau/`
//! folders. The clerk edits them rather than starting from a blank page.
//!
//! Every file is written from constants with fixed document dates, so two
//! runs give byte-identical files (scripts compare them).

use crate::check::{Kind, Problem, RunKind, Table, TableKind};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};
use std::path::{Path, PathBuf};

/// `soket.toml` as written by `init`: the keys of PRODUCT.md with
/// placeholders (`…`) for what only the office knows.
pub const SETTINGS_TEMPLATE: &str = r#"# Cài đặt báo cáo sơ kết giữa nhiệm kỳ (soket).
# Sửa các giá trị trong dấu ngoặc kép; giữ nguyên tên khóa.
# Ngày viết dạng năm-tháng-ngày, không có ngoặc kép: 2023-04-07.

[bao_cao]                       # văn bản báo cáo
co_quan_cap_tren = "ỦY BAN NHÂN DÂN THÀNH PHỐ …"
co_quan = "ỦY BAN NHÂN DÂN QUẬN …"
# "nha_nuoc": thể thức Nghị định 30/2020/NĐ-CP ("Số: 15/BC-UBND");
# "dang": thể thức Hướng dẫn 36-HD/VPTW ("Số 45-BC/QU").
the_thuc = "nha_nuoc"
so_ky_hieu = "…/BC-UBND"
dia_danh = "…"                  # in trước ngày: "…, ngày 07 tháng 4 năm 2023"
ngay = 2023-04-07
tieu_de = "Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ quận lần thứ …, nhiệm kỳ 2020 - 2025"
quyen_han_ky = "TM. ỦY BAN NHÂN DÂN"
chuc_vu_ky = "CHỦ TỊCH"
nguoi_ky = "…"
noi_nhan = ["Thường trực Quận ủy", "Thường trực HĐND quận", "Lưu: VT"]

[so_lieu]                       # số liệu
# Tên cấp quận, ví dụ "quận Tây Hồ": tệp số liệu riêng của quận (chỉ tiêu
# "cap_quan") phải có dòng "Đơn vị: Quận Tây Hồ" hoặc tên tệp trùng với tên này.
ten_don_vi = "…"
cap_don_vi = "phường"           # đơn vị báo cáo gọi là: phường, xã, quận …
nhiem_ky = [2020, 2025]
nam_goc = 2020                  # năm gốc để so sánh
nam_bao_cao = 2022              # năm báo cáo
# "gan_nhat": làm tròn (26/27 = 96,3%); "cat_bo": cắt bỏ, không làm tròn lên (96,2%).
lam_tron = "gan_nhat"
"#;

/// Headers of the catalog, in the order of PRODUCT.md.
pub const CATALOG_HEADERS: [&str; 7] = [
    "Mã",
    "Tên chỉ tiêu",
    "Nhóm",
    "Đơn vị tính",
    "Tổng hợp",
    "Mục tiêu",
    "Số lẻ",
];

/// The sample catalog: (Mã, Tên chỉ tiêu, Nhóm, Đơn vị tính, Tổng hợp,
/// Mục tiêu, Số lẻ). One indicator of each aggregate kind at least, so the
/// clerk sees every way of writing a row.
/// (Mã, Tên chỉ tiêu, Nhóm, Đơn vị tính, Tổng hợp, Mục tiêu, Số lẻ).
pub type CatalogRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<u32>,
);

pub const SAMPLE_CATALOG: &[CatalogRow] = &[
    (
        "KT01",
        "Tổng thu ngân sách nhà nước trên địa bàn",
        "Kinh tế",
        "tỷ đồng",
        "cap_quan",
        ">= 8.600",
        None,
    ),
    (
        "KT02",
        "Giá trị sản xuất các ngành kinh tế (giá so sánh 2010)",
        "Kinh tế",
        "tỷ đồng",
        "tong",
        "",
        Some(1),
    ),
    ("KT03", "Số hộ nghèo", "Kinh tế", "hộ", "tong", "= 0", None),
    (
        "KT04",
        "Số doanh nghiệp thành lập mới",
        "Kinh tế",
        "doanh nghiệp",
        "tong",
        ">= 1.200",
        None,
    ),
    (
        "VH01",
        "Trường công lập đạt chuẩn quốc gia",
        "Văn hóa - Xã hội",
        "trường",
        "ty_le",
        ">= 95%",
        None,
    ),
    (
        "VH02",
        "Phường đạt chuẩn quốc gia về y tế",
        "Văn hóa - Xã hội",
        "phường",
        "so_don_vi_dat",
        "4/4",
        Some(0),
    ),
    (
        "VH03",
        "Tỷ lệ hộ gia đình đạt danh hiệu \"Gia đình văn hóa\"",
        "Văn hóa - Xã hội",
        "%",
        "trung_binh_gia_quyen:DAN_SO",
        ">= 90%",
        Some(1),
    ),
    (
        "VH04",
        "Tỷ lệ tổ dân phố đạt danh hiệu \"Tổ dân phố văn hóa\"",
        "Văn hóa - Xã hội",
        "%",
        "trung_binh",
        ">= 80%",
        Some(1),
    ),
    (
        "VH05",
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        "Văn hóa - Xã hội",
        "%",
        "trung_binh_gia_quyen:DAN_SO",
        ">= 95%",
        Some(1),
    ),
    (
        "VH06",
        "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi (phường cao nhất)",
        "Văn hóa - Xã hội",
        "%",
        "lon_nhat",
        "< 6%",
        Some(1),
    ),
    (
        "XD01",
        "Số đảng viên được đánh giá, xếp loại",
        "Xây dựng Đảng",
        "đảng viên",
        "tong",
        "",
        None,
    ),
    (
        "XD02",
        "Số đảng viên hoàn thành tốt nhiệm vụ trở lên",
        "Xây dựng Đảng",
        "đảng viên",
        "tong",
        "",
        None,
    ),
    (
        "XD03",
        "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên",
        "Xây dựng Đảng",
        "đảng viên",
        "ty_le:XD02/XD01",
        ">= 90%",
        Some(2),
    ),
    (
        "XD04",
        "Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính",
        "Xây dựng Đảng",
        "%",
        "cap_quan",
        ">= 90%",
        Some(2),
    ),
    (
        "QP01",
        "Số thanh niên nhập ngũ",
        "Quốc phòng - An ninh",
        "thanh niên",
        "tong",
        "",
        None,
    ),
    (
        "QP02",
        "Chỉ tiêu giao quân được giao",
        "Quốc phòng - An ninh",
        "thanh niên",
        "tong",
        "",
        None,
    ),
    (
        "QP03",
        "Hoàn thành chỉ tiêu giao quân",
        "Quốc phòng - An ninh",
        "thanh niên",
        "ty_le:QP01/QP02",
        ">= 100%",
        Some(0),
    ),
    (
        "QP04",
        "Số vụ phạm pháp hình sự",
        "Quốc phòng - An ninh",
        "vụ",
        "tong",
        "<= 120",
        None,
    ),
];

/// Rows of the unit list `init` writes without `--don-vi`: codes to keep
/// or change, and placeholders for the names and populations that only the
/// office knows. `check` reports each placeholder as an error at its cell.
pub const PLACEHOLDER_UNITS: usize = 4;

/// What `init` is asked for beyond the folder.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// The office's own unit list (`--don-vi`, xlsx or csv …), copied into
    /// the folder as `don-vi.<ext>`; without it `don-vi.xlsx` holds
    /// placeholders.
    pub don_vi: Option<PathBuf>,
    /// `--tinh "Thành phố Hà Nội"`: the province's official communes
    /// (1 July 2025) are the units.
    pub tinh: Option<String>,
    /// `--ky "9 tháng 2026"`: a periodic review of that period.
    pub ky: Option<String>,
}

/// How to fill the catalog: shown on the catalog's second sheet.
const CATALOG_HELP: &[&str] = &[
    "HƯỚNG DẪN GHI DANH MỤC CHỈ TIÊU",
    "",
    "Mã: mã duy nhất, không dấu cách (GD01, KT02); là tên cột Mã trong biểu của phường và tên dùng trong mẫu báo cáo.",
    "Nhóm: mục của báo cáo (Kinh tế; Văn hóa - Xã hội; Xây dựng Đảng; Quốc phòng - An ninh).",
    "Đơn vị tính: trường, %, tỷ đồng, phường, hộ … Chỉ tiêu \"%\" ghi theo phần trăm (96,2).",
    "Tổng hợp: cách cộng số liệu các phường thành số của quận:",
    "  tong: cộng; ty_le: ô ghi dạng 26/27, cộng tử và mẫu; ty_le:A/B: tử số là chỉ tiêu A, mẫu số là chỉ tiêu B;",
    "  so_don_vi_dat: đếm số phường \"Đạt\"; trung_binh: trung bình; trung_binh_gia_quyen:DAN_SO: bình quân theo dân số;",
    "  nho_nhat / lon_nhat: phường thấp nhất / cao nhất; cap_quan: quận tự ghi trong tệp số liệu của quận.",
    "Mục tiêu: >= 95%, > 14%, <= 2, < 6%, = 0, hoặc phân số 8/8 (số phường đạt ít nhất 8); để trống nếu không đánh giá.",
    "Số lẻ: số chữ số sau dấu phẩy khi in (mặc định 0 với số đếm, 1 với phần trăm).",
];

/// The fixed document date of every generated workbook, so that files are
/// byte-identical from run to run.
fn properties() -> Result<DocProperties, XlsxError> {
    let date = ExcelDateTime::from_ymd(2023, 4, 7)?;
    Ok(DocProperties::new()
        .set_author("soket")
        .set_creation_datetime(&date))
}

/// A cell of a simple table workbook.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }
}

/// One sheet of a table workbook: a merged bold title, a blank row, a bold
/// header row, then the rows. Column widths are set explicitly because
/// autofit misjudges Vietnamese letters.
pub struct TableSheet<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub headers: &'a [&'a str],
    pub rows: Vec<Vec<Cell>>,
    pub widths: &'a [f64],
}

/// A workbook of table sheets, with fixed document properties.
pub fn table_workbook(sheets: &[TableSheet]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties()?);
    let title = Format::new()
        .set_bold()
        .set_font_size(13)
        .set_align(FormatAlign::Center);
    let header = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let body = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(s.name)?;
        for (c, w) in s.widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        let last = s.headers.len().max(1) as u16 - 1;
        if last > 0 {
            ws.merge_range(0, 0, 0, last, s.title, &title)?;
        } else {
            ws.write_string_with_format(0, 0, s.title, &title)?;
        }
        if s.headers.is_empty() {
            for (r, row) in s.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    write_cell(ws, r as u32 + 2, c as u16, cell, None)?;
                }
            }
            continue;
        }
        for (c, h) in s.headers.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, *h, &header)?;
        }
        for (r, row) in s.rows.iter().enumerate() {
            for c in 0..s.headers.len() {
                let cell = row.get(c).unwrap_or(&Cell::Empty);
                write_cell(ws, r as u32 + 3, c as u16, cell, Some(&body))?;
            }
        }
    }
    wb.save_to_buffer()
}

fn write_cell(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    match (cell, format) {
        (Cell::Text(t), Some(f)) => ws.write_string_with_format(row, col, t, f).map(|_| ()),
        (Cell::Text(t), None) => ws.write_string(row, col, t).map(|_| ()),
        (Cell::Number(n), Some(f)) => ws.write_number_with_format(row, col, *n, f).map(|_| ()),
        (Cell::Number(n), None) => ws.write_number(row, col, *n).map(|_| ()),
        (Cell::Empty, Some(f)) => ws.write_blank(row, col, f).map(|_| ()),
        (Cell::Empty, None) => Ok(()),
    }
}

/// `chi-tieu.xlsx` of a new folder: the catalog, then a help sheet.
pub fn sample_catalog_xlsx() -> Result<Vec<u8>, XlsxError> {
    sample_catalog_for(PLACEHOLDER_UNITS)
}

/// The sample catalog for a list of `units` units: an "all units" target
/// (`4/4`) becomes `units/units`, since a fraction target must count the
/// units of `don-vi`.
pub fn sample_catalog_for(units: usize) -> Result<Vec<u8>, XlsxError> {
    let all = |t: &str| match t.split_once('/') {
        Some((a, b)) if a == b && !a.is_empty() => format!("{units}/{units}"),
        _ => t.to_string(),
    };
    let rows = SAMPLE_CATALOG
        .iter()
        .map(|(ma, ten, nhom, dvt, tong_hop, muc_tieu, so_le)| {
            vec![
                Cell::from(*ma),
                Cell::from(*ten),
                Cell::from(*nhom),
                Cell::from(*dvt),
                Cell::from(*tong_hop),
                Cell::from(all(muc_tieu).as_str()),
                so_le.map_or(Cell::Empty, |n| Cell::Number(n as f64)),
            ]
        })
        .collect();
    let help = CATALOG_HELP
        .iter()
        .skip(2)
        .map(|l| vec![Cell::from(*l)])
        .collect();
    table_workbook(&[
        TableSheet {
            name: "Chi tieu",
            title: "DANH MỤC CHỈ TIÊU SƠ KẾT GIỮA NHIỆM KỲ",
            headers: &CATALOG_HEADERS,
            rows,
            widths: &[8.0, 60.0, 20.0, 13.0, 28.0, 12.0, 7.0],
        },
        TableSheet {
            name: "Huong dan",
            title: CATALOG_HELP[0],
            headers: &[],
            rows: help,
            widths: &[120.0],
        },
    ])
}

/// `don-vi.xlsx` of a new folder without `--don-vi`: codes P01… and
/// placeholders to fill.
pub fn sample_units_xlsx() -> Result<Vec<u8>, XlsxError> {
    let rows = (1..=PLACEHOLDER_UNITS)
        .map(|i| {
            vec![
                Cell::Text(format!("P{i:02}")),
                Cell::from("…"),
                Cell::from("…"),
            ]
        })
        .collect();
    units_workbook(rows)
}

/// Create a new review folder at `dir` and return the files written, in
/// order (folders are created but not counted).
///
/// Refuses a folder that exists and is not empty, so that `init` can never
/// overwrite a review in progress.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Problem> {
    init_with(dir, &InitOptions::default())
}

/// [`init`] with options. With the office's unit list, the entry
/// workbooks of its units are written to `bieu-nhap/` (the forms to send);
/// the files the units send back go to `so-lieu/`, which starts empty.
pub fn init_with(dir: &Path, opts: &InitOptions) -> Result<Vec<PathBuf>, Problem> {
    let (settings, province) = periodic_settings(opts)?;
    let shown = dir.display().to_string();
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Problem::error(Kind::Run(RunKind::InitNotAFolder {
                path: shown.to_string(),
            })));
        }
        let mut entries = std::fs::read_dir(dir).map_err(|e| io_problem(&shown, &e))?;
        if entries.next().is_some() {
            return Err(Problem::error(Kind::Run(RunKind::InitNotEmpty {
                path: shown.to_string(),
            })));
        }
    }
    let xlsx = |r: Result<Vec<u8>, XlsxError>, name: &str| {
        r.map_err(|e| {
            Problem::error(Kind::Run(RunKind::InitCannotCreate {
                name: name.to_string(),
                error: e.to_string(),
            }))
            .file(name)
        })
    };
    let (units, count) = match (&opts.don_vi, &province) {
        (Some(path), _) => office_units(path)?,
        (None, Some(p)) => (
            (
                "don-vi.xlsx".to_string(),
                xlsx(province_units_xlsx(p), "don-vi.xlsx")?,
            ),
            p.communes.len(),
        ),
        (None, None) => (
            (
                "don-vi.xlsx".to_string(),
                xlsx(sample_units_xlsx(), "don-vi.xlsx")?,
            ),
            PLACEHOLDER_UNITS,
        ),
    };
    let files: Vec<(String, Vec<u8>)> = vec![
        ("soket.toml".into(), settings.into_bytes()),
        (
            "chi-tieu.xlsx".into(),
            xlsx(sample_catalog_for(count), "chi-tieu.xlsx")?,
        ),
        units,
        (
            "mau/bao-cao.docx".into(),
            crate::pipeline::BUILTIN_REPORT.to_vec(),
        ),
        (
            format!("mau/{}", crate::render::builtin_xlsx::NAME),
            crate::render::builtin_xlsx::build_xlsx_template(),
        ),
    ];
    let mut written = Vec::new();
    for sub in ["so-lieu", "mau"] {
        std::fs::create_dir_all(dir.join(sub)).map_err(|e| io_problem(sub, &e))?;
    }
    for (name, bytes) in files {
        let path = dir.join(&name);
        std::fs::write(&path, bytes).map_err(|e| io_problem(&name, &e))?;
        written.push(path);
    }
    if opts.don_vi.is_none() && province.is_none() {
        // The units are placeholders: their workbooks come with
        // `soket mau-nhap` once the names are filled in.
        return Ok(written);
    }
    // One blank data-entry workbook per unit, to send out.
    let (review, problems) = crate::review::load(dir);
    let review = review.ok_or_else(|| {
        problems
            .into_iter()
            .find(|p| p.is_error())
            .unwrap_or_else(|| Problem::error(Kind::Run(RunKind::InitCannotReadBack)))
    })?;
    written.extend(crate::render::entry::write_entry_workbooks(
        &review,
        &dir.join(ENTRY_DIR),
    )?);
    Ok(written)
}

/// Where `init` and `mau-nhap` write the entry workbooks to send out; the
/// files that come back go to `so-lieu/`.
pub const ENTRY_DIR: &str = "bieu-nhap";

/// The office's unit list, checked as `check` would check it, and the name
/// it gets in the folder (`don-vi.xlsx`, `don-vi.csv` …), and how many
/// units it lists.
fn office_units(path: &Path) -> Result<((String, Vec<u8>), usize), Problem> {
    let shown = path.display().to_string();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !crate::read::ward::DATA_EXTENSIONS.contains(&ext.as_str()) {
        return Err(Problem::error(Kind::Run(RunKind::UnitListNotSpreadsheet)).file(shown));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Problem::error(Kind::Run(RunKind::CannotReadUnitList {
            error: e.to_string(),
        }))
        .file(shown.clone())
    })?;
    let name = format!("don-vi.{ext}");
    // Read it back from a scratch folder under the name it will have.
    let scratch = tempfile::tempdir().map_err(|e| io_problem(&name, &e))?;
    std::fs::write(scratch.path().join(&name), &bytes).map_err(|e| io_problem(&name, &e))?;
    let mut problems = Vec::new();
    let units = crate::review::table::load_units(scratch.path(), None, &mut problems);
    if let Some(p) = problems.into_iter().find(Problem::is_error) {
        return Err(p.file(shown));
    }
    let count = units.map_or(0, |u| u.len());
    if count == 0 {
        return Err(Problem::error(Kind::Table(TableKind::Empty {
            table: Table::Units,
        }))
        .file(shown));
    }
    Ok(((name, bytes), count))
}

/// The settings text and the unit list for `options`; an unknown
/// province or period is an error before anything is written.
fn periodic_settings(
    options: &InitOptions,
) -> Result<(String, Option<crate::units2025::Province>), Problem> {
    let mut settings = SETTINGS_TEMPLATE.to_string();
    if let Some(ky) = &options.ky {
        let Some(p) = crate::read::period::Period::parse(ky) else {
            return Err(Problem::error(Kind::Run(RunKind::InitNotAPeriod {
                text: ky.to_string(),
            })));
        };
        let term = "nhiem_ky = [2020, 2025]\nnam_goc = 2020                  # năm gốc để so sánh\nnam_bao_cao = 2022              # năm báo cáo\n";
        let periodic = format!(
            "# kỳ báo cáo: \"9 tháng 2026\", \"Quý III/2026\", \"Tháng 10/2026\", \"2026\" …\nky_bao_cao = \"{}\"\n",
            ky.replace('"', "")
        );
        settings = settings.replace(term, &periodic);
        settings = settings.replace(
            "tieu_de = \"Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ quận lần thứ …, nhiệm kỳ 2020 - 2025\"",
            &format!("tieu_de = \"Báo cáo kết quả thực hiện nhiệm vụ {}\"", p.label()),
        );
    }
    let Some(tinh) = &options.tinh else {
        return Ok((settings, None));
    };
    let p = crate::units2025::province(tinh)?;
    settings = settings
        .replace("ten_don_vi = \"…\"", &format!("ten_don_vi = \"{}\"", p.ten))
        .replace("cap_don_vi = \"phường\" ", "cap_don_vi = \"xã\"      ")
        .replace(
            "ỦY BAN NHÂN DÂN QUẬN …",
            &format!("ỦY BAN NHÂN DÂN {}", p.ten.to_uppercase()),
        );
    Ok((settings, Some(p)))
}

/// A `don-vi.xlsx` of `rows` (code, name, population).
fn units_workbook(rows: Vec<Vec<Cell>>) -> Result<Vec<u8>, XlsxError> {
    table_workbook(&[TableSheet {
        name: "Don vi",
        title: "DANH SÁCH ĐƠN VỊ BÁO CÁO",
        headers: &["Mã", "Tên", "DAN_SO"],
        rows,
        widths: &[8.0, 30.0, 12.0],
    }])
}

/// `don-vi.xlsx` of a province folder: its official communes, wards and
/// special zones of 1 July 2025, by their official codes. The populations
/// the sample catalog weighs by are not in the official list: they are
/// placeholders for the office to fill, as in a folder without a list.
fn province_units_xlsx(p: &crate::units2025::Province) -> Result<Vec<u8>, XlsxError> {
    let rows = (p.communes.iter())
        .map(|(ma, ten)| vec![Cell::from(*ma), Cell::from(*ten), Cell::Empty])
        .collect();
    units_workbook(rows)
}

fn io_problem(what: &str, e: &std::io::Error) -> Problem {
    Problem::error(Kind::Run(RunKind::InitCannotWrite {
        what: what.to_string(),
        error: e.to_string(),
    }))
    .file(what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_template_parses_without_problems() {
        let (s, problems) = crate::review::settings::parse(SETTINGS_TEMPLATE, "soket.toml");
        assert!(problems.is_empty(), "{problems:?}");
        let s = s.unwrap();
        assert_eq!(s.so_lieu.nam_bao_cao, 2022);
        assert_eq!(s.bao_cao.co_quan, "ỦY BAN NHÂN DÂN QUẬN …");
        // Every name only the office knows is a placeholder, an error for check.
        let keys: Vec<String> =
            crate::review::settings::placeholders(SETTINGS_TEMPLATE, "soket.toml")
                .iter()
                .map(|p| {
                    format!(
                        "{} {}",
                        p.o().unwrap_or_default(),
                        p.thong_diep().split(' ').next().unwrap_or("")
                    )
                })
                .collect();
        assert_eq!(
            keys,
            [
                "dòng 6 bao_cao.co_quan_cap_tren",
                "dòng 7 bao_cao.co_quan",
                "dòng 11 bao_cao.so_ky_hieu",
                "dòng 12 bao_cao.dia_danh",
                "dòng 14 bao_cao.tieu_de",
                "dòng 17 bao_cao.nguoi_ky",
                "dòng 23 so_lieu.ten_don_vi",
            ]
        );
    }

    #[test]
    fn sample_catalog_rows_parse() {
        use crate::review::{Aggregate, Target};
        for (ma, _, _, _, tong_hop, muc_tieu, _) in SAMPLE_CATALOG {
            assert!(Aggregate::parse(tong_hop).is_some(), "{ma}: {tong_hop}");
            if !muc_tieu.is_empty() {
                assert!(Target::parse(muc_tieu).is_ok(), "{ma}: {muc_tieu}");
            }
        }
    }

    #[test]
    fn workbooks_are_byte_identical_from_run_to_run() {
        assert_eq!(
            sample_catalog_xlsx().unwrap(),
            sample_catalog_xlsx().unwrap()
        );
        assert_eq!(sample_units_xlsx().unwrap(), sample_units_xlsx().unwrap());
    }
}
