//! The build's last line names the real cause of a build that wrote
//! nothing: the data, a template or the disk, and, when there was a
//! previous run, from when the files left in the output folder are.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::fs_support;
use fs_support::copy_dir;

/// The last line of `soket build DIR -o OUT` (with `extra` arguments), up
/// to the problem counts.
fn last_line(dir: &Path, out: &Path, extra: &[&str]) -> String {
    let run = Command::new(env!("CARGO_BIN_EXE_soket"))
        // Vietnam's time (UTC+7) as a POSIX rule: no tz database needed.
        .env("TZ", "ICT-7")
        .args(["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    let last = stderr.lines().last().unwrap_or_default();
    last[..last.rfind(" (").expect(&stderr)].to_string()
}

#[test]
fn the_summary_line_names_a_data_error_a_template_error_and_an_unwritable_output() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/tay-ho");
    let dir = tmp.path().join("tay-ho");

    // A broken Excel template; no earlier run, then an earlier run.
    copy_dir(&sample, &dir);
    std::fs::create_dir_all(dir.join("mau")).unwrap();
    std::fs::write(dir.join("mau/bang.xlsx"), "x").unwrap();
    let fresh = tmp.path().join("fresh");
    assert_eq!(
        last_line(&dir, &fresh, &[]),
        "tay-ho: không xuất báo cáo vì mẫu mau/bang.xlsx có lỗi"
    );
    assert_eq!(
        last_line(&dir, &fresh, &["--lang", "en"]),
        "tay-ho: no report written: the template mau/bang.xlsx has errors"
    );
    let earlier = tmp.path().join("earlier");
    std::fs::create_dir_all(&earlier).unwrap();
    std::fs::write(earlier.join("ket-qua.json"), "{}").unwrap();
    // The earlier run: 2026-12-05 07:05 UTC, 14:05 in Vietnam.
    std::fs::File::options()
        .write(true)
        .open(earlier.join("ket-qua.json"))
        .unwrap()
        .set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_796_454_300))
        .unwrap();
    assert_eq!(
        last_line(&dir, &earlier, &[]),
        "tay-ho: không xuất báo cáo vì mẫu mau/bang.xlsx có lỗi; các tệp trong thư mục kết quả vẫn là của lần chạy lúc 14:05 ngày 05/12/2026"
    );
    assert_eq!(
        last_line(&dir, &earlier, &["--lang", "en"]),
        "tay-ho: no report written: the template mau/bang.xlsx has errors; the output folder still holds the run of 05/12/2026 14:05"
    );
    std::fs::remove_dir_all(dir.join("mau")).unwrap();

    // A ward typed text where a number belongs.
    std::fs::write(dir.join("so-lieu/thuy khue.csv"), {
        let text = std::fs::read_to_string(dir.join("so-lieu/thuy khue.csv")).unwrap();
        text.replacen(";0;", ";không rõ;", 1)
    })
    .unwrap();
    assert_eq!(
        last_line(&dir, &fresh, &[]),
        "tay-ho: không xuất báo cáo vì số liệu có lỗi (dùng --force để vẫn xuất)"
    );
}

/// A write that failed: the line is the write error itself and the file.
#[test]
fn the_summary_line_of_an_unwritable_output_is_the_write_error() {
    use soket::check::{Kind, Lang, Problem, RunKind, Stage};
    let tmp = tempfile::tempdir().unwrap();
    let built = soket::pipeline::Built {
        name: "tay-ho".into(),
        out_dir: tmp.path().to_path_buf(),
        files: vec![],
        problems: vec![
            Problem::error(Kind::Run(RunKind::DiskFull {
                error: "No space left on device (os error 28)".into(),
            }))
            .file("out/bao-cao.docx")
            .stage(Stage::Output),
        ],
        tong_ket: None,
        elapsed: Default::default(),
        read_time: Default::default(),
        file_times: vec![],
        unchanged: false,
    };
    assert_eq!(
        built.not_written(Lang::Vi),
        "không ghi được tệp kết quả: ổ đĩa đầy (No space left on device (os error 28)) (out/bao-cao.docx)"
    );
    assert_eq!(
        built.not_written(Lang::En),
        "could not write the output file: the disk is full (No space left on device (os error 28)) (out/bao-cao.docx)"
    );
}

#[test]
fn the_line_of_a_written_report_counts_its_verdicts_in_the_run_s_language() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/tay-ho");
    let out = tmp.path().join("out");
    let cases = [
        (
            "vi",
            "tay-ho: đã ghi {out} — 18/19 chỉ tiêu đạt và dự kiến đạt",
        ),
        (
            "en",
            "tay-ho: wrote {out} — 18/19 indicators met or expected to be met",
        ),
    ];
    for (lang, line) in cases {
        let run = Command::new(env!("CARGO_BIN_EXE_soket"))
            .args([
                "build",
                sample.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ])
            .args(["--full", "--lang", lang])
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0));
        let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
        let last = stderr.lines().last().unwrap_or_default();
        assert_eq!(
            &last[..last.rfind(" (").expect(&stderr)],
            line.replace("{out}", &out.display().to_string())
        );
    }
}
