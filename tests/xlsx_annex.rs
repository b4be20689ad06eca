//! The annex `tong-hop.xlsx`: live district formulas with exact cached
//! results, strings that stay strings, byte-identical reruns.

use crate::xlsx_support;

use soket::render::annex::write_annex;
use xlsx_support::*;

fn district(bytes: &[u8], r: &str) -> (String, String) {
    let xml = entry(bytes, "xl/worksheets/sheet2.xml");
    let c = cell(&xml, r).unwrap_or_else(|| panic!("no cell {r}"));
    let f = unescape(inner(c, "f").unwrap_or_else(|| panic!("{r} has no formula: {c}")));
    let v = inner(c, "v").map(unescape).unwrap_or_default();
    (f, v)
}

#[test]
fn sheets_are_in_order() {
    let bytes = write_annex(&sample_context()).unwrap();
    let wb = entry(&bytes, "xl/workbook.xml");
    let names: Vec<&str> = wb
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(
        names,
        ["Tổng hợp", "Theo đơn vị", "Kiểm tra", "Nguồn", "Biểu đồ"]
    );
}

#[test]
fn district_column_is_live_formulas_with_exact_cached_results() {
    let ctx = sample_context();
    let bytes = write_annex(&ctx).unwrap();
    let full = |code: &str| ctx["ct"][code]["gia_tri"].to_string();
    assert_eq!(district(&bytes, "G6"), ("SUM(D6:F6)".into(), full("KT01")));
    assert_eq!(district(&bytes, "G7"), ("MIN(D7:F7)".into(), "91.2".into()));
    assert_eq!(district(&bytes, "G8"), ("MAX(D8:F8)".into(), "4".into()));
    // Nobody reported: an empty result, never 0.
    assert_eq!(
        district(&bytes, "G9"),
        ("IF(COUNT(D9:F9)=0,\"\",SUM(D9:F9))".into(), "".into())
    );
    // Ratio: numerators and denominators in two helper rows.
    assert_eq!(
        district(&bytes, "G11"),
        ("SUM(D12:F12)/SUM(D13:F13)*100".into(), full("GD01"))
    );
    assert_eq!(full("GD01"), "96.29629629629629");
    assert_eq!(
        district(&bytes, "G12"),
        ("SUM(D12:F12)".into(), "26".into())
    );
    assert_eq!(
        district(&bytes, "G13"),
        ("SUM(D13:F13)".into(), "27".into())
    );
    assert_eq!(
        district(&bytes, "G14"),
        ("COUNTIF(D14:F14,\"Đạt\")".into(), "2".into())
    );
    assert_eq!(
        district(&bytes, "G15"),
        ("AVERAGE(D15:F15)".into(), "96.375".into())
    );
    assert_eq!(
        district(&bytes, "G16"),
        (
            "SUMPRODUCT(D16:F16,D17:F17)/SUMIF(D16:F16,\"<>\",D17:F17)".into(),
            full("DS01")
        )
    );
    let xml = entry(&bytes, "xl/worksheets/sheet2.xml");
    // cap_quan: the value itself.
    assert_eq!(
        cell(&xml, "G19").map(|c| inner(c, "v").unwrap()),
        Some("26")
    );
    assert!(!cell(&xml, "G19").unwrap().contains("<f>"));
    // Missing ward values are empty cells, not 0.
    let qa = cell(&xml, "F6").unwrap();
    assert!(!qa.contains("<v>"), "{qa}");
    assert_eq!(cell_text(&bytes, &xml, "D14").as_deref(), Some("Đạt"));
    assert_eq!(cell_text(&bytes, &xml, "F14").as_deref(), Some("Chưa đạt"));
    assert_eq!(
        cell_text(&bytes, &xml, "G4").as_deref(),
        Some("Quận Tây Hồ")
    );
}

