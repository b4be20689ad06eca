//! The corpus: one clean review folder, broken in one way per case.
//!
//! Locations read as `Problem::location()` does: `so-lieu/buoi.xlsx!So
//! lieu!G6` (xlsx), `so-lieu/bo-de.csv!G6` (csv has no sheet),
//! `chi-tieu.csv!E2`. In a clean ward sheet the header is row 5, the codes
//! run KT01 (row 6), GD01, YT01, HN01, NV01A, NV01B (row 11), and the years
//! 2020–2023 are columns E–H.

use super::fuzz_checks::{xlsx_with, zip_of};
use super::*;
use std::io::Read;

const BUOI: &str = "buoi.xlsx";
const BODE: &str = "bo-de.csv";

/// `so-lieu/buoi.xlsx!So lieu!<cell>`.
fn b(cell: &str) -> String {
    format!("so-lieu/buoi.xlsx!So lieu!{cell}")
}
/// The Bưởi cell of `code` in `year`.
fn bc(code: &str, year: i32) -> String {
    b(&cell_of(code, year))
}
/// `so-lieu/bo-de.csv!<cell>`.
fn d(cell: &str) -> String {
    format!("so-lieu/bo-de.csv!{cell}")
}

/// The clean Bưởi workbook, as bytes.
fn clean_buoi_bytes() -> Vec<u8> {
    xlsx_bytes(&[("So lieu".into(), clean_ward("buoi"))])
}

