//! Ward sheets: finding the header row, the year columns and the reporting
//! unit, and parsing every value cell.

use super::period;
use super::value::{Parsed, parse_value};
use super::{CellValue, Layout, Reporter, Source, Submission, Value, YearColumn};
use crate::check::{Kind, Problem};
use crate::review::{Aggregate, Review};
pub use crate::vn::number::decimal_of;
use crate::vn::text::{fold, fold_unit_name, level_word, marks_differ};
use crate::workbook::grid::{self, Raw, Sheet, cell_ref};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Extensions of the files read from `so-lieu/`.
pub use crate::workbook::DATA_EXTENSIONS;

/// How far down a sheet the header row is looked for.
const HEADER_SEARCH_ROWS: usize = 60;

/// Folded spellings of the code column's header.
const CODE_HEADERS: &[&str] = &["ma", "code", "maso", "machitieu", "mact"];

/// Folded labels of the reporter line ("Đơn vị: Phường Bưởi").
const REPORTER_LABELS: &[&str] = &[
    "donvi",
    "donvibaocao",
    "tendonvi",
    "donvigui",
    "donvigiao",
    "unit",
];

/// Read every file of `so-lieu/` (sorted by name), matching each to a unit
/// of the review or to the district itself. Problems of every kind are
/// collected, never stop the reading of other files.
///
/// Two files for one unit are both reported as errors and both left out
/// (neither can be trusted over the other). A unit that sent nothing is a
/// warning.
pub fn read_all(review: &Review) -> (Vec<Submission>, Vec<Problem>) {
    let (subs, problems, _) = read_all_timed(review);
    (subs, problems)
}

/// [`read_all`], also returning how long each file took to read (for
/// `soket build -v`), in file-name order.
pub fn read_all_timed(
    review: &Review,
) -> (
    Vec<Submission>,
    Vec<Problem>,
    Vec<(String, std::time::Duration)>,
) {
    let mut problems = Vec::new();
    let dir = review.data_dir();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(_) => {
            problems.push(Problem::error(Kind::NoDataFolder).file("so-lieu"));
            return (Vec::new(), problems, Vec::new());
        }
    };
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let rel = format!("so-lieu/{name}");
        if path.is_dir() {
            problems.push(Problem::warning(Kind::SubfolderIgnored).file(rel));
            continue;
        }
        if !path.is_file() {
            continue;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !DATA_EXTENSIONS.contains(&ext.as_str()) {
            problems.push(Problem::warning(Kind::NotASpreadsheet).file(rel));
            continue;
        }
        files.push((name, path));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let results: Vec<(Option<Submission>, Vec<Problem>, std::time::Duration)> = files
        .par_iter()
        .map(|(name, path)| {
            let started = std::time::Instant::now();
            let (sub, p) = read_file(review, path, &format!("so-lieu/{name}"));
            (sub, p, started.elapsed())
        })
        .collect();
    let mut subs = Vec::new();
    let mut timings = Vec::with_capacity(results.len());
    for ((name, _), (sub, p, took)) in files.iter().zip(results) {
        problems.extend(p);
        subs.extend(sub);
        timings.push((format!("so-lieu/{name}"), took));
    }

    // One file per reporter.
    let mut by_reporter: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, s) in subs.iter().enumerate() {
        let key = match s.reporter {
            Reporter::Unit(u) => format!("u{u:06}"),
            Reporter::District => "district".into(),
        };
        by_reporter.entry(key).or_default().push(i);
    }
    let mut dropped = vec![false; subs.len()];
    for idx in by_reporter.values().filter(|v| v.len() > 1) {
        let name = reporter_name(review, &subs[idx[0]].reporter);
        let all: Vec<&str> = idx.iter().map(|&i| subs[i].file.as_str()).collect();
        for &i in idx {
            let others: Vec<&str> = all.iter().copied().filter(|f| *f != subs[i].file).collect();
            problems.push(
                Problem::error(Kind::SeveralFiles {
                    unit: name.to_string(),
                    others: others.iter().map(|f| f.to_string()).collect(),
                })
                .file(&subs[i].file)
                .sheet(subs[i].sheet.clone()),
            );
            dropped[i] = true;
        }
    }
    let (missing, no_report_year) = missing_years(review, &subs);
    problems.extend(missing);
    if no_report_year {
        // Every figure of the report year would be missing, each with a
        // warning per unit: the one error above says it all.
        return (Vec::new(), problems, timings);
    }
    let reported: Vec<Reporter> = subs.iter().map(|s| s.reporter.clone()).collect();
    for (i, unit) in review.units.iter().enumerate() {
        if !reported.contains(&Reporter::Unit(i)) {
            problems.push(
                Problem::warning(Kind::NotSent {
                    unit: unit.ten.clone(),
                })
                .file("so-lieu"),
            );
        }
    }
    let subs = subs
        .into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(s, _)| s)
        .collect();
    (subs, problems, timings)
}

