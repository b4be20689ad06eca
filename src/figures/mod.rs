//! District figures: aggregate, derive, evaluate.
//!
//! [`compute`] turns the ward submissions into one [`IndicatorFigures`] per
//! catalog indicator (in catalog order): the district value of every year,
//! the per-unit values with their sources, the derived changes and
//! projection, and the verdict against the term target. Missing ward values
//! are never zeros: every year records how many units reported, and a
//! derived figure that would rest on an incomplete year is `None` with a
//! reason instead.

pub mod aggregate;
pub mod derive;
pub mod evaluate;
pub mod num;
pub mod period;

use crate::check::Problem;
use crate::read::{Reporter, Source, Submission};
use crate::review::{Indicator, Review};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub use evaluate::{Summary, Verdict};

/// Everything computed for one review.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    /// The years shown (`nam`): term years that some file has, plus
    /// `nam_goc` and `nam_bao_cao`, ascending.
    pub years: Vec<i32>,
    /// One entry per catalog indicator, in catalog order.
    pub indicators: Vec<IndicatorFigures>,
    pub tong_ket: Summary,
}

impl Figures {
    pub fn get(&self, ma: &str) -> Option<&IndicatorFigures> {
        self.indicators.iter().find(|f| f.ma == ma)
    }
}

/// The figures of one indicator.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorFigures {
    pub ma: String,
    /// One entry per year of [`Figures::years`], same order.
    pub years: Vec<YearFigure>,
    /// `so_don_vi_dat` with number cells: the target was applied to each
    /// unit's value, so the indicator is met only when every unit meets it.
    pub per_unit_condition: bool,
    pub derived: Derived,
    pub danh_gia: Verdict,
    /// A periodic review's figures (`so_lieu.ky_bao_cao`).
    pub ky: Option<Box<period::PeriodFigures>>,
}

impl IndicatorFigures {
    pub fn year(&self, year: i32) -> Option<&YearFigure> {
        self.years.iter().find(|y| y.year == year)
    }
}

/// The district figure of one indicator in one year.
#[derive(Debug, Clone, Default, Serialize)]
pub struct YearFigure {
    pub year: i32,
    /// The district value: a plain number; the percent for ratios; the
    /// number of units meeting the condition for unit counts.
    pub gia_tri: Option<Decimal>,
    /// Ratios and unit counts only.
    pub tu_so: Option<Decimal>,
    pub mau_so: Option<Decimal>,
    /// Percent `tu_so / mau_so × 100` (ratios and unit counts only).
    pub ty_le: Option<Decimal>,
    /// Units whose value was used (for `cap_quan`: 1 if the district's own
    /// workbook has the value, else 0).
    pub so_don_vi_bao_cao: usize,
    /// Every unit of `don-vi` reported (`cap_quan`: the value is present).
    pub complete: bool,
    /// The units of `don-vi` (indices) that did not report, in `don-vi`
    /// order; empty for `cap_quan`, whose missing figure is the district's.
    pub thieu: Vec<usize>,
    /// Some contributing column was headed `Ước`.
    pub uoc: bool,
    /// Unit index with the smallest / largest per-unit value.
    pub nho_nhat_don_vi: Option<usize>,
    pub lon_nhat_don_vi: Option<usize>,
    /// Per unit (index into `Review::units`); `None` = did not report.
    /// Empty for `cap_quan`.
    pub units: Vec<Option<UnitValue>>,
    /// For `cap_quan`: where the district value came from.
    pub nguon: Option<Source>,
    /// Why `gia_tri` is `None`, when it is.
    pub ly_do: Option<String>,
}

