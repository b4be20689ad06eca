//! Decimal helpers: rounding as the report prints, safe division, and the
//! one door through which `f64` results come back.
//!
//! Every figure that decides a printed digit stays a [`Decimal`]; only the
//! compound growth rate and the projection need `f64` (`powf`, least
//! squares), and their results re-enter through [`from_f64`], which refuses
//! NaN and infinities so no `NaN` ever reaches `ket-qua.json`.

use crate::vn::Rounding;
use rust_decimal::prelude::*;

/// Round to `decimals` places the way the review prints (`lam_tron`):
/// the very rule `vn::so` prints with, so a verdict and the figure it
/// describes never disagree.
pub fn round(value: Decimal, decimals: u32, rounding: Rounding) -> Decimal {
    crate::vn::round(value, decimals, rounding)
}

/// `a / b × 100`, or `None` when `b` is zero or the result overflows.
pub fn percent(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        return None;
    }
    a.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(b)
}

/// Σ of the values, `None` on overflow.
pub fn sum<I: IntoIterator<Item = Decimal>>(values: I) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v))
}

/// An `f64` result as a Decimal, through its shortest round-trip text
/// (`0.1` stays `0.1`, not `0.1000000000000000055…`). `None` for NaN,
/// infinities and magnitudes a Decimal cannot hold.
pub fn from_f64(x: f64) -> Option<Decimal> {
    crate::vn::number::decimal_from_f64(x)
}

pub fn to_f64(d: Decimal) -> Option<f64> {
    d.to_f64().filter(|x| x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn rounds_half_away_or_truncates() {
        assert_eq!(
            round(d("95.085"), 2, Rounding::HalfAwayFromZero),
            d("95.09")
        );
        assert_eq!(round(d("-2.5"), 0, Rounding::HalfAwayFromZero), d("-3"));
        assert_eq!(round(d("96.2962"), 1, Rounding::Truncate), d("96.2"));
        assert_eq!(
            round(d("96.2962"), 1, Rounding::HalfAwayFromZero),
            d("96.3")
        );
    }

    #[test]
    fn never_divides_by_zero() {
        assert_eq!(percent(d("1"), Decimal::ZERO), None);
        assert_eq!(percent(d("26"), d("20")), Some(d("130")));
    }

    #[test]
    fn f64_comes_back_by_its_shortest_text() {
        assert_eq!(from_f64(0.1), Some(d("0.1")));
        assert_eq!(from_f64(13.42), Some(d("13.42")));
        assert_eq!(from_f64(f64::NAN), None);
        assert_eq!(from_f64(f64::INFINITY), None);
        assert_eq!(from_f64(1e300), None);
        assert!(from_f64(1e-30).is_some());
    }
}
