//! Incremental rebuilds: a rebuild redoes only the reviews whose inputs
//! changed (and the roll-up above them), leaves every other output file
//! untouched, and ends with the very bytes a full build writes.

use crate::xlsx_support;

use soket::batch;
use soket::pipeline::{BuildOptions, Built};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const CITY: &str = "thanh-pho";

fn spec(seed: u64) -> soket::synth::Spec {
    soket::synth::Spec {
        districts: 3,
        wards: 4,
        indicators: 12,
        years: 4,
        seed,
        total_wards: None,
    }
}

/// A city of three districts; quan-01 has its own report template.
fn city(root: &Path) -> PathBuf {
    let city = root.join(CITY);
    soket::synth::write_city(&city, &spec(7)).unwrap();
    std::fs::create_dir_all(city.join("quan-01/mau")).unwrap();
    std::fs::write(
        city.join("quan-01/mau/bao-cao.docx"),
        soket::pipeline::BUILTIN_REPORT,
    )
    .unwrap();
    city
}

fn opts(version: &str, full: bool) -> BuildOptions {
    BuildOptions {
        full,
        version: Some(version.into()),
        ..BuildOptions::default()
    }
}

fn build(city: &Path, out: &Path, opts: &BuildOptions) -> Vec<Built> {
    let plan = batch::plan(&[city.to_path_buf()], Some(out)).unwrap();
    batch::run(&plan, opts, false)
}

/// Every file under `out` (relative path → bytes and modification time).
fn files(out: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut found = BTreeMap::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(out).unwrap().to_string_lossy().into_owned();
                let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
                found.insert(rel, (std::fs::read(&p).unwrap(), mtime));
            }
        }
    }
    found
}

/// The outputs proper (no manifests), bytes only.
fn outputs(out: &Path) -> BTreeMap<String, Vec<u8>> {
    files(out)
        .into_iter()
        .filter(|(rel, _)| !rel.ends_with(soket::manifest::FILE))
        .map(|(rel, (bytes, _))| (rel, bytes))
        .collect()
}

fn rebuilt(results: &[Built]) -> Vec<&str> {
    results
        .iter()
        .filter(|b| !b.unchanged)
        .map(|b| b.name.as_str())
        .collect()
}

