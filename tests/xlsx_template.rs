//! Filling an Excel template: numbers stay numbers, text is inline, row
//! loops move what is below them, unknown names name the nearest known one.

use crate::xlsx_support;

use minijinja::Environment;
use minijinja::value::Value;
use rust_xlsxwriter::Workbook;
use soket::render::xlsx_template::render_xlsx_template;
use xlsx_support::*;

fn ctx() -> Value {
    soket::render::view(std::sync::Arc::new(
        serde_json::to_value(sample_context()).unwrap(),
    ))
}

fn env() -> Environment<'static> {
    Environment::new()
}

#[test]
fn fills_numbers_text_and_row_loops() {
    let out =
        render_xlsx_template(&sample_template(), "mau/tong-hop.xlsx", &env(), &ctx()).unwrap();
    let xml = entry(&out, "xl/worksheets/sheet1.xml");
    assert_eq!(
        cell_text(&out, &xml, "A1").as_deref(),
        Some("QUẬN ỦY TÂY HỒ")
    );
    // Rich-text runs are joined before rendering.
    assert_eq!(
        cell_text(&out, &xml, "A2").as_deref(),
        Some("Ngày: ngày 07 tháng 4 năm 2023")
    );
    // A whole-cell number is a numeric cell, with its style kept.
    let b3 = cell(&xml, "B3").unwrap();
    assert!(
        b3.starts_with("<c r=\"B3\" s=\"") && b3.ends_with("<v>7.75</v></c>"),
        "{b3}"
    );
    assert!(!b3.contains("t=\""), "{b3}");
    assert!(cell(&xml, "A1").unwrap().contains("t=\"inlineStr\""));
    // The loop: the marker rows vanish, the body repeats for the 4
    // indicators of "Kinh tế" (rows 5–8), what follows moves down by 2.
    let codes: Vec<String> = (5..=8)
        .map(|r| cell_text(&out, &xml, &format!("A{r}")).unwrap())
        .collect();
    assert_eq!(codes, ["KT01", "MT01", "MT02", "CH01"]);
    assert_eq!(
        cell_text(&out, &xml, "B6").as_deref(),
        Some("2. Tỷ lệ thu gom rác thải thấp nhất")
    );
    assert_eq!(cell(&xml, "C6").and_then(|c| inner(c, "v")), Some("91.2"));
    // CH01 has no value: an empty cell, never "none".
    assert!(
        !cell(&xml, "C8").unwrap().contains("<v>"),
        "{}",
        cell(&xml, "C8").unwrap()
    );
    // The formula in the body follows its own row in each copy.
    assert_eq!(cell(&xml, "D5").and_then(|c| inner(c, "f")), Some("C5*2"));
    assert_eq!(cell(&xml, "D8").and_then(|c| inner(c, "f")), Some("C8*2"));
    // The total row, two rows lower, sums every copy.
    assert_eq!(cell_text(&out, &xml, "A9").as_deref(), Some("Tổng"));
    assert_eq!(
        cell(&xml, "C9").and_then(|c| inner(c, "f")),
        Some("SUM(C5:C8)")
    );
    assert_eq!(
        cell(&xml, "D9").and_then(|c| inner(c, "f")),
        Some("SUM(D5:D8)")
    );
    assert_eq!(
        cell_text(&out, &xml, "A10").as_deref(),
        Some("7/8 chỉ tiêu đạt và dự kiến đạt")
    );
    assert_eq!(
        cell_text(&out, &xml, "A11").as_deref(),
        Some("ghi chú cuối")
    );
    // Merged ranges: one per copy in the loop, the summary line moved.
    for m in ["E5:F5", "E6:F6", "E7:F7", "E8:F8", "A10:C10"] {
        assert!(
            xml.contains(&format!("<mergeCell ref=\"{m}\"/>")),
            "merge {m}:\n{xml}"
        );
    }
    assert!(xml.contains("<mergeCells count=\"5\">"));
    assert!(xml.contains("<dimension ref=\"A1:F11\"/>"), "dimension");
    assert!(
        xml.contains("<conditionalFormatting sqref=\"C5:C8\">"),
        "conditional format covers the copies"
    );
    let wb = entry(&out, "xl/workbook.xml");
    assert!(
        wb.contains("'Báo cáo'!$A$1:$F$11"),
        "print area follows: {wb}"
    );
    assert!(wb.contains("fullCalcOnLoad=\"1\""));
    // Another sheet that refers to the moved total row follows it.
    let other = entry(&out, "xl/worksheets/sheet2.xml");
    assert!(other.contains("<f>'Báo cáo'!C9+Khác!A5</f>"), "{other}");
}

