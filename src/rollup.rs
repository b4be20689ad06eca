//! The roll-up of a city (or province): its units are the child reviews,
//! and its figures aggregate theirs with the same catalog rules — sums of
//! sums, ratios of summed numerators and denominators, never a mean of
//! percentages.
//!
//! The roll-up is an ordinary [`Review`] whose "ward files" are the
//! children's figures, so that aggregation, evaluation and rendering are
//! the very code that builds a district. Each value's source names the
//! child figure it came from (`quan-01/ket-qua.json!ct.GD01.nam.2022`).

use crate::check::{CatalogDiff, Kind, Problem, RunKind};
use crate::figures::Figures;
use crate::read::{CellValue, Layout, Reporter, Source, Submission, Value, YearColumn};
use crate::review::{self, Aggregate, Catalog, Op, Review, Target, Unit};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;

/// The weight column that carries each child's number of units, used to
/// roll up plain means as means over all wards.
pub const SO_DON_VI: &str = "SO_DON_VI";

/// One child review with its computed figures.
pub struct Child<'a> {
    pub review: &'a Review,
    pub figures: &'a Figures,
}

/// Build the roll-up review of `parent` and its submissions.
///
/// Settings come from `parent/tong-hop.toml` (same keys as `soket.toml`)
/// when present, else from the first child with the parent folder's name.
/// Catalogs must agree (codes, order, aggregate kinds, units); differences
/// are errors and no roll-up is built.
pub fn rollup(
    parent: &Path,
    children: &[Child],
) -> (Option<(Review, Vec<Submission>)>, Vec<Problem>) {
    let mut problems = Vec::new();
    let Some(first) = children.first() else {
        return (None, problems);
    };
    let parent_name = crate::output::dir_name(parent);

    // Catalogs must agree: one rule for every district.
    for c in &children[1..] {
        if let Some(diff) = catalog_difference(&first.review.catalog, &c.review.catalog) {
            problems.push(
                Problem::error(Kind::Run(RunKind::CatalogsDiffer {
                    child: c.review.name.clone(),
                    first: first.review.name.clone(),
                    diff,
                }))
                .file(format!("{}/{}", c.review.name, c.review.catalog.file)),
            );
        }
    }
    if !problems.is_empty() {
        return (None, problems);
    }

    let mut settings = first.review.settings.clone();
    let own = parent.join("tong-hop.toml");
    if let Ok(text) = std::fs::read_to_string(&own) {
        let (s, p) = review::settings::parse(text.trim_start_matches('\u{feff}'), "tong-hop.toml");
        problems.extend(p);
        match s {
            Some(s) => settings = s,
            None => return (None, problems),
        }
    } else {
        // The districts agree on the term, the years and the rounding, so
        // those are taken from the first; but who issues, numbers, titles
        // and signs the city's report is no district's to lend: a city
        // report headed "QUẬN ỦY QUẬN 1" would be signed as it stands.
        // Those are left visibly blank, with a warning saying what to add.
        settings.bao_cao = unsigned(&first.review.settings.bao_cao);
        problems.push(
            Problem::warning(Kind::Run(RunKind::NoRollupSettings {
                parent: parent_name.to_string(),
            }))
            .stage(crate::check::Stage::Settings)
            .file("tong-hop.toml"),
        );
        settings.so_lieu.ten_don_vi = parent_name.clone();
        settings.so_lieu.cap_don_vi = crate::vn::text::unit_words(
            &level_word(&first.review.settings.so_lieu.ten_don_vi),
            children
                .iter()
                .map(|c| c.review.settings.so_lieu.ten_don_vi.as_str()),
        );
    }

    // The lowest level's word, carried up through nested roll-ups.
    let mut lower: Vec<String> = Vec::new();
    for c in children {
        let s = &c.review.settings.so_lieu;
        let word = s.cap_duoi.clone().unwrap_or_else(|| s.cap_don_vi.clone());
        if !lower.contains(&word) {
            lower.push(word);
        }
    }
    settings.so_lieu.cap_duoi = Some(lower.join(", "));

    let units: Vec<Unit> = children
        .iter()
        .enumerate()
        .map(|(i, c)| Unit {
            ma: c.review.name.clone(),
            ten: capitalise(&c.review.settings.so_lieu.ten_don_vi, &c.review.name),
            weights: summed_weights(&c.review.units),
            row: i + 1,
        })
        .collect();

    let catalog = Catalog {
        file: format!("{}/{}", first.review.name, first.review.catalog.file),
        indicators: first
            .review
            .catalog
            .indicators
            .iter()
            .map(|ind| {
                let mut ind = ind.clone();
                let rolled = rolled_aggregate(&ind.tong_hop, ind.is_percent());
                let own = std::mem::replace(&mut ind.tong_hop, rolled);
                if let Some((target, text)) = rolled_target(&own, ind.target.as_ref()) {
                    ind.target = target;
                    ind.muc_tieu = text;
                }
                ind
            })
            .collect(),
    };

    let submissions: Vec<Submission> = children
        .iter()
        .enumerate()
        .map(|(i, c)| child_submission(i, c, &mut problems))
        .collect();
    let review = Review {
        root: parent.to_path_buf(),
        name: parent_name,
        settings,
        catalog,
        units,
    };
    (Some((review, submissions)), problems)
}

