//! The built-in report of a periodic review, on the periodic sample built
//! in code (`soket::synth::periodic`: the 38 communes and wards of Tỉnh
//! Lai Châu, "6 tháng 2026"): the period, the share of the year's plan and
//! the change from the same period of last year, in each kind's own words,
//! and the unit words of a mixed list ("xã, phường").

use crate::docx_support;
use crate::fs_support;
use docx_support::{document, paragraphs};

/// The report's paragraphs, non-breaking spaces shown as spaces.
fn report() -> Vec<String> {
    report_of(|_| {})
}

/// The report of the sample after `edit` changed its folder.
fn report_of(edit: impl Fn(&std::path::Path)) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lai-chau");
    soket::synth::periodic::write(&dir).unwrap();
    edit(&dir);
    let out = tmp.path().join("out");
    let b = soket::pipeline::build(&dir, &out, &Default::default());
    assert!(b.ok());
    let bytes = std::fs::read(out.join("bao-cao.docx")).unwrap();
    paragraphs(&document(&bytes))
        .into_iter()
        .map(|p| p.replace('\u{a0}', " "))
        .collect()
}

#[test]
fn a_periodic_report_says_the_period_the_plan_and_the_same_period_of_last_year() {
    let text = report();
    let from = |start: &str| {
        text.iter()
            .position(|p| p.starts_with(start))
            .unwrap_or_else(|| panic!("{start}: {text:#?}"))
    };
    let i = from("Căn cứ số liệu");
    assert_eq!(
        text[i],
        "Căn cứ số liệu tổng hợp từ 38 xã, phường trên địa bàn Tỉnh Lai Châu, kết quả thực hiện các chỉ tiêu chủ yếu 6 tháng đầu năm 2026 (so sánh với cùng kỳ 6 tháng đầu năm 2025 và kế hoạch năm 2026) như sau:"
    );
    let i = from("- Tổng thu ngân sách");
    assert_eq!(
        text[i..i + 8],
        [
            "- Tổng thu ngân sách nhà nước trên địa bàn 6 tháng đầu năm 2026 đạt 805,5 tỷ đồng, bằng 48,7% kế hoạch năm, tăng 10,1% so với cùng kỳ;",
            "- Số doanh nghiệp thành lập mới 6 tháng đầu năm 2026 đạt 75 doanh nghiệp, bằng 62,5% kế hoạch năm, tăng 33,9% so với cùng kỳ.",
            "2. Văn hóa - Xã hội",
            "- Tỷ lệ trường đạt chuẩn quốc gia 6 tháng đầu năm 2026 đạt 73,6% (109/148 trường) (37/38 xã, phường báo cáo), vượt mục tiêu đề ra (60%);",
            "- Tỷ lệ hộ nghèo 6 tháng đầu năm 2026 còn 14,86%, giảm 1,50 điểm phần trăm so với cùng kỳ, vượt mục tiêu đề ra (không quá 20);",
            "- Xã đạt Bộ tiêu chí quốc gia về y tế 6 tháng đầu năm 2026 đạt 28/38 xã, phường, giảm 1 xã, phường so với cùng kỳ.",
            "II. ĐÁNH GIÁ CHUNG",
            "Qua rà soát, có 2/2 chỉ tiêu đạt và vượt mục tiêu (vượt 2, đạt 0, chưa đạt 0), 1 chỉ tiêu chưa đủ số liệu; 1/2 chỉ tiêu có kế hoạch năm đạt từ 50% kế hoạch năm trở lên; 3 chỉ tiêu chưa có mục tiêu của kỳ hoặc số liệu để đánh giá.",
        ]
    );
}

/// Replace `from` by `to` in every file of `dir` and `dir/so-lieu`.
fn replace_everywhere(dir: &std::path::Path, from: &str, to: &str) {
    for sub in ["", "so-lieu"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = e.unwrap().path();
            if path.is_file() {
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, text.replace(from, to)).unwrap();
            }
        }
    }
}

#[test]
fn the_summary_of_a_whole_year_counts_against_the_targets_and_the_years_plan() {
    // The sample as a yearly review: its columns become the years 2025
    // and 2026; the plan of new enterprises is lowered to 70 (75 exceed
    // it), the budget (805,5 of a plan of 1.653,0) falls short.
    let text = report_of(|dir| {
        replace_everywhere(dir, "6 tháng đầu năm 2026", "Ước cả năm 2026");
        replace_everywhere(dir, "6 tháng 2025", "Năm 2025");
        replace_everywhere(
            dir,
            "ky_bao_cao = \"6 tháng 2026\"",
            "ky_bao_cao = \"2026\"",
        );
        replace_everywhere(dir, ",tong,,0,120", ",tong,,0,70");
    });
    let i = text.iter().position(|p| p == "II. ĐÁNH GIÁ CHUNG").unwrap();
    assert_eq!(
        text[i + 1..i + 4],
        [
            "Qua rà soát, có 3/4 chỉ tiêu đạt và vượt mục tiêu, kế hoạch năm 2026 (vượt 3, đạt 0, chưa đạt 1), 1 chỉ tiêu chưa đủ số liệu; 1/2 chỉ tiêu có kế hoạch năm đạt và vượt kế hoạch năm; 1 chỉ tiêu chưa có mục tiêu, kế hoạch năm hoặc số liệu để đánh giá.",
            "Các chỉ tiêu chưa đạt: Tổng thu ngân sách nhà nước trên địa bàn (805,5 tỷ đồng, kế hoạch năm 1.653,0 tỷ đồng).",
            "Kết quả cụ thể từng chỉ tiêu như sau:",
        ]
    );
}

#[test]
fn unit_words_follow_the_level_words_of_the_list() {
    use soket::vn::text::unit_words;
    for (cap, names, want) in [
        ("xã", &["Xã Bình Lư", "Phường Tân Phong"][..], "xã, phường"),
        (
            "xã",
            &["Phường Móng Cái 1", "Đặc khu Cô Tô", "Xã Quảng Tân"][..],
            "xã, phường, đặc khu",
        ),
        (
            "tỉnh",
            &["Thành phố Hà Nội", "Tỉnh Lai Châu", "Thành phố Huế"][..],
            "tỉnh, thành phố",
        ),
        ("phường", &["Phường Bưởi", "Phường Nhật Tân"][..], "phường"),
        (
            "thôn",
            &["Thôn 1", "Tổ dân phố số 3"][..],
            "thôn, tổ dân phố",
        ),
        // A word of the office's own that the names do not carry stays.
        ("đơn vị", &["Xã Bình Lư", "Phường Tân Phong"][..], "đơn vị"),
    ] {
        assert_eq!(unit_words(cap, names.iter().copied()), want, "{names:?}");
    }
}

#[test]
fn the_committed_periodic_sample_is_what_the_generator_writes() {
    let tmp = tempfile::tempdir().unwrap();
    soket::synth::periodic::write(tmp.path()).unwrap();
    let committed =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/lai-chau-6-thang");
    let files = fs_support::assert_same_files(
        tmp.path(),
        &committed,
        "cargo run --features dev --example gen_periodic",
    );
    assert_eq!(files, 3 + 38);
}
