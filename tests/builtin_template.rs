//! The built-in Word template: the committed file is what the code builds,
//! it holds the expected tags, and — filled by a minimal docxtpl-style
//! stand-in for the engine — it reads as the report a clerk would type.

use std::io::{Cursor, Read, Write};

use minijinja::{Environment, UndefinedBehavior};
use serde_json::{Value, json};
use soket::render::builtin::build_template;

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn document_xml() -> String {
    part(&build_template(), "word/document.xml")
}

#[test]
fn committed_template_is_in_sync_with_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/bao-cao.docx");
    let committed = std::fs::read(path).expect("templates/bao-cao.docx is committed");
    assert!(
        committed == build_template(),
        "templates/bao-cao.docx is stale: run `cargo run --features dev --example gen_template`"
    );
}

#[test]
fn build_is_byte_identical_and_timeless() {
    let a = build_template();
    assert_eq!(a, build_template());
    let mut zip = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).unwrap();
        let t = entry.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (1980, 1, 1),
            "{}",
            entry.name().unwrap()
        );
    }
    let core = part(&a, "docProps/core.xml");
    assert!(core.contains("<dc:title>Báo cáo sơ kết</dc:title>"));
    assert!(core.contains(">2020-01-01T00:00:00Z</dcterms:created>"));
}

#[test]
fn document_holds_the_expected_tags() {
    let xml = document_xml();
    for tag in [
        r#"{%p if bao_cao.the_thuc == "dang" %}"#,
        "{%p else %}",
        "{%p endif %}",
        "{%p if bao_cao.co_quan_cap_tren %}",
        "{{ bao_cao.co_quan_cap_tren|replace(",
        "{{ bao_cao.co_quan|replace(",
        "Số {{ bao_cao.so_ky_hieu }}",
        "Số: {{ bao_cao.so_ky_hieu }}",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "{{ bao_cao.dia_danh }}, {{ bao_cao.ngay_text }}",
        "BÁO CÁO",
        "{{ bao_cao.tieu_de|replace(",
        "{%p for ten_nhom, ds in nhom|items %}",
        "{{ loop.index }}. {{ ten_nhom }}",
        "{%p for c in ds %}",
        "{%p endfor %}",
        "Qua rà soát, có {{ tong_ket.dat_va_du_kien_dat }}/",
        "{%tr for ma, c in ct|items %}",
        "{%tr endfor %}",
        "Nơi nhận:",
        "{%p for n in bao_cao.noi_nhan %}",
        "{{ bao_cao.quyen_han_ky }}",
        "{{ bao_cao.chuc_vu_ky }}",
        "{{ bao_cao.nguoi_ky|replace(",
    ] {
        assert!(xml.contains(tag), "missing {tag}");
    }
    for head in [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu",
        "Kết quả",
        "Đánh giá",
    ] {
        assert!(
            xml.contains(&format!(">{head}</w:t>")),
            "missing column {head}"
        );
    }
}

/// Tags are stored exactly as typed: an engine never has to undo XML
/// escaping to read them (no `<`, `>`, `&` or escaped quotes in this template).
#[test]
fn tags_hold_no_xml_entities() {
    let xml = document_xml();
    let mut rest = xml.as_str();
    let mut tags = 0;
    while let Some(i) = rest.find(['{']) {
        rest = &rest[i..];
        if rest.starts_with("{{") || rest.starts_with("{%") {
            let close = if rest.starts_with("{{") { "}}" } else { "%}" };
            let end = rest.find(close).expect("tag closes") + 2;
            let tag = &rest[..end];
            assert!(!tag.contains('&') && !tag.contains('<'), "{tag}");
            tags += 1;
            rest = &rest[end..];
        } else {
            rest = &rest[1..];
        }
    }
    assert!(tags > 50);
}

