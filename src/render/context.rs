//! The template context, also written as `ket-qua.json`.
//!
//! The names are PRODUCT.md's contract. Every indicator object has every
//! key (null when it does not apply or is missing) so that a template
//! naming `ct.GD01.phan_so` fails only on a misspelling, never because one
//! indicator happens to be a sum. Numbers are JSON numbers (at most 10
//! decimals; whole values as integers) and each has a formatted `_text`
//! twin produced by [`crate::vn`]. Keys keep catalog and `don-vi` order.

mod parts;
mod period;
pub mod types;

use crate::check::{Problem, Severity};
use crate::figures::{Figures, IndicatorFigures, UnitValue, YearFigure};
use crate::review::{Aggregate, Indicator, Review, Target};
use crate::vn::{self, Rounding};
pub use parts::{BaoCaoEntry, KyBaoCao, SoLieuEntry, TongKet};
use rust_decimal::prelude::*;
use serde_json::Value;
use std::sync::Arc;
pub use types::{
    Context, IndicatorEntry, Keyed, Num, PeriodEntry, ProblemEntry, UnitEntry, UnitName, YearEntry,
};

/// Build the context of one review, as JSON (= `ket-qua.json`).
pub fn build(review: &Review, figures: &Figures, problems: &[Problem]) -> Value {
    serde_json::to_value(typed(review, figures, problems)).unwrap_or(Value::Null)
}

/// Build the typed context of one review. Each indicator is held once:
/// `nhom` shares the entries of `ct`.
pub fn typed(review: &Review, figures: &Figures, problems: &[Problem]) -> Context {
    let f = Fmt {
        rounding: review.settings.so_lieu.lam_tron,
    };
    let mut ct = Keyed(Vec::with_capacity(figures.indicators.len()));
    let mut nhom: Keyed<Vec<Arc<IndicatorEntry>>> = Keyed::default();
    for fig in &figures.indicators {
        let Some(ind) = review.catalog.get(&fig.ma) else {
            continue;
        };
        let entry = Arc::new(indicator(review, ind, fig, &f));
        match nhom.0.iter_mut().find(|(g, _)| *g == ind.nhom) {
            Some((_, list)) => list.push(Arc::clone(&entry)),
            None => nhom.0.push((ind.nhom.clone(), vec![Arc::clone(&entry)])),
        }
        ct.insert(ind.ma.clone(), entry);
    }

    let don_vi = review
        .units
        .iter()
        .map(|u| UnitName {
            ma: u.ma.clone(),
            ten: u.ten.clone(),
        })
        .collect();
    Context {
        bao_cao: BaoCaoEntry::new(&review.settings.bao_cao),
        so_lieu: SoLieuEntry::new(&review.settings.so_lieu),
        ct: Arc::new(ct),
        nhom: Arc::new(nhom),
        don_vi,
        tong_ket: TongKet::new(&figures.tong_ket),
        van_de: problems.iter().map(problem_entry).collect(),
    }
}

/// A problem as `van_de` lists it.
fn problem_entry(p: &Problem) -> ProblemEntry {
    ProblemEntry {
        muc_do: match p.severity {
            Severity::Loi => "loi",
            Severity::CanhBao => "canh_bao",
        }
        .into(),
        tep: p.tep().map(str::to_owned),
        trang: p.trang().map(str::to_owned),
        o: p.o(),
        thong_diep: p.thong_diep(),
    }
}

/// A Decimal as a JSON number: rounded to at most 10 decimals, whole
/// values as integers; null for `None`.
pub fn number(d: Option<Decimal>) -> Value {
    match num(d).0 {
        Some(n) => Value::Number(n),
        None => Value::Null,
    }
}

