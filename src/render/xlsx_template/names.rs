//! Names and messages: whole-cell expressions and the nearest known name.

use minijinja::Environment;
use minijinja::value::{Value, ValueKind};

/// `{{ expr }}` alone in the cell (whitespace around allowed).
pub(super) fn whole_expression(src: &str) -> Option<&str> {
    let t = src.trim();
    let inner = t.strip_prefix("{{")?.strip_suffix("}}")?;
    if inner.contains("{{") || inner.contains("}}") || inner.contains("{%") || inner.contains("{#")
    {
        return None;
    }
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    Some(inner.trim())
}

/// The first name of `src` that does not resolve in `ctx`, and the nearest
/// existing name at the same place.
pub(super) fn unknown_name(
    env: &Environment<'static>,
    src: &str,
    ctx: &Value,
) -> Option<(String, Option<String>)> {
    let mut vars: Vec<String> = match env.template_from_str(src) {
        Ok(t) => t.undeclared_variables(true).into_iter().collect(),
        Err(_) => return None,
    };
    vars.sort();
    for var in vars {
        let segs: Vec<&str> = var.split('.').collect();
        let mut cur = ctx.clone();
        for (i, seg) in segs.iter().enumerate() {
            let next = cur.get_attr(seg).unwrap_or_default();
            if next.is_undefined() {
                let keys: Vec<String> = match cur.try_iter() {
                    Ok(it) if cur.kind() == ValueKind::Map => it.map(|k| k.to_string()).collect(),
                    _ => Vec::new(),
                };
                let best = crate::suggest::nearest(seg, keys.iter().map(String::as_str))
                    .map(str::to_string);
                let prefix = segs[..i].join(".");
                let join = |k: &str| {
                    if prefix.is_empty() {
                        k.to_string()
                    } else {
                        format!("{prefix}.{k}")
                    }
                };
                let hint = best.map(|b| {
                    // Keep the rest of the path when it exists under the suggestion.
                    let mut full = join(&b);
                    let mut v = cur.get_attr(&b).unwrap_or_default();
                    for rest in &segs[i + 1..] {
                        v = v.get_attr(rest).unwrap_or_default();
                        if v.is_undefined() {
                            return full;
                        }
                    }
                    for rest in &segs[i + 1..] {
                        full.push('.');
                        full.push_str(rest);
                    }
                    full
                });
                return Some((join(seg), hint));
            }
            cur = next;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_expressions() {
        assert_eq!(
            whole_expression(" {{ ct.GD01.gia_tri }} "),
            Some("ct.GD01.gia_tri")
        );
        assert_eq!(whole_expression("{{ a }} và {{ b }}"), None);
        assert_eq!(whole_expression("Tỷ lệ {{ a }}"), None);
    }
}
