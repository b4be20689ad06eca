//! Builds minimal .docx packages in code and reads rendered ones back.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use minijinja::{Environment, Value};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

pub const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#;

pub const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:style></w:styles>"#;

pub const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 1, 2, 3,
];

/// A template package under construction.
pub struct Pkg {
    pub body: String,
    pub header: Option<String>,
    pub footnotes: Option<String>,
    pub title: String,
}

pub fn pkg(body: &str) -> Pkg {
    Pkg {
        body: body.to_string(),
        header: None,
        footnotes: None,
        title: "Báo cáo".to_string(),
    }
}

impl Pkg {
    pub fn header(mut self, paras: &str) -> Self {
        self.header = Some(paras.to_string());
        self
    }
    pub fn footnotes(mut self, notes: &str) -> Self {
        self.footnotes = Some(notes.to_string());
        self
    }
    pub fn title(mut self, t: &str) -> Self {
        self.title = t.to_string();
        self
    }
    pub fn build(&self) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let deflate = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        let mut put = |name: &str, data: &[u8], opts: SimpleFileOptions| {
            w.start_file(name, opts).unwrap();
            w.write_all(data).unwrap();
        };
        put("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#, deflate);
        put("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#, deflate);
        let doc = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document {NS}><w:body>{}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\"/></w:sectPr></w:body></w:document>",
            self.body
        );
        put("word/document.xml", doc.as_bytes(), deflate);
        put("word/_rels/document.xml.rels", br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#, deflate);
        put("word/styles.xml", STYLES.as_bytes(), deflate);
        let header = self.header.clone().unwrap_or_else(|| p("Quận Tây Hồ"));
        put("word/header1.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:hdr {NS}>{header}</w:hdr>").as_bytes(), deflate);
        if let Some(notes) = &self.footnotes {
            put("word/footnotes.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:footnotes {NS}>{notes}</w:footnotes>").as_bytes(), deflate);
        }
        put("word/media/image1.png", PNG, stored);
        let core = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:subject>Sơ kết</dc:subject><dc:creator>UBND</dc:creator></cp:coreProperties>",
            self.title
        );
        put("docProps/core.xml", core.as_bytes(), deflate);
        w.finish().unwrap().into_inner()
    }
}

/// A plain paragraph with one run.
pub fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A table cell holding one plain paragraph.
pub fn tc(text: &str) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>",
        p(text)
    )
}

pub fn tr(cells: &[&str]) -> String {
    let cells: String = cells.iter().map(|c| tc(c)).collect();
    format!("<w:tr>{cells}</w:tr>")
}

/// A table with `cols` grid columns of 3000 twips.
pub fn table(cols: usize, rows: &[String]) -> String {
    let grid: String = (0..cols).map(|_| "<w:gridCol w:w=\"3000\"/>").collect();
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

pub fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut a = ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..a.len() {
        let mut f = a.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.insert(f.name().unwrap().to_string(), data);
    }
    out
}

pub fn part(bytes: &[u8], name: &str) -> String {
    String::from_utf8(unzip(bytes).remove(name).unwrap()).unwrap()
}

pub fn document(bytes: &[u8]) -> String {
    part(bytes, "word/document.xml")
}

/// The text of each paragraph; `<w:br/>` shows as `\n`, `<w:tab/>` as `\t`.
pub fn paragraphs(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        let gt = rest[lt..].find('>').unwrap() + lt;
        let tag = &rest[lt + 1..gt];
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap();
        let closing = tag.starts_with('/');
        match name {
            "w:p" if !closing && !tag.ends_with('/') => cur = Some(String::new()),
            "w:p" if closing => out.extend(cur.take()),
            "w:p" => out.push(String::new()),
            "w:br" => cur.as_mut().unwrap().push('\n'),
            "w:tab" => cur.as_mut().unwrap().push('\t'),
            "w:t" if !closing && !tag.ends_with('/') => {
                let end = rest[gt..].find("</w:t>").unwrap() + gt;
                let text = &rest[gt + 1..end];
                cur.as_mut().unwrap().push_str(&unescape(text));
                rest = &rest[end..];
                continue;
            }
            _ => {}
        }
        rest = &rest[gt + 1..];
    }
    out
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// An environment with one test filter, as the caller's would have.
pub fn env() -> Environment<'static> {
    let mut env = Environment::new();
    env.add_filter("so", |v: Value| -> String {
        let n = v.as_i64().unwrap_or(0);
        let s = n.abs().to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        if n < 0 { format!("-{out}") } else { out }
    });
    env
}

/// The context shape of PRODUCT.md, cut down.
pub fn ctx() -> Value {
    Value::from(minijinja::value::Serde(serde_json::json!({
        "bao_cao": {"tieu_de": "Báo cáo sơ kết", "ngay_text": "ngày 15 tháng 6 năm 2023"},
        "so_lieu": {"ten_don_vi": "Quận Tây Hồ"},
        "ct": {
            "GD01": {"ma": "GD01", "ten": "Tỷ lệ trường đạt chuẩn", "ty_le": "96,2%", "gia_tri": 96.2, "phan_so": "26/27", "danh_gia": "dat"},
            "KT01": {"ma": "KT01", "ten": "Tổng thu ngân sách", "gia_tri": 1234567, "gia_tri_text": "1.234.567", "danh_gia": "vuot"}
        },
        "nhom": {"Văn hóa - Xã hội": [
            {"ma": "GD01", "ten": "Tỷ lệ trường đạt chuẩn", "ty_le": "96,2%"},
            {"ma": "VH01", "ten": "Gia đình văn hóa", "ty_le": "91,0%"},
            {"ma": "YT01", "ten": "Trạm y tế đạt chuẩn", "ty_le": "100,0%"}
        ]},
        "don_vi": [{"ma": "BUOI", "ten": "Phường Bưởi"}, {"ma": "NHAT_TAN", "ten": "Phường Nhật Tân"}],
        "ghi_chu": "A & B <C> \"D\"",
        "nhieu_dong": "dòng 1\ndòng 2",
        "trong": null
    })))
}

pub fn render(pkg: &Pkg) -> Vec<u8> {
    match soket::render::docx::render_docx(&pkg.build(), "mau/bao-cao.docx", &env(), &ctx()) {
        Ok(b) => b,
        Err(es) => panic!("render failed: {es:#?}"),
    }
}

pub fn render_err(pkg: &Pkg) -> Vec<soket::render::docx::TemplateError> {
    match soket::render::docx::render_docx(&pkg.build(), "mau/bao-cao.docx", &env(), &ctx()) {
        Ok(_) => panic!("render should fail"),
        Err(es) => es,
    }
}
