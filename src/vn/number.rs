//! Vietnamese number parsing and formatting.
// API contract (other modules call exactly these signatures).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `lam_tron` of `soket.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Rounding {
    /// `gan_nhat`: half away from zero.
    #[default]
    #[serde(rename = "gan_nhat")]
    HalfAwayFromZero,
    /// `cat_bo`: truncate toward zero (never round an achievement up).
    #[serde(rename = "cat_bo")]
    Truncate,
}

/// What a text cell says, once read the Vietnamese way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellText {
    /// `12.993`, `1.234,5`, `14.500.000.000đ`, `96,2%` (`percent` = true,
    /// value 96.2).
    Number { value: Decimal, percent: bool },
    /// `26/27`.
    Fraction { tu: Decimal, mau: Decimal },
    /// `Đạt`, `Có`, `x`, `✓` (true); `Chưa đạt`, `Không` (false).
    YesNo(bool),
}

/// Round to `decimals` digits after the decimal mark.
pub fn round(value: Decimal, decimals: u32, rounding: Rounding) -> Decimal {
    let _ = (value, decimals, rounding);
    todo!("vn::round")
}

/// "12.993", "1.234,5", "-3,50" (decimals fixed, never trimmed).
pub fn so(value: Decimal, decimals: u32, rounding: Rounding) -> String {
    let _ = (value, decimals, rounding);
    todo!("vn::so")
}

/// Percent: "96,2%".
pub fn pt(value: Decimal, decimals: u32, rounding: Rounding) -> String {
    let _ = (value, decimals, rounding);
    todo!("vn::pt")
}

/// "26/27", "19.017/20.000".
pub fn phan_so(tu: Decimal, mau: Decimal) -> String {
    let _ = (tu, mau);
    todo!("vn::phan_so")
}

/// A formatted number with its unit: "12.993 tỷ đồng", "97,74%",
/// "14.500.000.000đ" (`đ` and `%` are attached).
pub fn with_unit(number: &str, dvt: &str) -> String {
    let _ = (number, dvt);
    todo!("vn::with_unit")
}

/// A bare number read the Vietnamese way: "12.993" = 12993, "1.234,5",
/// "12,5", "-3". No unit, no percent sign. `None` when it is not one.
pub fn parse_plain_number(s: &str) -> Option<Decimal> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (int, frac) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let mut text: String = groups.concat();
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.push('.');
        text.push_str(f);
    }
    let d: Decimal = text.parse().ok()?;
    Some(if neg { -d } else { d })
}

/// Read a text cell. `Ok(None)` for a blank cell; `Err` with a Vietnamese
/// explanation for text that is not a number, fraction or yes/no word.
pub fn parse_cell_text(s: &str) -> Result<Option<CellText>, String> {
    let _ = s;
    todo!("vn::parse_cell_text")
}
