//! The figures of a periodic review (`so_lieu.ky_bao_cao`): every period
//! a unit file has a column for, the report period's value against the
//! same period of last year (`cung_ky`) and the year's plan (`ke_hoach`),
//! and the verdict of PRODUCT.md's "Periodic reviews".
//!
//! Each period is aggregated from its own columns by the indicator's rule
//! (a ratio from summed numerators and denominators, never a mean of
//! percentages). A cumulative period ("9 tháng") is read from its own
//! column and never made up from months: a month missing, revised or
//! estimated differently would make a sum of months a different figure
//! from the one the units signed.

use super::aggregate::{self, Inputs};
use super::{IndicatorFigures, Summary, Verdict, YearFigure, evaluate, num};
use crate::check::Problem;
use crate::read::Submission;
use crate::read::period::{Col, Period};
use crate::review::{Aggregate, Indicator, Op, Review, Target};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The periodic figures of one indicator.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodFigures {
    /// `so_lieu.ky_bao_cao`.
    pub ky_bao_cao: Period,
    /// Every period some file has a column for, and the report period,
    /// in time order.
    pub ky: Vec<(Period, YearFigure)>,
    /// The value (`gia_tri`) of the same period one year earlier, when
    /// every unit reported it.
    pub cung_ky: Option<Decimal>,
    /// `gia_tri − cung_ky`, in the figure's own unit (percentage points
    /// for ratios and `%` indicators, units for unit counts).
    pub tang_cung_ky: Option<Decimal>,
    /// `tang_cung_ky / cung_ky × 100`.
    pub tang_cung_ky_pt: Option<Decimal>,
    /// The year's plan: the catalog's `Kế hoạch năm`, else the units'
    /// plan columns aggregated when every unit gave one.
    pub ke_hoach: Option<Decimal>,
    /// `gia_tri / ke_hoach × 100`.
    pub dat_pt_ke_hoach: Option<Decimal>,
    /// Why a figure above is `None`, keyed by its name.
    pub ly_do: BTreeMap<String, String>,
}

impl PeriodFigures {
    /// The report period's figure.
    pub fn now(&self) -> Option<&YearFigure> {
        self.get(self.ky_bao_cao)
    }
    pub fn get(&self, p: Period) -> Option<&YearFigure> {
        self.ky.iter().find(|(q, _)| *q == p).map(|(_, f)| f)
    }
}

/// Every period some submission has a column for, plus `report`.
fn periods_shown(submissions: &[Submission], report: Period) -> Vec<Period> {
    let mut set: BTreeSet<Period> = submissions
        .iter()
        .flat_map(|s| {
            (s.years.iter().map(|y| Period::year(y.year)))
                .chain(s.ky.columns.iter().map(|(p, _)| *p))
        })
        .collect();
    set.insert(report);
    set.into_iter().collect()
}

