//! Derived figures and verdicts, one table row per operator.

use crate::figures_support;

use figures_support::*;
use soket::figures::{Summary, Verdict};
use soket::read::CellValue;
use soket::vn::Rounding;

const Y: i32 = 2022;

/// The verdict of a one-unit `tong` indicator valued `x` in 2022 only.
fn verdict_of(target: &str, x: CellValue, tong_hop: &str, dvt: &str) -> Verdict {
    let r = review(vec![ind("X", tong_hop, dvt, target)], 1);
    let subs = wards(&r, vec![vec![("X", Y, x)]]);
    compute(&r, &subs).0.indicators[0].danh_gia
}

#[test]
fn every_operator() {
    use Verdict::*;
    let cases = [
        (">= 95", "95", Dat),
        (">= 95", "96", Vuot),
        // Printed with 0 decimals, 95,4 is "95": exactly the target.
        (">= 95", "95.4", Dat),
        (">= 95", "94", ChuaDat),
        ("> 95", "96", Vuot),
        ("> 95", "95.1", ChuaDat),
        ("> 95", "95", ChuaDat),
        ("<= 2", "2", Dat),
        ("<= 2", "1", Vuot),
        ("<= 2", "3", ChuaDat),
        ("< 2", "1", Vuot),
        ("< 2", "2", ChuaDat),
        ("= 0", "0", Dat),
        ("= 0", "1", ChuaDat),
        ("", "1", KhongDanhGia),
    ];
    for (target, x, want) in cases {
        assert_eq!(verdict_of(target, n(x), "tong", "hộ"), want, "{x} {target}");
    }
}

#[test]
fn values_are_compared_as_printed() {
    // 0,4 prints as "0" with 0 decimals: `= 0` is met.
    assert_eq!(verdict_of("= 0", n("0.4"), "tong", "hộ"), Verdict::Dat);
    // 94,96% prints "95,0%": `>= 95%` is met exactly.
    assert_eq!(verdict_of(">= 95%", n("94.96"), "tong", "%"), Verdict::Dat);
}

#[test]
fn fraction_targets_compare_the_numerator() {
    use Verdict::*;
    let cases = [
        ("8/8", "so_don_vi_dat", vec![yes(true); 8], Dat),
        ("7/8", "so_don_vi_dat", vec![yes(true); 8], Vuot),
        (
            "8/8",
            "so_don_vi_dat",
            [vec![yes(true); 7], vec![yes(false)]].concat(),
            ChuaDat,
        ),
    ];
    for (target, tong_hop, cells, want) in cases {
        let r = review(vec![ind("X", tong_hop, "phường", target)], cells.len());
        let subs = wards(&r, cells.into_iter().map(|c| vec![("X", Y, c)]).collect());
        assert_eq!(
            compute(&r, &subs).0.indicators[0].danh_gia,
            want,
            "{target}"
        );
    }
    // "giao quân được 26/20 thanh niên, đạt tỷ lệ 130%"
    let r = review(vec![ind("QS01", "ty_le", "thanh niên", "20/20")], 1);
    let subs = wards(&r, vec![vec![("QS01", Y, fr("26", "20"))]]);
    let f = &compute(&r, &subs).0.indicators[0];
    assert_eq!(f.danh_gia, Verdict::Vuot);
    assert_eq!(f.derived.dat_pt_muc_tieu, Some(d("130")));
}

#[test]
fn percent_of_target_for_greater_targets_only() {
    let r = review(
        vec![
            ind("X", "tong", "%", ">= 14%"),
            ind("Y", "tong", "%", "<= 2%"),
        ],
        1,
    );
    let subs = wards(&r, vec![vec![("X", Y, n("13.48")), ("Y", Y, n("1"))]]);
    let (figs, _) = compute(&r, &subs);
    let pct = figs.indicators[0].derived.dat_pt_muc_tieu.unwrap();
    assert_eq!(
        soket::figures::num::round(pct, 1, Rounding::HalfAwayFromZero),
        d("96.3")
    );
    assert_eq!(figs.indicators[1].derived.dat_pt_muc_tieu, None);
    assert_eq!(
        figs.indicators[1].derived.ly_do["dat_pt_muc_tieu"],
        "chỉ tính cho mục tiêu dạng >= hoặc >"
    );
}

