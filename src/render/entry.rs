//! Blank data-entry workbooks, one per ward (and one for the district's own
//! `cap_quan` figures), written by `soket init` to send out to the wards.
//!
//! The layout is the ward sheet layout the reader expects (COMMON.md): sheet
//! "So lieu", title rows, an `Đơn vị: …` line, a blank row, the header
//! `STT | Mã | Tên chỉ tiêu | Đơn vị tính | 2020 | … | Ước 2023 | Ghi chú`
//! and one row per indicator under group heading rows. The sheet is
//! protected with only the value and note cells unlocked, so codes and names
//! cannot drift; drop-downs and input hints tell the clerk what to type.

use crate::check::{Kind, Problem, TemplateKind};
use crate::read::YearColumn;
use crate::read::period::Period;
use crate::review::{Aggregate, Indicator, Review, Settings, Unit};
use crate::vn::text::capitalize;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet,
    XlsxError,
};
use std::path::{Path, PathBuf};

/// Name of the data sheet in generated workbooks.
pub const SHEET: &str = "So lieu";

/// Row (0-based) of the header in generated workbooks.
pub const HEADER_ROW: u32 = 4;

/// Words a unit-count (`so_don_vi_dat`) cell offers in its drop-down.
pub const YES_NO: [&str; 4] = ["Đạt", "Chưa đạt", "Có", "Không"];

/// The year columns of a review's entry workbooks: every year from
/// `nam_goc` to `nam_bao_cao`, then next year as an estimate (`Ước`) while it
/// is still inside the term.
pub fn entry_years(settings: &Settings) -> Vec<YearColumn> {
    let s = &settings.so_lieu;
    // A periodic review: the same period last year, the report period,
    // the year's plan (headed by [`heading`]).
    if let Some(p) = s.ky {
        let y = |year, uoc| YearColumn { year, uoc };
        return vec![y(p.year - 1, false), y(p.year, false), y(p.year, true)];
    }
    let mut years: Vec<YearColumn> = (s.nam_goc..=s.nam_bao_cao)
        .map(|year| YearColumn { year, uoc: false })
        .collect();
    if s.nam_bao_cao < s.nhiem_ky[1] {
        years.push(YearColumn {
            year: s.nam_bao_cao + 1,
            uoc: true,
        });
    }
    years
}

/// Indicators a workbook asks for: a ward enters everything but the
/// district's own figures and the computed `ty_le:A/B` rows (A and B are
/// entered instead); the district's workbook holds only `cap_quan` ones.
pub fn indicators_for<'a>(review: &'a Review, unit: Option<&Unit>) -> Vec<&'a Indicator> {
    review
        .catalog
        .indicators
        .iter()
        .filter(|i| match (&i.tong_hop, unit) {
            (Aggregate::CapQuan, u) => u.is_none(),
            (_, None) => false,
            (Aggregate::TyLe(Some(_)), Some(_)) => false,
            _ => true,
        })
        .collect()
}

/// The blank workbook for one ward (`unit`), or for the district itself
/// (`None`: its `cap_quan` indicators).
#[allow(clippy::result_large_err)] // `Problem` is the crate-wide error value
pub fn write_entry_workbook(
    review: &Review,
    unit: Option<&Unit>,
    years: &[YearColumn],
) -> Result<Vec<u8>, Problem> {
    build(review, unit, years).map_err(|e| {
        let who = unit
            .map(|u| u.ten.clone())
            .unwrap_or_else(|| review.settings.so_lieu.ten_don_vi.clone());
        Problem::error(Kind::Template(TemplateKind::EntryWorkbook {
            who,
            error: e.to_string(),
        }))
    })
}

