//! The city roll-up aggregates district figures with the catalog's rules:
//! sums of sums, ratios of summed numerators and denominators — never a
//! mean of percentages.

use crate::figures_support;

use figures_support::*;
use soket::rollup::{Child, rollup};
use std::path::Path;

fn district(name: &str, per_unit: Vec<Vec<(&str, i32, soket::read::CellValue)>>) -> District {
    let mut r = review(
        vec![
            ind("KT01", "tong", "tỷ đồng", ">= 100"),
            ind("GD01", "ty_le", "trường", ">= 95%"),
            ind("YT01", "so_don_vi_dat", "phường", "2/2"),
            ind("MT01", "trung_binh", "%", ""),
        ],
        2,
    );
    r.name = name.into();
    r.settings.so_lieu.ten_don_vi = format!("quận {name}");
    let subs = wards(&r, per_unit);
    let (figs, _) = compute(&r, &subs);
    (r, figs)
}

type District = (soket::review::Review, soket::figures::Figures);

/// The roll-up of districts `a` and `b` into the city "ha-noi".
fn roll(
    a: &District,
    b: &District,
) -> (
    Option<(soket::review::Review, Vec<soket::read::Submission>)>,
    Vec<soket::check::Problem>,
) {
    rollup(Path::new("/nonexistent/ha-noi"), &children(&[a, b]))
}

/// The districts as roll-up children, in order.
fn children<'a>(districts: &[&'a District]) -> Vec<Child<'a>> {
    districts
        .iter()
        .map(|d| Child {
            review: &d.0,
            figures: &d.1,
        })
        .collect()
}

#[test]
fn city_figures_aggregate_district_figures() {
    let a = district(
        "A",
        vec![
            vec![
                ("KT01", 2022, n("10")),
                ("GD01", 2022, fr("9", "10")),
                ("YT01", 2022, yes(true)),
                ("MT01", 2022, n("90")),
            ],
            vec![
                ("KT01", 2022, n("20")),
                ("GD01", 2022, fr("1", "1")),
                ("YT01", 2022, yes(true)),
                ("MT01", 2022, n("100")),
            ],
        ],
    );
    let b = district(
        "B",
        vec![
            vec![
                ("KT01", 2022, n("5")),
                ("GD01", 2022, fr("5", "5")),
                ("YT01", 2022, yes(false)),
                ("MT01", 2022, n("80")),
            ],
            vec![
                ("KT01", 2022, n("7")),
                ("GD01", 2022, fr("2", "4")),
                ("YT01", 2022, yes(true)),
                ("MT01", 2022, n("70")),
            ],
        ],
    );
    let (rolled, problems) = roll(&a, &b);
    assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
    let (city, subs) = rolled.expect("roll-up");
    assert_eq!(city.units.len(), 2);
    assert_eq!(city.units[0].ten, "Quận A");
    assert_eq!(city.settings.so_lieu.cap_don_vi, "quận");
    let (figs, _) = compute(&city, &subs);
    let y = |ma: &str| one(&figs, ma).year(2022).unwrap().clone();
    assert_eq!(y("KT01").gia_tri, Some(d("42")));
    // (9 + 1 + 5 + 2) / (10 + 1 + 5 + 4) = 17/20, not the mean of 91% and 77,8%.
    assert_eq!(
        (y("GD01").tu_so, y("GD01").mau_so),
        (Some(d("17")), Some(d("20")))
    );
    assert_eq!(y("GD01").gia_tri, Some(d("85")));
    // 3 of the 4 wards meet the condition.
    assert_eq!(
        (y("YT01").tu_so, y("YT01").mau_so),
        (Some(d("3")), Some(d("4")))
    );
    // The mean of all four wards: (90 + 100 + 80 + 70) / 4.
    assert_eq!(y("MT01").gia_tri, Some(d("85")));
    // A district's absolute target says nothing about the city; 2/2 becomes 100%.
    assert_eq!(city.catalog.get("KT01").unwrap().muc_tieu, "");
    assert_eq!(city.catalog.get("YT01").unwrap().muc_tieu, ">= 100%");
    assert_eq!(
        subs[0].get("KT01", 2022).unwrap().source.to_string(),
        "A/ket-qua.json!ct.KT01.nam.2022"
    );
}

