//! Unit names as they are really written, against the list of 1 July 2025
//! (`data/units-2025.csv`): tone-mark placements match, level words
//! ("Xã", "Phường", "Đặc khu", "Thôn", "Tổ dân phố") tell units apart.

use crate::read_common;
use read_common::*;
use soket::vn::text::{fold_unit_name, level_word};
use std::collections::BTreeMap;

/// "Hòa" → "Hoà", "Thủy" → "Thuỷ" …: the old placement of the tone mark.
fn old_style(s: &str) -> String {
    s.replace("òa", "oà")
        .replace("óa", "oá")
        .replace("ỏa", "oả")
        .replace("õa", "oã")
        .replace("ọa", "oạ")
        .replace("ủy", "uỷ")
        .replace("úy", "uý")
        .replace("ùy", "uỳ")
        .replace("ũy", "uỹ")
        .replace("ụy", "uỵ")
}

#[test]
fn within_each_province_every_unit_name_is_told_apart_whatever_the_tone_marks() {
    let mut seen: BTreeMap<(String, Option<&str>, String), String> = BTreeMap::new();
    let mut moved = 0;
    let mut folded_twins = Vec::new();
    for p in soket::units2025::provinces() {
        for (_, name) in &p.communes {
            let variant = old_style(name);
            moved += usize::from(variant != *name);
            assert_eq!(
                (level_word(&variant), fold_unit_name(&variant)),
                (level_word(name), fold_unit_name(name)),
                "{name}"
            );
            let key = (p.ma.to_string(), level_word(name), fold_unit_name(name));
            if let Some(other) = seen.insert(key, name.to_string()) {
                // Only marks tell these apart: the reader goes by them.
                folded_twins.push(format!("{}: {other} / {name}", p.ten));
            }
        }
    }
    assert!(moved > 100, "{moved} names with a movable tone mark");
    assert_eq!(
        folded_twins,
        [
            "Tỉnh Thái Nguyên: Xã Văn Lang / Xã Văn Lăng",
            "Thành phố Hải Phòng: Xã Cẩm Giang / Xã Cẩm Giàng",
            "Tỉnh Quảng Ngãi: Xã Sơn Hà / Xã Sơn Hạ",
            "Tỉnh Quảng Ngãi: Xã Ba Tơ / Xã Ba Tô",
            "Tỉnh Đồng Nai: Xã Lộc Thạnh / Xã Lộc Thành",
            "Thành phố Hồ Chí Minh: Xã Thanh An / Xã Thạnh An",
            "Tỉnh Tây Ninh: Xã Tân Thành / Xã Tân Thạnh",
            "Tỉnh Đồng Tháp: Xã Tân Thành / Xã Tân Thạnh",
        ]
    );
}

const MIXED_UNITS: &str = "\
Mã,Tên
BD,Phường Ba Đình
HB,Xã Hoà Bình
PQ,Đặc khu Phú Quốc
T3,Tổ dân phố số 3
VL,Xã Văn Lang
VLA,Xã Văn Lăng
";

#[test]
fn unit_lines_match_by_name_and_level_word() {
    let (_tmp, dir) = review_dir();
    std::fs::write(dir.join("don-vi.csv"), MIXED_UNITS).unwrap();
    let review = load(&dir);
    let rows = |line: &'static str| {
        vec![
            vec![S(line)],
            vec![S("Mã"), S("2022")],
            vec![S("KT01"), N(1.0)],
        ]
    };
    for (file, line, want) in [
        (
            "a.xlsx",
            "Đơn vị: Đặc khu Phú Quốc",
            Some("Đặc khu Phú Quốc"),
        ),
        ("b.xlsx", "Đơn vị: Xã Hòa Bình", Some("Xã Hoà Bình")),
        ("c.xlsx", "Đơn vị: Phú Quốc", Some("Đặc khu Phú Quốc")),
        ("d.xlsx", "Đơn vị: Tổ dân phố số 3", Some("Tổ dân phố số 3")),
        ("e.xlsx", "Đơn vị: Xã Ba Đình", None),
        ("f.xlsx", "Đơn vị: Phường Phú Quốc", None),
        ("g.xlsx", "Đơn vị: Xã Văn Lăng", Some("Xã Văn Lăng")),
        ("h.xlsx", "Đơn vị: Văn Lang", Some("Xã Văn Lang")),
        ("i.xlsx", "Đơn vị: Xa Van Lang", None),
    ] {
        let rel = format!("so-lieu/{file}");
        write_xlsx(&dir.join(&rel), &[("So lieu", rows(line))], false);
        let (sub, problems) = soket::read::ward::read_file(&review, &dir.join(&rel), &rel);
        let got = sub.map(|s| match s.reporter {
            soket::read::Reporter::Unit(u) => review.units[u].ten.clone(),
            soket::read::Reporter::District => "district".into(),
        });
        assert_eq!(got.as_deref(), want, "{line}: {:?}", messages(&problems));
    }
}

#[test]
fn file_names_with_the_new_level_words_match() {
    let (_tmp, dir) = review_dir();
    std::fs::write(dir.join("don-vi.csv"), MIXED_UNITS).unwrap();
    let review = load(&dir);
    for (file, want) in [
        ("dac-khu-phu-quoc.csv", "Đặc khu Phú Quốc"),
        ("TO_DAN_PHO_SO_3.csv", "Tổ dân phố số 3"),
        ("hoa binh.csv", "Xã Hoà Bình"),
    ] {
        let rel = format!("so-lieu/{file}");
        std::fs::write(dir.join(&rel), "Mã,2022\nKT01,1\n").unwrap();
        let (sub, problems) = soket::read::ward::read_file(&review, &dir.join(&rel), &rel);
        let sub = sub.unwrap_or_else(|| panic!("{file}: {:?}", messages(&problems)));
        let soket::read::Reporter::Unit(u) = sub.reporter else {
            panic!("{file}")
        };
        assert_eq!(review.units[u].ten, want, "{file}");
    }
}

#[test]
fn every_province_list_of_2025_loads_as_a_unit_list_without_a_problem() {
    for p in soket::units2025::provinces() {
        let tmp = tempfile::tempdir().unwrap();
        let mut csv = String::from("Mã,Tên\n");
        for (ma, ten) in &p.communes {
            csv.push_str(&format!("{ma},{ten}\n"));
        }
        std::fs::write(tmp.path().join("don-vi.csv"), csv).unwrap();
        let mut problems = Vec::new();
        let units = soket::review::table::load_units(tmp.path(), None, &mut problems);
        assert!(problems.is_empty(), "{}: {:?}", p.ten, messages(&problems));
        assert_eq!(units.map(|u| u.len()), Some(p.communes.len()), "{}", p.ten);
    }
}

#[test]
fn a_unit_listed_twice_is_a_duplicate_whatever_its_tone_marks() {
    for (first, second) in [
        ("Xã Hòa Bình", "Xã Hoà Bình"),
        ("Phường Thủy Xuân", "phường thuỷ xuân"),
        ("Xã Văn Lăng", "Xa Van Lang"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join("don-vi.csv"),
            format!("Mã,Tên\nA,{first}\nB,{second}\n"),
        )
        .unwrap();
        let mut problems = Vec::new();
        soket::review::table::load_units(tmp.path(), None, &mut problems);
        assert_eq!(
            messages(&problems),
            [format!(
                "Loi don-vi.csv!B3: đơn vị \"{second}\" có hai lần trong danh sách (đã có ở dòng 2)"
            )],
            "{first} / {second}"
        );
        assert_eq!(
            problems[0].message_en(),
            format!("unit \"{second}\" is listed twice (first on row 2)")
        );
    }
}
