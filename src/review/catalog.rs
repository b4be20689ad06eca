//! The indicator catalog (`chi-tieu.xlsx` / `.csv`): one row per indicator.

use crate::check::{RangeError, TargetError};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// How ward values become the district value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kieu", content = "tham_so", rename_all = "snake_case")]
pub enum Aggregate {
    /// `tong` / `sum`.
    Tong,
    /// `ty_le` / `ratio`; `Some((A, B))` for `ty_le:A/B`, else the ward
    /// cells hold fractions like `26/27`.
    TyLe(Option<(String, String)>),
    /// `so_don_vi_dat` / `count_units`.
    SoDonViDat,
    /// `trung_binh` / `mean`.
    TrungBinh,
    /// `trung_binh_gia_quyen:CODE` / `weighted_mean:CODE`.
    TrungBinhGiaQuyen(String),
    /// `nho_nhat` / `min`.
    NhoNhat,
    /// `lon_nhat` / `max`.
    LonNhat,
    /// `cap_quan` / `district`: entered once in the district's own workbook.
    CapQuan,
}

/// Every aggregate keyword, for suggestions in error messages.
pub const AGGREGATE_NAMES: &[&str] = &[
    "tong",
    "sum",
    "ty_le",
    "ratio",
    "so_don_vi_dat",
    "count_units",
    "trung_binh",
    "mean",
    "trung_binh_gia_quyen:MA",
    "weighted_mean:CODE",
    "nho_nhat",
    "min",
    "lon_nhat",
    "max",
    "cap_quan",
    "district",
];

impl Aggregate {
    /// Parse a catalog cell. Case, accents, spaces and `-` vs `_` do not
    /// matter in the keyword ("Tỷ lệ" = "ty_le"); the code after `:` keeps
    /// its case.
    pub fn parse(s: &str) -> Option<Aggregate> {
        let s = s.trim();
        let (kw, arg) = match s.split_once(':') {
            Some((k, a)) => (k, Some(a.trim())),
            None => (s, None),
        };
        let kw = crate::vn::text::fold(kw);
        let code = |a: &str| a.trim().to_string();
        Some(match (kw.as_str(), arg) {
            ("tong" | "sum", None) => Aggregate::Tong,
            ("tyle" | "ratio", None) => Aggregate::TyLe(None),
            ("tyle" | "ratio", Some(a)) => {
                let (n, d) = a.split_once('/')?;
                if n.trim().is_empty() || d.trim().is_empty() {
                    return None;
                }
                Aggregate::TyLe(Some((code(n), code(d))))
            }
            ("sodonvidat" | "countunits", None) => Aggregate::SoDonViDat,
            ("trungbinh" | "mean" | "average", None) => Aggregate::TrungBinh,
            ("trungbinhgiaquyen" | "weightedmean", Some(a)) if !a.is_empty() => {
                Aggregate::TrungBinhGiaQuyen(code(a))
            }
            ("nhonhat" | "min", None) => Aggregate::NhoNhat,
            ("lonnhat" | "max", None) => Aggregate::LonNhat,
            ("capquan" | "district" | "caphuyen" | "captinh", None) => Aggregate::CapQuan,
            _ => return None,
        })
    }

    /// The canonical Vietnamese spelling, as written in `ket-qua.json`.
    pub fn code(&self) -> String {
        match self {
            Aggregate::Tong => "tong".into(),
            Aggregate::TyLe(None) => "ty_le".into(),
            Aggregate::TyLe(Some((a, b))) => format!("ty_le:{a}/{b}"),
            Aggregate::SoDonViDat => "so_don_vi_dat".into(),
            Aggregate::TrungBinh => "trung_binh".into(),
            Aggregate::TrungBinhGiaQuyen(c) => format!("trung_binh_gia_quyen:{c}"),
            Aggregate::NhoNhat => "nho_nhat".into(),
            Aggregate::LonNhat => "lon_nhat".into(),
            Aggregate::CapQuan => "cap_quan".into(),
        }
    }

