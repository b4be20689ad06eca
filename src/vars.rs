//! `soket vars DIR [PATTERN]`: the names a template can use, each with its
//! current value and a one-line meaning, grouped by indicator.
//!
//! Why a listing of its own rather than the raw context: a review of 18
//! indicators and 5 wards has thousands of leaves, most of them the same
//! few dozen fields repeated per indicator, year and unit. A template author
//! needs to find one name and know what it holds; so the listing filters by
//! a pattern, explains each field from the contract (PRODUCT.md, "The
//! template context"), and shows `nhom` (the same indicators as `ct`, by
//! group) as the list of codes it holds instead of repeating every field.

use crate::check::Lang;
use crate::render::env::is_ident;
use serde_json::Value;

/// A name pattern: a code or part of a name matched by whole segments
/// (`GD01`, `ct.GD01.nam`, `ty_le`), or a glob where `*` stands for any
/// text within one segment and `**` for any text (`ct.*.ty_le`,
/// `ct.GD01.**.gia_tri`); `nam["2020"]` and `nam.2020` are the same.
/// Letters are compared without case.
#[derive(Debug, Clone)]
pub struct Pattern {
    text: String,
}

impl Pattern {
    pub fn new(text: &str) -> Self {
        Pattern {
            text: text.trim().to_lowercase(),
        }
    }

    /// Whether `name` (as listed: `ct.GD01.nam["2020"].gia_tri`) matches.
    pub fn matches(&self, name: &str) -> bool {
        let name = name.to_lowercase();
        if self.text.contains('*') || self.text.contains('?') {
            // Brackets and dots are one separator here, so that
            // `ct.*.nam.*.gia_tri` and `ct.*.nam["2020"].gia_tri` both match
            // `ct.GD01.nam["2020"].gia_tri`.
            let pattern = segments(&self.text).join(".");
            return glob(pattern.as_bytes(), segments(&name).join(".").as_bytes());
        }
        // A run of whole segments: "GD01" matches ct.GD01.ten but not
        // ct.GD010.ten; "nam[\"2020\"]" matches the year's fields.
        let have = segments(&name);
        let wanted = segments(&self.text);
        !wanted.is_empty()
            && have
                .windows(wanted.len())
                .any(|w| w.iter().zip(&wanted).all(|(a, b)| a == b))
    }
}

/// The segments of a listed name or a pattern: `ct`, `GD01`, `nam`,
/// `"2020"`, `gia_tri` (`nam.2020` and `nam["2020"]` are the same).
fn segments(text: &str) -> Vec<String> {
    text.split(['.', '[', ']'])
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_matches('"').to_string())
        .collect()
}

/// `*` matches any text without a dot, `**` any text, `?` one character.
fn glob(pattern: &[u8], name: &[u8]) -> bool {
    match pattern {
        [] => name.is_empty(),
        [b'*', b'*', rest @ ..] => (0..=name.len()).any(|i| glob(rest, &name[i..])),
        [b'*', rest @ ..] => {
            let stop = name.iter().position(|&c| c == b'.').unwrap_or(name.len());
            (0..=stop).any(|i| glob(rest, &name[i..]))
        }
        [b'?', rest @ ..] => {
            // One character, which may take several bytes in UTF-8.
            let width = std::str::from_utf8(name)
                .ok()
                .and_then(|s| s.chars().next())
                .map_or(1, char::len_utf8);
            !name.is_empty() && glob(rest, &name[width..])
        }
        [c, rest @ ..] => name.first() == Some(c) && glob(rest, &name[1..]),
    }
}

