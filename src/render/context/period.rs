//! The periodic names of the context (PRODUCT.md, "Periodic reviews"):
//! `ky`, `cung_ky`, `tang_cung_ky`, `tang_cung_ky_pt`, `ke_hoach`,
//! `dat_pt_ke_hoach` and their `_text` twins, present in every indicator
//! of a review with `so_lieu.ky_bao_cao` (null when they cannot be
//! computed, the reason in `ly_do`).

use super::{Fmt, number, value_text, year_fields};
use crate::figures::IndicatorFigures;
use crate::review::{Aggregate, Indicator, Review};
use serde_json::{Map, Value, json};

/// `so_lieu.ky_bao_cao_ma` ("9T/2026"), `ky_bao_cao_text` ("9 tháng đầu
/// năm 2026") and `cung_ky_text` ("9 tháng đầu năm 2025").
pub(super) fn so_lieu(review: &Review, so_lieu: &mut Value) {
    let (Some(p), Value::Object(m)) = (review.settings.so_lieu.ky, so_lieu) else {
        return;
    };
    m.insert("ky_bao_cao_ma".into(), json!(p.key()));
    m.insert("ky_bao_cao_text".into(), json!(p.label()));
    m.insert("cung_ky_text".into(), json!(p.cung_ky().label()));
}

/// The periodic keys of one indicator.
pub(super) fn insert(
    review: &Review,
    ind: &Indicator,
    fig: &IndicatorFigures,
    f: &Fmt,
    m: &mut Map<String, Value>,
) {
    let Some(pf) = &fig.ky else { return };
    let mut ky = Map::with_capacity(pf.ky.len());
    for (p, y) in &pf.ky {
        let mut ym = Map::with_capacity(16);
        year_fields(review, ind, y, f, &mut ym);
        ky.insert(p.key(), Value::Object(ym));
    }
    m.insert("ky".into(), Value::Object(ky));
    // Changes are in the unit of `gia_tri`: points for percents, units for
    // unit counts.
    let own_dec = match ind.tong_hop {
        Aggregate::SoDonViDat => 0,
        Aggregate::TyLe(_) => ind.percent_decimals(),
        _ => ind.decimals(),
    };
    m.insert("cung_ky".into(), number(pf.cung_ky));
    m.insert("cung_ky_text".into(), value_text(ind, pf.cung_ky, f));
    m.insert("tang_cung_ky".into(), number(pf.tang_cung_ky));
    m.insert("tang_cung_ky_text".into(), f.so(pf.tang_cung_ky, own_dec));
    m.insert("tang_cung_ky_pt".into(), number(pf.tang_cung_ky_pt));
    m.insert("tang_cung_ky_pt_text".into(), f.pt(pf.tang_cung_ky_pt, 1));
    m.insert("ke_hoach".into(), number(pf.ke_hoach));
    m.insert("ke_hoach_text".into(), value_text(ind, pf.ke_hoach, f));
    m.insert("dat_pt_ke_hoach".into(), number(pf.dat_pt_ke_hoach));
    m.insert("dat_pt_ke_hoach_text".into(), f.pt(pf.dat_pt_ke_hoach, 1));
    if let Some(Value::Object(ly_do)) = m.get_mut("ly_do") {
        for (k, v) in &pf.ly_do {
            ly_do.insert(k.clone(), json!(v));
        }
    }
}
