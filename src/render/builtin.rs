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

use unicode_normalization::UnicodeNormalization;

use docx_rs::{
    AlignmentType, BorderType, Docx, Header, HeightRule, LineSpacing, LineSpacingType, PageMargin,
    PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SpecialIndentType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
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

/// Advance widths of Times New Roman (regular, bold) in thousandths of an
/// em, from the font's published metrics (Liberation Serif, which
/// LibreOffice substitutes, has the same). Vietnamese letters take the
/// width of their base letter; the horned Ơ and Ư are a little wider.
fn advance(c: char, bold: bool) -> u32 {
    const UPPER: [u32; 26] = [
        722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
        556, 611, 722, 722, 944, 722, 722, 611,
    ];
    const UPPER_BOLD: [u32; 26] = [
        722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722,
        556, 667, 722, 722, 1000, 722, 722, 667,
    ];
    const LOWER: [u32; 26] = [
        444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333,
        389, 278, 500, 500, 722, 500, 500, 444,
    ];
    const LOWER_BOLD: [u32; 26] = [
        500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444,
        389, 333, 556, 500, 722, 500, 500, 444,
    ];
    let horn = matches!(
        c,
        'Ơ' | 'ơ'
            | 'Ư'
            | 'ư'
            | 'Ờ'
            | 'Ớ'
            | 'Ở'
            | 'Ỡ'
            | 'Ợ'
            | 'Ừ'
            | 'Ứ'
            | 'Ử'
            | 'Ữ'
            | 'Ự'
    );
    let base = match c {
        'đ' => 'd',
        'Đ' => 'D',
        c => std::iter::once(c).nfd().next().unwrap_or(c),
    };
    let width = match base {
        '0'..='9' => 500,
        ' ' | '\u{a0}' | '.' | ',' => 250,
        '/' | ':' => 278,
        '(' | ')' | '-' => 333,
        '%' => 833,
        '≥' | '≤' => 549,
        'A'..='Z' => {
            let table = if bold { &UPPER_BOLD } else { &UPPER };
            table[(base as u8 - b'A') as usize]
        }
        'a'..='z' => {
            let table = if bold { &LOWER_BOLD } else { &LOWER };
            table[(base as u8 - b'a') as usize]
        }
        _ => 500,
    };
    let width = width + if horn { 60 } else { 0 };
    // Fonts without the Vietnamese letters that carry two marks (ầ, ữ …),
    // such as the Liberation Serif LibreOffice substitutes on Linux, fall
    // back to a wider font for them; count them wider so a column that
    // fits there fits everywhere.
    if ('\u{1ea0}'..='\u{1ef9}').contains(&c) || horn {
        width * 13 / 10
    } else {
        width
    }
}

/// The width of `text` set in Times New Roman at `size` points, in twips,
/// rounded up to a multiple of 10: how the template measures its columns.
fn measure(text: &str, size: u32, bold: bool) -> usize {
    let thousandths: u32 = text.chars().map(|c| advance(c, bold)).sum();
    // em/1000 × size pt × 20 twips/pt
    (thousandths * size * 20).div_ceil(10_000) as usize * 10
}

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

/// The target in words, with the indicator's unit: "90%", "8.600 tỷ
/// đồng", "không quá 40 hộ", "dưới 6%", "8/8 phường". No ASCII operator
/// reaches a sentence, and the number keeps its whole unit on its line
/// ("(8.600 tỷ đồng)" used to break before "đồng").
const TARGET_WORDS: &str = concat!(
    r#"((c.muc_tieu or "")|replace("\u003c=", "không quá ")|replace(">=", "")"#,
    r#"|replace(">", "trên ")|replace("\u003c", "dưới ")|replace("=", "")|replace("  ", " ")|trim)"#,
    r#" ~ (("\u00a0" ~ c.dvt|replace(" ", "\u00a0")) if c.dvt and c.dvt != "%""#,
    r#" and not ((c.muc_tieu or "")|trim is endingwith("%")) else "")"#,
);

/// The caveat of a figure some unit did not report: "(7/8 phường báo cáo)".
const CAVEAT: &str = "{% if not c.day_du %} ({{ c.bao_cao_text }}){% endif %}";

/// The verdict against the target, in the words of a report: ", vượt mục
/// tiêu đề ra (90%)", ", chưa đạt mục tiêu (1.200 doanh nghiệp)".
fn verdict() -> String {
    let muc = format!("{{{{ {TARGET_WORDS} }}}}");
    format!(
        concat!(
            "{{% if c.muc_tieu %}}",
            r#"{{% if c.danh_gia == "vuot" %}}, vượt mục tiêu đề ra ({m})"#,
            r#"{{% elif c.danh_gia == "dat" %}}, đạt mục tiêu đề ra ({m})"#,
            r#"{{% elif c.danh_gia == "du_kien_dat" %}}, dự kiến đạt mục tiêu đề ra ({m}) vào cuối nhiệm kỳ"#,
            r#"{{% elif c.danh_gia == "chua_dat" %}}, chưa đạt mục tiêu ({m})"#,
            "{{% else %}}, chưa đủ cơ sở đánh giá so với mục tiêu ({m}){{% endif %}}",
            "{{% endif %}}",
        ),
        m = muc
    )
}

/// True when a change rounds to nothing at its precision ("0", "0,0", "-0,00").
const NO_CHANGE: &str =
    r#"c.tang_text|replace("-", "")|replace("0", "")|replace(",", "")|replace(".", "") == """#;

/// A change from the baseline year in `unit` (a Jinja snippet following
/// the number): "tăng 2,8 điểm phần trăm so với năm 2020", "giữ ổn định …".
fn change(unit: &str) -> String {
    format!(
        concat!(
            "{{% if c.tang is not none %}}{{% if {no} %}}, giữ ổn định so với năm {{{{ so_lieu.nam_goc }}}}",
            "{{% elif c.tang is greaterthan(0) %}}, tăng {{{{ c.tang_text }}}}{u} so với năm {{{{ so_lieu.nam_goc }}}}",
            r#"{{% else %}}, giảm {{{{ c.tang_text|replace("-", "") }}}}{u} so với năm {{{{ so_lieu.nam_goc }}}}"#,
            "{{% endif %}}{{% endif %}}",
        ),
        no = NO_CHANGE,
        u = unit
    )
}

/// A quantity's change: the average yearly growth ("bình quân tăng
/// 13,48%/năm") where there is one, else the change in its unit.
fn quantity_change() -> String {
    let unit = format!(r#"{{% if c.dvt and c.dvt != "%" %}}{NB}{{{{ c.dvt }}}}{{% endif %}}"#);
    format!(
        concat!(
            "{{% if c.tang is not none and {no} %}}, giữ ổn định so với năm {{{{ so_lieu.nam_goc }}}}",
            "{{% elif c.binh_quan is not none %}}, bình quân ",
            r#"{{% if c.binh_quan is lessthan(0) %}}giảm {{{{ c.binh_quan_text|replace("-", "") }}}}"#,
            "{{% else %}}tăng {{{{ c.binh_quan_text }}}}{{% endif %}}/năm",
            "{{% else %}}{ch}{{% endif %}}",
        ),
        no = NO_CHANGE,
        ch = change(&unit)
    )
}

/// `c.hien_thi` with its unit held to its number.
const SHOWN: &str = r#"{{ c.hien_thi|replace(" ", "\u00a0") }}"#;
/// `;` after an indicator, `.` after the group's last.
const END: &str = "{% if loop.last %}.{% else %};{% endif %}";

/// Section I: one heading per indicator group and one sentence per
/// indicator, worded as a clerk words it for its kind and its target:
/// rates and ratios change in percentage points, quantities grow "bình
/// quân … /năm" and are measured against the term's target ("đạt 151,0%
/// chỉ tiêu nhiệm kỳ"), a count of units that all meet the standard again
/// is "duy trì, giữ vững", a met `= 0` target of a count "duy trì không
/// có …". The sentence is lower-cased nowhere but the name's first letter
/// after "Hiện có".
fn results() -> Vec<Paragraph> {
    let unit = format!(r#"{{% if c.dvt and c.dvt != "%" %}}{NB}{{{{ c.dvt }}}}{{% endif %}}"#);
    let points = change(&format!("{NB}điểm phần trăm"));
    let verdict = verdict();
    // A count of units changes in units, counted from the baseline year's
    // own count (`goc`, set below) so the sentence does not depend on how
    // `tang` of a unit count is expressed.
    let unit_word = format!("{NB}{{{{ c.dvt or so_lieu.cap_don_vi }}}}");
    let unit_change = format!(
        concat!(
            "{{% if tang_dv is not none %}}{{% if tang_dv == 0 %}}, giữ ổn định so với năm {{{{ so_lieu.nam_goc }}}}",
            "{{% elif tang_dv is greaterthan(0) %}}, tăng {{{{ tang_dv }}}}{u} so với năm {{{{ so_lieu.nam_goc }}}}",
            "{{% else %}}, giảm {{{{ -tang_dv }}}}{u} so với năm {{{{ so_lieu.nam_goc }}}}{{% endif %}}{{% endif %}}",
        ),
        u = unit_word
    );
    let unit_count = format!(
        concat!(
            r#"- {{% if (c.ten|lower) is startingwith(lvl) and tang_dv == 0 and c.tu_so == c.mau_so %}}"#,
            r#"Duy trì, giữ vững {{{{ phan_con[4:] if phan_con is startingwith("đạt ") else phan_con }}}} tại {shown}{caveat}"#,
            "{{% else %}}{{% if (c.ten|lower) is startingwith(lvl) %}}Có {shown} {{{{ phan_con }}}}",
            "{{% else %}}{{{{ c.ten }}}}: {shown}{{% endif %}}{caveat}{units}{{% endif %}}{verdict}{end}",
        ),
        shown = SHOWN,
        caveat = CAVEAT,
        units = unit_change,
        verdict = verdict,
        end = END
    );
    let ratio = format!(
        concat!(
            r#"- {{% if c.ten is startingwith("Tỷ lệ") %}}{{{{ c.ten }}}} {{{{ c.ty_le }}}} ({{{{ c.phan_so }}}}{unit})"#,
            r#"{{% elif (c.ten|lower) is startingwith((c.dvt or "")|lower ~ " ") %}}"#,
            "Hiện có {{{{ c.phan_so }}}} {{{{ ten_thuong }}}}, đạt {{{{ c.ty_le }}}}",
            "{{% else %}}{{{{ c.ten }}}} được {{{{ c.phan_so }}}}{unit}, đạt tỷ lệ {{{{ c.ty_le }}}}{{% endif %}}",
            "{caveat}{points}{verdict}{end}",
        ),
        unit = unit,
        caveat = CAVEAT,
        points = points,
        verdict = verdict,
        end = END
    );
    let percent = format!(
        concat!(
            r#"- {{{{ c.ten }}}}{{% if not c.ten is startingwith("Tỷ lệ") %}} đạt{{% endif %}} {{{{ c.hien_thi }}}}"#,
            "{caveat}{points}{verdict}{end}",
        ),
        caveat = CAVEAT,
        points = points,
        verdict = verdict,
        end = END
    );
    let quantity = format!(
        concat!(
            r#"- {{% if mt|replace(" ", "") == "=0" and c.danh_gia in ["dat", "vuot"] and c.ten is startingwith("Số ") %}}"#,
            "{{% if c.tang == 0 %}}Duy trì không có{{% else %}}Không còn{{% endif %}} {{{{ c.ten[3:] }}}}{caveat}",
            r#"{{% else %}}{{{{ c.ten }}}} {{% if mt is startingwith(">") %}}đạt{{% elif mt is startingwith("\u003c") %}}còn{{% else %}}là{{% endif %}} {shown}"#,
            "{caveat}{qty}",
            ", đạt {{{{ c.dat_pt_muc_tieu_text }}}} chỉ tiêu nhiệm kỳ{{% endif %}}",
            "{verdict}{{% endif %}}{end}",
        ),
        shown = SHOWN,
        caveat = CAVEAT,
        qty = quantity_change() + "{% if c.dat_pt_muc_tieu is not none %}",
        verdict = verdict,
        end = END
    );
    vec![
        body_bold("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU"),
        tag("{%p for ten_nhom, ds in nhom|items %}"),
        body_bold("{{ loop.index }}. {{ ten_nhom }}"),
        tag("{%p for c in ds %}"),
        // Names the sentences below share: the target text, the name with
        // a small first letter, and for a count of units ("Phường đạt
        // chuẩn …") what follows the unit word.
        tag(r#"{%p set mt = (c.muc_tieu or "")|trim %}"#),
        tag("{%p set ten_thuong = (c.ten[:1]|lower) ~ c.ten[1:] %}"),
        tag(r#"{%p set lvl = (c.dvt or so_lieu.cap_don_vi)|lower ~ " " %}"#),
        tag("{%p set phan_con = c.ten[(lvl|length):] %}"),
        tag(concat!(
            "{%p set goc = c.nam[so_lieu.nam_goc|string]",
            " if so_lieu.nam_goc|string in c.nam else none %}"
        )),
        tag(concat!(
            "{%p set tang_dv = c.tu_so - goc.tu_so if goc is not none",
            " and goc.tu_so is not none and c.tu_so is not none else none %}"
        )),
        tag("{%p if c.gia_tri is none %}"),
        body_text(&format!("- {{{{ c.ten }}}}: chưa có số liệu{END}")),
        tag("{%p elif so_lieu.ky_bao_cao_text is defined and c.ky is defined %}"),
        body_text(&periodic_sentence()),
        tag(r#"{%p elif c.tong_hop == "so_don_vi_dat" %}"#),
        body_text(&unit_count),
        tag(r#"{%p elif c.tong_hop is startingwith("ty_le") %}"#),
        body_text(&ratio),
        tag(r#"{%p elif c.dvt == "%" %}"#),
        body_text(&percent),
        tag(ELSE),
        body_text(&quantity),
        tag(ENDIF),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
    ]
}

/// A periodic review's sentence: the figure of the report period, the
/// share of the year's plan ("bằng 76,3% kế hoạch năm" for part of the
/// year, "đạt …" for the whole year) and the change from the same period
/// of last year, in percent for quantities, in percentage points for rates
/// and in units for unit counts: "Tổng thu ngân sách … 9 tháng đầu năm
/// 2026 đạt 1.234,5 tỷ đồng, bằng 76,3% kế hoạch năm, tăng 12,4% so với
/// cùng kỳ".
fn periodic_sentence() -> String {
    let unit = format!(r#"{{% if c.dvt and c.dvt != "%" %}}{NB}{{{{ c.dvt }}}}{{% endif %}}"#);
    let change = concat!(
        "{% if c.tang_cung_ky is not none %}",
        "{% if c.tang_cung_ky == 0 %}, bằng cùng kỳ",
        r#"{% else %}, {% if c.tang_cung_ky is greaterthan(0) %}tăng{% else %}giảm{% endif %} "#,
        r#"{% if c.tong_hop == "so_don_vi_dat" %}{{ c.tang_cung_ky_text|replace("-", "") }}"#,
        "\u{a0}{{ c.dvt or so_lieu.cap_don_vi }}",
        r#"{% elif c.tong_hop is startingwith("ty_le") or c.dvt == "%" %}"#,
        r#"{{ c.tang_cung_ky_text|replace("-", "") }}"#,
        "\u{a0}điểm phần trăm",
        r#"{% elif c.tang_cung_ky_pt is not none %}{{ c.tang_cung_ky_pt_text|replace("-", "") }}"#,
        r#"{% else %}{{ c.tang_cung_ky_text|replace("-", "") }}"#,
        r#"{% if c.dvt %}"#,
        "\u{a0}{{ c.dvt }}{% endif %}{% endif %} so với cùng kỳ{% endif %}{% endif %}",
    );
    format!(
        concat!(
            "- {{{{ c.ten }}}} {{{{ so_lieu.ky_bao_cao_text }}}} ",
            r#"{{% if mt is startingwith("\u003c") %}}còn{{% else %}}đạt{{% endif %}} "#,
            r#"{{% if c.tong_hop is startingwith("ty_le") %}}{{{{ c.ty_le }}}} ({{{{ c.phan_so }}}}{unit})"#,
            "{{% else %}}{shown}{{% endif %}}{caveat}",
            "{{% if c.dat_pt_ke_hoach is not none %}}, ",
            r#"{{% if "/" in so_lieu.ky_bao_cao_ma %}}bằng{{% else %}}đạt{{% endif %}}"#,
            " {{{{ c.dat_pt_ke_hoach_text }}}} kế hoạch năm{{% endif %}}",
            "{change}{verdict}{end}",
        ),
        unit = unit,
        shown = SHOWN,
        caveat = CAVEAT,
        change = change,
        verdict = verdict(),
        end = END
    )
}

/// Section II: the count of achieved indicators, the ones not achieved, and
/// the table of all indicators.
fn summary() -> Vec<Paragraph> {
    vec![
        body_bold("II. ĐÁNH GIÁ CHUNG"),
        // A periodic review without a term judges against the period's
        // target or the year's plan and projects nothing: no "dự kiến
        // đạt", and the count against the year's plan.
        tag("{%p if tong_ket.co_so is defined %}"),
        body_text(concat!(
            "Qua rà soát, có {{ tong_ket.text }}",
            " (vượt {{ tong_ket.vuot }}, đạt {{ tong_ket.dat }}, chưa đạt {{ tong_ket.chua_dat }})",
            "{% if tong_ket.co_ke_hoach %}; {{ tong_ket.ke_hoach_text }}{% endif %}",
            "{% if tong_ket.khong_danh_gia %}; {{ tong_ket.khong_danh_gia }} chỉ tiêu",
            "{% if \"/\" in so_lieu.ky_bao_cao_ma %} chưa có mục tiêu của kỳ",
            "{% else %} chưa có mục tiêu, kế hoạch năm{% endif %} hoặc số liệu để đánh giá{% endif %}.",
        )),
        tag(ELSE),
        // The breakdown follows the count it breaks down, and the
        // incomplete ones come after it (`tong_ket.text` ends with them, so
        // "…, 4 chỉ tiêu chưa đủ số liệu (vượt 39, …)" read as if the
        // bracket explained the 4).
        body_text(concat!(
            "Qua rà soát, có {{ tong_ket.dat_va_du_kien_dat }}/{{ tong_ket.tong - tong_ket.khong_danh_gia }}",
            " chỉ tiêu đạt và dự kiến đạt",
            " (vượt {{ tong_ket.vuot }}, đạt {{ tong_ket.dat }},",
            " dự kiến đạt {{ tong_ket.du_kien_dat }}, chưa đạt {{ tong_ket.chua_dat }})",
            "{% if tong_ket.chua_du_so_lieu %}, {{ tong_ket.chua_du_so_lieu }} chỉ tiêu chưa đủ số liệu{% endif %}",
            "{% if tong_ket.khong_danh_gia %}; {{ tong_ket.khong_danh_gia }} chỉ tiêu",
            " chưa có mục tiêu hoặc số liệu để đánh giá{% endif %}.",
        )),
        tag(ENDIF),
        tag("{%p if tong_ket.chua_dat %}"),
        body_text(&format!(
            concat!(
                "Các chỉ tiêu chưa đạt: ",
                r#"{{% for ma, c in ct|items if c.danh_gia == "chua_dat" %}}"#,
                "{{{{ c.ten }}}} ({shown}{{% if not c.day_du %}}, {{{{ c.bao_cao_text }}}}{{% endif %}}, ",
                // Judged against the year's plan: a whole year without a target.
                "{{% if not c.muc_tieu and c.ke_hoach is defined and c.ke_hoach is not none %}}",
                "kế hoạch năm {{{{ c.ke_hoach_text }}}}{{% if c.dvt and c.dvt != \"%\" %}}{NB}{{{{ c.dvt }}}}{{% endif %}}{{% else %}}mục tiêu {{{{ {muc} }}}}{{% endif %}})",
                "{{% if not loop.last %}}; {{% endif %}}{{% endfor %}}.",
            ),
            shown = SHOWN,
            muc = TARGET_WORDS,
            NB = NB
        )),
        tag(ENDIF),
        body_text("Kết quả cụ thể từng chỉ tiêu như sau:"),
    ]
}

/// Left and right margin of the indicator table's cells: 1 mm.
const TABLE_CELL_MARGIN: usize = 57;

/// Column widths of the indicator table, measured from what each column
/// must hold on one line at 13 pt: "STT", the widest result of a ratio
/// ("19.017/20.000 (95,09%)", which also holds "14.500.000.000đ"), a
/// target such as "≥ 14.500", "phường", "Chưa đạt"; longer units
/// ("doanh nghiệp") and verdicts ("Không đánh giá") take two lines, between
/// their words. The name column takes the rest of the text width.
fn table_columns() -> [usize; 6] {
    let fit = |t: &str, bold| measure(t, 13, bold) + 2 * TABLE_CELL_MARGIN + 20;
    let stt = fit("STT", true);
    let unit = fit("tỷ đồng", false).max(fit("phường", false));
    let target = fit("≥ 14.500", false).max(fit("Mục tiêu", true));
    let result = fit("19.017/20.000 (95,09%)", false).max(fit("14.500.000.000đ", false));
    let verdict = fit("Chưa đạt", false).max(fit("Đánh giá", true));
    let name = TEXT_W - stt - unit - target - result - verdict;
    [stt, name, unit, target, result, verdict]
}

fn table_cell(width: usize, text: &str, f: Fmt, align: AlignmentType) -> TableCell {
    let p = line(text, f, align).line_spacing(spacing(40, 40, 240));
    cell(width, vec![p]).vertical_align(VAlignType::Center)
}

/// A row of one cell spanning the table, holding a `{%tr … %}` tag.
fn tag_row(text: &str) -> TableRow {
    TableRow::new(vec![cell(TEXT_W, vec![tag(text)]).grid_span(6)])
}

/// The table of all indicators: target, result, evaluation. Its header row
/// repeats on every page. Targets are written with ≥ and ≤ (the table is
/// the one place for them), numbers held to their units.
fn indicator_table() -> Table {
    let cols = table_columns();
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
        cols.iter()
            .zip(head)
            .map(|(&w, t)| table_cell(w, t, pt(13).bold(), c))
            .collect(),
    )
    .row_height(TABLE_HEADER_HEIGHT as f32)
    .height_rule(HeightRule::AtLeast)
    .cant_split();
    let result = format!(
        concat!(
            r#"{{% if c.gia_tri is none %}}-{{% elif c.tong_hop is startingwith("ty_le") %}}"#,
            "{{{{ c.phan_so }}}}{nb}({{{{ c.ty_le }}}}){{% else %}}{shown}{{% endif %}}",
            "{{% if c.gia_tri is not none %}}{caveat}{{% endif %}}",
        ),
        nb = NB,
        shown = SHOWN,
        caveat = CAVEAT
    );
    let target = concat!(
        r#"{{ (c.muc_tieu or "")|replace(">=", "≥")|replace("\u003c=", "≤")"#,
        r#"|replace(" ", "\u00a0") }}"#
    );
    let values = [
        ("{{ loop.index }}", c),
        ("{{ c.ten }}", AlignmentType::Left),
        ("{{ c.dvt }}", c),
        (target, c),
        (result.as_str(), c),
        ("{{ c.danh_gia_text }}", c),
    ];
    let row = TableRow::new(
        cols.iter()
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
    .set_grid(cols.to_vec())
    .width(TEXT_W, WidthType::Dxa)
    .layout(TableLayoutType::Fixed)
    .margins(TableCellMargins::new().margin(0, TABLE_CELL_MARGIN, 0, TABLE_CELL_MARGIN))
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
                let xml = schema_order(&mark_header_rows(&plain_quotes_in_text(&xml)));
                without_grid_col_type(&xml).into_bytes()
            }
            "word/numbering.xml" => {
                let xml = String::from_utf8(data).expect("docx-rs writes UTF-8");
                // A numbering level's `w:pPr` (CT_PPrGeneral) has no `w:rPr`;
                // docx-rs writes an empty one there (the level's own `w:rPr`
                // follows the `w:pPr`, where the schema has it).
                xml.replace("<w:pPr><w:rPr /></w:pPr>", "<w:pPr />")
                    .replace("<w:pPr><w:rPr />", "<w:pPr>")
                    .into_bytes()
            }
            n if n.starts_with("word/header") || n == "word/styles.xml" => {
                let xml = String::from_utf8(data).expect("docx-rs writes UTF-8");
                // A style's `w:pPr` is CT_PPrGeneral too: no `w:rPr` inside.
                schema_order(&plain_quotes_in_text(&xml))
                    .replace("<w:pPr><w:rPr /></w:pPr>", "<w:pPr />")
                    .into_bytes()
            }
            "word/settings.xml" => {
                let xml = String::from_utf8(data).expect("docx-rs writes UTF-8");
                // CT_Settings is a sequence in which `w:zoom` comes before
                // `w:defaultTabStop`; docx-rs writes them the other way round.
                let zoom = r#"<w:zoom w:percent="100" />"#;
                match xml.find("<w:defaultTabStop") {
                    Some(at) if xml.contains(zoom) => {
                        let xml = xml.replacen(zoom, "", 1);
                        format!("{}{zoom}{}", &xml[..at], &xml[at..]).into_bytes()
                    }
                    _ => xml.into_bytes(),
                }
            }
            _ => data,
        };
        out.part(&name, &data)
            .expect("writing an in-memory zip cannot fail");
    }
    out.finish().expect("writing an in-memory zip cannot fail")
}

/// Drops the `w:type` docx-rs writes on every `w:gridCol`: CT_TblGridCol
/// has only `w:w` (a grid column is always in twips), and Word treats an
/// undeclared attribute as a fault to repair.
fn without_grid_col_type(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find("<w:gridCol ") {
        let end = at + rest[at..].find('>').expect("docx-rs closes its tags") + 1;
        out.push_str(&rest[..at]);
        out.push_str(&rest[at..end].replace(r#" w:type="dxa""#, ""));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Turns `&quot;`, `&apos;` and `&gt;` back into `"`, `'` and `>` inside
/// `<w:t>` text (all are legal there; tags write `<` as `"\u003c"`), so a tag such as
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
        out.push_str(
            &text
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&gt;", ">"),
        );
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