#[test]
fn different_catalogs_are_reported_not_guessed() {
    let a = district(
        "A",
        vec![vec![("KT01", 2022, n("1"))], vec![("KT01", 2022, n("1"))]],
    );
    let mut b = district(
        "B",
        vec![vec![("KT01", 2022, n("1"))], vec![("KT01", 2022, n("1"))]],
    );
    b.0.catalog.indicators[1].tong_hop = soket::review::Aggregate::Tong;
    let (rolled, problems) = roll(&a, &b);
    assert!(rolled.is_none());
    assert_eq!(
        problems[0].thong_diep(),
        "danh mục chỉ tiêu của \"B\" khác \"A\" (chỉ tiêu GD01: cách tổng hợp hoặc đơn vị tính khác): không tổng hợp được cấp trên"
    );
}

#[test]
fn incomplete_district_figures_are_left_out_with_a_warning() {
    let a = district("A", vec![vec![("KT01", 2022, n("10"))], vec![]]);
    let b = district(
        "B",
        vec![vec![("KT01", 2022, n("5"))], vec![("KT01", 2022, n("7"))]],
    );
    let (rolled, problems) = roll(&a, &b);
    let (city, subs) = rolled.unwrap();
    assert!(problems.iter().any(|p| p.thong_diep()
        == "A: chỉ tiêu KT01 năm 2022 chưa đủ số liệu (1 đơn vị báo cáo), không đưa vào tổng hợp"));
    let left_out = problems
        .iter()
        .find(|p| p.thong_diep().starts_with("A: chỉ tiêu KT01"))
        .unwrap();
    assert_eq!(
        (left_out.tep(), left_out.o().as_deref()),
        (Some("A/ket-qua.json"), Some("ct.KT01.nam.2022"))
    );
    let (figs, warnings) = compute(&city, &subs);
    let y = one(&figs, "KT01").year(2022).unwrap();
    assert_eq!((y.gia_tri, y.so_don_vi_bao_cao), (Some(d("12")), 1));
    // The city's "1/2 … thiếu" warning points at the same figure.
    let missing = warnings
        .iter()
        .find(|p| p.thong_diep().starts_with("KT01: 1/2"))
        .unwrap();
    assert_eq!(
        (missing.tep(), missing.o().as_deref()),
        (Some("A/ket-qua.json"), Some("ct.KT01.nam.2022"))
    );
    // The caveat counts the wards behind the city figure, and the
    // districts that reported.
    let ctx = soket::render::context::build(&city, &figs, &warnings);
    let kt01 = &ctx["ct"]["KT01"];
    assert_eq!(
        (
            kt01["day_du"].as_bool(),
            kt01["bao_cao_text"].as_str(),
            kt01["so_don_vi_bao_cao_text"].as_str()
        ),
        (
            Some(false),
            Some("2/4 phường báo cáo"),
            Some("1/2 quận báo cáo")
        )
    );
}

#[test]
fn a_province_of_cities_counts_the_wards_of_every_district() {
    let a = district(
        "A",
        vec![vec![("KT01", 2022, n("10"))], vec![("KT01", 2022, n("1"))]],
    );
    let b = district(
        "B",
        vec![vec![("KT01", 2022, n("5"))], vec![("KT01", 2022, n("7"))]],
    );
    let c = district("C", vec![vec![("KT01", 2022, n("5"))], vec![]]);
    let (city, subs) = roll(&a, &b).0.unwrap();
    let (city_figs, _) = compute(&city, &subs);
    let one_district = [Child {
        review: &c.0,
        figures: &c.1,
    }];
    let (other, other_subs) = rollup(Path::new("/nonexistent/hai-phong"), &one_district)
        .0
        .unwrap();
    let (other_figs, _) = compute(&other, &other_subs);
    let cities = [
        Child {
            review: &city,
            figures: &city_figs,
        },
        Child {
            review: &other,
            figures: &other_figs,
        },
    ];
    let (province, province_subs) = rollup(Path::new("/nonexistent/vung"), &cities).0.unwrap();
    assert_eq!(
        province.settings.so_lieu.cap_duoi.as_deref(),
        Some("phường")
    );
    // Each city stands for the wards of its districts, not its districts.
    let wards: Vec<String> = province
        .units
        .iter()
        .map(|u| u.weights[soket::rollup::SO_DON_VI].to_string())
        .collect();
    assert_eq!(wards, ["4", "2"]);
    let (figs, problems) = compute(&province, &province_subs);
    let ctx = soket::render::context::build(&province, &figs, &problems);
    assert_eq!(ctx["ct"]["KT01"]["bao_cao_text"], "4/6 phường báo cáo");
    assert_eq!(ctx["ct"]["KT01"]["gia_tri"], 23);
}

