//! The template context as minijinja sees it: a lazy view of the JSON
//! context, not a copy.
//!
//! Converting a district's context (2 MB of JSON: every indicator, year and
//! ward) into minijinja values cost as much as rendering the report, and a
//! template reads only a small part of it. A [`view`] hands out objects that
//! look things up in the shared JSON tree when the template asks; leaves
//! (numbers, strings, booleans, null) become minijinja values on access.
//! Templates see the same names, order and values as with a full
//! conversion.

use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use serde_json::Value as Json;
use std::fmt;
use std::sync::Arc;

/// The context as a template value.
pub fn view(ctx: Arc<Json>) -> Value {
    to_value(&Node {
        root: ctx,
        path: Vec::new(),
    })
}

/// One step from a map or list to its child.
#[derive(Clone)]
enum Step {
    Key(Arc<str>),
    Index(usize),
}

/// A map or list inside the shared context, named by its path from the
/// root (safe: no pointers into the tree, the `Arc` keeps it alive).
struct Node {
    root: Arc<Json>,
    path: Vec<Step>,
}

impl Node {
    fn json(&self) -> &Json {
        let mut cur: &Json = &self.root;
        for step in &self.path {
            cur = match (step, cur) {
                (Step::Key(k), Json::Object(m)) => &m[&**k],
                (Step::Index(i), Json::Array(a)) => &a[*i],
                // Paths are only made from the tree itself.
                _ => unreachable!("a view path always follows the tree"),
            };
        }
        cur
    }

    /// The value of a child already found: a leaf at once, a map or list
    /// as a node one step further down.
    fn child(&self, step: impl FnOnce() -> Step, json: &Json) -> Value {
        if let Some(leaf) = leaf(json) {
            return leaf;
        }
        let mut path = Vec::with_capacity(self.path.len() + 1);
        path.extend(self.path.iter().cloned());
        path.push(step());
        Value::from_object(Node {
            root: Arc::clone(&self.root),
            path,
        })
    }
}

/// A leaf as a value; a map or list as a lazy object.
/// The name a template looks up in a map: a text, or a whole number as
/// its digits, so `nam[2022]` finds the year "2022" as well as
/// `nam["2022"]`.
pub(crate) fn key_name(key: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match key.as_str() {
        Some(s) => Some(s.into()),
        None if key.as_i64().is_some() => Some(key.to_string().into()),
        None => None,
    }
}

fn to_value(node: &Node) -> Value {
    leaf(node.json()).unwrap_or_else(|| {
        Value::from_object(Node {
            root: Arc::clone(&node.root),
            path: node.path.clone(),
        })
    })
}

/// A number, string, boolean or null as a value; `None` for maps and lists.
fn leaf(json: &Json) -> Option<Value> {
    Some(match json {
        Json::Null => Value::from(()),
        Json::Bool(b) => Value::from(*b),
        Json::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                Value::from(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Json::String(s) => Value::from(s.as_str()),
        Json::Object(_) | Json::Array(_) => return None,
    })
}

impl fmt::Debug for Node {
    /// Shows the node's content, as a converted value would print.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.json() {
            Json::Object(m) => f
                .debug_map()
                .entries(m.iter().map(|(k, _)| (k, "…")))
                .finish(),
            Json::Array(a) => write!(f, "[{} items]", a.len()),
            other => write!(f, "{other}"),
        }
    }
}

impl Object for Node {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        match self.json() {
            Json::Array(_) => ObjectRepr::Seq,
            _ => ObjectRepr::Map,
        }
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        match self.json() {
            Json::Object(m) => {
                let name = key_name(key)?;
                let (k, v) = m.get_key_value(name.as_ref())?;
                Some(self.child(|| Step::Key(Arc::from(k.as_str())), v))
            }
            Json::Array(a) => {
                let i = key.as_i64()?;
                let i = if i < 0 { a.len() as i64 + i } else { i };
                let i = usize::try_from(i).ok().filter(|i| *i < a.len())?;
                Some(self.child(|| Step::Index(i), &a[i]))
            }
            _ => None,
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        match self.json() {
            Json::Object(m) => {
                Enumerator::Values(m.keys().map(|k| Value::from(k.as_str())).collect())
            }
            Json::Array(a) => Enumerator::Seq(a.len()),
            _ => Enumerator::Empty,
        }
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        match self.json() {
            Json::Object(m) => Some(m.len()),
            Json::Array(a) => Some(a.len()),
            _ => Some(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::Environment;
    use serde_json::json;

    fn render(src: &str, ctx: Json) -> (String, String) {
        let mut env = Environment::new();
        env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
        let lazy = env
            .render_str(src, view(Arc::new(ctx.clone())))
            .unwrap_or_else(|e| format!("error: {}", e.kind()));
        let full = env
            .render_str(src, Value::from(minijinja::value::Serde(&ctx)))
            .unwrap_or_else(|e| format!("error: {}", e.kind()));
        (lazy, full)
    }

    #[test]
    fn reads_like_a_converted_context() {
        let ctx = json!({
            "ct": {"GD01": {"ty_le": "96,2%", "gia_tri": 96.2, "tu_so": 26, "uoc": false,
                            "nam": {"2022": {"gia_tri": 25}}, "ly_do": {}}},
            "nhom": {"Giáo dục": [{"ma": "GD01"}, {"ma": "GD02"}]},
            "don_vi": [{"ma": "P01", "ten": "Phường Bưởi"}],
            "none": null,
        });
        for src in [
            "{{ ct.GD01.ty_le }} {{ ct['GD01'].gia_tri }} {{ ct.GD01.tu_so + 1 }}",
            "{% for g, list in nhom|items %}{{ g }}:{% for c in list %}{{ c.ma }},{% endfor %}{% endfor %}",
            "{% for k in ct %}{{ k }}{% endfor %} {{ ct|length }} {{ don_vi|length }}",
            "{{ don_vi[0].ten }} {{ don_vi[-1].ma }} {{ don_vi|first }}",
            "{{ none is none }} {{ ct.GD01.uoc }} {{ ct.GD01.ly_do is mapping }} {% if ct.GD01.ly_do %}x{% endif %}",
            "{{ ct.GD01.nam['2022'].gia_tri }} {{ 'GD01' in ct }} {{ don_vi is sequence }}",
            "{{ ct.GD01.nam|tojson }} {{ ct.GD09 is defined }}",
            "{% for k, v in ct.items() %}{{ k }}={{ v.ty_le }}{% endfor %} {{ ct.keys()|list }} {{ ct.get('GD01').tu_so }}",
            "{{ ct|dictsort|length }} {{ don_vi|map(attribute='ten')|join(', ') }} {{ nhom|list }}",
        ] {
            let (lazy, full) = render(src, ctx.clone());
            assert_eq!(lazy, full, "{src}");
            assert!(!lazy.starts_with("error"), "{src}: {lazy}");
        }
    }

    #[test]
    fn a_year_may_be_written_as_a_number() {
        let ctx = json!({"nam": {"2022": {"gia_tri": 25}}});
        let env = Environment::new();
        let out = env
            .render_str("{{ nam[2022].gia_tri }}", view(Arc::new(ctx)))
            .unwrap();
        assert_eq!(out, "25");
    }
}
