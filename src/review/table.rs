//! Reading the catalog and the unit list from a spreadsheet or csv.
//!
//! Headers are matched after folding (case, accents, spaces), in Vietnamese
//! or English; the header row is the first row with a `Mã` / `code` cell.

use super::catalog::{AGGREGATE_NAMES, Aggregate, Catalog, Indicator, Target};
use super::settings::Settings;
use super::units::Unit;
use crate::check::{Column, Kind, Problem, Table, TableKind};
use crate::suggest::nearest;
use crate::vn::text::{fold, fold_unit_name, marks_differ};
use crate::workbook::grid::{self, Raw, Sheet, cell_ref};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Columns of the catalog: (field, folded header spellings).
const CATALOG_COLUMNS: &[(&str, &[&str])] = &[
    ("ma", &["ma", "code", "machitieu", "mact", "maso"]),
    (
        "ten",
        &["tenchitieu", "ten", "name", "chitieu", "indicator"],
    ),
    ("nhom", &["nhom", "group", "linhvuc"]),
    ("dvt", &["donvitinh", "dvt", "unit"]),
    ("tong_hop", &["tonghop*", "aggregate", "cachtonghop"]),
    (
        "muc_tieu",
        &["muctieu*", "target", "chitieunhiemky", "chitieunghiquyet*"],
    ),
    ("so_le", &["sole", "decimals", "chusothapphan"]),
    ("gioi_han", &["gioihan", "range", "khoanggiatri"]),
    ("ke_hoach", &["kehoach*", "plan", "kh", "khnam"]),
];

/// Columns of the unit list that are not weights.
const UNIT_COLUMNS: &[(&str, &[&str])] = &[
    ("ma", &["ma", "code", "madonvi", "maso"]),
    ("ten", &["ten", "name", "tendonvi", "donvi"]),
    ("stt", &["stt", "tt", "no"]),
    ("ghi_chu", &["ghichu", "notes", "note"]),
];

/// A header row found in a sheet: its row index and field → column.
struct Header {
    row: usize,
    cols: HashMap<&'static str, usize>,
    /// Other non-empty header cells: (column, text as written).
    extra: Vec<(usize, String)>,
}

/// A folded header cell matches a spelling exactly, or starts with a
/// spelling written with a trailing `*` ("Mục tiêu đến năm 2025").
fn header_matches(names: &[&str], folded: &str) -> bool {
    names.iter().any(|n| match n.strip_suffix('*') {
        Some(prefix) => folded.starts_with(prefix),
        None => *n == folded,
    })
}

