//! The review folder: settings, catalog and units.

pub mod catalog;
pub mod plausible;
pub mod settings;
pub mod table;
pub mod units;

pub use catalog::{Aggregate, Catalog, Indicator, Op, Target};
pub use settings::{BaoCao, Settings, SoLieu, TheThuc};
pub use units::Unit;

use crate::check::{Kind, Problem, SettingsKind, Stage};
use std::path::{Path, PathBuf};

/// Everything a review folder says before any ward file is read.
#[derive(Debug, Clone)]
pub struct Review {
    pub root: PathBuf,
    /// The folder's name ("tay-ho"), used for output folders in batch runs.
    pub name: String,
    pub settings: Settings,
    pub catalog: Catalog,
    pub units: Vec<Unit>,
}

impl Review {
    /// `so-lieu/` inside the review folder.
    pub fn data_dir(&self) -> PathBuf {
        self.root.join("so-lieu")
    }
    /// `mau/` inside the review folder.
    pub fn template_dir(&self) -> PathBuf {
        self.root.join("mau")
    }
    pub fn unit_index(&self, code: &str) -> Option<usize> {
        self.units.iter().position(|u| u.ma == code)
    }
}

/// Find `stem.xlsx` (or xlsm, xls, ods, csv …) in `dir`.
pub fn find_table(dir: &Path, stem: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for ext in crate::workbook::DATA_EXTENSIONS {
        let p = dir.join(format!("{stem}.{ext}"));
        if p.is_file() {
            found.push(p);
        }
    }
    found
}

/// Load a review folder. Problems of every part are collected; the review
/// is returned whenever settings, catalog and units could be read at all.
pub fn load(dir: &Path) -> (Option<Review>, Vec<Problem>) {
    let mut problems = Vec::new();
    if !dir.is_dir() {
        problems.push(Problem::error(Kind::Settings(
            SettingsKind::NoReviewFolder {
                path: dir.display().to_string(),
            },
        )));
        return (None, problems);
    }
    let name = crate::output::dir_name(dir);

    let settings = match std::fs::read(dir.join("soket.toml")) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                let text = text.trim_start_matches('\u{feff}');
                let (s, p) = settings::parse(text, "soket.toml");
                problems.extend(p.into_iter().map(|p| p.stage(Stage::Settings)));
                if s.is_some() {
                    problems.extend(
                        settings::placeholders(text, "soket.toml")
                            .into_iter()
                            .map(|p| p.stage(Stage::Settings)),
                    );
                }
                s
            }
            Err(_) => {
                problems.push(
                    Problem::error(Kind::Settings(SettingsKind::SettingsNotUtf8))
                        .file("soket.toml")
                        .stage(Stage::Settings),
                );
                None
            }
        },
        Err(_) => {
            problems.push(
                Problem::error(Kind::Settings(SettingsKind::NoSettingsFile)).file("soket.toml"),
            );
            None
        }
    };

    let loaded = table::load_catalog(dir, &mut problems);
    let units = table::load_units(dir, settings.as_ref(), &mut problems);
    if let (Some((catalog, layout)), Some(units)) = (&loaded, &units) {
        table::check_references(catalog, layout, units, &mut problems);
    }
    let catalog = loaded.map(|(c, _)| c);
    match (settings, catalog, units) {
        (Some(mut settings), Some(catalog), Some(units)) => {
            // A province's communes are "xã, phường, đặc khu" in sentences.
            let s = &mut settings.so_lieu;
            s.cap_don_vi =
                crate::vn::text::unit_words(&s.cap_don_vi, units.iter().map(|u| u.ten.as_str()));
            (
                Some(Review {
                    root: dir.to_path_buf(),
                    name,
                    settings,
                    catalog,
                    units,
                }),
                problems,
            )
        }
        _ => (None, problems),
    }
}
