//! Word templates: every error named, located and reported together.

use crate::docx_support;
use docx_support::*;
use soket::check::Lang;
use soket::render::docx::TemplateError;

fn brief(es: &[TemplateError]) -> Vec<(String, String, String)> {
    es.iter()
        .map(|e| (e.part.clone(), e.location(Lang::Vi), e.message_vi.clone()))
        .collect()
}

fn s(part: &str, loc: &str, msg: &str) -> (String, String, String) {
    (part.into(), loc.into(), msg.into())
}

#[test]
fn unknown_name_in_a_cell_names_table_row_cell_and_nearest_name() {
    let body = [
        table(2, &[tr(&["a", "b"])]),
        table(
            4,
            &[
                tr(&["1", "2", "3", "4"]),
                tr(&["1", "2", "3", "4"]),
                tr(&["1", "2", "3", "{{ ct.GD01.ty_lee }}"]),
            ],
        ),
    ]
    .concat();
    let es = render_err(&pkg(&body));
    assert_eq!(
        brief(&es),
        [s(
            "document",
            "bảng 2, hàng 3, ô 4",
            "không có tên \"ct.GD01.ty_lee\" (ý bạn là \"ct.GD01.ty_le\"?)"
        )]
    );
    assert_eq!(
        es[0].message_en,
        "unknown name \"ct.GD01.ty_lee\" (did you mean \"ct.GD01.ty_le\"?)"
    );
    assert_eq!(es[0].template, "mau/bao-cao.docx");
    let p = es[0].to_problem();
    assert_eq!(p.tep(), Some("mau/bao-cao.docx"));
    assert_eq!(p.trang(), Some("document"));
    assert_eq!(p.o().as_deref(), Some("bảng 2, hàng 3, ô 4"));
    assert_eq!(p.o_in(Lang::En).as_deref(), Some("table 2, row 3, cell 4"));
    assert!(p.is_error());
}

#[test]
fn unknown_name_in_a_paragraph_quotes_its_first_words() {
    let es = render_err(&pkg(&p(
        "Tổng thu ngân sách trên địa bàn quận năm 2023 ước đạt {{ ct.KT01.gia_tri_txt }} tỷ đồng",
    )));
    assert_eq!(
        brief(&es),
        [s(
            "document",
            "đoạn \"Tổng thu ngân sách trên địa bàn quận năm…\"",
            "không có tên \"ct.KT01.gia_tri_txt\" (ý bạn là \"ct.KT01.gia_tri_text\"?)"
        )]
    );
}

#[test]
fn unknown_indicator_code_and_unknown_top_name() {
    let body = [
        p("{{ ct.GD02.ty_le }}"),
        p("{{ cx.GD01.ty_le }}"),
        p("{{ hoan_toan_khac }}"),
    ]
    .concat();
    let es = render_err(&pkg(&body));
    let msgs: Vec<_> = es.iter().map(|e| e.message_vi.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "không có tên \"ct.GD02\" (ý bạn là \"ct.GD01\"?)",
            "không có tên \"cx\" (ý bạn là \"ct\"?)",
            "không có tên \"hoan_toan_khac\"",
        ]
    );
}

#[test]
fn unknown_name_through_a_loop_variable() {
    let body = table(
        2,
        &[
            tr(&["{%tr for c in nhom[\"Văn hóa - Xã hội\"] %}", ""]),
            tr(&["{{ c.ten }}", "{{ c.ty_lee }}"]),
            tr(&["{%tr endfor %}", ""]),
        ],
    );
    let es = render_err(&pkg(&body));
    assert_eq!(
        brief(&es),
        [s(
            "document",
            "bảng 1, hàng 2, ô 2",
            "không có tên \"c.ty_lee\" (ý bạn là \"c.ty_le\"?)"
        )]
    );
}

#[test]
fn unknown_filter_suggests_a_known_one() {
    let es = render_err(&pkg(&p("Thu {{ ct.KT01.gia_tri | sso }}")));
    assert_eq!(
        brief(&es),
        [s(
            "document",
            "đoạn \"Thu {{ ct.KT01.gia_tri | sso }}\"",
            "không có bộ lọc \"sso\" (ý bạn là \"so\"?)"
        )]
    );
    assert_eq!(
        es[0].message_en,
        "unknown filter \"sso\" (did you mean \"so\"?)"
    );
}