    /// Ratios and unit counts have `tu_so`, `mau_so`, `phan_so`, `ty_le`.
    pub fn is_fraction(&self) -> bool {
        matches!(self, Aggregate::TyLe(_) | Aggregate::SoDonViDat)
    }
}

/// Comparison operator of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "=")]
    Eq,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Le => "<=",
            Op::Lt => "<",
            Op::Eq => "=",
        }
    }
}

/// The term target of an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kieu", rename_all = "snake_case")]
pub enum Target {
    /// `>= 95%`, `= 0`, `<= 2`, `> 14%`: compare the district value.
    Compare {
        op: Op,
        so: Decimal,
        /// Written with a `%` sign.
        phan_tram: bool,
    },
    /// `8/8`, `26/20`: `tu_so >= a` (the denominator is informative).
    Fraction { tu: Decimal, mau: Decimal },
}

impl Target {
    /// Parse a target cell. Numbers are read the Vietnamese way
    /// (`>= 95,5%`, `>= 12.000`); `≥`, `≤`, `==` and a missing operator (a
    /// bare number means `>=`) are accepted.
    pub fn parse(s: &str) -> Result<Target, TargetError> {
        let t = s.trim();
        let (op, rest) = if let Some(r) = t.strip_prefix(">=").or_else(|| t.strip_prefix('≥')) {
            (Op::Ge, r)
        } else if let Some(r) = t.strip_prefix("<=").or_else(|| t.strip_prefix('≤')) {
            (Op::Le, r)
        } else if let Some(r) = t.strip_prefix("==") {
            (Op::Eq, r)
        } else if let Some(r) = t.strip_prefix('>') {
            (Op::Gt, r)
        } else if let Some(r) = t.strip_prefix('<') {
            (Op::Lt, r)
        } else if let Some(r) = t.strip_prefix('=') {
            (Op::Eq, r)
        } else {
            (Op::Ge, t)
        };
        let rest = rest.trim();
        if rest.is_empty() {
            return Err(TargetError::NoNumber {
                op: op.symbol().into(),
            });
        }
        if let Some((a, b)) = rest.split_once('/') {
            // "a/b" only as a bare fraction.
            if t.starts_with(['>', '<', '=', '≥', '≤']) {
                return Err(TargetError::FractionWithOperator);
            }
            let tu = crate::vn::parse_plain_number(a.trim()).ok_or_else(|| bad(s))?;
            let mau = crate::vn::parse_plain_number(b.trim()).ok_or_else(|| bad(s))?;
            if mau <= Decimal::ZERO {
                return Err(TargetError::ZeroDenominator);
            }
            return Ok(Target::Fraction { tu, mau });
        }
        let (num, phan_tram) = match rest.strip_suffix('%') {
            Some(n) => (n.trim(), true),
            None => (rest, false),
        };
        let so = crate::vn::parse_plain_number(num).ok_or_else(|| bad(s))?;
        Ok(Target::Compare { op, so, phan_tram })
    }
}

fn bad(s: &str) -> TargetError {
    TargetError::Unreadable {
        text: s.trim().into(),
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Compare { op, so, phan_tram } => {
                write!(
                    f,
                    "{} {}{}",
                    op.symbol(),
                    so,
                    if *phan_tram { "%" } else { "" }
                )
            }
            Target::Fraction { tu, mau } => write!(f, "{tu}/{mau}"),
        }
    }
}

impl FromStr for Target {
    type Err = TargetError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Target::parse(s)
    }
}

/// One catalog row.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// `GD01`, as written (trimmed).
    pub ma: String,
    pub ten: String,
    pub nhom: String,
    /// Unit of measure: `trường`, `%`, `tỷ đồng` …
    pub dvt: String,
    pub tong_hop: Aggregate,
    /// The target as written in the catalog ("" when none).
    pub muc_tieu: String,
    pub target: Option<Target>,
    /// Decimals from `Số lẻ`, if given.
    pub so_le: Option<u32>,
    /// The values allowed, from the optional `Giới hạn` / `range` column.
    pub gioi_han: Option<Range>,
    /// The year's plan for the whole review (`Kế hoạch năm` / `plan`), in
    /// the unit of the value (percent for ratios and `%` indicators).
    pub ke_hoach: Option<Decimal>,
    /// Row of the catalog file (1-based), for messages.
    pub row: usize,
}

