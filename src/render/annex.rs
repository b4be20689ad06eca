//! The Excel annex `tong-hop.xlsx`, written from the template context.
//!
//! The annex is built from `ket-qua.json` (the template context) and nothing
//! else, so it can never disagree with the Word report. Four sheets:
//!
//! - `Tổng hợp`: one row per indicator, grouped, with target, yearly values,
//!   result, percent of target, average growth and status.
//! - `Theo đơn vị`: ward-by-indicator values for `nam_bao_cao`; the district
//!   column holds *live formulas* over the ward cells (with the computed value
//!   as cached result), so the head of office can see how each figure is made.
//! - `Kiểm tra`: every problem found.
//! - `Nguồn`: every ward figure with the cell it came from.
//!
//! Rules: numbers stay numbers (number formats show the decimals); any text
//! that came from a ward or catalog cell is written with `write_string`, never
//! as a formula (a ward called `=HYPERLINK(…)` stays text); column widths are
//! explicit; the creation date is `bao_cao.ngay` so reruns are byte-identical.

use crate::check::Problem;
use crate::vn::text::capitalize;
use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};
use serde_json::Value;

type Res<T> = Result<T, XlsxError>;

/// Sheet names of the annex.
pub const SHEET_SUMMARY: &str = "Tổng hợp";
pub const SHEET_UNITS: &str = "Theo đơn vị";
pub const SHEET_CHECKS: &str = "Kiểm tra";
pub const SHEET_SOURCES: &str = "Nguồn";
pub const SHEET_CHARTS: &str = "Biểu đồ";

/// Build `tong-hop.xlsx` from the template context and return its bytes
/// (the caller writes them atomically).
#[allow(clippy::result_large_err)] // `Problem` is the crate-wide error value
pub fn write_annex(ctx: &Value) -> Result<Vec<u8>, Problem> {
    write_annex_linked(ctx, None)
}

/// [`write_annex`] with every ward value of "Theo đơn vị" linked to its
/// source cell. `review_dir` is the review folder as seen from the folder
/// the annex is written to ("../" for the default `DIR/ket-qua/`, see
/// [`relative_dir`]): `nguon` paths are relative to the review folder, and
/// Excel and LibreOffice resolve a relative link against the workbook's
/// own folder, so the links keep working when the review folder and its
/// outputs are moved or copied together.
#[allow(clippy::result_large_err)] // `Problem` is the crate-wide error value
pub fn write_annex_linked(ctx: &Value, review_dir: Option<&str>) -> Result<Vec<u8>, Problem> {
    build(ctx, review_dir).map_err(|e| {
        Problem::loi(
            format!("không tạo được tệp tong-hop.xlsx: {e}"),
            format!("could not write tong-hop.xlsx: {e}"),
        )
        .file("tong-hop.xlsx")
    })
}

/// The path of `to` relative to `from` (both folders), with `/` separators
/// and a trailing `/`: "../" for `DIR/ket-qua` → `DIR`. When `-o` points
/// outside the review folder the path climbs out ("../../work/tay-ho/");
/// with no common ancestor (another drive), the absolute path. `None` when
/// either folder cannot be resolved.
pub fn relative_dir(from: &std::path::Path, to: &std::path::Path) -> Option<String> {
    use std::path::Component;
    let (from, to) = (resolved(from)?, to.canonicalize().ok()?);
    let (a, b): (Vec<Component>, Vec<Component>) =
        (from.components().collect(), to.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return Some(format!("{}/", to.display()));
    }
    let mut out = "../".repeat(a.len() - common);
    for c in &b[common..] {
        out.push_str(&c.as_os_str().to_string_lossy());
        out.push('/');
    }
    Some(out)
}

/// `dir` canonicalized, also when it does not exist yet (the output
/// folder of a first build): its nearest existing ancestor canonicalized,
/// then the rest of the path. So the first build into a fresh folder links
/// like the next ones.
fn resolved(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let dir = std::path::absolute(dir).ok()?;
    let mut rest = Vec::new();
    let mut at = dir.as_path();
    loop {
        if let Ok(real) = at.canonicalize() {
            return Some(rest.iter().rev().fold(real, |p, c| p.join(c)));
        }
        rest.push(at.file_name()?.to_os_string());
        at = at.parent()?;
    }
}

/// A source `so-lieu/buoi.xlsx!So lieu!G17` as a link into that workbook:
/// `file:///{base}so-lieu/buoi.xlsx#'So lieu'!G17` (a csv source has no
/// sheet: the link opens the file).
fn source_link(base: &str, nguon: &str) -> Option<String> {
    let mut parts = nguon.split('!');
    let file = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let anchor = match rest.as_slice() {
        [sheet, cell] => format!("#'{}'!{cell}", sheet.replace('\'', "''")),
        _ => String::new(),
    };
    Some(format!("file:///{base}{file}{anchor}"))
}

fn build(ctx: &Value, review_dir: Option<&str>) -> Res<Vec<u8>> {
    let mut wb = Workbook::new();
    // Times New Roman 12 for every cell, also those written without a
    // format (21 px rows and 72 px columns are its Excel metrics).
    wb.set_default_format(&Styles::base(), 21, 72)?;
    // Level 1 deflate: the annex is written once per review and read rarely;
    // default compression costs a third of its time for a few kilobytes.
    wb.set_zip_compression_level(1);
    let styles = Styles::new();
    let mut props = DocProperties::new()
        .set_title(text(&ctx["bao_cao"]["tieu_de"]))
        .set_author(text(&ctx["bao_cao"]["co_quan"]));
    props = props.set_creation_datetime(&creation_date(ctx));
    wb.set_properties(&props);

    let indicators = indicators(ctx);
    let rows = summary_sheet(wb.add_worksheet(), ctx, &indicators, &styles)?;
    units_sheet(wb.add_worksheet(), ctx, &indicators, &styles, review_dir)?;
    checks_sheet(wb.add_worksheet(), ctx, &styles)?;
    sources_sheet(wb.add_worksheet(), ctx, &indicators, &styles)?;
    chart_sheet(wb.add_worksheet(), &rows)?;
    wb.save_to_buffer()
}

/// `bao_cao.ngay` ("2023-04-07"), else a fixed date: never "now", so that
/// two builds of the same input are byte-identical.
fn creation_date(ctx: &Value) -> ExcelDateTime {
    let fixed = || ExcelDateTime::from_ymd(2000, 1, 1).expect("valid date");
    let Some(s) = ctx["bao_cao"]["ngay"].as_str() else {
        return fixed();
    };
    let mut parts = s.trim().splitn(3, '-').map(|p| p.parse::<u32>().ok());
    match (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    ) {
        (Some(y), Some(m), Some(d)) if (1900..=9999).contains(&y) => {
            ExcelDateTime::from_ymd(y as u16, m as u8, d as u8).unwrap_or_else(|_| fixed())
        }
        _ => fixed(),
    }
}

