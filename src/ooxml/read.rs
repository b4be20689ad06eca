//! Verifying a zip package before anything is taken from it.
//!
//! A workbook is a zip of parts. calamine (and the zip crate under it)
//! stops reading a part as soon as it has what it wants, so the part's
//! CRC-32, checked only once the last byte is read, is never checked: a
//! figure changed by one byte after the CRC was computed is summed without a
//! word. And a package can hold the same part name twice, of which a reader
//! silently takes one. [`verify`] reads every part to its end through the
//! zip crate (whose reader checks the CRC there and refuses to read past the
//! declared size), refuses a name that appears twice (compared as OPC
//! compares part names: ASCII case ignored) and bounds every part's size;
//! the caller may look at each part's bytes on the way, so that this single
//! pass is also where workbook metadata is gathered.

// `Problem` is the crate-wide error value.
#![allow(clippy::result_large_err)]

use crate::check::{Kind, Problem, Refusal, TemplateKind};
use std::io::{Cursor, Read};

use super::part::{Checked, MAX_DATA_PART_BYTES as MAX_PART_BYTES, MAX_PARTS};

/// Why a package was refused.
fn refused(rel: &str, why: Refusal) -> Problem {
    Problem::error(Kind::Template(TemplateKind::PackageRefused(why))).file(rel)
}

/// The part names of the central directory in order, duplicates included
/// (the zip crate keeps one entry per name). `None` when the directory
/// cannot be walked (zip64 offsets): the zip crate's own duplicate count
/// is then all there is.
fn raw_names(bytes: &[u8], start: u64) -> Option<Vec<Vec<u8>>> {
    let mut at = usize::try_from(start).ok()?;
    let mut names = Vec::new();
    while bytes.get(at..at + 4)? == b"PK\x01\x02" {
        let le = |o: usize| -> Option<usize> {
            let b = bytes.get(at + o..at + o + 2)?;
            Some(u16::from_le_bytes([b[0], b[1]]) as usize)
        };
        let (n, extra, comment) = (le(28)?, le(30)?, le(32)?);
        names.push(bytes.get(at + 46..at + 46 + n)?.to_vec());
        at += 46 + n + extra + comment;
        if names.len() > MAX_PARTS {
            break;
        }
    }
    Some(names)
}

/// The first part name that occurs twice, ASCII case ignored.
fn duplicate(names: &[Vec<u8>]) -> Option<String> {
    let mut seen = std::collections::HashSet::with_capacity(names.len());
    names
        .iter()
        .find(|n| !seen.insert(n.to_ascii_lowercase()))
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// Check the whole package `bytes` (file `rel`, for problems): every part
/// read to its end with its CRC-32 checked, no part name twice, no part
/// above [`MAX_PART_BYTES`] or larger than it claims. `inspect` sees each
/// part (name, reader) first and may read as much of it as it likes; the
/// rest is read here. Any failure is one error naming the file and the
/// part.
pub fn verify(
    bytes: &[u8],
    rel: &str,
    inspect: &mut dyn FnMut(&str, &mut dyn Read),
) -> Result<(), Problem> {
    let damaged = |error: String| refused(rel, Refusal::Damaged { error });
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
    if archive.len() > MAX_PARTS {
        return Err(refused(
            rel,
            Refusal::TooManyParts {
                count: archive.len(),
                max: MAX_PARTS,
            },
        ));
    }
    let names = raw_names(bytes, archive.central_directory_start()).unwrap_or_default();
    let twice =
        duplicate(&names).or_else(|| archive.has_duplicate_names().then(|| "?".to_string()));
    if let Some(name) = twice {
        return Err(refused(rel, Refusal::DuplicatePart { name }));
    }
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| damaged(e.to_string()))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if entry.is_dir() {
            continue;
        }
        let declared = entry.size();
        if declared > MAX_PART_BYTES {
            return Err(refused(
                rel,
                Refusal::PartDeclaresTooLarge {
                    name,
                    mib: declared >> 20,
                    limit_mib: MAX_PART_BYTES >> 20,
                },
            ));
        }
        let crc = entry.crc32();
        let mut part = Checked::new(&mut entry);
        inspect(&name, &mut part);
        if let Err(error) = part.verdict(declared, crc, MAX_PART_BYTES) {
            return Err(refused(rel, Refusal::Part { name, error }));
        }
    }
    Ok(())
}

