//! Ward values → the district value of one indicator in one year.
//!
//! Every aggregate runs over the units that reported: a missing ward cell
//! is left out (never a zero), and the [`YearFigure`] says how many units
//! were used and whether that was all of `don-vi`.

use super::{UnitValue, YearFigure, num};
use crate::check::{FiguresKind, Kind, Lang, NotNumber, Overflow, Problem, Step, WeightPlace};
use crate::read::period::Col;
use crate::read::{CellValue, Source, Submission, Value};
use crate::review::{Aggregate, Indicator, Review, Target};
use rust_decimal::Decimal;

/// The submissions of one review, looked up by reporter.
pub struct Inputs<'a> {
    pub review: &'a Review,
    /// Per unit of `don-vi`, its submission if it sent one.
    units: Vec<Option<&'a Submission>>,
    district: Option<&'a Submission>,
}

impl<'a> Inputs<'a> {
    pub fn new(review: &'a Review, submissions: &'a [Submission]) -> Self {
        let (units, district) = super::by_reporter(review, submissions);
        Inputs {
            review,
            units: units
                .into_iter()
                .map(|i| i.map(|i| &submissions[i]))
                .collect(),
            district: district.map(|i| &submissions[i]),
        }
    }

    fn cell(&self, unit: usize, code: &str, col: Col) -> Option<&'a Value> {
        self.units.get(unit).copied().flatten()?.cell(code, col)
    }

    fn is_estimate(&self, unit: usize, col: Col) -> bool {
        self.units
            .get(unit)
            .copied()
            .flatten()
            .is_some_and(|s| s.is_estimate_col(col))
    }

    /// The units' submissions (`None` for a unit that sent nothing) and
    /// the district's own.
    pub fn submissions(&self) -> (&[Option<&'a Submission>], Option<&'a Submission>) {
        (&self.units, self.district)
    }
}

/// The district figure of `ind` in `year`, and whether the target was
/// applied to each unit's number (unit counts over number cells).
pub fn year_figure(
    inputs: &Inputs,
    ind: &Indicator,
    year: i32,
    problems: &mut Vec<Problem>,
) -> (YearFigure, bool) {
    figure(inputs, ind, Col::year(year), problems)
}

/// [`year_figure`] for any column: a period or a year's plan (its
/// `year` is the period's).
pub fn figure(
    inputs: &Inputs,
    ind: &Indicator,
    col: Col,
    problems: &mut Vec<Problem>,
) -> (YearFigure, bool) {
    let year = match col {
        Col::Ky(p) => p.year,
        Col::KeHoach(y) => y,
    };
    if ind.tong_hop == Aggregate::CapQuan {
        return (district_figure(inputs, ind, col, problems), false);
    }
    let n_units = inputs.review.units.len();
    let mut used_target = false;
    let units: Vec<Option<UnitValue>> = (0..n_units)
        .map(|u| unit_value(inputs, ind, u, col, &mut used_target, problems))
        .collect();
    let mut fig = YearFigure {
        year,
        ..YearFigure::default()
    };
    let reported: Vec<(usize, &UnitValue)> = units
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.as_ref().map(|v| (i, v)))
        .collect();
    fig.so_don_vi_bao_cao = reported.len();
    fig.thieu = (0..n_units).filter(|u| units[*u].is_none()).collect();
    fig.complete = n_units > 0 && reported.len() == n_units;
    fig.uoc = reported.iter().any(|(u, _)| inputs.is_estimate(*u, col));
    fig.nho_nhat_don_vi = extreme(&reported, |a, b| a < b);
    fig.lon_nhat_don_vi = extreme(&reported, |a, b| a > b);

    if reported.is_empty() {
        let cap = &inputs.review.settings.so_lieu.cap_don_vi;
        fig.ly_do = Some(format!("không {cap} nào báo cáo {}", col.label()));
    } else {
        if let Err(p) = combine(ind, &reported, n_units, &mut fig) {
            problems.push(p);
        }
    }
    fig.units = units;
    (fig, used_target)
}

