//! "Theo đơn vị": every unit's value with a link to its source cell, and
//! the district value as a formula of them.

use super::common::*;
use super::*;

pub(super) fn units_sheet(
    ws: &mut Worksheet,
    ctx: &Context,
    inds: &[Ind],
    st: &Styles,
    review_dir: Option<&str>,
) -> Res<()> {
    ws.set_name(SHEET_UNITS)?;
    // An empty cached result must stay empty (the library's default is 0).
    ws.set_formula_result_default("");
    let units = units(ctx);
    let nam = ctx
        .so_lieu
        .nam_bao_cao
        .map(|y| y.to_string())
        .unwrap_or_default();
    let district = capitalize(&ctx.so_lieu.ten_don_vi);
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
            .map(|ind| {
                let u = ind.unit(i, ma);
                shown_len((&u.gia_tri_text, &u.hien_thi), ind.is_percent())
            })
            .max()
            .unwrap_or(0);
        ws.set_column_width(
            c_first + i as u16,
            f64::max(width_for(longest), fit_header(ten)),
        )?;
    }
    let longest = inds
        .iter()
        .map(|ind| {
            let now = &ind.v.now;
            shown_len((&now.gia_tri_text, &now.hien_thi), ind.is_percent())
        })
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
        // The ward cells that get their source link: written once, with
        // the link (see `indicator_rows`).
        let linked: Vec<bool> = units
            .iter()
            .enumerate()
            .map(|(i, (ma, _))| {
                let u = ind.unit(i, ma);
                review_dir.is_some() && u.nguon.is_some() && u.gia_tri.is_number()
            })
            .collect();
        r = indicator_rows(ws, r, ind, &units, &linked, c_first, c_district, st)?;
        let ten = &ind.v.ten;
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
pub(super) const UNITS_NAME_WIDTH: f64 = 42.0;

/// Links each ward value of an indicator's row to the cell it was read
/// from; the cell keeps its number (or "Đạt"), the link is added to it.
pub(super) fn link_sources(
    ws: &mut Worksheet,
    r: u32,
    ind: &Ind,
    units: &[(String, String)],
    c_first: u16,
    base: &str,
    st: &Styles,
) -> Res<()> {
    let vf = st.number(&ind.value_format());
    let mut written = false;
    for (i, (ma, _)) in units.iter().enumerate() {
        let u = ind.unit(i, ma);
        let Some(link) = u.nguon.as_deref().and_then(|n| source_link(base, n)) else {
            continue;
        };
        if !u.gia_tri.is_number() {
            continue;
        }
        // The link first (it writes its text into the cell), then the cell's
        // own value over it: the hyperlink stays on the cell.
        let c = c_first + i as u16;
        let url = Url::new(link).set_tip(u.nguon.clone().unwrap_or_default());
        ws.write_url_with_format(r, c, url, &st.hyperlink)?;
        match (ind.kind(), unit_meets(u)) {
            ("so_don_vi_dat", Some(true)) => {
                ws.write_string_with_format(r, c, "Đạt", &st.cell_center)?;
            }
            ("so_don_vi_dat", _) => {
                ws.write_string_with_format(r, c, "Chưa đạt", &st.cell_center)?;
            }
            // Its other ward cells are plain boxes (`indicator_rows`).
            ("cap_quan", _) => {
                write_opt_number(ws, r, c, &ind.shown(&u.gia_tri, ind.decimals()), &vf)?;
            }
            _ => {
                if let Some(n) = ind.shown(&u.gia_tri, ind.decimals()).f64() {
                    ws.write_number(r, c, n)?;
                }
                written = true;
            }
        }
    }
    // The numbers were written bare: the row's format goes back on all
    // its ward cells at once, as in `ward_numbers`.
    if written {
        ws.set_range_format(r, c_first, r, c_first + units.len() as u16 - 1, &vf)?;
    }
    Ok(())
}