/// Replace Bưởi's workbook with these bytes.
fn buoi_bytes(bytes: Vec<u8>) -> impl FnOnce(&mut Folder) {
    move |f: &mut Folder| f.put(BUOI, Body::Bytes(bytes))
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

/// The clean Bưởi workbook with one part rewritten.
fn patch_buoi(part: &str, f: impl Fn(String) -> String) -> Vec<u8> {
    let parts: Vec<(String, Vec<u8>)> = unzip(&clean_buoi_bytes())
        .into_iter()
        .map(|(n, b)| {
            if n == part {
                let t = f(String::from_utf8(b).unwrap());
                (n, t.into_bytes())
            } else {
                (n, b)
            }
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip_of(&refs)
}

/// Set the declared uncompressed size of `part` in a zip's central
/// directory (and local header) without changing the data: what a crafted
/// zip bomb looks like to a reader that trusts the directory.
fn declare_size(mut zip: Vec<u8>, part: &str, size: u32) -> Vec<u8> {
    let name = part.as_bytes();
    let mut i = 0;
    while i + 46 < zip.len() {
        let sig = &zip[i..i + 4];
        if sig == b"PK\x01\x02" {
            let n = u16::from_le_bytes([zip[i + 28], zip[i + 29]]) as usize;
            if &zip[i + 46..i + 46 + n] == name {
                zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
            }
        } else if sig == b"PK\x03\x04" {
            let n = u16::from_le_bytes([zip[i + 26], zip[i + 27]]) as usize;
            if zip.len() > i + 30 + n && &zip[i + 30..i + 30 + n] == name {
                zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
            }
        }
        i += 1;
    }
    zip
}

/// The uncompressed size a zip declares for `part`.
fn declared_size(zip: &[u8], part: &str) -> u64 {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    z.by_name(part).unwrap().size()
}

/// A minimal OLE header followed by a UTF-16 stream name.
fn ole_with(stream: &str) -> Vec<u8> {
    let mut v = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    v.resize(512, 0);
    v.extend(stream.encode_utf16().flat_map(|u| u.to_le_bytes()));
    v.resize(2048, 0);
    v
}

/// A cell of Bưởi's KT01 (tỷ đồng, `tong`) in 2022: the unit value it
/// must give, the district total (Bồ Đề has 220), and the problem.
fn kt01(name: &str, cell: C, value: Option<&str>, expect: Option<Expect>) -> Case {
    let district = value.map(|v| {
        (v.parse::<rust_decimal::Decimal>().unwrap() + rust_decimal::Decimal::from(220))
            .normalize()
            .to_string()
    });
    let mut c = Case::new(name, |f| f.set_value(BUOI, "KT01", 2022, cell))
        .unit("KT01", 2022, "BUOI", value)
        .district("KT01", 2022, Some(district.as_deref().unwrap_or("220")));
    if let Some(e) = expect {
        c = c.expect(e);
    }
    c
}

/// Like [`kt01`] for a cell of `code` with only the unit value pinned.
fn cell_case(name: &str, code: &str, cell: C, value: Option<&str>, expect: Option<Expect>) -> Case {
    let mut c =
        Case::new(name, |f| f.set_value(BUOI, code, 2022, cell)).unit(code, 2022, "BUOI", value);
    if let Some(e) = expect {
        c = c.expect(e);
    }
    c
}

/// The same for Bồ Đề's csv.
fn csv_case(
    name: &str,
    code: &str,
    text: &str,
    value: Option<&str>,
    expect: Option<Expect>,
) -> Case {
    let t = text.to_string();
    let mut c =
        Case::new(name, |f| f.set_value(BODE, code, 2022, S(t))).unit(code, 2022, "BODE", value);
    if let Some(e) = expect {
        c = c.expect(e);
    }
    c
}

/// "Phường Bưởi has not sent" is a consequence; the file's own problem is
/// what the case names.
fn file_case(name: &str, edit: impl FnOnce(&mut Folder), loc: &str, msg: &str) -> Case {
    Case::new(name, edit)
        .expect(loi(loc, msg))
        .unit("KT01", 2022, "BUOI", None)
        .district("KT01", 2022, Some("220"))
}

/// The unknown-code warning a ward row gets once `code` left the catalog.
fn unknown_code_rows(c: Case, code: &str) -> Case {
    c.expect(canh_bao(
        &b(&format!("B{}", ward_row(code))),
        &format!("mã \"{code}\" không có trong danh mục chỉ tiêu"),
    ))
    .expect(canh_bao(
        &d(&format!("B{}", ward_row(code))),
        &format!("mã \"{code}\" không có trong danh mục chỉ tiêu"),
    ))
}

/// A catalog row (1-based data row `n`, so file row n + 1) replaced.
fn catalog_cell(f: &mut Folder, cell: &str, value: &str) {
    f.set_top(
        "chi-tieu.csv",
        cell,
        if value.is_empty() { E } else { s(value) },
    );
}

pub fn all() -> Vec<Case> {
    let mut v = Vec::new();
    v.extend(baseline());
    v.extend(damaged_files());
    v.extend(cells());
    v.extend(csv_cells());
    v.extend(sheets());
    v.extend(codes());
    v.extend(units_and_reporters());
    v.extend(catalogs());
    v.extend(settings());
    v.extend(limits());
    v.extend(super::integrity::cases());
    v
}

fn baseline() -> Vec<Case> {
    vec![
        Case::new("clean folder", |_| {})
            .district("KT01", 2022, Some("340"))
            .district("KT01", 2020, Some("300"))
            .district("HN01", 2022, Some("1.25"))
            .district("YT01", 2022, Some("2"))
            .district("DV01", 2022, Some("93.5"))
            .district("NV01A", 2022, Some("22"))
            .unit("GD01", 2022, "BUOI", Some("100")),
        Case::new("clean folder, every ward as csv with semicolons", |f| {
            f.remove(BUOI);
            f.put("buoi.csv", Body::Csv(b';', clean_ward("buoi")));
            f.put(BODE, Body::Csv(b';', clean_ward("bode")));
        })
        .district("KT01", 2022, Some("340"))
        .district("HN01", 2022, Some("1.25")),
        Case::new("clean folder, catalog and units as xlsx", |f| {
            let cat = match &f.top[0].1 {
                Body::Csv(_, rows) => rows.clone(),
                _ => unreachable!(),
            };
            let units = match &f.top[1].1 {
                Body::Csv(_, rows) => rows.clone(),
                _ => unreachable!(),
            };
            f.remove_top("chi-tieu.csv");
            f.remove_top("don-vi.csv");
            f.put_top("chi-tieu.xlsx", Body::Xlsx(vec![("Chi tieu".into(), cat)]));
            f.put_top("don-vi.xlsx", Body::Xlsx(vec![("Don vi".into(), units)]));
        })
        .district("KT01", 2022, Some("340")),
        Case::new(
            "xlsx saved with the .xls extension is read by content",
            |f| {
                f.rename(BUOI, "buoi.xls");
            },
        )
        .district("KT01", 2022, Some("340")),
        Case::new("xlsx saved as .xlsm", |f| f.rename(BUOI, "buoi.xlsm")).district(
            "KT01",
            2022,
            Some("340"),
        ),
        Case::new("xlsx named .csv is read as a workbook", |f| {
            f.rename(BUOI, "buoi.csv")
        })
        .district("KT01", 2022, Some("340")),
    ]
}

fn damaged_files() -> Vec<Case> {
    let clean = clean_buoi_bytes();
    let half = clean[..clean.len() / 2].to_vec();
    let head = clean[..100].to_vec();
    // Scramble the deflated data of the sheet part itself.
    let mut flipped = clean.clone();
    let name = b"xl/worksheets/sheet1.xml";
    let at = flipped
        .windows(name.len())
        .position(|w| w == name)
        .expect("sheet part")
        + name.len()
        + 8;
    for x in &mut flipped[at..at + 48] {
        *x ^= 0x5A;
    }
    let mut no_eocd = clean.clone();
    no_eocd.truncate(clean.len() - 22);
    let empty_zip = {
        let mut v = b"PK\x05\x06".to_vec();
        v.resize(22, 0);
        v
    };
    let docx = zip_of(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("word/document.xml", b"<w:document/>".as_slice()),
    ]);
    let pptx = zip_of(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("ppt/presentation.xml", b"<p:presentation/>".as_slice()),
    ]);
    let odt = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.text".as_slice(),
        ),
        ("META-INF/manifest.xml", b"<manifest/>".as_slice()),
        ("content.xml", b"<office:document-content/>".as_slice()),
    ]);
    let plain_zip = zip_of(&[("bao-cao/so-lieu.txt", b"120".as_slice())]);
    let password =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/password.xlsx"))
            .unwrap();
    let broken_sheet = patch_buoi("xl/worksheets/sheet1.xml", |t| {
        t.replace("</sheetData>", "")
    });
    let missing_sheet = {
        let parts: Vec<(String, Vec<u8>)> = unzip(&clean)
            .into_iter()
            .filter(|(n, _)| n != "xl/worksheets/sheet1.xml")
            .collect();
        let refs: Vec<(&str, &[u8])> = parts
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        zip_of(&refs)
    };
    let bad_shared = patch_buoi("xl/sharedStrings.xml", |t| t[..t.len() / 2].to_string());
    let bad_index = patch_buoi("xl/worksheets/sheet1.xml", |t| {
        // A shared-string index far past the table.
        let mut t = t;
        if let Some(i) = t.find("t=\"s\"><v>") {
            let start = i + "t=\"s\"><v>".len();
            let end = start + t[start..].find('<').unwrap();
            t.replace_range(start..end, "999999");
        }
        t
    });
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let only_ole_header = ole_with("Root Entry");
    vec![
        file_case(
            "empty file (0 bytes)",
            buoi_bytes(Vec::new()),
            "so-lieu/buoi.xlsx",
            "tệp rỗng (0 byte): hãy gửi lại tệp số liệu",
        ),
        file_case(
            "xlsx truncated to half",
            buoi_bytes(half),
            "so-lieu/buoi.xlsx",
            "tệp bị hỏng hoặc gửi thiếu",
        ),
        file_case(
            "xlsx truncated to 100 bytes",
            buoi_bytes(head),
            "so-lieu/buoi.xlsx",
            "tệp bị hỏng hoặc gửi thiếu",
        ),
        file_case(
            "xlsx without its end-of-directory record",
            buoi_bytes(no_eocd),
            "so-lieu/buoi.xlsx",
            "tệp bị hỏng hoặc gửi thiếu",
        ),
        file_case(
            "xlsx with corrupted bytes inside",
            buoi_bytes(flipped),
            "so-lieu/buoi.xlsx",
            "bị hỏng",
        ),
        file_case(
            "empty zip named .xlsx",
            buoi_bytes(empty_zip),
            "so-lieu/buoi.xlsx",
            "đây là một tệp nén (.zip), không phải bảng tính: hãy gửi tệp Excel",
        ),
        file_case(
            "a plain zip archive named .xlsx",
            buoi_bytes(plain_zip),
            "so-lieu/buoi.xlsx",
            "đây là một tệp nén (.zip), không phải bảng tính",
        ),
        file_case(
            ".docx renamed .xlsx",
            buoi_bytes(docx),
            "so-lieu/buoi.xlsx",
            "đây là tệp Word (.docx) bị đổi tên, không phải bảng tính: hãy gửi tệp Excel",
        ),
        file_case(
            ".pptx renamed .xlsx",
            buoi_bytes(pptx),
            "so-lieu/buoi.xlsx",
            "đây là tệp PowerPoint (.pptx) bị đổi tên",
        ),
        file_case(
            "OpenDocument text renamed .ods",
            |f: &mut Folder| {
                f.remove(BUOI);
                f.put("buoi.ods", Body::Bytes(odt));
            },
            "so-lieu/buoi.ods",
            "đây là văn bản OpenDocument (không phải bảng tính)",
        ),
        file_case(
            ".doc (OLE Word) renamed .xls",
            |f: &mut Folder| {
                f.remove(BUOI);
                f.put("buoi.xls", Body::Bytes(ole_with("WordDocument")));
            },
            "so-lieu/buoi.xls",
            "đây là tệp Word (.doc) bị đổi tên",
        ),
        file_case(
            "password-protected workbook (real file)",
            buoi_bytes(password),
            "so-lieu/buoi.xlsx",
            "tệp có mật khẩu, không đọc được: hãy bỏ mật khẩu rồi gửi lại",
        ),
        file_case(
            "password-protected workbook named .xls",
            |f: &mut Folder| {
                f.remove(BUOI);
                f.put("buoi.xls", Body::Bytes(ole_with("EncryptedPackage")));
            },
            "so-lieu/buoi.xls",
            "tệp có mật khẩu",
        ),
        file_case(
            "web page saved as .xls",
            |f: &mut Folder| {
                f.remove(BUOI);
                f.put(
                    "buoi.xls",
                    Body::Bytes(b"<html><body><table><tr><td>M\xc3\xa3</td></tr></table></body></html>".to_vec()),
                );
            },
            "so-lieu/buoi.xls",
            "đây là trang web (HTML)",
        ),
        file_case(
            "XML Spreadsheet 2003 saved as .xls",
            |f: &mut Folder| {
                f.remove(BUOI);
                f.put(
                    "buoi.xls",
                    Body::Bytes(b"<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"/>".to_vec()),
                );
            },
            "so-lieu/buoi.xls",
            "đây là tệp XML",
        ),
        file_case(
            "PDF renamed .xlsx",
            buoi_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec()),
            "so-lieu/buoi.xlsx",
            "đây là tệp PDF, không phải bảng tính: hãy gửi tệp Excel",
        ),
        file_case(
            "csv text named .xlsx",
            buoi_bytes(csv_text(b',', &clean_ward("buoi")).into_bytes()),
            "so-lieu/buoi.xlsx",
            "tệp .xlsx này thực ra là văn bản thuần (có thể là csv)",
        ),
        file_case(
            "random bytes named .xlsx",
            buoi_bytes(garbage),
            "so-lieu/buoi.xlsx",
            "không nhận ra định dạng tệp",
        ),
        file_case(
            "an OLE file with no workbook stream named .xls",
            |f: &mut Folder| {
                f.remove(BUOI);
                f.put("buoi.xls", Body::Bytes(only_ole_header));
            },
            "so-lieu/buoi.xls",
            "tệp xls bị hỏng",
        ),
        file_case(
            "a damaged .xls whose sector chain runs past the end (fuzz crash)",
            |f: &mut Folder| {
                let crash = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(
                    "tests/bad/crashes/workbook/crash-e41cd2896482b899eb73c7f85989c1f841441c5f",
                ))
                .unwrap();
                f.remove(BUOI);
                f.put("buoi.xls", Body::Bytes(crash[1..].to_vec()));
            },
            "so-lieu/buoi.xls",
            "tệp bị hỏng, không đọc được: hãy mở bằng Excel, lưu lại (Save As .xlsx) rồi gửi lại",
        ),
        file_case(
            "a damaged .xls failing calamine's record assertion (fuzz crash)",
            |f: &mut Folder| {
                let crash = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(
                    "tests/bad/crashes/workbook/crash-0d8200af85b6716cd2c8852fff5a071831840f4f",
                ))
                .unwrap();
                f.remove(BUOI);
                f.put("buoi.xls", Body::Bytes(crash[1..].to_vec()));
            },
            "so-lieu/buoi.xls",
            "tệp bị hỏng, không đọc được",
        ),
        Case::new(
            "a 7 KB .xls whose cells spread over a huge area (fuzz: 2 GB allocation)",
            |f: &mut Folder| {
                let crash = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(
                    "tests/bad/crashes/workbook/oom-20d3aed3ba1a41c91c2597526998b3fd32bf6e31",
                ))
                .unwrap();
                f.remove(BUOI);
                f.put("buoi.xls", Body::Bytes(crash[1..].to_vec()));
            },
        )
        .expect(loi(
            "so-lieu/buoi.xls!So lieu",
            "trang trải rộng quá mức (ô có dữ liệu nằm rải trên 67249170 ô)",
        ))
        .unit("KT01", 2022, "BUOI", None)
        .district("KT01", 2022, Some("220")),
        file_case(
            "xlsx whose sheet XML is cut short",
            buoi_bytes(broken_sheet),
            "so-lieu/buoi.xlsx",
            "tệp Excel bị hỏng",
        ),
        file_case(
            "xlsx missing its sheet part",
            buoi_bytes(missing_sheet),
            "so-lieu/buoi.xlsx",
            "tệp Excel bị hỏng",
        ),
        file_case(
            "xlsx with a broken shared-string table",
            buoi_bytes(bad_shared),
            "so-lieu/buoi.xlsx",
            "tệp Excel bị hỏng",
        ),
        file_case(
            "xlsx cell pointing past the shared-string table",
            buoi_bytes(bad_index),
            "so-lieu/buoi.xlsx",
            "tệp Excel bị hỏng",
        ),
        file_case(
            "zip bomb: sheet declared as 1 GiB once unpacked",
            buoi_bytes(declare_size(clean.clone(), "xl/worksheets/sheet1.xml", 1 << 30)),
            "so-lieu/buoi.xlsx",
            "tệp quá lớn khi giải nén",
        ),
        file_case(
            "zip bomb: several parts adding up past the total limit",
            buoi_bytes({
                let z = declare_size(clean.clone(), "xl/worksheets/sheet1.xml", 200 << 20);
                let z = declare_size(z, "xl/styles.xml", 200 << 20);
                declare_size(z, "xl/sharedStrings.xml", 200 << 20)
            }),
            "so-lieu/buoi.xlsx",
            "tệp quá lớn khi giải nén",
        ),
        file_case(
            "zip bomb named .ods",
            |f: &mut Folder| {
                f.remove(BUOI);
                let ods = super::fuzz_checks::ods_with(b"<office:document-content/>");
                f.put("buoi.ods", Body::Bytes(declare_size(ods, "content.xml", 1 << 30)));
            },
            "so-lieu/buoi.ods",
            "tệp quá lớn khi giải nén",
        ),
        file_case(
            "ods whose content.xml is not XML",
            |f: &mut Folder| {
                f.remove(BUOI);
                f.put(
                    "buoi.ods",
                    Body::Bytes(super::fuzz_checks::ods_with(b"\x00\x01not xml <<<")),
                );
            },
            "so-lieu/buoi.ods",
            "bị hỏng",
        ),
        file_case(
            "a workbook with no sheet at all",
            buoi_bytes(xlsx_with(&[(
                "xl/workbook.xml",
                br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#.as_slice(),
            )])),
            "so-lieu/buoi.xlsx",
            "không tìm thấy dòng tiêu đề có ô \"Mã\"",
        ),
    ]
}

