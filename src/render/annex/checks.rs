//! "Kiểm tra" (the problems) and "Nguồn" (every figure's source cell).

use super::common::*;
use super::*;

pub(super) fn checks_sheet(ws: &mut Worksheet, ctx: &Context, st: &Styles) -> Res<()> {
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
    let problems = &ctx.van_de;
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
    // A roll-up lists thousands of problems, and a cell written with a
    // format costs a lookup of that format (a hash of all of it): the
    // texts are written bare and each column's box is put on the rows at
    // once (`set_range_format`, one lookup), which leaves the cells as
    // writing each with its format would, an empty text a boxed blank.
    // The last row is written with its formats, as before: it alone
    // extends the sheet's dimension (set_range_format does not), also
    // when all its texts are empty; and the formats are first used in
    // the same order, so the styles are unchanged.
    let first = hr + 1;
    let last = hr + problems.len() as u32;
    let formats = [&st.cell, &st.cell, &st.cell, &st.cell, &st.cell_wrap];
    for (r, p) in (first..).zip(problems) {
        let muc_do = match p.muc_do.as_str() {
            "loi" => "Lỗi",
            "canh_bao" => "Cảnh báo",
            other => other,
        };
        let texts = [
            muc_do,
            p.tep.as_deref().unwrap_or_default(),
            p.trang.as_deref().unwrap_or_default(),
            p.o.as_deref().unwrap_or_default(),
            &p.thong_diep,
        ];
        for (c, (text, format)) in (0..).zip(texts.into_iter().zip(formats)) {
            if r == last {
                ws.write_string_with_format(r, c, text, format)?;
            } else {
                ws.write_string(r, c, text)?;
            }
        }
    }
    if last > first {
        ws.set_range_format(first, 0, last - 1, 3, &st.cell)?;
        ws.set_range_format(first, 4, last - 1, 4, &st.cell_wrap)?;
    }
    page_setup(ws, hr)
}

// ---------------------------------------------------------------------------
// Sheet 4: Nguồn

pub(super) fn sources_sheet(
    ws: &mut Worksheet,
    ctx: &Context,
    inds: &[Ind],
    st: &Styles,
) -> Res<()> {
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
    let year = ctx.so_lieu.nam_bao_cao.map(f64::from);
    let units = units(ctx);
    let district = capitalize(&ctx.so_lieu.ten_don_vi);
    let fraction = Styles::plain_number("#,##0.####");
    let mut r = hr + 1;
    for ind in inds {
        let vf = Styles::plain_number(&ind.value_format());
        let (ma, ten) = (ind.v.ma.as_str(), ind.v.ten.as_str());
        // The numbers are written bare and their formats put on them by
        // runs of rows at the end of the indicator (see `Runs`).
        let (mut values, mut tu_so, mut mau_so) =
            (Runs::default(), Runs::default(), Runs::default());
        let mut row = |r: u32, unit: &str, u: Source| -> Res<()> {
            ws.write_string(r, 0, ma)?;
            ws.write_string(r, 1, ten)?;
            ws.write_string(r, 2, unit)?;
            if let Some(y) = year {
                ws.write_number(r, 3, y)?;
            }
            match ind.shown(u.gia_tri, ind.decimals()).f64() {
                Some(n) => {
                    ws.write_number(r, 4, n)?;
                    values.push(r);
                }
                None => {
                    if let Some(t) = u.gia_tri_text {
                        ws.write_string(r, 4, t)?;
                    }
                }
            }
            for (c, v, runs) in [(5, u.tu_so, &mut tu_so), (6, u.mau_so, &mut mau_so)] {
                if let Some(n) = v.f64() {
                    ws.write_number(r, c, n)?;
                    runs.push(r);
                }
            }
            if let Some(t) = u.nguon {
                ws.write_string(r, 7, t)?;
            }
            Ok(())
        };
        for (i, (ma, _)) in units.iter().enumerate() {
            let Some(u) = ind.v.don_vi.get_at(i, ma) else {
                continue;
            };
            if !u.gia_tri.is_number() && u.nguon.is_none() {
                continue;
            }
            let source = Source {
                gia_tri: &u.gia_tri,
                gia_tri_text: u.gia_tri_text.as_deref(),
                tu_so: &u.tu_so,
                mau_so: &u.mau_so,
                nguon: u.nguon.as_deref(),
            };
            row(r, &u.ten, source)?;
            r += 1;
        }
        // A district figure (cap_quan) with its own source cell.
        if ind.v.nguon.is_some() {
            let now = &ind.v.now;
            let source = Source {
                gia_tri: &now.gia_tri,
                gia_tri_text: now.gia_tri_text.as_deref(),
                tu_so: &now.tu_so,
                mau_so: &now.mau_so,
                nguon: ind.v.nguon.as_deref(),
            };
            row(r, &district, source)?;
            r += 1;
        }
        // The formats are first used in the order the cells come, row by
        // row (a value before its fractions), so the styles are unchanged.
        let fraction_row = tu_so.first().into_iter().chain(mau_so.first()).min();
        let fractions_first = matches!((fraction_row, values.first()), (Some(f), Some(v)) if f < v);
        if fractions_first {
            tu_so.format(ws, 5, &fraction)?;
            mau_so.format(ws, 6, &fraction)?;
            values.format(ws, 4, &vf)?;
        } else {
            values.format(ws, 4, &vf)?;
            tu_so.format(ws, 5, &fraction)?;
            mau_so.format(ws, 6, &fraction)?;
        }
    }
    ws.autofilter(hr, 0, r.saturating_sub(1).max(hr), 7)?;
    ws.set_freeze_panes(hr + 1, 0)?;
    page_setup(ws, hr)
}

/// The rows of one column whose numbers take one format, as runs of
/// consecutive rows: "Nguồn" holds a row per ward and indicator, and a
/// number written with its format costs a lookup of that format (a hash of
/// all of it), where `set_range_format` puts it on a whole run with one.
/// The runs cover written cells only, so no blank cell is added and the
/// sheet's dimension stays that of its cells.
#[derive(Default)]
struct Runs(Vec<(u32, u32)>);

impl Runs {
    fn push(&mut self, r: u32) {
        match self.0.last_mut() {
            Some((_, last)) if *last + 1 == r => *last = r,
            _ => self.0.push((r, r)),
        }
    }
    fn first(&self) -> Option<u32> {
        self.0.first().map(|&(first, _)| first)
    }
    /// Puts `format` on column `c` of every run.
    fn format(&self, ws: &mut Worksheet, c: u16, format: &Format) -> Res<()> {
        for &(first, last) in &self.0 {
            ws.set_range_format(first, c, last, c, format)?;
        }
        Ok(())
    }
}

/// What a row of "Nguồn" shows of a unit's value or a district figure.
#[derive(Clone, Copy)]
pub(super) struct Source<'a> {
    gia_tri: &'a Num,
    gia_tri_text: Option<&'a str>,
    tu_so: &'a Num,
    mau_so: &'a Num,
    nguon: Option<&'a str>,
}