/// `nam_bao_cao` or `nam_goc` that no file read has a column for: one
/// error naming the setting, and whether it was the report year.
fn missing_years(review: &Review, subs: &[Submission]) -> (Vec<Problem>, bool) {
    let s = &review.settings.so_lieu;
    // A periodic review without a term has no years of its own to miss:
    // its period's columns are checked by the figures.
    if subs.is_empty() || !s.co_nhiem_ky {
        return (Vec::new(), false);
    }
    let mut seen: Vec<i32> = subs
        .iter()
        .flat_map(|s| s.years.iter().map(|y| y.year))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    let shown = seen
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let mut problems = Vec::new();
    let mut report = false;
    for (key, year) in [("nam_bao_cao", s.nam_bao_cao), ("nam_goc", s.nam_goc)] {
        if seen.contains(&year) {
            continue;
        }
        report |= key == "nam_bao_cao";
        problems.push(
            Problem::error(Kind::NoFileHasYear {
                key: key.to_string(),
                year,
                seen: shown.clone(),
            })
            .file("soket.toml"),
        );
    }
    (problems, report)
}

fn reporter_name(review: &Review, r: &Reporter) -> String {
    match r {
        Reporter::Unit(u) => review.units[*u].ten.clone(),
        Reporter::District => crate::vn::text::capitalize(&review.settings.so_lieu.ten_don_vi),
    }
}

/// Read one file. `rel` is its path relative to the review folder.
pub fn read_file(review: &Review, path: &Path, rel: &str) -> (Option<Submission>, Vec<Problem>) {
    let mut problems = Vec::new();
    let sheets = match grid::open_with_warnings(path, rel) {
        Ok((sheets, warnings)) => {
            problems.extend(warnings);
            sheets
        }
        Err(p) => {
            problems.push(p);
            return (None, problems);
        }
    };
    let headers: Vec<Option<(usize, usize)>> = sheets.iter().map(find_header).collect();
    let Some(chosen) = super::sheets::choose(&sheets, &headers) else {
        problems.push(Problem::error(Kind::NoCodeHeader).file(rel));
        return (None, problems);
    };
    let reader = |i: usize| {
        headers[i].map(|(header_row, code_col)| SheetReader {
            review,
            rel,
            sheet: &sheets[i],
            header_row,
            code_col,
        })
    };
    // Another sheet laid out as a data sheet (a `Mã` header with year
    // columns) is probably last year's copy or a second version: read the
    // chosen one, name the other, and refuse cells where they disagree. A
    // guide sheet listing codes has no years.
    let others: Vec<usize> = (0..sheets.len())
        .filter(|&i| i != chosen)
        .filter(|&i| {
            headers[i].is_some_and(|(r, c)| {
                sheets[i].rows.get(r).is_some_and(|row| {
                    row.iter()
                        .skip(c + 1)
                        .any(|x| period::parse_header_raw(x).is_column())
                })
            })
        })
        .collect();
    for &i in &others {
        problems.push(super::sheets::not_read(rel, &sheets[chosen], &sheets[i]));
    }
    if sheets[chosen].hidden && others.is_empty() {
        problems.push(super::sheets::hidden(rel, &sheets[chosen]));
    }
    let (mut sub, p) = reader(chosen).map(|r| r.read(path)).unwrap_or_default();
    problems.extend(p);
    if let Some(sub) = sub.as_mut() {
        for other in others.iter().filter_map(|&i| reader(i)?.read(path).0) {
            problems.extend(super::sheets::conflicts(sub, &other));
        }
    }
    (sub, problems)
}

/// The first row with a code header cell: (row, column).
fn find_header(sheet: &Sheet) -> Option<(usize, usize)> {
    sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(r, row)| {
            row.iter()
                .position(|c| matches!(c, Raw::Text(t) if CODE_HEADERS.contains(&fold(t).as_str())))
                .map(|c| (r, c))
        })
}

