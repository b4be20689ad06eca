//! The clerk's first hour, run as she would: `init`, fill in the
//! placeholders, send the workbooks, put the returned files in `so-lieu/`,
//! `check` until it passes; and the per-unit table `check` starts with.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn soket(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_soket"))
        .args(args)
        .env_remove("SOKET_LANG")
        .output()
        .expect("soket runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

use crate::fs_support;
use fs_support::copy_dir;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/tay-ho")
}

/// Settings as an office fills them in: every "…" replaced.
fn fill_settings(dir: &Path) {
    let toml = std::fs::read_to_string(dir.join("soket.toml")).unwrap();
    let filled = toml
        .replace("THÀNH PHỐ …", "THÀNH PHỐ HÀ NỘI")
        .replace("QUẬN …", "QUẬN BA ĐÌNH")
        .replace("\"…/BC-UBND\"", "\"15/BC-UBND\"")
        .replace("dia_danh = \"…\"", "dia_danh = \"Ba Đình\"")
        .replace("lần thứ …", "lần thứ XXV")
        .replace("nguoi_ky = \"…\"", "nguoi_ky = \"Nguyễn Văn An\"")
        .replace("ten_don_vi = \"…\"", "ten_don_vi = \"quận Ba Đình\"");
    std::fs::write(dir.join("soket.toml"), filled).unwrap();
}

/// A unit's returned file: the entry layout as csv, every ward-level
/// indicator of the sample catalog filled for every year.
fn ward_csv(name: &str, district: bool) -> String {
    let mut s =
        format!("Đơn vị: {name}\n\nSTT;Mã;Tên chỉ tiêu;Đơn vị tính;2020;2021;2022;Ước 2023\n");
    for (i, (ma, ten, _, dvt, tong_hop, _, _)) in soket::init::SAMPLE_CATALOG.iter().enumerate() {
        let own = *tong_hop == "cap_quan";
        if own != district || tong_hop.starts_with("ty_le:") {
            continue;
        }
        let v = match *tong_hop {
            "ty_le" => "9/10",
            "so_don_vi_dat" => "Đạt",
            _ if *dvt == "%" => "4,5",
            _ => "120",
        };
        s.push_str(&format!("{};{ma};{ten};{dvt};{v};{v};{v};{v}\n", i + 1));
    }
    s
}

