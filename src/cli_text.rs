//! The command line's own words in Vietnamese and English: help texts,
//! examples, headings and usage errors.
//!
//! clap has no translations, so its English words ("Usage", "Options",
//! "Print help", "error: the following required arguments …") are replaced
//! here: the derive in `cli.rs` carries the Vietnamese help (the clerk's
//! language), [`localize`] swaps in the English twin for `--lang en`, adds
//! an example section to every command, and [`usage_error`] rewrites clap's
//! usage errors from their parts (kind and context), not from its English
//! sentences.

use crate::check::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The language asked for before the command line is parsed, so that help
/// and usage errors are already in it: `--lang en` / `--lang=en` anywhere,
/// else `SOKET_LANG`, else Vietnamese.
pub fn lang_from_args(args: &[String], env: Option<&str>) -> Lang {
    let mut it = args.iter().skip(1);
    let mut found = None;
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let v = if a == "--lang" {
            it.next().map(String::as_str)
        } else {
            a.strip_prefix("--lang=")
        };
        if let Some(v) = v {
            found = Some(lang_of(v));
        }
    }
    found.unwrap_or_else(|| env.map_or(Lang::Vi, lang_of))
}

/// "en", "EN", "en_US.UTF-8" → English; anything else → Vietnamese.
pub fn lang_of(s: &str) -> Lang {
    if s.trim().to_ascii_lowercase().starts_with("en") {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// English help of each argument: (command, argument id, text). The
/// Vietnamese text is the doc comment in `cli.rs`.
const ARGS_EN: &[(&str, &str, &str)] = &[
    (
        "soket",
        "lang",
        "Language of help and messages: vi or en (default vi; or SOKET_LANG=en)",
    ),
    (
        "init",
        "dir",
        "The new review folder (created, or an empty folder filled)",
    ),
    (
        "init",
        "don_vi",
        "The office's own unit list (xlsx or csv: Mã, Tên, optional weight columns) instead of placeholders",
    ),
    (
        "init",
        "tinh",
        "A province's review: don-vi lists its official communes, wards and special zones since 1 July 2025 (e.g. \"Thành phố Hà Nội\")",
    ),
    (
        "init",
        "ky",
        "A periodic review: the report period (e.g. \"9 tháng 2026\", \"Quý III/2026\", \"2026\")",
    ),
    ("check", "dir", "The review folder (holds soket.toml)"),
    (
        "check",
        "json",
        "Print the result as JSON on stdout (for scripts)",
    ),
    (
        "build",
        "dirs",
        "One review folder, several, or a parent folder of review folders (a city)",
    ),
    ("build", "out", "Output folder (default: DIR/ket-qua)"),
    ("build", "json", "Print a JSON summary on stdout"),
    ("build", "quiet", "Print nothing but errors"),
    ("build", "verbose", "Print the time of each step"),
    (
        "build",
        "force",
        "Write the report even when the input has errors (the exit code stays 1)",
    ),
    (
        "build",
        "watch",
        "Keep running: rebuild when a file in so-lieu/ or mau/ changes (Ctrl+C to stop)",
    ),
    (
        "build",
        "full",
        "Rebuild every review, ignoring what the previous build already made",
    ),
    ("vars", "dir", "The review folder"),
    (
        "vars",
        "pattern",
        "Show only matching names: a code (GD01) or a pattern with * (\"ct.*.ty_le\")",
    ),
    (
        "vars",
        "json",
        "Print the whole template context as JSON (= ket-qua.json)",
    ),
    ("render", "template", "The Word template (.docx) to fill"),
    (
        "render",
        "context",
        "The JSON context (e.g. a ket-qua.json)",
    ),
    ("render", "out", "The Word file to write"),
    (
        "render",
        "lam_tron",
        "Rounding of the number filters: gan_nhat (half away from zero, the default) or cat_bo (truncate)",
    ),
    (
        "render",
        "lenient",
        "Names missing from the context print empty (false in {% if %}) as docxtpl prints them, one warning per name; by default they are errors",
    ),
    ("mau-nhap", "dir", "The review folder"),
    (
        "mau-nhap",
        "out",
        "Folder to write the workbooks to send out (default: DIR/bieu-nhap; the files that come back go to DIR/so-lieu)",
    ),
    ("bench-read", "dirs", "Review folders to read"),
];

/// English about of each command.
const ABOUT_EN: &[(&str, &str)] = &[
    ("soket", "Mid-term review (sơ kết) report compiler"),
    (
        "init",
        "Create a new review folder: settings, catalog, unit list, templates and one entry workbook per unit",
    ),
    ("check", "Check every input file; exit 1 on errors"),
    ("build", "Check, aggregate, evaluate and write the report"),
    (
        "vars",
        "List the names a template can use, with their meaning and current value",
    ),
    (
        "render",
        "Fill any Word template from a JSON file (like docxtpl)",
    ),
    (
        "mau-nhap",
        "Write the data-entry workbooks again, one per unit",
    ),
    (
        "bench-read",
        "Time opening and reading every data file (the read floor, for benchmarks)",
    ),
];

/// The example section of each command: (command, Vietnamese, English).
const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "soket",
        "Bắt đầu:\n  soket init bao-cao-2023             tạo thư mục báo cáo\n  soket check bao-cao-2023            xem đơn vị nào đã gửi, còn thiếu gì\n  soket build bao-cao-2023            ghi báo cáo vào bao-cao-2023/ket-qua/\n\nMã thoát: 0 thành công, 1 số liệu hoặc mẫu có lỗi, 2 dòng lệnh sai.\nXem trợ giúp từng lệnh: soket check --help",
        "Getting started:\n  soket init bao-cao-2023             create a review folder\n  soket check bao-cao-2023            see which units sent their file, what is missing\n  soket build bao-cao-2023            write the report to bao-cao-2023/ket-qua/\n\nExit codes: 0 success, 1 errors in the input or a template, 2 usage errors.\nHelp of one command: soket check --help",
    ),
    (
        "init",
        "Ví dụ:\n  soket init bao-cao-2023\n  soket init bao-cao-2023 --don-vi danh-sach-phuong.xlsx",
        "Examples:\n  soket init bao-cao-2023\n  soket init bao-cao-2023 --don-vi units.xlsx",
    ),
    (
        "check",
        "Ví dụ:\n  soket check bao-cao-2023\n  soket check bao-cao-2023 --json > kiem-tra.json\n  soket check bao-cao-2023 --lang en",
        "Examples:\n  soket check bao-cao-2023\n  soket check bao-cao-2023 --json > check.json\n  soket check bao-cao-2023 --lang en",
    ),
    (
        "build",
        "Ví dụ:\n  soket build bao-cao-2023\n  soket build bao-cao-2023 -o /tmp/ket-qua\n  soket build thanh-pho/ --json -q      mọi quận và bảng tổng hợp thành phố\n  soket build bao-cao-2023 --watch      tự chạy lại khi có tệp mới",
        "Examples:\n  soket build bao-cao-2023\n  soket build bao-cao-2023 -o /tmp/out\n  soket build city/ --json -q           every district and the city roll-up\n  soket build bao-cao-2023 --watch      rebuild when a file arrives",
    ),
    (
        "vars",
        "Ví dụ:\n  soket vars bao-cao-2023\n  soket vars bao-cao-2023 GD01\n  soket vars bao-cao-2023 \"ct.*.ty_le\"\n  soket vars bao-cao-2023 --json",
        "Examples:\n  soket vars bao-cao-2023\n  soket vars bao-cao-2023 GD01\n  soket vars bao-cao-2023 \"ct.*.ty_le\"\n  soket vars bao-cao-2023 --json",
    ),
    (
        "render",
        "Ví dụ:\n  soket render mau.docx bao-cao-2023/ket-qua/ket-qua.json -o bao-cao.docx",
        "Example:\n  soket render template.docx bao-cao-2023/ket-qua/ket-qua.json -o report.docx",
    ),
    (
        "mau-nhap",
        "Ví dụ:\n  soket mau-nhap bao-cao-2023\n  soket mau-nhap bao-cao-2023 -o /tmp/bieu-gui-phuong",
        "Examples:\n  soket mau-nhap bao-cao-2023\n  soket mau-nhap bao-cao-2023 -o /tmp/to-send",
    ),
    (
        "bench-read",
        "Ví dụ:\n  soket bench-read thanh-pho/",
        "Example:\n  soket bench-read city/",
    ),
];

