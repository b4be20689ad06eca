//! The properties the fuzz targets check, in one place: `fuzz/` includes
//! this file with `#[path]`, and `tests/bad_inputs.rs` replays every saved
//! crash input (`tests/bad/crashes/<target>/…`) through the same functions,
//! so a fixed crash stays fixed.
#![allow(dead_code)]

use rust_decimal::Decimal;
use soket::review::Target;
use soket::vn::number::{CellText, Rounding, parse_cell_text, parse_plain_number, so};
use std::io::Write;
use std::path::Path;

/// `vn_number`: parsing never panics; every number that parses prints back
/// (the Vietnamese way, all its decimals) to text that reads as the same
/// value.
pub fn vn_number(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(v) = parse_plain_number(s) {
        round_trip(s, v);
    }
    match parse_cell_text(s) {
        Ok(Some(CellText::Number { value, .. })) => round_trip(s, value),
        Ok(Some(CellText::Fraction { tu, mau })) => {
            round_trip(s, tu);
            round_trip(s, mau);
        }
        _ => {}
    }
}

fn round_trip(input: &str, v: Decimal) {
    let n = v.normalize();
    let text = so(n, n.scale(), Rounding::HalfAwayFromZero);
    let back = parse_plain_number(&text)
        .unwrap_or_else(|| panic!("{input:?} → {v} printed as {text:?} does not parse back"));
    assert_eq!(
        back, v,
        "{input:?} → {v} printed as {text:?} reads back as {back}"
    );
}

/// `target`: `Target::parse` never panics, and a parsed target prints
/// (`Display`) to text that parses to the same target.
pub fn target(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(t) = Target::parse(s) {
        let shown = t.to_string().replace('.', ",");
        let back = Target::parse(&shown)
            .unwrap_or_else(|e| panic!("{s:?} → {t:?} shown as {shown:?} does not parse: {e}"));
        assert_eq!(back, t, "{s:?} shown as {shown:?}");
    }
}

/// Extensions a ward file may have; the reader sniffs the content, the
/// extension only decides csv and the wording of messages.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv"];

/// `workbook`: the first byte chooses what the rest is —
/// 0: a whole file; 1/2/3/4: the sheet, styles, shared strings or workbook
/// part of an otherwise valid xlsx; 5: the content.xml of an ods. The file
/// is written under every extension and opened with `workbook::grid::open`:
/// it must give sheets or one problem, never panic.
pub fn workbook(dir: &Path, data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = match mode % 6 {
        0 => rest.to_vec(),
        1 => xlsx_with(&[("xl/worksheets/sheet1.xml", rest)]),
        2 => xlsx_with(&[("xl/styles.xml", rest)]),
        3 => xlsx_with(&[("xl/sharedStrings.xml", rest)]),
        4 => xlsx_with(&[("xl/workbook.xml", rest)]),
        _ => ods_with(rest),
    };
    for ext in EXTENSIONS {
        let path = dir.join(format!("fuzz.{ext}"));
        std::fs::write(&path, &bytes).unwrap();
        match soket::workbook::grid::open(&path, &format!("so-lieu/fuzz.{ext}")) {
            Ok(sheets) => {
                for s in &sheets {
                    assert!(s.rows.iter().map(Vec::len).sum::<usize>() <= 16_384 * 1_048_576);
                }
            }
            Err(p) => {
                assert!(p.is_error(), "{p:?}");
                assert!(!p.thong_diep().is_empty() && !p.message_en().is_empty());
                assert_eq!(p.tep(), Some(format!("so-lieu/fuzz.{ext}").as_str()));
            }
        }
    }
}

pub const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
pub const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
pub const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="So lieu" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
pub const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
pub const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
pub const SHARED: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>Mã</t></si><si><t>GD01</t></si><si><t>Đơn vị: Phường Bưởi</t></si></sst>"#;
pub const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><sheetData><row r="1"><c r="A1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>2020</v></c><c r="C2" t="inlineStr"><is><t>Năm 2021</t></is></c></row><row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>0.962</v></c><c r="C3" t="e"><v>#DIV/0!</v></c></row></sheetData></worksheet>"#;