/// The context with only the leaves whose names match: the same shape as
/// `ket-qua.json`, for `soket vars DIR PATTERN --json`.
pub fn prune(value: &Value, prefix: &str, pattern: &Pattern) -> Option<Value> {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let kept: serde_json::Map<String, Value> = map
                .iter()
                .filter_map(|(k, v)| {
                    let name = if prefix.is_empty() {
                        if is_ident(k) {
                            k.clone()
                        } else {
                            format!("[{}]", Value::String(k.clone()))
                        }
                    } else {
                        name_of(prefix, k)
                    };
                    prune(v, &name, pattern).map(|v| (k.clone(), v))
                })
                .collect();
            (!kept.is_empty()).then_some(Value::Object(kept))
        }
        Value::Array(items) if !items.is_empty() => {
            let kept: Vec<Value> = items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| prune(v, &format!("{prefix}[{i}]"), pattern))
                .collect();
            (!kept.is_empty()).then_some(Value::Array(kept))
        }
        leaf => pattern.matches(prefix).then(|| leaf.clone()),
    }
}

/// One listed line: the name, its value as JSON and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub value: String,
    pub meaning: String,
}

/// A group of lines under a heading (an indicator, or a part of the context).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub heading: String,
    pub lines: Vec<Line>,
}

/// The listing of `ctx`, restricted to `pattern` when given.
pub fn listing(ctx: &Value, pattern: Option<&Pattern>, lang: Lang) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let Some(top) = ctx.as_object() else {
        return groups;
    };
    for (key, value) in top {
        if key == "ct" {
            for (code, ind) in value.as_object().into_iter().flatten() {
                let mut leaves = Vec::new();
                crate::render::flatten(ind, name_of("ct", code), &mut leaves);
                push_group(
                    &mut groups,
                    indicator_heading(code, ind),
                    leaves,
                    pattern,
                    lang,
                );
            }
        } else if key == "nhom" {
            // The same indicators as ct, by group: listed as their codes.
            let leaves = value
                .as_object()
                .into_iter()
                .flatten()
                .map(|(group, items)| {
                    let codes: Vec<Value> = items
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|i| i.get("ma").cloned())
                        .collect();
                    (name_of("nhom", group), Value::Array(codes).to_string())
                })
                .collect();
            push_group(&mut groups, key.clone(), leaves, pattern, lang);
        } else {
            let mut leaves = Vec::new();
            crate::render::flatten(value, key.clone(), &mut leaves);
            push_group(&mut groups, key.clone(), leaves, pattern, lang);
        }
    }
    groups
}

fn name_of(prefix: &str, key: &str) -> String {
    if is_ident(key) {
        format!("{prefix}.{key}")
    } else {
        format!("{prefix}[{}]", Value::String(key.to_string()))
    }
}

fn indicator_heading(code: &str, ind: &Value) -> String {
    let field = |k: &str| ind.get(k).and_then(Value::as_str).unwrap_or("");
    let mut heading = format!("{code} {}", field("ten"));
    let details: Vec<&str> = [field("dvt"), field("tong_hop"), field("muc_tieu")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !details.is_empty() {
        heading.push_str(&format!(" ({})", details.join("; ")));
    }
    heading
}

fn push_group(
    groups: &mut Vec<Group>,
    heading: String,
    leaves: Vec<(String, String)>,
    pattern: Option<&Pattern>,
    lang: Lang,
) {
    let lines: Vec<Line> = leaves
        .into_iter()
        .filter(|(name, _)| pattern.is_none_or(|p| p.matches(name)))
        .map(|(name, value)| Line {
            meaning: meaning(&name, lang),
            name,
            value,
        })
        .collect();
    if !lines.is_empty() {
        groups.push(Group { heading, lines });
    }
}

/// The listing as text: a heading per group, then `name = value  # meaning`
/// with the meanings aligned within the group.
pub fn to_text(groups: &[Group]) -> String {
    let mut out = String::new();
    for (i, g) in groups.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("## {}\n", g.heading));
        let width = g
            .lines
            .iter()
            .map(|l| l.name.chars().count() + 3 + l.value.chars().count())
            .max()
            .unwrap_or(0)
            .min(64);
        for l in &g.lines {
            let pair = format!("{} = {}", l.name, l.value);
            let pad = width.saturating_sub(pair.chars().count());
            out.push_str(&format!("{pair}{:pad$}  # {}\n", "", l.meaning, pad = pad));
        }
    }
    out
}

