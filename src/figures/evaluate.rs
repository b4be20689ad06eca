//! The verdict against the term target, and the summary count.
//!
//! Values are compared at the precision they are printed with (after
//! `lam_tron`), so that the report never prints "95,0%" next to "Chưa đạt"
//! for a target of `>= 95%` — nor "96,2%" next to "Đạt" for `>= 96,3%`
//! when the office truncates.

use super::{YearFigure, num};
use crate::review::{Aggregate, Indicator, Op, Target};
use crate::vn::Rounding;
use rust_decimal::Decimal;
use serde::Serialize;

/// Evaluation codes, serialized as in the template context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Met, and strictly better than the target number.
    Vuot,
    /// Met exactly (or an `=` target).
    Dat,
    /// Not met yet, but the projection meets it by the end of the term.
    DuKienDat,
    ChuaDat,
    /// No target, or no value.
    KhongDanhGia,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Vuot => "vuot",
            Verdict::Dat => "dat",
            Verdict::DuKienDat => "du_kien_dat",
            Verdict::ChuaDat => "chua_dat",
            Verdict::KhongDanhGia => "khong_danh_gia",
        }
    }
    pub fn text(self) -> &'static str {
        match self {
            Verdict::Vuot => "Vượt",
            Verdict::Dat => "Đạt",
            Verdict::DuKienDat => "Dự kiến đạt",
            Verdict::ChuaDat => "Chưa đạt",
            Verdict::KhongDanhGia => "Không đánh giá",
        }
    }
}

/// `tong_ket`: how many indicators got each verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Every catalog indicator.
    pub tong: usize,
    pub vuot: usize,
    pub dat: usize,
    pub du_kien_dat: usize,
    pub chua_dat: usize,
    pub khong_danh_gia: usize,
    /// vuot + dat + du_kien_dat.
    pub dat_va_du_kien_dat: usize,
    /// Indicators with a target whose figure is incomplete (some unit did
    /// not report), judged (ratios, means) or not (sums, unit counts).
    pub chua_du_so_lieu: usize,
    /// "18/19 chỉ tiêu đạt và dự kiến đạt" (over evaluated indicators only);
    /// a periodic review without a term: "… đạt và vượt kế hoạch năm 2026".
    pub text: String,
    /// A periodic review without a term: what its verdicts were judged
    /// against ("mục tiêu", "kế hoạch năm 2026", "mục tiêu, kế hoạch năm
    /// 2026"). Absent in a term review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub co_so: Option<String>,
    /// A periodic review without a term: the indicators with a year's plan
    /// and a figure the plan can be set against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub co_ke_hoach: Option<usize>,
    /// Of those, the ones at or above `tien_do` percent of the plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dat_tien_do: Option<usize>,
    /// The share of the year the report period covers, in percent (50 for
    /// "6 tháng", 100 for the year): the pace at which the plan is met.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "plain_number"
    )]
    pub tien_do: Option<Decimal>,
    /// "1/2 chỉ tiêu có kế hoạch năm đạt từ 50% kế hoạch năm trở lên",
    /// "2/2 chỉ tiêu có kế hoạch năm đạt và vượt kế hoạch năm".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ke_hoach_text: Option<String>,
}

/// A decimal as a JSON number (`50`, `8.3`), as every number of the
/// context is, not as rust_decimal's string.
fn plain_number<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    use rust_decimal::prelude::ToPrimitive;
    match d.map(|d| d.normalize()) {
        Some(d) if d.scale() == 0 && d.to_i64().is_some() => {
            s.serialize_i64(d.to_i64().unwrap_or(0))
        }
        Some(d) => s.serialize_f64(d.to_f64().unwrap_or(0.0)),
        None => s.serialize_none(),
    }
}

impl Summary {
    pub fn count(verdicts: impl IntoIterator<Item = Verdict>) -> Summary {
        Summary::count_with_incomplete(verdicts.into_iter().map(|v| (v, false)))
    }

