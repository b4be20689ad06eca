//! The typed template context: one struct per kind of entry (the review,
//! an indicator, a year or period, a unit's value), serialized field by
//! field in the order PRODUCT.md gives the names, so `ket-qua.json` is
//! written straight from them, and handed to templates as lazy minijinja
//! objects that read the fields when a template asks (no copy of the
//! context). The annex reads the fields.
//!
//! Every struct also deserializes (missing keys take their defaults, a
//! number where none is expected reads as null), so a context read back
//! from `ket-qua.json` or written by hand fills the same structs. The
//! review's parts (`bao_cao`, `so_lieu`, `tong_ket`) are in `parts.rs`.

use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::Arc;

/// A JSON number of the context (at most 10 decimals, whole values as
/// integers), or null.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Num(pub Option<serde_json::Number>);

impl Num {
    pub fn is_number(&self) -> bool {
        self.0.is_some()
    }
    /// The number as f64 when it is finite.
    pub fn f64(&self) -> Option<f64> {
        self.0.as_ref()?.as_f64().filter(|f| f.is_finite())
    }
    /// The number in its JSON form ("96.2962962963"), "" for null.
    pub fn json_text(&self) -> String {
        self.0.as_ref().map(ToString::to_string).unwrap_or_default()
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Some(n) => n.serialize(s),
            None => s.serialize_none(),
        }
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Num(match serde_json::Value::deserialize(d)? {
            serde_json::Value::Number(n) => Some(n),
            _ => None,
        }))
    }
}

/// A text of the context read leniently: a number given where a text is
/// expected reads as its JSON form, anything else but a string as null.
pub(super) fn lenient_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

pub(super) fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(lenient_text(d)?.unwrap_or_default())
}

pub(super) fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(serde_json::Value::deserialize(d)?
        .as_bool()
        .unwrap_or_default())
}

pub(super) fn lenient_opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(serde_json::Value::deserialize(d)?.as_bool())
}

pub(super) fn lenient_count<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    Ok(serde_json::Value::deserialize(d)?
        .as_u64()
        .unwrap_or_default() as usize)
}

pub(super) fn lenient_names<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Array(a) => a
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    })
}

/// A field as a template value.
pub trait Field {
    fn value(&self) -> Value;
}

impl Field for String {
    fn value(&self) -> Value {
        Value::from(self.as_str())
    }
}
impl Field for Option<String> {
    fn value(&self) -> Value {
        match self {
            Some(s) => Value::from(s.as_str()),
            None => Value::from(()),
        }
    }
}
impl Field for Num {
    fn value(&self) -> Value {
        match &self.0 {
            None => Value::from(()),
            Some(n) => {
                if let Some(i) = n.as_i64() {
                    Value::from(i)
                } else if let Some(u) = n.as_u64() {
                    Value::from(u)
                } else {
                    Value::from(n.as_f64().unwrap_or(f64::NAN))
                }
            }
        }
    }
}
impl Field for bool {
    fn value(&self) -> Value {
        Value::from(*self)
    }
}
impl Field for Option<bool> {
    fn value(&self) -> Value {
        match self {
            Some(b) => Value::from(*b),
            None => Value::from(()),
        }
    }
}
impl Field for usize {
    fn value(&self) -> Value {
        Value::from(*self as u64)
    }
}
impl Field for Vec<String> {
    fn value(&self) -> Value {
        Value::from_iter(self.iter().map(|s| Value::from(s.as_str())))
    }
}
impl<T: Object + Send + Sync + 'static> Field for Arc<T> {
    fn value(&self) -> Value {
        Value::from_dyn_object(Arc::clone(self))
    }
}
/// A group's list of indicators.
impl Field for Vec<Arc<IndicatorEntry>> {
    fn value(&self) -> Value {
        Value::from_iter(self.iter().map(Field::value))
    }
}

/// Keys of a struct and its fields as template values, from one list.
macro_rules! fields {
    ($ty:ident { $($f:ident),* $(,)? }) => {
        impl $ty {
            /// The context's names of this entry, in order.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($f)),*];
            /// One field as a template value.
            fn field_value(&self, key: &str) -> Option<Value> {
                match key {
                    $(stringify!($f) => Some(Field::value(&self.$f)),)*
                    _ => None,
                }
            }
        }
    };
}

