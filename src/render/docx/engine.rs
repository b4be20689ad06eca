//! Runs a prepared part through minijinja and turns every failure into a
//! located, bilingual error.
//!
//! To report *all* errors of a part in one run, each tag is first compiled
//! on its own (syntax errors), then the whole part is rendered; a tag that
//! fails is reported and replaced by a harmless stand-in (`{% if false %}`
//! for an `if`, nothing for a value) and rendering starts again, until it
//! succeeds or a failure cannot be pinned on a tag.

use std::collections::HashSet;
use std::fmt::Write as _;

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Object;
use minijinja::{
    AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior, Value,
};

use super::prepare::{Piece, PrepError, Prepared, Tag, TagKind};
use super::suggest::{nearest, suggest_path};
use crate::check::WordKind;
use crate::ooxml::xml::{escape_char, escape_into};

/// Enough for a report with tens of thousands of table cells; a loop that
/// never ends runs out long before it eats the machine.
const FUEL: u64 = 20_000_000;
/// Rendering retries after errors, per part.
const MAX_ROUNDS: usize = 200;

/// The filters the report templates are documented to use, plus
/// minijinja's builtins: candidates for "did you mean" on unknown filters.
const FILTER_NAMES: &[&str] = &[
    "so",
    "pt",
    "tien",
    "ngay",
    "phan_so",
    "danh_gia",
    "bang_chu",
    "la_ma",
    "abs",
    "attr",
    "batch",
    "bool",
    "capitalize",
    "count",
    "d",
    "default",
    "dictsort",
    "e",
    "escape",
    "first",
    "float",
    "groupby",
    "indent",
    "int",
    "items",
    "join",
    "last",
    "length",
    "lines",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "pprint",
    "reject",
    "rejectattr",
    "replace",
    "reverse",
    "round",
    "safe",
    "select",
    "selectattr",
    "slice",
    "sort",
    "split",
    "string",
    "sum",
    "title",
    "tojson",
    "trim",
    "unique",
    "upper",
    "urlencode",
];

/// A value destined for an attribute (`w:fill`, `w:gridSpan`): escaped as
/// attribute text, never turned into `<w:br/>`.
#[derive(Debug)]
struct AttrValue(String);

impl Object for AttrValue {}

/// A copy of the caller's environment set up for Word XML output.
pub(crate) fn configure(base: &Environment<'static>) -> Environment<'static> {
    let mut env = base.clone();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    // Debug mode makes minijinja name the undefined path (`ct.GD01.ty_lee`).
    env.set_debug(true);
    if let Ok(syntax) = SyntaxConfig::builder().keep_trailing_newline(true).build() {
        env.set_syntax(syntax);
    }
    env.set_auto_escape_callback(|name| {
        if name.starts_with("core:") {
            AutoEscape::Custom("xml".into())
        } else {
            AutoEscape::Custom("docx".into())
        }
    });
    env.set_formatter(format_value);
    env.add_filter("__docx_attr", |v: Value| {
        let s = v.as_str().map_or_else(|| v.to_string(), str::to_string);
        Value::from_object(AttrValue(s))
    });
    env
}

/// Writes a value into the XML being rendered, escaped for where it lands.
fn format_value(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    let mut buf = String::new();
    if let Some(attr) = value.downcast_object_ref::<AttrValue>() {
        escape_into(&mut buf, &attr.0);
    } else {
        let text = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_string);
        match state.auto_escape() {
            AutoEscape::Custom(mode) if mode == "docx" => docx_text(&mut buf, &text),
            _ => escape_into(&mut buf, &text),
        }
    }
    out.write_str(&buf)
        .map_err(|_| Error::new(ErrorKind::WriteFailure, "could not write output"))
}

/// Escapes text inside a `w:t`; line breaks and tabs become Word's own
/// elements by closing and reopening the text node.
fn docx_text(out: &mut String, s: &str) {
    const BR: &str = "</w:t><w:br/><w:t xml:space=\"preserve\">";
    const TAB: &str = "</w:t><w:tab/><w:t xml:space=\"preserve\">";
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str(BR);
            }
            '\n' | '\u{2028}' => out.push_str(BR),
            '\t' => out.push_str(TAB),
            c => escape_char(out, c),
        }
    }
}