// ---------------------------------------------------------------------------
// Reading the context

/// One indicator of the context with its group, in catalog order.
struct Ind<'a> {
    group: String,
    v: &'a Value,
    /// `lam_tron = "cat_bo"`: shown digits are truncated, as in the report.
    cat_bo: bool,
}

impl<'a> Ind<'a> {
    fn field(&self, name: &str) -> &'a Value {
        self.v.get(name).unwrap_or(&Value::Null)
    }
    fn s(&self, name: &str) -> String {
        text(self.field(name))
    }
    fn kind(&self) -> &'a str {
        self.field("tong_hop").as_str().unwrap_or("")
    }
    fn is_ratio(&self) -> bool {
        self.kind().starts_with("ty_le")
    }
    fn is_count(&self) -> bool {
        self.kind() == "so_don_vi_dat"
    }
    /// Values are percents: `%` indicators and ratios.
    fn is_percent(&self) -> bool {
        self.s("dvt").trim() == "%" || self.is_ratio()
    }
    /// Decimals shown: `so_le` when the context has it, else read off the
    /// formatted twin ("96,2" → 1), else 1 for percents and 0 otherwise.
    fn decimals(&self) -> usize {
        if let Some(n) = self.field("so_le").as_u64() {
            return n.min(10) as usize;
        }
        let twin = if self.is_ratio() {
            "ty_le"
        } else {
            "gia_tri_text"
        };
        if let Some(t) = self.field(twin).as_str() {
            return decimals_of(t);
        }
        for y in self
            .field("nam")
            .as_object()
            .into_iter()
            .flat_map(|m| m.values())
        {
            if let Some(t) = y["gia_tri_text"].as_str() {
                return decimals_of(t);
            }
        }
        usize::from(self.is_percent())
    }
    /// Number format of the main value.
    fn value_format(&self) -> String {
        let mut f = number_format(self.decimals());
        if self.is_percent() {
            f.push_str("\"%\"");
        }
        f
    }
    /// `v` with the digits the report shows at `decimals` (truncated under
    /// `cat_bo`): a number format rounds half up and would show 96,3% where
    /// the report prints 96,2%.
    /// Under `gan_nhat` the format's own rounding already shows them, and
    /// the full value is kept.
    fn shown(&self, v: &Value, decimals: usize) -> Value {
        let truncated = num(v)
            .filter(|_| self.cat_bo)
            .and_then(crate::vn::decimal_from_f64)
            .map(|d| crate::vn::round(d, decimals as u32, crate::vn::Rounding::Truncate));
        match truncated {
            Some(d) => super::context::number(Some(d)),
            None => v.clone(),
        }
    }
    /// A district formula showing the report's digits: under `cat_bo`
    /// truncated (rounded to 10 places first, so that a binary 3,6999…
    /// for 3,7 is not cut to 3,6).
    fn shown_formula(&self, f: String) -> String {
        if self.cat_bo && self.kind() != "so_don_vi_dat" {
            format!("ROUNDDOWN(ROUND({f},10),{})", self.decimals())
        } else {
            f
        }
    }
    /// Whether the ward cells, as shown (truncated under `cat_bo`), still
    /// make the district value: always for ratios (their formula reads the
    /// helper rows) and for a minimum or maximum (truncation keeps the
    /// order, though a percent of target needs the untruncated extreme);
    /// for a sum or a mean only when no ward value has more digits than
    /// the report shows.
    fn wards_exact(&self) -> bool {
        self.is_ratio()
            || !self.cat_bo
            || self
                .field("don_vi")
                .as_object()
                .into_iter()
                .flat_map(|m| m.values())
                .all(|u| num(&self.shown(&u["gia_tri"], self.decimals())) == num(&u["gia_tri"]))
    }
    /// The unit's entry in `don_vi`.
    fn unit(&self, ma: &str) -> &'a Value {
        self.field("don_vi").get(ma).unwrap_or(&Value::Null)
    }
}

fn indicators(ctx: &Value) -> Vec<Ind<'_>> {
    let mut out = Vec::new();
    let cat_bo = ctx["so_lieu"]["lam_tron"] == "cat_bo";
    if let Some(groups) = ctx["nhom"].as_object() {
        for (g, list) in groups {
            for v in list.as_array().into_iter().flatten() {
                // A compact context lists codes of `ct` entries.
                let v = match v.as_str() {
                    Some(code) => &ctx["ct"][code],
                    None => v,
                };
                out.push(Ind {
                    group: g.clone(),
                    v,
                    cat_bo,
                });
            }
        }
    } else if let Some(ct) = ctx["ct"].as_object() {
        for v in ct.values() {
            out.push(Ind {
                group: text(&v["nhom"]),
                v,
                cat_bo,
            });
        }
    }
    out
}

/// The reporting units `[{ma, ten}]`, in `don-vi` order.
fn units(ctx: &Value) -> Vec<(String, String)> {
    ctx["don_vi"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|u| (text(&u["ma"]), text(&u["ten"])))
        .collect()
}

/// Every year that appears in any indicator's `nam`, sorted, with whether it
/// is an estimate (`Ước`).
fn years(inds: &[Ind]) -> Vec<(String, bool)> {
    let mut ys: Vec<(i64, String, bool)> = Vec::new();
    for ind in inds {
        for (y, v) in ind.field("nam").as_object().into_iter().flatten() {
            let uoc = v["uoc"].as_bool().unwrap_or(false);
            match ys.iter_mut().find(|(_, k, _)| k == y) {
                Some(e) => e.2 |= uoc,
                None => ys.push((y.trim().parse().unwrap_or(i64::MAX), y.clone(), uoc)),
            }
        }
    }
    ys.sort();
    ys.into_iter().map(|(_, y, u)| (y, u)).collect()
}

/// Text of a JSON value: strings as they are, numbers in their JSON form,
/// null and others as "".
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64().filter(|f| f.is_finite())
}

/// The cached result of a formula: the context's number in full precision.
fn result_text(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// Digits after the decimal comma of a Vietnamese number text ("96,2%" → 1).
fn decimals_of(t: &str) -> usize {
    match t.split_once(',') {
        Some((_, frac)) => frac.chars().take_while(char::is_ascii_digit).count(),
        None => 0,
    }
}

/// `#,##0` with `decimals` zeros after the point. Stored in US notation;
/// Excel shows it with the reader's regional separators.
fn number_format(decimals: usize) -> String {
    if decimals == 0 {
        "#,##0".into()
    } else {
        format!("#,##0.{}", "0".repeat(decimals))
    }
}

fn roman(n: usize) -> String {
    crate::vn::number::roman(n)
}

// ---------------------------------------------------------------------------
// Styles

struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    group: Format,
    cell: Format,
    cell_center: Format,
    cell_wrap: Format,
    helper: Format,
    summary: Format,
}

