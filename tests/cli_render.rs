//! `soket render TEMPLATE.docx CONTEXT.json -o OUT.docx`: the built binary
//! fills any Word template from a JSON file, like docxtpl's command line;
//! exit 0 on success, 1 with located Vietnamese errors, 2 on bad usage.

use crate::parity;
use parity::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CONTEXT: &str = r#"{
  "bao_cao": {"tieu_de": "Báo cáo sơ kết giữa nhiệm kỳ"},
  "so_lieu": {"ten_don_vi": "quận Tây Hồ"},
  "ct": {"GD01": {"ten": "Tỷ lệ trường đạt chuẩn", "ty_le": "96,2%", "ty_le_so": 96.25},
         "KT01": {"gia_tri": 1234567}},
  "don_vi": [{"ma": "BUOI", "ten": "Phường Bưởi & Thụy Khuê"}]
}"#;

/// A template that uses values, a paragraph loop and Vietnamese filters.
fn good_template() -> Vec<u8> {
    pkg(&[
        p("{{ bao_cao.tieu_de }} {{ so_lieu.ten_don_vi }}"),
        p("{{ ct.GD01.ten }}: {{ ct.GD01.ty_le }}; thu {{ ct.KT01.gia_tri | so }} triệu đồng; {{ ct.GD01.ty_le_so | so(1) }}"),
        p("{%p for d in don_vi %}"),
        p("- {{ d.ten }}"),
        p("{%p endfor %}"),
    ]
    .concat())
    .build()
}

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Self {
        Dir {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

fn soket(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_soket"))
        .arg("render")
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn document_text(docx: &Path) -> Vec<String> {
    shapes(&std::fs::read(docx).unwrap())
        .remove("word/document.xml")
        .unwrap()
        .paragraphs
}

#[test]
fn fills_the_template_and_exits_0() {
    let d = Dir::new();
    let (t, c, o) = (
        d.write("mau.docx", &good_template()),
        d.write("ket-qua.json", CONTEXT.as_bytes()),
        d.path("ra.docx"),
    );
    let out = soket(&[&t, &c, Path::new("-o"), &o]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        document_text(&o),
        [
            "Báo cáo sơ kết giữa nhiệm kỳ quận Tây Hồ",
            "Tỷ lệ trường đạt chuẩn: 96,2%; thu 1.234.567 triệu đồng; 96,3",
            "- Phường Bưởi & Thụy Khuê",
        ]
    );
}

#[test]
fn lam_tron_cat_bo_truncates() {
    let d = Dir::new();
    let (t, c, o) = (
        d.write("mau.docx", &good_template()),
        d.write("ket-qua.json", CONTEXT.as_bytes()),
        d.path("ra.docx"),
    );
    let out = soket(&[
        &t,
        &c,
        Path::new("--out"),
        &o,
        Path::new("--lam-tron"),
        Path::new("cat_bo"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        document_text(&o)[1],
        "Tỷ lệ trường đạt chuẩn: 96,2%; thu 1.234.567 triệu đồng; 96,2"
    );
}

#[test]
fn the_contexts_lam_tron_is_honoured_unless_the_option_says_otherwise() {
    let cat_bo = CONTEXT.replace(
        r#""ten_don_vi": "quận Tây Hồ"}"#,
        r#""ten_don_vi": "quận Tây Hồ", "lam_tron": "cat_bo"}"#,
    );
    // (context, option, the filtered 96,25)
    let cases = [
        (CONTEXT.to_string(), None, "96,3"),
        (cat_bo.clone(), None, "96,2"),
        (cat_bo, Some("gan_nhat"), "96,3"),
    ];
    for (ctx, option, want) in cases {
        let d = Dir::new();
        let (t, c, o) = (
            d.write("mau.docx", &good_template()),
            d.write("ket-qua.json", ctx.as_bytes()),
            d.path("ra.docx"),
        );
        let mut args = vec![t.clone(), c.clone(), "-o".into(), o.clone()];
        if let Some(opt) = option {
            args.extend(["--lam-tron".into(), PathBuf::from(opt)]);
        }
        let args: Vec<&Path> = args.iter().map(PathBuf::as_path).collect();
        let out = soket(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(
            document_text(&o)[1],
            format!("Tỷ lệ trường đạt chuẩn: 96,2%; thu 1.234.567 triệu đồng; {want}"),
            "{option:?}"
        );
    }
}

#[test]
fn unknown_name_exits_1_with_location_and_suggestion() {
    let d = Dir::new();
    let template = pkg(&[
        p("Tỷ lệ trường đạt chuẩn: {{ ct.GD01.ty_lee }}"),
        table(2, &[tr(&["Thu", "{{ ct.KT01.gia_tri | so_le }}"])]),
    ]
    .concat())
    .build();
    let (t, c, o) = (
        d.write("mau.docx", &template),
        d.write("ket-qua.json", CONTEXT.as_bytes()),
        d.path("ra.docx"),
    );
    let out = soket(&[&t, &c, Path::new("-o"), &o]);
    assert_eq!(out.status.code(), Some(1));
    // Both errors, in one run, each naming file, part and place; the
    // paragraph is quoted by its first 40 characters.
    assert_eq!(
        stderr(&out),
        concat!(
            "lỗi: mau.docx!document!đoạn \"Tỷ lệ trường đạt chuẩn: {{ ct.GD01.ty_le…\": ",
            "không có tên \"ct.GD01.ty_lee\" (ý bạn là \"ct.GD01.ty_le\"?)\n",
            "lỗi: mau.docx!document!bảng 1, hàng 1, ô 2: không có bộ lọc \"so_le\"\n",
        )
    );
    assert!(!o.exists(), "no output on error");
}

#[test]
fn missing_template_exits_1() {
    let d = Dir::new();
    let c = d.write("ket-qua.json", CONTEXT.as_bytes());
    let out = soket(&[
        &d.path("khong-co.docx"),
        &c,
        Path::new("-o"),
        &d.path("ra.docx"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("lỗi: không đọc được mẫu "),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("khong-co.docx"));
}

#[test]
fn missing_or_broken_context_exits_1() {
    let d = Dir::new();
    let t = d.write("mau.docx", &good_template());
    let out = soket(&[
        &t,
        &d.path("khong-co.json"),
        Path::new("-o"),
        &d.path("ra.docx"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("lỗi: không đọc được dữ liệu JSON "),
        "{}",
        stderr(&out)
    );

    let c = d.write("hong.json", b"{\"ct\": ");
    let out = soket(&[&t, &c, Path::new("-o"), &d.path("ra.docx")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("hong.json"), "{}", stderr(&out));
}

#[test]
fn a_file_that_is_not_a_docx_exits_1() {
    let d = Dir::new();
    let t = d.write("mau.docx", b"day khong phai tep Word");
    let c = d.write("ket-qua.json", CONTEXT.as_bytes());
    let out = soket(&[&t, &c, Path::new("-o"), &d.path("ra.docx")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("không mở được tệp Word (.docx)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn missing_out_option_is_bad_usage_exit_2() {
    let d = Dir::new();
    let t = d.write("mau.docx", &good_template());
    let c = d.write("ket-qua.json", CONTEXT.as_bytes());
    let out = soket(&[&t, &c]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--out"), "{}", stderr(&out));
}
