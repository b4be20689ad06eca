//! "Biểu đồ": the percent of target reached, one bar chart per group.

use super::common::*;
use super::*;

/// "Biểu đồ": one bar chart per group of the percent of target reached,
/// read from "Tổng hợp" (indicators without such a percent show no bar).
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
