//! The layers of the crate, and that data flows one way through them:
//! vn → workbook → review → read → figures → render → pipeline → cli.
//! A module may use its own layer and those below it, never one above: an
//! import that points up is a cycle waiting to happen (reading that needs
//! the figures, a review that needs the ward reader), so it fails here
//! with the file and line to move.

use std::path::Path;

/// Each top-level module of `src/` and its layer (0 is the bottom).
const LAYERS: &[(&str, u8)] = &[
    // Shared vocabulary: problems, Vietnamese text and numbers, zip
    // packages, safe output names, "ý bạn là …?", the 2025 unit list.
    ("check", 0),
    ("vn", 0),
    ("suggest", 0),
    ("ooxml", 0),
    ("output", 0),
    ("units2025", 0),
    // Any spreadsheet file into a grid of cells.
    ("workbook", 1),
    // soket.toml, catalog, unit list.
    ("review", 2),
    // Unit sheets into submissions.
    ("read", 3),
    ("figures", 4),
    // A parent's review built from its children's figures.
    ("rollup", 5),
    ("render", 6),
    ("pipeline", 7),
    ("manifest", 8),
    ("status", 8),
    ("init", 8),
    ("vars", 8),
    ("batch", 9),
    ("watch", 9),
    ("cli_text", 10),
    ("cli", 10),
    ("synth", 10),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The top-level module a file of `src/` belongs to.
fn module_of(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut upward = Vec::new();
    let mut unknown = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let from = module_of(rel);
        if matches!(from.as_str(), "lib" | "main") {
            continue;
        }
        let Some(from_layer) = layer(&from) else {
            unknown.push(from);
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        let mut in_tests = false;
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            // Unit tests may reach anywhere; doc comments name what they like.
            if code.starts_with("#[cfg(test)]") {
                in_tests = true;
            }
            if in_tests || code.starts_with("//") {
                continue;
            }
            for (i, _) in code.match_indices("crate::") {
                let to: String = code[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if to.is_empty() {
                    // `crate::{a, b}` would hide its modules from this test.
                    unknown.push(format!(
                        "src/{}:{}: a grouped crate import",
                        rel.display(),
                        n + 1
                    ));
                    continue;
                }
                if to == from {
                    continue;
                }
                match layer(&to) {
                    Some(l) if l > from_layer => upward.push(format!(
                        "src/{}:{}: {from} (layer {from_layer}) uses {to} (layer {l})",
                        rel.display(),
                        n + 1
                    )),
                    Some(_) => {}
                    None => unknown.push(to),
                }
            }
        }
    }
    unknown.sort();
    unknown.dedup();
    assert_eq!(unknown, Vec::<String>::new(), "modules without a layer");
    assert_eq!(upward, Vec::<String>::new());
}

/// One job per file: no source file grows past 1,000 lines (split it by
/// job, as render/annex/ and render/builtin/ are).
#[test]
fn no_source_file_is_over_a_thousand_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > 1000).then(|| format!("{}: {n} lines", f.strip_prefix(&src).unwrap().display()))
        })
        .collect();
    long.sort();
    assert_eq!(long, Vec::<String>::new());
}

/// With `autotests = false` a test file that neither tests/suite.rs nor
/// Cargo.toml names is never built: its tests would silently not run.
#[test]
fn every_test_file_is_built() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let suite = std::fs::read_to_string(root.join("tests/suite.rs")).unwrap();
    let cargo = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let mut unbuilt = Vec::new();
    for entry in std::fs::read_dir(root.join("tests")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let in_suite = suite.lines().any(|l| l.trim() == format!("mod {name};"));
        let own = cargo.contains(&format!("path = \"tests/{name}.rs\""));
        if !in_suite && !own {
            unbuilt.push(name);
        }
    }
    assert!(
        unbuilt.is_empty(),
        "add `mod NAME;` to tests/suite.rs for: {unbuilt:?}"
    );
}
