//! Parity with Python's docxtpl: build a template package in code, render
//! it with docxtpl (`render_docxtpl.py`) and with soket, and compare what a
//! reader sees: the text of every paragraph (table cells included) and the
//! shape of every table, part by part.
//!
//! Both outputs go through the same extractor, so differences in how the
//! XML is spelled (lxml re-serialises the whole part, soket copies it
//! byte-for-byte) do not count; only text and structure do.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::process::Command;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/parity/render_docxtpl.py"
);

// ---------------------------------------------------------------------------
// Templates

/// A template package: body, one header, one footer, footnotes, title.
pub struct Pkg {
    pub body: String,
    pub header: String,
    pub footer: String,
    /// Bodies (paragraphs) of footnotes 1, 2, …
    pub footnotes: Vec<String>,
    pub title: String,
}

pub fn pkg(body: &str) -> Pkg {
    Pkg {
        body: body.to_string(),
        header: p("ỦY BAN NHÂN DÂN QUẬN TÂY HỒ"),
        footer: p("Trang"),
        footnotes: Vec::new(),
        title: "Báo cáo sơ kết".to_string(),
    }
}

impl Pkg {
    pub fn header(mut self, xml: &str) -> Self {
        self.header = xml.to_string();
        self
    }
    pub fn footer(mut self, xml: &str) -> Self {
        self.footer = xml.to_string();
        self
    }
    pub fn footnote(mut self, xml: &str) -> Self {
        self.footnotes.push(xml.to_string());
        self
    }
    pub fn title(mut self, t: &str) -> Self {
        self.title = t.to_string();
        self
    }

    /// The `.docx` bytes, laid out the way Word saves a document (content
    /// types, package and part relationships, separator footnotes).
    pub fn build(&self) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        let mut put = |name: &str, data: String| {
            w.start_file(name, opts).unwrap();
            w.write_all(data.as_bytes()).unwrap();
        };
        let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
        let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
        put(
            "[Content_Types].xml",
            format!(
                r#"{decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{wml}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{wml}.styles+xml"/><Override PartName="/word/header1.xml" ContentType="{wml}.header+xml"/><Override PartName="/word/footer1.xml" ContentType="{wml}.footer+xml"/><Override PartName="/word/footnotes.xml" ContentType="{wml}.footnotes+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#
            ),
        );
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        put(
            "_rels/.rels",
            format!(
                r#"{decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
            ),
        );
        put(
            "word/document.xml",
            format!(
                r#"{decl}<w:document {NS}><w:body>{}<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
                self.body
            ),
        );
        put(
            "word/_rels/document.xml.rels",
            format!(
                r#"{decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="{rel}/header" Target="header1.xml"/><Relationship Id="rId3" Type="{rel}/footer" Target="footer1.xml"/><Relationship Id="rId4" Type="{rel}/footnotes" Target="footnotes.xml"/></Relationships>"#
            ),
        );
        put(
            "word/styles.xml",
            format!(
                r#"{decl}<w:styles {NS}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:style></w:styles>"#
            ),
        );
        put(
            "word/header1.xml",
            format!("{decl}<w:hdr {NS}>{}</w:hdr>", self.header),
        );
        put(
            "word/footer1.xml",
            format!("{decl}<w:ftr {NS}>{}</w:ftr>", self.footer),
        );
        let notes: String = self
            .footnotes
            .iter()
            .enumerate()
            .map(|(i, n)| format!(r#"<w:footnote w:id="{}">{n}</w:footnote>"#, i + 1))
            .collect();
        put(
            "word/footnotes.xml",
            format!(
                r#"{decl}<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>"#
            ),
        );
        put(
            "docProps/core.xml",
            format!(
                r#"{decl}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>UBND</dc:creator></cp:coreProperties>"#,
                self.title
            ),
        );
        w.finish().unwrap().into_inner()
    }
}

/// A paragraph with one plain run, as Word writes it.
pub fn p(text: &str) -> String {
    format!(
        r#"<w:p w:rsidR="00D2" w:rsidRDefault="00D2"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

/// A paragraph made of the given runs (`r(...)`, `proof_err()`, …).
pub fn p_runs(runs: &[String]) -> String {
    format!(
        r#"<w:p w:rsidR="00D2" w:rsidRDefault="00D2">{}</w:p>"#,
        runs.concat()
    )
}

/// A plain run.
pub fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

/// A run with run properties (`<w:b/>`, `<w:lang w:val="en-US"/>`) and a
/// revision id, as Word writes runs typed in another editing session.
pub fn r_fmt(props: &str, rsid: &str, text: &str) -> String {
    format!(
        r#"<w:r w:rsidR="{rsid}"><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
    )
}

/// A cell of `width` twips holding the given paragraphs.
pub fn tc_w(width: u32, paras: &str) -> String {
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paras}</w:tc>"#)
}

/// A 2000-twip cell with one plain paragraph.
pub fn tc(text: &str) -> String {
    tc_w(2000, &p(text))
}

pub fn tr(cells: &[&str]) -> String {
    let cells: String = cells.iter().map(|c| tc(c)).collect();
    format!("<w:tr>{cells}</w:tr>")
}

/// A bordered table with `cols` grid columns of 2000 twips.
pub fn table(cols: usize, rows: &[String]) -> String {
    let grid: String = (0..cols).map(|_| r#"<w:gridCol w:w="2000"/>"#).collect();
    format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{}</w:tbl>"#,
        rows.concat()
    )
}

// ---------------------------------------------------------------------------
// What a reader sees

/// The text and table structure of one part.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Every paragraph in document order (table cells included);
    /// `w:br`/`w:cr` show as `\n`, `w:tab` as `\t`.
    pub paragraphs: Vec<String>,
    /// Every table in the order it starts (nested ones too).
    pub tables: Vec<Table>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub grid_cols: usize,
    /// Per row, per cell: the cell's span and background fill.
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Cell {
    pub span: u32,
    pub fill: Option<String>,
    /// `w:vMerge`: "restart" or "continue" (Word's default when the value
    /// is left out).
    pub vmerge: Option<String>,
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value.to_string())
}

fn entity(name: &str) -> char {
    match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        other => panic!("unknown entity &{other};"),
    }
}