fn cells() -> Vec<Case> {
    let kt = || bc("KT01", 2022);
    vec![
        kt01(
            "formula cached #DIV/0!",
            Err("#DIV/0!"),
            None,
            Some(loi(&kt(), "ô có lỗi công thức #DIV/0!")),
        ),
        kt01(
            "formula cached #REF!",
            Err("#REF!"),
            None,
            Some(loi(&kt(), "ô có lỗi công thức #REF!")),
        ),
        kt01(
            "formula cached #N/A",
            Err("#N/A"),
            None,
            Some(loi(&kt(), "ô có lỗi công thức #N/A")),
        ),
        kt01(
            "formula cached #VALUE!",
            Err("#VALUE!"),
            None,
            Some(loi(&kt(), "ô có lỗi công thức #VALUE!")),
        ),
        kt01(
            "formula cached #NAME?",
            Err("#NAME?"),
            None,
            Some(loi(&kt(), "ô có lỗi công thức #NAME?")),
        ),
        // rust_xlsxwriter asks for a full recalculation on load, so the
        // saved 120 is read with a warning that it may be stale.
        kt01(
            "formula with a cached number",
            F("=100+20", 120.0),
            Some("120"),
            Some(canh_bao_exact(
                &kt(),
                "ô có công thức và tệp yêu cầu Excel tính lại mọi công thức khi mở (fullCalcOnLoad): kết quả đã lưu (120) có thể đã cũ; hãy mở tệp bằng Excel, lưu lại rồi gửi lại",
            )),
        ),
        kt01(
            "a date where a number is expected",
            D(2022, 1, 5),
            None,
            Some(loi(&kt(), "ô có ngày tháng (2022-01-05)")),
        ),
        kt01(
            "TRUE where a number is expected",
            B(true),
            None,
            Some(loi(&kt(), "ô có giá trị đúng/sai (TRUE)")),
        ),
        kt01(
            "words in a number cell",
            s("mười hai"),
            None,
            Some(loi_exact(
                &kt(),
                "ô có chữ \"mười hai\" nhưng cần một con số",
            )),
        ),
        kt01(
            "a unit word after the number",
            s("12 tỷ"),
            None,
            Some(loi(&kt(), "có chữ \"tỷ\" sau con số")),
        ),
        kt01("12,5 is twelve and a half", s("12,5"), Some("12.5"), None),
        kt01(
            "12.5 is ambiguous",
            s("12.5"),
            None,
            Some(loi(&kt(), "Nếu là số thập phân hãy ghi 12,5")),
        ),
        kt01(
            "1.250 is one thousand two hundred fifty",
            s("1.250"),
            Some("1250"),
            None,
        ),
        kt01(
            "1.234,5 reads the Vietnamese way",
            s("1.234,5"),
            Some("1234.5"),
            None,
        ),
        kt01(
            "1,234.5 is English notation",
            s("1,234.5"),
            None,
            Some(loi(&kt(), "viết theo kiểu tiếng Anh")),
        ),
        kt01(
            "1,234,567 is English notation",
            s("1,234,567"),
            None,
            Some(loi(&kt(), "hãy ghi 1.234.567")),
        ),
        kt01(
            "thousands grouped by spaces",
            s("12 993"),
            Some("12993"),
            None,
        ),
        kt01(
            "thousands grouped by no-break spaces",
            s("12\u{a0}993"),
            Some("12993"),
            None,
        ),
        kt01(
            "thousands grouped by narrow no-break spaces",
            s("12\u{202f}993"),
            Some("12993"),
            None,
        ),
        kt01("spaces around a number", s("  120  "), Some("120"), None),
        kt01(
            "no-break spaces around a number",
            s("\u{a0}120\u{a0}"),
            Some("120"),
            None,
        ),
        kt01(
            "a zero-width space after a number",
            s("120\u{200b}"),
            Some("120"),
            None,
        ),
        kt01(
            "digits split by a space that is not grouping",
            s("12 5"),
            None,
            Some(loi(&kt(), "khoảng trắng giữa các chữ số")),
        ),
        kt01(
            "a group of two digits after a dot",
            s("1.23"),
            None,
            Some(loi(&kt(), "không rõ nghĩa")),
        ),
        kt01(
            "currency word after the number",
            s("120 đồng"),
            Some("120"),
            None,
        ),
        kt01(
            "a dash means no data, never zero",
            s("-"),
            None,
            Some(canh_bao_exact(
                &kt(),
                "ô ghi \"-\": coi như chưa có số liệu",
            )),
        ),
        kt01(
            "N/A means no data",
            s("N/A"),
            None,
            Some(canh_bao_exact(
                &kt(),
                "ô ghi \"N/A\": coi như chưa có số liệu",
            )),
        ),
        kt01(
            "an ellipsis means no data",
            s("…"),
            None,
            Some(canh_bao(&kt(), "coi như chưa có số liệu")),
        ),
        kt01("an empty cell is missing, not zero", E, None, None),
        kt01(
            "a cell of spaces is missing, not zero",
            s("   "),
            None,
            None,
        ),
        kt01("a real zero stays zero", N(0.0), Some("0"), None),
        kt01("a zero typed as text stays zero", s("0"), Some("0"), None),
        kt01(
            "a yes word in a sum",
            s("x"),
            None,
            Some(loi(&kt(), "ô có chữ \"x\" nhưng cần một con số")),
        ),
        kt01(
            "a fraction in a sum",
            s("3/4"),
            None,
            Some(loi(&kt(), "ô ghi phân số \"3/4\" nhưng chỉ tiêu KT01")),
        ),
        kt01(
            "a percent-formatted number in a non-percent indicator",
            P(0.962),
            None,
            Some(loi(&kt(), "ô ghi phần trăm (96.2%) nhưng chỉ tiêu KT01")),
        ),
        kt01(
            "a percent typed in a non-percent indicator",
            s("96,2%"),
            None,
            Some(loi(&kt(), "ô ghi phần trăm (96,2%)")),
        ),
        kt01(
            "a number too large for any figure",
            s("99999999999999999999999999999999"),
            None,
            Some(loi(&kt(), "con số quá lớn")),
        ),
        kt01(
            "a stored number beyond the decimal range",
            N(1e300),
            None,
            Some(loi(&kt(), "ô có số không hợp lệ")),
        ),
        kt01(
            "a control character inside a number",
            s("12\u{1}0"),
            None,
            Some(loi(&kt(), "nhưng cần một con số")),
        ),
        kt01(
            "an apostrophe before a number",
            s("'120"),
            None,
            Some(loi(&kt(), "nhưng cần một con số")),
        ),
        kt01(
            "two numbers in one cell",
            s("120; 130"),
            None,
            Some(loi(&kt(), "nhưng cần một con số")),
        ),
        kt01(
            "a range of numbers",
            s("120-130"),
            None,
            Some(loi(&kt(), "nhưng cần một con số")),
        ),
        kt01(
            "a formula written as text",
            s("=SUM(E6:F6)"),
            None,
            Some(loi(&kt(), "nhưng cần một con số")),
        ),
        // A negative count is impossible: an error, and the value is left
        // out (it was a warning, and summed, before issue 14).
        cell_case(
            "a negative count",
            "NV01A",
            N(-3.0),
            None,
            Some(loi_exact(
                &bc("NV01A", 2022),
                "NV01A: số âm (-3) ở chỉ tiêu tính bằng \"thanh niên\"; nếu số âm là đúng, hãy ghi giới hạn ở cột \"Giới hạn\" của danh mục chỉ tiêu (ví dụ -100..1000)",
            )),
        ),
        cell_case(
            "a negative count with a Unicode minus",
            "NV01A",
            s("−3"),
            None,
            Some(loi(&bc("NV01A", 2022), "NV01A: số âm (−3) ở chỉ tiêu")),
        ),
        cell_case(
            "a percent cell stored as a fraction of one",
            "HN01",
            P(0.015),
            Some("1.5"),
            None,
        ),
        cell_case(
            "a percent typed with its sign",
            "HN01",
            s("1,5%"),
            Some("1.5"),
            None,
        ),
        cell_case(
            "a percent typed without its sign",
            "HN01",
            s("1,5"),
            Some("1.5"),
            None,
        ),
        cell_case(
            "a percent written the English way",
            "HN01",
            s("1.5%"),
            None,
            Some(loi(&bc("HN01", 2022), "Nếu là số thập phân hãy ghi 1,5")),
        ),
        cell_case(
            "a number in a ratio cell",
            "GD01",
            N(9.0),
            None,
            Some(loi(
                &bc("GD01", 2022),
                "ô có số 9 nhưng chỉ tiêu GD01 là tỷ lệ: cần ghi dạng tử/mẫu, ví dụ 26/27",
            )),
        ),
        cell_case(
            "a ratio with a zero denominator",
            "GD01",
            s("10/0"),
            None,
            Some(loi(&bc("GD01", 2022), "mẫu số bằng 0")),
        ),
        cell_case(
            "a numerator above its denominator",
            "GD01",
            s("12/10"),
            Some("120"),
            Some(canh_bao_exact(
                &bc("GD01", 2022),
                "tử số lớn hơn mẫu số (12/10): hãy kiểm tra lại",
            )),
        ),
        cell_case(
            "a ratio with two slashes",
            "GD01",
            s("9/10/11"),
            None,
            Some(loi(&bc("GD01", 2022), "có nhiều hơn một dấu \"/\"")),
        ),
        cell_case(
            "a ratio with a negative numerator",
            "GD01",
            s("-1/10"),
            None,
            Some(loi(&bc("GD01", 2022), "GD01: số âm (-1/10)")),
        ),
        cell_case(
            "a ratio written with a date format",
            "GD01",
            D(2022, 10, 9),
            None,
            Some(loi(&bc("GD01", 2022), "ô có ngày tháng (2022-10-09)")),
        ),
        cell_case(
            "a ratio with grouped numbers",
            "GD01",
            s("1.900/2.000"),
            Some("95"),
            None,
        ),
        cell_case("Có counts as met", "YT01", s("Có"), Some("1"), None),
        cell_case(
            "Không counts as not met",
            "YT01",
            s("Không"),
            Some("0"),
            None,
        ),
        cell_case("x counts as met", "YT01", s("x"), Some("1"), None),
        cell_case(
            "ĐẠT in capitals counts as met",
            "YT01",
            s("ĐẠT"),
            Some("1"),
            None,
        ),
        cell_case(
            "Đạt in decomposed Unicode (NFD) counts as met",
            "YT01",
            s("Đa\u{323}t"),
            Some("1"),
            None,
        ),
        cell_case(
            "Chưa đạt in decomposed Unicode (NFD)",
            "YT01",
            s("Chu\u{31b}a đa\u{323}t"),
            Some("0"),
            None,
        ),
        cell_case("TRUE counts as met", "YT01", B(true), Some("1"), None),
        cell_case(
            "a vague word in a yes/no cell",
            "YT01",
            s("có lẽ"),
            None,
            Some(loi(
                &bc("YT01", 2022),
                "ô có chữ \"có lẽ\" nhưng cần ghi Đạt/Chưa đạt",
            )),
        ),
        cell_case(
            "ty_le:A/B with the numerator above the denominator",
            "NV01A",
            N(30.0),
            Some("30"),
            Some(canh_bao_exact(
                &bc("NV01A", 2022),
                "chỉ tiêu NV01: tử số NV01A (30) lớn hơn mẫu số NV01B (14) năm 2022",
            )),
        ),
        Case::new("values on a computed ratio's own row are ignored", |f| {
            let rows = f.rows_mut(BUOI);
            rows.push(vec![N(7.0), s("NV01"), s("Giao quân"), E, E, E, s("13/12")]);
        })
        .expect(canh_bao_exact(
            &b("G12"),
            "chỉ tiêu NV01 được tính từ NV01A/NV01B: số liệu ghi ở dòng này bị bỏ qua",
        )),
        Case::new("a district-level figure in a ward file is ignored", |f| {
            let rows = f.rows_mut(BUOI);
            rows.push(vec![N(7.0), s("DV01"), E, E, E, E, s("99")]);
        })
        .expect(canh_bao_exact(
            &b("G12"),
            "chỉ tiêu DV01 là chỉ tiêu cấp quận: số liệu ở tệp của đơn vị bị bỏ qua",
        ))
        .district("DV01", 2022, Some("93.5")),
        Case::new("every 2022 cell of a ward unreadable", |f| {
            for code in WARD_CODES {
                f.set_value(BUOI, code, 2022, Err("#REF!"));
            }
        })
        .expect(loi(&bc("KT01", 2022), "#REF!"))
        .expect(loi(&bc("GD01", 2022), "#REF!"))
        .expect(loi(&bc("YT01", 2022), "#REF!"))
        .expect(loi(&bc("HN01", 2022), "#REF!"))
        .expect(loi(&bc("NV01A", 2022), "#REF!"))
        .expect(loi(&bc("NV01B", 2022), "#REF!"))
        .district("KT01", 2022, Some("220"))
        .district("HN01", 2022, Some("1.5"))
        .district("YT01", 2022, Some("1"))
        .unit("YT01", 2022, "BUOI", None),
    ]
}