/// Without `tong-hop.toml` the city's report is not headed and signed as
/// its first district's: the issuer is left blank ("…"), with a warning
/// saying what to add; with it, its own settings are used and nothing is
/// said.
#[test]
fn a_city_without_its_own_settings_is_not_signed_as_its_first_district() {
    let n = |s: &str| soket::read::CellValue::Number { so: d(s) };
    let mut a = district("A", vec![vec![("KT01", 2022, n("5"))]]);
    a.0.settings.bao_cao.co_quan = "QUẬN ỦY QUẬN A".into();
    a.0.settings.bao_cao.nguoi_ky = "Nguyễn Văn A".into();
    let b = district("B", vec![vec![("KT01", 2022, n("7"))]]);
    let tmp = tempfile::tempdir().unwrap();
    let city = tmp.path().join("ha-noi");
    std::fs::create_dir_all(&city).unwrap();
    let children = children(&[&a, &b]);

    let (rolled, problems) = rollup(&city, &children);
    let bao_cao = &rolled.unwrap().0.settings.bao_cao;
    assert_eq!(
        (
            bao_cao.co_quan.as_str(),
            bao_cao.nguoi_ky.as_str(),
            bao_cao.tieu_de.as_str()
        ),
        ("…", "…", "…")
    );
    let settings: Vec<String> = problems
        .iter()
        .filter(|p| p.stage_of() == soket::check::Stage::Settings)
        .map(|p| p.display(soket::check::Lang::Vi))
        .collect();
    assert_eq!(
        settings,
        [
            "cảnh báo: tong-hop.toml: thư mục \"ha-noi\" chưa có tong-hop.toml: cơ quan ban hành, số ký hiệu, địa danh, tiêu đề và người ký của báo cáo tổng hợp để trống (…); hãy tạo tong-hop.toml trong thư mục này (các khóa như soket.toml)"
        ]
    );

    std::fs::write(
        city.join("tong-hop.toml"),
        "[bao_cao]\nco_quan = \"THÀNH ỦY HÀ NỘI\"\nnguoi_ky = \"Trần Văn B\"\n[so_lieu]\nten_don_vi = \"thành phố Hà Nội\"\ncap_don_vi = \"quận\"\nnhiem_ky = [2020, 2025]\nnam_goc = 2020\nnam_bao_cao = 2022\n",
    )
    .unwrap();
    let (rolled, problems) = rollup(&city, &children);
    let bao_cao = &rolled.unwrap().0.settings.bao_cao;
    assert_eq!(
        (bao_cao.co_quan.as_str(), bao_cao.nguoi_ky.as_str()),
        ("THÀNH ỦY HÀ NỘI", "Trần Văn B")
    );
    assert!(
        problems
            .iter()
            .all(|p| !p.thong_diep().contains("tong-hop.toml")),
        "{problems:?}"
    );
}

