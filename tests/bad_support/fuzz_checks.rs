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
/// is written under every extension and opened with `read::grid::open`:
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
        match soket::read::grid::open(&path, &format!("so-lieu/fuzz.{ext}")) {
            Ok(sheets) => {
                for s in &sheets {
                    assert!(s.rows.iter().map(Vec::len).sum::<usize>() <= 16_384 * 1_048_576);
                }
            }
            Err(p) => {
                assert!(p.is_error(), "{p:?}");
                assert!(!p.thong_diep.is_empty() && !p.message_en.is_empty());
                assert_eq!(
                    p.tep.as_deref(),
                    Some(format!("so-lieu/fuzz.{ext}").as_str())
                );
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