/// Write one workbook per unit into `out_dir` (`phuong-buoi.xlsx` …), plus
/// the district's own when the catalog has `cap_quan` indicators. Returns
/// the paths in `don-vi` order, the district's last.
#[allow(clippy::result_large_err)]
pub fn write_entry_workbooks(review: &Review, out_dir: &Path) -> Result<Vec<PathBuf>, Problem> {
    let years = entry_years(&review.settings);
    let io_err = |path: &Path, e: std::io::Error| {
        Problem::error(Kind::Template(TemplateKind::CannotWriteFile {
            path: path.display().to_string(),
            error: e.to_string(),
        }))
        .file(path.display().to_string())
    };
    std::fs::create_dir_all(out_dir).map_err(|e| io_err(out_dir, e))?;
    let mut jobs: Vec<(Option<&Unit>, String)> = review
        .units
        .iter()
        .map(|u| (Some(u), u.ten.clone()))
        .collect();
    if has_district_workbook(review) {
        let name = review.settings.so_lieu.ten_don_vi.trim();
        jobs.push((
            None,
            if name.is_empty() {
                "cap-quan".into()
            } else {
                name.to_string()
            },
        ));
    }
    let mut used: Vec<String> = Vec::new();
    let mut paths = Vec::new();
    for (unit, name) in jobs {
        let stem = unique(file_stem(&name, unit.map(|u| u.ma.as_str())), &mut used);
        let path = out_dir.join(format!("{stem}.xlsx"));
        let bytes = write_entry_workbook(review, unit, &years)?;
        // Atomically, and with the permissions of every other output.
        crate::output::write_atomic(&path, &bytes).map_err(|e| io_err(&path, e))?;
        paths.push(path);
    }
    Ok(paths)
}

/// The catalog has `cap_quan` indicators, so the district needs a workbook.
pub fn needs_district_workbook(review: &Review) -> bool {
    review
        .catalog
        .indicators
        .iter()
        .any(|i| i.tong_hop == Aggregate::CapQuan)
}

/// The district's own workbook is written once `so_lieu.ten_don_vi` is
/// filled in: its "Đơn vị: …" line is how the reader knows the file, so a
/// workbook written with the placeholder would never be recognised.
pub fn has_district_workbook(review: &Review) -> bool {
    needs_district_workbook(review)
        && !review
            .settings
            .so_lieu
            .ten_don_vi
            .contains(crate::review::settings::PLACEHOLDER)
}

/// A safe file stem from a unit name: folded, ASCII letters and digits
/// joined by `-` ("Phường Bưởi" → "phuong-buoi"). It has no separator, dot
/// or drive letter, so it can never leave the output folder.
pub fn file_stem(name: &str, fallback: Option<&str>) -> String {
    let folded = crate::vn::text::fold_words(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    out.truncate(80);
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        match fallback {
            Some(f) if !file_stem(f, None).is_empty() => format!("don-vi-{}", file_stem(f, None)),
            _ => "don-vi".into(),
        }
    } else {
        out
    }
}

/// Append `-2`, `-3` … to a stem already used (case-insensitively, since
/// Windows and macOS file systems are).
fn unique(stem: String, used: &mut Vec<String>) -> String {
    let mut candidate = stem.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&candidate)) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    used.push(candidate.clone());
    candidate
}

fn creation_date(review: &Review) -> ExcelDateTime {
    use chrono::Datelike;
    review
        .settings
        .bao_cao
        .ngay
        .and_then(|d| ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok())
        .unwrap_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).expect("valid date"))
}

fn build(review: &Review, unit: Option<&Unit>, years: &[YearColumn]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title("Biểu số liệu sơ kết giữa nhiệm kỳ")
        .set_creation_datetime(&creation_date(review));
    wb.set_properties(&props);
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    fill(ws, review, unit, years)?;
    wb.save_to_buffer()
}

/// A column's heading: "2021", "Ước 2023"; in a periodic review "9 tháng
/// đầu năm 2025", "9 tháng đầu năm 2026" and "Kế hoạch năm 2026" (the
/// plan stands in the `uoc` column of [`entry_years`]).
fn heading(review: &Review, y: &YearColumn) -> String {
    match review.settings.so_lieu.ky {
        Some(_) if y.uoc => format!("Kế hoạch năm {}", y.year),
        Some(p) => capitalize(&Period { year: y.year, ..p }.label()),
        None if y.uoc => format!("Ước {}", y.year),
        None => y.year.to_string(),
    }
}

