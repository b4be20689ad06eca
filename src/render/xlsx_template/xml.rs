//! A tiny token layer over quick-xml, keeping byte spans so that untouched
//! XML is copied exactly as it was.

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
pub(super) fn tokenize(xml: &str) -> Result<Vec<Tok>, String> {
    use quick_xml::events::Event;
    let skip = if xml.starts_with('\u{feff}') { 3 } else { 0 };
    let mut reader = quick_xml::Reader::from_str(&xml[skip..]);
    let mut toks: Vec<Tok> = Vec::new();
    loop {
        let p0 = skip + reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| e.to_string())?;
        let p1 = skip + reader.buffer_position() as usize;
        let (kind, name, attrs, text) = match &ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let mut attrs = Vec::new();
                for a in e.attributes() {
                    let a = a.map_err(|e| e.to_string())?;
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| e.to_string())?;
                    attrs.push((a.key.into_inner().to_string(), v.into_owned()));
                }
                let kind = if matches!(ev, Event::Start(_)) {
                    Kind::Start
                } else {
                    Kind::Empty
                };
                (
                    kind,
                    e.name().into_inner().to_string(),
                    attrs,
                    String::new(),
                )
            }
            Event::End(e) => (
                Kind::End,
                e.name().into_inner().to_string(),
                Vec::new(),
                String::new(),
            ),
            Event::Text(t) => (
                Kind::Text,
                String::new(),
                Vec::new(),
                t.xml10_content().into_owned(),
            ),
            Event::CData(t) => (
                Kind::Text,
                String::new(),
                Vec::new(),
                t.xml10_content().into_owned(),
            ),
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => match r.xml10_content().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => format!("&{other};"),
                    },
                };
                (Kind::Text, String::new(), Vec::new(), s)
            }
            _ => (Kind::Other, String::new(), Vec::new(), String::new()),
        };
        if kind == Kind::Text
            && let Some(last) = toks.last_mut()
            && last.kind == Kind::Text
            && last.span.end == p0
        {
            last.text.push_str(&text);
            last.span.end = p1;
            continue;
        }
        toks.push(Tok {
            kind,
            name,
            attrs,
            text,
            span: p0..p1,
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