/// A plain entry as a template map of its fields.
macro_rules! object {
    ($ty:ident) => {
        impl Object for $ty {
            fn repr(self: &Arc<Self>) -> ObjectRepr {
                ObjectRepr::Map
            }
            fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
                self.field_value(key.as_str()?)
            }
            fn enumerate(self: &Arc<Self>) -> Enumerator {
                Enumerator::Str(Self::KEYS)
            }
            fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
                Some(Self::KEYS.len())
            }
        }
    };
}

/// A map of the context with keys in their order (catalog, `don-vi`,
/// years): indicators by code, years, units by code, reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<T>(pub Vec<(String, T)>);

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<T> Keyed<T> {
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// [`Keyed::get`], trying position `i` first (units are listed in
    /// `don-vi` order everywhere): no search through a province's hundred
    /// communes for each of them.
    pub fn get_at(&self, i: usize, key: &str) -> Option<&T> {
        match self.0.get(i) {
            Some((k, v)) if k == key => Some(v),
            _ => self.get(key),
        }
    }
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter().map(|(_, v)| v)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Replaces the value of `key` in place, or appends it.
    pub fn insert(&mut self, key: String, value: T) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key, value)),
        }
    }
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Keyed<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = Keyed<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Keyed<T>, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = a.next_entry()? {
                    out.push((k, v));
                }
                Ok(Keyed(out))
            }
            fn visit_unit<E>(self) -> Result<Keyed<T>, E> {
                Ok(Keyed::default())
            }
        }
        d.deserialize_any(Visit(std::marker::PhantomData))
    }
}

impl<T: Field + std::fmt::Debug + Send + Sync + 'static> Object for Keyed<T> {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let name = crate::render::view::key_name(key)?;
        self.get(&name).map(Field::value)
    }
    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(
            self.0
                .iter()
                .map(|(k, _)| Value::from(k.as_str()))
                .collect(),
        )
    }
    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.0.len())
    }
}

/// One unit's value of an indicator (`ct.X.don_vi.P01`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitEntry {
    #[serde(deserialize_with = "lenient_string")]
    pub ten: String,
    pub gia_tri: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub gia_tri_text: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub hien_thi: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub nguon: Option<String>,
    pub tu_so: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub tu_so_text: Option<String>,
    pub mau_so: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub mau_so_text: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub phan_so: Option<String>,
    pub trong_so: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub trong_so_text: Option<String>,
    #[serde(deserialize_with = "lenient_opt_bool")]
    pub dat: Option<bool>,
}
fields!(UnitEntry {
    ten,
    gia_tri,
    gia_tri_text,
    hien_thi,
    nguon,
    tu_so,
    tu_so_text,
    mau_so,
    mau_so_text,
    phan_so,
    trong_so,
    trong_so_text,
    dat
});
object!(UnitEntry);

/// The figure of one year or period (`ct.X.nam.2024`, `ct.X.ky.6T/2026`),
/// and the fields an indicator shares with its years.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct YearEntry {
    pub gia_tri: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub gia_tri_text: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub hien_thi: Option<String>,
    pub tu_so: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub tu_so_text: Option<String>,
    pub mau_so: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub mau_so_text: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub phan_so: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub ty_le: Option<String>,
    pub ty_le_so: Num,
    #[serde(deserialize_with = "lenient_count")]
    pub so_don_vi_bao_cao: usize,
    #[serde(deserialize_with = "lenient_string")]
    pub so_don_vi_bao_cao_text: String,
    #[serde(deserialize_with = "lenient_string")]
    pub bao_cao_text: String,
    #[serde(deserialize_with = "lenient_bool")]
    pub day_du: bool,
    #[serde(deserialize_with = "lenient_names")]
    pub thieu: Vec<String>,
    #[serde(deserialize_with = "lenient_bool")]
    pub uoc: bool,
}
fields!(YearEntry {
    gia_tri,
    gia_tri_text,
    hien_thi,
    tu_so,
    tu_so_text,
    mau_so,
    mau_so_text,
    phan_so,
    ty_le,
    ty_le_so,
    so_don_vi_bao_cao,
    so_don_vi_bao_cao_text,
    bao_cao_text,
    day_du,
    thieu,
    uoc
});
object!(YearEntry);

