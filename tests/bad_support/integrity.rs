//! Cases of input integrity: nothing altered, ambiguous or disguised is
//! read (issue "Input integrity"). Each reproduces what a hostile or
//! careless sender can do to a clean folder.

use super::fuzz_checks::{ods_with, zip_of};
use super::*;
use std::io::Read;

const BUOI: &str = "buoi.xlsx";

/// `so-lieu/buoi.xlsx!So lieu!<cell>`.
fn b(cell: &str) -> String {
    format!("so-lieu/buoi.xlsx!So lieu!{cell}")
}

/// Every part of a zip, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut e = z.by_index(i).unwrap();
            let mut v = Vec::new();
            e.read_to_end(&mut v).unwrap();
            (e.name().unwrap().into_owned(), v)
        })
        .collect()
}

/// A zip of `parts`, every part stored (not compressed), as some tools
/// write them: the sheet's text is then plain in the file.
fn stored_zip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for (n, b) in parts {
        w.start_file(n.as_str(), opts).unwrap();
        w.write_all(b).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Bưởi's workbook (sheets as given), every part rewritten by `f`.
fn buoi_parts(
    sheets: Vec<(&str, Vec<Vec<C>>)>,
    f: impl Fn(&str, String) -> String,
) -> Vec<(String, Vec<u8>)> {
    let sheets: Vec<(String, Vec<Vec<C>>)> = sheets
        .into_iter()
        .map(|(n, r)| (n.to_string(), r))
        .collect();
    unzip(&xlsx_bytes(&sheets))
        .into_iter()
        .map(|(n, b)| match String::from_utf8(b) {
            Ok(t) => {
                let t = f(&n, t);
                (n, t.into_bytes())
            }
            Result::Err(e) => (n, e.into_bytes()),
        })
        .collect()
}

fn deflated(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip_of(&refs)
}

/// Replace `from` by `to` (same length) everywhere in `bytes`.
fn swap(mut bytes: Vec<u8>, from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let mut found = false;
    while let Some(p) = bytes.windows(from.len()).position(|w| w == from) {
        bytes[p..p + from.len()].copy_from_slice(to);
        found = true;
    }
    assert!(
        found,
        "{:?} not in the bytes",
        String::from_utf8_lossy(from)
    );
    bytes
}

/// The message every refused package ends with.
const REFUSED: &str = ": không lấy số liệu nào từ tệp này; hãy gửi lại tệp gốc";

/// A clean ward sheet whose KT01 2022 (G6) holds `v` instead of 120.
fn ward_with_kt01(v: f64) -> Vec<Vec<C>> {
    let mut rows = clean_ward("buoi");
    rows[5][6] = N(v);
    rows
}

/// Mark sheet `name` of a workbook.xml hidden (`state`).
fn hide(workbook: String, name: &str, state: &str) -> String {
    workbook.replace(
        &format!("<sheet name=\"{name}\""),
        &format!("<sheet state=\"{state}\" name=\"{name}\""),
    )
}

/// The ods bomb of the issue: one row repeated 1,000 times, its 16 cells
/// each repeated 1,000 times (16 million cells) in about 1 KB.
pub fn ods_bomb() -> Vec<u8> {
    let cells = r#"<table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>"#.repeat(16);
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="1000">{cells}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    ods_with(content.as_bytes())
}

pub fn cases() -> Vec<Case> {
    let mut v = packages();
    v.extend(formulas_and_sheets());
    v.extend(settings());
    v.extend(codes_and_names());
    v
}

/// Altered, duplicated and bomb-like packages: an error on the file, no
/// figure from it.
fn packages() -> Vec<Case> {
    let clean = || buoi_parts(vec![("So lieu", clean_ward("buoi"))], |_, t| t);
    let sheet = "xl/worksheets/sheet1.xml";
    vec![
        Case::new(
            "a stored sheet with one byte changed after its CRC was computed",
            |f| {
                // 120 becomes 130: the district total would read 350.
                let bytes = swap(stored_zip(&clean()), b"<v>120</v>", b"<v>130</v>");
                f.put(BUOI, Body::Bytes(bytes));
            },
        )
        .expect(loi_exact(
            "so-lieu/buoi.xlsx",
            &format!("phần \"{sheet}\" không khớp mã kiểm tra CRC-32: nội dung đã bị thay đổi hoặc hỏng khi gửi{REFUSED}"),
        ))
        .unit("KT01", 2022, "BUOI", None)
        .district("KT01", 2022, Some("220")),
        Case::new("a deflated sheet with one bit flipped", |f| {
            let mut bytes = deflated(&clean());
            let name = sheet.as_bytes();
            let at = bytes.windows(name.len()).position(|w| w == name).unwrap();
            // Inside the sheet's compressed data, past its local header.
            bytes[at + name.len() + 40] ^= 0x10;
            f.put(BUOI, Body::Bytes(bytes));
        })
        .expect(loi("so-lieu/buoi.xlsx", &format!("phần \"{sheet}\"")))
        .unit("KT01", 2022, "BUOI", None)
        .district("KT01", 2022, Some("220")),
        Case::new("a package holding the sheet twice with different values", |f| {
            let mut parts = clean();
            let forged = buoi_parts(vec![("So lieu", ward_with_kt01(999.0))], |_, t| t)
                .into_iter()
                .find(|(n, _)| n == sheet)
                .unwrap()
                .1;
            parts.push(("xl/worksheets/sheet9.xml".into(), forged));
            let bytes = swap(deflated(&parts), b"sheet9.xml", b"sheet1.xml");
            f.put(BUOI, Body::Bytes(bytes));
        })
        .expect(loi_exact(
            "so-lieu/buoi.xlsx",
            &format!("tệp chứa hai phần cùng tên \"{sheet}\" (tệp đã bị sửa ngoài Excel hoặc bị làm giả; không biết bản nào là thật){REFUSED}"),
        ))
        .unit("KT01", 2022, "BUOI", None),
        Case::new("the same part twice under another case", |f| {
            let mut parts = clean();
            parts.push(("xl/worksheets/Sheet9.xml".into(), b"<x/>".to_vec()));
            let bytes = swap(deflated(&parts), b"Sheet9.xml", b"Sheet1.xml");
            f.put(BUOI, Body::Bytes(bytes));
        })
        .expect(loi(
            "so-lieu/buoi.xlsx",
            "tệp chứa hai phần cùng tên \"xl/worksheets/Sheet1.xml\"",
        ))
        .unit("KT01", 2022, "BUOI", None),
        Case::new("a 1 KB ods repeating one row of 16 cells a million times over", |f| {
            f.remove(BUOI);
            f.put("buoi.ods", Body::Bytes(ods_bomb()));
        })
        .expect(loi_exact(
            "so-lieu/buoi.ods!Sheet1",
            "trang trải rộng quá mức (ô có dữ liệu nằm rải trên 16000000 ô): hãy xóa các ô thừa ở xa bảng số liệu rồi lưu lại",
        ))
        .unit("KT01", 2022, "BUOI", None),
    ]
}

/// Formula cells, hidden sheets, two data sheets, subfolders.
fn formulas_and_sheets() -> Vec<Case> {
    let kt = b("G6");
    let xlsx = |parts: Vec<(String, Vec<u8>)>| Body::Bytes(deflated(&parts));
    vec![
        Case::new("a formula cell saved without its result", |f| {
            let mut rows = clean_ward("buoi");
            rows[5][6] = F("=100+20", 120.0);
            let parts = buoi_parts(vec![("So lieu", rows)], |n, t| {
                if n == "xl/worksheets/sheet1.xml" {
                    t.replace("<f>100+20</f><v>120</v>", "<f>100+20</f>")
                } else {
                    t
                }
            });
            f.put(BUOI, xlsx(parts));
        })
        .expect(loi_exact(
            &kt,
            "ô có công thức (=100+20) nhưng tệp không lưu kết quả đã tính (tệp được tạo bằng chương trình không tính công thức): hãy mở tệp bằng Excel, lưu lại rồi gửi lại",
        ))
        .unit("KT01", 2022, "BUOI", None)
        .district("KT01", 2022, Some("220")),
        Case::new("a formula cell with its result, no recalculation asked", |f| {
            let mut rows = clean_ward("buoi");
            rows[5][6] = F("=100+20", 120.0);
            let parts = buoi_parts(vec![("So lieu", rows)], |n, t| {
                if n == "xl/workbook.xml" {
                    t.replace(" fullCalcOnLoad=\"1\"", "")
                } else {
                    t
                }
            });
            f.put(BUOI, xlsx(parts));
        })
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new(
            "a hidden first sheet with a Mã header and other figures",
            |f| {
                let parts = buoi_parts(
                    vec![("Cu", ward_with_kt01(999.0)), ("So lieu", clean_ward("buoi"))],
                    |n, t| if n == "xl/workbook.xml" { hide(t, "Cu", "hidden") } else { t },
                );
                f.put(BUOI, xlsx(parts));
            },
        )
        .expect(canh_bao_exact(
            "so-lieu/buoi.xlsx!Cu",
            "trang ẩn \"Cu\" có dòng tiêu đề có ô \"Mã\" nhưng bị bỏ qua: số liệu được đọc từ trang \"So lieu\" (trang hiện đầu tiên có cột \"Mã\")",
        ))
        .expect(loi_exact(
            &kt,
            "KT01 năm 2022: trang \"So lieu\" ô G6 ghi 120 nhưng trang \"Cu\" ô G6 ghi 999; hai trang số liệu khác nhau, không biết trang nào đúng: hãy xóa trang thừa rồi gửi lại",
        ))
        .unit("KT01", 2022, "BUOI", None)
        .unit("KT01", 2021, "BUOI", Some("110")),
        Case::new(
            "a very hidden first sheet with the same figures",
            |f| {
                let parts = buoi_parts(
                    vec![("An", clean_ward("buoi")), ("So lieu", clean_ward("buoi"))],
                    |n, t| if n == "xl/workbook.xml" { hide(t, "An", "veryHidden") } else { t },
                );
                f.put(BUOI, xlsx(parts));
            },
        )
        .expect(canh_bao_exact(
            "so-lieu/buoi.xlsx!An",
            "trang ẩn \"An\" có dòng tiêu đề có ô \"Mã\" nhưng bị bỏ qua: số liệu được đọc từ trang \"So lieu\" (trang hiện đầu tiên có cột \"Mã\")",
        ))
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("the only data sheet hidden", |f| {
            let parts = buoi_parts(vec![("So lieu", clean_ward("buoi"))], |n, t| {
                if n == "xl/workbook.xml" {
                    hide(t, "So lieu", "hidden")
                } else {
                    t
                }
            });
            f.put(BUOI, xlsx(parts));
        })
        .expect(canh_bao_exact(
            "so-lieu/buoi.xlsx!So lieu",
            "số liệu được đọc từ trang ẩn \"So lieu\" (không trang hiện nào có cột \"Mã\"): hãy bỏ ẩn trang để kiểm tra",
        ))
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("a ward file in a subfolder of so-lieu", |f| {
            let bytes = xlsx_bytes(&[("So lieu".into(), clean_ward("buoi"))]);
            f.put("cu/buoi-2021.xlsx", Body::Bytes(bytes));
        })
        .expect(canh_bao_exact(
            "so-lieu/cu",
            "thư mục con không được đọc: tệp số liệu phải nằm ngay trong so-lieu/ (hãy chuyển tệp ra ngoài hoặc xóa thư mục này)",
        ))
        .unit("KT01", 2022, "BUOI", Some("120")),
    ]
}

fn settings() -> Vec<Case> {
    let edit = |from: &'static str, to: &'static str| {
        move |f: &mut Folder| {
            let s = f.settings.take().unwrap();
            assert!(s.contains(from), "{from}");
            f.settings = Some(s.replace(from, to));
        }
    };
    let one = |name: &str, from: &'static str, to: &'static str, msg: &str| {
        Case::new(name, edit(from, to))
            .expect(loi_exact("soket.toml", msg))
            .no_review()
    };
    vec![
        one(
            "soket.toml without nam_bao_cao",
            "nam_bao_cao = 2022\n",
            "",
            "thiếu so_lieu.nam_bao_cao (năm báo cáo, ví dụ nam_bao_cao = 2022): soket không tự đoán kỳ báo cáo",
        ),
        one(
            "soket.toml without nhiem_ky",
            "nhiem_ky = [2020, 2025]\n",
            "",
            "thiếu so_lieu.nhiem_ky (nhiệm kỳ, ví dụ nhiem_ky = [2020, 2025]): soket không tự đoán kỳ báo cáo",
        ),
        one(
            "a baseline year of 1925",
            "nam_goc = 2020",
            "nam_goc = 1925",
            "so_lieu.nam_goc = 1925 nằm ngoài nhiệm kỳ 2020 - 2025",
        ),
        one(
            "a term of plus or minus 2^31 years",
            "[2020, 2025]",
            "[-2147483648, 2147483647]",
            "so_lieu.nhiem_ky = [-2147483648, 2147483647]: năm phải trong khoảng 1900–2100",
        ),
        one(
            "a term of twenty years",
            "[2020, 2025]",
            "[2020, 2040]",
            "so_lieu.nhiem_ky = [2020, 2040]: nhiệm kỳ dài 20 năm, quá 10 năm",
        ),
        one(
            "lam_tron = 2",
            "lam_tron = \"gan_nhat\"",
            "lam_tron = 2",
            "so_lieu.lam_tron = 2: phải là một trong \"gan_nhat\", \"cat_bo\"",
        ),
        Case::new(
            "a report year no ward file has a column for",
            edit("nam_bao_cao = 2022", "nam_bao_cao = 2024"),
        )
        .expect(loi_exact(
            "soket.toml",
            "so_lieu.nam_bao_cao = 2024: không tệp số liệu nào có cột năm 2024 (các tệp có cột: 2020, 2021, 2022, 2023); hãy sửa soket.toml hoặc thêm cột năm 2024 vào biểu",
        )),
        Case::new(
            "a baseline year no ward file has a column for",
            |f| {
                edit("[2020, 2025]", "[2019, 2024]")(f);
                edit("nam_goc = 2020", "nam_goc = 2019")(f);
            },
        )
        .expect(loi_exact(
            "soket.toml",
            "so_lieu.nam_goc = 2019: không tệp số liệu nào có cột năm 2019 (các tệp có cột: 2020, 2021, 2022, 2023); hãy sửa soket.toml hoặc thêm cột năm 2019 vào biểu",
        ))
        .unit("KT01", 2022, "BUOI", Some("120")),
    ]
}

/// Codes with invisible characters or letters of other scripts, names in
/// legacy encodings.
fn codes_and_names() -> Vec<Case> {
    let code = |name: &str, written: &'static str, msg: &str| {
        Case::new(name, move |f| f.set(BUOI, "B7", s(written)))
            .expect(canh_bao_exact(&b("B7"), msg))
            .unit("GD01", 2022, "BUOI", None)
    };
    vec![
        code(
            "a code with a zero-width space",
            "GD\u{200B}01",
            "mã \"GD<U+200B>01\" không có trong danh mục chỉ tiêu, dòng này bị bỏ qua (mã có ký tự ẩn hoặc chữ của bảng chữ cái khác trông giống chữ La-tinh: U+200B; có lẽ là \"GD01\": hãy gõ lại mã)",
        ),
        code(
            "a code with a soft hyphen",
            "GD\u{00AD}01",
            "mã \"GD<U+00AD>01\" không có trong danh mục chỉ tiêu, dòng này bị bỏ qua (mã có ký tự ẩn hoặc chữ của bảng chữ cái khác trông giống chữ La-tinh: U+00AD; có lẽ là \"GD01\": hãy gõ lại mã)",
        ),
        code(
            "a code behind a right-to-left mark",
            "\u{200F}GD01",
            "mã \"<U+200F>GD01\" không có trong danh mục chỉ tiêu, dòng này bị bỏ qua (mã có ký tự ẩn hoặc chữ của bảng chữ cái khác trông giống chữ La-tinh: U+200F; có lẽ là \"GD01\": hãy gõ lại mã)",
        ),
        Case::new("a Cyrillic КТ01 is named, not hinted as another code", |f| {
            f.set(BUOI, "B6", s("КТ01"))
        })
        .expect(canh_bao_exact(
            &b("B6"),
            "mã \"КТ01\" không có trong danh mục chỉ tiêu, dòng này bị bỏ qua (mã có ký tự ẩn hoặc chữ của bảng chữ cái khác trông giống chữ La-tinh: К U+041A, Т U+0422; có lẽ là \"KT01\": hãy gõ lại mã)",
        ))
        .unit("KT01", 2022, "BUOI", None),
        Case::new("an indicator name typed in TCVN3", |f| {
            f.set_top("chi-tieu.csv", "B5", s("Sè hé cËn nghÌo"))
        })
        .expect(loi_exact(
            "chi-tieu.csv!B5",
            "\"Sè hé cËn nghÌo\" gõ bằng phông TCVN3 (ABC): có lẽ là \"Số hộ cận nghèo\"; hãy gõ lại bằng Unicode (nếu không, báo cáo sẽ in sai chữ)",
        )),
        Case::new("a group name typed in VNI", |f| {
            f.set_top("chi-tieu.csv", "C3", s("Vaên hoùa - Xaõ hoäi"))
        })
        .expect(loi_exact(
            "chi-tieu.csv!C3",
            "\"Vaên hoùa - Xaõ hoäi\" gõ bằng phông VNI: có lẽ là \"Văn hóa - Xã hội\"; hãy gõ lại bằng Unicode (nếu không, báo cáo sẽ in sai chữ)",
        )),
    ]
}
