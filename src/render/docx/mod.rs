//! Word templates: fill a `.docx` whose text holds Jinja tags.
//!
//! The package is handled as a zip of XML parts. Only the parts that can
//! hold report text are looked at (`word/document.xml`, headers, footers,
//! footnotes, endnotes, and the title/subject in `docProps/core.xml`), and
//! of those only the parts that hold a tag are rewritten; every other zip
//! entry is copied raw. Inside a rewritten part, only the spans of the tags
//! change (see [`prepare`]); the rest of the XML is copied byte-for-byte
//! into the Jinja source, so styles, numbering, section properties, images
//! and fields survive untouched. Output is deterministic: entries keep the
//! template's order, and timestamps and compression follow the package
//! layer's rules ([`crate::ooxml::write`]).

mod engine;
mod post;
mod prepare;
mod suggest;
mod xml;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::Cursor;

use minijinja::{Environment, Value};
use zip::ZipArchive;

use crate::check::Problem;
use crate::ooxml::part::{MAX_PART_BYTES, PartError};
use prepare::{PartKind, PrepError};

/// A problem with a Word template, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The template's file name as the caller knows it (`mau/bao-cao.docx`).
    pub template: String,
    /// `document`, `header1`, `footer2`, `footnotes`, `endnotes`, `core`;
    /// empty when the file as a whole is at fault.
    pub part: String,
    /// `bảng 2, hàng 3, ô 4`, or `đoạn "Tổng thu ngân sách…"` (the
    /// paragraph's first 40 characters); empty when unknown.
    pub location: String,
    pub message_vi: String,
    pub message_en: String,
}

impl TemplateError {
    /// As a problem: `tep` = template, `trang` = part, `o` = location.
    pub fn to_problem(&self) -> Problem {
        let mut p = Problem::loi(self.message_vi.clone(), self.message_en.clone())
            .file(self.template.clone())
            .sheet((!self.part.is_empty()).then(|| self.part.clone()));
        if !self.location.is_empty() {
            p = p.cell(self.location.clone());
        }
        p
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.template)?;
        for s in [&self.part, &self.location] {
            if !s.is_empty() {
                write!(f, "!{s}")?;
            }
        }
        write!(f, ": {}", self.message_vi)
    }
}

impl std::error::Error for TemplateError {}

/// Which parts may hold tags, and their short names.
fn part_of(name: &str) -> Option<(String, PartKind)> {
    if name == "docProps/core.xml" {
        return Some(("core".into(), PartKind::Core));
    }
    let file = name.strip_prefix("word/")?.strip_suffix(".xml")?;
    let is_numbered = |prefix: &str| {
        file.strip_prefix(prefix)
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
    };
    let label = match file {
        "document" => "document",
        "footnotes" => "footnotes",
        "endnotes" => "endnotes",
        _ if is_numbered("header") || is_numbered("footer") => file,
        _ => return None,
    };
    Some((label.to_string(), PartKind::Word))
}

