//! Vietnamese number parsing and formatting.
//!
//! Printing: `.` groups thousands, `,` is the decimal mark, the number of
//! decimals is fixed by the catalog and never trimmed ("90,0%").
//!
//! Reading: text that a clerk typed is always read the Vietnamese way
//! ("12.993" is twelve thousand nine hundred and ninety-three), and every
//! form that could mean two different numbers ("12.5", "1,234.5") is an
//! error that explains itself rather than a guess: a guessed figure in a
//! report signed by the Party committee is worse than a stopped build.
// API contract (other modules call exactly these signatures).

use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

pub use crate::check::CellTextError;
use crate::vn::text::fold;

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

/// The most digits a [`Decimal`] can hold after the point.
const MAX_DECIMALS: u32 = 28;

/// Round to `decimals` digits after the decimal mark.
///
/// Exact decimal arithmetic: 95.085 → 95.09 (binary floating point would
/// give 95.08). A result of zero is always positive zero, so "-0" is never
/// printed.
pub fn round(value: Decimal, decimals: u32, rounding: Rounding) -> Decimal {
    let strategy = match rounding {
        Rounding::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
        Rounding::Truncate => RoundingStrategy::ToZero,
    };
    let mut r = value.round_dp_with_strategy(decimals.min(MAX_DECIMALS), strategy);
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    r
}

/// "12.993", "1.234,5", "-3,50" (decimals fixed, never trimmed).
pub fn so(value: Decimal, decimals: u32, rounding: Rounding) -> String {
    let decimals = decimals.min(MAX_DECIMALS);
    let r = round(value, decimals, rounding);
    // `Decimal`'s own text is "-1234.5" (scale as stored, no exponent).
    let plain = r.abs().to_string();
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 2);
    if r.is_sign_negative() && !r.is_zero() {
        out.push('-');
    }
    out.push_str(&group_thousands(int));
    if decimals > 0 {
        out.push(',');
        let frac: String = frac.chars().take(decimals as usize).collect();
        out.push_str(&frac);
        for _ in frac.len()..decimals as usize {
            out.push('0');
        }
    }
    out
}

/// Percent: "96,2%".
pub fn pt(value: Decimal, decimals: u32, rounding: Rounding) -> String {
    let mut s = so(value, decimals, rounding);
    s.push('%');
    s
}

/// "26/27", "19.017/20.000".
///
/// Integers are grouped; a non-integer keeps exactly its own decimals
/// ("2,5/3") since a fraction shows counts as they were entered.
pub fn phan_so(tu: Decimal, mau: Decimal) -> String {
    format!("{}/{}", so_tu_nhien(tu), so_tu_nhien(mau))
}

/// A number with as many decimals as it needs and no more: "19.017", "2,5".
pub fn so_tu_nhien(value: Decimal) -> String {
    let n = value.normalize();
    so(n, n.scale(), Rounding::HalfAwayFromZero)
}

/// A formatted number with its unit: "12.993 tỷ đồng", "97,74%",
/// "14.500.000.000đ" (`đ` and `%` are attached).
pub fn with_unit(number: &str, dvt: &str) -> String {
    let dvt = dvt.trim();
    match dvt {
        "" => number.to_string(),
        "%" | "đ" | "₫" => format!("{number}{dvt}"),
        _ => format!("{number} {dvt}"),
    }
}

/// A bare number read the Vietnamese way: "12.993" = 12993, "1.234,5",
/// "12,5", "-3". No unit, no percent sign. `None` when it is not one.
///
/// Also accepts "−3" (Unicode minus), "+5", and spaces or no-break spaces
/// grouping thousands ("12 993"). Ambiguous forms ("12.5", "1,234.5") are
/// `None`; [`parse_cell_text`] explains why.
pub fn parse_plain_number(s: &str) -> Option<Decimal> {
    parse_number(s).ok()
}

/// Why a text is not a Vietnamese number.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NumberError {
    /// Not a number at all ("abc", "").
    NotNumber,
    /// Separators in the wrong places ("12.5", "1.23.4", "12 5"); carries
    /// the separator that misbehaved.
    Grouping(char),
    /// English notation ("1,234.5", "1,234,567").
    English,
    /// Too large or too many digits for a [`Decimal`].
    TooBig,
}

