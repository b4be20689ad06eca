//! The figures of a periodic review (PRODUCT.md, "Periodic reviews"):
//! every period and aggregate kind, the same period of last year, the
//! plan, incomplete periods and the verdicts.

use crate::figures_support;
use figures_support::*;
use soket::read::period::Period;
use soket::read::{CellValue, Reporter, Source, Submission, Value};
use soket::review::{Indicator, Review};
use std::collections::BTreeMap;

/// A review with `so_lieu.ky_bao_cao = ky` and no term, as soket.toml
/// without `nhiem_ky` makes it.
fn periodic(indicators: Vec<Indicator>, n_units: usize, ky: &str) -> Review {
    let mut r = review(indicators, n_units);
    let p = Period::parse(ky).unwrap();
    let s = &mut r.settings.so_lieu;
    s.ky_bao_cao = Some(ky.into());
    s.ky = Some(p);
    s.co_nhiem_ky = false;
    s.nam_bao_cao = p.year;
    s.nam_goc = p.year - 1;
    s.nhiem_ky = [p.year - 1, p.year];
    r
}

/// One unit's workbook: (code, period key or "KH 2026", value); period
/// columns from E on in order of first appearance.
fn unit(review: &Review, u: usize, cells: &[(&str, &str, CellValue)]) -> Submission {
    let mut sub = submission(review, Reporter::Unit(u), &[], &[]);
    let mut codes: Vec<&str> = Vec::new();
    let mut cols: Vec<&str> = Vec::new();
    for (code, key, v) in cells {
        if !codes.contains(code) {
            codes.push(code);
        }
        if !cols.contains(key) {
            cols.push(key);
        }
        let r = codes.iter().position(|c| c == code).unwrap();
        let c = cols.iter().position(|c| c == key).unwrap();
        sub.layout.rows.insert(code.to_string(), 6 + r);
        let source = Source {
            file: sub.file.clone(),
            sheet: sub.sheet.clone(),
            cell: Some(format!("{}{}", (b'E' + c as u8) as char, 7 + r)),
        };
        let value = Value { value: *v, source };
        if let Some(y) = key.strip_prefix("KH ") {
            let y: i32 = y.parse().unwrap();
            if !sub.ky.plan_years.contains(&y) {
                sub.ky.plan_years.push(y);
                sub.ky.plan_cols.insert(y, 4 + c);
            }
            sub.ky.plans.insert((code.to_string(), y), value);
            continue;
        }
        let p = Period::parse(key).unwrap();
        if p.is_year() {
            if !sub.years.iter().any(|y| y.year == p.year) {
                sub.years.push(soket::read::YearColumn {
                    year: p.year,
                    uoc: false,
                });
                sub.layout.cols.insert(p.year, 4 + c);
            }
            sub.values.insert((code.to_string(), p.year), value);
        } else {
            if !sub.ky.cols.contains_key(&p) {
                sub.ky.columns.push((p, false));
                sub.ky.cols.insert(p, 4 + c);
            }
            sub.ky.values.insert((code.to_string(), p), value);
        }
    }
    sub
}

fn units(review: &Review, per_unit: Vec<Vec<(&str, &str, CellValue)>>) -> Vec<Submission> {
    (per_unit.iter().enumerate())
        .filter(|(_, c)| !c.is_empty())
        .map(|(u, c)| unit(review, u, c))
        .collect()
}

/// The context of one indicator.
fn ct(review: &Review, subs: &[Submission], ma: &str) -> serde_json::Value {
    let (figs, problems) = compute(review, subs);
    let ctx = soket::render::context::build(review, &figs, &problems);
    ctx["ct"][ma].clone()
}

/// An entry's plan, percent of plan and verdict, as `texts` gives them.
fn plan_and_verdict(c: &serde_json::Value) -> Vec<String> {
    texts(c, &["ke_hoach_text", "dat_pt_ke_hoach_text", "danh_gia"])
}

fn texts(c: &serde_json::Value, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|k| {
            format!(
                "{k}={}",
                c[*k].as_str().map_or(c[*k].to_string(), String::from)
            )
        })
        .collect()
}

const CHANGE: &[&str] = &[
    "gia_tri_text",
    "hien_thi",
    "cung_ky_text",
    "tang_cung_ky_text",
    "tang_cung_ky_pt_text",
    "ke_hoach_text",
    "dat_pt_ke_hoach_text",
    "danh_gia",
];