/// What a header cell right of the code column says, as far as years go
/// (periods and plans are [`period::parse_header`]'s).
#[cfg(test)]
#[derive(Debug, PartialEq)]
enum HeaderCell {
    Year(YearColumn),
    Other,
}

/// `2020`, `Năm 2021`, `Ước 2023`, `Ước TH 2023`, `Ước thực hiện năm 2023`,
/// `Năm 2023 (ước)`; a number cell 2022. "Kế hoạch 2023" is a plan, not a
/// result, and is not a year column.
#[cfg(test)]
fn parse_year_header(raw: &Raw) -> HeaderCell {
    match period::parse_header_raw(raw) {
        period::Header::Year { year, uoc } => HeaderCell::Year(YearColumn { year, uoc }),
        _ => HeaderCell::Other,
    }
}

struct SheetReader<'a> {
    review: &'a Review,
    rel: &'a str,
    sheet: &'a Sheet,
    header_row: usize,
    code_col: usize,
}

impl SheetReader<'_> {
    fn at(&self, p: Problem, row: usize, col: usize) -> Problem {
        p.file(self.rel)
            .sheet(self.sheet.name.clone())
            .cell(cell_ref(row, col))
    }

    fn source(&self, row: usize, col: usize) -> Source {
        Source {
            file: self.rel.to_string(),
            sheet: self.sheet.name.clone(),
            cell: Some(cell_ref(row, col)),
        }
    }

    fn read(&self, path: &Path) -> (Option<Submission>, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut cells = period::Cells::default();
        let years = self.year_columns(&mut cells, &mut problems);
        if years.is_empty() && cells.columns.is_empty() && cells.plan_years.is_empty() {
            problems.push(self.at(
                Problem::error(Kind::NoYearColumn),
                self.header_row,
                self.code_col,
            ));
        }
        let named = self.reporter_line();
        let named_as = named.as_ref().map(|(n, _, _)| n.clone());
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let reporter = match self.match_reporter(named.as_ref(), &stem, &mut problems) {
            Some(r) => r,
            None => return (None, problems),
        };
        let (values, rows) = self.values(&years, &mut cells, &reporter, &mut problems);
        let sub = Submission {
            file: self.rel.to_string(),
            sheet: self.sheet.name.clone(),
            named_as,
            reporter,
            years: years.iter().map(|(_, y)| *y).collect(),
            values,
            layout: Layout {
                rows,
                cols: years.iter().map(|(c, y)| (y.year, *c)).collect(),
                json_paths: false,
            },
            ky: cells,
        };
        (Some(sub), problems)
    }

    /// Year columns right of the code column: (column, year); month,
    /// quarter, cumulative and plan columns go into `cells`.
    fn year_columns(
        &self,
        cells: &mut period::Cells,
        problems: &mut Vec<Problem>,
    ) -> Vec<(usize, YearColumn)> {
        let so_lieu = &self.review.settings.so_lieu;
        let [from, to] = so_lieu.nhiem_ky;
        let row = self
            .sheet
            .rows
            .get(self.header_row)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let sub = period::sub_header_row(self.sheet, self.header_row, self.code_col);
        let width = row.len().max(sub.map_or(0, |r| self.sheet.rows[r].len()));
        let mut years: Vec<(usize, YearColumn)> = Vec::new();
        for c in (self.code_col + 1)..width {
            let Some((h, header_row, text)) =
                period::header_at(self.sheet, self.header_row, self.code_col, c, sub)
            else {
                continue;
            };
            let period::Header::Year { year, uoc } = h else {
                if let Some(p) = period::place(cells, h, header_row, c, &text, so_lieu.ky) {
                    problems.push(self.at(p, header_row, c));
                }
                continue;
            };
            let y = YearColumn { year, uoc };
            if let Some((first, _)) = years.iter().find(|(_, f)| f.year == y.year) {
                problems.push(self.at(
                    Problem::error(Kind::YearTwice {
                        year: y.year,
                        first: cell_ref(self.header_row, *first),
                        second: cell_ref(header_row, c),
                    }),
                    header_row,
                    c,
                ));
                continue;
            }
            // A periodic review without a term takes every year.
            if so_lieu.co_nhiem_ky && (y.year < from || y.year > to) && y.year != so_lieu.nam_goc {
                problems.push(self.at(
                    Problem::warning(Kind::YearOutsideTerm {
                        year: y.year,
                        from,
                        to,
                    }),
                    header_row,
                    c,
                ));
                continue;
            }
            years.push((c, y));
        }
        years
    }

    /// In a csv file, the first filled cell of row `r` right of the
    /// header's last heading: the sign of a row split by unquoted commas,
    /// whose every value may sit in the wrong column.
    fn csv_overflow(&self, r: usize) -> Option<usize> {
        if self.sheet.name.is_some() {
            return None;
        }
        let header = self.sheet.rows.get(self.header_row)?;
        let last = header.iter().rposition(|x| !x.is_empty())?;
        let row = self.sheet.rows.get(r)?;
        // Only digits past the header look like the tail of a split decimal
        // ("12,5" → "12" | "5"); a note typed in a spare column is ignored.
        (last + 1..row.len()).find(|&c| match &row[c] {
            Raw::Text(t) => !t.trim().is_empty() && t.trim().bytes().all(|b| b.is_ascii_digit()),
            Raw::Number { .. } => true,
            _ => false,
        })
    }

    /// "Đơn vị: Phường Bưởi" above the header: (name, row, column).
    fn reporter_line(&self) -> Option<(String, usize, usize)> {
        for (r, row) in self.sheet.rows.iter().enumerate().take(self.header_row) {
            for (c, raw) in row.iter().enumerate() {
                let Raw::Text(t) = raw else { continue };
                let (label, rest) = match t.split_once(':') {
                    Some((l, rest)) => (l, rest.trim()),
                    None => (t.as_str(), ""),
                };
                // "§¬n vÞ:" is "Đơn vị:" typed with a TCVN3 font.
                let is_label = |l: &str| REPORTER_LABELS.contains(&fold(l).as_str());
                if !is_label(label)
                    && !crate::vn::legacy::detect_legacy(label).is_some_and(|l| is_label(&l))
                {
                    continue;
                }
                if !rest.is_empty() {
                    return Some((crate::vn::text::nfc(rest), r, c));
                }
                if let Some((nc, next)) = row
                    .iter()
                    .enumerate()
                    .skip(c + 1)
                    .find(|(_, x)| !x.is_empty())
                {
                    return Some((crate::vn::text::nfc(&next.text()), r, nc));
                }
            }
        }
        None
    }

    fn match_reporter(
        &self,
        named: Option<&(String, usize, usize)>,
        stem: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<Reporter> {
        if let Some((name, r, c)) = named {
            if let Some(rep) = match_name(self.review, name) {
                return Some(rep);
            }
            if let Some(rep) = match_name(self.review, stem) {
                problems.push(self.at(
                    Problem::warning(Kind::UnitLineUnknown {
                        written: name.to_string(),
                        using: reporter_name(self.review, &rep).to_string(),
                    }),
                    *r,
                    *c,
                ));
                return Some(rep);
            }
            problems.push(self.at(unknown_unit(self.review, name), *r, *c));
            return None;
        }
        if let Some(rep) = match_name(self.review, stem) {
            return Some(rep);
        }
        problems.push(
            unknown_unit(self.review, stem)
                .file(self.rel)
                .sheet(self.sheet.name.clone()),
        );
        None
    }

    fn values(
        &self,
        years: &[(usize, YearColumn)],
        cells: &mut period::Cells,
        reporter: &Reporter,
        problems: &mut Vec<Problem>,
    ) -> (BTreeMap<(String, i32), Value>, BTreeMap<String, usize>) {
        let catalog = &self.review.catalog;
        let mut values = BTreeMap::new();
        // Every column read, years first, in the sheet's order otherwise.
        let columns: Vec<(usize, period::Col)> = (years.iter())
            .map(|(c, y)| (*c, period::Col::year(y.year)))
            .chain(cells.cols.iter().map(|(p, c)| (*c, period::Col::Ky(*p))))
            .chain(
                cells
                    .plan_cols
                    .iter()
                    .map(|(y, c)| (*c, period::Col::KeHoach(*y))),
            )
            .collect();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for r in self.header_row + 1..self.sheet.rows.len() {
            let raw = self.sheet.get(r, self.code_col);
            let written = match raw {
                Raw::Text(t) => t.clone(),
                Raw::Empty => continue,
                other => other.text(),
            };
            let code = written.trim();
            if code.is_empty() {
                continue;
            }
            let has_values = (columns.iter()).any(|(c, _)| !self.sheet.get(r, *c).is_empty());
            let ind = catalog.get(code).or_else(|| {
                catalog
                    .indicators
                    .iter()
                    .find(|i| i.ma.eq_ignore_ascii_case(code))
            });
            let Some(ind) = ind else {
                if has_values {
                    problems.push(self.at(
                        unknown_code(catalog.indicators.iter().map(|i| i.ma.as_str()), code),
                        r,
                        self.code_col,
                    ));
                }
                continue;
            };
            if written != ind.ma {
                problems.push(self.at(
                    Problem::warning(Kind::CodeReadAs {
                        written: written.to_string(),
                        code: ind.ma.clone(),
                    }),
                    r,
                    self.code_col,
                ));
            }
            if let Some(first) = seen.get(&ind.ma) {
                problems.push(self.at(
                    Problem::error(Kind::CodeTwice {
                        code: ind.ma.clone(),
                        first: first + 1,
                        second: r + 1,
                    }),
                    r,
                    self.code_col,
                ));
                continue;
            }
            seen.insert(ind.ma.clone(), r);
            if !has_values {
                continue;
            }
            if let Some(c) = self.csv_overflow(r) {
                problems.push(self.at(Problem::error(Kind::RowTooWide { row: r + 1 }), r, c));
                continue;
            }
            // Cells that belong elsewhere are ignored, with one warning per row.
            let ignored = match (&ind.tong_hop, reporter) {
                (Aggregate::CapQuan, Reporter::Unit(_)) => Some(Kind::DistrictLevelIgnored {
                    code: ind.ma.clone(),
                }),
                (Aggregate::TyLe(Some((a, b))), _) => Some(Kind::ComputedIgnored {
                    code: ind.ma.clone(),
                    num: a.clone(),
                    den: b.clone(),
                }),
                _ => None,
            };
            if let Some(kind) = ignored {
                let c = columns
                    .iter()
                    .map(|(c, _)| *c)
                    .find(|c| !self.sheet.get(r, *c).is_empty())
                    .unwrap_or(self.code_col);
                problems.push(self.at(Problem::warning(kind), r, c));
                continue;
            }
            for (c, col) in &columns {
                let raw = self.sheet.get(r, *c);
                match parse_value(ind, raw) {
                    Parsed::Missing => {}
                    Parsed::Value(v, warn) => {
                        if let Some(kind) = warn {
                            problems.push(self.at(Problem::warning(kind), r, *c));
                        }
                        if self.sheet.recalc.contains(&(r as u32, *c as u32)) {
                            problems.push(self.at(super::sheets::stale(raw), r, *c));
                        }
                        let v = Value {
                            value: v,
                            source: self.source(r, *c),
                        };
                        match *col {
                            period::Col::Ky(p) if p.is_year() => {
                                values.insert((ind.ma.clone(), p.year), v);
                            }
                            period::Col::Ky(p) => {
                                cells.values.insert((ind.ma.clone(), p), v);
                            }
                            period::Col::KeHoach(y) => {
                                cells.plans.insert((ind.ma.clone(), y), v);
                            }
                        }
                    }
                    Parsed::Placeholder(t) => problems.push(self.at(
                        Problem::warning(Kind::TreatedAsEmpty {
                            text: t.to_string(),
                        }),
                        r,
                        *c,
                    )),
                    Parsed::Error(kind) => problems.push(self.at(Problem::error(kind), r, *c)),
                }
            }
        }
        self.check_ratio_parts(years, &values, problems);
        (values, seen.into_iter().collect())
    }

    /// `ty_le:A/B`: A above B is legitimate at times (26/20 conscripts) but
    /// worth a look.
    fn check_ratio_parts(
        &self,
        years: &[(usize, YearColumn)],
        values: &BTreeMap<(String, i32), Value>,
        problems: &mut Vec<Problem>,
    ) {
        for ind in &self.review.catalog.indicators {
            let Aggregate::TyLe(Some((a, b))) = &ind.tong_hop else {
                continue;
            };
            for (_, y) in years {
                let (Some(va), Some(vb)) = (
                    values.get(&(a.clone(), y.year)),
                    values.get(&(b.clone(), y.year)),
                ) else {
                    continue;
                };
                if let (CellValue::Number { so: na }, CellValue::Number { so: nb }) =
                    (va.value, vb.value)
                    && na > nb
                {
                    problems.push(
                        Problem::warning(Kind::NumeratorExceeds {
                            code: ind.ma.clone(),
                            num: a.to_string(),
                            num_value: na.to_string(),
                            den: b.to_string(),
                            den_value: nb.to_string(),
                            year: y.year,
                        })
                        .at(&va.source),
                    );
                }
            }
        }
    }
}

