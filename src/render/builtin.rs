//! The built-in Word template, `templates/bao-cao.docx`.
//!
//! The template is generated from code rather than edited by hand so that its
//! layout rules (Decree 30/2020/NĐ-CP for `the_thuc = "nha_nuoc"`, Hướng dẫn
//! 36-HD/VPTW for `the_thuc = "dang"`) are written down, reviewable, and
//! reproducible byte for byte: `cargo run --example gen_template` rewrites the
//! committed file and `tests/builtin_template.rs` checks that it is in sync.
//!
//! Tags follow docxtpl's conventions, which the Word engine implements:
//! `{{ expr }}` in running text, and control tags (`{%p … %}`, `{%tr … %}`)
//! each alone in their own paragraph or table row, which the engine replaces
//! by the bare tag. Inline conditionals inside one sentence use plain
//! `{% if %}…{% endif %}`. Every tag sits in a single run so that its
//! formatting is the run's.
//!
//! Names used are exactly those of the template context (PRODUCT.md):
//! `bao_cao.*`, `so_lieu.*`, `nhom`, `ct`, `don_vi`, `tong_ket.*` and the
//! indicator fields.

use std::io::{Cursor, Read};

use docx_rs::{
    AlignmentType, BorderType, Docx, Header, HeightRule, LineSpacing, PageMargin, PageNum,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SpecialIndentType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableLayoutType, TableRow, VAlignType, WidthType,
};

/// The one font of Vietnamese administrative documents (TCVN 6909:2001 Unicode).
const FONT: &str = "Times New Roman";

/// A4 portrait, in twentieths of a point.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// Margins: 20 mm top and bottom, 30 mm left, 15 mm right.
const MARGIN_TOP: i32 = 1134;
const MARGIN_BOTTOM: i32 = 1134;
const MARGIN_LEFT: i32 = 1701;
const MARGIN_RIGHT: i32 = 850;
/// Width between the margins.
const TEXT_W: usize = (PAGE_W as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
/// First-line indent of body paragraphs: 1.27 cm.
const FIRST_LINE: i32 = 720;
/// Body line spacing, in 240ths of a line: 1.3 lines.
const BODY_LINE: i32 = 312;
/// Space after a body paragraph: 6 pt.
const BODY_AFTER: u32 = 120;

/// Header-row height of the indicator table. It doubles as a marker: docx-rs
/// cannot write `w:tblHeader`, so [`mark_header_rows`] adds it after the
/// `w:trHeight` with exactly this value.
const TABLE_HEADER_HEIGHT: u32 = 567;

/// The branch condition for Party documents.
const IF_DANG: &str = r#"{%p if bao_cao.the_thuc == "dang" %}"#;
const ELSE: &str = "{%p else %}";
const ENDIF: &str = "{%p endif %}";

/// Fixed document properties: no build time leaks into the file.
const CORE_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
    r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
    r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    "<dc:title>Báo cáo sơ kết</dc:title>",
    "<dc:creator>soket</dc:creator>",
    "<cp:lastModifiedBy>soket</cp:lastModifiedBy>",
    "<cp:revision>1</cp:revision>",
    r#"<dcterms:created xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00Z</dcterms:created>"#,
    r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00Z</dcterms:modified>"#,
    "</cp:coreProperties>"
);

/// Builds the built-in template as the bytes of a `.docx` file.
///
/// The output is deterministic: the same bytes on every call and every
/// machine (fixed zip timestamps and permissions, fixed core properties,
/// paragraph ids that docx-rs renumbers from 1 on each build).
pub fn build_template() -> Vec<u8> {
    let mut raw = Cursor::new(Vec::new());
    document()
        .pack(&mut raw)
        .expect("writing a docx into memory cannot fail");
    normalise_zip(&raw.into_inner())
}

/// Run formatting: size in points and style flags.
#[derive(Clone, Copy)]
struct Fmt {
    /// Size in half-points, as Word stores it.
    half_pt: usize,
    bold: bool,
    italic: bool,
    underline: bool,
}

