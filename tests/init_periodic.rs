//! `soket init DIR --ky "9 tháng 2026"` and `--tinh "Thành phố Hà Nội"`.

use crate::init_support;
use init_support::{init_and_load, unit_list};

use soket::init::{InitOptions, init_with};
use soket::read::period::Col;

fn opts(tinh: Option<&str>, ky: Option<&str>) -> InitOptions {
    InitOptions {
        don_vi: None,
        tinh: tinh.map(Into::into),
        ky: ky.map(Into::into),
    }
}

#[test]
fn a_periodic_folder_has_the_period_the_same_period_and_the_plan_in_its_entry_workbooks() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("bao-cao");
    let list = unit_list(
        tmp.path(),
        "ds.csv",
        "Mã,Tên,DAN_SO\nX01,Xã Yên Bài,8200\nX02,Phường Sơn Tây,23100\n",
    );
    let with_list = InitOptions {
        don_vi: Some(list),
        ..opts(None, Some("9 tháng 2026"))
    };
    // Only the names only the office knows are left to fill.
    let (_, review) = init_and_load(&dir, &with_list);
    let s = &review.settings.so_lieu;
    assert_eq!(s.ky.map(|p| p.key()), Some("9T/2026".into()));
    assert!(!s.co_nhiem_ky);
    assert_eq!(
        review.settings.bao_cao.tieu_de,
        "Báo cáo kết quả thực hiện nhiệm vụ 9 tháng đầu năm 2026"
    );
    let rel = "bieu-nhap/xa-yen-bai.xlsx";
    let (sub, problems) = soket::read::ward::read_file(&review, &dir.join(rel), rel);
    assert!(problems.is_empty(), "{problems:?}");
    let sub = sub.unwrap();
    let cols: Vec<String> = (sub.ky.columns.iter().map(|(p, _)| p.key()))
        .chain(sub.ky.plan_years.iter().map(|y| Col::KeHoach(*y).label()))
        .collect();
    assert_eq!(cols, ["9T/2025", "9T/2026", "kế hoạch năm 2026"]);
}

#[test]
fn a_province_folder_lists_its_official_communes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ha-noi");
    init_with(&dir, &opts(Some("Thành phố Hà Nội"), Some("2026"))).unwrap();
    let (review, problems) = soket::review::load(&dir);
    // Left to fill: the placeholders of soket.toml, and the populations
    // the official list has not (its DAN_SO column is empty), which the
    // sample catalog's two weighted indicators need.
    let shown: Vec<String> = problems
        .iter()
        .map(|p| format!("{} {}", p.where_text(), p.thong_diep()))
        .filter(|p| !p.starts_with("soket.toml"))
        .collect();
    assert_eq!(
        shown,
        [
            "chi-tieu.xlsx!Chi tieu!E10 chỉ tiêu VH03: \"trung_binh_gia_quyen:DAN_SO\" nhắc tới mã \"DAN_SO\" không có trong danh mục",
            "chi-tieu.xlsx!Chi tieu!E12 chỉ tiêu VH05: \"trung_binh_gia_quyen:DAN_SO\" nhắc tới mã \"DAN_SO\" không có trong danh mục",
        ]
    );
    let review = review.unwrap();
    assert_eq!(review.units.len(), 126);
    assert_eq!(
        (review.units[0].ma.as_str(), review.units[0].ten.as_str()),
        ("00004", "Phường Ba Đình")
    );
    let s = &review.settings.so_lieu;
    assert_eq!(
        (s.ten_don_vi.as_str(), s.cap_don_vi.as_str()),
        // cap_don_vi = "xã" in soket.toml; the list's words in sentences.
        ("Thành phố Hà Nội", "xã, phường")
    );
    // One entry workbook per commune, and the province's own.
    let files = std::fs::read_dir(dir.join("bieu-nhap")).unwrap().count();
    assert_eq!(files, 127);
}

#[test]
fn an_unknown_province_is_an_error_naming_the_nearest_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("x");
    let e = init_with(&dir, &opts(Some("Tỉnh Hà Nội"), None)).unwrap_err();
    assert!(
        e.thong_diep().starts_with("\"Tỉnh Hà Nội\" không có trong danh sách 34 tỉnh, thành phố từ ngày 01/7/2025 (gần nhất: Thành phố Hà Nội"),
        "{}",
        e.thong_diep()
    );
    assert!(!dir.exists());
    let e = init_with(&dir, &opts(None, Some("Quý V/2026"))).unwrap_err();
    assert_eq!(
        e.thong_diep(),
        "--ky \"Quý V/2026\" không phải một kỳ báo cáo (ví dụ \"9 tháng 2026\", \"Quý III/2026\", \"Tháng 10/2026\", \"2026\")"
    );
    assert!(!dir.exists());
}