#[test]
fn rounding_decides_the_verdict_as_it_decides_the_print() {
    // 26/27 = 96,296…%: "96,3%" with gan_nhat, "96,2%" with cat_bo.
    for (rounding, want) in [
        (Rounding::HalfAwayFromZero, Verdict::Dat),
        (Rounding::Truncate, Verdict::ChuaDat),
    ] {
        let mut r = review(vec![ind("GD01", "ty_le", "trường", ">= 96,3%")], 1);
        r.settings.so_lieu.lam_tron = rounding;
        let subs = wards(&r, vec![vec![("GD01", Y, fr("26", "27"))]]);
        assert_eq!(
            compute(&r, &subs).0.indicators[0].danh_gia,
            want,
            "{rounding:?}"
        );
    }
    // 95,085 with 2 decimals is "95,09" and meets >= 95,09%.
    let mut i = ind("DV01", "ty_le:A/B", "%", ">= 95,09%");
    i.so_le = Some(2);
    let r = review(vec![i], 1);
    let subs = wards(&r, vec![vec![("A", Y, n("19017")), ("B", Y, n("20000"))]]);
    assert_eq!(compute(&r, &subs).0.indicators[0].danh_gia, Verdict::Dat);
}

#[test]
fn unit_count_with_a_per_unit_target_needs_every_unit() {
    let r = review(vec![ind("YT01", "so_don_vi_dat", "phường", ">= 95%")], 3);
    let all = wards(
        &r,
        vec![
            vec![("YT01", Y, n("96"))],
            vec![("YT01", Y, n("95"))],
            vec![("YT01", Y, n("99"))],
        ],
    );
    let f = &compute(&r, &all).0.indicators[0];
    assert!(f.per_unit_condition);
    assert_eq!(f.danh_gia, Verdict::Dat);
    let some = wards(
        &r,
        vec![
            vec![("YT01", Y, n("96"))],
            vec![("YT01", Y, n("94"))],
            vec![("YT01", Y, n("99"))],
        ],
    );
    assert_eq!(
        compute(&r, &some).0.indicators[0].danh_gia,
        Verdict::ChuaDat
    );
    // A count target on yes/no cells compares the count.
    let r = review(vec![ind("YT02", "so_don_vi_dat", "phường", ">= 2")], 3);
    let subs = wards(
        &r,
        vec![
            vec![("YT02", Y, yes(true))],
            vec![("YT02", Y, yes(true))],
            vec![("YT02", Y, yes(false))],
        ],
    );
    assert_eq!(compute(&r, &subs).0.indicators[0].danh_gia, Verdict::Dat);
}

#[test]
fn changes_and_compound_growth() {
    // 100 → 145,9 over 3 years: bình quân 13,42%/năm.
    let mut r = review(vec![ind("KT01", "tong", "tỷ đồng", "")], 2);
    r.settings.so_lieu.nam_bao_cao = 2023;
    let subs = wards(
        &r,
        vec![
            vec![("KT01", 2020, n("40")), ("KT01", 2023, n("45.9"))],
            vec![("KT01", 2020, n("60")), ("KT01", 2023, n("100"))],
        ],
    );
    let d_ = &compute(&r, &subs).0.indicators[0].derived;
    assert_eq!(d_.tang, Some(d("45.9")));
    assert_eq!(d_.tang_pt, Some(d("45.9")));
    let bq = d_.binh_quan.unwrap();
    assert_eq!(
        soket::figures::num::round(bq, 2, Rounding::HalfAwayFromZero),
        d("13.42")
    );
    assert_eq!(
        soket::figures::num::round(bq, 1, Rounding::HalfAwayFromZero),
        d("13.4")
    );
}

#[test]
fn rates_change_in_percentage_points() {
    let r = review(vec![ind("GD01", "ty_le", "trường", "")], 1);
    let subs = wards(
        &r,
        vec![vec![
            ("GD01", 2020, fr("20", "25")),
            ("GD01", Y, fr("26", "27")),
        ]],
    );
    let d_ = &compute(&r, &subs).0.indicators[0].derived;
    // 96,296… − 80 points.
    assert_eq!(
        soket::figures::num::round(d_.tang.unwrap(), 2, Rounding::HalfAwayFromZero),
        d("16.30")
    );
}

#[test]
fn incomplete_years_give_no_change() {
    let r = review(vec![ind("X", "tong", "", "")], 2);
    let subs = wards(
        &r,
        vec![
            vec![("X", 2020, n("1")), ("X", Y, n("2"))],
            vec![("X", Y, n("5"))],
        ],
    );
    let d_ = &compute(&r, &subs).0.indicators[0].derived;
    assert_eq!((d_.tang, d_.tang_pt, d_.binh_quan), (None, None, None));
    assert_eq!(
        d_.ly_do["tang"],
        "năm 2020 chưa đủ số liệu (1 đơn vị báo cáo)"
    );
}

