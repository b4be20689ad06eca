//! Incremental rebuilds: each review's output folder keeps a manifest
//! (`.soket-manifest.json`) saying from which inputs its outputs were made.
//!
//! The manifest holds one key: a SHA-256 over soket's identity (version and
//! executable), the review folder's path, and the name, size and content of
//! every file a build reads (the regular files directly in the review
//! folder, in `so-lieu/` and in `mau/`, but for hidden files and Office
//! lock files `~$…`, which no reader opens). Content, not modification
//! times: a file saved again unchanged does not rebuild anything, and a
//! file restored with an old date does. A roll-up's key covers its
//! children's keys and `tong-hop.toml`.
//!
//! A review whose key matches and whose outputs are all there, with the
//! sizes recorded and not modified after the manifest, is not rebuilt: its
//! files are left untouched (same bytes, same modification time). Its
//! problems (warnings only: a review with errors gets no manifest and is
//! always rebuilt) are stored in the manifest as data (their kind, with
//! its data, and their place) and reported again, rendered in this run's
//! language, so a rebuild prints what a full build prints. So are the yearly district
//! figures a roll-up reads, so that a city whose one district changed
//! re-reads that district only.
//!
//! Anything unexpected — a manifest that does not parse (a problem of a
//! kind this soket does not know included), is of another
//! format, another folder or another soket, a missing or edited output —
//! means a full build of that review, never a wrong one. The old manifest
//! is deleted before any output is replaced, and the new one is the last
//! file of the output set (see [`crate::output::write_atomic_all`]), so an
//! interrupted run leaves no manifest that vouches for outputs it did not
//! describe.

use crate::check::{Kind, Location, Problem, Severity};
use crate::figures::{Derived, Figures, IndicatorFigures, Summary, Verdict, YearFigure};
use crate::pipeline::{BuildOptions, Built, Checked};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The manifest's name in each review's output folder. Hidden, so that it
/// does not clutter the clerk's view of the outputs.
pub const FILE: &str = ".soket-manifest.json";

/// Tells a soket manifest from any other JSON file.
const MAGIC: &str = "soket-manifest";
/// Bumped whenever the manifest or the key changes meaning.
const FORMAT: u32 = 3;

/// What built the outputs: soket's version, and the size and modification
/// time of the running executable, so that a rebuilt soket (same version
/// number, other code) rebuilds everything rather than trust outputs of
/// other code. `opts.version` replaces all of it (tests inject versions).
pub fn identity(opts: &BuildOptions) -> String {
    if let Some(v) = &opts.version {
        return v.clone();
    }
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .unwrap_or_default();
            format!("{} {}", m.len(), mtime.as_nanos())
        })
        .unwrap_or_default();
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