/// A reporter named `name`: the district itself when the name, level word
/// included, folds to `so_lieu.ten_don_vi` ("Quận Long Biên" is never
/// "Phường Long Biên"); else the unit whose name matches without the level
/// word, provided the level words do not contradict each other.
fn match_name(review: &Review, name: &str) -> Option<Reporter> {
    let district = &review.settings.so_lieu.ten_don_vi;
    if !district.trim().is_empty() && fold(name) == fold(district) {
        return Some(Reporter::District);
    }
    let key = fold_unit_name(name);
    if key.is_empty() {
        return None;
    }
    let level = level_word(name);
    let candidates: Vec<usize> = (0..review.units.len())
        .filter(|&i| {
            let u = &review.units[i].ten;
            fold_unit_name(u) == key && (level.is_none() || level == level_word(u))
        })
        .collect();
    // Names that differ only in their marks ("Xã Văn Lang", "Xã Văn Lăng"
    // of one province) are told apart by the marks as written, the tone
    // mark wherever it sits ("Hòa" = "Hoà"); written without marks, such
    // a name is neither: never a guess. A lone candidate is taken however
    // its marks are typed.
    if let [one] = candidates[..] {
        return Some(Reporter::Unit(one));
    }
    let marked: Vec<usize> = (candidates.into_iter())
        .filter(|&i| !marks_differ(&review.units[i].ten, name))
        .collect();
    match marked[..] {
        [one] => Some(Reporter::Unit(one)),
        _ => None,
    }
}

