//! The package docx-rs writes, made deterministic and schema-valid:
//! fixed timestamps, plain quotes in text, children in schema order.

use super::*;

/// Rewrites docx-rs's zip: fixed timestamps (1980-01-01) and permissions,
/// no directory entries, deflated parts, our own core properties, the
/// repeating table header, and plain quotes inside text so that tags read
/// in Word (and in document.xml) exactly as written.
pub(super) fn normalise_zip(raw: &[u8]) -> Vec<u8> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(raw)).expect("docx-rs writes a readable zip");
    let mut out = crate::ooxml::write::Writer::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry listed by the archive");
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .expect("docx-rs writes UTF-8 names")
            .to_string();
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .expect("reading an in-memory zip cannot fail");
        let data = match name.as_str() {
            "docProps/core.xml" => CORE_XML.as_bytes().to_vec(),
            "word/document.xml" => {
                let xml = String::from_utf8(data).expect("docx-rs writes UTF-8");
                let xml = schema_order(&mark_header_rows(&plain_quotes_in_text(&xml)));
                without_grid_col_type(&xml).into_bytes()
            }
            "word/numbering.xml" => {
                let xml = String::from_utf8(data).expect("docx-rs writes UTF-8");
                // A numbering level's `w:pPr` (CT_PPrGeneral) has no `w:rPr`;
                // docx-rs writes an empty one there (the level's own `w:rPr`
                // follows the `w:pPr`, where the schema has it).
                xml.replace("<w:pPr><w:rPr /></w:pPr>", "<w:pPr />")
                    .replace("<w:pPr><w:rPr />", "<w:pPr>")
                    .into_bytes()
            }
            n if n.starts_with("word/header") || n == "word/styles.xml" => {
                let xml = String::from_utf8(data).expect("docx-rs writes UTF-8");
                // A style's `w:pPr` is CT_PPrGeneral too: no `w:rPr` inside.
                schema_order(&plain_quotes_in_text(&xml))
                    .replace("<w:pPr><w:rPr /></w:pPr>", "<w:pPr />")
                    .into_bytes()
            }
            "word/settings.xml" => {
                let xml = String::from_utf8(data).expect("docx-rs writes UTF-8");
                // CT_Settings is a sequence in which `w:zoom` comes before
                // `w:defaultTabStop`; docx-rs writes them the other way round.
                let zoom = r#"<w:zoom w:percent="100" />"#;
                match xml.find("<w:defaultTabStop") {
                    Some(at) if xml.contains(zoom) => {
                        let xml = xml.replacen(zoom, "", 1);
                        format!("{}{zoom}{}", &xml[..at], &xml[at..]).into_bytes()
                    }
                    _ => xml.into_bytes(),
                }
            }
            _ => data,
        };
        out.part(&name, &data)
            .expect("writing an in-memory zip cannot fail");
    }
    out.finish().expect("writing an in-memory zip cannot fail")
}

