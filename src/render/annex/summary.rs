//! The summary sheet, "Tổng hợp": one row per indicator, its result a
//! live formula of "Theo đơn vị", a periodic review's period columns.

use std::collections::HashMap;

use super::common::*;
use super::*;

pub(super) fn summary_sheet(
    ws: &mut Worksheet,
    ctx: &Context,
    inds: &[Ind],
    st: &Styles,
) -> Res<Vec<GroupRows>> {
    ws.set_name(SHEET_SUMMARY)?;
    // An empty cached result must stay empty (the library's default is 0).
    ws.set_formula_result_default("");
    // A periodic review (`ky_bao_cao`): the year columns it was not asked
    // for are left out, and the period is set against the same period of
    // last year and the year's plan, as the report sentence does.
    let period = ctx.so_lieu.ky.as_ref();
    let periodic = period.is_some();
    let years: Vec<(String, bool)> = years(inds)
        .into_iter()
        .filter(|(y, _)| {
            !periodic
                || inds
                    .iter()
                    .any(|i| i.v.nam.get(y).is_some_and(|e| e.gia_tri.is_number()))
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
    headers.push(match period {
        Some(ky) => format!("Thực hiện {}", ky.ky_bao_cao_text),
        None => "Kết quả".into(),
    });
    headers.push("% mục tiêu".into());
    if let Some(ky) = period {
        let cung_ky = &ky.cung_ky_text;
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
        if let Some((_, n, suffix)) = target_parts(&ind.v.muc_tieu) {
            fit(&mut widths[5], format!("{n}{suffix}").chars().count() + 2);
        }
        for (i, (y, _)) in years.iter().enumerate() {
            let len = ind
                .v
                .nam
                .get(y)
                .map_or(0, |e| shown_len((&e.gia_tri_text, &e.hien_thi), pct));
            fit(&mut widths[c_years as usize + i], len);
        }
        let now = &ind.v.now;
        fit(
            &mut widths[c_result as usize],
            shown_len((&now.gia_tri_text, &now.hien_thi), pct),
        );
        fit(&mut widths[c_result as usize + 1], 7);
        if periodic {
            // The period's columns are sized from their displayed texts,
            // as the other value columns (bug fix: they were sized from
            // the numbers, which count as no text, so a plan of
            // 17.100.000.000 showed "###"). The changes are shown without
            // "%" (the percent changes' texts carry theirs).
            let p = ind.period();
            let at = c_period as usize;
            let len = |t: &Option<String>, percent: bool| shown_len((t, &None), percent);
            fit(&mut widths[at], len(&p.cung_ky_text, pct));
            fit(&mut widths[at + 1], len(&p.tang_cung_ky_text, false));
            fit(
                &mut widths[at + 2],
                len(&p.tang_cung_ky_pt_text, false).max(7),
            );
            fit(&mut widths[at + 3], len(&p.ke_hoach_text, pct));
            fit(
                &mut widths[at + 4],
                len(&p.dat_pt_ke_hoach_text, false).max(7),
            );
        } else {
            fit(&mut widths[c_period as usize], 7);
        }
        fit(&mut widths[c_verdict as usize], 14);
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }

    // Title rows.
    let co_quan = &ctx.bao_cao.co_quan;
    ws.merge_range(0, 0, 0, last_col, co_quan, &st.title)?;
    let title = format!(
        "PHỤ LỤC: KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU\n{}",
        ctx.bao_cao.tieu_de
    );
    ws.merge_range(1, 0, 1, last_col, title.trim_end(), &st.title)?;
    ws.set_row_height(1, 36)?;
    let so = &ctx.bao_cao.so_ky_hieu;
    let ngay = ctx.bao_cao.ngay_text.as_deref().unwrap_or_default();
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
    // A change's format by its number of decimals: built once, not per row.
    let mut changes: HashMap<usize, Format> = HashMap::new();
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
        let vf = match (ind.is_count(), ind.v.now.mau_so.f64()) {
            (true, Some(m)) => st.number(&format!("#,##0\"/{m}\"")),
            _ => st.number(&ind.value_format()),
        };
        let ten = &ind.v.ten;
        ws.write_number_with_format(r, 0, stt as f64, &st.cell_center)?;
        ws.write_string_with_format(r, 1, &ind.v.ma, &st.cell)?;
        ws.write_string_with_format(r, 2, ten, &st.cell_wrap)?;
        ws.set_row_height(r, wrapped_height(ten.chars().count(), name_width))?;
        ws.write_string_with_format(r, 3, &ind.v.dvt, &st.cell_center)?;
        // The target as a comparison and a number, so that a formula can
        // use it; a target that is not a number stays text.
        let target = target_parts(&ind.v.muc_tieu);
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
                ws.write_string_with_format(r, 5, &ind.v.muc_tieu, &st.cell_center)?;
            }
        }
        for (i, (y, _)) in years.iter().enumerate() {
            let v = ind.v.nam.get(y).map(|e| &e.gia_tri);
            let v = v.map_or(Num(None), |v| ind.shown(v, dec));
            write_opt_number(ws, r, c_years + i as u16, &v, &vf)?;
        }
        // The result is the district value of "Theo đơn vị": the whole
        // workbook recalculates from the ward cells.
        let unit_row = units.get(&ind.v.ma).copied();
        let result_ref = unit_row.map(|row| format!("'{SHEET_UNITS}'!{district_col}{}", row + 1));
        let gia_tri = &ind.v.now.gia_tri;
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
        let dat_pt = &ind.v.dat_pt_muc_tieu;
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
            let change = changes
                .entry(dec)
                .or_insert_with(|| st.number(&number_format(dec)));
            let formats = PeriodFormats {
                value: &vf,
                change,
                percent: &percent_1,
            };
            period_cells(ws, r, c_period, ind, dec, &formats, &res)?;
        } else {
            write_opt_number(ws, r, c_period, &ind.shown(&ind.v.binh_quan, 2), &percent_2)?;
        }
        ws.write_string_with_format(r, c_verdict, &ind.v.danh_gia_text, &st.cell_center)?;
        r += 1;
    }
    if r > first_data {
        status_colours(ws, first_data, r - 1, c_verdict)?;
    }
    let tong_ket = &ctx.tong_ket.text;
    if !tong_ket.is_empty() {
        ws.merge_range(r + 1, 0, r + 1, last_col, tong_ket, &st.summary)?;
    }
    page_setup(ws, hr)?;
    Ok(groups)
}

