//! The review's parts of the template context (PRODUCT.md, "The template
//! context"): `bao_cao` and `so_lieu` are the settings as given plus the
//! names soket adds, `tong_ket` the counts with their `_text` twins, each
//! written in `ket-qua.json`'s order and read back leniently from a
//! `ket-qua.json` written by an earlier build or by hand.

use soket::figures::Summary;
use soket::render::context::{BaoCaoEntry, Context, SoLieuEntry, TongKet};
use soket::review::settings::{Settings, parse};
use std::path::Path;
use std::sync::Arc;

fn settings(toml: &str) -> Settings {
    let (s, problems) = parse(toml, "soket.toml");
    s.unwrap_or_else(|| panic!("{toml}: {problems:?}"))
}

const BAO_CAO: &str = r#"
[bao_cao]
co_quan_cap_tren = "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
co_quan = "QUẬN ỦY TÂY HỒ"
the_thuc = "dang"
so_ky_hieu = "45-BC/QU"
dia_danh = "Tây Hồ"
ngay = 2023-04-07
tieu_de = "Sơ kết giữa nhiệm kỳ"
quyen_han_ky = "T/M BAN THƯỜNG VỤ"
chuc_vu_ky = "BÍ THƯ"
nguoi_ky = "Lê Thị Thu Hằng"
noi_nhan = ["Thường trực Thành ủy", "Lưu VPQU"]
"#;

const TERM: &str = r#"
[so_lieu]
ten_don_vi = "quận Tây Hồ"
cap_don_vi = "phường"
nhiem_ky = [2020, 2025]
nam_goc = 2020
nam_bao_cao = 2022
lam_tron = "cat_bo"
"#;

#[test]
fn bao_cao_is_the_settings_in_their_order_then_the_date_line() {
    let cases = [
        (
            "a dated report",
            BAO_CAO.to_string(),
            r#"{"co_quan_cap_tren":"ĐẢNG BỘ THÀNH PHỐ HÀ NỘI","co_quan":"QUẬN ỦY TÂY HỒ","the_thuc":"dang","so_ky_hieu":"45-BC/QU","dia_danh":"Tây Hồ","ngay":"2023-04-07","tieu_de":"Sơ kết giữa nhiệm kỳ","quyen_han_ky":"T/M BAN THƯỜNG VỤ","chuc_vu_ky":"BÍ THƯ","nguoi_ky":"Lê Thị Thu Hằng","noi_nhan":["Thường trực Thành ủy","Lưu VPQU"],"ngay_text":"ngày 07 tháng 4 năm 2023"}"#,
        ),
        (
            "an undated state report",
            BAO_CAO
                .replace("ngay = 2023-04-07\n", "")
                .replace("\"dang\"", "\"nha_nuoc\""),
            r#"{"co_quan_cap_tren":"ĐẢNG BỘ THÀNH PHỐ HÀ NỘI","co_quan":"QUẬN ỦY TÂY HỒ","the_thuc":"nha_nuoc","so_ky_hieu":"45-BC/QU","dia_danh":"Tây Hồ","ngay":null,"tieu_de":"Sơ kết giữa nhiệm kỳ","quyen_han_ky":"T/M BAN THƯỜNG VỤ","chuc_vu_ky":"BÍ THƯ","nguoi_ky":"Lê Thị Thu Hằng","noi_nhan":["Thường trực Thành ủy","Lưu VPQU"],"ngay_text":null}"#,
        ),
    ];
    for (name, toml, json) in cases {
        let s = settings(&format!("{toml}{TERM}"));
        let entry = BaoCaoEntry::new(&s.bao_cao);
        assert_eq!(serde_json::to_string(&entry).unwrap(), json, "{name}");
    }
}