    /// Each verdict with whether the indicator has a target and an
    /// incomplete figure: `text` then ends ", 2 chỉ tiêu chưa đủ số liệu".
    pub fn count_with_incomplete(verdicts: impl IntoIterator<Item = (Verdict, bool)>) -> Summary {
        let mut s = Summary::default();
        for (v, incomplete) in verdicts {
            s.chua_du_so_lieu += usize::from(incomplete);
            s.tong += 1;
            *match v {
                Verdict::Vuot => &mut s.vuot,
                Verdict::Dat => &mut s.dat,
                Verdict::DuKienDat => &mut s.du_kien_dat,
                Verdict::ChuaDat => &mut s.chua_dat,
                Verdict::KhongDanhGia => &mut s.khong_danh_gia,
            } += 1;
        }
        s.dat_va_du_kien_dat = s.vuot + s.dat + s.du_kien_dat;
        s.text = s.sentence("dự kiến đạt");
        s
    }

    /// "18/19 chỉ tiêu đạt và {what}", with the tail ", 2 chỉ tiêu chưa
    /// đủ số liệu" when some are.
    pub fn sentence(&self, what: &str) -> String {
        count_sentence(
            self.dat_va_du_kien_dat,
            self.tong - self.khong_danh_gia,
            self.chua_du_so_lieu,
            what,
            crate::check::Lang::Vi,
        )
    }
}

/// "{met}/{evaluated} chỉ tiêu đạt và {what}" (in English "{met}/{evaluated}
/// indicators {what}"), with the indicators short of data as a tail.
pub fn count_sentence(
    met: usize,
    evaluated: usize,
    short_of_data: usize,
    what: &str,
    lang: crate::check::Lang,
) -> String {
    let vi = lang == crate::check::Lang::Vi;
    let mut text = match vi {
        true => format!("{met}/{evaluated} chỉ tiêu đạt và {what}"),
        false => format!("{met}/{evaluated} indicators {what}"),
    };
    if short_of_data > 0 {
        text.push_str(&match vi {
            true => format!(", {short_of_data} chỉ tiêu chưa đủ số liệu"),
            false => format!(", {short_of_data} without enough data"),
        });
    }
    text
}

/// `x op t`.
pub fn meets(x: Decimal, op: Op, t: Decimal) -> bool {
    match op {
        Op::Ge => x >= t,
        Op::Gt => x > t,
        Op::Le => x <= t,
        Op::Lt => x < t,
        Op::Eq => x == t,
    }
}

/// `Some(Vuot | Dat)` when `x` meets the target, `None` when it does not.
fn judge(x: Decimal, target: &Target) -> Option<Verdict> {
    match *target {
        Target::Compare { op, so, .. } => {
            if !meets(x, op, so) {
                None
            } else if op == Op::Eq || x == so {
                Some(Verdict::Dat)
            } else {
                Some(Verdict::Vuot)
            }
        }
        Target::Fraction { tu, .. } => match x.cmp(&tu) {
            std::cmp::Ordering::Greater => Some(Verdict::Vuot),
            std::cmp::Ordering::Equal => Some(Verdict::Dat),
            std::cmp::Ordering::Less => None,
        },
    }
}

/// What a target is compared with, now and as projected, both rounded as
/// printed. `None` when there is no value to compare.
fn quantities(
    ind: &Indicator,
    target: &Target,
    now: &YearFigure,
    du_bao: Option<Decimal>,
    rounding: Rounding,
) -> Option<(Decimal, Option<Decimal>)> {
    let dec = ind.decimals();
    let pd = ind.percent_decimals();
    let r = |x: Decimal, d: u32| num::round(x, d, rounding);
    // A projected percent as a count of `mau_so` (unit counts, fraction
    // targets of ratios): the projection is made on the percent.
    let as_count = |p: Decimal| {
        now.mau_so?
            .checked_mul(r(p, pd))?
            .checked_div(Decimal::ONE_HUNDRED)
    };
    let fraction = ind.tong_hop.is_fraction();
    // A unit count is projected in units, a ratio in percent.
    let units = ind.tong_hop == Aggregate::SoDonViDat;
    let projected_count = |p: Decimal| if units { Some(r(p, 0)) } else { as_count(p) };
    let projected_percent = |p: Decimal| {
        if units {
            num::percent(p, now.mau_so?)
        } else {
            Some(p)
        }
    };
    match target {
        Target::Fraction { .. } if fraction => Some((now.tu_so?, du_bao.and_then(projected_count))),
        Target::Fraction { .. } => Some((r(now.gia_tri?, dec), du_bao.map(|p| r(p, dec)))),
        Target::Compare { phan_tram, .. }
            if fraction && (*phan_tram || matches!(ind.tong_hop, Aggregate::TyLe(_))) =>
        {
            Some((
                r(now.ty_le?, pd),
                du_bao.and_then(projected_percent).map(|p| r(p, pd)),
            ))
        }
        Target::Compare { .. } if fraction => Some((now.tu_so?, du_bao.and_then(projected_count))),
        Target::Compare { .. } => Some((r(now.gia_tri?, dec), du_bao.map(|p| r(p, dec)))),
    }
}

