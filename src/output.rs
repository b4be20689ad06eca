//! Writing outputs safely: atomically, and only inside the output folder.

use crate::check::LockHolder;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write `bytes` to `path` through a temporary file in the same folder and
/// a rename, so a reader (or an interrupted run) never sees half a file and
/// the previous output stays intact until the new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    staged(path, bytes)?.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// What became of one file of [`write_atomic_all`].
#[derive(Debug)]
pub enum Written {
    Done,
    Failed(std::io::Error),
    /// Left as it was because another file of the set could not be written.
    NotReplaced,
}

/// Write several files as [`write_atomic`] does, but switch them together:
/// every new file is complete and synced before the first rename, so an
/// interrupted run leaves a set of outputs all old or all new, but for the
/// instant of the renames themselves. When one file cannot be written,
/// none is replaced. Outcomes come back in the order given.
pub fn write_atomic_all(files: &[(PathBuf, Vec<u8>)]) -> Vec<Written> {
    let mut staged_files = Vec::with_capacity(files.len());
    for (i, (path, bytes)) in files.iter().enumerate() {
        match staged(path, bytes) {
            Ok(tmp) => staged_files.push(tmp),
            Err(e) => {
                // Nothing renamed yet; the temporary files delete themselves.
                let mut outcomes: Vec<Written> =
                    files.iter().map(|_| Written::NotReplaced).collect();
                outcomes[i] = Written::Failed(e);
                return outcomes;
            }
        }
    }
    staged_files
        .into_iter()
        .zip(files)
        .map(|(tmp, (path, _))| match tmp.persist(path) {
            Ok(_) => Written::Done,
            Err(e) => Written::Failed(e.error),
        })
        .collect()
}

/// A complete, synced temporary file beside `path`, not yet renamed.
fn staged(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".soket-").suffix(".tmp");
    #[cfg(unix)]
    {
        // Temporary files are private (0600); outputs are ordinary files,
        // created as `File::create` would (0666 less the umask: 0644 with
        // the usual 022, group-writable on an office share whose umask
        // says so).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file or folder name made from a unit or folder name that cannot leave
/// its parent: no separators, no `..`, no control characters, no Windows
/// reserved names, not empty. Vietnamese letters are kept.
pub fn safe_name(name: &str) -> String {
    let cleaned: String = crate::vn::text::nfc(name)
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim().trim_matches('.').trim();
    let mut out = if trimmed.is_empty() {
        "_".to_string()
    } else {
        trimmed.to_string()
    };
    let stem = out.split('.').next().unwrap_or("").to_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        out.insert(0, '_');
    }
    out.chars().take(120).collect()
}

/// The name of a folder as the user sees it ("tay-ho" for "samples/tay-ho/.").
pub fn dir_name(dir: &Path) -> String {
    dir.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "bao-cao".into())
}

