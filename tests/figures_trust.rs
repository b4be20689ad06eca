//! A figure in a signed report must be trustworthy (issue 14): never
//! incomplete without saying so, changes in the figure's own unit,
//! projections inside the indicator's domain, arithmetic failures as
//! errors at their cells.

use crate::figures_support;

use figures_support::*;
use serde_json::{Value, json};
use soket::check::Severity;
use soket::read::CellValue;
use soket::review::Indicator;

const Y: i32 = 2022;

fn build(r: &soket::review::Review, subs: &[soket::read::Submission]) -> (Value, Vec<String>) {
    let (figs, problems) = compute(r, subs);
    let ctx = soket::render::context::build(r, &figs, &problems);
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Loi)
        .map(|p| p.display(soket::check::Lang::Vi))
        .collect();
    (ctx, errors)
}

/// Three wards; `per_unit[u]` = unit u's 2022 cell of `GD01`, `None` = the
/// unit left it empty (its file still has other figures).
fn three_wards(ind: Indicator, per_unit: [Option<CellValue>; 3]) -> Value {
    let r = review(vec![ind, figures_support::ind("X", "tong", "hộ", "")], 3);
    let cells: Vec<Vec<(&str, i32, CellValue)>> = per_unit
        .iter()
        .map(|v| {
            let mut c = vec![("X", Y, n("1"))];
            if let Some(v) = v {
                c.push(("GD01", Y, *v));
            }
            c
        })
        .collect();
    let (ctx, errors) = build(&r, &wards(&r, cells));
    assert!(errors.is_empty(), "{errors:?}");
    ctx
}

/// (aggregate, unit, target, the two reporting cells, verdict, ly_do)
type Incomplete<'a> = (
    &'a str,
    &'a str,
    &'a str,
    [CellValue; 2],
    &'a str,
    Option<&'a str>,
);

#[test]
fn an_incomplete_sum_or_unit_count_is_not_judged_and_an_incomplete_ratio_or_mean_is() {
    let missing = "chưa đủ số liệu năm 2022: thiếu Phường Quảng An (2/3 phường báo cáo)";
    // (aggregate, unit, target, the two reporting cells, verdict, ly_do)
    let cases: [Incomplete; 6] = [
        (
            "tong",
            "hộ",
            ">= 10",
            [n("8"), n("7")],
            "khong_danh_gia",
            Some(missing),
        ),
        (
            "so_don_vi_dat",
            "phường",
            "2/3",
            [yes(true), yes(true)],
            "khong_danh_gia",
            Some(missing),
        ),
        (
            "lon_nhat",
            "%",
            "<= 50%",
            [n("8"), n("7")],
            "khong_danh_gia",
            Some(missing),
        ),
        (
            "ty_le",
            "trường",
            ">= 90%",
            [fr("9", "10"), fr("10", "10")],
            "vuot",
            None,
        ),
        ("trung_binh", "%", ">= 90%", [n("95"), n("85")], "dat", None),
        ("tong", "hộ", "", [n("8"), n("7")], "khong_danh_gia", None),
    ];
    for (tong_hop, dvt, muc_tieu, [a, b], verdict, ly_do) in cases {
        let c = three_wards(
            ind("GD01", tong_hop, dvt, muc_tieu),
            [Some(a), Some(b), None],
        );
        let g = &c["ct"]["GD01"];
        let case = format!("{tong_hop} {muc_tieu}");
        assert_eq!(g["danh_gia"], verdict, "{case}");
        assert_eq!(g["day_du"], false, "{case}");
        assert_eq!(g["thieu"], json!(["Phường Quảng An"]), "{case}");
        assert_eq!(g["so_don_vi_bao_cao"], 2, "{case}");
        assert_eq!(g["bao_cao_text"], "2/3 phường báo cáo", "{case}");
        assert_eq!(g["nam"]["2022"]["day_du"], false, "{case}");
        assert_eq!(
            g["nam"]["2022"]["thieu"],
            json!(["Phường Quảng An"]),
            "{case}"
        );
        assert_eq!(
            g["nam"]["2022"]["bao_cao_text"], "2/3 phường báo cáo",
            "{case}"
        );
        assert_eq!(
            g["ly_do"].get("danh_gia").and_then(Value::as_str),
            ly_do,
            "{case}"
        );
        if ly_do.is_some() {
            assert_eq!(g["dat_pt_muc_tieu"], Value::Null, "{case}");
        }
        let tail = if muc_tieu.is_empty() {
            ""
        } else {
            ", 1 chỉ tiêu chưa đủ số liệu"
        };
        assert!(
            c["tong_ket"]["text"]
                .as_str()
                .unwrap()
                .ends_with(&format!("dự kiến đạt{tail}")),
            "{case}: {}",
            c["tong_ket"]["text"]
        );
    }
}

