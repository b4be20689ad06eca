//! `soket build` end to end on `samples/tay-ho`, through the real binary:
//! the report says the published sentences, the outputs are byte-identical
//! across runs, and the exit codes and JSON tell a script what happened.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn soket(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_soket"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("soket runs")
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/tay-ho")
}

/// `soket build samples/tay-ho -o TMP FLAG`.
fn build_sample(flag: &str) -> (tempfile::TempDir, Output) {
    let out = tempfile::tempdir().unwrap();
    let run = soket(&[
        "build",
        sample().to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
        flag,
    ]);
    (out, run)
}

/// The text of the report's body, paragraph by paragraph.
fn docx_paragraphs(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // Plain scanning is enough for text Word wrote in <w:t> runs.
    let mut paragraphs = Vec::new();
    for para in xml.split("</w:p>") {
        let mut text = String::new();
        let mut rest = para;
        while let Some(i) = rest.find("<w:t") {
            rest = &rest[i + 4..];
            if !(rest.starts_with('>') || rest.starts_with(' ')) {
                continue;
            }
            let Some(open_end) = rest.find('>') else {
                break;
            };
            if rest[..open_end].ends_with('/') {
                rest = &rest[open_end + 1..];
                continue;
            }
            let body = &rest[open_end + 1..];
            let Some(close) = body.find("</w:t>") else {
                break;
            };
            text.push_str(&body[..close]);
            rest = &body[close..];
        }
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        paragraphs.push(text);
    }
    paragraphs
}

#[test]
fn the_report_says_the_published_sentences() {
    let (out, run) = build_sample("-q");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Non-breaking spaces (numbers held to their units) read as spaces.
    let text = docx_paragraphs(&out.path().join("bao-cao.docx"))
        .join("\n")
        .replace('\u{a0}', " ");
    for expected in [
        "Tây Hồ, ngày 07 tháng 4 năm 2023",
        "Số 45-BC/QU",
        "- Hiện có 26/27 trường công lập đạt chuẩn quốc gia, đạt 96,2%, tăng 14,8 điểm phần trăm so với năm 2020, vượt mục tiêu đề ra (95%);",
        "- Có 8/8 phường đạt chuẩn quốc gia về y tế, tăng 2 phường so với năm 2020, đạt mục tiêu đề ra (8/8 phường);",
        "- Duy trì không có hộ nghèo (theo chuẩn của Thành phố);",
        "12.993 tỷ đồng",
        "bình quân tăng 13,48%",
        "95,09%",
        "97,74%",
        "26/20 thanh niên, đạt tỷ lệ 130%",
        "Qua rà soát, có 18/19 chỉ tiêu đạt và dự kiến đạt",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    // No tag survives into the report.
    assert!(!text.contains("{{") && !text.contains("{%"), "{text}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("ket-qua.json")).unwrap()).unwrap();
    assert_eq!(
        json["tong_ket"]["text"],
        "18/19 chỉ tiêu đạt và dự kiến đạt"
    );
    assert_eq!(json["bao_cao"]["ngay_text"], "ngày 07 tháng 4 năm 2023");
    assert_eq!(json["ct"]["VH01"]["ty_le"], "96,2%");
}

/// Every output file's bytes, by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn two_runs_give_byte_identical_files() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for out in [&a, &b] {
        let run = soket(&[
            "build",
            sample().to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "-q",
        ]);
        assert_eq!(run.status.code(), Some(0));
    }
    let (sa, sb) = (snapshot(a.path()), snapshot(b.path()));
    let names: Vec<&str> = sa.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            ".soket-manifest.json",
            "bao-cao.docx",
            "ket-qua.json",
            "tong-hop.xlsx"
        ]
    );
    // The manifest names the folder it vouches for, so it is the one file
    // that differs between two output folders.
    for ((name, x), (_, y)) in sa.iter().zip(&sb).skip(1) {
        assert!(x == y, "{name} differs between runs");
    }
}