#[test]
fn so_lieu_names_the_report_period_only_in_a_periodic_review() {
    let cases = [
        (
            "a term review",
            TERM.to_string(),
            r#"{"ten_don_vi":"quận Tây Hồ","cap_don_vi":"phường","nhiem_ky":[2020,2025],"nam_goc":2020,"nam_bao_cao":2022,"lam_tron":"cat_bo"}"#,
        ),
        (
            "nine months",
            TERM.replace("lam_tron = \"cat_bo\"", "ky_bao_cao = \"9 tháng 2026\""),
            r#"{"ten_don_vi":"quận Tây Hồ","cap_don_vi":"phường","nhiem_ky":[2020,2025],"nam_goc":2020,"nam_bao_cao":2022,"lam_tron":"gan_nhat","ky_bao_cao":"9 tháng 2026","ky_bao_cao_ma":"9T/2026","ky_bao_cao_text":"9 tháng đầu năm 2026","cung_ky_text":"9 tháng đầu năm 2025"}"#,
        ),
        (
            "a quarter",
            TERM.replace("lam_tron = \"cat_bo\"", "ky_bao_cao = \"Quý III/2026\""),
            r#"{"ten_don_vi":"quận Tây Hồ","cap_don_vi":"phường","nhiem_ky":[2020,2025],"nam_goc":2020,"nam_bao_cao":2022,"lam_tron":"gan_nhat","ky_bao_cao":"Quý III/2026","ky_bao_cao_ma":"Q3/2026","ky_bao_cao_text":"quý III năm 2026","cung_ky_text":"quý III năm 2025"}"#,
        ),
    ];
    for (name, toml, json) in cases {
        let s = settings(&format!("{BAO_CAO}{toml}"));
        let entry = SoLieuEntry::new(&s.so_lieu);
        assert_eq!(serde_json::to_string(&entry).unwrap(), json, "{name}");
    }
}

#[test]
fn tong_ket_gives_every_whole_number_a_text_twin_after_all_its_fields() {
    let term = Summary {
        tong: 28,
        vuot: 13,
        dat: 4,
        du_kien_dat: 1,
        chua_dat: 1,
        khong_danh_gia: 9,
        dat_va_du_kien_dat: 18,
        chua_du_so_lieu: 0,
        text: "18/19 chỉ tiêu đạt và dự kiến đạt".into(),
        ..Summary::default()
    };
    let plan = |tien_do: &str| Summary {
        co_so: Some("mục tiêu".into()),
        co_ke_hoach: Some(2),
        dat_tien_do: Some(1),
        tien_do: Some(tien_do.parse().unwrap()),
        ke_hoach_text: Some("1/2 chỉ tiêu có kế hoạch năm đạt".into()),
        ..term.clone()
    };
    let counts = r#""tong":28,"vuot":13,"dat":4,"du_kien_dat":1,"chua_dat":1,"khong_danh_gia":9,"dat_va_du_kien_dat":18,"chua_du_so_lieu":0,"text":"18/19 chỉ tiêu đạt và dự kiến đạt""#;
    let twins = r#""tong_text":"28","vuot_text":"13","dat_text":"4","du_kien_dat_text":"1","chua_dat_text":"1","khong_danh_gia_text":"9","dat_va_du_kien_dat_text":"18","chua_du_so_lieu_text":"0""#;
    let plan_fields = r#""co_so":"mục tiêu","co_ke_hoach":2,"dat_tien_do":1"#;
    let plan_text = r#""ke_hoach_text":"1/2 chỉ tiêu có kế hoạch năm đạt""#;
    let cases = [
        (
            "a term review: the counts and the sentence",
            term.clone(),
            format!("{{{counts},{twins}}}"),
        ),
        (
            "six months: the plan's counts and a whole pace have twins",
            plan("50"),
            format!(
                r#"{{{counts},{plan_fields},"tien_do":50,{plan_text},{twins},"co_ke_hoach_text":"2","dat_tien_do_text":"1","tien_do_text":"50"}}"#
            ),
        ),
        (
            "one month: a pace of 8.3% is no whole number and has no twin",
            plan("8.3"),
            format!(
                r#"{{{counts},{plan_fields},"tien_do":8.3,{plan_text},{twins},"co_ke_hoach_text":"2","dat_tien_do_text":"1"}}"#
            ),
        ),
    ];
    for (name, summary, json) in cases {
        let entry = TongKet::new(&summary);
        assert_eq!(serde_json::to_string(&entry).unwrap(), json, "{name}");
    }
}