#[test]
fn filters_of_the_real_environment_apply() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "{{ ct.KT01.gia_tri | so(1) }}")
        .unwrap();
    ws.write_string(1, 0, "Đạt {{ ct.GD01.gia_tri | pt(1) }} & hơn")
        .unwrap();
    let t = wb.save_to_buffer().unwrap();
    let env = soket::render::environment(soket::vn::Rounding::HalfAwayFromZero);
    let out = render_xlsx_template(&t, "mau/x.xlsx", &env, &ctx()).unwrap();
    let xml = entry(&out, "xl/worksheets/sheet1.xml");
    assert_eq!(cell_text(&out, &xml, "A1").as_deref(), Some("7,8"));
    assert_eq!(
        cell_text(&out, &xml, "A2").as_deref(),
        Some("Đạt 96,3% & hơn")
    );
}

#[test]
fn inline_string_templates_are_filled() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_number(0, 0, 1).unwrap();
    ws.write_number(1, 0, 2).unwrap();
    let t = patch_entry(
        &wb.save_to_buffer().unwrap(),
        "xl/worksheets/sheet1.xml",
        |x| {
            x.replace(
            "<c r=\"A1\"><v>1</v></c>",
            "<c r=\"A1\" t=\"inlineStr\"><is><r><t>{{ don_vi[1]</t></r><r><rPr><b/></rPr><t>.ten }}</t></r></is></c>",
        )
        .replace("<c r=\"A2\"><v>2</v></c>", "<c r=\"A2\" t=\"inlineStr\"><is><t>{{ ct.MT02.gia_tri }}</t></is></c>")
        },
    );
    assert!(
        entry(&t, "xl/worksheets/sheet1.xml").contains("inlineStr"),
        "the template uses inline strings"
    );
    let out = render_xlsx_template(&t, "mau/x.xlsx", &env(), &ctx()).unwrap();
    let xml = entry(&out, "xl/worksheets/sheet1.xml");
    assert_eq!(
        cell_text(&out, &xml, "A1").as_deref(),
        Some("Phường Nhật Tân")
    );
    assert_eq!(cell(&xml, "A2").and_then(|c| inner(c, "v")), Some("4"));
}

#[test]
fn untouched_parts_are_copied_raw_and_output_is_deterministic() {
    let t = sample_template();
    let a = render_xlsx_template(&t, "mau/tong-hop.xlsx", &env(), &ctx()).unwrap();
    let b = render_xlsx_template(&t, "mau/tong-hop.xlsx", &env(), &ctx()).unwrap();
    assert!(a == b, "two renders differ");
    // (sheet2 refers to the moved total row, so it is rewritten.)
    for part in ["xl/styles.xml", "xl/sharedStrings.xml", "docProps/core.xml"] {
        assert_eq!(entry(&a, part), entry(&t, part), "{part} changed");
    }
    assert_eq!(entry_names(&a), entry_names(&t));
}

#[test]
fn calc_chain_is_dropped() {
    // Add a calcChain part, as Excel does, to the template.
    let t = sample_template();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(&t[..])).unwrap();
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    use std::io::{Read, Write};
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut data = String::new();
        f.read_to_string(&mut data).unwrap();
        if name == "[Content_Types].xml" {
            data = data.replace(
                "</Types>",
                "<Override PartName=\"/xl/calcChain.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml\"/></Types>",
            );
        }
        if name == "xl/_rels/workbook.xml.rels" {
            data = data.replace(
                "</Relationships>",
                "<Relationship Id=\"rId99\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain\" Target=\"calcChain.xml\"/></Relationships>",
            );
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(data.as_bytes()).unwrap();
    }
    zout.start_file("xl/calcChain.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zout.write_all(b"<?xml version=\"1.0\"?><calcChain xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><c r=\"C8\" i=\"1\"/></calcChain>").unwrap();
    let t = zout.finish().unwrap().into_inner();
    let out = render_xlsx_template(&t, "mau/tong-hop.xlsx", &env(), &ctx()).unwrap();
    assert!(!entry_names(&out).iter().any(|n| n.contains("calcChain")));
    assert!(!entry(&out, "[Content_Types].xml").contains("calcChain"));
    assert!(!entry(&out, "xl/_rels/workbook.xml.rels").contains("calcChain"));
}

