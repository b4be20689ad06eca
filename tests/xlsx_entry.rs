//! Blank data-entry workbooks: the ward sheet layout, locked codes,
//! drop-downs, number checks and hints, safe file names.

use crate::xlsx_support;

use soket::render::entry::{entry_years, write_entry_workbook, write_entry_workbooks};
use xlsx_support::*;

fn texts(bytes: &[u8], xml: &str, refs: &[&str]) -> Vec<String> {
    refs.iter()
        .map(|r| cell_text(bytes, xml, r).unwrap_or_default())
        .collect()
}

/// The blank workbook of the sample's unit `unit` (the district's: `None`).
fn blank_workbook(unit: Option<usize>) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let review = sample_review(dir.path());
    let years = entry_years(&review.settings);
    write_entry_workbook(&review, unit.map(|u| &review.units[u]), &years).unwrap()
}

#[test]
fn ward_workbook_follows_the_ward_sheet_layout() {
    let bytes = blank_workbook(Some(0));
    let wb = entry(&bytes, "xl/workbook.xml");
    assert!(wb.contains("<sheet name=\"So lieu\""));
    let xml = entry(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(
        cell_text(&bytes, &xml, "A1").as_deref(),
        Some("ỦY BAN NHÂN DÂN PHƯỜNG BƯỞI")
    );
    assert_eq!(
        cell_text(&bytes, &xml, "A2").as_deref(),
        Some("BIỂU SỐ LIỆU SƠ KẾT GIỮA NHIỆM KỲ")
    );
    assert_eq!(
        cell_text(&bytes, &xml, "A3").as_deref(),
        Some("Đơn vị: Phường Bưởi")
    );
    assert_eq!(
        texts(
            &bytes,
            &xml,
            &["A5", "B5", "C5", "D5", "E5", "F5", "G5", "H5", "I5"]
        ),
        [
            "STT",
            "Mã",
            "Tên chỉ tiêu",
            "Đơn vị tính",
            "2020",
            "2021",
            "2022",
            "Ước 2023",
            "Ghi chú"
        ]
    );
    // Group heading, then the indicators; the computed GD02 and the
    // district's QP01 are not asked of a ward.
    assert_eq!(texts(&bytes, &xml, &["A6", "C6"]), ["I", "Kinh tế"]);
    assert_eq!(
        texts(&bytes, &xml, &["B7", "C7", "D7"]),
        ["KT01", "Tổng thu ngân sách trên địa bàn", "tỷ đồng"]
    );
    assert_eq!(
        texts(&bytes, &xml, &["A8", "C8"]),
        ["II", "Văn hóa - Xã hội"]
    );
    let codes = texts(&bytes, &xml, &["B9", "B10", "B11", "B12", "B13", "B14"]);
    assert_eq!(codes, ["GD01", "GD02A", "GD02B", "YT01", "XH01", ""]);
}

#[test]
fn codes_are_locked_and_value_cells_unlocked() {
    let bytes = blank_workbook(Some(0));
    let xml = entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<sheetProtection"), "sheet protected");
    let styles = entry(&bytes, "xl/styles.xml");
    let xfs = inner(&styles, "cellXfs").unwrap();
    let xf: Vec<&str> = xfs.split("<xf ").skip(1).collect();
    let style_of = |r: &str| -> usize {
        let c = cell(&xml, r).unwrap();
        c.split("s=\"")
            .nth(1)
            .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
            .unwrap_or(0)
    };
    let unlocked = |r: &str| xf[style_of(r)].contains("locked=\"0\"");
    assert!(!unlocked("B7"), "code locked");
    assert!(!unlocked("C7"), "name locked");
    assert!(
        unlocked("E7") && unlocked("H7") && unlocked("I7"),
        "values and notes unlocked"
    );
    // Fraction and yes/no cells are text cells, so 8/8 never becomes a date.
    let text_fmt = |r: &str| xf[style_of(r)].contains("numFmtId=\"49\"");
    assert!(text_fmt("E9") && text_fmt("E12"));
    assert!(!text_fmt("E7"));
}

/// A value cell shows what the ward types as the report will print it:
/// thousands grouped and the indicator's decimals (0 for a count, 1 for a
/// percent), in Excel's US notation that a Vietnamese PC shows as
/// "12.993" and "96,2".
#[test]
fn value_cells_carry_the_indicators_number_format() {
    let bytes = blank_workbook(Some(0));
    let xml = entry(&bytes, "xl/worksheets/sheet1.xml");
    let styles = entry(&bytes, "xl/styles.xml");
    let xfs = inner(&styles, "cellXfs").unwrap();
    let xf: Vec<&str> = xfs.split("<xf ").skip(1).collect();
    let format_of = |r: &str| -> String {
        let c = cell(&xml, r).unwrap();
        let s: usize = c
            .split("s=\"")
            .nth(1)
            .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
            .unwrap();
        let id = xf[s].split("numFmtId=\"").nth(1).unwrap();
        let id = &id[..id.find('"').unwrap()];
        let code = styles
            .split("<numFmt ")
            .find(|f| f.contains(&format!("numFmtId=\"{id}\"")))
            .unwrap_or_else(|| panic!("no numFmt {id} for {r}"));
        let code = code.split("formatCode=\"").nth(1).unwrap();
        code[..code.find('"').unwrap()].to_string()
    };
    // KT01 (tỷ đồng), GD02A (trẻ): counts; XH01: a percent.
    assert_eq!(format_of("E7"), "#,##0");
    assert_eq!(format_of("H7"), "#,##0");
    assert_eq!(format_of("E10"), "#,##0");
    assert_eq!(format_of("E13"), "#,##0.0");
    assert_eq!(soket::render::entry::number_format(2), "#,##0.00");
}

/// The name and unit columns are as wide as what they hold: the longest
/// name a ward is asked for ("Trường công lập đạt chuẩn quốc gia", 34
/// letters, + 2) and the longest unit ("tỷ đồng", 7, + 3, at least 9).
#[test]
fn name_and_unit_columns_are_measured_from_their_content() {
    let bytes = blank_workbook(Some(0));
    let xml = entry(&bytes, "xl/worksheets/sheet1.xml");
    let width = |col: usize| -> String {
        let c = xml
            .split("<col ")
            .find(|c| c.contains(&format!("min=\"{col}\" max=\"{col}\"")))
            .unwrap_or_else(|| panic!("no column {col}"));
        let w = c.split("width=\"").nth(1).unwrap();
        w[..w.find('"').unwrap()].to_string()
    };
    // rust_xlsxwriter stores a width w as w + 0.7109375 (Excel's padding).
    assert_eq!(width(3), "36.7109375");
    assert_eq!(width(4), "10.7109375");
}

#[test]
fn drop_downs_number_checks_and_hints() {
    let bytes = blank_workbook(Some(0));
    let xml = unescape(&entry(&bytes, "xl/worksheets/sheet1.xml"));
    assert!(xml.contains("type=\"list\""));
    assert!(
        xml.contains("<formula1>\"Đạt,Chưa đạt,Có,Không\"</formula1>"),
        "{xml}"
    );
    assert!(
        xml.contains("sqref=\"E12:H12\""),
        "drop-down on the YT01 year cells"
    );
    assert!(xml.contains("type=\"decimal\""));
    assert!(xml.contains("errorStyle=\"warning\""));
    assert!(xml.contains("prompt=\"Ghi dạng tử/mẫu, ví dụ 26/27\""));
    assert!(xml.contains("prompt=\"Ghi số phần trăm, ví dụ 96,2\""));
}

#[test]
fn district_workbook_holds_cap_quan_indicators() {
    let bytes = blank_workbook(None);
    let xml = entry(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(
        cell_text(&bytes, &xml, "A1").as_deref(),
        Some("ỦY BAN NHÂN DÂN QUẬN TÂY HỒ")
    );
    assert_eq!(
        cell_text(&bytes, &xml, "A3").as_deref(),
        Some("Đơn vị: Quận Tây Hồ")
    );
    assert_eq!(
        texts(&bytes, &xml, &["C6", "B7", "B8"]),
        ["Quốc phòng - An ninh", "QP01", ""]
    );
}

#[test]
fn one_file_per_unit_with_safe_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut review = sample_review(dir.path());
    review.units[2].ten = "../../Phường Bưởi".into();
    let out = dir.path().join("out");
    let paths = write_entry_workbooks(&review, &out).unwrap();
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "phuong-buoi.xlsx",
            "phuong-nhat-tan.xlsx",
            "phuong-buoi-2.xlsx",
            "quan-tay-ho.xlsx"
        ]
    );
    for p in &paths {
        assert_eq!(p.parent().unwrap(), out);
        assert!(p.is_file());
    }
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        4,
        "no temporary files left"
    );
}