/// Jinja text that keeps the block structure of a failed tag but does
/// nothing, so rendering can continue past it.
fn neutral(tag: &Tag) -> String {
    if tag.kind != TagKind::Stmt {
        return String::new();
    }
    match tag.keyword() {
        "for" => "{% for _ in [] %}".into(),
        "if" => "{% if false %}".into(),
        "elif" => "{% elif false %}".into(),
        "with" => "{% with __docx_neutral = none %}".into(),
        "filter" => "{% filter string %}".into(),
        "macro" => "{% macro __docx_neutral() %}".into(),
        "autoescape" => "{% autoescape false %}".into(),
        "set" if !tag.inner.contains('=') => "{% set __docx_neutral %}".into(),
        "call" | "block" => tag.jinja(),
        _ => String::new(),
    }
}

/// Block openers and the keyword of their end tag.
fn opener(tag: &Tag) -> Option<&'static str> {
    if tag.kind != TagKind::Stmt {
        return None;
    }
    Some(match tag.keyword() {
        "for" => "endfor",
        "if" => "endif",
        "with" => "endwith",
        "filter" => "endfilter",
        "macro" => "endmacro",
        "call" => "endcall",
        "autoescape" => "endautoescape",
        "block" => "endblock",
        "set" if !tag.inner.contains('=') => "endset",
        _ => return None,
    })
}

/// What to compile to check one tag's syntax on its own.
fn check_source(tag: &Tag) -> Option<String> {
    let j = tag.jinja();
    match tag.kind {
        TagKind::Comment => None,
        TagKind::Expr => Some(j),
        TagKind::Stmt => {
            let kw = tag.keyword();
            if let Some(end) = opener(tag) {
                return Some(format!("{j}{{% {end} %}}"));
            }
            match kw {
                "elif" | "else" => Some(format!("{{% if true %}}{j}{{% endif %}}")),
                "break" | "continue" => Some(format!("{{% for _ in [] %}}{j}{{% endfor %}}")),
                "colspan" | "cellbg" => {
                    let arg = tag.inner.trim_start()[kw.len()..].trim();
                    Some(format!("{{{{ {arg} }}}}"))
                }
                k if k.starts_with("end") => None,
                "vm" | "hm" if tag.inner == kw => None,
                _ => Some(j),
            }
        }
    }
}

/// Where in the source each tag's text went.
struct Source {
    text: String,
    spans: Vec<(usize, usize, usize)>,
}

fn build(xml: &str, prep: &Prepared, neutralized: &HashSet<usize>) -> Source {
    let mut text = String::with_capacity(xml.len() + xml.len() / 8);
    let mut spans = Vec::new();
    for piece in &prep.pieces {
        match piece {
            Piece::Raw(r) => protect(&mut text, &xml[r.clone()]),
            Piece::Xml(s) => protect(&mut text, s),
            Piece::Jinja {
                tag,
                text: j,
                neutral: n,
            } => {
                let start = text.len();
                if neutralized.contains(tag) {
                    match n {
                        Some(n) => text.push_str(n),
                        None => text.push_str(&neutral(&prep.tags[*tag])),
                    }
                } else {
                    text.push_str(j);
                }
                spans.push((start, text.len(), *tag));
            }
        }
    }
    Source { text, spans }
}

/// Copies XML into the template so Jinja reads it as plain text.
fn protect(out: &mut String, s: &str) {
    if crate::render::env::has_tag(s) || s.ends_with('{') {
        out.push_str("{% raw %}");
        out.push_str(s);
        out.push_str("{% endraw %}");
    } else {
        out.push_str(s);
    }
}

