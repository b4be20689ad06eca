//! The bad-input corpus runner.
//!
//! Every case of `bad_support::cases` is written into a temporary review
//! folder and run through `review::load`, `read::ward::read_all` and
//! `figures::compute`. Each must hold these guarantees:
//!
//! - no panic (caught per case, so the report names the case);
//! - fast: every case well under the time bound (the slowest are printed);
//! - the exact problems: every expected problem is reported (severity,
//!   file!sheet!cell, message), and nothing else is, apart from the
//!   warnings that merely follow from a unit's missing data;
//! - nothing silently wrong: a cell reported as an error never feeds a
//!   figure (its value is missing, never a zero), and the figures the case
//!   pins down are exactly as stated.
//!
//! Run with `cargo test --test bad_inputs -- --nocapture` to see the
//! timing table and the known failures.

mod bad_support;

use bad_support::{Case, FigExpect, fuzz_checks, is_consequence};
use soket::check::Problem;
use soket::figures::Figures;
use soket::read::Submission;
use soket::review::Review;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

/// A guard against a case that never ends, not a speed check (speed is
/// measured in `bench/`): the slowest case, two million cells, takes about
/// 4 s in a debug build and 30 s on a machine busy with other builds.
const MAX_CASE_TIME: Duration = Duration::from_secs(120);

/// Peak memory of the whole corpus run (generation included).
const MAX_PEAK_BYTES: u64 = 1 << 30;

/// The process's peak resident memory (Linux `VmHWM`), if known.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

struct Outcome {
    review: Option<Review>,
    submissions: Vec<Submission>,
    figures: Option<Figures>,
    problems: Vec<Problem>,
}

fn run(dir: &Path) -> Outcome {
    let (review, mut problems) = soket::review::load(dir);
    let Some(review) = review else {
        return Outcome {
            review: None,
            submissions: Vec::new(),
            figures: None,
            problems,
        };
    };
    let (submissions, p) = soket::read::ward::read_all(&review);
    problems.extend(p);
    let (figures, p) = soket::figures::compute(&review, &submissions);
    problems.extend(p);
    Outcome {
        review: Some(review),
        submissions,
        figures: Some(figures),
        problems,
    }
}

fn show(p: &Problem) -> String {
    format!("{:?} {}: {}", p.severity, p.where_text(), p.thong_diep())
}

/// Everything wrong with one case's outcome (empty when it passes).
fn judge(case: &Case, out: &Outcome) -> Vec<String> {
    let mut errors = Vec::new();
    // Expected problems, each matched once.
    let mut unmatched: Vec<&Problem> = out.problems.iter().collect();
    for e in &case.expect {
        match unmatched.iter().position(|p| e.matches(p)) {
            Some(i) => {
                unmatched.remove(i);
            }
            None => errors.push(format!("missing {:?} {}: {:?}", e.sev, e.loc, e.msg)),
        }
    }
    for p in unmatched {
        if !is_consequence(p) {
            errors.push(format!("unexpected {}", show(p)));
        }
    }
    if case.no_review != out.review.is_none() {
        errors.push(format!(
            "the review {} load",
            if case.no_review {
                "should not"
            } else {
                "should"
            }
        ));
    }
    // A cell named by an error never feeds a value.
    for p in out
        .problems
        .iter()
        .filter(|p| p.is_error() && p.o().is_some())
    {
        for sub in &out.submissions {
            for v in sub.values.values() {
                if Some(v.source.file.as_str()) == p.tep()
                    && v.source.sheet.as_deref() == p.trang()
                    && v.source.cell == p.o()
                {
                    errors.push(format!(
                        "{} was reported as an error but still gave the value {:?}",
                        p.where_text(),
                        v.value
                    ));
                }
            }
        }
    }
    if let (Some(review), Some(figures)) = (&out.review, &out.figures) {
        for f in &case.figures {
            if let Err(e) = check_figure(review, figures, f) {
                errors.push(e);
            }
        }
        // Any unit value that is present came from a cell.
        for ind in &figures.indicators {
            for y in &ind.years {
                for u in y.units.iter().flatten() {
                    if u.gia_tri.is_some() && u.sources.is_empty() {
                        errors.push(format!(
                            "{} {}: a unit value without a source",
                            ind.ma, y.year
                        ));
                    }
                }
            }
        }
    } else if !case.figures.is_empty() {
        errors.push("figures expected but the review did not load".into());
    }
    if !errors.is_empty() {
        errors.push(format!(
            "all problems:\n      {}",
            out.problems
                .iter()
                .map(show)
                .collect::<Vec<_>>()
                .join("\n      ")
        ));
    }
    errors
}

