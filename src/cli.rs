//! Command-line interface (clap). Kept apart from `main.rs` so tests can
//! call it in-process; `main` only maps the returned code to the exit code.

use crate::check::{Kind, Lang, Problem, RunKind, Severity};
use crate::pipeline::{self, BuildOptions, Built};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "soket",
    version,
    about = "Trình biên dịch báo cáo sơ kết giữa nhiệm kỳ (mid-term review report compiler)"
)]
pub struct Cli {
    /// Ngôn ngữ của trợ giúp và thông báo: vi hoặc en (mặc định vi; hoặc SOKET_LANG=en)
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Tạo thư mục báo cáo mới: cài đặt, danh mục, danh sách đơn vị, mẫu và biểu nhập liệu cho từng đơn vị
    Init {
        /// Thư mục báo cáo mới (được tạo, hoặc điền vào thư mục trống)
        dir: PathBuf,
        /// Danh sách đơn vị của cơ quan (xlsx hoặc csv: Mã, Tên, các cột trọng số nếu có) thay cho chỗ trống
        #[arg(long, value_name = "FILE")]
        don_vi: Option<PathBuf>,
        /// Báo cáo của một tỉnh, thành phố: don-vi là các xã, phường, đặc khu chính thức từ 01/7/2025 (ví dụ "Thành phố Hà Nội")
        #[arg(long, conflicts_with = "don_vi")]
        tinh: Option<String>,
        /// Báo cáo định kỳ: kỳ báo cáo (ví dụ "9 tháng 2026", "Quý III/2026", "2026")
        #[arg(long)]
        ky: Option<String>,
    },
    /// Kiểm tra mọi tệp đầu vào; mã thoát 1 khi có lỗi
    Check {
        /// Thư mục báo cáo (chứa soket.toml)
        dir: PathBuf,
        /// In kết quả dạng JSON ra stdout (cho script)
        #[arg(long)]
        json: bool,
    },
    /// Kiểm tra, tổng hợp, đánh giá và xuất báo cáo
    Build {
        /// Thư mục báo cáo, nhiều thư mục, hoặc thư mục cha chứa các thư mục báo cáo
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Thư mục kết quả (mặc định: DIR/ket-qua)
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// In bản tóm tắt JSON ra stdout
        #[arg(long)]
        json: bool,
        /// Không in gì ngoài lỗi
        #[arg(short, long)]
        quiet: bool,
        /// In thời gian từng bước
        #[arg(short, long)]
        verbose: bool,
        /// Vẫn xuất báo cáo khi số liệu có lỗi (mã thoát vẫn là 1)
        #[arg(long)]
        force: bool,
        /// Chạy liên tục: tổng hợp lại mỗi khi một tệp trong so-lieu/ hoặc mau/ thay đổi (Ctrl+C để dừng)
        #[arg(long, conflicts_with = "json")]
        watch: bool,
        /// Dựng lại mọi báo cáo, bỏ qua những gì lần trước đã dựng
        #[arg(long)]
        full: bool,
    },
    /// Liệt kê mọi tên dùng được trong mẫu, kèm ý nghĩa và giá trị hiện tại
    Vars {
        /// Thư mục báo cáo
        dir: PathBuf,
        /// Chỉ in các tên khớp: một mã (GD01) hoặc mẫu có * ("ct.*.ty_le")
        pattern: Option<String>,
        /// In toàn bộ dữ liệu của mẫu dạng JSON (= ket-qua.json)
        #[arg(long)]
        json: bool,
    },
    /// Điền một mẫu Word bất kỳ từ tệp JSON (như lệnh của docxtpl)
    Render {
        /// Mẫu Word (.docx) cần điền
        template: PathBuf,
        /// Dữ liệu JSON (ví dụ một tệp ket-qua.json)
        context: PathBuf,
        /// Tệp Word sẽ ghi
        #[arg(short, long)]
        out: PathBuf,
        /// Tên không có trong dữ liệu được điền rỗng (sai trong {% if %}) như docxtpl,
        /// mỗi tên một cảnh báo; mặc định là lỗi
        #[arg(long)]
        lenient: bool,
        /// Cách làm tròn của các bộ lọc số: gan_nhat (làm tròn) hoặc cat_bo (cắt bỏ); mặc định theo so_lieu.lam_tron của dữ liệu JSON, nếu không có thì gan_nhat
        #[arg(long, value_parser = ["gan_nhat", "cat_bo"])]
        lam_tron: Option<String>,
    },
    /// Đo thời gian chỉ mở và đọc mọi tệp số liệu (the read floor, for benchmarks)
    #[command(hide = true)]
    BenchRead {
        /// Các thư mục báo cáo cần đọc
        dirs: Vec<PathBuf>,
    },
    /// Tạo lại biểu nhập liệu cho từng đơn vị
    MauNhap {
        /// Thư mục báo cáo
        dir: PathBuf,
        /// Thư mục ghi biểu để gửi đi (mặc định: DIR/bieu-nhap; tệp nhận về chép vào DIR/so-lieu)
        #[arg(short, long)]
        out: Option<PathBuf>,
    },
}