fn fill(
    ws: &mut Worksheet,
    review: &Review,
    unit: Option<&Unit>,
    years: &[YearColumn],
) -> Result<(), XlsxError> {
    let base = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12);
    let title = base.clone().set_bold().set_align(FormatAlign::Center);
    let boxed = base
        .clone()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let header = boxed
        .clone()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(0xD9E1F2));
    let group = boxed
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xF2F2F2));
    let locked = boxed.clone();
    let locked_wrap = boxed.clone().set_text_wrap();
    let locked_center = boxed.clone().set_align(FormatAlign::Center);
    let input = boxed
        .clone()
        .set_unlocked()
        .set_background_color(Color::RGB(0xFFFDE7));
    // Text format keeps "26/27" and "8/8" from becoming dates.
    let input_text = input.clone().set_num_format_index(49); // "@"

    let name = match unit {
        Some(u) => u.ten.trim().to_string(),
        None => capitalize(&review.settings.so_lieu.ten_don_vi),
    };
    let c_first = 4u16;
    let c_note = c_first + years.len() as u16;
    let (name_w, unit_w) = measured_widths(&indicators_for(review, unit));
    for (c, w) in [6.0, 10.0, name_w, unit_w].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for i in 0..years.len() {
        ws.set_column_width(c_first + i as u16, 13.0)?;
    }
    ws.set_column_width(c_note, 28.0)?;

    ws.merge_range(
        0,
        0,
        0,
        c_note,
        &format!("ỦY BAN NHÂN DÂN {}", name.to_uppercase()),
        &title,
    )?;
    ws.merge_range(1, 0, 1, c_note, "BIỂU SỐ LIỆU SƠ KẾT GIỮA NHIỆM KỲ", &title)?;
    ws.write_string_with_format(2, 0, format!("Đơn vị: {name}"), &base.clone().set_bold())?;

    let hr = HEADER_ROW;
    for (c, h) in ["STT", "Mã", "Tên chỉ tiêu", "Đơn vị tính"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(hr, c as u16, *h, &header)?;
    }
    for (i, y) in years.iter().enumerate() {
        let h = heading(review, y);
        ws.write_string_with_format(hr, c_first + i as u16, h, &header)?;
    }
    ws.write_string_with_format(hr, c_note, "Ghi chú", &header)?;

    let mut r = hr + 1;
    let mut current: Option<&str> = None;
    let (mut gi, mut stt) = (0usize, 0usize);
    for ind in indicators_for(review, unit) {
        if current != Some(ind.nhom.as_str()) && !ind.nhom.trim().is_empty() {
            current = Some(ind.nhom.as_str());
            gi += 1;
            ws.write_string_with_format(r, 0, crate::vn::number::roman(gi), &group)?;
            ws.write_blank(r, 1, &group)?;
            ws.write_string_with_format(r, 2, &ind.nhom, &group)?;
            for c in 3..=c_note {
                ws.write_blank(r, c, &group)?;
            }
            r += 1;
        }
        stt += 1;
        ws.write_number_with_format(r, 0, stt as f64, &locked_center)?;
        ws.write_string_with_format(r, 1, &ind.ma, &locked)?;
        ws.write_string_with_format(r, 2, &ind.ten, &locked_wrap)?;
        ws.write_string_with_format(r, 3, &ind.dvt, &locked_center)?;
        let texty = matches!(ind.tong_hop, Aggregate::TyLe(None) | Aggregate::SoDonViDat);
        let number = input.clone().set_num_format(number_format(ind.decimals()));
        for i in 0..years.len() {
            ws.write_blank(
                r,
                c_first + i as u16,
                if texty { &input_text } else { &number },
            )?;
        }
        ws.write_blank(r, c_note, &input)?;
        if !years.is_empty() {
            let last = c_first + years.len() as u16 - 1;
            ws.add_data_validation(r, c_first, r, last, &validation(ind)?)?;
        }
        r += 1;
    }

    ws.set_freeze_panes(hr + 1, 0)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(hr, hr)?;
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&options);
    Ok(())
}