fn csv_cells() -> Vec<Case> {
    let bode_cp1258: Vec<u8> = {
        let text = csv_text(b';', &clean_ward("bode"));
        cp1258(&text)
    };
    let utf16: Vec<u8> = {
        let text = csv_text(b'\t', &clean_ward("bode"));
        let mut v = vec![0xFF, 0xFE];
        v.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        v
    };
    let bom: Vec<u8> = {
        let mut v = b"\xEF\xBB\xBF".to_vec();
        v.extend(csv_text(b',', &clean_ward("bode")).into_bytes());
        v
    };
    vec![
        csv_case(
            "csv: 12,5 in a quoted field",
            "KT01",
            "12,5",
            Some("12.5"),
            None,
        ),
        csv_case(
            "csv: 12.5 is ambiguous",
            "KT01",
            "12.5",
            None,
            Some(loi(&d("G6"), "không rõ nghĩa")),
        ),
        csv_case("csv: 1.250", "KT01", "1.250", Some("1250"), None),
        csv_case(
            "csv: text in a number cell",
            "KT01",
            "chưa có",
            None,
            Some(loi(&d("G6"), "ô có chữ \"chưa có\"")),
        ),
        csv_case(
            "csv: a formula error copied as text",
            "KT01",
            "#DIV/0!",
            None,
            Some(loi(&d("G6"), "ô có chữ \"#DIV/0!\"")),
        ),
        csv_case(
            "csv: a date typed in a number cell",
            "KT01",
            "05/01/2022",
            None,
            Some(loi(&d("G6"), "05/01/2022")),
        ),
        csv_case(
            "csv: NBSP grouping",
            "KT01",
            "1\u{a0}250",
            Some("1250"),
            None,
        ),
        csv_case(
            "csv: a negative count",
            "NV01A",
            "-2",
            None,
            Some(loi(&d("G10"), "số âm (-2)")),
        ),
        csv_case(
            "csv: a ratio cell Excel turned into a date",
            "GD01",
            "19-Thg10",
            None,
            Some(loi(&d("G7"), "ô có chữ \"19-Thg10\"")),
        ),
        Case::new("csv in Windows-1258 is read, with a warning", |f| {
            f.put(BODE, Body::Bytes(bode_cp1258))
        })
        .expect(canh_bao("so-lieu/bo-de.csv", "tệp csv không phải UTF-8"))
        .unit("HN01", 2022, "BODE", Some("1.5")),
        Case::new("csv in UTF-16 with tabs", |f| {
            f.put(BODE, Body::Bytes(utf16))
        })
        .unit("KT01", 2022, "BODE", Some("220")),
        Case::new("csv with a byte-order mark", |f| {
            f.put(BODE, Body::Bytes(bom))
        })
        .unit("KT01", 2022, "BODE", Some("220")),
        Case::new("csv with an unclosed quote", |f| {
            let mut text = csv_text(b',', &clean_ward("bode"));
            text.push_str("7,\"KT99,unclosed\n");
            f.put(BODE, Body::Bytes(text.into_bytes()))
        })
        .unit("KT01", 2022, "BODE", Some("220")),
        Case::new("csv: an unquoted decimal comma splits the row", |f| {
            let mut text = csv_text(b',', &clean_ward("bode"));
            let line = text
                .lines()
                .find(|l| l.contains("HN01"))
                .expect("HN01 row")
                .to_string();
            text = text.replace(&line, "5,HN01,…,,2,1,8,1,5,1,2");
            f.put(BODE, Body::Bytes(text.into_bytes()))
        })
        .expect(loi(&d("J9"), "dòng 9 có nhiều ô hơn dòng tiêu đề"))
        .unit("HN01", 2022, "BODE", None)
        .unit("HN01", 2020, "BODE", None),
        Case::new(
            "csv: a note typed in a spare column past the header is ignored",
            |f| {
                let mut text = csv_text(b',', &clean_ward("bode"));
                let line = text
                    .lines()
                    .find(|l| l.contains("KT01"))
                    .expect("KT01 row")
                    .to_string();
                text = text.replace(&line, &format!("{line},,đã kiểm tra lại"));
                f.put(BODE, Body::Bytes(text.into_bytes()))
            },
        )
        .unit("KT01", 2022, "BODE", Some("220")),
        Case::new("csv with NUL bytes", |f| {
            let mut text = csv_text(b',', &clean_ward("bode")).into_bytes();
            text.extend(b"\x00\x00\x00,\x00\n");
            f.put(BODE, Body::Bytes(text))
        })
        .unit("KT01", 2022, "BODE", Some("220")),
    ]
}