/// Reads paragraphs and tables out of a WordprocessingML part. As in
/// Word, a `<w:t>` without `xml:space="preserve"` loses the whitespace at
/// its ends.
pub fn shape(xml: &str) -> Shape {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut out = Shape::default();
    let mut para: Option<String> = None;
    let (mut in_t, mut in_run) = (false, 0usize);
    let (mut text, mut preserve) = (String::new(), false);
    let mut open_tables: Vec<usize> = Vec::new();
    loop {
        let ev = reader.read_event().expect("well-formed part");
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let table = open_tables.last().map(|&i| &mut out.tables[i]);
                match e.name().as_ref() {
                    "w:p" if empty => out.paragraphs.push(String::new()),
                    "w:p" => para = Some(String::new()),
                    "w:r" if !empty => in_run += 1,
                    "w:t" => {
                        in_t = !empty;
                        text.clear();
                        preserve = attr(e, "xml:space").as_deref() == Some("preserve");
                    }
                    "w:br" | "w:cr" if in_run > 0 => para.get_or_insert_default().push('\n'),
                    "w:tab" if in_run > 0 => para.get_or_insert_default().push('\t'),
                    "w:tbl" if !empty => {
                        open_tables.push(out.tables.len());
                        out.tables.push(Table::default());
                    }
                    "w:gridCol" => table.unwrap().grid_cols += 1,
                    "w:tr" => table.unwrap().rows.push(Vec::new()),
                    "w:tc" => table.unwrap().rows.last_mut().unwrap().push(Cell {
                        span: 1,
                        fill: None,
                        vmerge: None,
                    }),
                    "w:vMerge" => {
                        let cell = table.unwrap().rows.last_mut().unwrap().last_mut().unwrap();
                        cell.vmerge = Some(attr(e, "w:val").unwrap_or_else(|| "continue".into()));
                    }
                    "w:gridSpan" => {
                        let cell = table.unwrap().rows.last_mut().unwrap().last_mut().unwrap();
                        cell.span = attr(e, "w:val").unwrap().parse().unwrap();
                    }
                    // Only cell shading: paragraph/run shading is formatting.
                    "w:shd" if open_tables.last().is_some() => {
                        let t = table.unwrap();
                        if let Some(cell) = t.rows.last_mut().and_then(|r| r.last_mut())
                            && cell.fill.is_none()
                        {
                            cell.fill = attr(e, "w:fill");
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => match e.name().as_ref() {
                "w:p" => out.paragraphs.extend(para.take()),
                "w:r" => in_run = in_run.saturating_sub(1),
                "w:t" => {
                    in_t = false;
                    let shown = if preserve {
                        text.as_str()
                    } else {
                        text.trim_matches([' ', '\t', '\r', '\n'])
                    };
                    para.get_or_insert_default().push_str(shown);
                }
                "w:tbl" => {
                    open_tables.pop();
                }
                _ => {}
            },
            Event::Text(t) if in_t => text.push_str(&t.xml10_content()),
            Event::GeneralRef(g) if in_t => {
                let c = match g.resolve_char_ref().unwrap() {
                    Some(c) => c,
                    None => entity(&g.xml10_content()),
                };
                text.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The parts a reader sees, by name: `word/document.xml` → its shape.
/// Separator footnotes hold no text and are part of both outputs alike.
pub fn shapes(docx: &[u8]) -> BTreeMap<String, Shape> {
    let mut zip = ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let shown = name == "word/document.xml"
            || name == "word/footnotes.xml"
            || name.starts_with("word/header")
            || name.starts_with("word/footer");
        if shown && name.ends_with(".xml") {
            let mut xml = String::new();
            f.read_to_string(&mut xml).unwrap();
            out.insert(name, shape(&xml));
        }
    }
    out
}

/// The document title from `docProps/core.xml`.
pub fn title(docx: &[u8]) -> String {
    let mut zip = ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("docProps/core.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let start = xml.find("<dc:title>").map(|i| i + "<dc:title>".len());
    start
        .and_then(|s| Some(&xml[s..s + xml[s..].find("</dc:title>")?]))
        .unwrap_or("")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

// ---------------------------------------------------------------------------
// Rendering both ways

/// Whether the Python side can run. Missing docxtpl fails under CI (set
/// `CI`), else the test prints a notice and passes without comparing.
pub fn docxtpl_ready() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import docxtpl"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "docxtpl is missing: CI must run `pip install docxtpl`"
        );
        eprintln!("note: python3 with docxtpl not found; docxtpl parity not checked");
    }
    ok
}

/// Renders with Python's docxtpl (autoescape on).
pub fn render_docxtpl(template: &[u8], ctx: &serde_json::Value) -> Result<Vec<u8>, String> {
    let dir = tempfile::tempdir().unwrap();
    let (t, c, o) = (
        dir.path().join("mau.docx"),
        dir.path().join("ket-qua.json"),
        dir.path().join("ra.docx"),
    );
    std::fs::write(&t, template).unwrap();
    std::fs::write(&c, serde_json::to_vec(ctx).unwrap()).unwrap();
    let run = Command::new("python3")
        .arg(SCRIPT)
        .args([&t, &c, &o].map(|p: &std::path::PathBuf| p.as_os_str()))
        .output()
        .map_err(|e| e.to_string())?;
    if !run.status.success() {
        return Err(String::from_utf8_lossy(&run.stderr).into_owned());
    }
    Ok(std::fs::read(Path::new(&o)).unwrap())
}

/// Renders with soket's engine and the environment `soket render` uses.
pub fn render_soket(template: &[u8], ctx: &serde_json::Value) -> Vec<u8> {
    let env = soket::render::environment(soket::vn::Rounding::HalfAwayFromZero);
    let ctx = soket::render::view(std::sync::Arc::new(serde_json::to_value(ctx).unwrap()));
    match soket::render::docx::render_docx(template, "mau.docx", &env, &ctx) {
        Ok(out) => out,
        Err(es) => panic!(
            "soket failed: {}",
            es.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// Renders `pkg` both ways and asserts the same text and tables in every
/// part and the same title. Returns soket's shapes so a test can also
/// assert the expected text (so both sides cannot agree on nonsense).
pub fn assert_parity(pkg: &Pkg, ctx: &serde_json::Value) -> Option<BTreeMap<String, Shape>> {
    if !docxtpl_ready() {
        return None;
    }
    let template = pkg.build();
    let ours = render_soket(&template, ctx);
    let theirs = render_docxtpl(&template, ctx).unwrap_or_else(|e| panic!("docxtpl failed: {e}"));
    let (a, b) = (shapes(&ours), shapes(&theirs));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "same parts"
    );
    for (name, ours) in &a {
        let theirs = &b[name];
        assert_eq!(
            ours.paragraphs, theirs.paragraphs,
            "{name}: paragraph text (left soket, right docxtpl)"
        );
        assert_eq!(
            ours.tables, theirs.tables,
            "{name}: tables (left soket, right docxtpl)"
        );
    }
    assert_eq!(title(&ours), title(&theirs), "document title");
    Some(a)
}

/// The bytes of one zip entry.
pub fn unzip_part(docx: &[u8], name: &str) -> Vec<u8> {
    let mut zip = ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut out = Vec::new();
    zip.by_name(name).unwrap().read_to_end(&mut out).unwrap();
    out
}
