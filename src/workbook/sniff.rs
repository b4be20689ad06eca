//! What a file really is, whatever its extension says.
//!
//! Clerks rename files ("bao cao.docx" → "bao cao.xlsx"), save web pages as
//! ".xls", and send password-protected workbooks. Sniffing the first bytes
//! (and, for zip packages, the central directory) lets every such case get
//! a message that says what the file actually is, instead of a parser error.
//! The zip central directory is also where a zip bomb shows itself, before
//! calamine inflates anything.

// `Problem` is the crate-wide error value and the contract of `grid::open`.
#![allow(clippy::result_large_err)]

use crate::check::{Found, Kind, Problem};
use std::io::Cursor;

/// The formats soket reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// xlsx or xlsm (the same package, macros or not).
    Xlsx,
    Xlsb,
    Ods,
    Xls,
    Csv,
}

/// Largest file accepted at all (read into memory whole).
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// Largest declared uncompressed size of one zip entry, and of all entries
/// together: the package limits of [`crate::ooxml::part`].
pub use crate::ooxml::part::{
    MAX_DATA_PART_BYTES as MAX_ENTRY_BYTES, MAX_DATA_TOTAL_BYTES as MAX_TOTAL_BYTES,
};
/// Deflate tops out near 1:1030; beyond 1:2000 on a large entry the
/// archive was crafted.
const MAX_RATIO: u64 = 2000;

fn unreadable(rel: &str, kind: Kind) -> Problem {
    Problem::error(kind).file(rel)
}

fn wrong(rel: &str, found: Found) -> Problem {
    unreadable(rel, Kind::WrongFormat { found })
}

/// Decide the format of `bytes` (the whole file); `ext` is the lower-case
/// extension, used only to tell csv from other text.
pub fn sniff(bytes: &[u8], ext: &str, rel: &str) -> Result<Format, Problem> {
    if bytes.is_empty() {
        return Err(unreadable(rel, Kind::EmptyFile));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes, rel);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        if is_encrypted_ooxml(bytes) {
            return Err(password(rel));
        }
        if contains_utf16(bytes, "WordDocument") {
            return Err(wrong(rel, Found::Doc));
        }
        return Ok(Format::Xls);
    }
    let head = &bytes[..bytes.len().min(1024)];
    let head_text = String::from_utf8_lossy(head)
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_lowercase();
    if head_text.starts_with("<html")
        || head_text.starts_with("<!doctype html")
        || head_text.contains("<html")
    {
        return Err(wrong(rel, Found::Html));
    }
    if head_text.starts_with("<?xml") {
        return Err(wrong(rel, Found::Xml));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(wrong(rel, Found::Pdf));
    }
    if ext == "csv" {
        return Ok(Format::Csv);
    }
    if looks_like_text(head) {
        return Err(unreadable(
            rel,
            Kind::PlainText {
                ext: ext.to_string(),
            },
        ));
    }
    Err(unreadable(
        rel,
        Kind::UnknownFormat {
            ext: ext.to_string(),
        },
    ))
}

fn password(rel: &str) -> Problem {
    unreadable(rel, Kind::PasswordProtected)
}

/// A password-protected problem, for readers that find the protection late
/// (calamine's `Password` errors).
pub fn password_problem(rel: &str) -> Problem {
    password(rel)
}

fn looks_like_text(head: &[u8]) -> bool {
    !head.is_empty()
        && head
            .iter()
            .all(|&b| b >= 0x20 || b == b'\n' || b == b'\r' || b == b'\t')
}

/// An Office file encrypted with a password is an OLE container holding
/// `EncryptionInfo` and `EncryptedPackage` streams; directory entry names
/// are stored in UTF-16LE.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    contains_utf16(bytes, "EncryptedPackage") || contains_utf16(bytes, "EncryptionInfo")
}

fn contains_utf16(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// An OpenDocument package whose `mimetype` names something other than a
/// spreadsheet (a text document renamed .ods). Only the first 100 bytes
/// of the part are read.
fn odf_other_than_spreadsheet(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> bool {
    use std::io::Read;
    let Ok(entry) = archive.by_name("mimetype") else {
        return false;
    };
    let mut head = Vec::new();
    if entry.take(100).read_to_end(&mut head).is_err() {
        return false;
    }
    let mime = String::from_utf8_lossy(&head);
    let mime = mime.trim();
    mime.starts_with("application/vnd.oasis.opendocument.")
        && !mime.starts_with("application/vnd.oasis.opendocument.spreadsheet")
}

fn sniff_zip(bytes: &[u8], rel: &str) -> Result<Format, Problem> {
    let corrupt = |why: &str| {
        unreadable(
            rel,
            Kind::ZipUnreadable {
                error: why.to_string(),
            },
        )
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(&e.to_string()))?;
    let mut names = Vec::with_capacity(archive.len());
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_data(i)
            .map_err(|e| corrupt(&e.to_string()))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        total = total.saturating_add(size);
        let bomb = size > MAX_ENTRY_BYTES
            || total > MAX_TOTAL_BYTES
            || (size > 16 * 1024 * 1024 && size / packed > MAX_RATIO);
        if bomb {
            return Err(unreadable(
                rel,
                Kind::UnpacksTooLarge {
                    part: name,
                    mib: size >> 20,
                    total_mib: total >> 20,
                    part_limit_mib: MAX_ENTRY_BYTES >> 20,
                    total_limit_mib: MAX_TOTAL_BYTES >> 20,
                },
            ));
        }
        names.push(name);
    }
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("xl/workbook.xml") {
        return Ok(Format::Xlsx);
    }
    if has("xl/workbook.bin") {
        return Ok(Format::Xlsb);
    }
    if has("content.xml")
        && (has("mimetype") || has("META-INF/manifest.xml"))
        && !odf_other_than_spreadsheet(&mut archive)
    {
        return Ok(Format::Ods);
    }
    let found = if has("word/document.xml") {
        Found::Docx
    } else if has("ppt/presentation.xml") {
        Found::Pptx
    } else if has("content.xml") {
        Found::OpenDocument
    } else {
        Found::Zip
    };
    Err(wrong(rel, found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_text_files() {
        let e = sniff(b"", "xlsx", "so-lieu/a.xlsx").unwrap_err();
        assert_eq!(e.thong_diep(), "tệp rỗng (0 byte): hãy gửi lại tệp số liệu");
        assert_eq!(sniff(b"Ma;2020\n", "csv", "a.csv").unwrap(), Format::Csv);
        assert!(
            sniff(b"<html><body>", "xls", "a.xls")
                .unwrap_err()
                .thong_diep()
                .contains("HTML")
        );
        assert!(
            sniff(b"<?xml version=\"1.0\"?>", "xls", "a.xls")
                .unwrap_err()
                .thong_diep()
                .contains("XML")
        );
        assert!(
            sniff(b"Ma,2020\n", "xlsx", "a.xlsx")
                .unwrap_err()
                .thong_diep()
                .contains("văn bản thuần")
        );
    }

    #[test]
    fn encrypted_ole() {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.extend(
            "EncryptionInfo"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        let e = sniff(&bytes, "xlsx", "a.xlsx").unwrap_err();
        assert_eq!(
            e.thong_diep(),
            "tệp có mật khẩu, không đọc được: hãy bỏ mật khẩu rồi gửi lại"
        );
    }
}