/// The command tree with its help and examples in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    crate::cli_text::localize(Cli::command(), lang)
}

/// Parse `args` (the program name first) in the language they ask for;
/// a usage error or help comes back as the text to print and the exit code.
pub fn parse(args: &[String], env_lang: Option<&str>) -> Result<(Cli, Lang), (String, i32)> {
    let asked = crate::cli_text::lang_from_args(args, env_lang);
    let cmd = command(asked);
    let parsed = cmd
        .clone()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => {
            let lang = cli.lang.as_deref().map_or(asked, crate::cli_text::lang_of);
            Ok((cli, lang))
        }
        Err(e) => match e.kind() {
            clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                Err((crate::cli_text::finish(&e.to_string(), asked), 0))
            }
            _ => Err((crate::cli_text::usage_error(&e, asked, args, &cmd), 2)),
        },
    }
}

/// Run the command line; returns the exit code.
pub fn main() -> i32 {
    // A parser panic on a damaged file is caught and reported as a problem
    // on that file; the clerk need not see Rust's panic message too.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::workbook::grid::in_guarded_parse() {
            default_hook(info);
        }
    }));
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let env_lang = std::env::var("SOKET_LANG").ok();
    match parse(&args, env_lang.as_deref()) {
        Ok((cli, lang)) => run(cli.command, lang),
        Err((text, 0)) => {
            print!("{text}");
            0
        }
        Err((text, code)) => {
            eprint!("{text}");
            code
        }
    }
}

pub fn run(command: Command, lang: Lang) -> i32 {
    match command {
        Command::Init {
            dir,
            don_vi,
            tinh,
            ky,
        } => init(&dir, &crate::init::InitOptions { don_vi, tinh, ky }, lang),
        Command::Check { dir, json } => check(&dir, lang, json),
        Command::Build {
            dirs,
            out,
            json,
            quiet,
            verbose,
            force,
            watch,
            full,
        } => {
            let opts = BuildOptions {
                force,
                full,
                ..BuildOptions::default()
            };
            if watch {
                build_watch(&dirs, out.as_deref(), &opts, quiet, verbose, lang)
            } else {
                build(&dirs, out.as_deref(), &opts, json, quiet, verbose, lang)
            }
        }
        Command::Vars { dir, pattern, json } => vars(&dir, pattern.as_deref(), json, lang),
        Command::Render {
            template,
            context,
            out,
            lam_tron,
            lenient,
        } => render(
            &template,
            &context,
            &out,
            lam_tron.as_deref(),
            lenient,
            lang,
        ),
        Command::MauNhap { dir, out } => mau_nhap(&dir, out.as_deref(), lang),
        Command::BenchRead { dirs } => bench_read(&dirs),
    }
}

/// Problems for `--json`: the context's fields, `loai` (the kind's stable
/// code, which scripts match rather than the words), `o` and `thong_diep`
/// in the run's language (`--lang`: `dòng 6` or `line 6`) and
/// `thong_diep_en` in English, whatever `--lang` says, so that a script
/// reads every message in English too.
fn problems_json(problems: &[Problem], lang: Lang) -> Vec<serde_json::Value> {
    problems
        .iter()
        .map(|p| {
            let mut v = serde_json::to_value(p).unwrap_or_default();
            v["loai"] = serde_json::Value::String(p.kind.code().into());
            if let Some(o) = p.o_in(lang) {
                v["o"] = serde_json::Value::String(o);
            }
            v["thong_diep"] = serde_json::Value::String(p.message(lang));
            v["thong_diep_en"] = serde_json::Value::String(p.message_en());
            v
        })
        .collect()
}

