//! The review's parts of the context: `bao_cao` and `so_lieu` (the
//! settings as given, with the names soket adds to them) and `tong_ket`
//! (the count of verdicts). Each is serialized in `ket-qua.json`'s order
//! and read back leniently, as the rest of the context is: a missing key
//! takes its default, a value of the wrong kind reads as absent.

use super::types::{Num, lenient_count, lenient_names, lenient_string, lenient_text};
use crate::figures::Summary;
use crate::review::settings::{BaoCao, SoLieu, TheThuc};
use crate::vn::{self, Rounding, period::Period};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A part read leniently: its default when it is not what it should be
/// (`"bao_cao": null`).
pub(super) fn lenient_part<'de, D: Deserializer<'de>, T: DeserializeOwned + Default>(
    d: D,
) -> Result<T, D::Error> {
    Ok(T::deserialize(serde_json::Value::deserialize(d)?).unwrap_or_default())
}

/// A value of a settings' type (`"cat_bo"`, `"nha_nuoc"`), else its
/// default.
fn lenient_setting<'de, D: Deserializer<'de>, T: DeserializeOwned + Default>(
    d: D,
) -> Result<T, D::Error> {
    Ok(serde_json::from_value(serde_json::Value::deserialize(d)?).unwrap_or_default())
}

/// A whole number that fits a year, also written as a text ("2022": the
/// annex titled its sheets with such a text before the context was
/// typed), else absent.
fn lenient_year<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => n.as_i64().and_then(|i| i32::try_from(i).ok()),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

fn lenient_opt_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    Ok(serde_json::Value::deserialize(d)?
        .as_u64()
        .map(|n| n as usize))
}

/// A text given as a JSON string, else absent (a number is not one).
fn strict_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Some(s),
        _ => None,
    })
}

/// `bao_cao.ngay` as written ("2023-04-07"; "2023-4-7" and surrounding
/// spaces are read too), else absent.
fn lenient_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    let Some(s) = v.as_str() else { return Ok(None) };
    let mut parts = s.trim().splitn(3, '-').map(|p| p.parse::<u32>().ok());
    Ok(
        match (
            parts.next().flatten(),
            parts.next().flatten(),
            parts.next().flatten(),
        ) {
            (Some(y), Some(m), Some(d)) => {
                NaiveDate::from_ymd_opt(i32::try_from(y).unwrap_or(i32::MAX), m, d)
            }
            _ => None,
        },
    )
}

/// `bao_cao`: the settings' `[bao_cao]` in their order, then the date
/// line's text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BaoCaoEntry {
    #[serde(deserialize_with = "lenient_string")]
    pub co_quan_cap_tren: String,
    #[serde(deserialize_with = "lenient_string")]
    pub co_quan: String,
    #[serde(deserialize_with = "lenient_setting")]
    pub the_thuc: TheThuc,
    #[serde(deserialize_with = "lenient_string")]
    pub so_ky_hieu: String,
    #[serde(deserialize_with = "lenient_string")]
    pub dia_danh: String,
    /// Written "2023-04-07"; null without a date.
    #[serde(deserialize_with = "lenient_date")]
    pub ngay: Option<NaiveDate>,
    #[serde(deserialize_with = "lenient_string")]
    pub tieu_de: String,
    #[serde(deserialize_with = "lenient_string")]
    pub quyen_han_ky: String,
    #[serde(deserialize_with = "lenient_string")]
    pub chuc_vu_ky: String,
    #[serde(deserialize_with = "lenient_string")]
    pub nguoi_ky: String,
    #[serde(deserialize_with = "lenient_names")]
    pub noi_nhan: Vec<String>,
    /// "ngày 07 tháng 4 năm 2023"; null without a date.
    #[serde(deserialize_with = "lenient_text")]
    pub ngay_text: Option<String>,
}

impl BaoCaoEntry {
    pub fn new(settings: &BaoCao) -> Self {
        // Every field named: a new setting is a compile error here until
        // the context has it too.
        let BaoCao {
            co_quan_cap_tren,
            co_quan,
            the_thuc,
            so_ky_hieu,
            dia_danh,
            ngay,
            tieu_de,
            quyen_han_ky,
            chuc_vu_ky,
            nguoi_ky,
            noi_nhan,
        } = settings.clone();
        BaoCaoEntry {
            co_quan_cap_tren,
            co_quan,
            the_thuc,
            so_ky_hieu,
            dia_danh,
            ngay,
            tieu_de,
            quyen_han_ky,
            chuc_vu_ky,
            nguoi_ky,
            noi_nhan,
            ngay_text: ngay.map(vn::ngay_text),
        }
    }
}

