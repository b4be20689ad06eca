//! Changes since the baseline year, average annual growth and the
//! projection to the end of the term.
//!
//! All of them are in the unit of `gia_tri`: percentage points for ratios
//! and `%` indicators, units for unit counts ("tăng 2 phường"), the
//! indicator's unit for quantities. Compound growth (`binh_quan`) is given
//! for quantities only: the compound growth of a rate or of a number of
//! wards says nothing a reader can use. A year counts only when it is
//! complete — every unit reported — because a change between a full year
//! and a partial one would measure the missing wards, not the district.
//! A projection outside the indicator's domain (a `%` above 100, a count
//! below 0, more wards than there are) is refused rather than shown.

use super::{Derived, YearFigure, num};
use crate::review::plausible;
use crate::review::{Aggregate, Indicator, SoLieu};
use rust_decimal::Decimal;

/// `tang`, `tang_pt`, `binh_quan` and `du_bao` (not `dat_pt_muc_tieu`,
/// which depends on the target and is set by [`super::evaluate`]).
/// `n_units` bounds the projection of a unit count.
pub fn derive(ind: &Indicator, years: &[YearFigure], s: &SoLieu, n_units: usize) -> Derived {
    let mut d = Derived::default();
    let mut why = |field: &str, reason: String| {
        d.ly_do.insert(field.to_string(), reason);
    };
    let goc = usable(years, s.nam_goc);
    let now = usable(years, s.nam_bao_cao);
    let quantity = !ind.is_rate() && ind.tong_hop != Aggregate::SoDonViDat;
    let mut overflowed = Vec::new();
    let mut tang = None;
    let mut tang_pt = None;
    let mut binh_quan = None;
    match (goc, now) {
        _ if s.nam_goc >= s.nam_bao_cao => {
            let r = format!(
                "năm gốc {} không trước năm báo cáo {}",
                s.nam_goc, s.nam_bao_cao
            );
            for f in ["tang", "tang_pt", "binh_quan"] {
                why(f, r.clone());
            }
        }
        (Err(r), _) | (_, Err(r)) => {
            for f in ["tang", "tang_pt", "binh_quan"] {
                why(f, r.clone());
            }
        }
        (Ok(v0), Ok(v1)) => {
            tang = v1.checked_sub(v0);
            if tang.is_none() {
                why("tang", "tràn số".into());
                overflowed.push("tang");
            }
            if v0.is_zero() {
                why("tang_pt", format!("giá trị năm {} bằng 0", s.nam_goc));
            } else if let Some(t) = tang {
                tang_pt = num::percent(t, v0);
                if tang_pt.is_none() {
                    why("tang_pt", "tràn số".into());
                    overflowed.push("tang_pt");
                }
            }
            if quantity {
                match growth(v0, v1, s.nam_bao_cao - s.nam_goc) {
                    Ok(g) => binh_quan = Some(g),
                    Err(r) => {
                        if r == OVERFLOW {
                            overflowed.push("binh_quan");
                        }
                        why("binh_quan", r)
                    }
                }
            }
        }
    }
    if !quantity {
        let r = if ind.tong_hop == Aggregate::SoDonViDat {
            "bình quân tăng chỉ tính cho chỉ tiêu số lượng; số đơn vị đạt thay đổi được tính ở tang (số đơn vị)"
        } else {
            "bình quân tăng chỉ tính cho chỉ tiêu số lượng; tỷ lệ thay đổi được tính ở tang (điểm phần trăm)"
        };
        why("binh_quan", r.into());
    }
    let (mut du_bao, reason) = projection(years, s.nhiem_ky[1]);
    if let Some(r) = reason {
        why("du_bao", r);
    }
    if let Some(p) = du_bao {
        let domain = plausible::domain(ind, n_units);
        if !domain.contains(p) {
            why(
                "du_bao",
                format!(
                    "dự báo năm {} ra {}, nằm ngoài khoảng giá trị {domain} của chỉ tiêu, nên không dùng",
                    s.nhiem_ky[1],
                    crate::vn::so_tu_nhien(num::round(p, 2, crate::vn::Rounding::HalfAwayFromZero))
                ),
            );
            du_bao = None;
        }
    }
    d.tang = tang;
    d.tang_pt = tang_pt;
    d.binh_quan = binh_quan;
    d.du_bao = du_bao;
    d.overflowed = overflowed;
    d
}

