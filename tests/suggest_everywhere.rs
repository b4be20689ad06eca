//! One misspelling gets the same "ý bạn là …?" in a Word template, an Excel
//! template and `soket.toml` (one rule, one wording: `soket::suggest`).

use crate::docx_support;
use crate::xlsx_support;

use rust_xlsxwriter::Workbook;

fn ctx() -> minijinja::Value {
    soket::render::view(std::sync::Arc::new(
        serde_json::to_value(xlsx_support::sample_context()).unwrap(),
    ))
}

#[test]
fn the_same_typo_gets_the_same_hint_in_word_excel_and_settings() {
    let env = soket::render::environment(soket::vn::Rounding::HalfAwayFromZero);
    let word = docx_support::pkg(&docx_support::p("{{ so_lieu.nam_gocc }}")).build();
    let word = soket::render::docx::render_docx(&word, "mau/a.docx", &env, &ctx()).unwrap_err();

    let mut wb = Workbook::new();
    wb.add_worksheet()
        .write_string(0, 0, "{{ so_lieu.nam_gocc }}")
        .unwrap();
    let excel = soket::render::xlsx_template::render_xlsx_template(
        &wb.save_to_buffer().unwrap(),
        "mau/a.xlsx",
        &env,
        &ctx(),
    )
    .unwrap_err();

    let (_, settings) =
        soket::review::settings::parse("[so_lieu]\nnam_gocc = 2020\n", "soket.toml");

    let tails = [
        word[0].message_vi.clone(),
        excel[0].thong_diep().clone(),
        settings[0].thong_diep().clone(),
    ]
    .map(|m| m[m.find(" (ý bạn là").expect(&m)..].to_string());
    assert_eq!(
        tails,
        [
            " (ý bạn là \"so_lieu.nam_goc\"?)",
            " (ý bạn là \"so_lieu.nam_goc\"?)",
            " (ý bạn là \"nam_goc\"?)",
        ]
    );
}
