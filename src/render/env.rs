//! The template environment shared by Word and Excel templates, and the
//! flat listing of context names for `soket vars`.

use crate::vn::Rounding;
use minijinja::{Environment, UndefinedBehavior};

/// Fuel for one template render: enough for a 30,000-row report, small
/// enough that a runaway loop stops within seconds.
pub const FUEL: u64 = 50_000_000;

/// A sandboxed environment: strict undefined names (an unknown name is an
/// error, never an empty gap), Vietnamese filters, a fuel limit, and no
/// loader (templates cannot read files).
pub fn environment(rounding: Rounding) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(100);
    // Python's `ct.items()`, `ten.upper()` … as in templates written for
    // docxtpl (Jinja2 on Python).
    env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
    super::filters::register(&mut env, rounding);
    env
}

/// Whether text holds a template tag (`{{`, `{%` or `{#`).
pub(crate) fn has_tag(s: &str) -> bool {
    s.contains("{{") || s.contains("{%") || s.contains("{#")
}

/// A name that can follow a dot in a template (`ct.GD01`), else it needs
/// brackets (`nhom["Kinh tế"]`).
pub(crate) fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A minijinja error as "kind: detail".
pub(crate) fn error_detail(e: &minijinja::Error) -> String {
    match e.detail() {
        Some(d) => format!("{}: {d}", e.kind()),
        None => e.kind().to_string(),
    }
}

/// Every leaf of the context as (`ct.GD01.ty_le`, `"96,2%"`), in context
/// order. Keys that are not identifiers use brackets: `nhom["Kinh tế"]`.
pub fn flatten(value: &serde_json::Value, prefix: String, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                let is_ident = is_ident(k);
                let name = if prefix.is_empty() && is_ident {
                    k.clone()
                } else if is_ident {
                    format!("{prefix}.{k}")
                } else {
                    format!("{prefix}[{}]", serde_json::Value::String(k.clone()))
                };
                flatten(v, name, out);
            }
        }
        serde_json::Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                flatten(v, format!("{prefix}[{i}]"), out);
            }
        }
        leaf => out.push((prefix, leaf.to_string())),
    }
}
