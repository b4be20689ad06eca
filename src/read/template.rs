//! A template package as soket accepts it: macros removed, links out named.
//!
//! A `.docm` renamed `mau/bao-cao.docx` (or an `.xlsm` template) would give
//! a report that still carries its VBA project under a macro-enabled content
//! type: a signed document must not run code. Its macros are removed from
//! the output, which is then a plain `.docx`/`.xlsx`, with a warning.
//! Relationships to targets outside the package (a linked image or an
//! attached template at an http address) are fetched by Word when the report
//! is opened: they are kept, but only with a warning naming them.

use crate::check::{Kind, Problem, TemplateKind};

/// Content types of macro-enabled main parts → their plain twins.
const MACRO_TYPES: &[(&str, &str)] = &[
    (
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    (
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    (
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    (
        "application/vnd.ms-excel.template.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
];

/// Parts that hold or wire up macros (lower case, matched anywhere in the
/// part name or a relationship's target/type).
const MACRO_MARKS: &[&str] = &[
    "vbaproject",
    "vbadata",
    "keymapcustomizations",
    "attachedtoolbars",
];

fn is_macro(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    MACRO_MARKS.iter().any(|m| lower.contains(m))
}

/// The value of attribute `key` in one element's text.
fn attr<'a>(element: &'a str, key: &str) -> Option<&'a str> {
    let at = element.find(&format!(" {key}=\""))? + key.len() + 3;
    let end = element[at..].find('"')?;
    Some(&element[at..at + end])
}

/// `xml` without the empty elements `<tag …/>` for which `drop` is true.
fn without(xml: &str, tag: &str, mut drop: impl FnMut(&str) -> bool) -> String {
    let open = format!("<{tag} ");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let Some(len) = rest[i..].find("/>").map(|e| e + 2) else {
            break;
        };
        out.push_str(&rest[..i]);
        let element = &rest[i..i + len];
        if !drop(element) {
            out.push_str(element);
        }
        rest = &rest[i + len..];
    }
    out.push_str(rest);
    out
}

/// Check template `bytes` (named `name` in problems): the package to
/// render (`None`: the bytes as given) and the warnings. A package that
/// cannot be read is left to the renderer, which says why.
pub fn sanitize(bytes: &[u8], name: &str) -> (Option<Vec<u8>>, Vec<Problem>) {
    let Ok(parts) = crate::ooxml::read::parts(bytes, name) else {
        return (None, Vec::new());
    };
    let mut problems = Vec::new();
    let mut external = Vec::new();
    for (part, data) in &parts {
        if !part.ends_with(".rels") {
            continue;
        }
        let text = String::from_utf8_lossy(data);
        without(&text, "Relationship", |e| {
            let linked = attr(e, "TargetMode") == Some("External")
                && !attr(e, "Type").is_some_and(|t| t.ends_with("/hyperlink"));
            if linked {
                external.push(format!("{} ({part})", attr(e, "Target").unwrap_or("?")));
            }
            false
        });
    }
    if !external.is_empty() {
        problems.push(
            Problem::warning(Kind::Template(TemplateKind::ExternalLinks {
                links: external.iter().map(|l| l.to_string()).collect(),
            }))
            .file(name),
        );
    }
    let macros: Vec<&str> = parts
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| is_macro(p))
        .collect();
    let macro_type = parts.iter().any(|(p, d)| {
        p == "[Content_Types].xml" && {
            let t = String::from_utf8_lossy(d);
            MACRO_TYPES.iter().any(|(m, _)| t.contains(m))
        }
    });
    if macros.is_empty() && !macro_type {
        return (None, problems);
    }
    problems.push(
        Problem::warning(Kind::Template(TemplateKind::Macros {
            parts: macros.iter().map(|m| m.to_string()).collect(),
        }))
        .file(name),
    );
    let mut writer = crate::ooxml::write::Writer::new();
    for (part, data) in &parts {
        if is_macro(part) {
            continue;
        }
        let data = if part == "[Content_Types].xml" {
            let mut t = without(&String::from_utf8_lossy(data), "Default", |e| {
                attr(e, "ContentType")
                    .is_some_and(|c| c.contains("vbaProject") || c.contains("vbaData"))
            });
            t = without(&t, "Override", |e| {
                attr(e, "PartName").is_some_and(is_macro)
            });
            for (m, plain) in MACRO_TYPES {
                t = t.replace(m, plain);
            }
            t.into_bytes()
        } else if part.ends_with(".rels") {
            without(&String::from_utf8_lossy(data), "Relationship", |e| {
                attr(e, "Target").is_some_and(is_macro) || attr(e, "Type").is_some_and(is_macro)
            })
            .into_bytes()
        } else {
            data.clone()
        };
        if writer.part(part, &data).is_err() {
            return (None, problems);
        }
    }
    (writer.finish().ok(), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_dropped_by_their_attributes() {
        let rels = r#"<Relationships><Relationship Id="rId1" Type="x/vbaProject" Target="vbaProject.bin"/><Relationship Id="rId2" Type="x/styles" Target="styles.xml"/></Relationships>"#;
        assert_eq!(
            without(rels, "Relationship", |e| attr(e, "Target")
                .is_some_and(is_macro)),
            r#"<Relationships><Relationship Id="rId2" Type="x/styles" Target="styles.xml"/></Relationships>"#
        );
    }
}
