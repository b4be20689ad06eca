//! Outputs are never mixed, stale or fed back as inputs: one build at a
//! time per output folder, temporary files of killed runs removed by the
//! next build, no output folder inside the review's inputs, no render over
//! its own template, a user template named like the built-in annex wins.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn soket() -> Command {
    Command::new(env!("CARGO_BIN_EXE_soket"))
}

use crate::fs_support;
use fs_support::copy_dir;

/// A copy of the sample review under `dir/name`, its document number set
/// to `so_ky_hieu` so that its outputs can be told apart.
fn sample(dir: &Path, name: &str, so_ky_hieu: &str) -> PathBuf {
    let review = dir.join(name);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/tay-ho"),
        &review,
    );
    let toml = std::fs::read_to_string(review.join("soket.toml")).unwrap();
    let toml = toml.replace("\"45-BC/QU\"", &format!("\"{so_ky_hieu}\""));
    std::fs::write(review.join("soket.toml"), toml).unwrap();
    review
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The document number every output of the folder was built with; panics
/// when the report and ket-qua.json disagree (a mixed set).
fn one_build(out: &Path) -> String {
    assert_eq!(
        names(out),
        [
            soket::manifest::FILE,
            "bao-cao.docx",
            "ket-qua.json",
            "tong-hop.xlsx"
        ],
        "exactly one build's files and its manifest, no temporary file, no lock"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("ket-qua.json")).unwrap()).unwrap();
    let number = json["bao_cao"]["so_ky_hieu"].as_str().unwrap().to_string();
    let docx = std::fs::read(out.join("bao-cao.docx")).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut doc = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut doc)
        .unwrap();
    assert!(doc.contains(&number), "the report is not of build {number}");
    number
}

#[test]
fn two_builds_into_one_folder_leave_the_files_of_exactly_one() {
    let tmp = tempfile::tempdir().unwrap();
    let a = sample(tmp.path(), "a", "11-BC/QU");
    let b = sample(tmp.path(), "b", "22-BC/QU");
    let out = tmp.path().join("out");
    let spawn = |dir: &Path| {
        soket()
            .args(["build", "-q"])
            .arg(dir)
            .arg("-o")
            .arg(&out)
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(&a), spawn(&b));
    let (first, second) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    // The second waits for the first and then builds; were the first slower
    // than the wait, it would exit 1 naming the other run. Either way the
    // folder holds one build.
    for o in [&first, &second] {
        assert!(
            o.status.success() || stderr(o).contains("một lần chạy khác đang ghi"),
            "{}",
            stderr(o)
        );
    }
    let number = one_build(&out);
    assert!(["11-BC/QU", "22-BC/QU"].contains(&number.as_str()));
}

#[test]
fn a_build_waits_for_the_run_holding_the_folder_then_exits_1_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let a = sample(tmp.path(), "a", "11-BC/QU");
    let out = tmp.path().join("out");
    let held = soket::output::OutputLock::acquire(&out, soket::output::LOCK_WAIT).unwrap();
    let started = std::time::Instant::now();
    let o = soket()
        .args(["build", "-q"])
        .arg(&a)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(started.elapsed() >= soket::output::LOCK_WAIT);
    let msg = stderr(&o);
    assert!(
        msg.contains(&format!(
            "một lần chạy khác đang ghi vào thư mục kết quả này (tiến trình {}, bắt đầu lúc ",
            std::process::id()
        )) && msg.contains("đã chờ 5 giây: hãy chờ lần chạy đó xong rồi chạy lại"),
        "{msg}"
    );
    drop(held);
    assert_eq!(names(&out), Vec::<String>::new());
}

#[test]
fn a_build_killed_midway_leaves_nothing_the_next_build_keeps() {
    let tmp = tempfile::tempdir().unwrap();
    let a = sample(tmp.path(), "a", "11-BC/QU");
    let out = tmp.path().join("out");
    for delay in [50, 300, 800] {
        let mut child = soket()
            .args(["build", "-q"])
            .arg(&a)
            .arg("-o")
            .arg(&out)
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        child.kill().unwrap(); // SIGKILL: no destructor, no cleanup.
        child.wait().unwrap();
    }
    // What a run killed while writing leaves behind, whatever the timing.
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join(".soket-killed.tmp"), vec![0; 1 << 20]).unwrap();
    std::fs::write(out.join(".soket.lock"), "999999 2026-01-01 00:00:00\n").unwrap();
    let o = soket()
        .args(["build", "-q"])
        .arg(&a)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(one_build(&out), "11-BC/QU");
}