/// The periodic names of an indicator (a review with `ky_bao_cao`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PeriodEntry {
    pub ky: Arc<Keyed<Arc<YearEntry>>>,
    pub cung_ky: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub cung_ky_text: Option<String>,
    pub tang_cung_ky: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub tang_cung_ky_text: Option<String>,
    pub tang_cung_ky_pt: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub tang_cung_ky_pt_text: Option<String>,
    pub ke_hoach: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub ke_hoach_text: Option<String>,
    pub dat_pt_ke_hoach: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub dat_pt_ke_hoach_text: Option<String>,
}
fields!(PeriodEntry {
    ky,
    cung_ky,
    cung_ky_text,
    tang_cung_ky,
    tang_cung_ky_text,
    tang_cung_ky_pt,
    tang_cung_ky_pt_text,
    ke_hoach,
    ke_hoach_text,
    dat_pt_ke_hoach,
    dat_pt_ke_hoach_text
});

/// One indicator (`ct.X`, and each item of `nhom`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IndicatorEntry {
    #[serde(deserialize_with = "lenient_string")]
    pub ma: String,
    #[serde(deserialize_with = "lenient_string")]
    pub ten: String,
    #[serde(deserialize_with = "lenient_string")]
    pub nhom: String,
    #[serde(deserialize_with = "lenient_string")]
    pub dvt: String,
    #[serde(deserialize_with = "lenient_string")]
    pub tong_hop: String,
    #[serde(deserialize_with = "lenient_string")]
    pub muc_tieu: String,
    /// The report year's (or period's) figure.
    #[serde(flatten)]
    pub now: YearEntry,
    #[serde(deserialize_with = "lenient_text")]
    pub nho_nhat_don_vi: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub lon_nhat_don_vi: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub nguon: Option<String>,
    pub nam: Arc<Keyed<Arc<YearEntry>>>,
    pub tang: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub tang_text: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub tang_hien_thi: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub tang_mo_ta: Option<String>,
    pub tang_pt: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub tang_pt_text: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub tang_pt_mo_ta: Option<String>,
    pub binh_quan: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub binh_quan_text: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub binh_quan_mo_ta: Option<String>,
    pub dat_pt_muc_tieu: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub dat_pt_muc_tieu_text: Option<String>,
    pub du_bao: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub du_bao_text: Option<String>,
    #[serde(deserialize_with = "lenient_string")]
    pub danh_gia: String,
    #[serde(deserialize_with = "lenient_string")]
    pub danh_gia_text: String,
    pub ly_do: Arc<Keyed<String>>,
    pub don_vi: Arc<Keyed<Arc<UnitEntry>>>,
    /// The periodic names, in a review with `ky_bao_cao`.
    #[serde(flatten)]
    pub ky: Option<PeriodEntry>,
    /// The catalog's `Số lẻ` (decimals), when given: for the annex's
    /// number formats; not a name of the context.
    #[serde(skip)]
    pub so_le: Option<u32>,
}
fields!(IndicatorEntry {
    ma,
    ten,
    nhom,
    dvt,
    tong_hop,
    muc_tieu,
    nho_nhat_don_vi,
    lon_nhat_don_vi,
    nguon,
    nam,
    tang,
    tang_text,
    tang_hien_thi,
    tang_mo_ta,
    tang_pt,
    tang_pt_text,
    tang_pt_mo_ta,
    binh_quan,
    binh_quan_text,
    binh_quan_mo_ta,
    dat_pt_muc_tieu,
    dat_pt_muc_tieu_text,
    du_bao,
    du_bao_text,
    danh_gia,
    danh_gia_text,
    ly_do,
    don_vi
});