fn unknown_unit(review: &Review, name: &str) -> Problem {
    let key = fold_unit_name(name);
    let best = crate::suggest::nearest_by(&key, &review.units, |u| fold_unit_name(&u.ten));
    let legacy = crate::vn::legacy::detect(name).map(|(kind, text)| {
        // The unit it names, spelt as in don-vi, when there is one.
        let meant = match match_name(review, &text) {
            Some(Reporter::Unit(u)) => review.units[u].ten.clone(),
            _ => text,
        };
        (kind, meant)
    });
    Problem::error(Kind::UnknownUnit {
        name: name.to_string(),
        nearest: best.map(|u| u.ten.clone()),
        legacy: legacy.map(|(kind, meant)| (kind.name().to_string(), meant)),
    })
}

fn unknown_code<'a>(known: impl Iterator<Item = &'a str> + Clone, code: &str) -> Problem {
    if let Some(p) = super::sheets::disguised_code(known.clone(), code) {
        return p;
    }
    Problem::warning(Kind::UnknownCode {
        code: code.to_string(),
        nearest: crate::suggest::nearest(code, known).map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(raw: Raw) -> Option<(i32, bool)> {
        match parse_year_header(&raw) {
            HeaderCell::Year(y) => Some((y.year, y.uoc)),
            HeaderCell::Other => None,
        }
    }
    fn t(s: &str) -> Raw {
        Raw::Text(s.into())
    }

    #[test]
    fn year_headers() {
        assert_eq!(year(t("2020")), Some((2020, false)));
        assert_eq!(year(t("Năm 2021")), Some((2021, false)));
        assert_eq!(
            year(Raw::Number {
                value: 2022.0,
                percent: false
            }),
            Some((2022, false))
        );
        assert_eq!(year(t("Ước 2023")), Some((2023, true)));
        assert_eq!(year(t("Ước TH 2023")), Some((2023, true)));
        assert_eq!(year(t("Ước thực hiện năm 2023")), Some((2023, true)));
        assert_eq!(year(t("Năm 2023 (ước)")), Some((2023, true)));
        assert_eq!(year(t("ƯTH 2023")), Some((2023, true)));
        assert_eq!(year(t("Dự kiến năm 2023")), Some((2023, true)));
        assert_eq!(year(t("Kết quả năm 2021")), Some((2021, false)));
        assert_eq!(year(t("TH 2021")), Some((2021, false)));
        assert_eq!(year(t("Năm 2020 (năm gốc)")), Some((2020, false)));
        assert_eq!(year(t("Kế hoạch 2023")), None);
        assert_eq!(year(t("Ghi chú")), None);
        assert_eq!(year(t("Tên chỉ tiêu")), None);
    }
}