/// Drops the `w:type` docx-rs writes on every `w:gridCol`: CT_TblGridCol
/// has only `w:w` (a grid column is always in twips), and Word treats an
/// undeclared attribute as a fault to repair.
fn without_grid_col_type(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find("<w:gridCol ") {
        let end = at + rest[at..].find('>').expect("docx-rs closes its tags") + 1;
        out.push_str(&rest[..at]);
        out.push_str(&rest[at..end].replace(r#" w:type="dxa""#, ""));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Turns `&quot;`, `&apos;` and `&gt;` back into `"`, `'` and `>` inside
/// `<w:t>` text (all are legal there; tags write `<` as `"\u003c"`), so a tag such as
/// `{%p if bao_cao.the_thuc == "dang" %}` is stored as typed.
fn plain_quotes_in_text(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(open) = rest.find("<w:t") {
        // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl>`, `<w:tc>`, …
        let after = &rest[open + 4..];
        if !(after.starts_with('>') || after.starts_with(' ')) {
            out.push_str(&rest[..open + 4]);
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let start = open + 4 + gt + 1;
        let Some(len) = rest[start..].find("</w:t>") else {
            break;
        };
        out.push_str(&rest[..start]);
        let text = &rest[start..start + len];
        out.push_str(
            &text
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&gt;", ">"),
        );
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// Child order of the property elements, from the WordprocessingML schema
/// (ECMA-376 part 1, §17), as space-separated local names. docx-rs writes
/// some children out of this order (`w:rFonts` after `w:sz`, `w:jc` before
/// `w:spacing`, `w:headerReference` after `w:pgSz`, …); LibreOffice does not
/// mind, but Word validates sequences, and every report is built from this
/// template.
#[rustfmt::skip]
const SCHEMA_ORDER: &[(&str, &str)] = &[
    ("rPr", "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss \
        imprint noProof snapToGrid vanish webHidden color spacing w kern position sz \
        szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout \
        specVanish oMath"),
    ("pPr", "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr \
        suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap \
        overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd \
        snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc \
        textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr \
        sectPr pPrChange"),
    ("tblPr", "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize \
        tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook \
        tblCaption tblDescription"),
    ("tcPr", "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection \
        tcFitText vAlign hideMark"),
    ("sectPr", "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc \
        pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg \
        textDirection bidi rtlGutter docGrid printerSettings sectPrChange"),
    ("style", "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden \
        unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr \
        rPr tblPr trPr tcPr tblStylePr"),
];

/// Puts the children of every property element in schema order (stable:
/// repeated children such as two `w:headerReference` keep their order).
fn schema_order(xml: &str) -> String {
    SCHEMA_ORDER
        .iter()
        .fold(xml.to_owned(), |xml, (name, order)| {
            let order: Vec<&str> = order.split_whitespace().collect();
            reorder(&xml, name, &order)
        })
}

fn reorder(xml: &str, name: &str, order: &[&str]) -> String {
    let open = format!("<w:{name}");
    let close = format!("</w:{name}>");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(&open) {
        let after = &rest[at + open.len()..];
        // `<w:pPr>` or `<w:style w:type=…>`; not `<w:pPrDefault>`, not `<w:rPr />`.
        let Some(gt) = after.find('>') else { break };
        let is_open_tag =
            (after.starts_with('>') || after.starts_with(' ')) && !after[..gt].ends_with('/');
        let body_start = at + open.len() + gt + 1;
        if !is_open_tag {
            out.push_str(&rest[..body_start]);
            rest = &rest[body_start..];
            continue;
        }
        let Some(len) = rest[body_start..].find(&close) else {
            break;
        };
        out.push_str(&rest[..body_start]);
        let body = &rest[body_start..body_start + len];
        match children(body) {
            Some(mut kids) => {
                let rank = |kid: &(&str, &str)| {
                    order
                        .iter()
                        .position(|o| *o == kid.0)
                        .unwrap_or(order.len())
                };
                kids.sort_by_key(rank);
                kids.iter().for_each(|(_, text)| out.push_str(text));
            }
            None => out.push_str(body),
        }
        rest = &rest[body_start + len..];
    }
    out.push_str(rest);
    out
}

/// Splits an element's content into its `w:` children, `(local name, text)`;
/// `None` when the content is anything else (text, other namespaces).
fn children(body: &str) -> Option<Vec<(&str, &str)>> {
    let mut kids = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let tag = rest.strip_prefix("<w:")?;
        let name_len = tag.find([' ', '/', '>'])?;
        let name = &tag[..name_len];
        let gt = rest.find('>')?;
        let end = if rest[..gt].ends_with('/') {
            gt + 1
        } else {
            let close = format!("</w:{name}>");
            rest.find(&close)? + close.len()
        };
        kids.push((name, &rest[..end]));
        rest = &rest[end..];
    }
    Some(kids)
}

/// Marks the indicator table's header row as repeating on each page
/// (`w:tblHeader`), found by its marker height.
fn mark_header_rows(xml: &str) -> String {
    let marker = format!(r#"<w:trHeight w:val="{TABLE_HEADER_HEIGHT}" w:hRule="atLeast" />"#);
    xml.replace(&marker, &format!("{marker}<w:tblHeader />"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_plain_only_inside_text() {
        let xml = r#"<w:tbl a="&quot;"><w:t xml:space="preserve">== &quot;dang&quot;</w:t><w:t>&apos;x&apos;</w:t>"#;
        assert_eq!(
            plain_quotes_in_text(xml),
            r#"<w:tbl a="&quot;"><w:t xml:space="preserve">== "dang"</w:t><w:t>'x'</w:t>"#
        );
    }

    #[test]
    fn property_children_follow_the_schema() {
        let xml = concat!(
            r#"<w:p><w:pPr><w:rPr><w:sz w:val="28" /><w:b /><w:rFonts w:ascii="T" /></w:rPr>"#,
            r#"<w:jc w:val="both" /><w:ind w:firstLine="720" /><w:spacing w:after="120" /></w:pPr></w:p>"#,
            r#"<w:sectPr><w:pgSz w:w="1" /><w:headerReference r:id="a" /><w:headerReference r:id="b" /></w:sectPr>"#,
        );
        assert_eq!(
            schema_order(xml),
            concat!(
                r#"<w:p><w:pPr><w:spacing w:after="120" /><w:ind w:firstLine="720" /><w:jc w:val="both" />"#,
                r#"<w:rPr><w:rFonts w:ascii="T" /><w:b /><w:sz w:val="28" /></w:rPr></w:pPr></w:p>"#,
                r#"<w:sectPr><w:headerReference r:id="a" /><w:headerReference r:id="b" /><w:pgSz w:w="1" /></w:sectPr>"#,
            )
        );
    }

    #[test]
    fn build_is_deterministic() {
        assert_eq!(build_template(), build_template());
    }
}
