//! `ward::read_all` / `read_file` on review folders built in temp dirs.

use crate::read_common;
use read_common::*;
use rust_decimal::Decimal;
use soket::check::Severity;
use soket::read::ward;
use soket::read::{CellValue, Reporter, Source, YearColumn};
use std::path::Path;

/// Load the review in `dir` and read one of its files.
fn read_one(
    dir: &Path,
    rel: &str,
) -> (Option<soket::read::Submission>, Vec<soket::check::Problem>) {
    ward::read_file(&load(dir), &dir.join(rel), rel)
}

/// A cell of `so-lieu/buoi.xlsx`, sheet "So lieu".
fn at(cell: &str) -> String {
    format!("so-lieu/buoi.xlsx!So lieu!{cell}")
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}
fn number(s: &str) -> CellValue {
    CellValue::Number { so: d(s) }
}
fn src(file: &str, sheet: Option<&str>, cell: &str) -> Source {
    Source {
        file: file.into(),
        sheet: sheet.map(Into::into),
        cell: Some(cell.into()),
    }
}
fn has(problems: &[soket::check::Problem], sev: Severity, loc: &str, msg: &str) -> bool {
    problems
        .iter()
        .any(|p| p.severity == sev && p.where_text() == loc && p.thong_diep() == msg)
}
#[track_caller]
fn assert_has(problems: &[soket::check::Problem], sev: Severity, loc: &str, msg: &str) {
    assert!(
        has(problems, sev, loc, msg),
        "missing {sev:?} {loc}: {msg}\nin {:#?}",
        messages(problems)
    );
}

fn write_ward(dir: &Path, file: &str, unit_line: Option<&'static str>, data: Vec<Vec<C>>) {
    write_xlsx(
        &dir.join("so-lieu").join(file),
        &[("So lieu", ward_sheet(unit_line, data))],
        true,
    );
}

#[test]
fn standard_ward_sheet_after_a_guide_sheet() {
    let (_tmp, dir) = review_dir();
    let guide = vec![
        vec![S("Hướng dẫn nhập số liệu")],
        vec![S("Ghi số vào trang So lieu")],
    ];
    let data = ward_sheet(
        Some("Đơn vị: Phường Bưởi"),
        vec![
            vec![S("I"), E, S("KINH TẾ")],
            row(
                1.0,
                "KT01",
                vec![N(120.5), N(130.0), E, N(150.0), S("ghi chú")],
            ),
            row(2.0, "HN01", vec![P(0.962), N(96.2)]),
            vec![],
            row(3.0, "YT01", vec![B(true), B(false)]),
        ],
    );
    write_xlsx(
        &dir.join("so-lieu/buoi.xlsx"),
        &[("Huong dan", guide), ("So lieu", data)],
        true,
    );
    let (sub, problems) = read_one(&dir, "so-lieu/buoi.xlsx");
    assert!(problems.is_empty(), "{:#?}", messages(&problems));
    let sub = sub.unwrap();
    assert_eq!(sub.reporter, Reporter::Unit(0));
    assert_eq!(sub.named_as.as_deref(), Some("Phường Bưởi"));
    assert_eq!(sub.sheet.as_deref(), Some("So lieu"));
    assert_eq!(
        sub.years,
        vec![
            YearColumn {
                year: 2020,
                uoc: false
            },
            YearColumn {
                year: 2021,
                uoc: false
            },
            YearColumn {
                year: 2022,
                uoc: false
            },
            YearColumn {
                year: 2023,
                uoc: true
            },
        ]
    );
    assert!(sub.is_estimate(2023));
    let kt = sub.get("KT01", 2020).unwrap();
    assert_eq!(kt.value, number("120.5"));
    assert_eq!(kt.source, src("so-lieu/buoi.xlsx", Some("So lieu"), "E7"));
    assert_eq!(kt.source.to_string(), "so-lieu/buoi.xlsx!So lieu!E7");
    assert!(
        sub.get("KT01", 2022).is_none(),
        "an empty cell is missing, never zero"
    );
    assert_eq!(sub.get("KT01", 2023).unwrap().value, number("150"));
    assert_eq!(
        sub.get("HN01", 2020).unwrap().value,
        number("96.2"),
        "0.962 shown as 96,2%"
    );
    assert_eq!(
        sub.get("HN01", 2021).unwrap().value,
        number("96.2"),
        "typed 96.2"
    );
    assert_eq!(
        sub.get("YT01", 2020).unwrap().value,
        CellValue::YesNo { dat: true }
    );
    assert_eq!(
        sub.get("YT01", 2021).unwrap().value,
        CellValue::YesNo { dat: false }
    );
    assert_eq!(sub.values.len(), 7);
}