fn check_figure(review: &Review, figures: &Figures, f: &FigExpect) -> Result<(), String> {
    let ind = figures
        .get(&f.code)
        .ok_or_else(|| format!("no figures for {}", f.code))?;
    let year = ind
        .year(f.year)
        .ok_or_else(|| format!("no year {} for {}", f.year, f.code))?;
    let got = match &f.unit {
        None => year.gia_tri,
        Some(u) => {
            let idx = review.unit_index(u).ok_or_else(|| format!("no unit {u}"))?;
            year.units
                .get(idx)
                .and_then(|v| v.as_ref())
                .and_then(|v| v.gia_tri)
        }
    };
    let got = got.map(|d| d.normalize().to_string());
    if got != f.value {
        return Err(format!(
            "{} {} {}: expected {:?}, got {:?}",
            f.code,
            f.year,
            f.unit.as_deref().unwrap_or("(district)"),
            f.value,
            got
        ));
    }
    Ok(())
}

#[test]
fn bad_input_corpus() {
    let cases = bad_support::cases::all();
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    let mut names = std::collections::HashSet::new();
    for c in &cases {
        assert!(names.insert(c.name.clone()), "two cases named {}", c.name);
    }
    let mut failures = Vec::new();
    let mut known = Vec::new();
    let mut fixed = Vec::new();
    let mut times: Vec<(Duration, String)> = Vec::new();
    let mut not_run = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        if let Some(why) = &case.not_run {
            not_run.push(format!("[{}] {why}", case.name));
            continue;
        }
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(format!("case-{i:03}"));
        case.folder.write(&dir);
        let start = Instant::now();
        let out = catch_unwind(AssertUnwindSafe(|| run(&dir)));
        let took = start.elapsed();
        times.push((took, case.name.clone()));
        let mut errors = match out {
            Ok(out) => judge(case, &out),
            Err(e) => {
                let msg = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                vec![format!("PANIC: {msg}")]
            }
        };
        if took > MAX_CASE_TIME {
            errors.insert(0, format!("took {took:?} (limit {MAX_CASE_TIME:?})"));
        }
        match (&case.known_bug, errors.is_empty()) {
            (None, true) => {}
            (None, false) => {
                failures.push(format!("[{}]\n    {}", case.name, errors.join("\n    ")))
            }
            (Some(why), false) => known.push(format!("[{}] {why}", case.name)),
            (Some(why), true) => fixed.push(format!("[{}] {why}", case.name)),
        }
    }
    times.sort_by_key(|t| std::cmp::Reverse(t.0));
    println!("{} corpus cases; slowest:", cases.len());
    for (t, n) in times.iter().take(5) {
        println!("  {:>8.1} ms  {n}", t.as_secs_f64() * 1000.0);
    }
    if let Some(peak) = peak_rss() {
        println!("peak memory: {} MiB", peak >> 20);
        assert!(peak < MAX_PEAK_BYTES, "peak memory {} MiB", peak >> 20);
    }
    for n in &not_run {
        println!("not run until fixed: {n}");
    }
    if !known.is_empty() {
        println!("known failures (expected_failures):");
        for k in &known {
            println!("  {k}");
        }
    }
    assert!(
        fixed.is_empty(),
        "cases marked known_bug now pass; remove the mark:\n{}",
        fixed.join("\n")
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Crash inputs whose fix waits for its module's owner: (file name
/// prefix, why). Printed; a listed input that stops failing fails the test
/// until it is taken off the list.
const KNOWN_CRASHES: &[(&str, &str)] = &[];

/// Inputs not replayed yet because replaying them unfixed would allocate
/// gigabytes: (file name prefix, why). Take an entry off once its fix is
/// on main.
const NOT_REPLAYED: &[(&str, &str)] = &[];

/// Every crash input the fuzzers found, replayed through the same checks.
#[test]
fn fuzz_crashes_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/crashes");
    let tmp = tempfile::tempdir().unwrap();
    let mut n = 0;
    let mut failures = Vec::new();
    for target in ["vn_number", "target", "workbook", "docx_template"] {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let file_name = f.file_name().unwrap().to_string_lossy().into_owned();
            if let Some((_, why)) = NOT_REPLAYED.iter().find(|(k, _)| file_name.starts_with(k)) {
                println!("not replayed {target}/{file_name}: {why}");
                continue;
            }
            let data = std::fs::read(&f).unwrap();
            let r = catch_unwind(AssertUnwindSafe(|| match target {
                "vn_number" => fuzz_checks::vn_number(&data),
                "docx_template" => fuzz_checks::docx_template(&data),
                "target" => fuzz_checks::target(&data),
                _ => fuzz_checks::workbook(tmp.path(), &data),
            }));
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            match (
                r.is_ok(),
                KNOWN_CRASHES.iter().find(|(k, _)| name.starts_with(k)),
            ) {
                (true, None) => {}
                (false, None) => failures.push(format!("{} still fails", f.display())),
                (false, Some((_, why))) => println!("known crash {target}/{name}: {why}"),
                (true, Some(_)) => failures.push(format!(
                    "{target}/{name} passes now: remove it from KNOWN_CRASHES"
                )),
            }
            n += 1;
        }
    }
    println!("{n} fuzz crash inputs replayed");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The fuzz checks themselves on a few hand-made inputs, so that a broken