/// The district value from the units that reported. An arithmetic
/// failure (a sum or product beyond what a decimal holds) leaves the value
/// `None` and is an error naming the cells involved: a figure is never
/// silently missing, nor computed from some of its cells.
fn combine(
    ind: &Indicator,
    reported: &[(usize, &UnitValue)],
    n_units: usize,
    fig: &mut YearFigure,
) -> Result<(), Problem> {
    combine_values(ind, reported, n_units, fig).map_err(|step| {
        fig.gia_tri = None;
        fig.ty_le = None;
        fig.ly_do = Some(format!("tràn số khi {}", step.words(Lang::Vi)));
        overflow_problem(ind, fig.year, step, reported)
    })
}

/// [`combine`], or the step that overflowed.
fn combine_values(
    ind: &Indicator,
    reported: &[(usize, &UnitValue)],
    n_units: usize,
    fig: &mut YearFigure,
) -> Result<(), Step> {
    let values = || reported.iter().filter_map(|(_, v)| v.gia_tri);
    match &ind.tong_hop {
        Aggregate::Tong => match num::sum(values()) {
            Some(x) => fig.gia_tri = Some(x),
            None => return Err(Step::Adding),
        },
        Aggregate::TrungBinh => {
            match num::sum(values()).and_then(|s| s.checked_div(Decimal::from(reported.len()))) {
                Some(x) => fig.gia_tri = Some(x),
                None => return Err(Step::Averaging),
            }
        }
        Aggregate::NhoNhat => {
            fig.gia_tri = fig.nho_nhat_don_vi.and_then(|u| unit_number(reported, u))
        }
        Aggregate::LonNhat => {
            fig.gia_tri = fig.lon_nhat_don_vi.and_then(|u| unit_number(reported, u))
        }
        Aggregate::TrungBinhGiaQuyen(code) => {
            // Every product must be computed: dropping one would keep its
            // weight in the denominator and pull the mean towards 0.
            let products: Option<Vec<Decimal>> = reported
                .iter()
                .filter_map(|(_, v)| Some((v.gia_tri?, v.trong_so?)))
                .map(|(x, w)| x.checked_mul(w))
                .collect();
            let weights = num::sum(reported.iter().filter_map(|(_, v)| v.trong_so));
            let weighted = products.and_then(num::sum);
            match (weighted, weights) {
                (Some(_), Some(w)) if w.is_zero() => {
                    fig.ly_do = Some(format!("tổng trọng số {code} bằng 0"));
                }
                (Some(x), Some(w)) => match x.checked_div(w) {
                    Some(m) => fig.gia_tri = Some(m),
                    None => return Err(Step::DividingByWeights),
                },
                _ => return Err(Step::Weighting),
            }
        }
        Aggregate::TyLe(_) => {
            let tu = num::sum(reported.iter().filter_map(|(_, v)| v.tu_so));
            let mau = num::sum(reported.iter().filter_map(|(_, v)| v.mau_so));
            let (Some(t), Some(m)) = (tu, mau) else {
                return Err(Step::AddingParts);
            };
            fig.tu_so = Some(t);
            fig.mau_so = Some(m);
            if m.is_zero() {
                fig.ly_do = Some("tổng mẫu số bằng 0".into());
                return Ok(());
            }
            match num::percent(t, m) {
                Some(p) => fig.ty_le = Some(p),
                None => return Err(Step::ComputingRatio),
            }
            fig.gia_tri = fig.ty_le;
        }
        Aggregate::SoDonViDat => {
            let met = reported.iter().filter(|(_, v)| v.dat == Some(true)).count();
            let tu = Decimal::from(met);
            let mau = Decimal::from(n_units);
            fig.tu_so = Some(tu);
            fig.mau_so = Some(mau);
            fig.ty_le = num::percent(tu, mau);
            fig.gia_tri = Some(tu);
        }
        Aggregate::CapQuan => unreachable!("handled by district_figure"),
    }
    if fig.gia_tri.is_none() && fig.ly_do.is_none() {
        fig.ly_do = Some("không có giá trị để tổng hợp".into());
    }
    Ok(())
}