/// What one unit reported for one indicator and year.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UnitValue {
    /// The number; the percent of the unit's own fraction for ratios;
    /// 1 or 0 for a yes/no cell.
    pub gia_tri: Option<Decimal>,
    pub tu_so: Option<Decimal>,
    pub mau_so: Option<Decimal>,
    /// Unit counts: whether this unit meets the condition.
    pub dat: Option<bool>,
    /// The cell was a yes/no word (`Đạt`, `Có` …), shown as such.
    pub yes_no: bool,
    /// Weighted means: the weight used (before renormalising).
    pub trong_so: Option<Decimal>,
    /// The cell(s) the value came from.
    pub sources: Vec<Source>,
}

/// Figures derived from the yearly values. Each `None` has its reason in
/// `ly_do`, keyed by the field name (`"tang"`, `"binh_quan"` …).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Derived {
    /// `v(nam_bao_cao) − v(nam_goc)`; percentage points for rates.
    pub tang: Option<Decimal>,
    /// `tang / v(nam_goc) × 100`.
    pub tang_pt: Option<Decimal>,
    /// Compound average annual growth, percent.
    pub binh_quan: Option<Decimal>,
    /// Percent of the target number (`>=`, `>` and fraction targets).
    pub dat_pt_muc_tieu: Option<Decimal>,
    /// Least-squares projection to the last year of the term.
    pub du_bao: Option<Decimal>,
    pub ly_do: BTreeMap<String, String>,
    /// The fields whose arithmetic overflowed: each becomes an error naming
    /// the cells of the two years involved (see [`derived_overflow`]).
    #[serde(skip)]
    pub overflowed: Vec<&'static str>,
}

/// The value a year contributes to changes and projections: the percent
/// for ratios and unit counts, else the district value.
pub fn series_value(ind: &Indicator, y: &YearFigure) -> Option<Decimal> {
    if ind.tong_hop.is_fraction() {
        y.ty_le
    } else {
        y.gia_tri
    }
}

/// Aggregate, derive and evaluate every catalog indicator.
///
/// Problems returned are warnings about units that did not report in
/// `nam_bao_cao` and errors about cells of the wrong kind (a fraction in a
/// sum, a number in a ratio), which are left out of the figures.
pub fn compute(review: &Review, submissions: &[Submission]) -> (Figures, Vec<Problem>) {
    let mut problems = Vec::new();
    let years = years_shown(review, submissions);
    let inputs = aggregate::Inputs::new(review, submissions);
    let rounding = review.settings.so_lieu.lam_tron;
    let mut indicators = Vec::with_capacity(review.catalog.indicators.len());
    for ind in &review.catalog.indicators {
        let mut per_unit_condition = false;
        let figs: Vec<YearFigure> = years
            .iter()
            .map(|&y| {
                let (f, used_target) = aggregate::year_figure(&inputs, ind, y, &mut problems);
                if y == review.settings.so_lieu.nam_bao_cao {
                    per_unit_condition = used_target;
                }
                f
            })
            .collect();
        let now = figs
            .iter()
            .find(|f| f.year == review.settings.so_lieu.nam_bao_cao);
        // Without a term, the report period is warned about instead.
        if let Some(now) = now.filter(|_| review.settings.so_lieu.co_nhiem_ky) {
            problems.extend(aggregate::missing_warning(&inputs, ind, now));
        }
        let mut derived = derive::derive(ind, &figs, &review.settings.so_lieu, review.units.len());
        for field in &derived.overflowed {
            problems.push(derived_overflow(
                ind,
                field,
                &figs,
                &review.settings.so_lieu,
            ));
        }
        let (pct, reason) = evaluate::dat_pt_muc_tieu(ind, now, per_unit_condition);
        derived.dat_pt_muc_tieu = pct;
        if let Some(r) = reason {
            derived.ly_do.insert("dat_pt_muc_tieu".into(), r);
        }
        let danh_gia = evaluate::verdict(ind, now, derived.du_bao, per_unit_condition, rounding);
        if let Some(now) = now.filter(|n| ind.target.is_some() && n.gia_tri.is_some())
            && !evaluate::judged_when_incomplete(ind, now)
        {
            let r = incomplete_reason(review, now);
            derived.ly_do.insert("danh_gia".into(), r.clone());
            derived.ly_do.insert("dat_pt_muc_tieu".into(), r);
        }
        indicators.push(IndicatorFigures {
            ma: ind.ma.clone(),
            years: figs,
            per_unit_condition,
            derived,
            danh_gia,
            ky: None,
        });
    }
    period::apply(review, submissions, &mut indicators, &mut problems);
    let mut tong_ket =
        Summary::count_with_incomplete(review.catalog.indicators.iter().zip(&indicators).map(
            |(ind, f)| {
                let incomplete = (f.ky.as_ref().map(|k| k.now()))
                    .unwrap_or_else(|| f.year(review.settings.so_lieu.nam_bao_cao))
                    .is_none_or(|y| !y.complete);
                (f.danh_gia, ind.target.is_some() && incomplete)
            },
        ));
    period::summary(review, &indicators, &mut tong_ket);
    (
        Figures {
            years,
            indicators,
            tong_ket,
        },
        problems,
    )
}

