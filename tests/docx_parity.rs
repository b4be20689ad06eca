//! Parity with Python's docxtpl (issue 5, item 8): a template written for
//! docxtpl that uses only Jinja (no RichText, images or sub-documents)
//! gives the same document text and table structure when soket fills it.
//!
//! Each test builds a template the way Word saves one, renders it with
//! docxtpl (`tests/parity/render_docxtpl.py`, autoescape on) and with soket,
//! and compares every part's paragraphs and tables; it then checks the
//! expected text itself, so the two cannot agree on something wrong.
//! Without python3 + docxtpl the comparison is skipped with a notice,
//! except under CI (env `CI` set), where it fails.
//!
//! Deliberate differences, kept out of the compared templates:
//! - an unknown name is an error in soket; docxtpl renders it empty;
//! - JSON `null` renders as nothing in soket, `None` in docxtpl (booleans
//!   print `True`/`False` in both);
//! - `{{r x }}` with a plain value: docxtpl writes the text outside any run,
//!   where Word does not show it; soket gives it a run of its own (tested
//!   on its own below);
//! - docxtpl escapes values only with autoescape=True (soket always does);
//!   with autoescape, docxtpl also escapes the title in `docProps/core.xml`
//!   twice (`&amp;amp;`), so titles here hold no `&`;
//! - Python-only semantics (`attr()` on a dict, `%` string formatting) and
//!   soket's Vietnamese filters (`so`, `pt`, …) exist on one side only;
//! - `{%-` in the middle of a run's text is not used (docxtpl then also
//!   deletes the text before it in that run).
//!
//! The forms of issue 15 (escapes, spaces, `{{%tr`, `{% vm %}` text,
//! entities, `--lenient`) are in `docx_docxtpl_forms.rs`.

use crate::parity;
use parity::*;

use serde_json::{Value, json};

/// The context shape of PRODUCT.md, cut down, with the awkward values a
/// ward's data brings: `&`, `<`, quotes, line breaks.
fn ctx() -> Value {
    json!({
        "bao_cao": {
            "tieu_de": "Báo cáo sơ kết giữa nhiệm kỳ",
            "co_quan": "Ủy ban nhân dân quận Tây Hồ",
            "ngay_text": "ngày 15 tháng 6 năm 2023",
            "the_thuc": "nha_nuoc"
        },
        "so_lieu": {"ten_don_vi": "quận Tây Hồ", "cap_don_vi": "phường"},
        "ct": {
            "GD01": {"ma": "GD01", "ten": "Tỷ lệ trường công lập đạt chuẩn quốc gia", "dvt": "%",
                     "tu_so": 26, "mau_so": 27, "phan_so": "26/27", "ty_le": "96,2%",
                     "ty_le_so": 96.2, "danh_gia": "dat", "danh_gia_text": "Đạt",
                     "muc_tieu": "≥ 95%"},
            "KT01": {"ma": "KT01", "ten": "Tổng thu ngân sách", "dvt": "tỷ đồng",
                     "gia_tri": 1234567, "gia_tri_text": "1.234.567",
                     "binh_quan_text": "13,48%", "danh_gia": "vuot", "danh_gia_text": "Vượt"},
            "MT01": {"ma": "MT01", "ten": "Tỷ lệ rác thải được thu gom", "dvt": "%",
                     "ty_le": "88,0%", "danh_gia": "chua_dat", "danh_gia_text": "Chưa đạt"}
        },
        "nhom": {
            "Kinh tế": [
                {"ma": "KT01", "ten": "Tổng thu ngân sách", "dvt": "tỷ đồng", "hien_thi": "1.234.567",
                 "danh_gia": "vuot", "danh_gia_text": "Vượt",
                 "don_vi": {"BUOI": {"hien_thi": "412.000"}, "NHAT_TAN": {"hien_thi": "822.567"}}}
            ],
            "Văn hóa - Xã hội": [
                {"ma": "GD01", "ten": "Tỷ lệ trường đạt chuẩn", "dvt": "%", "hien_thi": "96,2%",
                 "danh_gia": "dat", "danh_gia_text": "Đạt",
                 "don_vi": {"BUOI": {"hien_thi": "13/13"}, "NHAT_TAN": {"hien_thi": "13/14"}}},
                {"ma": "VH01", "ten": "Gia đình văn hóa", "dvt": "%", "hien_thi": "91,0%",
                 "danh_gia": "chua_dat", "danh_gia_text": "Chưa đạt",
                 "don_vi": {"BUOI": {"hien_thi": "90,5%"}, "NHAT_TAN": {"hien_thi": "91,5%"}}},
                {"ma": "YT01", "ten": "Trạm y tế đạt chuẩn", "dvt": "%", "hien_thi": "100,0%",
                 "danh_gia": "dat", "danh_gia_text": "Đạt",
                 "don_vi": {"BUOI": {"hien_thi": "Đạt"}, "NHAT_TAN": {"hien_thi": "Đạt"}}}
            ]
        },
        "don_vi": [
            {"ma": "BUOI", "ten": "Phường Bưởi"},
            {"ma": "NHAT_TAN", "ten": "Phường Nhật Tân & Tứ Liên"}
        ],
        "tong_ket": {"tong": 19, "dat_va_du_kien_dat": 18, "text": "18/19 chỉ tiêu đạt và dự kiến đạt"},
        "ghi_chu": "Số liệu < 2020 & \"ước\" 'tạm' > 0",
        "nhieu_dong": "Dòng thứ nhất\nDòng thứ hai",
        "don_vi_moi": []
    })
}

