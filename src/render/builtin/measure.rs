//! Text widths in Times New Roman, measured from the font's metrics, so
//! that columns and blocks are sized to what they must hold on one line.

use unicode_normalization::UnicodeNormalization;

/// Advance widths of Times New Roman (regular, bold) in thousandths of an
/// em, from the font's published metrics (Liberation Serif, which
/// LibreOffice substitutes, has the same). Vietnamese letters take the
/// width of their base letter; the horned Ơ and Ư are a little wider.
fn advance(c: char, bold: bool) -> u32 {
    const UPPER: [u32; 26] = [
        722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
        556, 611, 722, 722, 944, 722, 722, 611,
    ];
    const UPPER_BOLD: [u32; 26] = [
        722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722,
        556, 667, 722, 722, 1000, 722, 722, 667,
    ];
    const LOWER: [u32; 26] = [
        444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333,
        389, 278, 500, 500, 722, 500, 500, 444,
    ];
    const LOWER_BOLD: [u32; 26] = [
        500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444,
        389, 333, 556, 500, 722, 500, 500, 444,
    ];
    let horn = matches!(
        c,
        'Ơ' | 'ơ'
            | 'Ư'
            | 'ư'
            | 'Ờ'
            | 'Ớ'
            | 'Ở'
            | 'Ỡ'
            | 'Ợ'
            | 'Ừ'
            | 'Ứ'
            | 'Ử'
            | 'Ữ'
            | 'Ự'
    );
    let base = match c {
        'đ' => 'd',
        'Đ' => 'D',
        c => std::iter::once(c).nfd().next().unwrap_or(c),
    };
    let width = match base {
        '0'..='9' => 500,
        ' ' | '\u{a0}' | '.' | ',' => 250,
        '/' | ':' => 278,
        '(' | ')' | '-' => 333,
        '%' => 833,
        '≥' | '≤' => 549,
        'A'..='Z' => {
            let table = if bold { &UPPER_BOLD } else { &UPPER };
            table[(base as u8 - b'A') as usize]
        }
        'a'..='z' => {
            let table = if bold { &LOWER_BOLD } else { &LOWER };
            table[(base as u8 - b'a') as usize]
        }
        _ => 500,
    };
    let width = width + if horn { 60 } else { 0 };
    // Fonts without the Vietnamese letters that carry two marks (ầ, ữ …),
    // such as the Liberation Serif LibreOffice substitutes on Linux, fall
    // back to a wider font for them; count them wider so a column that
    // fits there fits everywhere.
    if ('\u{1ea0}'..='\u{1ef9}').contains(&c) || horn {
        width * 13 / 10
    } else {
        width
    }
}

/// The width of `text` set in Times New Roman at `size` points, in twips,
/// rounded up to a multiple of 10: how the template measures its columns.
pub(super) fn measure(text: &str, size: u32, bold: bool) -> usize {
    let thousandths: u32 = text.chars().map(|c| advance(c, bold)).sum();
    // em/1000 × size pt × 20 twips/pt
    (thousandths * size * 20).div_ceil(10_000) as usize * 10
}