/// What a listed name holds, from the contract. The field is the name's
/// last identifier; where it sits (a year, a period, a unit) is said first.
pub fn meaning(name: &str, lang: Lang) -> String {
    let segs = segments(name);
    let vi = lang == Lang::Vi;
    let top = segs.first().map_or("", String::as_str);
    let Some(last) = segs
        .iter()
        .rev()
        .find(|s| !s.chars().all(|c| c.is_ascii_digit()))
    else {
        return String::new();
    };
    match top {
        "bao_cao" | "so_lieu" if segs.len() >= 2 => {
            let key = &segs[1];
            if key == "ngay_text" {
                return pick(
                    vi,
                    "dòng ngày tháng của báo cáo, đã viết thành chữ",
                    "the report's date line, written out",
                );
            }
            return if vi {
                format!("thiết lập [{top}] {key} trong soket.toml")
            } else {
                format!("setting [{top}] {key} in soket.toml")
            };
        }
        "don_vi" => {
            return match last.as_str() {
                "ma" => pick(
                    vi,
                    "mã đơn vị báo cáo (theo danh sách don-vi)",
                    "code of a reporting unit (from the unit list)",
                ),
                _ => pick(vi, "tên đơn vị báo cáo", "name of a reporting unit"),
            };
        }
        "nhom" => {
            return pick(
                vi,
                "mã các chỉ tiêu của nhóm theo thứ tự danh mục; mỗi phần tử có mọi tên như ct.MA (ví dụ {% for c in nhom[\"…\"] %}{{ c.ten }}{% endfor %})",
                "codes of the group's indicators in catalog order; each item has every name of ct.CODE (e.g. {% for c in nhom[\"…\"] %}{{ c.ten }}{% endfor %})",
            );
        }
        "tong_ket" => return tong_ket_meaning(last, vi),
        "van_de" => return van_de_meaning(last, vi),
        _ => {}
    }
    // An indicator's field, possibly inside a year, a period or a unit.
    let after = |key: &str| {
        segs.iter()
            .position(|s| s == key)
            .and_then(|i| segs.get(i + 1))
    };
    let mut place = match (after("nam"), after("ky")) {
        (Some(y), _) if vi => format!("năm {y}: "),
        (Some(y), _) => format!("year {y}: "),
        (None, Some(k)) if vi => format!("kỳ {k}: "),
        (None, Some(k)) => format!("period {k}: "),
        (None, None) => String::new(),
    };
    if let Some(u) = after("don_vi") {
        place.push_str(&if vi {
            format!("đơn vị {u}: ")
        } else {
            format!("unit {u}: ")
        });
    }
    if let Some(i) = segs.iter().position(|s| s == "ly_do") {
        let field = segs.get(i + 1).map_or("", String::as_str);
        return if vi {
            format!("{place}vì sao {field} không có giá trị")
        } else {
            format!("{place}why {field} has no value")
        };
    }
    if segs.iter().any(|s| s == "thieu") {
        return format!(
            "{place}{}",
            pick(
                vi,
                "tên các đơn vị chưa báo cáo",
                "names of the units that did not report"
            )
        );
    }
    // A field that is text by name (bao_cao_text) before a `_text` twin.
    let (base, text) = match last.strip_suffix("_text") {
        Some(b) if field_meaning(last, vi).is_none() => (b, true),
        _ => (last.as_str(), false),
    };
    let Some(m) = field_meaning(base, vi) else {
        return place.trim_end_matches([':', ' ']).to_string();
    };
    let mut out = format!("{place}{m}");
    if text {
        out.push_str(&pick(
            vi,
            " — dạng chữ, đã định dạng",
            " — as formatted text",
        ));
    }
    out
}

