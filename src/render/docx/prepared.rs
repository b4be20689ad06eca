//! A Word template prepared once and filled many times: a batch fills the
//! same report template for every review, so its package is read, its
//! parts prepared and compiled once, and shared by every thread.
//!
//! Filling a prepared template gives the bytes [`super::render_docx`]
//! gives; whenever anything would be reported (a tag that fails, a part
//! that grows too large), it fills the template the ordinary way, which
//! names every problem.

use std::collections::{BTreeMap, HashSet};
use std::io::Cursor;

use minijinja::{Environment, Value};
use zip::ZipArchive;

use super::prepare::{self, PartKind};
use super::{TemplateError, assemble, engine, part_of, render_docx};

/// A `.docx` template with its parts prepared and compiled.
pub struct PreparedDocx {
    template: Vec<u8>,
    name: String,
    /// The caller's environment, for the ordinary way.
    base: Environment<'static>,
    /// Set up for Word XML, with every part that holds a tag compiled in.
    env: Environment<'static>,
    /// Entry index, part label, kind and compiled name of each such part.
    parts: Vec<(usize, String, PartKind, String)>,
    /// Drawing ids of the parts that hold no tag.
    untouched_ids: HashSet<u64>,
}

impl PreparedDocx {
    /// Prepares `template` (named `name` in problems) for `env`. `None`
    /// when anything in it would be reported: such a template is filled
    /// the ordinary way ([`render_docx`]).
    pub fn new(template: &[u8], name: &str, env: &Environment<'static>) -> Option<PreparedDocx> {
        let mut archive = ZipArchive::new(Cursor::new(template)).ok()?;
        let mut configured = engine::configure(env);
        let mut parts = Vec::new();
        let mut untouched_ids = HashSet::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).ok()?;
            let entry = String::from_utf8_lossy(file.name_raw()).into_owned();
            let Some((part, kind)) = part_of(&entry) else {
                continue;
            };
            let text = crate::ooxml::part::read_text(&mut file).ok()?;
            let prep = prepare::prepare(&text, kind).ok()?;
            // A form worth a warning is reported by the ordinary path.
            if !prep.warnings.is_empty() {
                return None;
            }
            let Some(compiled) = super::tagged_part(&part, kind, &text, &prep, &mut untouched_ids)
            else {
                continue;
            };
            if !engine::compile_part(&mut configured, &compiled, &text, &prep) {
                return None;
            }
            parts.push((i, part, kind, compiled));
        }
        Some(PreparedDocx {
            template: template.to_vec(),
            name: name.to_string(),
            base: env.clone(),
            env: configured,
            parts,
            untouched_ids,
        })
    }

    /// Fills the template with `ctx`: the bytes of [`render_docx`], or its
    /// errors.
    pub fn render(&self, ctx: &Value) -> Result<Vec<u8>, Vec<TemplateError>> {
        match self.render_compiled(ctx) {
            Some(bytes) => Ok(bytes),
            None => render_docx(&self.template, &self.name, &self.base, ctx),
        }
    }

    fn render_compiled(&self, ctx: &Value) -> Option<Vec<u8>> {
        let mut rendered = BTreeMap::new();
        let mut word_parts = Vec::new();
        for (i, part, kind, compiled) in &self.parts {
            let out = engine::render_compiled(&self.env, compiled, ctx)?;
            match kind {
                PartKind::Word => word_parts.push((*i, part.clone(), out)),
                PartKind::Core => {
                    rendered.insert(*i, out);
                }
            }
        }
        let mut archive = ZipArchive::new(Cursor::new(&self.template[..])).ok()?;
        assemble(
            &mut archive,
            &self.name,
            rendered,
            word_parts,
            self.untouched_ids.clone(),
        )
        .ok()
    }
}