/// The verdict of one indicator for `nam_bao_cao`.
pub fn verdict(
    ind: &Indicator,
    now: Option<&YearFigure>,
    du_bao: Option<Decimal>,
    per_unit_condition: bool,
    rounding: Rounding,
) -> Verdict {
    let (Some(target), Some(now)) = (&ind.target, now) else {
        return Verdict::KhongDanhGia;
    };
    if now.gia_tri.is_none() || !judged_when_incomplete(ind, now) {
        return Verdict::KhongDanhGia;
    }
    if per_unit_condition {
        // The target was each unit's condition: met when every unit of
        // `don-vi` meets it.
        if now.tu_so.is_some() && now.tu_so == now.mau_so {
            return Verdict::Dat;
        }
        // The projection is in units.
        return match (du_bao.map(|p| num::round(p, 0, rounding)), now.mau_so) {
            (Some(p), Some(m)) if p >= m => Verdict::DuKienDat,
            _ => Verdict::ChuaDat,
        };
    }
    let Some((x, projected)) = quantities(ind, target, now, du_bao, rounding) else {
        return Verdict::KhongDanhGia;
    };
    if let Some(v) = judge(x, target) {
        return v;
    }
    match projected.and_then(|p| judge(p, target)) {
        Some(_) => Verdict::DuKienDat,
        None => Verdict::ChuaDat,
    }
}

/// Whether `now` can be judged: a complete figure always; an incomplete
/// ratio or mean on the units that reported; an incomplete sum, unit
/// count, minimum or maximum never — a missing ward would add to the sum
/// or the count, and could hold the extreme.
pub fn judged_when_incomplete(ind: &Indicator, now: &YearFigure) -> bool {
    now.complete
        || matches!(
            ind.tong_hop,
            Aggregate::TyLe(_) | Aggregate::TrungBinh | Aggregate::TrungBinhGiaQuyen(_)
        )
}

/// Percent of the target number: for `>=`/`>` targets `value / target ×
/// 100`, for a fraction target `a/b` `tu_so / a × 100` ("26/20 → 130%").
/// `None` with the reason otherwise.
pub fn dat_pt_muc_tieu(
    ind: &Indicator,
    now: Option<&YearFigure>,
    per_unit_condition: bool,
) -> (Option<Decimal>, Option<String>) {
    let fail = |r: &str| (None, Some(r.to_string()));
    let Some(target) = &ind.target else {
        return fail("không có mục tiêu");
    };
    let Some(now) = now.filter(|n| n.gia_tri.is_some()) else {
        return fail("không có giá trị năm báo cáo");
    };
    if per_unit_condition {
        return fail("mục tiêu là điều kiện của từng đơn vị");
    }
    if !judged_when_incomplete(ind, now) {
        return fail("chưa đủ số liệu của các đơn vị");
    }
    let fraction = ind.tong_hop.is_fraction();
    let (x, t) = match *target {
        Target::Fraction { tu, .. } => (if fraction { now.tu_so } else { now.gia_tri }, tu),
        Target::Compare {
            op: Op::Ge | Op::Gt,
            so,
            phan_tram,
        } => {
            let x = if !fraction {
                now.gia_tri
            } else if phan_tram || matches!(ind.tong_hop, Aggregate::TyLe(_)) {
                now.ty_le
            } else {
                now.tu_so
            };
            (x, so)
        }
        Target::Compare { .. } => return fail("chỉ tính cho mục tiêu dạng >= hoặc >"),
    };
    if t.is_zero() {
        return fail("mục tiêu bằng 0");
    }
    match x.and_then(|x| num::percent(x, t)) {
        Some(p) => (Some(p), None),
        None => fail("không có giá trị để so sánh"),
    }
}