/// Add the periodic figures to every indicator of a review with
/// `so_lieu.ky_bao_cao`, and judge the report period: against the term's
/// target when the review has a term (a part-year period is not judged),
/// else against the catalog's target as the period's own, or, for a
/// whole year with no target, against the plan.
pub fn apply(
    review: &Review,
    submissions: &[Submission],
    indicators: &mut [IndicatorFigures],
    problems: &mut Vec<Problem>,
) {
    let s = &review.settings.so_lieu;
    let Some(report) = s.ky else { return };
    let inputs = Inputs::new(review, submissions);
    let periods = periods_shown(submissions, report);
    let has_column = submissions.iter().any(|sub| {
        if report.is_year() {
            sub.years.iter().any(|y| y.year == report.year)
        } else {
            sub.ky.cols.contains_key(&report)
        }
    });
    if !submissions.is_empty() && !has_column {
        problems.push(
            Problem::error(crate::check::Kind::Figures(
                crate::check::FiguresKind::NoPeriodColumn {
                    period: report,
                    ky_bao_cao: s.ky_bao_cao.clone().unwrap_or_default(),
                },
            ))
            .file("so-lieu"),
        );
    }
    for fig in indicators.iter_mut() {
        let Some(ind) = review.catalog.get(&fig.ma) else {
            continue;
        };
        let mut used_target = false;
        let ky: Vec<(Period, YearFigure)> = periods
            .iter()
            .map(|&p| {
                // A year already computed for the term is not read twice
                // (its problems were reported once).
                let f = match fig.year(p.year).filter(|_| p.is_year()) {
                    Some(y) => y.clone(),
                    None => {
                        let (f, used) = aggregate::figure(&inputs, ind, Col::Ky(p), problems);
                        if p == report {
                            used_target = used;
                        }
                        f
                    }
                };
                if p == report && p.is_year() {
                    used_target = fig.per_unit_condition;
                }
                (p, f)
            })
            .collect();
        let mut pf = PeriodFigures {
            ky_bao_cao: report,
            ky,
            cung_ky: None,
            tang_cung_ky: None,
            tang_cung_ky_pt: None,
            ke_hoach: None,
            dat_pt_ke_hoach: None,
            ly_do: BTreeMap::new(),
        };
        let now = pf.now().cloned().unwrap_or_default();
        if has_column && !(report.is_year() && s.co_nhiem_ky && s.nam_bao_cao == report.year) {
            problems.extend(aggregate::missing_warning_at(
                &inputs,
                ind,
                &now,
                Col::Ky(report),
            ));
        }
        same_period(&mut pf, &now);
        plan(&mut pf, &inputs, ind, &now, problems);
        judge(review, ind, fig, &mut pf, &now, used_target);
        fig.ky = Some(Box::new(pf));
    }
}

/// `cung_ky`, `tang_cung_ky` and `tang_cung_ky_pt`: both periods complete.
fn same_period(pf: &mut PeriodFigures, now: &YearFigure) {
    let before = pf.ky_bao_cao.cung_ky();
    let why = |f: Option<&YearFigure>| -> Result<Decimal, String> {
        let label = before.label();
        let f = f.ok_or_else(|| format!("không có cột {label}"))?;
        if f.so_don_vi_bao_cao == 0 {
            return Err(format!("không có số liệu {label}"));
        }
        if !f.complete {
            return Err(format!(
                "{label} chưa đủ số liệu ({} đơn vị báo cáo)",
                f.so_don_vi_bao_cao
            ));
        }
        f.gia_tri.ok_or_else(|| {
            f.ly_do
                .clone()
                .unwrap_or(format!("không có giá trị {label}"))
        })
    };
    let cung = why(pf.get(before));
    match &cung {
        Ok(v) => pf.cung_ky = Some(*v),
        Err(r) => {
            pf.ly_do.insert("cung_ky".into(), r.clone());
        }
    }
    let current = if !now.complete {
        Err(format!(
            "{} chưa đủ số liệu ({} đơn vị báo cáo)",
            pf.ky_bao_cao.label(),
            now.so_don_vi_bao_cao
        ))
    } else {
        now.gia_tri.ok_or_else(|| {
            now.ly_do
                .clone()
                .unwrap_or(format!("không có giá trị {}", pf.ky_bao_cao.label()))
        })
    };
    match (cung, current) {
        (Ok(v0), Ok(v1)) => {
            pf.tang_cung_ky = v1.checked_sub(v0);
            if v0.is_zero() {
                pf.ly_do
                    .insert("tang_cung_ky_pt".into(), "cùng kỳ bằng 0".into());
            } else {
                pf.tang_cung_ky_pt = pf.tang_cung_ky.and_then(|t| num::percent(t, v0));
            }
        }
        (Err(r), _) | (_, Err(r)) => {
            for k in ["tang_cung_ky", "tang_cung_ky_pt"] {
                pf.ly_do.insert(k.into(), r.clone());
            }
        }
    }
}