fn sheets() -> Vec<Case> {
    let with_sheets = |sheets: Vec<(&str, Vec<Vec<C>>)>| {
        let sheets: Vec<(String, Vec<Vec<C>>)> = sheets
            .into_iter()
            .map(|(n, r)| (n.to_string(), r))
            .collect();
        move |f: &mut Folder| f.put(BUOI, Body::Xlsx(sheets))
    };
    let guide = vec![
        vec![s("Hướng dẫn")],
        vec![s("Ghi số liệu vào trang So lieu")],
    ];
    let mut old = clean_ward("buoi");
    old[7][6] = N(999.0);
    vec![
        Case::new(
            "the data sheet after a guide sheet",
            with_sheets(vec![
                ("Huong dan", guide.clone()),
                ("So lieu", clean_ward("buoi")),
            ]),
        )
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new(
            "two sheets with a Mã header: the first is read, the second named, a cell they disagree on refused",
            with_sheets(vec![("So lieu", clean_ward("buoi")), ("Nam truoc", old)]),
        )
        .expect(canh_bao(
            "so-lieu/buoi.xlsx!Nam truoc",
            "cũng có dòng tiêu đề có ô \"Mã\"",
        ))
        .expect(loi_exact(
            &b("G8"),
            "YT01 năm 2022: trang \"So lieu\" ô G8 ghi Đạt nhưng trang \"Nam truoc\" ô G8 ghi 999; hai trang số liệu khác nhau, không biết trang nào đúng: hãy xóa trang thừa rồi gửi lại",
        ))
        .unit("KT01", 2022, "BUOI", Some("120"))
        .unit("YT01", 2022, "BUOI", None),
        Case::new(
            "no sheet has a Mã header",
            with_sheets(vec![("Sheet1", guide.clone())]),
        )
        .expect(loi_exact(
            "so-lieu/buoi.xlsx",
            "không tìm thấy dòng tiêu đề có ô \"Mã\" (cột mã chỉ tiêu) trong trang nào",
        ))
        .unit("KT01", 2022, "BUOI", None),
        Case::new("an empty workbook", with_sheets(vec![("Sheet1", vec![])]))
            .expect(loi("so-lieu/buoi.xlsx", "không tìm thấy dòng tiêu đề"))
            .unit("KT01", 2022, "BUOI", None),
        Case::new("the header in English", |f| {
            let rows = f.rows_mut(BUOI);
            rows[4][1] = s("Code");
        })
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("the header 'MÃ SỐ' in capitals", |f| {
            let rows = f.rows_mut(BUOI);
            rows[4][1] = s("MÃ SỐ");
        })
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("no year column", |f| {
            let rows = f.rows_mut(BUOI);
            for cell in &mut rows[4][4..8] {
                *cell = s("Số liệu");
            }
        })
        .expect(loi(&b("B5"), "dòng tiêu đề không có cột năm nào"))
        .unit("KT01", 2022, "BUOI", None),
        Case::new("a year column twice", |f| {
            let rows = f.rows_mut(BUOI);
            rows[4][8] = s("2022");
        })
        .expect(loi_exact(
            &b("I5"),
            "năm 2022 có hai cột: G5 và I5; hãy giữ lại một cột",
        ))
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("a year column outside the term", |f| {
            let rows = f.rows_mut(BUOI);
            rows[4][8] = s("2019");
            rows[5].resize(9, E);
            rows[5][8] = N(90.0);
        })
        .expect(canh_bao_exact(
            &b("I5"),
            "cột năm 2019 nằm ngoài nhiệm kỳ 2020 - 2025, bị bỏ qua",
        )),
        Case::new("a plan column is not a year", |f| {
            let rows = f.rows_mut(BUOI);
            rows[4][8] = s("Kế hoạch 2023");
            rows[5].resize(9, E);
            rows[5][8] = N(999.0);
        })
        .unit("KT01", 2023, "BUOI", Some("130")),
        Case::new("a year header stored as a number", |f| {
            let rows = f.rows_mut(BUOI);
            rows[4][6] = N(2022.0);
        })
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("a year header as a date cell is not a year", |f| {
            let rows = f.rows_mut(BUOI);
            rows[4][6] = D(2022, 1, 1);
        })
        .unit("KT01", 2022, "BUOI", None),
        Case::new("the header on the first row, no unit line", |f| {
            let rows = f.rows_mut(BUOI);
            rows.drain(0..4);
        })
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("a sheet whose used range claims 1,048,576 rows", |f| {
            let rows = f.rows_mut(BUOI);
            // A formatted but empty cell at the very end of the sheet.
            rows.resize_with(1_048_576, Vec::new);
            rows[1_048_575] = vec![s(" ")];
        })
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("a stray value at XFD1048576", |f| {
            f.set(BUOI, "XFD1048576", s("x"));
        })
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("a dimension claiming A1:XFD1048576", |f| {
            let bytes = patch_buoi("xl/worksheets/sheet1.xml", |t| {
                let start = t.find("<dimension ref=\"").unwrap() + "<dimension ref=\"".len();
                let end = start + t[start..].find('"').unwrap();
                let mut t = t;
                t.replace_range(start..end, "A1:XFD1048576");
                t
            });
            f.put(BUOI, Body::Bytes(bytes));
        })
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new(
            "a sheet padded with 40 MiB of whitespace inflates within bounds",
            |f| {
                let pad = " ".repeat(40 << 20);
                let bytes = patch_buoi("xl/worksheets/sheet1.xml", |t| {
                    assert!(t.contains("<sheetData>"));
                    t.replacen("<sheetData>", &format!("<sheetData>{pad}"), 1)
                });
                assert!(declared_size(&bytes, "xl/worksheets/sheet1.xml") > 40 << 20);
                f.put(BUOI, Body::Bytes(bytes));
            },
        )
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("a merged title over the unit line", |f| {
            let rows = f.rows_mut(BUOI);
            rows[2] = vec![s("Đơn vị:"), E, s("Phường Bưởi")];
        })
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("ods ward with an error cell shown as text", |f| {
            f.remove(BUOI);
            let content = ods_sheet(&[
                &["Đơn vị: Phường Bưởi"],
                &["STT", "Mã", "Tên", "ĐVT", "2020", "2021", "2022"],
                &["1", "KT01", "Thu", "tỷ đồng", "100", "110", "#DIV/0!"],
            ]);
            f.put(
                "buoi.ods",
                Body::Bytes(super::fuzz_checks::ods_with(content.as_bytes())),
            );
        })
        .expect(loi("so-lieu/buoi.ods!So lieu!G3", "#DIV/0!"))
        .unit("KT01", 2022, "BUOI", None)
        .unit("KT01", 2021, "BUOI", Some("110")),
    ]
}