#[test]
fn every_aggregate_kind_gives_the_report_period_the_same_period_and_the_plan() {
    let inds = vec![
        ind("KT01", "tong", "tỷ đồng", ""),
        ind("GD01", "ty_le", "trường", ">= 95%"),
        ind("HN01", "trung_binh", "%", "<= 2"),
        ind("YT01", "so_don_vi_dat", "phường", "3/3"),
        ind("NN01", "nho_nhat", "%", ""),
        ind("LN01", "lon_nhat", "%", ""),
        ind("GQ01", "trung_binh_gia_quyen:DAN_SO", "%", ""),
    ];
    let mut r = periodic(inds, 3, "9 tháng 2026");
    for (u, w) in ["1000", "2000", "1000"].iter().enumerate() {
        r.units[u].weights = BTreeMap::from([("DAN_SO".to_string(), d(w))]);
    }
    let cells = |a: [&'static str; 6],
                 f: (&'static str, &'static str),
                 fc: (&'static str, &'static str),
                 yes_now: bool,
                 yes_before: bool,
                 kh: &'static str| {
        vec![
            ("KT01", "T9/2026", n(a[0])),
            ("KT01", "Q3/2026", n(a[1])),
            ("KT01", "9T/2026", n(a[2])),
            ("KT01", "9T/2025", n(a[3])),
            ("KT01", "KH 2026", n(kh)),
            ("GD01", "9T/2026", fr(f.0, f.1)),
            ("GD01", "9T/2025", fr(fc.0, fc.1)),
            ("HN01", "9T/2026", n(a[4])),
            ("HN01", "9T/2025", n(a[5])),
            ("YT01", "9T/2026", yes(yes_now)),
            ("YT01", "9T/2025", yes(yes_before)),
            ("NN01", "9T/2026", n(a[4])),
            ("LN01", "9T/2026", n(a[4])),
            ("GQ01", "9T/2026", n(a[4])),
        ]
    };
    let subs = units(
        &r,
        vec![
            cells(
                ["10", "30", "100", "80", "1.5", "2"],
                ("26", "27"),
                ("25", "27"),
                true,
                true,
                "150",
            ),
            cells(
                ["20", "60", "200", "150", "2", "2.5"],
                ("10", "10"),
                ("9", "10"),
                true,
                false,
                "300",
            ),
            cells(
                ["30", "90", "300", "250", "2.5", "3"],
                ("5", "6"),
                ("5", "6"),
                false,
                false,
                "400",
            ),
        ],
    );
    let want: &[(&str, &[&str])] = &[
        // 9 months are their own column, never 9 × a month or 3 quarters.
        (
            "KT01",
            &[
                "gia_tri_text=600",
                "hien_thi=600 tỷ đồng",
                "cung_ky_text=480",
                "tang_cung_ky_text=120",
                "tang_cung_ky_pt_text=25,0%",
                "ke_hoach_text=850",
                "dat_pt_ke_hoach_text=70,6%",
                "danh_gia=khong_danh_gia",
            ],
        ),
        // Σ numerators / Σ denominators: 41/43 and 39/43.
        (
            "GD01",
            &[
                "gia_tri_text=95,3",
                "hien_thi=95,3%",
                "cung_ky_text=90,7",
                "tang_cung_ky_text=4,7",
                "tang_cung_ky_pt_text=5,1%",
                "ke_hoach_text=null",
                "dat_pt_ke_hoach_text=null",
                "danh_gia=vuot",
            ],
        ),
        (
            "HN01",
            &[
                "gia_tri_text=2,0",
                "hien_thi=2,0%",
                "cung_ky_text=2,5",
                "tang_cung_ky_text=-0,5",
                "tang_cung_ky_pt_text=-20,0%",
                "ke_hoach_text=null",
                "dat_pt_ke_hoach_text=null",
                "danh_gia=dat",
            ],
        ),
        (
            "YT01",
            &[
                "gia_tri_text=2",
                "hien_thi=2/3 phường",
                "cung_ky_text=1",
                "tang_cung_ky_text=1",
                "tang_cung_ky_pt_text=100,0%",
                "ke_hoach_text=null",
                "dat_pt_ke_hoach_text=null",
                "danh_gia=chua_dat",
            ],
        ),
        (
            "NN01",
            &[
                "gia_tri_text=1,5",
                "hien_thi=1,5%",
                "cung_ky_text=null",
                "tang_cung_ky_text=null",
                "tang_cung_ky_pt_text=null",
                "ke_hoach_text=null",
                "dat_pt_ke_hoach_text=null",
                "danh_gia=khong_danh_gia",
            ],
        ),
        (
            "LN01",
            &[
                "gia_tri_text=2,5",
                "hien_thi=2,5%",
                "cung_ky_text=null",
                "tang_cung_ky_text=null",
                "tang_cung_ky_pt_text=null",
                "ke_hoach_text=null",
                "dat_pt_ke_hoach_text=null",
                "danh_gia=khong_danh_gia",
            ],
        ),
        // (1,5×1000 + 2×2000 + 2,5×1000) / 4000.
        (
            "GQ01",
            &[
                "gia_tri_text=2,0",
                "hien_thi=2,0%",
                "cung_ky_text=null",
                "tang_cung_ky_text=null",
                "tang_cung_ky_pt_text=null",
                "ke_hoach_text=null",
                "dat_pt_ke_hoach_text=null",
                "danh_gia=khong_danh_gia",
            ],
        ),
    ];
    for (ma, expected) in want {
        assert_eq!(texts(&ct(&r, &subs, ma), CHANGE), *expected, "{ma}");
    }
    let kt = ct(&r, &subs, "KT01");
    let ky: Vec<String> = kt["ky"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| format!("{k}: {}", v["hien_thi"].as_str().unwrap_or("null")))
        .collect();
    assert_eq!(
        ky,
        [
            "9T/2025: 480 tỷ đồng",
            "T9/2026: 60 tỷ đồng",
            "Q3/2026: 180 tỷ đồng",
            "9T/2026: 600 tỷ đồng"
        ]
    );
    assert_eq!(kt["ly_do"]["cung_ky"], serde_json::Value::Null);
    assert_eq!(
        ct(&r, &subs, "NN01")["ly_do"]["cung_ky"],
        "không có số liệu 9 tháng đầu năm 2025"
    );
}