#[test]
fn json_summary_and_exit_codes() {
    let (_out, run) = build_sample("--json");
    assert_eq!(run.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON on stdout");
    assert_eq!(summary["trang_thai"], "ok");
    let review = &summary["bao_cao"][0];
    assert_eq!(review["ten"], "tay-ho");
    assert_eq!(review["loi"], 0);
    // Warnings are counted, and listed one by one.
    assert_eq!(review["canh_bao"], 12);
    assert_eq!(review["van_de"].as_array().unwrap().len(), 12);
    // Each message in the run's language and in English, with its kind.
    assert_eq!(
        review["van_de"][0],
        serde_json::json!({
            "muc_do": "canh_bao", "tep": "so-lieu/PHUONG_XUAN_LA.csv", "trang": null, "o": "E29",
            "loai": "tu_so_lon_hon_mau_so",
            "thong_diep": "chỉ tiêu QP03: tử số QP01 (4) lớn hơn mẫu số QP02 (3) năm 2020",
            "thong_diep_en": "indicator QP03: numerator QP01 (4) exceeds denominator QP02 (3) in 2020",
        })
    );
    assert_eq!(review["tong_ket"]["dat_va_du_kien_dat"], 18);
    assert_eq!(review["tep"].as_array().unwrap().len(), 3);

    // Usage errors exit 2; a folder that is not a review exits 1.
    assert_eq!(soket(&["build"]).status.code(), Some(2));
    assert_eq!(soket(&["frobnicate"]).status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let run = soket(&["check", empty.path().to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("lỗi: soket.toml: thiếu tệp cài đặt soket.toml"),
        "{stderr}"
    );
    let run = soket(&["check", empty.path().to_str().unwrap(), "--lang", "en"]);
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("error: soket.toml: missing settings file")
    );
}

#[test]
fn check_passes_on_the_sample_and_vars_lists_names() {
    let run = soket(&["check", sample().to_str().unwrap()]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let run = soket(&["vars", sample().to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0));
    let listing = String::from_utf8_lossy(&run.stdout);
    for line in [
        "ct.VH01.ty_le = \"96,2%\"",
        "ct.VH01.phan_so = \"26/27\"",
        "tong_ket.text = \"18/19 chỉ tiêu đạt và dự kiến đạt\"",
        "bao_cao.ngay_text = \"ngày 07 tháng 4 năm 2023\"",
        "ct.QP06.so_don_vi_bao_cao_text = \"7/8 phường báo cáo\"",
        "tong_ket.vuot_text = \"13\"",
    ] {
        assert!(
            listing.lines().any(|l| l.starts_with(&format!("{line} "))),
            "missing {line}"
        );
    }
}

#[test]
fn vars_with_a_code_lists_that_indicator_with_the_meaning_of_each_name() {
    let run = soket(&["vars", sample().to_str().unwrap(), "VH02"]);
    assert_eq!(run.status.code(), Some(0));
    let listing = String::from_utf8_lossy(&run.stdout);
    // Meanings are aligned in a column; compare with one space before '#'.
    let lines: Vec<String> = listing.lines().map(unaligned).collect();
    assert_eq!(
        lines[0],
        "## VH02 Phường đạt chuẩn quốc gia về y tế (phường; so_don_vi_dat; 8/8)"
    );
    for line in [
        "ct.VH02.hien_thi = \"8/8 phường\" # giá trị kèm đơn vị tính, đã định dạng",
        "ct.VH02.tang_mo_ta = \"tăng 2 phường\" # câu \"tăng …\" / \"giảm …\" / \"giữ ổn định\" so với năm gốc",
        "ct.VH02.danh_gia_text = \"Đạt\" # đánh giá bằng chữ (\"Vượt\", \"Đạt\" …)",
        "ct.VH02.don_vi.P03.nguon = \"so-lieu/phu-thuong.ods!So lieu!G15\" # đơn vị P03: ô lấy số liệu: tệp!trang!ô",
    ] {
        assert!(lines.iter().any(|l| l == line), "missing {line}\n{listing}");
    }
    // Only VH02: no other indicator, no settings.
    assert!(
        lines
            .iter()
            .all(|l| !l.starts_with("ct.") || l.starts_with("ct.VH02."))
    );
    assert!(!listing.contains("bao_cao.ngay_text"));
}

/// A listing line with the meaning's alignment removed.
fn unaligned(line: &str) -> String {
    match line.split_once("  # ") {
        Some((pair, meaning)) => format!("{} # {meaning}", pair.trim_end()),
        None => line.to_string(),
    }
}

#[test]
fn vars_with_a_star_pattern_lists_one_name_per_indicator_and_json_keeps_the_shape() {
    let run = soket(&[
        "vars",
        sample().to_str().unwrap(),
        "ct.*.phan_so",
        "--lang",
        "en",
    ]);
    assert_eq!(run.status.code(), Some(0));
    let listing = String::from_utf8_lossy(&run.stdout);
    let names: Vec<String> = listing
        .lines()
        .filter(|l| l.starts_with("ct."))
        .map(unaligned)
        .collect();
    assert_eq!(names.len(), 28, "{listing}");
    for line in [
        "ct.VH01.phan_so = \"26/27\" # the fraction (\"26/27\")",
        "ct.QP03.phan_so = \"26/20\" # the fraction (\"26/27\")",
    ] {
        assert!(names.iter().any(|l| l == line), "missing {line}\n{listing}");
    }

    let run = soket(&[
        "vars",
        sample().to_str().unwrap(),
        "ct.VH01.nam.**.phan_so",
        "--json",
    ]);
    assert_eq!(run.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"ct": {"VH01": {"nam": {
            "2020": {"phan_so": "22/27"},
            "2021": {"phan_so": "24/27"},
            "2022": {"phan_so": "26/27"},
            "2023": {"phan_so": "25/25"},
        }}}})
    );
}

#[test]
fn vars_with_a_pattern_that_matches_nothing_says_how_patterns_work() {
    let run = soket(&["vars", sample().to_str().unwrap(), "GD99"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&run.stderr).trim(),
        "lỗi: không có tên nào khớp; mẫu là một mã (GD01), một phần tên (ty_le), hoặc có * (\"ct.*.ty_le\") và ** (\"ct.GD01.**.gia_tri\")"
    );
}

#[test]
fn errors_in_a_ward_file_stop_the_report_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tay-ho");
    copy_dir(&sample(), &dir);
    // A ward typed text where a number belongs.
    std::fs::write(dir.join("so-lieu/thuy khue.csv"), {
        let text = std::fs::read_to_string(dir.join("so-lieu/thuy khue.csv")).unwrap();
        text.replacen(";0;", ";không rõ;", 1)
    })
    .unwrap();
    let out = tmp.path().join("out");
    let run = soket(&["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("lỗi: so-lieu/thuy khue.csv!"), "{stderr}");
    assert!(!out.join("bao-cao.docx").exists());
    let run = soket(&[
        "build",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(out.join("bao-cao.docx").exists());
}

use crate::fs_support;
use fs_support::copy_dir;

/// LibreOffice opens the report: the PDF is A4 and says the sentences.
/// Needs `soffice` and `pdftotext`: fails under CI without them, else skips.
#[test]
fn libreoffice_renders_the_report() {
    // pdftotext answers -v with a non-zero code: only ask whether it runs.
    let have = |cmd: &str| Command::new(cmd).arg("-v").output().is_ok();
    if !have("soffice") || !have("pdftotext") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs soffice and pdftotext"
        );
        eprintln!("skipped: soffice or pdftotext not installed");
        return;
    }
    let (out, run) = build_sample("-q");
    assert_eq!(run.status.code(), Some(0));
    let profile = format!(
        "-env:UserInstallation=file://{}/lo-profile",
        out.path().display()
    );
    let conv = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out.path())
        .arg(out.path().join("bao-cao.docx"))
        .output()
        .unwrap();
    let pdf = out.path().join("bao-cao.pdf");
    assert!(
        pdf.exists(),
        "conversion failed: {}",
        String::from_utf8_lossy(&conv.stderr)
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ngày 07 tháng 4 năm 2023",
        "26/27 trường công lập đạt chuẩn quốc gia, đạt 96,2%",
        "8/8 phường",
        "18/19 chỉ tiêu đạt và dự kiến đạt",
        "Lê Thị Thu Hằng",
    ] {
        assert!(text.contains(expected), "PDF lacks {expected:?}:\n{text}");
    }
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("595.") && info.contains("841.") && info.contains("(A4)"),
        "{info}"
    );
}