/// A minimal ODS content.xml with one sheet "So lieu" of text cells.
fn ods_sheet(rows: &[&[&str]]) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="So lieu">"#,
    );
    for r in rows {
        x.push_str("<table:table-row>");
        for c in *r {
            x.push_str(&format!(
                r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#
            ));
        }
        x.push_str("</table:table-row>");
    }
    x.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    x
}

fn codes() -> Vec<Case> {
    let set_code = |row: usize, code: &'static str| {
        move |f: &mut Folder| {
            let rows = f.rows_mut(BUOI);
            rows[row - 1][1] = s(code);
        }
    };
    vec![
        Case::new("a code twice in a ward sheet", |f| {
            let rows = f.rows_mut(BUOI);
            rows.push(vec![N(7.0), s("KT01"), E, E, E, E, N(999.0)]);
        })
        .expect(loi_exact(
            &b("B12"),
            "mã KT01 có hai dòng (6 và 12): hãy giữ lại một dòng",
        ))
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("a code with a trailing space", set_code(6, "KT01 "))
            .expect(canh_bao_exact(
                &b("B6"),
                "mã \"KT01 \" được hiểu là \"KT01\" (thừa dấu cách hoặc khác chữ hoa/thường)",
            ))
            .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new(
            "a code with a trailing no-break space",
            set_code(6, "KT01\u{a0}"),
        )
        .expect(canh_bao(&b("B6"), "được hiểu là \"KT01\""))
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("a code in lower case", set_code(6, "kt01"))
            .expect(canh_bao(&b("B6"), "mã \"kt01\" được hiểu là \"KT01\""))
            .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("an unknown code with values", set_code(6, "KT99"))
            .expect(canh_bao_exact(
                &b("B6"),
                "mã \"KT99\" không có trong danh mục chỉ tiêu, dòng này bị bỏ qua (ý bạn là \"KT01\"?)",
            ))
            .unit("KT01", 2022, "BUOI", None),
        Case::new("a code with Đ instead of D", set_code(11, "NV01Đ"))
            .expect(canh_bao(&b("B11"), "mã \"NV01Đ\" không có trong danh mục"))
            .unit("NV01B", 2022, "BUOI", None),
        Case::new("an unknown code without values is quietly skipped", |f| {
            let rows = f.rows_mut(BUOI);
            rows.push(vec![N(7.0), s("GHI_CHU")]);
        }),
        Case::new("a code stored as a number", |f| {
            let rows = f.rows_mut(BUOI);
            rows.push(vec![N(7.0), N(101.0), E, E, E, E, N(5.0)]);
        })
        .expect(canh_bao(&b("B12"), "mã \"101\" không có trong danh mục")),
        Case::new("a section heading row between indicators", |f| {
            let rows = f.rows_mut(BUOI);
            rows.insert(5, vec![s("I"), E, s("KINH TẾ")]);
        })
        .unit("KT01", 2022, "BUOI", Some("120")),
    ]
}

fn units_and_reporters() -> Vec<Case> {
    let unit_line = |line: &'static str| {
        move |f: &mut Folder| {
            let rows = f.rows_mut(BUOI);
            rows[2] = vec![s(line)];
        }
    };
    let units_csv = |rows: Vec<Vec<&str>>| {
        let mut t = vec![vec![s("Mã"), s("Tên"), s("DAN_SO")]];
        t.extend(rows.into_iter().map(|r| {
            r.into_iter()
                .map(|c| if c.is_empty() { E } else { s(c) })
                .collect()
        }));
        move |f: &mut Folder| f.put_top("don-vi.csv", Body::Csv(b',', t))
    };
    vec![
        Case::new(
            "a ward listed twice in don-vi",
            units_csv(vec![
                vec!["BUOI", "Phường Bưởi", "20000"],
                vec!["BODE", "Phường Bồ Đề", "30000"],
                vec!["BUOI2", "phường  bưởi", "1"],
            ]),
        )
        .expect(loi_exact(
            "don-vi.csv!B4",
            "đơn vị \"phường  bưởi\" có hai lần trong danh sách (đã có ở dòng 2)",
        )),
        Case::new(
            "a unit code twice in don-vi",
            units_csv(vec![
                vec!["BUOI", "Phường Bưởi", "20000"],
                vec!["BODE", "Phường Bồ Đề", "30000"],
                vec!["buoi", "Phường Yên Phụ", "1"],
            ]),
        )
        .expect(loi_exact(
            "don-vi.csv!A4",
            "mã đơn vị \"buoi\" bị trùng (đã có ở dòng 2)",
        )),
        Case::new(
            "a unit without a name",
            units_csv(vec![
                vec!["BUOI", "Phường Bưởi", "20000"],
                vec!["BODE", "Phường Bồ Đề", "30000"],
                vec!["YENPHU", "", "1"],
            ]),
        )
        .expect(loi_exact("don-vi.csv!B4", "đơn vị thiếu mã hoặc tên")),
        Case::new(
            "a weight that is not a number",
            units_csv(vec![
                vec!["BUOI", "Phường Bưởi", "hai mươi nghìn"],
                vec!["BODE", "Phường Bồ Đề", "30000"],
            ]),
        )
        .expect(canh_bao_exact(
            "don-vi.csv!C2",
            "cột \"DAN_SO\" của Phường Bưởi: \"hai mươi nghìn\" không phải là số, bị bỏ qua",
        )),
        Case::new(
            "unit names in decomposed Unicode (NFD) still match",
            units_csv(vec![
                vec!["BUOI", "Phu\u{31b}\u{300}o\u{31b}ng Bu\u{31b}o\u{31b}\u{309}i", "20000"],
                vec!["BODE", "Phường Bồ Đề", "30000"],
            ]),
        )
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("an empty unit list", units_csv(vec![]))
            .expect(loi_exact("don-vi.csv", "danh sách đơn vị trống"))
            .expect(loi(&b("A3"), "\"Phường Bưởi\" không có trong danh sách đơn vị"))
            .expect(loi(&d("A3"), "\"Phường Bồ Đề\" không có trong danh sách đơn vị")),
        Case::new("two files for one ward", |f| {
            f.put("buoi-ban-2.xlsx", Body::Xlsx(vec![("So lieu".into(), clean_ward("buoi"))]));
        })
        .expect(loi_exact(
            "so-lieu/buoi.xlsx!So lieu",
            "Phường Bưởi có nhiều hơn một tệp số liệu (cả so-lieu/buoi-ban-2.xlsx): hãy giữ lại một tệp",
        ))
        .expect(loi_exact(
            "so-lieu/buoi-ban-2.xlsx!So lieu",
            "Phường Bưởi có nhiều hơn một tệp số liệu (cả so-lieu/buoi.xlsx): hãy giữ lại một tệp",
        ))
        .unit("KT01", 2022, "BUOI", None),
        Case::new("a unit line naming nobody and an unknown file name", |f| {
            unit_line("Đơn vị: Phường Bười Mới")(f);
            f.rename(BUOI, "bao-cao.xlsx");
        })
        .expect(loi_exact(
            "so-lieu/bao-cao.xlsx!So lieu!A3",
            "\"Phường Bười Mới\" không có trong danh sách đơn vị (don-vi) (ý bạn là \"Phường Bưởi\"?)",
        ))
        .unit("KT01", 2022, "BUOI", None),
        Case::new(
            "a unit line naming nobody, the file name decides",
            unit_line("Đơn vị: UBND"),
        )
        .expect(canh_bao_exact(
            &b("A3"),
            "dòng \"Đơn vị\" ghi \"UBND\", không khớp đơn vị nào trong danh sách; dùng tên tệp: Phường Bưởi",
        ))
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("the unit line in decomposed Unicode (NFD)", unit_line(
            "Đơn vị: Phu\u{31b}\u{300}o\u{31b}ng Bu\u{31b}o\u{31b}\u{309}i",
        ))
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("the unit line in capitals without accents", unit_line("DON VI: PHUONG BUOI"))
            .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("the file name alone names the ward", |f| {
            unit_line("")(f);
            f.rename(BUOI, "PHUONG_BUOI.xlsx");
        })
        .unit("KT01", 2022, "BUOI", Some("120")),
        Case::new("a unit name in TCVN3 (.VnTime) is reported with its intended name", |f| {
            unit_line("§¬n vÞ: Ph\u{ad}êng B\u{ad}ëi")(f);
            f.rename(BUOI, "bao-cao.xlsx");
        })
        .expect(loi(
            "so-lieu/bao-cao.xlsx!So lieu!A3",
            "phông TCVN3 (ABC): có lẽ là \"Phường Bưởi\"",
        ))
        .unit("KT01", 2022, "BUOI", None),
        Case::new("a unit name in VNI is reported with its intended name", |f| {
            unit_line("Ñôn vò: Phöôøng Böôûi")(f);
            f.rename(BUOI, "bao-cao.xlsx");
        })
        .expect(loi(
            "so-lieu/bao-cao.xlsx!So lieu!A3",
            "phông VNI: có lẽ là \"Phường Bưởi\"",
        ))
        .unit("KT01", 2022, "BUOI", None),
        Case::new("the district's own workbook is not a ward of the same name", |f| {
            f.put_top(
                "don-vi.csv",
                Body::Csv(
                    b',',
                    vec![
                        vec![s("Mã"), s("Tên")],
                        vec![s("BUOI"), s("Phường Bưởi")],
                        vec![s("BODE"), s("Phường Bồ Đề")],
                        vec![s("TAYHO"), s("Phường Tây Hồ")],
                    ],
                ),
            );
        })
        .expect(canh_bao(
            "chi-tieu.csv!F4",
            "chỉ tiêu YT01: mục tiêu 2/2 có mẫu số 2 nhưng danh sách đơn vị (don-vi) có 3 đơn vị",
        ))
        .district("DV01", 2022, Some("93.5")),
        Case::new("a file that is not a spreadsheet in so-lieu", |f| {
            f.put("ghi-chu.txt", Body::Bytes(b"xin gui so lieu".to_vec()));
        })
        .expect(canh_bao_exact(
            "so-lieu/ghi-chu.txt",
            "tệp không phải bảng tính (xlsx, xlsm, xlsb, xls, ods, csv), bị bỏ qua",
        )),
        Case::new("Excel's lock file and hidden files are skipped", |f| {
            f.put("~$buoi.xlsx", Body::Bytes(b"\x0bLe Thi Thu".to_vec()));
            f.put(".DS_Store", Body::Bytes(vec![0, 0, 0, 1]));
        }),
        Case::new("no so-lieu folder", |f| f.no_so_lieu = true)
            .expect(loi_exact(
                "so-lieu",
                "không có thư mục so-lieu/ chứa tệp số liệu của các đơn vị",
            ))
            .district("KT01", 2022, None),
        Case::new("an empty so-lieu folder", |f| f.so_lieu.clear())
            .expect(canh_bao_exact("so-lieu", "Phường Bưởi chưa gửi số liệu"))
            .expect(canh_bao_exact("so-lieu", "Phường Bồ Đề chưa gửi số liệu"))
            .expect(canh_bao_exact("", "DV01: chưa có số liệu của quận Tây Hồ năm 2022"))
            .district("KT01", 2022, None)
            .district("HN01", 2022, None)
            .district("DV01", 2022, None),
        Case::new("the district's workbook missing", |f| f.remove("quan.xlsx"))
            .expect(canh_bao_exact("", "DV01: chưa có số liệu của quận Tây Hồ năm 2022"))
            .district("DV01", 2022, None),
    ]
}

