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
mod prepared;
mod suggest;
mod tag;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::Cursor;

use minijinja::{Environment, Value};
use zip::ZipArchive;

use crate::check::{Kind, Lang, Place, Problem, TemplateKind, Unfilled, WordKind};
use prepare::{PartKind, PrepError};
pub use prepared::PreparedDocx;

/// A problem with a Word template, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The template's file name as the caller knows it (`mau/bao-cao.docx`).
    pub template: String,
    /// `document`, `header1`, `footer2`, `footnotes`, `endnotes`, `core`;
    /// empty when the file as a whole is at fault.
    pub part: String,
    /// A table cell (`bảng 2, hàng 3, ô 4`), a paragraph by its first 40
    /// characters (`đoạn "Tổng thu ngân sách…"`) or a document property;
    /// `None` when unknown.
    pub place: Option<Place>,
    /// What went wrong, with its data.
    pub kind: WordKind,
    /// Its words in Vietnamese and English, rendered from `kind`.
    pub message_vi: String,
    pub message_en: String,
}

impl TemplateError {
    fn new(template: &str, part: &str, place: Option<Place>, kind: WordKind) -> Self {
        TemplateError {
            template: template.to_string(),
            part: part.to_string(),
            place,
            message_vi: Kind::Template(TemplateKind::Word(kind.clone())).render(Lang::Vi),
            message_en: Kind::Template(TemplateKind::Word(kind.clone())).render(Lang::En),
            kind,
        }
    }

    /// As a problem located in the template: `tep` = template, `trang` =
    /// part, `o` = the place in it.
    pub fn to_problem(&self) -> Problem {
        self.located(Problem::error(Kind::Template(TemplateKind::Word(
            self.kind.clone(),
        ))))
    }

    /// As a warning, located the same way.
    pub fn to_warning(&self) -> Problem {
        self.located(Problem::warning(Kind::Template(TemplateKind::Word(
            self.kind.clone(),
        ))))
    }

    /// At the template, its part and the place in it.
    fn located(&self, p: Problem) -> Problem {
        let p = p
            .stage(crate::check::Stage::Template)
            .file(self.template.clone())
            .sheet((!self.part.is_empty()).then(|| self.part.clone()));
        match &self.place {
            None => p,
            Some(place) => p.cell(place.clone()),
        }
    }

    /// The place in the part in `lang` ("" when unknown).
    pub fn location(&self, lang: Lang) -> String {
        self.place
            .as_ref()
            .map(|p| p.text(lang))
            .unwrap_or_default()
    }
}

/// How to fill a template.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Names the context does not define print as nothing (and are false
    /// in `{% if %}`), as docxtpl prints them, with one warning per name;
    /// without it such a name is an error (`soket render --lenient`).
    pub lenient: bool,
}

/// A filled document and what its author should know about it.
#[derive(Debug)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// Forms filled as docxtpl fills them but worth fixing, tags left in
    /// places soket does not fill, and (with `lenient`) undefined names.
    pub warnings: Vec<TemplateError>,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.template)?;
        for s in [&self.part, &self.location(Lang::Vi)] {
            if !s.is_empty() {
                write!(f, "!{s}")?;
            }
        }
        write!(f, ": {}", self.message_vi)
    }
}

impl std::error::Error for TemplateError {}

/// The engine's name of a part that holds tags (`word:document`,
/// `core:core`); `None` for a part without any, whose drawing ids (of a
/// Word part) go into `untouched` so that ids given to new drawings do not
/// collide with them.
fn tagged_part(
    part: &str,
    kind: PartKind,
    text: &str,
    prep: &prepare::Prepared,
    untouched: &mut HashSet<u64>,
) -> Option<String> {
    if !prep.has_tags() {
        if kind == PartKind::Word {
            untouched.extend(post::docpr_ids(text));
        }
        return None;
    }
    let prefix = if kind == PartKind::Core {
        "core"
    } else {
        "word"
    };
    Some(format!("{prefix}:{part}"))
}

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
    render_docx_with(template, template_name, env, ctx, Options::default()).map(|r| r.bytes)
}