/// Fills `template` (the bytes of a `.docx`) with `ctx`.
///
/// `env` holds the filters (see `render::filters::register`); it is copied
/// and set up for XML output (strict undefined names, escaping, a fuel
/// limit). All errors of the template are returned together.
pub fn render_docx(
    template: &[u8],
    template_name: &str,
    env: &Environment<'static>,
    ctx: &Value,
) -> Result<Vec<u8>, Vec<TemplateError>> {
    let err = |part: &str, e: PrepError| TemplateError {
        template: template_name.to_string(),
        part: part.to_string(),
        location: e.location,
        message_vi: e.vi,
        message_en: e.en,
    };
    let whole = |vi: String, en: String| {
        vec![err(
            "",
            PrepError {
                location: String::new(),
                vi,
                en,
            },
        )]
    };
    let mut archive = ZipArchive::new(Cursor::new(template)).map_err(|e| {
        whole(
            format!("không mở được tệp Word (.docx): {e}"),
            format!("cannot open the Word file (.docx): {e}"),
        )
    })?;
    let env = engine::configure(env);

    let mut errors = Vec::new();
    let mut rendered: BTreeMap<usize, String> = BTreeMap::new();
    let mut untouched_ids: HashSet<u64> = HashSet::new();
    let mut word_parts: Vec<(usize, String, String)> = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| {
            whole(
                format!("tệp Word hỏng: {e}"),
                format!("the Word file is damaged: {e}"),
            )
        })?;
        let Some((part, kind)) = part_of(&String::from_utf8_lossy(file.name_raw())) else {
            continue;
        };
        // A template part is read with a bound, whatever size it declares:
        // a zip bomb disguised as a template is refused, not inflated.
        let text = match crate::ooxml::part::read_text(&mut file) {
            Ok(text) => text,
            Err(e) => {
                let (vi, en) = match e {
                    PartError::TooLarge => (
                        format!(
                            "phần này của mẫu Word quá lớn (trên {} MiB)",
                            MAX_PART_BYTES >> 20
                        ),
                        format!(
                            "this part of the Word template is too large (over {} MiB)",
                            MAX_PART_BYTES >> 20
                        ),
                    ),
                    PartError::Unreadable(e) => (
                        format!("không đọc được phần này của tệp Word: {e}"),
                        format!("cannot read this part of the Word file: {e}"),
                    ),
                };
                errors.push(err(
                    &part,
                    PrepError {
                        location: String::new(),
                        vi,
                        en,
                    },
                ));
                continue;
            }
        };
        let prep = match prepare::prepare(&text, kind) {
            Ok(p) => p,
            Err(e) => {
                errors.push(err(
                    &part,
                    PrepError {
                        location: String::new(),
                        vi: format!("XML hỏng: {e}"),
                        en: format!("broken XML: {e}"),
                    },
                ));
                continue;
            }
        };
        if !prep.has_tags() {
            if kind == PartKind::Word {
                untouched_ids.extend(post::docpr_ids(&text));
            }
            continue;
        }
        let prefix = if kind == PartKind::Core {
            "core"
        } else {
            "word"
        };
        let name = format!("{prefix}:{part}");
        match engine::render_part(&env, &name, &text, &prep, ctx) {
            Ok(out) if kind == PartKind::Word => word_parts.push((i, part, out)),
            Ok(out) => {
                rendered.insert(i, out);
            }
            Err(es) => errors.extend(es.into_iter().map(|e| err(&part, e))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // Table grids and drawing ids, once every part is known.
    let mut next = untouched_ids
        .iter()
        .copied()
        .chain(
            word_parts
                .iter()
                .flat_map(|(_, _, out)| post::docpr_ids(out)),
        )
        .max()
        .map_or(1, |m| m + 1);
    let mut taken = untouched_ids;
    for (i, part, out) in word_parts {
        let out = match post::fix_tables(&out) {
            Ok(Some(fixed)) => fixed,
            Ok(None) => out,
            Err(e) => {
                errors.push(err(
                    &part,
                    PrepError {
                        location: String::new(),
                        vi: format!(
                            "kết quả điền mẫu không phải XML hợp lệ ({e}); kiểm tra các thẻ {{%p %}}, {{%tr %}}, {{%tc %}} có đóng mở khớp nhau"
                        ),
                        en: format!(
                            "the filled template is not valid XML ({e}); check that {{%p %}}, {{%tr %}}, {{%tc %}} tags open and close in matching elements"
                        ),
                    },
                ));
                continue;
            }
        };
        let out = post::fix_docpr(&out, &mut taken, &mut next).unwrap_or(out);
        rendered.insert(i, out);
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    write_zip(&mut archive, &rendered).map_err(|e| {
        whole(
            format!("không ghi được tệp Word: {e}"),
            format!("cannot write the Word file: {e}"),
        )
    })
}

/// Writes the package through the package layer: rendered parts written
/// anew, every other entry copied raw; fixed timestamps, template order.
fn write_zip(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    rendered: &BTreeMap<usize, String>,
) -> zip::result::ZipResult<Vec<u8>> {
    let mut w = crate::ooxml::write::Writer::new();
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i)?;
        match rendered.get(&i) {
            Some(text) => {
                let name = file.name()?.to_string();
                drop(file);
                w.part(&name, text.as_bytes())?;
            }
            None => w.copy_raw(file)?,
        }
    }
    w.finish()
}
