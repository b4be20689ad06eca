//! `soket check --json` and `build --json` give each problem its kind's
//! stable code (`loai`) and its words in the run's language, and a review
//! that is not rebuilt reports its stored problems in this run's language.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn soket(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_soket"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("soket runs")
}

/// A review of two wards and one indicator: Phường Bưởi sent a file with a
/// misspelt code, Phường Bồ Đề sent nothing.
fn review(root: &Path) -> PathBuf {
    let dir = root.join("long-bien");
    std::fs::create_dir_all(dir.join("so-lieu")).unwrap();
    std::fs::write(
        dir.join("soket.toml"),
        "[bao_cao]\nco_quan = \"QUẬN ỦY LONG BIÊN\"\nngay = 2023-04-07\n\n\
         [so_lieu]\nten_don_vi = \"quận Long Biên\"\ncap_don_vi = \"phường\"\n\
         nhiem_ky = [2020, 2025]\nnam_goc = 2020\nnam_bao_cao = 2022\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("chi-tieu.csv"),
        "Mã,Tên chỉ tiêu,Nhóm,Đơn vị tính,Tổng hợp,Mục tiêu\n\
         KT01,Thu ngân sách,Kinh tế,tỷ đồng,tong,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("don-vi.csv"),
        "Mã,Tên\nBUOI,Phường Bưởi\nBODE,Phường Bồ Đề\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("so-lieu/buoi.csv"),
        "Đơn vị: Phường Bưởi,,,,\n\
         STT,Mã,Tên chỉ tiêu,2020,2022\n\
         1,KT01,Thu ngân sách,10,12\n\
         2,KT1,Thu ngân sách,10,12\n",
    )
    .unwrap();
    dir
}

fn json(run: &Output) -> serde_json::Value {
    serde_json::from_slice(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON on stdout ({e}): {}",
            String::from_utf8_lossy(&run.stderr)
        )
    })
}

/// The problems each language gives the fixture, in the order found.
fn expected(lang: &str) -> serde_json::Value {
    let (sent, code) = match lang {
        "vi" => (
            "Phường Bồ Đề chưa gửi số liệu",
            "mã \"KT1\" không có trong danh mục chỉ tiêu, dòng này bị bỏ qua (ý bạn là \"KT01\"?)",
        ),
        _ => (
            "Phường Bồ Đề has not sent its figures",
            "code \"KT1\" is not in the indicator catalog; the row is ignored (did you mean \"KT01\"?)",
        ),
    };
    serde_json::json!([
        {
            "muc_do": "canh_bao", "tep": "so-lieu", "trang": null, "o": null,
            "loai": "chua_gui",
            "thong_diep": sent,
            "thong_diep_en": "Phường Bồ Đề has not sent its figures",
        },
        {
            "muc_do": "canh_bao", "tep": "so-lieu/buoi.csv", "trang": null, "o": "B4",
            "loai": "ma_khong_co",
            "thong_diep": code,
            "thong_diep_en": "code \"KT1\" is not in the indicator catalog; the row is ignored (did you mean \"KT01\"?)",
        },
    ])
}

#[test]
fn check_json_gives_each_problem_its_kind_and_words_in_the_chosen_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = review(tmp.path());
    for lang in ["vi", "en"] {
        let run = soket(&["check", dir.to_str().unwrap(), "--json", "--lang", lang]);
        assert_eq!(run.status.code(), Some(0), "--lang {lang}");
        let out = json(&run);
        assert_eq!(out["van_de"], expected(lang), "--lang {lang}");
        assert_eq!((&out["loi"], &out["canh_bao"]), (&0.into(), &2.into()));
    }
}

#[test]
fn a_review_not_rebuilt_reports_its_stored_problems_in_this_runs_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = review(tmp.path());
    let out = tmp.path().join("ket-qua");
    let build = |lang: &str| {
        let run = soket(&[
            "build",
            dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--json",
            "--lang",
            lang,
        ]);
        assert_eq!(run.status.code(), Some(0), "--lang {lang}");
        json(&run)["bao_cao"][0].clone()
    };
    let first = build("vi");
    assert_eq!(first["khong_doi"], false);
    assert_eq!(first["van_de"], expected("vi"));
    let again = build("en");
    assert_eq!(again["khong_doi"], true, "nothing changed: not rebuilt");
    assert_eq!(again["van_de"], expected("en"));
}