#[test]
fn a_complete_figure_says_so_too() {
    let c = three_wards(
        ind("GD01", "tong", "hộ", ">= 10"),
        [Some(n("4")), Some(n("4")), Some(n("4"))],
    );
    let g = &c["ct"]["GD01"];
    assert_eq!(
        (
            &g["day_du"],
            &g["thieu"],
            &g["bao_cao_text"],
            &g["danh_gia"]
        ),
        (
            &json!(true),
            &json!([]),
            &json!("3/3 phường báo cáo"),
            &json!("vuot")
        )
    );
    assert_eq!(c["tong_ket"]["text"], "1/1 chỉ tiêu đạt và dự kiến đạt");
    assert_eq!(c["tong_ket"]["chua_du_so_lieu"], 0);
}

/// Two wards, 2020 and 2022 cells of GD01.
fn change(ind: Indicator, y2020: [CellValue; 2], y2022: [CellValue; 2]) -> Value {
    let r = review(vec![ind], 2);
    let cells = (0..2)
        .map(|u| vec![("GD01", 2020, y2020[u]), ("GD01", Y, y2022[u])])
        .collect();
    let (c, errors) = build(&r, &wards(&r, cells));
    assert!(errors.is_empty(), "{errors:?}");
    c["ct"]["GD01"].clone()
}

#[test]
fn changes_are_in_the_figures_own_unit_and_zero_is_stable() {
    // (indicator, 2020, 2022, tang, tang_hien_thi, tang_mo_ta, binh_quan_mo_ta, ly_do binh_quan)
    let rate = "bình quân tăng chỉ tính cho chỉ tiêu số lượng; tỷ lệ thay đổi được tính ở tang (điểm phần trăm)";
    let units = "bình quân tăng chỉ tính cho chỉ tiêu số lượng; số đơn vị đạt thay đổi được tính ở tang (số đơn vị)";
    let cases = [
        (
            ind("GD01", "so_don_vi_dat", "phường", "2/2"),
            [yes(false), yes(false)],
            [yes(true), yes(true)],
            json!(2),
            "2 phường",
            "tăng 2 phường",
            Value::Null,
            Some(units),
        ),
        (
            ind("GD01", "ty_le", "trường", ">= 90%"),
            [fr("8", "10"), fr("9", "10")],
            [fr("9", "10"), fr("10", "10")],
            json!(10),
            "10,0 điểm phần trăm",
            "tăng 10,0 điểm phần trăm",
            Value::Null,
            Some(rate),
        ),
        (
            ind("GD01", "trung_binh", "%", ">= 90%"),
            [n("90"), n("92")],
            [n("93"), n("94.6")],
            json!(2.8),
            "2,8 điểm phần trăm",
            "tăng 2,8 điểm phần trăm",
            Value::Null,
            Some(rate),
        ),
        (
            ind("GD01", "tong", "hộ", ""),
            [n("10"), n("30")],
            [n("5"), n("20")],
            json!(-15),
            "-15 hộ",
            "giảm 15 hộ",
            json!("bình quân giảm 20,94%"),
            None,
        ),
        (
            ind("GD01", "tong", "thanh niên", ""),
            [n("10"), n("10")],
            [n("12"), n("8")],
            json!(0),
            "0 thanh niên",
            "giữ ổn định",
            json!("giữ ổn định"),
            None,
        ),
    ];
    for (ind, a, b, tang, shown, words, bq, why) in cases {
        let case = format!("{} {}", ind.tong_hop.code(), ind.dvt);
        let g = change(ind, a, b);
        assert_eq!(g["tang"], tang, "{case}");
        assert_eq!(g["tang_hien_thi"], shown, "{case}");
        assert_eq!(g["tang_mo_ta"], words, "{case}");
        assert_eq!(g["binh_quan_mo_ta"], bq, "{case}");
        assert_eq!(
            g["ly_do"].get("binh_quan").and_then(Value::as_str),
            why,
            "{case}"
        );
        if why.is_some() {
            assert_eq!(g["binh_quan"], Value::Null, "{case}");
        }
    }
}

