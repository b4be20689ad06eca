//! Shared helpers for the xlsx tests: a hand-built template context shaped
//! like `ket-qua.json`, and small readers for the package XML.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::Read;

fn unit(ten: &str, gia_tri: Value, nguon: &str) -> Value {
    json!({"ten": ten, "gia_tri": gia_tri, "gia_tri_text": null, "hien_thi": null,
           "nguon": nguon, "tu_so": null, "mau_so": null, "trong_so": null})
}

fn frac(ten: &str, tu: f64, mau: f64, nguon: &str) -> Value {
    json!({"ten": ten, "gia_tri": tu / mau * 100.0, "nguon": nguon, "tu_so": tu, "mau_so": mau})
}

#[allow(clippy::too_many_arguments)]
fn ind(
    ma: &str,
    ten: &str,
    nhom: &str,
    dvt: &str,
    tong_hop: &str,
    muc_tieu: &str,
    gia_tri: Value,
    gia_tri_text: &str,
    danh_gia: &str,
    danh_gia_text: &str,
    don_vi: Value,
) -> Value {
    json!({
        "ma": ma, "ten": ten, "nhom": nhom, "dvt": dvt, "tong_hop": tong_hop, "muc_tieu": muc_tieu,
        "gia_tri": gia_tri, "gia_tri_text": gia_tri_text, "hien_thi": format!("{gia_tri_text} {dvt}"),
        "tu_so": null, "mau_so": null, "phan_so": null, "ty_le": null, "ty_le_so": null,
        "so_don_vi_bao_cao": 3,
        "nam": {
            "2020": {"gia_tri": 10.5, "gia_tri_text": "10,5", "hien_thi": "10,5", "uoc": false},
            "2022": {"gia_tri": gia_tri, "gia_tri_text": gia_tri_text, "hien_thi": "", "uoc": false},
            "2023": {"gia_tri": null, "gia_tri_text": null, "hien_thi": null, "uoc": true}
        },
        "tang": null, "tang_text": null, "tang_pt": null, "tang_pt_text": null,
        "binh_quan": 3.25, "binh_quan_text": "3,25%", "dat_pt_muc_tieu": 101.4,
        "dat_pt_muc_tieu_text": "101,4%", "du_bao": null, "du_bao_text": null,
        "danh_gia": danh_gia, "danh_gia_text": danh_gia_text, "don_vi": don_vi
    })
}

