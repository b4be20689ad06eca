//! Owned tokens for Excel templates (names, attributes and text decoded),
//! built on the one tokenizer of the package layer
//! ([`crate::ooxml::xml`]), so both template engines read XML alike.

use crate::ooxml::xml as core;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Start,
    End,
    Empty,
    Text,
    Other,
}

#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub(super) kind: Kind,
    pub(super) name: String,
    pub(super) attrs: Vec<(String, String)>,
    /// Unescaped text of a text token.
    pub(super) text: String,
    pub(super) span: Range<usize>,
}

/// Tokenizes a part. A UTF-8 byte-order mark at its start (some tools
/// write one) is skipped, and spans stay offsets into the whole `xml`.
/// Adjacent character data, references and CDATA make one text token.
pub(super) fn tokenize(xml: &str) -> Result<Vec<Tok>, String> {
    let mut toks: Vec<Tok> = Vec::new();
    for t in core::tokenize(xml)? {
        let raw = &xml[t.start..t.end];
        let (kind, attrs, text) = match t.kind {
            core::Kind::Start => (Kind::Start, core::attributes(raw)?, String::new()),
            core::Kind::Empty => (Kind::Empty, core::attributes(raw)?, String::new()),
            core::Kind::End => (Kind::End, Vec::new(), String::new()),
            core::Kind::Text => (Kind::Text, Vec::new(), core::text_of(raw)),
            core::Kind::Other => (Kind::Other, Vec::new(), String::new()),
        };
        if kind == Kind::Text
            && let Some(last) = toks.last_mut()
            && last.kind == Kind::Text
            && last.span.end == t.start
        {
            last.text.push_str(&text);
            last.span.end = t.end;
            continue;
        }
        toks.push(Tok {
            kind,
            name: t.name.to_string(),
            attrs,
            text,
            span: t.start..t.end,
        });
    }
    Ok(toks)
}

pub(super) fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

pub(super) fn set_attr(attrs: &mut Vec<(String, String)>, key: &str, value: String) {
    match attrs.iter_mut().find(|(k, _)| k == key) {
        Some(a) => a.1 = value,
        None => attrs.push((key.to_string(), value)),
    }
}

pub(super) fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Escape an attribute value.
pub(super) fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// Escape element text (`&`, `<`, `>` only, as Excel writes it).
pub(super) fn esc_text(s: &str) -> String {
    quick_xml::escape::partial_escape(s).into_owned()
}

pub(super) fn start_tag(name: &str, attrs: &[(String, String)], empty: bool) -> String {
    let mut s = format!("<{name}");
    for (k, v) in attrs {
        s.push_str(&format!(" {k}=\"{}\"", esc(v)));
    }
    s.push_str(if empty { "/>" } else { ">" });
    s
}

/// Index of the token closing the element opened at `i`.
pub(super) fn matching_end(toks: &[Tok], i: usize) -> usize {
    if toks[i].kind != Kind::Start {
        return i;
    }
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(i) {
        match t.kind {
            Kind::Start => depth += 1,
            Kind::End => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    toks.len() - 1
}

/// Remove every `<name …/>` element whose attributes satisfy `drop`.
pub(super) fn drop_elements(
    xml: &str,
    name: &str,
    drop: impl Fn(&[(String, String)]) -> bool,
) -> Result<String, String> {
    if xml.is_empty() {
        return Ok(String::new());
    }
    let toks = tokenize(xml)?;
    let mut out = String::with_capacity(xml.len());
    let mut i = 0;
    let mut pos = 0;
    while i < toks.len() {
        let t = &toks[i];
        if matches!(t.kind, Kind::Start | Kind::Empty) && local(&t.name) == name && drop(&t.attrs) {
            let end = matching_end(&toks, i);
            out.push_str(&xml[pos..t.span.start]);
            pos = toks[end].span.end;
            i = end + 1;
            continue;
        }
        i += 1;
    }
    out.push_str(&xml[pos..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_skipped_and_spans_stay_in_the_whole_part() {
        let xml = "\u{feff}<?xml version=\"1.0\"?><c><v>Đà</v></c>";
        let toks = tokenize(xml).unwrap();
        let spans: Vec<&str> = toks.iter().map(|t| &xml[t.span.clone()]).collect();
        assert_eq!(
            spans,
            [
                "<?xml version=\"1.0\"?>",
                "<c>",
                "<v>",
                "Đà",
                "</v>",
                "</c>"
            ]
        );
    }
}
