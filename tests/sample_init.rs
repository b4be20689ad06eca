//! `soket init DIR`: a new review folder that loads at once, and never
//! overwrites one in progress.

use soket::init::init;
use std::path::Path;

fn names(dir: &Path, written: &[std::path::PathBuf]) -> Vec<String> {
    written
        .iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn init_writes_settings_catalog_units_templates_and_entry_workbooks() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tay-ho");
    let written = init(&dir).unwrap();
    assert_eq!(
        names(&dir, &written),
        [
            "soket.toml",
            "chi-tieu.xlsx",
            "don-vi.xlsx",
            "so-lieu",
            "mau",
            "mau/bao-cao.docx",
            "mau/bang-chi-tieu.xlsx",
            "so-lieu/phuong-buoi.xlsx",
            "so-lieu/phuong-nhat-tan.xlsx",
            "so-lieu/phuong-phu-thuong.xlsx",
            "so-lieu/phuong-quang-an.xlsx",
            "so-lieu/quan-tay-ho.xlsx"
        ]
    );
    assert_eq!(
        std::fs::read(dir.join("mau/bao-cao.docx")).unwrap(),
        soket::pipeline::BUILTIN_REPORT
    );
    let toml = std::fs::read_to_string(dir.join("soket.toml")).unwrap();
    assert!(
        toml.contains("co_quan = \"ỦY BAN NHÂN DÂN QUẬN …\""),
        "{toml}"
    );
    assert!(toml.contains("lam_tron = \"gan_nhat\""));
    assert!(dir.join("so-lieu").is_dir() && dir.join("mau").is_dir());
    assert!(
        std::fs::read(dir.join("chi-tieu.xlsx"))
            .unwrap()
            .starts_with(b"PK\x03\x04")
    );
}

#[test]
fn init_fills_an_existing_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let written = init(tmp.path()).unwrap();
    assert_eq!(written.len(), 12);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("ghi-chu.txt"), "số liệu đang làm").unwrap();
    let err = init(tmp.path()).unwrap_err();
    assert!(err.is_error());
    assert!(err.thong_diep.contains("đã có tệp"), "{}", err.thong_diep);
    assert!(
        err.message_en.contains("is not empty"),
        "{}",
        err.message_en
    );
    // Nothing was written or changed.
    assert!(!tmp.path().join("soket.toml").exists());
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("ghi-chu.txt")).unwrap(),
        "số liệu đang làm"
    );
}

#[test]
fn init_refuses_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bao-cao.xlsx");
    std::fs::write(&file, b"x").unwrap();
    let err = init(&file).unwrap_err();
    assert!(
        err.thong_diep.contains("không phải là thư mục"),
        "{}",
        err.thong_diep
    );
}

#[test]
fn init_twice_gives_identical_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    init(&a).unwrap();
    init(&b).unwrap();
    for f in ["soket.toml", "chi-tieu.xlsx", "don-vi.xlsx"] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn init_output_loads_without_problems() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("moi");
    init(&dir).unwrap();
    let (review, problems) = soket::review::load(&dir);
    assert!(problems.is_empty(), "{problems:#?}");
    let review = review.unwrap();
    assert_eq!(
        review.catalog.indicators.len(),
        soket::init::SAMPLE_CATALOG.len()
    );
    assert_eq!(review.catalog.indicators[0].ma, "KT01");
    let units: Vec<&str> = review.units.iter().map(|u| u.ten.as_str()).collect();
    assert_eq!(
        units,
        [
            "Phường Bưởi",
            "Phường Nhật Tân",
            "Phường Phú Thượng",
            "Phường Quảng An"
        ]
    );
    assert_eq!(
        review.units[1].weights["DAN_SO"],
        rust_decimal::Decimal::from(17_620)
    );
    // The blank entry workbooks are read back: one per ward and the
    // district's own, with no values yet and no errors.
    let (subs, problems) = soket::read::ward::read_all(&review);
    assert_eq!(subs.len(), 5);
    assert!(subs.iter().all(|s| s.values.is_empty()));
    assert!(!problems.iter().any(|p| p.is_error()), "{problems:#?}");
}