/// A valid one-sheet xlsx with some parts replaced.
pub fn xlsx_with(replace: &[(&str, &[u8])]) -> Vec<u8> {
    let parts: [(&str, &[u8]); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/styles.xml", STYLES.as_bytes()),
        ("xl/sharedStrings.xml", SHARED.as_bytes()),
        ("xl/worksheets/sheet1.xml", SHEET.as_bytes()),
    ];
    let parts: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| {
            let b = replace
                .iter()
                .find(|(r, _)| r == n)
                .map_or(*b, |(_, nb)| *nb);
            (*n, b)
        })
        .collect();
    zip_of(&parts)
}

pub const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// An ods with the given content.xml.
pub fn ods_with(content: &[u8]) -> Vec<u8> {
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("META-INF/manifest.xml", ODS_MANIFEST.as_bytes()),
        ("content.xml", content),
    ])
}

/// A zip of the given parts, deflated (`mimetype` stored, as ODF asks).
pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

pub const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

/// A .docx whose `word/document.xml` body is `body`.
pub fn docx_with_body(body: &str) -> (String, Vec<u8>) {
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document {W_NS}><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let bytes = zip_of(&[
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#
                .as_slice(),
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
                .as_slice(),
        ),
        ("word/document.xml", doc.as_bytes()),
    ]);
    (doc, bytes)
}

/// A small template context with text that needs escaping.
pub fn template_context() -> minijinja::Value {
    let kt01 = serde_json::json!({
        "ma": "KT01", "ten": "Thu <ngân> & \"sách\"", "nhom": "Kinh tế", "dvt": "tỷ đồng",
        "gia_tri": 340, "gia_tri_text": "340", "hien_thi": "340 tỷ đồng",
        "ty_le": null, "danh_gia": "vuot", "danh_gia_text": "Vượt",
        "nam": {"2020": {"gia_tri": 300, "hien_thi": "300 tỷ đồng", "uoc": false}},
        "don_vi": {"BUOI": {"ten": "Phường Bưởi", "gia_tri": 120, "hien_thi": "=1+1", "nguon": "so-lieu/buoi.xlsx!So lieu!G6"}}
    });
    let ctx = serde_json::json!({
        "bao_cao": {"co_quan": "QUẬN ỦY TÂY HỒ", "ngay_text": "ngày 07 tháng 4 năm 2023", "noi_nhan": ["Lưu VPQU", "<b>&amp;</b>"]},
        "so_lieu": {"ten_don_vi": "quận Tây Hồ", "nam_bao_cao": 2022},
        "ct": {"KT01": kt01.clone()},
        "nhom": {"Kinh tế": [kt01]},
        "don_vi": [{"ma": "BUOI", "ten": "Phường Bưởi"}, {"ma": "BODE", "ten": "Phường Bồ Đề\u{1}"}],
        "tong_ket": {"tong": 1, "text": "1/1 chỉ tiêu đạt và dự kiến đạt"},
        "van_de": []
    });
    minijinja::Value::from(minijinja::value::Serde(ctx))
}