/// GD01 of two wards over 2020–2022, each year's cells.
fn projected(ind: Indicator, years: [[CellValue; 2]; 3]) -> Value {
    let r = review(vec![ind], 2);
    let cells = (0..2)
        .map(|u| {
            (0..3)
                .map(|i| ("GD01", 2020 + i as i32, years[i][u]))
                .collect()
        })
        .collect();
    let (c, errors) = build(&r, &wards(&r, cells));
    assert!(errors.is_empty(), "{errors:?}");
    c["ct"]["GD01"].clone()
}

#[test]
fn a_projection_outside_the_domain_is_refused_and_never_makes_du_kien_dat() {
    // (indicator, cells 2020–2022, du_bao, ly_do, verdict)
    let cases = [
        (
            ind("GD01", "trung_binh", "%", ">= 99%"),
            [[n("80"), n("80")], [n("88"), n("88")], [n("96"), n("96")]],
            Value::Null,
            Some(
                "dự báo năm 2025 ra 120, nằm ngoài khoảng giá trị 0..100 của chỉ tiêu, nên không dùng",
            ),
            "chua_dat",
        ),
        (
            ind("GD01", "tong", "hộ", "<= 0"),
            [[n("40"), n("38")], [n("30"), n("28")], [n("20"), n("18")]],
            Value::Null,
            Some(
                "dự báo năm 2025 ra -22, nằm ngoài khoảng giá trị 0.. của chỉ tiêu, nên không dùng",
            ),
            "chua_dat",
        ),
        (
            ind("GD01", "so_don_vi_dat", "phường", "2/2"),
            [
                [yes(false), yes(false)],
                [yes(true), yes(false)],
                [yes(true), yes(false)],
            ],
            Value::Null,
            Some(
                "dự báo năm 2025 ra 2,67, nằm ngoài khoảng giá trị 0..2 của chỉ tiêu, nên không dùng",
            ),
            "chua_dat",
        ),
        (
            ind("GD01", "trung_binh", "%", ">= 99%"),
            [[n("90"), n("90")], [n("92"), n("92")], [n("94"), n("94")]],
            json!(100),
            None,
            "du_kien_dat",
        ),
    ];
    for (ind, years, du_bao, why, verdict) in cases {
        let case = format!("{} {}", ind.tong_hop.code(), ind.muc_tieu);
        let g = projected(ind, years);
        assert_eq!(g["du_bao"], du_bao, "{case}");
        assert_eq!(
            g["ly_do"].get("du_bao").and_then(Value::as_str),
            why,
            "{case}"
        );
        assert_eq!(g["danh_gia"], verdict, "{case}");
    }
}

