//! Package parts: shared strings, the workbook and its relationships, the
//! parts that follow moved rows, and writing the edited package.

use super::refs::rewrite_refs;
use super::rowmap::RowMap;
use super::xml::{Kind, attr, esc_text, local, matching_end, set_attr, start_tag, tokenize};
use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

/// Shared strings, each the concatenation of its runs (phonetic runs left out).
pub(super) fn parse_shared_strings(xml: &str) -> Vec<String> {
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
pub(super) fn sheet_parts(workbook: &str, rels: &str) -> Vec<(String, String)> {
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
pub(super) fn edit_workbook(xml: &str, maps: &[(String, RowMap)]) -> Result<String, String> {
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
pub(super) fn follow_moved_sheets(
    xml: &str,
    maps: &[(String, RowMap)],
) -> Result<Option<String>, String> {
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
pub(super) fn related_parts(rels: &str, dir: &str, kind: &str) -> Vec<String> {
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
pub(super) fn edit_refs(xml: &str, elements: &[&str], map: &RowMap) -> Result<String, String> {
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

/// Copy every entry in order: raw when untouched, written anew when
/// rewritten, `calcChain.xml` dropped (the package layer fixes timestamps
/// and compression, so the output depends only on the input).
pub(super) fn write_package(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    rewritten: &BTreeMap<String, String>,
) -> zip::result::ZipResult<Vec<u8>> {
    let mut out = crate::ooxml::write::Writer::new();
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i)?;
        let name = file.name()?.into_owned();
        if name == "xl/calcChain.xml" {
            continue;
        }
        match rewritten.get(&name) {
            Some(text) => {
                drop(file);
                out.part(&name, text.as_bytes())?;
            }
            None => out.copy_raw(file)?,
        }
    }
    out.finish()
}