/// Headings and clap's own words, per language.
struct Words {
    usage: &'static str,
    args: &'static str,
    options: &'static str,
    commands: &'static str,
    command_value: &'static str,
    options_value: &'static str,
    help: &'static str,
    version: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Vi => Words {
            usage: "Cách dùng",
            args: "Đối số",
            options: "Tùy chọn",
            commands: "Lệnh",
            command_value: "LỆNH",
            options_value: "[TÙY CHỌN]",
            help: "In trợ giúp này",
            version: "In số phiên bản",
        },
        Lang::En => Words {
            usage: "Usage",
            args: "Arguments",
            options: "Options",
            commands: "Commands",
            command_value: "COMMAND",
            options_value: "[OPTIONS]",
            help: "Print this help",
            version: "Print the version",
        },
    }
}

fn lookup<'a>(table: &'a [(&str, &str, &str)], cmd: &str, id: &str) -> Option<&'a str> {
    table
        .iter()
        .find(|(c, i, _)| *c == cmd && *i == id)
        .map(|(_, _, t)| *t)
}

/// The command tree in `lang`: help of every argument, about, examples,
/// headings, and Vietnamese or English `-h`/`-V`.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    let cmd = localize_one(cmd, lang, true);
    cmd.disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(words(lang).version)
                .help_heading(words(lang).options),
        )
}