/// "GD01: tràn số khi cộng số liệu năm 2022 (…): so-lieu/a.xlsx!S!E7, …",
/// located at the first cell involved.
fn overflow_problem(
    ind: &Indicator,
    year: i32,
    step: Step,
    reported: &[(usize, &UnitValue)],
) -> Problem {
    let sources: Vec<&Source> = reported
        .iter()
        .flat_map(|(_, v)| v.sources.iter())
        .collect();
    overflow_at(ind, Overflow::Combining { step, year }, &sources)
}

/// "GD01: tràn số khi {what} (số quá lớn, hãy kiểm tra các ô: …)", an
/// error at the first of the cells involved: an overflow is never a silent
/// null.
pub(super) fn overflow_at(ind: &Indicator, what: Overflow, sources: &[&Source]) -> Problem {
    let cells = sources
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let p = Problem::error(Kind::Figures(FiguresKind::Overflow {
        code: ind.ma.clone(),
        what,
        cells,
    }));
    match sources.first() {
        Some(src) => p.at(src),
        None => p,
    }
}

fn unit_number(reported: &[(usize, &UnitValue)], unit: usize) -> Option<Decimal> {
    reported
        .iter()
        .find(|(u, _)| *u == unit)
        .and_then(|(_, v)| v.gia_tri)
}

/// The unit whose value wins `better` (the first in `don-vi` order on ties).
fn extreme(
    reported: &[(usize, &UnitValue)],
    better: impl Fn(Decimal, Decimal) -> bool,
) -> Option<usize> {
    let mut best: Option<(usize, Decimal)> = None;
    // Yes/no cells (1 or 0) have no meaningful smallest or largest unit.
    for (u, v) in reported.iter().filter(|(_, v)| !v.yes_no) {
        if let Some(x) = v.gia_tri
            && best.is_none_or(|(_, b)| better(x, b))
        {
            best = Some((*u, x));
        }
    }
    best.map(|(u, _)| u)
}

