//! Templates written for Python's docxtpl render as docxtpl renders them
//! (issue 15): byte-order marks, `{_{ }_}` escapes, Unicode names, spaces
//! around tags, `{{%tr … %}}`, text after `{% vm %}`, entities inside tags,
//! and `--lenient` for names the context leaves out. Each template is built
//! in code the way Word (or another tool) saves it and rendered both ways;
//! then the expected text itself is checked.

use crate::parity;
use parity::*;

use std::io::{Cursor, Read, Write};

use serde_json::{Value, json};
use soket::check::Lang;
use soket::render::docx::{Options, Rendered, TemplateError, render_docx_with};
use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

fn ctx() -> Value {
    json!({
        "ten": "Phường Bưởi",
        "so_tien": 2300000000u64,
        "opción_del_trabajo": "Proyecto técnico",
        "tên_đơn_vị": "Phường Nhật Tân",
        "hang": [
            {"ten": "Bút", "sl": 2},
            {"ten": "Vở", "sl": 5}
        ]
    })
}

/// `template` with the part `name` edited by `edit`.
fn patched(template: &[u8], name: &str, edit: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let mut zip = ZipArchive::new(Cursor::new(template)).unwrap();
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let entry = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if entry == name {
            data = edit(&data);
        }
        w.start_file(entry, SimpleFileOptions::default()).unwrap();
        w.write_all(&data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn with_bom(data: &[u8]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend_from_slice(data);
    out
}

fn soket(template: &[u8], ctx: &Value, lenient: bool) -> Result<Rendered, Vec<TemplateError>> {
    let env = soket::render::environment(soket::vn::Rounding::HalfAwayFromZero);
    let ctx = soket::render::view(std::sync::Arc::new(ctx.clone()));
    render_docx_with(template, "mau.docx", &env, &ctx, Options { lenient })
}

/// Renders `template` both ways; soket's parts as a reader sees them, or
/// nothing when docxtpl is missing.
fn both(
    template: &[u8],
    ctx: &Value,
    lenient: bool,
) -> Option<(std::collections::BTreeMap<String, Shape>, Rendered)> {
    if !docxtpl_ready() {
        return None;
    }
    let ours = soket(template, ctx, lenient).unwrap_or_else(|es| {
        panic!(
            "soket failed: {}",
            es.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let theirs = render_docxtpl(template, ctx).unwrap_or_else(|e| panic!("docxtpl failed: {e}"));
    let (a, b) = (shapes(&ours.bytes), shapes(&theirs));
    for (name, shape) in &a {
        assert_eq!(
            shape.paragraphs, b[name].paragraphs,
            "{name}: paragraph text (left soket, right docxtpl)"
        );
        assert_eq!(shape.tables, b[name].tables, "{name}: tables");
    }
    assert_eq!(title(&ours.bytes), title(&theirs), "document title");
    Some((a, ours))
}

fn body_of(shapes: &std::collections::BTreeMap<String, Shape>) -> Vec<String> {
    shapes["word/document.xml"].paragraphs.clone()
}

#[test]
fn a_byte_order_mark_before_a_part_renders_like_any_other_part() {
    let template = pkg(&p("Kính gửi {{ ten }}"))
        .title("Hồ sơ {{ ten }}")
        .build();
    let template = patched(&template, "word/document.xml", with_bom);
    let template = patched(&template, "docProps/core.xml", with_bom);
    let template = patched(&template, "word/header1.xml", with_bom);
    let Some((shapes, ours)) = both(&template, &ctx(), false) else {
        return;
    };
    assert_eq!(body_of(&shapes), ["Kính gửi Phường Bưởi"]);
    assert_eq!(title(&ours.bytes), "Hồ sơ Phường Bưởi");
    assert!(ours.warnings.is_empty());
}

#[test]
fn escaped_braces_print_as_tags_split_or_not() {
    let body = [
        p("Viết {_{ ten }_} để in tên: {{ ten }}"),
        p("Khối lệnh: {_% if x %_} … {_%- endif -%_}"),
    ]
    .concat();
    let Some((shapes, _)) = both(&pkg(&body).build(), &ctx(), false) else {
        return;
    };
    assert_eq!(
        body_of(&shapes),
        [
            "Viết {{ ten }} để in tên: Phường Bưởi",
            "Khối lệnh: {% if x %} … {%- endif -%}",
        ]
    );
}

/// An escape that Word split across runs is found too (docxtpl, which
/// replaces them in the XML, would leave `{_{` there: a deliberate
/// difference, in the direction the author meant).
#[test]
fn escaped_braces_split_across_runs_still_print_as_tags() {
    let body = p_runs(&[r("Mẫu {_"), r("{ ten }"), r("_} hết")]);
    let ours = soket(&pkg(&body).build(), &ctx(), false).unwrap();
    let doc = String::from_utf8(unzip_part(&ours.bytes, "word/document.xml")).unwrap();
    assert_eq!(shape(&doc).paragraphs, ["Mẫu {{ ten }} hết"]);
}

#[test]
fn unicode_names_in_tags() {
    let body = p("{{ opción_del_trabajo }} — {{ tên_đơn_vị }}");
    let Some((shapes, _)) = both(&pkg(&body).build(), &ctx(), false) else {
        return;
    };
    assert_eq!(body_of(&shapes), ["Proyecto técnico — Phường Nhật Tân"]);
}

/// Word drops the spaces at the ends of a `<w:t>` without
/// `xml:space="preserve"`; docxtpl marks the text nodes around tags
/// preserving, so `{{ x }} đồng.` keeps its space.
#[test]
fn spaces_around_tags_are_kept_as_docxtpl_keeps_them() {
    let bare = |t: &str| format!("<w:r><w:t>{t}</w:t></w:r>");
    let body = [
        // The tag ends in a bare run that goes on with " đồng.".
        p_runs(&[r("Bằng chữ: "), bare("{{ so_tien"), bare(" }} đồng.")]),
        // A bare run before a tag keeps its trailing space.
        p_runs(&[bare("Đơn vị "), r("{{ ten }}"), bare(" (hết)")]),
    ]
    .concat();
    let Some((shapes, _)) = both(&pkg(&body).build(), &ctx(), false) else {
        return;
    };
    assert_eq!(
        body_of(&shapes),
        ["Bằng chữ: 2300000000 đồng.", "Đơn vị Phường Bưởi(hết)"]
    );
}

#[test]
fn doubled_brace_row_tags_render_with_a_warning_naming_the_cell() {
    let body = table(
        2,
        &[
            tr(&["Hàng", "Số lượng"]),
            tr(&["{{%tr for h in hang %}}", ""]),
            tr(&["{{ h.ten }}", "{{ h.sl }}"]),
            tr(&["{{%tr endfor %}}", ""]),
        ],
    );
    let Some((shapes, ours)) = both(&pkg(&body).build(), &ctx(), false) else {
        return;
    };
    assert_eq!(
        body_of(&shapes),
        ["Hàng", "Số lượng", "Bút", "2", "Vở", "5"]
    );
    let located: Vec<(&str, String, &str)> = ours
        .warnings
        .iter()
        .map(|w| (w.part.as_str(), w.location(Lang::Vi), w.message_vi.as_str()))
        .collect();
    let warned: Vec<(&str, &str, &str)> = located
        .iter()
        .map(|(p, l, m)| (*p, l.as_str(), *m))
        .collect();
    assert_eq!(
        warned,
        [
            (
                "document",
                "bảng 1, hàng 2, ô 1",
                "thẻ \"{{%tr for h in hang %}}\" có hai dấu ngoặc; soket điền như docxtpl, như thể viết \"{%tr for h in hang %}\" (cách viết thông thường)"
            ),
            (
                "document",
                "bảng 1, hàng 4, ô 1",
                "thẻ \"{{%tr endfor %}}\" có hai dấu ngoặc; soket điền như docxtpl, như thể viết \"{%tr endfor %}\" (cách viết thông thường)"
            ),
        ]
    );
    assert_eq!(
        ours.warnings[1].message_en,
        "tag \"{{%tr endfor %}}\" has doubled braces; soket fills it as docxtpl does, as if written \"{%tr endfor %}\" (the usual form)"
    );
    assert!(!ours.warnings[0].to_warning().is_error());
}

/// docxtpl shows only the text up to `{% vm %}`'s own text node on the
/// loop's first pass; a run after it stays in every merged copy.
#[test]
fn vertical_merge_keeps_the_text_after_the_tag_in_continued_cells() {
    let cell = tc_w(
        2000,
        &p_runs(&[r("Nhóm {% vm %}"), r_fmt("<w:b/>", "00A1", "A")]),
    );
    let body = table(
        2,
        &[
            tr(&["{%tr for h in hang %}", ""]),
            format!("<w:tr>{cell}{}</w:tr>", tc("{{ h.ten }}")),
            tr(&["{%tr endfor %}", ""]),
        ],
    );
    let Some((shapes, _)) = both(&pkg(&body).build(), &ctx(), false) else {
        return;
    };
    assert_eq!(body_of(&shapes), ["Nhóm A", "Bút", "A", "Vở"]);
}

/// docxtpl does not undo `&amp;` inside a tag: with autoescape the footer
/// prints `Testé&amp;xx;` (its `header_footer_entities` test).
#[test]
fn entities_inside_tags_print_as_docxtpl_prints_them() {
    let footer = p("{{ khong_co | default(\"Testé&amp;xx;\") }}");
    let header = p("{{ ten }} &amp; {{ \"A &lt; B\" }}");
    let template = pkg(&p("x")).footer(&footer).header(&header).build();
    let Some((shapes, _)) = both(&template, &ctx(), false) else {
        return;
    };
    assert_eq!(shapes["word/footer1.xml"].paragraphs, ["Testé&amp;xx;"]);
    assert_eq!(
        shapes["word/header1.xml"].paragraphs,
        ["Phường Bưởi & A < B"]
    );
}

#[test]
fn lenient_prints_undefined_names_empty_and_false_with_one_warning_per_name() {
    let body = [
        p("Kính gửi {{ ho_ten }}, {{ ten }}"),
        p("{% if co_dau %}Có dấu{% else %}Không dấu{% endif %} {{ ho_ten }}"),
        p("{% for x in danh_sach %}{{ x }}{% endfor %}hết"),
        p("{{ ten.khong_co }}|{{ ho_ten | default('—') }}"),
    ]
    .concat();
    let template = pkg(&body).build();
    // Without --lenient every undefined name is an error.
    let es = soket(&template, &ctx(), false).unwrap_err();
    let names: Vec<&str> = es.iter().map(|e| e.message_vi.as_str()).collect();
    assert_eq!(
        names,
        [
            "không có tên \"ho_ten\" (ý bạn là \"so_tien\"?)",
            "không có tên \"co_dau\"",
            "không có tên \"ho_ten\" (ý bạn là \"so_tien\"?)",
            "không có tên \"danh_sach\"",
            "không có tên \"ten.khong_co\"",
        ]
    );
    let Some((shapes, ours)) = both(&template, &ctx(), true) else {
        return;
    };
    assert_eq!(
        body_of(&shapes),
        ["Kính gửi , Phường Bưởi", "Không dấu ", "hết", "|—"]
    );
    let located: Vec<(String, &str)> = ours
        .warnings
        .iter()
        .map(|w| (w.location(Lang::Vi), w.message_vi.as_str()))
        .collect();
    let warned: Vec<(&str, &str)> = located.iter().map(|(l, m)| (l.as_str(), *m)).collect();
    assert_eq!(
        warned,
        [
            (
                "đoạn \"Kính gửi {{ ho_ten }}, {{ ten }}\"",
                "không có tên \"ho_ten\" (ý bạn là \"so_tien\"?): điền rỗng như docxtpl (--lenient) (và 1 chỗ khác)"
            ),
            (
                "đoạn \"{% if co_dau %}Có dấu{% else %}Không dấu…\"",
                "không có tên \"co_dau\": điền rỗng như docxtpl (--lenient)"
            ),
            (
                "đoạn \"{% for x in danh_sach %}{{ x }}{% endfor…\"",
                "không có tên \"danh_sach\": điền rỗng như docxtpl (--lenient)"
            ),
            (
                "đoạn \"{{ ten.khong_co }}|{{ ho_ten | default('…\"",
                "không có tên \"ten.khong_co\": điền rỗng như docxtpl (--lenient)"
            ),
        ]
    );
    assert_eq!(
        ours.warnings[1].message_en,
        "unknown name \"co_dau\": left empty as docxtpl does (--lenient)"
    );
}

/// Attributes of an undefined name fail in docxtpl too (Jinja's Undefined):
/// `--lenient` does not hide them.
#[test]
fn lenient_still_refuses_an_attribute_of_an_undefined_name() {
    let template = pkg(&p("{{ khong_co.ten }}")).build();
    let es = soket(&template, &ctx(), true).unwrap_err();
    assert_eq!(es.len(), 1, "{es:?}");
    assert_eq!(es[0].location(Lang::Vi), "đoạn \"{{ khong_co.ten }}\"");
    assert_eq!(es[0].location(Lang::En), "paragraph \"{{ khong_co.ten }}\"");
}

/// Tags where neither soket nor docxtpl fills anything are never silently
/// literal: a comment, a field code.
#[test]
fn tags_left_in_comments_and_field_codes_are_warned_with_their_part() {
    let field = concat!(
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
        r#"<w:r><w:instrText xml:space="preserve"> MERGEFIELD {{ ten }} </w:instrText></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        r#"<w:r><w:t>{{ ten }}</w:t></w:r></w:p>"#,
    );
    let template = pkg(field).build();
    let template = patched(&template, "word/styles.xml", |_| {
        // A comments part in place of styles: any part soket does not fill.
        br#"<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0"><w:p><w:r><w:t>Sua {{ ten</w:t></w:r><w:r><w:t> }} sau</w:t></w:r></w:p></w:comment></w:comments>"#.to_vec()
    });
    let template = rename(&template, "word/styles.xml", "word/comments.xml");
    let ours = soket(&template, &ctx(), false).unwrap();
    let warned: Vec<(&str, &str)> = ours
        .warnings
        .iter()
        .map(|w| (w.part.as_str(), w.message_vi.as_str()))
        .collect();
    assert_eq!(
        warned,
        [
            (
                "document",
                "thẻ \"{{ ten }}\" nằm trong mã trường (field code), nơi soket (và docxtpl) không điền: thẻ được giữ nguyên trong tệp kết quả"
            ),
            (
                "word/comments.xml",
                "thẻ \"{{ ten }}\" nằm ở chú thích (comment) của tệp Word, nơi soket (và docxtpl) không điền: thẻ được giữ nguyên trong tệp kết quả"
            ),
        ]
    );
}

fn rename(template: &[u8], from: &str, to: &str) -> Vec<u8> {
    let mut zip = ZipArchive::new(Cursor::new(template)).unwrap();
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let entry = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        let entry = if entry == from { to.to_string() } else { entry };
        w.start_file(entry, SimpleFileOptions::default()).unwrap();
        w.write_all(&data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Text boxes (in the body) and footnotes are filled, as docxtpl fills them.
#[test]
fn text_boxes_and_footnotes_are_filled() {
    let textbox = format!(
        r#"<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"#,
        p("Hộp: {{ ten }}")
    );
    let template = pkg(&textbox)
        .footnote(&p("Chú thích {{ tên_đơn_vị }}"))
        .build();
    let Some((shapes, ours)) = both(&template, &ctx(), false) else {
        return;
    };
    assert_eq!(body_of(&shapes), ["Hộp: Phường Bưởi"]);
    assert_eq!(
        shapes["word/footnotes.xml"].paragraphs,
        ["", "", "Chú thích Phường Nhật Tân"]
    );
    assert!(ours.warnings.is_empty());
}