fn localize_one(mut cmd: Command, lang: Lang, root: bool) -> Command {
    let w = words(lang);
    let name = if root {
        "soket".to_string()
    } else {
        cmd.get_name().to_string()
    };
    if lang == Lang::En {
        if let Some((_, about)) = ABOUT_EN.iter().find(|(c, _)| *c == name) {
            cmd = cmd.about(*about);
        }
        let n = name.clone();
        cmd = cmd.mut_args(move |a| {
            // A global argument is described where it is defined (the root).
            let owner = if a.is_global_set() {
                "soket"
            } else {
                n.as_str()
            };
            match lookup(ARGS_EN, owner, a.get_id().as_str()) {
                Some(t) => a.help(t),
                None => a,
            }
        });
    }
    if let Some((_, vi, en)) = EXAMPLES.iter().find(|(c, _, _)| *c == name) {
        cmd = cmd.after_help(match lang {
            Lang::Vi => *vi,
            Lang::En => *en,
        });
    }
    let (args_h, opts_h) = (w.args, w.options);
    cmd = cmd
        .mut_args(move |a| {
            // clap would add "[possible values: …]" and "[default: …]" in
            // English: the help texts name them instead.
            let a = if a.get_action().takes_values() {
                a.hide_possible_values(true).hide_default_value(true)
            } else {
                a
            };
            if a.get_help_heading().is_some() {
                a
            } else if a.is_positional() {
                a.help_heading(args_h)
            } else {
                a.help_heading(opts_h)
            }
        })
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(w.help)
                .help_heading(opts_h),
        )
        .subcommand_help_heading(w.commands)
        .subcommand_value_name(w.command_value)
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            w.usage
        ));
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        cmd = cmd.mut_subcommand(s, |c| localize_one(c, lang, false));
    }
    cmd
}

/// Help or usage text with clap's remaining English words (inside the
/// generated usage line) in `lang`.
pub fn finish(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => text.to_string(),
        Lang::Vi => text
            .replace("[OPTIONS]", words(lang).options_value)
            .replace("Usage: ", "Cách dùng: "),
    }
}

fn strings(v: &ContextValue) -> Vec<String> {
    match v {
        ContextValue::String(s) => vec![s.clone()],
        ContextValue::Strings(v) => v.clone(),
        ContextValue::StyledStr(s) => vec![s.to_string()],
        ContextValue::StyledStrs(v) => v.iter().map(ToString::to_string).collect(),
        ContextValue::Number(n) => vec![n.to_string()],
        ContextValue::Bool(b) => vec![b.to_string()],
        _ => vec![],
    }
}