impl Styles {
    fn base() -> Format {
        Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12)
    }

    fn new() -> Self {
        let base = Self::base();
        let boxed = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            subtitle: base.clone().set_italic().set_align(FormatAlign::Center),
            header: boxed
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xD9E1F2)),
            group: boxed
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xF2F2F2)),
            cell: boxed.clone(),
            cell_center: boxed.clone().set_align(FormatAlign::Center),
            cell_wrap: boxed.clone().set_text_wrap(),
            helper: boxed
                .clone()
                .set_italic()
                .set_font_color(Color::RGB(0x595959)),
            summary: base.set_bold().set_italic(),
        }
    }
    /// A boxed number cell with the given number format.
    fn number(&self, fmt: &str) -> Format {
        self.cell
            .clone()
            .set_num_format(fmt)
            .set_align(FormatAlign::Right)
    }
    /// A number format without a box (for the sources list).
    fn plain_number(fmt: &str) -> Format {
        Self::base()
            .set_num_format(fmt)
            .set_align(FormatAlign::Right)
    }
    fn helper_number(&self, fmt: &str) -> Format {
        self.helper
            .clone()
            .set_num_format(fmt)
            .set_align(FormatAlign::Right)
    }
}

/// Column width (Excel's units, about one digit each) that shows `chars`
/// characters of Times New Roman 12 without "###" in Excel or LibreOffice.
fn width_for(chars: usize) -> f64 {
    (chars as f64 * 1.15 + 3.0).ceil()
}

/// Characters a value entry (`nam.2022`, `don_vi.P01`, an indicator) shows
/// in a cell: its number as formatted, with "%" for percents.
fn shown_len(entry: &Value, percent: bool) -> usize {
    match entry["gia_tri_text"].as_str() {
        Some(t) => t.chars().count() + usize::from(percent),
        None => text(&entry["hien_thi"]).chars().count(),
    }
}

/// Height of a row whose wrapped text of `chars` characters sits in a
/// column `width` wide: one 15.75 pt line per line of text.
fn wrapped_height(chars: usize, width: f64) -> f64 {
    let per_line = ((width - 1.0) / 1.05).max(1.0) as usize;
    let lines = chars.div_ceil(per_line).max(1);
    15.75 * lines as f64 + 3.0
}

/// A target split into its comparison and its number: ">= 8.600" →
/// ("≥", 8600, ""), "8/8" → ("≥", 8, "/8"), "= 100%" → ("=", 100, "%").
fn target_parts(t: &str) -> Option<(&'static str, f64, String)> {
    let t = t.trim();
    let (op, rest) = [(">=", "≥"), ("<=", "≤"), (">", ">"), ("<", "<"), ("=", "=")]
        .iter()
        .find_map(|(a, b)| t.strip_prefix(a).map(|r| (*b, r)))
        .unwrap_or(("≥", t));
    let rest = rest.trim();
    let (number, suffix) = match rest.split_once('/') {
        Some((a, b)) => (a.trim(), format!("/{}", b.trim())),
        None => match rest.strip_suffix('%') {
            Some(a) => (a.trim(), "%".to_string()),
            None => (rest, String::new()),
        },
    };
    let n = crate::vn::number::parse_plain_number(number)?;
    Some((op, n.to_string().parse().ok()?, suffix))
}

/// Rows of each indicator's district value in "Theo đơn vị" (0-based),
/// laid out as [`units_sheet`] writes them.
fn unit_rows(inds: &[Ind]) -> std::collections::HashMap<String, u32> {
    let mut rows = std::collections::HashMap::new();
    let mut r = UNITS_HEADER_ROW + 1;
    let mut group: Option<&str> = None;
    for ind in inds {
        if group != Some(ind.group.as_str()) {
            group = Some(ind.group.as_str());
            r += 1;
        }
        rows.insert(ind.s("ma"), r);
        let kind = ind.kind();
        r += 1 + if kind.starts_with("ty_le") {
            2
        } else if kind.starts_with("trung_binh_gia_quyen") {
            1
        } else {
            0
        };
    }
    rows
}

/// Header row of "Theo đơn vị".
const UNITS_HEADER_ROW: u32 = 3;
/// First ward column of "Theo đơn vị".
const UNITS_FIRST_COL: u16 = 3;

/// The district formula of an indicator whose row in "Theo đơn vị" is `r`
/// (0-based) and whose ward cells span `c_first..=c_last`, before any
/// rounding; `sheet` prefixes each range ("" on that sheet itself,
/// "'Theo đơn vị'!" from another). `None` for a district figure.
fn district_formula(ind: &Ind, r: u32, c_first: u16, c_last: u16, sheet: &str) -> Option<String> {
    let range = |r: u32| format!("{sheet}{}", row_range(r, c_first, c_last));
    let kind = ind.kind();
    Some(match kind {
        "tong" => format!("SUM({})", range(r)),
        "trung_binh" => format!("AVERAGE({})", range(r)),
        "nho_nhat" => format!("MIN({})", range(r)),
        "lon_nhat" => format!("MAX({})", range(r)),
        "so_don_vi_dat" => format!("COUNTIF({},\"Đạt\")", range(r)),
        k if k.starts_with("ty_le") => {
            format!("SUM({})/SUM({})*100", range(r + 1), range(r + 2))
        }
        k if k.starts_with("trung_binh_gia_quyen") => format!(
            "SUMPRODUCT({},{w})/SUMIF({},\"<>\",{w})",
            range(r),
            range(r),
            w = range(r + 1)
        ),
        _ => return None,
    })
}

/// Where one group's indicators sit in "Tổng hợp", for its chart.
struct GroupRows {
    name: String,
    first: u32,
    last: u32,
    percent_col: u16,
}

fn write_opt_number(ws: &mut Worksheet, r: u32, c: u16, v: &Value, f: &Format) -> Res<()> {
    match num(v) {
        Some(n) => ws.write_number_with_format(r, c, n, f)?,
        None => ws.write_blank(r, c, f)?,
    };
    Ok(())
}