#[test]
fn read_all_matches_files_to_units_and_the_district() {
    let (_tmp, dir) = review_dir();
    // By the Đơn vị line.
    write_ward(
        &dir,
        "a.xlsx",
        Some("Đơn vị: Phường Bưởi"),
        vec![row(1.0, "KT01", vec![N(1.0)])],
    );
    // By file name, upper case with underscores.
    write_ward(
        &dir,
        "PHUONG_BO_DE.xlsx",
        None,
        vec![row(1.0, "KT01", vec![N(2.0)])],
    );
    // The ward named like the district…
    write_ward(
        &dir,
        "long bien.xlsx",
        Some("Tên đơn vị: Phường Long Biên"),
        vec![row(1.0, "KT01", vec![N(3.0)])],
    );
    // …and the district itself, which reads cap_quan figures.
    write_ward(
        &dir,
        "quan.xlsx",
        Some("Đơn vị báo cáo: Quận Long Biên"),
        vec![
            row(1.0, "DV01", vec![N(95.09)]),
            row(2.0, "KT01", vec![N(9.0)]),
        ],
    );
    std::fs::write(dir.join("so-lieu/~$a.xlsx"), b"lock").unwrap();
    std::fs::write(dir.join("so-lieu/.DS_Store"), b"x").unwrap();
    std::fs::write(dir.join("so-lieu/ghi chu.txt"), b"x").unwrap();
    let (subs, problems) = ward::read_all(&load(&dir));
    let files: Vec<(&str, &Reporter)> = subs
        .iter()
        .map(|s| (s.file.as_str(), &s.reporter))
        .collect();
    assert_eq!(
        files,
        vec![
            ("so-lieu/PHUONG_BO_DE.xlsx", &Reporter::Unit(1)),
            ("so-lieu/a.xlsx", &Reporter::Unit(0)),
            ("so-lieu/long bien.xlsx", &Reporter::Unit(3)),
            ("so-lieu/quan.xlsx", &Reporter::District),
        ]
    );
    let district = &subs[3];
    assert_eq!(district.get("DV01", 2020).unwrap().value, number("95.09"));
    assert_has(
        &problems,
        Severity::CanhBao,
        "so-lieu/ghi chu.txt",
        "tệp không phải bảng tính (xlsx, xlsm, xlsb, xls, ods, csv), bị bỏ qua",
    );
    assert_has(
        &problems,
        Severity::CanhBao,
        "so-lieu",
        "Phường Yên Phụ chưa gửi số liệu",
    );
    assert_eq!(problems.len(), 2, "{:#?}", messages(&problems));
}

#[test]
fn cap_quan_in_a_ward_file_is_ignored_with_a_warning() {
    let (_tmp, dir) = review_dir();
    write_ward(
        &dir,
        "buoi.xlsx",
        Some("Đơn vị: Phường Bưởi"),
        vec![row(1.0, "DV01", vec![N(95.0)])],
    );
    let (sub, problems) = read_one(&dir, "so-lieu/buoi.xlsx");
    assert!(sub.unwrap().values.is_empty());
    assert_has(
        &problems,
        Severity::CanhBao,
        "so-lieu/buoi.xlsx!So lieu!E6",
        "chỉ tiêu DV01 là chỉ tiêu cấp quận: số liệu ở tệp của đơn vị bị bỏ qua",
    );
}

#[test]
fn unknown_unit_suggests_the_nearest() {
    let (_tmp, dir) = review_dir();
    write_ward(
        &dir,
        "x.xlsx",
        Some("Đơn vị: Phường Bửi"),
        vec![row(1.0, "KT01", vec![N(1.0)])],
    );
    let (sub, problems) = read_one(&dir, "so-lieu/x.xlsx");
    assert!(sub.is_none());
    assert_has(
        &problems,
        Severity::Loi,
        "so-lieu/x.xlsx!So lieu!A3",
        "\"Phường Bửi\" không có trong danh sách đơn vị (don-vi) (ý bạn là \"Phường Bưởi\"?)",
    );
}