/// What unit `u` contributes, or `None` when it did not report (or its
/// cell could not be used, which is reported as a problem).
fn unit_value(
    inputs: &Inputs,
    ind: &Indicator,
    u: usize,
    year: Col,
    used_target: &mut bool,
    problems: &mut Vec<Problem>,
) -> Option<UnitValue> {
    match &ind.tong_hop {
        Aggregate::Tong | Aggregate::TrungBinh | Aggregate::NhoNhat | Aggregate::LonNhat => {
            let v = inputs.cell(u, &ind.ma, year)?;
            let x = number(ind, v, problems)?;
            Some(UnitValue {
                gia_tri: Some(x),
                sources: vec![v.source.clone()],
                ..Default::default()
            })
        }
        Aggregate::TrungBinhGiaQuyen(code) => {
            let v = inputs.cell(u, &ind.ma, year)?;
            let x = number(ind, v, problems)?;
            let mut sources = vec![v.source.clone()];
            let unit = &inputs.review.units[u];
            // A value without its weight cannot enter the mean; the unit is
            // left out (the figure says so: "7/8 phường báo cáo") and the
            // clerk is told why at the value's cell, never silently.
            let unweighted = |place: WeightPlace| {
                Problem::warning(Kind::Figures(FiguresKind::Unweighted {
                    code: ind.ma.clone(),
                    unit: unit.ten.clone(),
                    column: year.into(),
                    weight: code.clone(),
                    place,
                }))
                .at(&v.source)
            };
            let w = if inputs
                .review
                .units
                .iter()
                .any(|unit| unit.weights.contains_key(code))
            {
                match unit.weights.get(code) {
                    Some(w) => *w,
                    None => {
                        problems.push(unweighted(WeightPlace::UnitList { row: unit.row }));
                        return None;
                    }
                }
            } else {
                let wv = match inputs.cell(u, code, year) {
                    Some(wv) => wv,
                    // An unknown weight code is one error at the catalog's
                    // cell, not a warning per unit.
                    None if inputs.review.catalog.get(code).is_none() => return None,
                    None => {
                        problems.push(unweighted(WeightPlace::NoValue {
                            column: year.into(),
                        }));
                        return None;
                    }
                };
                // A weight that is not a number is reported at its cell.
                let so = number(inputs.review.catalog.get(code).unwrap_or(ind), wv, problems)?;
                sources.push(wv.source.clone());
                so
            };
            Some(UnitValue {
                gia_tri: Some(x),
                trong_so: Some(w),
                sources,
                ..Default::default()
            })
        }
        Aggregate::TyLe(None) => {
            let v = inputs.cell(u, &ind.ma, year)?;
            match v.value {
                CellValue::Fraction { tu, mau } => Some(UnitValue {
                    gia_tri: num::percent(tu, mau),
                    tu_so: Some(tu),
                    mau_so: Some(mau),
                    sources: vec![v.source.clone()],
                    ..Default::default()
                }),
                _ => {
                    problems.push(
                        Problem::error(Kind::Figures(FiguresKind::RatioNeedsFraction {
                            code: ind.ma.clone(),
                        }))
                        .at(&v.source),
                    );
                    None
                }
            }
        }
        Aggregate::TyLe(Some((a, b))) => {
            let va = inputs.cell(u, a, year)?;
            let vb = inputs.cell(u, b, year)?;
            let (CellValue::Number { so: tu }, CellValue::Number { so: mau }) =
                (va.value, vb.value)
            else {
                return None;
            };
            Some(UnitValue {
                gia_tri: num::percent(tu, mau),
                tu_so: Some(tu),
                mau_so: Some(mau),
                sources: vec![va.source.clone(), vb.source.clone()],
                ..Default::default()
            })
        }
        Aggregate::SoDonViDat => {
            let v = inputs.cell(u, &ind.ma, year)?;
            let sources = vec![v.source.clone()];
            match v.value {
                CellValue::YesNo { dat } => Some(UnitValue {
                    gia_tri: Some(if dat { Decimal::ONE } else { Decimal::ZERO }),
                    dat: Some(dat),
                    yes_no: true,
                    sources,
                    ..Default::default()
                }),
                CellValue::Fraction { tu, mau } => Some(UnitValue {
                    gia_tri: num::percent(tu, mau),
                    tu_so: Some(tu),
                    mau_so: Some(mau),
                    dat: Some(tu >= mau),
                    sources,
                    ..Default::default()
                }),
                CellValue::Number { so } => match &ind.target {
                    Some(Target::Compare { op, so: t, .. }) => {
                        *used_target = true;
                        Some(UnitValue {
                            gia_tri: Some(so),
                            dat: Some(super::evaluate::meets(so, *op, *t)),
                            sources,
                            ..Default::default()
                        })
                    }
                    _ => {
                        problems.push(
                            Problem::error(Kind::Figures(FiguresKind::UnitCountNeedsYesNo {
                                code: ind.ma.clone(),
                                level: inputs.review.settings.so_lieu.cap_don_vi.clone(),
                            }))
                            .at(&v.source),
                        );
                        None
                    }
                },
            }
        }
        Aggregate::CapQuan => None,
    }
}

/// A number cell's value; other kinds are reported and left out.
fn number(ind: &Indicator, v: &Value, problems: &mut Vec<Problem>) -> Option<Decimal> {
    let found = match v.value {
        CellValue::Number { so } => return Some(so),
        CellValue::Fraction { .. } => NotNumber::Fraction,
        CellValue::YesNo { .. } => NotNumber::YesNo,
    };
    problems.push(
        Problem::error(Kind::Figures(FiguresKind::NotANumber {
            code: ind.ma.clone(),
            found,
        }))
        .at(&v.source),
    );
    None
}