/// Every problem of every review, in both languages.
fn problems(results: &[Built]) -> Vec<String> {
    results
        .iter()
        .flat_map(|b| {
            b.problems.iter().map(move |p| {
                format!(
                    "{}: {} | {}",
                    b.name,
                    p.display(soket::check::Lang::Vi),
                    p.display(soket::check::Lang::En)
                )
            })
        })
        .collect()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

type Change = fn(&Path, &Path);

/// One change to the inputs (or the outputs) between two builds, the
/// version of the second build, and what it must rebuild.
const CASES: &[(&str, Change, &str, &[&str])] = &[
    ("nothing changed rebuilds nothing", |_, _| {}, "v1", &[]),
    (
        "a changed ward file rebuilds its district and the city",
        |city, _| {
            let other = city.with_file_name("other");
            soket::synth::write_city(&other, &spec(99)).unwrap();
            let ward = "quan-02/so-lieu/phuong-so-1.xlsx";
            std::fs::copy(other.join(ward), city.join(ward)).unwrap();
        },
        "v1",
        &["quan-02", CITY],
    ),
    (
        "a ward file saved again unchanged rebuilds nothing",
        |city, _| {
            let ward = city.join("quan-02/so-lieu/phuong-so-1.xlsx");
            let bytes = std::fs::read(&ward).unwrap();
            std::fs::remove_file(&ward).unwrap();
            std::fs::write(&ward, bytes).unwrap();
        },
        "v1",
        &[],
    ),
    (
        "a removed ward file rebuilds its district and the city",
        |city, _| std::fs::remove_file(city.join("quan-03/so-lieu/phuong-so-2.xlsx")).unwrap(),
        "v1",
        &["quan-03", CITY],
    ),
    (
        "a changed template rebuilds its district only",
        |city, _| {
            let path = city.join("quan-01/mau/bao-cao.docx");
            let bytes = std::fs::read(&path).unwrap();
            let patched = xlsx_support::patch_entry(&bytes, "word/document.xml", |xml| {
                xml.replacen("Nơi nhận", "Nơi nhận (bản sửa)", 1)
            });
            std::fs::write(&path, patched).unwrap();
        },
        "v1",
        &["quan-01"],
    ),
    (
        "a changed catalog rebuilds its district and the city",
        |city, _| edit(&city.join("quan-01/chi-tieu.csv"), ">= 1.000", ">= 2.000"),
        "v1",
        &["quan-01", CITY],
    ),
    (
        "a changed city setting rebuilds the city only",
        |city, _| {
            let toml = std::fs::read_to_string(city.join("quan-01/soket.toml")).unwrap();
            std::fs::write(
                city.join("tong-hop.toml"),
                toml.replace("quận số 1", "thành phố số 1"),
            )
            .unwrap();
        },
        "v1",
        &[CITY],
    ),
    (
        "another soket version rebuilds everything",
        |_, _| {},
        "v2",
        &["quan-01", "quan-02", "quan-03", CITY],
    ),
    (
        "a damaged manifest rebuilds its review",
        |_, out| {
            std::fs::write(
                out.join("quan-02").join(soket::manifest::FILE),
                "{\"soket\":",
            )
            .unwrap()
        },
        "v1",
        &["quan-02"],
    ),
    (
        "a manifest with a problem of a kind this soket does not know rebuilds its review",
        |_, out| {
            let path = out.join("quan-02").join(soket::manifest::FILE);
            let text = std::fs::read_to_string(&path).unwrap();
            let unknown = r#""problems":[{"severity":"canh_bao","kind":"KhongCo","location":{"Output":{"path":null}}},"#;
            assert!(text.contains(r#""problems":["#), "{text}");
            std::fs::write(&path, text.replacen(r#""problems":["#, unknown, 1)).unwrap();
        },
        "v1",
        &["quan-02"],
    ),
    (
        "a foreign manifest rebuilds its review",
        |_, out| {
            let m = soket::manifest::FILE;
            std::fs::copy(out.join("quan-01").join(m), out.join("quan-02").join(m)).unwrap();
        },
        "v1",
        &["quan-02"],
    ),
    (
        "an edited output rebuilds its review",
        |_, out| {
            let path = out.join("quan-03/ket-qua.json");
            let mut bytes = std::fs::read(&path).unwrap();
            bytes.push(b'\n');
            std::fs::write(&path, bytes).unwrap();
        },
        "v1",
        &["quan-03"],
    ),
    (
        "a deleted output rebuilds its review",
        |_, out| std::fs::remove_file(out.join(CITY).join("tong-hop.xlsx")).unwrap(),
        "v1",
        &[CITY],
    ),
];

#[test]
fn a_rebuild_redoes_only_what_changed_and_writes_what_a_full_build_writes() {
    for (name, change, version, expected) in CASES {
        let tmp = tempfile::tempdir().unwrap();
        let city = city(tmp.path());
        let out = tmp.path().join("out");
        let first = build(&city, &out, &opts("v1", false));
        assert_eq!(
            rebuilt(&first).len(),
            4,
            "{name}: the first build builds all"
        );
        assert!(first.iter().all(Built::ok), "{name}");
        let before = files(&out);

        change(&city, &out);
        let again = build(&city, &out, &opts(version, false));
        assert_eq!(rebuilt(&again), *expected, "{name}");

        // Reviews not rebuilt: every file untouched, bytes and time.
        let after = files(&out);
        for b in again.iter().filter(|b| b.unchanged) {
            let prefix = format!("{}/", soket::output::safe_name(&b.name));
            let keep = |m: &BTreeMap<String, (Vec<u8>, SystemTime)>| -> Vec<_> {
                m.iter()
                    .filter(|(k, _)| k.starts_with(&prefix))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            };
            assert_eq!(keep(&before), keep(&after), "{name}: {} untouched", b.name);
        }

        // Same outputs and problems as a full build of the same inputs.
        let fresh = tmp.path().join("fresh");
        let full = build(&city, &fresh, &opts(version, true));
        assert_eq!(rebuilt(&full).len(), 4, "{name}");
        let (a, b) = (outputs(&out), outputs(&fresh));
        let differ: Vec<&String> = a
            .keys()
            .chain(b.keys())
            .filter(|k| a.get(*k) != b.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "{name}: differ from a full build: {differ:?}"
        );
        assert_eq!(problems(&again), problems(&full), "{name}: same problems");
        let listed = |r: &[Built]| -> Vec<Vec<String>> {
            r.iter()
                .map(|b| {
                    b.files
                        .iter()
                        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
                        .collect()
                })
                .collect()
        };
        assert_eq!(listed(&again), listed(&full), "{name}: same files listed");
        let summaries = |r: &[Built]| -> Vec<Option<soket::render::context::TongKet>> {
            r.iter().map(|b| b.tong_ket.clone()).collect()
        };
        assert_eq!(summaries(&again), summaries(&full), "{name}: same summary");
    }
}

#[test]
fn full_rebuilds_everything_and_warnings_of_unchanged_reviews_are_reported_again() {
    let tmp = tempfile::tempdir().unwrap();
    let city = city(tmp.path());
    let out = tmp.path().join("out");
    let first = build(&city, &out, &opts("v1", false));
    let warnings = problems(&first);
    assert!(
        warnings.iter().any(|w| w.starts_with("quan-01: cảnh báo")),
        "the synthetic city has warnings: {warnings:?}"
    );

    let again = build(&city, &out, &opts("v1", false));
    assert!(rebuilt(&again).is_empty());
    assert_eq!(problems(&again), warnings);

    let before = files(&out);
    let full = build(&city, &out, &opts("v1", true));
    assert_eq!(rebuilt(&full), ["quan-01", "quan-02", "quan-03", CITY]);
    assert_eq!(problems(&full), warnings);
    let after = files(&out);
    for (rel, (bytes, mtime)) in &before {
        let (b, m) = &after[rel];
        if !rel.ends_with(soket::manifest::FILE) {
            assert_eq!(b, bytes, "{rel}: same bytes");
        }
        assert_ne!(m, mtime, "{rel}: written again");
    }
}

#[test]
fn a_review_with_errors_gets_no_manifest_and_is_built_again() {
    let tmp = tempfile::tempdir().unwrap();
    let city = city(tmp.path());
    let out = tmp.path().join("out");
    build(&city, &out, &opts("v1", false));
    assert!(out.join("quan-02").join(soket::manifest::FILE).is_file());
    let toml = std::fs::read(city.join("quan-02/soket.toml")).unwrap();
    std::fs::write(city.join("quan-02/soket.toml"), "khong hop le =").unwrap();

    for _ in 0..2 {
        let results = build(&city, &out, &opts("v1", false));
        assert_eq!(rebuilt(&results), ["quan-02", CITY]);
        assert!(!results[1].ok() && !results[3].ok());
    }
    // Outputs with errors are not written: the last ones, and the manifest
    // vouching for them, still stand for the inputs they were made from.
    std::fs::write(city.join("quan-02/soket.toml"), toml).unwrap();
    let results = build(&city, &out, &opts("v1", false));
    assert!(rebuilt(&results).is_empty());
    assert!(results.iter().all(Built::ok));
}

/// The annex links ward values to their source cells relative to the
/// output folder: outputs moved elsewhere are not vouched for there.
#[test]
fn an_output_folder_moved_elsewhere_is_built_again() {
    let tmp = tempfile::tempdir().unwrap();
    let city = city(tmp.path());
    let out = tmp.path().join("out");
    build(&city, &out, &opts("v1", false));
    let moved = tmp.path().join("a/b/out");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(&out, &moved).unwrap();

    let again = build(&city, &moved, &opts("v1", false));
    assert_eq!(rebuilt(&again), ["quan-01", "quan-02", "quan-03", CITY]);
    let fresh = tmp.path().join("a/b/fresh");
    build(&city, &fresh, &opts("v1", true));
    assert_eq!(outputs(&moved), outputs(&fresh));
    assert!(rebuilt(&build(&city, &moved, &opts("v1", false))).is_empty());
}