#[test]
fn a_wrong_unit_line_falls_back_to_the_file_name() {
    let (_tmp, dir) = review_dir();
    write_ward(
        &dir,
        "yen phu.xlsx",
        Some("Đơn vị: UBND"),
        vec![row(1.0, "KT01", vec![N(1.0)])],
    );
    let (sub, problems) = read_one(&dir, "so-lieu/yen phu.xlsx");
    assert_eq!(sub.unwrap().reporter, Reporter::Unit(2));
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .thong_diep()
            .contains("dùng tên tệp: Phường Yên Phụ"),
        "{}",
        problems[0].thong_diep()
    );
}

#[test]
fn two_files_for_one_unit_are_both_errors() {
    let (_tmp, dir) = review_dir();
    write_ward(
        &dir,
        "buoi.xlsx",
        None,
        vec![row(1.0, "KT01", vec![N(1.0)])],
    );
    write_ward(
        &dir,
        "buoi-sua.xlsx",
        Some("Đơn vị: phuong buoi"),
        vec![row(1.0, "KT01", vec![N(2.0)])],
    );
    let (subs, problems) = ward::read_all(&load(&dir));
    assert!(subs.iter().all(|s| s.reporter != Reporter::Unit(0)));
    assert_has(
        &problems,
        Severity::Loi,
        "so-lieu/buoi.xlsx!So lieu",
        "Phường Bưởi có nhiều hơn một tệp số liệu (cả so-lieu/buoi-sua.xlsx): hãy giữ lại một tệp",
    );
    assert_has(
        &problems,
        Severity::Loi,
        "so-lieu/buoi-sua.xlsx!So lieu",
        "Phường Bưởi có nhiều hơn một tệp số liệu (cả so-lieu/buoi.xlsx): hãy giữ lại một tệp",
    );
    assert!(
        !problems
            .iter()
            .any(|p| p.thong_diep() == "Phường Bưởi chưa gửi số liệu")
    );
}

#[test]
fn no_header_row() {
    let (_tmp, dir) = review_dir();
    write_xlsx(
        &dir.join("so-lieu/buoi.xlsx"),
        &[("Sheet1", vec![vec![S("Số liệu"), N(1.0)]])],
        false,
    );
    let (sub, problems) = read_one(&dir, "so-lieu/buoi.xlsx");
    assert!(sub.is_none());
    assert_eq!(
        problems[0].thong_diep(),
        "không tìm thấy dòng tiêu đề có ô \"Mã\" (cột mã chỉ tiêu) trong trang nào"
    );
}

#[test]
fn year_columns_twice_and_outside_the_term() {
    let (_tmp, dir) = review_dir();
    let rows = vec![
        vec![S("Đơn vị: Phường Bưởi")],
        vec![
            S("Mã"),
            S("2019"),
            S("2020"),
            S("Năm 2021"),
            S("2021"),
            S("Ước 2026"),
            S("Kế hoạch 2023"),
        ],
        vec![S("KT01"), N(1.0), N(2.0), N(3.0), N(4.0), N(5.0), N(6.0)],
    ];
    write_xlsx(&dir.join("so-lieu/buoi.xlsx"), &[("Sheet1", rows)], false);
    let (sub, problems) = read_one(&dir, "so-lieu/buoi.xlsx");
    assert_has(
        &problems,
        Severity::Loi,
        "so-lieu/buoi.xlsx!Sheet1!E2",
        "năm 2021 có hai cột: D2 và E2; hãy giữ lại một cột",
    );
    assert_has(
        &problems,
        Severity::CanhBao,
        "so-lieu/buoi.xlsx!Sheet1!B2",
        "cột năm 2019 nằm ngoài nhiệm kỳ 2020 - 2025, bị bỏ qua",
    );
    assert_has(
        &problems,
        Severity::CanhBao,
        "so-lieu/buoi.xlsx!Sheet1!F2",
        "cột năm 2026 nằm ngoài nhiệm kỳ 2020 - 2025, bị bỏ qua",
    );
    let sub = sub.unwrap();
    assert_eq!(
        sub.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        vec![2020, 2021]
    );
    assert_eq!(sub.get("KT01", 2021).unwrap().value, number("3"));
}