fn pick(vi: bool, v: &'static str, e: &'static str) -> String {
    (if vi { v } else { e }).to_string()
}

/// The fields of an indicator (and of its years, periods and units).
fn field_meaning(field: &str, vi: bool) -> Option<String> {
    let (v, e) = match field {
        "ma" => ("mã chỉ tiêu", "indicator code"),
        "ten" => (
            "tên (chỉ tiêu hoặc đơn vị)",
            "name (of the indicator or unit)",
        ),
        "nhom" => ("nhóm chỉ tiêu", "indicator group"),
        "dvt" => ("đơn vị tính", "unit of measure"),
        "tong_hop" => (
            "cách tổng hợp (cột Tổng hợp của danh mục)",
            "aggregation kind (the catalog's Tổng hợp column)",
        ),
        "muc_tieu" => (
            "mục tiêu, như ghi trong danh mục",
            "target, as written in the catalog",
        ),
        "gia_tri" => (
            "giá trị (số; phần trăm với tỷ lệ); rỗng khi thiếu số liệu",
            "value (a number; percent for ratios); null when missing",
        ),
        "hien_thi" => (
            "giá trị kèm đơn vị tính, đã định dạng",
            "value with its unit, formatted",
        ),
        "tu_so" => (
            "tử số (với tỷ lệ và số đơn vị đạt)",
            "numerator (ratios and unit counts)",
        ),
        "mau_so" => (
            "mẫu số (với tỷ lệ và số đơn vị đạt)",
            "denominator (ratios and unit counts)",
        ),
        "phan_so" => ("phân số tử/mẫu (\"26/27\")", "the fraction (\"26/27\")"),
        "ty_le" => (
            "tỷ lệ đã định dạng (\"96,2%\")",
            "the rate, formatted (\"96,2%\")",
        ),
        "ty_le_so" => ("tỷ lệ phần trăm (số)", "the rate in percent (a number)"),
        "uoc" => (
            "true khi là số ước thực hiện",
            "true when the value is an estimate",
        ),
        "so_don_vi_bao_cao" => ("số đơn vị đã báo cáo", "number of units that reported"),
        "so_don_vi_bao_cao_text" => (
            "câu \"7/8 phường báo cáo\"",
            "the words \"7/8 phường báo cáo\"",
        ),
        "bao_cao_text" => (
            "câu \"7/8 phường báo cáo\"",
            "the words \"7/8 phường báo cáo\"",
        ),
        "day_du" => (
            "true khi mọi đơn vị đã báo cáo",
            "true when every unit reported",
        ),
        "nguon" => ("ô lấy số liệu: tệp!trang!ô", "source cell: file!sheet!cell"),
        "trong_so" => (
            "trọng số của đơn vị (bình quân gia quyền)",
            "the unit's weight (weighted mean)",
        ),
        "dat" => (
            "đơn vị có đạt điều kiện không (số đơn vị đạt)",
            "whether the unit meets the condition (unit counts)",
        ),
        "nho_nhat_don_vi" => (
            "đơn vị có giá trị nhỏ nhất",
            "the unit with the smallest value",
        ),
        "lon_nhat_don_vi" => (
            "đơn vị có giá trị lớn nhất",
            "the unit with the largest value",
        ),
        "tang" => (
            "thay đổi so với năm gốc, theo đơn vị của chỉ tiêu (điểm phần trăm với tỷ lệ)",
            "change since the baseline year, in the indicator's unit (percentage points for rates)",
        ),
        "tang_hien_thi" => (
            "thay đổi so với năm gốc kèm đơn vị",
            "change since the baseline year with its unit",
        ),
        "tang_mo_ta" => (
            "câu \"tăng …\" / \"giảm …\" / \"giữ ổn định\" so với năm gốc",
            "the words \"tăng …\" / \"giảm …\" / \"giữ ổn định\" since the baseline",
        ),
        "tang_pt" => (
            "thay đổi so với năm gốc, phần trăm",
            "change since the baseline year, percent",
        ),
        "tang_pt_mo_ta" => (
            "câu \"tăng …%\" so với năm gốc",
            "the words \"tăng …%\" since the baseline",
        ),
        "binh_quan" => (
            "tăng bình quân mỗi năm, phần trăm (chỉ tiêu số lượng)",
            "average yearly growth, percent (quantities only)",
        ),
        "binh_quan_mo_ta" => (
            "câu \"bình quân tăng …%/năm\"",
            "the words \"bình quân tăng …%/năm\"",
        ),
        "dat_pt_muc_tieu" => (
            "giá trị so với số mục tiêu, phần trăm",
            "value as a percent of the target number",
        ),
        "du_bao" => (
            "dự báo đến năm cuối nhiệm kỳ",
            "projection to the term's last year",
        ),
        "danh_gia" => (
            "mã đánh giá: vuot, dat, du_kien_dat, chua_dat, khong_danh_gia",
            "status code: vuot, dat, du_kien_dat, chua_dat, khong_danh_gia",
        ),
        "danh_gia_text" => (
            "đánh giá bằng chữ (\"Vượt\", \"Đạt\" …)",
            "status in words (\"Vượt\", \"Đạt\" …)",
        ),
        "cung_ky" => (
            "giá trị cùng kỳ năm trước",
            "the same period one year earlier",
        ),
        "tang_cung_ky" => (
            "thay đổi so với cùng kỳ, theo đơn vị của chỉ tiêu",
            "change from the same period last year, in the indicator's unit",
        ),
        "tang_cung_ky_pt" => (
            "thay đổi so với cùng kỳ, phần trăm",
            "change from the same period last year, percent",
        ),
        "ke_hoach" => ("kế hoạch năm", "the year's plan"),
        "dat_pt_ke_hoach" => (
            "giá trị so với kế hoạch năm, phần trăm",
            "value as a percent of the year's plan",
        ),
        _ => return None,
    };
    Some(pick(vi, v, e))
}

