//! Copying review folders for tests that run soket on a changed sample,
//! and comparing a committed sample with what its generator writes.
#![allow(dead_code)]

use std::path::Path;

/// Copy the folder `from` (files and subfolders) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Every file under `made` (a generator's output) is in `committed` with
/// the same bytes; returns how many files there are. `regenerate` is the
/// command that rewrites the committed folder, named in the failure.
pub fn assert_same_files(made: &Path, committed: &Path, regenerate: &str) -> usize {
    let mut files = 0;
    for e in std::fs::read_dir(made).unwrap() {
        let e = e.unwrap();
        let path = e.path();
        let twin = committed.join(e.file_name());
        if path.is_dir() {
            files += assert_same_files(&path, &twin, regenerate);
        } else {
            assert!(
                std::fs::read(&twin).ok() == Some(std::fs::read(&path).unwrap()),
                "{} differs from what the generator writes ({regenerate})",
                twin.display()
            );
            files += 1;
        }
    }
    files
}