#[test]
fn division_by_zero_is_null_with_a_reason() {
    let r = review(
        vec![ind("R", "ty_le", "%", ">= 50%"), ind("T", "tong", "", "")],
        1,
    );
    let subs = wards(
        &r,
        vec![vec![
            ("R", Y, fr("0", "0")),
            ("T", 2020, n("0")),
            ("T", Y, n("3")),
        ]],
    );
    let (figs, _) = compute(&r, &subs);
    let ratio = &figs.indicators[0];
    assert_eq!(ratio.year(Y).unwrap().gia_tri, None);
    assert_eq!(
        ratio.year(Y).unwrap().ly_do.as_deref(),
        Some("tổng mẫu số bằng 0")
    );
    assert_eq!(ratio.danh_gia, Verdict::KhongDanhGia);
    let sum = &figs.indicators[1].derived;
    assert_eq!(sum.tang, Some(d("3")));
    assert_eq!(sum.tang_pt, None);
    assert_eq!(sum.ly_do["tang_pt"], "giá trị năm 2020 bằng 0");
    assert_eq!(sum.binh_quan, None);
    assert_eq!(sum.ly_do["binh_quan"], "giá trị năm gốc không dương");
}

#[test]
fn projection_reaches_the_target_by_the_end_of_the_term() {
    let r = review(vec![ind("X", "tong", "%", ">= 100%")], 1);
    let cells = vec![
        ("X", 2020, n("80")),
        ("X", 2021, n("84")),
        ("X", Y, n("88")),
    ];
    let subs = wards(&r, vec![cells.clone()]);
    let f = &compute(&r, &subs).0.indicators[0];
    assert_eq!(f.derived.du_bao, Some(d("100")));
    assert_eq!(f.danh_gia, Verdict::DuKienDat);
    // Slower growth: the projection falls short.
    let subs = wards(
        &r,
        vec![vec![
            ("X", 2020, n("80")),
            ("X", 2021, n("82")),
            ("X", Y, n("84")),
        ]],
    );
    let f = &compute(&r, &subs).0.indicators[0];
    assert_eq!(f.derived.du_bao, Some(d("90")));
    assert_eq!(f.danh_gia, Verdict::ChuaDat);
    // One complete year only: no projection, nothing du_kien_dat.
    let subs = wards(&r, vec![vec![("X", Y, n("88"))]]);
    let f = &compute(&r, &subs).0.indicators[0];
    assert_eq!(f.derived.du_bao, None);
    assert_eq!(
        f.derived.ly_do["du_bao"],
        "chỉ có 1 năm đủ số liệu, cần ít nhất 2 năm"
    );
    assert_eq!(f.danh_gia, Verdict::ChuaDat);
}

#[test]
fn projection_uses_complete_estimate_years_and_skips_incomplete_ones() {
    let r = review(vec![ind("X", "tong", "", "")], 2);
    let subs = vec![
        submission(
            &r,
            soket::read::Reporter::Unit(0),
            &[
                ("X", 2020, n("10")),
                ("X", 2021, n("999")),
                ("X", Y, n("12")),
                ("X", 2023, n("13")),
            ],
            &[2023],
        ),
        submission(
            &r,
            soket::read::Reporter::Unit(1),
            &[
                ("X", 2020, n("10")),
                ("X", Y, n("12")),
                ("X", 2023, n("13")),
            ],
            &[2023],
        ),
    ];
    // Complete years 2020 (20), 2022 (24), 2023 (26): 2021 is left out.
    let f = &compute(&r, &subs).0.indicators[0];
    let p = f.derived.du_bao.unwrap();
    assert_eq!(
        soket::figures::num::round(p, 4, Rounding::HalfAwayFromZero),
        d("30.0000")
    );
}

#[test]
fn summary_counts_evaluated_indicators() {
    use Verdict::*;
    let verdicts = [
        vec![Vuot; 5],
        vec![Dat; 10],
        vec![DuKienDat; 3],
        vec![ChuaDat],
        vec![KhongDanhGia; 21],
    ]
    .concat();
    let s = Summary::count(verdicts);
    assert_eq!(
        (
            s.tong,
            s.vuot,
            s.dat,
            s.du_kien_dat,
            s.chua_dat,
            s.khong_danh_gia
        ),
        (40, 5, 10, 3, 1, 21)
    );
    assert_eq!(s.dat_va_du_kien_dat, 18);
    assert_eq!(s.text, "18/19 chỉ tiêu đạt và dự kiến đạt");
}