/// Files a build of `dir` may read, sorted by their path relative to `dir`
/// (with `/`). Directories are not entered below `so-lieu/` and `mau/`: no
/// reader looks into them.
fn inputs(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    for sub in ["", "so-lieu", "mau"] {
        let folder = if sub.is_empty() {
            dir.to_path_buf()
        } else {
            dir.join(sub)
        };
        let entries = match std::fs::read_dir(&folder) {
            Ok(e) => e,
            // No so-lieu/ or mau/: the build reports (or allows) it.
            Err(e) if !sub.is_empty() && e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name.starts_with("~$") {
                continue;
            }
            let path = entry.path();
            // Follows symbolic links, as the readers do.
            if !path.is_file() {
                continue;
            }
            let rel = if sub.is_empty() {
                name
            } else {
                format!("{sub}/{name}")
            };
            found.push((rel, path));
        }
    }
    found.sort();
    Ok(found)
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lengths go before each field so that no two different input sets can
/// feed the hasher the same bytes.
fn field(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

fn canonical(dir: &Path) -> String {
    dir.canonicalize()
        .unwrap_or_else(|_| dir.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// The keys of one review folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Keys {
    /// Everything but the templates (`mau/`): what its figures, and so a
    /// roll-up above it, depend on.
    pub data: String,
    /// Everything: what its outputs depend on.
    pub all: String,
}

/// The keys of one review folder: `None` when some input cannot be read
/// (then the review is simply built, and the build says what is wrong).
pub fn review_key(dir: &Path, identity: &str) -> Option<Keys> {
    let start = |h: &mut Sha256| {
        field(h, MAGIC.as_bytes());
        field(h, &FORMAT.to_le_bytes());
        field(h, identity.as_bytes());
        field(h, canonical(dir).as_bytes());
    };
    let (mut data, mut templates) = (Sha256::new(), Sha256::new());
    start(&mut data);
    start(&mut templates);
    for (rel, path) in inputs(dir).ok()? {
        let bytes = std::fs::read(&path).ok()?;
        let h = if rel.starts_with("mau/") {
            &mut templates
        } else {
            &mut data
        };
        field(h, rel.as_bytes());
        field(h, &bytes);
    }
    let data = hex(&data.finalize());
    let mut all = Sha256::new();
    field(&mut all, data.as_bytes());
    field(&mut all, &templates.finalize());
    Some(Keys {
        data,
        all: hex(&all.finalize()),
    })
}

/// The key of a roll-up: its folder, `tong-hop.toml` and its children's
/// data keys in order (a child's templates do not change its figures);
/// `None` when a child has none.
pub fn rollup_key(dir: &Path, children: &[Option<&str>], identity: &str) -> Option<String> {
    let mut h = Sha256::new();
    field(&mut h, MAGIC.as_bytes());
    field(&mut h, b"rollup");
    field(&mut h, &FORMAT.to_le_bytes());
    field(&mut h, identity.as_bytes());
    field(&mut h, canonical(dir).as_bytes());
    match std::fs::read(dir.join("tong-hop.toml")) {
        Ok(bytes) => {
            field(&mut h, b"tong-hop.toml");
            field(&mut h, &bytes);
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => field(&mut h, b"-"),
        Err(_) => return None,
    }
    for child in children {
        field(&mut h, child.as_ref()?.as_bytes());
    }
    Some(hex(&h.finalize()))
}

/// The manifest as written.
#[derive(Serialize, Deserialize)]
pub struct Manifest {
    soket: String,
    format: u32,
    key: String,
    /// The output folder it was written in: the annex links its ward
    /// values to their source cells relative to that folder, so outputs
    /// moved or copied elsewhere are built again.
    out: String,
    name: String,
    /// Output files (names in the output folder) and their sizes.
    outputs: Vec<(String, u64)>,
    problems: Vec<StoredProblem>,
    tong_ket: Option<crate::render::context::TongKet>,
    /// The district figures a roll-up above reads.
    figures: Option<StoredFigures>,
}

/// A problem as data (its kind with its data, not its words), so that a
/// review that is not rebuilt reports it in this run's language.
#[derive(Serialize, Deserialize)]
struct StoredProblem {
    severity: Severity,
    kind: Kind,
    location: Location,
}

#[derive(Serialize, Deserialize)]
struct StoredFigures {
    years: Vec<i32>,
    /// Per indicator: its code and yearly figures.
    indicators: Vec<(String, Vec<StoredYear>)>,
}

/// What a roll-up reads of a yearly figure. Decimals as text: exact.
#[derive(Serialize, Deserialize)]
struct StoredYear {
    year: i32,
    gia_tri: Option<String>,
    tu_so: Option<String>,
    mau_so: Option<String>,
    so_don_vi_bao_cao: usize,
    complete: bool,
    uoc: bool,
}

fn stored_figures(f: &Figures) -> StoredFigures {
    let text = |d: &Option<Decimal>| d.map(|d| d.to_string());
    StoredFigures {
        years: f.years.clone(),
        indicators: f
            .indicators
            .iter()
            .map(|ind| {
                let years = ind
                    .years
                    .iter()
                    .map(|y| StoredYear {
                        year: y.year,
                        gia_tri: text(&y.gia_tri),
                        tu_so: text(&y.tu_so),
                        mau_so: text(&y.mau_so),
                        so_don_vi_bao_cao: y.so_don_vi_bao_cao,
                        complete: y.complete,
                        uoc: y.uoc,
                    })
                    .collect();
                (ind.ma.clone(), years)
            })
            .collect(),
    }
}

impl Manifest {
    /// The manifest of `out` if it vouches for the outputs there being
    /// those of inputs with `key`: same key, every output present with
    /// its recorded size and not modified after the manifest was written
    /// (the manifest is staged last, so its time is the latest).
    pub fn fresh(out: &Path, key: &str) -> Option<Manifest> {
        let path = out.join(FILE);
        let bytes = std::fs::read(&path).ok()?;
        let m: Manifest = serde_json::from_slice(&bytes).ok()?;
        if m.soket != MAGIC || m.format != FORMAT || m.key != key || m.out != canonical(out) {
            return None;
        }
        let written = std::fs::metadata(&path).ok()?.modified().ok()?;
        for (name, len) in &m.outputs {
            if crate::output::safe_name(name) != *name {
                return None; // not ours: names are made safe when written
            }
            let meta = std::fs::metadata(out.join(name)).ok()?;
            if !meta.is_file() || meta.len() != *len || meta.modified().ok()? > written {
                return None;
            }
        }
        Some(m)
    }

    /// What the build that wrote this manifest reported, for a review that
    /// is not rebuilt.
    pub fn built(&self, out: &Path) -> Built {
        Built {
            name: self.name.clone(),
            out_dir: out.to_path_buf(),
            files: self.outputs.iter().map(|(n, _)| out.join(n)).collect(),
            problems: self
                .problems
                .iter()
                .map(|p| Problem {
                    severity: p.severity,
                    kind: p.kind.clone(),
                    location: p.location.clone(),
                })
                .collect(),
            tong_ket: self.tong_ket.clone(),
            elapsed: Duration::ZERO,
            read_time: Duration::ZERO,
            file_times: Vec::new(),
            unchanged: true,
        }
    }

    /// The figures a roll-up reads, for the review `dir` (loaded again:
    /// settings, catalog and units only). `None` when anything does not
    /// fit; the caller then builds the review.
    pub fn checked_for_rollup(&self, dir: &Path) -> Option<Checked> {
        let stored = self.figures.as_ref()?;
        let (review, _) = crate::review::load(dir);
        let review = review?;
        if review.catalog.indicators.len() != stored.indicators.len() {
            return None;
        }
        let parse = |s: &Option<String>| -> Option<Option<Decimal>> {
            match s {
                None => Some(None),
                Some(t) => t.parse().ok().map(Some),
            }
        };
        let mut indicators = Vec::with_capacity(stored.indicators.len());
        for (ind, (ma, years)) in review.catalog.indicators.iter().zip(&stored.indicators) {
            if ind.ma != *ma {
                return None;
            }
            let mut ys = Vec::with_capacity(years.len());
            for y in years {
                ys.push(YearFigure {
                    year: y.year,
                    gia_tri: parse(&y.gia_tri)?,
                    tu_so: parse(&y.tu_so)?,
                    mau_so: parse(&y.mau_so)?,
                    so_don_vi_bao_cao: y.so_don_vi_bao_cao,
                    complete: y.complete,
                    uoc: y.uoc,
                    ..YearFigure::default()
                });
            }
            indicators.push(IndicatorFigures {
                ma: ma.clone(),
                years: ys,
                per_unit_condition: false,
                derived: Derived::default(),
                danh_gia: Verdict::KhongDanhGia,
                ky: None,
            });
        }
        Some(Checked {
            figures: Some(Figures {
                years: stored.years.clone(),
                indicators,
                tong_ket: Summary::default(),
            }),
            review: Some(review),
            ..Checked::default()
        })
    }
}

/// Writes a review's manifest with its outputs: given to
/// [`crate::pipeline::build_checked_with`].
pub struct Recorder {
    /// The key computed before the build.
    pub key: Option<String>,
    /// Computes the key again after the build: an input that changed while
    /// it was read gets no manifest (the next run builds again).
    pub again: Box<dyn Fn() -> Option<String> + Send + Sync>,
}

impl crate::pipeline::Record for Recorder {
    /// Called just before a review's outputs are renamed into place.
    /// Deletes the old manifest first (whatever happens next, it no longer
    /// describes the folder), then returns the new one, or `None` for a
    /// build with errors or inputs that changed meanwhile.
    fn manifest(
        &self,
        checked: &Checked,
        built: &Built,
        outputs: &[(PathBuf, Vec<u8>)],
    ) -> Option<(PathBuf, Vec<u8>)> {
        let path = built.out_dir.join(FILE);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            // Cannot remove it: then it must not be trusted, so the new
            // one is not written either (its rename would fail the same).
            Err(_) => return None,
        }
        if !built.ok() {
            return None;
        }
        let key = self.key.clone()?;
        if (self.again)().as_deref() != Some(key.as_str()) {
            return None;
        }
        let mut names = Vec::with_capacity(outputs.len());
        for (p, bytes) in outputs {
            if p.parent() != Some(built.out_dir.as_path()) {
                return None;
            }
            let name = p.file_name()?.to_string_lossy().into_owned();
            names.push((name, bytes.len() as u64));
        }
        let m = Manifest {
            soket: MAGIC.into(),
            format: FORMAT,
            key,
            out: {
                // Created now so that its canonical path is the one the
                // next build sees (the outputs are written into it next).
                std::fs::create_dir_all(&built.out_dir).ok()?;
                canonical(&built.out_dir)
            },
            name: built.name.clone(),
            outputs: names,
            problems: built
                .problems
                .iter()
                .map(|p| StoredProblem {
                    severity: p.severity,
                    kind: p.kind.clone(),
                    location: p.location.clone(),
                })
                .collect(),
            tong_ket: built.tong_ket.clone(),
            figures: checked.figures.as_ref().map(stored_figures),
        };
        let bytes = serde_json::to_vec(&m).ok()?;
        Some((path, bytes))
    }
}
