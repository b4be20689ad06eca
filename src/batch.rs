//! Batch runs: several review folders, or a city folder of district folders
//! (since the 2025 reform also a province of communes).
//!
//! Each review is built independently and in parallel; one broken district
//! never stops the others. A city folder also gets its roll-up review.
//! Output order follows the order of the folders, never the scheduling.

use crate::check::{Kind, Problem, RunKind};
use crate::manifest::{self, Manifest, Recorder};
use crate::output::child;
use crate::pipeline::{self, BuildOptions, Built, Checked};
use crate::rollup::{self, Child};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One review to build and where its outputs go.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub dir: PathBuf,
    pub out: PathBuf,
}

/// A city (or province) folder: its children are jobs `children`, and its
/// roll-up is written to `out`.
#[derive(Debug, Clone, PartialEq)]
pub struct Parent {
    pub dir: PathBuf,
    pub out: PathBuf,
    pub children: Vec<usize>,
}

/// Everything a batch run will do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub jobs: Vec<Job>,
    pub parents: Vec<Parent>,
}

impl Plan {
    /// Every output folder of the plan (its reviews' and roll-ups'), sorted.
    pub fn outputs(&self) -> Vec<&PathBuf> {
        let mut outs: Vec<&PathBuf> = (self.jobs.iter().map(|j| &j.out))
            .chain(self.parents.iter().map(|p| &p.out))
            .collect();
        outs.sort();
        outs
    }
}

fn is_review(dir: &Path) -> bool {
    dir.join("soket.toml").is_file()
}

/// Sub-folders of `dir` that are review folders, sorted by name.
pub fn child_reviews(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() && is_review(p))
        .collect();
    found.sort();
    found
}

/// Turn the command line's folders into a plan.
///
/// - one review folder: outputs in `OUT` (default `DIR/ket-qua`);
/// - a folder of review folders: each child in `OUT/<child>/` and the
///   roll-up in `OUT/<folder>/` (default `OUT` = `DIR/ket-qua`);
/// - several folders: each in `OUT/<name>/` (default `<each>/ket-qua`).
pub fn plan(dirs: &[PathBuf], out: Option<&Path>) -> Result<Plan, Problem> {
    let mut plan = Plan::default();
    let single = dirs.len() == 1;
    for dir in dirs {
        if !dir.is_dir() {
            return Err(Problem::error(Kind::Run(RunKind::FolderNotFound {
                path: dir.display().to_string(),
            })));
        }
        let name = pipeline::dir_name(dir);
        let base = match (out, single) {
            (Some(o), true) => o.to_path_buf(),
            (Some(o), false) => child(o, &name),
            (None, _) => dir.join("ket-qua"),
        };
        if is_review(dir) {
            plan.jobs.push(Job {
                dir: dir.clone(),
                out: base,
            });
            continue;
        }
        let children = child_reviews(dir);
        if children.is_empty() {
            return Err(Problem::error(Kind::Run(RunKind::NotAReviewFolder {
                path: dir.display().to_string(),
            })));
        }
        let first = plan.jobs.len();
        for c in children {
            let cname = pipeline::dir_name(&c);
            plan.jobs.push(Job {
                out: child(&base, &cname),
                dir: c,
            });
        }
        plan.parents.push(Parent {
            out: child(&base, &name),
            dir: dir.clone(),
            children: (first..plan.jobs.len()).collect(),
        });
    }
    let outs = plan.outputs();
    // An output folder inside a review's inputs would be read back as
    // inputs by the next build (a report taken as the template, an annex
    // as a ward file).
    for job in &plan.jobs {
        for input in ["so-lieu", "mau"] {
            let inside = job.dir.join(input);
            if crate::output::is_within(&job.out, &inside) {
                return Err(Problem::error(Kind::Run(RunKind::OutputInsideInput {
                    path: job.out.display().to_string(),
                    input: input.into(),
                })));
            }
        }
    }
    if let Some(w) = outs.windows(2).find(|w| w[0] == w[1]) {
        return Err(Problem::error(Kind::Run(RunKind::SameOutput {
            path: w[0].display().to_string(),
        })));
    }
    Ok(plan)
}

/// A progress bar that only shows itself once the run has taken half a
/// second, so quick runs print nothing but their result.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
}