/// The strict reader behind [`parse_plain_number`] and [`parse_cell_text`].
fn parse_number(s: &str) -> Result<Decimal, NumberError> {
    let s = trim(s);
    let (neg, body) = if let Some(r) = s.strip_prefix(['-', '−']) {
        (true, r)
    } else if let Some(r) = s.strip_prefix('+') {
        (false, r)
    } else {
        (false, s)
    };
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(NumberError::NotNumber);
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_space(c))
    {
        return Err(NumberError::NotNumber);
    }
    let commas = body.matches(',').count();
    let (int, frac) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if commas > 1 || frac.is_some_and(|f| f.contains('.')) {
        return Err(NumberError::English);
    }
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(if f.chars().any(is_space) {
            NumberError::Grouping(' ')
        } else {
            NumberError::NotNumber
        });
    }
    let has_dot = int.contains('.');
    let has_space = int.chars().any(is_space);
    if has_dot && has_space {
        return Err(NumberError::Grouping('.'));
    }
    let sep = if has_dot { '.' } else { ' ' };
    let groups: Vec<&str> = if has_dot {
        int.split('.').collect()
    } else if has_space {
        int.split(is_space).collect()
    } else {
        vec![int]
    };
    if groups.len() > 1 {
        let first = groups[0];
        let bad_first = first.is_empty() || first.len() > 3 || first.starts_with('0');
        if bad_first || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(NumberError::Grouping(sep));
        }
    }
    let mut text: String = groups.concat();
    if let Some(f) = frac {
        text.push('.');
        text.push_str(f);
    }
    let d = Decimal::from_str_exact(&text).map_err(|_| NumberError::TooBig)?;
    Ok(if neg { -d } else { d })
}

/// Trim spaces, including the invisible ones text copied from the web or
/// a PDF carries (zero-width space, byte-order mark).
fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}')
}

/// Spaces clerks put between thousands: ordinary, no-break, thin (a line
/// break or tab inside a number is not a separator).
fn is_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\n' | '\r' | '\t' | '\u{b}' | '\u{c}')
}

/// "14500000000" → "14.500.000.000" (digits only).
fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Folded yes words (see [`fold`]).
const YES: &[&str] = &[
    "dat",
    "co",
    "x",
    "✓",
    "✔",
    "datchuan",
    "hoanthanh",
    "yes",
    "true",
];
/// Folded no words.
const NO: &[&str] = &[
    "chuadat",
    "khong",
    "khongdat",
    "chua",
    "chuahoanthanh",
    "no",
    "false",
];

/// Currency words that may follow a number and are simply dropped: the
/// amount is the same whether or not "đồng" is written.
fn is_currency(suffix: &str) -> bool {
    suffix == "₫" || matches!(fold(suffix).as_str(), "d" | "dong" | "vnd")
}

/// Read a text cell. `Ok(None)` for a blank cell; `Err` with an
/// explanation for text that is not a number, fraction or yes/no word.
pub fn parse_cell_text(s: &str) -> Result<Option<CellText>, CellTextError> {
    let t = trim(s);
    if t.is_empty() {
        return Ok(None);
    }
    // Yes/no words have letters or marks; "12.993" and "96,2%" skip folding.
    if t.bytes().any(|b| b.is_ascii_alphabetic() || !b.is_ascii()) {
        let folded = fold(t);
        if YES.contains(&folded.as_str()) {
            return Ok(Some(CellText::YesNo(true)));
        }
        if NO.contains(&folded.as_str()) {
            return Ok(Some(CellText::YesNo(false)));
        }
    }
    if let Some((a, b)) = t.split_once('/') {
        return parse_fraction(t, a, b).map(Some);
    }
    let (value, percent) = parse_amount(t, t, true)?;
    Ok(Some(CellText::Number { value, percent }))
}