fn quoted(v: &[String]) -> String {
    v.iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A usage error in `lang`: the sentence, the usage line and where to find
/// more, built from the error's kind and context rather than its English
/// text.
///
/// `args` and `cmd` give the usage line of the command typed when clap's
/// error carries none (an invalid value).
pub fn usage_error(e: &clap::Error, lang: Lang, args: &[String], cmd: &Command) -> String {
    let get = |k: ContextKind| e.get(k).map(strings).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let valid = get(ContextKind::ValidValue);
    let sub = get(ContextKind::InvalidSubcommand);
    let suggest: Vec<String> = get(ContextKind::SuggestedSubcommand)
        .into_iter()
        .chain(get(ContextKind::SuggestedArg))
        .chain(get(ContextKind::SuggestedValue))
        .collect();
    let vi = lang == Lang::Vi;
    let mut msg = match e.kind() {
        ErrorKind::InvalidSubcommand if vi => format!("không có lệnh {}", quoted(&sub)),
        ErrorKind::InvalidSubcommand => format!("no command {}", quoted(&sub)),
        ErrorKind::UnknownArgument if vi => {
            format!("không có tùy chọn hay đối số {}", quoted(&arg))
        }
        ErrorKind::UnknownArgument => format!("unknown option or argument {}", quoted(&arg)),
        ErrorKind::MissingRequiredArgument if vi => {
            format!("thiếu đối số bắt buộc: {}", arg.join(", "))
        }
        ErrorKind::MissingRequiredArgument => {
            format!("a required argument is missing: {}", arg.join(", "))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            if vi =>
        {
            "thiếu lệnh (init, check, build, vars, render, mau-nhap)".to_string()
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "a command is missing (init, check, build, vars, render, mau-nhap)".to_string()
        }
        ErrorKind::InvalidValue if vi && value.iter().all(String::is_empty) => {
            format!("{} cần một giá trị", arg.join(", "))
        }
        ErrorKind::InvalidValue if value.iter().all(String::is_empty) => {
            format!("{} needs a value", arg.join(", "))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if vi => {
            let mut m = format!(
                "giá trị {} không hợp lệ cho {}",
                quoted(&value),
                arg.join(", ")
            );
            if !valid.is_empty() {
                m.push_str(&format!("; giá trị hợp lệ: {}", valid.join(", ")));
            }
            m
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut m = format!("invalid value {} for {}", quoted(&value), arg.join(", "));
            if !valid.is_empty() {
                m.push_str(&format!("; possible values: {}", valid.join(", ")));
            }
            m
        }
        ErrorKind::ArgumentConflict if vi => format!(
            "{} không dùng cùng {}",
            arg.join(", "),
            get(ContextKind::PriorArg).join(", ")
        ),
        ErrorKind::ArgumentConflict => format!(
            "{} cannot be used with {}",
            arg.join(", "),
            get(ContextKind::PriorArg).join(", ")
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues
            if vi =>
        {
            format!("số giá trị không đúng cho {}", arg.join(", "))
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("wrong number of values for {}", arg.join(", "))
        }
        _ if vi => "dòng lệnh không hợp lệ".to_string(),
        _ => "invalid command line".to_string(),
    };
    if let Some(s) = suggest.first() {
        msg.push_str(&if vi {
            format!(" (ý bạn là '{s}'?)")
        } else {
            format!(" (did you mean '{s}'?)")
        });
    }
    let usage = get(ContextKind::Usage)
        .first()
        .cloned()
        .or_else(|| {
            let mut root = cmd.clone();
            root.build();
            let name = args
                .iter()
                .skip(1)
                .find(|a| root.find_subcommand(a.as_str()).is_some())?;
            Some(root.find_subcommand_mut(name)?.render_usage().to_string())
        })
        .map(|u| u.trim().trim_start_matches("Usage:").trim().to_string())
        .unwrap_or_else(|| format!("soket <{}>", words(lang).command_value));
    // "soket check [OPTIONS] <DIR>" → "soket check"
    let command: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    let command = if command.is_empty() {
        "soket".to_string()
    } else {
        command.join(" ")
    };
    let usage =
        finish(&usage, lang).replace("<COMMAND>", &format!("<{}>", words(lang).command_value));
    let (label, more, more_text) = if vi {
        ("lỗi", words(lang).usage, "Xem thêm")
    } else {
        ("error", words(lang).usage, "For more")
    };
    format!("{label}: {msg}\n\n{more}: {usage}\n\n{more_text}: {command} --help\n")
}