/// `ke_hoach` and `dat_pt_ke_hoach`.
fn plan(
    pf: &mut PeriodFigures,
    inputs: &Inputs,
    ind: &Indicator,
    now: &YearFigure,
    problems: &mut Vec<Problem>,
) {
    let year = pf.ky_bao_cao.year;
    let plan = match ind.ke_hoach {
        Some(k) => Ok(k),
        None => {
            let (f, _) = aggregate::figure(inputs, ind, Col::KeHoach(year), problems);
            if f.so_don_vi_bao_cao == 0 {
                Err(format!("không có kế hoạch năm {year}"))
            } else if !f.complete {
                Err(format!(
                    "kế hoạch năm {year} chưa đủ ({} đơn vị có kế hoạch)",
                    f.so_don_vi_bao_cao
                ))
            } else {
                f.gia_tri
                    .ok_or_else(|| f.ly_do.unwrap_or(format!("không có kế hoạch năm {year}")))
            }
        }
    };
    match plan {
        Ok(k) => {
            pf.ke_hoach = Some(k);
            match now.gia_tri {
                _ if k.is_zero() => {
                    pf.ly_do
                        .insert("dat_pt_ke_hoach".into(), "kế hoạch bằng 0".into());
                }
                Some(v) => pf.dat_pt_ke_hoach = num::percent(v, k),
                None => {
                    pf.ly_do.insert(
                        "dat_pt_ke_hoach".into(),
                        format!("không có giá trị {}", pf.ky_bao_cao.label()),
                    );
                }
            }
        }
        Err(r) => {
            pf.ly_do.insert("ke_hoach".into(), r.clone());
            pf.ly_do.insert("dat_pt_ke_hoach".into(), r);
        }
    }
}

/// The report period's verdict (PRODUCT.md, "Periodic reviews").
fn judge(
    review: &Review,
    ind: &Indicator,
    fig: &mut IndicatorFigures,
    pf: &mut PeriodFigures,
    now: &YearFigure,
    per_unit_condition: bool,
) {
    let s = &review.settings.so_lieu;
    let report = pf.ky_bao_cao;
    if s.co_nhiem_ky {
        if !report.is_year() {
            fig.danh_gia = Verdict::KhongDanhGia;
            pf.ly_do.insert(
                "danh_gia".into(),
                format!(
                    "{} chưa hết năm: không đánh giá theo mục tiêu nhiệm kỳ",
                    report.label()
                ),
            );
        }
        // A whole year of a term review is the term's year, judged as before.
        return;
    }
    // No term: no projection, so nothing is "dự kiến đạt".
    fig.derived.du_bao = None;
    fig.derived.ly_do.insert(
        "du_bao".into(),
        "báo cáo định kỳ không có nhiệm kỳ để dự báo".into(),
    );
    fig.derived.ly_do.remove("danh_gia");
    let rounding = s.lam_tron;
    let target = match (&ind.target, pf.ke_hoach) {
        (Some(t), _) => Some((t.clone(), false)),
        (None, Some(k)) if report.is_year() => Some((
            Target::Compare {
                op: Op::Ge,
                so: k,
                phan_tram: ind.is_percent() || matches!(ind.tong_hop, Aggregate::TyLe(_)),
            },
            true,
        )),
        _ => None,
    };
    let Some((target, from_plan)) = target else {
        fig.danh_gia = Verdict::KhongDanhGia;
        return;
    };
    let judged = Indicator {
        target: Some(target),
        ..ind.clone()
    };
    fig.danh_gia = evaluate::verdict(&judged, Some(now), None, per_unit_condition, rounding);
    if fig.danh_gia == Verdict::DuKienDat {
        fig.danh_gia = Verdict::ChuaDat;
    }
    if !from_plan {
        let (pct, reason) = evaluate::dat_pt_muc_tieu(ind, Some(now), per_unit_condition);
        fig.derived.dat_pt_muc_tieu = pct;
        match reason {
            Some(r) => {
                fig.derived.ly_do.insert("dat_pt_muc_tieu".into(), r);
            }
            None => {
                fig.derived.ly_do.remove("dat_pt_muc_tieu");
            }
        }
    }
    // An incomplete sum or unit count understates the whole: not judged.
    if now.gia_tri.is_some() && !evaluate::judged_when_incomplete(ind, now) {
        let names: Vec<&str> = (now.thieu.iter())
            .filter_map(|&u| review.units.get(u).map(|u| u.ten.as_str()))
            .collect();
        let r = format!(
            "chưa đủ số liệu {}: thiếu {} ({}/{} {} báo cáo)",
            report.label(),
            names.join(", "),
            now.so_don_vi_bao_cao,
            review.units.len(),
            s.cap_don_vi
        );
        fig.derived.ly_do.insert("danh_gia".into(), r.clone());
        fig.derived.ly_do.insert("dat_pt_muc_tieu".into(), r);
    }
}