#[test]
fn an_overflow_is_an_error_naming_the_cells_never_a_null_or_a_zero() {
    let huge = n("50000000000000000000000000000");
    // (aggregate, cells of the two wards, message)
    let cases = [
        (
            "tong",
            vec![vec![("GD01", Y, huge)], vec![("GD01", Y, huge)]],
            "lỗi: so-lieu/buoi.xlsx!So lieu!G7: GD01: tràn số khi cộng số liệu năm 2022 (số quá lớn, hãy kiểm tra các ô: so-lieu/buoi.xlsx!So lieu!G7, so-lieu/nhat_tan.xlsx!So lieu!G7)",
        ),
        (
            "trung_binh_gia_quyen:W",
            vec![
                vec![("GD01", Y, n("90")), ("W", Y, huge)],
                vec![("GD01", Y, n("80")), ("W", Y, n("1"))],
            ],
            "lỗi: so-lieu/buoi.xlsx!So lieu!G7: GD01: tràn số khi nhân với trọng số số liệu năm 2022 (số quá lớn, hãy kiểm tra các ô: so-lieu/buoi.xlsx!So lieu!G7, so-lieu/buoi.xlsx!So lieu!G8, so-lieu/nhat_tan.xlsx!So lieu!G7, so-lieu/nhat_tan.xlsx!So lieu!G8)",
        ),
    ];
    for (tong_hop, cells, message) in cases {
        let dvt = if tong_hop == "tong" {
            "tỷ đồng"
        } else {
            "%"
        };
        let r = review(
            vec![
                ind("GD01", tong_hop, dvt, ""),
                ind("W", "tong", "người", ""),
            ],
            2,
        );
        let (c, errors) = build(&r, &wards(&r, cells));
        assert_eq!(errors, [message], "{tong_hop}");
        let g = &c["ct"]["GD01"];
        assert_eq!(g["gia_tri"], Value::Null, "{tong_hop}");
        assert!(
            g["ly_do"]["gia_tri"]
                .as_str()
                .unwrap()
                .starts_with("tràn số khi"),
            "{tong_hop}"
        );
    }
}

#[test]
fn an_overflow_in_a_change_since_the_baseline_is_an_error_naming_both_years_cells() {
    let r = review(vec![ind("GD01", "tong", "tỷ đồng", "")], 1);
    let cells = vec![vec![
        ("GD01", 2020, n("0.5")),
        ("GD01", Y, n("50000000000000000000000000000")),
    ]];
    let (c, errors) = build(&r, &wards(&r, cells));
    let both = "so-lieu/buoi.xlsx!So lieu!E7, so-lieu/buoi.xlsx!So lieu!G7";
    assert_eq!(
        errors,
        [
            format!(
                "lỗi: so-lieu/buoi.xlsx!So lieu!E7: GD01: tràn số khi tính tang_pt từ năm 2020 đến năm 2022 (số quá lớn, hãy kiểm tra các ô: {both})"
            ),
            format!(
                "lỗi: so-lieu/buoi.xlsx!So lieu!E7: GD01: tràn số khi tính binh_quan từ năm 2020 đến năm 2022 (số quá lớn, hãy kiểm tra các ô: {both})"
            ),
        ]
    );
    let g = &c["ct"]["GD01"];
    assert_eq!(g["tang_pt"], Value::Null);
    assert_eq!(g["ly_do"]["tang_pt"], "tràn số");
    assert_eq!(g["binh_quan"], Value::Null);
    assert_eq!(g["ly_do"]["binh_quan"], "tràn số");
}