/// [`render_docx`] with options, returning the warnings too.
pub fn render_docx_with(
    template: &[u8],
    template_name: &str,
    env: &Environment<'static>,
    ctx: &Value,
    opts: Options,
) -> Result<Rendered, Vec<TemplateError>> {
    let err =
        |part: &str, e: PrepError| TemplateError::new(template_name, part, e.location, e.kind);
    let whole = |kind: WordKind| {
        vec![err(
            "",
            PrepError {
                undefined: None,
                location: None,
                kind,
            },
        )]
    };
    let mut archive = ZipArchive::new(Cursor::new(template)).map_err(|e| {
        whole(WordKind::CannotOpen {
            error: e.to_string(),
        })
    })?;
    let env = engine::configure(env);
    let lenient_env = opts.lenient.then(|| {
        let mut e = env.clone();
        e.set_undefined_behavior(minijinja::UndefinedBehavior::Lenient);
        e
    });

    let mut errors = Vec::new();
    let mut warnings: Vec<TemplateError> = Vec::new();
    // Undefined names under `lenient`: name → (first place, other places).
    let mut undefined: Vec<(String, TemplateError, usize)> = Vec::new();
    let mut rendered: BTreeMap<usize, String> = BTreeMap::new();
    let mut untouched_ids: HashSet<u64> = HashSet::new();
    let mut word_parts: Vec<(usize, String, String)> = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| {
            whole(WordKind::Damaged {
                error: e.to_string(),
            })
        })?;
        let entry = String::from_utf8_lossy(file.name_raw()).into_owned();
        let Some((part, kind)) = part_of(&entry) else {
            if let Some(tag) = unfilled_tag(&entry, &mut file) {
                warnings.push(err(&entry, unfilled_warning(&entry, &tag)));
            }
            continue;
        };
        // A template part is read with a bound, whatever size it declares:
        // a zip bomb disguised as a template is refused, not inflated.
        let text = match crate::ooxml::part::read_text(&mut file) {
            Ok(text) => text,
            Err(error) => {
                errors.push(err(&part, PrepError::unplaced(WordKind::Part { error })));
                continue;
            }
        };
        let prep = match prepare::prepare(&text, kind) {
            Ok(p) => {
                warnings.extend(p.warnings.iter().cloned().map(|w| err(&part, w)));
                Ok(p)
            }
            Err(e) => Err(e),
        };
        let prep = match prep {
            Ok(p) => p,
            Err(e) => {
                errors.push(err(
                    &part,
                    PrepError::unplaced(WordKind::BrokenXml {
                        error: e.to_string(),
                    }),
                ));
                continue;
            }
        };
        let Some(name) = tagged_part(&part, kind, &text, &prep, &mut untouched_ids) else {
            continue;
        };
        let result = match (
            engine::render_part(&env, &name, &text, &prep, ctx),
            &lenient_env,
        ) {
            (Err(es), Some(lenient)) if es.iter().all(|e| e.undefined.is_some()) => {
                for e in es {
                    let name = e.undefined.clone().unwrap_or_default();
                    match undefined.iter_mut().find(|(n, ..)| *n == name) {
                        Some((_, _, more)) => *more += 1,
                        None => undefined.push((name, err(&part, e), 0)),
                    }
                }
                engine::render_part(lenient, &name, &text, &prep, ctx)
            }
            (r, _) => r,
        };
        match result {
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

    let bytes = assemble(
        &mut archive,
        template_name,
        rendered,
        word_parts,
        untouched_ids,
    )?;
    for (_, w, more) in undefined {
        let kind = WordKind::LeftEmpty {
            inner: Box::new(w.kind),
            more,
        };
        warnings.push(TemplateError::new(&w.template, &w.part, w.place, kind));
    }
    Ok(Rendered { bytes, warnings })
}

/// The package from its rendered parts: table grids and drawing ids fixed
/// once every part is known, then every entry written in template order.
fn assemble(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    template_name: &str,
    mut rendered: BTreeMap<usize, String>,
    word_parts: Vec<(usize, String, String)>,
    untouched_ids: HashSet<u64>,
) -> Result<Vec<u8>, Vec<TemplateError>> {
    let err =
        |part: &str, e: PrepError| TemplateError::new(template_name, part, e.location, e.kind);
    let mut errors = Vec::new();
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
                    PrepError::unplaced(WordKind::FilledNotXml {
                        error: e.to_string(),
                    }),
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
    write_zip(archive, &rendered).map_err(|e| {
        vec![err(
            "",
            PrepError::unplaced(WordKind::CannotWrite {
                error: e.to_string(),
            }),
        )]
    })
}

/// The first tag in a package entry that soket does not fill (comments,
/// charts, SmartArt, custom properties …), if any: docxtpl leaves those
/// too, and a literal `{{ … }}` in the output must not go unnoticed.
fn unfilled_tag<R: std::io::Read>(
    entry: &str,
    file: &mut zip::read::ZipFile<'_, R>,
) -> Option<String> {
    let is_xml = entry.ends_with(".xml") && !entry.ends_with(".rels");
    if !is_xml || entry == "[Content_Types].xml" {
        return None;
    }
    let text = crate::ooxml::part::read_text(file).ok()?;
    if !crate::render::env::has_tag(&text) {
        return None;
    }
    prepare::first_tag_in_text(&text)
}

fn unfilled_warning(entry: &str, tag: &str) -> PrepError {
    let place = if entry.contains("comments") {
        Unfilled::Comments
    } else if entry.contains("charts/") {
        Unfilled::Charts
    } else if entry.contains("diagrams/") {
        Unfilled::SmartArt
    } else {
        Unfilled::OtherPart
    };
    PrepError::unplaced(WordKind::NotFilled {
        tag: tag.to_string(),
        place,
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
