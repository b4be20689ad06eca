//! Writing a package, deterministically.
//!
//! Every package soket writes from another one (a filled Word or Excel
//! template, the built-in Word template) goes through [`Writer`], so they all
//! follow the same rules and their bytes depend only on their content:
//! - entries keep the order the caller gives (the template's order);
//! - every timestamp is 1980-01-01 00:00 (the zip epoch), copied entries
//!   included, so neither the clock nor the template's own dates leak in;
//! - a written part is compressed by its kind ([`method_for`]): `mimetype`
//!   stored (ODF readers require it), everything else deflated at level 6;
//! - a part the caller does not change is copied raw, its compressed bytes
//!   untouched (no inflate/deflate round trip).

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The compression of a written part, by its kind.
pub fn method_for(name: &str) -> CompressionMethod {
    if name == "mimetype" {
        CompressionMethod::Stored
    } else {
        CompressionMethod::Deflated
    }
}

fn options_for(name: &str) -> SimpleFileOptions {
    let method = method_for(name);
    let options = SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(DateTime::default())
        .system(zip::System::Unix)
        .unix_permissions(0o644);
    match method {
        CompressionMethod::Deflated => options.compression_level(Some(6)),
        _ => options,
    }
}

/// A package being written in memory.
pub struct Writer {
    zip: ZipWriter<Cursor<Vec<u8>>>,
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

impl Writer {
    pub fn new() -> Self {
        Writer {
            zip: ZipWriter::new(Cursor::new(Vec::new())),
        }
    }

    /// Add a part with the given content.
    pub fn part(&mut self, name: &str, data: &[u8]) -> zip::result::ZipResult<()> {
        self.zip.start_file(name, options_for(name))?;
        self.zip.write_all(data)?;
        Ok(())
    }

    /// Copy an entry of another package as it is stored (no recompression),
    /// with the fixed timestamp.
    pub fn copy_raw<R: Read>(
        &mut self,
        entry: zip::read::ZipFile<'_, R>,
    ) -> zip::result::ZipResult<()> {
        self.zip
            .raw_copy_file_touch(entry, DateTime::default(), None)
    }

    /// The package's bytes.
    pub fn finish(self) -> zip::result::ZipResult<Vec<u8>> {
        Ok(self.zip.finish()?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(zip: &[u8]) -> Vec<(String, CompressionMethod, Option<DateTime>)> {
        let mut a = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
        (0..a.len())
            .map(|i| {
                let f = a.by_index_raw(i).unwrap();
                (
                    f.name().unwrap().to_string(),
                    f.compression(),
                    f.last_modified(),
                )
            })
            .collect()
    }

    #[test]
    fn written_and_copied_parts_get_the_fixed_date_and_their_kind_of_compression() {
        // A source package with a real date on its entry.
        let mut src = ZipWriter::new(Cursor::new(Vec::new()));
        let dated = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .last_modified_time(DateTime::from_date_and_time(2024, 5, 6, 7, 8, 10).unwrap());
        src.start_file("word/media/image1.png", dated).unwrap();
        src.write_all(b"png").unwrap();
        let src = src.finish().unwrap().into_inner();
        let mut archive = zip::ZipArchive::new(Cursor::new(&src[..])).unwrap();

        let mut w = Writer::new();
        w.part("mimetype", b"application/x").unwrap();
        w.part("word/document.xml", b"<w:document/>").unwrap();
        w.copy_raw(archive.by_index_raw(0).unwrap()).unwrap();
        let out = w.finish().unwrap();
        let epoch = Some(DateTime::default());
        assert_eq!(
            dates(&out),
            vec![
                ("mimetype".into(), CompressionMethod::Stored, epoch),
                (
                    "word/document.xml".into(),
                    CompressionMethod::Deflated,
                    epoch
                ),
                (
                    "word/media/image1.png".into(),
                    CompressionMethod::Stored,
                    epoch
                ),
            ]
        );
    }
}