impl Indicator {
    /// True for `%` indicators, whose values are percents.
    pub fn is_percent(&self) -> bool {
        self.dvt.trim() == "%"
    }
    /// Decimals shown for the main value: `Số lẻ`, else 1 for percents and
    /// ratios, 0 for counts and amounts.
    pub fn decimals(&self) -> u32 {
        self.so_le.unwrap_or(
            if self.is_percent() || matches!(self.tong_hop, Aggregate::TyLe(_)) {
                1
            } else {
                0
            },
        )
    }
    /// Decimals for `ty_le` of ratios and unit counts: `Số lẻ`, else 1.
    pub fn percent_decimals(&self) -> u32 {
        self.so_le.unwrap_or(1)
    }
    /// A rate: a ratio or a `%` indicator. Its changes are in percentage
    /// points and it has no compound growth.
    pub fn is_rate(&self) -> bool {
        self.is_percent() || matches!(self.tong_hop, Aggregate::TyLe(_))
    }
    /// Counted in whole things (trường, hộ, người …, see [`COUNT_UNITS`])
    /// and shown without decimals: a fractional value is a mistake.
    pub fn is_count_unit(&self) -> bool {
        self.so_le.unwrap_or(0) == 0 && is_count_word(&self.dvt)
    }
}

/// Units that count whole things (folded: no accents, no spaces). Anything
/// else — đồng, tỷ đồng, ha, m², tấn, km, điểm, %, a rate "người/km²" — is
/// a measure and may have decimals.
pub const COUNT_UNITS: &[&str] = &[
    "truong",
    "ho",
    "hogiadinh",
    "giadinh",
    "nguoi",
    "nhankhau",
    "doanhnghiep",
    "hoptacxa",
    "dangvien",
    "vu",
    "vuviec",
    "chibo",
    "dangbo",
    "tochuc",
    "coso",
    "donvi",
    "phuong",
    "xa",
    "thitran",
    "quan",
    "huyen",
    "thon",
    "to",
    "todanpho",
    "khudancu",
    "ban",
    "lop",
    "hocsinh",
    "sinhvien",
    "giaovien",
    "canbo",
    "thanhnien",
    "laodong",
    "vieclam",
    "benhvien",
    "tramyte",
    "giuongbenh",
    "giuong",
    "bacsi",
    "cantho",
    "canho",
    "nha",
    "ngoinha",
    "congtrinh",
    "duan",
    "cuoc",
    "lan",
    "luot",
    "luotnguoi",
    "don",
    "hoso",
    "tau",
    "xe",
    "chiec",
    "cai",
    "con",
    "cay",
    "dieu",
    "diemtruong",
    "cho",
    "hoi",
    "clb",
    "caulacbo",
    "doi",
];

/// Whether a `Đơn vị tính` counts whole things.
pub fn is_count_word(dvt: &str) -> bool {
    let f = crate::vn::text::fold(dvt);
    COUNT_UNITS.contains(&f.as_str())
}

/// `Giới hạn` / `range`: the smallest and largest value a cell, a district
/// figure or a projection may take (`-100..1000`, `0..`, `..100`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Range {
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
}

impl Range {
    /// Parse `a..b` with either end optional; numbers the Vietnamese way
    /// (`-100..1.000`, `0..99,5`). `–` and `-` between numbers are not
    /// accepted: `-` is a sign.
    pub fn parse(s: &str) -> Result<Range, RangeError> {
        let bad = || RangeError::Unreadable {
            text: s.trim().into(),
        };
        let (a, b) = s.trim().split_once("..").ok_or_else(bad)?;
        let end = |t: &str| -> Result<Option<Decimal>, RangeError> {
            let t = t.trim().trim_end_matches('%').trim();
            if t.is_empty() {
                return Ok(None);
            }
            crate::vn::parse_plain_number(t).map(Some).ok_or_else(bad)
        };
        let r = Range {
            min: end(a)?,
            max: end(b)?,
        };
        if let (Some(lo), Some(hi)) = (r.min, r.max)
            && lo > hi
        {
            return Err(RangeError::Backwards {
                text: s.trim().into(),
            });
        }
        Ok(r)
    }
    pub fn contains(&self, x: Decimal) -> bool {
        self.min.is_none_or(|lo| x >= lo) && self.max.is_none_or(|hi| x <= hi)
    }
}