#[test]
fn syntax_error_names_the_tag() {
    let es = render_err(&pkg(&p("Tỷ lệ {{ ct.GD01.ty_le + }}")));
    assert_eq!(
        brief(&es),
        [s(
            "document",
            "đoạn \"Tỷ lệ {{ ct.GD01.ty_le + }}\"",
            "lỗi cú pháp ở thẻ \"{{ ct.GD01.ty_le + }}\": unexpected end of variable block"
        )]
    );
}

#[test]
fn all_errors_of_a_template_come_together() {
    let body = [
        p("Mở đầu {{ ct.GD01.ty_lee }}"),
        p("{% if ct.GD01.danh_gia == %}x{% endif %}"),
        table(1, &[tr(&["{{ ct.KT01.ten | upperr }}"])]),
        p("{%p for c in nhom[\"Văn hóa - Xã hội\"] %}"),
        p("{{ c.tenn }}"),
        p("{%p endfor %}"),
        p("Cuối {{ so_lieu.ten_don_vii }}"),
    ]
    .concat();
    let es = render_err(&pkg(&body).header(&p("{{ bao_cao.ngay }}")));
    assert_eq!(
        brief(&es),
        [
            s(
                "document",
                "đoạn \"{% if ct.GD01.danh_gia == %}x{% endif %}\"",
                "lỗi cú pháp ở thẻ \"{% if ct.GD01.danh_gia == %}\": unexpected end of block"
            ),
            s(
                "document",
                "đoạn \"Mở đầu {{ ct.GD01.ty_lee }}\"",
                "không có tên \"ct.GD01.ty_lee\" (ý bạn là \"ct.GD01.ty_le\"?)"
            ),
            s(
                "document",
                "bảng 1, hàng 1, ô 1",
                "không có bộ lọc \"upperr\" (ý bạn là \"upper\"?)"
            ),
            s(
                "document",
                "đoạn \"{{ c.tenn }}\"",
                "không có tên \"c.tenn\" (ý bạn là \"c.ten\"?)"
            ),
            s(
                "document",
                "đoạn \"Cuối {{ so_lieu.ten_don_vii }}\"",
                "không có tên \"so_lieu.ten_don_vii\" (ý bạn là \"so_lieu.ten_don_vi\"?)"
            ),
            s(
                "header1",
                "đoạn \"{{ bao_cao.ngay }}\"",
                "không có tên \"bao_cao.ngay\""
            ),
        ]
    );
}

#[test]
fn missing_end_tag_points_at_the_opener() {
    let body = [
        p("Đầu"),
        p("{%p for c in nhom[\"Văn hóa - Xã hội\"] %}"),
        p("{{ c.ten }}"),
        p("Cuối"),
    ]
    .concat();
    let es = render_err(&pkg(&body));
    assert_eq!(
        brief(&es),
        [s(
            "document",
            "đoạn \"{%p for c in nhom[\"Văn hóa - Xã hội\"] %}\"",
            "thẻ \"{%p for c in nhom[\"Văn hóa - Xã hội\"] %}\" không có thẻ đóng {% endfor %}"
        )]
    );
}

#[test]
fn stray_end_tag_is_reported() {
    let es = render_err(&pkg(&[p("A"), p("{%p endif %}")].concat()));
    assert_eq!(
        brief(&es),
        [s(
            "document",
            "đoạn \"{%p endif %}\"",
            "lỗi cú pháp ở thẻ \"{%p endif %}\": unknown statement endif"
        )]
    );
}

#[test]
fn unclosed_tag_in_a_paragraph() {
    let es = render_err(&pkg(&p("Tỷ lệ {{ ct.GD01.ty_le")));
    assert_eq!(
        brief(&es),
        [s(
            "document",
            "đoạn \"Tỷ lệ {{ ct.GD01.ty_le\"",
            "thẻ \"{{ ct.GD01.ty_le\" không có \"}}\" để đóng"
        )]
    );
}