impl Progress {
    fn new(enabled: bool, len: usize) -> Progress {
        let bar = enabled.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(len as u64),
                indicatif::ProgressDrawTarget::hidden(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template("[{elapsed}] {bar:30} {pos}/{len} {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
        }
    }
    fn tick(&self, name: &str) {
        if let Some(bar) = &self.bar {
            if bar.is_hidden() && self.started.elapsed() > Duration::from_millis(500) {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.set_message(name.to_string());
            bar.inc(1);
        }
    }
    fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Build every job in parallel, then every roll-up; results in plan order
/// (jobs first, then parents).
///
/// Unless `opts.full`, a review whose manifest shows its outputs were made
/// from the same inputs is not rebuilt ([`crate::manifest`]); its problems
/// come from the manifest. A roll-up is rebuilt when any of its children
/// changed; then unchanged children give their figures from their
/// manifests instead of being read again.
pub fn run(plan: &Plan, opts: &BuildOptions, progress: bool) -> Vec<Built> {
    let progress = Progress::new(progress, plan.jobs.len() + plan.parents.len());
    let identity = manifest::identity(opts);
    let keys: Vec<Option<manifest::Keys>> = plan
        .jobs
        .par_iter()
        .map(|job| manifest::review_key(&job.dir, &identity))
        .collect();
    let parent_keys: Vec<Option<String>> = plan
        .parents
        .iter()
        .map(|p| rollup_key(p, &keys, &identity))
        .collect();
    let fresh = |out: &Path, key: &Option<String>| {
        if opts.full {
            return None;
        }
        key.as_deref().and_then(|k| Manifest::fresh(out, k))
    };
    let parents_fresh: Vec<Option<Manifest>> = plan
        .parents
        .iter()
        .zip(&parent_keys)
        .map(|(p, k)| fresh(&p.out, k))
        .collect();
    // Children of the roll-ups that will be built: their figures are kept.
    let mut kept = vec![false; plan.jobs.len()];
    for (parent, done) in plan.parents.iter().zip(&parents_fresh) {
        if done.is_none() {
            for &i in &parent.children {
                kept[i] = true;
            }
        }
    }
    let results: Vec<(Built, Option<Checked>)> = plan
        .jobs
        .par_iter()
        .enumerate()
        .map(|(i, job)| {
            let key = keys[i].as_ref().map(|k| k.all.clone());
            if let Some(m) = fresh(&job.out, &key) {
                let for_parent = if kept[i] {
                    m.checked_for_rollup(&job.dir)
                } else {
                    None
                };
                if !kept[i] || for_parent.is_some() {
                    let built = m.built(&job.out);
                    progress.tick(&built.name);
                    return (built, for_parent);
                }
            }
            let recorder = Recorder {
                key,
                again: Box::new({
                    let (dir, identity) = (job.dir.clone(), identity.clone());
                    move || manifest::review_key(&dir, &identity).map(|k| k.all)
                }),
            };
            let (built, checked) =
                pipeline::check_and_build_with(&job.dir, &job.out, opts, Some(&recorder));
            progress.tick(&built.name);
            (built, kept[i].then(|| for_rollup(checked)))
        })
        .collect();
    let rollups: Vec<Built> = plan
        .parents
        .iter()
        .zip(parents_fresh)
        .zip(parent_keys)
        .map(|((parent, done), key)| {
            let built = match done {
                Some(m) => m.built(&parent.out),
                None => {
                    let recorder = Recorder {
                        key,
                        again: Box::new({
                            let (p, keys, identity) =
                                (parent.clone(), keys.clone(), identity.clone());
                            move || rollup_key(&p, &keys, &identity)
                        }),
                    };
                    build_rollup(parent, &results, opts, &recorder)
                }
            };
            progress.tick(&built.name);
            built
        })
        .collect();
    progress.finish();
    results.into_iter().map(|(b, _)| b).chain(rollups).collect()
}

fn rollup_key(parent: &Parent, keys: &[Option<manifest::Keys>], identity: &str) -> Option<String> {
    let children: Vec<Option<&str>> = parent
        .children
        .iter()
        .map(|&i| keys[i].as_ref().map(|k| k.data.as_str()))
        .collect();
    manifest::rollup_key(&parent.dir, &children, identity)
}

/// Keep only what a roll-up reads (district figures per year), so that a
/// national run does not hold every ward cell of every province at once.
fn for_rollup(mut checked: Checked) -> Checked {
    checked.submissions = Vec::new();
    checked.problems = Vec::new();
    if let Some(figures) = checked.figures.as_mut() {
        for ind in &mut figures.indicators {
            for year in &mut ind.years {
                year.units = Vec::new();
            }
        }
    }
    checked
}

/// The roll-up of one parent folder, from its children's figures. A child
/// that could not be read makes the roll-up an error (its totals would be
/// silently short).
fn build_rollup(
    parent: &Parent,
    results: &[(Built, Option<Checked>)],
    opts: &BuildOptions,
    recorder: &Recorder,
) -> Built {
    let started = Instant::now();
    let name = pipeline::dir_name(&parent.dir);
    let mut children = Vec::new();
    let mut problems = Vec::new();
    for &i in &parent.children {
        let (built, checked) = &results[i];
        match checked
            .as_ref()
            .and_then(|c| Some((c.review.as_ref()?, c.figures.as_ref()?)))
        {
            Some((review, figures)) if built.ok() => children.push(Child { review, figures }),
            _ => problems.push(Problem::error(Kind::Run(RunKind::ChildHasErrors {
                name: built.name.clone(),
            }))),
        }
    }
    let mut checked = Checked::default();
    if problems.is_empty() {
        let (rolled, p) = rollup::rollup(&parent.dir, &children);
        problems.extend(p);
        if let Some((review, submissions)) = rolled {
            let (figures, p) = crate::figures::compute(&review, &submissions);
            problems.extend(p);
            checked.review = Some(review);
            checked.submissions = submissions;
            checked.figures = Some(figures);
        }
    }
    checked.problems = problems;
    pipeline::build_checked_with(&checked, name, &parent.out, opts, started, Some(recorder))
}