#[test]
fn unknown_names_are_all_reported_with_the_nearest_name() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Báo cáo").unwrap();
    ws.write_string(0, 0, "{{ ct.GD01.ty_lee }}").unwrap();
    ws.write_string(1, 0, "Cơ quan: {{ bao_caoo.co_quan }}")
        .unwrap();
    ws.write_string(2, 0, "{%tr for c in nhom[\"Kinh tế\"] %}")
        .unwrap();
    ws.write_string(3, 1, "{{ c.tenn }}").unwrap();
    ws.write_string(4, 0, "{%tr endfor %}").unwrap();
    ws.write_string(5, 0, "{{ ct.GD01.ty_le }}").unwrap();
    let t = wb.save_to_buffer().unwrap();
    let problems = render_xlsx_template(&t, "mau/tong-hop.xlsx", &env(), &ctx()).unwrap_err();
    let lines: Vec<String> = problems
        .iter()
        .map(|p| p.display(soket::check::Lang::Vi))
        .collect();
    assert_eq!(
        lines,
        [
            "lỗi: mau/tong-hop.xlsx!Báo cáo!A1: không có tên \"ct.GD01.ty_lee\" trong dữ liệu của mẫu (ý bạn là \"ct.GD01.ty_le\"?)",
            "lỗi: mau/tong-hop.xlsx!Báo cáo!A2: không có tên \"bao_caoo\" trong dữ liệu của mẫu (ý bạn là \"bao_cao.co_quan\"?)",
            "lỗi: mau/tong-hop.xlsx!Báo cáo!B4: không có tên \"c.tenn\" trong dữ liệu của mẫu (ý bạn là \"c.ten\"?)",
        ]
    );
    assert_eq!(
        problems[0].message_en(),
        "unknown name \"ct.GD01.ty_lee\" in the template (did you mean \"ct.GD01.ty_le\"?)"
    );
}

#[test]
fn unmatched_loop_rows_and_syntax_errors_are_reported() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "{%tr for c in don_vi %}").unwrap();
    ws.write_string(1, 0, "{{ c.ten ").unwrap();
    let t = wb.save_to_buffer().unwrap();
    let problems = render_xlsx_template(&t, "mau/x.xlsx", &env(), &ctx()).unwrap_err();
    let cells: Vec<String> = problems.iter().map(|p| p.o().unwrap()).collect();
    assert_eq!(cells, ["A1", "A2"], "{problems:?}");
    assert!(problems[0].thong_diep().contains("{%tr endfor %}"));
    assert!(problems[1].thong_diep().starts_with("lỗi cú pháp mẫu"));
}

#[test]
fn empty_loop_leaves_one_blank_row_and_valid_sums() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "{%tr for c in [] %}").unwrap();
    ws.write_string(1, 0, "{{ c.ma }}").unwrap();
    ws.write_number(1, 1, 1).unwrap();
    ws.write_string(2, 0, "{%tr endfor %}").unwrap();
    ws.write_formula(3, 1, "=SUM(B1:B3)").unwrap();
    let t = wb.save_to_buffer().unwrap();
    let out = render_xlsx_template(&t, "mau/x.xlsx", &env(), &ctx()).unwrap();
    let xml = entry(&out, "xl/worksheets/sheet1.xml");
    assert_eq!(
        cell(&xml, "B2").and_then(|c| inner(c, "f")),
        Some("SUM(B1:B1)"),
        "{xml}"
    );
    assert!(!cell(&xml, "A1").unwrap().contains("<v>"));
}

