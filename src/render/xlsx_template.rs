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

use crate::check::Problem;
use minijinja::value::{Value, ValueKind, merge_maps};
use minijinja::{Environment, ErrorKind, UndefinedBehavior};

use super::env::{error_detail, has_tag};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Cursor, Read, Write};
use std::ops::Range;

/// The most one part of an Excel template may inflate to.
const MAX_PART_BYTES: u64 = 64 << 20;

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
    let pkg_err = |vi: String, en: String| vec![Problem::loi(vi, en).file(name)];
    let mut zip = zip::ZipArchive::new(Cursor::new(template)).map_err(|e| {
        pkg_err(
            format!("mẫu Excel không đọc được (không phải tệp .xlsx?): {e}"),
            format!("the Excel template cannot be read (not an .xlsx file?): {e}"),
        )
    })?;
    let read = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, part: &str| -> Option<String> {
        let f = zip.by_name(part).ok()?;
        let mut s = String::new();
        // Bounded, whatever size the part declares (a zip bomb is not inflated).
        f.take(MAX_PART_BYTES + 1).read_to_string(&mut s).ok()?;
        (s.len() as u64 <= MAX_PART_BYTES).then_some(s)
    };
    let Some(workbook) = read(&mut zip, "xl/workbook.xml") else {
        return Err(pkg_err(
            "mẫu Excel thiếu xl/workbook.xml".into(),
            "the Excel template has no xl/workbook.xml".into(),
        ));
    };
    let rels = read(&mut zip, "xl/_rels/workbook.xml.rels").unwrap_or_default();
    let content_types = read(&mut zip, "[Content_Types].xml").unwrap_or_default();
    let shared = read(&mut zip, "xl/sharedStrings.xml")
        .map(|s| parse_shared_strings(&s))
        .unwrap_or_default();
    let sheets = sheet_parts(&workbook, &rels);

    let mut problems = Vec::new();
    let mut rewritten: BTreeMap<String, String> = BTreeMap::new();
    let mut row_maps: Vec<(String, RowMap)> = Vec::new();
    // Sheets without tags, kept for the formula pass below.
    let mut untouched: Vec<(&String, String)> = Vec::new();
    for (sheet_name, part) in &sheets {
        let Some(xml) = read(&mut zip, part) else {
            continue;
        };
        let job = Job {
            env: &env,
            file: name,
            sheet: sheet_name,
            shared: &shared,
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
        let Some(rels) = read(&mut zip, &format!("{dir}/_rels/{file}.rels")) else {
            continue;
        };
        for table in related_parts(&rels, dir, "/table") {
            let Some(xml) = read(&mut zip, &table) else {
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
        pkg_err(
            format!("không ghi được kết quả của mẫu Excel: {e}"),
            format!("could not write the filled Excel template: {e}"),
        )
    })
}

fn xml_problem(file: &str, part: &str, e: &str) -> Vec<Problem> {
    vec![
        Problem::loi(
            format!("mẫu Excel hỏng ở {part}: {e}"),
            format!("the Excel template is damaged in {part}: {e}"),
        )
        .file(file),
    ]
}

/// Copy every entry in order: raw when untouched, recompressed when
/// rewritten, `calcChain.xml` dropped. Timestamps are fixed (1980-01-01) so
/// the output depends only on the input.
fn write_package(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    rewritten: &BTreeMap<String, String>,
) -> zip::result::ZipResult<Vec<u8>> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i)?;
        let name = file.name()?.into_owned();
        if name == "xl/calcChain.xml" {
            continue;
        }
        match rewritten.get(&name) {
            Some(text) => {
                drop(file);
                out.start_file(name, options)?;
                out.write_all(text.as_bytes())?;
            }
            None => out.raw_copy_file(file)?,
        }
    }
    Ok(out.finish()?.into_inner())
}

// ---------------------------------------------------------------------------
// A tiny token layer over quick-xml, keeping byte spans so that untouched
// XML is copied exactly as it was.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Start,
    End,
    Empty,
    Text,
    Other,
}

#[derive(Debug, Clone)]
struct Tok {
    kind: Kind,
    name: String,
    attrs: Vec<(String, String)>,
    /// Unescaped text of a text token.
    text: String,
    span: Range<usize>,
}