/// Plain text of `size` points.
const fn pt(size: usize) -> Fmt {
    Fmt {
        half_pt: size * 2,
        bold: false,
        italic: false,
        underline: false,
    }
}

impl Fmt {
    const fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    const fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
    const fn underline(mut self) -> Self {
        self.underline = true;
        self
    }
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

fn run(text: &str, f: Fmt) -> Run {
    let mut r = Run::new().add_text(text).size(f.half_pt).fonts(fonts());
    if f.bold {
        r = r.bold();
    }
    if f.italic {
        r = r.italic();
    }
    if f.underline {
        r = r.underline("single");
    }
    r
}

/// A paragraph of one run with no space around it (header, tables, signature).
fn line(text: &str, f: Fmt, align: AlignmentType) -> Paragraph {
    let p = Paragraph::new()
        .align(align)
        .size(f.half_pt)
        .line_spacing(LineSpacing::new().before(0).after(0).line(240));
    if text.is_empty() {
        p
    } else {
        p.add_run(run(text, f))
    }
}

fn centred(text: &str, f: Fmt) -> Paragraph {
    line(text, f, AlignmentType::Center)
}

/// A body paragraph: justified, first line indented 1.27 cm, 6 pt after.
fn body(runs: Vec<Run>) -> Paragraph {
    runs.into_iter().fold(
        Paragraph::new()
            .align(AlignmentType::Both)
            .size(28)
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(FIRST_LINE)),
                None,
                None,
            )
            .line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(BODY_AFTER)
                    .line(BODY_LINE),
            ),
        Paragraph::add_run,
    )
}

fn body_text(text: &str) -> Paragraph {
    body(vec![run(text, pt(14))])
}

fn body_bold(text: &str) -> Paragraph {
    body(vec![run(text, pt(14).bold())])
}

/// A control-tag paragraph; the engine replaces it by the bare tag.
fn tag(text: &str) -> Paragraph {
    line(text, pt(14), AlignmentType::Left)
}

/// An empty paragraph carrying a short horizontal rule: a bottom border,
/// narrowed by indents to `length` twips inside a cell or page of `width`.
fn rule(width: usize, length: usize) -> Paragraph {
    let side = ((width.saturating_sub(length)) / 2) as i32;
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .size(4)
        .indent(Some(side), None, Some(side), None)
        .line_spacing(LineSpacing::new().before(0).after(0).line(240));
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(6),
        ),
    );
    p
}

fn cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs.into_iter().fold(
        TableCell::new().width(width, WidthType::Dxa),
        TableCell::add_paragraph,
    )
}

