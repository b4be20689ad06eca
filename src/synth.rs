//! Synthetic review folders for benchmarks and scale tests: a city of N
//! districts × M wards × K indicators × Y years, written in realistic
//! formats (mostly xlsx, some csv and ods, title rows, Vietnamese text
//! numbers, a few missing cells).
//!
//! Deterministic: the same spec writes the same bytes.

pub mod periodic;
pub mod yearly;

use rust_xlsxwriter::{Format, Workbook};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    pub districts: usize,
    pub wards: usize,
    pub indicators: usize,
    /// Years from 2020 on; the last one is written as `Ước`.
    pub years: usize,
    pub seed: u64,
    /// Wards in all, spread as evenly as possible over the districts
    /// (3,321 communes over 34 provinces); `None`: `wards` in each.
    pub total_wards: Option<usize>,
}

impl Spec {
    /// Wards of district `d`.
    pub fn wards_in(&self, d: usize) -> usize {
        match self.total_wards {
            Some(total) => {
                let n = self.districts.max(1);
                total / n + usize::from(d < total % n)
            }
            None => self.wards,
        }
    }
}

/// A small deterministic generator (SplitMix64): no dependency, same
/// sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Kinds cycled through the catalog: (aggregate, unit, target).
const KINDS: &[(&str, &str, &str)] = &[
    ("tong", "tỷ đồng", ">= 1.000"),
    ("tong", "hộ", "= 0"),
    ("ty_le", "trường", ">= 90%"),
    ("so_don_vi_dat", "phường", "8/8"),
    ("trung_binh", "%", ">= 95%"),
    ("tong", "người", ""),
    ("lon_nhat", "%", ""),
    ("tong", "lao động", ">= 500"),
];

fn year_header(i: usize, spec: &Spec) -> String {
    let y = 2020 + i;
    if i + 1 == spec.years {
        format!("Ước {y}")
    } else if i % 2 == 1 {
        format!("Năm {y}")
    } else {
        y.to_string()
    }
}

/// Vietnamese text for a number: "12.993" or "1.234,5".
fn vn_text(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        grouped
    } else {
        format!("{grouped},{frac}")
    }
}

/// One cell of a ward sheet: the value as typed (number or text).
enum Cell {
    Num(f64),
    Text(String),
    Missing,
}

fn ward_cell(rng: &mut Rng, kind: usize, year: usize) -> Cell {
    if rng.below(200) == 0 {
        return Cell::Missing;
    }
    let grow = 1.0 + year as f64 * 0.05;
    match KINDS[kind].0 {
        "ty_le" => {
            let mau = 3 + rng.below(4);
            let tu = mau - rng.below(2);
            Cell::Text(format!("{tu}/{mau}"))
        }
        "so_don_vi_dat" => Cell::Text(
            if rng.below(10) == 0 {
                "Chưa đạt"
            } else {
                "Đạt"
            }
            .into(),
        ),
        _ if KINDS[kind].1 == "%" => Cell::Num(90.0 + (rng.below(1000) as f64) / 100.0),
        _ if KINDS[kind].2 == "= 0" => Cell::Num(0.0),
        _ => {
            let v = ((100 + rng.below(5000)) as f64 * grow).round();
            if rng.below(4) == 0 {
                Cell::Text(vn_text(v, 0))
            } else {
                Cell::Num(v)
            }
        }
    }
}