#[test]
fn page_is_a4_with_decree_margins_and_numbers_from_page_two() {
    let xml = document_xml();
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
    assert!(xml.contains(r#"w:top="1134""#) && xml.contains(r#"w:bottom="1134""#));
    assert!(xml.contains(r#"w:left="1701""#) && xml.contains(r#"w:right="850""#));
    assert!(xml.contains("<w:titlePg"));
    assert!(xml.contains("<w:tblHeader />"), "table header row repeats");
    let docx = build_template();
    let headers: Vec<String> = ["word/header1.xml", "word/header2.xml"]
        .iter()
        .map(|n| part(&docx, n))
        .collect();
    assert_eq!(headers.iter().filter(|h| h.contains("PAGE")).count(), 1);
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains("Times New Roman"));
}

#[test]
fn every_part_is_well_formed_xml_in_schema_order() {
    let docx = build_template();
    let mut zip = zip::ZipArchive::new(Cursor::new(&docx)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    for name in names {
        let mut xml = String::new();
        zip.by_name(&name)
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        let mut reader = quick_xml::Reader::from_str(&xml);
        reader.config_mut().check_end_names = true;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name}: {e}"),
            }
        }
    }
    let xml = document_xml();
    assert!(xml.contains(r#"<w:sectPr><w:headerReference w:type="default""#));
    assert!(!xml.contains(r#"<w:sz w:val="28" /><w:szCs w:val="28" /><w:rFonts"#));
}

// --- a minimal stand-in for the engine, to read the template filled ---

/// docxtpl step 3: the innermost `<w:p>` / `<w:tr>` around each `{%p …%}` /
/// `{%tr …%}` becomes the bare tag. Tags in this template are never split
/// across runs, so no run merging is needed.
fn strip_control(xml: &str, marker: &str, open: &str, close: &str) -> String {
    let mut out = xml.to_owned();
    while let Some(at) = out.find(marker) {
        let tag_end = at + out[at..].find("%}").unwrap() + 2;
        let tag = format!("{{%{}", &out[at + marker.len()..tag_end]);
        let start = [format!("{open}>"), format!("{open} ")]
            .iter()
            .filter_map(|o| out[..at].rfind(o.as_str()))
            .max()
            .unwrap();
        let end = tag_end + out[tag_end..].find(close).unwrap() + close.len();
        out.replace_range(start..end, &tag);
    }
    out
}

fn fill(ctx: &Value) -> (Vec<u8>, String) {
    let xml = document_xml();
    let xml = strip_control(&xml, "{%p", "<w:p", "</w:p>");
    let xml = strip_control(&xml, "{%tr", "<w:tr", "</w:tr>");
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let filled = env
        .template_from_named_str("document.xml", &xml)
        .expect("the template compiles")
        .render(minijinja::value::Serde(ctx))
        .expect("the template renders");
    // The docx with the filled document, for looking at (SOKET_DUMP=dir).
    let template = build_template();
    let mut zip = zip::ZipArchive::new(Cursor::new(&template)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            data = filled.clone().into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    (out.finish().unwrap().into_inner(), filled)
}

/// The visible text, one line per paragraph.
fn text(xml: &str) -> String {
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        let mut line = String::new();
        let mut rest = para;
        while let Some(i) = rest.find("<w:t") {
            rest = &rest[i + 4..];
            if !(rest.starts_with('>') || rest.starts_with(' ')) {
                continue;
            }
            let s = rest.find('>').unwrap() + 1;
            let e = rest.find("</w:t>").unwrap();
            line.push_str(&rest[s..e]);
            rest = &rest[e..];
        }
        if !line.is_empty() {
            // Non-breaking spaces (numbers held to their units, names kept
            // whole) read as spaces here.
            let line = line.replace("&#x2f;", "/").replace("&gt;", ">");
            out.push_str(&line.replace('\u{a0}', " "));
            out.push('\n');
        }
    }
    out
}

fn indicator(
    ten: &str,
    nhom: &str,
    dvt: &str,
    tong_hop: &str,
    muc_tieu: Option<&str>,
    danh_gia: (&str, &str),
    fields: Value,
) -> Value {
    let mut c = json!({
        "ten": ten, "nhom": nhom, "dvt": dvt, "tong_hop": tong_hop,
        "muc_tieu": muc_tieu, "gia_tri": null, "hien_thi": null,
        "phan_so": null, "ty_le": null, "binh_quan": null, "binh_quan_text": null,
        "tu_so": null, "mau_so": null, "tang": null, "tang_text": null, "nam": {},
        "day_du": true, "bao_cao_text": "8/8 phường báo cáo",
        "dat_pt_muc_tieu": null, "dat_pt_muc_tieu_text": null,
        "danh_gia": danh_gia.0, "danh_gia_text": danh_gia.1,
    });
    for (k, v) in fields.as_object().unwrap() {
        c[k] = v.clone();
    }
    c
}

fn context(the_thuc: &str) -> Value {
    let vh = "Văn hóa - Xã hội";
    let kt = "Kinh tế";
    let dat = ("dat", "Đạt");
    let gd01 = indicator(
        "Trường công lập đạt chuẩn quốc gia",
        vh,
        "trường",
        "ty_le",
        Some(">= 95%"),
        dat,
        json!({"gia_tri": 96.296, "hien_thi": "96,3%", "phan_so": "26/27", "ty_le": "96,3%",
               "day_du": false, "bao_cao_text": "7/8 phường báo cáo"}),
    );
    let yt01 = indicator(
        "Phường đạt tiêu chí quốc gia về y tế",
        vh,
        "phường",
        "so_don_vi_dat",
        Some("8/8"),
        dat,
        json!({"gia_tri": 8, "hien_thi": "8/8 phường", "phan_so": "8/8", "ty_le": "100%"}),
    );
    let hn01 = indicator(
        "Tỷ lệ hộ nghèo",
        vh,
        "%",
        "tong",
        None,
        ("khong_danh_gia", "Không đánh giá"),
        json!({}),
    );
    let kt01 = indicator(
        "Giá trị sản xuất",
        kt,
        "tỷ đồng",
        "cap_quan",
        Some(">= 14%"),
        ("chua_dat", "Chưa đạt"),
        json!({"gia_tri": 12993, "hien_thi": "12.993 tỷ đồng", "binh_quan": 13.48,
               "binh_quan_text": "13,48%", "dat_pt_muc_tieu": 96.3,
               "dat_pt_muc_tieu_text": "96,3%"}),
    );
    let kt02 = indicator(
        "Số doanh nghiệp",
        kt,
        "doanh nghiệp",
        "tong",
        None,
        ("khong_danh_gia", "Không đánh giá"),
        json!({"gia_tri": 900, "hien_thi": "900 doanh nghiệp", "binh_quan": -2.5,
               "binh_quan_text": "-2,5%"}),
    );
    let (co_quan, so, quyen, chuc_vu) = if the_thuc == "dang" {
        ("QUẬN ỦY TÂY HỒ", "45-BC/QU", "T/M BAN THƯỜNG VỤ", "BÍ THƯ")
    } else {
        (
            "ỦY BAN NHÂN DÂN QUẬN TÂY HỒ",
            "15/BC-UBND",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
        )
    };
    json!({
        "bao_cao": {
            "co_quan_cap_tren": if the_thuc == "dang" { "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" } else { "THÀNH PHỐ HÀ NỘI" },
            "co_quan": co_quan, "the_thuc": the_thuc, "so_ky_hieu": so,
            "dia_danh": "Tây Hồ", "ngay": "2023-04-07", "ngay_text": "ngày 07 tháng 4 năm 2023",
            "tieu_de": "Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ quận lần thứ VI, nhiệm kỳ 2020 - 2025",
            "quyen_han_ky": quyen, "chuc_vu_ky": chuc_vu, "nguoi_ky": "Lê Thị Thu Hằng",
            "noi_nhan": ["Thường trực Thành ủy", "Lưu VPQU"],
        },
        "so_lieu": {"ten_don_vi": "quận Tây Hồ", "cap_don_vi": "phường", "nhiem_ky": [2020, 2025],
                    "nam_goc": 2020, "nam_bao_cao": 2022, "lam_tron": "gan_nhat"},
        "don_vi": (1..=8).map(|i| json!({"ma": format!("P{i}"), "ten": format!("Phường {i}")})).collect::<Vec<_>>(),
        "ct": {"GD01": gd01, "YT01": yt01, "HN01": hn01, "KT01": kt01, "KT02": kt02},
        "nhom": {vh: [gd01, yt01, hn01], kt: [kt01, kt02]},
        "tong_ket": {"tong": 5, "vuot": 0, "dat": 2, "du_kien_dat": 0, "chua_dat": 1,
                     "khong_danh_gia": 2, "dat_va_du_kien_dat": 2, "chua_du_so_lieu": 0,
                     "text": "2/3 chỉ tiêu đạt và dự kiến đạt"},
        "van_de": [],
    })
}

#[test]
fn filled_party_report_reads_naturally() {
    let (docx, xml) = fill(&context("dang"));
    if let Some(dir) = std::env::var_os("SOKET_DUMP") {
        std::fs::write(std::path::Path::new(&dir).join("dang.docx"), docx).unwrap();
    }
    let t = text(&xml);
    for line in [
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nQUẬN ỦY TÂY HỒ\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n",
        "Số 45-BC/QU\nTây Hồ, ngày 07 tháng 4 năm 2023\n",
        "BÁO CÁO\nSơ kết giữa nhiệm kỳ",
        "Căn cứ số liệu tổng hợp từ 8 phường trên địa bàn quận Tây Hồ,",
        "1. Văn hóa - Xã hội\n",
        // An incomplete figure carries its caveat, in the text and the table.
        "- Hiện có 26/27 trường công lập đạt chuẩn quốc gia, đạt 96,3% (7/8 phường báo cáo), đạt mục tiêu đề ra (95%);\n",
        "- Có 8/8 phường đạt tiêu chí quốc gia về y tế, đạt mục tiêu đề ra (8/8 phường);\n",
        "- Tỷ lệ hộ nghèo: chưa có số liệu.\n2. Kinh tế\n",
        "- Giá trị sản xuất đạt 12.993 tỷ đồng, bình quân tăng 13,48%/năm, đạt 96,3% chỉ tiêu nhiệm kỳ, chưa đạt mục tiêu (14%);\n",
        "- Số doanh nghiệp là 900 doanh nghiệp, bình quân giảm 2,5%/năm.\n",
        "Qua rà soát, có 2/3 chỉ tiêu đạt và dự kiến đạt (vượt 0, đạt 2, dự kiến đạt 0, chưa đạt 1); 2 chỉ tiêu chưa có mục tiêu hoặc số liệu để đánh giá.\n",
        "Các chỉ tiêu chưa đạt: Giá trị sản xuất (12.993 tỷ đồng, mục tiêu 14%).\n",
        "1\nTrường công lập đạt chuẩn quốc gia\ntrường\n≥ 95%\n26/27 (96,3%) (7/8 phường báo cáo)\nĐạt\n2\n",
        "5\nSố doanh nghiệp\ndoanh nghiệp\n900 doanh nghiệp\nKhông đánh giá\n",
        "Nơi nhận:\n- Thường trực Thành ủy,\n- Lưu VPQU.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nLê Thị Thu Hằng\n",
    ] {
        assert!(t.contains(line), "missing:\n{line}\nin:\n{t}");
    }
    assert!(!t.contains("CỘNG HÒA"));
}

/// A count of units named for what the units have, not for the units,
/// says where: "… tại 8/8 phường", not "…: 8/8 phường".
#[test]
fn a_count_named_for_what_units_have_says_where() {
    let mut ctx = context("dang");
    ctx["ct"]["YT01"]["ten"] = json!("Trạm y tế đạt chuẩn quốc gia");
    ctx["nhom"]["Văn hóa - Xã hội"][1]["ten"] = json!("Trạm y tế đạt chuẩn quốc gia");
    let (_, xml) = fill(&ctx);
    let line = "- Trạm y tế đạt chuẩn quốc gia tại 8/8 phường, đạt mục tiêu đề ra (8/8 phường);\n";
    assert!(text(&xml).contains(line), "{}", text(&xml));
}

#[test]
fn filled_state_report_has_motto_and_colon() {
    let (docx, xml) = fill(&context("nha_nuoc"));
    if let Some(dir) = std::env::var_os("SOKET_DUMP") {
        std::fs::write(std::path::Path::new(&dir).join("nha_nuoc.docx"), docx).unwrap();
    }
    let t = text(&xml);
    for line in [
        "THÀNH PHỐ HÀ NỘI\nỦY BAN NHÂN DÂN QUẬN TÂY HỒ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
        "Số: 15/BC-UBND\nTây Hồ, ngày 07 tháng 4 năm 2023\n",
        "Nơi nhận:\n- Thường trực Thành ủy;\n- Lưu VPQU.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n",
    ] {
        assert!(t.contains(line), "missing:\n{line}\nin:\n{t}");
    }
    assert!(!t.contains("ĐẢNG CỘNG SẢN") && !t.contains("\n*\n") && !t.contains("-----"));
}

#[test]
fn every_line_height_says_its_rule_so_libreoffice_does_not_read_it_as_exact() {
    let xml = document_xml();
    let spacings: Vec<&str> = xml
        .split("<w:spacing ")
        .skip(1)
        .map(|s| &s[..s.find("/>").unwrap()])
        .filter(|s| s.contains("w:line="))
        .collect();
    assert!(spacings.len() > 20);
    for s in spacings {
        assert!(s.contains(r#"w:lineRule="auto""#), "{s}");
    }
}

#[test]
fn grid_columns_carry_only_their_width() {
    let xml = document_xml();
    assert!(xml.contains("<w:gridCol "));
    for col in xml.split("<w:gridCol ").skip(1) {
        let attrs = &col[..col.find("/>").unwrap()];
        assert!(
            attrs.trim().starts_with("w:w=\"") && !attrs.contains("w:type"),
            "{attrs}"
        );
    }
    let numbering = part(&build_template(), "word/numbering.xml");
    assert!(!numbering.contains("<w:pPr><w:rPr"));
}

#[test]
fn without_a_superior_body_the_issuing_body_sits_on_the_mottos_line() {
    for the_thuc in ["dang", "nha_nuoc"] {
        let mut ctx = context(the_thuc);
        ctx["bao_cao"]["co_quan_cap_tren"] = json!("");
        let t = text(&fill(&ctx).1);
        let first = t.lines().next().unwrap();
        assert_eq!(
            first,
            ctx["bao_cao"]["co_quan"].as_str().unwrap(),
            "{the_thuc}"
        );
    }
}

#[test]
fn names_and_numbers_are_held_together_by_non_breaking_spaces() {
    let mut ctx = context("nha_nuoc");
    ctx["bao_cao"]["co_quan"] = json!("ỦY BAN NHÂN DÂN QUẬN NAM TỪ LIÊM");
    let xml = fill(&ctx).1.replace("&#x2f;", "/");
    // The body may break only before the place's name.
    assert!(xml.contains("ỦY\u{a0}BAN\u{a0}NHÂN\u{a0}DÂN QUẬN\u{a0}NAM\u{a0}TỪ\u{a0}LIÊM"));
    assert!(xml.contains("lần\u{a0}thứ\u{a0}VI, nhiệm\u{a0}kỳ\u{a0}2020\u{a0}-\u{a0}2025"));
    assert!(xml.contains("12.993\u{a0}tỷ\u{a0}đồng"));
    assert!(xml.contains("26/27\u{a0}(96,3%)"));
    assert!(xml.contains("≥\u{a0}95%"));
}

use crate::figures_support;

/// A catalog row and each ward's cells (code, year, value).
type Generated = (
    soket::review::Indicator,
    Vec<Vec<(String, i32, soket::read::CellValue)>>,
);

/// One generated indicator: its kind (aggregate, unit, target, name) and
/// each of three wards' cells for 2020–2022 (`None` = left empty).
fn generated_indicator(i: usize, kind: usize, cells: &[[Option<u8>; 3]; 3]) -> Generated {
    use figures_support::{fr, ind, n, yes};
    let (tong_hop, dvt, target, name) = [
        ("tong", "hộ", ">= 10", "Số hộ được hỗ trợ"),
        ("tong", "vụ", "", "Số vụ tai nạn giao thông"),
        ("ty_le", "trường", ">= 90%", "Trường đạt chuẩn quốc gia"),
        (
            "so_don_vi_dat",
            "phường",
            "3/3",
            "Phường đạt chuẩn văn minh đô thị",
        ),
        ("trung_binh", "%", ">= 80%", "Tỷ lệ tổ dân phố văn hóa"),
        (
            "lon_nhat",
            "%",
            "< 6%",
            "Tỷ lệ trẻ suy dinh dưỡng (cao nhất)",
        ),
        ("nho_nhat", "%", "> 50%", "Tỷ lệ tiêm chủng (thấp nhất)"),
    ][kind % 7];
    let ma = format!("C{i:02}");
    let mut indicator = ind(&ma, tong_hop, dvt, target);
    indicator.ten = name.to_string();
    let per_unit = (0..3)
        .map(|u| {
            (0..3)
                .filter_map(|y| {
                    let v = cells[u][y]?;
                    let value = match tong_hop {
                        "ty_le" => fr(&(v % 5).to_string(), "4"),
                        "so_don_vi_dat" => yes(v % 2 == 0),
                        _ if dvt == "%" => n(&(v % 101).to_string()),
                        _ => n(&v.to_string()),
                    };
                    Some((ma.clone(), 2020 + y as i32, value))
                })
                .collect()
        })
        .collect();
    (indicator, per_unit)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Whatever the kind, target and missing cells, the built-in report's
    /// sentence of every indicator some ward did not report carries its
    /// caveat "(k/3 phường báo cáo)", and a complete one carries none.
    #[test]
    fn every_incomplete_indicator_s_sentence_carries_its_caveat(
        specs in proptest::collection::vec(
            (0usize..7, proptest::array::uniform3(proptest::array::uniform3(
                proptest::option::weighted(0.85, 0u8..200)))),
            1..6,
        )
    ) {
        let generated: Vec<_> = specs
            .iter()
            .enumerate()
            .map(|(i, (kind, cells))| generated_indicator(i, *kind, cells))
            .collect();
        let review = figures_support::review(
            generated.iter().map(|(ind, _)| ind.clone()).collect(),
            3,
        );
        let mut per_unit: Vec<Vec<(&str, i32, soket::read::CellValue)>> = vec![vec![]; 3];
        for (_, cells) in &generated {
            for (u, unit_cells) in cells.iter().enumerate() {
                per_unit[u].extend(unit_cells.iter().map(|(c, y, v)| (c.as_str(), *y, *v)));
            }
        }
        let subs = figures_support::wards(&review, per_unit);
        let (figs, problems) = figures_support::compute(&review, &subs);
        let mut ctx = soket::render::context::build(&review, &figs, &problems);
        // The built-in template's date line needs a date.
        ctx["bao_cao"]["ngay_text"] = json!("ngày 07 tháng 4 năm 2023");
        let (_, xml) = fill(&ctx);
        let report = text(&xml);
        let section: Vec<&str> = report
            .lines()
            .skip_while(|l| !l.starts_with("I. KẾT QUẢ"))
            .take_while(|l| !l.starts_with("II."))
            .filter(|l| l.starts_with("- "))
            .collect();
        proptest::prop_assert_eq!(section.len(), generated.len(), "{}", report);
        for ((ind, _), line) in generated.iter().zip(&section) {
            let c = &ctx["ct"][&ind.ma];
            let caveat = format!("({})", c["bao_cao_text"].as_str().unwrap());
            if c["gia_tri"].is_null() {
                proptest::prop_assert!(line.ends_with("chưa có số liệu.") || line.ends_with("chưa có số liệu;"), "{}", line);
            } else if c["day_du"] == json!(false) {
                proptest::prop_assert!(line.contains(&caveat), "{} lacks {}", line, caveat);
            } else {
                proptest::prop_assert!(!line.contains("báo cáo)"), "{}", line);
            }
        }
    }
}

/// The breakdown in brackets follows the count it breaks down; the
/// indicators whose figures are incomplete come after it, not before
/// ("…, 1 chỉ tiêu chưa đủ số liệu (vượt 0, …)" read as if the bracket
/// explained the incomplete one).
#[test]
fn the_summary_breaks_down_the_count_before_naming_the_incomplete() {
    let mut ctx = context("dang");
    ctx["tong_ket"]["chua_du_so_lieu"] = json!(1);
    ctx["tong_ket"]["text"] = json!("2/3 chỉ tiêu đạt và dự kiến đạt, 1 chỉ tiêu chưa đủ số liệu");
    let (_, xml) = fill(&ctx);
    let t = text(&xml);
    let line = "Qua rà soát, có 2/3 chỉ tiêu đạt và dự kiến đạt (vượt 0, đạt 2, dự kiến đạt 0, chưa đạt 1), 1 chỉ tiêu chưa đủ số liệu; 2 chỉ tiêu chưa có mục tiêu hoặc số liệu để đánh giá.\n";
    assert!(t.contains(line), "missing:\n{line}\nin:\n{t}");
}
