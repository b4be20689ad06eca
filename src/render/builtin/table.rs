//! The table of all indicators: columns measured from what they hold.

use super::*;

/// Left and right margin of the indicator table's cells: 1 mm.
const TABLE_CELL_MARGIN: usize = 57;

/// Column widths of the indicator table, measured from what each column
/// must hold on one line at 13 pt: "STT", the widest result of a ratio
/// ("19.017/20.000 (95,09%)", which also holds "14.500.000.000đ"), a
/// target such as "≥ 14.500" (in a periodic review's table, where the
/// year's plan stands in for a missing target, a plan up to
/// "17.100.000.000" under its "KH"), "phường", "Chưa đạt"; longer units
/// ("doanh nghiệp") and verdicts ("Không đánh giá") take two lines, between
/// their words. The name column takes the rest of the text width.
fn table_columns(periodic: bool) -> [usize; 6] {
    let fit = |t: &str, bold| measure(t, 13, bold) + 2 * TABLE_CELL_MARGIN + 20;
    let stt = fit("STT", true);
    let unit = fit("tỷ đồng", false).max(fit("phường", false));
    let widest_target = if periodic {
        "17.100.000.000"
    } else {
        "≥ 14.500"
    };
    let target = fit(widest_target, false).max(fit("Mục tiêu", true));
    let result = fit("19.017/20.000 (95,09%)", false).max(fit("14.500.000.000đ", false));
    let verdict = fit("Chưa đạt", false).max(fit("Đánh giá", true));
    let name = TEXT_W - stt - unit - target - result - verdict;
    [stt, name, unit, target, result, verdict]
}

fn table_cell(width: usize, text: &str, f: Fmt, align: AlignmentType) -> TableCell {
    let p = line(text, f, align).line_spacing(spacing(40, 40, 240));
    cell(width, vec![p]).vertical_align(VAlignType::Center)
}

/// A row of one cell spanning the table, holding a `{%tr … %}` tag.
fn tag_row(text: &str) -> TableRow {
    TableRow::new(vec![cell(TEXT_W, vec![tag(text)]).grid_span(6)])
}

/// The table of all indicators: target, result, evaluation. Its header row
/// repeats on every page. Targets are written with ≥ and ≤ (the table is
/// the one place for them), numbers held to their units.
///
/// A periodic review's table shows the year's plan where an indicator has
/// no target ("KH 17.100.000.000"), so its target column is wider; a term
/// review's keeps the width for the names.
pub(super) fn indicator_table(periodic: bool) -> Table {
    let cols = table_columns(periodic);
    let c = AlignmentType::Center;
    let head = [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu",
        "Kết quả",
        "Đánh giá",
    ];
    let header = TableRow::new(
        cols.iter()
            .zip(head)
            .map(|(&w, t)| table_cell(w, t, pt(13).bold(), c))
            .collect(),
    )
    .row_height(TABLE_HEADER_HEIGHT as f32)
    .height_rule(HeightRule::AtLeast)
    .cant_split();
    let result = format!(
        concat!(
            r#"{{% if c.gia_tri is none %}}-{{% elif c.tong_hop is startingwith("ty_le") %}}"#,
            "{{{{ c.phan_so }}}}{nb}({{{{ c.ty_le }}}}){{% else %}}{shown}{{% endif %}}",
            "{{% if c.gia_tri is not none %}}{caveat}{{% endif %}}",
        ),
        nb = NB,
        shown = SHOWN,
        caveat = CAVEAT
    );
    // Without a target, the year's plan where there is one ("KH 8.600"):
    // a whole year is judged against it, and a verdict must show what it
    // was judged against.
    let target = concat!(
        r#"{% if c.muc_tieu %}{{ c.muc_tieu|replace(">=", "≥")|replace("\u003c=", "≤")"#,
        r#"|replace(" ", "\u00a0") }}{% elif c.ke_hoach is defined and c.ke_hoach is not none %}"#,
        "KH {{ c.ke_hoach_text }}{% endif %}"
    );
    let values = [
        ("{{ loop.index }}", c),
        ("{{ c.ten }}", AlignmentType::Left),
        ("{{ c.dvt }}", c),
        (target, c),
        (result.as_str(), c),
        ("{{ c.danh_gia_text }}", c),
    ];
    let row = TableRow::new(
        cols.iter()
            .zip(values)
            .map(|(&w, (t, a))| table_cell(w, t, pt(13), a))
            .collect(),
    )
    .cant_split();
    Table::new(vec![
        header,
        tag_row("{%tr for ma, c in ct|items %}"),
        row,
        tag_row("{%tr endfor %}"),
    ])
    .set_borders(
        // Half-point single lines, the usual weight of administrative tables.
        [
            TableBorderPosition::Top,
            TableBorderPosition::Left,
            TableBorderPosition::Bottom,
            TableBorderPosition::Right,
            TableBorderPosition::InsideH,
            TableBorderPosition::InsideV,
        ]
        .into_iter()
        .fold(TableBorders::new(), |b, pos| {
            b.set(
                TableBorder::new(pos)
                    .border_type(BorderType::Single)
                    .size(4),
            )
        }),
    )
    .set_grid(cols.to_vec())
    .width(TEXT_W, WidthType::Dxa)
    .layout(TableLayoutType::Fixed)
    .margins(TableCellMargins::new().margin(0, TABLE_CELL_MARGIN, 0, TABLE_CELL_MARGIN))
}