/// `so_lieu`: the settings' `[so_lieu]` in their order (`ky_bao_cao` only
/// when given), then the report period's names in a periodic review.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "SoLieuRead")]
pub struct SoLieuEntry {
    pub ten_don_vi: String,
    pub cap_don_vi: String,
    pub nhiem_ky: [i32; 2],
    pub nam_goc: i32,
    /// Always given by a build; absent only in a context written without
    /// it, whose annex then has no year column to fill.
    pub nam_bao_cao: Option<i32>,
    pub lam_tron: Rounding,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ky_bao_cao: Option<String>,
    /// A periodic review's names of its period (absent otherwise).
    #[serde(flatten)]
    pub ky: Option<KyBaoCao>,
}

/// The report period's names (`so_lieu.ky_bao_cao_ma` …) of a review with
/// `ky_bao_cao`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KyBaoCao {
    /// "9T/2026".
    pub ky_bao_cao_ma: String,
    /// "9 tháng đầu năm 2026".
    pub ky_bao_cao_text: String,
    /// "9 tháng đầu năm 2025".
    pub cung_ky_text: String,
}

impl KyBaoCao {
    pub fn new(p: Period) -> Self {
        KyBaoCao {
            ky_bao_cao_ma: p.key(),
            ky_bao_cao_text: p.label(),
            cung_ky_text: p.cung_ky().label(),
        }
    }
}

impl SoLieuEntry {
    pub fn new(settings: &SoLieu) -> Self {
        let SoLieu {
            ten_don_vi,
            cap_don_vi,
            nhiem_ky,
            nam_goc,
            nam_bao_cao,
            lam_tron,
            ky_bao_cao,
            ky,
            // Not names of the context.
            co_nhiem_ky: _,
            cap_duoi: _,
        } = settings.clone();
        SoLieuEntry {
            ten_don_vi,
            cap_don_vi,
            nhiem_ky,
            nam_goc,
            nam_bao_cao: Some(nam_bao_cao),
            lam_tron,
            ky_bao_cao,
            ky: ky.map(KyBaoCao::new),
        }
    }
}

impl SoLieuEntry {
    /// `so_lieu` of any JSON (`soket render` takes a `ket-qua.json` or the
    /// data of a docxtpl template), read leniently; its default when the
    /// JSON has none.
    pub fn of_json(json: &serde_json::Value) -> SoLieuEntry {
        #[derive(Default, Deserialize)]
        #[serde(default)]
        struct Part {
            #[serde(deserialize_with = "lenient_part")]
            so_lieu: SoLieuEntry,
        }
        Part::deserialize(json).unwrap_or_default().so_lieu
    }
}

/// `so_lieu` as read: the period's names count when `ky_bao_cao_ma` is a
/// text (as the annex has always decided a review is periodic).
#[derive(Default, Deserialize)]
#[serde(default)]
struct SoLieuRead {
    #[serde(deserialize_with = "lenient_string")]
    ten_don_vi: String,
    #[serde(deserialize_with = "lenient_string")]
    cap_don_vi: String,
    #[serde(deserialize_with = "lenient_setting")]
    nhiem_ky: [i32; 2],
    #[serde(deserialize_with = "lenient_year")]
    nam_goc: Option<i32>,
    #[serde(deserialize_with = "lenient_year")]
    nam_bao_cao: Option<i32>,
    #[serde(deserialize_with = "lenient_setting")]
    lam_tron: Rounding,
    #[serde(deserialize_with = "lenient_text")]
    ky_bao_cao: Option<String>,
    #[serde(deserialize_with = "strict_text")]
    ky_bao_cao_ma: Option<String>,
    #[serde(deserialize_with = "lenient_string")]
    ky_bao_cao_text: String,
    #[serde(deserialize_with = "lenient_string")]
    cung_ky_text: String,
}

impl From<SoLieuRead> for SoLieuEntry {
    fn from(r: SoLieuRead) -> Self {
        SoLieuEntry {
            ten_don_vi: r.ten_don_vi,
            cap_don_vi: r.cap_don_vi,
            nhiem_ky: r.nhiem_ky,
            nam_goc: r.nam_goc.unwrap_or_default(),
            nam_bao_cao: r.nam_bao_cao,
            lam_tron: r.lam_tron,
            ky_bao_cao: r.ky_bao_cao,
            ky: r.ky_bao_cao_ma.map(|ky_bao_cao_ma| KyBaoCao {
                ky_bao_cao_ma,
                ky_bao_cao_text: r.ky_bao_cao_text,
                cung_ky_text: r.cung_ky_text,
            }),
        }
    }
}