fn page_setup(ws: &mut Worksheet, header_row: u32) -> Res<()> {
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_freeze_panes(header_row + 1, 0)?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Sheet 1: Tổng hợp

fn summary_sheet(
    ws: &mut Worksheet,
    ctx: &Value,
    inds: &[Ind],
    st: &Styles,
) -> Res<Vec<GroupRows>> {
    ws.set_name(SHEET_SUMMARY)?;
    // An empty cached result must stay empty (the library's default is 0).
    ws.set_formula_result_default("");
    // A periodic review (`ky_bao_cao`): the year columns it was not asked
    // for are left out, and the period is set against the same period of
    // last year and the year's plan, as the report sentence does.
    let periodic = ctx["so_lieu"]["ky_bao_cao_ma"].is_string();
    let years: Vec<(String, bool)> = years(inds)
        .into_iter()
        .filter(|(y, _)| {
            !periodic
                || inds
                    .iter()
                    .any(|i| i.field("nam")[y.as_str()]["gia_tri"].is_number())
        })
        .collect();
    let mut headers: Vec<String> = [
        "STT",
        "Mã",
        "Chỉ tiêu",
        "Đơn vị tính",
        "So sánh",
        "Mục tiêu",
    ]
    .map(String::from)
    .to_vec();
    for (y, uoc) in &years {
        headers.push(if *uoc {
            format!("Ước {y}")
        } else {
            format!("Năm {y}")
        });
    }
    headers.push(match periodic {
        true => format!("Thực hiện {}", text(&ctx["so_lieu"]["ky_bao_cao_text"])),
        false => "Kết quả".into(),
    });
    headers.push("% mục tiêu".into());
    if periodic {
        let cung_ky = text(&ctx["so_lieu"]["cung_ky_text"]);
        headers.extend([
            format!("Cùng kỳ ({cung_ky})"),
            "Tăng/giảm so với cùng kỳ".into(),
            "So với cùng kỳ (%)".into(),
            "Kế hoạch năm".into(),
            "% kế hoạch năm".into(),
        ]);
    } else {
        headers.push("Bình quân tăng (%/năm)".into());
    }
    headers.push("Đánh giá".into());
    let last_col = (headers.len() - 1) as u16;
    let c_years = 6u16;
    let c_result = c_years + years.len() as u16;
    // The columns after "% mục tiêu": the period's, or the mean change.
    let c_period = c_result + 2;
    let c_verdict = last_col;
    // Widths from the content: each number column as wide as its longest
    // formatted number, never narrower than its header's longest word.
    let name_width = 46.0;
    let mut widths = vec![6.0, 9.0, name_width, 11.0, 8.0, 0.0];
    widths.resize(headers.len(), 0.0);
    for (c, h) in headers.iter().enumerate() {
        let word = h
            .split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
        widths[c] = f64::max(widths[c], width_for(word + 1));
    }
    let units = unit_rows(inds);
    let n_units = units_count(ctx) as u16;
    let district_col = col_name(UNITS_FIRST_COL + n_units);
    for ind in inds {
        let pct = ind.is_percent();
        let fit = |w: &mut f64, n: usize| *w = f64::max(*w, width_for(n));
        if let Some((_, n, suffix)) = target_parts(&ind.s("muc_tieu")) {
            fit(&mut widths[5], format!("{n}{suffix}").chars().count() + 2);
        }
        for (i, (y, _)) in years.iter().enumerate() {
            fit(
                &mut widths[c_years as usize + i],
                shown_len(&ind.field("nam")[y.as_str()], pct),
            );
        }
        fit(&mut widths[c_result as usize], shown_len(ind.v, pct));
        fit(&mut widths[c_result as usize + 1], 7);
        if periodic {
            let at = c_period as usize;
            fit(&mut widths[at], shown_len(ind.field("cung_ky"), pct));
            fit(
                &mut widths[at + 1],
                shown_len(ind.field("tang_cung_ky"), pct),
            );
            fit(&mut widths[at + 2], 7);
            fit(&mut widths[at + 3], shown_len(ind.field("ke_hoach"), pct));
            fit(&mut widths[at + 4], 7);
        } else {
            fit(&mut widths[c_period as usize], 7);
        }
        fit(&mut widths[c_verdict as usize], 14);
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }

    // Title rows.
    let co_quan = text(&ctx["bao_cao"]["co_quan"]);
    ws.merge_range(0, 0, 0, last_col, &co_quan, &st.title)?;
    let title = format!(
        "PHỤ LỤC: KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU\n{}",
        text(&ctx["bao_cao"]["tieu_de"])
    );
    ws.merge_range(1, 0, 1, last_col, title.trim_end(), &st.title)?;
    ws.set_row_height(1, 36)?;
    let so = text(&ctx["bao_cao"]["so_ky_hieu"]);
    let ngay = text(&ctx["bao_cao"]["ngay_text"]);
    let kem = match (so.is_empty(), ngay.is_empty()) {
        (false, false) => format!("(Kèm theo Báo cáo số {so} {ngay})"),
        (false, true) => format!("(Kèm theo Báo cáo số {so})"),
        (true, false) => format!("(Kèm theo Báo cáo {ngay})"),
        (true, true) => String::new(),
    };
    ws.merge_range(2, 0, 2, last_col, &kem, &st.subtitle)?;

    let hr = 4u32;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(hr, c as u16, h, &st.header)?;
    }
    // The period's headers ("Thực hiện 6 tháng đầu năm 2026") take four
    // lines in their columns.
    ws.set_row_height(hr, if periodic { 66 } else { 48 })?;

    let mut r = hr + 1;
    let mut group: Option<&str> = None;
    let (mut gi, mut stt) = (0usize, 0usize);
    let first_data = r;
    let percent_1 = st.number("#,##0.0\"%\"");
    let percent_2 = st.number("#,##0.00\"%\"");
    let mut groups: Vec<GroupRows> = Vec::new();
    for ind in inds {
        if group != Some(ind.group.as_str()) {
            group = Some(ind.group.as_str());
            gi += 1;
            ws.write_string_with_format(r, 0, roman(gi), &st.group)?;
            ws.merge_range(r, 1, r, last_col, &ind.group, &st.group)?;
            r += 1;
            groups.push(GroupRows {
                name: ind.group.clone(),
                first: r,
                last: r,
                percent_col: c_result + 1,
            });
        }
        if let Some(g) = groups.last_mut() {
            g.last = r;
        }
        stt += 1;
        let dec = if ind.is_count() { 0 } else { ind.decimals() };
        // A unit count reads "8/8" while staying the number 8.
        let vf = match (ind.is_count(), num(ind.field("mau_so"))) {
            (true, Some(m)) => st.number(&format!("#,##0\"/{m}\"")),
            _ => st.number(&ind.value_format()),
        };
        let ten = ind.s("ten");
        ws.write_number_with_format(r, 0, stt as f64, &st.cell_center)?;
        ws.write_string_with_format(r, 1, ind.s("ma"), &st.cell)?;
        ws.write_string_with_format(r, 2, &ten, &st.cell_wrap)?;
        ws.set_row_height(r, wrapped_height(ten.chars().count(), name_width))?;
        ws.write_string_with_format(r, 3, ind.s("dvt"), &st.cell_center)?;
        // The target as a comparison and a number, so that a formula can
        // use it; a target that is not a number stays text.
        let target = target_parts(&ind.s("muc_tieu"));
        match &target {
            Some((op, n, suffix)) => {
                ws.write_string_with_format(r, 4, *op, &st.cell_center)?;
                let tf = if suffix == "%" {
                    ind.value_format()
                } else {
                    format!(
                        "{}\"{suffix}\"",
                        number_format(decimals_of(&n.to_string().replace('.', ",")))
                    )
                };
                ws.write_number_with_format(r, 5, *n, &st.number(&tf))?;
            }
            None => {
                ws.write_blank(r, 4, &st.cell)?;
                ws.write_string_with_format(r, 5, ind.s("muc_tieu"), &st.cell_center)?;
            }
        }
        for (i, (y, _)) in years.iter().enumerate() {
            let v = &ind.field("nam")[y.as_str()]["gia_tri"];
            write_opt_number(ws, r, c_years + i as u16, &ind.shown(v, dec), &vf)?;
        }
        // The result is the district value of "Theo đơn vị": the whole
        // workbook recalculates from the ward cells.
        let unit_row = units.get(&ind.s("ma")).copied();
        let result_ref = unit_row.map(|row| format!("'{SHEET_UNITS}'!{district_col}{}", row + 1));
        let gia_tri = ind.field("gia_tri");
        match &result_ref {
            Some(cell) => {
                let f = Formula::new(format!("IF({cell}=\"\",\"\",{cell})")).set_result(
                    if gia_tri.is_number() {
                        result_text(&ind.shown(gia_tri, dec))
                    } else {
                        String::new()
                    },
                );
                ws.write_formula_with_format(r, c_result, f, &vf)?;
            }
            None => write_opt_number(ws, r, c_result, &ind.shown(gia_tri, dec), &vf)?,
        }
        // % of target: result / target × 100 where the context computes it
        // from these two numbers (`>=` and `>` targets that are not fractions).
        let dat_pt = ind.field("dat_pt_muc_tieu");
        let live = matches!(&target, Some((op, _, suffix)) if (*op == "≥" || *op == ">") && !suffix.starts_with('/'))
            && !ind.is_count();
        let tgt = format!("F{}", r + 1);
        let res = format!("{}{}", col_name(c_result), r + 1);
        let pct = if !live || !dat_pt.is_number() || !ind.wards_exact() {
            None
        } else if ind.cat_bo {
            // The shown result is truncated: the percent is taken of the
            // unrounded district value, as the report takes it, then
            // truncated itself.
            unit_row
                .filter(|_| n_units > 0)
                .and_then(|row| {
                    let sheet = format!("'{SHEET_UNITS}'!");
                    district_formula(
                        ind,
                        row,
                        UNITS_FIRST_COL,
                        UNITS_FIRST_COL + n_units - 1,
                        &sheet,
                    )
                })
                .map(|raw| format!("ROUNDDOWN(ROUND(({raw})/{tgt}*100,10),1)"))
        } else {
            Some(format!("{res}/{tgt}*100"))
        };
        match pct {
            Some(p) => {
                let f = Formula::new(format!("IF(OR({res}=\"\",{tgt}=0),\"\",{p})"))
                    .set_result(result_text(&ind.shown(dat_pt, 1)));
                ws.write_formula_with_format(r, c_result + 1, f, &percent_1)?;
            }
            None => write_opt_number(ws, r, c_result + 1, &ind.shown(dat_pt, 1), &percent_1)?,
        }
        if periodic {
            period_cells(ws, r, c_period, ind, dec, &vf, &res, st)?;
        } else {
            write_opt_number(
                ws,
                r,
                c_period,
                &ind.shown(ind.field("binh_quan"), 2),
                &percent_2,
            )?;
        }
        ws.write_string_with_format(r, c_verdict, ind.s("danh_gia_text"), &st.cell_center)?;
        r += 1;
    }
    if r > first_data {
        status_colours(ws, first_data, r - 1, c_verdict)?;
    }
    let tong_ket = text(&ctx["tong_ket"]["text"]);
    if !tong_ket.is_empty() {
        ws.merge_range(r + 1, 0, r + 1, last_col, &tong_ket, &st.summary)?;
    }
    page_setup(ws, hr)?;
    Ok(groups)
}