fn tokenize(xml: &str) -> Result<Vec<Tok>, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut toks: Vec<Tok> = Vec::new();
    loop {
        let p0 = reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| e.to_string())?;
        let p1 = reader.buffer_position() as usize;
        let (kind, name, attrs, text) = match &ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let mut attrs = Vec::new();
                for a in e.attributes() {
                    let a = a.map_err(|e| e.to_string())?;
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| e.to_string())?;
                    attrs.push((a.key.into_inner().to_string(), v.into_owned()));
                }
                let kind = if matches!(ev, Event::Start(_)) {
                    Kind::Start
                } else {
                    Kind::Empty
                };
                (
                    kind,
                    e.name().into_inner().to_string(),
                    attrs,
                    String::new(),
                )
            }
            Event::End(e) => (
                Kind::End,
                e.name().into_inner().to_string(),
                Vec::new(),
                String::new(),
            ),
            Event::Text(t) => (
                Kind::Text,
                String::new(),
                Vec::new(),
                t.xml10_content().into_owned(),
            ),
            Event::CData(t) => (
                Kind::Text,
                String::new(),
                Vec::new(),
                t.xml10_content().into_owned(),
            ),
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => match r.xml10_content().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => format!("&{other};"),
                    },
                };
                (Kind::Text, String::new(), Vec::new(), s)
            }
            _ => (Kind::Other, String::new(), Vec::new(), String::new()),
        };
        if kind == Kind::Text
            && let Some(last) = toks.last_mut()
            && last.kind == Kind::Text
            && last.span.end == p0
        {
            last.text.push_str(&text);
            last.span.end = p1;
            continue;
        }
        toks.push(Tok {
            kind,
            name,
            attrs,
            text,
            span: p0..p1,
        });
    }
    Ok(toks)
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn set_attr(attrs: &mut Vec<(String, String)>, key: &str, value: String) {
    match attrs.iter_mut().find(|(k, _)| k == key) {
        Some(a) => a.1 = value,
        None => attrs.push((key.to_string(), value)),
    }
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Escape an attribute value.
fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// Escape element text (`&`, `<`, `>` only, as Excel writes it).
fn esc_text(s: &str) -> String {
    quick_xml::escape::partial_escape(s).into_owned()
}

fn start_tag(name: &str, attrs: &[(String, String)], empty: bool) -> String {
    let mut s = format!("<{name}");
    for (k, v) in attrs {
        s.push_str(&format!(" {k}=\"{}\"", esc(v)));
    }
    s.push_str(if empty { "/>" } else { ">" });
    s
}

/// Index of the token closing the element opened at `i`.
fn matching_end(toks: &[Tok], i: usize) -> usize {
    if toks[i].kind != Kind::Start {
        return i;
    }
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(i) {
        match t.kind {
            Kind::Start => depth += 1,
            Kind::End => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    toks.len() - 1
}

/// Remove every `<name …/>` element whose attributes satisfy `drop`.
fn drop_elements(
    xml: &str,
    name: &str,
    drop: impl Fn(&[(String, String)]) -> bool,
) -> Result<String, String> {
    if xml.is_empty() {
        return Ok(String::new());
    }
    let toks = tokenize(xml)?;
    let mut out = String::with_capacity(xml.len());
    let mut i = 0;
    let mut pos = 0;
    while i < toks.len() {
        let t = &toks[i];
        if matches!(t.kind, Kind::Start | Kind::Empty) && local(&t.name) == name && drop(&t.attrs) {
            let end = matching_end(&toks, i);
            out.push_str(&xml[pos..t.span.start]);
            pos = toks[end].span.end;
            i = end + 1;
            continue;
        }
        i += 1;
    }
    out.push_str(&xml[pos..]);
    Ok(out)
}

// ---------------------------------------------------------------------------
// Package parts

/// Shared strings, each the concatenation of its runs (phonetic runs left out).
fn parse_shared_strings(xml: &str) -> Vec<String> {
    let Ok(toks) = tokenize(xml) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut in_t = false;
    let mut in_rph = 0usize;
    for t in &toks {
        match (t.kind, local(&t.name)) {
            (Kind::Start, "si") => cur = Some(String::new()),
            (Kind::Empty, "si") => out.push(String::new()),
            (Kind::End, "si") => out.push(cur.take().unwrap_or_default()),
            (Kind::Start, "rPh") => in_rph += 1,
            (Kind::End, "rPh") => in_rph = in_rph.saturating_sub(1),
            (Kind::Start, "t") => in_t = true,
            (Kind::End, "t") => in_t = false,
            (Kind::Text, _) if in_t && in_rph == 0 => {
                if let Some(c) = cur.as_mut() {
                    c.push_str(&t.text);
                }
            }
            _ => {}
        }
    }
    out
}

/// (sheet name, zip path) of every worksheet, in workbook order.
fn sheet_parts(workbook: &str, rels: &str) -> Vec<(String, String)> {
    let mut targets = HashMap::new();
    for t in tokenize(rels).unwrap_or_default() {
        if matches!(t.kind, Kind::Empty | Kind::Start)
            && local(&t.name) == "Relationship"
            && let (Some(id), Some(target)) = (attr(&t.attrs, "Id"), attr(&t.attrs, "Target"))
        {
            let path = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            targets.insert(id.to_string(), path);
        }
    }
    let mut out = Vec::new();
    for t in tokenize(workbook).unwrap_or_default() {
        if matches!(t.kind, Kind::Empty | Kind::Start) && local(&t.name) == "sheet" {
            let id = t
                .attrs
                .iter()
                .find(|(k, _)| local(k) == "id")
                .map(|(_, v)| v.clone());
            if let (Some(name), Some(path)) =
                (attr(&t.attrs, "name"), id.and_then(|i| targets.get(&i)))
                && path.contains("worksheets/")
            {
                out.push((name.to_string(), path.clone()));
            }
        }
    }
    out
}

/// Set `fullCalcOnLoad` and shift defined names that point into sheets
/// whose rows moved.
fn edit_workbook(xml: &str, maps: &[(String, RowMap)]) -> Result<String, String> {
    let toks = tokenize(xml)?;
    let mut out = String::with_capacity(xml.len() + 64);
    let mut pos = 0;
    let mut has_calc = false;
    let mut insert_after: Option<usize> = None;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let lname = local(&t.name);
        if matches!(t.kind, Kind::Start | Kind::Empty) && lname == "calcPr" {
            has_calc = true;
            let mut attrs = t.attrs.clone();
            set_attr(&mut attrs, "fullCalcOnLoad", "1".into());
            out.push_str(&xml[pos..t.span.start]);
            out.push_str(&start_tag(&t.name, &attrs, t.kind == Kind::Empty));
            pos = t.span.end;
        } else if t.kind == Kind::End
            && matches!(
                lname,
                "sheets" | "functionGroups" | "externalReferences" | "definedNames"
            )
        {
            insert_after = Some(t.span.end);
        } else if t.kind == Kind::Start && lname == "definedName" && !maps.is_empty() {
            let end = matching_end(&toks, i);
            if end == i + 2 && toks[i + 1].kind == Kind::Text {
                let text = &toks[i + 1].text;
                let mut new = text.clone();
                for (sheet, map) in maps {
                    new = rewrite_refs(
                        &new,
                        |s| s.is_some_and(|s| s == sheet),
                        |a| map.map_area(a, &[]),
                    );
                }
                if &new != text {
                    out.push_str(&xml[pos..toks[i + 1].span.start]);
                    out.push_str(&esc_text(&new));
                    pos = toks[i + 1].span.end;
                }
            }
        }
        i += 1;
    }
    if !has_calc && let Some(at) = insert_after.filter(|a| *a >= pos) {
        out.push_str(&xml[pos..at]);
        out.push_str("<calcPr fullCalcOnLoad=\"1\"/>");
        pos = at;
    }
    out.push_str(&xml[pos..]);
    Ok(out)
}

/// Rewrite the formulas of an untouched sheet that refer to moved rows of
/// other sheets; `None` when nothing refers to them (the sheet is then
/// copied raw).
fn follow_moved_sheets(xml: &str, maps: &[(String, RowMap)]) -> Result<Option<String>, String> {
    if !xml.contains("<f") || !maps.iter().any(|(s, _)| xml.contains(s.as_str())) {
        return Ok(None);
    }
    let toks = tokenize(xml)?;
    let mut out = String::with_capacity(xml.len());
    let mut pos = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.kind != Kind::Start || local(&t.name) != "f" {
            continue;
        }
        let Some(text) = toks.get(i + 1).filter(|x| x.kind == Kind::Text) else {
            continue;
        };
        let mut new = text.text.clone();
        for (sheet, map) in maps {
            new = rewrite_refs(
                &new,
                |s| s == Some(sheet.as_str()),
                |a| map.map_area(a, &[]),
            );
        }
        if new != text.text {
            out.push_str(&xml[pos..text.span.start]);
            out.push_str(&esc_text(&new));
            pos = text.span.end;
        }
    }
    if pos == 0 {
        return Ok(None);
    }
    out.push_str(&xml[pos..]);
    Ok(Some(out))
}

/// Parts related to `dir/…` by relationships whose type ends with `kind`.
fn related_parts(rels: &str, dir: &str, kind: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokenize(rels).unwrap_or_default() {
        if !matches!(t.kind, Kind::Empty | Kind::Start) || local(&t.name) != "Relationship" {
            continue;
        }
        if !attr(&t.attrs, "Type").is_some_and(|ty| ty.ends_with(kind)) {
            continue;
        }
        let Some(target) = attr(&t.attrs, "Target") else {
            continue;
        };
        let mut parts: Vec<&str> = if target.starts_with('/') {
            Vec::new()
        } else {
            dir.split('/').collect()
        };
        for seg in target.trim_start_matches('/').split('/') {
            match seg {
                ".." => {
                    parts.pop();
                }
                "." | "" => {}
                s => parts.push(s),
            }
        }
        out.push(parts.join("/"));
    }
    out
}

/// Map the `ref` attribute of the named elements as ranges.
fn edit_refs(xml: &str, elements: &[&str], map: &RowMap) -> Result<String, String> {
    let toks = tokenize(xml)?;
    let mut out = String::with_capacity(xml.len());
    let mut pos = 0;
    for t in &toks {
        if matches!(t.kind, Kind::Start | Kind::Empty)
            && elements.contains(&local(&t.name))
            && let Some(r) = attr(&t.attrs, "ref")
        {
            let mut attrs = t.attrs.clone();
            set_attr(&mut attrs, "ref", map.map_sqref(r));
            out.push_str(&xml[pos..t.span.start]);
            out.push_str(&start_tag(&t.name, &attrs, t.kind == Kind::Empty));
            pos = t.span.end;
        }
    }
    out.push_str(&xml[pos..]);
    Ok(out)
}

// ---------------------------------------------------------------------------
// Cell references in formulas

/// A reference as written: `$B$7`, `B7:D9`, `7:9` (rows only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Area {
    c1: Option<(u32, bool)>,
    r1: (u32, bool),
    c2: Option<(u32, bool)>,
    r2: Option<(u32, bool)>,
}