/// Renders one part; `name` is `word:<part>` or `core:<part>`.
pub(crate) fn render_part(
    env: &Environment<'static>,
    name: &str,
    xml: &str,
    prep: &Prepared,
    ctx: &Value,
) -> Result<String, Vec<PrepError>> {
    let mut errors: Vec<PrepError> = prep.errors.clone();
    let mut neutralized: HashSet<usize> = HashSet::new();
    let used: Vec<usize> = {
        let mut seen = std::collections::HashSet::new();
        prep.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Jinja { tag, .. } => Some(*tag),
                _ => None,
            })
            .filter(|t| seen.insert(*t))
            .collect()
    };

    // 1. Each tag on its own: syntax errors, with the tag's own location.
    for &t in &used {
        let tag = &prep.tags[t];
        if let Some(src) = check_source(tag)
            && let Err(e) = env.template_from_named_str(name, &src)
        {
            errors.push(describe(env, ctx, tag, &e));
            neutralized.insert(t);
        }
    }

    // 2. The whole part, again and again until it renders.
    for _ in 0..MAX_ROUNDS {
        let src = build(xml, prep, &neutralized);
        let at = |e: &Error| -> Option<usize> {
            let r = e.range()?;
            let k = src.spans.partition_point(|s| s.0 <= r.start);
            let s = src.spans.get(k.checked_sub(1)?)?;
            (r.start < s.1.max(s.0 + 1)).then_some(s.2)
        };
        let tmpl = match env.template_from_named_str(name, &src.text) {
            Ok(t) => t,
            Err(e) => {
                match at(&e).filter(|t| !neutralized.contains(t)) {
                    Some(t) => {
                        errors.push(describe(env, ctx, &prep.tags[t], &e));
                        neutralized.insert(t);
                        // A stray end tag is simply dropped by neutral().
                        continue;
                    }
                    None => errors.extend(unclosed(prep, &used, &neutralized, &e)),
                }
                return Err(errors);
            }
        };
        let mut sink = Capped::default();
        let rendered = tmpl.render_captured_to(ctx, &mut sink).map(|_| ());
        if sink.over {
            errors.push(PrepError::unplaced(WordKind::TooLarge {
                mib: (MAX_PART_BYTES >> 20) as u64,
            }));
            return Err(errors);
        }
        match rendered.map(|()| String::from_utf8(sink.buf).unwrap_or_default()) {
            Ok(out) if errors.is_empty() => return Ok(out),
            Ok(_) => return Err(errors),
            Err(e) => match at(&e).filter(|t| !neutralized.contains(t)) {
                Some(t) if e.kind() != ErrorKind::OutOfFuel => {
                    errors.push(describe(env, ctx, &prep.tags[t], &e));
                    neutralized.insert(t);
                }
                _ => {
                    errors.push(unlocated(&e));
                    return Err(errors);
                }
            },
        }
    }
    Err(errors)
}

/// Compiles a part into `env` under `name`, for [`render_compiled`]:
/// only when every tag compiles on its own and the part compiles whole,
/// that is when [`render_part`] would render the very same source in its
/// first round. `false` leaves `env` as it was.
pub(crate) fn compile_part(
    env: &mut Environment<'static>,
    name: &str,
    xml: &str,
    prep: &Prepared,
) -> bool {
    if !prep.errors.is_empty() || env.get_template(name).is_ok() {
        return false;
    }
    let tags_compile = prep.pieces.iter().all(|p| match p {
        Piece::Jinja { tag, .. } => check_source(&prep.tags[*tag])
            .is_none_or(|src| env.template_from_named_str(name, &src).is_ok()),
        _ => true,
    });
    if !tags_compile {
        return false;
    }
    let src = build(xml, prep, &HashSet::new());
    env.add_template_owned(name.to_string(), src.text).is_ok()
}

/// Renders a part compiled by [`compile_part`]: the text [`render_part`]
/// gives when it succeeds, `None` when it would report anything (the
/// caller then renders the slow way, which names every error).
pub(crate) fn render_compiled(
    env: &Environment<'static>,
    name: &str,
    ctx: &Value,
) -> Option<String> {
    let tmpl = env.get_template(name).ok()?;
    let mut sink = Capped::default();
    tmpl.render_captured_to(ctx, &mut sink).ok()?;
    if sink.over {
        return None;
    }
    String::from_utf8(sink.buf).ok()
}

