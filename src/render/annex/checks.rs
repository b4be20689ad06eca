//! "Kiểm tra" (the problems) and "Nguồn" (every figure's source cell).

use super::common::*;
use super::*;

pub(super) fn checks_sheet(ws: &mut Worksheet, ctx: &Value, st: &Styles) -> Res<()> {
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

pub(super) fn sources_sheet(ws: &mut Worksheet, ctx: &Value, inds: &[Ind], st: &Styles) -> Res<()> {
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
