//! OOXML packages (docx, xlsx): the zip side, shared by every part of
//! soket that reads or writes a package's parts itself.
//!
//! One bounded, checked part reader with the one limit policy ([`part`]:
//! size bounds, and each part's CRC-32 and declared size judged from the
//! data, not from the wording of the zip reader's errors) and one
//! deterministic writer ([`write`]), so that a Word template, an Excel
//! template and the built-in templates follow the same limits and produce
//! bytes that depend only on their content. [`read`] verifies a whole
//! package soket is given (ward workbooks, ods files) with the same reader:
//! every part's CRC-32, one copy of each part name, bounded part sizes.

pub mod part;
pub mod read;
pub mod write;
pub mod xml;