/// A `cap_quan` indicator: the value from the district's own workbook.
fn district_figure(
    inputs: &Inputs,
    ind: &Indicator,
    col: Col,
    problems: &mut Vec<Problem>,
) -> YearFigure {
    let mut fig = YearFigure {
        year: match col {
            Col::Ky(p) => p.year,
            Col::KeHoach(y) => y,
        },
        ..YearFigure::default()
    };
    let ten = &inputs.review.settings.so_lieu.ten_don_vi;
    let Some(sub) = inputs.district else {
        fig.ly_do = Some(format!("không có tệp số liệu của {ten}"));
        return fig;
    };
    let Some(v) = sub.cell(&ind.ma, col) else {
        fig.ly_do = Some(format!("tệp số liệu của {ten} không có {}", col.label()));
        return fig;
    };
    match v.value {
        CellValue::Number { so } => fig.gia_tri = Some(so),
        CellValue::Fraction { tu, mau } => {
            fig.tu_so = Some(tu);
            fig.mau_so = Some(mau);
            fig.ty_le = num::percent(tu, mau);
            fig.gia_tri = fig.ty_le;
            if fig.gia_tri.is_none() {
                fig.ly_do = Some("mẫu số bằng 0".into());
            }
        }
        CellValue::YesNo { .. } => {
            number(ind, v, problems);
            fig.ly_do = Some("ô không phải là con số".into());
            return fig;
        }
    }
    fig.so_don_vi_bao_cao = 1;
    fig.complete = true;
    fig.uoc = sub.is_estimate_col(col);
    fig.nguon = Some(v.source.clone());
    fig
}

/// "GD01: 7/8 phường báo cáo năm 2022, thiếu: Phường Bưởi" when some units
/// did not report the year being reported: one warning per missing unit,
/// at the empty cell of its file (or the file, when it has no row for the
/// code), so a clerk can go straight to it.
///
/// Units without any usable file are left out: the reader already says
/// once that they sent nothing, and repeating it for every indicator would
/// bury the cells a clerk must fill in.
pub fn missing_warning(inputs: &Inputs, ind: &Indicator, now: &YearFigure) -> Vec<Problem> {
    missing_warning_at(inputs, ind, now, Col::year(now.year))
}

/// [`missing_warning`] for the figure of any column ("… báo cáo 9 tháng
/// năm 2026, thiếu: …").
pub fn missing_warning_at(
    inputs: &Inputs,
    ind: &Indicator,
    now: &YearFigure,
    col: Col,
) -> Vec<Problem> {
    let review = inputs.review;
    let s = &review.settings.so_lieu;
    if ind.tong_hop == Aggregate::CapQuan {
        if now.complete {
            return Vec::new();
        }
        let p = Problem::warning(Kind::Figures(FiguresKind::DistrictMissing {
            code: ind.ma.clone(),
            district: s.ten_don_vi.clone(),
            column: col.into(),
        }));
        return vec![match inputs.district {
            Some(sub) => p.at(&sub.source_of_col(&ind.ma, col)),
            None => p,
        }];
    }
    if now.complete || review.units.is_empty() {
        return Vec::new();
    }
    let (n, total) = (now.so_don_vi_bao_cao, review.units.len());
    review
        .units
        .iter()
        .zip(&now.units)
        .zip(&inputs.units)
        .filter_map(|((unit, v), sub)| Some((unit, sub.filter(|_| v.is_none())?)))
        .map(|(unit, sub)| {
            Problem::warning(Kind::Figures(FiguresKind::UnitMissing {
                code: ind.ma.clone(),
                reported: n,
                total,
                level: s.cap_don_vi.clone(),
                unit: unit.ten.clone(),
                column: col.into(),
            }))
            .at(&sub.source_of_col(&ind.ma, col))
        })
        .collect()
}