/// A periodic review's columns of one indicator: the same period of last
/// year, the change in the figure's unit and in percent, the year's plan
/// and the percent of it reached. The changes and the percent of plan are
/// live formulas of the result cell `res` (itself the district value of
/// "Theo đơn vị") where the context has them and the shown digits are the
/// values' own (not under `cat_bo`); blank where the report has none.
#[allow(clippy::too_many_arguments)]
fn period_cells(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    ind: &Ind,
    dec: usize,
    vf: &Format,
    res: &str,
    st: &Styles,
) -> Res<()> {
    let percent = &st.number("#,##0.0\"%\"");
    let cung_ky = ind.field("cung_ky");
    let ke_hoach = ind.field("ke_hoach");
    write_opt_number(ws, r, c, &ind.shown(cung_ky, dec), vf)?;
    write_opt_number(ws, r, c + 3, &ind.shown(ke_hoach, dec), vf)?;
    let ck = format!("{}{}", col_name(c), r + 1);
    let kh = format!("{}{}", col_name(c + 3), r + 1);
    let live = !ind.cat_bo;
    // A change is a plain number in the figure's unit (points for a rate),
    // never "−1/38" or "−1,5%".
    let change = st.number(&number_format(dec));
    let cells = [
        (
            c + 1,
            "tang_cung_ky",
            format!("{res}-{ck}"),
            ck.clone(),
            &change,
            dec,
        ),
        (
            c + 2,
            "tang_cung_ky_pt",
            format!("({res}/{ck}-1)*100"),
            ck.clone(),
            percent,
            1,
        ),
        (
            c + 4,
            "dat_pt_ke_hoach",
            format!("{res}/{kh}*100"),
            kh,
            percent,
            1,
        ),
    ];
    for (col, name, formula, base, format, digits) in cells {
        let v = ind.field(name);
        if live && v.is_number() {
            let f = Formula::new(format!(
                "IF(OR({res}=\"\",{base}=\"\",{base}=0),\"\",{formula})"
            ))
            .set_result(result_text(&ind.shown(v, digits)));
            ws.write_formula_with_format(r, col, f, format)?;
        } else {
            write_opt_number(ws, r, col, &ind.shown(v, digits), format)?;
        }
    }
    Ok(())
}

fn units_count(ctx: &Value) -> usize {
    units(ctx).len()
}

/// "Biểu đồ": one bar chart per group of the percent of target reached,
/// read from "Tổng hợp" (indicators without such a percent show no bar).
fn chart_sheet(ws: &mut Worksheet, groups: &[GroupRows]) -> Res<()> {
    use rust_xlsxwriter::{Chart, ChartType};
    ws.set_name(SHEET_CHARTS)?;
    let mut row = 1u32;
    let mut breaks = Vec::new();
    ws.write_string(
        0,
        0,
        "Tỷ lệ % so với mục tiêu nhiệm kỳ, theo nhóm chỉ tiêu (từ bảng Tổng hợp)",
    )?;
    for g in groups {
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_categories((SHEET_SUMMARY, g.first, 1, g.last, 1))
            .set_values((SHEET_SUMMARY, g.first, g.percent_col, g.last, g.percent_col))
            .set_name("% mục tiêu");
        chart.title().set_name(&g.name);
        chart.legend().set_hidden();
        let bars = (g.last - g.first + 1).max(2);
        let height = 120 + 28 * bars;
        chart.set_width(720).set_height(height);
        ws.insert_chart(row, 0, &chart)?;
        row += height.div_ceil(20) + 2;
        // One chart per printed page: a chart is never cut in two.
        breaks.push(row);
    }
    breaks.pop();
    ws.set_page_breaks(&breaks)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    Ok(())
}