/// A `ket-qua.json` written by hand or by another tool: what the annex
/// and `soket render` read from each part.
#[test]
fn a_context_is_read_leniently() {
    let cases = [
        (
            "parts that are not maps read as empty",
            r#"{"bao_cao":null,"so_lieu":"?","tong_ket":5}"#,
            r#"{"co_quan_cap_tren":"","co_quan":"","the_thuc":"dang","so_ky_hieu":"","dia_danh":"","ngay":null,"tieu_de":"","quyen_han_ky":"","chuc_vu_ky":"","nguoi_ky":"","noi_nhan":[],"ngay_text":null}"#,
            r#"{"ten_don_vi":"","cap_don_vi":"","nhiem_ky":[0,0],"nam_goc":0,"nam_bao_cao":null,"lam_tron":"gan_nhat"}"#,
            r#"{"tong":0,"vuot":0,"dat":0,"du_kien_dat":0,"chua_dat":0,"khong_danh_gia":0,"dat_va_du_kien_dat":0,"chua_du_so_lieu":0,"text":"","tong_text":"0","vuot_text":"0","dat_text":"0","du_kien_dat_text":"0","chua_dat_text":"0","khong_danh_gia_text":"0","dat_va_du_kien_dat_text":"0","chua_du_so_lieu_text":"0"}"#,
        ),
        (
            "numbers read as texts, a year as a text as the year, unknown values as defaults, unknown keys are ignored",
            r#"{"bao_cao":{"so_ky_hieu":45,"ngay":" 2023-4-7 ","the_thuc":"khac","noi_nhan":"Lưu","ghi_chu":1},
                "so_lieu":{"ten_don_vi":7,"nam_bao_cao":"2022","lam_tron":"cat_bo","ky_bao_cao_ma":6},
                "tong_ket":{"tong":"28","vuot":3,"text":18,"tong_text":"28"}}"#,
            r#"{"co_quan_cap_tren":"","co_quan":"","the_thuc":"dang","so_ky_hieu":"45","dia_danh":"","ngay":"2023-04-07","tieu_de":"","quyen_han_ky":"","chuc_vu_ky":"","nguoi_ky":"","noi_nhan":[],"ngay_text":null}"#,
            r#"{"ten_don_vi":"7","cap_don_vi":"","nhiem_ky":[0,0],"nam_goc":0,"nam_bao_cao":2022,"lam_tron":"cat_bo"}"#,
            r#"{"tong":0,"vuot":3,"dat":0,"du_kien_dat":0,"chua_dat":0,"khong_danh_gia":0,"dat_va_du_kien_dat":0,"chua_du_so_lieu":0,"text":"18","tong_text":"0","vuot_text":"3","dat_text":"0","du_kien_dat_text":"0","chua_dat_text":"0","khong_danh_gia_text":"0","dat_va_du_kien_dat_text":"0","chua_du_so_lieu_text":"0"}"#,
        ),
        (
            "a date that is not year-month-day is none; a period code that is a text makes the review periodic",
            r#"{"bao_cao":{"ngay":"07/04/2023","ngay_text":"ngày 07 tháng 4 năm 2023"},
                "so_lieu":{"nam_bao_cao":2026,"ky_bao_cao_ma":"6T/2026","ky_bao_cao_text":"6 tháng đầu năm 2026"}}"#,
            r#"{"co_quan_cap_tren":"","co_quan":"","the_thuc":"dang","so_ky_hieu":"","dia_danh":"","ngay":null,"tieu_de":"","quyen_han_ky":"","chuc_vu_ky":"","nguoi_ky":"","noi_nhan":[],"ngay_text":"ngày 07 tháng 4 năm 2023"}"#,
            r#"{"ten_don_vi":"","cap_don_vi":"","nhiem_ky":[0,0],"nam_goc":0,"nam_bao_cao":2026,"lam_tron":"gan_nhat","ky_bao_cao_ma":"6T/2026","ky_bao_cao_text":"6 tháng đầu năm 2026","cung_ky_text":""}"#,
            r#"{"tong":0,"vuot":0,"dat":0,"du_kien_dat":0,"chua_dat":0,"khong_danh_gia":0,"dat_va_du_kien_dat":0,"chua_du_so_lieu":0,"text":"","tong_text":"0","vuot_text":"0","dat_text":"0","du_kien_dat_text":"0","chua_dat_text":"0","khong_danh_gia_text":"0","dat_va_du_kien_dat_text":"0","chua_du_so_lieu_text":"0"}"#,
        ),
    ];
    for (name, input, bao_cao, so_lieu, tong_ket) in cases {
        let ctx: Context = serde_json::from_str(input).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = |v: &dyn erased::Json| v.text();
        assert_eq!(text(&ctx.bao_cao), bao_cao, "{name}: bao_cao");
        assert_eq!(text(&ctx.so_lieu), so_lieu, "{name}: so_lieu");
        assert_eq!(text(&ctx.tong_ket), tong_ket, "{name}: tong_ket");
        // `soket render` takes its rounding from the same reading.
        let json: serde_json::Value = serde_json::from_str(input).unwrap();
        assert_eq!(
            SoLieuEntry::of_json(&json).lam_tron,
            ctx.so_lieu.lam_tron,
            "{name}: lam_tron"
        );
    }
}