#[test]
fn every_cell_form_of_a_number_sheet() {
    let (_tmp, dir) = review_dir();
    write_ward(
        &dir,
        "buoi.xlsx",
        Some("Đơn vị: Phường Bưởi"),
        vec![
            row(
                1.0,
                "KT01",
                vec![Err("#DIV/0!"), D(2023, 4, 7), P(0.5), N(-3.0)],
            ), // row 6
            row(2.0, "GD01", vec![N(26.0)]),  // row 7
            row(3.0, "NV01", vec![N(26.0)]),  // row 8
            row(4.0, "NV01A", vec![N(26.0)]), // row 9
            row(5.0, "NV01B", vec![N(20.0)]), // row 10
            row(6.0, "kt02", vec![N(1.0)]),   // row 11
            row(7.0, "hn01 ", vec![N(1.5)]),  // row 12
            row(8.0, "NV01A", vec![N(1.0)]),  // row 13
            row(9.0, "KT01", vec![B(true)]),  // row 14
        ],
    );
    let (sub, problems) = read_one(&dir, "so-lieu/buoi.xlsx");
    use Severity::*;
    assert_has(
        &problems,
        Loi,
        &at("E6"),
        "ô có lỗi công thức #DIV/0!: cần một con số",
    );
    assert_has(
        &problems,
        Loi,
        &at("F6"),
        "ô có ngày tháng (2023-04-07) nhưng cần một con số; có thể ô bị định dạng kiểu ngày",
    );
    assert_has(
        &problems,
        Loi,
        &at("G6"),
        "ô ghi phần trăm (50%) nhưng chỉ tiêu KT01 tính bằng \"tỷ đồng\"",
    );
    // A negative amount is an error since issue 14 (it was a warning).
    assert_has(
        &problems,
        Loi,
        &at("H6"),
        "KT01: số âm (-3) ở chỉ tiêu tính bằng \"tỷ đồng\"; nếu số âm là đúng, hãy ghi giới hạn ở cột \"Giới hạn\" của danh mục chỉ tiêu (ví dụ -100..1000)",
    );
    assert_has(
        &problems,
        Loi,
        &at("E7"),
        "ô có số 26 nhưng chỉ tiêu GD01 là tỷ lệ: cần ghi dạng tử/mẫu, ví dụ 26/27",
    );
    assert_has(
        &problems,
        CanhBao,
        &at("E8"),
        "chỉ tiêu NV01 được tính từ NV01A/NV01B: số liệu ghi ở dòng này bị bỏ qua",
    );
    assert_has(
        &problems,
        CanhBao,
        &at("E9"),
        "chỉ tiêu NV01: tử số NV01A (26) lớn hơn mẫu số NV01B (20) năm 2020",
    );
    assert_has(
        &problems,
        CanhBao,
        &at("B11"),
        "mã \"kt02\" không có trong danh mục chỉ tiêu, dòng này bị bỏ qua (ý bạn là \"KT01\"?)",
    );
    assert_has(
        &problems,
        CanhBao,
        &at("B12"),
        "mã \"hn01 \" được hiểu là \"HN01\" (thừa dấu cách hoặc khác chữ hoa/thường)",
    );
    assert_has(
        &problems,
        Loi,
        &at("B13"),
        "mã NV01A có hai dòng (9 và 13): hãy giữ lại một dòng",
    );
    assert_has(
        &problems,
        Loi,
        &at("B14"),
        "mã KT01 có hai dòng (6 và 14): hãy giữ lại một dòng",
    );
    assert_eq!(problems.len(), 11, "{:#?}", messages(&problems));
    let sub = sub.unwrap();
    assert!(
        sub.get("KT01", 2023).is_none(),
        "a negative amount is left out"
    );
    assert_eq!(sub.get("HN01", 2020).unwrap().value, number("1.5"));
    assert_eq!(sub.get("NV01A", 2020).unwrap().value, number("26"));
    assert!(sub.get("NV01", 2020).is_none());
    assert!(sub.get("GD01", 2020).is_none());
}