/// A district's absolute target of a sum or of a count of wards means
/// nothing for the city and is dropped (the city figure is not judged
/// against one district's "≥ 13 phường"); `= 0` of a sum holds for the
/// city exactly when it holds for every district and is kept.
#[test]
fn absolute_district_targets_are_dropped_but_zero_stays_zero() {
    let yes = soket::read::CellValue::YesNo { dat: true };
    let zero = soket::read::CellValue::Number { so: d("0") };
    let make = |name: &str| {
        let mut r = review(
            vec![
                ind("YT02", "so_don_vi_dat", "phường", ">= 2"),
                ind("XH01", "tong", "hộ", "= 0"),
                ind("KT02", "tong", "tỷ đồng", ">= 100"),
            ],
            2,
        );
        r.name = name.into();
        r.settings.so_lieu.ten_don_vi = format!("quận {name}");
        let subs = wards(
            &r,
            vec![
                vec![("YT02", 2022, yes), ("XH01", 2022, zero)],
                vec![("YT02", 2022, yes), ("XH01", 2022, zero)],
            ],
        );
        let (figs, _) = compute(&r, &subs);
        (r, figs)
    };
    let (a, b) = (make("A"), make("B"));
    let (rolled, _) = roll(&a, &b);
    let (city, subs) = rolled.unwrap();
    let targets: Vec<(&str, &str, bool)> = ["YT02", "XH01", "KT02"]
        .iter()
        .map(|code| {
            let i = city.catalog.get(code).unwrap();
            (*code, i.muc_tieu.as_str(), i.target.is_some())
        })
        .collect();
    assert_eq!(
        targets,
        [
            ("YT02", "", false),
            ("XH01", "= 0", true),
            ("KT02", "", false)
        ]
    );
    let (figs, _) = compute(&city, &subs);
    let verdicts: Vec<String> = ["YT02", "XH01"]
        .iter()
        .map(|code| format!("{code} {:?}", one(&figs, code).danh_gia))
        .collect();
    assert_eq!(verdicts, ["YT02 KhongDanhGia", "XH01 Dat"]);
}

/// A national roll-up of province folders names its level as the list
/// does: "tỉnh, thành phố" for a mix of provinces and cities, in the
/// report's opening sentence too.
#[test]
fn a_roll_up_of_provinces_and_cities_names_its_level_tinh_thanh_pho() {
    let n = |s: &str| soket::read::CellValue::Number { so: d(s) };
    let mut a = district("A", vec![vec![("KT01", 2022, n("5"))]]);
    let mut b = district("B", vec![vec![("KT01", 2022, n("7"))]]);
    let mut c = district("C", vec![vec![("KT01", 2022, n("9"))]]);
    for (p, ten) in [
        (&mut a, "Tỉnh Lai Châu"),
        (&mut b, "Thành phố Hà Nội"),
        (&mut c, "Tỉnh Điện Biên"),
    ] {
        p.0.settings.so_lieu.ten_don_vi = ten.into();
        p.0.settings.so_lieu.cap_don_vi = "xã, phường".into();
    }
    let children = children(&[&a, &b, &c]);
    let tmp = tempfile::tempdir().unwrap();
    let nation = tmp.path().join("ca-nuoc");
    std::fs::create_dir_all(&nation).unwrap();
    let (rolled, _) = rollup(&nation, &children);
    let (review, subs) = rolled.unwrap();
    assert_eq!(review.settings.so_lieu.cap_don_vi, "tỉnh, thành phố");
    let (figs, problems) = compute(&review, &subs);
    let ctx = soket::render::context::build(&review, &figs, &problems);
    let docx = soket::render::docx::render_docx(
        soket::pipeline::BUILTIN_REPORT,
        "bao-cao.docx",
        &soket::render::environment(soket::vn::Rounding::HalfAwayFromZero),
        &soket::render::view(std::sync::Arc::new(ctx)),
    )
    .expect("the built-in report renders");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip::ZipArchive::new(std::io::Cursor::new(docx))
            .unwrap()
            .by_name("word/document.xml")
            .unwrap(),
        &mut xml,
    )
    .unwrap();
    let text: String = xml
        .split('<')
        .filter_map(|s| s.split_once('>').map(|(_, t)| t))
        .collect::<String>()
        .replace('\u{a0}', " ");
    assert!(
        text.contains("Căn cứ số liệu tổng hợp từ 3 tỉnh, thành phố trên địa bàn ca-nuoc"),
        "{text}"
    );
}
