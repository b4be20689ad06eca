//! Turns one package part into a Jinja template source.
//!
//! Tags are found over the *decoded, concatenated* text of each paragraph's
//! text nodes (the docxtemplater way), so a tag that Word split across runs
//! (spell-check marks, revision ids, a bold middle, bookmarks, language
//! changes) is found whole. The tag text is then moved into the run of its
//! first character, the other runs lose only the characters of the tag, and
//! everything else stays as the original bytes. `{%p …%}`, `{%tr …%}`,
//! `{%tc …%}`, `{%r …%}` (and `{#p …#}` comments) replace their innermost
//! enclosing element by the bare tag, as docxtpl does.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use crate::check::{Element, Place, Unfilled, WordKind};
use crate::ooxml::xml::{Kind, Tok, attr_span, decode, tokenize};

pub(crate) use super::tag::{Piece, Tag, first_tag_in_text};
use super::tag::{doubled_braces, find_open, first_tag, parse_tag};

/// What the part holds and how its text is delimited.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum PartKind {
    /// document, headers, footers, footnotes, endnotes: `w:p` / `w:t`.
    Word,
    /// docProps/core.xml: `dc:title` and `dc:subject` hold plain text.
    Core,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum TagKind {
    Expr,
    Stmt,
    Comment,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Lift {
    P,
    Tr,
    Tc,
    R,
}

/// A problem found while preparing, before Jinja sees anything.
#[derive(Clone, Debug)]
pub(crate) struct PrepError {
    /// An undefined name (or value) made this error: the name as written,
    /// which `--lenient` turns into a warning.
    pub undefined: Option<String>,
    pub location: Option<Place>,
    pub kind: WordKind,
}

impl PrepError {
    /// An error with no place in the part to name.
    pub(crate) fn unplaced(kind: WordKind) -> Self {
        PrepError {
            undefined: None,
            location: None,
            kind,
        }
    }
}

pub(crate) struct Prepared {
    pub pieces: Vec<Piece>,
    pub tags: Vec<Tag>,
    pub errors: Vec<PrepError>,
    /// Forms soket accepts as docxtpl does but that deserve a word to the
    /// template's author (`{{%tr for … %}}`).
    pub warnings: Vec<PrepError>,
    /// The part changes even without a tag (docxtpl's `{_{` escapes).
    pub escapes: bool,
}

impl Prepared {
    pub fn has_tags(&self) -> bool {
        !self.tags.is_empty() || !self.errors.is_empty() || self.escapes
    }
}

struct Node {
    /// Token index of the text element's start tag.
    tok: usize,
    content: Range<usize>,
    run: Option<usize>,
    text: String,
    raw_at: Vec<usize>,
}

struct Para {
    elem: Option<usize>,
    tc: Option<usize>,
    tr: Option<usize>,
    cell: Option<Place>,
    nodes: Vec<usize>,
}

struct Edit {
    range: Range<usize>,
    /// Lower wins when edits overlap (element replacements first).
    priority: u8,
    /// Tie-break for insertions at the same point.
    order: u8,
    pieces: Vec<Piece>,
}

#[derive(Default)]
struct CellProps {
    colspan: Option<(usize, String)>,
    cellbg: Option<(usize, String)>,
    /// `{% vm %}`: merged down the rows of the enclosing loop.
    vmerge: Option<usize>,
    /// `{% hm %}`: one cell spanning the columns of the enclosing loop.
    hmerge: Option<usize>,
}

struct Builder<'a> {
    xml: &'a str,
    toks: Vec<Tok<'a>>,
    kind: PartKind,
    nodes: Vec<Node>,
    tags: Vec<Tag>,
    errors: Vec<PrepError>,
    warnings: Vec<PrepError>,
    escapes: bool,
    unfilled_warned: bool,
    edits: Vec<Edit>,
    /// Element (token index) → tags lifted onto it.
    lifted: BTreeMap<usize, Vec<usize>>,
    cells: BTreeMap<usize, CellProps>,
    preserved: HashSet<usize>,
    /// Text nodes ending in `-%}`, to be joined with the next text node.
    join_after: Vec<usize>,
}

