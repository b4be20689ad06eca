//! Filling an Excel template (`mau/tong-hop.xlsx`) with the template context.
//!
//! The package is edited, not rebuilt: only the worksheets that hold Jinja
//! tags, `xl/workbook.xml`, its relationships and the content types are
//! rewritten; every other zip entry (styles, drawings, charts, other sheets,
//! printer settings …) is copied raw, byte for byte.
//!
//! In a sheet:
//! - a cell whose text (shared string, inline string or rich-text runs)
//!   holds a tag is rendered; when the whole cell is one `{{ expr }}` that
//!   yields a number, it becomes a numeric cell, so Excel can compute with it;
//!   text is written as an inline string (the shared string table is left
//!   alone);
//! - a row whose first cell starts with `{%tr for x in … %}` opens a row loop
//!   that ends at a row whose first cell starts with `{%tr endfor %}`
//!   (docxtpl's convention: both marker rows disappear); the rows between are
//!   repeated for each item. Rows below move down, and so do the row
//!   references of formulas, merged ranges, conditional formats, data
//!   validations, hyperlinks, the dimension and defined names. A range that
//!   spans the loop (`SUM(D7:D7)` over the body row, or `SUM(D6:D8)` over the
//!   marker rows) grows to cover every copy;
//! - unknown names are errors (strict undefined) naming sheet, cell and the
//!   nearest known name; all errors are reported at once.
//!
//! Finally `fullCalcOnLoad` is set and `calcChain.xml` dropped, so Excel
//! recomputes every formula on opening.
//!
//! One job per file: `xml` tokens with byte spans, `refs` A1 references in
//! formulas, `rowmap` where each template row went, `sheet` one sheet's
//! loops and cells, `package` the workbook's other parts and the zip,
//! `names` unknown names and their nearest match.

mod height;
mod names;
mod package;
mod refs;
mod rowmap;
mod sheet;
mod xml;

use crate::check::{Kind, Problem, TemplateKind};
use crate::ooxml::part::read_named;
use minijinja::value::Value;
use minijinja::{Environment, UndefinedBehavior};
use package::{
    edit_refs, edit_workbook, follow_moved_sheets, parse_shared_strings, related_parts,
    sheet_parts, write_package,
};
use rowmap::RowMap;
use sheet::Job;
use std::collections::BTreeMap;
use std::io::Cursor;
use xml::{attr, drop_elements};

/// Fill the template `template` (xlsx bytes; `name` is used in messages)
/// with `ctx`. Filters and settings of `env` apply; undefined names are
/// always errors.
pub fn render_xlsx_template(
    template: &[u8],
    name: &str,
    env: &Environment<'static>,
    ctx: &Value,
) -> Result<Vec<u8>, Vec<Problem>> {
    let mut env = env.clone();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let pkg_err = |kind: TemplateKind| {
        vec![
            Problem::error(Kind::Template(kind))
                .stage(crate::check::Stage::Template)
                .file(name),
        ]
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(template)).map_err(|e| {
        pkg_err(TemplateKind::ExcelUnreadable {
            error: e.to_string(),
        })
    })?;
    // Every part read is bounded; one that cannot be read is a problem,
    // never a part left out (its tags would reach the output unfilled).
    let read = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
                part: &str|
     -> Result<Option<String>, Vec<Problem>> {
        read_named(zip, part).map_err(|error| {
            pkg_err(TemplateKind::ExcelPart {
                part: part.to_string(),
                error,
            })
        })
    };
    let Some(workbook) = read(&mut zip, "xl/workbook.xml")? else {
        return Err(pkg_err(TemplateKind::ExcelNoWorkbook));
    };
    let rels = read(&mut zip, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let content_types = read(&mut zip, "[Content_Types].xml")?.unwrap_or_default();
    let shared = read(&mut zip, "xl/sharedStrings.xml")?
        .map(|s| parse_shared_strings(&s))
        .unwrap_or_default();
    let sheets = sheet_parts(&workbook, &rels);
    let wraps = read(&mut zip, "xl/styles.xml")?
        .map(|s| height::Wraps::parse(&s))
        .unwrap_or_default();

    let mut problems = Vec::new();
    let mut rewritten: BTreeMap<String, String> = BTreeMap::new();
    let mut row_maps: Vec<(String, RowMap)> = Vec::new();
    // Sheets without tags, kept for the formula pass below.
    let mut untouched: Vec<(&String, String)> = Vec::new();
    for (sheet_name, part) in &sheets {
        let xml = match read(&mut zip, part) {
            Ok(Some(xml)) => xml,
            Ok(None) => continue,
            Err(mut p) => {
                problems.append(&mut p);
                continue;
            }
        };
        let job = Job {
            env: &env,
            file: name,
            sheet: sheet_name,
            shared: &shared,
            wraps: &wraps,
        };
        match job.render_sheet(&xml, ctx) {
            Ok(Some((out, map))) => {
                rewritten.insert(part.clone(), out);
                if let Some(m) = map {
                    row_maps.push((sheet_name.clone(), m));
                }
            }
            Ok(None) => untouched.push((part, xml)),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // Formulas of other sheets that point into a sheet whose rows moved.
    if !row_maps.is_empty() {
        for (part, xml) in untouched {
            let new =
                follow_moved_sheets(&xml, &row_maps).map_err(|e| xml_problem(name, part, &e))?;
            if let Some(new) = new {
                rewritten.insert(part.clone(), new);
            }
        }
    }
    // Tables on moved rows keep covering their rows (a table whose header
    // row no longer holds its column names makes Excel repair the file).
    for (sheet_name, map) in &row_maps {
        let Some((_, part)) = sheets.iter().find(|(n, _)| n == sheet_name) else {
            continue;
        };
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let Some(rels) = read(&mut zip, &format!("{dir}/_rels/{file}.rels"))? else {
            continue;
        };
        for table in related_parts(&rels, dir, "/table") {
            let Some(xml) = read(&mut zip, &table)? else {
                continue;
            };
            let new = edit_refs(
                &xml,
                &["table", "autoFilter", "sortState", "sortCondition"],
                map,
            )
            .map_err(|e| xml_problem(name, &table, &e))?;
            rewritten.insert(table, new);
        }
    }
    let workbook = edit_workbook(&workbook, &row_maps)
        .map_err(|e| xml_problem(name, "xl/workbook.xml", &e))?;
    rewritten.insert("xl/workbook.xml".into(), workbook);
    let rels = drop_elements(&rels, "Relationship", |a| {
        attr(a, "Type").is_some_and(|t| t.ends_with("/calcChain"))
            || attr(a, "Target").is_some_and(|t| t.ends_with("calcChain.xml"))
    })
    .map_err(|e| xml_problem(name, "xl/_rels/workbook.xml.rels", &e))?;
    rewritten.insert("xl/_rels/workbook.xml.rels".into(), rels);
    let content_types = drop_elements(&content_types, "Override", |a| {
        attr(a, "PartName").is_some_and(|p| p.ends_with("/calcChain.xml"))
    })
    .map_err(|e| xml_problem(name, "[Content_Types].xml", &e))?;
    rewritten.insert("[Content_Types].xml".into(), content_types);

    write_package(&mut zip, &rewritten).map_err(|e| {
        pkg_err(TemplateKind::ExcelCannotWrite {
            error: e.to_string(),
        })
    })
}

fn xml_problem(file: &str, part: &str, e: &str) -> Vec<Problem> {
    vec![
        Problem::error(Kind::Template(TemplateKind::ExcelDamaged {
            part: part.to_string(),
            error: e.to_string(),
        }))
        .stage(crate::check::Stage::Template)
        .file(file),
    ]
}