/// Every part of a verified package, in order: (name, bytes). For small
/// packages soket rewrites (templates), after [`verify`].
pub fn parts(bytes: &[u8], rel: &str) -> Result<Vec<(String, Vec<u8>)>, Problem> {
    let mut out = Vec::new();
    verify(bytes, rel, &mut |name, r| {
        let mut buf = Vec::new();
        if r.read_to_end(&mut buf).is_ok() {
            out.push((name.to_string(), buf));
        }
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        for (n, b) in parts {
            w.start_file(*n, opts).unwrap();
            w.write_all(b).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn message(bytes: &[u8]) -> String {
        verify(bytes, "so-lieu/a.xlsx", &mut |_, _| {})
            .err()
            .map(|p| p.thong_diep())
            .unwrap_or_default()
    }

    #[test]
    fn a_sound_package_passes_and_every_part_is_seen() {
        let z = zip_of(
            &[("a.xml", b"<a>1</a>"), ("b.xml", b"<b/>")],
            zip::CompressionMethod::Deflated,
        );
        let mut seen = Vec::new();
        verify(&z, "x", &mut |n, _| seen.push(n.to_string())).unwrap();
        assert_eq!(seen, ["a.xml", "b.xml"]);
    }

    #[test]
    fn one_changed_byte_of_a_stored_part_fails_its_crc() {
        let mut z = zip_of(
            &[("xl/worksheets/sheet1.xml", b"<v>31</v>")],
            zip::CompressionMethod::Stored,
        );
        let at = z.windows(2).position(|w| w == b"31").unwrap();
        z[at + 1] = b'3';
        assert_eq!(
            message(&z),
            "phần \"xl/worksheets/sheet1.xml\" không khớp mã kiểm tra CRC-32: nội dung đã bị thay đổi hoặc hỏng khi gửi: không lấy số liệu nào từ tệp này; hãy gửi lại tệp gốc"
        );
    }

    /// A package holding `xl/worksheets/sheet1.xml` and then the same name
    /// again, spelt `second` (written as sheet2.xml and renamed in place).
    fn twice(second: &str) -> Vec<u8> {
        let mut z = zip_of(
            &[
                ("xl/worksheets/sheet1.xml", b"<v>1</v>"),
                ("xl/worksheets/sheet2.xml", b"<v>2</v>"),
            ],
            zip::CompressionMethod::Stored,
        );
        let from = b"xl/worksheets/sheet2.xml";
        while let Some(p) = z.windows(from.len()).position(|w| w == from) {
            z[p..p + from.len()].copy_from_slice(second.as_bytes());
        }
        z
    }

    #[test]
    fn the_same_part_twice_is_refused_whatever_its_case() {
        for second in ["xl/worksheets/sheet1.xml", "XL/Worksheets/Sheet1.xml"] {
            assert_eq!(
                message(&twice(second)),
                format!(
                    "tệp chứa hai phần cùng tên \"{second}\" (tệp đã bị sửa ngoài Excel hoặc bị làm giả; không biết bản nào là thật): không lấy số liệu nào từ tệp này; hãy gửi lại tệp gốc"
                )
            );
        }
    }

    #[test]
    fn a_flipped_bit_in_a_deflated_part_never_gives_other_content() {
        let body = "<row><c><v>14500000000</v></c></row>".repeat(50);
        let clean = zip_of(
            &[("xl/worksheets/sheet1.xml", body.as_bytes())],
            zip::CompressionMethod::Deflated,
        );
        // Every bit of the compressed data, flipped in turn.
        let start = 30 + "xl/worksheets/sheet1.xml".len();
        let packed = {
            let mut a = zip::ZipArchive::new(Cursor::new(&clean[..])).unwrap();
            a.by_index(0).unwrap().compressed_size() as usize
        };
        let mut missed = Vec::new();
        for byte in start..start + packed {
            for bit in 0..8 {
                let mut z = clean.clone();
                z[byte] ^= 1 << bit;
                // Passing is right only when the content is unchanged (a
                // padding bit, or another distance to the same repeat).
                if let Ok(p) = parts(&z, "x")
                    && p[0].1 != body.as_bytes()
                {
                    missed.push((byte - start, bit));
                }
            }
        }
        assert_eq!(missed, [], "of {packed} bytes");
    }
}