/// Prepares a part. An `Err` means the XML itself is broken.
pub(crate) fn prepare(xml: &str, kind: PartKind) -> Result<Prepared, String> {
    let toks = tokenize(xml)?;
    let mut b = Builder {
        xml,
        toks,
        kind,
        nodes: Vec::new(),
        tags: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
        escapes: false,
        unfilled_warned: false,
        edits: Vec::new(),
        lifted: BTreeMap::new(),
        cells: BTreeMap::new(),
        preserved: HashSet::new(),
        join_after: Vec::new(),
    };
    b.walk();
    for n in std::mem::take(&mut b.join_after) {
        if n + 1 < b.nodes.len() {
            let range = b.nodes[n].content.end..b.nodes[n + 1].content.start;
            b.edit(range, 2, 0, Vec::new());
        }
    }
    if b.tags.is_empty() && b.errors.is_empty() && !b.escapes {
        return Ok(Prepared {
            pieces: vec![Piece::Raw(0..xml.len())],
            tags: Vec::new(),
            errors: Vec::new(),
            warnings: b.warnings,
            escapes: false,
        });
    }
    b.preserve_as_docxtpl();
    b.lift_edits();
    b.cell_edits();
    let pieces = b.assemble();
    Ok(Prepared {
        pieces,
        tags: b.tags,
        errors: b.errors,
        warnings: b.warnings,
        escapes: b.escapes,
    })
}

fn is_text_elem(kind: PartKind, name: &str) -> bool {
    match kind {
        PartKind::Word => name == "w:t",
        // The properties docxtpl fills: title, subject, author, comments,
        // identifier, language.
        PartKind::Core => matches!(
            name,
            "dc:title"
                | "dc:subject"
                | "dc:creator"
                | "dc:description"
                | "dc:identifier"
                | "dc:language"
        ),
    }
}