/// check is caught here and not only in a fuzz run.
#[test]
fn fuzz_checks_accept_good_inputs() {
    for s in [
        "12.993",
        "1.234,5",
        "96,2%",
        "26/27",
        "14.500.000.000đ",
        "-3,50",
        "Đạt",
    ] {
        fuzz_checks::vn_number(s.as_bytes());
    }
    for s in [
        ">= 95%",
        "= 0",
        "<= 2",
        "8/8",
        "≥ 12.000",
        "> 95,5%",
        "< 1,5",
        "95",
    ] {
        fuzz_checks::target(s.as_bytes());
    }
    let tmp = tempfile::tempdir().unwrap();
    for mode in 0u8..6 {
        fuzz_checks::workbook(tmp.path(), &[mode, b'<', b'x']);
    }
    let mut good = vec![0u8];
    good.extend(fuzz_checks::xlsx_with(&[]));
    fuzz_checks::workbook(tmp.path(), &good);
}

/// What a template case must give.
enum TemplateExpect {
    /// Rendered; the document's XML contains each of these.
    Ok(&'static [&'static str]),
    /// Refused; some error's message contains each of these.
    Err(&'static [&'static str]),
}

/// Hostile and broken Word templates: each renders to well-formed XML or
/// is refused with located errors, within the time bound, never a panic.
#[test]
fn template_corpus() {
    use TemplateExpect::*;
    let p = |t: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>");
    let field = |instr: &str| {
        format!(
            "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">{instr}</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        )
    };
    let text_box = |inner: &str| {
        format!(
            "<w:p><w:r><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>"
        )
    };
    let cases: Vec<(&str, String, TemplateExpect)> = vec![
        (
            "a plain tag",
            p("{{ ct.KT01.hien_thi }}"),
            Ok(&["340 tỷ đồng"]),
        ),
        (
            "text that needs escaping",
            p("{{ ct.KT01.ten }}"),
            Ok(&["Thu &lt;ngân&gt; &amp; &quot;sách&quot;"]),
        ),
        (
            "markup in a value stays text",
            p("{% for n in bao_cao.noi_nhan %}{{ n }};{% endfor %}"),
            Ok(&["&lt;b&gt;&amp;amp;&lt;/b&gt;"]),
        ),
        (
            "a formula-looking value stays text",
            p("{{ ct.KT01.don_vi.BUOI.hien_thi }}"),
            Ok(&["=1+1"]),
        ),
        (
            "a control character in a value is removed",
            p("{% for d in don_vi %}[{{ d.ten }}]{% endfor %}"),
            Ok(&["[Phường Bồ Đề]"]),
        ),
        (
            "a tag split across runs",
            "<w:p><w:r><w:t>{{ ct.KT</w:t></w:r><w:r><w:t>01.ma }}</w:t></w:r></w:p>".to_string(),
            Ok(&["KT01"]),
        ),
        ("an unclosed if", p("{% if ct.KT01.gia_tri %}còn"), Err(&[])),
        ("a stray endif", p("{% endif %}"), Err(&[])),
        ("an unclosed tag", p("{{ ct.KT01.ma "), Err(&[])),
        (
            "an unknown filter",
            p("{{ ct.KT01.gia_tri | soo }}"),
            Err(&["so"]),
        ),
        ("an unknown name", p("{{ ct.KT99.ma }}"), Err(&["KT99"])),
        (
            "an unknown field",
            p("{{ ct.KT01.gia_trii }}"),
            Err(&["gia_tri"]),
        ),
        (
            "a division by zero",
            p("{{ ct.KT01.gia_tri / 0 }}"),
            Err(&[]),
        ),
        (
            "include is not allowed",
            p("{% include \"/etc/passwd\" %}"),
            Err(&[]),
        ),
        (
            "import is not allowed",
            p("{% import \"x.html\" as x %}"),
            Err(&[]),
        ),
        (
            "a row tag outside a table",
            p("{%tr for d in don_vi %}"),
            Err(&[]),
        ),
        ("an unclosed paragraph if", p("{%p if true %}"), Err(&[])),
        ("an unclosed raw block", p("{% raw %}{{ x }}"), Err(&[])),
        (
            "a runaway loop runs out of fuel",
            p("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"),
            Err(&[]),
        ),
        (
            "a runaway recursive macro",
            p("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"),
            Err(&[]),
        ),
        (
            "a huge string repetition",
            p("{{ \"x\" * 2000000000 }}"),
            Err(&[]),
        ),
        (
            "a tag inside a field code",
            field(" MERGEFIELD {{ ct.KT01.ma }} "),
            Ok(&["KT01"]),
        ),
        (
            "a tag inside a text box",
            text_box(&p("{{ ct.KT01.hien_thi }}")),
            Ok(&["340 tỷ đồng"]),
        ),
        (
            "an unknown name inside a text box",
            text_box(&p("{{ ct.KT01.hien_thii }}")),
            Err(&["hien_thi"]),
        ),
        (
            "deeply nested ifs hit the recursion limit",
            p(&("{% if true %}".repeat(300) + "x" + &"{% endif %}".repeat(300))),
            Err(&["recursion"]),
        ),
        (
            "a loop of huge strings is refused, not rendered into memory",
            p("{% for i in range(3) %}{{ \"x\" * 30000000 }}{% endfor %}"),
            Err(&["quá lớn"]),
        ),
        ("python attribute access", p("{{ ct.__class__ }}"), Err(&[])),
        (
            "a lone brace pair",
            p("{ { not a tag } }"),
            Ok(&["{ { not a tag } }"]),
        ),
        ("a comment tag", p("a{# ghi chú #}b"), Ok(&["ab"])),
    ];
    // Known failures (src/render/docx is not this corpus's to fix): name → why.
    let known: &[(&str, &str)] = &[];
    let env = soket::render::env::environment(soket::vn::Rounding::HalfAwayFromZero);
    let ctx = fuzz_checks::template_context();
    let mut failures = Vec::new();
    let mut known_failed = Vec::new();
    let mut slowest = (Duration::ZERO, "");
    for (name, body, expect) in &cases {
        let (doc, template) = fuzz_checks::docx_with_body(body);
        assert!(
            fuzz_checks::well_formed(doc.as_bytes()),
            "{name}: the case itself"
        );
        let start = Instant::now();
        let out = catch_unwind(AssertUnwindSafe(|| {
            soket::render::docx::render_docx(&template, "mau/bao-cao.docx", &env, &ctx)
        }));
        let took = start.elapsed();
        if took > slowest.0 {
            slowest = (took, name);
        }
        let mut errs = Vec::new();
        if took > MAX_CASE_TIME {
            errs.push(format!("took {took:?}"));
        }
        match (out, expect) {
            (std::result::Result::Err(_), _) => errs.push("PANIC".into()),
            (std::result::Result::Ok(std::result::Result::Ok(bytes)), Ok(want)) => {
                let xml = fuzz_checks::zip_part(&bytes, "word/document.xml").unwrap_or_default();
                if !fuzz_checks::well_formed(&xml) {
                    errs.push("malformed output XML".into());
                }
                let text = String::from_utf8_lossy(&xml);
                for w in *want {
                    if !text.contains(w) {
                        errs.push(format!("output lacks {w:?}: {text}"));
                    }
                }
            }
            (std::result::Result::Ok(std::result::Result::Err(es)), Err(want)) => {
                for e in &es {
                    if e.template != "mau/bao-cao.docx" || e.message_vi.is_empty() {
                        errs.push(format!("badly located error {e:?}"));
                    }
                }
                for w in *want {
                    if !es.iter().any(|e| e.message_vi.contains(w)) {
                        errs.push(format!("no error mentions {w:?}: {es:?}"));
                    }
                }
            }
            (std::result::Result::Ok(std::result::Result::Ok(_)), Err(_)) => {
                errs.push("rendered, but should be refused".into())
            }
            (std::result::Result::Ok(std::result::Result::Err(es)), Ok(_)) => {
                errs.push(format!("refused: {es:?}"))
            }
        }
        match (known.iter().find(|(n, _)| n == name), errs.is_empty()) {
            (None, true) => {}
            (None, false) => failures.push(format!("[{name}]\n    {}", errs.join("\n    "))),
            (Some((_, why)), false) => known_failed.push(format!("[{name}] {why}")),
            (Some(_), true) => {
                failures.push(format!("[{name}] passes now: remove it from `known`"))
            }
        }
    }
    for k in &known_failed {
        println!("known template failure: {k}");
    }
    println!(
        "{} template cases; slowest {:.1} ms ({})",
        cases.len(),
        slowest.0.as_secs_f64() * 1000.0,
        slowest.1
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Seed inputs for the fuzzers (`fuzz/corpus/<target>/`): real workbooks
/// of every format and Word template bodies, so that mutation starts from
/// structure. Run: `cargo test --test bad_inputs write_fuzz_seeds -- --ignored`.
#[test]
#[ignore = "writes fuzz/corpus; run by hand before fuzzing"]
fn write_fuzz_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let put = |target: &str, name: &str, bytes: &[u8]| {
        let dir = root.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    };
    let with_mode = |mode: u8, bytes: &[u8]| {
        let mut v = vec![mode];
        v.extend_from_slice(bytes);
        v
    };
    let ward = bad_support::xlsx_bytes(&[("So lieu".into(), bad_support::clean_ward("buoi"))]);
    put("workbook", "ward.xlsx", &with_mode(0, &ward));
    let csv = bad_support::csv_text(b';', &bad_support::clean_ward("bode"));
    put("workbook", "ward.csv", &with_mode(0, csv.as_bytes()));
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for f in ["yen-phu.xls", "yen-phu.ods", "bo-de-cp1258.csv"] {
        if let Ok(b) = std::fs::read(data.join(f)) {
            put("workbook", f, &with_mode(0, &b));
        }
    }
    put(
        "workbook",
        "sheet.xml",
        &with_mode(1, fuzz_checks::SHEET.as_bytes()),
    );
    put(
        "workbook",
        "styles.xml",
        &with_mode(2, fuzz_checks::STYLES.as_bytes()),
    );
    put(
        "workbook",
        "shared.xml",
        &with_mode(3, fuzz_checks::SHARED.as_bytes()),
    );
    put(
        "workbook",
        "workbook.xml",
        &with_mode(4, fuzz_checks::WORKBOOK.as_bytes()),
    );
    let p = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
    let bodies = [
        p("{{ ct.KT01.hien_thi }}"),
        p("{% for d in don_vi %}{{ d.ten }}, {% endfor %}"),
        p("{{ ct.KT01.gia_tri | so(1) }} {{ 12.5 | pt }}"),
        "<w:p><w:r><w:t>{{ ct.KT</w:t></w:r><w:r><w:t>01.ma }}</w:t></w:r></w:p>".to_string(),
        format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>",
            p("{%tr for c in nhom[\"Kinh tế\"] %}"),
            p("{{ c.ma }}"),
            p("{%tr endfor %}")
        ),
        [
            p("{%p if ct.KT01.gia_tri > 100 %}"),
            p("lớn"),
            p("{%p endif %}"),
        ]
        .concat(),
    ];
    for (i, b) in bodies.iter().enumerate() {
        put("docx_template", &format!("seed{i}"), b.as_bytes());
    }
}

/// The package layer under random mutations of a valid xlsx (the `package`
/// fuzz target's check, without libFuzzer): a short run here, a long one
/// with `SOKET_FUZZ_SECS=600 cargo test --test bad_inputs package_mutations
/// -- --nocapture`.
#[test]
fn package_mutations() {
    let secs: u64 = std::env::var("SOKET_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let deadline = Instant::now() + Duration::from_secs(secs);
    // xorshift64: reproducible from the printed seed.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut runs: u64 = 0;
    while runs < 1_000 || Instant::now() < deadline {
        let len = 1 + (next() % 12) as usize * 3;
        let mut data = vec![(next() % 4) as u8];
        data.extend((0..len).map(|_| next() as u8));
        fuzz_checks::package(&data);
        runs += 1;
    }
    println!("package mutations: {runs}");
}
