//! "Did you mean …?" for unknown names, from the key paths of the context.

use std::collections::BTreeSet;

use minijinja::Value;
use minijinja::value::ValueKind;

use crate::render::env::is_ident;

/// One step of a name path: `.attr` or `["key"]` / `[0]`.
#[derive(Debug, Clone, PartialEq)]
struct Seg {
    text: String,
    /// Byte offset in the path where this segment (with its `.`/`[`) starts.
    at: usize,
}

/// Splits `ct.GD01.ty_le`, `nhom["Văn hóa"][0].ten` into segments.
fn split_path(path: &str) -> Option<Vec<Seg>> {
    let mut segs = Vec::new();
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let at = i;
        match b[i] {
            b'.' => i += 1,
            b'[' => {
                let close = i + path[i..].find(']')?;
                let inner = path[i + 1..close].trim();
                let text = inner.trim_matches(|c| c == '"' || c == '\'');
                segs.push(Seg {
                    text: text.to_string(),
                    at,
                });
                i = close + 1;
                continue;
            }
            _ if at != 0 => return None,
            _ => {}
        }
        let end = path[i..].find(['.', '[']).map_or(path.len(), |n| i + n);
        segs.push(Seg {
            text: path[i..end].to_string(),
            at,
        });
        i = end;
    }
    (!segs.is_empty()).then_some(segs)
}

fn keys_of(v: &Value) -> Vec<String> {
    if v.kind() != ValueKind::Map {
        return Vec::new();
    }
    v.try_iter()
        .map(|it| it.filter_map(|k| k.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn lookup(v: &Value, key: &str) -> Option<Value> {
    let r = match v.kind() {
        ValueKind::Seq => key
            .parse::<i64>()
            .ok()
            .and_then(|n| v.get_item(&Value::from(n)).ok()),
        _ => v.get_attr(key).ok(),
    }?;
    (!r.is_undefined()).then_some(r)
}

/// Every map key anywhere in the context (bounded), for names reached
/// through loop variables whose value is not known here.
fn all_keys(ctx: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo = vec![(ctx.clone(), 0)];
    let mut visited = 0;
    while let Some((v, depth)) = todo.pop() {
        visited += 1;
        if visited > 100_000 || depth > 8 {
            continue;
        }
        match v.kind() {
            ValueKind::Map => {
                for k in keys_of(&v) {
                    if let Some(child) = lookup(&v, &k) {
                        todo.push((child, depth + 1));
                    }
                    out.insert(k);
                }
            }
            ValueKind::Seq => {
                if let Ok(it) = v.try_iter() {
                    for item in it.take(20) {
                        todo.push((item, depth + 1));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The candidate closest to `word` ([`crate::suggest`]'s rule).
pub(crate) fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    crate::suggest::nearest(word, candidates)
}

/// Suggests a known path for an undefined `path` such as `ct.GD01.ty_lee`.
///
/// Minijinja reports the shortest undefined prefix, so everything but the
/// last segment is defined: look it up in the context and pick the nearest
/// key there; if it starts at a loop variable, any key of the context will do.
pub(crate) fn suggest_path(ctx: &Value, path: &str) -> Option<String> {
    let segs = split_path(path)?;
    let (last, prefix) = segs.split_last()?;
    let candidates: Vec<String> = if prefix.is_empty() {
        keys_of(ctx)
    } else {
        let mut v = Some(ctx.clone());
        for s in prefix {
            v = v.and_then(|v| lookup(&v, &s.text));
        }
        match v {
            Some(v) => keys_of(&v),
            None => all_keys(ctx).into_iter().collect(),
        }
    };
    let best = nearest(&last.text, candidates.iter().map(String::as_str))?;
    let head = &path[..last.at];
    Some(if prefix.is_empty() {
        best.to_string()
    } else if is_ident(best) {
        format!("{head}.{best}")
    } else {
        format!("{head}[\"{best}\"]")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::context;

    #[test]
    fn splits_paths() {
        let segs = split_path("nhom[\"Văn hóa\"].ten").unwrap();
        let texts: Vec<_> = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["nhom", "Văn hóa", "ten"]);
    }

    #[test]
    fn suggests_sibling_key() {
        let ctx = context!(ct => context!(GD01 => context!(ty_le => "1", ten => "x")));
        assert_eq!(
            suggest_path(&ctx, "ct.GD01.ty_lee").as_deref(),
            Some("ct.GD01.ty_le")
        );
        assert_eq!(suggest_path(&ctx, "cx").as_deref(), Some("ct"));
        assert_eq!(suggest_path(&ctx, "c.tenn").as_deref(), Some("c.ten"));
        assert_eq!(suggest_path(&ctx, "ct.GD01.zzzzzz"), None);
    }
}