fn print_problems(problems: &[Problem], lang: Lang) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "{}", p.display(lang));
    }
}

fn summary_line(problems: &[Problem], lang: Lang) -> String {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Loi)
        .count();
    let warnings = problems.len() - errors;
    match lang {
        Lang::Vi => format!("{errors} lỗi, {warnings} cảnh báo"),
        Lang::En => format!("{errors} errors, {warnings} warnings"),
    }
}

fn init(dir: &Path, opts: &crate::init::InitOptions, lang: Lang) -> i32 {
    if let Some(f) = opts.don_vi.as_deref().filter(|f| !f.is_file()) {
        let p = Problem::error(Kind::Run(RunKind::UnitListNotFound {
            path: f.display().to_string(),
        }));
        print_problems(&[p], lang);
        return 2;
    }
    match crate::init::init_with(dir, opts) {
        Ok(files) => {
            let entry = dir.join(crate::init::ENTRY_DIR);
            let sent = files.iter().filter(|f| f.starts_with(&entry)).count();
            let pending = if sent == 0 {
                Pending::All
            } else {
                let (review, _) = crate::review::load(dir);
                match review {
                    Some(r)
                        if crate::render::entry::needs_district_workbook(&r)
                            && !crate::render::entry::has_district_workbook(&r) =>
                    {
                        Pending::District
                    }
                    _ => Pending::None,
                }
            };
            match lang {
                Lang::Vi => println!(
                    "Đã tạo thư mục báo cáo {} ({} tệp).",
                    dir.display(),
                    files.len()
                ),
                Lang::En => println!(
                    "Created the review folder {} ({} files).",
                    dir.display(),
                    files.len()
                ),
            }
            print!("{}", next_steps(dir, &entry, sent, pending, lang));
            0
        }
        Err(p) => {
            print_problems(&[p], lang);
            1
        }
    }
}

/// Which entry workbooks are still to be written by `soket mau-nhap`.
#[derive(Clone, Copy, PartialEq)]
enum Pending {
    /// None yet: the unit list holds placeholders.
    All,
    /// The district's own, until `so_lieu.ten_don_vi` is filled in.
    District,
    None,
}

/// The three next steps `init` and `mau-nhap` end with: what to send,
/// where to put what comes back, what to run.
fn next_steps(dir: &Path, entry: &Path, sent: usize, pending: Pending, lang: Lang) -> String {
    let d = dir.display();
    let e = entry.display();
    let data = dir.join("so-lieu");
    let data = data.display();
    let out = dir.join("ket-qua");
    let out = out.display();
    let send = match (pending, lang) {
        (Pending::All, Lang::Vi) => format!(
            "điền các chỗ \"…\" trong soket.toml và don-vi (soket check {d} chỉ ra từng chỗ), chạy soket mau-nhap {d}, rồi gửi cho mỗi đơn vị biểu của mình trong {e}/."
        ),
        (Pending::All, Lang::En) => format!(
            "fill in every \"…\" in soket.toml and don-vi (soket check {d} points at each), run soket mau-nhap {d}, then send each unit its workbook in {e}/."
        ),
        (Pending::District, Lang::Vi) => format!(
            "gửi cho mỗi đơn vị biểu của mình trong {e}/ ({sent} biểu); biểu cấp quận: điền các chỗ \"…\" trong soket.toml rồi chạy soket mau-nhap {d}."
        ),
        (Pending::District, Lang::En) => format!(
            "send each unit its workbook in {e}/ ({sent} workbooks); the district's own: fill in every \"…\" in soket.toml, then run soket mau-nhap {d}."
        ),
        (Pending::None, Lang::Vi) => {
            format!("gửi cho mỗi đơn vị biểu của mình trong {e}/ ({sent} biểu).")
        }
        (Pending::None, Lang::En) => {
            format!("send each unit its workbook in {e}/ ({sent} workbooks).")
        }
    };
    match lang {
        Lang::Vi => format!(
            "Tiếp theo:\n  1. Gửi: {send}\n  2. Nhận: chép các tệp các đơn vị gửi lại vào {data}/.\n  3. Chạy: soket check {d} (ai đã gửi, còn thiếu gì), rồi soket build {d} (báo cáo ở {out}/).\n"
        ),
        Lang::En => format!(
            "Next:\n  1. Send: {send}\n  2. Receive: copy the files the units send back into {data}/.\n  3. Run: soket check {d} (who has sent, what is missing), then soket build {d} (the report goes to {out}/).\n"
        ),
    }
}

