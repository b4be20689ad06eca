//! The period columns of a unit sheet: which column holds which period
//! or year's plan (one header row, or two under a merged heading), and the
//! values found there. What a header's text means — the periods, their
//! keys and labels — is [`crate::vn::period`].

pub use crate::vn::period::{Header, Period, Span, parse_header};
use crate::workbook::grid::{Raw, Sheet};

/// A column a value is read from: a period (a whole year is a year
/// column) or the plan of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    Ky(Period),
    KeHoach(i32),
}

impl Col {
    pub fn year(year: i32) -> Col {
        Col::Ky(Period::year(year))
    }
    /// "năm 2022", "9 tháng năm 2026", "kế hoạch năm 2026".
    pub fn label(self) -> String {
        match self {
            Col::Ky(p) => p.label(),
            Col::KeHoach(y) => format!("kế hoạch năm {y}"),
        }
    }
    pub fn label_en(self) -> String {
        match self {
            Col::Ky(p) => p.label_en(),
            Col::KeHoach(y) => format!("the plan of {y}"),
        }
    }
    /// Where a roll-up child's value sits in its `ket-qua.json`.
    pub fn json_path(self) -> String {
        match self {
            Col::Ky(p) if p.is_year() => format!("nam.{}", p.year),
            Col::Ky(p) => format!("ky.{}", p.key()),
            Col::KeHoach(_) => "ke_hoach".into(),
        }
    }
}