#[test]
fn impossible_cell_values_are_errors_that_say_what_was_probably_meant() {
    use soket::review::catalog::Range;
    use soket::review::plausible::check_number;
    let with_range = |mut i: Indicator, r: &str| {
        i.gioi_han = Some(Range::parse(r).unwrap());
        i
    };
    // (indicator, value, as written, the Vietnamese message or None)
    let cases = [
        (
            ind("DN01", "tong", "doanh nghiệp", ""),
            "1.046",
            "1.046",
            Some(
                "DN01: 1,046 — nếu là một nghìn không trăm bốn mươi sáu, hãy ghi 1046 (chỉ tiêu tính bằng \"doanh nghiệp\" phải là số nguyên)",
            ),
        ),
        (
            ind("DN01", "tong", "doanh nghiệp", ""),
            "12.3456",
            "12.3456",
            Some(
                "DN01: 12,3456 không phải số nguyên (chỉ tiêu tính bằng \"doanh nghiệp\" phải là số nguyên)",
            ),
        ),
        (ind("DT01", "tong", "ha", ""), "1.046", "1.046", None),
        (
            ind("DT01", "tong", "tỷ đồng", ""),
            "12993.5",
            "12.993,5",
            None,
        ),
        (
            ind("HN01", "trung_binh", "%", ""),
            "150",
            "150%",
            Some(
                "HN01: 150% nằm ngoài 0–100%; nếu giá trị này là đúng, hãy ghi giới hạn ở cột \"Giới hạn\" của danh mục chỉ tiêu (ví dụ 0..)",
            ),
        ),
        (
            ind("HN01", "trung_binh", "%", ""),
            "-5",
            "-5",
            Some(
                "HN01: số âm (-5) ở chỉ tiêu tính bằng \"%\"; nếu số âm là đúng, hãy ghi giới hạn ở cột \"Giới hạn\" của danh mục chỉ tiêu (ví dụ -100..1000)",
            ),
        ),
        (
            ind("VT01", "tong", "vụ", ""),
            "-3",
            "-3",
            Some(
                "VT01: số âm (-3) ở chỉ tiêu tính bằng \"vụ\"; nếu số âm là đúng, hãy ghi giới hạn ở cột \"Giới hạn\" của danh mục chỉ tiêu (ví dụ -100..1000)",
            ),
        ),
        (
            with_range(ind("TT01", "trung_binh", "%", ""), "-100..1000"),
            "-5",
            "-5",
            None,
        ),
        (
            with_range(ind("TT01", "trung_binh", "%", ""), "0.."),
            "150",
            "150",
            None,
        ),
        (
            with_range(ind("TT01", "trung_binh", "%", ""), "-100..1000"),
            "1500",
            "1.500",
            Some("TT01: 1.500 nằm ngoài giới hạn -100..1.000 ghi ở danh mục chỉ tiêu"),
        ),
        // A number in a unit count is judged against the target, in its terms.
        (
            ind("YT01", "so_don_vi_dat", "phường", ">= 95%"),
            "96.5",
            "96,5",
            None,
        ),
        (
            ind("YT01", "so_don_vi_dat", "phường", ">= 95%"),
            "101",
            "101",
            Some(
                "YT01: 101 nằm ngoài 0–100%; nếu giá trị này là đúng, hãy ghi giới hạn ở cột \"Giới hạn\" của danh mục chỉ tiêu (ví dụ 0..)",
            ),
        ),
    ];
    for (ind, value, shown, want) in cases {
        let got = check_number(&ind, d(value), shown).map(|m| m.message(soket::check::Lang::Vi));
        assert_eq!(got.as_deref(), want, "{} {value}", ind.ma);
    }
}

#[test]
fn a_range_is_read_with_either_end_open() {
    use soket::review::catalog::Range;
    let cases = [
        ("-100..1000", Some("-100"), Some("1000")),
        ("0..", Some("0"), None),
        ("..100", None, Some("100")),
        ("0..1.000,5", Some("0"), Some("1000.5")),
    ];
    for (text, min, max) in cases {
        let r = Range::parse(text).unwrap();
        assert_eq!((r.min, r.max), (min.map(d), max.map(d)), "{text}");
    }
    for bad in ["", "0-100", "100..0", "a..b"] {
        assert!(Range::parse(bad).is_err(), "{bad}");
    }
}
