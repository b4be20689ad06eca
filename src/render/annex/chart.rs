//! "Biểu đồ": the percent of target reached, one bar chart per group.

use super::common::*;
use super::*;

/// At most this many bars in one chart, so that a chart with its title
/// and value axis fits a landscape A4 page (120 + 28 × 15 = 540 px).
const MAX_BARS: u32 = 15;

/// "Biểu đồ": one bar chart per group of the percent of target reached,
/// read from "Tổng hợp" (indicators without such a percent show no bar).
/// A group of more than [`MAX_BARS`] indicators is split into charts of
/// near-equal size ("Kinh tế (1/2)", "Kinh tế (2/2)"), each on its page.
pub(super) fn chart_sheet(ws: &mut Worksheet, groups: &[GroupRows]) -> Res<()> {
    use rust_xlsxwriter::{Chart, ChartType};
    ws.set_name(SHEET_CHARTS)?;
    let mut row = 1u32;
    let mut breaks = Vec::new();
    ws.write_string(
        0,
        0,
        "Tỷ lệ % so với mục tiêu nhiệm kỳ, theo nhóm chỉ tiêu (từ bảng Tổng hợp)",
    )?;
    let mut parts = Vec::new();
    for g in groups {
        let n = g.last - g.first + 1;
        let count = n.div_ceil(MAX_BARS).max(1);
        let size = n.div_ceil(count);
        for k in 0..count {
            let first = g.first + k * size;
            let last = (first + size - 1).min(g.last);
            let title = if count == 1 {
                g.name.clone()
            } else {
                format!("{} ({}/{count})", g.name, k + 1)
            };
            parts.push((title, first, last, g.percent_col));
        }
    }
    for (title, first, last, percent_col) in &parts {
        let (first, last, percent_col) = (*first, *last, *percent_col);
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_categories((SHEET_SUMMARY, first, 1, last, 1))
            .set_values((SHEET_SUMMARY, first, percent_col, last, percent_col))
            .set_name("% mục tiêu");
        chart.title().set_name(title);
        chart.legend().set_hidden();
        let bars = (last - first + 1).max(2);
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
    // One page wide: the value axis's labels stay on the page.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_paper_size(9);
    Ok(())
}