fn find_header(sheet: &Sheet, spec: &[(&'static str, &[&str])]) -> Option<Header> {
    for (r, row) in sheet.rows.iter().enumerate().take(50) {
        let folded: Vec<String> = row.iter().map(|c| fold(&c.text())).collect();
        if !folded.iter().any(|f| header_matches(spec[0].1, f)) {
            continue;
        }
        let mut cols = HashMap::new();
        let mut extra = Vec::new();
        for (c, f) in folded.iter().enumerate() {
            if f.is_empty() {
                continue;
            }
            match spec.iter().find(|(_, names)| header_matches(names, f)) {
                Some((field, _)) if !cols.contains_key(field) => {
                    cols.insert(*field, c);
                }
                _ => extra.push((c, row[c].text())),
            }
        }
        return Some(Header {
            row: r,
            cols,
            extra,
        });
    }
    None
}

/// Open `stem.*` in the review folder and find its header row.
fn open_table(
    dir: &Path,
    stem: &str,
    table: Table,
    spec: &[(&'static str, &[&str])],
    problems: &mut Vec<Problem>,
) -> Option<(String, Sheet, Header)> {
    let found = super::find_table(dir, stem);
    let Some(path) = found.first() else {
        problems.push(Problem::error(Kind::Table(TableKind::Missing { table })));
        return None;
    };
    let rel = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    if found.len() > 1 {
        let names: Vec<String> = found
            .iter()
            .map(|p| {
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        problems.push(
            Problem::warning(Kind::Table(TableKind::SeveralTables {
                table,
                names,
                using: rel.clone(),
            }))
            .file(&rel),
        );
    }
    let sheets = match grid::open(path, &rel) {
        Ok(s) => s,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    for sheet in sheets {
        if let Some(h) = find_header(&sheet, spec) {
            return Some((rel, sheet, h));
        }
    }
    problems.push(Problem::error(Kind::Table(TableKind::NoHeader { table })).file(&rel));
    None
}

/// A catalog plan cell: a number, Vietnamese text ("1.300", "95%") or
/// a percent-formatted number (0.95 is 95). The problem's tail (vi, en)
/// when the cell holds something else.
fn plan_cell(raw: &Raw) -> (Option<rust_decimal::Decimal>, Option<Option<String>>) {
    use crate::vn::CellText;
    let hundred = rust_decimal::Decimal::ONE_HUNDRED;
    match raw {
        Raw::Empty => (None, None),
        Raw::Number { value, percent } => match crate::vn::number::decimal_of(*value) {
            Some(d) if *percent => (Some((d * hundred).normalize()), None),
            Some(d) => (Some(d), None),
            None => (None, Some(None)),
        },
        Raw::Text(t) => match crate::vn::parse_cell_text(t) {
            Ok(None) => (None, None),
            Ok(Some(CellText::Number { value, .. })) => (Some(value.normalize()), None),
            _ => (None, Some(Some(t.trim().to_string()))),
        },
        other => (None, Some(Some(other.text()))),
    }
}

fn text_at(sheet: &Sheet, row: usize, col: Option<&usize>) -> String {
    col.map(|c| crate::vn::text::nfc(&sheet.get(row, *c).text()))
        .unwrap_or_default()
}

/// Text cells that end up in the report, with characters XML forbids
/// removed and a warning naming the cell (they would corrupt the .docx).
fn clean_text_at(
    sheet: &Sheet,
    row: usize,
    col: Option<&usize>,
    rel: &str,
    problems: &mut Vec<Problem>,
) -> String {
    let text = text_at(sheet, row, col);
    match (crate::vn::text::strip_forbidden(&text), col) {
        (Some(cleaned), Some(c)) => {
            problems.push(
                Problem::warning(Kind::Table(TableKind::ControlCharacters {
                    cleaned: cleaned.clone(),
                }))
                .file(rel)
                .sheet(sheet.name.clone())
                .cell(cell_ref(row, *c)),
            );
            cleaned
        }
        _ => {
            // Names reach the signed report as written: one typed with a
            // TCVN3 or VNI font would print as "Sè hé cËn nghÌo".
            if let (Some((kind, meant)), Some(c)) = (crate::vn::legacy::detect(&text), col) {
                problems.push(
                    Problem::error(Kind::Table(TableKind::LegacyFont {
                        text: text.clone(),
                        font: kind.name().into(),
                        meant,
                    }))
                    .file(rel)
                    .sheet(sheet.name.clone())
                    .cell(cell_ref(row, *c)),
                );
            }
            text
        }
    }
}

/// Where the catalog's cells are, for problems found after loading (a
/// `ty_le:A/B` naming an unknown code is located at its aggregate cell).
#[derive(Debug, Clone, Default)]
pub struct CatalogLayout {
    pub sheet: Option<String>,
    /// 0-based column of `Tổng hợp`.
    pub aggregate_col: usize,
    /// 0-based column of `Mục tiêu`, when there is one.
    pub target_col: Option<usize>,
}

/// Read `chi-tieu.*`.
pub fn load_catalog(dir: &Path, problems: &mut Vec<Problem>) -> Option<(Catalog, CatalogLayout)> {
    let (rel, sheet, h) = open_table(dir, "chi-tieu", Table::Catalog, CATALOG_COLUMNS, problems)?;
    let trang = sheet.name.clone();
    let at =
        |p: Problem, r: usize, c: usize| p.file(&rel).sheet(trang.clone()).cell(cell_ref(r, c));
    for field in ["ten", "tong_hop"] {
        if !h.cols.contains_key(field) {
            let column = match field {
                "ten" => Column::IndicatorName,
                _ => Column::Aggregate,
            };
            problems.push(at(
                Problem::error(Kind::Table(TableKind::NoColumn {
                    table: Table::Catalog,
                    column,
                })),
                h.row,
                0,
            ));
            return None;
        }
    }
    let col = |f: &str| h.cols.get(f);
    let mut indicators: Vec<Indicator> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in h.row + 1..sheet.rows.len() {
        let ma = text_at(&sheet, r, col("ma"));
        let ten = clean_text_at(&sheet, r, col("ten"), &rel, problems);
        let aggr_text = text_at(&sheet, r, col("tong_hop"));
        let ma_col = *col("ma").unwrap_or(&0);
        if ma.is_empty() {
            if !ten.is_empty() && !aggr_text.is_empty() {
                problems.push(at(
                    Problem::error(Kind::Table(TableKind::NoCode { name: ten.clone() })),
                    r,
                    ma_col,
                ));
            }
            // Section headings ("I. KINH TẾ") and blank rows are skipped.
            continue;
        }
        if ma.chars().any(|c| c.is_whitespace()) || ma.contains(['.', '[', ']', '"', '\'']) {
            problems.push(at(
                Problem::error(Kind::Table(TableKind::BadCode {
                    suggested: suggested_code(&ma),
                    code: ma.clone(),
                })),
                r,
                ma_col,
            ));
            continue;
        }
        let key = ma.to_uppercase();
        if let Some(first) = seen.get(&key) {
            problems.push(at(
                Problem::error(Kind::Table(TableKind::CodeTwice {
                    code: ma.clone(),
                    first: *first,
                })),
                r,
                ma_col,
            ));
            continue;
        }
        seen.insert(key, r + 1);
        let aggr_col = h.cols["tong_hop"];
        let tong_hop = if aggr_text.is_empty() {
            problems.push(at(
                Problem::error(Kind::Table(TableKind::NoAggregate { code: ma.clone() })),
                r,
                aggr_col,
            ));
            None
        } else {
            let parsed = Aggregate::parse(&aggr_text);
            if parsed.is_none() {
                let hint = nearest(&aggr_text.to_lowercase(), AGGREGATE_NAMES.iter().copied());
                problems.push(at(
                    Problem::error(Kind::Table(TableKind::UnknownAggregate {
                        code: ma.clone(),
                        text: aggr_text.clone(),
                        nearest: hint.map(str::to_string),
                    })),
                    r,
                    aggr_col,
                ));
            }
            parsed
        };
        let muc_tieu = text_at(&sheet, r, col("muc_tieu"));
        let target = if muc_tieu.is_empty() {
            None
        } else {
            match Target::parse(&muc_tieu) {
                Ok(t) => Some(t),
                Err(error) => {
                    problems.push(at(
                        Problem::error(Kind::Table(TableKind::BadTarget {
                            code: ma.clone(),
                            error,
                        })),
                        r,
                        h.cols["muc_tieu"],
                    ));
                    None
                }
            }
        };
        let so_le = match col("so_le").map(|c| (c, sheet.get(r, *c))) {
            None | Some((_, Raw::Empty)) => None,
            Some((c, raw)) => {
                let t = raw.text();
                match t.parse::<u32>() {
                    Ok(n) if n <= 6 => Some(n),
                    _ if t.is_empty() => None,
                    _ => {
                        problems.push(at(
                            Problem::error(Kind::Table(TableKind::BadDecimals {
                                code: ma.clone(),
                                text: t,
                            })),
                            r,
                            *c,
                        ));
                        None
                    }
                }
            }
        };
        let gioi_han = match col("gioi_han").map(|c| (c, text_at(&sheet, r, Some(c)))) {
            Some((c, t)) if !t.is_empty() => match super::catalog::Range::parse(&t) {
                Ok(range) => Some(range),
                Err(error) => {
                    problems.push(at(
                        Problem::error(Kind::Table(TableKind::BadRange {
                            code: ma.clone(),
                            error,
                        })),
                        r,
                        *c,
                    ));
                    None
                }
            },
            _ => None,
        };
        let ke_hoach = col("ke_hoach").and_then(|c| {
            let (plan, why) = plan_cell(sheet.get(r, *c));
            if let Some(text) = why {
                problems.push(at(
                    Problem::error(Kind::Table(TableKind::BadPlan {
                        code: ma.clone(),
                        text,
                    })),
                    r,
                    *c,
                ));
            }
            plan
        });
        let Some(tong_hop) = tong_hop else { continue };
        let mut nhom = clean_text_at(&sheet, r, col("nhom"), &rel, problems);
        if nhom.is_empty() {
            nhom = "Chỉ tiêu khác".into();
        }
        indicators.push(Indicator {
            ma,
            ten,
            nhom,
            dvt: clean_text_at(&sheet, r, col("dvt"), &rel, problems),
            tong_hop,
            muc_tieu,
            target,
            so_le,
            gioi_han,
            ke_hoach,
            row: r + 1,
        });
    }
    if indicators.is_empty() && !problems.iter().any(|p| p.tep() == Some(&rel)) {
        problems.push(
            Problem::error(Kind::Table(TableKind::Empty {
                table: Table::Catalog,
            }))
            .file(&rel)
            .sheet(trang.clone()),
        );
    }
    let layout = CatalogLayout {
        sheet: trang,
        aggregate_col: h.cols["tong_hop"],
        target_col: h.cols.get("muc_tieu").copied(),
    };
    Some((
        Catalog {
            file: rel,
            indicators,
        },
        layout,
    ))
}

/// Read `don-vi.*`.
pub fn load_units(
    dir: &Path,
    settings: Option<&Settings>,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Unit>> {
    let (rel, sheet, h) = open_table(dir, "don-vi", Table::Units, UNIT_COLUMNS, problems)?;
    let trang = sheet.name.clone();
    let at =
        |p: Problem, r: usize, c: usize| p.file(&rel).sheet(trang.clone()).cell(cell_ref(r, c));
    let Some(&ten_col) = h.cols.get("ten") else {
        problems.push(at(
            Problem::error(Kind::Table(TableKind::NoColumn {
                table: Table::Units,
                column: Column::UnitName,
            })),
            h.row,
            0,
        ));
        return None;
    };
    let ma_col = h.cols["ma"];
    let district = settings.map(|s| fold_unit_name(&s.so_lieu.ten_don_vi));
    let mut units: Vec<Unit> = Vec::new();
    let mut seen_code: HashMap<String, usize> = HashMap::new();
    // Folded name → (name as written, row): names that fold alike are one
    // unit unless both are written with marks that differ.
    let mut seen_name: HashMap<String, Vec<(String, usize)>> = HashMap::new();
    let mut placeholder = false;
    for r in h.row + 1..sheet.rows.len() {
        let ma = text_at(&sheet, r, Some(&ma_col));
        let ten = clean_text_at(&sheet, r, Some(&ten_col), &rel, problems);
        if ma.is_empty() && ten.is_empty() {
            continue;
        }
        if let Some((col, text)) = [(ten_col, &ten), (ma_col, &ma)]
            .into_iter()
            .find(|(_, t)| t.contains(super::settings::PLACEHOLDER))
        {
            // Written by `soket init` for the office to fill.
            placeholder = true;
            problems.push(at(
                Problem::error(Kind::Table(TableKind::UnitPlaceholder {
                    text: text.to_string(),
                })),
                r,
                col,
            ));
            continue;
        }
        if ma.is_empty() || ten.is_empty() {
            problems.push(at(
                Problem::error(Kind::Table(TableKind::UnitIncomplete)),
                r,
                if ma.is_empty() { ma_col } else { ten_col },
            ));
            continue;
        }
        if let Some(first) = seen_code.get(&ma.to_uppercase()) {
            problems.push(at(
                Problem::error(Kind::Table(TableKind::UnitCodeTwice {
                    code: ma.clone(),
                    first: *first,
                })),
                r,
                ma_col,
            ));
            continue;
        }
        let same = seen_name.get(&fold(&ten)).and_then(|earlier| {
            (earlier.iter())
                .find(|(name, _)| !marks_differ(name, &ten))
                .map(|(_, row)| *row)
        });
        if let Some(first) = same {
            problems.push(at(
                Problem::error(Kind::Table(TableKind::UnitTwice {
                    name: ten.clone(),
                    first,
                })),
                r,
                ten_col,
            ));
            continue;
        }
        if district.as_deref() == Some(&fold_unit_name(&ten))
            && fold(&ten)
                == fold(
                    &settings
                        .map(|s| s.so_lieu.ten_don_vi.clone())
                        .unwrap_or_default(),
                )
        {
            problems.push(at(
                Problem::warning(Kind::Table(TableKind::UnitIsDistrict { name: ten.clone() })),
                r,
                ten_col,
            ));
        }
        seen_code.insert(ma.to_uppercase(), r + 1);
        seen_name
            .entry(fold(&ten))
            .or_default()
            .push((ten.clone(), r + 1));
        let mut weights = BTreeMap::new();
        for (c, header) in &h.extra {
            let raw = sheet.get(r, *c);
            let value = match raw {
                Raw::Empty => continue,
                Raw::Number { value, .. } => crate::vn::number::decimal_from_f64(*value),
                Raw::Text(t) if t.trim().is_empty() => continue,
                Raw::Text(t) => crate::vn::parse_plain_number(t),
                _ => None,
            };
            match value {
                Some(v) => {
                    weights.insert(header.trim().to_string(), v);
                }
                None => problems.push(at(
                    Problem::warning(Kind::Table(TableKind::WeightNotNumber {
                        header: header.clone(),
                        unit: ten.clone(),
                        text: raw.text(),
                    })),
                    r,
                    *c,
                )),
            }
        }
        units.push(Unit {
            ma,
            ten,
            weights,
            row: r + 1,
        });
    }
    if units.is_empty() && !placeholder {
        problems.push(
            Problem::error(Kind::Table(TableKind::Empty {
                table: Table::Units,
            }))
            .file(&rel)
            .sheet(trang.clone()),
        );
    }
    Some(units)
}

/// Codes named by `ty_le:A/B` and `trung_binh_gia_quyen:CODE` must exist;
/// a problem is located at the indicator's `Tổng hợp` cell.
pub fn check_references(
    catalog: &Catalog,
    layout: &CatalogLayout,
    units: &[Unit],
    problems: &mut Vec<Problem>,
) {
    let known_code = |c: &str| catalog.get(c).is_some();
    for ind in &catalog.indicators {
        fraction_target_fits(ind, catalog, layout, units.len(), problems);
        let missing: Vec<&str> = match &ind.tong_hop {
            Aggregate::TyLe(Some((a, b))) => [a.as_str(), b.as_str()]
                .into_iter()
                .filter(|c| !known_code(c))
                .collect(),
            Aggregate::TrungBinhGiaQuyen(w) => {
                let in_units = units.iter().any(|u| u.weights.contains_key(w));
                // With no usable unit (an empty or placeholder list, an
                // error of its own) the weight column cannot be judged.
                if units.is_empty() || in_units || known_code(w) {
                    vec![]
                } else {
                    vec![w.as_str()]
                }
            }
            _ => vec![],
        };
        for code in missing {
            let hint = nearest(code, catalog.indicators.iter().map(|i| i.ma.as_str()));
            problems.push(
                Problem::error(Kind::Table(TableKind::UnknownReference {
                    code: ind.ma.clone(),
                    aggregate: ind.tong_hop.code(),
                    missing: code.to_string(),
                    nearest: hint.map(str::to_string),
                }))
                .file(&catalog.file)
                .sheet(layout.sheet.clone())
                .cell(cell_ref(ind.row - 1, layout.aggregate_col)),
            );
        }
    }
}

/// A unit count's fraction target `a/b` speaks of `b` units: when `don-vi`
/// lists another number, the target was written for another unit list
/// ("4/4" for a district of 5 wards would be met by 4 of them).
fn fraction_target_fits(
    ind: &Indicator,
    catalog: &Catalog,
    layout: &CatalogLayout,
    n_units: usize,
    problems: &mut Vec<Problem>,
) {
    let (Aggregate::SoDonViDat, Some(Target::Fraction { tu, mau }), Some(c)) =
        (&ind.tong_hop, &ind.target, layout.target_col)
    else {
        return;
    };
    if n_units == 0 || *mau == rust_decimal::Decimal::from(n_units) {
        return;
    }
    let (tu, mau) = (crate::vn::so_tu_nhien(*tu), crate::vn::so_tu_nhien(*mau));
    problems.push(
        Problem::warning(Kind::Table(TableKind::FractionTargetUnits {
            code: ind.ma.clone(),
            tu,
            mau,
            units: n_units,
        }))
        .file(&catalog.file)
        .sheet(layout.sheet.clone())
        .cell(cell_ref(ind.row - 1, c)),
    );
}

/// A usable code close to a rejected one: "1.1" → "CT1_1", "KT 01" → "KT_01".
fn suggested_code(ma: &str) -> String {
    let mut code: String = ma
        .trim()
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | '"' | '\''))
        .map(|c| {
            if c.is_whitespace() || c == '.' {
                '_'
            } else {
                c
            }
        })
        .collect();
    if !code.starts_with(|c: char| c.is_alphabetic()) {
        code.insert_str(0, "CT");
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejected_code_comes_with_a_usable_one() {
        assert_eq!(suggested_code("1.1"), "CT1_1");
        assert_eq!(suggested_code("KT 01"), "KT_01");
        assert_eq!(suggested_code("GD[1]"), "GD1");
    }

    #[test]
    fn catalog_headers_in_other_offices_words() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("chi-tieu.csv"),
            "BIỂU CHỈ TIÊU\nMã số;Tên chỉ tiêu;Lĩnh vực;ĐVT;Cách tổng hợp;Mục tiêu đến năm 2025;Số lẻ\n\
             GD01;Trường đạt chuẩn;Văn hóa - Xã hội;trường;ty_le;>= 95%;1\n",
        )
        .unwrap();
        let mut problems = Vec::new();
        let (catalog, _) = load_catalog(dir.path(), &mut problems).expect("catalog");
        assert!(problems.is_empty(), "{problems:?}");
        let ind = &catalog.indicators[0];
        assert_eq!(
            (ind.ma.as_str(), ind.nhom.as_str(), ind.dvt.as_str()),
            ("GD01", "Văn hóa - Xã hội", "trường")
        );
        assert_eq!(ind.muc_tieu, ">= 95%");
        assert_eq!(ind.so_le, Some(1));
    }

    #[test]
    fn control_characters_in_names_are_removed_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("chi-tieu.csv"),
            "Mã,Tên chỉ tiêu,Nhóm,Đơn vị tính,Tổng hợp\nGD01,Trường\u{1} đạt chuẩn,Văn hóa,trường,tong\n",
        )
        .unwrap();
        let mut problems = Vec::new();
        let (catalog, _) = load_catalog(dir.path(), &mut problems).expect("catalog");
        assert_eq!(catalog.indicators[0].ten, "Trường đạt chuẩn");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].where_text(), "chi-tieu.csv!B2");
        assert_eq!(
            problems[0].thong_diep(),
            "ô có ký tự điều khiển không in được, đã bỏ đi: \"Trường đạt chuẩn\""
        );
    }
}
