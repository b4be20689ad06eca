//! `grid::open`: every format, every cell kind, and files that must be
//! refused with a clear message rather than a crash.

use crate::read_common;
use read_common::*;
use soket::workbook::grid::{self, Raw};
use std::io::Write;
use std::time::Instant;

fn num(value: f64, percent: bool) -> Raw {
    Raw::Number { value, percent }
}

#[test]
fn xlsx_cells_keep_their_kind_and_absolute_position() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("buoi.xlsx");
    let rows = vec![
        vec![S("ỦY BAN NHÂN DÂN PHƯỜNG BƯỞI")],
        vec![],
        vec![
            E,
            E,
            S("Mã"),
            N(12993.0),
            P(0.962),
            Err("#DIV/0!"),
            D(2023, 4, 7),
            B(true),
            S("  "),
        ],
    ];
    write_xlsx(&path, &[("So lieu", rows)], true);
    let sheets = grid::open(&path, "so-lieu/buoi.xlsx").unwrap();
    assert_eq!(sheets.len(), 1);
    let s = &sheets[0];
    assert_eq!(s.name.as_deref(), Some("So lieu"));
    assert_eq!(
        s.get(0, 0),
        &Raw::Text("ỦY BAN NHÂN DÂN PHƯỜNG BƯỞI".into())
    );
    assert_eq!(
        s.get(0, 1),
        &Raw::Empty,
        "merged cells hold the value top-left only"
    );
    assert_eq!(s.get(2, 2), &Raw::Text("Mã".into()));
    assert_eq!(s.get(2, 3), &num(12993.0, false));
    assert_eq!(s.get(2, 4), &num(0.962, true));
    assert_eq!(s.get(2, 5), &Raw::Error("#DIV/0!".into()));
    assert_eq!(s.get(2, 6), &Raw::Date("2023-04-07".into()));
    assert_eq!(s.get(2, 7), &Raw::Bool(true));
    assert_eq!(s.get(2, 8), &Raw::Empty, "blank text is empty");
}

#[test]
fn percent_formats() {
    for (code, want) in [
        ("0%", true),
        ("0.00%", true),
        ("#,##0.0\\%", false),
        ("0.0\"%\"", false),
        ("[Red]0.0%", true),
        ("#,##0", false),
        ("General", false),
    ] {
        assert_eq!(grid::is_percent_format(code), want, "{code}");
    }
}

#[test]
fn empty_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("buoi.xlsx");
    std::fs::write(&path, b"").unwrap();
    let p = grid::open(&path, "so-lieu/buoi.xlsx").unwrap_err();
    assert_eq!(p.thong_diep(), "tệp rỗng (0 byte): hãy gửi lại tệp số liệu");
    assert_eq!(p.tep(), Some("so-lieu/buoi.xlsx"));
}

#[test]
fn truncated_xlsx_is_damaged() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("buoi.xlsx");
    write_xlsx(&path, &[("So lieu", vec![vec![S("Mã")]])], false);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let p = grid::open(&path, "so-lieu/buoi.xlsx").unwrap_err();
    assert!(
        p.thong_diep().starts_with("tệp bị hỏng hoặc gửi thiếu"),
        "{}",
        p.thong_diep()
    );
    assert!(p.is_error());
}

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, data) in entries {
            z.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn word_file_renamed_xlsx_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("buoi.xlsx");
    let bytes = zip_with(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w:document/>"),
    ]);
    std::fs::write(&path, bytes).unwrap();
    let p = grid::open(&path, "so-lieu/buoi.xlsx").unwrap_err();
    assert_eq!(
        p.thong_diep(),
        "đây là tệp Word (.docx) bị đổi tên, không phải bảng tính: hãy gửi tệp Excel"
    );
    assert_eq!(
        p.message_en(),
        "this is a Word document (.docx) renamed, not a spreadsheet: send the Excel file"
    );
}

#[test]
fn html_saved_as_xls_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("buoi.xls");
    std::fs::write(
        &path,
        "<html><body><table><tr><td>Mã</td></tr></table></body></html>",
    )
    .unwrap();
    let p = grid::open(&path, "so-lieu/buoi.xls").unwrap_err();
    assert!(
        p.thong_diep().starts_with("đây là trang web (HTML)"),
        "{}",
        p.thong_diep()
    );
}

