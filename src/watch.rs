//! `soket build --watch`: rebuild when an input of a review changes.
//!
//! Why polling rather than file-system events: review folders live on
//! office file shares (SMB, NFS) and synced folders, where change events are
//! often not delivered at all; a listing of names, sizes and modification
//! times every half second costs little for a few hundred files and works
//! everywhere. A change is acted on once the folder has stayed the same for
//! one more poll, so a ward file still being copied is not read half-written.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// What is watched of one review folder: its settings, catalog and unit
/// list (the top-level files), and everything under `so-lieu/` and `mau/`.
const WATCHED_FOLDERS: &[&str] = &["so-lieu", "mau"];

/// One file as seen by a poll.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Seen {
    path: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
}

/// The state of the watched files of some review folders.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot(Vec<Seen>);

/// Files that office software writes next to an open document (`~$buoi.xlsx`,
/// `.~lock.buoi.xlsx#`) or that are hidden: opening a ward file in Excel is
/// not a change to it.
fn ignored(name: &str) -> bool {
    name.starts_with("~$") || name.starts_with('.') || name.ends_with('~')
}

impl Snapshot {
    /// Poll the watched files of `reviews` (review folders).
    pub fn take(reviews: &[PathBuf]) -> Snapshot {
        let mut seen = Vec::new();
        for dir in reviews {
            add_files(dir, false, &mut seen);
            for sub in WATCHED_FOLDERS {
                add_files(&dir.join(sub), true, &mut seen);
            }
        }
        seen.sort();
        Snapshot(seen)
    }

    /// The files added, removed or changed between `self` and `newer`.
    pub fn changed(&self, newer: &Snapshot) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self
            .0
            .iter()
            .filter(|s| !newer.0.contains(s))
            .chain(newer.0.iter().filter(|s| !self.0.contains(s)))
            .map(|s| s.path.clone())
            .collect();
        paths.sort();
        paths.dedup();
        paths
    }
}

fn add_files(dir: &Path, recurse: bool, out: &mut Vec<Seen>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        if ignored(&name.to_string_lossy()) {
            continue;
        }
        let Ok(meta) = e.metadata() else { continue };
        if meta.is_dir() {
            if recurse {
                add_files(&e.path(), true, out);
            }
        } else {
            out.push(Seen {
                path: e.path(),
                len: meta.len(),
                modified: meta.modified().ok(),
            });
        }
    }
}

/// How often the folders are polled.
pub fn interval() -> Duration {
    // SOKET_WATCH_MS shortens it in tests.
    let ms = std::env::var("SOKET_WATCH_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    Duration::from_millis(ms)
}

/// Wait until the watched files change and then stay the same for one
/// poll; returns the files that changed since `last` and the new state.
pub fn wait_for_change(reviews: &[PathBuf], last: &Snapshot) -> (Vec<PathBuf>, Snapshot) {
    let every = interval();
    loop {
        std::thread::sleep(every);
        let now = Snapshot::take(reviews);
        if now == *last {
            continue;
        }
        // Settle: a file being copied keeps growing.
        let mut settled = now;
        loop {
            std::thread::sleep(every);
            let again = Snapshot::take(reviews);
            if again == settled {
                break;
            }
            settled = again;
        }
        if settled != *last {
            return (last.changed(&settled), settled);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_added_or_removed_ward_file_is_a_change_and_excel_lock_files_are_not() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        std::fs::create_dir_all(dir.join("so-lieu/dot-2")).unwrap();
        std::fs::write(dir.join("soket.toml"), "a").unwrap();
        std::fs::write(dir.join("so-lieu/buoi.xlsx"), "1").unwrap();
        std::fs::write(dir.join("so-lieu/dot-2/nhat-tan.csv"), "1").unwrap();
        let reviews = vec![dir.clone()];
        let first = Snapshot::take(&reviews);
        assert_eq!(first.0.len(), 3);

        std::fs::write(dir.join("so-lieu/~$buoi.xlsx"), "lock").unwrap();
        std::fs::write(dir.join("so-lieu/.~lock.buoi.xlsx#"), "lock").unwrap();
        std::fs::create_dir_all(dir.join("ket-qua")).unwrap();
        std::fs::write(dir.join("ket-qua/ket-qua.json"), "{}").unwrap();
        assert_eq!(Snapshot::take(&reviews), first);

        std::fs::write(dir.join("so-lieu/buoi.xlsx"), "12").unwrap();
        std::fs::write(dir.join("so-lieu/tu-lien.csv"), "1").unwrap();
        std::fs::remove_file(dir.join("so-lieu/dot-2/nhat-tan.csv")).unwrap();
        let second = Snapshot::take(&reviews);
        assert_eq!(
            first.changed(&second),
            vec![
                dir.join("so-lieu/buoi.xlsx"),
                dir.join("so-lieu/dot-2/nhat-tan.csv"),
                dir.join("so-lieu/tu-lien.csv"),
            ]
        );
    }
}