#[test]
fn row_tag_outside_a_table() {
    let es = render_err(&pkg(&p("{%tr for c in don_vi %}")));
    assert_eq!(
        es[0].message_vi,
        "thẻ \"{%tr for c in don_vi %}\" không nằm trong hàng bảng nào"
    );
}

#[test]
fn runaway_loop_runs_out_of_fuel() {
    let body =
        p("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}");
    let es = render_err(&pkg(&body));
    assert_eq!(
        brief(&es),
        [s(
            "document",
            "",
            "mẫu chạy quá lâu (có vòng lặp không dừng?)"
        )]
    );
}

#[test]
fn error_in_the_title() {
    let es = render_err(&pkg(&p("x")).title("{{ bao_cao.tieu_dee }}"));
    assert_eq!(
        brief(&es),
        [s(
            "core",
            "tiêu đề",
            "không có tên \"bao_cao.tieu_dee\" (ý bạn là \"bao_cao.tieu_de\"?)"
        )]
    );
}

#[test]
fn not_a_docx() {
    let es =
        soket::render::docx::render_docx(b"not a zip", "mau/x.docx", &env(), &ctx()).unwrap_err();
    assert_eq!(es.len(), 1);
    assert!(
        es[0]
            .message_vi
            .starts_with("không mở được tệp Word (.docx)"),
        "{}",
        es[0].message_vi
    );
    assert_eq!(es[0].to_problem().o(), None);
}

/// A template whose document part inflates past the limit is refused
/// before it is rendered (a zip bomb disguised as a template).
#[test]
fn an_oversized_template_part_is_refused() {
    let chunk = vec![b'a'; 1 << 20];
    let bytes = docx_of(
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1)),
        &vec![chunk.as_slice(); 65],
    );
    assert!(
        bytes.len() < 2 << 20,
        "the template itself is small: {}",
        bytes.len()
    );
    let env = soket::render::environment(soket::vn::Rounding::HalfAwayFromZero);
    let errors =
        soket::render::docx::render_docx(&bytes, "mau/bom.docx", &env, &minijinja::Value::from(()))
            .expect_err("refused");
    assert_eq!(
        errors[0].message_vi,
        "phần này của mẫu Word quá lớn (trên 64 MiB)"
    );
    assert_eq!(errors[0].part, "document");
}

#[test]
fn merges_outside_a_cell_or_a_loop_are_reported() {
    let body = [p("Tiêu đề {% vm %}"), table(2, &[tr(&["{% hm %}a", "b"])])].concat();
    let es = render_err(&pkg(&body));
    let got = brief(&es);
    assert_eq!(
        got[0],
        s(
            "document",
            "đoạn \"Tiêu đề {% vm %}\"",
            "thẻ \"{% vm %}\" chỉ dùng được trong ô bảng"
        )
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].1, "bảng 1, hàng 1, ô 1");
    assert_eq!(
        got[1].2,
        "thẻ \"{% hm %}\" phải nằm trong một vòng lặp ({%tr for %} hoặc {%tc for %})"
    );
}

/// A template part altered after it was written (one byte changed, so its
/// CRC-32 no longer matches) is refused by name, never rendered.
#[test]
fn a_template_part_that_fails_its_crc_is_refused() {
    let mut bytes = docx_of(
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored),
        &[b"31"],
    );
    let at = bytes.windows(2).position(|w| w == b"31").unwrap();
    bytes[at + 1] = b'3';
    let env = soket::render::environment(soket::vn::Rounding::HalfAwayFromZero);
    let errors =
        soket::render::docx::render_docx(&bytes, "mau/sua.docx", &env, &minijinja::Value::from(()))
            .expect_err("refused");
    assert_eq!(
        (errors[0].message_vi.as_str(), errors[0].part.as_str()),
        (
            "phần này của mẫu Word không khớp mã kiểm tra CRC-32: nội dung đã bị thay đổi hoặc hỏng khi gửi",
            "document"
        )
    );
}

/// A minimal Word package whose one paragraph holds `text` (written in
/// chunks, so that a large part need not be built in memory twice).
fn docx_of(opts: zip::write::SimpleFileOptions, text: &[&[u8]]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        .unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>")
        .unwrap();
    for chunk in text {
        zip.write_all(chunk).unwrap();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .unwrap();
    zip.finish().unwrap().into_inner()
}
