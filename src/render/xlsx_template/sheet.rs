//! Sheets: row loops, filled cells and everything that follows moved rows.

use super::super::env::{error_detail, has_tag};
use super::height::{Widths, Wraps, format_height, row_height};
use super::names::{unknown_name, whole_expression};
use super::refs::{col_letters, offset_formula, parse_cell, rewrite_refs};
use super::rowmap::{Path, RowMap, map_merge, map_single_ref};
use super::xml::{Kind, Tok, attr, esc_text, local, matching_end, set_attr, start_tag, tokenize};
use crate::check::{Problem, RowTagError, TemplateKind};
use minijinja::value::{Value, ValueKind, merge_maps};
use minijinja::{Environment, ErrorKind};
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Clone)]
pub(super) struct Cell {
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
pub(super) struct Row {
    r: u32,
    attrs: Vec<(String, String)>,
    cells: Vec<Cell>,
}

/// A `{%tr %}` marker of a row's first cell.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Marker {
    For { target: String, expr: String },
    EndFor,
}

pub(super) fn marker(text: &str) -> Option<Result<Marker, RowTagError>> {
    let t = text.trim_start();
    let rest = t.strip_prefix("{%")?;
    let rest = rest.strip_prefix('-').unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix("tr")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let Some(end) = rest.find("%}") else {
        return Some(Err(RowTagError::NoClose));
    };
    let body = rest[..end].trim().trim_end_matches('-').trim();
    if body == "endfor" {
        return Some(Ok(Marker::EndFor));
    }
    let Some(b) = body.strip_prefix("for ") else {
        return Some(Err(RowTagError::Unsupported {
            body: body.to_string(),
        }));
    };
    match b.split_once(" in ") {
        Some((target, expr)) if !target.trim().is_empty() && !expr.trim().is_empty() => {
            Some(Ok(Marker::For {
                target: target.trim().to_string(),
                expr: expr.trim().to_string(),
            }))
        }
        _ => Some(Err(RowTagError::BadFor {
            body: body.to_string(),
        })),
    }
}

/// A row loop: template rows `start` (the for row) to `end` (the endfor row).
#[derive(Debug, Clone)]
pub(super) struct Loop {
    id: usize,
    start: u32,
    end: u32,
    target: String,
    expr: String,
    cell: String,
}

pub(super) enum Compiled<'e, 's> {
    Expr(minijinja::Expression<'e, 's>),
    Tmpl(minijinja::Template<'e, 's>),
}

pub(super) struct Job<'a> {
    pub(super) env: &'a Environment<'static>,
    pub(super) file: &'a str,
    pub(super) sheet: &'a str,
    pub(super) shared: &'a [String],
    /// The workbook's wrapping cell formats, for the heights of loop rows.
    pub(super) wraps: &'a Wraps,
}

/// One output row before it is written.
pub(super) struct OutRow {
    origin: u32,
    path: Path,
    /// `None` for the blank row left by an empty loop.
    ctx: Option<Value>,
}

