//! Batch runs: several review folders, or a city folder of district folders.
//!
//! Each review is built independently (in parallel); one broken district
//! never stops the others. Output order follows the order of the folders,
//! never the scheduling.

use crate::check::Problem;
use crate::output::child;
use crate::pipeline::{self, BuildOptions, Built};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One review to build and where its outputs go.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub dir: PathBuf,
    pub out: PathBuf,
}

fn is_review(dir: &Path) -> bool {
    dir.join("soket.toml").is_file()
}

/// Sub-folders of `dir` that are review folders, sorted by name.
pub fn child_reviews(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return vec![] };
    let mut found: Vec<PathBuf> =
        entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir() && is_review(p)).collect();
    found.sort();
    found
}

/// Turn the command line's folders into jobs.
///
/// - one review folder: outputs in `OUT` (default `DIR/ket-qua`);
/// - a folder of review folders (a city of districts, a province of
///   communes): each child in `OUT/<child>/` (default `DIR/ket-qua`);
/// - several folders: each in `OUT/<name>/` (default `<each>/ket-qua`).
pub fn plan(dirs: &[PathBuf], out: Option<&Path>) -> Result<Vec<Job>, Problem> {
    let mut jobs = Vec::new();
    let single = dirs.len() == 1;
    for dir in dirs {
        if !dir.is_dir() {
            return Err(Problem::loi(
                format!("không tìm thấy thư mục \"{}\"", dir.display()),
                format!("folder \"{}\" not found", dir.display()),
            ));
        }
        let name = pipeline::dir_name(dir);
        if is_review(dir) {
            let out = match (out, single) {
                (Some(o), true) => o.to_path_buf(),
                (Some(o), false) => child(o, &name),
                (None, _) => dir.join("ket-qua"),
            };
            jobs.push(Job { dir: dir.clone(), out });
            continue;
        }
        let children = child_reviews(dir);
        if children.is_empty() {
            return Err(Problem::loi(
                format!(
                    "\"{}\" không phải thư mục báo cáo (thiếu soket.toml) và không chứa thư mục báo cáo nào",
                    dir.display()
                ),
                format!("\"{}\" is not a review folder (no soket.toml) and holds none", dir.display()),
            ));
        }
        let base = match (out, single) {
            (Some(o), true) => o.to_path_buf(),
            (Some(o), false) => child(o, &name),
            (None, _) => dir.join("ket-qua"),
        };
        for c in children {
            let cname = pipeline::dir_name(&c);
            jobs.push(Job { out: child(&base, &cname), dir: c });
        }
    }
    let mut outs: Vec<&PathBuf> = jobs.iter().map(|j| &j.out).collect();
    outs.sort();
    if let Some(w) = outs.windows(2).find(|w| w[0] == w[1]) {
        return Err(Problem::loi(
            format!("hai báo cáo cùng ghi vào \"{}\": hãy đổi tên thư mục", w[0].display()),
            format!("two reviews would write to \"{}\": rename a folder", w[0].display()),
        ));
    }
    Ok(jobs)
}

/// Build every job in parallel; results in job order.
pub fn run(jobs: &[Job], opts: &BuildOptions, progress: bool) -> Vec<Built> {
    let bar = progress.then(|| {
        let bar = indicatif::ProgressBar::new(jobs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed}] {bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        // Only appear when the run is long enough to need it.
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    });
    let results: Vec<Built> = jobs
        .par_iter()
        .map(|job| {
            let built = pipeline::build(&job.dir, &job.out, opts);
            if let Some(b) = &bar {
                b.set_message(built.name.clone());
                b.inc(1);
            }
            built
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    results
}