#[test]
fn text_cells_are_read_the_vietnamese_way() {
    let (_tmp, dir) = review_dir();
    write_ward(
        &dir,
        "buoi.xlsx",
        Some("Đơn vị: Phường Bưởi"),
        vec![
            row(
                1.0,
                "KT01",
                vec![S("12.993"), S("1.234,5"), S("abc"), S("-")],
            ), // row 6
            row(2.0, "HN01", vec![S("96,2%"), S("96,2")]), // row 7
            row(3.0, "GD01", vec![S("26/27"), S("28/27"), S("96%")]), // row 8
            row(4.0, "YT01", vec![S("Đạt"), S("Chưa đạt"), S("x")]), // row 9
            row(5.0, "NV01A", vec![S("96%"), S("Đạt"), S("26/27")]), // row 10
        ],
    );
    let (sub, problems) = read_one(&dir, "so-lieu/buoi.xlsx");
    use Severity::*;
    assert_has(
        &problems,
        Loi,
        &at("G6"),
        "ô có chữ \"abc\" nhưng cần một con số",
    );
    assert_has(
        &problems,
        CanhBao,
        &at("H6"),
        "ô ghi \"-\": coi như chưa có số liệu",
    );
    assert_has(
        &problems,
        CanhBao,
        &at("F8"),
        "tử số lớn hơn mẫu số (28/27): hãy kiểm tra lại",
    );
    assert_has(
        &problems,
        Loi,
        &at("G8"),
        "ô có số 96% nhưng chỉ tiêu GD01 là tỷ lệ: cần ghi dạng tử/mẫu, ví dụ 26/27",
    );
    assert_has(
        &problems,
        Loi,
        &at("E10"),
        "ô ghi phần trăm (96%) nhưng chỉ tiêu NV01A tính bằng \"thanh niên\"",
    );
    assert_has(
        &problems,
        Loi,
        &at("F10"),
        "ô có chữ \"Đạt\" nhưng cần một con số",
    );
    assert_has(
        &problems,
        Loi,
        &at("G10"),
        "ô ghi phân số \"26/27\" nhưng chỉ tiêu NV01A cần một con số",
    );
    assert_eq!(problems.len(), 7, "{:#?}", messages(&problems));
    let sub = sub.unwrap();
    assert_eq!(sub.get("KT01", 2020).unwrap().value, number("12993"));
    assert_eq!(sub.get("KT01", 2021).unwrap().value, number("1234.5"));
    assert!(sub.get("KT01", 2023).is_none());
    assert_eq!(sub.get("HN01", 2020).unwrap().value, number("96.2"));
    assert_eq!(sub.get("HN01", 2021).unwrap().value, number("96.2"));
    assert_eq!(
        sub.get("GD01", 2020).unwrap().value,
        CellValue::Fraction {
            tu: d("26"),
            mau: d("27")
        }
    );
    assert_eq!(
        sub.get("GD01", 2021).unwrap().value,
        CellValue::Fraction {
            tu: d("28"),
            mau: d("27")
        }
    );
    assert_eq!(
        sub.get("YT01", 2020).unwrap().value,
        CellValue::YesNo { dat: true }
    );
    assert_eq!(
        sub.get("YT01", 2021).unwrap().value,
        CellValue::YesNo { dat: false }
    );
    assert_eq!(
        sub.get("YT01", 2022).unwrap().value,
        CellValue::YesNo { dat: true }
    );
}

#[test]
fn csv_files_have_no_sheet_part() {
    let (_tmp, dir) = review_dir();
    std::fs::copy(
        "tests/data/bo-de-semicolon.csv",
        dir.join("so-lieu/bo de.csv"),
    )
    .unwrap();
    let (sub, problems) = read_one(&dir, "so-lieu/bo de.csv");
    assert!(problems.is_empty(), "{:#?}", messages(&problems));
    let sub = sub.unwrap();
    assert_eq!(sub.reporter, Reporter::Unit(1));
    assert_eq!(sub.sheet, None);
    let hn = sub.get("HN01", 2020).unwrap();
    assert_eq!(hn.value, number("96.2"));
    assert_eq!(hn.source.to_string(), "so-lieu/bo de.csv!E4");
    assert_eq!(sub.get("HN01", 2021).unwrap().value, number("1.5"));
    assert_eq!(sub.get("KT01", 2020).unwrap().value, number("12993"));
    assert_eq!(
        sub.get("GD01", 2020).unwrap().value,
        CellValue::Fraction {
            tu: d("26"),
            mau: d("27")
        }
    );
}

#[test]
fn csv_in_windows_1258_matches_its_unit() {
    let (_tmp, dir) = review_dir();
    std::fs::copy("tests/data/bo-de-cp1258.csv", dir.join("so-lieu/x.csv")).unwrap();
    let (sub, problems) = read_one(&dir, "so-lieu/x.csv");
    assert_eq!(problems.len(), 1, "{:#?}", messages(&problems));
    assert!(problems[0].thong_diep().contains("Windows-1258"));
    let sub = sub.unwrap();
    assert_eq!(sub.reporter, Reporter::Unit(1));
    assert_eq!(sub.named_as.as_deref(), Some("Phường Bồ Đề"));
    assert_eq!(sub.get("HN01", 2020).unwrap().value, number("96.2"));
}