/// First difference between two catalogs, in Vietnamese and English.
fn catalog_difference(a: &Catalog, b: &Catalog) -> Option<CatalogDiff> {
    if a.indicators.len() != b.indicators.len() {
        return Some(CatalogDiff::Count {
            child: b.indicators.len(),
            first: a.indicators.len(),
        });
    }
    for (x, y) in a.indicators.iter().zip(&b.indicators) {
        if x.ma != y.ma {
            return Some(CatalogDiff::CodeAt {
                code: y.ma.clone(),
                was: x.ma.clone(),
            });
        }
        if x.tong_hop != y.tong_hop || x.dvt != y.dvt {
            return Some(CatalogDiff::Differs { code: x.ma.clone() });
        }
    }
    None
}

/// How a district aggregate rolls up to the parent.
fn rolled_aggregate(a: &Aggregate, percent: bool) -> Aggregate {
    match a {
        // "8/8 phường" in each district becomes the ratio of all wards.
        Aggregate::SoDonViDat => Aggregate::TyLe(None),
        // A mean over all wards: district means weighted by their ward counts.
        Aggregate::TrungBinh => Aggregate::TrungBinhGiaQuyen(SO_DON_VI.into()),
        // A district's own figure: summed, or averaged when it is a rate.
        Aggregate::CapQuan if percent => Aggregate::TrungBinh,
        Aggregate::CapQuan => Aggregate::Tong,
        other => other.clone(),
    }
}

/// Targets that still mean something for the parent, from the child's
/// own aggregate kind `a`. A fraction target (8/8, 20/20) becomes the same
/// share in percent; an absolute target of a sum (≥ 1.000 tỷ đồng for one
/// district) or of a count of units (≥ 13 phường of one district's 15)
/// says nothing about the city and is dropped — the city figure is then
/// not judged, rather than judged against one district's target (bug fix:
/// "270/270 phường …, vượt mục tiêu đề ra (13 phường)"). Zero stays zero:
/// `= 0` or `<= 0` of a sum holds for the city exactly when it holds for
/// every district, so it is kept. Returns `None` when the target is kept
/// as is.
fn rolled_target(a: &Aggregate, t: Option<&Target>) -> Option<(Option<Target>, String)> {
    match t? {
        Target::Fraction { tu, mau } => {
            let so = (*tu / *mau * Decimal::ONE_HUNDRED).round_dp(4).normalize();
            let text = format!(">= {}%", crate::vn::number::so_tu_nhien(so));
            Some((
                Some(Target::Compare {
                    op: Op::Ge,
                    so,
                    phan_tram: true,
                }),
                text,
            ))
        }
        Target::Compare {
            phan_tram: false,
            op,
            so,
        } if matches!(
            a,
            Aggregate::Tong | Aggregate::SoDonViDat | Aggregate::CapQuan
        ) && !(so.is_zero() && matches!(op, Op::Eq | Op::Le)) =>
        {
            Some((None, String::new()))
        }
        _ => None,
    }
}

