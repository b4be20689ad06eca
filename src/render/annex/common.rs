//! What every sheet of the annex shares: the indicators as the context
//! gives them, cell styles, column widths, targets as numbers, cell names.

use super::*;

/// One indicator of the context with its group, in catalog order.
pub(super) struct Ind<'a> {
    pub(super) group: String,
    pub(super) v: &'a IndicatorEntry,
    /// `lam_tron = "cat_bo"`: shown digits are truncated, as in the report.
    pub(super) cat_bo: bool,
}

/// The entry of a unit with no value in an indicator.
static NO_UNIT: std::sync::LazyLock<UnitEntry> = std::sync::LazyLock::new(UnitEntry::default);
/// The periodic names of an indicator outside a periodic review.
static NO_PERIOD: std::sync::LazyLock<PeriodEntry> = std::sync::LazyLock::new(PeriodEntry::default);

impl<'a> Ind<'a> {
    pub(super) fn kind(&self) -> &'a str {
        &self.v.tong_hop
    }
    pub(super) fn is_ratio(&self) -> bool {
        self.kind().starts_with("ty_le")
    }
    pub(super) fn is_count(&self) -> bool {
        self.kind() == "so_don_vi_dat"
    }
    /// Values are percents: `%` indicators and ratios.
    pub(super) fn is_percent(&self) -> bool {
        self.v.dvt.trim() == "%" || self.is_ratio()
    }
    /// Decimals shown: the catalog's `Số lẻ` when given (bug fix: the
    /// annex looked it up under a `so_le` name the context never had, so a
    /// `Số lẻ` of an indicator without a figure was lost), else read off
    /// the formatted twin ("96,2" → 1), else 1 for percents and 0
    /// otherwise.
    pub(super) fn decimals(&self) -> usize {
        if let Some(n) = self.v.so_le {
            return n.min(10) as usize;
        }
        let twin = if self.is_ratio() {
            &self.v.now.ty_le
        } else {
            &self.v.now.gia_tri_text
        };
        if let Some(t) = twin {
            return decimals_of(t);
        }
        for y in self.v.nam.values() {
            if let Some(t) = &y.gia_tri_text {
                return decimals_of(t);
            }
        }
        usize::from(self.is_percent())
    }
    /// Number format of the main value.
    pub(super) fn value_format(&self) -> String {
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
    pub(super) fn shown(&self, v: &Num, decimals: usize) -> Num {
        let truncated = v
            .f64()
            .filter(|_| self.cat_bo)
            .and_then(crate::vn::decimal_from_f64)
            .map(|d| crate::vn::round(d, decimals as u32, crate::vn::Rounding::Truncate));
        match truncated {
            Some(d) => crate::render::context::num(Some(d)),
            None => v.clone(),
        }
    }
    /// A district formula showing the report's digits: under `cat_bo`
    /// truncated (rounded to 10 places first, so that a binary 3,6999…
    /// for 3,7 is not cut to 3,6).
    pub(super) fn shown_formula(&self, f: String) -> String {
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
    pub(super) fn wards_exact(&self) -> bool {
        self.is_ratio()
            || !self.cat_bo
            || self
                .v
                .don_vi
                .values()
                .all(|u| self.shown(&u.gia_tri, self.decimals()).f64() == u.gia_tri.f64())
    }
    /// The entry in `don_vi` of unit `ma`, the `i`-th of `don_vi` (an
    /// empty one when it has none).
    pub(super) fn unit(&self, i: usize, ma: &str) -> &'a UnitEntry {
        self.v.don_vi.get_at(i, ma).map_or(&*NO_UNIT, |u| &**u)
    }
    /// The periodic names (empty outside a periodic review).
    pub(super) fn period(&self) -> &'a PeriodEntry {
        self.v.ky.as_ref().unwrap_or(&*NO_PERIOD)
    }
}

pub(super) fn indicators(ctx: &Context) -> Vec<Ind<'_>> {
    let mut out = Vec::new();
    let cat_bo = ctx.so_lieu.lam_tron == crate::vn::Rounding::Truncate;
    if !ctx.nhom.is_empty() {
        for (g, list) in ctx.nhom.iter() {
            for v in list {
                out.push(Ind {
                    group: g.clone(),
                    v,
                    cat_bo,
                });
            }
        }
    } else {
        for v in ctx.ct.values() {
            out.push(Ind {
                group: v.nhom.clone(),
                v,
                cat_bo,
            });
        }
    }
    out
}

/// The reporting units `[{ma, ten}]`, in `don-vi` order.
pub(super) fn units(ctx: &Context) -> Vec<(String, String)> {
    ctx.don_vi
        .iter()
        .map(|u| (u.ma.clone(), u.ten.clone()))
        .collect()
}

/// Every year that appears in any indicator's `nam`, sorted, with whether it
/// is an estimate (`Ước`).
pub(super) fn years(inds: &[Ind]) -> Vec<(String, bool)> {
    let mut ys: Vec<(i64, String, bool)> = Vec::new();
    for ind in inds {
        for (y, v) in ind.v.nam.iter() {
            let uoc = v.uoc;
            match ys.iter_mut().find(|(_, k, _)| k == y) {
                Some(e) => e.2 |= uoc,
                None => ys.push((y.trim().parse().unwrap_or(i64::MAX), y.clone(), uoc)),
            }
        }
    }
    ys.sort();
    ys.into_iter().map(|(_, y, u)| (y, u)).collect()
}

/// The cached result of a formula: the context's number in full precision.
pub(super) fn result_text(v: &Num) -> String {
    v.json_text()
}

