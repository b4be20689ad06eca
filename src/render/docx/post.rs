//! Fixes applied to rendered XML: table grids that match the rows a loop
//! produced, and drawing ids that stay unique after images were repeated.

use std::collections::HashSet;
use std::ops::Range;

use crate::ooxml::xml::{Kind, Tok, attr_span, tokenize};

/// Rebuilds each `w:tblGrid` whose column count differs from the widest
/// row (counting `gridSpan`, `gridBefore`, `gridAfter`). Keeps the table's
/// total width. Tables that already match keep their bytes.
pub(crate) fn fix_tables(xml: &str) -> Result<Option<String>, String> {
    if !xml.contains("<w:tbl>") && !xml.contains("<w:tbl ") {
        return Ok(None);
    }
    let toks = tokenize(xml)?;
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.kind != Kind::Start || t.name != "w:tbl" {
            continue;
        }
        let mut grid = None;
        let mut widest = 0;
        for c in children(&toks, i) {
            match toks[c].name {
                "w:tblGrid" => grid = Some(c),
                "w:tr" => widest = widest.max(row_width(xml, &toks, c)),
                _ => {}
            }
        }
        let Some(g) = grid else { continue };
        let widths: Vec<f64> = children(&toks, g)
            .filter(|&c| toks[c].name == "w:gridCol")
            .map(|c| {
                let tag = &xml[toks[c].start..toks[c].end];
                attr_span(tag, "w:w")
                    .and_then(|r| tag[r].parse::<f64>().ok())
                    .unwrap_or(0.0)
            })
            .collect();
        if widest == 0 || widest == widths.len() {
            continue;
        }
        let new = regrid(&widths, widest);
        let mut s = String::from("<w:tblGrid>");
        for w in new {
            s.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        s.push_str("</w:tblGrid>");
        let gt = toks[g];
        edits.push((gt.start..toks[gt.partner].end.max(gt.end), s));
    }
    if edits.is_empty() {
        return Ok(None);
    }
    Ok(Some(apply(xml, edits)))
}

/// New column widths for `n` columns, keeping the total width: extra
/// columns share it evenly (as docxtpl does), removed columns give theirs
/// to the ones left.
fn regrid(widths: &[f64], n: usize) -> Vec<i64> {
    let total: f64 = widths.iter().sum();
    if widths.is_empty() || total <= 0.0 {
        let each = if total > 0.0 { total / n as f64 } else { 0.0 };
        return vec![each as i64; n];
    }
    if n > widths.len() {
        let scale = widths.len() as f64 / n as f64;
        let avg = total / n as f64;
        let mut out: Vec<i64> = widths.iter().map(|w| (w * scale) as i64).collect();
        out.resize(n, avg as i64);
        out
    } else {
        let removed: f64 = widths[n..].iter().sum();
        let extra = (removed / n as f64) as i64;
        widths[..n].iter().map(|&w| w as i64 + extra).collect()
    }
}

/// Direct element children of the element starting at token `i`.
pub(crate) fn children<'t>(toks: &'t [Tok<'_>], i: usize) -> impl Iterator<Item = usize> + 't {
    let end = toks[i].partner;
    let mut c = i + 1;
    std::iter::from_fn(move || {
        while c < end {
            let t = toks[c];
            let here = c;
            c = if t.kind == Kind::Start {
                t.partner + 1
            } else {
                c + 1
            };
            if matches!(t.kind, Kind::Start | Kind::Empty) {
                return Some(here);
            }
        }
        None
    })
}

fn val(xml: &str, t: &Tok<'_>) -> usize {
    let tag = &xml[t.start..t.end];
    attr_span(tag, "w:val")
        .and_then(|r| tag[r].trim().parse().ok())
        .unwrap_or(1)
}

/// Grid columns a row occupies.
fn row_width(xml: &str, toks: &[Tok<'_>], row: usize) -> usize {
    let mut n = 0;
    for c in children(toks, row) {
        let t = toks[c];
        match t.name {
            "w:tc" => {
                let span = children(toks, c)
                    .find(|&p| toks[p].name == "w:tcPr")
                    .filter(|&p| toks[p].kind == Kind::Start)
                    .and_then(|p| children(toks, p).find(|&g| toks[g].name == "w:gridSpan"))
                    .map_or(1, |g| val(xml, &toks[g]));
                n += span;
            }
            "w:trPr" if t.kind == Kind::Start => {
                for p in children(toks, c) {
                    if matches!(toks[p].name, "w:gridBefore" | "w:gridAfter") {
                        n += val(xml, &toks[p]);
                    }
                }
            }
            "w:sdt" | "w:customXml" | "w:sdtContent" if t.kind == Kind::Start => {
                n += row_width(xml, toks, c);
            }
            _ => {}
        }
    }
    n
}

/// The `id` of every `wp:docPr` in a part.
pub(crate) fn docpr_ids(xml: &str) -> Vec<u64> {
    let mut ids = Vec::new();
    let mut from = 0;
    while let Some(p) = xml[from..].find("<wp:docPr") {
        let start = from + p;
        let end = xml[start..].find('>').map_or(xml.len(), |n| start + n + 1);
        let tag = &xml[start..end];
        if let Some(v) = attr_span(tag, "id").and_then(|r| tag[r].parse().ok()) {
            ids.push(v);
        }
        from = end;
    }
    ids
}

/// Gives every `wp:docPr` whose id is already taken a fresh one; the
/// first holder of an id keeps it, so untouched drawings keep their bytes.
pub(crate) fn fix_docpr(xml: &str, taken: &mut HashSet<u64>, next: &mut u64) -> Option<String> {
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(p) = xml[from..].find("<wp:docPr") {
        let start = from + p;
        let end = xml[start..].find('>').map_or(xml.len(), |n| start + n + 1);
        let tag = &xml[start..end];
        if let Some(r) = attr_span(tag, "id") {
            let id: Option<u64> = tag[r.clone()].parse().ok();
            match id {
                Some(id) if taken.insert(id) => {}
                _ => {
                    while taken.contains(next) {
                        *next += 1;
                    }
                    taken.insert(*next);
                    edits.push((start + r.start..start + r.end, next.to_string()));
                }
            }
        }
        from = end;
    }
    (!edits.is_empty()).then(|| apply(xml, edits))
}

fn apply(xml: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|e| e.0.start);
    let mut out = String::with_capacity(xml.len() + 64);
    let mut at = 0;
    for (r, s) in edits {
        if r.start < at {
            continue;
        }
        out.push_str(&xml[at..r.start]);
        out.push_str(&s);
        at = r.end;
    }
    out.push_str(&xml[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_grows_and_shrinks() {
        assert_eq!(regrid(&[3000.0, 3000.0], 3), vec![2000, 2000, 2000]);
        assert_eq!(regrid(&[2000.0, 2000.0, 2000.0], 2), vec![3000, 3000]);
    }

    #[test]
    fn duplicate_drawing_ids_renumbered() {
        let xml = r#"<wp:docPr id="1" name="a"/><wp:docPr id="1" name="b"/>"#;
        let mut taken = HashSet::new();
        let mut next = 2;
        let out = fix_docpr(xml, &mut taken, &mut next).unwrap();
        assert_eq!(
            out,
            r#"<wp:docPr id="1" name="a"/><wp:docPr id="2" name="b"/>"#
        );
    }
}
