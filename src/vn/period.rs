//! Reporting periods: what a column header of a unit sheet says
//! ("Tháng 10/2026", "Quý III/2026", "9 tháng đầu năm 2026", "Ước cả năm
//! 2026", "Kế hoạch 2026"), the period keys of PRODUCT.md ("T10/2026",
//! "Q3/2026", "9T/2026", "2026") and `so_lieu.ky_bao_cao`.
//!
//! A header is read word by word after folding (no accents, lower case), so
//! "Lũy kế 9 tháng 2026", "TH 9 tháng 2026", "9 tháng đầu năm 2026" and
//! "9 THÁNG NĂM 2026" are one period. A header that names a period but
//! cannot be understood ("Tháng 13/2026", "6 tháng cuối năm 2026", "9
//! tháng") is [`Header::Unclear`]: the reader warns at its cell instead of
//! silently ignoring the column.

use crate::vn::text::fold_words;
use serde::{Serialize, Serializer};
use std::fmt;

/// The part of a year a period covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Span {
    /// One month, 1–12.
    Month(u8),
    /// One quarter, 1–4.
    Quarter(u8),
    /// The first N months (1–11), cumulative: "6 tháng", "9 tháng".
    Months(u8),
    /// The whole year.
    Year,
}

impl Span {
    /// How many months the span covers: the share of the year's plan a
    /// period is expected to meet at an even pace.
    pub fn months(self) -> u8 {
        match self {
            Span::Month(_) => 1,
            Span::Quarter(_) => 3,
            Span::Months(m) => m,
            Span::Year => 12,
        }
    }
    /// The last month the span covers.
    fn end_month(self) -> u8 {
        match self {
            Span::Month(m) | Span::Months(m) => m,
            Span::Quarter(q) => q * 3,
            Span::Year => 12,
        }
    }
    /// Among spans ending in the same month: the month, then the quarter,
    /// then the cumulative period, then the year.
    fn rank(self) -> u8 {
        match self {
            Span::Month(_) => 0,
            Span::Quarter(_) => 1,
            Span::Months(_) => 2,
            Span::Year => 3,
        }
    }
}

/// A reporting period: a span of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub year: i32,
    pub span: Span,
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Chronological: by year, then by the month a period ends in, the month
/// before the quarter before the cumulative period ending with it (T9,
/// Q3, 9T), the year last. Maps keyed by periods list them in this order.
impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let key = |p: &Period| (p.year, p.span.end_month(), p.span.rank());
        key(self).cmp(&key(other))
    }
}

