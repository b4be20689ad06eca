//! A yearly review of a ward: Phường Hoàn Kiếm (Thành phố Hà Nội, 1 July
//! 2025 list) rolling up its 12 residential groups ("Tổ dân phố số 1" …)
//! for "năm 2026", set against 2025 and the year's plan, with the ward's
//! own revenue note as a Word template in `mau/`. Written by `cargo run
//! --features dev --example gen_yearly` into `samples/hoan-kiem-nam-2026/`
//! and by the tests into a temporary folder.
//!
//! The seed sentences of PRODUCT.md that a ward's yearly review writes
//! come out of it word for word: "Thuế công thương nghiệp thu được
//! 14.500.000.000đ/17.100.000.000đ (đạt 84,8%) tăng 13,8%" and "Tổng thu
//! ngân sách nhà nước trên địa bàn đạt 12.993 tỷ đồng bằng 151% kế hoạch
//! giao". Each group's figure is a simple function of its position and
//! the last group balances the ward's total, so the totals can be checked
//! by hand. Deterministic: the same bytes every run.

use std::fmt::Write as _;
use std::path::Path;

/// The ward, as the 2025 list names it.
pub const WARD: &str = "Phường Hoàn Kiếm";
/// Its residential groups.
pub const GROUPS: usize = 12;

const SETTINGS: &str = r#"[bao_cao]
co_quan_cap_tren = ""
co_quan = "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM"
the_thuc = "nha_nuoc"
so_ky_hieu = "412/BC-UBND"
dia_danh = "Hoàn Kiếm"
ngay = 2026-12-20
tieu_de = "Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2026"
quyen_han_ky = "TM. ỦY BAN NHÂN DÂN"
chuc_vu_ky = "CHỦ TỊCH"
nguoi_ky = "Trần Thị B"
noi_nhan = ["Thường trực Đảng ủy phường", "Thường trực HĐND phường", "Lưu: VT"]

[so_lieu]
ten_don_vi = "Phường Hoàn Kiếm"
cap_don_vi = "tổ dân phố"
ky_bao_cao = "2026"
lam_tron = "gan_nhat"
"#;

/// The budget is planned for the whole ward (`Kế hoạch năm`); the taxes
/// collected through the groups are planned per group (their files'
/// `Kế hoạch năm 2026` column).
const CATALOG: &str = "\
Mã,Tên chỉ tiêu,Nhóm,Đơn vị tính,Tổng hợp,Mục tiêu,Số lẻ,Kế hoạch năm
NS01,Tổng thu ngân sách nhà nước trên địa bàn,Thu ngân sách,tỷ đồng,tong,,0,8600
TCTN,Thuế công thương nghiệp,Thu ngân sách,đồng,tong,,0,
LPTB,Lệ phí trước bạ,Thu ngân sách,đồng,tong,,0,
VH01,Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa,Văn hóa - Xã hội,hộ,ty_le,>= 90%,1,
VH02,Tổ dân phố đạt danh hiệu Tổ dân phố văn hóa,Văn hóa - Xã hội,,so_don_vi_dat,10/12,,
";

/// One value per group, a simple function of its position (`base + step ×
/// i`, `base` a multiple of `round`), the last one balancing `total`.
fn shares(total: i64, step: i64, round: i64) -> Vec<i64> {
    let n = GROUPS as i64;
    let base = (total - step * n * (n - 1) / 2) / n / round * round;
    let mut v: Vec<i64> = (0..n).map(|i| base + step * i).collect();
    let rest: i64 = v[..GROUPS - 1].iter().sum();
    v[GROUPS - 1] = total - rest;
    v
}

/// One column of every group: 2025, 2026 and the plan of 2026.
struct Column {
    before: Vec<i64>,
    now: Vec<i64>,
    plan: Vec<i64>,
}