/// Write one indicator (one row, plus helper rows for ratios and weighted
/// means) and return the next free row.
///
/// A ward cell marked in `linked` is left to [`link_sources`], which writes
/// it with the same value and format; the row's formats are still first
/// used here, in the order they always were (the workbook's styles stay
/// byte-identical): a `so_don_vi_dat` row writes its first ward cell
/// whether linked or not, the other rows put their format on all their
/// ward cells at once ([`ward_numbers`]).
#[allow(clippy::too_many_arguments)]
pub(super) fn indicator_rows(
    ws: &mut Worksheet,
    r: u32,
    ind: &Ind,
    units: &[(String, String)],
    linked: &[bool],
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
    let gia_tri = &ind.v.now.gia_tri;
    ws.write_string_with_format(r, 0, &ind.v.ma, &st.cell)?;
    ws.write_string_with_format(r, 1, &ind.v.ten, &st.cell_wrap)?;
    ws.write_string_with_format(r, 2, &ind.v.dvt, &st.cell_center)?;

    // Ward cells of the main row.
    if kind == "so_don_vi_dat" {
        for (i, (ma, _)) in units.iter().enumerate() {
            if i > 0 && linked[i] {
                continue;
            }
            let c = c_first + i as u16;
            match unit_meets(ind.unit(i, ma)) {
                Some(true) => ws.write_string_with_format(r, c, "Đạt", &st.cell_center)?,
                Some(false) => ws.write_string_with_format(r, c, "Chưa đạt", &st.cell_center)?,
                None => ws.write_blank(r, c, &st.cell)?,
            };
        }
    } else if kind != "cap_quan" {
        // Each ward with the digits the report gives it (truncated under
        // cat_bo); see `Ind::wards_exact` for the district cell.
        let values = units.iter().enumerate().map(|(i, (ma, _))| {
            let v = ind.shown(&ind.unit(i, ma).gia_tri, ind.decimals());
            v.f64().filter(|_| !linked[i])
        });
        ward_numbers(ws, r, c_first, values, &vf)?;
    } else {
        ward_numbers(ws, r, c_first, units.iter().map(|_| None), &st.cell)?;
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
                let u = ind.unit(i, ma);
                let (t, m) = (u.tu_so.f64(), u.mau_so.f64());
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
                write_opt_number(ws, rn, c_district, &ind.v.now.tu_so, &hf)?;
                write_opt_number(ws, rd, c_district, &ind.v.now.mau_so, &hf)?;
            } else {
                sum_cell(ws, rn, c_district, &nr, &ind.v.now.tu_so, &hf)?;
                sum_cell(ws, rd, c_district, &dr, &ind.v.now.mau_so, &hf)?;
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
            let weights =
                (units.iter().enumerate()).map(|(i, (ma, _))| ind.unit(i, ma).trong_so.f64());
            ward_numbers(ws, rw, c_first, weights, &wf)?;
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

/// The ward cells of row `r` from `c_first` on: each value written bare,
/// then `format` put on all of them at once (`set_range_format`), a ward
/// without a value becomes a blank cell with the format. The cells end as
/// [`write_opt_number`] with `format` leaves them, for one lookup of the
/// format (a hash of all of it) instead of one per cell. The ward cells
/// lie between the row's name and its district cell, so that the blanks
/// `set_range_format` adds need not extend the sheet's dimension.
fn ward_numbers(
    ws: &mut Worksheet,
    r: u32,
    c_first: u16,
    values: impl Iterator<Item = Option<f64>>,
    format: &Format,
) -> Res<()> {
    let mut c = c_first;
    for v in values {
        if let Some(n) = v {
            ws.write_number(r, c, n)?;
        }
        c += 1;
    }
    if c > c_first {
        ws.set_range_format(r, c_first, r, c - 1, format)?;
    }
    Ok(())
}

pub(super) fn sum_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    range: &str,
    v: &Num,
    f: &Format,
) -> Res<()> {
    let formula = Formula::new(format!("SUM({range})")).set_result(match v.is_number() {
        true => result_text(v),
        false => "0".into(),
    });
    ws.write_formula_with_format(r, c, formula, f)?;
    Ok(())
}

/// `#,##0` unless a numerator or denominator has decimals.
pub(super) fn fraction_format(ind: &Ind, units: &[(String, String)]) -> String {
    let frac = units.iter().enumerate().any(|(i, (ma, _))| {
        let u = ind.unit(i, ma);
        [&u.tu_so, &u.mau_so]
            .iter()
            .any(|v| v.f64().is_some_and(|n| n.fract() != 0.0))
    });
    if frac {
        "#,##0.####".into()
    } else {
        "#,##0".into()
    }
}

/// Whether a unit counts for a `so_don_vi_dat` indicator: its `tu_so`
/// (1 or 0), else a 1/0 `gia_tri`.
pub(super) fn unit_meets(u: &UnitEntry) -> Option<bool> {
    if let Some(t) = u.tu_so.f64() {
        return Some(t > 0.0);
    }
    u.gia_tri.0.as_ref()?.as_f64().map(|f| f > 0.0)
}

// ---------------------------------------------------------------------------
// Sheet 3: Kiểm tra