fn tong_ket_meaning(field: &str, vi: bool) -> String {
    // `ke_hoach_text` is a sentence of its own, not a twin.
    let base = match field {
        "ke_hoach_text" => field,
        _ => field.strip_suffix("_text").unwrap_or(field),
    };
    let (v, e) = match base {
        "tong" => ("số chỉ tiêu trong danh mục", "indicators in the catalog"),
        "vuot" => ("số chỉ tiêu vượt", "indicators exceeded"),
        "dat" => ("số chỉ tiêu đạt", "indicators met"),
        "du_kien_dat" => ("số chỉ tiêu dự kiến đạt", "indicators expected to be met"),
        "chua_dat" => ("số chỉ tiêu chưa đạt", "indicators not met"),
        "khong_danh_gia" => ("số chỉ tiêu không đánh giá", "indicators not evaluated"),
        "dat_va_du_kien_dat" => (
            "số chỉ tiêu đạt, vượt và dự kiến đạt",
            "indicators met, exceeded or expected",
        ),
        "chua_du_so_lieu" => (
            "số chỉ tiêu chưa đủ số liệu",
            "indicators with incomplete data",
        ),
        "text" => (
            "câu tổng kết (\"18/19 chỉ tiêu đạt và dự kiến đạt\")",
            "the summary sentence",
        ),
        "co_so" => (
            "báo cáo định kỳ: đánh giá so với gì (\"mục tiêu, kế hoạch năm 2026\")",
            "periodic review: what the verdicts were judged against",
        ),
        "co_ke_hoach" => (
            "báo cáo định kỳ: số chỉ tiêu có kế hoạch năm",
            "periodic review: indicators with a year's plan",
        ),
        "dat_tien_do" => (
            "báo cáo định kỳ: số chỉ tiêu đạt từ tien_do% kế hoạch năm trở lên",
            "periodic review: indicators at or above tien_do% of the year's plan",
        ),
        "tien_do" => (
            "báo cáo định kỳ: phần năm của kỳ báo cáo, % (6 tháng: 50)",
            "periodic review: the share of the year the period covers, % (6 months: 50)",
        ),
        "ke_hoach_text" => (
            "báo cáo định kỳ: câu về kế hoạch năm (\"1/2 chỉ tiêu có kế hoạch năm đạt từ 50% kế hoạch năm trở lên\")",
            "periodic review: the sentence on the year's plan",
        ),
        _ => return String::new(),
    };
    let mut out = pick(vi, v, e);
    if base != field {
        out.push_str(if vi {
            " — dạng chữ"
        } else {
            " — as text"
        });
    }
    out
}