/// Green for vượt/đạt, amber for dự kiến đạt, red for chưa đạt. Whole-cell
/// equality, because Excel's "text contains" is case-insensitive and "Đạt"
/// would also match "Chưa đạt".
fn status_colours(ws: &mut Worksheet, r1: u32, r2: u32, c: u16) -> Res<()> {
    let green = Format::new()
        .set_background_color(Color::RGB(0xC6EFCE))
        .set_font_color(Color::RGB(0x006100));
    let amber = Format::new()
        .set_background_color(Color::RGB(0xFFEB9C))
        .set_font_color(Color::RGB(0x9C5700));
    let red = Format::new()
        .set_background_color(Color::RGB(0xFFC7CE))
        .set_font_color(Color::RGB(0x9C0006));
    for (word, f) in [
        ("Vượt", &green),
        ("Đạt", &green),
        ("Dự kiến đạt", &amber),
        ("Chưa đạt", &red),
    ] {
        let cf = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(word))
            .set_format(f);
        ws.add_conditional_format(r1, c, r2, c, &cf)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Sheet 2: Theo đơn vị

/// Column letters of a 0-based column.
fn col_name(c: u16) -> String {
    rust_xlsxwriter::utility::column_number_to_name(c)
}

/// `D5:K5`: the ward cells of one row.
fn row_range(r: u32, c1: u16, c2: u16) -> String {
    format!("{}{}:{}{}", col_name(c1), r + 1, col_name(c2), r + 1)
}

fn units_sheet(
    ws: &mut Worksheet,
    ctx: &Value,
    inds: &[Ind],
    st: &Styles,
    review_dir: Option<&str>,
) -> Res<()> {
    ws.set_name(SHEET_UNITS)?;
    // An empty cached result must stay empty (the library's default is 0).
    ws.set_formula_result_default("");
    let units = units(ctx);
    let nam = text(&ctx["so_lieu"]["nam_bao_cao"]);
    let district = capitalize(&text(&ctx["so_lieu"]["ten_don_vi"]));
    let district = if district.is_empty() {
        "Toàn đơn vị".to_string()
    } else {
        district
    };
    let c_first = UNITS_FIRST_COL;
    let n = units.len() as u16;
    let c_district = c_first + n;
    let c_how = c_district + 1;

    // Widths from the content: a ward's column fits its longest value and
    // the longest word of its name (the header wraps between words).
    let fit_header = |t: &str| {
        width_for(
            t.split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0)
                + 1,
        )
    };
    ws.set_column_width(0, 9.0)?;
    ws.set_column_width(1, UNITS_NAME_WIDTH)?;
    ws.set_column_width(2, 11.0)?;
    for (i, (ma, ten)) in units.iter().enumerate() {
        let longest = inds
            .iter()
            .map(|ind| shown_len(ind.unit(ma), ind.is_percent()))
            .max()
            .unwrap_or(0);
        ws.set_column_width(
            c_first + i as u16,
            f64::max(width_for(longest), fit_header(ten)),
        )?;
    }
    let longest = inds
        .iter()
        .map(|ind| shown_len(ind.v, ind.is_percent()))
        .max()
        .unwrap_or(0);
    ws.set_column_width(
        c_district,
        f64::max(width_for(longest), fit_header(&district)),
    )?;
    ws.set_column_width(c_how, 30.0)?;

    let title = format!("SỐ LIỆU THEO ĐƠN VỊ NĂM {nam}");
    ws.merge_range(0, 0, 0, c_how, &title, &st.title)?;
    ws.merge_range(
        1,
        0,
        1,
        c_how,
        &format!("(Cột {district} là công thức tính từ số liệu các đơn vị)"),
        &st.subtitle,
    )?;
    let hr = UNITS_HEADER_ROW;
    for (c, h) in ["Mã", "Chỉ tiêu", "Đơn vị tính"].iter().enumerate() {
        ws.write_string_with_format(hr, c as u16, *h, &st.header)?;
    }
    for (i, (_, ten)) in units.iter().enumerate() {
        ws.write_string_with_format(hr, c_first + i as u16, ten, &st.header)?;
    }
    ws.write_string_with_format(hr, c_district, &district, &st.header)?;
    ws.write_string_with_format(hr, c_how, "Cách tổng hợp", &st.header)?;
    ws.set_row_height(hr, 32)?;

    let mut r = hr + 1;
    let mut group: Option<&str> = None;
    for ind in inds {
        if group != Some(ind.group.as_str()) {
            group = Some(ind.group.as_str());
            ws.merge_range(r, 0, r, c_how, &ind.group, &st.group)?;
            r += 1;
        }
        let first = r;
        r = indicator_rows(ws, r, ind, &units, c_first, c_district, st)?;
        let ten = ind.s("ten");
        ws.set_row_height(first, wrapped_height(ten.chars().count(), UNITS_NAME_WIDTH))?;
        if let Some(base) = review_dir {
            link_sources(ws, first, ind, &units, c_first, base, st)?;
        }
    }
    page_setup(ws, hr)?;
    ws.set_freeze_panes(hr + 1, c_first)?;
    Ok(())
}

/// Width of the name column of "Theo đơn vị".
const UNITS_NAME_WIDTH: f64 = 42.0;

/// Links each ward value of an indicator's row to the cell it was read
/// from; the cell keeps its number (or "Đạt"), the link is added to it.
fn link_sources(
    ws: &mut Worksheet,
    r: u32,
    ind: &Ind,
    units: &[(String, String)],
    c_first: u16,
    base: &str,
    st: &Styles,
) -> Res<()> {
    let vf = st.number(&ind.value_format());
    for (i, (ma, _)) in units.iter().enumerate() {
        let u = ind.unit(ma);
        let Some(link) = u["nguon"].as_str().and_then(|n| source_link(base, n)) else {
            continue;
        };
        if u["gia_tri"].is_null() {
            continue;
        }
        // The link first (it writes its text into the cell), then the cell's
        // own value over it: the hyperlink stays on the cell.
        let tip = text(&u["nguon"]);
        ws.write_url_with_options(r, c_first + i as u16, link.as_str(), "", tip, None)?;
        let c = c_first + i as u16;
        match (ind.kind(), unit_meets(u)) {
            ("so_don_vi_dat", Some(true)) => {
                ws.write_string_with_format(r, c, "Đạt", &st.cell_center)?;
            }
            ("so_don_vi_dat", _) => {
                ws.write_string_with_format(r, c, "Chưa đạt", &st.cell_center)?;
            }
            _ => write_opt_number(ws, r, c, &ind.shown(&u["gia_tri"], ind.decimals()), &vf)?,
        }
    }
    Ok(())
}

