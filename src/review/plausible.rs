//! What a value of an indicator can be: checked at the ward cell, and the
//! domain a projection must stay in.
//!
//! Nothing impossible is summed: a `%` outside 0–100, a negative value or a
//! fractional count (a `1.046` that Excel in an English locale stored for
//! the ward's "1.046" doanh nghiệp) is an error at its cell, unless the
//! catalog's `Giới hạn` / `range` column allows it. Counts are the units of
//! [`COUNT_UNITS`](crate::review::catalog::COUNT_UNITS) without `Số lẻ`;
//! everything else is a measure and may have decimals.

use crate::check::Implausible;
use crate::review::catalog::Range;
use crate::review::{Aggregate, Indicator, Target};
use crate::vn;
use rust_decimal::Decimal;

/// What makes a figure implausible (its words are in the message module).
pub type Message = Implausible;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// The values a ward cell of `ind` may hold: the catalog's range, else
/// 0–100 for a percent and 0 upwards for anything else.
pub fn cell_bounds(ind: &Indicator) -> Range {
    if let Some(r) = ind.gioi_han {
        return r;
    }
    let percent = match (&ind.tong_hop, &ind.target) {
        // A number in a unit count is compared with the target, in its terms.
        (Aggregate::SoDonViDat, Some(Target::Compare { phan_tram, .. })) => *phan_tram,
        (Aggregate::SoDonViDat, _) => false,
        _ => ind.is_percent(),
    };
    Range {
        min: Some(Decimal::ZERO),
        max: percent.then_some(HUNDRED),
    }
}

/// The values the district figure (and so its projection) may take, in the
/// unit of `gia_tri`: the catalog's range, else 0 to the number of units
/// for a unit count, 0–100 for a ratio or a `%`, 0 upwards otherwise.
pub fn domain(ind: &Indicator, n_units: usize) -> Range {
    if let Some(r) = ind.gioi_han {
        return r;
    }
    let max = match ind.tong_hop {
        Aggregate::SoDonViDat => Some(Decimal::from(n_units)),
        _ if ind.is_rate() => Some(HUNDRED),
        _ => None,
    };
    Range {
        min: Some(Decimal::ZERO),
        max,
    }
}

/// The error for a number cell of `ind` holding `so`, or `None` when it is
/// plausible. `shown` is the value as written, for the message.
pub fn check_number(ind: &Indicator, so: Decimal, shown: &str) -> Option<Message> {
    if let Some(m) = out_of_bounds(ind, so, shown) {
        return Some(m);
    }
    let count = ind.is_count_unit() && ind.tong_hop != Aggregate::SoDonViDat;
    if count && !so.fract().is_zero() {
        return Some(fractional_count(ind, so));
    }
    None
}

/// The error for a fraction cell `tu/mau` of a ratio: a negative numerator
/// (the denominator is checked by the reader), or fractional parts where
/// the ratio counts whole things ("26/27 trường").
pub fn check_fraction(ind: &Indicator, tu: Decimal, mau: Decimal, shown: &str) -> Option<Message> {
    let negative_allowed = ind
        .gioi_han
        .is_some_and(|r| r.min.is_none_or(|m| m < Decimal::ZERO));
    if tu < Decimal::ZERO && !negative_allowed {
        return Some(negative(ind, shown));
    }
    if ind.is_count_unit() {
        for part in [tu, mau] {
            if !part.fract().is_zero() {
                return Some(fractional_count(ind, part));
            }
        }
    }
    None
}

fn out_of_bounds(ind: &Indicator, so: Decimal, shown: &str) -> Option<Message> {
    let b = cell_bounds(ind);
    if b.contains(so) {
        return None;
    }
    let code = ind.ma.clone();
    let shown = shown.to_string();
    if let Some(r) = ind.gioi_han {
        return Some(Implausible::OutsideRange {
            code,
            shown,
            range: r.to_string(),
        });
    }
    if so < Decimal::ZERO {
        return Some(negative(ind, &shown));
    }
    Some(Implausible::OutsidePercent { code, shown })
}

fn negative(ind: &Indicator, shown: &str) -> Message {
    Implausible::Negative {
        code: ind.ma.clone(),
        shown: shown.to_string(),
        dvt: ind.dvt.trim().to_string(),
    }
}

/// "1,046 — nếu là một nghìn không trăm bốn mươi sáu, hãy ghi 1046": a
/// value with at most three decimals in a count was most likely typed with
/// a thousands dot that a spreadsheet read as a decimal point.
fn fractional_count(ind: &Indicator, so: Decimal) -> Message {
    let so = so.normalize();
    let meant = (so.scale() <= 3)
        .then(|| so.checked_mul(Decimal::from(1000)))
        .flatten()
        .and_then(|m| u64::try_from(m.abs().normalize()).ok())
        .filter(|m| *m > 0);
    Implausible::FractionalCount {
        code: ind.ma.clone(),
        vi_shown: vn::so_tu_nhien(so),
        en_shown: so.to_string(),
        dvt: ind.dvt.trim().to_string(),
        meant: meant.map(|m| {
            let sign = if so < Decimal::ZERO { "-" } else { "" };
            (sign.to_string(), m, doc_so(m))
        }),
    }
}

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// A whole number in Vietnamese words, as it is read aloud:
/// 1046 → "một nghìn không trăm bốn mươi sáu", 105 → "một trăm linh năm",
/// 21 → "hai mươi mốt", 15 → "mười lăm".
pub fn doc_so(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].into();
    }
    const SCALES: [&str; 7] = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"];
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 1000) as usize);
        rest /= 1000;
    }
    let mut words: Vec<String> = Vec::new();
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        let leading = i == groups.len() - 1;
        words.push(three_digits(g, !leading));
        if !SCALES[i].is_empty() {
            words.push(SCALES[i].into());
        }
    }
    words.join(" ")
}

/// 0–999; `full` reads the hundreds even when zero ("không trăm …").
fn three_digits(g: usize, full: bool) -> String {
    let (h, t, u) = (g / 100, g / 10 % 10, g % 10);
    let mut w: Vec<&str> = Vec::new();
    if full || h > 0 {
        w.push(DIGITS[h]);
        w.push("trăm");
    }
    match t {
        0 if u > 0 && (full || h > 0) => w.extend(["linh", DIGITS[u]]),
        0 if u > 0 => w.push(DIGITS[u]),
        0 => {}
        1 => {
            w.push("mười");
            match u {
                0 => {}
                5 => w.push("lăm"),
                _ => w.push(DIGITS[u]),
            }
        }
        _ => {
            w.extend([DIGITS[t], "mươi"]);
            match u {
                0 => {}
                1 => w.push("mốt"),
                4 => w.push("tư"),
                5 => w.push("lăm"),
                _ => w.push(DIGITS[u]),
            }
        }
    }
    w.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_aloud_in_vietnamese() {
        let cases = [
            (0, "không"),
            (5, "năm"),
            (10, "mười"),
            (15, "mười lăm"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (105, "một trăm linh năm"),
            (1046, "một nghìn không trăm bốn mươi sáu"),
            (1005, "một nghìn không trăm linh năm"),
            (12500, "mười hai nghìn năm trăm"),
            (1_000_046, "một triệu không trăm bốn mươi sáu"),
            (2_300_000_000, "hai tỷ ba trăm triệu"),
        ];
        for (n, want) in cases {
            assert_eq!(doc_so(n), want, "{n}");
        }
    }
}