#[test]
fn reruns_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let review = sample_review(dir.path());
    let years = entry_years(&review.settings);
    let a = write_entry_workbook(&review, Some(&review.units[1]), &years).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = write_entry_workbook(&review, Some(&review.units[1]), &years).unwrap();
    assert!(a == b);
}

/// Put values into a blank entry workbook the way a clerk would: a number,
/// a fraction typed as text, a yes/no word, an estimate.
fn type_values(bytes: &[u8], cells: &[(&str, &str)]) -> Vec<u8> {
    patch_entry(bytes, "xl/worksheets/sheet1.xml", |mut data| {
        for (r, v) in cells {
            let open = format!("<c r=\"{r}\"");
            let start = data
                .find(&open)
                .unwrap_or_else(|| panic!("no blank cell {r}"));
            let end = start + data[start..].find("/>").unwrap();
            let attrs = &data[start..end];
            let filled = if v.parse::<f64>().is_ok() {
                format!("{attrs}><v>{v}</v></c>")
            } else {
                format!("{attrs} t=\"inlineStr\"><is><t>{v}</t></is></c>")
            };
            data.replace_range(start..end + 2, &filled);
        }
        data
    })
}

#[test]
fn the_reader_reads_a_filled_entry_workbook_back() {
    use soket::read::{CellValue, Reporter};
    let dir = tempfile::tempdir().unwrap();
    let review = sample_review(dir.path());
    let years = entry_years(&review.settings);
    let blank = write_entry_workbook(&review, Some(&review.units[1]), &years).unwrap();
    let filled = type_values(
        &blank,
        &[
            ("G7", "12.5"),
            ("G9", "26/27"),
            ("G10", "1200"),
            ("G12", "Đạt"),
            ("H13", "96.2"),
        ],
    );
    std::fs::create_dir_all(dir.path().join("so-lieu")).unwrap();
    let path = dir.path().join("so-lieu/phuong-nhat-tan.xlsx");
    std::fs::write(&path, &filled).unwrap();
    let (sub, problems) =
        soket::read::ward::read_file(&review, &path, "so-lieu/phuong-nhat-tan.xlsx");
    assert!(problems.is_empty(), "{problems:#?}");
    let sub = sub.expect("read back");
    assert_eq!(sub.reporter, Reporter::Unit(1));
    assert_eq!(sub.sheet.as_deref(), Some("So lieu"));
    assert_eq!(sub.named_as.as_deref(), Some("Phường Nhật Tân"));
    assert_eq!(sub.years, years);
    let d = |s: &str| s.parse().unwrap();
    let kt01 = sub.get("KT01", 2022).unwrap();
    assert_eq!(kt01.value, CellValue::Number { so: d("12.5") });
    assert_eq!(
        kt01.source.to_string(),
        "so-lieu/phuong-nhat-tan.xlsx!So lieu!G7"
    );
    assert_eq!(
        sub.get("GD01", 2022).unwrap().value,
        CellValue::Fraction {
            tu: d("26"),
            mau: d("27")
        }
    );
    assert_eq!(
        sub.get("GD02A", 2022).unwrap().value,
        CellValue::Number { so: d("1200") }
    );
    assert_eq!(
        sub.get("YT01", 2022).unwrap().value,
        CellValue::YesNo { dat: true }
    );
    assert_eq!(
        sub.get("XH01", 2023).unwrap().value,
        CellValue::Number { so: d("96.2") }
    );
    assert!(sub.is_estimate(2023));
    assert_eq!(sub.values.len(), 5, "blank cells are missing, never 0");

    // The district's own workbook is recognised as the district.
    let blank = write_entry_workbook(&review, None, &years).unwrap();
    let path = dir.path().join("so-lieu/quan-tay-ho.xlsx");
    std::fs::write(&path, type_values(&blank, &[("G7", "26")])).unwrap();
    let (sub, problems) = soket::read::ward::read_file(&review, &path, "so-lieu/quan-tay-ho.xlsx");
    assert!(problems.is_empty(), "{problems:#?}");
    let sub = sub.unwrap();
    assert_eq!(sub.reporter, Reporter::District);
    assert_eq!(
        sub.get("QP01", 2022).unwrap().value,
        CellValue::Number { so: d("26") }
    );
}