/// Three wards, one indicator of every aggregate kind, one indicator
/// nobody reported, a `cap_quan` figure and two problems.
pub fn sample_context() -> Value {
    let f = "so-lieu/buoi.xlsx!So lieu!";
    let g = "so-lieu/nhat-tan.xlsx!So lieu!";
    let h = "so-lieu/quang-an.xlsx!So lieu!";
    let mut kt01 = ind(
        "KT01",
        "Tổng thu ngân sách trên địa bàn",
        "Kinh tế",
        "tỷ đồng",
        "tong",
        ">= 7",
        json!(4.5 + 3.25),
        "7,8",
        "vuot",
        "Vượt",
        json!({"BUOI": unit("Phường Bưởi", json!(4.5), &format!("{f}E7")),
               "NT": unit("Phường Nhật Tân", json!(3.25), &format!("{g}E7")),
               "QA": unit("Phường Quảng An", Value::Null, "")}),
    );
    kt01["don_vi"]["QA"]["nguon"] = Value::Null;
    let mut gd01 = ind(
        "GD01",
        "Trường công lập đạt chuẩn quốc gia",
        "Văn hóa - Xã hội",
        "trường",
        "ty_le",
        ">= 95%",
        json!(26.0 / 27.0 * 100.0),
        "96,3",
        "dat",
        "Đạt",
        json!({"BUOI": frac("Phường Bưởi", 9.0, 10.0, &format!("{f}E8")),
               "NT": frac("Phường Nhật Tân", 8.0, 8.0, &format!("{g}E8")),
               "QA": frac("Phường Quảng An", 9.0, 9.0, &format!("{h}E8"))}),
    );
    gd01["tu_so"] = json!(26);
    gd01["mau_so"] = json!(27);
    gd01["phan_so"] = json!("26/27");
    gd01["ty_le"] = json!("96,3%");
    let mut yt01 = ind(
        "YT01",
        "Phường đạt chuẩn quốc gia về y tế",
        "Văn hóa - Xã hội",
        "phường",
        "so_don_vi_dat",
        "3/3",
        json!(2),
        "2",
        "du_kien_dat",
        "Dự kiến đạt",
        json!({"BUOI": {"ten": "Phường Bưởi", "gia_tri": true, "tu_so": 1, "mau_so": 1, "nguon": format!("{f}E9")},
               "NT": {"ten": "Phường Nhật Tân", "gia_tri": true, "tu_so": 1, "mau_so": 1, "nguon": format!("{g}E9")},
               "QA": {"ten": "Phường Quảng An", "gia_tri": false, "tu_so": 0, "mau_so": 1, "nguon": format!("{h}E9")}}),
    );
    yt01["tu_so"] = json!(2);
    yt01["mau_so"] = json!(3);
    yt01["phan_so"] = json!("2/3");
    yt01["ty_le"] = json!("66,7%");
    let xh01 = ind(
        "XH01",
        "Tỷ lệ hộ gia đình văn hóa",
        "Văn hóa - Xã hội",
        "%",
        "trung_binh",
        ">= 95%",
        json!((95.5 + 97.25) / 2.0),
        "96,38",
        "vuot",
        "Vượt",
        json!({"BUOI": unit("Phường Bưởi", json!(95.5), &format!("{f}E10")),
               "NT": unit("Phường Nhật Tân", json!(97.25), &format!("{g}E10")),
               "QA": unit("Phường Quảng An", Value::Null, "")}),
    );
    let mut ds01 = ind(
        "DS01",
        "Tỷ lệ người dân tham gia bảo hiểm y tế",
        "Văn hóa - Xã hội",
        "%",
        "trung_binh_gia_quyen:DAN_SO",
        ">= 90%",
        json!((90.0 * 1000.0 + 80.0 * 3000.0 + 70.0 * 2000.0) / 6000.0),
        "78,3",
        "chua_dat",
        "Chưa đạt",
        json!({"BUOI": unit("Phường Bưởi", json!(90), &format!("{f}E11")),
               "NT": unit("Phường Nhật Tân", json!(80), &format!("{g}E11")),
               "QA": unit("Phường Quảng An", json!(70), &format!("{h}E11"))}),
    );
    for (u, w) in [("BUOI", 1000), ("NT", 3000), ("QA", 2000)] {
        ds01["don_vi"][u]["trong_so"] = json!(w);
    }
    let mt01 = ind(
        "MT01",
        "Tỷ lệ thu gom rác thải thấp nhất",
        "Kinh tế",
        "%",
        "nho_nhat",
        ">= 90%",
        json!(91.2),
        "91,2",
        "vuot",
        "Vượt",
        json!({"BUOI": unit("Phường Bưởi", json!(99.5), &format!("{f}E12")),
               "NT": unit("Phường Nhật Tân", json!(91.2), &format!("{g}E12")),
               "QA": unit("Phường Quảng An", json!(95), &format!("{h}E12"))}),
    );
    let mt02 = ind(
        "MT02",
        "Số vụ vi phạm môi trường lớn nhất",
        "Kinh tế",
        "vụ",
        "lon_nhat",
        "<= 5",
        json!(4),
        "4",
        "vuot",
        "Vượt",
        json!({"BUOI": unit("Phường Bưởi", json!(4), &format!("{f}E13")),
               "NT": unit("Phường Nhật Tân", json!(1), &format!("{g}E13")),
               "QA": unit("Phường Quảng An", json!(0), &format!("{h}E13"))}),
    );
    let ch01 = ind(
        "CH01",
        "Số hộ nghèo",
        "Kinh tế",
        "hộ",
        "tong",
        "= 0",
        Value::Null,
        "",
        "khong_danh_gia",
        "Không đánh giá",
        json!({"BUOI": unit("Phường Bưởi", Value::Null, ""), "NT": unit("Phường Nhật Tân", Value::Null, ""),
               "QA": unit("Phường Quảng An", Value::Null, "")}),
    );
    let mut qp01 = ind(
        "QP01",
        "Giao quân nghĩa vụ quân sự",
        "Quốc phòng - An ninh",
        "thanh niên",
        "cap_quan",
        "26/20",
        json!(26),
        "26",
        "vuot",
        "Vượt",
        json!({}),
    );
    qp01["nguon"] = json!("so-lieu/quan-tay-ho.xlsx!So lieu!E7");
    let all = [kt01, mt01, mt02, ch01, gd01, yt01, xh01, ds01, qp01];
    let mut ct = serde_json::Map::new();
    let mut nhom = serde_json::Map::new();
    for i in &all {
        ct.insert(i["ma"].as_str().unwrap().to_string(), i.clone());
        let g = i["nhom"].as_str().unwrap().to_string();
        nhom.entry(g)
            .or_insert_with(|| json!([]))
            .as_array_mut()
            .unwrap()
            .push(i.clone());
    }
    json!({
        "bao_cao": {
            "co_quan_cap_tren": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "co_quan": "QUẬN ỦY TÂY HỒ", "the_thuc": "dang",
            "so_ky_hieu": "45-BC/QU", "dia_danh": "Tây Hồ", "ngay": "2023-04-07",
            "ngay_text": "ngày 07 tháng 4 năm 2023",
            "tieu_de": "Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ quận lần thứ VI, nhiệm kỳ 2020 - 2025",
            "quyen_han_ky": "T/M BAN THƯỜNG VỤ", "chuc_vu_ky": "BÍ THƯ", "nguoi_ky": "Lê Thị Thu Hằng",
            "noi_nhan": ["Thường trực Thành ủy", "Lưu VPQU"]
        },
        "so_lieu": {"ten_don_vi": "quận Tây Hồ", "cap_don_vi": "phường", "nhiem_ky": [2020, 2025],
                    "nam_goc": 2020, "nam_bao_cao": 2022, "lam_tron": "gan_nhat"},
        "ct": ct,
        "nhom": nhom,
        "don_vi": [{"ma": "BUOI", "ten": "Phường Bưởi"}, {"ma": "NT", "ten": "Phường Nhật Tân"},
                   {"ma": "QA", "ten": "Phường Quảng An"}],
        "tong_ket": {"tong": 9, "vuot": 5, "dat": 1, "du_kien_dat": 1, "chua_dat": 1, "khong_danh_gia": 1,
                     "dat_va_du_kien_dat": 7, "text": "7/8 chỉ tiêu đạt và dự kiến đạt"},
        "van_de": [
            {"muc_do": "loi", "tep": "so-lieu/buoi.xlsx", "trang": "So lieu", "o": "F9",
             "thong_diep": "ô chứa chữ \"abc\" không phải số"},
            {"muc_do": "canh_bao", "tep": "so-lieu/quang-an.xlsx", "trang": null, "o": null,
             "thong_diep": "=HYPERLINK(\"http://x\",\"bấm\")"}
        ]
    })
}