/// Write one indicator (one row, plus helper rows for ratios and weighted
/// means) and return the next free row.
fn indicator_rows(
    ws: &mut Worksheet,
    r: u32,
    ind: &Ind,
    units: &[(String, String)],
    c_first: u16,
    c_district: u16,
    st: &Styles,
) -> Res<u32> {
    let kind = ind.kind();
    let vf = st.number(&ind.value_format());
    let c_last = if units.is_empty() {
        c_first
    } else {
        c_district - 1
    };
    let range = row_range(r, c_first, c_last);
    let gia_tri = ind.field("gia_tri");
    ws.write_string_with_format(r, 0, ind.s("ma"), &st.cell)?;
    ws.write_string_with_format(r, 1, ind.s("ten"), &st.cell_wrap)?;
    ws.write_string_with_format(r, 2, ind.s("dvt"), &st.cell_center)?;

    // Ward cells of the main row.
    if kind == "so_don_vi_dat" {
        for (i, (ma, _)) in units.iter().enumerate() {
            let c = c_first + i as u16;
            match unit_meets(ind.unit(ma)) {
                Some(true) => ws.write_string_with_format(r, c, "Đạt", &st.cell_center)?,
                Some(false) => ws.write_string_with_format(r, c, "Chưa đạt", &st.cell_center)?,
                None => ws.write_blank(r, c, &st.cell)?,
            };
        }
    } else if kind != "cap_quan" {
        for (i, (ma, _)) in units.iter().enumerate() {
            // Each ward with the digits the report gives it (truncated
            // under cat_bo); see `Ind::wards_exact` for the district cell.
            let v = ind.shown(&ind.unit(ma)["gia_tri"], ind.decimals());
            write_opt_number(ws, r, c_first + i as u16, &v, &vf)?;
        }
    } else {
        for i in 0..units.len() {
            ws.write_blank(r, c_first + i as u16, &st.cell)?;
        }
    }

    let mut next = r + 1;
    let note: String = match kind {
        "tong" => "Tổng các đơn vị".into(),
        "trung_binh" => "Trung bình các đơn vị có số liệu".into(),
        "nho_nhat" => "Nhỏ nhất".into(),
        "lon_nhat" => "Lớn nhất".into(),
        "so_don_vi_dat" => "Số đơn vị đạt".into(),
        "cap_quan" => "Số liệu cấp quận".into(),
        k if k.starts_with("ty_le") => {
            // Two helper rows: numerators and denominators of the units that
            // gave both; the district value is Σ tử / Σ mẫu × 100.
            let (rn, rd) = (r + 1, r + 2);
            let hf = st.helper_number(&fraction_format(ind, units));
            ws.write_blank(rn, 0, &st.helper)?;
            ws.write_string_with_format(rn, 1, "   Tử số", &st.helper)?;
            ws.write_blank(rn, 2, &st.helper)?;
            ws.write_blank(rd, 0, &st.helper)?;
            ws.write_string_with_format(rd, 1, "   Mẫu số", &st.helper)?;
            ws.write_blank(rd, 2, &st.helper)?;
            for (i, (ma, _)) in units.iter().enumerate() {
                let c = c_first + i as u16;
                let u = ind.unit(ma);
                let (t, m) = (num(&u["tu_so"]), num(&u["mau_so"]));
                match (t, m) {
                    (Some(t), Some(m)) => {
                        ws.write_number_with_format(rn, c, t, &hf)?;
                        ws.write_number_with_format(rd, c, m, &hf)?;
                    }
                    _ => {
                        ws.write_blank(rn, c, &st.helper)?;
                        ws.write_blank(rd, c, &st.helper)?;
                    }
                }
            }
            let (nr, dr) = (
                row_range(rn, c_first, c_last),
                row_range(rd, c_first, c_last),
            );
            if units.is_empty() {
                write_opt_number(ws, rn, c_district, ind.field("tu_so"), &hf)?;
                write_opt_number(ws, rd, c_district, ind.field("mau_so"), &hf)?;
            } else {
                sum_cell(ws, rn, c_district, &nr, ind.field("tu_so"), &hf)?;
                sum_cell(ws, rd, c_district, &dr, ind.field("mau_so"), &hf)?;
            }
            ws.write_blank(rn, c_district + 1, &st.helper)?;
            ws.write_blank(rd, c_district + 1, &st.helper)?;
            next = r + 3;
            "Tổng tử số / tổng mẫu số × 100".into()
        }
        k if k.starts_with("trung_binh_gia_quyen") => {
            let code = k.split_once(':').map(|x| x.1).unwrap_or("");
            let rw = r + 1;
            ws.write_blank(rw, 0, &st.helper)?;
            ws.write_string_with_format(rw, 1, format!("   Trọng số ({code})"), &st.helper)?;
            ws.write_blank(rw, 2, &st.helper)?;
            let wf = st.helper_number("#,##0.##########");
            for (i, (ma, _)) in units.iter().enumerate() {
                write_opt_number(ws, rw, c_first + i as u16, &ind.unit(ma)["trong_so"], &wf)?;
            }
            ws.write_blank(rw, c_district, &st.helper)?;
            ws.write_blank(rw, c_district + 1, &st.helper)?;
            next = r + 2;
            format!("Trung bình có trọng số {code} (các đơn vị có số liệu)")
        }
        _ => String::new(),
    };
    let mut formula = district_formula(ind, r, c_first, c_last, "");
    let mut note = note;
    if !ind.wards_exact() && !matches!(kind, "nho_nhat" | "lon_nhat") {
        // The truncated ward cells would not add up to the report's
        // figure: the district cell holds that figure, and says why.
        formula = None;
        note.push_str(
            " (tính trên số liệu gốc của các đơn vị, có nhiều chữ số thập phân hơn số hiển thị)",
        );
    }
    match formula
        .filter(|_| !units.is_empty())
        .map(|f| ind.shown_formula(f))
    {
        Some(f) => {
            let f = if gia_tri.is_number() {
                Formula::new(f).set_result(result_text(&ind.shown(gia_tri, ind.decimals())))
            } else {
                // Nothing reported: an empty result rather than 0 or #DIV/0!.
                Formula::new(format!("IF(COUNT({range})=0,\"\",{f})")).set_result("")
            };
            ws.write_formula_with_format(r, c_district, f, &vf)?;
        }
        None => write_opt_number(ws, r, c_district, &ind.shown(gia_tri, ind.decimals()), &vf)?,
    }
    ws.write_string_with_format(r, c_district + 1, note, &st.cell_wrap)?;
    Ok(next)
}

