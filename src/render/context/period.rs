//! The periodic names of the context (PRODUCT.md, "Periodic reviews"):
//! `ky`, `cung_ky`, `tang_cung_ky`, `tang_cung_ky_pt`, `ke_hoach`,
//! `dat_pt_ke_hoach` and their `_text` twins, present in every indicator
//! of a review with `so_lieu.ky_bao_cao` (null when they cannot be
//! computed, the reason in `ly_do`).

use super::{Fmt, Keyed, PeriodEntry, num, value_text, year_fields};
use crate::figures::IndicatorFigures;
use crate::review::{Aggregate, Indicator, Review};
use std::sync::Arc;

/// The periodic names of one indicator; their reasons join `ly_do`.
pub(super) fn entry(
    review: &Review,
    ind: &Indicator,
    fig: &IndicatorFigures,
    f: &Fmt,
    ly_do: &mut Keyed<String>,
) -> Option<PeriodEntry> {
    let pf = fig.ky.as_ref()?;
    let ky = Keyed(
        pf.ky
            .iter()
            .map(|(p, y)| (p.key(), Arc::new(year_fields(review, ind, y, f))))
            .collect(),
    );
    // Changes are in the unit of `gia_tri`: points for percents, units for
    // unit counts.
    let own_dec = match ind.tong_hop {
        Aggregate::SoDonViDat => 0,
        Aggregate::TyLe(_) => ind.percent_decimals(),
        _ => ind.decimals(),
    };
    for (k, v) in &pf.ly_do {
        ly_do.insert(k.clone(), v.clone());
    }
    Some(PeriodEntry {
        ky: Arc::new(ky),
        cung_ky: num(pf.cung_ky),
        cung_ky_text: value_text(ind, pf.cung_ky, f),
        tang_cung_ky: num(pf.tang_cung_ky),
        tang_cung_ky_text: f.so(pf.tang_cung_ky, own_dec),
        tang_cung_ky_pt: num(pf.tang_cung_ky_pt),
        tang_cung_ky_pt_text: f.pt(pf.tang_cung_ky_pt, 1),
        ke_hoach: num(pf.ke_hoach),
        ke_hoach_text: value_text(ind, pf.ke_hoach, f),
        dat_pt_ke_hoach: num(pf.dat_pt_ke_hoach),
        dat_pt_ke_hoach_text: f.pt(pf.dat_pt_ke_hoach, 1),
    })
}