/// Weight columns summed over a child's units (only columns every unit
/// has), plus the number of units.
fn summed_weights(units: &[Unit]) -> BTreeMap<String, Decimal> {
    let mut out = BTreeMap::new();
    if let Some(first) = units.first() {
        for key in first.weights.keys() {
            let values: Option<Vec<Decimal>> =
                units.iter().map(|u| u.weights.get(key).copied()).collect();
            if let Some(v) = values {
                out.insert(key.clone(), v.into_iter().sum());
            }
        }
    }
    // A child that is itself a roll-up already counts its lowest units.
    out.entry(SO_DON_VI.into())
        .or_insert_with(|| Decimal::from(units.len()));
    out
}

/// "quận Tây Hồ" → "quận".
fn level_word(ten_don_vi: &str) -> String {
    let lower = ten_don_vi.trim().to_lowercase();
    for w in [
        "thị trấn",
        "thị xã",
        "thành phố",
        "quận",
        "huyện",
        "phường",
        "xã",
        "tỉnh",
    ] {
        if lower.starts_with(w) {
            return w.into();
        }
    }
    "đơn vị".into()
}

/// "quận Tây Hồ" → "Quận Tây Hồ" (the folder name when empty).
fn capitalise(name: &str, fallback: &str) -> String {
    let name = if name.trim().is_empty() {
        fallback
    } else {
        name
    };
    crate::vn::text::capitalize(name)
}

/// The child's complete yearly figures as one "ward file" of the parent.
/// An incomplete figure (some ward did not report) is left out with a
/// warning, so a city total never silently rests on a partial district.
fn child_submission(index: usize, child: &Child, problems: &mut Vec<Problem>) -> Submission {
    let file = format!("{}/ket-qua.json", child.review.name);
    let mut values = BTreeMap::new();
    let mut years: BTreeMap<i32, bool> = BTreeMap::new();
    for (ind, figs) in child
        .review
        .catalog
        .indicators
        .iter()
        .zip(&child.figures.indicators)
    {
        if matches!(ind.tong_hop, Aggregate::TyLe(Some(_))) {
            continue; // computed from its numerator and denominator codes
        }
        for y in &figs.years {
            let value = match ind.tong_hop {
                Aggregate::TyLe(None) | Aggregate::SoDonViDat => match (y.tu_so, y.mau_so) {
                    (Some(tu), Some(mau)) => Some(CellValue::Fraction { tu, mau }),
                    _ => None,
                },
                _ => y.gia_tri.map(|so| CellValue::Number { so }),
            };
            let Some(value) = value else { continue };
            let source = Source {
                file: file.clone(),
                sheet: None,
                cell: Some(format!("ct.{}.nam.{}", ind.ma, y.year)),
            };
            if !y.complete {
                problems.push(
                    Problem::warning(Kind::Run(RunKind::ChildIncomplete {
                        child: child.review.name.clone(),
                        code: ind.ma.clone(),
                        year: y.year,
                        reported: y.so_don_vi_bao_cao,
                    }))
                    .at(&source),
                );
                continue;
            }
            *years.entry(y.year).or_default() |= y.uoc;
            values.insert((ind.ma.clone(), y.year), Value { value, source });
        }
    }
    Submission {
        file,
        sheet: None,
        named_as: Some(child.review.settings.so_lieu.ten_don_vi.clone()),
        reporter: Reporter::Unit(index),
        years: years
            .into_iter()
            .map(|(year, uoc)| YearColumn { year, uoc })
            .collect(),
        values,
        layout: Layout {
            json_paths: true,
            ..Layout::default()
        },
        ky: Default::default(),
    }
}

/// A district's report settings with everything that names its issuer
/// blanked to "…" (the form and date are kept: they are the city's too).
fn unsigned(district: &review::settings::BaoCao) -> review::settings::BaoCao {
    let blank = || "…".to_string();
    review::settings::BaoCao {
        co_quan_cap_tren: String::new(),
        co_quan: blank(),
        the_thuc: district.the_thuc,
        so_ky_hieu: blank(),
        dia_danh: blank(),
        ngay: district.ngay,
        tieu_de: blank(),
        quyen_han_ky: blank(),
        chuc_vu_ky: blank(),
        nguoi_ky: blank(),
        noi_nhan: vec![blank()],
    }
}
