//! The template context (`ket-qua.json`): names and formatted text.

use crate::figures_support;

use figures_support::*;
use serde_json::{Value, json};
use soket::read::Reporter;
use soket::render::context;
use soket::vn::Rounding;

const Y: i32 = 2022;

fn build(r: &soket::review::Review, subs: &[soket::read::Submission]) -> Value {
    let (figs, problems) = compute(r, subs);
    context::build(r, &figs, &problems)
}

#[test]
fn ratio_prints_fraction_and_percent_by_the_review_rounding() {
    for (rounding, ty_le) in [
        (Rounding::HalfAwayFromZero, "96,3%"),
        (Rounding::Truncate, "96,2%"),
    ] {
        let mut r = review(vec![ind("GD01", "ty_le", "trường", ">= 95%")], 2);
        r.settings.so_lieu.lam_tron = rounding;
        let subs = wards(
            &r,
            vec![
                vec![("GD01", Y, fr("10", "12"))],
                vec![("GD01", Y, fr("16", "15"))],
            ],
        );
        let c = build(&r, &subs);
        let g = &c["ct"]["GD01"];
        assert_eq!(g["phan_so"], "26/27");
        assert_eq!(g["ty_le"], ty_le);
        assert_eq!(g["hien_thi"], ty_le);
        assert_eq!(g["tu_so"], 26);
        assert_eq!(g["mau_so"], 27);
        assert_eq!(g["ty_le_so"], json!(96.2962962963));
        assert_eq!(g["danh_gia"], "vuot");
        assert_eq!(g["danh_gia_text"], "Vượt");
        assert_eq!(g["don_vi"]["BUOI"]["phan_so"], "10/12");
        assert_eq!(g["don_vi"]["BUOI"]["nguon"], "so-lieu/buoi.xlsx!So lieu!G7");
    }
}

#[test]
fn grouped_fraction_and_two_decimals() {
    let mut i = ind("DV01", "ty_le:A/B", "%", ">= 95%");
    i.so_le = Some(2);
    let r = review(vec![i], 1);
    let subs = wards(&r, vec![vec![("A", Y, n("19017")), ("B", Y, n("20000"))]]);
    let c = build(&r, &subs);
    let g = &c["ct"]["DV01"];
    assert_eq!(g["phan_so"], "19.017/20.000");
    assert_eq!(g["gia_tri_text"], "95,09");
    assert_eq!(g["ty_le"], "95,09%");
    assert_eq!(g["tu_so_text"], "19.017");
    assert_eq!(
        g["don_vi"]["BUOI"]["nguon"],
        "so-lieu/buoi.xlsx!So lieu!G7, so-lieu/buoi.xlsx!So lieu!G8"
    );
}

#[test]
fn unit_counts_read_n_of_m_wards() {
    let r = review(vec![ind("YT01", "so_don_vi_dat", "phường", "3/3")], 3);
    let subs = wards(&r, vec![vec![("YT01", Y, yes(true))]; 3]);
    let c = build(&r, &subs);
    let g = &c["ct"]["YT01"];
    assert_eq!(g["hien_thi"], "3/3 phường");
    assert_eq!(g["gia_tri"], 3);
    assert_eq!(g["gia_tri_text"], "3");
    assert_eq!(g["ty_le"], "100,0%");
    assert_eq!(g["danh_gia"], "dat");
    assert_eq!(g["don_vi"]["NHAT_TAN"]["hien_thi"], "Đạt");
    assert_eq!(g["nho_nhat_don_vi"], Value::Null);
}

#[test]
fn amounts_carry_their_unit_and_changes_their_text() {
    let mut r = review(
        vec![
            ind("KT01", "cap_quan", "tỷ đồng", ">= 12.000"),
            ind("HL01", "tong", "%", ""),
        ],
        1,
    );
    r.catalog.indicators[1].so_le = Some(2);
    r.settings.so_lieu.nam_bao_cao = 2023;
    let mut subs = wards(
        &r,
        vec![vec![("HL01", 2020, n("87.3")), ("HL01", 2023, n("97.74"))]],
    );
    subs.push(submission(
        &r,
        Reporter::District,
        &[("KT01", 2020, n("100")), ("KT01", 2023, n("145.9"))],
        &[],
    ));
    let c = build(&r, &subs);
    let k = &c["ct"]["KT01"];
    assert_eq!(k["hien_thi"], "146 tỷ đồng");
    assert_eq!(k["binh_quan_text"], "13,42%");
    assert_eq!(k["tang_pt_text"], "45,90%");
    assert_eq!(k["dat_pt_muc_tieu_text"], "1,2%");
    assert_eq!(k["so_don_vi_bao_cao"], 1);
    assert_eq!(k["nguon"], "so-lieu/quan.xlsx!So lieu!H7");
    assert_eq!(k["don_vi"], json!({}));
    let h = &c["ct"]["HL01"];
    assert_eq!(h["hien_thi"], "97,74%");
    assert_eq!(h["tang_text"], "10,44");
    assert_eq!(h["nam"]["2020"]["hien_thi"], "87,30%");
    assert_eq!(h["nam"]["2021"], Value::Null);
}