/// True when `xml` is UTF-8 without the control characters XML forbids,
/// and parses start to end with matching tags and only the predefined
/// entities.
pub fn well_formed(xml: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(xml) else {
        return false;
    };
    if text.chars().any(|c| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    }) {
        return false;
    }
    let mut r = quick_xml::Reader::from_reader(xml);
    r.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut depth: i64 = 0;
    let mut roots = 0;
    loop {
        match r.read_event_into(&mut buf) {
            Err(_) => return false,
            Ok(quick_xml::events::Event::Eof) => return depth == 0 && roots == 1,
            Ok(quick_xml::events::Event::Start(_)) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1
            }
            Ok(quick_xml::events::Event::Empty(_)) if depth == 0 => roots += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::GeneralRef(g)) => {
                let name = g.into_inner().into_owned();
                let ok = matches!(name.as_str(), "amp" | "lt" | "gt" | "quot" | "apos")
                    || name
                        .strip_prefix("#x")
                        .is_some_and(|h| u32::from_str_radix(h, 16).is_ok())
                    || name
                        .strip_prefix('#')
                        .is_some_and(|d| d.parse::<u32>().is_ok());
                if !ok {
                    return false;
                }
            }
            Ok(quick_xml::events::Event::Text(_)) if depth == 0 => {}
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// One part of a zip, if present.
pub fn zip_part(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut f = z.by_name(name).ok()?;
    let mut v = Vec::new();
    f.read_to_end(&mut v).ok()?;
    Some(v)
}

/// `docx_template`: a document body (Word XML with Jinja tags) is rendered
/// into a .docx or refused with located errors, never a panic; when the
/// template itself is well-formed XML, so is the rendered document.
pub fn docx_template(data: &[u8]) {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let (doc, template) = docx_with_body(body);
    let env = soket::render::env::environment(Rounding::HalfAwayFromZero);
    let ctx = template_context();
    match soket::render::docx::render_docx(&template, "mau/fuzz.docx", &env, &ctx) {
        Ok(out) => {
            if well_formed(doc.as_bytes()) {
                let xml = zip_part(&out, "word/document.xml").expect("rendered document part");
                assert!(
                    well_formed(&xml),
                    "well-formed template rendered to malformed XML:\n{}",
                    String::from_utf8_lossy(&xml)
                );
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                assert!(
                    !e.message_vi.is_empty() && !e.message_en.is_empty(),
                    "{e:?}"
                );
                assert_eq!(e.template, "mau/fuzz.docx");
            }
        }
    }
}

/// The clean package the `package` target mutates: a valid xlsx with two
/// sheets' worth of parts, some stored and some deflated.
pub fn package_seed() -> Vec<u8> {
    xlsx_with(&[])
}

/// `ooxml::read::verify` on any bytes: a problem or success, never a panic;
/// and when it accepts, every part it read holds the content of a part of
/// the seed (nothing altered is accepted). The first byte picks a mutation
/// of the seed (data: offset, value) so the fuzzer reaches the CRC, the
/// names and the central directory of a real package; 0xFF takes the rest
/// as a whole file.
pub fn package(data: &[u8]) {
    let seed = package_seed();
    let bytes = match data.split_first() {
        None => return,
        Some((0xFF, rest)) => rest.to_vec(),
        Some((mode, rest)) => {
            let mut b = seed.clone();
            for chunk in rest.chunks(3) {
                if chunk.len() < 3 || b.is_empty() {
                    break;
                }
                let at = u16::from_le_bytes([chunk[0], chunk[1]]) as usize % b.len();
                match mode % 4 {
                    // Overwrite a byte.
                    0 => b[at] = chunk[2],
                    // Flip a bit.
                    1 => b[at] ^= 1 << (chunk[2] % 8),
                    // Truncate (the central directory goes first).
                    2 => b.truncate(at),
                    // Copy a byte over another (names duplicated, sizes swapped).
                    _ => b[at] = b[chunk[2] as usize % b.len()],
                }
            }
            b
        }
    };
    let originals: Vec<Vec<u8>> = {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&seed[..])).unwrap();
        (0..z.len())
            .map(|i| {
                let mut v = Vec::new();
                std::io::Read::read_to_end(&mut z.by_index(i).unwrap(), &mut v).unwrap();
                v
            })
            .collect()
    };
    if let Ok(parts) = soket::ooxml::read::parts(&bytes, "x.xlsx") {
        for (name, content) in parts {
            assert!(
                content.is_empty() || originals.contains(&content),
                "part {name} accepted with altered content"
            );
        }
    }
}