/// The text of one zip entry.
pub fn entry(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut f = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in the package"));
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

pub fn entry_names(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    zip.file_names()
        .map(|n| n.expect("utf-8 name").into_owned())
        .collect()
}

/// The XML of cell `r` (`<c r="G6" …>…</c>`), if present.
pub fn cell<'a>(sheet_xml: &'a str, r: &str) -> Option<&'a str> {
    let start = sheet_xml.find(&format!("<c r=\"{r}\""))?;
    let rest = &sheet_xml[start..];
    let open_end = rest.find('>')?;
    if rest[..open_end].ends_with('/') {
        return Some(&rest[..=open_end]);
    }
    let end = rest.find("</c>")?;
    Some(&rest[..end + 4])
}

/// The text between `<tag>` and `</tag>` in `xml`.
pub fn inner<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = xml.find(&format!("<{tag}"))?;
    let body = open + xml[open..].find('>')? + 1;
    let end = body + xml[body..].find(&format!("</{tag}>"))?;
    Some(&xml[body..end])
}

/// Shared strings in order, each as the concatenation of its `<t>` texts.
pub fn shared_strings(bytes: &[u8]) -> Vec<String> {
    let xml = entry(bytes, "xl/sharedStrings.xml");
    xml.split("<si>")
        .skip(1)
        .map(|si| {
            let mut out = String::new();
            let mut rest = si;
            while let Some(i) = rest.find("<t") {
                let after = &rest[i..];
                let Some(gt) = after.find('>') else { break };
                if after[..gt].ends_with('/') {
                    rest = &after[gt..];
                    continue;
                }
                let Some(end) = after.find("</t>") else { break };
                out.push_str(&after[gt + 1..end]);
                rest = &after[end..];
            }
            unescape(&out)
        })
        .collect()
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The displayed string of a cell: shared or inline.
pub fn cell_text(bytes: &[u8], sheet_xml: &str, r: &str) -> Option<String> {
    let c = cell(sheet_xml, r)?;
    if c.contains("t=\"s\"") {
        let i: usize = inner(c, "v")?.parse().ok()?;
        return shared_strings(bytes).get(i).cloned();
    }
    if c.contains("t=\"inlineStr\"") {
        return Some(unescape(inner(c, "t")?));
    }
    None
}

/// A review with three wards and one indicator of each entry kind.
pub fn sample_review(root: &std::path::Path) -> soket::review::Review {
    use soket::review::*;
    let ind =
        |ma: &str, ten: &str, nhom: &str, dvt: &str, tong_hop: &str, muc_tieu: &str, row: usize| {
            Indicator {
                ma: ma.into(),
                ten: ten.into(),
                nhom: nhom.into(),
                dvt: dvt.into(),
                tong_hop: Aggregate::parse(tong_hop).unwrap(),
                muc_tieu: muc_tieu.into(),
                target: Target::parse(muc_tieu).ok(),
                so_le: None,
                gioi_han: None,
                ke_hoach: None,
                row,
            }
        };
    let indicators = vec![
        ind(
            "KT01",
            "Tổng thu ngân sách trên địa bàn",
            "Kinh tế",
            "tỷ đồng",
            "tong",
            ">= 7",
            2,
        ),
        ind(
            "GD01",
            "Trường công lập đạt chuẩn quốc gia",
            "Văn hóa - Xã hội",
            "trường",
            "ty_le",
            ">= 95%",
            3,
        ),
        ind(
            "GD02",
            "Tỷ lệ trẻ em đi học đúng độ tuổi",
            "Văn hóa - Xã hội",
            "%",
            "ty_le:GD02A/GD02B",
            ">= 99%",
            4,
        ),
        ind(
            "GD02A",
            "Trẻ em đi học đúng độ tuổi",
            "Văn hóa - Xã hội",
            "trẻ",
            "tong",
            "",
            5,
        ),
        ind(
            "GD02B",
            "Trẻ em trong độ tuổi",
            "Văn hóa - Xã hội",
            "trẻ",
            "tong",
            "",
            6,
        ),
        ind(
            "YT01",
            "Phường đạt chuẩn quốc gia về y tế",
            "Văn hóa - Xã hội",
            "phường",
            "so_don_vi_dat",
            "3/3",
            7,
        ),
        ind(
            "XH01",
            "Tỷ lệ hộ gia đình văn hóa",
            "Văn hóa - Xã hội",
            "%",
            "trung_binh",
            ">= 95%",
            8,
        ),
        ind(
            "QP01",
            "Giao quân nghĩa vụ quân sự",
            "Quốc phòng - An ninh",
            "thanh niên",
            "cap_quan",
            "26/20",
            9,
        ),
    ];
    let unit = |ma: &str, ten: &str, row: usize| Unit {
        ma: ma.into(),
        ten: ten.into(),
        weights: Default::default(),
        row,
    };
    let mut settings = Settings::default();
    settings.bao_cao.ngay = chrono::NaiveDate::from_ymd_opt(2023, 4, 7);
    settings.bao_cao.co_quan = "QUẬN ỦY TÂY HỒ".into();
    settings.so_lieu.ten_don_vi = "quận Tây Hồ".into();
    Review {
        root: root.to_path_buf(),
        name: "tay-ho".into(),
        settings,
        catalog: Catalog {
            file: "chi-tieu.csv".into(),
            indicators,
        },
        units: vec![
            unit("BUOI", "Phường Bưởi", 2),
            unit("NT", "Phường Nhật Tân", 3),
            unit("QA", "Phường Quảng An", 4),
        ],
    }
}

/// A template like a clerk would make in Excel: title cells, a number cell,
/// a row loop over the "Kinh tế" group with a formula and a merged cell, a
/// total row summing the loop, a merged summary line, a conditional format,
/// a print area, and a second sheet that refers to the first.
pub fn sample_template() -> Vec<u8> {
    use rust_xlsxwriter::*;
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2023, 1, 1).unwrap()),
    );
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("Báo cáo").unwrap();
    ws.write_string(0, 0, "{{ bao_cao.co_quan }}").unwrap();
    ws.write_rich_string(
        1,
        0,
        &[
            (&bold, "Ngày: {{ bao_cao"),
            (&Format::new(), ".ngay_text }}"),
        ],
    )
    .unwrap();
    ws.write_string(2, 0, "Thu ngân sách").unwrap();
    ws.write_string_with_format(2, 1, "{{ ct.KT01.gia_tri }}", &bold)
        .unwrap();
    ws.write_string(3, 0, "Mã").unwrap();
    ws.write_string(3, 1, "Chỉ tiêu").unwrap();
    ws.write_string(3, 2, "Giá trị").unwrap();
    ws.write_string(4, 0, "{%tr for c in nhom[\"Kinh tế\"] %}")
        .unwrap();
    ws.write_string(5, 0, "{{ c.ma }}").unwrap();
    ws.write_string(5, 1, "{{ loop.index }}. {{ c.ten }}")
        .unwrap();
    ws.write_string(5, 2, "{{ c.gia_tri }}").unwrap();
    ws.write_formula(5, 3, Formula::new("=C6*2")).unwrap();
    ws.merge_range(5, 4, 5, 5, "{{ c.danh_gia_text }}", &Format::new())
        .unwrap();
    ws.write_string(6, 0, "{%tr endfor %}").unwrap();
    ws.write_string(7, 0, "Tổng").unwrap();
    ws.write_formula(7, 2, Formula::new("=SUM(C5:C7)")).unwrap();
    ws.write_formula(7, 3, Formula::new("=SUM(D6:D6)")).unwrap();
    ws.merge_range(8, 0, 8, 2, "{{ tong_ket.text }}", &Format::new())
        .unwrap();
    ws.write_string(9, 0, "ghi chú cuối").unwrap();
    let cf = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::GreaterThan(5))
        .set_format(Format::new().set_bold());
    ws.add_conditional_format(5, 2, 5, 2, &cf).unwrap();
    ws.set_print_area(0, 0, 9, 5).unwrap();
    let other = wb.add_worksheet();
    other.set_name("Khác").unwrap();
    other.write_string(0, 0, "không có thẻ").unwrap();
    other
        .write_formula(1, 0, Formula::new("='Báo cáo'!C8+Khác!A5"))
        .unwrap();
    wb.save_to_buffer().unwrap()
}

/// A copy of a package with one entry's text changed by `edit`.
pub fn patch_entry(bytes: &[u8], part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    use std::io::Write;
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut data = String::new();
        f.read_to_string(&mut data).unwrap();
        if name == part {
            data = edit(data);
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(data.as_bytes()).unwrap();
    }
    zout.finish().unwrap().into_inner()
}