#[test]
fn summary_sheet_has_numbers_formats_and_status_colours() {
    let bytes = write_annex(&sample_context()).unwrap();
    let xml = entry(&bytes, "xl/worksheets/sheet1.xml");
    // Header: STT … the target as a comparison and a number, Năm 2020,
    // Năm 2022, Ước 2023, Kết quả …
    let headers: Vec<String> = ["A5", "B5", "C5", "E5", "F5", "G5", "H5", "I5", "J5", "M5"]
        .iter()
        .map(|r| cell_text(&bytes, &xml, r).unwrap())
        .collect();
    assert_eq!(
        headers,
        [
            "STT",
            "Mã",
            "Chỉ tiêu",
            "So sánh",
            "Mục tiêu",
            "Năm 2020",
            "Năm 2022",
            "Ước 2023",
            "Kết quả",
            "Đánh giá"
        ]
    );
    assert_eq!(
        cell_text(&bytes, &xml, "A1").as_deref(),
        Some("QUẬN ỦY TÂY HỒ")
    );
    assert_eq!(cell_text(&bytes, &xml, "B6").as_deref(), Some("Kinh tế"));
    assert_eq!(cell_text(&bytes, &xml, "B7").as_deref(), Some("KT01"));
    // The result is the district cell of "Theo đơn vị", with its value cached.
    assert_eq!(cell(&xml, "J7").and_then(|c| inner(c, "v")), Some("7.75"));
    assert_eq!(
        cell(&xml, "J7").and_then(|c| inner(c, "f")),
        Some("IF('Theo đơn vị'!G6=\"\",\"\",'Theo đơn vị'!G6)")
    );
    assert_eq!(cell_text(&bytes, &xml, "M7").as_deref(), Some("Vượt"));
    assert!(xml.contains("<pane ySplit=\"5\""), "header frozen");
    assert!(xml.contains("orientation=\"landscape\"") && xml.contains("paperSize=\"9\""));
    assert!(xml.contains("fitToHeight=\"0\""));
    assert_eq!(xml.matches("<cfRule type=\"cellIs\"").count(), 4);
    assert!(xml.contains("<formula>\"Dự kiến đạt\"</formula>"));
    let styles = entry(&bytes, "xl/styles.xml");
    assert!(
        styles.contains("formatCode=\"#,##0.0\"") || styles.contains("#,##0.0&quot;%&quot;"),
        "{styles}"
    );
    let wb = entry(&bytes, "xl/workbook.xml");
    assert!(wb.contains("_xlnm.Print_Titles"), "repeated header rows");
    let strings = shared_strings(&bytes);
    assert!(
        strings
            .iter()
            .any(|s| s == "7/8 chỉ tiêu đạt và dự kiến đạt")
    );
}

#[test]
fn ward_text_is_never_a_formula() {
    let mut ctx = sample_context();
    ctx["don_vi"][0]["ten"] = "=HYPERLINK(\"http://evil\",\"bấm\")".into();
    ctx["ct"]["KT01"]["ten"] = "+1+2".into();
    ctx["nhom"]["Kinh tế"][0]["ten"] = "-SUM(A1)".into();
    let bytes = write_annex(&ctx).unwrap();
    let xml = entry(&bytes, "xl/worksheets/sheet2.xml");
    assert_eq!(
        cell_text(&bytes, &xml, "D4").as_deref(),
        Some("=HYPERLINK(\"http://evil\",\"bấm\")")
    );
    assert!(!cell(&xml, "D4").unwrap().contains("<f>"));
    assert_eq!(cell_text(&bytes, &xml, "B6").as_deref(), Some("-SUM(A1)"));
    let checks = entry(&bytes, "xl/worksheets/sheet3.xml");
    assert!(!checks.contains("<f>"));
    assert_eq!(
        cell_text(&bytes, &checks, "E5").as_deref(),
        Some("=HYPERLINK(\"http://x\",\"bấm\")")
    );
}