fn columns() -> [Column; 3] {
    [
        // NS01, in tenths of a tỷ đồng: 12.993 in 2026, 11.380 in 2025;
        // the plan is the catalog's (8.600).
        Column {
            before: shares(113_800, 60, 100),
            now: shares(129_930, 55, 100),
            plan: Vec::new(),
        },
        // TCTN, in đồng: the seed sentence's 14.500.000.000đ of
        // 17.100.000.000đ, 12.740.000.000đ the year before.
        Column {
            before: shares(12_740_000_000, 10_000_000, 10_000_000),
            now: shares(14_500_000_000, 10_000_000, 10_000_000),
            plan: shares(17_100_000_000, 10_000_000, 10_000_000),
        },
        // LPTB, in đồng: 3,2 of a plan of 3,0 tỷ, down from 3,5.
        Column {
            before: shares(3_500_000_000, 2_000_000, 1_000_000),
            now: shares(3_200_000_000, 2_000_000, 1_000_000),
            plan: shares(3_000_000_000, 1_000_000, 1_000_000),
        },
    ]
}

/// Write the folder (soket.toml, chi-tieu.csv, don-vi.csv, so-lieu/,
/// mau/thu-ngan-sach.docx).
pub fn write(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("so-lieu"))?;
    std::fs::create_dir_all(dir.join("mau"))?;
    std::fs::write(dir.join("soket.toml"), SETTINGS)?;
    std::fs::write(dir.join("chi-tieu.csv"), CATALOG)?;
    let mut units = String::from("Mã,Tên\n");
    for i in 0..GROUPS {
        writeln!(units, "TDP{:02},Tổ dân phố số {}", i + 1, i + 1).unwrap();
    }
    std::fs::write(dir.join("don-vi.csv"), units)?;
    let cols = columns();
    for i in 0..GROUPS {
        std::fs::write(
            dir.join("so-lieu")
                .join(format!("to-dan-pho-so-{}.csv", i + 1)),
            group_csv(i, &cols),
        )?;
    }
    std::fs::write(dir.join("mau/thu-ngan-sach.docx"), revenue_note())?;
    Ok(())
}

/// One group's sheet, as a ward's collector lays it out: the year before,
/// the year, the year's plan.
fn group_csv(i: usize, cols: &[Column; 3]) -> String {
    let tenths = |x: i64| format!("{},{}", x / 10, x % 10);
    let plan = |c: &Column| c.plan.get(i).map(i64::to_string).unwrap_or_default();
    // Households: 300-410 per group, 88-97% of them "Gia đình văn hóa"
    // in 2026, two points fewer in 2025.
    let ho = 300 + 10 * i;
    let vh_2026 = ho * (88 + i % 10) / 100;
    let vh_2025 = ho * (86 + i % 10) / 100;
    let dat = |late: bool| if late { "Chưa đạt" } else { "Đạt" };
    let mut s = String::new();
    writeln!(s, "BIỂU SỐ LIỆU NĂM 2026;;;;;").unwrap();
    writeln!(s, "Đơn vị: Tổ dân phố số {};;;;;", i + 1).unwrap();
    writeln!(
        s,
        "Mã;Tên chỉ tiêu;Thực hiện năm 2025;Thực hiện năm 2026;Kế hoạch năm 2026;Ghi chú"
    )
    .unwrap();
    let [ns, tctn, lptb] = cols;
    let rows = [
        (
            "NS01",
            "Tổng thu ngân sách nhà nước trên địa bàn (tỷ đồng)",
            tenths(ns.before[i]),
            tenths(ns.now[i]),
            String::new(),
        ),
        (
            "TCTN",
            "Thuế công thương nghiệp (đồng)",
            tctn.before[i].to_string(),
            tctn.now[i].to_string(),
            plan(tctn),
        ),
        (
            "LPTB",
            "Lệ phí trước bạ (đồng)",
            lptb.before[i].to_string(),
            lptb.now[i].to_string(),
            plan(lptb),
        ),
        (
            "VH01",
            "Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa",
            format!("{vh_2025}/{ho}"),
            format!("{vh_2026}/{ho}"),
            String::new(),
        ),
        (
            "VH02",
            "Tổ dân phố đạt danh hiệu Tổ dân phố văn hóa",
            dat(i % 4 == 1).to_string(),
            dat(i % 6 == 5).to_string(),
            String::new(),
        ),
    ];
    for (ma, name, a, b, kh) in rows {
        writeln!(s, "{ma};{name};{a};{b};{kh};").unwrap();
    }
    s
}