/// Finds the block openers left without an end tag.
fn unclosed(
    prep: &Prepared,
    used: &[usize],
    neutralized: &HashSet<usize>,
    e: &Error,
) -> Vec<PrepError> {
    let mut stack: Vec<(usize, &'static str)> = Vec::new();
    for &t in used {
        let tag = &prep.tags[t];
        if neutralized.contains(&t) && tag.kind == TagKind::Stmt && neutral(tag).is_empty() {
            continue;
        }
        if let Some(end) = opener(tag) {
            stack.push((t, end));
        } else if tag.kind == TagKind::Stmt
            && let Some(pos) = stack.iter().rposition(|(_, end)| *end == tag.keyword())
        {
            stack.truncate(pos);
        }
    }
    if stack.is_empty() {
        return vec![unlocated(e)];
    }
    stack
        .into_iter()
        .map(|(t, end)| {
            let tag = &prep.tags[t];
            PrepError {
                undefined: None,
                location: Some(tag.location.clone()),
                kind: WordKind::NoEndTag {
                    tag: tag.display.clone(),
                    end: end.to_string(),
                },
            }
        })
        .collect()
}

/// The most one part of a document may grow to when rendered. Fuel bounds
/// the steps of a render, but one step can emit a long string, so the size
/// is bounded too.
pub(crate) const MAX_PART_BYTES: usize = crate::ooxml::part::MAX_PART_BYTES as usize;

/// Collects rendered output and refuses to grow past [`MAX_PART_BYTES`].
#[derive(Default)]
struct Capped {
    buf: Vec<u8>,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + bytes.len() > MAX_PART_BYTES {
            self.over = true;
            return Err(std::io::Error::other("rendered part too large"));
        }
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn unlocated(e: &Error) -> PrepError {
    if e.kind() == ErrorKind::OutOfFuel {
        return PrepError::unplaced(WordKind::RunsTooLong);
    }
    if let Some(error) = crate::render::filters::filter_error(e) {
        return PrepError::unplaced(WordKind::FilterUntagged {
            engine: e.kind().to_string(),
            error: error.clone(),
        });
    }
    PrepError::unplaced(WordKind::Error {
        detail: crate::render::env::error_detail(e),
    })
}

/// A bilingual message for an error raised by `tag`.
fn describe(env: &Environment<'static>, ctx: &Value, tag: &Tag, e: &Error) -> PrepError {
    let location = tag.location.clone();
    let shown = &tag.display;
    let backticked = e
        .detail()
        .and_then(|d| Some(d.split('`').nth(1)?.to_string()));
    let kind = match e.kind() {
        ErrorKind::UndefinedError if backticked.as_deref() == Some("loop") => {
            if matches!(tag.inner.as_str(), "vm" | "hm") {
                WordKind::MergeOutsideLoop {
                    tag: shown.to_string(),
                }
            } else {
                WordKind::LoopOutsideFor
            }
        }
        ErrorKind::UndefinedError if backticked.is_some() => {
            let name = backticked.clone().unwrap_or_default();
            WordKind::UnknownName {
                nearest: suggest_path(ctx, &name),
                name,
            }
        }
        ErrorKind::UnknownFilter => {
            let name = e
                .detail()
                .and_then(|d| d.strip_prefix("filter "))
                .and_then(|d| d.strip_suffix(" is unknown"))
                .unwrap_or("?")
                .to_string();
            let known = FILTER_NAMES
                .iter()
                .copied()
                .filter(|f| filter_exists(env, f));
            WordKind::UnknownFilter {
                nearest: nearest(&name, known.collect::<Vec<_>>()).map(str::to_string),
                name,
            }
        }
        ErrorKind::SyntaxError => WordKind::Syntax {
            tag: shown.to_string(),
            detail: e.detail().unwrap_or("syntax error").to_string(),
        },
        _ => match crate::render::filters::filter_error(e) {
            Some(error) => WordKind::Filter {
                tag: shown.to_string(),
                engine: e.kind().to_string(),
                error: error.clone(),
            },
            None => WordKind::Fill {
                tag: shown.to_string(),
                detail: crate::render::env::error_detail(e),
            },
        },
    };
    let undefined = (e.kind() == ErrorKind::UndefinedError).then(|| {
        backticked
            .filter(|n| !n.contains(' '))
            .unwrap_or_else(|| shown.to_string())
    });
    PrepError {
        undefined,
        location: Some(location),
        kind,
    }
}

fn filter_exists(env: &Environment<'static>, name: &str) -> bool {
    let mut src = String::new();
    let _ = write!(src, "{{{{ none | {name} }}}}");
    match env.template_from_named_str("probe", &src) {
        Ok(t) => !matches!(t.render(()), Err(e) if e.kind() == ErrorKind::UnknownFilter),
        Err(e) => e.kind() != ErrorKind::UnknownFilter,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Kind, Lang, TemplateKind};

    /// A filter's error that no tag can be named for keeps the filter's
    /// words in both languages; the engine's own text of it is Vietnamese.
    #[test]
    fn an_untagged_filter_error_is_worded_by_the_filter_in_each_language() {
        let env = crate::render::env::environment(Default::default());
        let e = env.render_str("{{ 'abc'|so }}", ()).unwrap_err();
        let kind = Kind::Template(TemplateKind::Word(unlocated(&e).kind));
        assert_eq!(
            kind.render(Lang::En),
            "template error: invalid operation: filter \"so\": \"abc\" is not a number, a fraction or Đạt/Chưa đạt"
        );
        assert_eq!(
            kind.render(Lang::Vi),
            "lỗi trong mẫu: invalid operation: bộ lọc \"so\": \"abc\" không phải là số, phân số hay Đạt/Chưa đạt"
        );
        assert_eq!(kind.code(), "loi_trong_mau");
    }
}