#[test]
fn an_output_folder_inside_the_inputs_or_over_the_template_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let a = sample(tmp.path(), "a", "11-BC/QU");
    for (inside, input) in [
        ("mau", "mau"),
        ("so-lieu", "so-lieu"),
        ("so-lieu/x/..", "so-lieu"),
    ] {
        let out = a.join(inside);
        let o = soket()
            .arg("build")
            .arg(&a)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{inside}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!(
                "\" nằm trong {input}/ của báo cáo: lần chạy sau sẽ đọc kết quả như đầu vào; hãy chọn thư mục khác"
            )),
            "{inside}: {}",
            stderr(&o)
        );
    }
    assert!(!a.join("mau").exists());

    // soket render t.docx ctx.json -o t.docx would overwrite the template.
    let built = tmp.path().join("built");
    let o = soket()
        .arg("build")
        .arg(&a)
        .arg("-o")
        .arg(&built)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let template = built.join("bao-cao.docx");
    let before = std::fs::read(&template).unwrap();
    let o = soket()
        .arg("render")
        .arg(&template)
        .arg(built.join("ket-qua.json"))
        .arg("-o")
        .arg(built.join(".").join("bao-cao.docx"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("là chính tệp đầu vào: hãy ghi kết quả ra tệp khác"));
    assert_eq!(std::fs::read(&template).unwrap(), before);
}

#[test]
fn a_user_template_named_like_the_annex_wins_and_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let a = sample(tmp.path(), "a", "11-BC/QU");
    std::fs::create_dir_all(a.join("mau")).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet()
        .set_name("Cua toi")
        .unwrap()
        .write_string(0, 0, "{{ bao_cao.so_ky_hieu }}")
        .unwrap();
    wb.save(a.join("mau/tong-hop.xlsx")).unwrap();
    let out = tmp.path().join("out");
    let o = soket()
        .arg("build")
        .arg(&a)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cảnh báo: mau/tong-hop.xlsx: mẫu trùng tên với phụ lục có sẵn tong-hop.xlsx: tong-hop.xlsx được điền từ mẫu này, phụ lục có sẵn không được ghi (đổi tên mẫu nếu cần cả hai)"),
        "{}",
        stderr(&o)
    );
    let bytes = std::fs::read(out.join("tong-hop.xlsx")).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut wbxml = String::new();
    z.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut wbxml)
        .unwrap();
    assert_eq!(wbxml.matches("<sheet ").count(), 1, "{wbxml}");
    assert!(wbxml.contains("name=\"Cua toi\""), "{wbxml}");
}

/// The built-in report made a macro-enabled document (a `.docm` saved as
/// `.docx`) that also links an image at an http address.
fn docm_with_link() -> Vec<u8> {
    let mut z =
        zip::ZipArchive::new(std::io::Cursor::new(soket::pipeline::BUILTIN_REPORT)).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let name = e.name().unwrap().into_owned();
        let mut text = Vec::new();
        e.read_to_end(&mut text).unwrap();
        if name == "[Content_Types].xml" {
            let t = String::from_utf8(text).unwrap()
                .replace(
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    "application/vnd.ms-word.document.macroEnabled.main+xml",
                )
                .replace(
                    "<Default ",
                    "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/><Default ",
                );
            text = t.into_bytes();
        } else if name == "word/_rels/document.xml.rels" {
            let t = String::from_utf8(text).unwrap().replace(
                "</Relationships>",
                "<Relationship Id=\"rIdVba\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/><Relationship Id=\"rIdLogo\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"http://example.com/logo.png\" TargetMode=\"External\"/></Relationships>",
            );
            text = t.into_bytes();
        }
        use std::io::Write;
        w.start_file(name, opts).unwrap();
        w.write_all(&text).unwrap();
    }
    use std::io::Write;
    w.start_file("word/vbaProject.bin", opts).unwrap();
    w.write_all(b"\xD0\xCF\x11\xE0 macros").unwrap();
    w.finish().unwrap().into_inner()
}

#[test]
fn macros_are_removed_from_a_docm_template_and_links_out_named() {
    let tmp = tempfile::tempdir().unwrap();
    let a = sample(tmp.path(), "a", "11-BC/QU");
    std::fs::create_dir_all(a.join("mau")).unwrap();
    std::fs::write(a.join("mau/bao-cao.docx"), docm_with_link()).unwrap();
    let out = tmp.path().join("out");
    let o = soket()
        .arg("build")
        .arg(&a)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("cảnh báo: mau/bao-cao.docx: mẫu có macro (word/vbaProject.bin): đã bỏ macro khỏi kết quả, kết quả là tệp Office thường không chứa macro"),
        "{err}"
    );
    assert!(
        err.contains("cảnh báo: mau/bao-cao.docx: mẫu có liên kết tới nội dung bên ngoài, được giữ nguyên trong kết quả: http://example.com/logo.png (word/_rels/document.xml.rels)"),
        "{err}"
    );
    let bytes = std::fs::read(out.join("bao-cao.docx")).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = z.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert!(!names.iter().any(|n| n.contains("vbaProject")), "{names:?}");
    let mut types = String::new();
    z.by_name("[Content_Types].xml")
        .unwrap()
        .read_to_string(&mut types)
        .unwrap();
    assert!(
        !types.contains("macroEnabled") && !types.contains("vbaProject"),
        "{types}"
    );
    assert!(types.contains("wordprocessingml.document.main+xml"));
    let mut rels = String::new();
    z.by_name("word/_rels/document.xml.rels")
        .unwrap()
        .read_to_string(&mut rels)
        .unwrap();
    assert!(
        !rels.contains("vbaProject") && rels.contains("http://example.com/logo.png"),
        "{rels}"
    );
}
