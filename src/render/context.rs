//! The template context, also written as `ket-qua.json`.
//!
//! The names are PRODUCT.md's contract. Every indicator object has every
//! key (null when it does not apply or is missing) so that a template
//! naming `ct.GD01.phan_so` fails only on a misspelling, never because one
//! indicator happens to be a sum. Numbers are JSON numbers (at most 10
//! decimals; whole values as integers) and each has a formatted `_text`
//! twin produced by [`crate::vn`]. Keys keep catalog and `don-vi` order.

mod period;

use crate::check::Problem;
use crate::figures::{Figures, IndicatorFigures, UnitValue, YearFigure};
use crate::review::{Aggregate, Indicator, Review, Target};
use crate::vn::{self, Rounding};
use rust_decimal::prelude::*;
use serde_json::{Map, Value, json};

/// Build the context of one review.
pub fn build(review: &Review, figures: &Figures, problems: &[Problem]) -> Value {
    let mut ctx = build_compact(review, figures, problems);
    expand_groups(&mut ctx);
    ctx
}

/// The context with each `nhom` list holding indicator codes instead of
/// copies of the indicators: half the size to build, hold and free. The
/// outputs show it whole, through [`Expanded`] (JSON) and
/// [`crate::render::view::view_compact`] (templates).
pub fn build_compact(review: &Review, figures: &Figures, problems: &[Problem]) -> Value {
    let f = Fmt {
        rounding: review.settings.so_lieu.lam_tron,
    };
    let mut ct = Map::with_capacity(figures.indicators.len());
    let mut nhom: Map<String, Value> = Map::new();
    for fig in &figures.indicators {
        let Some(ind) = review.catalog.get(&fig.ma) else {
            continue;
        };
        let obj = Value::Object(indicator(review, ind, fig, &f));
        let code = Value::String(ind.ma.clone());
        match nhom.get_mut(&ind.nhom) {
            Some(Value::Array(list)) => list.push(code),
            _ => {
                nhom.insert(ind.nhom.clone(), Value::Array(vec![code]));
            }
        }
        ct.insert(ind.ma.clone(), obj);
    }

    let mut bao_cao = match serde_json::to_value(&review.settings.bao_cao) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let ngay_text = review.settings.bao_cao.ngay.map(vn::ngay_text);
    bao_cao.insert("ngay_text".into(), json!(ngay_text));

    let don_vi: Vec<Value> = review
        .units
        .iter()
        .map(|u| json!({"ma": u.ma, "ten": u.ten}))
        .collect();

    let mut root = Map::new();
    root.insert("bao_cao".into(), Value::Object(bao_cao));
    root.insert(
        "so_lieu".into(),
        serde_json::to_value(&review.settings.so_lieu).unwrap_or(Value::Null),
    );
    if let Some(so_lieu) = root.get_mut("so_lieu") {
        period::so_lieu(review, so_lieu);
    }
    root.insert("ct".into(), Value::Object(ct));
    root.insert("nhom".into(), Value::Object(nhom));
    root.insert("don_vi".into(), Value::Array(don_vi));
    let mut tong_ket = serde_json::to_value(&figures.tong_ket).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut tong_ket {
        // Counts get their `_text` twins too ("13"), like every number.
        let twins: Vec<(String, Value)> = map
            .iter()
            .filter_map(|(k, v)| Some((format!("{k}_text"), json!(v.as_u64()?.to_string()))))
            .collect();
        map.extend(twins);
    }
    root.insert("tong_ket".into(), tong_ket);
    root.insert(
        "van_de".into(),
        serde_json::to_value(problems).unwrap_or(Value::Null),
    );
    Value::Object(root)
}

/// Replace the codes in a compact context's `nhom` lists by copies of
/// the indicators.
pub fn expand_groups(ctx: &mut Value) {
    let Some(root) = ctx.as_object_mut() else {
        return;
    };
    // Taken out and put back in place, so that the keys keep their order.
    let ct = root.get_mut("ct").map(std::mem::take).unwrap_or_default();
    if let Some(groups) = root.get_mut("nhom").and_then(Value::as_object_mut) {
        for list in groups.values_mut().filter_map(Value::as_array_mut) {
            for item in list.iter_mut() {
                if let Some(ind) = item.as_str().and_then(|code| ct.get(code)) {
                    *item = ind.clone();
                }
            }
        }
    }
    if let Some(slot) = root.get_mut("ct") {
        *slot = ct;
    }
}