/// Write one district folder; returns its path.
pub fn write_district(root: &Path, index: usize, spec: &Spec) -> std::io::Result<PathBuf> {
    let dir = root.join(format!("quan-{:02}", index + 1));
    std::fs::create_dir_all(dir.join("so-lieu"))?;
    let district = format!("Quận Số {}", index + 1);
    std::fs::write(
        dir.join("soket.toml"),
        format!(
            "[bao_cao]\nco_quan_cap_tren = \"ĐẢNG BỘ THÀNH PHỐ\"\nco_quan = \"QUẬN ỦY {up}\"\nthe_thuc = \"dang\"\n\
             so_ky_hieu = \"{n}-BC/QU\"\ndia_danh = \"{district}\"\nngay = 2023-04-07\n\
             tieu_de = \"Sơ kết giữa nhiệm kỳ\"\nquyen_han_ky = \"T/M BAN THƯỜNG VỤ\"\nchuc_vu_ky = \"BÍ THƯ\"\n\
             nguoi_ky = \"Nguyễn Văn A\"\nnoi_nhan = [\"Thường trực Thành ủy\", \"Lưu VPQU\"]\n\n\
             [so_lieu]\nten_don_vi = \"{lower}\"\ncap_don_vi = \"phường\"\nnhiem_ky = [2020, 2025]\n\
             nam_goc = 2020\nnam_bao_cao = {nbc}\nlam_tron = \"gan_nhat\"\n",
            up = district.to_uppercase(),
            n = 40 + index,
            lower = district.to_lowercase(),
            nbc = 2020 + spec.years.saturating_sub(2).clamp(1, 5),
        ),
    )?;
    let mut catalog = String::from("Mã,Tên chỉ tiêu,Nhóm,Đơn vị tính,Tổng hợp,Mục tiêu,Số lẻ\n");
    let groups = [
        "Kinh tế",
        "Văn hóa - Xã hội",
        "Xây dựng Đảng",
        "Quốc phòng - An ninh",
    ];
    for k in 0..spec.indicators {
        let (aggr, dvt, target) = KINDS[k % KINDS.len()];
        // Every district needs the same catalog for a roll-up: with
        // unequal ward counts a unit count's target is a percentage.
        let target = if aggr == "so_don_vi_dat" && spec.total_wards.is_some() {
            ">= 90%".to_string()
        } else if aggr == "so_don_vi_dat" {
            format!("{0}/{0}", spec.wards)
        } else {
            target.to_string()
        };
        catalog.push_str(&format!(
            "CT{:03},Chỉ tiêu số {},{},{},{},\"{}\",\n",
            k + 1,
            k + 1,
            groups[k * groups.len() / spec.indicators.max(1)],
            dvt,
            aggr,
            target
        ));
    }
    std::fs::write(dir.join("chi-tieu.csv"), catalog)?;
    let mut units = String::from("Mã,Tên,DAN_SO\n");
    let wards = spec.wards_in(index);
    for w in 0..wards {
        units.push_str(&format!(
            "P{:02},Phường Số {},{}\n",
            w + 1,
            w + 1,
            10_000 + w * 731
        ));
    }
    std::fs::write(dir.join("don-vi.csv"), units)?;

    let mut rng = Rng(spec.seed ^ (index as u64).wrapping_mul(0x1000_0001));
    for w in 0..wards {
        let name = format!("Phường Số {}", w + 1);
        let rows: Vec<(String, Vec<Cell>)> = (0..spec.indicators)
            .map(|k| {
                let cells = (0..spec.years)
                    .map(|y| ward_cell(&mut rng, k % KINDS.len(), y))
                    .collect();
                (format!("CT{:03}", k + 1), cells)
            })
            .collect();
        match w % 10 {
            8 => write_csv(
                &dir.join(format!("so-lieu/phuong so {}.csv", w + 1)),
                spec,
                &rows,
            )?,
            9 => write_ods(
                &dir.join(format!("so-lieu/phuong-so-{}.ods", w + 1)),
                &name,
                spec,
                &rows,
            )?,
            _ => write_xlsx(
                &dir.join(format!("so-lieu/phuong-so-{}.xlsx", w + 1)),
                &name,
                spec,
                &rows,
            )?,
        }
    }
    Ok(dir)
}

/// Write a whole city: `districts` review folders under `root`.
pub fn write_city(root: &Path, spec: &Spec) -> std::io::Result<Vec<PathBuf>> {
    (0..spec.districts)
        .map(|d| write_district(root, d, spec))
        .collect()
}

fn write_xlsx(
    path: &Path,
    name: &str,
    spec: &Spec,
    rows: &[(String, Vec<Cell>)],
) -> std::io::Result<()> {
    let io = |e: rust_xlsxwriter::XlsxError| std::io::Error::other(e.to_string());
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("So lieu").map_err(io)?;
    ws.merge_range(
        0,
        0,
        0,
        5,
        &format!("ỦY BAN NHÂN DÂN {}", name.to_uppercase()),
        &bold,
    )
    .map_err(io)?;
    ws.write_string(2, 0, format!("Đơn vị: {name}"))
        .map_err(io)?;
    let header_row = 4u32;
    for (c, h) in ["STT", "Mã", "Tên chỉ tiêu"].iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, *h, &bold)
            .map_err(io)?;
    }
    for y in 0..spec.years {
        ws.write_string_with_format(header_row, 3 + y as u16, year_header(y, spec), &bold)
            .map_err(io)?;
    }
    for (i, (code, cells)) in rows.iter().enumerate() {
        let r = header_row + 1 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).map_err(io)?;
        ws.write_string(r, 1, code).map_err(io)?;
        ws.write_string(r, 2, format!("Chỉ tiêu {}", i + 1))
            .map_err(io)?;
        for (y, cell) in cells.iter().enumerate() {
            let c = 3 + y as u16;
            match cell {
                Cell::Num(v) => {
                    ws.write_number(r, c, *v).map_err(io)?;
                }
                Cell::Text(t) => {
                    ws.write_string(r, c, t).map_err(io)?;
                }
                Cell::Missing => {}
            }
        }
    }
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new().set_creation_datetime(
            &rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 1, 1).map_err(io)?,
        ),
    );
    let bytes = wb.save_to_buffer().map_err(io)?;
    std::fs::write(path, bytes)
}