/// The formats of a periodic review's columns of one indicator: its
/// value's, a change's (a plain number in the figure's unit, points for a
/// rate, never "−1/38" or "−1,5%") and a percent's.
#[derive(Clone, Copy)]
pub(super) struct PeriodFormats<'a> {
    pub value: &'a Format,
    pub change: &'a Format,
    pub percent: &'a Format,
}

/// A periodic review's columns of one indicator: the same period of last
/// year, the change in the figure's unit and in percent, the year's plan
/// and the percent of it reached. The changes and the percent of plan are
/// live formulas of the result cell `res` (itself the district value of
/// "Theo đơn vị") where the context has them and the shown digits are the
/// values' own (not under `cat_bo`); blank where the report has none.
pub(super) fn period_cells(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    ind: &Ind,
    dec: usize,
    formats: &PeriodFormats<'_>,
    res: &str,
) -> Res<()> {
    let PeriodFormats {
        value: vf,
        change,
        percent,
    } = *formats;
    let p = ind.period();
    let cung_ky = &p.cung_ky;
    let ke_hoach = &p.ke_hoach;
    write_opt_number(ws, r, c, &ind.shown(cung_ky, dec), vf)?;
    write_opt_number(ws, r, c + 3, &ind.shown(ke_hoach, dec), vf)?;
    let ck = format!("{}{}", col_name(c), r + 1);
    let kh = format!("{}{}", col_name(c + 3), r + 1);
    let live = !ind.cat_bo;
    let cells = [
        (
            c + 1,
            &p.tang_cung_ky,
            format!("{res}-{ck}"),
            ck.clone(),
            change,
            dec,
        ),
        (
            c + 2,
            &p.tang_cung_ky_pt,
            format!("({res}/{ck}-1)*100"),
            ck.clone(),
            percent,
            1,
        ),
        (
            c + 4,
            &p.dat_pt_ke_hoach,
            format!("{res}/{kh}*100"),
            kh,
            percent,
            1,
        ),
    ];
    for (col, v, formula, base, format, digits) in cells {
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