fn sum_cell(ws: &mut Worksheet, r: u32, c: u16, range: &str, v: &Value, f: &Format) -> Res<()> {
    let formula = Formula::new(format!("SUM({range})")).set_result(match v {
        Value::Number(_) => result_text(v),
        _ => "0".into(),
    });
    ws.write_formula_with_format(r, c, formula, f)?;
    Ok(())
}

/// `#,##0` unless a numerator or denominator has decimals.
fn fraction_format(ind: &Ind, units: &[(String, String)]) -> String {
    let frac = units.iter().any(|(ma, _)| {
        let u = ind.unit(ma);
        [&u["tu_so"], &u["mau_so"]]
            .iter()
            .any(|v| num(v).is_some_and(|n| n.fract() != 0.0))
    });
    if frac {
        "#,##0.####".into()
    } else {
        "#,##0".into()
    }
}

/// Whether a unit counts for a `so_don_vi_dat` indicator: its `tu_so`
/// (1 or 0), else a yes/no `gia_tri`, else a 1/0 `gia_tri`.
fn unit_meets(u: &Value) -> Option<bool> {
    if let Some(t) = num(&u["tu_so"]) {
        return Some(t > 0.0);
    }
    match &u["gia_tri"] {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_f64().map(|f| f > 0.0),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Sheet 3: Kiểm tra

fn checks_sheet(ws: &mut Worksheet, ctx: &Value, st: &Styles) -> Res<()> {
    ws.set_name(SHEET_CHECKS)?;
    for (c, w) in [11.0, 28.0, 16.0, 10.0, 80.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.merge_range(0, 0, 0, 4, "KẾT QUẢ KIỂM TRA SỐ LIỆU", &st.title)?;
    let hr = 2u32;
    for (c, h) in ["Mức độ", "Tệp", "Trang", "Ô", "Thông điệp"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(hr, c as u16, *h, &st.header)?;
    }
    let problems: Vec<&Value> = ctx["van_de"].as_array().into_iter().flatten().collect();
    if problems.is_empty() {
        ws.merge_range(
            hr + 1,
            0,
            hr + 1,
            4,
            "Không phát hiện vấn đề nào.",
            &st.cell,
        )?;
    }
    for (r, p) in (hr + 1..).zip(problems) {
        let muc_do = match p["muc_do"].as_str() {
            Some("loi") => "Lỗi".to_string(),
            Some("canh_bao") => "Cảnh báo".to_string(),
            _ => text(&p["muc_do"]),
        };
        ws.write_string_with_format(r, 0, muc_do, &st.cell)?;
        ws.write_string_with_format(r, 1, text(&p["tep"]), &st.cell)?;
        ws.write_string_with_format(r, 2, text(&p["trang"]), &st.cell)?;
        ws.write_string_with_format(r, 3, text(&p["o"]), &st.cell)?;
        ws.write_string_with_format(r, 4, text(&p["thong_diep"]), &st.cell_wrap)?;
    }
    page_setup(ws, hr)
}

// ---------------------------------------------------------------------------
// Sheet 4: Nguồn

fn sources_sheet(ws: &mut Worksheet, ctx: &Value, inds: &[Ind], st: &Styles) -> Res<()> {
    ws.set_name(SHEET_SOURCES)?;
    for (c, w) in [9.0, 42.0, 22.0, 8.0, 14.0, 12.0, 12.0, 44.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.merge_range(0, 0, 0, 7, "NGUỒN SỐ LIỆU", &st.title)?;
    let hr = 2u32;
    let headers = [
        "Mã",
        "Chỉ tiêu",
        "Đơn vị",
        "Năm",
        "Giá trị",
        "Tử số",
        "Mẫu số",
        "Nguồn (tệp!trang!ô)",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(hr, c as u16, *h, &st.header)?;
    }
    // A long list read by filtering, so plain cells (the workbook's default
    // Times New Roman) under a filter instead of a boxed format per cell:
    // this sheet holds a row per ward and indicator.
    let year = num(&ctx["so_lieu"]["nam_bao_cao"]);
    let units = units(ctx);
    let district = capitalize(&text(&ctx["so_lieu"]["ten_don_vi"]));
    let fraction = Styles::plain_number("#,##0.####");
    let mut r = hr + 1;
    for ind in inds {
        let vf = Styles::plain_number(&ind.value_format());
        let ma = ind.field("ma").as_str().unwrap_or_default();
        let ten = ind.field("ten").as_str().unwrap_or_default();
        let mut row = |r: u32, unit: &str, u: &Value| -> Res<()> {
            ws.write_string(r, 0, ma)?;
            ws.write_string(r, 1, ten)?;
            ws.write_string(r, 2, unit)?;
            if let Some(y) = year {
                ws.write_number(r, 3, y)?;
            }
            match &u["gia_tri"] {
                Value::Bool(b) => {
                    ws.write_string(r, 4, if *b { "Đạt" } else { "Chưa đạt" })?;
                }
                v => match num(&ind.shown(v, ind.decimals())) {
                    Some(n) => {
                        ws.write_number_with_format(r, 4, n, &vf)?;
                    }
                    None => {
                        if let Some(t) = u["gia_tri_text"].as_str() {
                            ws.write_string(r, 4, t)?;
                        }
                    }
                },
            }
            for (c, key) in [(5, "tu_so"), (6, "mau_so")] {
                if let Some(n) = num(&u[key]) {
                    ws.write_number_with_format(r, c, n, &fraction)?;
                }
            }
            if let Some(t) = u["nguon"].as_str() {
                ws.write_string(r, 7, t)?;
            }
            Ok(())
        };
        if let Some(list) = ind.field("don_vi").as_object() {
            for (ma, ten) in &units {
                let Some(u) = list.get(ma) else { continue };
                if u["gia_tri"].is_null() && u["nguon"].is_null() {
                    continue;
                }
                row(r, u["ten"].as_str().unwrap_or(ten), u)?;
                r += 1;
            }
        }
        // A district figure (cap_quan) with its own source cell.
        if !ind.field("nguon").is_null() {
            row(r, &district, ind.v)?;
            r += 1;
        }
    }
    ws.autofilter(hr, 0, r.saturating_sub(1).max(hr), 7)?;
    ws.set_freeze_panes(hr + 1, 0)?;
    page_setup(ws, hr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_come_from_the_formatted_twin() {
        assert_eq!(decimals_of("96,2%"), 1);
        assert_eq!(decimals_of("12.993"), 0);
        assert_eq!(decimals_of("95,09"), 2);
        assert_eq!(number_format(0), "#,##0");
        assert_eq!(number_format(2), "#,##0.00");
    }

    #[test]
    fn helpers() {
        assert_eq!(capitalize("quận Tây Hồ"), "Quận Tây Hồ");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(row_range(4, 3, 10), "D5:K5");
    }
}