impl<'a> Builder<'a> {
    fn walk(&mut self) {
        struct Table {
            no: usize,
            row: usize,
            cell: usize,
        }
        let mut tables: Vec<Table> = Vec::new();
        let mut table_count = 0;
        let mut stack: Vec<usize> = Vec::new();
        let mut paras: Vec<Para> = Vec::new();
        for i in 0..self.toks.len() {
            let t = self.toks[i];
            match t.kind {
                Kind::Start => {
                    match t.name {
                        "w:tbl" => {
                            table_count += 1;
                            tables.push(Table {
                                no: table_count,
                                row: 0,
                                cell: 0,
                            });
                        }
                        "w:tr" => {
                            if let Some(tb) = tables.last_mut() {
                                tb.row += 1;
                                tb.cell = 0;
                            }
                        }
                        "w:tc" => {
                            if let Some(tb) = tables.last_mut() {
                                tb.cell += 1;
                            }
                        }
                        "w:p" => {
                            let find = |name: &str| {
                                stack
                                    .iter()
                                    .rev()
                                    .copied()
                                    .find(|&s| self.toks[s].name == name)
                            };
                            paras.push(Para {
                                elem: Some(i),
                                tc: find("w:tc"),
                                tr: find("w:tr"),
                                cell: tables.last().map(|tb| Place::TableCell {
                                    table: tb.no,
                                    row: tb.row,
                                    cell: tb.cell,
                                }),
                                nodes: Vec::new(),
                            });
                        }
                        "w:instrText" | "w:delText" if self.kind == PartKind::Word => {
                            self.unfilled(i);
                        }
                        name if is_text_elem(self.kind, name) => {
                            let end = self.toks[t.partner].start;
                            let content = t.end..end;
                            let (text, raw_at) = decode(&self.xml[content.clone()]);
                            let run = stack
                                .iter()
                                .rev()
                                .copied()
                                .take_while(|&s| self.toks[s].name != "w:p")
                                .find(|&s| self.toks[s].name == "w:r");
                            self.nodes.push(Node {
                                tok: i,
                                content,
                                run,
                                text,
                                raw_at,
                            });
                            let n = self.nodes.len() - 1;
                            match paras.last_mut() {
                                Some(p) => p.nodes.push(n),
                                None => {
                                    let para = Para {
                                        elem: None,
                                        tc: None,
                                        tr: None,
                                        cell: Some(Place::Property(name.to_string())),
                                        nodes: vec![n],
                                    };
                                    self.paragraph(&para);
                                }
                            }
                        }
                        _ => {}
                    }
                    stack.push(i);
                }
                Kind::End => {
                    stack.pop();
                    match t.name {
                        "w:tbl" => {
                            tables.pop();
                        }
                        "w:p" => {
                            if let Some(p) = paras.pop() {
                                self.paragraph(&p);
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }

    /// A tag in a field code or in deleted text is not filled (docxtpl
    /// does not either): warned once per part, never silently literal.
    fn unfilled(&mut self, start: usize) {
        if self.unfilled_warned {
            return;
        }
        let t = self.toks[start];
        let (text, _) = decode(&self.xml[t.end..self.toks[t.partner].start]);
        let Some(tag) = first_tag(&text) else {
            return;
        };
        self.unfilled_warned = true;
        let place = if t.name == "w:instrText" {
            Unfilled::FieldCode
        } else {
            Unfilled::DeletedText
        };
        self.warnings.push(PrepError::unplaced(WordKind::NotFilled {
            tag: tag.to_string(),
            place,
        }));
    }

    /// Finds the tags of one paragraph and records their edits.
    fn paragraph(&mut self, para: &Para) {
        if para.nodes.is_empty() {
            return;
        }
        let mut full = String::new();
        let mut starts = Vec::with_capacity(para.nodes.len());
        for &n in &para.nodes {
            starts.push(full.len());
            full.push_str(&self.nodes[n].text);
        }
        if self.kind == PartKind::Word {
            self.escapes(para, &full, &starts);
        }
        if !crate::render::env::has_tag(&full) {
            return;
        }
        let location = para.cell.clone().unwrap_or_else(|| Place::paragraph(&full));
        // (node index within paragraph, offset within node) of a position.
        let locate = |pos: usize, end: bool| -> (usize, usize) {
            let k = match starts.binary_search(&pos) {
                Ok(k) if end && k > 0 => {
                    // An end position on a boundary belongs to the node before.
                    let mut k = k;
                    while k > 0 && starts[k] == pos {
                        k -= 1;
                    }
                    k
                }
                Ok(mut k) => {
                    // Skip empty nodes so the tag lands in a node with text.
                    while k + 1 < starts.len() && starts[k + 1] == pos {
                        k += 1;
                    }
                    k
                }
                Err(k) => k - 1,
            };
            (k, pos - starts[k])
        };
        let mut from = 0;
        while let Some(rel) = find_open(&full[from..]) {
            let open = from + rel;
            let delim = &full[open..open + 2];
            let close_pat = match delim {
                "{{" => "}}",
                "{%" => "%}",
                _ => "#}",
            };
            let Some(close_rel) = full[open + 2..].find(close_pat) else {
                let shown: String = full[open..].chars().take(30).collect();
                self.errors.push(PrepError {
                    undefined: None,
                    location: Some(location.clone()),
                    kind: WordKind::NotClosed {
                        shown,
                        close: close_pat.to_string(),
                    },
                });
                break;
            };
            let close = open + 2 + close_rel + 2;
            from = close;
            let (ni, oi) = locate(open, false);
            let (nj, oj) = locate(close, true);
            let raw = &full[open..close];
            let tag = parse_tag(raw, &location);
            if let Some(usual) = doubled_braces(raw) {
                self.warnings.push(PrepError {
                    undefined: None,
                    location: Some(location.clone()),
                    kind: WordKind::DoubledBraces {
                        tag: tag.display.clone(),
                        usual: usual.to_string(),
                    },
                });
            }
            let tag_id = self.tags.len();
            let pos = self.raw_pos(para.nodes[ni], oi);
            self.tags.push(Tag { pos, ..tag });
            self.place(para, tag_id, (ni, oi), (nj, oj));
        }
    }

    /// Records the edits that put tag `id` where it belongs.
    /// `(ni, oi)` and `(nj, oj)`: node within the paragraph and offset in
    /// its decoded text of the tag's first character and of its end.
    fn place(
        &mut self,
        para: &Para,
        id: usize,
        (ni, oi): (usize, usize),
        (nj, oj): (usize, usize),
    ) {
        let tag = self.tags[id].clone();
        let first = para.nodes[ni];
        let last = para.nodes[nj];
        let start = self.raw_pos(first, oi);
        let end = self.raw_pos(last, oj);
        // Characters of the tag in the following nodes disappear.
        for &n in &para.nodes[ni + 1..=nj] {
            let c = self.nodes[n].content.clone();
            let to = if n == last { end } else { c.end };
            self.edit(c.start..to, 1, 0, Vec::new());
        }
        let first_end = if first == last {
            end
        } else {
            self.nodes[first].content.end
        };
        let here = start..first_end;

        if let Some(lift) = tag.lift.filter(|_| tag.kind != TagKind::Expr) {
            let target = match lift {
                Lift::P => para.elem,
                Lift::Tr => para.tr,
                Lift::Tc => para.tc,
                Lift::R => self.nodes[first].run,
            };
            match target {
                Some(e) => self.lifted.entry(e).or_default().push(id),
                None => {
                    let element = match lift {
                        Lift::P => Element::Paragraph,
                        Lift::Tr => Element::TableRow,
                        Lift::Tc => Element::TableCell,
                        Lift::R => Element::Run,
                    };
                    self.errors.push(PrepError {
                        undefined: None,
                        location: Some(tag.location.clone()),
                        kind: WordKind::NotInside {
                            tag: tag.display.clone(),
                            element,
                        },
                    });
                }
            }
            self.edit(here, 1, 0, Vec::new());
            return;
        }

        if tag.kind == TagKind::Stmt && matches!(tag.inner.as_str(), "vm" | "hm") {
            self.merge_tag(para, id, &tag, first);
            self.edit(here, 1, 0, Vec::new());
            return;
        }
        if tag.kind == TagKind::Stmt {
            let kw = tag.keyword();
            if kw == "colspan" || kw == "cellbg" {
                let arg = tag.inner.trim_start()[kw.len()..].trim().to_string();
                match para.tc {
                    Some(tc) => {
                        let props = self.cells.entry(tc).or_default();
                        if kw == "colspan" {
                            props.colspan = Some((id, arg));
                        } else {
                            props.cellbg = Some((id, arg));
                        }
                    }
                    None => self.errors.push(PrepError {
                        undefined: None,
                        location: Some(tag.location.clone()),
                        kind: WordKind::OnlyInCell {
                            tag: tag.display.clone(),
                        },
                    }),
                }
                self.edit(here, 1, 0, Vec::new());
                return;
            }
        }

        let jinja = Piece::Jinja {
            tag: id,
            text: tag.jinja(),
            neutral: None,
        };
        let is_word = self.kind == PartKind::Word;
        let pieces = match tag.kind {
            TagKind::Comment => Vec::new(),
            TagKind::Expr if tag.lift == Some(Lift::R) && is_word => {
                let rpr = self.nodes[first]
                    .run
                    .and_then(|r| self.run_props(r))
                    .unwrap_or("");
                let seam = format!("</w:t></w:r><w:r>{rpr}<w:t xml:space=\"preserve\">");
                vec![Piece::Xml(seam.clone()), jinja, Piece::Xml(seam)]
            }
            _ => vec![jinja],
        };
        self.edit(here, 1, 0, pieces);
        if is_word && tag.kind != TagKind::Comment {
            self.preserve(first);
            // The text after the tag in its last node joins the first
            // node's in docxtpl, spaces kept.
            self.preserve(last);
        }
        // `{%-` / `-%}` join with the neighbouring paragraph's text.
        if tag.kind == TagKind::Stmt {
            if tag.display.starts_with("{%-") && oi == 0 && first > 0 {
                let prev = &self.nodes[first - 1];
                let range = prev.content.end..self.nodes[first].content.start;
                self.edit(range, 2, 0, Vec::new());
                self.preserve(first - 1);
            }
            if tag.display.ends_with("-%}") && oj == self.nodes[last].text.len() {
                // The next text node is not known yet: joined after the walk.
                self.join_after.push(last);
            }
        }
    }

    /// `{% vm %}` and `{% hm %}`, docxtpl's merges inside loops. `vm`: the
    /// cell is merged with its copies in the rows below (`w:vMerge`
    /// restart, then continue) and, as in docxtpl, the text from the
    /// cell's first text node to the end of the one holding `{% vm %}`
    /// shows only on the loop's first pass; text after it stays in every
    /// copy (Word hides continued cells' text anyway). `hm`: only the
    /// first pass writes the cell, spanning as many grid columns as the
    /// loop has passes.
    fn merge_tag(&mut self, para: &Para, id: usize, tag: &Tag, node: usize) {
        let Some(tc) = para.tc else {
            self.errors.push(PrepError {
                undefined: None,
                location: Some(tag.location.clone()),
                kind: WordKind::OnlyInCell {
                    tag: tag.display.clone(),
                },
            });
            return;
        };
        let props = self.cells.entry(tc).or_default();
        if tag.inner == "hm" {
            props.hmerge = Some(id);
            return;
        }
        props.vmerge = Some(id);
        let cell_start = self.toks[tc].start;
        let first = self.nodes[..node]
            .iter()
            .rposition(|n| self.toks[n.tok].start < cell_start)
            .map_or(0, |k| k + 1);
        let start = self.nodes[first].content.start;
        let end = self.nodes[node].content.end;
        self.first_pass_only(id, start..end);
        self.preserve(first);
        self.preserve(node);
    }

    /// docxtpl's escapes: `{_{`, `}_}`, `{_%`, `%_}` print as `{{`, `}}`,
    /// `{%`, `%}` (to show a tag in the text). The underscore is removed
    /// where it is, so the text around keeps its runs.
    fn escapes(&mut self, para: &Para, full: &str, starts: &[usize]) {
        for pat in ["{_{", "}_}", "{_%", "%_}"] {
            for (at, _) in full.match_indices(pat) {
                let u = at + 1;
                let k = starts.partition_point(|&s| s <= u) - 1;
                let node = para.nodes[k];
                let off = u - starts[k];
                let range = self.raw_pos(node, off)..self.raw_pos(node, off + 1);
                // Lowest priority: an escape inside a tag is the tag's text.
                self.edit(range, 3, 0, Vec::new());
                self.escapes = true;
            }
        }
    }

    /// docxtpl makes a bare `<w:t>` space-preserving when a tag follows it
    /// before the next bare `<w:t>` (its regex runs over the whole part
    /// after tags were joined into their first text node). Matching it
    /// keeps the spaces Word would otherwise drop at the ends of such a
    /// text node (`<w:t> đồng.</w:t>` after a tag).
    fn preserve_as_docxtpl(&mut self) {
        if self.kind != PartKind::Word {
            return;
        }
        let mut at: Vec<usize> = self
            .tags
            .iter()
            // docxtpl takes `{% colspan %}` and `{% cellbg %}` out of
            // the text before this rule runs.
            .filter(|t| t.kind != TagKind::Comment && !matches!(t.keyword(), "colspan" | "cellbg"))
            .map(|t| t.pos)
            .collect();
        at.sort_unstable();
        let bare: Vec<usize> = (0..self.nodes.len())
            .filter(|&n| {
                let t = self.toks[self.nodes[n].tok];
                &self.xml[t.start..t.end] == "<w:t>"
            })
            .collect();
        for (k, &n) in bare.iter().enumerate() {
            let from = self.toks[self.nodes[n].tok].start;
            let to = bare
                .get(k + 1)
                .map_or(self.xml.len(), |&m| self.toks[self.nodes[m].tok].start);
            let i = at.partition_point(|&p| p < from);
            if at.get(i).is_some_and(|&p| p < to) {
                self.preserve(n);
            }
        }
    }

    /// Wraps `range` in `{% if loop.first %}` … `{% endif %}` (tag `id`).
    fn first_pass_only(&mut self, id: usize, range: Range<usize>) {
        let jinja = |text: &str| Piece::Jinja {
            tag: id,
            text: text.into(),
            neutral: Some(String::new()),
        };
        self.edit(
            range.start..range.start,
            1,
            0,
            vec![jinja("{% if loop.first %}")],
        );
        self.edit(range.end..range.end, 1, 9, vec![jinja("{% endif %}")]);
    }

    fn raw_pos(&self, node: usize, off: usize) -> usize {
        let n = &self.nodes[node];
        n.content.start + n.raw_at[off]
    }

    fn edit(&mut self, range: Range<usize>, priority: u8, order: u8, pieces: Vec<Piece>) {
        if range.is_empty() && pieces.is_empty() {
            return;
        }
        self.edits.push(Edit {
            range,
            priority,
            order,
            pieces,
        });
    }

    /// Makes a `w:t` keep leading/trailing spaces of the values put in it.
    fn preserve(&mut self, node: usize) {
        let tok = self.toks[self.nodes[node].tok];
        if self.kind != PartKind::Word || !self.preserved.insert(tok.start) {
            return;
        }
        if !self.xml[tok.start..tok.end].contains("preserve") {
            // Below tag edits: a `-%}` join that swallows this start tag wins.
            self.edit(
                tok.start..tok.end,
                2,
                0,
                vec![Piece::Xml("<w:t xml:space=\"preserve\">".into())],
            );
        }
    }

    /// The raw `<w:rPr>…</w:rPr>` of a run, if it has one.
    fn run_props(&self, run: usize) -> Option<&'a str> {
        let next = run + 1;
        let t = self.toks.get(next)?;
        match (t.kind, t.name) {
            (Kind::Start, "w:rPr") => Some(&self.xml[t.start..self.toks[t.partner].end]),
            (Kind::Empty, "w:rPr") => Some(&self.xml[t.start..t.end]),
            _ => None,
        }
    }

    /// Replaces each element carrying a lifted tag by the statement tags it
    /// holds, in order; an element inside another lifted one goes with it.
    fn lift_edits(&mut self) {
        let mut order: Vec<usize> = (0..self.tags.len()).collect();
        order.sort_by_key(|&t| self.tags[t].pos);
        let mut kept_end = 0;
        let elems: Vec<usize> = self.lifted.keys().copied().collect();
        let mut ranges: Vec<Range<usize>> = elems
            .iter()
            .map(|&e| self.toks[e].start..self.toks[self.toks[e].partner].end)
            .collect();
        ranges.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        for range in ranges {
            if range.start < kept_end {
                continue;
            }
            kept_end = range.end;
            let lo = order.partition_point(|&t| self.tags[t].pos < range.start);
            let hi = order.partition_point(|&t| self.tags[t].pos < range.end);
            let pieces = order[lo..hi]
                .iter()
                .filter(|&&t| self.tags[t].kind == TagKind::Stmt)
                .filter(|&&t| !matches!(self.tags[t].keyword(), "colspan" | "cellbg" | "vm" | "hm"))
                .map(|&t| Piece::Jinja {
                    tag: t,
                    text: self.tags[t].jinja(),
                    neutral: None,
                })
                .collect();
            self.edit(range, 0, 0, pieces);
        }
    }

    /// Rewrites `w:tcPr` for `{% colspan %}`, `{% cellbg %}`, `{% vm %}` and
    /// `{% hm %}`.
    fn cell_edits(&mut self) {
        // Where each kind of insert goes among w:tcPr's children (schema
        // order: gridSpan, hMerge, vMerge, tcBorders, shd, …).
        const SPAN: u8 = 0;
        const VMERGE: u8 = 1;
        const SHD: u8 = 2;
        let cells = std::mem::take(&mut self.cells);
        for (tc, props) in cells {
            let pr = tc + 1;
            let has_pr = self.toks.get(pr).is_some_and(|t| t.name == "w:tcPr");
            let pr_children: Vec<usize> = if has_pr {
                super::post::children(&self.toks, pr).collect()
            } else {
                Vec::new()
            };
            let kids: Vec<(usize, Tok<'_>)> =
                pr_children.iter().map(|&c| (c, self.toks[c])).collect();
            let existing = |name: &str| kids.iter().find(|(_, t)| t.name == name).map(|(c, _)| *c);

            let mut inserts: Vec<(u8, Piece, Piece, Piece)> = Vec::new();
            let mut replaced: Vec<usize> = Vec::new();
            if let Some(id) = props.hmerge {
                // The cell's span times the passes of the loop over columns.
                let base = match (&props.colspan, existing("w:gridSpan")) {
                    (Some((_, arg)), _) => format!("({arg})"),
                    (None, Some(g)) => {
                        let tag = &self.xml[self.toks[g].start..self.toks[g].end];
                        attr_span(tag, "w:val")
                            .and_then(|r| tag[r].trim().parse::<u32>().ok())
                            .unwrap_or(1)
                            .to_string()
                    }
                    (None, None) => "1".into(),
                };
                inserts.push((
                    SPAN,
                    Piece::Xml("<w:gridSpan w:val=\"".into()),
                    Piece::Jinja {
                        tag: id,
                        text: format!("{{{{ ({base} * loop.length) | __docx_attr }}}}"),
                        neutral: Some("1".into()),
                    },
                    Piece::Xml("\"/>".into()),
                ));
                replaced.extend(existing("w:gridSpan"));
                // Only the loop's first pass writes the cell.
                let whole = self.toks[tc].start..self.toks[self.toks[tc].partner].end;
                self.first_pass_only(id, whole);
            } else if let Some((id, arg)) = &props.colspan {
                inserts.push((
                    SPAN,
                    Piece::Xml("<w:gridSpan w:val=\"".into()),
                    attr_piece(*id, arg, "1"),
                    Piece::Xml("\"/>".into()),
                ));
                replaced.extend(existing("w:gridSpan"));
            }
            if let Some(id) = props.vmerge {
                inserts.push((
                    VMERGE,
                    Piece::Xml("<w:vMerge w:val=\"".into()),
                    Piece::Jinja {
                        tag: id,
                        text: "{% if loop.first %}restart{% else %}continue{% endif %}".into(),
                        neutral: Some("restart".into()),
                    },
                    Piece::Xml("\"/>".into()),
                ));
                replaced.extend(existing("w:vMerge"));
            }
            if let Some((id, arg)) = &props.cellbg {
                inserts.push((
                    SHD,
                    Piece::Xml("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"".into()),
                    attr_piece(*id, arg, "auto"),
                    Piece::Xml("\"/>".into()),
                ));
                replaced.extend(existing("w:shd"));
            }
            if inserts.is_empty() {
                continue;
            }
            inserts.sort_by_key(|(which, ..)| *which);
            let tc_tok = self.toks[tc];
            if !has_pr || self.toks[pr].kind == Kind::Empty {
                let at = if has_pr {
                    self.toks[pr].start..self.toks[pr].end
                } else {
                    tc_tok.end..tc_tok.end
                };
                let mut pieces = vec![Piece::Xml("<w:tcPr>".into())];
                for (_, a, b, c) in inserts {
                    pieces.extend([a, b, c]);
                }
                pieces.push(Piece::Xml("</w:tcPr>".into()));
                self.edit(at, 1, 0, pieces);
                continue;
            }
            for c in replaced {
                let t = self.toks[c];
                self.edit(
                    t.start..self.toks[t.partner].end.max(t.end),
                    1,
                    0,
                    Vec::new(),
                );
            }
            // The first existing child that must come after each insert.
            const AFTER: &[&str] = &[
                "w:hMerge",
                "w:vMerge",
                "w:tcBorders",
                "w:shd",
                "w:noWrap",
                "w:tcMar",
                "w:textDirection",
                "w:tcFitText",
                "w:vAlign",
                "w:hideMark",
                "w:headers",
                "w:cellIns",
                "w:cellDel",
                "w:cellMerge",
                "w:tcPrChange",
            ];
            let close = self.toks[self.toks[pr].partner].start;
            let first_of = |names: &[&str]| {
                kids.iter()
                    .find(|(_, t)| names.contains(&t.name))
                    .map_or(close, |(_, t)| t.start)
            };
            for (which, a, b, c) in inserts {
                let at = match which {
                    SPAN => first_of(AFTER),
                    VMERGE => first_of(&AFTER[2..]),
                    _ => first_of(&AFTER[4..]),
                };
                self.edit(at..at, 1, which, vec![a, b, c]);
            }
        }
    }

    /// Applies the edits that do not collide, in priority order.
    fn assemble(&mut self) -> Vec<Piece> {
        let mut edits = std::mem::take(&mut self.edits);
        edits.sort_by_key(|e| (e.priority, e.range.start));
        let mut kept: BTreeMap<(usize, usize, u8), Edit> = BTreeMap::new();
        for e in edits {
            let clash = kept
                .range(..(e.range.end + 1, 0, 0))
                .rev()
                .take_while(|(_, k)| k.range.end + 1 > e.range.start)
                .any(|(_, k)| overlaps(&k.range, &e.range));
            if !clash {
                kept.insert((e.range.start, e.range.end, e.order), e);
            }
        }
        let mut pieces = Vec::new();
        let mut at = 0;
        for (_, e) in kept {
            if e.range.start > at {
                pieces.push(Piece::Raw(at..e.range.start));
            }
            pieces.extend(e.pieces);
            at = at.max(e.range.end);
        }
        if at < self.xml.len() {
            pieces.push(Piece::Raw(at..self.xml.len()));
        }
        pieces
    }
}

/// Whether two edit ranges collide; an insertion collides only with a
/// range that strictly contains its point.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() || b.is_empty() {
        let (p, r) = if a.is_empty() {
            (a.start, b)
        } else {
            (b.start, a)
        };
        return r.start < p && p < r.end;
    }
    a.start < b.end && b.start < a.end
}

fn attr_piece(tag: usize, arg: &str, neutral: &str) -> Piece {
    Piece::Jinja {
        tag,
        text: format!("{{{{ ({arg}) | __docx_attr }}}}"),
        neutral: Some(neutral.to_string()),
    }
}