#[test]
fn checks_and_sources() {
    let bytes = write_annex(&sample_context()).unwrap();
    let checks = entry(&bytes, "xl/worksheets/sheet3.xml");
    let row4: Vec<String> = ["A4", "B4", "C4", "D4", "E4"]
        .iter()
        .map(|r| cell_text(&bytes, &checks, r).unwrap())
        .collect();
    assert_eq!(
        row4,
        [
            "Lỗi",
            "so-lieu/buoi.xlsx",
            "So lieu",
            "F9",
            "ô chứa chữ \"abc\" không phải số"
        ]
    );
    let src = entry(&bytes, "xl/worksheets/sheet4.xml");
    assert_eq!(cell_text(&bytes, &src, "A4").as_deref(), Some("KT01"));
    assert_eq!(
        cell_text(&bytes, &src, "C4").as_deref(),
        Some("Phường Bưởi")
    );
    assert_eq!(cell(&src, "D4").and_then(|c| inner(c, "v")), Some("2022"));
    assert_eq!(cell(&src, "E4").and_then(|c| inner(c, "v")), Some("4.5"));
    assert_eq!(
        cell_text(&bytes, &src, "H4").as_deref(),
        Some("so-lieu/buoi.xlsx!So lieu!E7")
    );
    let strings = shared_strings(&bytes);
    assert!(
        strings
            .iter()
            .any(|s| s == "so-lieu/quan-tay-ho.xlsx!So lieu!E7"),
        "cap_quan source listed"
    );
}

#[test]
fn reruns_are_byte_identical() {
    let ctx = sample_context();
    let a = write_annex(&ctx).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = write_annex(&ctx).unwrap();
    assert!(a == b, "two writes differ");
    assert!(entry(&a, "docProps/core.xml").contains("2023-04-07T00:00:00Z"));
}

#[test]
fn no_units_means_plain_values_not_circular_formulas() {
    let mut ctx = sample_context();
    ctx["don_vi"] = serde_json::json!([]);
    let bytes = write_annex(&ctx).unwrap();
    let xml = entry(&bytes, "xl/worksheets/sheet2.xml");
    assert!(!xml.contains("<f>"), "{xml}");
}