/// A table without borders whose first column starts `outdent` twips left
/// of the text margin.
fn borderless(grid: &[usize], outdent: usize, rows: Vec<TableRow>) -> Table {
    Table::without_borders(rows)
        .indent(-(outdent as i32))
        .set_grid(grid.to_vec())
        .width(grid.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// Widths of the heading table: the issuing body on the left, wide enough
/// for "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" in 14 pt on one line; the motto on the
/// right, wide enough for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in 13 pt
/// bold. Together they are wider than the text, so the table reaches into
/// the left margin by [`HEAD_OUTDENT`] (as printed forms do) and a little
/// into the right one.
const HEAD_LEFT: usize = 4500;
const HEAD_RIGHT: usize = 5800;
const HEAD_OUTDENT: usize = 600;
/// Word's default left and right cell margin. The signature table is
/// widened by it on both sides so its text lines up with the page margins.
const CELL_MARGIN: usize = 108;

/// The heading: issuing body and number on the left, motto and date on the
/// right, number and date on the same row as both formats require.
fn heading() -> Table {
    let left = cell(
        HEAD_LEFT,
        vec![
            tag(IF_DANG),
            centred("{{ bao_cao.co_quan_cap_tren }}", pt(14)),
            centred("{{ bao_cao.co_quan }}", pt(14).bold()),
            centred("*", pt(14)),
            tag(ELSE),
            centred("{{ bao_cao.co_quan_cap_tren }}", pt(13)),
            centred("{{ bao_cao.co_quan }}", pt(13).bold()),
            rule(HEAD_LEFT, 1200),
            tag(ENDIF),
        ],
    );
    let right = cell(
        HEAD_RIGHT,
        vec![
            tag(IF_DANG),
            centred("ĐẢNG CỘNG SẢN VIỆT NAM", pt(15).bold().underline()),
            tag(ELSE),
            centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", pt(13).bold()),
            centred("Độc lập - Tự do - Hạnh phúc", pt(14).bold().underline()),
            tag(ENDIF),
        ],
    );
    let number = cell(
        HEAD_LEFT,
        vec![
            tag(IF_DANG),
            centred("Số {{ bao_cao.so_ky_hieu }}", pt(14)),
            tag(ELSE),
            centred("Số: {{ bao_cao.so_ky_hieu }}", pt(13)),
            tag(ENDIF),
        ],
    );
    let date = cell(
        HEAD_RIGHT,
        vec![centred(
            "{{ bao_cao.dia_danh }}, {{ bao_cao.ngay_text }}",
            pt(14).italic(),
        )],
    );
    let gap = LineSpacing::new().before(120).after(0).line(240);
    let number = number.vertical_align(VAlignType::Top);
    let date = date.vertical_align(VAlignType::Top);
    // A little air between the motto block and the number/date row.
    let spacer = |w| cell(w, vec![Paragraph::new().size(8).line_spacing(gap.clone())]);
    borderless(
        &[HEAD_LEFT, HEAD_RIGHT],
        HEAD_OUTDENT,
        vec![
            TableRow::new(vec![left, right]),
            TableRow::new(vec![spacer(HEAD_LEFT), spacer(HEAD_RIGHT)]),
            TableRow::new(vec![number, date]),
        ],
    )
}

/// Document type and subject, centred, with the separator each format uses
/// under the subject: "-----" for Party documents, a short rule for state ones.
fn title() -> Vec<Paragraph> {
    let spaced = |p: Paragraph, before: u32| {
        p.line_spacing(LineSpacing::new().before(before).after(0).line(240))
    };
    vec![
        spaced(centred("", pt(14)), 240),
        tag(IF_DANG),
        spaced(centred("BÁO CÁO", pt(16).bold()), 0),
        tag(ELSE),
        spaced(centred("BÁO CÁO", pt(14).bold()), 0),
        tag(ENDIF),
        spaced(centred("{{ bao_cao.tieu_de }}", pt(14).bold()), 60),
        tag(IF_DANG),
        centred("-----", pt(14)),
        tag(ELSE),
        rule(TEXT_W, 2000),
        tag(ENDIF),
        spaced(centred("", pt(14)), 120),
    ]
}

/// After an incomplete figure: "(7/8 phường báo cáo)".
const CAVEAT: &str = "{% if not c.day_du %} ({{ c.bao_cao_text }}){% endif %}";

/// The end of an indicator sentence: its target and evaluation, then `;`
/// or, for the group's last indicator, `.`.
const TARGET_AND_END: &str = concat!(
    r#"{% if c.muc_tieu %} (mục tiêu {{ c.muc_tieu }}: {{ c.danh_gia_text }}){% endif %}"#,
    r#"{% if loop.last %}.{% else %};{% endif %}"#,
);

/// Section I: one heading per indicator group and one sentence per
/// indicator, worded by its kind.
fn results() -> Vec<Paragraph> {
    let ratio = format!(
        "{}{}{CAVEAT}",
        "- {{ c.ten }}: {{ c.phan_so }}",
        r#"{% if c.dvt and c.dvt != "%" %} {{ c.dvt }}{% endif %}, đạt {{ c.ty_le }}"#,
    );
    let others = format!(
        "{}{CAVEAT}{}{}",
        "- {{ c.ten }}: {{ c.hien_thi }}",
        "{% if c.binh_quan is not none %}, {{ c.binh_quan_mo_ta }}{% endif %}",
        "{% if c.dat_pt_muc_tieu is not none %}, đạt {{ c.dat_pt_muc_tieu_text }} chỉ tiêu nhiệm kỳ{% endif %}",
    );
    vec![
        body_bold("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU"),
        tag("{%p for ten_nhom, ds in nhom|items %}"),
        body_bold("{{ loop.index }}. {{ ten_nhom }}"),
        tag("{%p for c in ds %}"),
        tag("{%p if c.gia_tri is none %}"),
        body_text(&format!(
            "- {{{{ c.ten }}}}: chưa có số liệu{}",
            "{% if loop.last %}.{% else %};{% endif %}"
        )),
        tag(r#"{%p elif c.tong_hop == "so_don_vi_dat" %}"#),
        body_text(&format!(
            "- {{{{ c.ten }}}}: {{{{ c.hien_thi }}}}{CAVEAT}{TARGET_AND_END}"
        )),
        tag(r#"{%p elif c.tong_hop is startingwith("ty_le") %}"#),
        body_text(&format!("{ratio}{TARGET_AND_END}")),
        tag(ELSE),
        body_text(&format!("{others}{TARGET_AND_END}")),
        tag(ENDIF),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
    ]
}

/// Section II: the count of achieved indicators, the ones not achieved, and
/// the table of all indicators.
fn summary() -> Vec<Paragraph> {
    vec![
        body_bold("II. ĐÁNH GIÁ CHUNG"),
        body_text(concat!(
            "Qua rà soát, có {{ tong_ket.text }}",
            " (vượt {{ tong_ket.vuot }}, đạt {{ tong_ket.dat }},",
            " dự kiến đạt {{ tong_ket.du_kien_dat }}, chưa đạt {{ tong_ket.chua_dat }})",
            "{% if tong_ket.khong_danh_gia %}; {{ tong_ket.khong_danh_gia }} chỉ tiêu",
            " chưa có mục tiêu hoặc số liệu để đánh giá{% endif %}.",
        )),
        tag("{%p if tong_ket.chua_dat %}"),
        body_text(concat!(
            "Các chỉ tiêu chưa đạt: ",
            r#"{% for ma, c in ct|items if c.danh_gia == "chua_dat" %}"#,
            "{{ c.ten }} ({{ c.hien_thi }}{% if not c.day_du %}, {{ c.bao_cao_text }}{% endif %}, mục tiêu {{ c.muc_tieu }})",
            "{% if not loop.last %}; {% endif %}{% endfor %}.",
        )),
        tag(ENDIF),
        body_text("Kết quả cụ thể từng chỉ tiêu như sau:"),
    ]
}

/// Column widths of the indicator table; they add up to the text width.
const COLS: [usize; 6] = [750, 3255, 1100, 1400, 1550, 1300];

fn table_cell(width: usize, text: &str, f: Fmt, align: AlignmentType) -> TableCell {
    let p = line(text, f, align).line_spacing(LineSpacing::new().before(40).after(40).line(240));
    cell(width, vec![p]).vertical_align(VAlignType::Center)
}

/// A row of one cell spanning the table, holding a `{%tr … %}` tag.
fn tag_row(text: &str) -> TableRow {
    TableRow::new(vec![cell(TEXT_W, vec![tag(text)]).grid_span(COLS.len())])
}

/// The table of all indicators: target, result, evaluation. Its header row
/// repeats on every page.
fn indicator_table() -> Table {
    let c = AlignmentType::Center;
    let head = [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu",
        "Kết quả",
        "Đánh giá",
    ];
    let header = TableRow::new(
        COLS.iter()
            .zip(head)
            .map(|(&w, t)| table_cell(w, t, pt(13).bold(), c))
            .collect(),
    )
    .row_height(TABLE_HEADER_HEIGHT as f32)
    .height_rule(HeightRule::AtLeast)
    .cant_split();
    let result = format!(
        "{}{}{CAVEAT}{{% endif %}}",
        r#"{% if c.gia_tri is none %}-{% elif c.tong_hop is startingwith("ty_le") %}"#,
        "{{ c.phan_so }} ({{ c.ty_le }}){% else %}{{ c.hien_thi }}{% endif %}{% if c.gia_tri is not none %}",
    );
    let values = [
        ("{{ loop.index }}", c),
        ("{{ c.ten }}", AlignmentType::Left),
        ("{{ c.dvt }}", c),
        (r#"{{ c.muc_tieu or "" }}"#, c),
        (result.as_str(), c),
        ("{{ c.danh_gia_text }}", c),
    ];
    let row = TableRow::new(
        COLS.iter()
            .zip(values)
            .map(|(&w, (t, a))| table_cell(w, t, pt(13), a))
            .collect(),
    )
    .cant_split();
    Table::new(vec![
        header,
        tag_row("{%tr for ma, c in ct|items %}"),
        row,
        tag_row("{%tr endfor %}"),
    ])
    .set_borders(
        // Half-point single lines, the usual weight of administrative tables.
        [
            TableBorderPosition::Top,
            TableBorderPosition::Left,
            TableBorderPosition::Bottom,
            TableBorderPosition::Right,
            TableBorderPosition::InsideH,
            TableBorderPosition::InsideV,
        ]
        .into_iter()
        .fold(TableBorders::new(), |b, pos| {
            b.set(
                TableBorder::new(pos)
                    .border_type(BorderType::Single)
                    .size(4),
            )
        }),
    )
    .set_grid(COLS.to_vec())
    .width(TEXT_W, WidthType::Dxa)
    .layout(TableLayoutType::Fixed)
}

/// Signature block: "Nơi nhận" on the left, the signer on the right.
const SIGN_LEFT: usize = 4200;
const SIGN_RIGHT: usize = TEXT_W + 2 * CELL_MARGIN - SIGN_LEFT;

fn signature() -> Table {
    let l = AlignmentType::Left;
    let left = cell(
        SIGN_LEFT,
        vec![
            line("Nơi nhận:", pt(12).bold().italic(), l),
            tag("{%p for n in bao_cao.noi_nhan %}"),
            line("- {{ n }}{% if not loop.last %},{% endif %}", pt(11), l),
            tag("{%p endfor %}"),
        ],
    );
    let mut right = vec![
        tag("{%p if bao_cao.quyen_han_ky %}"),
        centred("{{ bao_cao.quyen_han_ky }}", pt(14).bold()),
        tag(ENDIF),
        centred("{{ bao_cao.chuc_vu_ky }}", pt(14).bold()),
    ];
    right.extend((0..4).map(|_| centred("", pt(14))));
    right.push(centred("{{ bao_cao.nguoi_ky }}", pt(14).bold()));
    borderless(
        &[SIGN_LEFT, SIGN_RIGHT],
        CELL_MARGIN,
        // One row that never splits: the signer never lands alone on a page.
        vec![TableRow::new(vec![left, cell(SIGN_RIGHT, right)]).cant_split()],
    )
}

/// The page-number header: centred, 14 pt, from page 2 on (page 1 gets an
/// empty first-page header).
fn page_number_header() -> Header {
    let number = PageNum::new();
    let p = Paragraph::new()
        .align(AlignmentType::Center)
        .size(28)
        .fonts(fonts())
        .add_page_num(number);
    Header::new().add_paragraph(p)
}

fn document() -> Docx {
    let intro = concat!(
        "Căn cứ số liệu tổng hợp từ {{ don_vi|length }} {{ so_lieu.cap_don_vi }}",
        " trên địa bàn {{ so_lieu.ten_don_vi }},",
        " kết quả thực hiện các chỉ tiêu chủ yếu giữa nhiệm kỳ",
        " {{ so_lieu.nhiem_ky[0] }} - {{ so_lieu.nhiem_ky[1] }}",
        " (số liệu năm {{ so_lieu.nam_bao_cao }}, so sánh với năm {{ so_lieu.nam_goc }}) như sau:",
    );
    let mut docx = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(567)
                .footer(567),
        )
        .default_fonts(fonts())
        .default_size(28)
        .header(page_number_header())
        .first_header(Header::new().add_paragraph(Paragraph::new()))
        .title_pg()
        .add_table(heading());
    for p in title() {
        docx = docx.add_paragraph(p);
    }
    docx = docx.add_paragraph(body_text(intro));
    for p in results().into_iter().chain(summary()) {
        docx = docx.add_paragraph(p);
    }
    docx.add_table(indicator_table())
        .add_paragraph(centred("", pt(14)))
        .add_table(signature())
}

/// Rewrites docx-rs's zip: fixed timestamps (1980-01-01) and permissions,
/// no directory entries, deflated parts, our own core properties, the
/// repeating table header, and plain quotes inside text so that tags read
/// in Word (and in document.xml) exactly as written.
fn normalise_zip(raw: &[u8]) -> Vec<u8> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(raw)).expect("docx-rs writes a readable zip");
    let mut out = crate::ooxml::write::Writer::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry listed by the archive");
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .expect("docx-rs writes UTF-8 names")
            .to_string();
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .expect("reading an in-memory zip cannot fail");
        let data = match name.as_str() {
            "docProps/core.xml" => CORE_XML.as_bytes().to_vec(),
            "word/document.xml" => {
                let xml = String::from_utf8(data).expect("docx-rs writes UTF-8");
                schema_order(&mark_header_rows(&plain_quotes_in_text(&xml))).into_bytes()
            }
            n if n.starts_with("word/header") || n == "word/styles.xml" => {
                let xml = String::from_utf8(data).expect("docx-rs writes UTF-8");
                schema_order(&plain_quotes_in_text(&xml)).into_bytes()
            }
            _ => data,
        };
        out.part(&name, &data)
            .expect("writing an in-memory zip cannot fail");
    }
    out.finish().expect("writing an in-memory zip cannot fail")
}

/// Turns `&quot;` and `&apos;` back into `"` and `'` inside `<w:t>` text
/// (both are legal there), so a tag such as
/// `{%p if bao_cao.the_thuc == "dang" %}` is stored as typed.
fn plain_quotes_in_text(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(open) = rest.find("<w:t") {
        // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl>`, `<w:tc>`, …
        let after = &rest[open + 4..];
        if !(after.starts_with('>') || after.starts_with(' ')) {
            out.push_str(&rest[..open + 4]);
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let start = open + 4 + gt + 1;
        let Some(len) = rest[start..].find("</w:t>") else {
            break;
        };
        out.push_str(&rest[..start]);
        let text = &rest[start..start + len];
        out.push_str(&text.replace("&quot;", "\"").replace("&apos;", "'"));
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// Child order of the property elements, from the WordprocessingML schema
/// (ECMA-376 part 1, §17), as space-separated local names. docx-rs writes
/// some children out of this order (`w:rFonts` after `w:sz`, `w:jc` before
/// `w:spacing`, `w:headerReference` after `w:pgSz`, …); LibreOffice does not
/// mind, but Word validates sequences, and every report is built from this
/// template.
#[rustfmt::skip]
const SCHEMA_ORDER: &[(&str, &str)] = &[
    ("rPr", "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss \
        imprint noProof snapToGrid vanish webHidden color spacing w kern position sz \
        szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout \
        specVanish oMath"),
    ("pPr", "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr \
        suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap \
        overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd \
        snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc \
        textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr \
        sectPr pPrChange"),
    ("tblPr", "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize \
        tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook \
        tblCaption tblDescription"),
    ("tcPr", "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection \
        tcFitText vAlign hideMark"),
    ("sectPr", "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc \
        pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg \
        textDirection bidi rtlGutter docGrid printerSettings sectPrChange"),
    ("style", "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden \
        unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr \
        rPr tblPr trPr tcPr tblStylePr"),
];

/// Puts the children of every property element in schema order (stable:
/// repeated children such as two `w:headerReference` keep their order).
fn schema_order(xml: &str) -> String {
    SCHEMA_ORDER
        .iter()
        .fold(xml.to_owned(), |xml, (name, order)| {
            let order: Vec<&str> = order.split_whitespace().collect();
            reorder(&xml, name, &order)
        })
}

fn reorder(xml: &str, name: &str, order: &[&str]) -> String {
    let open = format!("<w:{name}");
    let close = format!("</w:{name}>");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(&open) {
        let after = &rest[at + open.len()..];
        // `<w:pPr>` or `<w:style w:type=…>`; not `<w:pPrDefault>`, not `<w:rPr />`.
        let Some(gt) = after.find('>') else { break };
        let is_open_tag =
            (after.starts_with('>') || after.starts_with(' ')) && !after[..gt].ends_with('/');
        let body_start = at + open.len() + gt + 1;
        if !is_open_tag {
            out.push_str(&rest[..body_start]);
            rest = &rest[body_start..];
            continue;
        }
        let Some(len) = rest[body_start..].find(&close) else {
            break;
        };
        out.push_str(&rest[..body_start]);
        let body = &rest[body_start..body_start + len];
        match children(body) {
            Some(mut kids) => {
                let rank = |kid: &(&str, &str)| {
                    order
                        .iter()
                        .position(|o| *o == kid.0)
                        .unwrap_or(order.len())
                };
                kids.sort_by_key(rank);
                kids.iter().for_each(|(_, text)| out.push_str(text));
            }
            None => out.push_str(body),
        }
        rest = &rest[body_start + len..];
    }
    out.push_str(rest);
    out
}

/// Splits an element's content into its `w:` children, `(local name, text)`;
/// `None` when the content is anything else (text, other namespaces).
fn children(body: &str) -> Option<Vec<(&str, &str)>> {
    let mut kids = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let tag = rest.strip_prefix("<w:")?;
        let name_len = tag.find([' ', '/', '>'])?;
        let name = &tag[..name_len];
        let gt = rest.find('>')?;
        let end = if rest[..gt].ends_with('/') {
            gt + 1
        } else {
            let close = format!("</w:{name}>");
            rest.find(&close)? + close.len()
        };
        kids.push((name, &rest[..end]));
        rest = &rest[end..];
    }
    Some(kids)
}

/// Marks the indicator table's header row as repeating on each page
/// (`w:tblHeader`), found by its marker height.
fn mark_header_rows(xml: &str) -> String {
    let marker = format!(r#"<w:trHeight w:val="{TABLE_HEADER_HEIGHT}" w:hRule="atLeast" />"#);
    xml.replace(&marker, &format!("{marker}<w:tblHeader />"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_plain_only_inside_text() {
        let xml = r#"<w:tbl a="&quot;"><w:t xml:space="preserve">== &quot;dang&quot;</w:t><w:t>&apos;x&apos;</w:t>"#;
        assert_eq!(
            plain_quotes_in_text(xml),
            r#"<w:tbl a="&quot;"><w:t xml:space="preserve">== "dang"</w:t><w:t>'x'</w:t>"#
        );
    }

    #[test]
    fn property_children_follow_the_schema() {
        let xml = concat!(
            r#"<w:p><w:pPr><w:rPr><w:sz w:val="28" /><w:b /><w:rFonts w:ascii="T" /></w:rPr>"#,
            r#"<w:jc w:val="both" /><w:ind w:firstLine="720" /><w:spacing w:after="120" /></w:pPr></w:p>"#,
            r#"<w:sectPr><w:pgSz w:w="1" /><w:headerReference r:id="a" /><w:headerReference r:id="b" /></w:sectPr>"#,
        );
        assert_eq!(
            schema_order(xml),
            concat!(
                r#"<w:p><w:pPr><w:spacing w:after="120" /><w:ind w:firstLine="720" /><w:jc w:val="both" />"#,
                r#"<w:rPr><w:rFonts w:ascii="T" /><w:b /><w:sz w:val="28" /></w:rPr></w:pPr></w:p>"#,
                r#"<w:sectPr><w:headerReference r:id="a" /><w:headerReference r:id="b" /><w:pgSz w:w="1" /></w:sectPr>"#,
            )
        );
    }

    #[test]
    fn build_is_deterministic() {
        assert_eq!(build_template(), build_template());
    }
}