/// Widths of the name and unit columns, measured from what they hold (in
/// Excel's character widths; a Times New Roman 12 pt letter is about one):
/// the longest name on one line between 30 and 60 characters (a longer
/// name wraps), the longest unit ("doanh nghiệp") whole, at least 9 so
/// that "Đơn vị tính" wraps into two lines and no more.
fn measured_widths(indicators: &[&Indicator]) -> (f64, f64) {
    let (mut name, mut unit) = (0usize, 0usize);
    for ind in indicators {
        name = name.max(ind.ten.trim().chars().count());
        unit = unit.max(ind.dvt.trim().chars().count());
    }
    let name = (name as f64 + 2.0).clamp(30.0, 60.0);
    let unit = (unit as f64 + 3.0).clamp(9.0, 16.0);
    (name, unit)
}

/// The number format of a value cell: thousands grouped, the indicator's
/// decimals fixed ("#,##0" for counts, "#,##0.0" for a percent). Excel
/// stores it in US notation and shows it with the viewer's separators,
/// "12.993" and "96,2" on a Vietnamese PC; a typed figure then reads as the
/// report will print it.
pub fn number_format(decimals: u32) -> String {
    match decimals {
        0 => "#,##0".to_string(),
        d => format!("#,##0.{}", "0".repeat(d.min(10) as usize)),
    }
}

/// What a value cell of `ind` accepts, with a hint shown on selection.
fn validation(ind: &Indicator) -> Result<DataValidation, XlsxError> {
    Ok(match &ind.tong_hop {
        Aggregate::SoDonViDat => DataValidation::new()
            .allow_list_strings(&YES_NO)?
            .set_input_title("Chọn từ danh sách")?
            .set_input_message("Chọn Đạt, Chưa đạt, Có hoặc Không; để trống nếu chưa có số liệu.")?
            .set_error_title("Giá trị không hợp lệ")?
            .set_error_message("Chỉ được chọn Đạt, Chưa đạt, Có hoặc Không.")?,
        // A ratio without A/B codes is typed as a fraction: no number check.
        Aggregate::TyLe(None) => DataValidation::new()
            .allow_any_value()
            .set_input_title("Tỷ lệ")?
            .set_input_message("Ghi dạng tử/mẫu, ví dụ 26/27")?,
        _ => {
            let dv = DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
                // A warning, not a stop: "1.234,5" typed on a machine with
                // English settings is text that soket still reads.
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_error_title("Cần một con số")?
                .set_error_message("Ô này cần một con số, ví dụ 12.993 hoặc 1.234,5. Để trống nếu chưa có số liệu.")?;
            if ind.is_percent() {
                dv.set_input_title("Phần trăm")?
                    .set_input_message("Ghi số phần trăm, ví dụ 96,2")?
            } else {
                let hint = match ind.dvt.trim() {
                    "" => "Ghi số; để trống nếu chưa có số liệu.".to_string(),
                    dvt => format!("Ghi số ({dvt}); để trống nếu chưa có số liệu."),
                };
                dv.set_input_title("Số liệu")?.set_input_message(hint)?
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_folded_and_safe() {
        assert_eq!(file_stem("Phường Bưởi", None), "phuong-buoi");
        assert_eq!(file_stem("Quận Tây Hồ", None), "quan-tay-ho");
        assert_eq!(file_stem("../../etc/passwd", None), "etc-passwd");
        assert_eq!(file_stem("C:\\Windows", None), "c-windows");
        assert_eq!(file_stem("...", Some("P01")), "don-vi-p01");
        assert_eq!(file_stem("", None), "don-vi");
        let mut used = Vec::new();
        assert_eq!(unique("a".into(), &mut used), "a");
        assert_eq!(unique("a".into(), &mut used), "a-2");
    }
}