#[test]
fn missing_values_are_null_with_a_reason() {
    let r = review(vec![ind("X", "tong", "hộ", "= 0")], 2);
    let subs = wards(&r, vec![vec![("X", 2021, n("1"))], vec![]]);
    let c = build(&r, &subs);
    let x = &c["ct"]["X"];
    assert_eq!(x["gia_tri"], Value::Null);
    assert_eq!(x["hien_thi"], Value::Null);
    assert_eq!(x["danh_gia"], "khong_danh_gia");
    assert_eq!(x["ly_do"]["gia_tri"], "không phường nào báo cáo năm 2022");
    assert_eq!(x["don_vi"]["BUOI"]["gia_tri"], Value::Null);
    assert_eq!(x["don_vi"]["BUOI"]["nguon"], Value::Null);
    assert_eq!(
        c["van_de"][0]["thong_diep"],
        "X: 0/2 phường báo cáo năm 2022, thiếu: Phường Bưởi"
    );
    assert_eq!(c["van_de"][0]["muc_do"], "canh_bao");
}

#[test]
fn top_level_names_and_order() {
    let mut a = ind("A1", "tong", "hộ", "= 0");
    a.nhom = "Kinh tế".into();
    let r = review(
        vec![
            a,
            ind("B1", "tong", "hộ", ""),
            ind("C1", "tong", "hộ", "<= 2"),
        ],
        2,
    );
    let subs = wards(
        &r,
        vec![
            vec![("A1", Y, n("0")), ("C1", Y, n("5"))],
            vec![("A1", Y, n("0")), ("C1", Y, n("1"))],
        ],
    );
    let c = build(&r, &subs);
    let keys: Vec<&String> = c.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "bao_cao", "so_lieu", "ct", "nhom", "don_vi", "tong_ket", "van_de"
        ]
    );
    assert_eq!(c["bao_cao"]["ngay"], "2023-04-07");
    assert_eq!(c["bao_cao"]["ngay_text"], "ngày 07 tháng 4 năm 2023");
    assert_eq!(c["so_lieu"]["lam_tron"], "gan_nhat");
    assert_eq!(
        c["don_vi"],
        json!([{"ma": "BUOI", "ten": "Phường Bưởi"}, {"ma": "NHAT_TAN", "ten": "Phường Nhật Tân"}])
    );
    let groups: Vec<&String> = c["nhom"].as_object().unwrap().keys().collect();
    assert_eq!(groups, ["Kinh tế", "Văn hóa - Xã hội"]);
    assert_eq!(c["nhom"]["Văn hóa - Xã hội"][1]["ma"], "C1");
    assert_eq!(
        c["tong_ket"],
        json!({"tong": 3, "vuot": 0, "dat": 1, "du_kien_dat": 0, "chua_dat": 1, "khong_danh_gia": 1,
               "dat_va_du_kien_dat": 1, "chua_du_so_lieu": 0, "text": "1/2 chỉ tiêu đạt và dự kiến đạt",
               "tong_text": "3", "vuot_text": "0", "dat_text": "1", "du_kien_dat_text": "0",
               "chua_dat_text": "1", "khong_danh_gia_text": "1", "dat_va_du_kien_dat_text": "1",
               "chua_du_so_lieu_text": "0"})
    );
}

/// Prints one indicator (run with `--nocapture`): the shape in the report.
#[test]
fn shape_of_one_indicator() {
    let r = review(vec![ind("GD01", "ty_le", "trường", ">= 95%")], 2);
    let subs = wards(
        &r,
        vec![
            vec![("GD01", 2020, fr("10", "12")), ("GD01", Y, fr("11", "12"))],
            vec![("GD01", 2020, fr("13", "15")), ("GD01", Y, fr("15", "15"))],
        ],
    );
    let c = build(&r, &subs);
    let g = &c["ct"]["GD01"];
    println!("{}", serde_json::to_string_pretty(g).unwrap());
    let keys: Vec<&str> = g.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "ma",
            "ten",
            "nhom",
            "dvt",
            "tong_hop",
            "muc_tieu",
            "gia_tri",
            "gia_tri_text",
            "hien_thi",
            "tu_so",
            "tu_so_text",
            "mau_so",
            "mau_so_text",
            "phan_so",
            "ty_le",
            "ty_le_so",
            "so_don_vi_bao_cao",
            "so_don_vi_bao_cao_text",
            "bao_cao_text",
            "day_du",
            "thieu",
            "uoc",
            "nho_nhat_don_vi",
            "lon_nhat_don_vi",
            "nguon",
            "nam",
            "tang",
            "tang_text",
            "tang_hien_thi",
            "tang_mo_ta",
            "tang_pt",
            "tang_pt_text",
            "tang_pt_mo_ta",
            "binh_quan",
            "binh_quan_text",
            "binh_quan_mo_ta",
            "dat_pt_muc_tieu",
            "dat_pt_muc_tieu_text",
            "du_bao",
            "du_bao_text",
            "danh_gia",
            "danh_gia_text",
            "ly_do",
            "don_vi"
        ]
    );
    assert_eq!(g["tang_text"], "11,1");
    assert_eq!(g["tang_hien_thi"], "11,1 điểm phần trăm");
    assert_eq!(g["tang_mo_ta"], "tăng 11,1 điểm phần trăm");
    assert_eq!(g["so_don_vi_bao_cao_text"], "2/2 phường báo cáo");
    assert_eq!(g["bao_cao_text"], "2/2 phường báo cáo");
    assert_eq!((&g["day_du"], &g["thieu"]), (&json!(true), &json!([])));
    assert_eq!(g["don_vi"]["BUOI"]["tu_so_text"], "11");
    // The line reaches 113% in 2025: outside a ratio's 0–100, so no
    // projection (it was "113,0" before issue 14).
    assert_eq!(g["du_bao"], Value::Null);
    assert_eq!(
        g["ly_do"]["du_bao"],
        "dự báo năm 2025 ra 112,96, nằm ngoài khoảng giá trị 0..100 của chỉ tiêu, nên không dùng"
    );
}
