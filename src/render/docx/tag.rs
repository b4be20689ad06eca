//! One tag's text as the Word engine meets it: its kind (`{{ }}`, `{% %}`,
//! `{# #}`), what it lifts (`p`, `tr`, `tc`, `r`), its statement, and the
//! forms docxtpl accepts that minijinja does not (doubled braces).

use super::prepare::{Lift, TagKind};
use crate::check::Place;
use crate::ooxml::xml::{Kind, decode, tokenize};
use std::ops::Range;

/// One template tag as the user wrote it.
#[derive(Clone, Debug)]
pub(crate) struct Tag {
    pub kind: TagKind,
    pub lift: Option<Lift>,
    /// Inner text without delimiters, lift prefix or `-` markers; quotes
    /// and entities already turned into ASCII.
    pub inner: String,
    /// The tag as written (decoded), for messages.
    pub display: String,
    pub location: Place,
    /// Raw offset of the tag's first character in the part.
    pub pos: usize,
}

impl Tag {
    /// First word of a statement (`for`, `if`, `endfor`, `colspan`…).
    pub fn keyword(&self) -> &str {
        self.inner
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .find(|w| !w.is_empty())
            .unwrap_or("")
    }

    /// The Jinja text this tag contributes to the template.
    pub fn jinja(&self) -> String {
        match self.kind {
            TagKind::Expr => format!("{{{{ {} }}}}", self.inner),
            TagKind::Stmt => format!("{{% {} %}}", self.inner),
            TagKind::Comment => String::new(),
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Piece {
    /// A range of the original part text, copied as is.
    Raw(Range<usize>),
    /// Generated XML.
    Xml(String),
    /// Jinja text produced by a tag; `neutral` replaces it once the tag has
    /// been reported, so that rendering can go on to find further errors.
    Jinja {
        tag: usize,
        text: String,
        neutral: Option<String>,
    },
}

/// The first tag in `text`, as written (cut at 40 characters).
pub(crate) fn first_tag(text: &str) -> Option<String> {
    let open = find_open(text)?;
    let rest = &text[open..];
    let close = match &rest[..2] {
        "{{" => "}}",
        "{%" => "%}",
        _ => "#}",
    };
    let end = rest.find(close).map_or(rest.len(), |e| e + 2);
    let mut shown: String = rest[..end].chars().take(40).collect();
    if rest[..end].chars().count() > 40 {
        shown.push('…');
    }
    Some(shown)
}

/// The first tag in the text content of a whole XML part, whose text
/// nodes are read joined (a tag may be split across runs).
pub(crate) fn first_tag_in_text(xml: &str) -> Option<String> {
    let toks = tokenize(xml).ok()?;
    let text: String = toks
        .iter()
        .filter(|t| t.kind == Kind::Text)
        .map(|t| decode(&xml[t.start..t.end]).0)
        .collect();
    first_tag(&text)
}

pub(crate) fn find_open(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(1)).find(|&i| b[i] == b'{' && matches!(b[i + 1], b'{' | b'%' | b'#'))
}

/// Splits a tag as written into kind, lift prefix and clean inner text.
pub(crate) fn parse_tag(raw: &str, location: &Place) -> Tag {
    let display = clean(raw);
    if let Some(usual) = doubled_braces(raw) {
        let tag = parse_tag(&usual, location);
        return Tag { display, ..tag };
    }
    let kind = match &display[..2] {
        "{{" => TagKind::Expr,
        "{%" => TagKind::Stmt,
        _ => TagKind::Comment,
    };
    let mut inner = &display[2..display.len() - 2];
    inner = inner.strip_prefix('-').unwrap_or(inner);
    inner = inner.strip_suffix('-').unwrap_or(inner);
    let mut lift = None;
    for (prefix, l) in [
        ("tr", Lift::Tr),
        ("tc", Lift::Tc),
        ("p", Lift::P),
        ("r", Lift::R),
    ] {
        if let Some(rest) = inner.strip_prefix(prefix)
            && rest.starts_with(char::is_whitespace)
        {
            let allowed = match kind {
                TagKind::Stmt => true,
                TagKind::Expr => l == Lift::R,
                TagKind::Comment => l != Lift::R,
            };
            if allowed {
                lift = Some(l);
                inner = rest;
            }
            break;
        }
    }
    Tag {
        kind,
        lift,
        // docxtpl hands Jinja the tag's XML with `&lt;`/`&gt;` undone but
        // `&amp;` kept, so `"A &amp; B"` in a tag prints `A &amp; B`; a
        // template written for it gets the same text here.
        inner: inner.trim().replace('&', "&amp;"),
        display,
        location: location.clone(),
        pos: 0,
    }
}

/// `{{%tr for … %}}`, a popular invoice template's way of writing a row
/// tag, which docxtpl fills as `{%tr for … %}` (its row regex starts at
/// `{%tr`): the usual form, when `raw` is written so.
pub(crate) fn doubled_braces(raw: &str) -> Option<String> {
    let inner = raw.strip_prefix("{{%")?.strip_suffix("%}}")?;
    let lifted = ["tr", "tc", "p", "r"].iter().any(|l| {
        inner
            .strip_prefix(l)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
    });
    lifted.then(|| format!("{{%{inner}%}}"))
}

/// Word's typographic quotes and non-breaking spaces inside a tag would be
/// Jinja syntax errors; turn them back into what the user meant.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '“' | '”' | '„' | '″' => '"',
            '‘' | '’' | '′' => '\'',
            '\u{a0}' | '\u{2007}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect()
}
