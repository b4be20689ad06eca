//! The built-in Word template, `templates/bao-cao.docx`.
//!
//! The template is generated from code rather than edited by hand so that its
//! layout rules (Decree 30/2020/NĐ-CP for `the_thuc = "nha_nuoc"`, Hướng dẫn
//! 36-HD/VPTW for `the_thuc = "dang"`) are written down, reviewable, and
//! reproducible byte for byte: `cargo run --features dev --example
//! gen_template` rewrites the committed file and `tests/builtin_template.rs`
//! checks that it is in sync. One file per job: the page and its blocks
//! here, [`prose`] (the sentences), [`table`] (the indicator table),
//! [`measure`] (text widths) and [`package`] (the deterministic zip).
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
    AlignmentType, BorderType, Docx, Header, HeightRule, LineSpacing, LineSpacingType, PageMargin,
    PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SpecialIndentType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

/// The one font of Vietnamese administrative documents (TCVN 6909:2001 Unicode).
mod measure;
mod package;
mod prose;
mod table;

use measure::measure;
use package::normalise_zip;
use prose::{CAVEAT, SHOWN, results, summary};
use table::indicator_table;

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

/// Paragraph spacing in twips before and after, and line height in 240ths
/// of a line. The rule is always written: without `w:lineRule` LibreOffice
/// reads `w:line` as an exact height in twips, and 240 twips (12 pt) under
/// 14 pt text makes lines overlap; Word reads it as `auto`.
fn spacing(before: u32, after: u32, line: i32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(line)
        .line_rule(LineSpacingType::Auto)
}