#[test]
fn an_incomplete_period_is_not_judged_and_has_no_change() {
    let r = periodic(
        vec![ind("KT02", "tong", "tỷ đồng", ">= 500")],
        3,
        "Quý III/2026",
    );
    let subs = units(
        &r,
        vec![
            vec![("KT02", "Q3/2026", n("400")), ("KT02", "Q3/2025", n("300"))],
            vec![("KT02", "Q3/2026", n("200")), ("KT02", "Q3/2025", n("100"))],
            vec![("KT02", "Q3/2025", n("100"))],
        ],
    );
    let c = ct(&r, &subs, "KT02");
    assert_eq!(
        texts(
            &c,
            &[
                "gia_tri_text",
                "day_du",
                "cung_ky_text",
                "tang_cung_ky_pt_text",
                "danh_gia"
            ]
        ),
        [
            "gia_tri_text=600",
            "day_du=false",
            "cung_ky_text=500",
            "tang_cung_ky_pt_text=null",
            "danh_gia=khong_danh_gia"
        ]
    );
    assert_eq!(
        c["ly_do"]["tang_cung_ky_pt"],
        "quý III năm 2026 chưa đủ số liệu (2 đơn vị báo cáo)"
    );
    assert_eq!(
        c["ly_do"]["danh_gia"],
        "chưa đủ số liệu quý III năm 2026: thiếu Phường Quảng An (2/3 phường báo cáo)"
    );
    let (figs, problems) = compute(&r, &subs);
    let warned: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {}", p.where_text(), p.thong_diep()))
        .collect();
    assert_eq!(
        warned,
        [
            "so-lieu/quang_an.xlsx!So lieu: KT02: 2/3 phường báo cáo quý III năm 2026, thiếu: Phường Quảng An"
        ]
    );
    assert_eq!(
        figs.tong_ket.text,
        "0/0 chỉ tiêu đạt và vượt mục tiêu, 1 chỉ tiêu chưa đủ số liệu"
    );
}