/// A compact context serialized as the whole context: each `nhom` entry
/// is written from `ct`, so `ket-qua.json` is the same as with
/// [`build`]'s copies.
pub struct Expanded<'a>(pub &'a Value);

impl serde::Serialize for Expanded<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let Value::Object(root) = self.0 else {
            return self.0.serialize(ser);
        };
        let mut map = ser.serialize_map(Some(root.len()))?;
        for (k, v) in root {
            if k == "nhom" {
                map.serialize_entry(
                    k,
                    &Groups {
                        groups: v,
                        ct: &root["ct"],
                    },
                )?;
            } else {
                map.serialize_entry(k, v)?;
            }
        }
        map.end()
    }
}

struct Groups<'a> {
    groups: &'a Value,
    ct: &'a Value,
}

impl serde::Serialize for Groups<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let Value::Object(groups) = self.groups else {
            return self.groups.serialize(ser);
        };
        let mut map = ser.serialize_map(Some(groups.len()))?;
        for (name, list) in groups {
            let items: Vec<&Value> = list
                .as_array()
                .into_iter()
                .flatten()
                .map(
                    |item| match item.as_str().and_then(|code| self.ct.get(code)) {
                        Some(ind) => ind,
                        None => item,
                    },
                )
                .collect();
            map.serialize_entry(name, &items)?;
        }
        map.end()
    }
}