impl Job<'_> {
    fn problem(&self, cell: &str, kind: TemplateKind) -> Problem {
        Problem::error(crate::check::Kind::Template(kind))
            .stage(crate::check::Stage::Template)
            .file(self.file)
            .sheet(Some(self.sheet))
            .cell(cell)
    }

    /// The rewritten sheet and its row map (when rows moved), or `None`
    /// when the sheet holds no tag.
    #[allow(clippy::type_complexity)]
    pub(super) fn render_sheet(
        &self,
        xml: &str,
        ctx: &Value,
    ) -> Result<Option<(String, Option<RowMap>)>, Vec<Problem>> {
        if !xml.contains("<sheetData") {
            return Ok(None);
        }
        let toks = tokenize(xml).map_err(|e| {
            vec![self.problem(
                "",
                TemplateKind::SheetXml {
                    error: e.to_string(),
                },
            )]
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
                        TemplateKind::CellSyntax {
                            detail: error_detail(&e),
                        },
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
        let widths = Widths::parse(&toks[..sd]);
        let shared_formulas = shared_masters(&rows);
        let mut seen_errors: HashSet<(String, ErrorKind, String, Option<String>)> = HashSet::new();
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
            // Wrapped texts of a loop's row: (column, style, text).
            let mut texts: Vec<(u32, Option<String>, String)> = Vec::new();
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
                        Ok(v) => {
                            if let CellOut::Text(t) = &v
                                && !o.path.is_empty()
                            {
                                texts.push((
                                    c.col,
                                    attr(&c.attrs, "s").map(String::from),
                                    t.clone(),
                                ));
                            }
                            cells.push_str(&value_cell(cattrs, v))
                        }
                        Err(e) => {
                            // A loop repeats one cell's error on every row:
                            // reported once per template cell and error
                            // (its kind and detail), not per message text.
                            let tcell = format!("{letters}{}", row.r);
                            let src = c.template.as_deref().unwrap_or("");
                            let unknown = self.unknown(&e, src, row_ctx);
                            let key = (
                                tcell.clone(),
                                e.kind(),
                                e.detail().unwrap_or_default().to_string(),
                                unknown.as_ref().map(|(name, _)| name.clone()),
                            );
                            if seen_errors.insert(key) {
                                problems.push(self.problem(&tcell, render_kind(&e, unknown)));
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
            let ht = attr(&row.attrs, "ht").and_then(|h| h.parse().ok());
            if let Some(h) = row_height(&texts, self.wraps, &widths, ht) {
                set_attr(&mut attrs, "ht", format_height(h));
                set_attr(&mut attrs, "customHeight", "1".into());
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

    /// The name the data does not have (and the nearest one) behind an
    /// undefined-value error of the template `src`.
    fn unknown(
        &self,
        e: &minijinja::Error,
        src: &str,
        ctx: &Value,
    ) -> Option<(String, Option<String>)> {
        (e.kind() == ErrorKind::UndefinedError)
            .then(|| unknown_name(self.env, src, ctx))
            .flatten()
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
                    None => problems.push(self.problem(&cell, TemplateKind::EndforWithoutFor)),
                },
                Some(Err(e)) => problems.push(self.problem(&cell, TemplateKind::BadRowTag(e))),
                None => {}
            }
        }
        for (_, _, _, cell) in stack {
            problems.push(self.problem(&cell, TemplateKind::ForWithoutEndfor));
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
                    let unknown = self.unknown(&e, &src, ctx);
                    problems.push(self.problem(&l.cell, render_kind(&e, unknown)));
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
pub(super) enum CellOut {
    Empty,
    Number(String),
    Text(String),
}

pub(super) fn value_cell(mut attrs: Vec<(String, String)>, v: CellOut) -> String {
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
pub(super) fn shared_masters(rows: &[Row]) -> HashMap<String, (u32, u32, String)> {
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
pub(super) fn formula_cell(
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

pub(super) fn strip_v(rest: &str) -> String {
    match (
        rest.find("<v>").or_else(|| rest.find("<v ")),
        rest.find("</v>"),
    ) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &rest[..a], &rest[b + 4..]),
        _ => rest.to_string(),
    }
}

pub(super) fn element(name: &str, attrs: &[(String, String)], text: &str) -> String {
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
pub(super) fn rewrite_tail(xml: &str, toks: &[Tok], map: &RowMap, sheet: &str) -> String {
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

/// The problem of a cell whose filling failed with `e`; `unknown`: the
/// name the data does not have behind it, and the nearest one.
fn render_kind(e: &minijinja::Error, unknown: Option<(String, Option<String>)>) -> TemplateKind {
    if let Some((name, nearest)) = unknown {
        return TemplateKind::UnknownName { name, nearest };
    }
    match crate::render::filters::filter_error(e) {
        Some(error) => TemplateKind::Filter {
            engine: e.kind().to_string(),
            error: error.clone(),
        },
        None => TemplateKind::FillError {
            detail: error_detail(e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
