//! `soket init DIR`: a new review folder that loads at once, and never
//! overwrites one in progress.

use crate::init_support;
use init_support::{init_and_load, unit_list};

use soket::init::{InitOptions, init, init_with};
use std::path::Path;

fn names(dir: &Path, written: &[std::path::PathBuf]) -> Vec<String> {
    written
        .iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn init_writes_settings_catalog_units_and_templates_and_counts_only_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tay-ho");
    let written = init(&dir).unwrap();
    assert_eq!(
        names(&dir, &written),
        [
            "soket.toml",
            "chi-tieu.xlsx",
            "don-vi.xlsx",
            "mau/bao-cao.docx",
            "mau/bang-chi-tieu.xlsx",
        ]
    );
    assert!(written.iter().all(|p| p.is_file()));
    assert_eq!(
        std::fs::read(dir.join("mau/bao-cao.docx")).unwrap(),
        soket::pipeline::BUILTIN_REPORT
    );
    let toml = std::fs::read_to_string(dir.join("soket.toml")).unwrap();
    assert!(
        toml.contains("co_quan = \"ỦY BAN NHÂN DÂN QUẬN …\""),
        "{toml}"
    );
    assert!(toml.contains("ten_don_vi = \"…\""), "{toml}");
    assert!(toml.contains("lam_tron = \"gan_nhat\""));
    // so-lieu/ waits, empty, for the files the units send back; the
    // workbooks to send come with `soket mau-nhap` once units are named.
    assert_eq!(std::fs::read_dir(dir.join("so-lieu")).unwrap().count(), 0);
    assert!(dir.join("mau").is_dir() && !dir.join("bieu-nhap").exists());
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
    assert_eq!(written.len(), 5);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("ghi-chu.txt"), "số liệu đang làm").unwrap();
    let err = init(tmp.path()).unwrap_err();
    assert!(err.is_error());
    assert!(
        err.thong_diep().contains("đã có tệp"),
        "{}",
        err.thong_diep()
    );
    assert!(
        err.message_en().contains("is not empty"),
        "{}",
        err.message_en()
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
        err.thong_diep().contains("không phải là thư mục"),
        "{}",
        err.thong_diep()
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
fn init_output_loads_with_an_error_at_every_placeholder_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("moi");
    init(&dir).unwrap();
    let (review, problems) = soket::review::load(&dir);
    let shown: Vec<String> = problems
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p.where_text(),
                p.thong_diep().split(' ').next().unwrap()
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            "soket.toml!dòng 6 bao_cao.co_quan_cap_tren",
            "soket.toml!dòng 7 bao_cao.co_quan",
            "soket.toml!dòng 11 bao_cao.so_ky_hieu",
            "soket.toml!dòng 12 bao_cao.dia_danh",
            "soket.toml!dòng 14 bao_cao.tieu_de",
            "soket.toml!dòng 17 bao_cao.nguoi_ky",
            "soket.toml!dòng 23 so_lieu.ten_don_vi",
            "don-vi.xlsx!Don vi!B4 đơn",
            "don-vi.xlsx!Don vi!B5 đơn",
            "don-vi.xlsx!Don vi!B6 đơn",
            "don-vi.xlsx!Don vi!B7 đơn",
        ]
    );
    assert!(problems.iter().all(|p| p.is_error()));
    assert_eq!(
        problems[7].thong_diep(),
        "đơn vị còn chỗ trống \"…\": hãy điền mã và tên đơn vị (ví dụ P01, Phường Bưởi), hoặc tạo lại bằng soket init --don-vi"
    );
    let review = review.unwrap();
    assert_eq!(
        review.catalog.indicators.len(),
        soket::init::SAMPLE_CATALOG.len()
    );
    assert_eq!(review.catalog.indicators[0].ma, "KT01");
    assert!(review.units.is_empty());
}

/// The office's unit list as a csv, with a population column.
pub fn office_units(dir: &Path) -> std::path::PathBuf {
    unit_list(
        dir,
        "phuong-ba-dinh.csv",
        "Mã,Tên,DAN_SO\nP01,Phường Ba Đình,65000\nP02,Phường Ngọc Hà,52000\nP03,Phường Giảng Võ,48000\n",
    )
}

#[test]
fn init_with_the_office_unit_list_writes_one_entry_workbook_per_unit_to_send() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ba-dinh");
    let opts = InitOptions {
        don_vi: Some(office_units(tmp.path())),
        ..Default::default()
    };
    let (written, review) = init_and_load(&dir, &opts);
    assert_eq!(
        names(&dir, &written),
        [
            "soket.toml",
            "chi-tieu.xlsx",
            "don-vi.csv",
            "mau/bao-cao.docx",
            "mau/bang-chi-tieu.xlsx",
            "bieu-nhap/phuong-ba-dinh.xlsx",
            "bieu-nhap/phuong-ngoc-ha.xlsx",
            "bieu-nhap/phuong-giang-vo.xlsx",
        ]
    );
    // The office's file as it was; the district's own workbook waits for
    // so_lieu.ten_don_vi.
    assert_eq!(
        std::fs::read(dir.join("don-vi.csv")).unwrap(),
        std::fs::read(tmp.path().join("phuong-ba-dinh.csv")).unwrap()
    );
    assert_eq!(review.units[2].ten, "Phường Giảng Võ");
    // Sent back untouched, the workbooks are read as the units' files,
    // with no values yet and no errors.
    for f in &written[5..] {
        std::fs::copy(f, dir.join("so-lieu").join(f.file_name().unwrap())).unwrap();
    }
    let (subs, problems) = soket::read::ward::read_all(&review);
    assert_eq!(subs.len(), 3);
    assert!(subs.iter().all(|s| s.values.is_empty()));
    assert!(!problems.iter().any(|p| p.is_error()), "{problems:#?}");
}

#[test]
fn init_refuses_a_unit_list_with_problems_naming_the_office_file() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("ds.csv");
    std::fs::write(&bad, "Mã,Tên\nP01,Phường Ba Đình\nP01,Phường Ngọc Hà\n").unwrap();
    let dir = tmp.path().join("moi");
    let opts = InitOptions {
        don_vi: Some(bad.clone()),
        ..Default::default()
    };
    let err = init_with(&dir, &opts).unwrap_err();
    assert_eq!(
        err.display(soket::check::Lang::Vi),
        format!(
            "lỗi: {}!A3: mã đơn vị \"P01\" bị trùng (đã có ở dòng 2)",
            bad.display()
        )
    );
    assert!(!dir.exists());
    let opts = InitOptions {
        don_vi: Some(tmp.path().join("ds.txt")),
        ..Default::default()
    };
    std::fs::write(tmp.path().join("ds.txt"), "x").unwrap();
    assert!(
        init_with(&dir, &opts)
            .unwrap_err()
            .thong_diep()
            .starts_with("danh sách đơn vị phải là bảng tính")
    );
}