/// "chưa đủ số liệu: thiếu Phường Bưởi, Phường Yên Phụ (6/8 phường báo cáo)".
pub fn incomplete_reason(review: &Review, y: &YearFigure) -> String {
    let s = &review.settings.so_lieu;
    let names: Vec<&str> = y
        .thieu
        .iter()
        .filter_map(|&u| review.units.get(u).map(|u| u.ten.as_str()))
        .collect();
    format!(
        "chưa đủ số liệu năm {}: thiếu {} ({}/{} {} báo cáo)",
        y.year,
        names.join(", "),
        y.so_don_vi_bao_cao,
        review.units.len(),
        s.cap_don_vi
    )
}

/// Every year of the term (plus `nam_goc`) that some file has a column
/// for, always including `nam_goc` and `nam_bao_cao` so that templates can
/// name them even when nobody reported.
fn years_shown(review: &Review, submissions: &[Submission]) -> Vec<i32> {
    let s = &review.settings.so_lieu;
    let [from, to] = s.nhiem_ky;
    let mut years: BTreeSet<i32> = submissions
        .iter()
        .flat_map(|sub| sub.years.iter().map(|c| c.year))
        .filter(|&y| !s.co_nhiem_ky || (from..=to).contains(&y) || y == s.nam_goc)
        .collect();
    years.insert(s.nam_goc);
    years.insert(s.nam_bao_cao);
    years.into_iter().collect()
}

/// The submission of each unit (the first one when two files claim the
/// same unit — the reader reports that) and the district's own.
fn by_reporter(review: &Review, submissions: &[Submission]) -> (Vec<Option<usize>>, Option<usize>) {
    let mut units = vec![None; review.units.len()];
    let mut district = None;
    for (i, sub) in submissions.iter().enumerate() {
        match sub.reporter {
            Reporter::Unit(u) => {
                if let Some(slot) = units.get_mut(u) {
                    slot.get_or_insert(i);
                }
            }
            Reporter::District => {
                district.get_or_insert(i);
            }
        }
    }
    (units, district)
}

/// An overflow in a change between the baseline and the report year: an
/// error naming the cells both years' figures came from, never a silent
/// null.
fn derived_overflow(
    ind: &Indicator,
    field: &str,
    years: &[YearFigure],
    s: &crate::review::SoLieu,
) -> Problem {
    let sources: Vec<&Source> = years
        .iter()
        .filter(|y| y.year == s.nam_goc || y.year == s.nam_bao_cao)
        .flat_map(|y| {
            y.units
                .iter()
                .flatten()
                .flat_map(|u| u.sources.iter())
                .chain(y.nguon.iter())
        })
        .collect();
    aggregate::overflow_at(
        ind,
        crate::check::Overflow::Deriving {
            field: field.to_string(),
            from: s.nam_goc,
            to: s.nam_bao_cao,
        },
        &sources,
    )
}