fn catalogs() -> Vec<Case> {
    let no_wards = |f: &mut Folder| {
        f.so_lieu.clear();
    };
    vec![
        Case::new("an empty catalog (header only)", |f| {
            f.top_rows_mut("chi-tieu.csv").truncate(1);
            no_wards(f);
        })
        .expect(loi_exact("chi-tieu.csv", "danh mục chỉ tiêu không có chỉ tiêu nào")),
        Case::new("an empty catalog file (0 bytes)", |f| {
            f.put_top("chi-tieu.csv", Body::Bytes(Vec::new()));
        })
        .expect(loi("chi-tieu.csv", "tệp rỗng"))
        .no_review(),
        Case::new("no catalog", |f| f.remove_top("chi-tieu.csv"))
            .expect(loi_exact(
                "",
                "thiếu danh mục chỉ tiêu: cần tệp chi-tieu.xlsx hoặc chi-tieu.csv trong thư mục báo cáo",
            ))
            .no_review(),
        Case::new("a catalog that is a renamed .docx", |f| {
            f.remove_top("chi-tieu.csv");
            f.put_top(
                "chi-tieu.xlsx",
                Body::Bytes(zip_of(&[("word/document.xml", b"<w:document/>".as_slice())])),
            );
        })
        .expect(loi("chi-tieu.xlsx", "đây là tệp Word (.docx) bị đổi tên"))
        .no_review(),
        Case::new("a catalog without an aggregate column", |f| {
            for r in f.top_rows_mut("chi-tieu.csv") {
                r[4] = E;
            }
        })
        .expect(loi_exact("chi-tieu.csv!A1", "danh mục chỉ tiêu thiếu cột \"Tổng hợp\""))
        .no_review(),
        Case::new("a catalog without a Mã column", |f| {
            f.top_rows_mut("chi-tieu.csv")[0][0] = s("Số thứ tự");
        })
        .expect(loi("chi-tieu.csv", "không tìm thấy dòng tiêu đề có cột \"Mã\""))
        .no_review(),
        unknown_code_rows(
            Case::new("an unknown aggregate kind", |f| {
                catalog_cell(f, "E2", "tong_cong")
            })
            .expect(loi_exact(
                "chi-tieu.csv!E2",
                "chỉ tiêu KT01: không hiểu cách tổng hợp \"tong_cong\"",
            )),
            "KT01",
        ),
        unknown_code_rows(
            Case::new("an empty aggregate kind", |f| catalog_cell(f, "E2", ""))
                .expect(loi_exact(
                    "chi-tieu.csv!E2",
                    "chỉ tiêu KT01: thiếu cách tổng hợp (tong, ty_le, so_don_vi_dat …)",
                )),
            "KT01",
        ),
        Case::new("ty_le naming an unknown code", |f| {
            catalog_cell(f, "E7", "ty_le:NV01A/NV01X")
        })
        .expect(loi(
            "chi-tieu.csv!E7",
            "\"ty_le:NV01A/NV01X\" nhắc tới mã \"NV01X\" không có trong danh mục",
        )),
        Case::new("a weighted mean with an unknown weight", |f| {
            catalog_cell(f, "E5", "trung_binh_gia_quyen:DANSO")
        })
        .expect(loi("chi-tieu.csv!E5", "nhắc tới mã \"DANSO\"")),
        Case::new("a weighted mean by population", |f| {
            catalog_cell(f, "E5", "trung_binh_gia_quyen:DAN_SO")
        })
        // (1 × 20000 + 1,5 × 30000) / 50000
        .district("HN01", 2022, Some("1.3")),
        Case::new("a target that does not parse", |f| catalog_cell(f, "F2", "cao"))
            .expect(loi_exact(
                "chi-tieu.csv!F2",
                "chỉ tiêu KT01: không hiểu mục tiêu \"cao\" (ví dụ đúng: >= 95%, = 0, <= 2, 8/8)",
            ))
            .district("KT01", 2022, Some("340")),
        Case::new("a target written the English way", |f| {
            catalog_cell(f, "F3", ">= 95.5%")
        })
        .expect(loi("chi-tieu.csv!F3", "không hiểu mục tiêu \">= 95.5%\"")),
        Case::new("a fraction target with a zero denominator", |f| {
            catalog_cell(f, "F4", "2/0")
        })
        .expect(loi_exact(
            "chi-tieu.csv!F4",
            "chỉ tiêu YT01: mẫu số của mục tiêu phải lớn hơn 0",
        )),
        Case::new("a fraction target with an operator", |f| {
            catalog_cell(f, "F4", ">= 2/2")
        })
        .expect(loi(
            "chi-tieu.csv!F4",
            "mục tiêu dạng phân số phải viết trần",
        )),
        Case::new("an operator without a number", |f| catalog_cell(f, "F2", ">="))
            .expect(loi_exact("chi-tieu.csv!F2", "chỉ tiêu KT01: thiếu con số sau \">=\"")),
        Case::new("a reversed operator =>", |f| catalog_cell(f, "F2", "=> 200"))
            .expect(loi("chi-tieu.csv!F2", "không hiểu mục tiêu \"=> 200\"")),
        Case::new("a target with ≥ and a space before %", |f| {
            catalog_cell(f, "F3", "≥ 90 %")
        }),
        Case::new("a duplicate catalog code", |f| {
            let rows = f.top_rows_mut("chi-tieu.csv");
            let dup = rows[1].clone();
            rows.push(dup);
        })
        .expect(loi_exact(
            "chi-tieu.csv!A10",
            "mã chỉ tiêu \"KT01\" bị trùng (đã có ở dòng 2)",
        )),
        Case::new("a duplicate catalog code in another case", |f| {
            let rows = f.top_rows_mut("chi-tieu.csv");
            let mut dup = rows[1].clone();
            dup[0] = s("kt01");
            rows.push(dup);
        })
        .expect(loi("chi-tieu.csv!A10", "mã chỉ tiêu \"kt01\" bị trùng")),
        unknown_code_rows(
            Case::new("a catalog code with a space inside", |f| {
                catalog_cell(f, "A2", "KT 01")
            })
            .expect(loi(
                "chi-tieu.csv!A2",
                "mã chỉ tiêu \"KT 01\" có dấu cách hoặc ký tự không dùng được trong mẫu (dấu chấm, ngoặc vuông, dấu nháy): hãy đặt mã chỉ gồm chữ, số, \"_\" hoặc \"-\", ví dụ \"KT_01\"",
            )),
            "KT01",
        ),
        Case::new("a catalog code with a trailing space is trimmed", |f| {
            catalog_cell(f, "A2", "KT01 ")
        })
        .district("KT01", 2022, Some("340")),
        Case::new("a catalog row without a code", |f| {
            let rows = f.top_rows_mut("chi-tieu.csv");
            rows.push(vec![E, s("Chỉ tiêu mới"), E, s("hộ"), s("tong")]);
        })
        .expect(loi_exact("chi-tieu.csv!A10", "chỉ tiêu \"Chỉ tiêu mới\" không có mã")),
        Case::new("decimals that are not a number", |f| catalog_cell(f, "G2", "hai"))
            .expect(loi_exact(
                "chi-tieu.csv!G2",
                "chỉ tiêu KT01: \"Số lẻ\" phải là số nguyên từ 0 đến 6, không phải \"hai\"",
            )),
        Case::new("decimals out of range", |f| catalog_cell(f, "G2", "9"))
            .expect(loi("chi-tieu.csv!G2", "không phải \"9\"")),
        Case::new("catalog headers in decomposed Unicode (NFD)", |f| {
            let rows = f.top_rows_mut("chi-tieu.csv");
            rows[0][4] = s("To\u{302}\u{309}ng ho\u{31b}\u{323}p");
        })
        .district("KT01", 2022, Some("340")),
        Case::new("catalog headers in English", |f| {
            let rows = f.top_rows_mut("chi-tieu.csv");
            rows[0] = ["code", "name", "group", "unit", "aggregate", "target", "decimals"]
                .iter()
                .map(|h| s(h))
                .collect();
        })
        .district("KT01", 2022, Some("340")),
        Case::new("a section heading row in the catalog", |f| {
            let rows = f.top_rows_mut("chi-tieu.csv");
            rows.insert(1, vec![E, s("I. KINH TẾ")]);
        })
        .district("KT01", 2022, Some("340")),
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
    vec![
        Case::new("no soket.toml", |f| f.settings = None)
            .expect(loi_exact(
                "soket.toml",
                "thiếu tệp cài đặt soket.toml (tạo bằng lệnh: soket init THƯ_MỤC)",
            ))
            .no_review(),
        Case::new("soket.toml not in UTF-8", |f| {
            f.settings = None;
            f.top.push((
                "soket.toml".into(),
                Body::Bytes(encoding_rs::WINDOWS_1258.encode(SETTINGS).0.into_owned()),
            ));
        })
        .expect(loi_exact(
            "soket.toml",
            "tệp cài đặt không phải UTF-8: hãy lưu lại với bảng mã UTF-8",
        ))
        .no_review(),
        Case::new(
            "soket.toml with a syntax error",
            edit("nam_goc = 2020", "nam_goc = 2020,"),
        )
        .expect(loi(
            "soket.toml!dòng 14",
            "tệp cài đặt không đúng cú pháp TOML",
        ))
        .no_review(),
        Case::new("a misspelt key", edit("cap_don_vi", "cap_don_vii")).expect(canh_bao_exact(
            "soket.toml",
            "khóa \"so_lieu.cap_don_vii\" không được dùng, bị bỏ qua (ý bạn là \"cap_don_vi\"?)",
        )),
        Case::new("a misspelt required key", edit("nam_goc", "nam_gocc"))
            .expect(canh_bao_exact(
                "soket.toml",
                "khóa \"so_lieu.nam_gocc\" không được dùng, bị bỏ qua (ý bạn là \"nam_goc\"?)",
            ))
            .expect(loi_exact(
                "soket.toml",
                "thiếu so_lieu.nam_goc (năm gốc, ví dụ nam_goc = 2020): soket không tự đoán kỳ báo cáo",
            ))
            .no_review(),
        Case::new("an unknown rounding", edit("\"gan_nhat\"", "\"tron\""))
            .expect(loi_exact(
                "soket.toml",
                "so_lieu.lam_tron = \"tron\": phải là một trong \"gan_nhat\", \"cat_bo\"",
            ))
            .no_review(),
        Case::new(
            "a report year outside the term",
            edit("nam_bao_cao = 2022", "nam_bao_cao = 2027"),
        )
        .expect(loi_exact(
            "soket.toml",
            "so_lieu.nam_bao_cao = 2027 nằm ngoài nhiệm kỳ 2020 - 2025",
        ))
        .no_review(),
        Case::new("a reversed term", edit("[2020, 2025]", "[2025, 2020]"))
            .expect(loi_exact(
                "soket.toml",
                "so_lieu.nhiem_ky = [2025, 2020]: năm đầu phải nhỏ hơn năm cuối",
            ))
            .no_review(),
        Case::new("an impossible date", edit("2023-04-07", "\"2023-13-45\""))
            .expect(loi(
                "soket.toml",
                "ngay \"2023-13-45\" không phải ngày dạng 2023-04-07",
            ))
            .no_review(),
        Case::new(
            "the baseline after the report year",
            edit("nam_goc = 2020", "nam_goc = 2023"),
        )
        .expect(loi(
            "soket.toml",
            "so_lieu.nam_goc (2023) phải trước nam_bao_cao (2022)",
        ))
        .no_review(),
    ]
}

/// Cases about resource limits.
fn limits() -> Vec<Case> {
    vec![
        Case::new("a sheet with more cells than the limit", |f| {
            // 2,000,001 number cells, written straight as sheet XML.
            let mut xml = String::with_capacity(40 << 20);
            xml.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#);
            let cols = 1000;
            let rows = 2_000_001usize.div_ceil(cols);
            for r in 1..=rows {
                xml.push_str(&format!("<row r=\"{r}\">"));
                for _ in 0..cols {
                    xml.push_str("<c><v>1</v></c>");
                }
                xml.push_str("</row>");
            }
            xml.push_str("</sheetData></worksheet>");
            let bytes = xlsx_with(&[("xl/worksheets/sheet1.xml", xml.as_bytes())]);
            f.put(BUOI, Body::Bytes(bytes));
        })
        .expect(loi_exact(
            "so-lieu/buoi.xlsx!So lieu",
            "trang có quá nhiều ô có dữ liệu (trên 2000000 ô), không phải một biểu số liệu: hãy xóa phần thừa",
        ))
        .unit("KT01", 2022, "BUOI", None),
        Case::new("a zip declaring 4 GiB for one part", |f| {
            let z = declare_size(clean_buoi_bytes(), "xl/worksheets/sheet1.xml", u32::MAX);
            f.put(BUOI, Body::Bytes(z));
        })
        .expect(loi("so-lieu/buoi.xlsx", "tệp quá lớn khi giải nén"))
        .unit("KT01", 2022, "BUOI", None),
        Case::new("a very long text in a number cell", |f| {
            f.set_value(BUOI, "KT01", 2022, S("9".repeat(32_000) + "x"));
        })
        .expect(loi(&bc("KT01", 2022), "nhưng cần một con số"))
        .unit("KT01", 2022, "BUOI", None),
        Case::new("a sheet with 20,000 empty-coded rows", |f| {
            let rows = f.rows_mut(BUOI);
            for i in 0..20_000 {
                rows.push(vec![N(i as f64), E, s("…")]);
            }
        })
        .unit("KT01", 2022, "BUOI", Some("120")),
    ]
}

/// Text as Vietnamese Windows writes it in code page 1258: letters the
/// code page has (ă, â, ê, ô, ơ, ư, đ) precomposed, tones as combining marks.
fn cp1258(text: &str) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let enc = |s: &str| {
        let (b, _, bad) = encoding_rs::WINDOWS_1258.encode(s);
        (!bad).then(|| b.into_owned())
    };
    let mut out = Vec::new();
    for c in text.chars() {
        let mut buf = [0u8; 4];
        if let Some(b) = enc(c.encode_utf8(&mut buf)) {
            out.extend(b);
            continue;
        }
        // Base letter with its shape marks (circumflex, breve, horn)
        // precomposed, then the tone mark combining.
        let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let (tone, shape): (Vec<char>, Vec<char>) =
            c.to_string().nfd().partition(|m| tones.contains(m));
        let head: String = shape.into_iter().collect::<String>().nfc().collect();
        let tail: String = tone.into_iter().collect();
        out.extend(enc(&head).expect("base letter in cp1258"));
        out.extend(enc(&tail).expect("tone mark in cp1258"));
    }
    out
}