impl IndicatorEntry {
    /// Every name of the indicator in the order of `ket-qua.json`.
    fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        let (head, tail) = Self::KEYS.split_at(6);
        let (mid, tail) = tail.split_at(3);
        head.iter()
            .chain(YearEntry::KEYS)
            .chain(mid)
            .chain(tail)
            .chain(self.ky.iter().flat_map(|_| PeriodEntry::KEYS))
            .copied()
    }
}

impl Object for IndicatorEntry {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let key = key.as_str()?;
        self.field_value(key)
            .or_else(|| self.now.field_value(key))
            .or_else(|| self.ky.as_ref()?.field_value(key))
    }
    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.names().map(Value::from).collect())
    }
    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.names().count())
    }
}

/// A reporting unit of `don_vi`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitName {
    #[serde(deserialize_with = "lenient_string")]
    pub ma: String,
    #[serde(deserialize_with = "lenient_string")]
    pub ten: String,
}

/// One problem of `van_de`, as written.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProblemEntry {
    #[serde(deserialize_with = "lenient_string")]
    pub muc_do: String,
    #[serde(deserialize_with = "lenient_text")]
    pub tep: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub trang: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub o: Option<String>,
    #[serde(deserialize_with = "lenient_string")]
    pub thong_diep: String,
}

/// The whole context of one review (= `ket-qua.json`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Context {
    #[serde(deserialize_with = "super::parts::lenient_part")]
    pub bao_cao: super::BaoCaoEntry,
    #[serde(deserialize_with = "super::parts::lenient_part")]
    pub so_lieu: super::SoLieuEntry,
    pub ct: Arc<Keyed<Arc<IndicatorEntry>>>,
    pub nhom: Arc<Keyed<Vec<Arc<IndicatorEntry>>>>,
    pub don_vi: Vec<UnitName>,
    #[serde(deserialize_with = "super::parts::lenient_part")]
    pub tong_ket: super::TongKet,
    pub van_de: Vec<ProblemEntry>,
}

/// The context as templates see it: `ct` and `nhom` read the entries in
/// place; the small parts are converted once.
#[derive(Debug)]
struct View {
    ctx: Arc<Context>,
    bao_cao: Value,
    so_lieu: Value,
    don_vi: Value,
    tong_ket: Value,
    van_de: Value,
}

const ROOT_KEYS: &[&str] = &[
    "bao_cao", "so_lieu", "ct", "nhom", "don_vi", "tong_ket", "van_de",
];

/// The context as a template value.
pub fn view(ctx: Arc<Context>) -> Value {
    let serde = |v: &dyn erased::Ser| v.value();
    // The review's parts as their JSON first: templates see the values of
    // `ket-qua.json` (its kinds of number too), not those of the structs.
    let json = |v: &dyn erased::Json| v.json();
    Value::from_object(View {
        bao_cao: serde(&json(&ctx.bao_cao)),
        so_lieu: serde(&json(&ctx.so_lieu)),
        don_vi: serde(&ctx.don_vi),
        tong_ket: serde(&json(&ctx.tong_ket)),
        van_de: serde(&ctx.van_de),
        ctx,
    })
}

mod erased {
    /// A serializable part converted to a template value.
    pub trait Ser {
        fn value(&self) -> minijinja::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn value(&self) -> minijinja::Value {
            minijinja::Value::from(minijinja::value::Serde(self))
        }
    }
    /// A serializable part as its JSON.
    pub trait Json {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
        }
    }
}

impl Object for View {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        Some(match key.as_str()? {
            "bao_cao" => self.bao_cao.clone(),
            "so_lieu" => self.so_lieu.clone(),
            "ct" => Value::from_dyn_object(Arc::clone(&self.ctx.ct)),
            "nhom" => Value::from_dyn_object(Arc::clone(&self.ctx.nhom)),
            "don_vi" => self.don_vi.clone(),
            "tong_ket" => self.tong_ket.clone(),
            "van_de" => self.van_de.clone(),
            _ => return None,
        })
    }
    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(ROOT_KEYS)
    }
    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(ROOT_KEYS.len())
    }
}