/// `out/name`, with `name` made safe first.
pub fn child(out: &Path, name: &str) -> PathBuf {
    out.join(safe_name(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_escape() {
        assert_eq!(safe_name("../../etc"), "-..-etc");
        assert_eq!(safe_name("/abs/path"), "-abs-path");
        assert_eq!(safe_name(".."), "_");
        assert_eq!(safe_name("CON"), "_CON");
        assert_eq!(safe_name("con.txt"), "_con.txt");
        assert_eq!(safe_name("Quận Tây Hồ"), "Quận Tây Hồ");
        assert_eq!(safe_name("a\u{0}b"), "a-b");
        for n in ["../x", "..", "/", "a/../../b", "C:\\x"] {
            let p = child(Path::new("/out"), n);
            assert_eq!(p.parent(), Some(Path::new("/out")), "{n}");
        }
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/a.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[test]
    fn a_set_is_replaced_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        write_atomic(&a, b"old a").unwrap();
        let outcomes = write_atomic_all(&[
            (a.clone(), b"new a".to_vec()),
            (b.clone(), b"new b".to_vec()),
        ]);
        assert!(matches!(outcomes[..], [Written::Done, Written::Done]));
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");

        // A file where a folder should be: the second output cannot be
        // written, so the first keeps its previous content.
        std::fs::write(dir.path().join("blocker"), "").unwrap();
        let blocked = dir.path().join("blocker/c.txt");
        let outcomes =
            write_atomic_all(&[(a.clone(), b"newer a".to_vec()), (blocked, b"c".to_vec())]);
        assert!(
            matches!(outcomes[..], [Written::NotReplaced, Written::Failed(_)]),
            "{outcomes:?}"
        );
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["a.txt", "b.txt", "blocker"],
            "no temporary file is left"
        );
    }
}

/// The lock file of an output folder (hidden; removed when the run ends).
pub const LOCK_NAME: &str = ".soket.lock";

/// How long a build waits for another run writing the same output folder.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// One build at a time per output folder: an OS lock on `OUT/.soket.lock`
/// (released by the OS when a run dies, even by `kill -9`), holding the
/// run's process id and start time so that a second run can name it.
#[derive(Debug)]
pub struct OutputLock {
    file: std::fs::File,
    path: PathBuf,
}

impl OutputLock {
    /// Lock `dir` (created if needed), waiting up to `wait` for another
    /// run. On failure, the other run as "tiến trình 1234, bắt đầu lúc …"
    /// (vi, en).
    pub fn acquire(dir: &Path, wait: std::time::Duration) -> Result<OutputLock, LockHolder> {
        let io = |e: std::io::Error| LockHolder::Io {
            error: e.to_string(),
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let path = dir.join(LOCK_NAME);
        let started = std::time::Instant::now();
        loop {
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io)?;
            match file.try_lock() {
                Ok(()) if same_file(&file, &path) => {
                    let mut lock = OutputLock { file, path };
                    lock.describe();
                    return Ok(lock);
                }
                // The holder removed the file as it finished: lock the new one.
                Ok(()) => continue,
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    let other = std::fs::read_to_string(&path).unwrap_or_default();
                    let other = other.trim();
                    let (pid, at) = other.split_once(' ').unwrap_or((other, "?"));
                    return Err(LockHolder::Run {
                        pid: pid.to_string(),
                        at: at.to_string(),
                    });
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
            }
        }
    }

    fn describe(&mut self) {
        use std::io::Seek;
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        let _ = self.file.set_len(0);
        let _ = self.file.rewind();
        // Not synced: the lock itself is the flock, and the text (read by a
        // waiting run from the page cache) need not survive a crash; one
        // fsync per output folder was most of a rebuild that changes nothing.
        let _ = writeln!(self.file, "{} {now}", std::process::id());
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked, so no run can lock a file about to
        // vanish (a waiting run checks it locked the file at the path).
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// True when `file` is still the file at `path` (not removed meanwhile).
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Remove the temporary files (`.soket-*.tmp`) a killed run left in `dir`;
/// call only while holding the folder's [`OutputLock`]. Returns how many.
pub fn remove_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(".soket-") && n.ends_with(".tmp") && e.path().is_file()
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// `path` as it would be once created: the nearest existing ancestor
/// canonicalized, the rest appended.
pub fn resolved(path: &Path) -> PathBuf {
    use std::path::Component;
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // `..` and `.` lexically first, so that a missing folder before `..`
    // does not hide where the path leads.
    let mut lexical = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            c => lexical.push(c),
        }
    }
    let mut rest = Vec::new();
    let mut p = lexical.as_path();
    loop {
        if let Ok(c) = p.canonicalize() {
            return rest.iter().rev().fold(c, |acc, part| acc.join(part));
        }
        match (p.parent(), p.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                p = parent;
            }
            _ => return lexical,
        }
    }
}

/// True when `path` is `dir` or lies inside it (symbolic links resolved).
pub fn is_within(path: &Path, dir: &Path) -> bool {
    resolved(path).starts_with(resolved(dir))
}

#[cfg(test)]
mod lock_tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_then_names_the_first_run() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputLock::acquire(dir.path(), LOCK_WAIT).unwrap();
        let started = std::time::Instant::now();
        let holder =
            OutputLock::acquire(dir.path(), std::time::Duration::from_millis(200)).unwrap_err();
        let vi = crate::check::Kind::Run(crate::check::RunKind::OutputLocked { holder, secs: 0 })
            .render(crate::check::Lang::Vi);
        assert!(started.elapsed() >= std::time::Duration::from_millis(200));
        assert!(
            vi.contains(&format!(
                "(tiến trình {}, bắt đầu lúc 20",
                std::process::id()
            )),
            "{vi}"
        );
        drop(first);
        assert!(!dir.path().join(LOCK_NAME).exists());
        let _again = OutputLock::acquire(dir.path(), LOCK_WAIT).unwrap();
    }

    #[test]
    fn stale_temporary_files_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for n in [
            ".soket-abc.tmp",
            ".soket-x.tmp",
            "bao-cao.docx",
            ".soket.lock",
        ] {
            std::fs::write(dir.path().join(n), "x").unwrap();
        }
        assert_eq!(remove_stale_temps(dir.path()), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".soket.lock", "bao-cao.docx"]);
    }

    #[test]
    fn folders_inside_folders_through_dot_dot_and_missing_parts() {
        let dir = tempfile::tempdir().unwrap();
        let review = dir.path().join("tay-ho");
        std::fs::create_dir_all(review.join("mau")).unwrap();
        assert!(is_within(&review.join("mau/out"), &review.join("mau")));
        assert!(is_within(&review.join("x/../mau"), &review.join("mau")));
        assert!(!is_within(&review.join("ket-qua"), &review.join("mau")));
        assert!(!is_within(&review.join("mau-2"), &review.join("mau")));
    }
}