impl Area {
    fn write(&self) -> String {
        let part = |c: Option<(u32, bool)>, r: (u32, bool)| {
            let mut s = String::new();
            if let Some((c, abs)) = c {
                if abs {
                    s.push('$');
                }
                s.push_str(&col_letters(c));
            }
            if r.1 {
                s.push('$');
            }
            s.push_str(&r.0.to_string());
            s
        };
        match self.r2 {
            Some(r2) => format!("{}:{}", part(self.c1, self.r1), part(self.c2, r2)),
            None => part(self.c1, self.r1),
        }
    }
}

fn col_letters(col: u32) -> String {
    match col {
        0 => String::new(),
        c => rust_xlsxwriter::utility::column_number_to_name((c - 1) as u16),
    }
}

/// "B7" → (7, 2).
fn parse_cell(s: &str) -> Option<(u32, u32)> {
    let chars: Vec<char> = s.chars().collect();
    let (a, end) = parse_part(&chars, 0)?;
    (end == chars.len()).then_some((a.1.0, a.0?.0))
}

/// `$?LETTERS$?DIGITS` or `$?DIGITS` at `i`: (col, row, next index).
#[allow(clippy::type_complexity)]
fn parse_part(ch: &[char], mut i: usize) -> Option<((Option<(u32, bool)>, (u32, bool)), usize)> {
    let mut col = None;
    let start = i;
    let mut abs = false;
    if ch.get(i) == Some(&'$') {
        abs = true;
        i += 1;
    }
    let ls = i;
    while i < ch.len() && ch[i].is_ascii_alphabetic() {
        i += 1;
    }
    if i > ls {
        if i - ls > 3 {
            return None;
        }
        let mut c = 0u32;
        for l in &ch[ls..i] {
            c = c * 26 + (l.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
        }
        if c > 16384 {
            return None;
        }
        col = Some((c, abs));
        abs = false;
        if ch.get(i) == Some(&'$') {
            abs = true;
            i += 1;
        }
    } else if i > start && col.is_none() {
        // "$7": a row part.
    }
    let ds = i;
    while i < ch.len() && ch[i].is_ascii_digit() {
        i += 1;
    }
    if i == ds || i - ds > 7 {
        return None;
    }
    let row: u32 = ch[ds..i].iter().collect::<String>().parse().ok()?;
    if row == 0 || row > 1_048_576 {
        return None;
    }
    Some(((col, (row, abs)), i))
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.' || c == '$' || c == '\\'
}

/// Rewrite every A1 reference of `formula` for which `sheet_ok(prefix)`
/// holds (`None` = no sheet prefix) with `map`. String literals, function
/// names, defined names and column-only ranges are left alone.
fn rewrite_refs(
    formula: &str,
    sheet_ok: impl Fn(Option<&str>) -> bool,
    mut map: impl FnMut(&mut Area),
) -> String {
    let ch: Vec<char> = formula.chars().collect();
    let mut out = String::with_capacity(formula.len() + 8);
    let mut i = 0;
    let try_area = |i: usize| -> Option<(Area, usize)> {
        let ((c1, r1), mut j) = parse_part(&ch, i)?;
        let mut area = Area {
            c1,
            r1,
            c2: None,
            r2: None,
        };
        if ch.get(j) == Some(&':')
            && let Some(((c2, r2), k)) = parse_part(&ch, j + 1)
            && c1.is_some() == c2.is_some()
        {
            area.c2 = c2;
            area.r2 = Some(r2);
            j = k;
        }
        if c1.is_none() && area.r2.is_none() {
            return None; // a plain number
        }
        if j < ch.len() && (is_ident(ch[j]) || ch[j] == '(' || ch[j] == '!' || ch[j] == '[') {
            return None; // a function or a name that merely starts like a reference
        }
        Some((area, j))
    };
    while i < ch.len() {
        let c = ch[i];
        if c == '"' {
            let mut j = i + 1;
            while j < ch.len() {
                if ch[j] == '"' {
                    if ch.get(j + 1) == Some(&'"') {
                        j += 2;
                        continue;
                    }
                    break;
                }
                j += 1;
            }
            let end = (j + 1).min(ch.len());
            out.extend(&ch[i..end]);
            i = end;
            continue;
        }
        if c == '\'' {
            let mut j = i + 1;
            let mut name = String::new();
            while j < ch.len() {
                if ch[j] == '\'' {
                    if ch.get(j + 1) == Some(&'\'') {
                        name.push('\'');
                        j += 2;
                        continue;
                    }
                    break;
                }
                name.push(ch[j]);
                j += 1;
            }
            let end = (j + 1).min(ch.len());
            out.extend(&ch[i..end]);
            i = end;
            if ch.get(i) == Some(&'!') {
                out.push('!');
                i += 1;
                if let Some((mut a, j)) = try_area(i) {
                    if sheet_ok(Some(&name)) {
                        map(&mut a);
                        out.push_str(&a.write());
                    } else {
                        out.extend(&ch[i..j]);
                    }
                    i = j;
                }
            }
            continue;
        }
        let boundary = i == 0 || !(is_ident(ch[i - 1]) || ch[i - 1] == '!' || ch[i - 1] == ':');
        if boundary && (is_ident(c)) {
            let mut j = i;
            while j < ch.len() && is_ident(ch[j]) {
                j += 1;
            }
            if ch.get(j) == Some(&'!') {
                let sheet: String = ch[i..j].iter().collect();
                out.push_str(&sheet);
                out.push('!');
                let k = j + 1;
                if let Some((mut a, e)) = try_area(k) {
                    if sheet_ok(Some(&sheet)) {
                        map(&mut a);
                        out.push_str(&a.write());
                    } else {
                        out.extend(&ch[k..e]);
                    }
                    i = e;
                } else {
                    i = k;
                }
                continue;
            }
            if let Some((mut a, e)) = try_area(i) {
                if sheet_ok(None) {
                    map(&mut a);
                    out.push_str(&a.write());
                } else {
                    out.extend(&ch[i..e]);
                }
                i = e;
                continue;
            }
            out.extend(&ch[i..j]);
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Move every relative part of a shared formula by (dr, dc): the text of a
/// shared formula's child cell.
fn offset_formula(formula: &str, dr: i64, dc: i64) -> String {
    let shift = |v: u32, d: i64, max: i64| (v as i64 + d).clamp(1, max) as u32;
    rewrite_refs(
        formula,
        |_| true,
        |a| {
            if !a.r1.1 {
                a.r1.0 = shift(a.r1.0, dr, 1_048_576);
            }
            if let Some(r2) = a.r2.as_mut().filter(|r| !r.1) {
                r2.0 = shift(r2.0, dr, 1_048_576);
            }
            for c in [a.c1.as_mut(), a.c2.as_mut()].into_iter().flatten() {
                if !c.1 {
                    c.0 = shift(c.0, dc, 16384);
                }
            }
        },
    )
}

// ---------------------------------------------------------------------------
// Row maps: where each template row went

type Path = Vec<(usize, usize)>;

/// Output rows in order (index + 1 = output row number), each with the
/// template row it copies and its loop iteration path.
#[derive(Debug, Clone)]
struct RowMap {
    out: Vec<(u32, Path)>,
    /// Last template row covered by `out`.
    max_row: u32,
}

/// Two paths agree on every loop they both pass through.
fn compatible(a: &[(usize, usize)], b: &[(usize, usize)]) -> bool {
    a.iter()
        .all(|(l, k)| b.iter().all(|(l2, k2)| l != l2 || k == k2))
}

fn common(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

impl RowMap {
    fn beyond(&self, r: u32) -> u32 {
        let delta = self.out.len() as i64 - self.max_row as i64;
        (r as i64 + delta).clamp(1, 1_048_576) as u32
    }

    /// The output row of template row `r` seen from a cell at `path`: the
    /// copy in the same iteration, else the first copy; a removed marker
    /// row maps to the row that now follows it.
    fn row(&self, r: u32, path: &[(usize, usize)]) -> u32 {
        if r > self.max_row {
            return self.beyond(r);
        }
        let mut best: Option<(usize, usize)> = None;
        for (i, (o, p)) in self.out.iter().enumerate() {
            if *o == r && compatible(p, path) {
                let score = common(p, path);
                if best.is_none_or(|(_, s)| score > s) {
                    best = Some((i, score));
                }
            }
        }
        if let Some((i, _)) = best {
            return i as u32 + 1;
        }
        match self.out.iter().position(|(o, _)| *o > r) {
            Some(i) => i as u32 + 1,
            None => self.out.len().max(1) as u32,
        }
    }

    /// The output rows covered by template rows `r1..=r2` seen from `path`:
    /// a range over a loop body grows to cover every copy.
    fn range(&self, r1: u32, r2: u32, path: &[(usize, usize)]) -> (u32, u32) {
        let (r1, r2) = (r1.min(r2), r1.max(r2));
        let start = if r1 > self.max_row {
            self.beyond(r1)
        } else {
            let first = self
                .out
                .iter()
                .position(|(o, p)| *o >= r1 && *o <= r2 && compatible(p, path));
            match first {
                Some(i) => i as u32 + 1,
                None => self.row(r1, path),
            }
        };
        let end = if r2 > self.max_row {
            self.beyond(r2)
        } else {
            let last = self
                .out
                .iter()
                .rposition(|(o, p)| *o >= r1 && *o <= r2 && compatible(p, path));
            match last {
                Some(i) => i as u32 + 1,
                None => self.row(r2, path),
            }
        };
        (start, end.max(start))
    }

    fn map_area(&self, a: &mut Area, path: &[(usize, usize)]) {
        match a.r2.as_mut() {
            Some(r2) => {
                let (s, e) = self.range(a.r1.0, r2.0, path);
                a.r1.0 = s;
                r2.0 = e;
            }
            None => a.r1.0 = self.row(a.r1.0, path),
        }
    }

    /// A `sqref` list ("A1:B3 D7"): every part as a range, so a conditional
    /// format on a loop row covers every copy.
    fn map_sqref(&self, sqref: &str) -> String {
        sqref
            .split_whitespace()
            .map(|part| {
                let ch: Vec<char> = part.chars().collect();
                let Some(((c1, r1), j)) = parse_part(&ch, 0) else {
                    return part.to_string();
                };
                let (c2, r2) = if ch.get(j) == Some(&':') {
                    match parse_part(&ch, j + 1) {
                        Some(((c2, r2), _)) => (c2, r2),
                        None => return part.to_string(),
                    }
                } else {
                    (c1, r1)
                };
                let (s, e) = self.range(r1.0, r2.0, &[]);
                let a = Area {
                    c1,
                    r1: (s, r1.1),
                    c2,
                    r2: Some((e, r2.1)),
                };
                if c1 == c2 && s == e {
                    Area {
                        c2: None,
                        r2: None,
                        ..a
                    }
                    .write()
                } else {
                    a.write()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

// ---------------------------------------------------------------------------
// Sheets

#[derive(Debug, Clone)]
struct Cell {
    col: u32,
    attrs: Vec<(String, String)>,
    /// `<f>`: attributes and text.
    f: Option<(Vec<(String, String)>, String)>,
    /// Raw XML inside `<c>` other than `<f>`.
    rest: String,
    /// The cell's text when it holds a Jinja tag.
    template: Option<String>,
    /// The cell's displayed text (shared or inline string), if any.
    text: Option<String>,
}

#[derive(Debug, Clone)]
struct Row {
    r: u32,
    attrs: Vec<(String, String)>,
    cells: Vec<Cell>,
}

/// A `{%tr %}` marker of a row's first cell.
#[derive(Debug, Clone, PartialEq)]
enum Marker {
    For { target: String, expr: String },
    EndFor,
}

fn marker(text: &str) -> Option<Result<Marker, String>> {
    let t = text.trim_start();
    let rest = t.strip_prefix("{%")?;
    let rest = rest.strip_prefix('-').unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix("tr")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let Some(end) = rest.find("%}") else {
        return Some(Err("thiếu %}".into()));
    };
    let body = rest[..end].trim().trim_end_matches('-').trim();
    if body == "endfor" {
        return Some(Ok(Marker::EndFor));
    }
    let Some(b) = body.strip_prefix("for ") else {
        return Some(Err(format!(
            "chỉ hỗ trợ {{%tr for … %}} và {{%tr endfor %}}, không hiểu \"{body}\""
        )));
    };
    match b.split_once(" in ") {
        Some((target, expr)) if !target.trim().is_empty() && !expr.trim().is_empty() => {
            Some(Ok(Marker::For {
                target: target.trim().to_string(),
                expr: expr.trim().to_string(),
            }))
        }
        _ => Some(Err(format!(
            "vòng lặp không đúng dạng \"for x in …\": \"{body}\""
        ))),
    }
}

/// A row loop: template rows `start` (the for row) to `end` (the endfor row).
#[derive(Debug, Clone)]
struct Loop {
    id: usize,
    start: u32,
    end: u32,
    target: String,
    expr: String,
    cell: String,
}

enum Compiled<'e, 's> {
    Expr(minijinja::Expression<'e, 's>),
    Tmpl(minijinja::Template<'e, 's>),
}

struct Job<'a> {
    env: &'a Environment<'static>,
    file: &'a str,
    sheet: &'a str,
    shared: &'a [String],
}

/// One output row before it is written.
struct OutRow {
    origin: u32,
    path: Path,
    /// `None` for the blank row left by an empty loop.
    ctx: Option<Value>,
}

impl Job<'_> {
    fn problem(&self, cell: &str, vi: String, en: String) -> Problem {
        Problem::loi(vi, en)
            .file(self.file)
            .sheet(Some(self.sheet))
            .cell(cell)
    }

    /// The rewritten sheet and its row map (when rows moved), or `None`
    /// when the sheet holds no tag.
    #[allow(clippy::type_complexity)]
    fn render_sheet(
        &self,
        xml: &str,
        ctx: &Value,
    ) -> Result<Option<(String, Option<RowMap>)>, Vec<Problem>> {
        if !xml.contains("<sheetData") {
            return Ok(None);
        }
        let toks = tokenize(xml).map_err(|e| {
            vec![self.problem("", format!("XML hỏng: {e}"), format!("broken XML: {e}"))]
        })?;
        let Some(sd) = toks
            .iter()
            .position(|t| t.kind == Kind::Start && local(&t.name) == "sheetData")
        else {
            return Ok(None);
        };
        let sd_end = matching_end(&toks, sd);
        let rows = self.parse_rows(xml, &toks[sd + 1..sd_end]);
        if !rows
            .iter()
            .any(|r| r.cells.iter().any(|c| c.template.is_some()))
        {
            return Ok(None);
        }
        let mut problems = Vec::new();
        let loops = self.find_loops(&rows, &mut problems);

        // Compile every template cell once.
        let mut compiled: HashMap<(u32, u32), Compiled<'_, '_>> = HashMap::new();
        for row in &rows {
            for c in &row.cells {
                let Some(src) = &c.template else { continue };
                if loops.iter().any(|l| l.start == row.r || l.end == row.r) || marker(src).is_some()
                {
                    continue;
                }
                let cell = format!("{}{}", col_letters(c.col), row.r);
                match self.compile(src) {
                    Ok(k) => {
                        compiled.insert((row.r, c.col), k);
                    }
                    Err(e) => problems.push(self.problem(
                        &cell,
                        format!("lỗi cú pháp mẫu trong ô: {}", error_detail(&e)),
                        format!("template syntax error in the cell: {}", error_detail(&e)),
                    )),
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        // Lay out the output rows.
        let max_row = rows.iter().map(|r| r.r).max().unwrap_or(0);
        let mut out_rows = Vec::new();
        self.lay_out(
            1,
            max_row,
            ctx,
            &Vec::new(),
            &loops,
            &mut out_rows,
            &mut problems,
        );
        let map = (!loops.is_empty()).then(|| RowMap {
            out: out_rows
                .iter()
                .map(|o| (o.origin, o.path.clone()))
                .collect(),
            max_row,
        });

        // Render rows.
        let by_r: HashMap<u32, &Row> = rows.iter().map(|r| (r.r, r)).collect();
        let shared_formulas = shared_masters(&rows);
        let mut seen_errors: HashSet<(String, String)> = HashSet::new();
        let mut body = String::new();
        let (mut max_out_row, mut max_col) = (0u32, 0u32);
        for (i, o) in out_rows.iter().enumerate() {
            let Some(row) = by_r.get(&o.origin) else {
                continue;
            };
            let out_r = i as u32 + 1;
            let mut attrs = row.attrs.clone();
            set_attr(&mut attrs, "r", out_r.to_string());
            let mut cells = String::new();
            for c in &row.cells {
                let letters = col_letters(c.col);
                max_col = max_col.max(c.col);
                let mut cattrs = c.attrs.clone();
                set_attr(&mut cattrs, "r", format!("{letters}{out_r}"));
                let Some(row_ctx) = &o.ctx else {
                    // Blank row of an empty loop: keep only the style.
                    cattrs.retain(|(k, _)| k == "r" || k == "s");
                    cells.push_str(&start_tag("c", &cattrs, true));
                    continue;
                };
                if let Some(k) = compiled.get(&(row.r, c.col)) {
                    match self.render_cell(k, row_ctx) {
                        Ok(v) => cells.push_str(&value_cell(cattrs, v)),
                        Err(e) => {
                            let tcell = format!("{letters}{}", row.r);
                            let p = self.render_problem(
                                &tcell,
                                &e,
                                c.template.as_deref().unwrap_or(""),
                                row_ctx,
                            );
                            if seen_errors.insert((tcell, p.thong_diep.clone())) {
                                problems.push(p);
                            }
                        }
                    }
                    continue;
                }
                cells.push_str(&formula_cell(
                    c,
                    row.r,
                    cattrs,
                    map.as_ref(),
                    &o.path,
                    self.sheet,
                    &shared_formulas,
                ));
            }
            max_out_row = out_r;
            body.push_str(&start_tag("row", &attrs, cells.is_empty()));
            if !cells.is_empty() {
                body.push_str(&cells);
                body.push_str("</row>");
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        // Reassemble: head (dimension), rows, tail (merges, formats …).
        let mut out = String::with_capacity(xml.len() + body.len());
        let head = &toks[..=sd];
        let mut pos = 0;
        for t in head {
            if matches!(t.kind, Kind::Empty | Kind::Start) && local(&t.name) == "dimension" {
                let old = attr(&t.attrs, "ref").unwrap_or("A1");
                let start = old.split(':').next().unwrap_or("A1");
                let old_col = old
                    .split(':')
                    .nth(1)
                    .and_then(parse_cell)
                    .map(|(_, c)| c)
                    .unwrap_or(1);
                let new = format!(
                    "{start}:{}{}",
                    col_letters(max_col.max(old_col)),
                    max_out_row.max(1)
                );
                let mut attrs = t.attrs.clone();
                set_attr(&mut attrs, "ref", new);
                out.push_str(&xml[pos..t.span.start]);
                out.push_str(&start_tag(&t.name, &attrs, t.kind == Kind::Empty));
                pos = t.span.end;
            }
        }
        out.push_str(&xml[pos..toks[sd].span.end]);
        out.push_str(&body);
        let tail_start = toks[sd_end].span.start;
        match &map {
            Some(m) => out.push_str(&rewrite_tail(xml, &toks[sd_end..], m, self.sheet)),
            None => out.push_str(&xml[tail_start..]),
        }
        Ok(Some((out, map)))
    }

    fn compile<'s>(&'s self, src: &'s str) -> Result<Compiled<'s, 's>, minijinja::Error> {
        if let Some(expr) = whole_expression(src)
            && let Ok(e) = self.env.compile_expression(expr)
        {
            return Ok(Compiled::Expr(e));
        }
        self.env.template_from_str(src).map(Compiled::Tmpl)
    }

    fn render_cell(&self, k: &Compiled<'_, '_>, ctx: &Value) -> Result<CellOut, minijinja::Error> {
        match k {
            Compiled::Expr(e) => {
                let v = e.eval(ctx.clone())?;
                if v.is_undefined() {
                    return Err(minijinja::Error::new(
                        ErrorKind::UndefinedError,
                        "undefined value",
                    ));
                }
                Ok(match v.kind() {
                    ValueKind::None => CellOut::Empty,
                    ValueKind::Number => match v.as_i64() {
                        Some(i) => CellOut::Number(i.to_string()),
                        None => match f64::try_from(v.clone()) {
                            Ok(f) if f.is_finite() => CellOut::Number(format!("{f}")),
                            _ => CellOut::Text(v.to_string()),
                        },
                    },
                    _ => CellOut::Text(v.to_string()),
                })
            }
            Compiled::Tmpl(t) => Ok(CellOut::Text(t.render(ctx.clone())?)),
        }
    }

    fn render_problem(&self, cell: &str, e: &minijinja::Error, src: &str, ctx: &Value) -> Problem {
        if e.kind() == ErrorKind::UndefinedError
            && let Some((name, hint)) = unknown_name(self.env, src, ctx)
        {
            let (vi_h, en_h) = crate::review::settings::hint_suffix(hint.as_deref());
            return self.problem(
                cell,
                format!("không có tên \"{name}\" trong dữ liệu của mẫu{vi_h}"),
                format!("unknown name \"{name}\" in the template{en_h}"),
            );
        }
        let d = error_detail(e);
        self.problem(
            cell,
            format!("lỗi khi điền mẫu: {d}"),
            format!("template error: {d}"),
        )
    }

    fn parse_rows(&self, xml: &str, toks: &[Tok]) -> Vec<Row> {
        let mut rows: Vec<Row> = Vec::new();
        let mut i = 0;
        let mut next_r = 1u32;
        while i < toks.len() {
            let t = &toks[i];
            if matches!(t.kind, Kind::Start | Kind::Empty) && local(&t.name) == "row" {
                let r = attr(&t.attrs, "r")
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(next_r);
                next_r = r + 1;
                let end = matching_end(toks, i);
                let mut row = Row {
                    r,
                    attrs: t.attrs.clone(),
                    cells: Vec::new(),
                };
                let mut j = i + 1;
                let mut next_col = 1u32;
                while j < end {
                    let c = &toks[j];
                    if matches!(c.kind, Kind::Start | Kind::Empty) && local(&c.name) == "c" {
                        let cend = matching_end(toks, j);
                        let cell = self.parse_cell(xml, &toks[j..=cend], next_col);
                        next_col = cell.col + 1;
                        row.cells.push(cell);
                        j = cend + 1;
                    } else {
                        j += 1;
                    }
                }
                rows.push(row);
                i = end + 1;
            } else {
                i += 1;
            }
        }
        rows
    }

    fn parse_cell(&self, xml: &str, toks: &[Tok], default_col: u32) -> Cell {
        let open = &toks[0];
        let col = attr(&open.attrs, "r")
            .and_then(parse_cell)
            .map(|(_, c)| c)
            .unwrap_or(default_col);
        let mut cell = Cell {
            col,
            attrs: open.attrs.clone(),
            f: None,
            rest: String::new(),
            template: None,
            text: None,
        };
        let t = attr(&open.attrs, "t").unwrap_or("n");
        let mut v = None;
        let mut inline = String::new();
        let (mut in_v, mut in_t, mut in_is, mut in_rph) = (false, false, false, 0usize);
        let mut j = 1;
        let last = toks.len().saturating_sub(1);
        while j < last {
            let tk = &toks[j];
            let lname = local(&tk.name);
            if matches!(tk.kind, Kind::Start | Kind::Empty) && lname == "f" {
                let fend = matching_end(toks, j);
                let text: String = toks[j..=fend]
                    .iter()
                    .filter(|t| t.kind == Kind::Text)
                    .map(|t| t.text.as_str())
                    .collect();
                cell.f = Some((tk.attrs.clone(), text));
                j = fend + 1;
                continue;
            }
            cell.rest.push_str(&xml[tk.span.clone()]);
            match (tk.kind, lname) {
                (Kind::Start, "v") => in_v = true,
                (Kind::End, "v") => in_v = false,
                (Kind::Start, "is") => in_is = true,
                (Kind::End, "is") => in_is = false,
                (Kind::Start, "rPh") => in_rph += 1,
                (Kind::End, "rPh") => in_rph = in_rph.saturating_sub(1),
                (Kind::Start, "t") => in_t = true,
                (Kind::End, "t") => in_t = false,
                (Kind::Text, _) if in_v => v = Some(tk.text.clone()),
                (Kind::Text, _) if in_is && in_t && in_rph == 0 => inline.push_str(&tk.text),
                _ => {}
            }
            j += 1;
        }
        let text = match t {
            "s" => v
                .as_deref()
                .and_then(|i| i.trim().parse::<usize>().ok())
                .and_then(|i| self.shared.get(i))
                .cloned(),
            "inlineStr" => Some(inline),
            _ => None,
        };
        if cell.f.is_none() && text.as_deref().is_some_and(has_tag) {
            cell.template = text.clone();
        }
        cell.text = text;
        cell
    }

    fn find_loops(&self, rows: &[Row], problems: &mut Vec<Problem>) -> Vec<Loop> {
        let mut loops = Vec::new();
        let mut stack: Vec<(u32, String, String, String)> = Vec::new();
        for row in rows {
            let Some(first) = row
                .cells
                .iter()
                .find(|c| c.text.as_deref().is_some_and(|t| !t.trim().is_empty()))
            else {
                continue;
            };
            let cell = format!("{}{}", col_letters(first.col), row.r);
            match first.text.as_deref().and_then(marker) {
                Some(Ok(Marker::For { target, expr })) => stack.push((row.r, target, expr, cell)),
                Some(Ok(Marker::EndFor)) => match stack.pop() {
                    Some((start, target, expr, cell)) => loops.push(Loop {
                        id: loops.len(),
                        start,
                        end: row.r,
                        target,
                        expr,
                        cell,
                    }),
                    None => problems.push(self.problem(
                        &cell,
                        "{%tr endfor %} không có {%tr for … %} tương ứng ở trên".into(),
                        "{%tr endfor %} without a matching {%tr for … %} above".into(),
                    )),
                },
                Some(Err(msg)) => {
                    problems.push(self.problem(&cell, msg.clone(), format!("bad row tag: {msg}")))
                }
                None => {}
            }
        }
        for (_, _, _, cell) in stack {
            problems.push(self.problem(
                &cell,
                "{%tr for … %} không có {%tr endfor %} ở một dòng bên dưới".into(),
                "{%tr for … %} without a {%tr endfor %} row below".into(),
            ));
        }
        loops.sort_by_key(|l| l.start);
        loops
    }

    #[allow(clippy::too_many_arguments)]
    fn lay_out(
        &self,
        lo: u32,
        hi: u32,
        ctx: &Value,
        path: &Path,
        loops: &[Loop],
        out: &mut Vec<OutRow>,
        problems: &mut Vec<Problem>,
    ) {
        let mut r = lo;
        while r <= hi {
            let Some(l) = loops.iter().find(|l| l.start == r && l.end <= hi) else {
                out.push(OutRow {
                    origin: r,
                    path: path.clone(),
                    ctx: Some(ctx.clone()),
                });
                r += 1;
                continue;
            };
            let items = match self
                .env
                .compile_expression(&l.expr)
                .and_then(|e| e.eval(ctx.clone()))
            {
                Ok(v) if v.is_undefined() => Err(minijinja::Error::new(
                    ErrorKind::UndefinedError,
                    "undefined value",
                )),
                Ok(v) => v.try_iter().map(|it| it.collect::<Vec<Value>>()),
                Err(e) => Err(e),
            };
            let items = match items {
                Ok(items) => items,
                Err(e) => {
                    let src = format!("{{{{ {} }}}}", l.expr);
                    problems.push(self.render_problem(&l.cell, &e, &src, ctx));
                    Vec::new()
                }
            };
            let (b1, b2) = (l.start + 1, l.end - 1);
            if b1 <= b2 {
                if items.is_empty() {
                    out.push(OutRow {
                        origin: b1,
                        path: path.clone(),
                        ctx: None,
                    });
                }
                let n = items.len();
                let targets: Vec<&str> = l.target.split(',').map(str::trim).collect();
                for (k, item) in items.into_iter().enumerate() {
                    let mut overlay: BTreeMap<String, Value> = BTreeMap::new();
                    if targets.len() == 1 {
                        overlay.insert(targets[0].to_string(), item);
                    } else {
                        for (i, t) in targets.iter().enumerate() {
                            overlay.insert(
                                t.to_string(),
                                item.get_item_by_index(i).unwrap_or_default(),
                            );
                        }
                    }
                    let lp: BTreeMap<&str, Value> = [
                        ("index", Value::from(k + 1)),
                        ("index0", Value::from(k)),
                        ("revindex", Value::from(n - k)),
                        ("revindex0", Value::from(n - k - 1)),
                        ("first", Value::from(k == 0)),
                        ("last", Value::from(k + 1 == n)),
                        ("length", Value::from(n)),
                    ]
                    .into_iter()
                    .collect();
                    overlay.insert("loop".into(), Value::from_pairs(lp));
                    let inner = merge_maps([Value::from(overlay), ctx.clone()]);
                    let mut p = path.clone();
                    p.push((l.id, k));
                    self.lay_out(b1, b2, &inner, &p, loops, out, problems);
                }
            }
            r = l.end + 1;
        }
    }
}

/// What a template cell becomes.
enum CellOut {
    Empty,
    Number(String),
    Text(String),
}

fn value_cell(mut attrs: Vec<(String, String)>, v: CellOut) -> String {
    attrs.retain(|(k, _)| k == "r" || k == "s");
    match v {
        CellOut::Empty => start_tag("c", &attrs, true),
        CellOut::Text(t) if t.is_empty() => start_tag("c", &attrs, true),
        CellOut::Number(n) => format!("{}<v>{n}</v></c>", start_tag("c", &attrs, false)),
        CellOut::Text(t) => {
            attrs.push(("t".into(), "inlineStr".into()));
            let clean: String = t
                .chars()
                .filter(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
                .collect();
            format!(
                "{}<is><t xml:space=\"preserve\">{}</t></is></c>",
                start_tag("c", &attrs, false),
                esc_text(&clean)
            )
        }
    }
}

/// Shared formula masters: `si` → (row, col, text).
fn shared_masters(rows: &[Row]) -> HashMap<String, (u32, u32, String)> {
    let mut m = HashMap::new();
    for row in rows {
        for c in &row.cells {
            if let Some((fa, text)) = &c.f
                && attr(fa, "t") == Some("shared")
                && attr(fa, "ref").is_some()
                && let Some(si) = attr(fa, "si")
            {
                m.insert(si.to_string(), (row.r, c.col, text.clone()));
            }
        }
    }
    m
}

/// A non-template cell at its new place: its formula (if any) follows the
/// moved rows; a shared formula becomes a plain one; the cached value of a
/// moved formula is dropped (Excel recomputes on load).
fn formula_cell(
    c: &Cell,
    template_row: u32,
    attrs: Vec<(String, String)>,
    map: Option<&RowMap>,
    path: &[(usize, usize)],
    sheet: &str,
    shared: &HashMap<String, (u32, u32, String)>,
) -> String {
    let (Some((fattrs, ftext)), Some(map)) = (&c.f, map) else {
        // Nothing moves: the cell as it was, at its (possibly new) row.
        let mut s = start_tag("c", &attrs, false);
        if let Some((fa, ft)) = &c.f {
            s.push_str(&element("f", fa, ft));
        }
        s.push_str(&c.rest);
        s.push_str("</c>");
        return s;
    };
    let mut fattrs = fattrs.clone();
    let mut text = ftext.clone();
    if attr(&fattrs, "t") == Some("shared")
        && let Some((mr, mc, mtext)) = attr(&fattrs, "si").and_then(|si| shared.get(si))
    {
        if text.is_empty() {
            text = offset_formula(
                mtext,
                template_row as i64 - *mr as i64,
                c.col as i64 - *mc as i64,
            );
        }
        fattrs.retain(|(k, _)| k != "t" && k != "ref" && k != "si");
    }
    let sheet_ok = |s: Option<&str>| s.is_none_or(|s| s == sheet);
    let new = rewrite_refs(&text, sheet_ok, |a| map.map_area(a, path));
    // An array formula's range follows its own iteration, like its cell.
    if let Some(r) = attr(&fattrs, "ref").map(str::to_string) {
        let moved = rewrite_refs(&r, |_| true, |a| map.map_area(a, path));
        set_attr(&mut fattrs, "ref", moved);
    }
    // The cached value goes, and with it its type.
    let mut attrs = attrs;
    attrs.retain(|(k, _)| k != "t");
    // Keep whatever follows <v> (e.g. extLst) but not the stale value.
    let rest = strip_v(&c.rest);
    format!(
        "{}{}{}</c>",
        start_tag("c", &attrs, false),
        element("f", &fattrs, &new),
        rest
    )
}

fn strip_v(rest: &str) -> String {
    match (
        rest.find("<v>").or_else(|| rest.find("<v ")),
        rest.find("</v>"),
    ) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &rest[..a], &rest[b + 4..]),
        _ => rest.to_string(),
    }
}

fn element(name: &str, attrs: &[(String, String)], text: &str) -> String {
    if text.is_empty() {
        start_tag(name, attrs, true)
    } else {
        format!(
            "{}{}</{name}>",
            start_tag(name, attrs, false),
            esc_text(text)
        )
    }
}

/// After `</sheetData>`: merged ranges (copied per iteration when inside a
/// loop body), conditional formats, data validations and hyperlinks follow
/// the moved rows.
fn rewrite_tail(xml: &str, toks: &[Tok], map: &RowMap, sheet: &str) -> String {
    let base = toks[0].span.start;
    let mut out = String::new();
    let mut pos = base;
    let mut i = 0;
    let sheet_ok = |s: Option<&str>| s.is_none_or(|s| s == sheet);
    while i < toks.len() {
        let t = &toks[i];
        let lname = local(&t.name);
        let is_open = matches!(t.kind, Kind::Start | Kind::Empty);
        if is_open && lname == "mergeCells" {
            let end = matching_end(toks, i);
            let mut merges: Vec<String> = Vec::new();
            for m in &toks[i + 1..end] {
                if matches!(m.kind, Kind::Empty | Kind::Start) && local(&m.name) == "mergeCell" {
                    for r in attr(&m.attrs, "ref")
                        .map(|r| map_merge(map, r))
                        .unwrap_or_default()
                    {
                        if !merges.contains(&r) {
                            merges.push(r);
                        }
                    }
                }
            }
            out.push_str(&xml[pos..t.span.start]);
            if !merges.is_empty() {
                let mut attrs = t.attrs.clone();
                set_attr(&mut attrs, "count", merges.len().to_string());
                out.push_str(&start_tag(&t.name, &attrs, false));
                for m in &merges {
                    out.push_str(&format!("<mergeCell ref=\"{m}\"/>"));
                }
                out.push_str(&format!("</{}>", t.name));
            }
            pos = toks[end].span.end;
            i = end + 1;
            continue;
        }
        let sqref_attr = match lname {
            "conditionalFormatting" | "dataValidation" => Some("sqref"),
            "hyperlink" => Some("ref"),
            _ => None,
        };
        if is_open
            && let Some(key) = sqref_attr
            && let Some(v) = attr(&t.attrs, key)
        {
            let new = if key == "ref" {
                map_single_ref(map, v)
            } else {
                map.map_sqref(v)
            };
            let mut attrs = t.attrs.clone();
            set_attr(&mut attrs, key, new);
            out.push_str(&xml[pos..t.span.start]);
            out.push_str(&start_tag(&t.name, &attrs, t.kind == Kind::Empty));
            pos = t.span.end;
        }
        // Formulas of conditional formats and validations; x14 sqref text.
        if t.kind == Kind::Start
            && matches!(lname, "formula" | "formula1" | "formula2" | "f" | "sqref")
        {
            let end = matching_end(toks, i);
            if end == i + 2 && toks[i + 1].kind == Kind::Text {
                let old = &toks[i + 1].text;
                let new = if lname == "sqref" {
                    map.map_sqref(old)
                } else {
                    rewrite_refs(old, sheet_ok, |a| map.map_area(a, &[]))
                };
                if &new != old {
                    out.push_str(&xml[pos..toks[i + 1].span.start]);
                    out.push_str(&esc_text(&new));
                    pos = toks[i + 1].span.end;
                }
            }
        }
        i += 1;
    }
    out.push_str(&xml[pos..]);
    out
}

fn map_single_ref(map: &RowMap, r: &str) -> String {
    let ch: Vec<char> = r.chars().collect();
    match parse_part(&ch, 0) {
        Some(((c, row), j)) if j == ch.len() => Area {
            c1: c,
            r1: (map.row(row.0, &[]), row.1),
            c2: None,
            r2: None,
        }
        .write(),
        _ => map.map_sqref(r),
    }
}

/// A merged range at every place its rows went: once per loop iteration
/// when it sits inside a loop body, else stretched over moved rows.
fn map_merge(map: &RowMap, r: &str) -> Vec<String> {
    let ch: Vec<char> = r.chars().collect();
    let Some(((c1, r1), j)) = parse_part(&ch, 0) else {
        return vec![r.to_string()];
    };
    let Some(((c2, r2), _)) = (ch.get(j) == Some(&':'))
        .then(|| parse_part(&ch, j + 1))
        .flatten()
    else {
        return vec![r.to_string()];
    };
    let mut out = Vec::new();
    for (i, (o, p)) in map.out.iter().enumerate() {
        if *o != r1.0 {
            continue;
        }
        let s = i as u32 + 1;
        let e = map.row(r2.0, p);
        if e >= s {
            let a = Area {
                c1,
                r1: (s, r1.1),
                c2,
                r2: Some((e, r2.1)),
            };
            out.push(a.write());
        }
    }
    if out.is_empty() && r1.0 > map.max_row {
        let a = Area {
            c1,
            r1: (map.beyond(r1.0), r1.1),
            c2,
            r2: Some((map.beyond(r2.0), r2.1)),
        };
        out.push(a.write());
    }
    out
}

// ---------------------------------------------------------------------------
// Names and messages

/// `{{ expr }}` alone in the cell (whitespace around allowed).
fn whole_expression(src: &str) -> Option<&str> {
    let t = src.trim();
    let inner = t.strip_prefix("{{")?.strip_suffix("}}")?;
    if inner.contains("{{") || inner.contains("}}") || inner.contains("{%") || inner.contains("{#")
    {
        return None;
    }
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    Some(inner.trim())
}

/// The first name of `src` that does not resolve in `ctx`, and the nearest
/// existing name at the same place.
fn unknown_name(
    env: &Environment<'static>,
    src: &str,
    ctx: &Value,
) -> Option<(String, Option<String>)> {
    let mut vars: Vec<String> = match env.template_from_str(src) {
        Ok(t) => t.undeclared_variables(true).into_iter().collect(),
        Err(_) => return None,
    };
    vars.sort();
    for var in vars {
        let segs: Vec<&str> = var.split('.').collect();
        let mut cur = ctx.clone();
        for (i, seg) in segs.iter().enumerate() {
            let next = cur.get_attr(seg).unwrap_or_default();
            if next.is_undefined() {
                let keys: Vec<String> = match cur.try_iter() {
                    Ok(it) if cur.kind() == ValueKind::Map => it.map(|k| k.to_string()).collect(),
                    _ => Vec::new(),
                };
                let best = keys
                    .iter()
                    .map(|k| {
                        (
                            strsim::normalized_damerau_levenshtein(
                                &k.to_lowercase(),
                                &seg.to_lowercase(),
                            ),
                            k,
                        )
                    })
                    .filter(|(s, _)| *s >= 0.5)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, k)| k.clone());
                let prefix = segs[..i].join(".");
                let join = |k: &str| {
                    if prefix.is_empty() {
                        k.to_string()
                    } else {
                        format!("{prefix}.{k}")
                    }
                };
                let hint = best.map(|b| {
                    // Keep the rest of the path when it exists under the suggestion.
                    let mut full = join(&b);
                    let mut v = cur.get_attr(&b).unwrap_or_default();
                    for rest in &segs[i + 1..] {
                        v = v.get_attr(rest).unwrap_or_default();
                        if v.is_undefined() {
                            return full;
                        }
                    }
                    for rest in &segs[i + 1..] {
                        full.push('.');
                        full.push_str(rest);
                    }
                    full
                });
                return Some((join(seg), hint));
            }
            cur = next;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_outside_strings_and_names() {
        let shift = |f: &str| {
            rewrite_refs(
                f,
                |s| s.is_none_or(|s| s == "Báo cáo"),
                |a| {
                    a.r1.0 += 10;
                    if let Some(r) = a.r2.as_mut() {
                        r.0 += 10;
                    }
                },
            )
        };
        assert_eq!(shift("SUM(D7:D9)+$A$1"), "SUM(D17:D19)+$A$11");
        assert_eq!(shift("\"A1\"&B2"), "\"A1\"&B12");
        assert_eq!(shift("LOG10(A1)"), "LOG10(A11)");
        assert_eq!(
            shift("'Báo cáo'!C3+Khac!C3+'Khác'!C3"),
            "'Báo cáo'!C13+Khac!C3+'Khác'!C3"
        );
        assert_eq!(
            shift("SUM(5:7)+SUM(A:A)+1.5E3"),
            "SUM(15:17)+SUM(A:A)+1.5E3"
        );
        assert_eq!(shift("Table1[Cột]+ABC1234X"), "Table1[Cột]+ABC1234X");
    }

    #[test]
    fn shared_formulas_move_their_relative_parts() {
        assert_eq!(offset_formula("B2*C$2+$D2", 3, 1), "C5*D$2+$D5");
    }

    #[test]
    fn row_markers() {
        assert_eq!(
            marker("{%tr for c in nhom[\"Kinh tế\"] %}"),
            Some(Ok(Marker::For {
                target: "c".into(),
                expr: "nhom[\"Kinh tế\"]".into()
            }))
        );
        assert_eq!(marker("{%- tr endfor -%}"), Some(Ok(Marker::EndFor)));
        assert_eq!(marker("{% for c in x %}"), None);
        assert_eq!(marker("{{ x }}"), None);
    }

    #[test]
    fn whole_expressions() {
        assert_eq!(
            whole_expression(" {{ ct.GD01.gia_tri }} "),
            Some("ct.GD01.gia_tri")
        );
        assert_eq!(whole_expression("{{ a }} và {{ b }}"), None);
        assert_eq!(whole_expression("Tỷ lệ {{ a }}"), None);
    }
}