/// `a/b` with both sides Vietnamese numbers (a currency word allowed).
fn parse_fraction(whole: &str, a: &str, b: &str) -> Result<CellText, CellTextError> {
    if b.contains('/') {
        return Err(CellTextError::SeveralSlashes {
            whole: whole.into(),
        });
    }
    if a.trim().is_empty() || b.trim().is_empty() {
        return Err(not_a_value(whole));
    }
    let (tu, _) = parse_amount(whole, a, false)?;
    let (mau, _) = parse_amount(whole, b, false)?;
    if mau.is_zero() {
        return Err(CellTextError::ZeroDenominator {
            whole: whole.into(),
        });
    }
    Ok(CellText::Fraction { tu, mau })
}

/// A number with an optional `%` (when `allow_percent`) or currency word
/// after it. `whole` is the cell's text, named in the messages.
fn parse_amount(
    whole: &str,
    part: &str,
    allow_percent: bool,
) -> Result<(Decimal, bool), CellTextError> {
    let part = part.trim();
    // The number runs as far as digits, separators and a leading sign go.
    let end = part
        .char_indices()
        .find(|&(i, c)| {
            let sign = i == 0 && matches!(c, '-' | '−' | '+');
            !(sign || c.is_ascii_digit() || c == '.' || c == ',' || is_space(c))
        })
        .map_or(part.len(), |(i, _)| i);
    let (num, suffix) = (part[..end].trim(), part[end..].trim());
    if num.is_empty() || !num.contains(|c: char| c.is_ascii_digit()) {
        return Err(not_a_value(whole));
    }
    let percent = match suffix {
        "" => false,
        "%" if allow_percent => true,
        s if is_currency(s) => false,
        // A word after the number is a unit ("26 trường", "12 tỷ").
        s if s.starts_with(char::is_alphabetic) || s.contains('%') => {
            return Err(unit_error(whole, num, s));
        }
        // Anything else ("12-15", "12*") is simply not a number.
        _ => return Err(not_a_value(whole)),
    };
    let value = parse_number(num).map_err(|e| number_error(whole, num, e))?;
    Ok((value, percent))
}

fn not_a_value(whole: &str) -> CellTextError {
    CellTextError::NotAValue {
        whole: whole.into(),
    }
}

fn unit_error(whole: &str, num: &str, suffix: &str) -> CellTextError {
    if suffix.starts_with('%') || suffix.ends_with('%') {
        return CellTextError::MisplacedPercent {
            whole: whole.into(),
        };
    }
    CellTextError::UnitAfterNumber {
        whole: whole.into(),
        num: num.into(),
        suffix: suffix.into(),
    }
}

fn number_error(whole: &str, num: &str, e: NumberError) -> CellTextError {
    let whole = whole.to_string();
    match e {
        NumberError::NotNumber => CellTextError::NotAValue { whole },
        NumberError::TooBig => CellTextError::TooBig { whole },
        NumberError::English => {
            // Swap the two marks; suggest it only if it then reads cleanly.
            let swapped: String = num
                .chars()
                .map(|c| match c {
                    '.' => ',',
                    ',' => '.',
                    c => c,
                })
                .collect();
            let swapped = parse_number(&swapped).is_ok().then_some(swapped);
            CellTextError::English { whole, swapped }
        }
        NumberError::Grouping('.') => {
            let as_comma = num.replacen('.', ",", 1);
            let as_comma = (num.matches('.').count() == 1 && parse_number(&as_comma).is_ok())
                .then_some(as_comma);
            CellTextError::DotGrouping { whole, as_comma }
        }
        NumberError::Grouping(_) => CellTextError::SpaceGrouping { whole },
    }
}

/// Placeholders clerks type for "no figure": "-", "–", "—", "N/A", "…".
/// The reader treats them as missing (with a warning), never as zero.
pub fn is_placeholder(s: &str) -> bool {
    let t = s.trim();
    matches!(t, "-" | "–" | "—" | "−" | "…" | "...") || t.eq_ignore_ascii_case("n/a")
}

/// "Vượt", "Đạt", "Dự kiến đạt", "Chưa đạt", "Không đánh giá" for the
/// evaluation codes `vuot`, `dat`, `du_kien_dat`, `chua_dat`, `khong_danh_gia`.
pub fn danh_gia_text(code: &str) -> Option<&'static str> {
    Some(match code {
        "vuot" => "Vượt",
        "dat" => "Đạt",
        "du_kien_dat" => "Dự kiến đạt",
        "chua_dat" => "Chưa đạt",
        "khong_danh_gia" => "Không đánh giá",
        _ => return None,
    })
}

