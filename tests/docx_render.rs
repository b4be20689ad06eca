//! Word templates: each tag kind, tags split by Word, escaping, loops.

use crate::docx_support;
use docx_support::*;

#[test]
fn value_fills_a_paragraph() {
    let out = render(&pkg(&p("Tỷ lệ trường đạt chuẩn: {{ ct.GD01.ty_le }}.")));
    assert_eq!(
        paragraphs(&document(&out)),
        ["Tỷ lệ trường đạt chuẩn: 96,2%."]
    );
}

#[test]
fn filters_from_the_callers_environment_work() {
    let out = render(&pkg(&p("Thu: {{ ct.KT01.gia_tri | so }} triệu đồng")));
    assert_eq!(paragraphs(&document(&out)), ["Thu: 1.234.567 triệu đồng"]);
}

/// Exactly how Word splits `{{ ct.GD01.ty_le }}` after editing: spell-check
/// marks around the name, a revision id, a bold middle, a bookmark and a
/// language change.
#[test]
fn tag_split_across_runs_is_rejoined_in_the_first_run() {
    let body = concat!(
        r#"<w:p w:rsidR="00A1" w:rsidRDefault="00A1"><w:pPr><w:jc w:val="both"/></w:pPr>"#,
        r#"<w:r><w:t xml:space="preserve">Tỷ lệ: </w:t></w:r>"#,
        r#"<w:r><w:t>{</w:t></w:r><w:r w:rsidR="00C3"><w:t>{</w:t></w:r>"#,
        r#"<w:proofErr w:type="spellStart"/><w:r w:rsidR="00B2"><w:t xml:space="preserve"> ct</w:t></w:r><w:proofErr w:type="spellEnd"/>"#,
        r#"<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:t>.GD01.</w:t></w:r><w:bookmarkEnd w:id="0"/>"#,
        r#"<w:r><w:rPr><w:b/></w:rPr><w:t>ty_</w:t></w:r>"#,
        r#"<w:r><w:rPr><w:lang w:val="en-US"/></w:rPr><w:t>le</w:t></w:r>"#,
        r#"<w:r><w:t xml:space="preserve"> }</w:t></w:r><w:r><w:t>} đạt.</w:t></w:r></w:p>"#,
    );
    let doc = document(&render(&pkg(body)));
    assert_eq!(paragraphs(&doc), ["Tỷ lệ: 96,2% đạt."]);
    // The value sits in the run of the tag's first character (plain).
    assert!(
        doc.contains(r#"<w:r><w:t xml:space="preserve">96,2%</w:t></w:r>"#),
        "{doc}"
    );
    // The other runs keep their formatting and lose only the tag's text.
    assert!(doc.contains(r#"<w:r><w:rPr><w:b/></w:rPr><w:t></w:t></w:r>"#));
    assert!(!doc.contains(r#"<w:r><w:t>} đạt.</w:t></w:r>"#));
    // The rest of the tag's last run keeps its leading space, as docxtpl
    // keeps it (Word would drop it from a bare `<w:t>`).
    assert!(doc.contains(r#"<w:r><w:t xml:space="preserve"> đạt.</w:t></w:r>"#));
    // Everything around the tag is untouched.
    assert!(doc.contains(
        r#"<w:p w:rsidR="00A1" w:rsidRDefault="00A1"><w:pPr><w:jc w:val="both"/></w:pPr>"#
    ));
    assert!(doc.contains(r#"<w:proofErr w:type="spellStart"/>"#));
    assert!(doc.contains(r#"<w:bookmarkStart w:id="0" w:name="_GoBack"/>"#));
}

#[test]
fn bold_first_character_makes_the_value_bold() {
    let body = concat!(
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{ ct.GD01</w:t></w:r>"#,
        r#"<w:r><w:t xml:space="preserve">.ty_le }} còn lại</w:t></w:r></w:p>"#,
    );
    let doc = document(&render(&pkg(body)));
    assert!(
        doc.contains(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">96,2%</w:t></w:r><w:r><w:t xml:space="preserve"> còn lại</w:t></w:r>"#),
        "{doc}"
    );
}

#[test]
fn values_are_xml_escaped() {
    let doc = document(&render(&pkg(&p("Ghi chú: {{ ghi_chu }}"))));
    assert!(
        doc.contains("Ghi chú: A &amp; B &lt;C&gt; &quot;D&quot;"),
        "{doc}"
    );
    assert_eq!(paragraphs(&doc), ["Ghi chú: A & B <C> \"D\""]);
}

#[test]
fn control_characters_are_dropped() {
    let out = soket::render::docx::render_docx(
        &pkg(&p("{{ x }}")).build(),
        "t.docx",
        &env(),
        &minijinja::context!(x => "a\u{1}b\u{b}c"),
    )
    .unwrap();
    assert_eq!(paragraphs(&document(&out)), ["abc"]);
}

#[test]
fn newline_in_a_value_becomes_a_line_break() {
    let doc = document(&render(&pkg(&p("{{ nhieu_dong }}"))));
    assert!(
        doc.contains(r#"dòng 1</w:t><w:br/><w:t xml:space="preserve">dòng 2"#),
        "{doc}"
    );
    assert_eq!(paragraphs(&doc), ["dòng 1\ndòng 2"]);
}

#[test]
fn null_renders_as_nothing() {
    assert_eq!(
        paragraphs(&document(&render(&pkg(&p("[{{ trong }}]"))))),
        ["[]"]
    );
}

#[test]
fn entities_and_curly_quotes_inside_tags_become_ascii() {
    let body = concat!(
        r#"<w:p><w:r><w:t>{{ nhom[“Văn hóa - Xã hội”] | length }} / {{ ct[&quot;GD01&quot;].ty_le }}</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>{% if ct.KT01.danh_gia == ‘vuot’ %}vượt{% endif %}</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>{% if 1 &lt; 2 %}nhỏ hơn{% endif %}</w:t></w:r></w:p>"#,
    );
    assert_eq!(
        paragraphs(&document(&render(&pkg(body)))),
        ["3 / 96,2%", "vượt", "nhỏ hơn"]
    );
}

#[test]
fn inline_statements_and_comments() {
    let body = p(
        "Đơn vị: {% for d in don_vi %}{{ d.ten }}{% if not loop.last %}, {% endif %}{% endfor %}{# ghi chú #}.",
    );
    assert_eq!(
        paragraphs(&document(&render(&pkg(&body)))),
        ["Đơn vị: Phường Bưởi, Phường Nhật Tân."]
    );
}

#[test]
fn paragraph_if_removes_paragraphs() {
    let body = [
        p("Mở đầu"),
        p("{%p if ct.GD01.danh_gia == \"chua_dat\" %}"),
        p("Chỉ tiêu chưa đạt."),
        p("{%p elif ct.GD01.danh_gia == \"dat\" %}"),
        p("Chỉ tiêu đã đạt."),
        p("{%p endif %}"),
        p("Kết thúc"),
    ]
    .concat();
    assert_eq!(
        paragraphs(&document(&render(&pkg(&body)))),
        ["Mở đầu", "Chỉ tiêu đã đạt.", "Kết thúc"]
    );
}

#[test]
fn paragraph_loop_repeats_paragraphs() {
    let body = [
        p("{%p for c in nhom[\"Văn hóa - Xã hội\"] %}"),
        p("- {{ c.ten }}: {{ c.ty_le }}"),
        p("{%p endfor %}"),
    ]
    .concat();
    assert_eq!(
        paragraphs(&document(&render(&pkg(&body)))),
        [
            "- Tỷ lệ trường đạt chuẩn: 96,2%",
            "- Gia đình văn hóa: 91,0%",
            "- Trạm y tế đạt chuẩn: 100,0%"
        ]
    );
}

#[test]
fn comment_paragraph_is_removed() {
    let body = [p("A"), p("{#p ghi chú cho người soạn #}"), p("B")].concat();
    assert_eq!(paragraphs(&document(&render(&pkg(&body)))), ["A", "B"]);
}

#[test]
fn row_loop_produces_one_row_per_item() {
    let body = table(
        3,
        &[
            tr(&["STT", "Chỉ tiêu", "Tỷ lệ"]),
            tr(&["{%tr for c in nhom[\"Văn hóa - Xã hội\"] %}", "", ""]),
            tr(&["{{ loop.index }}", "{{ c.ten }}", "{{ c.ty_le }}"]),
            tr(&["{%tr endfor %}", "", ""]),
        ],
    );
    let doc = document(&render(&pkg(&body)));
    assert_eq!(doc.matches("<w:tr>").count(), 4);
    assert_eq!(
        paragraphs(&doc),
        [
            "STT",
            "Chỉ tiêu",
            "Tỷ lệ",
            "1",
            "Tỷ lệ trường đạt chuẩn",
            "96,2%",
            "2",
            "Gia đình văn hóa",
            "91,0%",
            "3",
            "Trạm y tế đạt chuẩn",
            "100,0%"
        ]
    );
    // The grid already matches: left as it was.
    assert!(doc.contains(r#"<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>"#));
}

#[test]
fn cell_loop_rebuilds_the_table_grid() {
    let body = table(
        2,
        &[
            tr(&[
                "Chỉ tiêu",
                "{%tc for d in don_vi %}",
                "{{ d.ten }}",
                "{%tc endfor %}",
            ]),
            tr(&["GD01", "{%tc for d in don_vi %}", "x", "{%tc endfor %}"]),
        ],
    );
    let doc = document(&render(&pkg(&body)));
    assert_eq!(
        paragraphs(&doc),
        [
            "Chỉ tiêu",
            "Phường Bưởi",
            "Phường Nhật Tân",
            "GD01",
            "x",
            "x"
        ]
    );
    // 3 columns now; the total width (6000) is kept.
    assert!(
        doc.contains(r#"<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>"#),
        "{doc}"
    );
}

#[test]
fn run_tag_replaces_its_run() {
    let body = concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">Kết quả: </w:t></w:r>"#,
        r#"<w:r><w:rPr><w:i/></w:rPr><w:t>{%r if ct.GD01.danh_gia == "dat" %}</w:t></w:r>"#,
        r#"<w:r><w:t>đạt</w:t></w:r>"#,
        r#"<w:r><w:t>{%r endif %}</w:t></w:r></w:p>"#,
    );
    let doc = document(&render(&pkg(body)));
    assert_eq!(paragraphs(&doc), ["Kết quả: đạt"]);
    assert!(!doc.contains("<w:i/>"), "the tag's run is gone: {doc}");
}

#[test]
fn run_expression_gets_a_run_of_its_own() {
    let body = r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Trước {{r ct.GD01.ty_le }} sau</w:t></w:r></w:p>"#;
    let doc = document(&render(&pkg(body)));
    assert_eq!(paragraphs(&doc), ["Trước 96,2% sau"]);
    assert!(
        doc.contains(r#"Trước </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">96,2%</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> sau"#),
        "{doc}"
    );
}

#[test]
fn dash_joins_with_the_neighbouring_paragraph() {
    let body = [
        p("Các đơn vị:"),
        p("{%- for d in don_vi %} {{ d.ten }};{% endfor -%}"),
        p(" Hết."),
    ]
    .concat();
    assert_eq!(
        paragraphs(&document(&render(&pkg(&body)))),
        ["Các đơn vị: Phường Bưởi; Phường Nhật Tân; Hết."]
    );
}

#[test]
fn colspan_and_cellbg_rewrite_the_cell_properties() {
    let body = table(
        2,
        &[
            tr(&["{% colspan 2 %}{% cellbg \"FF0000\" %}Tiêu đề"]),
            tr(&["a", "b"]),
        ],
    );
    let doc = document(&render(&pkg(&body)));
    assert!(
        doc.contains(r#"<w:tcPr><w:tcW w:w="3000" w:type="dxa"/><w:gridSpan w:val="2"/><w:shd w:val="clear" w:color="auto" w:fill="FF0000"/></w:tcPr>"#),
        "{doc}"
    );
    assert_eq!(paragraphs(&doc), ["Tiêu đề", "a", "b"]);
}

#[test]
fn headers_footnotes_and_title_are_filled() {
    let out = render(
        &pkg(&p("x"))
            .header(&p("{{ so_lieu.ten_don_vi }}"))
            .footnotes(r#"<w:footnote w:id="1"><w:p><w:r><w:t>Nguồn: {{ bao_cao.ngay_text }}</w:t></w:r></w:p></w:footnote>"#)
            .title("{{ bao_cao.tieu_de }} &amp; {{ ghi_chu }}"),
    );
    assert_eq!(paragraphs(&part(&out, "word/header1.xml")), ["Quận Tây Hồ"]);
    assert_eq!(
        paragraphs(&part(&out, "word/footnotes.xml")),
        ["Nguồn: ngày 15 tháng 6 năm 2023"]
    );
    assert!(
        part(&out, "docProps/core.xml").contains(
            "<dc:title>Báo cáo sơ kết &amp; A &amp; B &lt;C&gt; &quot;D&quot;</dc:title>"
        )
    );
}

#[test]
fn untouched_parts_keep_their_bytes() {
    let template = pkg(&p("{{ ct.GD01.ty_le }}")).build();
    let out = render(&pkg(&p("{{ ct.GD01.ty_le }}")));
    let before = unzip(&template);
    let after = unzip(&out);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for name in [
        "word/styles.xml",
        "word/media/image1.png",
        "word/header1.xml",
        "docProps/core.xml",
        "[Content_Types].xml",
    ] {
        assert_eq!(before[name], after[name], "{name}");
    }
    // document.xml: only the tag changed.
    let (b, a) = (
        String::from_utf8(before["word/document.xml"].clone()).unwrap(),
        document(&out),
    );
    assert_eq!(b.replace("{{ ct.GD01.ty_le }}", "96,2%"), a);
}

#[test]
fn entry_order_and_compression_kept_and_output_deterministic() {
    let template = pkg(&p("{{ ct.GD01.ty_le }}")).build();
    let a = render(&pkg(&p("{{ ct.GD01.ty_le }}")));
    let b = render(&pkg(&p("{{ ct.GD01.ty_le }}")));
    assert_eq!(a, b);
    let names = |bytes: &[u8]| {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        (0..z.len())
            .map(|i| {
                let f = z.by_index_raw(i).unwrap();
                (
                    f.name().unwrap().to_string(),
                    f.compression(),
                    f.last_modified().map(|d| d.year()),
                )
            })
            .collect::<Vec<_>>()
    };
    let (t, o) = (names(&template), names(&a));
    assert_eq!(
        t.iter().map(|x| (&x.0, x.1)).collect::<Vec<_>>(),
        o.iter().map(|x| (&x.0, x.1)).collect::<Vec<_>>()
    );
    assert!(o.iter().all(|x| x.2 == Some(1980)), "{o:?}");
}

#[test]
fn repeated_drawings_get_unique_ids() {
    let drawing = r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="7" name="Hình 1"/></wp:inline></w:drawing></w:r><w:r><w:t>{{ d.ten }}</w:t></w:r></w:p>"#;
    let body = [
        p("{%p for d in don_vi %}"),
        drawing.to_string(),
        p("{%p endfor %}"),
    ]
    .concat();
    let doc = document(&render(&pkg(&body)));
    assert!(doc.contains(r#"<wp:docPr id="7" name="Hình 1"/>"#));
    assert!(doc.contains(r#"<wp:docPr id="8" name="Hình 1"/>"#), "{doc}");
}

#[test]
fn text_without_tags_is_not_rewritten() {
    let body = r#"<w:p><w:r><w:t>Giá trị {a} và { b } &amp; }} %}</w:t></w:r></w:p>"#;
    let doc = document(&render(&pkg(body)));
    assert!(doc.contains(body));
}

#[test]
fn two_thousand_row_table_renders() {
    let rows: Vec<serde_json::Value> = (0..2000)
        .map(|i| serde_json::json!({"ma": format!("CT{i:04}"), "ten": format!("Chỉ tiêu số {i}"), "gia_tri": i * 1000, "ty_le": "96,2%"}))
        .collect();
    let ctx = minijinja::Value::from(minijinja::value::Serde(serde_json::json!({ "rows": rows })));
    let body = table(
        5,
        &[
            tr(&["STT", "Mã", "Tên", "Giá trị", "Tỷ lệ"]),
            tr(&["{%tr for r in rows %}", "", "", "", ""]),
            tr(&[
                "{{ loop.index }}",
                "{{ r.ma }}",
                "{{ r.ten }}",
                "{{ r.gia_tri | so }}",
                "{{ r.ty_le }}",
            ]),
            tr(&["{%tr endfor %}", "", "", "", ""]),
        ],
    );
    let template = pkg(&body).build();
    let started = std::time::Instant::now();
    let out = soket::render::docx::render_docx(&template, "bang.docx", &env(), &ctx).unwrap();
    eprintln!(
        "2,000-row table: {:?} ({} bytes)",
        started.elapsed(),
        out.len()
    );
    let doc = document(&out);
    assert_eq!(doc.matches("<w:tr>").count(), 2001);
    assert!(doc.contains("Chỉ tiêu số 1999"));
    assert!(doc.contains("1.999.000"));
}