#[test]
fn zip_bomb_is_refused_from_the_central_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("buoi.xlsx");
    let mut bytes = zip_with(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", b"<x/>"),
    ]);
    // Claim 300 MiB for the sheet in its central directory record.
    let cd = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    bytes[cd + 24..cd + 28].copy_from_slice(&(300u32 << 20).to_le_bytes());
    std::fs::write(&path, bytes).unwrap();
    let p = grid::open(&path, "so-lieu/buoi.xlsx").unwrap_err();
    assert!(
        p.thong_diep().starts_with("tệp quá lớn khi giải nén"),
        "{}",
        p.thong_diep()
    );
}

/// Replace `xl/worksheets/sheet1.xml` of an xlsx with XML written by `f`.
fn rewrite_sheet1(path: &std::path::Path, f: impl Fn(&mut dyn Write)) {
    let bytes = std::fs::read(path).unwrap();
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..src.len() {
        let entry = src.by_index_raw(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if name == "xl/worksheets/sheet1.xml" {
            drop(entry);
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            f(&mut out);
        } else {
            out.raw_copy_file(entry).unwrap();
        }
    }
    out.finish().unwrap();
}

#[test]
fn a_million_formatted_empty_rows_read_quickly() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("buoi.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Mã").unwrap();
    ws.write_number_with_format(1, 1, 5.0, &rust_xlsxwriter::Format::new().set_bold())
        .unwrap();
    wb.save(&path).unwrap();
    rewrite_sheet1(&path, |w| {
        let mut w = std::io::BufWriter::new(w);
        write!(
            w,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:J1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c></row><row r="2"><c r="B2" s="1"><v>5</v></c></row>"#
        )
        .unwrap();
        for r in 3..=1_048_576u32 {
            write!(w, r#"<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/><c r="J{r}" s="1"/></row>"#).unwrap();
        }
        write!(w, "</sheetData></worksheet>").unwrap();
    });
    let t = Instant::now();
    let sheets = grid::open(&path, "so-lieu/buoi.xlsx").unwrap();
    assert!(t.elapsed().as_secs() < 30, "took {:?}", t.elapsed());
    assert_eq!(
        sheets[0].rows.len(),
        2,
        "trailing formatted empty rows are trimmed"
    );
    assert_eq!(sheets[0].get(1, 1), &num(5.0, false));
}

#[test]
fn a_stray_value_at_the_last_cell_does_not_exhaust_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("buoi.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Mã").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&path).unwrap();
    let sheets = grid::open(&path, "so-lieu/buoi.xlsx").unwrap();
    assert_eq!(sheets[0].get(1_048_575, 16_383), &Raw::Text("x".into()));
}

#[test]
fn csv_utf8_with_bom_and_comma() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bo de.csv");
    std::fs::write(
        &path,
        "\u{feff}Mã,2020,Năm 2021\nGD01,\"26/27\",\"96,2%\"\nKT01,,12.993\n",
    )
    .unwrap();
    let (sheets, warnings) = grid::open_with_warnings(&path, "so-lieu/bo de.csv").unwrap();
    assert!(warnings.is_empty());
    let s = &sheets[0];
    assert_eq!(s.name, None);
    assert_eq!(s.get(0, 0), &Raw::Text("Mã".into()));
    assert_eq!(s.get(1, 2), &Raw::Text("96,2%".into()));
    assert_eq!(s.get(2, 1), &Raw::Empty);
    assert_eq!(s.get(2, 2), &Raw::Text("12.993".into()));
}

#[test]
fn csv_semicolon_committed_file() {
    let path = std::path::Path::new("tests/data/bo-de-semicolon.csv");
    let sheets = grid::open(path, "so-lieu/bo-de-semicolon.csv").unwrap();
    let s = &sheets[0];
    assert_eq!(s.get(0, 0), &Raw::Text("Đơn vị: Phường Bồ Đề".into()));
    assert_eq!(s.get(2, 1), &Raw::Text("Mã".into()));
    assert_eq!(s.get(3, 4), &Raw::Text("96,2".into()));
}