impl Period {
    pub fn year(year: i32) -> Period {
        Period {
            year,
            span: Span::Year,
        }
    }
    pub fn is_year(self) -> bool {
        self.span == Span::Year
    }
    /// The same period one year earlier ("cùng kỳ").
    pub fn cung_ky(self) -> Period {
        Period {
            year: self.year - 1,
            ..self
        }
    }
    /// The key of PRODUCT.md: "2026", "9T/2026", "Q3/2026", "T9/2026".
    pub fn key(self) -> String {
        let y = self.year;
        match self.span {
            Span::Year => y.to_string(),
            Span::Months(n) => format!("{n}T/{y}"),
            Span::Quarter(q) => format!("Q{q}/{y}"),
            Span::Month(m) => format!("T{m}/{y}"),
        }
    }
    /// How a report names the period: "năm 2026", "9 tháng đầu năm 2026",
    /// "quý III năm 2026", "tháng 9 năm 2026".
    pub fn label(self) -> String {
        let y = self.year;
        match self.span {
            Span::Year => format!("năm {y}"),
            Span::Months(n) => format!("{n} tháng đầu năm {y}"),
            Span::Quarter(q) => format!("quý {} năm {y}", ROMAN[q as usize - 1]),
            Span::Month(m) => format!("tháng {m} năm {y}"),
        }
    }
    /// The English twin of [`Period::label`].
    pub fn label_en(self) -> String {
        let y = self.year;
        match self.span {
            Span::Year => y.to_string(),
            Span::Months(n) => format!("the first {n} months of {y}"),
            Span::Quarter(q) => format!("Q{q} {y}"),
            Span::Month(m) => format!("month {m} of {y}"),
        }
    }
    /// A key ("9T/2026"), a header form ("9 tháng đầu năm 2026") or a
    /// year ("2026"), as `so_lieu.ky_bao_cao` may hold. Plans and
    /// estimates are not periods of a report.
    pub fn parse(text: &str) -> Option<Period> {
        if let Some(p) = parse_key(text.trim()) {
            return Some(p);
        }
        match parse_header(text) {
            Header::Year { year, .. } => Some(Period::year(year)),
            Header::Ky { period, .. } => Some(period),
            _ => None,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

/// From its key ("9T/2026"), as it is serialised (a problem stored in the
/// manifest names its period so).
impl<'de> serde::Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        parse_key(&key).ok_or_else(|| serde::de::Error::custom(format!("not a period: {key}")))
    }
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// "9T/2026", "Q3/2026", "T9/2026", "2026".
fn parse_key(t: &str) -> Option<Period> {
    let upper = t.to_uppercase();
    let year_of = |y: &str| {
        let y: i32 = y.parse().ok()?;
        (1900..=2100).contains(&y).then_some(y)
    };
    if upper.len() == 4 {
        return year_of(&upper).map(Period::year);
    }
    let (head, y) = upper.split_once('/')?;
    let year = year_of(y)?;
    let num = |s: &str| s.parse::<u8>().ok();
    let span = if let Some(n) = head.strip_suffix('T') {
        Span::Months(num(n).filter(|n| (1..=11).contains(n))?)
    } else if let Some(q) = head.strip_prefix('Q') {
        Span::Quarter(num(q).filter(|q| (1..=4).contains(q))?)
    } else if let Some(m) = head.strip_prefix('T') {
        Span::Month(num(m).filter(|m| (1..=12).contains(m))?)
    } else {
        return None;
    };
    Some(Period { year, span })
}

/// What a header cell right of the code column says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Header {
    /// A whole year: `2020`, `Năm 2021`, `Ước 2023`, `Ước TH cả năm 2026`.
    Year { year: i32, uoc: bool },
    /// A part of a year: a month, a quarter, the first N months.
    Ky { period: Period, uoc: bool },
    /// The year's plan for the unit: `Kế hoạch 2026`, `KH năm 2026`,
    /// `Chỉ tiêu giao 2026`.
    KeHoach(i32),
    /// "Cùng kỳ năm 2025": the report period's span in that year.
    CungKy { year: i32 },
    /// Names a period, but not one soket can tell (a warning at its cell).
    Unclear,
    /// Not a period: "Tên chỉ tiêu", "Ghi chú", "So sánh (%)".
    Other,
}

impl Header {
    /// A column soket reads values from.
    pub fn is_column(&self) -> bool {
        matches!(
            self,
            Header::Year { .. } | Header::Ky { .. } | Header::KeHoach(_) | Header::CungKy { .. }
        )
    }
}

/// Words that say nothing about the period: "Năm 2021", "TH 2021",
/// "Thực hiện 2021", "Kết quả năm 2021", "Số liệu 2021", "Năm 2020 (năm
/// gốc)", "Kết quả thực hiện các năm", "6 tháng đầu năm", "Lũy kế", "Từ
/// đầu năm đến …", "Thực hiện đến hết …".
const FILLER: &[&str] = &[
    "nam", "th", "thuc", "hien", "tinh", "ket", "qua", "kq", "so", "lieu", "goc", "cac", "dat",
    "duoc", "dau", "luy", "ke", "lk", "tu", "den", "het", "trong", "ca",
];
/// Words of an estimate: "Ước 2023", "ƯTH 2023", "Dự kiến 2023", "DK 2023".
const UOC: &[&str] = &["uoc", "uocth", "uth", "du", "kien", "dk"];
/// Words of a plan: "Kế hoạch", "KH", "Chỉ tiêu giao", "Chỉ tiêu kế hoạch".
const PLAN: &[&str] = &["hoach", "kh", "chi", "tieu", "giao"];
/// Words of a comparison column, which holds no period's value: "So sánh
/// cùng kỳ (%)", "Tăng/giảm so với cùng kỳ", "Tỷ lệ %".
const COMPARISON: &[&str] = &["sanh", "voi", "tang", "giam", "ty", "le", "ti"];

/// What a header text says.
pub fn parse_header(text: &str) -> Header {
    let folded = fold_words(text);
    // Non-alphanumerics ("/", "(", "%", ":") separate words; a "%"
    // marks a comparison column.
    if folded.contains('%') {
        return Header::Other;
    }
    let cleaned: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    if words.iter().any(|w| COMPARISON.contains(w)) {
        return Header::Other;
    }
    let mut year: Option<i32> = None;
    let mut uoc = false;
    let mut plan = false;
    let mut cung = false;
    let mut whole_year = false;
    let mut unclear = false;
    // "tháng" and "quý" with the number after them ("Tháng 9", "Quý III")
    // or before "tháng" ("9 tháng").
    let mut month_word: Option<usize> = None;
    let mut quarter_word: Option<usize> = None;
    let mut numbers: Vec<(usize, u32)> = Vec::new();
    let mut period_word = false;
    for (i, w) in words.iter().enumerate() {
        match *w {
            "thang" => {
                month_word = Some(i);
                period_word = true;
            }
            "quy" => {
                quarter_word = Some(i);
                period_word = true;
            }
            "ca" => {
                whole_year = true;
                period_word = true;
            }
            "cung" | "ky" => {
                cung = true;
                period_word = true;
            }
            "luy" | "lk" => period_word = true,
            w if FILLER.contains(&w) => {}
            w if UOC.contains(&w) => uoc = true,
            w if PLAN.contains(&w) => plan = true,
            w if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) => {
                let y: i32 = w.parse().unwrap_or(0);
                if !(1900..=2100).contains(&y) || year.is_some() {
                    unclear = true;
                } else {
                    year = Some(y);
                }
            }
            w if w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()) => {
                numbers.push((i, w.parse().unwrap_or(0)));
            }
            "i" | "ii" | "iii" | "iv" if quarter_word.is_some() => {
                let n = ["i", "ii", "iii", "iv"].iter().position(|r| r == w);
                numbers.push((i, n.map_or(0, |n| n as u32 + 1)));
            }
            _ => unclear = true,
        }
    }
    let period_like = year.is_some() || period_word;
    if !period_like {
        return Header::Other;
    }
    let Some(year) = year else {
        return Header::Unclear;
    };
    if unclear || numbers.len() > 1 {
        return Header::Unclear;
    }
    let number = numbers.first().copied();
    let span = match (month_word, quarter_word, number) {
        (None, None, None) => Span::Year,
        (Some(_), Some(_), _) | (_, _, None) => return Header::Unclear,
        (None, None, Some(_)) => return Header::Unclear,
        (None, Some(q), Some((i, n))) if i > q && (1..=4).contains(&n) => Span::Quarter(n as u8),
        (Some(t), None, Some((i, n))) if i < t && (1..=12).contains(&n) => {
            // "9 tháng": the first nine months; "12 tháng" is the year.
            if n == 12 {
                Span::Year
            } else {
                Span::Months(n as u8)
            }
        }
        (Some(t), None, Some((i, n))) if i > t && (1..=12).contains(&n) => {
            // "Lũy kế tháng 9", "Lũy kế đến tháng 9": January to September.
            if words.iter().any(|w| matches!(*w, "luy" | "lk" | "den")) {
                if n == 12 {
                    Span::Year
                } else {
                    Span::Months(n as u8)
                }
            } else {
                Span::Month(n as u8)
            }
        }
        _ => return Header::Unclear,
    };
    if whole_year && span != Span::Year {
        return Header::Unclear;
    }
    if cung {
        // "Cùng kỳ năm 2025" alone: the report period's span in 2025.
        return if span == Span::Year && !whole_year && !plan && !uoc {
            Header::CungKy { year }
        } else {
            Header::Unclear
        };
    }
    if plan {
        // A plan is the year's: "Kế hoạch 9 tháng" is not one soket reads.
        return if span == Span::Year && !uoc {
            Header::KeHoach(year)
        } else {
            Header::Unclear
        };
    }
    match span {
        Span::Year => Header::Year { year, uoc },
        span => Header::Ky {
            period: Period { year, span },
            uoc,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ky(year: i32, span: Span, uoc: bool) -> Header {
        Header::Ky {
            period: Period { year, span },
            uoc,
        }
    }

    #[test]
    fn every_header_form_of_the_table_and_what_offices_write_beside_them() {
        use Span::*;
        let cases: &[(&str, Header)] = &[
            ("Tháng 10/2026", ky(2026, Month(10), false)),
            ("Tháng 10 năm 2026", ky(2026, Month(10), false)),
            ("THÁNG 9/2026", ky(2026, Month(9), false)),
            ("Quý III/2026", ky(2026, Quarter(3), false)),
            ("Quý 3/2026", ky(2026, Quarter(3), false)),
            ("Quý 3 năm 2026", ky(2026, Quarter(3), false)),
            ("Quý IV năm 2025", ky(2025, Quarter(4), false)),
            ("Quý I/2026", ky(2026, Quarter(1), false)),
            ("6 tháng 2026", ky(2026, Months(6), false)),
            ("6 tháng đầu năm 2026", ky(2026, Months(6), false)),
            ("9 tháng 2026", ky(2026, Months(9), false)),
            ("9 tháng đầu năm 2026", ky(2026, Months(9), false)),
            ("9 tháng năm 2026", ky(2026, Months(9), false)),
            ("Lũy kế 9 tháng 2026", ky(2026, Months(9), false)),
            ("Luỹ kế 9 tháng đầu năm 2026", ky(2026, Months(9), false)),
            ("Lũy kế đến tháng 9/2026", ky(2026, Months(9), false)),
            ("TH 9 tháng 2026", ky(2026, Months(9), false)),
            ("Thực hiện 9 tháng năm 2026", ky(2026, Months(9), false)),
            ("Ước 9 tháng 2026", ky(2026, Months(9), true)),
            (
                "12 tháng 2026",
                Header::Year {
                    year: 2026,
                    uoc: false,
                },
            ),
            (
                "Ước cả năm 2026",
                Header::Year {
                    year: 2026,
                    uoc: true,
                },
            ),
            (
                "Ước TH 2026",
                Header::Year {
                    year: 2026,
                    uoc: true,
                },
            ),
            (
                "Ước TH cả năm 2026",
                Header::Year {
                    year: 2026,
                    uoc: true,
                },
            ),
            (
                "Năm 2026",
                Header::Year {
                    year: 2026,
                    uoc: false,
                },
            ),
            ("Kế hoạch 2026", Header::KeHoach(2026)),
            ("KH 2026", Header::KeHoach(2026)),
            ("Kế hoạch năm 2026", Header::KeHoach(2026)),
            ("KH năm 2026", Header::KeHoach(2026)),
            ("Chỉ tiêu giao 2026", Header::KeHoach(2026)),
            ("Chỉ tiêu kế hoạch năm 2026", Header::KeHoach(2026)),
            ("Cùng kỳ năm 2025", Header::CungKy { year: 2025 }),
            ("Tháng 13/2026", Header::Unclear),
            ("Quý V/2026", Header::Unclear),
            ("Quý 5/2026", Header::Unclear),
            ("6 tháng cuối năm 2026", Header::Unclear),
            ("9 tháng", Header::Unclear),
            ("Kế hoạch 9 tháng 2026", Header::Unclear),
            ("Tháng 9 quý III 2026", Header::Unclear),
            ("Ghi chú", Header::Other),
            ("Tên chỉ tiêu", Header::Other),
            ("Đơn vị tính", Header::Other),
            ("So sánh cùng kỳ (%)", Header::Other),
            ("9 tháng 2026 so với cùng kỳ", Header::Other),
            ("Tăng/giảm", Header::Other),
        ];
        for (text, want) in cases {
            assert_eq!(&parse_header(text), want, "{text}");
        }
    }

    #[test]
    fn keys_are_those_of_product_md_and_sort_in_time() {
        let mut periods: Vec<Period> = [
            "2026", "9T/2026", "Q3/2026", "T9/2026", "6T/2026", "T10/2026", "2025", "Q4/2026",
        ]
        .iter()
        .map(|k| Period::parse(k).unwrap())
        .collect();
        periods.sort();
        let keys: Vec<String> = periods.iter().map(|p| p.key()).collect();
        assert_eq!(
            keys,
            [
                "2025", "6T/2026", "T9/2026", "Q3/2026", "9T/2026", "T10/2026", "Q4/2026", "2026"
            ]
        );
    }

    #[test]
    fn ky_bao_cao_takes_a_key_a_header_form_or_a_year() {
        for (text, key, label) in [
            ("9 tháng 2026", "9T/2026", "9 tháng đầu năm 2026"),
            ("9 tháng đầu năm 2026", "9T/2026", "9 tháng đầu năm 2026"),
            ("9T/2026", "9T/2026", "9 tháng đầu năm 2026"),
            ("Quý III/2026", "Q3/2026", "quý III năm 2026"),
            ("q3/2026", "Q3/2026", "quý III năm 2026"),
            ("Tháng 10/2026", "T10/2026", "tháng 10 năm 2026"),
            ("T10/2026", "T10/2026", "tháng 10 năm 2026"),
            ("2026", "2026", "năm 2026"),
            ("Năm 2026", "2026", "năm 2026"),
        ] {
            let p = Period::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(
                (p.key().as_str(), p.label().as_str()),
                (key, label),
                "{text}"
            );
        }
        for bad in [
            "Kế hoạch 2026",
            "13T/2026",
            "T13/2026",
            "Q5/2026",
            "9 tháng",
            "",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(Period::parse("9T/2026").unwrap().cung_ky().key(), "9T/2025");
    }
}