fn write_csv(path: &Path, spec: &Spec, rows: &[(String, Vec<Cell>)]) -> std::io::Result<()> {
    let mut out = Vec::new();
    out.extend_from_slice("\u{feff}".as_bytes());
    let mut header = vec!["STT".to_string(), "Mã".into(), "Tên chỉ tiêu".into()];
    header.extend((0..spec.years).map(|y| year_header(y, spec)));
    writeln!(out, "{}", header.join(";"))?;
    for (i, (code, cells)) in rows.iter().enumerate() {
        let vals: Vec<String> = cells
            .iter()
            .map(|c| match c {
                Cell::Num(v) => vn_text(*v, if v.fract() == 0.0 { 0 } else { 2 }),
                Cell::Text(t) => t.clone(),
                Cell::Missing => String::new(),
            })
            .collect();
        writeln!(
            out,
            "{};{};Chỉ tiêu {};{}",
            i + 1,
            code,
            i + 1,
            vals.join(";")
        )?;
    }
    std::fs::write(path, out)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A minimal OpenDocument spreadsheet (what LibreOffice reads and calamine
/// parses): mimetype stored first, a manifest, one table in content.xml.
fn write_ods(
    path: &Path,
    name: &str,
    spec: &Spec,
    rows: &[(String, Vec<Cell>)],
) -> std::io::Result<()> {
    let text_cell = |t: &str| {
        format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
            xml_escape(t)
        )
    };
    let num_cell = |v: f64| {
        format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>"
        )
    };
    let mut table = String::new();
    table.push_str(&format!(
        "<table:table-row>{}</table:table-row>",
        text_cell(&format!("Đơn vị: {name}"))
    ));
    table.push_str("<table:table-row><table:table-cell/></table:table-row>");
    let mut header = vec![text_cell("STT"), text_cell("Mã"), text_cell("Tên chỉ tiêu")];
    header.extend((0..spec.years).map(|y| text_cell(&year_header(y, spec))));
    table.push_str(&format!(
        "<table:table-row>{}</table:table-row>",
        header.concat()
    ));
    for (i, (code, cells)) in rows.iter().enumerate() {
        let mut row = vec![
            num_cell((i + 1) as f64),
            text_cell(code),
            text_cell(&format!("Chỉ tiêu {}", i + 1)),
        ];
        for c in cells {
            row.push(match c {
                Cell::Num(v) => num_cell(*v),
                Cell::Text(t) => text_cell(t),
                Cell::Missing => "<table:table-cell/>".into(),
            });
        }
        table.push_str(&format!(
            "<table:table-row>{}</table:table-row>",
            row.concat()
        ));
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"So lieu\">{table}</table:table>\
         </office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest \
         xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
         <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
         <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
         </manifest:manifest>";
    let file = std::fs::File::create(path)?;
    let mut zip = zip::ZipWriter::new(file);
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated);
    let io = |e: zip::result::ZipError| std::io::Error::other(e.to_string());
    zip.start_file("mimetype", stored).map_err(io)?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    zip.start_file("META-INF/manifest.xml", deflated)
        .map_err(io)?;
    zip.write_all(manifest.as_bytes())?;
    zip.start_file("content.xml", deflated).map_err(io)?;
    zip.write_all(content.as_bytes())?;
    zip.finish().map_err(io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Spec;

    #[test]
    fn a_total_of_communes_is_spread_evenly() {
        let spec = Spec {
            districts: 34,
            wards: 0,
            indicators: 1,
            years: 1,
            seed: 1,
            total_wards: Some(3321),
        };
        let counts: Vec<usize> = (0..34).map(|d| spec.wards_in(d)).collect();
        assert_eq!(counts.iter().sum::<usize>(), 3321);
        assert_eq!((counts[0], counts[33]), (98, 97));
    }
}
