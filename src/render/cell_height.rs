//! Heights of Excel rows whose text wraps, measured from the text, the
//! column's width and the font's size. Neither Excel nor LibreOffice
//! autofits a row on load, so a workbook soket writes carries the height.

/// Height in points of a row whose wrapped text of `chars` characters
/// sits in a column `width` characters wide, in a `size` pt font: one
/// line (15.75 pt at 12 pt) per line of text, and 3 pt of margin.
pub(crate) fn wrapped_height(chars: usize, width: f64, size: f64) -> f64 {
    let scale = size / 12.0;
    let per_line = ((width - 1.0) / (1.05 * scale)).max(1.0) as usize;
    let lines = chars.div_ceil(per_line).max(1);
    15.75 * scale * lines as f64 + 3.0
}

#[cfg(test)]
mod tests {
    use super::wrapped_height;

    #[test]
    fn a_short_text_takes_one_line_and_a_long_one_as_many_as_it_fills() {
        assert_eq!(wrapped_height(10, 46.0, 12.0), 18.75);
        assert_eq!(wrapped_height(42, 46.0, 12.0), 18.75);
        assert_eq!(wrapped_height(43, 46.0, 12.0), 34.5);
        assert_eq!(
            wrapped_height(100, 46.0, 13.0),
            3.0 + 15.75 * 13.0 / 12.0 * 3.0
        );
    }
}
