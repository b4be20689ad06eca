//! Where a review stands, unit by unit: the table `soket check` prints
//! before the problems, so that a clerk sees at a glance who has sent a
//! file, whose file is complete and whose is not, without reading one
//! warning per empty cell.

use crate::check::Lang;
use crate::pipeline::Checked;
use crate::read::Reporter;
use crate::review::Aggregate;
use serde::Serialize;

/// One row of the table: a unit of `don-vi`, or the district's own figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitStatus {
    /// The unit's code; `None` for the district's own (`cap_quan`) figures.
    pub ma: Option<String>,
    /// Its name; the district's `so_lieu.ten_don_vi`, empty while that is
    /// not filled in (the table then says "(cấp quận)").
    pub ten: String,
    /// `du` (complete), `o_trong` (empty cells), `loi` (errors) or
    /// `chua_nhan` (no file received).
    pub trang_thai: &'static str,
    /// Cells of the report year (`nam_bao_cao`), or of a periodic review's
    /// period (`ky_bao_cao`), left empty.
    pub o_trong: usize,
    /// Errors found in the unit's files.
    pub loi: usize,
    /// Its files in `so-lieu/`.
    pub tep: Vec<String>,
}

/// The status of every unit, in `don-vi` order, then the district's own
/// figures when the catalog has `cap_quan` indicators.
pub fn of(checked: &Checked) -> Vec<UnitStatus> {
    let Some(review) = checked.review.as_ref() else {
        return Vec::new();
    };
    let period = report_period(&review.settings.so_lieu);
    let year = review.settings.so_lieu.nam_bao_cao;
    // A value of the report period: the year's column in a term review
    // (and a periodic review of a whole year), the period's in a periodic
    // review ("6 tháng 2026"), whose year column is not asked for.
    let has = |s: &crate::read::Submission, code: &str| match period {
        Some(p) if !p.is_year() => s.ky.values.contains_key(&(code.to_string(), p)),
        Some(p) => s.get(code, p.year).is_some(),
        None => s.get(code, year).is_some(),
    };
    let row = |reporter: Reporter, ma: Option<String>, ten: String| {
        let subs: Vec<_> = checked
            .submissions
            .iter()
            .filter(|s| s.reporter == reporter)
            .collect();
        let unit = match reporter {
            Reporter::Unit(i) => Some(&review.units[i]),
            Reporter::District => None,
        };
        let tep: Vec<String> = subs.iter().map(|s| s.file.clone()).collect();
        let o_trong = crate::render::entry::indicators_for(review, unit)
            .iter()
            .filter(|ind| !subs.iter().any(|s| has(s, &ind.ma)))
            .count();
        let loi = checked
            .problems
            .iter()
            .filter(|p| p.is_error() && p.tep().is_some_and(|f| tep.iter().any(|t| t == f)))
            .count();
        let trang_thai = match () {
            _ if tep.is_empty() => "chua_nhan",
            _ if loi > 0 => "loi",
            _ if o_trong > 0 => "o_trong",
            _ => "du",
        };
        UnitStatus {
            ma,
            ten,
            trang_thai,
            o_trong,
            loi,
            tep,
        }
    };
    let mut rows: Vec<UnitStatus> = review
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| row(Reporter::Unit(i), Some(u.ma.clone()), u.ten.clone()))
        .collect();
    if review
        .catalog
        .indicators
        .iter()
        .any(|i| i.tong_hop == Aggregate::CapQuan)
    {
        let name = review.settings.so_lieu.ten_don_vi.trim();
        // Unnamed in soket.toml: empty here, "(cấp quận)" in the table.
        let ten = if name.is_empty() || name.contains(crate::review::settings::PLACEHOLDER) {
            String::new()
        } else {
            crate::vn::text::capitalize(name)
        };
        rows.push(row(Reporter::District, None, ten));
    }
    rows
}

/// The period the table speaks of: a periodic review's (`ky_bao_cao`)
/// when it has no term; `None` for a term review, whose report year is
/// `nam_bao_cao`.
fn report_period(s: &crate::review::settings::SoLieu) -> Option<crate::vn::period::Period> {
    s.ky.filter(|_| !s.co_nhiem_ky)
}

