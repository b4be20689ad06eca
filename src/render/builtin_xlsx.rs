//! The built-in Excel template that `soket init` puts in `mau/`: a table of
//! every indicator a clerk can restyle in Excel. It shows the conventions of
//! Excel templates: `{{ … }}` in cells (a whole-cell number stays a number)
//! and a `{%tr for … %}` … `{%tr endfor %}` pair of rows around the row to
//! repeat.

use rust_xlsxwriter::{
    ConditionalFormatFormula, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Workbook,
};

/// File name of the template in `mau/` (and of its filled copy in the output).
pub const NAME: &str = "bang-chi-tieu.xlsx";

/// The template's bytes (deterministic: fixed document dates).
pub fn build_xlsx_template() -> Vec<u8> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(2023, 1, 1).expect("valid date");
    wb.set_properties(
        &DocProperties::new()
            .set_title("Bảng chỉ tiêu")
            .set_creation_datetime(&date),
    );
    let title = Format::new()
        .set_bold()
        .set_font_name("Times New Roman")
        .set_font_size(13);
    let plain = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12);
    let italic = plain.clone().set_italic();
    let header = plain
        .clone()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color("D9E1F2");
    let cell = plain.clone().set_border(FormatBorder::Thin).set_text_wrap();
    let number = cell.clone().set_num_format("#,##0.##");
    let percent = cell.clone().set_num_format("0.0\"%\"");
    let ws = wb.add_worksheet();
    // Sheet names and static texts are known to be valid: unwraps cannot fail.
    let _ = ws.set_name("Chỉ tiêu");
    for (col, width) in [6.0, 9.0, 46.0, 12.0, 12.0, 14.0, 12.0, 14.0]
        .iter()
        .enumerate()
    {
        let _ = ws.set_column_width(col as u16, *width);
    }
    let rows: &[(u32, u16, &str, &Format)] = &[
        (0, 0, "{{ bao_cao.co_quan }}", &title),
        (
            1,
            0,
            "BẢNG KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {{ so_lieu.nam_bao_cao }}",
            &title,
        ),
        (
            2,
            0,
            "{{ bao_cao.dia_danh }}, {{ bao_cao.ngay_text }}",
            &italic,
        ),
    ];
    for (r, c, text, fmt) in rows {
        let _ = ws.write_string_with_format(*r, *c, *text, fmt);
    }
    let headers = [
        "STT",
        "Mã",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu",
        "Kết quả",
        "% mục tiêu",
        "Đánh giá",
    ];
    for (c, h) in headers.iter().enumerate() {
        let _ = ws.write_string_with_format(4, c as u16, *h, &header);
    }
    let _ = ws.write_string(5, 0, "{%tr for ma, c in ct|items %}");
    let body: [(&str, &Format); 8] = [
        ("{{ loop.index }}", &cell),
        ("{{ c.ma }}", &cell),
        ("{{ c.ten }}", &cell),
        ("{{ c.dvt }}", &cell),
        // ≥ and ≤ as in the report's table, not the ASCII ">=" of the catalog.
        (
            r#"{{ (c.muc_tieu or "")|replace(">=", "≥")|replace("<=", "≤") }}"#,
            &cell,
        ),
        ("{{ c.gia_tri }}", &number),
        ("{{ c.dat_pt_muc_tieu }}", &percent),
        ("{{ c.danh_gia_text }}", &cell),
    ];
    for (c, (text, fmt)) in body.iter().enumerate() {
        let _ = ws.write_string_with_format(6, c as u16, *text, fmt);
    }
    // `#,##0.##` shows a whole number as "12." (Excel and LibreOffice keep
    // the decimal point of an optional decimal): whole results get
    // `#,##0` by a conditional format, which the engine extends over the
    // loop's rows with the relative reference.
    let whole = ConditionalFormatFormula::new()
        .set_rule("=MOD(F7,1)=0")
        .set_format(Format::new().set_num_format("#,##0"));
    let _ = ws.add_conditional_format(6, 5, 6, 5, &whole);
    let _ = ws.write_string(7, 0, "{%tr endfor %}");
    let _ = ws.write_string_with_format(8, 0, "Tổng hợp: {{ tong_ket.text }}", &title);
    let _ = ws.set_freeze_panes(5, 0);
    // Printed like the annex: A4 landscape, one page wide, the header row
    // repeated on every page.
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    let _ = ws.set_repeat_rows(4, 4);
    wb.save_to_buffer().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_deterministic() {
        assert_eq!(build_xlsx_template(), build_xlsx_template());
        assert!(build_xlsx_template().starts_with(b"PK\x03\x04"));
    }

    #[test]
    fn the_template_prints_on_a4_landscape_one_page_wide() {
        let bytes = build_xlsx_template();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        assert!(
            xml.contains(r#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape""#),
            "{xml}"
        );
        assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{xml}");
    }
}