/// A folder named on the command line that does not exist is a usage
/// error (exit 2), the same for every command; a folder that exists but is
/// not a review is an input error (exit 1), found by the command itself.
fn missing_folder(dir: &Path, lang: Lang) -> Option<i32> {
    if dir.is_dir() {
        return None;
    }
    let p = Problem::error(Kind::Run(RunKind::FolderNotFound {
        path: dir.display().to_string(),
    }));
    print_problems(&[p], lang);
    Some(2)
}

fn check(dir: &Path, lang: Lang, json: bool) -> i32 {
    if let Some(code) = missing_folder(dir, lang) {
        return code;
    }
    let checked = pipeline::check(dir);
    let units = crate::status::of(&checked);
    if json {
        let out = serde_json::json!({
            "thu_muc": dir.display().to_string(),
            "don_vi": units,
            "loi": checked.problems.iter().filter(|p| p.is_error()).count(),
            "canh_bao": checked.problems.iter().filter(|p| !p.is_error()).count(),
            "van_de": problems_json(&checked.problems, lang),
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        // Where each unit stands first, then the problems one by one.
        print!("{}", crate::status::table(&units, &checked, lang));
        let _ = std::io::stdout().flush();
        print_problems(&checked.problems, lang);
        let ok = match lang {
            Lang::Vi => "Số liệu hợp lệ",
            Lang::En => "Input is valid",
        };
        if checked.has_errors() {
            eprintln!("{}", summary_line(&checked.problems, lang));
        } else {
            eprintln!("{ok} ({})", summary_line(&checked.problems, lang));
        }
    }
    i32::from(checked.has_errors())
}

#[allow(clippy::too_many_arguments)]
fn build(
    dirs: &[PathBuf],
    out: Option<&Path>,
    opts: &BuildOptions,
    json: bool,
    quiet: bool,
    verbose: bool,
    lang: Lang,
) -> i32 {
    let started = std::time::Instant::now();
    let plan = match crate::batch::plan(dirs, out) {
        Ok(p) => p,
        Err(p) => {
            print_problems(&[p], lang);
            return 2;
        }
    };
    let _locks = match lock_outputs(&plan) {
        Ok(l) => l,
        Err(p) => {
            print_problems(&[p], lang);
            return 1;
        }
    };
    let progress = !quiet && !json && std::io::stderr().is_terminal();
    let results: Vec<Built> = crate::batch::run(&plan, opts, progress);
    let mut failed = false;
    for b in &results {
        failed |= !b.ok();
        if !quiet || b.problems.iter().any(Problem::is_error) {
            let shown: Vec<Problem> = b
                .problems
                .iter()
                .filter(|p| !quiet || p.is_error())
                .cloned()
                .collect();
            if results.len() > 1 && !shown.is_empty() {
                eprintln!("== {} ==", b.name);
            }
            print_problems(&shown, lang);
        }
        if verbose {
            for (file, took) in &b.file_times {
                eprintln!("{}: {file}: {:.1} ms", b.name, took.as_secs_f64() * 1000.0);
            }
            let (read, total) = match lang {
                Lang::Vi => ("đọc", "tổng"),
                Lang::En => ("read", "total"),
            };
            eprintln!(
                "{}: {read} {:.0} ms, {total} {:.0} ms",
                b.name,
                b.read_time.as_secs_f64() * 1000.0,
                b.elapsed.as_secs_f64() * 1000.0
            );
        }
        if !quiet && !json {
            if b.files.is_empty() {
                let none = b.not_written(lang);
                eprintln!("{}: {none} ({})", b.name, summary_line(&b.problems, lang));
            } else {
                let text = b
                    .tong_ket
                    .as_ref()
                    .map(|t| t.line(lang))
                    .unwrap_or_default();
                let wrote = match (lang, b.unchanged) {
                    (Lang::Vi, false) => "đã ghi",
                    (Lang::En, false) => "wrote",
                    (Lang::Vi, true) => "không đổi, giữ nguyên",
                    (Lang::En, true) => "unchanged, kept",
                };
                eprintln!(
                    "{}: {wrote} {} — {} ({})",
                    b.name,
                    b.out_dir.display(),
                    text,
                    summary_line(&b.problems, lang)
                );
            }
        }
    }
    if json {
        let reviews: Vec<serde_json::Value> = results
            .iter()
            .map(|b| {
                serde_json::json!({
                    "ten": b.name,
                    "trang_thai": if b.ok() { "ok" } else { "loi" },
                    "thu_muc_ket_qua": b.out_dir.display().to_string(),
                    "tep": b.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
                    "loi": b.count(Severity::Loi),
                    "canh_bao": b.count(Severity::CanhBao),
                    "tong_ket": b.tong_ket,
                    "thoi_gian_ms": (b.elapsed.as_secs_f64() * 1000.0).round(),
                    "khong_doi": b.unchanged,
                    "van_de": problems_json(&b.problems, lang),
                })
            })
            .collect();
        let summary = serde_json::json!({
            "trang_thai": if failed { "loi" } else { "ok" },
            "so_bao_cao": results.len(),
            "thoi_gian_ms": (started.elapsed().as_secs_f64() * 1000.0).round(),
            "bao_cao": reviews,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&summary).unwrap_or_default()
        );
    }
    i32::from(failed)
}

/// `build --watch`: build, then rebuild whenever a watched input changes,
/// printing which files changed and the new status lines.
fn build_watch(
    dirs: &[PathBuf],
    out: Option<&Path>,
    opts: &BuildOptions,
    quiet: bool,
    verbose: bool,
    lang: Lang,
) -> i32 {
    use crate::watch::{Snapshot, wait_for_change};
    let reviews: Vec<PathBuf> = match crate::batch::plan(dirs, out) {
        Ok(plan) => plan.jobs.into_iter().map(|j| j.dir).collect(),
        Err(p) => {
            print_problems(&[p], lang);
            return 2;
        }
    };
    // SOKET_WATCH_BUILDS stops after that many builds (for tests).
    let limit: Option<usize> = std::env::var("SOKET_WATCH_BUILDS")
        .ok()
        .and_then(|v| v.parse().ok());
    let mut last = Snapshot::take(&reviews);
    let mut code = build(dirs, out, opts, false, quiet, verbose, lang);
    let mut builds = 1;
    loop {
        if limit.is_some_and(|n| builds >= n) {
            return code;
        }
        eprintln!(
            "{}",
            match lang {
                Lang::Vi =>
                    "đang theo dõi so-lieu/, mau/ và tệp cài đặt; tổng hợp lại khi có tệp thay đổi (Ctrl+C để dừng)",
                Lang::En =>
                    "watching so-lieu/, mau/ and the settings; rebuilding when a file changes (Ctrl+C to stop)",
            }
        );
        let (changed, now) = wait_for_change(&reviews, &last);
        last = now;
        let names: Vec<String> = changed
            .iter()
            .map(|p| {
                reviews
                    .iter()
                    .find_map(|r| p.strip_prefix(r).ok())
                    .unwrap_or(p)
                    .display()
                    .to_string()
            })
            .collect();
        let shown = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
        let more = names.len().saturating_sub(3);
        let time = chrono::Local::now().format("%H:%M:%S");
        eprintln!(
            "{}",
            match (lang, more) {
                (Lang::Vi, 0) => format!("{time}: {shown} thay đổi"),
                (Lang::Vi, n) => format!("{time}: {shown} và {n} tệp khác thay đổi"),
                (Lang::En, 0) => format!("{time}: {shown} changed"),
                (Lang::En, n) => format!("{time}: {shown} and {n} more files changed"),
            }
        );
        code = build(dirs, out, opts, false, quiet, verbose, lang);
        builds += 1;
    }
}

fn vars(dir: &Path, pattern: Option<&str>, json: bool, lang: Lang) -> i32 {
    if let Some(code) = missing_folder(dir, lang) {
        return code;
    }
    let checked = pipeline::check(dir);
    let Some(ctx) = checked.context() else {
        print_problems(&checked.problems, lang);
        return 1;
    };
    let pattern = pattern.map(crate::vars::Pattern::new);
    if json {
        let shown = match &pattern {
            Some(p) => crate::vars::prune(&ctx, "", p).unwrap_or_else(|| serde_json::json!({})),
            None => ctx,
        };
        // A closed pipe (`| head`) ends the listing quietly.
        let _ = writeln!(
            std::io::stdout().lock(),
            "{}",
            serde_json::to_string_pretty(&shown).unwrap_or_default()
        );
        return 0;
    }
    let groups = crate::vars::listing(&ctx, pattern.as_ref(), lang);
    let mut out = std::io::stdout().lock();
    if groups.is_empty() {
        // Nothing matched: say so (and how patterns work) rather than print nothing.
        print_problems(&[Problem::error(Kind::Run(RunKind::NoNameMatches))], lang);
        return 1;
    }
    let _ = write!(out, "{}", crate::vars::to_text(&groups));
    // The filters, so that the listing is all a template author needs.
    let example = groups
        .iter()
        .flat_map(|g| &g.lines)
        .find(|l| l.name.starts_with("ct.") && l.name.ends_with(".gia_tri"))
        .map_or("ct.MA.gia_tri", |l| l.name.as_str());
    let _ = writeln!(
        out,
        "\n# {}: so(số_lẻ=0) pt(số_lẻ=1) tien(dvt=\"đ\") ngay phan_so(mẫu) danh_gia bang_chu la_ma — {} {{{{ {example} | so(1) }}}}",
        if lang == Lang::Vi {
            "bộ lọc"
        } else {
            "filters"
        },
        if lang == Lang::Vi { "ví dụ" } else { "e.g." },
    );
    0
}

/// Lock every output folder of the plan (one build at a time per folder)
/// and clear what killed runs left there; the locks are held until dropped.
fn lock_outputs(plan: &crate::batch::Plan) -> Result<Vec<crate::output::OutputLock>, Problem> {
    use crate::output::{LOCK_WAIT, OutputLock, remove_stale_temps};
    let outs = plan.outputs();
    let mut locks = Vec::with_capacity(outs.len());
    for out in outs {
        match OutputLock::acquire(out, LOCK_WAIT) {
            Ok(lock) => {
                remove_stale_temps(out);
                locks.push(lock);
            }
            Err(holder) => {
                return Err(Problem::error(Kind::Run(RunKind::OutputLocked {
                    holder,
                    secs: LOCK_WAIT.as_secs(),
                }))
                .file(out.display().to_string()));
            }
        }
    }
    Ok(locks)
}

fn render(
    template: &Path,
    context: &Path,
    out: &Path,
    lam_tron: Option<&str>,
    lenient: bool,
    lang: Lang,
) -> i32 {
    let usage = |kind: RunKind| {
        print_problems(&[Problem::error(Kind::Run(kind))], lang);
        1
    };
    // Writing over the template (or the context) would destroy an input.
    for input in [template, context] {
        if crate::output::resolved(out) == crate::output::resolved(input) {
            print_problems(
                &[Problem::error(Kind::Run(RunKind::OutputIsInput {
                    path: out.display().to_string(),
                }))],
                lang,
            );
            return 2;
        }
    }
    let bytes = match std::fs::read(template) {
        Ok(b) => b,
        Err(e) => {
            return usage(RunKind::CannotReadTemplate {
                path: template.display().to_string(),
                error: e.to_string(),
            });
        }
    };
    let ctx: serde_json::Value = match std::fs::read(context)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => {
            return usage(RunKind::CannotReadJson {
                path: context.display().to_string(),
                error: e,
            });
        }
    };
    let (clean, warnings) =
        crate::read::template::sanitize(&bytes, &template.display().to_string());
    print_problems(&warnings, lang);
    let bytes = clean.unwrap_or(bytes);
    // The build's rounding travels in its context: a report rendered again
    // from ket-qua.json shows the digits the annex and the build showed.
    let rounding = match lam_tron {
        Some("cat_bo") => crate::vn::Rounding::Truncate,
        Some(_) => crate::vn::Rounding::HalfAwayFromZero,
        None => crate::render::context::SoLieuEntry::of_json(&ctx).lam_tron,
    };
    let env = crate::render::environment(rounding);
    let name = template
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match crate::render::docx::render_docx_with(
        &bytes,
        &name,
        &env,
        &crate::render::view(std::sync::Arc::new(ctx)),
        crate::render::docx::Options { lenient },
    ) {
        Ok(doc) => match crate::output::write_atomic(out, &{
            let warnings: Vec<Problem> = doc.warnings.iter().map(|w| w.to_warning()).collect();
            print_problems(&warnings, lang);
            doc.bytes
        }) {
            Ok(()) => 0,
            Err(e) => usage(RunKind::CannotWrite {
                path: out.display().to_string(),
                error: e.to_string(),
            }),
        },
        Err(errors) => {
            let problems: Vec<Problem> = errors.iter().map(|e| e.to_problem()).collect();
            print_problems(&problems, lang);
            1
        }
    }
}

fn mau_nhap(dir: &Path, out: Option<&Path>, lang: Lang) -> i32 {
    if let Some(code) = missing_folder(dir, lang) {
        return code;
    }
    let (review, problems) = crate::review::load(dir);
    // Workbooks named after placeholders or a broken unit list would be
    // sent out and never recognised when they come back.
    let unit_errors: Vec<Problem> = problems
        .iter()
        .filter(|p| p.is_error() && p.tep().is_some_and(|f| f.starts_with("don-vi")))
        .cloned()
        .collect();
    let review = match review {
        Some(r) if unit_errors.is_empty() => r,
        Some(_) => {
            print_problems(&unit_errors, lang);
            return 1;
        }
        None => {
            print_problems(&problems, lang);
            return 1;
        }
    };
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dir.join(crate::init::ENTRY_DIR));
    match crate::render::entry::write_entry_workbooks(&review, &out) {
        Ok(files) => {
            match lang {
                Lang::Vi => println!(
                    "Đã ghi {} biểu nhập liệu vào {}/.",
                    files.len(),
                    out.display()
                ),
                Lang::En => println!(
                    "Wrote {} data-entry workbooks to {}/.",
                    files.len(),
                    out.display()
                ),
            }
            let pending = if crate::render::entry::needs_district_workbook(&review)
                && !crate::render::entry::has_district_workbook(&review)
            {
                Pending::District
            } else {
                Pending::None
            };
            print!("{}", next_steps(dir, &out, files.len(), pending, lang));
            0
        }
        Err(p) => {
            print_problems(&[p], lang);
            1
        }
    }
}

/// Open and parse every ward workbook of the given reviews (in parallel,
/// as `build` does) and nothing else: the floor a full build is compared to.
fn bench_read(dirs: &[PathBuf]) -> i32 {
    use rayon::prelude::*;
    let jobs = match crate::batch::plan(dirs, None) {
        Ok(p) => p.jobs,
        Err(p) => {
            print_problems(&[p], Lang::Vi);
            return 2;
        }
    };
    let started = std::time::Instant::now();
    let files: Vec<PathBuf> = jobs
        .iter()
        .flat_map(|j| {
            std::fs::read_dir(j.dir.join("so-lieu"))
                .map(|rd| {
                    rd.filter_map(Result::ok)
                        .map(|e| e.path())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .collect();
    let cells: usize = files
        .par_iter()
        .map(|f| {
            crate::workbook::grid::open(f, &f.display().to_string())
                .map(|sheets| {
                    sheets
                        .iter()
                        .map(|s| s.rows.iter().map(Vec::len).sum::<usize>())
                        .sum()
                })
                .unwrap_or(0)
        })
        .sum();
    println!(
        "read floor: {} files, {} cells in {:.0} ms",
        files.len(),
        cells,
        started.elapsed().as_secs_f64() * 1000.0
    );
    0
}