/// The ward's own revenue note, the way a ward's finance officer writes
/// it: the total against the plan the city assigned, then each tax as
/// "collected/planned (share) change". Paragraph loops and filters as in
/// any docxtpl template. A figure some group did not report carries its
/// caveat ("(11/12 tổ dân phố báo cáo)"), a change that cannot be computed
/// says so, and a missing value or plan stops the note (`tien` and `pt`
/// refuse null): no figure is shown incomplete without a mark.
const NOTE: &[(&str, bool)] = &[
    ("ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM", true),
    (
        "TÌNH HÌNH THU NGÂN SÁCH {{ so_lieu.ky_bao_cao_text|upper }}",
        true,
    ),
    (
        concat!(
            "1. {{ ct.NS01.ten }} đạt {{ ct.NS01.hien_thi }}",
            "{% if not ct.NS01.day_du %} ({{ ct.NS01.bao_cao_text }}){% endif %}",
            " bằng {{ ct.NS01.dat_pt_ke_hoach|pt(0) }} kế hoạch giao",
            "{% if ct.NS01.tang_cung_ky_pt is not none %}, ",
            "{% if ct.NS01.tang_cung_ky_pt < 0 %}giảm{% else %}tăng{% endif %} ",
            "{{ ct.NS01.tang_cung_ky_pt_text|replace(\"-\", \"\") }} so với {{ so_lieu.cung_ky_text }}{% endif %}.",
        ),
        false,
    ),
    ("2. Các khoản thu qua tổ dân phố:", false),
    (
        "{%p for c in nhom[\"Thu ngân sách\"] if c.ke_hoach is not none and c.ma != \"NS01\" %}",
        false,
    ),
    (
        concat!(
            "- {{ c.ten }} thu được {{ c.gia_tri|tien }}/{{ c.ke_hoach|tien }} (đạt {{ c.dat_pt_ke_hoach_text }})",
            "{% if not c.day_du %} ({{ c.bao_cao_text }}){% endif %} ",
            "{% if c.tang_cung_ky_pt is none %}chưa so được với cùng kỳ",
            "{% elif c.tang_cung_ky_pt < 0 %}giảm {{ c.tang_cung_ky_pt_text|replace(\"-\", \"\") }}",
            "{% else %}tăng {{ c.tang_cung_ky_pt_text }}{% endif %}{% if loop.last %}.{% else %};{% endif %}",
        ),
        false,
    ),
    ("{%p endfor %}", false),
];

/// `mau/thu-ngan-sach.docx`: [`NOTE`] as a one-page A4 Word document
/// (Times New Roman 14 pt), written through the package layer's
/// deterministic writer.
fn revenue_note() -> Vec<u8> {
    let mut body = String::new();
    for (text, heading) in NOTE {
        let mut t = String::new();
        crate::ooxml::xml::escape_into(&mut t, text);
        let (align, bold) = if *heading {
            (r#"<w:jc w:val="center"/>"#, "<w:b/>")
        } else {
            (r#"<w:ind w:firstLine="720"/><w:jc w:val="both"/>"#, "")
        };
        write!(
            body,
            concat!(
                r#"<w:p><w:pPr><w:spacing w:after="120" w:line="312" w:lineRule="auto"/>{}</w:pPr>"#,
                r#"<w:r><w:rPr>{}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#
            ),
            align, bold, t
        )
        .unwrap();
    }
    let document = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}"#,
            r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>"#,
            r#"<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>"#,
            "</w:sectPr></w:body></w:document>"
        ),
        body
    );
    let styles = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>"#,
        r#"<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault></w:docDefaults>"#,
        "</w:styles>"
    );
    let content_types = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
        r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
        r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
        "</Types>"
    );
    let rels = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
        "</Relationships>"
    );
    let document_rels = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
        "</Relationships>"
    );
    let mut w = crate::ooxml::write::Writer::new();
    for (name, data) in [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("word/document.xml", document.as_str()),
        ("word/_rels/document.xml.rels", document_rels),
        ("word/styles.xml", styles),
    ] {
        w.part(name, data.as_bytes())
            .expect("writing a docx into memory cannot fail");
    }
    w.finish().expect("writing a docx into memory cannot fail")
}