#[test]
fn ods_and_xls_files_from_libreoffice() {
    let (_tmp, dir) = review_dir();
    std::fs::copy("tests/data/yen-phu.ods", dir.join("so-lieu/yen-phu.ods")).unwrap();
    let (sub, _) = read_one(&dir, "so-lieu/yen-phu.ods");
    let sub = sub.unwrap();
    assert_eq!(sub.reporter, Reporter::Unit(2));
    assert_eq!(sub.get("HN01", 2020).unwrap().value, number("96.2"));
    assert_eq!(
        sub.get("HN01", 2020).unwrap().source.to_string(),
        "so-lieu/yen-phu.ods!So lieu!E6"
    );
    assert_eq!(sub.get("KT01", 2021).unwrap().value, number("14500"));

    std::fs::copy("tests/data/yen-phu.xls", dir.join("so-lieu/yen-phu.xls")).unwrap();
    let (sub, _) = read_one(&dir, "so-lieu/yen-phu.xls");
    let sub = sub.unwrap();
    assert_eq!(sub.reporter, Reporter::Unit(2));
    assert_eq!(sub.get("KT01", 2020).unwrap().value, number("12993"));
    assert_eq!(
        sub.get("HN01", 2020).unwrap().value,
        number("96.2"),
        "xls percent format"
    );
    assert_eq!(
        sub.get("YT01", 2021).unwrap().value,
        CellValue::YesNo { dat: true }
    );
}

#[test]
fn unreadable_files_are_located_problems() {
    let (_tmp, dir) = review_dir();
    std::fs::write(dir.join("so-lieu/buoi.xlsx"), b"").unwrap();
    let (subs, problems) = ward::read_all(&load(&dir));
    assert!(subs.is_empty());
    assert_has(
        &problems,
        Severity::Loi,
        "so-lieu/buoi.xlsx",
        "tệp rỗng (0 byte): hãy gửi lại tệp số liệu",
    );
}

/// Years under a merged "Kết quả thực hiện" heading, on a second header
/// row, as many offices lay out their forms; a plan column is not a year.
#[test]
fn years_on_a_second_header_row() {
    let (_tmp, dir) = review_dir();
    let rows = vec![
        vec![S("ỦY BAN NHÂN DÂN PHƯỜNG BƯỞI")],
        vec![S("Đơn vị: Phường Bưởi")],
        vec![],
        vec![
            S("STT"),
            S("Mã"),
            S("Tên chỉ tiêu"),
            S("Kết quả thực hiện các năm"),
            E,
            E,
            S("Ước thực hiện"),
            S("Kế hoạch"),
            S("Ghi chú"),
        ],
        vec![
            E,
            E,
            E,
            N(2020.0),
            N(2021.0),
            S("2022"),
            N(2023.0),
            N(2023.0),
            E,
        ],
        vec![
            S("(1)"),
            S("(2)"),
            S("(3)"),
            S("(4)"),
            S("(5)"),
            S("(6)"),
            S("(7)"),
            S("(8)"),
            S("(9)"),
        ],
        vec![
            N(1.0),
            S("KT01"),
            S("Thu ngân sách"),
            N(100.0),
            N(110.0),
            N(121.0),
            N(130.0),
            N(999.0),
            E,
        ],
    ];
    write_xlsx(&dir.join("so-lieu/buoi.xlsx"), &[("So lieu", rows)], false);
    let (sub, problems) = read_one(&dir, "so-lieu/buoi.xlsx");
    assert!(
        problems.iter().all(|p| !p.is_error()),
        "{:?}",
        messages(&problems)
    );
    let sub = sub.expect("read");
    let years: Vec<(i32, bool)> = sub.years.iter().map(|y| (y.year, y.uoc)).collect();
    assert_eq!(
        years,
        [(2020, false), (2021, false), (2022, false), (2023, true)]
    );
    assert_eq!(sub.get("KT01", 2022).unwrap().value, number("121"));
    assert_eq!(
        sub.get("KT01", 2022).unwrap().source,
        src("so-lieu/buoi.xlsx", Some("So lieu"), "F7")
    );
    // The plan column (999) is not read as 2023.
    assert_eq!(sub.get("KT01", 2023).unwrap().value, number("130"));
}