/// [`number`] as a field of the typed context.
pub fn num(d: Option<Decimal>) -> Num {
    let Some(d) = d else { return Num(None) };
    let r = d
        .round_dp_with_strategy(10, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    if r.scale() == 0
        && let Some(i) = r.to_i64()
    {
        return Num(Some(i.into()));
    }
    Num(r.to_f64().and_then(serde_json::Number::from_f64))
}

/// Formatting with the review's rounding.
struct Fmt {
    rounding: Rounding,
}

impl Fmt {
    fn so(&self, x: Option<Decimal>, decimals: u32) -> Option<String> {
        x.map(|x| vn::so(x, decimals, self.rounding))
    }
    fn pt(&self, x: Option<Decimal>, decimals: u32) -> Option<String> {
        x.map(|x| vn::pt(x, decimals, self.rounding))
    }
    /// A raw figure with the digits it was typed with.
    fn own(&self, x: Option<Decimal>) -> Option<String> {
        x.map(|x| vn::so(x, own_decimals(x), self.rounding))
    }
}

/// Digits of a value as typed (`14,5` → 1), for raw numerators.
fn own_decimals(x: Decimal) -> u32 {
    x.normalize().scale()
}

/// The unit word of a unit count: its `dvt`, else `cap_don_vi`.
fn count_word<'a>(review: &'a Review, ind: &'a Indicator) -> &'a str {
    if ind.dvt.trim().is_empty() {
        &review.settings.so_lieu.cap_don_vi
    } else {
        &ind.dvt
    }
}

fn phan_so(tu: Option<Decimal>, mau: Option<Decimal>) -> Option<String> {
    match (tu, mau) {
        (Some(t), Some(m)) => Some(vn::phan_so(t, m)),
        _ => None,
    }
}

/// `gia_tri_text` of a district value.
fn value_text(ind: &Indicator, x: Option<Decimal>, f: &Fmt) -> Option<String> {
    match ind.tong_hop {
        Aggregate::SoDonViDat => f.so(x, 0),
        _ => f.so(x, ind.decimals()),
    }
}

/// `hien_thi` of a district value: "12.993 tỷ đồng", "97,74%",
/// "8/8 phường", "96,2%".
fn shown(review: &Review, ind: &Indicator, y: &YearFigure, f: &Fmt) -> Option<String> {
    y.gia_tri?;
    match ind.tong_hop {
        Aggregate::SoDonViDat => match (y.tu_so, y.mau_so) {
            (Some(t), Some(m)) => Some(vn::with_unit(&vn::phan_so(t, m), count_word(review, ind))),
            _ => None,
        },
        Aggregate::TyLe(_) => f.pt(y.ty_le, ind.percent_decimals()),
        _ => y
            .gia_tri
            .map(|x| vn::with_unit(&vn::so(x, ind.decimals(), f.rounding), &ind.dvt)),
    }
}

/// Fields shared by the indicator and each of its years.
fn year_fields(review: &Review, ind: &Indicator, y: &YearFigure, f: &Fmt) -> YearEntry {
    let pd = ind.percent_decimals();
    let reported = reported_text(review, ind, y);
    YearEntry {
        gia_tri: num(y.gia_tri),
        gia_tri_text: value_text(ind, y.gia_tri, f),
        hien_thi: shown(review, ind, y, f),
        tu_so: num(y.tu_so),
        tu_so_text: f.own(y.tu_so),
        mau_so: num(y.mau_so),
        mau_so_text: f.own(y.mau_so),
        phan_so: phan_so(y.tu_so, y.mau_so),
        ty_le: f.pt(y.ty_le, pd),
        ty_le_so: num(y.ty_le),
        so_don_vi_bao_cao: y.so_don_vi_bao_cao,
        bao_cao_text: lowest_reported_text(review, ind, y).unwrap_or_else(|| reported.clone()),
        so_don_vi_bao_cao_text: reported,
        day_du: y.complete,
        thieu: missing_names(review, ind, y),
        uoc: y.uoc,
    }
}

/// `thieu`: the names of the units that did not report (the district's
/// own name for a missing `cap_quan` figure).
fn missing_names(review: &Review, ind: &Indicator, y: &YearFigure) -> Vec<String> {
    if ind.tong_hop == Aggregate::CapQuan {
        return if y.complete {
            Vec::new()
        } else {
            vec![review.settings.so_lieu.ten_don_vi.clone()]
        };
    }
    y.thieu
        .iter()
        .filter_map(|&u| review.units.get(u).map(|u| u.ten.clone()))
        .collect()
}

/// `tang_hien_thi`: a change with its unit — "2,8 điểm phần trăm" for
/// rates, "2 phường" for unit counts, "7.196,8 tỷ đồng" for quantities.
fn change_shown(review: &Review, ind: &Indicator, x: Decimal, decimals: u32, f: &Fmt) -> String {
    let n = vn::so(x, decimals, f.rounding);
    if ind.tong_hop == Aggregate::SoDonViDat {
        vn::with_unit(&n, count_word(review, ind))
    } else if ind.is_rate() {
        format!("{n} điểm phần trăm")
    } else {
        vn::with_unit(&n, &ind.dvt)
    }
}

/// "tăng 2,8 điểm phần trăm", "giảm 3 phường", or "giữ ổn định" when the
/// change shows as zero: never "tăng 0,00%".
fn change_words(shown_abs: Option<String>, x: Option<Decimal>, zero: bool) -> Option<String> {
    match (x, shown_abs) {
        (Some(_), Some(_)) if zero => Some("giữ ổn định".into()),
        (Some(x), Some(t)) if x < Decimal::ZERO => Some(format!("giảm {t}")),
        (Some(_), Some(t)) => Some(format!("tăng {t}")),
        _ => None,
    }
}

/// "7/8 phường báo cáo" (a district's own figure: "quận Tây Hồ báo cáo" or
/// "quận Tây Hồ chưa báo cáo").
fn reported_text(review: &Review, ind: &Indicator, y: &YearFigure) -> String {
    let s = &review.settings.so_lieu;
    if matches!(ind.tong_hop, crate::review::Aggregate::CapQuan) {
        let verb = if y.so_don_vi_bao_cao > 0 {
            "báo cáo"
        } else {
            "chưa báo cáo"
        };
        return format!("{} {verb}", s.ten_don_vi);
    }
    format!(
        "{}/{} {} báo cáo",
        y.so_don_vi_bao_cao,
        review.units.len(),
        s.cap_don_vi
    )
}

/// A roll-up's caveat in its lowest units: "120/126 phường báo cáo" when
/// a district of 6 wards is missing from a city of 126 wards. `None`
/// outside roll-ups.
fn lowest_reported_text(review: &Review, ind: &Indicator, y: &YearFigure) -> Option<String> {
    let lower = review.settings.so_lieu.cap_duoi.as_deref()?;
    if matches!(ind.tong_hop, crate::review::Aggregate::CapQuan) {
        return None;
    }
    let count = |u: &crate::review::Unit| {
        u.weights
            .get(crate::rollup::SO_DON_VI)
            .copied()
            .unwrap_or(Decimal::ONE)
    };
    let total: Decimal = review.units.iter().map(count).sum();
    let missing: Decimal = y
        .thieu
        .iter()
        .filter_map(|&u| review.units.get(u))
        .map(count)
        .sum();
    Some(format!(
        "{}/{} {lower} báo cáo",
        vn::so_tu_nhien(total - missing),
        vn::so_tu_nhien(total)
    ))
}

fn unit_name(review: &Review, u: Option<usize>) -> Option<String> {
    u.and_then(|u| review.units.get(u)).map(|u| u.ten.clone())
}

fn indicator(review: &Review, ind: &Indicator, fig: &IndicatorFigures, f: &Fmt) -> IndicatorEntry {
    let s = &review.settings.so_lieu;
    let empty = YearFigure {
        year: s.nam_bao_cao,
        ..YearFigure::default()
    };
    // A periodic review's value is its report period's.
    let now = match &fig.ky {
        Some(k) => k.now(),
        None => fig.year(s.nam_bao_cao),
    }
    .unwrap_or(&empty);
    let d = &fig.derived;
    let pd = ind.percent_decimals();
    // Changes and projections are in the unit of `gia_tri`: percent for
    // ratios, units for unit counts.
    let series_dec = match ind.tong_hop {
        Aggregate::SoDonViDat => 0,
        Aggregate::TyLe(_) => pd,
        _ => ind.decimals(),
    };

    let nam = Keyed(
        fig.years
            .iter()
            .map(|y| (y.year.to_string(), Arc::new(year_fields(review, ind, y, f))))
            .collect(),
    );

    let is_zero =
        |x: Option<Decimal>, dec: u32| x.is_some_and(|x| vn::round(x, dec, f.rounding).is_zero());

    let mut ly_do = Keyed::default();
    if let Some(r) = &now.ly_do {
        ly_do.insert("gia_tri".into(), r.clone());
    }
    for (k, v) in &d.ly_do {
        ly_do.insert(k.clone(), v.clone());
    }
    let ky = period::entry(review, ind, fig, f, &mut ly_do);

    // A district's own figure has no ward values.
    let units = if ind.tong_hop == Aggregate::CapQuan {
        &[][..]
    } else {
        &review.units[..]
    };
    let don_vi = Keyed(
        units
            .iter()
            .enumerate()
            .map(|(i, unit)| {
                let v = now.units.get(i).and_then(Option::as_ref);
                (unit.ma.clone(), Arc::new(unit_entry(&unit.ten, ind, v, f)))
            })
            .collect(),
    );

    IndicatorEntry {
        ma: ind.ma.clone(),
        ten: ind.ten.clone(),
        nhom: ind.nhom.clone(),
        dvt: ind.dvt.clone(),
        tong_hop: ind.tong_hop.code(),
        muc_tieu: ind.muc_tieu.clone(),
        now: year_fields(review, ind, now, f),
        nho_nhat_don_vi: unit_name(review, now.nho_nhat_don_vi),
        lon_nhat_don_vi: unit_name(review, now.lon_nhat_don_vi),
        nguon: now.nguon.as_ref().map(|s| s.to_string()),
        nam: Arc::new(nam),
        tang: num(d.tang),
        tang_text: f.so(d.tang, series_dec),
        tang_hien_thi: d.tang.map(|x| change_shown(review, ind, x, series_dec, f)),
        tang_mo_ta: change_words(
            d.tang
                .map(|x| change_shown(review, ind, x.abs(), series_dec, f)),
            d.tang,
            is_zero(d.tang, series_dec),
        ),
        tang_pt: num(d.tang_pt),
        tang_pt_text: f.pt(d.tang_pt, 2),
        tang_pt_mo_ta: change_words(
            d.tang_pt.map(|x| vn::pt(x.abs(), 2, f.rounding)),
            d.tang_pt,
            is_zero(d.tang_pt, 2),
        ),
        binh_quan: num(d.binh_quan),
        binh_quan_text: f.pt(d.binh_quan, 2),
        binh_quan_mo_ta: change_words(
            d.binh_quan.map(|x| vn::pt(x.abs(), 2, f.rounding)),
            d.binh_quan,
            is_zero(d.binh_quan, 2),
        )
        .map(|t| {
            if t.starts_with("giữ") {
                t
            } else {
                format!("bình quân {t}")
            }
        }),
        dat_pt_muc_tieu: num(d.dat_pt_muc_tieu),
        dat_pt_muc_tieu_text: f.pt(d.dat_pt_muc_tieu, 1),
        du_bao: num(d.du_bao),
        du_bao_text: f.so(d.du_bao, series_dec),
        danh_gia: fig.danh_gia.code().into(),
        danh_gia_text: fig.danh_gia.text().into(),
        ly_do: Arc::new(ly_do),
        don_vi: Arc::new(don_vi),
        ky,
        so_le: ind.so_le,
    }
}

/// One unit's value: `{ten, gia_tri, gia_tri_text, hien_thi, nguon, tu_so,
/// mau_so, phan_so, trong_so, dat}`.
fn unit_entry(ten: &str, ind: &Indicator, v: Option<&UnitValue>, f: &Fmt) -> UnitEntry {
    let empty = UnitValue::default();
    let v = v.unwrap_or(&empty);
    let pd = ind.percent_decimals();
    let (text, shown) = match (&ind.tong_hop, v.gia_tri) {
        (_, None) => (None, None),
        (Aggregate::SoDonViDat, Some(_)) if v.yes_no => {
            let t = if v.dat == Some(true) {
                "Đạt"
            } else {
                "Chưa đạt"
            };
            (Some(t.to_string()), Some(t.to_string()))
        }
        (Aggregate::SoDonViDat, Some(x)) if v.tu_so.is_none() => {
            let dec = ind.so_le.unwrap_or_else(|| own_decimals(x));
            let t = vn::so(x, dec, f.rounding);
            let pct = matches!(
                ind.target,
                Some(Target::Compare {
                    phan_tram: true,
                    ..
                })
            );
            let h = vn::with_unit(&t, if pct { "%" } else { "" });
            (Some(t), Some(h))
        }
        (Aggregate::TyLe(_) | Aggregate::SoDonViDat, Some(x)) => {
            (f.so(Some(x), ind.decimals()), f.pt(Some(x), pd))
        }
        (_, Some(x)) => {
            let t = vn::so(x, ind.decimals(), f.rounding);
            let h = vn::with_unit(&t, &ind.dvt);
            (Some(t), Some(h))
        }
    };
    let nguon = (!v.sources.is_empty()).then(|| {
        v.sources
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    });
    UnitEntry {
        ten: ten.to_string(),
        gia_tri: num(v.gia_tri),
        gia_tri_text: text,
        hien_thi: shown,
        nguon,
        tu_so: num(v.tu_so),
        tu_so_text: f.own(v.tu_so),
        mau_so: num(v.mau_so),
        mau_so_text: f.own(v.mau_so),
        phan_so: phan_so(v.tu_so, v.mau_so),
        trong_so: num(v.trong_so),
        trong_so_text: f.own(v.trong_so),
        dat: v.dat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn numbers_are_plain_json_numbers() {
        assert_eq!(number(Some(d("12993.000"))).to_string(), "12993");
        assert_eq!(number(Some(d("96.20"))).to_string(), "96.2");
        assert_eq!(
            number(Some(d("26") * d("100") / d("27"))).to_string(),
            "96.2962962963"
        );
        assert_eq!(number(Some(d("-0.5"))).to_string(), "-0.5");
        assert_eq!(number(None), Value::Null);
    }
}
