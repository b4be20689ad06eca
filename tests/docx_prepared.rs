//! A Word template prepared once and filled for many reviews
//! (`PreparedDocx`) gives the bytes, or the errors, of filling it the
//! ordinary way (`render_docx`).

use crate::docx_support;
use docx_support::*;
use soket::render::docx::{PreparedDocx, render_docx};

/// Templates of every kind the prepared path must fill like the ordinary
/// one: values, escapes, paragraph and row loops, a cell loop that rebuilds
/// the grid, a header, the title, and templates whose tags fail.
fn templates() -> Vec<(&'static str, Pkg)> {
    let rows = table(
        3,
        &[
            tr(&["{%tr for c in nhom[\"Văn hóa - Xã hội\"] %}", "", ""]),
            tr(&["{{ c.ma }}", "{{ c.ten }}", "{{ c.ty_le }}"]),
            tr(&["{%tr endfor %}", "", ""]),
        ],
    );
    let columns = table(
        2,
        &[tr(&[
            "GD01",
            "{%tc for d in don_vi %}",
            "{{ d.ten }}",
            "{%tc endfor %}",
        ])],
    );
    vec![
        ("a value", pkg(&p("Tỷ lệ: {{ ct.GD01.ty_le }}."))),
        ("text to escape", pkg(&p("{{ ghi_chu }} {{ nhieu_dong }}"))),
        ("a filter", pkg(&p("Thu: {{ ct.KT01.gia_tri | so }}"))),
        ("a row loop", pkg(&rows)),
        ("a cell loop", pkg(&columns)),
        (
            "a header and the title",
            pkg(&p("{{ so_lieu.ten_don_vi }}"))
                .header(&p("{{ bao_cao.ngay_text }}"))
                .title("{{ bao_cao.tieu_de }}"),
        ),
        ("no tag at all", pkg(&p("Báo cáo."))),
        ("an unknown name", pkg(&p("{{ ct.GD01.ty_lee }}"))),
        ("a syntax error", pkg(&p("{{ ct.GD01.ty_le + }}"))),
        (
            "an unclosed loop",
            pkg(&p("{% for d in don_vi %}{{ d.ten }}")),
        ),
    ]
}

#[test]
fn a_prepared_template_fills_what_the_ordinary_way_fills() {
    for (what, template) in templates() {
        let bytes = template.build();
        let ordinary = render_docx(&bytes, "mau/bao-cao.docx", &env(), &ctx());
        let prepared = PreparedDocx::new(&bytes, "mau/bao-cao.docx", &env())
            .map(|prepared| prepared.render(&ctx()));
        match prepared {
            Some(filled) => assert_eq!(filled, ordinary, "{what}"),
            // Only a template whose tags do not compile is left unprepared.
            None => assert!(ordinary.is_err(), "{what}: not prepared"),
        }
    }
}

#[test]
fn a_prepared_template_fills_many_times_alike() {
    let bytes = pkg(&p("{{ ct.GD01.ty_le }} {{ ct.KT01.ten }}")).build();
    let prepared = PreparedDocx::new(&bytes, "mau/bao-cao.docx", &env()).expect("prepared");
    let first = prepared.render(&ctx()).expect("filled");
    for _ in 0..3 {
        assert_eq!(prepared.render(&ctx()).expect("filled"), first);
    }
    assert_eq!(paragraphs(&document(&first)), ["96,2% Tổng thu ngân sách"]);
}

#[test]
fn a_template_whose_tags_do_not_compile_is_not_prepared() {
    for (what, body) in [
        ("a syntax error", "{{ ct.GD01.ty_le + }}"),
        ("an unclosed loop", "{% for d in don_vi %}{{ d.ten }}"),
        ("a stray end tag", "{% endif %}"),
    ] {
        let bytes = pkg(&p(body)).build();
        assert!(
            PreparedDocx::new(&bytes, "mau/bao-cao.docx", &env()).is_none(),
            "{what}"
        );
    }
}