fn status_text(code: &str, lang: Lang) -> &'static str {
    match (code, lang) {
        ("du", Lang::Vi) => "đủ số liệu",
        ("o_trong", Lang::Vi) => "còn ô trống",
        ("loi", Lang::Vi) => "có lỗi",
        (_, Lang::Vi) => "chưa nhận",
        ("du", Lang::En) => "complete",
        ("o_trong", Lang::En) => "empty cells",
        ("loi", Lang::En) => "errors",
        (_, Lang::En) => "not received",
    }
}

/// The table as printed by `soket check`: a heading naming the year, one
/// line per unit, and a count of units received, complete, with empty
/// cells and with errors.
pub fn table(rows: &[UnitStatus], checked: &Checked, lang: Lang) -> String {
    let Some(review) = checked.review.as_ref() else {
        return String::new();
    };
    let s = &review.settings.so_lieu;
    let heading: [&str; 5] = match lang {
        Lang::Vi => ["Đơn vị", "Tình trạng", "Ô trống", "Lỗi", "Tệp"],
        Lang::En => ["Unit", "Status", "Empty", "Errors", "File"],
    };
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            let received = !r.tep.is_empty();
            let n = |v: usize| {
                if received { v.to_string() } else { "-".into() }
            };
            let ten = match (r.ten.is_empty(), lang) {
                (false, _) => r.ten.clone(),
                (true, Lang::Vi) => "(cấp quận)".to_string(),
                (true, Lang::En) => "(district level)".to_string(),
            };
            [
                ten,
                status_text(r.trang_thai, lang).to_string(),
                n(r.o_trong),
                n(r.loi),
                if received {
                    r.tep.join(", ")
                } else {
                    "-".into()
                },
            ]
        })
        .collect();
    let width = |c: usize| {
        cells
            .iter()
            .map(|r| r[c].chars().count())
            .chain([heading[c].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..5).map(width).collect();
    let line = |r: [&str; 5]| {
        let pad = |c: usize| widths[c] - r[c].chars().count();
        format!(
            "{}{}  {}{}  {}{}  {}{}  {}",
            r[0],
            " ".repeat(pad(0)),
            r[1],
            " ".repeat(pad(1)),
            " ".repeat(pad(2)),
            r[2],
            " ".repeat(pad(3)),
            r[3],
            r[4]
        )
    };
    let units: Vec<&UnitStatus> = rows.iter().filter(|r| r.ma.is_some()).collect();
    let count = |code: &str| units.iter().filter(|r| r.trang_thai == code).count();
    let received = units.iter().filter(|r| !r.tep.is_empty()).count();
    let mut out = match (report_period(s), lang) {
        (Some(p), Lang::Vi) => format!(
            "Tình hình nhận số liệu {0} (ô trống: ô của {0} chưa điền):\n",
            p.label()
        ),
        (Some(p), Lang::En) => format!(
            "Figures received for {0} (empty: cells of {0} left blank):\n",
            p.label_en()
        ),
        (None, Lang::Vi) => format!(
            "Tình hình nhận số liệu năm {0} (ô trống: ô của năm {0} chưa điền):\n",
            s.nam_bao_cao
        ),
        (None, Lang::En) => format!(
            "Figures received for {0} (empty: cells of {0} left blank):\n",
            s.nam_bao_cao
        ),
    };
    out.push_str(line(heading).trim_end());
    out.push('\n');
    for c in &cells {
        out.push_str(line([&c[0], &c[1], &c[2], &c[3], &c[4]]).trim_end());
        out.push('\n');
    }
    out.push_str(&match lang {
        Lang::Vi => format!(
            "Đã nhận {received}/{} {}; đủ số liệu: {}; còn ô trống: {}; có lỗi: {}.\n",
            units.len(),
            s.cap_don_vi,
            count("du"),
            count("o_trong"),
            count("loi")
        ),
        Lang::En => format!(
            "Received {received}/{} units; complete: {}; with empty cells: {}; with errors: {}.\n",
            units.len(),
            count("du"),
            count("o_trong"),
            count("loi")
        ),
    });
    out
}