/// Digits after the decimal comma of a Vietnamese number text ("96,2%" → 1).
pub(super) fn decimals_of(t: &str) -> usize {
    match t.split_once(',') {
        Some((_, frac)) => frac.chars().take_while(char::is_ascii_digit).count(),
        None => 0,
    }
}

/// `#,##0` with `decimals` zeros after the point. Stored in US notation;
/// Excel shows it with the reader's regional separators.
pub(super) fn number_format(decimals: usize) -> String {
    if decimals == 0 {
        "#,##0".into()
    } else {
        format!("#,##0.{}", "0".repeat(decimals))
    }
}

pub(super) fn roman(n: usize) -> String {
    crate::vn::number::roman(n)
}

// ---------------------------------------------------------------------------
// Styles

pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) subtitle: Format,
    pub(super) header: Format,
    pub(super) group: Format,
    pub(super) cell: Format,
    pub(super) cell_center: Format,
    pub(super) cell_wrap: Format,
    pub(super) helper: Format,
    pub(super) summary: Format,
    /// The format a link writes its cell with before the cell's value is
    /// written over it: the sheet's default format as a hyperlink, as
    /// `write_url` makes it for every link (the workbook's styles keep it).
    pub(super) hyperlink: Format,
}

impl Styles {
    pub(super) fn base() -> Format {
        Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12)
    }

    pub(super) fn new() -> Self {
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
            summary: base.clone().set_bold().set_italic(),
            hyperlink: base.set_hyperlink(),
        }
    }
    /// A boxed number cell with the given number format.
    pub(super) fn number(&self, fmt: &str) -> Format {
        self.cell
            .clone()
            .set_num_format(fmt)
            .set_align(FormatAlign::Right)
    }
    /// A number format without a box (for the sources list).
    pub(super) fn plain_number(fmt: &str) -> Format {
        Self::base()
            .set_num_format(fmt)
            .set_align(FormatAlign::Right)
    }
    pub(super) fn helper_number(&self, fmt: &str) -> Format {
        self.helper
            .clone()
            .set_num_format(fmt)
            .set_align(FormatAlign::Right)
    }
}

/// Column width (Excel's units, about one digit each) that shows `chars`
/// characters of Times New Roman 12 without "###" in Excel or LibreOffice.
pub(super) fn width_for(chars: usize) -> f64 {
    (chars as f64 * 1.15 + 3.0).ceil()
}

/// Characters a value entry (`nam.2022`, `don_vi.P01`, an indicator) shows
/// in a cell, from its `gia_tri_text` and `hien_thi`: its number as
/// formatted, with "%" for percents.
pub(super) fn shown_len(texts: (&Option<String>, &Option<String>), percent: bool) -> usize {
    match texts {
        (Some(t), _) => t.chars().count() + usize::from(percent),
        (None, h) => h.as_deref().unwrap_or("").chars().count(),
    }
}

/// Height of a row whose wrapped text of `chars` characters sits in a
/// column `width` wide: one 15.75 pt line per line of text.
pub(super) fn wrapped_height(chars: usize, width: f64) -> f64 {
    crate::render::cell_height::wrapped_height(chars, width, 12.0)
}

/// A target split into its comparison and its number: ">= 8.600" →
/// ("≥", 8600, ""), "8/8" → ("≥", 8, "/8"), "= 100%" → ("=", 100, "%").
pub(super) fn target_parts(t: &str) -> Option<(&'static str, f64, String)> {
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
pub(super) fn unit_rows(inds: &[Ind]) -> std::collections::HashMap<String, u32> {
    let mut rows = std::collections::HashMap::new();
    let mut r = UNITS_HEADER_ROW + 1;
    let mut group: Option<&str> = None;
    for ind in inds {
        if group != Some(ind.group.as_str()) {
            group = Some(ind.group.as_str());
            r += 1;
        }
        rows.insert(ind.v.ma.clone(), r);
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
pub(super) const UNITS_HEADER_ROW: u32 = 3;
/// First ward column of "Theo đơn vị".
pub(super) const UNITS_FIRST_COL: u16 = 3;

/// The district formula of an indicator whose row in "Theo đơn vị" is `r`
/// (0-based) and whose ward cells span `c_first..=c_last`, before any
/// rounding; `sheet` prefixes each range ("" on that sheet itself,
/// "'Theo đơn vị'!" from another). `None` for a district figure.
pub(super) fn district_formula(
    ind: &Ind,
    r: u32,
    c_first: u16,
    c_last: u16,
    sheet: &str,
) -> Option<String> {
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
pub(super) struct GroupRows {
    pub(super) name: String,
    pub(super) first: u32,
    pub(super) last: u32,
    pub(super) percent_col: u16,
}

pub(super) fn write_opt_number(ws: &mut Worksheet, r: u32, c: u16, v: &Num, f: &Format) -> Res<()> {
    match v.f64() {
        Some(n) => ws.write_number_with_format(r, c, n, f)?,
        None => ws.write_blank(r, c, f)?,
    };
    Ok(())
}

pub(super) fn page_setup(ws: &mut Worksheet, header_row: u32) -> Res<()> {
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

/// Green for vượt/đạt, amber for dự kiến đạt, red for chưa đạt. Whole-cell
/// equality, because Excel's "text contains" is case-insensitive and "Đạt"
/// would also match "Chưa đạt".
pub(super) fn status_colours(ws: &mut Worksheet, r1: u32, r2: u32, c: u16) -> Res<()> {
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
pub(super) fn col_name(c: u16) -> String {
    rust_xlsxwriter::utility::column_number_to_name(c)
}

/// `D5:K5`: the ward cells of one row.
pub(super) fn row_range(r: u32, c1: u16, c2: u16) -> String {
    format!("{}{}:{}{}", col_name(c1), r + 1, col_name(c2), r + 1)
}