/// A unit sheet's period columns other than whole years, and its plan
/// columns, with their values.
/// The column as a problem names it.
impl From<Col> for crate::check::PeriodColumn {
    fn from(c: Col) -> Self {
        match c {
            Col::Ky(p) => crate::check::PeriodColumn::Ky(p),
            Col::KeHoach(y) => crate::check::PeriodColumn::KeHoach(y),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cells {
    /// Month, quarter and cumulative columns in sheet order; true when
    /// headed as an estimate.
    pub columns: Vec<(Period, bool)>,
    /// Years with a plan column, in sheet order.
    pub plan_years: Vec<i32>,
    /// (indicator code, period) → value.
    pub values: std::collections::BTreeMap<(String, Period), super::Value>,
    /// (indicator code, year) → the unit's plan for that year.
    pub plans: std::collections::BTreeMap<(String, i32), super::Value>,
    /// 0-based columns, so that an empty cell can be named too.
    pub cols: std::collections::BTreeMap<Period, usize>,
    pub plan_cols: std::collections::BTreeMap<i32, usize>,
}

/// What a header cell says. Numbers are years (2022 stored as a number).
pub fn parse_header_raw(raw: &Raw) -> Header {
    match raw {
        Raw::Number {
            value,
            percent: false,
        } if value.fract() == 0.0 && (1900.0..=2100.0).contains(value) => Header::Year {
            year: *value as i32,
            uoc: false,
        },
        Raw::Text(t) => parse_header(t),
        _ => Header::Other,
    }
}

/// A second header row under the `Mã` row, as in forms whose years or
/// periods sit under a merged heading ("Kết quả thực hiện" over "2020",
/// "2021"; "Năm 2026" over "Kế hoạch", "Ước TH"): the next row, when it
/// has no indicator code and a heading there, alone or read with the one
/// above, names a column.
pub fn sub_header_row(sheet: &Sheet, header_row: usize, code_col: usize) -> Option<usize> {
    let r = header_row + 1;
    let row = sheet.rows.get(r)?;
    if !sheet.get(r, code_col).is_empty() {
        return None;
    }
    (code_col + 1..row.len())
        .any(|c| {
            let below = sheet.get(r, c);
            if below.is_empty() {
                return false;
            }
            let top = top_heading(sheet, header_row, code_col, c);
            parse_header_raw(below).is_column() || {
                let joined = parse_header_raw(&join(top, below));
                joined.is_column() && joined != parse_header_raw(top)
            }
        })
        .then_some(r)
}

/// The heading over column `c`: its own, else, when a merged heading
/// spans it (only its first cell holds the text), the nearest one to its
/// left.
fn top_heading(sheet: &Sheet, header_row: usize, code_col: usize, c: usize) -> &Raw {
    (code_col + 1..=c)
        .rev()
        .map(|c| sheet.get(header_row, c))
        .find(|x| !x.is_empty())
        .unwrap_or(&Raw::Empty)
}

fn join(top: &Raw, below: &Raw) -> Raw {
    match (top, below) {
        (Raw::Text(t), Raw::Number { value, .. }) if value.fract() == 0.0 => {
            Raw::Text(format!("{t} {}", *value as i64))
        }
        (Raw::Text(t), Raw::Text(b)) => Raw::Text(format!("{t} {b}")),
        (Raw::Number { value, .. }, Raw::Text(b)) if value.fract() == 0.0 => {
            Raw::Text(format!("{} {b}", *value as i64))
        }
        (_, below) => below.clone(),
    }
}

/// What column `c` is headed with, the row the heading is on and its
/// text; `None` for a column that is no period ("Ghi chú"). The heading
/// over and under read together comes first ("Năm 2026" over "Kế
/// hoạch" is a plan), then the `Mã` row's own, then the one under it.
pub fn header_at(
    sheet: &Sheet,
    header_row: usize,
    code_col: usize,
    c: usize,
    sub: Option<usize>,
) -> Option<(Header, usize, String)> {
    let own = sheet.get(header_row, c);
    let own_header = parse_header_raw(own);
    if let Some(r) = sub {
        let below = sheet.get(r, c);
        if !below.is_empty() {
            let top = if own.is_empty() {
                top_heading(sheet, header_row, code_col, c)
            } else {
                own
            };
            let joined = join(top, below);
            let h = parse_header_raw(&joined);
            if h.is_column() {
                return Some((h, r, joined.text()));
            }
            if own_header.is_column() {
                return Some((own_header, header_row, own.text()));
            }
            let alone = parse_header_raw(below);
            if alone.is_column() || alone == Header::Unclear {
                return Some((alone, r, below.text()));
            }
            if h == Header::Unclear {
                return Some((h, r, joined.text()));
            }
        }
    }
    (own_header != Header::Other).then(|| (own_header, header_row, own.text()))
}

/// Record a month, quarter, cumulative or plan column (`Cùng kỳ năm 2025`
/// becomes the report period's span in 2025). A problem, to be placed at
/// the heading's cell, when the column cannot be read: an unclear
/// heading (a warning) or a second column for one period (an error).
pub fn place(
    cells: &mut Cells,
    header: Header,
    row: usize,
    c: usize,
    text: &str,
    report: Option<Period>,
) -> Option<crate::check::Problem> {
    use crate::check::{Kind, Problem, SheetKind};
    let (col, uoc) = match header {
        Header::Ky { period, uoc } => (Col::Ky(period), uoc),
        Header::KeHoach(y) => (Col::KeHoach(y), false),
        Header::CungKy { year } => match report {
            Some(p) => (Col::Ky(Period { year, ..p }), false),
            None => {
                return Some(Problem::warning(Kind::Sheet(
                    SheetKind::SamePeriodWithoutKy { text: text.into() },
                )));
            }
        },
        Header::Unclear => {
            return Some(Problem::warning(Kind::Sheet(SheetKind::UnclearPeriod {
                text: text.into(),
            })));
        }
        Header::Year { .. } | Header::Other => return None,
    };
    let first = match col {
        Col::Ky(p) if p.is_year() => return None,
        Col::Ky(p) => cells.cols.get(&p).copied(),
        Col::KeHoach(y) => cells.plan_cols.get(&y).copied(),
    };
    if let Some(first) = first {
        let (a, b) = (
            crate::workbook::grid::cell_ref(row, first),
            crate::workbook::grid::cell_ref(row, c),
        );
        return Some(Problem::error(Kind::Sheet(SheetKind::PeriodTwice {
            column: col.into(),
            first: a,
            second: b,
        })));
    }
    match col {
        Col::Ky(p) => {
            cells.columns.push((p, uoc));
            cells.cols.insert(p, c);
        }
        Col::KeHoach(y) => {
            cells.plan_years.push(y);
            cells.plan_cols.insert(y, c);
        }
    }
    None
}
