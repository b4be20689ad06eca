//! The command line speaks the clerk's language: every argument and option
//! is described, every command has examples, and clap's own words (usage,
//! headings, usage errors) are Vietnamese, or English with `--lang en` or
//! `SOKET_LANG=en`.

use soket::check::Lang;
use soket::cli::{command, parse};
use std::process::Command;

fn args(list: &[&str]) -> Vec<String> {
    std::iter::once("soket")
        .chain(list.iter().copied())
        .map(String::from)
        .collect()
}

/// (path of the command, its about, its examples, every argument's id and help).
type Described = (String, String, String, Vec<(String, String)>);

fn walk(cmd: &clap::Command, path: String, out: &mut Vec<Described>) {
    let about = cmd.get_about().map(|s| s.to_string()).unwrap_or_default();
    let examples = cmd
        .get_after_help()
        .map(|s| s.to_string())
        .unwrap_or_default();
    let args = cmd
        .get_arguments()
        .map(|a| {
            (
                a.get_id().to_string(),
                a.get_help().map(|s| s.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    out.push((path.clone(), about, examples, args));
    for sub in cmd.get_subcommands() {
        walk(sub, format!("{path} {}", sub.get_name()), out);
    }
}

fn described(lang: Lang) -> Vec<Described> {
    let mut cmd = command(lang);
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "soket".into(), &mut out);
    out
}

#[test]
fn every_command_argument_and_option_has_a_description_and_examples_in_both_languages() {
    let (vi, en) = (described(Lang::Vi), described(Lang::En));
    assert_eq!(vi.len(), en.len());
    assert!(vi.len() >= 7, "{}", vi.len());
    for ((path, about, examples, args), (_, about_en, examples_en, args_en)) in vi.iter().zip(&en) {
        assert!(!about.is_empty() && !about_en.is_empty(), "{path}: about");
        assert!(about != about_en, "{path}: about not translated");
        let (ex, ex_en) = if path == "soket" {
            ("Bắt đầu:", "Getting started:")
        } else {
            ("Ví dụ:", "Example")
        };
        assert!(examples.starts_with(ex), "{path}: {examples}");
        assert!(examples_en.starts_with(ex_en), "{path}: {examples_en}");
        assert!(args.len() >= 2, "{path}: {args:?}");
        for ((id, help), (_, help_en)) in args.iter().zip(args_en) {
            assert!(!help.trim().is_empty(), "{path} {id}: no description");
            assert!(
                !help_en.trim().is_empty(),
                "{path} {id}: no English description"
            );
            assert!(help != help_en, "{path} {id}: not translated: {help}");
        }
    }
}

#[test]
fn help_of_every_command_has_no_english_words_of_clap_in_vietnamese() {
    for sub in ["", "init", "check", "build", "vars", "render", "mau-nhap"] {
        let list: Vec<&str> = [sub, "--help"]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let (text, code) = parse(&args(&list), None).err().unwrap();
        assert_eq!(code, 0, "{sub}");
        for english in [
            "Usage",
            "Options",
            "Arguments",
            "Commands",
            "Print help",
            "possible values",
            "[OPTIONS]",
            "default:",
            "COMMAND",
        ] {
            assert!(!text.contains(english), "{sub}: {english} in\n{text}");
        }
        assert!(text.contains("Cách dùng: soket"), "{text}");
        assert!(text.contains("-h, --help  "), "{text}");
        assert!(text.contains("In trợ giúp này"), "{text}");
    }
    let (text, _) = parse(&args(&["check", "--help", "--lang", "en"]), None)
        .err()
        .unwrap();
    assert!(
        text.starts_with(
            "Check every input file; exit 1 on errors\n\nUsage: soket check [OPTIONS] <DIR>\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  <DIR>  The review folder (holds soket.toml)\n"),
        "{text}"
    );
    let (text, _) = parse(&args(&["check", "--help"]), Some("en"))
        .err()
        .unwrap();
    assert!(text.contains("Print this help"), "{text}");
}

#[test]
fn usage_errors_are_in_the_language_asked_for() {
    let cases: &[(&[&str], Option<&str>, &str)] = &[
        (
            &["check"],
            None,
            "lỗi: thiếu đối số bắt buộc: <DIR>\n\nCách dùng: soket check <DIR>\n\nXem thêm: soket check --help\n",
        ),
        (
            &["frobnicate"],
            None,
            "lỗi: không có lệnh 'frobnicate'\n\nCách dùng: soket [TÙY CHỌN] <LỆNH>\n\nXem thêm: soket --help\n",
        ),
        (
            &["biuld", "x"],
            None,
            "lỗi: không có lệnh 'biuld' (ý bạn là 'build'?)\n\nCách dùng: soket [TÙY CHỌN] <LỆNH>\n\nXem thêm: soket --help\n",
        ),
        (
            &["check", "x", "--jsn"],
            None,
            "lỗi: không có tùy chọn hay đối số '--jsn' (ý bạn là '--json'?)\n\nCách dùng: soket check --json <DIR>\n\nXem thêm: soket check --help\n",
        ),
        (
            &[
                "render",
                "a.docx",
                "b.json",
                "-o",
                "c.docx",
                "--lam-tron",
                "len",
            ],
            None,
            "lỗi: giá trị 'len' không hợp lệ cho --lam-tron <LAM_TRON>; giá trị hợp lệ: gan_nhat, cat_bo\n\nCách dùng: soket render [TÙY CHỌN] --out <OUT> <TEMPLATE> <CONTEXT>\n\nXem thêm: soket render --help\n",
        ),
        (
            &["check"],
            Some("en"),
            "error: a required argument is missing: <DIR>\n\nUsage: soket check <DIR>\n\nFor more: soket check --help\n",
        ),
        (
            &["--lang", "en", "frobnicate"],
            None,
            "error: no command 'frobnicate'\n\nUsage: soket [OPTIONS] <COMMAND>\n\nFor more: soket --help\n",
        ),
        (
            &["check", "--lang", "vi"],
            Some("en"),
            "lỗi: thiếu đối số bắt buộc: <DIR>\n\nCách dùng: soket check --lang <LANG> <DIR>\n\nXem thêm: soket check --help\n",
        ),
    ];
    for (list, env, expected) in cases {
        let (text, code) = parse(&args(list), *env).err().unwrap();
        assert_eq!(code, 2, "{list:?}");
        assert_eq!(&text, expected, "{list:?}");
    }
}

#[test]
fn a_missing_folder_is_a_usage_error_for_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    let gone = tmp.path().join("khong-co");
    let gone = gone.to_str().unwrap();
    for cmd in ["check", "build", "vars", "mau-nhap"] {
        let run = Command::new(env!("CARGO_BIN_EXE_soket"))
            .args([cmd, gone])
            .env_remove("SOKET_LANG")
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{cmd}");
        assert_eq!(
            String::from_utf8_lossy(&run.stderr),
            format!("lỗi: không tìm thấy thư mục \"{gone}\"\n"),
            "{cmd}"
        );
        let run = Command::new(env!("CARGO_BIN_EXE_soket"))
            .args([cmd, gone])
            .env("SOKET_LANG", "en")
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{cmd}");
        assert_eq!(
            String::from_utf8_lossy(&run.stderr),
            format!("error: folder \"{gone}\" not found\n"),
            "{cmd}"
        );
    }
}