/// `word/document.xml` as a reader sees it (after checking parity), or
/// nothing when docxtpl is missing.
fn doc(pkg: &Pkg) -> Option<Shape> {
    let mut shapes = assert_parity(pkg, &ctx())?;
    shapes.remove("word/document.xml")
}

/// The paragraphs of `word/document.xml`, as [`doc`].
fn body(pkg: &Pkg) -> Option<Vec<String>> {
    Some(doc(pkg)?.paragraphs)
}

#[test]
fn plain_values_and_inline_statements() {
    let body_xml = [
        p("{{ bao_cao.tieu_de }}"),
        p("Tỷ lệ: {{ ct.GD01.ty_le }} ({{ ct.GD01.tu_so }}/{{ ct.GD01.mau_so }}), chỉ tiêu {{ ct.GD01.muc_tieu }}."),
        p("Thu ngân sách {{ ct.KT01.gia_tri }} ({{ ct.KT01.gia_tri_text }} {{ ct.KT01.dvt }}); số thực {{ ct.GD01.ty_le_so }}."),
        p("{{ so_lieu.ten_don_vi | upper }} có {{ don_vi | length }} {{ so_lieu.cap_don_vi }}: {% for d in don_vi %}{{ d.ten }}{% if not loop.last %}, {% endif %}{% endfor %}.{# ghi chú cho người soạn #}"),
        p("{% if ct.KT01.danh_gia == 'vuot' %}Vượt chỉ tiêu{% else %}Không vượt{% endif %} - {{ tong_ket.text }} ({{ tong_ket.dat_va_du_kien_dat }}/{{ tong_ket.tong }})"),
        p("{{ nhom[\"Văn hóa - Xã hội\"][0].ten ~ \" (\" ~ ct[\"GD01\"].ma ~ \")\" }}"),
    ]
    .concat();
    let Some(text) = body(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(
        text,
        [
            "Báo cáo sơ kết giữa nhiệm kỳ",
            "Tỷ lệ: 96,2% (26/27), chỉ tiêu ≥ 95%.",
            "Thu ngân sách 1234567 (1.234.567 tỷ đồng); số thực 96.2.",
            "QUẬN TÂY HỒ có 2 phường: Phường Bưởi, Phường Nhật Tân & Tứ Liên.",
            "Vượt chỉ tiêu - 18/19 chỉ tiêu đạt và dự kiến đạt (18/19)",
            "Tỷ lệ trường đạt chuẩn (GD01)",
        ]
    );
}

/// The ways Word really splits a tag after editing: each brace in its own
/// run, spell-check marks around a name, a revision id, a bold middle, a
/// bookmark, a language change; curly quotes from AutoFormat.
#[test]
fn tags_split_across_runs_the_way_word_splits_them() {
    let split_value = p_runs(&[
        r("Tỷ lệ: "),
        r("{"),
        r_fmt("", "00C3", "{"),
        r#"<w:proofErr w:type="spellStart"/>"#.into(),
        r_fmt("", "00B2", " ct"),
        r#"<w:proofErr w:type="spellEnd"/>"#.into(),
        r#"<w:bookmarkStart w:id="0" w:name="_GoBack"/>"#.into(),
        r(".GD01."),
        r#"<w:bookmarkEnd w:id="0"/>"#.into(),
        r_fmt("<w:b/>", "00B2", "ty_"),
        r_fmt(r#"<w:lang w:val="en-US"/>"#, "00E4", "le"),
        r(" }"),
        r("} đạt."),
    ]);
    let split_statement = p_runs(&[
        r("Đánh giá: {"),
        r("% if ct.MT01.danh_gia == "),
        r_fmt("<w:i/>", "00F1", "“chua_dat” %"),
        r("}"),
        r_fmt("<w:b/>", "00F1", "chưa đạt"),
        r("{% el"),
        r("se %}đạt{% end"),
        r("if %"),
        r("}."),
    ]);
    let split_loop = p_runs(&[
        r("{% for d in "),
        r#"<w:proofErr w:type="gramStart"/>"#.into(),
        r("don_vi"),
        r#"<w:proofErr w:type="gramEnd"/>"#.into(),
        r(" %}[{{ d."),
        r_fmt("<w:u w:val=\"single\"/>", "00A7", "ma"),
        r(" }}]{% endfor %}"),
    ]);
    let Some(text) = body(&pkg(&[split_value, split_statement, split_loop].concat())) else {
        return;
    };
    assert_eq!(
        text,
        [
            "Tỷ lệ: 96,2% đạt.",
            "Đánh giá: chưa đạt.",
            "[BUOI][NHAT_TAN]"
        ]
    );
}

#[test]
fn paragraph_if_for_and_comments() {
    let body_xml = [
        p("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
        p("{#p Mỗi nhóm một mục, mỗi chỉ tiêu một đoạn #}"),
        p("{%p for g in nhom %}"),
        p("{{ loop.index }}. {{ g }}"),
        p("{%p for c in nhom[g] %}"),
        p("- {{ c.ten }}: {{ c.hien_thi }}{% if c.dvt != '%' %} {{ c.dvt }}{% endif %}, {{ c.danh_gia_text | lower }}."),
        p("{%p if c.danh_gia == \"chua_dat\" %}"),
        p("Nguyên nhân chưa đạt: cần bổ sung."),
        p("{%p elif c.danh_gia == \"vuot\" %}"),
        p("Vượt chỉ tiêu đề ra."),
        p("{%p else %}"),
        p("Đạt chỉ tiêu."),
        p("{%p endif %}"),
        p("{%p endfor %}"),
        p("{%p endfor %}"),
        p("{%p if bao_cao.the_thuc == \"dang\" %}"),
        p("Số 45-BC/QU"),
        p("{%p endif %}"),
        p("II. PHƯƠNG HƯỚNG"),
    ]
    .concat();
    let Some(text) = body(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(
        text,
        [
            "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
            "1. Kinh tế",
            "- Tổng thu ngân sách: 1.234.567 tỷ đồng, vượt.",
            "Vượt chỉ tiêu đề ra.",
            "2. Văn hóa - Xã hội",
            "- Tỷ lệ trường đạt chuẩn: 96,2%, đạt.",
            "Đạt chỉ tiêu.",
            "- Gia đình văn hóa: 91,0%, chưa đạt.",
            "Nguyên nhân chưa đạt: cần bổ sung.",
            "- Trạm y tế đạt chuẩn: 100,0%, đạt.",
            "Đạt chỉ tiêu.",
            "II. PHƯƠNG HƯỚNG",
        ]
    );
}

/// The indicator table of the report: a header row, a group heading row
/// spanning the table, one row per indicator; a conditional row.
#[test]
fn table_rows_repeat_and_disappear() {
    let body_xml = table(
        4,
        &[
            tr(&["STT", "Chỉ tiêu", "Kết quả", "Đánh giá"]),
            tr(&["{%tr for g in nhom %}", "", "", ""]),
            format!(
                "<w:tr>{}</w:tr>",
                tc_w(8000, &p("{% colspan 4 %}{{ g | upper }}"))
            ),
            tr(&["{%tr for c in nhom[g] %}", "", "", ""]),
            tr(&[
                "{{ loop.index }}",
                "{{ c.ten }}",
                "{{ c.hien_thi }}",
                "{{ c.danh_gia_text }}",
            ]),
            tr(&["{%tr endfor %}", "", "", ""]),
            tr(&["{%tr endfor %}", "", "", ""]),
            tr(&["{%tr if tong_ket.tong > 100 %}", "", "", ""]),
            tr(&["Quá nhiều", "", "", ""]),
            tr(&["{%tr endif %}", "", "", ""]),
            tr(&["", "Tổng hợp", "{{ tong_ket.text }}", ""]),
        ],
    );
    let Some(text) = body(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(
        text,
        [
            "STT",
            "Chỉ tiêu",
            "Kết quả",
            "Đánh giá",
            "KINH TẾ",
            "1",
            "Tổng thu ngân sách",
            "1.234.567",
            "Vượt",
            "VĂN HÓA - XÃ HỘI",
            "1",
            "Tỷ lệ trường đạt chuẩn",
            "96,2%",
            "Đạt",
            "2",
            "Gia đình văn hóa",
            "91,0%",
            "Chưa đạt",
            "3",
            "Trạm y tế đạt chuẩn",
            "100,0%",
            "Đạt",
            "",
            "Tổng hợp",
            "18/19 chỉ tiêu đạt và dự kiến đạt",
            "",
        ]
    );
}

/// One column per ward: `{%tc for %}` in the header and in each row; the
/// grid (drawn with 2 columns) grows to 3.
#[test]
fn table_columns_repeat() {
    let body_xml = table(
        2,
        &[
            tr(&[
                "Chỉ tiêu",
                "{%tc for d in don_vi %}",
                "{{ d.ten }}",
                "{%tc endfor %}",
            ]),
            tr(&["{%tr for c in nhom[\"Văn hóa - Xã hội\"] %}", ""]),
            tr(&[
                "{{ c.ma }}",
                "{%tc for d in don_vi %}",
                "{{ c.don_vi[d.ma].hien_thi }}",
                "{%tc endfor %}",
            ]),
            tr(&["{%tr endfor %}", ""]),
        ],
    );
    let Some(doc) = doc(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(doc.tables[0].grid_cols, 3);
    assert_eq!(doc.tables[0].rows.len(), 4);
    assert!(doc.tables[0].rows.iter().all(|r| r.len() == 3));
    assert_eq!(
        doc.paragraphs,
        [
            "Chỉ tiêu",
            "Phường Bưởi",
            "Phường Nhật Tân & Tứ Liên",
            "GD01",
            "13/13",
            "13/14",
            "VH01",
            "90,5%",
            "91,5%",
            "YT01",
            "Đạt",
            "Đạt",
        ]
    );
}

/// A column loop over an empty list: the cells vanish and the grid
/// shrinks from 3 columns to 2.
#[test]
fn empty_column_loop_shrinks_the_grid() {
    let body_xml = table(
        3,
        &[
            tr(&[
                "Chỉ tiêu",
                "{%tc for d in don_vi_moi %}",
                "{{ d.ten }}",
                "{%tc endfor %}",
                "Ghi chú",
            ]),
            tr(&[
                "GD01",
                "{%tc for d in don_vi_moi %}",
                "x",
                "{%tc endfor %}",
                "{{ ct.GD01.ty_le }}",
            ]),
        ],
    );
    let Some(doc) = doc(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(doc.tables[0].grid_cols, 2);
    assert_eq!(doc.paragraphs, ["Chỉ tiêu", "Ghi chú", "GD01", "96,2%"]);
}

#[test]
fn run_tags_replace_their_runs() {
    let body_xml = p_runs(&[
        r("Kết quả: "),
        r_fmt("<w:i/>", "00A1", "{%r if ct.GD01.danh_gia == \"dat\" %}"),
        r_fmt("<w:b/>", "00A1", "đạt"),
        r("{%r else %}"),
        r("chưa đạt"),
        r("{%r endif %}"),
        r(" chỉ tiêu."),
    ]);
    let Some(text) = body(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(text, ["Kết quả: đạt chỉ tiêu."]);
}

/// Deliberate difference: docxtpl's `{{r x }}` is meant for RichText
/// objects, which bring their own `<w:r>`; with a plain string it writes
/// the text bare inside `<w:p>`, outside any run, where Word does not show
/// it ("Trước  sau ."), and the text after the tag loses its formatting.
/// soket gives the value a run of its own with the tag's formatting.
#[test]
fn run_value_gets_a_visible_run_of_its_own() {
    let template = pkg(&p_runs(&[r_fmt(
        "<w:b/>",
        "00A2",
        "Trước {{r ct.GD01.ty_le }} sau {{r ct.KT01.danh_gia_text }}.",
    )]));
    let out = render_soket(&template.build(), &ctx());
    assert_eq!(
        shapes(&out)["word/document.xml"].paragraphs,
        ["Trước 96,2% sau Vượt."]
    );
}

/// `{%-` joins a paragraph's text to the previous paragraph, `-%}` to the
/// next, so a loop can build one sentence across paragraphs.
#[test]
fn dash_tags_join_paragraphs() {
    let body_xml = [
        p("Các phường:"),
        p("{%- for d in don_vi %} {{ d.ten }};{% endfor -%}"),
        p(" hết."),
        p("Sau đó"),
    ]
    .concat();
    let Some(text) = body(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(
        text,
        [
            "Các phường: Phường Bưởi; Phường Nhật Tân & Tứ Liên; hết.",
            "Sau đó"
        ]
    );
}

#[test]
fn colspan_and_cellbg_with_expressions() {
    let body_xml = table(
        3,
        &[
            tr(&["{% colspan 3 %}{% cellbg \"D9D9D9\" %}BIỂU TỔNG HỢP"]),
            tr(&[
                "{% colspan don_vi | length %}Các phường",
                "{% cellbg 'FF0000' if ct.MT01.danh_gia == 'chua_dat' else 'FFFFFF' %}{{ ct.MT01.ty_le }}",
            ]),
            tr(&["a", "b", "c"]),
        ],
    );
    let Some(doc) = doc(&pkg(&body_xml)) else {
        return;
    };
    let cell = |span: u32, fill: Option<&str>| Cell {
        span,
        fill: fill.map(String::from),
        vmerge: None,
    };
    assert_eq!(
        doc.tables[0].rows,
        [
            vec![cell(3, Some("D9D9D9"))],
            vec![cell(2, None), cell(1, Some("FF0000"))],
            vec![cell(1, None), cell(1, None), cell(1, None)],
        ]
    );
    assert_eq!(
        doc.paragraphs,
        ["BIỂU TỔNG HỢP", "Các phường", "88,0%", "a", "b", "c"]
    );
}

/// `&`, `<`, `>` and quotes in values stay text; `\n` becomes a line break,
/// in a paragraph and in a table cell.
#[test]
fn escaping_and_line_breaks() {
    let body_xml = [
        p("Ghi chú: {{ ghi_chu }}"),
        p("{{ nhieu_dong }}"),
        table(2, &[tr(&["{{ don_vi[1].ten }}", "{{ nhieu_dong }}"])]),
    ]
    .concat();
    let Some(text) = body(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(
        text,
        [
            "Ghi chú: Số liệu < 2020 & \"ước\" 'tạm' > 0",
            "Dòng thứ nhất\nDòng thứ hai",
            "Phường Nhật Tân & Tứ Liên",
            "Dòng thứ nhất\nDòng thứ hai",
        ]
    );
}

#[test]
fn headers_footers_and_footnotes() {
    let template = pkg(&p_runs(&[
        r("Báo cáo"),
        r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#.into(),
    ]))
    .header(
        &[
            p("{{ bao_cao.co_quan | upper }}"),
            p("{%p if bao_cao.the_thuc == \"nha_nuoc\" %}"),
            p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            p("{%p endif %}"),
        ]
        .concat(),
    )
    .footer(&p_runs(&[
        r("Tây Hồ, {"),
        r("{ bao_cao.ngay_text }"),
        r("} - {{ ghi_chu }}"),
    ]))
    .footnote(&p("Nguồn: {{ so_lieu.ten_don_vi }}, {{ nhieu_dong }}"));
    let Some(shapes) = assert_parity(&template, &ctx()) else {
        return;
    };
    assert_eq!(
        shapes["word/header1.xml"].paragraphs,
        [
            "ỦY BAN NHÂN DÂN QUẬN TÂY HỒ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        ]
    );
    assert_eq!(
        shapes["word/footer1.xml"].paragraphs,
        ["Tây Hồ, ngày 15 tháng 6 năm 2023 - Số liệu < 2020 & \"ước\" 'tạm' > 0"]
    );
    assert_eq!(
        shapes["word/footnotes.xml"].paragraphs,
        ["", "", "Nguồn: quận Tây Hồ, Dòng thứ nhất\nDòng thứ hai"]
    );
}

#[test]
fn title_in_document_properties() {
    let template = pkg(&p("x")).title("{{ bao_cao.tieu_de }} {{ so_lieu.ten_don_vi }}");
    if assert_parity(&template, &ctx()).is_none() {
        return;
    }
    assert_eq!(
        title(&render_soket(&template.build(), &ctx())),
        "Báo cáo sơ kết giữa nhiệm kỳ quận Tây Hồ"
    );
}

/// Tags inside a hyperlink and a content control, and a tag in a `w:t`
/// without `xml:space="preserve"` whose value has edge spaces.
#[test]
fn tags_inside_hyperlinks_content_controls_and_bare_text_nodes() {
    let body_xml = [
        r#"<w:p><w:r><w:t xml:space="preserve">Xem </w:t></w:r><w:hyperlink r:id="rId9" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>{{ bao_cao.co_quan }}</w:t></w:r></w:hyperlink></w:p>"#,
        r#"<w:p><w:sdt><w:sdtPr><w:alias w:val="Tên đơn vị"/></w:sdtPr><w:sdtContent><w:r><w:t>{{ so_lieu.ten_don_vi }}</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t xml:space="preserve"> hết</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>A</w:t></w:r><w:r><w:t>{{ "  x  " }}</w:t></w:r><w:r><w:t>B</w:t></w:r></w:p>"#,
    ]
    .concat();
    let Some(text) = body(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(
        text,
        [
            "Xem Ủy ban nhân dân quận Tây Hồ",
            "quận Tây Hồ hết",
            "A  x  B"
        ]
    );
    let out = render_soket(&pkg(&body_xml).build(), &ctx());
    let xml = String::from_utf8(unzip_part(&out, "word/document.xml")).unwrap();
    assert!(
        xml.contains(r#"<w:t xml:space="preserve">  x  </w:t>"#),
        "{xml}"
    );
}

/// A paragraph loop inside a cell, a conditional column, `loop` variables
/// in column and row loops, a table nested in a cell.
#[test]
fn loops_inside_cells_conditional_columns_and_nested_tables() {
    let nested = table(2, &[tr(&["{{ ct.GD01.ma }}", "{{ ct.KT01.ma }}"])]) + &p("");
    let body_xml = [
        table(
            4,
            &[format!(
                "<w:tr>{}{}{}{}{}</w:tr>",
                tc_w(
                    2000,
                    &[
                        p("{%p for d in don_vi %}"),
                        p("{{ loop.index }}. {{ d.ten }}"),
                        p("{%p endfor %}"),
                    ]
                    .concat()
                ),
                tc("{%tc if ct.MT01.danh_gia == 'dat' %}"),
                tc("Đạt"),
                tc("{%tc endif %}"),
                tc_w(2000, &nested),
            )],
        ),
        table(
            2,
            &[
                tr(&[
                    "{%tc for d in don_vi %}",
                    "{{ loop.index }}-{{ d.ma }}",
                    "{%tc endfor %}",
                ]),
                tr(&["{%tr for i in range(3) %}", ""]),
                tr(&["{{ i }}", "{{ loop.revindex }}"]),
                tr(&["{%tr endfor %}", ""]),
            ],
        ),
    ]
    .concat();
    let Some(doc) = doc(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(
        doc.paragraphs,
        [
            "1. Phường Bưởi",
            "2. Phường Nhật Tân & Tứ Liên",
            "GD01",
            "KT01",
            "",
            "1-BUOI",
            "2-NHAT_TAN",
            "0",
            "3",
            "1",
            "2",
            "2",
            "1",
        ]
    );
    // The conditional column is gone: 2 cells, grid shrunk from 4 to 2.
    assert_eq!(doc.tables[0].grid_cols, 2);
    assert_eq!(doc.tables[0].rows[0].len(), 2);
    assert_eq!(doc.tables[1].rows.len(), 1, "the nested table");
}

/// Jinja itself: `set`, arithmetic, slicing, `map`/`join`, `round`,
/// booleans, ranges — minijinja and Jinja2 print the same.
#[test]
fn jinja_expressions_print_the_same() {
    let body_xml = [
        p("{% set tong = ct.GD01.tu_so + ct.GD01.mau_so %}Tổng {{ tong }}; {{ (ct.GD01.tu_so / ct.GD01.mau_so * 100) | round(1) }}; {{ ct.GD01.ten[:6] }}"),
        p("{{ don_vi | map(attribute='ma') | join(', ') }}; {{ 7 // 2 }} {{ 7 % 3 }} {{ 2 ** 3 }} {{ 10 / 4 }} {{ 1e3 }}; {{ 'a' in 'abc' }} {{ 1 > 2 }}"),
        p("{{ ct.GD01.ten | replace('Tỷ lệ', 'TL') | title }}; {{ '  ' ~ so_lieu.ten_don_vi | trim ~ '.' }}; {{ nhom | length }} {{ (nhom[\"Văn hóa - Xã hội\"] | last).ma }}"),
        p("{% for c in nhom[\"Văn hóa - Xã hội\"] if c.danh_gia == 'dat' %}{{ c.ma }}{{ ',' if not loop.last }}{% endfor %}"),
    ]
    .concat();
    let Some(text) = body(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(
        text,
        [
            "Tổng 53; 96.3; Tỷ lệ ",
            "BUOI, NHAT_TAN; 3 1 8 2.5 1000.0; True False",
            "Tl Trường Công Lập Đạt Chuẩn Quốc Gia;   quận Tây Hồ.; 2 YT01",
            "GD01,YT01",
        ]
    );
}

/// An empty paragraph loop leaves nothing behind.
#[test]
fn empty_paragraph_loop_leaves_nothing() {
    let body_xml = [
        p("Trước"),
        p("{%p for d in don_vi_moi %}"),
        p("{{ d.ten }}"),
        p("{%p endfor %}"),
        p("Sau"),
    ]
    .concat();
    let Some(text) = body(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(text, ["Trước", "Sau"]);
}

/// A tag typed partly with track changes on: the middle of the name is an
/// insertion (`w:ins`), as Word saves it before the change is accepted.
#[test]
fn tag_split_by_a_tracked_insertion() {
    let body_xml = p_runs(&[
        r("Tỷ lệ {{ ct."),
        r#"<w:ins w:id="1" w:author="Văn thư" w:date="2023-06-15T08:00:00Z"><w:r><w:t>GD01</w:t></w:r></w:ins>"#.into(),
        r(".ty_le }} đạt."),
    ]);
    let Some(text) = body(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(text, ["Tỷ lệ 96,2% đạt."]);
}

/// `{% vm %}`: a cell merged down the rows a `{%tr for %}` writes, its
/// text shown once.
#[test]
fn vertical_merge_in_a_row_loop() {
    let body_xml = table(
        2,
        &[
            tr(&["Nhóm", "Chỉ tiêu"]),
            tr(&["{%tr for c in nhom[\"Văn hóa - Xã hội\"] %}", ""]),
            tr(&["Văn hóa - Xã hội{% vm %}", "{{ c.ma }}"]),
            tr(&["{%tr endfor %}", ""]),
        ],
    );
    let Some(doc) = doc(&pkg(&body_xml)) else {
        return;
    };
    let merged: Vec<Option<&str>> = doc.tables[0]
        .rows
        .iter()
        .map(|r| r[0].vmerge.as_deref())
        .collect();
    assert_eq!(
        merged,
        [None, Some("restart"), Some("continue"), Some("continue")]
    );
    assert_eq!(
        doc.paragraphs,
        [
            "Nhóm",
            "Chỉ tiêu",
            "Văn hóa - Xã hội",
            "GD01",
            "",
            "VH01",
            "",
            "YT01"
        ]
    );
}

/// `{% hm %}`: inside a `{%tc for %}`, one cell spanning every column the
/// loop writes.
#[test]
fn horizontal_merge_in_a_column_loop() {
    let body_xml = table(
        3,
        &[
            tr(&[
                "Chỉ tiêu",
                "{%tc for d in don_vi %}",
                "Các phường{% hm %}",
                "{%tc endfor %}",
            ]),
            tr(&[
                "Mã",
                "{%tc for d in don_vi %}",
                "{{ d.ma }}",
                "{%tc endfor %}",
            ]),
        ],
    );
    let Some(doc) = doc(&pkg(&body_xml)) else {
        return;
    };
    let spans: Vec<Vec<u32>> = doc.tables[0]
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.span).collect())
        .collect();
    assert_eq!(spans, [vec![1, 2], vec![1, 1, 1]]);
    assert_eq!(
        doc.paragraphs,
        ["Chỉ tiêu", "Các phường", "Mã", "BUOI", "NHAT_TAN"]
    );
}

/// Python methods a docxtpl template may call: `dict.items()`, `.keys()`,
/// `.get()`, `str.upper()`, `.replace()`, `.strip()`.
#[test]
fn python_methods_of_dicts_and_strings() {
    let body_xml = [
        p("{%p for ma, c in ct.items() %}"),
        p("{{ ma }}: {{ c.ten.upper() }} ({{ c.get('dvt') }})"),
        p("{%p endfor %}"),
        p("{{ ct.keys() | list | join(', ') }}; {{ bao_cao.co_quan.replace('quận', 'Quận').strip() }}"),
    ]
    .concat();
    let Some(text) = body(&pkg(&body_xml)) else {
        return;
    };
    assert_eq!(
        text,
        [
            "GD01: TỶ LỆ TRƯỜNG CÔNG LẬP ĐẠT CHUẨN QUỐC GIA (%)",
            "KT01: TỔNG THU NGÂN SÁCH (tỷ đồng)",
            "MT01: TỶ LỆ RÁC THẢI ĐƯỢC THU GOM (%)",
            "GD01, KT01, MT01; Ủy ban nhân dân Quận Tây Hồ",
        ]
    );
}