/// `tong_ket`: how many indicators got each verdict, the sentence that
/// says so, and in a periodic review without a term what they were judged
/// against and how many are on pace with the year's plan. Written with a
/// `_text` twin of every whole number ("13"), after all the fields.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct TongKet {
    #[serde(deserialize_with = "lenient_count")]
    pub tong: usize,
    #[serde(deserialize_with = "lenient_count")]
    pub vuot: usize,
    #[serde(deserialize_with = "lenient_count")]
    pub dat: usize,
    #[serde(deserialize_with = "lenient_count")]
    pub du_kien_dat: usize,
    #[serde(deserialize_with = "lenient_count")]
    pub chua_dat: usize,
    #[serde(deserialize_with = "lenient_count")]
    pub khong_danh_gia: usize,
    #[serde(deserialize_with = "lenient_count")]
    pub dat_va_du_kien_dat: usize,
    #[serde(deserialize_with = "lenient_count")]
    pub chua_du_so_lieu: usize,
    /// "18/19 chỉ tiêu đạt và dự kiến đạt".
    #[serde(deserialize_with = "lenient_string")]
    pub text: String,
    /// The rest only in a periodic review without a term (absent, not
    /// null, otherwise).
    #[serde(deserialize_with = "lenient_text")]
    pub co_so: Option<String>,
    #[serde(deserialize_with = "lenient_opt_count")]
    pub co_ke_hoach: Option<usize>,
    #[serde(deserialize_with = "lenient_opt_count")]
    pub dat_tien_do: Option<usize>,
    /// The share of the year the period covers, in percent (50, 8.3).
    pub tien_do: Num,
    #[serde(deserialize_with = "lenient_text")]
    pub ke_hoach_text: Option<String>,
}

impl TongKet {
    /// The count of verdicts in `lang`, for the build's last line: `text`
    /// in Vietnamese ("18/19 chỉ tiêu đạt và dự kiến đạt"); in English
    /// the same counts in English words (the context keeps Vietnamese).
    pub fn line(&self, lang: crate::check::Lang) -> String {
        if lang == crate::check::Lang::Vi {
            return self.text.clone();
        }
        let what = match self.co_so {
            Some(_) => "met or exceeded their target or plan",
            None => "met or expected to be met",
        };
        crate::figures::evaluate::count_sentence(
            self.dat_va_du_kien_dat,
            self.tong - self.khong_danh_gia,
            self.chua_du_so_lieu,
            what,
            lang,
        )
    }

    pub fn new(s: &Summary) -> Self {
        let Summary {
            tong,
            vuot,
            dat,
            du_kien_dat,
            chua_dat,
            khong_danh_gia,
            dat_va_du_kien_dat,
            chua_du_so_lieu,
            text,
            co_so,
            co_ke_hoach,
            dat_tien_do,
            tien_do,
            ke_hoach_text,
        } = s.clone();
        TongKet {
            tong,
            vuot,
            dat,
            du_kien_dat,
            chua_dat,
            khong_danh_gia,
            dat_va_du_kien_dat,
            chua_du_so_lieu,
            text,
            co_so,
            co_ke_hoach,
            dat_tien_do,
            tien_do: super::num(tien_do),
            ke_hoach_text,
        }
    }

    /// The counts that are always written, in order.
    fn counts(&self) -> [(&'static str, usize); 8] {
        [
            ("tong", self.tong),
            ("vuot", self.vuot),
            ("dat", self.dat),
            ("du_kien_dat", self.du_kien_dat),
            ("chua_dat", self.chua_dat),
            ("khong_danh_gia", self.khong_danh_gia),
            ("dat_va_du_kien_dat", self.dat_va_du_kien_dat),
            ("chua_du_so_lieu", self.chua_du_so_lieu),
        ]
    }

    /// The counts of a periodic review without a term, when given.
    fn plan_counts(&self) -> impl Iterator<Item = (&'static str, usize)> {
        [
            ("co_ke_hoach", self.co_ke_hoach),
            ("dat_tien_do", self.dat_tien_do),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
    }

    /// Every whole number written, in order: the names that get a `_text`
    /// twin (`tien_do` only when whole: 50 has "50", 8.3 has none).
    fn whole_numbers(&self) -> impl Iterator<Item = (&'static str, u64)> {
        let tien_do = self.tien_do.0.as_ref().and_then(serde_json::Number::as_u64);
        self.counts()
            .into_iter()
            .chain(self.plan_counts())
            .map(|(k, v)| (k, v as u64))
            .chain(tien_do.map(|t| ("tien_do", t)))
    }
}

impl Serialize for TongKet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (k, v) in self.counts() {
            m.serialize_entry(k, &v)?;
        }
        m.serialize_entry("text", &self.text)?;
        if let Some(c) = &self.co_so {
            m.serialize_entry("co_so", c)?;
        }
        for (k, v) in self.plan_counts() {
            m.serialize_entry(k, &v)?;
        }
        if self.tien_do.is_number() {
            m.serialize_entry("tien_do", &self.tien_do)?;
        }
        if let Some(t) = &self.ke_hoach_text {
            m.serialize_entry("ke_hoach_text", t)?;
        }
        for (k, v) in self.whole_numbers() {
            m.serialize_entry(&format!("{k}_text"), &v.to_string())?;
        }
        m.end()
    }
}
