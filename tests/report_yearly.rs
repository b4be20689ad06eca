//! A yearly review of a ward, on the sample built in code
//! (`soket::synth::yearly`: Phường Hoàn Kiếm's 12 residential groups,
//! "năm 2026"): the ward's own revenue note in `mau/` writes the seed
//! sentences of PRODUCT.md word for word, and the built-in report sets
//! the year against 2025 and the year's plan, the plan standing in the
//! table where an indicator has no target.

use crate::docx_support;
use crate::fs_support;
use docx_support::{document, paragraphs};
use std::path::Path;

/// The text paragraphs of the sample's output `name`, non-breaking spaces
/// shown as spaces.
fn built(names: &[&str]) -> Vec<Vec<String>> {
    built_after(|_| {}, names)
}

/// [`built`] after `edit` changed the sample's folder.
fn built_after(edit: impl Fn(&Path), names: &[&str]) -> Vec<Vec<String>> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("hoan-kiem");
    soket::synth::yearly::write(&dir).unwrap();
    edit(&dir);
    let out = tmp.path().join("out");
    let b = soket::pipeline::build(&dir, &out, &Default::default());
    assert!(b.ok());
    names
        .iter()
        .map(|name| {
            let bytes = std::fs::read(out.join(name)).unwrap();
            paragraphs(&document(&bytes))
                .into_iter()
                .map(|p| p.replace('\u{a0}', " "))
                .filter(|p| !p.trim().is_empty())
                .collect()
        })
        .collect()
}

#[test]
fn the_wards_revenue_note_writes_the_seed_sentences_word_for_word() {
    let note = built(&["thu-ngan-sach.docx"]).remove(0);
    assert_eq!(
        note,
        [
            "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM",
            "TÌNH HÌNH THU NGÂN SÁCH NĂM 2026",
            "1. Tổng thu ngân sách nhà nước trên địa bàn đạt 12.993 tỷ đồng bằng 151% kế hoạch giao, tăng 14,2% so với năm 2025.",
            "2. Các khoản thu qua tổ dân phố:",
            "- Thuế công thương nghiệp thu được 14.500.000.000đ/17.100.000.000đ (đạt 84,8%) tăng 13,8%;",
            "- Lệ phí trước bạ thu được 3.200.000.000đ/3.000.000.000đ (đạt 106,7%) giảm 8,6%.",
        ]
    );
    for seed in [
        "Tổng thu ngân sách nhà nước trên địa bàn đạt 12.993 tỷ đồng bằng 151% kế hoạch giao",
        "Thuế công thương nghiệp thu được 14.500.000.000đ/17.100.000.000đ (đạt 84,8%) tăng 13,8%",
    ] {
        assert!(note.iter().any(|p| p.contains(seed)), "{seed}");
    }
}

/// A group that left its 2026 tax blank: the note marks the total it
/// missed and says the change cannot be computed, never a bare figure.
#[test]
fn the_note_marks_a_figure_a_group_did_not_report() {
    let note = built_after(
        |dir| {
            let file = dir.join("so-lieu/to-dan-pho-so-12.csv");
            let text = std::fs::read_to_string(&file).unwrap();
            std::fs::write(&file, text.replace(";1300000000;", ";;")).unwrap();
        },
        &["thu-ngan-sach.docx"],
    )
    .remove(0);
    assert_eq!(
        note[4],
        "- Thuế công thương nghiệp thu được 13.200.000.000đ/17.100.000.000đ (đạt 77,2%) (11/12 tổ dân phố báo cáo) chưa so được với cùng kỳ;"
    );
}

#[test]
fn the_built_in_report_of_a_year_sets_it_against_last_year_and_the_plan() {
    let text = built(&["bao-cao.docx"]).remove(0);
    let from = |start: &str| {
        text.iter()
            .position(|p| p.starts_with(start))
            .unwrap_or_else(|| panic!("{start}: {text:#?}"))
    };
    let i = from("Căn cứ số liệu");
    assert_eq!(
        text[i..i + 15],
        [
            "Căn cứ số liệu tổng hợp từ 12 tổ dân phố trên địa bàn Phường Hoàn Kiếm, kết quả thực hiện các chỉ tiêu chủ yếu năm 2026 (so sánh với cùng kỳ năm 2025 và kế hoạch năm 2026) như sau:",
            "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU",
            "1. Thu ngân sách",
            "- Tổng thu ngân sách nhà nước trên địa bàn năm 2026 đạt 12.993 tỷ đồng, bằng 151,1% kế hoạch năm, tăng 14,2% so với cùng kỳ;",
            "- Thuế công thương nghiệp năm 2026 đạt 14.500.000.000 đồng, bằng 84,8% kế hoạch năm, tăng 13,8% so với cùng kỳ;",
            "- Lệ phí trước bạ năm 2026 đạt 3.200.000.000 đồng, bằng 106,7% kế hoạch năm, giảm 8,6% so với cùng kỳ.",
            "2. Văn hóa - Xã hội",
            "- Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa năm 2026 đạt 91,8% (3.911/4.260 hộ), tăng 2,0 điểm phần trăm so với cùng kỳ, vượt mục tiêu đề ra (90%);",
            "- Tổ dân phố đạt danh hiệu Tổ dân phố văn hóa năm 2026 đạt 10/12 tổ dân phố, tăng 1 tổ dân phố so với cùng kỳ, đạt mục tiêu đề ra (10/12).",
            "II. ĐÁNH GIÁ CHUNG",
            "Qua rà soát, có 4/5 chỉ tiêu đạt và vượt mục tiêu, kế hoạch năm 2026 (vượt 3, đạt 1, chưa đạt 1); 2/3 chỉ tiêu có kế hoạch năm đạt và vượt kế hoạch năm.",
            "Các chỉ tiêu chưa đạt: Thuế công thương nghiệp (14.500.000.000 đồng, kế hoạch năm 17.100.000.000 đồng).",
            "Kết quả cụ thể từng chỉ tiêu như sau:",
            "STT",
            "Chỉ tiêu",
        ]
    );
    // The table's target column: the plan where there is no target.
    let i = from("Tổng thu ngân sách nhà nước trên địa bàn") + 2;
    assert_eq!(text[i..i + 3], ["KH 8.600", "12.993 tỷ đồng", "Vượt"]);
    let i = from("Thuế công thương nghiệp") + 2;
    assert_eq!(
        text[i..i + 3],
        ["KH 17.100.000.000", "14.500.000.000 đồng", "Chưa đạt"]
    );
}

#[test]
fn the_committed_yearly_sample_is_what_the_generator_writes() {
    let tmp = tempfile::tempdir().unwrap();
    soket::synth::yearly::write(tmp.path()).unwrap();
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/hoan-kiem-nam-2026");
    let files = fs_support::assert_same_files(
        tmp.path(),
        &committed,
        "cargo run --features dev --example gen_yearly",
    );
    assert_eq!(files, 3 + 12 + 1);
}

/// The sample's README quotes the note and the report word for word.
#[test]
fn the_samples_readme_quotes_what_the_outputs_say() {
    let outputs = built(&["thu-ngan-sach.docx", "bao-cao.docx"]).concat();
    let readme = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/hoan-kiem-nam-2026/README.md"),
    )
    .unwrap();
    let quoted: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("> "))
        .collect();
    assert_eq!(quoted.len(), 8);
    for q in quoted {
        assert!(outputs.iter().any(|p| p == q), "{q}");
    }
}
