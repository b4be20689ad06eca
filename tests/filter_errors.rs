//! A template filter's error is said in the run's language: `--lang en`
//! gives English words saying all the Vietnamese ones do, in a Word
//! template (`soket render`) and in an Excel template (`soket build`).

use crate::docx_support;
use crate::fs_support;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The problem lines `soket ARGS --lang LANG` prints, in order.
fn problems(args: &[&Path], lang: &str) -> Vec<String> {
    let run = Command::new(env!("CARGO_BIN_EXE_soket"))
        .args(args)
        .args(["--lang", lang])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    String::from_utf8_lossy(&run.stderr)
        .lines()
        .filter(|l| l.starts_with("lỗi: ") || l.starts_with("error: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_word_templates_filter_errors_are_english_under_lang_en() {
    let tmp = tempfile::tempdir().unwrap();
    let template = docx_support::pkg(
        &[
            docx_support::p("Thu: {{ 'abc' | so }}"),
            docx_support::p("Ngày: {{ '2023-04-07' | ngay('%Q') }}"),
        ]
        .concat(),
    )
    .build();
    let (t, c, o) = (
        tmp.path().join("mau.docx"),
        tmp.path().join("ket-qua.json"),
        tmp.path().join("ra.docx"),
    );
    std::fs::write(&t, template).unwrap();
    std::fs::write(&c, "{}").unwrap();
    let args = [Path::new("render"), &t, &c, Path::new("-o"), &o];
    assert_eq!(
        problems(&args, "vi"),
        [
            "lỗi: mau.docx!document!đoạn \"Thu: {{ 'abc' | so }}\": lỗi khi điền thẻ \"{{ 'abc' | so }}\": \
             invalid operation: bộ lọc \"so\": \"abc\" không phải là số, phân số hay Đạt/Chưa đạt",
            "lỗi: mau.docx!document!đoạn \"Ngày: {{ '2023-04-07' | ngay('%Q') }}\": \
             lỗi khi điền thẻ \"{{ '2023-04-07' | ngay('%Q') }}\": \
             invalid operation: bộ lọc \"ngay\": mẫu \"%Q\" không hợp lệ (ví dụ đúng: \"%d/%m/%Y\")",
        ]
    );
    assert_eq!(
        problems(&args, "en"),
        [
            "error: mau.docx!document!paragraph \"Thu: {{ 'abc' | so }}\": error filling tag \"{{ 'abc' | so }}\": \
             invalid operation: filter \"so\": \"abc\" is not a number, a fraction or Đạt/Chưa đạt",
            "error: mau.docx!document!paragraph \"Ngày: {{ '2023-04-07' | ngay('%Q') }}\": \
             error filling tag \"{{ '2023-04-07' | ngay('%Q') }}\": \
             invalid operation: filter \"ngay\": the pattern \"%Q\" is not valid (a correct one: \"%d/%m/%Y\")",
        ]
    );
}

#[test]
fn an_excel_templates_filter_errors_are_english_under_lang_en() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/tay-ho");
    let dir = tmp.path().join("tay-ho");
    fs_support::copy_dir(&sample, &dir);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.write_string(0, 0, "{{ 5000 | la_ma }}").unwrap();
    sheet.write_string(1, 0, "{{ 'tot' | danh_gia }}").unwrap();
    std::fs::create_dir_all(dir.join("mau")).unwrap();
    wb.save(dir.join("mau/bang.xlsx")).unwrap();
    let out = tmp.path().join("ket-qua");
    let args = [Path::new("build"), &dir, Path::new("-o"), &out];
    assert_eq!(
        problems(&args, "vi"),
        [
            "lỗi: mau/bang.xlsx!Sheet1!A1: lỗi khi điền mẫu: invalid operation: \
             bộ lọc \"la_ma\": 5000 không viết được bằng số La Mã (chỉ số nguyên từ 1 đến 3999)",
            "lỗi: mau/bang.xlsx!Sheet1!A2: lỗi khi điền mẫu: invalid operation: \
             bộ lọc \"danh_gia\": 'tot' không phải là mã đánh giá \
             (vuot, dat, du_kien_dat, chua_dat, khong_danh_gia)",
        ]
    );
    assert_eq!(
        problems(&args, "en"),
        [
            "error: mau/bang.xlsx!Sheet1!A1: template error: invalid operation: \
             filter \"la_ma\": 5000 cannot be written in Roman numerals (only whole numbers from 1 to 3999)",
            "error: mau/bang.xlsx!Sheet1!A2: template error: invalid operation: \
             filter \"danh_gia\": 'tot' is not a rating code \
             (vuot, dat, du_kien_dat, chua_dat, khong_danh_gia)",
        ]
    );
}