#[test]
fn every_ward_value_links_to_its_source_cell_and_stays_a_number() {
    let ctx = sample_context();
    let bytes = soket::render::annex::write_annex_linked(&ctx, Some("../")).unwrap();
    let rels = entry(&bytes, "xl/worksheets/_rels/sheet2.xml.rels");
    assert!(rels.contains(r#"Target="../so-lieu/buoi.xlsx""#), "{rels}");
    assert!(rels.contains(r#"TargetMode="External""#));
    let xml = entry(&bytes, "xl/worksheets/sheet2.xml");
    let link = xml
        .split("<hyperlink ")
        .find(|h| h.starts_with(r#"ref="D6""#))
        .unwrap_or_else(|| panic!("D6 has no link: {xml}"));
    assert!(link.contains("location=\"'So lieu'!"), "{link}");
    // The linked cell keeps its number: the district SUM still reads it.
    let d6 = cell(&xml, "D6").unwrap();
    assert!(!d6.contains("t=\"s\"") && inner(d6, "v").is_some(), "{d6}");
    // Without a place to link from, no links.
    let plain = write_annex(&ctx).unwrap();
    assert!(
        !entry_names(&plain)
            .iter()
            .any(|n| n.contains("sheet2.xml.rels"))
    );
}

#[test]
fn the_chart_sheet_has_one_bar_chart_per_group_of_percent_of_target() {
    let ctx = sample_context();
    let bytes = write_annex(&ctx).unwrap();
    let names = entry_names(&bytes);
    let charts = names
        .iter()
        .filter(|n| n.starts_with("xl/charts/chart"))
        .count();
    assert_eq!(charts, ctx["nhom"].as_object().unwrap().len(), "{names:?}");
    let chart = entry(&bytes, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>"), "{chart}");
    assert!(chart.contains("'Tổng hợp'!$K$"), "{chart}");
}

#[test]
fn annex_links_are_relative_to_where_the_annex_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let review = tmp.path().join("tay-ho");
    let inside = review.join("ket-qua");
    let outside = tmp.path().join("ra").join("tay-ho");
    std::fs::create_dir_all(&inside).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    let rel = soket::render::annex::relative_dir;
    assert_eq!(rel(&inside, &review).as_deref(), Some("../"));
    assert_eq!(rel(&outside, &review).as_deref(), Some("../../tay-ho/"));
    assert_eq!(rel(&review, &review).as_deref(), Some(""));
}

/// The first build into a fresh output folder links like the next ones
/// (the folder does not exist yet when the annex is made).
#[test]
fn annex_links_of_an_output_folder_not_yet_made_are_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let review = tmp.path().join("tay-ho");
    std::fs::create_dir_all(&review).unwrap();
    let rel = soket::render::annex::relative_dir;
    let fresh = tmp.path().join("ra").join("tay-ho");
    assert_eq!(rel(&fresh, &review).as_deref(), Some("../../tay-ho/"));
    assert_eq!(
        rel(&review.join("ket-qua"), &review).as_deref(),
        Some("../")
    );
}

/// Under `cat_bo` each ward cell shows the digits the report gives it; a
/// sum whose wards had more digits keeps the report's figure, not a SUM of
/// truncated cells that could disagree with it, and says so.
#[test]
fn under_cat_bo_ward_cells_show_the_reports_digits_and_a_sum_stays_the_reports_figure() {
    let mut ctx = sample_context();
    ctx["so_lieu"]["lam_tron"] = "cat_bo".into();
    // KT01 shows one decimal; Nhật Tân's 3,25 is shown 3,2, the sum 7,75 as 7,7.
    for linked in [None, Some("../")] {
        let bytes = soket::render::annex::write_annex_linked(&ctx, linked).unwrap();
        let xml = entry(&bytes, "xl/worksheets/sheet2.xml");
        let value = |r: &str| cell(&xml, r).and_then(|c| inner(c, "v")).map(unescape);
        assert_eq!(value("D6").as_deref(), Some("4.5"), "{linked:?}");
        assert_eq!(value("E6").as_deref(), Some("3.2"), "{linked:?}");
        let g6 = cell(&xml, "G6").unwrap();
        assert!(!g6.contains("<f>"), "{g6}");
        assert_eq!(value("G6").as_deref(), Some("7.7"));
        assert_eq!(
            cell_text(&bytes, &xml, "H6").as_deref(),
            Some(
                "Tổng các đơn vị (tính trên số liệu gốc của các đơn vị, có nhiều chữ số thập phân hơn số hiển thị)"
            )
        );
        // A minimum of truncated cells is the truncated minimum: still live.
        assert_eq!(
            district(&bytes, "G7").0,
            "ROUNDDOWN(ROUND(MIN(D7:F7),10),1)"
        );
    }
    // Wards with no more digits than shown: the sum stays a live formula.
    ctx["nhom"]["Kinh tế"][0]["don_vi"]["NT"]["gia_tri"] = serde_json::json!(3.2);
    let bytes = write_annex(&ctx).unwrap();
    assert_eq!(
        district(&bytes, "G6").0,
        "ROUNDDOWN(ROUND(SUM(D6:F6),10),1)"
    );
}

/// A group of 25 indicators: two charts of 13 and 12 bars (at most 15 fit
/// a landscape page with the value axis), on pages one page wide.
#[test]
fn a_group_of_25_indicators_is_charted_in_two_charts_that_fit_a_page() {
    let mut ctx = sample_context();
    let model = ctx["ct"]["MT02"].clone();
    for i in 0..21 {
        let mut extra = model.clone();
        let ma = format!("MT{:02}", i + 10);
        extra["ma"] = serde_json::json!(ma);
        ctx["ct"][&ma] = extra.clone();
        ctx["nhom"]["Kinh tế"].as_array_mut().unwrap().push(extra);
    }
    assert_eq!(ctx["nhom"]["Kinh tế"].as_array().unwrap().len(), 25);
    let bytes = write_annex(&ctx).unwrap();
    let charts: Vec<String> = entry_names(&bytes)
        .into_iter()
        .filter(|n| n.starts_with("xl/charts/chart"))
        .collect();
    let described: Vec<(String, Vec<String>)> = charts
        .iter()
        .map(|c| {
            let xml = entry(&bytes, c);
            let title = xml.split("<a:t>").nth(1).unwrap();
            let refs = xml.split("<c:f>").skip(1);
            (
                title[..title.find('<').unwrap()].to_string(),
                refs.map(|t| t[..t.find('<').unwrap()].to_string())
                    .collect(),
            )
        })
        .collect();
    let chart = |t: &str, rows: &str| {
        (
            t.to_string(),
            vec![
                format!("'Tổng hợp'!$B${rows}").replace(':', ":$B$"),
                format!("'Tổng hợp'!$K${rows}").replace(':', ":$K$"),
            ],
        )
    };
    assert_eq!(
        described,
        [
            chart("Kinh tế (1/2)", "7:19"),
            chart("Kinh tế (2/2)", "20:31"),
            chart("Văn hóa - Xã hội", "33:36"),
            chart("Quốc phòng - An ninh", "38"),
        ]
    );
    // Each chart on its own page, every page one page wide.
    let sheet = entry(&bytes, "xl/worksheets/sheet5.xml");
    assert!(sheet.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{sheet}");
    assert!(
        sheet.contains(r#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape""#),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<rowBreaks count="3" manualBreakCount="3"><brk id="28" max="16383" man="1"/><brk id="53" max="16383" man="1"/><brk id="67" max="16383" man="1"/></rowBreaks>"#), "{sheet}");
}

/// The catalog's `Số lẻ` sets the digits of an indicator's cells, also
/// when it has no figure to read them off (bug fix: the annex looked the
/// digits up under a `so_le` name the context never had).
#[test]
fn the_catalog_s_so_le_sets_the_digits_of_an_indicator_without_figures() {
    use soket::render::context::Context;
    use std::sync::Arc;
    let two_digits = "formatCode=\"#,##0.00\"";
    let annex = |so_le: Option<u32>| {
        let mut ctx: Context = serde_json::from_value(sample_context()).unwrap();
        let groups = Arc::get_mut(&mut ctx.nhom).unwrap();
        for (_, list) in groups.0.iter_mut() {
            for ind in list.iter_mut().filter(|i| i.ma == "CH01") {
                Arc::get_mut(ind).unwrap().so_le = so_le;
            }
        }
        let bytes = soket::render::annex::write_annex_typed(&ctx, None).unwrap();
        entry(&bytes, "xl/styles.xml")
    };
    assert!(!annex(None).contains(two_digits));
    assert!(annex(Some(2)).contains(two_digits));
}

/// The stored widths of the columns `first..=last` (1-based) of the
/// summary sheet of `samples/{sample}`'s annex, as built.
fn sample_summary_widths(sample: &str, first: usize, last: usize) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(sample);
    let out = tempfile::tempdir().unwrap();
    assert!(soket::pipeline::build(&dir, out.path(), &Default::default()).ok());
    let bytes = std::fs::read(out.path().join("tong-hop.xlsx")).unwrap();
    let xml = entry(&bytes, "xl/worksheets/sheet1.xml");
    let attr = |c: &str, name: &str| -> String {
        let v = c.split(&format!(" {name}=\"")).nth(1).unwrap();
        v[..v.find('"').unwrap()].to_string()
    };
    let mut widths = Vec::new();
    for c in xml.split("<col").skip(2) {
        let (min, max): (usize, usize) = (
            attr(c, "min").parse().unwrap(),
            attr(c, "max").parse().unwrap(),
        );
        for col in min..=max {
            if (first..=last).contains(&col) {
                widths.push(attr(c, "width"));
            }
        }
    }
    assert_eq!(widths.len(), last + 1 - first, "{xml}");
    widths
}

/// A periodic review's columns of the same period last year, the change
/// and the year's plan are as wide as their longest displayed text, as the
/// result is (they were as wide as their headers, and LibreOffice showed
/// "###" for a plan of 17.100.000.000): "12.740.000.000" and
/// "17.100.000.000" (14 characters) take 20, "1.760.000.000" 18; the
/// percents, short, stay as wide as their headers' longest word.
#[test]
fn the_yearly_sample_s_period_columns_are_as_wide_as_their_longest_text() {
    // I "Thực hiện năm 2026", J "% mục tiêu", K "Cùng kỳ (năm 2025)",
    // L "Tăng/giảm so với cùng kỳ", M "So với cùng kỳ (%)",
    // N "Kế hoạch năm", O "% kế hoạch năm" (widths stored + 0.625).
    assert_eq!(
        sample_summary_widths("hoan-kiem-nam-2026", 9, 15),
        [
            "20.625", "12.625", "20.625", "18.625", "12.625", "20.625", "12.625"
        ]
    );
}

/// A context written by hand (`write_annex` of JSON): the annex reads from
/// `bao_cao`, `so_lieu` and `tong_ket` what they give, a number where a
/// text belongs as its digits, and leaves out what is missing or of the
/// wrong kind.
#[test]
fn the_annex_reads_a_hand_written_context_s_parts_leniently() {
    use serde_json::json;
    #[derive(Clone, Copy)]
    struct Read {
        co_quan: &'static str,
        kem_theo: &'static str,
        units_title: &'static str,
        created: &'static str,
        result_header: &'static str,
        tong_ket: Option<&'static str>,
    }
    let as_built = Read {
        co_quan: "QUẬN ỦY TÂY HỒ",
        kem_theo: "(Kèm theo Báo cáo số 45-BC/QU ngày 07 tháng 4 năm 2023)",
        units_title: "SỐ LIỆU THEO ĐƠN VỊ NĂM 2022",
        created: "2023-04-07T00:00:00Z",
        result_header: "Kết quả",
        tong_ket: Some("7/8 chỉ tiêu đạt và dự kiến đạt"),
    };
    type Edit = fn(&mut serde_json::Value);
    let cases: [(&str, Edit, Read); 5] = [
        ("as a build writes it", |_| {}, as_built),
        (
            "numbers read as texts, a date as year-month-day",
            |c| {
                c["bao_cao"]["co_quan"] = json!(7);
                c["bao_cao"]["so_ky_hieu"] = json!(45);
                c["bao_cao"]["ngay"] = json!(" 2023-4-9 ");
                c["bao_cao"]["ngay_text"] = json!(null);
                c["tong_ket"]["text"] = json!(18);
            },
            Read {
                co_quan: "7",
                kem_theo: "(Kèm theo Báo cáo số 45)",
                units_title: "SỐ LIỆU THEO ĐƠN VỊ NĂM 2022",
                created: "2023-04-09T00:00:00Z",
                result_header: "Kết quả",
                tong_ket: Some("18"),
            },
        ),
        (
            "missing parts leave their places empty and the date fixed",
            |c| {
                let m = c.as_object_mut().unwrap();
                for part in ["bao_cao", "so_lieu", "tong_ket"] {
                    m.remove(part);
                }
            },
            Read {
                co_quan: "",
                kem_theo: "",
                units_title: "SỐ LIỆU THEO ĐƠN VỊ NĂM ",
                created: "2000-01-01T00:00:00Z",
                result_header: "Kết quả",
                tong_ket: None,
            },
        ),
        (
            "a period code that is a text makes the review periodic",
            |c| {
                c["so_lieu"]["ky_bao_cao_ma"] = json!("6T/2026");
                c["so_lieu"]["ky_bao_cao_text"] = json!("6 tháng đầu năm 2026");
                c["bao_cao"]["ngay"] = json!("07/04/2023");
            },
            Read {
                result_header: "Thực hiện 6 tháng đầu năm 2026",
                created: "2000-01-01T00:00:00Z",
                ..as_built
            },
        ),
        (
            "a period code that is a number does not; a year may be a text",
            |c| {
                c["so_lieu"]["ky_bao_cao_ma"] = json!(6);
                c["so_lieu"]["ky_bao_cao_text"] = json!("6 tháng đầu năm 2026");
                c["so_lieu"]["nam_bao_cao"] = json!("2022");
            },
            as_built,
        ),
    ];
    for (name, edit, want) in cases {
        let mut ctx = sample_context();
        edit(&mut ctx);
        let bytes = write_annex(&ctx).unwrap();
        let summary = entry(&bytes, "xl/worksheets/sheet1.xml");
        let units = entry(&bytes, "xl/worksheets/sheet2.xml");
        let text = |xml: &str, r: &str| cell_text(&bytes, xml, r).unwrap_or_default();
        let core = entry(&bytes, "docProps/core.xml");
        let created = inner(&core, "dcterms:created");
        let strings = shared_strings(&bytes);
        let header = strings
            .iter()
            .find(|s| *s == "Kết quả" || s.starts_with("Thực hiện "));
        assert_eq!(text(&summary, "A1"), want.co_quan, "{name}: co_quan");
        assert_eq!(text(&summary, "A3"), want.kem_theo, "{name}: kèm theo");
        assert_eq!(text(&units, "A1"), want.units_title, "{name}: units");
        assert_eq!(created, Some(want.created), "{name}: created");
        assert_eq!(
            header.map(String::as_str),
            Some(want.result_header),
            "{name}"
        );
        if let Some(t) = want.tong_ket {
            assert!(strings.iter().any(|s| s == t), "{name}: {t}");
        }
    }
}

/// The style index of cell `r` (`s="…"`), if it has one.
fn style<'a>(sheet_xml: &'a str, r: &str) -> Option<&'a str> {
    let c = cell(sheet_xml, r)?;
    let open = &c[..c.find('>')?];
    let at = open.find(" s=\"")? + 4;
    Some(&open[at..at + open[at..].find('"')?])
}

#[test]
fn an_empty_cell_of_a_problem_or_of_a_ward_keeps_the_box_of_its_column() {
    let mut ctx = sample_context();
    let problems = ctx["van_de"].as_array_mut().unwrap();
    let bare = serde_json::json!({"muc_do": "canh_bao", "tep": null, "trang": null,
                                  "o": null, "thong_diep": "thiếu số liệu"});
    problems.insert(1, bare);
    for review_dir in [None, Some("../")] {
        let bytes = soket::render::annex::write_annex_linked(&ctx, review_dir).unwrap();
        // The new problem is row 5, between the two others.
        let checks = entry(&bytes, "xl/worksheets/sheet3.xml");
        for r in ["B5", "C5", "D5"] {
            let c = cell(&checks, r).unwrap_or_else(|| panic!("no {r}: {checks}"));
            assert!(inner(c, "v").is_none(), "{c}");
            assert_eq!(style(&checks, r), style(&checks, "A4"), "{r}");
        }
        assert_eq!(style(&checks, "A5"), style(&checks, "A4"));
        assert_eq!(style(&checks, "E5"), style(&checks, "E4"));
        assert_ne!(style(&checks, "E5"), style(&checks, "A5"));
        // KT01 (row 6): Quảng An (F) reported nothing, Bưởi (D) 4,5.
        let units = entry(&bytes, "xl/worksheets/sheet2.xml");
        let f6 = cell(&units, "F6").unwrap_or_else(|| panic!("no F6: {units}"));
        assert!(inner(f6, "v").is_none(), "{f6}");
        assert_eq!(cell(&units, "D6").and_then(|c| inner(c, "v")), Some("4.5"));
        assert_eq!(style(&units, "F6"), style(&units, "D6"), "{review_dir:?}");
        assert!(style(&units, "D6").is_some());
    }
}

#[test]
fn in_the_sources_a_number_has_its_format_and_a_text_value_none() {
    let mut ctx = sample_context();
    let nt = &mut ctx["nhom"]["Kinh tế"][0]["don_vi"]["NT"];
    nt["gia_tri"] = serde_json::Value::Null;
    nt["gia_tri_text"] = "không rõ".into();
    let bytes = write_annex(&ctx).unwrap();
    let src = entry(&bytes, "xl/worksheets/sheet4.xml");
    // KT01: Bưởi 4,5 (row 4), Nhật Tân's text (row 5).
    assert_eq!(cell(&src, "E4").and_then(|c| inner(c, "v")), Some("4.5"));
    assert!(style(&src, "E4").is_some());
    assert_eq!(cell_text(&bytes, &src, "E5").as_deref(), Some("không rõ"));
    assert_eq!(style(&src, "E5"), None);
    // GD01's wards: numerators and denominators in one format, its own.
    let rows: Vec<u32> = (4..40)
        .filter(|r| cell_text(&bytes, &src, &format!("A{r}")).as_deref() == Some("GD01"))
        .collect();
    assert_eq!(rows.len(), 3, "{src}");
    for r in rows {
        let (e, f, g) = (format!("E{r}"), format!("F{r}"), format!("G{r}"));
        assert!(style(&src, &f).is_some(), "{f}");
        assert_eq!(style(&src, &f), style(&src, &g));
        assert_ne!(style(&src, &f), style(&src, &e));
        assert!(style(&src, &e).is_some(), "{e}");
    }
}