impl fmt::Display for Range {
    /// "0..100", "0..", "-100..1.000" (Vietnamese digits).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = |x: Option<Decimal>| x.map(crate::vn::number::so_tu_nhien).unwrap_or_default();
        write!(f, "{}..{}", end(self.min), end(self.max))
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Catalog {
    /// Path relative to the review folder.
    pub file: String,
    pub indicators: Vec<Indicator>,
}

impl Catalog {
    pub fn get(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.ma == code)
    }
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.ma == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros_free::d;

    mod rust_decimal_macros_free {
        pub fn d(s: &str) -> rust_decimal::Decimal {
            s.parse().unwrap()
        }
    }

    #[test]
    fn parses_every_aggregate_kind() {
        let cases = [
            ("tong", Aggregate::Tong),
            ("sum", Aggregate::Tong),
            ("Tổng", Aggregate::Tong),
            ("ty_le", Aggregate::TyLe(None)),
            ("ratio", Aggregate::TyLe(None)),
            (
                "ty_le:GD01A/GD01B",
                Aggregate::TyLe(Some(("GD01A".into(), "GD01B".into()))),
            ),
            ("so_don_vi_dat", Aggregate::SoDonViDat),
            ("count_units", Aggregate::SoDonViDat),
            ("trung_binh", Aggregate::TrungBinh),
            ("mean", Aggregate::TrungBinh),
            (
                "trung_binh_gia_quyen:DAN_SO",
                Aggregate::TrungBinhGiaQuyen("DAN_SO".into()),
            ),
            (
                "weighted_mean:DS",
                Aggregate::TrungBinhGiaQuyen("DS".into()),
            ),
            ("nho_nhat", Aggregate::NhoNhat),
            ("min", Aggregate::NhoNhat),
            ("lon_nhat", Aggregate::LonNhat),
            ("max", Aggregate::LonNhat),
            ("cap_quan", Aggregate::CapQuan),
            ("district", Aggregate::CapQuan),
        ];
        for (text, want) in cases {
            assert_eq!(Aggregate::parse(text), Some(want), "{text}");
        }
        for bad in [
            "",
            "tong_cong",
            "ty_le:A",
            "trung_binh_gia_quyen",
            "ty_le:/B",
        ] {
            assert_eq!(Aggregate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn parses_targets() {
        use Op::*;
        let cmp = |op, so: &str, phan_tram| Target::Compare {
            op,
            so: d(so),
            phan_tram,
        };
        assert_eq!(Target::parse(">= 95%").unwrap(), cmp(Ge, "95", true));
        assert_eq!(Target::parse("= 0").unwrap(), cmp(Eq, "0", false));
        assert_eq!(Target::parse("<= 2").unwrap(), cmp(Le, "2", false));
        assert_eq!(Target::parse(">= 14%").unwrap(), cmp(Ge, "14", true));
        assert_eq!(Target::parse("> 95,5%").unwrap(), cmp(Gt, "95.5", true));
        assert_eq!(Target::parse("≥ 12.000").unwrap(), cmp(Ge, "12000", false));
        assert_eq!(Target::parse("< 1,5").unwrap(), cmp(Lt, "1.5", false));
        assert_eq!(
            Target::parse("8/8").unwrap(),
            Target::Fraction {
                tu: d("8"),
                mau: d("8")
            }
        );
        assert_eq!(
            Target::parse("26/20").unwrap(),
            Target::Fraction {
                tu: d("26"),
                mau: d("20")
            }
        );
        assert!(Target::parse(">=").is_err());
        assert!(Target::parse("cao").is_err());
        assert!(Target::parse("8/0").is_err());
    }
}