mod erased {
    pub trait Json {
        fn text(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn text(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

/// The committed samples: a term review, a periodic one and a yearly one.
const SAMPLES: [&str; 3] = ["tay-ho", "lai-chau-6-thang", "hoan-kiem-nam-2026"];

fn sample(name: &str) -> (Context, serde_json::Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name);
    let checked = soket::pipeline::check(&dir);
    let (review, figures) = (checked.review.as_ref(), checked.figures.as_ref());
    let typed = soket::render::context::typed(review.unwrap(), figures.unwrap(), &checked.problems);
    let json = checked.context().unwrap();
    (typed, json)
}

/// A build's own `ket-qua.json` reads back into the same parts, which write
/// the same JSON again.
#[test]
fn a_sample_s_parts_read_back_as_written() {
    for name in SAMPLES {
        let (_, json) = sample(name);
        let ctx: Context = serde_json::from_value(json.clone()).unwrap();
        for (part, again) in [
            ("bao_cao", serde_json::to_value(&ctx.bao_cao)),
            ("so_lieu", serde_json::to_value(&ctx.so_lieu)),
            ("tong_ket", serde_json::to_value(&ctx.tong_ket)),
        ] {
            assert_eq!(
                serde_json::to_string(&again.unwrap()).unwrap(),
                serde_json::to_string(&json[part]).unwrap(),
                "{name}: {part}"
            );
        }
    }
}

/// Templates see the typed parts as they see the same names of
/// `ket-qua.json` (`soket render`): same values, kinds and order.
#[test]
fn templates_see_the_typed_parts_as_they_see_ket_qua_json() {
    let expressions = [
        "{{ bao_cao|tojson }}",
        "{{ so_lieu|tojson }}",
        "{{ tong_ket|tojson }}",
        "{% for k, v in so_lieu|items %}{{ k }}={{ v }};{% endfor %}",
        "{% for k in tong_ket %}{{ k }}={{ tong_ket[k] }};{% endfor %}",
        "{{ so_lieu.nam_bao_cao + 1 }} {{ so_lieu.nhiem_ky[1] - so_lieu.nhiem_ky[0] }}",
        "{{ tong_ket.tong - tong_ket.khong_danh_gia }} {{ tong_ket.tien_do is defined }}",
        "{{ bao_cao.ngay_text }} {{ bao_cao.noi_nhan|join('; ') }} {{ so_lieu.ky_bao_cao_ma is defined }}",
    ];
    let env = soket::render::environment(soket::vn::Rounding::HalfAwayFromZero);
    for name in SAMPLES {
        let (typed, json) = sample(name);
        let typed = soket::render::context::types::view(Arc::new(typed));
        let json = soket::render::view(Arc::new(json));
        for e in expressions {
            assert_eq!(
                env.render_str(e, &typed).unwrap(),
                env.render_str(e, &json).unwrap(),
                "{name}: {e}"
            );
        }
    }
}

#[test]
fn the_count_of_verdicts_reads_in_the_run_s_language() {
    use soket::check::Lang;
    let term = TongKet {
        tong: 20,
        khong_danh_gia: 1,
        dat_va_du_kien_dat: 18,
        text: "18/19 chỉ tiêu đạt và dự kiến đạt".into(),
        ..Default::default()
    };
    let incomplete = TongKet {
        chua_du_so_lieu: 2,
        text: "18/19 chỉ tiêu đạt và dự kiến đạt, 2 chỉ tiêu chưa đủ số liệu".into(),
        ..term.clone()
    };
    let periodic = TongKet {
        co_so: Some("kế hoạch năm 2026".into()),
        text: "18/19 chỉ tiêu đạt và vượt kế hoạch năm 2026".into(),
        ..term.clone()
    };
    let cases = [
        (&term, "18/19 indicators met or expected to be met"),
        (
            &incomplete,
            "18/19 indicators met or expected to be met, 2 without enough data",
        ),
        (
            &periodic,
            "18/19 indicators met or exceeded their target or plan",
        ),
    ];
    for (t, en) in cases {
        assert_eq!(t.line(Lang::Vi), t.text);
        assert_eq!(t.line(Lang::En), en);
    }
}