/// A template error in `mau/` writes nothing (the previous outputs stay as
/// they were) and names the template, the part and the cell.
#[test]
fn a_broken_template_leaves_the_previous_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tay-ho");
    copy_dir(&sample(), &dir);
    let out = tmp.path().join("out");
    let run = soket(&[
        "build",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(run.status.code(), Some(0));
    let before = snapshot(&out);

    // An Excel template with a misspelt name.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "{{ ct.VH01.ty_lee }}").unwrap();
    std::fs::create_dir_all(dir.join("mau")).unwrap();
    wb.save(dir.join("mau/bang.xlsx")).unwrap();
    let run = soket(&["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("lỗi: mau/bang.xlsx!Sheet1!A1:"), "{stderr}");
    assert!(stderr.contains("ct.VH01.ty_le"), "{stderr}");
    assert_eq!(snapshot(&out), before, "outputs changed");
}

/// `ket-qua.json` is the template context, whole: each `nhom` list holds
/// the indicators themselves, the same as `ct` (the build keeps one copy
/// in memory and writes both).
#[test]
fn ket_qua_json_is_the_whole_context() {
    let (out, run) = build_sample("-q");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written = std::fs::read(out.path().join("ket-qua.json")).unwrap();
    let ctx = soket::pipeline::check(&sample()).context().unwrap();
    let mut expected = serde_json::to_vec(&ctx).unwrap();
    expected.push(b'\n');
    assert!(written == expected, "ket-qua.json differs from the context");
    let json: serde_json::Value = serde_json::from_slice(&written).unwrap();
    let first = &json["nhom"].as_object().unwrap().values().next().unwrap()[0];
    assert_eq!(first, &json["ct"][first["ma"].as_str().unwrap()]);
    assert!(first["ten"].is_string() && first["don_vi"].is_object());
}
