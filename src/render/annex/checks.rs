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
    let or_empty = |t: &Option<String>| t.clone().unwrap_or_default();
    for (r, p) in (hr + 1..).zip(problems) {
        let muc_do = match p.muc_do.as_str() {
            "loi" => "Lỗi",
            "canh_bao" => "Cảnh báo",
            other => other,
        };
        ws.write_string_with_format(r, 0, muc_do, &st.cell)?;
        ws.write_string_with_format(r, 1, or_empty(&p.tep), &st.cell)?;
        ws.write_string_with_format(r, 2, or_empty(&p.trang), &st.cell)?;
        ws.write_string_with_format(r, 3, or_empty(&p.o), &st.cell)?;
        ws.write_string_with_format(r, 4, &p.thong_diep, &st.cell_wrap)?;
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
        let mut row = |r: u32, unit: &str, u: Source| -> Res<()> {
            ws.write_string(r, 0, ma)?;
            ws.write_string(r, 1, ten)?;
            ws.write_string(r, 2, unit)?;
            if let Some(y) = year {
                ws.write_number(r, 3, y)?;
            }
            match ind.shown(u.gia_tri, ind.decimals()).f64() {
                Some(n) => {
                    ws.write_number_with_format(r, 4, n, &vf)?;
                }
                None => {
                    if let Some(t) = u.gia_tri_text {
                        ws.write_string(r, 4, t)?;
                    }
                }
            }
            for (c, v) in [(5, u.tu_so), (6, u.mau_so)] {
                if let Some(n) = v.f64() {
                    ws.write_number_with_format(r, c, n, &fraction)?;
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
    }
    ws.autofilter(hr, 0, r.saturating_sub(1).max(hr), 7)?;
    ws.set_freeze_panes(hr + 1, 0)?;
    page_setup(ws, hr)
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