/// `tong_ket` of a periodic review without a term (PRODUCT.md, "Periodic
/// reviews"): its verdicts were judged against the catalog's `Mục tiêu`
/// (the period's own target) or, for a whole year without one, against
/// the year's plan, and never projected — so the sentence says "đạt và
/// vượt" and what against, not "dự kiến đạt". It also counts the
/// indicators with a year's plan at or above the share of the year the
/// period covers ("1/2 chỉ tiêu có kế hoạch năm đạt từ 50% kế hoạch năm
/// trở lên"; the whole year: "đạt và vượt kế hoạch năm"), as a report of
/// six or nine months weighs the plan. A figure that would understate
/// the whole (an incomplete sum or unit count) and an indicator where
/// lower is better (`<=`/`<` target) are not set against the plan.
pub fn summary(review: &Review, indicators: &[IndicatorFigures], s: &mut Summary) {
    let so_lieu = &review.settings.so_lieu;
    let Some(report) = so_lieu.ky else { return };
    if so_lieu.co_nhiem_ky {
        return;
    }
    let year = report.year;
    let (mut by_target, mut by_plan) = (false, false);
    let tien_do = Decimal::from(report.span.months()) * Decimal::ONE_HUNDRED / Decimal::from(12);
    let tien_do = num::round(tien_do, 1, so_lieu.lam_tron).normalize();
    let (mut co, mut dat) = (0, 0);
    for fig in indicators {
        let Some(ind) = review.catalog.get(&fig.ma) else {
            continue;
        };
        if fig.danh_gia != Verdict::KhongDanhGia {
            if ind.target.is_some() {
                by_target = true;
            } else {
                by_plan = true;
            }
        }
        let Some(pf) = &fig.ky else { continue };
        let lower_is_better = matches!(
            ind.target,
            Some(Target::Compare {
                op: Op::Le | Op::Lt,
                ..
            })
        );
        let (Some(pct), Some(now)) = (pf.dat_pt_ke_hoach, pf.now()) else {
            continue;
        };
        if lower_is_better || !evaluate::judged_when_incomplete(ind, now) {
            continue;
        }
        co += 1;
        if num::round(pct, 1, so_lieu.lam_tron) >= tien_do {
            dat += 1;
        }
    }
    let plan = format!("kế hoạch năm {year}");
    let co_so = match (by_target, by_plan) {
        (true, true) => format!("mục tiêu, {plan}"),
        (false, true) => plan,
        _ => "mục tiêu".to_string(),
    };
    s.text = s.sentence(&format!("vượt {co_so}"));
    s.co_so = Some(co_so);
    s.co_ke_hoach = Some(co);
    s.dat_tien_do = Some(dat);
    s.ke_hoach_text = Some(if report.is_year() {
        format!("{dat}/{co} chỉ tiêu có kế hoạch năm đạt và vượt kế hoạch năm")
    } else {
        format!(
            "{dat}/{co} chỉ tiêu có kế hoạch năm đạt từ {}% kế hoạch năm trở lên",
            crate::vn::number::so(tien_do, 1, so_lieu.lam_tron).trim_end_matches(",0")
        )
    });
    s.tien_do = Some(tien_do);
}
