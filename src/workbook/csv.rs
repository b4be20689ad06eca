//! csv files: UTF-8 (with or without BOM), UTF-16 ("Unicode text" from
//! Excel), or the PC's codepage, which for Vietnamese Windows is 1258.
//!
//! The separator is whatever the clerk's Excel used: `,` in English
//! settings, `;` where the decimal mark is a comma (Vietnamese settings),
//! tab for "Unicode text". It is detected from the first lines.

// `Problem` is the crate-wide error value and the contract of `grid::open`.
#![allow(clippy::result_large_err)]

use super::grid::{Raw, Sheet, SheetBuilder};
use crate::check::{Kind, Problem};

pub(crate) fn read(bytes: &[u8], rel: &str) -> Result<(Vec<Sheet>, Vec<Problem>), Problem> {
    let mut warnings = Vec::new();
    let text: String = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else if bytes.starts_with(b"\xFF\xFE") {
        encoding_rs::UTF_16LE.decode(bytes).0.into_owned()
    } else if bytes.starts_with(b"\xFE\xFF") {
        encoding_rs::UTF_16BE.decode(bytes).0.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                warnings.push(Problem::warning(Kind::CsvNotUtf8).file(rel));
                encoding_rs::WINDOWS_1258
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned()
            }
        }
    };
    // Windows-1258 writes tones as combining marks; soket stores NFC.
    let text = crate::vn::text::nfc(&text);
    let sep = detect_separator(&text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut builder = SheetBuilder::new(rel, None);
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Problem::error(Kind::CsvMalformed {
                line: r + 1,
                error: e.to_string(),
            })
            .file(rel)
        })?;
        for (c, field) in record.iter().enumerate() {
            if !field.trim().is_empty() {
                builder.push(r as u32, c as u32, Raw::Text(field.to_string()))?;
            }
        }
    }
    Ok((vec![builder.finish()], warnings))
}

/// The candidate that appears on the most of the first lines, then the most
/// often; `,` on a tie. Excel pads every line with separators, while a
/// decimal comma shows up only on some value lines.
pub(crate) fn detect_separator(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for sep in [b',', b';', b'\t'] {
        let lines_with = lines.iter().filter(|l| l.as_bytes().contains(&sep)).count();
        let total: usize = lines
            .iter()
            .map(|l| l.bytes().filter(|b| *b == sep).count())
            .sum();
        if (lines_with, total) > (best.1, best.2) {
            best = (sep, lines_with, total);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_separators() {
        assert_eq!(detect_separator("Mã,2020,2021\nGD01,1,2\n"), b',');
        assert_eq!(
            detect_separator("Đơn vị: Bưởi;;\nMã;2020;2021\nGD01;96,2;1.234,5\n"),
            b';'
        );
        assert_eq!(detect_separator("Mã\t2020\nGD01\t96,2\n"), b'\t');
    }
}
