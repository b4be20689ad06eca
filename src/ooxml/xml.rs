//! The one XML tokenizer of soket's package parts: a flat token list with
//! byte spans into the original text, so untouched XML can be copied
//! through byte-for-byte and only the spans that change are rewritten.
//! The Word engine uses the tokens as they are; Excel templates read
//! attributes and text off them ([`attributes`], [`decode`]). Any UTF-8 is
//! accepted, a leading byte-order mark included.

use quick_xml::Reader;
use quick_xml::events::Event;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Start,
    End,
    Empty,
    /// Character data, entity references and CDATA.
    Text,
    /// Declarations, comments, processing instructions.
    Other,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok<'a> {
    pub kind: Kind,
    /// Qualified name (`w:p`) for Start/End/Empty, empty otherwise.
    pub name: &'a str,
    pub start: usize,
    pub end: usize,
    /// For Start: index of the matching End (and the reverse); else itself.
    pub partner: usize,
}

/// Tokenizes `xml`; the error text says where the part is broken.
///
/// A UTF-8 byte-order mark before the declaration (Word does not write
/// one, but other tools that save .docx do) is skipped: the reader would
/// otherwise count positions from after it, and every span would be off by
/// its three bytes. Spans stay offsets into the whole `xml`.
pub fn tokenize(xml: &str) -> Result<Vec<Tok<'_>>, String> {
    let skip = if xml.starts_with(BOM) {
        BOM.len_utf8()
    } else {
        0
    };
    let mut reader = Reader::from_str(&xml[skip..]);
    reader.config_mut().trim_text(false);
    let mut toks: Vec<Tok<'_>> = Vec::with_capacity(xml.len() / 16);
    let mut stack: Vec<usize> = Vec::new();
    loop {
        let start = skip + reader.buffer_position() as usize;
        let ev = reader
            .read_event()
            .map_err(|e| format!("{e} (byte {})", skip as u64 + reader.error_position()))?;
        let end = skip + reader.buffer_position() as usize;
        let kind = match ev {
            Event::Start(_) => Kind::Start,
            Event::End(_) => Kind::End,
            Event::Empty(_) => Kind::Empty,
            Event::Text(_) | Event::GeneralRef(_) | Event::CData(_) => Kind::Text,
            Event::Eof => break,
            _ => Kind::Other,
        };
        let name = match kind {
            Kind::Start | Kind::Empty => tag_name(&xml[start + 1..end]),
            Kind::End => tag_name(&xml[start + 2..end]),
            _ => "",
        };
        let idx = toks.len();
        let mut partner = idx;
        match kind {
            Kind::Start => stack.push(idx),
            Kind::End => {
                let open = stack
                    .pop()
                    .ok_or_else(|| format!("unexpected </{name}> (byte {start})"))?;
                toks[open].partner = idx;
                partner = open;
            }
            _ => {}
        }
        toks.push(Tok {
            kind,
            name,
            start,
            end,
            partner,
        });
    }
    if let Some(&open) = stack.last() {
        return Err(format!("<{}> is never closed", toks[open].name));
    }
    Ok(toks)
}

/// The byte-order mark some tools put at the start of a part.
pub const BOM: char = '\u{feff}';

fn tag_name(s: &str) -> &str {
    let end = s
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(s.len());
    &s[..end]
}

/// Decodes XML character data; `raw_at[k]` is the raw offset of decoded
/// byte `k` (with one extra entry for the end), so positions found in the
/// decoded text map back to the raw XML.
pub fn decode(raw: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(raw.len());
    let mut raw_at = Vec::with_capacity(raw.len() + 1);
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if bytes[i] == b'&'
            && let Some(semi) = raw[i..].find(';').filter(|&n| n <= 12)
            && let Some(c) = entity(&raw[i + 1..i + semi])
        {
            let before = out.len();
            out.push(c);
            raw_at.extend(std::iter::repeat_n(i, out.len() - before));
            i += semi + 1;
            continue;
        }
        let c = raw[i..].chars().next().unwrap_or('\u{fffd}');
        let n = c.len_utf8();
        out.push(c);
        raw_at.extend(i..i + n);
        i += n;
    }
    raw_at.push(raw.len());
    (out, raw_at)
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

pub use crate::vn::text::is_xml_forbidden as is_forbidden;

/// Escapes text for element content or attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        escape_char(out, c);
    }
}

/// One character escaped for XML; characters XML forbids are dropped.
pub fn escape_char(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&apos;"),
        c if is_forbidden(c) => {}
        c => out.push(c),
    }
}

/// The attributes of a start or empty tag's raw text (`<c r="A1" t="s">`),
/// names as written and values unescaped.
pub fn attributes(tag: &str) -> Result<Vec<(String, String)>, String> {
    let inner = tag
        .strip_prefix('<')
        .unwrap_or(tag)
        .trim_end_matches('>')
        .trim_end_matches('/');
    let name_len = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let start = quick_xml::events::BytesStart::from_content(inner, name_len);
    let mut out = Vec::new();
    for a in start.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let v = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?;
        out.push((a.key.into_inner().to_string(), v.into_owned()));
    }
    Ok(out)
}

/// The character data of a text token's raw span: CDATA as it is, other
/// text with its entity and character references resolved (an unknown
/// entity is kept as written) and line ends normalised as XML 1.0 reads
/// them.
pub fn text_of(raw: &str) -> String {
    let text = match raw
        .strip_prefix("<![CDATA[")
        .and_then(|r| r.strip_suffix("]]>"))
    {
        Some(cdata) => cdata.to_string(),
        None => decode(raw).0,
    };
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// The value of attribute `name` in a start tag's raw text, with its span.
pub fn attr_span(tag: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let mut from = 0;
    while let Some(pos) = tag[from..].find(name) {
        let at = from + pos;
        from = at + name.len();
        let before_ok = at > 0 && tag.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = tag[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let after_eq = tag.len() - rest.len() + 1;
        let rest = tag[after_eq..].trim_start();
        let q = rest.chars().next()?;
        if q != '"' && q != '\'' {
            return None;
        }
        let vstart = tag.len() - rest.len() + 1;
        let vend = vstart + tag[vstart..].find(q)?;
        return Some(vstart..vend);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_maps_offsets() {
        let (s, at) = decode("a&amp;b&#x20;c");
        assert_eq!(s, "a&b c");
        assert_eq!(at, vec![0, 1, 6, 7, 13, 14]);
    }

    #[test]
    fn tokens_pair_up() {
        let toks = tokenize(r#"<?xml version="1.0"?><w:p a="x>y"><w:t>a&amp;b</w:t><w:br/></w:p>"#)
            .unwrap();
        let names: Vec<_> = toks.iter().map(|t| t.name).collect();
        assert_eq!(names, ["", "w:p", "w:t", "", "", "", "w:t", "w:br", "w:p"]);
        assert_eq!(toks[1].partner, 8);
    }

    #[test]
    fn byte_order_mark_is_skipped_and_spans_stay_in_the_whole_text() {
        let xml = "\u{feff}<?xml version=\"1.0\"?><w:t>в</w:t>";
        let toks = tokenize(xml).unwrap();
        let spans: Vec<&str> = toks.iter().map(|t| &xml[t.start..t.end]).collect();
        assert_eq!(spans, ["<?xml version=\"1.0\"?>", "<w:t>", "в", "</w:t>"]);
    }

    #[test]
    fn finds_attribute() {
        let tag = r#"<wp:docPr id="5" name="x"/>"#;
        assert_eq!(&tag[attr_span(tag, "id").unwrap()], "5");
        assert_eq!(&tag[attr_span(tag, "name").unwrap()], "x");
    }
}