#[test]
fn the_plan_comes_from_the_catalog_else_from_every_unit() {
    let mut with_catalog = ind("KT01", "tong", "tỷ đồng", "");
    with_catalog.ke_hoach = Some(d("1000"));
    let r = periodic(
        vec![with_catalog, ind("KT03", "tong", "tỷ đồng", "")],
        2,
        "2026",
    );
    let subs = units(
        &r,
        vec![
            vec![
                ("KT01", "2026", n("300")),
                ("KT01", "KH 2026", n("50")),
                ("KT03", "2026", n("5")),
                ("KT03", "KH 2026", n("10")),
            ],
            vec![("KT01", "2026", n("500")), ("KT03", "2026", n("5"))],
        ],
    );
    let kt01 = ct(&r, &subs, "KT01");
    assert_eq!(
        plan_and_verdict(&kt01),
        // A whole year without a target is judged against the plan.
        [
            "ke_hoach_text=1.000",
            "dat_pt_ke_hoach_text=80,0%",
            "danh_gia=chua_dat"
        ]
    );
    let kt03 = ct(&r, &subs, "KT03");
    assert_eq!(
        plan_and_verdict(&kt03),
        [
            "ke_hoach_text=null",
            "dat_pt_ke_hoach_text=null",
            "danh_gia=khong_danh_gia"
        ]
    );
    assert_eq!(
        kt03["ly_do"]["ke_hoach"],
        "kế hoạch năm 2026 chưa đủ (1 đơn vị có kế hoạch)"
    );
}

#[test]
fn a_term_review_does_not_judge_a_part_year_period_against_the_term_target() {
    let mut r = review(vec![ind("GD01", "ty_le", "trường", ">= 95%")], 2);
    let p = Period::parse("6 tháng 2022").unwrap();
    r.settings.so_lieu.ky_bao_cao = Some("6 tháng 2022".into());
    r.settings.so_lieu.ky = Some(p);
    let subs = units(
        &r,
        vec![
            vec![
                ("GD01", "6T/2022", fr("26", "27")),
                ("GD01", "2022", fr("27", "27")),
            ],
            vec![
                ("GD01", "6T/2022", fr("10", "10")),
                ("GD01", "2022", fr("10", "10")),
            ],
        ],
    );
    let c = ct(&r, &subs, "GD01");
    assert_eq!(
        texts(&c, &["phan_so", "ty_le", "danh_gia"]),
        ["phan_so=36/37", "ty_le=97,3%", "danh_gia=khong_danh_gia"]
    );
    assert_eq!(
        c["ly_do"]["danh_gia"],
        "6 tháng đầu năm 2022 chưa hết năm: không đánh giá theo mục tiêu nhiệm kỳ"
    );
    assert_eq!(c["nam"]["2022"]["phan_so"], "37/37");
}

/// PRODUCT.md's seed: `gia_tri_text/ke_hoach_text (đạt
/// dat_pt_ke_hoach_text) tăng tang_cung_ky_pt_text` of a yearly review of
/// a ward whose units are its residential groups.
#[test]
fn the_seed_sentence_of_a_yearly_review() {
    let mut r = periodic(vec![ind("TCTN", "tong", "đồng", "")], 3, "2026");
    r.settings.so_lieu.cap_don_vi = "tổ dân phố".into();
    for (i, u) in r.units.iter_mut().enumerate() {
        u.ten = format!("Tổ dân phố số {}", i + 1);
    }
    let subs = units(
        &r,
        vec![
            vec![
                ("TCTN", "2026", n("5000000000")),
                ("TCTN", "2025", n("4240000000")),
                ("TCTN", "KH 2026", n("6000000000")),
            ],
            vec![
                ("TCTN", "2026", n("4500000000")),
                ("TCTN", "2025", n("4000000000")),
                ("TCTN", "KH 2026", n("5100000000")),
            ],
            vec![
                ("TCTN", "2026", n("5000000000")),
                ("TCTN", "2025", n("4500000000")),
                ("TCTN", "KH 2026", n("6000000000")),
            ],
        ],
    );
    let c = ct(&r, &subs, "TCTN");
    let s = |k: &str| c[k].as_str().unwrap().to_string();
    assert_eq!(
        format!(
            "Thuế công thương nghiệp thu được {}đ/{}đ (đạt {}) tăng {}",
            s("gia_tri_text"),
            s("ke_hoach_text"),
            s("dat_pt_ke_hoach_text"),
            s("tang_cung_ky_pt_text")
        ),
        "Thuế công thương nghiệp thu được 14.500.000.000đ/17.100.000.000đ (đạt 84,8%) tăng 13,8%"
    );
}
