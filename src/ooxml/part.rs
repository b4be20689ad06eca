//! Reading one part of a package, bounded.
//!
//! A part is inflated with a bound whatever size it declares, so a zip bomb
//! disguised as a template is refused rather than inflated; a part over the
//! bound is an error the caller reports, never a part silently left out
//! (its tags would otherwise reach the output unfilled). Reading a part to
//! its end also checks its CRC-32 (the zip reader does it at end of data).

use std::io::{Read, Seek};

/// The most one part of a package may inflate to: far above any real
/// document or sheet, far below what would exhaust memory.
pub const MAX_PART_BYTES: u64 = 64 << 20;

/// Why a part could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartError {
    /// It inflates past [`MAX_PART_BYTES`].
    TooLarge,
    /// Damaged data, a bad checksum, or text that is not UTF-8.
    Unreadable(String),
}

impl PartError {
    /// The Vietnamese and English predicate, to follow the part's name
    /// ("phần xl/worksheets/sheet1.xml của mẫu Excel " + "quá lớn …").
    pub fn messages(&self) -> (String, String) {
        match self {
            PartError::TooLarge => (
                format!("quá lớn (trên {} MiB)", MAX_PART_BYTES >> 20),
                format!("is too large (over {} MiB)", MAX_PART_BYTES >> 20),
            ),
            PartError::Unreadable(e) => (
                format!("không đọc được: {e}"),
                format!("cannot be read: {e}"),
            ),
        }
    }
}

/// The text of an entry, bounded by [`MAX_PART_BYTES`].
pub fn read_text(entry: impl Read) -> Result<String, PartError> {
    let mut text = String::new();
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| PartError::Unreadable(e.to_string()))?;
    if text.len() as u64 > MAX_PART_BYTES {
        return Err(PartError::TooLarge);
    }
    Ok(text)
}

/// The text of the part `name`, or `None` when the package has no such part.
pub fn read_named<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, PartError> {
    match archive.by_name(name) {
        Ok(entry) => read_text(entry).map(Some),
        Err(zip::result::ZipError::FileNotFound) => Ok(None),
        Err(e) => Err(PartError::Unreadable(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_within_the_bound_is_read_whole() {
        assert_eq!(read_text(&b"<a/>"[..]), Ok("<a/>".to_string()));
    }

    #[test]
    fn a_part_past_the_bound_is_refused_not_truncated() {
        let big = std::io::repeat(b'x').take(MAX_PART_BYTES + 1);
        assert_eq!(read_text(big), Err(PartError::TooLarge));
        assert_eq!(
            PartError::TooLarge.messages(),
            (
                "quá lớn (trên 64 MiB)".to_string(),
                "is too large (over 64 MiB)".to_string()
            )
        );
    }
}