#[test]
fn tables_over_a_loop_grow_with_it() {
    use rust_xlsxwriter::{Table, TableColumn};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let table = Table::new().set_columns(&[
        TableColumn::new().set_header("Mã"),
        TableColumn::new().set_header("Giá trị"),
    ]);
    ws.add_table(0, 0, 3, 1, &table).unwrap();
    ws.write_string(1, 0, "{%tr for c in nhom[\"Kinh tế\"] %}")
        .unwrap();
    ws.write_string(2, 0, "{{ c.ma }}").unwrap();
    ws.write_string(2, 1, "{{ c.gia_tri }}").unwrap();
    ws.write_string(3, 0, "{%tr endfor %}").unwrap();
    ws.write_string(5, 0, "Hết").unwrap();
    let t = wb.save_to_buffer().unwrap();
    let out = render_xlsx_template(&t, "mau/x.xlsx", &env(), &ctx()).unwrap();
    let table = entry(&out, "xl/tables/table1.xml");
    assert!(table.contains("ref=\"A1:B5\""), "{table}");
    let xml = entry(&out, "xl/worksheets/sheet1.xml");
    assert_eq!(cell_text(&out, &xml, "A5").as_deref(), Some("CH01"));
    assert_eq!(cell_text(&out, &xml, "A7").as_deref(), Some("Hết"));
}

/// Before, a sheet part past the size bound was skipped silently and its
/// tags reached the output unfilled; now it is refused by name.
#[test]
fn an_oversized_sheet_part_is_reported_not_skipped() {
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .write_string(0, 0, "{{ ct.GD01.ty_le }}")
        .unwrap();
    let t = patch_entry(
        &wb.save_to_buffer().unwrap(),
        "xl/worksheets/sheet1.xml",
        |xml| {
            xml.replacen(
                "<sheetData>",
                &format!("<sheetData>{}", " ".repeat(65 << 20)),
                1,
            )
        },
    );
    assert!(
        t.len() < 2 << 20,
        "the template itself is small: {}",
        t.len()
    );
    let problems = render_xlsx_template(&t, "mau/x.xlsx", &env(), &ctx()).unwrap_err();
    let lines = displayed(&problems);
    assert_eq!(
        lines,
        [(
            "lỗi: mau/x.xlsx: phần xl/worksheets/sheet1.xml của mẫu Excel quá lớn (trên 64 MiB)"
                .to_string(),
            "error: mau/x.xlsx: part xl/worksheets/sheet1.xml of the Excel template is too large (over 64 MiB)"
                .to_string()
        )]
    );
}

/// A template part altered after it was written (one byte changed, so its
/// CRC-32 no longer matches) is refused by name, never rendered.
#[test]
fn a_template_part_that_fails_its_crc_is_refused_by_name() {
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .write_string(0, 0, "{{ ct.GD01.ty_le }}")
        .unwrap();
    let mut t = stored(&wb.save_to_buffer().unwrap());
    let at = t.windows(9).position(|w| w == b"sheetData").unwrap();
    t[at] = b'S';
    let problems = render_xlsx_template(&t, "mau/x.xlsx", &env(), &ctx()).unwrap_err();
    let lines = displayed(&problems);
    assert_eq!(
        lines,
        [(
            "lỗi: mau/x.xlsx: phần xl/worksheets/sheet1.xml của mẫu Excel không khớp mã kiểm tra CRC-32: nội dung đã bị thay đổi hoặc hỏng khi gửi"
                .to_string(),
            "error: mau/x.xlsx: part xl/worksheets/sheet1.xml of the Excel template fails its CRC-32 check: its content was altered or damaged in transit"
                .to_string()
        )]
    );
}

/// The same package with every part stored uncompressed, so that a test
/// can change a byte of a part's content in place.
fn stored(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut a = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..a.len() {
        let mut f = a.by_index(i).unwrap();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).unwrap();
        w.start_file(f.name().unwrap().into_owned(), opts).unwrap();
        w.write_all(&buf).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Each problem as the terminal shows it, in Vietnamese and in English.
fn displayed(problems: &[soket::check::Problem]) -> Vec<(String, String)> {
    problems
        .iter()
        .map(|p| {
            (
                p.display(soket::check::Lang::Vi),
                p.display(soket::check::Lang::En),
            )
        })
        .collect()
}
