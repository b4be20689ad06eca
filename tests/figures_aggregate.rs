//! Ward values → district values, one table row per aggregate kind.

use crate::figures_support;

use figures_support::*;
use proptest::prelude::*;
use rust_decimal::Decimal;
use soket::read::{CellValue, Reporter};

const Y: i32 = 2022;

struct Case {
    name: &'static str,
    tong_hop: &'static str,
    target: &'static str,
    /// Cells of the indicator `X` (and of `A`, `B`, `W` where named) per unit.
    cells: Vec<Vec<(&'static str, i32, CellValue)>>,
    gia_tri: Option<&'static str>,
    tu_mau: Option<(&'static str, &'static str)>,
    reported: usize,
}

#[test]
fn every_aggregate_kind() {
    let cases = vec![
        Case {
            name: "tong sums the units that reported",
            tong_hop: "tong",
            target: "",
            cells: vec![vec![("X", Y, n("10"))], vec![("X", Y, n("20.5"))], vec![]],
            gia_tri: Some("30.5"),
            tu_mau: None,
            reported: 2,
        },
        Case {
            name: "ty_le sums numerators and denominators",
            tong_hop: "ty_le",
            target: "",
            cells: vec![
                vec![("X", Y, fr("10", "12"))],
                vec![("X", Y, fr("16", "15"))],
                vec![],
            ],
            gia_tri: Some("96.296296296296296296296296296"),
            tu_mau: Some(("26", "27")),
            reported: 2,
        },
        Case {
            name: "ty_le:A/B over the units that reported both",
            tong_hop: "ty_le:A/B",
            target: "",
            cells: vec![
                vec![("A", Y, n("19000")), ("B", Y, n("19983"))],
                vec![("A", Y, n("17")), ("B", Y, n("17"))],
                vec![("A", Y, n("500"))],
            ],
            gia_tri: Some("95.085"),
            tu_mau: Some(("19017", "20000")),
            reported: 2,
        },
        Case {
            name: "so_don_vi_dat counts yes/no cells over all units of don-vi",
            tong_hop: "so_don_vi_dat",
            target: "",
            cells: vec![
                vec![("X", Y, yes(true))],
                vec![("X", Y, yes(false))],
                vec![("X", Y, yes(true))],
            ],
            gia_tri: Some("2"),
            tu_mau: Some(("2", "3")),
            reported: 3,
        },
        Case {
            name: "so_don_vi_dat applies a compare target to number cells",
            tong_hop: "so_don_vi_dat",
            target: ">= 95%",
            cells: vec![
                vec![("X", Y, n("96"))],
                vec![("X", Y, n("94.9"))],
                vec![("X", Y, n("95"))],
            ],
            gia_tri: Some("2"),
            tu_mau: Some(("2", "3")),
            reported: 3,
        },
        Case {
            name: "so_don_vi_dat: a missing unit is not counted but stays in mau_so",
            tong_hop: "so_don_vi_dat",
            target: "8/8",
            cells: vec![vec![("X", Y, yes(true))], vec![], vec![("X", Y, yes(true))]],
            gia_tri: Some("2"),
            tu_mau: Some(("2", "3")),
            reported: 2,
        },
        Case {
            name: "trung_binh over the units that reported",
            tong_hop: "trung_binh",
            target: "",
            cells: vec![vec![("X", Y, n("1"))], vec![], vec![("X", Y, n("2"))]],
            gia_tri: Some("1.5"),
            tu_mau: None,
            reported: 2,
        },
        Case {
            name: "trung_binh_gia_quyen:W weights by another indicator, renormalised",
            tong_hop: "trung_binh_gia_quyen:W",
            target: "",
            cells: vec![
                vec![("X", Y, n("10")), ("W", Y, n("1"))],
                vec![("X", Y, n("20")), ("W", Y, n("3"))],
                vec![("W", Y, n("100"))],
            ],
            gia_tri: Some("17.5"),
            tu_mau: None,
            reported: 2,
        },
        Case {
            name: "nho_nhat",
            tong_hop: "nho_nhat",
            target: "",
            cells: vec![
                vec![("X", Y, n("7"))],
                vec![("X", Y, n("3"))],
                vec![("X", Y, n("9"))],
            ],
            gia_tri: Some("3"),
            tu_mau: None,
            reported: 3,
        },
        Case {
            name: "lon_nhat",
            tong_hop: "lon_nhat",
            target: "",
            cells: vec![
                vec![("X", Y, n("7"))],
                vec![("X", Y, n("3"))],
                vec![("X", Y, n("9"))],
            ],
            gia_tri: Some("9"),
            tu_mau: None,
            reported: 3,
        },
        Case {
            name: "nobody reported: null, never zero",
            tong_hop: "tong",
            target: "",
            cells: vec![vec![("X", 2021, n("1"))], vec![], vec![]],
            gia_tri: None,
            tu_mau: None,
            reported: 0,
        },
    ];
    for c in cases {
        let r = review(vec![ind("X", c.tong_hop, "", c.target)], 3);
        let subs = wards(&r, c.cells);
        let (figs, _) = compute(&r, &subs);
        let y = one(&figs, "X").year(Y).unwrap();
        assert_eq!(y.gia_tri, c.gia_tri.map(d), "{}", c.name);
        assert_eq!(
            y.tu_so.zip(y.mau_so),
            c.tu_mau.map(|(t, m)| (d(t), d(m))),
            "{}",
            c.name
        );
        assert_eq!(y.so_don_vi_bao_cao, c.reported, "{}", c.name);
        assert_eq!(y.complete, c.reported == 3, "{}", c.name);
    }
}

#[test]
fn weights_from_the_unit_list_are_renormalised_over_reporting_units() {
    let mut r = review(vec![ind("X", "trung_binh_gia_quyen:DAN_SO", "%", "")], 3);
    for (u, w) in r.units.iter_mut().zip(["1000", "3000", "96000"]) {
        u.weights.insert("DAN_SO".into(), d(w));
    }
    let subs = wards(
        &r,
        vec![vec![("X", Y, n("10"))], vec![("X", Y, n("20"))], vec![]],
    );
    let (figs, _) = compute(&r, &subs);
    let y = one(&figs, "X").year(Y).unwrap();
    assert_eq!(y.gia_tri, Some(d("17.5")));
    assert_eq!(y.units[1].as_ref().unwrap().trong_so, Some(d("3000")));
    assert_eq!(y.units[2], None);
}

#[test]
fn a_value_without_its_weight_is_left_out_of_the_weighted_mean_with_a_warning_at_its_cell() {
    // Weight from the unit list: Phường Nhật Tân has no DAN_SO.
    let mut r = review(vec![ind("X", "trung_binh_gia_quyen:DAN_SO", "%", "")], 3);
    for (u, w) in r.units.iter_mut().zip([Some("1000"), Some("3000"), None]) {
        if let Some(w) = w {
            u.weights.insert("DAN_SO".into(), d(w));
        }
    }
    let subs = wards(
        &r,
        vec![
            vec![("X", Y, n("10"))],
            vec![("X", Y, n("20"))],
            vec![("X", Y, n("90"))],
        ],
    );
    let (figs, problems) = compute(&r, &subs);
    let y = one(&figs, "X").year(Y).unwrap();
    assert_eq!(y.gia_tri, Some(d("17.5")));
    assert_eq!((y.so_don_vi_bao_cao, y.complete), (2, false));
    let shown: Vec<String> = problems
        .iter()
        .map(|p| p.display(soket::check::Lang::Vi))
        .collect();
    assert_eq!(
        shown,
        [
            "cảnh báo: so-lieu/quang_an.xlsx!So lieu!G7: X: Phường Quảng An có số liệu năm 2022 nhưng thiếu trọng số DAN_SO (cột DAN_SO của danh sách đơn vị, dòng 4): đơn vị này không được tính vào bình quân gia quyền",
            // … and the figure carries its caveat.
            "cảnh báo: so-lieu/quang_an.xlsx!So lieu!G7: X: 2/3 phường báo cáo năm 2022, thiếu: Phường Quảng An",
        ]
    );

    // Weight from another indicator: the third ward did not report W.
    let r = review(
        vec![
            ind("X", "trung_binh_gia_quyen:W", "%", ""),
            ind("W", "tong", "người", ""),
        ],
        3,
    );
    let subs = wards(
        &r,
        vec![
            vec![("X", Y, n("10")), ("W", Y, n("1000"))],
            vec![("X", Y, n("20")), ("W", Y, n("3000"))],
            vec![("X", Y, n("90"))],
        ],
    );
    let (figs, problems) = compute(&r, &subs);
    let y = one(&figs, "X").year(Y).unwrap();
    assert_eq!(y.gia_tri, Some(d("17.5")));
    assert_eq!(y.so_don_vi_bao_cao, 2);
    let shown: Vec<String> = problems
        .iter()
        .map(|p| p.display(soket::check::Lang::En))
        .collect();
    assert_eq!(
        shown[0],
        "warning: so-lieu/quang_an.xlsx!So lieu!G7: X: Phường Quảng An has a 2022 value but no weight W (indicator W has no 2022 value): the unit is left out of the weighted mean",
    );
}

#[test]
fn min_and_max_name_their_unit() {
    let r = review(vec![ind("X", "tong", "", "")], 3);
    let subs = wards(
        &r,
        vec![
            vec![("X", Y, n("7"))],
            vec![("X", Y, n("3"))],
            vec![("X", Y, n("9"))],
        ],
    );
    let (figs, _) = compute(&r, &subs);
    let y = one(&figs, "X").year(Y).unwrap();
    assert_eq!(y.nho_nhat_don_vi, Some(1));
    assert_eq!(y.lon_nhat_don_vi, Some(2));
}

#[test]
fn cap_quan_comes_from_the_district_workbook_only() {
    let r = review(vec![ind("X", "cap_quan", "tỷ đồng", "")], 2);
    let mut subs = wards(&r, vec![vec![("X", Y, n("5"))], vec![]]);
    subs.push(submission(
        &r,
        Reporter::District,
        &[("X", 2020, n("10000")), ("X", Y, n("12993"))],
        &[],
    ));
    let (figs, problems) = compute(&r, &subs);
    let f = one(&figs, "X");
    let y = f.year(Y).unwrap();
    assert_eq!(y.gia_tri, Some(d("12993")));
    assert_eq!(y.so_don_vi_bao_cao, 1);
    assert!(y.complete);
    assert_eq!(
        y.nguon.as_ref().unwrap().to_string(),
        "so-lieu/quan.xlsx!So lieu!G7"
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(f.derived.tang, Some(d("2993")));

    let (figs, problems) = compute(&r, &subs[..1]);
    let y = one(&figs, "X").year(Y).unwrap();
    assert_eq!(
        (y.gia_tri, y.so_don_vi_bao_cao, y.complete),
        (None, 0, false)
    );
    assert_eq!(
        problems[0].thong_diep(),
        "X: chưa có số liệu của quận Tây Hồ năm 2022"
    );
}

#[test]
fn each_missing_unit_gets_a_warning_at_its_empty_cell() {
    let r = review(
        vec![
            ind("GD01", "tong", "trường", ""),
            ind("GD02", "tong", "trường", ""),
        ],
        3,
    );
    // Bưởi has a GD01 row (2021 filled) but left 2022 blank; Quảng An's
    // sheet has no GD01 row at all.
    let subs = wards(
        &r,
        vec![
            vec![("GD01", 2021, n("1")), ("GD02", Y, n("1"))],
            vec![("GD01", Y, n("2")), ("GD02", Y, n("1"))],
            vec![("GD02", Y, n("1"))],
        ],
    );
    let (_, problems) = compute(&r, &subs);
    assert!(problems.iter().all(|p| !p.is_error()));
    let shown: Vec<String> = problems
        .iter()
        .map(|p| {
            format!(
                "{}!{}!{}: {}",
                p.tep().unwrap_or(""),
                p.trang().unwrap_or(""),
                p.o().unwrap_or_default(),
                p.thong_diep()
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            "so-lieu/buoi.xlsx!So lieu!G7: GD01: 1/3 phường báo cáo năm 2022, thiếu: Phường Bưởi",
            "so-lieu/quang_an.xlsx!So lieu!: GD01: 1/3 phường báo cáo năm 2022, thiếu: Phường Quảng An",
        ]
    );
    assert_eq!(
        problems[0].message_en(),
        "GD01: 1/3 units reported for 2022, missing: Phường Bưởi"
    );
}

#[test]
fn a_cell_of_the_wrong_kind_is_an_error_and_left_out() {
    let r = review(
        vec![ind("X", "tong", "", ""), ind("R", "ty_le", "%", "")],
        2,
    );
    let subs = wards(
        &r,
        vec![
            vec![("X", Y, fr("1", "2")), ("R", Y, n("96.2"))],
            vec![("X", Y, n("4")), ("R", Y, fr("1", "2"))],
        ],
    );
    let (figs, problems) = compute(&r, &subs);
    assert_eq!(one(&figs, "X").year(Y).unwrap().gia_tri, Some(d("4")));
    assert_eq!(one(&figs, "R").year(Y).unwrap().tu_so, Some(d("1")));
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| format!("{}: {}", p.where_text(), p.thong_diep()))
        .collect();
    assert_eq!(
        errors,
        [
            "so-lieu/buoi.xlsx!So lieu!G7: X: ô này phải là một con số, không phải một phân số; ô bị bỏ qua",
            "so-lieu/buoi.xlsx!So lieu!G8: R: chỉ tiêu tỷ lệ phải ghi dạng phân số, ví dụ 26/27; ô này bị bỏ qua",
        ]
    );
}

#[test]
fn estimate_years_and_sources_are_kept() {
    let r = review(vec![ind("X", "tong", "", "")], 2);
    let subs = vec![
        submission(
            &r,
            Reporter::Unit(0),
            &[("X", Y, n("1")), ("X", 2023, n("2"))],
            &[2023],
        ),
        submission(
            &r,
            Reporter::Unit(1),
            &[("X", Y, n("3")), ("X", 2023, n("4"))],
            &[],
        ),
    ];
    let (figs, _) = compute(&r, &subs);
    let f = one(&figs, "X");
    assert_eq!(figs.years, [2020, 2022, 2023]);
    assert!(!f.year(Y).unwrap().uoc);
    assert!(f.year(2023).unwrap().uoc);
    let src = &f.year(Y).unwrap().units[1].as_ref().unwrap().sources[0];
    assert_eq!(src.to_string(), "so-lieu/nhat_tan.xlsx!So lieu!G7");
}

#[test]
fn years_outside_the_term_are_not_shown() {
    let r = review(vec![ind("X", "tong", "", "")], 1);
    let subs = wards(&r, vec![vec![("X", 2019, n("1")), ("X", 2021, n("2"))]]);
    let (figs, _) = compute(&r, &subs);
    assert_eq!(figs.years, [2020, 2021, 2022]);
}

proptest! {
    /// Σ of the ward numerators (of the units that reported) is the
    /// district numerator; likewise the denominators and plain sums.
    #[test]
    fn ward_numerators_add_up_to_the_district(
        cells in prop::collection::vec(prop::option::of((0u32..100_000, 1u32..100_000, 0u32..1_000_000)), 1..12)
    ) {
        let r = review(vec![ind("R", "ty_le", "%", ""), ind("T", "tong", "", "")], cells.len());
        let per_unit = cells
            .iter()
            .map(|c| match c {
                Some((t, m, x)) => vec![
                    ("R", Y, fr(&t.to_string(), &m.to_string())),
                    ("T", Y, n(&x.to_string())),
                ],
                None => vec![],
            })
            .collect();
        let subs = wards(&r, per_unit);
        let (figs, _) = compute(&r, &subs);
        let reported: Vec<_> = cells.iter().flatten().collect();
        let ratio = one(&figs, "R").year(Y).unwrap();
        let sum = one(&figs, "T").year(Y).unwrap();
        prop_assert_eq!(ratio.so_don_vi_bao_cao, reported.len());
        if reported.is_empty() {
            prop_assert_eq!(ratio.tu_so, None);
            prop_assert_eq!(sum.gia_tri, None);
        } else {
            prop_assert_eq!(ratio.tu_so, Some(reported.iter().map(|c| Decimal::from(c.0)).sum()));
            prop_assert_eq!(ratio.mau_so, Some(reported.iter().map(|c| Decimal::from(c.1)).sum()));
            prop_assert_eq!(sum.gia_tri, Some(reported.iter().map(|c| Decimal::from(c.2)).sum()));
        }
    }
}