/// A Decimal as a JSON number: rounded to at most 10 decimals, whole
/// values as integers; null for `None`.
pub fn number(d: Option<Decimal>) -> Value {
    let Some(d) = d else { return Value::Null };
    let r = d
        .round_dp_with_strategy(10, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    if r.scale() == 0
        && let Some(i) = r.to_i64()
    {
        return Value::from(i);
    }
    r.to_f64()
        .and_then(serde_json::Number::from_f64)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

/// Formatting with the review's rounding.
struct Fmt {
    rounding: Rounding,
}

impl Fmt {
    fn so(&self, x: Option<Decimal>, decimals: u32) -> Value {
        json!(x.map(|x| vn::so(x, decimals, self.rounding)))
    }
    fn pt(&self, x: Option<Decimal>, decimals: u32) -> Value {
        json!(x.map(|x| vn::pt(x, decimals, self.rounding)))
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

fn phan_so(tu: Option<Decimal>, mau: Option<Decimal>) -> Value {
    match (tu, mau) {
        (Some(t), Some(m)) => json!(vn::phan_so(t, m)),
        _ => Value::Null,
    }
}

/// `gia_tri_text` of a district value.
fn value_text(ind: &Indicator, x: Option<Decimal>, f: &Fmt) -> Value {
    match ind.tong_hop {
        Aggregate::SoDonViDat => f.so(x, 0),
        _ => f.so(x, ind.decimals()),
    }
}

/// `hien_thi` of a district value: "12.993 tỷ đồng", "97,74%",
/// "8/8 phường", "96,2%".
fn shown(review: &Review, ind: &Indicator, y: &YearFigure, f: &Fmt) -> Value {
    if y.gia_tri.is_none() {
        return Value::Null;
    }
    match ind.tong_hop {
        Aggregate::SoDonViDat => match (y.tu_so, y.mau_so) {
            (Some(t), Some(m)) => json!(vn::with_unit(&vn::phan_so(t, m), count_word(review, ind))),
            _ => Value::Null,
        },
        Aggregate::TyLe(_) => f.pt(y.ty_le, ind.percent_decimals()),
        _ => match y.gia_tri {
            Some(x) => json!(vn::with_unit(
                &vn::so(x, ind.decimals(), f.rounding),
                &ind.dvt
            )),
            None => Value::Null,
        },
    }
}

/// Fields shared by the indicator and each of its years.
fn year_fields(
    review: &Review,
    ind: &Indicator,
    y: &YearFigure,
    f: &Fmt,
    m: &mut Map<String, Value>,
) {
    let pd = ind.percent_decimals();
    m.insert("gia_tri".into(), number(y.gia_tri));
    m.insert("gia_tri_text".into(), value_text(ind, y.gia_tri, f));
    m.insert("hien_thi".into(), shown(review, ind, y, f));
    m.insert("tu_so".into(), number(y.tu_so));
    m.insert(
        "tu_so_text".into(),
        json!(y.tu_so.map(|x| vn::so(x, own_decimals(x), f.rounding))),
    );
    m.insert("mau_so".into(), number(y.mau_so));
    m.insert(
        "mau_so_text".into(),
        json!(y.mau_so.map(|x| vn::so(x, own_decimals(x), f.rounding))),
    );
    m.insert("phan_so".into(), phan_so(y.tu_so, y.mau_so));
    m.insert("ty_le".into(), f.pt(y.ty_le, pd));
    m.insert("ty_le_so".into(), number(y.ty_le));
    m.insert("so_don_vi_bao_cao".into(), json!(y.so_don_vi_bao_cao));
    let reported = reported_text(review, ind, y);
    m.insert("so_don_vi_bao_cao_text".into(), json!(reported));
    m.insert(
        "bao_cao_text".into(),
        json!(lowest_reported_text(review, ind, y).unwrap_or(reported)),
    );
    m.insert("day_du".into(), json!(y.complete));
    m.insert("thieu".into(), json!(missing_names(review, ind, y)));
    m.insert("uoc".into(), json!(y.uoc));
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
fn change_words(shown_abs: Option<String>, x: Option<Decimal>, zero: bool) -> Value {
    match (x, shown_abs) {
        (Some(_), Some(_)) if zero => json!("giữ ổn định"),
        (Some(x), Some(t)) if x < Decimal::ZERO => json!(format!("giảm {t}")),
        (Some(_), Some(t)) => json!(format!("tăng {t}")),
        _ => Value::Null,
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

fn unit_name(review: &Review, u: Option<usize>) -> Value {
    json!(u.and_then(|u| review.units.get(u)).map(|u| u.ten.clone()))
}

fn indicator(
    review: &Review,
    ind: &Indicator,
    fig: &IndicatorFigures,
    f: &Fmt,
) -> Map<String, Value> {
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

    let mut m = Map::with_capacity(40);
    m.insert("ma".into(), json!(ind.ma));
    m.insert("ten".into(), json!(ind.ten));
    m.insert("nhom".into(), json!(ind.nhom));
    m.insert("dvt".into(), json!(ind.dvt));
    m.insert("tong_hop".into(), json!(ind.tong_hop.code()));
    m.insert("muc_tieu".into(), json!(ind.muc_tieu));
    year_fields(review, ind, now, f, &mut m);
    m.insert(
        "nho_nhat_don_vi".into(),
        unit_name(review, now.nho_nhat_don_vi),
    );
    m.insert(
        "lon_nhat_don_vi".into(),
        unit_name(review, now.lon_nhat_don_vi),
    );
    m.insert(
        "nguon".into(),
        json!(now.nguon.as_ref().map(|s| s.to_string())),
    );

    let mut nam = Map::with_capacity(fig.years.len());
    for y in &fig.years {
        let mut ym = Map::with_capacity(14);
        year_fields(review, ind, y, f, &mut ym);
        nam.insert(y.year.to_string(), Value::Object(ym));
    }
    m.insert("nam".into(), Value::Object(nam));

    let is_zero =
        |x: Option<Decimal>, dec: u32| x.is_some_and(|x| vn::round(x, dec, f.rounding).is_zero());
    m.insert("tang".into(), number(d.tang));
    m.insert("tang_text".into(), f.so(d.tang, series_dec));
    m.insert(
        "tang_hien_thi".into(),
        json!(d.tang.map(|x| change_shown(review, ind, x, series_dec, f))),
    );
    m.insert(
        "tang_mo_ta".into(),
        change_words(
            d.tang
                .map(|x| change_shown(review, ind, x.abs(), series_dec, f)),
            d.tang,
            is_zero(d.tang, series_dec),
        ),
    );
    m.insert("tang_pt".into(), number(d.tang_pt));
    m.insert("tang_pt_text".into(), f.pt(d.tang_pt, 2));
    m.insert(
        "tang_pt_mo_ta".into(),
        change_words(
            d.tang_pt.map(|x| vn::pt(x.abs(), 2, f.rounding)),
            d.tang_pt,
            is_zero(d.tang_pt, 2),
        ),
    );
    m.insert("binh_quan".into(), number(d.binh_quan));
    m.insert("binh_quan_text".into(), f.pt(d.binh_quan, 2));
    m.insert(
        "binh_quan_mo_ta".into(),
        match change_words(
            d.binh_quan.map(|x| vn::pt(x.abs(), 2, f.rounding)),
            d.binh_quan,
            is_zero(d.binh_quan, 2),
        ) {
            Value::String(t) if t.starts_with("giữ") => json!(t),
            Value::String(t) => json!(format!("bình quân {t}")),
            other => other,
        },
    );
    m.insert("dat_pt_muc_tieu".into(), number(d.dat_pt_muc_tieu));
    m.insert("dat_pt_muc_tieu_text".into(), f.pt(d.dat_pt_muc_tieu, 1));
    m.insert("du_bao".into(), number(d.du_bao));
    m.insert("du_bao_text".into(), f.so(d.du_bao, series_dec));
    m.insert("danh_gia".into(), json!(fig.danh_gia.code()));
    m.insert("danh_gia_text".into(), json!(fig.danh_gia.text()));

    let mut ly_do = Map::new();
    if let Some(r) = &now.ly_do {
        ly_do.insert("gia_tri".into(), json!(r));
    }
    for (k, v) in &d.ly_do {
        ly_do.insert(k.clone(), json!(v));
    }
    m.insert("ly_do".into(), Value::Object(ly_do));

    let mut don_vi = Map::with_capacity(review.units.len());
    // A district's own figure has no ward values.
    let units = if ind.tong_hop == Aggregate::CapQuan {
        &[][..]
    } else {
        &review.units[..]
    };
    for (i, unit) in units.iter().enumerate() {
        let v = now.units.get(i).and_then(Option::as_ref);
        don_vi.insert(
            unit.ma.clone(),
            Value::Object(unit_entry(&unit.ten, ind, v, f)),
        );
    }
    m.insert("don_vi".into(), Value::Object(don_vi));
    period::insert(review, ind, fig, f, &mut m);
    m
}

/// One unit's value: `{ten, gia_tri, gia_tri_text, hien_thi, nguon, tu_so,
/// mau_so, phan_so, trong_so, dat}`.
fn unit_entry(ten: &str, ind: &Indicator, v: Option<&UnitValue>, f: &Fmt) -> Map<String, Value> {
    let mut m = Map::with_capacity(14);
    m.insert("ten".into(), json!(ten));
    let empty = UnitValue::default();
    let v = v.unwrap_or(&empty);
    let pd = ind.percent_decimals();
    let (text, shown) = match (&ind.tong_hop, v.gia_tri) {
        (_, None) => (Value::Null, Value::Null),
        (Aggregate::SoDonViDat, Some(_)) if v.yes_no => {
            let t = if v.dat == Some(true) {
                "Đạt"
            } else {
                "Chưa đạt"
            };
            (json!(t), json!(t))
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
            (json!(t), json!(h))
        }
        (Aggregate::TyLe(_) | Aggregate::SoDonViDat, Some(x)) => {
            (f.so(Some(x), ind.decimals()), f.pt(Some(x), pd))
        }
        (_, Some(x)) => {
            let t = vn::so(x, ind.decimals(), f.rounding);
            let h = vn::with_unit(&t, &ind.dvt);
            (json!(t), json!(h))
        }
    };
    m.insert("gia_tri".into(), number(v.gia_tri));
    m.insert("gia_tri_text".into(), text);
    m.insert("hien_thi".into(), shown);
    let nguon: Vec<String> = v.sources.iter().map(ToString::to_string).collect();
    m.insert(
        "nguon".into(),
        if nguon.is_empty() {
            Value::Null
        } else {
            json!(nguon.join(", "))
        },
    );
    let own = |x: Option<Decimal>| json!(x.map(|x| vn::so(x, own_decimals(x), f.rounding)));
    m.insert("tu_so".into(), number(v.tu_so));
    m.insert("tu_so_text".into(), own(v.tu_so));
    m.insert("mau_so".into(), number(v.mau_so));
    m.insert("mau_so_text".into(), own(v.mau_so));
    m.insert("phan_so".into(), phan_so(v.tu_so, v.mau_so));
    m.insert("trong_so".into(), number(v.trong_so));
    m.insert("trong_so_text".into(), own(v.trong_so));
    m.insert("dat".into(), json!(v.dat));
    m
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