#[test]
fn init_then_check_exits_1_until_the_placeholders_and_the_figures_are_filled() {
    let tmp = tempfile::tempdir().unwrap();
    let units = tmp.path().join("ds.csv");
    std::fs::write(
        &units,
        "Mã,Tên,DAN_SO\nP01,Phường Ba Đình,65000\nP02,Phường Ngọc Hà,52000\n",
    )
    .unwrap();
    let dir = tmp.path().join("ba-dinh");
    let d = dir.to_str().unwrap();
    let run = soket(&["init", d, "--don-vi", units.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(
        text(&run.stdout),
        format!(
            "Đã tạo thư mục báo cáo {d} (7 tệp).\nTiếp theo:\n  1. Gửi: gửi cho mỗi đơn vị biểu của mình trong {d}/bieu-nhap/ (2 biểu); biểu cấp quận: điền các chỗ \"…\" trong soket.toml rồi chạy soket mau-nhap {d}.\n  2. Nhận: chép các tệp các đơn vị gửi lại vào {d}/so-lieu/.\n  3. Chạy: soket check {d} (ai đã gửi, còn thiếu gì), rồi soket build {d} (báo cáo ở {d}/ket-qua/).\n"
        )
    );
    // Fresh from init: the placeholders and the missing figures are errors.
    let run = soket(&["check", d]);
    assert_eq!(run.status.code(), Some(1));
    let err = text(&run.stderr);
    assert!(
        err.contains("lỗi: soket.toml!dòng 7: bao_cao.co_quan còn chỗ trống \"…\" (\"ỦY BAN NHÂN DÂN QUẬN …\"): hãy điền thay cho dấu …\n"),
        "{err}"
    );
    assert!(err.contains("lỗi: so-lieu: chưa có số liệu nào"), "{err}");
    assert!(err.ends_with("8 lỗi, 4 cảnh báo\n"), "{err}");

    // Settings filled in: the district's workbook can now be written.
    fill_settings(&dir);
    let run = soket(&["mau-nhap", d]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        text(&run.stdout).starts_with(&format!(
            "Đã ghi 3 biểu nhập liệu vào {d}/bieu-nhap/.\nTiếp theo:\n  1. Gửi: gửi cho mỗi đơn vị biểu của mình trong {d}/bieu-nhap/ (3 biểu).\n"
        )),
        "{}",
        text(&run.stdout)
    );
    assert!(dir.join("bieu-nhap/quan-ba-dinh.xlsx").is_file());
    let run = soket(&["check", d]);
    assert_eq!(run.status.code(), Some(1), "no figures yet");
    let err = text(&run.stderr);
    assert!(
        err.starts_with("lỗi: so-lieu: chưa có số liệu nào"),
        "{err}"
    );
    assert!(err.ends_with("1 lỗi, 4 cảnh báo\n"), "{err}");

    // One ward's file comes back: still incomplete, no longer an error.
    let so_lieu = dir.join("so-lieu");
    std::fs::write(
        so_lieu.join("ba-dinh.csv"),
        ward_csv("Phường Ba Đình", false),
    )
    .unwrap();
    let run = soket(&["check", d]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(
        text(&run.stdout),
        "Tình hình nhận số liệu năm 2022 (ô trống: ô của năm 2022 chưa điền):\n\
         Đơn vị          Tình trạng  Ô trống  Lỗi  Tệp\n\
         Phường Ba Đình  đủ số liệu        0    0  so-lieu/ba-dinh.csv\n\
         Phường Ngọc Hà  chưa nhận         -    -  -\n\
         Quận Ba Đình    chưa nhận         -    -  -\n\
         Đã nhận 1/2 phường; đủ số liệu: 1; còn ô trống: 0; có lỗi: 0.\n"
    );
    std::fs::write(
        so_lieu.join("ngoc-ha.csv"),
        ward_csv("Phường Ngọc Hà", false),
    )
    .unwrap();
    std::fs::write(so_lieu.join("quan.csv"), ward_csv("Quận Ba Đình", true)).unwrap();
    let run = soket(&["check", d, "--lang", "en"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        text(&run.stdout)
            .ends_with("Received 2/2 units; complete: 2; with empty cells: 0; with errors: 0.\n"),
        "{}",
        text(&run.stdout)
    );
    assert_eq!(text(&run.stderr), "Input is valid (0 errors, 0 warnings)\n");
}

#[test]
fn init_without_a_unit_list_says_to_fill_it_in_first() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("moi");
    let d = dir.to_str().unwrap();
    let run = soket(&["init", d, "--lang", "en"]);
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(
        text(&run.stdout),
        format!(
            "Created the review folder {d} (5 files).\nNext:\n  1. Send: fill in every \"…\" in soket.toml and don-vi (soket check {d} points at each), run soket mau-nhap {d}, then send each unit its workbook in {d}/bieu-nhap/.\n  2. Receive: copy the files the units send back into {d}/so-lieu/.\n  3. Run: soket check {d} (who has sent, what is missing), then soket build {d} (the report goes to {d}/ket-qua/).\n"
        )
    );
    // No workbook named after a placeholder goes out.
    let run = soket(&["mau-nhap", d]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).starts_with("lỗi: don-vi.xlsx!Don vi!B4: đơn vị còn chỗ trống \"…\""),
        "{}",
        text(&run.stderr)
    );
    assert!(!dir.join("bieu-nhap").exists());
    let run = soket(&[
        "init",
        tmp.path().join("b").to_str().unwrap(),
        "--don-vi",
        "khong-co.xlsx",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        text(&run.stderr),
        "lỗi: không tìm thấy tệp danh sách đơn vị \"khong-co.xlsx\"\n"
    );
}

#[test]
fn a_settings_problem_names_its_line_in_the_run_s_language_on_the_terminal_and_in_json() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("moi");
    let d = dir.to_str().unwrap();
    assert_eq!(soket(&["init", d]).status.code(), Some(0));
    let cases = [
        (
            "vi",
            "lỗi: soket.toml!dòng 7: bao_cao.co_quan còn chỗ trống \"…\" (\"ỦY BAN NHÂN DÂN QUẬN …\"): hãy điền thay cho dấu …\n",
            "dòng 6",
            "(cấp quận)  chưa nhận",
        ),
        (
            "en",
            "error: soket.toml!line 7: bao_cao.co_quan still holds the placeholder \"…\" (\"ỦY BAN NHÂN DÂN QUẬN …\"): fill it in\n",
            "line 6",
            "(district level)  not received",
        ),
    ];
    for (lang, line, first, unnamed) in cases {
        let run = soket(&["check", d, "--lang", lang]);
        let err = text(&run.stderr);
        assert!(err.contains(line), "{lang}: {err}");
        // The district's row, not yet named in soket.toml, in the table.
        let out = text(&run.stdout);
        assert!(out.contains(unnamed), "{lang}: {out}");
        let run = soket(&["check", d, "--lang", lang, "--json"]);
        let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        let settings: Vec<&serde_json::Value> = json["van_de"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["tep"] == "soket.toml")
            .collect();
        assert_eq!(settings[0]["o"], first, "{lang}");
        assert_eq!(json["don_vi"][0]["ma"], serde_json::Value::Null);
        assert_eq!(json["don_vi"][0]["ten"], "");
    }
}

#[test]
fn check_starts_with_a_table_of_units_one_missing_one_incomplete() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tay-ho");
    copy_dir(&sample(), &dir);
    std::fs::remove_file(dir.join("so-lieu/yen-phu.xlsx")).unwrap();
    let csv = dir.join("so-lieu/thuy khue.csv");
    let blanked = std::fs::read_to_string(&csv)
        .unwrap()
        .replace(";4.578,6;", ";;")
        .replace(";2.055.000.000;", ";;");
    std::fs::write(&csv, blanked).unwrap();
    let run = soket(&["check", dir.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(
        text(&run.stdout),
        "Tình hình nhận số liệu năm 2022 (ô trống: ô của năm 2022 chưa điền):\n\
         Đơn vị             Tình trạng   Ô trống  Lỗi  Tệp\n\
         Phường Bưởi        đủ số liệu         0    0  so-lieu/buoi.xlsx\n\
         Phường Nhật Tân    đủ số liệu         0    0  so-lieu/nhat-tan.xlsx\n\
         Phường Phú Thượng  đủ số liệu         0    0  so-lieu/phu-thuong.ods\n\
         Phường Quảng An    đủ số liệu         0    0  so-lieu/quang-an.xlsx\n\
         Phường Thụy Khuê   còn ô trống        2    0  so-lieu/thuy khue.csv\n\
         Phường Tứ Liên     đủ số liệu         0    0  so-lieu/tu-lien.xlsx\n\
         Phường Xuân La     đủ số liệu         0    0  so-lieu/PHUONG_XUAN_LA.csv\n\
         Phường Yên Phụ     chưa nhận          -    -  -\n\
         Quận Tây Hồ        đủ số liệu         0    0  so-lieu/quan-tay-ho.xlsx\n\
         Đã nhận 7/8 phường; đủ số liệu: 6; còn ô trống: 1; có lỗi: 0.\n"
    );
    // Then the problems, the empty cells among them.
    let err = text(&run.stderr);
    assert!(
        err.starts_with("cảnh báo: so-lieu: Phường Yên Phụ chưa gửi số liệu\n"),
        "{err}"
    );
    assert!(err.contains("cảnh báo: so-lieu/thuy khue.csv!G5: KT01: 6/8 phường báo cáo năm 2022, thiếu: Phường Thụy Khuê\n"), "{err}");

    // The same in English, and in --json with the table as "don_vi".
    let run = soket(&["check", dir.to_str().unwrap(), "--lang", "en"]);
    let out = text(&run.stdout);
    assert!(
        out.contains("Phường Thụy Khuê   empty cells       2       0  so-lieu/thuy khue.csv\n"),
        "{out}"
    );
    assert!(
        out.contains("Phường Yên Phụ     not received      -       -  -\n"),
        "{out}"
    );
    let run = soket(&["check", dir.to_str().unwrap(), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(
        json["don_vi"][4],
        serde_json::json!({"ma": "P05", "ten": "Phường Thụy Khuê", "trang_thai": "o_trong",
            "o_trong": 2, "loi": 0, "tep": ["so-lieu/thuy khue.csv"]})
    );
    assert_eq!(json["don_vi"][7]["trang_thai"], "chua_nhan");

    // A file changed after a check is read again (nothing is cached).
    std::fs::copy(
        sample().join("so-lieu/yen-phu.xlsx"),
        dir.join("so-lieu/yen-phu.xlsx"),
    )
    .unwrap();
    let run = soket(&["check", dir.to_str().unwrap()]);
    assert!(
        text(&run.stdout)
            .ends_with("Đã nhận 8/8 phường; đủ số liệu: 6; còn ô trống: 2; có lỗi: 0.\n"),
        "{}",
        text(&run.stdout)
    );
}

#[cfg(unix)]
#[test]
fn entry_workbooks_and_outputs_get_the_permissions_of_an_ordinary_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tay-ho");
    copy_dir(&sample(), &dir);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // What File::create gives here: 0666 less this process's umask.
    let probe = tmp.path().join("probe");
    std::fs::File::create(&probe).unwrap();
    let ordinary = mode(&probe);
    assert_eq!(ordinary & 0o600, 0o600);
    assert_eq!(
        soket(&["mau-nhap", dir.to_str().unwrap()]).status.code(),
        Some(0)
    );
    assert_eq!(
        soket(&["build", dir.to_str().unwrap()]).status.code(),
        Some(0)
    );
    for f in [
        "bieu-nhap/phuong-buoi.xlsx",
        "bieu-nhap/quan-tay-ho.xlsx",
        "ket-qua/bao-cao.docx",
        "ket-qua/ket-qua.json",
    ] {
        assert_eq!(mode(&dir.join(f)), ordinary, "{f}");
    }
}

/// The value of `ct.CODE.nam[YEAR].gia_tri` in a build's ket-qua.json.
fn year_value(out: &Path, code: &str, year: &str) -> f64 {
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("ket-qua.json")).unwrap()).unwrap();
    json["ct"][code]["nam"][year]["gia_tri"].as_f64().unwrap()
}

#[test]
fn build_watch_rebuilds_when_a_ward_file_changes_and_says_which() {
    use std::io::BufRead;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tay-ho");
    copy_dir(&sample(), &dir);
    let out = tmp.path().join("ket-qua");
    let mut child = Command::new(env!("CARGO_BIN_EXE_soket"))
        .args([
            "build",
            dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--watch",
        ])
        .env_remove("SOKET_LANG")
        .env("SOKET_WATCH_MS", "100")
        .env("SOKET_WATCH_BUILDS", "2")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    let wait_for = |what: &str| -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            match rx.recv_timeout(std::time::Duration::from_secs(120)) {
                Ok(line) => {
                    let done = line.contains(what);
                    seen.push(line);
                    if done {
                        return seen;
                    }
                }
                Err(e) => panic!("no line with {what:?} ({e}); saw {seen:#?}"),
            }
        }
    };
    let first = wait_for("đang theo dõi");
    assert!(
        first.iter().any(|l| l.starts_with("tay-ho: đã ghi ")),
        "{first:#?}"
    );
    assert_eq!(
        first.last().unwrap(),
        "đang theo dõi so-lieu/, mau/ và tệp cài đặt; tổng hợp lại khi có tệp thay đổi (Ctrl+C để dừng)"
    );
    let before = year_value(&out, "KT01", "2022");

    // Opening a file in Excel (its lock file) is not a change; an edit is.
    std::fs::write(dir.join("so-lieu/~$buoi.xlsx"), "lock").unwrap();
    let csv = dir.join("so-lieu/thuy khue.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains(";4.578,6;"));
    std::fs::write(&csv, text.replacen(";4.578,6;", ";4.600,0;", 1)).unwrap();

    let second = wait_for("đã ghi");
    let changed = second
        .iter()
        .find(|l| l.ends_with(" thay đổi"))
        .expect("a line naming the changed file");
    assert!(
        changed.ends_with(": so-lieu/thuy khue.csv thay đổi"),
        "{changed}"
    );
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let after = year_value(&out, "KT01", "2022");
    assert_eq!(
        ((after - before) * 10.0).round(),
        214.0,
        "{before} → {after}"
    );
}

#[test]
fn build_watch_with_json_is_a_usage_error() {
    let run = soket(&["build", sample().to_str().unwrap(), "--watch", "--json"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).starts_with("lỗi: --watch không dùng cùng --json\n"),
        "{}",
        text(&run.stderr)
    );
}

/// In a periodic review the status table speaks of the report period, and
/// counts the cells of that period's column, not of a year column the
/// units were never asked for (every unit used to show 5 empty cells).
#[test]
fn check_of_a_periodic_review_speaks_of_its_period() {
    let d = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/lai-chau-6-thang");
    let out = text(&soket(&["check", d]).stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "Tình hình nhận số liệu 6 tháng đầu năm 2026 (ô trống: ô của 6 tháng đầu năm 2026 chưa điền):"
    );
    assert_eq!(
        lines.last().copied(),
        Some("Đã nhận 38/38 xã, phường; đủ số liệu: 37; còn ô trống: 1; có lỗi: 0.")
    );
    let en = text(&soket(&["check", "--lang", "en", d]).stdout);
    assert!(
        en.starts_with("Figures received for the first 6 months of 2026 (empty: cells of the first 6 months of 2026 left blank):\n"),
        "{en}"
    );
}
