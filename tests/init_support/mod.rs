//! Setup shared by the `soket init` tests: an office's unit list, and a
//! folder made with it and loaded.
#![allow(dead_code)]

use soket::init::{InitOptions, init_with};
use soket::review::Review;
use std::path::{Path, PathBuf};

/// An office's unit list, `csv`, written as `name` in `dir`.
pub fn unit_list(dir: &Path, name: &str, csv: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, csv).unwrap();
    path
}

/// `soket init` of `dir` with `opts`: the files written and the review
/// loaded from them, whose only problems are in soket.toml (the names
/// only the office knows are left to fill).
pub fn init_and_load(dir: &Path, opts: &InitOptions) -> (Vec<PathBuf>, Review) {
    let written = init_with(dir, opts).unwrap();
    let (review, problems) = soket::review::load(dir);
    assert!(
        problems.iter().all(|p| p.tep() == Some("soket.toml")),
        "{problems:#?}"
    );
    (written, review.unwrap())
}