/// Why a figure is missing when its arithmetic overflowed.
const OVERFLOW: &str = "tràn số";

/// The value of a complete year, or why there is none.
fn usable(years: &[YearFigure], year: i32) -> Result<Decimal, String> {
    let Some(y) = years.iter().find(|y| y.year == year) else {
        return Err(format!("không có số liệu năm {year}"));
    };
    if !y.complete {
        return Err(format!(
            "năm {year} chưa đủ số liệu ({} đơn vị báo cáo)",
            y.so_don_vi_bao_cao
        ));
    }
    y.gia_tri.ok_or_else(|| {
        y.ly_do
            .clone()
            .unwrap_or_else(|| format!("không có giá trị năm {year}"))
    })
}

/// Compound average annual growth, percent:
/// `((v1 / v0)^(1/n) − 1) × 100`.
pub fn growth(v0: Decimal, v1: Decimal, n: i32) -> Result<Decimal, String> {
    if n <= 0 {
        return Err("không có khoảng thời gian để tính bình quân".into());
    }
    if v0 <= Decimal::ZERO {
        return Err("giá trị năm gốc không dương".into());
    }
    if v1 < Decimal::ZERO {
        return Err("giá trị năm báo cáo âm".into());
    }
    let ratio = v1.checked_div(v0).and_then(num::to_f64).ok_or(OVERFLOW)?;
    let g = (ratio.powf(1.0 / f64::from(n)) - 1.0) * 100.0;
    num::from_f64(g).ok_or_else(|| "không tính được".into())
}

/// Least-squares straight line through the complete years, evaluated at
/// `last_year`. `None` with a reason when fewer than two years qualify.
pub fn projection(years: &[YearFigure], last_year: i32) -> (Option<Decimal>, Option<String>) {
    let points: Vec<(f64, f64)> = years
        .iter()
        .filter(|y| y.complete)
        .filter_map(|y| Some((f64::from(y.year), num::to_f64(y.gia_tri?)?)))
        .collect();
    match fit(&points, f64::from(last_year)) {
        Some(v) => (Some(v), None),
        None if points.len() < 2 => (
            None,
            Some(format!(
                "chỉ có {} năm đủ số liệu, cần ít nhất 2 năm",
                points.len()
            )),
        ),
        None => (None, Some("không tính được".into())),
    }
}

/// The ordinary least-squares line through `points`, at `x`.
pub fn fit(points: &[(f64, f64)], x: f64) -> Option<Decimal> {
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    // Centre the years first: 2020² is large enough to cost precision.
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    if sxx == 0.0 {
        return None;
    }
    let y = my + sxy / sxx * (x - mx);
    num::from_f64(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn growth_from_100_to_145_9_over_3_years() {
        let g = growth(d("100"), d("145.9"), 3).unwrap();
        assert_eq!(
            num::round(g, 2, crate::vn::Rounding::HalfAwayFromZero),
            d("13.42")
        );
    }

    #[test]
    fn growth_refuses_what_it_cannot_compute() {
        assert!(growth(Decimal::ZERO, d("5"), 3).is_err());
        assert!(growth(d("-1"), d("5"), 3).is_err());
        assert!(growth(d("1"), d("-5"), 3).is_err());
        assert!(growth(d("1"), d("5"), 0).is_err());
        assert_eq!(growth(d("4"), Decimal::ZERO, 2).unwrap(), d("-100"));
    }

    #[test]
    fn fits_a_straight_line() {
        let pts = [(2020.0, 80.0), (2021.0, 84.0), (2022.0, 88.0)];
        assert_eq!(fit(&pts, 2025.0), Some(d("100")));
        assert_eq!(fit(&pts[..1], 2025.0), None);
    }
}