/// A paragraph of one run with no space around it (header, tables, signature).
fn line(text: &str, f: Fmt, align: AlignmentType) -> Paragraph {
    let p = Paragraph::new()
        .align(align)
        .size(f.half_pt)
        .line_spacing(spacing(0, 0, 240));
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
            .line_spacing(spacing(0, BODY_AFTER, BODY_LINE)),
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
        .line_spacing(spacing(0, 0, 240));
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

/// A non-breaking space, written into the template's plain text between a
/// number and its unit so that "12.993 tỷ đồng" never breaks inside.
const NB: &str = "\u{a0}";

/// Widths of the heading table, measured from the longest texts each side
/// must hold on one line. Left: the issuing body; "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ
/// MINH" (14 pt) is the longest superior body of either format, and a
/// longer body name (a People's Committee of a district) breaks only
/// between the body and the place ("ỦY BAN NHÂN DÂN / QUẬN NAM TỪ LIÊM",
/// the usual two-line form), never inside either. Right: the national motto
/// in 13 pt bold. Cells have no side margins, so the widths are the text's;
/// the table reaches into the left margin by [`HEAD_OUTDENT`] (as printed
/// forms do) and a little into the right one.
fn head_widths() -> (usize, usize) {
    let left = measure("ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH", 14, false) + 100;
    let right = measure("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, true) + 100;
    (left, right)
}
const HEAD_OUTDENT: usize = 600;
/// Word's default left and right cell margin. The signature table is
/// widened by it on both sides so its text lines up with the page margins.
const CELL_MARGIN: usize = 108;

/// A name of an issuing body or signer, with non-breaking spaces: it may
/// break only after the kind of body ("ỦY BAN NHÂN DÂN", "ĐẢNG BỘ",
/// "QUẬN ỦY"), before the place's name.
fn name(expr: &str) -> String {
    format!(
        concat!(
            r#"{{{{ {}|replace(" ", "\u00a0")|replace("DÂN\u00a0", "DÂN ")"#,
            r#"|replace("BỘ\u00a0", "BỘ ")|replace("ỦY\u00a0", "ỦY ")|replace("ỦY BAN", "ỦY\u00a0BAN")"#,
            r#"|replace("UỶ\u00a0", "UỶ ")|replace("UỶ BAN", "UỶ\u00a0BAN") }}}}"#
        ),
        expr
    )
}

/// The heading: issuing body and number on the left, motto and date on the
/// right, number and date on the same row as both formats require. Without
/// a superior body the issuing body moves up to the motto's line (its
/// paragraph is left out, not left empty).
fn heading() -> Table {
    let (head_left, head_right) = head_widths();
    let left = cell(
        head_left,
        vec![
            tag(IF_DANG),
            tag("{%p if bao_cao.co_quan_cap_tren %}"),
            centred(&name("bao_cao.co_quan_cap_tren"), pt(14)),
            tag(ENDIF),
            centred(&name("bao_cao.co_quan"), pt(14).bold()),
            centred("*", pt(14)),
            tag(ELSE),
            tag("{%p if bao_cao.co_quan_cap_tren %}"),
            centred(&name("bao_cao.co_quan_cap_tren"), pt(13)),
            tag(ENDIF),
            centred(&name("bao_cao.co_quan"), pt(13).bold()),
            rule(head_left, 1200),
            tag(ENDIF),
        ],
    );
    let right = cell(
        head_right,
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
        head_left,
        vec![
            tag(IF_DANG),
            centred("Số {{ bao_cao.so_ky_hieu }}", pt(14)),
            tag(ELSE),
            centred("Số: {{ bao_cao.so_ky_hieu }}", pt(13)),
            tag(ENDIF),
        ],
    );
    let date = cell(
        head_right,
        vec![centred(
            "{{ bao_cao.dia_danh }}, {{ bao_cao.ngay_text }}",
            pt(14).italic(),
        )],
    );
    let gap = spacing(120, 0, 240);
    let number = number.vertical_align(VAlignType::Top);
    let date = date.vertical_align(VAlignType::Top);
    // A little air between the motto block and the number/date row.
    let spacer = |w| cell(w, vec![Paragraph::new().size(8).line_spacing(gap.clone())]);
    borderless(
        &[head_left, head_right],
        HEAD_OUTDENT,
        vec![
            TableRow::new(vec![left, right]),
            TableRow::new(vec![spacer(head_left), spacer(head_right)]),
            TableRow::new(vec![number, date]),
        ],
    )
    .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}

/// Document type and subject, centred, with the separator each format uses
/// under the subject: "-----" for Party documents, a short rule for state
/// ones. The subject keeps "lần thứ VI" and "nhiệm kỳ 2020 - 2025" whole.
fn title() -> Vec<Paragraph> {
    let spaced = |p: Paragraph, before: u32| p.line_spacing(spacing(before, 0, 240));
    let subject = concat!(
        r#"{{ bao_cao.tieu_de|replace("lần thứ ", "lần\u00a0thứ\u00a0")"#,
        r#"|replace("khóa ", "khóa\u00a0")|replace("nhiệm kỳ ", "nhiệm\u00a0kỳ\u00a0")"#,
        r#"|replace(" - ", "\u00a0-\u00a0") }}"#
    );
    vec![
        spaced(centred("", pt(14)), 240),
        tag(IF_DANG),
        spaced(centred("BÁO CÁO", pt(16).bold()), 0),
        tag(ELSE),
        spaced(centred("BÁO CÁO", pt(14).bold()), 0),
        tag(ENDIF),
        spaced(centred(subject, pt(14).bold()), 60),
        tag(IF_DANG),
        centred("-----", pt(14)),
        tag(ELSE),
        rule(TEXT_W, 2000),
        tag(ENDIF),
        spaced(centred("", pt(14)), 120),
    ]
}

/// Signature block: "Nơi nhận" on the left, the signer on the right.
const SIGN_LEFT: usize = 4200;
const SIGN_RIGHT: usize = TEXT_W + 2 * CELL_MARGIN - SIGN_LEFT;

/// "Nơi nhận" as each format writes it: Party documents (Hướng dẫn 36)
/// underline the heading and end each item with "," and the last with
/// "."; state documents (Decree 30) set it bold italic 12 pt and end items
/// with ";" and the last with ".".
fn signature() -> Table {
    let l = AlignmentType::Left;
    let left = cell(
        SIGN_LEFT,
        vec![
            tag(IF_DANG),
            line("Nơi nhận:", pt(14).underline(), l),
            tag(ELSE),
            line("Nơi nhận:", pt(12).bold().italic(), l),
            tag(ENDIF),
            tag("{%p for n in bao_cao.noi_nhan %}"),
            line(
                concat!(
                    "- {{ n }}{% if loop.last %}.",
                    r#"{% elif bao_cao.the_thuc == "dang" %},{% else %};{% endif %}"#
                ),
                pt(11),
                l,
            ),
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
    right.push(centred(
        r#"{{ bao_cao.nguoi_ky|replace(" ", "\u00a0") }}"#,
        pt(14).bold(),
    ));
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
        " {{ so_lieu.nhiem_ky[0] }}\u{a0}-\u{a0}{{ so_lieu.nhiem_ky[1] }}",
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
    // A periodic review: the period and the same period of last year.
    let periodic_intro = concat!(
        "Căn cứ số liệu tổng hợp từ {{ don_vi|length }} {{ so_lieu.cap_don_vi }}",
        " trên địa bàn {{ so_lieu.ten_don_vi }},",
        " kết quả thực hiện các chỉ tiêu chủ yếu {{ so_lieu.ky_bao_cao_text }}",
        " (so sánh với cùng kỳ {{ so_lieu.cung_ky_text }} và kế hoạch năm {{ so_lieu.ky_bao_cao_ma[-4:] }}) như sau:",
    );
    docx = docx
        .add_paragraph(tag("{%p if so_lieu.ky_bao_cao_text is defined %}"))
        .add_paragraph(body_text(periodic_intro))
        .add_paragraph(tag(ELSE))
        .add_paragraph(body_text(intro))
        .add_paragraph(tag(ENDIF));
    for p in results().into_iter().chain(summary()) {
        docx = docx.add_paragraph(p);
    }
    docx.add_paragraph(tag("{%p if so_lieu.ky_bao_cao_text is defined %}"))
        .add_table(indicator_table(true))
        .add_paragraph(tag(ELSE))
        .add_table(indicator_table(false))
        .add_paragraph(tag(ENDIF))
        .add_paragraph(centred("", pt(14)))
        .add_table(signature())
}