/// The decimal a spreadsheet cell or JSON number means: the shortest text
/// that reads back as the same `f64` (0.962 → 0.962, not
/// 0.96199999999999996536). `None` for NaN, infinities and values beyond
/// [`Decimal`]'s range.
pub fn decimal_from_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    // Whole numbers (most cells) below 2^53 are exact as integers.
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        return Some(Decimal::from(f as i64));
    }
    // Rust prints the shortest round-trip form, without an exponent.
    let text = f.to_string();
    Decimal::from_str(&text)
        .ok()
        .or_else(|| Decimal::from_scientific(&format!("{f:e}")).ok())
}

/// A number as written: 0.1 stays 0.1 (shortest round trip, not the
/// binary expansion), without trailing zeros.
pub fn decimal_of(f: f64) -> Option<Decimal> {
    decimal_from_f64(f).map(|d| d.normalize())
}

/// Roman numerals (section numbers "I", "IV" of the annex, the `la_ma`
/// filter): one table for both, so they never disagree.
pub fn roman(mut n: usize) -> String {
    const T: &[(usize, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for &(v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use Rounding::{HalfAwayFromZero as GanNhat, Truncate as CatBo};

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn num(s: &str) -> CellText {
        CellText::Number {
            value: d(s),
            percent: false,
        }
    }

    fn percent(s: &str) -> CellText {
        CellText::Number {
            value: d(s),
            percent: true,
        }
    }

    fn frac(tu: &str, mau: &str) -> CellText {
        CellText::Fraction {
            tu: d(tu),
            mau: d(mau),
        }
    }

    #[test]
    fn rounds_exactly_half_away_from_zero_or_truncates() {
        let cases = [
            ("95.085", 2, GanNhat, "95.09"),
            ("95.085", 2, CatBo, "95.08"),
            ("96.296296", 1, GanNhat, "96.3"),
            ("96.296296", 1, CatBo, "96.2"),
            ("-2.5", 0, GanNhat, "-3"),
            ("-2.5", 0, CatBo, "-2"),
            ("2.5", 0, GanNhat, "3"),
            ("0.05", 1, GanNhat, "0.1"),
            ("12993", 0, GanNhat, "12993"),
        ];
        for (x, dp, r, want) in cases {
            assert_eq!(round(d(x), dp, r), d(want), "round({x}, {dp}, {r:?})");
        }
        assert!(round(d("-0.4"), 0, GanNhat).is_sign_positive());
        assert!(round(d("-0.09"), 1, CatBo).is_sign_positive());
    }

    #[test]
    fn prints_the_vietnamese_way() {
        let cases = [
            ("12993", 0, GanNhat, "12.993"),
            ("1234.5", 1, GanNhat, "1.234,5"),
            ("12350.8", 1, GanNhat, "12.350,8"),
            ("14500000000", 0, GanNhat, "14.500.000.000"),
            ("-3.5", 2, GanNhat, "-3,50"),
            ("90", 1, GanNhat, "90,0"),
            ("-0.4", 0, GanNhat, "0"),
            ("-0.04", 1, GanNhat, "0,0"),
            ("-0.09", 1, CatBo, "0,0"),
            ("999.96", 1, GanNhat, "1.000,0"),
            ("100", 0, GanNhat, "100"),
            ("0", 2, GanNhat, "0,00"),
            ("123", 0, GanNhat, "123"),
            ("1234", 0, GanNhat, "1.234"),
            ("-1234567.891", 2, CatBo, "-1.234.567,89"),
            ("95.085", 2, GanNhat, "95,09"),
        ];
        for (x, dp, r, want) in cases {
            assert_eq!(so(d(x), dp, r), want, "so({x}, {dp}, {r:?})");
        }
    }

    #[test]
    fn percent_and_fraction_text() {
        assert_eq!(pt(d("96.296296"), 1, GanNhat), "96,3%");
        assert_eq!(pt(d("96.296296"), 1, CatBo), "96,2%");
        assert_eq!(pt(d("100"), 0, GanNhat), "100%");
        assert_eq!(pt(d("90"), 1, GanNhat), "90,0%");
        assert_eq!(pt(d("97.74"), 2, GanNhat), "97,74%");
        assert_eq!(phan_so(d("26"), d("27")), "26/27");
        assert_eq!(phan_so(d("19017"), d("20000")), "19.017/20.000");
        assert_eq!(phan_so(d("26.00"), d("20")), "26/20");
        assert_eq!(phan_so(d("2.5"), d("1234.50")), "2,5/1.234,5");
        assert_eq!(so_tu_nhien(d("-0")), "0");
    }

    #[test]
    fn units_follow_the_number() {
        assert_eq!(with_unit("12.993", "tỷ đồng"), "12.993 tỷ đồng");
        assert_eq!(with_unit("97,74", "%"), "97,74%");
        assert_eq!(with_unit("14.500.000.000", "đ"), "14.500.000.000đ");
        assert_eq!(with_unit("26", " trường "), "26 trường");
        assert_eq!(with_unit("26", ""), "26");
        assert_eq!(with_unit("26", "  "), "26");
    }

    #[test]
    fn reads_vietnamese_numbers() {
        let cases = [
            ("12.993", "12993"),
            ("1.234,5", "1234.5"),
            ("12,5", "12.5"),
            ("12,993", "12.993"),
            ("1.250", "1250"),
            ("14.500.000.000", "14500000000"),
            ("-3", "-3"),
            ("−3", "-3"),
            ("+5", "5"),
            ("12 993", "12993"),
            ("12\u{a0}993", "12993"),
            ("1\u{202f}234\u{202f}567,25", "1234567.25"),
            ("\u{a0} 12.993 \u{a0}", "12993"),
            ("\u{feff}12.993\u{200b}", "12993"),
            ("0,962", "0.962"),
            ("0", "0"),
            ("007", "7"),
            ("-1.234,5", "-1234.5"),
        ];
        for (text, want) in cases {
            assert_eq!(parse_cell_text(text), Ok(Some(num(want))), "{text:?}");
            assert_eq!(parse_plain_number(text), Some(d(want)), "{text:?}");
        }
    }

    #[test]
    fn blank_is_missing_not_zero() {
        for text in ["", "   ", "\u{a0}", "\t\n", "\u{200b}"] {
            assert_eq!(parse_cell_text(text), Ok(None), "{text:?}");
        }
    }

    #[test]
    fn ambiguous_numbers_are_explained_not_guessed() {
        let cases = [
            (
                "12.5",
                &["\"12.5\"", "phân cách hàng nghìn", "\",\"", "12,5"][..],
            ),
            ("0.500", &["\"0.500\"", "phân cách hàng nghìn"][..]),
            ("1.23.4", &["\"1.23.4\"", "phân cách hàng nghìn"][..]),
            ("1234.567.890", &["phân cách hàng nghìn"][..]),
            ("1,234.5", &["\"1,234.5\"", "tiếng Anh", "1.234,5"][..]),
            ("1,234,567", &["tiếng Anh", "1.234.567"][..]),
            ("12 5", &["khoảng trắng", "3 chữ số"][..]),
            ("12.993 000", &["phân cách hàng nghìn"][..]),
            ("96.2%", &["\"96.2%\"", "96,2"][..]),
        ];
        for (text, parts) in cases {
            let err = parse_cell_text(text)
                .expect_err(text)
                .message(crate::check::Lang::Vi);
            for p in parts {
                assert!(err.contains(p), "{text:?}: {err:?} lacks {p:?}");
            }
            assert_eq!(parse_plain_number(text), None, "{text:?}");
        }
    }

    #[test]
    fn percent_and_currency_suffixes() {
        let cases = [
            ("96,2%", percent("96.2")),
            ("96,2 %", percent("96.2")),
            ("100%", percent("100")),
            ("14.500.000.000đ", num("14500000000")),
            ("14.500.000.000 đồng", num("14500000000")),
            ("14.500.000.000 VNĐ", num("14500000000")),
            ("14.500.000.000 vnd", num("14500000000")),
            ("14.500.000.000₫", num("14500000000")),
            ("12 993 đồng", num("12993")),
        ];
        for (text, want) in cases {
            assert_eq!(parse_cell_text(text), Ok(Some(want)), "{text:?}");
        }
        assert_eq!(parse_plain_number("96,2%"), None);
        assert_eq!(parse_plain_number("12đ"), None);
    }

    #[test]
    fn other_units_in_a_cell_are_errors() {
        for (text, unit) in [
            ("26 trường", "trường"),
            ("12 tỷ", "tỷ"),
            ("5 triệu đồng", "triệu đồng"),
        ] {
            let err = parse_cell_text(text)
                .expect_err(text)
                .message(crate::check::Lang::Vi);
            assert!(err.contains(&format!("\"{unit}\"")), "{err}");
            assert!(err.contains("chỉ ghi con số"), "{err}");
        }
        assert!(parse_cell_text("%12").is_err());
        assert_eq!(parse_cell_text("12-15"), Err(not_a_value("12-15")));
        assert_eq!(parse_cell_text("12\n993"), Err(not_a_value("12\n993")));
        assert_eq!(parse_cell_text("12*"), Err(not_a_value("12*")));
        assert!(
            parse_cell_text("12 %!")
                .unwrap_err()
                .message(crate::check::Lang::Vi)
                .contains("\"%\"")
        );
        assert!(parse_cell_text("12%%").is_err());
    }

    #[test]
    fn fractions() {
        let cases = [
            ("26/27", frac("26", "27")),
            ("26 / 27", frac("26", "27")),
            ("1.234/2.000", frac("1234", "2000")),
            ("19.017/20.000", frac("19017", "20000")),
            ("26/20", frac("26", "20")),
            (
                "14.500.000.000đ/17.100.000.000đ",
                frac("14500000000", "17100000000"),
            ),
            ("2,5/3", frac("2.5", "3")),
        ];
        for (text, want) in cases {
            assert_eq!(parse_cell_text(text), Ok(Some(want)), "{text:?}");
        }
        let zero = parse_cell_text("3/0")
            .unwrap_err()
            .message(crate::check::Lang::Vi);
        assert!(zero.contains("mẫu số bằng 0"), "{zero}");
        assert!(
            parse_cell_text("1/2/3")
                .unwrap_err()
                .message(crate::check::Lang::Vi)
                .contains("một dấu \"/\"")
        );
        assert!(parse_cell_text("26/").is_err());
        assert!(parse_cell_text("/27").is_err());
        assert!(parse_cell_text("26%/27").is_err());
        assert!(
            parse_cell_text("12.5/27")
                .unwrap_err()
                .message(crate::check::Lang::Vi)
                .contains("phân cách hàng nghìn")
        );
        assert!(
            parse_cell_text("26 trường/27")
                .unwrap_err()
                .message(crate::check::Lang::Vi)
                .contains("\"trường\"")
        );
    }

    #[test]
    fn yes_and_no_words() {
        let yes = [
            "Đạt",
            "đạt",
            "ĐẠT",
            "Có",
            "có",
            "x",
            "X",
            "✓",
            "✔",
            "Đạt chuẩn",
            "Hoàn thành",
            "Yes",
            "True",
            " dat ",
        ];
        for text in yes {
            assert_eq!(
                parse_cell_text(text),
                Ok(Some(CellText::YesNo(true))),
                "{text:?}"
            );
        }
        let no = [
            "Chưa đạt",
            "chưa đạt",
            "Không",
            "Không đạt",
            "Chưa",
            "Chưa hoàn thành",
            "No",
            "False",
            "KHÔNG",
        ];
        for text in no {
            assert_eq!(
                parse_cell_text(text),
                Ok(Some(CellText::YesNo(false))),
                "{text:?}"
            );
        }
    }

    #[test]
    fn anything_else_is_named_in_the_error() {
        assert_eq!(
            parse_cell_text("abc").map_err(|e| (
                e.is_plain_words(),
                e.message(crate::check::Lang::Vi),
                e.message(crate::check::Lang::En)
            )),
            Err((
                true,
                "\"abc\" không phải là số, phân số hay Đạt/Chưa đạt".to_string(),
                "\"abc\" is not a number, a fraction or Đạt/Chưa đạt".to_string()
            ))
        );
        for text in [
            "abc", "N/A", "-", "Tốt", ",5", "1e5", "--3", "- 3", ".5", "12,",
        ] {
            let err = parse_cell_text(text)
                .expect_err(text)
                .message(crate::check::Lang::Vi);
            assert!(
                err.contains(&format!("\"{}\"", text.trim())),
                "{text:?}: {err}"
            );
        }
    }

    #[test]
    fn placeholders() {
        for text in ["-", "–", "—", "N/A", "n/a", "…", "...", " - "] {
            assert!(is_placeholder(text), "{text:?}");
        }
        for text in ["", "0", "x", "-3", "Không"] {
            assert!(!is_placeholder(text), "{text:?}");
        }
    }

    #[test]
    fn evaluation_texts() {
        assert_eq!(danh_gia_text("vuot"), Some("Vượt"));
        assert_eq!(danh_gia_text("dat"), Some("Đạt"));
        assert_eq!(danh_gia_text("du_kien_dat"), Some("Dự kiến đạt"));
        assert_eq!(danh_gia_text("chua_dat"), Some("Chưa đạt"));
        assert_eq!(danh_gia_text("khong_danh_gia"), Some("Không đánh giá"));
        assert_eq!(danh_gia_text("Đạt"), None);
    }

    #[test]
    fn floats_become_their_shortest_decimal() {
        assert_eq!(decimal_from_f64(0.962).unwrap().to_string(), "0.962");
        assert_eq!(decimal_from_f64(95.085).unwrap().to_string(), "95.085");
        assert_eq!(decimal_from_f64(12993.0), Some(d("12993")));
        assert_eq!(decimal_from_f64(-0.0), Some(Decimal::ZERO));
        assert_eq!(decimal_from_f64(1e20), Some(d("100000000000000000000")));
        assert_eq!(decimal_from_f64(-3.5), Some(d("-3.5")));
        assert_eq!(decimal_from_f64(1e-7), Some(d("0.0000001")));
        assert_eq!(decimal_from_f64(f64::NAN), None);
        assert_eq!(decimal_from_f64(f64::INFINITY), None);
        assert_eq!(decimal_from_f64(1e300), None);
        assert_eq!(decimal_from_f64(0.1 + 0.2), Some(d("0.30000000000000004")));
        // Beyond 28 decimals the tail is rounded away rather than refused.
        assert!(decimal_from_f64(5e-324).is_some_and(|x| x.is_zero()));
        // The reason it exists: 95.085 as f64 is 95.08499999…, yet it prints 95,09.
        let x = decimal_from_f64(95.085).unwrap();
        assert_eq!(so(x, 2, GanNhat), "95,09");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn decimal() -> impl Strategy<Value = Decimal> {
            (-1_000_000_000_000i64..1_000_000_000_000i64, 0u32..=4)
                .prop_map(|(m, scale)| Decimal::new(m, scale))
        }

        proptest! {
            #[test]
            fn printed_numbers_read_back(x in decimal(), dp in 0u32..=4) {
                let want = round(x, dp, GanNhat);
                prop_assert_eq!(
                    parse_cell_text(&so(x, dp, GanNhat)),
                    Ok(Some(CellText::Number { value: want, percent: false }))
                );
                prop_assert_eq!(
                    parse_cell_text(&pt(x, dp, GanNhat)),
                    Ok(Some(CellText::Number { value: want, percent: true }))
                );
                prop_assert_eq!(parse_plain_number(&so(x, dp, CatBo)), Some(round(x, dp, CatBo)));
            }

            #[test]
            fn fractions_read_back(a in decimal(), b in decimal()) {
                prop_assume!(!b.is_zero());
                prop_assert_eq!(
                    parse_cell_text(&phan_so(a, b)),
                    Ok(Some(CellText::Fraction { tu: a, mau: b }))
                );
            }

            #[test]
            fn never_panics(s in "\\PC{0,12}") {
                let _ = parse_cell_text(&s);
            }
        }
    }
}