fn van_de_meaning(field: &str, vi: bool) -> String {
    let (v, e) = match field {
        "muc_do" => (
            "mức độ của vấn đề: loi hoặc canh_bao",
            "severity: loi (error) or canh_bao (warning)",
        ),
        "tep" => ("tệp có vấn đề", "the file with the problem"),
        "trang" => ("trang tính", "the sheet"),
        "o" => ("ô", "the cell"),
        "thong_diep" => ("nội dung vấn đề", "what the problem is"),
        _ => return String::new(),
    };
    pick(vi, v, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_whole_segments_only() {
        let p = Pattern::new("GD01");
        assert!(p.matches("ct.GD01.ten"));
        assert!(p.matches("ct.gd01.nam[\"2020\"].gia_tri"));
        assert!(!p.matches("ct.GD010.ten"));
        assert!(!p.matches("ct.GD02.ten"));
    }

    #[test]
    fn a_star_stays_within_one_segment_and_two_stars_cross_them() {
        let p = Pattern::new("ct.*.ty_le");
        assert!(p.matches("ct.VH01.ty_le"));
        assert!(!p.matches("ct.VH01.ty_le_so"));
        assert!(!p.matches("ct.VH01.nam[\"2020\"].ty_le"));
        let p = Pattern::new("ct.VH01.**.ty_le");
        assert!(p.matches("ct.VH01.nam[\"2020\"].ty_le"));
        assert!(
            Pattern::new("ct.*.nam[\"202?\"].gia_tri").matches("ct.KT01.nam[\"2021\"].gia_tri")
        );
        assert!(Pattern::new("ct.*.nam.*.gia_tri").matches("ct.KT01.nam[\"2021\"].gia_tri"));
    }

    #[test]
    fn meanings_say_where_a_field_sits() {
        for (name, vi) in [
            ("ct.VH01.ty_le", "tỷ lệ đã định dạng (\"96,2%\")"),
            (
                "ct.VH01.nam[\"2020\"].gia_tri_text",
                "năm 2020: giá trị (số; phần trăm với tỷ lệ); rỗng khi thiếu số liệu — dạng chữ, đã định dạng",
            ),
            (
                "ct.VH01.don_vi.P01.nguon",
                "đơn vị P01: ô lấy số liệu: tệp!trang!ô",
            ),
            ("ct.VH01.ly_do.du_bao", "vì sao du_bao không có giá trị"),
            (
                "ct.VH01.nam[\"2023\"].thieu[0]",
                "năm 2023: tên các đơn vị chưa báo cáo",
            ),
            (
                "so_lieu.nam_goc",
                "thiết lập [so_lieu] nam_goc trong soket.toml",
            ),
            ("tong_ket.vuot_text", "số chỉ tiêu vượt — dạng chữ"),
            ("van_de[3].o", "ô"),
        ] {
            assert_eq!(meaning(name, Lang::Vi), vi, "{name}");
        }
        assert_eq!(
            meaning("ct.VH01.ky[\"6T/2026\"].gia_tri", Lang::En),
            "period 6T/2026: value (a number; percent for ratios); null when missing"
        );
    }
}
