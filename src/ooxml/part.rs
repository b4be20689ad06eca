//! Reading one part of a package: bounded, and checked against the CRC-32
//! and size its zip entry declares.
//!
//! The limits of every package soket opens live here, in one policy: a
//! part is inflated with a bound whatever size it declares, so a zip bomb
//! disguised as a workbook or a template is refused rather than inflated;
//! a part over the bound is an error the caller reports, never a part
//! silently left out (its tags would otherwise reach the output unfilled,
//! its figures would go missing).
//!
//! Why soket computes the CRC-32 itself: the zip reader checks it only when
//! the last byte is read, and says so in an English sentence. Counting the
//! bytes and hashing them on the way ([`Checked`]) lets the verdict —
//! altered content, a part longer or shorter than it claims, damaged
//! data — be decided from the data, never from the wording of an error.

use std::io::Read;

/// The most one part of a template may inflate to: far above any real
/// document or sheet, far below what would exhaust memory. Templates are
/// read whole into memory, and rendering can multiply them.
pub const MAX_PART_BYTES: u64 = 64 << 20;

/// The most one part of a data workbook may inflate to: a sheet of
/// `workbook::grid::MAX_CELLS` cells is about this large in XML.
pub const MAX_DATA_PART_BYTES: u64 = 256 << 20;

/// The most all parts of a data workbook may inflate to together.
pub const MAX_DATA_TOTAL_BYTES: u64 = 512 << 20;

/// Most parts in one package (a workbook has a few dozen).
pub const MAX_PARTS: usize = 10_000;

/// Why a part could not be read (its words are in the message module).
pub use crate::check::PartError;

/// A reader that counts and hashes what passes through it and remembers
/// the first error it returned, so that an error an inspecting caller
/// swallowed is still seen, and so that [`Checked::verdict`] can tell what
/// went wrong from the data.
pub struct Checked<R> {
    inner: R,
    hasher: crc32fast::Hasher,
    read: u64,
    error: Option<std::io::Error>,
}

impl<R: Read> Checked<R> {
    pub fn new(inner: R) -> Self {
        Checked {
            inner,
            hasher: crc32fast::Hasher::new(),
            read: 0,
            error: None,
        }
    }

    /// Bytes read so far.
    pub fn read_bytes(&self) -> u64 {
        self.read
    }

    /// Reads what is left (the zip reader checks the CRC only at the end),
    /// then judges the part against its entry's `declared` size and `crc`,
    /// with `limit` its bound. Order matters: a part past its bound is
    /// "too large" whatever else is wrong with it; a part whose bytes are
    /// all there is judged by its hash; only a part cut short is "damaged".
    pub fn verdict(mut self, declared: u64, crc: u32, limit: u64) -> Result<(), PartError> {
        let mut bounded = (&mut self).take(limit + 1);
        let rest = std::io::copy(&mut bounded, &mut std::io::sink());
        let error = self.error.take().or(rest.err());
        if self.read > limit {
            return Err(PartError::TooLarge { limit });
        }
        if self.read > declared {
            return Err(PartError::LongerThanDeclared { declared });
        }
        let hashed = self.hasher.finalize();
        match error {
            Some(_) if self.read == declared && hashed != crc => Err(PartError::Crc),
            // Every declared byte read and hashing right, yet the reader
            // failed: the data goes on past its declared end.
            Some(_) if self.read == declared => Err(PartError::LongerThanDeclared { declared }),
            Some(e) => Err(PartError::Damaged(e.to_string())),
            None if self.read != declared => Err(PartError::SizeMismatch {
                read: self.read,
                declared,
            }),
            None if hashed != crc => Err(PartError::Crc),
            None => Ok(()),
        }
    }
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => {
                self.read += n as u64;
                self.hasher.update(&buf[..n]);
                Ok(n)
            }
            Err(e) => {
                let copy = std::io::Error::new(e.kind(), e.to_string());
                self.error.get_or_insert(copy);
                Err(e)
            }
        }
    }
}

/// The text of a zip entry, bounded by [`MAX_PART_BYTES`] and checked
/// against its declared size and CRC-32.
pub fn read_text<R: Read>(entry: &mut zip::read::ZipFile<'_, R>) -> Result<String, PartError> {
    let (declared, crc) = (entry.size(), entry.crc32());
    let mut checked = Checked::new(entry);
    let mut bytes = Vec::new();
    // An error here is judged by `verdict`, which reads on from where this
    // stopped and remembers the first error.
    let _ = (&mut checked)
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes);
    checked.verdict(declared, crc, MAX_PART_BYTES)?;
    String::from_utf8(bytes).map_err(|_| PartError::NotUtf8)
}

/// The text of the part `name`, or `None` when the package has no such part.
pub fn read_named<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, PartError> {
    match archive.by_name(name) {
        Ok(mut entry) => read_text(&mut entry).map(Some),
        Err(zip::result::ZipError::FileNotFound) => Ok(None),
        Err(e) => Err(PartError::Damaged(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn one_part(body: &[u8], method: zip::CompressionMethod) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .large_file(true);
        w.start_file("word/document.xml", opts).unwrap();
        w.write_all(body).unwrap();
        w.finish().unwrap().into_inner()
    }

    fn read(z: &[u8]) -> Result<Option<String>, PartError> {
        let mut a = zip::ZipArchive::new(Cursor::new(z)).unwrap();
        read_named(&mut a, "word/document.xml")
    }

    #[test]
    fn a_part_within_the_bound_is_read_whole() {
        let z = one_part(b"<a/>", zip::CompressionMethod::Deflated);
        assert_eq!(read(&z), Ok(Some("<a/>".to_string())));
    }

    #[test]
    fn a_missing_part_is_none() {
        let z = one_part(b"<a/>", zip::CompressionMethod::Stored);
        let mut a = zip::ZipArchive::new(Cursor::new(&z[..])).unwrap();
        assert_eq!(read_named(&mut a, "word/styles.xml"), Ok(None));
    }

    #[test]
    fn one_changed_byte_is_a_crc_failure_named_as_such() {
        let mut z = one_part(b"<v>31</v>", zip::CompressionMethod::Stored);
        let at = z.windows(2).position(|w| w == b"31").unwrap();
        z[at + 1] = b'3';
        assert_eq!(read(&z), Err(PartError::Crc));
        assert_eq!(
            PartError::Crc.messages().0,
            "không khớp mã kiểm tra CRC-32: nội dung đã bị thay đổi hoặc hỏng khi gửi"
        );
    }

    #[test]
    fn a_part_that_is_not_utf8_is_said_so() {
        let z = one_part(b"<a>\xff</a>", zip::CompressionMethod::Stored);
        assert_eq!(read(&z), Err(PartError::NotUtf8));
    }

    #[test]
    fn a_part_past_the_bound_is_refused_not_truncated() {
        let z = one_part(
            &vec![b'x'; (MAX_PART_BYTES + 1) as usize],
            zip::CompressionMethod::Deflated,
        );
        assert_eq!(
            read(&z),
            Err(PartError::TooLarge {
                limit: MAX_PART_BYTES
            })
        );
        assert_eq!(
            PartError::TooLarge {
                limit: MAX_PART_BYTES
            }
            .messages(),
            (
                "quá lớn (trên 64 MiB)".to_string(),
                "is too large (over 64 MiB)".to_string()
            )
        );
    }
}