#[test]
fn csv_windows_1258_is_decoded_with_a_warning() {
    let path = std::path::Path::new("tests/data/bo-de-cp1258.csv");
    assert!(std::str::from_utf8(&std::fs::read(path).unwrap()).is_err());
    let (sheets, warnings) = grid::open_with_warnings(path, "so-lieu/bo-de-cp1258.csv").unwrap();
    assert_eq!(
        sheets[0].get(0, 0),
        &Raw::Text("Đơn vị: Phường Bồ Đề".into())
    );
    assert_eq!(sheets[0].get(2, 3), &Raw::Text("Đơn vị tính".into()));
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].thong_diep().contains("Windows-1258"));
}

/// The committed LibreOffice file `tests/data/{file}` (made from the same
/// sheet): percent, positions, errors and dates as written.
#[track_caller]
fn assert_yen_phu_sheet(file: &str) {
    let path = std::path::Path::new("tests/data").join(file);
    let sheets = grid::open(&path, &format!("so-lieu/{file}")).unwrap();
    let s = sheets
        .iter()
        .find(|s| s.name.as_deref() == Some("So lieu"))
        .unwrap();
    assert_eq!(s.get(2, 0), &Raw::Text("Đơn vị: Phường Yên Phụ".into()));
    assert_eq!(s.get(4, 1), &Raw::Text("Mã".into()));
    assert_eq!(s.get(5, 4), &num(0.962, true));
    assert_eq!(s.get(6, 4), &num(12993.0, false));
    assert_eq!(s.get(7, 4), &Raw::Error("#DIV/0!".into()));
    assert_eq!(s.get(8, 4), &Raw::Date("2023-04-07".into()));
}

#[test]
fn ods_from_libreoffice_keeps_percent_and_positions() {
    assert_yen_phu_sheet("yen-phu.ods");
}

#[test]
fn xls_from_libreoffice_reads_values_and_positions() {
    assert_yen_phu_sheet("yen-phu.xls");
}

/// Writes `tests/data/yen-phu.xlsx`, the source of the committed `.xls`
/// and `.ods` files. Regenerate them with:
/// `cargo test --test suite read_grid::make_fixture_sources -- --ignored` then
/// `cd tests/data && soffice --headless --convert-to xls yen-phu.xlsx &&
/// soffice --headless --convert-to ods yen-phu.xlsx && rm yen-phu.xlsx`.
#[test]
#[ignore]
fn make_fixture_sources() {
    let rows = ward_sheet(
        Some("Đơn vị: Phường Yên Phụ"),
        vec![
            row(1.0, "HN01", vec![P(0.962), N(95.5)]),
            row(2.0, "KT01", vec![N(12993.0), S("14.500")]),
            row(3.0, "NV01A", vec![Err("#DIV/0!")]),
            row(4.0, "NV01B", vec![D(2023, 4, 7)]),
            row(5.0, "YT01", vec![B(true), S("Đạt")]),
        ],
    );
    let guide = vec![vec![S("Hướng dẫn: ghi số liệu vào trang So lieu")]];
    write_xlsx(
        std::path::Path::new("tests/data/yen-phu.xlsx"),
        &[("Huong dan", guide), ("So lieu", rows)],
        true,
    );
}

/// Writes `tests/data/spread.xlsx`, the source of `spread.xls` (values at
/// A1 and IV65536); convert as for [`make_fixture_sources`].
#[test]
#[ignore]
fn make_spread_source() {
    let rows = vec![vec![S("Mã")]];
    let path = std::path::Path::new("tests/data/spread.xlsx");
    write_xlsx(path, &[("Sheet1", rows)], false);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Mã").unwrap();
    ws.write_string(65_535, 255, "x").unwrap();
    wb.save(path).unwrap();
}

#[test]
fn xls_values_spread_over_the_whole_sheet_are_refused() {
    let path = std::path::Path::new("tests/data/spread.xls");
    let p = grid::open(path, "so-lieu/spread.xls").unwrap_err();
    assert!(
        p.thong_diep().starts_with("trang trải rộng quá mức"),
        "{}",
        p.thong_diep()
    );
    assert_eq!(p.trang(), Some("Sheet1"));
}
